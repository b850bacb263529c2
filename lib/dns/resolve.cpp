#include "dns/resolve.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>
#include <string_view>

#include "probe/probe_options.hpp"

namespace smtp_ping {
namespace {

int to_ai_family(AddressFamily family) {
  switch (family) {
    case AddressFamily::ipv4: return AF_INET;
    case AddressFamily::ipv6: return AF_INET6;
    case AddressFamily::any: return AF_UNSPEC;
  }
  return AF_UNSPEC;
}

struct AddrinfoFree {
  void operator()(addrinfo* list) const { freeaddrinfo(list); }
};
using AddrinfoList = std::unique_ptr<addrinfo, AddrinfoFree>;

std::vector<SocketAddress> to_addresses(const addrinfo* list) {
  std::vector<SocketAddress> out;
  for (const addrinfo* ai = list; ai; ai = ai->ai_next) {
    if (ai->ai_addrlen > sizeof(sockaddr_storage)) continue;
    SocketAddress address;
    std::memcpy(&address.storage, ai->ai_addr, ai->ai_addrlen);
    address.length = ai->ai_addrlen;
    bool duplicate = false;
    for (const auto& seen : out)
      duplicate = duplicate || (seen.length == address.length &&
                                std::memcmp(&seen.storage, &address.storage, address.length) == 0);
    if (!duplicate) out.push_back(address);
  }
  return out;
}

addrinfo stream_hints(int family, int flags) {
  addrinfo hints{};
  hints.ai_family = family;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_protocol = IPPROTO_TCP;
  hints.ai_flags = flags;
  return hints;
}

// A getaddrinfo_a request that may outlive the call: when the deadline passes
// and glibc cannot cancel the lookup, its thread still writes into the request,
// so the request is deliberately leaked instead of freed under it.
struct AsyncLookup {
  std::string host;
  std::string service;
  addrinfo hints{};
  gaicb request{};
};

AddrinfoList lookup_with_deadline(const std::string& host, const std::string& service,
                                  const addrinfo& hints, const Deadline& deadline) {
  auto lookup = std::make_unique<AsyncLookup>();
  lookup->host = host;
  lookup->service = service;
  lookup->hints = hints;
  lookup->request.ar_name = lookup->host.c_str();
  lookup->request.ar_service = lookup->service.empty() ? nullptr : lookup->service.c_str();
  lookup->request.ar_request = &lookup->hints;
  gaicb* list[1] = {&lookup->request};
  if (int rc = getaddrinfo_a(GAI_NOWAIT, list, 1, nullptr); rc != 0)
    throw ResolveError(std::string("cannot start lookup: ") + gai_strerror(rc), false);

  // A signal interrupts gai_suspend(); one that comes just before it is seen
  // within a slice (gai_suspend returns at once when the answer arrives).
  const bool interruptible = deadline.wake_fd() >= 0;
  const auto slice = std::chrono::milliseconds(interruptible ? 50 : 2'000'000'000);
  for (int round = 0; gai_error(&lookup->request) == EAI_INPROGRESS && round < 1'000'000; ++round) {
    if (deadline.interrupted()) break;
    const auto left = std::min<Clock::duration>(deadline.remaining(), slice);
    if (left <= Clock::duration::zero()) break;
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(left).count();
    timespec wait{static_cast<time_t>(ns / 1'000'000'000), static_cast<long>(ns % 1'000'000'000)};
    const gaicb* waiting[1] = {&lookup->request};
    gai_suspend(waiting, 1, &wait);
  }

  const int status = gai_error(&lookup->request);
  if (status == EAI_INPROGRESS) {
    if (gai_cancel(&lookup->request) != EAI_CANCELED) lookup.release();  // see AsyncLookup
    if (deadline.interrupted())
      throw ResolveError("interrupted by " + signal_name(deadline.interrupting_signal()), false, true);
    throw ResolveError("no answer from the resolver before the deadline", true);
  }
  AddrinfoList result(lookup->request.ar_result);
  if (status != 0) throw ResolveError(gai_strerror(status), false);
  return result;
}

}  // namespace

std::string SocketAddress::host() const {
  char text[INET6_ADDRSTRLEN] = {};
  switch (family()) {
    case AF_INET:
      inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(&storage)->sin_addr, text, sizeof text);
      return text;
    case AF_INET6:
      inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(&storage)->sin6_addr, text, sizeof text);
      return text;
    case AF_UNIX:
      return reinterpret_cast<const sockaddr_un*>(&storage)->sun_path;
    default:
      return "?";
  }
}

std::uint16_t SocketAddress::port() const {
  switch (family()) {
    case AF_INET: return ntohs(reinterpret_cast<const sockaddr_in*>(&storage)->sin_port);
    case AF_INET6: return ntohs(reinterpret_cast<const sockaddr_in6*>(&storage)->sin6_port);
    default: return 0;
  }
}

std::string SocketAddress::host_port() const {
  switch (family()) {
    case AF_INET: return host() + ":" + std::to_string(port());
    case AF_INET6: return "[" + host() + "]:" + std::to_string(port());
    default: return host();
  }
}

std::vector<SocketAddress> resolve_host(const std::string& host, std::uint16_t port,
                                        AddressFamily family, const Deadline& deadline) {
  const std::string service = std::to_string(port);
  const int ai_family = to_ai_family(family);

  addrinfo numeric_hints = stream_hints(ai_family, AI_NUMERICHOST | AI_NUMERICSERV);
  addrinfo* numeric = nullptr;
  if (getaddrinfo(host.c_str(), service.c_str(), &numeric_hints, &numeric) == 0) {
    AddrinfoList owned(numeric);
    return to_addresses(owned.get());
  }
  if (family != AddressFamily::any) {
    // A literal of the other family: say so instead of "Name or service not known".
    addrinfo any_hints = stream_hints(AF_UNSPEC, AI_NUMERICHOST | AI_NUMERICSERV);
    addrinfo* other = nullptr;
    if (getaddrinfo(host.c_str(), service.c_str(), &any_hints, &other) == 0) {
      freeaddrinfo(other);
      throw ResolveError(std::string("address is not ") +
                             (family == AddressFamily::ipv4 ? "IPv4" : "IPv6"),
                         false);
    }
  }
  AddrinfoList list = lookup_with_deadline(host, service, stream_hints(ai_family, AI_NUMERICSERV), deadline);
  auto addresses = to_addresses(list.get());
  if (addresses.empty()) throw ResolveError("no usable address", false);
  return addresses;
}

SocketAddress numeric_address(const std::string& host, std::uint16_t port) {
  addrinfo hints = stream_hints(AF_UNSPEC, AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE);
  addrinfo* list = nullptr;
  const std::string service = std::to_string(port);
  if (int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &list); rc != 0)
    throw ResolveError("not a numeric address: " + host, false);
  AddrinfoList owned(list);
  return to_addresses(owned.get()).at(0);
}

SocketAddress unix_socket_address(const std::string& path) {
  SocketAddress address;
  sockaddr_un un{};
  if (path.size() >= sizeof un.sun_path) throw ResolveError("socket path too long", false);
  un.sun_family = AF_UNIX;
  std::memcpy(un.sun_path, path.data(), path.size());
  std::memcpy(&address.storage, &un, sizeof un);
  address.length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + path.size() + 1);
  return address;
}

namespace {
SocketAddress socket_name(int fd, bool peer) {
  SocketAddress address;
  address.length = sizeof address.storage;
  auto* raw = reinterpret_cast<sockaddr*>(&address.storage);
  const int rc = peer ? getpeername(fd, raw, &address.length) : getsockname(fd, raw, &address.length);
  if (rc != 0) address.length = 0;
  return address;
}
}  // namespace

SocketAddress local_address_of(int fd) { return socket_name(fd, false); }
SocketAddress peer_address_of(int fd) { return socket_name(fd, true); }

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
