#!/bin/bash
# tui_resize.test.sh - shrinking to 40x12 shows "terminal too small" (the
# program lives on and keeps training), growing back redraws every panel,
# 80x24 is fully laid out, and q quits from the too-small screen.
. "$(dirname "$0")/tui_start.test.sh"
tui_init
tui_start 120x40 -- --seed 1
wait_for 'Parameters' 10
tm resize-window -t ub -x 40 -y 12
wait_for 'terminal too small' 5
wait_for '40x12, need' 2 "the size in the message"
screen | grep -q 'q quits' || fail "the too-small screen does not say how to quit"
[ -s "$TUI_TMP/status" ] && fail "the program died on resize"
tm resize-window -t ub -x 120 -y 40
wait_for 'Theory vs measured' 5 "the panels after growing back"
wait_for 'W_A, W_B over steps' 5
screen | grep -q 'terminal too small' && fail "stale too-small message"
tm resize-window -t ub -x 80 -y 24
wait_for '└.*┘└.*┘└.*┘' 5 "the bottom panel borders at 80x24"
for what in Parameters 'Theory vs measured' Loss Portrait 'q quit'; do
    screen | grep -q "$what" || fail "'$what' missing at 80x24"
done
[ "$(screen | wc -l)" -eq 24 ] || fail "screen not 24 lines"
tm resize-window -t ub -x 40 -y 12
wait_for 'terminal too small' 5
tm send-keys -t ub q
wait_dead 5
check_restored 0
echo "ok: 120x40 -> 40x12 -> 120x40 -> 80x24 -> 40x12, q"
