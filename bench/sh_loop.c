/* measure: inside */
/* The shape of every build system: a shell running a program in a loop,
 * `sh -c 'for i in $(seq 1000); do /bin/true; done'` (busybox ash: Debian's
 * natively, ours under wunix; /bin/true is coreutils' natively and the busybox
 * applet under wunix). One unmeasured round of 50, then the 1000 timed: the
 * whole loop in ms, and per iteration. */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>

extern char **environ;

static double run(int n)
{
	char script[96];
	snprintf(script, sizeof(script), "for i in $(seq %d); do /bin/true; done", n);
#ifdef __wunix__
	char *argv[] = {"sh", "-c", script, NULL};
	const char *shell = "/bin/sh";
#else
	char *argv[] = {"busybox", "sh", "-c", script, NULL};
	const char *shell = "/bin/busybox";
#endif
	struct timespec a, b;
	pid_t pid;
	int st;
	clock_gettime(CLOCK_MONOTONIC, &a);
	if (posix_spawn(&pid, shell, NULL, NULL, argv, environ) || waitpid(pid, &st, 0) != pid || st) {
		fprintf(stderr, "sh_loop: %s failed\n", shell);
		exit(1);
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	return (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6;
}

int main(void)
{
	run(50);
	double ms = run(1000);
	printf("RESULT sh_loop %.1f ms\n", ms);
	printf("RESULT sh_loop_iteration %.3f ms\n", ms / 1000);
	return 0;
}
