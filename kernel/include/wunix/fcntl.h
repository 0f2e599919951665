/* wunix/fcntl.h -- open flags and seek origins (Linux asm-generic values). */
#ifndef WUNIX_FCNTL_H
#define WUNIX_FCNTL_H

#include <stdint.h>

#define O_ACCMODE 03
#define O_RDONLY 00
#define O_WRONLY 01
#define O_RDWR 02
#define O_CREAT 0100
#define O_EXCL 0200
#define O_NOCTTY 0400
#define O_TRUNC 01000
#define O_APPEND 02000
#define O_NONBLOCK 04000
#define O_DSYNC 010000
#define O_ASYNC 020000
#define O_DIRECT 040000
#define O_LARGEFILE 0100000
#define O_DIRECTORY 0200000
#define O_NOFOLLOW 0400000
#define O_NOATIME 01000000
#define O_CLOEXEC 02000000
#define O_SYNC 04010000
#define O_PATH 010000000
#define O_TMPFILE 020200000

#define AT_FDCWD (-100)

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define SEEK_DATA 3
#define SEEK_HOLE 4

#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_GETLK 5
#define F_SETLK 6
#define F_SETLKW 7
#define F_OFD_GETLK 36
#define F_OFD_SETLK 37
#define F_OFD_SETLKW 38
#define F_GETLK64 12     /* what musl sends for F_GETLK with a 32-bit long */
#define F_SETLK64 13
#define F_SETLKW64 14
#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC 1

/* struct flock: Linux's for 64-bit off_t (l_start is 8-aligned on wasm32 and x86_64). */
struct wunix_flock {
	int16_t l_type;
	int16_t l_whence;
	int32_t __pad0;
	int64_t l_start;
	int64_t l_len;
	int32_t l_pid;
	int32_t __pad1;
};

#define LOCK_SH 1
#define LOCK_EX 2
#define LOCK_NB 4
#define LOCK_UN 8

#define CLOSE_RANGE_UNSHARE 2
#define CLOSE_RANGE_CLOEXEC 4

#define MFD_CLOEXEC 1
#define MFD_ALLOW_SEALING 2

#endif
