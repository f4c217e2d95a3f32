#!/usr/bin/env bash
# install.test.sh - `make install` into a temporary prefix: the binary, the man
# page and every preset land where they should, the installed binary finds its
# presets from / with an empty HOME, DATADIR follows PREFIX even after a build
# for another prefix, a DESTDIR install works, and `make uninstall` removes
# exactly what was installed (and nothing else).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
bad() { echo "FAIL: $*"; fail=1; }
jobs=$(nproc 2>/dev/null || echo 2)
# A private build directory: the binary has its DATADIR compiled in. Variables
# of an enclosing make (make check DESTDIR=...) must not leak in.
mk() {
    env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -C "$root" --no-print-directory -j"$jobs" \
        BUILD="$tmp/build" DESTDIR= "$@" >>"$tmp/make.log" 2>&1
}
# files DIR: every file and symlink under DIR, relative, sorted
files() { (cd "$1" && find . \( -type f -o -type l \) | sort); }

ls "$root/presets" | sed -n 's/\.preset$//p' | sort >"$tmp/presets"
npresets=$(wc -l <"$tmp/presets")
[ "$npresets" -ge 12 ] || bad "only $npresets presets in the source tree"

# 1. install into a temporary prefix
prefix=$tmp/prefix
mk PREFIX="$prefix" install || { echo "FAIL: make install PREFIX=$prefix:"; tail -20 "$tmp/make.log"; exit 1; }
bin=$prefix/bin/unibias
[ -x "$bin" ] || bad "no executable $bin"
[ -f "$prefix/share/man/man1/unibias.1" ] || bad "no man page in $prefix/share/man/man1"
cmp -s "$root/man/unibias.1" "$prefix/share/man/man1/unibias.1" || bad "installed man page differs from man/unibias.1"
for p in $(cat "$tmp/presets"); do
    cmp -s "$root/presets/$p.preset" "$prefix/share/unibias/presets/$p.preset" || bad "preset $p not installed"
done
[ "$(stat -c %a "$bin")" = 755 ] || bad "binary mode $(stat -c %a "$bin"), expected 755"
[ "$(stat -c %a "$prefix/share/man/man1/unibias.1")" = 644 ] || bad "man page mode is not 644"

# 2. the installed binary finds its presets from / with an empty HOME and no
# other way to find them (no ./presets in /, no XDG or preset path)
run_clean() { (cd / && env -i PATH=/usr/bin:/bin HOME="$1" "${@:2}"); }
mkdir -p "$tmp/emptyhome"
for home in "" "$tmp/emptyhome"; do
    run_clean "$home" "$bin" --batch -p default >"$tmp/out" 2>&1 ||
        bad "from / with HOME='$home': unibias --batch -p default failed: $(head -3 "$tmp/out")"
    grep -q '^phase=CONVERGED$' "$tmp/out" || bad "installed default preset did not converge: $(cat "$tmp/out")"
    run_clean "$home" "$bin" --list-presets >"$tmp/list" 2>&1 || bad "--list-presets from / failed: $(cat "$tmp/list")"
    [ "$(grep -c . "$tmp/list")" -eq "$npresets" ] ||
        bad "--list-presets from / lists $(grep -c . "$tmp/list") presets, expected $npresets"
done
for p in fig2-early fig4-superficial xor-relu; do
    run_clean "$tmp/emptyhome" "$bin" --batch -p "$p" --steps 200 >"$tmp/out" 2>&1 ||
        bad "from /: unibias --batch -p $p failed: $(head -3 "$tmp/out")"
done
if command -v man >/dev/null; then
    MANPATH=$prefix/share/man man -w unibias 2>/dev/null | grep -q "^$prefix/share/man/man1/unibias.1" ||
        bad "man does not find the installed page through MANPATH"
fi

# 3. uninstall removes exactly the installed files, and the directories that
# only held them
mk PREFIX="$prefix" uninstall || { bad "make uninstall failed"; tail -20 "$tmp/make.log"; }
[ ! -e "$prefix/share/unibias" ] || bad "uninstall left $prefix/share/unibias: $(files "$prefix/share/unibias" | head -3)"
left=$(files "$prefix")
[ -z "$left" ] || bad "uninstall left files: $left"

# 4. DESTDIR staging with PREFIX=/usr, reusing the build made for $prefix: the
# binary must be rebuilt for /usr/share/unibias. Files that were there before
# (another program, a preset of the admin's) must survive uninstall.
dest=$tmp/dest
mkdir -p "$dest/usr/bin" "$dest/usr/share/unibias/presets"
echo '#!/bin/sh' >"$dest/usr/bin/other-tool"
printf 'description = site preset\nsigma_a = 3\n' >"$dest/usr/share/unibias/presets/site-local.preset"
files "$dest" >"$tmp/before"
mk PREFIX=/usr DESTDIR="$dest" install || { echo "FAIL: make install DESTDIR:"; tail -20 "$tmp/make.log"; exit 1; }
files "$dest" >"$tmp/after"
comm -13 "$tmp/before" "$tmp/after" >"$tmp/added"
expected=$( { echo ./usr/bin/unibias; echo ./usr/share/man/man1/unibias.1
              sed 's|^\(.*\)$|./usr/share/unibias/presets/\1.preset|' "$tmp/presets"; } | sort)
[ "$(cat "$tmp/added")" = "$expected" ] || bad "DESTDIR install added: $(diff <(echo "$expected") "$tmp/added")"
# DATADIR follows PREFIX: the binary names /usr/share/unibias/presets
(cd / && env -i PATH=/usr/bin:/bin HOME= "$dest/usr/bin/unibias" --batch -p no-such-preset) >"$tmp/out" 2>&1
grep -q '/usr/share/unibias/presets' "$tmp/out" ||
    bad "binary installed with PREFIX=/usr does not look in /usr/share/unibias/presets: $(cat "$tmp/out")"
# staged presets are usable through the search path
run_clean "" env UNIBIAS_PRESET_PATH="$dest/usr/share/unibias/presets" "$dest/usr/bin/unibias" --batch -p site-local --steps 50 \
    >"$tmp/out" 2>&1 || bad "staged binary cannot use staged presets: $(head -3 "$tmp/out")"
mk PREFIX=/usr DESTDIR="$dest" uninstall || { bad "make uninstall DESTDIR failed"; tail -20 "$tmp/make.log"; }
files "$dest" >"$tmp/final"
cmp -s "$tmp/before" "$tmp/final" || bad "uninstall did not restore the file list: $(diff "$tmp/before" "$tmp/final")"

exit $fail
