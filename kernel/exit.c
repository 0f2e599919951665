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
	if (act->sa_handler != SIG_IGN)
		sig_send(pp, SIGCHLD);
	if (act->sa_handler == SIG_IGN || (act->sa_flags & SA_NOCLDWAIT))
		proc_reap(p);
	kwakeup(pp);
}

/* Tells p's parent that p stopped or continued: SIGCHLD unless it set
 * SA_NOCLDSTOP, and its waits wake up. */
static void notify_parent_cldstop(struct proc *p)
{
	struct proc *pp = p->parent;

	if (pp == initproc)
		return;
	if (!(pp->sig.act[SIGCHLD - 1].sa_flags & SA_NOCLDSTOP))
		sig_send(pp, SIGCHLD);
	kwakeup(pp);
}

void proc_report_stop(struct proc *p, int sig)
{
	KASSERT(bkl_held() && p->state == P_ALIVE && sig >= 1 && sig <= WUNIX_NSIG);
	p->stopped = true;
	p->stop_report = sig;
	p->cont_report = false;
	notify_parent_cldstop(p);
}

void proc_report_cont(struct proc *p)
{
	KASSERT(bkl_held() && p->state == P_ALIVE);
	p->stopped = false;
	p->stop_report = 0;
	p->cont_report = true;
	notify_parent_cldstop(p);
}

/* Frees the calling thread, releases the BKL and leaves through the host. */
static __attribute__((noreturn)) void thread_finish(struct thread *t)
{
	thread_free(t);
	bkl_unlock();
	host_thread_exit();
}

void proc_exit(int wstatus)
{
	struct thread *t = curthread();
	struct proc *p = t->proc;

	KASSERT(bkl_held() && p != initproc);
	host_exit_group(p->pid, wstatus);
	/* Only single-threaded processes exist so far; the Threads issue stops
	 * the others here before anything is released. */
	p->maxrss_kb = MAX(p->maxrss_kb, proc_mem_kb());
	fd_exit(p);
	vfs_exit(p);
	mm_exit(&p->mm);
	procfs_proc_exit(p);
	reparent_children(p);
	pgrp_orphan_check(p, p->parent, p);
	/* a session leader's controlling terminal goes here (the terminals issue) */
	p->state = P_ZOMBIE;
	p->wstatus = wstatus;
	p->stopped = false;
	p->stop_report = 0;
	p->cont_report = false;
	host_proc_exit(p->pid, wstatus);
	thread_free(t);
	notify_parent(p);
	bkl_unlock();
	host_thread_exit();
}

void thread_exit(int wstatus)
{
	struct thread *t = curthread();

	KASSERT(bkl_held());
	if (t->proc->nthreads > 1) {
		if (t->clear_child_tid) {
			uint32_t zero = 0;
			copyout(t->clear_child_tid, &zero, sizeof(zero));
		}
		thread_finish(t);
	}
	proc_exit(wstatus);
}

long sys_exit(const sarg_t *a)
{
	thread_exit(WUNIX_W_EXITCODE((int)a[0]));
}

long sys_exit_group(const sarg_t *a)
{
	proc_exit(WUNIX_W_EXITCODE((int)a[0]));
}

/* The current thread's guest code trapped: its process dies of signal sig (no
 * core flag: wunix writes no core dumps). Ends in host_thread_exit. */
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
	proc_exit(WUNIX_W_SIGNALED(sig));
}
