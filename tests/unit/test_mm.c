/* tests/unit/test_mm.c -- brk, mmap, munmap, mremap, mprotect, madvise. */
#include "fakehost.h"
#include "test.h"
#include "lock.h"
#include "proc.h"
#include <string.h>
#include <wunix/errno.h>
#include <wunix/mman.h>

#define PG 4096
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define RW (PROT_READ | PROT_WRITE)

static long mmap_(uint64_t addr, uint64_t len, int prot, int flags)
{
	return SC6(NR_mmap, addr, len, prot, flags, I32(-1), 0);
}

static bool all_bytes(uint64_t u, uint64_t n, unsigned char v)
{
	const unsigned char *p = fh_u(u);
	for (uint64_t i = 0; i < n; i++)
		if (p[i] != v)
			return false;
	return true;
}

static int nvmas(void)
{
	int n = 0;
	bkl_lock();
	for (struct vma *v = curproc()->mm.vmas; v; v = v->next)
		n++;
	bkl_unlock();
	return n;
}

static uint64_t umem_bytes(void)
{
	return (uint64_t)fh_umem()->pages * FH_PAGE;
}

TEST(mm_brk)
{
	fh_proc_begin(); /* heap_base 70000 → break starts at 73728 */
	CHECK_EQ(SC1(NR_brk, 0), 73728);
	CHECK_EQ(SC1(NR_brk, 1000), 73728);          /* below the start: unchanged */
	long top = 73728 + 3 * FH_PAGE + 123;        /* beyond the 2 MiB memory? no: grow test below */
	CHECK_EQ(SC1(NR_brk, top), top);
	memset(fh_u(73728), 0xab, 3 * FH_PAGE);
	CHECK_EQ(SC1(NR_brk, 73728 + PG), 73728 + PG); /* shrink */
	CHECK_EQ(SC1(NR_brk, top), top);              /* regrow: the released pages come back zeroed */
	CHECK(all_bytes(73728, PG, 0xab));
	CHECK(all_bytes(73728 + PG, 2 * FH_PAGE, 0));
	/* growing past the memory's end asks the host to grow it */
	uint64_t before = umem_bytes();
	long far = (long)before + 5 * FH_PAGE;
	CHECK_EQ(SC1(NR_brk, far), far);
	CHECK(umem_bytes() >= (uint64_t)far);
	/* beyond what the host can give: the old break */
	CHECK_EQ(SC1(NR_brk, 0x7fff0000), far);
	CHECK_EQ(SC1(NR_brk, 0x1ffffffffll), far);
	fh_proc_end();
}

TEST(mm_mmap_anonymous)
{
	fh_proc_begin();
	long brk = SC1(NR_brk, 0);
	long a = mmap_(0, 10000, RW, ANON);
	CHECK(a > 0 && a % PG == 0);
	CHECK(a >= brk); /* mappings live above the break */
	CHECK(all_bytes(a, 3 * PG, 0));
	/* the break cannot grow into a mapping */
	CHECK_EQ(SC1(NR_brk, a + PG), brk);
	memset(fh_u(a), 0x11, 3 * PG);
	CHECK_EQ(SC2(NR_munmap, a, 3 * PG), 0);
	long b = mmap_(0, 3 * PG, RW, ANON);
	CHECK_EQ(b, a); /* first fit reuses the hole... */
	CHECK(all_bytes(b, 3 * PG, 0)); /* ...zeroed */
	long c = mmap_(0, 40 * FH_PAGE, RW, ANON); /* beyond the 2 MiB memory: grown */
	CHECK(c > b);
	CHECK(umem_bytes() >= (uint64_t)c + 40 * FH_PAGE);
	long h = mmap_(c + 44 * FH_PAGE, PG, RW, ANON); /* a free hint is honoured */
	CHECK_EQ(h, c + 44 * FH_PAGE);
	fh_proc_end();
}

TEST(mm_mmap_errors)
{
	fh_proc_begin();
	CHECK_EQ(mmap_(0, 0, RW, ANON), -EINVAL);
	CHECK_EQ(mmap_(0, PG, RW, MAP_ANONYMOUS), -EINVAL);              /* neither shared nor private */
	CHECK_EQ(mmap_(0, PG, RW, MAP_ANONYMOUS | 0xf), -EINVAL);
	CHECK_EQ(mmap_(0, PG, RW, MAP_SHARED_VALIDATE | MAP_ANONYMOUS | 0x40), -EOPNOTSUPP);
	CHECK_EQ(SC6(NR_mmap, 0, PG, RW, ANON, I32(-1), 100), -EINVAL);  /* unaligned offset */
	CHECK_EQ(SC6(NR_mmap, 0, PG, RW, MAP_PRIVATE, 55, 0), -EBADF);   /* not open */
	CHECK_EQ(SC6(NR_mmap, 0, PG, RW, MAP_PRIVATE, 1, 0), -ENODEV);   /* the console */
	CHECK_EQ(mmap_(0x200001, PG, RW, ANON | MAP_FIXED), -EINVAL);
	CHECK_EQ(mmap_(4096, PG, RW, ANON | MAP_FIXED), -ENOMEM);        /* over the program */
	CHECK_EQ(mmap_(0, 0xfffff000u, RW, ANON), -ENOMEM);
	CHECK_EQ(mmap_(0, 0x200000000ull, RW, ANON), -ENOMEM);
	CHECK_EQ(mmap_(0, 512 * FH_PAGE, RW, ANON), -ENOMEM);           /* the host refuses to grow */
	CHECK_EQ(mmap_(0, PG, RW, MAP_SHARED | MAP_ANONYMOUS) > 0, 1);
	fh_proc_end();
}

TEST(mm_map_fixed_replaces)
{
	fh_proc_begin();
	long a = mmap_(0, 3 * PG, RW, ANON);
	memset(fh_u(a), 0x22, 3 * PG);
	CHECK_EQ(nvmas(), 1);
	CHECK_EQ(mmap_(a + PG, PG, RW, ANON | MAP_FIXED_NOREPLACE), -EEXIST);
	CHECK(all_bytes(a, 3 * PG, 0x22));
	CHECK_EQ(mmap_(a + PG, PG, PROT_READ, ANON | MAP_FIXED), a + PG);
	CHECK(all_bytes(a, PG, 0x22));
	CHECK(all_bytes(a + PG, PG, 0));
	CHECK(all_bytes(a + 2 * PG, PG, 0x22));
	CHECK_EQ(nvmas(), 3); /* a different protection in the middle */
	CHECK_EQ(mmap_(a + PG, PG, RW, ANON | MAP_FIXED), a + PG);
	CHECK_EQ(nvmas(), 1); /* merged again */
	fh_proc_end();
}

TEST(mm_munmap)
{
	fh_proc_begin();
	long a = mmap_(0, 5 * PG, RW, ANON);
	CHECK_EQ(SC2(NR_munmap, a + 1, PG), -EINVAL);
	CHECK_EQ(SC2(NR_munmap, a, 0), -EINVAL);
	CHECK_EQ(SC2(NR_munmap, 0xfffff000u, 0x2000), -EINVAL);
	CHECK_EQ(SC2(NR_munmap, 0x200000000ull, PG), -EINVAL); /* beyond 4 GiB */
	CHECK_EQ(SC3(NR_mprotect, 0x200000000ull, PG, PROT_READ), -ENOMEM);
	CHECK_EQ(SC3(NR_madvise, 0x200000000ull, PG, MADV_DONTNEED), -EINVAL);
	CHECK_EQ(SC2(NR_munmap, a + 2 * PG, PG), 0);
	CHECK_EQ(nvmas(), 2);
	CHECK_EQ(mmap_(0, PG, RW, ANON), a + 2 * PG); /* the hole in the middle */
	CHECK_EQ(SC2(NR_munmap, a, 5 * PG), 0);
	CHECK_EQ(nvmas(), 0);
	CHECK_EQ(SC2(NR_munmap, a, 5 * PG), 0); /* nothing mapped there: fine */
	fh_proc_end();
}

TEST(mm_mremap)
{
	fh_proc_begin();
	long a = mmap_(0, 2 * PG, RW, ANON);
	memset(fh_u(a), 0x33, 2 * PG);
	/* grows in place while the next pages are free */
	CHECK_EQ(SC5(NR_mremap, a, 2 * PG, 4 * PG, 0, 0), a);
	CHECK(all_bytes(a, 2 * PG, 0x33) && all_bytes(a + 2 * PG, 2 * PG, 0));
	long blocker = mmap_(a + 4 * PG, PG, RW, ANON);
	CHECK_EQ(blocker, a + 4 * PG);
	CHECK_EQ(SC5(NR_mremap, a, 4 * PG, 8 * PG, 0, 0), -ENOMEM);
	long b = SC5(NR_mremap, a, 4 * PG, 8 * PG, MREMAP_MAYMOVE, 0);
	CHECK(b > 0 && b != a);
	CHECK(all_bytes(b, 2 * PG, 0x33) && all_bytes(b + 2 * PG, 6 * PG, 0));
	CHECK_EQ(mmap_(a, 4 * PG, RW, ANON | MAP_FIXED_NOREPLACE), a); /* the old range was freed */
	/* shrink */
	CHECK_EQ(SC5(NR_mremap, b, 8 * PG, 2 * PG, 0, 0), b);
	CHECK_EQ(mmap_(b + 2 * PG, PG, RW, ANON | MAP_FIXED_NOREPLACE), b + 2 * PG);
	/* errors */
	CHECK_EQ(SC5(NR_mremap, b, 2 * PG, 4 * PG, 0x8, 0), -EINVAL);
	CHECK_EQ(SC5(NR_mremap, b, 2 * PG, 4 * PG, MREMAP_FIXED, 0), -EINVAL);
	CHECK_EQ(SC5(NR_mremap, b + 1, PG, PG, 0, 0), -EINVAL);
	CHECK_EQ(SC5(NR_mremap, b, PG, 0, 0, 0), -EINVAL);
	CHECK_EQ(SC5(NR_mremap, 0x7fff0000, PG, 2 * PG, MREMAP_MAYMOVE, 0), -EFAULT);
	/* MREMAP_FIXED moves to the given place, replacing what is there */
	long dst = b + 100 * PG;
	memset(fh_u(b), 0x44, 2 * PG);
	CHECK_EQ(SC5(NR_mremap, b, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, dst), dst);
	CHECK(all_bytes(dst, 2 * PG, 0x44));
	CHECK_EQ(SC5(NR_mremap, dst, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, dst + PG), -EINVAL);
	fh_proc_end();
}

TEST(mm_mprotect_and_madvise)
{
	fh_proc_begin();
	long a = mmap_(0, 4 * PG, RW, ANON);
	CHECK_EQ(SC3(NR_mprotect, a + 1, PG, PROT_READ), -EINVAL);
	CHECK_EQ(SC3(NR_mprotect, a, PG, 0x100), -EINVAL);
	CHECK_EQ(SC3(NR_mprotect, a + 8 * PG, PG, PROT_READ), -ENOMEM); /* not mapped */
	CHECK_EQ(SC3(NR_mprotect, a + PG, PG, PROT_READ), 0);
	CHECK_EQ(nvmas(), 3);
	bkl_lock();
	struct vma *mid = curproc()->mm.vmas->next;
	CHECK_EQ(mid->start, a + PG);
	CHECK_EQ(mid->prot, PROT_READ);
	bkl_unlock();
	CHECK_EQ(SC3(NR_mprotect, a, 4 * PG, RW), 0);
	CHECK_EQ(nvmas(), 1);
	CHECK_EQ(SC3(NR_mprotect, 8192, PG, PROT_READ), 0); /* the program's own memory counts as mapped */

	memset(fh_u(a), 0x55, 4 * PG);
	CHECK_EQ(SC3(NR_madvise, a, PG, 999), -EINVAL);
	CHECK_EQ(SC3(NR_madvise, a + 1, PG, MADV_DONTNEED), -EINVAL);
	CHECK_EQ(SC3(NR_madvise, a, PG, MADV_WILLNEED), 0);
	CHECK(all_bytes(a, PG, 0x55));
	CHECK_EQ(SC3(NR_madvise, a + PG, PG, MADV_DONTNEED), 0);
	CHECK(all_bytes(a, PG, 0x55) && all_bytes(a + PG, PG, 0) && all_bytes(a + 2 * PG, PG, 0x55));
	CHECK_EQ(SC3(NR_madvise, a + 3 * PG, 2 * PG, MADV_DONTNEED), -ENOMEM); /* runs past the mapping */
	CHECK(all_bytes(a + 3 * PG, PG, 0));
	fh_proc_end();
}
