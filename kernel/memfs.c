/* kernel/memfs.c -- the file system in kernel memory: the root, and /dev's
 * store. Files keep their data in MEMFS_CHUNK blocks (a missing block is a
 * hole that reads as zeros); directories keep their entries in insertion
 * order with a sequence number each, the readdir cookie, so entries added or
 * removed during a listing never make it skip or repeat others. Every byte
 * of nodes, names and data is charged against the instance's limit: ENOSPC. */
#include "vfs.h"
#include "kalloc.h"
#include "klib.h"
#include "lock.h"
#include "param.h"
#include "usercopy.h"
#include <wunix/errno.h>

#define MEMFS_MAXSIZE (1ll << 40) /* largest file: EFBIG beyond */

struct memfs {
	uint64_t limit, used;
	uint64_t next_ino;
	uint64_t nodes;
};

struct mnode;

struct mdirent {
	char *name;
	size_t len;
	uint64_t seq;
	struct mnode *node;
};

struct mnode {
	struct vnode v;
	struct mnode *parent;       /* directories: the one holding them */
	/* regular files */
	uint8_t **chunks;
	size_t nchunks;             /* slots in chunks */
	size_t nalloc;              /* chunks allocated */
	/* directories */
	struct mdirent *ents;
	size_t nents, capents;
	uint64_t nextseq;
	/* symlinks */
	char *target;
};

static const struct vnode_ops memfs_ops;

static struct memfs *fs_of(struct vnode *vn)
{
	return vn->mnt->fs;
}

static struct mnode *mn(struct vnode *vn)
{
	return (struct mnode *)vn;
}

static long charge(struct memfs *fs, uint64_t n)
{
	if (fs->used + n > fs->limit)
		return -ENOSPC;
	fs->used += n;
	return 0;
}

static void uncharge(struct memfs *fs, uint64_t n)
{
	KASSERT(fs->used >= n);
	fs->used -= n;
}

static struct mdirent *find(struct mnode *d, const char *name, size_t len)
{
	for (size_t i = 0; i < d->nents; i++)
		if (d->ents[i].len == len && memcmp(d->ents[i].name, name, len) == 0)
			return &d->ents[i];
	return NULL;
}

static long mlookup(struct vnode *dir, const char *name, size_t len, struct vnode **out)
{
	struct mnode *d = mn(dir);

	if (len == 2 && name[0] == '.' && name[1] == '.') {
		*out = vnode_get(d->parent ? &d->parent->v : dir);
		return 0;
	}
	struct mdirent *e = find(d, name, len);
	if (!e)
		return -ENOENT;
	*out = vnode_get(&e->node->v);
	return 0;
}

/* Adds an entry for node to d; a removed directory takes none (ENOENT, as Linux). */
static long add_entry(struct mnode *d, const char *name, size_t len, struct mnode *node)
{
	struct memfs *fs = fs_of(&d->v);
	char *s;
	long r;

	if (d->v.nlink == 0)
		return -ENOENT;
	if (d->nents == d->capents) {
		size_t cap = d->capents ? d->capents * 2 : 8;
		struct mdirent *n = kalloc(cap * sizeof(*n));
		if (!n)
			return -ENOSPC;
		if ((r = charge(fs, (cap - d->capents) * sizeof(*n)))) {
			kfree(n);
			return r;
		}
		if (d->nents)
			memcpy(n, d->ents, d->nents * sizeof(*n));
		kfree(d->ents);
		d->ents = n;
		d->capents = cap;
	}
	if ((r = charge(fs, len + 1)))
		return r;
	if (!(s = kalloc(len + 1))) {
		uncharge(fs, len + 1);
		return -ENOSPC;
	}
	memcpy(s, name, len);
	d->ents[d->nents++] = (struct mdirent){ s, len, d->nextseq++, node };
	d->v.size = (int64_t)d->nents * 32;
	vnode_touch(&d->v, VT_M | VT_C);
	return 0;
}

static void del_entry(struct mnode *d, struct mdirent *e)
{
	uncharge(fs_of(&d->v), e->len + 1);
	kfree(e->name);
	size_t i = (size_t)(e - d->ents);
	memmove(&d->ents[i], &d->ents[i + 1], (d->nents - i - 1) * sizeof(*e));
	d->nents--;
	d->v.size = (int64_t)d->nents * 32;
	vnode_touch(&d->v, VT_M | VT_C);
}

static struct mnode *node_new(struct mount *m, uint32_t mode)
{
	struct memfs *fs = m->fs;
	struct mnode *n;

	if (charge(fs, sizeof(*n)))
		return NULL;
	if (!(n = kalloc(sizeof(*n)))) {
		uncharge(fs, sizeof(*n));
		return NULL;
	}
	vnode_init(&n->v, &memfs_ops, m, mode);
	n->v.ino = fs->next_ino++;
	fs->nodes++;
	return n;
}

static long mcreate(struct vnode *dir, const char *name, size_t len, uint32_t mode, uint64_t rdev,
                    const char *target, struct vnode **out)
{
	struct mnode *d = mn(dir), *n;
	struct memfs *fs = fs_of(dir);
	long r;

	if (find(d, name, len))
		return -EEXIST;
	if (!(n = node_new(dir->mnt, mode)))
		return -ENOSPC;
	n->v.nlink = 1;
	n->v.rdev = rdev;
	if (dir->mode & S_ISGID) {
		n->v.gid = dir->gid;
		if ((mode & S_IFMT) == S_IFDIR)
			n->v.mode |= S_ISGID;
	}
	switch (mode & S_IFMT) {
	case S_IFDIR:
		n->v.nlink = 2;
		n->parent = d;
		break;
	case S_IFLNK: {
		size_t tl = strlen(target);
		r = -ENOSPC;
		if (charge(fs, tl + 1))
			goto fail;
		if (!(n->target = kalloc(tl + 1))) {
			uncharge(fs, tl + 1);
			goto fail;
		}
		memcpy(n->target, target, tl + 1);
		n->v.size = (int64_t)tl;
		break;
	}
	}
	if ((r = add_entry(d, name, len, n)))
		goto fail;
	if ((mode & S_IFMT) == S_IFDIR)
		dir->nlink++;
	*out = &n->v;
	return 0;
fail:
	n->v.nlink = 0;
	vnode_put(&n->v);
	return r;
}

static long mlink(struct vnode *dir, const char *name, size_t len, struct vnode *vn)
{
	long r;

	if (find(mn(dir), name, len))
		return -EEXIST;
	if ((r = add_entry(mn(dir), name, len, mn(vn))))
		return r;
	vn->nlink++;
	vnode_touch(vn, VT_C);
	return 0;
}

/* The node lost a name: one link fewer (a directory loses all of them). */
static void drop_link(struct mnode *dir, struct mnode *n)
{
	if ((n->v.mode & S_IFMT) == S_IFDIR) {
		n->v.nlink = 0;
		dir->v.nlink--;
	} else {
		n->v.nlink--;
	}
	vnode_touch(&n->v, VT_C);
}

static long munlink(struct vnode *dir, const char *name, size_t len, struct vnode *vn)
{
	struct mdirent *e = find(mn(dir), name, len);

	if (!e || &e->node->v != vn)
		return -ENOENT;
	if ((vn->mode & S_IFMT) == S_IFDIR && mn(vn)->nents)
		return -ENOTEMPTY;
	del_entry(mn(dir), e);
	drop_link(mn(dir), mn(vn));
	return 0;
}

/* Moves directory n from one parent to another (link counts follow "..") */
static void reparent(struct mnode *n, struct mnode *from, struct mnode *to)
{
	if ((n->v.mode & S_IFMT) != S_IFDIR || from == to)
		return;
	from->v.nlink--;
	to->v.nlink++;
	n->parent = to;
}

static long mrename(struct vnode *odir, const char *oname, size_t olen, struct vnode *ndir,
                    const char *nname, size_t nlen, unsigned flags)
{
	struct mnode *od = mn(odir), *nd = mn(ndir);
	struct mdirent *oe = find(od, oname, olen), *ne = find(nd, nname, nlen);
	long r;

	if (!oe)
		return -ENOENT;
	struct mnode *src = oe->node;
	if (flags & RENAME_EXCHANGE) {
		if (!ne)
			return -ENOENT;
		struct mnode *dst = ne->node;
		oe->node = dst;
		ne->node = src;
		reparent(src, od, nd);
		reparent(dst, nd, od);
		vnode_touch(&src->v, VT_C);
		vnode_touch(&dst->v, VT_C);
		vnode_touch(odir, VT_M | VT_C);
		vnode_touch(ndir, VT_M | VT_C);
		return 0;
	}
	if (ne) {
		if (ne->node == src)
			return 0;
		if ((ne->node->v.mode & S_IFMT) == S_IFDIR && ne->node->nents)
			return -ENOTEMPTY;
		drop_link(nd, ne->node);
		ne->node = src;
		vnode_touch(ndir, VT_M | VT_C);
	} else {
		if ((r = add_entry(nd, nname, nlen, src)))
			return r;
		oe = find(od, oname, olen); /* add_entry may have moved the array */
	}
	del_entry(od, oe);
	reparent(src, od, nd);
	vnode_touch(&src->v, VT_C);
	return 0;
}

static uint8_t dtype(uint32_t mode)
{
	return (uint8_t)((mode & S_IFMT) >> 12);
}

static long mreaddir(struct vnode *dir, uint64_t *pos, struct vfs_dirent *e)
{
	struct mnode *d = mn(dir);

	if (*pos < 2) {
		struct mnode *p = *pos == 0 ? d : (d->parent ? d->parent : d);
		e->ino = p->v.ino;
		e->type = DT_DIR;
		e->name = "..";
		e->namelen = (size_t)*pos + 1;
		(*pos)++;
		return 1;
	}
	for (size_t i = 0; i < d->nents; i++) {
		struct mdirent *de = &d->ents[i];
		if (de->seq + 2 < *pos)
			continue;
		e->ino = de->node->v.ino;
		e->type = dtype(de->node->v.mode);
		e->name = de->name;
		e->namelen = de->len;
		*pos = de->seq + 3;
		return 1;
	}
	return 0;
}

static long mread(struct vnode *vn, const struct ioctx *io, uaddr_t buf, size_t n, int64_t off)
{
	struct mnode *f = mn(vn);
	size_t done = 0;

	if (off >= vn->size)
		return 0;
	n = (size_t)MIN((int64_t)n, vn->size - off);
	while (done < n) {
		uint64_t o = (uint64_t)off + done;
		size_t ci = (size_t)(o / MEMFS_CHUNK), co = (size_t)(o % MEMFS_CHUNK);
		size_t c = MIN(n - done, (size_t)MEMFS_CHUNK - co);
		uint8_t *chunk = ci < f->nchunks ? f->chunks[ci] : NULL;
		int r;
		if (chunk)
			r = io_copyout(io, buf + done, chunk + co, c);
		else if (io->kernel)
			r = (memset((void *)(uintptr_t)(buf + done), 0, c), 0);
		else
			r = umemset(buf + done, 0, c);
		if (r)
			return done ? (long)done : -EFAULT;
		done += c;
	}
	return (long)done;
}

/* Makes room for chunk index ci in f's table. */
static long grow_table(struct mnode *f, size_t ci)
{
	struct memfs *fs = fs_of(&f->v);

	if (ci < f->nchunks)
		return 0;
	size_t cap = f->nchunks ? f->nchunks : 4;
	while (cap <= ci)
		cap *= 2;
	if (charge(fs, (cap - f->nchunks) * sizeof(void *)))
		return -ENOSPC;
	uint8_t **t = kalloc(cap * sizeof(void *));
	if (!t) {
		uncharge(fs, (cap - f->nchunks) * sizeof(void *));
		return -ENOSPC;
	}
	if (f->nchunks)
		memcpy(t, f->chunks, f->nchunks * sizeof(void *));
	kfree(f->chunks);
	f->chunks = t;
	f->nchunks = cap;
	return 0;
}

/* st_blocks: what the allocated chunks hold of the file's data, in 4 KiB pages (as a disk file system
 * would count it; du expects a 64 KiB file to use 64 KiB, not four 16320-byte chunks). */
static void mblocks(struct mnode *f)
{
	uint64_t held = (uint64_t)f->nalloc * MEMFS_CHUNK, data = (uint64_t)f->v.size;

	f->v.blocks = (int64_t)(ROUND_UP(MIN(held, data), (uint64_t)4096) / 512);
}

static long mwrite(struct vnode *vn, const struct ioctx *io, uaddr_t buf, size_t n, int64_t off)
{
	struct mnode *f = mn(vn);
	struct memfs *fs = fs_of(vn);
	size_t done = 0;
	long r = 0;

	if (off >= MEMFS_MAXSIZE)
		return -EFBIG;
	n = (size_t)MIN((int64_t)n, MEMFS_MAXSIZE - off);
	while (done < n) {
		uint64_t o = (uint64_t)off + done;
		size_t ci = (size_t)(o / MEMFS_CHUNK), co = (size_t)(o % MEMFS_CHUNK);
		size_t c = MIN(n - done, (size_t)MEMFS_CHUNK - co);
		if ((r = grow_table(f, ci)))
			break;
		if (!f->chunks[ci]) {
			if ((r = charge(fs, MEMFS_CHUNK)))
				break;
			if (!(f->chunks[ci] = kalloc(MEMFS_CHUNK))) {
				uncharge(fs, MEMFS_CHUNK);
				r = -ENOSPC;
				break;
			}
			f->nalloc++;
		}
		if ((r = io_copyin(io, f->chunks[ci] + co, buf + done, c)))
			break;
		done += c;
		if ((int64_t)(o + c) > vn->size)
			vn->size = (int64_t)(o + c);
	}
	mblocks(f);
	if (done) {
		vnode_touch(vn, VT_M | VT_C);
		return (long)done;
	}
	return r;
}

static long mtruncate(struct vnode *vn, int64_t size)
{
	struct mnode *f = mn(vn);
	struct memfs *fs = fs_of(vn);

	if (size > MEMFS_MAXSIZE)
		return -EFBIG;
	if (size < vn->size) {
		size_t keep = (size_t)((size + MEMFS_CHUNK - 1) / MEMFS_CHUNK);
		for (size_t i = keep; i < f->nchunks; i++) {
			if (f->chunks[i]) {
				kfree(f->chunks[i]);
				f->chunks[i] = NULL;
				uncharge(fs, MEMFS_CHUNK);
				f->nalloc--;
			}
		}
		/* the cut-off tail of the last chunk must read as zeros if the file grows again */
		size_t co = (size_t)(size % MEMFS_CHUNK);
		if (co && keep - 1 < f->nchunks && f->chunks[keep - 1])
			memset(f->chunks[keep - 1] + co, 0, MEMFS_CHUNK - co);
	}
	vn->size = size;
	mblocks(f);
	vnode_touch(vn, VT_M | VT_C);
	return 0;
}

static int64_t mseek_data(struct vnode *vn, int64_t off, bool hole)
{
	struct mnode *f = mn(vn);

	while (off < vn->size) {
		size_t ci = (size_t)(off / MEMFS_CHUNK);
		bool data = ci < f->nchunks && f->chunks[ci];
		if (data != hole)
			return off;
		off = (int64_t)(ci + 1) * MEMFS_CHUNK;
	}
	return hole ? vn->size : -ENXIO;
}

static long mreadlink(struct vnode *vn, char *buf, size_t n)
{
	size_t l = MIN(strlen(mn(vn)->target), n);
	memcpy(buf, mn(vn)->target, l);
	return (long)l;
}

static void mstatfs(struct mount *m, struct wunix_statfs *st)
{
	struct memfs *fs = m->fs;

	st->f_type = TMPFS_MAGIC;
	st->f_bsize = st->f_frsize = 4096;
	st->f_blocks = fs->limit / 4096;
	st->f_bfree = st->f_bavail = (fs->limit - fs->used) / 4096;
	st->f_files = fs->limit / sizeof(struct mnode);
	st->f_ffree = st->f_files - fs->nodes;
	st->f_namelen = WNAME_MAX;
}

static void mreclaim(struct vnode *vn)
{
	struct mnode *n = mn(vn);
	struct memfs *fs = fs_of(vn);

	mtruncate(vn, 0);
	if (n->nchunks)
		uncharge(fs, n->nchunks * sizeof(void *));
	kfree(n->chunks);
	for (size_t i = 0; i < n->nents; i++) { /* only a failed boot leaves entries */
		uncharge(fs, n->ents[i].len + 1);
		kfree(n->ents[i].name);
	}
	if (n->capents)
		uncharge(fs, n->capents * sizeof(struct mdirent));
	kfree(n->ents);
	if (n->target) {
		uncharge(fs, strlen(n->target) + 1);
		kfree(n->target);
	}
	uncharge(fs, sizeof(*n));
	fs->nodes--;
	kfree(n);
}

static const struct vnode_ops memfs_ops = {
	.lookup = mlookup,
	.create = mcreate,
	.link = mlink,
	.unlink = munlink,
	.rename = mrename,
	.readdir = mreaddir,
	.read = mread,
	.write = mwrite,
	.truncate = mtruncate,
	.seek_data = mseek_data,
	.readlink = mreadlink,
	.statfs = mstatfs,
	.reclaim = mreclaim,
};

long memfs_mount(struct mount *m, uint64_t limit, uint32_t rootmode)
{
	struct memfs *fs = kalloc(sizeof(*fs));
	struct mnode *root;

	if (!fs)
		return -ENOMEM;
	fs->limit = limit;
	fs->next_ino = 1;
	m->fs = fs;
	m->type = "tmpfs";
	if (!(root = node_new(m, S_IFDIR | rootmode))) {
		kfree(fs);
		return -ENOMEM;
	}
	root->v.nlink = 2;
	m->root = &root->v;
	return 0;
}
