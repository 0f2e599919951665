/* kernel/vfs_path.c -- the path of a vnode, for /proc's links and mounts.
 * Directories are named by walking ".." up to the caller's root, as getcwd
 * does; another file by first searching its file system for an entry naming
 * it (the kernel keeps no names with open files), within a budget. */
#include "vfs.h"
#include "kalloc.h"
#include "klib.h"
#include "param.h"
#include "proc.h"
#include <wunix/errno.h>

/* Puts name (len bytes) and a '/' before the tail of buf that starts at *pos. */
static long prepend(char *buf, size_t *pos, const char *name, size_t len)
{
	if (len + 1 > *pos)
		return -ENAMETOOLONG;
	*pos -= len;
	memcpy(buf + *pos, name, len);
	buf[--*pos] = '/';
	return 0;
}

/* Whether a and b are the same file. */
static bool same(struct vnode *a, struct vnode *b)
{
	return a == b || (a->mnt == b->mnt && a->ino == b->ino);
}

/* Looks below dir (at most depth levels, *budget entries) for an entry naming
 * target: 0 with *parent (a reference) and name (NUL-terminated) set, or -ENOENT. */
static long find_name(struct vnode *dir, struct vnode *target, int depth, int *budget, struct vnode **parent,
                      char *name)
{
	struct vfs_dirent e;
	struct vnode *c;
	uint64_t pos = 2;

	if (!dir->ops->readdir)
		return -ENOENT;
	while (*budget > 0 && dir->ops->readdir(dir, &pos, &e) > 0) {
		--*budget;
		if (e.ino != target->ino || e.type == DT_DIR || dir->ops->lookup(dir, e.name, e.namelen, &c))
			continue;
		bool hit = same(c, target);
		vnode_put(c);
		if (hit) {
			memcpy(name, e.name, e.namelen);
			name[e.namelen] = 0;
			*parent = vnode_get(dir);
			return 0;
		}
	}
	for (pos = 2; depth > 0 && *budget > 0 && dir->ops->readdir(dir, &pos, &e) > 0;) {
		--*budget;
		if (e.type != DT_DIR || dir->ops->lookup(dir, e.name, e.namelen, &c))
			continue;
		long r = c->covered_by ? -ENOENT : find_name(c, target, depth - 1, budget, parent, name);
		vnode_put(c);
		if (r == 0)
			return 0;
	}
	return -ENOENT;
}

long vfs_vnode_path(struct vnode *vn, char **out)
{
	struct vnode *root = vfs_proc()->root, *up = NULL;
	char *buf = kalloc(WPATH_MAX), *name = kalloc(WNAME_MAX + 1);
	size_t pos = WPATH_MAX - 1;
	long r = -ENOMEM;

	vn = vnode_get(vn);
	if (!buf || !name)
		goto fail;
	buf[pos] = 0;
	if (vn->nlink == 0) {
		pos -= 10;
		memcpy(buf + pos, " (deleted)", 10);
		prepend(buf, &pos, "", 0);
		goto done;
	}
	if ((vn->mode & S_IFMT) != S_IFDIR) {
		int budget = VPATH_FIND_BUDGET;
		r = find_name(vn->mnt->root, vn, VPATH_FIND_DEPTH, &budget, &up, name);
		if (r == 0)
			r = prepend(buf, &pos, name, strlen(name));
		vnode_put(vn);
		vn = up;
		if (r)
			goto fail;
	}
	while (vn != root && vn != vfs_rootvn) {
		if (vn == vn->mnt->root) {
			r = -ENOENT;
			if (!vn->mnt->covered)
				goto fail;
			up = vnode_get(vn->mnt->covered);
			vnode_put(vn);
			vn = up;
			continue;
		}
		struct vfs_dirent e;
		uint64_t cookie = 2;
		if ((r = vn->ops->lookup(vn, "..", 2, &up)))
			goto fail;
		r = -ENOENT;
		while (up->ops->readdir && up->ops->readdir(up, &cookie, &e) > 0)
			if (e.ino == vn->ino && (r = prepend(buf, &pos, e.name, e.namelen)) <= 0)
				break;
		vnode_put(vn);
		vn = up;
		if (r)
			goto fail;
	}
	if (pos == WPATH_MAX - 1)
		buf[--pos] = '/';
done:
	memmove(buf, buf + pos, WPATH_MAX - pos);
	*out = buf;
	buf = NULL;
	r = 0;
fail:
	if (vn)
		vnode_put(vn);
	kfree(name);
	kfree(buf);
	return r;
}
