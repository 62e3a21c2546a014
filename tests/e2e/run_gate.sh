#!/usr/bin/env bash
# End-to-end checks of the pre-deploy gate: exit-code policy, --output files,
# waivers (valid, expired, stale, malformed, ignored), kst diff and kst test.
# Usage: run_gate.sh KST REPO
set -u
kst=$1
repo=$2
cd "$repo" || exit 2
# shellcheck source=tests/e2e/lib.sh
source tests/e2e/lib.sh

o1=scenarios/o1-add-owa-tap-breaks-um.json
inputs=tests/e2e/inputs
today="--today 2026-11-23"

# Gate policy
expect_exit 1 "o1 fails the gate" -- "$kst" check "$o1"
expect_in "$work/out" "^2 errors, 0 warnings, 0 waived" "summary line"
expect_exit 0 "--no-fail reports only" -- "$kst" check --no-fail "$o1"
expect_in "$work/err" "because of --no-fail" "--no-fail says so"
expect_exit 0 "warnings pass by default" -- "$kst" check scenarios/migrate-tap-2010-to-2013.json
expect_exit 1 "--fail-on warning" -- "$kst" check --fail-on warning scenarios/migrate-tap-2010-to-2013.json
expect_exit 4 "inconclusive" -- "$kst" check --max-states 1 scenarios/topologies/contoso.json
expect_exit 0 "--inconclusive-ok" -- "$kst" check --inconclusive-ok --max-states 1 scenarios/topologies/contoso.json
expect_in "$work/err" "inconclusive" "--inconclusive-ok warns"
expect_exit 3 "input errors stay 3 under --no-fail" -- "$kst" check --no-fail tests/malformed/truncated.json
expect_exit 2 "bad --output" -- "$kst" check --output pdf=x.pdf "$o1"
expect_exit 2 "bad --fail-on" -- "$kst" check --fail-on note "$o1"

# --output writes every format to files, stdout keeps --format
expect_exit 1 "--output" -- "$kst" check --format json --output "text=$work/r.txt" --output "json=$work/r.json" "$o1"
expect_in "$work/out" '"format_version": "1"' "stdout is JSON"
expect_in "$work/r.txt" "^verdict: fail" "text file written"
expect_in "$work/r.json" '"verdict": "fail"' "json file written"
grep -q $'\033' "$work/r.txt" && fail "colour codes in a text file"

# Waivers
expect_exit 0 "waived findings pass" -- "$kst" check $today --waivers "$inputs/waivers-o1.json" "$o1"
expect_in "$work/out" "(waived)" "waived findings are still shown"
expect_in "$work/out" "waived: TAP removal scheduled, CHG-1042 (owner uc-team@contoso.com" "waiver reason shown"
expect_in "$work/out" "^0 errors, 0 warnings, 2 waived" "waived count"
expect_exit 1 "--no-waivers audits" -- "$kst" check $today --no-waivers --waivers "$inputs/waivers-o1.json" "$o1"
expect_exit 1 "an expired waiver is an error" -- "$kst" check $today --waivers "$inputs/waivers-expired.json" "$o1"
expect_in "$work/out" "error kst/waiver-expired: ex1.contoso.com" "expired waiver reported"
expect_in "$work/out" "expired on 2020-01-31" "expiry date named"
expect_exit 1 "a stale waiver is a warning (o1 still fails)" -- "$kst" check $today --waivers "$inputs/waivers-stale.json" "$o1"
expect_in "$work/out" "warning kst/waiver-stale: ex9.contoso.com" "stale waiver reported"
expect_exit 0 "a stale waiver alone passes" -- "$kst" check $today --waivers "$inputs/waivers-stale.json" scenarios/topologies/contoso.json
expect_exit 1 "a stale waiver fails --fail-on warning" -- "$kst" check $today --fail-on warning --waivers "$inputs/waivers-stale.json" scenarios/topologies/contoso.json
expect_exit 3 "malformed waiver file" -- "$kst" check $today --waivers "$inputs/waivers-bad.json" "$o1"
expect_in "$work/err" "waivers-bad.json:4:5: error\[missing-field\]: waiver lacks the required field \"reason\"" "waiver error located"
expect_exit 3 "missing waiver file" -- "$kst" check --waivers "$work/none.json" "$o1"

# kst diff
expect_exit 1 "diff adding the OWA TAP" -- "$kst" diff scenarios/topologies/contoso.json "$o1"
expect_in "$work/out" "fe01.contoso.com: ex1.contoso.com changed (version 0 -> version 6)" "table change"
expect_in "$work/out" "new       error kst/version-conflict: ex1.contoso.com" "new finding"
expect_exit 0 "diff of a topology with itself" -- "$kst" diff scenarios/topologies/contoso.json scenarios/topologies/contoso.json
expect_in "$work/out" "table changes (after a fresh RTCSRV start): none" "no change"
expect_exit 0 "diff resolving the seed conflict" -- "$kst" diff --format json scenarios/topologies/seed-ex1-um-and-owa-tap.json scenarios/topologies/contoso.json
expect_in "$work/out" '"status": "resolved"' "resolved finding in JSON"
expect_exit 2 "diff needs two files" -- "$kst" diff scenarios/topologies/contoso.json

# kst test
expect_exit 0 "kst test on the shipped scenarios" -- "$kst" test scenarios scenarios/topologies
expect_in "$work/out" " passed, 0 failed, " "runner summary"
expect_exit 1 "kst test reports a wrong expectation" -- "$kst" test "$inputs/wrong-expectation.json" "$o1"
expect_in "$work/out" "^FAIL $inputs/wrong-expectation.json" "failing scenario named"
expect_in "$work/out" "expected verdict pass, got fail" "difference shown"
expect_in "$work/out" "^1 passed, 1 failed, 0 skipped" "runner counts"
expect_exit 1 "kst test on a missing path" -- "$kst" test "$work/nothing-here"

finish gate
