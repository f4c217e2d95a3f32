#!/bin/sh
# run-scripts.sh PROG - runs every tests/*.test.sh against the binary; each
# script exits 0 on success and prints its failures. Closing line counts them.
set -u
prog=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
pass=0; fail=0
for s in "$here"/*.test.sh; do
    [ -e "$s" ] || continue
    name=${s##*/}
    if out=$(UNIBIAS="$prog" bash "$s" 2>&1); then
        pass=$((pass + 1)); echo "ok   $name"
    else
        fail=$((fail + 1)); echo "FAIL $name"; printf '%s\n' "$out" | tail -30 | sed 's/^/    /'
    fi
done
echo "scripts: $pass passed, $fail failed"
[ -n "${UB_COUNTS:-}" ] && echo "$pass $fail" >>"$UB_COUNTS"
[ "$fail" -eq 0 ]
