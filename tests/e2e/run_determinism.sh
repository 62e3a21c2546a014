#!/usr/bin/env bash
# End-to-end: the same inputs and options print the same bytes, in every
# format, run after run; only the fields documented as volatile
# (statistics.seconds and statistics.peak_rss_kib in JSON, the time and memory
# at the end of the text "explored:" line) may differ, and are masked here.
# The check time of certificates and clocks is an input (--at; it defaults to
# now), so it is pinned like --today.
# Also: a snapshot folder gives the same output whatever order its files were
# written in.
#
# Usage: run_determinism.sh /path/to/kst /path/to/repo
set -u
kst=$1
repo=$2
source "$repo/tests/e2e/lib.sh"
cd "$repo" || exit 2

mask() {  # mask FILE: blanks the volatile fields in place
  sed -i -E 's/, [0-9.e+-]+ s, peak RSS [0-9]+ MiB$/, <time>, <memory>/; s/"(seconds|peak_rss_kib)": [0-9.e+-]+/"\1": 0/' "$1"
}

inputs=(scenarios/*.json scenarios/*.yaml scenarios/topologies/*.json tests/import_inputs/lync/*.xml tests/import_inputs/lync/*.tbxml
  scenarios/snapshots/*)
runs=0
for input in "${inputs[@]}"; do
  for format in text json sarif junit github; do
    "$kst" check "$input" --format "$format" --today 2026-01-01 --at 2026-01-01T00:00:00Z >"$work/first" 2>&1
    "$kst" check "$input" --format "$format" --today 2026-01-01 --at 2026-01-01T00:00:00Z >"$work/second" 2>&1
    mask "$work/first"
    mask "$work/second"
    cmp -s "$work/first" "$work/second" || { fail "$input --format $format differs between two runs:"; diff "$work/first" "$work/second" | head -6; }
    runs=$((runs + 1))
  done
done

# A snapshot folder: files written in one order, then in the reverse order.
mkdir -p "$work/forward" "$work/reverse"
files=(scenarios/snapshots/contoso-owa-tap-on-um-server/*.json scenarios/snapshots/contoso-owa-tap-on-um-server/topology.xml
  tests/import_inputs/lync/tailspin-2010-2013-coexistence.tbxml)
for file in "${files[@]}"; do cp "$file" "$work/forward/" || fail "cannot copy $file"; done
for ((i = ${#files[@]} - 1; i >= 0; i--)); do cp "${files[$i]}" "$work/reverse/"; done
"$kst" import "$work/forward" | sed "s|$work/forward|DIR|g" >"$work/forward.json"
"$kst" import "$work/reverse" | sed "s|$work/reverse|DIR|g" >"$work/reverse.json"
cmp -s "$work/forward.json" "$work/reverse.json" || fail "a snapshot folder's import depends on the order its files were written"
[ -s "$work/forward.json" ] || fail "the snapshot import printed nothing"

echo "$runs input/format pairs run twice"
finish determinism
