/* SPDX-License-Identifier: MIT */
/*
 * Reading resumes: untrusted files of any of the formats people send (PDF, DOCX, plain
 * text, Markdown, HTML, JSON Resume) into UTF-8 text, under limits on size, decompression,
 * time and memory. The format is found from the content, not the file name. A file that
 * cannot be read gives one short reason ("encrypted PDF", "archive bomb") and never takes
 * the caller down with it: PDFs are read by pdftotext in a child process under rlimits.
 */
#ifndef RUBRIC_EXTRACT_EXTRACT_H
#define RUBRIC_EXTRACT_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

enum doc_format {
    FMT_UNKNOWN,
    FMT_TEXT,
    FMT_MARKDOWN,
    FMT_HTML,
    FMT_JSON_RESUME,
    FMT_DOCX,
    FMT_PDF,
};

const char *doc_format_name(enum doc_format f);

struct extract_limits {
    size_t max_file;              /* bytes read from disk */
    size_t max_text;              /* bytes of text produced */
    size_t docx_max_entries;      /* files in a DOCX archive */
    size_t docx_max_uncompressed; /* bytes of word/document.xml */
    unsigned docx_max_ratio;      /* uncompressed / compressed */
    unsigned pdf_cpu_seconds;     /* RLIMIT_CPU of pdftotext */
    size_t pdf_memory;            /* RLIMIT_AS of pdftotext, bytes */
    unsigned pdf_timeout_ms;      /* wall clock before pdftotext is killed */
    const char *pdftotext;        /* the program (NULL: pdftotext on PATH); tests use a stand-in */
};

/* Limits for resumes: 20 MiB files, 2 MiB of text; per PDF 5 s of CPU, 512 MiB and 10 s
 * of wall-clock time. */
extern const struct extract_limits extract_default_limits;

struct extracted {
    enum doc_format format;
    char *text; /* UTF-8, NUL-terminated, new */
    size_t len;
    /* how the text was decoded, when that is worth saying ("converted from
     * Windows-1252"); static storage or NULL */
    const char *note;
};

/* Whether a file met while walking a folder is worth reading as a resume, by its name: not
 * one of a database's companions (-wal, -shm, -journal), such as the store's own kept beside
 * the resumes. A database itself is told by its first bytes when it is read
 * (extract_is_database), on the run's threads rather than by opening every file before.
 * Anything else is read, and a file that is no resume is reported with its reason. Files
 * named one by one are always read. */
bool extract_resume_candidate(const char *path);
/* Whether data is a SQLite database (its first bytes). */
bool extract_is_database(const void *data, size_t len);
/* The same of the file at path, by its first bytes alone: for a file too large to read,
 * such as a store grown past the resume size limit. */
bool extract_file_is_database(const char *path);

/* The format of data, from its content (and name only to tell Markdown from text). */
enum doc_format extract_detect(const char *name, const unsigned char *data, size_t len);

/* Reads the resume in data (named name in messages). On failure errmsg holds the one-line
 * reason and the error is RB_EINVAL (not a resume, corrupt, encrypted, empty), RB_ETOOBIG
 * (over a limit) or RB_EIO (pdftotext could not be run). Free out with extracted_cleanup. */
enum rb_err extract_buffer(const char *name, const unsigned char *data, size_t len,
                           const struct extract_limits *lim, struct extracted *out, char *errmsg);
/* Reads the file at path (at most lim->max_file bytes; NULL: the defaults) into *data (new,
 * NUL-terminated) and *len; errmsg holds only the reason, for the caller names the file. */
enum rb_err extract_read(const char *path, const struct extract_limits *lim, char **data,
                         size_t *len, char *errmsg);
/* The same as extract_buffer for a file on disk. */
enum rb_err extract_file(const char *path, const struct extract_limits *lim, struct extracted *out,
                         char *errmsg);
void extracted_cleanup(struct extracted *e);

/* Text decoding on its own: UTF-8 (BOM dropped), UTF-16 with a BOM, else Windows-1252.
 * Returns a new string; *note says which conversion was made (NULL for none). */
char *extract_decode_text(const unsigned char *data, size_t len, size_t max, const char **note,
                          enum rb_err *rc);

#endif
