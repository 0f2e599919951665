/* tests/unit/test_tty.c -- the line discipline through tty.h's driver API with
 * a fake driver (output captured, room limited): long canonical lines, a full
 * raw ring holding the master back, tab erasure, switching modes with input
 * waiting, hang-ups (dead files, a reader asleep at a pty's hang-up). */
#include "fakehost.h"
#include "test.h"
#include "fd.h"
#include "lock.h"
#include "param.h"
#include "proc.h"
#include "tty.h"
#include "usercopy.h"
#include <pthread.h>
#include <string.h>
#include <unistd.h>
#include <wunix/errno.h>
#include <wunix/fcntl.h>
#include <wunix/termios.h>

static struct tty tt;
static uint8_t out[8192];
static size_t nout, room = SIZE_MAX;
static int room_calls;

static size_t fake_room(struct tty *tp)
{
	return room == SIZE_MAX ? sizeof(out) - nout : room;
}

static void fake_write(struct tty *tp, const uint8_t *b, size_t n)
{
	memcpy(out + nout, b, n);
	nout += n;
	if (room != SIZE_MAX)
		room -= n;
}

static void fake_input_room(struct tty *tp)
{
	room_calls++;
}

static const struct tty_driver fake = {
	.write_room = fake_room,
	.write = fake_write,
	.input_room = fake_input_room,
};

/* A terminal with a file open on it (no controlling terminal). */
static struct file *setup(void)
{
	struct file *f;
	nout = 0;
	room = SIZE_MAX;
	room_calls = 0;
	bkl_lock();
	tty_init(&tt, &fake, NULL);
	CHECK_EQ(tty_open_file(&tt, O_RDWR | O_NOCTTY, &f), 0);
	bkl_unlock();
	return f;
}

static void teardown(struct file *f)
{
	bkl_lock();
	file_put(f);
	tty_release(&tt);
	bkl_unlock();
}

static size_t type(const char *s, size_t n)
{
	bkl_lock();
	size_t r = tty_input(&tt, (const uint8_t *)s, n);
	bkl_unlock();
	return r;
}

static long rd(struct file *f, char *buf, size_t n)
{
	bkl_lock();
	long r = f->ops->read(f, &io_kernel, (uaddr_t)(uintptr_t)buf, n);
	bkl_unlock();
	return r;
}

#define UTIO 0x20000 /* a termios in the process memory */

static long set_lflag(struct file *f, uint32_t clear, uint32_t set)
{
	struct wunix_termios *t = fh_u(UTIO);
	bkl_lock();
	*t = tt.tio;
	t->c_lflag = (t->c_lflag & ~clear) | set;
	t->c_cc[VMIN] = 1;
	t->c_cc[VTIME] = 0;
	long r = tty_ioctl(&tt, f, TCSETS, UTIO);
	bkl_unlock();
	return r;
}

TEST(tty_canonical_line_too_long)
{
	static char line[TTY_BUF + 100], buf[TTY_BUF + 100];
	fh_proc_begin();
	struct file *f = setup();
	memset(line, 'x', sizeof(line));
	/* bytes past TTY_BUF - 1 are dropped; the newline still ends the line */
	CHECK_EQ(type(line, sizeof(line)), sizeof(line));
	CHECK_EQ(type("\n", 1), 1);
	CHECK_EQ(rd(f, buf, sizeof(buf)), TTY_BUF);
	CHECK_EQ(buf[TTY_BUF - 1], '\n');
	teardown(f);
	fh_proc_end();
}

TEST(tty_raw_full_holds_master)
{
	static char data[TTY_BUF + 10], buf[TTY_BUF + 10];
	fh_proc_begin();
	struct file *f = setup();
	CHECK_EQ(set_lflag(f, ICANON | ECHO, 0), 0);
	memset(data, 'y', sizeof(data));
	CHECK_EQ(type(data, sizeof(data)), TTY_BUF); /* the rest waits */
	CHECK_EQ(type(data, 1), 0);
	room_calls = 0;
	CHECK_EQ(rd(f, buf, 100), 100);
	CHECK(room_calls > 0); /* the master may type again */
	CHECK_EQ(type(data, 10), 10);
	CHECK_EQ(rd(f, buf, sizeof(buf)), TTY_BUF - 100 + 10);
	teardown(f);
	fh_proc_end();
}

TEST(tty_erase_tab_and_control)
{
	char buf[16];
	fh_proc_begin();
	struct file *f = setup();
	/* "ab<TAB>" is at column 8: erasing the tab goes back 6 columns;
	 * ^A echoes as two columns, erased by two "\b \b" */
	CHECK_EQ(type("ab\t\x7f\x01\x7f" "c\n", 8), 8);
	const char *want = "ab\t\b\b\b\b\b\b^A\b \b\b \bc\r\n";
	CHECK_EQ(nout, strlen(want));
	CHECK(memcmp(out, want, nout) == 0);
	CHECK_EQ(rd(f, buf, sizeof(buf)), 4);
	CHECK(memcmp(buf, "abc\n", 4) == 0);
	teardown(f);
	fh_proc_end();
}

TEST(tty_echo_dropped_without_room)
{
	char buf[16];
	fh_proc_begin();
	struct file *f = setup();
	room = 1;
	CHECK_EQ(type("ab\n", 3), 3); /* input is taken, echo that does not fit is not */
	CHECK_EQ(nout, 1);
	CHECK_EQ(rd(f, buf, sizeof(buf)), 3);
	teardown(f);
	fh_proc_end();
}

TEST(tty_mode_switch_keeps_input)
{
	char buf[16];
	fh_proc_begin();
	struct file *f = setup();
	CHECK_EQ(type("part", 4), 4);
	CHECK_EQ(set_lflag(f, ICANON, 0), 0); /* the line being edited is readable raw */
	CHECK_EQ(rd(f, buf, sizeof(buf)), 4);
	CHECK_EQ(type("xy", 2), 2);
	CHECK_EQ(set_lflag(f, 0, ICANON), 0); /* and what waits becomes a line */
	CHECK_EQ(rd(f, buf, sizeof(buf)), 2);
	CHECK(memcmp(buf, "xy", 2) == 0);
	teardown(f);
	fh_proc_end();
}

TEST(tty_hangup_kills_old_files)
{
	char buf[4];
	struct file *g;
	fh_proc_begin();
	struct file *f = setup();
	bkl_lock();
	tty_hangup(&tt);
	CHECK_EQ(f->ops->write(f, &io_kernel, (uaddr_t)(uintptr_t)"x", 1), -EIO);
	CHECK_EQ(tty_ioctl(&tt, f, TCGETS, UTIO), -EIO);
	CHECK_EQ(tty_ioctl(&tt, f, TIOCSPGRP, UTIO), -ENOTTY);
	CHECK_EQ(tty_open_file(&tt, O_RDWR | O_NOCTTY, &g), 0); /* a new open works */
	bkl_unlock();
	CHECK_EQ(rd(f, buf, 1), 0);
	CHECK_EQ(type("z\n", 2), 2);
	CHECK_EQ(rd(g, buf, sizeof(buf)), 2);
	bkl_lock();
	file_put(g);
	bkl_unlock();
	teardown(f);
	fh_proc_end();
}

static struct file *sleeper_file;
static volatile long sleeper_result = 1;

static void *sleeper(void *arg)
{
	char c;
	(void)arg;
	fh_cpu_attach();
	fh_proc_begin();
	sleeper_result = rd(sleeper_file, &c, 1);
	fh_proc_end();
	fh_cpu_detach();
	return NULL;
}

TEST(tty_reader_asleep_at_pty_hangup)
{
	pthread_t t;
	fh_proc_begin();
	struct file *f = setup();
	sleeper_file = f;
	pthread_create(&t, NULL, sleeper, NULL);
	for (int asleep = 0; !asleep; usleep(1000)) {
		bkl_lock();
		asleep = tt.rsleep;
		bkl_unlock();
	}
	bkl_lock();
	tt.other_closed = true;
	tty_hangup(&tt);
	bkl_unlock();
	pthread_join(t, NULL);
	CHECK_EQ(sleeper_result, -EIO); /* Linux; a read after the hang-up gets 0 */
	CHECK_EQ(rd(f, (char[1]){0}, 1), 0);
	teardown(f);
	fh_proc_end();
}
