#!/usr/bin/env bash
# End-to-end: every scenario under scenarios/ must meet its expect block, in
# text and in JSON; every bundled topology must give its listed verdict; and
# the seed case's text report must match its golden file.
# Usage: run_scenarios.sh KST REPO
set -u
kst=$1
repo=$2
cd "$repo" || exit 2
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

for scenario in scenarios/*.json scenarios/*.yaml; do
  [ -e "$scenario" ] || continue
  json=$("$kst" check --format json "$scenario" 2>/tmp/kst-e2e-stderr.$$)
  status=$?
  grep -q '"met": true' <<<"$json" || fail "$scenario: expectation not met (exit $status): $(grep -A5 differences <<<"$json")"
  verdict=$(grep -m1 '"verdict":' <<<"$json" | sed 's/.*"verdict": "\([a-z]*\)".*/\1/')
  case "$verdict/$status" in
    pass/0 | fail/1 | inconclusive/4) ;;
    *) fail "$scenario: verdict $verdict but exit code $status" ;;
  esac
  text=$("$kst" check "$scenario" 2>&1)
  [ $? -eq "$status" ] || fail "$scenario: text and JSON runs exit differently"
  grep -q "^expectation: met" <<<"$text" || fail "$scenario: text report does not say the expectation is met"
done

while read -r file want; do
  [ -z "$file" ] && continue
  "$kst" check --at 2025-03-01T09:00:00Z "scenarios/topologies/$file" >/dev/null 2>&1
  got=$?
  [ "$got" -eq "$want" ] || fail "topology $file: exit $got, expected $want"
done <tests/e2e/topology_verdicts.txt

# Golden text report of the seed case (the timing line varies, so it is cut).
golden=tests/golden/o1-add-owa-tap-breaks-um.txt
"$kst" check scenarios/o1-add-owa-tap-breaks-um.json 2>&1 | grep -v '^explored:' >/tmp/kst-e2e-o1.$$
if ! diff -u "$golden" /tmp/kst-e2e-o1.$$; then
  fail "seed case report differs from $golden (regenerate: see tests/golden/README.md)"
fi
# Issue 15: the seed case's text report fits a terminal screen of 40 lines (the timing line included).
lines=$("$kst" check scenarios/o1-add-owa-tap-breaks-um.json 2>/dev/null | wc -l)
[ "$lines" -le 40 ] || fail "the seed case's text report has $lines lines, more than a 40-line screen"
rm -f /tmp/kst-e2e-o1.$$ /tmp/kst-e2e-stderr.$$

if [ "$failures" -gt 0 ]; then
  echo "$failures scenario check(s) failed"
  exit 1
fi
echo "all scenario checks passed"
