/* _start is written in C: see crt/wasm32/crt1.c. */
