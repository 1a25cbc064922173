/* SPDX-License-Identifier: MIT */
/* Screening criteria from a job description in prose (core/job.h). */
#include "core/job.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/question.h"
#include "util/fs.h"
#include "util/mem.h"
#include "util/text.h"

enum mode { M_OTHER, M_MUST, M_NICE };

/* Headings (folded; matched inside a short line) and the mode they open. Nice-to-have
 * phrases are tried first: "preferred qualifications" is not a requirement. */
static const struct {
    const char *phrase;
    enum mode mode;
} heads[] = {
    {"nice to have", M_NICE},
    {"nice-to-have", M_NICE},
    {"preferred", M_NICE},
    {"bonus", M_NICE},
    {"pluses", M_NICE},
    {"good to have", M_NICE},
    {"desirable", M_NICE},
    {"would be great", M_NICE},
    {"requirements", M_MUST},
    {"required", M_MUST},
    {"must have", M_MUST},
    {"must-have", M_MUST},
    {"what you need", M_MUST},
    {"what you'll need", M_MUST},
    {"what you will need", M_MUST},
    {"what we're looking for", M_MUST},
    {"what we are looking for", M_MUST},
    {"qualifications", M_MUST},
    {"you have", M_MUST},
    {"you bring", M_MUST},
    {"about you", M_MUST},
    {"responsibilities", M_OTHER},
    {"what you'll do", M_OTHER},
    {"what you will do", M_OTHER},
    {"about us", M_OTHER},
    {"about the role", M_OTHER},
    {"the role", M_OTHER},
    {"benefits", M_OTHER},
    {"we offer", M_OTHER},
};

/* Phrases that mark one line, whatever section it is in. */
static const char *const nice_marks[] = {"nice to have", "preferred", "a plus",    "bonus",
                                         "ideally",      "desirable", "is a plus", "advantage"};
static const char *const must_marks[] = {"required", "must", "requirement", "mandatory",
                                         "essential"};

static bool
has_any(const char *folded, const char *const *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strstr(folded, v[i]))
            return true;
    return false;
}

/* The mode a heading line opens, or -1 when the line is not a heading: short, and either
 * ends with ':' or is Markdown ('#') or has no lowercase letters. */
static int
heading_mode(const char *line, size_t n, const char *folded)
{
    size_t m = n;
    const char *t = text_trim(line, &m);
    bool caps = true;
    if (!m || m > 60)
        return -1;
    for (size_t i = 0; i < m; i++)
        if (islower((unsigned char)t[i]))
            caps = false;
    if (!(t[m - 1] == ':' || t[0] == '#' || caps))
        return -1;
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
        if (strstr(folded, heads[i].phrase))
            return (int)heads[i].mode;
    return -1;
}

/* The lower bound of the years a line asks for ("5+ years", "3-5 years", "at least 2
 * yrs"), or 0. */
static int
years_in(const char *folded)
{
    for (const char *p = folded; *p; p++) {
        const char *q = p;
        int n = 0;
        if (!isdigit((unsigned char)*p) || (p > folded && isalnum((unsigned char)p[-1])))
            continue;
        while (isdigit((unsigned char)*q) && n < 100)
            n = n * 10 + (*q++ - '0');
        if (*q == '+')
            q++;
        while (*q == ' ')
            q++;
        if (*q == '-' || !strncmp(q, "to ", 3) || !strncmp(q, "\xe2\x80\x93", 3)) {
            q += *q == '-' ? 1 : 3;
            while (*q == ' ')
                q++;
            while (isdigit((unsigned char)*q))
                q++;
            if (*q == '+')
                q++;
            while (*q == ' ')
                q++;
        }
        if ((!strncmp(q, "year", 4) || !strncmp(q, "yrs", 3)) && n >= 1 && n <= 30)
            return n;
    }
    return 0;
}

static int
level_of_title(const char *folded)
{
    if (strstr(folded, "architect") || strstr(folded, "principal"))
        return LEVEL_ARCHITECT;
    if (strstr(folded, "senior") || strstr(folded, "staff") || strstr(folded, "lead") ||
        strstr(folded, "sr."))
        return LEVEL_SENIOR;
    if (strstr(folded, "junior") || strstr(folded, "graduate") || strstr(folded, "entry") ||
        strstr(folded, "intern"))
        return LEVEL_JUNIOR;
    return LEVEL_MID;
}

static void
add(struct role *r, size_t *cap, const char *name, enum mode m)
{
    int weight = m == M_MUST ? 3 : m == M_NICE ? 2 : 1;
    for (size_t i = 0; i < r->nskills; i++) {
        struct role_skill *k = &r->skills[i];
        if (strcmp(k->name, name) != 0)
            continue;
        if (m == M_MUST)
            k->must = true;
        if (weight > k->weight)
            k->weight = weight;
        return;
    }
    xgrow(&r->skills, cap, r->nskills + 1, sizeof *r->skills);
    r->skills[r->nskills++] = (struct role_skill){xstrdup(name), weight, m == M_MUST, 0};
}

enum rb_err
job_from_text(const char *file, const char *text, size_t len, struct skillscan *sc,
              const struct skills *taxonomy, struct role *r, char *errmsg)
{
    struct skill_hit *hits = NULL;
    size_t nhits = 0, h = 0, cap = 0;
    enum mode mode = M_OTHER;
    int line_no = 0, must_years = 0, any_years = 0, comparable_years = 0;
    enum rb_err e;

    memset(r, 0, sizeof *r);
    if ((e = skillscan_run(sc, text, len, &hits, &nhits, errmsg)))
        return e;
    for (const char *line = text; line < text + len; line_no++) {
        const char *nl = memchr(line, '\n', (size_t)(text + len - line));
        size_t n = (size_t)((nl ? nl : text + len) - line), off = (size_t)(line - text);
        char *f = text_fold(line, n);
        int hm = heading_mode(line, n, f);
        enum mode lm;
        int y = years_in(f);

        if (!r->title) {
            size_t m = n;
            const char *t = text_trim(line, &m);
            while (m && (*t == '#' || *t == ' ')) {
                t++;
                m--;
            }
            if (m > 10 && !strncasecmp(t, "job title:", 10)) {
                t += 10;
                m -= 10;
                t = text_trim(t, &m);
            }
            if (m) /* cut at 100 bytes, maybe inside a character: cleaned */
                r->title = text_utf8_clean(t, m < 100 ? m : 100);
        }
        if (hm >= 0)
            mode = (enum mode)hm;
        lm = has_any(f, nice_marks, sizeof nice_marks / sizeof nice_marks[0])   ? M_NICE
             : has_any(f, must_marks, sizeof must_marks / sizeof must_marks[0]) ? M_MUST
                                                                                : mode;
        if (hm >= 0 && hm != M_OTHER)
            lm = (enum mode)hm;
        for (; h < nhits && hits[h].start < off + n; h++)
            if (hits[h].start >= off)
                add(r, &cap, taxonomy->v[hits[h].skill].name, lm);
        if (y) {
            if (lm == M_MUST && y > must_years)
                must_years = y;
            if (y > any_years)
                any_years = y;
            if ((strstr(f, "as a ") || strstr(f, "as an ") || strstr(f, "similar role") ||
                 strstr(f, "comparable role") || strstr(f, "in a similar")) &&
                y > comparable_years)
                comparable_years = y;
        }
        free(f);
        line = nl ? nl + 1 : text + len;
    }
    free(hits);
    if (!r->nskills) {
        role_cleanup(r);
        snprintf(errmsg, RB_ERRMSG,
                 "%s: names no skill that Rubric knows (see 'rubric skills list'); "
                 "write the job's requirements as skills, or use a role",
                 file);
        return RB_EINVAL;
    }
    {
        char *f = text_fold(r->title ? r->title : "", r->title ? strlen(r->title) : 0);
        const char *base = fs_basename(file);
        r->level = level_of_title(f);
        free(f);
        r->id = text_slug(base, strlen(base), 64);
    }
    r->min_years = must_years ? must_years : any_years;
    r->min_comparable_years = comparable_years;
    r->file = xstrdup(file);
    return RB_OK;
}

json_t *
job_criteria_json(const struct role *r)
{
    json_t *must = json_array(), *nice = json_array();
    for (size_t i = 0; i < r->nskills; i++) {
        if (r->skills[i].must)
            json_array_append_new(must, json_string(r->skills[i].name));
        else
            json_array_append_new(nice, json_pack("{s:s, s:i}", "skill", r->skills[i].name,
                                                  "weight", r->skills[i].weight));
    }
    return json_pack("{s:s?, s:s, s:i, s:i, s:o, s:o}", "title", r->title, "level",
                     level_name(r->level), "min_years", r->min_years, "min_comparable_years",
                     r->min_comparable_years, "must_have", must, "nice_to_have", nice);
}
