#pragma once
// Graphviz: quoting text for DOT, and turning DOT into SVG with the `dot`
// program. Running a program is a side effect, so it sits behind a small
// interface; tests hand the writers a fake that records what it was given.

#include <string>
#include <string_view>

namespace kst {

/// `text` as a DOT double-quoted string, quotes included: backslashes and
/// quotes escaped, line breaks as \n (centred lines), CRs dropped, any other
/// control character escaped as in text output (report/text_escape.h).
std::string DotQuote(std::string_view text);

class DotRenderer {
 public:
  virtual ~DotRenderer() = default;
  /// Lays out `dot` and writes it in `format` ("svg") to `*out`. Returns
  /// false with the reason in `*error` (no Graphviz, a layout error).
  virtual bool Render(std::string_view dot, const std::string& format, std::string* out, std::string* error) = 0;
};

/// Runs `dot -T<format>` (found on PATH) with the DOT on its standard input
/// and reads its standard output; no shell is involved.
class GraphvizRenderer : public DotRenderer {
 public:
  bool Render(std::string_view dot, const std::string& format, std::string* out, std::string* error) override;
};

}  // namespace kst
