/* SPDX-License-Identifier: MIT */
/* The bank file format: what authors write, what lint reports, and that writing a bank back
 * as Markdown gives the same questions. */
#include <criterion/criterion.h>

#include "helpers.h"
#include <stdlib.h>
#include <string.h>

#include "core/bank.h"
#include "core/bank_json.h"
#include "core/bank_md.h"
#include "util/fs.h"

static const char good[] = "<!-- SPDX-License-Identifier: MIT -->\n"
                           "# Caching\n\n"
                           "- competency: caching\n"
                           "- summary: Caches.\n\n"
                           "## Stampede\n\n"
                           "- id: cache-stampede\n"
                           "- category: troubleshooting\n"
                           "- level: mid-senior\n"
                           "- minutes: 12\n"
                           "- also: reliability\n\n"
                           "Every hour the database load spikes.\n\n"
                           "Why?\n\n"
                           "### A good answer shows\n"
                           "- Names a **cache stampede** when many keys\n"
                           "  expire together.\n"
                           "- Adds **TTL jitter** and **request coalescing**.\n\n"
                           "### Pitfalls\n"
                           "- Scales the database.\n\n"
                           "### Follow-ups\n"
                           "- How would you see it on a dashboard?\n";

static void
parse(struct bank *b, struct diags *d, const char *text)
{
    bank_init(b);
    diags_init(d, 0);
    bank_parse(b, "t.md", text, strlen(text), d);
}

Test(bank, parses_every_field_and_section)
{
    struct bank b;
    struct diags d;
    const struct question *q;

    parse(&b, &d, good);
    cr_assert_eq(diags_count(&d), 0);
    cr_assert_eq(b.ncomps, 1);
    cr_assert_str_eq(b.comps[0].id, "caching");
    cr_assert_eq(b.nqs, 1);
    q = &b.qs[0];
    cr_assert_str_eq(q->id, "cache-stampede");
    cr_assert_str_eq(q->title, "Stampede");
    cr_assert_str_eq(q->text, "Every hour the database load spikes.\n\nWhy?");
    cr_assert_eq(q->category, CAT_TROUBLESHOOTING);
    cr_assert_eq(q->level_min, LEVEL_MID);
    cr_assert_eq(q->level_max, LEVEL_SENIOR);
    cr_assert_eq(q->minutes, 12);
    cr_assert_eq(q->ncompetencies, 2);
    cr_assert_str_eq(q->competencies[0], "caching", "the file's competency comes first");
    cr_assert_str_eq(q->competencies[1], "reliability");
    cr_assert_eq(q->npoints, 4);
    cr_assert_eq(q->points[0].kind, POINT_SHOWS);
    cr_assert_str_eq(q->points[0].text,
                     "Names a **cache stampede** when many keys\nexpire together.",
                     "text is kept as written, continuation lines de-indented");
    cr_assert_eq(q->points[1].nconcepts, 2);
    cr_assert_str_eq(q->points[1].concepts[0], "TTL jitter");
    cr_assert_str_eq(q->points[1].concepts[1], "request coalescing");
    cr_assert_eq(q->points[2].kind, POINT_PITFALL);
    cr_assert_eq(q->points[3].kind, POINT_FOLLOW_UP);
    cr_assert_eq(q->line, 7);
    bank_cleanup(&b);
    diags_cleanup(&d);
}

Test(bank, lint_reports_each_problem_at_its_line)
{
    struct bank b;
    struct diags d;
    const char *bad = "# T\n\n- competency: t-comp\n- summary: s\n\n"
                      "## Q\n\n"              /* 6 */
                      "- id: q-one\n"         /* 8 */
                      "- category: quiz\n"    /* 9 */
                      "- level: mid-junior\n" /* 10 */
                      "- minutes: 0\n\n"      /* 11 */
                      "Text.\n\n"
                      "### A good answer shows\n"
                      "- no bold here\n" /* 16 */
                      "- **one** concept\n";
    parse(&b, &d, bad);
    bank_check(&b, 0, &d);
    cr_assert(has_problem(&d, 9, "unknown category 'quiz'"));
    cr_assert(has_problem(&d, 10, "bad level 'mid-junior'"));
    cr_assert(has_problem(&d, 11, "bad minutes '0'"));
    cr_assert(has_problem(&d, 16, "no **bold** key concept"));
    cr_assert(has_problem(&d, 6, "needs a 'Pitfalls' or 'Red flags' point"));
    bank_cleanup(&b);
    diags_cleanup(&d);
}

Test(bank, behavioural_questions_need_all_of_star)
{
    struct bank b;
    struct diags d;
    const char *t = "# T\n\n- competency: t-comp\n- summary: s\n\n## Q\n\n- id: q-b\n"
                    "- category: behavioral\n- level: mid\n- minutes: 10\n\nTell me.\n\n"
                    "### A good answer shows\n- **a**\n- **b**\n\n### Red flags\n- x\n\n"
                    "### A complete STAR answer\n- Situation: s\n- **Task:** t\n- Result: r\n";
    parse(&b, &d, t);
    bank_check(&b, 0, &d);
    cr_assert(has_problem(&d, 0, "no 'Action:' item"));
    cr_assert_not(has_problem(&d, 0, "no 'Task:' item"), "a bold label counts");
    cr_assert_not(has_problem(&d, 0, "no 'Situation:' item"));
    bank_cleanup(&b);
    diags_cleanup(&d);
}

Test(bank, non_utf8_is_refused_with_its_line)
{
    struct bank b;
    struct diags d;
    parse(&b, &d, "# T\n\n- competency: t\n- summary: caf\xe9\n");
    cr_assert_eq(d.n, 1);
    cr_assert_eq(d.items[0].line, 4);
    cr_assert(strstr(d.items[0].msg, "UTF-8"));
    cr_assert_eq(b.ncomps, 0, "nothing is taken from a file that is not text");
    bank_cleanup(&b);
    diags_cleanup(&d);
}

Test(bank, duplicates_and_near_duplicates_are_found_across_files)
{
    struct bank b;
    struct diags d;
    const char *a = "# A\n\n- competency: comp-a\n- summary: s\n\n## One\n\n- id: q-same\n"
                    "- category: technical\n- level: mid\n- minutes: 5\n\n"
                    "How would you design a rate limiter for a public API with many clients?\n"
                    "\n### A good answer shows\n- **a**\n- **b**\n\n### Pitfalls\n- p\n";
    const char *c = "# C\n\n- competency: comp-c\n- summary: s\n\n## Two\n\n- id: q-same\n"
                    "- category: technical\n- level: mid\n- minutes: 5\n\n"
                    "How would you design a rate limiter for a public API with many tenants?\n"
                    "\n### A good answer shows\n- **a**\n- **b**\n\n### Pitfalls\n- p\n";
    bank_init(&b);
    diags_init(&d, 0);
    bank_parse(&b, "a.md", a, strlen(a), &d);
    bank_parse(&b, "c.md", c, strlen(c), &d);
    cr_assert_eq(diags_count(&d), 0);
    bank_check(&b, 0, &d);
    cr_assert(has_problem(&d, 6, "duplicate id 'q-same' (also at a.md:6)"));
    cr_assert(has_problem(&d, 6, "nearly the same"));
    bank_cleanup(&b);
    diags_cleanup(&d);
}

Test(bank, markdown_export_parses_back_to_the_same_questions)
{
    struct bank b, again;
    struct diags d;
    struct buf out;

    bank_init(&b);
    diags_init(&d, 0);
    bank_read_builtin(&b, &d);
    cr_assert_eq(diags_count(&d), 0);
    cr_assert_geq(b.nqs, 300);
    buf_init(&out, 64u << 20);
    bank_init(&again);
    for (size_t i = 0; i < b.ncomps; i++) {
        buf_reset(&out);
        cr_assert_eq(bank_write_md(&b, &b.comps[i], &out), RB_OK);
        bank_parse(&again, b.comps[i].id, buf_str(&out), out.len, &d);
    }
    {
        const char *tracks[64];
        size_t nt = bank_tracks(&b, tracks, 64);
        for (size_t i = 0; i < nt; i++) {
            buf_reset(&out);
            cr_assert_eq(bank_write_md_track(&b, tracks[i], &out), RB_OK);
            bank_parse(&again, tracks[i], buf_str(&out), out.len, &d);
        }
    }
    cr_assert_eq(diags_count(&d), 0);
    cr_assert_eq(again.nqs, b.nqs);
    for (size_t i = 0; i < b.nqs; i++) {
        const struct question *q = NULL;
        char *d1, *d2;
        for (size_t j = 0; j < again.nqs && !q; j++)
            if (strcmp(again.qs[j].id, b.qs[i].id) == 0)
                q = &again.qs[j];
        cr_assert_not_null(q, "%s lost in the round trip", b.qs[i].id);
        d1 = question_digest(&b.qs[i]);
        d2 = question_digest(q);
        cr_assert_str_eq(d1, d2, "%s changed in the round trip", b.qs[i].id);
        free(d1);
        free(d2);
    }
    buf_cleanup(&out);
    bank_cleanup(&again);
    bank_cleanup(&b);
    diags_cleanup(&d);
}

Test(bank, json_export_reads_back_and_bad_json_names_the_field)
{
    struct bank b, again;
    struct diags d;
    json_t *j;
    char *text;

    parse(&b, &d, good);
    j = bank_to_json(&b);
    text = json_dumps(j, 0);
    bank_init(&again);
    bank_from_json(&again, "x.json", text, strlen(text), &d);
    cr_assert_eq(diags_count(&d), 0);
    cr_assert_eq(again.nqs, 1);
    {
        char *d1 = question_digest(&b.qs[0]), *d2 = question_digest(&again.qs[0]);
        cr_assert_str_eq(d1, d2);
        free(d1);
        free(d2);
    }
    free(text);
    json_decref(j);
    bank_cleanup(&again);

    bank_init(&again);
    text = "{\"format\":\"rubric-bank\",\"questions\":[{\"id\":\"q-x\",\"title\":\"t\","
           "\"text\":\"x\",\"category\":\"technical\",\"level\":\"senior\",\"minutes\":\"ten\","
           "\"competencies\":[\"c\"],\"points\":[]}]}";
    bank_from_json(&again, "x.json", text, strlen(text), &d);
    cr_assert(has_problem(&d, 0, "questions[0].minutes: expected a whole number"));
    bank_from_json(&again, "y.json", "{not json", 9, &d);
    cr_assert(has_problem(&d, 0, "not valid JSON"));
    bank_cleanup(&again);
    bank_cleanup(&b);
    diags_cleanup(&d);
}

Test(bank, synonyms_are_folded_and_malformed_lines_reported)
{
    struct bank b;
    struct diags d;
    const char *s = "# comment\nIdempotency Key = Dedup Key, request id\nno equals sign\n"
                    "lonely =\n";
    bank_init(&b);
    diags_init(&d, 0);
    bank_parse_synonyms(&b, "syn.txt", s, strlen(s), &d);
    cr_assert_eq(b.nsyns, 1);
    cr_assert_str_eq(b.syns[0].concept, "idempotency key");
    cr_assert_eq(b.syns[0].nalts, 2);
    cr_assert_str_eq(b.syns[0].alts[0], "dedup key");
    cr_assert(has_problem(&d, 3, "expected 'concept = synonym"));
    cr_assert(has_problem(&d, 4, "has no synonyms"));
    bank_cleanup(&b);
    diags_cleanup(&d);
}

Test(bank, shipped_bank_meets_the_coverage_it_promises)
{
    struct bank b;
    struct diags d;
    static const char *const comps[] = {"api-design",
                                        "data-storage",
                                        "caching",
                                        "messaging-async",
                                        "distributed-systems",
                                        "scalability-performance",
                                        "security",
                                        "reliability-operations",
                                        "cloud-infrastructure",
                                        "architecture-design",
                                        "testing-quality",
                                        "languages-runtimes",
                                        "leadership-communication"};
    bank_init(&b);
    diags_init(&d, 0);
    bank_read_builtin(&b, &d);
    bank_check(&b, 1, &d);
    cr_assert_eq(diags_count(&d), 0, "the shipped bank lints clean");
    cr_assert_geq(b.nqs, 300);
    for (size_t c = 0; c < sizeof comps / sizeof comps[0]; c++) {
        size_t n = 0;
        for (size_t i = 0; i < b.nqs; i++)
            n += strcmp(b.qs[i].competencies[0], comps[c]) == 0;
        cr_assert_geq(n, 15, "%s has %zu questions", comps[c], n);
    }
    bank_cleanup(&b);
    diags_cleanup(&d);
}

static const char graded[] = "# Go\n\n"
                             "- competency: languages-runtimes\n"
                             "- summary: Go services.\n"
                             "- track: go\n\n"
                             "## A leaking goroutine\n\n"
                             "- id: go-leak\n"
                             "- category: technical\n"
                             "- level: mid-senior\n"
                             "- minutes: 8\n"
                             "- skills: go, concurrency\n"
                             "- competency: reliability-operations\n\n"
                             "Memory grows for days. Why?\n\n"
                             "### A good answer shows\n"
                             "- Explains the goroutine **blocks forever** on its send.\n"
                             "- Fixes it with a **buffered channel**.\n\n"
                             "### Bonus points\n"
                             "- Confirms it with the **goroutine profile**.\n\n"
                             "### Pitfalls\n"
                             "- Blames the garbage collector.\n\n"
                             "### By level\n"
                             "- mid: finds the blocked send.\n"
                             "- senior: also proves the fix with a profile.\n\n"
                             "### Grades\n"
                             "- 1: Blames a library.\n"
                             "- 2: Sees the blocked send\n"
                             "  but has no fix.\n"
                             "- 3: Explains and fixes it.\n"
                             "- 4: Also proves the fix.\n\n"
                             "### Interviewer notes\n"
                             "- Do not score the syntax.\n";

Test(bank, graded_guidance_skills_and_tracks_parse_and_write_back)
{
    struct bank b, again;
    struct diags d;
    struct buf out;
    const struct question *q;
    int grades = 0, levels = 0;
    char *d1, *d2;

    parse(&b, &d, graded);
    cr_assert_eq(diags_count(&d), 0);
    cr_assert_eq(b.ncomps, 0, "a track's file names its competency, never defines it");
    q = &b.qs[0];
    cr_assert_str_eq(q->track, "go");
    cr_assert_eq(q->nskills, 2);
    cr_assert_str_eq(q->skills[1], "concurrency");
    cr_assert_str_eq(q->competencies[0], "reliability-operations", "the question's own");
    for (size_t i = 0; i < q->npoints; i++) {
        const struct point *p = &q->points[i];
        if (p->kind == POINT_GRADE) {
            cr_assert_eq(p->tag, ++grades, "grades in order, numbered");
            cr_assert_neq(p->text[0], ':', "the number is not in the text");
        }
        if (p->kind == POINT_BY_LEVEL)
            cr_assert_eq(p->tag, levels++ ? LEVEL_SENIOR : LEVEL_MID);
        if (p->kind == POINT_BONUS)
            cr_assert_str_eq(p->concepts[0], "goroutine profile", "bonus points have concepts");
    }
    cr_assert_eq(grades, 4);
    cr_assert_eq(levels, 2);
    cr_assert_eq(q->points[7].kind, POINT_GRADE);
    cr_assert_str_eq(q->points[7].text, "Sees the blocked send\nbut has no fix.", "%s",
                     q->points[7].text);
    bank_add_competency(&b, "reliability-operations", NULL, NULL, NULL, 0);
    bank_add_competency(&b, "languages-runtimes", NULL, NULL, NULL, 0);
    bank_check(&b, 1, &d);
    cr_assert_eq(diags_count(&d), 0, "meets the editor's checks");

    buf_init(&out, 1u << 20);
    cr_assert_eq(bank_write_md_track(&b, "go", &out), RB_OK);
    cr_assert_not_null(strstr(buf_str(&out), "- track: go\n"));
    cr_assert_not_null(strstr(buf_str(&out), "- 2: Sees the blocked send\n"));
    bank_init(&again);
    bank_parse(&again, "again.md", buf_str(&out), out.len, &d);
    cr_assert_eq(diags_count(&d), 0);
    cr_assert_eq(again.nqs, 1);
    d1 = question_digest(&b.qs[0]);
    d2 = question_digest(&again.qs[0]);
    cr_assert_str_eq(d1, d2, "the track file gives the same question back");
    free(d1);
    free(d2);
    {
        /* and through JSON */
        json_t *j = question_to_json(q);
        struct bank viajson;
        bank_init(&viajson);
        bank_json_read_question(&viajson, "q.json", j, &d);
        cr_assert_eq(diags_count(&d), 0);
        d1 = question_digest(q);
        d2 = question_digest(&viajson.qs[0]);
        cr_assert_str_eq(d1, d2, "JSON keeps grades, levels, skills and track");
        free(d1);
        free(d2);
        json_decref(j);
        bank_cleanup(&viajson);
    }
    buf_cleanup(&out);
    bank_cleanup(&again);
    bank_cleanup(&b);
    diags_cleanup(&d);
}

Test(bank, strict_lint_makes_the_editors_checks)
{
    static const char text[] = "# Screening\n\n"
                               "- competency: screening\n"
                               "- summary: Calls.\n\n"
                               "## Availability\n\n"
                               "- id: scr-avail\n"
                               "- category: screening\n"
                               "- level: junior-mid\n"
                               "- minutes: 3\n\n"
                               "When could you start?\n\n"
                               "### A good answer shows\n"
                               "- Gives a **start date** and explains the **notice period**.\n"
                               "- Has a **good understanding of** the role.\n"
                               "- Mentions any **adjustments** that would help.\n\n"
                               "### Pitfalls\n"
                               "- Vague.\n\n"
                               "### Grades\n"
                               "- 1: No date.\n"
                               "- 2: A month.\n"
                               "- 2: A week.\n"
                               "- 4: A day.\n";
    struct bank b;
    struct diags d;
    struct buf out;

    parse(&b, &d, text);
    cr_assert_eq(diags_count(&d), 0);
    bank_check(&b, 0, &d);
    cr_assert_eq(diags_count(&d), 0, "none of these without --strict");
    bank_check(&b, 1, &d);
    buf_init(&out, 1u << 20);
    for (size_t i = 0; i < diags_count(&d); i++)
        buf_printf(&out, "%s\n", d.items[i].msg);
    cr_assert_not_null(strstr(buf_str(&out), "holds several checks ('... explains ...')"), "%s",
                       buf_str(&out));
    cr_assert_not_null(strstr(buf_str(&out), "vague point in 'scr-avail' ('good understanding')"));
    cr_assert_not_null(strstr(buf_str(&out), "scores a disclosure ('adjustment')"));
    cr_assert_not_null(strstr(buf_str(&out), "grade 2 is given 2 times"));
    cr_assert_not_null(strstr(buf_str(&out), "grade 3 is given 0 times"));
    cr_assert_not_null(strstr(buf_str(&out), "spans junior to mid but has no '### By level'"));
    cr_assert_eq(diags_count(&d), 6, "%s", buf_str(&out));
    buf_cleanup(&out);
    bank_cleanup(&b);
    diags_cleanup(&d);
}

Test(bank, a_grade_or_level_item_without_its_tag_is_reported)
{
    static const char text[] = "# C\n\n- competency: caching\n- summary: C.\n\n"
                               "## Q\n\n- id: cache-q\n- category: technical\n- level: mid\n"
                               "- minutes: 3\n\nWhy?\n\n"
                               "### Grades\n- one: Nothing.\n- 5: Everything.\n\n"
                               "### By level\n- expert: All.\n";
    struct bank b;
    struct diags d;
    parse(&b, &d, text);
    cr_assert_eq(diags_count(&d), 3);
    cr_assert_eq(d.items[0].line, 16);
    bank_cleanup(&b);
    diags_cleanup(&d);
}
