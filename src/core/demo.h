/* SPDX-License-Identifier: MIT */
/*
 * `rubric demo`: an invented but realistic hiring world in an empty store, made through
 * the same core calls as every other way in (openings, uploads with an opening, moves), so
 * that a new user sees a living pipeline in the first minute. Every name is invented; the
 * resumes are written here in several formats and parsed as uploads are; their screenings
 * are queued and run when the server starts.
 */
#ifndef RUBRIC_CORE_DEMO_H
#define RUBRIC_CORE_DEMO_H

#include <stddef.h>

#include "core/opening.h"
#include "store/store.h"
#include "util/err.h"

#define DEMO_OPENINGS 3
#define DEMO_CANDIDATES 40

struct demo_counts {
    size_t openings, candidates, moves, interviews, scorecards, practice;
};

/* Fills s: the built-in bank and roles when it has none, DEMO_OPENINGS open openings and
 * DEMO_CANDIDATES candidates, each with a resume (text, Markdown, HTML or JSON Resume) kept
 * in the store and an application at one of its opening's stages, every stage of every
 * opening held by someone; two interviewer accounts, and a loop with their scorecards (which
 * disagree on every other loop) for everyone who reached interviewing; and a candidate
 * account with a fortnight of practice answers. RB_ECONFLICT when the store
 * holds openings or candidates already (nothing is changed). */
enum rb_err demo_fill(struct store *s, const struct opening_reader *rd, struct demo_counts *out,
                      char *errmsg);

#endif
