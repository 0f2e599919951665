/* kernel/timer.c -- signal timers: the interval timers of setitimer, getitimer
 * and alarm, and POSIX timers (timer_create and friends).
 *
 * Armed timers live in kernel memory and expire even when no thread of their
 * process enters the kernel: the irq CPU waits on the timer word until the next
 * deadline, then calls k_timer_tick, which fires what is due and tells it the
 * next deadline. Arming a timer earlier than the deadline the irq CPU waits for
 * bumps and notifies the word; the first bump is also what makes the host
 * start the irq CPU (docs/host-api.md), so programs without timers never start it.
 *
 * ITIMER_VIRTUAL and ITIMER_PROF count the process's CPU time as resource.c
 * estimates it (user, and user + system time). The tick reads it when it could
 * have reached the timer at the earliest (all threads computing), and at most
 * every TIMER_CPU_TICK (docs/limitations.md). */
#include "timer.h"
#include "arch.h"
#include "exports.h"
#include "kalloc.h"
#include "klib.h"
#include "ktime.h"
#include "lock.h"
#include "proc.h"
#include "syscall.h"
#include "usercopy.h"
#include <wunix/errno.h>
#include <wunix/signal.h>
#include <wunix/time.h>
#include <wunix/timer.h>

_Static_assert(offsetof(struct wunix_siginfo, u.timer.tid) == 12, "si_timerid");
_Static_assert(offsetof(struct wunix_siginfo, u.timer.overrun) == 16, "si_overrun");
_Static_assert(offsetof(struct wunix_siginfo, u.timer.value) == 20, "si_value");
_Static_assert(sizeof(struct wunix_itimerspec) == 32, "struct itimerspec");

#define POSIX_TIMER (-1) /* ktimer.which of a POSIX timer */

/* One of a process's interval timers, or one of its POSIX timers. BKL held. */
struct ktimer {
	struct ktimer *next;  /* every timer of every process */
	struct proc *proc;
	int which;            /* ITIMER_*, or POSIX_TIMER */
	int id;               /* a POSIX timer's id */
	bool realtime;        /* a POSIX timer on a real-time clock (TIMER_ABSTIME) */
	bool armed;
	int64_t expires;      /* next expiry: monotonic ns, or CPU ns (ITIMER_VIRTUAL, ITIMER_PROF) */
	int64_t interval;     /* reload in ns; 0: fires once */
	int64_t check;        /* CPU-time timers: when the tick next reads the CPU time (monotonic) */
	int64_t cpu_seen;     /* CPU-time timers: the highest CPU time read (the estimate may step back) */
	int notify;           /* SIGEV_SIGNAL, SIGEV_NONE or SIGEV_THREAD_ID */
	int signo;
	int tid;              /* SIGEV_THREAD_ID's thread */
	uint32_t value;       /* sigev_value */
	int32_t overrun;      /* expirations merged into the signal sent last (its si_overrun) */
	int32_t overrun_last; /* those of the signal before, already delivered */
};

static struct ktimer *timers;        /* BKL held */
static int64_t irq_next = INT64_MAX; /* BKL held: the deadline the irq CPU waits for */
static int32_t next_id;              /* BKL held: the POSIX timer id to try next */
static uint32_t timer_word;          /* atomic (ABI): bumped and notified when irq_next moves earlier */

static const int itimer_sig[] = { SIGALRM, SIGVTALRM, SIGPROF };

static int64_t add_sat(int64_t a, int64_t b)
{
	int64_t r;

	if (__builtin_add_overflow(a, b, &r))
		return b > 0 ? INT64_MAX : INT64_MIN;
	return r;
}

static bool cpu_clock(const struct ktimer *tm)
{
	return tm->which == ITIMER_VIRTUAL || tm->which == ITIMER_PROF;
}

/* The CPU time of tm's process that tm counts. User time is the time awake
 * less an estimate of system time that grows in steps, so it may read less
 * than before: tm's clock never goes back. */
static int64_t cpu_now(struct ktimer *tm)
{
	struct cputime ct;

	proc_cputime(tm->proc, &ct);
	int64_t c = tm->which == ITIMER_VIRTUAL ? ct.utime_ns : ct.utime_ns + ct.stime_ns;
	tm->cpu_seen = MAX(tm->cpu_seen, c);
	return tm->cpu_seen;
}

/* Now on tm's clock. */
static int64_t timer_now(struct ktimer *tm)
{
	return cpu_clock(tm) ? cpu_now(tm) : ktime_mono();
}

/* How long p's CPU time takes at least to grow by left: its threads computing
 * all at once; but the tick does not look more often than TIMER_CPU_TICK. */
static int64_t cpu_wait(const struct proc *p, int64_t left)
{
	int n = 0;

	for (int i = 0; i < NTHREAD; i++)
		if (thread_live(&threads[i]) && threads[i].proc == p)
			n++;
	return MAX(left / MAX(n, 1), TIMER_CPU_TICK);
}

/* When the tick must look at tm (monotonic ns; INT64_MAX: never). */
static int64_t deadline(const struct ktimer *tm)
{
	if (!tm->armed || tm->notify == SIGEV_NONE)
		return INT64_MAX;
	return cpu_clock(tm) ? tm->check : tm->expires;
}

/* Tells the irq CPU about deadline d if it waits for a later one. */
static void poke(int64_t d)
{
	if (d >= irq_next)
		return;
	irq_next = d;
	atomic_add32(&timer_word, 1);
	arch_notify(&timer_word, UINT32_MAX);
}

static struct ktimer *timer_find(const struct proc *p, int which, int id)
{
	for (struct ktimer *tm = timers; tm; tm = tm->next)
		if (tm->proc == p && tm->which == which && (which != POSIX_TIMER || tm->id == id))
			return tm;
	return NULL;
}

static struct ktimer *timer_new(struct proc *p, int which)
{
	struct ktimer *tm = kalloc(sizeof(*tm));

	if (!tm)
		return NULL;
	tm->proc = p;
	tm->which = which;
	tm->notify = SIGEV_SIGNAL;
	tm->next = timers;
	timers = tm;
	return tm;
}

static void timer_free(struct ktimer *tm)
{
	for (struct ktimer **pp = &timers; *pp; pp = &(*pp)->next) {
		if (*pp == tm) {
			*pp = tm->next;
			break;
		}
	}
	kfree(tm);
}

/* Deletes p's timers: every one, or its POSIX timers only. */
static void timer_drop(struct proc *p, bool posix_only)
{
	KASSERT(bkl_held());
	for (struct ktimer **pp = &timers; *pp;) {
		struct ktimer *tm = *pp;
		if (tm->proc == p && (!posix_only || tm->which == POSIX_TIMER)) {
			*pp = tm->next;
			kfree(tm);
		} else {
			pp = &tm->next;
		}
	}
}

/* The live thread tid of p, or NULL. */
static struct thread *thread_of(const struct proc *p, int tid)
{
	for (int i = 0; i < NTHREAD; i++)
		if (thread_live(&threads[i]) && threads[i].proc == p && threads[i].tid == tid)
			return &threads[i];
	return NULL;
}

/* The info of the signal tm sent last if it still waits in the queue of t (or
 * of tm's process), else NULL. */
static struct wunix_siginfo *queued(const struct ktimer *tm, struct thread *t)
{
	const struct sigqueue *q = t ? &t->sigq : &tm->proc->sigq;

	for (struct ksiginfo *e = q->head; e; e = e->next)
		if (e->info.si_signo == tm->signo && e->info.si_code == SI_TIMER && e->info.u.timer.tid == tm->id)
			return &e->info;
	return NULL;
}

static int32_t overrun_add(int32_t a, int64_t b)
{
	return (int32_t)MIN(a + b, (int64_t)INT32_MAX);
}

/* tm expired missed + 1 times: sends its signal. When the signal it sent last
 * is still pending, the expirations are counted there as overruns instead
 * (POSIX timer_getoverrun). May end the process and delete its timers. */
static void timer_signal(struct ktimer *tm, int64_t missed)
{
	struct thread *t = NULL;
	struct wunix_siginfo info, *pending;

	if (tm->which != POSIX_TIMER) {
		sig_send(tm->proc, tm->signo);
		return;
	}
	if (tm->notify == SIGEV_NONE)
		return;
	if (tm->notify == SIGEV_THREAD_ID && !(t = thread_of(tm->proc, tm->tid)))
		return; /* its thread has ended: the signal goes nowhere, as on Linux */
	if ((pending = queued(tm, t))) {
		tm->overrun = overrun_add(tm->overrun, missed + 1);
		pending->u.timer.overrun = tm->overrun;
		return;
	}
	tm->overrun_last = tm->overrun;
	tm->overrun = overrun_add(0, missed);
	memset(&info, 0, sizeof(info));
	info.si_signo = tm->signo;
	info.si_code = SI_TIMER;
	info.u.timer.tid = tm->id;
	info.u.timer.overrun = tm->overrun;
	info.u.timer.value = tm->value;
	if (t)
		sig_send_thread_info(t, &info);
	else
		sig_send_info(tm->proc, &info);
}

/* tm is due (now, on its clock, is at or past its expiry): reloads or disarms
 * it, then sends its signal, after which tm may be gone. */
static void timer_fire(struct ktimer *tm, int64_t now)
{
	int64_t missed = 0;

	if (tm->interval) {
		missed = (now - tm->expires) / tm->interval;
		tm->expires = add_sat(add_sat(tm->expires, missed * tm->interval), tm->interval);
	} else {
		tm->armed = false;
	}
	if (cpu_clock(tm))
		tm->check = add_sat(ktime_mono(), cpu_wait(tm->proc, tm->expires - now));
	timer_signal(tm, missed);
}

/* Arms tm to expire at expires on its clock (now: the time there), then every
 * interval ns. The caller pokes the irq CPU. */
static void timer_arm(struct ktimer *tm, int64_t expires, int64_t interval, int64_t now)
{
	tm->armed = true;
	tm->expires = expires;
	tm->interval = interval;
	tm->overrun = tm->overrun_last = 0;
	if (cpu_clock(tm))
		tm->check = add_sat(ktime_mono(), cpu_wait(tm->proc, expires - now));
}

/* The time left until tm expires, on its clock: 0 if disarmed, at least 1 if
 * armed (an expiry the tick has not handled yet). A SIGEV_NONE timer is never
 * fired: it expires here. */
static int64_t timer_left(struct ktimer *tm)
{
	if (!tm->armed)
		return 0;
	int64_t now = timer_now(tm);
	if (tm->notify == SIGEV_NONE && now >= tm->expires) {
		if (!tm->interval) {
			tm->armed = false;
			return 0;
		}
		int64_t n = (now - tm->expires) / tm->interval;
		tm->expires = add_sat(add_sat(tm->expires, n * tm->interval), tm->interval);
	}
	return MAX(tm->expires - now, (int64_t)1);
}

/* Fires every timer that is due; returns the next deadline (monotonic ns) or
 * INT64_MAX. BKL held. */
static int64_t timer_run(void)
{
	int64_t now = ktime_mono(), next;

again:
	next = INT64_MAX;
	for (struct ktimer *tm = timers; tm; tm = tm->next) {
		int64_t d = deadline(tm);
		if (d > now) {
			next = MIN(next, d);
			continue;
		}
		if (cpu_clock(tm)) {
			int64_t c = cpu_now(tm);
			if (c < tm->expires) {
				tm->check = add_sat(now, cpu_wait(tm->proc, tm->expires - c));
				next = MIN(next, tm->check);
				continue;
			}
			timer_fire(tm, c);
		} else {
			timer_fire(tm, now);
		}
		/* a signal may have ended a process and deleted timers: start over.
		 * With now kept, each timer fires at most once per tick (it is due
		 * after now, or disarmed), however short its interval. */
		goto again;
	}
	irq_next = next;
	return next;
}

/* The irq CPU's tick: fires every timer that is due. Returns the next
 * deadline (monotonic ns, as host.now_ns) or -1 if no timer is armed. The
 * irq CPU then waits on k_timer_word until that deadline or a notify. */
KEXPORT("k_timer_tick") int64_t k_timer_tick(void)
{
	struct thread *t = kentry();
	int64_t next = timer_run();

	kexit(t);
	return next == INT64_MAX ? -1 : next;
}

/* Address of the timer word (an i32): bumped and notified when a timer is
 * armed earlier than the deadline k_timer_tick last returned, or than none. */
KEXPORT("k_timer_word") uintptr_t k_timer_word(void)
{
	return (uintptr_t)&timer_word;
}

void timer_exec(struct proc *p)
{
	timer_drop(p, true);
}

void timer_exit(struct proc *p)
{
	timer_drop(p, false);
}

/* ---- setitimer, getitimer ---- */

static void tv_put(int64_t ns, int32_t *sec, int32_t *usec)
{
	int64_t us = ns / 1000 + (ns % 1000 != 0); /* rounded up: an armed timer never reads 0 */

	*sec = (int32_t)MIN(us / 1000000, (int64_t)INT32_MAX);
	*usec = (int32_t)(us % 1000000);
}

static void itimer_get(struct proc *p, int which, struct wunix_itimerval32 *v)
{
	struct ktimer *tm = timer_find(p, which, 0);

	memset(v, 0, sizeof(*v));
	if (!tm || !tm->armed)
		return;
	tv_put(tm->interval, &v->interval_sec, &v->interval_usec);
	tv_put(timer_left(tm), &v->value_sec, &v->value_usec);
}

static bool tv_valid(int32_t sec, int32_t usec)
{
	return sec >= 0 && usec >= 0 && usec < 1000000;
}

long sys_getitimer(const sarg_t *a)
{
	int which = (int)a[0];
	struct wunix_itimerval32 v;

	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	itimer_get(curproc(), which, &v);
	return copyout((uaddr_t)a[1], &v, sizeof(v)) ? -EFAULT : 0;
}

/* setitimer(which, new, old): a NULL new disarms, as on Linux. */
long sys_setitimer(const sarg_t *a)
{
	struct proc *p = curproc();
	int which = (int)a[0];
	struct wunix_itimerval32 nv, ov;
	struct ktimer *tm;

	memset(&nv, 0, sizeof(nv));
	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	if (a[1] && copyin(&nv, (uaddr_t)a[1], sizeof(nv)))
		return -EFAULT;
	if (!tv_valid(nv.interval_sec, nv.interval_usec) || !tv_valid(nv.value_sec, nv.value_usec))
		return -EINVAL;
	itimer_get(p, which, &ov);
	int64_t value = nv.value_sec * NSEC_PER_SEC + nv.value_usec * 1000ll;
	int64_t interval = nv.interval_sec * NSEC_PER_SEC + nv.interval_usec * 1000ll;
	tm = timer_find(p, which, 0);
	if (!value) {
		if (tm)
			timer_free(tm);
	} else {
		if (!tm && !(tm = timer_new(p, which)))
			return -ENOMEM;
		tm->signo = itimer_sig[which];
		int64_t now = timer_now(tm);
		timer_arm(tm, add_sat(now, value), interval, now);
		poke(deadline(tm));
	}
	if (a[2] && copyout((uaddr_t)a[2], &ov, sizeof(ov)))
		return -EFAULT;
	return 0;
}

/* ---- POSIX timers ---- */

/* The clocks a timer can use: 0 (*realtime says which kind) or -errno. */
static long timer_clock(int clock, bool *realtime)
{
	switch (clock) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_ALARM:
	case CLOCK_TAI:
		*realtime = true;
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_BOOTTIME:
	case CLOCK_BOOTTIME_ALARM:
		*realtime = false;
		return 0;
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_REALTIME_COARSE:
		return -EOPNOTSUPP; /* Linux has no timers on these either */
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		return -EOPNOTSUPP; /* docs/limitations.md */
	default:
		return -EINVAL;
	}
}

/* The current process's POSIX timer with id a (as the guest passed it), or NULL. */
static struct ktimer *posix_timer(sarg_t a)
{
	uint64_t id = (uint64_t)a;

	return id < INT32_MAX ? timer_find(curproc(), POSIX_TIMER, (int)id) : NULL;
}

static long ts_ns(int64_t sec, int32_t nsec, int64_t *ns)
{
	if (sec < 0 || nsec < 0 || nsec >= NSEC_PER_SEC)
		return -EINVAL;
	*ns = sec >= INT64_MAX / NSEC_PER_SEC ? INT64_MAX : sec * NSEC_PER_SEC + nsec;
	return 0;
}

static void timer_get(struct ktimer *tm, struct wunix_itimerspec *v)
{
	memset(v, 0, sizeof(*v));
	if (!tm->armed)
		return;
	int64_t left = timer_left(tm);
	if (!left)
		return;
	v->interval_sec = tm->interval / NSEC_PER_SEC;
	v->interval_nsec = (int32_t)(tm->interval % NSEC_PER_SEC);
	v->value_sec = left / NSEC_PER_SEC;
	v->value_nsec = (int32_t)(left % NSEC_PER_SEC);
}

/* timer_create(clock, sevp, timerid): sevp is musl's 16-byte kernel sigevent;
 * NULL means SIGALRM to the process with the timer's id as its value. */
long sys_timer_create(const sarg_t *a)
{
	struct proc *p = curproc();
	struct wunix_ksigevent ev = { 0, SIGALRM, SIGEV_SIGNAL, 0 };
	struct ktimer *tm;
	bool realtime;
	int n = 0;
	long r = timer_clock((int)a[0], &realtime);

	if (r)
		return r;
	if (a[1] && copyin(&ev, (uaddr_t)a[1], sizeof(ev)))
		return -EFAULT;
	switch (ev.notify) {
	case SIGEV_THREAD_ID:
		if (!thread_of(p, ev.tid))
			return -EINVAL;
		/* fallthrough */
	case SIGEV_SIGNAL:
	case SIGEV_THREAD: /* Linux takes it as SIGEV_SIGNAL; musl never passes it */
		if (ev.signo < 1 || ev.signo > WUNIX_NSIG)
			return -EINVAL;
		break;
	case SIGEV_NONE:
		break;
	default:
		return -EINVAL;
	}
	for (tm = timers; tm; tm = tm->next)
		n += tm->proc == p && tm->which == POSIX_TIMER;
	if (n >= TIMER_MAX || !(tm = timer_new(p, POSIX_TIMER)))
		return -EAGAIN;
	/* ids run on, so a signal of a deleted timer is not taken for a new one's */
	do {
		tm->id = next_id;
		next_id = next_id == INT32_MAX - 1 ? 0 : next_id + 1;
	} while (timer_find(p, POSIX_TIMER, tm->id) != tm);
	tm->realtime = realtime;
	tm->notify = ev.notify == SIGEV_THREAD ? SIGEV_SIGNAL : ev.notify;
	tm->signo = ev.signo;
	tm->tid = ev.tid;
	tm->value = a[1] ? ev.value : (uint32_t)tm->id;
	int32_t id = tm->id;
	if (copyout((uaddr_t)a[2], &id, sizeof(id))) {
		timer_free(tm);
		return -EFAULT;
	}
	return 0;
}

/* timer_settime(id, flags, new, old): new and old are struct itimerspec. An
 * expiry already past fires at once. */
long sys_timer_settime(const sarg_t *a)
{
	struct ktimer *tm = posix_timer(a[0]);
	struct wunix_itimerspec nv, ov;
	int64_t value, interval;

	if (!tm)
		return -EINVAL;
	if (copyin(&nv, (uaddr_t)a[2], sizeof(nv)))
		return -EFAULT;
	if (ts_ns(nv.value_sec, nv.value_nsec, &value) || ts_ns(nv.interval_sec, nv.interval_nsec, &interval))
		return -EINVAL;
	timer_get(tm, &ov);
	if (!value) {
		tm->armed = false;
	} else {
		int64_t now = ktime_mono(), expires = value;
		if (!((int)a[1] & TIMER_ABSTIME)) {
			expires = add_sat(now, value);
		} else if (tm->realtime) {
			int64_t rt;
			ktime_read(CLOCK_REALTIME, &rt);
			expires = add_sat(value, -(rt - now)); /* real time runs at a fixed offset */
		}
		timer_arm(tm, expires, interval, now);
		/* tm outlives the signal: the calling thread keeps its process */
		if (expires <= now && tm->notify != SIGEV_NONE)
			timer_fire(tm, now);
		poke(deadline(tm));
	}
	if (a[3] && copyout((uaddr_t)a[3], &ov, sizeof(ov)))
		return -EFAULT;
	return 0;
}

long sys_timer_gettime(const sarg_t *a)
{
	struct ktimer *tm = posix_timer(a[0]);
	struct wunix_itimerspec v;

	if (!tm)
		return -EINVAL;
	timer_get(tm, &v);
	return copyout((uaddr_t)a[1], &v, sizeof(v)) ? -EFAULT : 0;
}

/* The overruns of the last signal of the timer that was delivered. */
long sys_timer_getoverrun(const sarg_t *a)
{
	struct ktimer *tm = posix_timer(a[0]);
	struct thread *t = NULL;

	if (!tm)
		return -EINVAL;
	if (tm->notify == SIGEV_THREAD_ID && !(t = thread_of(tm->proc, tm->tid)))
		return tm->overrun;
	return queued(tm, t) ? tm->overrun_last : tm->overrun;
}

long sys_timer_delete(const sarg_t *a)
{
	struct ktimer *tm = posix_timer(a[0]);

	if (!tm)
		return -EINVAL;
	timer_free(tm);
	return 0;
}
