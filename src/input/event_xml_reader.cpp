// `wevtutil qe LOG /f:xml` output: <Event> elements one after another with no
// root (or inside one wrapper element, /e:NAME). A scanner finds where each
// <Event> element starts and ends (tags, comments, CDATA and quoted attribute
// values, never their content), and each event is parsed on its own by
// XmlDocument, which holds it to XML 1.0; its positions are moved back to the
// file's. So memory is one event's DOM at a time and every step is linear in
// the text. Tested by event_log_reader_test.cpp.

#include <string>

#include "base/interrupt.h"
#include "input/event_log_reader.h"
#include "input/event_time.h"
#include "input/text_encoding.h"
#include "input/xml_document.h"

namespace kst {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/// Finds the ends of markup in a text, without parsing content.
class TagScanner {
 public:
  explicit TagScanner(std::string_view text) : text_(text) {}

  /// The end (one past) of the construct starting with '<' at `at`: a
  /// comment, CDATA, processing instruction or tag; npos when it never ends.
  size_t MarkupEnd(size_t at) const {
    if (Starts(at, "<!--")) return After(at + 4, "-->");
    if (Starts(at, "<![CDATA[")) return After(at + 9, "]]>");
    if (Starts(at, "<?")) return After(at + 2, "?>");
    char quote = 0;
    for (size_t i = at + 1; i < text_.size(); ++i) {
      char c = text_[i];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        return i + 1;
      }
    }
    return std::string_view::npos;
  }

  /// The end (one past) of the element whose start tag is at `at`; npos when
  /// it is never closed.
  size_t ElementEnd(size_t at) const {
    int depth = 0;
    size_t i = at;
    while (i < text_.size()) {
      if (text_[i] != '<') {
        size_t next = text_.find('<', i);
        if (next == std::string_view::npos) return next;
        i = next;
        continue;
      }
      size_t end = MarkupEnd(i);
      if (end == std::string_view::npos) return end;
      if (Starts(i, "</")) {
        --depth;
      } else if (!Starts(i, "<!") && !Starts(i, "<?") && text_[end - 2] != '/') {
        ++depth;
      }
      i = end;
      if (depth <= 0) return i;
    }
    return std::string_view::npos;
  }

  /// The name of the tag at `at` ("Event", "ev:Event", "/Events").
  std::string_view TagName(size_t at) const {
    size_t start = at + 1, end = start;
    if (end < text_.size() && text_[end] == '/') ++end;
    while (end < text_.size() && !IsSpace(text_[end]) && text_[end] != '>' && text_[end] != '/') ++end;
    return text_.substr(start, end - start);
  }

  bool Starts(size_t at, std::string_view prefix) const { return text_.substr(at, prefix.size()) == prefix; }

 private:
  size_t After(size_t from, std::string_view end) const {
    size_t found = text_.find(end, from);
    return found == std::string_view::npos ? found : found + end.size();
  }

  std::string_view text_;
};

std::string_view Local(std::string_view name) {
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

/// The text of an element: its character data and CDATA children joined.
std::string ElementText(pugi::xml_node node) {
  std::string text;
  for (pugi::xml_node child : node.children())
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) text += child.value();
  return text;
}

class EventXmlReader {
 public:
  EventXmlReader(const std::string& path, std::string_view text, const EventSink& sink, Diagnostics* diagnostics)
      : path_(path), text_(text), lines_(text), scan_(text), sink_(sink), diagnostics_(diagnostics) {}

  bool Read() {
    size_t at = 0;
    bool ok = true;
    int wrapper_depth = 0;
    Location wrapper_at;
    size_t events = 0;
    while (true) {
      while (at < text_.size() && IsSpace(text_[at])) ++at;
      if (at >= text_.size()) break;
      if (text_[at] != '<')
        return Fail(at, "text outside an <Event> element: wevtutil /f:xml writes only <Event> elements");
      if (scan_.Starts(at, "<!DOCTYPE") || (scan_.Starts(at, "<!") && !scan_.Starts(at, "<!--")))
        return Fail(at, "a document type declaration (DOCTYPE) is not allowed", "xml-doctype");
      if (scan_.Starts(at, "<!--") || scan_.Starts(at, "<?")) {
        size_t end = scan_.MarkupEnd(at);
        if (end == std::string_view::npos) return Fail(at, "malformed XML: this comment or declaration never ends");
        at = end;
        continue;
      }
      std::string_view name = scan_.TagName(at);
      size_t tag_end = scan_.MarkupEnd(at);
      if (tag_end == std::string_view::npos) return Fail(at, "malformed XML: this tag never ends");
      if (!name.empty() && name.front() == '/') {
        if (wrapper_depth == 0) return Fail(at, "malformed XML: an end tag no element opened");
        --wrapper_depth;
        at = tag_end;
        continue;
      }
      if (Local(name) != "Event") {
        if (wrapper_depth > 0 || events > 0 || text_[tag_end - 2] == '/')
          return Fail(
              at, "an element <" + std::string(name) + "> where wevtutil writes <Event>: not a wevtutil /f:xml export");
        ++wrapper_depth;
        wrapper_at = LocationAt(at);
        at = tag_end;
        continue;
      }
      size_t end = scan_.ElementEnd(at);
      if (end == std::string_view::npos)
        return Fail(at, "malformed XML: this <Event> element is never closed (is the export cut short?)");
      if ((events & 0xFF) == 0 && StopForInterrupt(LocationAt(at), diagnostics_)) return false;
      ok = ReadEvent(at, end) && ok;
      ++events;
      at = end;
    }
    if (wrapper_depth > 0) {
      diagnostics_->Error("xml-syntax", wrapper_at, "",
                          "malformed XML: this element is never closed (is the export cut short?)");
      return false;
    }
    if (events == 0) {
      diagnostics_->Error("event-log-empty", Location{path_, 1, 1}, "",
                          "no <Event> element: the export holds no event");
      return false;
    }
    return ok;
  }

 private:
  Location LocationAt(size_t offset) const {
    Location at{path_, 0, 0};
    lines_.Locate(offset, &at.line, &at.column);
    return at;
  }

  bool Fail(size_t offset, const std::string& message, const char* id = "xml-syntax") {
    diagnostics_->Error(id, LocationAt(offset), "", message);
    return false;
  }

  /// A location in the event's own text moved to the file's.
  Location Shift(Location at, const Location& base) const {
    at.file = path_;
    if (!at.known()) return base;
    if (at.line == 1) at.column += base.column - 1;
    at.line += base.line - 1;
    return at;
  }

  bool ReadEvent(size_t start, size_t end) {
    const Location base = LocationAt(start);
    Diagnostics parse;
    if (!document_.Parse(path_, std::string(text_.substr(start, end - start)), &parse)) {
      for (Diagnostic diagnostic : parse.all()) {
        diagnostic.location = Shift(diagnostic.location, base);
        diagnostics_->Add(std::move(diagnostic));
      }
      return false;
    }
    return Extract(document_.root(), base);
  }

  bool Missing(const Location& at, const std::string& what) {
    diagnostics_->Error("event-missing-field", at, "", "this event has no " + what);
    return false;
  }

  bool Extract(pugi::xml_node event, const Location& base) {
    EventRecord record;
    record.location = base;
    pugi::xml_node system = ChildNamed(event, "System");
    if (!system) return Missing(base, "<System> element");
    auto at = [&](pugi::xml_node node) { return Shift(document_.LocationOf(node), base); };
    pugi::xml_node provider = ChildNamed(system, "Provider");
    record.provider = provider.attribute("Name").value();
    if (record.provider.empty()) record.provider = provider.attribute("EventSourceName").value();
    if (record.provider.empty())
      return Missing(provider ? at(provider) : at(system), "provider (System/Provider Name)");
    pugi::xml_node id = ChildNamed(system, "EventID");
    if (!id) return Missing(at(system), "event id (System/EventID)");
    std::string id_text = ElementText(id);
    if (id_text.empty() || id_text.size() > 5 || id_text.find_first_not_of("0123456789") != std::string::npos ||
        std::stoul(id_text) > 65535) {
      diagnostics_->Error("event-invalid-value", at(id), "",
                          "the event id \"" + id_text + "\" is not a number from 0 to 65535");
      return false;
    }
    record.event_id = static_cast<uint32_t>(std::stoul(id_text));
    pugi::xml_node created = ChildNamed(system, "TimeCreated");
    if (!created || !created.attribute("SystemTime"))
      return Missing(created ? at(created) : at(system), "time (System/TimeCreated SystemTime)");
    EventTime time;
    std::string why;
    if (!ParseEventTime(created.attribute("SystemTime").value(), &time, &why)) {
      diagnostics_->Error(
          "invalid-time", at(created), "",
          "TimeCreated SystemTime \"" + std::string(created.attribute("SystemTime").value()) + "\": " + why);
      return false;
    }
    record.time = time.seconds;
    record.ticks = time.ticks;
    record.local_time = time.local_time;
    pugi::xml_node computer = ChildNamed(system, "Computer");
    record.computer = NormalizeComputerName(ElementText(computer));
    if (record.computer.empty()) return Missing(computer ? at(computer) : at(system), "computer (System/Computer)");
    std::string record_id = ElementText(ChildNamed(system, "EventRecordID"));
    if (!record_id.empty() && record_id.size() <= 19 && record_id.find_first_not_of("0123456789") == std::string::npos)
      record.record_id = std::stoull(record_id);
    record.log_name = ElementText(ChildNamed(system, "Channel"));
    ReadStrings(event, &record);
    pugi::xml_node rendering = ChildNamed(event, "RenderingInfo");
    if (rendering) record.message = ElementText(ChildNamed(rendering, "Message"));
    sink_(std::move(record));
    return true;
  }

  // EventData/Data in order; or, for events with UserData, the text of its
  // leaf elements in document order (an explicit stack: no recursion).
  static void ReadStrings(pugi::xml_node event, EventRecord* record) {
    if (pugi::xml_node data = ChildNamed(event, "EventData")) {
      for (pugi::xml_node child : data.children())
        if (child.type() == pugi::node_element && LocalName(child) == "Data")
          record->strings.push_back(ElementText(child));
      return;
    }
    pugi::xml_node user = ChildNamed(event, "UserData");
    std::vector<pugi::xml_node> stack;
    for (pugi::xml_node child = user.last_child(); child; child = child.previous_sibling()) stack.push_back(child);
    while (!stack.empty()) {
      pugi::xml_node node = stack.back();
      stack.pop_back();
      if (node.type() != pugi::node_element) continue;
      if (!node.find_child([](pugi::xml_node c) { return c.type() == pugi::node_element; })) {
        record->strings.push_back(ElementText(node));
        continue;
      }
      for (pugi::xml_node child = node.last_child(); child; child = child.previous_sibling()) stack.push_back(child);
    }
  }

  const std::string& path_;
  std::string_view text_;
  LineIndex lines_;
  TagScanner scan_;
  const EventSink& sink_;
  Diagnostics* diagnostics_;
  XmlDocument document_;
};

}  // namespace

bool ReadEventXml(const std::string& path, std::string_view text, const EventSink& sink, Diagnostics* diagnostics) {
  return EventXmlReader(path, text, sink, diagnostics).Read();
}

}  // namespace kst
