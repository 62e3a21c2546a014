#pragma once
// What Linux and Windows do differently, behind one interface: platform_posix.cpp or
// platform_windows.cpp (src/base/CMakeLists.txt builds the one for the target), so
// that no other file needs an #ifdef. ReserveStandardDescriptors (fd_stream.h),
// ResidentBytes (memory_budget.h) and InstallInterruptHandler (interrupt.h) are
// implemented there too.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kst {

/// At the start of main: the command line as UTF-8 (Windows passes it in the
/// ANSI code page, where a non-ASCII file name is lost; it is re-read as
/// UTF-16 and converted), the standard streams made to carry bytes as they are
/// written (Windows: binary mode, no LF to CRLF; UTF-8 output to a console),
/// and a write to a closed pipe made an error, not a signal (POSIX: SIGPIPE).
std::vector<std::string> PrepareProcess(int argc, char** argv);

/// True when `fd` (0, 1, 2) is an interactive terminal or console; false for
/// files, pipes and Windows' NUL device (which _isatty calls a terminal).
bool IsTerminal(int fd);

/// True when `fd` is a terminal that interprets ANSI colour escapes (on
/// Windows, a console where virtual-terminal processing could be switched on).
bool TerminalTakesColour(int fd);

/// A UTF-8 path as the file system API takes it (UTF-16 on Windows).
inline std::filesystem::path PathFromUtf8(std::string_view utf8) {
  return std::filesystem::path(std::u8string(utf8.begin(), utf8.end()));
}

/// A path as kst prints and passes it on: UTF-8.
inline std::string Utf8FromPath(const std::filesystem::path& path) {
  const std::u8string text = path.u8string();
  return std::string(text.begin(), text.end());
}

/// `path` with "." and ".." taken out, as a UTF-8 string. On Windows a path that starts with two separators
/// (a UNC share \\server\share\..., or \\?\C:\...) keeps them: libstdc++ 12's lexically_normal does not
/// know those roots and would leave one.
inline std::string NormalPath(const std::filesystem::path& path) {
  const std::string text = Utf8FromPath(path);
  std::string normal = Utf8FromPath(path.lexically_normal());
  const auto separator = [](char c) { return c == '/' || c == '\\'; };
  const bool double_root =
      std::filesystem::path::preferred_separator == '\\' && text.size() > 2 && separator(text[0]) && separator(text[1]);
  if (double_root && !(normal.size() > 1 && separator(normal[0]) && separator(normal[1]))) normal.insert(0, 1, '\\');
  return normal;
}

/// Creates an empty file in the temporary folder ($TMPDIR or /tmp; Windows'
/// GetTempPath) whose name starts with `stem`; false with `*error`.
bool CreateTemporaryFile(std::string_view stem, std::string* path, std::string* error);

/// Runs `program` (found on the PATH) with `arguments`, its standard input
/// read from `input_path` and its output and errors written to the two
/// files, and waits for it. Returns its exit status; -1 with `*error` when it
/// could not be started, 127 when it is not installed.
int RunProgram(const std::string& program, const std::vector<std::string>& arguments, const std::string& input_path,
               const std::string& output_path, const std::string& errors_path, std::string* error);

}  // namespace kst
