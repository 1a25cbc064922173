/* SPDX-License-Identifier: MIT */
/* File helpers. Every message names the path it is about. */
#include "util/fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/diag.h"
#include "util/mem.h"

enum rb_err
fs_read(const char *path, size_t max, char **data, size_t *len, char *errmsg)
{
    enum rb_err rc = RB_EIO;
    struct stat st;
    char *p = NULL;
    size_t got = 0;
    int fd;

    *data = NULL;
    *len = 0;
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(errmsg, RB_ERRMSG, "cannot read %s: %s", path, strerror(errno));
        return RB_EIO;
    }
    if (fstat(fd, &st) < 0) {
        snprintf(errmsg, RB_ERRMSG, "cannot read %s: %s", path, strerror(errno));
        goto out;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(errmsg, RB_ERRMSG, "cannot read %s: not a regular file", path);
        goto out;
    }
    if ((unsigned long long)st.st_size > max) {
        snprintf(errmsg, RB_ERRMSG, "cannot read %s: too large (%lld bytes, limit %zu)", path,
                 (long long)st.st_size, max);
        rc = RB_ETOOBIG;
        goto out;
    }
    p = xmalloc((size_t)st.st_size + 1);
    /* Read to the end rather than trusting st_size: the file may change under us. */
    for (;;) {
        ssize_t n;
        if (got == (size_t)st.st_size) {
            char extra;
            n = read(fd, &extra, 1);
            if (n == 0)
                break;
            if (n > 0) {
                snprintf(errmsg, RB_ERRMSG, "cannot read %s: file grew while reading", path);
                goto out;
            }
        } else {
            n = read(fd, p + got, (size_t)st.st_size - got);
            if (n == 0)
                break;
        }
        if (n < 0) {
            if (errno == EINTR)
                continue;
            snprintf(errmsg, RB_ERRMSG, "cannot read %s: %s", path, strerror(errno));
            goto out;
        }
        got += (size_t)n;
    }
    p[got] = '\0';
    *data = p;
    *len = got;
    p = NULL;
    rc = RB_OK;
out:
    free(p);
    close(fd);
    return rc;
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int
fs_join(struct buf *path, const char *dir, const char *name)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    buf_reset(path);
    if (n == 1 && dir[0] == '/')
        return buf_printf(path, "/%s", name);
    return buf_printf(path, "%.*s/%s", (int)n, dir, name);
}

enum rb_err
fs_list(const char *dir, const char *suffix, char ***paths, size_t *n, char *errmsg)
{
    DIR *d;
    struct dirent *e;
    char **v = NULL;
    size_t cnt = 0, cap = 0, slen = strlen(suffix);

    *paths = NULL;
    *n = 0;
    d = opendir(dir);
    if (!d) {
        snprintf(errmsg, RB_ERRMSG, "cannot open directory %s: %s", dir, strerror(errno));
        return RB_EIO;
    }
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        struct stat st;
        struct buf path;

        if (e->d_name[0] == '.' || len < slen || strcmp(e->d_name + len - slen, suffix) != 0)
            continue;
        buf_init(&path, 8192);
        if (fs_join(&path, dir, e->d_name)) {
            buf_cleanup(&path);
            continue;
        }
        if (stat(buf_str(&path), &st) < 0 || !S_ISREG(st.st_mode)) {
            buf_cleanup(&path);
            continue;
        }
        xgrow(&v, &cap, cnt + 1, sizeof *v);
        v[cnt++] = buf_take(&path);
    }
    closedir(d);
    if (cnt)
        qsort(v, cnt, sizeof *v, cmp_str);
    *paths = v;
    *n = cnt;
    return RB_OK;
}

/* Appends the regular files under dir to *v, depth levels down at most. */
static void
walk(const char *dir, int depth, char ***v, size_t *n, size_t *cap, struct diags *d)
{
    DIR *dh = opendir(dir);
    struct dirent *e;
    if (!dh) {
        diags_add(d, dir, 0, "cannot open directory: %s", strerror(errno));
        return;
    }
    while ((e = readdir(dh))) {
        struct stat st;
        struct buf path;
        if (e->d_name[0] == '.')
            continue; /* hidden files, ".", ".." */
        buf_init(&path, 8192);
        if (fs_join(&path, dir, e->d_name)) {
            diags_add(d, dir, 0, "a name in it is too long");
            buf_cleanup(&path);
            continue;
        }
        /* the entry's own type when the file system gives it: a regular file needs no
         * stat (5,000 resumes were 10,000 calls before any was read) */
        if (e->d_type == DT_REG) {
            xgrow(v, cap, *n + 1, sizeof **v);
            (*v)[(*n)++] = buf_take(&path);
            continue;
        }
        /* lstat first: a link to a directory is not followed (no cycles) */
        if (lstat(buf_str(&path), &st) == 0 && S_ISDIR(st.st_mode)) {
            if (depth > 0)
                walk(buf_str(&path), depth - 1, v, n, cap, d);
            else
                diags_add(d, buf_str(&path), 0, "not read: more than %d folders deep",
                          FS_WALK_DEPTH);
            buf_cleanup(&path);
            continue;
        }
        if (stat(buf_str(&path), &st) < 0 || !S_ISREG(st.st_mode)) {
            buf_cleanup(&path);
            continue;
        }
        xgrow(v, cap, *n + 1, sizeof **v);
        (*v)[(*n)++] = buf_take(&path);
    }
    closedir(dh);
}

void
fs_walk(const char *dir, char ***paths, size_t *n, struct diags *d)
{
    size_t cap = 0, first = *n;
    walk(dir, FS_WALK_DEPTH, paths, n, &cap, d);
    if (*n > first)
        qsort(*paths + first, *n - first, sizeof **paths, cmp_str);
}

void
fs_list_free(char **paths, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
}

enum rb_err
fs_each_text(const char *dir, const char *suffix, size_t max, fs_text_fn fn, void *ctx,
             struct diags *d, char *errmsg)
{
    char **paths = NULL;
    size_t n = 0;
    char msg[RB_ERRMSG];
    enum rb_err rc = fs_list(dir, suffix, &paths, &n, errmsg);

    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++) {
        char *data;
        size_t len;
        if (strcasecmp(fs_basename(paths[i]), "README.md") == 0)
            continue;
        if (fs_read(paths[i], max, &data, &len, msg)) {
            diags_add(d, paths[i], 0, "%s", msg);
            continue;
        }
        fn(ctx, paths[i], data, len, d);
        free(data);
    }
    fs_list_free(paths, n);
    return RB_OK;
}

enum rb_err
fs_write_atomic_mode(const char *path, const void *data, size_t len, unsigned mode, char *errmsg)
{
    struct buf tmp;
    const char *p = data;
    enum rb_err rc = RB_EIO;
    int fd;

    /* a temporary name of its own (mkostemp), so that two threads of one process writing
     * the same path at once never share a temporary file */
    buf_init(&tmp, 8192);
    if (buf_printf(&tmp, "%s.tmp.XXXXXX", path)) {
        snprintf(errmsg, RB_ERRMSG, "cannot write %s: path too long", path);
        goto out;
    }
    fd = mkostemp(tmp.data, O_CLOEXEC);
    if (fd < 0) {
        snprintf(errmsg, RB_ERRMSG, "cannot write %s: %s", path, strerror(errno));
        goto out;
    }
    if (fchmod(fd, (mode_t)mode) < 0) {
        snprintf(errmsg, RB_ERRMSG, "cannot write %s: %s", path, strerror(errno));
        close(fd);
        unlink(buf_str(&tmp));
        goto out;
    }
    while (len) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            snprintf(errmsg, RB_ERRMSG, "cannot write %s: %s", path, strerror(errno));
            close(fd);
            unlink(buf_str(&tmp));
            goto out;
        }
        p += n;
        len -= (size_t)n;
    }
    if (fsync(fd) < 0 || close(fd) < 0 || rename(buf_str(&tmp), path) < 0) {
        snprintf(errmsg, RB_ERRMSG, "cannot write %s: %s", path, strerror(errno));
        unlink(buf_str(&tmp));
        goto out;
    }
    rc = RB_OK;
out:
    buf_cleanup(&tmp);
    return rc;
}

enum rb_err
fs_write_atomic(const char *path, const void *data, size_t len, char *errmsg)
{
    return fs_write_atomic_mode(path, data, len, 0644, errmsg);
}

enum rb_err
fs_mkdirs(const char *dir, char *errmsg)
{
    char *p = xstrdup(dir);
    enum rb_err rc = RB_OK;

    for (char *s = p + 1;; s++) {
        char c = *s;
        if (c != '/' && c != '\0')
            continue;
        *s = '\0';
        if (mkdir(p, 0755) < 0 && errno != EEXIST) {
            snprintf(errmsg, RB_ERRMSG, "cannot create directory %s: %s", p, strerror(errno));
            rc = RB_EIO;
            break;
        }
        *s = c;
        if (c == '\0')
            break;
    }
    free(p);
    if (!rc && !fs_is_dir(dir)) {
        snprintf(errmsg, RB_ERRMSG, "cannot create directory %s: a file is in the way", dir);
        rc = RB_EIO;
    }
    return rc;
}

bool
fs_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *
fs_basename(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}
