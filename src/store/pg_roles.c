/* SPDX-License-Identifier: MIT */
/*
 * PostgreSQL: roles, and the kit's picks, saves and readers (as sqlite.c, sqlite_skills.c and
 * sqlite_scorecards.c do for SQLite). The questions a kit being built leaves out are kept with
 * the connection's store (pg_kit_exclude), a JSON array of question ids handed to each pick,
 * where SQLite keeps a temporary table: no catalogue write per kit, and a read replica could
 * build kits too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_int.h"
#include "util/mem.h"

static const char SQL_ROLE_UPSERT[] =
    "INSERT INTO role (slug, title, level, source, body) VALUES ($1, $2, $3, $4, $5) "
    "ON CONFLICT (slug) DO UPDATE SET title = excluded.title, level = excluded.level, "
    "source = excluded.source, body = excluded.body, updated_at = rubric_now() RETURNING id";
static const char SQL_COMP_ID[] = "SELECT id FROM competency WHERE slug = $1";
static const char SQL_RC_CLEAR[] = "DELETE FROM role_competency WHERE role = $1";
static const char SQL_RS_CLEAR[] = "DELETE FROM role_skill WHERE role = $1";
static const char SQL_RC_INSERT[] =
    "INSERT INTO role_competency (role, competency, weight) VALUES ($1, $2, $3)";
static const char SQL_RS_INSERT[] =
    "INSERT INTO role_skill (role, skill, must, weight) VALUES ($1, $2, $3, $4)";
static const char SQL_GEN_BUMP[] = "UPDATE bank_generation SET n = n + 1 WHERE id = 1";
static const char SQL_ROLE_GET[] = "SELECT body FROM role WHERE slug = $1";
static const char SQL_ROLE_LIST[] = "SELECT body FROM role ORDER BY slug COLLATE \"C\"";

/* The questions of the kits saved for candidate $1, left out of a new kit for them. */
static const char SQL_KX_CANDIDATE[] =
    "SELECT DISTINCT q.slug FROM kit k JOIN kit_question kq ON kq.kit = k.id "
    "JOIN question q ON q.id = kq.question WHERE k.candidate = $1";
/* A live question that fits a pick: $1 competency, $2 category, $3 level, $4 the longest,
 * $5 or below, $6 the ids left out (a JSON array). The stack tracks' questions are drawn apart
 * (STACK_PICK), so that they keep to their share of a kit. The order of the nth is the
 * question_pick index's, so it is stable. */
#define KIT_PICK                                                                                   \
    "FROM question q WHERE q.competency = (SELECT id FROM competency WHERE slug = $1) "            \
    "AND q.category = $2 AND q.level_min <= $3::integer "                                          \
    "AND (q.level_max >= $3::integer OR $5::boolean) AND q.minutes <= $4::integer "                \
    "AND NOT q.retired AND q.slug NOT IN (SELECT json_array_elements_text($6::json)) "             \
    "AND NOT EXISTS (SELECT 1 FROM question_track t WHERE t.question = q.id) "
static const char SQL_KIT_COUNT[] = "SELECT count(*) " KIT_PICK;
static const char SQL_KIT_NTH[] =
    "SELECT q.slug, q.minutes " KIT_PICK
    "ORDER BY q.level_min, q.level_max, q.minutes, q.id LIMIT 1 OFFSET $7";
/* A live question of a stack track naming one of its core skills among $7 (a JSON array), of
 * competency $1 when it is given; the rest as KIT_PICK. The core skills are track_core's (a
 * skill at least half of a track's live questions name), worked out here for the skills of $7
 * only and with each track's size counted once: the view, which counts a track's questions
 * again for each of its skills, made a pick take about three times as long. */
#define STACK_CORE                                                                                 \
    "WITH live AS MATERIALIZED (SELECT qt.track, qt.question FROM question_track qt "              \
    "JOIN question lq ON lq.id = qt.question WHERE NOT lq.retired), "                              \
    "core AS (SELECT l.track, cs.skill FROM live l JOIN question_skill cs "                        \
    "ON cs.question = l.question JOIN (SELECT track, count(*) AS n FROM live GROUP BY track) t "   \
    "ON t.track = l.track WHERE cs.skill IN (SELECT json_array_elements_text("                     \
    "coalesce($7::json, '[]'))) GROUP BY l.track, cs.skill, t.n HAVING 2 * count(*) >= t.n) "
#define STACK_PICK                                                                                 \
    "FROM question q WHERE q.id IN (SELECT qs.question FROM question_skill qs JOIN "               \
    "question_track qt ON qt.question = qs.question JOIN core c ON c.track = qt.track "            \
    "AND c.skill = qs.skill) AND q.category = $2 AND q.level_min <= $3::integer "                  \
    "AND (q.level_max >= $3::integer OR $5::boolean) AND q.minutes <= $4::integer "                \
    "AND NOT q.retired AND q.slug NOT IN (SELECT json_array_elements_text($6::json)) "             \
    "AND ($1::text IS NULL OR q.competency = (SELECT id FROM competency WHERE slug = $1)) "
static const char SQL_STACK_COUNT[] = STACK_CORE "SELECT count(*) " STACK_PICK;
static const char SQL_STACK_NTH[] =
    STACK_CORE "SELECT q.slug, q.minutes " STACK_PICK
               "ORDER BY q.level_min, q.level_max, q.minutes, q.id LIMIT 1 OFFSET $8";

static const char SQL_KIT_INSERT[] =
    "INSERT INTO kit (role, level, stage, minutes, seed, candidate, body) "
    "VALUES ((SELECT id FROM role WHERE slug = $1), $2, $3, $4, $5, $6, $7) RETURNING id";
static const char SQL_KQ_INSERT[] = "INSERT INTO kit_question (kit, question) "
                                    "SELECT $1, id FROM question WHERE slug = $2 "
                                    "ON CONFLICT DO NOTHING";
static const char SQL_KIT_GET[] = "SELECT body FROM kit WHERE id = $1";
static const char SQL_KIT_OWNER[] = "UPDATE kit SET created_by = $2 WHERE id = $1";
static const char SQL_KIT_READER[] =
    "SELECT EXISTS (SELECT 1 FROM kit WHERE id = $1 AND created_by = $2) OR EXISTS (SELECT 1 "
    "FROM interview i JOIN interview_interviewer ii ON ii.interview = i.id "
    "WHERE i.kit = $1 AND ii.account = $2)";

/* ---- roles ------------------------------------------------------------------------------- */

static enum rb_err
save_parts(struct store *s, const struct role *r, long long rid, char *errmsg)
{
    const char *const clears[] = {SQL_RC_CLEAR, SQL_RS_CLEAR};
    enum rb_err rc = RB_OK;

    for (size_t i = 0; i < 2 && !rc; i++) {
        struct pg_args a = {0};
        pg_arg_ll(&a, rid);
        rc = pg_exec(s, clears[i], &a, "save role", errmsg);
    }
    for (size_t i = 0; i < r->ncomps && !rc; i++) {
        struct pg_args a = {0};
        long long cid;
        pg_arg_text(&a, r->comps[i].id);
        rc = pg_scalar(s, SQL_COMP_ID, &a, &cid, "look up competency", errmsg);
        if (rc == RB_ENOTFOUND) {
            snprintf(errmsg, RB_ERRMSG,
                     "role '%s': unknown competency '%s' (load the bank that defines it first)",
                     r->id, r->comps[i].id);
            rc = RB_EINVAL;
        }
        if (rc)
            break;
        a = (struct pg_args){0};
        pg_arg_ll(&a, rid);
        pg_arg_ll(&a, cid);
        pg_arg_ll(&a, r->comps[i].weight);
        rc = pg_exec(s, SQL_RC_INSERT, &a, "save role competency", errmsg);
    }
    for (size_t i = 0; i < r->nskills && !rc; i++) {
        struct pg_args a = {0};
        pg_arg_ll(&a, rid);
        pg_arg_text(&a, r->skills[i].name);
        pg_arg_bool(&a, r->skills[i].must);
        pg_arg_ll(&a, r->skills[i].weight);
        rc = pg_exec(s, SQL_RS_INSERT, &a, "save role skill", errmsg);
    }
    return rc;
}

static enum rb_err
save_role(struct store *s, const struct role *r, const char *source, char *errmsg)
{
    json_t *j = role_to_json(r);
    char *body = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    struct pg_args a = {0};
    long long rid = 0;
    enum rb_err rc;

    json_decref(j);
    if (!body) {
        snprintf(errmsg, RB_ERRMSG, "role '%s': cannot write it as JSON (out of memory?)", r->id);
        return RB_ESTORE;
    }
    pg_arg_text(&a, r->id);
    pg_arg_text(&a, r->title ? r->title : r->id);
    pg_arg_ll(&a, r->level);
    pg_arg_text(&a, source);
    pg_arg_text(&a, body);
    rc = pg_scalar(s, SQL_ROLE_UPSERT, &a, &rid, "save role", errmsg);
    free(body);
    return rc ? rc : save_parts(s, r, rid, errmsg);
}

static enum rb_err
pg_roles_save(struct store *s, const struct role *roles, size_t n, const char *source, char *errmsg)
{
    enum rb_err rc = pg_begin(s, errmsg);
    if (rc)
        return rc;
    for (size_t i = 0; i < n && !rc; i++)
        rc = save_role(s, &roles[i], source, errmsg);
    /* roles are part of the bank: what was built from it is stale */
    if (!rc)
        rc = pg_exec(s, SQL_GEN_BUMP, NULL, "mark the bank changed", errmsg);
    return pg_end(s, rc, errmsg);
}

static enum rb_err
role_from_row(struct store *s, const PGresult *res, int row, struct role *r, char *errmsg)
{
    char msg[RB_ERRMSG];
    json_t *j = pg_json(res, row, 0, msg);
    bool ok = j && role_from_json(j, r, msg);
    json_decref(j);
    if (!ok) {
        snprintf(errmsg, RB_ERRMSG, "store %s: a stored role is unreadable", pg_url(s));
        return RB_ESTORE;
    }
    return RB_OK;
}

static enum rb_err
pg_role_list(struct store *s, struct role_set *set, char *errmsg)
{
    enum rb_err rc;
    PGresult *res = pg_query(s, SQL_ROLE_LIST, NULL, "list roles", &rc, errmsg);
    if (!res)
        return rc;
    for (int i = 0; i < PQntuples(res) && !rc; i++) {
        struct role role;
        memset(&role, 0, sizeof role);
        rc = role_from_row(s, res, i, &role, errmsg);
        if (!rc)
            role_set_add_take(set, &role);
    }
    PQclear(res);
    return rc;
}

static enum rb_err
pg_role_get(struct store *s, const char *id, struct role *role, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc;
    PGresult *res;

    memset(role, 0, sizeof *role);
    pg_arg_text(&a, id);
    if (!(res = pg_query(s, SQL_ROLE_GET, &a, "read role", &rc, errmsg)))
        return rc;
    if (PQntuples(res))
        rc = role_from_row(s, res, 0, role, errmsg);
    else {
        snprintf(errmsg, RB_ERRMSG, "no role with id '%s'", id);
        rc = RB_ENOTFOUND;
    }
    PQclear(res);
    return rc;
}

/* ---- kits -------------------------------------------------------------------------------- */

/* Adds question id to the kit's exclusions unless it is there already. */
static void
exclude_add(json_t *x, const char *id)
{
    size_t i;
    json_t *v;
    json_array_foreach(x, i, v) if (strcmp(json_string_value(v), id) == 0) return;
    json_array_append_new(x, json_string(id));
}

static enum rb_err
pg_kit_begin(struct store *s, const char *candidate, char *errmsg)
{
    json_t **x = pg_kit_exclude(s);
    struct pg_args a = {0};
    enum rb_err rc;
    PGresult *res;

    if (!*x)
        *x = json_array();
    json_array_clear(*x);
    if (!candidate)
        return RB_OK;
    pg_arg_text(&a, candidate);
    if (!(res = pg_query(s, SQL_KX_CANDIDATE, &a, "exclude asked questions", &rc, errmsg)))
        return rc;
    for (int i = 0; i < PQntuples(res); i++)
        exclude_add(*x, pg_str(res, i, 0));
    PQclear(res);
    return RB_OK;
}

static enum rb_err
pg_kit_exclude_one(struct store *s, const char *id, char *errmsg)
{
    json_t **x = pg_kit_exclude(s);
    if (!id) {
        snprintf(errmsg, RB_ERRMSG, "kit: no question id to leave out (a bug in the caller)");
        return RB_EINVAL;
    }
    if (!*x)
        *x = json_array();
    exclude_add(*x, id);
    return RB_OK;
}

/* The arguments of a pick, $1 to $7 (the exclusions' text, *xs, is the caller's to free). */
static void
pick_args(struct store *s, struct pg_args *a, const struct kit_pick *p, char **xs)
{
    json_t *x = *pg_kit_exclude(s);
    *xs = x ? json_dumps(x, JSON_COMPACT) : NULL;
    pg_arg_text(a, p->competency);
    pg_arg_text(a, category_name(p->category));
    pg_arg_ll(a, p->level);
    pg_arg_ll(a, p->max_minutes);
    pg_arg_bool(a, p->or_below);
    pg_arg_text(a, *xs ? *xs : "[]");
    if (p->stack_only)
        pg_arg_text(a, p->skills);
}

static enum rb_err
pg_kit_count(struct store *s, const struct kit_pick *p, size_t *n, char *errmsg)
{
    struct pg_args a = {0};
    long long k = 0;
    char *xs;
    enum rb_err rc;

    pick_args(s, &a, p, &xs);
    rc = pg_scalar(s, p->stack_only ? SQL_STACK_COUNT : SQL_KIT_COUNT, &a, &k,
                   p->stack_only ? "count stack questions" : "count kit questions", errmsg);
    free(xs);
    *n = rc ? 0 : (size_t)k;
    return rc;
}

static enum rb_err
pg_kit_nth(struct store *s, const struct kit_pick *p, size_t nth, char **id, int *minutes,
           char *errmsg)
{
    struct pg_args a = {0};
    char *xs;
    enum rb_err rc;
    PGresult *res;

    *id = NULL;
    pick_args(s, &a, p, &xs);
    pg_arg_ll(&a, (long long)nth);
    res = pg_query(s, p->stack_only ? SQL_STACK_NTH : SQL_KIT_NTH, &a,
                   p->stack_only ? "pick stack question" : "pick kit question", &rc, errmsg);
    free(xs);
    if (!res)
        return rc;
    if (PQntuples(res)) {
        *id = pg_dup(res, 0, 0);
        *minutes = (int)pg_ll(res, 0, 1);
    } else if (p->stack_only) {
        snprintf(errmsg, RB_ERRMSG, "no stack question number %zu", nth);
        rc = RB_ENOTFOUND;
    } else {
        snprintf(errmsg, RB_ERRMSG, "no question number %zu for %s", nth, p->competency);
        rc = RB_ENOTFOUND;
    }
    PQclear(res);
    return rc;
}

static enum rb_err
pg_kit_save(struct store *s, const char *role, int level, const char *stage, int minutes,
            unsigned long long seed, const char *candidate, const char *body,
            const char *const *questions, size_t nquestions, long long *kit_id, char *errmsg)
{
    struct pg_args a = {0};
    long long id = 0;
    enum rb_err rc = pg_begin(s, errmsg);

    if (rc)
        return rc;
    pg_arg_text(&a, role);
    pg_arg_ll(&a, level);
    pg_arg_text(&a, stage);
    pg_arg_ll(&a, minutes);
    pg_arg_ll(&a, (long long)seed); /* its two's complement, as SQLite keeps it */
    pg_arg_text(&a, candidate);
    pg_arg_text(&a, body);
    rc = pg_scalar(s, SQL_KIT_INSERT, &a, &id, "save kit", errmsg);
    for (size_t i = 0; i < nquestions && !rc; i++) {
        a = (struct pg_args){0};
        pg_arg_ll(&a, id);
        pg_arg_text(&a, questions[i]);
        rc = pg_exec(s, SQL_KQ_INSERT, &a, "save kit question", errmsg);
    }
    rc = pg_end(s, rc, errmsg);
    if (!rc)
        *kit_id = id;
    return rc;
}

static enum rb_err
pg_kit_get(struct store *s, long long id, char **body, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc;
    PGresult *res;

    *body = NULL;
    pg_arg_ll(&a, id);
    if (!(res = pg_query(s, SQL_KIT_GET, &a, "read kit", &rc, errmsg)))
        return rc;
    if (PQntuples(res))
        *body = pg_dup(res, 0, 0);
    else {
        snprintf(errmsg, RB_ERRMSG, "no kit %lld", id);
        rc = RB_ENOTFOUND;
    }
    PQclear(res);
    return rc;
}

static enum rb_err
pg_kit_owner(struct store *s, long long kit, long long account, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc = pg_begin(s, errmsg);
    if (rc)
        return rc;
    pg_arg_ll(&a, kit);
    pg_arg_ll(&a, account);
    rc = pg_exec(s, SQL_KIT_OWNER, &a, "record who saved a kit", errmsg);
    return pg_end(s, rc, errmsg);
}

static enum rb_err
pg_kit_reader(struct store *s, long long kit, long long account, bool *yes, char *errmsg)
{
    struct pg_args a = {0};
    enum rb_err rc;
    PGresult *res;

    *yes = false;
    pg_arg_ll(&a, kit);
    pg_arg_ll(&a, account);
    if (!(res = pg_query(s, SQL_KIT_READER, &a, "read who may see a kit", &rc, errmsg)))
        return rc;
    *yes = PQntuples(res) && pg_bool(res, 0, 0);
    PQclear(res);
    return RB_OK;
}

void
pg_roles_ops(struct store_ops *ops)
{
    ops->roles_save = pg_roles_save;
    ops->role_list = pg_role_list;
    ops->role_get = pg_role_get;
    ops->kit_begin = pg_kit_begin;
    ops->kit_exclude = pg_kit_exclude_one;
    ops->kit_count = pg_kit_count;
    ops->kit_nth = pg_kit_nth;
    ops->kit_save = pg_kit_save;
    ops->kit_get = pg_kit_get;
    ops->kit_owner = pg_kit_owner;
    ops->kit_reader = pg_kit_reader;
}
