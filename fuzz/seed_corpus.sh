#!/usr/bin/env bash
# Copies the project's inputs of one fuzz target's kind into a folder: the
# seeds of `make fuzz` (fuzz/run_fuzzers.sh) and the inputs the replay tests
# run through each target's properties (tests/CMakeLists.txt), with the kept
# regression inputs of fuzz/regressions/<target>/.
#
# Usage: seed_corpus.sh TARGET FOLDER
set -eu
target=$1
corpus=$2
repo=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$corpus"
case $target in
  topology_json) cp "$repo"/scenarios/topologies/*.json "$repo"/tests/malformed/*.json "$corpus"/ ;;
  topology_yaml) cp "$repo"/scenarios/*.yaml "$repo"/scenarios/topologies/*.yaml "$repo"/tests/malformed_yaml/*.yaml "$corpus"/ ;;
  waivers) cp "$repo"/tests/e2e/inputs/waivers*.json "$corpus"/ ;;
  export)
    # ../shared/samples is beside the repository in CI and here; a copy of the
    # repository alone still seeds from its own files.
    if [ -d "$repo/../shared/samples" ]; then
      cp "$repo"/../shared/samples/topology/* "$repo"/../shared/samples/exchange/*.xml "$corpus"/
    fi
    find "$repo"/tests/import_inputs "$repo"/scenarios/snapshots -type f ! -name '*.txt' ! -name '*.md' \
      -exec cp {} "$corpus"/ \; ;;
  event_logs)
    # Text event-log exports only: .evtx files are libevtx's to fuzz (fuzz/event_logs_fuzzer.cpp).
    target_dir=$(cd "$corpus" && pwd)
    # Replication-status exports (replica*.json) are read by the same target.
    (cd "$repo" && find tests/eventlogs scenarios/reconcile scenarios/diagnose -type f ! -name '*.md' ! -name '*.evtx' \
      \( ! -name '*.json' -o -name 'replica*.json' \) ! -name '*.txt' ! -name exit_code ! -name args ! -name top \
      -exec sh -c 'cp "$1" "$2/$(echo "$1" | tr / _)"' _ {} "$target_dir" \;) ;;
  scenario)
    # Scenarios name their topology by path; the target sees one file, so inline it.
    for scenario in "$repo"/scenarios/*.json; do
      python3 - "$scenario" "$corpus/$(basename "$scenario")" <<'PY'
import json, os, sys
doc = json.load(open(sys.argv[1]))
if isinstance(doc.get("topology"), str):
    doc["topology"] = json.load(open(os.path.join(os.path.dirname(sys.argv[1]), doc["topology"])))
    doc["topology"].pop("format", None)
json.dump(doc, open(sys.argv[2], "w"), indent=1)
PY
    done ;;
  *) echo "seed_corpus.sh: unknown target $target" >&2; exit 2 ;;
esac
if [ -d "$repo/fuzz/regressions/$target" ]; then
  cp "$repo/fuzz/regressions/$target"/* "$corpus"/
fi
