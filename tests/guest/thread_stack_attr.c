/* compare: native */
/* Thread stacks from attributes: pthread_attr_setstacksize of 4 MiB lets a
 * thread recurse through 2 MiB of frames; pthread_attr_setstack runs the
 * thread on a stack the program supplies (a local's address is inside it);
 * pthread_attr_getstacksize reads back what was set; a size below
 * PTHREAD_STACK_MIN is EINVAL. */
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include "check.h"

#define FRAME 1024

static char *given;
static size_t given_size;

/* Recurses n levels, each with a FRAME-byte buffer the compiler must keep. */
static __attribute__((noinline)) unsigned deep(int n)
{
	volatile char buf[FRAME];
	if (n == 0)
		return 0;
	buf[0] = 1;
	buf[FRAME - 1] = 1;
	return deep(n - 1) + buf[0] * buf[FRAME - 1]; /* used after the call: no tail call */
}

static void *recurse(void *arg)
{
	int levels = (int)(intptr_t)arg;
	return (void *)(uintptr_t)deep(levels);
}

static void *where(void *arg)
{
	volatile char here = 0;
	(void)arg;
	uintptr_t a = (uintptr_t)&here;
	return (void *)(uintptr_t)(a >= (uintptr_t)given && a < (uintptr_t)given + given_size);
}

int main(void)
{
	pthread_attr_t a;
	pthread_t t;
	void *r;
	size_t size = 0;
	CHECK_EQ(pthread_attr_init(&a), 0);
	CHECK_EQ(pthread_attr_setstacksize(&a, 4u << 20), 0);
	CHECK_EQ(pthread_attr_getstacksize(&a, &size), 0);
	CHECK_EQ(size, 4u << 20);
	CHECK_EQ(pthread_attr_setstacksize(&a, PTHREAD_STACK_MIN - 1), EINVAL);
	int levels = 2048; /* 2 MiB of frames */
	CHECK_EQ(pthread_create(&t, &a, recurse, (void *)(intptr_t)levels), 0);
	CHECK_EQ(pthread_join(t, &r), 0);
	CHECK_EQ((uintptr_t)r, levels);
	CHECK_EQ(pthread_attr_destroy(&a), 0);
	printf("4 MiB stack: %d levels of %d-byte frames: %s\n", levels, FRAME,
	       (uintptr_t)r == (uintptr_t)levels ? "ok" : "wrong");

	given_size = 256 * 1024;
	given = aligned_alloc(4096, given_size);
	CHECK_EQ(pthread_attr_init(&a), 0);
	CHECK_EQ(pthread_attr_setstack(&a, given, given_size), 0);
	void *sp = NULL;
	CHECK_EQ(pthread_attr_getstack(&a, &sp, &size), 0);
	CHECK(sp == given && size == given_size);
	CHECK_EQ(pthread_create(&t, &a, where, NULL), 0);
	CHECK_EQ(pthread_join(t, &r), 0);
	CHECK_EQ((uintptr_t)r, 1);
	CHECK_EQ(pthread_attr_destroy(&a), 0);
	printf("pthread_attr_setstack: the thread ran on the given stack: %s\n", r ? "yes" : "no");
	return check_done();
}
