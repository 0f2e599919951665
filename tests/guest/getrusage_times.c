/* compare: native */
/* getrusage and times: our CPU time never goes down and grows while we
 * compute; a new child starts from zero; children's figures are zero until a
 * child is reaped (a zombie does not count yet) and then include all of its
 * CPU time, which wait4 also reports; times() counts elapsed ticks across a
 * sleep. An unknown `who` is EINVAL. */
#include "check.h"
#include <sys/resource.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BUSY_MS 100

static long long cpu_us(const struct rusage *ru)
{
	return (ru->ru_utime.tv_sec + ru->ru_stime.tv_sec) * 1000000LL + ru->ru_utime.tv_usec + ru->ru_stime.tv_usec;
}

static long long self_us(void)
{
	struct rusage ru;
	CHECK_EQ(getrusage(RUSAGE_SELF, &ru), 0);
	CHECK(ru.ru_utime.tv_usec >= 0 && ru.ru_utime.tv_usec < 1000000);
	CHECK(ru.ru_stime.tv_usec >= 0 && ru.ru_stime.tv_usec < 1000000);
	return cpu_us(&ru);
}

static double wall_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Computes until our CPU time has grown by ms; false if that takes more than
 * 20 s of real time (CPU time not being counted). */
static int busy(int ms)
{
	static volatile unsigned sink;
	long long start = self_us(), last = start;
	double t0 = wall_s();
	while (last - start < ms * 1000LL) {
		for (int i = 0; i < 100000; i++)
			sink = sink * 31 + (unsigned)i;
		long long now = self_us();
		CHECK(now >= last);
		last = now;
		if (wall_s() - t0 > 20)
			return 0;
	}
	return 1;
}

int main(void)
{
	struct rusage ru;
	struct tms t0, t1;
	long hz = sysconf(_SC_CLK_TCK);

	CHECK(hz > 0);
	CHECK_EQ(getrusage(RUSAGE_CHILDREN, &ru), 0);
	CHECK_EQ(cpu_us(&ru), 0);
	clock_t c0 = times(&t0);
	CHECK(c0 != (clock_t)-1);
	CHECK_EQ(t0.tms_cutime + t0.tms_cstime, 0);

	CHECK(busy(BUSY_MS / 2));
	long long parent = self_us();
	printf("our CPU time grows while we compute\n");

	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		/* a new process has used almost nothing yet */
		int fresh = self_us() < parent;
		_exit(!fresh ? 2 : busy(BUSY_MS) ? 0 : 3);
	}
	CHECK(pid > 0);
	siginfo_t si;
	CHECK_EQ(waitid(P_PID, pid, &si, WEXITED | WNOWAIT), 0);
	CHECK_EQ(getrusage(RUSAGE_CHILDREN, &ru), 0);
	CHECK_EQ(cpu_us(&ru), 0);

	struct rusage child;
	int status = -1;
	CHECK_EQ(wait4(pid, &status, 0, &child), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(cpu_us(&child) >= BUSY_MS * 1000LL);
	CHECK_EQ(getrusage(RUSAGE_CHILDREN, &ru), 0);
	CHECK(cpu_us(&ru) >= cpu_us(&child));
	printf("a reaped child's CPU time is in RUSAGE_CHILDREN and wait4's rusage\n");

	struct timespec nap = { 0, 50000000 };
	nanosleep(&nap, NULL);
	clock_t c1 = times(&t1);
	CHECK(c1 != (clock_t)-1);
	/* 50 ms is 5 ticks at 100 Hz; allow for the rounding down of both ends */
	CHECK(c1 - c0 >= 5 * hz / 100 - 1);
	CHECK(t1.tms_utime + t1.tms_stime >= t0.tms_utime + t0.tms_stime);
	CHECK(t1.tms_utime + t1.tms_stime >= (BUSY_MS / 2) * hz / 1000 - 2);
	/* utime and stime are each rounded down */
	CHECK(t1.tms_cutime + t1.tms_cstime >= BUSY_MS * hz / 1000 - 2);
	CHECK(self_us() >= parent);
	printf("times(): elapsed ticks, our ticks and the children's\n");

	CHECK_ERRNO(getrusage(42, &ru), EINVAL);
	CHECK_ERRNO(getrusage(-3, &ru), EINVAL);
	printf("getrusage with an unknown who: EINVAL\n");
	return check_done();
}
