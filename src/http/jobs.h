/* SPDX-License-Identifier: MIT */
/*
 * What the server reads resumes with, and the worker that runs screenings in the
 * background. The skills taxonomy and its compiled scanner are made once; each thread
 * gets its own scanner clone. The worker claims queued screenings from the store (so that
 * with several servers on one store, any of them may run a job), scores their resumes in
 * batches, writes progress as it goes and beats a heartbeat; a job whose server died is
 * claimed again.
 */
#ifndef RUBRIC_HTTP_JOBS_H
#define RUBRIC_HTTP_JOBS_H

#include "core/settings.h"
#include "model/skills.h"
#include "resume/skillscan.h"

/* Builds the taxonomy and scanner; call before any thread uses them. */
enum rb_err jobs_setup(char *errmsg);
const struct skills *jobs_taxonomy(void);
/* This thread's scanner (made on first use; freed by jobs_teardown). */
struct skillscan *jobs_scanner(void);

/* Starts and stops the screening worker. jobs_stopping tells the workers to stop without
 * waiting for them: a job midway is handed back to the queue at the end of its batch, while
 * the server still finishes its requests; jobs_stop then waits for them. */
enum rb_err jobs_start(const struct settings *cfg, char *errmsg);
void jobs_stopping(void);
void jobs_stop(void);
void jobs_teardown(void);

#endif
