# wunix -- top-level build. `make` builds everything, installing what is missing.
# Quick start: `make run` (boots wunix into a shell), `make test`.
.DEFAULT_GOAL := all
TOP := $(CURDIR)
B := $(TOP)/build
CACHE ?= $(HOME)/.cache/wunix

CLANG := clang-19
WASMLD := wasm-ld-19
LLVM_AR := llvm-ar-19
LLVM_RANLIB := llvm-ranlib-19
BUILTINS := /usr/lib/llvm-19/lib/clang/19/lib/wasi/libclang_rt.builtins-wasm32.a

# Installs missing Debian and npm packages and fetches the musl source.
DEPS_STAMP := $(B)/.deps
$(DEPS_STAMP): tools/deps.sh package.json package-lock.json
	sh tools/deps.sh
	@mkdir -p $(B) && touch $@
deps: $(DEPS_STAMP)

include libc/libc.mk
include kernel/kernel.mk
include tests/unit/unit.mk
include userland/userland.mk

DEMO := $(B)/demo/demo.wasm
$(DEMO): examples/demo.c $(SYSROOT)/lib/libc.a
	@mkdir -p $(dir $@)
	bin/wunix-cc -O2 $< -o $@

# The default root filesystem image.
ROOTFS := $(B)/rootfs.tar
$(ROOTFS): rootfs/manifest tools/mkrootfs $(DEMO) $(BUSYBOX) $(DASH) $(LUA) $(SQLITE) $(GMAKE)
	node tools/mkrootfs rootfs/manifest $@

all: deps libc kernel userland $(DEMO) $(ROOTFS)

# `make run` boots the default image into a login shell (busybox ash) on the current terminal.
run: all
	bin/wunix run sh -l

test: all
	tools/test

test-host: all
	node --test tests/host/

test-guest: all
	tools/guest-test

bench: all $(LUA_NATIVE)
	tools/bench

clean:
	rm -rf $(B)

.PHONY: all deps run test test-host test-guest bench clean
