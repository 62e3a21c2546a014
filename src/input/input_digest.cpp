#include "input/input_digest.h"

#include <openssl/evp.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "model/model_catalog.h"

namespace kst {
namespace {

class Sha256 {
 public:
  Sha256() : context_(EVP_MD_CTX_new(), EVP_MD_CTX_free) {
    if (!context_ || EVP_DigestInit_ex(context_.get(), EVP_sha256(), nullptr) != 1)
      throw std::runtime_error("OpenSSL: cannot start a SHA-256 digest");
  }
  void Add(std::string_view bytes) {
    if (EVP_DigestUpdate(context_.get(), bytes.data(), bytes.size()) != 1)
      throw std::runtime_error("OpenSSL: SHA-256 update failed");
  }
  std::string Hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (EVP_DigestFinal_ex(context_.get(), digest, &size) != 1)
      throw std::runtime_error("OpenSSL: SHA-256 final failed");
    static constexpr char kHex[] = "0123456789abcdef";
    std::string text = "sha256:";
    for (unsigned int i = 0; i < size; ++i) {
      text += kHex[digest[i] >> 4];
      text += kHex[digest[i] & 0xF];
    }
    return text;
  }

 private:
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> context_;
};

}  // namespace

std::string Sha256Digest(std::string_view bytes) {
  Sha256 sha;
  sha.Add(bytes);
  return sha.Hex();
}

std::string InputDigest(std::vector<DigestedFile> files) {
  std::sort(files.begin(), files.end(), [](const DigestedFile& a, const DigestedFile& b) { return a.name < b.name; });
  Sha256 sha;
  for (const DigestedFile& file : files) {
    const std::string size = std::to_string(file.bytes->size());
    sha.Add(file.name);
    sha.Add(std::string_view("\0", 1));
    sha.Add(size);
    sha.Add(std::string_view("\0", 1));
    sha.Add(*file.bytes);
  }
  return sha.Hex();
}

std::string EmbeddedModelDigest() {
  static const std::string digest = Sha256Digest(EmbeddedModelText());
  return digest;
}

}  // namespace kst
