#include "cli/fqdn_arguments.h"

#include <doctest/doctest.h>

namespace kst {

TEST_CASE("an FQDN argument is compared as Lync compares names") {
  std::string value = "FE01.Contoso.COM.";
  CHECK(NormalizeFqdnArgument(value).empty());
  CHECK(value == "fe01.contoso.com");

  std::string wildcard = "*.contoso.com";
  CHECK(NormalizeFqdnArgument(wildcard).find("is not an FQDN") != std::string::npos);
  CHECK(wildcard == "*.contoso.com");

  std::string single_label = "fe01";
  CHECK_FALSE(NormalizeFqdnArgument(single_label).empty());
}

TEST_CASE("a finding argument keeps its rule and normalises its FQDN") {
  std::string finding = "kst/version-conflict:EX1.Contoso.com.";
  CHECK(NormalizeFindingArgument(finding).empty());
  CHECK(finding == "kst/version-conflict:ex1.contoso.com");

  std::string no_fqdn = "kst/version-conflict";
  CHECK(NormalizeFindingArgument(no_fqdn).empty());
  CHECK(no_fqdn == "kst/version-conflict");

  std::string bad = "cert/wildcard-subject:ex1..contoso.com";
  CHECK(NormalizeFindingArgument(bad).find("the finding's") == 0);
}

}  // namespace kst
