/* SPDX-License-Identifier: MIT */
/*
 * The confinement of a child that reads untrusted input (pdftotext): prepared once in the
 * parent, entered in the child between fork and exec with raw system calls only (after a
 * fork in a threaded process nothing that may allocate or lock is safe).
 *
 * - Landlock (Linux 5.13 and later): the child may read and execute files under /usr, /lib,
 *   /lib64, /bin, /sbin, /etc and its program's folder (the loader's libraries, ld.so.cache,
 *   font configuration) and nothing else; it may write, create or remove no file anywhere.
 * - seccomp (libseccomp): no socket of any kind, no open for writing, no change to the file
 *   system, no ptrace; each refused with EACCES, so the program sees an error, not a kill.
 *
 * Descriptors already open (its pipes) stay usable. Where the kernel has no Landlock, only
 * the seccomp part applies.
 */
#ifndef RUBRIC_EXTRACT_SANDBOX_H
#define RUBRIC_EXTRACT_SANDBOX_H

#include <stdbool.h>

/* Prepares the seccomp program (once per process; thread-safe). False when it cannot be
 * built: the child must then not be started. */
bool sandbox_prepare(void);
/* A new Landlock ruleset (a close-on-exec descriptor, for the parent to close after the
 * fork) allowing reads under the system's folders and program_dir (the program's own folder,
 * NULL for none); -1 when the kernel has no Landlock. */
int sandbox_ruleset(const char *program_dir);
/* In the child: enters the confinement (ruleset -1: seccomp only). Async-signal-safe. False
 * when the kernel refused. */
bool sandbox_enter(int ruleset);

#endif
