#include "report/runbook_writer.h"

namespace kst {

const std::vector<RunbookFormat>& RunbookFormats() {
  static const std::vector<RunbookFormat> formats = {
      {"text", WriteRunbookText},
      {"markdown", WriteRunbookMarkdown},
      {"json", WriteRunbookJson},
      {"html", WriteRunbookHtml},
  };
  return formats;
}

const RunbookFormat* FindRunbookFormat(std::string_view name) {
  for (const RunbookFormat& format : RunbookFormats())
    if (name == format.name) return &format;
  return nullptr;
}

std::vector<std::string> RunbookFormatNames() {
  std::vector<std::string> names;
  for (const RunbookFormat& format : RunbookFormats()) names.emplace_back(format.name);
  return names;
}

}  // namespace kst
