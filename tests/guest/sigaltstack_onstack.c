/* compare: native */
/* A handler installed with SA_ONSTACK runs on the alternate signal stack: a
 * local variable's address lies inside it, sigaltstack reports SS_ONSTACK
 * there, and changing the stack from there is EPERM; a nested SA_ONSTACK
 * signal stays on it, further down. A handler without SA_ONSTACK, or with the
 * stack disabled, runs on the ordinary stack. Bad flags are EINVAL, a too
 * small stack ENOMEM; a new thread starts with no alternate stack. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include "check.h"

#define ALT_SIZE (64 * 1024)

static char *alt;
static volatile uintptr_t where, inner_where;
static int onstack_flag, change_errno, inner_onstack;
static int nest;

static int on_alt(uintptr_t a)
{
	return a >= (uintptr_t)alt && a < (uintptr_t)alt + ALT_SIZE;
}

static void inner(int sig)
{
	volatile char here = 0;
	stack_t cur;
	(void)sig;
	inner_where = (uintptr_t)&here;
	sigaltstack(NULL, &cur);
	inner_onstack = (cur.ss_flags & SS_ONSTACK) != 0;
}

static void handler(int sig)
{
	volatile char here = 0;
	stack_t cur, other;
	(void)sig;
	where = (uintptr_t)&here;
	memset(&cur, 0, sizeof cur);
	sigaltstack(NULL, &cur);
	onstack_flag = (cur.ss_flags & SS_ONSTACK) != 0;
	other.ss_sp = malloc(ALT_SIZE);
	other.ss_size = ALT_SIZE;
	other.ss_flags = 0;
	errno = 0;
	change_errno = sigaltstack(&other, NULL) == 0 ? 0 : errno;
	free(other.ss_sp);
	if (nest)
		raise(SIGUSR2);
}

static void install(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	CHECK_EQ(sigaction(sig, &sa, NULL), 0);
}

static void *thread_stack(void *arg)
{
	stack_t cur;
	(void)arg;
	memset(&cur, 0, sizeof cur);
	if (sigaltstack(NULL, &cur) != 0)
		return (void *)-1L;
	return (void *)(long)cur.ss_flags;
}

int main(void)
{
	stack_t ss, cur;
	memset(&cur, 0, sizeof cur);
	CHECK_EQ(sigaltstack(NULL, &cur), 0);
	CHECK_EQ(cur.ss_flags, SS_DISABLE);

	alt = malloc(ALT_SIZE);
	ss.ss_sp = alt;
	ss.ss_size = 512;
	ss.ss_flags = 0;
	CHECK_ERRNO(sigaltstack(&ss, NULL), ENOMEM);
	ss.ss_size = ALT_SIZE;
	ss.ss_flags = 0x1234;
	CHECK_ERRNO(sigaltstack(&ss, NULL), EINVAL);
	ss.ss_flags = 0;
	CHECK_EQ(sigaltstack(&ss, NULL), 0);
	CHECK_EQ(sigaltstack(NULL, &cur), 0);
	CHECK(cur.ss_sp == alt && cur.ss_size == ALT_SIZE && cur.ss_flags == 0);
	printf("sigaltstack: set and read back; ENOMEM when too small, EINVAL for bad flags\n");

	install(SIGUSR1, handler, SA_ONSTACK);
	install(SIGUSR2, inner, SA_ONSTACK);
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK(on_alt(where));
	CHECK_EQ(onstack_flag, 1);
	CHECK_EQ(change_errno, EPERM);
	printf("SA_ONSTACK: local on the alternate stack: %s, SS_ONSTACK: %s, change: %s\n",
	       on_alt(where) ? "yes" : "no", onstack_flag ? "yes" : "no", change_errno == EPERM ? "EPERM" : "allowed");
	CHECK_EQ(sigaltstack(NULL, &cur), 0);
	CHECK_EQ(cur.ss_flags, 0);

	nest = 1;
	CHECK_EQ(raise(SIGUSR1), 0);
	nest = 0;
	CHECK(on_alt(where) && on_alt(inner_where) && inner_where < where);
	CHECK_EQ(inner_onstack, 1);
	printf("nested SA_ONSTACK signal: further down the same stack: %s\n",
	       on_alt(inner_where) && inner_where < where ? "yes" : "no");

	install(SIGUSR1, handler, 0);
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK(!on_alt(where));
	CHECK_EQ(onstack_flag, 0);
	CHECK_EQ(change_errno, 0); /* not on it: may change it */
	CHECK_EQ(sigaltstack(&ss, NULL), 0);
	printf("without SA_ONSTACK: on the ordinary stack: %s\n", on_alt(where) ? "no" : "yes");

	install(SIGUSR1, handler, SA_ONSTACK);
	ss.ss_flags = SS_DISABLE;
	CHECK_EQ(sigaltstack(&ss, NULL), 0);
	CHECK_EQ(sigaltstack(NULL, &cur), 0);
	CHECK_EQ(cur.ss_flags, SS_DISABLE);
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK(!on_alt(where));
	CHECK_EQ(onstack_flag, 0);
	printf("SS_DISABLE: SA_ONSTACK handler on the ordinary stack: %s\n", on_alt(where) ? "no" : "yes");

	ss.ss_flags = 0;
	CHECK_EQ(sigaltstack(&ss, NULL), 0);
	pthread_t t;
	void *r = NULL;
	CHECK_EQ(pthread_create(&t, NULL, thread_stack, NULL), 0);
	CHECK_EQ(pthread_join(t, &r), 0);
	CHECK_EQ((long)r, SS_DISABLE);
	printf("a new thread has no alternate stack: %s\n", (long)r == SS_DISABLE ? "yes" : "no");
	return check_done();
}
