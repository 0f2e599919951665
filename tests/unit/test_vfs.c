/* tests/unit/test_vfs.c -- the VFS and memfs through system calls: create,
 * read back, directories, links, rename, symlinks, ENOSPC-free bookkeeping. */
#include "fakehost.h"
#include "test.h"
#include "kalloc.h"
#include <string.h>
#include <wunix/errno.h>
#include <wunix/fcntl.h>
#include <wunix/stat.h>

#define P1 20000  /* user addresses for paths and buffers */
#define P2 21000
#define BUF 24000

static int64_t path(uint64_t at, const char *s)
{
	strcpy(fh_u(at), s);
	return (int64_t)at;
}

TEST(vfs_create_read_unlink)
{
	fh_proc_begin();
	long fd = SC4(NR_openat, I32(AT_FDCWD), path(P1, "/tmp/a"), O_CREAT | O_RDWR, 0644);
	CHECK(fd >= 3);
	memcpy(fh_u(BUF), "hello", 5);
	CHECK_EQ(SC3(NR_write, fd, BUF, 5), 5);
	CHECK_EQ(SC4(NR_pread64, fd, BUF + 100, 5, 0), 5);
	CHECK(memcmp(fh_u(BUF + 100), "hello", 5) == 0);
	CHECK_EQ(SC3(NR_unlinkat, I32(AT_FDCWD), path(P1, "/tmp/a"), 0), 0);
	/* still readable until closed */
	CHECK_EQ(SC4(NR_pread64, fd, BUF + 200, 5, 0), 5);
	struct wunix_stat *st = fh_u(BUF + 400);
	CHECK_EQ(SC2(NR_fstat, fd, BUF + 400), 0);
	CHECK_EQ(st->st_nlink, 0);
	CHECK_EQ(st->st_size, 5);
	CHECK_EQ(SC1(NR_close, fd), 0);
	CHECK_EQ(SC4(NR_openat, I32(AT_FDCWD), path(P1, "/tmp/a"), O_RDONLY, 0), -ENOENT);
	fh_proc_end();
}

TEST(vfs_dirs_and_links)
{
	fh_proc_begin();
	CHECK_EQ(SC3(NR_mkdirat, I32(AT_FDCWD), path(P1, "/tmp/d"), 0755), 0);
	CHECK_EQ(SC3(NR_mkdirat, I32(AT_FDCWD), path(P1, "/tmp/d"), 0755), -EEXIST);
	CHECK_EQ(SC3(NR_symlinkat, path(P1, "d"), I32(AT_FDCWD), path(P2, "/tmp/l")), 0);
	CHECK_EQ(SC1(NR_chdir, path(P1, "/tmp/l")), 0);
	CHECK_EQ(SC2(NR_getcwd, BUF, 100), 7);
	CHECK(strcmp(fh_u(BUF), "/tmp/d") == 0);
	CHECK_EQ(SC3(NR_symlinkat, path(P1, "loop"), I32(AT_FDCWD), path(P2, "loop")), 0);
	CHECK_EQ(SC4(NR_openat, I32(AT_FDCWD), path(P1, "loop"), O_RDONLY, 0), -ELOOP);
	CHECK_EQ(SC3(NR_unlinkat, I32(AT_FDCWD), path(P1, "/tmp/d"), AT_REMOVEDIR), -ENOTEMPTY);
	CHECK_EQ(SC3(NR_unlinkat, I32(AT_FDCWD), path(P1, "loop"), 0), 0);
	CHECK_EQ(SC1(NR_chdir, path(P1, "..")), 0);
	CHECK_EQ(SC2(NR_getcwd, BUF, 100), 5);
	CHECK_EQ(SC3(NR_unlinkat, I32(AT_FDCWD), path(P1, "l"), 0), 0);
	CHECK_EQ(SC3(NR_unlinkat, I32(AT_FDCWD), path(P1, "d"), AT_REMOVEDIR), 0);
	CHECK_EQ(SC1(NR_chdir, path(P1, "/dev")), 0);
	CHECK_EQ(SC1(NR_chdir, path(P1, "..")), 0);
	CHECK_EQ(SC2(NR_getcwd, BUF, 100), 2);
	fh_proc_end();
}
