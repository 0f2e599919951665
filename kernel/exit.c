/* kernel/exit.c -- exit, exit_group and death by a trap, and what a parent
 * hears of its children: SIGCHLD, reaping at once, stop and continue reports. */
#include "arch.h"
#include "exports.h"
#include "cpu.h"
#include "host.h"
#include "klib.h"
#include "lock.h"
#include "proc.h"
#include "procfs.h"
#include "syscall.h"
#include "timer.h"
#include "tty.h"
#include "usercopy.h"
#include "vfs.h"
#include <wunix/signal.h>
#include <wunix/wait.h>

/* Gives p's children to init, which reaps the zombies among them at once; a
 * child's group may be orphaned by it. */
static void reparent_children(struct proc *p)
{
	for (int i = 0; i < NPROC; i++) {
		struct proc *c = &procs[i];
		if (c->state == P_UNUSED || c->parent != p)
			continue;
		c->parent = initproc;
		pgrp_orphan_check(c, p, NULL);
		if (c->state == P_ZOMBIE)
			proc_reap(c);
	}
}

/* Sends p's parent SIGCHLD with what a SA_SIGINFO handler sees: code CLD_*,
 * p's pid and uid, status an exit code or a signal. */
static void send_sigchld(struct proc *p, int code, int status)
{
	struct wunix_siginfo info;

	memset(&info, 0, sizeof(info));
	info.si_signo = SIGCHLD;
	info.si_code = code;
	info.u.chld.pid = p->pid;
	info.u.chld.uid = p->cred.ruid;
	info.u.chld.status = status;
	sig_send_info(p->parent, &info);
}

/* Tells p's parent that p is a zombie now: SIGCHLD, unless it ignores it; it
 * reaps p at once if it ignores SIGCHLD or set SA_NOCLDWAIT (POSIX), as init
 * always does; its waits wake up (and may find no child left: ECHILD). */
static void notify_parent(struct proc *p)
{
	struct proc *pp = p->parent;

	if (pp == initproc) {
		proc_reap(p);
		return;
	}
	const struct wunix_sigaction *act = &pp->sig.act[SIGCHLD - 1];
	if (act->sa_handler != SIG_IGN) {
		int w = p->wstatus;
		if ((w & 0x7f) == 0)
			send_sigchld(p, WUNIX_CLD_EXITED, (w >> 8) & 0xff);
		else
			send_sigchld(p, (w & WUNIX_WCOREFLAG) ? WUNIX_CLD_DUMPED : WUNIX_CLD_KILLED, w & 0x7f);
	}
	if (act->sa_handler == SIG_IGN || (act->sa_flags & SA_NOCLDWAIT))
		proc_reap(p);
	kwakeup(pp);
}

/* Tells p's parent that p stopped or continued: SIGCHLD unless it set
 * SA_NOCLDSTOP, and its waits wake up. */
static void notify_parent_cldstop(struct proc *p, int code, int sig)
{
	struct proc *pp = p->parent;

	if (pp == initproc)
		return;
	if (!(pp->sig.act[SIGCHLD - 1].sa_flags & SA_NOCLDSTOP))
		send_sigchld(p, code, sig);
	kwakeup(pp);
}

void proc_report_stop(struct proc *p, int sig)
{
	KASSERT(bkl_held() && p->state == P_ALIVE && sig >= 1 && sig <= WUNIX_NSIG);
	p->stopped = true;
	p->stop_report = sig;
	p->cont_report = false;
	notify_parent_cldstop(p, WUNIX_CLD_STOPPED, sig);
}

void proc_report_cont(struct proc *p)
{
	KASSERT(bkl_held() && p->state == P_ALIVE);
	p->stopped = false;
	p->stop_report = 0;
	p->cont_report = true;
	notify_parent_cldstop(p, WUNIX_CLD_CONTINUED, SIGCONT);
}

void proc_teardown(struct proc *p, struct thread *t)
{
	KASSERT(bkl_held() && p->exiting && p != initproc);
	if (curproc() == p)
		p->maxrss_kb = MAX(p->maxrss_kb, proc_mem_kb());
	timer_exit(p);
	fd_exit(p);
	vfs_exit(p);
	mm_exit(&p->mm);
	procfs_proc_exit(p);
	sigqueue_flush(&p->sigq);
	p->nsigq = 0;
	while (p->sigwq.head)
		waitq_del(p->sigwq.head);
	if (p->sid == p->pid)
		tty_session_exit(p); /* its terminal's foreground group gets SIGHUP */
	reparent_children(p);
	pgrp_orphan_check(p, p->parent, p);
	p->state = P_ZOMBIE;
	p->stopped = false;
	p->stop_report = 0;
	p->cont_report = false;
	host_proc_exit(p->pid, p->wstatus);
	if (t)
		thread_free(t);
	notify_parent(p);
}

void proc_exit(int wstatus)
{
	struct thread *t = curthread();

	KASSERT(bkl_held() && t->proc != initproc);
	proc_zap(t->proc, wstatus);
	thread_exit_killed();
}

long sys_exit_group(const sarg_t *a)
{
	proc_exit(WUNIX_W_EXITCODE((int)a[0]));
}

/* The current thread's guest code trapped: its process dies of signal sig
 * (with the core flag as for a sent signal). Ends in host_thread_exit. */
KEXPORT("k_thread_trap") void k_thread_trap(int sig)
{
	struct thread *t = kentry();

	if (!t) {
		bkl_unlock();
		kpanic("k_thread_trap: no thread on this CPU");
	}
	if (sig < 1 || sig > WUNIX_NSIG)
		sig = SIGSEGV;
	if (trace_on())
		klog("[%d] --- killed by signal %d ---", t->proc->pid, sig);
	proc_exit(sig_death_status(t->proc, sig));
}
