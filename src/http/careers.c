/* SPDX-License-Identifier: MIT */
/*
 * The careers page: server-rendered HTML for people who apply, served without sign-in. The
 * open openings, each with its description (Markdown rendered by cmark with raw HTML off),
 * schema.org JobPosting data for search engines, and an application form that works with
 * no script at all: it posts to POST /api/v1/openings/{id}/applications/public, which
 * answers a browser with this page again (each error next to its field) or a redirect to
 * it with a confirmation. Every piece of stored text is escaped; the pages' CSP allows
 * their own stylesheet and nothing else (no script, no other host).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/application.h"
#include "core/fairness.h"
#include "core/md.h"
#include "core/opening.h"
#include "core/selfid.h"
#include "core/settings.h"
#include "http/http.h"
#include "http/jobs.h"
#include "report/fairness_render.h"
#include "util/buf.h"
#include "util/crypto.h"
#include "util/jsonv.h"
#include "util/mem.h"

#define CAREERS_CSP                                                                                \
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "                   \
    "base-uri 'none'; frame-ancestors 'none'"
/* applications accepted per client address per hour */
#define APPLY_PER_HOUR 5

static const char STYLE[] =
    ":root{--fg:#1b1f24;--muted:#4b5563;--bg:#fff;--accent:#0b5cad;--err:#b42318;"
    "--line:#d0d7de}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;font:1rem/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:var(--fg);"
    "background:var(--bg)}\n"
    "main{max-width:44rem;margin:0 auto;padding:1rem}\n"
    "h1{font-size:1.6rem;line-height:1.25}h2{font-size:1.25rem}\n"
    "a{color:var(--accent)}a:focus,input:focus,button:focus{outline:3px solid var(--accent);"
    "outline-offset:2px}\n"
    ".meta{color:var(--muted);margin:.25rem 0 1rem}\n"
    "ul.jobs{list-style:none;padding:0}ul.jobs li{border-bottom:1px solid var(--line);"
    "padding:.75rem 0}\n"
    "form{border-top:1px solid var(--line);margin-top:2rem;padding-top:1rem}\n"
    ".field{margin:0 0 1rem}label{display:block;font-weight:600}\n"
    "input[type=text],input[type=email],input[type=tel],input[type=file]{width:100%;"
    "max-width:100%;padding:.5rem;border:1px solid var(--muted);border-radius:4px;font:inherit}\n"
    ".check label{display:inline;font-weight:400}.check input{width:1.25rem;height:1.25rem;"
    "vertical-align:middle;margin-right:.5rem}\n"
    ".error{color:var(--err);font-weight:600;margin:.25rem 0 0}\n"
    ".hint{color:var(--muted);font-size:.9rem;margin:.25rem 0 0}\n"
    ".notice{border-left:4px solid var(--accent);padding:.5rem 1rem;background:#eef5fc}\n"
    ".hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}\n"
    "button{font:inherit;padding:.6rem 1.2rem;border:0;border-radius:4px;"
    "background:var(--accent);color:#fff;cursor:pointer}\n"
    "@media (prefers-reduced-motion:reduce){*{transition:none!important}}\n";

void
careers_style(struct http_req *req, struct http_res *res)
{
    (void)req;
    buf_puts(&res->body, STYLE);
    res->content_type = "text/css; charset=utf-8";
    res->csp = CAREERS_CSP;
}

/* Text as HTML (for element content and attribute values in double quotes). */
static void
esc(struct buf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&':
            buf_puts(b, "&amp;");
            break;
        case '<':
            buf_puts(b, "&lt;");
            break;
        case '>':
            buf_puts(b, "&gt;");
            break;
        case '"':
            buf_puts(b, "&quot;");
            break;
        case '\'':
            buf_puts(b, "&#39;");
            break;
        default:
            buf_putc(b, *s);
        }
    }
}

static void
head(struct buf *b, const char *title)
{
    buf_puts(b, "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                "<title>");
    esc(b, title);
    buf_puts(b, "</title>\n<link rel=\"stylesheet\" href=\"/careers/style.css\">\n");
}

static void
page(struct http_res *res, int status)
{
    res->status = status;
    res->content_type = "text/html; charset=utf-8";
    res->csp = CAREERS_CSP;
}

static void
not_found(struct http_res *res)
{
    buf_reset(&res->body);
    head(&res->body, "Not found");
    buf_puts(&res->body, "</head>\n<body>\n<main>\n<h1>This job is not open</h1>\n"
                         "<p>It may have been filled or closed. <a href=\"/careers\">See the "
                         "open jobs</a>.</p>\n</main>\n</body>\n</html>\n");
    page(res, 404);
}

static void
meta_line(struct buf *b, const json_t *o)
{
    const char *loc = json_string_value(json_object_get(o, "location"));
    const char *remote = json_string_value(json_object_get(o, "remote"));
    const json_t *sal = json_object_get(o, "salary");
    bool any = false;
    buf_puts(b, "<p class=\"meta\">");
    if (loc) {
        esc(b, loc);
        any = true;
    }
    if (remote) {
        buf_puts(b, any ? " · " : "");
        esc(b, strcmp(remote, "remote") == 0   ? "Remote"
               : strcmp(remote, "hybrid") == 0 ? "Hybrid"
                                               : "On site");
        any = true;
    }
    if (json_is_object(sal)) {
        buf_printf(b, "%s%lld–%lld ", any ? " · " : "",
                   (long long)json_integer_value(json_object_get(sal, "min")),
                   (long long)json_integer_value(json_object_get(sal, "max")));
        esc(b, json_string_value(json_object_get(sal, "currency")));
        buf_puts(b, " a year");
    }
    buf_puts(b, "</p>\n");
}

void
careers_index(struct http_req *req, struct http_res *res)
{
    json_t *items = NULL, *v;
    size_t total = 0, i;
    char msg[RB_ERRMSG];
    struct buf *b = &res->body;
    enum rb_err e = store_opening_list(req->store, "open", 500, 0, &items, &total, msg);
    if (e) {
        json_decref(items);
        http_problem(res, e, msg, NULL);
        return;
    }
    head(b, "Open jobs");
    buf_puts(b, "</head>\n<body>\n<main>\n<h1>Open jobs</h1>\n");
    if (!json_array_size(items))
        buf_puts(b, "<p>No job is open right now.</p>\n");
    else
        buf_puts(b, "<ul class=\"jobs\">\n");
    json_array_foreach(items, i, v)
    {
        buf_printf(b, "<li><h2><a href=\"/careers/%lld\">",
                   (long long)json_integer_value(json_object_get(v, "id")));
        esc(b, json_string_value(json_object_get(v, "title")));
        buf_puts(b, "</a></h2>\n");
        meta_line(b, v);
        buf_puts(b, "</li>\n");
    }
    if (json_array_size(items))
        buf_puts(b, "</ul>\n");
    buf_puts(b, "</main>\n</body>\n</html>\n");
    json_decref(items);
    page(res, 200);
}

/* schema.org JobPosting as JSON-LD; '<' escaped so that no text can end the element. */
static void
json_ld(struct buf *b, const json_t *o)
{
    json_t *ld = json_object(), *sal = json_object_get(o, "salary");
    const char *remote = json_string_value(json_object_get(o, "remote"));
    const char *loc = json_string_value(json_object_get(o, "location"));
    char *html = md_to_html(json_string_value(json_object_get(o, "description")));
    char *s;

    json_object_set_new(ld, "@context", json_string("https://schema.org/"));
    json_object_set_new(ld, "@type", json_string("JobPosting"));
    json_object_set(ld, "title", json_object_get(o, "title"));
    json_object_set_new(ld, "description", json_string(html));
    json_object_set_new(ld, "datePosted",
                        json_stringn(json_string_value(json_object_get(o, "updated_at")), 10));
    json_object_set_new(ld, "employmentType", json_string("FULL_TIME"));
    json_object_set_new(ld, "identifier",
                        json_pack("{s:s, s:I}", "@type", "PropertyValue", "value",
                                  (json_int_t)json_integer_value(json_object_get(o, "id"))));
    if (loc)
        json_object_set_new(ld, "jobLocation",
                            json_pack("{s:s, s:{s:s, s:s}}", "@type", "Place", "address", "@type",
                                      "PostalAddress", "addressLocality", loc));
    if (remote && strcmp(remote, "remote") == 0)
        json_object_set_new(ld, "jobLocationType", json_string("TELECOMMUTE"));
    if (json_is_object(sal))
        json_object_set_new(ld, "baseSalary",
                            json_pack("{s:s, s:O, s:{s:s, s:O, s:O, s:s}}", "@type",
                                      "MonetaryAmount", "currency",
                                      json_object_get(sal, "currency"), "value", "@type",
                                      "QuantitativeValue", "minValue", json_object_get(sal, "min"),
                                      "maxValue", json_object_get(sal, "max"), "unitText", "YEAR"));
    s = json_dumps(ld, JSON_COMPACT | JSON_OUT_REAL | JSON_PRESERVE_ORDER);
    buf_puts(b, "<script type=\"application/ld+json\">");
    for (const char *p = s; p && *p; p++) {
        if (*p == '<')
            buf_puts(b, "\\u003c");
        else
            buf_putc(b, *p);
    }
    buf_puts(b, "</script>\n");
    free(s);
    free(html);
    json_decref(ld);
}

/* What the form shows again after a refusal: the values given and each field's error. */
struct form_state {
    const char *name, *email, *phone;
    bool consent;
    const struct apply_errors *errors;
    const char *banner;            /* a message above the form (an error, or a confirmation) */
    bool ok;                       /* the banner confirms */
    const struct apply_form *form; /* the answers given to the opening's questions */
};

/* A form field's value, for core's apply_form. */
static const char *
form_field(void *ctx, const char *name)
{
    return http_form(ctx, name);
}

/* The file sent as form field name (the first), for core's apply_form. */
static bool
form_file(void *ctx, const char *name, const char **filename, const void **data, size_t *len)
{
    const struct http_req *req = ctx;
    for (size_t i = 0; i < req->nfiles; i++) {
        if (strcmp(req->files[i].field, name) == 0) {
            *filename = req->files[i].name;
            *data = req->files[i].data.data ? (const void *)req->files[i].data.data : "";
            *len = req->files[i].data.len;
            return true;
        }
    }
    return false;
}

/* The opening's own questions, each with its label, the answer given and its error: text
 * in an input, a choice as radio buttons in a fieldset, a file in a file input. */
static void
questions(struct buf *b, const json_t *o, const struct form_state *fs)
{
    const struct apply_errors *er = fs ? fs->errors : NULL;
    json_t *q, *c;
    size_t i, j;

    json_array_foreach(json_object_get(o, "questions"), i, q)
    {
        const char *id = json_string_value(json_object_get(q, "id"));
        const char *kind = json_string_value(json_object_get(q, "kind"));
        const char *error =
            er && i < OPENING_QUESTIONS_MAX && *er->questions[i] ? er->questions[i] : NULL;
        bool required = json_is_true(json_object_get(q, "required"));
        char name[40];
        const char *value;

        snprintf(name, sizeof name, "q-%s", id);
        value = fs && fs->form && fs->form->field ? fs->form->field(fs->form->ctx, name) : NULL;
        if (strcmp(kind, "choice") == 0) {
            if (error)
                buf_printf(b, "<fieldset class=\"field\" aria-describedby=\"%s-note\">\n<legend>",
                           name);
            else
                buf_puts(b, "<fieldset class=\"field\">\n<legend>");
            esc(b, json_string_value(json_object_get(q, "label")));
            buf_printf(b, "%s</legend>\n", required ? "" : " (optional)");
            json_array_foreach(json_object_get(q, "choices"), j, c)
            {
                buf_printf(b,
                           "<div class=\"check\"><input type=\"radio\" id=\"%s-%zu\" name=\"%s\"",
                           name, j, name);
                buf_puts(b, " value=\"");
                esc(b, json_string_value(c));
                buf_printf(b, "\"%s%s><label for=\"%s-%zu\">",
                           value && strcmp(value, json_string_value(c)) == 0 ? " checked" : "",
                           required && j == 0 ? " required" : "", name, j);
                esc(b, json_string_value(c));
                buf_puts(b, "</label></div>\n");
            }
        } else {
            buf_printf(b, "<div class=\"field\">\n<label for=\"%s\">", name);
            esc(b, json_string_value(json_object_get(q, "label")));
            buf_printf(b, "%s</label>\n", required ? "" : " (optional)");
            if (strcmp(kind, "file") == 0) {
                buf_printf(b, "<input type=\"file\" id=\"%s\" name=\"%s\"", name, name);
            } else {
                buf_printf(b, "<textarea id=\"%s\" name=\"%s\" rows=\"4\" maxlength=\"%d\"", name,
                           name, APPLY_ANSWER_MAX);
            }
            if (required)
                buf_puts(b, " required");
            if (error)
                buf_printf(b, " aria-describedby=\"%s-note\" aria-invalid=\"true\"", name);
            buf_puts(b, ">");
            if (strcmp(kind, "file") != 0) {
                if (value)
                    esc(b, value);
                buf_puts(b, "</textarea>");
            }
            buf_puts(b, "\n");
        }
        if (error) {
            buf_printf(b, "<p class=\"error\" id=\"%s-note\">", name);
            esc(b, error);
            buf_puts(b, "</p>\n");
        }
        buf_puts(b, strcmp(kind, "choice") == 0 ? "</fieldset>\n" : "</div>\n");
    }
}

static void
field(struct buf *b, const char *id, const char *label, const char *type, const char *value,
      const char *auto_complete, const char *error, const char *hint)
{
    buf_printf(b, "<div class=\"field\">\n<label for=\"%s\">%s</label>\n", id, label);
    buf_printf(b, "<input type=\"%s\" id=\"%s\" name=\"%s\"", type, id, id);
    if (auto_complete)
        buf_printf(b, " autocomplete=\"%s\"", auto_complete);
    if (strcmp(type, "file") == 0)
        buf_puts(b, " accept=\".pdf,.docx,.html,.htm,.md,.txt,.json\"");
    else if (value) {
        buf_puts(b, " value=\"");
        esc(b, value);
        buf_puts(b, "\"");
    }
    if (strcmp(id, "phone") != 0)
        buf_puts(b, " required");
    if (hint || (error && *error))
        buf_printf(b, " aria-describedby=\"%s-note\"", id);
    if (error && *error)
        buf_puts(b, " aria-invalid=\"true\"");
    buf_puts(b, ">\n");
    if (error && *error) {
        buf_printf(b, "<p class=\"error\" id=\"%s-note\">", id);
        esc(b, error);
        buf_puts(b, "</p>\n");
    } else if (hint) {
        buf_printf(b, "<p class=\"hint\" id=\"%s-note\">%s</p>\n", id, hint);
    }
    buf_puts(b, "</div>\n");
}

/* A category's name or answer as people read it: underscores as spaces, first letter up. */
static void
label_text(struct buf *b, const char *name)
{
    for (size_t i = 0; name[i]; i++)
        buf_putc(b, name[i] == '_'                               ? ' '
                    : i == 0 && name[i] >= 'a' && name[i] <= 'z' ? (char)(name[i] - 'a' + 'A')
                                                                 : name[i]);
}

/* The voluntary self-identification part of the form: one choice per category, none
 * chosen unless the applicant picks one (core/selfid.h). */
static void
selfid_fieldset(const struct http_req *req, struct buf *b)
{
    struct selfid_config c;
    char msg[RB_ERRMSG];
    if (selfid_config_parse(req->cfg->self_id_categories, &c, msg))
        return;
    buf_puts(b, "<fieldset class=\"field\" aria-describedby=\"selfid-note\">\n<legend>Voluntary "
                "self-identification</legend>\n<p class=\"hint\" id=\"selfid-note\">Optional. "
                "Your answers are kept apart from your application: the people who consider it "
                "never see them. They are only counted in large groups, to check that hiring "
                "treats groups alike. <a href=\"/careers/notice\">More about this</a>.</p>\n");
    for (size_t i = 0; i < c.n; i++) {
        buf_printf(b, "<label for=\"self_id.%s\">", c.cats[i].name);
        label_text(b, c.cats[i].name);
        buf_printf(b,
                   "</label>\n<select id=\"self_id.%s\" name=\"self_id.%s\">\n"
                   "<option value=\"\" selected>(no answer)</option>\n",
                   c.cats[i].name, c.cats[i].name);
        for (size_t j = 0; j < c.cats[i].nanswers; j++) {
            buf_printf(b, "<option value=\"%s\">", c.cats[i].answers[j]);
            label_text(b, c.cats[i].answers[j]);
            buf_puts(b, "</option>\n");
        }
        buf_puts(b, "</select>\n");
    }
    buf_puts(b, "</fieldset>\n");
}

/* The self-identification fields of a careers form (self_id.CATEGORY, empty: no answer)
 * as a new object; NULL with a problem set when one is not offered. */
static json_t *
selfid_answers(struct http_req *req, struct http_res *res, struct selfid_config *c)
{
    json_t *a = json_object();
    char msg[RB_ERRMSG];
    if (selfid_config_parse(req->cfg->self_id_categories, c, msg)) {
        http_problem(res, RB_EINTERNAL, msg, NULL);
        json_decref(a);
        return NULL;
    }
    for (size_t i = 0; i < c->n; i++) {
        char name[SELFID_NAME_MAX + 16];
        const char *v;
        snprintf(name, sizeof name, "self_id.%s", c->cats[i].name);
        if ((v = http_form(req, name)) && *v)
            json_object_set_new(a, c->cats[i].name, json_string(v));
    }
    if (selfid_check(c, a, msg)) {
        http_problem(res, RB_EINVAL, msg, "self_id");
        json_decref(a);
        return NULL;
    }
    return a;
}

void
careers_notice(struct http_req *req, struct http_res *res)
{
    (void)req;
    head(&res->body, "How your application is considered");
    buf_puts(&res->body, "</head>\n<body>\n<main>\n<p><a href=\"/careers\">All open "
                         "jobs</a></p>\n");
    fairness_notice_html(&res->body, NULL);
    buf_puts(&res->body, "</main>\n</body>\n</html>\n");
    page(res, 200);
}

static void
render_opening(struct http_req *req, struct http_res *res, const json_t *o,
               const struct form_state *fs, int status)
{
    struct buf *b = &res->body;
    long long id = json_integer_value(json_object_get(o, "id"));
    char *html = md_to_html(json_string_value(json_object_get(o, "description")));
    const struct apply_errors *er = fs ? fs->errors : NULL;
    unsigned days = req->cfg->retention_days;

    buf_reset(b);
    head(b, json_string_value(json_object_get(o, "title")));
    json_ld(b, o);
    buf_puts(b, "</head>\n<body>\n<main>\n<p><a href=\"/careers\">All open jobs</a></p>\n<h1>");
    esc(b, json_string_value(json_object_get(o, "title")));
    buf_puts(b, "</h1>\n");
    meta_line(b, o);
    buf_puts(b, "<div class=\"description\">\n");
    buf_puts(b, html); /* cmark's HTML, with raw HTML and unsafe links dropped */
    buf_puts(b, "</div>\n");
    free(html);
    buf_printf(b,
               "<form method=\"post\" action=\"/api/v1/openings/%lld/applications/public\" "
               "enctype=\"multipart/form-data\" novalidate>\n<h2 id=\"apply\">Apply</h2>\n",
               id);
    if (fs && fs->banner) {
        buf_printf(b, "<p class=\"%s\" role=\"%s\" tabindex=\"-1\" id=\"result\">",
                   fs->ok ? "notice" : "error", fs->ok ? "status" : "alert");
        esc(b, fs->banner);
        buf_puts(b, "</p>\n");
    }
    field(b, "name", "Your name", "text", fs ? fs->name : NULL, "name", er ? er->name : NULL, NULL);
    field(b, "email", "Email", "email", fs ? fs->email : NULL, "email", er ? er->email : NULL,
          NULL);
    field(b, "phone", "Phone (optional)", "tel", fs ? fs->phone : NULL, "tel", NULL, NULL);
    field(b, "resume", "Resume", "file", NULL, NULL, er ? er->resume : NULL,
          "PDF, DOCX, HTML, Markdown, text or JSON Resume.");
    questions(b, o, fs);
    /* people do not see or fill this field; form-filling robots do */
    buf_puts(b, "<div class=\"hp\" aria-hidden=\"true\"><label for=\"website\">Leave this "
                "empty</label><input type=\"text\" id=\"website\" name=\"website\" "
                "tabindex=\"-1\" autocomplete=\"off\"></div>\n");
    buf_puts(b, "<div class=\"field check\">\n<p id=\"privacy\">We use what you send only to "
                "consider you for this job and jobs like it. ");
    if (days)
        buf_printf(b,
                   "We keep it until the hiring process ends and then %u days more, after "
                   "which it is erased. ",
                   days);
    else
        buf_puts(b, "We keep it until you ask us to erase it. ");
    buf_puts(b, "You may ask for a copy of it, or for its erasure, at any time. <a "
                "href=\"/careers/notice\">How applications are considered</a>.</p>\n");
    buf_printf(b,
               "<input type=\"checkbox\" id=\"consent\" name=\"consent\" value=\"yes\" required "
               "aria-describedby=\"privacy%s\"%s%s><label for=\"consent\">I agree to the "
               "processing of my data as described above.</label>\n",
               er && *er->consent ? " consent-note" : "", fs && fs->consent ? " checked" : "",
               er && *er->consent ? " aria-invalid=\"true\"" : "");
    if (er && *er->consent) {
        buf_puts(b, "<p class=\"error\" id=\"consent-note\">");
        esc(b, er->consent);
        buf_puts(b, "</p>\n");
    }
    buf_puts(b, "</div>\n");
    selfid_fieldset(req, b);
    buf_puts(b, "<button type=\"submit\">Send application</button>\n</form>\n"
                "</main>\n</body>\n</html>\n");
    page(res, status);
}

/* The opening when it is open, else NULL (a 404 page set). */
static json_t *
open_opening(struct http_req *req, struct http_res *res, long long id)
{
    json_t *o = NULL;
    char msg[RB_ERRMSG];
    enum rb_err e = store_opening_get(req->store, id, &o, msg);
    if (e == RB_ENOTFOUND ||
        (!e && strcmp(json_string_value(json_object_get(o, "status")), "open") != 0)) {
        json_decref(o);
        not_found(res);
        return NULL;
    }
    if (e) {
        http_problem(res, e, msg, NULL);
        return NULL;
    }
    return o;
}

void
careers_opening(struct http_req *req, struct http_res *res)
{
    char *end;
    long long id = strtoll(req->params[0], &end, 10);
    json_t *o;
    struct form_state fs = {0};
    const char *applied = http_query(req, "applied");

    if (*end || id < 1) {
        not_found(res);
        return;
    }
    if (!(o = open_opening(req, res, id)))
        return;
    if (applied && strcmp(applied, "1") == 0) {
        fs.banner = "Thank you: your application is in. We will write to you at the address you "
                    "gave.";
        fs.ok = true;
    }
    render_opening(req, res, o, applied ? &fs : NULL, 200);
    json_decref(o);
}

/* Records the answers of the careers form for application app's candidate. The
 * application is in by now: a failure here loses the answers only, and is logged (ids
 * only). */
static void
keep_selfid(struct http_req *req, const struct selfid_config *sc, long long app, json_t *answers)
{
    json_t *a = NULL;
    char msg[RB_ERRMSG];
    enum rb_err e = store_application_get(req->store, app, &a, msg);
    if (!e)
        e = selfid_write(req->store, sc,
                         (long long)json_integer_value(json_object_get(a, "candidate")), answers,
                         NULL, SELFID_BY_CAREERS, NULL, msg);
    if (e)
        fprintf(stderr, "rubric: careers: self-identification of application %lld not kept: %s\n",
                app, msg);
    json_decref(a);
}

/* Whether the client asks for HTML before JSON (a browser's form post does). */
static bool
wants_html(const struct http_req *req)
{
    const char *accept = http_header(req, "Accept");
    const char *h = accept ? strstr(accept, "text/html") : NULL;
    const char *j = accept ? strstr(accept, "application/json") : NULL;
    return h && (!j || h < j);
}

void
api_apply_public(struct http_req *req, struct http_res *res)
{
    long long id = http_param_id(req, res, 0), app = 0;
    struct apply_form f = {0};
    struct apply_errors fe;
    struct opening_reader rd = {jobs_scanner(), jobs_taxonomy()};
    struct apply_env env = {&rd, APPLY_PER_HOUR};
    struct selfid_config sc;
    char msg[RB_ERRMSG], key[65], loc[96], akey[96];
    bool html = wants_html(req);
    json_t *o = NULL, *answers;
    enum rb_err e;

    if (!id || !(answers = selfid_answers(req, res, &sc)))
        return;
    snprintf(akey, sizeof akey, "apply:%s", req->address);
    crypto_sha256_hex(akey, strlen(akey), key);
    f.name = http_form(req, "name");
    f.email = http_form(req, "email");
    f.phone = http_form(req, "phone");
    f.consent = http_form(req, "consent");
    f.honeypot = http_form(req, "website");
    {
        const void *data;
        size_t len;
        if (form_file(req, "resume", &f.filename, &data, &len)) {
            f.resume = data;
            f.resume_len = len;
        }
    }
    f.field = form_field;
    f.file = form_file;
    f.ctx = req;
    f.address_key = key;
    f.now = req->now;
    e = application_apply(req->store, id, &f, &env, &fe, &app, msg);
    if (e == RB_ERATE)
        res->retry_after = fe.retry_after;
    if (!e && app && json_object_size(answers))
        keep_selfid(req, &sc, app, answers);
    json_decref(answers);
    if (!e) {
        if (html) {
            snprintf(loc, sizeof loc, "/careers/%lld?applied=1#result", id);
            res->location = xstrdup(loc);
            res->status = 303;
            return;
        }
        http_json(res, 201, json_pack("{s:b, s:I}", "received", 1, "opening", (json_int_t)id));
        return;
    }
    if (!html || e == RB_ESTORE || e == RB_EIO) {
        char field_name[48];
        size_t n = strcspn(msg, ":");
        if (e == RB_EINVAL && n < sizeof field_name) {
            memcpy(field_name, msg, n);
            field_name[n] = 0;
            http_problem(res, e, msg, field_name);
        } else {
            http_problem(res, e, msg, NULL);
        }
        return;
    }
    if (e == RB_ENOTFOUND || !(o = open_opening(req, res, id))) {
        not_found(res);
        return;
    }
    {
        struct form_state fs = {f.name, f.email, f.phone, f.consent != NULL, &fe, NULL, false, &f};
        fs.banner = e == RB_ERATE ? "Too many applications were sent from your network in the "
                                    "last hour, so this one was not kept. Please send it again "
                                    "later."
                                  : "Your application was not sent: please correct what is "
                                    "marked below.";
        render_opening(req, res, o, &fs, rb_err_http_status(e));
    }
    json_decref(o);
}
