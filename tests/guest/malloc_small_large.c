/* compare: native */
/* malloc serves many small blocks (the brk heap) and large ones (mmap), 256 MiB
 * live at once, without overlap: every block keeps its own contents through
 * frees, reuse and realloc. Impossible sizes fail with ENOMEM. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include "check.h"

#define NSMALL 100000
#define NLARGE 16
#define LARGE (16u << 20)

static unsigned char *small[NSMALL];

static size_t small_size(int i)
{
	return (size_t)(i * 37 % 500) + 1;
}

static unsigned char small_byte(int i)
{
	return (unsigned char)(i * 7 + 3);
}

static int small_ok(int i)
{
	for (size_t k = 0; k < small_size(i); k++)
		if (small[i][k] != small_byte(i))
			return 0;
	return 1;
}

static int aligned(const void *p)
{
	return (uintptr_t)p % _Alignof(max_align_t) == 0;
}

/* Fills a large block with its own byte and stamps every page with (block, page). */
static void large_fill(unsigned char *p, size_t n, unsigned id)
{
	memset(p, (int)(0x40 + id), n);
	for (size_t off = 0; off + 8 <= n; off += 4096) {
		uint32_t stamp[2] = { id, (uint32_t)(off / 4096) };
		memcpy(p + off, stamp, sizeof stamp);
	}
}

static int large_ok(const unsigned char *p, size_t n, unsigned id)
{
	unsigned char ref[4096];
	memset(ref, (int)(0x40 + id), sizeof ref);
	for (size_t off = 0; off < n; off += 4096) {
		uint32_t stamp[2];
		memcpy(stamp, p + off, sizeof stamp);
		if (stamp[0] != id || stamp[1] != off / 4096)
			return 0;
		size_t end = off + 4096 < n ? off + 4096 : n;
		if (memcmp(p + off + 8, ref, end - off - 8) != 0)
			return 0;
	}
	return 1;
}

static int large_round(void)
{
	unsigned char *big[NLARGE];
	int bad = 0;
	for (unsigned i = 0; i < NLARGE; i++) {
		big[i] = malloc(LARGE);
		CHECK(big[i] != NULL);
		if (!big[i])
			return 1;
		CHECK(aligned(big[i]));
		large_fill(big[i], LARGE, i);
	}
	for (unsigned i = 0; i < NLARGE; i++)
		if (!large_ok(big[i], LARGE, i))
			bad++;
	CHECK_EQ(bad, 0);

	/* Grow one block threefold: its contents move with it. */
	unsigned char *grown = realloc(big[3], 3 * LARGE);
	CHECK(grown != NULL);
	if (grown) {
		big[3] = grown;
		CHECK(large_ok(grown, LARGE, 3));
		memset(grown + LARGE, 0x11, 2 * LARGE);
		CHECK(grown[3 * LARGE - 1] == 0x11);
		unsigned char *shrunk = realloc(grown, LARGE / 2);
		CHECK(shrunk != NULL);
		if (shrunk) {
			big[3] = shrunk;
			CHECK(large_ok(shrunk, LARGE / 2, 3));
		}
	}
	for (unsigned i = 0; i < NLARGE; i++)
		if (i != 3 && !large_ok(big[i], LARGE, i))
			bad++;
	CHECK_EQ(bad, 0);
	for (unsigned i = 0; i < NLARGE; i++)
		free(big[i]);
	return bad;
}

int main(void)
{
	for (int i = 0; i < NSMALL; i++) {
		small[i] = malloc(small_size(i));
		CHECK(small[i] != NULL);
		if (!small[i])
			return check_done();
		CHECK(aligned(small[i]));
		memset(small[i], small_byte(i), small_size(i));
	}
	int bad = 0;
	for (int i = 0; i < NSMALL; i++)
		bad += !small_ok(i);
	CHECK_EQ(bad, 0);
	printf("%d small blocks ok\n", NSMALL - bad);

	for (int i = 0; i < NSMALL; i += 2) {
		free(small[i]);
		small[i] = NULL;
	}
	/* Refill the holes with other sizes; the odd ones must not notice. */
	for (int i = 0; i < NSMALL; i += 2) {
		small[i] = malloc(small_size(i + 1));
		CHECK(small[i] != NULL);
		memset(small[i], 0xee, small_size(i + 1));
	}
	bad = 0;
	for (int i = 1; i < NSMALL; i += 2)
		bad += !small_ok(i);
	CHECK_EQ(bad, 0);

	/* realloc keeps the prefix. */
	for (int i = 1; i < NSMALL; i += 1000) {
		unsigned char *p = realloc(small[i], small_size(i) + 5000);
		CHECK(p != NULL);
		small[i] = p;
		CHECK(small_ok(i));
	}
	for (int i = 0; i < NSMALL; i++)
		free(small[i]);
	printf("small free/reuse/realloc ok\n");

	/* calloc zeroes even memory that was just dirtied. */
	for (int round = 0; round < 100; round++) {
		size_t n = 64 + (size_t)round * 97;
		unsigned char *p = malloc(n);
		CHECK(p != NULL);
		memset(p, 0xaa, n);
		free(p);
		unsigned char *z = calloc(n, 1);
		CHECK(z != NULL);
		int nz = 0;
		for (size_t k = 0; k < n; k++)
			nz |= z[k];
		CHECK(nz == 0);
		free(z);
	}
	unsigned char *zbig = calloc(LARGE / 4, 4);
	CHECK(zbig != NULL);
	if (zbig) {
		int nz = 0;
		for (size_t k = 0; k < LARGE; k += 509)
			nz |= zbig[k];
		CHECK(nz == 0 && zbig[LARGE - 1] == 0);
		free(zbig);
	}
	printf("calloc ok\n");

	CHECK_EQ(large_round(), 0);
	printf("%d x %u MiB live at once ok\n", NLARGE, LARGE >> 20);
	CHECK_EQ(large_round(), 0);
	printf("again after free ok\n");

	/* Called through pointers: clang treats malloc as touching no memory the
	 * program can see, errno included, and would fold these checks. */
	void *(*volatile malloc_p)(size_t) = malloc;
	void *(*volatile calloc_p)(size_t, size_t) = calloc;
	void *(*volatile realloc_p)(void *, size_t) = realloc;
	size_t huge = SIZE_MAX - 4096;
	void *r;
	errno = 0;
	r = malloc_p(huge);
	CHECK(r == NULL && errno == ENOMEM);
	errno = 0;
	r = calloc_p(SIZE_MAX / 2, 4);
	CHECK(r == NULL && errno == ENOMEM);
	void *keep = malloc(100);
	CHECK(keep != NULL);
	errno = 0;
	r = realloc_p(keep, huge);
	CHECK(r == NULL && errno == ENOMEM);
	free(r ? r : keep);
	printf("impossible sizes fail\n");
	return check_done();
}
