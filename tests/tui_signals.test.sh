#!/bin/bash
# tui_signals.test.sh - every way out restores the terminal (no alternate
# screen, cursor visible) and prints the summary line: SIGTERM, SIGHUP, SIGINT
# (Ctrl-C), Esc, and q while paused.
. "$(dirname "$0")/tui_start.test.sh"
tui_init

# run_case NAME ACTION EXPECTED_STATUS
run_case() {
    tui_start 100x30 -- --seed 1
    wait_for 'Parameters' 10
    sleep 0.3
    case $2 in
    TERM | HUP) kill -s "$2" "$(tui_pid)" ;;
    C-c | Escape) tm send-keys -t ub "$2" ;;
    pause-q) tm send-keys -t ub ' '; wait_for PAUSED 5; tm send-keys -t ub q ;;
    esac
    wait_dead 5
    check_restored "$3"
    tm kill-server
    sleep 0.2
}

run_case sigterm TERM 143
run_case sighup HUP 129
run_case sigint C-c 130
run_case esc Escape 0
run_case paused pause-q 0
echo "ok: SIGTERM, SIGHUP, SIGINT, Esc, q while paused"
