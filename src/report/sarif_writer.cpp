#include "report/report_writer.h"

// Placeholder until the sarif format lands.
namespace kst {
namespace {
class SarifWriter : public ReportWriter {
 public:
  void Write(const Report&, std::ostream&) override {}
};
}  // namespace
std::unique_ptr<ReportWriter> MakeSarifWriter() { return std::make_unique<SarifWriter>(); }
}  // namespace kst
