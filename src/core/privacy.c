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
#include "resume/stored.h"
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

/* The most bytes of one original read back from the store: upload_max's own ceiling (what
 * is kept was under the limit of its day). */
#define ORIGINAL_READ_MAX (1ul << 30)

/* Writes the originals into dir (mode 0600), one at a time, noting each one's name in the
 * export's "files". */
static enum rb_err
export_files(struct store *s, json_t *x, const char *dir, char *errmsg)
{
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(x, "files"), i, f)
    {
        const char *hash = json_string_value(json_object_get(f, "hash"));
        char *name = export_name((long long)json_integer_value(json_object_get(f, "resume")),
                                 json_string_value(json_object_get(f, "filename")));
        struct buf to;
        void *data = NULL;
        size_t len = 0;
        enum rb_err e = RB_ENOTFOUND;
        buf_init(&to, 4096);
        buf_printf(&to, "%s/%s", dir, name);
        if (is_hash(hash) &&
            !(e = store_original_get(s, hash, ORIGINAL_READ_MAX, &data, &len, errmsg)))
            e = fs_write_atomic_mode(buf_str(&to), data, len, 0600, errmsg);
        free(data);
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
privacy_export(struct store *s, long long id, const struct user *who, const char *dir, bool force,
               json_t **out, char *errmsg)
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
    if (dir && ((rc = export_dir(dir, force, errmsg)) || (rc = export_files(s, x, dir, errmsg))))
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

enum rb_err
privacy_erase(struct store *s, long long id, const struct audit_actor *who, json_t **report,
              char *errmsg)
{
    struct erase_result r;
    bool clean = false;
    enum rb_err rc;

    *report = NULL;
    if ((rc = store_candidate_erase(s, id, who, &r, errmsg)))
        return rc;
    rc = store_compact(s, &clean, errmsg);
    /* the originals went with the resumes, in the erase's own transaction */
    *report = json_pack("{s:I, s:b, s:I, s:I, s:I, s:b}", "candidate", (json_int_t)id,
                        "already_erased", r.already, "resumes", (json_int_t)r.resumes, "scorecards",
                        (json_int_t)r.scorecards, "files_removed", (json_int_t)r.nhashes,
                        "storage_clean", clean && !rc);
    erase_result_cleanup(&r);
    return rc;
}

/* ---- retention -------------------------------------------------------------------------- */

enum rb_err
privacy_retention(struct store *s, unsigned days, long long now, bool dry_run, json_t **report,
                  char *errmsg)
{
    static const struct audit_actor retention = {0, "retention"};
    long long before = now - (long long)days * 86400;
    size_t i, erased = 0, removed = 0;
    json_t *due = NULL, *c;
    bool clean = true;
    char iso[32];
    enum rb_err rc;
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
        removed += r.nhashes;
        erase_result_cleanup(&r);
    }
    if (erased && (rc = store_compact(s, &clean, errmsg)))
        goto out;
    gmtime_r(&t, &tm);
    strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
    *report = json_pack("{s:I, s:s, s:O, s:I, s:I, s:b}", "days", (json_int_t)days, "before", iso,
                        "due", due, "erased", (json_int_t)erased, "files_removed",
                        (json_int_t)removed, "storage_clean", clean);
out:
    json_decref(due);
    return rc;
}

/* ---- an uploads folder from before schema 21 ------------------------------------------- */

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

/* Removes dir/name: true when it is gone. */
static bool
remove_entry(const char *dir, const char *name)
{
    struct buf path;
    bool gone;
    buf_init(&path, 4096);
    buf_printf(&path, "%s/%s", dir, name);
    gone = unlink(buf_str(&path)) == 0 || errno == ENOENT;
    buf_cleanup(&path);
    return gone;
}

/* Brings the file dir/hash into the store when a resume refers to it, then removes it;
 * removes it when none does. *r grows. A file that cannot be read, is over max or whose
 * bytes are not those of its name is left where it is. */
static enum rb_err
import_one(struct store *s, const char *dir, const char *hash, size_t max, struct uploads_import *r,
           char *errmsg)
{
    struct buf path;
    char *data = NULL, sum[65], msg[RB_ERRMSG];
    size_t len = 0;
    bool used = false, kept = false;
    enum rb_err rc;

    if ((rc = store_upload_used(s, hash, &used, errmsg)))
        return rc;
    if (!used) {
        /* an upload whose row was never stored (the old sweep's work): nobody's file */
        if (remove_entry(dir, hash))
            r->removed++;
        else
            r->left++;
        return RB_OK;
    }
    buf_init(&path, 4096);
    buf_printf(&path, "%s/%s", dir, hash);
    if (fs_read(buf_str(&path), max, &data, &len, msg)) {
        r->left++;
        goto out;
    }
    resume_content_hash(data, len, sum);
    if (strcmp(sum, hash) != 0) {
        r->left++; /* not the bytes its resumes were parsed from: not kept as theirs */
        goto out;
    }
    if ((rc = store_original_keep(s, hash, data, len, &kept, errmsg)))
        goto out;
    /* kept (now or before) is safe to remove; not kept, the last resume went meanwhile */
    if (remove_entry(dir, hash))
        r->imported += kept;
    else
        r->left++;
out:
    free(data);
    buf_cleanup(&path);
    return rc;
}

enum rb_err
privacy_uploads_import(struct store *s, const char *dir, size_t max, struct uploads_import *r,
                       char *errmsg)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    enum rb_err rc = RB_OK;
    memset(r, 0, sizeof *r);
    if (!d) {
        if (errno == ENOENT || errno == ENOTDIR)
            return RB_OK;
        snprintf(errmsg, RB_ERRMSG, "cannot read the uploads folder %s: %s", dir, strerror(errno));
        return RB_EIO;
    }
    r->found = true;
    while (!rc && (de = readdir(d))) {
        struct stat st;
        if (!is_hash(de->d_name) && !is_temporary(de->d_name))
            continue;
        if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISREG(st.st_mode)) {
            r->left++;
            continue;
        }
        if (is_temporary(de->d_name)) {
            if (remove_entry(dir, de->d_name))
                r->removed++;
            else
                r->left++;
            continue;
        }
        /* one file in memory at a time */
        rc = import_one(s, dir, de->d_name, max, r, errmsg);
    }
    closedir(d);
    /* emptied: the folder goes too (one with anything else in it stays) */
    if (!rc)
        r->folder_removed = rmdir(dir) == 0;
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
