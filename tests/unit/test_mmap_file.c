/* tests/unit/test_mmap_file.c -- mmap of files: MAP_PRIVATE copies, MAP_SHARED
 * coherent with read/write of the process, msync and munmap write back, errors. */
#include "fakehost.h"
#include "test.h"
#include "lock.h"
#include "proc.h"
#include "vfs.h"
#include <string.h>
#include <wunix/errno.h>
#include <wunix/fcntl.h>
#include <wunix/mman.h>

#define PG 4096
#define RW (PROT_READ | PROT_WRITE)
#define PATH 20000
#define BUF 24000 /* 3 pages of scratch for read/write */

static long open_(const char *p, int flags)
{
	strcpy(fh_u(PATH), p);
	return SC4(NR_openat, I32(AT_FDCWD), PATH, flags, 0644);
}

static long map(uint64_t len, int prot, int flags, long fd, int64_t off)
{
	return SC6(NR_mmap, 0, len, prot, flags, I32(fd), off);
}

/* Writes n bytes of pattern (byte i is seed + i) at off. */
static void fill_file(long fd, int64_t off, size_t n, unsigned char seed)
{
	unsigned char *b = fh_u(BUF);
	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)(seed + i);
	CHECK_EQ(SC4(NR_pwrite64, fd, BUF, n, off), (long)n);
}

static bool is_pattern(uint64_t u, size_t n, unsigned char seed)
{
	const unsigned char *p = fh_u(u);
	for (size_t i = 0; i < n; i++)
		if (p[i] != (unsigned char)(seed + i))
			return false;
	return true;
}

static bool all_zero(uint64_t u, size_t n)
{
	const unsigned char *p = fh_u(u);
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

static long file_size(long fd)
{
	struct wunix_stat *st = fh_u(BUF);
	CHECK_EQ(SC2(NR_fstat, fd, BUF), 0);
	return (long)st->st_size;
}

TEST(mmap_file_private)
{
	fh_proc_begin();
	long fd = open_("/tmp/mp", O_CREAT | O_RDWR);
	fill_file(fd, 0, 10000, 7);
	long a = map(3 * PG, RW, MAP_PRIVATE, fd, 0);
	CHECK(a > 0 && a % PG == 0);
	CHECK(is_pattern(a, 10000, 7));
	CHECK(all_zero(a + 10000, 3 * PG - 10000)); /* past the end of the file */
	/* private: the file does not change, and later file writes are not seen */
	memset(fh_u(a), 'x', 100);
	CHECK_EQ(SC4(NR_pread64, fd, BUF, 100, 0), 100);
	CHECK(is_pattern(BUF, 100, 7));
	CHECK_EQ(SC2(NR_munmap, a, 3 * PG), 0);
	CHECK(is_pattern(BUF, 100, 7));
	/* an offset, and a read-only descriptor is fine for a writable private copy */
	long ro = open_("/tmp/mp", O_RDONLY);
	long b = map(PG, RW, MAP_PRIVATE, ro, PG);
	CHECK(b > 0);
	CHECK(is_pattern(b, PG, (unsigned char)(7 + PG)));
	/* MADV_DONTNEED reads the file again */
	memset(fh_u(b), 0, 10);
	CHECK_EQ(SC3(NR_madvise, b, PG, MADV_DONTNEED), 0);
	CHECK(is_pattern(b, PG, (unsigned char)(7 + PG)));
	CHECK_EQ(SC2(NR_munmap, b, PG), 0);
	SC1(NR_close, ro);
	SC1(NR_close, fd);
	fh_proc_end();
}

TEST(mmap_file_errors)
{
	fh_proc_begin();
	long rw = open_("/tmp/me", O_CREAT | O_RDWR), ro = open_("/tmp/me", O_RDONLY);
	long wo = open_("/tmp/me", O_WRONLY);
	fill_file(rw, 0, 100, 0);
	CHECK_EQ(map(PG, RW, MAP_SHARED, ro, 0), -EACCES);
	CHECK_EQ(map(PG, PROT_READ, MAP_PRIVATE, wo, 0), -EACCES);
	CHECK_EQ(map(PG, PROT_READ, MAP_PRIVATE, 77, 0), -EBADF);
	CHECK_EQ(map(PG, PROT_READ, MAP_PRIVATE, rw, 100), -EINVAL);
	CHECK_EQ(map(0, PROT_READ, MAP_PRIVATE, rw, 0), -EINVAL);
	long d = open_("/tmp", O_RDONLY | O_DIRECTORY);
	CHECK_EQ(map(PG, PROT_READ, MAP_PRIVATE, d, 0), -ENODEV);
	int *pfd = fh_u(BUF);
	CHECK_EQ(SC2(NR_pipe2, BUF, 0), 0);
	int p0 = pfd[0], p1 = pfd[1];
	CHECK_EQ(map(PG, PROT_READ, MAP_PRIVATE, p0, 0), -ENODEV);
	long path = open_("/tmp/me", O_PATH);
	CHECK_EQ(map(PG, PROT_READ, MAP_PRIVATE, path, 0), -EBADF);
	/* a shared mapping of a read-only descriptor never becomes writable */
	long a = map(PG, PROT_READ, MAP_SHARED, ro, 0);
	CHECK(a > 0);
	CHECK_EQ(SC3(NR_mprotect, a, PG, RW), -EACCES);
	memset(fh_u(a), 'z', 10); /* wasm cannot stop this: it must not reach the file */
	CHECK_EQ(SC2(NR_munmap, a, PG), 0);
	CHECK_EQ(SC4(NR_pread64, rw, BUF, 10, 0), 10);
	CHECK(is_pattern(BUF, 10, 0));
	/* msync */
	a = map(PG, RW, MAP_SHARED, rw, 0);
	CHECK_EQ(SC3(NR_msync, a + 1, PG, MS_SYNC), -EINVAL);
	CHECK_EQ(SC3(NR_msync, a, PG, MS_SYNC | MS_ASYNC), -EINVAL);
	CHECK_EQ(SC3(NR_msync, a, PG, 8), -EINVAL);
	CHECK_EQ(SC3(NR_msync, a, 2 * PG, MS_SYNC), -ENOMEM);
	CHECK_EQ(SC3(NR_msync, a, 0, MS_SYNC), 0);
	CHECK_EQ(SC2(NR_munmap, a, PG), 0);
	CHECK_EQ(SC3(NR_msync, a, PG, MS_SYNC), -ENOMEM);
	SC1(NR_close, p0);
	SC1(NR_close, p1);
	SC1(NR_close, path);
	SC1(NR_close, d);
	SC1(NR_close, wo);
	SC1(NR_close, ro);
	SC1(NR_close, rw);
	fh_proc_end();
}

TEST(mmap_file_shared_coherent)
{
	fh_proc_begin();
	long fd = open_("/tmp/ms", O_CREAT | O_RDWR);
	fill_file(fd, 0, 6000, 1);
	long a = map(2 * PG, RW, MAP_SHARED, fd, 0);
	CHECK(a > 0);
	bkl_lock();
	struct vnode *vn = curproc()->mm.vmas->vn;
	CHECK(vn && vn->mmaps == 1);
	bkl_unlock();
	/* a store into the mapping is what read returns */
	memcpy(fh_u(a + 10), "hello", 5);
	CHECK_EQ(SC4(NR_pread64, fd, BUF, 5, 10), 5);
	CHECK(memcmp(fh_u(BUF), "hello", 5) == 0);
	CHECK_EQ(SC3(NR_lseek, fd, 4096, SEEK_SET), 4096);
	memcpy(fh_u(a + 4096), "world", 5);
	CHECK_EQ(SC3(NR_read, fd, BUF, 5), 5);
	CHECK(memcmp(fh_u(BUF), "world", 5) == 0);
	/* a write is what the mapping holds */
	memcpy(fh_u(BUF), "WRITE", 5);
	CHECK_EQ(SC4(NR_pwrite64, fd, BUF, 5, 100), 5);
	CHECK(memcmp(fh_u(a + 100), "WRITE", 5) == 0);
	CHECK(memcmp(fh_u(a + 10), "hello", 5) == 0); /* the mapping's own change stays */
	/* the mapping never extends the file */
	memset(fh_u(a + 6000), 'q', 100);
	CHECK_EQ(SC3(NR_msync, a, 2 * PG, MS_SYNC), 0);
	CHECK_EQ(file_size(fd), 6000);
	/* truncating zeroes what lies past the new end; growing it back shows zeros */
	CHECK_EQ(SC2(NR_ftruncate, fd, 50), 0);
	CHECK(all_zero(a + 50, 2 * PG - 50));
	CHECK_EQ(SC2(NR_ftruncate, fd, 6000), 0);
	CHECK(all_zero(a + 50, 2 * PG - 50));
	CHECK(memcmp(fh_u(a + 10), "hello", 5) == 0);
	/* munmap writes back */
	memcpy(fh_u(a + 200), "bye", 3);
	CHECK_EQ(SC2(NR_munmap, a, 2 * PG), 0);
	bkl_lock();
	CHECK_EQ(vn->mmaps, 0);
	bkl_unlock();
	CHECK_EQ(SC4(NR_pread64, fd, BUF, 3, 200), 3);
	CHECK(memcmp(fh_u(BUF), "bye", 3) == 0);
	SC1(NR_close, fd);
	fh_proc_end();
}

TEST(mmap_file_shared_two_maps_and_exit)
{
	fh_proc_begin();
	long fd = open_("/tmp/m2", O_CREAT | O_RDWR);
	fill_file(fd, 0, 3 * PG, 3);
	long a = map(2 * PG, RW, MAP_SHARED, fd, 0), b = map(2 * PG, RW, MAP_SHARED, fd, PG);
	CHECK(a > 0 && b > 0);
	/* a's second page is b's first: msync of a refills the page in b */
	memcpy(fh_u(a + PG + 8), "shared", 6);
	CHECK_EQ(SC3(NR_msync, a, 2 * PG, MS_SYNC), 0);
	CHECK(memcmp(fh_u(b + 8), "shared", 6) == 0);
	/* split by munmap and mprotect: the pieces keep their file offsets */
	CHECK_EQ(SC3(NR_mprotect, b + PG, PG, PROT_READ), 0);
	CHECK_EQ(SC2(NR_munmap, a, PG), 0);
	memcpy(fh_u(b + PG), "tail", 4);
	/* exit writes back what is still mapped; a new process sees it */
	SC1(NR_close, fd);
	fh_proc_end();
	fh_proc_begin();
	fd = open_("/tmp/m2", O_RDONLY);
	CHECK_EQ(SC4(NR_pread64, fd, BUF, 4, 2 * PG), 4);
	CHECK(memcmp(fh_u(BUF), "tail", 4) == 0);
	CHECK_EQ(SC4(NR_pread64, fd, BUF, 6, PG + 8), 6);
	CHECK(memcmp(fh_u(BUF), "shared", 6) == 0);
	SC1(NR_close, fd);
	fh_proc_end();
}

TEST(mmap_file_mremap)
{
	fh_proc_begin();
	long fd = open_("/tmp/mr", O_CREAT | O_RDWR);
	fill_file(fd, 0, 3 * PG, 9);
	long a = map(PG, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(a > 0);
	/* grown (moved or in place), the new part holds the file's next bytes */
	long b = SC5(NR_mremap, a, PG, 3 * PG, MREMAP_MAYMOVE, 0);
	CHECK(b > 0);
	CHECK(is_pattern(b, 3 * PG, 9));
	CHECK_EQ(SC2(NR_munmap, b, 3 * PG), 0);
	SC1(NR_close, fd);
	fh_proc_end();
}
