#!/usr/bin/env bash
# End-to-end checks of `kst plan` (issue 17, docs/plan.md): the golden cases
# give their plans and proofs in text, markdown and JSON; every plan written
# with -o passes `kst check` with its own expect block; bad input gets a
# located error.
# Usage: run_plan.sh KST REPO
set -u
kst=$1
repo=$2
cd "$repo" || exit 2
# shellcheck source=tests/e2e/lib.sh
source tests/e2e/lib.sh

json_is() {
  local got
  got=$(jq -c "$2" "$1" 2>&1)
  [ "$got" = "$3" ] || fail "$4: $2 is $got, expected $3"
}

t=scenarios/topologies
dr="--semantics withdraw-remember"

# --- O1: no zero-outage order; publish, wait, restart one Front End at a time.
expect_exit 1 "O1 plan" -- "$kst" plan $dr --format json -o "$work/o1.json" $t/contoso.json $t/contoso-ex1-owa-tap.json
cp "$work/out" "$work/o1-run.json"
json_is "$work/o1-run.json" '.search.exhaustive' 'true' "O1 search is exhaustive"
json_is "$work/o1-run.json" '.search.proven_optimal' 'true' "O1 plan proven optimal"
json_is "$work/o1-run.json" '[.steps[].op.op]' \
  '["add_trusted_application_pool","wait_for_replication","restart","restart"]' "O1 plan ops"
json_is "$work/o1-run.json" '[.steps[2:][] | .op.servers]' '[["fe01.contoso.com"],["fe02.contoso.com"]]' \
  "O1 restarts one server at a time"
json_is "$work/o1-run.json" '.cost.outage_server_steps' '5' "O1 outage"
json_is "$work/o1-run.json" '.cost.outage_by_server' '{"fe01.contoso.com":2,"fe02.contoso.com":3}' "O1 per server"
json_is "$work/o1-run.json" '.by_reading[0].zero_outage_plan_exists' 'false' "O1 has no zero-outage order"
json_is "$work/o1-run.json" '.rechecked' 'true' "O1 plan re-checked"
json_is "$work/o1-run.json" '.collisions | length' '1' "O1 names the colliding claims"
json_is "$work/o1-run.json" '.alternatives[0].changes_the_target' 'true' "O1 alternative marked"
json_is "$work/o1-run.json" '.alternatives[0].plan.cost.outage_server_steps' '0' "O1 alternative has no outage"
json_is "$work/o1-run.json" '.alternatives[0].plan.cost.hard_spec_met' 'true' "O1 alternative meets the hard spec"
json_is "$work/o1-run.json" '[.steps[0].commands[] | select(.command | startswith("New-CsTrustedApplicationPool")) | .syntax_from_sources]' \
  '[true]' "O1 runbook: New-CsTrustedApplicationPool from the sources"
json_is "$work/o1-run.json" '[.steps[2].commands[].command]' \
  '["Stop-CsWindowsService -Name RTCSRV -ComputerName fe01.contoso.com","Start-CsWindowsService -Name RTCSRV -ComputerName fe01.contoso.com"]' \
  "O1 runbook: the restart commands"
expect_in "$work/o1-run.json" '14563 (LS Protocol Stack' "O1 runbook expects 14563"
expect_exit 1 "kst check on the O1 plan" -- "$kst" check "$work/o1.json"
expect_in "$work/out" "^expectation: met" "kst check confirms the O1 plan's expect block"

# Every reading: none has a zero-outage order; forget ends without ex1 whatever the plan.
expect_exit 1 "O1 plan, every reading" -- "$kst" plan --format json $t/contoso.json $t/contoso-ex1-owa-tap.json
json_is "$work/out" '[.by_reading[] | .zero_outage_plan_exists]' '[false,false,false]' "O1 every reading"
json_is "$work/out" '[.by_reading[] | select(.reading == "forget") | .best.servers_ending_absent > 0]' '[true]' \
  "O1 under forget ends without ex1"

# Text and markdown.
expect_exit 1 "O1 text" -- "$kst" plan $dr $t/contoso.json $t/contoso-ex1-owa-tap.json
expect_in "$work/out" "all 52 candidate plans checked" "O1 text states the proof"
expect_in "$work/out" "Set aside: the best plan with a temporary edit (none gives a better plan" \
  "O1 text: no temporary edit helps, stated"
expect_in "$work/out" "^Outage per integration feature" "O1 text: outage per feature"
expect_in "$work/out" "Re-checked" "O1 text says re-checked"
expect_in "$work/out" "CHANGES THE TARGET" "O1 text marks the alternative"
expect_exit 1 "O1 markdown" -- "$kst" plan $dr --format markdown $t/contoso.json $t/contoso-ex1-owa-tap.json
expect_in "$work/out" "^# kst plan" "O1 markdown heading"

# kst plan SCENARIO: the seed scenario's base to its end.
expect_exit 1 "O1 from its scenario" -- "$kst" plan $dr --format json scenarios/o1-add-owa-tap-breaks-um.json
json_is "$work/out" '.cost.outage_server_steps' '5' "O1 from the scenario"

# --- The reverse (brief 6.7): restarts after the removal has replicated.
expect_exit 1 "reverse plan" -- "$kst" plan $dr --format json -o "$work/rev.json" $t/contoso-ex1-owa-tap.json $t/contoso.json
json_is "$work/out" '[.steps[].op.op]' '["remove_trusted_application_pool","wait_for_replication","restart","restart"]' \
  "reverse plan ops"
json_is "$work/out" '.cost.servers_ending_absent' '0' "reverse plan ends with ex1"
json_is "$work/out" '[.set_aside[] | select(.what | contains("before the publish reaches")) | .steps[1]]' \
  '["restart fe01.contoso.com"]' "reverse: the restart before the removal is in the space"
json_is "$work/out" '[.set_aside[] | select(.what | contains("before the publish reaches")) | .cost.servers_ending_absent > 0]' \
  '[true]' "reverse: a restart before the removal leaves ex1 absent (brief 6.7), priced"
expect_exit 1 "kst check on the reverse plan" -- "$kst" check "$work/rev.json"
expect_in "$work/out" "^expectation: met" "kst check confirms the reverse plan"

# --- A temporary edit (the reverse of O1, ex2 also in the dial plan): ex1 out of the dial plan (ex2 answers it),
# the pool removed, ex1 back: outage 2 and no restart, where --no-temporary-edits gives the reverse plan, 5.
expect_exit 1 "temporary edit plan" -- "$kst" plan $dr --format json -o "$work/tmp.json" \
  $t/contoso-two-um-servers-ex1-owa-tap.json $t/contoso-two-um-servers.json
json_is "$work/out" '[.steps[].op.op]' \
  '["set_dial_plan","wait_for_um_poll","remove_trusted_application_pool","set_dial_plan"]' "temporary edit plan ops"
json_is "$work/out" '[.steps[] | .temporary]' '[true,false,false,true]' "temporary halves marked"
json_is "$work/out" '.cost.outage_server_steps' '2' "temporary edit plan outage"
json_is "$work/out" '.search.proven_optimal' 'true' "temporary edit plan proven optimal"
json_is "$work/out" '[.steps[1].commands[] | .syntax_from_sources] | any' 'false' \
  "poll wait: the log query marked (the log name is not confirmed)"
expect_in "$work/out" "not at a poll: 44024" "poll wait: 44024 and 44030 are start-up lines"
expect_exit 1 "kst check on the temporary edit plan" -- "$kst" check "$work/tmp.json"
expect_in "$work/out" "^expectation: met" "kst check confirms the temporary edit plan"
expect_exit 1 "--no-temporary-edits" -- "$kst" plan $dr --format json --no-temporary-edits \
  $t/contoso-two-um-servers-ex1-owa-tap.json $t/contoso-two-um-servers.json
json_is "$work/out" '.cost.outage_server_steps' '5' "--no-temporary-edits: the reverse plan"
json_is "$work/out" '.temporary_edits.searched' 'false' "--no-temporary-edits: not searched"
json_is "$work/out" '[.outage_by_feature[] | .server_steps] | add > 0' 'true' "outage per feature"

# --- HTML: the runbook as a section of the report, values escaped.
expect_exit 1 "O1 html" -- "$kst" plan $dr --format html $t/contoso.json $t/contoso-ex1-owa-tap.json
expect_in "$work/out" '<section id="runbook">' "html: the runbook section"
expect_in "$work/out" 'Stop-CsWindowsService -Name RTCSRV -ComputerName fe01.contoso.com' "html: the commands"
expect_in "$work/out" "^</html>" "html: complete"
expect_in "$work/out" "default-src 'none'" "html: the Content-Security-Policy"
if command -v tidy >/dev/null; then
  cp "$work/out" "$work/plan.html"
  tidy -errors -quiet -utf8 "$work/plan.html" >/dev/null 2>"$work/plan.tidy"  # errors and warnings: none allowed
  [ -s "$work/plan.tidy" ] && fail "html: tidy reports: $(head -5 "$work/plan.tidy")"
else
  echo "SKIP: tidy is not installed (make test installs it): no HTML validation of the plan's report"
fi
sed 's/Contoso SIP/<b>\&amp;SIP<\/b>/' $t/contoso-two-um-servers-ex1-owa-tap.json >"$work/markup-before.json"
sed 's/Contoso SIP/<b>\&amp;SIP<\/b>/' $t/contoso-two-um-servers.json >"$work/markup-after.json"
"$kst" plan $dr --format html "$work/markup-before.json" "$work/markup-after.json" >"$work/out" 2>"$work/err"
grep -q '<b>&amp;SIP' "$work/out" && fail "html: a dial plan name became markup"
expect_in "$work/out" '&lt;b&gt;&amp;amp;SIP' "html: the dial plan name escaped"

# --- Moving a SipName dial plan off the OWA IM pool's server, and back.
for pair in "contoso-sipname-on-owa-tap-server contoso-sipname-on-server-without-pool" \
  "contoso-sipname-on-server-without-pool contoso-sipname-on-owa-tap-server"; do
  set -- $pair
  "$kst" plan $dr --format json -o "$work/move.json" "$t/$1.json" "$t/$2.json" >"$work/out" 2>"$work/err"
  status=$?
  [ "$status" -le 1 ] || fail "move $1 -> $2: exit $status: $(head -3 "$work/err")"
  json_is "$work/out" '.rechecked' 'true' "move $1 -> $2 re-checked"
  json_is "$work/out" '.cost.servers_ending_absent' '0' "move $1 -> $2 ends with every needed FQDN"
  "$kst" check "$work/move.json" >"$work/check" 2>&1
  expect_in "$work/check" "^expectation: met" "kst check confirms the move $1 -> $2"
done

# --- A multi-pool estate: waves of one server per pool.
expect_exit 1 "multi-pool plan" -- "$kst" plan $dr --format json $t/fabrikam-multipool.json $t/fabrikam-multipool-ex1-owa-tap.json
json_is "$work/out" '[.steps[] | select(.op.op == "restart") | .op.servers | length] | max' '2' \
  "multi-pool: at most one server per pool (two pools) in a restart step"
json_is "$work/out" '.rechecked' 'true' "multi-pool plan re-checked"

# --- Bad input.
expect_exit 3 "two estates" -- "$kst" plan $t/contoso.json $t/fabrikam-multipool.json
expect_in "$work/err" "fabrikam-multipool.json:[0-9]*:[0-9]*: error\[plan-cannot-join\]" "two estates: located error"
[ -s "$work/out" ] && fail "two estates: something on stdout"
expect_exit 2 "unknown option" -- "$kst" plan --frobnicate $t/contoso.json $t/contoso-ex1-owa-tap.json
printf '{"format": "kst-topology/1", "lync": {"pools": [' >"$work/truncated.json"
expect_exit 3 "truncated AFTER" -- "$kst" plan $t/contoso.json "$work/truncated.json"
expect_in "$work/err" "truncated.json:1:" "truncated AFTER: located error"
expect_exit 2 "three files" -- "$kst" plan $t/contoso.json $t/contoso.json $t/contoso.json

finish plan
