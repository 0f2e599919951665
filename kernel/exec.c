/* kernel/exec.c -- starting programs: k_proc_start (a process the host asks
 * for), execve and execveat (a new image in the same process; the host runs
 * it in the same worker with a fresh memory). */
#include "arch.h"
#include "exports.h"
#include "cpu.h"
#include "host.h"
#include "image.h"
#include "kalloc.h"
#include "klib.h"
#include "lock.h"
#include "param.h"
#include "proc.h"
#include "procfs.h"
#include "syscall.h"
#include "timer.h"
#include "usercopy.h"
#include "vfs.h"
#include <wunix/errno.h>
#include <wunix/fcntl.h>

/* The program file each CPU loaded last (k_file_load), for the /proc/N/exe of
 * the process it starts next. BKL held. */
static struct vnode *loaded_image[NCPU];

/* The last component of path, for comm. */
static const char *base_name(const char *path)
{
	const char *base = path;
	for (const char *s = path; *s; s++)
		if (*s == '/')
			base = s + 1;
	return base;
}

static long proc_start(const char *kbuf, int argc, int envc, uaddr_t stack_top, uaddr_t heap_base)
{
	struct image img = { 0 };
	struct proc *p = NULL;
	struct thread *t = NULL;
	long r;

	if ((r = image_kargs(&img, kbuf, argc, envc)))
		return r;
	r = -EAGAIN;
	if (!(p = proc_alloc(initproc)) || !(t = thread_alloc(p)))
		goto fail;
	p->pgid = p->sid = p->pid; /* the host starts session leaders, as a terminal's login does */
	t->cpu = cpu_self;
	t->ran = true;
	cpu_self->thread = t;
	vfs_proc_init(p);
	if ((r = mm_init(&p->mm, stack_top, heap_base)) || (r = fd_init_stdio(p)))
		goto fail;
	if (argc)
		kstrlcpy(p->comm, base_name(img.args), sizeof(p->comm));
	if ((r = image_stack(img.args, argc, envc, img.strbytes, stack_top, &p->cred)) < 0)
		goto fail;
	uaddr_t sp = (uaddr_t)r;
	r = procfs_proc_start(p, img.args, img.argbytes, img.strbytes - img.argbytes, loaded_image[cpu_self->id]);
	loaded_image[cpu_self->id] = NULL;
	if (r)
		goto fail;
	image_done(&img);
	return (long)sp;
fail:
	if (p) {
		if (t)
			cpu_self->thread = NULL;
		proc_discard(p);
	}
	image_done(&img);
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

void image_commit(struct proc *p, const struct image *img)
{
	fd_exec(p);
	timer_exec(p);
	sig_exec(&p->sig);
	mm_exit(&p->mm);
	mm_init(&p->mm, img->stack_top, img->heap_base);
	kstrlcpy(p->comm, img->argc ? base_name(img->args) : "", sizeof(p->comm));
	procfs_proc_start(p, img->args, img->argbytes, img->strbytes - img->argbytes,
	                  img->vn ? vnode_get(img->vn) : NULL);
	p->did_exec = true;
}

/* The core of execve and execveat: runs path (from dirfd, W_* flags) with the
 * arguments in img, which it consumes. Returns only on failure, with the
 * process as it was: -errno. BKL held; may release it. */
long kern_exec(int dirfd, const char *path, int wflags, struct image *img)
{
	struct thread *t = curthread();
	struct proc *p = t->proc;
	long r;

	if ((r = image_find(img, dirfd, path, wflags)) || (r = image_prepare(img, &p->cred))) {
		image_done(img);
		return r;
	}
	/* the point of no return: the other threads end first (POSIX exec) */
	thread_kill_others(p, t);
	while (p->nthreads > 1 && !t->killed)
		ksleep(&p->nthreads, -1);
	if (t->killed) {
		image_done(img);
		return -ERESTARTNOINTR; /* exit_group or a fatal signal came first */
	}
	image_commit(p, img);
	t->tid = p->pid; /* the thread that execs becomes the leader, as on Linux */
	t->clear_child_tid = 0;
	t->robust_list = 0;
	t->ss_sp = 0;
	t->ss_size = 0;
	t->ss_flags = SS_DISABLE;
	if (trace_on())
		klog("[%d] execve(\"%s\") = 0", p->pid, path);
	int handle = img->handle;
	uaddr_t sp = img->sp;
	img->handle = 0;
	image_done(img);
	kexit(t);
	host_exec(handle, (uint32_t)sp);
}

static long exec_args(const sarg_t *a, int pathi, char *path, struct image *img)
{
	long r = path_copyin(path, (uaddr_t)a[pathi]);
	if (r)
		return r;
	return image_args(img, (uaddr_t)a[pathi + 1], (uaddr_t)a[pathi + 2]);
}

long sys_execve(const sarg_t *a)
{
	char path[WPATH_MAX];
	struct image img = { 0 };
	long r = exec_args(a, 0, path, &img);

	if (r) {
		image_done(&img);
		return r;
	}
	return kern_exec(AT_FDCWD, path, W_FOLLOW, &img);
}

long sys_execveat(const sarg_t *a)
{
	char path[WPATH_MAX];
	struct image img = { 0 };
	int flags = (int)a[4];
	long r = -EINVAL;

	if (!(flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW)))
		r = exec_args(a, 1, path, &img);
	if (r) {
		image_done(&img);
		return r;
	}
	int wflags = (flags & AT_SYMLINK_NOFOLLOW ? 0 : W_FOLLOW) | (flags & AT_EMPTY_PATH ? W_EMPTY : 0);
	return kern_exec((int)a[0], path, wflags, &img);
}

/* The program file at path with its bytes, and its vnode (a reference) in *vnp. */
static long load_image(const char *path, void **buf, uint32_t *len, struct vnode **vnp)
{
	struct vnode *vn;
	long r = image_open(AT_FDCWD, path, W_FOLLOW, &vn);

	if (r)
		return r;
	if ((r = image_read(vn, buf, len))) {
		vnode_put(vn);
		return r;
	}
	*vnp = vn;
	return 0;
}

/* For the host: the program at path (a kernel string), resolved as init sees the
 * file system, in a kernel buffer the caller frees with k_kfree. Returns the
 * buffer's address with *info filled, or -errno. */
KEXPORT("k_file_load") long k_file_load(const char *path, struct file_info *info)
{
	struct thread *t = kentry();
	struct vnode *vn = NULL;
	void *buf = NULL;
	long r = load_image(path, &buf, &info->len, &vn);

	if (r == 0) {
		info->dev = (double)vn->mnt->dev;
		info->ino = (double)vn->ino;
		info->ctime = (double)vn->ctime;
		info->size = (double)vn->size;
	}
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
