/* kernel/kalloc.h -- the kernel allocator. */
#ifndef WUNIX_KALLOC_H
#define WUNIX_KALLOC_H

#include "types.h"

#define KPAGE 4096 /* kernel allocator page */

struct kalloc_stats {
	size_t heap_pages;  /* pages the allocator manages */
	size_t free_pages;  /* of which free */
	size_t live_allocs; /* kalloc'd and not yet kfree'd */
};

/* Takes the kernel heap from the arch layer. Once, at boot, BKL held. */
void kalloc_init(void);
/* Zeroed kernel memory of n bytes, aligned to 16 (to KPAGE beyond 2 KiB is not
 * promised), or NULL. Grows kernel memory when needed. BKL held. */
void *kalloc(size_t n);
/* Frees what kalloc returned; NULL is ignored. Panics on a foreign pointer. BKL held. */
void kfree(void *p);
/* Usable size of an allocation (at least what was asked). BKL held. */
size_t ksize(const void *p);
/* Allocator counters for tests and diagnostics. BKL held. */
void kalloc_get_stats(struct kalloc_stats *st);

#endif
