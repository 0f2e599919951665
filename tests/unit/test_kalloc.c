/* tests/unit/test_kalloc.c -- the kernel allocator. */
#include "fakehost.h"
#include "test.h"
#include "kalloc.h"
#include "lock.h"
#include <string.h>

TEST(kalloc_sizes_aligned_zeroed_disjoint)
{
	static const size_t sizes[] = { 0, 1, 15, 16, 17, 100, 512, 2000, 2048, 2049, 4096, 5000, 70000, 300000 };
	void *p[sizeof(sizes) / sizeof(sizes[0])];
	struct kalloc_stats before, after;

	bkl_lock();
	kalloc_get_stats(&before);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		p[i] = kalloc(sizes[i]);
		CHECK(p[i] != NULL);
		CHECK(((uintptr_t)p[i] & 15) == 0);
		CHECK(ksize(p[i]) >= sizes[i]);
		unsigned char *b = p[i];
		bool zero = true;
		for (size_t k = 0; k < ksize(p[i]); k++)
			zero &= b[k] == 0;
		CHECK(zero);
		memset(p[i], (int)i + 1, ksize(p[i]));
	}
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		unsigned char *b = p[i];
		bool intact = true;
		for (size_t k = 0; k < ksize(p[i]); k++)
			intact &= b[k] == (unsigned char)(i + 1);
		CHECK(intact);
	}
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		kfree(p[i]);
	kfree(NULL);
	kalloc_get_stats(&after);
	CHECK_EQ(after.live_allocs, before.live_allocs);
	bkl_unlock();
}

TEST(kalloc_reused_memory_is_zeroed)
{
	bkl_lock();
	for (size_t n = 32; n <= 8192; n *= 4) {
		unsigned char *a = kalloc(n);
		memset(a, 0xee, n);
		kfree(a);
		unsigned char *b = kalloc(n);
		bool zero = true;
		for (size_t k = 0; k < n; k++)
			zero &= b[k] == 0;
		CHECK(zero);
		kfree(b);
	}
	bkl_unlock();
}

TEST(kalloc_grows_kernel_memory)
{
	enum { N = 48, SZ = 64 * 1024 };
	void *p[N];
	struct kalloc_stats before, mid, after;

	bkl_lock();
	kalloc_get_stats(&before);
	for (int i = 0; i < N; i++) {
		p[i] = kalloc(SZ);
		CHECK(p[i] != NULL);
		if (p[i])
			memset(p[i], i, SZ);
	}
	kalloc_get_stats(&mid);
	CHECK(mid.heap_pages > before.heap_pages); /* 3 MiB does not fit the 1 MiB native start */
	for (int i = 0; i < N; i++)
		kfree(p[i]);
	kalloc_get_stats(&after);
	CHECK_EQ(after.free_pages - before.free_pages, after.heap_pages - before.heap_pages);
	bkl_unlock();
}

TEST(kalloc_coalesces_free_runs)
{
	struct kalloc_stats s0, s1;

	bkl_lock();
	/* take the whole free list's worth, so the three runs below are adjacent */
	void *a = kalloc(40000), *b = kalloc(40000), *c = kalloc(40000);
	/* first fit from an address-ordered list: 10 pages each, back to back */
	CHECK((char *)b == (char *)a + 10 * KPAGE && (char *)c == (char *)b + 10 * KPAGE);
	kfree(b);
	kfree(a);
	kfree(c);
	kalloc_get_stats(&s0);
	void *big = kalloc(3 * 40000); /* fits only if the three runs merged (or the heap grows) */
	kalloc_get_stats(&s1);
	CHECK(big != NULL);
	CHECK_EQ(s1.heap_pages, s0.heap_pages);
	CHECK(big == a);
	kfree(big);
	bkl_unlock();
}
