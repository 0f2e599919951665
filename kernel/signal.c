/* kernel/signal.c -- signal dispositions (per process), masks (per thread),
 * pending sets, and default actions applied on the way out of a system call.
 * Handlers, EINTR and job control arrive with the signals issue. */
#include "ksignal.h"
#include "klib.h"
#include "lock.h"
#include "proc.h"
#include "syscall.h"
#include "usercopy.h"
#include <wunix/errno.h>
#include <wunix/wait.h>

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

void sig_exec(struct sigacts *sa)
{
	for (int s = 1; s <= WUNIX_NSIG; s++) {
		struct wunix_sigaction *act = &sa->act[s - 1];
		uint32_t h = act->sa_handler == SIG_IGN ? SIG_IGN : SIG_DFL;
		memset(act, 0, sizeof(*act));
		act->sa_handler = h;
	}
}

static bool ignored(const struct sigacts *sa, int sig);

/* POSIX sigaction: a pending signal set to be ignored is discarded, blocked or not. */
static void discard(struct proc *p, int sig)
{
	p->sigpending &= ~SIGBIT(sig);
	for (int i = 0; i < NTHREAD; i++)
		if (threads[i].used && threads[i].proc == p)
			threads[i].sigpending &= ~SIGBIT(sig);
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
		if (ignored(sa, sig))
			discard(curproc(), sig);
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

enum sig_default { SD_TERM, SD_IGN, SD_STOP, SD_CONT };

/* The default action of sig (signal(7)); real-time signals terminate. */
static enum sig_default sig_default(int sig)
{
	switch (sig) {
	case SIGCHLD:
	case SIGURG:
	case SIGWINCH:
		return SD_IGN;
	case SIGCONT:
		return SD_CONT;
	case SIGSTOP:
	case SIGTSTP:
	case SIGTTIN:
	case SIGTTOU:
		return SD_STOP;
	default:
		return SD_TERM;
	}
}

/* Whether sig's disposition in sa ignores it (SIG_IGN, or SIG_DFL of a signal
 * whose default is to be ignored). */
static bool ignored(const struct sigacts *sa, int sig)
{
	uint32_t h = sa->act[sig - 1].sa_handler;

	return sig != SIGKILL && sig != SIGSTOP &&
	       (h == SIG_IGN || (h == SIG_DFL && (sig_default(sig) == SD_IGN || sig_default(sig) == SD_CONT)));
}

/* Whether sending sig to a thread with mask blocked would be discarded at
 * once: ignored, and not blocked (a blocked signal stays, since its handler
 * may change before it is unblocked). */
static bool sig_discarded(const struct proc *p, uint64_t blocked, int sig)
{
	return !(blocked & SIGBIT(sig)) && ignored(&p->sig, sig);
}

void sig_send_thread(struct thread *t, int sig)
{
	KASSERT(bkl_held() && sig >= 1 && sig <= WUNIX_NSIG);
	if (!sig_discarded(t->proc, t->sigmask, sig))
		t->sigpending |= SIGBIT(sig);
}

void sig_send(struct proc *p, int sig)
{
	KASSERT(bkl_held() && sig >= 1 && sig <= WUNIX_NSIG);
	/* process-directed: blocked means blocked by every thread; with one thread
	 * per process so far, that is the first thread found */
	for (int i = 0; i < NTHREAD; i++)
		if (threads[i].used && threads[i].proc == p) {
			if (sig_discarded(p, threads[i].sigmask, sig))
				return;
			break;
		}
	p->sigpending |= SIGBIT(sig);
}

uint64_t sig_pending(const struct thread *t)
{
	return (t->sigpending | t->proc->sigpending) & ~t->sigmask;
}

bool sig_interrupts(const struct thread *t)
{
	uint64_t todo = sig_pending(t);

	for (int sig = 1; todo; sig++, todo >>= 1)
		if ((todo & 1) && (sig == SIGKILL || (t->proc->sig.act[sig - 1].sa_handler == SIG_DFL &&
		                                      sig_default(sig) == SD_TERM)))
			return true;
	return false;
}

bool sig_exit_work(const struct thread *t)
{
	return t->sigpending | t->proc->sigpending | t->sigmask_restore;
}

void sig_syscall_exit(struct thread *t)
{
	struct proc *p = t->proc;
	uint64_t todo = sig_pending(t);

	KASSERT(bkl_held());
	for (int sig = 1; todo; sig++, todo >>= 1) {
		if (!(todo & 1))
			continue;
		uint32_t h = p->sig.act[sig - 1].sa_handler;
		if (sig == SIGKILL)
			h = SIG_DFL;
		if (h != SIG_DFL && h != SIG_IGN)
			continue; /* caught: stays pending until handlers exist */
		enum sig_default d = sig_default(sig);
		if (h == SIG_DFL && d == SD_STOP)
			continue; /* job control stops come with the signals issue */
		t->sigpending &= ~SIGBIT(sig);
		p->sigpending &= ~SIGBIT(sig);
		if (h == SIG_DFL && d == SD_TERM) {
			if (trace_on())
				klog("[%d] --- killed by signal %d ---", p->pid, sig);
			proc_exit(WUNIX_W_SIGNALED(sig));
		}
	}
	if (t->sigmask_restore) {
		t->sigmask = t->sigmask_saved;
		t->sigmask_restore = false;
	}
}

long sys_rt_sigpending(const sarg_t *a)
{
	struct thread *t = curthread();
	uint64_t set = (t->sigpending | t->proc->sigpending) & t->sigmask;

	if ((size_t)a[1] != WUNIX_SIGSET_SIZE)
		return -EINVAL;
	return copyout((uaddr_t)a[0], &set, sizeof(set)) ? -EFAULT : 0;
}

/* The core of tkill and tgkill: sends sig (0: only checks) to thread tid of
 * process tgid (tgid <= 0: any process). Permissions as kill(2) (cred.c's rule
 * for signals is root or matching real/effective uids). */
static long thread_kill(int tgid, int tid, int sig)
{
	if (tid <= 0 || sig < 0 || sig > WUNIX_NSIG)
		return -EINVAL;
	for (int i = 0; i < NTHREAD; i++) {
		struct thread *t = &threads[i];
		if (!t->used || t->tid != tid || (tgid > 0 && t->proc->pid != tgid))
			continue;
		const struct cred *me = &curproc()->cred, *them = &t->proc->cred;
		if (me->euid != 0 && me->euid != them->ruid && me->euid != them->suid && me->ruid != them->ruid &&
		    me->ruid != them->suid)
			return -EPERM;
		if (sig)
			sig_send_thread(t, sig);
		return 0;
	}
	return -ESRCH;
}

long sys_tkill(const sarg_t *a)
{
	return thread_kill(0, (int)a[0], (int)a[1]);
}

long sys_tgkill(const sarg_t *a)
{
	if ((int)a[0] <= 0)
		return -EINVAL;
	return thread_kill((int)a[0], (int)a[1], (int)a[2]);
}
