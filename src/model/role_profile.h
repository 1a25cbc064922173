/* SPDX-License-Identifier: MIT */
/*
 * A role profile in memory (core/role.h reads and checks role files): competencies with
 * weights and rating anchors, required and welcome skills, experience asked for; and its
 * JSON, the shape the store keeps and the API serves (docs/FORMATS.md).
 */
#ifndef RUBRIC_MODEL_ROLE_PROFILE_H
#define RUBRIC_MODEL_ROLE_PROFILE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

#define ROLE_WEIGHT_MAX 5

struct role_competency {
    char *id;
    int weight;       /* 1 to ROLE_WEIGHT_MAX */
    char *anchors[4]; /* what a rating of 1, 2, 3, 4 looks like */
    int line;
};

struct role_skill {
    char *name;
    int weight;
    bool must; /* must-have, else nice-to-have */
    int line;
    int group; /* alternatives: skills with the same group > 0 are one criterion, any one of
                * them satisfies it; 0 stands alone */
    int years; /* years of this skill asked for; 0: none said */
};

struct role {
    char *id;
    char *title;
    char *summary;
    int level; /* enum level */
    int min_years, min_comparable_years;
    /* informational: shown, never scored */
    char *salary, *location, *remote;
    char **responsibilities;
    size_t nresponsibilities;
    struct role_competency *comps;
    size_t ncomps;
    struct role_skill *skills;
    size_t nskills;
    char *file; /* where it was read from, or NULL */
    int line;
};

struct role_set {
    struct role *v;
    size_t n, cap;
};

void role_cleanup(struct role *r);
void role_set_init(struct role_set *set);
void role_set_cleanup(struct role_set *set);
/* Adds r to set, taking ownership of its members (r is zeroed). */
void role_set_add_take(struct role_set *set, struct role *r);
/* Returns the role with id, or NULL. Borrowed. */
const struct role *role_set_find(const struct role_set *set, const char *id);

/* The competency entry of r for id, or NULL. Borrowed. */
const struct role_competency *role_competency(const struct role *r, const char *id);

/* JSON (docs/FORMATS.md); new references. */
json_t *role_to_json(const struct role *r);
/* Reads role_to_json's shape back; false (with a message naming the field) when it is not. */
bool role_from_json(json_t *o, struct role *r, char *errmsg);

#endif
