#include "pthread_impl.h"
#include "syscall.h"

/* A detached thread frees its own stack and exits. Unmapping is bookkeeping
 * in wunix (the memory stays addressable), so no borrowed stack is needed. */
void __unmapself(void *base, size_t size)
{
	__syscall(SYS_munmap, base, size);
	for (;;) __syscall(SYS_exit, 0);
}
