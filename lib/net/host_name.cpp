#include "net/host_name.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string_view>

namespace smtp_ping {

namespace {

// The next whitespace-separated field of `line`, consumed from it.
std::string_view next_field(std::string_view& line) {
  const auto start = line.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return line = {};
  line.remove_prefix(start);
  const auto end = std::min(line.find_first_of(" \t\r\n"), line.size());
  const std::string_view field = line.substr(0, end);
  line.remove_prefix(end);
  return field;
}

// The canonical name of one hosts(5) line when it names `host` and is dotted.
std::string_view dotted_name_for(std::string_view line, std::string_view host) {
  line = line.substr(0, line.find('#'));
  const std::string_view address = next_field(line);
  const std::string_view canonical = next_field(line);
  if (address.empty() || canonical.empty()) return {};
  bool names_host = canonical == host;
  for (std::string_view alias = next_field(line); !names_host && !alias.empty(); alias = next_field(line))
    names_host = alias == host;
  return names_host && canonical.find('.') != std::string_view::npos ? canonical : std::string_view{};
}

struct FileClose {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

// The dotted name /etc/hosts gives `host` (Debian writes "127.0.1.1 host.example.org host").
// stdio, not <fstream>: this runs in every check, and a stream's locale set-up
// costs more than reading the file.
std::string hosts_file_fqdn(const std::string& host, const char* hosts_path) {
  std::unique_ptr<std::FILE, FileClose> hosts(std::fopen(hosts_path, "re"));
  if (!hosts) return {};
  char line[1024];
  for (int count = 0; count < 10'000 && std::fgets(line, sizeof line, hosts.get()); ++count) {
    const bool whole_line = std::strchr(line, '\n') != nullptr || std::feof(hosts.get());
    const std::string_view name = dotted_name_for(line, host);
    if (whole_line && !name.empty()) return std::string(name);
    if (!whole_line)  // an overlong line: skip its rest rather than read it as lines of its own
      for (int c = 0; c != '\n' && c != EOF;) c = std::fgetc(hosts.get());
  }
  return {};
}

}  // namespace

std::string local_fqdn() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') return "localhost";
  const std::string host(name);
  if (host.find('.') != std::string::npos) return host;
  // Not getaddrinfo(AI_CANONNAME): it may ask DNS, which costs every check
  // milliseconds or, with a broken resolver, its whole deadline.
  const std::string fqdn = hosts_file_fqdn(host, "/etc/hosts");
  return fqdn.empty() ? host : fqdn;
}

}  // namespace smtp_ping
