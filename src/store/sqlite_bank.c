/* SPDX-License-Identifier: MIT */
/*
 * The question bank in SQLite: loading a bank (competencies, questions, their parts and
 * synonyms, with the competency ids of one write cached), reading a question back, stats,
 * export, import, and single questions from the API.
 */
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "util/buf.h"
#include "util/mem.h"
#include "util/text.h"

/* question_to_json's "skills" and "track" of question q, for SQL_Q_JSON */
#define Q_JSON_SKILLS                                                                              \
    "'skills', (SELECT json_group_array(skill) FROM (SELECT skill FROM question_skill WHERE "      \
    "question = q.id ORDER BY position)), 'track', (SELECT track FROM question_track WHERE "       \
    "question = q.id)"
#define LEVEL_NAME(col)                                                                            \
    "CASE " col " WHEN 1 THEN 'junior' WHEN 2 THEN 'mid' WHEN 3 THEN 'senior' "                    \
    "WHEN 4 THEN 'architect' END"
/* question_to_json's text, built by SQLite from the row: no tree to build, dump and
 * free for the API's most frequent read (keys in the same order) */
#define Q_LEVEL_MIN LEVEL_NAME("q.level_min")
#define Q_LEVEL_MAX LEVEL_NAME("q.level_max")
#define Q_LEVEL                                                                                    \
    "CASE WHEN q.level_min = q.level_max THEN " Q_LEVEL_MIN " ELSE " Q_LEVEL_MIN                   \
    " || '-' || " Q_LEVEL_MAX " END"
static const char SQL_COMP_UPSERT[] =
    "INSERT INTO competency (slug, name, summary) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (slug) DO UPDATE SET name = excluded.name, "
    "summary = excluded.summary";
static const char SQL_COMP_ID[] = "SELECT id FROM competency WHERE slug = ?1";
static const char SQL_SYN_CLEAR[] = "DELETE FROM synonym";
static const char SQL_SYN_INSERT[] =
    "INSERT OR REPLACE INTO synonym (concept, alternatives) VALUES (?1, ?2)";
static const char SQL_Q_LOOKUP[] = "SELECT id, digest, retired FROM question WHERE slug = ?1";
static const char SQL_Q_INSERT[] =
    "INSERT INTO question (slug, title, body, category, level_min, level_max, "
    "minutes, source, topic, text_key, digest, points, competency) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
static const char SQL_Q_UPDATE[] =
    "UPDATE question SET title = ?2, body = ?3, category = ?4, level_min = ?5, "
    "level_max = ?6, minutes = ?7, source = ?8, topic = ?9, text_key = ?10, "
    "digest = ?11, points = ?12, competency = ?13, retired = 0, "
    "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1";
static const char SQL_QC_INSERT[] =
    "INSERT INTO question_competency (question, competency, position) "
    "VALUES (?1, ?2, ?3)";
static const char SQL_QC_CLEAR[] = "DELETE FROM question_competency WHERE question = ?1";
static const char SQL_FTS_INSERT[] = "INSERT INTO question_fts (rowid, title, body, points) "
                                     "VALUES (?1, ?2, ?3, ?4)";
static const char SQL_FTS_DELETE[] = "DELETE FROM question_fts WHERE rowid = ?1";
static const char SQL_SEEN_CREATE[] =
    "CREATE TEMP TABLE IF NOT EXISTS load_seen (id INTEGER PRIMARY KEY)";
static const char SQL_SEEN_CLEAR[] = "DELETE FROM temp.load_seen";
static const char SQL_SEEN_INSERT[] = "INSERT OR IGNORE INTO temp.load_seen (id) VALUES (?1)";
static const char SQL_RETIRE_FTS[] =
    "DELETE FROM question_fts WHERE rowid IN (SELECT id FROM question "
    "WHERE source IS NULL AND retired = 0 "
    "AND id NOT IN (SELECT id FROM temp.load_seen))";
static const char SQL_RETIRE[] = "UPDATE question SET retired = 1, "
                                 "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
                                 "WHERE source IS NULL AND retired = 0 "
                                 "AND id NOT IN (SELECT id FROM temp.load_seen)";
static const char SQL_Q_GET[] =
    "SELECT id, slug, title, body, category, level_min, level_max, minutes, "
    "source, topic, points FROM question WHERE slug = ?1";
static const char SQL_QC_GET[] =
    "SELECT c.slug FROM question_competency qc JOIN competency c "
    "ON c.id = qc.competency WHERE qc.question = ?1 ORDER BY qc.position";
static const char SQL_STATS_TOTAL[] =
    "SELECT count(*), coalesce(sum(retired), 0), "
    "coalesce(sum(source IS NOT NULL AND retired = 0), 0) FROM question";
static const char SQL_STATS_MATRIX[] =
    "SELECT category, level_min, level_max, count(*) FROM question "
    "WHERE retired = 0 GROUP BY 1, 2, 3";
static const char SQL_STATS_COMP[] =
    "SELECT c.slug, c.name, q.category, q.level_min, q.level_max, count(q.id) "
    "FROM competency c "
    "LEFT JOIN question_competency qc ON qc.competency = c.id "
    " AND qc.position = 0 "
    "LEFT JOIN question q ON q.id = qc.question AND q.retired = 0 "
    "GROUP BY c.slug, q.category, q.level_min, q.level_max ORDER BY c.slug";
static const char SQL_EXPORT_COMPS[] = "SELECT slug, name, summary FROM competency ORDER BY slug";
static const char SQL_EXPORT_QS[] = "SELECT q.slug FROM question q JOIN question_competency qc "
                                    "ON qc.question = q.id AND qc.position = 0 "
                                    "JOIN competency c ON c.id = qc.competency "
                                    "WHERE q.retired = 0 ORDER BY c.slug, q.slug";
static const char SQL_EXPORT_SYNS[] = "SELECT concept, alternatives FROM synonym ORDER BY concept";
static const char SQL_TEXT_EXISTS[] = "SELECT 1 FROM question WHERE text_key = ?1 LIMIT 1";
static const char SQL_ANY_QUESTION[] = "SELECT 1 FROM question LIMIT 1";
static const char SQL_Q_JSON[] =
    "SELECT json_object('id', q.slug, 'title', q.title, 'text', q.body, "
    "'category', q.category, 'level', " Q_LEVEL ", 'level_min', " Q_LEVEL_MIN ", "
    "'level_max', " Q_LEVEL_MAX ", 'minutes', q.minutes, "
    "'competencies', (SELECT json_group_array(slug) FROM (SELECT c.slug FROM "
    "question_competency qc JOIN competency c ON c.id = qc.competency "
    "WHERE qc.question = q.id ORDER BY qc.position)), "
    "'points', json(q.points), 'source', q.source, 'topic', q.topic, " Q_JSON_SKILLS ") "
    "FROM question q WHERE q.slug = ?1";
static const char SQL_Q_RETIRE_ONE[] =
    "UPDATE question SET retired = 1, "
    "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1";

/* ---- writing questions -------------------------------------------------------------- */

/* The id of competency slug. Cached until the next write transaction begins, so a
 * rolled-back insert is never remembered. */
enum rb_err
sqlite_competency_id(struct sqlite_store *s, const char *slug, sqlite3_int64 *id, char *errmsg)
{
    sqlite3_stmt *st;
    int r;

    for (size_t i = 0; i < s->ncomps; i++)
        if (strcmp(s->comps[i].slug, slug) == 0) {
            *id = s->comps[i].id;
            return RB_OK;
        }
    if (!(st = sq_stmt(&s->base, SQL_COMP_ID, errmsg)))
        return RB_ESTORE;
    sq_bind_text(st, 1, slug);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    sq_done(st);
    if (r == SQLITE_ROW) {
        if (s->ncomps < COMP_CACHE) {
            s->comps[s->ncomps].slug = xstrdup(slug);
            s->comps[s->ncomps].id = *id;
            s->ncomps++;
        }
        return RB_OK;
    }
    if (r != SQLITE_DONE)
        return sq_fail(&s->base, errmsg, "look up competency");
    snprintf(errmsg, RB_ERRMSG, "unknown competency '%s'", slug);
    return RB_ENOTFOUND;
}

static enum rb_err
upsert_competency(struct sqlite_store *s, const struct competency *c, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(&s->base, SQL_COMP_UPSERT, errmsg);
    if (!st)
        return RB_ESTORE;
    sq_bind_text(st, 1, c->id);
    sq_bind_text(st, 2, c->name ? c->name : c->id);
    sq_bind_text(st, 3, c->summary ? c->summary : "");
    return sq_exec(&s->base, st, errmsg, "save competency");
}

/* Binds the question's columns ?2..?12 (the caller binds ?1). points is the JSON of its
 * points (points_to_json_text). */
static void
bind_question(sqlite3_stmt *st, const struct question *q, const char *key, const char *digest,
              const char *points, sqlite3_int64 primary)
{
    sq_bind_text(st, 2, q->title);
    sq_bind_text(st, 3, q->text);
    sq_bind_text(st, 4, category_name(q->category));
    sqlite3_bind_int(st, 5, q->level_min);
    sqlite3_bind_int(st, 6, q->level_max);
    sqlite3_bind_int(st, 7, q->minutes);
    sq_bind_text(st, 8, q->source);
    sq_bind_text(st, 9, q->topic);
    sq_bind_text(st, 10, key);
    sq_bind_text(st, 11, digest);
    sq_bind_text(st, 12, points);
    sqlite3_bind_int64(st, 13, primary);
}

/* The id of q's primary competency; RB_EINVAL naming it when the store has no such one. */
static enum rb_err
primary_competency(struct sqlite_store *s, const struct question *q, sqlite3_int64 *id,
                   char *errmsg)
{
    enum rb_err rc;
    if (!q->ncompetencies) {
        snprintf(errmsg, RB_ERRMSG, "question '%s' has no competency", q->id);
        return RB_EINVAL;
    }
    rc = sqlite_competency_id(s, q->competencies[0], id, errmsg);
    if (rc == RB_ENOTFOUND) {
        snprintf(errmsg, RB_ERRMSG, "question '%s': unknown competency '%s'", q->id,
                 q->competencies[0]);
        rc = RB_EINVAL;
    }
    return rc;
}

/* Writes the competencies and the search entry of question id. */
static enum rb_err
write_parts(struct sqlite_store *s, sqlite3_int64 id, const struct question *q, char *errmsg)
{
    sqlite3_stmt *st;
    enum rb_err rc = RB_OK;
    struct buf points;

    for (size_t i = 0; i < q->ncompetencies && !rc; i++) {
        sqlite3_int64 cid = 0;
        rc = sqlite_competency_id(s, q->competencies[i], &cid, errmsg);
        if (rc == RB_ENOTFOUND) {
            snprintf(errmsg, RB_ERRMSG, "question '%s': unknown competency '%s'", q->id,
                     q->competencies[i]);
            rc = RB_EINVAL;
        }
        if (rc)
            return rc;
        if (!(st = sq_stmt(&s->base, SQL_QC_INSERT, errmsg)))
            return RB_ESTORE;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, cid);
        sqlite3_bind_int(st, 3, (int)i);
        rc = sq_exec(&s->base, st, errmsg, "save question competency");
    }
    /* exactly what the question_search view gives back, or deletes would not match */
    buf_init(&points, 64u << 20);
    for (size_t i = 0; i < q->npoints && !rc; i++)
        if ((i && buf_putc(&points, '\n')) || buf_puts(&points, q->points[i].text))
            rc = RB_ETOOBIG;
    if (!rc) {
        if (!(st = sq_stmt(&s->base, SQL_FTS_INSERT, errmsg))) {
            rc = RB_ESTORE;
        } else {
            sqlite3_bind_int64(st, 1, id);
            sq_bind_text(st, 2, q->title);
            sq_bind_text(st, 3, q->text);
            sq_bind_text(st, 4, q->npoints ? buf_str(&points) : NULL);
            rc = sq_exec(&s->base, st, errmsg, "index question");
        }
    }
    buf_cleanup(&points);
    if (!rc)
        rc = sqlite_question_skills_write(&s->base, id, q, errmsg);
    return rc;
}

static enum rb_err
clear_parts(struct sqlite_store *s, sqlite3_int64 id, char *errmsg)
{
    /* the index entry first: FTS5 reads the old text from question_search to remove it */
    static const char *const ids[] = {SQL_FTS_DELETE, SQL_QC_CLEAR};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        sqlite3_stmt *st = sq_stmt(&s->base, ids[i], errmsg);
        enum rb_err rc;
        if (!st)
            return RB_ESTORE;
        sqlite3_bind_int64(st, 1, id);
        rc = sq_exec(&s->base, st, errmsg, "clear question");
        if (rc)
            return rc;
    }
    return sqlite_question_skills_clear(&s->base, id, errmsg);
}

static enum rb_err
insert_question(struct sqlite_store *s, const struct question *q, const char *key,
                const char *digest, sqlite3_int64 *id, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(&s->base, SQL_Q_INSERT, errmsg);
    sqlite3_int64 primary = 0;
    char *points;
    enum rb_err rc;
    if (!st)
        return RB_ESTORE;
    rc = primary_competency(s, q, &primary, errmsg);
    if (rc)
        return rc;
    points = points_to_json_text(q->points, q->npoints);
    sq_bind_text(st, 1, q->id);
    bind_question(st, q, key, digest, points, primary);
    rc = sq_exec(&s->base, st, errmsg, "save question");
    free(points);
    if (rc)
        return rc;
    *id = sqlite3_last_insert_rowid(s->db);
    return write_parts(s, *id, q, errmsg);
}

/* Rewrites question id (row number) with q, its competencies and its index entry. */
static enum rb_err
update_question(struct sqlite_store *s, sqlite3_int64 id, const struct question *q, const char *key,
                const char *digest, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(&s->base, SQL_Q_UPDATE, errmsg);
    sqlite3_int64 primary = 0;
    enum rb_err rc;
    char *points;
    if (!st)
        return RB_ESTORE;
    rc = primary_competency(s, q, &primary, errmsg);
    if (!rc)
        rc = clear_parts(s, id, errmsg);
    if (rc)
        return rc;
    points = points_to_json_text(q->points, q->npoints);
    sqlite3_bind_int64(st, 1, id);
    bind_question(st, q, key, digest, points, primary);
    rc = sq_exec(&s->base, st, errmsg, "update question");
    free(points);
    return rc ? rc : write_parts(s, id, q, errmsg);
}

/* Sets *id, *same (the stored digest equals digest and the question is live); *id is 0 when
 * no question has this slug. */
static enum rb_err
lookup_question(struct sqlite_store *s, const char *slug, const char *digest, sqlite3_int64 *id,
                bool *same, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(&s->base, SQL_Q_LOOKUP, errmsg);
    int r;
    if (!st)
        return RB_ESTORE;
    sq_bind_text(st, 1, slug);
    *id = 0;
    *same = false;
    r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        const char *d = (const char *)sqlite3_column_text(st, 1);
        *id = sqlite3_column_int64(st, 0);
        *same = d && strcmp(d, digest) == 0 && sqlite3_column_int(st, 2) == 0;
    }
    sq_done(st);
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        return sq_fail(&s->base, errmsg, "look up question");
    return RB_OK;
}

static enum rb_err
save_question(struct sqlite_store *s, const struct question *q, struct load_result *r, char *errmsg)
{
    char *key = question_text_key(q->text, strlen(q->text));
    char *digest = question_digest(q);
    sqlite3_int64 id = 0;
    bool same;
    sqlite3_stmt *st;
    enum rb_err rc = RB_OK;

    /* Into an empty store every question is new and nothing needs marking for
     * retirement: skip both look-ups (a first load of a large bank is mostly this). */
    if (s->fresh) {
        rc = insert_question(s, q, key, digest, &id, errmsg);
        r->added++;
        goto out;
    }
    rc = lookup_question(s, q->id, digest, &id, &same, errmsg);
    if (rc)
        goto out;
    if (!id) {
        rc = insert_question(s, q, key, digest, &id, errmsg);
        r->added++;
    } else if (same) {
        r->unchanged++;
    } else {
        rc = update_question(s, id, q, key, digest, errmsg);
        r->updated++;
    }
    if (!rc) {
        if (!(st = sq_stmt(&s->base, SQL_SEEN_INSERT, errmsg))) {
            rc = RB_ESTORE;
            goto out;
        }
        sqlite3_bind_int64(st, 1, id);
        rc = sq_exec(&s->base, st, errmsg, "mark question");
    }
out:
    free(key);
    free(digest);
    return rc;
}

static enum rb_err
save_synonyms(struct sqlite_store *s, const struct bank *b, char *errmsg)
{
    enum rb_err rc = sq_run(&s->base, SQL_SYN_CLEAR, errmsg);
    struct buf alts;

    buf_init(&alts, 1u << 20);
    for (size_t i = 0; i < b->nsyns && !rc; i++) {
        sqlite3_stmt *st = sq_stmt(&s->base, SQL_SYN_INSERT, errmsg);
        if (!st) {
            rc = RB_ESTORE;
            break;
        }
        buf_reset(&alts);
        for (size_t j = 0; j < b->syns[i].nalts; j++)
            buf_printf(&alts, "%s%s", j ? "\n" : "", b->syns[i].alts[j]);
        sq_bind_text(st, 1, b->syns[i].concept);
        sq_bind_text(st, 2, buf_str(&alts));
        rc = sq_exec(&s->base, st, errmsg, "save synonym");
    }
    buf_cleanup(&alts);
    return rc;
}

/* Whether the store holds no question at all. */
static enum rb_err
is_empty(struct sqlite_store *s, bool *empty, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(&s->base, SQL_ANY_QUESTION, errmsg);
    int r;
    if (!st)
        return RB_ESTORE;
    r = sqlite3_step(st);
    *empty = r == SQLITE_DONE;
    sq_done(st);
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        return sq_fail(&s->base, errmsg, "count questions");
    return RB_OK;
}

enum rb_err
sqlite_bank_load(struct store *base, const struct bank *b, struct load_result *r, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    enum rb_err rc;
    sqlite3_stmt *st;

    memset(r, 0, sizeof *r);
    rc = sq_run(&s->base, SQL_SEEN_CREATE, errmsg);
    if (rc)
        return rc;
    rc = sq_begin(&s->base, errmsg);
    if (rc)
        return rc;
    rc = is_empty(s, &s->fresh, errmsg);
    if (!rc)
        rc = sq_run(&s->base, SQL_SEEN_CLEAR, errmsg);
    for (size_t i = 0; i < b->ncomps && !rc; i++) {
        rc = upsert_competency(s, &b->comps[i], errmsg);
        r->competencies++;
    }
    if (!rc)
        rc = save_synonyms(s, b, errmsg);
    r->synonyms = b->nsyns;
    for (size_t i = 0; i < b->nqs && !rc; i++)
        rc = save_question(s, &b->qs[i], r, errmsg);
    if (!rc && !s->fresh)
        rc = sq_run(&s->base, SQL_RETIRE_FTS, errmsg);
    if (!rc && !s->fresh) {
        rc = sq_run(&s->base, SQL_RETIRE, errmsg);
        r->retired = (size_t)sqlite3_changes(s->db);
    }
    s->fresh = false;
    if (!rc && (st = sq_stmt(&s->base, SQL_SEEN_CLEAR, errmsg)))
        rc = sq_exec(&s->base, st, errmsg, "clear marks");
    return sq_end(&s->base, sq_bump(&s->base, rc, errmsg), errmsg);
}

/* ---- reading questions -------------------------------------------------------------- */

static void
split_lines(const char *s, char ***v, size_t *n)
{
    size_t cap = 0;
    *v = NULL;
    *n = 0;
    while (s && *s) {
        const char *e = strchr(s, '\n');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        xgrow(v, &cap, *n + 1, sizeof **v);
        (*v)[(*n)++] = xstrndup(s, len);
        s += len + (e ? 1 : 0);
    }
}

static enum rb_err
read_question(struct sqlite_store *s, const char *slug, struct question *q, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(&s->base, SQL_Q_GET, errmsg);
    sqlite3_int64 id = 0;
    size_t cap = 0;
    int r;

    memset(q, 0, sizeof *q);
    if (!st)
        return RB_ESTORE;
    sq_bind_text(st, 1, slug);
    r = sqlite3_step(st);
    if (r != SQLITE_ROW) {
        sq_done(st);
        if (r != SQLITE_DONE)
            return sq_fail(&s->base, errmsg, "read question");
        snprintf(errmsg, RB_ERRMSG, "no question with id '%s'", slug);
        return RB_ENOTFOUND;
    }
    id = sqlite3_column_int64(st, 0);
    q->id = sq_col_dup(st, 1);
    q->title = sq_col_dup(st, 2);
    q->text = sq_col_dup(st, 3);
    {
        const char *c = (const char *)sqlite3_column_text(st, 4);
        int ci = category_parse(c, strlen(c));
        q->category = ci < 0 ? CAT_TECHNICAL : (enum category)ci;
    }
    q->level_min = sqlite3_column_int(st, 5);
    q->level_max = sqlite3_column_int(st, 6);
    q->minutes = sqlite3_column_int(st, 7);
    q->source = sq_col_dup(st, 8);
    q->topic = sq_col_dup(st, 9);
    r = points_from_json_text((const char *)sqlite3_column_text(st, 10), &q->points, &q->npoints)
            ? SQLITE_CORRUPT
            : SQLITE_OK;
    sq_done(st);
    if (r != SQLITE_OK) {
        snprintf(errmsg, RB_ERRMSG, "store %s: question '%s' has unreadable points", s->path, slug);
        goto err;
    }

    if (!(st = sq_stmt(&s->base, SQL_QC_GET, errmsg)))
        goto err;
    sqlite3_bind_int64(st, 1, id);
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        xgrow(&q->competencies, &cap, q->ncompetencies + 1, sizeof *q->competencies);
        q->competencies[q->ncompetencies++] = sq_col_dup(st, 0);
    }
    sq_done(st);
    if (r != SQLITE_DONE) {
        sq_fail(&s->base, errmsg, "read question competencies");
        goto err;
    }
    if (sqlite_question_skills_read(&s->base, id, q, errmsg))
        goto err;
    return RB_OK;
err:
    question_cleanup(q);
    return RB_ESTORE;
}

enum rb_err
sqlite_question_get(struct store *base, const char *id, struct question *q, char *errmsg)
{
    return read_question(to_sq(base), id, q, errmsg);
}

/* ---- stats, export, import ---------------------------------------------------------- */

enum rb_err
sqlite_bank_stats(struct store *base, struct bank_stats *stt, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    sqlite3_stmt *st;
    int r;

    if (!(st = sq_stmt(&s->base, SQL_STATS_TOTAL, errmsg)))
        return RB_ESTORE;
    if ((r = sqlite3_step(st)) == SQLITE_ROW) {
        size_t all = (size_t)sqlite3_column_int64(st, 0);
        stt->retired = (size_t)sqlite3_column_int64(st, 1);
        stt->questions = all - stt->retired;
        stt->imported = (size_t)sqlite3_column_int64(st, 2);
    }
    sq_done(st);
    if (r != SQLITE_ROW)
        return sq_fail(&s->base, errmsg, "count questions");

    if (!(st = sq_stmt(&s->base, SQL_STATS_MATRIX, errmsg)))
        return RB_ESTORE;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        const char *c = (const char *)sqlite3_column_text(st, 0);
        int ci = category_parse(c, strlen(c));
        int lo = sqlite3_column_int(st, 1), hi = sqlite3_column_int(st, 2);
        size_t k = (size_t)sqlite3_column_int64(st, 3);
        if (ci < 0)
            continue;
        stt->by_category[ci] += k;
        for (int l = lo; l <= hi && l <= LEVEL_MAX; l++) {
            stt->by_level[l] += k;
            stt->matrix[ci][l] += k;
        }
    }
    sq_done(st);
    if (r != SQLITE_DONE)
        return sq_fail(&s->base, errmsg, "count questions");

    if (!(st = sq_stmt(&s->base, SQL_STATS_COMP, errmsg)))
        return RB_ESTORE;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        const char *slug = (const char *)sqlite3_column_text(st, 0);
        size_t k = (size_t)sqlite3_column_int64(st, 5);
        size_t i = stt->ncomps;
        if (!i || strcmp(stt->comps[i - 1].id, slug) != 0) {
            if (i == STATS_MAX_COMPETENCIES)
                continue;
            stt->comps[i].id = sq_col_dup(st, 0);
            stt->comps[i].name = sq_col_dup(st, 1);
            stt->ncomps++;
        } else {
            i--;
        }
        if (sqlite3_column_type(st, 2) == SQLITE_NULL || !k)
            continue;
        {
            const char *c = (const char *)sqlite3_column_text(st, 2);
            int ci = category_parse(c, strlen(c));
            int lo = sqlite3_column_int(st, 3), hi = sqlite3_column_int(st, 4);
            stt->comps[i].total += k;
            if (ci >= 0)
                stt->comps[i].by_category[ci] += k;
            for (int l = lo; l <= hi && l <= LEVEL_MAX; l++)
                stt->comps[i].by_level[l] += k;
        }
    }
    sq_done(st);
    if (r != SQLITE_DONE)
        return sq_fail(&s->base, errmsg, "count competencies");
    return sqlite_stats_tracks(base, stt, errmsg);
}

enum rb_err
sqlite_bank_export(struct store *base, struct bank *b, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    sqlite3_stmt *st;
    enum rb_err rc = RB_OK;
    char **slugs = NULL;
    size_t nslugs = 0, cap = 0;
    int r;

    /* One read transaction, so the export is a consistent snapshot. */
    if (sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return sq_fail(&s->base, errmsg, "begin export");
    if (!(st = sq_stmt(&s->base, SQL_EXPORT_COMPS, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        bank_add_competency(b, (const char *)sqlite3_column_text(st, 0),
                            (const char *)sqlite3_column_text(st, 1),
                            (const char *)sqlite3_column_text(st, 2), NULL, 0);
    }
    sq_done(st);
    if (r != SQLITE_DONE) {
        rc = sq_fail(&s->base, errmsg, "export competencies");
        goto out;
    }
    if (!(st = sq_stmt(&s->base, SQL_EXPORT_SYNS, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        struct synonym syn = {0};
        syn.concept = sq_col_dup(st, 0);
        split_lines((const char *)sqlite3_column_text(st, 1), &syn.alts, &syn.nalts);
        xgrow(&b->syns, &b->capsyns, b->nsyns + 1, sizeof *b->syns);
        b->syns[b->nsyns++] = syn;
    }
    sq_done(st);
    if (r != SQLITE_DONE) {
        rc = sq_fail(&s->base, errmsg, "export synonyms");
        goto out;
    }
    if (!(st = sq_stmt(&s->base, SQL_EXPORT_QS, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        xgrow(&slugs, &cap, nslugs + 1, sizeof *slugs);
        slugs[nslugs++] = sq_col_dup(st, 0);
    }
    sq_done(st);
    if (r != SQLITE_DONE) {
        rc = sq_fail(&s->base, errmsg, "export questions");
        goto out;
    }
    for (size_t i = 0; i < nslugs && !rc; i++) {
        struct question q;
        rc = read_question(s, slugs[i], &q, errmsg);
        if (!rc)
            bank_add_question_take(b, &q);
    }
out:
    for (size_t i = 0; i < nslugs; i++)
        free(slugs[i]);
    free(slugs);
    sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    return rc;
}

static enum rb_err
text_exists(struct sqlite_store *s, const char *key, int *exists, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(&s->base, SQL_TEXT_EXISTS, errmsg);
    int r;
    if (!st)
        return RB_ESTORE;
    sq_bind_text(st, 1, key);
    r = sqlite3_step(st);
    *exists = r == SQLITE_ROW;
    sq_done(st);
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        return sq_fail(&s->base, errmsg, "look up question text");
    return RB_OK;
}

enum rb_err
sqlite_question_text_exists(struct store *base, const char *text, int *exists, char *errmsg)
{
    char *key = question_text_key(text, strlen(text));
    enum rb_err rc = text_exists(to_sq(base), key, exists, errmsg);
    free(key);
    return rc;
}

enum rb_err
sqlite_questions_import(struct store *base, const struct question *qs, size_t n,
                        const struct competency *comps, size_t ncomps, struct import_result *r,
                        char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    enum rb_err rc = sq_begin(&s->base, errmsg);

    if (rc)
        return rc;
    r->was_added = xcalloc(n ? n : 1, 1);
    for (size_t i = 0; i < ncomps && !rc; i++) {
        sqlite3_int64 id = 0;
        rc = sqlite_competency_id(s, comps[i].id, &id, errmsg);
        if (rc == RB_ENOTFOUND)
            rc = upsert_competency(s, &comps[i], errmsg);
    }
    for (size_t i = 0; i < n && !rc; i++) {
        char *key = question_text_key(qs[i].text, strlen(qs[i].text));
        char *digest = question_digest(&qs[i]);
        int exists = 0;
        sqlite3_int64 id = 0;
        bool same;
        rc = text_exists(s, key, &exists, errmsg);
        if (!rc && !exists) {
            /* a different text under an id already taken: keep both, never overwrite */
            rc = lookup_question(s, qs[i].id, digest, &id, &same, errmsg);
            if (!rc && id) {
                snprintf(errmsg, RB_ERRMSG, "question id '%s' is already taken", qs[i].id);
                rc = RB_ECONFLICT;
            }
        }
        if (!rc && !exists) {
            rc = insert_question(s, &qs[i], key, digest, &id, errmsg);
            r->added++;
            r->was_added[i] = 1;
        } else if (!rc) {
            r->skipped++;
        }
        free(key);
        free(digest);
    }
    rc = sq_end(&s->base, sq_bump(&s->base, rc, errmsg), errmsg);
    if (rc) {
        free(r->was_added);
        r->was_added = NULL;
        r->added = r->skipped = 0;
    }
    return rc;
}

/* ---- single questions (the API) ---------------------------------------------------------- */

enum rb_err
sqlite_question_save(struct store *base, const struct question *q, bool create, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    char *key = question_text_key(q->text, strlen(q->text));
    char *digest = question_digest(q);
    sqlite3_int64 id = 0;
    bool same;
    enum rb_err rc = sq_begin(&s->base, errmsg);

    if (!rc)
        rc = lookup_question(s, q->id, digest, &id, &same, errmsg);
    if (!rc && create && id) {
        snprintf(errmsg, RB_ERRMSG, "id: question '%s' exists already", q->id);
        rc = RB_ECONFLICT;
    } else if (!rc && !create && !id) {
        snprintf(errmsg, RB_ERRMSG, "no question with id '%s'", q->id);
        rc = RB_ENOTFOUND;
    }
    if (!rc && create) {
        int exists = 0;
        rc = text_exists(s, key, &exists, errmsg);
        if (!rc && exists) {
            snprintf(errmsg, RB_ERRMSG, "text: the bank has a question with the same text");
            rc = RB_ECONFLICT;
        }
        if (!rc)
            rc = insert_question(s, q, key, digest, &id, errmsg);
    } else if (!rc) {
        rc = update_question(s, id, q, key, digest, errmsg);
    }
    free(key);
    free(digest);
    return sq_end(&s->base, sq_bump(&s->base, rc, errmsg), errmsg);
}

enum rb_err
sqlite_question_retire(struct store *base, const char *slug, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    sqlite3_int64 id = 0;
    bool same;
    sqlite3_stmt *st;
    enum rb_err rc = sq_begin(&s->base, errmsg);
    if (!rc)
        rc = lookup_question(s, slug, "", &id, &same, errmsg);
    if (!rc && !id) {
        snprintf(errmsg, RB_ERRMSG, "no question with id '%s'", slug);
        rc = RB_ENOTFOUND;
    }
    if (!rc) {
        /* the index entry first: FTS5 reads the old text to remove it */
        rc = (st = sq_stmt(&s->base, SQL_FTS_DELETE, errmsg)) ? RB_OK : RB_ESTORE;
        if (!rc) {
            sqlite3_bind_int64(st, 1, id);
            rc = sq_exec(&s->base, st, errmsg, "unindex question");
        }
    }
    if (!rc) {
        rc = (st = sq_stmt(&s->base, SQL_Q_RETIRE_ONE, errmsg)) ? RB_OK : RB_ESTORE;
        if (!rc) {
            sqlite3_bind_int64(st, 1, id);
            rc = sq_exec(&s->base, st, errmsg, "retire question");
        }
    }
    return sq_end(&s->base, sq_bump(&s->base, rc, errmsg), errmsg);
}

enum rb_err
sqlite_question_json(struct store *base, const char *id, char **text, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    sqlite3_stmt *st = sq_stmt(&s->base, SQL_Q_JSON, errmsg);
    enum rb_err rc = RB_OK;
    int r;
    *text = NULL;
    if (!st)
        return RB_ESTORE;
    sq_bind_text(st, 1, id);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        *text = sq_col_dup(st, 0);
    } else if (r == SQLITE_DONE) {
        snprintf(errmsg, RB_ERRMSG, "no question with id '%s'", id);
        rc = RB_ENOTFOUND;
    } else {
        rc = sq_fail(&s->base, errmsg, "read question");
    }
    sq_done(st);
    return rc;
}
