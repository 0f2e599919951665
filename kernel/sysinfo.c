/* kernel/sysinfo.c -- uname and getrandom. */
#include "host.h"
#include "klib.h"
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
