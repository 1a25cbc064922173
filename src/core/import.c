/* SPDX-License-Identifier: MIT */
/*
 * The Markdown importer. It walks cmark's top-level blocks once, keeping the heading path
 * (for topics), the question being read (for notes) and whether the current section is
 * one to skip (contents, licence, links). Which blocks are questions is decided by shape,
 * not by language: question marks of every script, Q./number prefixes, lists whose items
 * read as questions, and lists placed right under a section heading.
 */
#include "core/import.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/md.h"
#include "util/buf.h"
#include "util/mem.h"
#include "util/text.h"

void
import_set_init(struct import_set *set)
{
    memset(set, 0, sizeof *set);
}

void
import_set_cleanup(struct import_set *set)
{
    for (size_t i = 0; i < set->n; i++)
        question_cleanup(&set->qs[i]);
    free(set->qs);
    for (size_t i = 0; i < set->nskipped; i++)
        free(set->skips[i].text);
    free(set->skips);
    competency_cleanup(&set->competency);
    memset(set, 0, sizeof *set);
}

/* ---- reading text ------------------------------------------------------------------- */

/* Question words and request verbs that open a question, folded (lowercase, no accents).
 * A few languages; a question mark catches the rest. */
static const char *const openers[] = {
    /* English */
    "what",
    "why",
    "how",
    "when",
    "where",
    "which",
    "who",
    "whom",
    "whose",
    "is",
    "are",
    "do",
    "does",
    "did",
    "can",
    "could",
    "should",
    "would",
    "will",
    "have",
    "has",
    "explain",
    "describe",
    "compare",
    "design",
    "implement",
    "write",
    "define",
    "list",
    "name",
    "give",
    "tell",
    "walk",
    "discuss",
    "contrast",
    "outline",
    "show",
    "suppose",
    "imagine",
    /* German */
    "was",
    "warum",
    "wie",
    "wann",
    "wo",
    "welche",
    "welcher",
    "welches",
    "erklaren",
    "beschreiben",
    "beschreibe",
    "erklare",
    "nenne",
    "vergleiche",
    /* French */
    "quel",
    "quelle",
    "quels",
    "quelles",
    "pourquoi",
    "comment",
    "quand",
    "ou",
    "expliquez",
    "decrivez",
    "comparez",
    "qu",
    "qui",
    "est",
    /* Spanish and Portuguese */
    "que",
    "por",
    "como",
    "cual",
    "cuales",
    "cuando",
    "donde",
    "explica",
    "describe",
    "qual",
    "quais",
    "quando",
    "onde",
    "explique",
    "descreva",
    /* Russian and Ukrainian */
    "что",
    "чем",
    "как",
    "какие",
    "какой",
    "какая",
    "почему",
    "зачем",
    "когда",
    "где",
    "расскажите",
    "объясните",
    "опишите",
    "назовите",
    "сравните",
    "що",
    "чому",
    "як",
    "поясніть",
    /* Italian, Polish */
    "perche",
    "quale",
    "spiega",
    "descrivi",
    "co",
    "dlaczego",
    "jak",
    "jakie",
    "czym",
    "opisz",
    "wyjasnij",
};

static int
first_word(const char *w, size_t n, void *ctx)
{
    char **out = ctx;
    *out = xstrndup(w, n);
    return 1;
}

bool
import_looks_like_question(const char *text)
{
    size_t n = strlen(text);
    char *folded, *word = NULL;
    bool yes = false;

    /* the last character that is not closing punctuation or space */
    while (n && strchr(" \t*_)]\"'`:.", text[n - 1]))
        n--;
    if (n && text[n - 1] == '?')
        return true;
    if (n >= 3 && (memcmp(text + n - 3, "\xEF\xBC\x9F", 3) == 0 || /* full-width ？ */
                   memcmp(text + n - 3, "\xE2\xB8\xAE", 3) == 0))  /* reversed ⸮ */
        return true;
    if (n >= 2 && (memcmp(text + n - 2, "\xD8\x9F", 2) == 0 || /* Arabic ؟ */
                   memcmp(text + n - 2, "\xCD\xBE", 2) == 0))  /* Greek ; */
        return true;
    folded = text_fold(text, strlen(text));
    text_words(folded, strlen(folded), first_word, &word);
    if (word)
        for (size_t i = 0; i < sizeof openers / sizeof openers[0] && !yes; i++)
            yes = strcmp(word, openers[i]) == 0;
    free(word);
    free(folded);
    return yes;
}

static bool
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Strips "1.", "1)", "#12", "Q.", "Q:", "Q12.", "Question 3:", "Вопрос 3." and the like
 * from the start of *sp (moving the pointer); true when a Q-style prefix was found. */
static bool
strip_prefix(char **sp)
{
    static const char ru[] = "Вопрос";
    char *s = *sp, *p;
    bool q = false;

    while (*s == ' ' || *s == '*' || *s == '_')
        s++;
    p = s;
    if (strncasecmp(p, "question", 8) == 0 && strchr(" :.", p[8]) && p[8]) {
        p += 8;
        q = true;
    } else if (strncmp(p, ru, sizeof ru - 1) == 0 && p[sizeof ru - 1] &&
               (strchr(" :.", p[sizeof ru - 1]) || is_digit(p[sizeof ru - 1]))) {
        p += sizeof ru - 1;
        q = true;
    } else if ((*p == 'Q' || *p == 'q') && p[1] && (strchr(".:)", p[1]) || is_digit(p[1]))) {
        p++;
        q = true;
    } else if (*p == '#' && is_digit(p[1])) {
        p++;
    }
    while (*p == ' ')
        p++;
    if (is_digit(*p)) {
        char *d = p;
        while (is_digit(*d))
            d++;
        if (*d && strchr(".):", *d))
            p = d + 1;
        else if (q)
            p = d;
        else
            p = s; /* "3 ways to..." is text, not a number prefix */
    }
    if (q && *p && strchr(".:)", *p))
        p++;
    while (*p == ' ' || *p == '*' || *p == '_' || *p == '\t')
        p++;
    if (!*p) {
        *sp = s;
        return false;
    }
    *sp = p;
    return q;
}

/* Section headings whose content is never questions. */
static const char *const skip_sections[] = {
    "table of contents",
    "contents",
    "toc",
    "index",
    "contributing",
    "contribute",
    "contributors",
    "license",
    "licence",
    "credits",
    "acknowledgements",
    "acknowledgments",
    "sponsors",
    "support",
    "resources",
    "references",
    "links",
    "useful links",
    "further reading",
    "see also",
    "related",
    "translations",
    "installation",
    "usage",
    "changelog",
    "authors",
    "about",
    "about this repo",
    "disclaimer",
    "how to contribute",
    "star history",
    "оглавление",
    "содержание",
    "ссылки",
    "inhaltsverzeichnis",
    "sommaire",
};

/* Section headings of a table of contents: it ends at the next heading of any level, since
 * contents never hold sections of their own. */
static const char *const contents_sections[] = {
    "table of contents", "contents",           "toc",      "index", "оглавление",
    "содержание",        "inhaltsverzeichnis", "sommaire",
};

/* heading folded to letters, digits and single spaces: "📚 Table of Contents:" -> "table of
 * contents". New string. */
static char *
section_key(const char *heading)
{
    char *f = text_fold(heading, strlen(heading));
    struct buf b;

    buf_init(&b, strlen(f) + 1);
    for (const char *p = f; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            buf_putc(&b, *p);
        else if (b.len && b.data[b.len - 1] != ' ')
            buf_putc(&b, ' ');
    }
    while (b.len && b.data[b.len - 1] == ' ')
        b.data[--b.len] = '\0';
    free(f);
    return buf_take(&b);
}

static bool
is_contents_section(const char *heading)
{
    char *k = section_key(heading);
    bool yes = false;
    for (size_t i = 0; i < sizeof contents_sections / sizeof contents_sections[0] && !yes; i++)
        yes = strcmp(k, contents_sections[i]) == 0;
    free(k);
    return yes;
}

static bool
is_skip_section(const char *heading)
{
    char *f = text_fold(heading, strlen(heading));
    struct buf b;
    bool yes = false;

    /* keep letters and single spaces: "📚 Table of Contents:" -> "table of contents" */
    buf_init(&b, strlen(f) + 1);
    for (const char *p = f; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            buf_putc(&b, *p);
        else if (b.len && b.data[b.len - 1] != ' ')
            buf_putc(&b, ' ');
    }
    while (b.len && b.data[b.len - 1] == ' ')
        b.data[--b.len] = '\0';
    for (size_t i = 0; i < sizeof skip_sections / sizeof skip_sections[0] && !yes; i++)
        yes = strcmp(buf_str(&b), skip_sections[i]) == 0;
    buf_cleanup(&b);
    free(f);
    return yes;
}

/* True when every piece of text in n is inside a link or an image (a link list, a table of
 * contents entry, a badge, a back-to-top link), or there is no text at all. */
static bool
only_links(cmark_node *n)
{
    for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
        switch (cmark_node_get_type(c)) {
        case CMARK_NODE_LINK:
        case CMARK_NODE_IMAGE:
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
        case CMARK_NODE_HTML_INLINE:
            break;
        case CMARK_NODE_TEXT: {
            /* separators between links: "|", "·", "-", arrows, spaces */
            const char *t = cmark_node_get_literal(c);
            size_t n2 = strlen(t);
            t = text_trim(t, &n2);
            static const char *const marks[] = {"\xC2\xB7", "\xE2\x80\xA2", "\xE2\x86\x92",
                                                "\xE2\xAC\x86", "\xE2\x86\x91"}; /* · • → ⬆ ↑ */
            for (size_t i = 0; i < n2;) {
                size_t k = 0;
                if ((unsigned char)t[i] < 0x80) {
                    if (!strchr("|-,;:/()[] ", t[i]))
                        return false;
                    i++;
                    continue;
                }
                for (size_t m = 0; m < sizeof marks / sizeof marks[0] && !k; m++)
                    if (n2 - i >= strlen(marks[m]) && !memcmp(t + i, marks[m], strlen(marks[m])))
                        k = strlen(marks[m]);
                if (!k)
                    return false; /* a letter of some script: text */
                i += k;
            }
            break;
        }
        default:
            if (!only_links(c))
                return false;
        }
    }
    return true;
}

static size_t
count_words(const char *s)
{
    size_t n = 0;
    bool in = false;
    for (; *s; s++) {
        bool sp = *s == ' ' || *s == '\t' || *s == '\n';
        if (!sp && !in)
            n++;
        in = !sp;
    }
    return n;
}

/* Text of an HTML fragment without its tags and with the common entities decoded. */
static char *
html_text(const char *s, size_t n)
{
    struct buf b;
    size_t len;
    const char *t;
    char *out;
    buf_init(&b, n + 1);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '<') {
            while (i < n && s[i] != '>')
                i++;
            continue;
        }
        if (s[i] == '&') {
            static const struct {
                const char *ent, *ch;
            } ents[] = {{"&amp;", "&"},   {"&lt;", "<"},  {"&gt;", ">"},
                        {"&quot;", "\""}, {"&#39;", "'"}, {"&nbsp;", " "}};
            bool hit = false;
            for (size_t e = 0; e < sizeof ents / sizeof ents[0]; e++) {
                size_t el = strlen(ents[e].ent);
                if (n - i >= el && strncmp(s + i, ents[e].ent, el) == 0) {
                    buf_puts(&b, ents[e].ch);
                    i += el - 1;
                    hit = true;
                    break;
                }
            }
            if (hit)
                continue;
        }
        buf_putc(&b, s[i] == '\n' ? ' ' : s[i]);
    }
    len = b.len;
    t = text_trim(buf_str(&b), &len);
    out = xstrndup(t, len);
    buf_cleanup(&b);
    return out;
}

/* ---- the walk ----------------------------------------------------------------------- */

struct importer {
    const char *file;
    const char *source;
    const char *competency;
    struct import_set *set;
    struct md_lines l;
    char *topics[7];     /* heading text by level */
    int skip_level;      /* inside a section to skip, below a heading of this level */
    long cur;            /* index of the question collecting notes, or -1 */
    int cur_level;       /* heading level that owns cur (a new heading at <= ends it) */
    bool skip_contents;  /* the section skipped is a table of contents */
    bool cur_heading;    /* cur's text was its heading's: deeper headings are its answer's */
    char *title_heading; /* a heading that may title the next paragraph's question */
    int title_level;
    bool after_heading; /* the previous block was a section heading */
    bool in_details;    /* inside <details> after its <summary> */
    size_t capskips;
    char **keys; /* text key of each question in set, to find repeats */
    size_t capkeys;
    enum rb_err rc;
};

static const char *
current_topic(const struct importer *im, int below)
{
    for (int lv = below - 1; lv >= 1; lv--)
        if (im->topics[lv])
            return im->topics[lv];
    return NULL;
}

/* The title: the text itself when short, else its first words. */
static char *
make_title(const char *text)
{
    size_t n = strlen(text), cut;
    if (n <= 100)
        return xstrdup(text);
    cut = 97;
    while (cut > 40 && text[cut] != ' ')
        cut--;
    /* never cut inside a UTF-8 sequence */
    while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
        cut--;
    {
        char *t = xmalloc(cut + 4);
        memcpy(t, text, cut);
        memcpy(t + cut, "...", 4);
        return t;
    }
}

static void
add_note(struct importer *im, char *text)
{
    struct question *q;
    if (im->cur < 0 || !*text) {
        free(text);
        return;
    }
    q = &im->set->qs[im->cur];
    q->points = xrealloc(q->points, (q->npoints + 1) * sizeof *q->points);
    memset(&q->points[q->npoints], 0, sizeof *q->points);
    q->points[q->npoints].kind = POINT_NOTE;
    q->points[q->npoints].text = text;
    q->npoints++;
}

/* Adds a question (text is taken); duplicates within the file are recorded as skipped. */
static void
add_question(struct importer *im, char *title, char *text, const char *topic, int line)
{
    struct import_set *set = im->set;
    struct question *q;
    char *key, *slug;
    size_t n = strlen(text);

    if (!n || n > 4000) {
        free(title);
        free(text);
        return;
    }
    key = question_text_key(text, n);
    for (size_t i = 0; i < set->n; i++) {
        if (strcmp(key, im->keys[i]) == 0) {
            xgrow(&set->skips, &im->capskips, set->nskipped + 1, sizeof *set->skips);
            set->skips[set->nskipped].text = text;
            set->skips[set->nskipped].line = line;
            set->nskipped++;
            free(title);
            free(key);
            im->cur = (long)i; /* its notes still belong to that question */
            return;
        }
    }
    if (set->n >= IMPORT_MAX_QUESTIONS) {
        im->rc = RB_ETOOBIG;
        free(title);
        free(text);
        free(key);
        return;
    }
    xgrow(&set->qs, &set->cap, set->n + 1, sizeof *set->qs);
    q = &set->qs[set->n];
    memset(q, 0, sizeof *q);
    slug = text_slug(text, n, 40);
    {
        struct buf id;
        buf_init(&id, 64);
        /* the slug of the first words, then 6 hex digits of the text key */
        buf_printf(&id, "imp-%.*s-%.6s", (int)(strlen(slug) > 40 ? 40 : strlen(slug)), slug, key);
        q->id = buf_take(&id);
    }
    free(slug);
    xgrow(&im->keys, &im->capkeys, set->n + 1, sizeof *im->keys);
    im->keys[set->n] = key;
    q->title = title ? title : make_title(text);
    q->text = text;
    q->category = CAT_TECHNICAL;
    q->level_min = LEVEL_JUNIOR;
    q->level_max = LEVEL_ARCHITECT;
    q->minutes = 5;
    q->competencies = xcalloc(1, sizeof *q->competencies);
    q->competencies[0] = xstrdup(im->competency);
    q->ncompetencies = 1;
    q->source = xstrdup(im->source);
    q->topic = topic ? xstrdup(topic) : NULL;
    q->file = xstrdup(im->file);
    q->line = line;
    im->cur = (long)set->n;
    set->n++;
}

/* Text of a list item's first paragraph (or heading), and its remaining blocks as notes. */
static void
list_item_question(struct importer *im, cmark_node *item, int level)
{
    cmark_node *first = cmark_node_first_child(item);
    char *text, *t;
    int l1, l2;
    char *answer = NULL;

    if (!first || cmark_node_get_type(first) != CMARK_NODE_PARAGRAPH || only_links(first))
        return;
    text = md_plain(first);
    /* "1. Why ...?" with the answer on the next line of the same paragraph: the first line
     * is the question, the rest its answer. */
    l1 = cmark_node_get_start_line(first);
    l2 = cmark_node_get_end_line(first);
    if (l2 > l1) {
        char *line = md_slice(&im->l, l1, cmark_node_get_start_column(first), l1, 0);
        char *plain = question_search_text(line);
        if (import_looks_like_question(plain) && plain[0] &&
            (plain[strlen(plain) - 1] == '?' || strstr(plain, "\xEF\xBC\x9F"))) {
            free(text);
            text = plain;
            plain = NULL;
            answer = md_slice(&im->l, l1 + 1, 1, l2, 0);
        }
        free(plain);
        free(line);
    }
    t = text;
    strip_prefix(&t);
    if (!*t) {
        free(text);
        free(answer);
        return;
    }
    memmove(text, t, strlen(t) + 1);
    add_question(im, NULL, text, current_topic(im, level + 1), cmark_node_get_start_line(item));
    if (answer)
        add_note(im, answer);
    for (cmark_node *c = cmark_node_next(first); c; c = cmark_node_next(c))
        add_note(im, md_block_source(&im->l, c));
}

/* Whether a list holds questions: most items read as questions, or it sits right under a
 * section heading with items of a few words each (lists in languages we have no words
 * for), or it is numbered. Link lists and contents never do. */
static bool
is_question_list(struct importer *im, cmark_node *list)
{
    size_t items = 0, links = 0, questions = 0, words = 0;

    for (cmark_node *it = cmark_node_first_child(list); it; it = cmark_node_next(it)) {
        cmark_node *p = cmark_node_first_child(it);
        char *text;
        items++;
        if (!p || cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH || only_links(p)) {
            links++;
            continue;
        }
        text = md_plain(p);
        {
            char *t = text;
            bool q = strip_prefix(&t);
            if (q || import_looks_like_question(t))
                questions++;
            words += count_words(t);
        }
        free(text);
    }
    if (!items || links * 2 >= items)
        return false;
    if (im->cur >= 0 && im->cur_heading)
        return false; /* a list inside the answer to a question written as a heading */
    if (questions * 2 >= items - links)
        return true;
    if (im->cur >= 0)
        return false; /* a list inside an answer */
    if (im->after_heading && words >= 3 * (items - links))
        return true;
    return cmark_node_get_list_type(list) == CMARK_ORDERED_LIST && items - links >= 3 &&
           words >= 4 * (items - links);
}

/* Whether n holds a link to an anchor of the page ("[[↑]](#toc)") or an HTML anchor
 * ("<a name='patterns'>"): the marks of a section heading in a list with a contents. */
static bool
anchored(cmark_node *n)
{
    for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
        cmark_node_type t = cmark_node_get_type(c);
        if (t == CMARK_NODE_LINK) {
            const char *url = cmark_node_get_url(c);
            if (url && url[0] == '#')
                return true;
        } else if (t == CMARK_NODE_HTML_INLINE) {
            const char *h = cmark_node_get_literal(c);
            if (h && (strncasecmp(h, "<a name", 7) == 0 || strncasecmp(h, "<a id", 5) == 0))
                return true;
        } else if (anchored(c)) {
            return true;
        }
    }
    return false;
}

/* Whether s has a letter or digit of ASCII: a back-to-top link's text ("[↑]", "⬆") has
 * none. */
static bool
has_letter(const char *s)
{
    for (; *s; s++)
        if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9'))
            return true;
    return false;
}

/* The words of a section heading without its back-to-top links, leading '#' marks and
 * trailing colon: "[[↑]](#toc) <a name='x'>Questions about Queues:</a>" -> "Questions about
 * Queues". New string. */
static char *
section_text(cmark_node *n)
{
    struct buf b;
    size_t len;
    const char *t;
    char *out;

    buf_init(&b, 4096);
    for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
        cmark_node_type ty = cmark_node_get_type(c);
        if (ty == CMARK_NODE_LINK) {
            const char *url = cmark_node_get_url(c);
            char *lt = md_plain(c);
            if (!(url && url[0] == '#' && !has_letter(lt)))
                buf_puts(&b, lt);
            free(lt);
        } else if (ty != CMARK_NODE_HTML_INLINE) {
            char *pt = ty == CMARK_NODE_TEXT || ty == CMARK_NODE_CODE
                           ? xstrdup(cmark_node_get_literal(c))
                           : md_plain(c);
            buf_puts(&b, pt);
            free(pt);
        }
    }
    len = b.len;
    t = buf_str(&b);
    while (len && (*t == '#' || *t == ' ')) {
        t++;
        len--;
    }
    t = text_trim(t, &len);
    while (len && (t[len - 1] == ':' || t[len - 1] == ' '))
        len--;
    out = xstrndup(t, len);
    buf_cleanup(&b);
    return out;
}

/* A section of a list that has a contents: never a question, and the end of any section
 * being skipped above it. */
static void
on_anchored_section(struct importer *im, int lv, char *text)
{
    im->in_details = false;
    free(im->title_heading);
    im->title_heading = NULL;
    im->skip_level = 0;
    im->cur = -1;
    im->cur_heading = false;
    if (is_skip_section(text)) {
        im->skip_level = lv;
        im->skip_contents = is_contents_section(text);
        free(text);
        return;
    }
    for (int k = lv; k <= 6; k++) {
        free(im->topics[k]);
        im->topics[k] = NULL;
    }
    im->topics[lv] = text;
    im->after_heading = true;
}

/* A paragraph that a heading was meant to be: "####[[↑]](#toc) <a name='x'>Section:</a>"
 * (no space after the marks, so CommonMark reads a paragraph). Its level, or 0. */
static int
pseudo_heading(const struct importer *im, cmark_node *n)
{
    int line = cmark_node_get_start_line(n), lv = 0;
    char *src;
    if (!anchored(n))
        return 0;
    src = md_slice(&im->l, line, 1, line, 0);
    while (src[lv] == '#' && lv < 7)
        lv++;
    if (lv > 6 || (src[lv] != '[' && src[lv] != '<'))
        lv = 0;
    free(src);
    return lv;
}

/* The prose of text up to its last sentence ending in a question mark (what comes after it
 * is a link to resources or a remark, not the question); NULL when no sentence does. The
 * sentences before the question stay: they set it up ("Two workers lock the same rows in
 * opposite order. What happens?"). */
static char *
question_sentences(const char *t)
{
    size_t n = strlen(t), last = 0, len;
    const char *q;

    for (size_t i = 0; i < n; i++)
        if (t[i] == '?' && (i + 1 == n || t[i + 1] == ' ' || t[i + 1] == '\n'))
            last = i + 1;
    if (!last)
        return NULL;
    len = last;
    q = text_trim(t, &len);
    return xstrndup(q, len);
}

static void
on_heading(struct importer *im, cmark_node *n)
{
    int lv = cmark_node_get_heading_level(n);
    char *text = md_plain(n), *t = text;
    bool qprefix;

    if (anchored(n)) {
        free(text);
        on_anchored_section(im, lv, section_text(n));
        return;
    }
    /* a heading below a question written as a heading is part of its answer */
    if (im->cur >= 0 && im->cur_heading && lv > im->cur_level && !im->skip_level) {
        free(text);
        add_note(im, md_block_source(&im->l, n));
        return;
    }
    im->in_details = false;
    free(im->title_heading);
    im->title_heading = NULL;
    if (im->skip_level && (lv <= im->skip_level || im->skip_contents))
        im->skip_level = 0;
    if (im->cur >= 0 && lv <= im->cur_level + 1)
        im->cur = -1;
    if (im->skip_level) {
        free(text);
        return;
    }
    if (is_skip_section(text)) {
        im->skip_level = lv;
        im->skip_contents = is_contents_section(text);
        im->cur = -1;
        free(text);
        return;
    }
    qprefix = strip_prefix(&t);
    if (*t && (qprefix || import_looks_like_question(t))) {
        char *q = xstrdup(t);
        add_question(im, NULL, q, current_topic(im, lv), cmark_node_get_start_line(n));
        im->cur_level = lv;
        im->cur_heading = true;
        im->after_heading = false;
        free(text);
        return;
    }
    /* a section: its text is the topic of what follows, and may title a question */
    for (int k = lv; k <= 6; k++) {
        free(im->topics[k]);
        im->topics[k] = NULL;
    }
    im->topics[lv] = xstrdup(*t ? t : text);
    im->title_heading = xstrdup(*t ? t : text);
    im->title_level = lv;
    im->after_heading = true;
    im->cur = -1;
    free(text);
}

static void
on_paragraph(struct importer *im, cmark_node *n)
{
    char *text, *t, *sentences;
    bool qprefix;
    int line = cmark_node_get_start_line(n);

    if (only_links(n)) {
        return; /* badges, back-to-top links, link rows */
    }
    text = md_plain(n);
    t = text;
    qprefix = strip_prefix(&t);
    /* under a section's heading (not the document's title), the question sentences of a
     * paragraph of prose: "Indexes speed up reads. How do they slow writes?<br/>
     * [Resources](...)" */
    sentences =
        im->title_heading && im->title_level >= 2 && !im->in_details ? question_sentences(t) : NULL;
    if (im->title_heading && !im->in_details && count_words(t) >= 2 &&
        (qprefix || sentences || import_looks_like_question(t))) {
        /* "### Idempotency" then "What makes a PUT idempotent?" */
        char *q = sentences ? sentences : xstrdup(t);
        char *title = im->title_heading;
        const char *topic = current_topic(im, im->title_level);
        im->title_heading = NULL;
        /* the title heading is not a topic of its own */
        free(im->topics[im->title_level]);
        im->topics[im->title_level] = NULL;
        add_question(im, title, q, topic, line);
        im->cur_level = im->title_level;
        im->cur_heading = false;
        free(text);
        return;
    }
    free(sentences);
    free(im->title_heading);
    im->title_heading = NULL;
    if (!im->in_details && strlen(t) <= 500 &&
        (qprefix || (im->cur < 0 && import_looks_like_question(t) &&
                     (t[strlen(t) - 1] == '?' || strstr(t, "\xEF\xBC\x9F"))))) {
        char *q = xstrdup(t);
        add_question(im, NULL, q, current_topic(im, 7), line);
        im->cur_level = 6;
        im->cur_heading = false;
        free(text);
        return;
    }
    free(text);
    add_note(im, md_block_source(&im->l, n));
}

static void
on_html(struct importer *im, cmark_node *n)
{
    const char *h = cmark_node_get_literal(n);
    const char *sum = strstr(h, "<summary"), *close;

    if (sum && (sum = strchr(sum, '>')) && (close = strstr(sum, "</summary>"))) {
        char *q = html_text(sum + 1, (size_t)(close - sum - 1)), *t = q;
        const char *after = close + strlen("</summary>");
        const char *end = strstr(after, "</details>");
        strip_prefix(&t);
        if (*t && count_words(t) >= 1) {
            char *text = xstrdup(t);
            free(q);
            add_question(im, NULL, text, current_topic(im, 7), cmark_node_get_start_line(n));
            im->cur_level = 6;
            im->in_details = true;
            /* the answer, when it is inside the same HTML block */
            add_note(im, html_text(after, end ? (size_t)(end - after) : strlen(after)));
            if (end) {
                im->in_details = false;
                im->cur = -1;
            }
            return;
        }
        free(q);
    }
    if (im->in_details && strstr(h, "</details>")) {
        char *before = html_text(h, (size_t)(strstr(h, "</details>") - h));
        add_note(im, before);
        im->in_details = false;
        im->cur = -1;
        return;
    }
    if (im->cur >= 0 && !strstr(h, "<img") && !strstr(h, "<a href=\"#"))
        add_note(im, html_text(h, strlen(h)));
}

enum rb_err
import_markdown(const char *file, const char *data, size_t len, const char *source,
                const char *competency, struct import_set *set, char *errmsg)
{
    struct importer im;
    cmark_node *doc;
    size_t bad;

    if (!text_utf8_valid(data, len, &bad)) {
        snprintf(errmsg, RB_ERRMSG, "%s:%d: not valid UTF-8 (byte %zu): convert the file to UTF-8",
                 file, text_line_at(data, bad), bad);
        return RB_EINVAL;
    }
    memset(&im, 0, sizeof im);
    im.file = file;
    im.source = source;
    im.competency = competency;
    im.set = set;
    im.cur = -1;
    im.capskips = set->capskips;
    md_lines_init(&im.l, data, len);
    doc = cmark_parse_document(data, len, CMARK_OPT_DEFAULT);
    for (cmark_node *n = cmark_node_first_child(doc); n && !im.rc; n = cmark_node_next(n)) {
        cmark_node_type t = cmark_node_get_type(n);
        int plv;
        if (t == CMARK_NODE_HEADING) {
            on_heading(&im, n);
            continue;
        }
        if (t == CMARK_NODE_PARAGRAPH && (plv = pseudo_heading(&im, n))) {
            on_anchored_section(&im, plv, section_text(n));
            continue;
        }
        if (im.skip_level)
            continue;
        switch (t) {
        case CMARK_NODE_PARAGRAPH:
            on_paragraph(&im, n);
            break;
        case CMARK_NODE_LIST:
            free(im.title_heading);
            im.title_heading = NULL;
            if (!im.in_details && is_question_list(&im, n)) {
                int lv = 6;
                for (int k = 6; k >= 1; k--)
                    if (im.topics[k]) {
                        lv = k;
                        break;
                    }
                for (cmark_node *it = cmark_node_first_child(n); it && !im.rc;
                     it = cmark_node_next(it))
                    list_item_question(&im, it, lv);
                im.cur = -1; /* a new list item ends the previous one's notes */
            } else {
                add_note(&im, md_block_source(&im.l, n));
            }
            break;
        case CMARK_NODE_HTML_BLOCK:
            on_html(&im, n);
            break;
        case CMARK_NODE_THEMATIC_BREAK:
            if (!im.in_details)
                im.cur = -1;
            break;
        default: /* code blocks, quotes: part of an answer */
            add_note(&im, md_block_source(&im.l, n));
        }
        im.after_heading = false;
    }
    set->capskips = im.capskips;
    for (size_t i = 0; i < set->n; i++)
        free(im.keys[i]);
    free(im.keys);
    for (int k = 0; k < 7; k++)
        free(im.topics[k]);
    free(im.title_heading);
    cmark_node_free(doc);
    md_lines_cleanup(&im.l);
    if (strcmp(competency, IMPORT_DEFAULT_COMPETENCY) == 0) {
        set->new_competency = true;
        set->competency.id = xstrdup(IMPORT_DEFAULT_COMPETENCY);
        set->competency.name = xstrdup("Imported");
        set->competency.summary =
            xstrdup("Questions imported with rubric bank import, not yet sorted into a "
                    "competency.");
    }
    if (im.rc == RB_ETOOBIG)
        snprintf(errmsg, RB_ERRMSG, "%s: more than %d questions; split the file", file,
                 IMPORT_MAX_QUESTIONS);
    return im.rc;
}

json_t *
import_to_json(const struct import_set *set, const unsigned char *was_added)
{
    json_t *o = json_object(), *qs = json_array(), *sk = json_array();

    for (size_t i = 0; i < set->n; i++) {
        const struct question *q = &set->qs[i];
        json_t *notes = json_array();
        for (size_t k = 0; k < q->npoints; k++)
            if (q->points[k].kind == POINT_NOTE)
                json_array_append_new(notes, json_string(q->points[k].text));
        if (was_added && !was_added[i]) {
            json_array_append_new(sk, json_pack("{s:s, s:i, s:s}", "text", q->text, "line", q->line,
                                                "reason", "already in the store"));
            json_decref(notes);
            continue;
        }
        json_array_append_new(qs, json_pack("{s:s, s:s, s:s, s:o, s:i, s:o}", "id", q->id, "title",
                                            q->title, "text", q->text, "topic",
                                            q->topic ? json_string(q->topic) : json_null(), "line",
                                            q->line, "notes", notes));
    }
    for (size_t i = 0; i < set->nskipped; i++)
        json_array_append_new(sk, json_pack("{s:s, s:i, s:s}", "text", set->skips[i].text, "line",
                                            set->skips[i].line, "reason", "repeated in the file"));
    json_object_set_new(o, "questions", qs);
    json_object_set_new(o, "skipped", sk);
    return o;
}
