/* kernel/resource.c -- resource limits (prlimit64, getrlimit, setrlimit,
 * RLIMIT_NPROC), and CPU-time accounting with getrusage and times.
 *
 * CPU time: every thread runs on a worker of its own, so its time awake is
 * close to its CPU time. Sleeps in the kernel (ksleep) are timed and left out;
 * time in the kernel is system time, the rest of the thread's life user time.
 * Reading the host's clock costs about as much as a whole getpid (100-150 ns),
 * so only one kernel entry in STIME_SAMPLE, picked at random, is timed, and
 * system time is that sum scaled up: an estimate (docs/limitations.md). */
#include "host.h"
#include "klib.h"
#include "ktime.h"
#include "lock.h"
#include "param.h"
#include "proc.h"
#include "syscall.h"
#include "usercopy.h"
#include <wunix/errno.h>
#include <wunix/resource.h>

#define TICK_NS (NSEC_PER_SEC / USER_HZ)

void rlimit_init(struct wunix_rlimit *rlim)
{
	for (int i = 0; i < WUNIX_RLIM_NLIMITS; i++)
		rlim[i] = (struct wunix_rlimit){ WUNIX_RLIM_INFINITY, WUNIX_RLIM_INFINITY };
	/* Linux's defaults (INIT_RLIMITS), with the table sizes for the counts */
	rlim[WUNIX_RLIMIT_STACK].rlim_cur = RLIM_STACK_DEFAULT;
	rlim[WUNIX_RLIMIT_CORE].rlim_cur = 0; /* no core dumps are written anyway */
	rlim[WUNIX_RLIMIT_NPROC] = (struct wunix_rlimit){ NPROC, NPROC };
	rlim[WUNIX_RLIMIT_SIGPENDING] = (struct wunix_rlimit){ NPROC, NPROC };
	rlim[WUNIX_RLIMIT_NOFILE] = (struct wunix_rlimit){ NOFILE, NOFILE };
	rlim[WUNIX_RLIMIT_MEMLOCK] = (struct wunix_rlimit){ 8 << 20, 8 << 20 };
	rlim[WUNIX_RLIMIT_MSGQUEUE] = (struct wunix_rlimit){ 819200, 819200 };
	rlim[WUNIX_RLIMIT_NICE] = (struct wunix_rlimit){ 0, 0 };
	rlim[WUNIX_RLIMIT_RTPRIO] = (struct wunix_rlimit){ 0, 0 };
}

/* Linux counts the tasks of the real uid, zombies included, and exempts root
 * (its INIT_USER, CAP_SYS_RESOURCE, CAP_SYS_ADMIN). */
long proc_check_nproc(const struct proc *p)
{
	const struct cred *c = &p->cred;
	uint64_t n = 0;

	KASSERT(bkl_held());
	if (c->ruid == 0 || c->euid == 0)
		return 0;
	for (int i = 0; i < NPROC; i++)
		if (procs[i].state != P_UNUSED && procs[i].cred.ruid == c->ruid)
			n++;
	return n >= p->rlim[WUNIX_RLIMIT_NPROC].rlim_cur ? -EAGAIN : 0;
}

/* Whether the current process may read and set p's limits: itself, root, or
 * a process whose real, effective and saved ids all equal the caller's real
 * ones (Linux's check_prlimit_permission). */
static bool prlimit_allowed(const struct proc *p)
{
	const struct proc *me = curproc();
	const struct cred *c = &me->cred, *t = &p->cred;

	if (p == me || c->euid == 0)
		return true;
	return c->ruid == t->ruid && c->ruid == t->euid && c->ruid == t->suid && c->rgid == t->rgid &&
	       c->rgid == t->egid && c->rgid == t->sgid;
}

/* Reads (old) and sets (nw) p's limit resource: 0 or -errno. Raising a hard
 * limit takes root; RLIMIT_NOFILE cannot pass the table (Linux's nr_open). */
static long do_prlimit(struct proc *p, unsigned resource, const struct wunix_rlimit *nw,
                       struct wunix_rlimit *old)
{
	if (resource >= WUNIX_RLIM_NLIMITS)
		return -EINVAL;
	struct wunix_rlimit *r = &p->rlim[resource];
	if (nw) {
		if (nw->rlim_cur > nw->rlim_max)
			return -EINVAL;
		if (resource == WUNIX_RLIMIT_NOFILE && nw->rlim_max > NOFILE)
			return -EPERM;
		if (nw->rlim_max > r->rlim_max && curproc()->cred.euid != 0)
			return -EPERM;
	}
	if (old)
		*old = *r;
	if (nw)
		*r = *nw;
	return 0;
}

long sys_prlimit64(const sarg_t *a)
{
	int pid = (int)a[0];
	uaddr_t unew = (uaddr_t)a[2], uold = (uaddr_t)a[3];
	struct wunix_rlimit nw, old;
	struct proc *p = pid ? proc_find(pid) : curproc();

	if (unew && copyin(&nw, unew, sizeof(nw)))
		return -EFAULT;
	if (!p)
		return -ESRCH;
	if (!prlimit_allowed(p))
		return -EPERM;
	long r = do_prlimit(p, (unsigned)a[1], unew ? &nw : NULL, uold ? &old : NULL);
	if (r == 0 && uold && copyout(uold, &old, sizeof(old)))
		return -EFAULT;
	return r;
}

/* getrlimit and setrlimit take 32-bit values: anything larger reads as
 * infinity, and infinity means RLIM_INFINITY (Linux's compat calls). */
long sys_getrlimit(const sarg_t *a)
{
	struct wunix_rlimit old;
	long r = do_prlimit(curproc(), (unsigned)a[0], NULL, &old);

	if (r)
		return r;
	struct wunix_rlimit32 r32 = {
		(uint32_t)MIN(old.rlim_cur, (uint64_t)WUNIX_RLIM32_INFINITY),
		(uint32_t)MIN(old.rlim_max, (uint64_t)WUNIX_RLIM32_INFINITY),
	};
	return copyout((uaddr_t)a[1], &r32, sizeof(r32)) ? -EFAULT : 0;
}

long sys_setrlimit(const sarg_t *a)
{
	struct wunix_rlimit32 r32;
	struct wunix_rlimit nw;

	if (copyin(&r32, (uaddr_t)a[1], sizeof(r32)))
		return -EFAULT;
	nw.rlim_cur = r32.rlim_cur == WUNIX_RLIM32_INFINITY ? WUNIX_RLIM_INFINITY : r32.rlim_cur;
	nw.rlim_max = r32.rlim_max == WUNIX_RLIM32_INFINITY ? WUNIX_RLIM_INFINITY : r32.rlim_max;
	return do_prlimit(curproc(), (unsigned)a[0], &nw, NULL);
}

/* ---- CPU time ---- */

void ru_thread_init(struct thread *t)
{
	t->kin_ns = t->sleep_ns = t->stime_ns = t->slept_ns = 0;
	t->rng = (uint32_t)t->tid * 2654435761u | 1;
	t->cpu_started = false;
}

void ru_kentry(struct thread *t)
{
	/* xorshift32: which entries are timed must not follow the program's
	 * rhythm (a read, write loop timed on every 16th call would see only reads) */
	t->rng ^= t->rng << 13;
	t->rng ^= t->rng >> 17;
	t->rng ^= t->rng << 5;
	t->kin_ns = t->rng % STIME_SAMPLE ? 0 : ktime_mono();
}

void ru_kexit(struct thread *t)
{
	if (!t->cpu_started) {
		/* a thread of fork or spawn may wait long for its worker: not CPU time */
		t->slept_ns = ktime_mono() - t->start_ns;
		t->kin_ns = 0;
		t->cpu_started = true;
	} else if (t->kin_ns) {
		t->stime_ns += (ktime_mono() - t->kin_ns) * STIME_SAMPLE;
		t->kin_ns = 0;
	}
}

int64_t ru_sleep_begin(struct thread *t)
{
	int64_t now = ktime_mono();

	if (t->kin_ns)
		t->stime_ns += (now - t->kin_ns) * STIME_SAMPLE;
	t->sleep_ns = now;
	return now;
}

void ru_sleep_end(struct thread *t, int64_t woke)
{
	t->slept_ns += woke - t->sleep_ns;
	if (t->kin_ns)
		t->kin_ns = woke;
}

/* Adds t's CPU time until now to *ct. */
static void thread_cputime(const struct thread *t, int64_t now, struct cputime *ct)
{
	int64_t s = t->stime_ns, z = t->slept_ns, life = now - t->start_ns;

	if (!t->cpu_started)
		return;
	if (t->chan)
		z += now - t->sleep_ns;
	else if (t->kin_ns && t == curthread())
		s += (now - t->kin_ns) * STIME_SAMPLE;
	int64_t awake = MAX(life - z, 0);
	s = MIN(s, awake); /* the scaled estimate of a short life may overshoot */
	ct->stime_ns += s;
	ct->utime_ns += awake - s;
}

void ru_thread_exit(struct thread *t)
{
	thread_cputime(t, ktime_mono(), &t->proc->cpu);
}

void proc_cputime(const struct proc *p, struct cputime *ct)
{
	int64_t now = ktime_mono();

	KASSERT(bkl_held());
	*ct = p->cpu;
	for (int i = 0; i < NTHREAD; i++)
		if (threads[i].used && threads[i].proc == p)
			thread_cputime(&threads[i], now, ct);
}

int32_t proc_mem_kb(void)
{
	int pages = host_umem_size();
	return pages > 0 ? (int32_t)MIN((int64_t)pages * (WPAGE / 1024), (int64_t)INT32_MAX) : 0;
}

void rusage_fill(struct wunix_rusage *ru, const struct cputime *ct, int32_t maxrss_kb)
{
	memset(ru, 0, sizeof(*ru));
	ru->ru_utime_sec = (int32_t)(ct->utime_ns / NSEC_PER_SEC);
	ru->ru_utime_usec = (int32_t)(ct->utime_ns % NSEC_PER_SEC / 1000);
	ru->ru_stime_sec = (int32_t)(ct->stime_ns / NSEC_PER_SEC);
	ru->ru_stime_usec = (int32_t)(ct->stime_ns % NSEC_PER_SEC / 1000);
	ru->ru_maxrss = maxrss_kb;
}

long sys_getrusage(const sarg_t *a)
{
	struct proc *p = curproc();
	struct cputime ct = { 0, 0 };
	struct wunix_rusage ru;
	int32_t maxrss = MAX(p->maxrss_kb, proc_mem_kb());

	switch ((int)a[0]) {
	case WUNIX_RUSAGE_SELF:
		proc_cputime(p, &ct);
		break;
	case WUNIX_RUSAGE_CHILDREN:
		ct = p->cpu_children;
		maxrss = p->cmaxrss_kb;
		break;
	case WUNIX_RUSAGE_THREAD:
		thread_cputime(curthread(), ktime_mono(), &ct);
		break;
	default:
		return -EINVAL;
	}
	rusage_fill(&ru, &ct, maxrss);
	return copyout((uaddr_t)a[1], &ru, sizeof(ru)) ? -EFAULT : 0;
}

/* times: the process's and its waited-for children's CPU time in ticks, and
 * the ticks of the monotonic clock (what /proc/uptime counts) as the result,
 * a 32-bit clock_t that wraps as on 32-bit Linux. */
long sys_times(const sarg_t *a)
{
	struct proc *p = curproc();
	struct cputime ct;
	uaddr_t u = (uaddr_t)a[0];

	proc_cputime(p, &ct);
	struct wunix_tms tms = {
		(int32_t)(ct.utime_ns / TICK_NS), (int32_t)(ct.stime_ns / TICK_NS),
		(int32_t)(p->cpu_children.utime_ns / TICK_NS), (int32_t)(p->cpu_children.stime_ns / TICK_NS),
	};
	if (u && copyout(u, &tms, sizeof(tms)))
		return -EFAULT;
	return (long)(int32_t)(uint32_t)(ktime_mono() / TICK_NS);
}
