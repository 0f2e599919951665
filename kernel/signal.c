/* kernel/signal.c -- signal dispositions (per process), masks (per thread),
 * pending queues, sending, and delivery on the way out of every system call:
 * default actions, job-control stops, and handlers, which run on the thread's
 * own stack through the host (docs/abi.md, "Signals"). The system calls are in
 * signal_calls.c. */
#include "ksignal.h"
#include "arch.h"
#include "host.h"
#include "kalloc.h"
#include "klib.h"
#include "lock.h"
#include "proc.h"
#include "syscall.h"
#include "usercopy.h"
#include "waitq.h"
#include <wunix/poll.h>
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

enum sig_default { SD_TERM, SD_CORE, SD_IGN, SD_STOP, SD_CONT };

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
	case SIGQUIT:
	case SIGILL:
	case SIGTRAP:
	case SIGABRT:
	case SIGBUS:
	case SIGFPE:
	case SIGSEGV:
	case SIGXCPU:
	case SIGXFSZ:
	case SIGSYS:
		return SD_CORE;
	default:
		return SD_TERM;
	}
}

/* The handler sig has in p: SIG_DFL, SIG_IGN or a function. */
static uint32_t handler_of(const struct proc *p, int sig)
{
	return sig == SIGKILL || sig == SIGSTOP ? SIG_DFL : p->sig.act[sig - 1].sa_handler;
}

/* Whether sig's disposition in sa ignores it (SIG_IGN, or SIG_DFL of a signal
 * whose default is to be ignored). */
static bool ignored(const struct proc *p, int sig)
{
	uint32_t h = handler_of(p, sig);
	return h == SIG_IGN || (h == SIG_DFL && (sig_default(sig) == SD_IGN || sig_default(sig) == SD_CONT));
}

/* Whether taking sig ends the process (SIGKILL, or a default that terminates). */
static bool fatal(const struct proc *p, int sig)
{
	return handler_of(p, sig) == SIG_DFL && (sig_default(sig) == SD_TERM || sig_default(sig) == SD_CORE);
}

/* Whether taking sig stops the process. */
static bool stops(const struct proc *p, int sig)
{
	return handler_of(p, sig) == SIG_DFL && sig_default(sig) == SD_STOP;
}

/* The wait status of death by sig: the core flag for the signals whose default
 * dumps core, when RLIMIT_CORE allows a core (wunix writes none). */
int sig_death_status(const struct proc *p, int sig)
{
	bool core = sig_default(sig) == SD_CORE && p->rlim[WUNIX_RLIMIT_CORE].rlim_cur != 0;
	return WUNIX_W_SIGNALED(sig) | (core ? 0x80 : 0);
}

/* Queues */

void sigqueue_flush(struct sigqueue *q)
{
	while (q->head) {
		struct ksiginfo *e = q->head;
		q->head = e->next;
		kfree(e);
	}
	q->set = 0;
}

/* Removes every info of sig from q and its bit; returns how many infos went. */
static int q_discard(struct sigqueue *q, int sig)
{
	int n = 0;

	for (struct ksiginfo **pp = &q->head; *pp;) {
		struct ksiginfo *e = *pp;
		if (e->info.si_signo == sig) {
			*pp = e->next;
			kfree(e);
			n++;
		} else {
			pp = &e->next;
		}
	}
	q->set &= ~SIGBIT(sig);
	return n;
}

/* Takes the first info of sig from q into out (made up if none was queued). */
static int q_take(struct sigqueue *q, int sig, struct wunix_siginfo *out)
{
	struct ksiginfo *e = NULL;
	bool more = false;

	for (struct ksiginfo **pp = &q->head; *pp; pp = &(*pp)->next) {
		if ((*pp)->info.si_signo != sig)
			continue;
		if (e) {
			more = true;
			break;
		}
		e = *pp;
		*pp = e->next;
		if (!*pp)
			break;
	}
	if (!more)
		for (struct ksiginfo *f = q->head; f; f = f->next)
			more |= f->info.si_signo == sig;
	if (!more)
		q->set &= ~SIGBIT(sig);
	if (out) {
		if (e) {
			*out = e->info;
		} else {
			memset(out, 0, sizeof(*out));
			out->si_signo = sig;
			out->si_code = SI_KERNEL;
		}
	}
	if (e)
		kfree(e);
	return e ? 1 : 0;
}

/* Adds info to q, owned by p: a standard signal already pending is not queued
 * twice; a real-time one is, up to SIGQUEUE_MAX per process (-EAGAIN). A
 * signal the kernel raises stays pending without its info if memory is short. */
static int q_add(struct proc *p, struct sigqueue *q, const struct wunix_siginfo *info)
{
	int sig = info->si_signo;
	bool rt = sig >= SIGRTMIN;

	if (!rt && (q->set & SIGBIT(sig)))
		return 0;
	struct ksiginfo *e = p->nsigq < SIGQUEUE_MAX ? kalloc(sizeof(*e)) : NULL;
	if (!e) {
		if (rt && info->si_code != SI_KERNEL)
			return -EAGAIN;
		q->set |= SIGBIT(sig);
		return 0;
	}
	e->info = *info;
	e->next = NULL;
	struct ksiginfo **pp = &q->head;
	while (*pp)
		pp = &(*pp)->next;
	*pp = e;
	p->nsigq++;
	q->set |= SIGBIT(sig);
	return 0;
}

void sig_thread_exit(struct thread *t)
{
	for (struct ksiginfo *e = t->sigq.head; e; e = e->next)
		t->proc->nsigq--;
	sigqueue_flush(&t->sigq);
}

/* Removes sig from p's queue and every thread's. */
static void discard(struct proc *p, int sig)
{
	p->nsigq -= q_discard(&p->sigq, sig);
	for (int i = 0; i < NTHREAD; i++)
		if (thread_live(&threads[i]) && threads[i].proc == p)
			p->nsigq -= q_discard(&threads[i].sigq, sig);
}

int sig_dequeue(struct thread *t, uint64_t set, struct wunix_siginfo *info)
{
	struct proc *p = t->proc;
	uint64_t mine = t->sigq.set & set, theirs = p->sigq.set & set;

	if (!mine && !theirs)
		return 0;
	struct sigqueue *q = mine ? &t->sigq : &p->sigq;
	int sig = __builtin_ctzll(mine ? mine : theirs) + 1;
	p->nsigq -= q_take(q, sig, info);
	return sig;
}

uint64_t sig_pending(const struct thread *t)
{
	return (t->sigq.set | t->proc->sigq.set) & ~t->sigmask;
}

bool sig_interrupts(const struct thread *t)
{
	uint64_t todo = sig_pending(t);

	if (t->killed || t->proc->exiting)
		return true;
	for (int sig = 1; todo; sig++, todo >>= 1)
		if ((todo & 1) && !ignored(t->proc, sig))
			return true;
	return false;
}

const void *sig_chan(const struct proc *p)
{
	return &p->sigq;
}

/* Sending */

/* p stops for sig: every thread stops at its next system call exit (or
 * entry); its parent hears of it (wait's WUNTRACED, SIGCHLD). */
static void proc_stop(struct proc *p, int sig)
{
	if (p->stopped || p->exiting)
		return;
	proc_report_stop(p, sig);
}

/* SIGCONT (and SIGKILL) resume a stopped process, whatever their disposition:
 * the stopped threads wake, and the parent hears of it (WCONTINUED). */
static void proc_continue(struct proc *p)
{
	if (!p->stopped)
		return;
	proc_report_cont(p);
	kwakeup(&p->stopped);
}

/* Wakes a thread of p (t if given) that is sleeping interruptibly and can take
 * sig, so it ends its system call and takes it. */
static void kick(struct proc *p, struct thread *t, int sig)
{
	kwakeup(sig_chan(p));
	if (t) {
		if (t->sleep_intr && !(t->sigmask & SIGBIT(sig)))
			kwakeup_thread(t);
		return;
	}
	for (int i = 0; i < NTHREAD; i++) {
		struct thread *u = &threads[i];
		if (thread_live(u) && u->proc == p && u->sleeping && u->sleep_intr && !(u->sigmask & SIGBIT(sig))) {
			kwakeup_thread(u);
			return;
		}
	}
}

/* Whether sig is blocked for p's signals to t, or for a process-directed
 * signal (t NULL) by every thread of p. */
static bool blocked(const struct proc *p, const struct thread *t, int sig)
{
	if (t)
		return t->sigmask & SIGBIT(sig);
	bool any = false;
	for (int i = 0; i < NTHREAD; i++) {
		const struct thread *u = &threads[i];
		if (thread_live(u) && u->proc == p) {
			if (!(u->sigmask & SIGBIT(sig)))
				return false;
			any = true;
		}
	}
	return any;
}

static int send(struct proc *p, struct thread *t, const struct wunix_siginfo *info)
{
	int sig = info->si_signo;

	KASSERT(bkl_held() && sig >= 1 && sig <= WUNIX_NSIG);
	if (p->state != P_ALIVE || p->exiting || p == initproc)
		return 0;
	/* POSIX: SIGCONT discards pending stops and a stop discards a pending
	 * SIGCONT, when sent; SIGCONT resumes the process even if caught */
	if (sig == SIGCONT || sig == SIGKILL) {
		for (int s = 1; s <= WUNIX_NSIG; s++)
			if (SIG_STOPS & SIGBIT(s))
				discard(p, s);
		proc_continue(p);
	} else if (SIG_STOPS & SIGBIT(sig)) {
		discard(p, SIGCONT);
	}
	bool blk = blocked(p, t, sig);
	if (!blk && ignored(p, sig))
		return 0;
	if (!blk && fatal(p, sig)) {
		/* nothing can catch it: the whole process dies now, even if every
		 * thread computes in user mode */
		proc_zap(p, sig_death_status(p, sig));
		return 0;
	}
	if (!blk && stops(p, sig)) {
		proc_stop(p, sig);
		return 0;
	}
	int r = q_add(p, t ? &t->sigq : &p->sigq, info);
	if (r == 0) {
		kick(p, t, sig);
		if (waitq_active(&p->sigwq))
			waitq_wake(&p->sigwq, POLLIN | POLLRDNORM);
	}
	return r;
}

int sig_send_info(struct proc *p, const struct wunix_siginfo *info)
{
	return send(p, NULL, info);
}

int sig_send_thread_info(struct thread *t, const struct wunix_siginfo *info)
{
	return send(t->proc, t, info);
}

static void kernel_info(struct wunix_siginfo *info, int sig)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = SI_KERNEL;
}

void sig_send(struct proc *p, int sig)
{
	struct wunix_siginfo info;

	kernel_info(&info, sig);
	send(p, NULL, &info);
}

void sig_send_thread(struct thread *t, int sig)
{
	struct wunix_siginfo info;

	kernel_info(&info, sig);
	send(t->proc, t, &info);
}

bool sig_permitted(const struct proc *me, const struct proc *them, int sig)
{
	const struct cred *a = &me->cred, *b = &them->cred;

	if (a->euid == 0 || a->euid == b->ruid || a->euid == b->suid || a->ruid == b->ruid || a->ruid == b->suid)
		return true;
	return sig == SIGCONT && me->sid == them->sid; /* POSIX: SIGCONT within a session */
}

/* Delivery */

bool sig_exit_work(const struct thread *t)
{
	const struct proc *p = t->proc;
	return t->sigq.set | p->sigq.set | t->sigmask_restore | p->stopped | p->exiting | t->killed;
}

bool sig_on_altstack(const struct thread *t, uaddr_t sp)
{
	return t->ss_size && sp > t->ss_sp && sp - t->ss_sp <= t->ss_size;
}

/* Writes the frame that runs act's handler for info on t's stack (or its
 * alternate stack), blocks what the handler blocks: the frame's address, or 0
 * when it cannot be written. */
static uaddr_t setup_frame(struct thread *t, struct wunix_sigaction *act, const struct wunix_siginfo *info)
{
	struct wunix_sigframe f;
	uaddr_t usp = host_user_sp(), sp = usp;
	int sig = info->si_signo;

	memset(&f, 0, sizeof(f));
	f.uc.uc_stack.ss_sp = (uint32_t)t->ss_sp;
	f.uc.uc_stack.ss_size = t->ss_size;
	f.uc.uc_stack.ss_flags = (int32_t)(!t->ss_size ? SS_DISABLE : sig_on_altstack(t, usp) ? SS_ONSTACK : t->ss_flags);
	if ((act->sa_flags & SA_ONSTACK) && t->ss_size && !sig_on_altstack(t, usp)) {
		sp = t->ss_sp + t->ss_size;
		if (t->ss_flags & SS_AUTODISARM) {
			t->ss_sp = 0;
			t->ss_size = 0;
			t->ss_flags = SS_DISABLE;
		}
	}
	if (sp < UADDR_MIN + sizeof(f))
		return 0;
	uaddr_t frame = (sp - sizeof(f)) & ~(uaddr_t)15;
	uint64_t old = t->sigmask_restore ? t->sigmask_saved : t->sigmask;
	f.handler = act->sa_handler;
	f.sig = sig;
	f.flags = act->sa_flags;
	f.info = *info;
	f.uc.mc_sp = (uint32_t)usp;
	memcpy(f.uc.uc_sigmask, &old, sizeof(old));
	if (copyout(frame, &f, sizeof(f)))
		return 0;
	/* the handler runs with the mask of the moment (a ppoll's or sigsuspend's
	 * own) and its action's; its frame brings back the mask from before */
	t->sigmask_restore = false;
	t->sigmask |= mask_get(act) | ((act->sa_flags & SA_NODEFER) ? 0 : SIGBIT(sig));
	t->sigmask &= ~SIG_UNBLOCKABLE;
	if (act->sa_flags & SA_RESETHAND) {
		act->sa_handler = SIG_DFL;
		act->sa_flags &= ~SA_SIGINFO;
	}
	return frame;
}

/* A stopped process's thread waits here until SIGCONT (or its end). */
static void stop_wait(struct thread *t)
{
	while (t->proc->stopped && !t->proc->exiting && !t->killed)
		ksleep(&t->proc->stopped, -1);
}

uaddr_t sig_syscall_exit(struct thread *t, long *r, bool *restart)
{
	struct proc *p = t->proc;
	bool interrupted = *r == -ERESTARTSYS || *r == -ERESTARTNOHAND || *r == -ERESTARTNOINTR;

	KASSERT(bkl_held());
	*restart = false;
	for (;;) {
		if (p->exiting || t->killed)
			thread_exit_killed();
		if (p->stopped) {
			stop_wait(t);
			continue;
		}
		uint64_t todo = sig_pending(t);
		if (!todo)
			break;
		struct wunix_siginfo info;
		int sig = sig_dequeue(t, todo & -todo, &info);
		struct wunix_sigaction *act = &p->sig.act[sig - 1];
		if (ignored(p, sig))
			continue;
		if (fatal(p, sig)) {
			if (trace_on())
				klog("[%d] --- killed by signal %d ---", p->pid, sig);
			proc_exit(sig_death_status(p, sig));
		}
		if (stops(p, sig)) {
			proc_stop(p, sig);
			continue;
		}
		uaddr_t frame = setup_frame(t, act, &info);
		if (!frame) {
			/* no room for the frame: Linux kills with SIGSEGV */
			proc_exit(sig_death_status(p, SIGSEGV));
		}
		if (interrupted) {
			*restart = *r == -ERESTARTNOINTR || (*r == -ERESTARTSYS && (act->sa_flags & SA_RESTART));
			if (!*restart)
				*r = -EINTR;
		}
		if (trace_on())
			klog("[%d] --- signal %d: handler at %u ---", p->pid, sig, (unsigned)frame);
		return frame;
	}
	if (interrupted)
		*restart = true;
	if (t->sigmask_restore) {
		t->sigmask = t->sigmask_saved;
		t->sigmask_restore = false;
	}
	return 0;
}

bool sig_return(struct thread *t, uaddr_t frame)
{
	uint64_t m;
	uint32_t intr = 0;

	/* the handler may have changed the mask its ucontext holds, as on Linux */
	if (copyin(&m, frame + offsetof(struct wunix_sigframe, uc.uc_sigmask), sizeof(m)) == 0)
		t->sigmask = m & ~SIG_UNBLOCKABLE;
	(void)copyin(&intr, frame + offsetof(struct wunix_sigframe, uc.mc_intr), sizeof(intr));
	return intr != 0;
}

void sig_set_action(struct proc *p, int sig, const struct wunix_sigaction *act)
{
	p->sig.act[sig - 1] = *act;
	mask_set(&p->sig.act[sig - 1], mask_get(act) & ~SIG_UNBLOCKABLE);
	/* POSIX: a pending signal set to be ignored is discarded, blocked or not */
	if (ignored(p, sig))
		discard(p, sig);
}
