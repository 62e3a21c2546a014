#!/usr/bin/env bash
# End-to-end: `kst check` on the malformed-input corpus (tests/malformed/).
#
# Usage: run_malformed.sh /path/to/kst /path/to/repo [corpus folder under the repo, default tests/malformed]
#
# Each line of tests/malformed/expectations.txt reads
#   <file> <exit-code> <line>:<column> <diagnostic-id>     (or "-" for the position: about the whole file;
#                                                           "<file> 0 - none": must pass with no diagnostic)
# and requires that `kst check <repo>/tests/malformed/<file>`
#   - exits with <exit-code>;
#   - prints on stderr a line starting "<path as passed>:<line>:<column>: error[<id>]" when <exit-code> is 3
#     (input error), or "...: warning[<id>]" otherwise (4: inconclusive, since kst will not pass what it did
#     not read), and then no error at all;
#   - prints nothing on stdout when <exit-code> is 3 (no report as if the input were fine).
# Every input file of the corpus (.json, .yaml, .xml, .tbxml, .csv) must have a line. Blank lines and lines starting with '#' are skipped.
# Prints one FAIL line per broken expectation and exits 1 if there was any.

set -u

if [[ $# -ne 2 && $# -ne 3 ]]; then
  echo "usage: $0 /path/to/kst /path/to/repo [corpus]" >&2
  exit 2
fi
kst=$1
corpus=$2/${3:-tests/malformed}
expectations=$corpus/expectations.txt
if [[ ! -x $kst ]]; then
  echo "FAIL: $kst is not an executable" >&2
  exit 2
fi
if [[ ! -r $expectations ]]; then
  echo "FAIL: cannot read $expectations" >&2
  exit 2
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

cases=0
failures=0
declare -A listed

fail() {  # fail <file> <what went wrong>
  echo "FAIL $1: $2"
  failures=$((failures + 1))
}

show_output() {  # what kst printed, indented, to explain a failure
  sed 's/^/    stderr: /' "$scratch/err"
  head -n 5 "$scratch/out" | sed 's/^/    stdout: /'
}

# Does a line of stderr start with $1?
stderr_has_line_starting() {
  PREFIX=$1 awk 'index($0, ENVIRON["PREFIX"]) == 1 { found = 1 } END { exit !found }' "$scratch/err"
}

check_case() {  # check_case <file> <exit-code> <line:column> <id>
  local file=$1 code=$2 position=$3 id=$4
  local path=$corpus/$file
  if [[ ! -f $path ]]; then
    fail "$file" "listed in expectations.txt but $path does not exist"
    return
  fi
  local actual=0
  timeout 120 "$kst" check "$path" >"$scratch/out" 2>"$scratch/err" </dev/null || actual=$?

  if [[ $code == 0 && $id == none ]]; then  # a file that looks wrong for one reader but is fine for kst as a whole
    [[ $actual == 0 ]] || fail "$file" "exit code $actual, expected 0"
    if grep -q -e ': error\[' -e ': warning\[' "$scratch/err"; then fail "$file" "expected no diagnostic"; fi
    return
  fi
  local severity=warning
  [[ $code == 3 ]] && severity=error
  local expected="$path:$position: $severity[$id]"
  [[ $position == - ]] && expected="$path: $severity[$id]"  # about the whole file
  local before=$failures
  [[ $actual == "$code" ]] || fail "$file" "exit code $actual, expected $code"
  stderr_has_line_starting "$expected" || fail "$file" "stderr has no line starting \"$expected\""
  if [[ $code == 3 && -s $scratch/out ]]; then
    fail "$file" "input error (exit 3) but stdout is not empty"
  fi
  if [[ $code != 3 ]] && grep -q ': error\[' "$scratch/err"; then
    fail "$file" "expected only warnings, but stderr has an error"
  fi
  if ((failures > before)); then show_output; fi
}

line_number=0
while read -r file code position id extra || [[ -n ${file:-} ]]; do
  line_number=$((line_number + 1))
  [[ -z ${file:-} || $file == \#* ]] && continue
  if [[ -z ${id:-} || -n ${extra:-} || ! $code =~ ^[0-9]+$ || ! $position =~ ^([0-9]+:[0-9]+|-)$ ]]; then
    fail "expectations.txt:$line_number" "malformed line; want <file> <exit-code> <line>:<column>|- <diagnostic-id>"
    continue
  fi
  cases=$((cases + 1))
  listed[$file]=1
  check_case "$file" "$code" "$position" "$id"
done <"$expectations"

for path in "$corpus"/*.json "$corpus"/*.yaml "$corpus"/*.yml "$corpus"/*.xml "$corpus"/*.tbxml "$corpus"/*.csv; do
  [[ -e $path ]] || continue
  file=${path##*/}
  [[ -n ${listed[$file]:-} ]] || fail "$file" "has no line in expectations.txt"
done

if ((cases == 0)); then fail "expectations.txt" "lists no case"; fi
echo "run_malformed: $cases cases, $failures failures"
((failures == 0))
