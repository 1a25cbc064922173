/* SPDX-License-Identifier: MIT */
/*
 * `rubric job show FILE [--json]`: what Rubric reads from a job posting (core/job.c), each
 * criterion with the line it came from, so that a recruiter can check it before a
 * screening and correct it with `rubric screen --must/--nice/--years`.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd/cmd.h"
#include "core/job.h"

static const char job_usage[] = "usage: rubric job show FILE [--json]\n\n"
                                "  show   the criteria read from a job posting, with their lines\n";

static const struct option show_opts[] = {
    {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {0}};
static const struct cmd_spec show_spec = {
    "job show", "h", show_opts,
    "usage: rubric job show FILE [--json]\n\n"
    "Prints what Rubric reads from a job posting (text, Markdown, HTML, DOCX, PDF, or a JSON\n"
    "Resume job): the title and level, the must-have skills (alternatives joined by '|',\n"
    "with the years asked of them), the nice-to-haves and the minimum years, each with the\n"
    "line it came from, and warnings. 'rubric screen --job FILE' uses the same criteria;\n"
    "change them there with --must, --nice and --years.\n\n"
    "  --json   the same as JSON\n\n"
    "Exit: 0; 1 when the file is not a job; 4 when it cannot be read.\n"};

/* "  text                      line N: source" */
static void
print_item(const char *what, const json_t *line, const json_t *text)
{
    if (json_integer_value(line) > 0)
        printf("  %-34s line %lld: %s\n", what, (long long)json_integer_value(line),
               json_is_string(text) ? json_string_value(text) : "");
    else
        printf("  %s\n", what);
}

static void
print_table(const json_t *o)
{
    size_t i, k;
    const json_t *g, *v;
    char what[256];
    printf("%s (%s)\n",
           json_is_string(json_object_get(o, "title"))
               ? json_string_value(json_object_get(o, "title"))
               : "(no title)",
           json_string_value(json_object_get(o, "level")));
    printf("must-have%s\n", json_array_size(json_object_get(o, "must_have")) ? ":" : ": none");
    json_array_foreach(json_object_get(o, "must_have"), i, g)
    {
        size_t n = 0;
        long long years = json_integer_value(json_object_get(g, "years"));
        what[0] = '\0';
        json_array_foreach(json_object_get(g, "any_of"), k, v)
        {
            n += (size_t)snprintf(what + n, n < sizeof what ? sizeof what - n : 0, "%s%s",
                                  k ? " | " : "", json_string_value(v));
            if (n >= sizeof what)
                n = sizeof what - 1;
        }
        if (years)
            snprintf(what + n, sizeof what - n, " (%lld+ years)", years);
        print_item(what, json_object_get(g, "line"), json_object_get(g, "text"));
    }
    printf("nice-to-have%s\n",
           json_array_size(json_object_get(o, "nice_to_have")) ? ":" : ": none");
    json_array_foreach(json_object_get(o, "nice_to_have"), i, v)
    {
        snprintf(what, sizeof what, "%s (weight %lld)",
                 json_string_value(json_object_get(v, "skill")),
                 (long long)json_integer_value(json_object_get(v, "weight")));
        print_item(what, json_object_get(v, "line"), json_object_get(v, "text"));
    }
    snprintf(what, sizeof what, "at least %lld",
             (long long)json_integer_value(json_object_get(o, "min_years")));
    printf("years:\n");
    v = json_object_get(o, "min_years_from");
    print_item(what, json_object_get(v, "line"), json_object_get(v, "text"));
    if (json_integer_value(json_object_get(o, "min_comparable_years")))
        printf("  %lld of them in a comparable role\n",
               (long long)json_integer_value(json_object_get(o, "min_comparable_years")));
    json_array_foreach(json_object_get(o, "warnings"), i, v)
    {
        printf("warning: %s\n", json_string_value(v));
    }
}

static int
job_show(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct skills tax;
    struct skillscan *sc = NULL;
    struct job job;
    char msg[RB_ERRMSG] = "";
    bool as_json = false;
    int c, rc = 0;
    enum rb_err e;
    json_t *o;

    (void)ctx;
    while ((c = cmd_getopt(&show_spec, argc, argv, &rc)) > 0)
        if (c == 'j')
            as_json = true;
    if (c < 0)
        return rc;
    if (argc - optind != 1)
        return cmd_usage("job show", "give one job file");
    if (skillscan_builtin(&tax, &sc, msg))
        return cmd_fail(RB_EINTERNAL, msg);
    e = job_load(argv[optind], sc, &tax, &job, msg);
    if (e) {
        rc = cmd_fail(e, msg);
        goto out;
    }
    o = job_to_json(&job, argv[optind]);
    if (as_json) {
        rc = cmd_print_json(o);
    } else {
        print_table(o);
        json_decref(o);
    }
    job_cleanup(&job);
out:
    skillscan_free(sc);
    skills_cleanup(&tax);
    return rc;
}

static const struct cmd_sub sub[] = {{"show", job_show}};

int
cmd_job(struct cmd_ctx *ctx, int argc, char **argv)
{
    return cmd_dispatch(ctx, argc, argv, "job", sub, sizeof sub / sizeof sub[0], job_usage);
}
