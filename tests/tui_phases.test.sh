#!/bin/bash
# tui_phases.test.sh - the default preset at the default speed, 120x40, UTF-8:
# the status line shows PLATEAU, UNIMODAL, MULTIMODAL, CONVERGED in that order
# within 30 s, each phase seen on more than one poll (it lasts, it does not
# flash by), with braille plots and the theory panel filled in at the end.
. "$(dirname "$0")/tui_start.test.sh"
tui_init
tui_start 120x40 -- --seed 1
wait_for 'Parameters' 10
t0=$SECONDS
order=()
last=
declare -A polls=()
while [ $((SECONDS - t0)) -le 35 ]; do
    line=$(status_line)
    ph=$(printf '%s\n' "$line" | grep -oE 'PLATEAU|UNIMODAL|MULTIMODAL|CONVERGED|DIVERGED' | head -1)
    if [ -n "$ph" ]; then
        polls[$ph]=$(( ${polls[$ph]:-0} + 1 ))
        [ "$last" != "$ph" ] && { order+=("$ph"); last=$ph; }
        [ "$ph" = CONVERGED ] && break
    fi
    sleep 0.2
done
elapsed=$((SECONDS - t0))
seen="${order[*]}"
[ "$seen" = "PLATEAU UNIMODAL MULTIMODAL CONVERGED" ] || fail "phases seen in order: '$seen'"
[ "$elapsed" -le 30 ] || fail "CONVERGED only after ${elapsed}s"
for ph in PLATEAU UNIMODAL MULTIMODAL; do
    [ "${polls[$ph]}" -ge 3 ] || fail "$ph seen on only ${polls[$ph]} polls"
done
status_line | grep -q 'UNIMODAL' && fail "status still says UNIMODAL"
braille_on_screen || fail "no braille on screen"
# measured times in the theory panel: t_A near 128 and t_B near 466 (THEORY.md 7)
ta=$(screen | sed -n 's/.*│t_A  *[-~0-9]*  *\([0-9][0-9]*\)│.*/\1/p' | head -1)
tb=$(screen | sed -n 's/.*│t_B  *[-~0-9]*  *\([0-9][0-9]*\)│.*/\1/p' | head -1)
[ -n "$ta" ] && [ "$ta" -ge 110 ] && [ "$ta" -le 145 ] || fail "t_A measured '$ta'"
[ -n "$tb" ] && [ "$tb" -ge 420 ] && [ "$tb" -le 520 ] || fail "t_B measured '$tb'"
tm send-keys -t ub q
wait_dead 5
check_restored 0
echo "ok: ${seen} in ${elapsed}s (polls: ${polls[PLATEAU]} ${polls[UNIMODAL]} ${polls[MULTIMODAL]}), t_A $ta, t_B $tb"
