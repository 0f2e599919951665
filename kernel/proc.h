/* kernel/proc.h -- processes and threads. */
#ifndef WUNIX_PROC_H
#define WUNIX_PROC_H

#include "cred.h"
#include "fd.h"
#include "ksignal.h"
#include "mm.h"
#include "param.h"
#include "types.h"
#include <wunix/boot.h>

struct vnode;

enum thread_state { /* the state word (docs/abi.md) */
	TS_USER = WUNIX_THREAD_USER,
	TS_KERNEL = WUNIX_THREAD_KERNEL,
	TS_DEAD = WUNIX_THREAD_DEAD,
};

struct thread {
	/* atomic: other CPUs and the host read and write these */
	uint32_t state;      /* enum thread_state; USER→DEAD only by a killer */
	uint32_t wake;       /* 0 while asleep; kwakeup stores 1 and notifies */

	/* BKL held */
	bool used;
	bool sleeping;
	const void *chan;    /* what a sleeping thread waits for */
	int tid;
	struct proc *proc;
	struct cpu *cpu;     /* the CPU (worker) this thread runs on */
	uaddr_t clear_child_tid;
	uint64_t sigmask;    /* blocked signals */
	uint64_t sigpending; /* signals sent to this thread, not yet delivered */
	uint64_t sigmask_saved; /* sigmask to restore on syscall exit (ppoll, pselect6, epoll_pwait) */
	bool sigmask_restore; /* sigmask_saved is set */
	int64_t start_ns;    /* monotonic time the thread started */
};

enum proc_state { P_UNUSED, P_ALIVE, P_ZOMBIE };

struct proc {
	/* BKL held */
	enum proc_state state;
	int pid;
	struct proc *parent;
	int nthreads;
	int wstatus;          /* Linux wait status, once a zombie */
	int64_t start_ns;     /* monotonic time the process started */
	char comm[16];        /* name, for diagnostics */
	struct cred cred;
	struct fdtable fds;
	struct mm mm;
	struct sigacts sig;
	struct vnode *cwd;    /* working directory (a reference), vfs.c */
	struct vnode *root;   /* root directory, chroot's (a reference) */
	uint32_t umask;
	uint64_t sigpending;  /* signals sent to the process, not yet delivered */
	char *args;           /* argv then envp strings as started (kalloc'd; procfs.c) */
	uint32_t argbytes, envbytes; /* their sizes in args, NULs included */
	struct vnode *exe;    /* the program file (a reference), or NULL: procfs.c */
};

extern struct proc procs[NPROC];
extern struct thread threads[NTHREAD];
extern struct proc *initproc;

static inline struct proc *curproc(void);

#include "cpu.h"

static inline struct proc *curproc(void)
{
	struct thread *t = curthread();
	return t ? t->proc : NULL;
}

/* Creates init (pid 1). Once, at boot, BKL held. */
void proc_init(void);
/* A new process, a child of parent, with no threads; or NULL (pids or slots
 * exhausted). BKL held. */
struct proc *proc_alloc(struct proc *parent);
/* Reads the program file at path into a new kernel buffer (exec.c): 0 or -errno. BKL held. */
long kern_load_image(const char *path, void **buf, uint32_t *len);
/* A new thread of p (tid = p->pid for its first thread); or NULL. BKL held. */
struct thread *thread_alloc(struct proc *p);
/* Releases a thread slot; the state word becomes DEAD. BKL held. */
void thread_free(struct thread *t);
/* Frees a zombie (its parent reaped it). BKL held. */
void proc_reap(struct proc *p);
/* Ends the current process with the Linux wait status wstatus: releases its
 * resources, reparents its children to init, notifies the host, and ends the
 * calling thread. BKL held; does not return. */
__attribute__((noreturn)) void proc_exit(int wstatus);
/* Ends only the calling thread; the last thread ends the process with wstatus.
 * BKL held; does not return. */
__attribute__((noreturn)) void thread_exit(int wstatus);

#endif
