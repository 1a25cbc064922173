/* SPDX-License-Identifier: MIT */
/*
 * Fairness you can show: the adverse-impact report (selection rates by self-identified
 * group at one decision point, impact ratios against the most selected group, the
 * four-fifths flag, Fisher's exact test, small groups suppressed) and the score audits that
 * need no demographics (how far each screening feature moves the ranking; which ranks
 * blind mode changes). The arithmetic is pure and checked against figures worked by hand
 * (tests/unit/test_fairness.c); the formulas and their sources are in docs/FAIRNESS.md.
 * Only who selfid_may_read allows gets a report; nothing in it names a person. Nothing here
 * prints.
 */
#ifndef RUBRIC_CORE_FAIRNESS_H
#define RUBRIC_CORE_FAIRNESS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/selfid.h"
#include "core/user.h"
#include "store/store.h"
#include "util/buf.h"

/* Groups with fewer people than this at the decision point are counted but not shown. */
#define FAIRNESS_MIN_GROUP 5
#define FAIRNESS_MIN_GROUP_MAX 100000
/* A scoring criterion correlated with a self-identified group at least this much is flagged as
 * a possible proxy (docs/FAIRNESS.md). */
#define FAIRNESS_PROXY_R 0.3
/* The decision points besides the stage kinds screened, interviewing, offer and hired. */
#define FAIRNESS_SCREENING "screening"
#define FAIRNESS_STAGES "screening, screened, interviewing, offer or hired"

/* ---- the arithmetic (pure) ---- */

/* The two-sided p-value of Fisher's exact test for the table [[a, b], [c, d]]: the sum of
 * the probabilities, under the hypergeometric distribution with the table's margins, of
 * every table no more probable than this one (with a relative tolerance of 1e-7), each
 * computed from log-factorials. 1 for an empty table. */
double fairness_fisher(long long a, long long b, long long c, long long d);

/* One group's counts at a decision point. */
struct fairness_count {
    const char *group;
    long long entered, passed;
};

/* The table of one category as a new object: {"groups": [{"group", "entered", "passed",
 * "rate", "impact_ratio" (null when the reference group selected nobody), "reference"
 * (the most selected group; ties go to the first in g), "four_fifths" (true when the
 * ratio is under 4/5, decided on whole numbers: 5 * passed * entered_ref < 4 * entered *
 * passed_ref), "p_value" (Fisher's test against the reference group; null for it)}],
 * "suppressed": {"groups", "entered"} (groups under min_group: how many and how many
 * people, no outcomes), "reference" (its name or null)}. Groups with nobody entered are
 * left out. */
json_t *fairness_table(const struct fairness_count *g, size_t n, long long min_group);

/* Kendall's tau-b between two rankings of the same n items (x[i] and y[i]: item i's
 * scores; higher ranks first), ties counted as neither concordant nor discordant. 1 when
 * n < 2 or either is constant. */
double fairness_kendall(const double *x, const double *y, size_t n);

/* Ranks of n scores, best first from 1 (ties by position, so by the order given): rank[i]
 * is item i's. */
void fairness_ranks(const double *score, size_t n, size_t *rank);

/* ---- score audits, without demographics ---- */

/* The most results of a screening an audit reads (the best first). */
#define FAIRNESS_AUDIT_MAX 5000

/* For screening id (done or not, its scored results, FAIRNESS_AUDIT_MAX at most): for
 * each scoring criterion, the ranking with it removed (its points taken out; the
 * must-haves also take their penalty with them) against the real one: {"criterion",
 * "kendall_tau", "mean_rank_shift", "max_rank_shift", "moved": [{"resume", "rank",
 * "rank_without"}] (the five that moved most)}; and, when compare is not 0, the same
 * resumes ranked by the other screening (run with blind mode the other way): {"screening",
 * "blind", "common", "kendall_tau", "mean_rank_shift", "changed": [{"resume", "rank",
 * "rank_other"}] (the ten that moved most)}. *out new: {"screening", "blind", "role",
 * "results", "features": [...], "blind_comparison": {...} or null, "proxies", "notes"}.
 * "proxies", for who selfid_may_read only (else null; the read is recorded in the audit
 * log): each criterion's point-biserial correlation with being in each self-identified
 * group of the results' candidates, tested where the group and the rest each hold at least
 * min_group (FAIRNESS_MIN_GROUP when 0) people: {"threshold", "min_group", "tested",
 * "not_tested", "flagged": [{"criterion", "category", "group", "correlation", "in_group",
 * "others"}] (|r| >= FAIRNESS_PROXY_R)}. Resumes are named by id only. RB_ENOTFOUND; RB_EDENIED for
 * who but admins and recruiters. */
enum rb_err fairness_audit(struct store *s, long long id, long long compare, long long min_group,
                           const struct user *who, json_t **out, char *errmsg);

/* ---- the report ---- */

struct fairness_opts {
    const char *stage;   /* FAIRNESS_STAGES */
    double threshold;    /* screening: the score to pass (0 to 1) */
    const char *since;   /* YYYY-MM-DD or a UTC time; NULL: all */
    const char *role;    /* a role slug; NULL: all */
    long long opening;   /* 0: all */
    long long min_group; /* FAIRNESS_MIN_GROUP when 0 */
};

/* The adverse-impact report for who (selfid_may_read, else RB_EDENIED) as a new object:
 * {"decision": {"stage", "threshold"?, "since", "role", "opening"}, "min_group",
 * "applications" (those counted at the decision point), "categories": [{"category",
 * "not_reported": {"entered", "passed"} (prefer not to say, or not given), and
 * fairness_table's fields}], "intersections": [the same, for each pair of categories],
 * "notes": [text]}. Recorded in the audit log as a 'view' of "fairness report" before it
 * is returned. RB_EINVAL naming the option at fault. */
enum rb_err fairness_report(struct store *s, const struct selfid_config *c,
                            const struct fairness_opts *o, const struct user *who, json_t **out,
                            char *errmsg);

#endif
