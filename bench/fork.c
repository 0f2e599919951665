/* measure: inside */
/* target: fork <= 3 ms */
/* Process creation by copy: fork of a small process, the child _exit(0)s at
 * once, the parent waitpid()s for it. Milliseconds per round trip, the median
 * of 5 batches of 20 (after one unmeasured fork, which may pay for warming up
 * the host). fork_20_at_once: 20 forks in a row, then 20 waits, so children
 * overlap as in a pipeline; milliseconds per child, the median of 5 batches. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define FORKS 20
#define BATCHES 5

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static int fork_wait(void)
{
	int status;
	pid_t pid = fork();
	if (pid == 0)
		_exit(0);
	if (pid < 0 || waitpid(pid, &status, 0) != pid || status != 0) {
		perror("fork/waitpid");
		return -1;
	}
	return 0;
}

/* Forks FORKS children before reaping any of them. */
static int fork_all_wait_all(void)
{
	int status;
	for (int i = 0; i < FORKS; i++) {
		pid_t pid = fork();
		if (pid == 0)
			_exit(0);
		if (pid < 0) {
			perror("fork");
			return -1;
		}
	}
	for (int i = 0; i < FORKS; i++)
		if (wait(&status) < 0 || status != 0) {
			perror("wait");
			return -1;
		}
	return 0;
}

int main(void)
{
	double per[BATCHES], at_once[BATCHES];

	if (fork_wait())
		return 1;
	for (int b = 0; b < BATCHES; b++) {
		double t0 = now_ms();
		for (int i = 0; i < FORKS; i++)
			if (fork_wait())
				return 1;
		per[b] = (now_ms() - t0) / FORKS;
	}
	for (int b = 0; b < BATCHES; b++) {
		double t0 = now_ms();
		if (fork_all_wait_all())
			return 1;
		at_once[b] = (now_ms() - t0) / FORKS;
	}
	qsort(per, BATCHES, sizeof(per[0]), cmp);
	qsort(at_once, BATCHES, sizeof(at_once[0]), cmp);
	printf("RESULT fork %.3f ms\n", per[BATCHES / 2]);
	printf("RESULT fork_20_at_once %.3f ms\n", at_once[BATCHES / 2]);
	return 0;
}
