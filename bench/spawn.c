/* measure: inside */
/* target: spawn <= 2 ms */
/* Process creation from an image: posix_spawn of a small program (this one,
 * through argv[0], with the argument "exit": it returns at once) and waitpid
 * for it. Milliseconds per round trip, the median of 5 batches of 20 (after
 * one unmeasured spawn, which may compile the program). Under wunix, tools/bench
 * mounts build/bench at the same path, so argv[0] names the .wasm there too. */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SPAWNS 20
#define BATCHES 5

extern char **environ;

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

static int spawn_wait(char *self)
{
	char *argv[] = { self, "exit", NULL };
	pid_t pid;
	int status, err = posix_spawn(&pid, self, NULL, NULL, argv, environ);
	if (err) {
		fprintf(stderr, "posix_spawn %s: %s\n", self, strerror(err));
		return -1;
	}
	if (waitpid(pid, &status, 0) != pid || status != 0) {
		fprintf(stderr, "waitpid: status %#x\n", status);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	double per[BATCHES];

	if (argc > 1 && !strcmp(argv[1], "exit"))
		return 0;
	if (spawn_wait(argv[0]))
		return 1;
	for (int b = 0; b < BATCHES; b++) {
		double t0 = now_ms();
		for (int i = 0; i < SPAWNS; i++)
			if (spawn_wait(argv[0]))
				return 1;
		per[b] = (now_ms() - t0) / SPAWNS;
	}
	qsort(per, BATCHES, sizeof(per[0]), cmp);
	printf("RESULT spawn %.3f ms\n", per[BATCHES / 2]);
	return 0;
}
