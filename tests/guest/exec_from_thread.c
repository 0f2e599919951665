/* compare: native */
/* execve called by a second thread while the main thread waits in
 * pthread_join and another thread computes: the other threads are gone, the
 * new image runs as the only thread of the same process (same pid, its tid is
 * the pid, /proc/self/status says Threads: 1), with its arguments. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>
#include "check.h"
#include "executil.h"

static atomic_int spinning;
static char pidbuf[32];

static void *spinner(void *arg)
{
	volatile unsigned long n = 0;
	(void)arg;
	atomic_store(&spinning, 1);
	for (;;)
		n++;
	return NULL;
}

static void *execer(void *arg)
{
	(void)arg;
	while (!atomic_load(&spinning))
		sched_yield();
	char *argv[] = { (char *)self, "after-exec", pidbuf, NULL };
	fflush(stdout);
	execv(self, argv);
	perror("execv");
	exit(3);
}

static int threads_now(void)
{
	const char *s = strstr(read_file("/proc/self/status"), "\nThreads:");
	return s ? atoi(s + 9) : -1;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "after-exec") == 0) {
		pid_t before = atoi(argv[2]);
		int n = threads_now();
		CHECK_EQ(getpid(), before);
		CHECK_EQ(gettid(), getpid());
		CHECK_EQ(n, 1);
		printf("new image: same pid: %s, tid == pid: %s, Threads: %d\n", getpid() == before ? "yes" : "no",
		       gettid() == getpid() ? "yes" : "no", n);
		return check_done();
	}
	self_init(argv);
	snprintf(pidbuf, sizeof pidbuf, "%d", (int)getpid());
	printf("old image: three threads, the second one calls execv\n");
	fflush(stdout);
	pthread_t s, e;
	CHECK_EQ(pthread_create(&s, NULL, spinner, NULL), 0);
	CHECK_EQ(pthread_create(&e, NULL, execer, NULL), 0);
	pthread_join(e, NULL);
	CHECK(0); /* not reached */
	return check_done();
}
