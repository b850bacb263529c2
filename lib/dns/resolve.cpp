#include "dns/resolve.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <memory>
#include <string_view>

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

std::vector<SocketAddress> resolve_host(const std::string& host, std::uint16_t port,
                                        AddressFamily family, const Deadline& deadline) {
  const std::string service = std::to_string(port);
  const int ai_family = to_ai_family(family);

  addrinfo numeric_hints = stream_hints(ai_family, AI_NUMERICHOST | AI_NUMERICSERV);
  addrinfo* numeric = nullptr;
  if (getaddrinfo(host.c_str(), service.c_str(), &numeric_hints, &numeric) == 0) {
    AddrinfoList owned(numeric);
    return addresses_of(owned.get());
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
  auto addresses = addresses_of(list.get());
  if (addresses.empty()) throw ResolveError("no usable address", false);
  return addresses;
}

}  // namespace smtp_ping
