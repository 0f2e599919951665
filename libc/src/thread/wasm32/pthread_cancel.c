/* Deferred cancellation without assembly. musl elsewhere closes the window
 * between its check and the blocking syscall by inspecting the interrupted
 * PC and moving it to its cancel path. In wunix a handler runs at the system
 * call's exit, before a restart: the thread marks the span of a cancellation
 * point's system call itself (cp_active), and the SIGCANCEL handler, seeing
 * the mark, sets the context's __intr so the call ends with EINTR instead of
 * restarting; __syscall_cp_c then cancels. The handler has SA_RESTART, as
 * musl's does, so other blocked calls restart. */
#define _GNU_SOURCE
#include <string.h>
#include <ucontext.h>
#include "pthread_impl.h"
#include "syscall.h"

hidden long __cancel(), __syscall_cp_c();

static __thread volatile int cp_active;

long __cancel()
{
	pthread_t self = __pthread_self();
	if (self->canceldisable == PTHREAD_CANCEL_ENABLE || self->cancelasync)
		pthread_exit(PTHREAD_CANCELED);
	self->canceldisable = PTHREAD_CANCEL_DISABLE;
	return -ECANCELED;
}

long __syscall_cp_c(syscall_arg_t nr,
                    syscall_arg_t u, syscall_arg_t v, syscall_arg_t w,
                    syscall_arg_t x, syscall_arg_t y, syscall_arg_t z)
{
	pthread_t self = __pthread_self();
	int st = self->canceldisable;
	long r;

	if (st && (st == PTHREAD_CANCEL_DISABLE || nr == SYS_close))
		return __syscall(nr, u, v, w, x, y, z);
	if (self->cancel)
		return __cancel();
	cp_active = 1;
	r = __syscall(nr, u, v, w, x, y, z);
	cp_active = 0;
	if (r == -EINTR && nr != SYS_close && self->cancel &&
	    self->canceldisable != PTHREAD_CANCEL_DISABLE)
		r = __cancel();
	return r;
}

static void cancel_handler(int sig, siginfo_t *si, void *ctx)
{
	pthread_t self = __pthread_self();
	a_barrier();
	if (!self->cancel || self->canceldisable == PTHREAD_CANCEL_DISABLE) return;
	if (self->cancelasync) pthread_exit(PTHREAD_CANCELED);
	if (cp_active) ((ucontext_t *)ctx)->uc_mcontext.__intr = 1;
}

void __testcancel()
{
	pthread_t self = __pthread_self();
	if (self->cancel && !self->canceldisable)
		__cancel();
}

static void init_cancellation()
{
	struct sigaction sa = {
		.sa_flags = SA_SIGINFO | SA_RESTART,
		.sa_sigaction = cancel_handler
	};
	memset(&sa.sa_mask, -1, _NSIG/8);
	__libc_sigaction(SIGCANCEL, &sa, 0);
}

int pthread_cancel(pthread_t t)
{
	static int init;
	if (!init) {
		init_cancellation();
		init = 1;
	}
	a_store(&t->cancel, 1);
	if (t == pthread_self()) {
		if (t->canceldisable == PTHREAD_CANCEL_ENABLE && t->cancelasync)
			pthread_exit(PTHREAD_CANCELED);
		return 0;
	}
	return pthread_kill(t, SIGCANCEL);
}
