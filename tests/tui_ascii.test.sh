#!/bin/bash
# tui_ascii.test.sh - terminal hygiene: --ascii and a non-UTF-8 locale draw
# with ASCII only (no braille, no line drawing); NO_COLOR and --no-color draw
# without colours (attributes only); by default there are colours.
. "$(dirname "$0")/tui_start.test.sh"
tui_init

non_ascii() { screen | LC_ALL=C grep -c $'[\x80-\xff]'; }
# SGR colour parameters: 30-37, 40-47, 90-97, 100-107, 38;..., 48;... (39/49 = default)
colours() { screen_esc | grep -oE $'\e\\[[0-9;]*m' | grep -cE '[[;](3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]'; }

finish() {
    tm send-keys -t ub q
    wait_dead 5
    check_restored 0
    tm kill-server
    sleep 0.2
}

# --ascii in a UTF-8 locale
tui_start 100x30 -- --ascii --seed 1
wait_for 'Parameters' 10
sleep 1.5
[ "$(non_ascii)" = 0 ] || fail "--ascii: $(non_ascii) lines with non-ASCII bytes"
screen | grep -q '+ Parameters -' || fail "--ascii: no ASCII box"
screen | grep -q 'jk select' || fail "--ascii: hints not in ASCII"
finish

# a non-UTF-8 locale picks ASCII by itself
tui_start 100x30 LANG=C LC_ALL=C -- --seed 1
wait_for 'Parameters' 10
sleep 1.5
[ "$(non_ascii)" = 0 ] || fail "LANG=C: $(non_ascii) lines with non-ASCII bytes"
finish

# default: colours and braille
tui_start 100x30 -- --seed 1
wait_for 'Parameters' 10
sleep 1
[ "$(colours)" -gt 0 ] || fail "no colours by default"
braille_on_screen || fail "no braille by default"
finish

# NO_COLOR
tui_start 100x30 NO_COLOR=1 -- --seed 1
wait_for 'Parameters' 10
sleep 1
[ "$(colours)" = 0 ] || fail "NO_COLOR: $(colours) colour codes on screen"
screen_esc | grep -qE $'\e\\[[0-9;]*7[;m]' || fail "NO_COLOR: no reverse video for the bars"
braille_on_screen || fail "NO_COLOR should keep braille"
finish

# --no-color, 256-colour terminal type
tm set-option -g default-terminal tmux-256color 2>/dev/null
tui_start 100x30 TERM=tmux-256color -- --no-color --seed 1
wait_for 'Parameters' 10
sleep 1
[ "$(colours)" = 0 ] || fail "--no-color: $(colours) colour codes on screen"
finish
echo "ok: --ascii, LANG=C, colours, NO_COLOR, --no-color"
