#pragma once

#include <string>

namespace smtp_ping {

struct AuthOptions {
  std::string mechanism;   // empty: no AUTH; "auto": strongest offered
  std::string user;
  std::string secret;      // password or OAuth token; never printed
  bool allow_plaintext = false;
};

}  // namespace smtp_ping
