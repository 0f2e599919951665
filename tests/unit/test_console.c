/* tests/unit/test_console.c -- console input through the want word, EOF, and
 * the descriptors' modes. The test boot makes stdin and stdout terminals. */
#include "fakehost.h"
#include "test.h"
#include "arch.h"
#include "exports.h"
#include "lock.h"
#include "param.h"
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>
#include <wunix/errno.h>
#include <wunix/termios.h>
#include <wunix/uio.h>

#define BUF 20000

static atomic_long read_ret;
static char read_data[64];

static void *reader(void *arg)
{
	fh_cpu_attach();
	fh_proc_begin();
	read_ret = SC3(NR_read, 0, BUF, (intptr_t)arg);
	if (read_ret > 0)
		memcpy(read_data, fh_u(BUF), (size_t)read_ret);
	fh_proc_end();
	fh_cpu_detach();
	return NULL;
}

/* The irq side: waits on the want word (futex, no polling) for a reader. */
static void wait_for_want(void)
{
	uint32_t *want = (uint32_t *)k_console_want();
	while (__atomic_load_n(want, __ATOMIC_SEQ_CST) == 0)
		arch_wait32(want, 0, 1000 * 1000000ll);
}

static void input(const char *s, int n)
{
	char *kbuf = (char *)k_kalloc(n ? (uint32_t)n : 1);
	memcpy(kbuf, s, (size_t)n);
	CHECK_EQ(k_console_input(kbuf, n), n);
	k_kfree((uintptr_t)kbuf);
}

TEST(console_read_waits_for_input)
{
	pthread_t t;
	uint32_t *want = (uint32_t *)k_console_want();

	read_ret = -999;
	pthread_create(&t, NULL, reader, (void *)64);
	wait_for_want();
	CHECK_EQ(read_ret, -999); /* still blocked */
	input("abc\n", 4);
	pthread_join(t, NULL);
	CHECK_EQ(read_ret, 4);
	CHECK(!memcmp(read_data, "abc\n", 4));
	CHECK_EQ(__atomic_load_n(want, __ATOMIC_SEQ_CST), 0);
}

TEST(console_eof_ends_one_read)
{
	pthread_t t;

	read_ret = -999;
	pthread_create(&t, NULL, reader, (void *)64);
	wait_for_want();
	input("", 0);
	pthread_join(t, NULL);
	CHECK_EQ(read_ret, 0);
	/* the next read waits again (a terminal's ^D ends one read) */
	read_ret = -999;
	pthread_create(&t, NULL, reader, (void *)64);
	wait_for_want();
	input("z", 1);
	pthread_join(t, NULL);
	CHECK_EQ(read_ret, 1);
}

TEST(console_buffered_input_and_partial_reads)
{
	struct wunix_iovec iov[2] = { { BUF + 100, 2 }, { BUF + 200, 10 } };

	fh_proc_begin();
	input("hello world", 11);
	CHECK_EQ(SC3(NR_ioctl, 0, FIONREAD, BUF), 0);
	CHECK_EQ(*(int32_t *)fh_u(BUF), 11);
	CHECK_EQ(SC3(NR_read, 0, BUF, 5), 5);
	CHECK(!memcmp(fh_u(BUF), "hello", 5));
	memcpy(fh_u(BUF + 300), iov, sizeof(iov));
	CHECK_EQ(SC3(NR_readv, 0, BUF + 300, 2), 6);
	CHECK(!memcmp(fh_u(BUF + 100), " w", 2));
	CHECK(!memcmp(fh_u(BUF + 200), "orld", 4));
	/* an EOF behind data: the data first, then one 0 */
	input("x", 1);
	input("", 0);
	CHECK_EQ(SC3(NR_read, 0, BUF, 10), 1);
	CHECK_EQ(SC3(NR_read, 0, BUF, 10), 0);
	/* non-blocking: EAGAIN, and the host is asked for input */
	int one = 1;
	memcpy(fh_u(BUF), &one, 4);
	CHECK_EQ(SC3(NR_ioctl, 0, FIONBIO, BUF), 0);
	CHECK_EQ(SC3(NR_read, 0, BUF, 10), -EAGAIN);
	CHECK_EQ(__atomic_load_n((uint32_t *)k_console_want(), __ATOMIC_SEQ_CST), 1);
	input("q", 1);
	CHECK_EQ(SC3(NR_read, 0, BUF, 10), 1);
	fh_proc_end();
}

TEST(console_ring_full_takes_part)
{
	static char big[CONSOLE_RING + 100];

	fh_proc_begin();
	memset(big, 'r', sizeof(big));
	char *kbuf = (char *)k_kalloc(sizeof(big));
	memcpy(kbuf, big, sizeof(big));
	CHECK_EQ(k_console_input(kbuf, (int)sizeof(big)), CONSOLE_RING);
	CHECK_EQ(k_console_input(kbuf, -5), -EINVAL);
	k_kfree((uintptr_t)kbuf);
	long total = 0, r;
	while (total < CONSOLE_RING && (r = SC3(NR_read, 0, BUF, 4096)) > 0)
		total += r;
	CHECK_EQ(total, CONSOLE_RING);
	fh_proc_end();
}

TEST(console_descriptor_modes)
{
	fh_proc_begin();
	memcpy(fh_u(BUF), "to fd0\n", 7);
	fh_console_clear();
	CHECK_EQ(SC3(NR_write, 0, BUF, 7), 7); /* stdin is a terminal: read-write, output to stdout */
	CHECK(!strcmp(fh_console(1), "to fd0\n"));
	CHECK_EQ(SC3(NR_ioctl, 0, TIOCGWINSZ, BUF), 0);
	CHECK_EQ(SC3(NR_ioctl, 2, TIOCGWINSZ, BUF), -ENOTTY); /* isatty(2) is false */
	CHECK_EQ(SC3(NR_ioctl, 1, FIOCLEX, 0), 0);
	fh_proc_end();
}
