/* kernel/usercopy.c -- copyin/copyout/copyinstr: the overflow and 4 GiB checks on
 * the kernel's 64-bit user addresses, before the host checks them against the
 * process memory's current size. The first page is refused too: in wasm address
 * 0 is ordinary memory (the far end of the shadow stack), but a NULL pointer
 * passed to a syscall should fail with EFAULT as it does on Linux. */
#include "usercopy.h"
#include "host.h"
#include "klib.h"
#include "param.h"
#include <wunix/errno.h>

const struct ioctx io_user = { false };
const struct ioctx io_kernel = { true };

bool uaddr_range_ok(uaddr_t u, uint64_t n)
{
	if (n == 0)
		return true;
	return u >= UADDR_MIN && u <= UADDR_END && n <= UADDR_END - u;
}

int copyin(void *kdst, uaddr_t usrc, size_t n)
{
	if (n == 0)
		return 0;
	if (!uaddr_range_ok(usrc, n) || n > UINT32_MAX)
		return -EFAULT;
	return host_copyin(kdst, (uint32_t)usrc, (uint32_t)n) ? -EFAULT : 0;
}

int copyout(uaddr_t udst, const void *ksrc, size_t n)
{
	if (n == 0)
		return 0;
	if (!uaddr_range_ok(udst, n) || n > UINT32_MAX)
		return -EFAULT;
	return host_copyout((uint32_t)udst, ksrc, (uint32_t)n) ? -EFAULT : 0;
}

long copyinstr(char *kdst, uaddr_t usrc, size_t max)
{
	if (max == 0)
		return -ENAMETOOLONG;
	if (usrc < UADDR_MIN || usrc >= UADDR_END)
		return -EFAULT;
	uint64_t room = UADDR_END - usrc;
	bool clipped = max > room || max > UINT32_MAX;
	uint32_t lim = (uint32_t)MIN((uint64_t)max, MIN(room, (uint64_t)UINT32_MAX));
	int r = host_copyinstr(kdst, (uint32_t)usrc, lim);
	if (r == -ENAMETOOLONG && clipped)
		return -EFAULT;
	if (r < 0)
		return r == -ENAMETOOLONG ? -ENAMETOOLONG : -EFAULT;
	if ((uint32_t)r >= lim)
		return -EFAULT;
	return r;
}

int umemset(uaddr_t udst, int byte, uint64_t n)
{
	if (n == 0)
		return 0;
	if (!uaddr_range_ok(udst, n) || n > UINT32_MAX)
		return -EFAULT;
	return host_umemset((uint32_t)udst, byte, (uint32_t)n) ? -EFAULT : 0;
}

int umemmove(uaddr_t udst, uaddr_t usrc, uint64_t n)
{
	if (n == 0)
		return 0;
	if (!uaddr_range_ok(udst, n) || !uaddr_range_ok(usrc, n) || n > UINT32_MAX)
		return -EFAULT;
	return host_umemmove((uint32_t)udst, (uint32_t)usrc, (uint32_t)n) ? -EFAULT : 0;
}

int io_copyout(const struct ioctx *io, uaddr_t dst, const void *ksrc, size_t n)
{
	if (io->kernel) {
		memcpy((void *)(uintptr_t)dst, ksrc, n);
		return 0;
	}
	return copyout(dst, ksrc, n);
}

int io_copyin(const struct ioctx *io, void *kdst, uaddr_t src, size_t n)
{
	if (io->kernel) {
		memcpy(kdst, (const void *)(uintptr_t)src, n);
		return 0;
	}
	return copyin(kdst, src, n);
}
