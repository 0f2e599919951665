/* tests/unit/fakehost_hostfs.c -- the hostfs imports of kernel/host.h for native
 * tests, over a real temporary directory: mount 0 is fh_hostfs_dir at /mnt/host
 * (made before main runs, removed at exit). */
#define _GNU_SOURCE
#include "fakehost.h"
#include "host.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

char fh_hostfs_dir[64];

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	return remove(p);
}

static void cleanup(void)
{
	nftw(fh_hostfs_dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

__attribute__((constructor)) static void make_dir(void)
{
	strcpy(fh_hostfs_dir, "/tmp/wunix-unit-hostfs-XXXXXX");
	if (!mkdtemp(fh_hostfs_dir)) {
		perror("fakehost: mkdtemp");
		abort();
	}
	atexit(cleanup);
}

/* The host path of (kpath, plen) into out, or -errno (a path that would leave the directory: EINVAL). */
static int full(int m, const char *kpath, uint32_t plen, char *out)
{
	if (m != 0 || plen > 4000)
		return -EINVAL;
	for (uint32_t s = 0, i = 0; i <= plen; i++) {
		if (i < plen && kpath[i] != '/' && kpath[i])
			continue;
		if (i < plen && !kpath[i])
			return -EINVAL;
		uint32_t n = i - s;
		if (plen && (n == 0 || (n == 1 && kpath[s] == '.') || (n == 2 && kpath[s] == '.' && kpath[s + 1] == '.')))
			return -EINVAL;
		s = i + 1;
	}
	snprintf(out, 4100, "%s%s%.*s", fh_hostfs_dir, plen ? "/" : "", (int)plen, kpath);
	return 0;
}

static void fill(const struct stat *st, struct hostfs_stat *k)
{
	k->mode = st->st_mode;
	k->nlink = (uint32_t)st->st_nlink;
	k->uid = st->st_uid == getuid() ? 0 : st->st_uid;
	k->gid = st->st_gid == getgid() ? 0 : st->st_gid;
	k->ino = st->st_ino;
	k->size = st->st_size;
	k->blocks = st->st_blocks;
	k->atime = st->st_atim.tv_sec * 1000000000ll + st->st_atim.tv_nsec;
	k->mtime = st->st_mtim.tv_sec * 1000000000ll + st->st_mtim.tv_nsec;
	k->ctime = st->st_ctim.tv_sec * 1000000000ll + st->st_ctim.tv_nsec;
}

#define PATH(var, m, kpath, plen)                       \
	char var[4100];                                 \
	do {                                            \
		int e_ = full(m, kpath, plen, var);     \
		if (e_)                                 \
			return e_;                      \
	} while (0)
#define SYS(call) ((call) < 0 ? -errno : 0)

int host_hostfs_mount(int m, char *kdst, uint32_t len)
{
	if (m != 0)
		return -1;
	strcpy(kdst, "/mnt/host");
	return 9;
}

int host_hostfs_stat(int m, const char *kpath, uint32_t plen, struct hostfs_stat *kst)
{
	struct stat st;
	PATH(p, m, kpath, plen);
	if (lstat(p, &st))
		return -errno;
	fill(&st, kst);
	return 0;
}

int host_hostfs_fstat(int fd, struct hostfs_stat *kst)
{
	struct stat st;
	if (fstat(fd, &st))
		return -errno;
	fill(&st, kst);
	return 0;
}

int host_hostfs_open(int m, const char *kpath, uint32_t plen, int acc)
{
	static const int modes[] = { O_RDONLY, O_RDONLY, O_WRONLY, O_RDWR };
	struct stat st;
	PATH(p, m, kpath, plen);
	int fd = open(p, modes[acc & 3] | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return -ENXIO;
	}
	return fd;
}

void host_hostfs_close(int fd)
{
	close(fd);
}

/* The transfer buffer: kbuf, or ubuf in the calling thread's process memory. */
static void *xfer(void *kbuf, uint32_t ubuf, uint32_t len)
{
	struct fh_umem *u = fh_umem();
	if (kbuf)
		return kbuf;
	if (!u->base || (uint64_t)ubuf + len > (uint64_t)u->pages * FH_PAGE)
		return NULL;
	return u->base + ubuf;
}

int host_hostfs_pread(int fd, void *kbuf, uint32_t ubuf, uint32_t len, double off)
{
	void *b = xfer(kbuf, ubuf, len);
	if (!b)
		return -EFAULT;
	ssize_t n = pread(fd, b, len, (off_t)off);
	return n < 0 ? -errno : (int)n;
}

int host_hostfs_pwrite(int fd, const void *kbuf, uint32_t ubuf, uint32_t len, double off)
{
	void *b = xfer((void *)kbuf, ubuf, len);
	if (!b)
		return -EFAULT;
	ssize_t n = pwrite(fd, b, len, (off_t)off);
	return n < 0 ? -errno : (int)n;
}

int host_hostfs_ftruncate(int fd, double size)
{
	return SYS(ftruncate(fd, (off_t)size));
}

int host_hostfs_readdir(int m, const char *kpath, uint32_t plen, uint32_t idx, void *kdst, uint32_t len)
{
	PATH(p, m, kpath, plen);
	DIR *d = opendir(p);
	struct dirent *e;
	uint32_t i = 0;
	int r = 0;
	if (!d)
		return -errno;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (i++ < idx)
			continue;
		size_t n = strlen(e->d_name);
		uint64_t ino = e->d_ino;
		if (9 + n + 1 > len) {
			r = -EINVAL;
			break;
		}
		memcpy(kdst, &ino, 8);
		((uint8_t *)kdst)[8] = e->d_type;
		memcpy((char *)kdst + 9, e->d_name, n + 1);
		r = (int)n;
		break;
	}
	closedir(d);
	return r;
}

int host_hostfs_create(int m, const char *kpath, uint32_t plen, uint32_t mode, const char *ktarget, uint32_t tlen)
{
	PATH(p, m, kpath, plen);
	int fd;
	switch (mode & S_IFMT) {
	case S_IFREG:
		if ((fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode & 07777)) < 0)
			return -errno;
		fchmod(fd, mode & 07777);
		close(fd);
		return 0;
	case S_IFDIR:
		if (mkdir(p, mode & 07777))
			return -errno;
		return SYS(chmod(p, mode & 07777));
	case S_IFLNK: {
		char t[4100];
		snprintf(t, sizeof(t), "%.*s", (int)tlen, ktarget);
		return SYS(symlink(t, p));
	}
	}
	return -EPERM;
}

int host_hostfs_unlink(int m, const char *kpath, uint32_t plen, int dir)
{
	PATH(p, m, kpath, plen);
	return SYS(dir ? rmdir(p) : unlink(p));
}

int host_hostfs_rename(int m, const char *kold, uint32_t olen, const char *knew, uint32_t nlen, uint32_t flags)
{
	PATH(o, m, kold, olen);
	PATH(n, m, knew, nlen);
	return SYS(renameat2(AT_FDCWD, o, AT_FDCWD, n, flags));
}

int host_hostfs_link(int m, const char *kold, uint32_t olen, const char *knew, uint32_t nlen)
{
	PATH(o, m, kold, olen);
	PATH(n, m, knew, nlen);
	return SYS(link(o, n));
}

int host_hostfs_readlink(int m, const char *kpath, uint32_t plen, char *kdst, uint32_t len)
{
	PATH(p, m, kpath, plen);
	ssize_t n = readlink(p, kdst, len);
	return n < 0 ? -errno : (int)n;
}

int host_hostfs_chmod(int m, const char *kpath, uint32_t plen, uint32_t mode)
{
	PATH(p, m, kpath, plen);
	return SYS(fchmodat(AT_FDCWD, p, mode, 0));
}

int host_hostfs_chown(int m, const char *kpath, uint32_t plen, int uid, int gid)
{
	PATH(p, m, kpath, plen);
	return SYS(lchown(p, uid == 0 ? getuid() : (uid_t)uid, gid == 0 ? getgid() : (gid_t)gid));
}

int host_hostfs_utimes(int m, const char *kpath, uint32_t plen, double asec, int ansec, double msec, int mnsec)
{
	PATH(p, m, kpath, plen);
	struct timespec ts[2] = { { (time_t)asec, ansec }, { (time_t)msec, mnsec } };
	return SYS(utimensat(AT_FDCWD, p, ts, AT_SYMLINK_NOFOLLOW));
}

/* Host-side helpers for test_hostfs.c, which cannot include the host's headers
 * beside the kernel's. Names are relative to fh_hostfs_dir. */
static const char *hp(const char *name)
{
	static __thread char p[4200];
	snprintf(p, sizeof(p), "%s/%s", fh_hostfs_dir, name);
	return p;
}

long fh_host_read(const char *name, char *buf, size_t n)
{
	int fd = open(hp(name), O_RDONLY);
	if (fd < 0)
		return -errno;
	ssize_t r = read(fd, buf, n);
	close(fd);
	return r;
}

long fh_host_write(const char *name, const char *text)
{
	int fd = open(hp(name), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -errno;
	ssize_t r = write(fd, text, strlen(text));
	close(fd);
	return r;
}

/* The host's lstat of name: its mode (-errno if missing), its inode number in *ino. */
long fh_host_mode(const char *name, uint64_t *ino)
{
	struct stat st;
	if (lstat(hp(name), &st))
		return -errno;
	if (ino)
		*ino = st.st_ino;
	return st.st_mode;
}

long fh_host_mkdir(const char *name)
{
	return SYS(mkdir(hp(name), 0755));
}

long fh_host_unlink(const char *name)
{
	return SYS(unlink(hp(name)));
}

long fh_host_readlink(const char *name, char *buf, size_t n)
{
	ssize_t r = readlink(hp(name), buf, n);
	return r < 0 ? -errno : r;
}
