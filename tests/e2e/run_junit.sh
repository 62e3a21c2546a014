#!/usr/bin/env bash
# End-to-end: `kst check --format junit` on every scenario and bundled
# topology. Each report must be well-formed XML (xmllint, package
# libxml2-utils, which `make deps` installs), its counts must agree with its
# test cases and with the exit code, and a second run must give the same
# bytes. Then the pinned cases: O1 fails twice, a clean topology passes with
# one case per rule, a spent budget and an unread field are an <error>, a
# waived finding is <skipped>.
# Bash, grep and xmllint only: CI has no python.
# Usage: run_junit.sh KST REPO
set -u
kst=$1
repo=$2
cd "$repo" || exit 2
# shellcheck source=tests/e2e/lib.sh
source tests/e2e/lib.sh

if ! command -v xmllint >/dev/null; then
  echo "FAIL: xmllint not found (apt-get install libxml2-utils; make deps does it)"
  exit 1
fi

# xpath FILE EXPR: the string value of an XPath expression.
xpath() { xmllint --xpath "$2" "$1" 2>/dev/null; }

# junit OUT ARGS...: runs kst check --format junit ARGS, report in OUT, exit code in $status.
junit() {
  local out=$1
  shift
  "$kst" check --format junit "$@" >"$out" 2>"$work/err"
  status=$?
}

# check_report FILE XML: well-formed, and the counts tell the truth.
check_report() {
  local file=$1 xml=$2
  if ! xmllint --noout "$xml" 2>"$work/xmllint"; then
    fail "$file: not well-formed XML: $(head -3 "$work/xmllint")"
    return
  fi
  # One xmllint run for every number (a process per number made the script slow).
  local suites tests cases failures_attr failed errors_attr errored skipped_attr skipped all_tests unnamed untyped
  local name
  IFS='|' read -r suites tests cases failures_attr failed errors_attr errored skipped_attr skipped all_tests \
    unnamed untyped name <<<"$(xpath "$xml" 'concat(count(/testsuites/testsuite), "|",
      /testsuites/testsuite/@tests, "|", count(//testcase), "|",
      /testsuites/testsuite/@failures, "|", count(//testcase/failure), "|",
      /testsuites/testsuite/@errors, "|", count(//testcase/error), "|",
      /testsuites/testsuite/@skipped, "|", count(//testcase/skipped), "|",
      /testsuites/@tests, "|", count(//testcase[not(@classname) or not(@name)]), "|",
      count(//failure[not(@message) or not(@type)] | //error[not(@message) or not(@type)]), "|",
      /testsuites/testsuite/@name)')"
  [ "$suites" = 1 ] || fail "$file: $suites test suites, expected 1"
  [ "$name" = "$file" ] || fail "$file: suite named '$name', not after the input"
  [ "$cases" -gt 0 ] || fail "$file: no test case"
  [ "$tests" = "$cases" ] || fail "$file: tests=\"$tests\" but $cases test cases"
  [ "$failures_attr" = "$failed" ] || fail "$file: failures=\"$failures_attr\" but $failed failures"
  [ "$errors_attr" = "$errored" ] || fail "$file: errors=\"$errors_attr\" but $errored errors"
  [ "$skipped_attr" = "$skipped" ] || fail "$file: skipped=\"$skipped_attr\" but $skipped skipped"
  [ "$all_tests" = "$tests" ] || fail "$file: <testsuites> tests=\"$all_tests\", <testsuite> tests=\"$tests\""
  [ "$unnamed" = 0 ] || fail "$file: a test case without classname or name"
  [ "$untyped" = 0 ] || fail "$file: a failure or error without message or type"
  grep -q -E 'time(stamp)?=' "$xml" && fail "$file: a time or timestamp makes the report non-deterministic"
  case "$status" in
    0) [ "$failed$errored" = 00 ] || fail "$file: exit 0 with $failed failures, $errored errors" ;;
    1) [ "$failed" -gt 0 ] || fail "$file: exit 1 but no failure" ;;
    4) [ "$errored" = 1 ] || fail "$file: exit 4 (inconclusive) but $errored errors" ;;
    *) fail "$file: exit $status; stderr: $(head -3 "$work/err")" ;;
  esac
}

for file in scenarios/*.json scenarios/topologies/*.json; do
  junit "$work/report.xml" "$file" $(at_for "$file")
  check_report "$file" "$work/report.xml"
  junit "$work/again.xml" "$file" $(at_for "$file")
  cmp -s "$work/report.xml" "$work/again.xml" || fail "$file: a second run gives different bytes"
done

# O1: two error findings (version conflict and unknown server), each a failure that explains itself.
o1=scenarios/o1-add-owa-tap-breaks-um.json
junit "$work/o1.xml" "$o1"
[ "$status" = 1 ] || fail "O1: exit $status, expected 1"
[ "$(xpath "$work/o1.xml" 'string(/testsuites/testsuite/@failures)')" = 2 ] || fail "O1: not 2 failures"
conflict='//testcase[@classname="o1-add-owa-tap-breaks-um.version-conflict" and @name="ex1.contoso.com"]'
[ "$(xpath "$work/o1.xml" "string($conflict/failure/@type)")" = kst/version-conflict ] ||
  fail "O1: no failing case for kst/version-conflict on ex1.contoso.com"
xpath "$work/o1.xml" "string($conflict/failure)" >"$work/o1-body.txt"
for part in "servers: 2 of 2 FrontEnd servers" "(scenarios/topologies/contoso.json:15:66)" \
  "(scenarios/o1-add-owa-tap-breaks-um.json:7:23)" "14563 LS Protocol Stack (Error)" \
  "trace (shortest order to the conflict) on fe01.contoso.com:" "-> ex1.contoso.com absent" \
  "14492 LS Protocol Stack (Information)" "fix options:" "holds under reading(s): withdraw-remember"; do
  grep -q -F -- "$part" "$work/o1-body.txt" || fail "O1: the failure body lacks '$part'"
done
[ "$(xpath "$work/o1.xml" 'count(//testcase[@name="expectation"][not(failure)])')" = 1 ] ||
  fail "O1: no passing expectation case"

# A clean topology: passing cases, one per quiet rule, not an empty file.
junit "$work/clean.xml" scenarios/topologies/contoso.json
[ "$status" = 0 ] || fail "contoso: exit $status, expected 0"
[ "$(xpath "$work/clean.xml" 'string(/testsuites/testsuite/@failures)')" = 0 ] || fail "contoso: failures"
passing='//testcase[@name="no kst/version-conflict"][not(*[not(self::system-out)])]'
[ "$(xpath "$work/clean.xml" "count($passing)")" = 1 ] ||
  fail "contoso: no passing case \"no kst/version-conflict\""

# Inconclusive: a spent state budget, and a field kst did not read.
junit "$work/budget.xml" --max-states 1 scenarios/topologies/contoso.json
check_report scenarios/topologies/contoso.json "$work/budget.xml"
[ "$status" = 4 ] || fail "budget: exit $status, expected 4"
grep -q -F 'message="inconclusive: the state budget (--max-states 1)' "$work/budget.xml" ||
  fail "budget: no inconclusive error with its reason"
[ "$(xpath "$work/budget.xml" 'count(//testcase[starts-with(@name, "no ")][not(skipped)])')" = 0 ] ||
  fail "budget: a rule passes although nothing was established"
junit "$work/unread.xml" tests/malformed/unknown_field.json
[ "$status" = 4 ] || fail "unknown field: exit $status, expected 4"
xmllint --noout "$work/unread.xml" 2>/dev/null || fail "unknown field: not well-formed"
grep -q -F 'unknown field &quot;sip_domain&quot;' "$work/unread.xml" || fail "unknown field: reason not escaped"

# Waivers: a waived finding is a skipped case.
cat >"$work/waivers.json" <<'EOF'
{"format": "kst-waivers/1", "waivers": [
{"rule": "kst/version-conflict", "fqdn": "ex1.contoso.com", "reason": "OWA IM <moves> & stays",
 "owner": "uc-team", "expires": "2999-12-31"}]}
EOF
junit "$work/waived.xml" --today 2026-11-23 --waivers "$work/waivers.json" "$o1"
xmllint --noout "$work/waived.xml" 2>/dev/null || fail "waived: not well-formed"
grep -q -F '<skipped message="waived: OWA IM &lt;moves&gt; &amp; stays (uc-team, 2999-12-31)"/>' "$work/waived.xml" ||
  fail "waived: no skipped case with the waiver's reason, owner and expiry"

finish junit
