/* SPDX-License-Identifier: MIT */
/*
 * Peak memory of a command: runs it (its standard output thrown away with -q) and prints
 * the maximum resident set size the kernel recorded for it, in KiB, from wait4's rusage.
 * Exits with the command's status, or 126/127 when it could not be run.
 *
 * usage: peakrss [-q] COMMAND [ARG...]
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
    int a = 1, status = 0;
    int quiet = argc > 1 && !strcmp(argv[1], "-q");
    struct rusage ru;
    pid_t pid;

    a += quiet;
    if (a >= argc) {
        fprintf(stderr, "usage: peakrss [-q] COMMAND [ARG...]\n");
        return 2;
    }
    pid = fork();
    if (pid < 0) {
        perror("peakrss: fork");
        return 126;
    }
    if (pid == 0) {
        if (quiet) {
            int fd = open("/dev/null", O_WRONLY);
            if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0)
                _exit(126);
            close(fd);
        }
        execvp(argv[a], argv + a);
        fprintf(stderr, "peakrss: cannot run %s: %s\n", argv[a], strerror(errno));
        _exit(127);
    }
    while (wait4(pid, &status, 0, &ru) < 0)
        if (errno != EINTR) {
            perror("peakrss: wait4");
            return 126;
        }
    printf("%ld\n", ru.ru_maxrss);
    if (WIFSIGNALED(status)) {
        fprintf(stderr, "peakrss: %s: %s\n", argv[a], strsignal(WTERMSIG(status)));
        return 128 + WTERMSIG(status);
    }
    return WEXITSTATUS(status);
}
