/* SPDX-License-Identifier: MIT */
/*
 * Role profiles in SQLite: each saved whole as its JSON, its competencies and skills
 * indexed beside.
 */
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "util/buf.h"
#include "util/mem.h"
#include "util/text.h"

static const char SQL_ROLE_UPSERT[] =
    "INSERT INTO role (slug, title, level, source, body) VALUES (?1, ?2, ?3, ?4, "
    "?5) ON CONFLICT (slug) DO UPDATE SET title = excluded.title, "
    "level = excluded.level, source = excluded.source, body = excluded.body, "
    "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";
static const char SQL_ROLE_ID[] = "SELECT id FROM role WHERE slug = ?1";
static const char SQL_RC_CLEAR[] = "DELETE FROM role_competency WHERE role = ?1";
static const char SQL_RC_INSERT[] =
    "INSERT INTO role_competency (role, competency, weight) VALUES (?1, ?2, ?3)";
static const char SQL_RS_CLEAR[] = "DELETE FROM role_skill WHERE role = ?1";
static const char SQL_RS_INSERT[] =
    "INSERT INTO role_skill (role, skill, must, weight) VALUES (?1, ?2, ?3, ?4)";
static const char SQL_ROLE_GET[] = "SELECT body FROM role WHERE slug = ?1";
static const char SQL_ROLE_LIST[] = "SELECT body FROM role ORDER BY slug";

/* ---- roles -------------------------------------------------------------------------- */

static enum rb_err
save_role(struct sqlite_store *s, const struct role *r, const char *source, char *errmsg)
{
    sqlite3_stmt *st;
    sqlite3_int64 rid = 0;
    json_t *j = role_to_json(r);
    char *body = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    enum rb_err rc = RB_ESTORE;
    int step;

    json_decref(j);
    if (!body || !(st = sq_stmt(&s->base, SQL_ROLE_UPSERT, errmsg)))
        goto out;
    sq_bind_text(st, 1, r->id);
    sq_bind_text(st, 2, r->title ? r->title : r->id);
    sqlite3_bind_int(st, 3, r->level);
    sq_bind_text(st, 4, source);
    sq_bind_text(st, 5, body);
    if ((rc = sq_exec(&s->base, st, errmsg, "save role")))
        goto out;
    if (!(st = sq_stmt(&s->base, SQL_ROLE_ID, errmsg))) {
        rc = RB_ESTORE;
        goto out;
    }
    sq_bind_text(st, 1, r->id);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        rid = sqlite3_column_int64(st, 0);
    sq_done(st);
    if (step != SQLITE_ROW) {
        rc = sq_fail(&s->base, errmsg, "save role");
        goto out;
    }
    static const char *const clears[] = {SQL_RC_CLEAR, SQL_RS_CLEAR};
    for (size_t i = 0; i < 2 && !rc; i++) {
        if (!(st = sq_stmt(&s->base, clears[i], errmsg))) {
            rc = RB_ESTORE;
            goto out;
        }
        sqlite3_bind_int64(st, 1, rid);
        rc = sq_exec(&s->base, st, errmsg, "save role");
    }
    for (size_t i = 0; i < r->ncomps && !rc; i++) {
        sqlite3_int64 cid = 0;
        rc = sqlite_competency_id(s, r->comps[i].id, &cid, errmsg);
        if (rc == RB_ENOTFOUND) {
            snprintf(errmsg, RB_ERRMSG,
                     "role '%s': unknown competency '%s' (load the bank that defines it first)",
                     r->id, r->comps[i].id);
            rc = RB_EINVAL;
        }
        if (rc || !(st = sq_stmt(&s->base, SQL_RC_INSERT, errmsg))) {
            rc = rc ? rc : RB_ESTORE;
            break;
        }
        sqlite3_bind_int64(st, 1, rid);
        sqlite3_bind_int64(st, 2, cid);
        sqlite3_bind_int(st, 3, r->comps[i].weight);
        rc = sq_exec(&s->base, st, errmsg, "save role competency");
    }
    for (size_t i = 0; i < r->nskills && !rc; i++) {
        if (!(st = sq_stmt(&s->base, SQL_RS_INSERT, errmsg))) {
            rc = RB_ESTORE;
            break;
        }
        sqlite3_bind_int64(st, 1, rid);
        sq_bind_text(st, 2, r->skills[i].name);
        sqlite3_bind_int(st, 3, r->skills[i].must);
        sqlite3_bind_int(st, 4, r->skills[i].weight);
        rc = sq_exec(&s->base, st, errmsg, "save role skill");
    }
out:
    free(body);
    return rc;
}

enum rb_err
sqlite_roles_save(struct store *base, const struct role *roles, size_t n, const char *source,
                  char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    enum rb_err rc = sq_begin(&s->base, errmsg);
    if (rc)
        return rc;
    for (size_t i = 0; i < n && !rc; i++)
        rc = save_role(s, &roles[i], source, errmsg);
    return sq_end(&s->base, sq_bump(&s->base, rc, errmsg), errmsg);
}

static enum rb_err
role_from_row(struct sqlite_store *s, sqlite3_stmt *st, struct role *r, char *errmsg)
{
    json_t *j = json_loads((const char *)sqlite3_column_text(st, 0), 0, NULL);
    char msg[RB_ERRMSG];
    bool ok = j && role_from_json(j, r, msg);
    json_decref(j);
    if (!ok) {
        snprintf(errmsg, RB_ERRMSG, "store %s: a stored role is unreadable", s->path);
        return RB_ESTORE;
    }
    return RB_OK;
}

enum rb_err
sqlite_role_list(struct store *base, struct role_set *set, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    sqlite3_stmt *st = sq_stmt(&s->base, SQL_ROLE_LIST, errmsg);
    enum rb_err rc = RB_OK;
    int r;
    if (!st)
        return RB_ESTORE;
    while (!rc && (r = sqlite3_step(st)) == SQLITE_ROW) {
        struct role role;
        rc = role_from_row(s, st, &role, errmsg);
        if (!rc)
            role_set_add_take(set, &role);
    }
    if (!rc && r != SQLITE_DONE)
        rc = sq_fail(&s->base, errmsg, "list roles");
    sq_done(st);
    return rc;
}

enum rb_err
sqlite_role_get(struct store *base, const char *id, struct role *role, char *errmsg)
{
    struct sqlite_store *s = to_sq(base);
    sqlite3_stmt *st = sq_stmt(&s->base, SQL_ROLE_GET, errmsg);
    enum rb_err rc;
    int r;
    memset(role, 0, sizeof *role);
    if (!st)
        return RB_ESTORE;
    sq_bind_text(st, 1, id);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        rc = role_from_row(s, st, role, errmsg);
    else if (r == SQLITE_DONE) {
        snprintf(errmsg, RB_ERRMSG, "no role with id '%s'", id);
        rc = RB_ENOTFOUND;
    } else
        rc = sq_fail(&s->base, errmsg, "read role");
    sq_done(st);
    return rc;
}
