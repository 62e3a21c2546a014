#!/usr/bin/env bash
# make test-windows: kst.exe under Wine against the Linux kst, and the cross-built unit tests.
#
#   tests/windows/run.sh LINUX_KST WINDOWS_BUILD_DIR
#
# 1. `kst test scenarios/` and the end-to-end suites that need no Linux-only tool (signals, rlimits, a
#    browser, dpkg), with tests/windows/kst_both.sh as their kst: every command line they run is run by both
#    binaries and stdout, stderr and the exit code compared (after tests/windows/normalise.sh).
# 2. What only Windows users produce: the malformed inputs and a scenario re-encoded as PowerShell 5.1 writes
#    (UTF-16 LE with a BOM, CRLF) and PowerShell 7 (UTF-8 with and without a BOM, CRLF), named with
#    backslashes, with a drive letter and as an extended \\?\ path.
# 3. kst_tests.exe (the doctest unit tests less the POSIX-only ones, tests/windows/CMakeLists.txt).
# Any difference, any suite or unit test failing, fails the run (exit 1), with the differences shown.
set -u
repo=$(cd "$(dirname "$0")/../.." && pwd)
here=$repo/tests/windows
export KST_LINUX=$(realpath "$1")
windows_build=$(realpath "$2")
export KST_WINDOWS=$windows_build/kst.exe
deps=${KST_WINDOWS_DEPS:-$HOME/.cache/kst-windows-deps}
export WINEPREFIX=$deps/wine WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
export WINE=$(command -v wine64 || command -v wine || echo /usr/lib/wine/wine64)
wineserver=$(command -v wineserver || echo /usr/lib/wine/wineserver)
cd "$repo"
record=$(mktemp -d "${TMPDIR:-/tmp}/kst-windows-XXXXXX")
export KST_COMPARE_DIR=$record/compare
mkdir -p "$KST_COMPARE_DIR" "$record/suites"
touch "$KST_COMPARE_DIR/log"
failures=0
started=$SECONDS

# One Wine server for the whole run: each of the hundreds of kst.exe starts then takes a fraction of a second.
mkdir -p "$WINEPREFIX"
"$wineserver" -p 2>/dev/null
"$WINE" cmd /c exit 0 >/dev/null 2>&1 || true  # creates the prefix on the first run
trap '"$wineserver" -k 2>/dev/null; rm -rf "$record"' EXIT

suite() {  # suite NAME COMMAND...: a suite run with kst_both.sh; its output kept for when it fails
  local name=$1
  shift
  local before=$SECONDS
  if "$@" >"$record/suites/$name" 2>&1 </dev/null; then
    echo "test-windows: $name: passed ($((SECONDS - before)) s)"
  else
    echo "test-windows: $name: FAILED ($((SECONDS - before)) s):"
    tail -15 "$record/suites/$name" | sed 's/^/  /'
    failures=$((failures + 1))
  fi
}

kst=$here/kst_both.sh
suite scenario_runner "$kst" test scenarios scenarios/topologies
for name in scenarios cli import sarif junit github gate diagnose impact; do
  suite "e2e_$name" bash tests/e2e/run_$name.sh "$kst" "$repo"
done
for folder in tests/malformed tests/malformed_yaml tests/import_inputs/lync/malformed \
  tests/import_inputs/exchange/malformed; do
  suite "e2e_malformed_$(basename "$(dirname "$folder")")_$(basename "$folder")" bash tests/e2e/run_malformed.sh "$kst" "$repo" "$folder"
done
suite windows_inputs bash "$here/run_windows_inputs.sh" "$kst" "$repo"

# The unit tests cross-built, run by Wine from the source folder (their fixtures are read relative to it);
# all but the one that runs Graphviz's dot, which Wine does not have (the comparison above counts those runs).
before=$SECONDS
if "$WINE" "$windows_build/kst_tests.exe" --test-case-exclude="rendering through Graphviz" >"$record/suites/unit" \
  2>&1 </dev/null; then
  echo "test-windows: kst_tests.exe: $(grep -E '^\[doctest\] (test cases|assertions)' "$record/suites/unit" |
    tr -s ' ' | paste -sd ';') ($((SECONDS - before)) s)"
else
  echo "test-windows: kst_tests.exe: FAILED ($((SECONDS - before)) s):"
  grep -E -B2 -A8 'ERROR|FATAL|test cases' "$record/suites/unit" | head -80 | sed 's/^/  /'
  failures=$((failures + 1))
fi

compared=$(wc -l <"$KST_COMPARE_DIR/log")
different=$(grep -c '^DIFFERENT' "$KST_COMPARE_DIR/log")
no_graphviz=$(grep -c '^no-graphviz' "$KST_COMPARE_DIR/log")
retried=$(cat "$KST_COMPARE_DIR/retries" 2>/dev/null | wc -l)
echo "test-windows: $compared command lines run by both kst and kst.exe, $different different," \
  "$no_graphviz drawing with Graphviz (not installed under Wine: kst.exe said so, exit 3)," \
  "$retried kst.exe run(s) retried after Wine failed to start them"
if [ "$different" -gt 0 ]; then
  for run in "$KST_COMPARE_DIR"/run-*; do
    [ -f "$run/difference" ] || continue
    echo "--- $(cat "$run/command")"
    sed 's/^/  /' "$run/difference"
  done | head -400
  failures=$((failures + 1))
fi
echo "test-windows: $((SECONDS - started)) s"
if [ $failures -gt 0 ]; then
  echo "test-windows: FAILED ($failures part(s))"
  exit 1
fi
echo "test-windows: passed"
