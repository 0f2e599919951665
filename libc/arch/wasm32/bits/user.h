/* wasm exposes no registers to user space. */
#define ELF_NGREG 0
