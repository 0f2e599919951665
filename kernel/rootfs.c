/* kernel/rootfs.c -- unpacks the root filesystem image (a ustar archive made by
 * tools/mkrootfs) into memfs at boot. The kernel pulls the image through
 * host.rootfs_read, so it never needs the whole archive in kernel memory. */
#include "rootfs.h"
#include "host.h"
#include "kalloc.h"
#include "klib.h"
#include "lock.h"
#include "usercopy.h"
#include "vfs.h"
#include <wunix/errno.h>
#include <wunix/fcntl.h>

#define TAR_BLOCK 512
#define COPY_CHUNK (64 * 1024)

/* Parses an octal field of a header: the value, or -1 if it is not a number. */
static int64_t octal(const uint8_t *f, size_t n)
{
	int64_t v = 0;
	size_t i = 0;

	while (i < n && f[i] == ' ')
		i++;
	if (i == n || f[i] < '0' || f[i] > '7')
		return -1;
	for (; i < n && f[i] >= '0' && f[i] <= '7'; i++)
		v = v * 8 + (f[i] - '0');
	return v;
}

static bool checksum_ok(const uint8_t *h)
{
	int64_t want = octal(h + 148, 8);
	uint32_t sum = 0;

	for (int i = 0; i < TAR_BLOCK; i++)
		sum += (i >= 148 && i < 156) ? ' ' : h[i];
	return want == (int64_t)sum;
}

/* Reads exactly n bytes at off: 0, or -EIO for a short image. */
static long pull(void *dst, uint64_t off, uint32_t n)
{
	int r = host_rootfs_read(dst, (double)off, n);
	return r == (int)n ? 0 : -EIO;
}

/* The entry's path, made absolute and without trailing slashes, into path. */
static void entry_path(const uint8_t *h, char *path)
{
	size_t plen = kstrnlen((const char *)h + 345, 155), nlen = kstrnlen((const char *)h, 100), o = 0;

	if (plen) {
		memcpy(path, h + 345, plen);
		path[plen] = '/';
		o = plen + 1;
	}
	memcpy(path + o, h, nlen);
	path[o + nlen] = 0;
	char *p = path;
	while (p[0] == '.' && p[1] == '/')
		p += 2;
	while (p[0] == '/')
		p++;
	memmove(path + 1, p, strlen(p) + 1);
	path[0] = '/';
	size_t len = strlen(path);
	while (len > 1 && path[len - 1] == '/')
		path[--len] = 0;
}

/* Makes one node; the image's owner, mode and time are applied as they are. */
static long make_node(const char *path, uint32_t mode, const char *target, struct vnode **out)
{
	struct vfs_parent pp;
	long r;

	if (path[0] == '/' && path[1] == 0)
		return vfs_lookup(AT_FDCWD, "/", W_DIR, out);
	if ((r = vfs_parent(AT_FDCWD, path, &pp)))
		return r;
	r = pp.dir->ops->create(pp.dir, pp.name, pp.len, mode, 0, target, out);
	if (r == -EEXIST && (mode & S_IFMT) == S_IFDIR)
		r = vfs_lookup_at(pp.dir, pp.name, pp.len, out);
	vfs_parent_done(&pp);
	return r;
}

static long copy_data(struct vnode *vn, uint64_t off, int64_t size, uint8_t *buf)
{
	for (int64_t done = 0; done < size;) {
		uint32_t n = size - done > COPY_CHUNK ? COPY_CHUNK : (uint32_t)(size - done);
		long r = pull(buf, off + done, n);
		if (r == 0)
			r = vn->ops->write(vn, &io_kernel, (uaddr_t)(uintptr_t)buf, n, done);
		if (r < 0)
			return r;
		done += n;
	}
	return 0;
}

long rootfs_unpack(void)
{
	uint8_t h[TAR_BLOCK];
	char *path = kalloc(2 * WPATH_MAX), *target = path + WPATH_MAX;
	uint8_t *buf = kalloc(COPY_CHUNK);
	uint64_t off = 0;
	long r = 0;
	int n = 0;

	KASSERT(bkl_held());
	if (!path || !buf) {
		r = -ENOMEM;
		goto out;
	}
	if (host_rootfs_read(h, 0, 0) < 0)
		goto out; /* no image: an empty root */
	for (;; n++) {
		if ((r = pull(h, off, TAR_BLOCK)))
			break;
		if (h[0] == 0)
			break; /* the end-of-archive blocks */
		if (!checksum_ok(h) || memcmp(h + 257, "ustar", 5)) {
			r = -EINVAL;
			break;
		}
		int64_t mode = octal(h + 100, 8), uid = octal(h + 108, 8), gid = octal(h + 116, 8);
		int64_t size = octal(h + 124, 12), mtime = octal(h + 136, 12);
		if (mode < 0 || uid < 0 || gid < 0 || size < 0 || mtime < 0) {
			r = -EINVAL;
			break;
		}
		entry_path(h, path);
		memcpy(target, h + 157, 100);
		target[kstrnlen(target, 100)] = 0;
		uint32_t type;
		switch (h[156]) {
		case '0': case 0: type = S_IFREG; break;
		case '5': type = S_IFDIR; size = 0; break;
		case '2': type = S_IFLNK; size = 0; break;
		default: r = -EINVAL; break;
		}
		if (r)
			break;
		struct vnode *vn;
		if ((r = make_node(path, type | (mode & 07777), type == S_IFLNK ? target : NULL, &vn)))
			break;
		if (type == S_IFREG)
			r = copy_data(vn, off + TAR_BLOCK, size, buf);
		vn->uid = (uint32_t)uid;
		vn->gid = (uint32_t)gid;
		if (type != S_IFLNK)
			vn->mode = type | (uint32_t)(mode & 07777);
		vn->atime = vn->mtime = vn->ctime = mtime * 1000000000;
		vnode_put(vn);
		if (r)
			break;
		off += TAR_BLOCK + (uint64_t)(size + TAR_BLOCK - 1) / TAR_BLOCK * TAR_BLOCK;
	}
	if (r)
		klog("rootfs: bad image: entry %d at offset %llu: error %ld", n, (unsigned long long)off, -r);
out:
	kfree(path);
	kfree(buf);
	return r;
}
