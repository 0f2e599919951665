/* kernel/thread.c -- threads: clone for pthreads, thread exit, and ending the
 * other threads of a process (exit_group, exec, fatal signals). A thread the
 * kernel must end while it computes in user mode is stopped through its state
 * word: USER→DEAD, then the host stops its worker and k_cpu_reclaim frees its
 * slots; meanwhile it is in limbo, no longer part of its process. */
#include "arch.h"
#include "exports.h"
#include "cpu.h"
#include "futex.h"
#include "host.h"
#include "klib.h"
#include "lock.h"
#include "proc.h"
#include "syscall.h"
#include "usercopy.h"
#include <wunix/clone.h>
#include <wunix/errno.h>
#include <wunix/wait.h>

/* What musl's pthread_create asks for, all of which a wunix thread is. */
#define CLONE_THREAD_SET (WUNIX_CLONE_VM | WUNIX_CLONE_FS | WUNIX_CLONE_FILES | WUNIX_CLONE_SIGHAND | \
                          WUNIX_CLONE_THREAD | WUNIX_CLONE_SETTLS)
#define CLONE_ALLOWED (CLONE_THREAD_SET | WUNIX_CLONE_SYSVSEM | WUNIX_CLONE_PARENT_SETTID | \
                       WUNIX_CLONE_CHILD_SETTID | WUNIX_CLONE_CHILD_CLEARTID | WUNIX_CLONE_DETACHED)

/* clone(flags, stack, ptid, tls, ctid): a new thread of the caller's process,
 * started by the host on another CPU at the entry whose function and argument
 * musl's __clone stored at stack[0] and stack[1] (docs/abi.md, "Threads").
 * Processes come from fork and posix_spawn: a clone without CLONE_THREAD is
 * -ENOSYS. */
long sys_clone(const sarg_t *a)
{
	uint64_t flags = (uint64_t)a[0];
	uaddr_t stack = (uaddr_t)a[1], ptid = (uaddr_t)a[2], tls = (uaddr_t)a[3], ctid = (uaddr_t)a[4];
	struct thread *t = curthread(), *nt;
	uint32_t entry[2];

	if (!(flags & WUNIX_CLONE_THREAD))
		return -ENOSYS;
	if ((flags & ~(uint64_t)CLONE_ALLOWED) || (flags & CLONE_THREAD_SET) != CLONE_THREAD_SET)
		return -EINVAL;
	if (!stack || (stack & 15) || !tls)
		return -EINVAL;
	if (copyin(entry, stack, sizeof(entry)))
		return -EFAULT;
	if (!(nt = thread_alloc(t->proc)))
		return -EAGAIN;
	uint32_t tid = (uint32_t)nt->tid;
	if (((flags & WUNIX_CLONE_PARENT_SETTID) && copyout(ptid, &tid, sizeof(tid))) ||
	    ((flags & WUNIX_CLONE_CHILD_SETTID) && copyout(ctid, &tid, sizeof(tid)))) {
		thread_free(nt);
		return -EFAULT;
	}
	nt->sigmask = t->sigmask;
	if (flags & WUNIX_CLONE_CHILD_CLEARTID)
		nt->clear_child_tid = ctid;
	host_clone(nt->tid, (uint32_t)stack, (uint32_t)tls);
	return nt->tid;
}

/* Sets t's killed word, then stops it: in user mode through its state word
 * (it goes into limbo and the host stops its worker), else by waking it if it
 * sleeps; a thread that never ran is simply freed. */
static void kill_thread(struct thread *t)
{
	struct proc *p = t->proc;

	if (!t->ran) {
		thread_free(t);
		return;
	}
	atomic_store32(&t->killed, 1);
	if (atomic_cas32(&t->state, TS_USER, TS_DEAD) != TS_USER) {
		if (t->sleeping)
			kwakeup_thread(t);
		return;
	}
	sig_thread_exit(t);
	ru_thread_exit(t);
	p->nthreads--;
	t->proc = NULL;
	t->limbo = true;
	host_cpu_kill(t->cpu->id, p->pid);
	kwakeup(&p->nthreads);
}

void thread_kill_others(struct proc *p, struct thread *keep)
{
	KASSERT(bkl_held());
	for (int i = 0; i < NTHREAD; i++) {
		struct thread *t = &threads[i];
		if (thread_live(t) && t->proc == p && t != keep)
			kill_thread(t);
	}
}

void proc_zap(struct proc *p, int wstatus)
{
	KASSERT(bkl_held() && p != initproc);
	if (p->exiting || p->state != P_ALIVE)
		return;
	p->exiting = true;
	p->wstatus = wstatus;
	host_exit_group(p->pid, wstatus);
	thread_kill_others(p, NULL);
	if (p->nthreads == 0)
		proc_teardown(p, NULL);
}

void thread_gone(struct thread *t)
{
	struct proc *p = t->proc;

	KASSERT(bkl_held());
	if (p->exiting && p->nthreads == 1) {
		proc_teardown(p, t);
		return;
	}
	if (t->clear_child_tid && !p->exiting) {
		uint32_t zero = 0;
		if (copyout(t->clear_child_tid, &zero, sizeof(zero)) == 0)
			futex_wake(p, t->clear_child_tid, 1);
	}
	thread_free(t);
	kwakeup(&p->nthreads);
}

/* Frees the calling thread and leaves through the host. */
static __attribute__((noreturn)) void leave(struct thread *t)
{
	thread_gone(t);
	bkl_unlock();
	host_thread_exit();
}

void thread_exit_killed(void)
{
	leave(curthread());
}

void thread_exit(int wstatus)
{
	struct thread *t = curthread();

	KASSERT(bkl_held());
	if (t->proc->nthreads > 1 && !t->proc->exiting)
		leave(t);
	proc_exit(wstatus);
}

long sys_exit(const sarg_t *a)
{
	thread_exit(WUNIX_W_EXITCODE((int)a[0]));
}

/* A killed thread's worker has been stopped (the host saw to it after
 * host_cpu_kill): frees its thread slot and CPU slot. Called on another CPU.
 * 0, or -EINVAL for a slot that holds no killed thread. */
KEXPORT("k_cpu_reclaim") int k_cpu_reclaim(int slot)
{
	int r = -EINVAL;

	if (slot < 0 || slot >= NCPU || !cpu_self || &cpus[slot] == cpu_self)
		return -EINVAL;
	struct thread *me = kentry();
	struct thread *t = cpus[slot].thread;
	if (t && t->limbo) {
		t->limbo = false;
		t->used = false;
		t->cpu = NULL;
		cpus[slot].thread = NULL;
		atomic_store32(&cpus[slot].used, 0);
		r = 0;
	}
	kexit(me);
	return r;
}
