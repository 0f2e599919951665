# set -e: which failures end the shell (POSIX 2.14 "set -e" and the exceptions:
# conditions, && and || lists but the last, negated commands, functions in a
# condition) and the statuses seen.
(set -e; false; echo "not reached 1"); echo "plain false: $?"
(set -e; if false; then :; fi; echo "if condition ok"); echo "status $?"
(set -e; false || true; echo "or list ok")
(set -e; false && true; echo "and list, first fails: continues")
(set -e; true && false; echo "not reached 2"); echo "and list, last fails: $?"
(set -e; ! true; echo "negation ok")
(set -e; while false; do :; done; echo "while condition ok")
(set -e; f() { false; echo "in f after false"; }; f; echo "not reached 3"); echo "function: $?"
(set -e; f() { false; echo "in f after false"; return 0; }; if f; then echo "f as condition"; fi)
(set -e; x=$(false); echo "not reached 4"); echo "assignment from failing substitution: $?"
(set -e; echo $(false) "substitution in argument ok")
(set -e; false | true; echo "pipe ends true ok")
(set -e; true | false; echo "not reached 5"); echo "pipe ends false: $?"
(set -e; (exit 4); echo "not reached 6"); echo "subshell: $?"
(set -e; { false; echo "not reached 7"; }; echo no); echo "group: $?"
(set -e; set +e; false; echo "set +e ok")
