/* kernel/pgrp.c -- process groups and sessions: setpgid, getpgid, setsid,
 * getsid, and orphaned process groups. A group or session is named by its
 * leader's pid and exists while some process (zombies too) is in it; pid_alloc
 * hands out no pid that names one. Controlling terminals are tty.c's: a
 * session's terminal is the one that names its sid. */
#include "klib.h"
#include "lock.h"
#include "proc.h"
#include "syscall.h"
#include <wunix/errno.h>
#include <wunix/signal.h>

/* A process (live or zombie) of group pgid, or NULL. */
static struct proc *pgrp_member(int pgid)
{
	for (int i = 0; i < NPROC; i++)
		if (procs[i].state != P_UNUSED && procs[i].pgid == pgid)
			return &procs[i];
	return NULL;
}

long kern_setpgid(struct proc *caller, int pid, int pgid)
{
	struct proc *p, *g;

	KASSERT(bkl_held());
	if (pid == 0)
		pid = caller->pid;
	if (pgid == 0)
		pgid = pid;
	if (pgid < 0)
		return -EINVAL;
	if (!(p = proc_find(pid)))
		return -ESRCH;
	if (p != caller) {
		if (p->parent != caller)
			return -ESRCH;
		if (p->sid != caller->sid)
			return -EPERM;
		if (p->did_exec)
			return -EACCES;
	}
	if (p->sid == p->pid)
		return -EPERM; /* a session leader stays in its own group */
	if (pgid != pid && (!(g = pgrp_member(pgid)) || g->sid != caller->sid))
		return -EPERM;
	p->pgid = pgid;
	return 0;
}

long kern_setsid(struct proc *p)
{
	KASSERT(bkl_held());
	/* a group leader cannot: its group would straddle two sessions */
	if (p->sid == p->pid || pgrp_member(p->pid))
		return -EPERM;
	p->sid = p->pgid = p->pid;
	p->ctty_off = false; /* a new session has no terminal (tty.c) */
	return p->sid;
}

long sys_setpgid(const sarg_t *a)
{
	return kern_setpgid(curproc(), (int)a[0], (int)a[1]);
}

long sys_getpgid(const sarg_t *a)
{
	int pid = (int)a[0];
	struct proc *p = pid ? proc_find(pid) : curproc();

	return p ? p->pgid : -ESRCH;
}

long sys_setsid(const sarg_t *a)
{
	(void)a;
	return kern_setsid(curproc());
}

long sys_getsid(const sarg_t *a)
{
	int pid = (int)a[0];
	struct proc *p = pid ? proc_find(pid) : curproc();

	return p ? p->sid : -ESRCH;
}

int pgrp_signal(int pgid, int sig)
{
	int n = 0;

	KASSERT(bkl_held());
	for (int i = 0; i < NPROC; i++)
		if (procs[i].state == P_ALIVE && procs[i].pgid == pgid) {
			sig_send(&procs[i], sig);
			n++;
		}
	return n;
}

/* Whether group pgid is orphaned, ignore left out: no live member has a parent
 * in another group of the same session (POSIX), children of init aside. */
static bool pgrp_orphaned(int pgid, const struct proc *ignore)
{
	for (int i = 0; i < NPROC; i++) {
		const struct proc *q = &procs[i];
		if (q->state != P_ALIVE || q->pgid != pgid || q == ignore || !q->parent ||
		    q->parent == initproc)
			continue;
		if (q->parent->pgid != pgid && q->parent->sid == q->sid)
			return false;
	}
	return true;
}

bool pgrp_is_orphaned(int pgid)
{
	KASSERT(bkl_held());
	return pgrp_orphaned(pgid, NULL);
}

static bool pgrp_has_stopped(int pgid)
{
	for (int i = 0; i < NPROC; i++)
		if (procs[i].state == P_ALIVE && procs[i].pgid == pgid && procs[i].stopped)
			return true;
	return false;
}

void pgrp_orphan_check(struct proc *p, const struct proc *parent, const struct proc *ignore)
{
	KASSERT(bkl_held());
	if (parent->pgid == p->pgid || parent->sid != p->sid)
		return;
	if (pgrp_orphaned(p->pgid, ignore) && pgrp_has_stopped(p->pgid)) {
		pgrp_signal(p->pgid, SIGHUP);
		pgrp_signal(p->pgid, SIGCONT);
	}
}
