#include "output/domain_json.hpp"

#include "output/describe.hpp"
#include "output/dns_answer_json.hpp"
#include "output/domain_words.hpp"
#include "output/json_report.hpp"
#include "output/policy_json.hpp"
#include "output/safe_text.hpp"
#include "output/tls_policy_json.hpp"

namespace smtp_ping {
namespace {

using nlohmann::json;
using resolver::Answer;

std::string safe(const std::string& text) { return safe_text(text, 1024); }

const DomainTarget* target_of(const DomainResult& result, const std::string& exchange, const std::string& address) {
  for (const auto& target : result.targets)
    if (target.exchange.exchange == exchange && target.address == address) return &target;
  return nullptr;
}

json answer_json(const Answer& answer) { return dns_answer_json(answer); }

json optional_answer(const std::optional<Answer>& answer) { return answer ? answer_json(*answer) : json(nullptr); }

json fcrdns_json(const std::optional<resolver::Fcrdns>& fcrdns) {
  if (!fcrdns) return nullptr;
  json names = json::array();
  for (const auto& name : fcrdns->names)
    names.push_back({{"name", safe(name.name)}, {"confirms", name.confirms}, {"forward", answer_json(name.forward)}});
  return {{"verdict", resolver::fcrdns_verdict_name(fcrdns->verdict)},
          {"ptr", answer_json(fcrdns->ptr)},
          {"names", names},
          {"confirmed_name", fcrdns->confirmed_name ? json(safe(*fcrdns->confirmed_name)) : json(nullptr)},
          {"announced", fcrdns->announced ? json(safe(*fcrdns->announced)) : json(nullptr)},
          {"matches_announced", fcrdns->matches_announced ? json(*fcrdns->matches_announced) : json(nullptr)}};
}

json findings_json(const ResultNode& node) {
  json findings = json::array();
  for (const auto& finding : node.findings)
    findings.push_back({{"state", state_name(finding.state)}, {"text", finding_text(finding)}});
  return findings;
}

json address_json(const DomainResult& result, const std::string& exchange, const ResultNode& address) {
  const DomainTarget* target = target_of(result, exchange, address.name);
  json probe = nullptr;
  if (target && target->report) {
    ResultNode check;
    check.name = "check";
    check.children = address.children;
    settle(check);
    probe = report_to_json(*target->report, check);
  }
  return {{"address", safe(address.name)},
          {"state", state_name(address.state)},
          {"serves", serves(address)},
          {"findings", findings_json(address)},
          {"started", target ? to_seconds(target->started) : 0.0},
          {"fcrdns", target ? fcrdns_json(target->fcrdns) : json(nullptr)},
          {"probe", probe}};
}

json exchanges_json(const DomainResult& result) {
  json exchanges = json::array();
  for (std::size_t i = 0; i < result.tree.children.size(); ++i) {
    const ResultNode& node = result.tree.children[i];
    if (node.policy) continue;
    json addresses = json::array();
    for (const auto& address : node.children) addresses.push_back(address_json(result, node.name, address));
    json entry = {{"exchange", safe(node.name)}, {"state", state_name(node.state)}, {"findings", findings_json(node)},
                  {"addresses", addresses}};
    if (result.dns && i < result.dns->exchanges.size()) {
      const auto& dns = result.dns->exchanges[i];
      entry["preference"] = dns.exchange.preference;
      entry["dns"] = {{"a", optional_answer(dns.a)}, {"aaaa", optional_answer(dns.aaaa)}};
    }
    exchanges.push_back(entry);
  }
  return exchanges;
}

// --auth-records: the node's state and findings, each record's facts field by field.
json structured_findings(const ResultNode& node) {
  json findings = json::array();
  for (const auto& finding : node.findings) findings.push_back(finding_to_json(finding));
  return findings;
}

json auth_records_json(const DomainResult& result) {
  for (const auto& node : result.tree.children) {
    if (!node.policy || node.name != "auth-records") continue;
    json out = {{"state", state_name(node.state)}, {"status", static_cast<int>(node.state)},
                {"findings", structured_findings(node)}};
    for (const auto& part : node.children) {
      json entry = {{"state", state_name(part.state)}, {"findings", structured_findings(part)}};
      if (const auto* spf = fact_of<SpfFacts>(part)) entry["facts"] = spf_json(*spf);
      if (const auto* dmarc = fact_of<DmarcFacts>(part)) entry["facts"] = dmarc_json(*dmarc);
      out[part.name] = entry;
    }
    return out;
  }
  return nullptr;
}

json dns_json(const DomainResult& result) {
  if (!result.dns) return {{"error", safe(result.dns_setup_error)}};
  return {{"mx_kind", resolver::mx_kind_name(result.dns->mx.kind)},
          {"null_mx_among_others", result.dns->mx.null_mx_among_others},
          {"mx", answer_json(result.dns->mx.answer)},
          {"seconds", to_seconds(result.dns_elapsed)}};
}

}  // namespace

json domain_to_json(const DomainResult& result, const std::vector<std::string>& notes) {
  const Verdict verdict = describe_domain(result);
  json safe_notes = json::array();
  for (const auto& note : notes) safe_notes.push_back(safe(note));
  return {{"schema", 2},
          {"kind", "domain"},
          {"domain", safe(result.domain)},
          {"state", state_name(verdict.state)},
          {"status", static_cast<int>(verdict.state)},
          {"summary", safe(verdict.summary)},
          {"findings", findings_json(result.tree)},
          {"aggregation", result.tree.aggregation.rule == Aggregation::Rule::redundant ? "redundant" : "worst_of"},
          {"targets", result.targets.size()},
          {"targets_ok", serving_targets(result.tree)},
          {"dns", dns_json(result)},
          {"exchanges", exchanges_json(result)},
          {"policies", tls_policies_json(result.tree)},
          {"policy_status", tls_policy_status_json(result.tree)},
          {"auth_records", auth_records_json(result)},
          {"total", to_seconds(result.total)},
          {"perfdata", perfdata_to_json(verdict.perfdata)},
          {"notes", safe_notes}};
}

}  // namespace smtp_ping
