# Background jobs and wait: several at once, statuses per pid, children
# killed by signals (128+N), $!, and a plain wait for all of them. (Not SIGINT:
# a non-interactive shell's background jobs ignore it.)
(sleep 0.2; exit 3) & a=$!
(sleep 0.1; exit 5) & b=$!
(exit 7) & c=$!
wait $c; echo "c: $?"
wait $b; echo "b: $?"
wait $a; echo "a: $?"
sleep 10 & s=$!
kill $s; wait $s; echo "TERM: $?"
sleep 10 & s=$!
kill -9 $s; wait $s; echo "KILL: $?"
sleep 10 & s=$!
kill -HUP $s; wait $s; echo "HUP: $?"
sh -c 'kill -9 $$'; echo "self-killed child: $?"
sh -c 'kill -USR1 $$'; echo "USR1 child: $?"
sh -c 'exit 300'; echo "exit 300: $?"
for i in 1 2 3 4 5 6 7 8; do (exit $i) & done
wait; echo "wait all: $?"
for i in 3 1 2; do (sleep 0.$i; echo "job $i") & done
wait
echo "all done"
wait 2>/dev/null; echo "nothing to wait: $?"
