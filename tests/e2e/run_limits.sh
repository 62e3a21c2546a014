#!/usr/bin/env bash
# End-to-end: the documented limits (docs/robustness.md) hold, each with a clear
# message and the documented exit code, never a crash or an out-of-memory kill:
# nesting depth, file size, plan length, a large valid topology, and Ctrl-C
# during a long exploration (partial statistics, exit 130).
#
# Usage: run_limits.sh /path/to/kst /path/to/repo
set -u
kst=$1
repo=$2
source "$repo/tests/e2e/lib.sh"

# Nesting: 100,000 levels in each input language.
python3 -c "print('{\"format\":\"kst-topology/1\",\"lync\":' + '[' * 100000 + ']' * 100000 + '}')" >"$work/deep.json"
expect_exit 3 "deep JSON" -- "$kst" check "$work/deep.json"
expect_in "$work/err" "error\[json-syntax\]: malformed JSON: nested deeper than 256 levels" "deep JSON message"
python3 -c "print('format: kst-topology/1\nlync: ' + '[' * 100000 + ']' * 100000)" >"$work/deep.yaml"
expect_exit 3 "deep YAML" -- "$kst" check "$work/deep.yaml"
expect_in "$work/err" "nested deeper than 256 levels" "deep YAML message"
# XML is parsed without recursion (pugixml) and walked only along known
# paths, so depth costs nothing; the unknown element makes it inconclusive.
python3 -c "print('<Topology xmlns=\"urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008\">' + '<a>' * 200000 + '</a>' * 200000 + '</Topology>')" >"$work/deep.xml"
expect_exit 4 "deep XML" -- "$kst" check "$work/deep.xml"
expect_in "$work/err" "/Topology/a" "deep XML names the unknown element"

# Size: a file over 256 MiB is refused before it is read (a sparse file).
truncate -s 300M "$work/huge.json"
expect_exit 3 "huge file" -- "$kst" check "$work/huge.json"
expect_in "$work/err" "larger than 256 MiB" "huge file message"
truncate -s 300M "$work/huge-snapshot.xml"
expect_exit 3 "huge export" -- "$kst" import "$work/huge-snapshot.xml"
expect_in "$work/err" "larger than 256 MiB" "huge export message"

# Plan length: 10,000 steps at most.
python3 - "$work/long-plan.json" <<'PY'
import json, sys
plan = [{"op": "wait_for_replication"}] * 10001
topology = {"lync": {"pools": [{"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 6}]}}
json.dump({"format": "kst-scenario/1", "topology": topology, "plan": plan}, open(sys.argv[1], "w"))
PY
expect_exit 3 "plan too long" -- "$kst" check "$work/long-plan.json"
expect_in "$work/err" "plan-too-long" "plan length message"

# A large valid topology: 2,000 pools of 4 servers, 2,000 Exchange servers.
python3 - "$work/large.json" <<'PY'
import json, sys
pools = [{"fqdn": f"pool{i}.contoso.com", "role": "FrontEnd", "version": 6,
          "computers": [f"fe{i}-{k}.contoso.com" for k in range(4)]} for i in range(2000)]
servers = [{"fqdn": f"ex{i}.contoso.com", "version": "2013"} for i in range(2000)]
plans = [{"name": "SIP", "uri_type": "SipName", "servers": [s["fqdn"] for s in servers]}]
json.dump({"format": "kst-topology/1", "lync": {"pools": pools}, "exchange": {"servers": servers, "um_dial_plans": plans}},
          open(sys.argv[1], "w"))
PY
expect_exit 0 "large topology" -- timeout 300 "$kst" check "$work/large.json"
expect_in "$work/out" "verdict: pass" "large topology verdict"

# Plans on the large topology: waits and restarts share the topology before
# them, so 10,000 of them cost nothing; every change keeps a copy, capped at
# 5,000,000 items in all (here 14,001 per change: the 358th change is refused).
python3 - "$work/large.json" "$work/long-waits.json" "$work/many-changes.json" <<'PY'
import json, sys
topology = json.load(open(sys.argv[1]))
topology.pop("format")
waits = [{"op": "wait_for_replication"}] * 9999 + [{"op": "restart", "pool": "pool1.contoso.com"}]
json.dump({"format": "kst-scenario/1", "topology": topology, "plan": waits}, open(sys.argv[2], "w"))
changes = [{"op": "set_pool_version", "pool": "pool1.contoso.com", "version": 7 - i % 2} for i in range(400)]
json.dump({"format": "kst-scenario/1", "topology": topology, "plan": changes}, open(sys.argv[3], "w"))
PY
expect_exit 0 "10,000 waits on the large topology" -- timeout 300 "$kst" check "$work/long-waits.json"
expect_exit 3 "too many changes of a large topology" -- timeout 300 "$kst" check "$work/many-changes.json"
expect_in "$work/err" "error\[plan-too-large\]: the plan's changes up to this step keep 5012358 topology items in all (14001 per change); kst handles at most 5000000" "plan size message"
expect_in "$work/err" "(/plan/357)" "plan size names the step"

# Paths: a scenario's topology reached through a symbolic link outside its
# folder is read, and said; a missing one names the path and the reason.
mkdir -p "$work/linked/topologies"
cp "$repo/scenarios/o1-add-owa-tap-breaks-um.json" "$work/linked/"
ln -s "$repo/scenarios/topologies/contoso.json" "$work/linked/topologies/contoso.json"
expect_exit 1 "topology behind a symbolic link" -- "$kst" check "$work/linked/o1-add-owa-tap-breaks-um.json"
expect_in "$work/err" "note\[path-outside-scenario\]: topology \"topologies/contoso.json\" resolves to .*/scenarios/topologies/contoso.json, outside the scenario's folder" "symlink note"
rm "$work/linked/topologies/contoso.json"
expect_exit 3 "missing topology" -- "$kst" check "$work/linked/o1-add-owa-tap-breaks-um.json"
expect_in "$work/err" "error\[unreadable-file\]: topology \"$work/linked/topologies/contoso.json\": cannot read file: No such file or directory" "missing topology message"

# Ctrl-C: a scenario that compiles, explores and re-checks for several seconds, interrupted after one
# (where it is then depends on the machine; each phase says where it stopped). Loading: run_gate_integrity.sh.
python3 - "$work/slow.json" <<'PY'
import json, sys
n = 600
topology = {"lync": {"pools": [{"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 6,
                                "computers": [f"fe{i:02d}.contoso.com" for i in range(20)]}]},
            "exchange": {"servers": [{"fqdn": f"ex{i}.contoso.com", "version": "2013"} for i in range(n)],
                         "um_dial_plans": [{"name": "SIP", "uri_type": "SipName",
                                            "servers": [f"ex{i}.contoso.com" for i in range(n)]}]}}
plan = []
for i in range(n):
    plan.append({"op": "add_trusted_application_pool",
                 "pool": {"fqdn": f"ex{i}.contoso.com", "version": 6, "registrar": "pool01.contoso.com"}})
    if i % 3 == 0:
        plan.append({"op": "restart", "pool": "pool01.contoso.com"})
json.dump({"format": "kst-scenario/1", "topology": topology, "plan": plan, "environment": {"restarts": "any"}},
          open(sys.argv[1], "w"))
PY
# A sanitizer or Debug build may still be loading the scenario after a second: that Ctrl-C is heard too
# ("nothing was checked", tested by run_gate_integrity.sh), and the signal is sent again later, on a new run.
for delay in 1 3 8 20; do
  "$kst" check "$work/slow.json" >"$work/out" 2>"$work/err" &
  pid=$!
  sleep "$delay"
  kill -INT "$pid"
  code=0
  wait "$pid" || code=$?
  grep -q "nothing was checked" "$work/err" || break
  echo "Ctrl-C after ${delay}s came while loading; again, later"
done
[ "$code" -eq 130 ] || fail "Ctrl-C: exit $code, expected 130"
expect_in "$work/err" "kst: interrupted" "Ctrl-C message"
expect_in "$work/out" "interrupted: \([0-9]* of [0-9]* cell classes were explored\|while the plan was compiled\|while the findings were re-checked\)" "Ctrl-C reason"
expect_in "$work/out" "^explored: " "Ctrl-C partial statistics"

finish limits
