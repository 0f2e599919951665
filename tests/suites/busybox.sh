#!/bin/sh
# tests/suites/busybox.sh: busybox's own testsuite (testsuite/ of the busybox source), run natively with a
# gcc build of the same source and .config and inside wunix with build/busybox/busybox.wasm, each side by
# that side's busybox shell (tests/suites/busybox-runtest). Prints, per applet, the tests passed on each
# side, then "N passed, N failed": a test passes when it passes natively and under wunix, and fails when it
# passes natively, not under wunix, and is not listed in docs/limitations.md with its reason. Exits
# non-zero on a failure or when wunix passes fewer than 95% of the native passes.
# Work files, logs included: build/suites/busybox/{native,wunix}.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
src=${CACHE:-$HOME/.cache/wunix}/busybox-1.35.0
tree=build/busybox/src # the wunix build's tree: its .config, and .wunix-inputs naming what it was made from
out=$top/build/suites/busybox
[ -f "$tree/.wunix-inputs" ] && [ -f build/busybox/busybox.wasm ] ||
	{ echo "busybox suite: build busybox first (make userland)" >&2; exit 1; }

# The native busybox: Debian's source with our patches and the wunix build's .config, built by gcc.
nat=$out/native
if ! cmp -s "$tree/.wunix-inputs" "$nat/bin/.wunix-inputs" 2>/dev/null; then
	echo "busybox suite: building busybox natively (log: $nat/build.log)"
	rm -rf "$nat"
	mkdir -p "$nat/bin"
	cp -a "$src" "$nat/src"
	for p in userland/busybox/patches/*.patch; do
		patch -s -d "$nat/src" -p1 <"$p"
	done
	cp "$tree/.config" "$nat/src/.config"
	make -C "$nat/src" -j"$(nproc)" busybox >"$nat/build.log" 2>&1 ||
		{ tail -n 20 "$nat/build.log" >&2; echo "busybox suite: native build failed" >&2; exit 1; }
	cp "$nat/src/busybox" "$nat/src/.config" "$nat/bin/"
	cp "$tree/.wunix-inputs" "$nat/bin/"
fi

# Each side gets a fresh copy of the testsuite; wunix sees build/suites/busybox/wunix at the same path and
# runs the suite from a copy in its own /tmp (mkfifo and the like need a wunix file system).
w=$out/wunix
rm -rf "$nat/testsuite" "$w"
mkdir -p "$w"
cp -a "$src/testsuite" "$nat/testsuite"
cp -a "$src/testsuite" "$w/testsuite"
cp tests/suites/busybox-runtest "$w/"
cp build/busybox/busybox.wasm "$w/busybox"
cp "$tree/.config" "$w/.config"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
# Both sides start from the same environment (-i: nothing of the caller's leaks in).
t0=$(now)
(cd "$nat/testsuite" && env -i HOME=/root TERM=dumb PATH=/usr/bin:/bin bindir="$nat/bin" \
	"$nat/bin/busybox" sh "$top/tests/suites/busybox-runtest") >"$nat/log" 2>&1 || true
t1=$(now)
timeout -k 10 "${BUSYBOX_SUITE_TIMEOUT:-1800}" bin/wunix run --mount "$w:$w" "$w/busybox" sh -c '
	set -e
	mkdir /tmp/bb
	cp "$1/busybox" "$1/.config" /tmp/bb/
	cp -a "$1/testsuite" /tmp/testsuite
	cd /tmp/testsuite
	exec env -i HOME=/root TERM=dumb PATH=/usr/bin:/bin bindir=/tmp/bb /tmp/bb/busybox sh "$1/busybox-runtest"
' sh "$w" >"$w/log" 2>&1 || echo "busybox suite: the wunix run ended with status $?" >&2
t2=$(now)

# Tests allowed to fail under wunix: lines "  - `APPLET: TEST NAME`: reason" in docs/limitations.md.
sed -n 's/^  - `\([^`]*\)`: ..*/\1/p' docs/limitations.md >"$out/listed"

awk -v nlog="$nat/log" -v wlog="$w/log" -v listed="$out/listed" \
	-v tn="$(elapsed "$t0" "$t1")" -v tw="$(elapsed "$t1" "$t2")" '
function read(file, side,   line, applet, name) {
	while ((getline line < file) > 0) {
		if (line ~ /^== /) {
			applet = substr(line, 4)
			if (!(applet in seen)) { seen[applet] = 1; order[++n] = applet }
		} else if (line ~ /^PASS: /) {
			name = applet ": " substr(line, 7)
			pass[side, name]++
			count[side, applet]++
			total[side]++
			if (side == "native" && pass[side, name] == 1) names[++m] = name
		}
	}
}
BEGIN {
	while ((getline line < listed) > 0) ok[line] = 1
	read(nlog, "native"); read(wlog, "wunix")
	printf "%-12s %7s %7s\n", "applet", "native", "wunix"
	for (i = 1; i <= n; i++)
		printf "%-12s %7d %7d\n", order[i], count["native", order[i]], count["wunix", order[i]]
	printf "%-12s %7d %7d\n", "total", total["native"], total["wunix"]
	for (i = 1; i <= m; i++) {
		name = names[i]
		both = pass["native", name] < pass["wunix", name] ? pass["native", name] : pass["wunix", name]
		passed += both
		short = pass["native", name] - both
		if (!short) continue
		if (name in ok) { listedn += short; print "listed: " name }
		else { failed += short; print "FAIL " name }
	}
	printf "runtime: native %s s, wunix %s s\n", tn, tw
	printf "wunix passes %d of the %d tests that pass natively (%d listed in docs/limitations.md)\n",
		passed, total["native"], listedn
	if (passed < 0.95 * total["native"]) { print "below 95% of the native passes"; failed += !failed }
	printf "%d passed, %d failed\n", passed, failed
	exit failed != 0
}'
