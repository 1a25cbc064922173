/* SPDX-License-Identifier: MIT */
/* Applications: creating, reading, moving, and the careers page's intake
 * (core/application.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/application.h"
#include "core/job.h"
#include "core/notify.h"
#include "util/buf.h"
#include "util/jsonv.h"
#include "util/mem.h"
#include "util/text.h"

static const char *const sources[] = {"careers", "upload", "referral", "screening", "manual", NULL};

static bool
source_ok(const char *s)
{
    for (size_t i = 0; sources[i]; i++)
        if (strcmp(s, sources[i]) == 0)
            return true;
    return false;
}

/* The opening when who may change or move (move) its applications: *o new. */
static enum rb_err
opening_for(struct store *s, long long id, const struct user *who, bool move, json_t **o,
            char *errmsg)
{
    enum rb_err e = opening_read(s, id, who, o, errmsg);
    if (e)
        return e;
    if (move ? !opening_may_move(who, *o) : !opening_may_change(who, *o)) {
        snprintf(errmsg, RB_ERRMSG,
                 move ? "opening %lld: only admins, its recruiters and its hiring manager move "
                        "its applications"
                      : "opening %lld: only admins and its recruiters add applications to it",
                 id);
        json_decref(*o);
        *o = NULL;
        return RB_EDENIED;
    }
    return RB_OK;
}

enum rb_err
application_create(struct store *s, long long opening, json_t *in, const struct user *who,
                   long long *id, char *errmsg)
{
    static const struct field_spec spec[] = {{"candidate", F_INT, false, 0},
                                             {"name", F_STRING, false, 200},
                                             {"email", F_STRING, false, 254},
                                             {"phone", F_STRING, false, 40},
                                             {"source", F_STRING, false, 16},
                                             {"screening", F_INT, false, 0},
                                             {"resume", F_INT, false, 0},
                                             {"reason", F_STRING, false, 1000},
                                             {0}};
    struct application_new a = {0};
    struct candidate_new person = {0};
    struct audit_actor actor = opening_actor(who);
    json_t *o = NULL;
    const char *field, *email_in;
    char *email = NULL, msg[RB_ERRMSG];
    long long cand;
    enum rb_err e;

    if (!json_is_object(in)) {
        snprintf(errmsg, RB_ERRMSG, "an application is a JSON object");
        return RB_EINVAL;
    }
    if ((e = http_check_body(in, spec, &field, errmsg)))
        return e;
    if ((e = opening_for(s, opening, who, false, &o, errmsg)))
        return e;
    a.opening = opening;
    a.candidate = json_integer_value(json_object_get(in, "candidate"));
    a.screening = json_integer_value(json_object_get(in, "screening"));
    a.resume = json_integer_value(json_object_get(in, "resume"));
    a.reason = json_string_value(json_object_get(in, "reason"));
    a.source = json_string_value(json_object_get(in, "source"));
    person.name = json_string_value(json_object_get(in, "name"));
    person.phone = json_string_value(json_object_get(in, "phone"));
    email_in = json_string_value(json_object_get(in, "email"));
    if (a.source && !source_ok(a.source)) {
        snprintf(errmsg, RB_ERRMSG, "source: %s", APPLICATION_SOURCES);
        e = RB_EINVAL;
        goto out;
    }
    if (!a.source)
        a.source = a.screening ? "screening" : "manual";
    if (!a.screening != !a.resume) {
        snprintf(errmsg, RB_ERRMSG, "%s: give screening and resume together",
                 a.screening ? "resume" : "screening");
        e = RB_EINVAL;
        goto out;
    }
    if (a.candidate && (person.name || email_in || person.phone || a.screening)) {
        snprintf(errmsg, RB_ERRMSG,
                 "candidate: give an existing candidate, or a new one's name, email and phone "
                 "(or a screening's resume), not both");
        e = RB_EINVAL;
        goto out;
    }
    if (!a.candidate && !a.screening && (!person.name || !*person.name)) {
        snprintf(errmsg, RB_ERRMSG, "name: give the candidate's name (or an existing candidate)");
        e = RB_EINVAL;
        goto out;
    }
    if (email_in && !(email = user_email_normal(email_in, msg))) {
        snprintf(errmsg, RB_ERRMSG, "email: %.400s", msg);
        e = RB_EINVAL;
        goto out;
    }
    person.email = email;
    person.role = json_string_value(json_object_get(o, "role"));
    person.screening = a.screening;
    person.resume = a.resume;
    person.created_by = actor.account;
    person.created_by_label = actor.label;
    if (!a.candidate && a.resume) {
        /* a screened resume that is someone's already: their application, not a new person */
        json_t *r = NULL;
        if (!store_resume_row(s, a.resume, &r, msg) &&
            json_is_integer(json_object_get(r, "candidate")))
            a.candidate = json_integer_value(json_object_get(r, "candidate"));
        json_decref(r);
    }
    if (!a.candidate)
        a.person = &person;
    a.stage =
        json_string_value(json_object_get(json_array_get(json_object_get(o, "stages"), 0), "name"));
    a.kind = "applied";
    e = store_application_add(s, &a, &actor, id, &cand, errmsg);
out:
    free(email);
    json_decref(o);
    return e;
}

enum rb_err
application_candidate_create(struct store *s, const json_t *in, const struct user *who,
                             long long *candidate, char *errmsg)
{
    static const char *const pass[] = {"name", "email", "phone", "screening", "resume"};
    const json_t *opening = json_object_get(in, "opening");
    json_t *body = json_object(), *a = NULL, *v;
    long long app = 0;
    enum rb_err e;

    *candidate = 0;
    if (!json_is_integer(opening) || json_integer_value(opening) < 1) {
        snprintf(errmsg, RB_ERRMSG, "opening: an opening's id");
        e = RB_EINVAL;
        goto out;
    }
    if ((v = json_object_get(in, "role")) && !json_is_null(v)) {
        snprintf(errmsg, RB_ERRMSG,
                 "role: leave it out with an opening, whose role becomes the candidate's");
        e = RB_EINVAL;
        goto out;
    }
    for (size_t i = 0; i < sizeof pass / sizeof pass[0]; i++)
        if ((v = json_object_get(in, pass[i])) && !json_is_null(v))
            json_object_set(body, pass[i], v);
    if ((e = application_create(s, json_integer_value(opening), body, who, &app, errmsg)) ||
        (e = store_application_get(s, app, &a, errmsg)))
        goto out;
    *candidate = json_integer_value(json_object_get(a, "candidate"));
out:
    json_decref(a);
    json_decref(body);
    return e;
}

enum rb_err
application_read(struct store *s, long long id, const struct user *who, json_t **out, char *errmsg)
{
    json_t *o = NULL;
    enum rb_err e = store_application_get(s, id, out, errmsg);
    if (e)
        return e;
    e = opening_read(s, json_integer_value(json_object_get(*out, "opening")), who, &o, errmsg);
    json_decref(o);
    if (e) {
        json_decref(*out);
        *out = NULL;
        if (e == RB_EDENIED)
            snprintf(errmsg, RB_ERRMSG,
                     "application %lld: only admins, recruiters and its opening's hiring "
                     "manager see it",
                     id);
    }
    return e;
}

/* "applied, screened, ..." of the opening's stage names, for messages. */
static void
stage_names(const json_t *o, char *out, size_t size)
{
    size_t i, n = 0;
    const json_t *v;
    out[0] = 0;
    json_array_foreach(json_object_get(o, "stages"), i, v)
    {
        int w = snprintf(out + n, size - n, "%s%s", i ? ", " : "",
                         json_string_value(json_object_get(v, "name")));
        if (w < 0 || (size_t)w >= size - n)
            break;
        n += (size_t)w;
    }
}

/* A person confirms every rejection, and says why (the EU AI Act's human oversight; the
 * candidate-facing notice promises it): a move to a stage of kind rejected needs a reason,
 * which the history and the audit log keep with who made it. */
static enum rb_err
rejection_reason(const char *kind, const char *reason, char *errmsg)
{
    const char *p = reason;
    while (p && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    if (kind && strcmp(kind, "rejected") == 0 && (!p || !*p)) {
        snprintf(errmsg, RB_ERRMSG,
                 "reason: a rejection needs a reason, kept with who made it (the person who "
                 "rejects says why; Rubric never rejects anyone by itself)");
        return RB_EINVAL;
    }
    return RB_OK;
}

enum rb_err
application_move(struct store *s, long long id, const char *stage, const char *reason,
                 const struct user *who, char *errmsg)
{
    json_t *a = NULL, *o = NULL;
    struct audit_actor actor = opening_actor(who);
    const char *kind;
    char names[300];
    enum rb_err e;

    if ((e = store_application_get(s, id, &a, errmsg)))
        return e;
    if ((e = opening_for(s, json_integer_value(json_object_get(a, "opening")), who, true, &o,
                         errmsg)))
        goto out;
    if (!(kind = opening_stage_kind(o, stage))) {
        stage_names(o, names, sizeof names);
        snprintf(errmsg, RB_ERRMSG, "stage: '%s' is not a stage of opening %lld (%s)",
                 stage ? stage : "", json_integer_value(json_object_get(o, "id")), names);
        e = RB_EINVAL;
        goto out;
    }
    if ((e = rejection_reason(kind, reason, errmsg)))
        goto out;
    e = store_application_move(s, id, stage, kind, &actor, reason && *reason ? reason : NULL,
                               errmsg);
out:
    json_decref(a);
    json_decref(o);
    return e;
}

enum rb_err
application_candidate_stage(struct store *s, long long candidate, const char *stage,
                            const char *reason, const struct user *who, char *errmsg)
{
    struct application_filter f = {0};
    json_t *items = NULL, *o = NULL;
    size_t total = 0;
    const char *to;
    long long app, opening;
    enum rb_err e;

    f.candidate = candidate;
    if ((e = rejection_reason(stage, reason, errmsg)))
        return e;
    if ((e = store_application_list(s, &f, 10, 0, &items, &total, NULL, errmsg)))
        goto out;
    if (total == 0) {
        e = store_candidate_stage(s, candidate, stage, who ? who->id : 0, who ? who->email : NULL,
                                  reason, errmsg);
        goto out;
    }
    if (total > 1) {
        struct buf b;
        size_t i;
        json_t *v;
        buf_init(&b, RB_ERRMSG);
        buf_printf(&b, "candidate %lld holds %zu applications (", candidate, total);
        json_array_foreach(items, i, v)
        {
            buf_printf(&b, "%s%lld to '%s'", i ? ", " : "",
                       (long long)json_integer_value(json_object_get(v, "id")),
                       json_string_value(json_object_get(v, "opening_title")));
        }
        buf_printf(&b, "); move one of them: rubric application move ID STAGE");
        snprintf(errmsg, RB_ERRMSG, "%s", buf_str(&b));
        buf_cleanup(&b);
        e = RB_ECONFLICT;
        goto out;
    }
    app = json_integer_value(json_object_get(json_array_get(items, 0), "id"));
    opening = json_integer_value(json_object_get(json_array_get(items, 0), "opening"));
    if ((e = store_opening_get(s, opening, &o, errmsg)))
        goto out;
    to = opening_stage_kind(o, stage) ? stage : opening_stage_of_kind(o, stage);
    if (!to) {
        snprintf(errmsg, RB_ERRMSG, "stage: application %lld's opening has no stage of kind '%s'",
                 app, stage);
        e = RB_EINVAL;
        goto out;
    }
    e = application_move(s, app, to, reason, who, errmsg);
    if (e == RB_ECONFLICT)
        snprintf(errmsg, RB_ERRMSG, "stage: candidate %lld is already at '%s'", candidate, stage);
out:
    json_decref(items);
    json_decref(o);
    return e;
}

/* Queues the screening of resume against the opening's criteria (its description read
 * again, else its role): *screening, 0 when it has neither. */
static enum rb_err
screen_for(struct store *s, const json_t *o, long long resume, const struct opening_reader *rd,
           long long *screening, char *errmsg)
{
    const char *desc = json_string_value(json_object_get(o, "description"));
    const char *role_id = json_string_value(json_object_get(o, "role"));
    struct role role;
    char *criteria;
    json_t *cj;
    enum rb_err e = RB_ENOTFOUND;

    *screening = 0;
    if (desc && *desc && json_is_object(json_object_get(o, "criteria")))
        e = opening_criteria_read(json_string_value(json_object_get(o, "title")), desc,
                                  json_object_get(json_object_get(o, "criteria"), "edits"), rd,
                                  &role, errmsg);
    if (e && role_id)
        e = store_role_get(s, role_id, &role, errmsg);
    if (e)
        return e == RB_ENOTFOUND || e == RB_EINVAL ? RB_OK : e;
    cj = role_to_json(&role);
    criteria = json_dumps(cj, JSON_COMPACT);
    json_decref(cj);
    e = store_screening_create(s, role.id, criteria, false, &resume, 1, 0, screening, errmsg);
    free(criteria);
    role_cleanup(&role);
    return e;
}

static bool
blank(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    return !text_trim(s ? s : "", &n) || !n;
}

/* The answers of f to the opening's questions, checked into fe->questions (the first field
 * at fault into *first): *out new, with text and choices as given and files left to keep. */
static json_t *
answers_read(const json_t *questions, const struct apply_form *f, struct apply_errors *fe,
             const char **first)
{
    json_t *out = json_object(), *q, *c;
    size_t i, j;

    json_array_foreach(questions, i, q)
    {
        const char *id = json_string_value(json_object_get(q, "id"));
        const char *kind = json_string_value(json_object_get(q, "kind"));
        bool required = json_is_true(json_object_get(q, "required")), found = false;
        char name[40], *msg;
        const char *v = NULL, *fname;
        const void *data;
        size_t len = 0;

        if (i >= OPENING_QUESTIONS_MAX)
            break;
        msg = fe->questions[i];
        snprintf(name, sizeof name, "q-%s", id);
        if (strcmp(kind, "file") == 0) {
            if (!f->file || !f->file(f->ctx, name, &fname, &data, &len))
                len = 0;
            if (!len && required)
                snprintf(msg, sizeof fe->questions[i], "Attach a file to answer this.");
        } else {
            v = f->field ? f->field(f->ctx, name) : NULL;
            if (!v || blank(v)) {
                v = NULL;
                if (required)
                    snprintf(msg, sizeof fe->questions[i], "Answer this question.");
            } else if (strlen(v) > APPLY_ANSWER_MAX) {
                snprintf(msg, sizeof fe->questions[i], "At most %d characters.", APPLY_ANSWER_MAX);
            } else if (strcmp(kind, "choice") == 0) {
                json_array_foreach(json_object_get(q, "choices"), j, c)
                {
                    found = found || strcmp(json_string_value(c), v) == 0;
                }
                if (!found)
                    snprintf(msg, sizeof fe->questions[i], "Choose one of the answers given.");
            }
            if (v && !*msg)
                json_object_set_new(out, id, json_string(v));
        }
        if (*msg && !*first)
            *first = id;
    }
    return out;
}

/* Keeps f's files for the opening's file questions as resume rows of candidate, each named
 * in answers by its id. */
static enum rb_err
answers_keep_files(struct store *s, const json_t *questions, const struct apply_form *f,
                   const struct apply_env *env, long long candidate, json_t *answers, char *errmsg)
{
    json_t *q;
    size_t i;
    enum rb_err e = RB_OK;

    json_array_foreach(questions, i, q)
    {
        const char *id = json_string_value(json_object_get(q, "id"));
        const char *fname;
        const void *data;
        size_t len = 0;
        char name[40];
        struct intake_result kept;

        snprintf(name, sizeof name, "q-%s", id);
        if (strcmp(json_string_value(json_object_get(q, "kind")), "file") != 0 || !f->file ||
            !f->file(f->ctx, name, &fname, &data, &len) || !len)
            continue;
        if ((e = intake_upload(s, env->uploads, fname, data, len, candidate, 0, env->reader, &kept,
                               errmsg)))
            return e;
        json_object_set_new(
            answers, id,
            json_pack("{s:I, s:s}", "file", (json_int_t)kept.resume, "filename", kept.filename));
    }
    return e;
}

enum rb_err
application_apply(struct store *s, long long id, const struct apply_form *f,
                  const struct apply_env *env, struct apply_errors *fe, long long *app,
                  char *errmsg)
{
    json_t *o = NULL;
    struct audit_actor actor = {0, "careers page"};
    struct application_new a = {0};
    struct candidate_new person = {0};
    char *email = NULL, msg[RB_ERRMSG];
    struct intake_result kept;
    json_t *answers = NULL;
    const char *first_q = NULL;
    long long count = 0, oldest = 0, resume = 0, screening = 0, cand = 0;
    bool reserved = false;
    enum rb_err e;

    memset(fe, 0, sizeof *fe);
    *app = 0;
    if ((e = store_opening_get(s, id, &o, errmsg)))
        return e;
    if (strcmp(json_string_value(json_object_get(o, "status")), "open") != 0) {
        snprintf(errmsg, RB_ERRMSG, "opening %lld is not open for applications", id);
        e = RB_ENOTFOUND;
        goto out;
    }
    /* reserved before the form is read (and given back when it is refused), so that
     * applications sent at once, to any of the store's servers, cannot overrun the limit */
    if ((e = store_apply_reserve(s, f->address_key, f->now, APPLY_WINDOW, env->per_hour, &reserved,
                                 &count, &oldest, errmsg)))
        goto out;
    if (!reserved) {
        /* the oldest attempt counted leaves the window first, and with it a place */
        fe->retry_after = oldest + APPLY_WINDOW - f->now;
        if (fe->retry_after < 1)
            fe->retry_after = 1;
        snprintf(errmsg, RB_ERRMSG,
                 "too many applications from this address in the last hour: nothing was kept; "
                 "send it again later");
        e = RB_ERATE;
        goto out;
    }
    if (f->honeypot && *f->honeypot)
        goto out; /* a form a person would not fill: answered as if taken, and counted */
    if (blank(f->name))
        snprintf(fe->name, sizeof fe->name, "Give your name.");
    else if (strlen(f->name) > 200)
        snprintf(fe->name, sizeof fe->name, "At most 200 characters.");
    if (blank(f->email) || !(email = user_email_normal(f->email, msg)))
        snprintf(fe->email, sizeof fe->email, "Give an email address such as name@example.org.");
    if (!f->consent || strcmp(f->consent, "yes") != 0)
        snprintf(fe->consent, sizeof fe->consent,
                 "We can only consider your application with your consent.");
    if (!f->resume_len)
        snprintf(fe->resume, sizeof fe->resume,
                 "Attach your resume (PDF, DOCX, HTML, Markdown, text or JSON Resume).");
    answers = answers_read(json_object_get(o, "questions"), f, fe, &first_q);
    if (*fe->name || *fe->email || *fe->consent || *fe->resume) {
        snprintf(errmsg, RB_ERRMSG, "%s: %s",
                 *fe->name      ? "name"
                 : *fe->email   ? "email"
                 : *fe->consent ? "consent"
                                : "resume",
                 *fe->name      ? fe->name
                 : *fe->email   ? fe->email
                 : *fe->consent ? fe->consent
                                : fe->resume);
        e = RB_EINVAL;
        goto out;
    }
    if (first_q) {
        size_t i;
        json_t *q;
        json_array_foreach(json_object_get(o, "questions"), i, q)
        {
            if (strcmp(json_string_value(json_object_get(q, "id")), first_q) == 0) {
                snprintf(errmsg, RB_ERRMSG, "q-%s: %s", first_q, fe->questions[i]);
                break;
            }
        }
        e = RB_EINVAL;
        goto out;
    }
    if ((e = intake_upload(s, env->uploads, f->filename, f->resume, f->resume_len, 0, 0,
                           env->reader, &kept, errmsg)))
        goto out;
    resume = kept.resume;
    e = store_application_by_email(s, id, email, app, &cand, msg);
    if (e == RB_ENOTFOUND) {
        person.name = f->name;
        person.email = email;
        person.phone = f->phone && *f->phone ? f->phone : NULL;
        person.role = json_string_value(json_object_get(o, "role"));
        person.created_by_label = actor.label;
        a.opening = id;
        a.person = &person;
        a.stage = json_string_value(
            json_object_get(json_array_get(json_object_get(o, "stages"), 0), "name"));
        a.kind = "applied";
        a.source = "careers";
        a.resume = resume;
        a.reason = "applied on the careers page";
        /* the confirmation is queued with the application, or neither is kept */
        if (!(e = store_tx_begin(s, errmsg))) {
            e = store_application_add(s, &a, &actor, app, &cand, errmsg);
            e = e ? e
                  : notify_applied(s, cand, email, f->name,
                                   json_string_value(json_object_get(o, "title")), f->now, errmsg);
            e = store_tx_end(s, e, errmsg);
        }
    } else if (e) {
        snprintf(errmsg, RB_ERRMSG, "%s", msg);
    }
    if (e)
        goto out;
    if ((e = screen_for(s, o, resume, env->reader, &screening, errmsg)) ||
        (e = store_application_resume(s, *app, resume, screening, errmsg)))
        goto out;
    if (json_array_size(json_object_get(o, "questions"))) {
        char *dump;
        if ((e = answers_keep_files(s, json_object_get(o, "questions"), f, env, cand, answers,
                                    errmsg)))
            goto out;
        dump = json_dumps(answers, JSON_COMPACT | JSON_SORT_KEYS);
        e = store_application_answers(s, *app, dump, errmsg);
        free(dump);
        if (e)
            goto out;
    }
out:
    if (e && reserved) {
        /* not taken, so not counted: the form's errors are shown and it is sent again (when
         * the release fails, the attempt counts against the limit: the safe side) */
        char rmsg[RB_ERRMSG];
        (void)store_apply_release(s, f->address_key, f->now, rmsg);
    }
    json_decref(answers);
    free(email);
    json_decref(o);
    return e;
}

enum rb_err
application_upload(struct store *s, const char *uploads, const char *filename, const void *data,
                   size_t len, long long candidate, long long opening, const struct user *who,
                   const struct opening_reader *rd, struct intake_result *out, char *errmsg)
{
    struct application_filter f = {0};
    json_t *o = NULL, *row = NULL, *in = NULL, *items = NULL;
    const json_t *parsed;
    long long app = 0, screening = 0;
    size_t total = 0;
    enum rb_err e;

    if (opening && (e = opening_for(s, opening, who, false, &o, errmsg)))
        return e;
    if ((e = intake_upload(s, uploads, filename, data, len, candidate, who ? who->id : 0, rd, out,
                           errmsg)) ||
        !opening)
        goto out;
    f.opening = opening;
    f.candidate = candidate;
    if (candidate && (e = store_application_list(s, &f, 1, 0, &items, &total, NULL, errmsg)))
        goto out;
    if (total) {
        /* their application exists: the new resume is theirs, the application as it was */
        goto out;
    }
    if (candidate) {
        in = json_pack("{s:I, s:s}", "candidate", (json_int_t)candidate, "source", "upload");
    } else {
        /* a new person, as the resume names them (else by the file's name, to be corrected) */
        if ((e = store_resume_row(s, out->resume, &row, errmsg)))
            goto out;
        parsed = json_object_get(row, "parsed");
        in = json_pack("{s:s, s:s}", "source", "upload", "name",
                       json_string_length(json_object_get(parsed, "name"))
                           ? json_string_value(json_object_get(parsed, "name"))
                           : out->filename);
        if (json_is_string(json_object_get(parsed, "email")))
            json_object_set(in, "email", json_object_get(parsed, "email"));
    }
    if ((e = application_create(s, opening, in, who, &app, errmsg)) ||
        (e = screen_for(s, o, out->resume, rd, &screening, errmsg)) ||
        (e = store_application_resume(s, app, out->resume, screening, errmsg)))
        goto out;
out:
    json_decref(items);
    json_decref(in);
    json_decref(row);
    json_decref(o);
    return e;
}
