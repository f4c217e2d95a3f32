#!/bin/bash
# tui_edit.test.sh - parameter edits from the keyboard: a nudge (l) changes
# sigma_a and restarts; a typed invalid value (rho = 1.5) is refused with the
# engine's message and the old value kept; Esc cancels typing; with carry on
# a rho edit keeps the step counter and the theory follows; R takes the next
# seed; fuse = 3 > depth is refused; typing fuse = 1 switches to early fusion
# and the run shows no UNIMODAL phase.
. "$(dirname "$0")/tui_start.test.sh"

param_value() { screen | sed -n "s/.*│[> ]$1  *\([^ │]*\).*/\1/p" | head -1; }

tui_init
tui_start 120x40 -- --seed 1
wait_for 'Parameters' 10

# a nudge
select_param sigma_a
tm send-keys -t ub l
wait_for 'sigma_a = 2.1: restarted' 5 "the nudge message"
[ "$(param_value sigma_a)" = 2.1 ] || fail "sigma_a shows '$(param_value sigma_a)'"
tm send-keys -t ub h
wait_for 'sigma_a = 2: restarted' 5

# an invalid typed value
select_param rho
type_value 1.5
wait_for 'rho must be in \(-1, 1\), got 1.5' 5 "the refusal message"
[ "$(param_value rho)" = 0 ] || fail "rho changed to '$(param_value rho)' after a refused value"
type_value abc
wait_for "rho must be a finite number, got 'abc'" 5 "the refusal message"
# Esc cancels typing without quitting
tm send-keys -t ub Enter
sleep 0.1
tm send-keys -t ub -l 0.3
tm send-keys -t ub Escape
sleep 0.5
[ -s "$TUI_TMP/status" ] && fail "Esc in the value field quit the program"
[ "$(param_value rho)" = 0 ] || fail "Esc applied the typed value"

# carry: a data edit continues from the current weights (same clock)
tm send-keys -t ub c
wait_for 'Parameters \(carry\)' 5 "the carry indicator"
wait_for 'carry on: data edits keep the current weights' 5
sleep 1
before=$(title_step)
type_value 0.5
wait_for 'rho = 0.5: continuing from the current weights' 5
after=$(title_step)
[ "$after" -ge "$before" ] || fail "carry restarted the run: step $before -> $after"
[ "$(param_value rho)" = 0.5 ] || fail "rho shows '$(param_value rho)'"
# the theory follows the data: mis-attribution rho sigma_B / sigma_A = +0.25
wait_for '│misattrib\.  *\+0\.25 ' 5 "the predicted mis-attribution"
tm send-keys -t ub c
wait_for 'carry off' 5
type_value 0
wait_for 'rho = 0: restarted' 5

# R: a new seed
tm send-keys -t ub R
wait_for 'seed = 2: restarted' 5
# the title follows with the worker's next snapshot, a frame after the status line
wait_for 'seed 2 ─' 5 "seed 2 in the title"

# a cross-field rule
select_param fuse
type_value 3
wait_for 'fuse must be between 1 and depth' 5 "the fuse refusal"
[ "$(param_value fuse)" = 2 ] || fail "fuse changed after a refusal"

# early fusion: no unimodal phase
type_value 1
wait_for 'fuse = 1: restarted' 5
wait_for 'early fusion L=2 Lf=1' 5 "early fusion in the title"
end=$((SECONDS + 30))
seen=
while [ $SECONDS -le $end ]; do
    ph=$(status_line | grep -oE 'PLATEAU|UNIMODAL|MULTIMODAL|CONVERGED' | head -1)
    [ -n "$ph" ] && case " $seen " in *" $ph "*) ;; *) seen="$seen $ph" ;; esac
    [ "$ph" = CONVERGED ] && break
    sleep 0.2
done
case "$seen" in *UNIMODAL*) fail "early fusion showed a unimodal phase:$seen" ;; esac
case "$seen" in *CONVERGED*) ;; *) fail "early fusion did not converge within 30 s:$seen" ;; esac
screen | grep -qE '│tB/tA  *1  ' || fail "theory panel does not predict t_B/t_A = 1 for early fusion"

tm send-keys -t ub q
wait_dead 5
check_restored 0
echo "ok: nudge, refusals, Esc, fuse=1 ->$seen"
