/* kernel/signal.c -- signal dispositions (per process) and masks (per thread).
 * Only the state is kept so far; delivery arrives with the signals issue. */
#include "ksignal.h"
#include "klib.h"
#include "proc.h"
#include "syscall.h"
#include "usercopy.h"
#include <wunix/errno.h>

void sig_init(struct sigacts *sa)
{
	memset(sa, 0, sizeof(*sa));
}

static uint64_t mask_get(const struct wunix_sigaction *a)
{
	return a->sa_mask[0] | (uint64_t)a->sa_mask[1] << 32;
}

static void mask_set(struct wunix_sigaction *a, uint64_t m)
{
	a->sa_mask[0] = (uint32_t)m;
	a->sa_mask[1] = (uint32_t)(m >> 32);
}

long sys_rt_sigaction(const sarg_t *a)
{
	int sig = (int)a[0];
	uaddr_t uact = (uaddr_t)a[1], uold = (uaddr_t)a[2];
	struct wunix_sigaction act, old;

	if ((uint64_t)a[3] != WUNIX_SIGSET_SIZE)
		return -EINVAL;
	if (sig < 1 || sig > WUNIX_NSIG)
		return -EINVAL;
	if (uact && copyin(&act, uact, sizeof(act)))
		return -EFAULT;
	if (uact && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	struct sigacts *sa = &curproc()->sig;
	old = sa->act[sig - 1];
	if (uact) {
		mask_set(&act, mask_get(&act) & ~SIG_UNBLOCKABLE);
		sa->act[sig - 1] = act;
	}
	if (uold && copyout(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_rt_sigprocmask(const sarg_t *a)
{
	int how = (int)a[0];
	uaddr_t uset = (uaddr_t)a[1], uold = (uaddr_t)a[2];
	struct thread *t = curthread();
	uint64_t old = t->sigmask, set;

	if ((uint64_t)a[3] != WUNIX_SIGSET_SIZE)
		return -EINVAL;
	if (uset) {
		if (copyin(&set, uset, sizeof(set)))
			return -EFAULT;
		switch (how) {
		case SIG_BLOCK:
			t->sigmask |= set;
			break;
		case SIG_UNBLOCK:
			t->sigmask &= ~set;
			break;
		case SIG_SETMASK:
			t->sigmask = set;
			break;
		default:
			return -EINVAL;
		}
		t->sigmask &= ~SIG_UNBLOCKABLE;
	}
	if (uold && copyout(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}
