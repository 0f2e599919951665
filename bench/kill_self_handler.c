/* measure: inside */
/* target: kill_self_handler <= 2000 ns */
/* Signal delivery round trip: kill(getpid(), SIGUSR1) with a handler
 * installed; the handler runs before kill returns. Nanoseconds per signal
 * (system call, handler, return), the median of 5 rounds of 50,000. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SIGNALS 50000
#define ROUNDS 5

static volatile long handled;

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

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
	struct sigaction sa;
	double per[ROUNDS];
	pid_t me = getpid();
	long missed = 0;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	if (sigaction(SIGUSR1, &sa, NULL) != 0) {
		perror("sigaction");
		return 1;
	}
	for (int i = 0; i < 1000; i++)
		kill(me, SIGUSR1);
	for (int r = 0; r < ROUNDS; r++) {
		double t0 = now_ns();
		for (long i = 0; i < SIGNALS; i++) {
			long before = handled;
			kill(me, SIGUSR1);
			missed += handled != before + 1;
		}
		per[r] = (now_ns() - t0) / SIGNALS;
	}
	if (missed || handled != 1000 + (long)SIGNALS * ROUNDS) {
		fprintf(stderr, "kill_self_handler: %ld signals not handled before kill returned, %ld handled\n",
			missed, handled);
		return 1;
	}
	qsort(per, ROUNDS, sizeof per[0], cmp);
	printf("RESULT kill_self_handler %.1f ns\n", per[ROUNDS / 2]);
	printf("CHECKSUM %ld\n", handled);
	return 0;
}
