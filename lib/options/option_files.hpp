#pragma once

#include <string>

#include "common/deadline.hpp"
#include "common/user_file.hpp"
#include "probe/probe_options.hpp"

namespace smtp_ping {

// Files named by options, read once while the options are parsed, through
// read_user_file(): only regular files, within `access`, bounded in size and
// time. Each throws UsageError naming the option.

// --password-file: its first line (a CR before the LF dropped), at most 16 KiB.
std::string read_password_file(const std::string& path, const FileAccess& access, const Deadline& deadline);

// --cafile (4 MiB, when verifying), --client-cert and --client-key (1 MiB each)
// into tls's *_pem fields; --capath only checked against `access` (OpenSSL
// reads the hashed files in it when it needs one).
void load_tls_files(TlsOptions& tls, const FileAccess& access, const Deadline& deadline);

}  // namespace smtp_ping
