/* kernel/signal_calls.c -- the signal system calls: sigaction, the masks,
 * sigpending, sigsuspend, sigtimedwait, kill, tkill, tgkill, sigqueueinfo and
 * sigaltstack, thin wrappers over signal.c. */
#include "ksignal.h"
#include "host.h"
#include "klib.h"
#include "kpoll.h"
#include "ktime.h"
#include "lock.h"
#include "proc.h"
#include "syscall.h"
#include "usercopy.h"
#include <wunix/errno.h>

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
	struct proc *p = curproc();
	old = p->sig.act[sig - 1];
	if (uact)
		sig_set_action(p, sig, &act);
	if (uold && copyout(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* The core of sigprocmask: how (SIG_*) with set; the old mask to *old. */
static long set_mask(struct thread *t, int how, const uint64_t *set, uint64_t *old)
{
	*old = t->sigmask;
	if (!set)
		return 0;
	switch (how) {
	case SIG_BLOCK:
		t->sigmask |= *set;
		break;
	case SIG_UNBLOCK:
		t->sigmask &= ~*set;
		break;
	case SIG_SETMASK:
		t->sigmask = *set;
		break;
	default:
		return -EINVAL;
	}
	t->sigmask &= ~SIG_UNBLOCKABLE;
	return 0;
}

long sys_rt_sigprocmask(const sarg_t *a)
{
	uaddr_t uset = (uaddr_t)a[1], uold = (uaddr_t)a[2];
	uint64_t set, old;
	long r;

	if ((uint64_t)a[3] != WUNIX_SIGSET_SIZE)
		return -EINVAL;
	if (uset && copyin(&set, uset, sizeof(set)))
		return -EFAULT;
	if ((r = set_mask(curthread(), (int)a[0], uset ? &set : NULL, &old)))
		return r;
	if (uold && copyout(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_rt_sigpending(const sarg_t *a)
{
	struct thread *t = curthread();
	uint64_t set = (t->sigq.set | t->proc->sigq.set) & t->sigmask;

	if ((size_t)a[1] != WUNIX_SIGSET_SIZE)
		return -EINVAL;
	return copyout((uaddr_t)a[0], &set, sizeof(set)) ? -EFAULT : 0;
}

/* rt_sigsuspend(mask, size): waits with mask until a handler runs or the
 * process ends; the old mask comes back after the handler (its frame's). */
long sys_rt_sigsuspend(const sarg_t *a)
{
	struct thread *t = curthread();
	uint64_t m;

	if ((size_t)a[1] != WUNIX_SIGSET_SIZE)
		return -EINVAL;
	if (copyin(&m, (uaddr_t)a[0], sizeof(m)))
		return -EFAULT;
	if (!t->sigmask_restore) {
		t->sigmask_saved = t->sigmask;
		t->sigmask_restore = true;
	}
	t->sigmask = m & ~SIG_UNBLOCKABLE;
	while (ksleep_sig(sig_chan(t->proc), -1) != -ERESTARTSYS)
		;
	return -ERESTARTNOHAND;
}

/* rt_sigtimedwait(set, info, timeout, size): takes a pending signal of set
 * (normally blocked), waiting up to timeout (NULL: forever): its number,
 * -EAGAIN on timeout, -EINTR when a handler is due. */
long sys_rt_sigtimedwait(const sarg_t *a)
{
	struct thread *t = curthread();
	uaddr_t uinfo = (uaddr_t)a[1], uts = (uaddr_t)a[2];
	struct wunix_siginfo info;
	uint64_t set;
	int64_t timeout = -1, deadline = -1;

	if ((size_t)a[3] != WUNIX_SIGSET_SIZE)
		return -EINVAL;
	if (copyin(&set, (uaddr_t)a[0], sizeof(set)))
		return -EFAULT;
	set &= ~SIG_UNBLOCKABLE;
	if (uts) {
		long r = poll_ts_copyin(uts, &timeout);
		if (r)
			return r;
		deadline = timeout > INT64_MAX - ktime_mono() ? INT64_MAX : ktime_mono() + timeout;
	}
	for (;;) {
		int sig = sig_dequeue(t, set, &info);
		if (sig) {
			if (uinfo && copyout(uinfo, &info, sizeof(info)))
				return -EFAULT;
			return sig;
		}
		int64_t left = -1;
		if (deadline >= 0 && (left = deadline - ktime_mono()) <= 0)
			return -EAGAIN;
		if (ksleep_sig(sig_chan(t->proc), left) == -ERESTARTSYS && !((t->sigq.set | t->proc->sigq.set) & set))
			return -EINTR;
	}
}

/* The info a sender writes: si_code, its pid and real uid. */
static void user_info(struct wunix_siginfo *info, int sig, int code)
{
	struct proc *me = curproc();

	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = code;
	info->u.kill.pid = me->pid;
	info->u.kill.uid = me->cred.ruid;
}

/* kill(pid, sig): pid > 0 one process, 0 the caller's group, -1 every process
 * the caller may signal but init and itself (Linux), < -1 group -pid. */
long sys_kill(const sarg_t *a)
{
	int pid = (int)a[0], sig = (int)a[1];
	struct proc *me = curproc();
	struct wunix_siginfo info;

	if (sig < 0 || sig > WUNIX_NSIG)
		return -EINVAL;
	user_info(&info, sig, SI_USER);
	if (pid > 0) {
		struct proc *p = proc_find(pid);
		if (!p)
			return -ESRCH;
		if (!sig_permitted(me, p, sig))
			return -EPERM;
		return sig ? sig_send_info(p, &info) : 0;
	}
	int pgid = pid == 0 ? me->pgid : -pid;
	bool found = false, sent = false;
	if (pid == INT32_MIN)
		return -ESRCH;
	for (int i = 0; i < NPROC; i++) {
		struct proc *p = &procs[i];
		if (p->state != P_ALIVE || p == initproc)
			continue;
		if (pid == -1 ? p == me : p->pgid != pgid)
			continue;
		found = true;
		if (!sig_permitted(me, p, sig))
			continue;
		sent = true;
		if (sig)
			sig_send_info(p, &info);
	}
	return sent ? 0 : found ? -EPERM : -ESRCH;
}

/* The core of tkill, tgkill and rt_tgsigqueueinfo: sends info (signal 0: only
 * checks) to thread tid of process tgid (tgid <= 0: any process). */
static long thread_kill(int tgid, int tid, const struct wunix_siginfo *info)
{
	int sig = info->si_signo;

	if (tid <= 0 || sig < 0 || sig > WUNIX_NSIG)
		return -EINVAL;
	for (int i = 0; i < NTHREAD; i++) {
		struct thread *t = &threads[i];
		if (!thread_live(t) || t->tid != tid || (tgid > 0 && t->proc->pid != tgid))
			continue;
		if (!sig_permitted(curproc(), t->proc, sig))
			return -EPERM;
		return sig ? sig_send_thread_info(t, info) : 0;
	}
	return -ESRCH;
}

long sys_tkill(const sarg_t *a)
{
	struct wunix_siginfo info;

	user_info(&info, (int)a[1], SI_TKILL);
	return thread_kill(0, (int)a[0], &info);
}

long sys_tgkill(const sarg_t *a)
{
	struct wunix_siginfo info;

	if ((int)a[0] <= 0)
		return -EINVAL;
	user_info(&info, (int)a[2], SI_TKILL);
	return thread_kill((int)a[0], (int)a[1], &info);
}

/* The info of rt_sigqueueinfo and rt_tgsigqueueinfo: the caller's, but it may
 * not pose as the kernel or kill() when signalling another process (Linux). */
static long queue_info(struct wunix_siginfo *info, uaddr_t u, int sig, int pid)
{
	if (copyin(info, u, sizeof(*info)))
		return -EFAULT;
	if (pid != curproc()->pid && (info->si_code >= 0 || info->si_code == SI_TKILL))
		return -EPERM;
	info->si_signo = sig;
	return 0;
}

long sys_rt_sigqueueinfo(const sarg_t *a)
{
	int pid = (int)a[0], sig = (int)a[1];
	struct wunix_siginfo info;
	long r;

	if (sig < 0 || sig > WUNIX_NSIG)
		return -EINVAL;
	if ((r = queue_info(&info, (uaddr_t)a[2], sig, pid)))
		return r;
	struct proc *p = pid > 0 ? proc_find(pid) : NULL;
	if (!p)
		return -ESRCH;
	if (!sig_permitted(curproc(), p, sig))
		return -EPERM;
	return sig ? sig_send_info(p, &info) : 0;
}

long sys_rt_tgsigqueueinfo(const sarg_t *a)
{
	int sig = (int)a[2];
	struct wunix_siginfo info;
	long r;

	if (sig < 0 || sig > WUNIX_NSIG || (int)a[0] <= 0)
		return -EINVAL;
	if ((r = queue_info(&info, (uaddr_t)a[3], sig, (int)a[0])))
		return r;
	return thread_kill((int)a[0], (int)a[1], &info);
}

/* sigaltstack(ss, old): the calling thread's alternate signal stack. */
long sys_sigaltstack(const sarg_t *a)
{
	struct thread *t = curthread();
	uaddr_t uss = (uaddr_t)a[0], uold = (uaddr_t)a[1];
	uaddr_t sp = host_user_sp();
	struct wunix_stack ss, old = {
		(uint32_t)t->ss_sp, (int32_t)(!t->ss_size ? SS_DISABLE : sig_on_altstack(t, sp) ? SS_ONSTACK : t->ss_flags),
		t->ss_size,
	};

	if (uss) {
		if (copyin(&ss, uss, sizeof(ss)))
			return -EFAULT;
		if (sig_on_altstack(t, sp))
			return -EPERM;
		uint32_t mode = (uint32_t)ss.ss_flags & ~SS_AUTODISARM;
		if (mode != 0 && mode != SS_DISABLE && mode != SS_ONSTACK)
			return -EINVAL;
		if (mode == SS_DISABLE) {
			t->ss_sp = 0;
			t->ss_size = 0;
			t->ss_flags = SS_DISABLE;
		} else {
			if (ss.ss_size < WUNIX_MINSIGSTKSZ)
				return -ENOMEM;
			t->ss_sp = ss.ss_sp;
			t->ss_size = ss.ss_size;
			t->ss_flags = (uint32_t)ss.ss_flags & SS_AUTODISARM;
		}
	}
	if (uold && copyout(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}
