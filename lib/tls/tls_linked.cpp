// The TLS provider for binaries that link OpenSSL: the Zabbix module (the
// agent maps OpenSSL anyway), the tests and the fuzzers.
#include "tls/tls_session.hpp"

namespace smtp_ping {

std::unique_ptr<TlsChannel> start_tls(int fd, const TlsOptions& options, const std::string& host,
                                      const Deadline& deadline) {
  return TlsSession::establish(fd, options, host, deadline);
}

}  // namespace smtp_ping
