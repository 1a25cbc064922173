/* SPDX-License-Identifier: MIT */
/*
 * The skill scanner. Hyperscan reports every literal match (caseless, with its start);
 * the callback keeps those that stand as words; then, sorted by position, matches inside a
 * longer one or inside a link are dropped, and ambiguous skills without context are dropped
 * (or, for skillscan_run_all, marked).
 */
#include "resume/skillscan.h"

#include <hs.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/mem.h"

struct skillscan {
    const struct skills *tax;
    hs_database_t *db;
    hs_scratch_t *scratch;
    size_t *pattern_skill; /* pattern id -> skill index */
    bool *pattern_ambiguous;
    size_t *pattern_len;
    size_t npatterns;
    /* one-letter names ("c", "r") are found by a byte loop, not by Hyperscan: as literals
     * they matched at every such letter of the text, most of the database's matches;
     * single[byte] is 1 + the pattern's index, or 0 */
    size_t single[256];
    bool clone;    /* borrows db and the pattern tables from the scanner it was cloned from */
    bool loaded;   /* db came from a saved database, not from compiling */
    uint64_t mark; /* fingerprint of the literals, their ids and flags */
};

/* The database saved at build time, if the program offered one (skillscan_offer_saved). */
static const struct skillscan_saved *offered;

void
skillscan_offer_saved(const struct skillscan_saved *saved)
{
    offered = saved;
}

/* FNV-1a over bytes, continuing from h. */
static uint64_t
fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 1099511628211u;
    }
    return h;
}

/* The fingerprint of what would be compiled: a saved database is used only for the same. */
static uint64_t
fingerprint(const char *const *lits, const size_t *lens, const unsigned *flags, const unsigned *ids,
            size_t n)
{
    uint64_t h = 14695981039346656037u;
    unsigned v = HS_MAJOR * 10000u + HS_MINOR * 100u + HS_PATCH;
    h = fnv(h, &v, sizeof v);
    for (size_t i = 0; i < n; i++) {
        h = fnv(h, lits[i], lens[i]);
        h = fnv(h, &lens[i], sizeof lens[i]);
        h = fnv(h, &flags[i], sizeof flags[i]);
        h = fnv(h, &ids[i], sizeof ids[i]);
    }
    return h;
}

/* The offered database into sc->db when it was saved from the same literals on a platform
 * this one can run; false otherwise (the caller compiles). */
static bool
load_offered(struct skillscan *sc)
{
    if (!offered || !offered->data || offered->fingerprint != sc->mark)
        return false;
    if (hs_deserialize_database((const char *)offered->data, offered->len, &sc->db) != HS_SUCCESS) {
        sc->db = NULL; /* another CPU or Hyperscan build: compile instead */
        return false;
    }
    return true;
}

/* Whether a name of an ambiguous skill is itself ambiguous: a plain word ("go", "node",
 * "spring") is; a form with a digit, a dot, a sign or a space ("node.js", "c99",
 * "spring core"), or a plain word ending in "js" or "lang" ("nodejs", "golang"), is not. */
static bool
plain_word(const char *p)
{
    size_t n = strlen(p);
    for (size_t i = 0; i < n; i++)
        if (!((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z')))
            return false;
    if ((n > 2 && !strcmp(p + n - 2, "js")) || (n > 4 && !strcmp(p + n - 4, "lang")))
        return false;
    return true;
}

void
skillscan_free(struct skillscan *sc)
{
    if (!sc)
        return;
    hs_free_scratch(sc->scratch);
    if (!sc->clone) {
        hs_free_database(sc->db);
        free(sc->pattern_skill);
        free(sc->pattern_ambiguous);
        free(sc->pattern_len);
    }
    free(sc);
}

enum rb_err
skillscan_clone(const struct skillscan *sc, struct skillscan **out, char *errmsg)
{
    struct skillscan *c = xcalloc(1, sizeof *c);
    *c = *sc;
    c->scratch = NULL;
    c->clone = true;
    if (hs_clone_scratch(sc->scratch, &c->scratch) != HS_SUCCESS) {
        free(c);
        snprintf(errmsg, RB_ERRMSG, "skill scanner: out of memory for Hyperscan scratch");
        return RB_EINTERNAL;
    }
    *out = c;
    return RB_OK;
}

enum rb_err
skillscan_new(const struct skills *taxonomy, struct skillscan **out, char *errmsg)
{
    struct skillscan *sc = xcalloc(1, sizeof *sc);
    const char **exprs = NULL;
    size_t *lens = NULL, n = 0, cap = 0, nlits = 0;
    const char **lits;
    unsigned *flags, *ids;
    hs_compile_error_t *err = NULL;
    enum rb_err rc = RB_OK;

    *out = NULL;
    sc->tax = taxonomy;
    for (size_t i = 0; i < taxonomy->n; i++) {
        const struct skill *k = &taxonomy->v[i];
        xgrow(&exprs, &cap, n + 1 + k->naliases, sizeof *exprs);
        sc->pattern_skill = xrealloc(sc->pattern_skill, cap * sizeof *sc->pattern_skill);
        exprs[n] = k->name;
        sc->pattern_skill[n++] = i;
        for (size_t j = 0; j < k->naliases; j++) {
            exprs[n] = k->aliases[j];
            sc->pattern_skill[n++] = i;
        }
    }
    sc->npatterns = n;
    if (!n) {
        snprintf(errmsg, RB_ERRMSG, "the skills taxonomy is empty");
        rc = RB_EINVAL;
        goto out;
    }
    lens = xmalloc(n * sizeof *lens);
    flags = xmalloc(n * sizeof *flags);
    ids = xmalloc(n * sizeof *ids);
    lits = xmalloc(n * sizeof *lits);
    sc->pattern_ambiguous = xcalloc(n, sizeof *sc->pattern_ambiguous);
    sc->pattern_len = xcalloc(n, sizeof *sc->pattern_len);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(exprs[i]);
        sc->pattern_ambiguous[i] =
            taxonomy->v[sc->pattern_skill[i]].ambiguous && plain_word(exprs[i]);
        sc->pattern_len[i] = len;
        if (len == 1) {
            unsigned char c = (unsigned char)exprs[i][0];
            sc->single[c] = i + 1;
            if (c >= 'a' && c <= 'z')
                sc->single[c - 'a' + 'A'] = i + 1;
            else if (c >= 'A' && c <= 'Z')
                sc->single[c - 'A' + 'a'] = i + 1;
            continue;
        }
        /* no start-of-match tracking: a literal starts at its end minus its length */
        lits[nlits] = exprs[i];
        lens[nlits] = len;
        flags[nlits] = HS_FLAG_CASELESS;
        ids[nlits++] = (unsigned)i;
    }
    sc->mark = fingerprint(lits, lens, flags, ids, nlits);
    sc->loaded = load_offered(sc);
    if (!sc->loaded && hs_compile_lit_multi(lits, flags, ids, lens, (unsigned)nlits, HS_MODE_BLOCK,
                                            NULL, &sc->db, &err) != HS_SUCCESS) {
        snprintf(errmsg, RB_ERRMSG, "cannot compile the skills taxonomy: %s (pattern %d)",
                 err ? err->message : "?", err ? err->expression : -1);
        hs_free_compile_error(err);
        rc = RB_EINTERNAL;
    } else if (hs_alloc_scratch(sc->db, &sc->scratch) != HS_SUCCESS) {
        snprintf(errmsg, RB_ERRMSG, "cannot allocate Hyperscan scratch space");
        rc = RB_EINTERNAL;
    }
    free(flags);
    free(ids);
    free(lits);
out:
    free(exprs);
    free(lens);
    if (rc)
        skillscan_free(sc);
    else
        *out = sc;
    return rc;
}

bool
skillscan_loaded(const struct skillscan *sc)
{
    return sc->loaded;
}

enum rb_err
skillscan_save(const struct skillscan *sc, char **data, size_t *len, uint64_t *mark, char *errmsg)
{
    char *bytes = NULL;
    size_t n = 0;
    *data = NULL;
    *len = 0;
    if (hs_serialize_database(sc->db, &bytes, &n) != HS_SUCCESS) {
        snprintf(errmsg, RB_ERRMSG, "cannot serialise the skills database");
        return RB_EINTERNAL;
    }
    *data = xmalloc(n ? n : 1);
    memcpy(*data, bytes, n);
    free(bytes); /* Hyperscan's default allocator is malloc */
    *len = n;
    *mark = sc->mark;
    return RB_OK;
}

enum rb_err
skillscan_builtin(struct skills *taxonomy, struct skillscan **out, char *errmsg)
{
    struct diags d;
    enum rb_err rc;

    skills_init(taxonomy);
    diags_init(&d, 0);
    skills_read_builtin(taxonomy, &d);
    /* the shipped taxonomy is checked by make check; a problem here is a build's bug */
    rc = diags_count(&d) ? RB_EINTERNAL : RB_OK;
    if (rc)
        snprintf(errmsg, RB_ERRMSG, "the built-in skills taxonomy has problems: %s",
                 d.items[0].msg);
    diags_cleanup(&d);
    if (!rc)
        rc = skillscan_new(taxonomy, out, errmsg);
    if (rc)
        skills_cleanup(taxonomy);
    return rc;
}

static bool
is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

struct scan {
    struct skillscan *sc;
    const char *text;
    size_t len;
    struct skill_hit *hits;
    size_t n, cap;
};

static int
on_match(unsigned int id, unsigned long long from, unsigned long long to, unsigned int flags,
         void *ctx)
{
    struct scan *s = ctx;
    const unsigned char *t = (const unsigned char *)s->text;
    (void)flags;
    from = to - s->sc->pattern_len[id]; /* Hyperscan's from is 0 without SOM */
    /* a word on its own: nothing word-like just before; after it, nothing word-like and
     * no '+' or '#' that would make "c" part of "c++" or "c#" */
    if (from > 0 && (is_word_byte(t[from - 1]) ||
                     (t[from - 1] == '.' && from > 1 && is_word_byte(t[from - 2]))))
        return 0;
    if (to < s->len && (is_word_byte(t[to]) || t[to] == '+' || t[to] == '#'))
        return 0;
    xgrow(&s->hits, &s->cap, s->n + 1, sizeof *s->hits);
    s->hits[s->n].skill = s->sc->pattern_skill[id];
    s->hits[s->n].start = (size_t)from;
    s->hits[s->n].end = (size_t)to;
    s->hits[s->n].ambiguous = s->sc->pattern_ambiguous[id];
    s->n++;
    return 0;
}

/* Whether the n bytes at p hold nothing but what separates items of a list: punctuation,
 * spaces and the words "and", "or", "with" (at most SKILLSCAN_CONTEXT bytes, one line). */
static bool
list_gap(const char *p, size_t n)
{
    static const struct {
        const char *sep;
        bool word; /* a word: must not run on into another */
    } seps[] = {{"and", true},           {"or", true},
                {"with", true},          {"\xC2\xB7", false},
                {"\xE2\x80\xA2", false}, {"\xE2\x80\x93", false}};

    /* the one-byte separators: " \t,;/|&()[]:-+" */
    static const bool sep1[256] = {
        [' '] = true, ['\t'] = true, [','] = true, [';'] = true, ['/'] = true,
        ['|'] = true, ['&'] = true,  ['('] = true, [')'] = true, ['['] = true,
        [']'] = true, [':'] = true,  ['-'] = true, ['+'] = true};

    if (n > SKILLSCAN_CONTEXT)
        return false;
    for (size_t i = 0; i < n;) {
        size_t step = sep1[(unsigned char)p[i]] ? 1 : 0;
        /* the rest begin with a, o, w (any case) or a UTF-8 lead byte: most bytes of a gap
         * that is prose end the search here */
        char f = (char)(p[i] | 0x20);
        if (!step && f != 'a' && f != 'o' && f != 'w' && (unsigned char)p[i] < 0x80)
            return false;
        for (size_t k = 0; !step && k < sizeof seps / sizeof seps[0]; k++) {
            size_t l = strlen(seps[k].sep);
            if (n - i >= l && !strncasecmp(p + i, seps[k].sep, l) &&
                (!seps[k].word || i + l == n || !is_word_byte((unsigned char)p[i + l])))
                step = l;
        }
        if (!step)
            return false;
        i += step;
    }
    return true;
}

/* Whether the line holding offset at starts with a label such as "Skills:". */
static bool
on_skills_line(const char *text, size_t at)
{
    static const char *const labels[] = {
        "skills", "technical skills", "technologies", "tech stack",
        "stack",  "languages",        "tools",        "programming languages"};
    size_t b = at;
    while (b > 0 && text[b - 1] != '\n')
        b--;
    while (b < at && (text[b] == ' ' || text[b] == '\t' || text[b] == '-' || text[b] == '*'))
        b++;
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        size_t l = strlen(labels[i]);
        if ((text[b] | 0x20) == labels[i][0] && at - b > l &&
            !strncasecmp(text + b, labels[i], l) && text[b + l] == ':')
            return true;
    }
    return false;
}

static int
cmp_hit(const void *a, const void *b)
{
    const struct skill_hit *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    /* longest first at one start */
    return (x->end < y->end) - (x->end > y->end);
}

/* Sorts hits by cmp_hit, keeping the order of equal ones as the merge sort of glibc's qsort
 * did. The first nhs came from Hyperscan, which reports matches by their end, so they are
 * nearly in order of their start: an insertion sort moves each past the few matches inside
 * it only. The rest, the one-letter names, are in order already and are merged in (none of
 * them can equal a Hyperscan match, whose literals are longer). No allocation unless there
 * are one-letter names; never quadratic in their number. */
static void
sort_hits(struct skill_hit *h, size_t nhs, size_t n)
{
    struct skill_hit *m;
    size_t a = 0, b = nhs;
    for (size_t i = 1; i < nhs; i++) {
        struct skill_hit x = h[i];
        size_t j = i;
        while (j > 0 && cmp_hit(&h[j - 1], &x) > 0) {
            h[j] = h[j - 1];
            j--;
        }
        h[j] = x;
    }
    if (n == nhs || !nhs)
        return;
    m = xmalloc(n * sizeof *m);
    for (size_t k = 0; k < n; k++)
        m[k] = b == n || (a < nhs && cmp_hit(&h[a], &h[b]) <= 0) ? h[a++] : h[b++];
    memcpy(h, m, n * sizeof *m);
    free(m);
}

/* Bytes that end the run of text a link or an address is: spaces, brackets, quotes, list
 * punctuation and NUL. */
static const bool link_stop[256] = {
    [0] = true,   [' '] = true, ['\t'] = true, ['\n'] = true, ['\r'] = true,
    ['<'] = true, ['>'] = true, ['('] = true,  [')'] = true,  ['|'] = true,
    [','] = true, [';'] = true, ['"'] = true,  ['\''] = true};

/* Whether [start, end) lies in a link or an e-mail address: a run of text without spaces
 * that holds "://", starts with "www.", names a path on a host ("github.com/...") or has an
 * '@' with a dot after it. Called for every match: a run with no ':', '/' or '@' that does
 * not start with "www." (nearly every word) is decided in one pass over its bytes. */
static bool
in_link(const char *text, size_t len, size_t start, size_t end)
{
    static const char *const hosts[] = {".com/", ".org/", ".io/", ".dev/", ".net/", ".me/"};
    size_t a = start, z = end;
    const char *at;
    bool marks = false;
    while (a > 0 && !link_stop[(unsigned char)text[a - 1]])
        a--;
    while (z < len && !link_stop[(unsigned char)text[z]])
        z++;
    for (size_t i = a; i < z && !marks; i++)
        marks = text[i] == ':' || text[i] == '/' || text[i] == '@';
    if (!marks)
        return z - a > 4 && !strncasecmp(text + a, "www.", 4);
    if (memmem(text + a, z - a, "://", 3) || (z - a > 4 && !strncasecmp(text + a, "www.", 4)))
        return true;
    for (size_t i = 0; i < sizeof hosts / sizeof hosts[0]; i++)
        if (memmem(text + a, z - a, hosts[i], strlen(hosts[i])))
            return true;
    at = memchr(text + a, '@', z - a);
    return at && memchr(at, '.', (size_t)(text + z - at)) && at > text + a;
}

static bool
is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Whether the word of n bytes at p is one of words (ASCII, any case). */
static bool
one_of(const char *p, size_t n, const char *const *words, size_t nwords)
{
    for (size_t i = 0; i < nwords; i++)
        if (words[i][0] == (p[0] | 0x20) && strlen(words[i]) == n && !strncasecmp(p, words[i], n))
            return true;
    return false;
}

/* Whether what follows a name at end says it is technology: a word such as "services" or
 * "code" (a line break may come between, as in wrapped PDF text), or a version ("Go 1.22",
 * "Swift 5"; four digits are a year, not a version). */
static bool
cue_after(const char *text, size_t len, size_t end)
{
    static const char *const words[] = {
        "service",   "services",    "microservice", "microservices", "code",        "codebase",
        "codebases", "sdk",         "sdks",         "api",           "apis",        "app",
        "apps",      "application", "applications", "backend",       "backends",    "server",
        "servers",   "library",     "libraries",    "module",        "modules",     "stack",
        "developer", "developers",  "engineer",     "engineers",     "programming", "tooling",
        "scripts",   "workers",     "components",   "binaries",      "cli",         "port",
        "rewrite",   "frontend",    "framework",    "bindings",      "crates",      "gems",
        "runtime",   "compiler",    "clusters",     "charts",        "jobs",        "pipelines",
        "plugins",   "packages",    "templates",    "tests"};
    size_t p = end, n = 0, digits = 0;
    bool nl = false;
    while (p < len && (text[p] == ' ' || text[p] == '\t' || (text[p] == '\n' && !nl))) {
        nl |= text[p] == '\n';
        p++;
    }
    while (p + n < len && (is_alpha(text[p + n]) || text[p + n] == '-'))
        n++;
    if (n)
        return one_of(text + p, n, words, sizeof words / sizeof words[0]);
    while (p + digits < len && text[p + digits] >= '0' && text[p + digits] <= '9')
        digits++;
    return digits >= 1 && digits <= 2 && !nl &&
           (p + digits == len || !is_word_byte((unsigned char)text[p + digits]) ||
            text[p + digits] == '.');
}

/* Whether the word before a language's name on its line says it is one: "written in Rust",
 * "moved to Go", "using Swift". */
static bool
cue_before(const char *text, size_t start)
{
    static const char *const words[] = {"in", "using", "with", "to", "from", "into"};
    size_t z = start, a;
    while (z > 0 && (text[z - 1] == ' ' || text[z - 1] == '\t'))
        z--;
    a = z;
    while (a > 0 && is_alpha(text[a - 1]))
        a--;
    return a < z && one_of(text + a, z - a, words, sizeof words / sizeof words[0]);
}

/* Whether a name that needs context has it on its own: a skills line, or written
 * capitalised with a cue after it (any name) or before it (a language). */
static bool
own_context(struct skillscan *sc, const char *text, size_t len, const struct skill_hit *h)
{
    const struct skill *k = &sc->tax->v[h->skill];
    if (on_skills_line(text, h->start))
        return true;
    if (!(text[h->start] >= 'A' && text[h->start] <= 'Z'))
        return false;
    return cue_after(text, len, h->end) ||
           (!strcmp(k->category, "languages") && cue_before(text, h->start));
}

static enum rb_err
scan(struct skillscan *sc, const char *text, size_t len, bool keep_all, struct skill_hit **hits,
     size_t *n, char *errmsg)
{
    struct scan s = {sc, text, len, NULL, 0, 0};
    size_t kept = 0, reach = 0, out = 0, nhs;

    *hits = NULL;
    *n = 0;
    if (len > 0xFFFFFFFFu) {
        snprintf(errmsg, RB_ERRMSG, "text too large to scan");
        return RB_ETOOBIG;
    }
    if (hs_scan(sc->db, text, (unsigned)len, 0, sc->scratch, on_match, &s) != HS_SUCCESS) {
        free(s.hits);
        snprintf(errmsg, RB_ERRMSG, "skill scan failed");
        return RB_EINTERNAL;
    }
    nhs = s.n;
    /* the one-letter names: a letter with no word byte on either side */
    for (size_t i = 0; i < len; i++) {
        size_t id = sc->single[(unsigned char)text[i]];
        if (id && (i == 0 || !is_word_byte((unsigned char)text[i - 1])) &&
            (i + 1 == len || !is_word_byte((unsigned char)text[i + 1])))
            on_match((unsigned)(id - 1), 0, i + 1, 0, &s);
    }
    sort_hits(s.hits, nhs, s.n);
    /* drop matches inside a longer one ("spring" in "spring boot"), repeats of one span
     * through two aliases, and names inside links */
    for (size_t i = 0; i < s.n; i++) {
        if (kept && s.hits[i].end <= reach)
            continue;
        if (s.hits[i].end > reach)
            reach = s.hits[i].end;
        if (in_link(text, len, s.hits[i].start, s.hits[i].end))
            continue;
        s.hits[kept] = s.hits[i];
        s.hits[kept].context = !s.hits[kept].ambiguous || own_context(sc, text, len, &s.hits[kept]);
        kept++;
    }
    /* a list (names with only list punctuation between) gives its ambiguous names context
     * when it holds a name that is sure, or three names: "Go, Rust and Kafka", "Go, Rust,
     * C"; but not "Julia and Ada" */
    for (size_t a = 0; a < kept;) {
        size_t z = a + 1;
        bool sure = s.hits[a].context;
        while (z < kept &&
               list_gap(text + s.hits[z - 1].end, s.hits[z].start - s.hits[z - 1].end)) {
            sure |= s.hits[z].context;
            z++;
        }
        if (sure || z - a >= 3)
            for (size_t i = a; i < z; i++)
                s.hits[i].context = true;
        a = z;
    }
    for (size_t i = 0; i < kept; i++)
        if (keep_all || s.hits[i].context)
            s.hits[out++] = s.hits[i];
    *hits = s.hits;
    *n = out;
    return RB_OK;
}

enum rb_err
skillscan_run(struct skillscan *sc, const char *text, size_t len, struct skill_hit **hits,
              size_t *n, char *errmsg)
{
    return scan(sc, text, len, false, hits, n, errmsg);
}

enum rb_err
skillscan_run_all(struct skillscan *sc, const char *text, size_t len, struct skill_hit **hits,
                  size_t *n, char *errmsg)
{
    return scan(sc, text, len, true, hits, n, errmsg);
}
