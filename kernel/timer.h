/* kernel/timer.h -- signal timers (timer.c). */
#ifndef WUNIX_KERNEL_TIMER_H
#define WUNIX_KERNEL_TIMER_H

struct proc;
/* exec: POSIX timers are deleted, the interval timers (alarm) are kept. BKL held. */
void timer_exec(struct proc *p);
/* exit: every timer of p is deleted. BKL held. */
void timer_exit(struct proc *p);

#endif
