/* kernel/fork.c -- fork: a copy of the calling process whose one thread has not
 * run yet. The host copies the memory ranges k_fork names into a new memory and
 * starts the thread on another CPU (k_thread_resume), which rewinds into fork
 * and returns 0 there (docs/abi.md, "fork"). */
#include "arch.h"
#include "exports.h"
#include "cpu.h"
#include "klib.h"
#include "lock.h"
#include "proc.h"
#include "procfs.h"
#include "syscall.h"
#include "vfs.h"
#include <wunix/errno.h>

void proc_discard(struct proc *p)
{
	KASSERT(bkl_held() && p->state == P_ALIVE);
	procfs_proc_exit(p);
	fd_exit(p);
	vfs_exit(p);
	mm_exit(&p->mm);
	for (int i = 0; i < NTHREAD; i++)
		if (thread_live(&threads[i]) && threads[i].proc == p)
			thread_free(&threads[i]);
	p->exiting = true;
	p->state = P_ZOMBIE;
	proc_reap(p);
}

struct thread *proc_clone(struct thread *t)
{
	struct proc *p = t->proc, *c;
	struct thread *ct;

	KASSERT(bkl_held());
	if (proc_check_nproc(p) || !(c = proc_alloc(p)))
		return NULL;
	proc_inherit(c, p);
	c->cred = p->cred;
	c->sig = p->sig;
	kstrlcpy(c->comm, p->comm, sizeof(c->comm));
	vfs_fork(c, p);
	if (!(ct = thread_alloc(c)) || fd_fork(c, p) || mm_fork(&c->mm, &p->mm) ||
	    procfs_proc_start(c, p->args, p->argbytes, p->envbytes, p->exe ? vnode_get(p->exe) : NULL)) {
		proc_discard(c);
		return NULL;
	}
	ct->sigmask = t->sigmask;
	ct->ss_sp = t->ss_sp;
	ct->ss_size = t->ss_size;
	ct->ss_flags = t->ss_flags;
	return ct;
}

/* Writes the ranges of p's memory a copy needs into r[1..] as [start, end)
 * pairs, at most max pairs (the last one widened to cover the rest), their
 * count in r[0]: the main stack from sp up (a thread's stack is a mapping),
 * data and heap to the break, then the mappings. */
static void used_ranges(const struct mm *mm, uaddr_t sp, uint32_t *r, uint32_t max)
{
	uint32_t n = 0;
	uaddr_t lo = sp > FORK_STACK_SLACK + UADDR_MIN ? ROUND_DOWN(sp - FORK_STACK_SLACK, (uaddr_t)16) : 0;

	if (sp >= mm->stack_top)
		lo = mm->stack_top;

	r[1] = (uint32_t)lo;
	r[2] = (uint32_t)ROUND_UP(mm->brk, (uaddr_t)UPAGE);
	n = 1;
	for (const struct vma *v = mm->vmas; v; v = v->next) {
		if (v->start <= r[2 * n]) {
			r[2 * n] = (uint32_t)MAX((uaddr_t)r[2 * n], v->end);
		} else if (n < max) {
			n++;
			r[2 * n - 1] = (uint32_t)v->start;
			r[2 * n] = (uint32_t)v->end;
		} else {
			r[2 * n] = (uint32_t)v->end;
		}
	}
	r[0] = n;
}

/* For the host, after the calling thread's guest unwound out of fork() with its
 * stack pointer at sp: makes the child process. Returns the child's pid (its
 * thread's tid too) with the memory ranges to copy in ranges (a kernel buffer
 * of 1 + 2 * max words, see used_ranges), or -errno (EAGAIN). */
KEXPORT("k_fork") long k_fork(uint32_t sp, uint32_t *ranges, uint32_t max)
{
	struct thread *t = kentry();
	long r = -EINVAL;

	if (t && t->proc->exiting)
		r = -EAGAIN;
	else if (t && max >= 1) {
		struct thread *ct = proc_clone(t);
		r = ct ? ct->proc->pid : -EAGAIN;
		if (ct)
			used_ranges(&t->proc->mm, sp, ranges, max);
		if (trace_on())
			klog("[%d] fork() = %ld", t->proc->pid, r);
	}
	kexit(t);
	return r;
}

/* Makes thread tid, made by fork, spawn or clone and not yet run, the thread
 * of this CPU: its pid, or -ESRCH (no such thread waiting) or -EBUSY (this CPU
 * already has a thread). */
KEXPORT("k_thread_resume") int k_thread_resume(int tid)
{
	struct thread *cur = kentry(), *t = NULL;
	int r = -EBUSY;

	if (!cur) {
		r = -ESRCH;
		for (int i = 0; i < NTHREAD; i++)
			if (threads[i].used && threads[i].tid == tid && !threads[i].cpu && !threads[i].ran)
				t = &threads[i];
		if (t) {
			t->cpu = cpu_self;
			t->ran = true;
			cpu_self->thread = t;
			r = t->proc->pid;
		}
	}
	kexit(t ? t : cur);
	return r;
}
