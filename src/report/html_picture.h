#pragma once
// The pictures of the HTML report: DOT drawn by Graphviz into SVG that sits
// inside the page (report/html_escape.h InlineSvg), never a link to a file.
// A picture that cannot be drawn (no Graphviz, a layout error) becomes a note
// in its place that says why: the report is still written, and shows the
// same facts as tables.

#include <string>

#include "report/graphviz.h"

namespace kst {

class HtmlPictures {
 public:
  /// `renderer`: how DOT becomes SVG (null: Graphviz's `dot`). At most
  /// `budget` pictures are drawn: each runs `dot` once, and a report of a
  /// large estate would otherwise spend most of its time there.
  explicit HtmlPictures(DotRenderer* renderer, int budget = kDefaultBudget);

  /// A <figure> holding `dot` as inline SVG, with `caption` (HTML, already
  /// escaped); or, past the budget or when drawing fails, a note saying so.
  std::string Figure(const std::string& dot, const std::string& caption_html);

  static constexpr int kDefaultBudget = 40;

 private:
  GraphvizRenderer graphviz_;
  DotRenderer* renderer_;
  int budget_;
  int drawn_ = 0;
};

}  // namespace kst
