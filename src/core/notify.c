/* SPDX-License-Identifier: MIT */
/* Notifications queued with the change that causes them (core/notify.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ical.h"
#include "core/notify.h"
#include "util/buf.h"
#include "util/mem.h"

#define BODY_MAX (16u << 10)

static char from_addr[256] = NOTIFY_FROM_DEFAULT;

void
notify_set_from(const char *from)
{
    snprintf(from_addr, sizeof from_addr, "%s", from && *from ? from : NOTIFY_FROM_DEFAULT);
}

const char *
notify_from(void)
{
    return from_addr;
}

static const char *
str(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static long long
num(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

/* The invite of interview iv (store_interview_calendar's JSON): *ics new. */
static enum rb_err
invite_of(json_t *iv, long long now, char **ics, long long *start, char *errmsg)
{
    struct ical_person att[32], org;
    struct ical_event ev = {0};
    char uid[96], summary[320], desc[512];
    const char *zone = str(iv, "time_zone");
    json_t *a;
    size_t i, n = 0;
    struct buf b;
    enum rb_err e;

    if (!str(iv, "scheduled_at")) {
        snprintf(errmsg, RB_ERRMSG,
                 "interview %lld has no time yet: give it one with 'rubric interview move %lld "
                 "--at TIME'",
                 num(iv, "id"), num(iv, "id"));
        return RB_EINVAL;
    }
    if ((e = ical_parse_time(str(iv, "scheduled_at"), zone, start, errmsg)))
        return e;
    json_array_foreach(json_object_get(iv, "attendees"), i, a)
    {
        if (n < sizeof att / sizeof att[0])
            att[n++] = (struct ical_person){str(a, "email"), str(a, "name")};
    }
    a = json_object_get(iv, "organizer");
    org = json_is_object(a) ? (struct ical_person){str(a, "email"), str(a, "name")}
                            : (struct ical_person){notify_from(), "Rubric"};
    {
        /* stable for the interview's life; its creation time keeps it apart from another
         * store's interview of the same id */
        char made[24] = "";
        size_t k = 0;
        for (const char *c = str(iv, "created_at"); c && *c && k + 1 < sizeof made; c++)
            if (*c != '-' && *c != ':')
                made[k++] = *c;
        made[k] = '\0';
        snprintf(uid, sizeof uid, "rubric-interview-%lld-%s", num(iv, "id"), made);
    }
    snprintf(summary, sizeof summary, "%s interview with %.200s", str(iv, "stage"),
             str(iv, "candidate_name") ? str(iv, "candidate_name") : "a candidate");
    snprintf(desc, sizeof desc,
             "Rubric interview %lld (%s, %lld minutes). The kit and the scorecard are in "
             "Rubric.",
             num(iv, "id"), str(iv, "stage"), num(iv, "minutes"));
    ev.uid = uid;
    ev.sequence = num(iv, "sequence");
    ev.cancel = json_is_string(json_object_get(iv, "cancelled_at"));
    ev.start = *start;
    ev.minutes = (int)num(iv, "minutes");
    ev.stamp = now;
    ev.zone = zone;
    ev.summary = summary;
    ev.description = desc;
    ev.organizer = org;
    ev.attendees = att;
    ev.nattendees = n;
    buf_init(&b, ICAL_MAX);
    if ((e = ical_write(&ev, &b, errmsg)))
        buf_cleanup(&b);
    else
        *ics = buf_take(&b);
    return e;
}

enum rb_err
notify_invite(struct store *s, long long id, long long now, char **ics, char *errmsg)
{
    json_t *iv;
    long long start;
    enum rb_err e = store_interview_calendar(s, id, &iv, errmsg);
    *ics = NULL;
    if (e)
        return e;
    e = invite_of(iv, now, ics, &start, errmsg);
    json_decref(iv);
    return e;
}

enum rb_err
notify_interview(struct store *s, long long id, enum notify_why why, long long now, char *errmsg)
{
    static const char *const verb[] = {"Invitation", "Moved", "Cancelled"};
    json_t *iv, *a;
    char *ics = NULL, subject[400], when[128];
    long long start = 0;
    size_t i;
    struct buf body;
    enum rb_err e = store_interview_calendar(s, id, &iv, errmsg);
    if (e)
        return e;
    if (!str(iv, "scheduled_at"))
        goto out; /* nothing for a calendar yet */
    if ((e = invite_of(iv, now, &ics, &start, errmsg)))
        goto out;
    ical_local_text(start, str(iv, "time_zone"), when, sizeof when);
    snprintf(subject, sizeof subject, "%s: %s interview with %.200s, %s", verb[why],
             str(iv, "stage"),
             str(iv, "candidate_name") ? str(iv, "candidate_name") : "a candidate", when);
    buf_init(&body, BODY_MAX);
    buf_printf(&body,
               "%s\n\nYou are on the panel of this %s interview (%lld minutes, Rubric interview "
               "%lld)%s\nThe calendar invite is attached.\n",
               subject, str(iv, "stage"), num(iv, "minutes"), num(iv, "id"),
               why == NOTIFY_CANCELLED ? ", which has been cancelled."
                                       : ". Its kit and your scorecard are in Rubric.");
    json_array_foreach(json_object_get(iv, "attendees"), i, a)
    {
        struct mail_new m = {"invite",
                             num(iv, "candidate"),
                             str(a, "email"),
                             subject,
                             buf_str(&body),
                             ics,
                             why == NOTIFY_CANCELLED
                                 ? "text/calendar; charset=utf-8; method=CANCEL"
                                 : "text/calendar; charset=utf-8; method=REQUEST",
                             now};
        if ((e = store_outbox_add(s, &m, errmsg)))
            break;
    }
    buf_cleanup(&body);
out:
    free(ics);
    json_decref(iv);
    return e;
}

enum rb_err
notify_scorecard(struct store *s, long long interview, long long now, char *errmsg)
{
    json_t *o, *r;
    char subject[400];
    size_t i;
    struct buf body;
    const char *name, *opening;
    enum rb_err e = store_mail_notice(s, "loop", interview, &o, errmsg);
    if (e)
        return e;
    if (num(o, "missing") != 0 || num(o, "interviews") < 1)
        goto out;
    name = str(o, "candidate_name") ? str(o, "candidate_name") : "a candidate";
    opening = str(o, "opening");
    snprintf(subject, sizeof subject, "Scorecards all in: %.200s%s%.150s", name,
             opening ? ", " : "", opening ? opening : "");
    buf_init(&body, BODY_MAX);
    buf_printf(&body,
               "Every interviewer of %s's loop%s%s has submitted a scorecard (%lld "
               "interview%s).\nThe debrief is ready in Rubric: candidate %lld.\n",
               name, opening ? " for " : "", opening ? opening : "", num(o, "interviews"),
               num(o, "interviews") == 1 ? "" : "s", num(o, "candidate"));
    /* the recruiters, and the panel, whose debrief is open to them now (each address once) */
    {
        json_t *to = json_array();
        json_array_extend(to, json_object_get(o, "recruiters"));
        json_array_foreach(json_object_get(o, "panel"), i, r)
        {
            size_t k;
            json_t *seen;
            bool dup = false;
            json_array_foreach(json_object_get(o, "recruiters"), k, seen) dup =
                dup || json_equal(seen, r);
            if (!dup)
                json_array_append(to, r);
        }
        json_array_foreach(to, i, r)
        {
            struct mail_new m = {"loop-complete",
                                 num(o, "candidate"),
                                 json_string_value(r),
                                 subject,
                                 buf_str(&body),
                                 NULL,
                                 NULL,
                                 now};
            if ((e = store_outbox_add(s, &m, errmsg)))
                break;
        }
        json_decref(to);
    }
    buf_cleanup(&body);
out:
    json_decref(o);
    return e;
}

enum rb_err
notify_screening(struct store *s, long long id, long long now, char *errmsg)
{
    json_t *o;
    char subject[160];
    struct buf body;
    enum rb_err e = store_mail_notice(s, "screening", id, &o, errmsg);
    if (e)
        return e;
    if (str(o, "recipient")) {
        bool failed = strcmp(str(o, "state"), "failed") == 0 || str(o, "error");
        struct mail_new m = {
            "screening-done", 0, str(o, "recipient"), subject, NULL, NULL, NULL, now};
        snprintf(subject, sizeof subject, "Screening %lld %s", id, failed ? "failed" : "finished");
        buf_init(&body, BODY_MAX);
        if (failed)
            buf_printf(&body, "Screening %lld against %.120s stopped: %.300s\n", id, str(o, "role"),
                       str(o, "error") ? str(o, "error") : "an error");
        else
            buf_printf(&body,
                       "Screening %lld against %.120s is done: %lld resume%s, %lld scored, %lld "
                       "could not be read.\nThe ranked results are in Rubric.\n",
                       id, str(o, "role"), num(o, "total"), num(o, "total") == 1 ? "" : "s",
                       num(o, "done") - num(o, "failed"), num(o, "failed"));
        m.body = buf_str(&body);
        e = store_outbox_add(s, &m, errmsg);
        buf_cleanup(&body);
    }
    json_decref(o);
    return e;
}

enum rb_err
notify_applied(struct store *s, long long candidate, const char *email, const char *name,
               const char *title, long long now, char *errmsg)
{
    char subject[300];
    struct buf body;
    struct mail_new m = {"application-received", candidate, email, subject, NULL, NULL, NULL, now};
    enum rb_err e;
    snprintf(subject, sizeof subject, "We received your application: %.200s", title);
    buf_init(&body, BODY_MAX);
    buf_printf(&body,
               "Hello%s%.200s,\n\nthank you for applying for %.200s. Your application has "
               "arrived and we will be in touch.\n\nWe keep what you sent only to consider your "
               "application; the privacy notice on our careers page says for how long, and how "
               "to ask us to show or erase it.\n",
               name && *name ? " " : "", name && *name ? name : "", title);
    m.body = buf_str(&body);
    e = store_outbox_add(s, &m, errmsg);
    buf_cleanup(&body);
    return e;
}
