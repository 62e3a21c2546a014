#!/usr/bin/env bash
# The CI example in docs/ci.md must use commands the binary accepts: every
# `kst ...` command between the ci-example markers is run with the
# example's files replaced by shipped ones, and must not be a usage error.
# Usage: run_readme.sh KST REPO
set -u
kst=$1
repo=$2
cd "$repo" || exit 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp tests/e2e/inputs/waivers-stale.json "$work/kst-waivers.json"
failures=0
count=0
section=$(sed -n '/<!-- ci-example/,/<!-- end ci-example -->/p' docs/ci.md)
while IFS= read -r line; do
  command=$(sed -E 's/^.*(script|run): //; s/^[[:space:]]+//' <<<"$line")
  [[ "$command" == kst\ * ]] || continue
  count=$((count + 1))
  command=${command//\$(Build.ArtifactStagingDirectory)\//}
  command=${command//topology.json/scenarios/topologies/contoso.json}
  command=${command//kst-waivers.json/$work/kst-waivers.json}
  command=${command//kst.sarif/$work/kst.sarif}
  command=${command//kst-junit.xml/$work/kst-junit.xml}
  # shellcheck disable=SC2086
  "$kst" ${command#kst } >"$work/out" 2>&1
  status=$?
  if [ "$status" -ne 0 ] && [ "$status" -ne 1 ]; then
    echo "FAIL: docs/ci.md command exits $status: $command"
    head -5 "$work/out"
    failures=$((failures + 1))
  fi
done <<<"$section"
[ "$count" -ge 3 ] || { echo "FAIL: found only $count kst commands in the CI example of docs/ci.md"; failures=$((failures + 1)); }
if [ "$failures" -gt 0 ]; then exit 1; fi
echo "all $count CI example commands of docs/ci.md accepted"
