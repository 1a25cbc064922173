/* SPDX-License-Identifier: MIT */
/* Openings: fields, stages, status, team and access (core/opening.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/candidate.h"
#include "core/job.h"
#include "core/opening.h"
#include "util/buf.h"
#include "util/jsonv.h"
#include "util/mem.h"

static const char *const statuses[] = {"draft", "open", "on-hold", "closed", "filled", NULL};
static const char *const remotes[] = {"onsite", "hybrid", "remote", NULL};

#define TEAM_RECRUITERS_MAX 20
#define TEAM_PANEL_MAX 50

static bool
one_of(const char *s, const char *const *set)
{
    for (size_t i = 0; s && set[i]; i++)
        if (strcmp(s, set[i]) == 0)
            return true;
    return false;
}

bool
opening_status_valid(const char *s)
{
    return one_of(s, statuses);
}

bool
opening_transition_ok(const char *from, const char *to)
{
    static const char *const allowed[][2] = {
        {"draft", "open"},  {"open", "on-hold"},   {"on-hold", "open"},   {"open", "closed"},
        {"open", "filled"}, {"on-hold", "closed"}, {"on-hold", "filled"}, {"closed", "open"},
    };
    for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
        if (strcmp(from, allowed[i][0]) == 0 && strcmp(to, allowed[i][1]) == 0)
            return true;
    return false;
}

json_t *
opening_default_stages(void)
{
    json_t *a = json_array();
    for (size_t i = 0; candidate_stage_nth(i); i++)
        json_array_append_new(a, json_pack("{s:s, s:s}", "name", candidate_stage_nth(i), "kind",
                                           candidate_stage_nth(i)));
    return a;
}

static bool
stage_name_ok(const char *s)
{
    size_t n = strlen(s);
    if (!n || n > 40 || *s == '-')
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
            return false;
    return true;
}

enum rb_err
opening_stages_check(const json_t *stages, char *errmsg)
{
    size_t i, j, n = json_array_size(stages);
    const json_t *v;
    bool final[3] = {false, false, false};

    if (!json_is_array(stages) || n < 3 || n > OPENING_STAGES_MAX) {
        snprintf(errmsg, RB_ERRMSG, "stages: a list of 3 to %d stages", OPENING_STAGES_MAX);
        return RB_EINVAL;
    }
    json_array_foreach(stages, i, v)
    {
        const char *name = json_string_value(json_object_get(v, "name"));
        const char *kind = json_string_value(json_object_get(v, "kind"));
        if (!json_is_object(v) || json_object_size(v) != 2 || !name || !kind) {
            snprintf(errmsg, RB_ERRMSG, "stages[%zu]: an object with a name and a kind", i);
            return RB_EINVAL;
        }
        if (!stage_name_ok(name)) {
            snprintf(errmsg, RB_ERRMSG,
                     "stages[%zu].name: lower-case letters, digits and hyphens, 1 to 40, not "
                     "starting with a hyphen",
                     i);
            return RB_EINVAL;
        }
        if (!candidate_stage_known(kind)) {
            snprintf(errmsg, RB_ERRMSG, "stages[%zu].kind: %s", i, CANDIDATE_STAGES);
            return RB_EINVAL;
        }
        for (j = 0; j < i; j++)
            if (strcmp(name, json_string_value(
                                 json_object_get(json_array_get(stages, j), "name"))) == 0) {
                snprintf(errmsg, RB_ERRMSG, "stages[%zu].name: '%s' is stages[%zu] already", i,
                         name, j);
                return RB_EINVAL;
            }
        if (i == 0 && strcmp(kind, "applied") != 0) {
            snprintf(errmsg, RB_ERRMSG,
                     "stages[0].kind: the first stage is where applications land: 'applied'");
            return RB_EINVAL;
        }
        final[0] = final[0] || strcmp(kind, "hired") == 0;
        final[1] = final[1] || strcmp(kind, "rejected") == 0;
        final[2] = final[2] || strcmp(kind, "withdrawn") == 0;
    }
    if (!final[0] || !final[1] || !final[2]) {
        snprintf(errmsg, RB_ERRMSG, "stages: at least one stage of kind '%s'",
                 !final[0]   ? "hired"
                 : !final[1] ? "rejected"
                             : "withdrawn");
        return RB_EINVAL;
    }
    return RB_OK;
}

const char *
opening_stage_kind(const json_t *opening, const char *stage)
{
    size_t i;
    const json_t *v;
    json_array_foreach(json_object_get(opening, "stages"), i, v)
    {
        if (stage && strcmp(json_string_value(json_object_get(v, "name")), stage) == 0)
            return json_string_value(json_object_get(v, "kind"));
    }
    return NULL;
}

const char *
opening_stage_of_kind(const json_t *opening, const char *kind)
{
    size_t i;
    const json_t *v;
    json_array_foreach(json_object_get(opening, "stages"), i, v)
    {
        if (kind && strcmp(json_string_value(json_object_get(v, "kind")), kind) == 0)
            return json_string_value(json_object_get(v, "name"));
    }
    return NULL;
}

static bool
in_ids(const json_t *ids, long long id)
{
    size_t i;
    const json_t *v;
    json_array_foreach(ids, i, v)
    {
        if (json_integer_value(v) == id)
            return true;
    }
    return false;
}

static bool
is_hiring_manager(const struct user *who, const json_t *opening)
{
    json_t *hm = json_object_get(json_object_get(opening, "team_ids"), "hiring_manager");
    return json_is_integer(hm) && json_integer_value(hm) == who->id;
}

bool
opening_may_see(const struct user *who, const json_t *opening)
{
    return !who || who->role == USER_ADMIN || who->role == USER_RECRUITER ||
           is_hiring_manager(who, opening);
}

bool
opening_may_change(const struct user *who, const json_t *opening)
{
    const json_t *rec;
    if (!who || who->role == USER_ADMIN)
        return true;
    if (who->role != USER_RECRUITER)
        return false;
    rec = json_object_get(json_object_get(opening, "team_ids"), "recruiters");
    return !json_array_size(rec) || in_ids(rec, who->id);
}

bool
opening_may_move(const struct user *who, const json_t *opening)
{
    return opening_may_change(who, opening) || is_hiring_manager(who, opening);
}

struct audit_actor
opening_actor(const struct user *who)
{
    struct audit_actor a = {0, NULL};
    if (who) {
        a.account = who->id;
        a.label = who->email;
    }
    return a;
}

char *
opening_job_text(const char *title, const char *description)
{
    struct buf b;
    buf_init(&b, (size_t)OPENING_DESCRIPTION_MAX + OPENING_TITLE_MAX + 16);
    buf_printf(&b, "# %s\n\n%s", title ? title : "", description ? description : "");
    return buf_take(&b);
}

void
opening_public_json(json_t *opening)
{
    json_object_del(opening, "team_ids");
}

/* An account for the team by email: *id; RB_EINVAL naming field when there is none, it is
 * disabled, a candidate's, or (recruiter) neither an admin's nor a recruiter's. */
static enum rb_err
team_member(struct store *s, const json_t *email, const char *field, bool recruiter, long long *id,
            char *errmsg)
{
    struct user u;
    char *norm, msg[RB_ERRMSG];
    enum rb_err e;

    if (!json_is_string(email)) {
        snprintf(errmsg, RB_ERRMSG, "%s: an account's email", field);
        return RB_EINVAL;
    }
    if (!(norm = user_email_normal(json_string_value(email), msg))) {
        snprintf(errmsg, RB_ERRMSG, "%s: %.400s", field, msg);
        return RB_EINVAL;
    }
    e = store_user_get(s, 0, norm, &u, NULL, msg);
    free(norm);
    if (e == RB_ENOTFOUND) {
        snprintf(errmsg, RB_ERRMSG, "%s: no account '%s' (see rubric user list)", field,
                 json_string_value(email));
        return RB_EINVAL;
    }
    if (e) {
        snprintf(errmsg, RB_ERRMSG, "%s", msg);
        return e;
    }
    *id = u.id;
    if (u.disabled || u.role == USER_CANDIDATE ||
        (recruiter && u.role != USER_ADMIN && u.role != USER_RECRUITER)) {
        snprintf(errmsg, RB_ERRMSG, "%s: %s %s", field, u.email,
                 u.disabled                 ? "is disabled"
                 : u.role == USER_CANDIDATE ? "is a candidate's account"
                                            : "is neither an admin nor a recruiter");
        e = RB_EINVAL;
    }
    user_cleanup(&u);
    return e;
}

static enum rb_err
team_list(struct store *s, const json_t *list, const char *name, size_t max, bool recruiter,
          long long **ids, size_t *n, char *errmsg)
{
    size_t i;
    const json_t *v;
    char field[48];
    enum rb_err e;

    *n = 0;
    if (!list || json_is_null(list))
        return RB_OK;
    if (!json_is_array(list) || json_array_size(list) > max) {
        snprintf(errmsg, RB_ERRMSG, "team.%s: a list of at most %zu emails", name, max);
        return RB_EINVAL;
    }
    *ids = xcalloc(json_array_size(list) + 1, sizeof **ids);
    json_array_foreach(list, i, v)
    {
        snprintf(field, sizeof field, "team.%s[%zu]", name, i);
        if ((e = team_member(s, v, field, recruiter, &(*ids)[*n], errmsg)))
            return e;
        (*n)++;
    }
    return RB_OK;
}

enum rb_err
opening_edits_check(json_t *edits, char *errmsg)
{
    static const char *const lists[] = {"must", "nice"};
    const json_t *v, *x;
    const char *k;
    size_t i;

    if (!edits || json_is_null(edits))
        return RB_OK;
    if (!json_is_object(edits)) {
        snprintf(errmsg, RB_ERRMSG,
                 "criteria_edits: an object with must, nice (lists of skills) and years");
        return RB_EINVAL;
    }
    json_object_foreach(edits, k, v)
    {
        if (strcmp(k, "must") != 0 && strcmp(k, "nice") != 0 && strcmp(k, "years") != 0) {
            snprintf(errmsg, RB_ERRMSG, "criteria_edits.%.40s: not a field (must, nice, years)", k);
            return RB_EINVAL;
        }
    }
    for (size_t l = 0; l < 2; l++) {
        v = json_object_get(edits, lists[l]);
        if (!v || json_is_null(v))
            continue;
        if (!json_is_array(v) || json_array_size(v) > 100) {
            snprintf(errmsg, RB_ERRMSG,
                     "criteria_edits.%s: a list of at most 100 skills (\"a|b\" for "
                     "alternatives)",
                     lists[l]);
            return RB_EINVAL;
        }
        json_array_foreach(v, i, x)
        {
            if (!json_is_string(x) || !json_string_length(x) || json_string_length(x) > 200) {
                snprintf(errmsg, RB_ERRMSG,
                         "criteria_edits.%s[%zu]: a skill's name (1 to 200 bytes), or "
                         "alternatives as \"a|b\"",
                         lists[l], i);
                return RB_EINVAL;
            }
        }
    }
    v = json_object_get(edits, "years");
    if (v && !json_is_null(v) &&
        (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 50)) {
        snprintf(errmsg, RB_ERRMSG, "criteria_edits.years: whole years from 0 to 50");
        return RB_EINVAL;
    }
    return RB_OK;
}

static bool
question_id_ok(const char *id)
{
    size_t n = strlen(id);
    if (!n || n > 32)
        return false;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
            return false;
    return true;
}

enum rb_err
opening_questions_check(json_t *questions, char *errmsg)
{
    static const char *const question_kinds[] = {"text", "choice", "file", NULL};
    static const char *const question_fields[] = {"id",       "label",   "kind",
                                                  "required", "choices", NULL};
    json_t *q, *v, *c;
    const char *k, *id, *kind;
    size_t i, j, m;

    if (!json_is_array(questions) || json_array_size(questions) > OPENING_QUESTIONS_MAX) {
        snprintf(errmsg, RB_ERRMSG, "questions: a list of at most %d questions",
                 OPENING_QUESTIONS_MAX);
        return RB_EINVAL;
    }
    json_array_foreach(questions, i, q)
    {
        if (!json_is_object(q)) {
            snprintf(errmsg, RB_ERRMSG, "questions[%zu]: an object with id, label and kind", i);
            return RB_EINVAL;
        }
        json_object_foreach(q, k, v)
        {
            if (!one_of(k, question_fields)) {
                snprintf(errmsg, RB_ERRMSG,
                         "questions[%zu].%.40s: not a field (id, label, kind, required, choices)",
                         i, k);
                return RB_EINVAL;
            }
        }
        id = json_string_value(json_object_get(q, "id"));
        kind = json_string_value(json_object_get(q, "kind"));
        if (!id || !question_id_ok(id)) {
            snprintf(errmsg, RB_ERRMSG,
                     "questions[%zu].id: 1 to 32 of a-z, 0-9 and '-' (such as \"portfolio\")", i);
            return RB_EINVAL;
        }
        for (j = 0; j < i; j++)
            if (strcmp(id, json_string_value(
                               json_object_get(json_array_get(questions, j), "id"))) == 0) {
                snprintf(errmsg, RB_ERRMSG, "questions[%zu].id: '%s' is questions[%zu]'s too", i,
                         id, j);
                return RB_EINVAL;
            }
        v = json_object_get(q, "label");
        if (!json_is_string(v) || !json_string_length(v) || json_string_length(v) > 300) {
            snprintf(errmsg, RB_ERRMSG, "questions[%zu].label: the question, 1 to 300 bytes", i);
            return RB_EINVAL;
        }
        if (!kind || !one_of(kind, question_kinds)) {
            snprintf(errmsg, RB_ERRMSG, "questions[%zu].kind: text, choice or file", i);
            return RB_EINVAL;
        }
        v = json_object_get(q, "required");
        if (v && !json_is_boolean(v)) {
            snprintf(errmsg, RB_ERRMSG, "questions[%zu].required: true or false", i);
            return RB_EINVAL;
        }
        v = json_object_get(q, "choices");
        if (strcmp(kind, "choice") != 0) {
            if (v) {
                snprintf(errmsg, RB_ERRMSG, "questions[%zu].choices: only a choice has them", i);
                return RB_EINVAL;
            }
            continue;
        }
        if (!json_is_array(v) || !json_array_size(v) || json_array_size(v) > OPENING_CHOICES_MAX) {
            snprintf(errmsg, RB_ERRMSG, "questions[%zu].choices: 1 to %d answers to choose from", i,
                     OPENING_CHOICES_MAX);
            return RB_EINVAL;
        }
        json_array_foreach(v, j, c)
        {
            if (!json_is_string(c) || !json_string_length(c) || json_string_length(c) > 100) {
                snprintf(errmsg, RB_ERRMSG, "questions[%zu].choices[%zu]: 1 to 100 bytes", i, j);
                return RB_EINVAL;
            }
            for (m = 0; m < j; m++)
                if (json_equal(c, json_array_get(v, m))) {
                    snprintf(errmsg, RB_ERRMSG, "questions[%zu].choices[%zu]: given twice", i, j);
                    return RB_EINVAL;
                }
        }
    }
    return RB_OK;
}

/* The strings of list (borrowed), NULL when it is absent or null. */
static const char **
edit_list(const json_t *list, size_t *n)
{
    const char **v;
    const json_t *x;
    size_t i;
    *n = 0;
    if (!json_is_array(list))
        return NULL;
    v = xcalloc(json_array_size(list) + 1, sizeof *v);
    json_array_foreach(list, i, x) v[(*n)++] = json_string_value(x);
    return v;
}

enum rb_err
opening_criteria_read(const char *title, const char *description, json_t *edits,
                      const struct opening_reader *rd, struct role *out, char *errmsg)
{
    const json_t *y = json_object_get(edits, "years");
    const char **must, **nice;
    size_t nmust, nnice;
    char *text;
    enum rb_err e;

    memset(out, 0, sizeof *out);
    if (!description || !*description || !rd || !rd->sc) {
        snprintf(errmsg, RB_ERRMSG, "description: none to read criteria from");
        return RB_ENOTFOUND;
    }
    if ((e = opening_edits_check(edits, errmsg)))
        return e;
    text = opening_job_text(title, description);
    e = job_from_text("description", text, strlen(text), rd->sc, rd->taxonomy, out, errmsg);
    free(text);
    if (e)
        return e;
    must = edit_list(json_object_get(edits, "must"), &nmust);
    nice = edit_list(json_object_get(edits, "nice"), &nnice);
    e = job_override(out, must, nmust, nice, nnice,
                     json_is_integer(y) ? (int)json_integer_value(y) : -1, rd->taxonomy,
                     "criteria_edits.must", "criteria_edits.nice", errmsg);
    free(must);
    free(nice);
    if (e)
        role_cleanup(out);
    return e;
}

/* Everything an opening row needs from a whole input object (OpeningCreate shape). */
struct parsed {
    struct opening_row row;
    long long *recruiters, *panel;
    char *stages, *criteria, *questions;
};

static void
parsed_cleanup(struct parsed *p)
{
    free(p->recruiters);
    free(p->panel);
    free(p->stages);
    free(p->criteria);
    free(p->questions);
}

static enum rb_err
parse_salary(const json_t *sal, struct opening_row *r, char *errmsg)
{
    const json_t *min = json_object_get(sal, "min"), *max = json_object_get(sal, "max");
    const char *cur = json_string_value(json_object_get(sal, "currency"));
    if (!sal || json_is_null(sal))
        return RB_OK;
    if (!json_is_object(sal) || json_object_size(sal) != 3 || !json_is_integer(min) ||
        !json_is_integer(max) || !cur) {
        snprintf(errmsg, RB_ERRMSG,
                 "salary: an object with min, max (whole numbers) and "
                 "currency");
        return RB_EINVAL;
    }
    if (json_integer_value(min) < 0 || json_integer_value(min) > json_integer_value(max)) {
        snprintf(errmsg, RB_ERRMSG, "salary.max: at least min, and min at least 0");
        return RB_EINVAL;
    }
    if (strlen(cur) != 3 || cur[0] < 'A' || cur[0] > 'Z' || cur[1] < 'A' || cur[1] > 'Z' ||
        cur[2] < 'A' || cur[2] > 'Z') {
        snprintf(errmsg, RB_ERRMSG, "salary.currency: an ISO 4217 code such as EUR or USD");
        return RB_EINVAL;
    }
    r->salary = true;
    r->salary_min = json_integer_value(min);
    r->salary_max = json_integer_value(max);
    r->currency = cur;
    return RB_OK;
}

static enum rb_err
parse_input(struct store *s, json_t *in, const struct opening_reader *rd, struct parsed *p,
            char *errmsg)
{
    static const struct field_spec spec[] = {
        {"title", F_STRING, true, OPENING_TITLE_MAX},
        {"role", F_STRING, false, 64},
        {"description", F_STRING, false, OPENING_DESCRIPTION_MAX},
        {"location", F_STRING, false, 200},
        {"remote", F_STRING, false, 16},
        {"salary", F_OBJECT, false, 0},
        {"headcount", F_INT, false, 1000},
        {"stages", F_ARRAY, false, OPENING_STAGES_MAX},
        {"team", F_OBJECT, false, 0},
        {"criteria_edits", F_OBJECT, false, 0},
        {"questions", F_ARRAY, false, OPENING_QUESTIONS_MAX},
        {0}};
    struct opening_row *r = &p->row;
    json_t *edits = json_object_get(in, "criteria_edits");
    json_t *team = json_object_get(in, "team");
    const json_t *st = json_object_get(in, "stages");
    const char *field;
    json_t *hm, *def = NULL;
    enum rb_err e;

    if ((e = http_check_body(in, spec, &field, errmsg)))
        return e;
    r->title = json_string_value(json_object_get(in, "title"));
    r->role = json_string_value(json_object_get(in, "role"));
    r->description = json_string_value(json_object_get(in, "description"));
    r->location = json_string_value(json_object_get(in, "location"));
    r->remote = json_string_value(json_object_get(in, "remote"));
    r->headcount = (int)json_integer_value(json_object_get(in, "headcount"));
    if (!*r->title) {
        snprintf(errmsg, RB_ERRMSG, "title: give the job's title");
        return RB_EINVAL;
    }
    if (json_object_get(in, "headcount") && !json_is_null(json_object_get(in, "headcount")) &&
        r->headcount < 1) {
        snprintf(errmsg, RB_ERRMSG, "headcount: 1 or more");
        return RB_EINVAL;
    }
    if (r->remote && !one_of(r->remote, remotes)) {
        snprintf(errmsg, RB_ERRMSG, "remote: onsite, hybrid or remote");
        return RB_EINVAL;
    }
    if (r->role) {
        struct role role;
        char msg[RB_ERRMSG];
        e = store_role_get(s, r->role, &role, msg);
        if (e == RB_ENOTFOUND) {
            snprintf(errmsg, RB_ERRMSG, "role: no role '%s' (see rubric role list)", r->role);
            return RB_EINVAL;
        }
        if (e) {
            snprintf(errmsg, RB_ERRMSG, "%s", msg);
            return e;
        }
        role_cleanup(&role);
    }
    if ((e = parse_salary(json_object_get(in, "salary"), r, errmsg)))
        return e;
    if (!st || json_is_null(st))
        st = def = opening_default_stages();
    if ((e = opening_stages_check(st, errmsg))) {
        json_decref(def);
        return e;
    }
    p->stages = json_dumps(st, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(def);
    r->stages = p->stages;
    if (team && !json_is_null(team)) {
        json_t *v;
        const char *k;
        json_object_foreach(team, k, v)
        {
            if (strcmp(k, "recruiters") != 0 && strcmp(k, "hiring_manager") != 0 &&
                strcmp(k, "panel") != 0) {
                snprintf(errmsg, RB_ERRMSG,
                         "team.%s: not a field (recruiters, hiring_manager, panel)", k);
                return RB_EINVAL;
            }
        }
        if ((e = team_list(s, json_object_get(team, "recruiters"), "recruiters",
                           TEAM_RECRUITERS_MAX, true, &p->recruiters, &r->nrecruiters, errmsg)) ||
            (e = team_list(s, json_object_get(team, "panel"), "panel", TEAM_PANEL_MAX, false,
                           &p->panel, &r->npanel, errmsg)))
            return e;
        r->recruiters = p->recruiters;
        r->panel = p->panel;
        hm = json_object_get(team, "hiring_manager");
        if (hm && !json_is_null(hm) &&
            (e = team_member(s, hm, "team.hiring_manager", false, &r->hiring_manager, errmsg)))
            return e;
    }
    if ((e = opening_edits_check(edits, errmsg)))
        return e;
    {
        json_t *qs = json_object_get(in, "questions");
        /* null: no questions of its own; left out: as they were */
        if (json_is_null(qs)) {
            p->questions = xstrdup("[]");
        } else if (qs) {
            if ((e = opening_questions_check(qs, errmsg)))
                return e;
            p->questions = json_dumps(qs, JSON_COMPACT | JSON_PRESERVE_ORDER);
        }
        r->questions = p->questions;
    }
    if (edits && !json_is_null(edits) && (!r->description || !*r->description)) {
        snprintf(errmsg, RB_ERRMSG,
                 "criteria_edits: give a description first; edits change what is read from it");
        return RB_EINVAL;
    }
    if (r->description && *r->description && rd && rd->sc) {
        struct role jr;
        char msg[RB_ERRMSG];
        enum rb_err je = opening_criteria_read(r->title, r->description, edits, rd, &jr, msg);
        if (je == RB_EINVAL) {
            snprintf(errmsg, RB_ERRMSG, "%s", msg);
            return je;
        }
        if (!je) {
            json_t *c = job_criteria_json(&jr);
            /* kept with what they made, so that a new description is read with them again */
            if (edits && !json_is_null(edits) && json_object_size(edits))
                json_object_set_new(c, "edits", json_deep_copy(edits));
            p->criteria = json_dumps(c, JSON_COMPACT | JSON_PRESERVE_ORDER);
            json_decref(c);
            role_cleanup(&jr);
        }
    }
    r->criteria = p->criteria;
    return RB_OK;
}

enum rb_err
opening_create(struct store *s, json_t *in, const struct opening_reader *rd, const struct user *who,
               long long *id, char *errmsg)
{
    struct parsed p = {0};
    struct audit_actor a = opening_actor(who);
    enum rb_err e;

    if (who && who->role != USER_ADMIN && who->role != USER_RECRUITER) {
        snprintf(errmsg, RB_ERRMSG, "only admins and recruiters add openings");
        return RB_EDENIED;
    }
    if (!json_is_object(in)) {
        snprintf(errmsg, RB_ERRMSG, "an opening is a JSON object");
        return RB_EINVAL;
    }
    if (!(e = parse_input(s, in, rd, &p, errmsg)))
        e = store_opening_save(s, &p.row, &a, id, errmsg);
    parsed_cleanup(&p);
    return e;
}

enum rb_err
opening_read(struct store *s, long long id, const struct user *who, json_t **out, char *errmsg)
{
    enum rb_err e = store_opening_get(s, id, out, errmsg);
    if (e)
        return e;
    if (!opening_may_see(who, *out)) {
        json_decref(*out);
        *out = NULL;
        snprintf(errmsg, RB_ERRMSG,
                 "opening %lld: only admins, recruiters and its hiring manager see it", id);
        return RB_EDENIED;
    }
    return RB_OK;
}

/* The stored opening as input (OpeningCreate shape): new reference. */
static json_t *
as_input(const json_t *o)
{
    json_t *in = json_object(), *team = json_object_get(o, "team");
    static const char *const keep[] = {"title",  "role",   "description", "location",
                                       "remote", "salary", "headcount",   "stages"};
    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++)
        json_object_set(in, keep[i], json_object_get(o, keep[i]));
    json_object_set_new(in, "team", json_deep_copy(team));
    json_object_set(in, "criteria_edits", json_object_get(json_object_get(o, "criteria"), "edits"));
    json_object_set(in, "questions", json_object_get(o, "questions"));
    return in;
}

enum rb_err
opening_update(struct store *s, long long id, json_t *patch, const struct opening_reader *rd,
               const struct user *who, char *errmsg)
{
    json_t *o = NULL, *in = NULL, *v;
    const char *k;
    struct parsed p = {0};
    struct audit_actor a = opening_actor(who);
    long long got;
    enum rb_err e;

    if (!json_is_object(patch) || !json_object_size(patch)) {
        snprintf(errmsg, RB_ERRMSG, "give at least one field to change");
        return RB_EINVAL;
    }
    if ((e = opening_read(s, id, who, &o, errmsg)))
        return e;
    if (!opening_may_change(who, o)) {
        snprintf(errmsg, RB_ERRMSG, "opening %lld: only admins and its recruiters change it", id);
        e = RB_EDENIED;
        goto out;
    }
    in = as_input(o);
    json_object_foreach(patch, k, v)
    {
        /* null clears what may be empty, and leaves the rest as it is */
        if (json_is_null(v) && (strcmp(k, "headcount") == 0 || strcmp(k, "stages") == 0 ||
                                strcmp(k, "team") == 0 || strcmp(k, "title") == 0))
            continue;
        /* no description, no criteria: edits of none are dropped with it */
        if (strcmp(k, "description") == 0 && (json_is_null(v) || !json_string_length(v)))
            json_object_del(in, "criteria_edits");
        json_object_set(in, k, v);
    }
    if (!(e = parse_input(s, in, rd, &p, errmsg))) {
        p.row.id = id;
        e = store_opening_save(s, &p.row, &a, &got, errmsg);
    }
out:
    parsed_cleanup(&p);
    json_decref(in);
    json_decref(o);
    return e;
}

enum rb_err
opening_set_status(struct store *s, long long id, const char *to, const char *reason,
                   const struct user *who, char *errmsg)
{
    json_t *o = NULL;
    const char *from;
    struct audit_actor a = opening_actor(who);
    enum rb_err e;

    if (!opening_status_valid(to)) {
        snprintf(errmsg, RB_ERRMSG, "status: %s", OPENING_STATUSES);
        return RB_EINVAL;
    }
    if ((e = opening_read(s, id, who, &o, errmsg)))
        return e;
    from = json_string_value(json_object_get(o, "status"));
    if (!opening_may_change(who, o)) {
        snprintf(errmsg, RB_ERRMSG, "opening %lld: only admins and its recruiters change it", id);
        e = RB_EDENIED;
    } else if (!opening_transition_ok(from, to)) {
        snprintf(errmsg, RB_ERRMSG,
                 "status: opening %lld is '%s', which cannot become '%s' (draft -> open; open "
                 "<-> on-hold; open or on-hold -> closed or filled; closed -> open)",
                 id, from, to);
        e = RB_ECONFLICT;
    } else {
        e = store_opening_status(s, id, from, to, &a, reason, errmsg);
    }
    json_decref(o);
    return e;
}
