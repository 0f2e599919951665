/* kernel/proc.c -- the process and thread tables, pids, and the kernel-side
 * init (pid 1), which has no threads: it reaps every child the moment it becomes
 * a zombie. */
#include "proc.h"
#include "arch.h"
#include "klib.h"
#include "ktime.h"
#include "lock.h"
#include "syscall.h"
#include <wunix/errno.h>

struct proc procs[NPROC];
struct thread threads[NTHREAD];
struct proc *initproc;

/* BKL held */
static int next_pid = 2;

void proc_init(void)
{
	struct proc *p = &procs[0];

	KASSERT(bkl_held());
	memset(p, 0, sizeof(*p));
	p->state = P_ALIVE;
	p->pid = 1;
	p->pgid = p->sid = 1;
	p->start_ns = ktime_mono();
	kstrlcpy(p->comm, "init", sizeof(p->comm));
	cred_init_root(&p->cred);
	sig_init(&p->sig);
	rlimit_init(p->rlim);
	initproc = p;
}

/* A pid stays taken while a process group or session has it as its id (POSIX). */
static bool pid_in_use(int pid)
{
	for (int i = 0; i < NPROC; i++)
		if (procs[i].state != P_UNUSED &&
		    (procs[i].pid == pid || procs[i].pgid == pid || procs[i].sid == pid))
			return true;
	for (int i = 0; i < NTHREAD; i++)
		if (threads[i].used && threads[i].tid == pid)
			return true;
	return false;
}

/* A free pid (also used for tids, as on Linux), or -EAGAIN. */
static int pid_alloc(void)
{
	for (int n = 0; n < PID_MAX; n++) {
		int pid = next_pid;
		next_pid = next_pid + 1 >= PID_MAX ? 2 : next_pid + 1;
		if (!pid_in_use(pid))
			return pid;
	}
	return -EAGAIN;
}

struct proc *proc_alloc(struct proc *parent)
{
	KASSERT(bkl_held());
	for (int i = 0; i < NPROC; i++) {
		struct proc *p = &procs[i];
		if (p->state != P_UNUSED)
			continue;
		int pid = pid_alloc();
		if (pid < 0)
			return NULL;
		memset(p, 0, sizeof(*p));
		p->state = P_ALIVE;
		p->pid = pid;
		/* a session and group leader, as a process the host starts is (a login
		 * shell's setsid); fork and spawn inherit instead (proc_inherit) */
		p->pgid = p->sid = pid;
		p->parent = parent;
		p->start_ns = ktime_mono();
		cred_init_root(&p->cred);
		sig_init(&p->sig);
		rlimit_init(p->rlim);
		return p;
	}
	return NULL;
}

struct thread *thread_alloc(struct proc *p)
{
	KASSERT(bkl_held());
	for (int i = 0; i < NTHREAD; i++) {
		struct thread *t = &threads[i];
		if (t->used)
			continue;
		int tid = p->nthreads == 0 ? p->pid : pid_alloc();
		if (tid < 0)
			return NULL;
		t->used = true;
		t->sleeping = false;
		t->chan = NULL;
		t->tid = tid;
		t->proc = p;
		t->cpu = NULL;
		t->ran = false;
		t->limbo = false;
		t->clear_child_tid = 0;
		t->sigmask = 0;
		t->sigq.set = 0;
		t->sigq.head = NULL;
		t->sigmask_restore = false;
		t->ss_sp = 0;
		t->ss_size = 0;
		t->ss_flags = SS_DISABLE;
		t->futex_queued = false;
		t->futex_prev = t->futex_next = NULL;
		t->robust_list = 0;
		atomic_store32(&t->killed, 0);
		t->start_ns = ktime_mono();
		ru_thread_init(t);
		atomic_store32(&t->wake, 0);
		atomic_store32(&t->state, TS_KERNEL);
		p->nthreads++;
		return t;
	}
	return NULL;
}

void thread_free(struct thread *t)
{
	KASSERT(bkl_held() && thread_live(t));
	sig_thread_exit(t);
	ru_thread_exit(t);
	t->proc->nthreads--;
	if (t->cpu && t->cpu->thread == t)
		t->cpu->thread = NULL;
	t->cpu = NULL;
	t->proc = NULL;
	t->used = false;
	atomic_store32(&t->state, TS_DEAD);
}

void proc_inherit(struct proc *c, const struct proc *p)
{
	KASSERT(bkl_held());
	c->pgid = p->pgid;
	c->sid = p->sid;
	c->ctty_off = p->ctty_off; /* Linux: the child has the terminal its parent has */
	memcpy(c->rlim, p->rlim, sizeof(c->rlim));
}

struct proc *proc_find(int pid)
{
	for (int i = 0; i < NPROC; i++)
		if (procs[i].state != P_UNUSED && procs[i].pid == pid)
			return &procs[i];
	return NULL;
}

void proc_reap(struct proc *p)
{
	KASSERT(bkl_held() && p->state == P_ZOMBIE && p != initproc);
	p->state = P_UNUSED;
	p->parent = NULL;
}

long sys_getpid(const sarg_t *a)
{
	(void)a;
	return curproc()->pid;
}

long sys_getppid(const sarg_t *a)
{
	(void)a;
	struct proc *parent = curproc()->parent;
	return parent ? parent->pid : 0;
}

long sys_gettid(const sarg_t *a)
{
	(void)a;
	return curthread()->tid;
}

long sys_set_tid_address(const sarg_t *a)
{
	struct thread *t = curthread();

	t->clear_child_tid = (uaddr_t)(uint64_t)a[0];
	return t->tid;
}
