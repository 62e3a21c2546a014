// Windows side of base/atomic_file.h (atomic_file.cpp is the POSIX one): the
// same contract with Windows calls. The temporary file beside the target is
// flushed to disk (FlushFileBuffers, as fsync) and moved over the target with
// MoveFileExW(MOVEFILE_REPLACE_EXISTING), which replaces it in one step on
// NTFS and SMB shares. A device (NUL, CON, \\.\...) is written in place.
#include <windows.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "base/atomic_file.h"
#include "base/platform.h"

namespace kst {
namespace {

bool Fail(const std::string& path, const std::string& why, std::string* error) {
  *error = "cannot write " + path + ": " + why;
  return false;
}

/// The reason in the C library's words, as on Linux, for the errors a write meets; the number otherwise.
std::string Reason(DWORD code) {
  switch (code) {
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
    case ERROR_INVALID_DRIVE:
    case ERROR_BAD_NETPATH:
    case ERROR_BAD_NET_NAME:
      return std::strerror(ENOENT);
    case ERROR_ACCESS_DENIED:
    case ERROR_SHARING_VIOLATION:
    case ERROR_LOCK_VIOLATION:
    case ERROR_WRITE_PROTECT:
      return std::strerror(EACCES);
    case ERROR_DISK_FULL:
    case ERROR_HANDLE_DISK_FULL:
      return std::strerror(ENOSPC);
    case ERROR_FILENAME_EXCED_RANGE:
      return std::strerror(ENAMETOOLONG);
    case ERROR_INVALID_NAME:
      return std::strerror(EINVAL);
    default:
      return "Windows error " + std::to_string(code);
  }
}

bool WriteAll(HANDLE file, std::string_view contents) {
  while (!contents.empty()) {
    const DWORD chunk = static_cast<DWORD>(std::min<size_t>(contents.size(), 1u << 30));
    DWORD written = 0;
    if (!WriteFile(file, contents.data(), chunk, &written, nullptr)) return false;
    if (written == 0) {
      SetLastError(ERROR_WRITE_FAULT);
      return false;
    }
    contents.remove_prefix(written);
  }
  return true;
}

/// NUL, CON, COM1, ..., with or without an extension or a folder, and \\.\ names: devices, never replaced.
bool IsDevice(const std::string& path) {
  if (path.rfind("\\\\.\\", 0) == 0) return true;
  std::string stem = Utf8FromPath(PathFromUtf8(path).filename().stem());
  for (char& c : stem) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (stem == "NUL" || stem == "CON" || stem == "PRN" || stem == "AUX" || stem == "CONIN$" || stem == "CONOUT$")
    return true;
  return stem.size() == 4 && (stem.rfind("COM", 0) == 0 || stem.rfind("LPT", 0) == 0) && stem[3] >= '1' &&
         stem[3] <= '9';
}

bool WriteInPlace(const std::string& path, std::string_view contents, std::string* error) {
  const HANDLE file = CreateFileW(PathFromUtf8(path).c_str(), GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE,
                                  nullptr, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
  if (file == INVALID_HANDLE_VALUE) return Fail(path, Reason(GetLastError()), error);
  const bool written = WriteAll(file, contents);
  const DWORD why = GetLastError();
  CloseHandle(file);
  return written || Fail(path, Reason(why), error);
}

}  // namespace

bool WriteFileAtomically(const std::string& path, std::string_view contents, std::string* error) {
  if (path.empty()) return Fail(path, "no file name", error);
  if (IsDevice(path)) return WriteInPlace(path, contents, error);
  std::filesystem::path target = PathFromUtf8(path);
  std::error_code code;
  const std::filesystem::file_status status = std::filesystem::status(target, code);
  if (std::filesystem::is_directory(status)) return Fail(path, "it is a directory", error);
  if (std::filesystem::is_symlink(std::filesystem::symlink_status(target, code))) {
    target = std::filesystem::canonical(target, code);  // replace the file, keep the link
    if (code) return Fail(path, code.message(), error);
  }
  const std::filesystem::path folder = target.has_parent_path() ? target.parent_path() : ".";
  std::filesystem::path temporary;
  HANDLE file = INVALID_HANDLE_VALUE;
  for (unsigned attempt = 0; attempt < 100 && file == INVALID_HANDLE_VALUE; ++attempt) {
    const std::wstring suffix =
        L".kst-" + std::to_wstring(GetCurrentProcessId()) + L"-" + std::to_wstring(GetTickCount64() + attempt);
    temporary = folder / (L"." + target.filename().wstring() + suffix);
    file = CreateFileW(temporary.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (file == INVALID_HANDLE_VALUE && GetLastError() != ERROR_FILE_EXISTS) break;
  }
  if (file == INVALID_HANDLE_VALUE)
    return Fail(path, "cannot create a temporary file beside it: " + Reason(GetLastError()), error);
  bool ok = WriteAll(file, contents) && FlushFileBuffers(file);
  DWORD why = GetLastError();
  if (!CloseHandle(file) && ok) {
    ok = false;
    why = GetLastError();
  }
  if (ok && !MoveFileExW(temporary.c_str(), target.c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
    ok = false;
    why = GetLastError();
  }
  if (!ok) {
    DeleteFileW(temporary.c_str());
    return Fail(path, Reason(why), error);
  }
  return true;
}

bool SameFile(const std::string& a, const std::string& b) {
  // Both exist: the same volume and file index (another spelling, another case, `..`, a link).
  auto identify = [](const std::string& path, BY_HANDLE_FILE_INFORMATION* info) {
    const HANDLE file =
        CreateFileW(PathFromUtf8(path).c_str(), 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                    OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, nullptr);
    if (file == INVALID_HANDLE_VALUE) return false;
    const bool known = GetFileInformationByHandle(file, info) != 0;
    CloseHandle(file);
    return known;
  };
  BY_HANDLE_FILE_INFORMATION first{}, second{};
  if (identify(a, &first) && identify(b, &second))
    return first.dwVolumeSerialNumber == second.dwVolumeSerialNumber && first.nFileIndexHigh == second.nFileIndexHigh &&
           first.nFileIndexLow == second.nFileIndexLow;
  std::error_code ignored;
  const std::filesystem::path canonical_a =
      std::filesystem::weakly_canonical(std::filesystem::absolute(PathFromUtf8(a), ignored), ignored);
  const std::filesystem::path canonical_b =
      std::filesystem::weakly_canonical(std::filesystem::absolute(PathFromUtf8(b), ignored), ignored);
  // Windows file names ignore case.
  return CompareStringOrdinal(canonical_a.c_str(), -1, canonical_b.c_str(), -1, TRUE) == CSTR_EQUAL;
}

}  // namespace kst
