#!/usr/bin/env bash
# End-to-end checks of the command line: help, usage errors, exit codes,
# JSON shape, show, model, explore, the trace replay round trip, and the
# Promela export (its SPIN runs: tests/spin).
# Usage: run_cli.sh KST REPO
set -u
kst=$1
repo=$2
cd "$repo" || exit 2
# shellcheck source=tests/e2e/lib.sh
source tests/e2e/lib.sh

o1=scenarios/o1-add-owa-tap-breaks-um.json

expect_exit 0 "help" -- "$kst" --help
expect_in "$work/out" "Exit codes: 0 pass, 1" "help documents exit codes"
expect_exit 0 "check --help" -- "$kst" check --help
expect_in "$work/out" "--max-states" "check help lists --max-states"
expect_exit 2 "no subcommand" -- "$kst"
expect_exit 2 "unknown subcommand" -- "$kst" frobnicate
expect_exit 2 "check without FILE" -- "$kst" check
expect_exit 2 "bad --format" -- "$kst" check --format xml "$o1"
expect_exit 2 "bad --semantics" -- "$kst" check --semantics optimistic "$o1"
expect_in "$work/err" "withdraw-remember" "unknown semantics lists the known readings"
expect_exit 3 "missing file" -- "$kst" check "$work/nope.json"
expect_in "$work/err" "nope.json: error\[unreadable-file\]" "missing file is named"
[ -s "$work/out" ] && fail "missing file: something printed on stdout"

# JSON report shape (docs/formats.md, "JSON output").
expect_exit 1 "check --format json" -- "$kst" check --format json "$o1"
for key in '"format_version": "1"' '"verdict": "fail"' '"rule": "kst/version-conflict"' '"severity": "error"' \
  '"fqdn": "ex1.contoso.com"' '"servers": \[' '"claims": \[' '"producer": "Exchange UM Routing"' \
  '"events": \[' '"diagnostics": \[' '"statistics": {' '"states":' '"peak_rss_kib":' '"text_is_ours": true'; do
  expect_in "$work/out" "$key" "JSON report"
done

# Readings: under "forget", O3's repair does not last.
expect_exit 1 "o3 under forget" -- "$kst" check --semantics forget --format json scenarios/o3-restart-repairs.json
expect_in "$work/out" '"semantics": "forget"' "reading is reported"

# A state budget that runs out makes the verdict inconclusive, never pass.
expect_exit 4 "tiny budget on a clean scenario" -- "$kst" check --max-states 1 scenarios/topologies/contoso.json
expect_in "$work/out" "inconclusive" "budget exhaustion is explained"

# show and model
expect_exit 0 "show" -- "$kst" show scenarios/topologies/contoso.json --server fe01.contoso.com
expect_in "$work/out" "ex1.contoso.com  *0  *UM Routing v0" "show lists UM Routing's entry"
expect_exit 2 "show unknown server" -- "$kst" show scenarios/topologies/contoso.json --server nobody.contoso.com
expect_exit 0 "model" -- "$kst" model
expect_in "$work/out" "14563  LS Protocol Stack" "model lists event 14563"
expect_in "$work/out" "withdraw-remember (default)" "model lists the readings"
expect_exit 0 "model json" -- "$kst" model --format json
expect_in "$work/out" '"assumptions"' "model JSON has assumptions"

# explore one cell, and its Graphviz export
expect_exit 0 "explore" -- "$kst" explore "$o1" --server fe01.contoso.com --fqdn ex1.contoso.com
expect_in "$work/out" "14563 reachable: yes" "explore finds the conflict"
expect_exit 0 "explore --dot" -- "$kst" explore "$o1" --server fe01.contoso.com --fqdn ex1.contoso.com --dot
expect_in "$work/out" "digraph cell" "dot output"
expect_exit 2 "explore unknown cell" -- "$kst" explore "$o1" --server fe09.contoso.com --fqdn ex1.contoso.com

# Traces: written, replayed exactly, and a tampered trace is caught.
for scenario in scenarios/o1-patch-night.json scenarios/o3-restart-repairs.json scenarios/remove-tap-after-restart.json; do
  expect_exit 1 "check --trace-out $scenario" -- "$kst" check --trace-out "$work/traces.json" "$scenario"
  expect_exit 0 "replay $scenario" -- "$kst" replay "$work/traces.json"
  expect_in "$work/out" "^reproduced: kst/version-conflict ex1.contoso.com on fe01.contoso.com" "replay reproduces"
  grep -q DIVERGED "$work/out" && fail "replay $scenario diverged: $(cat "$work/out")"
done
sed 's/"version": 6/"version": 5/' "$work/traces.json" >"$work/tampered.json"
expect_exit 1 "replay of a tampered trace" -- "$kst" replay "$work/tampered.json"
expect_in "$work/out" "DIVERGED" "tampering is detected"
echo '{"format": "something-else"}' >"$work/bad-trace.json"
expect_exit 3 "replay of a non-trace file" -- "$kst" replay "$work/bad-trace.json"

# Promela export: to a file or stdout, a reading, a guide of kst's traces; errors.
expect_exit 0 "export promela" -- "$kst" export promela "$o1" -o "$work/o1.pml"
expect_in "$work/o1.pml" "proctype Server(byte s)" "the export has the server processes"
expect_in "$work/o1.pml" "add_trusted_application_pool -- add trusted application pool ex1.contoso.com" "the export names the plan step"
expect_exit 0 "export promela to stdout" -- "$kst" export promela "$o1" --semantics forget
expect_in "$work/out" "Reading   forget" "the export names its reading"
expect_exit 2 "export to an unknown format" -- "$kst" export uppaal "$o1"
expect_exit 2 "export under an unknown reading" -- "$kst" export promela "$o1" --semantics optimistic
expect_exit 3 "export of a missing file" -- "$kst" export promela "$work/nope.json"
expect_exit 1 "check --trace-out for a guide" -- "$kst" check --trace-out "$work/o1-traces.json" "$o1"
expect_exit 0 "export promela --guide" -- "$kst" export promela "$o1" --guide "$work/o1-traces.json" -o "$work/o1-guided.pml"
expect_in "$work/o1-guided.pml" "proctype GuideMonitor()" "the guided export watches its guide"
expect_exit 3 "export --guide under another reading" -- "$kst" export promela "$o1" --semantics forget --guide "$work/o1-traces.json"
expect_in "$work/err" "error\[guide-trace\]: the traces were written under reading withdraw-remember" "a reading mismatch is named"


# The command line is as forgiving as the files: FQDN arguments in any case, with a trailing dot.
expect_exit 0 "explore, FQDNs as typed" -- "$kst" explore "$o1" --server fe01.contoso.com --fqdn ex1.contoso.com
cp "$work/out" "$work/explore-lower"
expect_exit 0 "explore, FQDNs in capitals with a trailing dot" -- "$kst" explore "$o1" --server FE01.Contoso.COM. --fqdn EX1.CONTOSO.COM.
cmp -s "$work/out" "$work/explore-lower" || fail "explore: FE01.Contoso.COM. is not read as fe01.contoso.com"
expect_exit 2 "explore --server with a wildcard" -- "$kst" explore "$o1" --server '*.contoso.com' --fqdn ex1.contoso.com
expect_in "$work/err" "is not an FQDN" "a wildcard --server is a usage error that says why"
expect_exit 0 "show --server in capitals" -- "$kst" show "$o1" --server FE02.CONTOSO.COM
expect_in "$work/out" "fe02.contoso.com" "show --server FE02.CONTOSO.COM shows fe02"
expect_exit 0 "explain RULE:FQDN in capitals" -- "$kst" explain "$o1" kst/version-conflict:EX1.Contoso.com.
expect_in "$work/out" "ex1.contoso.com" "explain finds the finding named in capitals"
expect_exit 0 "impact --fqdn in capitals" -- "$kst" impact "$o1" --fqdn EX1.CONTOSO.COM --no-color
# --no-color is accepted by every command.
for command in "show $o1" "model" "impact $o1" "graph $o1" "explore $o1 --server fe01.contoso.com --fqdn ex1.contoso.com" \
  "test scenarios/o1-add-owa-tap-breaks-um.json"; do
  # shellcheck disable=SC2086
  "$kst" $command --no-color >"$work/out" 2>"$work/err"
  [ $? -eq 2 ] && fail "kst $command --no-color: usage error: $(head -2 "$work/err")"
done
# kst --version: the version of the project, the model's digest, the build.
expect_exit 0 "--version" -- "$kst" --version
expect_in "$work/out" "^kst [0-9][0-9]*\.[0-9][0-9]*\.[0-9][0-9]*$" "--version prints the project version"
expect_in "$work/out" "^model sha256:[0-9a-f]\{64\} " "--version prints the model digest"
expect_in "$work/out" "^build " "--version prints the build"


# An expect block pins outage windows per server: a wrong one fails kst test and says which.
windows=scenarios/outage-window-each-pool-its-own-restart.json
sed -e 's/"to_step": 4}/"to_step": 3}/' -e "s#\"topologies/#\"$PWD/scenarios/topologies/#" "$windows" >"$work/wrong-window.json"
expect_exit 1 "kst test, a wrong outage window" -- "$kst" test "$work/wrong-window.json"
expect_in "$work/out" "lon-fe03.fabrikam.com from step 1 to step 4; expected" "a wrong window is named with kst's"
sed -e 's/"to_step": 4}/"to_step": "four"}/' -e "s#\"topologies/#\"$PWD/scenarios/topologies/#" "$windows" >"$work/bad-window.json"
expect_exit 3 "kst check, an outage window that is not a number" -- "$kst" check "$work/bad-window.json"


# --semantics all: every reading, the worst judges; one reading is needed for traces.
expect_exit 1 "check --semantics all" -- "$kst" check --semantics all scenarios/remove-tap-after-restart.json
expect_in "$work/out" "^verdict: fail (the worst of every reading)" "the verdict line names every reading"
expect_in "$work/out" "withdraw-remember fail, retry-list fail, forget fail" "each reading's verdict is given"
expect_exit 1 "check --semantics all --format json" -- "$kst" check --semantics all --format json "$o1"
expect_in "$work/out" '"semantics": "all"' "JSON names the merged reading"
expect_exit 2 "--semantics all with --trace-out" -- "$kst" check --semantics all --trace-out "$work/t.json" "$o1"
expect_exit 2 "explain --semantics all" -- "$kst" explain "$o1" kst/version-conflict:ex1.contoso.com --semantics all

finish CLI
