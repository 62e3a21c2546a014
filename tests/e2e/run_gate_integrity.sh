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
repo=$(pwd)
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

# kst replay: traces tied to their input and model, rules re-derived.
# edit IN OUT PYTHON: OUT is the trace file IN with PYTHON applied to it (d).
edit() { python3 -c "import json, sys; d = json.load(open(sys.argv[1])); $3; json.dump(d, open(sys.argv[2], 'w'), indent=2)" "$1" "$2"; }
expect_exit 1 "check --trace-out o1" -- "$kst" check --trace-out "$work/o1-traces.json" "$o1"
expect_in "$work/o1-traces.json" '"input_digest": "sha256:[0-9a-f]\{64\}"' "trace file has the input's digest"
expect_in "$work/o1-traces.json" '"model_digest": "sha256:[0-9a-f]\{64\}"' "trace file has the model's digest"
expect_exit 0 "replay o1's own traces" -- "$kst" replay "$work/o1-traces.json"
expect_in "$work/out" "^reproduced: kst/version-conflict ex1.contoso.com on fe01.contoso.com" "o1 reproduces"
# A rule replay does not know, or one without traces, was "reproduced": refused, at the value.
for rule in kst/made-up cert/validity; do
  edit "$work/o1-traces.json" "$work/forged.json" "d['traces'][0]['rule'] = '$rule'"
  expect_exit 3 "replay of a trace of $rule" -- "$kst" replay "$work/forged.json"
  expect_in "$work/err" "forged.json:[0-9]*:[0-9]*: error\[trace-file\]: trace 1 names rule \"$rule\", which is no rule kst reports with traces" "$rule located"
  grep -q "^reproduced" "$work/out" && fail "replay reproduced a trace of $rule"
done
# A rule with traces that the model does not show on that cell: re-derived, diverged.
edit "$work/o1-traces.json" "$work/flapping.json" "d['traces'] = d['traces'][:1]; d['traces'][0]['rule'] = 'kst/flapping'"
expect_exit 1 "replay of a forged kst/flapping" -- "$kst" replay "$work/flapping.json"
expect_in "$work/out" "^DIVERGED: kst/flapping ex1.contoso.com on fe01.contoso.com: reproduced, but the model does not show kst/flapping (error) on this cell" "flapping re-derived"
# No digest (an older file), another model, another input: refused, saying to re-record.
edit "$work/o1-traces.json" "$work/old.json" "del d['input_digest'], d['model_digest']"
expect_exit 3 "replay of a trace file without digests" -- "$kst" replay "$work/old.json"
expect_in "$work/err" "old.json:1:1: error\[trace-digest\]: the trace file has no input_digest (an older kst wrote it).*re-record them with kst check --trace-out" "no digest: re-record"
edit "$work/o1-traces.json" "$work/model.json" "d['model_digest'] = 'sha256:' + '0' * 64"
expect_exit 3 "replay under another model" -- "$kst" replay "$work/model.json"
expect_in "$work/err" "model.json:[0-9]*:[0-9]*: error\[trace-digest\]: the traces were recorded under another model" "another model"
mkdir -p "$work/moved/topologies"
cp "$o1" "$work/moved/o1.json"
cp scenarios/topologies/contoso.json "$work/moved/topologies/"
expect_exit 1 "check --trace-out, a copy of o1" -- "$kst" check --trace-out "$work/moved-traces.json" "$work/moved/o1.json"
expect_exit 0 "replay, the copy unchanged" -- "$kst" replay "$work/moved-traces.json"
# The scenario's topology file is part of its input: a change there, even one
# that replays (a blank line), refuses the traces.
echo >>"$work/moved/topologies/contoso.json"
expect_exit 3 "replay after the topology changed" -- "$kst" replay "$work/moved-traces.json"
expect_in "$work/err" "error\[trace-digest\]: $work/moved/o1.json is not the input the traces were recorded on" "changed topology refused"
# A snapshot folder and one export file replay, through the loader kst check uses.
snapshot=scenarios/snapshots/contoso-owa-tap-on-um-server
for input in "$snapshot" "$snapshot/"; do
  "$kst" check --trace-out "$work/snapshot-traces.json" "$input" >/dev/null 2>&1
  expect_exit 0 "replay of a snapshot check ($input)" -- "$kst" replay "$work/snapshot-traces.json"
  expect_in "$work/out" "^reproduced: kst/version-conflict ex1.contoso.com on fe01.contoso.com" "snapshot $input reproduces"
done
# One export file (no finding, so no trace): its digest is checked all the same.
cp "$snapshot/topology.xml" "$work/topology.xml"
expect_exit 0 "check --trace-out, one export file" -- "$kst" check --trace-out "$work/xml-traces.json" "$work/topology.xml"
expect_exit 0 "replay of an export file's check" -- "$kst" replay "$work/xml-traces.json"
expect_in "$work/out" "^no traces to replay" "nothing to replay, said"
sed -i 's/<\/Topology>/<!-- edited --><\/Topology>/' "$work/topology.xml"
expect_exit 3 "replay after the export file changed" -- "$kst" replay "$work/xml-traces.json"
expect_in "$work/err" "error\[trace-digest\]: $work/topology.xml is not the input" "changed export file refused"
cp -r "$snapshot" "$work/snapshot"
"$kst" check --trace-out "$work/snapshot-traces.json" "$work/snapshot" >/dev/null 2>&1
expect_exit 0 "replay of a copied snapshot" -- "$kst" replay "$work/snapshot-traces.json"
echo "a note added after the check" >>"$work/snapshot/README.md"
expect_exit 3 "replay after a file of the snapshot changed" -- "$kst" replay "$work/snapshot-traces.json"
expect_in "$work/err" "error\[trace-digest\]: $work/snapshot is not the input the traces were recorded on" "changed snapshot refused"

# Ctrl-C while loading: every long-running command stops within seconds, exit 130, with a message.
# The inputs must take more than a second to load, in linear time: wide.json holds 500,000 Exchange servers,
# all in one dial plan (about 4 s to load, 0.9 GiB); snapshot-big an Exchange CSV export of 100,000 servers.
python3 - "$work" <<'PY'
import json, os, sys
work = sys.argv[1]
n = 500000
servers = [{"fqdn": f"ex{i}.contoso.com", "version": "2013"} for i in range(n)]
topology = {"format": "kst-topology/1",
            "lync": {"pools": [{"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 6,
                                "computers": ["fe01.contoso.com"]}]},
            "exchange": {"servers": servers, "um_dial_plans": [{"name": "SIP", "uri_type": "SipName",
                                                                "servers": [s["fqdn"] for s in servers]}]}}
json.dump(topology, open(os.path.join(work, "wide.json"), "w"))
json.dump({"format": "kst-scenario/1", "topology": "wide.json", "plan": [], "expect": {"verdict": "pass"}},
          open(os.path.join(work, "wide-scenario.json"), "w"))
os.makedirs(os.path.join(work, "snapshot-big"))
with open(os.path.join(work, "snapshot-big", "servers.csv"), "w") as f:
    f.write('#TYPE Microsoft.Exchange.Data.Directory.Management.ExchangeServer\n'
            '"Name","Fqdn","AdminDisplayVersion","IsUnifiedMessagingServer","ServerRole","Site","NetworkAddress"\n')
    for i in range(100000):
        f.write(f'"EX{i}","ex{i}.contoso.com","Version 15.0 (Build 1497.2)","True","Mailbox","Default","ex{i}"\n')
PY
edit "$work/o1-traces.json" "$work/wide-traces.json" "d['input'] = '$work/wide.json'; d['input_digest'] = 'sha256:' + '0' * 64"
running() { kill -0 "$1" 2>/dev/null && ! ps -o stat= -p "$1" | grep -q Z; }
# interrupt DESCRIPTION -- COMMAND...: Ctrl-C one second in; exit 130 and "kst: interrupted" within 10 s
# (60 s for a sanitizer or Debug build on a loaded machine: INTERRUPT_TIMEOUT_TENTHS, tests/CMakeLists.txt).
limit_tenths=${INTERRUPT_TIMEOUT_TENTHS:-100}
interrupt() {
  local what=$1 tenths=0
  shift 2
  "$@" >"$work/out" 2>"$work/err" &
  local pid=$!
  sleep 1
  running "$pid" || fail "$what: ended within a second, before the interrupt"
  kill -INT "$pid" 2>/dev/null
  while running "$pid" && [ "$tenths" -lt "$limit_tenths" ]; do
    sleep 0.1
    tenths=$((tenths + 1))
  done
  if running "$pid"; then
    fail "$what: still running $((limit_tenths / 10)) s after Ctrl-C"
    kill -KILL "$pid"
  fi
  wait "$pid"
  local code=$?
  [ "$code" -eq 130 ] || fail "$what: exit $code after Ctrl-C, expected 130"
  expect_in "$work/err" "kst: interrupted" "$what: says it was interrupted"
}
interrupt "check, loading" -- "$kst" check "$work/wide.json"
expect_in "$work/err" "wide.json:1:[0-9]*: error\[interrupted\]: interrupted (Ctrl-C) while loading" "check: where loading stopped"
interrupt "check, a snapshot" -- "$kst" check "$work/snapshot-big"
interrupt "import" -- "$kst" import "$work/snapshot-big"
[ -s "$work/out" ] && fail "import: wrote a topology after Ctrl-C"
interrupt "test" -- "$kst" test "$work/wide-scenario.json"
expect_in "$work/out" "^INTERRUPTED $work/wide-scenario.json" "test: the scenario named"
interrupt "diff" -- "$kst" diff "$work/wide.json" "$work/wide.json"
interrupt "show" -- "$kst" show "$work/wide.json"
interrupt "explore" -- "$kst" explore "$work/wide.json" --server fe01.contoso.com --fqdn ex1.contoso.com
interrupt "explain" -- "$kst" explain "$work/wide.json" kst/version-conflict:ex1.contoso.com
interrupt "impact" -- "$kst" impact "$work/wide.json"
interrupt "graph" -- "$kst" graph "$work/wide.json"
interrupt "export" -- "$kst" export promela "$work/wide.json"
interrupt "replay" -- "$kst" replay "$work/wide-traces.json"

finish gate-integrity
