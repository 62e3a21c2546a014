#!/usr/bin/env bash
# Runs every libFuzzer target for FUZZ_SECONDS each (make fuzz), seeded from
# the project's own inputs and the real samples in ../shared/samples, and
# prints one line per target: executions, seconds, corpus size, crashes.
# A crash, leak, timeout or sanitizer report leaves its input in
# fuzz/findings/<target>/ and makes the run fail; once fixed, the input goes to
# fuzz/regressions/<target>/, which `make test` replays (ctest fuzz_replay_*).
#
# Usage: run_fuzzers.sh BUILD_DIR SECONDS [TARGET...]
set -u
build=$1
seconds=$2
shift 2
repo=$(cd "$(dirname "$0")/.." && pwd)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(topology_json topology_yaml scenario waivers export event_logs)

dictionary() {
  case $1 in
    topology_json | scenario | waivers) echo "$repo/fuzz/dictionaries/kst_json.dict" ;;
    topology_yaml) echo "$repo/fuzz/dictionaries/kst_yaml.dict" ;;
    export) echo "$repo/fuzz/dictionaries/export.dict" ;;
    event_logs) echo "$repo/fuzz/dictionaries/event_logs.dict" ;;
  esac
}

status=0
printf '%-14s %12s %8s %8s %s\n' target executions seconds corpus result
for target in "${targets[@]}"; do
  corpus=$build/corpus/$target
  findings=$repo/fuzz/findings/$target
  mkdir -p "$corpus" "$findings"
  bash "$repo/fuzz/seed_corpus.sh" "$target" "$corpus"
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
  # libFuzzer prints its totals only when the time is up; a finding stops it early.
  printf '%-14s %12s %8s %8s %s\n' "$target" "${runs:-?}" "${took:-?}" "$size" "$result"
done
exit $status
