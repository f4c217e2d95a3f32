#!/usr/bin/env bash
# presets.test.sh - every preset in presets/ runs headless and does what its
# description promises: late and intermediate fusion reach UNIMODAL before
# MULTIMODAL, early fusion never shows UNIMODAL, the Fig. 3/4/5 presets show
# their effect (mis-attribution sign, superficial preference, E_g deficit), the
# deep presets get longer unimodal phases with deeper fusion.
set -u
UB=${UNIBIAS:-./unibias}
here=$(cd "$(dirname "$0")" && pwd)
presets=$(cd "$here/../presets" && pwd)
fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
bad() { echo "FAIL: $*"; fail=1; }
# Run from elsewhere, finding the presets by name through the search path.
cd "$tmp" || exit 1
export UNIBIAS_PRESET_PATH=$presets HOME=$tmp/home XDG_CONFIG_HOME=

names=()
for f in "$presets"/*.preset; do
    n=${f##*/}; names+=("${n%.preset}")
done
[ "${#names[@]}" -ge 12 ] || bad "only ${#names[@]} presets, at least 12 wanted"

# get NAME KEY: a summary value of preset NAME's run
get() { sed -n "s/^$2=//p" "$tmp/$1.sum"; }
# csvparam NAME KEY: a parameter as recorded in the CSV's '# key=value' lines
csvparam() { sed -n "s/^# $2=//p" "$tmp/$1.csv"; }
# phase_runs NAME: the phases of the run in order, one line each, with their
# lengths in steps ("UNIMODAL A 324")
phase_runs() {
    awk -F, '/^#/ || $1 == "step" { next }
             $6 != cur { if (cur != "") print cur, len; cur = $6; len = 0 }
             { len++ }
             END { if (cur != "") print cur, len }' "$tmp/$1.csv"
}
# first_row NAME PHASE: the first step whose phase starts with PHASE, or -1
first_row() {
    awk -F, -v ph="$2" '/^#/ || $1 == "step" { next }
             index($6, ph) == 1 { print $1; found = 1; exit }
             END { if (!found) print -1 }' "$tmp/$1.csv"
}
unimodal_len() { phase_runs "$1" | awk '/^UNIMODAL/ { s += $NF } END { print s + 0 }'; }
# num_cmp A OP B: floating-point comparison
num_cmp() { awk -v a="$1" -v b="$3" -v op="$2" 'BEGIN {
    r = (op == "<") ? a < b : (op == ">") ? a > b : (op == "<=") ? a <= b : a >= b; exit !r }'; }

# 1. every preset: a description and a figure, runs headless, exit 0, not diverged
for n in "${names[@]}"; do
    grep -q '^description *= *[^ ]' "$presets/$n.preset" || bad "$n: no description"
    grep -q '^figure *= *[^ ]' "$presets/$n.preset" || bad "$n: no figure"
    "$UB" --batch -p "$n" --csv "$tmp/$n.csv" >"$tmp/$n.sum" 2>"$tmp/$n.err"; rc=$?
    if [ "$rc" -ne 0 ]; then bad "$n: exit $rc: $(cat "$tmp/$n.err")"; continue; fi
    case $(get "$n" phase) in
        CONVERGED|MULTIMODAL) ;;
        *) bad "$n: ended in phase $(get "$n" phase)" ;;
    esac
done
"$UB" --list-presets >"$tmp/list" 2>&1 || bad "--list-presets failed: $(cat "$tmp/list")"
for n in "${names[@]}"; do
    grep -q "^$n  *[^ (].*\[.*\]$" "$tmp/list" || bad "--list-presets lacks '$n' with a description and figure"
done

# 2. phase order by architecture
for n in "${names[@]}"; do
    [ -s "$tmp/$n.csv" ] || continue
    depth=$(csvparam "$n" depth); fuse=$(csvparam "$n" fuse)
    uni=$(first_row "$n" UNIMODAL); multi=$(first_row "$n" MULTIMODAL)
    if [ "$fuse" -eq 1 ]; then
        [ "$uni" -eq -1 ] || bad "$n: early fusion shows UNIMODAL at step $uni"
        [ "$multi" -ge 0 ] || bad "$n: early fusion never reaches MULTIMODAL"
    else
        [ "$uni" -ge 0 ] || bad "$n: fuse=$fuse of depth=$depth never shows UNIMODAL ($(phase_runs "$n" | tr '\n' ' '))"
        [ "$multi" -gt "$uni" ] || bad "$n: MULTIMODAL (step $multi) not after UNIMODAL (step $uni)"
        fm=$(get "$n" first_modality)
        if [ "$fm" != none ]; then
            [ "$(get "$n" learned_first)" = "$fm" ] ||
                bad "$n: learned $(get "$n" learned_first) first, theory says $fm"
        fi
    fi
done

# 3. the promises in the descriptions
ratio_near() { # NAME LO HI
    local r; r=$(get "$1" time_ratio)
    num_cmp "$r" ">=" "$2" && num_cmp "$r" "<=" "$3" || bad "$1: time_ratio $r not in [$2, $3]"
}
for n in default fig2-late; do
    [ "$(get "$n" time_ratio_theory)" = 4 ] || bad "$n: time_ratio_theory $(get "$n" time_ratio_theory), expected 4"
    ratio_near "$n" 3.4 4.4
done
ratio_near fig2-early 0.8 1.2
ratio_near fig3-relu 3.4 4.6
[ "$(get fig3-relu learned_first)" = A ] || bad "fig3-relu: learned $(get fig3-relu learned_first) first"
for n in fig3-rho-pos fig3-rho-neg; do
    [ "$(get "$n" time_ratio_theory)" = 5 ] || bad "$n: time_ratio_theory $(get "$n" time_ratio_theory), expected 5"
    ratio_near "$n" 4.3 5.5
done
m=$(get fig3-rho-pos misattribution)
num_cmp "$m" ">" 0.2 && num_cmp "$m" "<" 0.3 || bad "fig3-rho-pos: misattribution $m, expected about +0.25"
m=$(get fig3-rho-neg misattribution)
num_cmp "$m" "<" -0.2 && num_cmp "$m" ">" -0.3 || bad "fig3-rho-neg: misattribution $m, expected about -0.25"

# Fig. 4: superficial preference - learned first, contributes less
[ "$(get fig4-superficial superficial)" = yes ] || bad "fig4-superficial: superficial=$(get fig4-superficial superficial)"
lf=$(get fig4-superficial learned_first); co=$(get fig4-superficial contributes)
[ "$lf" = A ] && [ "$co" = B ] || bad "fig4-superficial: learned_first=$lf contributes=$co, expected A and B"
[ "$(get fig4-aligned superficial)" = no ] || bad "fig4-aligned: superficial=$(get fig4-aligned superficial)"
lf=$(get fig4-aligned learned_first); co=$(get fig4-aligned contributes)
[ "$lf" = A ] && [ "$co" = A ] || bad "fig4-aligned: learned_first=$lf contributes=$co, expected A and A"

# Fig. 5: 1200 steps; N = 70 late fusion ends with a higher E_g than early
# fusion (by a clear margin); with N = 700 both end at the same E_g
for n in fig5-early-n70 fig5-late-n70 fig5-early-n700 fig5-late-n700; do
    [ "$(get "$n" steps)" = 1200 ] || bad "$n: ran $(get "$n" steps) steps, expected 1200"
done
el=$(get fig5-early-n70 eg); ll=$(get fig5-late-n70 eg)
num_cmp "$ll" ">" "$(awk -v e="$el" 'BEGIN { print 1.5 * e }')" ||
    bad "fig5-late-n70: eg $ll not clearly above early fusion's $el"
e7=$(get fig5-early-n700 eg); l7=$(get fig5-late-n700 eg)
awk -v a="$e7" -v b="$l7" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d < 0.05 * a) }' ||
    bad "fig5 N=700: late eg $l7 differs from early eg $e7"
num_cmp "$l7" "<" "$el" || bad "fig5: N=700 eg $l7 not below N=70 eg $el"

# deep L = 4: the unimodal phase grows with the fusion layer
prev=-1; prevr=0
for f in 1 2 3 4; do
    n=deep-fuse$f
    [ -s "$tmp/$n.csv" ] || continue
    len=$(unimodal_len "$n"); r=$(get "$n" time_ratio)
    [ "$len" -gt "$prev" ] || bad "$n: unimodal phase $len steps, not longer than fuse=$((f - 1))'s $prev"
    num_cmp "$r" ">" "$prevr" || bad "$n: time_ratio $r not above fuse=$((f - 1))'s $prevr"
    prev=$len; prevr=$r
done
num_cmp "$(get deep-fuse4 time_ratio)" ">" 3.4 || bad "deep-fuse4: time_ratio $(get deep-fuse4 time_ratio), expected ~4"

# XOR + Gaussian: the Gaussian modality B first, the XOR at least 3x later
[ "$(get xor-relu learned_first)" = B ] || bad "xor-relu: learned $(get xor-relu learned_first) first, expected B"
[ "$(first_row xor-relu 'UNIMODAL B')" -ge 0 ] || bad "xor-relu: no UNIMODAL B phase"
ta=$(get xor-relu t_a); tb=$(get xor-relu t_b)
[ "$tb" -gt 0 ] && [ "$ta" -gt $((3 * tb)) ] || bad "xor-relu: t_a=$ta not 3x t_b=$tb"

# random inverse-Wishart data: measured ratio within 20% of the theory
r=$(get wishart time_ratio); th=$(get wishart time_ratio_theory)
awk -v r="$r" -v t="$th" 'BEGIN { exit !(r > 0.8 * t && r < 1.2 * t) }' ||
    bad "wishart: time_ratio $r vs theory $th"

# --set overrides a preset's value (the xor-relu comment's suggestion)
"$UB" --batch -p xor-relu --set sigma_b=0.5 >"$tmp/x.sum" 2>&1 || bad "xor-relu --set sigma_b=0.5 failed"
[ "$(sed -n 's/^learned_first=//p' "$tmp/x.sum")" = A ] || bad "xor-relu with sigma_b=0.5 did not learn the XOR first"

# 4. mistakes in a preset file: exit 2, one line naming FILE:LINE and the key
mkdir -p "$tmp/user"
# expect_err FILE-CONTENT NEEDLE: the preset is refused with NEEDLE in the message
expect_err() {
    local f=$tmp/user/bad.preset
    printf '%b' "$1" >"$f"
    "$UB" --batch -p "$f" >"$tmp/out" 2>"$tmp/err"; local rc=$?
    [ "$rc" -eq 2 ] || bad "preset '$1': exit $rc, expected 2"
    grep -qF -- "$2" "$tmp/err" || bad "preset '$1': message '$(cat "$tmp/err")' lacks '$2'"
    [ "$(wc -l <"$tmp/err")" -eq 1 ] || bad "preset '$1': message is not one line"
}
expect_err '# comment\nsigma_a = 2\nrho = 1.5\n' "$tmp/user/bad.preset:3: rho must be in (-1, 1), got 1.5"
expect_err 'sigma_a = 2\n\nsigmaa_b = 1\n' "bad.preset:3: unknown parameter 'sigmaa_b' (did you mean 'sigma_b'?)"
expect_err 'sigma_a = 2\nrho = 0.1\nsigma_a = 3\n' "bad.preset:3: duplicate key 'sigma_a' (first set on line 1)"
expect_err 'description = a\ndescription = b\n' "bad.preset:2: duplicate key 'description'"
expect_err 'width = 10.5\n' "bad.preset:1: width must be a whole number, got '10.5'"
expect_err 'activation = tanh\n' "bad.preset:1: activation must be one of linear|relu|leaky, got 'tanh'"
expect_err 'sigma_a 2\n' "bad.preset:1: expected 'key = value'"
expect_err 'depth = 2\nfuse = 3\n' "fuse must be between 1 and depth (2)"
# a description with terminal escapes, a BEL and a C1 CSI is listed escaped
printf 'description = red \033[31mtext\033]0;title\007 csi \302\233 # kept\nfigure = test\nsigma_a = 3\n' \
    >"$tmp/user/escapes.preset"
UNIBIAS_PRESET_PATH=$tmp/user "$UB" --list-presets >"$tmp/list" 2>&1
line=$(grep '^escapes ' "$tmp/list")
[ -n "$line" ] || bad "--list-presets lacks the preset with escapes: $(cat "$tmp/list")"
LC_ALL=C grep -q $'[\001-\011\013-\037\177]\|\302[\200-\237]' "$tmp/list" && bad "--list-presets passes control characters to the terminal"
[[ $line == *'red \x1b[31mtext\x1b]0;title\x07 csi \x9b # kept [test]'* ]] || bad "escaped description reads: $line"
"$UB" --batch -p "$tmp/user/escapes.preset" --steps 10 >"$tmp/out" 2>&1 || bad "preset with escapes in its description refused"

exit $fail
