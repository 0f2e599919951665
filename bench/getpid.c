/* measure: inside */
/* target: getpid <= 150 ns */
/* System call round trip: 1,000,000 getpid calls through syscall(), so libc
 * cannot cache the answer. The median of 5 rounds, in ns per call. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define CALLS 1000000
#define ROUNDS 5

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(void)
{
	long pid = getpid(), bad = 0;
	double per[ROUNDS];
	for (int i = 0; i < 10000; i++)
		bad += syscall(SYS_getpid) != pid;
	for (int r = 0; r < ROUNDS; r++) {
		double t0 = now_ns();
		for (int i = 0; i < CALLS; i++)
			bad += syscall(SYS_getpid) != pid;
		per[r] = (now_ns() - t0) / CALLS;
	}
	if (bad) {
		fprintf(stderr, "getpid: %ld wrong answers\n", bad);
		return 1;
	}
	qsort(per, ROUNDS, sizeof per[0], cmp);
	printf("RESULT getpid %.1f ns\n", per[ROUNDS / 2]);
	return 0;
}
