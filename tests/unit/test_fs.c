/* SPDX-License-Identifier: MIT */
/* Atomic file writes: what uploads, exports and backups rely on when threads write at once. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/err.h"
#include "util/fs.h"
#include "util/mem.h"

#define WRITERS 8
#define SIZE (256u * 1024u)

static char path[256];

/* Writes SIZE bytes of one letter (its own) to the shared path, a few times over. */
static void *
writer(void *arg)
{
    long k = (long)arg;
    char *data = xmalloc(SIZE);
    char errmsg[RB_ERRMSG];
    long failures = 0;
    memset(data, 'a' + (int)k, SIZE);
    for (int i = 0; i < 10; i++)
        if (fs_write_atomic_mode(path, data, SIZE, 0600, errmsg) != RB_OK)
            failures++;
    free(data);
    return (void *)failures;
}

Test(fs, threads_writing_one_path_at_once_leave_one_whole_file)
{
    char dir[] = "/tmp/rubric-fs-XXXXXX";
    pthread_t t[WRITERS];
    struct stat st;
    size_t len = 0;
    char *got, errmsg[RB_ERRMSG];
    cr_assert(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/file", dir);
    for (long k = 0; k < WRITERS; k++)
        pthread_create(&t[k], NULL, writer, (void *)k);
    for (int k = 0; k < WRITERS; k++) {
        void *failures;
        pthread_join(t[k], &failures);
        cr_expect_eq((long)failures, 0, "writer %d failed %ld of its writes", k, (long)failures);
    }
    /* one writer's bytes, whole: never a mix, never short */
    cr_assert_eq(fs_read(path, SIZE + 1, &got, &len, errmsg), RB_OK, "%s", errmsg);
    cr_assert_eq(len, SIZE);
    for (size_t i = 1; i < len; i++)
        cr_assert_eq(got[i], got[0], "byte %zu is from another writer", i);
    cr_assert_eq(stat(path, &st), 0);
    cr_expect_eq(st.st_mode & 0777, 0600u, "the mode asked for");
    free(got);
    /* no temporary file is left behind */
    {
        char cmd[320];
        snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) -eq 1", dir);
        cr_expect_eq(system(cmd), 0, "temporary files were left in %s", dir);
        snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
        cr_expect_eq(system(cmd), 0);
    }
}
