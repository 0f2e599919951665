# Traps: EXIT in a script and in subshells, INT and TERM sent to ourselves,
# ignoring and resetting, a trap running while the shell waits.
trap 'echo "exit trap, status $?"' EXIT
trap 'echo caught INT' INT
kill -INT $$
echo after INT
trap 'echo caught TERM' TERM
kill -TERM $$
trap - TERM
(trap 'echo subshell exit' EXIT; echo in subshell)
(trap 'echo subshell exit 2' EXIT; exit 2); echo "subshell status $?"
trap '' USR1
kill -USR1 $$
echo USR1 ignored
sh -c 'kill -USR1 $$; echo ignored in the child too'
trap 'echo got USR2' USR2
sleep 10 &
pid=$!
(sleep 0.2; kill -USR2 $$) &
wait $pid
echo "wait interrupted: $?"
kill $pid
wait $pid
echo "sleep killed: $?"
f() { trap 'echo trap from f' HUP; }
f
kill -HUP $$
sh -c 'trap "echo child EXIT" EXIT; exit 5'; echo "child status $?"
exit 3
