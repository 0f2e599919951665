/* wunix/resource.h -- resource limits and usage: prlimit64, getrlimit,
 * setrlimit, getrusage, wait4's rusage and times, with wasm32 sizes. */
#ifndef WUNIX_RESOURCE_H
#define WUNIX_RESOURCE_H

#include <stdint.h>

#define WUNIX_RLIMIT_CPU 0
#define WUNIX_RLIMIT_FSIZE 1
#define WUNIX_RLIMIT_DATA 2
#define WUNIX_RLIMIT_STACK 3
#define WUNIX_RLIMIT_CORE 4
#define WUNIX_RLIMIT_RSS 5
#define WUNIX_RLIMIT_NPROC 6
#define WUNIX_RLIMIT_NOFILE 7
#define WUNIX_RLIMIT_MEMLOCK 8
#define WUNIX_RLIMIT_AS 9
#define WUNIX_RLIMIT_LOCKS 10
#define WUNIX_RLIMIT_SIGPENDING 11
#define WUNIX_RLIMIT_MSGQUEUE 12
#define WUNIX_RLIMIT_NICE 13
#define WUNIX_RLIMIT_RTPRIO 14
#define WUNIX_RLIMIT_RTTIME 15
#define WUNIX_RLIM_NLIMITS 16

#define WUNIX_RLIM_INFINITY (~(uint64_t)0)
#define WUNIX_RLIM32_INFINITY 0xffffffffu /* getrlimit/setrlimit's 32-bit unsigned long */

#define WUNIX_RUSAGE_SELF 0
#define WUNIX_RUSAGE_CHILDREN (-1)
#define WUNIX_RUSAGE_THREAD 1

/* prlimit64's struct rlimit64 (16 bytes). */
struct wunix_rlimit {
	uint64_t rlim_cur;
	uint64_t rlim_max;
};

/* getrlimit/setrlimit's struct rlimit: two unsigned longs (8 bytes on wasm32). */
struct wunix_rlimit32 {
	uint32_t rlim_cur;
	uint32_t rlim_max;
};

/* struct rusage as a 32-bit Linux kernel writes it (72 bytes): timevals of two
 * 32-bit longs, then 14 longs. musl's wait4 and getrusage pass the address 16
 * bytes before ru_maxrss and widen the two timevals to its 64-bit time_t. */
struct wunix_rusage {
	int32_t ru_utime_sec, ru_utime_usec;
	int32_t ru_stime_sec, ru_stime_usec;
	int32_t ru_maxrss; /* KiB */
	int32_t ru_ixrss, ru_idrss, ru_isrss;
	int32_t ru_minflt, ru_majflt, ru_nswap;
	int32_t ru_inblock, ru_oublock;
	int32_t ru_msgsnd, ru_msgrcv, ru_nsignals;
	int32_t ru_nvcsw, ru_nivcsw;
};

/* times' struct tms: four clock_t (long), in ticks of 1/100 s. */
struct wunix_tms {
	int32_t tms_utime, tms_stime;
	int32_t tms_cutime, tms_cstime;
};

#endif
