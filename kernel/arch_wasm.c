/* kernel/arch_wasm.c -- kernel memory growth on wasm: the heap starts after the
 * CPU area at the linker's __heap_base and grows with memory.grow. Other CPUs' JS views of the
 * memory go stale; the host re-creates them when a bounds check fails. */
#include "arch.h"
#include "param.h"

#define GROW_MIN_PAGES 16 /* grow by at least 1 MiB: fewer stale views */

void arch_kmem_initial(uintptr_t *start, uintptr_t *end)
{
	*start = (uintptr_t)arch_cpu_area() + (uintptr_t)NCPU * (KSTACK_SIZE + CPU_TLS_SIZE);
	*end = (uintptr_t)__builtin_wasm_memory_size(0) * 65536;
}

uintptr_t arch_kmem_grow(size_t bytes, uintptr_t *newend)
{
	size_t pages = (bytes + 65535) / 65536;

	if (pages < GROW_MIN_PAGES)
		pages = GROW_MIN_PAGES;
	long old = (long)__builtin_wasm_memory_grow(0, pages);
	if (old < 0)
		return 0;
	*newend = ((uintptr_t)old + pages) * 65536;
	return (uintptr_t)old * 65536;
}
