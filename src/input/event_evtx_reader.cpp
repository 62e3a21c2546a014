// .evtx files through libevtx (Debian libevtx-dev). The format is binary XML
// in 64 KiB chunks with per-chunk string and template tables, substitution
// arrays, checksums and records that may be torn; libevtx reads all of it,
// recovers what it can and is fuzzed upstream, which a reader of our own
// would have to earn. kst opens the file from memory (a libbfio memory range)
// so the bytes are the ones the FileReader read, and asks libevtx only for
// the fields of EventRecord.
//
// libevtx does not say where a record is in the file, so the record headers
// are walked here (file header 4 KiB, chunks of 64 KiB with records from
// byte 512 of each: "**\0\0", size, record id, written time) to name a
// damaged record's byte offset. A record libevtx cannot read, or one whose
// computer, provider or time is missing or not a time, is an error located
// by record number and offset.

#include <libevtx.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <unordered_map>

#include "base/interrupt.h"
#include "input/event_log_reader.h"
#include "input/event_time.h"

namespace kst {
namespace {

constexpr size_t kFileHeaderBytes = 4096;
constexpr size_t kChunkBytes = 65536;
constexpr size_t kChunkHeaderBytes = 512;
constexpr size_t kRecordHeaderBytes = 24;
constexpr int kMaxRecordErrors = 20;

uint32_t Le32(std::string_view bytes, size_t at) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
  return v;
}
uint64_t Le64(std::string_view bytes, size_t at) {
  return (static_cast<uint64_t>(Le32(bytes, at + 4)) << 32) | Le32(bytes, at);
}

/// Record id -> byte offset of its header, for messages.
std::unordered_map<uint64_t, size_t> RecordOffsets(std::string_view bytes) {
  std::unordered_map<uint64_t, size_t> offsets;
  for (size_t chunk = kFileHeaderBytes; chunk + kChunkHeaderBytes <= bytes.size(); chunk += kChunkBytes) {
    if (bytes.compare(chunk, 8, std::string_view("ElfChnk\0", 8)) != 0) continue;
    const size_t end = std::min(chunk + kChunkBytes, bytes.size());
    size_t at = chunk + kChunkHeaderBytes;
    while (at + kRecordHeaderBytes <= end && bytes.compare(at, 4, std::string_view("**\0\0", 4)) == 0) {
      const uint32_t size = Le32(bytes, at + 4);
      if (size < kRecordHeaderBytes + 4 || size > end - at) break;
      offsets.emplace(Le64(bytes, at + 8), at);
      at += size;
    }
  }
  return offsets;
}

/// The innermost line of a libevtx error backtrace: the cause.
std::string ErrorText(libevtx_error_t** error) {
  if (!error || !*error) return "libevtx gave no reason";
  char text[4096] = {0};
  libevtx_error_backtrace_sprint(*error, text, sizeof text);
  libevtx_error_free(error);
  std::string all(text);
  while (!all.empty() && (all.back() == '\n' || all.back() == '\r' || all.back() == ' ')) all.pop_back();
  size_t last = all.rfind('\n');
  std::string cause = last == std::string::npos ? all : all.substr(last + 1);
  return cause.empty() ? "libevtx gave no reason" : cause;
}

struct FileCloser {
  void operator()(libevtx_file_t* file) const {
    libevtx_file_close(file, nullptr);
    libevtx_file_free(&file, nullptr);
  }
};
struct HandleCloser {
  void operator()(libbfio_handle_t* handle) const { libbfio_handle_free(&handle, nullptr); }
};
struct RecordFree {
  void operator()(libevtx_record_t* record) const { libevtx_record_free(&record, nullptr); }
};
using RecordPtr = std::unique_ptr<libevtx_record_t, RecordFree>;

/// A UTF-8 string field of a record; false when absent or unreadable.
template <typename SizeFn, typename GetFn>
bool Utf8Field(libevtx_record_t* record, SizeFn size_fn, GetFn get_fn, std::string* out) {
  size_t size = 0;
  if (size_fn(record, &size, nullptr) != 1 || size == 0) return false;
  std::string value(size, '\0');
  if (get_fn(record, reinterpret_cast<uint8_t*>(value.data()), size, nullptr) != 1) return false;
  value.resize(std::strlen(value.c_str()));
  *out = std::move(value);
  return true;
}

class EvtxReader {
 public:
  EvtxReader(const std::string& path, std::string_view bytes, const EventSink& sink, Diagnostics* diagnostics)
      : path_(path), bytes_(bytes), sink_(sink), diagnostics_(diagnostics) {}

  bool Read() {
    if (!WholeFile()) return false;
    libevtx_error_t* error = nullptr;
    // libbfio keeps the pointer it is given and never writes through a read-only handle.
    copy_.assign(bytes_.begin(), bytes_.end());
    libbfio_handle_t* raw_handle = nullptr;
    if (libbfio_memory_range_initialize(&raw_handle, nullptr) != 1 ||
        libbfio_memory_range_set(raw_handle, copy_.data(), copy_.size(), nullptr) != 1) {
      return FileError("libbfio could not hold the file in memory");
    }
    std::unique_ptr<libbfio_handle_t, HandleCloser> handle(raw_handle);
    libevtx_file_t* raw_file = nullptr;
    if (libevtx_file_initialize(&raw_file, &error) != 1) return FileError(ErrorText(&error));
    if (libevtx_file_open_file_io_handle(raw_file, handle.get(), LIBEVTX_OPEN_READ, &error) != 1) {
      libevtx_file_free(&raw_file, nullptr);
      return FileError("not a readable .evtx file: " + ErrorText(&error));
    }
    std::unique_ptr<libevtx_file_t, FileCloser> file(raw_file);
    int count = 0;
    if (libevtx_file_get_number_of_records(file.get(), &count, &error) != 1)
      return FileError("cannot count the records: " + ErrorText(&error));
    if (count == 0) {
      diagnostics_->Error("event-log-empty", Location{path_, 0, 0}, "",
                          "the file holds no event record (a cleared log, or not the log that was meant)");
      return false;
    }
    offsets_ = RecordOffsets(bytes_);
    bool ok = true;
    for (int index = 0; index < count; ++index) {
      if ((index & 0xFF) == 0 && StopForInterrupt(Location{path_, 0, 0}, diagnostics_)) return false;
      ok = ReadRecord(file.get(), index) && ok;
    }
    if (errors_ > kMaxRecordErrors) {
      diagnostics_->Error("evtx-record", Location{path_, 0, 0}, "",
                          std::to_string(errors_ - kMaxRecordErrors) + " more damaged records not listed");
    }
    Notes(file.get(), count);
    return ok;
  }

 private:
  // The file header's chunk count against the file's size: libevtx reads a
  // cut file's remaining records without saying that some are missing.
  bool WholeFile() {
    if (bytes_.size() < kFileHeaderBytes) {
      diagnostics_->Error("evtx-truncated", Location{path_, 0, 0}, "",
                          "the file is cut short at byte offset " + std::to_string(bytes_.size()) +
                              ": an .evtx file starts with a 4096-byte header");
      return false;
    }
    const uint32_t chunks = Le32(bytes_, 42) & 0xFFFF;
    const size_t expected = kFileHeaderBytes + static_cast<size_t>(chunks) * kChunkBytes;
    if (bytes_.size() >= expected) return true;
    char offset[32];
    std::snprintf(offset, sizeof offset, "0x%zx", bytes_.size());
    diagnostics_->Error("evtx-truncated", Location{path_, 0, 0}, "",
                        "the file is cut short at byte offset " + std::string(offset) + ": its header declares " +
                            std::to_string(chunks) + " chunks (" + std::to_string(expected) +
                            " bytes), so the records past that offset are missing (copy the log again, or export "
                            "it with wevtutil epl)");
    return false;
  }

  bool FileError(const std::string& message) {
    diagnostics_->Error("evtx-unreadable", Location{path_, 0, 0}, "", message);
    return false;
  }

  std::string Position(int index, uint64_t record_id) const {
    std::string text = "record " + std::to_string(index + 1);
    if (record_id != 0) text += " (record id " + std::to_string(record_id) + ")";
    auto found = offsets_.find(record_id);
    if (record_id != 0 && found != offsets_.end()) {
      char offset[32];
      std::snprintf(offset, sizeof offset, "0x%zx", found->second);
      text += " at byte offset " + std::string(offset);
    }
    return text;
  }

  bool RecordError(int index, uint64_t record_id, const std::string& message) {
    if (++errors_ <= kMaxRecordErrors)
      diagnostics_->Error("evtx-record", Location{path_, 0, 0}, "", Position(index, record_id) + ": " + message);
    return false;
  }

  bool ReadRecord(libevtx_file_t* file, int index) {
    libevtx_error_t* error = nullptr;
    libevtx_record_t* raw = nullptr;
    if (libevtx_file_get_record_by_index(file, index, &raw, &error) != 1)
      return RecordError(index, 0, "libevtx cannot read it: " + ErrorText(&error));
    RecordPtr record(raw);
    EventRecord out;
    out.location = Location{path_, 0, 0};
    libevtx_record_get_identifier(record.get(), &out.record_id, nullptr);
    out.position = Position(index, out.record_id);
    uint64_t filetime = 0;
    EventTime time;
    if (libevtx_record_get_written_time(record.get(), &filetime, nullptr) != 1 ||
        !EventTimeFromFileTime(filetime, &time))
      return RecordError(
          index, out.record_id,
          "its written time (" + std::to_string(filetime) + ") is no time a server logged: the record is damaged");
    out.time = time.seconds;
    out.ticks = time.ticks;
    uint32_t event_id = 0;
    if (libevtx_record_get_event_identifier(record.get(), &event_id, nullptr) != 1)
      return RecordError(index, out.record_id, "it has no event id");
    out.event_id = event_id & 0xFFFF;
    if (!Utf8Field(record.get(), libevtx_record_get_utf8_source_name_size, libevtx_record_get_utf8_source_name,
                   &out.provider) ||
        out.provider.empty())
      return RecordError(index, out.record_id, "it names no provider (System/Provider Name)");
    std::string computer;
    if (!Utf8Field(record.get(), libevtx_record_get_utf8_computer_name_size, libevtx_record_get_utf8_computer_name,
                   &computer) ||
        NormalizeComputerName(computer).empty())
      return RecordError(index, out.record_id, "it names no computer (System/Computer)");
    out.computer = NormalizeComputerName(computer);
    int strings = 0;
    if (libevtx_record_get_number_of_strings(record.get(), &strings, nullptr) != 1) strings = 0;
    for (int s = 0; s < strings; ++s) {
      size_t size = 0;
      std::string value;
      if (libevtx_record_get_utf8_string_size(record.get(), s, &size, nullptr) == 1 && size > 0) {
        value.assign(size, '\0');
        if (libevtx_record_get_utf8_string(record.get(), s, reinterpret_cast<uint8_t*>(value.data()), size, nullptr) !=
            1)
          return RecordError(index, out.record_id, "its insertion string " + std::to_string(s + 1) + " cannot be read");
        value.resize(std::strlen(value.c_str()));
      }
      out.strings.push_back(std::move(value));
    }
    sink_(std::move(out));
    return true;
  }

  void Notes(libevtx_file_t* file, int count) {
    int recovered = 0;
    if (libevtx_file_get_number_of_recovered_records(file, &recovered, nullptr) == 1 && recovered > 0) {
      diagnostics_->Note("evtx-recovered", Location{path_, 0, 0}, "",
                         std::to_string(recovered) +
                             " records found in the file's free space (deleted or overwritten) were not read; the " +
                             std::to_string(count) + " current records were");
    }
    if (libevtx_file_is_corrupted(file, nullptr) == 1) {
      diagnostics_->Warning("evtx-damaged", Location{path_, 0, 0}, "",
                            "libevtx marks the file as corrupted (a chunk failed its checksum): records may be "
                            "missing, so what kst concludes from this log is inconclusive");
    }
  }

  const std::string& path_;
  std::string_view bytes_;
  const EventSink& sink_;
  Diagnostics* diagnostics_;
  std::vector<uint8_t> copy_;
  std::unordered_map<uint64_t, size_t> offsets_;
  int errors_ = 0;
};

}  // namespace

bool ReadEvtx(const std::string& path, std::string_view bytes, const EventSink& sink, Diagnostics* diagnostics) {
  return EvtxReader(path, bytes, sink, diagnostics).Read();
}

}  // namespace kst
