/* tests/unit/test_futex.c -- futex: value mismatch, timeouts on each clock,
 * wake counts and order, bitsets, requeue, wake-op, argument errors, signals
 * ending a wait, the clear-child-tid wake at thread exit, a futex mutex under
 * contention; set_robust_list / get_robust_list. Threads of the test process
 * are made with thread_alloc and run on pthreads of their own (CPUs) sharing
 * the process memory. */
#include "child.h"
#include "exports.h"
#include "fakehost.h"
#include "futex.h"
#include "ksignal.h"
#include "lock.h"
#include "proc.h"
#include "syscall.h"
#include "test.h"
#include <limits.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wunix/errno.h>
#include <wunix/signal.h>
#include <wunix/time.h>

#define W1 0x30000 /* user addresses in the test process's memory */
#define W2 0x30040
#define CT 0x30080
#define TS 0x30100
#define ACT 0x30180
#define RL 0x30200
#define MTX 0x30300
#define COUNT 0x30340
#define GO 0x30380
#define BEYOND 0x7ffffff0u /* inside 4 GiB, outside the process memory */

#define WAIT_PRIV (FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define WAKE_PRIV (FUTEX_WAKE | FUTEX_PRIVATE_FLAG)
#define MS 1000000ll

static void wset(uint32_t u, uint32_t v)
{
	__atomic_store_n((uint32_t *)fh_u(u), v, __ATOMIC_SEQ_CST);
}

static uint32_t wget(uint32_t u)
{
	return __atomic_load_n((uint32_t *)fh_u(u), __ATOMIC_SEQ_CST);
}

static long futex(uint32_t u, int op, uint32_t val, uint64_t timeout, uint32_t u2, uint32_t val3)
{
	return SC6(NR_futex, u, I32(op), val, timeout, u2, val3);
}

static void put_ts(int64_t sec, int32_t nsec)
{
	struct wunix_timespec ts = { sec, nsec, 0 };
	memcpy(fh_u(TS), &ts, sizeof(ts));
}

/* Clock id as the guest reads it, in nanoseconds. */
static int64_t clock_ns(int clock)
{
	struct wunix_timespec ts;

	CHECK_EQ(SC2(NR_clock_gettime, clock, TS + 32), 0);
	memcpy(&ts, fh_u(TS + 32), sizeof(ts));
	return ts.tv_sec * 1000000000ll + ts.tv_nsec;
}

static int64_t mono_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ll + ts.tv_nsec;
}

static void put_ts_ns(int64_t ns)
{
	put_ts(ns / 1000000000, (int32_t)(ns % 1000000000));
}

/* Another thread of the current process, on a CPU (pthread) of its own. */
struct peer {
	int pid, tid;
	struct fh_umem mem;
	void (*fn)(struct peer *pe); /* what it runs (default: futex_call) before exit(0) */
	/* the futex call it makes */
	uint32_t uaddr, val, timeout, val3;
	int op;
	bool direct; /* sys_futex under the BKL, no syscall exit: its raw result */
	long r;
	int done;
	pthread_t th;
};

static void futex_call(struct peer *pe)
{
	if (pe->direct) {
		const sarg_t a[6] = { pe->uaddr, I32(pe->op), pe->val, pe->timeout, 0, pe->val3 };
		bkl_lock();
		pe->r = sys_futex(a);
		sig_dequeue(curthread(), SIGBIT(SIGUSR1), NULL);
		bkl_unlock();
	} else {
		pe->r = futex(pe->uaddr, pe->op, pe->val, pe->timeout, 0, pe->val3);
	}
}

static void peer_body(void *arg)
{
	struct peer *pe = arg;

	(pe->fn ? pe->fn : futex_call)(pe);
	__atomic_store_n(&pe->done, 1, __ATOMIC_SEQ_CST);
	SC1(NR_exit, 0);
}

static void *peer_main(void *arg)
{
	struct peer *pe = arg;
	int r;

	fh_cpu_attach();
	*fh_umem() = pe->mem;
	if ((r = k_thread_resume(pe->tid)) != pe->pid)
		test_fail(__FILE__, __LINE__, "k_thread_resume(%d) = %d", pe->tid, r);
	else if (!fh_run_until_exit(peer_body, pe))
		test_fail(__FILE__, __LINE__, "thread %d did not exit", pe->tid);
	memset(fh_umem(), 0, sizeof(struct fh_umem)); /* the memory is the main thread's */
	fh_cpu_detach();
	return NULL;
}

static void peer_start(struct peer *pe)
{
	pe->pid = (int)SC0(NR_getpid);
	bkl_lock();
	struct thread *t = thread_alloc(proc_find(pe->pid));
	pe->tid = t ? t->tid : -1;
	bkl_unlock();
	CHECK(pe->tid > 0);
	pe->mem = *fh_umem();
	pthread_create(&pe->th, NULL, peer_main, pe);
}

static bool peer_done(struct peer *pe)
{
	return __atomic_load_n(&pe->done, __ATOMIC_SEQ_CST);
}

static void peer_join(struct peer *pe)
{
	pthread_join(pe->th, NULL);
	CHECK(peer_done(pe));
}

/* Threads of the current process asleep in a futex wait on uaddr. */
static int nqueued(uint32_t uaddr)
{
	int pid = (int)SC0(NR_getpid), n = 0;

	bkl_lock();
	for (int i = 0; i < NTHREAD; i++) {
		struct thread *t = &threads[i];
		if (thread_live(t) && t->proc->pid == pid && t->futex_queued && t->sleeping && t->futex_uaddr == uaddr)
			n++;
	}
	bkl_unlock();
	return n;
}

/* Waits (up to 10 s) until n threads sleep on uaddr. */
static void wait_queued(uint32_t uaddr, int n)
{
	for (int i = 0; i < 10000 && nqueued(uaddr) != n; i++)
		usleep(1000);
	CHECK_EQ(nqueued(uaddr), n);
}

/* Starts pe waiting on uaddr for val (untimed FUTEX_WAIT_BITSET with bitset)
 * and waits until it sleeps there, queued behind before others. */
static void peer_wait(struct peer *pe, uint32_t uaddr, uint32_t val, uint32_t bitset, int before)
{
	memset(pe, 0, sizeof(*pe));
	pe->uaddr = uaddr;
	pe->val = val;
	pe->op = FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG;
	pe->val3 = bitset;
	peer_start(pe);
	wait_queued(uaddr, before + 1);
}

TEST(futex_value_mismatch)
{
	fh_proc_begin();
	wset(W1, 5);
	CHECK_EQ(futex(W1, FUTEX_WAIT, 6, 0, 0, 0), -EAGAIN);
	CHECK_EQ(futex(W1, WAIT_PRIV, 0, 0, 0, 0), -EAGAIN);
	CHECK_EQ(futex(W1, FUTEX_WAIT_BITSET, 4, 0, 0, 1), -EAGAIN);
	wset(W1, 0xffffffffu);
	CHECK_EQ(futex(W1, FUTEX_WAIT, 0x7fffffff, 0, 0, 0), -EAGAIN);
	/* the compare happens before the timeout can expire */
	put_ts(0, 0);
	CHECK_EQ(futex(W1, FUTEX_WAIT, 0, TS, 0, 0), -EAGAIN);
	CHECK_EQ(futex(W1, WAKE_PRIV, 1, 0, 0, 0), 0);
	CHECK_EQ(wget(W1), 0xffffffffu);
	fh_proc_end();
}

TEST(futex_timeouts)
{
	fh_proc_begin();
	wset(W1, 0);
	put_ts(0, 0);
	CHECK_EQ(futex(W1, FUTEX_WAIT, 0, TS, 0, 0), -ETIMEDOUT);
	/* relative, on the monotonic clock */
	put_ts(0, 20 * MS);
	int64_t t0 = mono_ns();
	CHECK_EQ(futex(W1, WAIT_PRIV, 0, TS, 0, 0), -ETIMEDOUT);
	CHECK(mono_ns() - t0 >= 20 * MS);
	/* WAIT_BITSET: absolute, CLOCK_MONOTONIC */
	t0 = mono_ns();
	put_ts_ns(clock_ns(CLOCK_MONOTONIC) + 20 * MS);
	CHECK_EQ(futex(W1, FUTEX_WAIT_BITSET, 0, TS, 0, FUTEX_BITSET_MATCH_ANY), -ETIMEDOUT);
	CHECK(mono_ns() - t0 >= 20 * MS);
	put_ts(0, 1);
	CHECK_EQ(futex(W1, FUTEX_WAIT_BITSET, 0, TS, 0, 1), -ETIMEDOUT);
	/* ... or CLOCK_REALTIME */
	t0 = mono_ns();
	put_ts_ns(clock_ns(CLOCK_REALTIME) + 20 * MS);
	CHECK_EQ(futex(W1, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME | FUTEX_PRIVATE_FLAG, 0, TS, 0, 3), -ETIMEDOUT);
	CHECK(mono_ns() - t0 >= 20 * MS);
	put_ts_ns(clock_ns(CLOCK_REALTIME) - 1000 * MS);
	CHECK_EQ(futex(W1, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 0, TS, 0, 3), -ETIMEDOUT);
	/* FUTEX_CLOCK_REALTIME with anything but WAIT_BITSET */
	CHECK_EQ(futex(W1, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 0, TS, 0, 0), -ENOSYS);
	CHECK_EQ(futex(W1, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, 0, 0, 0), -ENOSYS);
	fh_proc_end();
}

TEST(futex_argument_errors)
{
	fh_proc_begin();
	wset(W1, 0);
	/* unaligned */
	CHECK_EQ(futex(W1 + 1, FUTEX_WAIT, 0, 0, 0, 0), -EINVAL);
	CHECK_EQ(futex(W1 + 2, FUTEX_WAKE, 1, 0, 0, 0), -EINVAL);
	CHECK_EQ(futex(W1, FUTEX_REQUEUE, 1, 1, W2 + 3, 0), -EINVAL);
	CHECK_EQ(futex(W1 + 1, FUTEX_CMP_REQUEUE, 1, 1, W2, 0), -EINVAL);
	CHECK_EQ(futex(W1, FUTEX_WAKE_OP, 1, 1, W2 + 1, 0), -EINVAL);
	/* out of reach */
	CHECK_EQ(futex(0, FUTEX_WAIT, 0, 0, 0, 0), -EFAULT);
	CHECK_EQ(futex(0, FUTEX_WAKE, 1, 0, 0, 0), -EFAULT);
	CHECK_EQ(futex(BEYOND, FUTEX_WAIT, 0, 0, 0, 0), -EFAULT);
	CHECK_EQ(futex(BEYOND, FUTEX_CMP_REQUEUE, 1, 1, W2, 0), -EFAULT);
	CHECK_EQ(futex(W1, FUTEX_CMP_REQUEUE, 1, 1, 0, 0), -EFAULT);
	CHECK_EQ(futex(W1, FUTEX_WAKE_OP, 1, 1, BEYOND, 0), -EFAULT);
	CHECK_EQ(SC6(NR_futex, 0x100000000ll + W1, FUTEX_WAKE, 1, 0, 0, 0), -EFAULT);
	CHECK_EQ(futex(W1, FUTEX_WAIT, 0, BEYOND, 0, 0), -EFAULT);
	CHECK_EQ(futex(W1, FUTEX_WAIT_BITSET, 0, 8, 0, 1), -EFAULT);
	/* bitset 0 */
	CHECK_EQ(futex(W1, FUTEX_WAIT_BITSET, 0, 0, 0, 0), -EINVAL);
	CHECK_EQ(futex(W1, FUTEX_WAKE_BITSET, 1, 0, 0, 0), -EINVAL);
	/* bad timespecs, checked before the value */
	wset(W1, 1);
	put_ts(0, 1000000000);
	CHECK_EQ(futex(W1, FUTEX_WAIT, 0, TS, 0, 0), -EINVAL);
	put_ts(-1, 0);
	CHECK_EQ(futex(W1, FUTEX_WAIT, 0, TS, 0, 0), -EINVAL);
	put_ts(1, -1);
	CHECK_EQ(futex(W1, FUTEX_WAIT_BITSET, 0, TS, 0, 1), -EINVAL);
	/* negative requeue counts */
	CHECK_EQ(futex(W1, FUTEX_REQUEUE, I32(-1), 1, W2, 0), -EINVAL);
	CHECK_EQ(futex(W1, FUTEX_CMP_REQUEUE, 1, I32(-1), W2, 1), -EINVAL);
	/* unsupported operations */
	static const int nosys[] = { FUTEX_FD, FUTEX_LOCK_PI, FUTEX_UNLOCK_PI, FUTEX_TRYLOCK_PI,
		                     FUTEX_WAIT_REQUEUE_PI, FUTEX_CMP_REQUEUE_PI, FUTEX_LOCK_PI2, 14, 127 };
	for (size_t i = 0; i < sizeof(nosys) / sizeof(nosys[0]); i++) {
		CHECK_EQ(futex(W1, nosys[i], 0, 0, W2, 0), -ENOSYS);
		CHECK_EQ(futex(W1, nosys[i] | FUTEX_PRIVATE_FLAG, 0, 0, W2, 0), -ENOSYS);
	}
	fh_proc_end();
}

TEST(futex_wake_op_ops)
{
	fh_proc_begin();
	wset(W2, 5);
	CHECK_EQ(futex(W1, FUTEX_WAKE_OP, 1, 1, W2, FUTEX_OP(FUTEX_OP_SET, 9, FUTEX_OP_CMP_EQ, 0)), 0);
	CHECK_EQ(wget(W2), 9);
	CHECK_EQ(futex(W1, FUTEX_WAKE_OP | FUTEX_PRIVATE_FLAG, 1, 1, W2, FUTEX_OP(FUTEX_OP_ADD, 3, 0, 0)), 0);
	CHECK_EQ(wget(W2), 12);
	CHECK_EQ(futex(W1, FUTEX_WAKE_OP, 1, 1, W2, FUTEX_OP(FUTEX_OP_OR, 0x10, 0, 0)), 0);
	CHECK_EQ(wget(W2), 0x1c);
	CHECK_EQ(futex(W1, FUTEX_WAKE_OP, 1, 1, W2, FUTEX_OP(FUTEX_OP_ANDN, 0x4, 0, 0)), 0);
	CHECK_EQ(wget(W2), 0x18);
	CHECK_EQ(futex(W1, FUTEX_WAKE_OP, 1, 1, W2, FUTEX_OP(FUTEX_OP_XOR, 0xff, 0, 0)), 0);
	CHECK_EQ(wget(W2), 0xe7);
	/* oparg is 12 bits, signed */
	CHECK_EQ(futex(W1, FUTEX_WAKE_OP, 1, 1, W2, FUTEX_OP(FUTEX_OP_ADD, -8, 0, 0)), 0);
	CHECK_EQ(wget(W2), 0xdf);
	CHECK_EQ(futex(W1, FUTEX_WAKE_OP, 1, 1, W2, FUTEX_OP(FUTEX_OP_SET, -1, 0, 0)), 0);
	CHECK_EQ(wget(W2), 0xffffffffu);
	/* FUTEX_OP_OPARG_SHIFT: oparg is 1 << oparg */
	CHECK_EQ(futex(W1, FUTEX_WAKE_OP, 1, 1, W2, FUTEX_OP(FUTEX_OP_SET | FUTEX_OP_OPARG_SHIFT, 4, 0, 0)), 0);
	CHECK_EQ(wget(W2), 16);
	CHECK_EQ(futex(W1, FUTEX_WAKE_OP, 1, 1, W2, FUTEX_OP(FUTEX_OP_OR | FUTEX_OP_OPARG_SHIFT, 31, 0, 0)), 0);
	CHECK_EQ(wget(W2), 0x80000010u);
	/* an unknown operation changes nothing; an unknown comparison comes after the operation (Linux) */
	CHECK_EQ(futex(W1, FUTEX_WAKE_OP, 1, 1, W2, FUTEX_OP(5, 1, 0, 0)), -ENOSYS);
	CHECK_EQ(futex(W1, FUTEX_WAKE_OP, 1, 1, W2, FUTEX_OP(7, 1, 0, 0)), -ENOSYS);
	CHECK_EQ(wget(W2), 0x80000010u);
	CHECK_EQ(futex(W1, FUTEX_WAKE_OP, 1, 1, W2, FUTEX_OP(FUTEX_OP_SET, 1, 6, 0)), -ENOSYS);
	CHECK_EQ(wget(W2), 1);
	fh_proc_end();
}

TEST(futex_wake_thread)
{
	struct peer a;

	fh_proc_begin();
	wset(W1, 0);
	CHECK_EQ(futex(W1, FUTEX_WAKE, 1, 0, 0, 0), 0);
	memset(&a, 0, sizeof(a));
	a.uaddr = W1;
	a.op = FUTEX_WAIT;
	peer_start(&a);
	wait_queued(W1, 1);
	CHECK(!peer_done(&a));
	wset(W1, 1);
	CHECK_EQ(futex(W1, FUTEX_WAKE, 1, 0, 0, 0), 1);
	peer_join(&a);
	CHECK_EQ(a.r, 0);
	CHECK_EQ(nqueued(W1), 0);
	fh_proc_end();
}

/* A wake that is not the futex's (kwakeup_thread, as a signal the thread
 * blocks might do) does not end the wait; a timed wait woken in time returns 0. */
TEST(futex_spurious_wakeup)
{
	struct peer a;

	fh_proc_begin();
	wset(W1, 0);
	memset(&a, 0, sizeof(a));
	a.uaddr = W1;
	a.op = WAIT_PRIV;
	put_ts(60, 0);
	a.timeout = TS;
	peer_start(&a);
	wait_queued(W1, 1);
	bkl_lock();
	for (int i = 0; i < NTHREAD; i++)
		if (threads[i].used && threads[i].tid == a.tid)
			kwakeup_thread(&threads[i]);
	bkl_unlock();
	usleep(20000);
	wait_queued(W1, 1);
	CHECK(!peer_done(&a));
	CHECK_EQ(futex(W1, WAKE_PRIV, 1, 0, 0, 0), 1);
	peer_join(&a);
	CHECK_EQ(a.r, 0);
	fh_proc_end();
}

/* Waiters wake oldest first, as many as asked; n <= 0 still wakes one (Linux). */
TEST(futex_wake_count_order)
{
	struct peer p[4];

	fh_proc_begin();
	wset(W1, 7);
	for (int i = 0; i < 4; i++)
		peer_wait(&p[i], W1, 7, FUTEX_BITSET_MATCH_ANY, i);
	CHECK_EQ(futex(W1, WAKE_PRIV, 1, 0, 0, 0), 1);
	peer_join(&p[0]);
	CHECK_EQ(p[0].r, 0);
	CHECK(!peer_done(&p[1]) && !peer_done(&p[2]) && !peer_done(&p[3]));
	CHECK_EQ(futex(W1, FUTEX_WAKE, 0, 0, 0, 0), 1);
	peer_join(&p[1]);
	CHECK_EQ(futex(W1 + 4, FUTEX_WAKE, INT_MAX, 0, 0, 0), 0); /* another word */
	CHECK_EQ(futex(W1, FUTEX_WAKE, INT_MAX, 0, 0, 0), 2);
	peer_join(&p[2]);
	peer_join(&p[3]);
	CHECK_EQ(p[1].r, 0);
	CHECK_EQ(p[2].r, 0);
	CHECK_EQ(p[3].r, 0);
	CHECK_EQ(futex(W1, FUTEX_WAKE, INT_MAX, 0, 0, 0), 0);
	fh_proc_end();
}

/* A futex belongs to its process: another process's wake at the same address
 * does not reach it. */
static long other_wake_r = -1;

static void other_wake(void *arg)
{
	other_wake_r = futex(W1, FUTEX_WAKE, INT_MAX, 0, 0, 0);
}

TEST(futex_keyed_by_process)
{
	struct peer a;

	fh_proc_begin();
	wset(W1, 0);
	peer_wait(&a, W1, 0, FUTEX_BITSET_MATCH_ANY, 0);
	struct child c = { .pid = child_fork(), .fn = other_wake };
	child_start(&c);
	child_join(&c);
	CHECK_EQ(other_wake_r, 0);
	CHECK_EQ(SC4(NR_wait4, c.pid, 0, 0, 0), c.pid);
	CHECK(!peer_done(&a));
	CHECK_EQ(nqueued(W1), 1);
	CHECK_EQ(futex(W1, FUTEX_WAKE, INT_MAX, 0, 0, 0), 1);
	peer_join(&a);
	fh_proc_end();
}

TEST(futex_bitset)
{
	struct peer a, b;

	fh_proc_begin();
	wset(W1, 0);
	peer_wait(&a, W1, 0, 0x1, 0);
	peer_wait(&b, W1, 0, 0x6, 1);
	CHECK_EQ(futex(W1, FUTEX_WAKE_BITSET, INT_MAX, 0, 0, 0x8), 0);
	CHECK_EQ(futex(W1, FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG, INT_MAX, 0, 0, 0x4), 1);
	peer_join(&b);
	CHECK_EQ(b.r, 0);
	CHECK(!peer_done(&a));
	CHECK_EQ(nqueued(W1), 1);
	/* FUTEX_WAKE matches any bitset */
	CHECK_EQ(futex(W1, FUTEX_WAKE, INT_MAX, 0, 0, 0), 1);
	peer_join(&a);
	CHECK_EQ(a.r, 0);
	/* and FUTEX_WAIT waits with every bit set */
	peer_wait(&a, W1, 0, FUTEX_BITSET_MATCH_ANY, 0);
	CHECK_EQ(futex(W1, FUTEX_WAKE_BITSET, INT_MAX, 0, 0, 0x80000000u), 1);
	peer_join(&a);
	fh_proc_end();
}

TEST(futex_requeue)
{
	struct peer p[4];

	fh_proc_begin();
	wset(W1, 3);
	wset(W2, 9);
	for (int i = 0; i < 4; i++)
		peer_wait(&p[i], W1, 3, 0x1, i);
	CHECK_EQ(futex(W1, FUTEX_CMP_REQUEUE, 1, 1, W2, 4), -EAGAIN);
	CHECK_EQ(nqueued(W1), 4);
	/* wake one, move one: both counted */
	CHECK_EQ(futex(W1, FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG, 1, 1, W2, 3), 2);
	peer_join(&p[0]);
	CHECK_EQ(nqueued(W1), 2);
	CHECK_EQ(nqueued(W2), 1);
	/* nothing to wake or move */
	CHECK_EQ(futex(W1, FUTEX_CMP_REQUEUE, 0, 0, W2, 3), 0);
	/* FUTEX_REQUEUE: no compare; moves behind uaddr2's own waiters */
	wset(W1, 100);
	CHECK_EQ(futex(W1, FUTEX_REQUEUE, 0, INT_MAX, W2, 0), 2);
	CHECK_EQ(nqueued(W1), 0);
	CHECK_EQ(nqueued(W2), 3);
	CHECK_EQ(futex(W1, FUTEX_WAKE, INT_MAX, 0, 0, 0), 0);
	/* the first moved (p[1]) is the oldest on W2; bitsets are kept */
	CHECK_EQ(futex(W2, FUTEX_WAKE_BITSET, 1, 0, 0, 0x2), 0);
	CHECK_EQ(futex(W2, FUTEX_WAKE_BITSET, 1, 0, 0, 0x1), 1);
	peer_join(&p[1]);
	CHECK(!peer_done(&p[2]) && !peer_done(&p[3]));
	/* requeue onto the same word */
	CHECK_EQ(futex(W2, FUTEX_REQUEUE, 0, INT_MAX, W2, 0), 2);
	CHECK_EQ(nqueued(W2), 2);
	CHECK_EQ(futex(W2, FUTEX_WAKE, INT_MAX, 0, 0, 0), 2);
	for (int i = 2; i < 4; i++) {
		peer_join(&p[i]);
		CHECK_EQ(p[i].r, 0);
	}
	fh_proc_end();
}

TEST(futex_wake_op_wakes)
{
	struct peer a, b;

	fh_proc_begin();
	wset(W1, 0);
	wset(W2, 0);
	/* SET 1 on W2, whose old value 0 == 0: wakes on both */
	peer_wait(&a, W1, 0, FUTEX_BITSET_MATCH_ANY, 0);
	peer_wait(&b, W2, 0, FUTEX_BITSET_MATCH_ANY, 0);
	CHECK_EQ(futex(W1, FUTEX_WAKE_OP, 1, 1, W2, FUTEX_OP(FUTEX_OP_SET, 1, FUTEX_OP_CMP_EQ, 0)), 2);
	peer_join(&a);
	peer_join(&b);
	CHECK_EQ(wget(W2), 1);
	/* signed comparison of the old value: -1 < 0 */
	wset(W2, 0xffffffffu);
	peer_wait(&b, W2, 0xffffffffu, FUTEX_BITSET_MATCH_ANY, 0);
	CHECK_EQ(futex(W1, FUTEX_WAKE_OP, 1, 1, W2, FUTEX_OP(FUTEX_OP_ADD, 0, FUTEX_OP_CMP_GT, 0)), 0);
	CHECK(!peer_done(&b));
	CHECK_EQ(futex(W1, FUTEX_WAKE_OP, 1, 1, W2, FUTEX_OP(FUTEX_OP_ADD, 0, FUTEX_OP_CMP_LT, 0)), 1);
	peer_join(&b);
	/* a miss wakes only uaddr's waiters */
	wset(W2, 4);
	peer_wait(&a, W1, 0, FUTEX_BITSET_MATCH_ANY, 0);
	peer_wait(&b, W2, 4, FUTEX_BITSET_MATCH_ANY, 0);
	CHECK_EQ(futex(W1, FUTEX_WAKE_OP, 5, 5, W2, FUTEX_OP(FUTEX_OP_ADD, 1, FUTEX_OP_CMP_GE, 5)), 1);
	peer_join(&a);
	CHECK(!peer_done(&b));
	CHECK_EQ(wget(W2), 5);
	CHECK_EQ(futex(W1, FUTEX_WAKE_OP, 5, 5, W2, FUTEX_OP(FUTEX_OP_ADD, 1, FUTEX_OP_CMP_GE, 5)), 1);
	peer_join(&b);
	CHECK_EQ(wget(W2), 6);
	fh_proc_end();
}

/* A caught signal ends a wait: untimed waits restart (-ERESTARTSYS), a
 * relative timed one fails with -EINTR, an absolute one restarts unless a
 * handler runs (-ERESTARTNOHAND). Seen inside the kernel, before the system
 * call exit turns them into a handler run. */
TEST(futex_signal_interrupts)
{
	struct wunix_sigaction act = { .sa_handler = 0x1234 };
	struct peer a;

	fh_proc_begin();
	memcpy(fh_u(ACT), &act, sizeof(act));
	CHECK_EQ(SC4(NR_rt_sigaction, SIGUSR1, ACT, 0, 8), 0);
	wset(W1, 0);
	for (int kind = 0; kind < 3; kind++) {
		memset(&a, 0, sizeof(a));
		a.uaddr = W1;
		a.direct = true;
		a.op = kind == 2 ? FUTEX_WAIT_BITSET : FUTEX_WAIT;
		a.val3 = FUTEX_BITSET_MATCH_ANY;
		if (kind == 1)
			put_ts(60, 0);
		else if (kind == 2)
			put_ts_ns(clock_ns(CLOCK_MONOTONIC) + 60000 * MS);
		a.timeout = kind ? TS : 0;
		peer_start(&a);
		wait_queued(W1, 1);
		CHECK_EQ(SC3(NR_tgkill, a.pid, a.tid, SIGUSR1), 0);
		peer_join(&a);
		CHECK_EQ(a.r, kind == 0 ? -ERESTARTSYS : kind == 1 ? -EINTR : -ERESTARTNOHAND);
		CHECK_EQ(nqueued(W1), 0);
	}
	fh_proc_end();
}

/* Thread exit with CLONE_CHILD_CLEARTID (set_tid_address): the word becomes 0
 * and its waiter (pthread_join's) wakes. */
static void exit_cleartid(struct peer *pe)
{
	SC1(NR_set_tid_address, CT);
	wait_queued(CT, 1);
}

TEST(futex_cleartid_wake)
{
	struct peer a;

	fh_proc_begin();
	memset(&a, 0, sizeof(a));
	a.fn = exit_cleartid;
	wset(CT, 12345);
	peer_start(&a);
	CHECK_EQ(futex(CT, FUTEX_WAIT, 12345, 0, 0, 0), 0);
	CHECK_EQ(wget(CT), 0);
	peer_join(&a);
	fh_proc_end();
}

/* A futex mutex (Drepper's "mutex3") under contention: every increment counted,
 * no wake-up lost (a lost one hangs the test). */
#define LOCKERS 4
#define ROUNDS 2000

static void mutex_lock(void)
{
	uint32_t *m = fh_u(MTX), c = 0;

	if (__atomic_compare_exchange_n(m, &c, 1, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
		return;
	if (c != 2)
		c = __atomic_exchange_n(m, 2, __ATOMIC_SEQ_CST);
	while (c != 0) {
		long r = futex(MTX, WAIT_PRIV, 2, 0, 0, 0);
		if (r && r != -EAGAIN)
			test_fail(__FILE__, __LINE__, "futex wait = %ld", r);
		c = __atomic_exchange_n(m, 2, __ATOMIC_SEQ_CST);
	}
}

static void mutex_unlock(void)
{
	uint32_t *m = fh_u(MTX);

	if (__atomic_fetch_sub(m, 1, __ATOMIC_SEQ_CST) != 1) {
		__atomic_store_n(m, 0, __ATOMIC_SEQ_CST);
		futex(MTX, WAKE_PRIV, 1, 0, 0, 0);
	}
}

static void locker(struct peer *pe)
{
	while (wget(GO) == 0)
		futex(GO, WAIT_PRIV, 0, 0, 0, 0);
	for (int i = 0; i < ROUNDS; i++) {
		mutex_lock();
		uint32_t *n = fh_u(COUNT);
		*n = *n + 1;
		mutex_unlock();
	}
}

TEST(futex_mutex_contention)
{
	struct peer p[LOCKERS];

	fh_proc_begin();
	wset(MTX, 0);
	wset(COUNT, 0);
	wset(GO, 0);
	for (int i = 0; i < LOCKERS; i++) {
		memset(&p[i], 0, sizeof(p[i]));
		p[i].fn = locker;
		peer_start(&p[i]);
	}
	/* all start together (and no CPU slot is reused while one is being released) */
	wait_queued(GO, LOCKERS);
	wset(GO, 1);
	CHECK_EQ(futex(GO, WAKE_PRIV, INT_MAX, 0, 0, 0), LOCKERS);
	for (int i = 0; i < LOCKERS; i++)
		peer_join(&p[i]);
	CHECK_EQ(wget(COUNT), LOCKERS * ROUNDS);
	CHECK_EQ(wget(MTX), 0);
	CHECK_EQ(nqueued(MTX), 0);
	fh_proc_end();
}

static uint32_t u32at(uint32_t u)
{
	uint32_t v;
	memcpy(&v, fh_u(u), 4);
	return v;
}

static void robust_set(struct peer *pe)
{
	CHECK_EQ(SC2(NR_set_robust_list, 0x40000, 12), 0);
	pe->r = futex(W1, FUTEX_WAIT, 0, 0, 0, 0);
}

TEST(futex_robust_list)
{
	struct peer a;

	int pid = fh_proc_begin();
	memset(fh_u(RL), 0xa5, 8);
	CHECK_EQ(SC3(NR_get_robust_list, 0, RL, RL + 4), 0);
	CHECK_EQ(u32at(RL), 0); /* none yet */
	CHECK_EQ(u32at(RL + 4), 12);
	CHECK_EQ(SC2(NR_set_robust_list, 0x30400, 24), -EINVAL);
	CHECK_EQ(SC2(NR_set_robust_list, 0x30400, 0), -EINVAL);
	CHECK_EQ(SC2(NR_set_robust_list, 0x30400, 12), 0);
	CHECK_EQ(SC3(NR_get_robust_list, 0, RL, RL + 4), 0);
	CHECK_EQ(u32at(RL), 0x30400);
	CHECK_EQ(SC3(NR_get_robust_list, pid, RL + 8, RL + 12), 0);
	CHECK_EQ(u32at(RL + 8), 0x30400);
	CHECK_EQ(u32at(RL + 12), 12);
	CHECK_EQ(SC3(NR_get_robust_list, 0, RL, 0), -EFAULT);
	CHECK_EQ(SC3(NR_get_robust_list, 0, BEYOND, RL + 4), -EFAULT);
	CHECK_EQ(SC3(NR_get_robust_list, I32(-1), RL, RL + 4), -ESRCH);
	CHECK_EQ(SC3(NR_get_robust_list, 0x7ffffff, RL, RL + 4), -ESRCH);
	/* another thread's, by tid; each thread has its own */
	wset(W1, 0);
	memset(&a, 0, sizeof(a));
	a.fn = robust_set;
	peer_start(&a);
	wait_queued(W1, 1);
	CHECK_EQ(SC3(NR_get_robust_list, a.tid, RL, RL + 4), 0);
	CHECK_EQ(u32at(RL), 0x40000);
	CHECK_EQ(SC3(NR_get_robust_list, 0, RL, RL + 4), 0);
	CHECK_EQ(u32at(RL), 0x30400);
	CHECK_EQ(futex(W1, FUTEX_WAKE, 1, 0, 0, 0), 1);
	peer_join(&a);
	CHECK_EQ(SC3(NR_get_robust_list, a.tid, RL, RL + 4), -ESRCH); /* gone */
	/* a forked child starts without one; another user's is -EPERM */
	int c = child_fork();
	CHECK_EQ(SC3(NR_get_robust_list, c, RL, RL + 4), 0);
	CHECK_EQ(u32at(RL), 0);
	CHECK_EQ(SC3(NR_setresuid, 1000, 1000, 1000), 0);
	CHECK_EQ(SC3(NR_get_robust_list, c, RL, RL + 4), -EPERM);
	bkl_lock();
	struct cred *cr = &proc_find(c)->cred;
	cr->ruid = cr->euid = cr->suid = cr->fsuid = 1000;
	bkl_unlock();
	CHECK_EQ(SC3(NR_get_robust_list, c, RL, RL + 4), 0);
	child_exit(c, 0);
	CHECK_EQ(SC4(NR_wait4, c, 0, 0, 0), c);
	fh_proc_end();
}
