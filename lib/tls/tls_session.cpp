#include "tls/tls_session.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <new>
#include <optional>
#include <utility>
#include <vector>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "common/user_file.hpp"
#include "tls/dane_openssl.hpp"
#include "tls/certificate_name.hpp"
#include "net/transport_error.hpp"
#include "net/wait_for_socket.hpp"

namespace smtp_ping {
namespace {

struct OpenSslFree {
  void operator()(X509* cert) const { X509_free(cert); }
  void operator()(BIO* bio) const { BIO_free(bio); }
  void operator()(GENERAL_NAMES* names) const { GENERAL_NAMES_free(names); }
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
  void operator()(STACK_OF(X509_INFO) * infos) const { sk_X509_INFO_pop_free(infos, X509_INFO_free); }
};

// PEM read from memory: the option parser read the file (bounded, regular
// files only), so nothing here opens one.
std::unique_ptr<BIO, OpenSslFree> memory_bio(const std::string& pem) {
  std::unique_ptr<BIO, OpenSslFree> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) throw TlsFailure(TlsFailure::Kind::local, "out of memory for a PEM buffer");
  return bio;
}

// The system's CA bundle is about 0.2 MiB (Debian, EL); as --cafile's bound.
constexpr std::size_t kCaBundleBytes = 4 * 1024 * 1024;

// No passphrase prompt on a terminal: an encrypted key fails instead.
int no_passphrase(char*, int, int, void*) { return 0; }

struct VerifyError {
  int code;
  int depth;
};

// What the verify callback gathers for our own verdict after the handshake.
struct VerifyCollector {
  std::vector<VerifyError> errors;
  bool ignore_expiry = false;  // --ignore-certificate-expiration

  bool ignored(int code) const { return ignore_expiry && code == X509_V_ERR_CERT_HAS_EXPIRED; }
};

std::string openssl_reason(const char* fallback) {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return fallback;
  const char* reason = ERR_reason_error_string(code);
  return reason ? reason : fallback;
}

int collect_verify_error(int preverify_ok, X509_STORE_CTX* store) {
  if (!preverify_ok) {
    auto* ssl = static_cast<SSL*>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
    auto* collector = ssl ? static_cast<VerifyCollector*>(SSL_get_ex_data(ssl, 0)) : nullptr;
    const int code = X509_STORE_CTX_get_error(store);
    if (collector && !collector->ignored(code))
      collector->errors.push_back({code, X509_STORE_CTX_get_error_depth(store)});
  }
  return 1;  // never abort the handshake here: the verdict is ours, after it
}

// Acknowledge at once instead of delaying: after a TLS 1.3 handshake the
// server's session tickets meet our delayed ACK and its Nagle algorithm, which
// holds the next reply ~40 ms (libcurl-notes.md §4). Linux resets the flag
// by itself, so it is set again before each read. Not TCP_NODELAY: that one
// makes the stall worse against Postfix.
void acknowledge_quickly(int fd) {
#ifdef TCP_QUICKACK
  const int on = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &on, sizeof on);
#else
  (void)fd;
#endif
}

std::string name_text(const X509_NAME* name) {
  std::unique_ptr<BIO, OpenSslFree> bio(BIO_new(BIO_s_mem()));
  if (!bio || !name) return {};
  X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

std::string iso_time(const ASN1_TIME* time) {
  std::tm parts{};
  if (!time || ASN1_TIME_to_tm(time, &parts) != 1) return {};
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

std::optional<double> days_until(const ASN1_TIME* time) {
  int days = 0, seconds = 0;
  if (!time || ASN1_TIME_diff(&days, &seconds, nullptr, time) != 1) return std::nullopt;
  return days + seconds / 86400.0;
}

std::vector<std::string> alt_names(X509* cert) {
  std::vector<std::string> out;
  std::unique_ptr<GENERAL_NAMES, OpenSslFree> names(
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr)));
  if (!names) return out;
  for (int i = 0; i < sk_GENERAL_NAME_num(names.get()) && i < 1000; ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names.get(), i);
    if (name->type == GEN_DNS) {
      const auto* text = ASN1_STRING_get0_data(name->d.dNSName);
      out.push_back("DNS:" + std::string(reinterpret_cast<const char*>(text),
                                         static_cast<std::size_t>(ASN1_STRING_length(name->d.dNSName))));
    } else if (name->type == GEN_IPADD) {
      const int length = ASN1_STRING_length(name->d.iPAddress);
      char text[INET6_ADDRSTRLEN] = {};
      const int family = length == 4 ? AF_INET : length == 16 ? AF_INET6 : 0;
      if (family && inet_ntop(family, ASN1_STRING_get0_data(name->d.iPAddress), text, sizeof text))
        out.push_back(std::string("IP:") + text);
    }
  }
  return out;
}

std::string key_type_name(int id) {
  switch (id) {
    case EVP_PKEY_RSA: return "RSA";
    case EVP_PKEY_RSA_PSS: return "RSA-PSS";
    case EVP_PKEY_EC: return "EC";
    case EVP_PKEY_ED25519: return "ED25519";
    case EVP_PKEY_ED448: return "ED448";
    case EVP_PKEY_DSA: return "DSA";
    default: {
      const char* name = OBJ_nid2sn(id);
      return name ? name : "unknown";
    }
  }
}

void describe_certificate(X509* leaf, STACK_OF(X509) * chain, TlsFacts& facts) {
  if (!leaf) return;
  facts.subject = name_text(X509_get_subject_name(leaf));
  facts.issuer = name_text(X509_get_issuer_name(leaf));
  facts.subject_alt_names = alt_names(leaf);
  facts.not_before = iso_time(X509_get0_notBefore(leaf));
  facts.not_after = iso_time(X509_get0_notAfter(leaf));
  facts.cert_days = days_until(X509_get0_notAfter(leaf));
  facts.chain_min_days = facts.cert_days;
  facts.chain_min_subject = facts.subject;
  if (EVP_PKEY* key = X509_get0_pubkey(leaf)) {
    facts.key_bits = EVP_PKEY_get_bits(key);
    facts.key_type = key_type_name(EVP_PKEY_get_base_id(key));
  }
  for (int i = 0; chain && i < sk_X509_num(chain) && i < 100; ++i) {
    X509* cert = sk_X509_value(chain, i);
    const auto days = days_until(X509_get0_notAfter(cert));
    if (days && (!facts.chain_min_days || *days < *facts.chain_min_days)) {
      facts.chain_min_days = days;
      facts.chain_min_subject = name_text(X509_get_subject_name(cert));
    }
  }
}

std::string describe_verify_error(const VerifyError& error, const TlsFacts& facts) {
  const std::string where = error.depth == 0 ? "" : " (chain depth " + std::to_string(error.depth) + ")";
  switch (error.code) {
    case X509_V_ERR_CERT_HAS_EXPIRED:
      return error.depth == 0 ? "certificate expired on " + facts.not_after : "a chain certificate has expired" + where;
    case X509_V_ERR_CERT_NOT_YET_VALID:
      return error.depth == 0 ? "certificate not valid before " + facts.not_before
                              : "a chain certificate is not yet valid" + where;
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
      return "self-signed certificate (" + facts.subject + ")";
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
      return "self-signed certificate in the chain, not trusted";
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
      return "certificate not trusted: issuer '" + facts.issuer + "' is not in the CA store";
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH: {
      std::string names;
      for (const auto& name : facts.subject_alt_names) names += (names.empty() ? "" : ", ") + name;
      return "certificate name mismatch: '" + facts.verify_name + "' is not in the certificate (" +
             (names.empty() ? "subject " + facts.subject : names) + ")";
    }
    default:
      return std::string("certificate verification failed: ") + X509_verify_cert_error_string(error.code) + where;
  }
}

int protocol_number(const std::string& version) {
  if (version == "1.0" || version == "1") return TLS1_VERSION;
  if (version == "1.1") return TLS1_1_VERSION;
  if (version == "1.2") return TLS1_2_VERSION;
  if (version == "1.3") return TLS1_3_VERSION;
  return 0;
}

// Every certificate and CRL of PEM text into the store; how many certificates.
// OpenSSL's error queue keeps why none was found.
int add_pem_to_store(X509_STORE* store, const std::string& pem) {
  auto bio = memory_bio(pem);
  std::unique_ptr<STACK_OF(X509_INFO), OpenSslFree> infos(PEM_X509_INFO_read_bio(bio.get(), nullptr, no_passphrase, nullptr));
  int certificates = 0;
  for (int i = 0; infos && i < sk_X509_INFO_num(infos.get()); ++i) {
    const X509_INFO* info = sk_X509_INFO_value(infos.get(), i);
    if (info->x509 && X509_STORE_add_cert(store, info->x509) == 1) ++certificates;
    if (info->crl) X509_STORE_add_crl(store, info->crl);
  }
  return certificates;
}

void load_ca_certificates(SSL_CTX* ctx, const std::string& pem, const std::string& file) {
  if (add_pem_to_store(SSL_CTX_get_cert_store(ctx), pem) == 0)
    throw TlsFailure(TlsFailure::Kind::local, "cannot load CA certificates from " + file + ": " +
                                                  openssl_reason("no PEM certificate in it"));
  ERR_clear_error();
}

// ---- the system trust store, read lazily ----------------------------------
//
// OpenSSL's default verify paths are a hashed directory and a bundle file
// ($SSL_CERT_DIR, $SSL_CERT_FILE, else the compiled-in ones).
// SSL_CTX_set_default_verify_paths() parses the whole bundle at once: 60 ms
// and 144 certificates on Debian 12, in every check. Here the directory is
// asked first (one file per issuer); the bundle is parsed only when the
// directory lacks an issuer, by a lookup method that loads it into the store
// on its first call (measured: a public-CA chain never gets there, an unknown
// CA does, and pays the 60 ms). EL systems have no hashed directory, only the bundle
// (/etc/pki/tls/certs/ca-bundle.crt); a private CA may be in the bundle only.

struct LazyBundle {
  std::string path;
  std::optional<Deadline> deadline;  // the handshake's
  bool loaded = false;
};

int lazy_bundle_new(X509_LOOKUP* lookup) {
  auto* bundle = new (std::nothrow) LazyBundle;
  if (!bundle) return 0;
  X509_LOOKUP_set_method_data(lookup, bundle);
  return 1;
}

void lazy_bundle_free(X509_LOOKUP* lookup) { delete static_cast<LazyBundle*>(X509_LOOKUP_get_method_data(lookup)); }

// The bundle through the bounded reader, as --cafile: only a regular file, at
// most 4 MiB, within the handshake's deadline; anywhere (it is the system's or
// the environment's, never a name an option or item key gave). A bundle that
// cannot be read adds nothing: verification then names the missing issuer.
void load_bundle(X509_STORE* store, const LazyBundle& bundle) noexcept {
  try {
    const Deadline deadline = bundle.deadline.value_or(Deadline::after(std::chrono::seconds(10)));
    const FileContent content = read_user_file(bundle.path, kCaBundleBytes, FileAccess{}, deadline);
    if (content.complete) add_pem_to_store(store, content.bytes);
  } catch (...) {
  }
  ERR_clear_error();
}

int lazy_bundle_by_subject(X509_LOOKUP* lookup, X509_LOOKUP_TYPE type, const X509_NAME* name, X509_OBJECT* found) {
  auto* bundle = static_cast<LazyBundle*>(X509_LOOKUP_get_method_data(lookup));
  if (!bundle || bundle->path.empty() || type != X509_LU_X509) return 0;
  X509_STORE* store = X509_LOOKUP_get_store(lookup);
  if (!bundle->loaded) {
    bundle->loaded = true;
    // Every certificate of the file goes into the store, where later lookups find it.
    if (store) load_bundle(store, *bundle);
  }
  if (!store || X509_STORE_lock(store) != 1) return 0;
  X509_OBJECT* match = X509_OBJECT_retrieve_by_subject(X509_STORE_get0_objects(store), type, name);
  X509* certificate = match ? X509_OBJECT_get0_X509(match) : nullptr;
  const int ok = certificate && X509_OBJECT_set1_X509(found, certificate) == 1 ? 1 : 0;
  // A lookup lends the store's certificate (OpenSSL's by_dir copies the
  // pointer; the caller takes its own reference): give set1's back.
  if (ok) X509_free(certificate);
  X509_STORE_unlock(store);
  return ok;
}

X509_LOOKUP_METHOD* lazy_bundle_method() {
  static X509_LOOKUP_METHOD* const method = [] {
    X509_LOOKUP_METHOD* made = X509_LOOKUP_meth_new("smtp-ping lazy CA bundle");
    if (made) {
      X509_LOOKUP_meth_set_new_item(made, lazy_bundle_new);
      X509_LOOKUP_meth_set_free(made, lazy_bundle_free);
      X509_LOOKUP_meth_set_get_by_subject(made, lazy_bundle_by_subject);
    }
    return made;  // lives as long as the process: stores of any thread may use it
  }();
  return method;
}

// Trusted-first chain building (OpenSSL's default) asks the store for every
// intermediate the server sends along, and so would parse the bundle in nearly
// every check. The server's chain first, the store for its root: OpenSSL still
// tries an alternative chain through the store when that one fails. The flag is
// cleared here because the verification context ORs in the defaults' flags.
int verify_server_chain_first(X509_STORE_CTX* store, void*) {
  X509_VERIFY_PARAM_clear_flags(X509_STORE_CTX_get0_param(store), X509_V_FLAG_TRUSTED_FIRST);
  return X509_verify_cert(store);
}

// getenv() as OpenSSL reads these variables: not for a set-id program.
const char* environment(const char* name) { return ::secure_getenv(name); }

void use_default_verify_paths(SSL_CTX* ctx, const Deadline& deadline) {
  X509_STORE* store = SSL_CTX_get_cert_store(ctx);
  const char* dir = environment(X509_get_default_cert_dir_env());
  X509_LOOKUP* by_dir = X509_STORE_add_lookup(store, X509_LOOKUP_hash_dir());
  if (!by_dir) throw TlsFailure(TlsFailure::Kind::local, "cannot use the system CA directory: " + openssl_reason("?"));
  // As OpenSSL's own default paths: a directory it cannot take (SSL_CERT_DIR="") is none.
  if (X509_LOOKUP_add_dir(by_dir, dir ? dir : X509_get_default_cert_dir(), X509_FILETYPE_PEM) != 1) ERR_clear_error();
  const char* file = environment(X509_get_default_cert_file_env());
  X509_LOOKUP* by_file = lazy_bundle_method() ? X509_STORE_add_lookup(store, lazy_bundle_method()) : nullptr;
  auto* bundle = by_file ? static_cast<LazyBundle*>(X509_LOOKUP_get_method_data(by_file)) : nullptr;
  if (!bundle) throw TlsFailure(TlsFailure::Kind::local, "cannot use the system CA bundle: " + openssl_reason("?"));
  bundle->path = file ? file : X509_get_default_cert_file();
  bundle->deadline = deadline;
  SSL_CTX_set_cert_verify_callback(ctx, verify_server_chain_first, nullptr);
}

void configure_trust(SSL_CTX* ctx, const TlsOptions& options, const Deadline& deadline) {
  if (options.ca_file && !options.ca_pem)
    throw TlsFailure(TlsFailure::Kind::local, "--cafile " + *options.ca_file + " was not read with the options");
  if (options.ca_pem) load_ca_certificates(ctx, *options.ca_pem, options.ca_file.value_or("--cafile"));
  if (options.ca_path && SSL_CTX_load_verify_dir(ctx, options.ca_path->c_str()) != 1)
    throw TlsFailure(TlsFailure::Kind::local,
                     "cannot load CA certificates from " + *options.ca_path + ": " + openssl_reason("unreadable"));
  if (!options.ca_pem && !options.ca_path) use_default_verify_paths(ctx, deadline);
}

// The leaf, then any chain certificates after it; the key from its own file
// or from the certificate's (as SSL_CTX_use_certificate_chain_file would).
void configure_client_certificate(SSL_CTX* ctx, const TlsOptions& options) {
  if (!options.client_cert) return;
  const std::string& cert = *options.client_cert;
  const std::string& key = options.client_key ? *options.client_key : cert;
  if (!options.client_cert_pem || (options.client_key && !options.client_key_pem))
    throw TlsFailure(TlsFailure::Kind::local, "--client-cert/--client-key were not read with the options");
  auto cert_bio = memory_bio(*options.client_cert_pem);
  std::unique_ptr<X509, OpenSslFree> leaf(PEM_read_bio_X509_AUX(cert_bio.get(), nullptr, no_passphrase, nullptr));
  if (!leaf || SSL_CTX_use_certificate(ctx, leaf.get()) != 1)
    throw TlsFailure(TlsFailure::Kind::local, "cannot load client certificate " + cert + ": " + openssl_reason("?"));
  for (int count = 0; count < 100; ++count) {
    X509* chain_cert = PEM_read_bio_X509(cert_bio.get(), nullptr, no_passphrase, nullptr);
    if (!chain_cert) break;
    if (SSL_CTX_ctrl(ctx, SSL_CTRL_CHAIN_CERT, 0, chain_cert) != 1) {  // SSL_CTX_add0_chain_cert
      X509_free(chain_cert);
      throw TlsFailure(TlsFailure::Kind::local, "cannot use the chain in " + cert + ": " + openssl_reason("?"));
    }
  }
  ERR_clear_error();  // the end of the PEM data
  auto key_bio = memory_bio(options.client_key_pem ? *options.client_key_pem : *options.client_cert_pem);
  std::unique_ptr<EVP_PKEY, OpenSslFree> private_key(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, no_passphrase, nullptr));
  if (!private_key || SSL_CTX_use_PrivateKey(ctx, private_key.get()) != 1 || SSL_CTX_check_private_key(ctx) != 1)
    throw TlsFailure(TlsFailure::Kind::local, "cannot use client key " + key + ": " + openssl_reason("?"));
}

}  // namespace

TlsSession::TlsSession(std::unique_ptr<SSL_CTX, SslDeleter> ctx, std::unique_ptr<SSL, SslDeleter> ssl, int fd)
    : ctx_(std::move(ctx)), ssl_(std::move(ssl)), fd_(fd) {}

std::unique_ptr<TlsSession> TlsSession::establish(int fd, const TlsOptions& options, const std::string& host,
                                                  const Deadline& deadline) {
  ERR_clear_error();
  std::unique_ptr<SSL_CTX, SslDeleter> ctx(SSL_CTX_new(TLS_client_method()));
  if (!ctx) throw TlsFailure(TlsFailure::Kind::local, "cannot create a TLS context: " + openssl_reason("?"));
  if (options.verify) configure_trust(ctx.get(), options, deadline);
  const DaneRequest* dane = options.verify && options.dane ? &*options.dane : nullptr;
  if (dane) enable_dane_context(ctx.get());
  configure_client_certificate(ctx.get(), options);
  // --no-verify: OpenSSL then skips building and checking the chain (0.6 M
  // instructions) whose verdict nobody would read.
  if (options.verify)
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, collect_verify_error);
  else
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr);

  std::unique_ptr<SSL, SslDeleter> ssl(SSL_new(ctx.get()));
  if (!ssl || SSL_set_fd(ssl.get(), fd) != 1)
    throw TlsFailure(TlsFailure::Kind::local, "cannot create a TLS session: " + openssl_reason("?"));

  TlsFacts facts;
  facts.verification_skipped = !options.verify;
  facts.sni = options.sni.value_or(is_ip_literal(host) || host.empty() || host.front() == '/' ? "" : host);
  if (!facts.sni.empty())  // SSL_set_tlsext_host_name() without its C cast
    SSL_ctrl(ssl.get(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, const_cast<char*>(facts.sni.c_str()));
  // Without a name (-H is an address), only the chain is verified here; the
  // dialog compares the certificate with the name the server announces.
  const CertificateName expected_name =
      dane ? CertificateName{dane->base_domain, "DANE"} : certificate_name(options, host);
  facts.verify_name = expected_name.name;
  facts.verify_name_source = expected_name.source;
  if (dane) request_dane(ssl.get(), *dane);
  if (options.verify && !dane && !expected_name.name.empty()) {
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl.get());
    X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    const bool ok = is_ip_literal(facts.verify_name)
                        ? X509_VERIFY_PARAM_set1_ip_asc(param, facts.verify_name.c_str()) == 1
                        : X509_VERIFY_PARAM_set1_host(param, facts.verify_name.c_str(), 0) == 1;
    if (!ok) throw TlsFailure(TlsFailure::Kind::local, "cannot verify against name '" + facts.verify_name + "'");
  }

  VerifyCollector collector;
  collector.ignore_expiry = options.ignore_expiry;
  std::vector<VerifyError>& verify_errors = collector.errors;
  SSL_set_ex_data(ssl.get(), 0, &collector);
  for (int round = 0;; ++round) {
    ERR_clear_error();
    const int rc = SSL_connect(ssl.get());
    if (rc == 1) break;
    const int error = SSL_get_error(ssl.get(), rc);
    if ((error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) && round < 100'000) {
      wait_for_socket(fd, error == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, deadline);
      continue;
    }
    SSL_set_ex_data(ssl.get(), 0, nullptr);
    if (error == SSL_ERROR_SYSCALL || error == SSL_ERROR_ZERO_RETURN)
      throw TlsFailure(TlsFailure::Kind::handshake,
                       "TLS handshake failed: " + openssl_reason("connection closed by the server during the handshake"));
    throw TlsFailure(TlsFailure::Kind::handshake, "TLS handshake failed: " + openssl_reason("unknown error"));
  }
  SSL_set_ex_data(ssl.get(), 0, nullptr);
  acknowledge_quickly(fd);

  facts.version = SSL_get_version(ssl.get());
  facts.cipher = SSL_get_cipher_name(ssl.get());
  std::unique_ptr<X509, OpenSslFree> leaf(SSL_get1_peer_certificate(ssl.get()));
  describe_certificate(leaf.get(), SSL_get_peer_cert_chain(ssl.get()), facts);

  if (options.verify) {
    if (!leaf) verify_errors.push_back({X509_V_ERR_UNSPECIFIED, 0});
    if (dane) {
      facts.dane = dane_outcome(ssl.get(), *dane);
      if (facts.dane->authenticated) verify_errors.clear();  // what chain building met on its way to the match
    }
    const long result = SSL_get_verify_result(ssl.get());
    if (verify_errors.empty() && result != X509_V_OK && !collector.ignored(static_cast<int>(result)))
      verify_errors.push_back({static_cast<int>(result), 0});
    for (const auto& error : verify_errors) {
      std::string text = describe_verify_error(error, facts);
      bool seen = false;
      for (const auto& known : facts.verify_errors) seen = seen || known == text;
      if (!seen) facts.verify_errors.push_back(std::move(text));
    }
    facts.verified = facts.verify_errors.empty();
    if (!facts.verified) {
      std::string message;
      for (const auto& text : facts.verify_errors) message += (message.empty() ? "" : "; ") + text;
      if (dane) message = "DANE verification failed: " + message;
      throw TlsFailure(TlsFailure::Kind::verify, message, facts);
    }
  }
  if (options.min_version) {
    const int wanted = protocol_number(*options.min_version);
    if (wanted && SSL_version(ssl.get()) < wanted)
      throw TlsFailure(TlsFailure::Kind::policy,
                       "negotiated " + facts.version + ", below the required minimum TLS " + *options.min_version,
                       facts);
  }

  auto session = std::unique_ptr<TlsSession>(new TlsSession(std::move(ctx), std::move(ssl), fd));
  session->facts_ = std::move(facts);
  return session;
}

bool TlsSession::certificate_matches(const std::string& name) const {
  X509* leaf = SSL_get0_peer_certificate(ssl_.get());
  if (!leaf || name.empty()) return false;
  if (is_ip_literal(name)) return X509_check_ip_asc(leaf, name.c_str(), 0) == 1;
  return X509_check_host(leaf, name.c_str(), name.size(), X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS, nullptr) == 1;
}

void TlsSession::write(std::string_view data, const Deadline& deadline) {
  for (int round = 0; !data.empty() && round < 1'000'000; ++round) {
    ERR_clear_error();
    std::size_t written = 0;
    if (SSL_write_ex(ssl_.get(), data.data(), data.size(), &written) == 1) {
      data.remove_prefix(written);
      continue;
    }
    const int error = SSL_get_error(ssl_.get(), 0);
    if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
      wait_for_socket(fd_, error == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, deadline);
      continue;
    }
    if (error == SSL_ERROR_SYSCALL || error == SSL_ERROR_ZERO_RETURN)
      throw TransportError(TransportError::Kind::closed, "connection closed by the server");
    throw TransportError(TransportError::Kind::tls, "TLS write failed: " + openssl_reason("unknown error"));
  }
}

std::size_t TlsSession::read(char* buffer, std::size_t size, const Deadline& deadline) {
  for (int round = 0; round < 1'000'000; ++round) {
    ERR_clear_error();
    std::size_t got = 0;
    if (SSL_read_ex(ssl_.get(), buffer, size, &got) == 1) return got;
    const int error = SSL_get_error(ssl_.get(), 0);
    if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
      if (error == SSL_ERROR_WANT_READ) acknowledge_quickly(fd_);
      wait_for_socket(fd_, error == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, deadline);
      continue;
    }
    if (error == SSL_ERROR_ZERO_RETURN) throw TransportError(TransportError::Kind::closed, "TLS session closed by the server");
    if (error == SSL_ERROR_SYSCALL) throw TransportError(TransportError::Kind::closed, "connection closed by the server");
    throw TransportError(TransportError::Kind::tls, "TLS read failed: " + openssl_reason("unknown error"));
  }
  throw TransportError(TransportError::Kind::tls, "TLS read made no progress");
}

}  // namespace smtp_ping
