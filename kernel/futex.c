/* kernel/futex.c -- futex(2) and the robust-list registration.
 *
 * A futex is a 32-bit word of a process's memory, keyed by (process, address):
 * no memory is shared between processes, so FUTEX_PRIVATE_FLAG changes nothing.
 * Waiters sit on one queue, in arrival order (wakes are FIFO per futex, as
 * Linux's for threads of equal priority). A waiter reads the word atomically
 * (the threads of its process change it without the BKL, through the host's
 * uatomic32), records (address, bitset) and joins the queue before ksleep_sig
 * releases the BKL; a waker takes the BKL, so it either sees the waiter queued
 * or the waiter sees the changed word: no wake-up is lost. A waker dequeues the
 * waiter (futex_queued false: "woken") and kwakeup_thread()s it. */
#include "futex.h"
#include "host.h"
#include "klib.h"
#include "ktime.h"
#include "lock.h"
#include "proc.h"
#include "syscall.h"
#include "usercopy.h"
#include <wunix/errno.h>
#include <wunix/time.h>

/* The waiters, every process's, oldest first. BKL held. */
static struct thread *fq_head, *fq_tail;

static void fq_append(struct thread *t)
{
	t->futex_next = NULL;
	t->futex_prev = fq_tail;
	if (fq_tail)
		fq_tail->futex_next = t;
	else
		fq_head = t;
	fq_tail = t;
}

static void fq_remove(struct thread *t)
{
	if (t->futex_prev)
		t->futex_prev->futex_next = t->futex_next;
	else
		fq_head = t->futex_next;
	if (t->futex_next)
		t->futex_next->futex_prev = t->futex_prev;
	else
		fq_tail = t->futex_prev;
	t->futex_prev = t->futex_next = NULL;
}

/* Dequeues waiter t and makes it runnable: its futex_wait returns 0. */
static void wake_waiter(struct thread *t)
{
	fq_remove(t);
	t->futex_queued = false;
	kwakeup_thread(t);
}

/* A futex word's address: 0, -EINVAL if unaligned, -EFAULT if out of reach. */
static long futex_addr(uaddr_t uaddr)
{
	if (uaddr & 3)
		return -EINVAL;
	return uaddr_range_ok(uaddr, 4) ? 0 : -EFAULT;
}

/* Atomic operations on the word at uaddr (checked by futex_addr): 0 with the
 * old value in *old, or -EFAULT. */
static long uword(int op, uaddr_t uaddr, uint32_t a, uint32_t b, uint32_t *old)
{
	double r = host_uatomic32(op, (uint32_t)uaddr, a, b);

	if (r < 0)
		return -EFAULT;
	*old = (uint32_t)r;
	return 0;
}

/* Wakes up to n waiters of p's futex uaddr whose bitset meets bitset, oldest
 * first: how many. As Linux, n <= 0 still wakes one. */
static int wake_some(struct proc *p, uaddr_t uaddr, uint32_t bitset, int n)
{
	int woken = 0;

	for (struct thread *t = fq_head, *next; t; t = next) {
		next = t->futex_next;
		if (t->proc != p || t->futex_uaddr != uaddr || !(t->futex_bitset & bitset))
			continue;
		wake_waiter(t);
		if (++woken >= n)
			break;
	}
	return woken;
}

int futex_wake(struct proc *p, uaddr_t uaddr, int n)
{
	KASSERT(bkl_held());
	return wake_some(p, uaddr, FUTEX_BITSET_MATCH_ANY, n);
}

/* Waits on uaddr while it holds val, until a wake whose bitset meets bitset, a
 * signal, or (timed) the monotonic clock reaching deadline. An interrupted
 * untimed wait restarts (-ERESTARTSYS, as Linux: also under SA_RESTART). An
 * interrupted timed wait cannot simply be re-issued when its timeout is
 * relative (FUTEX_WAIT: the whole timeout would start again; Linux keeps the
 * deadline in a restart block): it returns -EINTR, which musl's waits take
 * for a spurious wake-up. An absolute one (FUTEX_WAIT_BITSET) can: restarted
 * unless a handler ran (-ERESTARTNOHAND), as Linux's restart block does.
 * BKL held; may sleep. */
static long futex_wait(uaddr_t uaddr, uint32_t val, uint32_t bitset, bool timed, bool absolute,
                       int64_t deadline)
{
	struct thread *t = curthread();
	uint32_t cur;
	long r;

	if (!bitset)
		return -EINVAL;
	if ((r = futex_addr(uaddr)) || (r = uword(HOST_UATOMIC_LOAD, uaddr, 0, 0, &cur)))
		return r;
	if (cur != val)
		return -EAGAIN;
	t->futex_uaddr = uaddr;
	t->futex_bitset = bitset;
	t->futex_queued = true;
	fq_append(t);
	for (;;) {
		int64_t left = -1;
		if (timed && (left = deadline - ktime_mono()) <= 0) {
			r = -ETIMEDOUT;
			break;
		}
		r = ksleep_sig(&t->futex_queued, left);
		if (!t->futex_queued)
			return 0; /* woken: a signal pending meanwhile is taken at syscall exit */
		if (r < 0)
			break;
		/* woken for something else (kwakeup_thread): wait on */
	}
	fq_remove(t);
	t->futex_queued = false;
	if (r == -ERESTARTSYS && timed)
		r = absolute ? -ERESTARTNOHAND : -EINTR;
	return r;
}

/* FUTEX_REQUEUE and FUTEX_CMP_REQUEUE (cmp: compare uaddr with cmpval first):
 * wakes up to nr_wake waiters of uaddr, moves up to nr_requeue more to uaddr2
 * (behind its own waiters, bitsets kept). Returns how many were woken or
 * moved, for both operations (Linux's code; its manual says woken only for
 * FUTEX_REQUEUE). */
static long futex_requeue(uaddr_t uaddr, uaddr_t uaddr2, int nr_wake, int nr_requeue, bool cmp,
                          uint32_t cmpval)
{
	struct proc *p = curproc();
	struct thread *moved = NULL, *last = NULL;
	uint32_t cur;
	int count = 0;
	long r;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	if ((r = futex_addr(uaddr)) || (r = futex_addr(uaddr2)))
		return r;
	if (cmp) {
		if ((r = uword(HOST_UATOMIC_LOAD, uaddr, 0, 0, &cur)))
			return r;
		if (cur != cmpval)
			return -EAGAIN;
	}
	for (struct thread *t = fq_head, *next; t && count - nr_wake < nr_requeue; t = next) {
		next = t->futex_next;
		if (t->proc != p || t->futex_uaddr != uaddr)
			continue;
		if (++count <= nr_wake) {
			wake_waiter(t);
			continue;
		}
		/* set aside, so that uaddr2 == uaddr does not meet them again */
		fq_remove(t);
		t->futex_uaddr = uaddr2;
		if (last)
			last->futex_next = t;
		else
			moved = t;
		last = t;
	}
	while (moved) {
		struct thread *t = moved;
		moved = t->futex_next;
		fq_append(t);
	}
	return count;
}

static int32_t sign_extend12(uint32_t v)
{
	return (int32_t)(v << 20) >> 20;
}

/* FUTEX_WAKE_OP: applies the operation val3 encodes to the word at uaddr2
 * atomically, wakes up to nr_wake waiters of uaddr, and if the old value of
 * uaddr2 passes val3's comparison, up to nr_wake2 of uaddr2 too: how many in
 * all. An unknown operation is -ENOSYS; an unknown comparison too, after the
 * operation was applied (as Linux). */
static long futex_wake_op(uaddr_t uaddr, uaddr_t uaddr2, int nr_wake, int nr_wake2, uint32_t val3)
{
	struct proc *p = curproc();
	uint32_t op = (val3 >> 28) & 7, cmp = (val3 >> 24) & 15, old, now, set;
	int32_t oparg = sign_extend12((val3 >> 12) & 0xfff), cmparg = sign_extend12(val3 & 0xfff);
	uint32_t arg = (uint32_t)oparg;
	bool hit;
	long r;

	if ((r = futex_addr(uaddr)) || (r = futex_addr(uaddr2)))
		return r;
	if (val3 & ((uint32_t)FUTEX_OP_OPARG_SHIFT << 28))
		arg = (uint32_t)1 << (oparg & 31); /* Linux masks an out-of-range shift too */
	if (op > FUTEX_OP_XOR)
		return -ENOSYS;
	if ((r = uword(HOST_UATOMIC_LOAD, uaddr2, 0, 0, &old)))
		return r;
	for (;;) {
		switch (op) {
		case FUTEX_OP_SET: set = arg; break;
		case FUTEX_OP_ADD: set = old + arg; break;
		case FUTEX_OP_OR: set = old | arg; break;
		case FUTEX_OP_ANDN: set = old & ~arg; break;
		default: set = old ^ arg; break;
		}
		if ((r = uword(HOST_UATOMIC_CMPXCHG, uaddr2, old, set, &now)))
			return r;
		if (now == old)
			break;
		old = now;
	}
	switch (cmp) {
	case FUTEX_OP_CMP_EQ: hit = (int32_t)old == cmparg; break;
	case FUTEX_OP_CMP_NE: hit = (int32_t)old != cmparg; break;
	case FUTEX_OP_CMP_LT: hit = (int32_t)old < cmparg; break;
	case FUTEX_OP_CMP_LE: hit = (int32_t)old <= cmparg; break;
	case FUTEX_OP_CMP_GT: hit = (int32_t)old > cmparg; break;
	case FUTEX_OP_CMP_GE: hit = (int32_t)old >= cmparg; break;
	default: return -ENOSYS;
	}
	int woken = wake_some(p, uaddr, FUTEX_BITSET_MATCH_ANY, nr_wake);
	if (hit)
		woken += wake_some(p, uaddr2, FUTEX_BITSET_MATCH_ANY, nr_wake2);
	return woken;
}

static int64_t add_sat(int64_t a, int64_t b)
{
	if (b > 0 && a > INT64_MAX - b)
		return INT64_MAX;
	if (b < 0 && a < INT64_MIN - b)
		return INT64_MIN;
	return a + b;
}

/* The timeout at u as a deadline on the kernel's monotonic clock: relative
 * for FUTEX_WAIT, else absolute on CLOCK_MONOTONIC, or CLOCK_REALTIME when
 * realtime. 0, -EFAULT or -EINVAL (negative or not normalised). */
static long futex_deadline(uaddr_t u, bool relative, bool realtime, int64_t *deadline)
{
	struct wunix_timespec ts;
	int64_t ns, now = ktime_mono(), clk;

	if (copyin(&ts, u, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	ns = ts.tv_sec >= INT64_MAX / NSEC_PER_SEC ? INT64_MAX : ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	if (relative) {
		*deadline = add_sat(now, ns);
		return 0;
	}
	ktime_read(realtime ? CLOCK_REALTIME : CLOCK_MONOTONIC, &clk);
	*deadline = add_sat(now, add_sat(ns, -clk));
	return 0;
}

/* futex(uaddr, op, val, timeout or val2, uaddr2, val3). The PI operations and
 * FUTEX_FD are -ENOSYS. */
long sys_futex(const sarg_t *a)
{
	uaddr_t uaddr = (uaddr_t)a[0], utime = (uaddr_t)a[3], uaddr2 = (uaddr_t)a[4];
	int op = (int)a[1], cmd = op & FUTEX_CMD_MASK;
	uint32_t val = (uint32_t)a[2], val3 = (uint32_t)a[5];
	int val2 = (int)(uint32_t)a[3]; /* the timeout argument carries a count for some */
	int64_t deadline = 0;
	long r;

	if (utime && (cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET) &&
	    (r = futex_deadline(utime, cmd == FUTEX_WAIT, op & FUTEX_CLOCK_REALTIME, &deadline)))
		return r;
	if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT_BITSET && cmd != FUTEX_WAIT_REQUEUE_PI &&
	    cmd != FUTEX_LOCK_PI2)
		return -ENOSYS;
	switch (cmd) {
	case FUTEX_WAIT:
		return futex_wait(uaddr, val, FUTEX_BITSET_MATCH_ANY, utime != 0, false, deadline);
	case FUTEX_WAIT_BITSET:
		return futex_wait(uaddr, val, val3, utime != 0, true, deadline);
	case FUTEX_WAKE:
	case FUTEX_WAKE_BITSET: {
		uint32_t bitset = cmd == FUTEX_WAKE ? FUTEX_BITSET_MATCH_ANY : val3;
		if (!bitset)
			return -EINVAL;
		if ((r = futex_addr(uaddr)))
			return r;
		return wake_some(curproc(), uaddr, bitset, (int)val);
	}
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, uaddr2, (int)val, val2, false, 0);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, uaddr2, (int)val, val2, true, val3);
	case FUTEX_WAKE_OP:
		return futex_wake_op(uaddr, uaddr2, (int)val, val2, val3);
	default:
		return -ENOSYS;
	}
}

/* set_robust_list(head, len): records the calling thread's robust-futex list
 * (musl registers it for robust mutexes). Only recorded: the list is not
 * walked when the thread or its process dies, so a robust mutex its owner
 * left locked does not become EOWNERDEAD for the next locker. */
long sys_set_robust_list(const sarg_t *a)
{
	if ((uint64_t)a[1] != ROBUST_LIST_HEAD_SIZE)
		return -EINVAL;
	curthread()->robust_list = (uaddr_t)a[0];
	return 0;
}

/* Whether me may read them's robust list: ptrace's "read, real credentials"
 * rule without capabilities but root's. */
static bool may_inspect(const struct proc *me, const struct proc *them)
{
	const struct cred *c = &me->cred, *tc = &them->cred;

	if (me == them || c->euid == 0)
		return true;
	return c->ruid == tc->euid && c->ruid == tc->suid && c->ruid == tc->ruid && c->rgid == tc->egid &&
	       c->rgid == tc->sgid && c->rgid == tc->rgid;
}

/* get_robust_list(tid, head_ptr, len_ptr): thread tid's list head (0: the
 * caller's), stored as 32-bit pointer and size. */
long sys_get_robust_list(const sarg_t *a)
{
	int tid = (int)a[0];
	struct thread *me = curthread(), *t = tid ? NULL : me;
	uint32_t head, len = ROBUST_LIST_HEAD_SIZE;

	for (int i = 0; !t && i < NTHREAD; i++)
		if (thread_live(&threads[i]) && threads[i].tid == tid)
			t = &threads[i];
	if (!t)
		return -ESRCH;
	if (!may_inspect(me->proc, t->proc))
		return -EPERM;
	head = (uint32_t)t->robust_list;
	if (copyout((uaddr_t)a[2], &len, sizeof(len)))
		return -EFAULT;
	return copyout((uaddr_t)a[1], &head, sizeof(head)) ? -EFAULT : 0;
}
