/* SPDX-License-Identifier: MIT */
/*
 * Resume text, line by line: headings start sections; contact details come from the top;
 * a line with a date range is a position, its title and company from the rest of the line
 * or the line above; skills come from the scanner, each mention tied to the position whose
 * lines hold it, and ambiguous names count in the skills section as in any list. Text that
 * pdftotext -layout wrote in two columns (a sidebar beside the main column) is first
 * unfolded: each stretch of lines side by side becomes its left column, then its right.
 */
#include "resume/resume.h"

#include <stdint.h>
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
    {"career", SEC_EXPERIENCE},
    {"professional background", SEC_EXPERIENCE},
    {"work", SEC_EXPERIENCE},
    {"employment record", SEC_EXPERIENCE},
    {"education", SEC_EDUCATION},
    {"academic background", SEC_EDUCATION},
    {"education and training", SEC_EDUCATION},
    {"skills", SEC_SKILLS},
    {"technical skills", SEC_SKILLS},
    {"core competencies", SEC_SKILLS},
    {"technologies", SEC_SKILLS},
    {"tech stack", SEC_SKILLS},
    {"toolbox", SEC_SKILLS},
    {"skills and tools", SEC_SKILLS},
    {"skills tools", SEC_SKILLS},
    {"projects", SEC_PROJECTS},
    {"personal projects", SEC_PROJECTS},
    {"open source projects", SEC_PROJECTS},
    {"project experience", SEC_PROJECTS},
    {"projects experience", SEC_PROJECTS},
    {"academic projects", SEC_PROJECTS},
    {"side projects", SEC_PROJECTS},
    {"certifications", SEC_CERTS},
    {"certificates", SEC_CERTS},
    {"licenses and certifications", SEC_CERTS},
    {"licenses certifications", SEC_CERTS},
    {"licences and certifications", SEC_CERTS},
    {"licences certifications", SEC_CERTS},
    {"languages", SEC_OTHER},
    {"interests", SEC_OTHER},
    {"references", SEC_OTHER},
    {"publications", SEC_OTHER},
    {"awards", SEC_OTHER},
    /* dated, but not work: their dates are not positions */
    {"volunteer", SEC_OTHER},
    {"volunteering", SEC_OTHER},
    {"volunteer experience", SEC_OTHER},
    {"volunteer work", SEC_OTHER},
    {"courses", SEC_OTHER},
    {"coursework", SEC_OTHER},
    {"training", SEC_OTHER},
    {"training and courses", SEC_OTHER},
    {"activities", SEC_OTHER},
    {"extracurricular activities", SEC_OTHER},
    {"hobbies", SEC_OTHER},
    {"honors", SEC_OTHER},
    {"honours", SEC_OTHER},
    {"honors and awards", SEC_OTHER},
    {"achievements", SEC_OTHER},
    {"memberships", SEC_OTHER},
    {"affiliations", SEC_OTHER},
    {"conferences", SEC_OTHER},
    {"talks", SEC_OTHER},
};

/* A section label set in a left margin column beside the first line of its section, as
 * JSON Resume themes print them and pdftotext -layout keeps them ("Work      Acme Corp ...
 * 2019 - 2021"): the label's length when the line starts with a short word or two and then
 * a gap of three spaces or more; else 0. *rest is where the line goes on. */
static size_t
margin_label(const char *s, size_t n, size_t *rest)
{
    size_t i = 0, words = 0;
    while (i < n && words <= 2) {
        size_t w = i;
        while (i < n && s[i] != ' ')
            i++;
        if (i == w)
            return 0;
        words++;
        if (i + 3 <= n && !memcmp(s + i, "   ", 3)) {
            size_t k = i;
            while (k < n && s[k] == ' ')
                k++;
            if (k == n || i > 24)
                return 0;
            *rest = k;
            return i;
        }
        if (i < n)
            i++; /* one space: the label may have two words */
    }
    return 0;
}

/* Whether words (folded, one space apart) are letters set apart, as a heading in spaced
 * capitals comes out of a PDF ("E D U C AT I O N", "V O LU N T E E R"): three words or more,
 * most of them one or two letters. */
static bool
letter_spaced(const char *words)
{
    size_t n = 0, small = 0, len = 0;
    for (const char *p = words;; p++) {
        if (*p == ' ' || !*p) {
            n++;
            small += len <= 2;
            len = 0;
            if (!*p)
                break;
        } else {
            len++;
        }
    }
    return n >= 3 && small * 3 >= n * 2;
}

/* The section of a known heading written without its spaces ("workexperience"), or -1. */
static int
squeezed_heading(const char *words)
{
    char w[64], h[64];
    size_t n = 0;
    for (const char *p = words; *p && n + 1 < sizeof w; p++)
        if (*p != ' ')
            w[n++] = *p;
    w[n] = '\0';
    for (size_t i = 0; i < sizeof headings / sizeof headings[0]; i++) {
        size_t k = 0;
        for (const char *p = headings[i].heading; *p && k + 1 < sizeof h; p++)
            if (*p != ' ')
                h[k++] = *p;
        h[k] = '\0';
        if (!strcmp(w, h))
            return (int)headings[i].sec;
    }
    return -1;
}

/* The section a line heads, or -1: a short line whose words, folded, are a known heading
 * ("## Work History", "PROFESSIONAL EXPERIENCE:", "Skills", "E D U C AT I O N"). */
static int
heading_of(const char *line, size_t n)
{
    enum { KEY_MAX = 64 };
    char low[49], key[KEY_MAX + 1];
    char *f = NULL;
    const char *folded = low;
    size_t k = 0, i = 0;
    int sec = -1;

    if (n > 48)
        return -1;
    /* every line is asked: ASCII (nearly all) is folded by lowering it here, without the
     * allocations of text_fold */
    while (i < n && (unsigned char)line[i] < 0x80 && line[i])
        i++;
    if (i == n) {
        for (i = 0; i < n; i++)
            low[i] = (char)(line[i] >= 'A' && line[i] <= 'Z' ? line[i] - 'A' + 'a' : line[i]);
        low[n] = '\0';
    } else {
        folded = f = text_fold(line, n);
    }
    /* the words, single spaces between, at most KEY_MAX bytes (what does not fit is
     * dropped: no heading is that long) */
    for (const char *p = folded; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (unsigned char)*p >= 0x80) {
            if (k < KEY_MAX)
                key[k++] = *p;
        } else if (*p == ' ' || *p == '&' || *p == '/') {
            if (k && key[k - 1] != ' ' && k < KEY_MAX)
                key[k++] = ' ';
        }
    }
    while (k && key[k - 1] == ' ')
        k--;
    key[k] = '\0';
    for (size_t h = 0; h < sizeof headings / sizeof headings[0] && sec < 0; h++)
        if (!strcmp(key, headings[h].heading))
            sec = (int)headings[h].sec;
    if (sec < 0 && letter_spaced(key))
        sec = squeezed_heading(key);
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

/* The first e-mail address; its confidence is higher when it is in the top lines (before
 * top bytes) and ends in a plausible top-level domain. */
static void
find_email(struct resume *r, const char *t, size_t n, size_t top)
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
        /* the dots seen may all have been trailing ones, trimmed just now */
        const char *last_dot = dot ? memrchr(t + i, '.', b - i) : NULL;
        if (a < i && last_dot && b > i + 3) {
            const char *tld = last_dot + 1;
            size_t tl = (size_t)(t + b - tld);
            bool alpha_tld = tl >= 2 && tl <= 12;
            for (size_t k = 0; k < tl && alpha_tld; k++)
                alpha_tld = (tld[k] >= 'a' && tld[k] <= 'z') || (tld[k] >= 'A' && tld[k] <= 'Z');
            r->email = xstrndup(t + a, b - a);
            r->email_confidence = (i < top ? 0.95 : 0.7) - (alpha_tld ? 0 : 0.3);
        }
    }
}

/* The first phone number in t[from, to): 9 to 15 digits with the usual signs, on one line,
 * and not a date range. */
static bool
phone_in(struct resume *r, const char *t, size_t from, size_t to)
{
    for (size_t i = from; i < to && !r->phone; i++) {
        size_t j = i, digits = 0;
        if (!(t[i] == '+' || t[i] == '(' || (t[i] >= '0' && t[i] <= '9')))
            continue;
        if (i > 0 && ((t[i - 1] >= '0' && t[i - 1] <= '9') || t[i - 1] == '-'))
            continue;
        while (j < to && ((t[j] >= '0' && t[j] <= '9') || strchr("+()-. ", t[j])) && t[j] &&
               j - i < 24) {
            digits += t[j] >= '0' && t[j] <= '9';
            j++;
        }
        while (j > i && (t[j - 1] == ' ' || t[j - 1] == '-' || t[j - 1] == '.'))
            j--;
        /* 9 to 15 digits, and not a date range such as 2019 - 2021 */
        if (digits >= 9 && digits <= 15 && !memchr(t + i, '\n', j - i)) {
            struct date_range dr;
            if (!dates_find(t + i, j - i, &dr, 1)) {
                bool marked = t[i] == '+' || t[i] == '(';
                r->phone = xstrndup(t + i, j - i);
                r->phone_confidence = digits >= 10 && digits <= 13 ? (marked ? 0.9 : 0.8) : 0.6;
            }
        }
        i = j;
    }
    return r->phone != NULL;
}

/* The phone number: in the top lines (before top), else anywhere (a layout can put contact
 * details in a column read later) with less confidence. */
static void
find_phone(struct resume *r, const char *t, size_t n, size_t top)
{
    if (!phone_in(r, t, 0, top < n ? top : (n < 2000 ? n : 2000)) && phone_in(r, t, 0, n))
        r->phone_confidence -= 0.3;
}

static void
find_links(struct resume *r, const char *t, size_t n)
{
    static const char *const starts[] = {"https://", "http://", "github.com/", "linkedin.com/",
                                         "www."};
    for (size_t i = 0; i < n && r->nlinks < 16; i++) {
        size_t j;
        bool hit = false;
        char c = (char)(t[i] | 0x20);
        if (c != 'h' && c != 'g' && c != 'l' && c != 'w')
            continue; /* the first letters of starts: most words go no further */
        if (i > 0 && !strchr(" \t\n(<|,;", t[i - 1]))
            continue;
        for (size_t k = 0; k < sizeof starts / sizeof starts[0] && !hit; k++)
            hit = starts[k][0] == c && n - i > strlen(starts[k]) &&
                  !strncasecmp(t + i, starts[k], strlen(starts[k]));
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
/* Whether the top line is something other than a person's name: a heading of an export
 * ("Skill Details"), a place ("Pune, Maharashtra"), a degree or a school ("BCA Nanded,
 * Maharashtra Nanded University"), a job title ("Java Developer"). */
static bool
not_a_name(const char *s, size_t n)
{
    static const char *const words[] = {
        "details",   "resume",     "curriculum",  "vitae",      "summary",    "profile",
        "objective", "contact",    "information", "personal",   "skill",      "skills",
        "education", "experience", "university",  "college",    "institute",  "school",
        "academy",   "bachelor",   "master",      "degree",     "bca",        "mca",
        "bsc",       "msc",        "btech",       "mtech",      "b.e",        "b.tech",
        "developer", "engineer",   "manager",     "analyst",    "consultant", "administrator",
        "designer",  "architect",  "intern",      "specialist", "officer",    "executive"};
    char *f;
    bool no = false;
    const char *comma = memchr(s, ',', n);
    /* "company - Infosys", "Java - 24 months": labels and title lines */
    if ((*s >= 'a' && *s <= 'z') || memmem(s, n, " - ", 3))
        return true;
    f = text_fold(s, n);
    for (size_t i = 0; i < sizeof words / sizeof words[0] && !no; i++) {
        size_t l = strlen(words[i]);
        for (const char *p = strstr(f, words[i]); p && !no; p = strstr(p + 1, words[i]))
            no = (p == f || p[-1] == ' ' || p[-1] == ',') &&
                 (p[l] == '\0' || p[l] == ' ' || p[l] == ',' || p[l] == '.');
    }
    /* "Roe, Jane" is rare; "Pune, Maharashtra" and "Jane Roe, Nanded" are places. A
     * credential after the comma ("Jane Roe, PhD") is still a name. */
    if (!no && comma) {
        size_t rest = n - (size_t)(comma + 1 - s), caps = 0;
        const char *c = text_trim(comma + 1, &rest);
        for (size_t i = 0; i < rest; i++)
            caps += c[i] >= 'A' && c[i] <= 'Z';
        no = !(rest <= 5 && caps >= 2);
    }
    free(f);
    return no;
}

static bool looks_like_title(const char *s, size_t n);

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
        {
            /* the sections have begun: a name comes before them */
            size_t rest = 0, lab = margin_label(s, len, &rest);
            if (heading_of(s, len) >= 0 || (lab && heading_of(s, lab) >= 0))
                break;
        }
        {
            /* "Ilse Jackson, Engineering Manager": the name and, after it, the title */
            const char *comma = memchr(s, ',', len);
            if (comma && comma > s && looks_like_title(comma + 1, len - (size_t)(comma + 1 - s)))
                len = (size_t)(comma - s);
        }
        for (size_t k = 0; k < len && ok; k++) {
            char c = s[k];
            ok = !(c >= '0' && c <= '9') && c != '@' && c != '/' && c != ':' && c != '|';
            words += c == ' ' && k + 1 < len && s[k + 1] != ' ';
        }
        words++;
        if (ok && words >= 2 && words <= 5 && len <= 60 && heading_of(s, len) < 0 &&
            !not_a_name(s, len)) {
            r->name = xstrndup(s, len);
            r->name_confidence = line == 0 ? 0.9 : 0.6;
        }
    }
    if (!r->name)
        warn(r, "no name found at the top (a heading, a place, a degree or a title is not "
                "taken for one): check by hand");
}

/* ---- positions ------------------------------------------------------------------------ */

/* Splits "Title, Company" / "Title at Company" / "Title | Company" / "Title - Company", and
 * table cells ("Title<TAB>Company", "Title   Company"). */
static void
title_company(const char *s, size_t n, struct position *p)
{
    static const char *const seps[] = {
        " at ", " @ ", " | ", ", ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " \xC2\xB7 ",
        /* last: table cells, a tab or a gap of columns between them */
        "\t", "   "};
    s = text_trim(s, &n);
    /* Markdown heading and emphasis marks, table bars and bullets are not part of a title */
    while (n && strchr("#*_|- ", *s)) {
        s++;
        n--;
    }
    while (n && strchr(",|-(:*_ ", s[n - 1]))
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

/* Whether a line is a job board's "Company - City, State -" line (exports of profiles put
 * the title on the line above it and the dates below): it ends with a dash. */
static bool
company_place_line(const char *s, size_t n)
{
    s = text_trim(s, &n);
    return n > 3 && s[n - 1] == '-' && s[n - 2] == ' ' && memmem(s, n - 2, " - ", 3);
}

/* The title above and "Company - City, State -": the company is what comes before the
 * place. */
static void
title_then_company(const char *t, size_t tn, const char *c, size_t cn, struct position *p)
{
    const char *dash;
    c = text_trim(c, &cn);
    dash = memmem(c, cn, " - ", 3);
    t = text_trim(t, &tn);
    while (tn && (*t == '#' || *t == '*' || *t == '-' || *t == ' '))
        t++, tn--;
    if (!tn || !dash || dash == c) {
        title_company(c, cn, p);
        return;
    }
    p->title = xstrndup(t, tn);
    p->company = xstrndup(c, (size_t)(dash - c));
    p->confidence = 0.85;
}

/* Nouns that end or make a job title ("Site Reliability Engineer", "Head of Data", "CTO"):
 * where a layout sets the title and the company on lines of their own, or in either order,
 * they tell which line is the title. */
static const char *const role_nouns[] = {
    "engineer",   "developer",  "manager",    "architect",   "administrator",
    "analyst",    "lead",       "director",   "consultant",  "intern",
    "designer",   "scientist",  "specialist", "officer",     "head",
    "president",  "programmer", "tester",     "coordinator", "technician",
    "assistant",  "associate",  "accountant", "recruiter",   "lecturer",
    "teacher",    "founder",    "cto",        "ceo",         "cfo",
    "vp",         "sre",        "dba",        "supervisor",  "representative",
    "executive",  "researcher", "strategist", "advisor",     "trainee",
    "apprentice", "contractor", "freelancer", "mentor",      "tutor",
    "treasurer",  "owner",      "partner",
};

/* Whether a line names a role: one of its words is a role noun. */
static bool
looks_like_title(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        char w[24];
        size_t k = 0;
        while (i < n && !((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
            i++;
        while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) {
            if (k + 1 < sizeof w)
                w[k++] = (char)(s[i] | 0x20);
            i++;
        }
        w[k] = '\0';
        for (size_t r = 0; k && r < sizeof role_nouns / sizeof role_nouns[0]; r++)
            if (!strcmp(w, role_nouns[r]))
                return true;
    }
    return false;
}

/* Whether the rest of a dates' line is only a length of time, icons or punctuation ("3 years
 * 2 months", "(4 yrs)"): not a title. */
static bool
noise_only(const char *s, size_t n)
{
    static const char *const units[] = {"year",   "years", "yr",  "yrs", "month",
                                        "months", "mo",    "mos", "y",   "m"};
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0xEE || (c == 0xEF && i + 1 < n && (unsigned char)s[i + 1] <= 0xA3)) {
            i += 3; /* a private-use character: an icon font's glyph */
            continue;
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            size_t w = i;
            bool unit = false;
            while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
                i++;
            for (size_t u = 0; u < sizeof units / sizeof units[0] && !unit; u++)
                unit = strlen(units[u]) == i - w && !strncasecmp(s + w, units[u], i - w);
            if (!unit)
                return false;
            continue;
        }
        if (c >= 0x80)
            return false;
        i++;
    }
    return true;
}

/* A line that can be a title or a company: short, not a bullet, a heading, a sentence or a
 * line with dates. */
static bool
plain_line(const char *s, size_t n)
{
    struct date_range dr;
    if (!n || n > 70 || ((s[0] == '-' || s[0] == '*') && (n == 1 || s[1] == ' ')) ||
        (n >= 3 && !memcmp(s, "\xE2\x80\xA2", 3)) || s[n - 1] == '.' || heading_of(s, n) >= 0 ||
        dates_find(s, n, &dr, 1))
        return false;
    return true;
}

/* The next non-blank line after the line ending at e: *s and *n, trimmed. */
static bool
next_line(const char *text, size_t len, size_t e, const char **s, size_t *n)
{
    while (e < len) {
        size_t b = e + 1, f = b;
        while (f < len && text[f] != '\n')
            f++;
        *n = f - b;
        *s = text_trim(text + b, n);
        if (*n && **s == '\f') {
            (*s)++;
            (*n)--;
            *s = text_trim(*s, n);
        }
        if (*n)
            return true;
        e = f;
    }
    return false;
}

/* Title and company where the layout puts them on lines of their own around the dates' line,
 * told apart by the role noun a title has: "Company, Title" turned round; "Title" / "Company"
 * / dates (both above); "Company   dates" / "Title"; "Company" / dates / "Title"; and a dates'
 * line alone with "Title" (and its company) below it. rest: the dates' line had text of its
 * own (p's title). above: p's title came from the line above. prev and prev2: the two lines
 * above, after the last position's dates (else their length is 0). *from moves up to the
 * title's line when it is two lines above. */
static void
retitle(const char *text, size_t len, size_t e, struct position *p, bool rest, bool above,
        const char *prev, size_t prev_len, const char *prev2, size_t prev2_len, size_t *from)
{
    const char *nx, *nx2;
    size_t nn, nn2;
    bool titled = p->title && looks_like_title(p->title, strlen(p->title));

    if (p->title && p->company && !titled && looks_like_title(p->company, strlen(p->company))) {
        char *t = p->title;
        p->title = p->company;
        p->company = t;
        return;
    }
    if (titled || p->company)
        return;
    if (above && p->title && prev2_len && plain_line(prev2, prev2_len) &&
        looks_like_title(prev2, prev2_len)) {
        p->company = p->title;
        p->title = xstrndup(prev2, prev2_len);
        p->confidence = 0.7;
        *from = (size_t)(prev2 - text);
        return;
    }
    if (next_line(text, len, e, &nx, &nn) && plain_line(nx, nn) && looks_like_title(nx, nn)) {
        struct position q;
        memset(&q, 0, sizeof q);
        title_company(nx, nn, &q);
        if (!q.company && rest) {
            q.company = p->title;
            p->title = NULL;
        } else if (!q.company && prev_len && plain_line(prev, prev_len) &&
                   !looks_like_title(prev, prev_len)) {
            q.company = xstrndup(prev, prev_len); /* "Company" / dates / "Title" */
        } else if (!q.company && next_line(text, len, (size_t)(nx + nn - text), &nx2, &nn2) &&
                   plain_line(nx2, nn2) && !looks_like_title(nx2, nn2)) {
            q.company = xstrndup(nx2, nn2);
        }
        free(p->title);
        p->title = q.title;
        p->company = q.company;
        p->confidence = 0.7;
    }
}

/* ---- two columns ---------------------------------------------------------------------- */

#define COLS_MAX 256
/* pages looked at for running heads */
#define PAGES_MAX 64

/* Characters (UTF-8 sequences) in s[0, n). */
static size_t
chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* Where a line of two-column text splits at column col (within 2): *cut is the byte where
 * the left part ends (spaces follow) and *right where the right part starts. Returns 1 when
 * it splits there, 0 when the line ends left of the column, -1 when text crosses it. */
static int
split_at(const char *s, size_t n, size_t col, size_t *cut, size_t *right)
{
    size_t c = 0, i = 0, last = 0; /* last: bytes up to the last non-space */
    while (n && s[n - 1] == ' ')
        n--;
    while (i < n) {
        if (s[i] == ' ') {
            size_t j = i, gap = 0;
            while (j < n && s[j] == ' ') {
                j++;
                gap++;
            }
            /* a gap across the column splits the line there, also when the right part is
             * indented past it (a bullet of the right column) */
            if ((gap >= 2 || i == 0) && j < n && c + gap + 2 >= col && c <= col) {
                *cut = last;
                *right = j;
                return 1;
            }
            c += gap;
            i = j;
            continue;
        }
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
        i++;
        last = i;
    }
    *cut = n;
    *right = n;
    return chars(s, n) + 1 < col ? 0 : -1;
}

/* The column at which a second column of text starts, when the text looks like pdftotext
 * -layout's rendering of two columns; else 0. A second column is a left edge shared by
 * many lines after a gap, with few lines running across it; where most lines split there
 * (60%) have a date beside them, it is a column of dates or a table, which reads well as it
 * is; with fewer than four lines that have text on both sides, it is an indent (entries set in
 * under their headings), not a column; where what stands left of it is nearly always a section
 * heading (80%), it is a margin
 * of section labels beside each section's first line, which reads well line by line too
 * (margin_label) and would lose every section if its labels were read first. */
static size_t
two_columns(const char *t, size_t len)
{
    size_t hist[COLS_MAX] = {0}, best = 0, support = 0, nonempty = 0, split = 0, both = 0,
           cross = 0, dated = 0, labels = 0, page_last[PAGES_MAX + 1], npages = 0, last = SIZE_MAX;
    bool page_first = true;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(t + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - t) : len, c = 0, k = i, run = 0;
        bool text_seen = false;
        /* a page's last line, where a printer's running foot stands */
        if (t[i] == '\f' && npages < PAGES_MAX)
            page_last[npages++] = last;
        if (strspn(t + i, " \f") < e - i)
            last = i;
        /* only a run of three spaces or more counts below: a line without one (most, in
         * text that is not in columns) adds nothing, and is passed over at memmem's speed */
        if (!memmem(t + i, e - i, "   ", 3))
            k = e;
        for (; k < e; k++) {
            if (t[k] == ' ') {
                run++;
            } else {
                if ((text_seen && run >= 3) || (!text_seen && run >= 10))
                    if (c < COLS_MAX)
                        hist[c]++;
                run = 0;
                text_seen = true;
            }
            c += ((unsigned char)t[k] & 0xC0) != 0x80;
        }
        i = e + 1;
    }
    page_last[npages++] = last;
    for (size_t c = 12; c + 1 < COLS_MAX; c++)
        if (hist[c - 1] + hist[c] + hist[c + 1] > support) {
            support = hist[c - 1] + hist[c] + hist[c + 1];
            best = c;
        }
    if (support < 5)
        return 0;
    for (size_t i = 0; i < len;) {
        size_t e = i, cut, right;
        struct date_range dr;
        int how;
        while (e < len && t[e] != '\n')
            e++;
        if (memchr(t + i, ' ', e - i) || e > i) {
            size_t n = e - i, lead = 0;
            while (lead < n && t[i + lead] == ' ')
                lead++;
            bool edge = false;
            if (t[i] == '\f')
                page_first = true;
            if (lead < n && strspn(t + i, " \f") < n) {
                /* a page's first and last lines (running heads: a date beside a title, an
                 * address beside "1/2") say nothing of its columns */
                edge = page_first;
                page_first = false;
                for (size_t k = 0; k < npages && !edge; k++)
                    edge = page_last[k] == i;
            }
            if (lead < n) {
                nonempty++;
                how = split_at(t + i, n, best, &cut, &right);
                if (how < 0)
                    cross++;
                if (how > 0) {
                    split++;
                    if (cut > lead && !edge) {
                        both++;
                        dated += dates_find(t + i, cut, &dr, 1) ||
                                 dates_find(t + i + right, n - right, &dr, 1);
                        labels += heading_of(t + i + lead, cut - lead) >= 0;
                    }
                }
            }
        }
        i = e + 1;
    }
    if (split < 5 || split * 10 < nonempty * 3 || cross * 4 > nonempty || both < 4 ||
        dated * 10 >= both * 6 || labels * 10 >= both * 8)
        return 0;
    return best;
}

/* The text with each stretch of side-by-side lines read as its left column, then its right;
 * lines that run across the column (a name, a heading over both) stay where they are. New
 * string; *n its length. */
static char *
unfold(const char *t, size_t len, size_t col, size_t *n)
{
    struct buf out, left, right;
    buf_init(&out, len + 2);
    buf_init(&left, len + 2);
    buf_init(&right, len + 2);
    for (size_t i = 0; i <= len;) {
        size_t e = i, cut, r;
        int how = 0; /* a blank line is blank in both columns */
        while (e < len && t[e] != '\n')
            e++;
        if (e > i)
            how = split_at(t + i, e - i, col, &cut, &r);
        if (e == i) {
            buf_putc(&left, '\n');
            buf_putc(&right, '\n');
        } else if (how >= 0) {
            buf_append(&left, t + i, cut);
            buf_putc(&left, '\n');
            if (r < e - i) {
                buf_append(&right, t + i + r, e - i - r);
                buf_putc(&right, '\n');
            }
        }
        if (how < 0 || e >= len) {
            buf_append(&out, buf_str(&left), left.len);
            buf_append(&out, buf_str(&right), right.len);
            buf_reset(&left);
            buf_reset(&right);
            if (how < 0 && e > i) {
                buf_append(&out, t + i, e - i);
                buf_putc(&out, '\n');
            }
        }
        i = e + 1;
    }
    buf_cleanup(&left);
    buf_cleanup(&right);
    *n = out.len;
    return buf_take(&out);
}

/* ---- running heads ----------------------------------------------------------------------- */

struct edge_line {
    size_t at, len; /* the line in the text */
    char key[96];   /* trimmed, digits as '#', spaces squeezed: "about:blank #/#" */
    size_t page;
    int place; /* 0, 1: first lines of the page; 2, 3: its last and the one above */
};

static void
edge_key(const char *s, size_t n, char *key, size_t cap)
{
    size_t k = 0;
    bool space = false;
    for (size_t i = 0; i < n && k + 2 < cap; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\f') {
            space = k > 0;
            continue;
        }
        if (space)
            key[k++] = ' ';
        space = false;
        key[k++] = c >= '0' && c <= '9' ? '#' : c;
    }
    key[k] = '\0';
}

/* The text without its running heads: pdftotext ends each page with a form feed, and a line
 * among the first two or the last two of a page that comes back in the same place on another
 * page (first, second, last or the one above it), digits aside ("1/2", "2/2"), is a header or
 * footer the printer repeated (a date and a title, an address and a page number), not the
 * resume's; it would stand between a title and its dates across a page break. The first page's
 * top line is kept: where the name is in the page header, that is the only place it is. A new
 * string with those lines blank (*n its length), or NULL when there is nothing to drop. */
static char *
drop_running(const char *t, size_t len, size_t *n)
{
    struct edge_line *edges;
    size_t nedges = 0, page = 0, start = 0, dropped = 0;
    char *out = NULL;

    if (!memchr(t, '\f', len))
        return NULL; /* one page, or not from a PDF */
    edges = xcalloc((size_t)PAGES_MAX * 4, sizeof *edges);

    while (start < len && page < PAGES_MAX) {
        size_t end = start, lines[64][2], nl = 0;
        while (end < len && t[end] != '\f')
            end++;
        /* the page's non-blank lines, first and last two of them */
        for (size_t i = start; i < end;) {
            size_t e = i, k = i;
            while (e < end && t[e] != '\n')
                e++;
            while (k < e && (t[k] == ' ' || t[k] == '\t'))
                k++;
            if (k < e) {
                if (nl < 2) {
                    lines[nl][0] = i;
                    lines[nl++][1] = e - i;
                } else {
                    if (nl == 4) {
                        lines[2][0] = lines[3][0];
                        lines[2][1] = lines[3][1];
                        nl = 3;
                    }
                    lines[nl][0] = i;
                    lines[nl++][1] = e - i;
                }
            }
            i = e + 1;
        }
        for (size_t k = 0; k < nl; k++) {
            struct edge_line *l = &edges[nedges++];
            l->at = lines[k][0];
            l->len = lines[k][1];
            l->page = page;
            l->place = k < 2 && (nl > 2 || k == 0) ? (int)k : 2 + (int)(nl - 1 - k);
            edge_key(t + l->at, l->len, l->key, sizeof l->key);
        }
        page++;
        start = end + 1;
    }
    if (page >= 2) {
        for (size_t a = 0; a < nedges; a++) {
            bool again = false;
            for (size_t b = 0; b < nedges && !again; b++)
                again = edges[b].page != edges[a].page && edges[b].place == edges[a].place &&
                        edges[a].key[0] && !strcmp(edges[a].key, edges[b].key);
            /* the first page's top line stays: a name set in the page header is there */
            if (!again || (edges[a].page == 0 && edges[a].place == 0))
                continue;
            if (!out)
                out = xstrndup(t, len);
            memset(out + edges[a].at, ' ', edges[a].len);
            dropped++;
        }
    }
    free(edges);
    *n = len;
    return dropped ? out : NULL;
}

/* ---- the parse ------------------------------------------------------------------------ */

/* Where a section starts: the sections of the text as a sorted list of offsets. */
struct sec_mark {
    size_t at;
    enum section sec;
};

static enum section
section_at(const struct sec_mark *m, size_t n, size_t at)
{
    enum section s = SEC_TOP;
    for (size_t i = 0; i < n && m[i].at <= at; i++)
        s = m[i].sec;
    return s;
}

/* A bullet's marks, for lines in projects and certifications. */
static const char *
unbullet(const char *s, size_t *n)
{
    while (*n && (*s == '-' || *s == '*' || *s == ' ')) {
        s++;
        (*n)--;
    }
    if (*n >= 3 && !memcmp(s, "\xE2\x80\xA2", 3)) {
        s += 3;
        *n -= 3;
    }
    return text_trim(s, n);
}

/* A range whose dash ends its line ("Jan 2019 –") and whose end starts the next line ("Dec
 * 2020", "Present") was wrapped: r takes that end, and the returned offset is where the next
 * line ends (it is read). Otherwise r stays open and e is returned as it was. */
static size_t
wrapped_end(const char *text, size_t len, size_t e, struct date_range *r)
{
    size_t b = e + 1, f = b, n;
    const char *s;
    struct buf join;
    struct date_range jr;
    if (b >= len)
        return e;
    while (f < len && text[f] != '\n')
        f++;
    n = f - b;
    s = text_trim(text + b, &n);
    if (!n || n > 80)
        return e;
    /* the next line read as the end of a range from the earliest year there is */
    buf_init(&join, 128);
    buf_puts(&join, "1950 - ");
    buf_append(&join, s, n);
    if (dates_find(buf_str(&join), join.len, &jr, 1) && jr.begin == 0 && !jr.dangling &&
        (jr.present || jr.end.year > r->start.year ||
         (jr.end.year == r->start.year &&
          (!jr.end.month || !r->start.month || jr.end.month >= r->start.month)))) {
        r->present = jr.present;
        r->end = jr.end;
        r->dangling = false;
        e = f;
    }
    buf_cleanup(&join);
    return e;
}

static enum rb_err
parse_text(const char *text, size_t len, struct skillscan *sc, struct ym today, struct resume *out,
           char *errmsg)
{
    struct skill_hit *hits = NULL;
    struct sec_mark *marks = NULL;
    size_t nhits = 0, i = 0, cap = 0, prev_start = 0, prev_len = 0, top_end = len, nmarks = 0,
           capmarks = 0, prev2_start = 0, prev2_len = 0, dates_end = 0;
    enum section sec = SEC_TOP;
    enum rb_err rc;

    rc = skillscan_run_all(sc, text, len, &hits, &nhits, errmsg);
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
        if (n && *s == '\f') {
            /* a page break is not part of the line it starts */
            s++;
            n--;
            s = text_trim(s, &n);
        }
        h = n ? heading_of(s[0] == '#' ? s + 1 : s, n - (s[0] == '#')) : -1;
        if (h < 0 && n) {
            size_t rest = 0, lab = margin_label(s, n, &rest);
            int mh = lab ? heading_of(s, lab) : -1;
            if (mh >= 0) {
                /* the label opens its section; the rest of the line is its first line */
                if (sec == SEC_TOP && top_end == len)
                    top_end = i;
                sec = (enum section)mh;
                xgrow(&marks, &capmarks, nmarks + 1, sizeof *marks);
                marks[nmarks++] = (struct sec_mark){i, sec};
                if (out->npositions && out->positions[out->npositions - 1].to == len)
                    out->positions[out->npositions - 1].to = i;
                s += rest;
                n -= rest;
            }
        }
        if (h >= 0) {
            if (sec == SEC_TOP && top_end == len)
                top_end = i;
            sec = (enum section)h;
            xgrow(&marks, &capmarks, nmarks + 1, sizeof *marks);
            marks[nmarks++] = (struct sec_mark){i, sec};
            if (out->npositions && out->positions[out->npositions - 1].to == len)
                out->positions[out->npositions - 1].to = i;
        } else if (n && dates_find(s, n, dr, 2) && (sec == SEC_EXPERIENCE || sec == SEC_TOP)) {
            struct position *p;
            size_t before = dr[0].begin, after = n - dr[0].stop;
            if (dr[0].dangling)
                e = wrapped_end(text, len, e, &dr[0]);
            xgrow(&out->positions, &cap, out->npositions + 1, sizeof *out->positions);
            p = &out->positions[out->npositions];
            memset(p, 0, sizeof *p);
            p->range = dr[0];
            /* the rest of the line, else the line above; a length of time beside the dates
             * ("3 years") is not a title */
            if (before > 3 && noise_only(s, before))
                before = 0;
            if (after > 3 && noise_only(s + dr[0].stop, after))
                after = 0;
            if (before > 3)
                title_company(s, before, p);
            else if (after > 3)
                title_company(s + dr[0].stop, after, p);
            else if (prev_len && prev2_len && company_place_line(text + prev_start, prev_len))
                title_then_company(text + prev2_start, prev2_len, text + prev_start, prev_len, p);
            else if (prev_len && plain_line(text + prev_start, prev_len))
                title_company(text + prev_start, prev_len, p);
            /* its lines run from here (or the line above that titles it) to the next
             * position or heading */
            p->from = prev_len && before <= 3 && after <= 3
                          ? (p->confidence == 0.85 ? prev2_start : prev_start)
                          : i;
            retitle(text, len, e, p, before > 3 || after > 3,
                    before <= 3 && after <= 3 && p->confidence != 0.85 && p->title,
                    text + prev_start, prev_len && prev_start >= dates_end ? prev_len : 0,
                    text + prev2_start, prev2_len && prev2_start >= dates_end ? prev2_len : 0,
                    &p->from);
            dates_end = e;
            p->to = len;
            if (out->npositions && p[-1].to > p->from)
                p[-1].to = p->from;
            out->npositions++;
        } else if (n && sec == SEC_EDUCATION) {
            add_str(&out->education, &out->neducation, s, n);
        } else if (n && sec == SEC_PROJECTS && !strchr("-*", s[0]) &&
                   !(n >= 3 && !memcmp(s, "\xE2\x80\xA2", 3))) {
            add_str(&out->projects, &out->nprojects, s, n);
        } else if (n && sec == SEC_CERTS) {
            size_t cn = n;
            const char *c = unbullet(s, &cn);
            if (cn)
                add_str(&out->certifications, &out->ncertifications, c, cn);
        }
        if (n) {
            prev2_start = prev_start;
            prev2_len = prev_len;
            prev_start = (size_t)(s - text);
            prev_len = n;
        }
        i = e + 1;
    }
    find_email(out, text, len, top_end);
    find_phone(out, text, len, top_end);
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
    /* skills, with the last year of a position that mentions them; an ambiguous name
     * without context of its own counts in the skills section, which is a list */
    {
        size_t capskills = 0;
        for (size_t k = 0; k < nhits; k++) {
            size_t at = hits[k].start, s;
            int year = 0;
            uint64_t in = 0;
            if (!hits[k].context && section_at(marks, nmarks, at) != SEC_SKILLS)
                continue;
            for (size_t p = 0; p < out->npositions; p++) {
                if (at >= out->positions[p].from && at < out->positions[p].to) {
                    const struct date_range *r = &out->positions[p].range;
                    year = r->present ? today.year : r->end.year;
                    if (p < 64)
                        in |= (uint64_t)1 << p;
                }
            }
            for (s = 0; s < out->nskills && out->skills[s].skill != hits[k].skill; s++)
                ;
            if (s == out->nskills) {
                xgrow(&out->skills, &capskills, s + 1, sizeof *out->skills);
                out->skills[s].skill = hits[k].skill;
                out->skills[s].mentions = 0;
                out->skills[s].last_used = 0;
                out->skills[s].positions = 0;
                out->nskills++;
            }
            out->skills[s].mentions++;
            out->skills[s].positions |= in;
            if (year > out->skills[s].last_used)
                out->skills[s].last_used = year;
        }
    }
    if (!out->npositions)
        warn(out, "no dated positions: experience could not be measured; check by hand");
    if (strstr(text, "\xEF\xBF\xBD") || strstr(text, "\xC3\x83\xC2") ||
        strstr(text, "\xC3\xA2\xE2\x82\xAC"))
        warn(out, "the text looks damaged by a wrong encoding; check by hand");
    free(hits);
    free(marks);
    return RB_OK;
}

enum rb_err
resume_parse(const char *text, size_t len, struct skillscan *sc, struct ym today,
             struct resume *out, char *errmsg)
{
    size_t clean_len = 0, col, n = 0;
    char *clean = drop_running(text, len, &clean_len), *flat;
    enum rb_err rc;

    if (clean) {
        text = clean;
        len = clean_len;
    }
    col = two_columns(text, len);
    flat = col ? unfold(text, len, col, &n) : NULL;
    memset(out, 0, sizeof *out);
    rc = parse_text(flat ? flat : text, flat ? n : len, sc, today, out, errmsg);
    if (!rc && flat)
        warn(out, "two columns were read one after the other; check the order by hand");
    free(flat);
    free(clean);
    return rc;
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
    for (size_t i = 0; i < r->nprojects; i++)
        free(r->projects[i]);
    free(r->projects);
    for (size_t i = 0; i < r->ncertifications; i++)
        free(r->certifications[i]);
    free(r->certifications);
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
    json_object_set_new(o, "email_confidence", json_real(r->email ? r->email_confidence : 0));
    json_object_set_new(o, "phone", opt(r->phone));
    json_object_set_new(o, "phone_confidence", json_real(r->phone ? r->phone_confidence : 0));
    a = json_array();
    for (size_t i = 0; i < r->nlinks; i++)
        json_array_append_new(a, json_string(r->links[i]));
    json_object_set_new(o, "links", a);
    a = json_array();
    for (size_t i = 0; i < r->nskills; i++) {
        json_t *in = json_array();
        for (size_t p = 0; p < r->npositions && p < 64; p++)
            if (r->skills[i].positions & ((uint64_t)1 << p))
                json_array_append_new(in, json_integer((json_int_t)p));
        json_array_append_new(
            a,
            json_pack("{s:s, s:i, s:o, s:o}", "skill", taxonomy->v[r->skills[i].skill].name,
                      "mentions", r->skills[i].mentions, "last_used",
                      r->skills[i].last_used ? json_integer(r->skills[i].last_used) : json_null(),
                      "positions", in));
    }
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
            dates_format_end(p->range.end, d, sizeof d);
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
    for (size_t i = 0; i < r->nprojects; i++)
        json_array_append_new(a, json_string(r->projects[i]));
    json_object_set_new(o, "projects", a);
    a = json_array();
    for (size_t i = 0; i < r->ncertifications; i++)
        json_array_append_new(a, json_string(r->certifications[i]));
    json_object_set_new(o, "certifications", a);
    a = json_array();
    for (size_t i = 0; i < r->nwarnings; i++)
        json_array_append_new(a, json_string(r->warnings[i]));
    json_object_set_new(o, "warnings", a);
    return o;
}
