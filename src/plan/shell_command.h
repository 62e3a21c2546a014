#pragma once
// A Management Shell command of a runbook step, with where its syntax comes from.

#include <string>

namespace kst {

struct ShellCommand {
  std::string shell;    // "Lync Server Management Shell", "Exchange Management Shell", "Topology Builder"
  std::string command;  // the command line; <...> marks a value kst cannot know
  /// False when the public sources kst consulted do not give this exact
  /// syntax: the runbook marks the command so.
  bool syntax_from_sources = false;
  std::string source;  // the reference page the syntax was taken from
};

}  // namespace kst
