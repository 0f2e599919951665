/* kernel/image.c -- what exec and spawn share: arguments copied in, the
 * program resolved (with "#!" scripts), the host's instance of it prepared in
 * a fresh memory, and the initial stack _start receives. */
#include "image.h"
#include "cred.h"
#include "host.h"
#include "kalloc.h"
#include "klib.h"
#include "lock.h"
#include "param.h"
#include "usercopy.h"
#include "vfs.h"
#include <wunix/auxv.h>
#include <wunix/errno.h>
#include <wunix/fcntl.h>

#define NAUXV 11       /* auxv pairs before AT_NULL */
#define RANDOM_BYTES 16
#define UPTR 4         /* bytes of a user pointer (wasm32) */

/* A growing string buffer for arguments. */
struct strbuf {
	char *buf;
	size_t len, cap;
};

static long sb_reserve(struct strbuf *sb, size_t n)
{
	if (sb->len + n <= sb->cap)
		return 0;
	size_t cap = MAX(sb->cap * 2, (size_t)4096);
	while (cap < sb->len + n)
		cap *= 2;
	char *b = kalloc(cap);
	if (!b)
		return -ENOMEM;
	if (sb->len)
		memcpy(b, sb->buf, sb->len);
	kfree(sb->buf);
	sb->buf = b;
	sb->cap = cap;
	return 0;
}

static long sb_add(struct strbuf *sb, const char *s, size_t n)
{
	long r = sb_reserve(sb, n + 1);
	if (r)
		return r;
	memcpy(sb->buf + sb->len, s, n);
	sb->buf[sb->len + n] = 0;
	sb->len += n + 1;
	return 0;
}

/* Appends the user string at us to sb, which may hold at most limit bytes
 * (string data and UPTR per pointer, words of them): 0 or -errno. */
static long copy_str(struct strbuf *sb, uaddr_t us, size_t words)
{
	size_t used = sb->len + words * UPTR;
	size_t budget = used < ARG_MAX ? ARG_MAX - used : 0;

	for (;;) {
		size_t room = MIN(sb->cap - sb->len, budget);
		if (room) {
			long len = copyinstr(sb->buf + sb->len, us, room);
			if (len >= 0) {
				sb->len += (size_t)len + 1;
				return 0;
			}
			if (len != -ENAMETOOLONG)
				return len;
		}
		if (room >= budget)
			return -E2BIG;
		long r = sb_reserve(sb, sb->cap - sb->len + 1);
		if (r)
			return r;
	}
}

/* Appends the strings of the NULL-terminated user array uv (0: none) to sb,
 * counting their pointers in *words: how many, or -errno. */
static long copy_strv(struct strbuf *sb, uaddr_t uv, size_t *words)
{
	long n = 0;

	for (; uv; uv += UPTR, n++) {
		uint32_t us;
		if (copyin(&us, uv, sizeof(us)))
			return -EFAULT;
		if (!us)
			break;
		long r = copy_str(sb, us, ++*words);
		if (r)
			return r;
	}
	return n;
}

long image_args(struct image *img, uaddr_t argv, uaddr_t envp)
{
	struct strbuf sb = { 0 };
	size_t words = 2;
	long argc, envc = 0;

	if ((argc = copy_strv(&sb, argv, &words)) < 0)
		goto fail;
	size_t argbytes = sb.len;
	if ((envc = copy_strv(&sb, envp, &words)) < 0)
		goto fail;
	kfree(img->args);
	img->args = sb.buf;
	img->argc = (int)argc;
	img->envc = (int)envc;
	img->argbytes = argbytes;
	img->strbytes = sb.len;
	return 0;
fail:
	kfree(sb.buf);
	return argc < 0 ? argc : envc;
}

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

long image_kargs(struct image *img, const char *kbuf, int argc, int envc)
{
	if (argc < 0 || envc < 0 || argc > INT32_MAX - envc || (!kbuf && argc + envc))
		return -EINVAL;
	long strbytes = strings_size(kbuf, argc + envc);
	if (strbytes < 0)
		return strbytes;
	char *args = kalloc(strbytes ? (size_t)strbytes : 1);
	if (!args)
		return -ENOMEM;
	memcpy(args, kbuf, (size_t)strbytes);
	kfree(img->args);
	img->args = args;
	img->argc = argc;
	img->envc = envc;
	img->argbytes = (size_t)strings_size(kbuf, argc);
	img->strbytes = (size_t)strbytes;
	return 0;
}

long image_open(int dirfd, const char *path, int wflags, struct vnode **out)
{
	struct vnode *vn;
	long r = vfs_lookup(dirfd, path, wflags, &vn);

	if (r)
		return r;
	if ((vn->mode & S_IFMT) != S_IFREG)
		r = -EACCES;
	else if (!(r = vfs_permission(vn, X_OK)) && vn->size > IMAGE_MAX)
		r = -ENOMEM;
	if (r) {
		vnode_put(vn);
		return r;
	}
	*out = vn;
	return 0;
}

/* image_open, with the first bytes of the file in head (*hlen of them). */
static long open_program(int dirfd, const char *path, int wflags, struct vnode **out, char *head,
                         size_t *hlen)
{
	struct vnode *vn;
	long r = image_open(dirfd, path, wflags, &vn);

	if (r)
		return r;
	if ((r = vn->ops->read(vn, &io_kernel, (uaddr_t)(uintptr_t)head, SHEBANG_MAX, 0)) >= 0)
		*hlen = (size_t)r, r = 0;
	if (r) {
		vnode_put(vn);
		return r;
	}
	*out = vn;
	return 0;
}

static long find(struct image *img, int dirfd, const char *path, int wflags, bool ask_host);

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Asks the host for a program the file system does not have (onResolveSpawn):
 * 0 with img->handle set (the host had the program), or with img's argv
 * rewritten and resolved again in the file system; -ENOENT when the host has
 * nothing either, or another -errno. */
static long host_find(struct image *img, const char *path)
{
	uint32_t out[2];
	char *buf = kalloc(RESOLVE_ARGV_MAX);
	long r;

	if (!buf)
		return -ENOMEM;
	bkl_unlock();
	r = host_resolve(path, (uint32_t)strlen(path), img->args, (uint32_t)img->argc, buf, RESOLVE_ARGV_MAX, out);
	bkl_lock();
	if (r > 0) {
		img->handle = (int)r;
		img->stack_top = out[0];
		img->heap_base = out[1];
		r = 0;
	} else if (r == 0 && out[0] == 0) {
		r = -ENOENT;
	} else if (r == 0) {
		/* argv replaced: out[0] strings in out[1] bytes of buf, then the old envp */
		size_t env = img->strbytes - img->argbytes;
		char *args = out[1] <= RESOLVE_ARGV_MAX ? kalloc(out[1] + env + 1) : NULL;
		if (!args || strings_size(buf, (int)out[0]) != (long)out[1]) {
			kfree(args);
			r = args ? -EINVAL : -ENOMEM;
		} else {
			memcpy(args, buf, out[1]);
			memcpy(args + out[1], img->args + img->argbytes, env);
			kfree(img->args);
			img->args = args;
			img->argc = (int)out[0];
			img->argbytes = out[1];
			img->strbytes = out[1] + env;
			r = img->strbytes + (size_t)(img->argc + img->envc + 2) * UPTR > ARG_MAX ? -E2BIG :
			    find(img, AT_FDCWD, img->args, W_FOLLOW, false);
		}
	}
	kfree(buf);
	return r;
}

long image_find(struct image *img, int dirfd, const char *path, int wflags)
{
	return find(img, dirfd, path, wflags, true);
}

static long find(struct image *img, int dirfd, const char *path, int wflags, bool ask_host)
{
	char head[SHEBANG_MAX];
	size_t hlen;
	struct vnode *vn;
	long r = open_program(dirfd, path, wflags, &vn, head, &hlen);

	if (r == -ENOENT && ask_host && img->argc > 0)
		return host_find(img, path);
	if (r)
		return r;
	if (hlen >= 4 && !memcmp(head, "\0asm", 4)) {
		if (img->vn)
			vnode_put(img->vn);
		img->vn = vn;
		return 0;
	}
	vnode_put(vn);
	if (hlen < 2 || head[0] != '#' || head[1] != '!')
		return -ENOEXEC;

	/* "#!interp [arg]": the line ends at a newline or after SHEBANG_MAX bytes;
	 * the argument is the rest of the line with blanks trimmed at both ends */
	size_t end = 2;
	while (end < hlen && head[end] != '\n')
		end++;
	size_t i = 2;
	while (i < end && is_blank(head[i]))
		i++;
	size_t istart = i;
	while (i < end && !is_blank(head[i]))
		i++;
	size_t ilen = i - istart;
	while (i < end && is_blank(head[i]))
		i++;
	size_t astart = i, aend = end;
	while (aend > astart && (is_blank(head[aend - 1]) || head[aend - 1] == '\r' || head[aend - 1] == '\0'))
		aend--;
	if (ilen == 0)
		return -ENOEXEC;

	char interp[SHEBANG_MAX + 1], arg[SHEBANG_MAX + 1];
	size_t alen = aend - astart;
	memcpy(interp, head + istart, ilen);
	interp[ilen] = 0;
	memcpy(arg, head + astart, alen);
	arg[alen] = 0;
	char name[WPATH_MAX + 24];
	if (!*path)
		ksnprintf(name, sizeof(name), "/dev/fd/%d", dirfd);
	else if (dirfd != AT_FDCWD && path[0] != '/')
		ksnprintf(name, sizeof(name), "/dev/fd/%d/%s", dirfd, path);
	else
		kstrlcpy(name, path, sizeof(name));

	if ((r = open_program(AT_FDCWD, interp, W_FOLLOW, &vn, head, &hlen)))
		return r;
	if (hlen < 4 || memcmp(head, "\0asm", 4)) {
		vnode_put(vn); /* one level only: an interpreter must be a program */
		return -ENOEXEC;
	}

	/* argv becomes interp [arg] name argv[1..] */
	struct strbuf sb = { 0 };
	size_t skip = img->argc ? strlen(img->args) + 1 : 0;
	size_t nlen = strlen(name);
	if ((r = sb_reserve(&sb, ilen + alen + nlen + 3 + img->strbytes - skip))) {
		vnode_put(vn);
		return r;
	}
	sb_add(&sb, interp, ilen);
	if (alen)
		sb_add(&sb, arg, alen);
	sb_add(&sb, name, nlen);
	memcpy(sb.buf + sb.len, img->args + skip, img->strbytes - skip);
	sb.len += img->strbytes - skip;
	int added = (alen ? 3 : 2) - (img->argc ? 1 : 0);
	img->argbytes += ilen + 1 + (alen ? alen + 1 : 0) + nlen + 1 - skip;
	img->argc += added;
	img->strbytes = sb.len;
	kfree(img->args);
	img->args = sb.buf;
	if (img->vn)
		vnode_put(img->vn);
	img->vn = vn;
	return img->strbytes + (size_t)(img->argc + img->envc + 2) * UPTR > ARG_MAX ? -E2BIG : 0;
}

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

/* Writes strings, random bytes and the word block into the current memory. */
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

long image_stack(const char *args, int argc, int envc, size_t strbytes, uaddr_t stack_top,
                 const struct cred *c)
{
	struct stack_layout l;
	long r = layout(&l, stack_top, strbytes, argc, envc);

	if (r == 0)
		r = write_stack(&l, args, argc, envc, c);
	return r ? r : (long)l.sp;
}

long image_read(struct vnode *vn, void **buf, uint32_t *len)
{
	uint32_t n = (uint32_t)vn->size;
	void *b = kalloc(n ? n : 1);
	long r;

	if (!b)
		return -ENOMEM;
	if ((r = vn->ops->read(vn, &io_kernel, (uaddr_t)(uintptr_t)b, n, 0)) != (long)n) {
		kfree(b);
		return r < 0 ? r : -EIO;
	}
	*buf = b;
	*len = n;
	return 0;
}

long image_prepare(struct image *img, const struct cred *c)
{
	struct vnode *vn = img->vn;
	uint32_t out[2];
	void *buf = NULL;
	uint32_t len = 0;
	double dev, ino, ctime, size;

	if (img->handle) /* the host provided the program (host_find) */
		goto stack;
	/* first from the host's cache of compiled programs, without reading the file */
	dev = (double)vn->mnt->dev, ino = (double)vn->ino, ctime = (double)vn->ctime, size = (double)vn->size;
	bkl_unlock();
	long r = host_image_prepare(NULL, 0, dev, ino, ctime, size, out);
	bkl_lock();
	if (r == -ENOENT) {
		if ((r = image_read(vn, &buf, &len)))
			return r;
		bkl_unlock();
		r = host_image_prepare(buf, len, dev, ino, ctime, size, out);
		bkl_lock();
		kfree(buf);
	}
	if (r < 0)
		return r;
	img->handle = (int)r;
	img->stack_top = out[0];
	img->heap_base = out[1];
stack:
	host_image_use(img->handle);
	r = image_stack(img->args, img->argc, img->envc, img->strbytes, img->stack_top, c);
	host_image_use(0);
	if (r < 0) {
		host_image_drop(img->handle);
		img->handle = 0;
		return r;
	}
	img->sp = (uaddr_t)r;
	return 0;
}

void image_done(struct image *img)
{
	if (img->handle)
		host_image_drop(img->handle);
	if (img->vn)
		vnode_put(img->vn);
	kfree(img->args);
	memset(img, 0, sizeof(*img));
}
