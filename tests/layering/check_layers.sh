#!/usr/bin/env bash
# The layering test: src/ is a stack of layers (docs/architecture.md), each a
# folder and a CMake library whose CMakeLists.txt names the layers it may use
# on its `DEPENDS` line. This fails, naming file and line, on
#   - an #include "layer/file.h" in library code that reaches a layer not on
#     that line (upward, or across siblings that must not know each other);
#   - an #include of a project header not written as "layer/file.h";
#   - a unit test beside the sources that includes the command layer (cli);
#   - a .cpp file under src/ that its layer's CMakeLists.txt does not list
#     (a file no target builds is skipped silently);
#   - a dependency list in docs/architecture.md that differs from the CMake one.
# Usage: check_layers.sh REPO
set -u
repo=$1
repo=$(cd "$repo" && pwd)
cd "$repo/src" || exit 2
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

declare -A allowed
layers=()
for cmakelists in */CMakeLists.txt; do
  layer=${cmakelists%%/*}
  layers+=("$layer")
  deps=$(sed -n -E 's/^[[:space:]]*DEPENDS[[:space:]]+(.*)$/\1/p' "$cmakelists" | head -1)
  allowed[$layer]=" $layer $deps "
done
[ ${#layers[@]} -gt 0 ] || { echo "FAIL: no layer folders with a CMakeLists.txt under src/"; exit 1; }

includes=0
for layer in "${layers[@]}"; do
  while IFS= read -r file; do
    is_test=0
    [[ $file == *_test.cpp ]] && is_test=1
    while IFS=: read -r line text; do
      header=$(sed -E 's/^[[:space:]]*#[[:space:]]*include[[:space:]]+"([^"]+)".*/\1/' <<<"$text")
      includes=$((includes + 1))
      target=${header%%/*}
      if [[ $header != */* ]]; then
        # A header beside tests (tests/support) is for tests only.
        if [ $is_test -eq 0 ] || [ ! -f "$repo/tests/support/$header" ]; then
          fail "src/$file:$line: #include \"$header\" does not name its layer (write \"layer/file.h\")"
        fi
        continue
      fi
      [ -f "$header" ] || { fail "src/$file:$line: #include \"$header\": no such file under src/"; continue; }
      if [ $is_test -eq 1 ]; then
        [ "$target" = cli ] && [ "$layer" != cli ] && fail "src/$file:$line: a unit test includes the command layer ($header)"
        continue
      fi
      [[ ${allowed[$layer]} == *" $target "* ]] ||
        fail "src/$file:$line: layer '$layer' includes \"$header\" from layer '$target', which is not among its DEPENDS ($(xargs <<<"${allowed[$layer]}"))"
    done < <(grep -n -E '^[[:space:]]*#[[:space:]]*include[[:space:]]+"' "$file")
  done < <(find "$layer" -name '*.h' -o -name '*.cpp' | sort)
  while IFS= read -r file; do
    grep -q -E "(^|[[:space:]])$(basename "$file")([[:space:]]|\)|$)" "$layer/CMakeLists.txt" ||
      fail "src/$file is not listed in src/$layer/CMakeLists.txt: no target builds it"
  done < <(find "$layer" -name '*.cpp' | sort)
done
for entry in *; do
  [ -d "$entry" ] && [ ! -f "$entry/CMakeLists.txt" ] && fail "src/$entry/ is a folder without a CMakeLists.txt (not a layer)"
  [ -f "$entry" ] && [ "$entry" != CMakeLists.txt ] && fail "src/$entry lies outside every layer"
done

# docs/architecture.md lists each layer's dependencies as "- `layer`: dep dep"
# lines between the layer-dependencies markers; they must match CMake's.
doc="$repo/docs/architecture.md"
if [ -f "$doc" ]; then
  documented=$(sed -n '/<!-- layer-dependencies -->/,/<!-- end layer-dependencies -->/p' "$doc" |
    sed -n -E 's/^- `([a-z]+)`: ?(.*)$/\1 \2/p' | sed -E 's/[`,]//g; s/ +/ /g; s/ $//' | sort)
  actual=$(for layer in "${layers[@]}"; do xargs <<<"$layer $(sed -n -E 's/^[[:space:]]*DEPENDS[[:space:]]+(.*)$/\1/p' "$layer/CMakeLists.txt" | head -1)"; done | sort)
  [ "$documented" = "$actual" ] || {
    fail "docs/architecture.md's layer dependencies differ from src/*/CMakeLists.txt:"
    diff <(echo "$documented") <(echo "$actual")
  }
else
  fail "docs/architecture.md is missing"
fi

echo "${#layers[@]} layers, $includes includes checked"
if [ $failures -gt 0 ]; then
  echo "$failures layering check(s) failed"
  exit 1
fi
echo "all layering checks passed"
