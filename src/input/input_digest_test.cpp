// Input digests: SHA-256 as everyone computes it, and a digest of files that
// every renamed, changed, added or removed file changes, whatever the order.

#include "input/input_digest.h"

#include <doctest/doctest.h>

namespace kst {
namespace {

TEST_CASE("SHA-256 of known texts") {
  CHECK(Sha256Digest("") == "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(Sha256Digest("abc") == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("the digest of an input's files") {
  const std::string a = "{\"format\": \"kst-topology/1\"}", b = "<Topology/>", b2 = "<Topology />";
  const std::string digest = InputDigest({{"a.json", &a}, {"b.xml", &b}});
  CHECK(digest.rfind("sha256:", 0) == 0);
  CHECK(digest.size() == 7 + 64);
  CHECK(InputDigest({{"b.xml", &b}, {"a.json", &a}}) == digest);   // order given does not matter
  CHECK(InputDigest({{"a.json", &a}, {"b.xml", &b2}}) != digest);  // a changed file
  CHECK(InputDigest({{"a.json", &a}, {"c.xml", &b}}) != digest);   // a renamed one
  CHECK(InputDigest({{"a.json", &a}}) != digest);                  // a removed one
  const std::string empty;
  CHECK(InputDigest({{"a.json", &a}, {"b.xml", &b}, {"c", &empty}}) != digest);  // an added one, even empty
  // The name and the bytes cannot trade places: "ab" + "c" is not "a" + "bc".
  const std::string c = "c", bc = "bc";
  CHECK(InputDigest({{"ab", &c}}) != InputDigest({{"a", &bc}}));
}

TEST_CASE("the embedded model has one digest") {
  CHECK(EmbeddedModelDigest().rfind("sha256:", 0) == 0);
  CHECK(EmbeddedModelDigest() == EmbeddedModelDigest());
}

}  // namespace
}  // namespace kst
