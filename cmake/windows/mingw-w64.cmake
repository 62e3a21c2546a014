# CMake toolchain for `make windows`: kst.exe for 64-bit Windows, cross-built
# with Debian's MinGW-w64 (the posix-threads variant: std::thread and
# std::mutex need winpthreads; the win32 variant has neither in g++ 12).
#
# Libraries come from KST_WINDOWS_DEPS/prefix (packaging/windows/build-deps.sh
# builds them from Debian source packages). The header-only libraries
# (nlohmann_json, CLI11, doctest, Boost.Graph) are the Linux Debian packages'
# headers: only their folders are linked into a staging prefix below, never
# /usr/include itself, whose glibc headers would shadow MinGW's.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(KST_MINGW x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${KST_MINGW}-gcc-posix)
set(CMAKE_CXX_COMPILER ${KST_MINGW}-g++-posix)
set(CMAKE_RC_COMPILER ${KST_MINGW}-windres)
set(CMAKE_AR ${KST_MINGW}-gcc-ar-posix)
set(CMAKE_RANLIB ${KST_MINGW}-gcc-ranlib-posix)

# The dependency cache: -DKST_WINDOWS_DEPS=..., else $KST_WINDOWS_DEPS, else ~/.cache/kst-windows-deps.
# Passed on to try_compile projects, which see only the variables listed here.
if(NOT KST_WINDOWS_DEPS)
  if(DEFINED ENV{KST_WINDOWS_DEPS} AND NOT "$ENV{KST_WINDOWS_DEPS}" STREQUAL "")
    set(KST_WINDOWS_DEPS "$ENV{KST_WINDOWS_DEPS}")
  else()
    set(KST_WINDOWS_DEPS "$ENV{HOME}/.cache/kst-windows-deps")
  endif()
endif()
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES KST_WINDOWS_DEPS)
set(KST_WINDOWS_PREFIX "${KST_WINDOWS_DEPS}/prefix")

# Staging prefix of the Linux packages' header-only libraries: symbolic links
# to their include folders, and small package configurations naming them.
set(KST_HOST_HEADERS "${KST_WINDOWS_DEPS}/host-headers")
foreach(folder nlohmann CLI doctest boost)
  if(NOT EXISTS "${KST_HOST_HEADERS}/include/${folder}")
    if(NOT EXISTS "/usr/include/${folder}")
      message(FATAL_ERROR "/usr/include/${folder} is missing: `make windows` installs the Debian -dev packages first")
    endif()
    file(MAKE_DIRECTORY "${KST_HOST_HEADERS}/include")
    file(CREATE_LINK "/usr/include/${folder}" "${KST_HOST_HEADERS}/include/${folder}" SYMBOLIC)
  endif()
endforeach()
# name|target|Debian's version file
set(KST_HEADER_PACKAGES
    "nlohmann_json|nlohmann_json::nlohmann_json|/usr/share/cmake/nlohmann_json/nlohmann_jsonConfigVersion.cmake"
    "CLI11|CLI11::CLI11|/usr/share/cmake/CLI11/CLI11ConfigVersion.cmake"
    "doctest|doctest::doctest|/usr/lib/cmake/doctest/doctestConfigVersion.cmake")
foreach(packed IN LISTS KST_HEADER_PACKAGES)
  string(REPLACE "|" ";" entry "${packed}")
  list(GET entry 0 package)
  list(GET entry 1 target)
  list(GET entry 2 version_file)
  set(config "${KST_HOST_HEADERS}/lib/cmake/${package}/${package}Config.cmake")
  if(NOT EXISTS "${KST_HOST_HEADERS}/lib/cmake/${package}/${package}ConfigVersion.cmake")
    file(WRITE "${config}"
         "# Written by cmake/windows/mingw-w64.cmake: ${package}'s headers, nothing else.\n"
         "if(NOT TARGET ${target})\n"
         "  add_library(${target} INTERFACE IMPORTED)\n"
         "  set_target_properties(${target} PROPERTIES INTERFACE_INCLUDE_DIRECTORIES \"${KST_HOST_HEADERS}/include\")\n"
         "endif()\n")
    configure_file("${version_file}" "${KST_HOST_HEADERS}/lib/cmake/${package}/${package}ConfigVersion.cmake" COPYONLY)
  endif()
endforeach()

# Look for libraries, headers and packages only in those two prefixes (and
# the MinGW sysroot); programs (pkg-config, ...) on the build machine.
set(CMAKE_FIND_ROOT_PATH "/usr/${KST_MINGW}" "${KST_WINDOWS_PREFIX}" "${KST_HOST_HEADERS}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(OPENSSL_ROOT_DIR "${KST_WINDOWS_PREFIX}")
set(OPENSSL_USE_STATIC_LIBS TRUE)
set(Boost_INCLUDE_DIR "${KST_HOST_HEADERS}/include")
set(Boost_NO_BOOST_CMAKE ON)  # Debian's BoostConfig names Linux libraries
# pkg-config (libevtx, libbfio): the prefix's .pc files only, their static link lines.
set(ENV{PKG_CONFIG_LIBDIR} "${KST_WINDOWS_PREFIX}/lib/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")
set(PKG_CONFIG_ARGN --static)

# One kst.exe that runs on a bare Windows Server: no libstdc++, libgcc or
# winpthreads DLL beside it.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static -static-libgcc -static-libstdc++")
