/* compare: native */
/* The brk system call: brk(0) reports the break; moving it up gives zeroed,
 * writable memory that keeps its contents; moving it down and up again gives
 * zeroed memory again; an impossible break is refused by returning the old one.
 * (libc's brk/sbrk refuse to move the break, so this uses syscall().) */
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "check.h"

#define STEP (256u << 10)

static uintptr_t brk_to(uintptr_t addr)
{
	return (uintptr_t)syscall(SYS_brk, addr);
}

static int all(const unsigned char *p, size_t n, unsigned char v)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != v)
			return 0;
	return 1;
}

int main(void)
{
	/* stdio allocates before the break moves under it. */
	printf("brk test\n");
	fflush(stdout);

	uintptr_t start = brk_to(0);
	CHECK(start != 0 && start != (uintptr_t)-1);
	uintptr_t base = (start + 4095) & ~(uintptr_t)4095;
	CHECK_EQ(brk_to(base + 2 * STEP), base + 2 * STEP);
	CHECK_EQ(brk_to(0), base + 2 * STEP);
	unsigned char *p = (unsigned char *)base;
	CHECK(all(p, 2 * STEP, 0));
	memset(p, 0x3c, 2 * STEP);

	CHECK_EQ(brk_to(base + 4 * STEP), base + 4 * STEP);
	CHECK(all(p, 2 * STEP, 0x3c));
	CHECK(all(p + 2 * STEP, 2 * STEP, 0));

	CHECK_EQ(brk_to(base + STEP), base + STEP);
	CHECK(all(p, STEP, 0x3c));
	CHECK_EQ(brk_to(base + 3 * STEP), base + 3 * STEP);
	CHECK(all(p + STEP, 2 * STEP, 0));

	/* Below the start of the heap or past the end of memory: refused. */
	CHECK_EQ(brk_to(4096), base + 3 * STEP);
	CHECK_EQ(brk_to(UINTPTR_MAX & ~(uintptr_t)4095), base + 3 * STEP);
	CHECK_EQ(brk_to(0), base + 3 * STEP);

	CHECK_EQ(brk_to(start), start);
	printf("brk moved up, down and up again\n");
	return check_done();
}
