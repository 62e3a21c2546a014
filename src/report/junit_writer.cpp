#include "report/report_writer.h"

// Placeholder until the junit format lands.
namespace kst {
namespace {
class JunitWriter : public ReportWriter {
 public:
  void Write(const Report&, std::ostream&) override {}
};
}  // namespace
std::unique_ptr<ReportWriter> MakeJunitWriter() { return std::make_unique<JunitWriter>(); }
}  // namespace kst
