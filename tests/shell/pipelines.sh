# Pipelines: data flow, the status of the last command, `!`, a while-read loop at
# the end of a pipe (runs in a subshell: its variables do not come back).
printf 'b\na\nc\n' | sort | tr a-z A-Z
echo one two three | { read a b c; echo "$c $b $a"; }
true | false; echo "status $?"
false | true; echo "status $?"
! true; echo "negated $?"
! false | false; echo "negated pipe $?"
n=0
printf '1\n2\n3\n' | while read x; do n=$((n + x)); echo "sum $n"; done
echo "outside n=$n"
i=0
while [ $i -lt 20 ]; do echo $i; i=$((i + 1)); done | cat | cat | cat | tail -n 2
yes | head -n 3
seq 1 100000 | tail -n 1
echo "a long pipe:" $(echo x | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat)
