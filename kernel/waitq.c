/* kernel/waitq.c -- wait queues for readiness (see waitq.h). */
#include "waitq.h"
#include "klib.h"
#include "lock.h"
#include <wunix/poll.h>

void waitq_add(struct waitq *q, struct wq_entry *e)
{
	KASSERT(bkl_held() && !e->q);
	e->q = q;
	e->prev = NULL;
	e->next = q->head;
	if (q->head)
		q->head->prev = e;
	q->head = e;
}

void waitq_del(struct wq_entry *e)
{
	KASSERT(bkl_held());
	if (!e->q)
		return;
	if (e->prev)
		e->prev->next = e->next;
	else
		e->q->head = e->next;
	if (e->next)
		e->next->prev = e->prev;
	e->q = NULL;
	e->next = e->prev = NULL;
}

void waitq_wake(struct waitq *q, uint32_t events)
{
	KASSERT(bkl_held());
	/* a callback may take its own entry off the queue, not others */
	for (struct wq_entry *e = q->head, *next; e; e = next) {
		next = e->next;
		if (events & (e->interest | POLLERR | POLLHUP))
			e->func(e, events);
	}
}

void waitq_wake_chan(struct wq_entry *e, uint32_t events)
{
	(void)events;
	kwakeup(e->chan);
}
