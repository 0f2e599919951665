#!/bin/sh
# userland/make/build.sh SRC OUT: builds GNU make for wunix with bin/wunix-cc: Debian's source (make-dfsg,
# which ships no configure: autoreconf makes it, as Debian's build does), configure for a cross build
# without guile and NLS, make. Leaves OUT/make.wasm. The configured tree OUT/src is reused while the
# source and this script are unchanged.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/userland/tree.sh"
src=$1 out=$2
recipe_start make "$src" "$2" src/main.c

if fresh_tree "$src" "$tree" "$(cat "$0")"; then
	logged make "$log" sh -c "cd '$tree' && autoreconf -fi"
	logged make "$log" sh -c "cd '$tree' && ./configure --host=wasm32-unknown-none CC='$top/bin/wunix-cc' \
		CFLAGS=-O2 AR=llvm-ar-19 RANLIB=llvm-ranlib-19 --without-guile --disable-nls"
	tree_made "$tree"
fi
rm -f "$tree/make"
logged make "$log" make -C "$tree" -j2
install_wasm "$tree/make" "$out/make.wasm"
