/* kernel/waitq.h -- wait queues: where pollers (poll, select, epoll) wait for a
 * file's readiness to change. A file's owner calls waitq_wake with the events
 * that may have become true; every entry whose interest meets them runs its
 * callback (a poller's wakes its thread, epoll's queues the item). Threads
 * blocked in read/write keep using ksleep/kwakeup on their own channels. */
#ifndef WUNIX_WAITQ_H
#define WUNIX_WAITQ_H

#include "types.h"

struct wq_entry;
typedef void (*wq_func)(struct wq_entry *e, uint32_t events);

/* BKL held for every field. */
struct wq_entry {
	struct wq_entry *next, *prev;
	struct waitq *q;      /* the queue it is on, or NULL */
	uint32_t interest;    /* POLL* events the waiter cares about (POLLERR|POLLHUP always) */
	wq_func func;
	const void *chan;     /* for waitq_wake_chan: what to kwakeup */
	void *priv;           /* the owner's object (an epoll item) */
};

struct waitq {
	struct wq_entry *head;
};

/* Puts e (not on any queue) on q. BKL held. */
void waitq_add(struct waitq *q, struct wq_entry *e);
/* Takes e off its queue, if it is on one. BKL held. */
void waitq_del(struct wq_entry *e);
/* Runs the callback of every entry of q interested in events. BKL held. */
void waitq_wake(struct waitq *q, uint32_t events);
/* Whether anyone waits on q (lets owners skip computing events). BKL held. */
static inline bool waitq_active(const struct waitq *q)
{
	return q->head != NULL;
}
/* A callback that kwakeups e->chan (what poll and select use). */
void waitq_wake_chan(struct wq_entry *e, uint32_t events);

#endif
