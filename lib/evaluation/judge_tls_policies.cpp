#include "evaluation/judge_tls_policies.hpp"

#include "policy/mta_sts_record.hpp"
#include "policy/tls_rpt_record.hpp"
#include <cctype>

namespace smtp_ping {
namespace {

using policy::DaneApplies;
using policy::MtaStsMode;
using resolver::Answer;

Finding finding(State state, DaneFinding detail) { return Finding{state, TlsPolicyFinding{std::move(detail)}}; }
Finding finding(State state, MtaStsFinding detail) { return Finding{state, TlsPolicyFinding{std::move(detail)}}; }
Finding finding(State state, TlsRptFinding detail) { return Finding{state, TlsPolicyFinding{std::move(detail)}}; }

ResultNode policy_node(const std::string& name) {
  ResultNode node;
  node.name = name;
  node.policy = true;
  return node;
}

std::vector<std::string> txt_texts(const Answer& answer) {
  std::vector<std::string> texts;
  for (const auto& record : answer.records)
    if (const auto* txt = std::get_if<resolver::TxtRecord>(&record)) texts.push_back(txt->joined());
  return texts;
}

bool lookup_failed(const std::optional<Answer>& answer) {
  return !answer || !answer->answered() ||
         (answer->rcode != resolver::rcode::noerror && answer->rcode != resolver::rcode::nxdomain);
}

// ---- DANE ----------------------------------------------------------------------

std::vector<DaneRecord> all_records(const std::optional<Answer>& answer) {
  std::vector<DaneRecord> records;
  if (!answer) return records;
  for (const auto& record : answer->records)
    if (const auto* tlsa = std::get_if<resolver::TlsaRecord>(&record))
      records.push_back({tlsa->usage, tlsa->selector, tlsa->matching_type, tlsa->data});
  return records;
}

// Another usable record that does not depend on the current leaf: one that matches no
// presented certificate at depth 0 (a DANE-TA record, or the next key published ahead).
bool rollover_ready(const DaneOutcome& outcome, const std::vector<DaneRecord>& usable) {
  for (std::size_t i = 0; i < usable.size() && i < outcome.record_depths.size(); ++i)
    if (outcome.record_depths[i] != 0) return true;
  return false;
}

// One address of a DANE exchange: its handshake's outcome.
void judge_dane_target(const DomainTarget& target, const DaneLookup& lookup, ResultNode& node,
                       DaneExchangeFacts& facts) {
  DaneTargetResult result;
  result.address = target.address;
  const Report* report = target.report ? &*target.report : nullptr;
  const std::optional<TlsFacts>* tls = report ? &report->tls : nullptr;
  if (tls && *tls && (*tls)->dane) {
    result.probed_tls = true;
    result.outcome = (*tls)->dane;
    if (!facts.rollover_ready && (*tls)->dane->authenticated)
      facts.rollover_ready = rollover_ready(*(*tls)->dane, lookup.records);
  }
  if (report && report->failure) result.error = report->failure->message;
  DaneFinding detail;
  detail.exchange = lookup.exchange;
  detail.address = target.address;
  detail.applies = lookup.applies;
  if (result.outcome && result.outcome->authenticated) {
    detail.kind = DaneFinding::Kind::matched;
    if (result.outcome->matched && *result.outcome->matched < lookup.records.size())
      detail.records = {lookup.records[*result.outcome->matched]};
    detail.depth = result.outcome->matched_depth;
    node.findings.push_back(finding(State::ok, detail));
  } else if (result.outcome) {
    detail.kind = DaneFinding::Kind::mismatch;
    detail.records = lookup.records;
    detail.presented = result.outcome->chain;
    detail.detail = result.error;
    node.findings.push_back(finding(State::critical, detail));
  } else if (report && report->failure &&
             (report->failure->phase == Phase::starttls || report->failure->phase == Phase::tls)) {
    detail.kind = DaneFinding::Kind::handshake_failed;  // DANE senders defer: no authenticated session
    detail.records = lookup.records;
    detail.detail = report->failure->message;
    node.findings.push_back(finding(State::critical, detail));
  }
  // Not reached (connect, greeting): the exchange's own node says so; DANE has nothing to judge.
  facts.targets.push_back(std::move(result));
}

ResultNode judge_dane_exchange(const DomainResult& result, const DaneLookup& lookup) {
  ResultNode node;
  node.name = lookup.exchange;
  DaneExchangeFacts facts;
  facts.exchange = lookup.exchange;
  facts.tlsa_name = policy::tlsa_name(lookup.port, lookup.exchange);
  facts.applies = lookup.applies;
  facts.records = all_records(lookup.tlsa);
  if (lookup.tlsa) {
    facts.dnssec = resolver::dnssec_status_name(lookup.tlsa->dnssec);
    facts.answer = lookup.tlsa->summary();
  }
  const bool required = result.tls_policies.options.require_dane;
  DaneFinding detail;
  detail.exchange = lookup.exchange;
  detail.applies = lookup.applies;
  detail.records = facts.records;
  switch (lookup.applies) {
    case DaneApplies::yes:
      for (const auto& target : result.targets)
        if (target.exchange.exchange == lookup.exchange) judge_dane_target(target, lookup, node, facts);
      if (facts.rollover_ready && !*facts.rollover_ready) {
        detail.kind = DaneFinding::Kind::not_rollover_ready;
        detail.records = lookup.records;
        node.findings.push_back(finding(State::ok, detail));
      }
      break;
    case DaneApplies::bogus:
      detail.kind = DaneFinding::Kind::bogus;
      detail.detail = lookup.tlsa ? lookup.tlsa->why_bogus : std::string();
      node.findings.push_back(finding(State::critical, detail));
      break;
    case DaneApplies::failed:
      detail.kind = DaneFinding::Kind::lookup_failed;
      detail.detail = lookup.tlsa ? lookup.tlsa->summary() : std::string();
      node.findings.push_back(finding(State::critical, detail));
      break;
    case DaneApplies::no_tlsa:
    case DaneApplies::insecure:
    case DaneApplies::unusable:
      detail.kind = DaneFinding::Kind::no_dane;
      node.findings.push_back(finding(required ? State::critical : State::ok, detail));
      break;
  }
  node.facts.push_back(TlsPolicyFacts{std::move(facts)});
  return node;
}

ResultNode judge_dane(const DomainResult& result) {
  ResultNode node = policy_node("dane");
  for (const auto& lookup : result.tls_policies.dane) node.children.push_back(judge_dane_exchange(result, lookup));
  return node;
}

// ---- MTA-STS -------------------------------------------------------------------

State broken(const DomainResult& result) {
  return result.tls_policies.options.require_mta_sts ? State::critical : State::warning;
}

bool content_type_is_text_plain(const std::string& content_type) {
  std::string type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return type == "text/plain";
}

// The fetch's problems; true when a policy text is there to parse.
bool judge_fetch(const DomainResult& result, const MtaStsLookup& lookup, ResultNode& node, MtaStsFacts& facts) {
  const auto& fetched = *lookup.fetched;
  facts.http_status = fetched.status ? std::optional<long>(fetched.status) : std::nullopt;
  facts.content_type = fetched.content_type;
  facts.policy_bytes = fetched.body.size();
  facts.fetch_seconds = fetched.seconds;
  MtaStsFinding detail;
  detail.subject = lookup.url;
  if (fetched.too_large) {
    detail.kind = MtaStsFinding::Kind::too_large;
    detail.detail = std::to_string(policy::kMaxMtaStsPolicyBytes);
  } else if (fetched.status >= 300 && fetched.status < 400) {
    detail.kind = MtaStsFinding::Kind::redirect;
    detail.detail = std::to_string(fetched.status) + (fetched.location.empty() ? "" : " " + fetched.location);
  } else if (!fetched.transferred) {
    detail.kind = MtaStsFinding::Kind::fetch_failed;
    detail.detail = fetched.error;
  } else if (fetched.status != 200) {
    detail.kind = MtaStsFinding::Kind::http_status;
    detail.detail = std::to_string(fetched.status);
  } else if (!content_type_is_text_plain(fetched.content_type)) {
    detail.kind = MtaStsFinding::Kind::content_type;
    detail.detail = fetched.content_type;
  } else {
    return true;
  }
  node.findings.push_back(finding(broken(result), detail));
  return false;
}

// Whether the exchange presented a certificate valid for its name: from its targets' handshakes.
MtaStsMxMatch certificate_of(const DomainResult& result, const std::string& exchange) {
  MtaStsMxMatch match;
  match.exchange = exchange;
  for (const auto& target : result.targets) {
    if (target.exchange.exchange != exchange || !target.report) continue;
    const Report& report = *target.report;
    const bool tls_phase = report.failure && (report.failure->phase == Phase::tls || report.failure->phase == Phase::starttls);
    if (tls_phase) {
      match.certificate_valid = false;
      match.certificate_error = target.address + ": " + report.failure->message;
      return match;
    }
    if (report.tls && report.tls->verified && !match.certificate_valid) match.certificate_valid = true;
  }
  return match;
}

void judge_mx_patterns(const DomainResult& result, const policy::MtaStsPolicy& policy, ResultNode& node,
                       MtaStsFacts& facts) {
  const State violation = policy.mode == MtaStsMode::enforce ? State::critical : State::warning;
  if (!result.dns) return;
  for (const auto& exchange : result.dns->exchanges) {
    MtaStsMxMatch match = certificate_of(result, exchange.exchange.exchange);
    for (const auto& pattern : policy.mx)
      if (policy::mx_pattern_matches(pattern, exchange.exchange.exchange)) {
        match.pattern = pattern;
        break;
      }
    MtaStsFinding detail;
    detail.subject = exchange.exchange.exchange;
    detail.mode = policy.mode;
    if (!match.pattern) {
      detail.kind = MtaStsFinding::Kind::mx_not_covered;
      detail.items = policy.mx;
      node.findings.push_back(finding(violation, detail));
      match.state = violation;
    }
    if (match.certificate_valid == false) {
      detail.kind = MtaStsFinding::Kind::certificate_invalid;
      detail.items.clear();
      detail.detail = match.certificate_error;
      node.findings.push_back(finding(violation, detail));
      match.state = violation;
    }
    facts.mx.push_back(std::move(match));
  }
}

void judge_policy(const DomainResult& result, const MtaStsLookup& lookup, ResultNode& node, MtaStsFacts& facts) {
  policy::MtaStsPolicy policy = policy::parse_mta_sts_policy(lookup.fetched->body);
  facts.policy = policy;
  MtaStsFinding detail;
  detail.subject = lookup.url;
  detail.mode = policy.mode;
  if (!policy.unknown_keys.empty()) {
    detail.kind = MtaStsFinding::Kind::unknown_keys;
    detail.items = policy.unknown_keys;
    node.findings.push_back(finding(State::ok, detail));
  }
  if (!policy.ip_literals.empty()) {
    detail.kind = MtaStsFinding::Kind::ip_literals;
    detail.items = policy.ip_literals;
    node.findings.push_back(finding(State::ok, detail));
  }
  if (!policy.valid) {
    detail.kind = MtaStsFinding::Kind::invalid_policy;
    detail.items = policy.problems;
    node.findings.push_back(finding(broken(result), detail));
    return;
  }
  if (policy.mode == MtaStsMode::none) {
    detail.kind = MtaStsFinding::Kind::mode_none;
    detail.items.clear();
    node.findings.push_back(finding(result.tls_policies.options.require_mta_sts ? State::critical : State::ok, detail));
    return;
  }
  judge_mx_patterns(result, policy, node, facts);
}

ResultNode judge_mta_sts(const DomainResult& result) {
  ResultNode node = policy_node("mta-sts");
  const MtaStsLookup& lookup = *result.tls_policies.mta_sts;
  MtaStsFacts facts;
  facts.url = lookup.url;
  MtaStsFinding detail;
  detail.subject = "_mta-sts." + result.domain;
  const auto records = lookup.txt && lookup.txt->has_records() ? txt_texts(*lookup.txt) : std::vector<std::string>{};
  std::vector<std::string> sts;
  for (const auto& text : records)
    if (policy::is_mta_sts_record(text)) sts.push_back(text);
  if (!sts.empty()) facts.record_text = sts.front();
  const policy::MtaStsRecord record = sts.empty() ? policy::MtaStsRecord{} : policy::parse_mta_sts_record(sts.front());
  facts.id = record.id;
  if (lookup_failed(lookup.txt)) {
    detail.kind = MtaStsFinding::Kind::lookup_failed;
    detail.detail = lookup.txt ? lookup.txt->summary() : std::string();
    node.findings.push_back(finding(broken(result), detail));
  } else if (sts.empty()) {
    detail.kind = MtaStsFinding::Kind::no_record;
    node.findings.push_back(finding(result.tls_policies.options.require_mta_sts ? State::critical : State::ok, detail));
  } else if (sts.size() > 1) {
    detail.kind = MtaStsFinding::Kind::several_records;
    detail.items = sts;
    node.findings.push_back(finding(broken(result), detail));
  } else if (!record.valid) {
    detail.kind = MtaStsFinding::Kind::malformed_record;
    detail.items = record.problems;
    detail.detail = sts.front();
    node.findings.push_back(finding(broken(result), detail));
  } else if (!lookup.fetched) {
    detail.kind = MtaStsFinding::Kind::no_policy_host;
    detail.subject = lookup.url;
    detail.detail = lookup.host_a ? lookup.host_a->summary() : std::string();
    node.findings.push_back(finding(broken(result), detail));
  } else if (judge_fetch(result, lookup, node, facts)) {
    judge_policy(result, lookup, node, facts);
  }
  node.facts.push_back(TlsPolicyFacts{std::move(facts)});
  return node;
}

// ---- TLS-RPT -------------------------------------------------------------------

ResultNode judge_tls_rpt(const DomainResult& result) {
  ResultNode node = policy_node("tls-rpt");
  const TlsRptLookup& lookup = *result.tls_policies.tls_rpt;
  TlsRptFacts facts;
  if (lookup.txt && lookup.txt->has_records())
    for (const auto& text : txt_texts(*lookup.txt))
      if (policy::is_tls_rpt_record(text)) facts.records.push_back(text);
  TlsRptFinding detail;
  if (lookup_failed(lookup.txt)) {
    detail.kind = TlsRptFinding::Kind::lookup_failed;
    detail.detail = lookup.txt ? lookup.txt->summary() : std::string();
    node.findings.push_back(finding(State::warning, detail));
  } else if (facts.records.empty()) {
    detail.kind = TlsRptFinding::Kind::missing;
    node.findings.push_back(finding(result.tls_policies.options.require_tls_rpt ? State::critical : State::ok, detail));
  } else if (facts.records.size() > 1) {
    detail.kind = TlsRptFinding::Kind::several_records;
    detail.problems = facts.records;
    node.findings.push_back(finding(State::warning, detail));
  } else {
    const policy::TlsRptRecord record = policy::parse_tls_rpt_record(facts.records.front());
    facts.rua = record.rua;
    if (!record.valid) {
      detail.kind = TlsRptFinding::Kind::malformed;
      detail.problems = record.problems;
      detail.detail = facts.records.front();
      node.findings.push_back(finding(State::warning, detail));
    }
  }
  node.facts.push_back(TlsPolicyFacts{std::move(facts)});
  return node;
}

}  // namespace

std::vector<ResultNode> judge_tls_policies(const DomainResult& result) {
  std::vector<ResultNode> nodes;
  if (result.interruption || !result.dns) return nodes;
  const TlsPolicies& policies = result.tls_policies;
  if (policies.options.dane) nodes.push_back(judge_dane(result));
  if (policies.mta_sts) nodes.push_back(judge_mta_sts(result));
  if (policies.tls_rpt) nodes.push_back(judge_tls_rpt(result));
  for (auto& node : nodes) settle(node);
  return nodes;
}

}  // namespace smtp_ping
