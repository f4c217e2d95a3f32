#!/bin/bash
# tui_budget.test.sh - a step budget (steps = N, as the Fig. 5 presets set)
# stops the live view at step N with the reason in the status line; the
# budget is an editable row of the parameter panel.
. "$(dirname "$0")/tui_start.test.sh"
tui_init
tui_start 120x40 -- --seed 1 --set steps=45
wait_for 'step budget reached' 10 "the budget message"
[ "$(title_step)" = 45 ] || fail "stopped at step $(title_step), expected 45"
status_line | grep -q PLATEAU || fail "expected the run to stop in its plateau"
screen | grep -qE '│[> ]steps  *45 ' || fail "no steps row showing 45 in the parameter panel"
sleep 1
[ "$(title_step)" = 45 ] || fail "training went on past the budget"
select_param steps
type_value 0
wait_for 'steps = 0: restarted' 5 "the budget edit"
tm send-keys -t ub q
wait_dead 5
check_restored 0
echo "ok: stopped at the budget, steps row editable"
