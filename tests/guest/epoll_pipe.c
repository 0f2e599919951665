/* compare: native */
/* epoll on a pipe: level-triggered items are reported while data is there,
 * edge-triggered ones once per write, one-shot ones once until re-armed;
 * closing the descriptor (the last reference) removes the item. */
#include "check.h"
#include <sys/epoll.h>
#include <unistd.h>

int main(void)
{
	int fd[2];
	struct epoll_event ev, out[4];

	CHECK_EQ(pipe(fd), 0);
	int ep = epoll_create1(EPOLL_CLOEXEC);
	CHECK(ep >= 0);
	ev = (struct epoll_event){ .events = EPOLLIN, .data.u64 = 42 };
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, fd[0], &ev), 0);
	CHECK_ERRNO(epoll_ctl(ep, EPOLL_CTL_ADD, fd[0], &ev), EEXIST);
	CHECK_ERRNO(epoll_ctl(ep, EPOLL_CTL_DEL, fd[1], NULL), ENOENT);
	CHECK_EQ(epoll_wait(ep, out, 4, 0), 0);
	CHECK_EQ(write(fd[1], "ab", 2), 2);
	CHECK_EQ(epoll_wait(ep, out, 4, 1000), 1);
	printf("lt %x %llu\n", out[0].events, (unsigned long long)out[0].data.u64);
	CHECK_EQ(epoll_wait(ep, out, 4, 0), 1);
	ev = (struct epoll_event){ .events = EPOLLIN | EPOLLET, .data.u64 = 7 };
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_MOD, fd[0], &ev), 0);
	CHECK_EQ(epoll_wait(ep, out, 4, 0), 1);
	CHECK_EQ(epoll_wait(ep, out, 4, 0), 0);
	CHECK_EQ(write(fd[1], "c", 1), 1);
	CHECK_EQ(epoll_wait(ep, out, 4, 0), 1);
	printf("et %x %llu\n", out[0].events, (unsigned long long)out[0].data.u64);
	ev = (struct epoll_event){ .events = EPOLLIN | EPOLLONESHOT, .data.u64 = 9 };
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_MOD, fd[0], &ev), 0);
	CHECK_EQ(epoll_wait(ep, out, 4, 0), 1);
	CHECK_EQ(epoll_wait(ep, out, 4, 0), 0);
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_MOD, fd[0], &ev), 0);
	CHECK_EQ(epoll_wait(ep, out, 4, 0), 1);
	CHECK_EQ(close(fd[1]), 0);
	ev = (struct epoll_event){ .events = EPOLLIN, .data.u64 = 1 };
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_MOD, fd[0], &ev), 0);
	CHECK_EQ(epoll_wait(ep, out, 4, 0), 1);
	printf("hup %x\n", out[0].events);
	CHECK_EQ(close(fd[0]), 0);
	CHECK_EQ(epoll_wait(ep, out, 4, 30), 0);
	CHECK_ERRNO(epoll_wait(ep, out, 0, 0), EINVAL);
	return check_done();
}
