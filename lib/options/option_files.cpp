#include "options/option_files.hpp"

#include <sys/stat.h>

#include "options/check_config.hpp"

namespace smtp_ping {
namespace {

constexpr std::size_t kPasswordFileBytes = 16 * 1024;  // a long OAuth token still fits
constexpr std::size_t kCaFileBytes = 4 * 1024 * 1024;  // Debian's whole bundle is about 0.2 MiB
constexpr std::size_t kCertificateFileBytes = 1024 * 1024;

std::string whole_file(const char* option, const std::string& path, std::size_t max_bytes, const FileAccess& access,
                       const Deadline& deadline) {
  try {
    FileContent content = read_user_file(path, max_bytes, access, deadline);
    if (!content.complete)
      throw FileError("'" + path + "' is larger than " + std::to_string(max_bytes) + " bytes");
    return std::move(content.bytes);
  } catch (const FileError& error) {
    throw UsageError(std::string(option) + ": " + error.what());
  }
}

}  // namespace

std::string read_password_file(const std::string& path, const FileAccess& access, const Deadline& deadline) {
  FileContent content;
  try {
    content = read_user_file(path, kPasswordFileBytes, access, deadline);
  } catch (const FileError& error) {
    throw UsageError(std::string("--password-file: ") + error.what());
  }
  const auto end = content.bytes.find('\n');
  if (end == std::string::npos && !content.complete)
    throw UsageError("--password-file: the first line of '" + path + "' is longer than " +
                     std::to_string(kPasswordFileBytes) + " bytes");
  std::string secret = content.bytes.substr(0, end);
  if (!secret.empty() && secret.back() == '\r') secret.pop_back();
  return secret;
}

void load_tls_files(TlsOptions& tls, const FileAccess& access, const Deadline& deadline) {
  if (tls.ca_file && tls.verify) tls.ca_pem = whole_file("--cafile", *tls.ca_file, kCaFileBytes, access, deadline);
  if (tls.client_cert)
    tls.client_cert_pem = whole_file("--client-cert", *tls.client_cert, kCertificateFileBytes, access, deadline);
  if (tls.client_key)
    tls.client_key_pem = whole_file("--client-key", *tls.client_key, kCertificateFileBytes, access, deadline);
  if (tls.ca_path && tls.verify && !access.only_below.empty()) {
    try {
      const std::string directory = allowed_path(*tls.ca_path, access);
      struct stat seen {};
      if (::stat(directory.c_str(), &seen) != 0 || !S_ISDIR(seen.st_mode))
        throw FileError("'" + *tls.ca_path + "' is not a directory");
      tls.ca_path = directory;
    } catch (const FileError& error) {
      throw UsageError(std::string("--capath: ") + error.what());
    }
  }
}

}  // namespace smtp_ping
