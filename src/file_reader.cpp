#include "file_reader.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

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
