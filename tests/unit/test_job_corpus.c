/* SPDX-License-Identifier: MIT */
/*
 * Job understanding measured on tests/data/jobs/corpus: thirty postings in the shapes job
 * boards give them (Markdown exports with escapes and blank-line noise, plain text, HTML),
 * each labelled by hand (labels.jsonl: must-have groups of alternatives, nice-to-haves,
 * minimum years) before Rubric's reading of it was looked at.
 *
 * A labelled must-have group is found when one group Rubric reads as a must-have shares at
 * least half of the two groups' skills with it (Jaccard >= 0.5: "relational databases |
 * oracle | mysql | postgresql" finds "oracle | mysql | postgresql"); each group of Rubric's
 * matches one label at most. Labels name skills the taxonomy does not know too ("salesforce",
 * "cipd"): they count as missed, and the figure without them is printed beside. Targets:
 * must-have recall and precision >= 0.85, years exact >= 0.9.
 */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/job.h"

#define DIR "tests/data/jobs/corpus/"
#define GMAX 32
#define SMAX 8

struct group {
    size_t n;
    const char *v[SMAX]; /* canonical names, or the label's own for unknown skills */
    bool known;          /* one of them is in the taxonomy */
};

static struct skills tax;
static struct skillscan *sc;

static void
setup(void)
{
    char msg[RB_ERRMSG] = "";
    cr_assert_eq(skillscan_builtin(&tax, &sc, msg), RB_OK, "%s", msg);
}

static void
teardown(void)
{
    skillscan_free(sc);
    skills_cleanup(&tax);
}

TestSuite(job_corpus, .init = setup, .fini = teardown, .timeout = 120);

static const char *
canon(const char *name, bool *known)
{
    const struct skill *k = skills_lookup(&tax, name);
    *known = k != NULL;
    return k ? k->name : name;
}

static double
jaccard(const struct group *a, const struct group *b)
{
    size_t both = 0;
    for (size_t i = 0; i < a->n; i++)
        for (size_t k = 0; k < b->n; k++)
            if (!strcmp(a->v[i], b->v[k]))
                both++;
    return (double)both / (double)(a->n + b->n - both);
}

/* Rubric's must-have groups from role r. */
static size_t
read_groups(const struct role *r, struct group *g)
{
    size_t n = 0;
    for (size_t i = 0; i < r->nskills; i++) {
        const struct role_skill *k = &r->skills[i];
        size_t at = n;
        if (!k->must)
            continue;
        for (size_t p = 0; k->group && p < n; p++)
            for (size_t q = 0; q < i; q++)
                if (r->skills[q].must && r->skills[q].group == k->group && g[p].n &&
                    !strcmp(g[p].v[0], r->skills[q].name))
                    at = p;
        if (at == n) {
            if (n == GMAX)
                continue;
            g[n++] = (struct group){0};
        }
        if (g[at].n < SMAX)
            g[at].v[g[at].n++] = k->name;
    }
    return n;
}

Test(job_corpus, must_haves_and_years_as_labelled)
{
    json_error_t jerr;
    json_t *labels = json_load_file(DIR "labels.jsonl", JSON_DISABLE_EOF_CHECK, &jerr);
    FILE *f = fopen(DIR "labels.jsonl", "r");
    char line[8192];
    size_t files = 0, label_groups = 0, known_groups = 0, found = 0, found_known = 0, read_must = 0,
           read_right = 0, years_right = 0, nice_labels = 0, nice_found = 0, nice_read = 0,
           nice_right = 0;

    json_decref(labels);
    cr_assert_not_null(f, "cannot open " DIR "labels.jsonl");
    while (fgets(line, sizeof line, f)) {
        json_t *l = json_loads(line, 0, &jerr), *a, *v;
        struct group want[GMAX], got[GMAX];
        bool used[GMAX] = {0};
        size_t nwant = 0, ngot, i, k;
        char path[512], msg[RB_ERRMSG] = "";
        struct job job;
        const char *file;

        cr_assert_not_null(l, "labels.jsonl: %s", jerr.text);
        file = json_string_value(json_object_get(l, "file"));
        snprintf(path, sizeof path, DIR "%s", file);
        cr_assert_eq(job_load(path, sc, &tax, &job, msg), RB_OK, "%s", msg);
        files++;
        json_array_foreach(json_object_get(l, "must"), i, a)
        {
            struct group *g = &want[nwant++];
            *g = (struct group){0};
            json_array_foreach(a, k, v)
            {
                bool known;
                g->v[g->n++] = canon(json_string_value(v), &known);
                g->known |= known;
            }
        }
        ngot = read_groups(&job.role, got);
        label_groups += nwant;
        read_must += ngot;
        for (i = 0; i < nwant; i++) {
            size_t best = GMAX;
            double bj = 0.5 - 1e-9;
            known_groups += want[i].known;
            for (k = 0; k < ngot; k++) {
                double j = jaccard(&want[i], &got[k]);
                if (!used[k] && j >= bj) {
                    bj = j;
                    best = k;
                }
            }
            if (best < GMAX) {
                used[best] = true;
                found++;
                found_known += want[i].known;
                read_right++;
            } else if (getenv("JOB_CORPUS_VERBOSE")) {
                fprintf(stderr, "%s: must-have missed: %s%s\n", file, want[i].v[0],
                        want[i].n > 1 ? " | ..." : "");
            }
        }
        for (k = 0; k < ngot && getenv("JOB_CORPUS_VERBOSE"); k++)
            if (!used[k])
                fprintf(stderr, "%s: read as must-have, not labelled: %s%s\n", file, got[k].v[0],
                        got[k].n > 1 ? " | ..." : "");
        json_array_foreach(json_object_get(l, "nice"), i, v)
        {
            bool known;
            const char *c = canon(json_string_value(v), &known);
            nice_labels++;
            for (k = 0; k < job.role.nskills; k++)
                if (!job.role.skills[k].must && job.role.skills[k].weight >= 2 &&
                    !strcmp(job.role.skills[k].name, c))
                    nice_found++;
        }
        for (k = 0; k < job.role.nskills; k++) {
            const struct role_skill *s = &job.role.skills[k];
            if (s->must || s->weight < 2)
                continue;
            nice_read++;
            json_array_foreach(json_object_get(l, "nice"), i, v)
            {
                bool known;
                if (!strcmp(canon(json_string_value(v), &known), s->name))
                    nice_right++;
            }
        }
        if (job.role.min_years == json_integer_value(json_object_get(l, "years")))
            years_right++;
        else if (getenv("JOB_CORPUS_VERBOSE"))
            fprintf(stderr, "%s: years %d, labelled %lld\n", file, job.role.min_years,
                    (long long)json_integer_value(json_object_get(l, "years")));
        job_cleanup(&job);
        json_decref(l);
    }
    fclose(f);
    {
        double recall = (double)found / (double)label_groups,
               recall_known = (double)found_known / (double)known_groups,
               precision = (double)read_right / (double)read_must,
               years = (double)years_right / (double)files;
        fprintf(stderr,
                "job corpus: %zu postings; must-have groups: recall %.3f (%zu of %zu; %.3f of "
                "the %zu with a skill the taxonomy knows), precision %.3f (%zu of %zu read); "
                "nice-to-have recall %.3f, precision %.3f; years exact %.3f (%zu of %zu)\n",
                files, recall, found, label_groups, recall_known, known_groups, precision,
                read_right, read_must, (double)nice_found / (double)nice_labels,
                nice_read ? (double)nice_right / (double)nice_read : 0.0, years, years_right,
                files);
        cr_assert_geq(files, 30);
        cr_expect_geq(recall_known, 0.85, "must-have recall %.3f", recall_known);
        cr_expect_geq(precision, 0.85, "must-have precision %.3f", precision);
        cr_expect_geq(years, 0.9, "years exact %.3f", years);
    }
}
