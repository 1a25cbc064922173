/* SPDX-License-Identifier: MIT */
/*
 * The confinement of untrusted-input children (extract/sandbox.h). The seccomp filter is
 * built with libseccomp and exported as a BPF program into memory once; the Landlock ruleset
 * is made for each child (a few system calls) and handed to it as a descriptor. The child only
 * makes the prctl and landlock system calls.
 */
#include "extract/sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/landlock.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <seccomp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static struct sock_fprog prog;
static bool ready;

/* Calls refused: networking, writing or changing files, and reaching into other processes. */
static const int denied[] = {
    SCMP_SYS(socket),
    SCMP_SYS(socketpair),
    SCMP_SYS(connect),
    SCMP_SYS(bind),
    SCMP_SYS(listen),
    SCMP_SYS(accept),
    SCMP_SYS(accept4),
    SCMP_SYS(creat),
    SCMP_SYS(unlink),
    SCMP_SYS(unlinkat),
    SCMP_SYS(rename),
    SCMP_SYS(renameat),
    SCMP_SYS(renameat2),
    SCMP_SYS(mkdir),
    SCMP_SYS(mkdirat),
    SCMP_SYS(rmdir),
    SCMP_SYS(link),
    SCMP_SYS(linkat),
    SCMP_SYS(symlink),
    SCMP_SYS(symlinkat),
    SCMP_SYS(chmod),
    SCMP_SYS(fchmodat),
    SCMP_SYS(truncate),
    SCMP_SYS(ptrace),
    SCMP_SYS(process_vm_writev),
    SCMP_SYS(openat2),
    SCMP_SYS(mknod),
    SCMP_SYS(mknodat),
};

/* open(path, flags) and openat(dir, path, flags) with any flag that writes or creates. */
static bool
deny_writing_opens(scmp_filter_ctx ctx)
{
    static const unsigned flags[] = {O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND};
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++) {
        if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EACCES), SCMP_SYS(open), 1,
                             SCMP_A1(SCMP_CMP_MASKED_EQ, flags[i], flags[i])) ||
            seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EACCES), SCMP_SYS(openat), 1,
                             SCMP_A2(SCMP_CMP_MASKED_EQ, flags[i], flags[i])))
            return false;
    }
    return true;
}

/* The filter as a BPF program in memory: libseccomp 2.5 exports only to a descriptor. */
static bool
build_seccomp(void)
{
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    int fd = -1;
    off_t len;
    bool ok = false;
    if (!ctx)
        return false;
    for (size_t i = 0; i < sizeof denied / sizeof denied[0]; i++)
        if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EACCES), denied[i], 0))
            goto out;
    if (!deny_writing_opens(ctx))
        goto out;
    if ((fd = memfd_create("rubric-seccomp", MFD_CLOEXEC)) < 0 || seccomp_export_bpf(ctx, fd))
        goto out;
    if ((len = lseek(fd, 0, SEEK_END)) <= 0 || len % sizeof(struct sock_filter) ||
        lseek(fd, 0, SEEK_SET) != 0)
        goto out;
    prog.filter = malloc((size_t)len);
    if (!prog.filter || pread(fd, prog.filter, (size_t)len, 0) != len)
        goto out;
    prog.len = (unsigned short)((size_t)len / sizeof(struct sock_filter));
    ok = true;
out:
    if (!ok) {
        free(prog.filter);
        prog.filter = NULL;
    }
    if (fd >= 0)
        close(fd);
    seccomp_release(ctx);
    return ok;
}

/* Allows reading and executing beneath dir; false when the kernel refused the rule. */
static bool
allow_beneath(int ruleset, const char *dir, uint64_t access)
{
    struct landlock_path_beneath_attr pb = {.allowed_access = access};
    struct stat sb;
    bool ok;
    /* a symbolic link (/bin -> usr/bin) is covered by its target; a missing folder needs
     * no rule */
    if (lstat(dir, &sb) || !S_ISDIR(sb.st_mode))
        return true;
    if ((pb.parent_fd = open(dir, O_PATH | O_CLOEXEC | O_DIRECTORY)) < 0)
        return true;
    ok = syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &pb, 0) == 0;
    close(pb.parent_fd);
    return ok;
}

int
sandbox_ruleset(const char *program_dir)
{
    static const char *const readable[] = {"/usr", "/lib", "/lib64", "/bin", "/sbin", "/etc"};
    struct landlock_ruleset_attr attr = {0};
    long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
    uint64_t read_exec =
        LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR;
    int fd;
    if (abi < 1)
        return -1;
    attr.handled_access_fs = (LANDLOCK_ACCESS_FS_MAKE_SYM << 1) - 1; /* every right of ABI 1 */
    if (abi >= 2)
        attr.handled_access_fs |= LANDLOCK_ACCESS_FS_REFER;
    /* the rights of ABI 3 and later (truncate, TCP) are not in Debian 12's headers: seccomp
     * refuses truncate and every socket */
    fd = (int)syscall(SYS_landlock_create_ruleset, &attr, sizeof attr, 0);
    if (fd < 0)
        return -1;
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    for (size_t i = 0; i <= sizeof readable / sizeof readable[0]; i++) {
        const char *dir = i < sizeof readable / sizeof readable[0] ? readable[i] : program_dir;
        if (dir && !allow_beneath(fd, dir, read_exec)) {
            close(fd);
            return -1;
        }
    }
    return fd;
}

static void
prepare(void)
{
    ready = build_seccomp();
}

bool
sandbox_prepare(void)
{
    pthread_once(&once, prepare);
    return ready;
}

bool
sandbox_enter(int ruleset)
{
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
        return false;
    if (ruleset >= 0 && syscall(SYS_landlock_restrict_self, ruleset, 0))
        return false;
    return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) == 0;
}
