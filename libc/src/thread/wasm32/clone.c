#include <stdarg.h>
#include <stdint.h>
#include "pthread_impl.h"
#include "syscall.h"

/* A wasm thread cannot continue at the caller's instruction: the host starts
 * func(arg) on a new worker. Both are stored at the top of the new stack,
 * where the kernel finds them, as the assembly versions on other arches do. */
int __clone(int (*func)(void *), void *stack, int flags, void *arg, ...)
{
	va_list ap;
	va_start(ap, arg);
	pid_t *ptid = va_arg(ap, pid_t *);
	void *tls = va_arg(ap, void *);
	pid_t *ctid = va_arg(ap, pid_t *);
	va_end(ap);

	uintptr_t *sp = (uintptr_t *)((uintptr_t)stack & -16) - 4;
	sp[0] = (uintptr_t)func;
	sp[1] = (uintptr_t)arg;
	return __syscall(SYS_clone, flags, sp, ptid, tls, ctid);
}
