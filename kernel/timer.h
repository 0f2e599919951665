/* kernel/timer.h -- signal timers (timer.c). */
#ifndef WUNIX_KERNEL_TIMER_H
#define WUNIX_KERNEL_TIMER_H

struct proc;
/* fork: the child c starts with no timers (POSIX: neither alarms nor POSIX
 * timers are inherited); drops any a reused slot could hold. BKL held. */
void timer_fork(struct proc *c);
/* exec: POSIX timers are deleted, the interval timers (alarm) are kept. BKL held. */
void timer_exec(struct proc *p);
/* exit: every timer of p is deleted. BKL held. */
void timer_exit(struct proc *p);

#endif
