#!/usr/bin/env bash
# End-to-end: every shipped scenario, topology and import input, through every
# command and output format, prints the bytes recorded in tests/output_baseline/.
# Only the fields documented as volatile (time and memory, as in
# run_determinism.sh) are masked. A change that moves code must leave this
# green; a change that means to change output re-records the baseline with
#   KST_UPDATE_BASELINE=1 bash tests/e2e/run_output_identity.sh build/kst .
# and the diff of tests/output_baseline/ is reviewed in the same commit.
#
# Usage: run_output_identity.sh /path/to/kst /path/to/repo
set -u
kst=$1
repo=$2
source "$repo/tests/e2e/lib.sh"
cd "$repo" || exit 2
baseline=tests/output_baseline

mask() {  # mask FILE: blanks the volatile fields in place
  sed -i -E 's/, [0-9.e+-]+ s, peak RSS [0-9]+ MiB$/, <time>, <memory>/; s/"(seconds|peak_rss_kib)": [0-9.e+-]+/"\1": 0/' "$1"
}

runs=0
# record NAME ARGS...: runs kst ARGS with stdout and stderr captured, the exit
# code appended, and compares (or, updating, writes) $baseline/NAME.
record() {
  local name=$1
  shift
  (cd "$repo" && "$kst" "$@") >"$work/got" 2>"$work/got.err" </dev/null
  echo "exit $?" >>"$work/got.err"
  { cat "$work/got"; echo "--- stderr"; cat "$work/got.err"; } >"$work/out"
  mask "$work/out"
  runs=$((runs + 1))
  if [ "${KST_UPDATE_BASELINE:-0}" = 1 ]; then
    cp "$work/out" "$baseline/$name"
  elif [ ! -f "$baseline/$name" ]; then
    fail "$name: no recorded output (kst $*)"
  elif ! cmp -s "$baseline/$name" "$work/out"; then
    fail "$name: output differs from the recorded one (kst $*):"
    diff "$baseline/$name" "$work/out" | head -8
  fi
}

slug() { echo "$1" | sed -E 's#^(scenarios|tests)/##; s#[/ ]#_#g'; }
pin=(--today 2026-01-01 --at 2026-01-01T00:00:00Z)
[ "${KST_UPDATE_BASELINE:-0}" = 1 ] && mkdir -p "$baseline"

checked=(scenarios/*.json scenarios/*.yaml scenarios/topologies/*.json scenarios/topologies/*.yaml
  tests/import_inputs/lync/*.xml tests/import_inputs/lync/*.tbxml scenarios/snapshots/*)
for input in "${checked[@]}"; do
  s=$(slug "$input")
  for format in text json sarif junit github; do
    record "check_${s}.${format}" check "$input" --format "$format" "${pin[@]}"
  done
  record "show_${s}.txt" show "$input"
  record "impact_${s}.txt" impact "$input" "${pin[@]:2}"
  record "impact_${s}.json" impact "$input" --format json "${pin[@]:2}"
  record "impact_${s}.dot" impact "$input" --format dot "${pin[@]:2}"
  record "graph_${s}.dot" graph "$input" "${pin[@]:2}"
  record "export_${s}.pml" export promela "$input"
done

for input in scenarios/o1-add-owa-tap-breaks-um.json scenarios/seed-002-wildcard-um-certificate.json \
  scenarios/seed-000-edge-clock-five-hours-off.json; do
  s=$(slug "$input")
  record "check_${s}.nowaivers_warning.text" check "$input" --fail-on warning --no-color "${pin[@]}"
  record "check_${s}.waivers.text" check "$input" --waivers tests/e2e/inputs/waivers-o1.json "${pin[@]}"
done
record "explain_o1.txt" explain scenarios/o1-add-owa-tap-breaks-um.json kst/unknown-server:ex1.contoso.com "${pin[@]:2}"
record "explain_o1.dot" explain scenarios/o1-add-owa-tap-breaks-um.json kst/unknown-server:ex1.contoso.com --format dot "${pin[@]:2}"
record "explain_seed002.txt" explain scenarios/seed-002-wildcard-um-certificate.json \
  cert/wildcard-subject:srv12.wingtiptoys.com "${pin[@]:2}"
record "explore_o1.txt" explore scenarios/o1-add-owa-tap-breaks-um.json --server fe01.contoso.com --fqdn ex1.contoso.com
record "explore_o1.dot" explore scenarios/o1-add-owa-tap-breaks-um.json --server fe01.contoso.com --fqdn ex1.contoso.com --dot
for semantics in $("$kst" model --format json | jq -r '.semantics[].name' 2>/dev/null); do
  record "check_o1.${semantics}.json" check scenarios/o1-add-owa-tap-breaks-um.json --format json --semantics "$semantics" "${pin[@]}"
done
record "model.txt" model
record "model.json" model --format json
record "diff_contoso_o1.txt" diff scenarios/topologies/contoso.json scenarios/o1-add-owa-tap-breaks-um.json "${pin[@]:2}"
record "diff_contoso_o1.json" diff scenarios/topologies/contoso.json scenarios/o1-add-owa-tap-breaks-um.json --format json "${pin[@]:2}"
record "diff_contoso_o1.sarif" diff scenarios/topologies/contoso.json scenarios/o1-add-owa-tap-breaks-um.json --format sarif "${pin[@]:2}"
record "test_scenarios.txt" test scenarios "${pin[@]:2}"

imports=(tests/import_inputs/lync/*.xml tests/import_inputs/lync/*.tbxml scenarios/snapshots/*)
for dir in tests/import_inputs/exchange/*/; do
  [[ $dir == */malformed/ ]] || imports+=("${dir%/}")
done
for input in "${imports[@]}"; do
  s=$(slug "$input")
  record "import_${s}.json" import "$input"
  record "import_${s}.report.txt" import "$input" --report
  record "import_${s}.report.json" import "$input" --report --format json
done
for input in tests/malformed/*.json tests/malformed_yaml/* tests/import_inputs/lync/malformed/* \
  tests/import_inputs/exchange/malformed/*; do
  [[ $input == *.txt || $input == *.md ]] && continue
  record "malformed_$(slug "$input").text" check "$input" "${pin[@]}"
done

echo "$runs kst runs compared with $baseline"
finish output-identity
