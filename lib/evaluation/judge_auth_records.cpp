#include "evaluation/judge_auth_records.hpp"

namespace smtp_ping {
namespace {

using policy::SpfNodeProblem;
using Problem = AuthRecordProblem;

Finding problem(State state, Problem::Record record, Problem::Kind kind, std::string subject, std::string detail = {},
                std::string reason = {}, int count = 0) {
  return Finding{state, Problem{record, kind, std::move(subject), std::move(detail), std::move(reason), count}};
}

bool answer_failed(const std::optional<resolver::Answer>& answer) {
  if (!answer) return true;
  return !answer->answered() || (answer->rcode != resolver::rcode::noerror && answer->rcode != resolver::rcode::nxdomain);
}

// The domain's own record: missing, several, broken, not looked up.
void judge_own_spf(const policy::SpfNode& own, ResultNode& node) {
  const auto spf = Problem::Record::spf;
  switch (own.problem) {
    case SpfNodeProblem::none:
      return;
    case SpfNodeProblem::no_record:
      node.findings.push_back(problem(State::warning, spf, Problem::Kind::missing, own.domain));
      return;
    case SpfNodeProblem::several_records:
      node.findings.push_back(problem(State::warning, spf, Problem::Kind::several, own.domain, {}, {},
                                      static_cast<int>(own.records.size())));
      return;
    case SpfNodeProblem::syntax: {
      const auto& error = *own.record->error;
      node.findings.push_back(problem(State::warning, spf, Problem::Kind::syntax, own.domain, error.term,
                                      policy::spf_syntax_problem_name(error.problem),
                                      static_cast<int>(error.term_index)));
      return;
    }
    default:
      node.findings.push_back(problem(State::warning, spf, Problem::Kind::lookup_failed, own.domain,
                                      own.answer ? own.answer->summary() : std::string()));
      return;
  }
}

ResultNode judge_spf(const policy::AuthRecords& records) {
  const policy::SpfCheck& check = records.spf;
  const auto spf = Problem::Record::spf;
  ResultNode node;
  node.name = "spf";
  node.facts.push_back(SpfFacts{records.domain, check});
  if (check.nodes.empty()) return node;
  judge_own_spf(check.nodes.front(), node);
  for (std::size_t i = 1; i < check.nodes.size(); ++i) {
    const policy::SpfNode& included = check.nodes[i];
    if (included.problem == SpfNodeProblem::none || included.problem == SpfNodeProblem::not_followed) continue;
    // A target with macros depends on the message: reported, not a fault.
    const State state = included.problem == SpfNodeProblem::macro_target ? State::ok : State::warning;
    std::string detail = included.problem == SpfNodeProblem::syntax && included.record && included.record->error
                             ? included.record->error->term
                             : included.problem == SpfNodeProblem::lookup_failed && included.answer
                                   ? included.answer->summary()
                                   : std::string();
    node.findings.push_back(problem(state, spf, Problem::Kind::include_problem, included.domain, std::move(detail),
                                    policy::spf_node_problem_name(included.problem)));
  }
  if (check.lookups > policy::kSpfLookupLimit)
    node.findings.push_back(problem(State::warning, spf, Problem::Kind::too_many_lookups, records.domain, {}, {},
                                    check.lookups));
  else if (!check.complete)
    node.findings.push_back(problem(State::warning, spf, Problem::Kind::incomplete_count, records.domain, {}, {},
                                    check.lookups));
  if (check.void_lookups > policy::kSpfVoidLookupLimit)
    node.findings.push_back(problem(State::warning, spf, Problem::Kind::too_many_void_lookups, records.domain, {}, {},
                                    check.void_lookups));
  return node;
}

// Why no record counts as missing: none at the organizational domain either, the domain is its
// own organizational domain, or the organizational domain is unknown (no public suffix list).
std::string missing_reason(const policy::AuthRecords& records) {
  const policy::DmarcCheck& check = records.dmarc;
  if (check.organizational_looked_up) return "none_at_organizational_domain";
  if (check.organizational_domain == records.domain) return "organizational_domain";
  return check.organizational_domain.empty() ? "no_public_suffix_list" : "";
}

ResultNode judge_dmarc(const policy::AuthRecords& records, std::optional<policy::DmarcPolicy> floor) {
  const policy::DmarcCheck& check = records.dmarc;
  const auto dmarc = Problem::Record::dmarc;
  ResultNode node;
  node.name = "dmarc";
  node.facts.push_back(DmarcFacts{records.domain, check, floor});
  // Without a usable record every problem is below any floor.
  const State unusable = floor ? State::critical : State::warning;
  if (answer_failed(check.answer)) {
    node.findings.push_back(problem(unusable, dmarc, Problem::Kind::lookup_failed, check.name,
                                    check.answer ? check.answer->summary() : std::string()));
  } else if (check.records.empty()) {
    node.findings.push_back(problem(unusable, dmarc, Problem::Kind::missing, check.name,
                                    check.organizational_looked_up ? "_dmarc." + check.organizational_domain : "",
                                    missing_reason(records)));
  } else if (check.records.size() > 1) {
    node.findings.push_back(problem(unusable, dmarc, Problem::Kind::several, check.name, {}, {},
                                    static_cast<int>(check.records.size())));
  } else if (!check.record->valid()) {
    for (const auto& tag : check.record->problems)
      node.findings.push_back(problem(unusable, dmarc, Problem::Kind::syntax, check.name,
                                      tag.tag.empty() ? tag.value : tag.tag + "=" + tag.value,
                                      policy::dmarc_problem_name(tag.problem)));
  }
  if (!floor) return node;
  const policy::DmarcRecord* record = check.record && check.record->valid() ? &*check.record : nullptr;
  const std::optional<policy::DmarcPolicy> applied = check.effective_policy();
  const bool meets = applied && *applied >= *floor && record->percent == 100;
  if (!meets)
    node.findings.push_back(Finding{
        State::critical,
        DmarcBelowFloor{policy::dmarc_policy_name(*floor),
                        applied ? std::optional<std::string>(policy::dmarc_policy_name(*applied)) : std::nullopt,
                        record ? record->percent : 100, check.effective_tag()}});
  return node;
}

}  // namespace

ResultNode judge_auth_records(const policy::AuthRecords& records, std::optional<policy::DmarcPolicy> dmarc_floor) {
  ResultNode node;
  node.name = "auth-records";
  node.policy = true;
  node.children.push_back(judge_spf(records));
  node.children.push_back(judge_dmarc(records, dmarc_floor));
  settle(node);
  return node;
}

}  // namespace smtp_ping
