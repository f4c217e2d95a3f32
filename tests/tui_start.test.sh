#!/bin/bash
# tui_start.test.sh - the live view starts on the default preset, draws its
# panels with braille, and q exits 0 with the terminal restored (no alternate
# screen, cursor visible) and one summary line printed.
#
# Also the helper library of the other tui*.test.sh scripts, which source it:
# each gets its own tmux server (unique -L socket), fixed seeds, bounded waits
# on capture-pane, and the server killed on every way out.
set -u

tui_init() {
    export LANG=C.UTF-8 LC_ALL=C.UTF-8
    unset NO_COLOR
    UB=${UNIBIAS:?UNIBIAS must name the unibias binary}
    case $UB in /*) ;; *) UB=$(cd "$(dirname "$UB")" && pwd)/$(basename "$UB") ;; esac
    [ -x "$UB" ] || { echo "FAIL: $UB is not executable"; exit 1; }
    command -v tmux >/dev/null || { echo "FAIL: tmux not installed"; exit 1; }
    TUI_TMP=$(mktemp -d)
    TUI_SOCK="ubtest-$$-$(basename "$0" .test.sh)"
    printf 'set -g history-limit 2000\n' >"$TUI_TMP/tmux.conf"
    trap tui_cleanup EXIT
}

tm() { tmux -L "$TUI_SOCK" -f "$TUI_TMP/tmux.conf" "$@"; }

tui_cleanup() {
    tm kill-server >/dev/null 2>&1
    rm -rf "$TUI_TMP"
}

# tui_start COLSxROWS [VAR=value ...] -- [unibias args...]
# The program runs in the foreground under a small sh that records its exit
# status (tmux 3.3 has no pane_dead_status) and then keeps the pane alive, so
# the terminal state the program left behind can be inspected; the
# program's pid is the shell's child. The shell traps SIGINT (a handler, which
# the program does not inherit) so that Ctrl-C reaches only the program.
tui_start() {
    local size=$1; shift
    local envs=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs+=("$1"); shift; done
    [ "${1:-}" = "--" ] && shift
    local cmd="exec env"
    local e a
    for e in "${envs[@]+"${envs[@]}"}"; do cmd+=" $(printf '%q' "$e")"; done
    cmd+=" sh -c 'trap : INT; \"\$0\" \"\$@\"; echo \$? >$(printf '%q' "$TUI_TMP/status"); exec sleep 600'"
    cmd+=" $(printf '%q' "$UB")"
    for a in "$@"; do cmd+=" $(printf '%q' "$a")"; done
    rm -f "$TUI_TMP/status"
    tm new-session -d -s ub -x "${size%x*}" -y "${size#*x}" "$cmd" || { echo "FAIL: tmux new-session"; exit 1; }
}

# tui_pid: the program's pid (waits briefly for it to exist)
tui_pid() {
    local sh pid end=$((SECONDS + 5))
    sh=$(pane '#{pane_pid}')
    while [ $SECONDS -le $end ]; do
        pid=$(pgrep -P "$sh" | head -1)
        [ -n "$pid" ] && { echo "$pid"; return 0; }
        sleep 0.1
    done
    fail "no unibias process under the pane"
}

screen() { tm capture-pane -p -t ub 2>/dev/null; }
screen_esc() { tm capture-pane -p -e -t ub 2>/dev/null; }
pane() { tm display-message -p -t ub "$1" 2>/dev/null; }
status_line() { screen | sed -n "$(($(pane '#{pane_height}') - 1))p"; }

fail() {
    echo "FAIL: $*"
    echo "--- screen:"
    screen
    exit 1
}

# wait_for REGEX SECONDS [WHAT]: polls the screen until REGEX matches
wait_for() {
    local re=$1 secs=$2 what=${3:-$1}
    local end=$((SECONDS + secs))
    while [ $SECONDS -le $end ]; do
        screen | grep -qE -- "$re" && return 0
        sleep 0.1
    done
    fail "timed out after ${secs}s waiting for $what"
}

# wait_dead SECONDS: waits for the program to exit
wait_dead() {
    local end=$((SECONDS + $1))
    while [ $SECONDS -le $end ]; do
        [ -s "$TUI_TMP/status" ] && return 0
        sleep 0.1
    done
    fail "the program did not exit within $1 s"
}

# title_step: the step counter from the title bar
title_step() { screen | head -1 | sed -n 's/.*step \([0-9][0-9]*\).*/\1/p'; }

# check_restored STATUS: exit status, no alternate screen, cursor shown,
# summary line printed
check_restored() {
    local want=$1
    local st alt cur
    st=$(cat "$TUI_TMP/status" 2>/dev/null)
    alt=$(pane '#{alternate_on}')
    cur=$(pane '#{cursor_flag}')
    [ "$st" = "$want" ] || fail "exit status $st, expected $want"
    [ "$alt" = 0 ] || fail "alternate screen still on after exit"
    [ "$cur" = 1 ] || fail "cursor left hidden after exit"
    tm capture-pane -p -J -t ub -S - | grep -qE '^unibias: .*step [0-9]+.*loss' || fail "no summary line printed"
}

# select_param KEY: moves the selection to KEY with g and j
select_param() {
    tm send-keys -t ub g
    local i
    for i in $(seq 1 40); do
        screen | grep -qE "│>$1 " && return 0
        tm send-keys -t ub j
        sleep 0.05
    done
    fail "could not select $1"
}

# type_value TEXT: Enter, clear the field, type, Enter
type_value() {
    tm send-keys -t ub Enter
    sleep 0.1
    tm send-keys -t ub C-u
    tm send-keys -t ub -l "$1"
    tm send-keys -t ub Enter
}

# braille cells U+2801..U+28FF are E2 A0 81 .. E2 A3 BF in UTF-8
braille_on_screen() { screen | LC_ALL=C grep -q $'\xe2[\xa0-\xa3]'; }

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    tui_init
    tui_start 120x40 -- --seed 1
    wait_for 'Parameters' 10 "the parameter panel"
    wait_for 'Theory vs measured' 5
    wait_for 'Portrait' 5
    wait_for 'W_A, W_B over steps' 5
    wait_for '(PLATEAU|UNIMODAL)' 10 "a phase in the status line"
    screen | head -1 | grep -q 'late fusion L=2 Lf=2' || fail "title does not name the architecture"
    sleep 1
    braille_on_screen || fail "no braille on screen"
    screen | grep -q 'q quit' || fail "no key hints"
    # help screen generated from the key table, closed by any key
    tm send-keys -t ub '?'
    wait_for 'any key closes' 5 "the help screen"
    screen | grep -q 'loss plot: linear / log y axis' || fail "help lacks the log-y key"
    tm send-keys -t ub 'x'
    sleep 0.3
    screen | grep -q 'any key closes' && fail "help did not close"
    # log y, speed, redraw
    tm send-keys -t ub y
    wait_for 'Loss \(log y\)' 5 "the log-y title"
    tm send-keys -t ub y
    sleep 0.3
    screen | grep -q 'Loss (log y)' && fail "y did not toggle back"
    tm send-keys -t ub +
    wait_for 'speed 100/s' 5 "the faster speed in the title"
    tm send-keys -t ub - -
    wait_for 'speed 10/s' 5 "the slower speed in the title"
    tm send-keys -t ub C-l
    sleep 0.3
    screen | grep -q 'Theory vs measured' || fail "Ctrl-L lost the screen"
    tm send-keys -t ub q
    wait_dead 5
    check_restored 0
    echo "ok: starts, draws, help, log y, speed, redraw, quits cleanly"
fi
