#!/bin/sh
# userland/dash/build.sh SRC OUT: builds dash for wunix with bin/wunix-cc: Debian's source (patched by
# Debian), autoreconf (Debian's patches change configure.ac), configure for a cross build, make.
# Leaves OUT/dash.wasm. The configured tree OUT/src is reused while the source and this script are unchanged.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/userland/tree.sh"
src=$1 out=$2
recipe_start dash "$src" "$2" configure.ac

if fresh_tree "$src" "$tree" "$(cat "$0")"; then
	logged dash "$log" sh -c "cd '$tree' && autoreconf -fi"
	# --host makes it a cross build: dash's generators (mknodes, mksyntax...) are built with gcc.
	logged dash "$log" sh -c "cd '$tree' && ./configure --host=wasm32-unknown-none CC='$top/bin/wunix-cc' \
		CC_FOR_BUILD=gcc CFLAGS=-O2 AR=llvm-ar-19 RANLIB=llvm-ranlib-19"
	tree_made "$tree"
fi
rm -f "$tree/src/dash"
logged dash "$log" make -C "$tree" -j2
install_wasm "$tree/src/dash" "$out/dash.wasm"
