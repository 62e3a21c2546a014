#pragma once
// Writing an output file so that nobody ever sees half of it: the contents go
// to a temporary file in the target's folder, which is renamed over the
// target once every byte is written and synced. A reader (or a SARIF upload)
// sees the old file or the new one, never a mix; two runs writing the same
// path each rename a whole file (the last one wins); a write that fails (a
// full disk, a read-only folder, a file size limit) leaves the target as it
// was and removes the temporary file. Every output file of kst goes through
// here: --output, --trace-out, kst import -o, kst export -o.

#include <string>
#include <string_view>

namespace kst {

/// Writes `contents` to `path` as above. The new file keeps the mode of the
/// file it replaces (a new one gets 0666 less the umask); a symbolic link is
/// followed, so the file it points to is replaced and the link stays. A target
/// that exists and is not a regular file (/dev/null, a FIFO), or any path
/// under /dev/ or /proc/ (/dev/stdout names a descriptor, not a file to
/// replace), is written in place, every write checked.
/// Returns false with `*error` ("cannot write PATH: reason").
bool WriteFileAtomically(const std::string& path, std::string_view contents, std::string* error);

/// True when `a` and `b` name the same file: when both exist, the same device
/// and inode (another spelling, `..`, a symbolic link or a hard link);
/// otherwise the same path once symbolic links and `..` are resolved as far
/// as it exists.
bool SameFile(const std::string& a, const std::string& b);

}  // namespace kst
