/* SPDX-License-Identifier: MIT */
/*
 * PDF: poppler's pdftotext, run as a child process. It keeps untrusted PDFs out of Rubric's
 * address space (and the GPL out of its binary), and the child runs under rlimits (CPU
 * seconds, address space, no files written, few descriptors) and a confinement (no network,
 * no file written, nothing read outside the system's folders: extract/sandbox.h), set before
 * it sees a byte of the PDF, with a wall-clock timeout after which it is killed. The PDF goes in on
 * stdin and the text comes back on stdout, through poll so that neither side can block the other.
 * The process must ignore SIGPIPE (main does), so that a child that stops reading early is an error
 * here, not a death.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "extract/formats.h"
#include "extract/sandbox.h"
#include "util/buf.h"

#ifndef PDFTOTEXT
#define PDFTOTEXT "pdftotext"
#endif

static long long
now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The program's path: a name is looked up on PATH here, in the parent, because the child
 * may call nothing that allocates. */
static bool
program_path(const char *prog, char *out, size_t n)
{
    const char *path = getenv("PATH"), *p;
    if (strchr(prog, '/'))
        return (size_t)snprintf(out, n, "%s", prog) < n;
    for (p = path ? path : "/usr/bin:/bin"; *p;) {
        size_t len = strcspn(p, ":");
        if ((size_t)snprintf(out, n, "%.*s/%s", (int)len, p, prog) < n && access(out, X_OK) == 0)
            return true;
        p += len + (p[len] == ':');
    }
    return false;
}

/* Starts pdftotext with the pipes as stdin and stdout, stderr to /dev/null and no other
 * descriptor, under its rlimits and confinement (extract/sandbox.h), all set in the child
 * before exec, so the untrusted input is never parsed without them. The child between fork
 * and exec makes system calls only. */
static int
spawn(const char *prog, const struct extract_limits *lim, int in, int out, pid_t *pid)
{
    static char *const argv_tail[] = {"-layout", "-enc", "UTF-8", "-q", "-", "-", NULL};
    char path[4096], dir[4096], *argv[8], *slash;
    int devnull, ruleset, err = 0;
    if (!program_path(prog, path, sizeof path))
        return ENOENT;
    if (!sandbox_prepare())
        return EPERM;
    argv[0] = path;
    memcpy(argv + 1, argv_tail, sizeof argv_tail);
    snprintf(dir, sizeof dir, "%s", path);
    if ((slash = strrchr(dir, '/')))
        *slash = '\0';
    if ((devnull = open("/dev/null", O_WRONLY | O_CLOEXEC)) < 0)
        return errno;
    ruleset = sandbox_ruleset(slash && *dir ? dir : NULL);
    if ((*pid = fork()) < 0)
        err = errno;
    if (*pid == 0) {
        const struct rlimit cpu = {lim->pdf_cpu_seconds, lim->pdf_cpu_seconds};
        const struct rlimit as = {lim->pdf_memory, lim->pdf_memory};
        const struct rlimit none = {0, 0}, files = {16, 16};
        if (dup2(in, STDIN_FILENO) < 0 || dup2(out, STDOUT_FILENO) < 0 ||
            dup2(devnull, STDERR_FILENO) < 0 || setrlimit(RLIMIT_CPU, &cpu) ||
            setrlimit(RLIMIT_AS, &as) || setrlimit(RLIMIT_FSIZE, &none) ||
            setrlimit(RLIMIT_CORE, &none) || setrlimit(RLIMIT_NOFILE, &files) ||
            !sandbox_enter(ruleset))
            _exit(126);
        syscall(SYS_close_range, STDERR_FILENO + 1, ~0U, 0);
        execve(path, argv, environ);
        _exit(127);
    }
    if (ruleset >= 0)
        close(ruleset);
    close(devnull);
    return err;
}

enum rb_err
pdf_text(const unsigned char *data, size_t len, const struct extract_limits *lim,
         struct extracted *out, char *errmsg)
{
    int to[2] = {-1, -1}, from[2] = {-1, -1}, status = 0, err;
    pid_t pid = -1;
    struct buf b;
    size_t sent = 0;
    long long deadline = now_ms() + lim->pdf_timeout_ms;
    bool timed_out = false, too_big = false;
    enum rb_err rc = RB_EINVAL;

    buf_init(&b, lim->max_text);
    if (pipe2(to, O_CLOEXEC) < 0 || pipe2(from, O_CLOEXEC) < 0) {
        snprintf(errmsg, RB_ERRMSG, "cannot run pdftotext: %s", strerror(errno));
        rc = RB_EIO;
        goto out;
    }
    if ((err = spawn(lim->pdftotext ? lim->pdftotext : PDFTOTEXT, lim, to[0], from[1], &pid))) {
        snprintf(errmsg, RB_ERRMSG, "cannot run pdftotext: %s",
                 err == ENOENT  ? "install poppler-utils"
                 : err == EPERM ? "its confinement (seccomp) cannot be built"
                                : strerror(err));
        rc = RB_EIO;
        goto out;
    }
    close(to[0]);
    close(from[1]);
    to[0] = from[1] = -1;
    fcntl(to[1], F_SETFL, O_NONBLOCK);
    fcntl(from[0], F_SETFL, O_NONBLOCK);

    while (from[0] >= 0) {
        struct pollfd p[2];
        int np = 0, wait_ms = (int)(deadline - now_ms());
        char chunk[16384];
        if (wait_ms <= 0) {
            timed_out = true;
            break;
        }
        p[np++] = (struct pollfd){from[0], POLLIN, 0};
        if (to[1] >= 0)
            p[np++] = (struct pollfd){to[1], POLLOUT, 0};
        if (poll(p, (nfds_t)np, wait_ms) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (np > 1 && (p[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
            ssize_t w = write(to[1], data + sent, len - sent);
            if (w > 0)
                sent += (size_t)w;
            /* all sent, or the child stopped reading (its exit status will say why) */
            if (sent == len || (w < 0 && errno != EAGAIN)) {
                close(to[1]);
                to[1] = -1;
            }
        }
        if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            ssize_t r = read(from[0], chunk, sizeof chunk);
            if (r > 0) {
                if (buf_append(&b, chunk, (size_t)r)) {
                    too_big = true;
                    break;
                }
            } else if (r == 0 || errno != EAGAIN) {
                close(from[0]);
                from[0] = -1;
            }
        }
    }
    if (timed_out || too_big)
        kill(pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (timed_out) {
        snprintf(errmsg, RB_ERRMSG, "PDF took too long to read (limit %u ms)", lim->pdf_timeout_ms);
        rc = RB_ETOOBIG;
    } else if (too_big) {
        snprintf(errmsg, RB_ERRMSG, "too much text (limit %zu bytes)", lim->max_text);
        rc = RB_ETOOBIG;
    } else if (WIFSIGNALED(status)) {
        snprintf(errmsg, RB_ERRMSG, "PDF needed more CPU or memory than allowed (%s)",
                 strsignal(WTERMSIG(status)));
        rc = RB_ETOOBIG;
    } else if (WEXITSTATUS(status) == 127) {
        snprintf(errmsg, RB_ERRMSG, "cannot run pdftotext: install poppler-utils");
        rc = RB_EIO;
    } else if (WEXITSTATUS(status) == 126) {
        snprintf(errmsg, RB_ERRMSG,
                 "cannot run pdftotext: the kernel refused its limits or "
                 "confinement (seccomp, Landlock)");
        rc = RB_EIO;
    } else if (WEXITSTATUS(status) != 0) {
        /* pdftotext says 1 for "cannot open", 3 for "no permission to extract" */
        if (memmem(data, len, "/Encrypt", 8))
            snprintf(errmsg, RB_ERRMSG, "encrypted PDF");
        else
            snprintf(errmsg, RB_ERRMSG, "corrupt PDF (pdftotext could not read it)");
    } else {
        out->len = b.len;
        out->text = buf_take(&b);
        rc = RB_OK;
    }
out:
    for (int i = 0; i < 2; i++) {
        if (to[i] >= 0)
            close(to[i]);
        if (from[i] >= 0)
            close(from[i]);
    }
    buf_cleanup(&b);
    return rc;
}
