/* compare: native */
/* fork() called by a second thread while other threads run (one computes, one
 * makes system calls, one mallocs and frees): the child is a copy with only
 * the forking thread (/proc/self/status says Threads: 1), it can malloc and
 * create and join threads of its own, and it exits with its own status. The
 * pthread_atfork handlers ran where they must: prepare (in reverse order of
 * registration) in the parent before the fork, parent handlers in the parent
 * afterwards, child handlers in the child, both in registration order. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"
#include "executil.h"

static char trail[64];
static pid_t handler_pid[8];
static int nhandler;
static atomic_int stop, running;
static pid_t parent;

static void note(const char *what)
{
	strcat(trail, what);
	if (nhandler < 8)
		handler_pid[nhandler++] = getpid();
}
static void prep_a(void) { note("pA "); }
static void prep_b(void) { note("pB "); }
static void parent_a(void) { note("PA "); }
static void parent_b(void) { note("PB "); }
static void child_a(void) { note("cA "); }
static void child_b(void) { note("cB "); }

static void *computer(void *arg)
{
	volatile unsigned long n = 0;
	(void)arg;
	atomic_fetch_add(&running, 1);
	while (!atomic_load(&stop))
		n++;
	return NULL;
}

static void *caller(void *arg)
{
	(void)arg;
	atomic_fetch_add(&running, 1);
	while (!atomic_load(&stop)) {
		getppid();
		sched_yield();
	}
	return NULL;
}

static void *allocator(void *arg)
{
	(void)arg;
	atomic_fetch_add(&running, 1);
	for (unsigned i = 0; !atomic_load(&stop); i++) {
		void *p = malloc(16 + i % 4096);
		memset(p, 1, 16);
		free(p);
	}
	return NULL;
}

static void *twice(void *arg)
{
	return (void *)((long)arg * 2);
}

/* Threads: in /proc/self/status, or -1. */
static int threads_now(void)
{
	const char *s = strstr(read_file("/proc/self/status"), "\nThreads:");
	return s ? atoi(s + 9) : -1;
}

static void in_child(void)
{
	int bad = 0;
	bad += getpid() == parent;
	/* handlers: the two prepares ran in the parent, the child ones here */
	bad += strcmp(trail, "pB pA cA cB ") != 0;
	bad += handler_pid[0] != parent || handler_pid[1] != parent;
	bad += handler_pid[2] != getpid() || handler_pid[3] != getpid();
	int threads = threads_now();
	bad += threads != 1;
	char *p = malloc(100000);
	bad += p == NULL;
	free(p);
	pthread_t t;
	void *r = NULL;
	bad += pthread_create(&t, NULL, twice, (void *)21L) != 0 || pthread_join(t, &r) != 0 || r != (void *)42L;
	printf("child: handlers \"%s\", Threads: %d, malloc and a new thread work\n", trail, threads);
	if (bad)
		fprintf(stderr, "child: %d check(s) failed\n", bad);
	exit(bad ? 1 : 7);
}

static void *forker(void *arg)
{
	(void)arg;
	while (atomic_load(&running) < 3)
		sched_yield();
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0)
		in_child();
	int st = -1;
	CHECK(pid > 0);
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7);
	return (void *)(long)(WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

int main(void)
{
	pthread_t t[3], f;
	void *r = NULL;
	parent = getpid();
	CHECK_EQ(pthread_atfork(prep_a, parent_a, child_a), 0);
	CHECK_EQ(pthread_atfork(prep_b, parent_b, child_b), 0);
	CHECK_EQ(pthread_create(&t[0], NULL, computer, NULL), 0);
	CHECK_EQ(pthread_create(&t[1], NULL, caller, NULL), 0);
	CHECK_EQ(pthread_create(&t[2], NULL, allocator, NULL), 0);
	CHECK_EQ(pthread_create(&f, NULL, forker, NULL), 0);
	CHECK_EQ(pthread_join(f, &r), 0);
	CHECK_EQ((long)r, 7);
	/* the joined forker may take a moment more to leave the count */
	for (int i = 0; i < 1000 && threads_now() != 4; i++)
		usleep(1000);
	CHECK_EQ(threads_now(), 4);
	atomic_store(&stop, 1);
	for (int i = 0; i < 3; i++)
		CHECK_EQ(pthread_join(t[i], NULL), 0);
	CHECK_STR(trail, "pB pA PA PB ");
	for (int i = 0; i < 4; i++)
		CHECK_EQ(handler_pid[i], parent);
	printf("parent: handlers \"%s\", child status %ld\n", trail, (long)r);
	return check_done();
}
