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

samples=(scenarios/o1-add-owa-tap-breaks-um.json scenarios/clean-all-checks-pass.json
  scenarios/move-sipname-dial-plan-onto-owa-server-commented.yaml)
for sample in "${samples[@]}"; do
  base=$(basename "$sample")
  sed 's/$/\r/' "$sample" >"$work/crlf-$base"
  { printf '\xef\xbb\xbf'; cat "$work/crlf-$base"; } >"$work/utf8bom-crlf-$base"
  { printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$work/crlf-$base"; } >"$work/utf16le-$base"
done
for sample in "${samples[@]}"; do
  base=$(basename "$sample")
  "$KST_LINUX" check "$sample" >/dev/null 2>&1
  want=$?
  for variant in crlf utf8bom-crlf utf16le; do
    check "$want" check "$work/$variant-$base"
  done
  check "$want" check --format json "$work/utf16le-$base"
  # The same file named as a Windows user would.
  for spelling in backslash drive extended; do
    KST_WINDOWS_PATHS=$spelling check "$want" check "$sample"
  done
done
# A file name outside ASCII (kst.exe reads its command line as UTF-16, opens files by their UTF-16 names).
cp scenarios/o1-add-owa-tap-breaks-um.json "$work/Überprüfung-été-ΚΣΤ.json"
"$KST_LINUX" check scenarios/o1-add-owa-tap-breaks-um.json >/dev/null 2>&1
check $? check "$work/Überprüfung-été-ΚΣΤ.json"
# Malformed inputs: exit 3, the error naming the file as it was given.
for file in $(ls tests/malformed/*.json | head -6); do
  for spelling in backslash drive; do
    KST_WINDOWS_PATHS=$spelling check 3 check "$file"
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
