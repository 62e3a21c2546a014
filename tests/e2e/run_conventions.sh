#!/usr/bin/env bash
# Issue 19: kst behaves like a command-line tool. `kst --version` names the
# project's version, the model's digest and the build; NO_COLOR (no-color.org)
# and --no-color turn the terminal's colours off; the bash completion made at
# build time (packaging/make_completion.sh) offers every subcommand of the
# binary, every option of each, every report format and every reading; the
# manual page made by help2man (packaging/make_manpage.sh) renders and holds
# every subcommand.
# Usage: run_conventions.sh KST REPO COMPLETION MANPAGE
set -u
kst=$1
repo=$2
completion=$3
manpage=$4
source "$repo/tests/e2e/lib.sh"
cd "$repo" || exit 2

# --version: three lines, the first the version CMakeLists.txt gives the project.
version=$(sed -n -E 's/^project\(kst VERSION ([0-9.]+) .*/\1/p' CMakeLists.txt)
expect_exit 0 "kst --version" -- "$kst" --version
[ "$(sed -n 1p "$work/out")" = "kst $version" ] || fail "--version: first line '$(sed -n 1p "$work/out")', not 'kst $version'"
grep -q -E '^model sha256:[0-9a-f]{64} \(model/kst-model.json\)$' "$work/out" || fail "--version: no model digest line"
grep -q -E '^build [A-Za-z]+, (g\+\+|clang) ' "$work/out" || fail "--version: no build line"
cp "$work/out" "$work/version"
for command in check diff explain export; do  # every command takes it, before its required arguments
  expect_exit 0 "kst $command --version" -- "$kst" "$command" --version
  cmp -s "$work/out" "$work/version" || fail "kst $command --version differs from kst --version"
done

# Colour: only on a terminal (script(1) gives kst one), never with NO_COLOR or --no-color.
seed=scenarios/o1-add-owa-tap-breaks-um.json
on_terminal() { script -qec "$1" /dev/null </dev/null >"$work/tty" 2>&1; }
if command -v script >/dev/null; then
  on_terminal "'$kst' check $seed"
  grep -q $'\033\[' "$work/tty" || fail "colour: no ANSI colour on a terminal"
  on_terminal "NO_COLOR=1 '$kst' check $seed"
  grep -q $'\033\[' "$work/tty" && fail "NO_COLOR=1: ANSI colour on a terminal"
  on_terminal "'$kst' check $seed --no-color"
  grep -q $'\033\[' "$work/tty" && fail "--no-color: ANSI colour on a terminal"
  on_terminal "NO_COLOR= '$kst' check $seed"  # empty: not set, as no-color.org says
  grep -q $'\033\[' "$work/tty" || fail "NO_COLOR empty: colour should stay on"
else
  echo "SKIP: script(1) is missing: no terminal for the colour checks"
fi

# Completion: what it offers after `kst`, `kst COMMAND -`, `--format` and `--semantics`.
[ -s "$completion" ] || { fail "no completion file $completion"; finish conventions; }
# shellcheck disable=SC1090
source "$completion"
complete_words() {  # complete_words WORD...: the completions of the last word
  COMP_WORDS=(kst "$@")
  COMP_CWORD=$#
  COMPREPLY=()
  _kst
  printf '%s\n' "${COMPREPLY[@]}"
}
commands=$("$kst" --help | awk '$0 == "Subcommands:" {on = 1; next} on && /^$/ {exit} on && /^  [a-z]/ {print $1}')
[ "$(wc -w <<<"$commands")" -ge 10 ] || fail "kst --help lists only: $commands"
for command in $commands; do
  complete_words "" | grep -qx "$command" || fail "completion: subcommand $command not offered"
  for option in $("$kst" "$command" --help | grep -o -E '^  (-[a-zA-Z],)?--[a-z-]+' | sed -E 's/^ *(-.,)?//'); do
    complete_words "$command" "-" | grep -qx -- "$option" || fail "completion: $command $option not offered"
  done
done
formats=$("$kst" check --help | grep -o -E -- '--format [A-Z]+:\{[^}]*\}' | sed -E 's/.*\{(.*)\}/\1/' | tr ',' ' ')
grep -qw html <<<"$formats" || fail "kst check --help: no html format in '$formats'"
for format in $formats; do
  complete_words check x.json --format "" | grep -qx "$format" || fail "completion: check --format $format not offered"
  complete_words check x.json --output "" | grep -qx "$format=" || fail "completion: check --output $format= not offered"
  complete_words diff a b --format "" | grep -qx "$format" || fail "completion: diff --format $format not offered"
done
for reading in $("$kst" model --format json | jq -r '.semantics[].name'); do
  complete_words check x.json --semantics "" | grep -qx "$reading" || fail "completion: reading $reading not offered"
  complete_words explore x.json --semantics "" | grep -qx "$reading" || fail "completion: explore --semantics $reading"
done
complete_words check x.json --semantics "" | grep -qx all || fail "completion: check --semantics all not offered"
complete_words import x --output "" | grep -q . && fail "completion: import --output is a file, not formats"

# The manual page: renders, names every subcommand, the exit codes and NO_COLOR.
if [ -s "$manpage" ] && command -v man >/dev/null; then
  MANWIDTH=100 man -l "$manpage" 2>"$work/man.err" | col -b >"$work/man.txt"
  [ -s "$work/man.txt" ] || fail "man -l $manpage: nothing rendered ($(head -2 "$work/man.err"))"
  for command in $commands; do expect_in "$work/man.txt" "kst $command" "manual page"; done
  for part in "^NAME" "^SYNOPSIS" "^OPTIONS" "^COMMANDS" "Exit codes: 0 pass" "NO_COLOR" "kst $version"; do
    expect_in "$work/man.txt" "$part" "manual page"
  done
else
  echo "SKIP: no manual page (help2man missing at build time) or no man(1)"
fi
finish conventions
