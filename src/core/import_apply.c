/* SPDX-License-Identifier: MIT */
/*
 * A question list from Markdown into the store: one path for the CLI and the API. The
 * existence check of a dry run and the import itself use the same folded-text rule as the
 * store, so a dry run says exactly what the import would add.
 */
#include "core/import_apply.h"

#include <stdio.h>
#include <string.h>

#include "core/question.h"
#include "util/mem.h"

/* Whether the store has a competency called id. */
static enum rb_err
competency_known(struct store *s, const char *id, bool *found, char *errmsg)
{
    struct bank_stats st;
    enum rb_err rc = store_bank_stats(s, &st, errmsg);
    *found = false;
    for (size_t i = 0; !rc && i < st.ncomps; i++)
        *found |= strcmp(st.comps[i].id, id) == 0;
    if (!rc)
        bank_stats_cleanup(&st);
    return rc;
}

enum rb_err
import_apply(struct store *s, const char *file, const char *data, size_t len, const char *source,
             const char *competency, bool dry, struct import_set *set, struct import_result *r,
             char *errmsg)
{
    enum rb_err rc;
    memset(r, 0, sizeof *r);
    if (competency && !question_id_valid(competency, strlen(competency))) {
        snprintf(errmsg, RB_ERRMSG, "competency: '%s' is not a competency id", competency);
        return RB_EINVAL;
    }
    rc = import_markdown(file, data, len, source,
                         competency ? competency : IMPORT_DEFAULT_COMPETENCY, set, errmsg);
    if (rc)
        return rc;
    if (competency && !set->new_competency) {
        bool found;
        if ((rc = competency_known(s, competency, &found, errmsg)))
            return rc;
        if (!found) {
            snprintf(errmsg, RB_ERRMSG,
                     "competency: unknown competency '%s': see 'rubric bank stats' for the list",
                     competency);
            return RB_EINVAL;
        }
    }
    if (!dry)
        return store_questions_import(s, set->qs, set->n,
                                      set->new_competency ? &set->competency : NULL,
                                      set->new_competency ? 1 : 0, r, errmsg);
    r->was_added = xcalloc(set->n ? set->n : 1, 1);
    for (size_t i = 0; i < set->n; i++) {
        int exists = 0;
        if ((rc = store_question_text_exists(s, set->qs[i].text, &exists, errmsg)))
            return rc;
        r->was_added[i] = !exists;
        r->added += !exists;
        r->skipped += exists != 0;
    }
    return RB_OK;
}
