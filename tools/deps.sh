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
for p in clang-19 lld-19 llvm-19 libclang-rt-19-dev-wasm32; do
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

# binaryen (wasm-opt for Asyncify) pinned in package-lock.json
if [ ! -x "$top/node_modules/.bin/wasm-opt" ]; then
	echo "deps: npm ci"
	(cd "$top" && npm ci --no-audit --no-fund --cache "$cache/npm" >/dev/null)
fi

# musl 1.2.3 source, from Debian's source package
musl="$cache/musl-1.2.3"
if [ ! -f "$musl/VERSION" ]; then
	echo "deps: fetching musl source"
	if ! grep -rqs '^Types:.*deb-src\|^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
		for f in /etc/apt/sources.list.d/debian.sources; do
			[ -f "$f" ] && $sudo sed -i 's/^Types: deb$/Types: deb deb-src/' "$f"
		done
		if [ -f /etc/apt/sources.list ] && grep -q '^deb ' /etc/apt/sources.list; then
			grep '^deb .*debian' /etc/apt/sources.list | sed 's/^deb /deb-src /' | $sudo tee /etc/apt/sources.list.d/wunix-src.list >/dev/null
		fi
		apt_updated=0
	fi
	apt_update
	tmp=$(mktemp -d "$cache/musl.XXXXXX")
	(cd "$tmp" && apt-get source -qq --download-only musl=1.2.3-1 >/dev/null && dpkg-source -x --skip-patches musl_1.2.3-1.dsc src >/dev/null)
	rm -rf "$musl"
	mv "$tmp/src" "$musl"
	rm -rf "$tmp"
fi
