#pragma once

// The TLS provider, smtp-ping-tls.so (provider::kTls): what check_smtp_ping
// loads through lib/provider on its first use of TLS or SASL, so that a plain check never maps OpenSSL (mapping it was
// most of a plain check's start-up: docs/benchmarks.md). Module and plugin are
// built together from these headers by the same compiler, each with its own
// static libstdc++; no exception crosses: every call reports its failure in a
// ModuleError, and the plugin rethrows it as what TlsSession would have thrown.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "common/deadline.hpp"
#include "provider/provider_header.hpp"
#include "tls/tls_options.hpp"
#include "tls/tls_facts.hpp"

namespace smtp_ping::tls_module {

struct ModuleError {
  enum class Source { none, tls_failure, transport, other };
  Source source = Source::none;
  int kind = 0;  // TlsFailure::Kind or TransportError::Kind, by source
  std::string message;
  TlsFacts facts;  // what the handshake showed, with a TlsFailure
};

struct Session;  // the module's TlsSession

struct Api {
  // Both sides must agree on it before anything else is called: kHeader.
  provider::Header header;

  // null on failure, with `error` set.
  Session* (*establish)(int fd, const TlsOptions& options, const std::string& host, const Deadline& deadline,
                        ModuleError& error) noexcept;
  bool (*write)(Session& session, std::string_view data, const Deadline& deadline, ModuleError& error) noexcept;
  // 0 on failure (a successful read stores at least one byte).
  std::size_t (*read)(Session& session, char* buffer, std::size_t size, const Deadline& deadline,
                      ModuleError& error) noexcept;
  const TlsFacts* (*facts)(const Session& session) noexcept;
  bool (*certificate_matches)(const Session& session, const std::string& name) noexcept;
  void (*close)(Session* session) noexcept;

  bool (*base64_encode)(std::string_view data, std::string& out, ModuleError& error) noexcept;
  bool (*base64_decode)(std::string_view text, std::optional<std::string>& out, ModuleError& error) noexcept;
  bool (*hmac_md5)(std::string_view key, std::string_view data, std::string& out, ModuleError& error) noexcept;
  // The probe message's body digest (mail/message_digest.hpp).
  bool (*sha256_hex)(std::string_view data, std::string& out, ModuleError& error) noexcept;
};

inline constexpr char kBuild[] = "smtp-ping " SMTP_PING_VERSION " tls-module-5 " __VERSION__;
inline constexpr provider::Header kHeader{kBuild, sizeof(Api), {sizeof(TlsOptions), sizeof(TlsFacts), sizeof(ModuleError), 0}};

}  // namespace smtp_ping::tls_module
