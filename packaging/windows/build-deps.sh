#!/usr/bin/env bash
# Builds kst's libraries for 64-bit Windows (MinGW-w64, posix threads) from
# Debian 12 source packages, into a cache outside the build folder, so that
# `make windows` after a `make clean` (or in another worktree) fetches and
# compiles nothing again.
#
#   packaging/windows/build-deps.sh [DEPS_DIR]    (default $KST_WINDOWS_DEPS, else ~/.cache/kst-windows-deps)
#
# DEPS_DIR/apt     a private apt state (sources list, lists, cache): `apt-get source`
#                  runs with -o Dir::... options, the machine's apt configuration is never changed
# DEPS_DIR/src/X   the unpacked, patched Debian source of X, built in place (a log beside it: src/X.log)
# DEPS_DIR/prefix  include/ and lib/ with the static libraries; prefix/.stamp-X once X is installed:
#                  a library with a stamp is skipped, so remove the stamp (or DEPS_DIR) to rebuild it
#
# The libraries: pugixml and yaml-cpp (C++, CMake, with cmake/windows/mingw-w64.cmake), libbfio and libevtx
# (C, autotools; .evtx event logs), OpenSSL's libcrypto (X.509 certificates, digests).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
deps=${1:-${KST_WINDOWS_DEPS:-$HOME/.cache/kst-windows-deps}}
mkdir -p "$deps" && deps=$(cd "$deps" && pwd)
prefix=$deps/prefix
jobs=${JOBS:-$(nproc)}
host=x86_64-w64-mingw32
mkdir -p "$deps/apt/lists/partial" "$deps/apt/cache/archives/partial" "$deps/src" "$prefix/include" "$prefix/lib"

# APT::Sandbox::User=root: apt-get source downloads into the cache, which its usual _apt user cannot write.
apt_options=(-o "Dir::Etc::SourceList=$deps/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
  -o "Dir::State::Lists=$deps/apt/lists" -o "Dir::Cache=$deps/apt/cache" -o APT::Sandbox::User=root)

# Source lists of Debian 12 (its security updates too: OpenSSL gets them), only here.
ensure_apt_lists() {
  [ -n "${apt_ready:-}" ] && return
  if [ ! -f "$deps/apt/sources.list" ]; then
    local keyring=/usr/share/keyrings/debian-archive-keyring.gpg
    cat >"$deps/apt/sources.list" <<EOF
deb-src [signed-by=$keyring] http://deb.debian.org/debian bookworm main
deb-src [signed-by=$keyring] http://deb.debian.org/debian bookworm-updates main
deb-src [signed-by=$keyring] http://deb.debian.org/debian-security bookworm-security main
EOF
  fi
  # Refreshed once a day at most: a rebuild should not wait for the network.
  if [ -z "$(find "$deps/apt/lists" -maxdepth 1 -name '*Sources*' -mmin -1440 2>/dev/null | head -1)" ]; then
    echo "build-deps: apt-get update (private lists in $deps/apt)"
    apt-get "${apt_options[@]}" -qq update
  fi
  apt_ready=1
}

# fetch NAME: the patched Debian source of NAME in $deps/src/NAME (kept when already there).
fetch() {
  local name=$1
  [ -d "$deps/src/$name" ] && return
  ensure_apt_lists
  local download
  download=$(mktemp -d "$deps/src/.fetch-$name-XXXXXX")
  echo "build-deps: apt-get source $name"
  # A security update replaces the version the lists name (a 404): the lists are refreshed and it is asked
  # again; a mirror whose index runs ahead of its pool (seen for openssl) gets the other versions it lists,
  # newest first.
  if ! (cd "$download" && apt-get "${apt_options[@]}" -qq source "$name" >/dev/null); then
    echo "build-deps: refreshing the lists and fetching $name again"
    apt-get "${apt_options[@]}" -qq update
    if ! (cd "$download" && apt-get "${apt_options[@]}" -qq source "$name" >/dev/null); then
      local version fetched=""
      for version in $(apt-cache "${apt_options[@]}" showsrc "$name" | sed -n 's/^Version: //p' | sort -rV); do
        echo "build-deps: trying $name=$version"
        rm -rf "${download:?}"/*
        if (cd "$download" && apt-get "${apt_options[@]}" -qq source "$name=$version" >/dev/null); then
          fetched=$version
          break
        fi
      done
      [ -n "$fetched" ] || { echo "build-deps: cannot fetch the source of $name" >&2; exit 1; }
    fi
  fi
  mv "$(find "$download" -mindepth 1 -maxdepth 1 -type d | head -1)" "$deps/src/$name"
  rm -rf "$download"
}

# build NAME FUNCTION: fetches NAME and runs FUNCTION in its source folder unless its stamp exists.
build() {
  local name=$1 step=$2
  if [ -f "$prefix/.stamp-$name" ]; then
    echo "build-deps: $name: cached ($prefix)"
    return
  fi
  fetch "$name"
  echo "build-deps: $name: building (log: $deps/src/$name.log)"
  local started=$SECONDS
  if ! (cd "$deps/src/$name" && "$step") >"$deps/src/$name.log" 2>&1; then
    tail -30 "$deps/src/$name.log"
    echo "build-deps: $name failed; the whole log is $deps/src/$name.log" >&2
    exit 1
  fi
  touch "$prefix/.stamp-$name"
  echo "build-deps: $name: built in $((SECONDS - started)) s"
}

cmake_library() {
  cmake -S . -B build-mingw -DCMAKE_TOOLCHAIN_FILE="$repo/cmake/windows/mingw-w64.cmake" \
    -DKST_WINDOWS_DEPS="$deps" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix" \
    -DBUILD_SHARED_LIBS=OFF "$@"
  cmake --build build-mingw -j "$jobs"
  cmake --install build-mingw
}
build_pugixml() { cmake_library -DPUGIXML_BUILD_TESTS=OFF; }
build_yaml_cpp() {
  cmake_library -DYAML_BUILD_SHARED_LIBS=OFF -DYAML_CPP_BUILD_TESTS=OFF -DYAML_CPP_BUILD_TOOLS=OFF \
    -DYAML_CPP_BUILD_CONTRIB=OFF
}

# libyal's libcthreads includes <Synchapi.h> and two more Windows headers
# capitalised; MinGW's are lower case, which a case-sensitive file system tells
# apart. Links with the expected names, on the include path of that build only.
header_case_links() {
  mkdir -p mingw-header-case
  local header
  for header in Processthreadsapi Synchapi Threadpoolapiset; do
    ln -sf "/usr/$host/include/${header,,}.h" "mingw-header-case/$header.h"
  done
}
autotools_library() {
  header_case_links
  # Debian's patches edit configure.ac (libevtx: AC_PATH_TOOL for pkg-config, which only matters when configure
  # looks a library up through pkg-config; --with-libbfio names ours). Without automake installed, the
  # generated files the tarball ships are marked newer, so that make does not try to regenerate them.
  touch aclocal.m4 configure
  find . -name Makefile.in -exec touch {} +
  find . -name config.h.in -exec touch {} +
  ./configure --host=$host CC=$host-gcc-posix --prefix="$prefix" --enable-static --disable-shared --disable-nls \
    --enable-winapi=yes --with-pic=no CPPFLAGS="-I$PWD/mingw-header-case" "$@"
}
build_libbfio() {
  autotools_library
  make -j "$jobs"
  make install
}
build_libevtx() {
  autotools_library --with-libbfio="$prefix" --enable-python=no CFLAGS="-g -O2 -I$prefix/include" \
    LDFLAGS="-L$prefix/lib"
  make -j "$jobs"
  make install
}

# libcrypto only (kst parses X.509 certificates and hashes; it never opens a TLS
# connection), without what it does not use: every `no-` below is an algorithm
# or subsystem no kst code reaches, and each one less is less to compile.
build_openssl() {
  ./Configure mingw64 --cross-compile-prefix=$host- CC=gcc-posix CXX=g++-posix --prefix="$prefix" --libdir=lib \
    no-shared no-module no-dso no-engine no-tests no-ui-console no-async no-comp no-ct no-ocsp no-cms no-ts no-srp \
    no-psk no-sock no-ssl no-tls no-dtls no-legacy no-idea no-mdc2 no-rc5 no-rc2 no-rc4 no-bf no-cast no-camellia \
    no-seed no-sm3 no-sm4 no-whirlpool no-aria no-siphash no-scrypt no-blake2 no-gost no-md4 no-rmd160 no-des \
    no-chacha no-poly1305 no-cmac no-ocb no-siv
  make -j "$jobs" build_generated
  make -j "$jobs" libcrypto.a
  install -m 644 libcrypto.a "$prefix/lib/"
  mkdir -p "$prefix/include/openssl"
  install -m 644 include/openssl/*.h "$prefix/include/openssl/"
}

build pugixml build_pugixml
build yaml-cpp build_yaml_cpp
build libbfio build_libbfio
build libevtx build_libevtx
build openssl build_openssl
echo "build-deps: done: $prefix"
