/* tests/unit/test_procfs.c -- /proc through system calls: self, status and stat,
 * cmdline and environ, fd links (paths, pipes, reopening), the listing, the
 * devfs links into /proc, errors, and that nothing leaks. */
#include "fakehost.h"
#include "test.h"
#include "exports.h"
#include "kalloc.h"
#include "lock.h"
#include <stdio.h>
#include <string.h>
#include <wunix/errno.h>
#include <wunix/fcntl.h>
#include <wunix/stat.h>

#define P1 20000 /* user addresses for paths and buffers */
#define BUF 24000
#define BIG 40000

static int64_t path(const char *s)
{
	strcpy(fh_u(P1), s);
	return (int64_t)P1;
}

/* Reads all of path into BIG (NUL-terminated): the length, or -errno. */
static long slurp(const char *p)
{
	long fd = SC4(NR_openat, I32(AT_FDCWD), path(p), O_RDONLY, 0), n, total = 0;

	if (fd < 0)
		return fd;
	while ((n = SC3(NR_read, fd, BIG + total, 4000 - total)) > 0)
		total += n;
	SC1(NR_close, fd);
	((char *)fh_u(BIG))[total] = 0;
	return n < 0 ? n : total;
}

static long rdlink(const char *p)
{
	long n = SC4(NR_readlinkat, I32(AT_FDCWD), path(p), BUF, 200);
	if (n >= 0)
		((char *)fh_u(BUF))[n] = 0;
	return n;
}

TEST(procfs_self_status_stat)
{
	int pid = fh_proc_begin();
	char want[64];

	CHECK(rdlink("/proc/self") > 0);
	snprintf(want, sizeof(want), "%d", pid);
	CHECK(strcmp(fh_u(BUF), want) == 0);
	CHECK(slurp("/proc/self/status") > 0);
	snprintf(want, sizeof(want), "\nPid:\t%d\nPPid:\t1\n", pid);
	CHECK(strstr(fh_u(BIG), want) != NULL);
	CHECK(strncmp(fh_u(BIG), "Name:\ttest\nUmask:\t0022\nState:\tR (running)\n", 40) == 0);
	CHECK(strstr(fh_u(BIG), "Uid:\t0\t0\t0\t0\n") != NULL);
	CHECK(slurp("/proc/self/stat") > 0);
	snprintf(want, sizeof(want), "%d (test) R 1 %d %d ", pid, pid, pid);
	CHECK(strncmp(fh_u(BIG), want, strlen(want)) == 0);
	int fields = 1;
	for (const char *s = fh_u(BIG); *s; s++)
		fields += *s == ' ';
	CHECK_EQ(fields, 52);
	/* the same through the pid, and a stat of the directory */
	snprintf(want, sizeof(want), "/proc/%d/stat", pid);
	CHECK(slurp(want) > 0);
	struct wunix_stat *st = fh_u(BUF + 1000);
	snprintf(want, sizeof(want), "/proc/%d", pid);
	CHECK_EQ(SC4(NR_newfstatat, I32(AT_FDCWD), path(want), BUF + 1000, 0), 0);
	CHECK_EQ(st->st_mode, S_IFDIR | 0555);
	CHECK_EQ(slurp("/proc/999999/status"), -ENOENT);
	CHECK_EQ(slurp("/proc/77/status"), -ENOENT);
	CHECK_EQ(slurp("/proc/self/nothing"), -ENOENT);
	fh_proc_end();
}

TEST(procfs_cmdline_environ)
{
	static const char *const argv[] = { "/bin/prog", "one", "", "three", NULL };
	static const char *const envp[] = { "A=1", "B=two", NULL };

	fh_umem_init(32, 64);
	CHECK(fh_start(argv, envp, 65536, 70000) > 0);
	CHECK_EQ(slurp("/proc/self/cmdline"), 21);
	CHECK(memcmp(fh_u(BIG), "/bin/prog\0one\0\0three\0", 21) == 0);
	CHECK_EQ(slurp("/proc/self/environ"), 10);
	CHECK(memcmp(fh_u(BIG), "A=1\0B=two\0", 10) == 0);
	CHECK(slurp("/proc/self/status") > 0);
	CHECK(strncmp(fh_u(BIG), "Name:\tprog\n", 11) == 0);
	/* reads continue the text made at offset 0; a read at 0 makes it anew */
	long fd = SC4(NR_openat, I32(AT_FDCWD), path("/proc/self/cmdline"), O_RDONLY, 0);
	CHECK_EQ(SC3(NR_read, fd, BIG, 4), 4);
	CHECK_EQ(SC3(NR_read, fd, BIG, 100), 17);
	CHECK_EQ(SC3(NR_read, fd, BIG, 100), 0);
	CHECK_EQ(SC4(NR_pread64, fd, BIG, 100, 0), 21);
	CHECK_EQ(SC3(NR_write, fd, BIG, 1), -EBADF);
	CHECK_EQ(SC1(NR_close, fd), 0);
	CHECK_EQ(SC4(NR_openat, I32(AT_FDCWD), path("/proc/self/cmdline"), O_WRONLY | O_TRUNC, 0), -EACCES);
	CHECK_EQ(SC4(NR_openat, I32(AT_FDCWD), path("/proc/self/x"), O_WRONLY | O_CREAT, 0644), -EACCES);
	fh_proc_end();
}

TEST(procfs_fd_links)
{
	char want[64];

	fh_proc_begin();
	int32_t *fds = fh_u(BUF + 2000);
	long fd = SC4(NR_openat, I32(AT_FDCWD), path("/tmp/pf"), O_CREAT | O_RDWR, 0644);
	CHECK(fd >= 3);
	memcpy(fh_u(BIG), "abcdef", 6);
	CHECK_EQ(SC3(NR_write, fd, BIG, 6), 6);
	snprintf(want, sizeof(want), "/proc/self/fd/%ld", fd);
	CHECK_EQ(rdlink(want), 7);
	CHECK(strcmp(fh_u(BUF), "/tmp/pf") == 0);
	/* opening through the link is a new open file description of the same file */
	long fd2 = SC4(NR_openat, I32(AT_FDCWD), path(want), O_RDONLY, 0);
	CHECK(fd2 > fd);
	CHECK_EQ(SC3(NR_read, fd2, BIG, 3), 3);
	CHECK(memcmp(fh_u(BIG), "abc", 3) == 0);
	CHECK_EQ(SC1(NR_close, fd2), 0);
	/* unlinked: still reachable through the link */
	CHECK_EQ(SC3(NR_unlinkat, I32(AT_FDCWD), path("/tmp/pf"), 0), 0);
	CHECK(rdlink(want) > 0);
	CHECK(strstr(fh_u(BUF), "(deleted)") != NULL);
	fd2 = SC4(NR_openat, I32(AT_FDCWD), path(want), O_RDONLY, 0);
	CHECK_EQ(SC3(NR_read, fd2, BIG, 10), 6);
	SC1(NR_close, fd2);
	SC1(NR_close, fd);

	/* pipes: pipe:[ino], and a reopened end shares the pipe */
	CHECK_EQ(SC2(NR_pipe2, BUF + 2000, 0), 0);
	snprintf(want, sizeof(want), "/proc/self/fd/%d", fds[1]);
	CHECK(rdlink(want) > 0);
	CHECK(strncmp(fh_u(BUF), "pipe:[", 6) == 0);
	long w2 = SC4(NR_openat, I32(AT_FDCWD), path(want), O_WRONLY, 0);
	CHECK(w2 >= 0);
	CHECK_EQ(SC3(NR_write, w2, path("xyz"), 3), 3);
	CHECK_EQ(SC3(NR_read, fds[0], BIG, 10), 3);
	CHECK_EQ(SC1(NR_close, w2), 0);
	CHECK_EQ(SC1(NR_close, fds[1]), 0);
	CHECK_EQ(SC3(NR_read, fds[0], BIG, 10), 0); /* no writer left: EOF */
	SC1(NR_close, fds[0]);

	/* devfs's links into /proc/self now resolve */
	CHECK_EQ(rdlink("/proc/self/fd/1"), 12);
	CHECK(strcmp(fh_u(BUF), "/dev/console") == 0);
	fh_console_clear();
	long out = SC4(NR_openat, I32(AT_FDCWD), path("/dev/stdout"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(out >= 0);
	CHECK_EQ(SC3(NR_write, out, path("hi\n"), 3), 3);
	CHECK(strstr(fh_console(1), "hi\n") != NULL);
	SC1(NR_close, out);
	fd = SC4(NR_openat, I32(AT_FDCWD), path("/dev/null"), O_RDONLY, 0);
	snprintf(want, sizeof(want), "/dev/fd/%ld", fd);
	CHECK_EQ(rdlink(want), 9);
	CHECK(strcmp(fh_u(BUF), "/dev/null") == 0);
	SC1(NR_close, fd);
	CHECK_EQ(rdlink("/proc/self/fd/77"), -ENOENT);
	CHECK_EQ(rdlink("/proc/self/cwd"), 1);
	CHECK_EQ(SC1(NR_chdir, path("/proc/self/cwd")), 0);
	CHECK_EQ(SC1(NR_chdir, path("/tmp")), 0);
	CHECK_EQ(rdlink("/proc/self/cwd"), 4);
	CHECK(strcmp(fh_u(BUF), "/tmp") == 0);
	CHECK_EQ(rdlink("/proc/self/exe"), -ENOENT); /* started without k_file_load */
	fh_proc_end();
}

TEST(procfs_listing_and_mounts)
{
	int pid = fh_proc_begin();
	char want[16];
	bool self = false, me = false, init = false;

	long dfd = SC4(NR_openat, I32(AT_FDCWD), path("/proc"), O_RDONLY | O_DIRECTORY, 0);
	long n;
	snprintf(want, sizeof(want), "%d", pid);
	while ((n = SC3(NR_getdents64, dfd, BIG, 4000)) > 0) {
		for (long off = 0; off < n;) {
			struct wunix_dirent64 *d = fh_u(BIG + off);
			self |= strcmp(d->d_name, "self") == 0;
			me |= strcmp(d->d_name, want) == 0;
			init |= strcmp(d->d_name, "1") == 0;
			off += d->d_reclen;
		}
	}
	CHECK_EQ(n, 0);
	CHECK(self && me && init);
	SC1(NR_close, dfd);
	CHECK(slurp("/proc/mounts") > 0);
	CHECK(strstr(fh_u(BIG), "tmpfs / tmpfs rw 0 0\n") != NULL);
	CHECK(strstr(fh_u(BIG), "proc /proc proc rw 0 0\n") != NULL);
	CHECK(strstr(fh_u(BIG), " /dev ") != NULL);
	CHECK(slurp("/proc/meminfo") > 0);
	CHECK(strncmp(fh_u(BIG), "MemTotal:        4194304 kB\n", 28) == 0);
	CHECK(slurp("/proc/uptime") > 0);
	CHECK(strchr(fh_u(BIG), '.') != NULL);
	CHECK(slurp("/proc/cpuinfo") > 0);
	CHECK(strncmp(fh_u(BIG), "processor\t: 0\n", 14) == 0);
	fh_proc_end();
}

TEST(procfs_permissions)
{
	char p[64], want[64];

	int pid = fh_proc_begin();
	/* a descriptor on a /proc directory: its link names it */
	long dfd = SC4(NR_openat, I32(AT_FDCWD), path("/proc/self/fd"), O_RDONLY, 0);
	CHECK(dfd >= 0);
	snprintf(p, sizeof(p), "%ld", dfd);
	snprintf(want, sizeof(want), "/proc/%d/fd", pid);
	CHECK_EQ(SC4(NR_readlinkat, dfd, path(p), BUF, 100), (long)strlen(want));
	CHECK(memcmp(fh_u(BUF), want, strlen(want)) == 0);
	SC1(NR_close, dfd);
	/* another uid may read status, not environ, cwd or the fd directory */
	CHECK_EQ(SC3(NR_setresuid, 1000, 1000, 1000), 0);
	CHECK(slurp("/proc/1/status") > 0);
	CHECK_EQ(slurp("/proc/1/environ"), -EACCES);
	CHECK_EQ(rdlink("/proc/1/cwd"), -EACCES);
	CHECK_EQ(SC4(NR_openat, I32(AT_FDCWD), path("/proc/1/fd"), O_RDONLY, 0), -EACCES);
	CHECK(slurp("/proc/self/environ") >= 0);
	CHECK(rdlink("/proc/self/fd/0") > 0);
	fh_proc_end();
}

TEST(procfs_exe)
{
	struct file_info info = { 0 };

	fh_proc_begin();
	long fd = SC4(NR_openat, I32(AT_FDCWD), path("/tmp/prog"), O_CREAT | O_WRONLY, 0755);
	CHECK_EQ(SC3(NR_write, fd, path("\0asm"), 4), 4);
	SC1(NR_close, fd);
	fh_proc_end();
	/* the host loads the program, then starts it on the same CPU */
	long buf = k_file_load("/tmp/prog", &info);
	CHECK(buf > 0);
	CHECK_EQ(info.len, 4);
	CHECK(info.ino > 0 && info.size == 4);
	k_kfree((uintptr_t)buf);
	fh_proc_begin();
	CHECK_EQ(rdlink("/proc/self/exe"), 9);
	CHECK(strcmp(fh_u(BUF), "/tmp/prog") == 0);
	CHECK_EQ(slurp("/proc/self/exe"), 4);
	CHECK_EQ(SC3(NR_unlinkat, I32(AT_FDCWD), path("/tmp/prog"), 0), 0);
	CHECK(rdlink("/proc/self/exe") > 0);
	CHECK(strstr(fh_u(BUF), "(deleted)") != NULL);
	fh_proc_end();
	/* used once: the next process started on this CPU has none */
	fh_proc_begin();
	CHECK_EQ(rdlink("/proc/self/exe"), -ENOENT);
	fh_proc_end();
}

TEST(procfs_no_leaks)
{
	struct kalloc_stats before, after;

	bkl_lock();
	kalloc_get_stats(&before);
	bkl_unlock();
	fh_proc_begin();
	for (int i = 0; i < 3; i++) {
		CHECK(slurp("/proc/self/status") > 0);
		CHECK(slurp("/proc/self/stat") > 0);
		CHECK(slurp("/proc/mounts") > 0);
		CHECK(rdlink("/proc/self/fd/0") > 0);
		CHECK(rdlink("/proc/self/cwd") > 0);
		long fd = SC4(NR_openat, I32(AT_FDCWD), path("/dev/stdin"), O_RDONLY, 0);
		CHECK(fd >= 0);
		SC1(NR_close, fd);
	}
	fh_proc_end();
	bkl_lock();
	kalloc_get_stats(&after);
	bkl_unlock();
	CHECK(after.live_allocs <= before.live_allocs);
}

TEST(procfs_paths_inside_proc)
{
	char want[64];

	int pid = fh_proc_begin();
	long fd = SC4(NR_openat, I32(AT_FDCWD), path("/proc/meminfo"), O_RDONLY, 0);
	snprintf(want, sizeof(want), "/proc/self/fd/%ld", fd);
	CHECK_EQ(rdlink(want), 13);
	CHECK(strcmp(fh_u(BUF), "/proc/meminfo") == 0);
	SC1(NR_close, fd);
	CHECK_EQ(SC1(NR_chdir, path("/proc/self/fd")), 0);
	snprintf(want, sizeof(want), "/proc/%d/fd", pid);
	CHECK_EQ(SC2(NR_getcwd, BUF, 100), (long)strlen(want) + 1);
	CHECK(strcmp(fh_u(BUF), want) == 0);
	CHECK_EQ(SC1(NR_chdir, path("../../self/..")), 0);
	CHECK_EQ(SC2(NR_getcwd, BUF, 100), 6);
	CHECK(strcmp(fh_u(BUF), "/proc") == 0);
	fh_proc_end();
}
