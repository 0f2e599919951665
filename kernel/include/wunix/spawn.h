/* wunix/spawn.h -- SYS_spawn (1024): posix_spawn in the kernel,
 * spawn(const struct wunix_spawn_params *p, size_t size) with size = sizeof *p.
 * One params struct, copied in once; user addresses are 64-bit fields so a
 * wasm64 ABI can share the layout. Returns the child's pid, or -errno with no
 * child left (EINVAL for a wrong size, unknown flags or actions). */
#ifndef WUNIX_SPAWN_H
#define WUNIX_SPAWN_H

#include <stdint.h>

/* flags: musl's POSIX_SPAWN_* values, plus wunix's own above them */
#define WUNIX_SPAWN_RESETIDS 0x01
#define WUNIX_SPAWN_SETPGROUP 0x02
#define WUNIX_SPAWN_SETSIGDEF 0x04
#define WUNIX_SPAWN_SETSIGMASK 0x08
#define WUNIX_SPAWN_SETSCHEDPARAM 0x10 /* accepted, no effect */
#define WUNIX_SPAWN_SETSCHEDULER 0x20  /* accepted, no effect */
#define WUNIX_SPAWN_USEVFORK 0x40      /* accepted, no effect */
#define WUNIX_SPAWN_SETSID 0x80
#define WUNIX_SPAWN_SEARCH 0x10000     /* posix_spawnp: a path without '/' is looked up in `search` */

/* file action commands (musl's FDOP_* values) */
#define WUNIX_FA_CLOSE 1
#define WUNIX_FA_DUP2 2
#define WUNIX_FA_OPEN 3
#define WUNIX_FA_CHDIR 4
#define WUNIX_FA_FCHDIR 5

struct wunix_spawn_action {
	int32_t cmd;     /* WUNIX_FA_* */
	int32_t fd;      /* CLOSE, DUP2 (the target), OPEN (the target), FCHDIR */
	int32_t srcfd;   /* DUP2 */
	int32_t oflag;   /* OPEN */
	uint32_t mode;   /* OPEN */
	uint32_t pad;
	uint64_t path;   /* OPEN, CHDIR: a NUL-terminated path */
};

struct wunix_spawn_params {
	uint64_t path;      /* the program, or with SEARCH a name to look up */
	uint64_t argv;      /* NULL-terminated array of string pointers (pointer-sized elements) */
	uint64_t envp;      /* likewise; 0 means an empty environment */
	uint64_t search;    /* SEARCH: the PATH string (0: "/usr/local/bin:/bin:/usr/bin") */
	uint64_t actions;   /* nactions struct wunix_spawn_action, applied in order */
	uint32_t nactions;
	uint32_t flags;     /* WUNIX_SPAWN_* */
	int32_t pgroup;     /* SETPGROUP: 0 makes the child a group leader */
	uint32_t pad;
	uint64_t sigmask;   /* SETSIGMASK: the child's mask (bit s-1 for signal s) */
	uint64_t sigdefault; /* SETSIGDEF: signals reset to SIG_DFL in the child */
};

#endif
