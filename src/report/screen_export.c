/* SPDX-License-Identifier: MIT */
/* Stored screenings back into screen_report rows for the CSV and HTML renderers
 * (report/screen_export.h). */
#include "report/screen_export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/job.h"
#include "core/role.h"
#include "report/screen_report.h"
#include "util/mem.h"

static char *
dup_or_null(const json_t *v)
{
    return json_is_string(v) ? xstrdup(json_string_value(v)) : NULL;
}

/* Fills w from one scored result; false when it is not one. */
static bool
row_of(const json_t *item, struct screen_row *w)
{
    const json_t *bd = json_object_get(item, "breakdown"), *rs = json_object_get(item, "reasons");
    const json_t *miss = json_object_get(item, "must_have_missing"), *v;
    char id[32];
    size_t i;

    memset(w, 0, sizeof *w);
    if (!json_is_number(json_object_get(item, "score")) || !json_is_object(bd))
        return false;
    snprintf(id, sizeof id, "%lld", (long long)json_integer_value(json_object_get(item, "resume")));
    w->id = xstrdup(id);
    w->file = dup_or_null(json_object_get(item, "filename"));
    w->name = dup_or_null(json_object_get(item, "name"));
    w->experience_years = json_number_value(json_object_get(item, "experience_years"));
    w->s.score = json_number_value(json_object_get(item, "score"));
    w->s.capped = json_is_true(json_object_get(item, "capped"));
    w->s.comparable_years = json_number_value(json_object_get(item, "comparable_years"));
    for (int c = 0; c < CRIT_COUNT; c++) {
        const json_t *p = json_object_get(bd, screen_criterion_name(c));
        w->s.points[c] = json_number_value(json_object_get(p, "points"));
        w->s.max[c] = json_number_value(json_object_get(p, "max"));
        w->s.reasons[c] =
            xstrdup(json_is_string(json_object_get(rs, screen_criterion_name(c)))
                        ? json_string_value(json_object_get(rs, screen_criterion_name(c)))
                        : "");
    }
    w->s.missing = xcalloc(json_array_size(miss) + 1, sizeof *w->s.missing);
    json_array_foreach(miss, i, v)
    {
        if (json_is_string(v))
            w->s.missing[w->s.nmissing++] = xstrdup(json_string_value(v));
    }
    return true;
}

enum rb_err
screen_export(const json_t *screening, const json_t *results, enum screen_export_format format,
              struct buf *out, char *errmsg)
{
    size_t n = json_array_size(results), nrows = 0, i;
    struct screen_row *rows = xcalloc(n + 1, sizeof *rows);
    json_t *errors = json_array(), *criteria = NULL, *item;
    const char *role_id = json_string_value(json_object_get(screening, "role"));
    struct role role = {0};
    struct screen_report r = {0};
    enum rb_err rc = RB_OK;

    if (!role_id) {
        snprintf(errmsg, RB_ERRMSG, "screening: no role");
        rc = RB_EINVAL;
        goto out;
    }
    if (role_from_json(json_object_get(screening, "criteria"), &role, errmsg)) {
        if (strcmp(role_id, "job") == 0)
            criteria = job_criteria_json(&role);
        r.role_title = role.title;
    }
    json_array_foreach(results, i, item)
    {
        if (row_of(item, &rows[nrows])) {
            double score = rows[nrows].s.score;
            r.sum.histogram[score >= 100 ? SCREEN_BINS - 1 : (size_t)(score / 10)]++;
            nrows++;
        } else {
            char label[64];
            const json_t *f = json_object_get(item, "filename");
            screen_row_cleanup(&rows[nrows]);
            snprintf(label, sizeof label, "resume %lld",
                     (long long)json_integer_value(json_object_get(item, "resume")));
            json_array_append_new(
                errors, json_pack("{s:s, s:s}", "file",
                                  json_is_string(f) ? json_string_value(f) : label, "error",
                                  json_is_string(json_object_get(item, "error"))
                                      ? json_string_value(json_object_get(item, "error"))
                                      : "could not be scored"));
        }
    }
    r.role_id = role_id;
    r.criteria = criteria;
    r.blind = json_is_true(json_object_get(screening, "blind"));
    r.rows = rows;
    r.nrows = nrows;
    r.errors = errors;
    r.sum.files = n;
    r.sum.ranked = nrows;
    r.sum.failed = json_array_size(errors);
    if (format == SCREEN_EXPORT_CSV)
        screen_report_csv(&r, out);
    else
        screen_report_html(&r, out);
out:
    for (i = 0; i < nrows; i++)
        screen_row_cleanup(&rows[i]);
    free(rows);
    json_decref(errors);
    json_decref(criteria);
    role_cleanup(&role);
    return rc;
}
