#include <unistd.h>
#include <signal.h>
#include "syscall.h"
#include "libc.h"
#include "lock.h"
#include "pthread_impl.h"
#include "aio_impl.h"

/* Where Asyncify saves the wasm stack of the thread that forks; __abort_lock
 * makes it one fork at a time. */
static char fork_save[65536] __attribute__((aligned(16)));

static void dummy(int x) { }
weak_alias(dummy, __aio_atfork);

/* As on other arches, but the fork itself goes through its own import,
 * wunix.fork, where Asyncify saves and restores the caller's wasm stack. */
pid_t _Fork(void)
{
	pid_t ret;
	sigset_t set;
	__block_all_sigs(&set);
	__aio_atfork(-1);
	LOCK(__abort_lock);
	ret = __wunix_fork(fork_save, sizeof fork_save);
	if (!ret) {
		pthread_t self = __pthread_self();
		self->tid = __syscall(SYS_gettid);
		self->robust_list.off = 0;
		self->robust_list.pending = 0;
		self->next = self->prev = self;
		__thread_list_lock = 0;
		libc.threads_minus_1 = 0;
		if (libc.need_locks) libc.need_locks = -1;
	}
	UNLOCK(__abort_lock);
	__aio_atfork(!ret);
	__restore_sigs(&set);
	return __syscall_ret(ret);
}
