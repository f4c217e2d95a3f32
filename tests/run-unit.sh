#!/bin/sh
# run-unit.sh BIN... - runs Check test binaries, sums their counts and prints
# one closing "N passed, N failed" line. UB_TEST_FILTER, when set, keeps only
# binaries whose name contains it.
set -u
pass=0; fail=0; bad=""
for t in "$@"; do
    name=${t##*/}
    if [ -n "${UB_TEST_FILTER:-}" ]; then
        case "$name" in *"$UB_TEST_FILTER"*) ;; *) continue ;; esac
    fi
    out=$(CK_FORK=yes "$t" 2>&1); rc=$?
    printf '%s\n' "$out" | grep -E '^[0-9]+%: Checks|:[EF]:' | sed "s|^|$name: |"
    checks=$(printf '%s\n' "$out" | sed -n 's/.*Checks: \([0-9]*\), Failures: \([0-9]*\), Errors: \([0-9]*\).*/\1 \2 \3/p' |
             awk '{c+=$1; f+=$2+$3} END {print c+0, f+0}')
    c=${checks% *}; f=${checks#* }
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1; printf '%s\n' "$out" | tail -20 | sed "s|^|$name: |"
    fi
    pass=$((pass + c - f)); fail=$((fail + f))
    [ "$f" -gt 0 ] && bad="$bad $name"
done
echo "unit: $pass passed, $fail failed"
[ -n "${UB_COUNTS:-}" ] && echo "$pass $fail" >>"$UB_COUNTS"
[ "$fail" -eq 0 ] || { echo "failing:$bad" >&2; exit 1; }
