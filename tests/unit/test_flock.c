/* tests/unit/test_flock.c -- fcntl record locks (POSIX and OFD) and flock:
 * ranges, splitting and merging, conflicts, release on close, blocking and
 * deadlock detection between two processes. */
#include "fakehost.h"
#include "test.h"
#include "kalloc.h"
#include "lock.h"
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>
#include <wunix/errno.h>
#include <wunix/fcntl.h>

#define PATH 20000 /* user addresses for the path and the struct flock */
#define FL 21000
#define BUF 22000

static long open_(const char *p, int flags)
{
	strcpy(fh_u(PATH), p);
	return SC4(NR_openat, I32(AT_FDCWD), PATH, flags, 0644);
}

/* fcntl(fd, cmd, &{type, whence, start, len, pid}); the result struct stays at FL. */
static long lk(long fd, int cmd, int type, int whence, int64_t start, int64_t len)
{
	struct wunix_flock *fl = fh_u(FL);
	memset(fl, 0, sizeof(*fl));
	fl->l_type = (int16_t)type;
	fl->l_whence = (int16_t)whence;
	fl->l_start = start;
	fl->l_len = len;
	return SC3(NR_fcntl, fd, cmd, FL);
}

static struct wunix_flock *res(void)
{
	return fh_u(FL);
}

/* Probes [start, start+len) for a write lock through an OFD description: the
 * conflicting lock's type, or F_UNLCK. POSIX locks of this process conflict with it. */
static int probe(long ofd, int64_t start, int64_t len)
{
	CHECK_EQ(lk(ofd, F_OFD_GETLK, F_WRLCK, SEEK_SET, start, len), 0);
	return res()->l_type;
}

TEST(flock_layout)
{
	CHECK_EQ(sizeof(struct wunix_flock), 32);
	CHECK_EQ(offsetof(struct wunix_flock, l_start), 8);
	CHECK_EQ(offsetof(struct wunix_flock, l_len), 16);
	CHECK_EQ(offsetof(struct wunix_flock, l_pid), 24);
}

TEST(flock_posix_split_merge)
{
	int pid = fh_proc_begin();
	long fd = open_("/tmp/lk1", O_CREAT | O_RDWR), ofd = open_("/tmp/lk1", O_RDWR);
	CHECK(fd >= 0 && ofd >= 0);
	/* the 64-bit numbers musl sends and the plain ones */
	CHECK_EQ(lk(fd, F_SETLK64, F_WRLCK, SEEK_SET, 0, 100), 0);
	CHECK_EQ(lk(fd, F_GETLK64, F_WRLCK, SEEK_SET, 0, 0), 0);
	CHECK_EQ(res()->l_type, F_UNLCK); /* a process's own locks never conflict */
	CHECK_EQ(lk(fd, F_SETLK, F_UNLCK, SEEK_SET, 40, 20), 0);
	CHECK_EQ(probe(ofd, 40, 20), F_UNLCK);
	CHECK_EQ(probe(ofd, 39, 1), F_WRLCK);
	CHECK_EQ(res()->l_start, 0);
	CHECK_EQ(res()->l_len, 40);
	CHECK_EQ(res()->l_pid, pid);
	CHECK_EQ(probe(ofd, 45, 100), F_WRLCK);
	CHECK_EQ(res()->l_start, 60);
	CHECK_EQ(res()->l_len, 40);
	/* a read lock in the hole, then write over all: one lock again */
	CHECK_EQ(lk(fd, F_SETLK, F_RDLCK, SEEK_SET, 40, 20), 0);
	CHECK_EQ(lk(ofd, F_OFD_GETLK, F_RDLCK, SEEK_SET, 0, 0), 0);
	CHECK_EQ(res()->l_type, F_WRLCK);
	CHECK_EQ(res()->l_len, 40);
	CHECK_EQ(lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 30, 40), 0);
	CHECK_EQ(probe(ofd, 0, 0), F_WRLCK);
	CHECK_EQ(res()->l_start, 0);
	CHECK_EQ(res()->l_len, 100);
	/* to EOF, a negative length, SEEK_CUR and SEEK_END */
	CHECK_EQ(lk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0), 0);
	CHECK_EQ(probe(ofd, 0, 0), F_UNLCK);
	CHECK_EQ(lk(fd, F_SETLK, F_RDLCK, SEEK_SET, 1000, 0), 0);
	CHECK_EQ(probe(ofd, 5000, 1), F_RDLCK);
	CHECK_EQ(res()->l_start, 1000);
	CHECK_EQ(res()->l_len, 0);
	CHECK_EQ(lk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0), 0);
	CHECK_EQ(lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 10, -5), 0);
	CHECK_EQ(probe(ofd, 0, 0), F_WRLCK);
	CHECK_EQ(res()->l_start, 5);
	CHECK_EQ(res()->l_len, 5);
	CHECK_EQ(lk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0), 0);
	memcpy(fh_u(BUF), "0123456789", 10);
	CHECK_EQ(SC3(NR_write, fd, BUF, 10), 10);
	CHECK_EQ(lk(fd, F_SETLK, F_WRLCK, SEEK_CUR, -2, 1), 0);
	CHECK_EQ(probe(ofd, 0, 0), F_WRLCK);
	CHECK_EQ(res()->l_start, 8);
	CHECK_EQ(lk(fd, F_SETLK, F_WRLCK, SEEK_END, 5, 1), 0);
	CHECK_EQ(probe(ofd, 9, 0), F_WRLCK);
	CHECK_EQ(res()->l_start, 15);
	/* closing any descriptor of the file drops the process's record locks */
	long fd2 = open_("/tmp/lk1", O_RDONLY);
	CHECK_EQ(SC1(NR_close, fd2), 0);
	CHECK_EQ(probe(ofd, 0, 0), F_UNLCK);
	CHECK_EQ(SC1(NR_close, fd), 0);
	CHECK_EQ(SC1(NR_close, ofd), 0);
	fh_proc_end();
}

TEST(flock_errors)
{
	fh_proc_begin();
	long rd = open_("/tmp/lk2", O_CREAT | O_RDONLY), wr = open_("/tmp/lk2", O_WRONLY);
	CHECK_EQ(lk(rd, F_SETLK, F_WRLCK, SEEK_SET, 0, 0), -EBADF);
	CHECK_EQ(lk(wr, F_SETLK, F_RDLCK, SEEK_SET, 0, 0), -EBADF);
	CHECK_EQ(lk(rd, F_SETLK, F_RDLCK, SEEK_SET, 0, 0), 0);
	CHECK_EQ(lk(rd, F_SETLK, 7, SEEK_SET, 0, 0), -EINVAL);
	CHECK_EQ(lk(rd, F_GETLK, F_UNLCK, SEEK_SET, 0, 0), -EINVAL);
	CHECK_EQ(lk(rd, F_SETLK, F_RDLCK, 9, 0, 0), -EINVAL);
	CHECK_EQ(lk(rd, F_SETLK, F_RDLCK, SEEK_SET, -1, 0), -EINVAL);
	CHECK_EQ(lk(rd, F_SETLK, F_RDLCK, SEEK_SET, 5, -6), -EINVAL);
	CHECK_EQ(lk(rd, F_SETLK, F_RDLCK, SEEK_SET, INT64_MAX, 2), -EOVERFLOW);
	struct wunix_flock *fl = fh_u(FL);
	memset(fl, 0, sizeof(*fl));
	fl->l_type = F_RDLCK;
	fl->l_pid = 1;
	CHECK_EQ(SC3(NR_fcntl, rd, F_OFD_SETLK, FL), -EINVAL);
	CHECK_EQ(SC3(NR_fcntl, rd, F_SETLK, 0), -EFAULT);
	CHECK_EQ(lk(99, F_SETLK, F_RDLCK, SEEK_SET, 0, 0), -EBADF);
	CHECK_EQ(SC2(NR_flock, rd, 0), -EINVAL);
	CHECK_EQ(SC2(NR_flock, 99, LOCK_EX), -EBADF);
	long p[2];
	int *pfd = fh_u(BUF);
	CHECK_EQ(SC2(NR_pipe2, BUF, 0), 0);
	p[0] = pfd[0];
	p[1] = pfd[1];
	CHECK_EQ(lk(p[0], F_SETLK, F_RDLCK, SEEK_SET, 0, 0), -EINVAL);
	SC1(NR_close, p[0]);
	SC1(NR_close, p[1]);
	SC1(NR_close, rd);
	SC1(NR_close, wr);
	fh_proc_end();
}

TEST(flock_ofd_and_flock)
{
	fh_proc_begin();
	long a = open_("/tmp/lk3", O_CREAT | O_RDWR), b = open_("/tmp/lk3", O_RDWR);
	/* OFD locks of two descriptions conflict, even in one process */
	CHECK_EQ(lk(a, F_OFD_SETLK, F_WRLCK, SEEK_SET, 0, 10), 0);
	CHECK_EQ(lk(b, F_OFD_SETLK, F_RDLCK, SEEK_SET, 5, 1), -EAGAIN);
	CHECK_EQ(lk(b, F_OFD_GETLK, F_RDLCK, SEEK_SET, 0, 0), 0);
	CHECK_EQ(res()->l_pid, -1);
	CHECK_EQ(res()->l_len, 10);
	/* a POSIX lock of the same process conflicts with it too */
	CHECK_EQ(lk(b, F_SETLK, F_RDLCK, SEEK_SET, 5, 1), -EAGAIN);
	CHECK_EQ(lk(b, F_SETLK, F_RDLCK, SEEK_SET, 10, 1), 0);
	/* a dup shares the description: closing it keeps the OFD lock... */
	long a2 = SC1(NR_dup, a);
	CHECK_EQ(SC1(NR_close, a2), 0);
	CHECK_EQ(lk(b, F_OFD_GETLK, F_RDLCK, SEEK_SET, 0, 0), 0);
	CHECK_EQ(res()->l_type, F_WRLCK);
	/* ...the last close drops it */
	CHECK_EQ(SC1(NR_close, a), 0);
	CHECK_EQ(lk(b, F_OFD_SETLK, F_WRLCK, SEEK_SET, 0, 10), 0);
	/* flock is independent of record locks */
	a = open_("/tmp/lk3", O_RDONLY);
	CHECK_EQ(SC2(NR_flock, a, LOCK_EX), 0);
	CHECK_EQ(SC2(NR_flock, b, LOCK_EX | LOCK_NB), -EAGAIN);
	CHECK_EQ(SC2(NR_flock, b, LOCK_SH | LOCK_NB), -EAGAIN);
	CHECK_EQ(SC2(NR_flock, a, LOCK_SH), 0); /* downgrade */
	CHECK_EQ(SC2(NR_flock, b, LOCK_SH | LOCK_NB), 0);
	CHECK_EQ(SC2(NR_flock, a, LOCK_EX | LOCK_NB), -EAGAIN);
	CHECK_EQ(SC2(NR_flock, b, LOCK_UN), 0);
	CHECK_EQ(SC2(NR_flock, a, LOCK_EX | LOCK_NB), 0);
	CHECK_EQ(SC1(NR_close, a), 0);
	CHECK_EQ(SC2(NR_flock, b, LOCK_EX | LOCK_NB), 0);
	CHECK_EQ(SC1(NR_close, b), 0);
	fh_proc_end();
}

/* Two processes: a blocked F_SETLKW, a deadlock, and locks going at exit. */
static atomic_int step;
static atomic_long other_r;

static void wait_step(int n)
{
	while (step < n)
		usleep(1000);
}

static void *other(void *arg)
{
	(void)arg;
	fh_cpu_attach();
	fh_proc_begin();
	long fd = open_("/tmp/lk4", O_RDWR);
	CHECK_EQ(lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 1), -EAGAIN);
	CHECK_EQ(lk(fd, F_GETLK, F_WRLCK, SEEK_SET, 0, 1), 0);
	CHECK_EQ(res()->l_type, F_WRLCK);
	CHECK_EQ(lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 1, 1), 0);
	step = 1;
	other_r = lk(fd, F_SETLKW, F_WRLCK, SEEK_SET, 0, 1); /* sleeps until the main process lets go */
	step = 3;
	CHECK_EQ(SC2(NR_flock, fd, LOCK_EX), 0);
	step = 4;
	wait_step(5);
	fh_proc_end(); /* exit drops both kinds of lock */
	fh_cpu_detach();
	return NULL;
}

TEST(flock_block_deadlock_exit)
{
	pthread_t t;

	fh_proc_begin();
	long fd = open_("/tmp/lk4", O_CREAT | O_RDWR);
	CHECK_EQ(lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 1), 0);
	step = 0;
	other_r = 1;
	pthread_create(&t, NULL, other, NULL);
	wait_step(1);
	usleep(30000);
	CHECK_EQ(other_r, 1); /* still blocked */
	/* we wait for byte 1, which the other holds while it waits for byte 0: EDEADLK */
	CHECK_EQ(lk(fd, F_SETLKW, F_WRLCK, SEEK_SET, 1, 1), -EDEADLK);
	CHECK_EQ(lk(fd, F_SETLK, F_RDLCK, SEEK_SET, 5, 5), 0); /* unrelated: still fine */
	step = 2;
	CHECK_EQ(lk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 1), 0);
	wait_step(3);
	CHECK_EQ(other_r, 0);
	wait_step(4);
	CHECK_EQ(SC2(NR_flock, fd, LOCK_SH | LOCK_NB), -EAGAIN);
	CHECK_EQ(lk(fd, F_GETLK, F_RDLCK, SEEK_SET, 0, 0), 0);
	CHECK_EQ(res()->l_type, F_WRLCK);
	step = 5;
	pthread_join(t, NULL);
	CHECK_EQ(lk(fd, F_GETLK, F_WRLCK, SEEK_SET, 0, 0), 0);
	CHECK_EQ(res()->l_type, F_UNLCK);
	CHECK_EQ(SC2(NR_flock, fd, LOCK_EX | LOCK_NB), 0);
	SC1(NR_close, fd);
	fh_proc_end();
}
