/* SPDX-License-Identifier: MIT */
/*
 * PostgreSQL: the question bank: loading, reading, search, stats (the SQLite backend's
 * sqlite.c and sqlite_skills.c). Search matches question.search, the weighted tsvector the
 * schema generates from the title (A), the text (B) and the points (C), through its GIN
 * index; ts_rank orders the hits and ts_headline cuts snippets only for the page returned.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/question.h"
#include "store/pg_int.h"
#include "util/buf.h"
#include "util/mem.h"
#include "util/text.h"

#define PG_NOW "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

static const char SQL_COMP_UPSERT[] =
    "INSERT INTO competency (slug, name, summary) VALUES ($1, $2, $3) "
    "ON CONFLICT (slug) DO UPDATE SET name = excluded.name, summary = excluded.summary";
static const char SQL_COMP_ID[] = "SELECT id FROM competency WHERE slug = $1";
static const char SQL_SYN_CLEAR[] = "DELETE FROM synonym";
static const char SQL_SYN_INSERT[] =
    "INSERT INTO synonym (concept, alternatives) VALUES ($1, $2) "
    "ON CONFLICT (concept) DO UPDATE SET alternatives = excluded.alternatives";
static const char SQL_ANY_QUESTION[] = "SELECT count(*) FROM (SELECT 1 FROM question LIMIT 1) x";
static const char SQL_Q_LOOKUP[] = "SELECT id, digest, retired FROM question WHERE slug = $1";
static const char SQL_Q_INSERT[] =
    "INSERT INTO question (slug, title, body, category, level_min, level_max, minutes, source, "
    "topic, text_key, digest, points, competency) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id";
static const char SQL_Q_UPDATE[] =
    "UPDATE question SET title = $2, body = $3, category = $4, level_min = $5, level_max = $6, "
    "minutes = $7, source = $8, topic = $9, text_key = $10, digest = $11, points = $12, "
    "competency = $13, retired = false, updated_at = " PG_NOW " WHERE id = $1";
static const char SQL_QC_INSERT[] =
    "INSERT INTO question_competency (question, competency, position) VALUES ($1, $2, $3)";
static const char SQL_QC_CLEAR[] = "DELETE FROM question_competency WHERE question = $1";
static const char SQL_SKILL_INSERT[] =
    "INSERT INTO question_skill (question, skill, position) VALUES ($1, $2, $3) "
    "ON CONFLICT DO NOTHING";
static const char SQL_TRACK_INSERT[] =
    "INSERT INTO question_track (question, track) VALUES ($1, $2) "
    "ON CONFLICT (question) DO UPDATE SET track = excluded.track";
static const char SQL_SKILL_CLEAR[] = "DELETE FROM question_skill WHERE question = $1";
static const char SQL_TRACK_CLEAR[] = "DELETE FROM question_track WHERE question = $1";
/* the questions of the built-in bank a load did not name ($1: the ids it did) */
static const char SQL_RETIRE_UNSEEN[] =
    "UPDATE question SET retired = true, updated_at = " PG_NOW " WHERE source IS NULL AND NOT "
    "retired AND id <> ALL ($1::bigint[])";
static const char SQL_GEN_BUMP[] = "UPDATE bank_generation SET n = n + 1 WHERE id = 1";

static const char SQL_Q_GET[] =
    "SELECT id, slug, title, body, category, level_min, level_max, minutes, source, topic, "
    "points, (SELECT array_to_json(array_agg(c.slug ORDER BY qc.position)) FROM "
    "question_competency qc JOIN competency c ON c.id = qc.competency WHERE qc.question = q.id), "
    "(SELECT array_to_json(array_agg(skill ORDER BY position)) FROM question_skill WHERE "
    "question = q.id), (SELECT track FROM question_track WHERE question = q.id) "
    "FROM question q WHERE slug = $1";
static const char SQL_TEXT_EXISTS[] = "SELECT 1 FROM question WHERE text_key = $1 LIMIT 1";

/* The filters of a search or a listing: $2 level (0: any), $3 category, $4 competency, $5 the
 * role's competencies (text[]), $6 the longest (minutes). */
#define Q_FILTERS                                                                                  \
    "AND ($2::integer = 0 OR (q.level_min <= $2 AND q.level_max >= $2)) "                          \
    "AND ($3::text IS NULL OR q.category = $3) "                                                   \
    "AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM question_competency qc JOIN competency c "     \
    " ON c.id = qc.competency WHERE qc.question = q.id AND c.slug = $4)) "                         \
    "AND ($5::text[] IS NULL OR EXISTS (SELECT 1 FROM question_competency qc JOIN competency c "   \
    " ON c.id = qc.competency WHERE qc.question = q.id AND c.slug = ANY ($5))) "                   \
    "AND ($6::integer IS NULL OR q.minutes <= $6) "
#define PRIMARY_SLUG                                                                               \
    "(SELECT c.slug FROM question_competency qc JOIN competency c ON c.id = qc.competency "        \
    "WHERE qc.question = q.id AND qc.position = 0)"
/* Ranked matches ($1: the tsquery's text, $7: how many); the GIN index finds them, ts_rank
 * orders them (weights D, C, B, A as FTS5's bm25 weighs the points, text and title 1, 2, 4).
 * The snippets (matched words between \x02 and \x03, about 16 words) are cut in the same
 * statement, for the hits $8 to $8 + $9 - 1 only ($9 = 0: every hit): one round trip, where a
 * statement per snippet made a 20-hit page cost 21. */
static const char SQL_SEARCH[] =
    "WITH hit AS (SELECT q.id, q.slug, q.title, q.category, q.level_min, q.level_max, "
    "q.minutes, " PRIMARY_SLUG
    " AS competency, ts_rank('{0.05, 0.25, 0.5, 1.0}', q.search, query) AS rank "
    "FROM question q, to_tsquery('english', $1) query "
    "WHERE NOT q.retired AND q.search @@ query " Q_FILTERS "ORDER BY rank DESC, q.id LIMIT $7), "
    "numbered AS (SELECT hit.*, row_number() OVER (ORDER BY rank DESC, id) - 1 AS n FROM hit) "
    "SELECT h.id, h.slug, h.title, h.category, h.level_min, h.level_max, h.minutes, "
    "h.competency, h.rank, CASE WHEN $9::bigint = 0 OR (h.n >= $8::bigint AND h.n < $8 + $9) "
    "THEN ts_headline('english', q.title || E'\\n' || q.body || coalesce(E'\\n' || (SELECT "
    "string_agg(p->>'text', E'\\n') FROM json_array_elements(q.points) p), ''), "
    "to_tsquery('english', $1), 'StartSel=\"\x02\", StopSel=\"\x03\", MaxWords=16, MinWords=6, "
    "ShortWord=2, HighlightAll=false, MaxFragments=1, FragmentDelimiter=\" … \"') END "
    "FROM numbered h JOIN question q ON q.id = h.id ORDER BY h.n";

#define LEVEL_NAME(col)                                                                            \
    "CASE " col " WHEN 1 THEN 'junior' WHEN 2 THEN 'mid' WHEN 3 THEN 'senior' "                    \
    "WHEN 4 THEN 'architect' END"
/* question_to_json's text, built from the row with its keys in the same order */
static const char
    SQL_Q_JSON[] =
        "SELECT json_build_object('id', q.slug, 'title', q.title, 'text', q.body, 'category', "
        "q.category, 'level', CASE WHEN q.level_min = q.level_max THEN " LEVEL_NAME("q.level_min") " ELSE " LEVEL_NAME("q.level_min") " || '-' || " LEVEL_NAME(
            "q.level_max") " END, "
                           "'level_min', " LEVEL_NAME(
                               "q."
                               "leve"
                               "l_"
                               "min") ", 'level_max', " LEVEL_NAME("q.level_max") ", "
                                                                                  "'minutes', "
                                                                                  "q.minutes, "
                                                                                  "'competencie"
                                                                                  "s', "
                                                                                  "coalesce(("
                                                                                  "SELECT "
                                                                                  "json_agg(c."
                                                                                  "slug ORDER "
                                                                                  "BY "
                                                                                  "qc.position)"
                                                                                  " FROM "
                                                                                  "question_"
                                                                                  "competency "
                                                                                  "qc JOIN "
                                                                                  "competency "
                                                                                  "c ON c.id = "
                                                                                  "qc."
                                                                                  "competency "
                                                                                  "WHERE "
                                                                                  "qc.question "
                                                                                  "= q.id), "
                                                                                  "'[]'::json),"
                                                                                  " 'points', "
                                                                                  "q.points, "
                                                                                  "'source', "
                                                                                  "q.source, "
                                                                                  "'topic', "
                                                                                  "q.topic, "
                                                                                  "'skills', "
                                                                                  "coalesce(("
                                                                                  "SELECT "
                                                                                  "json_agg("
                                                                                  "skill ORDER "
                                                                                  "BY "
                                                                                  "position) "
                                                                                  "FROM "
                                                                                  "question_"
                                                                                  "skill "
                                                                                  "WHERE "
                                                                                  "question = "
                                                                                  "q.id), "
                                                                                  "'[]'::json),"
                                                                                  " 'track', "
                                                                                  "(SELECT "
                                                                                  "track FROM "
                                                                                  "question_"
                                                                                  "track WHERE "
                                                                                  "question = "
                                                                                  "q.id)) FROM "
                                                                                  "question q "
                                                                                  "WHERE "
                                                                                  "q.slug = $1";
static const char SQL_Q_RETIRE_ONE[] =
    "UPDATE question SET retired = true, updated_at = " PG_NOW " WHERE id = $1";
/* the filters of a search, over every live question, by slug ($1: how many, $7: from) */
static const char SQL_Q_LIST[] =
    "SELECT q.slug, q.title, q.category, q.level_min, q.level_max, q.minutes, " PRIMARY_SLUG
    ", count(*) OVER () FROM question q WHERE NOT q.retired " Q_FILTERS
    "ORDER BY q.slug COLLATE \"C\" LIMIT $1 OFFSET $7";
static const char SQL_Q_COUNT[] =
    "SELECT count(*) FROM question q WHERE NOT q.retired AND $1::bigint IS NOT NULL " Q_FILTERS;
static const char SQL_EXPORT_COMPS[] =
    "SELECT slug, name, summary FROM competency ORDER BY slug COLLATE \"C\"";
static const char SQL_EXPORT_QS[] =
    "SELECT q.slug FROM question q JOIN question_competency qc ON qc.question = q.id AND "
    "qc.position = 0 JOIN competency c ON c.id = qc.competency WHERE NOT q.retired "
    "ORDER BY c.slug COLLATE \"C\", q.slug COLLATE \"C\"";
static const char SQL_EXPORT_SYNS[] =
    "SELECT concept, alternatives FROM synonym ORDER BY concept COLLATE \"C\"";

static const char SQL_STATS_TOTAL[] =
    "SELECT count(*), count(*) FILTER (WHERE retired), "
    "count(*) FILTER (WHERE source IS NOT NULL AND NOT retired) FROM question";
static const char SQL_STATS_MATRIX[] =
    "SELECT category, level_min, level_max, count(*) FROM question WHERE NOT retired "
    "GROUP BY 1, 2, 3";
static const char SQL_STATS_COMP[] =
    "SELECT c.slug, c.name, q.category, q.level_min, q.level_max, count(q.id) FROM competency c "
    "LEFT JOIN question_competency qc ON qc.competency = c.id AND qc.position = 0 "
    "LEFT JOIN question q ON q.id = qc.question AND NOT q.retired "
    "GROUP BY c.slug, c.name, q.category, q.level_min, q.level_max ORDER BY c.slug COLLATE \"C\"";
static const char SQL_STATS_TRACKS[] =
    "SELECT qt.track, q.level_min, q.level_max, count(*) FROM question_track qt JOIN question q "
    "ON q.id = qt.question WHERE NOT q.retired GROUP BY qt.track, q.level_min, q.level_max "
    "ORDER BY qt.track COLLATE \"C\"";

/* ---- writing ----------------------------------------------------------------------------- */

static enum rb_err
competency_id(struct store *s, const struct question *q, const char *slug, long long *id,
              char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc;
    pg_arg_text(&a, slug);
    rc = pg_scalar(s, SQL_COMP_ID, &a, id, "look up competency", errmsg);
    if (rc == RB_ENOTFOUND) {
        snprintf(errmsg, RB_ERRMSG, "question '%s': unknown competency '%s'", q->id, slug);
        rc = RB_EINVAL;
    }
    return rc;
}

/* The question's columns $2..$13 after $1 (the caller's). */
static void
question_args(struct pg_args *a, const struct question *q, const char *key, const char *digest,
              const char *points, long long primary)
{
    pg_arg_text(a, q->title);
    pg_arg_text(a, q->text);
    pg_arg_text(a, category_name(q->category));
    pg_arg_ll(a, q->level_min);
    pg_arg_ll(a, q->level_max);
    pg_arg_ll(a, q->minutes);
    pg_arg_text(a, q->source);
    pg_arg_text(a, q->topic);
    pg_arg_text(a, key);
    pg_arg_text(a, digest);
    pg_arg_text(a, points);
    pg_arg_ll(a, primary);
}

/* The competencies, skills and track of question id (its search entry is a generated
 * column: nothing to write). */
static enum rb_err
write_parts(struct store *s, long long id, const struct question *q, char *errmsg)
{
    enum rb_err rc = RB_OK;
    for (size_t i = 0; i < q->ncompetencies && !rc; i++) {
        struct pg_args a = {0};
        long long cid;
        if ((rc = competency_id(s, q, q->competencies[i], &cid, errmsg)))
            return rc;
        pg_arg_ll(&a, id);
        pg_arg_ll(&a, cid);
        pg_arg_ll(&a, (long long)i);
        rc = pg_exec(s, SQL_QC_INSERT, &a, "save question competency", errmsg);
    }
    for (size_t i = 0; i < q->nskills && !rc; i++) {
        struct pg_args a = {0};
        pg_arg_ll(&a, id);
        pg_arg_text(&a, q->skills[i]);
        pg_arg_ll(&a, (long long)i);
        rc = pg_exec(s, SQL_SKILL_INSERT, &a, "save question skill", errmsg);
    }
    if (!rc && q->track) {
        struct pg_args a = {0};
        pg_arg_ll(&a, id);
        pg_arg_text(&a, q->track);
        rc = pg_exec(s, SQL_TRACK_INSERT, &a, "save question track", errmsg);
    }
    return rc;
}

static enum rb_err
clear_parts(struct store *s, long long id, char *errmsg)
{
    const char *const sql[] = {SQL_QC_CLEAR, SQL_SKILL_CLEAR, SQL_TRACK_CLEAR};
    enum rb_err rc = RB_OK;
    for (size_t i = 0; i < 3 && !rc; i++) {
        struct pg_args a = {0};
        pg_arg_ll(&a, id);
        rc = pg_exec(s, sql[i], &a, "clear question", errmsg);
    }
    return rc;
}

/* Inserts q (*id 0) or rewrites question *id with it. */
static enum rb_err
write_question(struct store *s, const struct question *q, const char *key, const char *digest,
               long long *id, char *errmsg)
{
    struct pg_args a = {0};
    long long primary;
    char *points;
    enum rb_err rc;
    if (!q->ncompetencies) {
        snprintf(errmsg, RB_ERRMSG, "question '%s' has no competency", q->id);
        return RB_EINVAL;
    }
    if ((rc = competency_id(s, q, q->competencies[0], &primary, errmsg)))
        return rc;
    if (*id && (rc = clear_parts(s, *id, errmsg)))
        return rc;
    points = points_to_json_text(q->points, q->npoints);
    if (*id)
        pg_arg_ll(&a, *id);
    else
        pg_arg_text(&a, q->id);
    question_args(&a, q, key, digest, points, primary);
    if (*id)
        rc = pg_exec(s, SQL_Q_UPDATE, &a, "update question", errmsg);
    else
        rc = pg_scalar(s, SQL_Q_INSERT, &a, id, "save question", errmsg);
    free(points);
    return rc ? rc : write_parts(s, *id, q, errmsg);
}

static enum rb_err
save_question(struct store *s, const struct question *q, bool fresh, struct load_result *r,
              struct buf *seen, char *errmsg)
{
    char *key = question_text_key(q->text, strlen(q->text));
    char *digest = question_digest(q);
    long long id = 0;
    enum rb_err rc = RB_OK;

    if (!fresh) {
        struct pg_args a = {0};
        PGresult *res;
        pg_arg_text(&a, q->id);
        if (!(res = pg_query(s, SQL_Q_LOOKUP, &a, "look up question", &rc, errmsg)))
            goto out;
        if (PQntuples(res)) {
            const char *d = pg_str(res, 0, 1);
            id = pg_ll(res, 0, 0);
            if (d && strcmp(d, digest) == 0 && !pg_bool(res, 0, 2)) {
                PQclear(res);
                r->unchanged++;
                goto seen;
            }
        }
        PQclear(res);
    }
    if (id)
        r->updated++;
    else
        r->added++;
    if ((rc = write_question(s, q, key, digest, &id, errmsg)))
        goto out;
seen:
    buf_printf(seen, "%s%lld", seen->len > 1 ? "," : "", id);
out:
    free(key);
    free(digest);
    return rc;
}

static enum rb_err
save_synonyms(struct store *s, const struct bank *b, char *errmsg)
{
    enum rb_err rc = pg_exec(s, SQL_SYN_CLEAR, NULL, "clear synonyms", errmsg);
    struct buf alts;
    buf_init(&alts, 1u << 20);
    for (size_t i = 0; i < b->nsyns && !rc; i++) {
        struct pg_args a = {0};
        buf_reset(&alts);
        for (size_t j = 0; j < b->syns[i].nalts; j++)
            buf_printf(&alts, "%s%s", j ? "\n" : "", b->syns[i].alts[j]);
        pg_arg_text(&a, b->syns[i].concept);
        pg_arg_text(&a, buf_str(&alts));
        rc = pg_exec(s, SQL_SYN_INSERT, &a, "save synonym", errmsg);
    }
    buf_cleanup(&alts);
    return rc;
}

/* A load that writes this many questions refreshes the planner's statistics itself. */
#define LOAD_ANALYZE_MIN 500
static const char SQL_GIN_FLUSH[] = "SELECT gin_clean_pending_list('question_fts')";
static const char SQL_ANALYZE_BANK[] = "ANALYZE question, question_competency, question_skill";

static enum rb_err
pg_bank_load(struct store *s, const struct bank *b, struct load_result *r, char *errmsg)
{
    struct buf seen;
    long long any = 0, retired = 0;
    enum rb_err rc;

    memset(r, 0, sizeof *r);
    if ((rc = pg_begin(s, errmsg)))
        return rc;
    buf_init(&seen, (size_t)1 << 30);
    buf_putc(&seen, '{');
    rc = pg_scalar(s, SQL_ANY_QUESTION, NULL, &any, "count questions", errmsg);
    for (size_t i = 0; i < b->ncomps && !rc; i++) {
        struct pg_args a = {0};
        const struct competency *c = &b->comps[i];
        pg_arg_text(&a, c->id);
        pg_arg_text(&a, c->name ? c->name : c->id);
        pg_arg_text(&a, c->summary ? c->summary : "");
        rc = pg_exec(s, SQL_COMP_UPSERT, &a, "save competency", errmsg);
        r->competencies++;
    }
    if (!rc)
        rc = save_synonyms(s, b, errmsg);
    r->synonyms = b->nsyns;
    /* into an empty store every question is new and none is to be retired */
    for (size_t i = 0; i < b->nqs && !rc; i++)
        rc = save_question(s, &b->qs[i], any == 0, r, &seen, errmsg);
    buf_putc(&seen, '}');
    if (!rc && any) {
        struct pg_args a = {0};
        pg_arg_text(&a, buf_str(&seen));
        rc = pg_exec_n(s, SQL_RETIRE_UNSEEN, &a, &retired, "retire questions", errmsg);
        r->retired = (size_t)retired;
    }
    if (!rc)
        rc = pg_exec(s, SQL_GEN_BUMP, NULL, "mark the bank changed", errmsg);
    buf_cleanup(&seen);
    rc = pg_end(s, rc, errmsg);
    if (!rc && r->added + r->updated >= LOAD_ANALYZE_MIN) {
        /* the GIN index's pending list merged and fresh statistics now rather than at
         * autovacuum's next round: until then the planner, costing a long pending list,
         * reads every row's tsvector instead of the index (50 ms instead of 0.1 for a
         * search of 10,000 questions) */
        char ignore[RB_ERRMSG];
        if (!pg_exec(s, SQL_GIN_FLUSH, NULL, "merge the search index", ignore))
            pg_exec(s, SQL_ANALYZE_BANK, NULL, "analyze the bank", ignore);
    }
    return rc;
}

/* ---- reading ----------------------------------------------------------------------------- */

/* The strings of a JSON array (text) into a new vector. */
static void
json_strings(const char *text, char ***v, size_t *n)
{
    json_t *j = text ? json_loads(text, 0, NULL) : NULL;
    size_t i;
    json_t *e;
    *v = NULL;
    *n = 0;
    if (!json_is_array(j) || !json_array_size(j)) {
        json_decref(j);
        return;
    }
    *v = xcalloc(json_array_size(j), sizeof **v);
    json_array_foreach(j, i, e) if (json_is_string(e))(*v)[(*n)++] = xstrdup(json_string_value(e));
    json_decref(j);
}

static enum rb_err
pg_question_get(struct store *s, const char *slug, struct question *q, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc;
    PGresult *r;
    memset(q, 0, sizeof *q);
    pg_arg_text(&a, slug);
    if (!(r = pg_query(s, SQL_Q_GET, &a, "read question", &rc, errmsg)))
        return rc;
    if (!PQntuples(r)) {
        PQclear(r);
        snprintf(errmsg, RB_ERRMSG, "no question with id '%s'", slug);
        return RB_ENOTFOUND;
    }
    q->id = pg_dup(r, 0, 1);
    q->title = pg_dup(r, 0, 2);
    q->text = pg_dup(r, 0, 3);
    {
        const char *c = pg_str(r, 0, 4);
        int ci = category_parse(c, strlen(c));
        q->category = ci < 0 ? CAT_TECHNICAL : (enum category)ci;
    }
    q->level_min = (int)pg_ll(r, 0, 5);
    q->level_max = (int)pg_ll(r, 0, 6);
    q->minutes = (int)pg_ll(r, 0, 7);
    q->source = pg_dup(r, 0, 8);
    q->topic = pg_dup(r, 0, 9);
    if (points_from_json_text(pg_str(r, 0, 10), &q->points, &q->npoints)) {
        snprintf(errmsg, RB_ERRMSG, "store %s: question '%s' has unreadable points", pg_url(s),
                 slug);
        PQclear(r);
        question_cleanup(q);
        return RB_ESTORE;
    }
    json_strings(pg_str(r, 0, 11), &q->competencies, &q->ncompetencies);
    json_strings(pg_str(r, 0, 12), &q->skills, &q->nskills);
    q->track = pg_dup(r, 0, 13);
    PQclear(r);
    return RB_OK;
}

static enum rb_err
pg_question_text_exists(struct store *s, const char *text, int *exists, char *errmsg)
{
    struct pg_args a = {0};
    char *key = question_text_key(text, strlen(text));
    enum rb_err rc;
    PGresult *r;
    *exists = 0;
    pg_arg_text(&a, key);
    r = pg_query(s, SQL_TEXT_EXISTS, &a, "look up question text", &rc, errmsg);
    if (r)
        *exists = PQntuples(r) > 0;
    PQclear(r);
    free(key);
    return rc;
}

/* ---- search ------------------------------------------------------------------------------ */

#define QUERY_MAX_BYTES ((size_t)1000)
#define QUERY_MAX_TERMS 32

struct ts_words {
    struct buf *out;
    const char *join; /* between this group's words */
    int terms, here;  /* words in all, and in this group */
    bool first;       /* this group's first word needs no " & " before it */
};

static int
ts_word(const char *w, size_t n, void *ctx)
{
    struct ts_words *t = ctx;
    if (t->here)
        buf_puts(t->out, t->join);
    else if (!t->first)
        buf_puts(t->out, " & ");
    /* a quoted lexeme: nothing in it is read as an operator */
    buf_putc(t->out, '\'');
    for (size_t i = 0; i < n; i++) {
        if (w[i] == '\'' || w[i] == '\\')
            buf_putc(t->out, w[i]);
        buf_putc(t->out, w[i]);
    }
    buf_putc(t->out, '\'');
    t->terms++;
    t->here++;
    return 0;
}

/* What a person typed as to_tsquery's text: every word a quoted lexeme, all required, "a b"
 * a phrase (<->), a trailing * a prefix (:*). The same reading as SQLite's FTS5 query. */
static enum rb_err
build_tsquery(const char *text, char **out, char *errmsg)
{
    struct buf b;
    struct ts_words t = {.out = &b};
    size_t len = strlen(text), i = 0;

    if (len > QUERY_MAX_BYTES) {
        snprintf(errmsg, RB_ERRMSG, "query too long (%zu bytes, limit %zu)", len, QUERY_MAX_BYTES);
        return RB_EINVAL;
    }
    buf_init(&b, 16 * QUERY_MAX_BYTES);
    while (i < len) {
        size_t j = i;
        t.here = 0;
        if (text[i] == '"') {
            j = i + 1;
            while (j < len && text[j] != '"')
                j++;
            {
                size_t before = b.len;
                t.join = " <-> ";
                buf_puts(&b, b.len ? " & (" : "(");
                t.first = true;
                text_words(text + i + 1, j - i - 1, ts_word, &t);
                if (t.here) {
                    buf_putc(&b, ')');
                } else { /* no words: take back the "(" */
                    b.len = before;
                    b.data[b.len] = '\0';
                }
            }
            i = j + 1;
            continue;
        }
        while (j < len && text[j] != '"' && text[j] != ' ' && text[j] != '\t')
            j++;
        t.join = " & ";
        t.first = b.len == 0;
        text_words(text + i, j - i, ts_word, &t);
        if (t.here && text[j - 1] == '*')
            buf_puts(&b, ":*");
        i = j == i ? j + 1 : j;
    }
    if (!t.terms) {
        buf_cleanup(&b);
        snprintf(errmsg, RB_ERRMSG, "empty query: give one or more words to search for");
        return RB_EINVAL;
    }
    if (t.terms > QUERY_MAX_TERMS) {
        buf_cleanup(&b);
        snprintf(errmsg, RB_ERRMSG, "too many words in the query (%d, limit %d)", t.terms,
                 QUERY_MAX_TERMS);
        return RB_EINVAL;
    }
    *out = buf_take(&b);
    return RB_OK;
}

/* A text[] literal of the NULL-terminated v. */
static char *
text_array(const char *const *v)
{
    struct buf b;
    buf_init(&b, 64u << 10);
    buf_putc(&b, '{');
    for (const char *const *p = v; *p; p++) {
        if (p != v)
            buf_putc(&b, ',');
        buf_putc(&b, '"');
        for (const char *c = *p; *c; c++) {
            if (*c == '"' || *c == '\\')
                buf_putc(&b, '\\');
            buf_putc(&b, *c);
        }
        buf_putc(&b, '"');
    }
    buf_putc(&b, '}');
    return buf_take(&b);
}

static enum rb_err
pg_question_search(struct store *s, const struct search_query *sq, struct search_hit **hits,
                   size_t *n, char *errmsg)
{
    struct pg_args a = {0};
    char *query = NULL, *anyof = NULL;
    struct search_hit *v = NULL;
    size_t cnt = 0;
    enum rb_err rc;
    PGresult *r = NULL;

    if ((rc = build_tsquery(sq->text, &query, errmsg)))
        return rc;
    if (sq->any_of)
        anyof = text_array(sq->any_of);
    pg_arg_text(&a, query);
    pg_arg_ll(&a, sq->level);
    pg_arg_text(&a, sq->category >= 0 ? category_name((enum category)sq->category) : NULL);
    pg_arg_text(&a, sq->competency);
    pg_arg_text(&a, anyof);
    if (sq->max_minutes > 0)
        pg_arg_ll(&a, sq->max_minutes);
    else
        pg_arg_text(&a, NULL);
    pg_arg_ll(&a, (long long)sq->limit);
    pg_arg_ll(&a, (long long)sq->snip_from);
    pg_arg_ll(&a, (long long)sq->snip_len);
    if (!(r = pg_query(s, SQL_SEARCH, &a, "search", &rc, errmsg)))
        goto out;
    v = xcalloc((size_t)PQntuples(r) + 1, sizeof *v);
    for (int i = 0; i < PQntuples(r); i++, cnt++) {
        struct search_hit *h = &v[i];
        bool whole = !sq->snip_len || (cnt >= sq->snip_from && cnt < sq->snip_from + sq->snip_len);
        if (!whole)
            continue; /* outside the page: only counted */
        h->score = pg_double(r, i, 8);
        {
            const char *c = pg_str(r, i, 3);
            int ci = category_parse(c, strlen(c));
            h->category = ci < 0 ? CAT_TECHNICAL : (enum category)ci;
        }
        h->id = pg_dup(r, i, 1);
        h->title = pg_dup(r, i, 2);
        h->level_min = (int)pg_ll(r, i, 4);
        h->level_max = (int)pg_ll(r, i, 5);
        h->minutes = (int)pg_ll(r, i, 6);
        h->competency = pg_dup(r, i, 7);
        h->snippet = question_search_text(pg_str(r, i, 9) ? pg_str(r, i, 9) : "");
    }
out:
    PQclear(r);
    free(query);
    free(anyof);
    if (rc) {
        search_hits_free(v, cnt);
        return rc;
    }
    *hits = v;
    *n = cnt;
    return RB_OK;
}

/* ---- stats ------------------------------------------------------------------------------- */

static enum rb_err
pg_bank_stats(struct store *s, struct bank_stats *stt, char *errmsg)
{
    enum rb_err rc;
    PGresult *r;

    if (!(r = pg_query(s, SQL_STATS_TOTAL, NULL, "count questions", &rc, errmsg)))
        return rc;
    stt->retired = (size_t)pg_ll(r, 0, 1);
    stt->questions = (size_t)pg_ll(r, 0, 0) - stt->retired;
    stt->imported = (size_t)pg_ll(r, 0, 2);
    PQclear(r);

    if (!(r = pg_query(s, SQL_STATS_MATRIX, NULL, "count questions", &rc, errmsg)))
        return rc;
    for (int i = 0; i < PQntuples(r); i++) {
        const char *c = pg_str(r, i, 0);
        int ci = category_parse(c, strlen(c));
        int lo = (int)pg_ll(r, i, 1), hi = (int)pg_ll(r, i, 2);
        size_t k = (size_t)pg_ll(r, i, 3);
        if (ci < 0)
            continue;
        stt->by_category[ci] += k;
        for (int l = lo; l <= hi && l <= LEVEL_MAX; l++) {
            stt->by_level[l] += k;
            stt->matrix[ci][l] += k;
        }
    }
    PQclear(r);

    if (!(r = pg_query(s, SQL_STATS_COMP, NULL, "count competencies", &rc, errmsg)))
        return rc;
    for (int row = 0; row < PQntuples(r); row++) {
        const char *slug = pg_str(r, row, 0);
        size_t k = (size_t)pg_ll(r, row, 5);
        size_t i = stt->ncomps;
        if (!i || strcmp(stt->comps[i - 1].id, slug) != 0) {
            if (i == STATS_MAX_COMPETENCIES)
                continue;
            stt->comps[i].id = pg_dup(r, row, 0);
            stt->comps[i].name = pg_dup(r, row, 1);
            stt->ncomps++;
        } else {
            i--;
        }
        if (!pg_str(r, row, 2) || !k)
            continue;
        {
            const char *c = pg_str(r, row, 2);
            int ci = category_parse(c, strlen(c));
            int lo = (int)pg_ll(r, row, 3), hi = (int)pg_ll(r, row, 4);
            stt->comps[i].total += k;
            if (ci >= 0)
                stt->comps[i].by_category[ci] += k;
            for (int l = lo; l <= hi && l <= LEVEL_MAX; l++)
                stt->comps[i].by_level[l] += k;
        }
    }
    PQclear(r);

    if (!(r = pg_query(s, SQL_STATS_TRACKS, NULL, "count track questions", &rc, errmsg)))
        return rc;
    for (int row = 0; row < PQntuples(r); row++) {
        const char *track = pg_str(r, row, 0);
        size_t i = stt->ntracks, k = (size_t)pg_ll(r, row, 3);
        int lo = (int)pg_ll(r, row, 1), hi = (int)pg_ll(r, row, 2);
        if (!i || strcmp(stt->tracks[i - 1].track, track) != 0) {
            if (i == STATS_MAX_TRACKS)
                continue;
            memset(&stt->tracks[i], 0, sizeof stt->tracks[i]);
            stt->tracks[i].track = pg_dup(r, row, 0);
            stt->ntracks++;
        } else {
            i--;
        }
        stt->tracks[i].total += k;
        for (int l = lo; l <= hi && l <= LEVEL_MAX; l++)
            stt->tracks[i].by_level[l] += k;
    }
    PQclear(r);
    return RB_OK;
}

/* ---- export, import, single questions ---------------------------------------------------- */

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
pg_bank_export(struct store *s, struct bank *b, char *errmsg)
{
    PGresult *r = NULL;
    enum rb_err rc = pg_begin_snapshot(s, errmsg);
    if (rc)
        return rc;
    if (!(r = pg_query(s, SQL_EXPORT_COMPS, NULL, "export competencies", &rc, errmsg)))
        goto out;
    for (int i = 0; i < PQntuples(r); i++)
        bank_add_competency(b, pg_str(r, i, 0), pg_str(r, i, 1), pg_str(r, i, 2), NULL, 0);
    PQclear(r);
    if (!(r = pg_query(s, SQL_EXPORT_SYNS, NULL, "export synonyms", &rc, errmsg)))
        goto out;
    for (int i = 0; i < PQntuples(r); i++) {
        struct synonym syn = {0};
        syn.concept = pg_dup(r, i, 0);
        split_lines(pg_str(r, i, 1), &syn.alts, &syn.nalts);
        xgrow(&b->syns, &b->capsyns, b->nsyns + 1, sizeof *b->syns);
        b->syns[b->nsyns++] = syn;
    }
    PQclear(r);
    if (!(r = pg_query(s, SQL_EXPORT_QS, NULL, "export questions", &rc, errmsg)))
        goto out;
    for (int i = 0; i < PQntuples(r) && !rc; i++) {
        struct question q;
        rc = pg_question_get(s, pg_str(r, i, 0), &q, errmsg);
        if (!rc)
            bank_add_question_take(b, &q);
    }
    PQclear(r);
out:
    return pg_end(s, rc, errmsg);
}

/* *id of the question slug (0: none), and whether it is live with this digest. */
static enum rb_err
lookup_question(struct store *s, const char *slug, const char *digest, long long *id, bool *same,
                char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc;
    PGresult *r;
    *id = 0;
    *same = false;
    pg_arg_text(&a, slug);
    if (!(r = pg_query(s, SQL_Q_LOOKUP, &a, "look up question", &rc, errmsg)))
        return rc;
    if (PQntuples(r)) {
        const char *d = pg_str(r, 0, 1);
        *id = pg_ll(r, 0, 0);
        *same = d && strcmp(d, digest) == 0 && !pg_bool(r, 0, 2);
    }
    PQclear(r);
    return RB_OK;
}

static enum rb_err
key_exists(struct store *s, const char *key, int *exists, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc;
    PGresult *r;
    pg_arg_text(&a, key);
    r = pg_query(s, SQL_TEXT_EXISTS, &a, "look up question text", &rc, errmsg);
    *exists = r && PQntuples(r) > 0;
    PQclear(r);
    return rc;
}

static enum rb_err
pg_questions_import(struct store *s, const struct question *qs, size_t n,
                    const struct competency *comps, size_t ncomps, struct import_result *r,
                    char *errmsg)
{
    enum rb_err rc = pg_begin(s, errmsg);
    if (rc)
        return rc;
    r->was_added = xcalloc(n ? n : 1, 1);
    /* a competency the store lacks is added; one it has keeps its name and summary */
    for (size_t i = 0; i < ncomps && !rc; i++) {
        struct pg_args a = {0};
        long long id;
        pg_arg_text(&a, comps[i].id);
        rc = pg_scalar(s, SQL_COMP_ID, &a, &id, "look up competency", errmsg);
        if (rc == RB_ENOTFOUND) {
            a.n = 0;
            pg_arg_text(&a, comps[i].id);
            pg_arg_text(&a, comps[i].name ? comps[i].name : comps[i].id);
            pg_arg_text(&a, comps[i].summary ? comps[i].summary : "");
            rc = pg_exec(s, SQL_COMP_UPSERT, &a, "save competency", errmsg);
        }
    }
    for (size_t i = 0; i < n && !rc; i++) {
        char *key = question_text_key(qs[i].text, strlen(qs[i].text));
        char *digest = question_digest(&qs[i]);
        int exists = 0;
        long long id = 0;
        bool same;
        rc = key_exists(s, key, &exists, errmsg);
        if (!rc && !exists) {
            /* a different text under an id already taken: keep both, never overwrite */
            rc = lookup_question(s, qs[i].id, digest, &id, &same, errmsg);
            if (!rc && id) {
                snprintf(errmsg, RB_ERRMSG, "question id '%s' is already taken", qs[i].id);
                rc = RB_ECONFLICT;
            }
        }
        if (!rc && !exists) {
            rc = write_question(s, &qs[i], key, digest, &id, errmsg);
            r->added++;
            r->was_added[i] = 1;
        } else if (!rc) {
            r->skipped++;
        }
        free(key);
        free(digest);
    }
    if (!rc)
        rc = pg_exec(s, SQL_GEN_BUMP, NULL, "mark the bank changed", errmsg);
    rc = pg_end(s, rc, errmsg);
    if (rc) {
        free(r->was_added);
        r->was_added = NULL;
        r->added = r->skipped = 0;
    }
    return rc;
}

static enum rb_err
pg_question_json(struct store *s, const char *id, char **text, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc;
    PGresult *r;
    *text = NULL;
    pg_arg_text(&a, id);
    if (!(r = pg_query(s, SQL_Q_JSON, &a, "read question", &rc, errmsg)))
        return rc;
    if (PQntuples(r)) {
        *text = pg_dup(r, 0, 0);
    } else {
        snprintf(errmsg, RB_ERRMSG, "no question with id '%s'", id);
        rc = RB_ENOTFOUND;
    }
    PQclear(r);
    return rc;
}

static enum rb_err
pg_question_save(struct store *s, const struct question *q, bool create, char *errmsg)
{
    char *key = question_text_key(q->text, strlen(q->text));
    char *digest = question_digest(q);
    long long id = 0;
    bool same;
    enum rb_err rc = pg_begin(s, errmsg);

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
        rc = key_exists(s, key, &exists, errmsg);
        if (!rc && exists) {
            snprintf(errmsg, RB_ERRMSG, "text: the bank has a question with the same text");
            rc = RB_ECONFLICT;
        }
    }
    if (!rc)
        rc = write_question(s, q, key, digest, &id, errmsg);
    if (!rc)
        rc = pg_exec(s, SQL_GEN_BUMP, NULL, "mark the bank changed", errmsg);
    free(key);
    free(digest);
    return pg_end(s, rc, errmsg);
}

static enum rb_err
pg_question_retire(struct store *s, const char *slug, char *errmsg)
{
    long long id = 0;
    bool same;
    enum rb_err rc = pg_begin(s, errmsg);
    if (!rc)
        rc = lookup_question(s, slug, "", &id, &same, errmsg);
    if (!rc && !id) {
        snprintf(errmsg, RB_ERRMSG, "no question with id '%s'", slug);
        rc = RB_ENOTFOUND;
    }
    if (!rc) {
        struct pg_args a = {0};
        pg_arg_ll(&a, id);
        rc = pg_exec(s, SQL_Q_RETIRE_ONE, &a, "retire question", errmsg);
    }
    if (!rc)
        rc = pg_exec(s, SQL_GEN_BUMP, NULL, "mark the bank changed", errmsg);
    return pg_end(s, rc, errmsg);
}

/* $2..$6 of Q_FILTERS, after $1 (the caller's); anyof is kept by the caller. */
static void
filter_args(struct pg_args *a, const struct search_query *f, const char *anyof)
{
    pg_arg_ll(a, f->level);
    pg_arg_text(a, f->category >= 0 ? category_name((enum category)f->category) : NULL);
    pg_arg_text(a, f->competency);
    pg_arg_text(a, anyof);
    if (f->max_minutes > 0)
        pg_arg_ll(a, f->max_minutes);
    else
        pg_arg_text(a, NULL);
}

static enum rb_err
pg_question_list(struct store *s, const struct search_query *f, size_t offset,
                 struct search_hit **hits, size_t *n, size_t *total, char *errmsg)
{
    struct pg_args a = {0};
    char *anyof = f->any_of ? text_array(f->any_of) : NULL;
    enum rb_err rc;
    PGresult *r;

    *hits = NULL;
    *n = *total = 0;
    pg_arg_ll(&a, (long long)f->limit);
    filter_args(&a, f, anyof);
    pg_arg_ll(&a, (long long)offset);
    if (!(r = pg_query(s, SQL_Q_LIST, &a, "list questions", &rc, errmsg)))
        goto out;
    *hits = xcalloc((size_t)PQntuples(r) + 1, sizeof **hits);
    for (int i = 0; i < PQntuples(r); i++) {
        struct search_hit *h = &(*hits)[(*n)++];
        const char *c = pg_str(r, i, 2);
        int ci = c ? category_parse(c, strlen(c)) : -1;
        h->id = pg_dup(r, i, 0);
        h->title = pg_dup(r, i, 1);
        h->category = ci < 0 ? CAT_TECHNICAL : (enum category)ci;
        h->level_min = (int)pg_ll(r, i, 3);
        h->level_max = (int)pg_ll(r, i, 4);
        h->minutes = (int)pg_ll(r, i, 5);
        h->competency = pg_dup(r, i, 6);
        *total = (size_t)pg_ll(r, i, 7);
    }
    PQclear(r);
    if (!*n && offset) {
        /* past the end: the window function saw no row, so count apart */
        long long k;
        a.n = 0;
        pg_arg_ll(&a, 0);
        filter_args(&a, f, anyof);
        rc = pg_scalar(s, SQL_Q_COUNT, &a, &k, "count questions", errmsg);
        *total = (size_t)k;
    }
out:
    free(anyof);
    return rc;
}

void
pg_bank_ops(struct store_ops *ops)
{
    ops->bank_export = pg_bank_export;
    ops->questions_import = pg_questions_import;
    ops->question_json = pg_question_json;
    ops->question_save = pg_question_save;
    ops->question_retire = pg_question_retire;
    ops->question_list = pg_question_list;
    ops->bank_load = pg_bank_load;
    ops->question_get = pg_question_get;
    ops->question_text_exists = pg_question_text_exists;
    ops->question_search = pg_question_search;
    ops->bank_stats = pg_bank_stats;
}
