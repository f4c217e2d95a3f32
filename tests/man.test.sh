#!/usr/bin/env bash
# man.test.sh - the man page: lint clean (groff and mandoc), its sections in
# sync with the program (parameters with defaults and ranges, options, presets,
# batch summary keys, version), and every command line in EXAMPLES runs and
# exits 0, from the source tree and through UNIBIAS_PRESET_PATH.
set -u
UB=${UNIBIAS:-./unibias}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
man=$root/man/unibias.1
fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
bad() { echo "FAIL: $*"; fail=1; }

[ -f "$man" ] || { echo "FAIL: no $man"; exit 1; }
for tool in groff mandoc; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool not installed (scripts/install-deps installs it)"; exit 1; }
done

# 1. lint: no warnings at all
out=$(groff -man -ww -z "$man" 2>&1); rc=$?
[ "$rc" -eq 0 ] && [ -z "$out" ] || bad "groff -man -ww -z: exit $rc: $out"
out=$(mandoc -T lint "$man" 2>&1); rc=$?
[ "$rc" -eq 0 ] && [ -z "$out" ] || bad "mandoc -T lint: exit $rc: $out"
# Dashes written as \- (a bare - may typeset as a Unicode hyphen, which does not
# paste into a shell); comment lines excepted.
bare=$(sed 's/\\(..//g' "$man" | grep -n '\(^\|[^\\]\)-' | grep -v '^[0-9]*:\.\\"' | grep -v '^[0-9]*:\.TH ')
[ -z "$bare" ] || bad "bare '-' in the man source (write \\-): $bare"

# The page as a reader sees it, one paragraph per line (no filling breaks).
# Rendered with a tagged paragraph indent of 1 (.TP 1) so that every tag, even
# a short one, stands on its own line (indent 7) above its body (indent 8).
sed 's/^\.TP.*/.TP 1/' "$man" | mandoc -T ascii -O width=400 | sed 's/.\x08//g' >"$tmp/page"
# section NAME: the lines of a section, without its heading
section() { awk -v s="$1" '/^[A-Z]/ { on = ($0 == s); next } on' "$tmp/page"; }
# tags NAME: the tags (headings of tagged paragraphs) of a section, trimmed
tags() {
    section "$1" | awk '/^        [^ ]/ && prev != "" { print prev }
                        { prev = ""; if ($0 ~ /^       [^ ]/) { prev = $0; sub(/^ +/, "", prev) } }'
}

for s in NAME SYNOPSIS DESCRIPTION OPTIONS PARAMETERS KEYS PRESETS EXAMPLES FILES ENVIRONMENT \
         "EXIT STATUS" "SEE ALSO"; do
    grep -qx "$s" "$tmp/page" || bad "no section $s"
    [ -n "$(section "$s" | tr -d ' \n')" ] || bad "section $s is empty"
done
grep -q '2312\.00935' "$tmp/page" || bad "no reference to arXiv 2312.00935"
for v in NO_COLOR XDG_CONFIG_HOME UNIBIAS_PRESET_PATH HOME LANG; do
    tags ENVIRONMENT | grep -qw "$v" || bad "ENVIRONMENT lacks $v"
done
ver=$("$UB" --version | awk '{ print $2 }')
grep -q "^\.TH UNIBIAS 1 [^ ]* \"unibias $ver\"" "$man" || bad ".TH does not carry version $ver"

# 2. PARAMETERS: every key of the table with its default and allowed values,
# and no key that the table lacks. --help lines: "  key  default  range  help".
"$UB" --help >"$tmp/help" || bad "--help failed"
awk '/^parameters/ { on = 1; next } on && /^$/ { exit } on' "$tmp/help" >"$tmp/params"
[ "$(wc -l <"$tmp/params")" -ge 20 ] || bad "--help lists only $(wc -l <"$tmp/params") parameters"
section PARAMETERS >"$tmp/psec"
while read -r key def rest; do
    # the range: an enum (a|b), an interval ([x, y) etc.) or "0 .. 2^64-1"
    if [[ $rest =~ ^([^\ ]+\|[^\ ]+) ]] || [[ $rest =~ ^([\[\(][^\]\)]*[\]\)]) ]] ||
       [[ $rest =~ ^([0-9]+\ \.\.\ [^\ ]+) ]]; then
        range=${BASH_REMATCH[1]}
    else
        bad "cannot read the range of '$key' from --help: $rest"; continue
    fi
    # heading "key = default", then a paragraph starting "Allowed: range."
    body=$(awk -v h="$key = $def" '
        { line = $0; sub(/^ +/, "", line) }
        found { if (/^        [^ ]/) print line; exit }
        /^       [^ ]/ && line == h { found = 1 }' "$tmp/psec")
    if [ -z "$body" ]; then
        bad "PARAMETERS lacks '$key = $def' (the table's default)"
    elif [[ $body != "Allowed: $range."* ]]; then
        bad "PARAMETERS: $key: '${body:0:60}' does not start with 'Allowed: $range.'"
    fi
done <"$tmp/params"
tags PARAMETERS | awk -F' = ' 'NF == 2 { print $1 }' | while read -r key; do
    grep -q "^  $key " "$tmp/params" || echo "FAIL: PARAMETERS documents '$key', which the parameter table lacks"
done | grep . && fail=1

# 3. OPTIONS: the options of the usage text, and only those (plus the
# documented alias --no-colour)
awk '/^options:/ { on = 1; next } on && /^$/ { exit } on { print substr($0, 1, 24) }' "$tmp/help" |
    grep -o -- '--\?[A-Za-z][-A-Za-z]*' | sort -u >"$tmp/opts.help"
tags OPTIONS | grep -o -- '\(^\|[ ,]\)--\?[A-Za-z][-A-Za-z]*' | tr -d ' ,' | sort -u >"$tmp/opts.man"
[ "$(wc -l <"$tmp/opts.help")" -ge 10 ] || bad "read only $(wc -l <"$tmp/opts.help") options from --help"
for o in $(comm -23 "$tmp/opts.help" "$tmp/opts.man"); do bad "OPTIONS lacks $o"; done
for o in $(comm -13 "$tmp/opts.help" "$tmp/opts.man"); do
    [ "$o" = --no-colour ] || bad "OPTIONS documents $o, which --help lacks"
done

# 4. PRESETS: every preset shipped, and only those; each also in an example
ls "$root/presets" | sed -n 's/\.preset$//p' | sort >"$tmp/presets.dir"
tags PRESETS | tr ',' '\n' | tr -d ' ' | grep . | sort -u >"$tmp/presets.man"
[ "$(wc -l <"$tmp/presets.dir")" -ge 12 ] || bad "only $(wc -l <"$tmp/presets.dir") presets"
for p in $(comm -23 "$tmp/presets.dir" "$tmp/presets.man"); do bad "PRESETS lacks $p"; done
for p in $(comm -13 "$tmp/presets.dir" "$tmp/presets.man"); do bad "PRESETS names '$p', which presets/ lacks"; done

# 5. BATCH OUTPUT: every summary key, and only those
"$UB" --batch --steps 10 --set n=20 >"$tmp/sum" || bad "--batch failed"
sed -n 's/=.*//p' "$tmp/sum" | sort -u >"$tmp/keys.run"
tags "BATCH OUTPUT" | tr ',' '\n' | tr -d ' ' | grep . | sort -u >"$tmp/keys.man"
for k in $(comm -23 "$tmp/keys.run" "$tmp/keys.man"); do bad "BATCH OUTPUT lacks the summary key $k"; done
for k in $(comm -13 "$tmp/keys.run" "$tmp/keys.man"); do bad "BATCH OUTPUT documents '$k', which --batch does not print"; done

# 6. EXAMPLES: single command lines starting with "unibias"; each runs
tags EXAMPLES | grep -E '^unibias( |$)' >"$tmp/examples"
n=$(wc -l <"$tmp/examples")
[ "$n" -ge 8 ] || bad "only $n command lines in EXAMPLES, at least 8 wanted"
[ "$(tags EXAMPLES | grep -cvE '^unibias( |$)')" -eq 0 ] ||
    bad "EXAMPLES headings that are not unibias commands: $(tags EXAMPLES | grep -vE '^unibias( |$)' | head -3)"
LC_ALL=C grep -n '[^ -~]' "$tmp/examples" && bad "non-ASCII characters in example commands"
while read -r p; do
    grep -qE -- "-p $p( |$)" "$tmp/examples" || bad "no example runs preset $p"
done <"$tmp/presets.dir"
# run_examples DIR ENV...: runs every example in DIR with the environment given
run_examples() {
    local dir=$1; shift
    local i=0 cmd args
    while IFS= read -r cmd; do
        i=$((i + 1))
        args=${cmd#unibias}
        # a live-view example runs headless, as a script would check it
        # (sweeps and merges are headless already)
        if [[ " $args " != *" --batch "* && " $args " != *" --list-presets "* &&
              " $args " != *" --help "* && " $args " != *" --version "* &&
              " $args " != *" --sweep "* && " $args " != *" --repeat "* && " $args " != *" --merge "* ]]; then
            args="$args --batch --steps 300"
        fi
        (cd "$dir" && env "$@" UB="$UB" timeout 60 bash -o pipefail -c "\"\$UB\"$args") \
            >"$tmp/ex.out" 2>"$tmp/ex.err"
        local rc=$?
        [ "$rc" -eq 0 ] || bad "example '$cmd' (in $dir) exited $rc: $(head -c 300 "$tmp/ex.err")"
    done <"$tmp/examples"
}
mkdir -p "$tmp/home" "$tmp/elsewhere"
# from elsewhere first (a private directory: an example that writes a file into
# the current directory shows up there), presets found via UNIBIAS_PRESET_PATH
run_examples "$tmp/elsewhere" -u XDG_CONFIG_HOME UNIBIAS_PRESET_PATH="$tmp/none:$root/presets" HOME="$tmp/home"
[ -z "$(ls -A "$tmp/elsewhere")" ] || bad "examples wrote files into the current directory: $(ls -A "$tmp/elsewhere")"
# from the source tree, presets found through ./presets
[ "$fail" -eq 0 ] && run_examples "$root" -u UNIBIAS_PRESET_PATH -u XDG_CONFIG_HOME HOME="$tmp/home"

exit $fail
