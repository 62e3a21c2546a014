#include "base/file_reader.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace kst {

bool DiskFileReader::Read(const std::string& path, std::string* contents, std::string* error) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) {
    *error = std::strerror(errno);
    return false;
  }
  if (!S_ISREG(info.st_mode)) {
    *error = "not a regular file";
    return false;
  }
  // Topologies are small; refuse anything that could only exhaust memory.
  constexpr off_t kMaxInputBytes = 256L * 1024 * 1024;
  if (info.st_size > kMaxInputBytes) {
    *error = "file is larger than 256 MiB";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = std::strerror(errno);
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *contents = buffer.str();
  return true;
}

bool DiskFileReader::IsDirectory(const std::string& path) {
  std::error_code error;
  return std::filesystem::is_directory(path, error);
}

bool DiskFileReader::ListDirectory(const std::string& path, std::vector<std::string>* files, std::string* error) {
  std::error_code code;
  std::vector<std::string> names;
  for (std::filesystem::directory_iterator it(path, code), end; !code && it != end; it.increment(code)) {
    std::string name = it->path().filename().string();
    if (!name.empty()) names.push_back(name);
  }
  if (code) {
    *error = code.message();
    return false;
  }
  std::sort(names.begin(), names.end());
  files->clear();
  for (const std::string& name : names) files->push_back((std::filesystem::path(path) / name).string());
  return true;
}

std::string FileReader::CanonicalPath(const std::string& path) {
  return (std::filesystem::path("/") / path).lexically_normal().string();
}

std::string DiskFileReader::CanonicalPath(const std::string& path) {
  std::error_code error;
  std::filesystem::path canonical = std::filesystem::weakly_canonical(path, error);
  return error ? path : canonical.string();
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
