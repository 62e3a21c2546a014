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
if [ $failures -gt 0 ]; then
  echo "$failures Windows input check(s) failed"
  exit 1
fi
echo "all Windows input checks passed"
