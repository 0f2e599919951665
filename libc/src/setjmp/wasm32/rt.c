/* Runtime of clang's wasm setjmp/longjmp lowering (-mllvm -wasm-enable-sjlj).
 * The compiler rewrites each setjmp into __wasm_setjmp, which records which
 * function invocation and which of its setjmp sites the buffer belongs to, and
 * each longjmp into __wasm_longjmp, which throws the __c_longjmp tag. Every
 * function that called setjmp catches the tag, asks __wasm_setjmp_test whether
 * the buffer is one of its own, and if not rethrows.
 * This file itself is built without the lowering. */
#include <stdint.h>
#include <setjmp.h>

struct wasm_jmp {
	void *invocation;
	uint32_t label;
	struct {
		void *env;
		int val;
	} arg;
};

_Static_assert(sizeof(struct wasm_jmp) <= sizeof(__jmp_buf), "jmp_buf too small");

void __wasm_setjmp(void *env, uint32_t label, void *invocation)
{
	struct wasm_jmp *j = env;
	j->invocation = invocation;
	j->label = label;
}

uint32_t __wasm_setjmp_test(void *env, void *invocation)
{
	struct wasm_jmp *j = env;
	return j->invocation == invocation ? j->label : 0;
}

_Noreturn void __wasm_longjmp(void *env, int val)
{
	struct wasm_jmp *j = env;
	j->arg.env = env;
	j->arg.val = val ? val : 1;
	__builtin_wasm_throw(1, &j->arg);
}
