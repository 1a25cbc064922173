/* SPDX-License-Identifier: MIT */
/* A parse's JSON written directly (resume_json_write) is what jansson writes for
 * resume_to_json's tree with JSON_COMPACT, byte for byte: on real parses of the test
 * resumes, and on a resume built by hand with every awkward value a field can hold. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "model/skills.h"
#include "resume/resume.h"
#include "util/buf.h"
#include "util/mem.h"

static struct skills tax;
static struct skillscan *sc;
static const struct ym today = {2026, 11};

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

TestSuite(resume_json, .init = setup, .fini = teardown);

/* Both ways, with and without the file's name, compared. */
static void
same_as_jansson(const struct resume *r, const char *file, const char *format, const char *what)
{
    for (int with_file = 0; with_file < 2; with_file++) {
        json_t *o = resume_to_json(r, &tax, file, format);
        char *want;
        struct buf got;
        if (!with_file)
            json_object_del(o, "file");
        want = json_dumps(o, JSON_COMPACT);
        json_decref(o);
        cr_assert(want);
        buf_init(&got, 1u << 24);
        cr_assert_eq(resume_json_write(r, &tax, with_file ? file : NULL, format, &got), RB_OK);
        cr_assert_str_eq(buf_str(&got), want, "%s (file %s)", what,
                         with_file ? "named" : "left out");
        buf_cleanup(&got);
        free(want);
    }
}

static size_t
parse_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t n = 0;
    cr_assert(d, "cannot open %s", dir);
    while ((e = readdir(d))) {
        char path[512], msg[RB_ERRMSG] = "";
        struct extracted x;
        struct resume r;
        if (e->d_name[0] == '.' || strstr(e->d_name, ".jsonl") || strstr(e->d_name, "README"))
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (extract_file(path, NULL, &x, msg))
            continue; /* not a resume (a folder, a script) */
        cr_assert_eq(resume_parse(x.text, x.len, sc, today, &r, msg), RB_OK, "%s", msg);
        same_as_jansson(&r, path, doc_format_name(x.format), path);
        resume_cleanup(&r);
        extracted_cleanup(&x);
        n++;
    }
    closedir(d);
    return n;
}

Test(resume_json, the_test_resumes_as_jansson_writes_them)
{
    size_t n = parse_dir("tests/data/accuracy") + parse_dir("tests/data/resumes") +
               parse_dir("examples/resumes");
    cr_assert_geq(n, 12, "only %zu resumes read", n);
}

Test(resume_json, awkward_values_as_jansson_writes_them)
{
    static char *links[] = {"https://example.org/a/b", "bad \xC3\x28 utf-8", "x\"y\\z"};
    static char *edu[] = {"ctl \x01\x02\x1f \b\f\n\r\t end", "del \x7f and \xE2\x80\x93 dash"};
    static char *warns[] = {"", "\xF0\x9F\x98\x80 four bytes", "\xED\xA0\x80 surrogate"};
    struct resume r;
    struct position pos[65];
    struct resume_skill sk[3];

    memset(&r, 0, sizeof r);
    memset(pos, 0, sizeof pos);
    memset(sk, 0, sizeof sk);
    /* nothing found at all */
    same_as_jansson(&r, "empty.txt", "txt", "an empty resume");

    r.name = "Zofia \"Zo\" Kowalczyk-Obi\xC5\x84na";
    r.name_confidence = 1e-7;         /* an exponent: jansson drops its leading zero */
    r.email = "\xC3\x28@bad.example"; /* not UTF-8: jansson drops the key */
    r.email_confidence = 0.95 - 0.3;  /* 17 digits */
    r.phone = "+1 (555) 010-0199";
    r.phone_confidence = 1e22; /* a large exponent */
    r.links = links;
    r.nlinks = 3;
    r.education = edu;
    r.neducation = 2;
    r.warnings = warns;
    r.nwarnings = 3;
    for (size_t i = 0; i < 65; i++) {
        pos[i].title = i % 3 ? "Backend Engineer / SRE" : NULL;
        pos[i].company = i % 5 ? "Acme\tWorks" : (i % 2 ? "\xFF" : NULL);
        pos[i].range.start = (struct ym){2000 + (int)i % 20, (int)i % 13};
        pos[i].range.end = (struct ym){2021, (int)i % 13};
        pos[i].range.present = i % 4 == 0;
        pos[i].confidence = i % 2 ? 0.6 : 1.0;
    }
    r.positions = pos;
    r.npositions = 65;
    sk[0] = (struct resume_skill){0, 1, 0, 0};
    sk[1] = (struct resume_skill){1, 4000000000u, 2026, ~(uint64_t)0};
    sk[2] = (struct resume_skill){tax.n - 1, 7, 1999, (uint64_t)1 << 63 | 5};
    r.skills = sk;
    r.nskills = 3;
    r.experience_months = 0;
    same_as_jansson(&r, "dir/\xC3\xA9t\xC3\xA9.pdf", "pdf", "every awkward value");
    r.experience_months = 7;
    r.npositions = 3;
    same_as_jansson(&r, "bad \x80 name.txt", "txt", "a file name jansson refuses");
}

Test(resume_json, a_full_buffer_is_told)
{
    struct resume r;
    struct buf b;
    memset(&r, 0, sizeof r);
    r.name = "Ana Lima";
    buf_init(&b, 40);
    cr_assert_eq(resume_json_write(&r, &tax, NULL, "txt", &b), RB_ETOOBIG);
    cr_assert_leq(b.len, 40);
    buf_cleanup(&b);
}
