#!/bin/sh
# Installs what the build needs and is missing: Debian packages, npm packages, the musl source.
# Idempotent; downloads are cached under ~/.cache/wunix.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cache=${WUNIX_CACHE:-$HOME/.cache/wunix}
mkdir -p "$cache"

sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo

need=""
# busybox and dash: the native shells tests/shell compares ours against (the same Debian versions)
# tcl makes sqlite's amalgamation; autoconf, automake, autopoint make GNU make's configure (make-dfsg has none)
# python3 drives a host pseudo-terminal (tests/host/fixtures/pty.py, bench/pty_echo.py)
for p in clang-19 lld-19 llvm-19 libclang-rt-19-dev-wasm32 busybox dash \
	tcl autoconf automake autopoint python3; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || need="$need $p"
done
apt_updated=0
apt_update() {
	[ $apt_updated = 1 ] || { $sudo apt-get update -qq; apt_updated=1; }
}
if [ -n "$need" ]; then
	echo "deps: installing$need"
	apt_update
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need
fi

# npm packages pinned in package-lock.json: binaryen (wasm-opt for Asyncify), xterm.js for the browser
# host, playwright-core for the browser tests. npm keeps a copy of the lock it installed in node_modules.
if [ ! -x "$top/node_modules/.bin/wasm-opt" ] || [ ! "$top/node_modules/.package-lock.json" -nt "$top/package-lock.json" ]; then
	echo "deps: npm ci"
	(cd "$top" && npm ci --no-audit --no-fund --cache "$cache/npm" >/dev/null)
fi

# Debian's Chromium for the browser tests (tests/browser). Not fatal: without it they are skipped.
if ! dpkg-query -W -f='${Status}' chromium 2>/dev/null | grep -q 'ok installed'; then
	echo "deps: installing chromium (browser tests)"
	{ apt_update && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } ||
		echo "deps: chromium could not be installed; the browser tests will be skipped" >&2
fi

# Debian source packages, unpacked under the cache: fetch_source PACKAGE VERSION DIR [dpkg-source option].
# VERSION is the Debian version tested; when the archive has moved on to a newer revision of the same
# upstream release (a security update), that one is taken.
enable_deb_src() {
	grep -rqs '^Types:.*deb-src\|^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/ && return
	for f in /etc/apt/sources.list.d/debian.sources; do
		[ -f "$f" ] && $sudo sed -i 's/^Types: deb$/Types: deb deb-src/' "$f"
	done
	if [ -f /etc/apt/sources.list ] && grep -q '^deb ' /etc/apt/sources.list; then
		grep '^deb .*debian' /etc/apt/sources.list | sed 's/^deb /deb-src /' | $sudo tee /etc/apt/sources.list.d/wunix-src.list >/dev/null
	fi
	apt_updated=0
}
fetch_source() {
	pkg=$1 version=$2 dir=$3 opt=${4:-}
	echo "deps: fetching $pkg source"
	enable_deb_src
	apt_update
	tmp=$(mktemp -d "$cache/$pkg.XXXXXX")
	upstream=${version#*:}
	upstream=${upstream%-*}
	(cd "$tmp" && { apt-get source -qq --download-only "$pkg=$version" >/dev/null 2>&1 ||
			apt-get source -qq --download-only "$pkg" >/dev/null; } &&
		dsc=$(ls "${pkg}_${upstream}"-*.dsc) && dpkg-source -x $opt "$dsc" src >/dev/null)
	rm -rf "$dir" "$tmp/src/.pc"
	mv "$tmp/src" "$dir"
	rm -rf "$tmp"
}

# musl 1.2.3, without Debian's patches
[ -f "$cache/musl-1.2.3/VERSION" ] || fetch_source musl 1.2.3-1 "$cache/musl-1.2.3" --skip-patches

# busybox 1.35.0 for the root filesystem (userland/busybox), with Debian's patches (security fixes)
[ -f "$cache/busybox-1.35.0/Makefile" ] || fetch_source busybox 1:1.35.0-4+deb12u1 "$cache/busybox-1.35.0"

# dash, lua, the sqlite3 shell and GNU make for the root filesystem (userland/*/build.sh); lua without
# Debian's patches, which userland/lua/build.sh picks from
[ -f "$cache/dash-0.5.12/configure.ac" ] || fetch_source dash 0.5.12-2 "$cache/dash-0.5.12"
[ -f "$cache/lua5.4-5.4.4/src/lua.c" ] || fetch_source lua5.4 5.4.4-3+deb12u1 "$cache/lua5.4-5.4.4" --skip-patches
[ -f "$cache/sqlite3-3.40.1/src/shell.c.in" ] || fetch_source sqlite3 3.40.1-2+deb12u2 "$cache/sqlite3-3.40.1"
[ -f "$cache/make-4.3/src/main.c" ] || fetch_source make-dfsg 4.3-4.1 "$cache/make-4.3"
