/* SPDX-License-Identifier: MIT */
/*
 * The store: the only door to persistence. The rest of Rubric asks for what it needs
 * ("questions matching this search", "load this bank") and never sees SQL. A backend is a
 * table of operations behind struct store; SQLite is the embedded default, PostgreSQL comes
 * later behind the same calls.
 *
 * Every write is one transaction: on any error the store is left as it was.
 * Functions return RB_OK or an error with a message in errmsg (RB_ERRMSG bytes).
 * The JSON a call answers with is specified key by key in store/store_shapes.h, and
 * tests/unit/test_store_shapes.c holds every backend to it.
 */
#ifndef RUBRIC_STORE_STORE_H
#define RUBRIC_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "model/question.h"
#include "model/question_bank.h"
#include "model/role_profile.h"
#include "model/user_account.h"
#include "util/err.h"

struct store;

/* The store used when neither --db nor RUBRIC_DB says otherwise. */
#define STORE_DEFAULT_URL "sqlite:./rubric.db"

/* Opens the store named by url ("sqlite:PATH", "sqlite::memory:"; a bare path means
 * sqlite), creating it and applying schema migrations as needed. A store whose schema is
 * newer than this binary knows is refused (RB_ESTORE). *out is new: close it with
 * store_close. */
enum rb_err store_open(const char *url, struct store **out, char *errmsg);

/* url as a message may show it: whole, with a password ("scheme://user:PASSWORD@host" or
 * "?password=PASSWORD") replaced by "***"; at most size - 1 bytes into out. Returns out. */
char *store_url_redacted(const char *url, char *out, size_t size);

/* For the tests: when set, called with an operation's name just before a backend answers
 * that it does not have that operation yet (so a test can report itself skipped). */
extern void (*store_unavailable_hook)(const char *op);
void store_close(struct store *s);

/* A new SQLite store's schema and first rows as one SQL script, made at build time by the
 * migrations themselves (tools/sqlsnap.c writes build/gen/sqlsnap.c, linked into the rubric
 * binary): a store that is new runs it instead of every migration. */
struct sqlite_snapshot {
    const char *sql;
    int version; /* the schema version it makes */
};
/* Defined only in programs that link build/gen/sqlsnap.c. */
extern const struct sqlite_snapshot sqlite_snapshot_builtin;
/* Offers snap (static storage) to the SQLite stores opened after this call: a new one of
 * snap's version is made by it. NULL withdraws the offer. */
void store_offer_sqlite_snapshot(const struct sqlite_snapshot *snap);

/* The schema version this binary knows and the one the open store has. */
int store_schema_latest(void);
int store_schema_version(struct store *s);

/* ---- the question bank ---- */

struct load_result {
    size_t added, updated, unchanged, retired, competencies, synonyms;
};

/* Loads a checked bank in one transaction: competencies and synonyms are replaced by the
 * bank's, its questions inserted or updated by id, and questions from bank files that are
 * no longer in it retired (kept for history, hidden from search). Imported questions that
 * the bank does not mention are left alone. */
enum rb_err store_bank_load(struct store *s, const struct bank *b, struct load_result *r,
                            char *errmsg);

/* Fills *q (cleanup with question_cleanup) with the question called id; RB_ENOTFOUND when
 * there is none. Retired questions are found too. */
enum rb_err store_question_get(struct store *s, const char *id, struct question *q, char *errmsg);

struct search_query {
    const char *text;       /* words as a person typed them; "quoted phrases" and word* */
    int level;              /* 0: any */
    int category;           /* -1: any */
    const char *competency; /* NULL: any */
    size_t limit;           /* 1 to SEARCH_LIMIT_MAX */
    /* NULL, or only questions assessing one of these (NULL-terminated): a role's */
    const char *const *any_of;
    /* 0: every hit is whole; else only hits snip_from to snip_from + snip_len - 1 are (a
     * page of many), and the others are only counted (id NULL, score 0) */
    size_t snip_from, snip_len;
    int max_minutes; /* 0: any; else only questions of at most this many minutes */
};

#define SEARCH_LIMIT_MAX 1000

struct search_hit {
    char *id;
    char *title;
    char *snippet; /* matched words between \x02 and \x03 */
    char *competency;
    double score; /* higher is better */
    enum category category;
    int level_min, level_max, minutes;
};

/* Full-text search, best first. *hits is new (free with search_hits_free). RB_EINVAL when
 * the text has no words to search for. */
enum rb_err store_question_search(struct store *s, const struct search_query *sq,
                                  struct search_hit **hits, size_t *n, char *errmsg);
void search_hits_free(struct search_hit *hits, size_t n);

#define STATS_MAX_COMPETENCIES 256
#define STATS_MAX_TRACKS 64

struct bank_stats {
    size_t questions, retired, imported;
    size_t ncomps;
    struct {
        char *id;
        char *name;
        size_t total;
        size_t by_category[CAT_COUNT];
        size_t by_level[LEVEL_MAX + 1];
    } comps[STATS_MAX_COMPETENCIES];
    size_t by_category[CAT_COUNT];
    size_t by_level[LEVEL_MAX + 1]; /* a question counts at every level of its range */
    size_t matrix[CAT_COUNT][LEVEL_MAX + 1];
    /* the stack tracks (docs/FORMATS.md), by name: their live questions, by level */
    size_t ntracks;
    struct {
        char *track;
        size_t total;
        size_t by_level[LEVEL_MAX + 1];
    } tracks[STATS_MAX_TRACKS];
};

/* Counts the live questions. *st is filled; release with bank_stats_cleanup. A question
 * counts for every competency it has. */
enum rb_err store_bank_stats(struct store *s, struct bank_stats *st, char *errmsg);
void bank_stats_cleanup(struct bank_stats *st);

/* Fills b (initialised by the caller) with every competency, live question and synonym,
 * in a stable order: competencies by id, questions by competency then id. */
enum rb_err store_bank_export(struct store *s, struct bank *b, char *errmsg);

struct import_result {
    size_t added, skipped;    /* skipped: the same question text is already stored */
    unsigned char *was_added; /* per question given: 1 if added (new; free()) */
};

/* Adds imported questions in one transaction, skipping those whose folded text is already
 * stored. The competencies named must exist or be given in comps (added if missing). */
enum rb_err store_questions_import(struct store *s, const struct question *qs, size_t n,
                                   const struct competency *comps, size_t ncomps,
                                   struct import_result *r, char *errmsg);

/* The question called id as the text of question_to_json (new: free it), read straight
 * from the store; RB_ENOTFOUND. Retired questions are found too. */
enum rb_err store_question_json(struct store *s, const char *id, char **text, char *errmsg);

/* One question, from the API: created (RB_ECONFLICT when its id or text is taken) or, when
 * create is false, updated in place (RB_ENOTFOUND when there is none). Its source should
 * say where it came from ("api"), so that loading the bank files leaves it alone. */
enum rb_err store_question_save(struct store *s, const struct question *q, bool create,
                                char *errmsg);
/* Retires the question called id: kept for history, gone from search and lists. */
enum rb_err store_question_retire(struct store *s, const char *id, char *errmsg);
/* Live questions by id that pass f's filters (f->text is ignored), f->limit from offset;
 * *total counts all that pass. The hits have no snippet and a score of 0. */
enum rb_err store_question_list(struct store *s, const struct search_query *f, size_t offset,
                                struct search_hit **hits, size_t *n, size_t *total, char *errmsg);

/* Whether a question with the same folded text is stored (for dry runs). */
enum rb_err store_question_text_exists(struct store *s, const char *text, int *exists,
                                       char *errmsg);

/* ---- roles ---- */

/* Saves roles in one transaction, replacing any with the same id. source says where they
 * came from ("built-in", a path, "import:FILE"). Every competency a role names must be in
 * the store (RB_EINVAL naming it otherwise). */
enum rb_err store_roles_save(struct store *s, const struct role *roles, size_t n,
                             const char *source, char *errmsg);
/* Every stored role, by id, into set (initialised by the caller). */
enum rb_err store_role_list(struct store *s, struct role_set *set, char *errmsg);
/* The role called id (role_cleanup it); RB_ENOTFOUND when there is none. */
enum rb_err store_role_get(struct store *s, const char *id, struct role *r, char *errmsg);

/* ---- kit selection ---- */

/* Which questions a kit may draw for one slot. */
struct kit_pick {
    const char *competency; /* primary competency */
    enum category category;
    int level;       /* the question's range must include it ... */
    bool or_below;   /* ... or, when set, only start at or below it */
    int max_minutes; /* at most this long */
    /* When false, questions of the stack tracks never fit. When true, only they do, of
     * competency (of any when it is NULL), and only those naming a core skill of their track
     * (one at least half of its questions name) that is among skills. */
    bool stack_only;
    const char *skills; /* the role's skills as a JSON array of canonical names, or NULL */
};

/* Starts choosing questions for a kit: nothing is excluded but, when candidate is not NULL,
 * the questions of every kit saved for that candidate. */
enum rb_err store_kit_begin(struct store *s, const char *candidate, char *errmsg);
/* Excludes question id from the rest of the kit. */
enum rb_err store_kit_exclude(struct store *s, const char *id, char *errmsg);
/* How many live, not excluded questions fit p. */
enum rb_err store_kit_count(struct store *s, const struct kit_pick *p, size_t *n, char *errmsg);
/* The nth of them (0-based) in a stable order: *id is new (free it), *minutes its length. */
enum rb_err store_kit_nth(struct store *s, const struct kit_pick *p, size_t nth, char **id,
                          int *minutes, char *errmsg);
/* Saves a generated kit (its JSON) with the ids of the questions it holds; *kit_id is the
 * new kit's number. */
enum rb_err store_kit_save(struct store *s, const char *role, int level, const char *stage,
                           int minutes, unsigned long long seed, const char *candidate,
                           const char *body, const char *const *questions, size_t nquestions,
                           long long *kit_id, char *errmsg);

/* The JSON of saved kit id (new: free it); RB_ENOTFOUND. */
enum rb_err store_kit_get(struct store *s, long long id, char **body, char *errmsg);

/* ---- parsed resumes ---- */

/* A resume as parsed, by the SHA-256 of its file's bytes (64 hex digits). parser names the
 * parser and taxonomy that produced body (its JSON); blind says it was parsed from
 * redacted text. */
struct parsed_resume {
    const char *hash;
    bool blind;
    const char *parser;
    const char *format;
    const char *body;
};

/* The stored parse of hash made by parser: *format and *body are new (free them);
 * RB_ENOTFOUND when there is none, or only one by another parser. */
enum rb_err store_resume_get(struct store *s, const char *hash, bool blind, const char *parser,
                             char **format, char **body, char *errmsg);
/* Stores parses in one transaction, replacing those of the same files and blindness.
 * RB_EINVAL, nothing stored, when a hash is not 64 lowercase hex digits or a body is not a
 * JSON object ('{' to '}'; its inside is the caller's to get right). */
enum rb_err store_resumes_put(struct store *s, const struct parsed_resume *v, size_t n,
                              char *errmsg);
/* *any: whether s keeps any parse at all (of any file or parser). A run over many files
 * that finds none skips looking each one up. */
enum rb_err store_resumes_any(struct store *s, bool *any, char *errmsg);

/* ---- users and authentication ---- */

/* Adds u (its email already normal) with a password hash (NULL: no password); *id is the
 * new user's. RB_ECONFLICT when the email is taken. */
enum rb_err store_user_add(struct store *s, const struct user *u, const char *pwhash, long long *id,
                           char *errmsg);
/* The user with id (when email is NULL) or with email: *u (user_cleanup it) and, when
 * pwhash is not NULL, the password hash (new, NULL if none). RB_ENOTFOUND. */
enum rb_err store_user_get(struct store *s, long long id, const char *email, struct user *u,
                           char **pwhash, char *errmsg);
/* Every user by email: *v (user_cleanup each, then free) and *n. */
enum rb_err store_user_list(struct store *s, struct user **v, size_t *n, char *errmsg);

/* What to change in a user: NULL or -1 leaves a field as it is. Disabling a user, or a
 * new password, ends their sessions (but keep_session, the hash of the session making the
 * change, when set) and revokes their API tokens (a new password: unless keep_tokens). */
struct user_update {
    const char *name;
    int role;
    int disabled;
    const char *pwhash;
    const char *keep_session;
    bool keep_tokens;
};
enum rb_err store_user_update(struct store *s, long long id, const struct user_update *up,
                              char *errmsg);

/* Sessions by the hash of their token, with the CSRF token that goes with them; times in
 * Unix seconds. A session that expired, or whose user is disabled, is RB_ENOTFOUND. */
enum rb_err store_session_create(struct store *s, long long user, const char *token_hash,
                                 const char *csrf, long long now, long long expires, char *errmsg);
enum rb_err store_session_get(struct store *s, const char *token_hash, long long now,
                              struct user *u, char **csrf, char *errmsg);
enum rb_err store_session_delete(struct store *s, const char *token_hash, char *errmsg);

/* API tokens by hash: created (named), found (not revoked, user not disabled; its last
 * use is recorded), listed (without hashes) and revoked (user 0: whoever's it is). */
enum rb_err store_token_create(struct store *s, long long user, const char *name,
                               const char *token_hash, long long *id, char *errmsg);
enum rb_err store_token_get(struct store *s, const char *token_hash, struct user *u, char *errmsg);
enum rb_err store_token_list(struct store *s, long long user, json_t **out, char *errmsg);
enum rb_err store_token_revoke(struct store *s, long long user, long long id, char *errmsg);

/* Failed logins by key ("account:EMAIL", "address:IP") within window seconds before now:
 * *count is the most for any of keys. LOGIN_RECORD adds a failure for each key,
 * LOGIN_CLEAR forgets them (a success); both prune failures older than the window. */
enum login_op { LOGIN_COUNT, LOGIN_RECORD, LOGIN_CLEAR };
enum rb_err store_login_failures(struct store *s, const char *const *keys, size_t nkeys,
                                 long long now, long long window, enum login_op op, int *count,
                                 char *errmsg);

/* Sign-in throttling (core/auth.c): an attempt is reserved before its password is checked,
 * so that concurrent attempts cannot all pass a count taken before any of them failed.
 * A rule's key is reserved when, among its failures within window seconds before now, there
 * are fewer than limit and, past delay_after of them (0: no delay), the last is at least
 * 2^(failures - delay_after) seconds old (delay_max at most). */
struct login_rule {
    const char *key;
    int limit;
    int delay_after;
    long long delay_max;
};
/* Reserves every rule's key or none, in one transaction: each reserved key gets a failure
 * at now (a success clears them with store_login_failures' LOGIN_CLEAR). *refused is the
 * index of the first rule that refused (nothing recorded), or -1; *wait the seconds until it
 * would accept. */
enum rb_err store_login_reserve(struct store *s, const struct login_rule *rules, size_t n,
                                long long now, long long window, int *refused, long long *wait,
                                char *errmsg);
/* Whether account (a normal email) has signed in from address before (*known); with
 * remember, records that it does so now. */
enum rb_err store_login_known(struct store *s, const char *account, const char *address,
                              long long now, bool remember, bool *known, char *errmsg);

/* A write transaction around several store calls, so that they commit together or not at
 * all: a change and its audit entry (store_audit_append). Each write call inside is part of
 * it (its own failure undoes only itself, and the caller's store_tx_end with that error
 * undoes the rest). store_tx_end commits when rc is RB_OK, else rolls back, and returns rc
 * or the commit's error. Transactions nest. */
enum rb_err store_tx_begin(struct store *s, char *errmsg);
enum rb_err store_tx_end(struct store *s, enum rb_err rc, char *errmsg);

/* Kits and who may read them: store_kit_owner records that account saved kit;
 * store_kit_reader says whether account saved it or sits on the panel of an interview
 * built with it (*yes). */
enum rb_err store_kit_owner(struct store *s, long long kit, long long account, char *errmsg);
enum rb_err store_kit_reader(struct store *s, long long kit, long long account, bool *yes,
                             char *errmsg);

/* The questions practice put to an account (core/practice.h): recorded (remember), or
 * whether it was (*yes). */
enum rb_err store_practice_served(struct store *s, long long account, const char *question,
                                  long long now, bool remember, bool *yes, char *errmsg);

/* Backups. store_backup copies the whole store, online (others go on reading and writing),
 * into a new file at path (mode 0600, written beside it and renamed into place): the store as
 * of one moment, with every write committed before the backup began. store_restore replaces
 * the store's content with the backup at path after checking it (integrity check, a schema
 * this binary knows): RB_EINVAL saying what is wrong with the file; stop servers first. */
enum rb_err store_backup(struct store *s, const char *path, char *errmsg);
enum rb_err store_restore(struct store *s, const char *path, char *errmsg);

/* Copying a whole store into another, of either backend (store/store_copy.c): the source
 * read in one snapshot while its servers go on writing, the destination written in one
 * transaction that commits only when the two compare equal (row counts and a digest of every
 * row of every table). STORE_COPY_EMPTY refuses a destination holding any data
 * (RB_ECONFLICT, nothing changed); STORE_COPY_REPLACE replaces what it holds. A copy that does
 * not compare equal is rolled back (RB_ESTORE naming the first table that differs). progress
 * (may be NULL) hears of each table: phase "copy" or "verify", rows so far, done at its end. */
enum store_copy_mode { STORE_COPY_EMPTY, STORE_COPY_REPLACE };
typedef void (*store_copy_progress_fn)(void *ctx, const char *phase, const char *table,
                                       long long rows, bool done);
enum rb_err store_copy(struct store *from, struct store *to, enum store_copy_mode mode,
                       store_copy_progress_fn progress, void *ctx, char *errmsg);
/* Compares two stores, each read in one snapshot: RB_OK when every table holds the same rows,
 * RB_ECONFLICT naming the first table that differs. */
enum rb_err store_compare(struct store *a, struct store *b, store_copy_progress_fn progress,
                          void *ctx, char *errmsg);
/* Whether the copy's list of tables fits store s: RB_EINTERNAL naming a table of s the list
 * lacks, a listed table s lacks, or one listed before a table it references. */
enum rb_err store_copy_check(struct store *s, char *errmsg);

/* Whether a resume refers to the upload with SHA-256 hash (*used): files of an uploads
 * folder from before schema 21 that none refers to are not brought into the store
 * (core/privacy.h, privacy_uploads_import). */
enum rb_err store_upload_used(struct store *s, const char *hash, bool *used, char *errmsg);

/* Resume originals, kept in the store by the SHA-256 of their bytes (content-addressed: one
 * row however many resumes refer to it), written with the resume rows (store_resumes_add)
 * and deleted with the last of them (store_candidate_erase). */
/* The original with hex SHA-256 hash into *data (new, free with free; a NUL follows the
 * bytes) and *len. RB_ENOTFOUND when none is kept; RB_ETOOBIG when it is over max bytes
 * (nothing read). */
enum rb_err store_original_get(struct store *s, const char *hash, size_t max, void **data,
                               size_t *len, char *errmsg);
/* Keeps data (len bytes, whose SHA-256 is hash: the caller checked) as an original when a
 * resume refers to hash and none is kept yet, in one transaction: *kept is true when the
 * store holds it afterwards (kept now or before), false when no resume refers to it. */
enum rb_err store_original_keep(struct store *s, const char *hash, const void *data, size_t len,
                                bool *kept, char *errmsg);

/* ---- candidates, resumes, screenings ---- */

struct candidate_new {
    const char *name, *email, *phone, *role;
    /* when resume is not 0: a candidate from that scored resume of screening, at stage
     * screened, the resume theirs; what name, email, phone and role leave NULL comes from
     * the resume's parse and the screening's role */
    long long screening, resume;
    long long created_by;         /* 0: nobody (the CLI) */
    const char *created_by_label; /* who, as the history shows it (NULL: 'command line') */
};

struct resume_new {
    long long candidate; /* 0: not yet tied to a candidate */
    const char *hash;    /* hex SHA-256 of the bytes */
    const char *filename;
    size_t size;
    const void *data;   /* the original's size bytes, kept by hash once (store_original_get) */
    const char *format; /* NULL when it could not be read, and then ... */
    const char *parsed; /* ... NULL too, and error says why */
    const char *error;
    long long uploaded_by;
};

struct screening_outcome {
    long long resume;
    double score;
    const char *result; /* its JSON (screen_to_json and more), or NULL ... */
    const char *error;  /* ... with why it could not be scored */
};

struct interview_new {
    long long candidate;
    const char *stage; /* the kit's stage */
    int minutes;
    const char *scheduled_at;      /* ISO 8601, or NULL */
    long long kit;                 /* the saved kit's id, or 0 */
    const char *kit_json;          /* the kit, frozen */
    const long long *interviewers; /* account ids */
    size_t ninterviewers;
    long long created_by;
    long long application; /* the application it belongs to, 0: none */
};
/* A new interview in candidate's loop, in one transaction; RB_ENOTFOUND without the
 * candidate. */
enum rb_err store_interview_create(struct store *s, const struct interview_new *v, long long *id,
                                   char *errmsg);
/* An interview as JSON: candidate, stage, minutes, scheduled_at, interviewers (emails), kit
 * (as frozen). New reference; RB_ENOTFOUND. */
enum rb_err store_interview_get(struct store *s, long long id, json_t **out, char *errmsg);

/* Moves candidate id to stage (a string core/candidate.h checks), recording
 * who (an account, or 0 and a label) and why (may be NULL) in their history.
 * RB_ENOTFOUND; RB_ECONFLICT when they are at that stage already. */
enum rb_err store_candidate_stage(struct store *s, long long id, const char *stage, long long by,
                                  const char *by_label, const char *reason, char *errmsg);
/* A new candidate (name required unless from a screening; the others may be NULL); *id is
 * theirs. From a screening: RB_ENOTFOUND when the resume was not in it, RB_ECONFLICT when
 * the resume is someone's already, RB_EINVAL when it has no score or gives no name. */
enum rb_err store_candidate_add(struct store *s, const struct candidate_new *c, long long *id,
                                char *errmsg);
/* The candidate with id as JSON, with their resumes (new reference); RB_ENOTFOUND. */
enum rb_err store_candidate_get(struct store *s, long long id, json_t **out, char *errmsg);
/* Candidates by id, filtered by stage and role (NULL: any), limit from offset; *items
 * is a new array, *total counts all that pass. */
enum rb_err store_candidate_list(struct store *s, const char *stage, const char *role, size_t limit,
                                 size_t offset, json_t **items, size_t *total, char *errmsg);
/* The same, with q (NULL: any) a piece of the name or the email, in any case (ASCII). */
enum rb_err store_candidate_search(struct store *s, const char *stage, const char *role,
                                   const char *q, size_t limit, size_t offset, json_t **items,
                                   size_t *total, char *errmsg);
/* Uploaded resumes, in one transaction with their originals (an original already kept
 * for the same hash is not written again); ids[i] is the new id of v[i]. RB_EINVAL naming
 * the candidate when one does not exist. */
enum rb_err store_resumes_add(struct store *s, const struct resume_new *v, size_t n, long long *ids,
                              char *errmsg);
/* A resume as JSON: id, candidate, hash, filename, size, format, error, parsed (the
 * JSON of `rubric parse`, or null), created_at. New reference; RB_ENOTFOUND. */
enum rb_err store_resume_row(struct store *s, long long id, json_t **out, char *errmsg);
/* Queues a screening of the resumes given (n of them; 0: every readable resume) against
 * criteria (the role's JSON, role_to_json); *id is the new job's. RB_EINVAL when a resume
 * does not exist or none is left to screen. */
enum rb_err store_screening_create(struct store *s, const char *role, const char *criteria,
                                   bool blind, const long long *resumes, size_t n, long long by,
                                   long long *id, char *errmsg);
/* A screening's state and progress as JSON (new reference); RB_ENOTFOUND. */
enum rb_err store_screening_get(struct store *s, long long id, json_t **out, char *errmsg);
/* Takes the oldest queued screening for this worker (and queues again any whose worker
 * has not beaten for stale seconds): *id, *criteria (new) and *blind. RB_ENOTFOUND when
 * none waits. */
enum rb_err store_screening_claim(struct store *s, long long now, long long stale, long long *id,
                                  char **criteria, bool *blind, char *errmsg);
/* Up to max resumes of screening id not yet scored, by id. */
enum rb_err store_screening_next(struct store *s, long long id, size_t max, long long *resumes,
                                 size_t *n, char *errmsg);
/* Records outcomes in one transaction, with the job's progress and heartbeat. A resume
 * already scored or failed keeps its first outcome (a job taken over by another worker after
 * its lease may score a resume twice; it is recorded once). */
enum rb_err store_screening_record(struct store *s, long long id, const struct screening_outcome *v,
                                   size_t n, long long now, char *errmsg);
/* Marks the running job done, or failed with error. RB_ENOTFOUND when it is not running
 * (another worker finished it, or it was queued again after its lease ran out). */
enum rb_err store_screening_finish(struct store *s, long long id, const char *error, char *errmsg);
/* Queues the running job again at once, for any server to take over from the resumes not yet
 * scored (its worker is stopping: no need to wait for the lease). A job not running is left
 * as it is. */
enum rb_err store_screening_release(struct store *s, long long id, char *errmsg);
/* Scored resumes best first (then those that could not be read), limit from offset:
 * each the stored result with "resume", "candidate" and "rank". New array. */
enum rb_err store_screening_results(struct store *s, long long id, size_t limit, size_t offset,
                                    json_t **items, size_t *total, char *errmsg);
/* How many screenings are queued or running (for /metrics). */
enum rb_err store_screenings_active(struct store *s, long long *n, char *errmsg);

/* ---- scorecards ---- */

struct scorecard_rating {
    const char *question, *competency; /* the kit's question and its first competency */
    int rating;                        /* 1 to 4; 0: not asked */
    const char *notes;                 /* may be NULL */
};
struct scorecard_comp {
    const char *competency;
    int derived, rating; /* 1 to 4; 0: none. rating != derived needs a reason */
    const char *override_reason;
};
/* A scorecard's content: what is submitted, and what an amendment makes of it. */
struct scorecard_new {
    long long interview, interviewer; /* an interviewer of the interview (account id) */
    const char *recommendation;       /* checked by core/scorecard.c */
    const char *notes;                /* overall notes, may be NULL */
    const struct scorecard_rating *ratings;
    size_t nratings;
    const struct scorecard_comp *comps;
    size_t ncomps;
    const char *original; /* the scorecard as submitted (JSON), kept unchanged */
};
/* Submits a checked scorecard in one transaction, removing the interviewer's draft of it;
 * *id is the new one's. RB_ECONFLICT when
 * the interviewer has submitted one for the interview already; RB_ENOTFOUND without the
 * interview. */
enum rb_err store_scorecard_submit(struct store *s, const struct scorecard_new *v, long long *id,
                                   char *errmsg);

/* One change an amendment makes: field is recommendation, notes, rating:QUESTION,
 * notes:QUESTION, competency:ID or override_reason:ID; values as text (NULL: none). */
struct scorecard_change {
    const char *field, *old_value, *new_value;
};
/* Replaces scorecard id's values with now's (interview, interviewer and original are
 * ignored) and records the changes with who (account by, as label) and why, in one
 * transaction. RB_ENOTFOUND. */
enum rb_err store_scorecard_amend(struct store *s, long long id, const struct scorecard_new *now,
                                  const struct scorecard_change *changes, size_t nchanges,
                                  long long by, const char *by_label, const char *reason,
                                  char *errmsg);

/* Which scorecards to read: every field set (non-zero, non-NULL) must match. role is the
 * candidate's role. */
struct scorecard_filter {
    long long id, interview, candidate, interviewer;
    const char *role;
};
/* Submitted scorecards by id, as a new JSON array; each:
 *   {"id", "interview", "candidate", "role" (the candidate's, or null), "stage" (the
 *    interview's), "candidate_stage" (where the candidate is now), "interviewer" (email),
 *    "interviewer_id", "recommendation", "notes", "submitted_at",
 *    "ratings": [{"question", "competency", "rating" (1-4 or null), "notes"}] in kit order,
 *    "competencies": [{"competency", "derived", "rating", "override_reason"}],
 *    "amendments": [{"by", "field", "old", "new", "reason", "at"}],
 *    "original": the scorecard as submitted}
 * An erased candidate's scorecards keep their ratings; their notes are null. */
enum rb_err store_scorecards(struct store *s, const struct scorecard_filter *f, json_t **out,
                             char *errmsg);

/* For the rule that nobody on a candidate's panel sees another's scorecard before giving
 * their own: *on_panel counts the interviews of the candidate's loop account is an
 * interviewer of, *pending those of them without account's scorecard. */
enum rb_err store_loop_pending(struct store *s, long long candidate, long long account,
                               long long *on_panel, long long *pending, char *errmsg);

/* Interviews as JSON summaries (id, candidate, stage, minutes, scheduled_at, created_at,
 * interviewers (emails), scorecards (how many submitted)), by id: of one candidate when
 * candidate is not 0, and only those account is an interviewer of when account is not 0.
 * limit from offset; *total counts all that pass. */
enum rb_err store_interview_list(struct store *s, long long candidate, long long account,
                                 size_t limit, size_t offset, json_t **items, size_t *total,
                                 char *errmsg);
/* Which interviews store_interview_find reads: every field set must match. */
struct interview_filter {
    long long candidate, account; /* account: an interviewer of it */
    bool waiting;                 /* without account's scorecard yet (account must be set) */
};
/* store_interview_list's summaries, each also with "candidate_name", "role" (the
 * candidate's) and "panel": [{"email", "name", "scorecard" (its id, or null while not
 * submitted), "submitted_at"}] by email. */
enum rb_err store_interview_find(struct store *s, const struct interview_filter *f, size_t limit,
                                 size_t offset, json_t **items, size_t *total, char *errmsg);

/* ---- scorecard drafts: what an interviewer has filled in so far, theirs alone ---- */

/* account's draft of its scorecard for interview: *out (new) {"interview", "candidate",
 * "draft" (the
 * object saved), "revision" (1 for the first save, then one more each time), "updated_at"}.
 * RB_ENOTFOUND without the interview or without a draft; RB_EDENIED when account is not
 * one of its interviewers. */
enum rb_err store_draft_get(struct store *s, long long interview, long long account, json_t **out,
                            char *errmsg);
/* Saves body (a JSON object's text) as account's draft for interview in one transaction;
 * *revision is the saved one's. When base is not 0 it must be the revision saved now, else
 * RB_ECONFLICT (another tab saved meanwhile). RB_ENOTFOUND without the interview,
 * RB_EDENIED when account is not one of its interviewers, RB_ECONFLICT when account has
 * submitted its scorecard (drafts end there: store_scorecard_submit removes it). */
enum rb_err store_draft_put(struct store *s, long long interview, long long account,
                            const char *body, long long base, long long *revision, char *errmsg);
/* Removes account's draft for interview; RB_ENOTFOUND when there is none. */
enum rb_err store_draft_delete(struct store *s, long long interview, long long account,
                               char *errmsg);

/* A number that changes whenever a question, competency or role changes, by any writer:
 * what was built from them may be served again while it is the same. */
enum rb_err store_bank_generation(struct store *s, long long *n, char *errmsg);

/* Whether the store answers (for /readyz). */
enum rb_err store_ping(struct store *s, char *errmsg);

/* Marks s as a connection that writes only what can be made again (the parse cache of
 * `rubric screen`): its commits are not synced, so a power loss during its run may lose its
 * last ones, never the store's consistency; on SQLite, store_close makes all it wrote durable
 * (a checkpoint, synced). Other connections keep their full durability. */
enum rb_err store_cache_writes(struct store *s, char *errmsg);

/* ---- data protection: the audit log, export, erase, retention ---- */

/* Who did what an audit entry records: an account (0: none) and how the log names them
 * (NULL: 'command line'). */
struct audit_actor {
    long long account;
    const char *label;
};

/* Appends one entry, for one request, saying that who did action (core/audit.h checks it) to
 * what ("candidate", "resume 3": a short description with no personal data, at most 200
 * bytes) about the n candidates of candidates (0: none; more than one: a list, whose ids
 * the entry keeps and indexes). Its own transaction, or part of the caller's
 * (store_tx_begin): a change and its entry commit together. */
enum rb_err store_audit_append(struct store *s, const struct audit_actor *who, const char *action,
                               const long long *candidates, size_t n, const char *what,
                               char *errmsg);

/* Deletes the audit entries from before before (ISO 8601 UTC), in batches: *deleted. */
enum rb_err store_audit_prune(struct store *s, const char *before, size_t *deleted, char *errmsg);

/* Forgets the traces that sign-in and practice leave (Unix seconds): the sign-in addresses
 * last used before known_before (store_login_known) and the questions served before
 * served_before (store_practice_served). *deleted: rows removed. */
enum rb_err store_traces_prune(struct store *s, long long known_before, long long served_before,
                               size_t *deleted, char *errmsg);

/* Which entries to list: every field set (non-zero, non-NULL) must match; since is an ISO
 * 8601 UTC time (entries at or after it). */
struct audit_filter {
    long long candidate;
    const char *actor; /* the label: an account's email, 'command line', 'retention' */
    const char *action;
    const char *since;
};
/* Audit entries newest first, limit from offset: a new array of {"id", "at", "actor"
 * (label), "actor_id" (or null), "action", "candidate" (the one it is about, or with the
 * candidate filter that one; else null), "candidates" (every id it is about), "what"};
 * *total counts all that match. Each filter is served by an index. */
enum rb_err store_audit_list(struct store *s, const struct audit_filter *f, size_t limit,
                             size_t offset, json_t **items, size_t *total, char *errmsg);

/* Everything held about candidate id, read in one statement (a consistent snapshot), as a
 * new JSON object: "candidate" (erased_at included), "history", "resumes" (each with its
 * parse and "hash"), "parses" (cached parses of the same files), "screenings" (results),
 * "interviews" (with kits and interviewers), "scorecards" (ratings, competencies,
 * amendments, as submitted), "audit" (entries about them), "files": [{"resume",
 * "hash", "filename", "size"}], the originals to copy, and "self_id" (their
 * self-identification, category -> answer: core/privacy.c gives it only to who may read
 * it). RB_ENOTFOUND. */
enum rb_err store_candidate_export(struct store *s, long long id, json_t **out, char *errmsg);

/* The name an erased candidate is left with. */
#define CANDIDATE_ERASED_NAME "[erased]"

/* What an erase did. hashes: the originals no resume refers to any more, deleted with
 * the resumes (new; erase_result_cleanup). */
struct erase_result {
    bool already; /* the candidate was erased before: only leftovers were cleared */
    size_t resumes, scorecards;
    char **hashes;
    size_t nhashes;
};
void erase_result_cleanup(struct erase_result *r);

/* Erases candidate id's personal data in one transaction (with secure_delete on, so that
 * freed space is overwritten): the candidate becomes a tombstone (name
 * CANDIDATE_ERASED_NAME, email and phone NULL, erased_at set; stage, role and dates kept),
 * the reasons of their stage changes are cleared, their resumes (and screening results and
 * cached parses of the same files, and the originals no other resume refers to) deleted, and the
 * free text of their scorecards (notes, override reasons, amendment reasons and the old and new
 * values of notes) cleared, also inside each scorecard as submitted; ratings and recommendations
 * stay. An 'erase' audit entry by who is part of the same transaction. Again on an erased
 * candidate: clears anything left, r->already set. RB_ENOTFOUND. The bytes may still be in the
 * store's files until store_compact. */
enum rb_err store_candidate_erase(struct store *s, long long id, const struct audit_actor *who,
                                  struct erase_result *r, char *errmsg);

/* Rewrites the store's files without free pages or old copies of pages (SQLite: VACUUM,
 * then a checkpoint that truncates the write-ahead log). *clean is false when another
 * connection kept the log from being truncated (a reader for longer than the busy timeout):
 * old page images may then stay in it until a later checkpoint. */
enum rb_err store_compact(struct store *s, bool *clean, char *errmsg);

/* Candidates at a final stage (hired, rejected, withdrawn) whose last stage change was
 * before `before` (Unix seconds) and who are not erased: up to max of them, oldest first, as
 * a new array of {"id", "stage", "since"}. */
enum rb_err store_retention_due(struct store *s, long long before, size_t max, json_t **items,
                                char *errmsg);
/* ---- openings and applications (store/sqlite_openings.c) ---- */

/* An opening as written: created when id is 0, else replaced whole. Strings may be NULL
 * but title and stages (a JSON array of {"name", "kind"}, checked by core/opening.c). */
struct opening_row {
    long long id;
    const char *title, *role, *description;
    const char *criteria; /* JSON read from the description, or NULL */
    const char *location, *remote;
    bool salary; /* a band: min, max and currency set */
    long long salary_min, salary_max;
    const char *currency;
    int headcount;
    const char *stages;
    long long hiring_manager; /* account id, 0: none */
    const long long *recruiters, *panel;
    size_t nrecruiters, npanel;
    const char *questions; /* the careers form's own questions (JSON list); NULL: unchanged */
};
/* Saves o in one transaction with an audit entry by who; *id is the opening's. Updating:
 * RB_ENOTFOUND without it, RB_ECONFLICT naming a stage that holds applications when the
 * new stages leave it out. A new opening is a draft. */
enum rb_err store_opening_save(struct store *s, const struct opening_row *o,
                               const struct audit_actor *who, long long *id, char *errmsg);
/* An opening as the API's Opening JSON (team by emails, counts per stage), plus
 * "team_ids": {"recruiters": [ids], "hiring_manager": id or null}; new reference.
 * RB_ENOTFOUND. */
enum rb_err store_opening_get(struct store *s, long long id, json_t **out, char *errmsg);
/* Openings by id (status NULL: any), limit from offset, each as store_opening_get gives
 * it; *items new, *total counts all that pass. */
enum rb_err store_opening_list(struct store *s, const char *status, size_t limit, size_t offset,
                               json_t **items, size_t *total, char *errmsg);
/* Moves opening id from status `from` to `to`, recording who and why, in one transaction
 * with an audit entry. RB_ECONFLICT when its status is no longer `from`; RB_ENOTFOUND. */
enum rb_err store_opening_status(struct store *s, long long id, const char *from, const char *to,
                                 const struct audit_actor *who, const char *reason, char *errmsg);

/* A new application. The candidate is candidate, or (candidate 0) a new one made from
 * person in the same transaction. stage and kind: the opening's first stage. */
struct application_new {
    long long opening, candidate;
    const struct candidate_new *person;
    const char *stage, *kind, *source;
    long long screening, resume; /* 0: none; the resume becomes the candidate's */
    const char *reason;          /* the first history entry's, or NULL */
};
/* Adds a in one transaction with its first history entry and an audit entry by who;
 * *id is the application's, *candidate its candidate's. RB_ECONFLICT when the candidate
 * holds an application to the opening already; RB_ENOTFOUND without the opening or the
 * candidate. The candidate's stage follows (see store_application_move). */
enum rb_err store_application_add(struct store *s, const struct application_new *a,
                                  const struct audit_actor *who, long long *id,
                                  long long *candidate, char *errmsg);
/* An application as the API's ApplicationWithHistory JSON; new reference. RB_ENOTFOUND. */
enum rb_err store_application_get(struct store *s, long long id, json_t **out, char *errmsg);
/* Which applications: every field set (non-zero, non-NULL) must match; q: the name or
 * email contains it (any case). */
struct application_filter {
    long long opening, candidate;
    const char *stage, *q;
};
/* Applications (Application JSON), by stage_since newest first for an opening, else by id;
 * limit from offset; *items new, *total counts all that pass; when counts is not NULL and
 * f->opening is set, *counts (new) is the opening's [{"stage", "kind", "count"}] in its
 * order, counting what passes f but its stage. */
enum rb_err store_application_list(struct store *s, const struct application_filter *f,
                                   size_t limit, size_t offset, json_t **items, size_t *total,
                                   json_t **counts, char *errmsg);
/* The application of opening to which a candidate with this email (lower case) holds one:
 * *id and *candidate, or RB_ENOTFOUND. */
enum rb_err store_application_by_email(struct store *s, long long opening, const char *email,
                                       long long *id, long long *candidate, char *errmsg);
/* Moves application id to stage (of kind, a stage its opening has) with who and why in
 * its history, in one transaction with an audit entry. The candidate's own stage becomes
 * the kind of their most recently moved application not at a final kind (hired,
 * rejected, withdrawn), else of their most recently moved one, with a row in their
 * history when it changes. RB_ECONFLICT when it is at that stage already, RB_EINVAL when
 * its opening has no such stage; RB_ENOTFOUND. */
enum rb_err store_application_move(struct store *s, long long id, const char *stage,
                                   const char *kind, const struct audit_actor *who,
                                   const char *reason, char *errmsg);
/* Ties resume to the application (and its candidate) and, when screening is not 0, the
 * screening that scores it; in one transaction. */
enum rb_err store_application_resume(struct store *s, long long id, long long resume,
                                     long long screening, char *errmsg);
/* Keeps the answers (a JSON object by question id) given with application id on the careers
 * page, replacing earlier ones, in one transaction. */
enum rb_err store_application_answers(struct store *s, long long id, const char *answers,
                                      char *errmsg);
/* The recruiter's dashboard as the API's Dashboard JSON (new reference): every opening
 * with counts, funnel, time in stage and time to fill; applications still at a stage of
 * kind applied; interviews waiting for a scorecard (at most 20 of each, with totals). */
enum rb_err store_dashboard(struct store *s, json_t **out, char *errmsg);
/* Careers-page submissions from key (a hashed address) within window seconds before now:
 * *count of them and *oldest the time of the oldest (0 when none; oldest may be NULL); when
 * record, this one is added first (and older ones pruned). */
enum rb_err store_apply_attempts(struct store *s, const char *key, long long now, long long window,
                                 bool record, long long *count, long long *oldest, char *errmsg);
/* Reserves a careers-page submission from key at now when fewer than max were made within
 * window seconds before now, atomically (every server of the store counts the same rows, and
 * concurrent ones cannot overrun max): *reserved says whether it was; *count is how many
 * there are now (this one included when reserved), *oldest the time of the oldest (0: none). */
enum rb_err store_apply_reserve(struct store *s, const char *key, long long now, long long window,
                                long long max, bool *reserved, long long *count, long long *oldest,
                                char *errmsg);
/* Gives back a submission reserved from key at at (one row), for a form refused after all. */
enum rb_err store_apply_release(struct store *s, const char *key, long long at, char *errmsg);

/* ---- practice ---- */

/* A question's spaced-repetition state for one account (core/fsrs.h). Days are UTC dates. */
struct practice_card {
    double stability, difficulty;
    int reps, lapses;
    char due[11];         /* YYYY-MM-DD */
    char last_review[11]; /* YYYY-MM-DD */
};

/* Which questions practice draws: every field set must match. Only live questions with
 * points are practised. */
struct practice_filter {
    const char *competencies; /* JSON array of competency ids (a role's), or NULL: any */
    int level;                /* 0: any; else within the question's level range */
    const char *categories;   /* JSON array of category names (a stage's), or NULL: any */
    const char *exclude;      /* JSON array of question ids to leave out, or NULL */
};

/* One answer, as recorded. */
struct practice_answer {
    long long account;
    const char *question;
    int rating;      /* 1 again .. 4 easy */
    double coverage; /* 0 to 1; below 0 when no answer was typed */
    int seconds;
    const char *at; /* ISO 8601 UTC */
    int elapsed_days;
    int interval;
    int expect_reps;                  /* the card's reps when it was read (0: never answered) */
    const struct practice_card *card; /* the state after the answer */
};

/* The card of account and question; RB_ENOTFOUND when never answered. */
enum rb_err store_practice_card(struct store *s, long long account, const char *question,
                                struct practice_card *c, char *errmsg);
/* Records an answer and the card's new state in one transaction. RB_ECONFLICT when the
 * card's reps are no longer a->expect_reps (another answer came first); RB_ENOTFOUND
 * without the question. */
enum rb_err store_practice_record(struct store *s, const struct practice_answer *a, char *errmsg);
/* The next question for account: the most overdue of those due by today (YYYY-MM-DD),
 * else a new one (in an order of its own for each account), mixed: while both are left, a
 * new one after every PRACTICE_REVIEWS_PER_NEW reviews answered that day. *question is
 * new; *due says which it is; *ndue and *nnew count both kinds. RB_ENOTFOUND when there
 * is none. */
#define PRACTICE_REVIEWS_PER_NEW 3
enum rb_err store_practice_next(struct store *s, long long account, const struct practice_filter *f,
                                const char *today, char **question, bool *due, long long *ndue,
                                long long *nnew, char *errmsg);
/* What practice stats are made of, as a new JSON object: {"due_today", "cards", "answers",
 * "first_answers", "reviews_again" (later answers rated again), "reviews", "seconds",
 * "days" (distinct days with an answer up to today, newest first, at most 400),
 * "competencies": [{"competency", "answers", "questions", "seconds", "recent_answers",
 * "recent_rating", "recent_coverage" (averages since the day given, or null)}],
 * "due_ahead": [{"day", "count"}] (live cards by due day over the 14 days from today, the
 * overdue counted today; days without any left out)}. */
enum rb_err store_practice_stats(struct store *s, long long account, const char *today,
                                 const char *since, json_t **out, char *errmsg);
/* The synonyms of a key concept (folded as text_fold does): the other members of every
 * synonym group it is in. *alts (new; free each and the array) may be empty. */
enum rb_err store_synonyms_of(struct store *s, const char *concept, char ***alts, size_t *n,
                              char *errmsg);

/* ---- self-identification and the fairness report (schema 16) ---- */

/* Replaces candidate's self-identification with answers (an object of category -> answer,
 * both strings, checked by core/selfid.c; {} removes them all), given_by "candidate",
 * "recruiter" (consent then says how the candidate agreed) or "careers", in one
 * transaction with a 'change' audit entry "self-identification" by who. RB_ENOTFOUND
 * without the candidate, or when they are erased. */
enum rb_err store_selfid_put(struct store *s, long long candidate, json_t *answers,
                             const char *given_by, const char *consent,
                             const struct audit_actor *who, char *errmsg);
/* Candidate's self-identification as a new object {"candidate", "answers" ({} when none),
 * "given_by", "consent", "at"}; RB_ENOTFOUND without the candidate. Not audited here: the
 * caller (core/selfid.c) records the read. */
enum rb_err store_selfid_get(struct store *s, long long candidate, json_t **out, char *errmsg);
/* Which applications the fairness report counts: every field set must match; since is an
 * ISO 8601 UTC date or time (applications created at or after it). */
struct fairness_filter {
    const char *since, *role;
    long long opening;
};
/* Every application in f as a new array of {"application", "candidate", "opening", "role",
 * "kind", "stages" (the opening's [{"name", "kind"}]), "reached" (the stage names it was
 * ever at), "score" (its screening's score or null), "self_id" (category -> answer)}, by
 * id. The answers are for counting in core/fairness.c only: never to be shown. */
enum rb_err store_fairness_rows(struct store *s, const struct fairness_filter *f, json_t **rows,
                                char *errmsg);

/* ---- calendar invites and the mail queue (schema 17) ---------------------------------- */

/* What an interview's invite is made of, as JSON (new): id, candidate, candidate_name,
 * application, stage, minutes, scheduled_at, created_at, time_zone (or null), sequence,
 * cancelled_at (or null), organizer ({email, name} of its maker, or null) and attendees
 * ([{email, name}] of the panel, by email). RB_ENOTFOUND. */
enum rb_err store_interview_calendar(struct store *s, long long id, json_t **out, char *errmsg);
/* Changes interview id's calendar in one transaction: at (NULL: unchanged) as its time,
 * time_zone (NULL: unchanged; "": none), cancel; each call bumps its sequence, the new one
 * in *sequence. RB_ENOTFOUND; RB_ECONFLICT when it is cancelled already. */
enum rb_err store_interview_reschedule(struct store *s, long long id, const char *at,
                                       const char *time_zone, bool cancel, long long *sequence,
                                       char *errmsg);

struct mail_new {
    const char *kind;    /* invite, loop-complete, screening-done, application-received */
    long long candidate; /* whom it is about (an erase deletes it), 0: nobody */
    const char *recipient;
    const char *subject;
    const char *body;            /* plain text */
    const char *attachment;      /* NULL: none */
    const char *attachment_type; /* its media type, with parameters */
    long long next_try;          /* unix seconds: when it is first due */
};
/* Queues one email, inside the caller's transaction when there is one. */
enum rb_err store_outbox_add(struct store *s, const struct mail_new *m, char *errmsg);
/* Claims up to max rows due by now (unix seconds), pushing their next try to lease so that
 * no other sender takes them meanwhile: *items (new) [{id, kind, recipient, subject, body,
 * attachment, attachment_type, attempts}], oldest due first. */
enum rb_err store_outbox_claim(struct store *s, long long now, long long lease, size_t max,
                               json_t **items, char *errmsg);
/* Records a try of row id. error NULL: sent (its body and attachment are cleared); else
 * the try failed: error kept, attempts counted, next_try the next (0: given up). */
enum rb_err store_outbox_done(struct store *s, long long id, const char *error, long long next_try,
                              char *errmsg);
/* The queue, newest first, without bodies (pending: unsent only): *items (new), *total. */
enum rb_err store_outbox_list(struct store *s, bool pending, size_t limit, json_t **items,
                              size_t *total, char *errmsg);
/* What a notification needs (new JSON). what "loop", id an interview: {candidate,
 * candidate_name, application, opening (title or null), interviews, missing (panel
 * members' scorecards not in, over the loop's interviews that stand), recruiters (emails:
 * the opening's, else the makers of the loop's interviews), panel (emails of the loop's
 * interviewers)}. what "screening", id a
 * screening: {id, role, state, total, done, failed, error, recipient (its starter's
 * email, or null)}. RB_ENOTFOUND. */
enum rb_err store_mail_notice(struct store *s, const char *what, long long id, json_t **out,
                              char *errmsg);

#endif
