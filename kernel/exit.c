/* kernel/exit.c -- exit, exit_group and death by a trap. */
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

/* Gives p's children to init, which reaps the zombies among them at once. */
static void reparent_children(struct proc *p)
{
	for (int i = 0; i < NPROC; i++) {
		struct proc *c = &procs[i];
		if (c->state == P_UNUSED || c->parent != p)
			continue;
		c->parent = initproc;
		if (c->state == P_ZOMBIE)
			proc_reap(c);
	}
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
	/* Only single-threaded processes exist so far; the Threads issue stops
	 * the others here before anything is released. */
	fd_exit(p);
	vfs_exit(p);
	mm_exit(&p->mm);
	procfs_proc_exit(p);
	reparent_children(p);
	p->state = P_ZOMBIE;
	p->wstatus = wstatus;
	host_proc_exit(p->pid, wstatus);
	kwakeup(p->parent);
	thread_free(t);
	if (p->parent == initproc)
		proc_reap(p);
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
