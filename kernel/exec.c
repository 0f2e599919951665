/* kernel/exec.c -- starting a process image: k_proc_start builds a new process
 * and lays out what Linux puts at a new process's stack pointer. */
#include "arch.h"
#include "exports.h"
#include "cpu.h"
#include "host.h"
#include "kalloc.h"
#include "klib.h"
#include "lock.h"
#include "param.h"
#include "proc.h"
#include "procfs.h"
#include "usercopy.h"
#include "vfs.h"
#include <wunix/auxv.h>
#include <wunix/errno.h>
#include <wunix/fcntl.h>

#define NAUXV 11    /* auxv pairs before AT_NULL */
#define RANDOM_BYTES 16

/* The program file each CPU loaded last (k_file_load), for the /proc/N/exe of
 * the process it starts next. BKL held. */
static struct vnode *loaded_image[NCPU];

/* Where the pieces of the initial stack go, below stack_top:
 *   [sp]            argc, argv[argc], NULL, envp[envc], NULL, auxv pairs (32-bit words)
 *   [strs]          argv and envp strings, back to back (then "" if argc == 0,
 *                   for AT_EXECFN)
 *   [rnd, top)      AT_RANDOM's 16 bytes */
struct stack_layout {
	uaddr_t top, rnd, strs, sp;
	size_t strbytes;   /* argv and envp strings with their NULs */
	size_t nwords;     /* words at sp */
};

/* Checks that kbuf holds n NUL-terminated strings within its allocation:
 * their total size, or -EINVAL. */
static long strings_size(const char *kbuf, int n)
{
	size_t cap = n ? ksize(kbuf) : 0, off = 0;

	for (int i = 0; i < n; i++) {
		size_t len = kstrnlen(kbuf + off, cap - off);
		if (len == cap - off)
			return -EINVAL;
		off += len + 1;
	}
	return (long)off;
}

static long layout(struct stack_layout *l, uaddr_t stack_top, size_t strbytes, int argc, int envc)
{
	size_t extra = argc ? 0 : 1; /* AT_EXECFN's "" */

	l->top = ROUND_DOWN(stack_top, (uaddr_t)16);
	l->strbytes = strbytes;
	l->nwords = 1 + (size_t)argc + 1 + (size_t)envc + 1 + 2 * (NAUXV + 1);
	uint64_t need = RANDOM_BYTES + strbytes + extra + 4 * (uint64_t)l->nwords + 16;
	if (l->top < ARG_STACK_KEEP || need > l->top - ARG_STACK_KEEP)
		return -E2BIG;
	l->rnd = l->top - RANDOM_BYTES;
	l->strs = l->rnd - strbytes - extra;
	l->sp = ROUND_DOWN(l->strs - 4 * l->nwords, (uaddr_t)16);
	return 0;
}

/* Writes strings, random bytes and the word block into the process memory. */
static long write_stack(const struct stack_layout *l, const char *kbuf, int argc, int envc,
                        const struct cred *c)
{
	uint8_t rnd[RANDOM_BYTES];
	uaddr_t execfn = argc ? l->strs : l->strs + l->strbytes;
	uint32_t *w = kalloc(4 * l->nwords);
	size_t off = 0, i = 0;
	long r = -ENOMEM;

	if (!w)
		goto fail;
	w[i++] = (uint32_t)argc;
	for (int k = 0; k < argc + envc; k++) {
		if (k == argc)
			w[i++] = 0;
		w[i++] = (uint32_t)(l->strs + off);
		off += strlen(kbuf + off) + 1;
	}
	if (envc == 0)
		w[i++] = 0; /* argv's NULL, not yet written */
	w[i++] = 0;
	const uint32_t aux[2 * NAUXV] = {
		AT_PAGESZ, UPAGE, AT_CLKTCK, 100, AT_HWCAP, 0, AT_HWCAP2, 0,
		AT_UID, c->ruid, AT_EUID, c->euid, AT_GID, c->rgid, AT_EGID, c->egid,
		AT_SECURE, 0, AT_RANDOM, (uint32_t)l->rnd, AT_EXECFN, (uint32_t)execfn,
	};
	memcpy(&w[i], aux, sizeof(aux));
	i += 2 * NAUXV;
	w[i++] = AT_NULL;
	w[i++] = 0;
	KASSERT(i == l->nwords);
	host_random(rnd, sizeof(rnd));
	r = -EFAULT;
	if (copyout(l->rnd, rnd, sizeof(rnd)) || copyout(l->strs, kbuf, l->strbytes) ||
	    (argc == 0 && copyout(execfn, "", 1)) || copyout(l->sp, w, 4 * l->nwords))
		goto fail;
	r = 0;
fail:
	kfree(w);
	return r;
}

static long proc_start(const char *kbuf, int argc, int envc, uaddr_t stack_top, uaddr_t heap_base)
{
	struct stack_layout l;
	struct proc *p = NULL;
	struct thread *t = NULL;
	long r;

	if (argc < 0 || envc < 0 || argc > INT32_MAX - envc || (!kbuf && argc + envc))
		return -EINVAL;
	long strbytes = strings_size(kbuf, argc + envc);
	if (strbytes < 0)
		return strbytes;
	long argbytes = strings_size(kbuf, argc);
	r = layout(&l, stack_top, (size_t)strbytes, argc, envc);
	if (r)
		return r;
	r = -EAGAIN;
	if (!(p = proc_alloc(initproc)) || !(t = thread_alloc(p)))
		goto fail;
	t->cpu = cpu_self;
	cpu_self->thread = t;
	vfs_proc_init(p);
	if ((r = mm_init(&p->mm, heap_base)) || (r = fd_init_stdio(p)))
		goto fail;
	if (argc) {
		const char *base = kbuf;
		for (const char *s = kbuf; *s; s++)
			if (*s == '/')
				base = s + 1;
		kstrlcpy(p->comm, base, sizeof(p->comm));
	}
	if ((r = write_stack(&l, kbuf, argc, envc, &p->cred)))
		goto fail;
	r = procfs_proc_start(p, kbuf, (size_t)argbytes, (size_t)(strbytes - argbytes), loaded_image[cpu_self->id]);
	loaded_image[cpu_self->id] = NULL;
	if (r)
		goto fail;
	return (long)l.sp;
fail:
	if (p) {
		procfs_proc_exit(p);
		fd_exit(p);
		vfs_exit(p);
		mm_exit(&p->mm);
		if (t)
			thread_free(t);
		p->state = P_ZOMBIE;
		proc_reap(p);
	}
	return r;
}

/* Makes a new process, a child of init, with one thread on this CPU, from kbuf
 * (argc then envc NUL-terminated strings; the caller frees it). Returns the
 * initial stack pointer for _start, or -errno (E2BIG: arguments too large). */
KEXPORT("k_proc_start") long k_proc_start(const char *kbuf, int argc, int envc, uint32_t stack_top,
                                          uint32_t heap_base)
{
	struct thread *cur = kentry();
	long r = -EBUSY;

	if (!cur)
		r = proc_start(kbuf, argc, envc, stack_top, heap_base);
	kexit(curthread());
	return r;
}

/* The pid of the process whose thread runs on this CPU, or 0. */
KEXPORT("k_proc_pid") int k_proc_pid(void)
{
	struct proc *p = curproc();
	return p ? p->pid : 0;
}

/* kern_load_image that also hands out the file's vnode (a reference) in *vnp if vnp is not NULL. */
static long load_image(const char *path, void **buf, uint32_t *len, struct vnode **vnp)
{
	struct vnode *vn;
	long r = vfs_lookup(AT_FDCWD, path, W_FOLLOW, &vn);

	if (r)
		return r;
	if ((vn->mode & S_IFMT) != S_IFREG)
		r = -EACCES;
	else if (!(r = vfs_permission(vn, X_OK)) && vn->size > IMAGE_MAX)
		r = -ENOMEM;
	if (r == 0) {
		uint32_t n = (uint32_t)vn->size;
		void *b = kalloc(n ? n : 1);
		if (!b)
			r = -ENOMEM;
		else if ((r = vn->ops->read(vn, &io_kernel, (uaddr_t)(uintptr_t)b, n, 0)) != (long)n)
			kfree(b), r = r < 0 ? r : -EIO;
		else
			*buf = b, *len = n, r = 0;
	}
	if (r == 0 && vnp)
		*vnp = vn;
	else
		vnode_put(vn);
	return r;
}

/* Reads the program file at path into a new kernel buffer: 0 with *buf and *len
 * set, or -errno (ENOENT, ENOTDIR, ELOOP, EACCES for what cannot be executed).
 * The start of exec; BKL held. */
long kern_load_image(const char *path, void **buf, uint32_t *len)
{
	return load_image(path, buf, len, NULL);
}

/* For the host: the program at path (a kernel string), resolved as init sees the
 * file system, in a kernel buffer the caller frees with k_kfree. Returns the
 * buffer's address with *len set, or -errno. */
KEXPORT("k_file_load") long k_file_load(const char *path, uint32_t *len)
{
	struct thread *t = kentry();
	struct vnode *vn = NULL;
	void *buf;
	long r = load_image(path, &buf, len, &vn);

	if (cpu_self && !t) {
		if (loaded_image[cpu_self->id])
			vnode_put(loaded_image[cpu_self->id]);
		loaded_image[cpu_self->id] = vn;
	} else if (vn) {
		vnode_put(vn);
	}
	kexit(t);
	return r ? r : (long)(uintptr_t)buf;
}
