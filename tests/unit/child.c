/* tests/unit/child.c -- child processes for unit tests (child.h). */
#include "child.h"
#include "exports.h"
#include "fakehost.h"
#include "test.h"
#include <string.h>
#include <wunix/time.h>

#define TS_ADDR 8192 /* where the child keeps its nanosleep timespec */

int child_fork(void)
{
	uint32_t ranges[1 + 2 * 4];
	long pid = k_fork(60000, ranges, 4);

	if (pid <= 0)
		test_fail(__FILE__, __LINE__, "k_fork = %ld", pid);
	return (int)pid;
}

static void child_body(void *arg)
{
	struct child *c = arg;

	if (c->fn)
		c->fn(c->arg);
	if (c->delay_ns > 0) {
		struct wunix_timespec ts = { c->delay_ns / 1000000000, (int32_t)(c->delay_ns % 1000000000), 0 };
		memcpy(fh_u(TS_ADDR), &ts, sizeof(ts));
		SC2(NR_nanosleep, TS_ADDR, 0);
	}
	if (c->trap)
		k_thread_trap(c->trap);
	SC1(NR_exit_group, c->code);
}

static void *child_thread(void *arg)
{
	struct child *c = arg;
	int r;

	fh_cpu_attach();
	fh_umem_init(32, 64);
	if ((r = k_thread_resume(c->pid)) != c->pid)
		test_fail(__FILE__, __LINE__, "k_thread_resume(%d) = %d", c->pid, r);
	else if (!fh_run_until_exit(child_body, c))
		test_fail(__FILE__, __LINE__, "child %d did not exit", c->pid);
	fh_umem_free();
	fh_cpu_detach();
	return NULL;
}

void child_start(struct child *c)
{
	pthread_create(&c->th, NULL, child_thread, c);
}

void child_join(struct child *c)
{
	pthread_join(c->th, NULL);
}

void child_exit(int pid, int code)
{
	struct child c = { .pid = pid, .code = code };

	child_start(&c);
	child_join(&c);
}
