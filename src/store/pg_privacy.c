/* SPDX-License-Identifier: MIT */
/*
 * PostgreSQL: a candidate's export, their erasure, compaction afterwards and the candidates
 * due for erasure (as sqlite_privacy.c does for SQLite, same JSON shapes and orders).
 *
 * The erase is one transaction with its audit entry. PostgreSQL keeps the old versions of
 * the rows it changed (dead tuples) in the tables' files, their indexes and TOAST, and in
 * the write-ahead log, until store_compact: VACUUM (FULL) rewrites the tables that hold
 * candidates' data into new files, then a checkpoint and a switch to a new WAL segment
 * retire the log that still holds the old rows. What archived WAL and base backups hold is
 * beyond the reach of the store (docs/PRIVACY.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_int.h"
#include "util/mem.h"

#define FINAL_STAGES "('hired', 'rejected', 'withdrawn')"
/* the scorecards of candidate $1 */
#define CARDS_OF                                                                                   \
    "(SELECT sc.id FROM scorecard sc JOIN interview i ON i.id = sc.interview "                     \
    "WHERE i.candidate = $1)"
/* amendment fields whose values are free text */
#define TEXT_FIELD(f) "(" f " = 'notes' OR " f " LIKE 'notes:%' OR " f " LIKE 'override_reason:%')"
/* a JSON array of what, in order, from the rest of a query ("[]" when it has no row) */
#define LIST(what, order, rest)                                                                    \
    "coalesce((SELECT json_agg(" what " ORDER BY " order ") " rest "), '[]'::json)"
#define STAGE_CHANGE                                                                               \
    "json_build_object('from', h.from_stage, 'to', h.to_stage, 'by', h.by_label, 'reason', "       \
    "h.reason, 'at', h.at)"
#define AUDIT_OF_CANDIDATE                                                                         \
    "id IN (SELECT id FROM audit WHERE candidate = $1 UNION ALL "                                  \
    "SELECT audit FROM audit_subject WHERE candidate = $1)"

static const char
    SQL_EXPORT
        [] =
            "SELECT json_build_object("
            "'candidate', json_build_object('id', c.id, 'name', c.name, 'email', c.email, "
            "'phone', "
            " c.phone, 'role', c.role, 'stage', c.stage, 'screening', c.screening, 'created_by', "
            " (SELECT email FROM account WHERE id = c.created_by), 'created_at', c.created_at, "
            " 'updated_at', c.updated_at, 'erased_at', c.erased_at), "
            "'history', " LIST(
                STAGE_CHANGE,
                "h.id", "FROM candidate_stage_change h WHERE h.candidate = c.id") ", "
                                                                                  "'applications"
                                                                                  "', " LIST("json"
                                                                                             "_"
                                                                                             "buil"
                                                                                             "d_"
                                                                                             "obje"
                                                                                             "ct('"
                                                                                             "id',"
                                                                                             " "
                                                                                             "a."
                                                                                             "id, "
                                                                                             "'ope"
                                                                                             "ning"
                                                                                             "'"
                                                                                             ", "
                                                                                             "a."
                                                                                             "open"
                                                                                             "ing,"
                                                                                             " "
                                                                                             "'ope"
                                                                                             "ning"
                                                                                             "_"
                                                                                             "titl"
                                                                                             "e', "
                                                                                             "(SEL"
                                                                                             "ECT "
                                                                                             "titl"
                                                                                             "e "
                                                                                             "FROM"
                                                                                             " "
                                                                                             "open"
                                                                                             "ing "
                                                                                             "WHER"
                                                                                             "E "
                                                                                             "id "
                                                                                             "= "
                                                                                             "a."
                                                                                             "open"
                                                                                             "ing)"
                                                                                             ","
                                                                                             " '"
                                                                                             "stag"
                                                                                             "e',"
                                                                                             " a."
                                                                                             "stag"
                                                                                             "e,"
                                                                                             " '"
                                                                                             "kind"
                                                                                             "', "
                                                                                             "a."
                                                                                             "kind"
                                                                                             ", "
                                                                                             "'sou"
                                                                                             "rce'"
                                                                                             ","
                                                                                             " a."
                                                                                             "sour"
                                                                                             "ce, "
                                                                                             "'cre"
                                                                                             "ated"
                                                                                             "_"
                                                                                             "at',"
                                                                                             " "
                                                                                             "a."
                                                                                             "crea"
                                                                                             "ted_"
                                                                                             "at, "
                                                                                             "'ans"
                                                                                             "wers"
                                                                                             "'"
                                                                                             ", "
                                                                                             "coal"
                                                                                             "esce"
                                                                                             "("
                                                                                             "(SEL"
                                                                                             "ECT "
                                                                                             "answ"
                                                                                             "ers "
                                                                                             "FROM"
                                                                                             " "
                                                                                             "appl"
                                                                                             "icat"
                                                                                             "i"
                                                                                             "on_"
                                                                                             "answ"
                                                                                             "er "
                                                                                             "WHER"
                                                                                             "E "
                                                                                             "appl"
                                                                                             "icat"
                                                                                             "i"
                                                                                             "on "
                                                                                             "= "
                                                                                             "a."
                                                                                             "id),"
                                                                                             " "
                                                                                             "'{}'"
                                                                                             "::"
                                                                                             "json"
                                                                                             "b), "
                                                                                             "'his"
                                                                                             "tory"
                                                                                             "'"
                                                                                             ","
                                                                                             " " LIST(
                                                                                                 STAGE_CHANGE,
                                                                                                 "h"
                                                                                                 "."
                                                                                                 "i"
                                                                                                 "d",
                                                                                                 "F"
                                                                                                 "R"
                                                                                                 "O"
                                                                                                 "M"
                                                                                                 " "
                                                                                                 "a"
                                                                                                 "p"
                                                                                                 "p"
                                                                                                 "l"
                                                                                                 "i"
                                                                                                 "c"
                                                                                                 "a"
                                                                                                 "t"
                                                                                                 "i"
                                                                                                 "o"
                                                                                                 "n"
                                                                                                 "_"
                                                                                                 "s"
                                                                                                 "t"
                                                                                                 "a"
                                                                                                 "g"
                                                                                                 "e"
                                                                                                 "_"
                                                                                                 "c"
                                                                                                 "h"
                                                                                                 "a"
                                                                                                 "n"
                                                                                                 "g"
                                                                                                 "e"
                                                                                                 " "
                                                                                                 "h"
                                                                                                 " "
                                                                                                 "W"
                                                                                                 "H"
                                                                                                 "E"
                                                                                                 "R"
                                                                                                 "E"
                                                                                                 " "
                                                                                                 "h"
                                                                                                 "."
                                                                                                 "a"
                                                                                                 "p"
                                                                                                 "p"
                                                                                                 "l"
                                                                                                 "i"
                                                                                                 "c"
                                                                                                 "a"
                                                                                                 "t"
                                                                                                 "i"
                                                                                                 "o"
                                                                                                 "n"
                                                                                                 " "
                                                                                                 "="
                                                                                                 " "
                                                                                                 "a"
                                                                                                 "."
                                                                                                 "i"
                                                                                                 "d") ")",
                                                                                             "a."
                                                                                             "id",
                                                                                             "FROM"
                                                                                             " "
                                                                                             "appl"
                                                                                             "icat"
                                                                                             "i"
                                                                                             "on "
                                                                                             "a "
                                                                                             "WHER"
                                                                                             "E "
                                                                                             "a."
                                                                                             "cand"
                                                                                             "idat"
                                                                                             "e"
                                                                                             " = "
                                                                                             "c."
                                                                                             "id") ", "
                                                                                                   "'resumes', " LIST(
                                                                                                       "json_build_object('id', r.id, 'hash', r.hash, 'filename', r.filename, 'size', r.size, "
                                                                                                       "'format', r.format, 'error', r.error, 'parsed', r.parsed, 'uploaded_by', (SELECT email "
                                                                                                       "FROM account WHERE id = r.uploaded_by), 'created_at', r.created_at)",
                                                                                                       "r.id",
                                                                                                       "FROM resume r WHERE r.candidate = c.id") ", "
                                                                                                                                                 "'parses', " LIST("json_build_object('hash', p.hash, 'blind', p.blind, 'parser', p.parser, 'format', "
                                                                                                                                                                   "p.format, 'body', p.body, 'created_at', p.created_at)",
                                                                                                                                                                   "p.hash COLLATE \"C\", p.blind",
                                                                                                                                                                   "FROM parsed_resume p WHERE p.hash IN (SELECT hash FROM resume WHERE candidate = "
                                                                                                                                                                   "c.id)") ", "
                                                                                                                                                                            "'screenings', " LIST("json_build_object('screening', sr.screening, 'resume', sr.resume, 'role', s.role, "
                                                                                                                                                                                                  "'blind', s.blind, 'score', sr.score, 'result', sr.result, 'error', sr.error, "
                                                                                                                                                                                                  "'created_at', s.created_at)",
                                                                                                                                                                                                  "sr.screening, sr.resume",
                                                                                                                                                                                                  "FROM screening_resume sr JOIN screening s ON s.id = sr.screening JOIN resume r ON r.id "
                                                                                                                                                                                                  "= sr.resume WHERE r.candidate = c.id") ", "
                                                                                                                                                                                                                                          "'interviews', " LIST("json_build_object('id', i.id, 'stage', i.stage, 'minutes', i.minutes, 'scheduled_at', "
                                                                                                                                                                                                                                                                "i.scheduled_at, 'created_at', i.created_at, 'interviewers', " LIST(
                                                                                                                                                                                                                                                                    "a.email",
                                                                                                                                                                                                                                                                    "a.email COLLATE \"C\"",
                                                                                                                                                                                                                                                                    "FROM interview_interviewer ii JOIN account a ON a.id = ii.account WHERE "
                                                                                                                                                                                                                                                                    "ii.interview = i.id") ", 'kit', i.kit_json)",
                                                                                                                                                                                                                                                                "i.id",
                                                                                                                                                                                                                                                                "FROM interview i WHERE i.candidate = c.id") ", "
                                                                                                                                                                                                                                                                                                             "'scorecards', " LIST("json_build_object('id', sc.id, 'interview', sc.interview, 'interviewer', (SELECT email "
                                                                                                                                                                                                                                                                                                                                   "FROM account WHERE id = sc.interviewer), 'recommendation', sc.recommendation, 'notes', "
                                                                                                                                                                                                                                                                                                                                   "sc.notes, 'submitted_at', sc.submitted_at, 'ratings', " LIST("json_build_object('question', q.question, 'competency', q.competency, 'rating', "
                                                                                                                                                                                                                                                                                                                                                                                                 "q.rating, 'notes', q.notes)",
                                                                                                                                                                                                                                                                                                                                                                                                 "q.question COLLATE \"C\"", "FROM scorecard_rating q WHERE q.scorecard = sc.id") ", 'competencies', " LIST("json_build_object('competency', k.competency, 'derived', k.derived, 'rating', "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                            "k.rating, 'override_reason', k.override_reason)",
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                            "k.competency COLLATE \"C\"", "FROM scorecard_competency k WHERE k.scorecard = sc.id") ", 'amendments', " LIST("json_build_object('by', m.by_label, 'field', m.field, 'old', m.old_value, 'new', "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                           "m.new_value, 'reason', m.reason, 'at', m.at)",
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                           "m.id",
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                           "FROM scorecard_amendment m WHERE m.scorecard = sc.id") ", 'original', "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                   "sc.original)",
                                                                                                                                                                                                                                                                                                                                   "sc.id",
                                                                                                                                                                                                                                                                                                                                   "FROM scorecard sc JOIN interview i ON i.id = sc.interview WHERE i.candidate = "
                                                                                                                                                                                                                                                                                                                                   "c.id") ", "
                                                                                                                                                                                                                                                                                                                                           "'drafts', " LIST("json_build_object('interview', d.interview, 'interviewer', (SELECT email FROM account "
                                                                                                                                                                                                                                                                                                                                                             "WHERE id = d.account), 'draft', d.body, 'updated_at', d.updated_at)",
                                                                                                                                                                                                                                                                                                                                                             "d.interview, d.account",
                                                                                                                                                                                                                                                                                                                                                             "FROM scorecard_draft d JOIN interview i ON i.id = d.interview WHERE i.candidate = "
                                                                                                                                                                                                                                                                                                                                                             "c.id") ", "
                                                                                                                                                                                                                                                                                                                                                                     "'audit', " LIST("json_build_object('at', at, 'actor', actor_label, 'action', action, "
                                                                                                                                                                                                                                                                                                                                                                                      "'what', what)",
                                                                                                                                                                                                                                                                                                                                                                                      "id",
                                                                                                                                                                                                                                                                                                                                                                                      "FROM audit WHERE " AUDIT_OF_CANDIDATE) ", "
                                                                                                                                                                                                                                                                                                                                                                                                                              "'files', " LIST("json_build_object('resume', r.id, 'hash', r.hash, 'filename', r.filename, "
                                                                                                                                                                                                                                                                                                                                                                                                                                               "'size', r.size)",
                                                                                                                                                                                                                                                                                                                                                                                                                                               "r.id",
                                                                                                                                                                                                                                                                                                                                                                                                                                               "FROM resume r WHERE r.candidate = c.id") ", "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                         "'self_id', coalesce((SELECT json_object_agg(category, answer ORDER BY category COLLATE "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                         "\"C\") FROM self_id WHERE candidate = c.id), '{}'::json)"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                         ") FROM candidate c WHERE c.id = $1";

/* the erase, statement by statement (candidate $1) */
static const char SQL_ERASED_AT[] = "SELECT erased_at IS NOT NULL FROM candidate WHERE id = $1";
static const char SQL_HASHES[] = "SELECT DISTINCT hash FROM resume WHERE candidate = $1";
static const char SQL_CARDS[] = "SELECT count(*) FROM " CARDS_OF " cards";
static const char SQL_CARD_ORIGINALS[] =
    "SELECT sc.id, sc.original FROM scorecard sc JOIN interview i ON i.id = sc.interview WHERE "
    "i.candidate = $1 ORDER BY sc.id";
static const char SQL_ORIGINAL_SET[] = "UPDATE scorecard SET original = $2::json WHERE id = $1";
#define ERASE_RESUMES 2 /* the statement of erase_sql that deletes the resumes */
static const char *const erase_sql[] = {
    /* kits made for them: by the interviews' reference, or by a name or email typed into
     * `rubric kit --candidate` (before the candidate's own row loses them) */
    "UPDATE kit SET candidate = NULL, body = jsonb_set(body::jsonb, '{candidate}', "
    "'null'::jsonb)::json WHERE candidate IN ('c-' || $1::bigint, (SELECT name FROM candidate "
    "WHERE id = $1::bigint), (SELECT email FROM candidate WHERE id = $1::bigint))",
    "DELETE FROM screening_resume WHERE resume IN (SELECT id FROM resume WHERE candidate = $1)",
    "DELETE FROM resume WHERE candidate = $1",
    "UPDATE candidate SET name = '" CANDIDATE_ERASED_NAME "', email = NULL, phone = NULL, "
    "erased_at = coalesce(erased_at, rubric_now()), updated_at = rubric_now() WHERE id = $1",
    "UPDATE candidate_stage_change SET reason = NULL WHERE candidate = $1",
    "UPDATE application_stage_change SET reason = NULL WHERE application IN (SELECT id FROM "
    "application WHERE candidate = $1)",
    /* what they wrote on the careers form (their files were resume rows, deleted above) */
    "DELETE FROM application_answer WHERE application IN (SELECT id FROM application WHERE "
    "candidate = $1)",
    "UPDATE scorecard SET notes = NULL WHERE id IN " CARDS_OF,
    "UPDATE scorecard_rating SET notes = NULL WHERE scorecard IN " CARDS_OF,
    /* a rating that differs from the derived one must keep a reason: an empty one */
    "UPDATE scorecard_competency SET override_reason = CASE WHEN rating IS NOT DISTINCT FROM "
    "derived THEN NULL ELSE '' END WHERE scorecard IN " CARDS_OF,
    /* reason is required: left empty */
    "UPDATE scorecard_amendment SET reason = '', old_value = CASE WHEN " TEXT_FIELD(
        "field") " THEN NULL ELSE old_value END, new_value = CASE WHEN " TEXT_FIELD("field") " THEN"
                                                                                             " "
                                                                                             "NULL "
                                                                                             "ELSE "
                                                                                             "new_"
                                                                                             "value"
                                                                                             " "
                                                                                             "END "
                                                                                             "WHERE"
                                                                                             " "
                                                                                             "score"
                                                                                             "card "
                                                                                             "IN"
                                                                                             " " CARDS_OF,
    /* drafts are free text about them, and never submitted */
    "DELETE FROM scorecard_draft WHERE interview IN (SELECT id FROM interview WHERE candidate "
    "= $1)",
    /* self-identification is special-category data: nothing of it outlives the erase */
    "DELETE FROM self_id WHERE candidate = $1",
    /* mail about them not sent yet, and the record of what was */
    "DELETE FROM outbox WHERE candidate = $1",
};
/* the cached parses of a file ($1: its hash), and whether a resume still refers to it */
static const char SQL_PARSES_DEL[] = "DELETE FROM parsed_resume WHERE hash = $1";
static const char SQL_HASH_USED[] = "SELECT 1 FROM resume WHERE hash = $1 LIMIT 1";
static const char SQL_ORIGINAL_DEL[] = "DELETE FROM original WHERE hash = $1";
/* taken before a hash is looked for among the resumes: an upload of the same bytes that
 * locked the row first has committed by then, and its resume is seen (pg_hiring.c) */
static const char SQL_ORIGINAL_LOCK[] = "SELECT 1 FROM original WHERE hash = $1 FOR UPDATE";

static const char SQL_DUE[] =
    "SELECT json_build_object('id', id, 'stage', stage, 'since', since) FROM (SELECT c.id, "
    "c.stage, coalesce((SELECT at FROM candidate_stage_change WHERE candidate = c.id ORDER BY "
    "id DESC LIMIT 1), c.updated_at) AS since FROM candidate c WHERE c.erased_at IS NULL AND "
    "c.stage IN " FINAL_STAGES ") d WHERE since < to_char(to_timestamp($1::bigint) AT TIME ZONE "
    "'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') ORDER BY since, id LIMIT $2";

/* the tables whose rows hold what an erase removes, rewritten by store_compact */
#define ERASED_TABLES                                                                              \
    "candidate, candidate_stage_change, application_stage_change, application_answer, resume, "    \
    "parsed_resume, screening_resume, scorecard, scorecard_rating, scorecard_competency, "         \
    "scorecard_amendment, scorecard_draft, self_id, outbox, kit, audit, original"
static const char SQL_VACUUM[] = "VACUUM (FULL) " ERASED_TABLES;
/* The planner's statistics keep samples of column values (most common values, histogram
 * bounds) in pg_statistic, erased ones among them once the tables were analyzed (autovacuum
 * does): measured, an erased name stayed in pg_statistic's file. They are taken again from
 * the rows left, then the catalog is rewritten without the old rows; a database owner (or a
 * superuser) may, and another role's VACUUM skips the catalog with only a warning. */
static const char SQL_ANALYZE[] = "ANALYZE " ERASED_TABLES;
static const char SQL_VACUUM_STATS[] = "VACUUM (FULL) pg_catalog.pg_statistic";
static const char SQL_MAY_VACUUM_STATS[] =
    "SELECT (rolsuper OR pg_has_role(current_user, (SELECT datdba FROM pg_database WHERE "
    "datname = current_database()), 'MEMBER'))::integer FROM pg_roles WHERE rolname = "
    "current_user";
static const char SQL_LOCK_WAIT[] = "SET lock_timeout = '5s'";
static const char SQL_LOCK_RESET[] = "RESET lock_timeout";
static const char SQL_CHECKPOINT[] = "CHECKPOINT";
static const char SQL_SWITCH_WAL[] = "SELECT pg_switch_wal()";
static const char SQL_RECYCLE[] = "SELECT (current_setting('wal_recycle') = 'on')::integer";

static enum rb_err
pg_candidate_export(struct store *s, long long id, json_t **out, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc;
    PGresult *r;
    *out = NULL;
    pg_arg_ll(&a, id);
    if (!(r = pg_query(s, SQL_EXPORT, &a, "export candidate", &rc, errmsg)))
        return rc;
    if (PQntuples(r) == 0) {
        snprintf(errmsg, RB_ERRMSG, "no candidate %lld", id);
        rc = RB_ENOTFOUND;
    } else if (!(*out = pg_json(r, 0, 0, errmsg))) {
        rc = RB_EINTERNAL;
    }
    PQclear(r);
    return rc;
}

static const char *const text_keys[] = {"notes",  "note",    "override_reason",
                                        "reason", "comment", "comments"};

/* Sets every member of v named as in text_keys, at any depth, to null. */
static void
strip_text(json_t *v)
{
    const char *key;
    json_t *m;
    size_t i;
    if (json_is_array(v)) {
        json_array_foreach(v, i, m) strip_text(m);
        return;
    }
    json_object_foreach(v, key, m)
    {
        bool text = false;
        for (i = 0; i < sizeof text_keys / sizeof text_keys[0] && !text; i++)
            text = strcmp(key, text_keys[i]) == 0;
        if (text)
            json_object_set_new(v, key, json_null());
        else
            strip_text(m);
    }
}

/* Removes the free text of every scorecard of candidate id as submitted. */
static enum rb_err
strip_originals(struct store *s, const struct pg_args *id, char *errmsg)
{
    enum rb_err rc;
    PGresult *r = pg_query(s, SQL_CARD_ORIGINALS, id, "read scorecards", &rc, errmsg);
    for (int i = 0; r && i < PQntuples(r) && !rc; i++) {
        struct pg_args a = {0};
        json_t *doc = pg_json(r, i, 1, errmsg);
        char *text;
        if (!doc) {
            rc = RB_EINTERNAL;
            break;
        }
        strip_text(doc);
        text = json_dumps(doc, JSON_COMPACT | JSON_ENCODE_ANY);
        json_decref(doc);
        pg_arg_ll(&a, pg_ll(r, i, 0));
        pg_arg_text(&a, text);
        rc = pg_exec(s, SQL_ORIGINAL_SET, &a, "clear scorecard notes", errmsg);
        free(text);
    }
    PQclear(r);
    return rc;
}

/* Deletes the cached parses of each file, and the originals no resume refers to any more,
 * whose hashes e keeps. */
static enum rb_err
drop_files(struct store *s, const PGresult *hashes, struct erase_result *e, char *errmsg)
{
    size_t cap = 0;
    enum rb_err rc = RB_OK;
    for (int i = 0; i < PQntuples(hashes) && !rc; i++) {
        struct pg_args a = {0};
        PGresult *r;
        pg_arg_text(&a, pg_str(hashes, i, 0));
        if ((rc = pg_exec(s, SQL_PARSES_DEL, &a, "delete parses", errmsg)) ||
            (rc = pg_exec(s, SQL_ORIGINAL_LOCK, &a, "lock original", errmsg)) ||
            !(r = pg_query(s, SQL_HASH_USED, &a, "read resumes", &rc, errmsg)))
            break;
        /* the last resume with these bytes is gone: so is the original, in this
         * transaction */
        if (PQntuples(r) == 0 &&
            !(rc = pg_exec(s, SQL_ORIGINAL_DEL, &a, "delete original", errmsg))) {
            xgrow(&e->hashes, &cap, e->nhashes + 1, sizeof *e->hashes);
            e->hashes[e->nhashes++] = pg_dup(hashes, i, 0);
        }
        PQclear(r);
    }
    return rc;
}

static enum rb_err
pg_candidate_erase(struct store *s, long long id, const struct audit_actor *who,
                   struct erase_result *e, char *errmsg)
{
    struct pg_args a = {0};
    PGresult *r = NULL, *hashes = NULL;
    long long n;
    enum rb_err rc = pg_begin(s, errmsg);
    if (rc)
        return rc;
    pg_arg_ll(&a, id);
    if (!(r = pg_query(s, SQL_ERASED_AT, &a, "read candidate", &rc, errmsg)))
        goto out;
    if (PQntuples(r) == 0) {
        snprintf(errmsg, RB_ERRMSG, "no candidate %lld", id);
        rc = RB_ENOTFOUND;
        goto out;
    }
    e->already = pg_bool(r, 0, 0);
    if (!(hashes = pg_query(s, SQL_HASHES, &a, "read resumes", &rc, errmsg)) ||
        (rc = pg_scalar(s, SQL_CARDS, &a, &n, "count scorecards", errmsg)))
        goto out;
    e->scorecards = (size_t)n;
    for (size_t i = 0; i < sizeof erase_sql / sizeof erase_sql[0] && !rc; i++) {
        rc = pg_exec_n(s, erase_sql[i], &a, &n, "erase candidate", errmsg);
        if (i == ERASE_RESUMES)
            e->resumes = (size_t)n;
    }
    if (!rc)
        rc = strip_originals(s, &a, errmsg);
    if (!rc)
        rc = drop_files(s, hashes, e, errmsg);
    if (!rc)
        rc = s->ops->audit_append(s, who, "erase", &id, 1, "candidate", errmsg);
out:
    PQclear(r);
    PQclear(hashes);
    rc = pg_end(s, rc, errmsg);
    if (rc)
        erase_result_cleanup(e);
    return rc;
}

static enum rb_err
pg_compact(struct store *s, bool *clean, char *errmsg)
{
    char ignore[RB_ERRMSG];
    long long recycle = 1, may_stats = 0;
    enum rb_err rc;
    *clean = false;
    if ((rc = pg_scalar(s, SQL_MAY_VACUUM_STATS, NULL, &may_stats, "compact", errmsg)) ||
        (rc = pg_exec(s, SQL_LOCK_WAIT, NULL, "compact", errmsg)))
        return rc;
    rc = pg_exec(s, SQL_VACUUM, NULL, "compact: vacuum", errmsg);
    if (!rc)
        rc = pg_exec(s, SQL_ANALYZE, NULL, "compact: analyze", errmsg);
    if (!rc && may_stats)
        rc = pg_exec(s, SQL_VACUUM_STATS, NULL, "compact: vacuum statistics", errmsg);
    pg_exec(s, SQL_LOCK_RESET, NULL, "compact", ignore);
    if (rc) {
        /* another connection holds a table: the old rows stay until a later compact, as
         * SQLite's busy log does */
        return strstr(errmsg, "busy") || strstr(errmsg, "lock") ? RB_OK : rc;
    }
    /* the log still holds the old rows until a checkpoint lets its segments be recycled;
     * both need the right to run them (a superuser, or pg_checkpoint and EXECUTE on
     * pg_switch_wal): without it the store is compacted but not clean */
    *clean = !pg_exec(s, SQL_CHECKPOINT, NULL, "compact: checkpoint", ignore) &&
             !pg_exec(s, SQL_SWITCH_WAL, NULL, "compact: switch WAL", ignore) &&
             !pg_exec(s, SQL_CHECKPOINT, NULL, "compact: checkpoint", ignore);
    /* a checkpoint renames the log's old segments for reuse, old rows and all, unless the
     * server is told to remove them (wal_recycle = off): measured, an erased name stayed in
     * a recycled segment otherwise */
    if (*clean && (rc = pg_scalar(s, SQL_RECYCLE, NULL, &recycle, "compact", errmsg)))
        return rc;
    *clean = *clean && !recycle && may_stats;
    return RB_OK;
}

static enum rb_err
pg_retention_due(struct store *s, long long before, size_t max, json_t **items, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc;
    PGresult *r;
    *items = json_array();
    pg_arg_ll(&a, before);
    pg_arg_ll(&a, (long long)max);
    if (!(r = pg_query(s, SQL_DUE, &a, "find candidates due for erasure", &rc, errmsg)))
        return rc;
    for (int i = 0; i < PQntuples(r) && !rc; i++) {
        json_t *v = pg_json(r, i, 0, errmsg);
        if (v)
            json_array_append_new(*items, v);
        else
            rc = RB_EINTERNAL;
    }
    PQclear(r);
    return rc;
}

void
pg_privacy_ops(struct store_ops *ops)
{
    ops->candidate_export = pg_candidate_export;
    ops->candidate_erase = pg_candidate_erase;
    ops->compact = pg_compact;
    ops->retention_due = pg_retention_due;
}
