#pragma once
// Joins strings with a separator: the one helper for lists in messages and reports.

#include <string>
#include <vector>

namespace kst {

/// `last` goes before the last item ("a, b or c"); by default it is `separator`.
inline std::string JoinStrings(const std::vector<std::string>& items, const std::string& separator = ", ",
                               const std::string& last = "") {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i)
    out += (i == 0 ? "" : i + 1 == items.size() && !last.empty() ? last : separator) + items[i];
  return out;
}

}  // namespace kst
