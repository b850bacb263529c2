#include "output/policy_json.hpp"

#include "output/dns_answer_json.hpp"
#include "output/json_report.hpp"
#include "output/safe_text.hpp"

namespace smtp_ping {
namespace {

using nlohmann::json;

std::string safe(const std::string& text) { return safe_text(text, 1024); }

json safe_list(const std::vector<std::string>& items) {
  json list = json::array();
  for (const auto& item : items) list.push_back(safe(item));
  return list;
}

json optional_answer(const std::optional<resolver::Answer>& answer) {
  return answer ? dns_answer_json(*answer) : json(nullptr);
}

json spf_record_json(const policy::SpfRecord& record) {
  json terms = json::array();
  for (const auto& term : record.terms)
    terms.push_back({{"kind", policy::spf_term_kind_name(term.kind)},
                     {"text", safe(term.text)},
                     {"counts_as_lookup", policy::counts_as_lookup(term)},
                     {"macros", term.has_macros}});
  json error = nullptr;
  if (record.error)
    error = {{"problem", policy::spf_syntax_problem_name(record.error->problem)},
             {"term_index", record.error->term_index},
             {"term", safe(record.error->term)}};
  return {{"valid", record.valid()}, {"terms", terms}, {"error", error}};
}

json spf_node_json(const policy::SpfNode& node) {
  return {{"domain", safe(node.domain)},
          {"via", node.via ? json(policy::spf_term_kind_name(*node.via)) : json(nullptr)},
          {"parent", node.parent.empty() ? json(nullptr) : json(safe(node.parent))},
          {"depth", node.depth},
          {"answer", optional_answer(node.answer)},
          {"records", safe_list(node.records)},
          {"record", node.record ? spf_record_json(*node.record) : json(nullptr)},
          {"problem", policy::spf_node_problem_name(node.problem)},
          {"lookups", node.lookups}};
}

}  // namespace

json spf_json(const SpfFacts& facts) {
  const policy::SpfCheck& spf = facts.spf;
  json nodes = json::array();
  for (const auto& node : spf.nodes) nodes.push_back(spf_node_json(node));
  json targets = json::array();
  for (const auto& target : spf.targets) {
    json answers = json::array();
    for (const auto& answer : target.answers) answers.push_back(dns_answer_json(answer));
    targets.push_back({{"term", policy::spf_term_kind_name(target.term)},
                       {"target", safe(target.target)},
                       {"void", target.is_void},
                       {"answers", answers}});
  }
  return {{"domain", safe(facts.domain)},
          {"lookups", spf.lookups},
          {"lookup_limit", policy::kSpfLookupLimit},
          {"void_lookups", spf.void_lookups},
          {"void_lookup_limit", policy::kSpfVoidLookupLimit},
          {"complete", spf.complete},
          {"queries", spf.queries},
          {"records", nodes},
          {"targets", targets}};
}

json dmarc_json(const DmarcFacts& facts) {
  const policy::DmarcCheck& dmarc = facts.dmarc;
  json record = nullptr;
  if (dmarc.record) {
    const policy::DmarcRecord& parsed = *dmarc.record;
    json problems = json::array();
    for (const auto& problem : parsed.problems)
      problems.push_back({{"problem", policy::dmarc_problem_name(problem.problem)},
                          {"tag", safe(problem.tag)},
                          {"value", safe(problem.value)}});
    record = {{"valid", parsed.valid()},
              {"p", parsed.policy ? json(policy::dmarc_policy_name(*parsed.policy)) : json(nullptr)},
              {"sp", parsed.subdomain_policy ? json(policy::dmarc_policy_name(*parsed.subdomain_policy)) : json(nullptr)},
              {"pct", parsed.percent},
              {"rua", safe_list(parsed.rua)},
              {"ruf", safe_list(parsed.ruf)},
              {"adkim", std::string(1, parsed.adkim)},
              {"aspf", std::string(1, parsed.aspf)},
              {"unknown_tags", safe_list(parsed.unknown_tags)},
              {"problems", problems}};
  }
  return {{"domain", safe(facts.domain)},
          {"name", safe(dmarc.name)},
          {"organizational_domain", dmarc.organizational_domain.empty() ? json(nullptr) : json(safe(dmarc.organizational_domain))},
          {"organizational_domain_looked_up", dmarc.organizational_looked_up},
          {"inherited", dmarc.inherited},
          {"effective_policy", dmarc.effective_policy() ? json(policy::dmarc_policy_name(*dmarc.effective_policy()))
                                                        : json(nullptr)},
          {"answer", optional_answer(dmarc.answer)},
          {"records", safe_list(dmarc.records)},
          {"record", record},
          {"floor", facts.floor ? json(policy::dmarc_policy_name(*facts.floor)) : json(nullptr)}};
}

json relay_test_json(const RelayTestRecord& relay) {
  json attempts = json::array();
  for (const auto& attempt : relay.attempts)
    attempts.push_back({{"form", safe(attempt.form.name)},
                        {"mail_from", safe(attempt.form.mail_from)},
                        {"rcpt_to", safe(attempt.form.rcpt_to)},
                        {"mail_reply", reply_to_json(attempt.mail_reply)},
                        {"rcpt_reply", reply_to_json(attempt.rcpt_reply)},
                        {"rset_reply", reply_to_json(attempt.rset_reply)},
                        {"accepted", attempt.accepted()}});
  const RelayAttempt* accepted = relay.first_accepted();
  return {{"local_domain", safe(relay.local_domain)},
          {"outside_domain", safe(relay.outside_domain)},
          {"address_literal", safe(relay.address_literal)},
          {"ran_without_auth", relay.ran_without_auth},
          {"planned", relay.planned},
          {"tried", relay.attempts.size()},
          {"open_relay", accepted != nullptr},
          {"accepted_form", accepted ? json(safe(accepted->form.name)) : json(nullptr)},
          {"attempts", attempts}};
}

}  // namespace smtp_ping
