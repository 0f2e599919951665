#!/bin/sh
# userland/lua/build.sh SRC OUT [native]: builds lua 5.4 with lua's own makefile (its posix
# configuration) and bin/wunix-cc, or with gcc when the third argument is "native" (for `make bench`).
# SRC is Debian's source without Debian's patches: of those we apply the security fixes (the others make
# shared libraries with libtool and add Debian's module paths). Leaves OUT/lua.wasm (or OUT/lua).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/userland/tree.sh"
src=$1 out=$2 kind=${3:-wunix}
recipe_start lua "$src" "$2" src/lua.c
cc="$top/bin/wunix-cc" ar=llvm-ar-19 ranlib=llvm-ranlib-19 exe=lua.wasm
[ "$kind" = native ] && cc=gcc ar=ar ranlib=ranlib exe=lua

fresh_tree "$src" "$tree" "$(cat "$0")" "$src"/debian/patches/*-cve-*.patch && tree_made "$tree"
rm -f "$tree/src/lua"
logged lua "$log" make -C "$tree/src" -j2 CC="$cc -std=gnu99" AR="$ar rcu" RANLIB="$ranlib" \
	SYSCFLAGS=-DLUA_USE_POSIX lua
install_wasm "$tree/src/lua" "$out/$exe"
