#include <string.h>

/* Bulk memory: one memory.fill instruction. */
void *memset(void *dest, int c, size_t n)
{
	__builtin_memset(dest, c, n);
	return dest;
}
