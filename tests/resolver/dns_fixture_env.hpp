#pragma once

// The DNS fixture's contract, BUILD/tests/dns/dns.env (tests/dns/README.md): KEY=VALUE lines,
// "#" comments, lists comma-separated, every key prefixed SMTP_PING_DNS_.

#include <map>
#include <string>
#include <vector>

namespace smtp_ping::test {

class DnsFixtureEnv {
 public:
  // Reads the file named by $SMTP_PING_DNS_ENV_FILE; empty when there is none (see ok()).
  static const DnsFixtureEnv& get();

  bool ok() const { return !values_.empty(); }
  const std::string& problem() const { return problem_; }
  // The value of SMTP_PING_DNS_<key>; "" when absent.
  std::string operator[](const std::string& key) const;
  std::vector<std::string> list(const std::string& key) const;

 private:
  std::map<std::string, std::string> values_;
  std::string problem_;
};

}  // namespace smtp_ping::test
