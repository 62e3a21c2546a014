#!/usr/bin/env bash
# Runs every libFuzzer target for FUZZ_SECONDS each (make fuzz), seeded from
# the project's own inputs and the real samples in ../shared/samples, and
# prints one line per target: executions, seconds, corpus size, crashes.
# A crash, leak, timeout or sanitizer report leaves its input in
# fuzz/findings/<target>/ and makes the run fail; once fixed, the input goes to
# fuzz/regressions/<target>/, which `make test` replays (tests/e2e/run_fuzz_regressions.sh).
#
# Usage: run_fuzzers.sh BUILD_DIR SECONDS [TARGET...]
set -u
build=$1
seconds=$2
shift 2
repo=$(cd "$(dirname "$0")/.." && pwd)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(topology_json topology_yaml scenario waivers export)

seed() {  # seed TARGET CORPUS: copies the project's inputs of that kind
  local corpus=$2
  case $1 in
    topology_json) cp "$repo"/scenarios/topologies/*.json "$repo"/tests/malformed/*.json "$corpus"/ ;;
    topology_yaml) cp "$repo"/scenarios/*.yaml "$repo"/scenarios/topologies/*.yaml "$repo"/tests/malformed_yaml/*.yaml "$corpus"/ ;;
    waivers) cp "$repo"/tests/e2e/inputs/waivers*.json "$corpus"/ ;;
    export)
      cp "$repo"/../shared/samples/topology/* "$repo"/../shared/samples/exchange/*.xml "$corpus"/ 2>/dev/null
      find "$repo"/tests/import_inputs -type f ! -name '*.txt' ! -name '*.md' -exec cp {} "$corpus"/ \; ;;
    scenario)
      # Scenarios name their topology by path; the fuzzer sees one file, so inline it.
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
  esac
}

dictionary() {
  case $1 in
    topology_json | scenario | waivers) echo "$repo/fuzz/dictionaries/kst_json.dict" ;;
    topology_yaml) echo "$repo/fuzz/dictionaries/kst_yaml.dict" ;;
    export) echo "$repo/fuzz/dictionaries/export.dict" ;;
  esac
}

status=0
printf '%-14s %12s %8s %8s %s\n' target executions seconds corpus result
for target in "${targets[@]}"; do
  corpus=$build/corpus/$target
  findings=$repo/fuzz/findings/$target
  mkdir -p "$corpus" "$findings"
  seed "$target" "$corpus"
  log=$build/fuzz-$target.log
  "$build/fuzz/${target}_fuzzer" "$corpus" -dict="$(dictionary "$target")" -max_total_time="$seconds" \
    -timeout=25 -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$findings/" >"$log" 2>&1
  code=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
  size=$(find "$corpus" -type f | wc -l)
  result=ok
  if [ $code -ne 0 ]; then
    result="FAILED (exit $code; see $log and $findings)"
    status=1
  fi
  printf '%-14s %12s %8s %8s %s\n' "$target" "${runs:-?}" "${took:-$seconds}" "$size" "$result"
done
exit $status
