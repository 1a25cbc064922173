/* SPDX-License-Identifier: MIT */
/*
 * Finding skills in resume text: every name and alias of the skills taxonomy compiled once
 * into one Hyperscan literal database, scanned in a single pass. Matches must stand as words
 * ("java" is not found inside "javascript", nor "sql" inside "postgresql", nor "c" inside
 * "c++"), the longest match wins where matches overlap ("spring boot" over "spring"), and a
 * skill marked ambiguous in the taxonomy ("go", "r", "swift", "express") counts only with
 * context: in a list that holds a plain skill or three names ("Go, Rust and Kafka"), on a
 * line labelled as skills, or written capitalised before a word that says it is technology
 * ("Go services", "Rust 1.75") or, for a language, after one ("written in Rust"). Names
 * inside links and e-mail addresses ("github.com/ada") are not mentions.
 */
#ifndef RUBRIC_RESUME_SKILLSCAN_H
#define RUBRIC_RESUME_SKILLSCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/skills.h"
#include "util/err.h"

struct skillscan;

/* A skill found: its index in the taxonomy and where in the text. */
struct skill_hit {
    size_t skill;
    size_t start, end; /* byte offsets, end exclusive */
    bool ambiguous;    /* found by a name that needs context */
    bool context;      /* it had that context (always true for other names) */
};

/* Compiles the taxonomy (borrowed: it must outlive the scanner). *out is new: free with
 * skillscan_free. One scanner is for one thread at a time. */
enum rb_err skillscan_new(const struct skills *taxonomy, struct skillscan **out, char *errmsg);
void skillscan_free(struct skillscan *sc);

/* A compiled database saved at build time (tools/hsdb.c writes build/gen/hsdb.c, linked into
 * the rubric binary), so that a start does not compile the taxonomy. */
struct skillscan_saved {
    const unsigned char *data;
    size_t len;
    uint64_t fingerprint; /* of the literals compiled: a scanner of another taxonomy compiles */
};

/* The saved database of the built-in taxonomy; defined only in programs that link
 * build/gen/hsdb.c. */
extern const struct skillscan_saved skillscan_saved_builtin;

/* Offers saved (borrowed: it must outlive every scanner) to the scanners made after this
 * call: one whose literals have saved's fingerprint loads it instead of compiling, and
 * compiles when loading fails (another CPU or Hyperscan build). NULL withdraws the offer.
 * Call at start, before any thread makes a scanner. */
void skillscan_offer_saved(const struct skillscan_saved *saved);

/* Whether sc loaded the offered database (false: it compiled its own). */
bool skillscan_loaded(const struct skillscan *sc);

/* sc's compiled database serialised: *data is new (free()), *fingerprint what
 * skillscan_saved needs. */
enum rb_err skillscan_save(const struct skillscan *sc, char **data, size_t *len,
                           uint64_t *fingerprint, char *errmsg);

/* A scanner for another thread: it shares sc's compiled database (sc must outlive it) and
 * has its own scratch space. Free with skillscan_free. */
enum rb_err skillscan_clone(const struct skillscan *sc, struct skillscan **out, char *errmsg);

/* The built-in taxonomy into *taxonomy (initialised here; skills_cleanup it after freeing
 * the scanner) and a scanner over it. */
enum rb_err skillscan_builtin(struct skills *taxonomy, struct skillscan **out, char *errmsg);

/* The skills in text, in order of position. *hits is new (free()). */
enum rb_err skillscan_run(struct skillscan *sc, const char *text, size_t len,
                          struct skill_hit **hits, size_t *n, char *errmsg);

/* The same, keeping ambiguous names without context too (context false), for callers that
 * know more about the text (a resume's skills section). */
enum rb_err skillscan_run_all(struct skillscan *sc, const char *text, size_t len,
                              struct skill_hit **hits, size_t *n, char *errmsg);

/* How far (bytes) another skill may be for an ambiguous one to count. */
#define SKILLSCAN_CONTEXT 60

#endif
