#!/usr/bin/env bash
# Issue 19: kst installs like a tool. CPack builds the Debian package
# (cmake/Packaging.cmake) into a scratch folder; `dpkg -x` installs it into a
# scratch root, from which kst --version, the seed scenario, an HTML report,
# `man -l` of the installed manual page and the installed bash completion
# must work. `cmake --install --prefix DIR` must install the same files.
# Usage: run_package.sh BUILD_DIR REPO
set -u
build=$1
repo=$2
source "$repo/tests/e2e/lib.sh"
cd "$repo" || exit 2
for tool in cpack dpkg-deb dpkg-shlibdeps; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is missing (make test installs dpkg-dev)"; exit 0; }
done

(cd "$build" && cpack -G DEB -B "$work/cpack") >"$work/cpack.log" 2>&1 || fail "cpack: $(tail -3 "$work/cpack.log")"
deb=$(ls "$work"/cpack/kst_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { fail "no kst_*.deb made: $(tail -3 "$work/cpack.log")"; finish package; }
echo "package: $(basename "$deb"), $(stat -c %s "$deb") bytes"
dpkg-deb -I "$deb" >"$work/info"
for field in "Package: kst" "Version: " "Depends: .*libyaml-cpp" "Recommends: graphviz" "Description: "; do
  grep -q -E "^ $field" "$work/info" || fail "package control: no '$field'"
done
grep -q '^ Description: .*;' "$work/info" && fail "package control: a CMake list (;) in the description"
dpkg-deb -c "$deb" >"$work/contents"
installed=(usr/bin/kst usr/share/man/man1/kst.1.gz usr/share/bash-completion/completions/kst
  usr/share/kst/kst-model.json usr/share/doc/kst/README.md usr/share/doc/kst/copyright)
for path in "${installed[@]}"; do grep -q " \./$path$" "$work/contents" || fail "package: no $path"; done

root=$work/root
dpkg -x "$deb" "$root" || fail "dpkg -x failed"
kst=$root/usr/bin/kst
expect_exit 0 "installed kst --version" -- "$kst" --version
expect_in "$work/out" "^kst [0-9]" "installed kst --version"
expect_exit 1 "installed kst on the seed scenario" -- "$kst" check scenarios/o1-add-owa-tap-breaks-um.json
expect_in "$work/out" "^verdict: fail" "installed kst on the seed scenario"
expect_exit 1 "installed kst, html report" -- "$kst" check scenarios/o1-add-owa-tap-breaks-um.json --format html
expect_in "$work/out" '<header class="banner fail" id="verdict">' "installed kst, html report"
MANWIDTH=100 man -l "$root/usr/share/man/man1/kst.1.gz" 2>"$work/man.err" | col -b >"$work/man.txt"
expect_in "$work/man.txt" "^NAME" "man -l of the installed page"
expect_in "$work/man.txt" "kst check" "man -l of the installed page"
# shellcheck disable=SC1091
source "$root/usr/share/bash-completion/completions/kst"
COMP_WORDS=(kst ch) COMP_CWORD=1 COMPREPLY=()
_kst
[ "${COMPREPLY[*]}" = check ] || fail "installed completion: 'kst ch' gives '${COMPREPLY[*]}', not 'check'"

# cmake --install with a prefix: the same files under it.
cmake --install "$build" --prefix "$work/prefix" >"$work/install.log" 2>&1 || fail "cmake --install: $(tail -2 "$work/install.log")"
for path in "${installed[@]}"; do
  [ -s "$work/prefix/${path#usr/}" ] || fail "cmake --install --prefix: no ${path#usr/}"
done
"$work/prefix/bin/kst" --version >/dev/null || fail "kst installed by cmake --install does not run"
finish package
