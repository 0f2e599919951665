# The musl port: the fetched musl 1.2.3 source with libc/ laid over it,
# built for ARCH=wasm32 into the sysroot $(SYSROOT).
MUSL_SRC := $(CACHE)/musl-1.2.3
MUSL_B := $(B)/musl
SYSROOT := $(B)/sysroot
# Code generation shared by the C library and every guest program.
WASM_CFLAGS := --target=wasm32-unknown-unknown -matomics -mbulk-memory -mnontrapping-fptoint \
	-msign-ext -mmutable-globals -msimd128
LIBC_OVERLAY := $(shell find libc -type f -not -name '*.mk')

# The kernel's ABI headers (kernel/include/wunix/) are copied into musl's
# src/internal/wunix/, so libc includes "wunix/spawn.h" from the one source.
WUNIX_ABI_H := $(wildcard kernel/include/wunix/*.h)

$(MUSL_B)/.src: $(DEPS_STAMP) $(LIBC_OVERLAY) $(WUNIX_ABI_H) kernel/syscalls.def tools/gensys libc/libc.mk
	rm -rf $(MUSL_B).new && mkdir -p $(B) && cp -a $(MUSL_SRC) $(MUSL_B).new
	[ ! -d $(MUSL_B)/obj ] || mv $(MUSL_B)/obj $(MUSL_B).new/obj
	rm -rf $(MUSL_B) && mv $(MUSL_B).new $(MUSL_B)
	cp -a libc/arch libc/crt libc/include libc/src $(MUSL_B)/
	cp -a kernel/include/wunix $(MUSL_B)/src/internal/
	tools/gensys musl > $(MUSL_B)/arch/wasm32/bits/syscall.h.in
	printf '%s\n' 'ARCH = wasm32' 'prefix = $(SYSROOT)' 'CC = $(CLANG)' \
		'CFLAGS_AUTO = $(WASM_CFLAGS) -O2 -ffunction-sections -fdata-sections -Wno-everything' \
		'CFLAGS_C99FSE = -std=c99 -ffreestanding -nostdinc' \
		'AR = $(LLVM_AR)' 'RANLIB = $(LLVM_RANLIB)' 'LIBCC =' \
		'CRT_LIBS = lib/crt1.o' 'SHARED_LIBS =' 'TOOL_LIBS =' 'ALL_TOOLS =' \
		'obj/src/setjmp/wasm32/rt.o: CFLAGS += -mexception-handling -mllvm -wasm-enable-sjlj' \
		'obj/src/time/timer_create.o: CFLAGS += -mexception-handling -mllvm -wasm-enable-sjlj' \
		'obj/src/process/wasm32/posix_spawn.o: src/internal/wunix/spawn.h' > $(MUSL_B)/config.mak
	touch $@

$(SYSROOT)/lib/libc.a: $(MUSL_B)/.src
	$(MAKE) -C $(MUSL_B) -j$(shell nproc) install-headers install-libs >/dev/null
	touch $@

libc: $(SYSROOT)/lib/libc.a
.PHONY: libc
