/* SPDX-License-Identifier: MIT */
/*
 * Interview kits: from a role, a level, a stage and a time budget, the questions an
 * interviewer asks, with alternates, the role's rating anchors, a scorecard template and a
 * coverage summary. The same inputs and seed always give the same kit.
 */
#ifndef RUBRIC_CORE_KIT_H
#define RUBRIC_CORE_KIT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/question.h"
#include "core/role.h"
#include "core/user.h"
#include "store/store.h"
#include "util/buf.h"

enum stage {
    STAGE_SCREEN,
    STAGE_TECHNICAL,
    STAGE_SYSTEM_DESIGN,
    STAGE_BEHAVIORAL,
    STAGE_ONSITE,
    STAGE_COUNT
};

const char *stage_name(enum stage s);
/* Returns the stage for name, or -1. */
int stage_parse(const char *name);
/* The budget of a stage when none is given, in minutes. */
int stage_default_minutes(enum stage s);
/* Whether questions of category c belong in stage s (its category mix). */
bool stage_has_category(enum stage s, enum category c);

#define KIT_MINUTES_MAX 600
#define KIT_ALTERNATES 2
/* The most swaps one request may make. */
#define KIT_SWAPS_MAX 64

struct kit_request {
    const struct role *role;
    int level; /* 0: the role's */
    enum stage stage;
    int minutes; /* 0: the stage's default */
    uint64_t seed;
    const char *candidate; /* NULL, or: avoid questions of kits saved for this candidate */
};

struct kit_slot {
    struct question q;
    struct question alts[KIT_ALTERNATES];
    size_t nalts;
};

struct kit_coverage {
    char *competency;
    int weight;    /* 0 for a competency the role does not weigh (screening) */
    double target; /* minutes the weights ask for */
    int minutes;   /* minutes the kit gives it */
    size_t questions;
    bool available; /* some question fits at all, before choosing (for shortfalls) */
};

/* The questions a kit draws from one stack track, for the role's skills. */
struct kit_stack {
    char *track;
    char **skills; /* the role's skills these questions are about, in order of first use */
    size_t nskills;
    size_t questions;
    int minutes;
};

struct kit_shortfall {
    char *competency; /* NULL when the whole budget is the problem */
    char *reason;
    int minutes; /* how many minutes short */
};

struct kit {
    char *role, *role_title;
    int level;
    enum stage stage;
    int budget, minutes;
    uint64_t seed;
    char *candidate;
    struct kit_slot *slots;
    size_t nslots, capslots;
    struct kit_coverage *coverage;
    size_t ncoverage;
    struct kit_stack *stacks;
    size_t nstacks;
    struct kit_shortfall *shortfalls;
    size_t nshortfalls, capshort;
    bool partial;
    /* the role's anchors, for rendering (a copy) */
    struct role role_copy;
    long long saved_id; /* the stored kit's number when saved, else 0 */
};

/* Builds a kit from the questions in the store. The kit is partial (k->partial, with
 * shortfalls saying which competency is short and by how much) when the bank cannot fill
 * the request. RB_EINVAL for a bad request. Free with kit_cleanup. */
enum rb_err kit_build(struct store *s, const struct kit_request *req, struct kit *k, char *errmsg);
void kit_cleanup(struct kit *k);

/* Puts alternate in the place of question in k: the slot asking question must list
 * alternate among its alternates, and question becomes an alternate in its stead, so the
 * swap can be undone. Minutes and coverage follow. RB_EINVAL, saying which, when question
 * is not asked in k, alternate is not one of its alternates, or the swap would take the
 * kit over its budget (each alternate fits alone, not always after other swaps). */
enum rb_err kit_swap(struct kit *k, const char *question, const char *alternate, char *errmsg);

/* The name kits for candidate id (the id of `rubric candidate`) are saved under: "c-ID".
 * Interviews and `rubric kit --candidate ID` both use it, so neither repeats a question
 * the other asked. out holds at least 32 bytes. */
void kit_candidate_ref(long long candidate, char *out, size_t n);

/* Saves k in the store (so later kits for its candidate avoid its questions). */
enum rb_err kit_save(struct store *s, struct kit *k, char *errmsg);
/* kit_save, recording that who saved it (in one transaction), so that they may read it. */
enum rb_err kit_save_by(struct store *s, struct kit *k, const struct user *who, char *errmsg);
/* The JSON of saved kit id (*body new) if who may read it: admins and recruiters any (who
 * NULL: the operator), an interviewer the kits they saved and those of the interviews they
 * sit on, a candidate none (RB_EDENIED). RB_ENOTFOUND. */
enum rb_err kit_get(struct store *s, long long id, const struct user *who, char **body,
                    char *errmsg);

/* The kit as JSON (docs/FORMATS.md). New reference. */
json_t *kit_to_json(const struct kit *k);

#endif
