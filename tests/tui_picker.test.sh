#!/bin/bash
# tui_picker.test.sh - the preset picker (p): it lists every preset on the
# search path with its description, an invalid file with its error, names and
# descriptions with escape sequences shown escaped (never sent to the
# terminal); Esc and q close it without quitting; Enter on fig2-early loads it
# (the title shows early fusion and the preset); Enter on the invalid one says
# why in the status line and loads nothing.
. "$(dirname "$0")/tui_start.test.sh"
: "${TERM:=xterm}"
export TERM
root=$(cd "$(dirname "$0")/.." && pwd)

# select_preset NAME: moves the picker's selection to NAME with g and j
select_preset() {
    tm send-keys -t ub g
    local i
    for i in $(seq 1 60); do
        screen | grep -qE "│> $1 " && return 0
        tm send-keys -t ub j
        sleep 0.05
    done
    fail "could not select preset $1 in the picker"
}

tui_init
extra=$TUI_TMP/extra
mkdir -p "$extra" "$TUI_TMP/xdg"
printf '# a comment\nrho = 1.5\n' >"$extra/broken.preset"
printf 'description = sets the title \033]2;pwned-desc\007 here\n' >"$extra/titled.preset"
printf 'description = an evil file name\n' >"$extra/"$'evil\033]2;pwned-name\007'".preset"
tui_start 120x40 XDG_CONFIG_HOME="$TUI_TMP/xdg" UNIBIAS_PRESET_PATH="$extra:$root/presets" -- --seed 1
wait_for 'Parameters' 10
screen | head -1 | grep -q 'late fusion L=2 Lf=2' || fail "not on the default preset"

# the list
tm send-keys -t ub p
wait_for 'Presets [0-9]+/[0-9]+' 5 "the picker"
n=$(ls "$root/presets" | grep -c '\.preset$')
screen | grep -qE "Presets [0-9]+/$((n + 3)) " || fail "the picker does not count $((n + 3)) presets"
for p in default fig2-early fig2-late fig4-superficial xor-relu; do
    screen | grep -qE "│[> ] $p  +[A-Z]" || fail "the picker does not list $p with its description"
done
screen | grep -qE '│[> ] fig2-early  +Early fusion on the default data' || fail "fig2-early's description"
screen | grep -qE '│[> ] broken  +invalid, line 2: rho must be in \(-1, 1\), got 1\.5' ||
    fail "the invalid preset is not listed with its error"
screen | grep -qF 'sets the title \x1b]2;pwned-desc\x07 here' ||
    fail "the description's escape sequence is not shown escaped"
screen | grep -qF 'evil\x1b]2;pwned-name\x07' || fail "the file name's escape sequence is not shown escaped"
case "$(pane '#{pane_title}')" in *pwned*) fail "an escape sequence from a preset reached the terminal" ;; esac
screen | tail -1 | grep -q 'jk move' || fail "the key line does not show the picker's keys"

# Esc and q close it, and nothing else happens
tm send-keys -t ub Escape
sleep 0.5
screen | grep -qE 'Presets [0-9]+/' && fail "Esc did not close the picker"
[ -s "$TUI_TMP/status" ] && fail "Esc in the picker quit the program"
tm send-keys -t ub p
wait_for 'Presets [0-9]+/' 5
tm send-keys -t ub q
sleep 0.5
screen | grep -qE 'Presets [0-9]+/' && fail "q did not close the picker"
[ -s "$TUI_TMP/status" ] && fail "q in the picker quit the program"
screen | head -1 | grep -q 'late fusion L=2 Lf=2' || fail "cancelling the picker changed the run"
screen | head -1 | grep -q 'preset' && fail "cancelling the picker named a preset"

# an invalid preset cannot be loaded: the status line says why
tm send-keys -t ub p
wait_for 'Presets [0-9]+/' 5
select_preset broken
tm send-keys -t ub Enter
wait_for 'cannot load broken: .*broken\.preset:2: rho must be in' 5 "the refusal in the status line"
screen | grep -qE 'Presets [0-9]+/' || fail "the picker closed on an invalid preset"
screen | head -1 | grep -q 'late fusion L=2 Lf=2' || fail "an invalid preset changed the run"

# Enter loads fig2-early and restarts the run with it
select_preset fig2-early
tm send-keys -t ub Enter
wait_for 'early fusion L=2 Lf=1' 5 "early fusion in the title"
screen | head -1 | grep -q 'preset fig2-early' || fail "the title does not name the preset"
screen | grep -qE 'Presets [0-9]+/' && fail "the picker stayed open after loading"
status_line | grep -q 'preset fig2-early: Early fusion' || fail "no note about the loaded preset"
s=$(title_step)
[ -n "$s" ] && [ "$s" -lt 200 ] || fail "the run did not restart (step $s)"
# the picker opens on the preset loaded
tm send-keys -t ub p
wait_for '│> fig2-early ' 5 "the picker on the current preset"
tm send-keys -t ub Escape
sleep 0.3

tm send-keys -t ub q
wait_dead 5
check_restored 0
echo "ok: picker lists $((n + 3)) presets, escapes, cancels, refuses the invalid one, loads fig2-early"
