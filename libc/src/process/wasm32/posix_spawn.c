#include <spawn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include "syscall.h"
#include "../fdop.h"
/* The kernel's ABI header, copied into src/internal/wunix/ by libc/libc.mk so
 * that kernel and libc share one definition of the params struct. */
#include "wunix/spawn.h"

/* Flags and action commands pass through unchanged. */
_Static_assert(POSIX_SPAWN_RESETIDS == WUNIX_SPAWN_RESETIDS && POSIX_SPAWN_SETPGROUP == WUNIX_SPAWN_SETPGROUP &&
	POSIX_SPAWN_SETSIGDEF == WUNIX_SPAWN_SETSIGDEF && POSIX_SPAWN_SETSIGMASK == WUNIX_SPAWN_SETSIGMASK &&
	POSIX_SPAWN_SETSCHEDPARAM == WUNIX_SPAWN_SETSCHEDPARAM && POSIX_SPAWN_SETSCHEDULER == WUNIX_SPAWN_SETSCHEDULER &&
	POSIX_SPAWN_USEVFORK == WUNIX_SPAWN_USEVFORK && POSIX_SPAWN_SETSID == WUNIX_SPAWN_SETSID, "spawn flags");
_Static_assert(FDOP_CLOSE == WUNIX_FA_CLOSE && FDOP_DUP2 == WUNIX_FA_DUP2 && FDOP_OPEN == WUNIX_FA_OPEN &&
	FDOP_CHDIR == WUNIX_FA_CHDIR && FDOP_FCHDIR == WUNIX_FA_FCHDIR, "file action commands");

/* Actions this many or fewer are marshalled on the stack. */
#define SPAWN_STACK_ACTIONS 16

/* posix_spawn and posix_spawnp (search: the PATH to walk, or 0 for none):
 * one SYS_spawn, never a fork; the kernel creates the child, applies the
 * attributes and file actions and starts the image, or leaves no child. */
hidden int __wunix_spawn(pid_t *restrict res, const char *restrict path,
	const posix_spawn_file_actions_t *fa, const posix_spawnattr_t *restrict attr,
	char *const argv[restrict], char *const envp[restrict], const char *search)
{
	struct wunix_spawn_action stack[SPAWN_STACK_ACTIONS], *acts = stack;
	struct wunix_spawn_params p = {
		.path = (uintptr_t)path,
		.argv = (uintptr_t)argv,
		.envp = (uintptr_t)envp,
		.search = (uintptr_t)search,
	};
	struct fdop *op = fa ? fa->__actions : 0;
	size_t n = 0;
	long r;

	if (attr) {
		p.flags = attr->__flags;
		p.pgroup = attr->__pgrp;
		/* sigset_t's first 8 bytes hold signals 1-64, bit s-1 for signal s,
		 * as the ABI wants: wasm is little-endian whatever the word size. */
		memcpy(&p.sigmask, &attr->__mask, sizeof p.sigmask);
		memcpy(&p.sigdefault, &attr->__def, sizeof p.sigdefault);
	}
	if (search) p.flags |= WUNIX_SPAWN_SEARCH;

	/* musl prepends each action, so the oldest is at the tail: walk from
	 * there back to the head to apply them in the order they were added. */
	if (op) {
		for (n = 1; op->next; op = op->next) n++;
		if (n > SPAWN_STACK_ACTIONS && !(acts = malloc(n * sizeof *acts)))
			return ENOMEM;
		for (size_t i = 0; op; op = op->prev, i++) {
			acts[i] = (struct wunix_spawn_action){
				.cmd = op->cmd,
				.fd = op->fd,
				.srcfd = op->srcfd,
				.oflag = op->oflag,
				.mode = op->mode,
				.path = op->cmd == FDOP_OPEN || op->cmd == FDOP_CHDIR
					? (uintptr_t)op->path : 0,
			};
		}
		p.actions = (uintptr_t)acts;
		p.nactions = n;
	}

	/* The size lets the kernel refuse a layout it does not know. */
	r = __syscall(SYS_spawn, &p, sizeof p);
	if (acts != stack) free(acts);
	if (r < 0) return -r;
	if (res) *res = r;
	return 0;
}

int posix_spawn(pid_t *restrict res, const char *restrict path,
	const posix_spawn_file_actions_t *fa, const posix_spawnattr_t *restrict attr,
	char *const argv[restrict], char *const envp[restrict])
{
	return __wunix_spawn(res, path, fa, attr, argv, envp, 0);
}
