/* SPDX-License-Identifier: MIT */
/* `rubric parse`: what Rubric understands of resume files (src/extract, src/resume). */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/skills.h"
#include "extract/extract.h"
#include "resume/resume.h"

static const struct option parse_opts[] = {{"json", no_argument, NULL, 'j'},
                                           {"today", required_argument, NULL, 't'},
                                           {"help", no_argument, NULL, 'h'},
                                           {0}};
static const struct cmd_spec parse_spec = {
    "parse", "h", parse_opts,
    "usage: rubric parse FILE... [--json] [--today YYYY-MM]\n\n"
    "Reads each resume (PDF, DOCX, text, Markdown, HTML, JSON Resume) and prints what was\n"
    "understood: name, email, phone, links, dated positions with title and company,\n"
    "experience (the union of the positions' intervals), skills of the taxonomy with their\n"
    "mentions and last year used, education, and warnings where a person should look. A\n"
    "file that cannot be read gets a one-line reason and the others are still read.\n\n"
    "  --json   one JSON object a line (docs/FORMATS.md); a file that cannot be read gives\n"
    "           {\"file\", \"error\"}\n"
    "  --today YYYY-MM\n"
    "           the month that closes current positions (\"Jan 2020 - Present\"), for\n"
    "           results that do not change with the calendar; default: this month (UTC)\n\n"
    "Exit status: 0 when every file was read, 1 when any could not be.\n"};

static void
print_resume(const char *file, const char *format, const struct resume *r, const struct skills *tax)
{
    char a[16], b[16];
    printf("%s (%s)\n", file, format);
    printf("  name:       %s\n", r->name ? r->name : "-");
    printf("  email:      %s\n", r->email ? r->email : "-");
    printf("  phone:      %s\n", r->phone ? r->phone : "-");
    for (size_t i = 0; i < r->nlinks; i++)
        printf("  link:       %s\n", r->links[i]);
    printf("  experience: %.1f years\n", r->experience_months / 12.0);
    for (size_t i = 0; i < r->npositions; i++) {
        const struct position *p = &r->positions[i];
        dates_format(p->range.start, a, sizeof a);
        if (p->range.present)
            snprintf(b, sizeof b, "present");
        else
            dates_format(p->range.end, b, sizeof b);
        printf("  position:   %s to %s  %s%s%s\n", a, b, p->title ? p->title : "?",
               p->company ? " at " : "", p->company ? p->company : "");
    }
    if (r->nskills) {
        printf("  skills:    ");
        for (size_t i = 0; i < r->nskills; i++)
            printf(" %s", tax->v[r->skills[i].skill].name);
        putchar('\n');
    }
    for (size_t i = 0; i < r->nwarnings; i++)
        printf("  warning:    %s\n", r->warnings[i]);
}

/* "2026-11" into *out: a year of dates.h's range and a month 1 to 12. */
static bool
parse_month(const char *s, struct ym *out)
{
    char *end;
    long y = strtol(s, &end, 10), m;
    if (end != s + 4 || *end != '-')
        return false;
    m = strtol(end + 1, &end, 10);
    if (*end || end != s + 7 || y < 1950 || y > 2100 || m < 1 || m > 12)
        return false;
    out->year = (int)y;
    out->month = (int)m;
    return true;
}

int
cmd_parse(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct skills tax;
    struct skillscan *sc = NULL;
    char msg[RB_ERRMSG] = "";
    bool json = false;
    int c, rc = 0, failed = 0;
    struct ym today = dates_today();

    (void)ctx;
    while ((c = cmd_getopt(&parse_spec, argc, argv, &rc)) > 0) {
        if (c == 'j')
            json = true;
        else if (c == 't' && !parse_month(optarg, &today))
            return cmd_usage("parse", "--today takes a month as YYYY-MM, not '%s'", optarg);
    }
    if (c < 0)
        return rc;
    if (optind >= argc)
        return cmd_usage("parse", "give one or more files");
    if (skillscan_builtin(&tax, &sc, msg))
        return cmd_fail(RB_EINTERNAL, msg);
    for (int i = optind; i < argc; i++) {
        struct extracted e;
        struct resume r;
        enum rb_err err = extract_file(argv[i], NULL, &e, msg);
        if (!err) {
            err = resume_parse(e.text, e.len, sc, today, &r, msg);
            if (err)
                extracted_cleanup(&e);
        }
        if (err) {
            failed++;
            cmd_error("cannot read %s: %s", argv[i], msg);
            if (json)
                cmd_print_jsonl(json_pack("{s:s, s:s}", "file", argv[i], "error", msg));
            continue;
        }
        if (e.note) {
            char note[256];
            snprintf(note, sizeof note, "%s", e.note);
            r.warnings = realloc(r.warnings, (r.nwarnings + 1) * sizeof *r.warnings);
            r.warnings[r.nwarnings++] = strdup(note);
        }
        if (json)
            cmd_print_jsonl(resume_to_json(&r, &tax, argv[i], doc_format_name(e.format)));
        else
            print_resume(argv[i], doc_format_name(e.format), &r, &tax);
        resume_cleanup(&r);
        extracted_cleanup(&e);
    }
    skillscan_free(sc);
    skills_cleanup(&tax);
    return failed ? RB_EXIT_PROBLEMS : 0;
}
