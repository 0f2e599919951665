/* kernel/poll.c -- poll, ppoll, select and pselect6 on one core: evaluate every
 * file's poll op; if nothing is ready, put one wait entry per file on the file's
 * wait queue (all pointing at this call's channel) and sleep until one of them
 * is woken or the timeout passes, then evaluate again. */
#include "kpoll.h"
#include "fd.h"
#include "kalloc.h"
#include "klib.h"
#include "ksignal.h"
#include "ktime.h"
#include "lock.h"
#include "param.h"
#include "proc.h"
#include "syscall.h"
#include "usercopy.h"
#include "waitq.h"
#include <wunix/errno.h>
#include <wunix/poll.h>

uint32_t file_poll(struct file *f)
{
	if (!f->ops->poll)
		return POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM; /* regular files never block */
	return f->ops->poll(f);
}

struct waitq *file_pollq(struct file *f)
{
	return f->ops->pollq ? f->ops->pollq(f) : NULL;
}

long poll_ts_copyin(uaddr_t u, int64_t *ns)
{
	struct {
		int64_t sec;
		uint32_t nsec; /* a 64-bit tv_nsec's upper half, or struct timespec's padding */
		uint32_t upper;
	} ts;

	if (copyin(&ts, u, sizeof(ts)))
		return -EFAULT;
	if (ts.sec < 0 || ts.nsec >= NSEC_PER_SEC)
		return -EINVAL;
	*ns = ts.sec >= INT64_MAX / NSEC_PER_SEC ? INT64_MAX : ts.sec * NSEC_PER_SEC + ts.nsec;
	return 0;
}

void poll_ts_copyout(uaddr_t u, int64_t ns)
{
	int64_t ts[2] = { ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };

	/* Linux ignores a fault here: the wait itself succeeded */
	(void)copyout(u, ts, sizeof(ts));
}

long poll_set_sigmask(uaddr_t umask, sarg_t size)
{
	struct thread *t = curthread();
	uint64_t m;

	if (!umask)
		return 0;
	if ((uint64_t)size != WUNIX_SIGSET_SIZE)
		return -EINVAL;
	if (copyin(&m, umask, sizeof(m)))
		return -EFAULT;
	if (!t->sigmask_restore) {
		t->sigmask_saved = t->sigmask;
		t->sigmask_restore = true;
	}
	t->sigmask = m & ~SIG_UNBLOCKABLE;
	return 0;
}

int64_t poll_deadline(int64_t timeout_ns)
{
	int64_t now = ktime_mono();

	if (timeout_ns <= 0)
		return timeout_ns < 0 ? -1 : 0;
	return timeout_ns > INT64_MAX - now ? INT64_MAX : MAX(now + timeout_ns, 1);
}

/* One file a poll or select call watches. */
struct pollent {
	struct file *f;   /* a reference; NULL: ignored (poll's negative fd) or POLLNVAL */
	bool nval;
	uint32_t events;  /* what is asked, POLLERR and POLLHUP included where they count */
	uint32_t revents;
	struct wq_entry e;
};

/* Waits until one of pe[0..n) is ready or *timeout_ns (< 0: none) passed;
 * leaves the time still to go in *timeout_ns. Returns how many are ready.
 * BKL held; may sleep. */
static long poll_core(struct pollent *pe, int n, int64_t *timeout_ns)
{
	int64_t deadline = poll_deadline(*timeout_ns);
	const void *chan = &deadline; /* this call's own channel, also for n == 0 */
	bool armed = false;
	long ready;

	for (;;) {
		ready = 0;
		for (int i = 0; i < n; i++) {
			if (pe[i].nval)
				pe[i].revents = POLLNVAL;
			else if (pe[i].f)
				pe[i].revents = file_poll(pe[i].f) & pe[i].events;
			if (pe[i].revents)
				ready++;
		}
		if (ready || deadline == 0)
			break;
		int64_t left = -1;
		if (deadline > 0 && (left = deadline - ktime_mono()) <= 0)
			break;
		if (!armed) {
			for (int i = 0; i < n; i++) {
				struct waitq *q = pe[i].f ? file_pollq(pe[i].f) : NULL;
				if (!q)
					continue;
				pe[i].e.interest = pe[i].events;
				pe[i].e.func = waitq_wake_chan;
				pe[i].e.chan = chan;
				waitq_add(q, &pe[i].e);
			}
			armed = true;
		}
		if (ksleep_sig(chan, left) == -ERESTARTSYS) {
			ready = -ERESTARTNOHAND; /* Linux: never restarted after a handler */
			break;
		}
	}
	for (int i = 0; armed && i < n; i++)
		waitq_del(&pe[i].e);
	if (deadline > 0) {
		int64_t left = deadline - ktime_mono();
		*timeout_ns = left > 0 ? left : 0;
	}
	return ready;
}

static void pollents_put(struct pollent *pe, int n)
{
	for (int i = 0; i < n; i++)
		if (pe[i].f)
			file_put(pe[i].f);
	kfree(pe);
}

/* ppoll(fds, nfds, tsp, sigmask, sigsetsize) */
long sys_ppoll(const sarg_t *a)
{
	uaddr_t ufds = (uaddr_t)a[0], uts = (uaddr_t)a[2];
	uint64_t nfds = (uint64_t)a[1];
	struct wunix_pollfd *fds = NULL;
	struct pollent *pe = NULL;
	int64_t timeout = -1;
	int n = (int)nfds;
	long r;

	if (nfds > (uint64_t)proc_nofile(curproc()))
		return -EINVAL; /* Linux's RLIMIT_NOFILE check */
	if (uts && (r = poll_ts_copyin(uts, &timeout)))
		return r;
	if ((r = poll_set_sigmask((uaddr_t)a[3], a[4])))
		return r;
	r = -ENOMEM;
	if (n && (!(fds = kalloc(sizeof(*fds) * (size_t)n)) || !(pe = kalloc(sizeof(*pe) * (size_t)n))))
		goto fail;
	r = -EFAULT;
	if (n && copyin(fds, ufds, sizeof(*fds) * (size_t)n))
		goto fail;
	for (int i = 0; i < n; i++) {
		if (fds[i].fd < 0)
			continue;
		struct file *f = fd_lookup(fds[i].fd);
		if (!f) {
			pe[i].nval = true;
			continue;
		}
		pe[i].f = file_get(f);
		pe[i].events = (uint16_t)fds[i].events | POLLERR | POLLHUP;
	}
	int64_t t0 = timeout;
	r = poll_core(pe, n, &timeout);
	for (int i = 0; i < n; i++)
		fds[i].revents = (int16_t)pe[i].revents;
	if (n && copyout(ufds, fds, sizeof(*fds) * (size_t)n)) {
		r = -EFAULT;
		goto fail;
	}
	if (uts && t0 > 0)
		poll_ts_copyout(uts, timeout);
fail:
	if (pe)
		pollents_put(pe, n);
	kfree(fds);
	return r;
}

#define SEL_IN (POLLIN | POLLRDNORM | POLLRDBAND | POLLHUP | POLLERR)
#define SEL_OUT (POLLOUT | POLLWRNORM | POLLWRBAND | POLLERR)
#define SEL_EX POLLPRI

/* pselect6(n, in, out, ex, tsp, {sigmask, sigsetsize}) */
long sys_pselect6(const sarg_t *a)
{
	static const uint32_t want[3] = { SEL_IN, SEL_OUT, SEL_EX };
	int n = (int)a[0];
	uaddr_t uset[3] = { (uaddr_t)a[1], (uaddr_t)a[2], (uaddr_t)a[3] };
	uaddr_t uts = (uaddr_t)a[4], usig = (uaddr_t)a[5];
	uint32_t set[3][NOFILE / 32], out[3][NOFILE / 32];
	struct pollent *pe = NULL;
	int64_t timeout = -1;
	int npe = 0;
	long r;

	if (n < 0)
		return -EINVAL;
	if (n > NOFILE)
		n = NOFILE; /* no descriptor lies beyond: Linux clamps to the table size */
	size_t bytes = (size_t)(n + 31) / 32 * 4;
	memset(set, 0, sizeof(set));
	memset(out, 0, sizeof(out));
	for (int k = 0; k < 3; k++)
		if (uset[k] && copyin(set[k], uset[k], bytes))
			return -EFAULT;
	if (uts && (r = poll_ts_copyin(uts, &timeout)))
		return r;
	if (usig) {
		uint64_t sig[2]; /* musl passes { mask pointer, size } as two syscall_arg_t */
		if (copyin(sig, usig, sizeof(sig)))
			return -EFAULT;
		if ((r = poll_set_sigmask((uaddr_t)sig[0], (sarg_t)sig[1])))
			return r;
	}
	for (int fd = 0; fd < n; fd++) {
		uint32_t bit = 1u << (fd % 32);
		if ((set[0][fd / 32] | set[1][fd / 32] | set[2][fd / 32]) & bit) {
			if (!fd_lookup(fd))
				return -EBADF;
			npe++;
		}
	}
	if (npe && !(pe = kalloc(sizeof(*pe) * (size_t)npe)))
		return -ENOMEM;
	for (int fd = 0, i = 0; fd < n; fd++) {
		uint32_t bit = 1u << (fd % 32), ev = 0;
		for (int k = 0; k < 3; k++)
			if (set[k][fd / 32] & bit)
				ev |= want[k];
		if (!ev)
			continue;
		pe[i].f = file_get(fd_lookup(fd));
		pe[i].events = ev;
		pe[i].e.priv = (void *)(uintptr_t)fd;
		i++;
	}
	int64_t t0 = timeout;
	if ((r = poll_core(pe, npe, &timeout)) < 0)
		goto fail; /* interrupted: the sets are left as they were */
	r = 0;
	for (int i = 0; i < npe; i++) {
		int fd = (int)(uintptr_t)pe[i].e.priv;
		uint32_t bit = 1u << (fd % 32);
		for (int k = 0; k < 3; k++)
			if ((set[k][fd / 32] & bit) && (pe[i].revents & want[k])) {
				out[k][fd / 32] |= bit;
				r++;
			}
	}
	for (int k = 0; k < 3; k++)
		if (uset[k] && copyout(uset[k], out[k], bytes)) {
			r = -EFAULT;
			goto fail;
		}
	if (uts && t0 > 0)
		poll_ts_copyout(uts, timeout);
fail:
	if (pe)
		pollents_put(pe, npe);
	return r;
}
