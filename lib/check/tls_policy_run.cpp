#include "check/tls_policy_run.hpp"

#include "policy/mta_sts_record.hpp"
#include "policy/dane_applicability.hpp"

namespace smtp_ping {
namespace {

using resolver::Answer;
using resolver::DnssecStatus;
using resolver::Query;
using resolver::RecordType;

// RFC 7672 §2.2: the MX answer and the exchange's address answers must be secure for its
// TLSA records to count.
bool addresses_secure(const resolver::MailDomain& mail, const resolver::ExchangeAddresses& exchange) {
  if (mail.mx.answer.dnssec != DnssecStatus::secure) return false;
  bool any = false;
  for (const std::optional<Answer>* answer : {&exchange.a, &exchange.aaaa}) {
    if (!*answer || !(*answer)->has_records()) continue;
    any = true;
    if ((*answer)->dnssec != DnssecStatus::secure) return false;
  }
  return any;
}

// The TXT records of an answer starting with a tag (v=STSv1, v=TLSRPTv1).
std::vector<std::string> joined_texts(const Answer& answer) {
  std::vector<std::string> texts;
  for (const auto& record : answer.records)
    if (const auto* txt = std::get_if<resolver::TxtRecord>(&record)) texts.push_back(txt->joined());
  return texts;
}

std::optional<Answer> answer_at(const std::vector<Answer>& answers, std::size_t index) {
  if (index < answers.size()) return answers[index];
  return std::nullopt;
}

}  // namespace

TlsPolicies look_up_tls_policies(resolver::Resolver& resolver, const TlsPolicyOptions& options,
                                 const std::string& domain, const resolver::MailDomain& mail, int port,
                                 const Deadline& deadline) {
  TlsPolicies policies;
  policies.options = options;
  std::vector<Query> queries;
  if (options.dane)
    for (const auto& exchange : mail.exchanges)
      queries.push_back({policy::tlsa_name(port, exchange.exchange.exchange), RecordType::tlsa});
  const std::size_t mta_sts_at = queries.size();
  if (options.mta_sts) {
    queries.push_back({"_mta-sts." + domain, RecordType::txt});
    queries.push_back({"mta-sts." + domain, RecordType::a});
    queries.push_back({"mta-sts." + domain, RecordType::aaaa});
  }
  const std::size_t tls_rpt_at = queries.size();
  const bool tls_rpt = options.tls_rpt || options.mta_sts || options.dane;
  if (tls_rpt) queries.push_back({"_smtp._tls." + domain, RecordType::txt});
  const std::vector<Answer> answers = queries.empty() ? std::vector<Answer>{} : resolver.resolve(queries, deadline);

  if (options.dane)
    for (std::size_t i = 0; i < mail.exchanges.size(); ++i) {
      DaneLookup lookup;
      lookup.exchange = mail.exchanges[i].exchange.exchange;
      lookup.port = port;
      lookup.tlsa = answer_at(answers, i);
      const policy::DaneDecision decision = policy::decide_dane(lookup.tlsa, addresses_secure(mail, mail.exchanges[i]));
      lookup.applies = decision.applies;
      lookup.records = decision.usable;
      policies.dane.push_back(std::move(lookup));
    }
  if (options.mta_sts) {
    MtaStsLookup lookup;
    lookup.txt = answer_at(answers, mta_sts_at);
    lookup.host_a = answer_at(answers, mta_sts_at + 1);
    lookup.host_aaaa = answer_at(answers, mta_sts_at + 2);
    lookup.url = "https://mta-sts." + domain + "/.well-known/mta-sts.txt";
    policies.mta_sts = std::move(lookup);
  }
  if (tls_rpt) policies.tls_rpt = TlsRptLookup{answer_at(answers, tls_rpt_at)};
  return policies;
}

ProbeOptions with_tls_policies(ProbeOptions options, const TlsPolicies& policies, const std::string& exchange,
                               const std::string& domain) {
  bool wants_tls = policies.options.mta_sts;
  for (const auto& lookup : policies.dane) {
    if (lookup.exchange != exchange || lookup.applies != policy::DaneApplies::yes || !options.tls.verify) continue;
    options.tls.dane = DaneRequest{exchange, {domain}, lookup.records};
    wants_tls = true;
  }
  if (wants_tls && options.tls.mode == TlsMode::none) options.tls.mode = TlsMode::starttls;
  return options;
}

void fetch_mta_sts_policy(MtaStsLookup& lookup, const TlsOptions& trust, const Deadline& deadline) {
  if (!lookup.txt || !lookup.txt->has_records()) return;
  std::vector<std::string> records;
  for (const auto& text : joined_texts(*lookup.txt))
    if (policy::is_mta_sts_record(text)) records.push_back(text);
  if (records.size() != 1 || !policy::parse_mta_sts_record(records.front()).valid) return;
  const std::string host = lookup.url.substr(8, lookup.url.find('/', 8) - 8);
  mailbox::HttpsRequest request;
  request.url = lookup.url;
  std::string addresses;  // one CURLOPT_RESOLVE entry for every address (a second one would replace the first)
  for (const std::optional<Answer>* answer : {&lookup.host_a, &lookup.host_aaaa})
    if (*answer)
      for (const auto& address : (*answer)->addresses())
        addresses += (addresses.empty() ? "" : ",") + (address.find(':') != std::string::npos ? "[" + address + "]" : address);
  if (addresses.empty()) return;  // judged: the policy host has no address
  request.resolve.push_back(host + ":443:" + addresses);
  request.ca_pem = trust.ca_pem;
  request.ca_path = trust.ca_path;
  lookup.fetched = mailbox::fetch_https(request, deadline);
}

}  // namespace smtp_ping
