/* SPDX-License-Identifier: MIT */
/*
 * The skills taxonomy (the .txt files of data/skills): canonical back-end skills with the aliases
 * people write in resumes, by category. Role profiles name skills by their canonical names; the
 * resume scanner matches every alias. A plain type below core and resume: the scanner is given
 * the taxonomy it scans with, and neither module depends on the other for it.
 */
#ifndef RUBRIC_MODEL_SKILLS_H
#define RUBRIC_MODEL_SKILLS_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"
#include "util/err.h"

#define SKILLS_FILE_MAX (1u << 20)

struct skill {
    char *name;     /* canonical, lowercase */
    char *category; /* the file's category */
    char **aliases;
    size_t naliases;
    bool ambiguous; /* needs context to be sure ("go", "c", "spring") */
    char *file;
    int line;
};

struct skills {
    struct skill *v;
    size_t n, cap;
};

void skills_init(struct skills *s);
void skills_cleanup(struct skills *s);

/* Parses one taxonomy file ("# category: ID" then "canonical [ambiguous] = alias, ..."
 * lines) into s. Problems go to d with their line. */
void skills_parse(struct skills *s, const char *file, const char *data, size_t len,
                  struct diags *d);
enum rb_err skills_read_dir(struct skills *s, const char *dir, struct diags *d, char *errmsg);
void skills_read_builtin(struct skills *s, struct diags *d);

/* Rules across files: a canonical name defined once, and no alias that is also another
 * skill's name or alias. */
void skills_check(const struct skills *s, struct diags *d);

/* The skill whose canonical name is name, or NULL. */
const struct skill *skills_find(const struct skills *s, const char *name);
/* The skill with name as canonical name or alias (case-insensitive ASCII), or NULL. */
const struct skill *skills_lookup(const struct skills *s, const char *name);

#endif
