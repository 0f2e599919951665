#!/usr/bin/env python3
"""bench/pty_echo.py CMD [ARGS...]: tools/bench's driver for `/* measure: pty */` (bench/echo.c). Runs
CMD on a new pseudo-terminal (in a session of its own, the terminal its controlling terminal), types keys
one at a time and times each until its echo comes back: first KEYS echoed by the line discipline, then,
after the line "raw", KEYS echoed by the program itself in raw mode. Prints RESULT lines (median and 99th
percentile, microseconds) and exits with CMD's status."""
import os, pty, select, sys, time

KEYS, WARMUP, LINE = 2000, 100, 60

pid, master = pty.fork()  # the child: a session leader with the pty as its controlling terminal
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
seen = b''


def wait_for(pattern, timeout=60):
    global seen
    end = time.time() + timeout
    while pattern not in seen:
        if time.time() > end:
            sys.exit('pty_echo: no %r in %r' % (pattern, seen[-200:]))
        r, _, _ = select.select([master], [], [], 1)
        if r:
            seen += os.read(master, 65536)
    seen = seen[seen.index(pattern) + len(pattern):]


def time_keys(newline):
    times = []
    for i in range(WARMUP + KEYS):
        t0 = time.perf_counter_ns()
        os.write(master, b'x')
        wait_for(b'x')
        if i >= WARMUP:
            times.append((time.perf_counter_ns() - t0) / 1000)
        if newline and i % LINE == LINE - 1:
            os.write(master, b'\r')
            wait_for(b'\r\n')
    times.sort()
    return times[len(times) // 2], times[len(times) * 99 // 100]


wait_for(b'ready\r\n')
kernel = time_keys(True)
os.write(master, b'raw\r')
wait_for(b'raw-ready\r\n')
program = time_keys(False)
os.write(master, b'q')
_, status = os.waitpid(pid, 0)
for name, (median, p99) in (('echo_kernel', kernel), ('echo_program', program)):
    print('RESULT %s_median %.1f us' % (name, median))
    print('RESULT %s_p99 %.1f us' % (name, p99))
sys.exit(os.waitstatus_to_exitcode(status))
