/* SPDX-License-Identifier: MIT */
/*
 * Data protection in SQLite (store/store.h): the audit log, a candidate's export, their
 * erasure, compaction of the files afterwards and the candidates due for erasure.
 *
 * The audit statements run often and are cached (sq_stmt); the others run rarely and are
 * prepared for the call and finalized after it, so that they take no slot of the cache.
 * Erasure overwrites what it frees (PRAGMA secure_delete), but old page images stay in the
 * write-ahead log and the main file until store_compact rewrites both.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "util/buf.h"
#include "util/mem.h"

#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
#define FINAL_STAGES "('hired', 'rejected', 'withdrawn')"
/* the scorecards of candidate ?1 */
#define CARDS_OF                                                                                   \
    "(SELECT sc.id FROM scorecard sc JOIN interview i ON i.id = sc.interview "                     \
    "WHERE i.candidate = ?1)"
/* amendment fields whose values are free text */
#define TEXT_FIELD(f) "(" f " = 'notes' OR " f " LIKE 'notes:%' OR " f " LIKE 'override_reason:%')"

static const char SQL_AUDIT_ADD[] =
    "INSERT INTO audit (actor, actor_label, action, candidate, what, candidates) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_AUDIT_SUBJECT[] =
    "INSERT OR IGNORE INTO audit_subject (candidate, audit) VALUES (?1, ?2)";
static const char SQL_AUDIT_PRUNE[] =
    "DELETE FROM audit WHERE id IN (SELECT id FROM audit WHERE at < ?1 ORDER BY id LIMIT ?2)";
/* an entry as listed: with a candidate filter (?1), a list's entry names that candidate */
#define AUDIT_ENTRY                                                                                \
    "json_object('id', id, 'at', at, 'actor', actor_label, 'actor_id', actor, 'action', action, "  \
    "'candidate', coalesce(candidate, ?1), 'candidates', CASE WHEN candidates IS NOT NULL THEN "   \
    "json(candidates) WHEN candidate IS NOT NULL THEN json_array(candidate) ELSE json_array() "    \
    "END, 'what', what)"
/* the entries of candidate ?1, through indexes */
#define AUDIT_OF_CANDIDATE                                                                         \
    "id IN (SELECT id FROM audit WHERE candidate = ?1 UNION ALL "                                  \
    "SELECT audit FROM audit_subject WHERE candidate = ?1)"

static const char SQL_EXPORT[] =
    "SELECT json_object("
    "'candidate', json_object('id', c.id, 'name', c.name, 'email', c.email, 'phone', c.phone, "
    " 'role', c.role, 'stage', c.stage, 'screening', c.screening, 'created_by', "
    " (SELECT email FROM account WHERE id = c.created_by), 'created_at', c.created_at, "
    " 'updated_at', c.updated_at, 'erased_at', c.erased_at), "
    "'history', (SELECT json_group_array(json_object('from', from_stage, 'to', to_stage, 'by', "
    " by_label, 'reason', reason, 'at', at)) FROM (SELECT * FROM candidate_stage_change "
    " WHERE candidate = c.id ORDER BY id)), "
    "'applications', (SELECT json_group_array(json_object('id', a.id, 'opening', a.opening, "
    " 'opening_title', (SELECT title FROM opening WHERE id = a.opening), 'stage', a.stage, "
    " 'kind', a.kind, 'source', a.source, 'created_at', a.created_at, 'answers', "
    " json(coalesce((SELECT answers FROM application_answer WHERE application = a.id), '{}')), "
    " 'history', "
    " (SELECT json_group_array(json_object('from', from_stage, 'to', to_stage, 'by', by_label, "
    " 'reason', reason, 'at', at)) FROM (SELECT * FROM application_stage_change WHERE "
    " application = a.id ORDER BY id)))) FROM (SELECT * FROM application WHERE candidate = c.id "
    " ORDER BY id) a), "
    "'resumes', (SELECT json_group_array(json_object('id', id, 'hash', hash, 'filename', "
    " filename, 'size', size, 'format', format, 'error', error, 'parsed', json(parsed), "
    " 'uploaded_by', (SELECT email FROM account WHERE id = uploaded_by), 'created_at', "
    " created_at)) FROM (SELECT * FROM resume WHERE candidate = c.id ORDER BY id)), "
    "'parses', (SELECT json_group_array(json_object('hash', hash, 'blind', json(CASE blind "
    " WHEN 1 THEN 'true' ELSE 'false' END), 'parser', parser, 'format', format, 'body', "
    " json(body), 'created_at', created_at)) FROM (SELECT * FROM parsed_resume WHERE hash IN "
    " (SELECT hash FROM resume WHERE candidate = c.id) ORDER BY hash, blind)), "
    "'screenings', (SELECT json_group_array(json_object('screening', screening, 'resume', "
    " resume, 'role', role, 'blind', json(CASE blind WHEN 1 THEN 'true' ELSE 'false' END), "
    " 'score', score, 'result', json(result), 'error', error, 'created_at', created_at)) "
    " FROM (SELECT sr.*, s.role, s.blind, s.created_at FROM screening_resume sr "
    " JOIN screening s ON s.id = sr.screening JOIN resume r ON r.id = sr.resume "
    " WHERE r.candidate = c.id ORDER BY sr.screening, sr.resume)), "
    "'interviews', (SELECT json_group_array(json_object('id', i.id, 'stage', i.stage, "
    " 'minutes', i.minutes, 'scheduled_at', i.scheduled_at, 'created_at', i.created_at, "
    " 'interviewers', (SELECT json_group_array(email) FROM (SELECT a.email FROM "
    " interview_interviewer ii JOIN account a ON a.id = ii.account WHERE ii.interview = i.id "
    " ORDER BY a.email)), 'kit', json(i.kit_json))) FROM (SELECT * FROM interview "
    " WHERE candidate = c.id ORDER BY id) i), "
    "'scorecards', (SELECT json_group_array(json_object('id', sc.id, 'interview', sc.interview, "
    " 'interviewer', (SELECT email FROM account WHERE id = sc.interviewer), 'recommendation', "
    " sc.recommendation, 'notes', sc.notes, 'submitted_at', sc.submitted_at, "
    " 'ratings', (SELECT json_group_array(json_object('question', question, 'competency', "
    "  competency, 'rating', rating, 'notes', notes)) FROM (SELECT * FROM scorecard_rating "
    "  WHERE scorecard = sc.id ORDER BY question)), "
    " 'competencies', (SELECT json_group_array(json_object('competency', competency, "
    "  'derived', derived, 'rating', rating, 'override_reason', override_reason)) FROM "
    "  (SELECT * FROM scorecard_competency WHERE scorecard = sc.id ORDER BY competency)), "
    " 'amendments', (SELECT json_group_array(json_object('by', by_label, 'field', field, "
    "  'old', old_value, 'new', new_value, 'reason', reason, 'at', at)) FROM (SELECT * FROM "
    "  scorecard_amendment WHERE scorecard = sc.id ORDER BY id)), "
    " 'original', json(sc.original))) FROM (SELECT s.* FROM scorecard s JOIN interview i "
    " ON i.id = s.interview WHERE i.candidate = c.id ORDER BY s.id) sc), "
    "'drafts', (SELECT json_group_array(json_object('interview', d.interview, 'interviewer', "
    " (SELECT email FROM account WHERE id = d.account), 'draft', json(d.body), 'updated_at', "
    " d.updated_at)) FROM (SELECT d.* FROM scorecard_draft d JOIN interview i ON i.id = "
    " d.interview WHERE i.candidate = c.id ORDER BY d.interview, d.account) d), "
    "'audit', (SELECT json_group_array(json_object('at', at, 'actor', actor_label, 'action', "
    " action, 'what', what)) FROM (SELECT * FROM audit WHERE " AUDIT_OF_CANDIDATE " ORDER BY id)), "
    "'files', (SELECT json_group_array(json_object('resume', id, 'hash', hash, 'filename', "
    " filename, 'size', size)) FROM (SELECT * FROM resume WHERE candidate = c.id ORDER BY id)), "
    "'self_id', (SELECT json_group_object(category, answer) FROM (SELECT * FROM self_id "
    " WHERE candidate = c.id ORDER BY category))"
    ") FROM candidate c WHERE c.id = ?1";

/* the erase, statement by statement (candidate ?1) */
static const char SQL_ERASED_AT[] = "SELECT erased_at IS NOT NULL FROM candidate WHERE id = ?1";
static const char SQL_HASHES[] = "SELECT DISTINCT hash FROM resume WHERE candidate = ?1";
static const char SQL_CARDS[] = "SELECT count(*) FROM " CARDS_OF;
static const char SQL_CARD_IDS[] = "SELECT id FROM " CARDS_OF;
#define ERASE_RESUMES 2 /* the statement of erase_sql that deletes the resumes */
static const char *const erase_sql[] = {
    /* kits made for them: by the interviews' reference, or by a name or email typed into
     * `rubric kit --candidate` (before the candidate's own row loses them) */
    "UPDATE kit SET candidate = NULL, body = json_set(body, '$.candidate', NULL) "
    "WHERE candidate IN ('c-' || ?1, (SELECT name FROM candidate WHERE id = ?1), "
    "(SELECT email FROM candidate WHERE id = ?1))",
    "DELETE FROM screening_resume WHERE resume IN (SELECT id FROM resume WHERE candidate = ?1)",
    "DELETE FROM resume WHERE candidate = ?1",
    "UPDATE candidate SET name = '" CANDIDATE_ERASED_NAME "', email = NULL, phone = NULL, "
    "erased_at = coalesce(erased_at, " NOW "), updated_at = " NOW " WHERE id = ?1",
    "UPDATE candidate_stage_change SET reason = NULL WHERE candidate = ?1",
    "UPDATE application_stage_change SET reason = NULL WHERE application IN (SELECT id FROM "
    "application WHERE candidate = ?1)",
    /* what they wrote on the careers form (their files were resume rows, deleted above) */
    "DELETE FROM application_answer WHERE application IN (SELECT id FROM application WHERE "
    "candidate = ?1)",
    "UPDATE scorecard SET notes = NULL WHERE id IN " CARDS_OF,
    "UPDATE scorecard_rating SET notes = NULL WHERE scorecard IN " CARDS_OF,
    /* a rating that differs from the derived one must keep a reason: an empty one */
    "UPDATE scorecard_competency SET override_reason = CASE WHEN rating IS derived THEN NULL "
    "ELSE '' END WHERE scorecard IN " CARDS_OF,
    /* reason is required: left empty */
    "UPDATE scorecard_amendment SET reason = '', "
    "old_value = CASE WHEN " TEXT_FIELD("field") " THEN NULL ELSE old_value END, "
                                                 "new_value = CASE WHEN " TEXT_FIELD(
                                                     "field") " THEN NULL ELSE new_value END "
                                                              "WHERE scorecard IN " CARDS_OF,
    /* drafts are free text about them, and never submitted */
    "DELETE FROM scorecard_draft WHERE interview IN (SELECT id FROM interview WHERE candidate "
    "= ?1)",
    /* self-identification is special-category data: nothing of it outlives the erase */
    "DELETE FROM self_id WHERE candidate = ?1",
    /* mail about them not sent yet, and the record of what was */
    "DELETE FROM outbox WHERE candidate = ?1",
};
/* the cached parses of a file (?1: its hash), and whether a resume still refers to it */
static const char SQL_PARSES_DEL[] = "DELETE FROM parsed_resume WHERE hash = ?1";
static const char SQL_HASH_USED[] = "SELECT 1 FROM resume WHERE hash = ?1 LIMIT 1";
static const char SQL_ORIGINAL_DEL[] = "DELETE FROM original WHERE hash = ?1";
/* Scorecard ?1 as submitted, without its free text: every member called notes, note,
 * override_reason, reason, comment or comments, at any depth, set to null one path at a
 * time (the shape stays the one the API documents). */
static const char SQL_ORIGINAL_STRIP[] =
    "UPDATE scorecard SET original = (WITH RECURSIVE "
    "p(n, path) AS (SELECT row_number() OVER (), t.fullkey FROM scorecard s, "
    " json_tree(s.original) t WHERE s.id = ?1 AND t.key IN ('notes', "
    " 'note', 'override_reason', 'reason', 'comment', 'comments')), "
    "f(n, doc) AS (SELECT 0, (SELECT original FROM scorecard WHERE id = ?1) UNION ALL "
    " SELECT f.n + 1, json_set(f.doc, p.path, NULL) FROM f JOIN p ON p.n = f.n + 1) "
    "SELECT doc FROM f ORDER BY n DESC LIMIT 1) WHERE id = ?1";

static const char SQL_DUE[] =
    "SELECT json_object('id', id, 'stage', stage, 'since', since) FROM (SELECT c.id, c.stage, "
    "coalesce((SELECT at FROM candidate_stage_change WHERE candidate = c.id ORDER BY id DESC "
    "LIMIT 1), c.updated_at) AS since FROM candidate c WHERE c.erased_at IS NULL AND c.stage "
    "IN " FINAL_STAGES ") WHERE since < strftime('%Y-%m-%dT%H:%M:%SZ', ?1, 'unixepoch') "
    "ORDER BY since, id LIMIT ?2";

/* A statement for this call only (finalize it); NULL with errmsg. */
static sqlite3_stmt *
prepare_once(struct store *s, const char *sql, char *errmsg)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(sq_db(s), sql, -1, &st, NULL) != SQLITE_OK) {
        sq_fail(s, errmsg, "prepare");
        sqlite3_finalize(st);
        return NULL;
    }
    return st;
}

/* Runs sql once with ?1 bound to id (when it has parameters); *changes (may be NULL) is
 * how many rows it changed. */
static enum rb_err
run_once(struct store *s, const char *sql, long long id, size_t *changes, const char *what,
         char *errmsg)
{
    sqlite3_stmt *st = prepare_once(s, sql, errmsg);
    enum rb_err rc = RB_OK;
    int r;
    if (!st)
        return RB_ESTORE;
    if (sqlite3_bind_parameter_count(st) > 0)
        sqlite3_bind_int64(st, 1, id);
    while ((r = sqlite3_step(st)) == SQLITE_ROW)
        ;
    if (r != SQLITE_DONE)
        rc = sq_fail(s, errmsg, what);
    else if (changes)
        *changes = (size_t)sqlite3_changes(sq_db(s));
    sqlite3_finalize(st);
    return rc;
}

static void
bind_actor(sqlite3_stmt *st, const struct audit_actor *who)
{
    if (who && who->account)
        sqlite3_bind_int64(st, 1, who->account);
    sq_bind_text(st, 2, who && who->label ? who->label : "command line");
}

/* One audit row inside the caller's transaction, for the n candidates of ids (n > 1: their
 * ids in `candidates` and audit_subject). */
static enum rb_err
audit_row(struct store *s, const struct audit_actor *who, const char *action, const long long *ids,
          size_t n, const char *what, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_AUDIT_ADD, errmsg);
    sqlite3_int64 row;
    struct buf list;
    enum rb_err rc;
    if (!st)
        return RB_ESTORE;
    buf_init(&list, (size_t)1 << 24);
    bind_actor(st, who);
    sq_bind_text(st, 3, action);
    if (n == 1)
        sqlite3_bind_int64(st, 4, ids[0]);
    sq_bind_text(st, 5, what);
    if (n > 1) {
        buf_putc(&list, '[');
        for (size_t i = 0; i < n; i++)
            buf_printf(&list, "%s%lld", i ? "," : "", ids[i]);
        buf_putc(&list, ']');
        sq_bind_text(st, 6, buf_str(&list));
    }
    rc = sq_exec(s, st, errmsg, "record audit entry");
    buf_cleanup(&list);
    row = sqlite3_last_insert_rowid(sq_db(s));
    for (size_t i = 0; n > 1 && i < n && !rc; i++) {
        if (!(st = sq_stmt(s, SQL_AUDIT_SUBJECT, errmsg)))
            return RB_ESTORE;
        sqlite3_bind_int64(st, 1, ids[i]);
        sqlite3_bind_int64(st, 2, row);
        rc = sq_exec(s, st, errmsg, "record audit entry");
    }
    return rc;
}

enum rb_err
sqlite_audit_append(struct store *s, const struct audit_actor *who, const char *action,
                    const long long *candidates, size_t n, const char *what, char *errmsg)
{
    enum rb_err rc = sq_begin(s, errmsg);
    if (rc)
        return rc;
    rc = audit_row(s, who, action, candidates, n, what, errmsg);
    return sq_end(s, rc, errmsg);
}

/* The WHERE of a listing: only the filters given, so that each uses its index. */
static void
audit_where(struct buf *b, const struct audit_filter *f)
{
    const char *and = "WHERE ";
    if (f->candidate) {
        buf_printf(b, "%s" AUDIT_OF_CANDIDATE " ", and);
        and = "AND ";
    }
    if (f->actor) {
        buf_printf(b, "%sactor_label = ?2 ", and);
        and = "AND ";
    }
    if (f->action) {
        buf_printf(b, "%saction = ?3 ", and);
        and = "AND ";
    }
    if (f->since)
        buf_printf(b, "%sat >= ?4 ", and);
}

static void
bind_filter(sqlite3_stmt *st, const struct audit_filter *f)
{
    if (f->candidate)
        sqlite3_bind_int64(st, 1, f->candidate);
    sq_bind_text(st, 2, f->actor);
    sq_bind_text(st, 3, f->action);
    sq_bind_text(st, 4, f->since);
}

enum rb_err
sqlite_audit_list(struct store *s, const struct audit_filter *f, size_t limit, size_t offset,
                  json_t **items, size_t *total, char *errmsg)
{
    sqlite3_stmt *st = NULL;
    struct buf sql;
    enum rb_err rc = RB_OK;
    int r;
    *items = json_array();
    *total = 0;
    /* the page, newest first by id (the primary key), then the count apart: a window
     * count over the page's query would read every matching row to give one */
    buf_init(&sql, 4096);
    buf_puts(&sql, "SELECT " AUDIT_ENTRY " FROM audit ");
    audit_where(&sql, f);
    buf_puts(&sql, "ORDER BY id DESC LIMIT ?5 OFFSET ?6");
    st = prepare_once(s, buf_str(&sql), errmsg);
    buf_cleanup(&sql);
    if (!st)
        return RB_ESTORE;
    bind_filter(st, f);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)limit);
    sqlite3_bind_int64(st, 6, (sqlite3_int64)offset);
    rc = sq_json_rows(s, st, *items, NULL, "list audit entries", errmsg);
    sqlite3_finalize(st);
    if (rc)
        return rc;
    buf_init(&sql, 4096);
    buf_puts(&sql, "SELECT count(*) FROM audit ");
    audit_where(&sql, f);
    st = prepare_once(s, buf_str(&sql), errmsg);
    buf_cleanup(&sql);
    if (!st)
        return RB_ESTORE;
    bind_filter(st, f);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        *total = (size_t)sqlite3_column_int64(st, 0);
    else
        rc = sq_fail(s, errmsg, "count audit entries");
    sqlite3_finalize(st);
    return rc;
}

enum rb_err
sqlite_audit_prune(struct store *s, const char *before, size_t *deleted, char *errmsg)
{
    enum rb_err rc = RB_OK;
    *deleted = 0;
    /* in batches, so that other writers wait for one batch at most */
    for (;;) {
        sqlite3_stmt *st;
        size_t n;
        if ((rc = sq_begin(s, errmsg)))
            return rc;
        if (!(st = sq_stmt(s, SQL_AUDIT_PRUNE, errmsg))) {
            rc = RB_ESTORE;
        } else {
            sq_bind_text(st, 1, before);
            sqlite3_bind_int64(st, 2, 5000);
            rc = sq_exec(s, st, errmsg, "delete old audit entries");
        }
        n = rc ? 0 : (size_t)sqlite3_changes(sq_db(s));
        if ((rc = sq_end(s, rc, errmsg)))
            return rc;
        *deleted += n;
        if (n < 5000)
            return RB_OK;
    }
}

enum rb_err
sqlite_candidate_export(struct store *s, long long id, json_t **out, char *errmsg)
{
    sqlite3_stmt *st = prepare_once(s, SQL_EXPORT, errmsg);
    enum rb_err rc = RB_OK;
    int r;
    *out = NULL;
    if (!st)
        return RB_ESTORE;
    sqlite3_bind_int64(st, 1, id);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        if (!(*out = sq_col_json(st, 0, errmsg)))
            rc = RB_EINTERNAL;
    } else if (r == SQLITE_DONE) {
        snprintf(errmsg, RB_ERRMSG, "no candidate %lld", id);
        rc = RB_ENOTFOUND;
    } else {
        rc = sq_fail(s, errmsg, "export candidate");
    }
    sqlite3_finalize(st);
    return rc;
}

/* The first column of sql's first row as an integer (0 without a row); ?1 is id. */
static enum rb_err
int_once(struct store *s, const char *sql, long long id, long long *v, bool *found,
         const char *what, char *errmsg)
{
    sqlite3_stmt *st = prepare_once(s, sql, errmsg);
    enum rb_err rc = RB_OK;
    int r;
    *v = 0;
    if (!st)
        return RB_ESTORE;
    sqlite3_bind_int64(st, 1, id);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        *v = sqlite3_column_int64(st, 0);
    else if (r != SQLITE_DONE)
        rc = sq_fail(s, errmsg, what);
    if (found)
        *found = r == SQLITE_ROW;
    sqlite3_finalize(st);
    return rc;
}

/* The candidate's distinct upload hashes into *v (new strings). */
static enum rb_err
hashes_of(struct store *s, long long id, char ***v, size_t *n, char *errmsg)
{
    sqlite3_stmt *st = prepare_once(s, SQL_HASHES, errmsg);
    size_t cap = 0;
    int r;
    *v = NULL;
    *n = 0;
    if (!st)
        return RB_ESTORE;
    sqlite3_bind_int64(st, 1, id);
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        xgrow(v, &cap, *n + 1, sizeof **v);
        (*v)[(*n)++] = sq_col_dup(st, 0);
    }
    if (r != SQLITE_DONE) {
        enum rb_err rc = sq_fail(s, errmsg, "read resumes");
        sqlite3_finalize(st);
        return rc;
    }
    sqlite3_finalize(st);
    return RB_OK;
}

/* Removes the free text of every scorecard of candidate id as submitted. */
static enum rb_err
strip_originals(struct store *s, long long id, char *errmsg)
{
    sqlite3_stmt *ids = prepare_once(s, SQL_CARD_IDS, errmsg);
    enum rb_err rc = RB_OK;
    int r;
    if (!ids)
        return RB_ESTORE;
    sqlite3_bind_int64(ids, 1, id);
    while (!rc && (r = sqlite3_step(ids)) == SQLITE_ROW)
        rc = run_once(s, SQL_ORIGINAL_STRIP, sqlite3_column_int64(ids, 0), NULL,
                      "clear scorecard notes", errmsg);
    if (!rc && r != SQLITE_DONE)
        rc = sq_fail(s, errmsg, "read scorecards");
    sqlite3_finalize(ids);
    return rc;
}

/* Deletes the cached parses of each file, and the originals no resume refers to any more,
 * whose hashes r keeps. */
static enum rb_err
drop_files(struct store *s, char **hashes, size_t n, struct erase_result *r, char *errmsg)
{
    size_t cap = 0;
    for (size_t i = 0; i < n; i++) {
        sqlite3_stmt *st = prepare_once(s, SQL_PARSES_DEL, errmsg);
        enum rb_err rc;
        int used;
        bool found;
        if (!st)
            return RB_ESTORE;
        sq_bind_text(st, 1, hashes[i]);
        rc = sqlite3_step(st) == SQLITE_DONE ? RB_OK : sq_fail(s, errmsg, "delete parses");
        sqlite3_finalize(st);
        if (rc)
            return rc;
        if (!(st = prepare_once(s, SQL_HASH_USED, errmsg)))
            return RB_ESTORE;
        sq_bind_text(st, 1, hashes[i]);
        used = sqlite3_step(st);
        found = used == SQLITE_ROW;
        rc = used == SQLITE_ROW || used == SQLITE_DONE ? RB_OK : sq_fail(s, errmsg, "read resumes");
        sqlite3_finalize(st);
        if (rc)
            return rc;
        if (!found) {
            /* the last resume with these bytes is gone: so is the original, in this
             * transaction (secure_delete overwrites its pages) */
            if (!(st = prepare_once(s, SQL_ORIGINAL_DEL, errmsg)))
                return RB_ESTORE;
            sq_bind_text(st, 1, hashes[i]);
            rc = sqlite3_step(st) == SQLITE_DONE ? RB_OK : sq_fail(s, errmsg, "delete original");
            sqlite3_finalize(st);
            if (rc)
                return rc;
            xgrow(&r->hashes, &cap, r->nhashes + 1, sizeof *r->hashes);
            r->hashes[r->nhashes++] = xstrdup(hashes[i]);
        }
    }
    return RB_OK;
}

enum rb_err
sqlite_candidate_erase(struct store *s, long long id, const struct audit_actor *who,
                       struct erase_result *r, char *errmsg)
{
    sqlite3 *db = sq_db(s);
    char **hashes = NULL, pragma[48];
    size_t nhashes = 0;
    long long v, secure = 0;
    bool found;
    enum rb_err rc;

    /* what this erase frees is overwritten with zeros, in the log and then the file */
    {
        sqlite3_stmt *st = prepare_once(s, "PRAGMA secure_delete", errmsg);
        if (!st)
            return RB_ESTORE;
        if (sqlite3_step(st) == SQLITE_ROW)
            secure = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    if (sqlite3_exec(db, "PRAGMA secure_delete = ON", NULL, NULL, NULL) != SQLITE_OK)
        return sq_fail(s, errmsg, "secure_delete");
    if ((rc = sq_begin(s, errmsg)))
        goto restore;
    if ((rc = int_once(s, SQL_ERASED_AT, id, &v, &found, "read candidate", errmsg)))
        goto out;
    if (!found) {
        snprintf(errmsg, RB_ERRMSG, "no candidate %lld", id);
        rc = RB_ENOTFOUND;
        goto out;
    }
    r->already = v != 0;
    if ((rc = hashes_of(s, id, &hashes, &nhashes, errmsg)) ||
        (rc = int_once(s, SQL_CARDS, id, &v, NULL, "count scorecards", errmsg)))
        goto out;
    r->scorecards = (size_t)v;
    for (size_t i = 0; i < sizeof erase_sql / sizeof erase_sql[0] && !rc; i++)
        rc = run_once(s, erase_sql[i], id, i == ERASE_RESUMES ? &r->resumes : NULL,
                      "erase candidate", errmsg);
    if (!rc)
        rc = strip_originals(s, id, errmsg);
    if (!rc)
        rc = drop_files(s, hashes, nhashes, r, errmsg);
    if (!rc)
        rc = audit_row(s, who, "erase", &id, 1, "candidate", errmsg);
out:
    rc = sq_end(s, rc, errmsg);
restore:
    snprintf(pragma, sizeof pragma, "PRAGMA secure_delete = %d", secure ? 1 : 0);
    sqlite3_exec(db, pragma, NULL, NULL, NULL);
    for (size_t i = 0; i < nhashes; i++)
        free(hashes[i]);
    free(hashes);
    if (rc)
        erase_result_cleanup(r);
    return rc;
}

enum rb_err
sqlite_compact(struct store *s, bool *clean, char *errmsg)
{
    sqlite3 *db = sq_db(s);
    sqlite3_stmt *st;
    int r, busy = 1;

    *clean = false;
    r = sqlite3_exec(db, "VACUUM", NULL, NULL, NULL);
    if (r != SQLITE_OK && (r & 0xff) != SQLITE_BUSY && (r & 0xff) != SQLITE_LOCKED)
        return sq_fail(s, errmsg, "vacuum");
    if (!(st = prepare_once(s, "PRAGMA wal_checkpoint(TRUNCATE)", errmsg)))
        return RB_ESTORE;
    if (sqlite3_step(st) == SQLITE_ROW)
        busy = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    *clean = r == SQLITE_OK && busy == 0;
    return RB_OK;
}

enum rb_err
sqlite_retention_due(struct store *s, long long before, size_t max, json_t **items, char *errmsg)
{
    sqlite3_stmt *st = prepare_once(s, SQL_DUE, errmsg);
    enum rb_err rc = RB_OK;
    *items = json_array();
    if (!st)
        return RB_ESTORE;
    sqlite3_bind_int64(st, 1, before);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)max);
    rc = sq_json_rows(s, st, *items, NULL, "find candidates due for erasure", errmsg);
    sqlite3_finalize(st);
    return rc;
}

static const char SQL_UPLOAD_USED[] = "SELECT 1 FROM resume WHERE hash = ?1 LIMIT 1";

enum rb_err
sqlite_upload_used(struct store *s, const char *hash, bool *used, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_UPLOAD_USED, errmsg);
    int r;
    *used = false;
    if (!st)
        return RB_ESTORE;
    sq_bind_text(st, 1, hash);
    r = sqlite3_step(st);
    *used = r == SQLITE_ROW;
    sq_done(st);
    return r == SQLITE_ROW || r == SQLITE_DONE ? RB_OK : sq_fail(s, errmsg, "read resumes");
}

static const char SQL_ORIGINAL_SIZE[] = "SELECT size FROM original WHERE hash = ?1";
static const char SQL_ORIGINAL_DATA[] = "SELECT data FROM original WHERE hash = ?1";
static const char SQL_ORIGINAL_KEEP[] =
    "INSERT INTO original (hash, size, data) SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM "
    "resume WHERE hash = ?1) ON CONFLICT (hash) DO NOTHING";

enum rb_err
sqlite_original_get(struct store *s, const char *hash, size_t max, void **data, size_t *len,
                    char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, SQL_ORIGINAL_SIZE, errmsg);
    long long size = -1;
    enum rb_err rc = RB_OK;
    int r;
    if (!st)
        return RB_ESTORE;
    sq_bind_text(st, 1, hash);
    /* the size first, so that an original over max is never read into memory */
    if ((r = sqlite3_step(st)) == SQLITE_ROW)
        size = sqlite3_column_int64(st, 0);
    sq_done(st);
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        return sq_fail(s, errmsg, "read original");
    if (size < 0) {
        snprintf(errmsg, RB_ERRMSG, "no original with hash %.64s in the store", hash);
        return RB_ENOTFOUND;
    }
    if ((unsigned long long)size > max) {
        snprintf(errmsg, RB_ERRMSG, "the original is %lld bytes, over the limit of %zu", size, max);
        return RB_ETOOBIG;
    }
    if (!(st = sq_stmt(s, SQL_ORIGINAL_DATA, errmsg)))
        return RB_ESTORE;
    sq_bind_text(st, 1, hash);
    if ((r = sqlite3_step(st)) == SQLITE_ROW) {
        const void *p = sqlite3_column_blob(st, 0);
        size_t n = (size_t)sqlite3_column_bytes(st, 0);
        char *copy = xmalloc(n + 1);
        if (n)
            memcpy(copy, p, n);
        copy[n] = '\0';
        *data = copy;
        *len = n;
    } else if (r == SQLITE_DONE) {
        snprintf(errmsg, RB_ERRMSG, "no original with hash %.64s in the store", hash);
        rc = RB_ENOTFOUND; /* erased between the two reads */
    } else {
        rc = sq_fail(s, errmsg, "read original");
    }
    sq_done(st);
    return rc;
}

enum rb_err
sqlite_original_keep(struct store *s, const char *hash, const void *data, size_t len, bool *kept,
                     char *errmsg)
{
    sqlite3_stmt *st;
    enum rb_err rc = sq_begin(s, errmsg);
    if (rc)
        return rc;
    if (!(st = sq_stmt(s, SQL_ORIGINAL_KEEP, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sq_bind_text(st, 1, hash);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)len);
    sqlite3_bind_blob64(st, 3, data ? data : "", len, SQLITE_STATIC);
    if ((rc = sq_exec(s, st, errmsg, "keep original")))
        goto out;
    if (!(st = sq_stmt(s, SQL_ORIGINAL_SIZE, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sq_bind_text(st, 1, hash);
    *kept = sqlite3_step(st) == SQLITE_ROW;
    sq_done(st);
out:
    return sq_end(s, rc, errmsg);
}
