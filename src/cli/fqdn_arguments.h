#pragma once
// FQDNs typed on the command line are compared as Lync compares them and as
// kst reads them from files: case-insensitive, without a trailing dot
// (base/fqdn.h). `--server FE01.Contoso.com.` and `--fqdn EX1.CONTOSO.COM`
// name the same server as the topology's fe01.contoso.com.

#include <string>

namespace kst {

/// Normalises an FQDN argument in place. Returns "" when it is one, else the
/// usage error (CLI11 reports it and kst exits 2).
std::string NormalizeFqdnArgument(std::string& value);

/// A finding named as RULE:FQDN (kst explain): the FQDN part normalised, the
/// rule kept as typed. A value without ':' is left alone: the command says it
/// names no finding.
std::string NormalizeFindingArgument(std::string& value);

}  // namespace kst
