/* SPDX-License-Identifier: MIT */
/* Roles' lifetimes, sets and JSON (model/role_profile.h). */
#include "model/role_profile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/question.h"
#include "util/mem.h"

void
role_cleanup(struct role *r)
{
    if (!r)
        return;
    free(r->id);
    free(r->title);
    free(r->summary);
    free(r->salary);
    free(r->location);
    free(r->remote);
    for (size_t i = 0; i < r->nresponsibilities; i++)
        free(r->responsibilities[i]);
    free(r->responsibilities);
    for (size_t i = 0; i < r->ncomps; i++) {
        free(r->comps[i].id);
        for (int k = 0; k < 4; k++)
            free(r->comps[i].anchors[k]);
    }
    free(r->comps);
    for (size_t i = 0; i < r->nskills; i++)
        free(r->skills[i].name);
    free(r->skills);
    free(r->file);
    memset(r, 0, sizeof *r);
}

void
role_set_init(struct role_set *set)
{
    memset(set, 0, sizeof *set);
}

void
role_set_cleanup(struct role_set *set)
{
    for (size_t i = 0; i < set->n; i++)
        role_cleanup(&set->v[i]);
    free(set->v);
    memset(set, 0, sizeof *set);
}

void
role_set_add_take(struct role_set *set, struct role *r)
{
    xgrow(&set->v, &set->cap, set->n + 1, sizeof *set->v);
    set->v[set->n++] = *r;
    memset(r, 0, sizeof *r);
}

const struct role *
role_set_find(const struct role_set *set, const char *id)
{
    for (size_t i = 0; i < set->n; i++)
        if (set->v[i].id && strcmp(set->v[i].id, id) == 0)
            return &set->v[i];
    return NULL;
}

const struct role_competency *
role_competency(const struct role *r, const char *id)
{
    for (size_t i = 0; i < r->ncomps; i++)
        if (strcmp(r->comps[i].id, id) == 0)
            return &r->comps[i];
    return NULL;
}

/* ---- JSON --------------------------------------------------------------------------- */

static json_t *
opt_str(const char *s)
{
    return s ? json_string(s) : json_null();
}

json_t *
role_to_json(const struct role *r)
{
    json_t *o = json_object(), *resp = json_array(), *comps = json_array();
    json_t *must = json_array(), *nice = json_array();

    json_object_set_new(o, "id", json_string(r->id));
    json_object_set_new(o, "title", json_string(r->title ? r->title : r->id));
    json_object_set_new(o, "level", json_string(level_name(r->level)));
    json_object_set_new(o, "summary", json_string(r->summary ? r->summary : ""));
    json_object_set_new(o, "min_years", json_integer(r->min_years));
    json_object_set_new(o, "min_comparable_years", json_integer(r->min_comparable_years));
    json_object_set_new(o, "salary", opt_str(r->salary));
    json_object_set_new(o, "location", opt_str(r->location));
    json_object_set_new(o, "remote", opt_str(r->remote));
    for (size_t i = 0; i < r->nresponsibilities; i++)
        json_array_append_new(resp, json_string(r->responsibilities[i]));
    json_object_set_new(o, "responsibilities", resp);
    for (size_t i = 0; i < r->ncomps; i++) {
        const struct role_competency *c = &r->comps[i];
        json_t *anchors = json_object();
        for (int k = 0; k < 4; k++) {
            char key[2] = {(char)('1' + k), 0};
            json_object_set_new(anchors, key, opt_str(c->anchors[k]));
        }
        json_array_append_new(comps, json_pack("{s:s, s:i, s:o}", "competency", c->id, "weight",
                                               c->weight, "anchors", anchors));
    }
    json_object_set_new(o, "competencies", comps);
    for (size_t i = 0; i < r->nskills; i++) {
        const struct role_skill *k = &r->skills[i];
        json_t *sk = json_pack("{s:s, s:i}", "skill", k->name, "weight", k->weight);
        /* written only when set, so roles from files keep their shape */
        if (k->group)
            json_object_set_new(sk, "group", json_integer(k->group));
        if (k->years)
            json_object_set_new(sk, "years", json_integer(k->years));
        json_array_append_new(k->must ? must : nice, sk);
    }
    json_object_set_new(o, "must_have", must);
    json_object_set_new(o, "nice_to_have", nice);
    return o;
}

static char *
dup_json_str(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? xstrdup(s) : NULL;
}

bool
role_from_json(json_t *o, struct role *r, char *errmsg)
{
    json_t *a, *v;
    size_t i;
    const char *lv;

    memset(r, 0, sizeof *r);
    if (!json_is_object(o) || !(r->id = dup_json_str(o, "id"))) {
        snprintf(errmsg, RB_ERRMSG, "role: expected an object with an \"id\"");
        return false;
    }
    r->title = dup_json_str(o, "title");
    r->summary = dup_json_str(o, "summary");
    lv = json_string_value(json_object_get(o, "level"));
    r->level = lv ? level_parse(lv, strlen(lv)) : 0;
    if (!r->level) {
        snprintf(errmsg, RB_ERRMSG, "role %s: bad level", r->id);
        role_cleanup(r);
        return false;
    }
    r->min_years = (int)json_integer_value(json_object_get(o, "min_years"));
    r->min_comparable_years = (int)json_integer_value(json_object_get(o, "min_comparable_years"));
    r->salary = dup_json_str(o, "salary");
    r->location = dup_json_str(o, "location");
    r->remote = dup_json_str(o, "remote");
    a = json_object_get(o, "responsibilities");
    r->responsibilities = xcalloc(json_array_size(a) + 1, sizeof *r->responsibilities);
    json_array_foreach(a, i, v) if (json_is_string(v)) r->responsibilities[r->nresponsibilities++] =
        xstrdup(json_string_value(v));
    a = json_object_get(o, "competencies");
    r->comps = xcalloc(json_array_size(a) + 1, sizeof *r->comps);
    json_array_foreach(a, i, v)
    {
        struct role_competency *c = &r->comps[r->ncomps];
        json_t *an = json_object_get(v, "anchors");
        if (!(c->id = dup_json_str(v, "competency")))
            continue;
        c->weight = (int)json_integer_value(json_object_get(v, "weight"));
        for (int k = 0; k < 4; k++) {
            char key[2] = {(char)('1' + k), 0};
            c->anchors[k] = dup_json_str(an, key);
        }
        r->ncomps++;
    }
    for (int m = 0; m < 2; m++) {
        a = json_object_get(o, m ? "nice_to_have" : "must_have");
        r->skills = xrealloc(r->skills, (r->nskills + json_array_size(a) + 1) * sizeof *r->skills);
        json_array_foreach(a, i, v)
        {
            struct role_skill *k = &r->skills[r->nskills];
            if (!(k->name = dup_json_str(v, "skill")))
                continue;
            k->weight = (int)json_integer_value(json_object_get(v, "weight"));
            k->must = !m;
            k->line = 0;
            k->group = (int)json_integer_value(json_object_get(v, "group"));
            k->years = (int)json_integer_value(json_object_get(v, "years"));
            r->nskills++;
        }
    }
    return true;
}
