#!/usr/bin/env bash
# End-to-end: `kst import` on real exports (../shared/samples, read where they
# lie) and on hand-built ones (tests/import_inputs), against golden
# kst-topology/1 files in tests/import_golden/ (one per input, named after it).
# Regenerate a golden after checking it by hand against its XML:
#   build/kst import <input> -o tests/import_golden/<name without extension>.json
# (run from the repository root, with the input path written as below).
#
# Usage: run_import.sh /path/to/kst /path/to/repo

set -u
kst=$1
repo=$2
source "$repo/tests/e2e/lib.sh"
cd "$repo" || exit 2
samples=../shared/samples/topology

# 1. Every sample and hand-built topology imports to its golden file.
# The real samples are third-party files beside the repository (in CI and here), not in it: a fresh clone
# without them runs kst's own inputs, which cover the same readers, and says what it skipped.
inputs=(tests/import_inputs/lync/*.xml tests/import_inputs/lync/*.tbxml scenarios/snapshots/*/)
have_samples=false
if [ -d "$samples" ]; then
  have_samples=true
  inputs=("$samples"/*.xml "$samples"/*.tbxml "${inputs[@]}")
  [ -e "${inputs[0]}" ] || fail "no samples under $samples"
else
  echo "SKIP: $samples is not beside the repository: the real samples are not imported (kst's own inputs are)"
fi
for input in "${inputs[@]}"; do
  name=$(basename "$input")
  golden=tests/import_golden/${name%.*}.json
  input=${input%/}
  expect_exit 0 "import $name" -- "$kst" import "$input" -o "$work/topology.json"
  if [ ! -f "$golden" ]; then
    fail "$name has no golden file $golden"
  elif ! diff -u "$golden" "$work/topology.json" >"$work/diff"; then
    fail "$name differs from $golden:"; head -20 "$work/diff"
  fi
  # The written topology loads back and gives the same verdict as the export.
  "$kst" check "$input" --format json >"$work/direct.json" 2>/dev/null
  "$kst" check "$work/topology.json" --format json >"$work/roundtrip.json" 2>/dev/null
  for doc in direct roundtrip; do
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["verdict"], sorted((f["rule"], f["fqdn"]) for f in d["findings"]))' \
      "$work/$doc.json" >"$work/$doc.verdict" 2>/dev/null || echo unreadable >"$work/$doc.verdict"
  done
  cmp -s "$work/direct.verdict" "$work/roundtrip.verdict" ||
    fail "$name: check of the export ($(cat "$work/direct.verdict")) and of its import ($(cat "$work/roundtrip.verdict")) disagree"
done

# 2. The template with unexpanded PowerShell variables: precise errors, exit 3.
#    (A real sample; lync_topology_mapping_test.cpp covers the same errors on kst's own input.)
template=$samples/alvinchen1_ExchangeSkypeMDTAutomate__USS-SKYPE-CONFIG-4.ps1@70d0cd3__TopoXML-herestring.xml.txt
if $have_samples; then
  expect_exit 3 "template import" -- "$kst" import "$template"
  expect_in "$work/err" "$template:12:5: error\[invalid-fqdn\]: invalid FQDN \"\$SkypeFQDN\": it holds an unexpanded PowerShell variable" "template"
  expect_in "$work/err" "$template:14:7: error\[invalid-fqdn\]" "template machine"
  expect_exit 3 "template report" -- "$kst" import --report --format json "$template"
  expect_in "$work/out" '"status": "FAILED"' "template report status"
else
  echo "SKIP: the real template with unexpanded PowerShell variables (no $samples)"
fi

# 3. Encodings: UTF-16LE with BOM (Windows PowerShell's >) and UTF-8 without
#    BOM give the same topology as the original.
seed=scenarios/snapshots/contoso-owa-tap-on-um-server/topology.xml
{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$seed"; } >"$work/seed-utf16.xml"
expect_exit 0 "UTF-16LE import" -- "$kst" import --report "$work/seed-utf16.xml"
expect_in "$work/out" "lync-published-topology-xml (utf-16le with BOM) PASSED" "UTF-16LE report"
"$kst" import "$work/seed-utf16.xml" | sed "s|$work/seed-utf16.xml|$seed|" >"$work/utf16.json"
"$kst" import "$seed" >"$work/utf8.json"
diff -q "$work/utf16.json" "$work/utf8.json" >/dev/null || fail "UTF-16LE import differs from the UTF-8 one"
tbxml=tests/import_inputs/lync/tailspin-2010-2013-coexistence.tbxml
tail -c +4 "$tbxml" >"$work/no-bom.tbxml"
"$kst" import "$work/no-bom.tbxml" | sed "s|$work/no-bom.tbxml|$tbxml|" >"$work/nobom.json"
diff -q "$work/nobom.json" tests/import_golden/tailspin-2010-2013-coexistence.json >/dev/null || fail "BOM-less tbxml differs"

# 4. Detection is by content: the same file under another name imports alike.
cp "$tbxml" "$work/topology.txt"
expect_exit 0 "tbxml named .txt" -- "$kst" import --report "$work/topology.txt"
expect_in "$work/out" "lync-topology-builder-tbxml" "detected by content"

# 5. The report says what was not understood, per file, with the element path.
expect_exit 0 "report of an unknown attribute" -- "$kst" import --report --format json tests/import_inputs/lync/unknown-attribute.xml
expect_in "$work/out" '"status": "PARTIALLY_UNRECOGNIZED"' "unknown attribute status"
expect_in "$work/out" '"element": "/Topology/Clusters/Cluster/@HealthState"' "unknown attribute path"
expect_in "$work/out" '"affects_verdict": false' "an unknown attribute does not block a pass"
expect_exit 0 "report of an unknown role" -- "$kst" import --report --format json tests/import_inputs/lync/malformed/unknown-role.xml
expect_in "$work/out" '"affects_verdict": true' "an unknown RoleName blocks a pass"
expect_exit 4 "check JSON carries the import report" -- "$kst" check --format json tests/import_inputs/lync/malformed/unknown-role.xml
expect_in "$work/out" '"imports"' "imports in check JSON"
expect_in "$work/out" '"verdict": "inconclusive"' "unknown RoleName verdict"

# 6. The seed case from real-format files: a published topology with the OWA
#    IM trusted application pool on ex1, and Exchange exports in which ex1
#    answers for a SipName dial plan. The conflict points into both files.
snapshot=scenarios/snapshots/contoso-owa-tap-on-um-server
expect_exit 1 "seed snapshot check" -- "$kst" check "$snapshot"
expect_in "$work/out" "error kst/version-conflict: ex1.contoso.com" "seed snapshot finding"
expect_in "$work/out" "version 6  Topology: trusted application pool ex1.contoso.com  ($snapshot/topology.xml:31:5)" "claim located in the XML"
expect_in "$work/out" "version 0  Exchange UM Routing: .*($snapshot/um-services.json:4:" "claim located in the Exchange export"
expect_exit 1 "seed snapshot SARIF" -- "$kst" check "$snapshot" --format sarif
expect_in "$work/out" "topology.xml" "SARIF points at the XML"
expect_exit 0 "seed snapshot report" -- "$kst" import --report --format json "$snapshot"
expect_in "$work/out" '"format": "exchange-json"' "Exchange export detected"
expect_in "$work/out" '"format": "documentation (Markdown), not read"' "README listed, not read"

# 7. Exchange certificates reach the checks. Seed 002's wildcard UM certificate
#    exported with its server (the recipe of docs/import.md) fails like the
#    same certificate typed into a topology file; exported without its server
#    it is not checked: a warning naming the file, and inconclusive, since the
#    rule would fire on the UM server.
wildcard=scenarios/snapshots/contoso-wildcard-um-certificate
expect_exit 1 "wildcard certificate snapshot" -- "$kst" check "$wildcard" --at 2026-01-01T00:00:00Z
expect_in "$work/out" "error cert/wildcard-subject: ex1.contoso.com" "wildcard finding from the export"
expect_in "$work/out" "$wildcard/exchange-certificates.xml:2:" "the finding points at the export"
expect_exit 0 "wildcard certificate report" -- "$kst" import --report "$wildcard"
expect_in "$work/out" "exchange-certificates.xml: exchange-clixml (utf-8 with BOM) PASSED" "certificates file PASSED"
expect_in "$work/out" "contributed: 2 certificates" "certificates counted"
"$kst" import "$wildcard" -o "$work/wildcard.json" 2>/dev/null
expect_exit 1 "wildcard certificate, imported" -- "$kst" check "$work/wildcard.json" --at 2026-01-01T00:00:00Z
expect_in "$work/out" "error cert/wildcard-subject: ex1.contoso.com" "wildcard finding after kst import"
noserver=tests/import_inputs/snapshots/wildcard-um-certificate-no-server
expect_exit 4 "certificate without its server" -- "$kst" check "$noserver" --at 2026-01-01T00:00:00Z
expect_in "$work/err" "$noserver/exchange-certificates.json:2:3: warning\[certificate-not-checked\]" "not-checked warning names the file"
expect_in "$work/out" "inconclusive: .*its owning server is unknown.*cert/wildcard-subject would fire" "inconclusive, and why"
expect_exit 0 "certificate without its server, report" -- "$kst" import --report --format json "$noserver"
expect_in "$work/out" '"status": "PARTIALLY_UNRECOGNIZED"' "never PASSED for what was not checked"
expect_in "$work/out" '"certificates, not checked": 1' "counted as not checked"
"$kst" import "$noserver" -o "$work/noserver.json" 2>/dev/null
expect_exit 4 "certificate without its server, imported" -- "$kst" check "$work/noserver.json" --at 2026-01-01T00:00:00Z
expect_in "$work/out" "inconclusive: .*cert/wildcard-subject would fire" "still inconclusive after kst import"

# 8. A file whose items fail when the files are merged is FAILED, not PASSED.
cp "$seed" "$work/first.xml"; cp "$seed" "$work/second.xml"
expect_exit 3 "the same topology twice" -- "$kst" import --report "$work/first.xml" "$work/second.xml"
expect_in "$work/out" "second.xml: lync-published-topology-xml (utf-8) FAILED" "merge failure reported per file"

finish import
