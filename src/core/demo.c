/* SPDX-License-Identifier: MIT */
/* The demo world (core/demo.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/application.h"
#include "core/auth.h"
#include "core/bank.h"
#include "core/demo.h"
#include "core/interview.h"
#include "core/practice.h"
#include "core/role.h"
#include "core/scorecard.h"
#include "util/buf.h"
#include "util/crypto.h"
#include "util/diag.h"
#include "util/mem.h"

static const char *const firsts[] = {"Amara", "Bruno", "Chiara", "Dawit", "Elif", "Farid", "Greta",
                                     "Hiro",  "Ines",  "Jonas",  "Kaveh", "Lena", "Mateo", "Nadia",
                                     "Oskar", "Priya", "Quinn",  "Rosa",  "Sami", "Tereza"};
static const char *const lasts[] = {"Abara",    "Brandvik", "Castellan", "Dunmore",  "Eskelund",
                                    "Fairlow",  "Gorvath",  "Halloway",  "Ibsenko",  "Jurmala",
                                    "Kestrel",  "Lindqvar", "Morrowby",  "Nakamori", "Ostberg",
                                    "Pellucci", "Quarry",   "Rautenko",  "Sundvall", "Tamsworth"};

struct demo_opening {
    const char *title, *role, *location, *remote, *description;
    const char *const skills[4];
};

static const struct demo_opening openings[DEMO_OPENINGS] = {
    {"Senior Backend Engineer (Payments)",
     "backend-developer-senior",
     "Lisbon",
     "hybrid",
     "We build the services that move money for small shops.\n\n## Requirements\n- 5+ years "
     "building backend services in Go or Java\n- PostgreSQL\n- Kafka\n\n## Nice to have\n- "
     "Kubernetes\n- Terraform\n",
     {"Go", "PostgreSQL", "Kafka", "Kubernetes"}},
    {"Backend Developer (Platform)",
     "backend-developer-mid",
     "Utrecht",
     "remote",
     "Our platform team runs the APIs every product team builds on.\n\n## Requirements\n- 3+ "
     "years with Python\n- Docker\n- Redis\n\n## Nice to have\n- AWS\n",
     {"Python", "Docker", "Redis", "AWS"}},
    {"Junior Backend Developer",
     "backend-developer-junior",
     "Tallinn",
     "onsite",
     "Learn to build and run web services with a patient team.\n\n## Requirements\n- Java\n- "
     "SQL\n\n## Nice to have\n- Git\n",
     {"Java", "MySQL", "Git", "Linux"}},
};

/* The stages a candidate is walked through to reach the stage at index target of the
 * default list (applied, screened, interviewing, offer, hired, rejected, withdrawn). */
static size_t
path_to(size_t target, const char **path)
{
    static const char *const forward[] = {"screened", "interviewing", "offer", "hired"};
    size_t n = 0;
    if (target >= 1 && target <= 4) {
        for (size_t i = 0; i < target; i++)
            path[n++] = forward[i];
    } else if (target == 5) {
        path[n++] = "screened";
        path[n++] = "rejected";
    } else if (target == 6) {
        path[n++] = "withdrawn";
    }
    return n;
}

/* A resume for person i in format i % 4 (text, Markdown, HTML, JSON Resume) into b, with
 * *name the file's name. */
static void
resume_write(struct buf *b, size_t i, const char *first, const char *last,
             const struct demo_opening *o, char *name, size_t size)
{
    static const char *const exts[] = {"txt", "md", "html", "json"};
    const char *ext = exts[i % 4];
    int start = 2012 + (int)(i % 9), mid = start + 3;
    char email[96];

    snprintf(email, sizeof email, "%s.%s@example.org", first, last);
    for (char *p = email; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    snprintf(name, size, "%s-%s.%s", first, last, ext);
    for (char *p = name; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    buf_reset(b);
    switch (i % 4) {
    case 0:
        buf_printf(b,
                   "%s %s\n%s\n\nEXPERIENCE\n\nBackend Engineer, Northwind Labs\nJan %d - "
                   "Present\n- Built services in %s on %s\n\nSoftware Developer, Bluebell "
                   "Systems\nMar %d - Dec %d\n- Worked with %s and %s\n\nSKILLS\n%s, %s, %s, %s\n",
                   first, last, email, mid, o->skills[0], o->skills[1], start, mid - 1,
                   o->skills[2], o->skills[3], o->skills[0], o->skills[1], o->skills[2],
                   o->skills[3]);
        break;
    case 1:
        buf_printf(b,
                   "# %s %s\n\n%s\n\n## Experience\n\n### Backend Developer, Harbour Freight "
                   "Tech\nFeb %d - Present\n\n- %s APIs backed by %s\n\n## Skills\n\n%s, %s, "
                   "%s\n",
                   first, last, email, start, o->skills[0], o->skills[1], o->skills[0],
                   o->skills[1], i % 3 ? o->skills[2] : "Excel");
        break;
    case 2:
        buf_printf(b,
                   "<html><body><h1>%s %s</h1><p>%s</p><h2>Experience</h2><p>Software "
                   "Engineer, Maple Grid</p><p>Jun %d - Present</p><ul><li>%s and %s in "
                   "production</li></ul><h2>Skills</h2><p>%s, %s, %s</p></body></html>\n",
                   first, last, email, start, o->skills[0], o->skills[3], o->skills[0],
                   o->skills[2], o->skills[3]);
        break;
    default:
        buf_printf(b,
                   "{\"basics\": {\"name\": \"%s %s\", \"email\": \"%s\"}, \"work\": "
                   "[{\"name\": \"Copperleaf\", \"position\": \"Backend Engineer\", "
                   "\"startDate\": \"%d-04-01\", \"summary\": \"Services in %s with %s\"}], "
                   "\"skills\": [{\"name\": \"Backend\", \"keywords\": [\"%s\", \"%s\", "
                   "\"%s\"]}]}\n",
                   first, last, email, start, o->skills[0], o->skills[1], o->skills[0],
                   o->skills[1], o->skills[3]);
        break;
    }
}

/* Interviewer i's scorecard for interview iv: the first is pleased (3s and 4s), the second
 * is not (1s and 2s) on every other loop, so that debriefs show disagreements. */
static enum rb_err
score(struct store *s, long long iv, const struct user *who, size_t i, size_t loop, char *errmsg)
{
    struct role role;
    bool has_role;
    json_t *ivj = NULL, *doc = NULL, *r;
    bool low = i == 1 && loop % 2 == 0;
    long long id;
    size_t k;
    enum rb_err e = scorecard_context(s, iv, &ivj, &role, &has_role, errmsg);

    if (e)
        goto out;
    doc = scorecard_template(ivj, has_role ? &role : NULL);
    json_array_foreach(json_object_get(doc, "ratings"), k, r)
    {
        json_object_set_new(r, "rating", json_integer(low ? 1 + (int)(k % 2) : 3 + (int)(k % 2)));
    }
    json_object_set_new(doc, "recommendation", json_string(low ? "no" : "yes"));
    json_object_set_new(doc, "notes",
                        json_string(low ? "Struggled to reason about failure "
                                          "modes; I would not hire yet."
                                        : "Clear about trade-offs; would "
                                          "hire."));
    e = scorecard_submit(s, iv, who, doc, &id, errmsg);
out:
    json_decref(doc);
    json_decref(ivj);
    role_cleanup(&role);
    return e;
}

/* A candidate account with a fortnight of practice behind it: a few questions a day for a
 * backend role, rated as someone improving would rate them. *answers counts them. */
static enum rb_err
practice_history(struct store *s, time_t now, size_t *answers, char *errmsg)
{
    struct practice_scope sc;
    char pw[CRYPTO_TOKEN_MAX];
    long long account;
    enum rb_err e;

    crypto_token("", pw); /* not shown: an admin sets one to sign in as them */
    if ((e = auth_user_add(s, "quinn.candidate@example.org", "Quinn Candidate", USER_CANDIDATE, pw,
                           strlen(pw), &account, errmsg)))
        return e;
    if ((e = practice_scope_init(&sc, s, "backend-developer-mid", 0, -1, errmsg)))
        return e;
    for (int day = 14; day >= 1 && !e; day--) {
        struct practice_clock clk;
        practice_clock_at(&clk, now - (time_t)day * 86400);
        for (int k = 0; k < 3 && !e; k++) {
            struct practice_next n;
            struct practice_result r;
            /* early on mostly "hard", later mostly "good" and "easy" */
            int rating = day > 9 ? 2 + (k == 0) : day > 4 ? 3 : 3 + (k != 1);
            if ((e = practice_next(s, account, &sc, &clk, &n, errmsg))) {
                if (e == RB_ENOTFOUND)
                    e = RB_OK; /* nothing due or new that day */
                break;
            }
            e = practice_rate(s, account, &n.q, rating, NULL, 90 + 30 * k, &clk, &r, errmsg);
            practice_next_cleanup(&n);
            if (!e)
                (*answers)++;
        }
    }
    practice_scope_cleanup(&sc);
    return e;
}

/* The built-in bank and roles, when the store has none (as `rubric serve` loads them). */
static enum rb_err
builtins(struct store *s, char *errmsg)
{
    struct bank_stats st;
    struct role_set roles;
    enum rb_err e;

    if ((e = store_bank_stats(s, &st, errmsg)))
        return e;
    if (!st.questions && !st.retired) {
        struct bank b;
        struct diags d;
        struct load_result r;
        bank_init(&b);
        diags_init(&d, 0);
        bank_read_builtin(&b, &d);
        e = store_bank_load(s, &b, &r, errmsg);
        bank_cleanup(&b);
        diags_cleanup(&d);
    }
    bank_stats_cleanup(&st);
    if (e)
        return e;
    role_set_init(&roles);
    if (!(e = store_role_list(s, &roles, errmsg)) && !roles.n) {
        struct role_set builtin;
        struct diags d;
        role_set_init(&builtin);
        diags_init(&d, 0);
        role_read_builtin(&builtin, &d);
        e = store_roles_save(s, builtin.v, builtin.n, "built-in", errmsg);
        role_set_cleanup(&builtin);
        diags_cleanup(&d);
    }
    role_set_cleanup(&roles);
    return e;
}

enum rb_err
demo_fill(struct store *s, const struct opening_reader *rd, struct demo_counts *out, char *errmsg)
{
    long long ids[DEMO_OPENINGS] = {0}, panel_ids[2] = {0};
    struct user panel[2] = {0};
    json_t *items = NULL;
    size_t total = 0, cands = 0;
    struct buf b;
    enum rb_err e;

    memset(out, 0, sizeof *out);
    buf_init(&b, (size_t)64 * 1024);
    if ((e = store_opening_list(s, NULL, 1, 0, &items, &total, errmsg)))
        goto out;
    json_decref(items);
    items = NULL;
    if ((e = store_candidate_search(s, NULL, NULL, NULL, 1, 0, &items, &cands, errmsg)))
        goto out;
    if (total || cands) {
        snprintf(errmsg, RB_ERRMSG,
                 "the store holds %zu openings and %zu candidates already: rubric demo fills an "
                 "empty store only (give it another one with --db sqlite:demo.db)",
                 total, cands);
        e = RB_ECONFLICT;
        goto out;
    }
    if ((e = builtins(s, errmsg)))
        goto out;
    for (size_t i = 0; i < 2; i++) {
        static const char *const emails[] = {"ines.interviewer@example.org",
                                             "oskar.interviewer@example.org"};
        static const char *const names[] = {"Ines Interviewer", "Oskar Interviewer"};
        char pw[CRYPTO_TOKEN_MAX];
        crypto_token("", pw); /* not shown: an admin sets one to sign in as them */
        if ((e = auth_user_add(s, emails[i], names[i], USER_INTERVIEWER, pw, strlen(pw),
                               &panel[i].id, errmsg)))
            goto out;
        panel[i].email = xstrdup(emails[i]);
        panel[i].role = USER_INTERVIEWER;
        panel_ids[i] = panel[i].id;
    }
    for (size_t i = 0; i < DEMO_OPENINGS; i++) {
        const struct demo_opening *o = &openings[i];
        json_t *in =
            json_pack("{s:s, s:s, s:s, s:s, s:s, s:{s:i, s:i, s:s}}", "title", o->title, "role",
                      o->role, "location", o->location, "remote", o->remote, "description",
                      o->description, "salary", "min", 40000 + 15000 * (int)(DEMO_OPENINGS - i),
                      "max", 60000 + 20000 * (int)(DEMO_OPENINGS - i), "currency", "EUR");
        e = opening_create(s, in, rd, NULL, &ids[i], errmsg);
        json_decref(in);
        if (e || (e = opening_set_status(s, ids[i], "open", "the demo", NULL, errmsg)))
            goto out;
        out->openings++;
    }
    if ((e = practice_history(s, time(NULL), &out->practice, errmsg)))
        goto out;
    for (size_t i = 0; i < DEMO_CANDIDATES; i++) {
        const struct demo_opening *o = &openings[i % DEMO_OPENINGS];
        const char *first = firsts[i % 20], *last = lasts[(i * 7 + i / 20) % 20], *path[4];
        struct intake_result kept;
        struct application_filter f = {0};
        json_t *r = NULL, *apps = NULL;
        size_t n, napps = 0;
        long long app;
        char name[96];

        resume_write(&b, i, first, last, o, name, sizeof name);
        if ((e = application_upload(s, name, b.data, b.len, 0, ids[i % DEMO_OPENINGS], NULL, rd,
                                    &kept, errmsg)) ||
            (e = store_resume_row(s, kept.resume, &r, errmsg)))
            goto out;
        f.opening = ids[i % DEMO_OPENINGS];
        f.candidate = json_integer_value(json_object_get(r, "candidate"));
        json_decref(r);
        e = store_application_list(s, &f, 1, 0, &apps, &napps, NULL, errmsg);
        app = json_integer_value(json_object_get(json_array_get(apps, 0), "id"));
        json_decref(apps);
        if (e)
            goto out;
        out->candidates++;
        /* every stage of every opening held: the candidates of an opening take its seven
         * stages in turn, more of them early in the funnel */
        n = path_to((i / DEMO_OPENINGS) % 7, path);
        for (size_t k = 0; k < n; k++) {
            if ((e = application_move(s, app, path[k], k + 1 == n ? "the demo" : NULL, NULL,
                                      errmsg)))
                goto out;
            out->moves++;
            /* a loop for those who reach interviewing: both cards in for those beyond it, one
             * still awaited for those at it */
            if (strcmp(path[k], "interviewing") == 0) {
                struct interview_request rq = {0};
                long long iv;
                bool partial;
                rq.candidate = f.candidate;
                rq.stage = STAGE_TECHNICAL;
                rq.interviewers = panel_ids;
                rq.ninterviewers = 2;
                rq.seed = (uint64_t)i + 1;
                rq.application = app;
                if ((e = interview_create(s, &rq, &iv, &partial, errmsg)))
                    goto out;
                out->interviews++;
                for (size_t p = 0; p < (n > k + 1 ? 2u : 1u); p++) {
                    if ((e = score(s, iv, &panel[p], p, out->interviews, errmsg)))
                        goto out;
                    out->scorecards++;
                }
            }
        }
    }
out:
    free(panel[0].email);
    free(panel[1].email);
    json_decref(items);
    buf_cleanup(&b);
    return e;
}
