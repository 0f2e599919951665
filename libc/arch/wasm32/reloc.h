/* wasm programs are linked statically; nothing here is relocated at run time. */
#define LDSO_ARCH "wasm32"

#define CRTJMP(pc, sp) __builtin_trap()
