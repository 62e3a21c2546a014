#!/usr/bin/env bash
# Makes kst's manual page with help2man from the binary's own help, so the
# page says what the binary does: NAME, SYNOPSIS, DESCRIPTION and OPTIONS from
# `kst --help`, the version from `kst --version`, and a COMMANDS section with
# each subcommand's `kst COMMAND --help` (help2man reads only the top-level
# help by itself). Writes OUT (roff) and OUT.gz (gzip -9n, as Debian installs
# manual pages). Run by the build (cmake/Packaging.cmake).
# Usage: make_manpage.sh HELP2MAN KST OUT
set -euo pipefail
help2man=$1
kst=$2
out=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Run as `kst` found on PATH, so that the page says "kst check", not the build folder's path.
mkdir "$work/bin"
ln -s "$(realpath "$kst")" "$work/bin/kst"
export PATH="$work/bin:$PATH"
kst=kst

# roff: a backslash is \e, and a line that starts with . or ' would be a request.
roff_text() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }

commands=$("$kst" --help | awk '/^[A-Za-z]*[Ss]ubcommands:$/ {on = 1; next} on && /^$/ {exit} on && /^  [a-z]/ {print $1}')
[ -n "$commands" ] || { echo "make_manpage.sh: no subcommands in kst --help" >&2; exit 1; }
{
  echo "[COMMANDS]"
  echo "Each command's own help (\\fBkst\\fR \\fICOMMAND\\fR \\fB\\-\\-help\\fR):"
  for command in $commands; do
    echo ".SS \"kst $command\""
    echo ".nf"
    "$kst" "$command" --help | grep -v '^Exit codes: ' | roff_text  # the exit codes: once, under OPTIONS
    echo ".fi"
  done
  echo "[VERSION]"
  echo ".nf"
  "$kst" --version | roff_text
  echo ".fi"
  echo "[ENVIRONMENT]"
  echo ".TP"
  echo ".B NO_COLOR"
  echo "When set to anything but the empty string, the text report has no ANSI colours, as with \\fB\\-\\-no\\-color\\fR."
  echo "[FILES]"
  echo ".TP"
  echo ".I /usr/share/kst/kst-model.json"
  echo "The model kst embeds (versions, roles, events, named assumptions, readings), for reading; \\fBkst model\\fR prints it."
  echo "[SEE ALSO]"
  echo "The README and docs/ of the kst sources; /usr/share/doc/kst/README.md."
} >"$work/include"
# The version line names the version; the model's digest and the build go to the VERSION section above.
"$help2man" --no-info --section=1 --name="will this change break the Lync Known Servers Table?" \
  --version-string="$("$kst" --version | head -1)" --include="$work/include" --output="$work/kst.1" "$kst"
mv "$work/kst.1" "$out"
gzip -9n -c "$out" >"$out.gz"
