/* kernel/epoll.c -- epoll: an interest list of (descriptor, file) items, each
 * with a wait entry on its file's wait queue. A wake-up moves the item to the
 * ready list and wakes the epoll's waiters; epoll_pwait re-checks the ready
 * items, reports those that hold, and drops the rest. Level-triggered items
 * stay on the ready list after being reported; EPOLLET and EPOLLONESHOT items
 * leave it (a one-shot item also stops listening until EPOLL_CTL_MOD).
 * As on Linux, an item lives as long as its file (not its descriptor). */
#include "epoll.h"
#include "fd.h"
#include "kalloc.h"
#include "klib.h"
#include "kpoll.h"
#include "ktime.h"
#include "lock.h"
#include "proc.h"
#include "syscall.h"
#include "usercopy.h"
#include "waitq.h"
#include <limits.h>
#include <wunix/errno.h>
#include <wunix/poll.h>

#define EP_MAX_NESTS 4 /* epoll sets inside epoll sets, as Linux */
#define EP_FLAGS (EPOLLET | EPOLLONESHOT | EPOLLEXCLUSIVE | EPOLLWAKEUP)

/* BKL held for every field. Waiters in epoll_pwait sleep on the eventpoll. */
struct eventpoll {
	struct epitem *items;      /* the interest list */
	struct epitem *rhead, *rtail;
	int waiters;               /* threads in epoll_pwait */
	struct waitq pollq;        /* poll/select/epoll watching this epoll file */
};

struct epitem {
	struct eventpoll *ep;
	struct file *f;            /* not a reference: the item goes with the file */
	int fd;
	uint32_t events;           /* EPOLL* asked for, EPOLLERR|EPOLLHUP added */
	uint64_t data;
	bool ready;                /* on the ready list */
	bool disabled;             /* a one-shot item that fired */
	struct epitem *next, *prev;   /* ep->items */
	struct epitem *rnext, *rprev; /* the ready list */
	struct epitem *fnext;         /* f->epitems */
	struct wq_entry e;
};

static const struct file_ops epoll_ops;

static void ready_add(struct eventpoll *ep, struct epitem *it)
{
	if (it->ready)
		return;
	it->ready = true;
	it->rnext = NULL;
	it->rprev = ep->rtail;
	if (ep->rtail)
		ep->rtail->rnext = it;
	else
		ep->rhead = it;
	ep->rtail = it;
}

static void ready_del(struct eventpoll *ep, struct epitem *it)
{
	if (!it->ready)
		return;
	if (it->rprev)
		it->rprev->rnext = it->rnext;
	else
		ep->rhead = it->rnext;
	if (it->rnext)
		it->rnext->rprev = it->rprev;
	else
		ep->rtail = it->rprev;
	it->ready = false;
	it->rnext = it->rprev = NULL;
}

static void ep_wake(struct eventpoll *ep)
{
	if (ep->waiters)
		kwakeup(ep);
	if (waitq_active(&ep->pollq))
		waitq_wake(&ep->pollq, POLLIN | POLLRDNORM);
}

/* The watched file's readiness may have changed. An item already on the
 * ready list has woken the waiters since they last looked at it, so it needs
 * nothing more (which also ends wake-ups going round nested epoll sets). */
static void ep_callback(struct wq_entry *e, uint32_t events)
{
	struct epitem *it = e->priv;

	(void)events;
	if (it->disabled || it->ready)
		return;
	ready_add(it->ep, it);
	ep_wake(it->ep);
}

/* Takes it out of its epoll set and its file's list, and frees it. */
static void item_free(struct epitem *it, bool unlink_file)
{
	struct eventpoll *ep = it->ep;

	waitq_del(&it->e);
	ready_del(ep, it);
	if (it->prev)
		it->prev->next = it->next;
	else
		ep->items = it->next;
	if (it->next)
		it->next->prev = it->prev;
	if (unlink_file)
		for (struct epitem **pp = &it->f->epitems; *pp; pp = &(*pp)->fnext)
			if (*pp == it) {
				*pp = it->fnext;
				break;
			}
	kfree(it);
}

void epoll_file_gone(struct file *f)
{
	KASSERT(bkl_held());
	while (f->epitems) {
		struct epitem *it = f->epitems;
		f->epitems = it->fnext;
		item_free(it, false);
	}
}

static uint32_t ep_poll(struct file *f)
{
	struct eventpoll *ep = f->priv;

	for (struct epitem *it = ep->rhead; it; it = it->rnext)
		if (file_poll(it->f) & it->events)
			return POLLIN | POLLRDNORM;
	return 0;
}

static struct waitq *ep_pollq(struct file *f)
{
	return &((struct eventpoll *)f->priv)->pollq;
}

static void ep_close(struct file *f)
{
	struct eventpoll *ep = f->priv;

	while (ep->items)
		item_free(ep->items, true);
	KASSERT(!waitq_active(&ep->pollq));
	kfree(ep);
}

static const struct file_ops epoll_ops = {
	.poll = ep_poll,
	.pollq = ep_pollq,
	.close = ep_close,
};

static struct epitem *item_find(struct eventpoll *ep, struct file *f, int fd)
{
	for (struct epitem *it = ep->items; it; it = it->next)
		if (it->f == f && it->fd == fd)
			return it;
	return NULL;
}

/* Whether ep can be reached from the epoll set inner within depth levels
 * (a loop), or the nesting is too deep. */
static bool ep_loops(struct eventpoll *inner, struct eventpoll *ep, int depth)
{
	if (inner == ep || depth > EP_MAX_NESTS)
		return true;
	for (struct epitem *it = inner->items; it; it = it->next)
		if (it->f->ops == &epoll_ops && ep_loops(it->f->priv, ep, depth + 1))
			return true;
	return false;
}

/* Re-checks it now and queues it if it holds. */
static void item_check(struct eventpoll *ep, struct epitem *it)
{
	if (!it->disabled && (file_poll(it->f) & it->events) && !it->ready) {
		ready_add(ep, it);
		ep_wake(ep);
	}
}

long sys_epoll_create1(const sarg_t *a)
{
	int flags = (int)a[0];
	struct eventpoll *ep;
	struct file *f;

	if (flags & ~EPOLL_CLOEXEC)
		return -EINVAL;
	if (!(ep = kalloc(sizeof(*ep))))
		return -ENOMEM;
	if (!(f = file_alloc(&epoll_ops, 02 /* O_RDWR */, ep))) {
		kfree(ep);
		return -ENOMEM;
	}
	return fd_install(curproc(), f, 0, flags & EPOLL_CLOEXEC);
}

/* epoll_ctl(epfd, op, fd, event) */
long sys_epoll_ctl(const sarg_t *a)
{
	int op = (int)a[1], fd = (int)a[2];
	struct file *epf = fd_lookup((int)a[0]), *f = fd_lookup(fd);
	struct wunix_epoll_event ev = { 0, 0, 0 };

	if (!epf || !f)
		return -EBADF;
	if (op != EPOLL_CTL_DEL && copyin(&ev, (uaddr_t)a[3], sizeof(ev)))
		return -EFAULT;
	if (epf->ops != &epoll_ops || f == epf)
		return -EINVAL;
	if (!f->ops->poll)
		return -EPERM; /* regular files and directories, as Linux */
	struct eventpoll *ep = epf->priv;
	struct epitem *it = item_find(ep, f, fd);
	switch (op) {
	case EPOLL_CTL_ADD:
		if (it)
			return -EEXIST;
		if (f->ops == &epoll_ops && ep_loops(f->priv, ep, 1))
			return -ELOOP;
		if (!(it = kalloc(sizeof(*it))))
			return -ENOMEM;
		it->ep = ep;
		it->f = f;
		it->fd = fd;
		it->events = ev.events | POLLERR | POLLHUP;
		it->data = ev.data;
		it->next = ep->items;
		if (ep->items)
			ep->items->prev = it;
		ep->items = it;
		it->fnext = f->epitems;
		f->epitems = it;
		it->e.interest = it->events & ~EP_FLAGS;
		it->e.func = ep_callback;
		it->e.priv = it;
		struct waitq *q = file_pollq(f);
		if (q)
			waitq_add(q, &it->e);
		item_check(ep, it);
		return 0;
	case EPOLL_CTL_MOD:
		if (!it)
			return -ENOENT;
		if ((ev.events & EPOLLEXCLUSIVE) || (it->events & EPOLLEXCLUSIVE))
			return -EINVAL;
		it->events = ev.events | POLLERR | POLLHUP;
		it->e.interest = it->events & ~EP_FLAGS;
		it->data = ev.data;
		it->disabled = false;
		ready_del(ep, it);
		item_check(ep, it);
		return 0;
	case EPOLL_CTL_DEL:
		if (!it)
			return -ENOENT;
		item_free(it, true);
		return 0;
	default:
		return -EINVAL;
	}
}

/* Reports up to max ready items at uev: how many, or -EFAULT. */
static long ep_collect(struct eventpoll *ep, uaddr_t uev, int max)
{
	int n = 0;
	struct epitem *last = ep->rtail;

	for (struct epitem *it = ep->rhead, *next; it && n < max; it = next) {
		next = it->rnext;
		bool final = it == last; /* items moved to the tail are not seen twice */
		uint32_t rev = file_poll(it->f) & it->events & ~EP_FLAGS;
		if (!rev) {
			ready_del(ep, it);
		} else {
			struct wunix_epoll_event ev = { rev, 0, it->data };
			if (copyout(uev + (uaddr_t)n * sizeof(ev), &ev, sizeof(ev)))
				return n ? n : -EFAULT;
			n++;
			ready_del(ep, it);
			if (it->events & EPOLLONESHOT)
				it->disabled = true;
			else if (!(it->events & EPOLLET))
				ready_add(ep, it); /* level-triggered: look again next time */
		}
		if (final)
			break;
	}
	return n;
}

/* The core of epoll_pwait and epoll_pwait2. BKL held; may sleep. */
static long ep_wait(int epfd, uaddr_t uev, int max, int64_t timeout_ns, uaddr_t umask, sarg_t size)
{
	struct file *epf = fd_lookup(epfd);
	long r;

	if (!epf)
		return -EBADF;
	if (epf->ops != &epoll_ops || max <= 0 || max > INT_MAX / (int)sizeof(struct wunix_epoll_event))
		return -EINVAL;
	if (!uaddr_range_ok(uev, (uint64_t)max * sizeof(struct wunix_epoll_event)))
		return -EFAULT;
	if ((r = poll_set_sigmask(umask, size)))
		return r;
	struct eventpoll *ep = file_get(epf)->priv;
	int64_t deadline = poll_deadline(timeout_ns);
	for (;;) {
		r = ep_collect(ep, uev, max);
		if (r || deadline == 0)
			break;
		int64_t left = -1;
		if (deadline > 0 && (left = deadline - ktime_mono()) <= 0)
			break;
		ep->waiters++;
		int s = ksleep_sig(ep, left);
		ep->waiters--;
		if (s == -ERESTARTSYS) {
			r = -ERESTARTNOHAND;
			break;
		}
	}
	file_put(epf);
	return r;
}

/* epoll_pwait(epfd, events, maxevents, timeout_ms, sigmask, sigsetsize) */
long sys_epoll_pwait(const sarg_t *a)
{
	int ms = (int)a[3];

	return ep_wait((int)a[0], (uaddr_t)a[1], (int)a[2], ms < 0 ? -1 : (int64_t)ms * 1000000,
	               (uaddr_t)a[4], a[5]);
}

/* epoll_pwait2(epfd, events, maxevents, timeout timespec, sigmask, sigsetsize) */
long sys_epoll_pwait2(const sarg_t *a)
{
	int64_t timeout = -1;
	long r;

	if (a[3] && (r = poll_ts_copyin((uaddr_t)a[3], &timeout)))
		return r;
	return ep_wait((int)a[0], (uaddr_t)a[1], (int)a[2], timeout, (uaddr_t)a[4], a[5]);
}
