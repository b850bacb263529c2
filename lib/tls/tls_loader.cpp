// The TLS provider of check_smtp_ping: OpenSSL lives in smtp-ping-tls.so,
// loaded through lib/provider the first time a check needs TLS or SASL. A plain check then never
// maps libssl and libcrypto, which were most of its start-up (docs/benchmarks.md).
#include <stdexcept>
#include <string>

#include "mail/message_digest.hpp"
#include "provider/provider_loader.hpp"
#include "sasl/sasl_crypto.hpp"
#include "tls/tls_channel.hpp"
#include "tls/tls_module_api.hpp"
#include "net/transport_error.hpp"

namespace smtp_ping {
namespace {

using tls_module::Api;
using tls_module::ModuleError;

const Api& module() {
  // Once per process; the plugin runs one check.
  static const provider::Loaded loaded = provider::load(provider::kTls, tls_module::kHeader);
  if (!loaded.table)
    throw TlsFailure(TlsFailure::Kind::local, "TLS support is not available: " + loaded.problem);
  return *reinterpret_cast<const Api*>(loaded.table);  // the header is the table's first member
}

[[noreturn]] void rethrow(const ModuleError& error) {
  switch (error.source) {
    case ModuleError::Source::tls_failure:
      throw TlsFailure(static_cast<TlsFailure::Kind>(error.kind), error.message, error.facts);
    case ModuleError::Source::transport:
      throw TransportError(static_cast<TransportError::Kind>(error.kind), error.message);
    case ModuleError::Source::none:
    case ModuleError::Source::other:
      break;
  }
  throw std::runtime_error(error.message.empty() ? "TLS module error" : error.message);
}

class LoadedTlsChannel final : public TlsChannel {
 public:
  explicit LoadedTlsChannel(const Api& api) : api_(api) {}
  ~LoadedTlsChannel() override {
    if (session_) api_.close(session_);
  }
  LoadedTlsChannel(const LoadedTlsChannel&) = delete;
  LoadedTlsChannel& operator=(const LoadedTlsChannel&) = delete;

  void establish(int fd, const TlsOptions& options, const std::string& host, const Deadline& deadline) {
    ModuleError error;
    session_ = api_.establish(fd, options, host, deadline, error);
    if (!session_) rethrow(error);
  }
  void write(std::string_view data, const Deadline& deadline) override {
    ModuleError error;
    if (!api_.write(*session_, data, deadline, error)) rethrow(error);
  }
  std::size_t read(char* buffer, std::size_t size, const Deadline& deadline) override {
    ModuleError error;
    const std::size_t got = api_.read(*session_, buffer, size, deadline, error);
    if (got == 0) rethrow(error);
    return got;
  }
  const TlsFacts& facts() const override { return *api_.facts(*session_); }
  bool certificate_matches(const std::string& name) const override {
    return api_.certificate_matches(*session_, name);
  }

 private:
  const Api& api_;
  tls_module::Session* session_ = nullptr;
};

}  // namespace

std::unique_ptr<TlsChannel> start_tls(int fd, const TlsOptions& options, const std::string& host,
                                      const Deadline& deadline) {
  auto channel = std::make_unique<LoadedTlsChannel>(module());
  channel->establish(fd, options, host, deadline);
  return channel;
}

std::string base64_encode(std::string_view data) {
  std::string out;
  ModuleError error;
  if (!module().base64_encode(data, out, error)) rethrow(error);
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  std::optional<std::string> out;
  ModuleError error;
  if (!module().base64_decode(text, out, error)) rethrow(error);
  return out;
}

std::string hmac_md5(std::string_view key, std::string_view data) {
  std::string out;
  ModuleError error;
  if (!module().hmac_md5(key, data, out, error)) rethrow(error);
  return out;
}

std::string sha256_hex(std::string_view data) {
  std::string out;
  ModuleError error;
  if (!module().sha256_hex(data, out, error)) rethrow(error);
  return out;
}

}  // namespace smtp_ping
