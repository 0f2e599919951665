#include <setjmp.h>

void __wasm_longjmp(void *, int);

/* Code built by wunix-cc calls __wasm_longjmp directly; this is for calls
 * through a pointer and for objects built without the lowering. */
_Noreturn void longjmp(jmp_buf env, int val)
{
	__wasm_longjmp(env, val);
	__builtin_unreachable();
}

weak_alias(longjmp, _longjmp);
