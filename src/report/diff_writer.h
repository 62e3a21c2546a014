#pragma once
// kst diff's own outputs: what a change does to every server's table after a
// fresh RTCSRV start, and which findings it adds, keeps or resolves. The new
// findings alone go through the report formats (report_writer.h).

#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "check/finding.h"
#include "report/table_view.h"

namespace kst {

struct TableChange {
  std::string server;
  std::string fqdn;
  CellEntry before;
  CellEntry after;
};

/// The two sides of a diff, compared.
struct DiffResult {
  const Report* before = nullptr;
  const Report* after = nullptr;
  std::vector<TableChange> table_changes;
  Report added;                                   // the after side's report, reduced to the findings that are new
  bool adds_error = false;                        // a new finding is an error
  std::set<std::string> before_keys, after_keys;  // rule, FQDN and severity of each side's findings
};

/// Compares the two reports and the tables of the two final topologies.
DiffResult CompareReports(const Report& before, const Report& after, const ServerTables& before_tables,
                          const ServerTables& after_tables);

/// A diff format: kst diff --format NAME. Names not here are report formats,
/// which write `added`.
struct DiffFormat {
  const char* name;
  void (*write)(const DiffResult& diff, std::ostream& out);
};
const std::vector<DiffFormat>& DiffFormats();
const DiffFormat* FindDiffFormat(std::string_view name);

}  // namespace kst
