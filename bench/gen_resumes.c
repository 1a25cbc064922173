/* SPDX-License-Identifier: MIT */
/*
 * Writes the synthetic resumes of bench/synth.c to a folder, for the benchmarks that run
 * whole programs (rubric parse, pdftotext, npm's resume-parser) on files: DIR/r000001.txt
 * and on. With --labels FILE, FILE gets one line per skill put in a resume ("r000001",
 * canonical name, form written, 1 when the SKILLS list names it, tab-separated). With --ps,
 * one PostScript file DIR/resumes.ps instead of the text files, a resume a page, for
 * ghostscript to turn into one PDF a page (gs -sDEVICE=pdfwrite -o DIR/r%06d.pdf
 * DIR/resumes.ps names them alike).
 *
 * usage: gen_resumes [--small] [--ps] [--labels FILE] N DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/fs.h"

#include "synth.h"

/* Courier 7 pt: 110 characters fill 462 of A4's 595 points; a 5 KB resume fits one page. */
#define PS_COLUMNS 110

/* One line of text as a PostScript string, shown at the next line down. */
static void
ps_line(FILE *f, const char *s, size_t n)
{
    fputc('(', f);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '(' || s[i] == ')' || s[i] == '\\')
            fputc('\\', f);
        fputc(s[i], f);
    }
    fputs(") L\n", f);
}

/* A resume as one page, its long lines wrapped at a space. */
static void
ps_page(FILE *f, unsigned page, const char *text)
{
    fprintf(f, "%%%%Page: %u %u\n/y 812 def F setfont\n", page, page);
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        while (n > PS_COLUMNS) {
            size_t cut = PS_COLUMNS;
            while (cut > 0 && p[cut] != ' ')
                cut--;
            if (cut == 0)
                cut = PS_COLUMNS;
            ps_line(f, p, cut);
            p += cut;
            n -= cut;
            while (n > 0 && *p == ' ') {
                p++;
                n--;
            }
        }
        ps_line(f, p, n);
        p += n + (nl != NULL);
    }
    fputs("showpage\n", f);
}

int
main(int argc, char **argv)
{
    bool small = false, ps = false;
    const char *labels_path = NULL;
    int a = 1;
    unsigned long n;
    char path[4096], msg[RB_ERRMSG];
    struct synth_skill skills[SYNTH_MAX_SKILLS];
    struct buf b;
    FILE *labels = NULL, *psf = NULL;

    for (; a < argc && argv[a][0] == '-'; a++) {
        if (!strcmp(argv[a], "--small"))
            small = true;
        else if (!strcmp(argv[a], "--ps"))
            ps = true;
        else if (!strcmp(argv[a], "--labels") && a + 1 < argc)
            labels_path = argv[++a];
        else
            break;
    }
    if (argc - a != 2 || (n = strtoul(argv[a], NULL, 10)) < 1 || n > 1000000) {
        fprintf(stderr, "usage: gen_resumes [--small] [--ps] [--labels FILE] N DIR "
                        "(N from 1 to 1000000)\n");
        return 2;
    }
    if (fs_mkdirs(argv[a + 1], msg)) {
        fprintf(stderr, "gen_resumes: %s\n", msg);
        return 1;
    }
    if (labels_path && !(labels = fopen(labels_path, "w"))) {
        perror(labels_path);
        return 1;
    }
    if (ps) {
        snprintf(path, sizeof path, "%s/resumes.ps", argv[a + 1]);
        if (!(psf = fopen(path, "w"))) {
            perror(path);
            return 1;
        }
        fprintf(psf,
                "%%!PS-Adobe-3.0\n%%%%Pages: %lu\n%%%%EndComments\n"
                "/F /Courier findfont 7 scalefont def\n"
                "/L { 24 y moveto show /y y 8.2 sub def } def\n",
                n);
    }
    buf_init(&b, 1u << 20);
    for (unsigned i = 1; i <= n; i++) {
        size_t ns;
        buf_reset(&b);
        ns = synth_resume(i, small, &b, skills);
        for (size_t k = 0; labels && k < ns; k++)
            fprintf(labels, "r%06u\t%s\t%s\t%d\n", i, skills[k].name, skills[k].written,
                    skills[k].listed);
        if (ps) {
            ps_page(psf, i, buf_str(&b));
            continue;
        }
        snprintf(path, sizeof path, "%s/r%06u.txt", argv[a + 1], i);
        FILE *f = fopen(path, "w");
        if (!f || fwrite(buf_str(&b), 1, b.len, f) != b.len || fclose(f)) {
            perror(path);
            return 1;
        }
    }
    buf_cleanup(&b);
    if (psf && (fputs("%%EOF\n", psf) < 0 || fclose(psf))) {
        perror("resumes.ps");
        return 1;
    }
    if (labels && fclose(labels)) {
        perror(labels_path);
        return 1;
    }
    return 0;
}
