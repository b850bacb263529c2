#include "output/policy_words.hpp"

#include "common/text.hpp"
#include "output/safe_text.hpp"

namespace smtp_ping {
namespace {

using Problem = AuthRecordProblem;

std::string safe(const std::string& text) { return safe_text(text, 512); }

std::string record_name(Problem::Record record) { return record == Problem::Record::spf ? "SPF" : "DMARC"; }

std::string reply_words(const Reply& reply) {
  const std::string text = reply.text();
  return text.empty() ? std::to_string(reply.code) : std::to_string(reply.code) + " " + safe(text);
}

std::string plural(int count, const std::string& one, const std::string& many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

std::string include_problem_words(const std::string& reason) {
  if (reason == "no_record") return "has no SPF record (permerror)";
  if (reason == "several_records") return "has several SPF records (permerror)";
  if (reason == "syntax") return "has an invalid SPF record";
  if (reason == "lookup_failed") return "could not be looked up";
  if (reason == "loop") return "includes itself (a loop: permerror)";
  if (reason == "macro_target") return "has macros: depends on the message, not followed";
  return reason;
}

std::string spf_syntax_words(const std::string& reason) {
  if (reason == "unknown_mechanism") return "unknown mechanism";
  if (reason == "missing_argument") return "argument missing";
  if (reason == "unexpected_argument") return "takes no argument";
  if (reason == "bad_domain_spec") return "not a domain";
  if (reason == "bad_macro") return "malformed macro";
  if (reason == "bad_ip4") return "not an IPv4 address";
  if (reason == "bad_ip6") return "not an IPv6 address";
  if (reason == "bad_cidr") return "bad CIDR length";
  if (reason == "duplicate_modifier") return "modifier given twice";
  if (reason == "bad_modifier_name") return "bad modifier name";
  if (reason == "bad_character") return "a character outside the syntax";
  // DMARC tags
  if (reason == "no_policy") return "no p= policy";
  if (reason == "bad_policy") return "p= is not none, quarantine or reject";
  if (reason == "bad_subdomain_policy") return "sp= is not none, quarantine or reject";
  if (reason == "bad_percent") return "pct= is not 0 to 100";
  if (reason == "bad_alignment") return "alignment is not r or s";
  if (reason == "bad_report_uri") return "not a report URI";
  if (reason == "bad_interval") return "ri= is not a number";
  if (reason == "bad_failure_options") return "fo= is not 0, 1, d or s";
  if (reason == "bad_tag") return "not a tag=value pair";
  if (reason == "duplicate_tag") return "tag given twice";
  return reason;
}

std::string dnssec_words(const std::optional<resolver::Answer>& answer) {
  return answer ? std::string(resolver::dnssec_status_name(answer->dnssec)) : std::string("not looked up");
}

}  // namespace

std::string auth_record_problem_text(const AuthRecordProblem& problem) {
  const std::string record = record_name(problem.record);
  const std::string subject = safe(problem.subject);
  switch (problem.kind) {
    case Problem::Kind::missing:
      if (problem.reason == "none_at_organizational_domain")
        return "no " + record + " record at " + subject + " nor at " + safe(problem.detail) + " (its organizational domain)";
      if (problem.reason == "no_public_suffix_list")
        return "no " + record + " record at " + subject + " (the organizational domain is unknown: no public suffix list)";
      return "no " + record + " record at " + subject;
    case Problem::Kind::several:
      return std::to_string(problem.count) + " " + record + " records at " + subject + " (exactly one allowed)";
    case Problem::Kind::syntax:
      return record + " record at " + subject + " invalid: '" + safe(problem.detail) + "': " +
             spf_syntax_words(problem.reason);
    case Problem::Kind::lookup_failed:
      return record + " lookup failed: " + safe(problem.detail);
    case Problem::Kind::too_many_lookups:
      return "SPF needs " + std::to_string(problem.count) + " DNS lookups, over the limit of 10 (RFC 7208 4.6.4: permerror)";
    case Problem::Kind::too_many_void_lookups:
      return "SPF has " + std::to_string(problem.count) + " void lookups, over the limit of 2 (RFC 7208 4.6.4)";
    case Problem::Kind::incomplete_count:
      return "SPF lookup count incomplete (bound or deadline reached): at least " + std::to_string(problem.count);
    case Problem::Kind::include_problem:
      return "SPF include/redirect target " + subject + " " + include_problem_words(problem.reason) +
             (problem.detail.empty() ? "" : ": " + safe(problem.detail));
  }
  return record;
}

std::string dmarc_below_floor_text(const DmarcBelowFloor& below) {
  if (!below.policy) return "no usable DMARC policy, --require-dmarc=" + below.floor;
  std::string text = "DMARC " + below.tag + "=" + *below.policy;
  if (below.percent != 100) text += " pct=" + std::to_string(below.percent);
  return text + " is below --require-dmarc=" + below.floor;
}

std::string open_relay_text(const OpenRelay& relay) {
  return "open relay: " + safe(relay.form) + " accepted (MAIL FROM:<" + safe(relay.mail_from) + "> RCPT TO:<" +
         safe(relay.rcpt_to) + ">: " + reply_words(relay.reply) + ")";
}

std::string relay_test_text(const RelayTestRecord& relay) {
  int accepted = 0;
  for (const auto& attempt : relay.attempts)
    if (attempt.accepted()) ++accepted;
  std::string text = accepted ? plural(accepted, "relay form", "relay forms") + " of " +
                                    std::to_string(relay.attempts.size()) + " accepted"
                              : plural(static_cast<int>(relay.attempts.size()), "relay form", "relay forms") + " refused";
  if (relay.attempts.size() < relay.planned) text += " (" + std::to_string(relay.planned) + " planned)";
  text += " (to " + std::string(kRelayTestUser) + "@" + safe(relay.outside_domain) + ", local domain " +
          safe(relay.local_domain) + ")";
  if (relay.ran_without_auth) text += ", without AUTH (-U not used)";
  return text;
}

std::string spf_text(const SpfFacts& facts) {
  const policy::SpfCheck& spf = facts.spf;
  if (spf.nodes.empty()) return "not looked up";
  const policy::SpfNode& own = spf.nodes.front();
  std::string text = own.records.size() == 1 ? "'" + safe(own.records.front()) + "'" : "no single record";
  if (own.record && own.record->valid())
    text += ", " + std::string(spf.complete ? "" : "at least ") + plural(spf.lookups, "DNS lookup", "DNS lookups") +
            " of 10, " + plural(spf.void_lookups, "void lookup", "void lookups") + " of 2";
  return text + " (" + dnssec_words(own.answer) + ")";
}

std::string dmarc_text(const DmarcFacts& facts) {
  const policy::DmarcCheck& dmarc = facts.dmarc;
  std::string text;
  if (dmarc.record && dmarc.record->valid()) {
    const policy::DmarcRecord& record = *dmarc.record;
    text = "p=" + std::string(policy::dmarc_policy_name(*record.policy));
    if (record.subdomain_policy) text += " sp=" + std::string(policy::dmarc_policy_name(*record.subdomain_policy));
    text += " pct=" + std::to_string(record.percent);
    text += record.rua.empty() ? ", no rua" : " rua=" + safe(join(record.rua, ","));
    if (dmarc.inherited)
      text += ", the organizational domain's record: " + std::string(dmarc.effective_tag()) + "=" +
              policy::dmarc_policy_name(*dmarc.effective_policy()) + " applies to " + safe(facts.domain);
  } else {
    text = dmarc.records.size() == 1 ? "'" + safe(dmarc.records.front()) + "'" : "no single record";
  }
  if (facts.floor) text += ", required " + std::string(policy::dmarc_policy_name(*facts.floor));
  return text + " at " + safe(dmarc.name) + " (" + dnssec_words(dmarc.answer) + ")";
}

std::vector<std::string> auth_records_lines(const policy::AuthRecords& records) {
  std::vector<std::string> lines{"spf:"};
  for (const auto& node : records.spf.nodes) {
    std::string line = "  " + std::string(static_cast<std::size_t>(node.depth) * 2, ' ');
    if (node.via) line += std::string(policy::spf_term_kind_name(*node.via)) + " ";
    line += safe(node.domain) + ": ";
    line += node.answer ? safe(node.answer->summary()) : std::string("not looked up");
    if (node.record && node.record->valid()) line += ", " + plural(node.lookups, "lookup", "lookups");
    if (node.problem != policy::SpfNodeProblem::none) line += " [" + std::string(policy::spf_node_problem_name(node.problem)) + "]";
    lines.push_back(line);
  }
  for (const auto& target : records.spf.targets)
    if (target.is_void)
      lines.push_back("  void: " + std::string(policy::spf_term_kind_name(target.term)) + ":" + safe(target.target));
  lines.push_back("dmarc:");
  lines.push_back("  " + (records.dmarc.answer ? safe(records.dmarc.answer->summary()) : safe(records.dmarc.name) + ": not looked up"));
  return lines;
}

}  // namespace smtp_ping
