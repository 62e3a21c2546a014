#include "report/graphviz.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "base/platform.h"
#include "report/text_escape.h"

namespace kst {
namespace {

/// A temporary file that is removed when it goes out of scope.
class TempFile {
 public:
  TempFile() { ok_ = CreateTemporaryFile("kst-dot", &path_, &error_); }
  ~TempFile() {
    std::error_code ignored;
    if (ok_) std::filesystem::remove(PathFromUtf8(path_), ignored);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  bool ok() const { return ok_; }
  const std::string& path() const { return path_; }
  const std::string& error() const { return error_; }

 private:
  std::string path_, error_;
  bool ok_ = false;
};

std::string ReadAll(const std::string& path) {
  std::ifstream in(PathFromUtf8(path), std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::string DotQuote(std::string_view text) {
  // The label's own line breaks stay line breaks (\n in dot); every other
  // control character, of a value or not, is escaped as in text output.
  std::string lines;
  for (size_t start = 0; start <= text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    std::erase(line, '\r');  // a CR of a CRLF line end, as before
    lines += (start == 0 ? "" : "\n") + EscapeText(line);
    start = end + 1;
  }
  std::string out = "\"";
  for (char c : lines) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

bool GraphvizRenderer::Render(std::string_view dot, const std::string& format, std::string* out, std::string* error) {
  TempFile input, output, messages;
  for (const TempFile* file : {&input, &output, &messages}) {
    if (!file->ok()) {
      *error = file->error();
      return false;
    }
  }
  {
    std::ofstream file(PathFromUtf8(input.path()), std::ios::binary);
    file << dot;
    if (!file) {
      *error = "cannot write " + input.path();
      return false;
    }
  }
  const std::string type = "-T" + format;
  std::string why;
  const int status = RunProgram("dot", {type}, input.path(), output.path(), messages.path(), &why);
  if (status < 0) {
    *error = "cannot run Graphviz `dot` (install the graphviz package): " + why;
    return false;
  }
  if (status != 0) {
    std::string text = ReadAll(messages.path());
    *error = "Graphviz `dot -" + type.substr(1) + "` failed" + (text.empty() ? std::string() : ": " + text);
    if (status == 127) *error = "Graphviz `dot` is not installed";
    return false;
  }
  *out = ReadAll(output.path());
  return true;
}

}  // namespace kst
