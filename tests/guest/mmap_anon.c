/* compare: native */
/* Anonymous mmap: page-aligned, zero-filled (also when the range was used and
 * unmapped before), writable; munmap of part of a mapping; mremap growing in
 * place, refusing to move without MREMAP_MAYMOVE, and moving with it while
 * keeping the contents; MAP_FIXED replacing pages; EINVAL and ENOMEM cases. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#include "check.h"

#define PG 4096u
#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

static int all(const unsigned char *p, size_t n, unsigned char v)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != v)
			return 0;
	return 1;
}

static unsigned char *map(size_t n)
{
	void *p = mmap(NULL, n, RW, ANON, -1, 0);
	CHECK(p != MAP_FAILED);
	if (p == MAP_FAILED) {
		fprintf(stderr, "mmap(%zu): %s\n", n, strerror(errno));
		exit(check_done());
	}
	CHECK((uintptr_t)p % PG == 0);
	return p;
}

int main(void)
{
	unsigned char *a = map(3 * PG);
	CHECK(all(a, 3 * PG, 0));
	memset(a, 0x11, 3 * PG);
	CHECK_EQ(munmap(a + PG, PG), 0);
	CHECK(all(a, PG, 0x11) && all(a + 2 * PG, PG, 0x11));
	CHECK_EQ(munmap(a, 3 * PG), 0); /* unmapping a hole too is fine */
	printf("map, write, partial unmap ok\n");

	/* Memory handed out again after munmap is zero again. */
	static const size_t sizes[] = { PG, 5 * PG, 64 * PG, 1u << 20, 8u << 20 };
	for (int round = 0; round < 3; round++)
		for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
			unsigned char *p = map(sizes[i]);
			CHECK(all(p, sizes[i], 0));
			memset(p, 0xab, sizes[i]);
			CHECK_EQ(munmap(p, sizes[i]), 0);
		}
	printf("fresh mappings are zero\n");

	/* Grow in place into a range just freed. */
	unsigned char *g = map(4 * PG);
	memset(g, 0x22, 2 * PG);
	CHECK_EQ(munmap(g + 2 * PG, 2 * PG), 0);
	unsigned char *g2 = mremap(g, 2 * PG, 4 * PG, 0);
	CHECK(g2 == g);
	if (g2 == g) {
		CHECK(all(g, 2 * PG, 0x22));
		CHECK(all(g + 2 * PG, 2 * PG, 0));
	}
	/* Shrink stays put. */
	CHECK(mremap(g, 4 * PG, PG, 0) == g);
	CHECK(all(g, PG, 0x22));
	CHECK_EQ(munmap(g, PG), 0);
	printf("mremap in place ok\n");

	/* Blocked by a neighbour: ENOMEM without MAYMOVE, a move with it. */
	unsigned char *b = map(4 * PG);
	for (unsigned i = 0; i < 2 * PG; i++)
		b[i] = (unsigned char)(i * 13);
	CHECK_EQ(munmap(b + 2 * PG, 2 * PG), 0);
	unsigned char *fence = mmap(b + 2 * PG, PG, RW, ANON | MAP_FIXED, -1, 0);
	CHECK(fence == b + 2 * PG);
	fence[0] = 0x33;
	CHECK(mremap(b, 2 * PG, 64 * PG, 0) == MAP_FAILED && errno == ENOMEM);
	unsigned char *moved = mremap(b, 2 * PG, 64 * PG, MREMAP_MAYMOVE);
	CHECK(moved != MAP_FAILED && moved != b);
	if (moved != MAP_FAILED) {
		int same = 1;
		for (unsigned i = 0; i < 2 * PG; i++)
			same &= moved[i] == (unsigned char)(i * 13);
		CHECK(same);
		CHECK(all(moved + 2 * PG, 62 * PG, 0));
		memset(moved, 0x44, 64 * PG);
		CHECK(fence[0] == 0x33);
		CHECK_EQ(munmap(moved, 64 * PG), 0);
	}
	CHECK_EQ(munmap(fence, PG), 0);
	printf("mremap move ok\n");

	/* A big move: 16 MiB grown to 48 MiB keeps every page. */
	unsigned char *big = map(16u << 20);
	for (size_t off = 0; off < (16u << 20); off += PG)
		memcpy(big + off, &off, sizeof off);
	unsigned char *bigger = mremap(big, 16u << 20, 48u << 20, MREMAP_MAYMOVE);
	CHECK(bigger != MAP_FAILED);
	if (bigger != MAP_FAILED) {
		int ok = 1;
		for (size_t off = 0; off < (16u << 20); off += PG) {
			size_t v;
			memcpy(&v, bigger + off, sizeof v);
			ok &= v == off;
		}
		CHECK(ok);
		CHECK(all(bigger + (16u << 20), 32u << 20, 0));
		CHECK_EQ(munmap(bigger, 48u << 20), 0);
	}
	printf("mremap 16 MiB -> 48 MiB ok\n");

	/* MAP_FIXED over part of a mapping replaces just those pages. */
	unsigned char *f = map(4 * PG);
	memset(f, 0x55, 4 * PG);
	unsigned char *r = mmap(f + PG, 2 * PG, RW, ANON | MAP_FIXED, -1, 0);
	CHECK(r == f + PG);
	CHECK(all(f, PG, 0x55) && all(f + PG, 2 * PG, 0) && all(f + 3 * PG, PG, 0x55));
	CHECK_EQ(munmap(f, 4 * PG), 0);
	printf("MAP_FIXED ok\n");

	/* PROT_NONE then mprotect. */
	unsigned char *n = mmap(NULL, 2 * PG, PROT_NONE, ANON, -1, 0);
	CHECK(n != MAP_FAILED);
	CHECK_EQ(mprotect(n, 2 * PG, RW), 0);
	n[PG] = 1;
	CHECK_EQ(munmap(n, 2 * PG), 0);

	/* Errors. */
	CHECK(mmap(NULL, 0, RW, ANON, -1, 0) == MAP_FAILED && errno == EINVAL);
	CHECK(mmap((void *)(uintptr_t)(PG + 1), PG, RW, ANON | MAP_FIXED, -1, 0) == MAP_FAILED &&
		errno == EINVAL);
	CHECK(mmap(NULL, PG, RW, MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL);
	CHECK(mmap(NULL, SIZE_MAX & ~(size_t)(PG - 1), RW, ANON, -1, 0) == MAP_FAILED &&
		errno == ENOMEM);
	unsigned char *e = map(2 * PG);
	CHECK_ERRNO(munmap(e + 1, PG), EINVAL);
	CHECK_ERRNO(munmap(e, 0), EINVAL);
	CHECK(mremap(e + 1, PG, 2 * PG, MREMAP_MAYMOVE) == MAP_FAILED && errno == EINVAL);
	CHECK(mremap(e, PG, 0, MREMAP_MAYMOVE) == MAP_FAILED && errno == EINVAL);
	CHECK(mremap(e, PG, 2 * PG, MREMAP_FIXED, e + 64 * PG) == MAP_FAILED && errno == EINVAL);
	CHECK(mremap(e, PG, 2 * PG, 0x100) == MAP_FAILED && errno == EINVAL);
	CHECK_EQ(munmap(e, 2 * PG), 0);
#if UINTPTR_MAX == 0xffffffffu
	/* More than a 32-bit process can ever have. */
	CHECK(mmap(NULL, 0xfff00000u, RW, ANON, -1, 0) == MAP_FAILED && errno == ENOMEM);
#endif
	printf("EINVAL/ENOMEM ok\n");
	return check_done();
}
