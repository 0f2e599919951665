/* kernel/devfs.c -- /dev: a memfs holding character device nodes and symlinks,
 * and the memory devices (null, zero, full, random, urandom). console opens
 * the console; tty the caller's controlling terminal (the console when it has
 * none); ptmx and pts/N are pty.c's. stdin/stdout/stderr/fd point into
 * /proc/self (procfs.c), as on Linux. */
#include "vfs.h"
#include "console.h"
#include "proc.h"
#include "pty.h"
#include "tty.h"
#include "fd.h"
#include "host.h"
#include "klib.h"
#include "usercopy.h"
#include <wunix/errno.h>
#include <wunix/fcntl.h>

enum { M_NULL = 3, M_ZERO = 5, M_FULL = 7, M_RANDOM = 8, M_URANDOM = 9 };

static long mem_read(struct file *f, const struct ioctx *io, uaddr_t buf, size_t n)
{
	uint8_t tmp[256];
	size_t done = 0;

	if (f->minor == M_NULL)
		return 0;
	if (f->minor == M_ZERO || f->minor == M_FULL) {
		if (io->kernel)
			memset((void *)(uintptr_t)buf, 0, n);
		else if (umemset(buf, 0, n))
			return -EFAULT;
		return (long)n;
	}
	while (done < n) {
		size_t c = MIN(n - done, sizeof(tmp));
		host_random(tmp, (uint32_t)c);
		if (io_copyout(io, buf + done, tmp, c))
			return done ? (long)done : -EFAULT;
		done += c;
	}
	return (long)done;
}

static long mem_write(struct file *f, const struct ioctx *io, uaddr_t buf, size_t n)
{
	return f->minor == M_FULL ? -ENOSPC : (long)n;
}

static int64_t mem_lseek(struct file *f, int64_t off, int whence)
{
	f->off = 0;
	return 0;
}

static const struct file_ops mem_ops = {
	.read = mem_read,
	.write = mem_write,
	.lseek = mem_lseek,
};

long dev_open(uint64_t rdev, uint32_t flags, struct file **out)
{
	uint32_t major = (uint32_t)(rdev >> 8), minor = (uint32_t)(rdev & 0xff);
	struct file *f = NULL;
	uint32_t noctty = flags & O_NOCTTY; /* only terminals look at it */
	struct tty *ctty;

	flags &= ~(uint32_t)O_NOCTTY;
	if (major == 5 && minor == 0) {
		/* /dev/tty: the caller's controlling terminal, if it has one */
		if (!(ctty = tty_ctty(curproc())))
			return -ENXIO;
		return tty_open_file(ctty, flags | O_NOCTTY, out);
	}
	if (major == PTMX_MAJOR && minor == PTMX_MINOR)
		return pty_open_master(flags, out);
	if (major == PTS_MAJOR)
		return pty_open_slave((int)minor, flags | noctty, out);

	if (major == 1 && (minor == M_NULL || minor == M_ZERO || minor == M_FULL || minor == M_RANDOM ||
	                   minor == M_URANDOM)) {
		if ((f = file_alloc(&mem_ops, flags, NULL)))
			f->minor = (int)minor;
	} else if (major == 5 && minor == 1) {
		return console_dev_open(flags | noctty, out);
	} else {
		return -ENXIO;
	}
	if (!f)
		return -ENOMEM;
	*out = f;
	return 0;
}

static void mk(struct vnode *dir, const char *name, uint32_t mode, uint64_t rdev, const char *target)
{
	struct vnode *vn;

	if (dir->ops->create(dir, name, strlen(name), mode, rdev, target, &vn))
		kpanic("devfs: cannot make /dev/%s", name);
	vnode_put(vn);
}

void devfs_init(struct vnode *d)
{
	mk(d, "null", S_IFCHR | 0666, MKDEV(1, M_NULL), NULL);
	mk(d, "zero", S_IFCHR | 0666, MKDEV(1, M_ZERO), NULL);
	mk(d, "full", S_IFCHR | 0666, MKDEV(1, M_FULL), NULL);
	mk(d, "random", S_IFCHR | 0666, MKDEV(1, M_RANDOM), NULL);
	mk(d, "urandom", S_IFCHR | 0666, MKDEV(1, M_URANDOM), NULL);
	mk(d, "tty", S_IFCHR | 0666, MKDEV(5, 0), NULL);
	mk(d, "console", S_IFCHR | 0600, MKDEV(5, 1), NULL);
	struct vnode *con;
	if (d->ops->lookup(d, "console", 7, &con))
		kpanic("devfs: no /dev/console");
	console_set_node(con);
	mk(d, "ptmx", S_IFCHR | 0666, MKDEV(PTMX_MAJOR, PTMX_MINOR), NULL);
	mk(d, "pts", S_IFDIR | 0755, 0, NULL);
	struct vnode *pts;
	if (d->ops->lookup(d, "pts", 3, &pts))
		kpanic("devfs: no /dev/pts");
	pty_init(pts);
	vnode_put(pts);
	mk(d, "stdin", S_IFLNK | 0777, 0, "/proc/self/fd/0");
	mk(d, "stdout", S_IFLNK | 0777, 0, "/proc/self/fd/1");
	mk(d, "stderr", S_IFLNK | 0777, 0, "/proc/self/fd/2");
	mk(d, "fd", S_IFLNK | 0777, 0, "/proc/self/fd");
}
