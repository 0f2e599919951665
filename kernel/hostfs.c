/* kernel/hostfs.c -- host directories mounted into the VFS (bin/wunix run --mount).
 * Every operation is a synchronous host call made by the CPU that needs it, so
 * any CPU serves any hostfs vnode; mounts are named by their index in the host's
 * list. A vnode stands for one name: its parent vnode (a reference) and its name,
 * from which the host path is rebuilt. Vnodes live only while referenced, in a
 * per-directory list so that one name has one vnode; a lookup re-reads the host's
 * attributes and replaces a vnode whose file the host swapped. Regular files keep
 * a host descriptor from their first transfer to their last reference, so an
 * unlinked open file stays readable. No data is cached: a write reaches the host
 * file before the system call returns. Symlinks are read, never followed by the
 * host: the VFS resolves them in the guest's namespace. */
#include "vfs.h"
#include "host.h"
#include "kalloc.h"
#include "klib.h"
#include "lock.h"
#include "usercopy.h"
#include <wunix/errno.h>
#include <wunix/fcntl.h>

#define HOSTFS_MAGIC 0x6873666e /* statfs f_type: "hsfn" */
#define HOSTFS_DIRBUF (9 + WNAME_MAX + 1)

struct hostfs {
	int idx;                 /* the mount's index in the host's list */
	char dirbuf[HOSTFS_DIRBUF]; /* the last readdir entry: its name stays valid until the next */
};

struct hnode {
	struct vnode v;
	struct hnode *parent;    /* holds a reference; NULL at the root and once detached */
	char *name;
	size_t len;
	struct hnode *children;  /* vnodes in use of this directory's entries */
	struct hnode *sibling;
	bool detached;           /* its name is gone (unlinked, renamed over, replaced) */
	int hfd;                 /* host descriptor of a regular file, -1 until the first transfer */
	int hacc;                /* what hfd allows: 1 read, 2 write */
};

static const struct vnode_ops hostfs_ops;
static void hgetattr(struct vnode *vn);

static struct hnode *hn(struct vnode *vn)
{
	return (struct hnode *)vn;
}

static int mount_idx(struct vnode *vn)
{
	return ((struct hostfs *)vn->mnt->fs)->idx;
}

static void apply_stat(struct vnode *vn, const struct hostfs_stat *st)
{
	vn->mode = st->mode;
	vn->nlink = st->nlink;
	vn->uid = st->uid;
	vn->gid = st->gid;
	vn->ino = st->ino;
	vn->size = st->size;
	vn->blocks = st->blocks;
	vn->atime = st->atime;
	vn->mtime = st->mtime;
	vn->ctime = st->ctime;
	vn->rdev = 0; /* host device numbers mean nothing here */
}

/* The host path of h, relative to the mount, into buf of WPATH_MAX bytes: its
 * length, -ENOENT if h lost its name, -ENAMETOOLONG. With name, the path of
 * h's entry name (len bytes) instead. */
static long path_of(struct hnode *h, const char *name, size_t len, char *buf)
{
	size_t end = WPATH_MAX - 1, o = end;

	buf[end] = 0;
	if (name) {
		if (len + 1 > o)
			return -ENAMETOOLONG;
		o -= len;
		memcpy(buf + o, name, len);
		if (h->parent)
			buf[--o] = '/';
	}
	for (; h->parent; h = h->parent) {
		if (h->len + 1 > o)
			return -ENAMETOOLONG;
		o -= h->len;
		memcpy(buf + o, h->name, h->len);
		if (h->parent->parent)
			buf[--o] = '/';
	}
	if (h->detached || h != hn(h->v.mnt->root))
		return -ENOENT;
	memmove(buf, buf + o, end - o + 1);
	return (long)(end - o);
}

/* A kalloc'd path buffer holding h's path (or its entry name's): the length in *plen. */
static long path_alloc(struct hnode *h, const char *name, size_t len, char **out, uint32_t *plen)
{
	char *buf = kalloc(WPATH_MAX);
	long r;

	if (!buf)
		return -ENOMEM;
	if ((r = path_of(h, name, len, buf)) < 0) {
		kfree(buf);
		return r;
	}
	*out = buf;
	*plen = (uint32_t)r;
	return 0;
}

static struct hnode *find_child(struct hnode *d, const char *name, size_t len)
{
	for (struct hnode *c = d->children; c; c = c->sibling)
		if (c->len == len && memcmp(c->name, name, len) == 0)
			return c;
	return NULL;
}

static void unlist(struct hnode *h)
{
	struct hnode **pp = &h->parent->children;

	while (*pp != h)
		pp = &(*pp)->sibling;
	*pp = h->sibling;
	h->sibling = NULL;
}

/* h's name no longer leads to it: it keeps working through its host descriptor only. */
static void detach(struct hnode *h)
{
	struct hnode *p = h->parent;

	if (!p)
		return;
	unlist(h);
	h->parent = NULL;
	h->detached = true;
	vnode_put(&p->v);
}

/* A new vnode for entry name of d with attributes st; takes a reference on d. */
static long node_new(struct hnode *d, const char *name, size_t len, const struct hostfs_stat *st,
                     struct hnode **out)
{
	struct hnode *h = kalloc(sizeof(*h));

	if (!h || !(h->name = kalloc(len + 1))) {
		kfree(h);
		return -ENOMEM;
	}
	memcpy(h->name, name, len);
	h->len = len;
	vnode_init(&h->v, &hostfs_ops, d->v.mnt, st->mode);
	apply_stat(&h->v, st);
	h->v.transient = true;
	h->hfd = -1;
	h->parent = hn(vnode_get(&d->v));
	h->sibling = d->children;
	d->children = h;
	*out = h;
	return 0;
}

/* The vnode of entry name in d as the host has it now. */
static long lookup_host(struct hnode *d, const char *name, size_t len, struct vnode **out)
{
	struct hostfs_stat st;
	struct hnode *h = find_child(d, name, len);
	char *path;
	uint32_t plen;
	long r;

	if ((r = path_alloc(d, name, len, &path, &plen)))
		return r;
	r = host_hostfs_stat(mount_idx(&d->v), path, plen, &st);
	kfree(path);
	if (r < 0) {
		if (h && r == -ENOENT)
			detach(h);
		return r;
	}
	if (h && h->v.ino == st.ino && (h->v.mode & S_IFMT) == (st.mode & S_IFMT)) {
		apply_stat(&h->v, &st);
		*out = vnode_get(&h->v);
		return 0;
	}
	if (h)
		detach(h); /* the host put another file under this name */
	if ((r = node_new(d, name, len, &st, &h)))
		return r;
	*out = &h->v;
	return 0;
}

static long hlookup(struct vnode *dir, const char *name, size_t len, struct vnode **out)
{
	struct hnode *d = hn(dir);

	if (len == 2 && name[0] == '.' && name[1] == '.') {
		if (d->detached)
			return -ENOENT;
		*out = vnode_get(d->parent ? &d->parent->v : dir);
		return 0;
	}
	return lookup_host(d, name, len, out);
}

static long hcreate(struct vnode *dir, const char *name, size_t len, uint32_t mode, uint64_t rdev,
                    const char *target, struct vnode **out)
{
	uint32_t type = mode & S_IFMT, plen;
	char *path;
	long r;

	if (type != S_IFREG && type != S_IFDIR && type != S_IFLNK)
		return -EPERM; /* the host makes no FIFOs, sockets or devices for us */
	if ((r = path_alloc(hn(dir), name, len, &path, &plen)))
		return r;
	r = host_hostfs_create(mount_idx(dir), path, plen, mode, target, target ? (uint32_t)strlen(target) : 0);
	kfree(path);
	if (r < 0)
		return r;
	if ((r = lookup_host(hn(dir), name, len, out)))
		return r;
	hgetattr(dir);
	return 0;
}

static long hlink(struct vnode *dir, const char *name, size_t len, struct vnode *vn)
{
	char *opath = NULL, *npath = NULL;
	uint32_t olen, nlen;
	long r;

	if ((r = path_alloc(hn(vn), NULL, 0, &opath, &olen)) ||
	    (r = path_alloc(hn(dir), name, len, &npath, &nlen)))
		goto out;
	if ((r = host_hostfs_link(mount_idx(dir), opath, olen, npath, nlen)) == 0) {
		hgetattr(vn);
		hgetattr(dir);
	}
out:
	kfree(opath);
	kfree(npath);
	return r;
}

static long hunlink(struct vnode *dir, const char *name, size_t len, struct vnode *vn)
{
	bool isdir = (vn->mode & S_IFMT) == S_IFDIR;
	char *path;
	uint32_t plen;
	long r;

	if ((r = path_alloc(hn(dir), name, len, &path, &plen)))
		return r;
	r = host_hostfs_unlink(mount_idx(dir), path, plen, isdir);
	kfree(path);
	if (r < 0)
		return r;
	detach(hn(vn));
	if (isdir)
		vn->nlink = 0;
	else if (vn->nlink > 0)
		vn->nlink--;
	if (hn(vn)->hfd >= 0)
		hgetattr(vn); /* the true link count */
	hgetattr(dir);
	return 0;
}

static long hrename(struct vnode *odir, const char *oname, size_t olen, struct vnode *ndir,
                    const char *nname, size_t nlen, unsigned flags)
{
	struct hnode *od = hn(odir), *nd = hn(ndir), *src, *dst;
	char *opath = NULL, *npath = NULL;
	uint32_t opl, npl;
	long r;

	if (flags & RENAME_EXCHANGE)
		return -EINVAL; /* Node has no renameat2: what Linux says for a file system without it */
	if ((r = path_alloc(od, oname, olen, &opath, &opl)) || (r = path_alloc(nd, nname, nlen, &npath, &npl)))
		goto out;
	if ((r = host_hostfs_rename(mount_idx(odir), opath, opl, npath, npl, flags)))
		goto out;
	if ((dst = find_child(nd, nname, nlen))) {
		detach(dst);
		dst->v.nlink = (dst->v.mode & S_IFMT) == S_IFDIR ? 0 : dst->v.nlink - (dst->v.nlink > 0);
	}
	if ((src = find_child(od, oname, olen))) {
		char *name = kalloc(nlen + 1);
		if (!name) {
			detach(src); /* renamed on the host: the next lookup finds it again */
		} else {
			memcpy(name, nname, nlen);
			kfree(src->name);
			src->name = name;
			src->len = nlen;
			unlist(src);
			src->parent = hn(vnode_get(ndir));
			src->sibling = nd->children;
			nd->children = src;
			vnode_put(odir);
		}
	}
	hgetattr(odir);
	if (ndir != odir)
		hgetattr(ndir);
out:
	kfree(opath);
	kfree(npath);
	return r;
}

static long hreaddir(struct vnode *dir, uint64_t *pos, struct vfs_dirent *e)
{
	struct hnode *d = hn(dir);
	struct hostfs *fs = dir->mnt->fs;
	char *path;
	uint32_t plen;
	long r;

	if (*pos < 2) {
		struct hnode *p = *pos == 0 || !d->parent ? d : d->parent;
		e->ino = p->v.ino;
		e->type = DT_DIR;
		e->name = "..";
		e->namelen = (size_t)*pos + 1;
		(*pos)++;
		return 1;
	}
	if (*pos - 2 > UINT32_MAX)
		return 0;
	if ((r = path_alloc(d, NULL, 0, &path, &plen)))
		return r == -ENOENT ? 0 : r;
	r = host_hostfs_readdir(fs->idx, path, plen, (uint32_t)(*pos - 2), fs->dirbuf, HOSTFS_DIRBUF);
	kfree(path);
	if (r <= 0 || r > WNAME_MAX)
		return r < 0 ? r : 0;
	memcpy(&e->ino, fs->dirbuf, 8);
	e->type = (uint8_t)fs->dirbuf[8];
	e->name = fs->dirbuf + 9;
	e->namelen = (size_t)r;
	(*pos)++;
	return 1;
}

/* The host descriptor of regular file h, opened for at least need (1 read, 2 write). */
static long host_fd(struct hnode *h, int need)
{
	char *path;
	uint32_t plen;
	long r;

	if (h->hfd >= 0 && (h->hacc & need) == need)
		return h->hfd;
	if ((r = path_alloc(h, NULL, 0, &path, &plen)))
		return h->hfd >= 0 ? -EBADF : r;
	/* Both ways if the host allows it, so one descriptor serves every later transfer. */
	int acc = 3, want = h->hacc | need;
	r = host_hostfs_open(mount_idx(&h->v), path, plen, acc);
	if (r < 0 && want != 3)
		r = host_hostfs_open(mount_idx(&h->v), path, plen, acc = want);
	kfree(path);
	if (r < 0)
		return r;
	if (h->hfd >= 0)
		host_hostfs_close(h->hfd);
	h->hfd = (int)r;
	h->hacc = acc;
	return h->hfd;
}

/* The host call's form of a transfer buffer: a kernel pointer, or a 32-bit user address. */
static long split_buf(const struct ioctx *io, uaddr_t buf, size_t n, void **kbuf, uint32_t *ubuf)
{
	*kbuf = NULL;
	*ubuf = 0;
	if (io->kernel) {
		*kbuf = (void *)(uintptr_t)buf;
		return 0;
	}
	if (buf > UINT32_MAX || n > UINT32_MAX - buf)
		return -EFAULT;
	*ubuf = (uint32_t)buf;
	return 0;
}

#define HOSTFS_IO_MAX (1u << 30) /* bytes one host call moves */

static long hread(struct vnode *vn, const struct ioctx *io, uaddr_t buf, size_t n, int64_t off)
{
	void *kbuf;
	uint32_t ubuf;
	long fd = host_fd(hn(vn), 1), r;

	if (fd < 0)
		return fd;
	if ((r = split_buf(io, buf, n, &kbuf, &ubuf)))
		return r;
	return host_hostfs_pread((int)fd, kbuf, ubuf, (uint32_t)MIN(n, (size_t)HOSTFS_IO_MAX), (double)off);
}

static long hwrite(struct vnode *vn, const struct ioctx *io, uaddr_t buf, size_t n, int64_t off)
{
	void *kbuf;
	uint32_t ubuf;
	long fd = host_fd(hn(vn), 2), r;

	if (fd < 0)
		return fd;
	if ((r = split_buf(io, buf, n, &kbuf, &ubuf)))
		return r;
	r = host_hostfs_pwrite((int)fd, kbuf, ubuf, (uint32_t)MIN(n, (size_t)HOSTFS_IO_MAX), (double)off);
	if (r > 0) {
		if (off + r > vn->size)
			vn->size = off + r;
		vnode_touch(vn, VT_M | VT_C);
	}
	return r;
}

static long htruncate(struct vnode *vn, int64_t size)
{
	long fd = host_fd(hn(vn), 2), r;

	if (fd < 0)
		return fd;
	if ((r = host_hostfs_ftruncate((int)fd, (double)size)))
		return r;
	hgetattr(vn);
	return 0;
}

static long hreadlink(struct vnode *vn, char *buf, size_t n)
{
	char *path;
	uint32_t plen;
	long r;

	if ((r = path_alloc(hn(vn), NULL, 0, &path, &plen)))
		return r;
	r = host_hostfs_readlink(mount_idx(vn), path, plen, buf, (uint32_t)n);
	kfree(path);
	return r;
}

static void hstatfs(struct mount *m, struct wunix_statfs *st)
{
	st->f_type = HOSTFS_MAGIC;
	st->f_bsize = st->f_frsize = 4096;
	st->f_namelen = WNAME_MAX;
}

static void hgetattr(struct vnode *vn)
{
	struct hnode *h = hn(vn);
	struct hostfs_stat st;
	char *path;
	uint32_t plen;
	long r = -ENOENT;

	if (h->hfd >= 0) {
		r = host_hostfs_fstat(h->hfd, &st);
	} else if (path_alloc(h, NULL, 0, &path, &plen) == 0) {
		r = host_hostfs_stat(mount_idx(vn), path, plen, &st);
		kfree(path);
	}
	/* a file the host replaced keeps its old attributes until the next lookup */
	if (r == 0 && st.ino == vn->ino && (st.mode & S_IFMT) == (vn->mode & S_IFMT))
		apply_stat(vn, &st);
}

static long hsetattr(struct vnode *vn, const struct vattr *va)
{
	int m = mount_idx(vn);
	char *path;
	uint32_t plen;
	long r;

	if ((r = path_alloc(hn(vn), NULL, 0, &path, &plen)))
		return r;
	if (va->which & VA_MODE)
		r = host_hostfs_chmod(m, path, plen, va->mode & 07777);
	if (!r && (va->which & VA_OWNER))
		r = host_hostfs_chown(m, path, plen, (int)va->uid, (int)va->gid);
	if (!r && (va->which & VA_TIMES)) {
		int64_t a = va->atime, t = va->mtime;
		r = host_hostfs_utimes(m, path, plen, (double)(a / 1000000000), (int)(a % 1000000000),
		                       (double)(t / 1000000000), (int)(t % 1000000000));
	}
	kfree(path);
	return r;
}

/* The last reference is gone: forget the vnode, and the parents only it kept. */
static void hreclaim(struct vnode *vn)
{
	struct hnode *h = hn(vn);

	while (h) {
		struct hnode *p = h->parent;
		KASSERT(!h->children);
		if (p)
			unlist(h);
		if (h->hfd >= 0)
			host_hostfs_close(h->hfd);
		kfree(h->name);
		kfree(h);
		/* iterate rather than recurse through vnode_put: paths may be deep */
		if (!p || --p->v.refs > 0)
			break;
		h = p;
	}
}

static const struct vnode_ops hostfs_ops = {
	.lookup = hlookup,
	.create = hcreate,
	.link = hlink,
	.unlink = hunlink,
	.rename = hrename,
	.readdir = hreaddir,
	.read = hread,
	.write = hwrite,
	.truncate = htruncate,
	.readlink = hreadlink,
	.statfs = hstatfs,
	.reclaim = hreclaim,
	.getattr = hgetattr,
	.setattr = hsetattr,
};

/* Makes the directories of path that are missing (mode 0755): the last one with a reference. */
static long mkdir_p(const char *path, struct vnode **out)
{
	char *buf = kalloc(WPATH_MAX);
	long r = 0;

	if (!buf)
		return -ENOMEM;
	kstrlcpy(buf, path, WPATH_MAX);
	for (char *s = buf + 1;; s++) {
		if (*s != '/' && *s)
			continue;
		char c = *s;
		*s = 0;
		struct vfs_parent pp;
		struct vnode *vn;
		if (buf[1] && (r = vfs_parent(AT_FDCWD, buf, &pp)) == 0) {
			if (!pp.dot && pp.len) {
				r = pp.dir->ops->create(pp.dir, pp.name, pp.len, S_IFDIR | 0755, 0, NULL, &vn);
				if (r == 0)
					vnode_put(vn);
				if (r == -EEXIST)
					r = 0;
			}
			vfs_parent_done(&pp);
		}
		*s = c;
		if (r || !c)
			break;
	}
	if (!r)
		r = vfs_lookup(AT_FDCWD, buf, W_FOLLOW | W_DIR, out);
	kfree(buf);
	return r;
}

/* Mounts host directory m at its guest path. */
static long mount_one(int m, const char *gpath)
{
	struct mount *mnt = kalloc(sizeof(*mnt));
	struct hostfs *fs = kalloc(sizeof(*fs));
	struct hnode *root = kalloc(sizeof(*root));
	struct hostfs_stat st;
	struct vnode *on = NULL;
	long r = -ENOMEM;

	if (!mnt || !fs || !root)
		goto fail;
	if ((r = host_hostfs_stat(m, "", 0, &st)))
		goto fail;
	r = -ENOTDIR;
	if ((st.mode & S_IFMT) != S_IFDIR)
		goto fail;
	if ((r = mkdir_p(gpath, &on)))
		goto fail;
	fs->idx = m;
	mnt->fs = fs;
	mnt->type = "hostfs";
	mnt->root = &root->v;
	vnode_init(&root->v, &hostfs_ops, mnt, st.mode);
	apply_stat(&root->v, &st);
	root->v.transient = true;
	root->hfd = -1;
	if ((r = vfs_mount(on, mnt)))
		goto fail;
	vnode_put(on);
	return 0;
fail:
	if (on)
		vnode_put(on);
	kfree(mnt);
	kfree(fs);
	kfree(root);
	return r;
}

void hostfs_boot(void)
{
	char *gpath = kalloc(WPATH_MAX);

	KASSERT(bkl_held());
	if (!gpath)
		kpanic("hostfs: out of memory");
	for (int m = 0; host_hostfs_mount(m, gpath, WPATH_MAX) >= 0; m++) {
		gpath[WPATH_MAX - 1] = 0;
		long r = gpath[0] == '/' && gpath[1] ? mount_one(m, gpath) : -EINVAL;
		if (r)
			klog("hostfs: cannot mount host directory %d on %s: error %ld", m, gpath, -r);
	}
	kfree(gpath);
}
