/* wunix/timer.h -- interval timers (setitimer) and POSIX timers (timer_create):
 * constants and the layouts musl's wasm32 wrappers pass. */
#ifndef WUNIX_TIMER_H
#define WUNIX_TIMER_H

#include <stdint.h>

#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2

#define SIGEV_SIGNAL 0
#define SIGEV_NONE 1
#define SIGEV_THREAD 2     /* musl runs it with SIGEV_THREAD_ID and a helper thread */
#define SIGEV_THREAD_ID 4

/* setitimer and getitimer: musl with a 64-bit time_t and a 32-bit long passes
 * the old struct of four longs: interval, then value, each seconds then
 * microseconds (16 bytes). */
struct wunix_itimerval32 {
	int32_t interval_sec, interval_usec;
	int32_t value_sec, value_usec;
};

/* struct itimerspec: two wunix_timespec (time.h), interval then value (32
 * bytes). musl's timer_settime passes it as is: our syscall table has no
 * timer_settime64. */
struct wunix_itimerspec {
	int64_t interval_sec;
	int32_t interval_nsec, pad0;
	int64_t value_sec;
	int32_t value_nsec, pad1;
};

/* The sigevent musl's timer_create passes to the kernel (16 bytes, not the
 * 64-byte struct sigevent): sigev_value (a 32-bit union sigval), sigev_signo,
 * sigev_notify, and the thread of SIGEV_THREAD_ID. */
struct wunix_ksigevent {
	uint32_t value;
	int32_t signo;
	int32_t notify;
	int32_t tid;
};

#endif
