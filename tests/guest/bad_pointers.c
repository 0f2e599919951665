/* compare: native */
/* stdin: abc\n */
/* A system call given a pointer outside the process's memory fails with EFAULT
 * and the process carries on; through the libc wrappers and through syscall().
 * Some libc wrappers dereference their arguments themselves on Linux (glibc's
 * sigprocmask, the vDSO clock_gettime), so those are checked natively only
 * through syscall(). */
#include <signal.h>
#include <stdint.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

#define BAD ((void *)(uintptr_t)0xfffffff0u)
#define WRAP ((void *)(uintptr_t)0xffffff00u)

static void note(const char *what)
{
	printf("%s: EFAULT\n", what);
}

int main(void)
{
	CHECK_ERRNO(write(1, BAD, 100), EFAULT);
	CHECK_ERRNO(syscall(SYS_write, 1, BAD, 100), EFAULT);
	CHECK_ERRNO(write(1, WRAP, 0x200), EFAULT);
	note("write");

	CHECK_ERRNO(read(0, BAD, 100), EFAULT);
	CHECK_ERRNO(syscall(SYS_read, 0, BAD, 100), EFAULT);
	note("read");

	struct iovec iov[2] = { { "ok", 2 }, { BAD, 10 } };
	CHECK_ERRNO(writev(1, BAD, 1), EFAULT);
	CHECK_ERRNO(writev(1, iov + 1, 1), EFAULT);
	CHECK_ERRNO(readv(0, BAD, 1), EFAULT);
	note("readv/writev");

	struct timespec ts;
	CHECK_ERRNO(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, BAD), EFAULT);
	CHECK_ERRNO(syscall(SYS_clock_gettime, CLOCK_REALTIME, WRAP), EFAULT);
	CHECK_ERRNO(syscall(SYS_clock_getres, CLOCK_MONOTONIC, BAD), EFAULT);
#ifdef __wunix__
	CHECK_ERRNO(clock_gettime(CLOCK_MONOTONIC, BAD), EFAULT);
#endif
	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &ts), 0);
	note("clock_gettime");

	CHECK_ERRNO(syscall(SYS_gettimeofday, BAD, NULL), EFAULT);
	note("gettimeofday");

	CHECK_ERRNO(nanosleep(BAD, NULL), EFAULT);
	CHECK_ERRNO(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, BAD, NULL), EFAULT);
	note("nanosleep");

	CHECK_ERRNO(uname(BAD), EFAULT);
	CHECK_ERRNO(syscall(SYS_uname, BAD), EFAULT);
	note("uname");

	CHECK_ERRNO(getrandom(BAD, 16, 0), EFAULT);
	CHECK_ERRNO(syscall(SYS_getrandom, BAD, 16, 0), EFAULT);
	note("getrandom");

	CHECK_ERRNO(syscall(SYS_getresuid, BAD, BAD, BAD), EFAULT);
	CHECK_ERRNO(syscall(SYS_getresgid, BAD, BAD, BAD), EFAULT);
	note("getresuid/getresgid");

	CHECK_ERRNO(syscall(SYS_rt_sigprocmask, SIG_BLOCK, BAD, NULL, 8), EFAULT);
	CHECK_ERRNO(syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, BAD, 8), EFAULT);
	CHECK_ERRNO(syscall(SYS_rt_sigaction, SIGUSR1, BAD, NULL, 8), EFAULT);
	CHECK_ERRNO(syscall(SYS_rt_sigaction, SIGUSR1, NULL, BAD, 8), EFAULT);
#ifdef __wunix__
	/* musl passes the set straight to the kernel. (Its sigaction copies the
	 * struct in user space first, so a bad pointer there faults in libc, as
	 * with any libc.) */
	CHECK_ERRNO(sigprocmask(SIG_BLOCK, BAD, NULL), EFAULT);
#endif
	note("rt_sigprocmask/rt_sigaction");

	/* Nothing was harmed: the fds and the process still work. */
	char buf[8];
	CHECK_EQ(read(0, buf, 4), 4);
	CHECK(memcmp(buf, "abc\n", 4) == 0);
	fflush(stdout);
	CHECK_EQ(write(1, "still alive\n", 12), 12);
	return check_done();
}
