/* kernel/ktime.h -- kernel clocks. */
#ifndef WUNIX_KTIME_H
#define WUNIX_KTIME_H

#include "types.h"

#define NSEC_PER_SEC 1000000000ll

/* Records the real time at boot (from the host). Once, at boot. */
void time_init(double rt_sec, int rt_nsec);
/* The host's monotonic clock in nanoseconds, shared by every CPU. */
int64_t ktime_mono(void);
/* Reads clock id in nanoseconds: 0 or -EINVAL. BKL held. */
long ktime_read(int clock, int64_t *ns);

/* Sleeps until the monotonic clock reaches deadline: 0, or -EINTR with *left
 * the time still to go. BKL held; may sleep. */
long kern_sleep_until(int64_t deadline, int64_t *left);

#endif
