#include "test_certificate.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <memory>
#include <stdexcept>

namespace smtp_ping::test {
namespace {

template <class T, void (*Free)(T*)>
struct Freer {
  void operator()(T* p) const { Free(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Freer<EVP_PKEY, EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Freer<X509, X509_free>>;
using ExtensionPtr = std::unique_ptr<X509_EXTENSION, Freer<X509_EXTENSION, X509_EXTENSION_free>>;

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

void require(bool ok, const std::string& what) {
  if (!ok) throw std::runtime_error("test certificate: " + what);
}

std::string subject_alt_names(const CertificateRequest& request) {
  std::string names;
  for (const auto& dns : request.dns_names) names += (names.empty() ? "" : ",") + std::string("DNS:") + dns;
  for (const auto& ip : request.ip_addresses) names += (names.empty() ? "" : ",") + std::string("IP:") + ip;
  return names;
}

void add_extension(X509* cert, int nid, const std::string& value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, cert, cert, nullptr, nullptr, 0);
  ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str()));
  require(extension != nullptr && X509_add_ext(cert, extension.get(), -1) == 1, "extension " + value);
}

CertPtr build_certificate(EVP_PKEY* key, const CertificateRequest& request) {
  CertPtr cert(X509_new());
  require(cert != nullptr, "X509_new");
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), request.valid_from_days * 86400L);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), (request.valid_from_days + request.valid_days) * 86400L);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(request.common_name.c_str()),
                             -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  const auto alt_names = subject_alt_names(request);
  if (!alt_names.empty()) add_extension(cert.get(), NID_subject_alt_name, alt_names);
  add_extension(cert.get(), NID_basic_constraints, "critical,CA:TRUE");
  require(X509_sign(cert.get(), key, EVP_sha256()) > 0, "X509_sign");
  return cert;
}

FilePtr open_for_writing(const std::string& path) {
  FilePtr file(std::fopen(path.c_str(), "w"));
  require(file != nullptr, "cannot write " + path);
  return file;
}

}  // namespace

CertificateFiles make_self_signed_certificate(const std::string& directory, const std::string& name,
                                              const CertificateRequest& request) {
  KeyPtr key(EVP_EC_gen("P-256"));
  require(key != nullptr, "EVP_EC_gen");
  const auto cert = build_certificate(key.get(), request);
  CertificateFiles files{directory + "/" + name + ".crt", directory + "/" + name + ".key"};
  require(PEM_write_X509(open_for_writing(files.cert_file).get(), cert.get()) == 1, "PEM_write_X509");
  require(PEM_write_PrivateKey(open_for_writing(files.key_file).get(), key.get(), nullptr, nullptr, 0, nullptr,
                               nullptr) == 1,
          "PEM_write_PrivateKey");
  return files;
}

}  // namespace smtp_ping::test
