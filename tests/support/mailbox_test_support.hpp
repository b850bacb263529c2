#pragma once

#include <string>

#include "mailbox_server.hpp"
#include "message_text.hpp"
#include "temp_dir.hpp"
#include "test_certificate.hpp"

namespace smtp_ping::test {

// A self-signed certificate for 127.0.0.1/localhost in its own directory; it is its own CA.
struct TestTls {
  TempDir dir;
  CertificateFiles files = make_self_signed_certificate(dir.path().string(), "mailbox");

  MailboxScript script(MailboxScript base = {}) const {
    base.tls = TlsSettings{files.cert_file, files.key_file};
    return base;
  }
};

// A probe-like message carrying `token` in X-Smtp-Ping-Token.
inline std::string probe_message(const std::string& token, const std::string& body = "probe body\n") {
  return compose_message({{"From", "probe@smtp-ping.test"},
                          {"To", "probe@smtp-ping.test"},
                          {"Subject", "smtp-ping probe " + token},
                          {"Message-ID", "<" + token + "@smtp-ping.test>"},
                          {"X-Smtp-Ping-Token", token}},
                         body);
}

}  // namespace smtp_ping::test
