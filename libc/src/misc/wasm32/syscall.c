#include <unistd.h>
#include <stdarg.h>
#include "syscall.h"

#undef syscall

/* Callers pass int, long and pointer arguments, so they are read as long and
 * zero-extended as __scc does. A 64-bit value cannot be passed through
 * syscall(), as on other 32-bit systems. */
long syscall(long n, ...)
{
	va_list ap;
	syscall_arg_t a, b, c, d, e, f;
	va_start(ap, n);
	a = (unsigned long)va_arg(ap, long);
	b = (unsigned long)va_arg(ap, long);
	c = (unsigned long)va_arg(ap, long);
	d = (unsigned long)va_arg(ap, long);
	e = (unsigned long)va_arg(ap, long);
	f = (unsigned long)va_arg(ap, long);
	va_end(ap);
	return __syscall_ret(__syscall(n, a, b, c, d, e, f));
}
