#!/usr/bin/env bash
# make windows-zip: the release archive build-windows/kst-VERSION-windows-x86_64.zip with kst.exe, the model,
# the README, the licence notes and texts of everything linked into kst.exe, and what the LGPL asks for a
# statically linked libevtx/libbfio: kst's object code and the command to relink it (packaging/windows/LICENSES.txt).
#   packaging/windows/make_zip.sh WINDOWS_BUILD_DIR VERSION
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$1" && pwd)
version=$2
deps=${KST_WINDOWS_DEPS:-$HOME/.cache/kst-windows-deps}
name=kst-$version-windows-x86_64
stage=$build/zip-stage/$name
rm -rf "$build/zip-stage" "$build/$name.zip"
mkdir -p "$stage/licenses" "$stage/relink"

# Text files with CRLF line ends: Notepad on an older Windows Server shows LF-only files on one line.
crlf() { sed 's/\r*$/\r/' "$1" >"$2"; }
install -m 755 "$build/kst.exe" "$stage/kst.exe"
cp -r "$repo/model" "$stage/model"
crlf "$repo/README.md" "$stage/README.md"
crlf "$repo/packaging/windows/LICENSES.txt" "$stage/LICENSES.txt"
crlf "$deps/src/pugixml/LICENSE.md" "$stage/licenses/pugixml.txt"
crlf "$deps/src/yaml-cpp/LICENSE" "$stage/licenses/yaml-cpp.txt"
crlf "$deps/src/openssl/LICENSE.txt" "$stage/licenses/openssl.txt"
crlf "$deps/src/libevtx/debian/copyright" "$stage/licenses/libevtx.txt"
crlf "$deps/src/libbfio/debian/copyright" "$stage/licenses/libbfio.txt"
crlf /usr/share/common-licenses/LGPL-3 "$stage/licenses/LGPL-3.txt"
crlf /usr/share/common-licenses/GPL-3 "$stage/licenses/GPL-3.txt"
crlf /usr/share/doc/gcc-mingw-w64-base/copyright "$stage/licenses/gcc-runtime.txt"
crlf /usr/share/doc/mingw-w64-x86-64-dev/copyright "$stage/licenses/mingw-w64.txt"
for package in libcli11-dev nlohmann-json3-dev libboost-graph1.74-dev; do
  { echo "== $package"; cat "/usr/share/doc/$package/copyright"; echo; } 2>/dev/null
done >"$build/zip-stage/header-only"
crlf "$build/zip-stage/header-only" "$stage/licenses/header-only.txt"

# Relinking: kst's own static libraries and main's object, and the link line CMake used, with the libraries'
# paths made LIBDIR/... and kst's own named as they lie in relink\.
cp "$build"/src/*/libkst_*.a "$stage/relink/"
cp "$build/src/cli/CMakeFiles/kst.dir/main.cpp.obj" "$stage/relink/main.obj"
libraries=$(sed -E -e "s|\"$deps/prefix/lib/([^\"]*)\"|LIBDIR/\1|g" -e 's|\.\./[a-z]+/||g' \
  "$build/src/cli/CMakeFiles/kst.dir/linkLibs.rsp")
cat >"$build/zip-stage/RELINK" <<EOF
Relinking kst.exe with your own libevtx.a and libbfio.a (LGPL-3.0 section 4)

On Debian 12 with g++-mingw-w64-x86-64-posix installed, in this folder, with your libevtx.a and libbfio.a
and the other libraries (libyaml-cpp.a, libpugixml.a, libcrypto.a; packaging/windows/build-deps.sh in the
kst repository builds all five from Debian's source packages) in LIBDIR:

  x86_64-w64-mingw32-g++-posix -static -static-libgcc -static-libstdc++ -o kst.exe main.obj \\
   $libraries
EOF
crlf "$build/zip-stage/RELINK" "$stage/relink/RELINK.txt"

(cd "$build/zip-stage" && zip -q -r -X "$build/$name.zip" "$name")
rm -rf "$build/zip-stage"
echo "windows-zip: $build/$name.zip ($(du -k "$build/$name.zip" | cut -f1) KiB)"
