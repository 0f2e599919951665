/* kernel/wait.c -- wait4 and waitid: which children a wait selects, what it
 * reports (Linux's wait status and siginfo), and reaping, which adds the
 * child's CPU time to the parent's RUSAGE_CHILDREN. A waiting parent sleeps on
 * its struct proc; exits, stops and continues wake it (exit.c). What goes to
 * the caller's memory is written before anything is consumed, so a bad
 * pointer (EFAULT) never loses a zombie or a report. */
#include "klib.h"
#include "lock.h"
#include "proc.h"
#include "syscall.h"
#include "usercopy.h"
#include <wunix/errno.h>
#include <wunix/resource.h>
#include <wunix/signal.h>
#include <wunix/wait.h>

#define WAIT4_OPTIONS                                                                               \
	(WUNIX_WNOHANG | WUNIX_WUNTRACED | WUNIX_WCONTINUED | WUNIX_WNOTHREAD | WUNIX_WCLONE | \
	 WUNIX_WALL)
#define WAITID_OPTIONS                                                                              \
	(WUNIX_WNOHANG | WUNIX_WNOWAIT | WUNIX_WEXITED | WUNIX_WSTOPPED | WUNIX_WCONTINUED |  \
	 WUNIX_WNOTHREAD | WUNIX_WCLONE | WUNIX_WALL)

/* Whether a wait for (which, id) with options selects c. A child whose exit
 * signal is not SIGCHLD (a clone child) is waited for only with __WCLONE or
 * __WALL, and a SIGCHLD one only without __WCLONE; every child so far is a
 * SIGCHLD one. __WNOTHREAD changes nothing: any thread may wait for any child. */
static bool selects(const struct proc *c, int which, int id, unsigned options)
{
	if (which == WUNIX_P_PID && c->pid != id)
		return false;
	if (which == WUNIX_P_PGID && c->pgid != id)
		return false;
	return !(options & WUNIX_WCLONE) || (options & WUNIX_WALL);
}

static void cputime_add(struct cputime *a, const struct cputime *b)
{
	a->utime_ns += b->utime_ns;
	a->stime_ns += b->stime_ns;
}

/* What c has to report that options ask for, into wi: whether anything. The
 * order is Linux's: an exit, then a stop, then a continue. */
static bool child_report(const struct proc *c, unsigned options, struct wait_info *wi)
{
	if (c->state == P_ZOMBIE) {
		int sig = c->wstatus & 0x7f;
		wi->status = c->wstatus;
		if (sig == 0) {
			wi->code = WUNIX_CLD_EXITED;
			wi->sistatus = (c->wstatus >> 8) & 0xff;
		} else {
			wi->code = c->wstatus & WUNIX_WCOREFLAG ? WUNIX_CLD_DUMPED : WUNIX_CLD_KILLED;
			wi->sistatus = sig;
		}
		wi->cpu = c->cpu;
	} else if ((options & WUNIX_WSTOPPED) && c->stop_report) {
		wi->status = WUNIX_W_STOPCODE(c->stop_report);
		wi->code = WUNIX_CLD_STOPPED;
		wi->sistatus = c->stop_report;
		proc_cputime(c, &wi->cpu);
	} else if ((options & WUNIX_WCONTINUED) && c->cont_report) {
		wi->status = WUNIX_W_CONTINUED;
		wi->code = WUNIX_CLD_CONTINUED;
		wi->sistatus = SIGCONT;
		proc_cputime(c, &wi->cpu);
	} else {
		return false;
	}
	cputime_add(&wi->cpu, &c->cpu_children);
	wi->maxrss_kb = MAX(c->maxrss_kb, c->cmaxrss_kb);
	wi->pid = c->pid;
	wi->uid = c->cred.ruid;
	return true;
}

/* Looks once at me's children: the pid of one with a report (*found, wi),
 * 0 if some are selected but none has one, or -ECHILD. A zombie is not
 * selected without WEXITED (Linux). */
static long wait_scan(struct proc *me, int which, int id, unsigned options, struct wait_info *wi,
                      struct proc **found)
{
	bool any = false;

	for (int i = 0; i < NPROC; i++) {
		struct proc *c = &procs[i];
		if (c->state == P_UNUSED || c->parent != me || !selects(c, which, id, options))
			continue;
		if (c->state == P_ZOMBIE && !(options & WUNIX_WEXITED))
			continue;
		any = true;
		if (child_report(c, options, wi)) {
			*found = c;
			return c->pid;
		}
	}
	return any ? 0 : -ECHILD;
}

/* Consumes what wi reported about c: reaps a zombie (its time goes to me's
 * children's), clears a stop or continue report. */
static void wait_consume(struct proc *me, struct proc *c, const struct wait_info *wi)
{
	if (c->state == P_ZOMBIE) {
		cputime_add(&me->cpu_children, &wi->cpu);
		me->cmaxrss_kb = MAX(me->cmaxrss_kb, wi->maxrss_kb);
		proc_reap(c);
	} else if (wi->code == WUNIX_CLD_STOPPED) {
		c->stop_report = 0;
	} else {
		c->cont_report = false;
	}
}

long kern_wait(int which, int id, int options, struct wait_info *wi,
               long (*report)(const struct wait_info *wi, void *arg), void *arg)
{
	struct thread *t = curthread();
	struct proc *me = t->proc, *c = NULL;

	KASSERT(bkl_held());
	for (;;) {
		memset(wi, 0, sizeof(*wi));
		long r = wait_scan(me, which, id, (unsigned)options, wi, &c);
		if (r > 0) {
			if (report && (r = report(wi, arg)))
				return r;
			if (!(options & WUNIX_WNOWAIT))
				wait_consume(me, c, wi);
			return wi->pid;
		}
		if (r < 0 || (options & WUNIX_WNOHANG))
			return r;
		if (ksleep_sig(me, -1) == -ERESTARTSYS)
			return -ERESTARTSYS;
	}
}

/* Copies the reaped child's resource usage to ru (0: not wanted): 0 or -EFAULT. */
static long report_rusage(uaddr_t ru, const struct wait_info *wi)
{
	struct wunix_rusage r;

	if (!ru)
		return 0;
	rusage_fill(&r, &wi->cpu, wi->maxrss_kb);
	return copyout(ru, &r, sizeof(r)) ? -EFAULT : 0;
}

struct wait4_out {
	uaddr_t status, ru;
};

static long wait4_report(const struct wait_info *wi, void *arg)
{
	const struct wait4_out *o = arg;

	if (o->status && copyout(o->status, &wi->status, sizeof(wi->status)))
		return -EFAULT;
	return report_rusage(o->ru, wi);
}

/* wait4(pid, status, options, rusage): pid > 0 that child, 0 the caller's
 * group, -1 any child, < -1 group -pid. */
long sys_wait4(const sarg_t *a)
{
	int pid = (int)a[0];
	unsigned options = (unsigned)a[2];
	struct wait4_out o = { (uaddr_t)a[1], (uaddr_t)a[3] };
	struct wait_info wi;
	int which = WUNIX_P_PID, id = pid;

	if (options & ~(unsigned)WAIT4_OPTIONS)
		return -EINVAL;
	if (pid == INT32_MIN)
		return -ESRCH; /* -INT_MIN is no group */
	if (pid == -1) {
		which = WUNIX_P_ALL;
	} else if (pid < 0) {
		which = WUNIX_P_PGID;
		id = -pid;
	} else if (pid == 0) {
		which = WUNIX_P_PGID;
		id = curproc()->pgid;
	}
	return kern_wait(which, id, (int)(options | WUNIX_WEXITED), &wi, wait4_report, &o);
}

/* The part of siginfo_t waitid writes: signo, errno, code, pid, uid, status. */
#define WAITID_INFO_SIZE 24

struct waitid_out {
	uaddr_t info, ru;
};

static long waitid_report(const struct wait_info *wi, void *arg)
{
	const struct waitid_out *o = arg;
	struct wunix_siginfo si;

	memset(&si, 0, sizeof(si));
	si.si_signo = SIGCHLD;
	si.si_code = wi->code;
	si.u.chld.pid = wi->pid;
	si.u.chld.uid = wi->uid;
	si.u.chld.status = wi->sistatus;
	if (o->info && copyout(o->info, &si, WAITID_INFO_SIZE))
		return -EFAULT;
	return report_rusage(o->ru, wi);
}

/* waitid(idtype, id, info, options, rusage): 0, with info's signo and pid 0
 * when WNOHANG found nothing to report. */
long sys_waitid(const sarg_t *a)
{
	int which = (int)a[0], id = (int)a[1];
	unsigned options = (unsigned)a[3];
	struct waitid_out o = { (uaddr_t)a[2], (uaddr_t)a[4] };
	struct wait_info wi;

	if (options & ~(unsigned)WAITID_OPTIONS)
		return -EINVAL;
	if (!(options & (WUNIX_WEXITED | WUNIX_WSTOPPED | WUNIX_WCONTINUED)))
		return -EINVAL;
	switch (which) {
	case WUNIX_P_ALL:
		break;
	case WUNIX_P_PID:
		if (id <= 0)
			return -EINVAL;
		break;
	case WUNIX_P_PGID:
		if (id < 0)
			return -EINVAL;
		if (id == 0)
			id = curproc()->pgid; /* as Linux 5.4 on */
		break;
	default:
		/* P_PIDFD too: there are no pidfds, so answer as a kernel without them */
		return -EINVAL;
	}
	long r = kern_wait(which, id, (int)options, &wi, waitid_report, &o);
	if (r == 0 && o.info) {
		struct wunix_siginfo si;
		memset(&si, 0, sizeof(si));
		if (copyout(o.info, &si, WAITID_INFO_SIZE))
			return -EFAULT;
	}
	return r < 0 ? r : 0;
}
