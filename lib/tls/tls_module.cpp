// smtp-ping-tls.so: TlsSession and the SASL cryptography behind the table of
// tls_module_api.hpp (and the probe message's SHA-256). Nothing thrown leaves this file.
#include <memory>
#include <utility>

#include <openssl/crypto.h>

#include "mail/message_digest.hpp"
#include "sasl/sasl_crypto.hpp"
#include "tls/tls_module_api.hpp"
#include "tls/tls_session.hpp"
#include "net/transport_error.hpp"

namespace smtp_ping::tls_module {

struct Session {
  std::unique_ptr<TlsSession> tls;
};

namespace {

void report(ModuleError& error, ModuleError::Source source, int kind, const std::string& message, TlsFacts facts = {}) {
  error.source = source;
  error.kind = kind;
  error.message = message;
  error.facts = std::move(facts);
}

// Runs `body`; turns whatever it throws into `error`.
template <typename Body>
bool guarded(ModuleError& error, Body body) noexcept {
  try {
    try {
      body();
      return true;
    } catch (const TlsFailure& failure) {
      report(error, ModuleError::Source::tls_failure, static_cast<int>(failure.kind()), failure.message(),
             failure.facts());
    } catch (const TransportError& failure) {
      report(error, ModuleError::Source::transport, static_cast<int>(failure.kind()), failure.message());
    } catch (const std::exception& failure) {
      report(error, ModuleError::Source::other, 0, failure.what());
    } catch (...) {
      report(error, ModuleError::Source::other, 0, "unknown error in the TLS module");
    }
  } catch (...) {  // no memory even for the message
    error.source = ModuleError::Source::other;
  }
  return false;
}

Session* establish(int fd, const TlsOptions& options, const std::string& host, const Deadline& deadline,
                   ModuleError& error) noexcept {
  Session* session = nullptr;
  guarded(error, [&] { session = new Session{TlsSession::establish(fd, options, host, deadline)}; });
  return session;
}

bool write(Session& session, std::string_view data, const Deadline& deadline, ModuleError& error) noexcept {
  return guarded(error, [&] { session.tls->write(data, deadline); });
}

std::size_t read(Session& session, char* buffer, std::size_t size, const Deadline& deadline,
                 ModuleError& error) noexcept {
  std::size_t got = 0;
  guarded(error, [&] { got = session.tls->read(buffer, size, deadline); });
  return got;
}

const TlsFacts* facts(const Session& session) noexcept { return &session.tls->facts(); }

bool certificate_matches(const Session& session, const std::string& name) noexcept {
  ModuleError ignored;
  bool matches = false;
  guarded(ignored, [&] { matches = session.tls->certificate_matches(name); });
  return matches;
}

void close(Session* session) noexcept { delete session; }

bool encode(std::string_view data, std::string& out, ModuleError& error) noexcept {
  return guarded(error, [&] { out = base64_encode(data); });
}

bool decode(std::string_view text, std::optional<std::string>& out, ModuleError& error) noexcept {
  return guarded(error, [&] { out = base64_decode(text); });
}

bool hmac(std::string_view key, std::string_view data, std::string& out, ModuleError& error) noexcept {
  return guarded(error, [&] { out = hmac_md5(key, data); });
}

bool digest(std::string_view data, std::string& out, ModuleError& error) noexcept {
  return guarded(error, [&] { out = sha256_hex(data); });
}

constexpr Api kApi{kHeader, establish, write, read, facts, certificate_matches, close, encode, decode, hmac, digest};

}  // namespace
}  // namespace smtp_ping::tls_module

// Called once, right after loading and before any other use of OpenSSL.
extern "C" __attribute__((visibility("default"))) const smtp_ping::provider::Header* smtp_ping_tls_module() {
  // Only check_smtp_ping loads this module, and it exits right after its one
  // check: OpenSSL's atexit clean-up would free, one by one, what the exit
  // frees at once (1.4 M instructions, 5 % of a STARTTLS check; callgrind).
  OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, nullptr);
  return &smtp_ping::tls_module::kApi.header;
}
