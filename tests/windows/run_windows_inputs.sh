#!/usr/bin/env bash
# Inputs as Windows produces them, through tests/windows/kst_both.sh (both binaries, outputs compared):
# scenarios and topologies re-encoded as PowerShell 5.1 writes them (UTF-16 LE with a BOM, CRLF) and as
# PowerShell 7 does (UTF-8 with and without a BOM, CRLF); a file with a non-ASCII name; file names spelt with
# backslashes, with a drive letter and as extended \\?\ paths, for good inputs and malformed ones (whose
# errors name the file). Usage: run_windows_inputs.sh KST_BOTH REPO
set -u
kst=$1
repo=$2
cd "$repo"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
check() {  # check EXPECTED_EXIT ARGS...: runs kst_both.sh, which records any Windows difference itself
  local want=$1
  shift
  "$kst" "$@" >/dev/null 2>&1
  local got=$?
  [ "$got" -eq "$want" ] || {
    echo "FAIL: kst $*: exit $got, expected $want"
    failures=$((failures + 1))
  }
}

# Every scenario and bundled topology re-encoded, in a copy of scenarios/ per encoding (a scenario names its
# topology relative to itself): both binaries run `kst test` on the copy, which must also say what it says
# on the original (same passes, failures and skips; only the folder's name differs).
reencode() {  # reencode FOLDER ENCODING: the .json and .yaml files of FOLDER (a copy) rewritten in place
  local file
  find "$1" -name '*.json' -o -name '*.yaml' | while IFS= read -r file; do
    sed 's/$/\r/' "$file" >"$file.crlf"
    case $2 in
      crlf) mv "$file.crlf" "$file" ;;
      utf8bom-crlf) { printf '\xef\xbb\xbf'; cat "$file.crlf"; } >"$file" && rm "$file.crlf" ;;
      utf16le-crlf) { printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$file.crlf"; } >"$file" && rm "$file.crlf" ;;
    esac
  done
}
"$KST_LINUX" test scenarios scenarios/topologies >"$work/original.out" 2>&1
original=$?
for encoding in crlf utf8bom-crlf utf16le-crlf; do
  mkdir -p "$work/$encoding"
  cp -r scenarios "$work/$encoding/"
  reencode "$work/$encoding/scenarios" "$encoding"
  cd "$work/$encoding"
  check "$original" test scenarios scenarios/topologies
  "$KST_LINUX" test scenarios scenarios/topologies >"$work/$encoding.out" 2>&1
  diff -q "$work/original.out" "$work/$encoding.out" >/dev/null ||
    { echo "FAIL: kst test on scenarios/ in $encoding differs from the original:"; diff "$work/original.out" "$work/$encoding.out" | head -10; failures=$((failures + 1)); }
  for sample in scenarios/o1-add-owa-tap-breaks-um.json scenarios/move-sipname-dial-plan-onto-owa-server-commented.yaml; do
    "$KST_LINUX" check "$sample" >/dev/null 2>&1
    check $? check --format json "$sample"
  done
  cd "$repo"
  # Malformed inputs in the same encoding: the error's line and column are the same on both.
  mkdir -p "$work/$encoding/malformed"
  cp tests/malformed/*.json "$work/$encoding/malformed/"
  reencode "$work/$encoding/malformed" "$encoding"
  for file in "$work/$encoding"/malformed/*.json; do
    "$KST_LINUX" check "$file" >/dev/null 2>&1
    check $? check "$file"
  done
done
# The same files named as a Windows user would.
for sample in scenarios/o1-add-owa-tap-breaks-um.json scenarios/clean-all-checks-pass.json; do
  "$KST_LINUX" check "$sample" >/dev/null 2>&1
  want=$?
  for spelling in backslash drive extended; do
    KST_WINDOWS_PATHS=$spelling check "$want" check "$sample"
  done
done
# A file name outside ASCII (kst.exe reads its command line as UTF-16, opens files by their UTF-16 names).
# In a copy of scenarios/, for the topology the scenario names beside it.
cp scenarios/o1-add-owa-tap-breaks-um.json "$work/crlf/scenarios/Überprüfung-été-ΚΣΤ.json"
"$KST_LINUX" check "$work/crlf/scenarios/Überprüfung-été-ΚΣΤ.json" >/dev/null 2>&1
check $? check "$work/crlf/scenarios/Überprüfung-été-ΚΣΤ.json"
# Malformed inputs (exit 3 but for the few that only warn), the error naming the file as it was given.
for file in $(ls tests/malformed/*.json | head -6); do
  "$KST_LINUX" check "$file" >/dev/null 2>&1
  want=$?
  for spelling in backslash drive; do
    KST_WINDOWS_PATHS=$spelling check "$want" check "$file"
  done
done
# A folder named with backslashes (kst test lists it and names its files).
KST_WINDOWS_PATHS=backslash check 0 test scenarios/topologies
# Ctrl-C: Wine turns a SIGINT to its process into the console's CTRL_C_EVENT, which kst.exe's handler
# (base/platform_windows.cpp) takes as the first Ctrl-C: stop at the next safe point, exit 130, say so.
python3 - "$work" <<'PY'
import json, os, sys
servers = [{"fqdn": f"ex{i}.contoso.com", "version": "2013"} for i in range(500000)]
json.dump({"format": "kst-topology/1",
           "lync": {"pools": [{"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 6,
                               "computers": ["fe01.contoso.com"]}]},
           "exchange": {"servers": servers, "um_dial_plans": [{"name": "SIP", "uri_type": "SipName",
                                                               "servers": [s["fqdn"] for s in servers]}]}},
          open(os.path.join(sys.argv[1], "wide.json"), "w"))
PY
"$WINE" "$KST_WINDOWS" check "$work/wide.json" >"$work/interrupt.out" 2>"$work/interrupt.err" &
pid=$!
sleep 3
if kill -INT "$pid" 2>/dev/null; then
  tenths=0
  while kill -0 "$pid" 2>/dev/null && [ $tenths -lt 300 ]; do
    sleep 0.1
    tenths=$((tenths + 1))
  done
  kill -0 "$pid" 2>/dev/null && { echo "FAIL: Ctrl-C: kst.exe still running 30 s after it"; kill -KILL "$pid"; }
  wait "$pid"
  code=$?
  if [ $code -ne 130 ] || ! grep -q "kst: interrupted" "$work/interrupt.err"; then
    echo "FAIL: Ctrl-C: exit $code, expected 130 and \"kst: interrupted\"; stderr: $(head -3 "$work/interrupt.err")"
    failures=$((failures + 1))
  fi
else
  echo "FAIL: Ctrl-C: kst.exe ended within 3 s, before the interrupt"
  failures=$((failures + 1))
fi
if [ $failures -gt 0 ]; then
  echo "$failures Windows input check(s) failed"
  exit 1
fi
echo "all Windows input checks passed"
