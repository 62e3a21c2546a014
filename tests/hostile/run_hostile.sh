#!/usr/bin/env bash
# The hostile-input suite (issue 16, "A gate that never lies"): inputs built to
# make kst pass what it did not read, or to make it slow.
#
# Usage: run_hostile.sh /path/to/kst /path/to/repo
#
# Each line of tests/hostile/manifest.txt reads
#   <input> <exit-code> <stderr substring>
# <input> is a file or folder under tests/hostile/, or gen:<name> for an input this
# script generates into a scratch folder (large ones, for the linear-time cases;
# see generate below). `kst check <input>` runs from the folder that holds it, so
# paths on stderr are as written in the manifest, and must:
#   - use at most $HOSTILE_TIMEOUT seconds of CPU (default 10), and end within
#     six times that on the wall clock;
#   - exit with <exit-code>;
#   - print <stderr substring> (the rest of the line, spaces included) on stderr;
#   - when <exit-code> is 3: print nothing on stdout and at least one "error[";
#     when it is 4: print no "error[";
#   - when <exit-code> is 3 or 4 and <input> is a file: print a line starting
#     "<input>:<line>:<column>: " (error or warning), so the user is led to the byte.
# Blank lines and lines starting with '#' are skipped. Every file under
# tests/hostile/ other than the manifest and this script must be named by a case
# (a folder case covers what is inside it).
# Prints one FAIL line per broken expectation and exits 1 if there was any.

set -u

if [[ $# -ne 2 ]]; then
  echo "usage: $0 /path/to/kst /path/to/repo" >&2
  exit 2
fi
kst=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
corpus=$2/tests/hostile
manifest=$corpus/manifest.txt
timeout_seconds=${HOSTILE_TIMEOUT:-10}
if [[ ! -x $kst ]]; then
  echo "FAIL: $kst is not an executable" >&2
  exit 2
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
generated=$scratch/generated
mkdir -p "$generated"

cases=0
failures=0
declare -A listed

fail() {  # fail <case> <what went wrong>
  echo "FAIL $1: $2"
  failures=$((failures + 1))
}

show_output() {
  head -n 5 "$scratch/err" | cut -c1-300 | sed 's/^/    stderr: /'
  head -n 3 "$scratch/out" | cut -c1-300 | sed 's/^/    stdout: /'
}

# --- generated inputs ---------------------------------------------------------
# Sizes are moderate (100,000 keys or entries, 40,000 CSV columns): a linear reader takes well
# under a second on each; a quadratic one takes tens of seconds and times out.

pool_json() {  # pool_json FQDN COMPUTERS: a kst pool object
  awk -v fqdn="$1" -v n="$2" 'BEGIN {
    printf "{\"fqdn\": \"%s\", \"role\": \"FrontEnd\", \"version\": 6, \"computers\": [", fqdn
    for (i = 1; i <= n; i++) printf "%s\"fe%06d.contoso.com\"", (i > 1 ? ", " : ""), i
    printf "]}" }'
}

generate() {  # generate NAME: writes $generated/NAME
  local out=$generated/$1
  case $1 in
    json-100k-keys.json)  # one object of 100,000 keys (a documentation field): the duplicate-key check
      awk 'BEGIN { printf "{\"format\": \"kst-topology/1\", \"description\": {"
                   for (i = 1; i <= 100000; i++) printf "%s\"k%06d\": %d", (i > 1 ? ",\n" : "\n"), i, i
                   printf "\n}}\n" }' >"$out" ;;
    json-100k-keys-duplicate.json)  # the same, the last key repeating the first
      awk 'BEGIN { printf "{\"format\": \"kst-topology/1\", \"description\": {"
                   for (i = 1; i <= 100000; i++) printf "%s\"k%06d\": %d", (i > 1 ? ",\n" : "\n"), i, i
                   printf ",\n\"k000001\": 0\n}}\n" }' >"$out" ;;
    yaml-100k-keys.yaml)
      awk 'BEGIN { print "format: kst-topology/1"; print "description:"
                   for (i = 1; i <= 100000; i++) printf "  k%06d: %d\n", i, i }' >"$out" ;;
    yaml-100k-keys-duplicate.yaml)
      awk 'BEGIN { print "format: kst-topology/1"; print "description:"
                   for (i = 1; i <= 100000; i++) printf "  k%06d: %d\n", i, i
                   print "  k000001: 0" }' >"$out" ;;
    json-100k-computers.json)  # a pool of 100,000 computers, one listed twice: FqdnArray
      { printf '{"format": "kst-topology/1", "lync": {"pools": ['
        pool_json pool.contoso.com 100000 | sed 's/\]}$/, "fe000001.contoso.com"]}/'
        printf ']}, "exchange": {"servers": [], "um_dial_plans": [{"name": "DP", "uri_type": "SipName", "servers": ["missing.contoso.com"]}]}}\n'
      } >"$out" ;;
    json-100k-exchange-servers.json)  # 100,000 Exchange servers, a dial plan naming them all and one more
      awk 'BEGIN { printf "{\"format\": \"kst-topology/1\", \"exchange\": {\"servers\": ["
                   for (i = 1; i <= 100000; i++) printf "%s{\"fqdn\": \"ex%06d.contoso.com\"}", (i > 1 ? ",\n" : "\n"), i
                   printf "],\n\"um_dial_plans\": [{\"name\": \"DP\", \"uri_type\": \"TelExtn\", \"servers\": ["
                   for (i = 1; i <= 100000; i++) printf "\"ex%06d.contoso.com\", ", i
                   printf "\"missing.contoso.com\"]}]}}\n" }' >"$out" ;;
    xml-100k-unknown-elements.xml)  # 100,000 unknown elements where clusters live: each reported with its path
      awk 'BEGIN { print "<Topology xmlns=\"urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008\">"
                   print "  <Clusters>"
                   for (i = 1; i <= 100000; i++) print "    <Unknown />"
                   print "  </Clusters>"; print "</Topology>" }' >"$out" ;;
    xml-100k-machines.xml)  # one cluster of 100,000 machines, the last one invalid: Machines()
      awk 'BEGIN { print "<Topology xmlns=\"urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008\">"
                   print "  <Clusters>"; print "    <Cluster Fqdn=\"pool.contoso.com\">"
                   print "      <ClusterId SiteId=\"1\" Number=\"1\" />"
                   for (i = 1; i <= 100000; i++) printf "      <Machine Fqdn=\"fe%06d.contoso.com\" />\n", i
                   print "      <Machine Fqdn=\"fe000001.contoso.com\" />"
                   print "      <Machine Fqdn=\"-bad-.contoso.com\" />"
                   print "    </Cluster>"; print "  </Clusters>"; print "</Topology>" }' >"$out" ;;
    xml-50k-attributes.xml)  # one start tag of 50,000 attributes, the last repeating the first
      awk 'BEGIN { printf "<Topology xmlns=\"urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008\""
                   for (i = 1; i <= 50000; i++) printf "\n  a%06d=\"%d\"", i, i
                   print "\n  a000001=\"0\" />" }' >"$out" ;;
    csv-40k-columns.csv)  # an Export-Csv header of 40,000 names, the last repeating the first
      awk 'BEGIN { print "#TYPE Microsoft.Exchange.Data.Directory.Management.ExchangeServer"
                   for (i = 1; i <= 40000; i++) printf "\"P%05d\",", i
                   print "\"p00001\"" }' >"$out" ;;
    exchange-50k-servers.json)  # ConvertTo-Json of 50,000 servers, each answering for one dial plan
      awk 'BEGIN { printf "["
                   for (i = 1; i <= 50000; i++)
                     printf "%s{\"Name\": \"EX%d\", \"Fqdn\": \"ex%06d.contoso.com\", \"AdminDisplayVersion\": \"Version 15.0 (Build 1497.2)\"}", (i > 1 ? ",\n" : "\n"), i, i
                   for (i = 1; i <= 50000; i++) printf ",\n{\"Fqdn\": \"ex%06d.contoso.com\", \"DialPlans\": [\"DP\"]}", i
                   printf ",\n{\"Name\": \"DP\", \"URIType\": \"TelExtn\"}"
                   printf ",\n{\"Name\": \"EX1\", \"Fqdn\": \"-bad-.contoso.com\"}]\n" }' >"$out" ;;
    empty-snapshot)  # a folder with nothing in it (git keeps no empty folder)
      mkdir -p "$out" ;;
    *) echo "FAIL: no generator for $1" >&2; return 1 ;;
  esac
}

# --- one case -------------------------------------------------------------------

check_case() {  # check_case <input> <exit-code> <substring>
  local input=$1 code=$2 substring=$3 dir path
  if [[ $input == gen:* ]]; then
    path=${input#gen:}
    dir=$generated
    generate "$path" || { fail "$input" "could not generate"; return; }
  else
    path=$input
    dir=$corpus
    if [[ ! -e $dir/$path ]]; then
      fail "$input" "listed in manifest.txt but $dir/$path does not exist"
      return
    fi
  fi
  local actual=0 start end
  start=$(date +%s%N)
  # The bound is on CPU time (what kst spends, whatever else the machine runs:
  # a wall-clock bound failed on a loaded CI runner); the wall-clock time-out,
  # six times longer, is what ends a hang.
  (
    cd "$dir" && timeout "$((timeout_seconds * 6))" "$kst" check "$path" >"$scratch/out" 2>"$scratch/err" </dev/null
    code=$?
    times >"$scratch/times"
    exit $code
  ) || actual=$?
  end=$(date +%s%N)
  local before=$failures
  if [[ $actual == 124 ]]; then
    fail "$input" "did not finish within $((timeout_seconds * 6)) s"
    return
  fi
  # `times`: the second line is the children's user and system time, e.g. "0m1.234s 0m0.056s".
  local cpu
  cpu=$(sed -n 2p "$scratch/times" | awk '{ split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%d", u[1] * 60 + u[2] + s[1] * 60 + s[2] }')
  if ((cpu > timeout_seconds)); then
    fail "$input" "used ${cpu} s of CPU, more than $timeout_seconds s"
    return
  fi
  [[ $actual == "$code" ]] || fail "$input" "exit code $actual, expected $code"
  if [[ $substring != - ]] && ! grep -qF -- "$substring" "$scratch/err"; then
    fail "$input" "stderr lacks \"$substring\""
  fi
  if [[ $code == 3 ]]; then
    [[ -s $scratch/out ]] && fail "$input" "input error (exit 3) but stdout is not empty"
    grep -q 'error\[' "$scratch/err" || fail "$input" "exit 3 but stderr names no error"
  fi
  if [[ $code == 4 ]] && grep -q ': error\[' "$scratch/err"; then
    fail "$input" "inconclusive (exit 4) but stderr has an error"
  fi
  if [[ ($code == 3 || $code == 4) && -f $dir/$path ]]; then
    PREFIX=$path awk 'index($0, ENVIRON["PREFIX"] ":") == 1 && substr($0, length(ENVIRON["PREFIX"]) + 2) ~ /^[0-9]+:[0-9]+: (error|warning)\[/ { found = 1 } END { exit !found }' "$scratch/err" ||
      fail "$input" "stderr has no line starting \"$path:<line>:<column>: \""
  fi
  if ((failures > before)); then show_output; fi
  printf '  %-55s exit %s  %5d ms\n' "$input" "$actual" $(((end - start) / 1000000))
}

# --- the manifest ---------------------------------------------------------------

line_number=0
while IFS= read -r line || [[ -n $line ]]; do
  line_number=$((line_number + 1))
  [[ -z ${line//[[:space:]]/} || $line == \#* ]] && continue
  read -r input code substring <<<"$line"
  if [[ -z ${substring:-} || ! $code =~ ^[0-9]+$ ]]; then
    fail "manifest.txt:$line_number" "malformed line; want <input> <exit-code> <stderr substring>"
    continue
  fi
  cases=$((cases + 1))
  [[ $input == gen:* ]] || listed[${input%/}]=1
  check_case "${input%/}" "$code" "$substring"
done <"$manifest"

# Every committed input has a case (a folder case covers its contents).
while IFS= read -r file; do
  relative=${file#"$corpus"/}
  [[ $relative == manifest.txt || $relative == run_hostile.sh ]] && continue
  covered=
  candidate=$relative
  while [[ -n $candidate ]]; do
    [[ -n ${listed[$candidate]:-} ]] && { covered=1; break; }
    [[ $candidate == */* ]] || break
    candidate=${candidate%/*}
  done
  [[ -n $covered ]] || fail "$relative" "has no case in manifest.txt"
done < <(find "$corpus" -type f | sort)

if ((cases == 0)); then fail "manifest.txt" "lists no case"; fi
echo "run_hostile: $cases cases, $failures failures"
((failures == 0))
