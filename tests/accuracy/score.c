/* SPDX-License-Identifier: MIT */
/*
 * Scores `rubric parse --json` against labels (the JSON lines of accuracy-gen and of the
 * hand-written cases), by format, by layout and overall:
 *
 *   accuracy-score [-v] LABELS.jsonl... PARSED.jsonl
 *
 * Skills: precision, recall and F1 over (file, skill) pairs, for labels whose "skills" is
 * not null. Dates: a labelled position counts when a parsed position has the same start and
 * end months (one parsed position for one labelled); the share is over the larger of the
 * labelled and parsed counts of each file, so missed and invented positions both cost.
 * Experience: the share of files whose experience_years is within 0.5 of the label. A
 * labelled file that the parse lacks or could not read scores nothing. Exit 1 when an
 * overall target is missed (skill F1 0.95, dates 95%, experience 95%), 2 on bad input.
 *
 * Labels with an "eval" key are evaluations of their own, kept out of the overall row and
 * shown below it by layout and as a total: "themes" (JSON Resumes printed to PDF by npm
 * themes: experience within one year for 90% of the files) and "docx" (Word documents with
 * tables, text boxes, headers and footers: a dated position found, i.e. a labelled position
 * with its start and end months, in 90% of the files). Both count toward the exit code.
 * Their rows also show the share of labelled positions found with their dates whose title
 * and company were both read exactly ("title+co"; no target).
 */
#include <jansson.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TARGET_F1 0.95
#define TARGET_DATES 0.95
#define TARGET_YEARS 0.95
#define TARGET_THEME_YEARS 0.90
#define TARGET_DOCX_DATED 0.90

struct tally {
    char name[32];
    int kind; /* 0 overall, 1 format, 2 layout, 3 an evaluation's layout, 4 its total */
    long files, tp, fp, fn, pos_ok, pos_of, years_ok, years_of, year1_ok, dated, named_ok, named_of;
};

static struct tally groups[64];
static size_t ngroups;
static bool verbose;

static struct tally *
group(const char *name, int kind)
{
    for (size_t i = 0; i < ngroups; i++)
        if (!strcmp(groups[i].name, name))
            return &groups[i];
    if (ngroups == sizeof groups / sizeof groups[0])
        return &groups[0];
    snprintf(groups[ngroups].name, sizeof groups[ngroups].name, "%s", name);
    groups[ngroups].kind = kind;
    return &groups[ngroups++];
}

static const char *
base(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static const char *
format_of(const char *file)
{
    const char *dot = strrchr(file, '.');
    return dot ? dot + 1 : "?";
}

/* Reads JSON lines from path, appending each object to into. */
static int
read_lines(const char *path, json_t *into)
{
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int no = 0;
    if (!f) {
        perror(path);
        return -1;
    }
    while ((n = getline(&line, &cap, f)) > 0) {
        json_error_t err;
        json_t *o;
        no++;
        if (n <= 1)
            continue;
        o = json_loadb(line, (size_t)n, 0, &err);
        if (!json_is_object(o)) {
            fprintf(stderr, "%s:%d: not a JSON object: %s\n", path, no, err.text);
            json_decref(o);
            free(line);
            fclose(f);
            return -1;
        }
        json_array_append_new(into, o);
    }
    free(line);
    fclose(f);
    return 0;
}

static bool
has_string(json_t *arr, const char *key, const char *s)
{
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v)
    {
        const char *t = key ? json_string_value(json_object_get(v, key)) : json_string_value(v);
        if (t && !strcmp(t, s))
            return true;
    }
    return false;
}

static bool
same_end(json_t *a, json_t *b)
{
    if (json_is_null(a) || json_is_null(b))
        return json_is_null(a) && json_is_null(b);
    return json_is_string(a) && json_is_string(b) &&
           !strcmp(json_string_value(a), json_string_value(b));
}

static void
score(json_t *label, json_t *parsed)
{
    const char *file = json_string_value(json_object_get(label, "file"));
    const char *layout = json_string_value(json_object_get(label, "layout"));
    const char *eval = json_string_value(json_object_get(label, "eval"));
    struct tally *t[3];
    json_t *want = json_object_get(label, "skills"), *got = json_object_get(parsed, "skills");
    json_t *lp = json_object_get(label, "positions"), *pp = json_object_get(parsed, "positions");
    long tp = 0, fp = 0, fn = 0, ok = 0, of, yok, y1ok, named_ok = 0, named_of = 0;
    size_t i, j, np = json_array_size(pp);
    json_t *v;
    bool *used = calloc(np + 1, sizeof *used);
    double ly = json_number_value(json_object_get(label, "experience_years"));
    double py = json_number_value(json_object_get(parsed, "experience_years"));

    if (!used)
        abort();
    if (json_is_array(want)) {
        json_array_foreach(want, i, v)
        {
            if (has_string(got, "skill", json_string_value(v)))
                tp++;
            else {
                fn++;
                if (verbose)
                    printf("%s: missed skill %s\n", file, json_string_value(v));
            }
        }
        json_array_foreach(got, i, v)
        {
            const char *s = json_string_value(json_object_get(v, "skill"));
            if (s && !has_string(want, NULL, s)) {
                fp++;
                if (verbose)
                    printf("%s: extra skill %s\n", file, s);
            }
        }
    }
    json_array_foreach(lp, i, v)
    {
        const char *st = json_string_value(json_object_get(v, "start"));
        const char *lt = json_string_value(json_object_get(v, "title"));
        const char *lc = json_string_value(json_object_get(v, "company"));
        bool hit = false;
        named_of += lt && lc;
        for (j = 0; j < np && !hit; j++) {
            json_t *q = json_array_get(pp, j);
            const char *qs = json_string_value(json_object_get(q, "start"));
            if (!used[j] && st && qs && !strcmp(st, qs) &&
                same_end(json_object_get(v, "end"), json_object_get(q, "end"))) {
                const char *qt = json_string_value(json_object_get(q, "title"));
                const char *qc = json_string_value(json_object_get(q, "company"));
                used[j] = hit = true;
                if (lt && lc && qt && qc && !strcmp(lt, qt) && !strcmp(lc, qc))
                    named_ok++;
                else if (lt && lc && verbose)
                    printf("%s: position %s read as \"%s\" at \"%s\", labelled \"%s\" at \"%s\"\n",
                           file, st, qt ? qt : "", qc ? qc : "", lt, lc);
            }
        }
        ok += hit;
        if (!hit && verbose)
            printf("%s: missed position %s..%s\n", file, st ? st : "?",
                   json_string_value(json_object_get(v, "end"))
                       ? json_string_value(json_object_get(v, "end"))
                       : "now");
    }
    for (j = 0; j < np && verbose; j++)
        if (!used[j])
            printf("%s: extra position %s..%s\n", file,
                   json_string_value(json_object_get(json_array_get(pp, j), "start")),
                   json_string_value(json_object_get(json_array_get(pp, j), "end"))
                       ? json_string_value(json_object_get(json_array_get(pp, j), "end"))
                       : "now");
    free(used);
    of = (long)(json_array_size(lp) > np ? json_array_size(lp) : np);
    yok = parsed && fabs(ly - py) <= 0.5 + 1e-9;
    y1ok = parsed && fabs(ly - py) <= 1.0 + 1e-9;
    if (!yok && verbose)
        printf("%s: experience %.2f, labelled %.2f\n", file, py, ly);
    if (eval) {
        char total[32];
        snprintf(total, sizeof total, "%s (all)", eval);
        t[0] = group(layout ? layout : eval, 3);
        t[1] = group(total, 4);
    } else {
        t[0] = group(format_of(file), 1);
        t[1] = group(layout ? layout : "hand", 2);
        t[2] = group("all", 0);
    }
    for (int k = 0; k < (eval ? 2 : 3); k++) {
        t[k]->files++;
        t[k]->tp += tp;
        t[k]->fp += fp;
        t[k]->fn += fn;
        t[k]->pos_ok += ok;
        t[k]->pos_of += of;
        t[k]->years_ok += yok;
        t[k]->years_of++;
        t[k]->year1_ok += y1ok;
        t[k]->dated += ok > 0;
        t[k]->named_ok += named_ok;
        t[k]->named_of += named_of;
    }
}

static double
ratio(long a, long b)
{
    return b ? (double)a / (double)b : 1.0;
}

static double
f1(const struct tally *t)
{
    double p = ratio(t->tp, t->tp + t->fp), r = ratio(t->tp, t->tp + t->fn);
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

static void
row(const struct tally *t)
{
    printf("%-22s %5ld | %6.3f %6.3f %6.3f | %5ld/%-5ld %6.1f%% | %4ld/%-4ld %6.1f%%\n", t->name,
           t->files, ratio(t->tp, t->tp + t->fp), ratio(t->tp, t->tp + t->fn), f1(t), t->pos_ok,
           t->pos_of, 100 * ratio(t->pos_ok, t->pos_of), t->years_ok, t->years_of,
           100 * ratio(t->years_ok, t->years_of));
}

/* An evaluation's row: the columns of row() and then experience within one year, the files
 * with a dated position found, and the positions found whose title and company were read. */
static void
eval_row(const struct tally *t)
{
    printf("%-22s %5ld | %6.3f %6.3f %6.3f | %5ld/%-5ld %6.1f%% | %4ld/%-4ld %6.1f%% | %6.1f%% | "
           "%6.1f%% | %6.1f%%\n",
           t->name, t->files, ratio(t->tp, t->tp + t->fp), ratio(t->tp, t->tp + t->fn), f1(t),
           t->pos_ok, t->pos_of, 100 * ratio(t->pos_ok, t->pos_of), t->years_ok, t->years_of,
           100 * ratio(t->years_ok, t->years_of), 100 * ratio(t->year1_ok, t->files),
           100 * ratio(t->dated, t->files), 100 * ratio(t->named_ok, t->named_of));
}

/* The evaluations' rows, each target checked on its total; 1 when one is missed. */
static int
evals(void)
{
    int rc = 0;
    bool any = false;
    for (size_t g = 1; g < ngroups; g++)
        any |= groups[g].kind >= 3;
    if (!any)
        return 0;
    printf("\n%-22s %5s | %6s %6s %6s | %19s | %18s | %7s | %7s | %8s\n", "evaluation", "files",
           "skillP", "skillR", "F1", "position dates", "experience +-0.5", "+-1 yr", "dated",
           "title+co");
    for (int kind = 3; kind <= 4; kind++) {
        for (size_t g = 1; g < ngroups; g++)
            if (groups[g].kind == kind)
                eval_row(&groups[g]);
    }
    for (size_t g = 1; g < ngroups; g++) {
        const struct tally *t = &groups[g];
        if (t->kind != 4)
            continue;
        if (!strncmp(t->name, "themes", 6) && ratio(t->year1_ok, t->files) < TARGET_THEME_YEARS) {
            printf("target missed: theme-rendered PDFs with experience within one year "
                   "%.1f%% < %.0f%%\n",
                   100 * ratio(t->year1_ok, t->files), 100 * TARGET_THEME_YEARS);
            rc = 1;
        }
        if (!strncmp(t->name, "docx", 4) && ratio(t->dated, t->files) < TARGET_DOCX_DATED) {
            printf("target missed: DOCX with a dated position found %.1f%% < %.0f%%\n",
                   100 * ratio(t->dated, t->files), 100 * TARGET_DOCX_DATED);
            rc = 1;
        }
    }
    return rc;
}

int
main(int argc, char **argv)
{
    json_t *labels = json_array(), *parsed = json_array(), *v;
    int first = 1, rc = 0;
    size_t i;
    const struct tally *all;

    if (argc > 1 && !strcmp(argv[1], "-v")) {
        verbose = true;
        first = 2;
    }
    if (argc - first < 2) {
        fprintf(stderr, "usage: accuracy-score [-v] LABELS.jsonl... PARSED.jsonl\n");
        return 2;
    }
    for (int a = first; a < argc - 1; a++)
        if (read_lines(argv[a], labels))
            return 2;
    if (read_lines(argv[argc - 1], parsed))
        return 2;
    group("all", 0);
    json_array_foreach(labels, i, v)
    {
        const char *file = json_string_value(json_object_get(v, "file"));
        json_t *match = NULL, *p;
        size_t j;
        if (!file) {
            fprintf(stderr, "accuracy-score: a label without \"file\"\n");
            return 2;
        }
        json_array_foreach(parsed, j, p)
        {
            const char *pf = json_string_value(json_object_get(p, "file"));
            if (pf && !strcmp(base(pf), file) && !json_object_get(p, "error"))
                match = p;
        }
        if (!match && verbose)
            printf("%s: not parsed\n", file);
        score(v, match);
    }
    printf("%-22s %5s | %6s %6s %6s | %19s | %18s\n", "group", "files", "skillP", "skillR", "F1",
           "position dates", "experience +-0.5");
    for (int kind = 1; kind <= 2; kind++) {
        for (size_t g = 1; g < ngroups; g++)
            if (groups[g].kind == kind)
                row(&groups[g]);
        printf("\n");
    }
    all = &groups[0];
    row(all);
    printf("%-22s positions found with their title and company read: %ld/%ld %.1f%%\n", "",
           all->named_ok, all->named_of, 100 * ratio(all->named_ok, all->named_of));
    if (f1(all) < TARGET_F1) {
        printf("target missed: skill F1 %.3f < %.2f\n", f1(all), TARGET_F1);
        rc = 1;
    }
    if (ratio(all->pos_ok, all->pos_of) < TARGET_DATES) {
        printf("target missed: exact position dates %.1f%% < %.0f%%\n",
               100 * ratio(all->pos_ok, all->pos_of), 100 * TARGET_DATES);
        rc = 1;
    }
    if (ratio(all->years_ok, all->years_of) < TARGET_YEARS) {
        printf("target missed: experience within 0.5 years %.1f%% < %.0f%%\n",
               100 * ratio(all->years_ok, all->years_of), 100 * TARGET_YEARS);
        rc = 1;
    }
    if (evals())
        rc = 1;
    json_decref(labels);
    json_decref(parsed);
    return rc;
}
