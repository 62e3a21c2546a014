#!/usr/bin/env bash
# ctest fuzz_replay_<target>: the target's seeds and kept regressions
# (fuzz/seed_corpus.sh) through its properties, without libFuzzer.
#
# Usage: replay.sh REPLAY_BINARY TARGET WORK_FOLDER
set -eu
binary=$1
target=$2
work=$3
rm -rf "$work"
bash "$(dirname "$0")/seed_corpus.sh" "$target" "$work"
"$binary" "$work"
