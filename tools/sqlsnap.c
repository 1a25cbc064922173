/* SPDX-License-Identifier: MIT */
/*
 * Build tool: a new SQLite store's schema as SQL, made by the migrations themselves. It opens
 * a new store in a temporary folder through the store (so every migration runs as it runs
 * for a user), then writes into a C file (build/gen/sqlsnap.c, defining
 * sqlite_snapshot_builtin) what that store holds: its tables, indexes and views in the order
 * they were made, every row of its tables (the FTS index's own among them, written as they
 * are), then its triggers, so that no trigger fires while the rows go in, and the version.
 * The rubric binary offers it to the SQLite backend, which runs it on a store that is new
 * instead of the twenty-odd migrations (16 ms of every first open, rebuilt tables among
 * them). tests/e2e/test_migrate.sh checks that a store made so is the one migrations make.
 * Usage: sqlsnap OUT.c
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "util/buf.h"

static void
quoted(struct buf *b, const char *s, int n)
{
    buf_putc(b, '\'');
    for (int i = 0; i < n; i++) {
        if (s[i] == '\'')
            buf_putc(b, '\'');
        buf_putc(b, s[i]);
    }
    buf_putc(b, '\'');
}

/* One row of st as "INSERT OR REPLACE INTO name VALUES (...);\n". */
static void
row_sql(struct buf *b, const char *name, sqlite3_stmt *st)
{
    buf_printf(b, "INSERT OR REPLACE INTO \"%s\" VALUES (", name);
    for (int c = 0; c < sqlite3_column_count(st); c++) {
        if (c)
            buf_putc(b, ',');
        switch (sqlite3_column_type(st, c)) {
        case SQLITE_NULL:
            buf_puts(b, "NULL");
            break;
        case SQLITE_INTEGER:
            buf_printf(b, "%lld", (long long)sqlite3_column_int64(st, c));
            break;
        case SQLITE_FLOAT:
            buf_printf(b, "%.17g", sqlite3_column_double(st, c));
            break;
        case SQLITE_TEXT:
            quoted(b, (const char *)sqlite3_column_text(st, c), sqlite3_column_bytes(st, c));
            break;
        default: {
            const unsigned char *p = sqlite3_column_blob(st, c);
            buf_puts(b, "X'");
            for (int i = 0; i < sqlite3_column_bytes(st, c); i++)
                buf_printf(b, "%02X", p[i]);
            buf_putc(b, '\'');
        }
        }
    }
    buf_puts(b, ");\n");
}

static int
fail(sqlite3 *db, const char *what)
{
    fprintf(stderr, "sqlsnap: %s: %s\n", what, sqlite3_errmsg(db));
    return 1;
}

/* The schema's statements of kind (0: tables, indexes and views; 1: triggers), or every
 * table's rows (2), in the order they were made. */
static int
dump(sqlite3 *db, int part, struct buf *b)
{
    /* shadow tables (an FTS index's) are made by their virtual table, their rows are not */
    static const char *const q[] = {
        "SELECT s.sql FROM sqlite_schema s WHERE s.type IN ('table', 'index', 'view') AND "
        "s.sql IS NOT NULL AND s.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND NOT EXISTS (SELECT "
        "1 FROM pragma_table_list t WHERE t.name = s.name AND t.type = 'shadow') ORDER BY "
        "s.rowid",
        "SELECT sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY rowid",
        "SELECT s.name FROM sqlite_schema s JOIN pragma_table_list t ON t.name = s.name WHERE "
        "t.type IN ('table', 'shadow') AND s.name NOT IN ('sqlite_schema', 'sqlite_stat1', "
        "'sqlite_stat4') ORDER BY s.rowid"};
    sqlite3_stmt *st;
    int r;
    if (sqlite3_prepare_v2(db, q[part], -1, &st, NULL) != SQLITE_OK)
        return fail(db, "read the schema");
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        const char *text = (const char *)sqlite3_column_text(st, 0);
        if (part < 2) {
            buf_printf(b, "%s;\n", text);
        } else {
            struct buf sel;
            sqlite3_stmt *rows;
            buf_init(&sel, 4096);
            buf_printf(&sel, "SELECT * FROM \"%s\" ORDER BY rowid", text);
            if (sqlite3_prepare_v2(db, buf_str(&sel), -1, &rows, NULL) != SQLITE_OK) {
                /* WITHOUT ROWID: in its key's order */
                buf_reset(&sel);
                buf_printf(&sel, "SELECT * FROM \"%s\"", text);
                if (sqlite3_prepare_v2(db, buf_str(&sel), -1, &rows, NULL) != SQLITE_OK) {
                    buf_cleanup(&sel);
                    sqlite3_finalize(st);
                    return fail(db, text);
                }
            }
            while (sqlite3_step(rows) == SQLITE_ROW)
                row_sql(b, text, rows);
            sqlite3_finalize(rows);
            buf_cleanup(&sel);
        }
    }
    sqlite3_finalize(st);
    return r == SQLITE_DONE ? 0 : fail(db, "read the schema");
}

int
main(int argc, char **argv)
{
    char dir[] = "/tmp/rubric-sqlsnap.XXXXXX", path[128], url[160], msg[RB_ERRMSG];
    struct store *s;
    sqlite3 *db = NULL;
    struct buf b;
    FILE *out;
    int rc = 1, version = 0;

    if (argc != 2) {
        fprintf(stderr, "usage: sqlsnap OUT.c\n");
        return 2;
    }
    if (!mkdtemp(dir)) {
        perror("sqlsnap: a temporary folder");
        return 1;
    }
    buf_init(&b, (size_t)64 << 20);
    snprintf(path, sizeof path, "%s/new.db", dir);
    snprintf(url, sizeof url, "sqlite:%s", path);
    if (store_open(url, &s, msg)) {
        fprintf(stderr, "sqlsnap: %s\n", msg);
        goto out;
    }
    version = store_schema_version(s);
    store_close(s);
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        fail(db, path);
        goto out;
    }
    if (dump(db, 0, &b) || dump(db, 2, &b) || dump(db, 1, &b))
        goto out;
    buf_printf(&b, "PRAGMA user_version = %d;\n", version);
    if (!(out = fopen(argv[1], "w"))) {
        perror(argv[1]);
        goto out;
    }
    fprintf(out,
            "/* SPDX-License-Identifier: MIT */\n/* Written by tools/sqlsnap.c: do not edit. */\n"
            "#include \"store/store.h\"\n\nstatic const char sql[] = {");
    for (size_t i = 0; i < b.len; i++)
        fprintf(out, "%s%d,", i % 24 ? "" : "\n", (unsigned char)b.data[i]);
    fprintf(out, "0};\n\nconst struct sqlite_snapshot sqlite_snapshot_builtin = {sql, %d};\n",
            version);
    rc = fclose(out) != 0;
out:
    sqlite3_close(db);
    buf_cleanup(&b);
    unlink(path);
    snprintf(path, sizeof path, "%s/new.db-wal", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/new.db-shm", dir);
    unlink(path);
    rmdir(dir);
    return rc;
}
