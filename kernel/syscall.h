/* kernel/syscall.h -- system call handlers and dispatch. */
#ifndef WUNIX_SYSCALL_H
#define WUNIX_SYSCALL_H

#include "types.h"

/* Every handler: decodes and checks its arguments, returns a result or -errno. BKL held. */
#define SYS(nr, name, nargs) long sys_##name(const sarg_t *a);
#define NOSYS(nr, name)
#include "syscalls.def"
#undef SYS
#undef NOSYS

/* Sets tracing from the boot flags. Once, at boot. */
void syscall_init(int bootflags);
/* Runs system call nr for the current thread: the result or -errno. BKL held; may sleep. */
long syscall_dispatch(int nr, const sarg_t *args);
/* Whether syscall tracing is on. */
bool trace_on(void);
/* The name of errno e (positive), or NULL. */
const char *errno_name(int e);

#endif
