/* SPDX-License-Identifier: MIT */
/* Export, erasure and retention of candidates' data (core/privacy.h). */
#include "core/privacy.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/audit.h"
#include "core/scorecard.h"
#include "core/selfid.h"
#include "util/buf.h"
#include "util/fs.h"
#include "util/mem.h"

/* Whether h is what the uploads folder names files by: 64 lowercase hex digits. */
static bool
is_hash(const char *h)
{
    size_t n = 0;
    for (; h && h[n]; n++)
        if (!((h[n] >= '0' && h[n] <= '9') || (h[n] >= 'a' && h[n] <= 'f')))
            return false;
    return n == 64;
}

/* ---- export ---------------------------------------------------------------------------- */

/* Whether dir has any entry. */
static bool
dir_has_entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    bool any = false;
    if (!d)
        return false;
    while (!any && (e = readdir(d)))
        any = strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return any;
}

/* Makes dir (mode 0700) or checks that it may be written into. */
static enum rb_err
export_dir(const char *dir, bool force, char *errmsg)
{
    struct stat st;
    if (mkdir(dir, 0700) == 0)
        return RB_OK;
    if (errno != EEXIST) {
        snprintf(errmsg, RB_ERRMSG, "cannot create %s: %s", dir, strerror(errno));
        return RB_EIO;
    }
    if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
        snprintf(errmsg, RB_ERRMSG, "cannot export to %s: not a folder", dir);
        return RB_EIO;
    }
    if (!force && dir_has_entries(dir)) {
        snprintf(errmsg, RB_ERRMSG,
                 "%s is not empty: export into a new or empty folder, or give --force to write "
                 "into it",
                 dir);
        return RB_ECONFLICT;
    }
    return RB_OK;
}

/* Copies from to to (created or truncated, mode 0600), in blocks. */
static enum rb_err
copy_file(const char *from, const char *to, char *errmsg)
{
    char block[65536];
    enum rb_err rc = RB_OK;
    int in = open(from, O_RDONLY | O_CLOEXEC | O_NOFOLLOW), out = -1;
    ssize_t n;
    if (in < 0) {
        snprintf(errmsg, RB_ERRMSG, "cannot read %s: %s", from, strerror(errno));
        return errno == ENOENT ? RB_ENOTFOUND : RB_EIO;
    }
    out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (out < 0 || fchmod(out, 0600) < 0) {
        snprintf(errmsg, RB_ERRMSG, "cannot write %s: %s", to, strerror(errno));
        rc = RB_EIO;
        goto out;
    }
    while ((n = read(in, block, sizeof block)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            snprintf(errmsg, RB_ERRMSG, "cannot read %s: %s", from, strerror(errno));
            rc = RB_EIO;
            goto out;
        }
        for (ssize_t done = 0; done < n;) {
            ssize_t w = write(out, block + done, (size_t)(n - done));
            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0) {
                snprintf(errmsg, RB_ERRMSG, "cannot write %s: %s", to, strerror(errno));
                rc = RB_EIO;
                goto out;
            }
            done += w;
        }
    }
    if (close(out) < 0) {
        snprintf(errmsg, RB_ERRMSG, "cannot write %s: %s", to, strerror(errno));
        rc = RB_EIO;
    }
    out = -1;
out:
    if (out >= 0)
        close(out);
    close(in);
    return rc;
}

/* The name an original gets in the export: "resume-ID-" and the file name it was uploaded
 * with, without path separators or control characters, 200 bytes at most. */
static char *
export_name(long long resume, const char *filename)
{
    struct buf b;
    char *out;
    buf_init(&b, 512);
    buf_printf(&b, "resume-%lld-", resume);
    for (size_t i = 0; filename && filename[i] && i < 200; i++) {
        unsigned char c = (unsigned char)filename[i];
        buf_putc(&b, c == '/' || c == '\\' || c < 0x20 || c == 0x7f ? '_' : (char)c);
    }
    out = xstrdup(buf_str(&b));
    buf_cleanup(&b);
    return out;
}

/* Drops the key "hash" from every object of the array at key of o. */
static void
drop_hashes(json_t *o, const char *key)
{
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(o, key), i, v) json_object_del(v, "hash");
}

/* Copies the originals into dir, noting each one's name in the export's "files". */
static enum rb_err
export_files(json_t *x, const char *uploads, const char *dir, char *errmsg)
{
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(x, "files"), i, f)
    {
        const char *hash = json_string_value(json_object_get(f, "hash"));
        char *name = export_name((long long)json_integer_value(json_object_get(f, "resume")),
                                 json_string_value(json_object_get(f, "filename")));
        struct buf from, to;
        enum rb_err e = RB_ENOTFOUND;
        buf_init(&from, 4096);
        buf_init(&to, 4096);
        buf_printf(&to, "%s/%s", dir, name);
        if (is_hash(hash)) {
            buf_printf(&from, "%s/%s", uploads, hash);
            e = copy_file(buf_str(&from), buf_str(&to), errmsg);
        }
        buf_cleanup(&from);
        buf_cleanup(&to);
        if (e == RB_ENOTFOUND) {
            json_object_set_new(f, "file", json_null());
            json_object_set_new(f, "missing", json_true());
        } else if (!e) {
            json_object_set_new(f, "file", json_string(name));
        }
        free(name);
        if (e && e != RB_ENOTFOUND)
            return e;
    }
    return RB_OK;
}

enum rb_err
privacy_export(struct store *s, long long id, const struct user *who, const char *uploads,
               const char *dir, bool force, json_t **out, char *errmsg)
{
    struct audit_actor actor = {who ? who->id : 0, who ? who->email : NULL};
    enum scorecard_view view;
    json_t *x = NULL;
    enum rb_err rc;
    *out = NULL;
    if ((rc = store_candidate_export(s, id, &x, errmsg)))
        return rc;
    if ((rc = scorecard_view(s, id, who, &view, errmsg)))
        goto out;
    if (view != VIEW_ALL && who) { /* (the operator, who NULL, sees all) */
        snprintf(errmsg, RB_ERRMSG,
                 "%s is on candidate %lld's panel with scorecards still to give: the export holds "
                 "the others' ratings and notes; submit yours first, or ask another recruiter or "
                 "admin to export",
                 who->email, id);
        rc = RB_EDENIED;
        goto out;
    }
    /* the attempt is recorded before any of it leaves the store */
    if ((rc = audit_append(s, who ? &actor : NULL, "export", &id, 1, "candidate", errmsg)))
        goto out;
    if (dir &&
        ((rc = export_dir(dir, force, errmsg)) || (rc = export_files(x, uploads, dir, errmsg))))
        goto out;
    drop_hashes(x, "resumes");
    drop_hashes(x, "parses");
    drop_hashes(x, "files");
    /* self-identification goes to the candidate through those who may read it (an admin or
     * the operator): a recruiter's export for them says it is withheld */
    if (!selfid_may_read(who)) {
        json_object_del(x, "self_id");
        json_object_set_new(x, "self_id_withheld", json_true());
    }
    if (dir) {
        struct buf path;
        char *text = json_dumps(x, JSON_INDENT(2));
        buf_init(&path, 4096);
        buf_printf(&path, "%s/%s", dir, PRIVACY_EXPORT_JSON);
        rc = fs_write_atomic_mode(buf_str(&path), text, strlen(text), 0600, errmsg);
        buf_cleanup(&path);
        free(text);
        if (rc)
            goto out;
    }
    *out = x;
    x = NULL;
out:
    json_decref(x);
    return rc;
}

/* ---- erase ------------------------------------------------------------------------------ */

/* Removes the upload files of r from uploads: *removed counts them. A file already gone
 * is not an error; the first that cannot be removed is named in errmsg (RB_EIO), and the
 * others are still tried. */
static enum rb_err
remove_files(const struct erase_result *r, const char *uploads, size_t *removed, char *errmsg)
{
    enum rb_err rc = RB_OK;
    for (size_t i = 0; i < r->nhashes; i++) {
        struct buf path;
        if (!is_hash(r->hashes[i]) || !uploads)
            continue;
        buf_init(&path, 4096);
        buf_printf(&path, "%s/%s", uploads, r->hashes[i]);
        if (unlink(buf_str(&path)) == 0)
            (*removed)++;
        else if (errno != ENOENT && !rc) {
            snprintf(errmsg, RB_ERRMSG,
                     "the candidate is erased from the store, but %s cannot be removed: %s; "
                     "remove it by hand",
                     buf_str(&path), strerror(errno));
            rc = RB_EIO;
        }
        buf_cleanup(&path);
    }
    return rc;
}

enum rb_err
privacy_erase(struct store *s, long long id, const struct audit_actor *who, const char *uploads,
              json_t **report, char *errmsg)
{
    struct erase_result r;
    size_t removed = 0;
    bool clean = false;
    char msg[RB_ERRMSG];
    enum rb_err rc, files;

    *report = NULL;
    if ((rc = store_candidate_erase(s, id, who, &r, errmsg)))
        return rc;
    files = remove_files(&r, uploads, &removed, msg);
    rc = store_compact(s, &clean, errmsg);
    *report = json_pack("{s:I, s:b, s:I, s:I, s:I, s:b}", "candidate", (json_int_t)id,
                        "already_erased", r.already, "resumes", (json_int_t)r.resumes, "scorecards",
                        (json_int_t)r.scorecards, "files_removed", (json_int_t)removed,
                        "storage_clean", clean && !rc);
    erase_result_cleanup(&r);
    if (files) {
        memcpy(errmsg, msg, sizeof msg);
        return files;
    }
    return rc;
}

/* ---- retention -------------------------------------------------------------------------- */

enum rb_err
privacy_retention(struct store *s, unsigned days, long long now, bool dry_run, const char *uploads,
                  json_t **report, char *errmsg)
{
    static const struct audit_actor retention = {0, "retention"};
    long long before = now - (long long)days * 86400;
    size_t i, erased = 0, removed = 0;
    json_t *due = NULL, *c;
    bool clean = true;
    char iso[32], msg[RB_ERRMSG];
    enum rb_err rc, files = RB_OK;
    time_t t = (time_t)before;
    struct tm tm;

    *report = NULL;
    if ((rc = store_retention_due(s, before, PRIVACY_RETENTION_BATCH, &due, errmsg)))
        goto out;
    json_array_foreach(due, i, c)
    {
        struct erase_result r;
        if (dry_run)
            break;
        if ((rc = store_candidate_erase(s, (long long)json_integer_value(json_object_get(c, "id")),
                                        &retention, &r, errmsg)))
            goto out;
        erased++;
        if (remove_files(&r, uploads, &removed, msg) && !files) {
            files = RB_EIO;
            memcpy(errmsg, msg, sizeof msg);
        }
        erase_result_cleanup(&r);
    }
    if (erased && (rc = store_compact(s, &clean, errmsg)))
        goto out;
    gmtime_r(&t, &tm);
    strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
    *report = json_pack("{s:I, s:s, s:O, s:I, s:I, s:b}", "days", (json_int_t)days, "before", iso,
                        "due", due, "erased", (json_int_t)erased, "files_removed",
                        (json_int_t)removed, "storage_clean", clean);
    rc = files;
out:
    json_decref(due);
    return rc;
}

/* ---- uploads no resume refers to -------------------------------------------------------- */

/* Removes uploads/name when no resume refers to hash; *removed grows. */
static enum rb_err
remove_unused(struct store *s, const char *uploads, const char *name, const char *hash,
              size_t *removed, char *errmsg)
{
    struct buf path;
    bool used = false;
    enum rb_err rc = hash ? store_upload_used(s, hash, &used, errmsg) : RB_OK;
    if (rc || used)
        return rc;
    buf_init(&path, 4096);
    buf_printf(&path, "%s/%s", uploads, name);
    if (unlink(buf_str(&path)) == 0)
        (*removed)++;
    else if (errno != ENOENT) {
        snprintf(errmsg, RB_ERRMSG, "cannot remove %s: %s", buf_str(&path), strerror(errno));
        rc = RB_EIO;
    }
    buf_cleanup(&path);
    return rc;
}

enum rb_err
privacy_uploads_discard(struct store *s, const char *uploads, const char *const *hashes, size_t n,
                        size_t *removed, char *errmsg)
{
    enum rb_err rc = RB_OK, e;
    *removed = 0;
    for (size_t i = 0; i < n; i++)
        if (is_hash(hashes[i]) &&
            (e = remove_unused(s, uploads, hashes[i], hashes[i], removed, errmsg)) && !rc)
            rc = e;
    return rc;
}

/* Whether name is a temporary file of fs_write_atomic: NAME.tmp.DIGITS. */
static bool
is_temporary(const char *name)
{
    const char *t = strstr(name, ".tmp.");
    if (!t || t == name || !t[5])
        return false;
    for (t += 5; *t; t++)
        if (*t < '0' || *t > '9')
            return false;
    return true;
}

enum rb_err
privacy_uploads_sweep(struct store *s, const char *uploads, long long now, long long grace,
                      size_t *removed, char *errmsg)
{
    DIR *d = opendir(uploads);
    struct dirent *de;
    enum rb_err rc = RB_OK;
    *removed = 0;
    if (!d) {
        if (errno == ENOENT)
            return RB_OK;
        snprintf(errmsg, RB_ERRMSG, "cannot read the uploads folder %s: %s", uploads,
                 strerror(errno));
        return RB_EIO;
    }
    while (!rc && (de = readdir(d))) {
        bool hash = is_hash(de->d_name);
        struct stat st;
        if (!hash && !is_temporary(de->d_name))
            continue;
        if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISREG(st.st_mode) ||
            (long long)st.st_mtime > now - grace)
            continue;
        rc = remove_unused(s, uploads, de->d_name, hash ? de->d_name : NULL, removed, errmsg);
    }
    closedir(d);
    return rc;
}

enum rb_err
privacy_traces_prune(struct store *s, long long now, size_t *deleted, char *errmsg)
{
    return store_traces_prune(s, now - (long long)PRIVACY_KNOWN_DAYS * 86400,
                              now - (long long)PRIVACY_SERVED_DAYS * 86400, deleted, errmsg);
}

enum rb_err
privacy_audit_retention(struct store *s, unsigned days, long long now, size_t *deleted,
                        char *errmsg)
{
    time_t before = (time_t)(now - (long long)days * 86400);
    char iso[32];
    struct tm tm;
    gmtime_r(&before, &tm);
    strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return store_audit_prune(s, iso, deleted, errmsg);
}

void
privacy_blind_results(json_t *items)
{
    json_t *v;
    size_t i;
    json_array_foreach(items, i, v)
    {
        if (json_object_get(v, "candidate"))
            json_object_set_new(v, "candidate", json_null());
    }
}
