/* wunix/time.h -- clock ids and the time structures the kernel reads and writes. */
#ifndef WUNIX_TIME_H
#define WUNIX_TIME_H

#include <stdint.h>

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define CLOCK_REALTIME_ALARM 8
#define CLOCK_BOOTTIME_ALARM 9
#define CLOCK_TAI 11

#define TIMER_ABSTIME 1

/* 64-bit time_t everywhere; tv_nsec is a 32-bit long followed by padding (16 bytes). */
struct wunix_timespec {
	int64_t tv_sec;
	int32_t tv_nsec;
	int32_t pad;
};

/* struct timeval: 64-bit tv_sec, then suseconds_t (64-bit in musl with time64): 16 bytes. */
struct wunix_timeval {
	int64_t tv_sec;
	int64_t tv_usec;
};

struct wunix_timezone {
	int32_t tz_minuteswest;
	int32_t tz_dsttime;
};

#endif
