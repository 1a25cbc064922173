/* SPDX-License-Identifier: MIT */
/* A bank's lifetime and what is added to it (model/question_bank.h). */
#include "model/question_bank.h"

#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

/* ---- the bank ----------------------------------------------------------------------- */

void
bank_init(struct bank *b)
{
    memset(b, 0, sizeof *b);
}

void
bank_cleanup(struct bank *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->ncomps; i++) {
        competency_cleanup(&b->comps[i]);
        free(b->comp_files[i]);
    }
    free(b->comps);
    free(b->comp_files);
    free(b->comp_lines);
    for (size_t i = 0; i < b->nqs; i++)
        question_cleanup(&b->qs[i]);
    free(b->qs);
    for (size_t i = 0; i < b->nsyns; i++) {
        free(b->syns[i].concept);
        for (size_t j = 0; j < b->syns[i].nalts; j++)
            free(b->syns[i].alts[j]);
        free(b->syns[i].alts);
        free(b->syns[i].file);
    }
    free(b->syns);
    memset(b, 0, sizeof *b);
}

const struct competency *
bank_competency(const struct bank *b, const char *id)
{
    for (size_t i = 0; i < b->ncomps; i++)
        if (strcmp(b->comps[i].id, id) == 0)
            return &b->comps[i];
    return NULL;
}

void
bank_add_competency(struct bank *b, const char *id, const char *name, const char *summary,
                    const char *file, int line)
{
    size_t cap = b->capcomps;

    if (!file && bank_competency(b, id))
        return;
    xgrow(&b->comps, &b->capcomps, b->ncomps + 1, sizeof *b->comps);
    if (b->capcomps != cap) {
        b->comp_files = xrealloc(b->comp_files, b->capcomps * sizeof *b->comp_files);
        b->comp_lines = xrealloc(b->comp_lines, b->capcomps * sizeof *b->comp_lines);
    }
    b->comps[b->ncomps].id = xstrdup(id);
    b->comps[b->ncomps].name = xstrdup(name ? name : id);
    b->comps[b->ncomps].summary = xstrdup(summary ? summary : "");
    b->comp_files[b->ncomps] = file ? xstrdup(file) : NULL;
    b->comp_lines[b->ncomps] = line;
    b->ncomps++;
}

void
bank_add_question_take(struct bank *b, struct question *q)
{
    xgrow(&b->qs, &b->capqs, b->nqs + 1, sizeof *b->qs);
    b->qs[b->nqs++] = *q;
    memset(q, 0, sizeof *q);
}
