/* compare: native */
/* MAP_FIXED over pages of the break's heap replaces them with a mapping, as on Linux (musl's malloc maps a
 * guard page there, and a failure left errno ENOMEM behind it: busybox's tac then reported "Out of
 * memory"); MAP_FIXED_NOREPLACE there is EEXIST; the break still grows above; such a mapping can be
 * mprotect'ed, madvise'd and unmapped. (The break is moved with syscall(): libc's brk refuses.) */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "check.h"

#define PG 4096u
#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

#define BRK(addr) ((uintptr_t)syscall(SYS_brk, (uintptr_t)(addr)))

static unsigned char fill[4 * PG], zeros[4 * PG];

/* Whether n bytes at p all hold v (0 or 0x11). */
static int holds(const unsigned char *p, size_t n, int v)
{
	return memcmp(p, v ? fill : zeros, n) == 0;
}

int main(void)
{
	/* first thing: malloc's first allocation must not leave errno set */
	errno = 0;
	void *m = malloc(10);
	CHECK(m != NULL);
	CHECK_EQ(errno, 0);
	free(m);
	printf("malloc leaves errno alone\n");
	fflush(stdout);

	uintptr_t base = (BRK(0) + PG - 1) & ~(uintptr_t)(PG - 1);
	CHECK_EQ(BRK(base + 4 * PG), base + 4 * PG);
	unsigned char *h = (unsigned char *)base;
	memset(fill, 0x11, sizeof(fill));
	memset(h, 0x11, 4 * PG);

	CHECK(mmap(h + PG, PG, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0) == MAP_FAILED && errno == EEXIST);
	CHECK(holds(h, 4 * PG, 0x11));
	errno = 0;
	CHECK(mmap(h + PG, PG, RW, ANON | MAP_FIXED, -1, 0) == h + PG);
	CHECK_EQ(errno, 0);
	CHECK(holds(h, PG, 0x11) && holds(h + PG, PG, 0) && holds(h + 2 * PG, 2 * PG, 0x11));
	h[PG] = 0x22;
	printf("MAP_FIXED replaced a page of the heap\n");

	CHECK_EQ(BRK(base + 8 * PG), base + 8 * PG);
	CHECK(holds(h + 4 * PG, 4 * PG, 0));
	CHECK_EQ(mprotect(h + PG, PG, PROT_READ), 0);
	CHECK_EQ(mprotect(h + PG, PG, RW), 0);
	CHECK_EQ(madvise(h + PG, PG, MADV_DONTNEED), 0);
	CHECK(holds(h + PG, PG, 0));
	CHECK_EQ(munmap(h + PG, PG), 0);
	CHECK_EQ(BRK(base), base);
	printf("the break moved on; the mapping was protected, advised and unmapped\n");
	return check_done();
}
