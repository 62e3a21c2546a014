#include "report/report_writer.h"

// Placeholder until the github format lands.
namespace kst {
namespace {
class GithubWriter : public ReportWriter {
 public:
  void Write(const Report&, std::ostream&) override {}
};
}  // namespace
std::unique_ptr<ReportWriter> MakeGithubWriter() { return std::make_unique<GithubWriter>(); }
}  // namespace kst
