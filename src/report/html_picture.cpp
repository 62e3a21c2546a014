#include "report/html_picture.h"

#include "report/html_escape.h"

namespace kst {

HtmlPictures::HtmlPictures(DotRenderer* renderer, int budget)
    : renderer_(renderer ? renderer : &graphviz_), budget_(budget) {}

std::string HtmlPictures::Figure(const std::string& dot, const std::string& caption_html) {
  const std::string caption = "<figcaption>" + caption_html + "</figcaption>";
  if (drawn_ >= budget_)
    return "<figure class=\"picture\">" + caption + "<p class=\"note\">Not drawn: the report draws at most " +
           std::to_string(budget_) + " pictures; the table below has the same steps.</p></figure>\n";
  std::string svg, error;
  if (!renderer_->Render(dot, "svg", &svg, &error))
    return "<figure class=\"picture\">" + caption + "<p class=\"note\">Not drawn: " + EscapeHtml(error) +
           "</p></figure>\n";
  const std::string inlined = InlineSvg(svg, "p" + std::to_string(++drawn_) + "-");
  if (inlined.empty())
    return "<figure class=\"picture\">" + caption +
           "<p class=\"note\">Not drawn: Graphviz wrote no SVG.</p></figure>\n";
  return "<figure class=\"picture\">" + caption + "<div class=\"svg\">" + inlined + "</div></figure>\n";
}

}  // namespace kst
