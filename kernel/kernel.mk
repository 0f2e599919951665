# kernel/kernel.mk -- builds build/kernel.wasm (included by the top-level Makefile).
KERNEL_SRCS := $(filter-out kernel/arch_native.c,$(wildcard kernel/*.c))
KERNEL_HDRS := $(wildcard kernel/*.h kernel/include/wunix/*.h) kernel/syscalls.def
KERNEL_OBJS := $(patsubst kernel/%.c,$(B)/kernel/%.o,$(KERNEL_SRCS))
KERNEL_CFLAGS := --target=wasm32-unknown-unknown -O2 -g0 -matomics -mbulk-memory -msign-ext \
	-mmutable-globals -ffreestanding -nostdlib -fno-builtin -std=c11 \
	-Wall -Wextra -Werror -Wno-unused-parameter -Wshadow -Wstrict-prototypes \
	-Ikernel -Ikernel/include
# The initial memory must hold the CPU area after __heap_base (NCPU * ~64 KiB, arch.h).
KERNEL_LDFLAGS := --no-entry --import-memory --shared-memory \
	--initial-memory=16777216 --max-memory=2147483648 \
	--export=__stack_pointer --export=__wasm_init_tls --export=__tls_size \
	--export=__tls_align --export=__tls_base --export=__heap_base \
	-z stack-size=16384 --gc-sections

$(B)/kernel/%.o: kernel/%.c $(KERNEL_HDRS)
	@mkdir -p $(dir $@)
	$(CLANG) $(KERNEL_CFLAGS) -c $< -o $@

$(B)/kernel.wasm: $(KERNEL_OBJS)
	$(WASMLD) $(KERNEL_LDFLAGS) $(KERNEL_OBJS) $(BUILTINS) -o $@

kernel: $(B)/kernel.wasm
.PHONY: kernel
