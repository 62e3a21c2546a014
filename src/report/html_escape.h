#pragma once
// Text from the input inside an HTML report (report/html_writer.cpp). A
// dial-plan name, a description or a file name can hold anything JSON or YAML
// can spell, "<script>" included: in the report it must stay text, never
// become markup, an attribute or an invisible reordering of what a change
// board reads.

#include <string>
#include <string_view>

namespace kst {

/// `text` made safe as HTML text or as a double- or single-quoted attribute
/// value: first EscapeText (report/text_escape.h: control characters, broken
/// UTF-8, line separators and bidirectional controls become visible escapes
/// such as `\x1b` and `\u202e`), then the five characters HTML gives meaning
/// to as entities: & &amp;, < &lt;, > &gt;, " &quot;, ' &#39;.
std::string EscapeHtml(std::string_view text);

/// `text` as a fragment identifier (id="..." and href="#..."): ASCII letters
/// and digits, '-', '.' and '_' kept, every other byte written _HH, prefixed
/// with `prefix`. Two different texts give two different ids.
std::string HtmlId(std::string_view prefix, std::string_view text);

/// An SVG document from Graphviz made fit to sit inside an HTML page: the XML
/// declaration, the DOCTYPE and every comment (Graphviz copies node names into
/// comments) removed, and every id="x" written id="`id_prefix`x" (the ids of
/// Graphviz, graph0, node1 and so on, are the same in every picture; a page
/// holds many). The rest is kept as it is: Graphviz escapes its texts as XML.
std::string InlineSvg(std::string_view svg, std::string_view id_prefix);

}  // namespace kst
