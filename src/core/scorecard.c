/* SPDX-License-Identifier: MIT */
/*
 * Scorecards (core/scorecard.h): the blank form, the checks, amendments and visibility.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/notify.h"
#include "core/scorecard.h"
#include "util/mem.h"

#define KIT_QUESTIONS_MAX 64
#define COMPS_MAX 64

static const char *const RECS[] = {"strong-no", "no", "yes", "strong-yes"};

/* Fields of the template or of store_scorecards' JSON that a filled scorecard may carry
 * back: shown, never read. */
static const char *const INFO_TOP[] = {
    "interview",   "candidate",      "stage",           "role",         "scale",      "id",
    "interviewer", "interviewer_id", "candidate_stage", "submitted_at", "amendments", "original",
    NULL};
static const char *const RATING_KEYS[] = {"question", "competency", "rating", "notes",
                                          "title",    "minutes",    "grades", NULL};
static const char *const COMP_KEYS[] = {"competency", "rating",  "override_reason", "derived",
                                        "weight",     "anchors", "questions",       NULL};

static bool
among(const char *s, const char *const *v)
{
    for (; *v; v++)
        if (strcmp(s, *v) == 0)
            return true;
    return false;
}

static enum rb_err bad(char *errmsg, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static enum rb_err
bad(char *errmsg, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(errmsg, RB_ERRMSG, fmt, ap);
    va_end(ap);
    return RB_EINVAL;
}

/* The kit's questions: id and first competency, in kit order. */
struct kit_q {
    const char *id, *competency, *title;
    long long minutes;
    json_t *points; /* borrowed: the question's points as frozen in the kit */
};

/* The question's own grades from its frozen points, {"1": text, ...}; null when it has
 * none (a kit made before questions had grades). New reference. */
static json_t *
grades_of(json_t *points)
{
    json_t *o = json_object(), *p;
    size_t i, n = 0;
    json_array_foreach(points, i, p)
    {
        const char *kind = json_string_value(json_object_get(p, "kind"));
        json_int_t g = json_integer_value(json_object_get(p, "grade"));
        char key[2] = {(char)('0' + g), 0};
        if (!kind || strcmp(kind, "grade") != 0 || g < 1 || g > 4)
            continue;
        json_object_set(o, key, json_object_get(p, "text"));
        n++;
    }
    if (!n) {
        json_decref(o);
        return json_null();
    }
    for (int g = 1; g <= 4; g++) {
        char key[2] = {(char)('0' + g), 0};
        if (!json_object_get(o, key))
            json_object_set_new(o, key, json_null());
    }
    return o;
}

static size_t
kit_questions(json_t *interview, struct kit_q *v, size_t max)
{
    json_t *q;
    size_t i, n = 0;
    json_array_foreach(json_object_get(json_object_get(interview, "kit"), "questions"), i, q)
    {
        const char *id = json_string_value(json_object_get(q, "id"));
        const char *comp = json_string_value(json_array_get(json_object_get(q, "competencies"), 0));
        if (!id || !comp || n == max)
            continue;
        v[n].id = id;
        v[n].competency = comp;
        v[n].title = json_string_value(json_object_get(q, "title"));
        v[n].minutes = json_integer_value(json_object_get(q, "minutes"));
        v[n].points = json_object_get(q, "points");
        n++;
    }
    return n;
}

/* The competencies a scorecard rates: the role's in its order, then any other of the
 * kit's. */
static size_t
competencies(const struct kit_q *qs, size_t nq, const struct role *role, const char **v)
{
    size_t n = 0;
    for (size_t i = 0; role && i < role->ncomps && n < COMPS_MAX; i++)
        v[n++] = role->comps[i].id;
    for (size_t i = 0; i < nq && n < COMPS_MAX; i++) {
        size_t j = 0;
        while (j < n && strcmp(v[j], qs[i].competency) != 0)
            j++;
        if (j == n)
            v[n++] = qs[i].competency;
    }
    return n;
}

static const struct role_competency *
role_comp(const struct role *role, const char *id)
{
    for (size_t i = 0; role && i < role->ncomps; i++)
        if (strcmp(role->comps[i].id, id) == 0)
            return &role->comps[i];
    return NULL;
}

json_t *
scorecard_template(json_t *interview, const struct role *role)
{
    struct kit_q qs[KIT_QUESTIONS_MAX];
    const char *comps[COMPS_MAX];
    size_t nq = kit_questions(interview, qs, KIT_QUESTIONS_MAX);
    size_t nc = competencies(qs, nq, role, comps);
    json_t *o = json_object(), *ratings = json_array(), *cv = json_array();

    json_object_set(o, "interview", json_object_get(interview, "id"));
    json_object_set(o, "candidate", json_object_get(interview, "candidate"));
    json_object_set(o, "stage", json_object_get(interview, "stage"));
    json_object_set(o, "role", json_object_get(json_object_get(interview, "kit"), "role"));
    json_object_set_new(o, "scale",
                        json_pack("{s:s, s:s}", "ratings",
                                  "1 to 4, as each question's grades and the competency's "
                                  "anchors describe; null: not asked",
                                  "recommendation", "strong-no, no, yes or strong-yes"));
    for (size_t i = 0; i < nq; i++)
        json_array_append_new(ratings,
                              json_pack("{s:s, s:s?, s:s, s:I, s:o, s:n, s:n}", "question",
                                        qs[i].id, "title", qs[i].title, "competency",
                                        qs[i].competency, "minutes", (json_int_t)qs[i].minutes,
                                        "grades", grades_of(qs[i].points), "rating", "notes"));
    for (size_t i = 0; i < nc; i++) {
        const struct role_competency *rc = role_comp(role, comps[i]);
        json_t *c = json_pack("{s:s}", "competency", comps[i]);
        size_t asked = 0;
        for (size_t j = 0; j < nq; j++)
            asked += strcmp(qs[j].competency, comps[i]) == 0;
        json_object_set_new(c, "weight", rc ? json_integer(rc->weight) : json_null());
        json_object_set_new(c, "questions", json_integer((json_int_t)asked));
        if (rc)
            json_object_set_new(c, "anchors",
                                json_pack("{s:s, s:s, s:s, s:s}", "1", rc->anchors[0], "2",
                                          rc->anchors[1], "3", rc->anchors[2], "4",
                                          rc->anchors[3]));
        json_object_set_new(c, "rating", json_null());
        json_object_set_new(c, "override_reason", json_null());
        json_array_append_new(cv, c);
    }
    json_object_set_new(o, "ratings", ratings);
    json_object_set_new(o, "competencies", cv);
    json_object_set_new(o, "recommendation", json_null());
    json_object_set_new(o, "notes", json_null());
    return o;
}

int
scorecard_derive(const int *ratings, size_t n)
{
    long sum = 0, k = 0;
    for (size_t i = 0; i < n; i++)
        if (ratings[i] >= 1 && ratings[i] <= 4) {
            sum += ratings[i];
            k++;
        }
    /* round half down: ceil(mean - 1/2) = (2 sum + k - 1) / 2k */
    return k ? (int)((2 * sum + k - 1) / (2 * k)) : 0;
}

/* A rating field: null (0) or a whole number 1 to 4. */
static enum rb_err
rating_of(json_t *v, const char *path, int *out, char *errmsg)
{
    *out = 0;
    if (!v || json_is_null(v))
        return RB_OK;
    if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 4)
        return bad(errmsg, "%s: give a whole number from 1 to 4, or null", path);
    *out = (int)json_integer_value(v);
    return RB_OK;
}

/* A text field: null (NULL) or a string of at most max bytes; blank counts as none. */
static enum rb_err
text_of(json_t *v, const char *path, size_t max, const char **out, char *errmsg)
{
    const char *s;
    *out = NULL;
    if (!v || json_is_null(v))
        return RB_OK;
    if (!json_is_string(v))
        return bad(errmsg, "%s: give text, or null", path);
    if (json_string_length(v) > max)
        return bad(errmsg, "%s: at most %zu bytes", path, max);
    s = json_string_value(v);
    if (strlen(s) != json_string_length(v))
        return bad(errmsg, "%s: text may not contain NUL", path);
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    *out = *s ? json_string_value(v) : NULL;
    return RB_OK;
}

static enum rb_err
keys_among(json_t *o, const char *path, const char *const *allowed, char *errmsg)
{
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v)
    {
        if (!among(k, allowed))
            return bad(errmsg, "%s%s%s: not a field of a scorecard (a typo?)", path,
                       *path ? "." : "", k);
    }
    return RB_OK;
}

static const char *
rec_normal(const char *s)
{
    static const char *const alt[] = {"strong no", "no", "yes", "strong yes"};
    static const char *const alt2[] = {"strong_no", "no", "yes", "strong_yes"};
    for (size_t i = 0; i < 4; i++)
        if (strcmp(s, RECS[i]) == 0 || strcmp(s, alt[i]) == 0 || strcmp(s, alt2[i]) == 0)
            return RECS[i];
    return NULL;
}

static enum rb_err
check_ratings(json_t *arr, const struct kit_q *qs, size_t nq, struct scorecard_form *f,
              char *errmsg)
{
    json_t *r;
    size_t i;
    enum rb_err rc;
    char path[64];

    for (size_t k = 0; k < nq; k++)
        f->ratings[k] = (struct scorecard_rating){qs[k].id, qs[k].competency, 0, NULL};
    if (!arr || json_is_null(arr))
        return RB_OK;
    if (!json_is_array(arr))
        return bad(errmsg, "ratings: give a list of ratings, one per question");
    json_array_foreach(arr, i, r)
    {
        const char *q, *c;
        size_t k = 0;
        snprintf(path, sizeof path, "ratings[%zu]", i);
        if (!json_is_object(r))
            return bad(errmsg, "%s: give an object with question, rating and notes", path);
        if ((rc = keys_among(r, path, RATING_KEYS, errmsg)))
            return rc;
        if (!(q = json_string_value(json_object_get(r, "question"))))
            return bad(errmsg, "%s.question: give the question's id", path);
        while (k < nq && strcmp(qs[k].id, q) != 0)
            k++;
        if (k == nq)
            return bad(errmsg, "%s.question: '%s' is not a question of this interview", path, q);
        if (f->ratings[k].question == NULL)
            return bad(errmsg, "%s.question: '%s' is rated twice", path, q);
        c = json_string_value(json_object_get(r, "competency"));
        if (json_object_get(r, "competency") && !json_is_null(json_object_get(r, "competency")) &&
            (!c || strcmp(c, qs[k].competency) != 0))
            return bad(errmsg, "%s.competency: '%s' is rated for %s in this interview's kit", path,
                       q, qs[k].competency);
        snprintf(path, sizeof path, "ratings[%zu].rating", i);
        if ((rc = rating_of(json_object_get(r, "rating"), path, &f->ratings[k].rating, errmsg)))
            return rc;
        snprintf(path, sizeof path, "ratings[%zu].notes", i);
        if ((rc = text_of(json_object_get(r, "notes"), path, SCORECARD_NOTES_MAX,
                          &f->ratings[k].notes, errmsg)))
            return rc;
        f->ratings[k].question = NULL; /* seen; restored below */
    }
    for (size_t k = 0; k < nq; k++)
        f->ratings[k].question = qs[k].id;
    return RB_OK;
}

static enum rb_err
check_comps(json_t *arr, const char *const *comps, size_t nc, struct scorecard_form *f,
            char *errmsg)
{
    bool seen[COMPS_MAX] = {0};
    int given[COMPS_MAX] = {0};
    const char *reason[COMPS_MAX] = {0};
    json_t *c;
    size_t i;
    enum rb_err rc;
    char path[64];

    if (arr && !json_is_null(arr) && !json_is_array(arr))
        return bad(errmsg, "competencies: give a list of competency ratings");
    json_array_foreach(arr, i, c)
    {
        const char *id;
        size_t k = 0;
        snprintf(path, sizeof path, "competencies[%zu]", i);
        if (!json_is_object(c))
            return bad(errmsg, "%s: give an object with competency, rating and override_reason",
                       path);
        if ((rc = keys_among(c, path, COMP_KEYS, errmsg)))
            return rc;
        if (!(id = json_string_value(json_object_get(c, "competency"))))
            return bad(errmsg, "%s.competency: give the competency's id", path);
        while (k < nc && strcmp(comps[k], id) != 0)
            k++;
        if (k == nc)
            return bad(errmsg, "%s.competency: '%s' is not assessed for this role", path, id);
        if (seen[k])
            return bad(errmsg, "%s.competency: '%s' is rated twice", path, id);
        seen[k] = true;
        snprintf(path, sizeof path, "competencies[%zu].rating", i);
        if ((rc = rating_of(json_object_get(c, "rating"), path, &given[k], errmsg)))
            return rc;
        snprintf(path, sizeof path, "competencies[%zu].override_reason", i);
        if ((rc = text_of(json_object_get(c, "override_reason"), path, SCORECARD_REASON_MAX,
                          &reason[k], errmsg)))
            return rc;
    }
    f->card.ncomps = 0;
    for (size_t k = 0; k < nc; k++) {
        int rs[KIT_QUESTIONS_MAX], derived;
        size_t n = 0;
        for (size_t j = 0; j < f->card.nratings; j++)
            if (strcmp(f->ratings[j].competency, comps[k]) == 0 && f->ratings[j].rating)
                rs[n++] = f->ratings[j].rating;
        derived = scorecard_derive(rs, n);
        if (given[k] && given[k] != derived && !reason[k]) {
            size_t at = 0;
            json_array_foreach(arr, i, c)
            {
                if (strcmp(json_string_value(json_object_get(c, "competency")), comps[k]) == 0)
                    at = i;
            }
            if (derived)
                return bad(errmsg,
                           "competencies[%zu].override_reason: the rating %d differs from %d, "
                           "derived from the question ratings; say why",
                           at, given[k], derived);
            return bad(errmsg,
                       "competencies[%zu].override_reason: no question of %s was rated; say "
                       "what the rating %d rests on",
                       at, comps[k], given[k]);
        }
        if (!given[k] && reason[k])
            return bad(errmsg, "competencies: %s has an override_reason but no rating", comps[k]);
        if (!given[k] && !derived)
            continue;
        f->comps[f->card.ncomps++] =
            (struct scorecard_comp){comps[k], derived, given[k] ? given[k] : derived,
                                    given[k] && given[k] != derived ? reason[k] : NULL};
    }
    return RB_OK;
}

static json_t *
text_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *
rating_or_null(int r)
{
    return r ? json_integer(r) : json_null();
}

/* The scorecard as checked, the shape kept as its original. */
static char *
original_json(const struct scorecard_new *c)
{
    json_t *o = json_object(), *rv = json_array(), *cv = json_array();
    char *s;
    for (size_t i = 0; i < c->nratings; i++) {
        const struct scorecard_rating *r = &c->ratings[i];
        json_t *e = json_pack("{s:s, s:s}", "question", r->question, "competency", r->competency);
        json_object_set_new(e, "rating", rating_or_null(r->rating));
        json_object_set_new(e, "notes", text_or_null(r->notes));
        json_array_append_new(rv, e);
    }
    for (size_t i = 0; i < c->ncomps; i++) {
        const struct scorecard_comp *k = &c->comps[i];
        json_t *e = json_pack("{s:s}", "competency", k->competency);
        json_object_set_new(e, "derived", rating_or_null(k->derived));
        json_object_set_new(e, "rating", rating_or_null(k->rating));
        json_object_set_new(e, "override_reason", text_or_null(k->override_reason));
        json_array_append_new(cv, e);
    }
    json_object_set_new(o, "ratings", rv);
    json_object_set_new(o, "competencies", cv);
    json_object_set_new(o, "recommendation", json_string(c->recommendation));
    json_object_set_new(o, "notes", text_or_null(c->notes));
    s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return s;
}

enum rb_err
scorecard_check(json_t *doc, json_t *interview, const struct role *role, struct scorecard_form *f,
                char *errmsg)
{
    struct kit_q qs[KIT_QUESTIONS_MAX];
    const char *comps[COMPS_MAX], *rec;
    size_t nq, nc;
    bool any = false;
    enum rb_err rc;
    const char *k;
    json_t *v;

    memset(f, 0, sizeof *f);
    if (!json_is_object(doc))
        return bad(errmsg, "a scorecard is a JSON object (see 'rubric scorecard template')");
    json_object_foreach(doc, k, v)
    {
        if (strcmp(k, "ratings") != 0 && strcmp(k, "competencies") != 0 &&
            strcmp(k, "recommendation") != 0 && strcmp(k, "notes") != 0 && !among(k, INFO_TOP))
            return bad(errmsg, "%s: not a field of a scorecard (a typo?)", k);
    }
    f->keep = json_pack("[OO]", doc, interview);
    nq = kit_questions(interview, qs, KIT_QUESTIONS_MAX);
    nc = competencies(qs, nq, role, comps);
    f->ratings = xcalloc(nq ? nq : 1, sizeof *f->ratings);
    f->comps = xcalloc(nc ? nc : 1, sizeof *f->comps);
    f->card.ratings = f->ratings;
    f->card.nratings = nq;
    f->card.comps = f->comps;
    if ((rc = check_ratings(json_object_get(doc, "ratings"), qs, nq, f, errmsg)) ||
        (rc = check_comps(json_object_get(doc, "competencies"), comps, nc, f, errmsg)))
        return rc;
    v = json_object_get(doc, "recommendation");
    if (!json_is_string(v) || !(rec = rec_normal(json_string_value(v))))
        return bad(errmsg, "recommendation: give %s", RECOMMENDATIONS);
    f->card.recommendation = rec;
    if ((rc = text_of(json_object_get(doc, "notes"), "notes", SCORECARD_NOTES_MAX, &f->card.notes,
                      errmsg)))
        return rc;
    for (size_t i = 0; i < nq; i++)
        any = any || f->ratings[i].rating;
    if (!any && !f->card.ncomps)
        return bad(errmsg, "ratings: rate at least one question or competency");
    f->original = original_json(&f->card);
    f->card.original = f->original;
    return RB_OK;
}

void
scorecard_form_cleanup(struct scorecard_form *f)
{
    json_decref(f->keep);
    free(f->ratings);
    free(f->comps);
    free(f->original);
    memset(f, 0, sizeof *f);
}

/* The item of arr whose key is id, or NULL. */
static json_t *
find_by(json_t *arr, const char *key, const char *id)
{
    json_t *v;
    size_t i;
    json_array_foreach(arr, i, v)
    {
        const char *s = json_string_value(json_object_get(v, key));
        if (s && strcmp(s, id) == 0)
            return v;
    }
    return NULL;
}

/* Sets the fields of patch item p named in keys on item d (fields absent stay). */
static void
take_fields(json_t *d, json_t *p, const char *const *keys)
{
    for (; *keys; keys++)
        if (json_object_get(p, *keys))
            json_object_set(d, *keys, json_object_get(p, *keys));
}

/* The values of one patch item, checked where the user wrote them. */
static enum rb_err
check_patch_item(json_t *v, const char *at, const char *text_key, char *errmsg)
{
    char path[96];
    const char *t;
    int r;
    enum rb_err rc;
    snprintf(path, sizeof path, "%s.rating", at);
    if ((rc = rating_of(json_object_get(v, "rating"), path, &r, errmsg)))
        return rc;
    snprintf(path, sizeof path, "%s.%s", at, text_key);
    return text_of(json_object_get(v, text_key), path,
                   strcmp(text_key, "notes") != 0 ? SCORECARD_REASON_MAX : SCORECARD_NOTES_MAX, &t,
                   errmsg);
}

json_t *
scorecard_patch(json_t *now, json_t *patch, char *errmsg)
{
    static const char *const rkeys[] = {"rating", "notes", NULL};
    static const char *const ckeys[] = {"rating", "override_reason", NULL};
    json_t *doc, *ratings, *comps, *v;
    const char *k;
    size_t i;
    char path[64];

    if (!json_is_object(patch)) {
        bad(errmsg, "an amendment is a JSON object");
        return NULL;
    }
    json_object_foreach(patch, k, v)
    {
        if (strcmp(k, "ratings") != 0 && strcmp(k, "competencies") != 0 &&
            strcmp(k, "recommendation") != 0 && strcmp(k, "notes") != 0 && !among(k, INFO_TOP)) {
            bad(errmsg, "%s: not a field of a scorecard (a typo?)", k);
            return NULL;
        }
    }
    ratings = json_deep_copy(json_object_get(now, "ratings"));
    comps = json_array();
    /* a competency rating that followed its derived value is derived again */
    json_array_foreach(json_object_get(now, "competencies"), i, v)
    {
        json_t *c = json_deep_copy(v);
        if (json_equal(json_object_get(c, "rating"), json_object_get(c, "derived")))
            json_object_set_new(c, "rating", json_null());
        json_object_del(c, "derived");
        json_array_append_new(comps, c);
    }
    for (int pass = 0; pass < 2; pass++) {
        const char *field = pass ? "competencies" : "ratings",
                   *key = pass ? "competency" : "question";
        json_t *arr = json_object_get(patch, field), *into = pass ? comps : ratings;
        if (!arr)
            continue;
        if (!json_is_array(arr)) {
            bad(errmsg, "%s: give a list", field);
            goto fail;
        }
        json_array_foreach(arr, i, v)
        {
            const char *id = json_string_value(json_object_get(v, key));
            json_t *d;
            snprintf(path, sizeof path, "%s[%zu]", field, i);
            if (!json_is_object(v) || !id) {
                bad(errmsg, "%s.%s: give the %s's id", path, key, key);
                goto fail;
            }
            if (keys_among(v, path, pass ? COMP_KEYS : RATING_KEYS, errmsg) ||
                check_patch_item(v, path, pass ? "override_reason" : "notes", errmsg))
                goto fail;
            if (!(d = find_by(into, key, id))) {
                if (!pass) {
                    bad(errmsg, "%s.question: '%s' is not a question of this scorecard", path, id);
                    goto fail;
                }
                d = json_pack("{s:s, s:n, s:n}", "competency", id, "rating", "override_reason");
                json_array_append_new(into, d);
            }
            take_fields(d, v, pass ? ckeys : rkeys);
        }
    }
    doc = json_object();
    json_object_set_new(doc, "ratings", ratings);
    json_object_set_new(doc, "competencies", comps);
    json_object_set(doc, "recommendation", json_object_get(now, "recommendation"));
    json_object_set(doc, "notes", json_object_get(now, "notes"));
    take_fields(doc, patch, (const char *const[]){"recommendation", "notes", NULL});
    return doc;
fail:
    json_decref(ratings);
    json_decref(comps);
    return NULL;
}

/* v as text, kept in d (NULL for null). */
static const char *
value_text(struct scorecard_diff *d, json_t *v)
{
    char buf[32], *t;
    if (!v || json_is_null(v))
        return NULL;
    if (json_is_string(v))
        t = xstrdup(json_string_value(v));
    else {
        snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
        t = xstrdup(buf);
    }
    d->owned = xrealloc(d->owned, (d->nowned + 1) * sizeof *d->owned);
    d->owned[d->nowned++] = t;
    return t;
}

static void
change(struct scorecard_diff *d, const char *field, const char *id, json_t *old, json_t *now)
{
    char name[256];
    struct scorecard_change *c;
    if (json_equal(old ? old : json_null(), now) || (!old && json_is_null(now)))
        return;
    d->v = xrealloc(d->v, (d->n + 1) * sizeof *d->v);
    snprintf(name, sizeof name, "%s%s%s", field, id ? ":" : "", id ? id : "");
    c = &d->v[d->n++];
    {
        json_t *t = json_string(name);
        c->field = value_text(d, t);
        json_decref(t);
    }
    c->old_value = value_text(d, old);
    c->new_value = value_text(d, now);
}

/* change() for a value made here (stolen). */
static void
change_new(struct scorecard_diff *d, const char *field, const char *id, json_t *old, json_t *now)
{
    change(d, field, id, old, now);
    json_decref(now);
}

void
scorecard_diff(json_t *now, const struct scorecard_form *f, struct scorecard_diff *d)
{
    json_t *v;
    size_t i;
    memset(d, 0, sizeof *d);
    change_new(d, "recommendation", NULL, json_object_get(now, "recommendation"),
               json_string(f->card.recommendation));
    change_new(d, "notes", NULL, json_object_get(now, "notes"), text_or_null(f->card.notes));
    for (i = 0; i < f->card.nratings; i++) {
        const struct scorecard_rating *r = &f->card.ratings[i];
        json_t *old = find_by(json_object_get(now, "ratings"), "question", r->question);
        change_new(d, "rating", r->question, json_object_get(old, "rating"),
                   rating_or_null(r->rating));
        change_new(d, "notes", r->question, json_object_get(old, "notes"), text_or_null(r->notes));
    }
    for (i = 0; i < f->card.ncomps; i++) {
        const struct scorecard_comp *c = &f->card.comps[i];
        json_t *old = find_by(json_object_get(now, "competencies"), "competency", c->competency);
        change_new(d, "competency", c->competency, json_object_get(old, "rating"),
                   rating_or_null(c->rating));
        change_new(d, "override_reason", c->competency, json_object_get(old, "override_reason"),
                   text_or_null(c->override_reason));
    }
    /* competencies rated before and not now */
    json_array_foreach(json_object_get(now, "competencies"), i, v)
    {
        const char *id = json_string_value(json_object_get(v, "competency"));
        size_t k = 0;
        while (k < f->card.ncomps && strcmp(f->card.comps[k].competency, id) != 0)
            k++;
        if (k == f->card.ncomps)
            change(d, "competency", id, json_object_get(v, "rating"), json_null());
    }
}

void
scorecard_diff_cleanup(struct scorecard_diff *d)
{
    for (size_t i = 0; i < d->nowned; i++)
        free(d->owned[i]);
    free(d->owned);
    free(d->v);
    memset(d, 0, sizeof *d);
}

enum rb_err
scorecard_view(struct store *s, long long candidate, const struct user *who,
               enum scorecard_view *view, char *errmsg)
{
    long long on_panel = 0, pending = 0;
    enum rb_err rc;
    *view = VIEW_NONE;
    if (!who) {
        *view = VIEW_ALL;
        return RB_OK;
    }
    if (who->role == USER_CANDIDATE)
        return RB_OK;
    if ((rc = store_loop_pending(s, candidate, who->id, &on_panel, &pending, errmsg)))
        return rc;
    if (on_panel)
        *view = pending ? VIEW_OWN : VIEW_ALL;
    else if (who->role == USER_ADMIN || who->role == USER_RECRUITER)
        *view = VIEW_ALL;
    return RB_OK;
}

enum rb_err
scorecard_list(struct store *s, const struct user *who, long long candidate,
               const struct scorecard_filter *f, json_t **cards, bool *complete, char *errmsg)
{
    struct scorecard_filter mine = *f;
    enum scorecard_view view;
    enum rb_err rc;

    *cards = NULL;
    *complete = false;
    if ((rc = scorecard_view(s, candidate, who, &view, errmsg)))
        return rc;
    if (view == VIEW_NONE) {
        snprintf(errmsg, RB_ERRMSG,
                 "%s may not see the scorecards of candidate %lld: only their panel, recruiters "
                 "and admins",
                 who->email, candidate);
        return RB_EDENIED;
    }
    if (view == VIEW_OWN)
        mine.interviewer = who->id;
    if ((rc = store_scorecards(s, &mine, cards, errmsg)))
        return rc;
    if (f->id && view == VIEW_OWN && !json_array_size(*cards)) {
        json_decref(*cards);
        *cards = NULL;
        snprintf(errmsg, RB_ERRMSG,
                 "scorecard %lld is hidden until every scorecard of %s's for candidate %lld is "
                 "submitted",
                 f->id, who->email, candidate);
        return RB_EDENIED;
    }
    *complete = view == VIEW_ALL;
    return RB_OK;
}

enum rb_err
scorecard_find(struct store *s, const struct user *who, const struct scorecard_filter *f,
               json_t **cards, bool *complete, long long *candidate, char *errmsg)
{
    json_t *v = NULL;
    enum rb_err rc = RB_OK;

    *cards = NULL;
    *complete = false;
    *candidate = f->candidate;
    if (!*candidate && f->interview)
        rc = store_interview_get(s, f->interview, &v, errmsg);
    else if (!*candidate)
        rc = scorecard_get(s, f->id, &v, errmsg);
    if (rc)
        return rc;
    if (v) {
        *candidate = json_integer_value(json_object_get(v, "candidate"));
        json_decref(v);
    }
    return scorecard_list(s, who, *candidate, f, cards, complete, errmsg);
}

enum rb_err
scorecard_visible(struct store *s, const struct user *who, json_t *cards, size_t *withheld,
                  char *errmsg)
{
    json_t *views = json_object(), *kept = json_array(), *card;
    enum rb_err rc = RB_OK;
    size_t i;

    *withheld = 0;
    json_array_foreach(cards, i, card)
    {
        long long candidate = json_integer_value(json_object_get(card, "candidate"));
        enum scorecard_view view;
        char key[24];
        json_t *known;
        snprintf(key, sizeof key, "%lld", candidate);
        if ((known = json_object_get(views, key))) {
            view = (enum scorecard_view)json_integer_value(known);
        } else {
            if ((rc = scorecard_view(s, candidate, who, &view, errmsg)))
                goto out;
            json_object_set_new(views, key, json_integer(view));
            *withheld += view != VIEW_ALL;
        }
        if (view == VIEW_ALL)
            json_array_append(kept, card);
    }
    json_array_clear(cards);
    json_array_extend(cards, kept);
out:
    json_decref(kept);
    json_decref(views);
    return rc;
}

enum rb_err
scorecard_context(struct store *s, long long interview, json_t **iv, struct role *role,
                  bool *has_role, char *errmsg)
{
    const char *rid;
    enum rb_err rc;
    *has_role = false;
    memset(role, 0, sizeof *role);
    if ((rc = store_interview_get(s, interview, iv, errmsg)))
        return rc;
    rid = json_string_value(json_object_get(json_object_get(*iv, "kit"), "role"));
    if (!rid)
        return RB_OK;
    rc = store_role_get(s, rid, role, errmsg);
    if (rc == RB_ENOTFOUND)
        return RB_OK;
    if (rc) {
        json_decref(*iv);
        *iv = NULL;
        return rc;
    }
    *has_role = true;
    return RB_OK;
}

enum rb_err
scorecard_submit(struct store *s, long long interview, const struct user *who, json_t *doc,
                 long long *id, char *errmsg)
{
    struct scorecard_form f;
    struct role role;
    bool has_role;
    json_t *iv;
    json_t *email;
    size_t i;
    bool on_panel = false;
    enum rb_err rc = scorecard_context(s, interview, &iv, &role, &has_role, errmsg);
    if (rc)
        return rc;
    /* the panel first: the checks of a filled card would name the kit's questions */
    json_array_foreach(json_object_get(iv, "interviewers"), i, email)
    {
        on_panel = on_panel || (who->email && json_is_string(email) &&
                                strcmp(json_string_value(email), who->email) == 0);
    }
    if (!on_panel) {
        snprintf(errmsg, RB_ERRMSG, "only the interviewers of interview %lld submit its scorecards",
                 interview);
        json_decref(iv);
        role_cleanup(&role);
        return RB_EDENIED;
    }
    rc = scorecard_check(doc, iv, has_role ? &role : NULL, &f, errmsg);
    if (!rc) {
        f.card.interview = interview;
        f.card.interviewer = who->id;
        /* the last card of a loop tells the recruiters, in the card's transaction */
        if (!(rc = store_tx_begin(s, errmsg))) {
            rc = store_scorecard_submit(s, &f.card, id, errmsg);
            rc = rc ? rc : notify_scorecard(s, interview, (long long)time(NULL), errmsg);
            rc = store_tx_end(s, rc, errmsg);
        }
    }
    scorecard_form_cleanup(&f);
    json_decref(iv);
    role_cleanup(&role);
    return rc;
}

enum rb_err
scorecard_draft_save(struct store *s, long long interview, const struct user *who, json_t *draft,
                     long long base, long long *revision, char *errmsg)
{
    char *text;
    enum rb_err rc;
    if (!json_is_object(draft)) {
        snprintf(errmsg, RB_ERRMSG, "draft: an object (the scorecard as far as it is filled)");
        return RB_EINVAL;
    }
    text = json_dumps(draft, JSON_COMPACT);
    if (!text)
        abort();
    if (strlen(text) > SCORECARD_FILE_MAX) {
        snprintf(errmsg, RB_ERRMSG, "draft: %zu bytes, over the %zu a scorecard may have",
                 strlen(text), SCORECARD_FILE_MAX);
        rc = RB_ETOOBIG;
    } else
        rc = store_draft_put(s, interview, who->id, text, base, revision, errmsg);
    free(text);
    return rc;
}

enum rb_err
scorecard_get(struct store *s, long long id, json_t **card, char *errmsg)
{
    struct scorecard_filter flt = {.id = id};
    json_t *all;
    enum rb_err rc = store_scorecards(s, &flt, &all, errmsg);
    *card = NULL;
    if (rc)
        return rc;
    if (!json_array_size(all)) {
        json_decref(all);
        snprintf(errmsg, RB_ERRMSG, "no scorecard %lld", id);
        return RB_ENOTFOUND;
    }
    *card = json_incref(json_array_get(all, 0));
    json_decref(all);
    return RB_OK;
}

enum rb_err
scorecard_amend(struct store *s, long long id, const struct user *who, const char *reason,
                json_t *patch, size_t *nchanges, char *errmsg)
{
    struct scorecard_form f = {0};
    struct scorecard_diff d = {0};
    struct role role = {0};
    bool has_role = false;
    json_t *now = NULL, *iv = NULL, *doc = NULL;
    enum rb_err rc;

    *nchanges = 0;
    if (!reason || !*reason || strlen(reason) > SCORECARD_REASON_MAX)
        return bad(errmsg, "reason: say why the scorecard changes (1 to %u bytes)",
                   SCORECARD_REASON_MAX);
    if ((rc = scorecard_get(s, id, &now, errmsg)))
        return rc;
    if (who->role != USER_ADMIN &&
        json_integer_value(json_object_get(now, "interviewer_id")) != who->id) {
        /* not naming its author: the refused may be off the panel */
        snprintf(errmsg, RB_ERRMSG,
                 "scorecard %lld is not yours: only its interviewer or an admin amends it", id);
        rc = RB_EDENIED;
        goto out;
    }
    if (!(doc = scorecard_patch(now, patch, errmsg))) {
        rc = RB_EINVAL;
        goto out;
    }
    if ((rc = scorecard_context(s, json_integer_value(json_object_get(now, "interview")), &iv,
                                &role, &has_role, errmsg)) ||
        (rc = scorecard_check(doc, iv, has_role ? &role : NULL, &f, errmsg)))
        goto out;
    scorecard_diff(now, &f, &d);
    *nchanges = d.n;
    if (!d.n) {
        snprintf(errmsg, RB_ERRMSG, "the amendment changes nothing in scorecard %lld", id);
        rc = RB_EINVAL;
        goto out;
    }
    rc = store_scorecard_amend(s, id, &f.card, d.v, d.n, who->id, who->email, reason, errmsg);
out:
    scorecard_diff_cleanup(&d);
    scorecard_form_cleanup(&f);
    json_decref(doc);
    json_decref(iv);
    json_decref(now);
    role_cleanup(&role);
    return rc;
}
