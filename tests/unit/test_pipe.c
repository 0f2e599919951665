/* tests/unit/test_pipe.c -- pipes and FIFOs: pipe2, ring behaviour, EOF, EPIPE
 * and SIGPIPE, O_NONBLOCK, PIPE_BUF atomicity and blocking between CPUs. */
#include "fakehost.h"
#include "test.h"
#include "fd.h"
#include "lock.h"
#include "param.h"
#include "pipe.h"
#include "proc.h"
#include "usercopy.h"
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>
#include <wunix/errno.h>
#include <wunix/fcntl.h>
#include <wunix/signal.h>
#include <wunix/termios.h>

#define UFDS 0x20000
#define UBUF 0x20100 /* 128 KiB of buffer follow */

static int fds[2];

static void mkpipe(int flags)
{
	CHECK_EQ(SC2(NR_pipe2, UFDS, flags), 0);
	memcpy(fds, fh_u(UFDS), sizeof(fds));
}

static long pipe_fcntl(int fd, int cmd, unsigned long arg)
{
	bkl_lock();
	struct file *f = fd_lookup(fd);
	long r = f->ops->fcntl(f, cmd, arg);
	bkl_unlock();
	return r;
}

TEST(pipe_basic_eof)
{
	fh_proc_begin();
	CHECK_EQ(SC2(NR_pipe2, UFDS, O_DIRECT), -EINVAL);
	CHECK_EQ(SC2(NR_pipe2, 0xfffffff0u, 0), -EFAULT);
	mkpipe(0);
	CHECK(fds[0] >= 3 && fds[1] >= 3 && fds[0] != fds[1]);
	memcpy(fh_u(UBUF), "hello", 5);
	CHECK_EQ(SC3(NR_write, fds[1], UBUF, 5), 5);
	CHECK_EQ(SC3(NR_write, fds[0], UBUF, 5), -EBADF); /* read end */
	CHECK_EQ(SC3(NR_ioctl, fds[0], FIONREAD, UBUF + 100), 0);
	CHECK_EQ(*(int32_t *)fh_u(UBUF + 100), 5);
	memset(fh_u(UBUF), 0, 16);
	CHECK_EQ(SC3(NR_read, fds[0], UBUF, 3), 3);
	CHECK_EQ(SC3(NR_read, fds[0], UBUF + 3, 100), 2);
	CHECK(memcmp(fh_u(UBUF), "hello", 5) == 0);
	CHECK_EQ(SC3(NR_lseek, fds[0], 0, SEEK_SET), -ESPIPE);
	CHECK_EQ(SC1(NR_close, fds[1]), 0);
	CHECK_EQ(SC3(NR_read, fds[0], UBUF, 100), 0); /* EOF: no writer left */
	CHECK_EQ(SC1(NR_close, fds[0]), 0);
	fh_proc_end();
}

TEST(pipe_nonblock_and_atomic)
{
	fh_proc_begin();
	mkpipe(O_NONBLOCK);
	CHECK_EQ(SC3(NR_read, fds[0], UBUF, 10), -EAGAIN);
	CHECK_EQ(pipe_fcntl(fds[1], F_GETPIPE_SZ, 0), PIPE_DEFAULT_SIZE);
	long total = 0, r;
	while ((r = SC3(NR_write, fds[1], UBUF, 10000)) > 0)
		total += r;
	CHECK_EQ(r, -EAGAIN);
	CHECK_EQ(total, PIPE_DEFAULT_SIZE); /* the last write was partial */
	CHECK_EQ(SC3(NR_read, fds[0], UBUF, 4095), 4095);
	CHECK_EQ(SC3(NR_write, fds[1], UBUF, 4096), -EAGAIN); /* atomic: all or nothing */
	CHECK_EQ(SC3(NR_write, fds[1], UBUF, 4095), 4095);
	CHECK_EQ(SC3(NR_read, fds[0], UBUF, 100), 100);
	CHECK_EQ(SC3(NR_write, fds[1], UBUF, 8192), 100); /* beyond PIPE_BUF: partial */
	/* resize: not below what it holds, rounded to a power of two */
	CHECK_EQ(pipe_fcntl(fds[1], F_SETPIPE_SZ, 100), -EBUSY);
	CHECK_EQ(pipe_fcntl(fds[1], F_SETPIPE_SZ, 100000), 131072);
	CHECK_EQ(pipe_fcntl(fds[0], F_GETPIPE_SZ, 0), 131072);
	CHECK_EQ(pipe_fcntl(fds[0], F_SETPIPE_SZ, 64u << 20), -EPERM);
	CHECK_EQ(SC3(NR_ioctl, fds[0], FIONREAD, UBUF), 0);
	CHECK_EQ(*(int32_t *)fh_u(UBUF), PIPE_DEFAULT_SIZE);
	CHECK_EQ(SC3(NR_write, fds[1], UBUF, 4096), 4096); /* room again after growing */
	fh_proc_end();
}

static void write_to_closed(void *arg)
{
	(void)arg;
	SC3(NR_write, fds[1], UBUF, 1);
}

TEST(pipe_epipe_sigpipe_kills)
{
	fh_proc_begin();
	mkpipe(0);
	CHECK_EQ(SC1(NR_close, fds[0]), 0);
	fh_exit_status = -1;
	CHECK(fh_run_until_exit(write_to_closed, NULL));
	CHECK_EQ(fh_exit_status, SIGPIPE); /* wait status: killed by SIGPIPE */
	fh_umem_free();
}

TEST(pipe_epipe_sigign)
{
	struct wunix_sigaction act = { SIG_IGN, 0, 0, { 0, 0 } };

	fh_proc_begin();
	memcpy(fh_u(UBUF + 200), &act, sizeof(act));
	CHECK_EQ(SC4(NR_rt_sigaction, SIGPIPE, UBUF + 200, 0, 8), 0);
	mkpipe(0);
	CHECK_EQ(SC1(NR_close, fds[0]), 0);
	CHECK_EQ(SC3(NR_write, fds[1], UBUF, 1), -EPIPE);
	CHECK_EQ(SC3(NR_write, fds[1], UBUF, 1), -EPIPE);
	bkl_lock();
	CHECK_EQ(curthread()->sigq.set, 0);
	bkl_unlock();
	fh_proc_end();
}

TEST(pipe_epipe_blocked_stays_pending)
{
	uint64_t set = 1ull << (SIGPIPE - 1);

	fh_proc_begin();
	memcpy(fh_u(UBUF + 200), &set, 8);
	CHECK_EQ(SC4(NR_rt_sigprocmask, SIG_BLOCK, UBUF + 200, 0, 8), 0);
	mkpipe(0);
	CHECK_EQ(SC1(NR_close, fds[0]), 0);
	CHECK_EQ(SC3(NR_write, fds[1], UBUF, 1), -EPIPE);
	bkl_lock();
	CHECK_EQ(curthread()->sigq.set, set);
	bkl_unlock();
	fh_proc_end();
}

/* Blocking between CPUs: writers and a reader on separate pthreads, each
 * with a process of its own, sharing the pipe's files. */
#define REC PIPE_BUF
#define RECS 300
static struct file *prd, *pwr;
static atomic_int writers_done;

static void *writer(void *arg)
{
	static char rec[2][REC];
	int id = (int)(intptr_t)arg;

	fh_cpu_attach();
	fh_proc_begin();
	memset(rec[id], 'a' + id, REC);
	for (int i = 0; i < RECS; i++) {
		bkl_lock();
		long r = kern_write(pwr, &io_kernel, (uaddr_t)(uintptr_t)rec[id], REC);
		bkl_unlock();
		CHECK_EQ(r, REC);
	}
	writers_done++;
	fh_proc_end();
	fh_cpu_detach();
	return NULL;
}

TEST(pipe_atomic_writers_between_cpus)
{
	static char buf[REC * 3];
	pthread_t t[2];
	long got = 0, mixed = 0;

	fh_proc_begin();
	bkl_lock();
	CHECK_EQ(pipe_create(0, &prd, &pwr), 0);
	bkl_unlock();
	writers_done = 0;
	for (int i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, writer, (void *)(intptr_t)i);
	size_t have = 0;
	while (got < 2L * RECS * REC) {
		bkl_lock();
		long r = kern_read(prd, &io_kernel, (uaddr_t)(uintptr_t)(buf + have), sizeof(buf) - have);
		bkl_unlock();
		if (r <= 0) {
			CHECK(r > 0);
			break;
		}
		have += (size_t)r;
		got += r;
		size_t whole = have / REC * REC;
		for (size_t k = 0; k < whole; k += REC)
			for (size_t j = 1; j < REC; j++)
				if (buf[k + j] != buf[k]) {
					mixed++;
					break;
				}
		memmove(buf, buf + whole, have - whole);
		have -= whole;
	}
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	CHECK_EQ(mixed, 0);
	CHECK_EQ(got, 2L * RECS * REC);
	bkl_lock();
	file_put(pwr);
	long r = kern_read(prd, &io_kernel, (uaddr_t)(uintptr_t)buf, 1);
	file_put(prd);
	bkl_unlock();
	CHECK_EQ(r, 0);
	fh_proc_end();
}

/* A writer blocked on a full pipe is woken by the reader's close (EPIPE). */
static atomic_long blocked_result;

static void *big_writer(void *arg)
{
	static char big[PIPE_DEFAULT_SIZE * 2];

	(void)arg;
	fh_cpu_attach();
	fh_proc_begin();
	bkl_lock();
	struct thread *t = curthread();
	t->sigmask = SIGBIT(SIGPIPE); /* kept pending, not fatal at once */
	long r = kern_write(pwr, &io_kernel, (uaddr_t)(uintptr_t)big, sizeof(big));
	uint64_t pend = t->sigq.set;
	sig_dequeue(t, pend, NULL);
	t->sigmask = 0;
	bkl_unlock();
	blocked_result = r;
	CHECK_EQ(pend, 1ull << (SIGPIPE - 1));
	fh_proc_end();
	fh_cpu_detach();
	return NULL;
}

TEST(pipe_blocked_writer_reader_closes)
{
	pthread_t t;

	fh_proc_begin();
	bkl_lock();
	CHECK_EQ(pipe_create(0, &prd, &pwr), 0);
	bkl_unlock();
	blocked_result = 1;
	pthread_create(&t, NULL, big_writer, NULL);
	usleep(50000);
	bkl_lock();
	file_put(prd);
	bkl_unlock();
	pthread_join(t, NULL);
	CHECK_EQ(blocked_result, PIPE_DEFAULT_SIZE); /* what fitted before the reader left */
	bkl_lock();
	file_put(pwr);
	bkl_unlock();
	fh_proc_end();
}

/* FIFOs */
static struct pipe *slot;
static atomic_long fifo_r;
static struct file *fifo_f;

static void *fifo_writer(void *arg)
{
	(void)arg;
	fh_cpu_attach();
	fh_proc_begin();
	bkl_lock();
	fifo_r = fifo_open(&slot, O_WRONLY, &fifo_f);
	bkl_unlock();
	fh_proc_end();
	fh_cpu_detach();
	return NULL;
}

TEST(pipe_fifo_open)
{
	struct file *r1, *w1, *rw;
	pthread_t t;

	fh_proc_begin();
	bkl_lock();
	slot = NULL;
	CHECK_EQ(fifo_open(&slot, O_WRONLY | O_NONBLOCK, &w1), -ENXIO);
	CHECK(slot == NULL);
	CHECK_EQ(fifo_open(&slot, O_RDONLY | O_NONBLOCK, &r1), 0);
	CHECK(slot != NULL && file_is_pipe(r1));
	CHECK_EQ(fifo_open(&slot, O_WRONLY | O_NONBLOCK, &w1), 0);
	CHECK_EQ(kern_write(w1, &io_kernel, (uaddr_t)(uintptr_t)"xy", 2), 2);
	char c[4];
	CHECK_EQ(kern_read(r1, &io_kernel, (uaddr_t)(uintptr_t)c, 4), 2);
	file_put(w1);
	file_put(r1);
	CHECK(slot == NULL); /* freed with its last file */
	CHECK_EQ(fifo_open(&slot, O_RDWR, &rw), 0);
	file_put(rw);
	CHECK(slot == NULL);
	/* a blocking writer waits for a reader */
	fifo_r = 1;
	bkl_unlock();
	pthread_create(&t, NULL, fifo_writer, NULL);
	usleep(30000);
	CHECK_EQ(fifo_r, 1); /* still waiting */
	bkl_lock();
	CHECK_EQ(fifo_open(&slot, O_RDONLY, &r1), 0); /* the writer is there already */
	bkl_unlock();
	pthread_join(t, NULL);
	CHECK_EQ(fifo_r, 0);
	bkl_lock();
	file_put(fifo_f);
	CHECK_EQ(kern_read(r1, &io_kernel, (uaddr_t)(uintptr_t)c, 4), 0);
	file_put(r1);
	CHECK(slot == NULL);
	bkl_unlock();
	fh_proc_end();
}
