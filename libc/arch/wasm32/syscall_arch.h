/* System calls on wunix: a call of the import wunix.syscall (docs/abi.md).
 * Every argument travels as a 64-bit value, as on x32, so 64-bit offsets need
 * no splitting; narrower values are zero-extended. */

#define __SYSCALL_LL_E(x) (x)
#define __SYSCALL_LL_O(x) (x)

typedef long long syscall_arg_t;
#define __scc(X) (sizeof((X)+0) < 8 ? (syscall_arg_t)(unsigned long)(X) : (syscall_arg_t)(X))

__attribute__((import_module("wunix"), import_name("syscall")))
long __wunix_syscall(long, syscall_arg_t, syscall_arg_t, syscall_arg_t,
                     syscall_arg_t, syscall_arg_t, syscall_arg_t);

/* fork has an import of its own: Asyncify instruments only what can reach it.
 * save (size bytes) receives the caller's unwound wasm stack (docs/abi.md). */
__attribute__((import_module("wunix"), import_name("fork")))
int __wunix_fork(void *save, unsigned long size);

static inline long __syscall0(long n)
{
	return __wunix_syscall(n, 0, 0, 0, 0, 0, 0);
}

static inline long __syscall1(long n, syscall_arg_t a)
{
	return __wunix_syscall(n, a, 0, 0, 0, 0, 0);
}

static inline long __syscall2(long n, syscall_arg_t a, syscall_arg_t b)
{
	return __wunix_syscall(n, a, b, 0, 0, 0, 0);
}

static inline long __syscall3(long n, syscall_arg_t a, syscall_arg_t b, syscall_arg_t c)
{
	return __wunix_syscall(n, a, b, c, 0, 0, 0);
}

static inline long __syscall4(long n, syscall_arg_t a, syscall_arg_t b, syscall_arg_t c,
                              syscall_arg_t d)
{
	return __wunix_syscall(n, a, b, c, d, 0, 0);
}

static inline long __syscall5(long n, syscall_arg_t a, syscall_arg_t b, syscall_arg_t c,
                              syscall_arg_t d, syscall_arg_t e)
{
	return __wunix_syscall(n, a, b, c, d, e, 0);
}

static inline long __syscall6(long n, syscall_arg_t a, syscall_arg_t b, syscall_arg_t c,
                              syscall_arg_t d, syscall_arg_t e, syscall_arg_t f)
{
	return __wunix_syscall(n, a, b, c, d, e, f);
}

