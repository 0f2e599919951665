# Parameters and expansions, case, functions, arithmetic: the shell language
# without processes.
s=/usr/local/lib/file.tar.gz
echo "${s##*/} ${s#*/} ${s%%.*} ${s%.*} ${#s}"
unset u; echo "${u:-default} ${u-unset} [${u:+alt}] ${u:=assigned} $u"
e=; echo "[${e:-empty}] [${e-notshown}] [${e:+alt}]"
set -- a "b c" d
for x in "$@"; do echo "arg: $x"; done
for x in $*; do echo "word: $x"; done
echo "$#" "${2}" "$*"
IFS=,; echo "$*"; IFS=' 	
'
f() { local v=inner 2>/dev/null || v=inner; echo "$1-$2-$#"; shift; echo "after shift $1"; }
v=outer; f x y z; echo "v=$v"
for w in apple banana cherry 42 x.c; do
	case $w in
	a*) echo "$w: starts with a";;
	*an*) echo "$w: has an";;
	[0-9]*) echo "$w: digit";;
	*.[ch]) echo "$w: C file";;
	*) echo "$w: other";;
	esac
done
echo $((7 / 2)) $((7 % 3)) $((1 << 10)) $(( (3 + 4) * 5 )) $((0x10 + 010)) $((-7 / 2))
i=5; : $((i += 3)); echo "i=$i" $((i > 7 ? 1 : 0))
printf '%s|%5d|%-4s|%x|%o|%c\n' str 42 ab 255 8 xyz
echo 'single $quoted' "double \$escaped \"q\"" \$back
a=1 b=2; echo "$a$b" "${a}x" $a"$b"'c'
cd /; for p in *; do :; done; echo globbed
set -f; echo /*; set +f
