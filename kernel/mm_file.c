/* kernel/mm_file.c -- mappings of regular files. wasm has no page tables, so a
 * mapping is a copy of the file in the process memory. MAP_PRIVATE is filled
 * once. MAP_SHARED is kept coherent with read and write of the same process:
 * a read of a range first writes back what the process's shared mappings
 * changed there, and a write or truncate refills them; msync, munmap and exit
 * write back. With no dirty bits, "changed" is found by comparing each page with
 * the file, so only pages that differ are written (and other mappings of those
 * pages refilled). Other processes see the changes once they are written back. */
#include "mm.h"
#include "fd.h"
#include "kalloc.h"
#include "klib.h"
#include "lock.h"
#include "param.h"
#include "proc.h"
#include "syscall.h"
#include "usercopy.h"
#include "vfs.h"
#include <wunix/errno.h>
#include <wunix/fcntl.h>
#include <wunix/mman.h>

#define FILL_CHUNK (64 * 1024) /* largest single read while filling a mapping */

static bool shared(const struct vma *v)
{
	return v->vn && (v->flags & MAP_TYPE) == MAP_SHARED;
}

long mmfile_check(struct file *f, int prot, int type)
{
	uint32_t acc = f->flags & O_ACCMODE;

	if (type == MAP_SHARED && (prot & PROT_WRITE) && acc != O_RDWR && acc != O_WRONLY)
		return -EACCES;
	if (acc != O_RDONLY && acc != O_RDWR)
		return -EACCES;
	if (!file_is_vnode(f) || (f->vnode->mode & S_IFMT) != S_IFREG || !f->vnode->ops->read)
		return -ENODEV;
	if (type == MAP_SHARED && (prot & PROT_WRITE) && !f->vnode->ops->write)
		return -EACCES;
	return 0;
}

void mmfile_attach(struct vma *v, struct file *f, int64_t off)
{
	uint32_t acc = f->flags & O_ACCMODE;

	v->vn = vnode_get(f->vnode);
	v->off = off;
	v->maywrite = (v->flags & MAP_TYPE) == MAP_SHARED && (acc == O_RDWR || acc == O_WRONLY) &&
	              v->vn->ops->write;
	if (shared(v))
		v->vn->mmaps++;
}

void mmfile_dup(struct vma *v2, const struct vma *v, int64_t off)
{
	v2->vn = v->vn ? vnode_get(v->vn) : NULL;
	v2->off = off;
	v2->maywrite = v->maywrite;
	if (shared(v2))
		v2->vn->mmaps++;
}

void mmfile_detach(struct vma *v)
{
	if (!v->vn)
		return;
	if (shared(v))
		v->vn->mmaps--;
	vnode_put(v->vn);
	v->vn = NULL;
}

long mmfile_fill(struct vma *v, uaddr_t start, uaddr_t end)
{
	struct vnode *vn = v->vn;
	int64_t fo = v->off + (int64_t)(start - v->start);
	uaddr_t a = start;

	while (a < end && fo < vn->size) {
		size_t c = (size_t)MIN((uint64_t)(end - a), (uint64_t)FILL_CHUNK);
		long r = vn->ops->read(vn, &io_user, a, c, fo);
		if (r < 0)
			return r;
		if (r == 0)
			break;
		a += (uaddr_t)r;
		fo += r;
	}
	return a < end ? umemset(a, 0, end - a) : 0;
}

static void refill_others(struct vnode *vn, int64_t off, uint64_t n, const struct vma *except);

long mmfile_flush(struct vma *v, uaddr_t start, uaddr_t end)
{
	struct vnode *vn = v->vn;
	uint8_t *mem, *file;
	long r = 0;

	if (!v->maywrite || start >= end)
		return 0;
	if (!(mem = kalloc(2 * UPAGE)))
		return -ENOMEM;
	file = mem + UPAGE;
	for (uaddr_t a = start; a < end; a += UPAGE) {
		int64_t fo = v->off + (int64_t)(a - v->start);
		if (fo >= vn->size)
			break;
		size_t c = (size_t)MIN((int64_t)MIN((uint64_t)(end - a), (uint64_t)UPAGE), vn->size - fo);
		if (copyin(mem, a, c)) {
			r = -EFAULT;
			break;
		}
		long got = vn->ops->read(vn, &io_kernel, (uaddr_t)(uintptr_t)file, c, fo);
		if (got == (long)c && !memcmp(mem, file, c))
			continue;
		long w = vn->ops->write(vn, &io_kernel, (uaddr_t)(uintptr_t)mem, c, fo);
		if (w < 0) {
			r = w;
			break;
		}
		refill_others(vn, fo, c, v);
	}
	kfree(mem);
	return r;
}

/* The part of [off, off+n) of the file that v maps, as addresses: false if none. */
static bool overlap(const struct vma *v, int64_t off, uint64_t n, uaddr_t *s, uaddr_t *e)
{
	int64_t vend = v->off + (int64_t)(v->end - v->start);
	int64_t end = n > (uint64_t)(INT64_MAX - off) ? INT64_MAX : off + (int64_t)n;
	int64_t lo = MAX(off, v->off), hi = MIN(end, vend);

	if (lo >= hi)
		return false;
	*s = v->start + (uaddr_t)(lo - v->off);
	*e = v->start + (uaddr_t)(hi - v->off);
	return true;
}

static void refill_others(struct vnode *vn, int64_t off, uint64_t n, const struct vma *except)
{
	uaddr_t s, e;

	for (struct vma *v = curproc()->mm.vmas; v; v = v->next)
		if (v != except && v->vn == vn && shared(v) && overlap(v, off, n, &s, &e))
			mmfile_fill(v, s, e);
}

void mmfile_before_read(struct vnode *vn, int64_t off, uint64_t n)
{
	struct proc *p = curproc();
	uaddr_t s, e;

	if (!vn->mmaps || !p || off < 0)
		return;
	for (struct vma *v = p->mm.vmas; v; v = v->next)
		if (v->vn == vn && v->maywrite && overlap(v, off, n, &s, &e))
			mmfile_flush(v, ROUND_DOWN(s, (uaddr_t)UPAGE), e);
}

void mmfile_after_write(struct vnode *vn, int64_t off, uint64_t n)
{
	if (vn->mmaps && curproc() && off >= 0)
		refill_others(vn, off, n, NULL);
}

long kern_msync(uaddr_t addr, uint64_t len, int flags)
{
	struct mm *mm = &curproc()->mm;
	long r = 0;

	if ((addr & (UPAGE - 1)) || (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) ||
	    ((flags & MS_ASYNC) && (flags & MS_SYNC)))
		return -EINVAL;
	if (len > UADDR_END || addr > UADDR_END)
		return -ENOMEM;
	uaddr_t end = addr + ROUND_UP(len, (uint64_t)UPAGE);
	if (end > UADDR_END)
		return -ENOMEM;
	if (end == addr)
		return 0;
	/* the image and the heap below the mappings count as mapped, as for mprotect */
	uaddr_t floor = ROUND_UP(mm->brk, (uaddr_t)UPAGE), a = addr;
	bool hole = false;
	for (struct vma *v = mm->vmas; v && v->start < end; v = v->next) {
		if (v->end <= a)
			continue;
		if (v->start > a && v->start > floor)
			hole = true;
		uaddr_t s = MAX(v->start, a), e = MIN(v->end, end);
		long fr = shared(v) ? mmfile_flush(v, s, e) : 0;
		if (fr && !r)
			r = fr;
		a = e;
	}
	if (hole || (a < end && end > floor))
		return -ENOMEM;
	return r == -EFAULT ? -ENOMEM : r;
}

long sys_msync(const sarg_t *a)
{
	return kern_msync((uaddr_t)a[0], (uint64_t)a[1], (int)a[2]);
}
