#!/bin/bash
# Stands in for kst in the end-to-end suites (tests/windows/run.sh passes it as their KST): runs the Linux kst
# and kst.exe under Wine on the same command line, in the same folder, with the same standard input, and
# records every difference in stdout, stderr or exit code; then gives the caller the Linux run's output and
# exit code, so the suite itself goes on as under `make test`. Output files a command writes (-o, --output)
# are written by both, kst.exe last: the suite's own checks then read what kst.exe wrote.
#
# Environment (set by run.sh): KST_LINUX, KST_WINDOWS (kst.exe), WINE, KST_COMPARE_DIR (the record);
# KST_WINDOWS_PATHS, when set, respells for kst.exe every argument naming an existing file or folder (the
# Linux kst gets it as it is, made absolute for `drive` and `extended`):
#   backslash  tests\malformed\x.json     drive  Z:\work\kst\tests\...     extended  \\?\Z:\work\kst\...
# Compared after normalising what is Windows' spelling and not kst's: CRLF line ends, and in paths the
# backslash and the Z: drive Wine maps the Linux root to (tests/windows/normalise.sh).
set -u
# The caller's PATH is kst's (a suite runs `env PATH=/nonexistent kst ...` to hide Graphviz); this script's own
# tools are found on the usual one.
caller_path=$PATH
export PATH=/usr/bin:/bin:$PATH
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
record=$KST_COMPARE_DIR
run=$(mktemp -d "$record/run-XXXXXX")
# Standard input, read once, given to both (the suites give /dev/null or a file).
if [ -t 0 ]; then : >"$run/stdin"; else cat >"$run/stdin"; fi
linux_args=() windows_args=()
for argument in "$@"; do
  if [ -n "${KST_WINDOWS_PATHS:-}" ] && [ -e "$argument" ]; then
    absolute=$(realpath -s "$argument")
    case $KST_WINDOWS_PATHS in
      backslash) linux_args+=("$argument") windows_args+=("${argument//\//\\}") ;;
      drive) linux_args+=("$absolute") windows_args+=("Z:${absolute//\//\\}") ;;
      extended) linux_args+=("$absolute") windows_args+=("\\\\?\\Z:${absolute//\//\\}") ;;
    esac
  else
    linux_args+=("$argument") windows_args+=("$argument")
  fi
done
PATH=$caller_path "$KST_LINUX" "${linux_args[@]}" <"$run/stdin" >"$run/linux.out" 2>"$run/linux.err"
linux_status=$?
PATH=$caller_path "$WINE" "$KST_WINDOWS" "${windows_args[@]}" <"$run/stdin" >"$run/windows.out" 2>"$run/windows.err"
windows_status=$?
# Once in a few hundred starts on a loaded machine, Wine itself fails (exit 1, not a byte written, never
# reproducible): such a run is retried once, and the retry is counted.
if [ "$windows_status" -ne "$linux_status" ] && [ ! -s "$run/windows.out" ] && [ ! -s "$run/windows.err" ]; then
  echo "retried $(printf '%q ' kst.exe "${windows_args[@]}")" >>"$record/retries"
  PATH=$caller_path "$WINE" "$KST_WINDOWS" "${windows_args[@]}" <"$run/stdin" >"$run/windows.out" 2>"$run/windows.err"
  windows_status=$?
fi
printf '%q ' kst.exe "${windows_args[@]}" >"$run/command"
echo >>"$run/command"
same=1
# Where kst prints its own path (--help's usage line), each binary's name is "kst".
for stream in out err; do
  bash "$here/normalise.sh" <"$run/linux.$stream" | sed "s|$KST_LINUX|kst|g" >"$run/linux.$stream.normal"
  bash "$here/normalise.sh" <"$run/windows.$stream" | sed "s|$KST_WINDOWS|kst|g" >"$run/windows.$stream.normal"
  if ! cmp -s "$run/linux.$stream.normal" "$run/windows.$stream.normal"; then
    same=0
    diff -u --label "linux std$stream" --label "windows std$stream" "$run/linux.$stream.normal" \
      "$run/windows.$stream.normal" | head -40 >>"$run/difference"
  fi
done
if [ "$linux_status" -ne "$windows_status" ]; then
  same=0
  echo "exit code: linux $linux_status, windows $windows_status" >>"$run/difference"
fi
cat "$run/linux.out"
cat "$run/linux.err" >&2
# Graphviz is a separate program (README); Wine has no dot.exe, so kst.exe says so where the Linux kst drew:
# recorded apart, not a difference of kst's.
if [ $same -eq 0 ] && [ "$windows_status" -eq 3 ] && [ ! -s "$run/windows.out" ] &&
  grep -q '^kst: fatal: cannot run Graphviz `dot` (install the graphviz package): No such file or directory$' \
    "$run/windows.err"; then
  echo "no-graphviz $(cat "$run/command")" >>"$record/log"
  rm -rf "$run"
  exit "$linux_status"
fi
if [ $same -eq 1 ]; then
  echo "same $(cat "$run/command")" >>"$record/log"
  rm -rf "$run"
else
  echo "DIFFERENT $(cat "$run/command")(in $run)" >>"$record/log"
fi
exit "$linux_status"
