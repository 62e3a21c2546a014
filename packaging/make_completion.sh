#!/usr/bin/env bash
# Makes kst's bash completion from the binary's own help (CLI11 writes every
# subcommand of the command table, every option, and the values of an option
# with a fixed set, "--format TEXT:{text,json,...}"), so the completion lists
# exactly what the binary accepts: commands, options, report formats and the
# readings of --semantics. tests/e2e/run_conventions.sh checks it against the
# binary. Run by the build (cmake/Packaging.cmake).
# Usage: make_completion.sh KST OUT
set -euo pipefail
kst=$1
out=$2

# The first words of the lines of a help section ("Subcommands:", "Options:").
section_words() {
  awk -v name="$1" '$0 == name ":" {on = 1; next} on && /^$/ {exit} on && /^  [^ ]/ {print $1}'
}
# Every option name of a command's help: "-o,--output" gives -o and --output.
options_of() { "$kst" $1 --help | section_words Options | tr ',' '\n' | grep -E '^-' | sort -u | tr '\n' ' '; }
# The value set of an option with one ("--format TEXT:{a,b}" gives "a b").
values_of() {
  "$kst" $1 --help | awk -v option="$2" '
    /^  -/ { split($1, names, ","); for (i in names) if (names[i] == option && match($0, /\{[^}]*\}/)) {
      print substr($0, RSTART + 1, RLENGTH - 2); exit } }' | tr ',' ' '
}
# The readings --semantics names in its help: "...(see `kst model`): a, b, c; or all: ..." gives "a b c all".
# (CLI11 writes the description on the option's line, or on the next when the option's name is long.)
readings_of() {
  "$kst" $1 --help | awk '/^ *--semantics/ {on = 1} on && /\(see `kst model`\): / {print; exit}' |
    sed -E 's/.*\(see `kst model`\): //; s/; or (all):.*/, \1/; s/ *$//; s/,? +/ /g; s/,//g'
}

commands=$("$kst" --help | section_words Subcommands | tr '\n' ' ')
[ -n "$commands" ] || { echo "make_completion.sh: no subcommands in kst --help" >&2; exit 1; }
{
  echo "# bash completion for kst, made by packaging/make_completion.sh from the help of"
  echo "# $("$kst" --version | head -1). Commands, options, formats and readings as that binary has them."
  echo "_kst() {"
  echo '  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} command="" i'
  echo '  for ((i = 1; i < COMP_CWORD; i++)); do'
  echo '    case ${COMP_WORDS[i]} in -*) ;; *) command=${COMP_WORDS[i]}; break ;; esac'
  echo '  done'
  echo '  local options="" values=""'
  echo '  case $command in'
  echo "    \"\") COMPREPLY=(\$(compgen -W \"$commands $(options_of "")\" -- \"\$cur\")); return ;;"
  for command in $commands; do
    echo "    $command)"
    echo "      options=\"$(options_of "$command")\""
    echo '      case $prev in'
    for option in $(options_of "$command"); do
      values=$(values_of "$command" "$option")
      [ "$option" = --semantics ] && values=$(readings_of "$command")
      [ -n "$values" ] && echo "        $option) values=\"$values\" ;;"
    done
    if "$kst" "$command" --help | grep -E -A1 '^ *--output' | grep -q 'FORMAT=FILE'; then
      # --output FORMAT=FILE: the formats, each with its "=", then a file name.
      echo "        --output) values=\"$(values_of "$command" --format | sed -E 's/([^ ]+)/\1=/g')\"; compopt -o nospace 2>/dev/null ;;"
    fi
    echo '      esac ;;'
  done
  echo '    *) return ;;'
  echo '  esac'
  echo '  if [ -n "$values" ]; then COMPREPLY=($(compgen -W "$values" -- "$cur")); return; fi'
  echo '  if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "$options" -- "$cur")); return; fi'
  echo '  COMPREPLY=()  # a file or folder: complete -o default completes it'
  echo "}"
  echo "complete -o default -F _kst kst"
} >"$out.tmp"
bash -n "$out.tmp"
mv "$out.tmp" "$out"
