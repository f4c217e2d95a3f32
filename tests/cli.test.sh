#!/usr/bin/env bash
# cli.test.sh - the headless contract: summary keys, exit statuses, messages
# for bad input, CSV format.
set -u
UB=${UNIBIAS:-./unibias}
fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
bad() { echo "FAIL: $*"; fail=1; }

# expect_exit CODE NEEDLE ARGS... : exit status and a stderr message containing NEEDLE
expect_exit() {
    local code=$1 needle=$2; shift 2
    "$UB" "$@" >"$tmp/out" 2>"$tmp/err"; local rc=$?
    [ "$rc" -eq "$code" ] || bad "'$*' exited $rc, expected $code ($(cat "$tmp/err"))"
    if [ -n "$needle" ] && ! grep -qF -- "$needle" "$tmp/err"; then
        bad "'$*': stderr '$(cat "$tmp/err")' lacks '$needle'"
    fi
    if [ "$code" -eq 2 ] && [ "$(wc -l <"$tmp/err")" -ne 1 ]; then
        bad "'$*': expected a one-line message, got $(wc -l <"$tmp/err") lines"
    fi
}

# the Fig. 3 setting, spelled out as in the issue
"$UB" --batch --set data=toy --set sigma_a=2 --set sigma_b=1 --set rho=0 --set depth=2 --set fuse=2 \
    --set width=100 --set init=1e-9 --set lr=0.04 >"$tmp/sum" 2>"$tmp/err" || bad "fig3 run failed: $(cat "$tmp/err")"
for k in steps final_loss t_a t_b time_ratio time_ratio_theory misattribution misattribution_theory \
         first_modality learned_first phase eg steps_per_sec; do
    grep -q "^$k=" "$tmp/sum" || bad "summary lacks $k"
done
get() { sed -n "s/^$1=//p" "$tmp/sum"; }
[ "$(get time_ratio_theory)" = "4" ] || bad "time_ratio_theory=$(get time_ratio_theory), expected 4"
[ "$(get first_modality)" = "A" ] || bad "first_modality=$(get first_modality)"
[ "$(get learned_first)" = "A" ] || bad "learned_first=$(get learned_first)"
[ "$(get phase)" = "CONVERGED" ] || bad "phase=$(get phase)"
ta=$(get t_a); tb=$(get t_b)
[ "$ta" -ge 120 ] && [ "$ta" -le 136 ] || bad "t_a=$ta not near 128"
[ "$tb" -ge 440 ] && [ "$tb" -le 495 ] || bad "t_b=$tb not near 466"

# early fusion: no unimodal phase, ratio near 1
"$UB" --batch --set fuse=1 --csv "$tmp/early.csv" >"$tmp/sum" 2>&1 || bad "early fusion run failed"
grep -q ',UNIMODAL' "$tmp/early.csv" && bad "early fusion CSV shows a UNIMODAL phase"
awk -F= '$1=="time_ratio" && ($2 > 1.2 || $2 < 0.8) {exit 1}' "$tmp/sum" || bad "early fusion time_ratio $(get time_ratio)"

# --steps N runs exactly N steps
"$UB" --batch --steps 1234 >"$tmp/sum" || bad "--steps run failed"
[ "$(get steps)" = "1234" ] || bad "--steps 1234 ran $(get steps) steps"

# CSV: parameters, header, rows
"$UB" --batch --steps 50 --csv "$tmp/a.csv" >/dev/null || bad "csv run failed"
grep -q '^# rho=0$' "$tmp/a.csv" || bad "CSV lacks '# rho=0'"
grep -q '^# sigma_a=2$' "$tmp/a.csv" || bad "CSV lacks '# sigma_a=2'"
grep -q '^step,loss,wa_tot,wb_tot,eg,phase$' "$tmp/a.csv" || bad "CSV header wrong"
rows=$(grep -c '^[0-9]' "$tmp/a.csv")
[ "$rows" -eq 51 ] || bad "CSV has $rows rows, expected 51 (steps 0..50)"
"$UB" --batch --steps 100 --every 10 --csv - 2>/dev/null | grep -c '^[0-9]' | grep -qx 11 || bad "--every 10 rows"

# bad input: exit 2 and a message naming the key
expect_exit 2 "rho must be in (-1, 1), got 1.5" --batch --set rho=1.5
expect_exit 2 "rho must be in (-1, 1), got 1" --batch --set rho=1
expect_exit 2 "fuse must be between 1 and depth (2)" --batch --set fuse=3 --set depth=2
expect_exit 2 "width must be in [1, 4096], got 0" --batch --set width=0
expect_exit 2 "unknown parameter 'sigma_c' (did you mean 'sigma_a'?)" --batch --set sigma_c=1
expect_exit 2 "lr must be a finite number, got '0.o4'" --batch --set lr=0.o4
expect_exit 2 "expected key=value" --batch --set rho
expect_exit 2 "unknown option '--frobnicate'" --batch --frobnicate
expect_exit 2 "--set needs an argument" --batch --set
expect_exit 2 "--steps" --batch --steps -3
expect_exit 2 "--every must be a whole number >= 1" --batch --csv - --every 0
expect_exit 2 "preset 'no-such-preset' not found" --batch -p no-such-preset
expect_exit 2 "--csv needs --batch" --csv x.csv
expect_exit 1 "cannot write" --batch --csv /nonexistent/dir/x.csv

# a preset file with errors names the file and line
printf '# test\nsigma_a = 2\nrho = 1.5\n' >"$tmp/bad.preset"
expect_exit 2 "$tmp/bad.preset:3: rho must be in (-1, 1), got 1.5" --batch -p "$tmp/bad.preset"
printf 'sigma_a = 2\nsigmaa_b = 1\n' >"$tmp/typo.preset"
expect_exit 2 "$tmp/typo.preset:2: unknown parameter 'sigmaa_b' (did you mean 'sigma_b'?)" --batch -p "$tmp/typo.preset"
printf 'depth = 2\nfuse = 1\nrho = 0.5\n' >"$tmp/ok.preset"
"$UB" --batch -p "$tmp/ok.preset" --set fuse=2 >"$tmp/sum" 2>&1 || bad "preset + --set failed: $(cat "$tmp/sum")"
[ "$(get time_ratio_theory)" = "5" ] || bad "--set did not override the preset (ratio $(get time_ratio_theory))"

# divergence is a result, not a failure
"$UB" --batch --set lr=50 >"$tmp/sum" 2>&1; rc=$?
[ "$rc" -eq 0 ] || bad "lr=50 exited $rc"
[ "$(get phase)" = "DIVERGED" ] || bad "lr=50 phase=$(get phase)"

# help and version
"$UB" --help | grep -q 'sigma_a' || bad "--help lacks the parameter table"
"$UB" --version | grep -q '^unibias [0-9]' || bad "--version"

exit $fail
