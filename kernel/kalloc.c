/* kernel/kalloc.c -- kernel allocator: power-of-two size classes carved out of
 * pages, and address-ordered runs of pages for larger blocks. The heap grows at
 * its end through the arch layer (memory.grow on wasm; the host re-creates its
 * views of kernel memory when they turn out too short).
 *
 * Every page handed out starts with a header naming what it is, so kfree needs
 * no size and rejects pointers it did not hand out. */
#include "kalloc.h"
#include "arch.h"
#include "exports.h"
#include "klib.h"
#include "lock.h"
#include "cpu.h"

#define SLAB_MAGIC 0x51ab51abu
#define LARGE_MAGIC 0x1a26e1a2u
#define MIN_SHIFT 4
#define NCLASS 8 /* 16 .. 2048 bytes */

struct run { /* a free run of pages, stored in its first page */
	size_t npages;
	struct run *next;
};

struct slab { /* header of a page of equal-sized objects */
	uint32_t magic;
	uint32_t cls;
	uint32_t nfree;
	uint32_t nobj;
	void *free;          /* free objects, linked through their first word */
	struct slab *next;   /* slabs of this class with free objects */
	struct slab *prev;
};

struct large { /* header of a run of pages given out whole */
	uint32_t magic;
	uint32_t npages;
};

/* bytes reserved at the start of a slab page or a large run, keeping 16-byte alignment */
#define HDR ((sizeof(struct slab) + 15) & ~(size_t)15)
_Static_assert(sizeof(struct large) <= sizeof(struct slab), "large header");

/* BKL held */
static struct run *freeruns;
static struct slab *partial[NCLASS];
static size_t heap_pages, free_pages, live_allocs;

/* Free pages are poisoned for ASan except the header of each free run. */
static void runs_insert(uintptr_t start, size_t npages)
{
	struct run **pp = &freeruns, *prev = NULL;

	arch_poison((void *)start, npages * KPAGE);
	while (*pp && (uintptr_t)*pp < start) {
		prev = *pp;
		pp = &(*pp)->next;
	}
	struct run *r = (struct run *)start;
	arch_unpoison(r, sizeof(*r));
	r->npages = npages;
	r->next = *pp;
	*pp = r;
	if (r->next && start + npages * KPAGE == (uintptr_t)r->next) {
		struct run *n = r->next;
		r->npages += n->npages;
		r->next = n->next;
		arch_poison(n, sizeof(*n));
	}
	if (prev && (uintptr_t)prev + prev->npages * KPAGE == start) {
		prev->npages += r->npages;
		prev->next = r->next;
		arch_poison(r, sizeof(*r));
	}
	free_pages += npages;
}

static void heap_add(uintptr_t start, uintptr_t end)
{
	start = ROUND_UP(start, (uintptr_t)KPAGE);
	end = ROUND_DOWN(end, (uintptr_t)KPAGE);
	if (end <= start)
		return;
	heap_pages += (end - start) / KPAGE;
	runs_insert(start, (end - start) / KPAGE);
}

void kalloc_init(void)
{
	uintptr_t start, end;

	arch_kmem_initial(&start, &end);
	heap_add(start, end);
}

static void *pages_alloc(size_t npages)
{
	for (int tries = 0; tries < 2; tries++) {
		for (struct run **pp = &freeruns; *pp; pp = &(*pp)->next) {
			struct run *r = *pp;
			if (r->npages < npages)
				continue;
			if (r->npages == npages) {
				*pp = r->next;
			} else {
				struct run *rest = (struct run *)((uintptr_t)r + npages * KPAGE);
				arch_unpoison(rest, sizeof(*rest));
				rest->npages = r->npages - npages;
				rest->next = r->next;
				*pp = rest;
			}
			free_pages -= npages;
			return r;
		}
		uintptr_t newend, old = arch_kmem_grow(npages * KPAGE, &newend);
		if (!old)
			return NULL;
		heap_add(old, newend);
	}
	return NULL;
}

static void pages_free(void *p, size_t npages)
{
	runs_insert((uintptr_t)p, npages);
}

static void slab_unlink(struct slab *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		partial[s->cls] = s->next;
	if (s->next)
		s->next->prev = s->prev;
	s->next = s->prev = NULL;
}

static void slab_push(struct slab *s)
{
	s->prev = NULL;
	s->next = partial[s->cls];
	if (s->next)
		s->next->prev = s;
	partial[s->cls] = s;
}

static void *slab_alloc(unsigned cls)
{
	struct slab *s = partial[cls];
	size_t size = (size_t)1 << (cls + MIN_SHIFT);

	if (!s) {
		s = pages_alloc(1);
		if (!s)
			return NULL;
		arch_unpoison(s, HDR);
		s->magic = SLAB_MAGIC;
		s->cls = cls;
		s->nobj = (uint32_t)((KPAGE - HDR) / size);
		s->nfree = s->nobj;
		s->free = NULL;
		for (uint32_t i = s->nobj; i-- > 0;) {
			void **obj = (void **)((uintptr_t)s + HDR + i * size);
			arch_unpoison(obj, sizeof(*obj));
			*obj = s->free;
			s->free = obj;
			arch_poison(obj, size);
		}
		slab_push(s);
	}
	void **obj = s->free;
	arch_unpoison(obj, size);
	s->free = *obj;
	if (--s->nfree == 0)
		slab_unlink(s);
	memset(obj, 0, size);
	return obj;
}

static void slab_free(struct slab *s, void *p)
{
	size_t size = (size_t)1 << (s->cls + MIN_SHIFT);
	uintptr_t off = (uintptr_t)p - (uintptr_t)s - HDR;

	if ((uintptr_t)p < (uintptr_t)s + HDR || off % size || off / size >= s->nobj)
		kpanic("kfree: bad pointer %p", p);
	if (s->nfree == 0)
		slab_push(s);
	*(void **)p = s->free;
	s->free = p;
	arch_poison(p, size);
	if (++s->nfree == s->nobj && (s->next || s->prev)) {
		slab_unlink(s);
		s->magic = 0;
		pages_free(s, 1);
	}
}

void *kalloc(size_t n)
{
	void *p;

	KASSERT(bkl_held());
	if (n <= ((size_t)1 << (MIN_SHIFT + NCLASS - 1))) {
		unsigned cls = 0;
		while (((size_t)1 << (cls + MIN_SHIFT)) < n)
			cls++;
		p = slab_alloc(cls);
	} else {
		if (n > SIZE_MAX / 2)
			return NULL;
		size_t npages = (n + HDR + KPAGE - 1) / KPAGE;
		struct large *l = pages_alloc(npages);
		if (!l)
			return NULL;
		arch_unpoison(l, npages * KPAGE);
		memset(l, 0, npages * KPAGE);
		l->magic = LARGE_MAGIC;
		l->npages = (uint32_t)npages;
		p = (char *)l + HDR;
	}
	if (p)
		live_allocs++;
	return p;
}

void kfree(void *p)
{
	if (!p)
		return;
	KASSERT(bkl_held());
	void *page = (void *)ROUND_DOWN((uintptr_t)p, (uintptr_t)KPAGE);
	uint32_t magic = *(uint32_t *)page;
	if (magic == SLAB_MAGIC) {
		slab_free(page, p);
	} else if (magic == LARGE_MAGIC && (char *)p == (char *)page + HDR) {
		struct large *l = page;
		l->magic = 0;
		pages_free(l, l->npages);
	} else {
		kpanic("kfree: bad pointer %p", p);
	}
	live_allocs--;
}

size_t ksize(const void *p)
{
	const void *page = (const void *)ROUND_DOWN((uintptr_t)p, (uintptr_t)KPAGE);
	const struct slab *s = page;

	if (s->magic == SLAB_MAGIC)
		return (size_t)1 << (s->cls + MIN_SHIFT);
	if (s->magic == LARGE_MAGIC)
		return ((const struct large *)page)->npages * (size_t)KPAGE - HDR;
	kpanic("ksize: bad pointer %p", p);
}

void kalloc_get_stats(struct kalloc_stats *st)
{
	st->heap_pages = heap_pages;
	st->free_pages = free_pages;
	st->live_allocs = live_allocs;
}

/* A zeroed kernel buffer of n bytes for the host to fill (e.g. the arguments
 * of k_proc_start), or 0. */
KEXPORT("k_kalloc") uintptr_t k_kalloc(uint32_t n)
{
	struct thread *t = kentry();
	void *p = kalloc(n);
	kexit(t);
	return (uintptr_t)p;
}

/* Frees a buffer from k_kalloc; 0 is ignored. */
KEXPORT("k_kfree") void k_kfree(uintptr_t p)
{
	struct thread *t = kentry();
	kfree((void *)p);
	kexit(t);
}
