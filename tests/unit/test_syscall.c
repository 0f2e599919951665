/* tests/unit/test_syscall.c -- dispatch, argument checks, tracing, the console
 * descriptors, and process exit. */
#include "fakehost.h"
#include "test.h"
#include "exports.h"
#include "lock.h"
#include "proc.h"
#include <stdio.h>
#include <string.h>
#include <wunix/errno.h>
#include <wunix/fcntl.h>
#include <wunix/termios.h>
#include <wunix/uio.h>
#include <wunix/utsname.h>

TEST(syscall_unknown_numbers_enosys)
{
	fh_proc_begin();
	fh_log_clear();
	CHECK_EQ(SC0(9999), -ENOSYS);
	CHECK_EQ(SC0(-1), -ENOSYS);
	CHECK_EQ(SC0(38), -ENOSYS);             /* a hole in the table */
	CHECK_EQ(SC2(NR_mlock, 0, 0), -ENOSYS); /* named, not implemented */
	CHECK(fh_log_has("syscall_9999("));
	CHECK(fh_log_has("syscall_-1("));
	CHECK(fh_log_has("mlock(0, 0, 0, 0, 0, 0) = -1 ENOSYS"));
	fh_proc_end();
}

TEST(syscall_trace_lines)
{
	char line[64];
	int pid = fh_proc_begin();

	fh_log_clear();
	SC0(NR_getpid);
	snprintf(line, sizeof(line), "[%d] getpid() = %d", pid, pid);
	CHECK(fh_log_has(line));
	SC3(NR_write, I32(-1), 0x10000, 3);
	snprintf(line, sizeof(line), "[%d] write(-1, 0x10000, 3) = -1 EBADF", pid);
	CHECK(fh_log_has(line));
	SC3(NR_write, 1, 0, 10);
	snprintf(line, sizeof(line), "[%d] write(1, NULL, 10) = -1 EFAULT", pid);
	CHECK(fh_log_has(line));
	SC4(NR_rt_sigprocmask, 9, 0, 0, 8);
	snprintf(line, sizeof(line), "[%d] rt_sigprocmask(9, NULL, NULL, 8) = 0", pid);
	CHECK(fh_log_has(line));
	SC6(NR_mmap, 0, 4096, 3, 0x22, I32(-1), 0);
	snprintf(line, sizeof(line), "[%d] mmap(NULL, 4096, 0x3, 0x22, -1, 0) = 0x", pid);
	CHECK(fh_log_has(line));
	fh_proc_end();
	snprintf(line, sizeof(line), "[%d] exit_group(0) = ?", pid);
	CHECK(fh_log_has(line));
}

TEST(syscall_bad_fd_ebadf)
{
	fh_proc_begin();
	memcpy(fh_u(9192), "x", 1);
	CHECK_EQ(SC3(NR_write, 99, 9192, 1), -EBADF);
	CHECK_EQ(SC3(NR_write, I32(-1), 9192, 1), -EBADF);
	CHECK_EQ(SC3(NR_write, 256, 9192, 1), -EBADF);
	CHECK_EQ(SC3(NR_write, (1ll << 40) | 99, 9192, 1), -EBADF); /* ints are truncated to 32 bits */
	CHECK_EQ(SC3(NR_read, 77, 9192, 1), -EBADF);
	CHECK_EQ(SC1(NR_close, 77), -EBADF);
	CHECK_EQ(SC3(NR_lseek, 77, 0, 0), -EBADF);
	CHECK_EQ(SC3(NR_ioctl, 77, TCGETS, 9192), -EBADF);
	CHECK_EQ(SC3(NR_readv, 77, 9192, 1), -EBADF);
	CHECK_EQ(SC3(NR_read, 2, 9192, 1), -EBADF); /* stderr is not a terminal: write-only */
	CHECK_EQ(SC1(NR_close, 2), 0);
	CHECK_EQ(SC3(NR_write, 2, 9192, 1), -EBADF); /* closed */
	CHECK_EQ(SC1(NR_close, 2), -EBADF);
	fh_proc_end();
}

TEST(syscall_bad_pointers_efault)
{
	fh_proc_begin();
	fh_console_clear();
	uint64_t size = (uint64_t)fh_umem()->pages * FH_PAGE;
	CHECK_EQ(SC3(NR_write, 1, 0xfffffff0u, 100), -EFAULT);
	CHECK_EQ(SC3(NR_write, 1, 0, 10), -EFAULT);
	CHECK_EQ(SC3(NR_write, 1, 0, 0), 0);
	CHECK_EQ(SC3(NR_write, 1, 0x100001000ull, 10), -EFAULT);
	CHECK_EQ(SC3(NR_write, 1, size - 4, 10), -EFAULT);
	CHECK_EQ(SC1(NR_uname, 0xfffffff0u), -EFAULT);
	CHECK_EQ(SC2(NR_clock_gettime, 0, size), -EFAULT);
	CHECK_EQ(SC3(NR_getrandom, size - 8, 16, 0), -EFAULT);
	CHECK_EQ(SC3(NR_getrandom, 0x100000000ull, 16, 0), -EFAULT);
	CHECK_EQ(SC4(NR_rt_sigaction, 10, 0xfffffff0u, 0, 8), -EFAULT);
	CHECK_EQ(SC2(NR_nanosleep, 0xfffffff0u, 0), -EFAULT);
	CHECK(strlen(fh_console(1)) == 0);
	/* the kernel is still fine */
	memcpy(fh_u(9192), "ok\n", 3);
	CHECK_EQ(SC3(NR_write, 1, 9192, 3), 3);
	CHECK(!strcmp(fh_console(1), "ok\n"));
	fh_proc_end();
}

TEST(syscall_write_and_writev_to_console)
{
	struct wunix_iovec iov[3] = { { 10192, 6 }, { 0, 0 }, { 10292, 6 } };

	fh_proc_begin();
	fh_console_clear();
	memcpy(fh_u(10192), "hello ", 6);
	memcpy(fh_u(10292), "world\n", 6);
	CHECK_EQ(SC3(NR_write, 1, 10192, 6), 6);
	CHECK_EQ(SC3(NR_write, 1, 10192, 0), 0);
	memcpy(fh_u(11192), iov, sizeof(iov));
	CHECK_EQ(SC3(NR_writev, 2, 11192, 3), 12);
	CHECK(!strcmp(fh_console(1), "hello "));
	CHECK(!strcmp(fh_console(2), "hello world\n"));
	CHECK_EQ(SC3(NR_writev, 1, 11192, I32(-1)), -EINVAL);
	CHECK_EQ(SC3(NR_writev, 1, 11192, 1025), -EINVAL);
	CHECK_EQ(SC3(NR_writev, 1, 11192, 0), 0);
	CHECK_EQ(SC3(NR_writev, 1, 0xfffffff8u, 1), -EFAULT);
	iov[1] = (struct wunix_iovec){ 0xfffffff0u, 100 };
	memcpy(fh_u(11192), iov, sizeof(iov));
	fh_console_clear();
	CHECK_EQ(SC3(NR_writev, 1, 11192, 3), -EFAULT); /* checked before anything is written */
	CHECK(strlen(fh_console(1)) == 0);
	iov[1] = (struct wunix_iovec){ 10192, 0x80000000u };
	memcpy(fh_u(11192), iov, sizeof(iov));
	CHECK_EQ(SC3(NR_writev, 1, 11192, 3), -EINVAL);
	fh_proc_end();
}

TEST(syscall_console_lseek_ioctl)
{
	struct wunix_termios tio;
	struct wunix_winsize ws;

	fh_proc_begin();
	CHECK_EQ(SC3(NR_lseek, 1, 0, 0), -ESPIPE);
	CHECK_EQ(SC3(NR_lseek, 0, 0, 0), -ESPIPE);
	/* stdout is a terminal in the test boot, stderr is not */
	CHECK_EQ(SC3(NR_ioctl, 1, TCGETS, 12192), 0);
	memcpy(&tio, fh_u(12192), sizeof(tio));
	CHECK(tio.c_lflag & ICANON);
	CHECK(tio.c_lflag & ECHO);
	CHECK(tio.c_oflag & ONLCR);
	CHECK_EQ(tio.c_cc[VINTR], 3);
	CHECK_EQ(tio.c_cc[VEOF], 4);
	CHECK_EQ(tio.c_cc[VMIN], 1);
	CHECK_EQ(SC3(NR_ioctl, 1, TIOCGWINSZ, 12292), 0);
	memcpy(&ws, fh_u(12292), sizeof(ws));
	CHECK_EQ(ws.ws_row, 50);
	CHECK_EQ(ws.ws_col, 132);
	CHECK_EQ(SC3(NR_ioctl, 2, TCGETS, 12192), -ENOTTY);
	CHECK_EQ(SC3(NR_ioctl, 2, TIOCGWINSZ, 12192), -ENOTTY);
	CHECK_EQ(SC3(NR_ioctl, 1, 0x12345678, 12192), -ENOTTY);
	CHECK_EQ(SC3(NR_ioctl, 1, TCGETS, 0xfffffff0u), -EFAULT);
	tio.c_lflag &= ~(uint32_t)ICANON;
	memcpy(fh_u(12192), &tio, sizeof(tio));
	CHECK_EQ(SC3(NR_ioctl, 1, TCSETS, 12192), 0);
	memset(fh_u(12392), 0, sizeof(tio));
	CHECK_EQ(SC3(NR_ioctl, 0, TCGETS, 12392), 0);
	CHECK(!(((struct wunix_termios *)fh_u(12392))->c_lflag & ICANON));
	tio.c_lflag |= ICANON;
	memcpy(fh_u(12192), &tio, sizeof(tio));
	CHECK_EQ(SC3(NR_ioctl, 1, TCSETS, 12192), 0);
	fh_proc_end();
}

TEST(syscall_ids_uname_random)
{
	struct wunix_utsname u;
	int pid = fh_proc_begin();

	CHECK(pid > 1);
	CHECK_EQ(SC0(NR_gettid), pid);
	CHECK_EQ(SC0(NR_getppid), 1);
	CHECK_EQ(SC1(NR_set_tid_address, 13192), pid);
	CHECK_EQ(SC0(NR_sched_yield), 0);
	CHECK_EQ(SC1(NR_uname, 14192), 0);
	memcpy(&u, fh_u(14192), sizeof(u));
	CHECK(!strcmp(u.sysname, "wunix"));
	CHECK(!strcmp(u.machine, "wasm32"));
	CHECK(u.release[0] && u.version[0]);
	memset(fh_u(15192), 0, 64);
	CHECK_EQ(SC3(NR_getrandom, 15192, 64, 0), 64);
	CHECK(!memcmp(fh_u(15192), fh_last_random, 64));
	CHECK_EQ(SC3(NR_getrandom, 15192, 0, 0), 0);
	CHECK_EQ(SC3(NR_getrandom, 15192, 8, 0x8), -EINVAL);
	CHECK_EQ(SC3(NR_getrandom, 15192, 8, 0x6), -EINVAL); /* GRND_RANDOM | GRND_INSECURE */
	CHECK_EQ(SC3(NR_getrandom, 15192, 8, 0x1), 8);
	fh_proc_end();
}

TEST(syscall_pids_are_distinct)
{
	int a = fh_proc_begin();
	fh_proc_end();
	int b = fh_proc_begin();
	fh_proc_end();
	CHECK(a != b);
}

static void exit_group_with(void *arg)
{
	SC1(NR_exit_group, (intptr_t)arg);
}

static void exit_with(void *arg)
{
	SC1(NR_exit, (intptr_t)arg);
}

static void trap_with(void *arg)
{
	k_thread_trap((int)(intptr_t)arg);
}

/* Runs fn in a fresh process and returns the wait status the host was told. */
static int status_of(void (*fn)(void *), intptr_t arg)
{
	int pid = fh_proc_begin();
	struct proc *p = curproc();
	uint32_t *state = (uint32_t *)k_thread_state();

	fh_exit_pid = 0;
	CHECK(fh_run_until_exit(fn, (void *)arg));
	CHECK_EQ(fh_exit_pid, pid);
	CHECK_EQ(p->state, P_UNUSED); /* init reaped it at once */
	CHECK_EQ(__atomic_load_n(state, __ATOMIC_SEQ_CST), TS_DEAD);
	CHECK(k_thread_state() == 0);
	CHECK(!bkl_held());
	fh_umem_free();
	return fh_exit_status;
}

TEST(exit_wait_status)
{
	CHECK_EQ(status_of(exit_group_with, 0), 0);
	CHECK_EQ(status_of(exit_group_with, 256 + 7), 7 << 8);
	CHECK_EQ(status_of(exit_group_with, -1), 255 << 8);
	CHECK_EQ(status_of(exit_with, 3), 3 << 8);
	CHECK_EQ(status_of(trap_with, 11), 11);
	CHECK_EQ(status_of(trap_with, 4), 4);
	CHECK_EQ(status_of(trap_with, 0), 11); /* nonsense signals become SIGSEGV */
}

TEST(exit_reparents_children_to_init)
{
	fh_proc_begin();
	struct proc *me = curproc();
	bkl_lock();
	struct proc *live = proc_alloc(me), *zombie = proc_alloc(me);
	zombie->state = P_ZOMBIE;
	bkl_unlock();
	CHECK(live && zombie);
	fh_proc_end();
	bkl_lock();
	CHECK(live->parent == initproc);
	CHECK_EQ(zombie->state, P_UNUSED);
	live->state = P_ZOMBIE;
	proc_reap(live);
	bkl_unlock();
}
