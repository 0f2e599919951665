/* kernel/fd.h -- open file descriptions and per-process descriptor tables. */
#ifndef WUNIX_FD_H
#define WUNIX_FD_H

#include "param.h"
#include "types.h"

struct file;
struct ioctx;
struct proc;
struct waitq;
struct epitem;
struct vnode;

/* What a kind of file does. Missing operations: read/write -EINVAL, ioctl
 * -ENOTTY, lseek -ESPIPE, fcntl -EINVAL, poll "always readable and writable".
 * All called with the BKL held; read/write may sleep. */
struct file_ops {
	long (*read)(struct file *f, const struct ioctx *io, uaddr_t buf, size_t n);
	long (*write)(struct file *f, const struct ioctx *io, uaddr_t buf, size_t n);
	long (*ioctl)(struct file *f, unsigned cmd, uaddr_t arg);
	int64_t (*lseek)(struct file *f, int64_t off, int whence);
	long (*fcntl)(struct file *f, int cmd, unsigned long arg); /* type-specific commands (F_GETPIPE_SZ) */
	uint32_t (*poll)(struct file *f); /* POLL* events that hold now */
	struct waitq *(*pollq)(struct file *f); /* woken when poll's answer may change; NULL: never */
	void (*close)(struct file *f); /* the last reference went away */
};

/* An open file description, shared by dup and fork. BKL held for every field. */
struct file {
	uint32_t refs;
	uint32_t flags;  /* O_ACCMODE, O_APPEND, O_NONBLOCK, ... as opened */
	int64_t off;
	const struct file_ops *ops;
	void *priv;      /* the device's or file system's object */
	int minor;       /* device-specific number */
	struct epitem *epitems; /* epoll registrations watching this file (epoll.c) */
	struct vnode *vnode; /* the file system object (a reference), NULL for anonymous files */
};

/* A process's descriptors. BKL held. */
struct fdtable {
	struct file *fd[NOFILE];
	uint8_t cloexec[NOFILE / 8];
};

/* A new open file description with one reference, or NULL. BKL held. */
struct file *file_alloc(const struct file_ops *ops, uint32_t flags, void *priv);
/* Adds / drops a reference; the last drop calls ops->close. BKL held. */
struct file *file_get(struct file *f);
void file_put(struct file *f);

/* The file of descriptor fd of the current process, or NULL (EBADF). BKL held. */
struct file *fd_lookup(int fd);
/* Installs f (consuming one reference) at the lowest free descriptor >= min of
 * p: the descriptor, or -EMFILE (none below p's RLIMIT_NOFILE). BKL held. */
int fd_install(struct proc *p, struct file *f, int min, bool cloexec);
/* Sets or reads descriptor fd's close-on-exec flag. BKL held. */
void fd_set_cloexec(struct fdtable *t, int fd, bool on);
static inline bool fd_get_cloexec(const struct fdtable *t, int fd)
{
	return t->cloexec[fd / 8] & (1u << (fd % 8));
}
/* The core of dup2/dup3 on the current process: newfd or -errno. BKL held. */
long kern_dup3(int oldfd, int newfd, bool cloexec);
/* Closes descriptor fd of p: 0 or -EBADF. BKL held. */
int fd_close(struct proc *p, int fd);
/* Opens the console on descriptors 0, 1 and 2 of a new process: 0 or -errno. BKL held. */
int fd_init_stdio(struct proc *p);
/* Gives c (new, no descriptors) the descriptors of p, sharing their open file
 * descriptions and close-on-exec flags: 0. BKL held. */
int fd_fork(struct proc *c, const struct proc *p);
/* Closes p's close-on-exec descriptors (exec's commit). BKL held. */
void fd_exec(struct proc *p);
/* Closes every descriptor of an exiting process. BKL held. */
void fd_exit(struct proc *p);

/* Copies in and checks an iovec array of cnt entries (EINVAL for a count or a
 * segment too large, EFAULT for a bad segment): 0 with *out kalloc'd (NULL when
 * cnt is 0; the caller kfrees it), or -errno. BKL held. */
struct wunix_iovec;
long iov_copyin(uaddr_t uiov, int cnt, struct wunix_iovec **out);
/* readv/writev (off < 0: at the file offset) and preadv/pwritev (at off): moves
 * the segments in turn, stopping at the first error or short transfer; the total
 * is capped as Linux does. Bytes moved or -errno. BKL held; may sleep. */
long iov_transfer(struct file *f, const struct wunix_iovec *iov, int cnt, int64_t off, bool write);
/* The cores of read and write on a file: bytes moved or -errno. BKL held; may sleep. */
long kern_read(struct file *f, const struct ioctx *io, uaddr_t buf, size_t n);
long kern_write(struct file *f, const struct ioctx *io, uaddr_t buf, size_t n);
/* Positioned read or write on f at off, its offset unchanged (vfs_file.c). BKL held; may sleep. */
long kern_prw(struct file *f, const struct ioctx *io, uaddr_t buf, size_t n, int64_t off, bool write);

#endif
