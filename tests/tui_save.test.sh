#!/bin/bash
# tui_save.test.sh - saving the parameters as a preset (s): bad names are
# refused with a message and nothing is written; a good name writes
# $XDG_CONFIG_HOME/unibias/presets/NAME.preset (directories created) with a
# "saved from unibias" description, which `unibias --batch -p NAME` loads with
# the same parameters as the live view had (an edit made in the view
# included); saving the same name again asks first, n keeps the old file and
# y replaces it; the picker then lists it; with no usable directory (a file in
# the way, neither XDG_CONFIG_HOME nor HOME) the status line says why.
. "$(dirname "$0")/tui_start.test.sh"
: "${TERM:=xterm}"
export TERM
root=$(cd "$(dirname "$0")/.." && pwd)

# save_as NAME: s, type NAME, Enter
save_as() {
    tm send-keys -t ub s
    wait_for 'save preset as:' 5 "the name prompt"
    [ -n "$1" ] && tm send-keys -t ub -l "$1"
    tm send-keys -t ub Enter
}

# params_of ARGS...: the parameters a batch run uses ("# key=value" lines)
params_of() { "$UB" --batch --steps 1 --csv - "$@" 2>/dev/null | grep '^# '; }

tui_init
xdg=$TUI_TMP/xdg
dir=$xdg/unibias/presets
file=$dir/mine.preset
mkdir -p "$TUI_TMP/home"
tui_start 120x40 XDG_CONFIG_HOME="$xdg" HOME="$TUI_TMP/home" UNIBIAS_PRESET_PATH="$root/presets" -- \
    --seed 3 --set sigma_a=2.5 --set rho=0.3
wait_for 'Parameters' 10
# an edit made in the live view is saved too
select_param sigma_b
tm send-keys -t ub l
wait_for 'sigma_b = 1.1: restarted' 5

# bad names: a message, nothing written
save_as 'a/b'
wait_for "not saved: a preset name cannot contain '/'" 5 "the refusal of a/b"
save_as 'my name'
wait_for "not saved: a space is not allowed in a preset name" 5 "the refusal of a space"
save_as ''
wait_for "not saved: no name given" 5 "the refusal of an empty name"
save_as '.hidden'
wait_for "not saved: a preset name must start with a letter, a digit or '_'" 5 "the refusal of .hidden"
save_as "$(printf 'x%.0s' $(seq 1 65))"
wait_for "not saved: a preset name has at most 64 characters" 5 "the refusal of a long name"
[ -e "$xdg" ] && fail "a refused name created $(find "$xdg")"
# Esc cancels the prompt
tm send-keys -t ub s
wait_for 'save preset as:' 5
tm send-keys -t ub -l 'cancelled'
tm send-keys -t ub Escape
sleep 0.5
[ -s "$TUI_TMP/status" ] && fail "Esc in the name prompt quit the program"
[ -e "$xdg" ] && fail "a cancelled save wrote $(find "$xdg")"

# a good name
save_as mine
wait_for "saved $file" 5 "the saved message"
[ -f "$file" ] || fail "no $file"
wait_for 'preset mine' 5 "the saved preset's name in the title"
grep -q '^description = saved from unibias .*late fusion L=2 Lf=2, data toy$' "$file" ||
    fail "no 'saved from unibias' description: $(grep description "$file")"
want=$(params_of --seed 3 --set sigma_a=2.5 --set rho=0.3 --set sigma_b=1.1)
got=$(XDG_CONFIG_HOME=$xdg UNIBIAS_PRESET_PATH= params_of -p mine)
[ -n "$want" ] && [ "$got" = "$want" ] || fail "-p mine loads other parameters: $(diff <(echo "$want") <(echo "$got"))"
# and the same run, summary for summary (timing aside)
a=$(XDG_CONFIG_HOME=$xdg UNIBIAS_PRESET_PATH= "$UB" --batch -p mine --steps 300 | grep -v steps_per_sec)
b=$("$UB" --batch --steps 300 --seed 3 --set sigma_a=2.5 --set rho=0.3 --set sigma_b=1.1 | grep -v steps_per_sec)
[ -n "$a" ] && [ "$a" = "$b" ] || fail "-p mine runs differently: $(diff <(echo "$b") <(echo "$a"))"
cp "$file" "$TUI_TMP/first"

# the same name again: asks; n keeps the old file
tm send-keys -t ub h
wait_for 'sigma_b = 1: restarted' 5
save_as mine
wait_for "mine.preset exists in $dir: overwrite it\? \(y/n\)" 5 "the overwrite question"
screen | tail -1 | grep -q 'y overwrite  n keep' || fail "the key line does not say y/n"
tm send-keys -t ub x   # not an answer: still asking
sleep 0.3
screen | grep -q 'overwrite it? (y/n)' || fail "a key other than y/n answered the question"
tm send-keys -t ub n
wait_for 'not saved: kept the existing mine.preset' 5
cmp -s "$file" "$TUI_TMP/first" || fail "n changed the file"
# y replaces it
save_as mine
wait_for 'overwrite it\? \(y/n\)' 5
tm send-keys -t ub y
wait_for "saved $file" 5
grep -qx 'sigma_b = 1' "$file" || fail "y did not replace the file: $(grep sigma_b "$file")"
[ "$(ls -A "$dir")" = mine.preset ] || fail "files left in $dir: $(ls -A "$dir")"

# the picker lists it, with its description
tm send-keys -t ub p
wait_for '│> mine  +saved from unibias' 5 "the saved preset in the picker"
tm send-keys -t ub Escape
sleep 0.3
tm send-keys -t ub q
wait_dead 5
check_restored 0

# no usable directory: a message, no crash
: >"$TUI_TMP/afile"
tm kill-server >/dev/null 2>&1
tui_start 100x30 XDG_CONFIG_HOME="$TUI_TMP/afile" UNIBIAS_PRESET_PATH="$root/presets" -- --seed 1
wait_for 'Parameters' 10
save_as mine
wait_for "cannot create $TUI_TMP/afile/unibias: Not a directory" 5 "the error for a file in the way"
tm send-keys -t ub q
wait_dead 5
check_restored 0
tm kill-server >/dev/null 2>&1
tui_start 100x30 XDG_CONFIG_HOME= HOME= UNIBIAS_PRESET_PATH="$root/presets" -- --seed 1
wait_for 'Parameters' 10
save_as mine
wait_for "not saved: cannot save: neither XDG_CONFIG_HOME nor HOME is set" 5 "the error without HOME"
tm send-keys -t ub q
wait_dead 5
check_restored 0
echo "ok: bad names refused, saved, loads back with -p, n keeps, y replaces, picker lists it, errors shown"
