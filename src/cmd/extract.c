/* SPDX-License-Identifier: MIT */
/* `rubric extract`: the text Rubric reads from resume files (src/extract/). */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "extract/extract.h"
#include "util/jsonv.h"

static const struct option extract_opts[] = {
    {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {0}};
static const struct cmd_spec extract_spec = {
    "extract", "h", extract_opts,
    "usage: rubric extract FILE... [--json]\n\n"
    "Prints the text Rubric reads from each resume file: PDF (through pdftotext, in a child\n"
    "process under CPU, memory and time limits), DOCX, plain text and Markdown (UTF-8,\n"
    "UTF-16 with a byte order mark, or Windows-1252), HTML and JSON Resume. The format is\n"
    "found from the content. A file that cannot be read gets a one-line reason on stderr\n"
    "and the others are still read.\n\n"
    "  --json   one JSON object a line: file, format, chars, note and text; or file and\n"
    "           error\n\n"
    "Exit status: 0 when every file was read, 1 when any could not be.\n"};

int
cmd_extract(struct cmd_ctx *ctx, int argc, char **argv)
{
    bool json = false;
    int c, rc = 0, failed = 0;

    (void)ctx;
    while ((c = cmd_getopt(&extract_spec, argc, argv, &rc)) > 0)
        if (c == 'j')
            json = true;
    if (c < 0)
        return rc;
    if (optind >= argc)
        return cmd_usage("extract", "give one or more files");
    for (int i = optind; i < argc; i++) {
        struct extracted e;
        char msg[RB_ERRMSG] = "";
        enum rb_err err = extract_file(argv[i], NULL, &e, msg);
        if (err) {
            failed++;
            if (json) {
                json_t *o = json_pack("{s:s, s:s}", "file", argv[i], "error", msg);
                json_dumpf(o, stdout, JSON_COMPACT | JSON_OUT_REAL | JSON_PRESERVE_ORDER);
                putchar('\n');
                json_decref(o);
            }
            cmd_error("cannot read %s: %s", argv[i], msg);
            continue;
        }
        if (json) {
            json_t *o = json_pack("{s:s, s:s, s:I, s:s?, s:s%}", "file", argv[i], "format",
                                  doc_format_name(e.format), "chars", (json_int_t)e.len, "note",
                                  e.note, "text", e.text, e.len);
            json_dumpf(o, stdout, JSON_COMPACT | JSON_OUT_REAL | JSON_PRESERVE_ORDER);
            putchar('\n');
            json_decref(o);
        } else {
            if (argc - optind > 1)
                printf("==> %s (%s) <==\n", argv[i], doc_format_name(e.format));
            fwrite(e.text, 1, e.len, stdout);
            if (e.len && e.text[e.len - 1] != '\n')
                putchar('\n');
        }
        extracted_cleanup(&e);
    }
    return failed ? RB_EXIT_PROBLEMS : 0;
}
