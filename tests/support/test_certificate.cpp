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

using GeneralNamesPtr = std::unique_ptr<GENERAL_NAMES, Freer<GENERAL_NAMES, GENERAL_NAMES_free>>;

void add_dns_name(GENERAL_NAMES* names, const std::string& dns) {
  GENERAL_NAME* name = GENERAL_NAME_new();
  ASN1_IA5STRING* text = ASN1_IA5STRING_new();
  require(name != nullptr && text != nullptr, "GENERAL_NAME_new");
  // With its length: the configuration-string API would stop at a NUL.
  require(ASN1_STRING_set(text, dns.data(), static_cast<int>(dns.size())) == 1, "ASN1_STRING_set");
  GENERAL_NAME_set0_value(name, GEN_DNS, text);
  require(sk_GENERAL_NAME_push(names, name) > 0, "sk_GENERAL_NAME_push");
}

void add_ip_address(GENERAL_NAMES* names, const std::string& ip) {
  GENERAL_NAME* name = GENERAL_NAME_new();
  ASN1_OCTET_STRING* address = a2i_IPADDRESS(ip.c_str());
  require(name != nullptr && address != nullptr, "IP address " + ip);
  GENERAL_NAME_set0_value(name, GEN_IPADD, address);
  require(sk_GENERAL_NAME_push(names, name) > 0, "sk_GENERAL_NAME_push");
}

void add_subject_alt_names(X509* cert, const CertificateRequest& request) {
  if (request.dns_names.empty() && request.ip_addresses.empty()) return;
  GeneralNamesPtr names(sk_GENERAL_NAME_new_null());
  require(names != nullptr, "sk_GENERAL_NAME_new_null");
  for (const auto& dns : request.dns_names) add_dns_name(names.get(), dns);
  for (const auto& ip : request.ip_addresses) add_ip_address(names.get(), ip);
  require(X509_add1_ext_i2d(cert, NID_subject_alt_name, names.get(), 0, X509V3_ADD_DEFAULT) == 1, "subjectAltName");
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
  add_subject_alt_names(cert.get(), request);
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
