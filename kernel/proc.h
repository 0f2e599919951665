/* kernel/proc.h -- processes and threads. */
#ifndef WUNIX_PROC_H
#define WUNIX_PROC_H

#include "cred.h"
#include "fd.h"
#include "ksignal.h"
#include "mm.h"
#include "param.h"
#include "types.h"
#include "waitq.h"
#include <wunix/boot.h>
#include <wunix/resource.h>

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
	uint32_t killed;     /* the thread must end (exit_group, exec, a fatal signal): set
	                        before the killer tries USER→DEAD, read by kexit (thread.c) */

	/* BKL held */
	bool used;
	bool sleeping;
	bool sleep_intr;     /* the sleep ends for a signal (ksleep_sig) */
	const void *chan;    /* what a sleeping thread waits for */
	int tid;
	struct proc *proc;
	struct cpu *cpu;     /* the CPU (worker) this thread runs on */
	bool ran;            /* has had a CPU (fork, spawn and clone make threads that have not) */
	bool limbo;          /* killed in user mode: its worker is being stopped; no
	                        process, the slot and CPU held until k_cpu_reclaim */
	uaddr_t clear_child_tid;
	uint64_t sigmask;    /* blocked signals */
	struct sigqueue sigq; /* signals sent to this thread, not yet delivered */
	uint64_t sigmask_saved; /* sigmask to restore on syscall exit (ppoll, pselect6,
	                           epoll_pwait, sigsuspend) or in a handler's frame */
	bool sigmask_restore; /* sigmask_saved is set */
	uaddr_t ss_sp;       /* sigaltstack: base and size (0: none), SS_DISABLE/SS_AUTODISARM */
	uint32_t ss_size, ss_flags;
	int64_t start_ns;    /* monotonic time the thread started */

	/* BKL held: futexes (futex.c) */
	bool futex_queued;   /* waits in futex_wait, on futex.c's queue; a waker clears it */
	uaddr_t futex_uaddr; /* the word it waits on, in its process */
	uint32_t futex_bitset; /* FUTEX_WAIT_BITSET's mask (all ones for FUTEX_WAIT) */
	struct thread *futex_prev, *futex_next; /* the queue, in arrival order */
	uaddr_t robust_list; /* set_robust_list's head (0: none) */

	/* BKL held: CPU-time accounting (resource.c) */
	int64_t kin_ns;      /* when this kernel entry started being timed; 0: not timed */
	int64_t sleep_ns;    /* when the sleep in progress (chan set) began */
	int64_t stime_ns;    /* time running in the kernel (estimated: see resource.c) */
	int64_t slept_ns;    /* time asleep in the kernel */
	uint32_t rng;        /* picks the kernel entries that are timed */
	bool cpu_started;    /* has left the kernel once: the time before is no CPU time */
};

/* CPU time in nanoseconds (resource.c). */
struct cputime {
	int64_t utime_ns, stime_ns;
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
	struct sigqueue sigq; /* signals sent to the process, not yet delivered */
	int nsigq;            /* queued infos of p and its threads (SIGQUEUE_MAX) */
	struct waitq sigwq;   /* pollers of its signalfds: woken when a signal is queued */
	bool exiting;         /* exit_group or a fatal signal: its threads are ending (thread.c) */
	char *args;           /* argv then envp strings as started (kalloc'd; procfs.c) */
	uint32_t argbytes, envbytes; /* their sizes in args, NULs included */
	struct vnode *exe;    /* the program file (a reference), or NULL: procfs.c */

	/* BKL held: groups, limits, usage and wait reports (pgrp.c, resource.c,
	 * wait.c, exit.c) */
	int pgid, sid;        /* process group and session (a leader's is its pid) */
	bool did_exec;        /* has run exec (or started by spawn): setpgid's EACCES */
	bool ctty_off;        /* gave up its session's controlling terminal alone (TIOCNOTTY,
	                         not a leader; fork inherits it): tty.c */
	int tty_old_pgrp;     /* a session leader's: the foreground group when its terminal
	                         hung up, which its exit sends SIGHUP and SIGCONT (tty.c) */
	bool stopped;         /* stopped by a signal (job control) */
	int stop_report;      /* the signal that stopped it, until wait reports it (WUNTRACED) */
	bool cont_report;     /* continued, until wait reports it (WCONTINUED) */
	struct wunix_rlimit rlim[WUNIX_RLIM_NLIMITS];
	struct cputime cpu;   /* of its threads that have ended */
	struct cputime cpu_children; /* of the children it waited for, theirs included */
	int32_t maxrss_kb;    /* its memory size at exit (KiB) */
	int32_t cmaxrss_kb;   /* the largest maxrss_kb of the children it waited for */
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
/* c (new) takes what a child inherits from parent p: process group, session,
 * resource limits (not did_exec, not usage). fork and spawn call it right
 * after proc_alloc. BKL held. */
void proc_inherit(struct proc *c, const struct proc *p);
/* Whether p may make another process: 0, or -EAGAIN when its real uid already
 * has RLIMIT_NPROC processes (uid 0 and euid 0 are exempt, resource.c). BKL held. */
long proc_check_nproc(const struct proc *p);
/* The live or zombie process pid, or NULL. BKL held. */
struct proc *proc_find(int pid);
/* A copy of t's process, a child of it, whose one thread is a copy of t that
 * has not run (fork.c): that thread, or NULL (EAGAIN). BKL held. */
struct thread *proc_clone(struct thread *t);
/* Removes a process that never ran (or was never reported) completely: no
 * zombie, no SIGCHLD (fork.c). BKL held. */
void proc_discard(struct proc *p);
struct image;
/* The core of execve: runs path (from dirfd, W_* flags) with img's arguments,
 * consuming img; returns only on failure, with the process unchanged (exec.c).
 * BKL held; may release it. */
long kern_exec(int dirfd, const char *path, int wflags, struct image *img);
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
/* Threads (thread.c). Makes every thread of p but keep end: those computing in
 * user mode are stopped through their state word (DEAD: the host stops their
 * worker) and leave p at once; those in the kernel are woken and end at their
 * system call exit. BKL held. */
void thread_kill_others(struct proc *p, struct thread *keep);
/* p dies with wstatus (exit_group, a fatal signal, a trap), from any context:
 * onExitGroup, then every thread is ended; the last to leave the kernel (or
 * the caller, if none is in it) releases the process (proc_teardown). Once per
 * process; later calls change nothing. BKL held. */
void proc_zap(struct proc *p, int wstatus);
/* The end of thread t of its process, whatever ended it: clears its
 * clear_child_tid (not when the process is exiting), frees it, and releases the
 * process if it was the last thread of an exiting one. BKL held. */
void thread_gone(struct thread *t);
/* Releases exiting process p, makes it a zombie and tells its parent; t, its
 * last thread (or NULL when ended from outside), is freed on the way. Only a
 * thread of p can write back its MAP_SHARED file mappings (its memory is not
 * reachable from elsewhere). BKL held (exit.c). */
void proc_teardown(struct proc *p, struct thread *t);
/* Whether t is a live thread (not free, not in limbo). */
static inline bool thread_live(const struct thread *t)
{
	return t->used && t->proc;
}
/* Ends the calling thread, whose process is exiting or which was killed
 * (exec, exit_group). BKL held; does not return. */
__attribute__((noreturn)) void thread_exit_killed(void);
/* p has stopped on signal sig / continued (job control): records it for the
 * parent's wait (WUNTRACED / WCONTINUED), sends it SIGCHLD unless it set
 * SA_NOCLDSTOP, and wakes it (exit.c). BKL held. */
void proc_report_stop(struct proc *p, int sig);
void proc_report_cont(struct proc *p);

/* Process groups and sessions (pgrp.c). setpgid and setsid as done by caller
 * (spawn applies them to its child): 0 / the new session id, or -errno. BKL held. */
long kern_setpgid(struct proc *caller, int pid, int pgid);
long kern_setsid(struct proc *p);
/* Sends sig to every live member of process group pgid: how many. BKL held. */
int pgrp_signal(int pgid, int sig);
/* Whether process group pgid is orphaned (POSIX): no live member has a parent
 * in another group of its session (children of init aside). BKL held. */
bool pgrp_is_orphaned(int pgid);
/* exit's part (POSIX exit, "orphaned process group"): p, or a child of p given
 * to init, no longer ties its group to the session through parent; if the
 * group is orphaned now (ignore, the exiting process, left out) and has a
 * stopped member, every member gets SIGHUP then SIGCONT. BKL held. */
void pgrp_orphan_check(struct proc *p, const struct proc *parent, const struct proc *ignore);

/* What wait found (wait.c). */
struct wait_info {
	int pid;
	uint32_t uid;           /* the child's real uid */
	int status;             /* the wait status (wait4) */
	int code, sistatus;     /* waitid's si_code (CLD_*) and si_status */
	struct cputime cpu;     /* the child's CPU time, its waited-for children's included */
	int32_t maxrss_kb;
};
/* The core of wait4 and waitid for the current process: waits for a child
 * selected by which (WUNIX_P_*) and id to have a change options ask for.
 * Returns its pid with wi filled, 0 (WNOHANG, none yet), -ECHILD or -EINTR.
 * report (if not NULL) sees wi before the zombie is reaped or the report
 * cleared; its error is returned with nothing consumed. Options are not
 * checked. BKL held; may sleep. */
long kern_wait(int which, int id, int options, struct wait_info *wi,
               long (*report)(const struct wait_info *wi, void *arg), void *arg);

/* Limits and usage (resource.c). The limits of a new process (Linux's). */
void rlimit_init(struct wunix_rlimit *rlim);
/* The descriptors p may have: RLIMIT_NOFILE's soft limit, at most NOFILE. BKL held. */
static inline int proc_nofile(const struct proc *p)
{
	uint64_t n = p->rlim[WUNIX_RLIMIT_NOFILE].rlim_cur;
	return n < NOFILE ? (int)n : NOFILE;
}
/* The CPU time of p's threads so far, those that ended included. BKL held. */
void proc_cputime(const struct proc *p, struct cputime *ct);
/* The current process's memory size in KiB (its maxrss: wasm memories only grow). */
int32_t proc_mem_kb(void);
/* A struct rusage with CPU time ct and maxrss_kb, the rest 0. */
void rusage_fill(struct wunix_rusage *ru, const struct cputime *ct, int32_t maxrss_kb);
/* Kernel entry and exit, sleeps, new and ending threads: CPU-time accounting
 * (cpu.c, sched.c, proc.c call these). BKL held. */
void ru_kentry(struct thread *t);
void ru_kexit(struct thread *t);
int64_t ru_sleep_begin(struct thread *t);
void ru_sleep_end(struct thread *t, int64_t woke);
void ru_thread_init(struct thread *t);
void ru_thread_exit(struct thread *t);

#endif
