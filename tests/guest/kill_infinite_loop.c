/* compare: native */
/* Signals whose default action terminates end a process that computes without
 * ever making a system call: SIGKILL a child in `for (;;);`, SIGTERM and
 * SIGINT a child counting in a loop, SIGKILL and SIGTERM a child whose four
 * threads all spin, and a child whose threads are all blocked (in read,
 * pthread_mutex_lock, nanosleep and pthread_join). waitpid reports
 * WIFSIGNALED with that signal each time. */
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

static pthread_mutex_t held = PTHREAD_MUTEX_INITIALIZER;
static int never[2];

static void *block_read(void *arg)
{
	char c;
	read(never[0], &c, 1);
	return arg;
}

static void *block_lock(void *arg)
{
	pthread_mutex_lock(&held);
	return arg;
}

static void *block_sleep(void *arg)
{
	struct timespec ts = { 1000, 0 };
	nanosleep(&ts, NULL);
	return arg;
}

static void *spin(void *arg)
{
	volatile unsigned long *n = arg;
	for (;;)
		(*n)++;
	return NULL;
}

/* A child that tells the parent it runs, then computes forever: kind 0 is an
 * empty loop, 1 a counter, 2 three threads and main spinning; or kind 3,
 * blocks forever in four threads. */
static pid_t computing_child(int kind)
{
	int fd[2];
	char c;
	CHECK_EQ(pipe(fd), 0);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		static volatile unsigned long n[4];
		close(fd[0]);
		signal(SIGINT, SIG_DFL); /* whatever the test was started with */
		signal(SIGTERM, SIG_DFL);
		if (kind == 2) {
			pthread_t t;
			for (int i = 1; i < 4; i++)
				if (pthread_create(&t, NULL, spin, (void *)&n[i]) != 0)
					_exit(2);
			for (int i = 1; i < 4; i++)
				while (n[i] == 0)
					sched_yield();
		}
		if (kind == 3) {
			pthread_t t[3];
			pthread_mutex_lock(&held);
			if (pipe(never) != 0 || pthread_create(&t[0], NULL, block_read, NULL) != 0 ||
			    pthread_create(&t[1], NULL, block_lock, NULL) != 0 ||
			    pthread_create(&t[2], NULL, block_sleep, NULL) != 0)
				_exit(2);
			write(fd[1], "r", 1);
			pthread_join(t[0], NULL);
			_exit(3);
		}
		write(fd[1], "r", 1);
		close(fd[1]);
		if (kind == 0)
			for (;;)
				;
		spin((void *)&n[0]);
	}
	CHECK(pid > 0);
	close(fd[1]);
	CHECK_EQ(read(fd[0], &c, 1), 1);
	close(fd[0]);
	return pid;
}

static void kill_and_check(int kind, int sig, const char *what)
{
	int st = 0;
	pid_t pid = computing_child(kind);
	CHECK_EQ(kill(pid, sig), 0);
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFSIGNALED(st));
	CHECK_EQ(WIFSIGNALED(st) ? WTERMSIG(st) : -1, sig);
	printf("%s: %s %s\n", what, WIFSIGNALED(st) ? "killed by" : "exited",
	       WIFSIGNALED(st) ? (WTERMSIG(st) == SIGKILL ? "SIGKILL" : WTERMSIG(st) == SIGTERM ? "SIGTERM" :
	       WTERMSIG(st) == SIGINT ? "SIGINT" : "another signal") : "normally");
}

int main(void)
{
	kill_and_check(0, SIGKILL, "for(;;); and SIGKILL");
	kill_and_check(1, SIGTERM, "a counting loop and SIGTERM");
	kill_and_check(1, SIGINT, "a counting loop and SIGINT");
	kill_and_check(2, SIGKILL, "four spinning threads and SIGKILL");
	kill_and_check(2, SIGTERM, "four spinning threads and SIGTERM");
	kill_and_check(3, SIGKILL, "four blocked threads and SIGKILL");
	kill_and_check(3, SIGTERM, "four blocked threads and SIGTERM");
	return check_done();
}
