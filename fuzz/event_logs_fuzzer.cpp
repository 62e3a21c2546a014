// One event-log export in text (wevtutil /f:xml, Get-WinEvent | Export-Clixml
// or Export-Csv; UTF-8 or UTF-16), read record by record and then as KST
// events, and as a replication-status export (Get-CsManagementStoreReplicationStatus). .evtx bytes are left to
// libevtx's own fuzzing upstream. Properties: the reader fails exactly when it reports an error, every diagnostic names
// an id and a file; every record it hands on names its computer, a located
// line and column, and a provider; reading it twice gives the same records.
#include "fuzz_checks.h"
#include "fuzz_input.h"
#include "input/event_log_reader.h"
#include "input/replica_status_reader.h"
#include "model/logged_kst_event.h"

namespace {

std::vector<kst::EventRecord> ReadOnce(const std::string& bytes, bool* ok, kst::Diagnostics* diagnostics) {
  std::vector<kst::EventRecord> records;
  kst::EventLogFormat format;
  std::string encoding;
  *ok = kst::ReadEventLogBytes(
      "logs/fe01.log", bytes, [&records](kst::EventRecord&& r) { records.push_back(std::move(r)); }, &format, &encoding,
      diagnostics);
  return records;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  if (bytes.compare(0, 8, std::string("ElfFile\0", 8)) == 0) return 0;
  kst::Diagnostics diagnostics;
  bool ok = false;
  const std::vector<kst::EventRecord> records = ReadOnce(bytes, &ok, &diagnostics);
  kst::fuzz::CheckDiagnostics(ok, diagnostics);
  for (const kst::EventRecord& record : records) {
    if (record.computer.empty()) kst::fuzz::Violated("record names its computer", record.Where());
    if (!record.location.known()) kst::fuzz::Violated("record is located", record.Where());
    if (record.provider.empty()) kst::fuzz::Violated("record names its provider", record.Where());
  }
  kst::Diagnostics again;
  bool ok_again = false;
  const std::vector<kst::EventRecord> second = ReadOnce(bytes, &ok_again, &again);
  if (ok_again != ok || second.size() != records.size())
    kst::fuzz::Violated("the same records twice",
                        std::to_string(records.size()) + " then " + std::to_string(second.size()));
  const std::vector<kst::LoggedKstEvent> events =
      kst::ReadKstEvents(records, kst::LogEventModel::Embedded(), {"ex1.contoso.com", "fe01.contoso.com"},
                         kst::EventStringsReading::kPositional);
  for (const kst::LoggedKstEvent& event : events)
    if (event.unread.empty() && event.entries.empty() && event.meaning == kst::LogMeaning::kEntryAdded)
      kst::fuzz::Violated("an added entry names its FQDN", event.record->Where());
  // The same bytes as a replication-status export: it fails exactly when it reports an error, reports nothing on
  // a file it leaves to the event readers, and every replica it hands on names its computer and is located.
  kst::Diagnostics replica_diagnostics;
  std::vector<kst::ReplicaState> replicas;
  bool is_replica = false;
  const bool replicas_ok =
      kst::ReadReplicaStatusBytes("logs/replicas.json", bytes, &replicas, &is_replica, &replica_diagnostics);
  kst::fuzz::CheckDiagnostics(replicas_ok, replica_diagnostics);
  if (!is_replica && (!replica_diagnostics.all().empty() || !replicas.empty()))
    kst::fuzz::Violated("a file that is no replication-status export is left alone", "");
  for (const kst::ReplicaState& replica : replicas) {
    if (replica.fqdn.empty()) kst::fuzz::Violated("a replica names its computer", replica.location.ToString());
    if (!replica.location.known()) kst::fuzz::Violated("a replica is located", replica.fqdn);
  }
  return 0;
}
