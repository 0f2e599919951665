/* kernel/mm.h -- a process's address space: the break and anonymous mappings. */
#ifndef WUNIX_MM_H
#define WUNIX_MM_H

#include "types.h"

/* A mapped range [start, end), page-aligned. */
struct vma {
	uaddr_t start, end;
	int prot;
	int flags;
	struct vma *next; /* address order */
};

/* BKL held for every field. */
struct mm {
	uaddr_t brk_start; /* page-aligned heap_base: the break never goes below */
	uaddr_t brk;       /* the current break */
	struct vma *vmas;  /* mappings, all above the break's pages, sorted */
};

/* Sets up the address space of a new process whose heap starts at heap_base:
 * 0 or -errno. BKL held. */
int mm_init(struct mm *mm, uaddr_t heap_base);
/* Frees the bookkeeping of an exiting process. BKL held. */
void mm_exit(struct mm *mm);

/* The cores of the memory syscalls, on the current process. BKL held. */
uaddr_t kern_brk(uaddr_t addr);
long kern_mmap(uaddr_t addr, uint64_t len, int prot, int flags, int fd, int64_t off, uaddr_t *out);
long kern_munmap(uaddr_t addr, uint64_t len);
long kern_mremap(uaddr_t old, uint64_t oldlen, uint64_t newlen, int flags, uaddr_t newaddr, uaddr_t *out);
long kern_mprotect(uaddr_t addr, uint64_t len, int prot);
long kern_madvise(uaddr_t addr, uint64_t len, int advice);

#endif
