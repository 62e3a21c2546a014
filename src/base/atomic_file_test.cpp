// WriteFileAtomically: a whole new file or the old one, never a mix; the mode,
// symbolic links and devices; a failed write leaves the target and no
// temporary file. SameFile: spellings, links, files that do not exist yet.

#include "base/atomic_file.h"

#include <doctest/doctest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace kst {
namespace {

namespace fs = std::filesystem;

/// A fresh folder, removed with everything in it at the end of the test.
class TempFolder {
 public:
  TempFolder() {
    std::string name = (fs::temp_directory_path() / "kst-atomic-XXXXXX").string();
    REQUIRE(mkdtemp(name.data()) != nullptr);
    path_ = name;
  }
  ~TempFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }
  size_t Entries() const { return static_cast<size_t>(std::distance(fs::directory_iterator(path_), {})); }

 private:
  fs::path path_;
};

std::string Contents(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void Write(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

mode_t Mode(const std::string& path) {
  struct stat info {};
  REQUIRE(stat(path.c_str(), &info) == 0);
  return info.st_mode & 07777;
}

TEST_CASE("WriteFileAtomically") {
  TempFolder folder;
  std::string error;
  SUBCASE("Given a new path, we should create the file with the umask's mode, and nothing else") {
    const mode_t mask = umask(022);
    REQUIRE(WriteFileAtomically(folder / "new.sarif", "{}\n", &error));
    umask(mask);
    CHECK(Contents(folder / "new.sarif") == "{}\n");
    CHECK(Mode(folder / "new.sarif") == 0644);
    CHECK(folder.Entries() == 1);
  }
  SUBCASE("Given an existing file, we should replace it by a rename: a hard link keeps the old contents") {
    Write(folder / "report.sarif", "old contents, longer than the new");
    REQUIRE(link((folder / "report.sarif").c_str(), (folder / "kept").c_str()) == 0);
    REQUIRE(chmod((folder / "report.sarif").c_str(), 0640) == 0);
    REQUIRE(WriteFileAtomically(folder / "report.sarif", "new", &error));
    CHECK(Contents(folder / "report.sarif") == "new");
    CHECK(Contents(folder / "kept") == "old contents, longer than the new");  // written in place, both would change
    CHECK(Mode(folder / "report.sarif") == 0640);
    CHECK(folder.Entries() == 2);
  }
  SUBCASE("Given a symbolic link, we should replace the file it points to and keep the link") {
    Write(folder / "real.xml", "old");
    fs::create_symlink(folder / "real.xml", folder / "link.xml");
    REQUIRE(WriteFileAtomically(folder / "link.xml", "new", &error));
    CHECK(fs::is_symlink(folder / "link.xml"));
    CHECK(Contents(folder / "real.xml") == "new");
  }
  SUBCASE("Given a write that fails (a file size limit), we should leave the old file and no temporary file") {
    Write(folder / "report.sarif", "old");
    void (*previous)(int) = std::signal(SIGXFSZ, SIG_IGN);
    rlimit saved{};
    REQUIRE(getrlimit(RLIMIT_FSIZE, &saved) == 0);
    rlimit small = saved;
    small.rlim_cur = 1024;
    REQUIRE(setrlimit(RLIMIT_FSIZE, &small) == 0);
    const bool written = WriteFileAtomically(folder / "report.sarif", std::string(4096, 'x'), &error);
    setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, previous);
    CHECK_FALSE(written);
    CHECK(error.rfind("cannot write " + (folder / "report.sarif") + ": ", 0) == 0);
    CHECK(Contents(folder / "report.sarif") == "old");
    CHECK(folder.Entries() == 1);
  }
  SUBCASE("Given a folder that does not exist, we should fail and say where") {
    CHECK_FALSE(WriteFileAtomically(folder / "missing/report.sarif", "x", &error));
    CHECK(error.find("missing/report.sarif") != std::string::npos);
  }
  SUBCASE("Given a directory, we should refuse it") {
    fs::create_directory(folder / "dir");
    CHECK_FALSE(WriteFileAtomically(folder / "dir", "x", &error));
    CHECK(error.find("it is a directory") != std::string::npos);
  }
  SUBCASE("Given a device, we should write in place and check the writes") {
    CHECK(WriteFileAtomically("/dev/null", "x", &error));
    if (access("/dev/full", W_OK) == 0) {
      CHECK_FALSE(WriteFileAtomically("/dev/full", "x", &error));
      CHECK(error == "cannot write /dev/full: No space left on device");
    }
  }
}

TEST_CASE("SameFile") {
  TempFolder folder;
  Write(folder / "a.json", "{}");
  Write(folder / "b.json", "{}");
  CHECK(SameFile(folder / "a.json", folder / "a.json"));
  fs::create_directory(folder / "sub");
  CHECK(SameFile(folder / "a.json", folder / "sub/../a.json"));
  CHECK_FALSE(SameFile(folder / "a.json", folder / "b.json"));
  fs::create_symlink(folder / "a.json", folder / "link.json");
  CHECK(SameFile(folder / "link.json", folder / "a.json"));
  REQUIRE(link((folder / "a.json").c_str(), (folder / "hard.json").c_str()) == 0);
  CHECK(SameFile(folder / "hard.json", folder / "a.json"));
  CHECK(SameFile(folder / "new.sarif", folder / "sub/../new.sarif"));  // neither exists yet
  CHECK_FALSE(SameFile(folder / "new.sarif", folder / "a.json"));
}

}  // namespace
}  // namespace kst
