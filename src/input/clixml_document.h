#pragma once
// PowerShell CliXml (what Export-Clixml writes: root <Objs> in the namespace
// http://schemas.microsoft.com/powershell/2004/04, MS-PSRP §2.2.5) read into
// a small tree of located values. Objects reached through <Ref RefId> are
// shared, not copied, and type-name lists reached through <TNRef> are
// resolved, so a consumer never sees a reference. Exchange exports are the
// reason this exists (exchange_export.h), but nothing here knows Exchange.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/location.h"
#include "input/xml_document.h"

namespace kst {

inline constexpr const char* kCliXmlNamespace = "http://schemas.microsoft.com/powershell/2004/04";

/// Values nested deeper than this many elements below <Objs> are refused
/// (`clixml-limit`). PowerShell serialises to depth 2 unless told otherwise,
/// and the Exchange samples nest fewer than 10 elements deep.
inline constexpr int kCliXmlMaxDepth = 100;

struct CliXmlObject;

/// What a value element holds. Numbers keep their text as written as well.
enum class CliXmlKind {
  kNull,          // <Nil/>
  kString,        // <S>, and <C> (a character, written as its UTF-16 code)
  kBoolean,       // <B>
  kSigned,        // <SB>, <I16>, <I32>, <I64>
  kUnsigned,      // <By>, <U16>, <U32>, <U64>
  kFloat,         // <Sg>, <Db>, <D>
  kDateTime,      // <DT>: text kept as written (xs:dateTime)
  kDuration,      // <TS>: text kept as written (xs:duration)
  kGuid,          // <G>
  kBytes,         // <BA>: base64, decoded
  kUri,           // <URI>
  kVersion,       // <Version>
  kXml,           // <XD>
  kScriptBlock,   // <SBK>
  kSecureString,  // <SS>: the encrypted text as written
  kObject,        // <Obj>, or a <Ref> to one
};

/// One located value. `name` is the property name (the N attribute) when the
/// value is a property or a dictionary key/value; list items have none.
struct CliXmlValue {
  CliXmlKind kind = CliXmlKind::kNull;
  std::string tag;   // the element's local name: "S", "I32", "Obj", "Ref", ...
  std::string name;  // decoded N attribute
  Location location;
  std::string path;  // "/Objs/Obj[2]/Props/S[@N='Fqdn']"
  std::string text;  // decoded text of a scalar
  bool boolean = false;
  int64_t signed_value = 0;
  uint64_t unsigned_value = 0;
  double float_value = 0;
  std::string bytes;                           // kBytes
  std::shared_ptr<const CliXmlObject> object;  // kObject; shared when reached through <Ref>
};

struct CliXmlEntry {
  CliXmlValue key;
  CliXmlValue value;
};

enum class CliXmlContainer { kNone, kList, kEnumerable, kStack, kQueue, kDictionary };

/// An <Obj>: its type names (most derived first), its ToString text, its
/// adapted properties (<Props>) and extended members (<MS>), and at most one
/// collection (<LST>, <IE>, <STK>, <QUE> or <DCT>). An enum is an object
/// with a ToString and its number as `primitive`.
struct CliXmlObject {
  std::string ref_id;  // "" when the object has no RefId
  Location location;
  std::string path;
  std::vector<std::string> type_names;
  std::optional<std::string> to_string;
  std::vector<CliXmlValue> properties;
  std::vector<CliXmlValue> members;
  CliXmlContainer container = CliXmlContainer::kNone;
  std::vector<CliXmlValue> items;    // kList, kEnumerable, kStack, kQueue
  std::vector<CliXmlEntry> entries;  // kDictionary
  std::optional<CliXmlValue> primitive;

  /// "System.Enum" is among the type names and the object has its number.
  bool IsEnum() const;
  /// The property (Props first, then MS) with this name, compared without
  /// regard to ASCII case as PowerShell does; nullptr when absent.
  const CliXmlValue* Find(std::string_view name) const;
};

/// An element the reader does not know (a tag outside MS-PSRP's list, or a
/// known tag in a place it cannot be). It is skipped, never fatal; importers
/// decide whether it matters.
struct CliXmlUnknownElement {
  Location location;
  std::string path;
  std::string tag;
};

class CliXmlDocument {
 public:
  /// Reads a parsed XML document. Returns false, with located errors, when
  /// the root is not a CliXml <Objs>, a typed value does not parse
  /// (`clixml-invalid`), a <Ref>/<TNRef> names a RefId not defined before it
  /// or an enclosing object (`clixml-reference`), or values nest deeper than
  /// kCliXmlMaxDepth (`clixml-limit`). Keeps going after an error so every
  /// problem is reported in one run.
  bool Read(const XmlDocument& xml, Diagnostics* diagnostics);

  /// The children of <Objs>, in file order.
  const std::vector<CliXmlValue>& values() const { return values_; }
  const std::vector<CliXmlUnknownElement>& unknown_elements() const { return unknown_; }
  /// How many value elements the file holds (each <Ref> counts once).
  size_t value_count() const { return value_count_; }

 private:
  class Reader;
  std::vector<CliXmlValue> values_;
  std::vector<CliXmlUnknownElement> unknown_;
  size_t value_count_ = 0;
};

}  // namespace kst
