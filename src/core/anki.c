/* SPDX-License-Identifier: MIT */
/*
 * Anki decks (core/anki.h). An .apkg is written as Anki's own exports are: the collection
 * is a SQLite file in schema 11 (tables col, notes, cards, revlog and graves; the note
 * type, decks and options as JSON in the col row), made in a private temporary folder,
 * zipped with libzip beside a "media" file holding {}, and read back into the buffer. This
 * file is the one place outside store/ that opens a SQLite database: an Anki collection is
 * a file format here, not Rubric's store.
 *
 * Field checksums use SHA-1 (as Anki does); none of Rubric's libraries offers it, so a
 * small implementation of FIPS 180-4 is here, checked against its test vectors.
 */
#include "core/anki.h"

#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "core/kit.h"
#include "core/md.h"
#include "util/fs.h"
#include "util/mem.h"
#include "util/text.h"

/* The note type's id: fixed, so every export uses the same note type in Anki. */
#define MODEL_ID 1735689600123LL
#define PAGE 500

/* ---- SHA-1 -------------------------------------------------------------------------- */

static uint32_t
rol(uint32_t x, int n)
{
    return (x << n) | (x >> (32 - n));
}

static void
sha1_block(uint32_t h[5], const unsigned char *p)
{
    uint32_t w[80], a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (size_t i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
               (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
    for (int i = 16; i < 80; i++)
        w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    for (int i = 0; i < 80; i++) {
        uint32_t f, k, t;
        if (i < 20) {
            f = (b & c) | (~b & d);
            k = 0x5a827999;
        } else if (i < 40) {
            f = b ^ c ^ d;
            k = 0x6ed9eba1;
        } else if (i < 60) {
            f = (b & c) | (b & d) | (c & d);
            k = 0x8f1bbcdc;
        } else {
            f = b ^ c ^ d;
            k = 0xca62c1d6;
        }
        t = rol(a, 5) + f + e + k + w[i];
        e = d;
        d = c;
        c = rol(b, 30);
        b = a;
        a = t;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
}

/* The first word of the SHA-1 digest of s[0..n). */
static uint32_t
sha1_first_word(const char *s, size_t n)
{
    uint32_t h[5] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
    unsigned char block[64];
    uint64_t bits = (uint64_t)n * 8;
    size_t i = 0, rest;
    for (; n - i >= 64; i += 64)
        sha1_block(h, (const unsigned char *)s + i);
    rest = n - i;
    memset(block, 0, sizeof block);
    memcpy(block, s + i, rest);
    block[rest] = 0x80;
    if (rest >= 56) {
        sha1_block(h, block);
        memset(block, 0, sizeof block);
    }
    for (int k = 0; k < 8; k++)
        block[63 - k] = (unsigned char)(bits >> (8 * k));
    sha1_block(h, block);
    return h[0];
}

/* Text of html without tags and with the entities cmark writes decoded. */
static char *
strip_html(const char *html)
{
    static const struct {
        const char *ent, *ch;
    } ents[] = {{"&amp;", "&"},   {"&lt;", "<"},  {"&gt;", ">"},
                {"&quot;", "\""}, {"&#39;", "'"}, {"&nbsp;", " "}};
    struct buf b;
    buf_init(&b, strlen(html) + 1);
    for (const char *p = html; *p;) {
        if (*p == '<') {
            const char *e = strchr(p, '>');
            if (!e)
                break;
            p = e + 1;
            continue;
        }
        if (*p == '&') {
            size_t k;
            for (k = 0; k < sizeof ents / sizeof ents[0]; k++)
                if (strncmp(p, ents[k].ent, strlen(ents[k].ent)) == 0)
                    break;
            if (k < sizeof ents / sizeof ents[0]) {
                buf_puts(&b, ents[k].ch);
                p += strlen(ents[k].ent);
                continue;
            }
        }
        buf_putc(&b, *p++);
    }
    return buf_take(&b);
}

uint32_t
anki_field_checksum(const char *html)
{
    char *t = strip_html(html);
    uint32_t c = sha1_first_word(t, strlen(t));
    free(t);
    return c;
}

/* ---- notes -------------------------------------------------------------------------- */

struct note {
    char *guid, *front, *back, *tags, *sort;
};

static void
note_cleanup(struct note *n)
{
    free(n->guid);
    free(n->front);
    free(n->back);
    free(n->tags);
    free(n->sort);
}

/* Markdown to HTML on one line: Anki fields are HTML, and a CSV row is easier to read
 * without line breaks (text inside <pre> keeps them). */
static void
html_of(struct buf *out, const char *md)
{
    char *h = md_to_html(md);
    bool pre = false;
    for (const char *p = h; *p; p++) {
        if (strncmp(p, "<pre", 4) == 0)
            pre = true;
        else if (strncmp(p, "</pre>", 6) == 0)
            pre = false;
        if (*p == '\n' && !pre)
            continue;
        if (*p == '\x1f')
            continue; /* Anki's field separator */
        buf_putc(out, *p);
    }
    free(h);
}

static void
note_make(const struct question *q, struct note *n)
{
    static const struct {
        enum point_kind kind;
        const char *title;
    } sections[] = {{POINT_SHOWS, "A good answer shows"}, {POINT_STAR, "A complete STAR answer"},
                    {POINT_PITFALL, "Pitfalls"},          {POINT_RED_FLAG, "Red flags"},
                    {POINT_FOLLOW_UP, "Follow-ups"},      {POINT_NOTE, "Notes"}};
    struct buf b, md;
    char lv[24];

    buf_init(&b, 8u << 20);
    buf_init(&md, 8u << 20);
    level_range_format(q->level_min, q->level_max, lv, sizeof lv);
    buf_puts(&b, "<div class=\"title\"><b>");
    buf_html(&b, q->title);
    buf_puts(&b, "</b></div>");
    html_of(&b, q->text);
    buf_puts(&b, "<div class=\"meta\">");
    buf_html(&b, q->ncompetencies ? q->competencies[0] : "");
    buf_printf(&b, " &middot; %s &middot; %s &middot; %d min</div>", category_name(q->category), lv,
               q->minutes);
    n->front = buf_take(&b);

    for (size_t s = 0; s < sizeof sections / sizeof sections[0]; s++) {
        bool any = false;
        for (size_t i = 0; i < q->npoints; i++) {
            if (q->points[i].kind != sections[s].kind)
                continue;
            if (!any)
                buf_printf(&md, "%s**%s**\n\n", md.len ? "\n" : "", sections[s].title);
            any = true;
            buf_puts(&md, "- ");
            for (const char *p = q->points[i].text; *p; p++) {
                buf_putc(&md, *p);
                if (*p == '\n')
                    buf_puts(&md, "  "); /* keep continuation lines in the item */
            }
            buf_putc(&md, '\n');
        }
    }
    html_of(&b, buf_str(&md));
    n->back = buf_take(&b);
    buf_cleanup(&md);

    buf_printf(&b, "rubric-%s", q->id);
    n->guid = buf_take(&b);
    buf_puts(&b, "rubric");
    for (size_t i = 0; i < q->ncompetencies; i++)
        buf_printf(&b, " %s", q->competencies[i]);
    buf_printf(&b, " %s", category_name(q->category));
    for (int l = q->level_min; l <= q->level_max; l++)
        buf_printf(&b, " %s", level_name(l));
    n->tags = buf_take(&b);
    n->sort = strip_html(n->front);
}

/* Every live question with points in sc's scope, as notes, by competency then id. */
static enum rb_err
collect(struct store *s, const struct practice_scope *sc, struct note **notes, size_t *n,
        char *errmsg)
{
    struct search_query f;
    const char **anyof = NULL;
    json_t *comps = NULL;
    size_t offset = 0, cap = 0, total = 0;
    enum rb_err e = RB_OK;

    memset(&f, 0, sizeof f);
    f.category = -1;
    f.level = sc->level;
    f.limit = PAGE;
    if (sc->comps && (comps = json_loads(sc->comps, 0, NULL))) {
        size_t i;
        json_t *v;
        anyof = xcalloc(json_array_size(comps) + 1, sizeof *anyof);
        json_array_foreach(comps, i, v)
        {
            anyof[i] = json_string_value(v);
        }
        f.any_of = anyof;
    }
    do {
        struct search_hit *hits;
        size_t nh;
        if ((e = store_question_list(s, &f, offset, &hits, &nh, &total, errmsg)))
            break;
        for (size_t i = 0; i < nh && !e; i++) {
            struct question q;
            if ((e = store_question_get(s, hits[i].id, &q, errmsg)))
                break;
            if (q.npoints &&
                (sc->stage < 0 || stage_has_category((enum stage)sc->stage, q.category))) {
                xgrow(notes, &cap, *n + 1, sizeof **notes);
                note_make(&q, &(*notes)[(*n)++]);
            }
            question_cleanup(&q);
        }
        search_hits_free(hits, nh);
        offset += nh;
        if (!nh)
            break;
    } while (!e && offset < total);
    free(anyof);
    json_decref(comps);
    if (!e && !*n) {
        snprintf(errmsg, RB_ERRMSG, "no question with points fits: nothing to export");
        e = RB_ENOTFOUND;
    }
    return e;
}

/* ---- CSV ---------------------------------------------------------------------------- */

static void
csv_field(struct buf *out, const char *s)
{
    buf_putc(out, '"');
    for (; *s; s++) {
        if (*s == '"')
            buf_putc(out, '"');
        buf_putc(out, *s);
    }
    buf_putc(out, '"');
}

static enum rb_err
write_csv(const struct note *v, size_t n, const char *deck, struct buf *out, char *errmsg)
{
    buf_puts(out, "#separator:comma\n#html:true\n#columns:GUID,Front,Back,Tags\n"
                  "#guid column:1\n#tags column:4\n");
    buf_printf(out, "#deck:%s\n", deck);
    for (size_t i = 0; i < n; i++) {
        csv_field(out, v[i].guid);
        buf_putc(out, ',');
        csv_field(out, v[i].front);
        buf_putc(out, ',');
        csv_field(out, v[i].back);
        buf_putc(out, ',');
        csv_field(out, v[i].tags);
        if (buf_puts(out, "\r\n")) {
            snprintf(errmsg, RB_ERRMSG, "the deck is larger than %u bytes", ANKI_EXPORT_MAX);
            return RB_ETOOBIG;
        }
    }
    return RB_OK;
}

/* ---- apkg --------------------------------------------------------------------------- */

static const char schema11[] =
    "CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, "
    "scm integer NOT NULL, ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, "
    "ls integer NOT NULL, conf text NOT NULL, models text NOT NULL, decks text NOT NULL, "
    "dconf text NOT NULL, tags text NOT NULL);"
    "CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, "
    "mod integer NOT NULL, usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, "
    "sfld integer NOT NULL, csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL);"
    "CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, "
    "ord integer NOT NULL, mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, "
    "queue integer NOT NULL, due integer NOT NULL, ivl integer NOT NULL, "
    "factor integer NOT NULL, reps integer NOT NULL, lapses integer NOT NULL, "
    "left integer NOT NULL, odue integer NOT NULL, odid integer NOT NULL, "
    "flags integer NOT NULL, data text NOT NULL);"
    "CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, "
    "ease integer NOT NULL, ivl integer NOT NULL, lastIvl integer NOT NULL, "
    "factor integer NOT NULL, time integer NOT NULL, type integer NOT NULL);"
    "CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);"
    "CREATE INDEX ix_notes_usn ON notes (usn);"
    "CREATE INDEX ix_cards_usn ON cards (usn);"
    "CREATE INDEX ix_revlog_usn ON revlog (usn);"
    "CREATE INDEX ix_cards_nid ON cards (nid);"
    "CREATE INDEX ix_cards_sched ON cards (did, queue, due);"
    "CREATE INDEX ix_revlog_cid ON revlog (cid);"
    "CREATE INDEX ix_notes_csum ON notes (csum);";

static json_t *
deck_json(long long id, const char *name, long long now)
{
    json_t *d = json_object();
    json_object_set_new(d, "id", json_integer(id));
    json_object_set_new(d, "name", json_string(name));
    json_object_set_new(d, "mod", json_integer(now));
    json_object_set_new(d, "usn", json_integer(-1));
    json_object_set_new(d, "lrnToday", json_pack("[ii]", 0, 0));
    json_object_set_new(d, "revToday", json_pack("[ii]", 0, 0));
    json_object_set_new(d, "newToday", json_pack("[ii]", 0, 0));
    json_object_set_new(d, "timeToday", json_pack("[ii]", 0, 0));
    json_object_set_new(d, "collapsed", json_false());
    json_object_set_new(d, "browserCollapsed", json_false());
    json_object_set_new(d, "desc", json_string(id == 1 ? "" : "Interview questions from Rubric"));
    json_object_set_new(d, "dyn", json_integer(0));
    json_object_set_new(d, "conf", json_integer(1));
    json_object_set_new(d, "extendNew", json_integer(0));
    json_object_set_new(d, "extendRev", json_integer(0));
    return d;
}

static json_t *
field_json(const char *name, int ord)
{
    return json_pack("{s:s, s:i, s:b, s:b, s:s, s:i, s:[]}", "name", name, "ord", ord, "sticky", 0,
                     "rtl", 0, "font", "Arial", "size", 20, "media");
}

static json_t *
model_json(long long did, long long now)
{
    json_t *m = json_object(), *tmpl;
    json_object_set_new(m, "id", json_integer(MODEL_ID));
    json_object_set_new(m, "name", json_string("Rubric question"));
    json_object_set_new(m, "type", json_integer(0));
    json_object_set_new(m, "mod", json_integer(now));
    json_object_set_new(m, "usn", json_integer(-1));
    json_object_set_new(m, "sortf", json_integer(0));
    json_object_set_new(m, "did", json_integer(did));
    tmpl =
        json_pack("{s:s, s:i, s:s, s:s, s:s, s:s, s:n, s:s, s:i}", "name", "Card 1", "ord", 0,
                  "qfmt", "{{Question}}", "afmt", "{{FrontSide}}\n\n<hr id=answer>\n\n{{Answer}}",
                  "bqfmt", "", "bafmt", "", "did", "bfont", "", "bsize", 0);
    json_object_set_new(m, "tmpls", json_pack("[o]", tmpl));
    json_object_set_new(m, "flds",
                        json_pack("[o, o, o]", field_json("Question", 0), field_json("Answer", 1),
                                  field_json("Id", 2)));
    json_object_set_new(m, "css",
                        json_string(".card { font-family: sans-serif; font-size: 18px; "
                                    "text-align: left; color: black; background-color: white; "
                                    "max-width: 42em; margin: 0 auto; }\n"
                                    ".title { font-size: 110%; margin-bottom: 0.5em; }\n"
                                    ".meta { color: #666; font-size: 80%; margin-top: 1em; }"));
    json_object_set_new(m, "latexPre",
                        json_string("\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}"
                                    "\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n"
                                    "\\setlength{\\parindent}{0in}\n\\begin{document}\n"));
    json_object_set_new(m, "latexPost", json_string("\\end{document}"));
    json_object_set_new(m, "latexsvg", json_false());
    json_object_set_new(m, "req", json_pack("[[i, s, [i]]]", 0, "any", 0));
    json_object_set_new(m, "tags", json_array());
    json_object_set_new(m, "vers", json_array());
    return m;
}

static char *
dump(json_t *v)
{
    char *s = json_dumps(v, JSON_COMPACT);
    json_decref(v);
    return s;
}

/* The col row's JSON: conf, models, decks, dconf. */
static void
col_json(long long did, const char *deck, long long now, size_t n, char **conf, char **models,
         char **decks, char **dconf)
{
    char key[32];
    json_t *m = json_object(), *d = json_object();
    *conf = dump(json_pack("{s:[i], s:i, s:i, s:i, s:i, s:b, s:b, s:I, s:I, s:s, s:b, s:b}",
                           "activeDecks", 1, "curDeck", 1, "newSpread", 0, "collapseTime", 1200,
                           "timeLim", 0, "estTimes", 1, "dueCounts", 1, "curModel",
                           (json_int_t)MODEL_ID, "nextPos", (json_int_t)n + 1, "sortType",
                           "noteFld", "sortBackwards", 0, "addToCur", 1));
    snprintf(key, sizeof key, "%lld", MODEL_ID);
    json_object_set_new(m, key, model_json(did, now));
    *models = dump(m);
    json_object_set_new(d, "1", deck_json(1, "Default", now));
    snprintf(key, sizeof key, "%lld", did);
    json_object_set_new(d, key, deck_json(did, deck, now));
    *decks = dump(d);
    *dconf = dump(json_pack(
        "{s:{s:i, s:s, s:i, s:i, s:i, s:b, s:i, s:b, s:b, s:{s:b, s:[f, f], s:i, s:[i, i, i], "
        "s:i, s:i}, s:{s:b, s:f, s:f, s:i, s:i, s:f}, s:{s:[f], s:i, s:i, s:i, s:f}}}",
        "1", "id", 1, "name", "Default", "mod", 0, "usn", 0, "maxTaken", 60, "autoplay", 1, "timer",
        0, "replayq", 1, "dyn", 0, "new", "bury", 0, "delays", 1.0, 10.0, "initialFactor", 2500,
        "ints", 1, 4, 0, "order", 1, "perDay", 20, "rev", "bury", 0, "ease4", 1.3, "ivlFct", 1.0,
        "maxIvl", 36500, "perDay", 200, "hardFactor", 1.2, "lapse", "delays", 10.0, "leechAction",
        1, "leechFails", 8, "minInt", 1, "mult", 0.0));
}

static enum rb_err
sql_fail(sqlite3 *db, const char *what, char *errmsg)
{
    snprintf(errmsg, RB_ERRMSG, "cannot write the Anki collection (%s): %s", what,
             db ? sqlite3_errmsg(db) : "out of memory");
    return RB_EIO;
}

/* Writes the collection file at path. */
static enum rb_err
write_collection(const char *path, const struct note *v, size_t n, const char *deck, long long now,
                 char *errmsg)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *col = NULL, *note = NULL, *card = NULL;
    char *conf = NULL, *models = NULL, *decks = NULL, *dconf = NULL;
    long long did = 1000000000000LL + (long long)(text_hash(deck, strlen(deck)) % 900000000000ULL);
    long long ms = now * 1000;
    enum rb_err e = RB_OK;

    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        e = sql_fail(db, "open", errmsg);
        goto out;
    }
    if (sqlite3_exec(db, "PRAGMA journal_mode = OFF; BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(db, schema11, NULL, NULL, NULL) != SQLITE_OK) {
        e = sql_fail(db, "schema", errmsg);
        goto out;
    }
    col_json(did, deck, now, n, &conf, &models, &decks, &dconf);
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO col VALUES (1, ?1, ?2, ?2, 11, 0, 0, 0, ?3, ?4, ?5, ?6, "
                           "'{}')",
                           -1, &col, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "INSERT INTO notes VALUES (?1, ?2, ?3, ?4, -1, ?5, ?6, ?7, ?8, 0, '')",
                           -1, &note, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "INSERT INTO cards VALUES (?1, ?2, ?3, 0, ?4, -1, 0, 0, ?5, 0, 0, 0, "
                           "0, 0, 0, 0, 0, '')",
                           -1, &card, NULL) != SQLITE_OK) {
        e = sql_fail(db, "prepare", errmsg);
        goto out;
    }
    sqlite3_bind_int64(col, 1, now - now % 86400);
    sqlite3_bind_int64(col, 2, ms);
    sqlite3_bind_text(col, 3, conf, -1, SQLITE_STATIC);
    sqlite3_bind_text(col, 4, models, -1, SQLITE_STATIC);
    sqlite3_bind_text(col, 5, decks, -1, SQLITE_STATIC);
    sqlite3_bind_text(col, 6, dconf, -1, SQLITE_STATIC);
    if (sqlite3_step(col) != SQLITE_DONE) {
        e = sql_fail(db, "col", errmsg);
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        struct buf flds, tags;
        int r1, r2;
        buf_init(&flds, 64u << 20);
        buf_init(&tags, 1u << 16);
        buf_printf(&flds, "%s\x1f%s\x1f%s", v[i].front, v[i].back, v[i].guid + strlen("rubric-"));
        buf_printf(&tags, " %s ", v[i].tags);
        sqlite3_reset(note);
        sqlite3_bind_int64(note, 1, ms + (long long)i);
        sqlite3_bind_text(note, 2, v[i].guid, -1, SQLITE_STATIC);
        sqlite3_bind_int64(note, 3, MODEL_ID);
        sqlite3_bind_int64(note, 4, now);
        sqlite3_bind_text(note, 5, buf_str(&tags), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(note, 6, buf_str(&flds), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(note, 7, v[i].sort, -1, SQLITE_STATIC);
        sqlite3_bind_int64(note, 8, (sqlite3_int64)anki_field_checksum(v[i].front));
        r1 = sqlite3_step(note);
        sqlite3_reset(card);
        sqlite3_bind_int64(card, 1, ms + (long long)i);
        sqlite3_bind_int64(card, 2, ms + (long long)i);
        sqlite3_bind_int64(card, 3, did);
        sqlite3_bind_int64(card, 4, now);
        sqlite3_bind_int64(card, 5, (long long)i + 1);
        r2 = sqlite3_step(card);
        buf_cleanup(&flds);
        buf_cleanup(&tags);
        if (r1 != SQLITE_DONE || r2 != SQLITE_DONE) {
            e = sql_fail(db, "notes", errmsg);
            goto out;
        }
    }
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        e = sql_fail(db, "commit", errmsg);
out:
    sqlite3_finalize(col);
    sqlite3_finalize(note);
    sqlite3_finalize(card);
    sqlite3_close(db);
    free(conf);
    free(models);
    free(decks);
    free(dconf);
    return e;
}

static enum rb_err
zip_fail(zip_t *za, const char *what, char *errmsg)
{
    snprintf(errmsg, RB_ERRMSG, "cannot write the Anki package (%s): %s", what,
             za ? zip_strerror(za) : "cannot create it");
    return RB_EIO;
}

static enum rb_err
write_apkg(const struct note *v, size_t n, const char *deck, long long now, struct buf *out,
           char *errmsg)
{
    const char *tmp = getenv("TMPDIR");
    char dir[4096], coll[4200], pkg[4200], *data = NULL;
    size_t len = 0;
    zip_t *za = NULL;
    zip_source_t *src;
    int zerr = 0;
    enum rb_err e;

    snprintf(dir, sizeof dir, "%s/rubric-apkg-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        snprintf(errmsg, RB_ERRMSG, "cannot make a temporary folder in %s for the Anki package",
                 tmp && *tmp ? tmp : "/tmp");
        return RB_EIO;
    }
    snprintf(coll, sizeof coll, "%s/collection.anki2", dir);
    snprintf(pkg, sizeof pkg, "%s/deck.apkg", dir);
    if ((e = write_collection(coll, v, n, deck, now, errmsg)))
        goto out;
    if (!(za = zip_open(pkg, ZIP_CREATE | ZIP_TRUNCATE, &zerr))) {
        e = zip_fail(NULL, "open", errmsg);
        goto out;
    }
    if (!(src = zip_source_file(za, coll, 0, -1)) ||
        zip_file_add(za, "collection.anki2", src, ZIP_FL_ENC_UTF_8) < 0) {
        e = zip_fail(za, "collection", errmsg);
        zip_discard(za);
        goto out;
    }
    if (!(src = zip_source_buffer(za, "{}", 2, 0)) ||
        zip_file_add(za, "media", src, ZIP_FL_ENC_UTF_8) < 0) {
        e = zip_fail(za, "media", errmsg);
        zip_discard(za);
        goto out;
    }
    if (zip_close(za) < 0) {
        e = zip_fail(za, "close", errmsg);
        zip_discard(za);
        goto out;
    }
    if ((e = fs_read(pkg, ANKI_EXPORT_MAX, &data, &len, errmsg)))
        goto out;
    if (buf_append(out, data, len)) {
        snprintf(errmsg, RB_ERRMSG, "the deck is larger than %u bytes", ANKI_EXPORT_MAX);
        e = RB_ETOOBIG;
    }
out:
    free(data);
    unlink(coll);
    unlink(pkg);
    rmdir(dir);
    return e;
}

enum rb_err
anki_export(struct store *s, const struct practice_scope *sc, const char *deck,
            enum anki_format format, long long now, struct buf *out, char *errmsg)
{
    struct note *v = NULL;
    size_t n = 0;
    enum rb_err e = collect(s, sc, &v, &n, errmsg);
    if (!e)
        e = format == ANKI_APKG ? write_apkg(v, n, deck, now, out, errmsg)
                                : write_csv(v, n, deck, out, errmsg);
    for (size_t i = 0; i < n; i++)
        note_cleanup(&v[i]);
    free(v);
    return e;
}
