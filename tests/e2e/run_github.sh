#!/usr/bin/env bash
# End-to-end: `kst check --format github` on every scenario and bundled
# topology. Every line must be a workflow command with escaped properties,
# a plain "kst: not annotated:" line or, last, the summary; the most
# important come first, at most 10 of a kind, counts match the summary and
# the exit code, and annotations point at files that exist. Then pinned
# cases: O1, a clean topology, warnings, inconclusive runs, a generated
# topology with 12 conflicts (over GitHub's limit) in a file whose name needs
# escaping, and a waiver.
# Bash and grep only: CI has no python.
# Usage: run_github.sh KST REPO
set -u
kst=$1
repo=$2
cd "$repo" || exit 2
# shellcheck source=tests/e2e/lib.sh
source tests/e2e/lib.sh

# github OUT ARGS...: runs kst check --format github ARGS, output in OUT, exit code in $status.
github() {
  local out=$1
  shift
  "$kst" check --format github "$@" >"$out" 2>"$work/err"
  status=$?
}
count() { grep -c -E -e "$1" "$2"; }
# Property values may hold neither ',' nor ':' (they are %2C and %3A), nor a raw '%'.
property='(file|line|col|title)=([^,:%]|%25|%0D|%0A|%3A|%2C)*'
command="^::(error|warning|notice)( $property(,$property)*)?::"
summary='^kst: (pass|fail|inconclusive): [0-9]+ errors?, [0-9]+ warnings?, [0-9]+ waived \(.*\)'
summary+='(; [0-9]+ not annotated \(listed above\))?$'

# check_output FILE OUT: the shape of one run's output. Bash builtins only in
# the loop: a process per line made the script slow.
check_output() {
  local file=$1 out=$2
  local line kind path last="" rank=0 errors_listed=0 summaries=0
  local -A seen=([error]=0 [warning]=0 [notice]=0) ranks=([error]=1 [warning]=2 [notice]=3)
  while IFS= read -r line; do
    last=$line
    if [[ $line =~ $command ]]; then
      kind=${BASH_REMATCH[1]}
      seen[$kind]=$((seen[$kind] + 1))
      # Most important first: no error after a warning or notice, no warning after a notice.
      [ "${ranks[$kind]}" -lt "$rank" ] && fail "$file: $kind annotation after a less important one"
      rank=${ranks[$kind]}
      [[ $kind = error && $line =~ title=(kst|cert|clock)/ ]] && errors_listed=$((errors_listed + 1))
      # The annotated file exists (decoding %2C, %3A and %25, in that order).
      if [[ $line =~ ^::[a-z]+\ file=([^,:]*) ]]; then
        path=${BASH_REMATCH[1]//%2C/,}
        path=${path//%3A/:}
        path=${path//%25/%}
        [ -f "$path" ] || fail "$file: an annotation points at a missing file: $path"
      fi
    elif [[ $line =~ ^kst:\ not\ annotated:\ (error|warning|notice)\  ]]; then
      [[ $line =~ ^kst:\ not\ annotated:\ error\ .*:\ (kst|cert|clock)/ ]] && errors_listed=$((errors_listed + 1))
    elif [[ $line =~ $summary ]]; then
      summaries=$((summaries + 1))
    else
      fail "$file: a line that is neither a command nor the summary: ${line:0:100}"
    fi
  done <"$out"
  [[ $last =~ $summary ]] || fail "$file: the last line is not the summary"
  [ "$summaries" = 1 ] || fail "$file: $summaries summary lines"
  for kind in error warning notice; do
    [ "${seen[$kind]}" -le 10 ] || fail "$file: ${seen[$kind]} $kind annotations, GitHub shows 10"
  done
  # Error findings in the summary = error annotations and listed errors of a rule (kst/, cert/, clock/).
  local errors verdict
  errors=$(sed -E 's/^kst: [a-z]+: ([0-9]+) error.*/\1/' <<<"$last")
  [ "$errors" = "$errors_listed" ] || fail "$file: summary says $errors errors, $errors_listed annotated or listed"
  verdict=$(sed -E 's/^kst: ([a-z]+):.*/\1/' <<<"$last")
  case "$verdict/$status" in
    pass/0 | fail/1 | inconclusive/4) ;;
    *) fail "$file: verdict $verdict but exit $status; stderr: $(head -3 "$work/err")" ;;
  esac
}

for file in scenarios/*.json scenarios/topologies/*.json; do
  github "$work/out.txt" "$file" $(at_for "$file")
  check_output "$file" "$work/out.txt"
  github "$work/again.txt" "$file" $(at_for "$file")
  cmp -s "$work/out.txt" "$work/again.txt" || fail "$file: a second run gives different output"
done

# O1: two errors on the plan's claim (the TAP added at line 7), then the summary.
o1=scenarios/o1-add-owa-tap-breaks-um.json
github "$work/o1.txt" "$o1"
[ "$status" = 1 ] || fail "O1: exit $status, expected 1"
[ "$(count "^::error file=$o1,line=7,col=23,title=kst/version-conflict%3A ex1.contoso.com::ex1.contoso.com " \
  "$work/o1.txt")" = 1 ] || fail "O1: no version-conflict error at the plan's claim"
[ "$(count "^::error file=$o1,line=7,col=23,title=kst/unknown-server%3A ex1.contoso.com::" "$work/o1.txt")" = 1 ] ||
  fail "O1: no unknown-server error at the plan's claim"
grep -q -F '%0Aclaim: version 0 by Exchange UM Routing: ' "$work/o1.txt" || fail "O1: claims not in the message"
grep -q -F '%0Apredicted: 14563 LS Protocol Stack (Error): ' "$work/o1.txt" || fail "O1: events not in the message"
[ "$(tail -n 1 "$work/o1.txt")" = "kst: fail: 2 errors, 0 warnings, 0 waived ($o1)" ] ||
  fail "O1: summary is '$(tail -n 1 "$work/o1.txt")'"

# A clean topology: the summary alone.
github "$work/clean.txt" scenarios/topologies/contoso.json
[ "$status" = 0 ] || fail "contoso: exit $status, expected 0"
[ "$(cat "$work/clean.txt")" = "kst: pass: 0 errors, 0 warnings, 0 waived (scenarios/topologies/contoso.json)" ] ||
  fail "contoso: output is '$(head -3 "$work/clean.txt")'"

# Warnings only: annotations, and exit 0.
github "$work/warn.txt" scenarios/migrate-tap-2010-to-2013.json
[ "$status" = 0 ] || fail "warnings: exit $status, expected 0"
[ "$(count '^::warning file=scenarios/migrate-tap-2010-to-2013.json,line=9,col=[0-9]+,title=kst/unknown-server' \
  "$work/warn.txt")" = 2 ] || fail "warnings: not two unknown-server warnings at the plan's claims"

# Inconclusive: the reason first, as an error; an unread field also as a warning at its place.
github "$work/budget.txt" --max-states 1 scenarios/topologies/contoso.json
[ "$status" = 4 ] || fail "budget: exit $status, expected 4"
head -n 1 "$work/budget.txt" | grep -q -F \
  '::error file=scenarios/topologies/contoso.json,title=kst%3A inconclusive::the state budget (--max-states 1)' ||
  fail "budget: first line is '$(head -n 1 "$work/budget.txt")'"
github "$work/unread.txt" tests/malformed/unknown_field.json
[ "$status" = 4 ] || fail "unknown field: exit $status, expected 4"
check_output unknown_field.json "$work/unread.txt"
grep -q -F '::warning file=tests/malformed/unknown_field.json,line=18,col=9,title=kst%3A warning[unknown-field]::' \
  "$work/unread.txt" || fail "unknown field: no warning at 18:9"

# Over the limit: 12 Exchange servers each both a SipName dial plan host and an OWA IM pool, in a file whose
# name holds ',' and ':' (escaped in file=).
odd="$work/odd,name:12.json"
{
  echo '{"format": "kst-topology/1", "lync": {"pools": [{"fqdn": "pool01.contoso.com", "role": "FrontEnd",'
  echo '  "version": 6, "computers": ["fe01.contoso.com"]}], "trusted_application_pools": ['
  for i in $(seq 1 12); do
    comma=$([ "$i" -lt 12 ] && echo ,)
    echo "  {\"fqdn\": \"ex$i.contoso.com\", \"version\": 6, \"registrar\": \"pool01.contoso.com\"}$comma"
  done
  echo ']}, "exchange": {"servers": ['
  for i in $(seq 1 12); do echo "  {\"fqdn\": \"ex$i.contoso.com\"}$([ "$i" -lt 12 ] && echo ,)"; done
  echo '], "um_dial_plans": [{"name": "SIP", "uri_type": "SipName", "servers": ['
  for i in $(seq 1 12); do echo "  \"ex$i.contoso.com\"$([ "$i" -lt 12 ] && echo ,)"; done
  echo ']}]}}'
} >"$odd"
github "$work/many.txt" "$odd"
check_output "odd,name:12.json" "$work/many.txt"
errors=$(tail -n 1 "$work/many.txt" | sed -E 's/^kst: [a-z]+: ([0-9]+) error.*/\1/')
[ "$errors" -gt 10 ] || fail "generated topology: only $errors errors; the limit is not exercised"
[ "$(count '^::error ' "$work/many.txt")" = 10 ] || fail "generated topology: not exactly 10 error annotations"
[ "$(count '^kst: not annotated: error ' "$work/many.txt")" = $((errors - 10)) ] ||
  fail "generated topology: the errors over the limit are not listed"
[ "$(count '^::notice .*title=kst%3A [0-9]+ more::' "$work/many.txt")" = 1 ] ||
  fail "generated topology: no overflow notice"
tail -n 1 "$work/many.txt" | grep -q -E "; $((errors - 10)) not annotated \(listed above\)$" ||
  fail "generated topology: the summary does not count what is not annotated"
grep -q -F "::error file=${work//:/%3A}/odd%2Cname%3A12.json,line=" "$work/many.txt" ||
  fail "generated topology: file= not escaped: $(head -c 120 "$work/many.txt")"

# Waivers: the waived finding becomes a notice after the errors.
cat >"$work/waivers.json" <<'EOF'
{"format": "kst-waivers/1", "waivers": [
{"rule": "kst/version-conflict", "fqdn": "ex1.contoso.com", "reason": "OWA IM moves: 50% done",
 "owner": "uc-team", "expires": "2999-12-31"}]}
EOF
github "$work/waived.txt" --today 2026-11-23 --waivers "$work/waivers.json" "$o1"
check_output waived "$work/waived.txt"
notice="::notice file=$o1,line=7,col=23,title=kst/version-conflict%3A ex1.contoso.com::"
grep -q -F "${notice}waived error: OWA IM moves: 50%25 done (uc-team, expires 2999-12-31)%0A" "$work/waived.txt" ||
  fail "waived: no notice with the waiver"
[ "$(tail -n 1 "$work/waived.txt")" = "kst: fail: 1 error, 0 warnings, 1 waived ($o1)" ] ||
  fail "waived: summary is '$(tail -n 1 "$work/waived.txt")'"

finish github
