#include "dns/mx.hpp"

#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netdb.h>
#include <netinet/in.h>
#include <resolv.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <memory>

#include "common/text.hpp"

namespace smtp_ping {
namespace {

constexpr std::size_t kAnswerBufferSize = 65535;
constexpr int kMaxWaitSeconds = 30;

// One private resolver context; never touches the process-wide _res.
class ResolverContext {
 public:
  explicit ResolverContext(const MxLookupOptions& options) : state_(std::make_unique<struct __res_state>()) {
    if (res_ninit(state_.get()) != 0) throw DnsLookupError("cannot initialise the resolver");
    // EDNS0 for bigger UDP answers; never fall back to TCP (glibc's TCP reads
    // have no timeout, which would break the deadline).
    state_->options |= RES_USE_EDNS0 | RES_IGNTC;
    state_->options &= ~static_cast<decltype(state_->options)>(RES_ROTATE);
    if (options.server) use_server(*options.server);
  }
  ~ResolverContext() { res_nclose(state_.get()); }
  ResolverContext(const ResolverContext&) = delete;
  ResolverContext& operator=(const ResolverContext&) = delete;

  res_state get() { return state_.get(); }

 private:
  void use_server(const DnsServer& server) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(server.port);
    if (inet_pton(AF_INET, server.address.c_str(), &address.sin_addr) != 1)
      throw DnsLookupError("not an IPv4 address: " + server.address);
    state_->nsaddr_list[0] = address;
    state_->nscount = 1;
  }

  std::unique_ptr<struct __res_state> state_;
};

enum class QueryOutcome { answered, no_data, no_such_name };

struct QueryResult {
  QueryOutcome outcome = QueryOutcome::answered;
  std::vector<unsigned char> answer;
};

std::string type_name(int type) {
  switch (type) {
    case ns_t_mx: return "MX";
    case ns_t_a: return "A";
    case ns_t_aaaa: return "AAAA";
    default: return "type " + std::to_string(type);
  }
}

// Whole seconds libresolv may wait for this query; throws when under one is left.
int wait_seconds(Deadline deadline, const std::string& what) {
  const double left = to_seconds(deadline.remaining());
  if (left < 1.0) throw DnsLookupError("timeout: no time left for the DNS query of " + what);
  return static_cast<int>(std::min(double{kMaxWaitSeconds}, left));  // truncation: floor of a positive
}

DnsLookupError query_error(int herrno, const std::string& what) {
  switch (herrno) {
    case TRY_AGAIN:
      return DnsLookupError("DNS query of " + what + " failed: no answer (timeout or SERVFAIL)");
    case NO_RECOVERY:
      return DnsLookupError("DNS query of " + what + " failed: refused or malformed");
    default:
      return DnsLookupError("DNS query of " + what + " failed: " + hstrerror(herrno));
  }
}

QueryResult query(ResolverContext& context, const std::string& name, int type, Deadline deadline) {
  const std::string what = type_name(type) + " " + name;
  res_state state = context.get();
  state->retrans = wait_seconds(deadline, what);
  state->retry = 1;
  QueryResult result;
  result.answer.resize(kAnswerBufferSize);
  const int length = res_nquery(state, name.c_str(), ns_c_in, type, result.answer.data(),
                                static_cast<int>(result.answer.size()));
  if (length < 0) {
    if (state->res_h_errno == NO_DATA) return {QueryOutcome::no_data, {}};
    if (state->res_h_errno == HOST_NOT_FOUND) return {QueryOutcome::no_such_name, {}};
    throw query_error(state->res_h_errno, what);
  }
  result.answer.resize(std::min(result.answer.size(), static_cast<std::size_t>(length)));
  return result;
}

// Calls `visit(message, record)` for every answer record of `type`.
template <typename Visit>
void for_each_answer(const std::vector<unsigned char>& answer, int type, Visit visit) {
  ns_msg message{};
  if (ns_initparse(answer.data(), static_cast<int>(answer.size()), &message) != 0)
    throw DnsLookupError("malformed DNS answer");
  const int count = ns_msg_count(message, ns_s_an);
  for (int index = 0; index < count; ++index) {
    ns_rr record{};
    if (ns_parserr(&message, ns_s_an, index, &record) != 0) {
      if (ns_msg_getflag(message, ns_f_tc)) break;  // truncated: keep what arrived
      throw DnsLookupError("malformed DNS answer record");
    }
    if (ns_rr_type(record) == type) visit(message, record);
  }
}

std::string without_trailing_dot(std::string name) {
  if (name.size() > 1 && name.back() == '.') name.pop_back();
  return name;
}

std::vector<MailExchange> parse_mx_answer(const std::vector<unsigned char>& answer) {
  std::vector<MailExchange> exchanges;
  for_each_answer(answer, ns_t_mx, [&](const ns_msg& message, const ns_rr& record) {
    if (ns_rr_rdlen(record) < 3) throw DnsLookupError("malformed MX record");
    const unsigned char* rdata = ns_rr_rdata(record);
    std::array<char, NS_MAXDNAME> name{};
    if (dn_expand(ns_msg_base(message), ns_msg_end(message), rdata + NS_INT16SZ, name.data(),
                  static_cast<int>(name.size())) < 0)
      throw DnsLookupError("malformed MX exchange name");
    exchanges.push_back({static_cast<int>(ns_get16(rdata)), without_trailing_dot(name.data()), {}});
  });
  return exchanges;
}

void append_addresses(ResolverContext& context, const std::string& host, int type, int family,
                      std::size_t size, Deadline deadline, std::vector<std::string>& addresses) {
  const QueryResult result = query(context, host, type, deadline);
  if (result.outcome != QueryOutcome::answered) return;
  for_each_answer(result.answer, type, [&](const ns_msg&, const ns_rr& record) {
    if (ns_rr_rdlen(record) != size) throw DnsLookupError("malformed " + type_name(type) + " record");
    std::array<char, INET6_ADDRSTRLEN> text{};
    if (inet_ntop(family, ns_rr_rdata(record), text.data(), text.size()) == nullptr) return;
    if (std::find(addresses.begin(), addresses.end(), text.data()) == addresses.end())
      addresses.emplace_back(text.data());
  });
}

std::vector<std::string> resolve_addresses(ResolverContext& context, const std::string& host,
                                           Deadline deadline) {
  std::vector<std::string> addresses;
  append_addresses(context, host, ns_t_a, AF_INET, NS_INADDRSZ, deadline, addresses);
  append_addresses(context, host, ns_t_aaaa, AF_INET6, NS_IN6ADDRSZ, deadline, addresses);
  return addresses;
}

bool is_null_mx(const std::vector<MailExchange>& exchanges) {
  return exchanges.size() == 1 && (exchanges.front().host == "." || exchanges.front().host.empty());
}

std::vector<MailExchange> implicit_exchange(ResolverContext& context, const std::string& domain,
                                            Deadline deadline) {
  MailExchange exchange{0, without_trailing_dot(domain), resolve_addresses(context, domain, deadline)};
  if (exchange.addresses.empty()) return {};
  return {exchange};
}

void sort_by_preference(std::vector<MailExchange>& exchanges) {
  std::sort(exchanges.begin(), exchanges.end(), [](const MailExchange& a, const MailExchange& b) {
    return a.preference != b.preference ? a.preference < b.preference : a.host < b.host;
  });
}

}  // namespace

DnsServer parse_dns_server(std::string_view text) {
  DnsServer server;
  const auto colon = text.find(':');
  server.address = std::string(text.substr(0, colon));
  in_addr ignored{};
  if (server.address.empty() || inet_pton(AF_INET, server.address.c_str(), &ignored) != 1)
    throw std::invalid_argument("DNS server must be a numeric IPv4 address[:port]: '" +
                                std::string(text) + "'");
  if (colon == std::string_view::npos) return server;
  const std::string_view port_text = text.substr(colon + 1);
  const auto port = parse_port(port_text);
  if (!port) throw std::invalid_argument("DNS server port must be 1-65535: '" + std::string(text) + "'");
  server.port = *port;
  return server;
}

std::vector<MailExchange> lookup_mx(const std::string& domain, const MxLookupOptions& options,
                                    Deadline deadline) {
  if (domain.empty()) throw DnsLookupError("no domain given");
  ResolverContext context(options);
  const QueryResult result = query(context, domain, ns_t_mx, deadline);
  if (result.outcome == QueryOutcome::no_such_name)
    throw DnsLookupError("domain " + domain + " does not exist (NXDOMAIN)");
  if (result.outcome == QueryOutcome::no_data) return implicit_exchange(context, domain, deadline);
  std::vector<MailExchange> exchanges = parse_mx_answer(result.answer);
  if (is_null_mx(exchanges)) return {};
  for (MailExchange& exchange : exchanges)
    exchange.addresses = resolve_addresses(context, exchange.host, deadline);
  sort_by_preference(exchanges);
  return exchanges;
}

}  // namespace smtp_ping
