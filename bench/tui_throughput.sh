#!/bin/bash
# tui_throughput.sh [PROG] - the live view's cost, measured in tmux:
#  1. training throughput with the TUI open at unthrottled speed vs headless
#     (--batch) on the same run (target >= 90 %);
#  2. CPU used by the UI while paused (target ~0), and by its UI thread while
#     training at full speed.
# The run: depth 4, fused at layer 3, width 128, scaled init 0.1, lr 5e-4, seed 1:
# about 156k steps to convergence, several seconds either way.
set -u
PROG=${1:-./unibias}
case $PROG in /*) ;; *) PROG=$(cd "$(dirname "$PROG")" && pwd)/$(basename "$PROG") ;; esac
ARGS=(--seed 1 --set depth=4 --set fuse=3 --set width=128 --set init_scheme=scaled --set init=0.1 --set lr=0.0005)
# BENCH_ARGS="..." replaces the run (word-split), e.g. a cheap-step one:
# BENCH_ARGS="--seed 1 --set lr=0.00002 --set width=400 --set steps=1000000"
[ -n "${BENCH_ARGS:-}" ] && read -r -a ARGS <<<"$BENCH_ARGS"
SOCK=ubbench-$$
TMP=$(mktemp -d)
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
trap 'tm kill-server >/dev/null 2>&1; rm -rf "$TMP"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8
hz=$(getconf CLK_TCK)

# cpu_ticks PID [TID]: utime + stime of a process or one of its threads
cpu_ticks() {
    local f=/proc/$1/stat
    [ -n "${2:-}" ] && f=/proc/$1/task/$2/stat
    awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "$f"
}

runs=${RUNS:-3}
best_h=0
all_h=()
# one headless run; interleaved with the live-view runs so that a busy
# machine slows both alike
headless_run() {
    local r
    r=$("$PROG" --batch "${ARGS[@]}" | sed -n 's/^steps_per_sec=//p')
    echo "  headless run $1: $r steps/s"
    all_h+=("$r")
    best_h=$(awk -v a="$best_h" -v b="$r" 'BEGIN { print (b > a ? b : a) }')
}

echo "headless: $PROG --batch ${ARGS[*]}"
echo "vs the live view, unthrottled (120x40), alternating:"
best_t=0
all_t=()
for i in $(seq "$runs"); do
    headless_run "$i"
    tm new-session -d -s b -x 120 -y 40 \
        "sh -c '\"\$0\" \"\$@\"; exec sleep 600' $(printf '%q ' "$PROG" "${ARGS[@]}")"
    sleep 1
    tm send-keys -t b + + + + + + + + + + + + + +   # to "max"
    sleep 0.3
    tm send-keys -t b r                             # restart: the run's clock starts at max speed
    pid=$(pgrep -P "$(tm display -p -t b '#{pane_pid}')" | head -1)
    ui0=$(cpu_ticks "$pid" "$pid"); t0=$(date +%s.%N)
    end=$((SECONDS + 120))
    until tm capture-pane -p -t b | grep -qE 'CONVERGED|budget reached'; do
        [ $SECONDS -le $end ] || { echo "  no convergence within 120 s"; exit 1; }
        sleep 0.1
    done
    ui1=$(cpu_ticks "$pid" "$pid"); t1=$(date +%s.%N)
    tm send-keys -t b q
    sleep 0.5
    sum=$(tm capture-pane -p -J -t b -S - | grep '^unibias:')
    r=$(printf '%s\n' "$sum" | sed -n 's/.*, \([0-9.]*\) steps\/s$/\1/p')
    rv=$r
    uipct=$(awk -v a="$ui0" -v b="$ui1" -v t0="$t0" -v t1="$t1" -v hz="$hz" 'BEGIN { printf "%.1f", 100 * (b - a) / hz / (t1 - t0) }')
    echo "  live run $i:     $r steps/s (UI thread ${uipct}% of a core while training)"
    all_t+=("$rv")
    best_t=$(awk -v a="$best_t" -v b="$rv" 'BEGIN { print (b > a ? b : a) }')
    tm kill-server
    sleep 0.3
done
echo "  last summary: $sum"
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
mt=$(median "${all_t[@]}"); mh=$(median "${all_h[@]}")
awk -v t="$best_t" -v h="$best_h" 'BEGIN { printf "throughput: live view %.0f vs headless %.0f steps/s = %.1f %% (best of runs)\n", t, h, 100 * t / h }'
awk -v t="$mt" -v h="$mh" 'BEGIN { printf "throughput: live view %.0f vs headless %.0f steps/s = %.1f %% (medians)\n", t, h, 100 * t / h }'

echo "paused (default preset, 120x40):"
tm new-session -d -s b -x 120 -y 40 "sh -c '\"\$0\" --seed 1 >/dev/null; exec sleep 600' $(printf '%q' "$PROG")"
sleep 1.5
tm send-keys -t b ' '
sleep 1
pid=$(pgrep -P "$(tm display -p -t b '#{pane_pid}')" | head -1)
c0=$(cpu_ticks "$pid"); t0=$(date +%s.%N)
sleep "${PAUSE_SECS:-10}"
c1=$(cpu_ticks "$pid"); t1=$(date +%s.%N)
awk -v a="$c0" -v b="$c1" -v t0="$t0" -v t1="$t1" -v hz="$hz" \
    'BEGIN { printf "paused: %d ticks in %.1f s = %.2f %% CPU (whole process)\n", b - a, t1 - t0, 100 * (b - a) / hz / (t1 - t0) }'
tm send-keys -t b q
