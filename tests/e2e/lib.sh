# Shared by the end-to-end scripts: a scratch folder, failure counting and
# the two assertions they all use. Source it after setting kst and repo.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect_exit CODE DESCRIPTION -- COMMAND...: runs it; output in $work/out, $work/err
expect_exit() {
  local want=$1 what=$2
  shift 3
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  [ "$got" -eq "$want" ] || fail "$what: exit $got, expected $want; stderr: $(head -3 "$work/err")"
}

# expect_in FILE PATTERN DESCRIPTION
expect_in() { grep -q -- "$2" "$1" || fail "$3: '$2' not found in $(basename "$1")"; }

# finish NAME: prints the verdict and exits 1 when anything failed
finish() {
  if [ "$failures" -gt 0 ]; then
    echo "$failures $1 check(s) failed"
    exit 1
  fi
  echo "all $1 checks passed"
}

# at_for FILE: "--at=..." for a bundled topology (it has no "at" of its own,
# and its certificates are judged at the check time, by default now), so
# that two runs compare equal; nothing for a scenario, which pins its own.
at_for() { [[ $1 == scenarios/topologies/* ]] && echo "--at=2025-03-01T09:00:00Z"; }
