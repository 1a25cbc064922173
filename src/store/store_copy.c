/* SPDX-License-Identifier: MIT */
/*
 * Copying a whole store between backends, table by table (`rubric store copy`, and the
 * PostgreSQL backend's backup and restore, which go through a SQLite file), and comparing
 * two stores row by row.
 *
 * The source is read in one snapshot (its servers go on writing) and the destination written
 * in one transaction, which commits only after the two have been compared: row counts and a
 * digest of every row of every table, in the canonical form of store_copy.h (JSON compared
 * with its keys sorted, since PostgreSQL's jsonb does not keep the order written). A failed
 * copy leaves the destination as it was.
 *
 * TABLES is the one list of what is copied, in an order where every table comes after the
 * tables its foreign keys name. A table that a store has and the list lacks (or the reverse)
 * stops every copy and comparison with a message saying to add it here, and the unit tests
 * (tests/unit/test_store_copy.c, on both backends) fail the same way, so that a table added
 * by a migration cannot be forgotten.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store_copy.h"
#include "util/buf.h"
#include "util/crypto.h"
#include "util/mem.h"

struct copy_table {
    const char *name;
    /* a table a new store already fills (one row of bookkeeping): its rows are replaced */
    bool singleton;
    /* a column that one backend has and the other derives (a SQLite rowid): not copied */
    const char *derived;
};

static const struct copy_table TABLES[] = {
    {"competency", false, NULL},
    {"question", false, NULL},
    {"question_competency", false, NULL},
    {"synonym", false, NULL},
    {"bank_generation", true, NULL},
    {"question_skill", false, NULL},
    {"question_track", false, NULL},
    {"account", false, NULL},
    {"session", false, NULL},
    {"api_token", false, NULL},
    {"login_failure", false, NULL},
    {"login_known", false, NULL},
    {"role", false, NULL},
    {"role_competency", false, NULL},
    {"role_skill", false, NULL},
    {"kit", false, NULL},
    {"kit_question", false, NULL},
    {"parsed_resume", false, "id"},
    {"screening", false, NULL},
    {"candidate", false, NULL},
    {"resume", false, NULL},
    {"screening_resume", false, NULL},
    {"candidate_stage_change", false, NULL},
    {"opening", false, NULL},
    {"opening_member", false, NULL},
    {"opening_status_change", false, NULL},
    {"opening_form", false, NULL},
    {"application", false, NULL},
    {"application_stage_change", false, NULL},
    {"application_answer", false, NULL},
    {"apply_attempt", false, NULL},
    {"interview", false, NULL},
    {"interview_interviewer", false, NULL},
    {"interview_calendar", false, NULL},
    {"scorecard", false, NULL},
    {"scorecard_rating", false, NULL},
    {"scorecard_competency", false, NULL},
    {"scorecard_amendment", false, NULL},
    {"scorecard_draft", false, NULL},
    {"audit", false, NULL},
    {"audit_subject", false, NULL},
    {"self_id", false, NULL},
    {"outbox", false, NULL},
    {"practice_card", false, NULL},
    {"practice_review", false, NULL},
    {"practice_served", false, NULL},
};
#define NTABLES (sizeof TABLES / sizeof TABLES[0])

/* Rows between two progress reports of one table. */
#define PROGRESS_ROWS 10000

void
copy_cols_free(struct copy_col *cols, size_t n)
{
    for (size_t i = 0; cols && i < n; i++)
        free(cols[i].name);
    free(cols);
}

char *
copy_quote(const char *name)
{
    struct buf b;
    buf_init(&b, strlen(name) * 2 + 3);
    buf_putc(&b, '"');
    for (const char *p = name; *p; p++) {
        if (*p == '"')
            buf_putc(&b, '"');
        buf_putc(&b, *p);
    }
    buf_putc(&b, '"');
    return buf_take(&b);
}

static const struct store_copy_ops *
ops_of(struct store *s)
{
    return s->ops->copy;
}

static const char *
kind_name(enum copy_kind k)
{
    static const char *const names[] = {"integer", "real", "text", "boolean", "JSON", "blob"};
    return names[k];
}

static int
table_index(const char *name)
{
    for (size_t i = 0; i < NTABLES; i++)
        if (strcmp(TABLES[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* The list against store s (its transaction open): every table of s in the list, every table
 * of the list in s, and each after the tables it references. side names s in messages. */
static enum rb_err
check_list(struct store *s, const char *side, char *errmsg)
{
    json_t *names = NULL, *refs = NULL, *v;
    bool seen[NTABLES] = {false};
    enum rb_err rc;
    size_t i;

    rc = ops_of(s)->tables(s, &names, errmsg);
    if (rc)
        goto out;
    json_array_foreach(names, i, v)
    {
        int k = table_index(json_string_value(v));
        if (k < 0) {
            snprintf(errmsg, RB_ERRMSG,
                     "the %s store has a table '%s' that the copy does not know: add it to "
                     "TABLES in src/store/store_copy.c (a bug: nothing was copied)",
                     side, json_string_value(v));
            rc = RB_EINTERNAL;
            goto out;
        }
        seen[k] = true;
    }
    for (size_t t = 0; t < NTABLES; t++) {
        if (!seen[t]) {
            snprintf(errmsg, RB_ERRMSG,
                     "the %s store has no table '%s', which the copy lists: is it a store of "
                     "this rubric's schema? (src/store/store_copy.c)",
                     side, TABLES[t].name);
            rc = RB_EINTERNAL;
            goto out;
        }
        rc = ops_of(s)->references(s, TABLES[t].name, &refs, errmsg);
        if (rc)
            goto out;
        json_array_foreach(refs, i, v)
        {
            int k = table_index(json_string_value(v));
            if (k > (int)t || k < 0) {
                snprintf(errmsg, RB_ERRMSG,
                         "table '%s' references '%s', which the copy lists after it (or not at "
                         "all): reorder TABLES in src/store/store_copy.c",
                         TABLES[t].name, json_string_value(v));
                rc = RB_EINTERNAL;
                goto out;
            }
        }
        json_decref(refs);
        refs = NULL;
    }
out:
    json_decref(refs);
    json_decref(names);
    return rc;
}

enum rb_err
store_copy_check(struct store *s, char *errmsg)
{
    enum rb_err rc = ops_of(s)->begin(s, false, errmsg);
    if (rc)
        return rc;
    rc = check_list(s, "open", errmsg);
    return ops_of(s)->end(s, rc, errmsg);
}

/* The columns both stores have for table t, with their merged kinds: *out new. A column of
 * a only (b only, when strict) that the list does not call derived is an error: data that
 * would be lost. */
static enum rb_err
merge_columns(struct store *a, struct store *b, const struct copy_table *t, bool strict,
              struct copy_col **out, size_t *nout, char *errmsg)
{
    struct copy_col *ca = NULL, *cb = NULL, *m = NULL;
    size_t na = 0, nb = 0, nm = 0;
    enum rb_err rc;

    rc = ops_of(a)->columns(a, t->name, &ca, &na, errmsg);
    if (!rc)
        rc = ops_of(b)->columns(b, t->name, &cb, &nb, errmsg);
    if (rc)
        goto out;
    m = xcalloc(na ? na : 1, sizeof *m);
    for (size_t i = 0; i < na; i++) {
        const struct copy_col *o = NULL;
        enum copy_kind k = ca[i].kind, ko;
        for (size_t j = 0; j < nb && !o; j++)
            if (strcmp(ca[i].name, cb[j].name) == 0)
                o = &cb[j];
        if (!o) {
            if (t->derived && strcmp(t->derived, ca[i].name) == 0)
                continue;
            snprintf(errmsg, RB_ERRMSG,
                     "column %s.%s of the source store has no place in the destination: the two "
                     "backends' schemas differ (a bug: nothing was copied)",
                     t->name, ca[i].name);
            rc = RB_EINTERNAL;
            goto out;
        }
        ko = o->kind;
        if (k != ko) {
            if ((k == COPY_INT && ko == COPY_BOOL) || (k == COPY_BOOL && ko == COPY_INT))
                k = COPY_BOOL;
            else if ((k == COPY_TEXT && ko == COPY_JSON) || (k == COPY_JSON && ko == COPY_TEXT))
                k = COPY_JSON;
            else {
                snprintf(errmsg, RB_ERRMSG,
                         "column %s.%s is %s in one store and %s in the other: they cannot be "
                         "copied into each other (a bug)",
                         t->name, ca[i].name, kind_name(k), kind_name(ko));
                rc = RB_EINTERNAL;
                goto out;
            }
        }
        m[nm].name = xstrdup(ca[i].name);
        m[nm++].kind = k;
    }
    for (size_t j = 0; strict && j < nb; j++) {
        bool found = false;
        for (size_t i = 0; i < na && !found; i++)
            found = strcmp(ca[i].name, cb[j].name) == 0;
        if (!found && !(t->derived && strcmp(t->derived, cb[j].name) == 0)) {
            snprintf(errmsg, RB_ERRMSG,
                     "column %s.%s is in one store only: the two backends' schemas differ (a "
                     "bug)",
                     t->name, cb[j].name);
            rc = RB_EINTERNAL;
            goto out;
        }
    }
out:
    copy_cols_free(ca, na);
    copy_cols_free(cb, nb);
    if (rc) {
        copy_cols_free(m, nm);
        m = NULL;
        nm = 0;
    }
    *out = m;
    *nout = nm;
    return rc;
}

/* ---- digests ------------------------------------------------------------------------- */

/* A table's digest: the rows counted, and the sum (per 64-bit lane) of each row's SHA-256 of
 * its canonical form: the same whatever order the rows are read in, which differs between
 * the backends (and their collations). */
struct digest {
    long long rows;
    uint64_t lane[4];
    const struct copy_col *cols;
    size_t ncols;
    struct buf row;
    store_copy_progress_fn progress;
    void *pctx;
    const char *table;
};

/* JSON in a form both backends give alike: keys sorted, no spaces; the text as it is when it
 * does not parse (it then compares as text). */
static void
put_json(struct buf *b, const char *p, size_t len)
{
    json_error_t e;
    json_t *j = json_loadb(p, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &e);
    char *text = j ? json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY) : NULL;
    if (text) {
        buf_printf(b, "J%zu:", strlen(text));
        buf_puts(b, text);
    } else {
        buf_printf(b, "T%zu:", len);
        buf_append(b, p, len);
    }
    free(text);
    json_decref(j);
}

/* NOLINTBEGIN(readability-non-const-parameter): a copy_row_fn, whose others write it */
static enum rb_err
digest_row(void *ctx, const struct copy_value *v, char *errmsg)
{
    struct digest *d = ctx;
    char hex[65];

    buf_reset(&d->row);
    for (size_t i = 0; i < d->ncols; i++) {
        if (!v[i].p)
            buf_putc(&d->row, 'N');
        else if (d->cols[i].kind == COPY_JSON)
            put_json(&d->row, v[i].p, v[i].len);
        else {
            buf_printf(&d->row, "V%zu:", v[i].len);
            buf_append(&d->row, v[i].p, v[i].len);
        }
    }
    (void)errmsg;
    crypto_sha256_hex(buf_str(&d->row), d->row.len, hex);
    for (int l = 0; l < 4; l++) {
        char part[17];
        memcpy(part, hex + (size_t)l * 16, 16);
        part[16] = '\0';
        d->lane[l] += strtoull(part, NULL, 16);
    }
    if (++d->rows % PROGRESS_ROWS == 0 && d->progress)
        d->progress(d->pctx, "verify", d->table, d->rows, false);
    return RB_OK;
}
/* NOLINTEND(readability-non-const-parameter) */

static enum rb_err
digest_table(struct store *s, const char *table, const struct copy_col *cols, size_t n,
             struct digest *d, char *errmsg)
{
    enum rb_err rc;
    memset(d->lane, 0, sizeof d->lane);
    d->rows = 0;
    d->cols = cols;
    d->ncols = n;
    d->table = table;
    rc = ops_of(s)->scan(s, table, cols, n, digest_row, d, errmsg);
    return rc;
}

/* Compares every table of a and b (their transactions open) in list order: RB_ECONFLICT
 * naming the first that differs. */
static enum rb_err
compare_all(struct store *a, struct store *b, const char *aname, const char *bname,
            store_copy_progress_fn progress, void *pctx, char *errmsg)
{
    struct digest da = {0}, db = {0};
    struct copy_col *cols = NULL;
    size_t n = 0;
    enum rb_err rc = RB_OK;

    buf_init(&da.row, (size_t)1 << 30);
    buf_init(&db.row, (size_t)1 << 30);
    da.progress = progress;
    da.pctx = pctx;
    for (size_t t = 0; t < NTABLES && !rc; t++) {
        rc = merge_columns(a, b, &TABLES[t], false, &cols, &n, errmsg);
        if (!rc)
            rc = digest_table(a, TABLES[t].name, cols, n, &da, errmsg);
        if (!rc)
            rc = digest_table(b, TABLES[t].name, cols, n, &db, errmsg);
        if (!rc && da.rows != db.rows) {
            snprintf(errmsg, RB_ERRMSG, "table %s differs: %lld rows in the %s, %lld in the %s",
                     TABLES[t].name, da.rows, aname, db.rows, bname);
            rc = RB_ECONFLICT;
        } else if (!rc && memcmp(da.lane, db.lane, sizeof da.lane) != 0) {
            snprintf(errmsg, RB_ERRMSG,
                     "table %s differs: %lld rows in each, but not the same rows (the %s's "
                     "digest %016" PRIx64 ", the %s's %016" PRIx64 ")",
                     TABLES[t].name, da.rows, aname, da.lane[0], bname, db.lane[0]);
            rc = RB_ECONFLICT;
        }
        if (!rc && progress)
            progress(pctx, "verify", TABLES[t].name, da.rows, true);
        copy_cols_free(cols, n);
        cols = NULL;
    }
    buf_cleanup(&da.row);
    buf_cleanup(&db.row);
    return rc;
}

enum rb_err
store_compare(struct store *a, struct store *b, store_copy_progress_fn progress, void *pctx,
              char *errmsg)
{
    char ignore[RB_ERRMSG];
    enum rb_err rc = ops_of(a)->begin(a, false, errmsg);
    if (rc)
        return rc;
    rc = ops_of(b)->begin(b, false, errmsg);
    if (rc) {
        ops_of(a)->end(a, rc, ignore);
        return rc;
    }
    rc = check_list(a, "first", errmsg);
    if (!rc)
        rc = check_list(b, "second", errmsg);
    if (!rc)
        rc = compare_all(a, b, "first store", "second store", progress, pctx, errmsg);
    ops_of(b)->end(b, rc, rc ? ignore : errmsg);
    ops_of(a)->end(a, rc, ignore);
    return rc;
}

/* ---- the copy ------------------------------------------------------------------------ */

struct copier {
    struct store *to;
    void *w;
    long long rows;
    const char *table;
    store_copy_progress_fn progress;
    void *pctx;
};

static enum rb_err
copy_row(void *ctx, const struct copy_value *v, char *errmsg)
{
    struct copier *c = ctx;
    enum rb_err rc = ops_of(c->to)->put_row(c->to, c->w, v, errmsg);
    if (!rc && ++c->rows % PROGRESS_ROWS == 0 && c->progress)
        c->progress(c->pctx, "copy", c->table, c->rows, false);
    return rc;
}

/* Refuses a destination with rows in any table a new store leaves empty. */
static enum rb_err
check_empty(struct store *to, char *errmsg)
{
    for (size_t t = 0; t < NTABLES; t++) {
        long long n = 0;
        enum rb_err rc;
        if (TABLES[t].singleton)
            continue;
        rc = ops_of(to)->count(to, TABLES[t].name, &n, errmsg);
        if (rc)
            return rc;
        if (n > 0) {
            snprintf(errmsg, RB_ERRMSG,
                     "the destination store is not empty (its table %s holds %lld row%s): copy "
                     "into a new, empty store; nothing was changed",
                     TABLES[t].name, n, n == 1 ? "" : "s");
            return RB_ECONFLICT;
        }
    }
    return RB_OK;
}

static enum rb_err
copy_tables(struct store *from, struct store *to, enum store_copy_mode mode,
            store_copy_progress_fn progress, void *pctx, char *errmsg)
{
    const char *names[NTABLES], *singles[NTABLES];
    size_t nsingles = 0;
    struct copy_col *cols = NULL;
    size_t n = 0;
    enum rb_err rc;
    char ignore[RB_ERRMSG];

    rc = check_list(from, "source", errmsg);
    if (!rc)
        rc = check_list(to, "destination", errmsg);
    if (rc)
        return rc;
    for (size_t t = 0; t < NTABLES; t++) {
        names[t] = TABLES[t].name;
        if (TABLES[t].singleton)
            singles[nsingles++] = TABLES[t].name;
    }
    if (mode == STORE_COPY_REPLACE)
        rc = ops_of(to)->clear(to, names, NTABLES, errmsg);
    else
        rc = check_empty(to, errmsg);
    if (rc == RB_ECONFLICT)
        return rc;
    if (!rc && nsingles)
        rc = ops_of(to)->clear(to, singles, nsingles, errmsg);
    for (size_t t = 0; t < NTABLES && !rc; t++) {
        struct copier c = {to, NULL, 0, TABLES[t].name, progress, pctx};
        rc = merge_columns(from, to, &TABLES[t], false, &cols, &n, errmsg);
        if (!rc)
            rc = ops_of(to)->put_begin(to, TABLES[t].name, cols, n, &c.w, errmsg);
        if (!rc) {
            rc = ops_of(from)->scan(from, TABLES[t].name, cols, n, copy_row, &c, errmsg);
            if (rc)
                ops_of(to)->put_end(to, c.w, rc, ignore);
            else
                rc = ops_of(to)->put_end(to, c.w, rc, errmsg);
        }
        if (!rc && progress)
            progress(pctx, "copy", TABLES[t].name, c.rows, true);
        copy_cols_free(cols, n);
        cols = NULL;
    }
    if (!rc)
        rc = ops_of(to)->finish(to, errmsg);
    if (!rc)
        rc = compare_all(from, to, "source", "destination", progress, pctx, errmsg);
    if (rc == RB_ECONFLICT) {
        /* the comparison found a difference: say so, and that nothing is kept */
        char why[RB_ERRMSG];
        snprintf(why, sizeof why, "%s", errmsg);
        snprintf(errmsg, RB_ERRMSG,
                 "the copy does not match its source (%.400s): rolled back, the destination "
                 "is as it was",
                 why);
        rc = RB_ESTORE;
    }
    return rc;
}

enum rb_err
store_copy(struct store *from, struct store *to, enum store_copy_mode mode,
           store_copy_progress_fn progress, void *pctx, char *errmsg)
{
    char ignore[RB_ERRMSG];
    enum rb_err rc;

    if (from == to) {
        snprintf(errmsg, RB_ERRMSG, "a store cannot be copied into itself");
        return RB_EUSAGE;
    }
    rc = ops_of(from)->begin(from, false, errmsg);
    if (rc)
        return rc;
    rc = ops_of(to)->begin(to, true, errmsg);
    if (rc) {
        ops_of(from)->end(from, rc, ignore);
        return rc;
    }
    rc = copy_tables(from, to, mode, progress, pctx, errmsg);
    rc = ops_of(to)->end(to, rc, rc ? ignore : errmsg);
    ops_of(from)->end(from, rc, ignore);
    return rc;
}

/* ---- PostgreSQL's backup and restore, through a SQLite file ---------------------------- */

/* Removes a SQLite store's file and the files beside it. */
static void
remove_store_files(const char *path)
{
    char side[4096];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-journal", path);
    unlink(side);
}

enum rb_err
store_copy_backup(struct store *s, const char *path, char *errmsg)
{
    struct store *to = NULL;
    struct buf tmp;
    enum rb_err rc = RB_OK;
    int fd;

    buf_init(&tmp, 8192);
    buf_printf(&tmp, "%s.tmp.%ld", path, (long)getpid());
    remove_store_files(buf_str(&tmp));
    /* made 0600 before SQLite opens it: a backup holds everything the store does */
    if ((fd = open(buf_str(&tmp), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0 ||
        close(fd) < 0) {
        snprintf(errmsg, RB_ERRMSG, "cannot write %s: %s", buf_str(&tmp), strerror(errno));
        rc = RB_EIO;
        goto out;
    }
    rc = sqlite_store_open(buf_str(&tmp), &to, errmsg);
    if (!rc)
        rc = store_copy(s, to, STORE_COPY_EMPTY, NULL, NULL, errmsg);
    store_close(to);
    if (!rc)
        rc = sqlite_backup_seal(buf_str(&tmp), errmsg);
    if (!rc && rename(buf_str(&tmp), path) < 0) {
        snprintf(errmsg, RB_ERRMSG, "cannot write %s: %s", path, strerror(errno));
        rc = RB_EIO;
    }
out:
    if (rc)
        remove_store_files(buf_str(&tmp));
    buf_cleanup(&tmp);
    return rc;
}

/* Copies the file at from into a new temporary file (mode 0600): *out its name (free). */
static enum rb_err
copy_to_temp(const char *from, char **out, char *errmsg)
{
    const char *dir = getenv("TMPDIR");
    char *name, chunk[65536];
    int in = -1, fd;
    ssize_t got;
    enum rb_err rc = RB_OK;
    struct buf b;

    buf_init(&b, 4096);
    buf_printf(&b, "%s/rubric-restore.XXXXXX", dir && *dir ? dir : "/tmp");
    name = buf_take(&b);
    *out = NULL;
    if ((fd = mkstemp(name)) < 0) {
        snprintf(errmsg, RB_ERRMSG, "cannot make a temporary copy of %s in %s: %s", from, name,
                 strerror(errno));
        free(name);
        return RB_EIO;
    }
    if ((in = open(from, O_RDONLY | O_CLOEXEC)) < 0) {
        snprintf(errmsg, RB_ERRMSG, "cannot read %s: %s", from, strerror(errno));
        rc = RB_EIO;
        goto out;
    }
    while ((got = read(in, chunk, sizeof chunk)) > 0) {
        if (write(fd, chunk, (size_t)got) != got) {
            snprintf(errmsg, RB_ERRMSG, "cannot write the temporary copy %s: %s", name,
                     strerror(errno));
            rc = RB_EIO;
            goto out;
        }
    }
    if (got < 0) {
        snprintf(errmsg, RB_ERRMSG, "cannot read %s: %s", from, strerror(errno));
        rc = RB_EIO;
    }
out:
    if (in >= 0)
        close(in);
    close(fd);
    if (rc) {
        unlink(name);
        free(name);
    } else {
        *out = name;
    }
    return rc;
}

enum rb_err
store_copy_restore(struct store *s, const char *path, int latest, char *errmsg)
{
    struct store *from = NULL;
    char *tmp = NULL;
    enum rb_err rc;

    rc = sqlite_backup_check(path, latest, errmsg);
    /* opened on a copy: opening migrates an older backup and would change the file */
    if (!rc)
        rc = copy_to_temp(path, &tmp, errmsg);
    if (!rc)
        rc = sqlite_store_open(tmp, &from, errmsg);
    if (!rc)
        rc = store_copy(from, s, STORE_COPY_REPLACE, NULL, NULL, errmsg);
    store_close(from);
    if (tmp)
        remove_store_files(tmp);
    free(tmp);
    return rc;
}
