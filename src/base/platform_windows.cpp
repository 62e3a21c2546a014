// Windows side of base/platform.h (MinGW-w64); platform_posix.cpp is the other.
#include <fcntl.h>
#include <io.h>
#include <process.h>
#include <windows.h>
// After windows.h, which they need.
#include <psapi.h>
#include <shellapi.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "base/fd_stream.h"
#include "base/interrupt.h"
#include "base/memory_budget.h"
#include "base/platform.h"

namespace kst {
namespace {

std::string Utf8FromWide(const wchar_t* text) {
  const int size = WideCharToMultiByte(CP_UTF8, 0, text, -1, nullptr, 0, nullptr, nullptr);
  if (size <= 1) return {};
  std::string out(static_cast<size_t>(size), '\0');
  WideCharToMultiByte(CP_UTF8, 0, text, -1, out.data(), size, nullptr, nullptr);
  out.pop_back();  // the terminating NUL
  return out;
}

UINT original_code_page = 0;

HANDLE StandardHandle(int fd) {
  return reinterpret_cast<HANDLE>(_get_osfhandle(fd));
}

/// Ctrl-C or Ctrl-Break in the console: the first asks kst to stop at the next
/// safe point (as SIGINT does on Linux); a second one is left to Windows'
/// default handler, which ends the process at once.
BOOL WINAPI OnConsoleControl(DWORD event) {
  if (event != CTRL_C_EVENT && event != CTRL_BREAK_EVENT) return FALSE;
  if (InterruptRequested()) return FALSE;
  SetInterruptRequested(true);
  return TRUE;
}

/// A command-line word quoted as CommandLineToArgvW and the C runtime read it back.
std::wstring QuoteArgument(const std::wstring& word) {
  if (!word.empty() && word.find_first_of(L" \t\"") == std::wstring::npos) return word;
  std::wstring out = L"\"";
  size_t backslashes = 0;
  for (const wchar_t c : word) {
    if (c == L'\\') {
      ++backslashes;
      continue;
    }
    out.append(c == L'"' ? backslashes * 2 + 1 : backslashes, L'\\');
    backslashes = 0;
    out += c;
  }
  out.append(backslashes * 2, L'\\');
  return out + L"\"";
}

HANDLE OpenForChild(const std::string& path, bool write) {
  SECURITY_ATTRIBUTES inherit{sizeof(SECURITY_ATTRIBUTES), nullptr, TRUE};
  return CreateFileW(PathFromUtf8(path).c_str(), write ? GENERIC_WRITE : GENERIC_READ,
                     FILE_SHARE_READ | FILE_SHARE_WRITE, &inherit, write ? CREATE_ALWAYS : OPEN_EXISTING,
                     FILE_ATTRIBUTE_NORMAL, nullptr);
}

}  // namespace

std::vector<std::string> PrepareProcess(int argc, char** argv) {
  ReserveStandardDescriptors();
  // Bytes as written: the reports (JSON, SARIF, ...) are the same files as on Linux, LF line ends included.
  _setmode(0, _O_BINARY);
  _setmode(1, _O_BINARY);
  _setmode(2, _O_BINARY);
  // kst writes UTF-8; a console shows it as such only in code page 65001 (names with accents, arrows). The
  // console outlives kst: its code page is put back at exit.
  if ((IsTerminal(1) || IsTerminal(2)) && GetConsoleOutputCP() != CP_UTF8) {
    original_code_page = GetConsoleOutputCP();
    SetConsoleOutputCP(CP_UTF8);
    std::atexit([] { SetConsoleOutputCP(original_code_page); });
  }
  std::vector<std::string> arguments;
  int count = 0;
  wchar_t** wide = CommandLineToArgvW(GetCommandLineW(), &count);
  if (wide == nullptr || count != argc) {
    // Cannot happen with the C runtime's own parse; the ANSI words are better than nothing.
    if (wide != nullptr) LocalFree(wide);
    return std::vector<std::string>(argv, argv + argc);
  }
  for (int i = 0; i < count; ++i) arguments.push_back(Utf8FromWide(wide[i]));
  LocalFree(wide);
  return arguments;
}

void ReserveStandardDescriptors() {
  // A process started without a standard handle (a service, `kst ... >&-` in some shells): NUL in its place, so
  // that no file kst opens later takes descriptor 0, 1 or 2; stdout read-only, so that writing to it still fails.
  for (int fd = 0; fd <= 2; ++fd) {
    if (_get_osfhandle(fd) != -1) continue;
    const int opened = _open("NUL", fd == 2 ? _O_WRONLY : _O_RDONLY);
    if (opened > fd) _close(opened);
  }
}

bool IsTerminal(int fd) {
  DWORD mode = 0;
  return GetConsoleMode(StandardHandle(fd), &mode) != 0;
}

bool TerminalTakesColour(int fd) {
  // Windows 10 and Server 2016 onwards interpret ANSI escapes once asked to; older consoles refuse, and
  // get no colour.
  const HANDLE handle = StandardHandle(fd);
  DWORD mode = 0;
  if (GetConsoleMode(handle, &mode) == 0) return false;
  if ((mode & ENABLE_VIRTUAL_TERMINAL_PROCESSING) != 0) return true;
  if (SetConsoleMode(handle, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING) == 0) return false;
  // The console outlives kst: its mode is put back at exit.
  static HANDLE console;
  static DWORD original_mode;
  console = handle;
  original_mode = mode;
  std::atexit([] { SetConsoleMode(console, original_mode); });
  return true;
}

void InstallInterruptHandler() {
  SetConsoleCtrlHandler(OnConsoleControl, TRUE);
}

uint64_t ResidentBytes() {
  // The working set is what Windows calls resident memory.
  PROCESS_MEMORY_COUNTERS counters{};
  if (!K32GetProcessMemoryInfo(GetCurrentProcess(), &counters, sizeof(counters))) return 0;
  return counters.WorkingSetSize;
}

bool CreateTemporaryFile(std::string_view stem, std::string* path, std::string* error) {
  wchar_t folder[MAX_PATH + 1];
  wchar_t name[MAX_PATH + 1];
  const std::wstring prefix = PathFromUtf8(stem).wstring();
  if (GetTempPathW(MAX_PATH + 1, folder) == 0 || GetTempFileNameW(folder, prefix.c_str(), 0, name) == 0) {
    *error = "cannot create a temporary file: Windows error " + std::to_string(GetLastError());
    return false;
  }
  *path = Utf8FromWide(name);
  return true;
}

int RunProgram(const std::string& program, const std::vector<std::string>& arguments, const std::string& input_path,
               const std::string& output_path, const std::string& errors_path, std::string* error) {
  std::wstring command_line = QuoteArgument(PathFromUtf8(program).wstring());
  for (const std::string& argument : arguments) command_line += L" " + QuoteArgument(PathFromUtf8(argument).wstring());
  STARTUPINFOW startup{};
  startup.cb = sizeof(startup);
  startup.dwFlags = STARTF_USESTDHANDLES;
  startup.hStdInput = OpenForChild(input_path, false);
  startup.hStdOutput = OpenForChild(output_path, true);
  startup.hStdError = OpenForChild(errors_path, true);
  PROCESS_INFORMATION process{};
  const bool started = startup.hStdInput != INVALID_HANDLE_VALUE && startup.hStdOutput != INVALID_HANDLE_VALUE &&
                       startup.hStdError != INVALID_HANDLE_VALUE &&
                       CreateProcessW(nullptr, command_line.data(), nullptr, nullptr, TRUE, CREATE_NO_WINDOW, nullptr,
                                      nullptr, &startup, &process);
  const DWORD why = GetLastError();
  for (HANDLE handle : {startup.hStdInput, startup.hStdOutput, startup.hStdError})
    if (handle != INVALID_HANDLE_VALUE) CloseHandle(handle);
  if (!started) {
    // Not on the PATH: in the words posix_spawnp gives on Linux, so that both say the same.
    *error = why == ERROR_FILE_NOT_FOUND || why == ERROR_PATH_NOT_FOUND ? std::string(std::strerror(ENOENT))
                                                                        : "Windows error " + std::to_string(why);
    return -1;
  }
  WaitForSingleObject(process.hProcess, INFINITE);
  DWORD status = 1;
  GetExitCodeProcess(process.hProcess, &status);
  CloseHandle(process.hThread);
  CloseHandle(process.hProcess);
  return static_cast<int>(status);
}

}  // namespace kst
