# Subshells and command substitution: isolation, statuses, nesting, newline
# trimming, field splitting.
x=outer
(x=inner; echo "in subshell: $x"; exit 3); echo "status $? x=$x"
(cd /; pwd)
y=$(echo nested $(echo deeper $(echo deepest)))
echo "$y"
z=`echo back` ; echo "backquotes: $z"
t=$(printf 'a\n\n\n'); echo "[$t]"
e=$(exit 7); echo "assignment status $?"
count=$(for i in 1 2 3 4 5; do echo $i; done | wc -l); echo "count $count"
set -- $(echo "one  two   three"); echo "$# args: $2"
IFS=:; set -- $(echo "a:b::c"); echo "$# fields"; IFS=' 	
'
f() { echo "in f: $1"; return 4; }
r=$(f arg); echo "$r / $?"
echo "$( (echo sub-in-subst; echo two) | tail -n 1)"
echo $(( $(echo 6) * $(echo 7) ))
v=$(echo "with 'quotes' and \"double\""); echo "$v"
echo "pid stays: $( [ "$$" = "$(echo $$)" ] && echo yes)"
