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

# Memory (issue 16): memory grows with the cell classes, not the cells (servers x FQDNs), and --max-memory
# (default 2 GiB) ends a run that would pass it in a clean inconclusive, exit 4, never bad_alloc or a kill.
expect_exit 2 "--max-memory 0" -- "$kst" check "$work/large.json" --max-memory 0
expect_in "$work/err" '"0" is no memory at all: the budget must be more than 0' "--max-memory 0 message"
expect_exit 2 "--max-memory -1GiB" -- "$kst" check "$work/large.json" --max-memory=-1GiB
expect_in "$work/err" '"-1GiB" is not a size' "negative --max-memory message"
expect_exit 2 "--max-memory 2G" -- "$kst" check "$work/large.json" --max-memory 2G
expect_in "$work/err" 'unknown unit "G": one of B, KiB, MiB, GiB, TiB (1024) or kB, MB, GB, TB (1000)' "unit message"
python3 "$repo/bench/one_pool_topology.py" 20000 >"$work/pool-20k.json"
python3 "$repo/bench/one_pool_topology.py" 100000 >"$work/pool-100k.json"
# 20,000 computers are 4 * 10^8 cells: a table per cell took 1.6 GB; a table per signature pair takes nothing.
expect_exit 0 "a pool of 20,000 computers within the default budget" -- timeout 60 "$kst" check "$work/pool-20k.json"
expect_in "$work/out" "verdict: pass" "20,000 computers verdict"
peak=$(sed -n 's/^explored: 20000 servers x 20001 FQDNs = 400020000 cells in .*peak RSS \([0-9]*\) MiB$/\1/p' "$work/out")
[ -n "$peak" ] && [ "$peak" -lt 512 ] || fail "a pool of 20,000 computers: peak RSS '$peak' MiB, expected under 512"
expect_exit 4 "a pool of 100,000 computers over --max-memory 64MiB" -- \
  timeout 60 "$kst" check "$work/pool-100k.json" --max-memory 64MiB
expect_in "$work/out" "inconclusive: the memory budget (--max-memory 64 MiB) \(would be\|was\) exceeded" \
  "memory budget reason"
expect_in "$work/out" "verdict: inconclusive" "memory budget verdict"
# The system refusing memory below the budget (ulimit -v here) is the same clean inconclusive, whether it
# happens while loading (said on stderr) or analysing (the report's reason): 600 changes of a 600-server
# topology peak at about 125 MiB since plan revisions share what a step does not change (issue 21); on this
# machine 30 MiB of address space runs out while loading, 80 MiB while analysing.
# Sanitizers reserve terabytes of address space: no ulimit -v there.
python3 - "$work/slow-memory.json" <<'PY'
import json, sys
servers = [f"ex{i}.contoso.com" for i in range(600)]
topology = {"lync": {"pools": [{"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 6,
                                "computers": ["fe01.contoso.com"]}]},
            "exchange": {"servers": [{"fqdn": s, "version": "2013"} for s in servers],
                         "um_dial_plans": [{"name": "SIP", "uri_type": "SipName", "servers": servers}]}}
plan = [{"op": "add_trusted_application_pool", "pool": {"fqdn": s, "version": 6, "registrar": "pool01.contoso.com"}}
        for s in servers]
json.dump({"format": "kst-scenario/1", "topology": topology, "plan": plan}, open(sys.argv[1], "w"))
PY
if ! grep -qa __asan_init "$kst"; then
  for limit in 30 80; do
    expect_exit 4 "bad_alloc under ulimit -v ${limit} MiB" -- \
      bash -c 'ulimit -v "$1" && exec timeout 60 "$2" check "$3" --max-memory 4GiB' _ $((limit * 1024)) "$kst" "$work/slow-memory.json"
    grep -q "out of memory: the system refused an allocation (std::bad_alloc) at [0-9]* MiB resident, within the memory budget (--max-memory 4 GiB)" "$work/out" "$work/err" ||
      fail "bad_alloc under ulimit -v ${limit} MiB: no out-of-memory reason naming the budget"
    grep -q "internal error" "$work/err" && fail "bad_alloc under ulimit -v ${limit} MiB: reported as an internal error"
  done
fi

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
