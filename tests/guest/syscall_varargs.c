/* compare: native */
/* syscall() passes its arguments through as programs usually write them: ints,
 * pointers and sizes, up to six, including -1 and a NULL pointer. */
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

int main(void)
{
	fflush(stdout);
	CHECK_EQ(syscall(SYS_write, 1, "written by syscall()\n", 21), 21);

	unsigned char rnd[16] = { 0 }, zero[16] = { 0 };
	CHECK_EQ(syscall(SYS_getrandom, rnd, sizeof rnd, 0), 16);
	CHECK(memcmp(rnd, zero, sizeof rnd) != 0);

	struct timespec ts = { -1, -1 };
	CHECK_EQ(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts), 0);
	CHECK(ts.tv_sec >= 0 && ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000);

	struct utsname u;
	memset(&u, 0, sizeof u);
	CHECK_EQ(syscall(SYS_uname, &u), 0);
	CHECK(u.sysname[0] != '\0');

	/* Six arguments, with fd -1 and offset 0. */
	long p = syscall(SYS_mmap, NULL, 8192, PROT_READ | PROT_WRITE,
		MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != -1 && p % 4096 == 0);
	if (p != -1) {
		memset((void *)p, 1, 8192);
		CHECK_EQ(syscall(SYS_munmap, (void *)p, 8192), 0);
	}

	sigset_t set, got;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	CHECK_EQ(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, _NSIG / 8), 0);
	CHECK_EQ(syscall(SYS_rt_sigprocmask, SIG_SETMASK, NULL, &got, _NSIG / 8), 0);
	CHECK(sigismember(&got, SIGUSR2));

	CHECK_EQ(syscall(SYS_getpid), getpid());
	CHECK_ERRNO(syscall(SYS_close, -1), EBADF);
	printf("syscall() arguments ok\n");
	return check_done();
}
