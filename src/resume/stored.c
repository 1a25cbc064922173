/* SPDX-License-Identifier: MIT */
/* Parsed resumes read back from their JSON (resume/stored.h). */
#include "resume/stored.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "resume/blind.h"
#include "util/crypto.h"
#include "util/mem.h"
#include "util/text.h"

void
resume_parser_key(const struct skills *taxonomy, char *out, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < taxonomy->n; i++) {
        const struct skill *k = &taxonomy->v[i];
        h ^= text_hash(k->name, strlen(k->name));
        h *= 1099511628211ULL;
        for (size_t a = 0; a < k->naliases; a++) {
            h ^= text_hash(k->aliases[a], strlen(k->aliases[a]));
            h *= 1099511628211ULL;
        }
        h ^= (uint64_t)k->ambiguous;
    }
    snprintf(out, n, "rubric parser r%d taxonomy %016llx", RESUME_PARSER_REVISION,
             (unsigned long long)h);
}

enum rb_err
resume_read(const char *name, const void *data, size_t len, bool blind, struct skillscan *sc,
            struct ym today, struct resume *r, const char **format, char *errmsg)
{
    struct extracted x;
    enum rb_err e = extract_buffer(name, data, len, NULL, &x, errmsg);
    *format = NULL;
    if (e)
        return e;
    *format = doc_format_name(x.format);
    if (blind)
        blind_redact(x.text, x.len);
    e = resume_parse(x.text, x.len, sc, today, r, errmsg);
    extracted_cleanup(&x);
    if (e || !blind)
        return e;
    /* nothing that names or reaches the person is kept */
    free(r->name);
    free(r->email);
    free(r->phone);
    r->name = r->email = r->phone = NULL;
    for (size_t i = 0; i < r->nlinks; i++)
        free(r->links[i]);
    r->nlinks = 0;
    return RB_OK;
}

void
resume_content_hash(const void *data, size_t len, char out[65])
{
    crypto_sha256_hex(data, len, out);
}

/* "YYYY-MM" into *d; false when s is not one. */
static bool
parse_ym(const char *s, struct ym *d)
{
    int y, m, used = 0;
    if (!s || sscanf(s, "%4d-%2d%n", &y, &m, &used) != 2 || s[used] || m < 1 || m > 12)
        return false;
    d->year = y;
    d->month = m;
    return true;
}

static char *
opt_dup(const json_t *o, const char *key)
{
    const char *v = json_string_value(json_object_get(o, key));
    return v ? xstrdup(v) : NULL;
}

static enum rb_err
bad(char *errmsg, const char *field)
{
    snprintf(errmsg, RB_ERRMSG, "stored resume: '%s' is missing or of the wrong type", field);
    return RB_EINVAL;
}

enum rb_err
resume_from_json(const json_t *o, const struct skills *taxonomy, struct ym today,
                 struct resume *out, char *errmsg)
{
    const json_t *skills = json_object_get(o, "skills"),
                 *positions = json_object_get(o, "positions"), *links = json_object_get(o, "links"),
                 *v;
    struct date_range *ranges;
    size_t i;

    memset(out, 0, sizeof *out);
    if (!json_is_object(o))
        return bad(errmsg, "(top)");
    if (!json_is_array(skills))
        return bad(errmsg, "skills");
    if (!json_is_array(positions))
        return bad(errmsg, "positions");
    out->name = opt_dup(o, "name");
    out->name_confidence = json_number_value(json_object_get(o, "name_confidence"));
    out->email = opt_dup(o, "email");
    out->phone = opt_dup(o, "phone");
    if (json_is_array(links)) {
        out->links = xcalloc(json_array_size(links) + 1, sizeof *out->links);
        json_array_foreach(links, i, v)
        {
            if (json_is_string(v))
                out->links[out->nlinks++] = xstrdup(json_string_value(v));
        }
    }
    out->skills = xcalloc(json_array_size(skills) + 1, sizeof *out->skills);
    json_array_foreach(skills, i, v)
    {
        const char *name = json_string_value(json_object_get(v, "skill"));
        const struct skill *k = name ? skills_find(taxonomy, name) : NULL;
        json_int_t mentions = json_integer_value(json_object_get(v, "mentions"));
        if (!k)
            continue; /* the taxonomy no longer has it: the parser key changed anyway */
        out->skills[out->nskills].skill = (size_t)(k - taxonomy->v);
        out->skills[out->nskills].mentions = mentions > 0 ? (unsigned)mentions : 1;
        out->skills[out->nskills].last_used =
            (int)json_integer_value(json_object_get(v, "last_used"));
        {
            size_t p;
            json_t *at;
            json_array_foreach(json_object_get(v, "positions"), p, at)
            {
                json_int_t pos = json_integer_value(at);
                if (pos >= 0 && pos < 64)
                    out->skills[out->nskills].positions |= (uint64_t)1 << pos;
            }
        }
        out->nskills++;
    }
    out->positions = xcalloc(json_array_size(positions) + 1, sizeof *out->positions);
    ranges = xcalloc(json_array_size(positions) + 1, sizeof *ranges);
    json_array_foreach(positions, i, v)
    {
        struct position *p = &out->positions[out->npositions];
        const json_t *end = json_object_get(v, "end");
        if (!parse_ym(json_string_value(json_object_get(v, "start")), &p->range.start) ||
            (!json_is_null(end) && !parse_ym(json_string_value(end), &p->range.end))) {
            free(ranges);
            resume_cleanup(out);
            return bad(errmsg, "positions[].start/end");
        }
        p->range.present = json_is_null(end);
        p->title = opt_dup(v, "title");
        p->company = opt_dup(v, "company");
        p->confidence = json_number_value(json_object_get(v, "confidence"));
        ranges[out->npositions++] = p->range;
    }
    out->experience_months = dates_union_months(ranges, out->npositions, today);
    free(ranges);
    return RB_OK;
}
