/* SPDX-License-Identifier: MIT */
/*
 * The skills a question is about and the stack track it belongs to (schema 15), kept as rows
 * beside the question and written in the same transaction, like its competencies; and the
 * kit's picks among the tracks' questions, found through question_skill's index by skill.
 */
#include "store/sqlite_int.h"

#include <stdio.h>
#include <string.h>

#include "util/mem.h"

static const char sql_skill_insert[] =
    "INSERT OR IGNORE INTO question_skill (question, skill, position) VALUES (?1, ?2, ?3)";
static const char sql_track_insert[] =
    "INSERT OR REPLACE INTO question_track (question, track) VALUES (?1, ?2)";
static const char sql_skill_clear[] = "DELETE FROM question_skill WHERE question = ?1";
static const char sql_track_clear[] = "DELETE FROM question_track WHERE question = ?1";
static const char sql_skill_read[] =
    "SELECT skill FROM question_skill WHERE question = ?1 ORDER BY position";
static const char sql_track_read[] = "SELECT track FROM question_track WHERE question = ?1";

/* Live, not excluded questions of a track that name one of its core skills (track_core)
 * among ?7, in the category, level and length of the pick, of competency ?1 when it is given;
 * each once however many match. */
#define STACK_PICK                                                                                 \
    "FROM question q WHERE q.id IN (SELECT qs.question FROM question_skill qs JOIN "               \
    "question_track qt ON qt.question = qs.question JOIN track_core tc ON tc.track = qt.track "    \
    "AND tc.skill = qs.skill WHERE qs.skill IN (SELECT value FROM json_each(coalesce(?7, "         \
    "'[]')))) AND q.category = ?2 AND q.level_min <= ?3 AND "                                      \
    "(q.level_max >= ?3 OR ?5) AND q.minutes <= ?4 AND q.retired = 0 "                             \
    "AND q.id NOT IN temp.kit_exclude AND (?1 IS NULL OR q.competency = (SELECT id FROM "          \
    "competency WHERE slug = ?1)) "
static const char sql_stack_count[] = "SELECT count(*) " STACK_PICK;
static const char sql_stack_nth[] =
    "SELECT q.slug, q.minutes " STACK_PICK "ORDER BY q.level_min, q.level_max, q.minutes, q.id "
    "LIMIT 1 OFFSET ?6";

enum rb_err
sqlite_question_skills_write(struct store *s, long long id, const struct question *q, char *errmsg)
{
    sqlite3_stmt *st;
    enum rb_err rc = RB_OK;

    for (size_t i = 0; i < q->nskills && !rc; i++) {
        if (!(st = sq_stmt(s, sql_skill_insert, errmsg)))
            return RB_ESTORE;
        sqlite3_bind_int64(st, 1, id);
        sq_bind_text(st, 2, q->skills[i]);
        sqlite3_bind_int(st, 3, (int)i);
        rc = sq_exec(s, st, errmsg, "save question skill");
    }
    if (!rc && q->track) {
        if (!(st = sq_stmt(s, sql_track_insert, errmsg)))
            return RB_ESTORE;
        sqlite3_bind_int64(st, 1, id);
        sq_bind_text(st, 2, q->track);
        rc = sq_exec(s, st, errmsg, "save question track");
    }
    return rc;
}

enum rb_err
sqlite_question_skills_clear(struct store *s, long long id, char *errmsg)
{
    const char *const sql[] = {sql_skill_clear, sql_track_clear};
    for (size_t i = 0; i < 2; i++) {
        sqlite3_stmt *st = sq_stmt(s, sql[i], errmsg);
        enum rb_err rc;
        if (!st)
            return RB_ESTORE;
        sqlite3_bind_int64(st, 1, id);
        if ((rc = sq_exec(s, st, errmsg, "clear question skills")))
            return rc;
    }
    return RB_OK;
}

enum rb_err
sqlite_question_skills_read(struct store *s, long long id, struct question *q, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, sql_skill_read, errmsg);
    size_t cap = 0;
    int r;

    if (!st)
        return RB_ESTORE;
    sqlite3_bind_int64(st, 1, id);
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        xgrow(&q->skills, &cap, q->nskills + 1, sizeof *q->skills);
        q->skills[q->nskills++] = sq_col_dup(st, 0);
    }
    sq_done(st);
    if (r != SQLITE_DONE)
        return sq_fail(s, errmsg, "read question skills");
    if (!(st = sq_stmt(s, sql_track_read, errmsg)))
        return RB_ESTORE;
    sqlite3_bind_int64(st, 1, id);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        q->track = sq_col_dup(st, 0);
    sq_done(st);
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        return sq_fail(s, errmsg, "read question track");
    return RB_OK;
}

static void
bind_stack_pick(sqlite3_stmt *st, const struct kit_pick *p)
{
    sq_bind_text(st, 1, p->competency);
    sq_bind_text(st, 2, category_name(p->category));
    sqlite3_bind_int(st, 3, p->level);
    sqlite3_bind_int(st, 4, p->max_minutes);
    sqlite3_bind_int(st, 5, p->or_below);
    sq_bind_text(st, 7, p->skills);
}

enum rb_err
sqlite_kit_stack_count(struct store *s, const struct kit_pick *p, size_t *n, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, sql_stack_count, errmsg);
    int r;
    if (!st)
        return RB_ESTORE;
    bind_stack_pick(st, p);
    r = sqlite3_step(st);
    *n = r == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 0;
    sq_done(st);
    return r == SQLITE_ROW ? RB_OK : sq_fail(s, errmsg, "count stack questions");
}

enum rb_err
sqlite_kit_stack_nth(struct store *s, const struct kit_pick *p, size_t nth, char **id, int *minutes,
                     char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, sql_stack_nth, errmsg);
    int r;
    *id = NULL;
    if (!st)
        return RB_ESTORE;
    bind_stack_pick(st, p);
    sqlite3_bind_int64(st, 6, (sqlite3_int64)nth);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        *id = sq_col_dup(st, 0);
        *minutes = sqlite3_column_int(st, 1);
    }
    sq_done(st);
    if (r == SQLITE_ROW)
        return RB_OK;
    if (r == SQLITE_DONE) {
        snprintf(errmsg, RB_ERRMSG, "no stack question number %zu", nth);
        return RB_ENOTFOUND;
    }
    return sq_fail(s, errmsg, "pick stack question");
}

static const char sql_stats_tracks[] =
    "SELECT qt.track, q.level_min, q.level_max, count(*) FROM question_track qt JOIN question q "
    "ON q.id = qt.question WHERE q.retired = 0 GROUP BY qt.track, q.level_min, q.level_max "
    "ORDER BY qt.track";

enum rb_err
sqlite_stats_tracks(struct store *s, struct bank_stats *stt, char *errmsg)
{
    sqlite3_stmt *st = sq_stmt(s, sql_stats_tracks, errmsg);
    int r;

    if (!st)
        return RB_ESTORE;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        const char *track = (const char *)sqlite3_column_text(st, 0);
        size_t i = stt->ntracks, k = (size_t)sqlite3_column_int64(st, 3);
        int lo = sqlite3_column_int(st, 1), hi = sqlite3_column_int(st, 2);
        if (!i || strcmp(stt->tracks[i - 1].track, track) != 0) {
            if (i == STATS_MAX_TRACKS)
                continue;
            memset(&stt->tracks[i], 0, sizeof stt->tracks[i]);
            stt->tracks[i].track = sq_col_dup(st, 0);
            stt->ntracks++;
        } else {
            i--;
        }
        stt->tracks[i].total += k;
        for (int l = lo; l <= hi && l <= LEVEL_MAX; l++)
            stt->tracks[i].by_level[l] += k;
    }
    sq_done(st);
    return r == SQLITE_DONE ? RB_OK : sq_fail(s, errmsg, "count track questions");
}
