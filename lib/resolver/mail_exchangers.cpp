#include "resolver/mail_exchangers.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstring>
#include <algorithm>
#include <cctype>
#include <variant>

#include "resolver/reverse_name.hpp"

namespace smtp_ping::resolver {
namespace {

std::string lowered(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Resolvers rotate an RRset's order; a stable order keeps reports and discovery stable.
bool numerically_before(const std::string& x, const std::string& y) {
  in6_addr a{};
  in6_addr b{};
  const int family = x.find(':') != std::string::npos ? AF_INET6 : AF_INET;
  if (::inet_pton(family, x.c_str(), &a) != 1 || ::inet_pton(family, y.c_str(), &b) != 1) return x < y;
  return std::memcmp(&a, &b, family == AF_INET6 ? sizeof a : sizeof(in_addr)) < 0;
}

std::string domain_of(const Answer& answer) {
  std::string domain = answer.query.name;
  if (!domain.empty() && domain.back() == '.') domain.pop_back();
  return domain;
}

}  // namespace

const char* mx_kind_name(MxKind kind) {
  switch (kind) {
    case MxKind::exchanges: return "exchanges";
    case MxKind::implicit: return "implicit MX";
    case MxKind::null_mx: return "null MX";
    case MxKind::no_domain: return "no such domain";
    case MxKind::failed: return "failed";
  }
  return "?";
}

MailExchangers interpret_mx(const Answer& mx_answer) {
  MailExchangers result;
  result.answer = mx_answer;
  if (mx_answer.no_such_name()) {
    result.kind = MxKind::no_domain;
    return result;
  }
  if (mx_answer.no_data()) {
    result.kind = MxKind::implicit;
    result.exchanges.push_back(MxRecord{0, domain_of(mx_answer)});
    return result;
  }
  if (!mx_answer.has_records()) return result;  // failed

  bool root_listed = false;
  for (const Record& record : mx_answer.records) {
    const auto* mx = std::get_if<MxRecord>(&record);
    if (!mx) continue;
    if (mx->exchange.empty())
      root_listed = true;
    else
      result.exchanges.push_back(*mx);
  }
  std::sort(result.exchanges.begin(), result.exchanges.end(), [](const MxRecord& x, const MxRecord& y) {
    if (x.preference != y.preference) return x.preference < y.preference;
    return lowered(x.exchange) < lowered(y.exchange);
  });
  result.exchanges.erase(std::unique(result.exchanges.begin(), result.exchanges.end(),
                                     [](const MxRecord& x, const MxRecord& y) { return same_name(x.exchange, y.exchange); }),
                         result.exchanges.end());
  if (result.exchanges.empty()) {
    result.kind = root_listed ? MxKind::null_mx : MxKind::failed;
    if (!root_listed) result.answer.error = "MX answer without MX records";
    return result;
  }
  result.kind = MxKind::exchanges;
  result.null_mx_among_others = root_listed;
  return result;
}

std::vector<std::string> ExchangeAddresses::addresses() const {
  std::vector<std::string> found;
  for (const auto* answer : {&a, &aaaa}) {
    if (!*answer || !(*answer)->has_records()) continue;
    std::vector<std::string> family = (*answer)->addresses();
    std::sort(family.begin(), family.end(), numerically_before);
    for (std::string& address : family)
      if (std::find(found.begin(), found.end(), address) == found.end()) found.push_back(std::move(address));
  }
  return found;
}

MailDomain resolve_mail_domain(Resolver& resolver, const std::string& domain, AddressFamilies families,
                               const Deadline& deadline) {
  MailDomain result;
  std::vector<Answer> mx = resolver.resolve({Query{domain, RecordType::mx}}, deadline);
  result.mx = interpret_mx(mx.at(0));
  if (result.mx.kind != MxKind::exchanges && result.mx.kind != MxKind::implicit) return result;

  std::vector<Query> queries;
  for (const MxRecord& exchange : result.mx.exchanges) {
    if (families.ipv4) queries.push_back(Query{exchange.exchange, RecordType::a});
    if (families.ipv6) queries.push_back(Query{exchange.exchange, RecordType::aaaa});
  }
  std::vector<Answer> answers = resolver.resolve(queries, deadline);
  std::size_t next = 0;
  for (const MxRecord& exchange : result.mx.exchanges) {
    ExchangeAddresses entry{exchange, std::nullopt, std::nullopt};
    if (families.ipv4 && next < answers.size()) entry.a = std::move(answers[next++]);
    if (families.ipv6 && next < answers.size()) entry.aaaa = std::move(answers[next++]);
    result.exchanges.push_back(std::move(entry));
  }
  return result;
}

}  // namespace smtp_ping::resolver
