/* kernel/mm.h -- a process's address space: the break, anonymous mappings and
 * mappings of files (mm_file.c). */
#ifndef WUNIX_MM_H
#define WUNIX_MM_H

#include "types.h"

struct file;
struct vnode;

/* A mapped range [start, end), page-aligned. */
struct vma {
	uaddr_t start, end;
	int prot;
	int flags;        /* MAP_SHARED or MAP_PRIVATE, MAP_ANONYMOUS */
	struct vnode *vn; /* a file mapping's file (a reference), else NULL */
	int64_t off;      /* file offset of start */
	bool maywrite;    /* MAP_SHARED of a descriptor open for writing: written back */
	struct vma *next; /* address order */
};

/* BKL held for every field. */
struct mm {
	uaddr_t stack_top; /* the top of the main stack (below it only the stack: --stack-first) */
	uaddr_t brk_start; /* page-aligned heap_base: the break never goes below */
	uaddr_t brk;       /* the current break */
	struct vma *vmas;  /* mappings, sorted: above the break's pages but for MAP_FIXED ones over the heap */
};

/* Sets up the address space of a new process whose main stack ends at
 * stack_top and whose heap starts at heap_base: 0 or -errno. BKL held. */
int mm_init(struct mm *mm, uaddr_t stack_top, uaddr_t heap_base);
/* c (empty) becomes a copy of p's bookkeeping, file mappings taking their own
 * references (fork): 0 or -ENOMEM. BKL held. */
int mm_fork(struct mm *c, const struct mm *p);
/* Frees the bookkeeping of an exiting process. BKL held. */
void mm_exit(struct mm *mm);

/* The cores of the memory syscalls, on the current process. BKL held. */
uaddr_t kern_brk(uaddr_t addr);
long kern_mmap(uaddr_t addr, uint64_t len, int prot, int flags, int fd, int64_t off, uaddr_t *out);
long kern_munmap(uaddr_t addr, uint64_t len);
long kern_mremap(uaddr_t old, uint64_t oldlen, uint64_t newlen, int flags, uaddr_t newaddr, uaddr_t *out);
long kern_mprotect(uaddr_t addr, uint64_t len, int prot);
long kern_madvise(uaddr_t addr, uint64_t len, int advice);
long kern_msync(uaddr_t addr, uint64_t len, int flags);

/* File mappings (mm_file.c); all BKL held, on the current process's memory. */
/* Whether f may be mapped with prot as type (MAP_SHARED/MAP_PRIVATE): 0, -EACCES or -ENODEV. */
long mmfile_check(struct file *f, int prot, int type);
/* Makes v a mapping of f at file offset off (takes a vnode reference). */
void mmfile_attach(struct vma *v, struct file *f, int64_t off);
/* v2 maps v's file too, from file offset off (a split or a move): another reference. */
void mmfile_dup(struct vma *v2, const struct vma *v, int64_t off);
/* Drops v's file, if any. */
void mmfile_detach(struct vma *v);
/* Copies v's file into [start, end) of it, zeros past the end of the file: 0 or -errno. */
long mmfile_fill(struct vma *v, uaddr_t start, uaddr_t end);
/* Writes back the pages of [start, end) of v that differ from its file (a
 * shared writable mapping; never past the end of the file): 0 or -errno. */
long mmfile_flush(struct vma *v, uaddr_t start, uaddr_t end);
/* Coherence of read/write with this process's MAP_SHARED mappings of vn: before
 * reading [off, off+n) the mappings' changes there are written back; after
 * writing (or truncating) it the mappings are refilled from the file. */
void mmfile_before_read(struct vnode *vn, int64_t off, uint64_t n);
void mmfile_after_write(struct vnode *vn, int64_t off, uint64_t n);

#endif
