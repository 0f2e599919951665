# wunix -- top-level build. `make` builds everything, installing what is missing.
# Quick start: `make run`, `make test`.
.DEFAULT_GOAL := all
TOP := $(CURDIR)
B := $(TOP)/build
CACHE ?= $(HOME)/.cache/wunix

CLANG := clang-19
WASMLD := wasm-ld-19
LLVM_AR := llvm-ar-19
LLVM_RANLIB := llvm-ranlib-19
BUILTINS := /usr/lib/llvm-19/lib/clang/19/lib/wasi/libclang_rt.builtins-wasm32.a
WASM_OPT := $(TOP)/node_modules/.bin/wasm-opt

DEPS_STAMP := $(B)/.deps
$(DEPS_STAMP): tools/deps.sh package.json package-lock.json
	sh tools/deps.sh
	@mkdir -p $(B) && touch $@
deps: $(DEPS_STAMP)

include libc/libc.mk
-include kernel/kernel.mk
-include tests/unit/unit.mk

.PHONY: all deps clean
clean:
	rm -rf $(B)
