/* wunix/stat.h -- file types and modes, struct stat (musl's wasm32 layout), statx,
 * statfs, linux_dirent64 and the *at flags (Linux asm-generic values). */
#ifndef WUNIX_STAT_H
#define WUNIX_STAT_H

#include <stdint.h>
#include "time.h"

#define S_IFMT 0170000
#define S_IFSOCK 0140000
#define S_IFLNK 0120000
#define S_IFREG 0100000
#define S_IFBLK 0060000
#define S_IFDIR 0040000
#define S_IFCHR 0020000
#define S_IFIFO 0010000
#define S_ISUID 04000
#define S_ISGID 02000
#define S_ISVTX 01000

#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_REMOVEDIR 0x200
#define AT_EACCESS 0x200
#define AT_SYMLINK_FOLLOW 0x400
#define AT_NO_AUTOMOUNT 0x800
#define AT_EMPTY_PATH 0x1000
#define AT_STATX_SYNC_TYPE 0x6000

#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE 2
#define RENAME_WHITEOUT 4

#define UTIME_NOW 0x3fffffff
#define UTIME_OMIT 0x3ffffffe

#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

/* struct stat exactly as musl's arch/wasm32/bits/stat.h lays it out (112 bytes). */
struct wunix_stat {
	uint64_t st_dev;
	uint64_t st_ino;
	uint32_t st_mode;
	uint32_t st_nlink;
	uint32_t st_uid;
	uint32_t st_gid;
	uint64_t st_rdev;
	int64_t st_size;
	int32_t st_blksize;
	int32_t pad;
	int64_t st_blocks;
	struct wunix_timespec st_atim, st_mtim, st_ctim;
};
_Static_assert(sizeof(struct wunix_stat) == 112, "struct stat layout");

#define STATX_TYPE 0x1u
#define STATX_MODE 0x2u
#define STATX_NLINK 0x4u
#define STATX_UID 0x8u
#define STATX_GID 0x10u
#define STATX_ATIME 0x20u
#define STATX_MTIME 0x40u
#define STATX_CTIME 0x80u
#define STATX_INO 0x100u
#define STATX_SIZE 0x200u
#define STATX_BLOCKS 0x400u
#define STATX_BASIC_STATS 0x7ffu
#define STATX_BTIME 0x800u
#define STATX__RESERVED 0x80000000u

struct wunix_statx_timestamp {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t reserved;
};

/* Linux's struct statx (256 bytes). */
struct wunix_statx {
	uint32_t stx_mask;
	uint32_t stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink;
	uint32_t stx_uid;
	uint32_t stx_gid;
	uint16_t stx_mode;
	uint16_t spare0;
	uint64_t stx_ino;
	uint64_t stx_size;
	uint64_t stx_blocks;
	uint64_t stx_attributes_mask;
	struct wunix_statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	uint32_t stx_rdev_major;
	uint32_t stx_rdev_minor;
	uint32_t stx_dev_major;
	uint32_t stx_dev_minor;
	uint64_t spare2[14];
};
_Static_assert(sizeof(struct wunix_statx) == 256, "struct statx layout");

/* musl's generic struct statfs with wasm32 sizes (unsigned long is 32 bits). */
struct wunix_statfs {
	uint32_t f_type, f_bsize;
	uint64_t f_blocks, f_bfree, f_bavail;
	uint64_t f_files, f_ffree;
	int32_t f_fsid[2];
	uint32_t f_namelen, f_frsize, f_flags, f_spare[4];
	uint32_t pad;
};
#define ST_VALID 0x20u /* f_flags: the flags are filled in (Linux 2.6.36) */
_Static_assert(sizeof(struct wunix_statfs) == 88, "struct statfs layout");

/* Linux's struct linux_dirent64: the name follows, NUL-terminated, the record
 * padded to 8 bytes. */
struct wunix_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	uint16_t d_reclen;
	uint8_t d_type;
	char d_name[];
};

#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10
#define DT_SOCK 12

#define TMPFS_MAGIC 0x01021994
#define DEVFS_MAGIC 0x1373 /* Linux's devfs; devtmpfs reports tmpfs's */

#endif
