/* kernel/vfs.h -- the virtual file system: vnodes, mounts, path walks and the
 * open-file glue shared by every file system. */
#ifndef WUNIX_VFS_H
#define WUNIX_VFS_H

#include "types.h"
#include <wunix/stat.h>

struct file;
struct ioctx;
struct lockf;
struct mount;
struct proc;
struct vnode;
struct vattr;

#define WPATH_MAX 4096   /* longest path, NUL included (Linux's PATH_MAX) */
#define WNAME_MAX 255    /* longest name of one component */
#define SYMLOOP_MAX 40   /* symlinks one walk follows before ELOOP */

/* One directory entry as readdir reports it. */
struct vfs_dirent {
	uint64_t ino;
	uint8_t type;        /* DT_* */
	size_t namelen;
	const char *name;    /* valid until the directory changes */
};

/* Attributes a change stores (vnode_ops.setattr): the fields named by which. */
struct vattr {
	int which;             /* VA_MODE | VA_OWNER | VA_TIMES */
	uint32_t mode;         /* permission bits */
	uint32_t uid, gid;
	int64_t atime, mtime;  /* ns since the epoch */
};
#define VA_MODE 1
#define VA_OWNER 2
#define VA_TIMES 4

/* What a file system does with its vnodes. BKL held for all; none sleeps unless
 * noted. Names are not NUL-terminated (name, len) and never "." or "..", except
 * that lookup answers "..". Results through **out carry one reference. */
struct vnode_ops {
	long (*lookup)(struct vnode *dir, const char *name, size_t len, struct vnode **out);
	/* A new node of type and permissions mode (S_IFLNK: target is the link). */
	long (*create)(struct vnode *dir, const char *name, size_t len, uint32_t mode, uint64_t rdev,
	               const char *target, struct vnode **out);
	long (*link)(struct vnode *dir, const char *name, size_t len, struct vnode *vn);
	/* Removes the entry name, which names vn (a directory: must be empty). */
	long (*unlink)(struct vnode *dir, const char *name, size_t len, struct vnode *vn);
	long (*rename)(struct vnode *odir, const char *oname, size_t olen, struct vnode *ndir,
	               const char *nname, size_t nlen, unsigned flags);
	/* The entry at *pos or after (0 "." and 1 ".." first); advances *pos. 1, 0 at the end. */
	long (*readdir)(struct vnode *dir, uint64_t *pos, struct vfs_dirent *e);
	long (*read)(struct vnode *vn, const struct ioctx *io, uaddr_t buf, size_t n, int64_t off);
	long (*write)(struct vnode *vn, const struct ioctx *io, uaddr_t buf, size_t n, int64_t off);
	long (*truncate)(struct vnode *vn, int64_t size);
	/* The next data (hole false) or hole (hole true) offset at or after off. */
	int64_t (*seek_data)(struct vnode *vn, int64_t off, bool hole);
	/* Copies the link target (no NUL) into buf of n bytes: its length. */
	long (*readlink)(struct vnode *vn, char *buf, size_t n);
	void (*statfs)(struct mount *m, struct wunix_statfs *st);
	/* No references and no links are left: free the vnode. */
	void (*reclaim)(struct vnode *vn);
	/* A magic link (procfs): the vnode it stands for, with a reference; walks
	 * take it in place of the link's text. May be NULL. */
	long (*follow)(struct vnode *vn, struct vnode **out);
	/* Opens vn itself instead of by its type (procfs's stand-ins for pipes and
	 * the console), setting f->vnode only if it wants one. May be NULL. */
	long (*open)(struct vnode *vn, uint32_t flags, struct file **out);
	/* Reloads vn's attributes from a store that changes under the kernel (hostfs).
	 * May be NULL: the vnode is always current. */
	void (*getattr)(struct vnode *vn);
	/* Stores changed attributes before the VFS records them in vn (checks done):
	 * 0 or -errno. May be NULL: the vnode is the only copy. */
	long (*setattr)(struct vnode *vn, const struct vattr *va);
};

/* A file system object. BKL held for every field. The file system owns the
 * storage; refs counts kernel references (open files, cwd/root, walks, mounts). */
struct vnode {
	uint32_t refs;
	uint32_t nlink;
	uint32_t mode;         /* S_IFMT | permissions */
	uint32_t uid, gid;
	uint64_t ino;
	uint64_t rdev;
	int64_t size;
	int64_t blocks;        /* 512-byte blocks allocated */
	int64_t atime, mtime, ctime; /* ns since the epoch */
	const struct vnode_ops *ops;
	struct mount *mnt;     /* the mount this vnode belongs to */
	struct mount *covered_by; /* the mount sitting on this directory, if any */
	struct pipe *fifo;     /* a FIFO's pipe, NULL until first opened */
	bool transient;        /* freed at its last reference although linked (procfs, hostfs) */
	struct lockf *locks;   /* record and flock locks, by start (flock.c) */
	uint32_t mmaps;        /* MAP_SHARED mappings of it, all processes (mm_file.c) */
};

/* A mounted file system. BKL held. */
struct mount {
	struct vnode *root;
	struct vnode *covered; /* NULL for the root file system */
	uint64_t dev;
	const char *type;
	void *fs;              /* the file system's instance */
	struct mount *next;
};

/* Makes the root file system and /dev. Once, at boot, BKL held. */
void vfs_init(void);
/* Mounts m (its root, type and fs filled by the file system) on directory on
 * (NULL: the root file system): 0 or -errno. BKL held. */
long vfs_mount(struct vnode *on, struct mount *m);

struct vnode *vnode_get(struct vnode *vn);
/* Drops a reference; with no references and no links the file system frees it. BKL held. */
void vnode_put(struct vnode *vn);
/* Sets the time fields named by which (1 atime, 2 mtime, 4 ctime) to now. BKL held. */
void vnode_touch(struct vnode *vn, int which);
/* Marks vn read (relatime, as Linux mounts by default: atime moves when it is
 * not newer than the last change). BKL held. */
void vnode_touch_atime(struct vnode *vn);
#define VT_A 1
#define VT_M 2
#define VT_C 4
/* The current real time in ns. */
int64_t vfs_now(void);
/* Fills a new vnode's common fields: owner from the current process's fs ids. BKL held. */
void vnode_init(struct vnode *vn, const struct vnode_ops *ops, struct mount *m, uint32_t mode);

/* Whether the current process may access vn for mask (R_OK | W_OK | X_OK): 0 or
 * -EACCES. Root passes except for X_OK on a file with no x bit. BKL held. */
long vfs_permission(struct vnode *vn, int mask);
/* Whether the caller owns vn or is root. */
bool vfs_owner_or_root(struct vnode *vn);

/* Lookup flags of a walk. */
#define W_FOLLOW 1       /* follow a symlink in the last component */
#define W_EMPTY 2        /* an empty path names dirfd itself (AT_EMPTY_PATH) */
#define W_DIR 4          /* the result must be a directory */

/* Resolves path (a kernel string) from dirfd (AT_FDCWD: the cwd) in the current
 * process: the vnode with a reference, or -errno. BKL held. */
long vfs_lookup(int dirfd, const char *path, int flags, struct vnode **out);

/* The parent directory of path's last component and that component: what create,
 * unlink and rename work on. dir has a reference (vfs_parent_done releases it). */
struct vfs_parent {
	struct vnode *dir;
	char name[WNAME_MAX + 1];
	size_t len;
	bool slash;            /* path ended with '/' */
	bool dot;              /* the last component is "." or ".." (or the path is "/") */
	int links;             /* symlinks followed so far */
};
long vfs_parent(int dirfd, const char *path, struct vfs_parent *pp);
void vfs_parent_done(struct vfs_parent *pp);
/* pp's last component is the symlink link: walks to its target's parent
 * instead (ELOOP after SYMLOOP_MAX). On failure pp->dir is released. */
long vfs_parent_follow(struct vfs_parent *pp, struct vnode *link);
/* Looks up one component in dir (exec permission checked, "." and ".." and
 * mounts handled): the vnode with a reference, or -errno. */
long vfs_lookup_at(struct vnode *dir, const char *name, size_t len, struct vnode **out);

/* The vnode of descriptor fd (AT_FDCWD: the cwd) with a reference, or -EBADF/-ENOTDIR (need_dir). */
long vfs_fd_vnode(int fd, bool need_dir, struct vnode **out);

/* The core of chdir (path) and fchdir (path NULL: descriptor fd). BKL held. */
long kern_chdir(int fd, const char *path);
/* Opens vn for flags (the walk and permission checks done): a new file. BKL held; may sleep (FIFOs). */
long vfs_open_vnode(struct vnode *vn, uint32_t flags, struct file **out);
/* The core of openat: a new open file for path. BKL held; may sleep. */
long kern_openat(int dirfd, const char *path, uint32_t flags, uint32_t mode, struct file **out);

/* Whether f is a regular file or directory opened through the VFS / an O_PATH descriptor. */
bool file_is_vnode(const struct file *f);
bool file_is_path(const struct file *f);
/* Copies a path argument into kpath (WPATH_MAX bytes): 0, -EFAULT or -ENAMETOOLONG. */
long path_copyin(char *kpath, uaddr_t u);

/* Fills st from vn. */
void vfs_stat(struct vnode *vn, struct wunix_stat *st);

/* A new process's cwd and root (/) and umask 022; exit releases them. BKL held. */
void vfs_proc_init(struct proc *p);
void vfs_exit(struct proc *p);
/* c (new) gets p's cwd, root and umask. BKL held. */
void vfs_fork(struct proc *c, const struct proc *p);

/* Opens character device rdev (devfs.c): a new file or -ENXIO. */
long dev_open(uint64_t rdev, uint32_t flags, struct file **out);
/* Populates /dev on the devfs root dir. Once, at boot. */
void devfs_init(struct vnode *devdir);

/* The path of vn as the current process sees it, in a new kalloc'd string
 * (" (deleted)" after a file with no links left), or -errno (ENOENT: not
 * found). BKL held. */
long vfs_vnode_path(struct vnode *vn, char **out);
/* Makes m the proc file system (procfs.c): 0 or -ENOMEM. BKL held. */
long procfs_mount(struct mount *m);
/* The mount table, newest first (follow ->next). BKL held. */
struct mount *vfs_mount_list(void);

/* Mounts the host directories the host lists (hostfs.c), making missing mount
 * points. Once, at boot, with the VFS context set. BKL held. */
void hostfs_boot(void);

/* Makes m a new memfs holding at most limit bytes, its root directory of mode
 * rootmode: 0 or -ENOMEM. BKL held. */
long memfs_mount(struct mount *m, uint64_t limit, uint32_t rootmode);

extern struct vnode *vfs_rootvn;
/* The current process (at boot, a stand-in rooted at /). BKL held. */
struct proc *vfs_proc(void);

#define MKDEV(ma, mi) (((uint64_t)(ma) << 8) | (uint64_t)(mi))

#endif
