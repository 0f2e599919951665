/* wunix/poll.h -- poll, select and epoll: events and structures (Linux generic values, wasm32 sizes). */
#ifndef WUNIX_POLL_H
#define WUNIX_POLL_H

#include <stdint.h>

#define POLLIN 0x001
#define POLLPRI 0x002
#define POLLOUT 0x004
#define POLLERR 0x008
#define POLLHUP 0x010
#define POLLNVAL 0x020
#define POLLRDNORM 0x040
#define POLLRDBAND 0x080
#define POLLWRNORM 0x100
#define POLLWRBAND 0x200
#define POLLMSG 0x400
#define POLLRDHUP 0x2000

struct wunix_pollfd {
	int32_t fd;
	int16_t events;
	int16_t revents;
};

/* select's fd_set: FD_SETSIZE bits in 32-bit words (wasm32's unsigned long). */
#define WUNIX_FD_SETSIZE 1024

#define EPOLL_CTL_ADD 1
#define EPOLL_CTL_DEL 2
#define EPOLL_CTL_MOD 3
#define EPOLLEXCLUSIVE (1u << 28)
#define EPOLLWAKEUP (1u << 29)
#define EPOLLONESHOT (1u << 30)
#define EPOLLET (1u << 31)
#define EPOLL_CLOEXEC 02000000

/* struct epoll_event on wasm32: the 64-bit data is 8-aligned (16 bytes; only
 * x86-64 packs it). */
struct wunix_epoll_event {
	uint32_t events;
	uint32_t pad;
	uint64_t data;
};

#endif
