/* kernel/mm.c -- a process's address space: the break, and mappings (anonymous,
 * or of files: mm_file.c) kept as a sorted list of VMAs, above the break's last page unless MAP_FIXED
 * put them over the heap (musl's malloc maps a guard page there). Process memory is
 * one wasm memory that only grows (host_umem_grow); memory the process used
 * before is zeroed when it is handed out again. Protections are bookkeeping:
 * wasm cannot enforce them. */
#include "mm.h"
#include "fd.h"
#include "host.h"
#include "kalloc.h"
#include "klib.h"
#include "lock.h"
#include "param.h"
#include "proc.h"
#include "syscall.h"
#include "usercopy.h"
#include "vfs.h"
#include <wunix/errno.h>
#include <wunix/mman.h>

#define PAGE_MASK ((uaddr_t)UPAGE - 1)
#define PROT_KNOWN (PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM)
#define MAP_KNOWN (MAP_TYPE | MAP_FIXED | MAP_ANONYMOUS | MAP_GROWSDOWN | MAP_DENYWRITE | \
                   MAP_EXECUTABLE | MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE | MAP_NONBLOCK | \
                   MAP_STACK | MAP_HUGETLB | MAP_SYNC | MAP_FIXED_NOREPLACE | \
                   ((unsigned)MAP_HUGE_MASK << MAP_HUGE_SHIFT))

static struct mm *curmm(void)
{
	return &curproc()->mm;
}

/* Page-rounds len: false if it overflows past the process address space. */
static bool page_len(uint64_t len, uint64_t *out)
{
	if (len > UADDR_END)
		return false;
	*out = ROUND_UP(len, (uint64_t)UPAGE);
	return true;
}

/* Lowest address a mapping may use: above the break's last page. */
static uaddr_t map_floor(struct mm *mm)
{
	return ROUND_UP(mm->brk, (uaddr_t)UPAGE);
}

/* Makes [start, end) usable and zero: zeroes what the memory already holds,
 * grows the memory for the rest. 0 or -ENOMEM. */
static long prepare(uaddr_t start, uaddr_t end)
{
	uint64_t size = (uint64_t)host_umem_size() * WPAGE;

	if (start < size && umemset(start, 0, MIN(end, size) - start))
		return -ENOMEM;
	if (end > size) {
		uint64_t pages = (end - size + WPAGE - 1) / WPAGE;
		if (pages > UINT32_MAX || host_umem_grow((uint32_t)pages) < 0)
			return -ENOMEM;
	}
	return 0;
}

static struct vma *vma_new(uaddr_t start, uaddr_t end, int prot, int flags)
{
	struct vma *v = kalloc(sizeof(*v));

	if (v) {
		v->start = start;
		v->end = end;
		v->prot = prot;
		v->flags = flags;
	}
	return v;
}

static void vma_free(struct vma *v)
{
	mmfile_detach(v);
	kfree(v);
}

/* Whether b, starting where a ends, may join a: same kind, and for a file the
 * next bytes of the same file. */
static bool vma_same(const struct vma *a, const struct vma *b)
{
	return a->prot == b->prot && a->flags == b->flags && a->vn == b->vn && a->maywrite == b->maywrite &&
	       (!a->vn || a->off + (int64_t)(a->end - a->start) == b->off);
}

/* Joins neighbours that touch and agree, keeping the list short. */
static void vma_merge(struct mm *mm)
{
	for (struct vma *v = mm->vmas; v && v->next;) {
		struct vma *n = v->next;
		if (v->end == n->start && vma_same(v, n)) {
			v->end = n->end;
			v->next = n->next;
			vma_free(n);
		} else {
			v = n;
		}
	}
}

static void vma_insert(struct mm *mm, struct vma *v)
{
	struct vma **pp = &mm->vmas;

	while (*pp && (*pp)->start < v->start)
		pp = &(*pp)->next;
	v->next = *pp;
	*pp = v;
}

/* Splits v at addr (strictly inside it): 0 or -ENOMEM. */
static long vma_split(struct vma *v, uaddr_t addr)
{
	struct vma *n = vma_new(addr, v->end, v->prot, v->flags);

	if (!n)
		return -ENOMEM;
	mmfile_dup(n, v, v->off + (int64_t)(addr - v->start));
	v->end = addr;
	n->next = v->next;
	v->next = n;
	return 0;
}

/* Whether [start, end) is clear of mappings and of the heap's pages. */
static bool range_free(struct mm *mm, uaddr_t start, uaddr_t end)
{
	if (start < map_floor(mm) && end > mm->brk_start)
		return false;
	for (struct vma *v = mm->vmas; v && v->start < end; v = v->next)
		if (v->end > start)
			return false;
	return true;
}

/* First fit for len bytes, trying hint first: the address, or 0. */
static uaddr_t find_free(struct mm *mm, uint64_t len, uaddr_t hint)
{
	uaddr_t floor = map_floor(mm);

	hint = ROUND_UP(hint, (uaddr_t)UPAGE);
	if (hint >= floor && hint <= MMAP_END && len <= MMAP_END - hint &&
	    range_free(mm, hint, hint + len))
		return hint;
	uaddr_t a = floor;
	for (struct vma *v = mm->vmas; v; v = v->next) {
		if (v->end <= a)
			continue;
		if (v->start >= a && v->start - a >= len)
			return a;
		a = v->end;
	}
	return a <= MMAP_END && len <= MMAP_END - a ? a : 0;
}

/* Removes [start, end) from the mappings, writing back shared file mappings
 * first: 0 or -ENOMEM (a split failed). */
static long unmap_range(struct mm *mm, uaddr_t start, uaddr_t end)
{
	struct vma **pp = &mm->vmas;

	while (*pp && (*pp)->start < end) {
		struct vma *v = *pp;
		if (v->end <= start) {
			pp = &v->next;
			continue;
		}
		if (v->start < start && v->end > end) {
			if (vma_split(v, end))
				return -ENOMEM;
		}
		if (v->maywrite)
			mmfile_flush(v, MAX(v->start, start), MIN(v->end, end));
		if (v->start < start) {
			v->end = start;
			pp = &v->next;
		} else if (v->end > end) {
			v->off += (int64_t)(end - v->start);
			v->start = end;
		} else {
			*pp = v->next;
			vma_free(v);
		}
	}
	return 0;
}

int mm_init(struct mm *mm, uaddr_t stack_top, uaddr_t heap_base)
{
	if (heap_base >= MMAP_END)
		return -EINVAL;
	mm->stack_top = stack_top;
	mm->brk_start = MAX(ROUND_UP(heap_base, (uaddr_t)UPAGE), (uaddr_t)UPAGE);
	mm->brk = mm->brk_start;
	mm->vmas = NULL;
	return 0;
}

void mm_exit(struct mm *mm)
{
	bool mine = curproc() && mm == &curproc()->mm;

	while (mm->vmas) {
		struct vma *v = mm->vmas;
		if (mine && v->maywrite)
			mmfile_flush(v, v->start, v->end);
		mm->vmas = v->next;
		vma_free(v);
	}
}

int mm_fork(struct mm *c, const struct mm *p)
{
	struct vma **tail = &c->vmas;

	c->stack_top = p->stack_top;
	c->brk_start = p->brk_start;
	c->brk = p->brk;
	c->vmas = NULL;
	for (const struct vma *v = p->vmas; v; v = v->next) {
		struct vma *n = vma_new(v->start, v->end, v->prot, v->flags);
		if (!n) {
			mm_exit(c);
			return -ENOMEM;
		}
		mmfile_dup(n, v, v->off);
		n->next = NULL;
		*tail = n;
		tail = &n->next;
	}
	return 0;
}

uaddr_t kern_brk(uaddr_t addr)
{
	struct mm *mm = curmm();
	uaddr_t oldtop = ROUND_UP(mm->brk, (uaddr_t)UPAGE);

	if (addr < mm->brk_start || addr > MMAP_END)
		return mm->brk;
	uaddr_t newtop = ROUND_UP(addr, (uaddr_t)UPAGE);
	if (newtop > oldtop && (!range_free(mm, oldtop, newtop) || prepare(oldtop, newtop)))
		return mm->brk;
	mm->brk = addr;
	return addr;
}

long kern_mmap(uaddr_t addr, uint64_t len, int prot, int flags, int fd, int64_t off, uaddr_t *out)
{
	struct mm *mm = curmm();
	int type = flags & MAP_TYPE;
	struct file *f = NULL;
	uint64_t plen;
	uaddr_t start;
	long r;

	if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)
		return -EINVAL;
	if (type == MAP_SHARED_VALIDATE && ((unsigned)flags & ~MAP_KNOWN))
		return -EOPNOTSUPP;
	if (type == MAP_SHARED_VALIDATE)
		type = MAP_SHARED;
	if (len == 0 || (off & (int64_t)PAGE_MASK))
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS)) {
		if (!(f = fd_lookup(fd)) || file_is_path(f))
			return -EBADF;
		if ((r = mmfile_check(f, prot, type)))
			return r;
	}
	if (!page_len(len, &plen))
		return -ENOMEM;
	if (f && (off < 0 || plen > (uint64_t)(INT64_MAX - off)))
		return -EOVERFLOW;
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if (addr & PAGE_MASK)
			return -EINVAL;
		/* over the heap too, as Linux allows; not over the program */
		if (addr < mm->brk_start || addr > MMAP_END || plen > MMAP_END - addr)
			return -ENOMEM;
		if (!range_free(mm, addr, addr + plen)) {
			if (flags & MAP_FIXED_NOREPLACE)
				return -EEXIST;
			if ((r = unmap_range(mm, addr, addr + plen)))
				return r;
		}
		start = addr;
	} else if (!(start = find_free(mm, plen, addr))) {
		return -ENOMEM;
	}
	struct vma *v = vma_new(start, start + plen, prot, type | (flags & MAP_ANONYMOUS));
	if (!v)
		return -ENOMEM;
	if ((r = prepare(start, start + plen)))
		goto fail;
	if (f) {
		/* the copy must include what this process's shared mappings changed */
		mmfile_before_read(f->vnode, off, plen);
		mmfile_attach(v, f, off);
		if ((r = mmfile_fill(v, start, start + plen)))
			goto fail;
	}
	vma_insert(mm, v);
	vma_merge(mm);
	*out = start;
	return 0;
fail:
	vma_free(v);
	return r == -EFAULT ? -ENOMEM : r;
}

long kern_munmap(uaddr_t addr, uint64_t len)
{
	uint64_t plen;

	if ((addr & PAGE_MASK) || len == 0 || !page_len(len, &plen) || addr > UADDR_END ||
	    plen > UADDR_END - addr)
		return -EINVAL;
	return unmap_range(curmm(), addr, addr + plen);
}

static struct vma *vma_containing(struct mm *mm, uaddr_t addr)
{
	for (struct vma *v = mm->vmas; v && v->start <= addr; v = v->next)
		if (addr < v->end)
			return v;
	return NULL;
}

long kern_mremap(uaddr_t old, uint64_t oldlen, uint64_t newlen, int flags, uaddr_t newaddr, uaddr_t *out)
{
	struct mm *mm = curmm();
	struct vma *v;
	long r;

	if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if ((flags & MREMAP_DONTUNMAP) && (!(flags & MREMAP_MAYMOVE) || oldlen != newlen))
		return -EINVAL;
	if ((old & PAGE_MASK) || !page_len(oldlen, &oldlen) || !page_len(newlen, &newlen))
		return -EINVAL;
	if (oldlen == 0 || newlen == 0)
		return -EINVAL;
	if (!(v = vma_containing(mm, old)) || oldlen > v->end - old)
		return -EFAULT;
	uaddr_t oldend = old + oldlen;

	if (flags & MREMAP_FIXED) {
		if (newaddr & PAGE_MASK)
			return -EINVAL;
		if (newaddr < oldend && old < newaddr + newlen)
			return -EINVAL;
		if (newaddr < mm->brk_start || newaddr > MMAP_END || newlen > MMAP_END - newaddr)
			return -ENOMEM;
	} else if (newlen <= oldlen) {
		if ((r = unmap_range(mm, old + newlen, oldend)))
			return r;
		*out = old;
		return 0;
	} else if (v->end == oldend && oldend <= MMAP_END && newlen - oldlen <= MMAP_END - oldend &&
	           range_free(mm, oldend, old + newlen)) {
		if ((r = prepare(oldend, old + newlen)))
			return r;
		v->end = old + newlen;
		if (v->vn && (r = mmfile_fill(v, oldend, old + newlen))) {
			v->end = oldend;
			return r;
		}
		vma_merge(mm);
		*out = old;
		return 0;
	} else if (!(flags & MREMAP_MAYMOVE)) {
		return -ENOMEM;
	}

	/* move: the new range gets the old contents, the old range goes away */
	int prot = v->prot, vflags = v->flags;
	int64_t foff = v->off + (int64_t)(old - v->start);
	uaddr_t dst;
	if (flags & MREMAP_FIXED) {
		if ((r = unmap_range(mm, newaddr, newaddr + newlen)))
			return r;
		dst = newaddr;
	} else if (!(dst = find_free(mm, newlen, 0))) {
		return -ENOMEM;
	}
	struct vma *n = vma_new(dst, dst + newlen, prot, vflags);
	if (!n)
		return -ENOMEM;
	if (v->vn)
		mmfile_dup(n, v, foff);
	if ((r = prepare(dst, dst + newlen)) || (r = umemmove(dst, old, MIN(oldlen, newlen))) ||
	    (n->vn && newlen > oldlen && (r = mmfile_fill(n, dst + oldlen, dst + newlen)))) {
		vma_free(n);
		return r == -EFAULT ? -ENOMEM : r;
	}
	vma_insert(mm, n);
	if ((flags & MREMAP_DONTUNMAP) && v->vn)
		mmfile_fill(v, old, oldend); /* a file mapping left behind reads the file again */
	else if (flags & MREMAP_DONTUNMAP)
		umemset(old, 0, oldlen);
	else
		unmap_range(mm, old, oldend);
	vma_merge(mm);
	*out = dst;
	return 0;
}

long kern_mprotect(uaddr_t addr, uint64_t len, int prot)
{
	struct mm *mm = curmm();
	uint64_t plen;
	long r;

	if (addr & PAGE_MASK)
		return -EINVAL;
	if ((prot & PROT_GROWSDOWN) && (prot & PROT_GROWSUP))
		return -EINVAL;
	prot &= ~(PROT_GROWSDOWN | PROT_GROWSUP);
	if (prot & ~PROT_KNOWN)
		return -EINVAL;
	if (!page_len(len, &plen) || addr > UADDR_END || plen > UADDR_END - addr)
		return -ENOMEM;
	if (plen == 0)
		return 0;
	uaddr_t end = addr + plen, a = MAX(addr, map_floor(mm));
	/* the image and the heap below the floor count as mapped */
	for (struct vma *v = mm->vmas; a < end; v = v->next) {
		if (!v || v->start > a)
			return -ENOMEM;
		if (v->end > a)
			a = v->end;
		/* a shared file mapping may become writable only if its descriptor was */
		if (v->end > addr && (prot & PROT_WRITE) && v->vn && (v->flags & MAP_TYPE) == MAP_SHARED &&
		    !v->maywrite)
			return -EACCES;
	}
	for (struct vma *v = mm->vmas; v && v->start < end; v = v->next) {
		if (v->end <= addr)
			continue;
		if (v->start < addr) {
			if ((r = vma_split(v, addr)))
				return r;
			continue;
		}
		if (v->end > end && (r = vma_split(v, end)))
			return r;
		v->prot = prot;
	}
	vma_merge(mm);
	return 0;
}

static bool advice_known(int advice)
{
	switch (advice) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
	case MADV_DONTNEED: case MADV_FREE: case MADV_REMOVE: case MADV_DONTFORK:
	case MADV_DOFORK: case MADV_MERGEABLE: case MADV_UNMERGEABLE: case MADV_HUGEPAGE:
	case MADV_NOHUGEPAGE: case MADV_DONTDUMP: case MADV_DODUMP: case MADV_WIPEONFORK:
	case MADV_KEEPONFORK: case MADV_COLD: case MADV_PAGEOUT: case MADV_POPULATE_READ:
	case MADV_POPULATE_WRITE:
		return true;
	default:
		return false;
	}
}

/* The heap's pages in [start, end) read zeros again (MADV_DONTNEED outside any mapping). */
static void heap_zero(struct mm *mm, uaddr_t start, uaddr_t end)
{
	start = MAX(start, mm->brk_start);
	end = MIN(end, map_floor(mm));
	if (start < end)
		umemset(start, 0, end - start);
}

long kern_madvise(uaddr_t addr, uint64_t len, int advice)
{
	struct mm *mm = curmm();
	uint64_t plen;

	if ((addr & PAGE_MASK) || !advice_known(advice))
		return -EINVAL;
	if (!page_len(len, &plen) || addr > UADDR_END || plen > UADDR_END - addr)
		return -EINVAL;
	if (plen == 0)
		return 0;
	uaddr_t end = addr + plen, floor = map_floor(mm), a = addr;
	bool zero = advice == MADV_DONTNEED || advice == MADV_REMOVE;
	bool hole = false;

	/* the image and the heap count as mapped; only a gap above them is a hole */
	for (struct vma *v = mm->vmas; v && v->start < end; v = v->next) {
		if (v->end <= a)
			continue;
		if (v->start > a) {
			hole |= v->start > floor;
			if (zero)
				heap_zero(mm, a, v->start);
		}
		uaddr_t s = MAX(v->start, a), e = MIN(v->end, end);
		/* a private file mapping drops its changes and reads the file again;
		 * a shared one already is what the file holds, for this process */
		if (zero && v->vn && (v->flags & MAP_TYPE) == MAP_PRIVATE)
			mmfile_fill(v, s, e);
		else if (zero && !v->vn)
			umemset(s, 0, e - s);
		a = e;
	}
	if (a < end) {
		hole |= end > floor;
		if (zero)
			heap_zero(mm, a, end);
	}
	return hole ? -ENOMEM : 0;
}

long sys_brk(const sarg_t *a)
{
	return (long)kern_brk((uaddr_t)a[0]);
}

long sys_mmap(const sarg_t *a)
{
	uaddr_t out;
	long r = kern_mmap((uaddr_t)a[0], (uint64_t)a[1], (int)a[2], (int)a[3], (int)a[4], a[5], &out);

	return r ? r : (long)out;
}

long sys_munmap(const sarg_t *a)
{
	return kern_munmap((uaddr_t)a[0], (uint64_t)a[1]);
}

long sys_mremap(const sarg_t *a)
{
	uaddr_t out;
	long r = kern_mremap((uaddr_t)a[0], (uint64_t)a[1], (uint64_t)a[2], (int)a[3], (uaddr_t)a[4], &out);

	return r ? r : (long)out;
}

long sys_mprotect(const sarg_t *a)
{
	return kern_mprotect((uaddr_t)a[0], (uint64_t)a[1], (int)a[2]);
}

long sys_madvise(const sarg_t *a)
{
	return kern_madvise((uaddr_t)a[0], (uint64_t)a[1], (int)a[2]);
}
