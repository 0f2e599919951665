#!/bin/sh
# userland/sqlite/build.sh SRC OUT: builds the sqlite3 shell for wunix with bin/wunix-cc: Debian's source
# (patched by Debian, whose patches support cross builds: lemon and the other generators are built with
# gcc), configure with static linking and without loadable extensions (no dlopen in wasm), `make sqlite3`.
# Leaves OUT/sqlite3.wasm. The configured tree OUT/src is reused while the source and this script are unchanged.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/userland/tree.sh"
src=$1 out=$2
recipe_start sqlite "$src" "$2" src/shell.c.in
# Some of the features Debian's sqlite3 enables (debian/rules).
cflags="-O2 -DSQLITE_SECURE_DELETE -DSQLITE_ENABLE_FTS3 -DSQLITE_ENABLE_FTS3_PARENTHESIS -DSQLITE_ENABLE_RTREE=1
	-DSQLITE_SOUNDEX=1 -DSQLITE_ENABLE_DBSTAT_VTAB -DSQLITE_USE_URI=1 -DSQLITE_ENABLE_STMTVTAB"

if fresh_tree "$src" "$tree" "$(cat "$0")"; then
	logged sqlite "$log" sh -c "cd '$tree' && ./configure --host=wasm32-unknown-none CC='$top/bin/wunix-cc' \
		BCC=gcc CFLAGS='$(echo $cflags)' AR=llvm-ar-19 RANLIB=llvm-ranlib-19 --disable-shared \
		--disable-load-extension --disable-tcl --disable-readline --disable-editline"
	tree_made "$tree"
fi
rm -f "$tree/sqlite3"
logged sqlite "$log" make -C "$tree" -j2 CROSS_BUILDING=yes sqlite3
install_wasm "$tree/sqlite3" "$out/sqlite3.wasm"
