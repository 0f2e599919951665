/* Room for the wasm exception-handling setjmp state (see src/setjmp/wasm32/rt.c). */
typedef unsigned long __jmp_buf[8];
