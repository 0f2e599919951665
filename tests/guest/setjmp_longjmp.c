/* compare: native */
/* setjmp/longjmp: values, jumps across many frames and through frames that
 * have setjmp buffers of their own, volatile locals, longjmp through a
 * pointer, and sigsetjmp/siglongjmp restoring the signal mask only when asked. */
#include <setjmp.h>
#include <signal.h>
#include "check.h"

static jmp_buf top;
static int depth_reached;

/* Recurses until depth 200, then jumps to top; the frames hold stack data. */
static int dive(int depth)
{
	volatile int pad[16];
	if (depth > 1000)
		return 0;
	pad[depth % 16] = depth;
	depth_reached = pad[depth % 16];
	if (depth == 200)
		longjmp(top, depth);
	return dive(depth + 1) + pad[0];
}

/* Has a buffer of its own; a longjmp to an outer buffer must pass through it. */
static int middle(jmp_buf outer)
{
	jmp_buf mine;
	int r = setjmp(mine);
	if (r == 0)
		longjmp(outer, 77);
	return r + 1000;
}

static void (*volatile jump_via_pointer)(jmp_buf, int) = longjmp;

static int blocked(int sig)
{
	sigset_t cur;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	return sigismember(&cur, sig);
}

static void set_mask(int sig1, int sig2)
{
	sigset_t s;
	sigemptyset(&s);
	if (sig1)
		sigaddset(&s, sig1);
	if (sig2)
		sigaddset(&s, sig2);
	CHECK_EQ(sigprocmask(SIG_SETMASK, &s, NULL), 0);
}

int main(void)
{
	jmp_buf env;
	volatile int calls = 0;
	int r = setjmp(env);
	calls++;
	if (r == 0) {
		CHECK_EQ(calls, 1);
		longjmp(env, 5);
	}
	CHECK_EQ(r, 5);
	CHECK_EQ(calls, 2);
	printf("setjmp returned %d after %d calls\n", r, calls);

	volatile int zero_seen = 0;
	if (setjmp(env) == 0)
		longjmp(env, 0);
	else
		zero_seen = 1;
	CHECK(zero_seen);

	/* A loop built from setjmp: volatile locals keep what was stored last. */
	volatile int i = 0;
	volatile double acc = 0.5;
	r = setjmp(env);
	if (i < 10) {
		i++;
		acc *= 2;
		longjmp(env, i);
	}
	CHECK_EQ(r, 10);
	CHECK_EQ(i, 10);
	CHECK(acc == 512.0);
	printf("loop: i=%d acc=%g\n", i, acc);

	r = setjmp(top);
	if (r == 0)
		dive(0);
	CHECK_EQ(r, 200);
	CHECK_EQ(depth_reached, 200);
	printf("unwound %d frames\n", r);

	/* Jumping out twice through the same frames works again. */
	r = setjmp(top);
	if (r == 0)
		dive(150);
	CHECK_EQ(r, 200);

	r = setjmp(env);
	if (r == 0)
		r = middle(env);
	CHECK_EQ(r, 77);
	printf("through a frame with its own buffer: %d\n", r);

	r = setjmp(env);
	if (r == 0)
		jump_via_pointer(env, 9);
	CHECK_EQ(r, 9);

	r = _setjmp(env);
	if (r == 0)
		_longjmp(env, 3);
	CHECK_EQ(r, 3);

	/* sigsetjmp(env, 1) restores the mask saved at sigsetjmp time. */
	sigjmp_buf senv;
	set_mask(SIGUSR1, 0);
	r = sigsetjmp(senv, 1);
	if (r == 0) {
		set_mask(SIGUSR2, SIGTERM);
		CHECK(blocked(SIGUSR2) && !blocked(SIGUSR1));
		siglongjmp(senv, 1);
	}
	CHECK_EQ(r, 1);
	CHECK(blocked(SIGUSR1));
	CHECK(!blocked(SIGUSR2));
	CHECK(!blocked(SIGTERM));
	printf("sigsetjmp(env, 1): mask restored\n");

	/* sigsetjmp(env, 0) leaves the mask as it is at siglongjmp time. */
	set_mask(SIGUSR1, 0);
	r = sigsetjmp(senv, 0);
	if (r == 0) {
		set_mask(SIGUSR2, 0);
		siglongjmp(senv, 2);
	}
	CHECK_EQ(r, 2);
	CHECK(!blocked(SIGUSR1));
	CHECK(blocked(SIGUSR2));
	printf("sigsetjmp(env, 0): mask kept\n");
	set_mask(0, 0);
	return check_done();
}
