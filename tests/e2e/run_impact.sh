#!/usr/bin/env bash
# End-to-end checks of issue 7: the seed scenarios 000-003 and the clean
# estate give the right rule ids, the features broken and still working, and
# the directions, in JSON (read with jq), text, SARIF, JUnit and GitHub
# output; --at, --cert-warn-days and --clock-tolerance move the verdicts; and
# every picture (kst graph, kst impact, kst explain) is DOT that Graphviz
# itself turns into well-formed SVG (checked with xmllint).
# Usage: run_impact.sh KST REPO
set -u
kst=$1
repo=$2
cd "$repo" || exit 2
# shellcheck source=tests/e2e/lib.sh
source tests/e2e/lib.sh

# json_is FILE JQ-FILTER EXPECTED DESCRIPTION: the filter's compact output equals EXPECTED.
json_is() {
  local got
  got=$(jq -c "$2" "$1" 2>&1)
  [ "$got" = "$3" ] || fail "$4: $2 is $got, expected $3"
}

# The findings of a run as "rule fqdn" lines, and one finding's impact.
finding() { echo ".findings[] | select(.rule == \"$1\" and .fqdn == \"$2\")"; }

# --- Seed 000: the Edge five hours behind.
s000=scenarios/seed-000-edge-clock-five-hours-off.json
expect_exit 1 "seed 000" -- "$kst" check --format json "$s000"
cp "$work/out" "$work/000.json"
json_is "$work/000.json" '[.findings[] | [.rule, .fqdn]]' '[["clock/skew","srv-lyncedge01.adatum.com"]]' "seed 000 findings"
f=$(finding clock/skew srv-lyncedge01.adatum.com)
json_is "$work/000.json" "[$f | .impact.breaks[] | [.feature, .direction, .servers]]" \
  '[["hosted-voicemail-internal","lync-to-exchange",["srv-lyncfe01.adatum.com"]]]' "seed 000 breaks"
json_is "$work/000.json" "[$f | .impact.still_works[] | .feature]" '["hosted-voicemail-external"]' "seed 000 still works"
json_is "$work/000.json" "[$f | .impact.observations[] | select(.from | test(\"000\")) | .id]" \
  '["1020","15030","14619"]' "seed 000 predicted lines marked as from seed 000"
json_is "$work/000.json" '.checked_at' '"2014-10-24T02:31:00Z"' "seed 000 check time from the scenario"
expect_in "$work/000.json" 'SIP_E_CRYPT_REFERRER_DATE_SKEWED' "seed 000 predicts the date-skew diagnostic"

# --- Seed 001: the second of two Edges six hours behind; the first is fine.
s001=scenarios/seed-001-edge-clock-six-hours-off.json
expect_exit 1 "seed 001" -- "$kst" check --format json "$s001"
cp "$work/out" "$work/001.json"
json_is "$work/001.json" '[.findings[] | [.rule, .fqdn]]' '[["clock/skew","sfbedge02.fourthcoffee.com"]]' "seed 001 findings"
f=$(finding clock/skew sfbedge02.fourthcoffee.com)
json_is "$work/001.json" "[$f | .impact.breaks[] | [.feature, .peer, .servers]]" \
  '[["hosted-voicemail-internal","sfbedge02.fourthcoffee.com",["sfbfe01.fourthcoffee.com","sfbfe02.fourthcoffee.com"]]]' \
  "seed 001 breaks, through the skewed Edge only"
expect_exit 1 "seed 001 text" -- "$kst" check "$s001"
expect_in "$work/out" '^  still works:$' "seed 001 text says what still works"
expect_in "$work/out" 'Lync -> Exchange: hosted voicemail for callers from outside (sfbedge02' "seed 001: outside callers"
expect_in "$work/out" 'dead air or a busy signal instead of voicemail \[seed 001\]' "seed 001 symptom marked"

# --- Seed 002: a wildcard subject on UM: Exchange -> Lync breaks, Lync -> Exchange works.
s002=scenarios/seed-002-wildcard-um-certificate.json
expect_exit 1 "seed 002" -- "$kst" check --format json "$s002"
cp "$work/out" "$work/002.json"
json_is "$work/002.json" '[.findings[] | [.rule, .fqdn, .servers]]' \
  '[["cert/wildcard-subject","srv12.wingtiptoys.com",["srv03.wingtiptoys.com"]]]' "seed 002 findings"
f=$(finding cert/wildcard-subject srv12.wingtiptoys.com)
json_is "$work/002.json" "[$f | .impact.breaks[] | .feature]" \
  '["message-waiting-indicator","play-on-phone","auto-attendant-transfer"]' "seed 002 breaks"
json_is "$work/002.json" "[$f | .impact.breaks[].direction] | unique" '["exchange-to-lync"]' "seed 002 direction"
json_is "$work/002.json" "[$f | .impact.still_works[] | [.feature, .direction]]" \
  '[["voicemail-deposit","lync-to-exchange"],["subscriber-access","lync-to-exchange"],["auto-attendant","lync-to-exchange"]]' \
  "seed 002 still works"
json_is "$work/002.json" "[$f | .lookups[] | [.looker, .name, .found]]" \
  '[["srv03.wingtiptoys.com","*.wingtiptoys.com",false]]' "seed 002 lookup"
json_is "$work/002.json" "[$f | .evidence[0].line]" '[19]' "seed 002 points at the certificate"
expect_exit 1 "seed 002 sarif" -- "$kst" check --format sarif "$s002"
json_is "$work/out" '.runs[0].results[0] | [.ruleId, .properties.directions, .locations[0].physicalLocation.region.startLine]' \
  '["cert/wildcard-subject",["exchange-to-lync"],19]' "seed 002 SARIF result"
json_is "$work/out" '[.runs[0].tool.driver.rules[].id | select(startswith("cert/") or startswith("clock/"))]' \
  '["cert/wildcard-subject","cert/subject-not-known","cert/validity","clock/skew"]' "SARIF rules"
expect_exit 1 "seed 002 junit" -- "$kst" check --format junit "$s002"
xmllint --noout "$work/out" || fail "seed 002: JUnit is not well-formed"
expect_in "$work/out" 'failure message="[^"]*breaks Exchange -&gt; Lync: message waiting indicator, play on phone, auto attendant transfer to a user' \
  "seed 002 JUnit message names the features and the direction"
expect_exit 1 "seed 002 github" -- "$kst" check --format github "$s002"
expect_in "$work/out" '^::error file=scenarios/topologies/seed-002-wildcard-um-certificate.json,line=19,col=5,title=cert/wildcard-subject' \
  "seed 002 GitHub annotation at the certificate"
expect_in "$work/out" '%0Abreaks Exchange -> Lync: message waiting indicator' "seed 002 GitHub message"

# --- Seed 003: the array name as subject on both UM servers.
s003=scenarios/seed-003-um-certificate-names-array.json
expect_exit 1 "seed 003" -- "$kst" check --format json "$s003"
cp "$work/out" "$work/003.json"
json_is "$work/003.json" '[.findings[] | [.rule, .fqdn]]' \
  '[["cert/subject-not-known","node01.northwind.local"],["cert/subject-not-known","node02.northwind.local"]]' \
  "seed 003 findings"
f=$(finding cert/subject-not-known node02.northwind.local)
json_is "$work/003.json" "[$f | .impact.breaks[] | .feature]" \
  '["message-waiting-indicator","play-on-phone","auto-attendant-transfer"]' "seed 003 breaks"
json_is "$work/003.json" "[$f | .lookups[0] | [.name, .found, .table_matches]]" \
  '[["um.northwind.local",false,["node01.northwind.local","node02.northwind.local"]]]' "seed 003 lookup shows the SANs"

# --- Seed 004 (O1): the KST conflict breaks UM both ways and OWA IM.
expect_exit 1 "o1" -- "$kst" check --format json scenarios/o1-add-owa-tap-breaks-um.json
f=$(finding kst/version-conflict ex1.contoso.com)
json_is "$work/out" "[$f | .impact.breaks[].direction] | unique" '["exchange-to-lync","lync-to-exchange"]' "O1 directions"
json_is "$work/out" "[$f | .impact.breaks[] | select(.feature == \"owa-im\") | .servers]" \
  '[["fe01.contoso.com","fe02.contoso.com"]]' "O1 breaks OWA IM on both Front Ends"

# --- The clean estate passes every check.
expect_exit 0 "clean" -- "$kst" check --format json scenarios/clean-all-checks-pass.json
json_is "$work/out" '[.verdict, (.findings | length)]' '["pass",0]' "clean estate"

# --- Options: the check time, the warning window, the clock tolerance.
t002=scenarios/topologies/seed-002-wildcard-um-certificate.json
expect_exit 1 "--at after expiry" -- "$kst" check --format json --at 2013-07-01 "$t002"
json_is "$work/out" '[.findings[] | select(.rule == "cert/validity") | [.fqdn, .severity]]' \
  '[["srv12.wingtiptoys.com","error"]]' "--at 2013-07-01: the UM certificate has expired"
expect_exit 1 "--cert-warn-days" -- "$kst" check --format json --at 2013-04-15 --cert-warn-days 60 "$t002"
json_is "$work/out" '[.findings[] | select(.rule == "cert/validity") | [.fqdn, .severity]]' \
  '[["srv12.wingtiptoys.com","warning"]]' "--cert-warn-days 60: a warning"
expect_exit 1 "default tolerance" -- "$kst" check --at 2014-10-24T02:31:00Z scenarios/topologies/seed-000-edge-five-hours-off.json
expect_exit 0 "--clock-tolerance" -- "$kst" check --clock-tolerance 20000 --at 2014-10-24T02:31:00Z \
  scenarios/topologies/seed-000-edge-five-hours-off.json
expect_exit 1 "--at overrides the scenario" -- "$kst" check --format json --at 2016-06-01 "$s000"
json_is "$work/out" '[.findings[] | .rule] | unique' '["cert/validity","clock/skew"]' "--at 2016: certificates expired too"
expect_exit 2 "bad --at" -- "$kst" check --at 23.10.2014 "$s000"
expect_in "$work/err" 'kst: fatal: --at "23.10.2014" is not a time' "bad --at explained"

# --- Pictures: DOT through Graphviz into well-formed SVG.
svg_ok() {  # svg_ok FILE DESCRIPTION
  xmllint --noout "$1" 2>"$work/xmllint" || fail "$2: SVG is not well-formed: $(head -2 "$work/xmllint")"
  grep -q '<svg' "$1" || fail "$2: no <svg> element"
}
for scenario in "$s000" "$s001" "$s002" "$s003" scenarios/o1-add-owa-tap-breaks-um.json scenarios/clean-all-checks-pass.json \
  scenarios/topologies/northwind-four-sites.json; do
  expect_exit 0 "graph $scenario" -- "$kst" graph "$scenario" --at 2025-03-01
  dot -Tsvg "$work/out" >"$work/graph.svg" 2>"$work/dot" || fail "graph $scenario: dot refused it: $(head -2 "$work/dot")"
  svg_ok "$work/graph.svg" "graph $scenario"
  expect_exit 0 "impact $scenario" -- "$kst" impact "$scenario" --format dot
  dot -Tsvg "$work/out" >"$work/impact.svg" 2>"$work/dot" || fail "impact $scenario: dot refused it"
  svg_ok "$work/impact.svg" "impact $scenario"
done
expect_exit 0 "graph --format svg" -- "$kst" graph "$s002" --format svg
svg_ok "$work/out" "graph --format svg"
expect_in "$work/out" 'cert/wildcard&#45;subject:' "the graph names the finding on its red edge"
expect_exit 0 "impact --format svg" -- "$kst" impact "$s003" --format svg --fqdn node01.northwind.local
svg_ok "$work/out" "impact --format svg"
for case in "$s002 cert/wildcard-subject:srv12.wingtiptoys.com" "$s000 clock/skew:srv-lyncedge01.adatum.com" \
  "scenarios/o1-patch-night.json kst/order-dependent:ex1.contoso.com"; do
  read -r scenario id <<<"$case"
  expect_exit 0 "explain $id" -- "$kst" explain "$scenario" "$id" --format dot
  dot -Tsvg "$work/out" >"$work/explain.svg" 2>"$work/dot" || fail "explain $id: dot refused it: $(head -2 "$work/dot")"
  svg_ok "$work/explain.svg" "explain $id"
  expect_exit 0 "explain $id svg" -- "$kst" explain "$scenario" "$id" --format svg
  svg_ok "$work/out" "explain $id --format svg"
done
expect_exit 0 "explain the second trace" -- "$kst" explain scenarios/o1-patch-night.json kst/order-dependent:ex1.contoso.com --trace 2
expect_in "$work/out" '^kst/order-dependent: ex1.contoso.com -- another order ends with' "--trace 2 picks the second order"
expect_exit 0 "explain text" -- "$kst" explain "$s001" clock/skew:sfbedge02.fourthcoffee.com
expect_in "$work/out" '^  2. \[1\] -> \[2\] refused (!)$' "the refused exchange"
expect_in "$work/out" '^  4. \[1\] -> \[2\] works$' "the exchange that still works"
expect_exit 2 "explain an absent finding" -- "$kst" explain "$s002" clock/skew:srv12.wingtiptoys.com
expect_in "$work/err" 'its findings: cert/wildcard-subject:srv12.wingtiptoys.com' "absent finding lists the findings"
expect_exit 2 "explain --trace out of range" -- "$kst" explain scenarios/o1-patch-night.json kst/version-conflict:ex1.contoso.com --trace 9
expect_exit 2 "impact --fqdn not a peer" -- "$kst" impact "$s002" --fqdn srv03.wingtiptoys.com
expect_exit 0 "impact text" -- "$kst" impact "$s002"
expect_in "$work/out" '^    message waiting indicator: BROKEN on srv03.wingtiptoys.com (cert/wildcard-subject)$' "impact text"

# Without Graphviz on PATH, --format svg is an error with a reason, not an empty picture.
expect_exit 3 "svg without Graphviz" -- env PATH=/nonexistent "$kst" graph "$s002" --format svg
expect_in "$work/err" 'Graphviz' "missing Graphviz is named"

finish impact
