/* compare: native */
/* A signal sent to a child right after fork, before the child has run any of
 * its own code, applies to it: a terminating one ends it (the parent sees the
 * signal in the wait status), for fork and for posix_spawn alike. So does the
 * end of a process whose new threads have not run yet: SIGKILL, or _exit,
 * right after pthread_create. */
#include "check.h"
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#define ROUNDS 50
#define THREADS 6

static void *idle(void *arg)
{
	for (;;)
		pause();
	return arg;
}

/* A child that starts THREADS threads, then tells the parent through fd and
 * ends with status (or waits to be killed if status < 0). */
static void threads_child(int fd, int status)
{
	pthread_t t;
	for (int i = 0; i < THREADS; i++)
		if (pthread_create(&t, NULL, idle, NULL))
			_exit(100);
	if (write(fd, "x", 1) != 1)
		_exit(101);
	if (status >= 0)
		_exit(status);
	for (;;)
		pause();
}

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
	int as_wanted = 0;
	for (int i = 0; i < ROUNDS; i++) {
		int p[2];
		char c;
		CHECK_EQ(pipe(p), 0);
		pid_t pid = fork();
		if (pid == 0)
			threads_child(p[1], i % 2 ? 3 : -1);
		CHECK(pid > 0);
		close(p[1]);
		CHECK_EQ(read(p[0], &c, 1), 1);
		close(p[0]);
		if (i % 2 == 0)
			CHECK_EQ(kill(pid, SIGKILL), 0);
		int st = 0;
		CHECK_EQ(waitpid(pid, &st, 0), pid);
		as_wanted += i % 2 ? WIFEXITED(st) && WEXITSTATUS(st) == 3 : WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL;
	}
	printf("children with new threads ended by SIGKILL or _exit: %d of %d\n", as_wanted, ROUNDS);
	return check_done();
}
