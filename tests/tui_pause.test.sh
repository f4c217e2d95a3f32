#!/bin/bash
# tui_pause.test.sh - r restarts, space pauses: PAUSED shows, the step counter
# and the whole screen stop changing; n steps exactly once; space resumes.
. "$(dirname "$0")/tui_start.test.sh"
tui_init
tui_start 120x40 -- --seed 1
wait_for 'step [1-9][0-9]' 10 "training to start"
tm send-keys -t ub r
sleep 0.2
tm send-keys -t ub ' '
wait_for 'PAUSED' 5
sleep 0.3
s1=$(title_step)
snap1=$(screen)
sleep 1.5
s2=$(title_step)
snap2=$(screen)
[ -n "$s1" ] || fail "no step counter in the title"
[ "$s1" = "$s2" ] || fail "step moved while paused: $s1 -> $s2"
[ "$snap1" = "$snap2" ] || fail "screen changed while paused"
# paused right after a restart: far from the end of the default run
[ "$s1" -lt 100 ] || fail "restart did not reset the step counter (step $s1)"
tm send-keys -t ub n
wait_for "step $((s1 + 1)) " 5 "one step"
sleep 0.5
[ "$(title_step)" = $((s1 + 1)) ] || fail "n did more than one step"
status_line | grep -q PAUSED || fail "n resumed training"
tm send-keys -t ub ' '
end=$((SECONDS + 5))
while [ "$(title_step)" -le $((s1 + 3)) ]; do
    [ $SECONDS -le $end ] || fail "space did not resume"
    sleep 0.1
done
status_line | grep -q PAUSED && fail "PAUSED still shown after resuming"
tm send-keys -t ub q
wait_dead 5
check_restored 0
echo "ok: paused at step $s1, n -> $((s1 + 1)), resumed"
