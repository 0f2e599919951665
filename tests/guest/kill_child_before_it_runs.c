/* compare: native */
/* A signal sent to a child right after fork, before the child has run any of
 * its own code, applies to it: a terminating one ends it (the parent sees the
 * signal in the wait status), for fork and for posix_spawn alike. */
#include "check.h"
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#define ROUNDS 50

int main(int argc, char **argv)
{
	if (argc > 1) /* the spawned child */
		for (;;)
			pause();
	int killed = 0;
	for (int i = 0; i < ROUNDS; i++) {
		pid_t pid = fork();
		if (pid == 0)
			for (;;)
				pause();
		CHECK(pid > 0);
		CHECK_EQ(kill(pid, SIGHUP), 0);
		int st = 0;
		CHECK_EQ(waitpid(pid, &st, 0), pid);
		killed += WIFSIGNALED(st) && WTERMSIG(st) == SIGHUP;
	}
	printf("forked children ended by SIGHUP: %d of %d\n", killed, ROUNDS);
	killed = 0;
	for (int i = 0; i < ROUNDS; i++) {
		pid_t pid;
		char *args[] = {argv[0], "child", NULL};
		CHECK_EQ(posix_spawn(&pid, argv[0], NULL, NULL, args, NULL), 0);
		CHECK_EQ(kill(pid, SIGTERM), 0);
		int st = 0;
		CHECK_EQ(waitpid(pid, &st, 0), pid);
		killed += WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM;
	}
	printf("spawned children ended by SIGTERM: %d of %d\n", killed, ROUNDS);
	return check_done();
}
