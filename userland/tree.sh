# userland/tree.sh: shell functions the recipes (userland/*/build.sh) source.

# fresh_tree SRC TREE KEY [PATCH...]: unless TREE was made from the same SRC, KEY (what else shapes the
# tree: the recipe's text) and PATCHes, makes TREE a fresh copy of SRC with the PATCHes applied (-p1).
# Returns 0 when it made a new tree (configure it, then call tree_made), 1 when TREE is reused.
fresh_tree() {
	ft_src=$1 ft_tree=$2 ft_key=$3
	shift 3
	tree_inputs="$ft_src $(head -n 1 "$ft_src/debian/changelog") $(printf '%s\n' "$ft_key" | cat - "$@" | cksum)"
	[ -f "$ft_tree/.wunix-inputs" ] && [ "$(cat "$ft_tree/.wunix-inputs")" = "$tree_inputs" ] && return 1
	rm -rf "$ft_tree"
	cp -a "$ft_src" "$ft_tree"
	for ft_p; do
		patch -s -d "$ft_tree" -p1 <"$ft_p"
	done
	return 0
}

# tree_made TREE: records that TREE is complete (configured), for the next fresh_tree.
tree_made() { echo "$tree_inputs" >"$1/.wunix-inputs"; }

# logged NAME LOG COMMAND...: runs COMMAND with its output in LOG; on failure shows the first errors.
logged() {
	lg_name=$1 lg_log=$2
	shift 2
	"$@" >>"$lg_log" 2>&1 && return 0
	grep -B2 -A8 -m5 'error\|Error' "$lg_log" >&2
	echo "$lg_name: failed, see $lg_log" >&2
	exit 1
}

# install_wasm FILE DEST: copies FILE to DEST through a temporary name, so DEST is whole or absent.
install_wasm() {
	cp "$1" "$2.new"
	mv "$2.new" "$2"
}

# recipe_start NAME SRC OUT FILE: checks that SRC has FILE, makes OUT; sets out (absolute), tree and log.
recipe_start() {
	[ -f "$2/$4" ] || { echo "$1: no source in $2 (run tools/deps.sh)" >&2; exit 1; }
	mkdir -p "$3"
	out=$(cd "$3" && pwd)
	tree=$out/src log=$out/build.log
	: >"$log"
	echo "$1: building in $tree (log: $log)"
}
