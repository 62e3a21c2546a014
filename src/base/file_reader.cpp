#include "base/file_reader.h"

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/platform.h"

namespace kst {
namespace {

/// `folder` and `name` with the folder's own separator: snapshot/topology.xml for "snapshot" (on Windows
/// too, which takes both), C:\snapshot\topology.xml for "C:\snapshot" on Windows; never a mix of the two.
std::string JoinPath(const std::string& folder, const std::string& name) {
  if (folder.empty()) return name;
  const bool windows = std::filesystem::path::preferred_separator == '\\';
  if (folder.back() == '/' || (windows && folder.back() == '\\')) return folder + name;
  return folder + (windows && folder.find('\\') != std::string::npos ? '\\' : '/') + name;
}

}  // namespace

// std::filesystem rather than stat(2), and UTF-8 paths converted (PathFromUtf8): the same code reads a
// non-ASCII file name on Linux and on Windows; the error texts are the C library's strerror on both.
bool DiskFileReader::Read(const std::string& path, std::string* contents, std::string* error) {
  const std::filesystem::path file = PathFromUtf8(path);
  std::error_code code;
  const std::filesystem::file_status status = std::filesystem::status(file, code);
  if (code) {
    *error = code.message();
    return false;
  }
  if (!std::filesystem::is_regular_file(status)) {
    *error = "not a regular file";
    return false;
  }
  // Topologies are small; refuse anything that could only exhaust memory.
  constexpr uintmax_t kMaxInputBytes = 256ULL * 1024 * 1024;
  const uintmax_t size = std::filesystem::file_size(file, code);
  if (code) {
    *error = code.message();
    return false;
  }
  if (size > kMaxInputBytes) {
    *error = "file is larger than 256 MiB";
    return false;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    *error = std::generic_category().message(errno);
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *contents = buffer.str();
  return true;
}

bool DiskFileReader::IsDirectory(const std::string& path) {
  std::error_code error;
  return std::filesystem::is_directory(PathFromUtf8(path), error);
}

bool DiskFileReader::ListDirectory(const std::string& path, std::vector<std::string>* files, std::string* error) {
  std::error_code code;
  std::vector<std::string> names;
  for (std::filesystem::directory_iterator it(PathFromUtf8(path), code), end; !code && it != end; it.increment(code)) {
    std::string name = Utf8FromPath(it->path().filename());
    if (!name.empty()) names.push_back(name);
  }
  if (code) {
    *error = code.message();
    return false;
  }
  std::sort(names.begin(), names.end());
  files->clear();
  for (const std::string& name : names) files->push_back(JoinPath(path, name));
  return true;
}

std::string FileReader::CanonicalPath(const std::string& path) {
  return (std::filesystem::path("/") / path).lexically_normal().string();
}

std::string DiskFileReader::CanonicalPath(const std::string& path) {
  std::error_code error;
  std::filesystem::path canonical = std::filesystem::weakly_canonical(PathFromUtf8(path), error);
  return error ? path : Utf8FromPath(canonical);
}

bool VirtualFileReader::IsDirectory(const std::string& path) {
  std::string prefix = path + "/";
  return std::any_of(files_.begin(), files_.end(), [&](const auto& file) { return file.first.rfind(prefix, 0) == 0; });
}

bool VirtualFileReader::ListDirectory(const std::string& path, std::vector<std::string>* files, std::string* error) {
  std::string prefix = path + "/";
  files->clear();
  for (const auto& [name, contents] : files_) {  // std::map: already sorted
    if (name.rfind(prefix, 0) != 0) continue;
    std::string rest = name.substr(prefix.size());
    if (rest.empty()) continue;
    // A file further down names a subdirectory: listed once, in name order.
    std::string entry = prefix + rest.substr(0, rest.find('/'));
    if (files->empty() || files->back() != entry) files->push_back(entry);
  }
  std::sort(files->begin(), files->end());
  if (files->empty() && !IsDirectory(path)) {
    *error = "No such file or directory";
    return false;
  }
  return true;
}

bool ReadOnceFileReader::Read(const std::string& path, std::string* contents, std::string* error) {
  auto it = read_.find(path);
  if (it == read_.end()) {
    Outcome outcome;
    std::string text, why;
    outcome.ok = source_->Read(path, &text, &why);
    outcome.contents_or_error = outcome.ok ? std::move(text) : std::move(why);
    it = read_.emplace(path, std::move(outcome)).first;
  }
  *(it->second.ok ? contents : error) = it->second.contents_or_error;
  return it->second.ok;
}

std::vector<std::string> ReadOnceFileReader::paths() const {
  std::vector<std::string> out;
  for (const auto& [path, outcome] : read_) out.push_back(path);
  return out;
}

std::vector<std::pair<std::string, const std::string*>> ReadOnceFileReader::FilesRead() const {
  std::vector<std::pair<std::string, const std::string*>> files;
  for (const auto& [path, outcome] : read_)
    if (outcome.ok) files.emplace_back(path, &outcome.contents_or_error);
  return files;
}

bool VirtualFileReader::Read(const std::string& path, std::string* contents, std::string* error) {
  reads_.push_back(path);
  auto it = files_.find(path);
  if (it == files_.end()) {
    *error = "No such file or directory";
    return false;
  }
  *contents = it->second;
  return true;
}

}  // namespace kst
