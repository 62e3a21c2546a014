// Get-WinEvent | Export-Clixml: one <Obj> per EventLogRecord with the
// properties Id, ProviderName, TimeCreated, MachineName, RecordId, LogName,
// Message and Properties (a list of EventProperty objects, each with a
// Value). The CliXml reader (clixml_document.h) resolves references and
// checks the typed values; this maps the objects. Tested by
// event_log_reader_test.cpp.

#include "base/interrupt.h"
#include "input/clixml_document.h"
#include "input/event_log_reader.h"
#include "input/event_time.h"

namespace kst {
namespace {

class EventCliXmlReader {
 public:
  EventCliXmlReader(const std::string& path, const EventSink& sink, Diagnostics* diagnostics)
      : path_(path), sink_(sink), diagnostics_(diagnostics) {}

  bool Read(std::string text) {
    XmlDocument xml;
    if (!xml.Parse(path_, std::move(text), diagnostics_)) return false;
    CliXmlDocument document;
    if (!document.Read(xml, diagnostics_)) return false;
    bool ok = true;
    size_t count = 0;
    for (const CliXmlValue& value : document.values()) {
      if ((count++ & 0xFF) == 0 && StopForInterrupt(value.location, diagnostics_)) return false;
      if (value.kind != CliXmlKind::kObject || !value.object) {
        diagnostics_->Error("event-invalid-value", value.location, value.path,
                            "a <" + value.tag + "> where Get-WinEvent | Export-Clixml writes an event object <Obj>");
        ok = false;
        continue;
      }
      ok = ReadObject(*value.object) && ok;
    }
    if (document.values().empty()) {
      diagnostics_->Error("event-log-empty", Location{path_, 1, 1}, "", "the export holds no event object");
      return false;
    }
    return ok;
  }

 private:
  const CliXmlValue* Required(const CliXmlObject& object, const char* name) {
    const CliXmlValue* value = object.Find(name);
    if (value && value->kind != CliXmlKind::kNull && !value->text.empty()) return value;
    diagnostics_->Error("event-missing-field", value ? value->location : object.location, object.path,
                        std::string("this event object has no ") + name);
    return nullptr;
  }

  bool ReadObject(const CliXmlObject& object) {
    EventRecord record;
    record.location = object.location;
    const CliXmlValue* id = Required(object, "Id");
    const CliXmlValue* provider = Required(object, "ProviderName");
    const CliXmlValue* created = Required(object, "TimeCreated");
    const CliXmlValue* machine = Required(object, "MachineName");
    if (!id || !provider || !created || !machine) return false;
    bool numeric = id->kind == CliXmlKind::kSigned || id->kind == CliXmlKind::kUnsigned;
    int64_t number = id->kind == CliXmlKind::kSigned ? id->signed_value : static_cast<int64_t>(id->unsigned_value);
    if (!numeric || number < 0 || number > 65535 || (id->kind == CliXmlKind::kUnsigned && id->unsigned_value > 65535)) {
      diagnostics_->Error("event-invalid-value", id->location, id->path,
                          "the event id \"" + id->text + "\" is not a number from 0 to 65535");
      return false;
    }
    record.event_id = static_cast<uint32_t>(number);
    record.provider = provider->text;
    EventTime time;
    std::string why;
    if (!ParseEventTime(created->text, &time, &why)) {
      diagnostics_->Error("invalid-time", created->location, created->path,
                          "TimeCreated \"" + created->text + "\": " + why);
      return false;
    }
    record.time = time.seconds;
    record.ticks = time.ticks;
    record.local_time = time.local_time;
    record.computer = NormalizeComputerName(machine->text);
    if (const CliXmlValue* rid = object.Find("RecordId");
        rid && rid->kind == CliXmlKind::kSigned && rid->signed_value > 0)
      record.record_id = static_cast<uint64_t>(rid->signed_value);
    else if (rid && rid->kind == CliXmlKind::kUnsigned)
      record.record_id = rid->unsigned_value;
    if (const CliXmlValue* log = object.Find("LogName")) record.log_name = log->text;
    if (const CliXmlValue* message = object.Find("Message")) record.message = message->text;
    if (const CliXmlValue* properties = object.Find("Properties"); properties && properties->object) {
      for (const CliXmlValue& item : properties->object->items) {
        const CliXmlValue* value = item.object ? item.object->Find("Value") : &item;
        record.strings.push_back(value ? value->text : "");
      }
    }
    sink_(std::move(record));
    return true;
  }

  const std::string& path_;
  const EventSink& sink_;
  Diagnostics* diagnostics_;
};

}  // namespace

bool ReadEventCliXml(const std::string& path, std::string text, const EventSink& sink, Diagnostics* diagnostics) {
  return EventCliXmlReader(path, sink, diagnostics).Read(std::move(text));
}

}  // namespace kst
