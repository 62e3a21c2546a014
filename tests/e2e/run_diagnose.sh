#!/usr/bin/env bash
# End-to-end: kst diagnose on the golden cases of scenarios/diagnose/ (each
# folder: args, expected.txt, exit_code, top): the output, the first-ranked
# cause, the JSON document, the red herring of seed 000 ranked below the real
# cause; the same ranking whatever the order of the files; input errors
# (exit 3, located, nothing on stdout); and a snapshot folder holding logs and
# a replication-status export, read as kst check --state. Regenerate a golden output after an
# intended change:
#   ./build/kst diagnose $(cat scenarios/diagnose/CASE/args) > scenarios/diagnose/CASE/expected.txt
kst=$1
repo=$2
cd "$repo" || exit 2
source tests/e2e/lib.sh

for case in scenarios/diagnose/*/; do
  case=${case%/}
  read -r -a args <"$case/args"
  want=$(cat "$case/exit_code")
  expect_exit "$want" "$case" -- "$kst" diagnose "${args[@]}"
  diff -u "$case/expected.txt" "$work/out" >"$work/diff" || fail "$case: output differs: $(head -30 "$work/diff")"
  [ -s "$work/err" ] && fail "$case: something on stderr: $(head -3 "$work/err")"
  expect_exit "$want" "$case json" -- "$kst" diagnose "${args[@]}" --format json
  jq -e '.format == "kst-diagnose/1"' "$work/out" >/dev/null || fail "$case: --format json is not kst-diagnose/1"
  top=$(jq -r '.ranked[0].cause + " " + .ranked[0].subject' "$work/out")
  [ "$top" == "$(cat "$case/top")" ] || fail "$case: ranked first: '$top', expected '$(cat "$case/top")'"
done

# Seed 000: the password sync (turned back on after the first symptom) is a candidate, below the clock, with
# its timing against it.
seed0=scenarios/diagnose/seed-000-edge-clock-red-herring
read -r -a args <"$seed0/args"
"$kst" diagnose "${args[@]}" --format json >"$work/json" 2>/dev/null
jq -e '[.ranked[].cause] | index("coincident-change") > index("clock-skew")' "$work/json" >/dev/null ||
  fail "seed 000: the password sync outranks the clock"
jq -e '.ranked[] | select(.cause == "coincident-change") | .evidence[] | select(.kind == "change-after-onset")' \
  "$work/json" >/dev/null || fail "seed 000: the password sync's timing is not held against it"

# The order of the files does not change the ranking.
"$kst" diagnose "${args[@]}" >"$work/a" 2>/dev/null
"$kst" diagnose "${args[0]}" "$seed0"/logs/srv-lyncedge01.xml "$seed0"/logs/srv-dirsync01-application.clixml \
  "$seed0"/logs/srv-lyncfe01-lync.csv >"$work/b" 2>/dev/null
diff -q "$work/a" "$work/b" >/dev/null || fail "seed 000: the output depends on the order of the log files"

# No symptom: inconclusive (4), or 0 with --inconclusive-ok.
expect_exit 4 "no symptom" -- "$kst" diagnose scenarios/topologies/seed-000-edge-five-hours-off.json \
  scenarios/reconcile/o1-o3-agrees/logs/fe02-lync.xml
expect_in "$work/out" "verdict: inconclusive" "no symptom"
expect_exit 0 "no symptom, --inconclusive-ok" -- "$kst" diagnose scenarios/topologies/seed-000-edge-five-hours-off.json \
  scenarios/reconcile/o1-o3-agrees/logs/fe02-lync.xml --inconclusive-ok

# Input errors: located, exit 3, nothing on stdout.
printf '"TimeCreated","Id","ProviderName","MachineName"\r\n"2014-10-23T23:19:05Z","1400","MSExchange Unified Messaging\r\n' \
  >"$work/cut.csv"
expect_exit 3 "cut CSV" -- "$kst" diagnose scenarios/topologies/seed-002-wildcard-um-certificate.json "$work/cut.csv"
expect_in "$work/err" "cut.csv:2:.*error\[csv-syntax\]" "cut CSV is located"
[ -s "$work/out" ] && fail "cut CSV: something on stdout on an input error"
expect_exit 3 "missing log" -- "$kst" diagnose scenarios/topologies/seed-002-wildcard-um-certificate.json "$work/none.xml"
[ -s "$work/out" ] && fail "missing log: something on stdout on an input error"
expect_exit 3 "bad topology" -- "$kst" diagnose "$work/cut.csv" "$seed0/logs"
expect_exit 2 "bad --at" -- "$kst" diagnose "${args[@]}" --at yesterday

# Markup and control characters from a log are escaped where printed.
printf '"TimeCreated","Id","ProviderName","MachineName","Message"\r\n"2012-01-04T14:00:07Z","1400","MSExchange Unified Messaging","srv12.wingtiptoys.com\033[31m","x"\r\n' \
  >"$work/esc.csv"
"$kst" diagnose scenarios/topologies/seed-002-wildcard-um-certificate.json "$work/esc.csv" >"$work/out" 2>&1
grep -q $'\033' "$work/out" && fail "an escape character from a log reached the output"

# A snapshot folder that holds logs and a replication-status export (ConvertTo-Json): kst check reads them as
# --state (the seed case's exports with the O1/O3 logs: fe01 working, fe02 broken now and its replica behind).
snap=$work/snapshot
mkdir "$snap"
cp scenarios/snapshots/contoso-owa-tap-on-um-server/* scenarios/reconcile/o1-o3-agrees/logs/* "$snap"/
printf '[{"ReplicaFqdn": "fe01.contoso.com", "UpToDate": true, "LastStatusReport": "/Date(1796122800000)/"},\n %s\n' \
  '{"ReplicaFqdn": "FE02.contoso.com.", "UpToDate": false, "LastStatusReport": "/Date(1796119200000)/"}]' \
  >"$snap/replication.json"
expect_exit 1 "snapshot with logs" -- "$kst" check "$snap" --at 2026-12-02T00:00:00Z
expect_in "$work/out" "fe02.contoso.com: ex1.contoso.com: BROKEN NOW" "snapshot logs read as --state"
expect_in "$work/out" "fe02.contoso.com: replica NOT up to date (last status report 2026-12-01 10:00 UTC)" \
  "replication status read as --state"
expect_in "$work/out" "fe01.contoso.com: replica up to date" "replication status of fe01"
expect_in "$work/err" "replication.json: note\[import-skipped\]" "the snapshot names the files it reads as --state"
# ... and kst diagnose reads them from the snapshot given as its topology.
expect_exit 0 "diagnose a snapshot" -- "$kst" diagnose "$snap" "$snap/fe02-lync.xml"
expect_in "$work/out" "^1. kst-conflict: .* on ex1.contoso.com" "diagnose a snapshot: the conflict first"
expect_in "$work/out" "note: fe02.contoso.com: replica NOT up to date" "diagnose notes the stale replica"

finish diagnose
