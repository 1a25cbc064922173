/* SPDX-License-Identifier: MIT */
/*
 * Resume text, line by line: headings start sections; contact details come from the top;
 * a line with a date range is a position, its title and company from the rest of the line
 * or the line above; skills come from the scanner, each mention tied to the position whose
 * lines hold it.
 */
#include "resume/resume.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/mem.h"
#include "util/text.h"

enum section {
    SEC_TOP,
    SEC_SUMMARY,
    SEC_EXPERIENCE,
    SEC_EDUCATION,
    SEC_SKILLS,
    SEC_PROJECTS,
    SEC_CERTS,
    SEC_OTHER
};

static const struct {
    const char *heading;
    enum section sec;
} headings[] = {
    {"summary", SEC_SUMMARY},
    {"profile", SEC_SUMMARY},
    {"about me", SEC_SUMMARY},
    {"objective", SEC_SUMMARY},
    {"professional summary", SEC_SUMMARY},
    {"experience", SEC_EXPERIENCE},
    {"work experience", SEC_EXPERIENCE},
    {"professional experience", SEC_EXPERIENCE},
    {"work history", SEC_EXPERIENCE},
    {"employment", SEC_EXPERIENCE},
    {"employment history", SEC_EXPERIENCE},
    {"career history", SEC_EXPERIENCE},
    {"relevant experience", SEC_EXPERIENCE},
    {"education", SEC_EDUCATION},
    {"academic background", SEC_EDUCATION},
    {"education and training", SEC_EDUCATION},
    {"skills", SEC_SKILLS},
    {"technical skills", SEC_SKILLS},
    {"core competencies", SEC_SKILLS},
    {"technologies", SEC_SKILLS},
    {"projects", SEC_PROJECTS},
    {"personal projects", SEC_PROJECTS},
    {"certifications", SEC_CERTS},
    {"certificates", SEC_CERTS},
    {"licenses and certifications", SEC_CERTS},
    {"languages", SEC_OTHER},
    {"interests", SEC_OTHER},
    {"references", SEC_OTHER},
    {"publications", SEC_OTHER},
    {"awards", SEC_OTHER},
};

/* The section a line heads, or -1: a short line whose words, folded, are a known heading
 * ("## Work History", "PROFESSIONAL EXPERIENCE:", "Skills"). */
static int
heading_of(const char *line, size_t n)
{
    struct buf b;
    char *f;
    int sec = -1;

    if (n > 48)
        return -1;
    f = text_fold(line, n);
    buf_init(&b, 64);
    for (const char *p = f; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (unsigned char)*p >= 0x80)
            buf_putc(&b, *p);
        else if (*p == ' ' || *p == '&' || *p == '/')
            if (b.len && b.data[b.len - 1] != ' ')
                buf_putc(&b, ' ');
    }
    while (b.len && b.data[b.len - 1] == ' ')
        b.data[--b.len] = '\0';
    for (size_t i = 0; i < sizeof headings / sizeof headings[0] && sec < 0; i++)
        if (!strcmp(buf_str(&b), headings[i].heading))
            sec = (int)headings[i].sec;
    buf_cleanup(&b);
    free(f);
    return sec;
}

static void
add_str(char ***v, size_t *n, const char *s, size_t len)
{
    *v = xrealloc(*v, (*n + 1) * sizeof **v);
    (*v)[(*n)++] = xstrndup(s, len);
}

static void
warn(struct resume *r, const char *msg)
{
    for (size_t i = 0; i < r->nwarnings; i++)
        if (!strcmp(r->warnings[i], msg))
            return;
    add_str(&r->warnings, &r->nwarnings, msg, strlen(msg));
}

/* ---- contact -------------------------------------------------------------------------- */

static bool
email_char(char c, bool domain)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || (!domain && (c == '_' || c == '+' || c == '%'));
}

static void
find_email(struct resume *r, const char *t, size_t n)
{
    for (size_t i = 1; i + 3 < n && !r->email; i++) {
        size_t a = i, b = i + 1;
        bool dot = false;
        if (t[i] != '@')
            continue;
        while (a > 0 && email_char(t[a - 1], false))
            a--;
        while (b < n && email_char(t[b], true)) {
            dot |= t[b] == '.';
            b++;
        }
        while (b > i + 1 && t[b - 1] == '.')
            b--;
        if (a < i && dot && b > i + 3)
            r->email = xstrndup(t + a, b - a);
    }
}

static void
find_phone(struct resume *r, const char *t, size_t n)
{
    for (size_t i = 0; i < n && !r->phone; i++) {
        size_t j = i, digits = 0;
        if (!(t[i] == '+' || t[i] == '(' || (t[i] >= '0' && t[i] <= '9')))
            continue;
        if (i > 0 && ((t[i - 1] >= '0' && t[i - 1] <= '9') || t[i - 1] == '-'))
            continue;
        while (j < n && ((t[j] >= '0' && t[j] <= '9') || strchr("+()-. ", t[j])) && t[j] &&
               j - i < 24) {
            digits += t[j] >= '0' && t[j] <= '9';
            j++;
        }
        while (j > i && (t[j - 1] == ' ' || t[j - 1] == '-' || t[j - 1] == '.'))
            j--;
        /* 9 to 15 digits, and not a date range such as 2019 - 2021 */
        if (digits >= 9 && digits <= 15 && !memchr(t + i, '\n', j - i)) {
            struct date_range dr;
            if (!dates_find(t + i, j - i, &dr, 1))
                r->phone = xstrndup(t + i, j - i);
        }
        i = j;
    }
}

static void
find_links(struct resume *r, const char *t, size_t n)
{
    static const char *const starts[] = {"https://", "http://", "github.com/", "linkedin.com/",
                                         "www."};
    for (size_t i = 0; i < n && r->nlinks < 16; i++) {
        size_t j;
        bool hit = false;
        if (i > 0 && !strchr(" \t\n(<|,;", t[i - 1]))
            continue;
        for (size_t k = 0; k < sizeof starts / sizeof starts[0] && !hit; k++)
            hit = n - i > strlen(starts[k]) && !strncasecmp(t + i, starts[k], strlen(starts[k]));
        if (!hit)
            continue;
        j = i;
        while (j < n && !strchr(" \t\n)>|,;", t[j]) && t[j])
            j++;
        while (j > i && strchr(".:", t[j - 1]))
            j--;
        add_str(&r->links, &r->nlinks, t + i, j - i);
        i = j;
    }
}

/* The name: the first short line of words in the top lines that is not contact, a heading or
 * a date. */
static void
find_name(struct resume *r, const char *t, size_t n)
{
    size_t i = 0;
    for (int line = 0; line < 6 && i < n && !r->name; line++) {
        size_t e = i, len, words = 0;
        const char *s;
        bool ok = true;
        while (e < n && t[e] != '\n')
            e++;
        len = e - i;
        s = text_trim(t + i, &len);
        i = e + 1;
        if (!len) {
            line--;
            continue;
        }
        while (len && (*s == '#' || *s == ' ')) {
            s++;
            len--;
        }
        for (size_t k = 0; k < len && ok; k++) {
            char c = s[k];
            ok = !(c >= '0' && c <= '9') && c != '@' && c != '/' && c != ':' && c != '|';
            words += c == ' ' && k + 1 < len && s[k + 1] != ' ';
        }
        words++;
        if (ok && words >= 2 && words <= 5 && len <= 60 && heading_of(s, len) < 0) {
            r->name = xstrndup(s, len);
            r->name_confidence = line == 0 ? 0.9 : 0.6;
        }
    }
}

/* ---- positions ------------------------------------------------------------------------ */

/* Splits "Title, Company" / "Title at Company" / "Title | Company" / "Title - Company". */
static void
title_company(const char *s, size_t n, struct position *p)
{
    static const char *const seps[] = {
        " at ", " @ ", " | ", ", ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " \xC2\xB7 "};
    s = text_trim(s, &n);
    /* Markdown heading marks and bullets are not part of a title */
    while (n && (*s == '#' || *s == '*' || *s == '-' || *s == ' ')) {
        s++;
        n--;
    }
    while (n && strchr(",|-(:", s[n - 1]))
        n--;
    while (n && (s[n - 1] == ' '))
        n--;
    if (!n)
        return;
    for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++) {
        size_t l = strlen(seps[k]);
        for (size_t i = 1; i + l < n; i++)
            if (!strncmp(s + i, seps[k], l)) {
                size_t tl = i, cl = n - i - l;
                const char *ts = text_trim(s, &tl), *cs = text_trim(s + i + l, &cl);
                if (tl && cl) {
                    p->title = xstrndup(ts, tl);
                    p->company = xstrndup(cs, cl);
                    p->confidence = 0.9;
                    return;
                }
            }
    }
    p->title = xstrndup(s, n);
    p->confidence = 0.6;
}

/* ---- the parse ------------------------------------------------------------------------ */

enum rb_err
resume_parse(const char *text, size_t len, struct skillscan *sc, struct ym today,
             struct resume *out, char *errmsg)
{
    struct skill_hit *hits = NULL;
    size_t nhits = 0, i = 0, cap = 0, prev_start = 0, prev_len = 0, top_end = len;
    enum section sec = SEC_TOP;
    int columns = 0, lines = 0;
    enum rb_err rc;

    memset(out, 0, sizeof *out);
    rc = skillscan_run(sc, text, len, &hits, &nhits, errmsg);
    if (rc)
        return rc;
    while (i < len) {
        size_t e = i, n;
        const char *s;
        int h;
        struct date_range dr[2];

        while (e < len && text[e] != '\n')
            e++;
        n = e - i;
        s = text_trim(text + i, &n);
        lines++;
        if (n && memmem(s, n, "      ", 6) && n > 40)
            columns++; /* a wide gap inside a long line: pdftotext -layout of two columns */
        h = n ? heading_of(s[0] == '#' ? s + 1 : s, n - (s[0] == '#')) : -1;
        if (h >= 0) {
            if (sec == SEC_TOP && top_end == len)
                top_end = i;
            sec = (enum section)h;
            if (out->npositions && out->positions[out->npositions - 1].to == len)
                out->positions[out->npositions - 1].to = i;
        } else if (n && dates_find(s, n, dr, 2) && (sec == SEC_EXPERIENCE || sec == SEC_TOP)) {
            struct position *p;
            size_t before = dr[0].begin, after = n - dr[0].stop;
            xgrow(&out->positions, &cap, out->npositions + 1, sizeof *out->positions);
            p = &out->positions[out->npositions];
            memset(p, 0, sizeof *p);
            p->range = dr[0];
            /* the rest of the line, else the line above */
            if (before > 3)
                title_company(s, before, p);
            else if (after > 3)
                title_company(s + dr[0].stop, after, p);
            else if (prev_len)
                title_company(text + prev_start, prev_len, p);
            /* its lines run from here (or the line above that titles it) to the next
             * position or heading */
            p->from = prev_len && before <= 3 && after <= 3 ? prev_start : i;
            p->to = len;
            if (out->npositions && p[-1].to > p->from)
                p[-1].to = p->from;
            out->npositions++;
        } else if (n && sec == SEC_EDUCATION) {
            add_str(&out->education, &out->neducation, s, n);
        }
        if (n) {
            prev_start = (size_t)(s - text);
            prev_len = n;
        }
        i = e + 1;
    }
    find_email(out, text, len);
    find_phone(out, text, top_end < len ? top_end : (len < 2000 ? len : 2000));
    find_links(out, text, len);
    find_name(out, text, len);

    /* experience */
    {
        struct date_range *rs = xcalloc(out->npositions + 1, sizeof *rs);
        for (size_t k = 0; k < out->npositions; k++)
            rs[k] = out->positions[k].range;
        out->experience_months = dates_union_months(rs, out->npositions, today);
        free(rs);
    }
    /* skills, with the last year of a position that mentions them */
    {
        size_t capskills = 0;
        for (size_t k = 0; k < nhits; k++) {
            size_t at = hits[k].start, s;
            int year = 0;
            for (size_t p = 0; p < out->npositions; p++) {
                if (at >= out->positions[p].from && at < out->positions[p].to) {
                    const struct date_range *r = &out->positions[p].range;
                    year = r->present ? today.year : r->end.year;
                }
            }
            for (s = 0; s < out->nskills && out->skills[s].skill != hits[k].skill; s++)
                ;
            if (s == out->nskills) {
                xgrow(&out->skills, &capskills, s + 1, sizeof *out->skills);
                out->skills[s].skill = hits[k].skill;
                out->skills[s].mentions = 0;
                out->skills[s].last_used = 0;
                out->nskills++;
            }
            out->skills[s].mentions++;
            if (year > out->skills[s].last_used)
                out->skills[s].last_used = year;
        }
    }
    if (!out->npositions)
        warn(out, "no dated positions: experience could not be measured; check by hand");
    if (strstr(text, "\xEF\xBF\xBD") || strstr(text, "\xC3\x83\xC2") ||
        strstr(text, "\xC3\xA2\xE2\x82\xAC"))
        warn(out, "the text looks damaged by a wrong encoding; check by hand");
    if (lines > 8 && columns * 4 > lines)
        warn(out, "the layout looks like two columns read across; check by hand");
    free(hits);
    return RB_OK;
}

void
resume_cleanup(struct resume *r)
{
    if (!r)
        return;
    free(r->name);
    free(r->email);
    free(r->phone);
    for (size_t i = 0; i < r->nlinks; i++)
        free(r->links[i]);
    free(r->links);
    for (size_t i = 0; i < r->npositions; i++) {
        free(r->positions[i].title);
        free(r->positions[i].company);
    }
    free(r->positions);
    free(r->skills);
    for (size_t i = 0; i < r->neducation; i++)
        free(r->education[i]);
    free(r->education);
    for (size_t i = 0; i < r->nwarnings; i++)
        free(r->warnings[i]);
    free(r->warnings);
    memset(r, 0, sizeof *r);
}

static json_t *
opt(const char *s)
{
    return s ? json_string(s) : json_null();
}

json_t *
resume_to_json(const struct resume *r, const struct skills *taxonomy, const char *file,
               const char *format)
{
    json_t *o = json_object(), *a;
    char d[16];

    json_object_set_new(o, "file", json_string(file));
    json_object_set_new(o, "format", json_string(format));
    json_object_set_new(o, "name", opt(r->name));
    json_object_set_new(o, "name_confidence", json_real(r->name ? r->name_confidence : 0));
    json_object_set_new(o, "email", opt(r->email));
    json_object_set_new(o, "phone", opt(r->phone));
    a = json_array();
    for (size_t i = 0; i < r->nlinks; i++)
        json_array_append_new(a, json_string(r->links[i]));
    json_object_set_new(o, "links", a);
    a = json_array();
    for (size_t i = 0; i < r->nskills; i++)
        json_array_append_new(
            a,
            json_pack("{s:s, s:i, s:o}", "skill", taxonomy->v[r->skills[i].skill].name, "mentions",
                      r->skills[i].mentions, "last_used",
                      r->skills[i].last_used ? json_integer(r->skills[i].last_used) : json_null()));
    json_object_set_new(o, "skills", a);
    a = json_array();
    for (size_t i = 0; i < r->npositions; i++) {
        const struct position *p = &r->positions[i];
        json_t *pj = json_object();
        json_object_set_new(pj, "title", opt(p->title));
        json_object_set_new(pj, "company", opt(p->company));
        dates_format(p->range.start, d, sizeof d);
        json_object_set_new(pj, "start", json_string(d));
        if (p->range.present) {
            json_object_set_new(pj, "end", json_null());
        } else {
            struct ym end = p->range.end;
            if (!end.month)
                end.month = 12; /* a year alone ends in December */
            dates_format(end, d, sizeof d);
            json_object_set_new(pj, "end", json_string(d));
        }
        json_object_set_new(pj, "confidence", json_real(p->confidence));
        json_array_append_new(a, pj);
    }
    json_object_set_new(o, "positions", a);
    json_object_set_new(o, "experience_years", json_real((double)r->experience_months / 12.0));
    a = json_array();
    for (size_t i = 0; i < r->neducation; i++)
        json_array_append_new(a, json_string(r->education[i]));
    json_object_set_new(o, "education", a);
    a = json_array();
    for (size_t i = 0; i < r->nwarnings; i++)
        json_array_append_new(a, json_string(r->warnings[i]));
    json_object_set_new(o, "warnings", a);
    return o;
}
