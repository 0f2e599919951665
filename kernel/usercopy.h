/* kernel/usercopy.h -- the only way to touch process memory. */
#ifndef WUNIX_USERCOPY_H
#define WUNIX_USERCOPY_H

#include "types.h"

/* Whether [u, u+n) lies inside [UADDR_MIN, 4 GiB), what a process memory can
 * reach (not whether the memory is that large yet: the host checks that).
 * An empty range is always fine, as for Linux's access_ok. */
bool uaddr_range_ok(uaddr_t u, uint64_t n);
/* Copies n bytes from the current process at usrc to kdst: 0 or -EFAULT. */
int copyin(void *kdst, uaddr_t usrc, size_t n);
/* Copies n bytes from ksrc to the current process at udst: 0 or -EFAULT. */
int copyout(uaddr_t udst, const void *ksrc, size_t n);
/* Copies a NUL-terminated string of at most max bytes (NUL included) into kdst:
 * its length, -EFAULT, or -ENAMETOOLONG when no NUL lies within max bytes. */
long copyinstr(char *kdst, uaddr_t usrc, size_t max);
/* Fills or moves process memory: 0 or -EFAULT. */
int umemset(uaddr_t udst, int byte, uint64_t n);
int umemmove(uaddr_t udst, uaddr_t usrc, uint64_t n);

/* Where a transfer's buffer lives: the current process (io_user), or the kernel
 * (io_kernel, the address is a kernel pointer), so devices serve both. */
struct ioctx {
	bool kernel;
};
extern const struct ioctx io_user, io_kernel;

/* Copies to / from the buffer of a transfer: 0 or -EFAULT. */
int io_copyout(const struct ioctx *io, uaddr_t dst, const void *ksrc, size_t n);
int io_copyin(const struct ioctx *io, void *kdst, uaddr_t src, size_t n);

#endif
