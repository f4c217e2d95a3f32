#!/bin/bash
# tui_signals.test.sh - every way out restores the terminal (no alternate
# screen, cursor visible) and prints the summary line: SIGTERM, SIGHUP, SIGINT
# (Ctrl-C), Esc, and q while paused; a crash (SIGSEGV) restores it too and
# dies by the signal; without a usable terminal the program says so and exits 1.
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

# a crash: the handler restores the tty and the process dies by the signal
tui_start 100x30 -- --seed 1
wait_for 'Parameters' 10
kill -s SEGV "$(tui_pid)"
wait_dead 5
[ "$(cat "$TUI_TMP/status")" = 139 ] || fail "SIGSEGV: exit status $(cat "$TUI_TMP/status")"
[ "$(pane '#{alternate_on}')" = 0 ] || fail "SIGSEGV: alternate screen left on"
[ "$(pane '#{cursor_flag}')" = 1 ] || fail "SIGSEGV: cursor left hidden"
tm kill-server
sleep 0.2

# fatal errors before the screen is taken: a message, status 1, nothing drawn
out=$("$UB" --seed 1 </dev/null 2>&1 >/dev/null); st=$?
[ "$st" = 1 ] || fail "without a terminal: exit status $st"
case $out in *"needs a terminal"*) ;; *) fail "without a terminal: message '$out'" ;; esac
tui_start 100x30 TERM=no-such-terminal -- --seed 1
wait_dead 5
[ "$(cat "$TUI_TMP/status")" = 1 ] || fail "unknown TERM: exit status $(cat "$TUI_TMP/status")"
screen | grep -q 'cannot use the terminal (TERM=no-such-terminal)' || fail "unknown TERM: no message"
[ "$(pane '#{alternate_on}')" = 0 ] || fail "unknown TERM: alternate screen on"
echo "ok: SIGTERM, SIGHUP, SIGINT, Esc, q while paused, SIGSEGV, no terminal, unknown TERM"
