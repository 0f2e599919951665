/* kernel/procfs.c -- /proc: one directory per process (stat, status, comm, cmdline,
 * environ, fd/, cwd, exe), self, mounts, meminfo, uptime, loadavg and cpuinfo.
 *
 * Vnodes are made by each lookup and freed at their last reference
 * (vnode.transient); a process is named by pid and start time, so a node
 * outliving its process answers ENOENT/ESRCH rather than a reused pid. A file's
 * text is made when a read starts at offset 0 and kept for later reads, which is
 * what Linux's seq files amount to for small files. fd/N, cwd and exe are magic
 * links: a walk takes the file's vnode itself (vnode_ops.follow), so opening
 * /proc/self/fd/N opens what descriptor N has open, even when it has no name.
 * For a pipe or the console, which have no vnode, it gets a stand-in whose open
 * makes a new file on the same pipe (as a FIFO open) or console stream. */
#include "vfs.h"
#include "console.h"
#include "fd.h"
#include "kalloc.h"
#include "klib.h"
#include "ktime.h"
#include "lock.h"
#include "pipe.h"
#include "proc.h"
#include "procfs.h"
#include "sysinfo.h"
#include "usercopy.h"
#include <stdarg.h>
#include <wunix/errno.h>
#include <wunix/fcntl.h>

#define PROC_SUPER_MAGIC 0x9fa0
#define TICK_NS 10000000ll      /* clock ticks of stat's times: USER_HZ 100 */

enum pkind {
	PK_ROOT, PK_SELF, PK_MOUNTS, PK_MEMINFO, PK_UPTIME, PK_LOADAVG, PK_CPUINFO,
	PK_PID, PK_STAT, PK_STATUS, PK_COMM, PK_CMDLINE, PK_ENVIRON, PK_FDDIR, PK_CWD, PK_EXE,
	PK_FD,      /* fd/N */
	PK_STANDIN, /* what fd/N leads to when its file has no vnode */
};

/* BKL held for every field. */
struct pnode {
	struct vnode v;
	enum pkind kind;
	int pid;            /* the process, for the per-process kinds */
	int64_t start;      /* its start_ns: a reused pid is another process */
	int fd;             /* PK_FD */
	struct file *file;  /* PK_STANDIN: the file it stands for (a reference) */
	char *text;         /* files: the text the last read from offset 0 made */
	size_t textlen;
	char name[16];      /* directories: the name readdir last handed out */
};

struct pent {
	const char *name;
	enum pkind kind;
	uint32_t mode;
};

static const struct pent top_ents[] = {
	{ "self", PK_SELF, S_IFLNK | 0777 },
	{ "mounts", PK_MOUNTS, S_IFREG | 0444 },
	{ "meminfo", PK_MEMINFO, S_IFREG | 0444 },
	{ "uptime", PK_UPTIME, S_IFREG | 0444 },
	{ "loadavg", PK_LOADAVG, S_IFREG | 0444 },
	{ "cpuinfo", PK_CPUINFO, S_IFREG | 0444 },
};

static const struct pent pid_ents[] = {
	{ "stat", PK_STAT, S_IFREG | 0444 },
	{ "status", PK_STATUS, S_IFREG | 0444 },
	{ "comm", PK_COMM, S_IFREG | 0444 },
	{ "cmdline", PK_CMDLINE, S_IFREG | 0444 },
	{ "environ", PK_ENVIRON, S_IFREG | 0400 },
	{ "fd", PK_FDDIR, S_IFDIR | 0500 },
	{ "cwd", PK_CWD, S_IFLNK | 0777 },
	{ "exe", PK_EXE, S_IFLNK | 0777 },
};

static const struct vnode_ops procfs_ops, standin_ops;

static struct pnode *pn(struct vnode *vn)
{
	return (struct pnode *)vn;
}

/* ---- processes ---- */

static struct proc *proc_by_pid(int pid)
{
	for (int i = 0; i < NPROC; i++)
		if (procs[i].state != P_UNUSED && procs[i].pid == pid)
			return &procs[i];
	return NULL;
}

/* The live process n is about, or NULL. */
static struct proc *pn_proc(struct pnode *n)
{
	struct proc *p = proc_by_pid(n->pid);
	return p && p->start_ns == n->start ? p : NULL;
}

/* Whether the caller may look at p's descriptors, cwd and exe (Linux's
 * ptrace_may_access): root, or all of p's uids are the caller's. */
static long may_inspect(struct proc *p)
{
	const struct cred *c = &vfs_proc()->cred;

	if (c->fsuid == 0 || (c->fsuid == p->cred.ruid && c->fsuid == p->cred.euid && c->fsuid == p->cred.suid))
		return 0;
	return -EACCES;
}

static int parse_num(const char *name, size_t len)
{
	int v = 0;

	if (len == 0 || len > 9 || (len > 1 && name[0] == '0'))
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		v = v * 10 + (name[i] - '0');
	}
	return v;
}

/* ---- nodes ---- */

static struct pnode *pn_new(struct mount *m, enum pkind kind, uint32_t mode, struct proc *p, int fd)
{
	struct pnode *n = kalloc(sizeof(*n));

	if (!n)
		return NULL;
	vnode_init(&n->v, kind == PK_STANDIN ? &standin_ops : &procfs_ops, m, mode);
	n->v.transient = true;
	n->v.nlink = (mode & S_IFMT) == S_IFDIR ? 2 : 1;
	n->kind = kind;
	n->fd = fd;
	n->v.uid = n->v.gid = 0;
	if (p) {
		n->pid = p->pid;
		n->start = p->start_ns;
		n->v.uid = p->cred.euid;
		n->v.gid = p->cred.egid;
	}
	n->v.ino = ((uint64_t)n->pid << 16) | ((uint64_t)kind << 9) | (uint64_t)(fd & 0x1ff);
	if (kind == PK_ROOT)
		n->v.ino = 1;
	return n;
}

static long pn_make(struct mount *m, enum pkind kind, uint32_t mode, struct proc *p, int fd,
                    struct vnode **out)
{
	struct pnode *n = pn_new(m, kind, mode, p, fd);

	if (!n)
		return -ENOMEM;
	*out = &n->v;
	return 0;
}

static long lookup_pid(struct mount *m, int pid, struct vnode **out)
{
	struct proc *p = pid > 0 ? proc_by_pid(pid) : NULL;

	if (!p)
		return -ENOENT;
	return pn_make(m, PK_PID, S_IFDIR | 0555, p, 0, out);
}

static long plookup(struct vnode *dir, const char *name, size_t len, struct vnode **out)
{
	struct pnode *d = pn(dir);
	struct mount *m = dir->mnt;
	bool dotdot = len == 2 && name[0] == '.' && name[1] == '.';
	struct proc *p = NULL;

	if (d->kind != PK_ROOT && !(p = pn_proc(d)))
		return -ENOENT;
	switch (d->kind) {
	case PK_ROOT:
		if (dotdot) {
			*out = vnode_get(dir);
			return 0;
		}
		for (size_t i = 0; i < ARRAY_SIZE(top_ents); i++)
			if (strlen(top_ents[i].name) == len && !memcmp(top_ents[i].name, name, len))
				return pn_make(m, top_ents[i].kind, top_ents[i].mode, NULL, 0, out);
		return lookup_pid(m, parse_num(name, len), out);
	case PK_PID:
		if (dotdot) {
			*out = vnode_get(m->root);
			return 0;
		}
		for (size_t i = 0; i < ARRAY_SIZE(pid_ents); i++)
			if (strlen(pid_ents[i].name) == len && !memcmp(pid_ents[i].name, name, len))
				return pn_make(m, pid_ents[i].kind, pid_ents[i].mode, p, 0, out);
		return -ENOENT;
	case PK_FDDIR: {
		if (dotdot)
			return pn_make(m, PK_PID, S_IFDIR | 0555, p, 0, out);
		int fd = parse_num(name, len);
		if (fd < 0 || fd >= NOFILE || !p->fds.fd[fd])
			return -ENOENT;
		uint32_t acc = p->fds.fd[fd]->flags & O_ACCMODE;
		uint32_t mode = acc == O_RDONLY ? 0500 : acc == O_WRONLY ? 0300 : 0700;
		return pn_make(m, PK_FD, S_IFLNK | mode, p, fd, out);
	}
	default:
		return -ENOTDIR;
	}
}

/* Fills e with a name of the node's name buffer. */
static long dirent_num(struct pnode *d, struct vfs_dirent *e, int num, uint64_t ino, uint8_t type)
{
	e->namelen = (size_t)ksnprintf(d->name, sizeof(d->name), "%d", num);
	e->name = d->name;
	e->ino = ino;
	e->type = type;
	return 1;
}

static long dirent_ent(const struct pent *t, struct vfs_dirent *e, uint64_t ino)
{
	e->name = t->name;
	e->namelen = strlen(t->name);
	e->ino = ino;
	e->type = (uint8_t)((t->mode & S_IFMT) >> 12);
	return 1;
}

static long preaddir(struct vnode *dir, uint64_t *pos, struct vfs_dirent *e)
{
	struct pnode *d = pn(dir);
	struct proc *p = NULL;
	uint64_t base = (uint64_t)d->pid << 16;

	if (d->kind != PK_ROOT && !(p = pn_proc(d)))
		return 0;
	if (*pos < 2) {
		e->ino = *pos == 0 ? dir->ino : d->kind == PK_FDDIR ? base | (uint64_t)PK_PID << 9 : 1;
		e->type = DT_DIR;
		e->name = "..";
		e->namelen = (size_t)*pos + 1;
		(*pos)++;
		return 1;
	}
	uint64_t i = *pos - 2;
	switch (d->kind) {
	case PK_ROOT:
		if (i < ARRAY_SIZE(top_ents)) {
			(*pos)++;
			return dirent_ent(&top_ents[i], e, (uint64_t)top_ents[i].kind << 9);
		}
		for (i -= ARRAY_SIZE(top_ents); i < NPROC; i++) {
			if (procs[i].state == P_UNUSED)
				continue;
			*pos = 2 + ARRAY_SIZE(top_ents) + i + 1;
			return dirent_num(d, e, procs[i].pid, (uint64_t)procs[i].pid << 16 | (uint64_t)PK_PID << 9,
			                  DT_DIR);
		}
		return 0;
	case PK_PID:
		if (i >= ARRAY_SIZE(pid_ents))
			return 0;
		(*pos)++;
		return dirent_ent(&pid_ents[i], e, base | (uint64_t)pid_ents[i].kind << 9);
	case PK_FDDIR:
		for (; i < NOFILE; i++) {
			if (!p->fds.fd[i])
				continue;
			*pos = 2 + i + 1;
			return dirent_num(d, e, (int)i, base | (uint64_t)PK_FD << 9 | i, DT_LNK);
		}
		return 0;
	default:
		return 0;
	}
}

/* ---- the text of files ---- */

/* A growing text buffer; oom is latched. */
struct sbuf {
	char *b;
	size_t len, cap;
	bool oom;
};

static void sb_put(struct sbuf *s, const char *p, size_t n)
{
	if (s->oom)
		return;
	if (s->len + n > s->cap) {
		size_t cap = s->cap ? s->cap : 512;
		while (cap < s->len + n)
			cap *= 2;
		char *b = kalloc(cap);
		if (!b) {
			s->oom = true;
			return;
		}
		if (s->len)
			memcpy(b, s->b, s->len);
		kfree(s->b);
		s->b = b;
		s->cap = cap;
	}
	memcpy(s->b + s->len, p, n);
	s->len += n;
}

__attribute__((format(printf, 2, 3))) static void sb_printf(struct sbuf *s, const char *fmt, ...)
{
	char line[256];
	va_list ap;

	va_start(ap, fmt);
	int n = kvsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	sb_put(s, line, (size_t)n);
}

/* One /proc/meminfo line: the name padded to 16 columns, the value in kB. */
static void sb_kb(struct sbuf *s, const char *name, uint64_t kb)
{
	char pad[17];
	size_t n = strlen(name);

	memset(pad, ' ', 16);
	memcpy(pad, name, n);
	pad[n] = ':';
	sb_put(s, pad, 16);
	sb_printf(s, "%8llu kB\n", (unsigned long long)kb);
}

/* A path in /proc/mounts: space, tab, newline and backslash as octal escapes. */
static void sb_mangle(struct sbuf *s, const char *p)
{
	for (; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\\')
			sb_printf(s, "\\%c%c%c", '0' + ((*p >> 6) & 7), '0' + ((*p >> 3) & 7), '0' + (*p & 7));
		else
			sb_put(s, p, 1);
	}
}

static char proc_state(struct proc *p, const char **word)
{
	if (p->state == P_ZOMBIE) {
		*word = "zombie";
		return 'Z';
	}
	for (int i = 0; i < NTHREAD; i++) {
		struct thread *t = &threads[i];
		if (t->used && t->proc == p && (!t->sleeping || t == curthread())) {
			*word = "running";
			return 'R';
		}
	}
	*word = "sleeping";
	return 'S';
}

/* The process's memory in bytes as the kernel tracks it: the break and the mappings. */
static uint64_t proc_vsize(struct proc *p)
{
	uint64_t n = p->mm.brk;

	for (struct vma *v = p->mm.vmas; v; v = v->next)
		n += v->end - v->start;
	return n;
}

static void sig_sets(struct proc *p, uint64_t *ign, uint64_t *cgt)
{
	*ign = *cgt = 0;
	for (int s = 1; s <= WUNIX_NSIG; s++) {
		uint32_t h = p->sig.act[s - 1].sa_handler;
		if (h == SIG_IGN)
			*ign |= SIGBIT(s);
		else if (h != SIG_DFL)
			*cgt |= SIGBIT(s);
	}
}

static struct thread *main_thread(struct proc *p)
{
	for (int i = 0; i < NTHREAD; i++)
		if (threads[i].used && threads[i].proc == p)
			return &threads[i];
	return NULL;
}

static void gen_stat(struct sbuf *s, struct proc *p)
{
	const char *word;
	char st = proc_state(p, &word);
	struct thread *t = main_thread(p);
	uint64_t ign, cgt, vsize = proc_vsize(p);
	unsigned long long run = (unsigned long long)((ktime_mono() - p->start_ns) / TICK_NS);
	unsigned long long start = (unsigned long long)(p->start_ns / TICK_NS);
	int ppid = p->parent ? p->parent->pid : 0;

	sig_sets(p, &ign, &cgt);
	sb_printf(s, "%d (%s) %c %d %d %d 0 -1 4194560 0 0 0 0 ", p->pid, p->comm, st, ppid, p->pgid, p->sid);
	/* utime is the time since start, as CLOCK_PROCESS_CPUTIME_ID reports it */
	sb_printf(s, "%llu 0 0 0 20 0 %d 0 %llu %llu %llu 4294967295 ", run, p->nthreads, start,
	          (unsigned long long)vsize, (unsigned long long)(vsize / UPAGE));
	sb_printf(s, "0 0 0 0 0 %llu %llu %llu %llu 0 0 0 17 0 0 0 0 0 0 ",
	          (unsigned long long)(p->sigq.set | (t ? t->sigq.set : 0)),
	          (unsigned long long)(t ? t->sigmask : 0), (unsigned long long)ign, (unsigned long long)cgt);
	sb_printf(s, "0 0 %llu 0 0 0 0 %d\n", (unsigned long long)p->mm.brk_start,
	          p->state == P_ZOMBIE ? p->wstatus : 0);
}

static void gen_ids(struct sbuf *s, const char *name, uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
	sb_printf(s, "%s:\t%u\t%u\t%u\t%u\n", name, a, b, c, d);
}

static void gen_status(struct sbuf *s, struct proc *p)
{
	const char *word;
	char st = proc_state(p, &word);
	struct thread *t = main_thread(p);
	const struct cred *c = &p->cred;
	uint64_t ign, cgt, vsize = proc_vsize(p);
	int ppid = p->parent ? p->parent->pid : 0;

	sig_sets(p, &ign, &cgt);
	sb_printf(s, "Name:\t%s\nUmask:\t0%c%c%c\nState:\t%c (%s)\n", p->comm, '0' + ((p->umask >> 6) & 7),
	          '0' + ((p->umask >> 3) & 7), '0' + (p->umask & 7), st, word);
	sb_printf(s, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n", p->pid, p->pid, ppid);
	gen_ids(s, "Uid", c->ruid, c->euid, c->suid, c->fsuid);
	gen_ids(s, "Gid", c->rgid, c->egid, c->sgid, c->fsgid);
	sb_printf(s, "FDSize:\t%d\nGroups:\t", NOFILE);
	for (int i = 0; i < c->ngroups; i++)
		sb_printf(s, "%u ", c->groups[i]);
	sb_printf(s, "\nNStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n", p->pid, p->pid, p->pgid, p->sid);
	if (p->state != P_ZOMBIE) {
		sb_printf(s, "VmSize:\t%8llu kB\n", (unsigned long long)(vsize / 1024));
		sb_printf(s, "VmRSS:\t%8llu kB\n", (unsigned long long)(vsize / 1024));
	}
	sb_printf(s, "Threads:\t%d\nSigQ:\t0/0\n", p->nthreads);
	sb_printf(s, "SigPnd:\t%016llx\nShdPnd:\t%016llx\n", (unsigned long long)(t ? t->sigq.set : 0),
	          (unsigned long long)p->sigq.set);
	sb_printf(s, "SigBlk:\t%016llx\nSigIgn:\t%016llx\nSigCgt:\t%016llx\n",
	          (unsigned long long)(t ? t->sigmask : 0), (unsigned long long)ign, (unsigned long long)cgt);
}

static void gen_mounts(struct sbuf *s)
{
	int n = 0;

	for (struct mount *m = vfs_mount_list(); m; m = m->next)
		n++;
	/* the list is newest first; /proc/mounts is in mount order */
	for (int i = n - 1; i >= 0; i--) {
		struct mount *m = vfs_mount_list();
		char *path = NULL;
		for (int k = 0; k < i; k++)
			m = m->next;
		if (m->covered && vfs_vnode_path(m->covered, &path))
			continue;
		sb_put(s, m->type, strlen(m->type));
		sb_put(s, " ", 1);
		sb_mangle(s, path ? path : "/");
		sb_printf(s, " %s rw 0 0\n", m->type);
		kfree(path);
	}
}

static void gen_meminfo(struct sbuf *s)
{
	uint64_t total, free;

	sysinfo_mem_kb(&total, &free);
	uint64_t used = total - free;
	sb_kb(s, "MemTotal", total);
	sb_kb(s, "MemFree", free);
	sb_kb(s, "MemAvailable", free);
	sb_kb(s, "Buffers", 0);
	sb_kb(s, "Cached", 0);
	sb_kb(s, "SwapCached", 0);
	sb_kb(s, "SwapTotal", 0);
	sb_kb(s, "SwapFree", 0);
	sb_kb(s, "Shmem", 0);
	sb_kb(s, "Slab", used);
}

static void gen_uptime(struct sbuf *s)
{
	int64_t cs = ktime_mono() / TICK_NS;

	sb_printf(s, "%lld.%02lld 0.00\n", (long long)(cs / 100), (long long)(cs % 100));
}

/* Loads are not tracked (0); then running/existing processes and the last pid handed out. */
static void gen_loadavg(struct sbuf *s)
{
	int n = 0, last = 0;

	for (int i = 0; i < NPROC; i++) {
		if (procs[i].state == P_UNUSED)
			continue;
		n++;
		last = MAX(last, procs[i].pid);
	}
	sb_printf(s, "0.00 0.00 0.00 1/%d %d\n", n, last);
}

static void gen_cpuinfo(struct sbuf *s)
{
	sb_printf(s, "processor\t: 0\nvendor_id\t: wunix\nmodel name\t: WebAssembly (wasm32)\n");
	sb_printf(s, "cpu cores\t: 1\nflags\t\t: atomics bulk-memory\nbogomips\t: 0.00\n\n");
}

/* Makes n's text: 0 or -errno (ESRCH: the process is gone). */
static long gen(struct pnode *n)
{
	struct sbuf s = { 0 };
	struct proc *p = NULL;

	if (n->kind >= PK_PID && !(p = pn_proc(n)))
		return -ESRCH;
	switch (n->kind) {
	case PK_MOUNTS: gen_mounts(&s); break;
	case PK_MEMINFO: gen_meminfo(&s); break;
	case PK_UPTIME: gen_uptime(&s); break;
	case PK_LOADAVG: gen_loadavg(&s); break;
	case PK_CPUINFO: gen_cpuinfo(&s); break;
	case PK_STAT: gen_stat(&s, p); break;
	case PK_STATUS: gen_status(&s, p); break;
	case PK_COMM: sb_printf(&s, "%s\n", p->comm); break;
	case PK_CMDLINE:
		if (p->args)
			sb_put(&s, p->args, p->argbytes);
		break;
	case PK_ENVIRON:
		if (p->args)
			sb_put(&s, p->args + p->argbytes, p->envbytes);
		break;
	default:
		return -EINVAL;
	}
	if (s.oom) {
		kfree(s.b);
		return -ENOMEM;
	}
	kfree(n->text);
	n->text = s.b;
	n->textlen = s.len;
	return 0;
}

static long pr_read(struct vnode *vn, const struct ioctx *io, uaddr_t buf, size_t n, int64_t off)
{
	struct pnode *f = pn(vn);
	long r;

	if ((off == 0 || !f->text) && (r = gen(f)))
		return r;
	if ((uint64_t)off >= f->textlen)
		return 0;
	size_t c = MIN(n, f->textlen - (size_t)off);
	return io_copyout(io, buf, f->text + off, c) ? -EFAULT : (long)c;
}

static long pr_write(struct vnode *vn, const struct ioctx *io, uaddr_t buf, size_t n, int64_t off)
{
	return -EINVAL;
}

static long ptruncate(struct vnode *vn, int64_t size)
{
	return -EACCES;
}

/* ---- links ---- */

/* The vnode link n stands for (with a reference). */
static long ptarget(struct pnode *n, struct vnode **out)
{
	struct proc *p = pn_proc(n);
	struct vnode *vn = NULL;
	long r;

	if (!p)
		return -ENOENT;
	if ((r = may_inspect(p)))
		return r;
	if (n->kind == PK_CWD)
		vn = p->cwd;
	else if (n->kind == PK_EXE)
		vn = p->exe;
	if (n->kind != PK_FD) {
		if (!vn)
			return -ENOENT;
		*out = vnode_get(vn);
		return 0;
	}
	struct file *f = n->fd < NOFILE ? p->fds.fd[n->fd] : NULL;
	if (!f)
		return -ENOENT;
	if (f->vnode) {
		*out = vnode_get(f->vnode);
		return 0;
	}
	uint32_t mode = file_is_pipe(f) ? S_IFIFO | 0600 : file_is_console(f) ? S_IFCHR | 0620 : 0600;
	struct pnode *s = pn_new(n->v.mnt, PK_STANDIN, mode, p, n->fd);
	if (!s)
		return -ENOMEM;
	s->file = file_get(f);
	s->v.ino = (uint64_t)(uintptr_t)f->priv;
	if (file_is_console(f))
		s->v.rdev = MKDEV(136, 0);
	*out = &s->v;
	return 0;
}

static long pfollow(struct vnode *vn, struct vnode **out)
{
	struct pnode *n = pn(vn);

	if (n->kind == PK_SELF)
		return lookup_pid(vn->mnt, vfs_proc()->pid, out);
	return ptarget(n, out);
}

static long preadlink(struct vnode *vn, char *buf, size_t n)
{
	struct pnode *l = pn(vn);
	struct vnode *t;
	char *path = NULL, tmp[48];
	const char *text = tmp;
	long r;

	if (l->kind == PK_SELF) {
		ksnprintf(tmp, sizeof(tmp), "%d", vfs_proc()->pid);
	} else {
		if ((r = ptarget(l, &t)))
			return r;
		struct pnode *s = t->ops == &standin_ops ? pn(t) : NULL;
		if (!s)
			r = vfs_vnode_path(t, &path);
		else if (file_is_pipe(s->file))
			ksnprintf(tmp, sizeof(tmp), "pipe:[%llu]", (unsigned long long)t->ino);
		else if (file_is_console(s->file))
			ksnprintf(tmp, sizeof(tmp), "/dev/console");
		else
			ksnprintf(tmp, sizeof(tmp), "anon_inode:[eventpoll]"); /* the only other kind so far */
		vnode_put(t);
		if (r)
			return r;
		if (path)
			text = path;
	}
	size_t len = MIN(strlen(text), n);
	memcpy(buf, text, len);
	kfree(path);
	return (long)len;
}

/* ---- what cannot be done in /proc ---- */

static long pcreate(struct vnode *dir, const char *name, size_t len, uint32_t mode, uint64_t rdev,
                    const char *target, struct vnode **out)
{
	return -EACCES;
}

static long plink(struct vnode *dir, const char *name, size_t len, struct vnode *vn)
{
	return -EPERM;
}

static long punlink(struct vnode *dir, const char *name, size_t len, struct vnode *vn)
{
	return -EACCES;
}

static long prename(struct vnode *odir, const char *oname, size_t olen, struct vnode *ndir, const char *nname,
                    size_t nlen, unsigned flags)
{
	return -EACCES;
}

static void pstatfs(struct mount *m, struct wunix_statfs *st)
{
	st->f_type = PROC_SUPER_MAGIC;
	st->f_bsize = st->f_frsize = 4096;
	st->f_namelen = WNAME_MAX;
}

static void preclaim(struct vnode *vn)
{
	struct pnode *n = pn(vn);

	if (n->file)
		file_put(n->file);
	kfree(n->text);
	kfree(n);
}

/* A stand-in opens a new file on the pipe (as a FIFO open does) or console stream it stands for. */
static long sopen(struct vnode *vn, uint32_t flags, struct file **out)
{
	struct file *orig = pn(vn)->file, *f;

	if (file_is_pipe(orig)) {
		struct pipe *slot = orig->priv; /* the pipe exists: fifo_open never stores into slot */
		return fifo_open(&slot, flags, out);
	}
	if (!file_is_console(orig))
		return -ENXIO;
	if (!(f = console_open(orig->minor)))
		return -ENOMEM;
	f->flags = flags;
	*out = f;
	return 0;
}

static const struct vnode_ops procfs_ops = {
	.lookup = plookup,
	.create = pcreate,
	.link = plink,
	.unlink = punlink,
	.rename = prename,
	.readdir = preaddir,
	.read = pr_read,
	.write = pr_write,
	.truncate = ptruncate,
	.readlink = preadlink,
	.statfs = pstatfs,
	.reclaim = preclaim,
	.follow = pfollow,
};

static const struct vnode_ops standin_ops = {
	.lookup = plookup,
	.create = pcreate,
	.link = plink,
	.unlink = punlink,
	.rename = prename,
	.readdir = preaddir,
	.read = pr_read,
	.write = pr_write,
	.truncate = ptruncate,
	.statfs = pstatfs,
	.reclaim = preclaim,
	.open = sopen,
};

long procfs_mount(struct mount *m)
{
	struct pnode *root = pn_new(m, PK_ROOT, S_IFDIR | 0555, NULL, 0);

	if (!root)
		return -ENOMEM;
	root->v.transient = false; /* lives as long as the mount: its first reference is never dropped */
	m->root = &root->v;
	m->type = "proc";
	return 0;
}

long procfs_proc_start(struct proc *p, const char *kbuf, size_t argbytes, size_t envbytes, struct vnode *exe)
{
	KASSERT(bkl_held());
	procfs_proc_exit(p);
	p->exe = exe;
	if (argbytes + envbytes == 0)
		return 0;
	if (!(p->args = kalloc(argbytes + envbytes)))
		return -ENOMEM;
	memcpy(p->args, kbuf, argbytes + envbytes);
	p->argbytes = (uint32_t)argbytes;
	p->envbytes = (uint32_t)envbytes;
	return 0;
}

void procfs_proc_exit(struct proc *p)
{
	KASSERT(bkl_held());
	kfree(p->args);
	p->args = NULL;
	p->argbytes = p->envbytes = 0;
	if (p->exe)
		vnode_put(p->exe);
	p->exe = NULL;
}
