/* SPDX-License-Identifier: MIT */
/*
 * `rubric backup --output FILE` and `rubric restore --input FILE`: a copy of the whole store
 * taken while servers go on using it, and that copy put back (docs/SECURITY.md, "Backups"),
 * on either backend (the file is a SQLite store either way).
 * The upload files are not in the store: copy the uploads folder beside the backup.
 */
#include <getopt.h>
#include <stdio.h>

#include "cmd/cmd.h"

static const struct option backup_opts[] = {
    {"output", required_argument, NULL, 'o'}, {"help", no_argument, NULL, 'h'}, {0}};
static const struct cmd_spec backup_spec = {
    "backup", "h", backup_opts,
    "usage: rubric backup --output FILE\n\n"
    "Copies the whole store into FILE (a SQLite file, mode 0600) while servers go on reading\n"
    "and writing it: the store as of one moment, with every write acknowledged before the\n"
    "backup began. FILE is written beside its name and renamed into place, so it is whole\n"
    "or absent. On PostgreSQL the file is the same kind: one snapshot copied table by\n"
    "table into it and compared. The uploaded resume files are not in the store: copy the\n"
    "uploads folder too. Put it back with 'rubric restore --input FILE'.\n\n"
    "  --output FILE  where to write the backup (required)\n"};

int
cmd_backup(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *output = NULL;
    struct store *s;
    char msg[RB_ERRMSG];
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&backup_spec, argc, argv, &rc)) > 0)
        if (ch == 'o')
            output = optarg;
    if (ch < 0)
        return rc;
    if (optind != argc || !output || !*output)
        return cmd_usage("backup", "give the backup's file with --output FILE");
    if ((rc = cmd_open_store(ctx, &s)))
        return rc;
    e = store_backup(s, output, msg);
    store_close(s);
    if (e)
        return cmd_fail(e, msg);
    fprintf(stderr, "rubric: the store is backed up in %s\n", output);
    return 0;
}

static const struct option restore_opts[] = {
    {"input", required_argument, NULL, 'i'}, {"help", no_argument, NULL, 'h'}, {0}};
static const struct cmd_spec restore_spec = {
    "restore", "h", restore_opts,
    "usage: rubric restore --input FILE\n\n"
    "Replaces the whole store with the backup in FILE ('rubric backup'), after checking it:\n"
    "a SQLite store whose integrity check passes and whose schema this rubric knows (an\n"
    "older one is brought up to date when next opened). A backup of either backend\n"
    "restores into either; on PostgreSQL every row is replaced in one transaction, so a\n"
    "restore that fails changes nothing. Stop the servers using the store first; put the\n"
    "uploads folder of the same time back too.\n\n"
    "  --input FILE  the backup to restore (required)\n"};

int
cmd_restore(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *input = NULL;
    struct store *s;
    char msg[RB_ERRMSG];
    int ch, rc = 0;
    enum rb_err e;

    while ((ch = cmd_getopt(&restore_spec, argc, argv, &rc)) > 0)
        if (ch == 'i')
            input = optarg;
    if (ch < 0)
        return rc;
    if (optind != argc || !input || !*input)
        return cmd_usage("restore", "give the backup to restore with --input FILE");
    if ((rc = cmd_open_store(ctx, &s)))
        return rc;
    e = store_restore(s, input, msg);
    store_close(s);
    if (e)
        return cmd_fail(e, msg);
    fprintf(stderr, "rubric: the store is restored from %s\n", input);
    return 0;
}
