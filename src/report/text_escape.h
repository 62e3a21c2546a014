#pragma once
// Text from the input, printed: the one escaping function of every text-like
// output (text, github, junit, kst diff, kst show, kst impact, kst explain,
// kst test, kst replay, the import report, diagnostics on stderr, and the
// labels of dot pictures). A dial-plan name, a description or a file name can
// hold anything JSON or YAML can spell ("\u001b[31m", "\n::warning::x"); kst's
// own layout decides where lines break and what a CI log obeys, never a value.

#include <string>
#include <string_view>

namespace kst {

/// `text` (a value from an input file or the command line, or a sentence
/// built from values) made safe inside one line of text output, whether it
/// lands on a terminal, in a CI log or in a file:
///  - C0 controls (U+0000-U+001F: LF, CR, tab and ESC included), DEL and C1
///    controls (U+0080-U+009F, among them the 8-bit CSI) are written `\n`,
///    `\r`, `\t`, `\x1b`, `\x7f`, `\u009b`: a value neither starts a line of
///    its own nor moves the cursor, changes colours or retitles a terminal;
///  - the line and paragraph separators U+2028, U+2029 and the bidirectional
///    controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069, which
///    reorder what a reader sees) are written `\u2028` and so on;
///  - a byte that is not part of valid UTF-8 is written `\xHH`;
///  - CI log commands lose their power: in `##[` (GitHub Actions' legacy
///    workflow commands, obeyed anywhere in a line) and `##vso[` (Azure
///    Pipelines logging commands) the `[` is written `\x5b`, and `::` at the
///    start of the text, after blanks (a GitHub workflow command when the
///    value starts a line), becomes `\x3a:`.
/// Everything else, the backslash included, is kept: the result is for
/// reading, not for parsing back. Escaping twice changes nothing
/// (EscapeText(EscapeText(x)) == EscapeText(x)), so a helper and the writer
/// that prints its result may both escape.
std::string EscapeText(std::string_view text);

/// GitHub workflow commands (docs.github.com, "Workflow commands"; @actions/core
/// toolkit command.ts): the message of `::error ...::MESSAGE`, in which
/// % is written %25, CR %0D and LF %0A (a LF of kst's layout then breaks the
/// annotation's lines and never starts a command). Values inside it are
/// escaped with EscapeText first.
std::string EscapeWorkflowData(std::string_view text);

/// A property value of a workflow command (file=, title=): as the data, and
/// also : as %3A and , as %2C. The value is escaped with EscapeText first.
std::string EscapeWorkflowProperty(std::string_view text);

}  // namespace kst
