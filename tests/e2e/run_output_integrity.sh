#!/usr/bin/env bash
# End-to-end checks that kst's output never lies (issue 16, "A gate that never
# lies"): numbers that would wrap are usage errors; stdout that cannot be
# written is an output error (exit 3), whatever the command; a reader that
# closes the pipe early leaves the verdict's exit code (no SIGPIPE death).
# Usage: run_output_integrity.sh KST REPO
set -u
kst=$1
repo=$2
cd "$repo" || exit 2
# shellcheck source=tests/e2e/lib.sh
source tests/e2e/lib.sh

contoso=scenarios/topologies/contoso.json
o1=scenarios/o1-add-owa-tap-breaks-um.json

# --- A negative or oversized --max-states is a usage error, not an unlimited budget
for value in -1 -0 -18446744073709551615 18446744073709551616 99999999999999999999999 1e3 ""; do
  expect_exit 2 "check --max-states '$value'" -- "$kst" check --max-states "$value" "$contoso"
  [ -s "$work/out" ] && fail "check --max-states '$value' printed a report"
done
expect_exit 2 "check --max-states=-1" -- "$kst" check --max-states=-1 "$contoso"
expect_in "$work/err" "max-states" "the usage error names the option"
for command in test diff impact graph explain; do
  case $command in
    diff) args=("$contoso" "$o1") ;;
    explain) args=("$o1" kst/version-conflict:ex1.contoso.com) ;;
    *) args=("$o1") ;;
  esac
  expect_exit 2 "$command --max-states -1" -- "$kst" "$command" --max-states -1 "${args[@]}"
done
expect_exit 4 "--max-states 1 still bounds the run" -- "$kst" check --max-states 1 "$contoso"
expect_exit 0 "--max-states 18446744073709551615 is the largest budget" -- \
  "$kst" check --max-states 18446744073709551615 "$contoso"
expect_exit 0 "--max-states 0050000000 (leading zeros)" -- "$kst" check --max-states 0050000000 "$contoso"

# --- Every command that prints: stdout on a full disk, or closed, is exit 3 with a message, never 0
"$kst" check "$o1" --trace-out "$work/traces.json" >/dev/null 2>&1
lync_export=tests/import_inputs/lync/unknown-attribute.xml
while IFS='|' read -r name args; do
  read -ra argv <<<"$args"
  "$kst" "${argv[@]}" >/dev/full 2>"$work/err"
  got=$?
  [ "$got" -eq 3 ] || fail "$name >/dev/full: exit $got, expected 3"
  expect_in "$work/err" "kst: fatal: cannot write to stdout: No space left on device" "$name >/dev/full says so"
  "$kst" "${argv[@]}" >&- 2>"$work/err"
  got=$?
  [ "$got" -eq 3 ] || fail "$name >&-: exit $got, expected 3"
  expect_in "$work/err" "kst: fatal: cannot write to stdout: it is closed" "$name >&- says so"
done <<EOF
check text|check $contoso
check sarif|check $contoso --format sarif
check --no-fail|check $o1 --no-fail
check with --output|check $contoso --output json=$work/closed-stdout.json
diff|diff $contoso $o1
diff json|diff $contoso $o1 --format json
import|import $lync_export
import --report|import $lync_export --report
show|show $contoso
model|model
model json|model --format json
impact|impact $o1
graph|graph $o1
explain|explain $o1 kst/version-conflict:ex1.contoso.com
explore|explore $contoso --server fe01.contoso.com --fqdn ex1.contoso.com
export|export promela $contoso
test|test $o1
replay|replay $work/traces.json
help|--help
EOF
expect_exit 0 "a command that prints nothing passes with stdout closed" -- \
  "$kst" import "$lync_export" -o "$work/imported.json"
"$kst" import "$lync_export" -o "$work/imported.json" >&- 2>"$work/err" || fail "import -o with stdout closed"
head -c1 "$work/closed-stdout.json" 2>/dev/null | grep -q '{' ||
  fail "with stdout closed, an --output file is still written, and stdout's descriptor is not reused for it"

# --- A reader that stops early (head -1): the verdict's exit code under pipefail, not 141 (SIGPIPE)
# A topology whose report is larger than a pipe's buffer (64 KiB), so head exits before kst is done.
big=$work/many-conflicts.json
{
  echo '{"format": "kst-topology/1", "lync": {"pools": [{"fqdn": "pool01.contoso.com", "role": "FrontEnd",'
  echo '  "version": 6, "computers": ["fe01.contoso.com", "fe02.contoso.com"]}], "trusted_application_pools": ['
  for i in $(seq 1 60); do
    [ "$i" -gt 1 ] && echo ','
    echo "{\"fqdn\": \"ex$i.contoso.com\", \"version\": 6, \"registrar\": \"pool01.contoso.com\","
    echo " \"computers\": [\"ex$i.contoso.com\"]}"
  done
  echo ']}, "exchange": {"servers": ['
  for i in $(seq 1 60); do
    [ "$i" -gt 1 ] && echo ','
    echo "{\"fqdn\": \"ex$i.contoso.com\", \"version\": \"2013\"}"
  done
  echo '], "um_dial_plans": ['
  for i in $(seq 1 60); do
    [ "$i" -gt 1 ] && echo ','
    echo "{\"name\": \"SIP $i\", \"uri_type\": \"SipName\", \"servers\": [\"ex$i.contoso.com\"]}"
  done
  echo ']}}'
} >"$big"
expect_exit 1 "the large topology fails the gate" -- "$kst" check "$big"
size=$(wc -c <"$work/out")
[ "$size" -gt 200000 ] || fail "the large report is only $size bytes: head -1 would not close the pipe early"
pipe_status() { # pipe_status COMMAND...: the pipeline's exit status under pipefail, the reader head -1
  (
    set -o pipefail
    "$@" 2>"$work/err" | head -1 >/dev/null
  )
}
pipe_status "$kst" check "$big"
got=$?
[ "$got" -eq 1 ] || fail "set -o pipefail; kst check (failing) | head -1: exit $got, expected the verdict's 1"
[ -s "$work/err" ] && fail "a reader that stops early is not an error: stderr says $(head -1 "$work/err")"
pipe_status "$kst" check "$big" --no-fail
got=$?
[ "$got" -eq 0 ] || fail "set -o pipefail; kst check --no-fail | head -1: exit $got, expected 0"
pipe_status "$kst" check "$big" --format sarif
got=$?
[ "$got" -eq 1 ] || fail "set -o pipefail; kst check --format sarif | head -1: exit $got, expected 1"
pipe_status "$kst" show scenarios/large-multipool-owa-tap-patch-night.json
got=$?
[ "$got" -eq 0 ] || fail "set -o pipefail; kst show (400 KB) | head -1: exit $got, expected 0"

finish "output integrity"
