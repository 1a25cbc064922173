/* SPDX-License-Identifier: MIT */
/* Candidates and resume files from disk (core/candidate_file.h). */
#include "core/candidate_file.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/application.h"
#include "core/audit.h"
#include "core/user.h"
#include "extract/extract.h"
#include "resume/dates.h"
#include "resume/resume.h"
#include "resume/stored.h"

/* The file's bytes under the resume limits (*data new). */
static enum rb_err
read_file(const char *path, char **data, size_t *len, char *errmsg)
{
    char msg[RB_ERRMSG];
    enum rb_err e = extract_read(path, &extract_default_limits, data, len, msg);
    if (e) {
        snprintf(errmsg, RB_ERRMSG, "cannot read %.200s: %.280s", path, msg);
        return e == RB_ETOOBIG ? e : RB_EIO;
    }
    return RB_OK;
}

/* The intake and its audit entry, inside the caller's transaction. */
static enum rb_err
attach(struct store *s, const char *path, const char *data, size_t len, long long candidate,
       const struct audit_actor *who, const struct opening_reader *rd, long long *resume,
       char *errmsg)
{
    char what[48];
    json_t *c = NULL;
    struct intake_result kept;
    enum rb_err e = store_candidate_get(s, candidate, &c, errmsg);

    json_decref(c);
    if (e)
        return e;
    e = intake_upload(s, path, data, len, candidate, who ? who->account : 0, rd, &kept, errmsg);
    if (e)
        return e;
    *resume = kept.resume;
    snprintf(what, sizeof what, "resume %lld", *resume);
    return audit_append(s, who, "create", &candidate, 1, what, errmsg);
}

enum rb_err
candidate_attach_file(struct store *s, const char *path, long long candidate,
                      const struct audit_actor *who, const struct opening_reader *rd,
                      long long *resume, char *errmsg)
{
    char *data = NULL;
    size_t len = 0;
    enum rb_err e = read_file(path, &data, &len, errmsg);

    if (e)
        return e;
    if (!(e = store_tx_begin(s, errmsg))) {
        e = attach(s, path, data, len, candidate, who, rd, resume, errmsg);
        e = store_tx_end(s, e, errmsg);
    }
    free(data);
    return e;
}

enum rb_err
candidate_from_file(struct store *s, const char *path, const struct candidate_new *c,
                    const struct audit_actor *who, const struct opening_reader *rd,
                    long long *candidate, long long *resume, char *errmsg)
{
    struct candidate_new n = *c;
    struct resume r;
    const char *format = NULL;
    char *data = NULL, *email = NULL, msg[RB_ERRMSG];
    size_t len = 0;
    bool parsed = false;
    enum rb_err e = read_file(path, &data, &len, errmsg);

    if (e)
        return e;
    if (resume_read(path, data, len, false, rd->sc, dates_today(), &r, &format, msg)) {
        snprintf(errmsg, RB_ERRMSG, "%.200s: not read as a resume: %.280s", path, msg);
        e = RB_EINVAL;
        goto out;
    }
    parsed = true;
    if (!n.name)
        n.name = r.name;
    if (!n.name || !*n.name) {
        snprintf(errmsg, RB_ERRMSG, "%.200s: no name found in the resume: give --name", path);
        e = RB_EINVAL;
        goto out;
    }
    if (!n.email && r.email)
        n.email = email = user_email_normal(r.email, msg); /* NULL when it is not one */
    if (!n.phone)
        n.phone = r.phone;
    if (!n.created_by && who) {
        n.created_by = who->account;
        n.created_by_label = who->label;
    }
    if (!(e = store_tx_begin(s, errmsg))) {
        e = store_candidate_add(s, &n, candidate, errmsg);
        e = e ? e : audit_append(s, who, "create", candidate, 1, "candidate", errmsg);
        e = e ? e : attach(s, path, data, len, *candidate, who, rd, resume, errmsg);
        e = store_tx_end(s, e, errmsg);
    }
out:
    if (parsed)
        resume_cleanup(&r);
    free(email);
    free(data);
    return e;
}
