#include "report/html_escape.h"

#include <cstdio>
#include <cstdlib>

#include "report/text_escape.h"

namespace kst {

std::string EscapeHtml(std::string_view text) {
  const std::string visible = EscapeText(text);
  std::string out;
  out.reserve(visible.size() + visible.size() / 8);
  for (const char c : visible) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string HtmlId(std::string_view prefix, std::string_view text) {
  std::string out(prefix);
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool kept = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || (byte >= '0' && byte <= '9') ||
                      byte == '-' || byte == '.';
    if (kept) {
      out += c;
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "_%02X", byte);
      out += hex;
    }
  }
  return out;
}

namespace {

/// Removes every `open` ... `close` span (both included) from `text`; an
/// unclosed one runs to the end.
std::string RemoveSpans(std::string_view text, std::string_view open, std::string_view close) {
  std::string out;
  out.reserve(text.size());
  size_t at = 0;
  while (at < text.size()) {
    const size_t start = text.find(open, at);
    if (start == std::string_view::npos) break;
    out.append(text.substr(at, start - at));
    const size_t end = text.find(close, start + open.size());
    at = end == std::string_view::npos ? text.size() : end + close.size();
  }
  if (at < text.size()) out.append(text.substr(at));
  return out;
}

/// In the root <svg> tag, width="1870pt" becomes width="2493" (CSS pixels, 4/3 of a
/// point): HTML's <svg> takes a length without a unit.
std::string PixelSize(std::string svg) {
  const size_t tag_end = svg.find('>');
  for (const std::string attribute : {" width=\"", " height=\""}) {
    const size_t start = svg.find(attribute);
    if (start == std::string::npos || start > tag_end) continue;
    const size_t value = start + attribute.size(), end = svg.find('"', value);
    if (end == std::string::npos || end < value + 2 || svg.compare(end - 2, 2, "pt") != 0) continue;
    char* parsed = nullptr;
    const std::string number = svg.substr(value, end - 2 - value);
    const double points = std::strtod(number.c_str(), &parsed);
    if (parsed == number.c_str() || *parsed != '\0') continue;
    svg.replace(value, end - value, std::to_string(static_cast<long>(points * 4 / 3 + 0.5)));
  }
  return svg;
}

/// Graphviz writes a tooltip as <a xlink:title="...">, an attribute HTML does not
/// know; SVG's own way is a <title> first inside the element, which browsers show.
std::string TitleElements(const std::string& svg) {
  const std::string_view open = "<a xlink:title=\"";
  std::string out;
  out.reserve(svg.size());
  size_t at = 0;
  for (size_t found = svg.find(open); found != std::string::npos; found = svg.find(open, at)) {
    const size_t value = found + open.size(), end = svg.find("\">", value);
    if (end == std::string::npos) break;
    out.append(svg, at, found - at);
    out += "<a><title>";
    out.append(svg, value, end - value);  // already XML-escaped by Graphviz: no quote, no '<'
    out += "</title>";
    at = end + 2;
  }
  out.append(svg, at, std::string::npos);
  return out;
}

}  // namespace

std::string InlineSvg(std::string_view svg, std::string_view id_prefix) {
  std::string out = RemoveSpans(svg, "<!--", "-->");
  out = RemoveSpans(out, "<?", "?>");
  out = RemoveSpans(out, "<!DOCTYPE", ">");
  const size_t start = out.find("<svg");
  if (start == std::string::npos) return "";
  out = TitleElements(PixelSize(out.substr(start)));
  // A quote inside a text is &quot; in Graphviz's XML, so ` id="` only starts an attribute.
  const std::string_view attribute = " id=\"";
  std::string prefixed;
  prefixed.reserve(out.size());
  for (size_t at = 0; at < out.size();) {
    const size_t found = out.find(attribute, at);
    if (found == std::string::npos) {
      prefixed.append(out, at, std::string::npos);
      break;
    }
    prefixed.append(out, at, found + attribute.size() - at);
    prefixed.append(id_prefix);
    at = found + attribute.size();
  }
  return prefixed;
}

}  // namespace kst
