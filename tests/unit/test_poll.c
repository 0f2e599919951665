/* tests/unit/test_poll.c -- ppoll, pselect6 and epoll on pipes: readiness,
 * timeouts that sleep, wake-ups from another CPU, and argument errors. */
#include "fakehost.h"
#include "test.h"
#include "fd.h"
#include "lock.h"
#include "pipe.h"
#include "proc.h"
#include "usercopy.h"
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wunix/errno.h>
#include <wunix/fcntl.h>
#include <wunix/poll.h>

#define UFDS 0x20000
#define UPFD 0x20100
#define UTS 0x20200
#define USET 0x20300
#define UEV 0x20400
#define UBUF 0x21000

static int fds[2];

static void mkpipe(int flags)
{
	CHECK_EQ(SC2(NR_pipe2, UFDS, flags), 0);
	memcpy(fds, fh_u(UFDS), sizeof(fds));
}

static void set_ts(int64_t sec, int64_t nsec)
{
	int64_t ts[2] = { sec, nsec };
	memcpy(fh_u(UTS), ts, sizeof(ts));
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static struct wunix_pollfd *pfd(int i)
{
	return (struct wunix_pollfd *)fh_u(UPFD) + i;
}

TEST(poll_pipe_readiness)
{
	fh_proc_begin();
	mkpipe(0);
	*pfd(0) = (struct wunix_pollfd){ fds[0], POLLIN, 0 };
	*pfd(1) = (struct wunix_pollfd){ fds[1], POLLOUT, 0 };
	*pfd(2) = (struct wunix_pollfd){ 200, POLLIN, 0 };
	*pfd(3) = (struct wunix_pollfd){ -1, POLLIN, 77 };
	set_ts(0, 0);
	CHECK_EQ(SC5(NR_ppoll, UPFD, 4, UTS, 0, 8), 2);
	CHECK_EQ(pfd(0)->revents, 0);
	CHECK_EQ(pfd(1)->revents, POLLOUT);
	CHECK_EQ(pfd(2)->revents, POLLNVAL);
	CHECK_EQ(pfd(3)->revents, 0);
	CHECK_EQ(SC3(NR_write, fds[1], UBUF, 3), 3);
	CHECK_EQ(SC5(NR_ppoll, UPFD, 2, UTS, 0, 8), 2);
	CHECK_EQ(pfd(0)->revents, POLLIN);
	CHECK_EQ(SC1(NR_close, fds[1]), 0);
	CHECK_EQ(SC5(NR_ppoll, UPFD, 1, UTS, 0, 8), 1);
	CHECK_EQ(pfd(0)->revents, POLLIN | POLLHUP);
	CHECK_EQ(SC3(NR_read, fds[0], UBUF, 10), 3);
	CHECK_EQ(SC5(NR_ppoll, UPFD, 1, UTS, 0, 8), 1);
	CHECK_EQ(pfd(0)->revents, POLLHUP);
	/* argument errors */
	CHECK_EQ(SC5(NR_ppoll, UPFD, 257, UTS, 0, 8), -EINVAL);
	CHECK_EQ(SC5(NR_ppoll, 0xfffffff0u, 2, UTS, 0, 8), -EFAULT);
	set_ts(0, 1000000000);
	CHECK_EQ(SC5(NR_ppoll, UPFD, 1, UTS, 0, 8), -EINVAL);
	set_ts(0, 0);
	CHECK_EQ(SC5(NR_ppoll, UPFD, 1, UTS, UBUF, 4), -EINVAL); /* sigsetsize */
	fh_proc_end();
}

TEST(poll_timeout_sleeps)
{
	fh_proc_begin();
	mkpipe(0);
	*pfd(0) = (struct wunix_pollfd){ fds[0], POLLIN, 0 };
	set_ts(0, 60 * 1000000);
	double t0 = now_ms(), c0 = cpu_ms();
	CHECK_EQ(SC5(NR_ppoll, UPFD, 1, UTS, 0, 8), 0);
	double t1 = now_ms(), c1 = cpu_ms();
	CHECK(t1 - t0 >= 59);
	CHECK(c1 - c0 < 20); /* slept, did not spin */
	int64_t *left = fh_u(UTS);
	CHECK_EQ(left[0], 0);
	CHECK_EQ(left[1], 0); /* remaining time written back, as Linux */
	/* select with a timeout and nothing ready */
	memset(fh_u(USET), 0, 128);
	((uint32_t *)fh_u(USET))[0] = 1u << fds[0];
	set_ts(0, 30 * 1000000);
	t0 = now_ms();
	CHECK_EQ(SC6(NR_pselect6, fds[0] + 1, USET, 0, 0, UTS, 0), 0);
	CHECK(now_ms() - t0 >= 29);
	CHECK_EQ(((uint32_t *)fh_u(USET))[0], 0);
	fh_proc_end();
}

TEST(poll_select_sets)
{
	fh_proc_begin();
	mkpipe(0);
	uint32_t *rd = fh_u(USET), *wr = fh_u(USET + 128);
	memset(rd, 0, 256);
	rd[0] = 1u << fds[0];
	wr[0] = 1u << fds[1];
	set_ts(0, 0);
	CHECK_EQ(SC6(NR_pselect6, 64, USET, USET + 128, 0, UTS, 0), 1);
	CHECK_EQ(rd[0], 0);
	CHECK_EQ(wr[0], 1u << fds[1]);
	CHECK_EQ(SC3(NR_write, fds[1], UBUF, 1), 1);
	rd[0] = 1u << fds[0];
	wr[0] = 1u << fds[1];
	CHECK_EQ(SC6(NR_pselect6, 64, USET, USET + 128, 0, UTS, 0), 2);
	CHECK_EQ(rd[0], 1u << fds[0]);
	rd[1] = 1u << 8; /* fd 40: not open */
	CHECK_EQ(SC6(NR_pselect6, 64, USET, 0, 0, UTS, 0), -EBADF);
	CHECK_EQ(SC6(NR_pselect6, -1, USET, 0, 0, UTS, 0), -EINVAL);
	/* the sigmask argument: { pointer, size }; a bad size is EINVAL */
	uint64_t sig[2] = { UBUF, 7 };
	memcpy(fh_u(UBUF + 64), sig, sizeof(sig));
	rd[0] = 0;
	CHECK_EQ(SC6(NR_pselect6, 64, USET, 0, 0, UTS, UBUF + 64), -EINVAL);
	fh_proc_end();
}

/* A poller on one CPU woken by a writer on another. */
static struct file *wfile;

static void *late_writer(void *arg)
{
	(void)arg;
	fh_cpu_attach();
	fh_proc_begin();
	usleep(40000);
	bkl_lock();
	kern_write(wfile, &io_kernel, (uaddr_t)(uintptr_t)"z", 1);
	bkl_unlock();
	fh_proc_end();
	fh_cpu_detach();
	return NULL;
}

TEST(poll_woken_by_other_cpu)
{
	pthread_t t;

	fh_proc_begin();
	mkpipe(0);
	bkl_lock();
	wfile = file_get(fd_lookup(fds[1]));
	bkl_unlock();
	*pfd(0) = (struct wunix_pollfd){ fds[0], POLLIN, 0 };
	pthread_create(&t, NULL, late_writer, NULL);
	set_ts(5, 0);
	double t0 = now_ms();
	CHECK_EQ(SC5(NR_ppoll, UPFD, 1, UTS, 0, 8), 1);
	CHECK(now_ms() - t0 < 2500);
	CHECK_EQ(pfd(0)->revents, POLLIN);
	int64_t *left = fh_u(UTS);
	CHECK(left[0] >= 2 && left[0] <= 4); /* about 4.96 s left */
	pthread_join(t, NULL);
	bkl_lock();
	file_put(wfile);
	bkl_unlock();
	fh_proc_end();
}

static struct wunix_epoll_event *ev(int i)
{
	return (struct wunix_epoll_event *)fh_u(UEV) + i;
}

static long ctl(int ep, int op, int fd, uint32_t events, uint64_t data)
{
	struct wunix_epoll_event e = { events, 0, data };
	memcpy(fh_u(UBUF + 512), &e, sizeof(e));
	return SC4(NR_epoll_ctl, ep, op, fd, UBUF + 512);
}

TEST(poll_epoll_pipe_modes)
{
	fh_proc_begin();
	mkpipe(0);
	CHECK_EQ(SC1(NR_epoll_create1, 1), -EINVAL);
	int ep = (int)SC1(NR_epoll_create1, EPOLL_CLOEXEC);
	CHECK(ep >= 0);
	CHECK_EQ(SC6(NR_epoll_pwait, ep, UEV, 8, 0, 0, 8), 0);
	CHECK_EQ(ctl(ep, EPOLL_CTL_ADD, fds[0], POLLIN, 0x1122334455667788ull), 0);
	CHECK_EQ(ctl(ep, EPOLL_CTL_ADD, fds[0], POLLIN, 0), -EEXIST);
	CHECK_EQ(ctl(ep, EPOLL_CTL_MOD, fds[1], POLLOUT, 0), -ENOENT);
	CHECK_EQ(ctl(ep, EPOLL_CTL_ADD, ep, POLLIN, 0), -EINVAL);
	CHECK_EQ(ctl(fds[0], EPOLL_CTL_ADD, fds[1], POLLIN, 0), -EINVAL);
	CHECK_EQ(ctl(ep, 9, fds[0], POLLIN, 0), -EINVAL);
	CHECK_EQ(ctl(ep, EPOLL_CTL_ADD, 99, POLLIN, 0), -EBADF);
	CHECK_EQ(SC6(NR_epoll_pwait, ep, UEV, 0, 0, 0, 8), -EINVAL);
	CHECK_EQ(SC6(NR_epoll_pwait, fds[0], UEV, 8, 0, 0, 8), -EINVAL);
	CHECK_EQ(SC6(NR_epoll_pwait, ep, UEV, 8, 0, 0, 8), 0);
	/* level-triggered: reported while it holds */
	CHECK_EQ(SC3(NR_write, fds[1], UBUF, 2), 2);
	CHECK_EQ(SC6(NR_epoll_pwait, ep, UEV, 8, 0, 0, 8), 1);
	CHECK_EQ(ev(0)->events, POLLIN);
	CHECK(ev(0)->data == 0x1122334455667788ull);
	CHECK_EQ(SC6(NR_epoll_pwait, ep, UEV, 8, 0, 0, 8), 1);
	/* edge-triggered: once per change */
	CHECK_EQ(ctl(ep, EPOLL_CTL_MOD, fds[0], POLLIN | EPOLLET, 5), 0);
	CHECK_EQ(SC6(NR_epoll_pwait, ep, UEV, 8, 0, 0, 8), 1);
	CHECK_EQ(SC6(NR_epoll_pwait, ep, UEV, 8, 0, 0, 8), 0);
	CHECK_EQ(SC3(NR_write, fds[1], UBUF, 2), 2);
	CHECK_EQ(SC6(NR_epoll_pwait, ep, UEV, 8, 0, 0, 8), 1);
	CHECK_EQ(ev(0)->data, 5);
	CHECK_EQ(SC6(NR_epoll_pwait, ep, UEV, 8, 0, 0, 8), 0);
	/* one-shot: once until re-armed */
	CHECK_EQ(ctl(ep, EPOLL_CTL_MOD, fds[0], POLLIN | EPOLLONESHOT, 6), 0);
	CHECK_EQ(SC6(NR_epoll_pwait, ep, UEV, 8, 0, 0, 8), 1);
	CHECK_EQ(SC3(NR_write, fds[1], UBUF, 2), 2);
	CHECK_EQ(SC6(NR_epoll_pwait, ep, UEV, 8, 0, 0, 8), 0);
	CHECK_EQ(ctl(ep, EPOLL_CTL_MOD, fds[0], POLLIN, 7), 0);
	CHECK_EQ(SC6(NR_epoll_pwait, ep, UEV, 8, 0, 0, 8), 1);
	/* two items, maxevents 1 */
	CHECK_EQ(ctl(ep, EPOLL_CTL_ADD, fds[1], POLLOUT, 8), 0);
	CHECK_EQ(SC6(NR_epoll_pwait, ep, UEV, 1, 0, 0, 8), 1);
	CHECK_EQ(SC6(NR_epoll_pwait, ep, UEV, 8, 0, 0, 8), 2);
	/* closing the file drops its item; the read end then sees HUP */
	CHECK_EQ(SC1(NR_close, fds[1]), 0);
	CHECK_EQ(SC6(NR_epoll_pwait, ep, UEV, 8, 0, 0, 8), 1);
	CHECK_EQ(ev(0)->events, POLLIN | POLLHUP);
	CHECK_EQ(ctl(ep, EPOLL_CTL_DEL, fds[0], 0, 0), 0);
	CHECK_EQ(ctl(ep, EPOLL_CTL_DEL, fds[0], 0, 0), -ENOENT);
	CHECK_EQ(SC6(NR_epoll_pwait, ep, UEV, 8, 0, 0, 8), 0);
	/* timeout sleeps */
	double t0 = now_ms();
	CHECK_EQ(SC6(NR_epoll_pwait, ep, UEV, 8, 30, 0, 8), 0);
	CHECK(now_ms() - t0 >= 29);
	fh_proc_end();
}

TEST(poll_epoll_nested_and_loops)
{
	fh_proc_begin();
	mkpipe(0);
	int ep1 = (int)SC1(NR_epoll_create1, 0), ep2 = (int)SC1(NR_epoll_create1, 0);
	CHECK_EQ(ctl(ep1, EPOLL_CTL_ADD, fds[0], POLLIN, 1), 0);
	CHECK_EQ(ctl(ep2, EPOLL_CTL_ADD, ep1, POLLIN, 2), 0);
	CHECK_EQ(ctl(ep1, EPOLL_CTL_ADD, ep2, POLLIN, 3), -ELOOP);
	CHECK_EQ(SC6(NR_epoll_pwait, ep2, UEV, 8, 0, 0, 8), 0);
	CHECK_EQ(SC3(NR_write, fds[1], UBUF, 1), 1);
	CHECK_EQ(SC6(NR_epoll_pwait, ep2, UEV, 8, 0, 0, 8), 1);
	CHECK_EQ(ev(0)->data, 2);
	/* poll on an epoll file */
	*pfd(0) = (struct wunix_pollfd){ ep1, POLLIN, 0 };
	set_ts(0, 0);
	CHECK_EQ(SC5(NR_ppoll, UPFD, 1, UTS, 0, 8), 1);
	CHECK_EQ(SC1(NR_close, ep1), 0); /* drops ep2's item, frees ep1 */
	CHECK_EQ(SC6(NR_epoll_pwait, ep2, UEV, 8, 0, 0, 8), 0);
	fh_proc_end(); /* closes ep2 and the pipe */
}
