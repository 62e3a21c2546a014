#!/usr/bin/env bash
# Issue 19: the HTML report, as a change board opens it. For the seed case, a
# clean estate, a large multi-pool scenario and the seed case with markup in
# its names, `kst check --output html=FILE` writes one file that
#  - is under 1 MB (the seed case) and fetches nothing (no src=, no http(s)
#    link, a Content-Security-Policy of default-src 'none');
#  - tidy (HTML Tidy, offline) finds no error and no warning in;
#  - headless Chromium renders with no console message at all (errors, CSP
#    violations, failed loads), and whose dumped DOM (after the filter script
#    ran) holds the verdict, every finding of the JSON report of the same run,
#    and every server that holds a Known Servers Table (and the hostile
#    names as text, never as markup); Chromium also takes a screenshot of
#    the seed case's.
# A canary page that logs a console error proves first that this Chromium
# reports console messages the way the checks read them. Without Chromium (CI
# installs it: make test runs .ci/install-deps chromium tidy) the browser part
# prints SKIP and the rest still runs.
# Usage: run_html.sh KST REPO
set -u
kst=$1
repo=$2
source "$repo/tests/e2e/lib.sh"
cd "$repo" || exit 2
pin=(--today 2026-01-01 --at 2026-01-01T00:00:00Z)

chromium=$(command -v chromium || command -v chromium-browser || true)
# Headless Chromium as a test runs it: its own profile in the scratch folder,
# no sandbox (CI runs as root), logging to stderr, where console messages
# appear as "...:CONSOLE:line] "text", source: ..." lines.
# Each run has a profile of its own, so that the runs go side by side (a
# Chromium start costs seconds; the test must stay well under a minute).
browse() {
  local profile=$1
  shift
  HOME=$work timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --no-first-run --no-default-browser-check --user-data-dir="$work/profile-$profile" \
    --enable-logging=stderr --v=0 "$@"
}
# (Chromium 120 writes ":INFO:CONSOLE:12] ...", older ones ":INFO:CONSOLE(12)] ..."; a CSP violation or a
# failed load is a console message too.)
console_lines() { grep -E ':CONSOLE[:(][0-9]+\)?\]' "$1"; }

[ -n "$chromium" ] ||
  echo "SKIP: chromium is not installed (make test installs it through .ci/install-deps): no browser checks"
command -v tidy >/dev/null || echo "SKIP: tidy is not installed (make test installs it): no HTML validation"

# write_report NAME INPUT: the JSON and HTML reports of INPUT from one run, its exit code in NAME.status.
write_report() {
  "$kst" check "$2" "${pin[@]}" --format json --output "html=$work/$1.html" >"$work/$1.json" 2>"$work/$1.err"
  echo $? >"$work/$1.status"
}

# render NAME: Chromium's DOM of NAME.html (and, for the seed case, a screenshot), in the background.
render() {
  browse "$1" --dump-dom "file://$work/$1.html" >"$work/$1.dom" 2>"$work/$1.log" &
  if [ "$1" = seed ]; then  # one screenshot: each Chromium run costs seconds
    browse "$1-shot" --screenshot="$work/$1.png" --window-size=1280,1600 --hide-scrollbars "file://$work/$1.html" \
      >/dev/null 2>"$work/$1.shot.log" &
  fi
}

# check_report NAME INPUT: checks the report of INPUT written and rendered before.
check_report() {
  local name=$1 input=$2 html=$work/$1.html json=$work/$1.json
  local status
  status=$(cat "$work/$name.status")
  [ -s "$html" ] || { fail "$name: no HTML written (exit $status; $(head -2 "$work/$name.err"))"; return; }
  local size verdict
  size=$(stat -c %s "$html")
  verdict=$(jq -r .verdict "$json")
  echo "$name: $input, verdict $verdict, exit $status, $size bytes of HTML"
  [ "$name" != seed ] || [ "$size" -lt 1048576 ] || fail "$name: $size bytes, not under 1 MB"
  expect_in "$html" "<p class=\"exit-code\">exit code $status: " "$name: the banner's exit code"
  # (in a tag: the hostile names hold " src=" as escaped text)
  grep -q -E '<[a-zA-Z][^<>]* src=|href="https?:|@import|url\(http' "$html" &&
    fail "$name: the page refers to something outside it"
  expect_in "$html" "default-src 'none'" "$name: the Content-Security-Policy"
  if command -v tidy >/dev/null; then
    tidy -errors -quiet -utf8 "$html" >/dev/null 2>"$work/$name.tidy"  # errors and warnings: none allowed
    [ -s "$work/$name.tidy" ] && fail "$name: tidy reports: $(head -5 "$work/$name.tidy")"
  fi
  [ -n "$chromium" ] || return
  [ -s "$work/$name.dom" ] || fail "$name: chromium dumped no DOM ($(grep -v dbus "$work/$name.log" | tail -2))"
  if console_lines "$work/$name.log" >"$work/$name.console"; then
    fail "$name: console messages: $(head -3 "$work/$name.console")"
  fi
  local dom=$work/$name.dom
  expect_in "$dom" "<header class=\"banner $verdict\" id=\"verdict\">" "$name: the verdict banner"
  expect_in "$dom" "<span class=\"verdict\">$verdict</span>" "$name: the verdict"
  # Every finding: its FQDN's section, and as many finding articles as the JSON report has findings.
  local findings articles
  findings=$(jq '.findings | length' "$json")
  articles=$(grep -c '<article class="finding ' "$dom")
  [ "$articles" -eq "$findings" ] || fail "$name: $articles findings in the DOM, $findings in the JSON report"
  local fqdn server rule
  while read -r fqdn; do
    grep -qF "<h3>$fqdn</h3>" "$dom" || fail "$name: no section for the findings on $fqdn"
  done < <(jq -r '.findings[].fqdn' "$json" | sort -u)
  while read -r rule; do
    grep -qF "<span class=\"rule\">$rule</span>" "$dom" || fail "$name: finding $rule not shown"
  done < <(jq -r '.findings[].rule' "$json" | sort -u)
  # Every server that holds a table (kst show), and every server a finding names.
  while read -r server; do
    grep -qF "$server" "$dom" || fail "$name: server $server not shown"
  done < <({ "$kst" show "$input" | grep -E '^[^ ].* after RTCSRV start:$' | cut -d' ' -f1
    jq -r '.findings[].servers[]' "$json"; } | sort -u)
  # The filter script ran: it unhides the filter (only where there are findings).
  if [ "$findings" -gt 0 ]; then
    grep -q '<div id="filter">' "$dom" || fail "$name: the filter script did not run"
  fi
  [ "$name" = seed ] || return
  [ -s "$work/$name.png" ] && [ "$(head -c 4 "$work/$name.png" | tail -c 3)" = PNG ] ||
    fail "$name: no PNG screenshot ($(tail -1 "$work/$name.shot.log"))"
}

# The seed case, a clean estate, a large multi-pool estate, and the seed case whose description, site and dial
# plan are markup that would log "kst-markup-ran" if it ever ran (the console check then fails).
declare -A inputs=([seed]=scenarios/o1-add-owa-tap-breaks-um.json [clean]=scenarios/clean-all-checks-pass.json
  [large]=scenarios/large-multipool-owa-tap-patch-night.json [hostile]=tests/e2e/inputs/html-hostile-names.json)
names=(seed clean large hostile)
for name in "${names[@]}"; do write_report "$name" "${inputs[$name]}"; done
if [ -n "$chromium" ]; then
  printf '<!DOCTYPE html><html lang="en"><head><title>canary</title></head><body><p>canary</p>%s</body></html>\n' \
    "<script>console.error('kst-canary-console-error');</script>" >"$work/canary.html"
  browse canary --dump-dom "file://$work/canary.html" >"$work/canary.dom" 2>"$work/canary.log" &
  for name in "${names[@]}"; do render "$name"; done
  wait
  console_lines "$work/canary.log" | grep -q kst-canary-console-error ||
    fail "canary: Chromium's log shows no console error this test would catch ($(grep -v dbus "$work/canary.log" | tail -2))"
fi
for name in "${names[@]}"; do check_report "$name" "${inputs[$name]}"; done
if [ -s "$work/hostile.dom" ]; then
  grep -q "kst-markup-ran" "$work/hostile.dom" || fail "hostile: the names are not shown as text"
  grep -q -E "<img|<svg onload|<script>console" "$work/hostile.dom" && fail "hostile: a name became markup"
fi
finish html
