/* kernel/image.h -- a program image on its way into a process: its arguments,
 * its file, and the host's prepared instance of it (exec, spawn). */
#ifndef WUNIX_IMAGE_H
#define WUNIX_IMAGE_H

#include "types.h"

struct cred;
struct vnode;

/* BKL held for every field; owned by the thread building it. */
struct image {
	char *args;            /* argv then envp strings, each NUL-terminated (kalloc'd) */
	int argc, envc;
	size_t argbytes;       /* bytes of the argv strings in args */
	size_t strbytes;       /* bytes of all strings in args */
	struct vnode *vn;      /* the program file (a script's interpreter), a reference;
	                        * NULL for a program the host provided (onResolveSpawn) */
	int handle;            /* the host's prepared instance, 0 if none */
	uaddr_t stack_top;     /* its stack's top, before the arguments go there */
	uaddr_t sp;            /* its initial stack pointer, once prepared */
	uaddr_t heap_base;     /* where its heap starts */
};

/* Copies the NULL-terminated string arrays argv and envp (0: empty) of the
 * current process into img: 0, -EFAULT, or -E2BIG past ARG_MAX. BKL held. */
long image_args(struct image *img, uaddr_t argv, uaddr_t envp);
/* Sets img's arguments from a kernel buffer of argc then envc strings (copied). */
long image_kargs(struct image *img, const char *kbuf, int argc, int envc);
/* Resolves path (from dirfd, with W_* flags) to a program img->vn without side
 * effects: a "#!" script is replaced by its interpreter and the arguments are
 * rewritten as Linux does. ENOENT, ENOTDIR, ELOOP, EACCES (not a regular
 * file, no x bit), ENOEXEC (neither wasm nor a script, or a script as
 * interpreter). A path the file system does not have goes to the host
 * (host_resolve), which may provide the program or rewrite argv. BKL held;
 * may release it. */
long image_find(struct image *img, int dirfd, const char *path, int wflags);
/* Has the host instantiate img->vn in a fresh memory and lays out the initial
 * stack there for a process with credentials c: 0 with img->handle, sp and
 * heap_base set, or -errno (ENOEXEC: not a wunix program; E2BIG). BKL held;
 * releases it while the host compiles. */
long image_prepare(struct image *img, const struct cred *c);
struct proc;
/* exec's point of no return, for exec and spawn alike: p takes img (prepared)
 * as its program: close-on-exec descriptors closed, caught signals reset, the
 * address space and procfs's view replaced (exec.c). Cannot fail. BKL held. */
void image_commit(struct proc *p, const struct image *img);
/* The program file at path (from dirfd, W_* flags): a regular file the caller
 * may execute and exec would read (ENOMEM past IMAGE_MAX), with a reference. */
long image_open(int dirfd, const char *path, int wflags, struct vnode **out);
/* vn's bytes in a new kernel buffer: 0 with *buf and *len set, or -errno. */
long image_read(struct vnode *vn, void **buf, uint32_t *len);
/* Releases what img still holds (a prepared instance not handed on included). BKL held. */
void image_done(struct image *img);
/* The initial stack for _start at stack_top of the current memory (argc, argv,
 * envp, auxv as Linux lays them out): the stack pointer, or -errno (E2BIG). */
long image_stack(const char *args, int argc, int envc, size_t strbytes, uaddr_t stack_top,
                 const struct cred *c);

#endif
