/* tests/unit/test_hostfs.c -- hostfs through system calls, against the fake
 * host's temporary directory mounted at /mnt/host: what the guest does shows on
 * the host at once and the other way round; errors are Linux's. */
#include "fakehost.h"
#include "test.h"
#include <stdio.h>
#include <string.h>
#include <wunix/errno.h>
#include <wunix/fcntl.h>
#include <wunix/stat.h>

#define P1 20000
#define P2 21000
#define BUF 24000

static int64_t upath(uint64_t at, const char *s)
{
	strcpy(fh_u(at), s);
	return (int64_t)at;
}

/* fakehost_hostfs.c: the host's side of the mounted directory, by relative name. */
long fh_host_read(const char *name, char *buf, size_t n);
long fh_host_write(const char *name, const char *text);
long fh_host_mode(const char *name, uint64_t *ino);
long fh_host_mkdir(const char *name);
long fh_host_unlink(const char *name);
long fh_host_readlink(const char *name, char *buf, size_t n);

static long sys_open(const char *p, int flags)
{
	return SC4(NR_openat, I32(AT_FDCWD), upath(P1, p), flags, 0644);
}

TEST(hostfs_guest_writes_host_sees)
{
	char b[32] = { 0 };
	uint64_t ino;

	fh_proc_begin();
	long fd = sys_open("/mnt/host/g1", O_CREAT | O_EXCL | O_RDWR);
	CHECK(fd >= 3);
	memcpy(fh_u(BUF), "guest bytes", 11);
	CHECK_EQ(SC3(NR_write, fd, BUF, 11), 11);
	CHECK_EQ(fh_host_read("g1", b, sizeof(b)), 11);
	CHECK(memcmp(b, "guest bytes", 11) == 0);
	CHECK_EQ(fh_host_mode("g1", &ino), S_IFREG | (0644 & ~022));
	/* the host rewrites it; the guest reads the new bytes through its descriptor */
	CHECK_EQ(fh_host_write("g1", "host"), 4);
	CHECK_EQ(SC4(NR_pread64, fd, BUF, 32, 0), 4);
	CHECK(memcmp(fh_u(BUF), "host", 4) == 0);
	struct wunix_stat *ws = fh_u(BUF + 128);
	CHECK_EQ(SC2(NR_fstat, fd, BUF + 128), 0);
	CHECK_EQ(ws->st_size, 4);
	CHECK_EQ(ws->st_ino, ino);
	CHECK_EQ(SC1(NR_close, fd), 0);
	CHECK_EQ(sys_open("/mnt/host/g1", O_CREAT | O_EXCL | O_RDWR), -EEXIST);
	CHECK_EQ(SC3(NR_unlinkat, I32(AT_FDCWD), upath(P1, "/mnt/host/g1"), 0), 0);
	CHECK_EQ(fh_host_mode("g1", NULL), -ENOENT);
	fh_proc_end();
}

TEST(hostfs_dirs_rename_and_errors)
{
	fh_proc_begin();
	CHECK_EQ(SC3(NR_mkdirat, I32(AT_FDCWD), upath(P1, "/mnt/host/d"), 0755), 0);
	CHECK_EQ(SC3(NR_mkdirat, I32(AT_FDCWD), upath(P1, "/mnt/host/d"), 0755), -EEXIST);
	CHECK_EQ(fh_host_mkdir("d/fromhost"), 0);
	CHECK_EQ(SC3(NR_unlinkat, I32(AT_FDCWD), upath(P1, "/mnt/host/d"), AT_REMOVEDIR), -ENOTEMPTY);
	CHECK_EQ(SC5(NR_renameat2, I32(AT_FDCWD), upath(P1, "/mnt/host/d/fromhost"), I32(AT_FDCWD),
	             upath(P2, "/mnt/host/d/moved"), 0), 0);
	CHECK_EQ(fh_host_mode("d/moved", NULL) & S_IFMT, S_IFDIR);
	CHECK_EQ(SC5(NR_renameat2, I32(AT_FDCWD), upath(P1, "/mnt/host/d/moved"), I32(AT_FDCWD),
	             upath(P2, "/tmp/moved"), 0), -EXDEV);
	/* a cwd inside survives the rename of a directory above it */
	CHECK_EQ(SC1(NR_chdir, upath(P1, "/mnt/host/d/moved")), 0);
	CHECK_EQ(SC5(NR_renameat2, I32(AT_FDCWD), upath(P1, "/mnt/host/d"), I32(AT_FDCWD),
	             upath(P2, "/mnt/host/e"), 0), 0);
	long fd = sys_open("inside", O_CREAT | O_WRONLY);
	CHECK(fd >= 3);
	SC1(NR_close, fd);
	CHECK_EQ(fh_host_mode("e/moved/inside", NULL) & S_IFMT, S_IFREG);
	CHECK_EQ(SC2(NR_getcwd, BUF, 100), 18);
	CHECK(strcmp(fh_u(BUF), "/mnt/host/e/moved") == 0);
	/* ".." leaves the mount for the directory it covers, never the host's parent */
	CHECK_EQ(SC1(NR_chdir, upath(P1, "../../../../..")), 0);
	CHECK_EQ(SC2(NR_getcwd, BUF, 100), 2);
	CHECK_EQ(SC3(NR_symlinkat, upath(P1, "/tmp"), I32(AT_FDCWD), upath(P2, "/mnt/host/ln")), 0);
	char t[16] = { 0 };
	CHECK_EQ(fh_host_readlink("ln", t, sizeof(t)), 4);
	CHECK_EQ(SC4(NR_readlinkat, I32(AT_FDCWD), upath(P1, "/mnt/host/ln"), BUF, 100), 4);
	CHECK_EQ(fh_host_unlink("e/moved/inside"), 0);
	CHECK_EQ(SC3(NR_unlinkat, I32(AT_FDCWD), upath(P1, "/mnt/host/e/moved"), AT_REMOVEDIR), 0);
	CHECK_EQ(SC3(NR_unlinkat, I32(AT_FDCWD), upath(P1, "/mnt/host/e"), AT_REMOVEDIR), 0);
	CHECK_EQ(SC3(NR_unlinkat, I32(AT_FDCWD), upath(P1, "/mnt/host/ln"), 0), 0);
	CHECK_EQ(sys_open("/mnt/host/e", O_RDONLY), -ENOENT);
	fh_proc_end();
}

TEST(hostfs_getdents_sees_host_files)
{
	fh_proc_begin();
	CHECK_EQ(fh_host_mkdir("list"), 0);
	for (int i = 0; i < 40; i++) {
		char n[32];
		snprintf(n, sizeof(n), "list/f%02d", i);
		CHECK_EQ(fh_host_write(n, ""), 0);
	}
	long fd = sys_open("/mnt/host/list", O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 3);
	int count = 0;
	long n;
	while ((n = SC3(NR_getdents64, fd, BUF, 512)) > 0) {
		for (long o = 0; o < n;) {
			struct wunix_dirent64 *d = fh_u(BUF + (uint64_t)o);
			count++;
			o += d->d_reclen;
		}
	}
	CHECK_EQ(n, 0);
	CHECK_EQ(count, 42);
	SC1(NR_close, fd);
	fh_proc_end();
}
