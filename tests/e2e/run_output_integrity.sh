#!/usr/bin/env bash
# End-to-end checks that kst's output never lies (issue 16, "A gate that never
# lies"): numbers that would wrap are usage errors.
# Usage: run_output_integrity.sh KST REPO
set -u
kst=$1
repo=$2
cd "$repo" || exit 2
# shellcheck source=tests/e2e/lib.sh
source tests/e2e/lib.sh

contoso=scenarios/topologies/contoso.json
o1=scenarios/o1-add-owa-tap-breaks-um.json

# --- A negative or oversized --max-states is a usage error, not an unlimited budget
for value in -1 -0 -18446744073709551615 18446744073709551616 99999999999999999999999 1e3 ""; do
  expect_exit 2 "check --max-states '$value'" -- "$kst" check --max-states "$value" "$contoso"
  [ -s "$work/out" ] && fail "check --max-states '$value' printed a report"
done
expect_exit 2 "check --max-states=-1" -- "$kst" check --max-states=-1 "$contoso"
expect_in "$work/err" "max-states" "the usage error names the option"
for command in test diff impact graph explain; do
  case $command in
    diff) args=("$contoso" "$o1") ;;
    explain) args=("$o1" kst/version-conflict:ex1.contoso.com) ;;
    *) args=("$o1") ;;
  esac
  expect_exit 2 "$command --max-states -1" -- "$kst" "$command" --max-states -1 "${args[@]}"
done
expect_exit 4 "--max-states 1 still bounds the run" -- "$kst" check --max-states 1 "$contoso"
expect_exit 0 "--max-states 18446744073709551615 is the largest budget" -- \
  "$kst" check --max-states 18446744073709551615 "$contoso"
expect_exit 0 "--max-states 0050000000 (leading zeros)" -- "$kst" check --max-states 0050000000 "$contoso"

finish "output integrity"
