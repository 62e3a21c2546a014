#pragma once
// Reading single Exchange values out of exported objects, the same way for
// CliXml, JSON and CSV: text, booleans, versions, multi-valued name lists
// and timestamps. Each reader says why it failed, for the import report.

#include <string>
#include <string_view>
#include <vector>

#include "import/exchange_object.h"
#include "model/topology.h"

namespace kst {

/// The value as one piece of text: text, a number as written, a boolean
/// ("True"/"False", as PowerShell prints it) or an object's ToString.
bool ExportText(const ExportValue& value, std::string* out);

/// A boolean, or the text True/False in any case (Export-Csv).
bool ExportBool(const ExportValue& value, bool* out);

/// An integer: a number, or text of digits.
bool ExportInteger(const ExportValue& value, int* out);

/// Text that is a whole number ("2", " 2"), as a stringified enum is.
bool IsNumericText(std::string_view text);

/// "Version 15.1 (Build 2375.7)" (Exchange's AdminDisplayVersion text) or a
/// bare "15.1.2375.7" into major and minor.
bool ParseExchangeVersion(std::string_view text, int* major, int* minor);

enum class ListSeparators {
  kNamesWithSpaces,  // ';' and ',' separate; spaces belong to the names (dial plan names)
  kTokens,           // ';', ',' and whitespace separate (domains, services)
};

/// The names of a multi-valued property: a list (items as text, or objects
/// named by their Name member or ToString), or text joined with the
/// separators. A canonical AD name ("contoso.com/Configuration/.../X")
/// gives its last segment, as ADObjectId's ToString may print that. Returns
/// false with the reason when the value holds a .NET type name (what
/// Export-Csv writes for a collection) or an item that is no name.
bool ExportNameList(const ExportValue& value, ListSeparators separators, std::vector<NamedAt>* out, std::string* why);

/// A timestamp as ISO 8601 UTC ("2018-11-24T00:32:37Z") when `text` is
/// ISO 8601 with a zone (Z or ±hh:mm; fractions dropped) or ConvertTo-Json's
/// "/Date(ms)/" of Windows PowerShell 5.1. Returns false, leaving `*utc`
/// alone, for anything else, such as Export-Csv's culture-dependent local
/// time ("11/23/2018 18:34:03"), which no UTC can be computed from.
bool NormalizeTimestamp(std::string_view text, std::string* utc);

}  // namespace kst
