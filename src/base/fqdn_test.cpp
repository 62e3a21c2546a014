// NormalizeFqdn: the accepted spellings of one name and the exact reason for
// each rejected one (the reason ends up in an invalid-fqdn diagnostic).

#include "base/fqdn.h"

#include <doctest/doctest.h>

#include <string>

namespace kst {
namespace {

/// The normalised name; fails the test when `raw` is rejected.
std::string Accepted(std::string_view raw) {
  std::string fqdn, why;
  bool ok = NormalizeFqdn(raw, &fqdn, &why);
  INFO("raw: \"", std::string(raw), "\", why: ", why);
  CHECK(ok);
  return fqdn;
}

/// The reason `raw` is rejected; fails the test when it is accepted. A
/// rejected name leaves the output untouched.
std::string Rejected(std::string_view raw) {
  std::string fqdn = "untouched", why;
  bool ok = NormalizeFqdn(raw, &fqdn, &why);
  INFO("raw: \"", std::string(raw), "\"");
  CHECK_FALSE(ok);
  CHECK(fqdn == "untouched");
  return why;
}

/// A dotted name of `labels` labels of `size` letters each.
std::string DottedName(int labels, size_t size) {
  std::string name;
  for (int i = 0; i < labels; ++i) name += (i ? "." : "") + std::string(size, 'a');
  return name;
}

TEST_CASE("NormalizeFqdn accepts host names as Lync compares them") {
  SUBCASE("lower case is kept") {
    CHECK(Accepted("ex1.contoso.com") == "ex1.contoso.com");
  }

  SUBCASE("case is folded") {
    CHECK(Accepted("EX1.Contoso.COM") == "ex1.contoso.com");
    CHECK(Accepted("Pool01.CONTOSO.com") == "pool01.contoso.com");
  }

  SUBCASE("one trailing dot is dropped") {
    CHECK(Accepted("ex1.contoso.com.") == "ex1.contoso.com");
    CHECK(Accepted("EX1.CONTOSO.COM.") == "ex1.contoso.com");
  }

  SUBCASE("digits and inner hyphens are host characters") {
    CHECK(Accepted("lync-fe01.emea-1.contoso.com") == "lync-fe01.emea-1.contoso.com");
    CHECK(Accepted("01.contoso.com") == "01.contoso.com");
  }

  SUBCASE("a label of exactly 63 characters") {
    std::string label(63, 'x');
    CHECK(Accepted(label + ".contoso.com") == label + ".contoso.com");
  }

  SUBCASE("a name of exactly 253 characters") {
    std::string name = DottedName(4, 62) + "." + std::string(1, 'b');  // 4*62 + 3 dots + 2 = 253
    REQUIRE(name.size() == 253);
    CHECK(Accepted(name) == name);

    SUBCASE("also when written with its trailing dot (254 characters)") {
      CHECK(Accepted(name + ".") == name);
    }
  }
}

TEST_CASE("NormalizeFqdn rejects what is not a server's FQDN, with the reason") {
  SUBCASE("wildcard") {
    CHECK(Rejected("*.contoso.com") == "a wildcard is not a server name");
    CHECK(Rejected("ex*.contoso.com") == "a wildcard is not a server name");
    CHECK(Rejected("*") == "a wildcard is not a server name");
  }

  SUBCASE("empty name") {
    CHECK(Rejected("") == "empty name");
    CHECK(Rejected(".") == "empty name");
  }

  SUBCASE("empty label") {
    SUBCASE("between two dots") {
      CHECK(Rejected("ex1..contoso.com") == "empty label");
    }
    SUBCASE("leading dot") {
      CHECK(Rejected(".contoso.com") == "empty label");
    }
    SUBCASE("two trailing dots: only one is dropped") {
      CHECK(Rejected("ex1.contoso.com..") == "empty label");
    }
  }

  SUBCASE("single label (NetBIOS-style)") {
    const char* kWhy = "single-label (NetBIOS-style) name; Lync needs the fully qualified name";
    CHECK(Rejected("EX1") == kWhy);
    CHECK(Rejected("ex1.") == kWhy);

    SUBCASE("is reported before bad characters in it") {
      CHECK(Rejected("ex_1") == kWhy);
    }
  }

  SUBCASE("label over 63 characters") {
    std::string label(64, 'x');
    CHECK(Rejected(label + ".contoso.com") == "label \"" + label + "\" is longer than 63 characters");

    SUBCASE("the label is quoted in lower case") {
      CHECK(Rejected("ex1." + std::string(64, 'Y') + ".com") ==
            "label \"" + std::string(64, 'y') + "\" is longer than 63 characters");
    }
  }

  SUBCASE("name over 253 characters") {
    std::string name = DottedName(4, 62) + ".bb";  // 254 characters, every label short enough
    REQUIRE(name.size() == 254);
    CHECK(Rejected(name) == "name is longer than 253 characters");

    SUBCASE("is reported before a long label") {
      CHECK(Rejected(DottedName(3, 100)) == "name is longer than 253 characters");
    }
  }

  SUBCASE("characters a host name cannot hold") {
    CHECK(Rejected("_sip._tls.contoso.com") == "character '_' is not allowed in a host name");
    CHECK(Rejected("ex 1.contoso.com") == "character ' ' is not allowed in a host name");
    CHECK(Rejected("sip:ex1.contoso.com") == "character ':' is not allowed in a host name");
    CHECK(Rejected("ex1.contoso.com/owa") == "character '/' is not allowed in a host name");
    CHECK(Rejected("ex1@contoso.com") == "character '@' is not allowed in a host name");

    SUBCASE("a non-ASCII byte is named as it stands") {
      CHECK(Rejected("\xc3\xa9t\xc3\xa9.contoso.com") == "character '\xc3' is not allowed in a host name");
    }
  }

  SUBCASE("leading or trailing hyphen in a label") {
    CHECK(Rejected("-ex1.contoso.com") == "label \"-ex1\" starts or ends with '-'");
    CHECK(Rejected("ex1-.contoso.com") == "label \"ex1-\" starts or ends with '-'");
    CHECK(Rejected("ex1.contoso.com-") == "label \"com-\" starts or ends with '-'");
    CHECK(Rejected("ex1.-.com") == "label \"-\" starts or ends with '-'");
  }
}

}  // namespace
}  // namespace kst
