/* compare: native */
/* exit() called by one thread ends the whole process with that status while
 * the other threads are busy: three compute in loops without system calls and
 * the main thread waits in pthread_join. atexit handlers run and stdio is
 * flushed. _exit() from a thread does the same while main is blocked in read,
 * without atexit; returning from main ends spinning threads too. Each case
 * runs as a child (this program spawned with a mode word, and once by fork)
 * whose status the parent checks with waitpid. */
#include <pthread.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"
#include "executil.h"

#define SPINNERS 3

extern char **environ;
static atomic_int started;
static volatile unsigned long spins[SPINNERS];

static void *spinner(void *arg)
{
	volatile unsigned long *n = arg;
	atomic_fetch_add(&started, 1);
	for (;;)
		(*n)++;
	return NULL;
}

static void wait_spinning(void)
{
	while (atomic_load(&started) < SPINNERS)
		sched_yield();
	for (int i = 0; i < SPINNERS; i++)
		while (spins[i] == 0)
			sched_yield();
}

static void *exiter(void *arg)
{
	const char *how = arg;
	wait_spinning();
	if (strcmp(how, "exit") == 0) {
		printf("child: exit(37) from a thread\n");
		exit(37);
	}
	write(1, "child: _exit(38) from a thread\n", 31);
	_exit(38);
}

static void at_exit(void)
{
	printf("child: atexit handler ran\n");
}

static int child(const char *how)
{
	pthread_t t[SPINNERS], ex;
	atexit(at_exit);
	for (int i = 0; i < SPINNERS; i++)
		if (pthread_create(&t[i], NULL, spinner, (void *)&spins[i]) != 0)
			return 2;
	if (strcmp(how, "return") == 0) {
		wait_spinning();
		printf("child: return 39 from main\n");
		return 39;
	}
	int fd[2];
	if (pipe(fd) != 0 || pthread_create(&ex, NULL, exiter, (void *)how) != 0)
		return 2;
	if (strcmp(how, "exit") == 0)
		pthread_join(ex, NULL);
	else {
		char c;
		read(fd[0], &c, 1); /* nobody writes */
	}
	return 3; /* not reached */
}

static void spawned(const char *how, int want)
{
	pid_t pid;
	char *argv[] = { (char *)self, "child", (char *)how, NULL };
	fflush(stdout);
	CHECK_EQ(posix_spawn(&pid, self, NULL, NULL, argv, environ), 0);
	int st = wait_status(pid);
	CHECK_EQ(st, want);
	printf("spawned child (%s): status %d\n", how, st);
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "child") == 0)
		return child(argv[2]);
	self_init(argv);
	spawned("exit", 37);
	spawned("_exit", 38);
	spawned("return", 39);

	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0)
		exit(child("exit"));
	CHECK(pid > 0);
	int st = -1;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 37);
	printf("forked child (exit): %s %d\n", WIFEXITED(st) ? "exited" : "died", WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
	return check_done();
}
