# Redirections: files, appends, fd duplication, exec on the shell's own fds,
# read-write opens, noclobber, and here-documents.
d=${TMPDIR:-/tmp}/shelltest.$$
mkdir "$d" && cd "$d" || exit 1
echo first > f; echo second >> f; cat f
cat < f | wc -l
{ echo out; echo err >&2; } > both 2>&1; cat both
{ echo out; echo err >&2; } 2>/dev/null
exec 3> g; echo via3 >&3; echo more >&3; exec 3>&-; cat g
exec 4< f; read line <&4; echo "read: $line"; read line <&4; echo "read: $line"; exec 4<&-
echo hello > rw; exec 5<> rw; read w <&5; echo "rw: $w"; exec 5>&-
set -C; if ( echo x > f ) 2>/dev/null; then echo clobbered; else echo noclobber kept f; fi
echo forced >| f; cat f; set +C
x=world
cat <<EOT
hello $x $(echo subst) $((2 + 3))
EOT
cat <<'EOT'
hello $x $(echo subst)
EOT
	cat <<-EOT
	tabs stripped $x
		twice
	EOT
while read a b; do echo "[$b|$a]"; done <<EOT
1 one
2 two
EOT
cat <<A; cat <<B
from A
A
from B
B
(echo x >&9) 2>/dev/null || echo "writing to a closed fd fails"
ls nonexistent-file 2>/dev/null || echo "ls failed quietly"
cd / && rm -r "$d"
