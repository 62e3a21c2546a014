#!/usr/bin/env bash
# End-to-end: a gate that never lies (issue 16). Each input here once made kst
# pass, or look as if it checked, when it had not: a waiver widened or revived
# by a key or a date kst did not understand, a scenario test whose expect block
# was half read, a forged or stale trace that "reproduced", a Ctrl-C that waited.
# Usage: run_gate_integrity.sh KST REPO
set -u
kst=$1
repo=$2
cd "$repo" || exit 2
# shellcheck source=tests/e2e/lib.sh
source tests/e2e/lib.sh

o1=scenarios/o1-add-owa-tap-breaks-um.json
today="--today 2026-11-23"

# waiver FILE SERVERS_MEMBER EXPIRES: o1's two findings waived, the second
# with SERVERS_MEMBER (a JSON member, or nothing) and EXPIRES.
waiver() {
  cat >"$1" <<JSON
{"format": "kst-waivers/1",
 "waivers": [
  {"rule": "kst/version-conflict", "fqdn": "ex1.contoso.com", "servers": "*",
   "reason": "CHG-1042", "owner": "uc-team@contoso.com", "expires": "2099-12-31"},
  {"rule": "kst/unknown-server", "fqdn": "ex1.contoso.com", $2
   "reason": "CHG-1042", "owner": "uc-team@contoso.com", "expires": "$3"}]}
JSON
}

# Waivers: the well-formed file waives o1 (the control case).
waiver "$work/w-ok.json" '"servers": ["fe01.contoso.com", "fe02.contoso.com"],' 2099-12-31
expect_exit 0 "a well-formed waiver file waives o1" -- "$kst" check $today --waivers "$work/w-ok.json" "$o1"
# A misspelt servers key would have waived every server: an input error, at the key.
for key in server Servers; do
  waiver "$work/w-$key.json" "\"$key\": [\"fe01.contoso.com\"]," 2099-12-31
  expect_exit 3 "waiver with \"$key\"" -- "$kst" check $today --waivers "$work/w-$key.json" "$o1"
  expect_in "$work/err" "w-$key.json:5:[0-9]*: error\[unknown-field\]: unknown field \"$key\" in waiver" "\"$key\" located"
done
waiver "$work/w-empty.json" '"servers": [],' 2099-12-31
expect_exit 3 "waiver for no server" -- "$kst" check $today --waivers "$work/w-empty.json" "$o1"
expect_in "$work/err" "w-empty.json:5:[0-9]*: error\[wrong-value\]: a waiver for no server" "empty servers located"
# Dates that are no day of the calendar.
for date in 2026-02-30 2099-04-31 0000-01-01 2100-02-29; do
  waiver "$work/w-$date.json" "" "$date"
  expect_exit 3 "waiver expiring $date" -- "$kst" check $today --waivers "$work/w-$date.json" "$o1"
  expect_in "$work/err" "w-$date.json:6:[0-9]*: error\[wrong-value\]: expires must be a date YYYY-MM-DD, not \"$date\"" "$date located"
done
waiver "$work/w-leap.json" "" 2028-02-29
expect_exit 0 "a leap day is a day" -- "$kst" check $today --waivers "$work/w-leap.json" "$o1"
# --today is a date, and dates compare as dates: "--today 0" revived a waiver of 2020.
waiver "$work/w-2020.json" "" 2020-01-31
expect_exit 1 "a waiver of 2020 has expired" -- "$kst" check $today --waivers "$work/w-2020.json" "$o1"
for bad in 0 2026-02-30 26-11-23 2026-11-23T00:00:00Z; do
  expect_exit 2 "--today \"$bad\"" -- "$kst" check --today "$bad" --waivers "$work/w-2020.json" "$o1"
  expect_in "$work/err" "kst: fatal: --today \"$bad\" is not a date YYYY-MM-DD" "--today \"$bad\" message"
done
expect_exit 0 "--today 2020-01-31: the last day of the waiver" -- \
  "$kst" check --today 2020-01-31 --waivers "$work/w-2020.json" "$o1"
expect_in "$work/out" "^0 errors, 0 warnings, 2 waived" "waived through its expiry day"

# kst test: a misspelt key in an expect block is never a pass.
mkdir -p "$work/tests"
python3 - "$repo/$o1" "$work/tests" <<'PY'
import json, os, sys
scenario = json.load(open(sys.argv[1]))
scenario["topology"] = os.path.join(os.path.dirname(sys.argv[1]), scenario["topology"])
def write(name, change):
    s = json.loads(json.dumps(scenario))
    change(s["expect"])
    json.dump(s, open(os.path.join(sys.argv[2], name), "w"), indent=1)
write("ok.json", lambda e: None)
write("findngs.json", lambda e: e.update(findngs=e.pop("findings")))
write("brakes.json", lambda e: e["findings"][0].update(brakes=e["findings"][0].pop("breaks")))
PY
expect_exit 0 "kst test: o1 as shipped" -- "$kst" test "$work/tests/ok.json"
for name in findngs brakes; do
  expect_exit 4 "kst test: $name" -- "$kst" test "$work/tests/$name.json"
  expect_in "$work/out" "^INCONCLUSIVE $work/tests/$name.json" "$name: not a pass"
  expect_in "$work/out" "$name.json:[0-9]*:[0-9]*: warning\[unknown-field\]: unknown field \"$name\"" "$name: located warning"
  expect_in "$work/out" "^0 passed, 0 failed, 1 inconclusive, 0 skipped" "$name: counted"
done
expect_exit 4 "kst test: the folder" -- "$kst" test "$work/tests"
expect_in "$work/out" "^1 passed, 0 failed, 2 inconclusive, 0 skipped" "folder counts"
expect_exit 1 "kst test: a failure outranks an inconclusive" -- "$kst" test "$work/tests" tests/e2e/inputs/wrong-expectation.json
expect_in "$work/out" "^1 passed, 1 failed, 2 inconclusive, 0 skipped" "mixed counts"

finish gate-integrity
