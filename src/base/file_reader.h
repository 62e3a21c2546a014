#pragma once
// Reading input files is a side effect; loaders take a FileReader so tests can
// hand them an in-memory file system that also records what was read.

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace kst {

class FileReader {
 public:
  virtual ~FileReader() = default;
  /// Reads the whole file; returns false with a reason in `*error`.
  virtual bool Read(const std::string& path, std::string* contents, std::string* error) = 0;
  /// True when `path` names a directory (a snapshot folder of exports).
  virtual bool IsDirectory(const std::string& path) = 0;
  /// Every entry directly inside directory `path` as "path/name", sorted by
  /// name so results never depend on the file system's order: hidden files
  /// (".name") and subdirectories included, so that a caller that does not
  /// read them can say so.
  virtual bool ListDirectory(const std::string& path, std::vector<std::string>* files, std::string* error) = 0;
  /// Where `path` really is once symbolic links and ".." are resolved (as
  /// far as it exists), as an absolute path. In memory there are no links:
  /// the path resolved lexically under a root of its own.
  virtual std::string CanonicalPath(const std::string& path);
};

/// The real disk.
class DiskFileReader : public FileReader {
 public:
  bool Read(const std::string& path, std::string* contents, std::string* error) override;
  bool IsDirectory(const std::string& path) override;
  bool ListDirectory(const std::string& path, std::vector<std::string>* files, std::string* error) override;
  std::string CanonicalPath(const std::string& path) override;
};

/// Reads each file once: the first read goes to `source`, later reads of the
/// same path are served from memory. Choosing what a file is (kst document or
/// export) and then loading it reads it once from disk, and both see the same
/// bytes even if the file changes meanwhile.
class ReadOnceFileReader : public FileReader {
 public:
  explicit ReadOnceFileReader(FileReader* source) : source_(source) {}
  bool Read(const std::string& path, std::string* contents, std::string* error) override;
  bool IsDirectory(const std::string& path) override { return source_->IsDirectory(path); }
  bool ListDirectory(const std::string& path, std::vector<std::string>* files, std::string* error) override {
    return source_->ListDirectory(path, files, error);
  }
  std::string CanonicalPath(const std::string& path) override { return source_->CanonicalPath(path); }
  /// Every path asked for, read or not, sorted: the inputs of a run, which no output may overwrite.
  std::vector<std::string> paths() const;
  /// Every file read successfully so far, in path order, with the bytes the
  /// loaders saw (what an input digest covers).
  std::vector<std::pair<std::string, const std::string*>> FilesRead() const;

 private:
  struct Outcome {
    bool ok = false;
    std::string contents_or_error;
  };
  FileReader* source_;
  std::map<std::string, Outcome> read_;
};

/// Files held in memory, for tests; remembers every path asked for.
class VirtualFileReader : public FileReader {
 public:
  void Add(const std::string& path, std::string contents) { files_[path] = std::move(contents); }
  bool Read(const std::string& path, std::string* contents, std::string* error) override;
  /// A directory is any path that is a prefix "path/" of an added file.
  bool IsDirectory(const std::string& path) override;
  bool ListDirectory(const std::string& path, std::vector<std::string>* files, std::string* error) override;
  const std::vector<std::string>& reads() const { return reads_; }

 private:
  std::map<std::string, std::string> files_;
  std::vector<std::string> reads_;
};

}  // namespace kst
