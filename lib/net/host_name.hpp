#pragma once

#include <string>

namespace smtp_ping {

// This machine's name for EHLO: gethostname() when it is dotted, else its
// dotted name from /etc/hosts, else gethostname() as it is.
std::string local_fqdn();

}  // namespace smtp_ping
