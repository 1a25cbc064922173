/* SPDX-License-Identifier: MIT */
/*
 * Backups of a SQLite store (store/store.h): SQLite's online backup API copies the store
 * page by page into a new file while other connections, a running server's included, go on
 * reading and writing (WAL: the copy is the store as of one moment, every write committed
 * before it began included). The copy is written beside its destination and renamed into
 * place, readable by its owner only. A restore checks the file first (an SQLite store whose
 * integrity check passes and whose schema this rubric knows) and copies it over the store.
 * The same check and file finishing serve PostgreSQL's backups (store/store_copy.c), which are
 * SQLite files too.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/sqlite_int.h"
#include "store/store_copy.h"
#include "util/buf.h"

/* Copies from into to, all pages, retrying while another connection holds a lock (a
 * writer). */
static int
copy(sqlite3 *to, sqlite3 *from)
{
    sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
    int r, tries = 0;
    if (!b)
        return sqlite3_errcode(to);
    /* all pages in one step, inside one read transaction: writers go on (WAL), and the copy
     * is the store of one moment. In smaller steps, every write by another connection would
     * start the copy again, and under steady writes it might never end. */
    while ((r = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || r == SQLITE_LOCKED) {
        if (++tries > 500)
            break;
        sqlite3_sleep(10);
    }
    sqlite3_backup_finish(b);
    return r == SQLITE_DONE ? SQLITE_OK : r;
}

/* The first line of PRAGMA integrity_check on db ("ok" when whole) into out. */
static void
integrity(sqlite3 *db, char *out, size_t n)
{
    sqlite3_stmt *st = NULL;
    snprintf(out, n, "cannot be read");
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
}

enum rb_err
sqlite_backup(struct store *s, const char *path, char *errmsg)
{
    sqlite3 *to = NULL;
    struct buf tmp;
    enum rb_err rc = RB_OK;
    int r, fd;

    buf_init(&tmp, 8192);
    buf_printf(&tmp, "%s.tmp.%ld", path, (long)getpid());
    unlink(buf_str(&tmp));
    /* made 0600 before SQLite opens it: a backup holds everything the store does */
    if ((fd = open(buf_str(&tmp), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0 ||
        close(fd) < 0) {
        snprintf(errmsg, RB_ERRMSG, "cannot write %s: %s", buf_str(&tmp), strerror(errno));
        rc = RB_EIO;
        goto out;
    }
    if (sqlite3_open_v2(buf_str(&tmp), &to, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        snprintf(errmsg, RB_ERRMSG, "cannot write %s: %s", buf_str(&tmp),
                 to ? sqlite3_errmsg(to) : "out of memory");
        rc = RB_EIO;
        goto out;
    }
    if ((r = copy(to, sq_db(s))) != SQLITE_OK) {
        snprintf(errmsg, RB_ERRMSG, "the backup into %s failed: %s (the store stays as it was)",
                 path, sqlite3_errstr(r));
        rc = RB_ESTORE;
        goto out;
    }
    /* one file, not a WAL beside it; synced before it takes the name */
    if (sqlite3_exec(to, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK) {
        snprintf(errmsg, RB_ERRMSG, "cannot finish %s: %s", path, sqlite3_errmsg(to));
        rc = RB_EIO;
        goto out;
    }
    sqlite3_close(to);
    to = NULL;
    if ((fd = open(buf_str(&tmp), O_RDONLY | O_CLOEXEC)) < 0 || fsync(fd) < 0 || close(fd) < 0 ||
        rename(buf_str(&tmp), path) < 0) {
        snprintf(errmsg, RB_ERRMSG, "cannot write %s: %s", path, strerror(errno));
        rc = RB_EIO;
    }
out:
    sqlite3_close(to);
    if (rc)
        unlink(buf_str(&tmp));
    buf_cleanup(&tmp);
    return rc;
}

enum rb_err
sqlite_backup_check(const char *path, int latest, char *errmsg)
{
    sqlite3 *from = NULL;
    sqlite3_stmt *st = NULL;
    char check[200];
    int version = -1;
    enum rb_err rc = RB_OK;

    if (access(path, R_OK) != 0) {
        snprintf(errmsg, RB_ERRMSG, "cannot read %s: %s", path, strerror(errno));
        return RB_EIO;
    }
    if (sqlite3_open_v2(path, &from, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        snprintf(errmsg, RB_ERRMSG, "%s is not a store: %s", path,
                 from ? sqlite3_errmsg(from) : "out of memory");
        rc = RB_EINVAL;
        goto out;
    }
    integrity(from, check, sizeof check);
    if (strcmp(check, "ok") != 0) {
        snprintf(errmsg, RB_ERRMSG, "%s fails its integrity check (%s): not restored", path, check);
        rc = RB_EINVAL;
        goto out;
    }
    if (sqlite3_prepare_v2(from, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (version < 1 || version > latest) {
        snprintf(errmsg, RB_ERRMSG,
                 "%s has schema version %d: not a store this rubric knows (1 to %d)", path, version,
                 latest);
        rc = RB_EINVAL;
    }
out:
    sqlite3_close(from);
    return rc;
}

enum rb_err
sqlite_backup_seal(const char *path, char *errmsg)
{
    sqlite3 *db = NULL;
    enum rb_err rc = RB_OK;
    int fd;

    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
        sqlite3_exec(db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK) {
        snprintf(errmsg, RB_ERRMSG, "cannot finish %s: %s", path,
                 db ? sqlite3_errmsg(db) : "out of memory");
        rc = RB_EIO;
    }
    sqlite3_close(db);
    if (!rc && ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0 || fsync(fd) < 0 || close(fd) < 0)) {
        snprintf(errmsg, RB_ERRMSG, "cannot write %s: %s", path, strerror(errno));
        rc = RB_EIO;
    }
    return rc;
}

/* The integer PRAGMA of db (its "main" database), or -1. */
static int
pragma_int(sqlite3 *db, const char *pragma)
{
    sqlite3_stmt *st = NULL;
    int v = -1;
    if (sqlite3_prepare_v2(db, pragma, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Copies from over db. A store in WAL mode takes pages of its own size only: a backup with
 * other pages (4 KB, from a store made before new stores had 8 KB, or PostgreSQL's backup
 * file) is copied with the log off, the store then taking the backup's page size, and the log
 * on again after. Turning the log off needs the store to itself, as a restore does anyway. */
static int
copy_over(sqlite3 *db, sqlite3 *from)
{
    bool resize = pragma_int(from, "PRAGMA page_size") != pragma_int(db, "PRAGMA page_size");
    int r;
    if (resize && sqlite3_exec(db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
        r = sqlite3_errcode(db);
    else
        r = copy(db, from);
    if (resize && sqlite3_exec(db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK &&
        r == SQLITE_OK)
        r = sqlite3_errcode(db);
    return r;
}

enum rb_err
sqlite_restore(struct store *s, const char *path, int latest, char *errmsg)
{
    sqlite3 *from = NULL, *db = sq_db(s);
    enum rb_err rc;
    int r;

    rc = sqlite_backup_check(path, latest, errmsg);
    if (rc)
        return rc;
    if (sqlite3_open_v2(path, &from, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        snprintf(errmsg, RB_ERRMSG, "%s is not a store: %s", path,
                 from ? sqlite3_errmsg(from) : "out of memory");
        rc = RB_EINVAL;
    } else if ((r = copy_over(db, from)) != SQLITE_OK) {
        snprintf(errmsg, RB_ERRMSG, "the restore from %s failed: %s (is a server using the store?)",
                 path, sqlite3_errstr(r));
        rc = RB_ESTORE;
    }
    sqlite3_close(from);
    return rc;
}
