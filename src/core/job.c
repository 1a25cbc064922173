/* SPDX-License-Identifier: MIT */
/*
 * Screening criteria from a job description in prose (core/job.h). The posting is first
 * cleaned (Markdown escapes and emphasis, typographic quotes and dashes, HTML entities left
 * by exports) without changing its lines, then scanned for skills once; each line is then
 * read with the mode of its section and its own marks. All matching is on an ASCII
 * lower-cased copy of the line, so offsets in it are offsets in the cleaned text.
 */
#include "core/job.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/question.h"
#include "core/role_import.h"
#include "extract/extract.h"
#include "util/buf.h"
#include "util/fs.h"
#include "util/mem.h"
#include "util/text.h"

/* NONE: before any heading, or under one we do not know; DUTY: what the job does, the
 * company, benefits (only a line's own marks make a must-have there). */
enum mode { M_NONE, M_DUTY, M_MUST, M_NICE };

/* Headings (lower case, found inside a short heading line) and the mode they open, tried
 * in this order: "preferred qualifications" is not a requirement, "about you" is. */
static const struct {
    const char *phrase;
    enum mode mode;
} heads[] = {
    {"nice to have", M_NICE},
    {"nice-to-have", M_NICE},
    {"preferred", M_NICE},
    {"bonus", M_NICE},
    {"pluses", M_NICE},
    {"plus if", M_NICE},
    {"good to have", M_NICE},
    {"desirable", M_NICE},
    {"desired", M_NICE},
    {"would be great", M_NICE},
    {"extra credit", M_NICE},
    {"even better", M_NICE},
    {"stand out", M_NICE},
    {"love to see", M_NICE},
    {"ideally", M_NICE},
    {"optional", M_NICE},
    {"not required", M_NICE},
    {"requirement", M_MUST},
    {"required", M_MUST},
    {"qualifications", M_MUST},
    {"must have", M_MUST},
    {"must-have", M_MUST},
    {"what you need", M_MUST},
    {"what you'll need", M_MUST},
    {"what you will need", M_MUST},
    {"you'll need", M_MUST},
    {"what we need", M_MUST},
    {"what you bring", M_MUST},
    {"what you'll bring", M_MUST},
    {"you bring", M_MUST},
    {"looking for", M_MUST},
    {"you have", M_MUST},
    {"you should have", M_MUST},
    {"who you are", M_MUST},
    {"about you", M_MUST},
    {"your profile", M_MUST},
    {"your background", M_MUST},
    {"ideal candidate", M_MUST},
    {"skills", M_MUST},
    {"experience", M_MUST},
    {"essential", M_MUST},
    {"prerequisites", M_MUST},
    {"competencies", M_MUST},
    {"we expect", M_MUST},
    {"expect from you", M_MUST},
    {"to succeed", M_MUST},
};

/* A heading not in the table opens a section of this kind when it says so; any other
 * marked heading ("Location", "Our stack") closes the one before. */
static const char *const duty_heads[] = {
    "responsibilit", "what you'll do", "what you will do", "you will",   "day to day",
    "duties",        "about us",       "about the",        "who we are", "benefits",
    "perks",         "we offer",       "compensation",     "salary",     "the role",
    "your role",     "overview",       "mission",          "impact",     "the team",
    "how to apply",  "equal opportun", "why join",         "why you",    "stack",
};

/* Marks on one line, whatever its section: nice-to-have first ("not required"). */
static const char *const nice_marks[] = {
    "nice to have",   "nice-to-have", "preferred", "a plus",      "big plus",     "bonus",
    "ideally",        "desirable",    "advantage", "beneficial",  "not required", "optional",
    "would be great", "good to have", "helpful",   "love to see", "appreciated",  "not a must",
    "pluses",         "is a plus",    "desired",
};
static const char *const must_marks[] = {
    "required",
    "must",
    "requirement",
    "mandatory",
    "essential",
    "solid ",
    "strong ",
    "proven ",
    "extensive ",
    "deep ",
    "significant ",
    "hands-on",
    "proficien",
    "expert",
    "fluen",
    "in-depth",
    "thorough",
    "demonstrated",
    "track record",
    "working knowledge",
    "you have",
    "you bring",
    "you know",
    "commercial experience",
    "production experience",
    "professional experience",
};
/* In the text before any heading (or under an unknown one), what asks for a skill. */
static const char *const ask_marks[] = {
    "experience", "knowledge",   "skilled",    "background in",    "familiar",     "looking for",
    "we need",    "you'll need", "you should", "comfortable with", "know your way"};

/* Words that make a line a role's title. */
static const char *const role_nouns[] = {
    "engineer",      "developer",
    "programmer",    "architect",
    "administrator", "manager",
    "analyst",       "scientist",
    "designer",      "tester",
    "specialist",    "consultant",
    "lead",          "sre",
    "devops",        "dba",
    "intern",        "officer",
    "recruiter",     "accountant",
    "technician",    "writer",
    "head of",       "director",
    "coordinator",   "representative",
    "executive",     "nurse",
    "teacher",       "associate",
};

static const char *const word_numbers[] = {
    "zero",     "one",     "two",     "three",     "four",     "five",     "six",
    "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",   "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};

static bool
has_any(const char *low, const char *const *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strstr(low, v[i]))
            return true;
    return false;
}

#define HAS(low, v) has_any((low), (v), sizeof(v) / sizeof((v)[0]))

/* ---- cleaning ----------------------------------------------------------------------------- */

/* The text without what boards add around the words, lines kept: a backslash before
 * punctuation ("C\+\+", "\- item"), emphasis markers, typographic quotes, dashes and
 * spaces, bullets, a few HTML entities, carriage returns. bold[i] says that line i (0-based)
 * was set in bold or italics as a whole, as exported headings are. */
/* Grows the per-line marks to hold line (0-based), new ones false. */
static void
grow_marks(bool **v, size_t *cap, size_t line)
{
    size_t old = *cap;
    if (line < old)
        return;
    xgrow(v, cap, line + 1, sizeof **v);
    memset(*v + old, 0, (*cap - old) * sizeof **v);
}

static char *
clean(const char *s, size_t n, size_t *out_len, bool **bold, size_t *nlines)
{
    struct buf b;
    size_t cap = 64, line = 0;
    bool at_start = true;
    buf_init(&b, n + 16);
    *bold = xcalloc(cap, sizeof **bold);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (at_start && (c == '*' || c == '_') && i + 1 < n && s[i + 1] == (char)c) {
            grow_marks(bold, &cap, line);
            (*bold)[line] = true;
        }
        if (c != ' ' && c != '\t')
            at_start = false;
        if (c == '\\' && i + 1 < n && ispunct((unsigned char)s[i + 1])) {
            buf_putc(&b, s[++i]);
            continue;
        }
        if ((c == '*' || c == '_') && i + 1 < n && s[i + 1] == (char)c) {
            i++; /* "**" or "__": emphasis */
            continue;
        }
        if (c == '\r')
            continue;
        if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80) {
            unsigned char d = (unsigned char)s[i + 2];
            const char *r = d == 0x98 || d == 0x99   ? "'"
                            : d == 0x9C || d == 0x9D ? "\""
                            : d == 0x93 || d == 0x94 ? "-"
                            : d == 0xA2              ? "-"
                            : d == 0xAF              ? " "
                                                     : NULL;
            if (r) {
                buf_puts(&b, r);
                i += 2;
                continue;
            }
        }
        if (c == 0xC2 && i + 1 < n && ((unsigned char)s[i + 1] == 0xA0)) {
            buf_putc(&b, ' ');
            i++;
            continue;
        }
        if (c == '&') {
            static const struct {
                const char *ent, *rep;
            } ents[] = {{"&amp;", "&"}, {"&nbsp;", " "}, {"&lt;", "<"},
                        {"&gt;", ">"},  {"&#39;", "'"},  {"&quot;", "\""}};
            size_t k;
            for (k = 0; k < sizeof ents / sizeof ents[0]; k++)
                if (n - i >= strlen(ents[k].ent) &&
                    !strncmp(s + i, ents[k].ent, strlen(ents[k].ent)))
                    break;
            if (k < sizeof ents / sizeof ents[0]) {
                buf_puts(&b, ents[k].rep);
                i += strlen(ents[k].ent) - 1;
                continue;
            }
        }
        if (c == '\n') {
            line++;
            at_start = true;
            grow_marks(bold, &cap, line);
        }
        buf_putc(&b, (char)c);
    }
    *nlines = line + 1;
    *out_len = b.len;
    return buf_take(&b);
}

/* ---- years ------------------------------------------------------------------------------ */

struct yr {
    int n;
    size_t start, end; /* in the line */
};

static bool
word_at(const char *low, size_t i, const char *w)
{
    size_t l = strlen(w);
    return !strncmp(low + i, w, l) && (i == 0 || !isalnum((unsigned char)low[i - 1])) &&
           !isalnum((unsigned char)low[i + l]);
}

/* A number at low+i in digits or words: its value and where it ends, or -1. */
static int
number_at(const char *low, size_t i, size_t *end)
{
    if (isdigit((unsigned char)low[i])) {
        int v = 0;
        size_t k = i;
        if (i > 0 && (isalnum((unsigned char)low[i - 1]) || low[i - 1] == '.' ||
                      low[i - 1] == '$' || low[i - 1] == ','))
            return -1;
        while (isdigit((unsigned char)low[k]) && v < 1000)
            v = v * 10 + (low[k++] - '0');
        if (low[k] == '.' && isdigit((unsigned char)low[k + 1]))
            return -1; /* "2.5 years": rare, and "v1.5" is not years */
        *end = k;
        return v;
    }
    for (size_t w = 1; w < sizeof word_numbers / sizeof word_numbers[0]; w++)
        if (word_at(low, i, word_numbers[w])) {
            size_t k = i + strlen(word_numbers[w]);
            /* "five (5)" */
            if (!strncmp(low + k, " (", 2) && isdigit((unsigned char)low[k + 2])) {
                size_t q = k + 2;
                while (isdigit((unsigned char)low[q]))
                    q++;
                if (low[q] == '+')
                    q++;
                if (low[q] == ')')
                    k = q + 1;
            }
            *end = k;
            return (int)w;
        }
    return -1;
}

static size_t
skip_spaces(const char *low, size_t k)
{
    while (low[k] == ' ' || low[k] == '\t')
        k++;
    return k;
}

/* The years figures of a line ("5+ years", "3-5 years", "ten or more years", "at least
 * five (5) years", "2 yrs"): the lower bound of each, at most max. */
static size_t
years_scan(const char *low, struct yr *v, size_t max)
{
    size_t nv = 0;
    for (size_t i = 0; low[i] && nv < max; i++) {
        size_t k, e;
        int n = number_at(low, i, &e);
        if (n < 1 || n > 40)
            continue;
        k = e;
        if (low[k] == '+')
            k++;
        k = skip_spaces(low, k);
        /* a range: the lower bound asks */
        if (low[k] == '-' || !strncmp(low + k, "to ", 3)) {
            size_t e2, q = skip_spaces(low, k + (low[k] == '-' ? 1 : 3));
            if (number_at(low, q, &e2) >= 0) {
                k = e2;
                if (low[k] == '+')
                    k++;
                k = skip_spaces(low, k);
            }
        }
        if (!strncmp(low + k, "or more ", 8))
            k += 8;
        else if (!strncmp(low + k, "plus ", 5) || !strncmp(low + k, "-plus ", 6))
            k += low[k] == '-' ? 6 : 5;
        else if (low[k] == '-' && !strncmp(low + k + 1, "year", 4))
            k++; /* "a 5-year track record" */
        k = skip_spaces(low, k);
        if (!strncmp(low + k, "year", 4) || !strncmp(low + k, "yrs", 3) ||
            (!strncmp(low + k, "yr", 2) && !isalpha((unsigned char)low[k + 2]))) {
            size_t after = k;
            while (isalpha((unsigned char)low[after]) || low[after] == '\'' || low[after] == '+')
                after++;
            /* "founded 10 years ago", "in the last 2 years", "18 years old" */
            if (strstr(low + after, " ago") == low + after ||
                strstr(low + after, " old") == low + after)
                continue;
            if (i >= 5 && (!strncmp(low + i - 5, "last ", 5) || !strncmp(low + i - 5, "past ", 5) ||
                           !strncmp(low + i - 5, "next ", 5)))
                continue;
            v[nv++] = (struct yr){n, i, after};
            i = after - 1;
        }
    }
    return nv;
}

/* ---- the title and level ----------------------------------------------------------------- */

static int
level_of_title(const char *low, int min_years)
{
    if (strstr(low, "intern") || strstr(low, "junior") || strstr(low, "graduate") ||
        strstr(low, "entry") || strstr(low, "jr") || strstr(low, "trainee"))
        return LEVEL_JUNIOR;
    if (strstr(low, "architect") || strstr(low, "principal") || strstr(low, "distinguished"))
        return LEVEL_ARCHITECT;
    if (strstr(low, "senior") || strstr(low, "staff") || strstr(low, "lead") ||
        strstr(low, "sr.") || strstr(low, "sr ") || strstr(low, "head of"))
        return LEVEL_SENIOR;
    if (min_years >= 6)
        return LEVEL_SENIOR;
    return LEVEL_MID;
}

/* The line as a title: without Markdown marks, a "Job title:" label, trailing colon. */
static char *
title_of(const char *line, size_t n)
{
    size_t m = n;
    const char *t = text_trim(line, &m);
    static const char *const labels[] = {"job title:", "title:", "position:", "role:", "job:"};
    while (m && (*t == '#' || *t == ' ' || *t == '*'))
        t++, m--;
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (m > strlen(labels[i]) && !strncasecmp(t, labels[i], strlen(labels[i]))) {
            t += strlen(labels[i]);
            m -= strlen(labels[i]);
            t = text_trim(t, &m);
            break;
        }
    while (m && (t[m - 1] == ':' || t[m - 1] == ' '))
        m--;
    if (!m)
        return NULL;
    /* cut at 100 bytes, maybe inside a character: cleaned */
    return text_utf8_clean(t, m < 100 ? m : 100);
}

/* ---- reading ------------------------------------------------------------------------------ */

struct reader {
    struct role *r;
    size_t cap;
    int next_group;
    int title_line; /* a skill read there first is a must-have that a group may take */
};

/* Adds or strengthens a skill. A skill read twice keeps its strongest reading: a must-have
 * stays one, and takes the group of the line that made it one. */
static void
add(struct reader *rd, const char *name, enum mode m, int group, int years, int line)
{
    struct role *r = rd->r;
    bool must = m == M_MUST;
    int weight = must ? 3 : m == M_NICE ? 2 : 1;
    for (size_t i = 0; i < r->nskills; i++) {
        struct role_skill *k = &r->skills[i];
        if (strcmp(k->name, name) != 0)
            continue;
        if (must && (!k->must || (k->line == rd->title_line && !k->group && group))) {
            /* a nice-to-have become a must-have, or a title's skill that the requirements
             * give alternatives ("DevOps Engineer" then "DevOps, SRE or infrastructure") */
            k->must = true;
            k->group = group;
            k->line = line;
        } else if (must && k->group && !group) {
            k->group = 0; /* named alone as a must-have: it is one on its own */
            k->line = line;
        }
        if (weight > k->weight)
            k->weight = weight;
        if (years > k->years && m != M_NICE)
            k->years = years;
        return;
    }
    xgrow(&r->skills, &rd->cap, r->nskills + 1, sizeof *r->skills);
    r->skills[r->nskills++] =
        (struct role_skill){xstrdup(name), weight, must, line, group, m == M_NICE ? 0 : years};
}

/* Whether the text between two skills on a line joins them in a list ("," "/" "or" "and"
 * "&"), and whether it says they are alternatives ("/", "or"). */
static bool
list_gap(const char *g, size_t n, bool *alt)
{
    size_t i = 0, m = n;
    const char *t = text_trim(g, &m);
    *alt = false;
    if (n > 12 || memchr(g, ')', n))
        return false; /* "(JPA) and ...": the parenthesis closed a list */
    if (m == 1 && *t == '(') {
        *alt = true; /* "Hibernate (JPA)", "relational databases (Oracle, MySQL)" */
        return true;
    }
    while (i < n) {
        if (g[i] == ' ' || g[i] == ',' || g[i] == ';' || g[i] == '&') {
            i++;
        } else if (g[i] == '/' || g[i] == '|') {
            *alt = true;
            i++;
        } else if (n - i >= 2 && !strncmp(g + i, "or", 2) &&
                   (i + 2 == n || !isalpha((unsigned char)g[i + 2]))) {
            *alt = true;
            i += 2;
        } else if (n - i >= 6 && !strncmp(g + i, "and/or", 6)) {
            *alt = true;
            i += 6;
        } else if (n - i >= 3 && !strncmp(g + i, "and", 3)) {
            i += 3;
        } else if (n - i >= 4 && !strncmp(g + i, "etc.", 4)) {
            i += 4;
        } else {
            return false;
        }
    }
    return true;
}

/* Phrases before a list that make its skills examples of one need: any one will do. */
static bool
examples_before(const char *low, size_t at)
{
    static const char *const cues[] = {"one of",  "any of",    "such as",     "e.g",
                                       "like ",   "either",    "one or more", "at least one",
                                       "similar", "including", "for example"};
    size_t from = at > 40 ? at - 40 : 0;
    for (size_t i = 0; i < sizeof cues / sizeof cues[0]; i++) {
        const char *p = strstr(low + from, cues[i]);
        if (p && (size_t)(p - low) < at)
            return true;
    }
    return false;
}

/* The skills of one line, in order, each with its hit. */
struct lhit {
    size_t skill, start, end; /* start, end: in the line */
};

/* Reads one line's skills into rd: lists joined by "or" or "/" (or introduced by "such as",
 * "one of") are one group of alternatives; years before a skill on the line (or just after
 * it: "Java (3+ years)") are that skill's. */
static void
read_skills(struct reader *rd, const struct skills *tax, const char *low, const struct lhit *h,
            size_t nh, const struct yr *ys, size_t ny, enum mode m, int line)
{
    size_t i = 0;
    while (i < nh) {
        size_t j = i, k;
        bool any_alt = false;
        int group = 0, years = 0;
        /* the run of skills joined as a list */
        while (j + 1 < nh) {
            bool alt;
            if (h[j + 1].start < h[j].end ||
                !list_gap(low + h[j].end, h[j + 1].start - h[j].end, &alt))
                break;
            any_alt |= alt;
            j++;
        }
        /* "DevOps, SRE or infrastructure role": the list ends in an alternative that is
         * not a skill, so the skills in it are alternatives too */
        if (j > i && !any_alt) {
            const char *after = low + h[j].end;
            while (*after == ' ' || *after == ',')
                after++;
            any_alt = !strncmp(after, "or ", 3);
        }
        if (j > i && (any_alt || examples_before(low, h[i].start)))
            group = ++rd->next_group;
        for (size_t y = 0; y < ny; y++) {
            /* the nearest before; else just after: "Java (3+ years)", "Java: 5 years" */
            bool before = ys[y].end <= h[i].start;
            bool after = ys[y].start >= h[j].end && ys[y].start - h[j].end <= 4 && !years;
            if (before || after)
                years = ys[y].n;
        }
        for (k = i; k <= j; k++)
            add(rd, tax->v[h[k].skill].name, m, group, years, line);
        i = j + 1;
    }
}

/* The mode a heading line opens, or -1 when it is not a heading. A heading is short and
 * names no skill; it is marked (Markdown '#', bold, capitals, a colon at its end) or is
 * one of the known phrases on a line of its own. */
static int
heading_mode(const char *low, size_t n, bool marked, bool has_skill)
{
    size_t m = n, words = 0;
    const char *t = text_trim(low, &m);
    bool colon, hash = m && t[0] == '#';
    char buf[96];
    if (!m || m > 80 || has_skill)
        return -1;
    if (t[0] == '-' || t[0] == '*' || t[0] == '+') /* a list item */
        return -1;
    while (m && (*t == '#' || *t == ' '))
        t++, m--;
    colon = m && t[m - 1] == ':';
    while (m && (t[m - 1] == ':' || t[m - 1] == ' '))
        m--;
    if (!m || m >= sizeof buf || t[m - 1] == '.' || t[m - 1] == ',' || t[m - 1] == ';')
        return -1;
    for (size_t i = 0; i < m; i++) {
        if (t[i] == ' ' && i + 1 < m && t[i + 1] != ' ')
            words++;
    }
    words++;
    if (words > 8)
        return -1;
    memcpy(buf, t, m);
    buf[m] = '\0';
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
        if (strstr(buf, heads[i].phrase))
            return (int)heads[i].mode;
    if (HAS(buf, duty_heads) && (hash || marked || colon || words <= 5))
        return M_DUTY;
    if (hash || marked || (colon && words <= 3))
        return M_NONE;
    return -1;
}

/* Whether a skill hit is followed by a role noun ("Java Developer", "Go engineer"). */
static bool
skill_as_role(const char *low, size_t end)
{
    static const char *const nouns[] = {"developer", "engineer",      "programmer", "architect",
                                        "dba",       "administrator", "consultant", "specialist",
                                        "backend",   "back-end",      "back end"};
    size_t k = end;
    while (low[k] == ' ' || low[k] == '/' || low[k] == '-')
        k++;
    for (size_t i = 0; i < sizeof nouns / sizeof nouns[0]; i++)
        if (!strncmp(low + k, nouns[i], strlen(nouns[i])))
            return true;
    return false;
}

static void warn(struct job *j, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
warn(struct job *j, const char *fmt, ...)
{
    struct buf b;
    va_list ap;
    if (j->nwarnings >= JOB_WARNINGS_MAX)
        return;
    buf_init(&b, 1024);
    va_start(ap, fmt);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    j->warnings[j->nwarnings++] = buf_take(&b);
}

/* Whether the line names a section we know ("About the job", "Requirements"). */
static bool
known_heading(const char *low)
{
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
        if (strstr(low, heads[i].phrase))
            return true;
    return HAS(low, duty_heads);
}

/* Whether the line reads as a title: short, no sentence, no list item, a role noun in it. */
static bool
title_like(const char *low, size_t n)
{
    size_t m = n;
    const char *t = text_trim(low, &m);
    if (!m || m > 90 || t[m - 1] == '.' || *t == '-' || *t == '*' || *t == '+')
        return false;
    return HAS(low, role_nouns);
}

/* What reading carries from line to line. */
struct state {
    struct reader rd;
    const struct skills *tax;
    enum mode mode;
    int must_years, none_years, comparable_years, must_line, none_line;
};

/* An ambiguous name ("Ruby", "Jenkins", "Phoenix") without the context the scanner asks of
 * resumes still counts in a posting where a posting gives its own: alone on a list item
 * or short line of a requirements or nice-to-have section, right after "experience
 * with", "knowledge of" and the like, or, in such a section, written as a name (capitalised
 * inside a sentence: "2+ years building web applications with React"). line is the line as
 * written, low the same lower-cased. */
static bool
ambiguous_ok(const char *line, const char *low, size_t start, bool short_item, bool in_section)
{
    static const char *const cues[] = {"experience with ", "experience in ", "knowledge of ",
                                       "proficiency in ",  "proficient in ", "familiarity with ",
                                       "expertise in ",    "skills in ",     "strong ",
                                       "solid ",           "use of ",        "using "};
    if (short_item)
        return true;
    if (in_section && start >= 2 && isupper((unsigned char)line[start]) && low[start - 1] == ' ' &&
        isalpha((unsigned char)low[start - 2]))
        return true; /* a name after a word of the sentence, not at its start */
    for (size_t i = 0; i < sizeof cues / sizeof cues[0]; i++) {
        size_t l = strlen(cues[i]);
        if (start >= l && !strncmp(low + start - l, cues[i], l))
            return true;
    }
    return false;
}

/* One sentence (or a whole line) of a posting: its marks, years and skills. seg is
 * lower-cased and NUL-terminated; hits are offsets in it. */
static void
read_segment(struct state *st, const char *seg, struct lhit *lh, size_t nlh, bool is_title,
             int line_no)
{
    struct yr ys[8];
    struct lhit roles[64];
    size_t ny, nroles = 0;
    enum mode lm = HAS(seg, nice_marks) ? M_NICE : HAS(seg, must_marks) ? M_MUST : st->mode;
    bool degree = strstr(seg, "degree") || strstr(seg, "equivalent");

    ny = years_scan(seg, ys, sizeof ys / sizeof ys[0]);
    /* a years figure asks for a must-have unless it is preferred */
    if (ny && lm != M_NICE && st->mode != M_NICE && !degree)
        lm = M_MUST;
    if (ny && st->mode == M_NICE && lm == M_MUST && !HAS(seg, must_marks))
        lm = M_NICE;
    if (lm == M_NONE && HAS(seg, ask_marks))
        lm = M_MUST;
    if ((lm == M_NONE || lm == M_DUTY) && st->mode != M_DUTY) {
        /* "a Java developer", "Go engineer": the skill names the role */
        for (size_t i = 0; i < nlh; i++)
            if (skill_as_role(seg, lh[i].end))
                roles[nroles++] = lh[i];
        if (nroles)
            read_skills(&st->rd, st->tax, seg, roles, nroles, ys, ny, M_MUST, line_no);
    }
    if (is_title && nlh)
        lm = M_MUST; /* "Senior Java Developer" */
    read_skills(&st->rd, st->tax, seg, lh, nlh, ys, ny, lm == M_NONE ? M_DUTY : lm, line_no);

    if (ny && !degree) {
        int y = ys[0].n;
        for (size_t i = 1; i < ny; i++)
            if (ys[i].n > y)
                y = ys[i].n;
        if (lm == M_MUST && st->mode != M_NICE && y > st->must_years) {
            st->must_years = y;
            st->must_line = line_no;
        } else if (lm != M_NICE && st->mode != M_NICE && y > st->none_years) {
            st->none_years = y;
            st->none_line = line_no;
        }
        if (lm != M_NICE && st->mode != M_NICE &&
            (strstr(seg, "as a ") || strstr(seg, "as an ") || strstr(seg, "similar role") ||
             strstr(seg, "comparable role") || strstr(seg, "in a similar")) &&
            y > st->comparable_years)
            st->comparable_years = y;
    }
}

/* Where the sentence that starts at low+i ends: after ". " before a capital or a digit,
 * or "; ", or at the end of the line. */
static size_t
sentence_end(const char *line, const char *low, size_t i, size_t n)
{
    for (; i < n; i++) {
        if ((low[i] == '.' || low[i] == '!' || low[i] == '?') && i + 2 < n && low[i + 1] == ' ' &&
            (isupper((unsigned char)line[i + 2]) || isdigit((unsigned char)line[i + 2])))
            return i + 1;
        if (low[i] == ';' && i + 1 < n && low[i + 1] == ' ')
            return i + 1;
    }
    return n;
}

enum rb_err
job_read(const char *file, const char *text, size_t len, struct skillscan *sc,
         const struct skills *taxonomy, struct job *out, char *errmsg)
{
    struct skill_hit *hits = NULL;
    size_t nhits = 0, h = 0, nlines = 0, nonempty = 0;
    struct state st = {.tax = taxonomy, .mode = M_NONE};
    int line_no = 0, first_line = 0;
    bool *bold = NULL;
    struct role *r = &out->role;
    const char *first_text = NULL;
    size_t first_n = 0;
    enum rb_err e;

    memset(out, 0, sizeof *out);
    {
        size_t i = 0;
        while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
            i++;
        if (i == len) {
            snprintf(errmsg, RB_ERRMSG, "%s: the job description is empty: give its text", file);
            return RB_EINVAL;
        }
    }
    st.rd.r = r;
    out->text = clean(text, len, &out->len, &bold, &nlines);
    if ((e = skillscan_run_all(sc, out->text, out->len, &hits, &nhits, errmsg))) {
        job_cleanup(out);
        free(bold);
        return e;
    }
    for (const char *line = out->text; line < out->text + out->len;) {
        const char *end = out->text + out->len;
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        size_t n = (size_t)((nl ? nl : end) - line), off = (size_t)(line - out->text);
        char *low = xstrndup(line, n);
        struct lhit lh[64];
        size_t nlh = 0, m = n, words = 0;
        bool caps = true, any_alpha = false, is_title, item;
        const char *t;
        int hm;

        line_no++;
        for (size_t i = 0; i < n; i++) {
            if (islower((unsigned char)low[i]))
                caps = false;
            if (isalpha((unsigned char)low[i]))
                any_alpha = true;
            if (low[i] == ' ' && i + 1 < n && low[i + 1] != ' ')
                words++;
            low[i] = (char)tolower((unsigned char)low[i]);
        }
        t = text_trim(low, &m);
        if (m)
            nonempty++;
        item = m && (*t == '-' || *t == '*' || *t == '+');
        for (; h < nhits && hits[h].start < off + n; h++) {
            if (hits[h].start < off || nlh == sizeof lh / sizeof lh[0])
                continue;
            bool section = st.mode == M_MUST || st.mode == M_NICE;
            if (hits[h].ambiguous && !hits[h].context &&
                !ambiguous_ok(line, low, hits[h].start - off,
                              section && (item || words < 4) && words < 5, section))
                continue;
            lh[nlh++] = (struct lhit){hits[h].skill, hits[h].start - off, hits[h].end - off};
        }

        /* the title: a labelled line, or the first of the first lines that reads as one */
        is_title = false;
        if (m && !first_text) {
            first_text = line;
            first_n = n;
            first_line = line_no;
        }
        if (!r->title && m && nonempty <= 12 &&
            (strstr(low, "job title:") || !strncmp(t, "title:", 6) ||
             (title_like(low, n) && !known_heading(low)))) {
            r->title = title_of(line, n);
            out->title_line = st.rd.title_line = line_no;
            is_title = true;
        }

        hm = heading_mode(low, n, (caps && any_alpha) || bold[line_no - 1], nlh > 0);
        if (is_title)
            hm = -1;
        if (hm >= 0)
            st.mode = (enum mode)hm;
        /* sentence by sentence: "... in PHP. Experience with WooCommerce is a plus." */
        for (size_t a = 0; a < n;) {
            size_t b = sentence_end(line, low, a, n), k = 0;
            char *seg = xstrndup(low + a, b - a);
            struct lhit sh[64];
            for (size_t i = 0; i < nlh; i++)
                if (lh[i].start >= a && lh[i].start < b)
                    sh[k++] = (struct lhit){lh[i].skill, lh[i].start - a,
                                            (lh[i].end < b ? lh[i].end : b) - a};
            read_segment(&st, seg, sh, k, is_title, line_no);
            free(seg);
            a = b;
        }
        free(low);
        line = nl ? nl + 1 : end;
    }
    free(hits);
    free(bold);
    if (!r->title && first_text) {
        r->title = title_of(first_text, first_n);
        out->title_line = first_line;
    }
    if (!r->nskills)
        warn(out,
             "%s: names no skill that Rubric knows (see 'rubric skills list'): screening on "
             "the title and years only; give skills with --must and --nice",
             file);
    else {
        size_t nmust = 0;
        for (size_t i = 0; i < r->nskills; i++)
            nmust += r->skills[i].must;
        if (!nmust)
            warn(out,
                 "%s: no skill reads as a must-have (no requirements section or phrase was "
                 "found): every skill is a nice-to-have; give them with --must",
                 file);
    }
    r->min_years = st.must_years ? st.must_years : st.none_years;
    out->years_line = st.must_years ? st.must_line : st.none_line;
    r->min_comparable_years = st.comparable_years;
    {
        char *tl = r->title ? xstrdup(r->title) : xstrdup("");
        const char *base = fs_basename(file);
        for (char *p = tl; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        r->level = level_of_title(tl, r->min_years);
        free(tl);
        r->id = text_slug(base, strlen(base), 64);
    }
    r->file = xstrdup(file);
    return RB_OK;
}

void
job_cleanup(struct job *j)
{
    if (!j)
        return;
    role_cleanup(&j->role);
    free(j->text);
    for (size_t i = 0; i < j->nwarnings; i++)
        free(j->warnings[i]);
    memset(j, 0, sizeof *j);
}

enum rb_err
job_from_text(const char *file, const char *text, size_t len, struct skillscan *sc,
              const struct skills *taxonomy, struct role *r, char *errmsg)
{
    struct job j;
    enum rb_err e = job_read(file, text, len, sc, taxonomy, &j, errmsg);
    if (e)
        return e;
    *r = j.role;
    memset(&j.role, 0, sizeof j.role);
    job_cleanup(&j);
    return RB_OK;
}

enum rb_err
job_load(const char *file, struct skillscan *sc, const struct skills *taxonomy, struct job *out,
         char *errmsg)
{
    char msg[RB_ERRMSG], *data = NULL;
    size_t len;
    const char *p;
    enum rb_err e;

    memset(out, 0, sizeof *out);
    if ((e = extract_read(file, NULL, &data, &len, msg))) {
        snprintf(errmsg, RB_ERRMSG, "cannot read job %.200s: %.280s", file, msg);
        return e;
    }
    for (p = data; p < data + len && strchr(" \t\r\n", *p); p++)
        ;
    if (p < data + len && *p == '{') {
        struct role_set templates;
        struct diags d, notes;
        role_set_init(&templates);
        diags_init(&d, 0);
        diags_init(&notes, 0);
        role_read_builtin(&templates, &d);
        e = role_import_job(file, data, len, &templates, NULL, taxonomy, &out->role, &notes,
                            errmsg);
        diags_cleanup(&d);
        diags_cleanup(&notes);
        role_set_cleanup(&templates);
    } else {
        struct extracted x;
        e = extract_buffer(file, (const unsigned char *)data, len, NULL, &x, msg);
        if (e) {
            snprintf(errmsg, RB_ERRMSG, "cannot read job %.200s: %.280s", file, msg);
            e = RB_EINVAL;
        } else {
            e = job_read(file, x.text, x.len, sc, taxonomy, out, errmsg);
            extracted_cleanup(&x);
        }
    }
    free(data);
    return e;
}

/* ---- overrides ----------------------------------------------------------------------------- */

void
job_split_list(const char *s, char ***out, size_t *n)
{
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    while (s && *s) {
        const char *c = strchr(s, ',');
        size_t l = c ? (size_t)(c - s) : strlen(s);
        const char *t = text_trim(s, &l);
        if (l) {
            xgrow(out, &cap, *n + 1, sizeof **out);
            (*out)[(*n)++] = xstrndup(t, l);
        }
        s = c ? c + 1 : s + strlen(s);
    }
}

static void
drop_skill(struct role *r, size_t i)
{
    free(r->skills[i].name);
    memmove(&r->skills[i], &r->skills[i + 1], (r->nskills - i - 1) * sizeof *r->skills);
    r->nskills--;
}

/* Adds the groups of list to r as must-haves or nice-to-haves. */
static enum rb_err
add_groups(struct role *r, size_t *cap, int *next_group, const char *const *list, size_t n,
           bool must, const struct skills *tax, const char *field, char *errmsg)
{
    for (size_t g = 0; g < n; g++) {
        const char *s = list[g];
        int group = strchr(s, '|') ? ++*next_group : 0;
        while (*s) {
            const char *bar = strchr(s, '|');
            size_t l = bar ? (size_t)(bar - s) : strlen(s);
            const char *t = text_trim(s, &l);
            char *name = xstrndup(t, l);
            const struct skill *k = l ? skills_lookup(tax, name) : NULL;
            if (!k) {
                snprintf(errmsg, RB_ERRMSG,
                         "%s: '%s' is not a skill Rubric knows (see 'rubric skills find %s')",
                         field, name, name);
                free(name);
                return RB_EINVAL;
            }
            free(name);
            for (size_t i = 0; i < r->nskills; i++)
                if (!strcmp(r->skills[i].name, k->name)) {
                    drop_skill(r, i);
                    break;
                }
            xgrow(&r->skills, cap, r->nskills + 1, sizeof *r->skills);
            r->skills[r->nskills++] =
                (struct role_skill){xstrdup(k->name), must ? 3 : 2, must, 0, group, 0};
            s = bar ? bar + 1 : s + strlen(s);
        }
    }
    return RB_OK;
}

enum rb_err
job_override(struct role *r, const char *const *must, size_t nmust, const char *const *nice,
             size_t nnice, int years, const struct skills *taxonomy, const char *field_must,
             const char *field_nice, char *errmsg)
{
    size_t cap = r->nskills;
    int next_group = 0;
    enum rb_err e;
    for (size_t i = 0; i < r->nskills; i++)
        if (r->skills[i].group > next_group)
            next_group = r->skills[i].group;
    for (size_t i = 0; must && i < r->nskills; i++)
        if (r->skills[i].must) {
            r->skills[i].must = false;
            r->skills[i].weight = 2;
            r->skills[i].group = 0;
        }
    /* given both lists, the criteria are exactly those given */
    for (size_t i = r->nskills; nice && i-- > 0;)
        if (!r->skills[i].must)
            drop_skill(r, i);
    if (must &&
        (e = add_groups(r, &cap, &next_group, must, nmust, true, taxonomy, field_must, errmsg)))
        return e;
    if (nice &&
        (e = add_groups(r, &cap, &next_group, nice, nnice, false, taxonomy, field_nice, errmsg)))
        return e;
    if (years >= 0)
        r->min_years = years;
    return RB_OK;
}

/* ---- output -------------------------------------------------------------------------------- */

/* The must-have groups of r: [{"any_of": [...], "years"}], each group once. */
static json_t *
groups_json(const struct role *r, const struct job *j)
{
    json_t *out = json_array();
    for (size_t i = 0; i < r->nskills; i++) {
        const struct role_skill *k = &r->skills[i];
        json_t *any, *g;
        int years = k->years;
        bool seen = false;
        if (!k->must)
            continue;
        for (size_t p = 0; p < i && k->group; p++)
            if (r->skills[p].must && r->skills[p].group == k->group)
                seen = true;
        if (seen)
            continue;
        any = json_array();
        for (size_t p = i; p < r->nskills; p++) {
            const struct role_skill *o = &r->skills[p];
            if (p == i || (k->group && o->must && o->group == k->group)) {
                json_array_append_new(any, json_string(o->name));
                if (o->years > years)
                    years = o->years;
            }
        }
        g = json_pack("{s:o, s:i}", "any_of", any, "years", years);
        if (j) {
            char *t = job_line(j, k->line);
            json_object_set_new(g, "line", json_integer(k->line));
            json_object_set_new(g, "text", t ? json_string(t) : json_null());
            free(t);
        }
        json_array_append_new(out, g);
    }
    return out;
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
    return json_pack("{s:s?, s:s, s:i, s:i, s:o, s:o, s:o}", "title", r->title, "level",
                     level_name(r->level), "min_years", r->min_years, "min_comparable_years",
                     r->min_comparable_years, "must_have", must, "must_have_groups",
                     groups_json(r, NULL), "nice_to_have", nice);
}

char *
job_line(const struct job *j, int n)
{
    const char *p = j->text, *end = j->text + j->len;
    size_t l;
    if (n < 1 || !p)
        return NULL;
    for (int i = 1; i < n; i++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return NULL;
        p = nl + 1;
    }
    {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        l = (size_t)((nl ? nl : end) - p);
    }
    p = text_trim(p, &l);
    return text_utf8_clean(p, l < 300 ? l : 300);
}

json_t *
job_to_json(const struct job *j, const char *file)
{
    const struct role *r = &j->role;
    json_t *o = json_object(), *nice = json_array(), *w = json_array();
    char *t;
    json_object_set_new(o, "file", json_string(file));
    json_object_set_new(o, "title", r->title ? json_string(r->title) : json_null());
    json_object_set_new(o, "title_line", json_integer(j->title_line));
    json_object_set_new(o, "level", json_string(level_name(r->level)));
    json_object_set_new(o, "min_years", json_integer(r->min_years));
    t = job_line(j, j->years_line);
    json_object_set_new(o, "min_years_from",
                        j->years_line ? json_pack("{s:i, s:s?}", "line", j->years_line, "text", t)
                                      : json_null());
    free(t);
    json_object_set_new(o, "min_comparable_years", json_integer(r->min_comparable_years));
    json_object_set_new(o, "must_have", groups_json(r, j));
    for (size_t i = 0; i < r->nskills; i++) {
        const struct role_skill *k = &r->skills[i];
        json_t *s;
        if (k->must)
            continue;
        t = job_line(j, k->line);
        s = json_pack("{s:s, s:i, s:i, s:s?}", "skill", k->name, "weight", k->weight, "line",
                      k->line, "text", t);
        free(t);
        json_array_append_new(nice, s);
    }
    json_object_set_new(o, "nice_to_have", nice);
    for (size_t i = 0; i < j->nwarnings; i++)
        json_array_append_new(w, json_string(j->warnings[i]));
    json_object_set_new(o, "warnings", w);
    return o;
}
