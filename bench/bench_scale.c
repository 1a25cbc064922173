/* SPDX-License-Identifier: MIT */
/*
 * The large tables at N rows on both backends (make bench-scale; docs/SCALING.md): questions
 * (with their points, competencies and search index), candidates (with their stage
 * history), scorecards (with interviews, ratings and competencies), the audit log and
 * practice reviews (with cards). For each table:
 *   - load rate through the store: SEED rows written by the store's own calls (the bank
 *     load; candidates, interviews, scorecards, audit entries and practice answers a
 *     thousand to a transaction);
 *   - growth to N by copying those rows inside the database (INSERT ... SELECT, the same
 *     SQL on both backends, ids shifted so that every copy points at copies), which is how a
 *     million rows fit in minutes; its rate is printed too, but it is not the store's;
 *   - size on disk of every table and index (SQLite's dbstat, PostgreSQL's relation sizes
 *     with TOAST), after the planner's statistics are refreshed on both;
 *   - the hot path's latency at that size, through the store: search (a term in 1% of the
 *     questions, top 20 with snippets), the first page of the candidate list (50, with its
 *     total), a scorecard submit (its own transaction), a candidate's scorecards, an audit
 *     append (its own transaction), a candidate's audit entries (50), the practice due
 *     queue (the next question of an account).
 * Times are the machine's wall clock: on a shared machine read SQLite and PostgreSQL side by
 * side, measured in turns within one run.
 *
 * usage: bench_scale N SQLITE_PATH POSTGRESQL_URL [SEED]
 */
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bank.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/mem.h"

#include "synth.h"

enum { SQ, PG, NB };
static const char *const backend_name[NB] = {"SQLite", "PostgreSQL"};
#define ACCOUNTS 2000
#define PANEL 5
/* Each hot path is sampled SAMPLES times, or for BUDGET_MS when that comes first (at least
 * MIN_SAMPLES): the candidate list and the practice queue read the whole table, and at a
 * million rows 200 samples of them would take most of an hour. */
#define SAMPLES 200
#define MIN_SAMPLES 10
#define BUDGET_MS 15000.0

struct backend {
    struct store *s;
    sqlite3 *db;
    PGconn *pg;
};

static void
die(const char *what, const char *msg)
{
    fprintf(stderr, "bench_scale: %s: %s\n", what, msg);
    exit(1);
}

/* Runs sql (no rows wanted) on the backend's own connection, outside the store. */
static void
raw(struct backend *b, const char *sql)
{
    if (b->db) {
        char *err = NULL;
        if (sqlite3_exec(b->db, sql, NULL, NULL, &err) != SQLITE_OK)
            die(sql, err ? err : "?");
    } else {
        PGresult *r = PQexec(b->pg, sql);
        ExecStatusType t = PQresultStatus(r);
        if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK)
            die(sql, PQresultErrorMessage(r));
        PQclear(r);
    }
}

/* raw with a formatted statement */
static void rawf(struct backend *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void
rawf(struct backend *b, const char *fmt, ...)
{
    struct buf q;
    va_list ap;
    buf_init(&q, 1u << 16);
    va_start(ap, fmt);
    buf_vprintf(&q, fmt, ap);
    va_end(ap);
    raw(b, buf_str(&q));
    buf_cleanup(&q);
}

static void
check(enum rb_err rc, const char *what, const char *msg)
{
    if (rc)
        die(what, msg);
}

/* ---- figures ------------------------------------------------------------------------------ */

struct lat {
    double p50, p99;
};

/* the (i * step mod n) + 1st of n rows: ids spread over a table */
static long long
pick(size_t i, size_t step, size_t n)
{
    size_t v = (i * step) % n;
    return (long long)v + 1;
}

/* whether to take sample i of a loop begun at t0 */
static bool
more(size_t i, double t0)
{
    return i < SAMPLES && (i < MIN_SAMPLES || now_ms() - t0 < BUDGET_MS);
}

static struct lat
percentiles(double *v, size_t n)
{
    struct lat l;
    size_t i99 = (size_t)((double)n * 0.99);
    qsort(v, n, sizeof *v, cmp_double);
    l.p50 = v[n / 2];
    l.p99 = v[i99 < n ? i99 : n - 1];
    return l;
}

#define MAX_ROWS 40
static struct {
    const char *name;
    double v[NB];
    const char *unit;
} rows[MAX_ROWS];
static int nrows;

static void
put(const char *name, int k, double v, const char *unit)
{
    int i;
    for (i = 0; i < nrows && strcmp(rows[i].name, name) != 0; i++)
        ;
    if (i == nrows) {
        if (nrows == MAX_ROWS)
            abort();
        rows[nrows].name = name;
        rows[nrows].unit = unit;
        nrows++;
    }
    rows[i].v[k] = v;
}

static void
put_lat(const char *p50, const char *p99, int k, double *lat, size_t n)
{
    struct lat l = percentiles(lat, n);
    put(p50, k, l.p50, "ms");
    put(p99, k, l.p99, "ms");
}

/* ---- the tables --------------------------------------------------------------------------- */

static double
rate(size_t rows_done, double t0)
{
    return (double)rows_done / ((now_ms() - t0) / 1e3);
}

/* copies of the seed rows until n: copy c adds seed rows whose ids are shifted by c * seed */
static void
questions(struct backend *b, int k, const struct bank *bank, size_t n, size_t seed)
{
    char msg[RB_ERRMSG];
    struct load_result lr;
    double t0 = now_ms(), lat[SAMPLES];
    check(store_bank_load(b->s, bank, &lr, msg), "load", msg);
    put("questions: store load", k, rate(seed, t0), "rows/s");
    t0 = now_ms();
    for (size_t c = 1; c * seed < n; c++) {
        long long off = (long long)c * (long long)seed;
        raw(b, "BEGIN");
        rawf(b,
             "INSERT INTO question (id, slug, title, body, category, level_min, level_max, "
             "minutes, competency, source, topic, text_key, digest, points) SELECT id + %lld, "
             "slug || '-%zu', title, body, category, level_min, level_max, minutes, competency, "
             "source, topic, text_key, digest, points FROM question WHERE id <= %zu",
             off, c, seed);
        rawf(b,
             "INSERT INTO question_competency (question, competency, position) SELECT question "
             "+ %lld, competency, position FROM question_competency WHERE question <= %zu",
             off, seed);
        if (b->db)
            rawf(b,
                 "INSERT INTO question_fts (rowid, title, body, points) SELECT id, title, body, "
                 "points FROM question_search WHERE id > %lld AND id <= %lld",
                 off, off + (long long)seed);
        raw(b, "COMMIT");
    }
    put("questions: bulk copy", k, rate(n - seed, t0), "rows/s");
    if (b->pg) {
        raw(b, "SELECT setval(pg_get_serial_sequence('question', 'id'), max(id)) FROM question");
        raw(b, "SELECT gin_clean_pending_list('question_fts')");
    }
    for (size_t i = 0; i < SAMPLES + 10; i++) {
        char w[16];
        struct search_query q = {w, 0, -1, NULL, 20, NULL, 0, 0, 0};
        struct search_hit *hits;
        size_t nh;
        double a;
        synth_term(w, sizeof w, 0, (int)(i % SYNTH_TERMS));
        a = now_ms();
        check(store_question_search(b->s, &q, &hits, &nh, msg), "search", msg);
        if (i >= 10)
            lat[i - 10] = now_ms() - a;
        search_hits_free(hits, nh);
    }
    put_lat("search 1%: p50", "search 1%: p99", k, lat, SAMPLES);
}

static void
candidates(struct backend *b, int k, size_t n, size_t seed)
{
    char msg[RB_ERRMSG];
    double t0 = now_ms(), lat[SAMPLES];
    for (size_t i = 0; i < seed; i++) {
        char name[64], email[96];
        struct candidate_new c = {0};
        long long id;
        if (i % 1000 == 0)
            check(store_tx_begin(b->s, msg), "begin", msg);
        snprintf(name, sizeof name, "Testcase Person %zu", i);
        snprintf(email, sizeof email, "person%zu@example.org", i);
        c.name = name;
        c.email = email;
        c.phone = "+44 20 7946 0000";
        c.role = "backend-developer-senior";
        check(store_candidate_add(b->s, &c, &id, msg), "candidate", msg);
        if (i % 1000 == 999 || i == seed - 1)
            check(store_tx_end(b->s, RB_OK, msg), "commit", msg);
    }
    put("candidates: store load", k, rate(seed, t0), "rows/s");
    t0 = now_ms();
    for (size_t c = 1; c * seed < n; c++) {
        long long off = (long long)c * (long long)seed;
        raw(b, "BEGIN");
        rawf(b,
             "INSERT INTO candidate (id, name, email, phone, role, stage, created_at, updated_at) "
             "SELECT id + %lld, name, 'c%zu.' || email, phone, role, stage, created_at, "
             "updated_at FROM candidate WHERE id <= %zu",
             off, c, seed);
        rawf(b,
             "INSERT INTO candidate_stage_change (candidate, from_stage, to_stage, by_label, "
             "reason, at) SELECT candidate + %lld, from_stage, to_stage, by_label, reason, at "
             "FROM candidate_stage_change WHERE candidate <= %zu",
             off, seed);
        raw(b, "COMMIT");
    }
    put("candidates: bulk copy", k, rate(n - seed, t0), "rows/s");
    if (b->pg)
        raw(b, "SELECT setval(pg_get_serial_sequence('candidate', 'id'), max(id)) FROM candidate");
    {
        double t1 = now_ms();
        size_t i;
        for (i = 0; more(i, t1); i++) {
            json_t *items;
            size_t total;
            double a = now_ms();
            check(store_candidate_list(b->s, i % 2 ? "applied" : NULL, NULL, 50, 0, &items, &total,
                                       msg),
                  "candidate list", msg);
            lat[i] = now_ms() - a;
            json_decref(items);
        }
        put_lat("candidate list page: p50", "candidate list page: p99", k, lat, i);
    }
}

static const char KIT[] =
    "{\"stage\":\"technical\",\"minutes\":45,\"slots\":[{\"question\":\"q-1\"},{\"question\":"
    "\"q-2\"},{\"question\":\"q-3\"},{\"question\":\"q-4\"},{\"question\":\"q-5\"}]}";

static enum rb_err
submit(struct store *s, long long interview, long long interviewer, char *msg)
{
    struct scorecard_rating r[5];
    struct scorecard_comp c[3];
    struct scorecard_new v = {0};
    static const char *const comp[3] = {"comp-00", "comp-01", "comp-02"};
    for (int i = 0; i < 5; i++) {
        static const char *const q[5] = {"q-1", "q-2", "q-3", "q-4", "q-5"};
        r[i] = (struct scorecard_rating){q[i], comp[i % 3], 1 + (i + (int)interview) % 4,
                                         i == 0 ? "Explained the trade-offs clearly." : NULL};
    }
    for (int i = 0; i < 3; i++)
        c[i] = (struct scorecard_comp){comp[i], 3, 3, NULL};
    v.interview = interview;
    v.interviewer = interviewer;
    v.recommendation = "yes";
    v.notes = "Solid on caching, thin on failure modes.";
    v.ratings = r;
    v.nratings = 5;
    v.comps = c;
    v.ncomps = 3;
    v.original = "{\"recommendation\":\"yes\"}";
    {
        long long id;
        return store_scorecard_submit(s, &v, &id, msg);
    }
}

static long long
interview_new(struct store *s, long long candidate, long long first, int panel, char *msg)
{
    long long ids[PANEL], id;
    struct interview_new v = {0};
    for (int i = 0; i < panel; i++)
        ids[i] = 1 + (first + i) % ACCOUNTS;
    v.candidate = candidate;
    v.stage = "technical";
    v.minutes = 45;
    v.kit_json = KIT;
    v.interviewers = ids;
    v.ninterviewers = (size_t)panel;
    check(store_interview_create(s, &v, &id, msg), "interview", msg);
    return id;
}

static void
scorecards(struct backend *b, int k, size_t n, size_t seed)
{
    char msg[RB_ERRMSG];
    size_t interviews = seed / PANEL;
    double t0 = now_ms(), lat[SAMPLES];
    for (size_t i = 0; i < interviews; i++) {
        long long iv;
        if (i % 200 == 0)
            check(store_tx_begin(b->s, msg), "begin", msg);
        iv = interview_new(b->s, (long long)i + 1, (long long)i * PANEL, PANEL, msg);
        for (int p = 0; p < PANEL; p++)
            check(submit(b->s, iv, 1 + ((long long)i * PANEL + p) % ACCOUNTS, msg), "submit", msg);
        if (i % 200 == 199 || i == interviews - 1)
            check(store_tx_end(b->s, RB_OK, msg), "commit", msg);
    }
    put("scorecards: store load", k, rate(interviews * PANEL, t0), "rows/s");
    t0 = now_ms();
    for (size_t c = 1; c * seed < n; c++) {
        long long ioff = (long long)c * (long long)interviews,
                  soff = (long long)c * (long long)seed;
        raw(b, "BEGIN");
        rawf(b,
             "INSERT INTO interview (id, candidate, stage, minutes, kit_json, created_at) SELECT "
             "id + %lld, candidate + %lld, stage, minutes, kit_json, created_at FROM interview "
             "WHERE id <= %zu",
             ioff, soff, interviews);
        rawf(b,
             "INSERT INTO interview_interviewer (interview, account) SELECT interview + %lld, "
             "account FROM interview_interviewer WHERE interview <= %zu",
             ioff, interviews);
        rawf(b,
             "INSERT INTO scorecard (id, interview, interviewer, recommendation, notes, original, "
             "submitted_at) SELECT id + %lld, interview + %lld, interviewer, recommendation, "
             "notes, original, submitted_at FROM scorecard WHERE id <= %zu",
             soff, ioff, seed);
        rawf(b,
             "INSERT INTO scorecard_rating (scorecard, question, position, competency, rating, "
             "notes) SELECT scorecard + %lld, question, position, competency, rating, notes FROM "
             "scorecard_rating WHERE scorecard <= %zu",
             soff, seed);
        rawf(b,
             "INSERT INTO scorecard_competency (scorecard, competency, derived, rating, "
             "override_reason) SELECT scorecard + %lld, competency, derived, rating, "
             "override_reason FROM scorecard_competency WHERE scorecard <= %zu",
             soff, seed);
        raw(b, "COMMIT");
    }
    put("scorecards: bulk copy", k, rate(n - seed, t0), "rows/s");
    if (b->pg) {
        raw(b, "SELECT setval(pg_get_serial_sequence('interview', 'id'), max(id)) FROM interview");
        raw(b, "SELECT setval(pg_get_serial_sequence('scorecard', 'id'), max(id)) FROM scorecard");
    }
    raw(b, "ANALYZE");
    /* the hot path: one interviewer's scorecard, its own transaction */
    {
        double t1 = now_ms();
        size_t i;
        for (i = 0; more(i, t1); i++) {
            long long iv = interview_new(b->s, (long long)(n - i), (long long)i, 1, msg);
            double a = now_ms();
            check(submit(b->s, iv, 1 + (long long)i % ACCOUNTS, msg), "submit", msg);
            lat[i] = now_ms() - a;
        }
        put_lat("scorecard submit: p50", "scorecard submit: p99", k, lat, i);
    }
    {
        double t1 = now_ms();
        size_t i;
        for (i = 0; more(i, t1); i++) {
            struct scorecard_filter f = {0};
            json_t *out;
            double a;
            f.candidate = pick(i, 7919, n);
            a = now_ms();
            check(store_scorecards(b->s, &f, &out, msg), "scorecards", msg);
            lat[i] = now_ms() - a;
            json_decref(out);
        }
        put_lat("candidate's scorecards: p50", "candidate's scorecards: p99", k, lat, i);
    }
}

static void
audit(struct backend *b, int k, size_t n, size_t seed)
{
    char msg[RB_ERRMSG];
    struct audit_actor who = {1, "panel1@example.org"};
    double t0 = now_ms(), lat[SAMPLES];
    static const char *const action[4] = {"view", "view", "change", "create"};
    for (size_t i = 0; i < seed; i++) {
        long long cand = pick(i, 7, seed);
        if (i % 1000 == 0)
            check(store_tx_begin(b->s, msg), "begin", msg);
        check(store_audit_append(b->s, &who, action[i % 4], &cand, 1, "candidate", msg), "audit",
              msg);
        if (i % 1000 == 999 || i == seed - 1)
            check(store_tx_end(b->s, RB_OK, msg), "commit", msg);
    }
    put("audit: store load", k, rate(seed, t0), "rows/s");
    t0 = now_ms();
    for (size_t c = 1; c * seed < n; c++) {
        rawf(b,
             "INSERT INTO audit (at, actor, actor_label, action, candidate, what) SELECT at, "
             "actor, actor_label, action, candidate + %zu, what FROM audit WHERE id <= %zu",
             c * seed, seed);
    }
    put("audit: bulk copy", k, rate(n - seed, t0), "rows/s");
    raw(b, "ANALYZE");
    {
        double t1 = now_ms();
        size_t i;
        for (i = 0; more(i, t1); i++) {
            long long cand = pick(i, 7919, n);
            double a = now_ms();
            check(store_audit_append(b->s, &who, "view", &cand, 1, "candidate", msg), "audit", msg);
            lat[i] = now_ms() - a;
        }
        put_lat("audit append: p50", "audit append: p99", k, lat, i);
    }
    {
        double t1 = now_ms();
        size_t i;
        for (i = 0; more(i, t1); i++) {
            struct audit_filter f = {0};
            json_t *items;
            size_t total;
            double a;
            f.candidate = pick(i, 7919, n);
            a = now_ms();
            check(store_audit_list(b->s, &f, 50, 0, &items, &total, msg), "audit list", msg);
            lat[i] = now_ms() - a;
            json_decref(items);
        }
        put_lat("audit by candidate: p50", "audit by candidate: p99", k, lat, i);
    }
}

static void
practice(struct backend *b, int k, const struct bank *bank, size_t n, size_t seed)
{
    char msg[RB_ERRMSG];
    double t0 = now_ms(), lat[SAMPLES];
    for (size_t i = 0; i < seed; i++) {
        struct practice_card card = {2.5, 5.0, 1, 0, "2026-12-09", "2026-12-07"};
        struct practice_answer a = {0};
        if (i % 1000 == 0)
            check(store_tx_begin(b->s, msg), "begin", msg);
        /* the due days spread over a month, so that a queue holds some of each */
        snprintf(card.due, sizeof card.due, "2026-12-%02zu", 1 + i % 28);
        a.account = (long long)(1 + i % ACCOUNTS);
        a.question = bank->qs[(i / ACCOUNTS + i * 13) % bank->nqs].id;
        a.rating = 1 + (int)(i % 4);
        a.coverage = 0.5;
        a.seconds = 90;
        a.at = "2026-12-07T10:00:00Z";
        a.elapsed_days = 0;
        a.interval = 2;
        a.expect_reps = 0;
        a.card = &card;
        {
            enum rb_err rc = store_practice_record(b->s, &a, msg);
            if (rc && rc != RB_ECONFLICT) /* the same card drawn twice: one answer is enough */
                die("practice", msg);
        }
        if (i % 1000 == 999 || i == seed - 1)
            check(store_tx_end(b->s, RB_OK, msg), "commit", msg);
    }
    put("practice: store load", k, rate(seed, t0), "rows/s");
    t0 = now_ms();
    for (size_t c = 1; c * seed < n; c++) {
        raw(b, "BEGIN");
        rawf(b,
             "INSERT INTO practice_review (account, question, competency, rating, first, "
             "coverage, seconds, elapsed_days, stability, difficulty, interval_days, at) SELECT "
             "account, question + %zu, competency, rating, first, coverage, seconds, "
             "elapsed_days, stability, difficulty, interval_days, at FROM practice_review WHERE "
             "id <= %zu",
             c * seed, seed);
        rawf(b,
             "INSERT INTO practice_card (account, question, stability, difficulty, due, "
             "last_review, reps, lapses) SELECT account, question + %zu, stability, difficulty, "
             "due, last_review, reps, lapses FROM practice_card WHERE question <= %zu",
             c * seed, seed);
        raw(b, "COMMIT");
    }
    put("practice: bulk copy", k, rate(n - seed, t0), "rows/s");
    raw(b, "ANALYZE");
    {
        double t1 = now_ms();
        size_t i;
        for (i = 0; more(i, t1); i++) {
            struct practice_filter f = {0};
            char *q = NULL;
            bool due;
            long long ndue, nnew;
            double a = now_ms();
            check(store_practice_next(b->s, (long long)(1 + (i * 37) % ACCOUNTS), &f, "2026-12-20",
                                      &q, &due, &ndue, &nnew, msg),
                  "practice next", msg);
            lat[i] = now_ms() - a;
            free(q);
        }
        put_lat("practice due queue: p50", "practice due queue: p99", k, lat, i);
    }
}

/* ---- sizes -------------------------------------------------------------------------------- */

#define MAX_OBJ 512
static struct {
    char name[64], table[64];
    double mb[NB];
} obj[MAX_OBJ];
static int nobj;

static void
put_size(const char *name, const char *table, int k, double bytes)
{
    int i;
    for (i = 0; i < nobj && strcmp(obj[i].name, name) != 0; i++)
        ;
    if (i == nobj) {
        if (nobj == MAX_OBJ)
            return;
        snprintf(obj[i].name, sizeof obj[i].name, "%s", name);
        snprintf(obj[i].table, sizeof obj[i].table, "%s", table);
        nobj++;
    }
    obj[i].mb[k] = bytes / 1048576.0;
}

static const char *const big_tables[] = {"question",
                                         "question_competency",
                                         "candidate",
                                         "candidate_stage_change",
                                         "interview",
                                         "interview_interviewer",
                                         "scorecard",
                                         "scorecard_rating",
                                         "scorecard_competency",
                                         "audit",
                                         "practice_review",
                                         "practice_card",
                                         NULL};

static void
sizes(struct backend *b, int k)
{
    if (b->db) {
        sqlite3_stmt *st;
        /* every b-tree with the table it belongs to; FTS5's shadow tables count for question */
        const char *sql =
            "SELECT d.name, coalesce(m.tbl_name, d.name), sum(d.pgsize) FROM dbstat d "
            "LEFT JOIN sqlite_schema m ON m.name = d.name GROUP BY d.name";
        if (sqlite3_prepare_v2(b->db, sql, -1, &st, NULL) != SQLITE_OK)
            die("dbstat", sqlite3_errmsg(b->db));
        while (sqlite3_step(st) == SQLITE_ROW) {
            const char *name = (const char *)sqlite3_column_text(st, 0);
            const char *table = (const char *)sqlite3_column_text(st, 1);
            if (strncmp(name, "question_fts", 12) == 0)
                table = "question";
            put_size(name, table, k, (double)sqlite3_column_int64(st, 2));
        }
        sqlite3_finalize(st);
        return;
    }
    {
        /* tables with their TOAST, and each of their indexes */
        PGresult *r =
            PQexec(b->pg, "SELECT c.relname, c.relname, pg_table_size(c.oid) FROM pg_class c "
                          "WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace "
                          "UNION ALL SELECT i.relname, t.relname, pg_relation_size(i.oid) "
                          "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN "
                          "pg_class t ON t.oid = x.indrelid WHERE t.relnamespace = "
                          "'public'::regnamespace");
        if (PQresultStatus(r) != PGRES_TUPLES_OK)
            die("sizes", PQresultErrorMessage(r));
        for (int i = 0; i < PQntuples(r); i++)
            put_size(PQgetvalue(r, i, 0), PQgetvalue(r, i, 1), k,
                     strtod(PQgetvalue(r, i, 2), NULL));
        PQclear(r);
    }
}

static bool
is_big(const char *table)
{
    for (const char *const *t = big_tables; *t; t++)
        if (strcmp(*t, table) == 0)
            return true;
    return false;
}

int
main(int argc, char **argv)
{
    size_t n, seed;
    struct backend be[NB] = {0};
    struct bank bank;
    char msg[RB_ERRMSG];

    if (argc < 4 || argc > 5) {
        fprintf(stderr, "usage: bench_scale N SQLITE_PATH POSTGRESQL_URL [SEED]\n");
        return 2;
    }
    n = (size_t)strtoul(argv[1], NULL, 10);
    seed = argc > 4 ? (size_t)strtoul(argv[4], NULL, 10) : 10000;
    if (seed < 1000 || n < seed || n % seed || seed % PANEL) {
        fprintf(stderr, "bench_scale: SEED >= 1000, a multiple of %d, and N a multiple of it\n",
                PANEL);
        return 2;
    }
    if (!bench_fresh_store(argv[2], &be[SQ].s))
        return 1;
    if (sqlite3_open(argv[2], &be[SQ].db) != SQLITE_OK)
        die(argv[2], "cannot open");
    sqlite3_busy_timeout(be[SQ].db, 60000);
    check(store_open(argv[3], &be[PG].s, msg), "open", msg);
    be[PG].pg = PQconnectdb(argv[3]);
    if (PQstatus(be[PG].pg) != CONNECTION_OK)
        die(argv[3], PQerrorMessage(be[PG].pg));

    bank_init(&bank);
    synth_bank(&bank, seed, 14);
    fprintf(stderr, "bench_scale: %zu rows a table, %zu of them through the store\n", n, seed);
    for (int k = 0; k < NB; k++) {
        double t0 = now_ms();
        rawf(&be[k],
             "INSERT INTO account (email, name, role) WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL "
             "SELECT i + 1 FROM s WHERE i < %d) SELECT 'panel' || i || '@example.org', "
             "'Panel ' || i, 'interviewer' FROM s",
             ACCOUNTS);
        fprintf(stderr, "  %s: questions\n", backend_name[k]);
        questions(&be[k], k, &bank, n, seed);
        fprintf(stderr, "  %s: candidates\n", backend_name[k]);
        candidates(&be[k], k, n, seed);
        fprintf(stderr, "  %s: scorecards\n", backend_name[k]);
        scorecards(&be[k], k, n, seed);
        fprintf(stderr, "  %s: audit\n", backend_name[k]);
        audit(&be[k], k, n, seed);
        fprintf(stderr, "  %s: practice\n", backend_name[k]);
        practice(&be[k], k, &bank, n, seed);
        if (be[k].db)
            raw(&be[k], "PRAGMA wal_checkpoint(TRUNCATE)");
        else
            raw(&be[k], "VACUUM ANALYZE");
        sizes(&be[k], k);
        fprintf(stderr, "  %s: %.0f s\n", backend_name[k], (now_ms() - t0) / 1e3);
    }
    bank_cleanup(&bank);

    printf("Scale: %zu rows in each large table (%zu written through the store, the rest "
           "copied in the database); %d accounts\n\n",
           n, seed, ACCOUNTS);
    printf("%-34s %12s %12s %-8s %7s\n", "measure", "SQLite", "PostgreSQL", "unit", "ratio");
    for (int i = 0; i < nrows; i++)
        printf("%-34s %12.2f %12.2f %-8s %6.2fx\n", rows[i].name, rows[i].v[SQ], rows[i].v[PG],
               rows[i].unit, rows[i].v[SQ] > 0 ? rows[i].v[PG] / rows[i].v[SQ] : 0);
    printf("\n%-24s %-36s %10s %10s\n", "table", "b-tree / relation", "SQLite MB", "PG MB");
    for (const char *const *t = big_tables; *t; t++) {
        double sum[NB] = {0, 0};
        for (int i = 0; i < nobj; i++)
            if (strcmp(obj[i].table, *t) == 0) {
                printf("%-24s %-36s %10.1f %10.1f\n", *t, obj[i].name, obj[i].mb[SQ],
                       obj[i].mb[PG]);
                sum[SQ] += obj[i].mb[SQ];
                sum[PG] += obj[i].mb[PG];
            }
        printf("%-24s %-36s %10.1f %10.1f\n", *t, "(all of it)", sum[SQ], sum[PG]);
    }
    {
        double rest[NB] = {0, 0};
        for (int i = 0; i < nobj; i++)
            if (!is_big(obj[i].table))
                for (int k = 0; k < NB; k++)
                    rest[k] += obj[i].mb[k];
        printf("%-24s %-36s %10.1f %10.1f\n", "(the other tables)", "", rest[SQ], rest[PG]);
    }
    for (int k = 0; k < NB; k++)
        store_close(be[k].s);
    sqlite3_close(be[SQ].db);
    PQfinish(be[PG].pg);
    return 0;
}
