/* kernel/sysinfo.c -- uname, sysinfo and getrandom. */
#include "sysinfo.h"
#include "host.h"
#include "kalloc.h"
#include "klib.h"
#include "ktime.h"
#include "proc.h"
#include "syscall.h"
#include "usercopy.h"
#include <wunix/errno.h>
#include <wunix/random.h>
#include <wunix/utsname.h>

#define WUNIX_RELEASE "0.1.0"
#define WUNIX_VERSION "#1 SMP wunix"
#define GETRANDOM_MAX 33554431 /* bytes per call, as Linux */

long sys_uname(const sarg_t *a)
{
	struct wunix_utsname u;

	memset(&u, 0, sizeof(u));
	kstrlcpy(u.sysname, "wunix", sizeof(u.sysname));
	kstrlcpy(u.nodename, "wunix", sizeof(u.nodename));
	kstrlcpy(u.release, WUNIX_RELEASE, sizeof(u.release));
	kstrlcpy(u.version, WUNIX_VERSION, sizeof(u.version));
	kstrlcpy(u.machine, "wasm32", sizeof(u.machine));
	kstrlcpy(u.domainname, "(none)", sizeof(u.domainname));
	return copyout((uaddr_t)a[0], &u, sizeof(u));
}

void sysinfo_mem_kb(uint64_t *total, uint64_t *free)
{
	struct kalloc_stats st;
	uint64_t used;

	kalloc_get_stats(&st);
	used = (uint64_t)(st.heap_pages - st.free_pages) * (KPAGE / 1024);
	*total = 4ull << 20; /* kernel memory's 4 GiB ceiling */
	*free = used < *total ? *total - used : 0;
}

/* Linux's struct sysinfo for a 32-bit long (wasm32): 64 bytes. */
struct wunix_sysinfo {
	uint32_t uptime;
	uint32_t loads[3];
	uint32_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	uint16_t procs, pad;
	uint32_t totalhigh, freehigh;
	uint32_t mem_unit;
	char f[8];
};

/* sysinfo(info): memory as /proc/meminfo gives it, in KiB units; loads are 0 (not tracked). */
long sys_sysinfo(const sarg_t *a)
{
	struct wunix_sysinfo si;
	uint64_t total, free;

	memset(&si, 0, sizeof(si));
	si.uptime = (uint32_t)(ktime_mono() / NSEC_PER_SEC);
	sysinfo_mem_kb(&total, &free);
	si.totalram = (uint32_t)total;
	si.freeram = (uint32_t)free;
	si.mem_unit = 1024;
	for (int i = 0; i < NPROC; i++)
		si.procs += procs[i].state != P_UNUSED;
	return copyout((uaddr_t)a[0], &si, sizeof(si));
}

long sys_getrandom(const sarg_t *a)
{
	uaddr_t buf = (uaddr_t)a[0];
	uint64_t len = (uint64_t)a[1];
	unsigned flags = (unsigned)a[2];
	uint8_t k[256];
	uint64_t done = 0;

	if (flags & ~(unsigned)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & GRND_RANDOM) && (flags & GRND_INSECURE))
		return -EINVAL;
	if (len > GETRANDOM_MAX)
		len = GETRANDOM_MAX;
	if (!uaddr_range_ok(buf, len))
		return -EFAULT;
	while (done < len) {
		uint32_t c = (uint32_t)MIN(len - done, (uint64_t)sizeof(k));
		host_random(k, c);
		if (copyout(buf + done, k, c))
			return done ? (long)done : -EFAULT;
		done += c;
	}
	return (long)done;
}
