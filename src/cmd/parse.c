/* SPDX-License-Identifier: MIT */
/*
 * `rubric parse`: what Rubric understands of resume files (src/extract, src/resume). Files
 * are read one at a time and forgotten once printed, and a folder is read entry by entry,
 * so memory stays flat however many resumes there are (docs/BENCHMARKS.md measures it).
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd/cmd.h"
#include "extract/extract.h"
#include "model/skills.h"
#include "resume/resume.h"
#include "util/buf.h"
#include "util/fs.h"

static const struct option parse_opts[] = {{"json", no_argument, NULL, 'j'},
                                           {"today", required_argument, NULL, 't'},
                                           {"help", no_argument, NULL, 'h'},
                                           {0}};
static const struct cmd_spec parse_spec = {
    "parse", "h", parse_opts,
    "usage: rubric parse PATH... [--json] [--today YYYY-MM]\n\n"
    "Reads each resume (PDF, DOCX, text, Markdown, HTML, JSON Resume) named, or every file\n"
    "of a folder named (in the order the folder lists them; hidden files skipped), and\n"
    "prints what was understood: name, email, phone, links, dated positions with title and\n"
    "company, experience (the union of the positions' intervals), skills of the taxonomy\n"
    "with their mentions and last year used, education, and warnings where a person should\n"
    "look. A file that cannot be read gets a one-line reason and the others are still read.\n\n"
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
            dates_format_end(p->range.end, b, sizeof b);
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

/* What parsing needs from one file to the next. */
struct parse_run {
    struct skills tax;
    struct skillscan *sc;
    struct ym today;
    bool json;
    int failed;
    bool io_failed; /* a file or folder could not be read at all (exit 4, not 1) */
};

/* Reads, understands and prints one file; a failure is printed and counted. */
static void
parse_file(struct parse_run *pr, const char *path)
{
    struct extracted e;
    struct resume r;
    char msg[RB_ERRMSG] = "";
    enum rb_err err = extract_file(path, NULL, &e, msg);

    if (!err) {
        err = resume_parse(e.text, e.len, pr->sc, pr->today, &r, msg);
        if (err)
            extracted_cleanup(&e);
    }
    if (err) {
        pr->failed++;
        pr->io_failed |= err == RB_EIO;
        cmd_error("cannot read %s: %s", path, msg);
        if (pr->json)
            cmd_print_jsonl(json_pack("{s:s, s:s}", "file", path, "error", msg));
        return;
    }
    if (e.note) {
        char note[256];
        snprintf(note, sizeof note, "%s", e.note);
        r.warnings = realloc(r.warnings, (r.nwarnings + 1) * sizeof *r.warnings);
        r.warnings[r.nwarnings++] = strdup(note);
    }
    if (pr->json)
        cmd_print_jsonl(resume_to_json(&r, &pr->tax, path, doc_format_name(e.format)));
    else
        print_resume(path, doc_format_name(e.format), &r, &pr->tax);
    resume_cleanup(&r);
    extracted_cleanup(&e);
}

/* Every regular file directly in dir, one entry at a time as readdir gives them: no list of
 * names is kept, so a folder of 100,000 resumes costs what one does. */
static void
parse_dir(struct parse_run *pr, const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *ent;
    struct buf path;

    if (!d) {
        const char *why = strerror(errno);
        pr->failed++;
        pr->io_failed = true;
        cmd_error("cannot read %s: %s", dir, why);
        if (pr->json)
            cmd_print_jsonl(json_pack("{s:s, s:s}", "file", dir, "error", why));
        return;
    }
    buf_init(&path, 8192);
    while ((ent = readdir(d))) {
        struct stat st;
        bool regular = ent->d_type == DT_REG;
        if (ent->d_name[0] == '.')
            continue;
        if (fs_join(&path, dir, ent->d_name))
            continue;
        /* d_type saves a stat a file where the file system fills it in; links are followed */
        if (ent->d_type == DT_UNKNOWN || ent->d_type == DT_LNK)
            regular = stat(buf_str(&path), &st) == 0 && S_ISREG(st.st_mode);
        if (regular)
            parse_file(pr, buf_str(&path));
    }
    closedir(d);
    buf_cleanup(&path);
}

int
cmd_parse(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct parse_run pr = {.today = dates_today()};
    char msg[RB_ERRMSG] = "";
    int c, rc = 0;
    struct stat st;

    (void)ctx;
    while ((c = cmd_getopt(&parse_spec, argc, argv, &rc)) > 0) {
        if (c == 'j')
            pr.json = true;
        else if (c == 't' && !dates_parse_month(optarg, &pr.today))
            return cmd_usage("parse", "--today takes a month as YYYY-MM, not '%s'", optarg);
    }
    if (c < 0)
        return rc;
    if (optind >= argc)
        return cmd_usage("parse", "give one or more files or folders");
    if (skillscan_builtin(&pr.tax, &pr.sc, msg))
        return cmd_fail(RB_EINTERNAL, msg);
    for (int i = optind; i < argc; i++) {
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
            parse_dir(&pr, argv[i]);
        else
            parse_file(&pr, argv[i]);
    }
    skillscan_free(pr.sc);
    skills_cleanup(&pr.tax);
    return pr.io_failed ? RB_EXIT_IO : pr.failed ? RB_EXIT_PROBLEMS : 0;
}
