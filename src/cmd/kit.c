/* SPDX-License-Identifier: MIT */
/* `rubric kit`: an interview kit for a role, stage and time budget (core/kit.c). */
#include <getopt.h>
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/kit.h"
#include "report/kit_render.h"
#include "util/buf.h"
#include "util/fs.h"
#include "util/jsonv.h"

static const struct option kit_opts[] = {{"role", required_argument, NULL, 'r'},
                                         {"level", required_argument, NULL, 'l'},
                                         {"stage", required_argument, NULL, 's'},
                                         {"minutes", required_argument, NULL, 'm'},
                                         {"seed", required_argument, NULL, 'S'},
                                         {"candidate", required_argument, NULL, 'c'},
                                         {"format", required_argument, NULL, 'f'},
                                         {"output", required_argument, NULL, 'o'},
                                         {"save", no_argument, NULL, 'w'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
static const struct cmd_spec kit_spec = {
    "kit", "o:h", kit_opts,
    "usage: rubric kit --role ROLE [--level L] [--stage STAGE] [--minutes N] [--seed N]\n"
    "                  [--candidate ID] [--format md|html|json] [--output FILE] [--save]\n\n"
    "Assembles an interview kit from the question bank for a stored role (see 'rubric role\n"
    "list'): questions whose level fits, in the category mix of the stage, filling the time\n"
    "budget without exceeding it, with competencies weighted by the role. Each question\n"
    "comes with its points, pitfalls, follow-ups, the rating anchors of its competency and\n"
    "one or two alternates; the kit ends with a scorecard template and a coverage summary.\n\n"
    "  --role ROLE       a role id (required)\n"
    "  --level L         junior, mid, senior or architect (default: the role's level)\n"
    "  --stage STAGE     screen (30 min), technical (60), system-design (60),\n"
    "                    behavioral (45) or onsite (180); default technical\n"
    "  --minutes N       the time budget, 1 to " XSTR(
        KIT_MINUTES_MAX) " (default: the stage's)\n"
                         "  --seed N          the same seed and inputs give the same kit (default "
                         "1)\n"
                         "  --candidate ID    skip questions of kits saved for this candidate (a "
                         "number:\n"
                         "                    'rubric candidate' ID, with their interviews' kits), "
                         "and save\n"
                         "                    this one\n"
                         "  --save            save the kit in the store (implied by --candidate)\n"
                         "  --format F        md (default), html (a printable page) or json\n"
                         "  -o, --output FILE write to FILE instead of stdout\n\n"
                         "Exit status: 0, or 6 when the bank could not fill the request (the kit "
                         "is still\n"
                         "written, and says which competency is short and by how much).\n"};

int
cmd_kit(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *role_id = NULL, *format = "md", *output = NULL;
    struct kit_request req = {NULL, 0, STAGE_TECHNICAL, 0, 1, NULL};
    struct store *s = NULL;
    struct role role = {0};
    struct kit k = {0};
    struct buf out;
    char msg[RB_ERRMSG] = "", cand_ref[32];
    bool save = false;
    int c, rc = 0;
    long v, cand_id;
    enum rb_err e;

    while ((c = cmd_getopt(&kit_spec, argc, argv, &rc)) > 0) {
        switch (c) {
        case 'r':
            role_id = optarg;
            break;
        case 'l':
            req.level = level_parse(optarg, strlen(optarg));
            if (!req.level)
                return cmd_usage("kit",
                                 "bad --level '%s': expected junior, mid, senior or "
                                 "architect",
                                 optarg);
            break;
        case 's':
            if (stage_parse(optarg) < 0)
                return cmd_usage("kit",
                                 "bad --stage '%s': expected screen, technical, system-design, "
                                 "behavioral or onsite",
                                 optarg);
            req.stage = (enum stage)stage_parse(optarg);
            break;
        case 'm':
            if (!cmd_parse_int(optarg, 1, KIT_MINUTES_MAX, &v))
                return cmd_usage("kit", "bad --minutes '%s': expected 1 to %d", optarg,
                                 KIT_MINUTES_MAX);
            req.minutes = (int)v;
            break;
        case 'S':
            if (!cmd_parse_int(optarg, 0, 2147483647L, &v))
                return cmd_usage("kit", "bad --seed '%s': expected a whole number", optarg);
            req.seed = (uint64_t)v;
            break;
        case 'c':
            if (!*optarg || strlen(optarg) > 200)
                return cmd_usage("kit", "bad --candidate: give an id of 1 to 200 characters");
            req.candidate = optarg;
            break;
        case 'f':
            format = optarg;
            break;
        case 'o':
            output = optarg;
            break;
        case 'w':
            save = true;
            break;
        }
    }
    if (c < 0)
        return rc;
    if (optind < argc)
        return cmd_usage("kit", "unexpected argument '%s'", argv[optind]);
    if (!role_id)
        return cmd_usage("kit", "give --role ROLE (see 'rubric role list')");
    if (strcmp(format, "md") != 0 && strcmp(format, "html") != 0 && strcmp(format, "json") != 0)
        return cmd_usage("kit", "bad --format '%s': expected md, html or json", format);
    if ((rc = cmd_open_store_seeded(ctx, &s)))
        return rc;
    e = store_role_get(s, role_id, &role, msg);
    if (e == RB_ENOTFOUND) {
        cmd_error("%s: see 'rubric role list', or load the built-in roles with 'rubric role "
                  "load'",
                  msg);
        rc = rb_err_exit(e);
        goto out;
    }
    if (e) {
        rc = cmd_fail(e, msg);
        goto out;
    }
    if (req.candidate && cmd_parse_int(req.candidate, 1, LONG_MAX, &cand_id)) {
        /* a number is a candidate of `rubric candidate`, whose interviews' kits count too */
        json_t *cj = NULL;
        e = store_candidate_get(s, cand_id, &cj, msg);
        json_decref(cj);
        if (e == RB_ENOTFOUND) {
            rc = cmd_fail(e, "--candidate: no candidate with that id: see 'rubric candidate "
                             "list' (any other text names someone not in the store)");
            goto out;
        }
        if (e) {
            rc = cmd_fail(e, msg);
            goto out;
        }
        kit_candidate_ref(cand_id, cand_ref, sizeof cand_ref);
        req.candidate = cand_ref;
    }
    req.role = &role;
    e = kit_build(s, &req, &k, msg);
    if (!e && (save || req.candidate))
        e = kit_save(s, &k, msg);
    if (e) {
        rc = cmd_fail(e, msg);
        goto out;
    }
    buf_init(&out, 64u << 20);
    if (strcmp(format, "json") == 0) {
        json_t *j = kit_to_json(&k);
        char *text = json_dumps(j, JSON_INDENT(2) | JSON_OUT_REAL | JSON_PRESERVE_ORDER);
        buf_puts(&out, text);
        buf_putc(&out, '\n');
        free(text);
        json_decref(j);
    } else if (strcmp(format, "html") == 0) {
        kit_render_html(&k, &out);
    } else {
        kit_render_md(&k, &out);
    }
    if (output) {
        e = fs_write_atomic(output, out.data, out.len, msg);
        if (e)
            rc = cmd_fail(e, msg);
    } else {
        fwrite(buf_str(&out), 1, out.len, stdout);
    }
    buf_cleanup(&out);
    if (!rc && k.saved_id)
        fprintf(stderr, "rubric: saved as kit %lld\n", k.saved_id);
    if (!rc && k.partial) {
        for (size_t i = 0; i < k.nshortfalls; i++)
            if (k.shortfalls[i].minutes > 0)
                fprintf(stderr, "rubric: partial kit: %s (short by %d minute%s)\n",
                        k.shortfalls[i].reason, k.shortfalls[i].minutes,
                        k.shortfalls[i].minutes == 1 ? "" : "s");
            else
                fprintf(stderr, "rubric: partial kit: %s\n", k.shortfalls[i].reason);
        rc = RB_EXIT_PARTIAL;
    }
out:
    kit_cleanup(&k);
    role_cleanup(&role);
    store_close(s);
    return rc;
}
