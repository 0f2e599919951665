#!/bin/sh
# tests/unit/run.sh DIR "TSAN-PREFIXES" -- runs the unit test binaries of DIR and
# prints the combined "N passed, N failed"; exits non-zero if anything failed.
dir=$1
tsan=$2
passed=0 failed=0 status=0

run() {
	label=$1
	shift
	echo "== unit ($label)"
	out=$("$@" 2>&1)
	rc=$?
	printf '%s\n' "$out" | grep -v '^ok '
	line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -n 1)
	if [ -z "$line" ]; then
		echo "unit ($label): no summary (exit status $rc)"
		failed=$((failed + 1))
		status=1
		return
	fi
	p=${line%% passed*}
	f=${line#*, }
	f=${f%% failed}
	passed=$((passed + p))
	failed=$((failed + f))
	[ "$rc" = 0 ] || status=1
}

run plain "$dir/unit"
# The kernel allocates from its own arena, whose leaks the tests check through
# kalloc counters; LeakSanitizer would only see the harness (and needs ptrace).
ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 run asan+ubsan "$dir/unit-asan"
# TSan needs a fixed memory layout: disable ASLR for its run where setarch allows it.
if setarch "$(uname -m)" -R true 2>/dev/null; then
	TSAN_OPTIONS=halt_on_error=1 run tsan setarch "$(uname -m)" -R "$dir/unit-tsan" $tsan
else
	TSAN_OPTIONS=halt_on_error=1 run tsan "$dir/unit-tsan" $tsan
fi
echo "$passed passed, $failed failed"
[ "$status" = 0 ] && [ "$failed" = 0 ]
