#!/usr/bin/env bash
# End-to-end: `kst check --format sarif` on every scenario and bundled
# topology. Structural checks always run, with grep only (CI has neither
# python nor jq for sure): required keys, one result with a fingerprint per
# finding of the JSON report, valid levels, relative URIs to files that exist,
# no timestamps, byte-identical output on a second run. Then Microsoft's SARIF
# validator (installed by .ci/install-npm-tools) checks all files with the
# default (Sarif) and the GitHub ingestion (Gh) rule kinds; any error-level
# result fails. Without the validator a SKIP line says so and only the
# structural checks count.
# Usage: run_sarif.sh KST REPO
set -u
kst=$1
repo=$2
cd "$repo" || exit 2
tools=${KST_TOOLS:-${HOME:-/tmp}/.cache/kst-tools}
platform=$(uname -s | tr '[:upper:]' '[:lower:]')
multitool=$tools/node_modules/@microsoft/sarif-multitool-$platform/Sarif.Multitool
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/sarif" "$work/validation"
failures=0
checked=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
count() { grep -c -E -e "$1" "$2"; }

# The structural checks of one SARIF file `out` written for input `file`.
check_structure() {
  local file=$1 out=$2 json=$3
  local key
  for key in '"\$schema": "https://' '"version": "2\.1\.0"' '"name": "kst"' '"version": "[0-9]' \
    '"informationUri": "https://' '"rules": \[' '"defaultConfiguration"' '"help": \{' '"markdown": ' \
    '"verdict": "(pass|fail|inconclusive)"'; do
    grep -q -E -e "$key" "$out" || fail "$file: no $key"
  done
  # Partial results (an inconclusive reason, an interrupt) are not a successful execution.
  local successful=true
  grep -q '"inconclusive_reasons": \[\]' "$json" || successful=false
  grep -q "\"executionSuccessful\": $successful" "$out" || fail "$file: executionSuccessful is not $successful"
  [ "$(count '^ *"\$schema"' "$out")" -eq 1 ] || fail "$file: not exactly one SARIF log"
  [ "$(count '^ *"tool": \{' "$out")" -eq 1 ] || fail "$file: not exactly one run"
  local findings results
  findings=$(count '^ *"rule": "' "$json")
  results=$(count '^ *"ruleId": "' "$out")
  [ "$findings" -eq "$results" ] || fail "$file: $findings finding(s) in JSON but $results SARIF result(s)"
  for key in '"ruleIndex": [0-9]' '"message": \{' '"locations": \[' '"kstFinding/v2": "[0-9a-f]{16}'; do
    [ "$(count "^ *$key" "$out")" -ge "$results" ] || fail "$file: a result without $key"
  done
  local rule
  for rule in $(grep -E '^ *"ruleId": "' "$out" | sed 's/.*"ruleId": "\([^"]*\)".*/\1/' | sort -u); do
    grep -q "^ *\"id\": \"$rule\"" "$out" || fail "$file: ruleId $rule is not among tool.driver.rules"
  done
  local duplicates
  duplicates=$(grep -o '"kstFinding/v2": "[^"]*"' "$out" | sort | uniq -d)
  [ -z "$duplicates" ] || fail "$file: fingerprint used twice: $duplicates"
  local bad_levels
  bad_levels=$(grep -E '"level": "' "$out" | grep -v -E '"level": "(error|warning|note)"')
  [ -z "$bad_levels" ] || fail "$file: invalid level: $bad_levels"
  grep -q -E '"startLine": (0|-)' "$out" && fail "$file: a region with startLine < 1"
  grep -q -E '"(startTimeUtc|endTimeUtc|timeUtc|seconds|peak_rss_kib|peakRssKib)"' "$out" &&
    fail "$file: a timestamp or timing (output must be deterministic)"
  [ "$(count '"uri": ' "$out")" -eq "$(count '"uriBaseId": "%SRCROOT%"' "$out")" ] ||
    fail "$file: a URI without uriBaseId %SRCROOT% (inputs given as relative paths)"
  local uri
  for uri in $(grep -o '"uri": "[^"]*"' "$out" | sed 's/"uri": "\(.*\)"/\1/' | sort -u); do
    [ -f "$uri" ] || fail "$file: URI $uri names no file relative to the repository root"
  done
}

# A bundled topology has no "at" of its own: pin the check time of its certificates.
at_for() { [[ $1 == scenarios/topologies/* ]] && echo "--at=2025-03-01T09:00:00Z"; }

for file in scenarios/*.json scenarios/topologies/*.json; do
  name=$(tr '/' '_' <<<"${file%.json}")
  out=$work/sarif/$name.sarif
  "$kst" check --format sarif "$file" $(at_for "$file") >"$out" 2>"$work/stderr"
  status=$?
  checked=$((checked + 1))
  [ -s "$out" ] || { fail "$file: no SARIF on stdout (exit $status): $(head -3 "$work/stderr")"; continue; }
  case $status in
    0 | 1 | 4) ;;
    *) fail "$file: kst check --format sarif exited $status: $(head -3 "$work/stderr")"; continue ;;
  esac
  "$kst" check --format json "$file" $(at_for "$file") >"$work/json" 2>/dev/null
  check_structure "$file" "$out" "$work/json"
  "$kst" check --format sarif "$file" $(at_for "$file") 2>/dev/null | cmp -s - "$out" || fail "$file: a second run writes different SARIF"
done

# Microsoft's validator: every file at once, per rule kind. It exits 0 even
# when it reports errors, so its console lines and its own SARIF are read.
if [ ! -x "$multitool" ]; then
  echo "SKIP: sarif-multitool not installed under $tools (run .ci/install-npm-tools); structural checks only"
else
  for kind in Sarif Gh; do  # both at once: each takes about 20 s over all files
    "$multitool" validate --rule-kind "$kind" --level "Error;Warning" --log ForceOverwrite \
      -o "$work/validation/$kind.sarif" "$work"/sarif/*.sarif >"$work/validation/$kind.log" 2>&1 &
    echo $! >"$work/validation/$kind.pid"
  done
  for kind in Sarif Gh; do
    wait "$(cat "$work/validation/$kind.pid")"
    status=$?
    log=$work/validation/$kind.log
    result=$work/validation/$kind.sarif
    errors=$(count ': error ' "$log")
    results=""  # the error-level results of its own SARIF, when node can read it
    if [ -f "$result" ] && command -v node >/dev/null 2>&1; then
      results=$(node -e 'const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
        for (const r of log.runs[0].results || [])
          if (r.level === "error") console.log(r.ruleId, JSON.stringify(r.locations || []));' "$result")
    fi
    if [ "$status" -ne 0 ] || [ "$errors" -gt 0 ] || [ -n "$results" ] ||
      ! grep -q "Analysis completed successfully" "$log"; then
      fail "sarif-multitool validate --rule-kind $kind (exit $status, $errors error line(s)):"
      grep -v -E '^(Analyzing|THREADS|Done|$)' "$log" | head -40 | sed 's/^/    /'
      [ "$errors" -eq 0 ] && [ -n "$results" ] && head -20 <<<"$results" | sed 's/^/    /'
    else
      echo "sarif-multitool --rule-kind $kind: $checked file(s), no errors, $(count ': warning ' "$log") warning(s)"
      grep ': warning ' "$log" | sed 's/^/    /'
    fi
  done
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures SARIF check(s) failed over $checked file(s)"
  exit 1
fi
echo "all SARIF checks passed over $checked file(s)"
