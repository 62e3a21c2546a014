#!/usr/bin/env bash
# End-to-end checks that kst's output never lies (issue 16, "A gate that never
# lies"): numbers that would wrap are usage errors; stdout that cannot be
# written is an output error (exit 3), whatever the command; a reader that
# closes the pipe early leaves the verdict's exit code (no SIGPIPE death);
# output files are whole or untouched, written before stdout, never over an input;
# SARIF fingerprints survive unrelated changes and partial runs are no success;
# text from the input cannot inject escapes, lines or CI commands into any text output.
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

# --- Every command that prints: stdout on a full disk, or closed, is exit 3 with a message, never 0
"$kst" check "$o1" --trace-out "$work/traces.json" >/dev/null 2>&1
lync_export=tests/import_inputs/lync/unknown-attribute.xml
while IFS='|' read -r name args; do
  read -ra argv <<<"$args"
  "$kst" "${argv[@]}" >/dev/full 2>"$work/err"
  got=$?
  [ "$got" -eq 3 ] || fail "$name >/dev/full: exit $got, expected 3"
  expect_in "$work/err" "kst: fatal: cannot write to stdout: No space left on device" "$name >/dev/full says so"
  "$kst" "${argv[@]}" >&- 2>"$work/err"
  got=$?
  [ "$got" -eq 3 ] || fail "$name >&-: exit $got, expected 3"
  expect_in "$work/err" "kst: fatal: cannot write to stdout: it is closed" "$name >&- says so"
done <<EOF
check text|check $contoso
check sarif|check $contoso --format sarif
check --no-fail|check $o1 --no-fail
check with --output|check $contoso --output json=$work/closed-stdout.json
diff|diff $contoso $o1
diff json|diff $contoso $o1 --format json
import|import $lync_export
import --report|import $lync_export --report
show|show $contoso
model|model
model json|model --format json
impact|impact $o1
graph|graph $o1
explain|explain $o1 kst/version-conflict:ex1.contoso.com
explore|explore $contoso --server fe01.contoso.com --fqdn ex1.contoso.com
export|export promela $contoso
test|test $o1
replay|replay $work/traces.json
help|--help
EOF
expect_exit 0 "a command that prints nothing passes with stdout closed" -- \
  "$kst" import "$lync_export" -o "$work/imported.json"
"$kst" import "$lync_export" -o "$work/imported.json" >&- 2>"$work/err" || fail "import -o with stdout closed"
head -c1 "$work/closed-stdout.json" 2>/dev/null | grep -q '{' ||
  fail "with stdout closed, an --output file is still written, and stdout's descriptor is not reused for it"

# --- A reader that stops early (head -1): the verdict's exit code under pipefail, not 141 (SIGPIPE)
# A topology whose report is larger than a pipe's buffer (64 KiB), so head exits before kst is done.
big=$work/many-conflicts.json
{
  echo '{"format": "kst-topology/1", "lync": {"pools": [{"fqdn": "pool01.contoso.com", "role": "FrontEnd",'
  echo '  "version": 6, "computers": ["fe01.contoso.com", "fe02.contoso.com"]}], "trusted_application_pools": ['
  for i in $(seq 1 60); do
    [ "$i" -gt 1 ] && echo ','
    echo "{\"fqdn\": \"ex$i.contoso.com\", \"version\": 6, \"registrar\": \"pool01.contoso.com\","
    echo " \"computers\": [\"ex$i.contoso.com\"]}"
  done
  echo ']}, "exchange": {"servers": ['
  for i in $(seq 1 60); do
    [ "$i" -gt 1 ] && echo ','
    echo "{\"fqdn\": \"ex$i.contoso.com\", \"version\": \"2013\"}"
  done
  echo '], "um_dial_plans": ['
  for i in $(seq 1 60); do
    [ "$i" -gt 1 ] && echo ','
    echo "{\"name\": \"SIP $i\", \"uri_type\": \"SipName\", \"servers\": [\"ex$i.contoso.com\"]}"
  done
  echo ']}}'
} >"$big"
expect_exit 1 "the large topology fails the gate" -- "$kst" check "$big"
size=$(wc -c <"$work/out")
[ "$size" -gt 200000 ] || fail "the large report is only $size bytes: head -1 would not close the pipe early"
pipe_status() { # pipe_status COMMAND...: the pipeline's exit status under pipefail, the reader head -1
  (
    set -o pipefail
    "$@" 2>"$work/err" | head -1 >/dev/null
  )
}
pipe_status "$kst" check "$big"
got=$?
[ "$got" -eq 1 ] || fail "set -o pipefail; kst check (failing) | head -1: exit $got, expected the verdict's 1"
[ -s "$work/err" ] && fail "a reader that stops early is not an error: stderr says $(head -1 "$work/err")"
pipe_status "$kst" check "$big" --no-fail
got=$?
[ "$got" -eq 0 ] || fail "set -o pipefail; kst check --no-fail | head -1: exit $got, expected 0"
pipe_status "$kst" check "$big" --format sarif
got=$?
[ "$got" -eq 1 ] || fail "set -o pipefail; kst check --format sarif | head -1: exit $got, expected 1"
pipe_status "$kst" show scenarios/large-multipool-owa-tap-patch-night.json
got=$?
[ "$got" -eq 0 ] || fail "set -o pipefail; kst show (400 KB) | head -1: exit $got, expected 0"

# --- Output files: written whole (a temporary file renamed into place), before stdout, never over an input
mkdir -p "$work/in/topologies" "$work/outdir"
cp "$contoso" "$work/in/topologies/contoso.json"
cp "$o1" "$work/in/o1.json"
cp "$lync_export" "$work/in/export.xml"
cp tests/e2e/inputs/waivers-o1.json "$work/in/waivers.json"
"$kst" check "$work/in/o1.json" --trace-out "$work/in/traces.json" >/dev/null 2>&1
snapshot() { (cd "$work/in" && find . -type f | sort | xargs md5sum) >"$work/in.md5"; }
unchanged() { (cd "$work/in" && md5sum --quiet -c "$work/in.md5" >/dev/null 2>&1) || fail "$1: an input was changed"; }
snapshot

# An output that names an input (any spelling, a link) is a usage error, and nothing is written
ln -s "$work/in/topologies/contoso.json" "$work/contoso-link.json"
while IFS='|' read -r name args; do
  read -ra argv <<<"$args"
  expect_exit 2 "$name" -- "$kst" "${argv[@]}"
  expect_in "$work/err" "is an input of this run" "$name says why"
  [ -s "$work/out" ] && fail "$name printed a report"
  unchanged "$name"
done <<EOF
--output over the topology|check $work/in/topologies/contoso.json --output sarif=$work/in/topologies/contoso.json
--output over the input, another spelling|check $work/in/topologies/contoso.json --output json=$work/in/topologies/../topologies/./contoso.json
--output over the input through a symbolic link|check $work/in/topologies/contoso.json --output json=$work/contoso-link.json
--output over a scenario's topology|check $work/in/o1.json --output sarif=$work/in/topologies/contoso.json
--output over the waiver file|check $work/in/o1.json --waivers $work/in/waivers.json --output junit=$work/in/waivers.json
--trace-out over the scenario|check $work/in/o1.json --trace-out $work/in/o1.json
diff --output over AFTER|diff $work/in/topologies/contoso.json $work/in/o1.json --output sarif=$work/in/o1.json
import -o over the export|import $work/in/export.xml -o $work/in/export.xml
import -o over an export of a folder|import $work/in -o $work/in/export.xml
export -o over the input|export promela $work/in/o1.json -o $work/in/topologies/contoso.json
export -o over the guide|export promela $work/in/o1.json --guide $work/in/traces.json -o $work/in/traces.json
EOF
expect_exit 2 "two outputs to one file" -- "$kst" check "$o1" --output "sarif=$work/outdir/x" --output "junit=$work/outdir/./x"
expect_in "$work/err" "both write" "two outputs to one file: says why"
[ -e "$work/outdir/x" ] && fail "two outputs to one file: a file was written"

# A failed output file: exit 3, the message names it, and stdout stays empty (files are written first)
while IFS='|' read -r name target args; do
  read -ra argv <<<"$args"
  expect_exit 3 "$name" -- "$kst" "${argv[@]}"
  expect_in "$work/err" "cannot write $target" "$name names the file"
  [ -s "$work/out" ] && fail "$name: the report reached stdout although a file failed"
done <<EOF
--output into a missing folder|$work/missing/kst.sarif|check $o1 --output sarif=$work/missing/kst.sarif
--output on a full disk|/dev/full|check $contoso --output sarif=/dev/full
second --output fails|/dev/full|check $contoso --output json=$work/outdir/first.json --output sarif=/dev/full
--trace-out on a full disk|/dev/full|check $o1 --trace-out /dev/full
diff --output on a full disk|/dev/full|diff $contoso $o1 --output sarif=/dev/full
import -o on a full disk|/dev/full|import $lync_export --report -o /dev/full
export -o on a full disk|/dev/full|export promela $contoso -o /dev/full
EOF

# A file is replaced by a rename, never rewritten in place: a hard link to the old file keeps the old bytes
while IFS='|' read -r name file args; do
  read -ra argv <<<"$args"
  echo "old report" >"$work/outdir/$file"
  ln -f "$work/outdir/$file" "$work/outdir/$file.kept"
  "$kst" "${argv[@]}" >/dev/null 2>"$work/err"
  [ "$(cat "$work/outdir/$file.kept")" = "old report" ] || fail "$name rewrote the file in place"
  [ "$(head -c 12 "$work/outdir/$file")" != "old report" ] || fail "$name did not write the file"
  [ -z "$(find "$work/outdir" -name '.*kst-*')" ] || fail "$name left a temporary file"
done <<EOF
--output|kst.sarif|check $o1 --output sarif=$work/outdir/kst.sarif
--trace-out|traces.json|check $o1 --trace-out $work/outdir/traces.json
diff --output|diff.sarif|diff $contoso $o1 --output sarif=$work/outdir/diff.sarif
import -o|imported.json|import $lync_export -o $work/outdir/imported.json
export -o|model.pml|export promela $contoso -o $work/outdir/model.pml
EOF
"$kst" check "$o1" --format sarif >"$work/want.sarif" 2>/dev/null
cmp -s "$work/want.sarif" "$work/outdir/kst.sarif" || fail "--output sarif differs from --format sarif"

# A write that fails half way (a file size limit) leaves the old file whole and no temporary file
echo "old report" >"$work/outdir/limited.sarif"
(
  trap '' XFSZ
  ulimit -f 4
  "$kst" check "$o1" --output "sarif=$work/outdir/limited.sarif" >"$work/out" 2>"$work/err"
)
got=$?
[ "$got" -eq 3 ] || fail "--output past a file size limit: exit $got, expected 3"
[ "$(cat "$work/outdir/limited.sarif")" = "old report" ] || fail "--output past a file size limit: the old file is gone"
[ -z "$(find "$work/outdir" -name '.*kst-*')" ] || fail "--output past a file size limit left a temporary file"
[ -s "$work/out" ] && fail "--output past a file size limit printed the report"

# --- SARIF: fingerprints name what a finding is about, so an unrelated Front End changes none of them
fingerprints() { grep -o '"kstFinding/v[0-9]*": "[^"]*"' "$1" | sort; }
mkdir -p "$work/fp/topologies"
while IFS='|' read -r source pattern replacement; do
  name=$(basename "$source")
  cp "$source" "$work/fp/$name"
  sed "s/$pattern/$replacement/" "$source" >"$work/fp/plus-fe-$name"
  cmp -s "$work/fp/$name" "$work/fp/plus-fe-$name" && fail "$name: the variant adds no Front End"
  "$kst" check "$work/fp/$name" --format sarif --at 2026-01-01T00:00:00Z >"$work/fp/before.sarif" 2>/dev/null
  "$kst" check "$work/fp/plus-fe-$name" --format sarif --at 2026-01-01T00:00:00Z >"$work/fp/after.sarif" 2>/dev/null
  [ -n "$(fingerprints "$work/fp/before.sarif")" ] || fail "$name: no finding to fingerprint"
  grep -q '"fe0[23].contoso.com"' "$work/fp/after.sarif" || fail "$name: the new Front End is not among the servers"
  [ "$(fingerprints "$work/fp/before.sarif")" = "$(fingerprints "$work/fp/after.sarif")" ] ||
    fail "$name: adding a Front End changed the fingerprints: $(diff <(fingerprints "$work/fp/before.sarif") \
      <(fingerprints "$work/fp/after.sarif") | tr '\n' ' ')"
done <<EOF
scenarios/topologies/seed-ex1-um-and-owa-tap.json|"fe02.contoso.com"\]|"fe02.contoso.com", "fe03.contoso.com"]
scenarios/certificate-validity-um-expired-edge-expiring.json|"computers": \["fe01.contoso.com"\]|"computers": ["fe01.contoso.com", "fe02.contoso.com"]
EOF

# --- SARIF: a run that is inconclusive or interrupted is no successful execution (an upload must not close alerts)
expect_exit 4 "inconclusive SARIF" -- "$kst" check --max-states 1 --format sarif "$contoso"
expect_in "$work/out" '"executionSuccessful": false' "an inconclusive run is not a successful execution"
expect_in "$work/out" '"id": "kst/inconclusive"' "the notification names the reason"
expect_in "$work/out" 'inconclusive: the state budget (--max-states 1) ran out' "the reason is given"
expect_exit 0 "a clean run" -- "$kst" check --format sarif "$contoso"
expect_in "$work/out" '"executionSuccessful": true' "a clean run is a successful execution"

# --- Text from the input cannot inject terminal escapes, line breaks or CI log commands into any text output
hostile=$work/hostile
mkdir -p "$hostile/topologies" "$hostile/snapshot"
name='SIP \u001b[31mred\u001b[0m\n::warning::x \u009b31m \u202eevil\r\n##[error]dial plan ##vso[task.complete result=Failed]'
cat >"$hostile/topologies/hostile.json" <<EOF
{"format": "kst-topology/1",
 "description": "Hostile \u001b]0;owned\u0007\n::warning::from the description",
 "lync": {"pools": [{"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 6,
                     "site": "Site \u001b[2J\n::error::from the site", "computers": ["fe01.contoso.com", "fe02.contoso.com"]}],
          "trusted_application_pools": [{"fqdn": "ex1.contoso.com", "version": 6, "registrar": "pool01.contoso.com",
                                         "computers": ["ex1.contoso.com"]}]},
 "exchange": {"servers": [{"fqdn": "ex1.contoso.com", "version": "2013"}],
              "um_dial_plans": [{"name": "$name", "uri_type": "SipName", "servers": ["ex1.contoso.com"]}]}}
EOF
cat >"$hostile/scenario.json" <<EOF
{"format": "kst-scenario/1",
 "description": "Hostile scenario \u001b[31m\n::warning::from the scenario",
 "topology": "topologies/hostile.json",
 "plan": [{"op": "set_dial_plan", "name": "$name", "servers": ["ex1.contoso.com"]},
          {"op": "remove_trusted_application_pool", "fqdn": "ex1.contoso.com"}],
 "expect": {"verdict": "pass", "findings": []}}
EOF
cat >"$hostile/field.json" <<EOF
{"format": "kst-topology/1", "lync": {"pools": []}, "x\u001b[31m\n::warning::from a field name ##[error]f": 1}
EOF
cat >"$hostile/waivers.json" <<EOF
{"format": "kst-waivers/1", "waivers": [{"rule": "kst/version-conflict", "fqdn": "ex1.contoso.com",
 "reason": "CHG \u001b[31m\n::warning::from a waiver", "owner": "uc\u009b2J-team", "expires": "2099-01-01"}]}
EOF
evil_name=$'evil\e[31m\n::warning::file name ##[error]x'
cp "$hostile/topologies/hostile.json" "$hostile/$evil_name.json"
cp "$lync_export" "$hostile/snapshot/$evil_name.xml"
"$kst" check "$hostile/scenario.json" --trace-out "$hostile/traces.json" >/dev/null 2>&1
h=$hostile/topologies/hostile.json
s=$hostile/scenario.json
# clean OUTPUT DESCRIPTION: no raw control character but the layout's LF, no C1 or bidi control, no workflow
# command of the input's making (a line starting with "::" that is not kst's own annotation), no "##[" or "##vso[".
clean() {
  LC_ALL=C grep -q $'[\x01-\x09\x0b-\x1f\x7f]' "$1" && fail "$2: a raw control character: $(LC_ALL=C grep -m1 -n $'[\x01-\x09\x0b-\x1f\x7f]' "$1" | cat -v | cut -c1-160)"
  LC_ALL=C grep -q $'\xc2[\x80-\x9f]' "$1" && fail "$2: a raw C1 control character"
  LC_ALL=C grep -q $'\xe2\x80\xae' "$1" && fail "$2: a raw bidirectional override"
  grep -E '^[[:space:]]*::' "$1" | grep -q -v -E '^::(error|warning|notice) ' &&
    fail "$2: a workflow command from the input: $(grep -E '^[[:space:]]*::' "$1" | grep -v -E '^::(error|warning|notice) ' | head -1 | cut -c1-120)"
  grep -q -i -E '##(vso)?\[' "$1" && fail "$2: a CI log command from the input: $(grep -o -i -E '.{0,20}##(vso)?\[.{0,10}' "$1" | head -1)"
}
while IFS='|' read -r what args; do
  read -ra argv <<<"$args"
  for i in "${!argv[@]}"; do [ "${argv[$i]}" = EVIL ] && argv[$i]="$hostile/$evil_name.json"; done
  for i in "${!argv[@]}"; do [ "${argv[$i]}" = EVILDIR ] && argv[$i]="$hostile/snapshot"; done
  "$kst" "${argv[@]}" >"$work/hostile.out" 2>&1 </dev/null
  clean "$work/hostile.out" "$what"
done <<EOF
check text|check $h
check github|check $h --format github
check junit|check $h --format junit
check scenario text|check $s
check scenario github|check $s --format github
check scenario junit|check $s --format junit
check with a waiver|check $h --waivers $hostile/waivers.json --today 2026-01-01
check with a waiver, github|check $h --waivers $hostile/waivers.json --today 2026-01-01 --format github
check with a waiver, junit|check $h --waivers $hostile/waivers.json --today 2026-01-01 --format junit
an unknown field: stderr, text|check $hostile/field.json
an unknown field: github|check $hostile/field.json --format github
an unknown field: junit|check $hostile/field.json --format junit
a file name|check EVIL
a file name, github|check EVIL --format github
a file name, junit|check EVIL --format junit
a snapshot file name|check EVILDIR
import --report|import EVILDIR --report
diff text|diff $h $s
diff github|diff $h $s --format github
show|show $h
show a scenario|show $s
impact|impact $h
impact a scenario|impact $s
explain a trace|explain $s kst/unknown-server:ex1.contoso.com
explain a picture|explain $h kst/version-conflict:ex1.contoso.com
graph|graph $s
impact dot|impact $s --format dot
explain dot|explain $s kst/unknown-server:ex1.contoso.com --format dot
test|test $s
replay|replay $hostile/traces.json
EOF
"$kst" check "$h" >"$work/hostile.out" 2>&1
expect_in "$work/hostile.out" 'SIP \\x1b\[31mred\\x1b\[0m\\n::warning::x \\u009b31m \\u202eevil\\r\\n##\\x5berror\]dial plan ##vso\\x5btask' \
  "the dial plan's name is shown, escaped"
"$kst" check "$s" --format github >"$work/hostile.out" 2>&1
expect_in "$work/hostile.out" '^::error file=.*SipName dial plan "SIP \\x1b\[31mred' "a GitHub annotation shows the name escaped"

# A run with hundreds of findings: the printed report keeps the traces of the first 100 (errors first)
# and says so; --trace-out still has every trace.
python3 - "$work/many-findings.json" <<'PY'
import json, sys
n = 300
servers = [{"fqdn": "ex%d.contoso.com" % i, "version": "2013"} for i in range(n)]
plan = [{"op": "add_trusted_application_pool",
         "pool": {"fqdn": "ex%d.contoso.com" % i, "version": 6, "registrar": "pool01.contoso.com"}} for i in range(n)]
json.dump({"format": "kst-scenario/1", "topology": {"format": "kst-topology/1",
           "lync": {"pools": [{"fqdn": "pool01.contoso.com", "role": "FrontEnd", "version": 6,
                               "computers": ["fe01.contoso.com", "fe02.contoso.com"]}]},
           "exchange": {"servers": servers, "um_dial_plans": [
               {"name": "Contoso SIP", "uri_type": "SipName", "servers": [s["fqdn"] for s in servers]}]}},
           "plan": plan, "environment": {"restarts": "planned"}}, open(sys.argv[1], "w"))
PY
expect_exit 1 "many findings" -- "$kst" check "$work/many-findings.json" --trace-out "$work/many.traces.json"
expect_in "$work/out" "the traces of 500 finding(s) after the first 100 (errors first) are left out" "the cap is said"
[ "$(grep -c 'trace (' "$work/out")" -le 100 ] || fail "many findings: more than 100 traces printed"
[ "$(grep -o '"title"' "$work/many.traces.json" | wc -l)" -ge 600 ] || fail "many findings: --trace-out lost traces"

finish "output integrity"
