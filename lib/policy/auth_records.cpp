#include "policy/auth_records.hpp"

#include <cctype>

namespace smtp_ping::policy {
namespace {

using resolver::Answer;
using resolver::Query;
using resolver::RecordType;

std::string normalized(std::string name) {
  if (!name.empty() && name.back() == '.') name.pop_back();
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

std::vector<std::string> joined_txt(const Answer& answer) {
  std::vector<std::string> texts;
  if (!answer.has_records()) return texts;
  for (const auto& record : answer.records)
    if (const auto* txt = std::get_if<resolver::TxtRecord>(&record)) texts.push_back(txt->joined());
  return texts;
}

bool answered_without_error(const Answer& answer) {
  return answer.answered() && (answer.rcode == resolver::rcode::noerror || answer.rcode == resolver::rcode::nxdomain);
}

bool is_void(const Answer& answer) { return answer.no_data() || answer.no_such_name(); }

// Walks the include/redirect tree level by level, one batch of queries per level.
class SpfWalk {
 public:
  SpfWalk(resolver::Resolver& resolver, const Deadline& deadline, SpfCheck& check)
      : resolver_(resolver), deadline_(deadline), check_(check) {}

  // Node 0 exists and has its answer: follow what it names.
  void run() {
    std::vector<std::size_t> level{0};
    examine(0);
    for (int depth = 1; !level.empty(); ++depth) {
      std::vector<std::size_t> children;
      std::vector<std::size_t> target_indexes;
      for (const std::size_t parent : level) add_children(parent, depth, children, target_indexes);
      level = ask(children, target_indexes, depth);
      for (const std::size_t index : level) examine(index);
    }
    count_void_lookups();
  }

 private:
  // Reads a node's answer: its records, the parsed one, its own lookups.
  void examine(std::size_t index) {
    SpfNode& node = check_.nodes[index];
    if (!node.answer) return;
    const Answer& answer = *node.answer;
    if (!answered_without_error(answer)) {
      node.problem = SpfNodeProblem::lookup_failed;
      return;
    }
    node.records = spf_records_of(answer);
    if (node.records.empty()) {
      node.problem = SpfNodeProblem::no_record;
      return;
    }
    if (node.records.size() > 1) {
      node.problem = SpfNodeProblem::several_records;
      return;
    }
    node.record = parse_spf_record(node.records.front());
    if (!node.record->valid()) {
      node.problem = SpfNodeProblem::syntax;
      return;
    }
    const bool redirect_applies = !node.record->has_all();
    for (const auto& term : node.record->terms)
      if (counts_as_lookup(term) && (term.kind != SpfTermKind::redirect || redirect_applies)) ++node.lookups;
    check_.lookups += node.lookups;
  }

  bool in_chain(std::size_t index, const std::string& name) const {
    for (std::size_t at = index;; at = parents_[at]) {
      if (check_.nodes[at].domain == name) return true;
      if (at == 0) return false;
    }
  }

  void add_children(std::size_t parent, int depth, std::vector<std::size_t>& children,
                    std::vector<std::size_t>& target_indexes) {
    if (!check_.nodes[parent].record || !check_.nodes[parent].record->valid()) return;
    const SpfRecord record = *check_.nodes[parent].record;
    const std::string parent_domain = check_.nodes[parent].domain;
    const bool redirect_applies = !record.has_all();
    for (const auto& term : record.terms) {
      const bool follows = term.kind == SpfTermKind::include || (term.kind == SpfTermKind::redirect && redirect_applies);
      if (follows) {
        SpfNode child;
        child.domain = normalized(term.domain_spec);
        child.via = term.kind;
        child.parent = parent_domain;
        child.depth = depth;
        if (term.has_macros) {
          child.domain = term.domain_spec;
          child.problem = SpfNodeProblem::macro_target;
        } else if (in_chain(parent, child.domain)) {
          child.problem = SpfNodeProblem::loop;
        }
        check_.nodes.push_back(std::move(child));
        parents_.push_back(parent);
        if (check_.nodes.back().problem == SpfNodeProblem::none) children.push_back(check_.nodes.size() - 1);
        continue;
      }
      const bool checks_target = term.kind == SpfTermKind::a || term.kind == SpfTermKind::mx || term.kind == SpfTermKind::exists;
      if (!checks_target || term.has_macros) continue;
      check_.targets.push_back(
          SpfTargetLookup{term.kind, term.domain_spec.empty() ? parent_domain : normalized(term.domain_spec), {}, false});
      target_indexes.push_back(check_.targets.size() - 1);
    }
  }

  static std::vector<RecordType> types_for(SpfTermKind kind) {
    if (kind == SpfTermKind::mx) return {RecordType::mx};
    if (kind == SpfTermKind::exists) return {RecordType::a};
    return {RecordType::a, RecordType::aaaa};
  }

  // One batch: the children's TXT and the targets' lookups; returns the children asked.
  std::vector<std::size_t> ask(const std::vector<std::size_t>& children, const std::vector<std::size_t>& target_indexes,
                               int depth) {
    std::vector<Query> queries;
    for (const std::size_t index : children) queries.push_back(Query{check_.nodes[index].domain, RecordType::txt});
    for (const std::size_t index : target_indexes)
      for (const RecordType type : types_for(check_.targets[index].term))
        queries.push_back(Query{check_.targets[index].target, type});
    if (queries.empty()) return {};
    const bool bounded = depth > kMaxSpfDepth || check_.queries + static_cast<int>(queries.size()) > kMaxSpfQueries ||
                         deadline_.expired() || deadline_.interrupted();
    if (bounded) {
      for (const std::size_t index : children) check_.nodes[index].problem = SpfNodeProblem::not_followed;
      if (!children.empty()) check_.complete = false;
      return {};
    }
    check_.queries += static_cast<int>(queries.size());
    std::vector<Answer> answers = resolver_.resolve(queries, deadline_);
    answers.resize(queries.size());
    std::size_t at = 0;
    for (const std::size_t index : children) check_.nodes[index].answer = std::move(answers[at++]);
    for (const std::size_t index : target_indexes)
      for (std::size_t n = 0; n < types_for(check_.targets[index].term).size(); ++n)
        check_.targets[index].answers.push_back(std::move(answers[at++]));
    return children;
  }

  void count_void_lookups() {
    for (auto& target : check_.targets) {
      target.is_void = !target.answers.empty();
      for (const auto& answer : target.answers)
        if (!is_void(answer)) target.is_void = false;
      if (target.is_void) ++check_.void_lookups;
    }
  }

  resolver::Resolver& resolver_;
  const Deadline& deadline_;
  SpfCheck& check_;
  std::vector<std::size_t> parents_{0};  // per node: the node whose record names it
};

}  // namespace

std::vector<std::string> spf_records_of(const Answer& answer) {
  std::vector<std::string> records;
  for (auto& text : joined_txt(answer))
    if (is_spf_record(text)) records.push_back(std::move(text));
  return records;
}

std::vector<std::string> dmarc_records_of(const Answer& answer) {
  std::vector<std::string> records;
  for (auto& text : joined_txt(answer))
    if (is_dmarc_record(text)) records.push_back(std::move(text));
  return records;
}

namespace {

// RFC 7489 §6.6.3: no DMARC record at the domain (NXDOMAIN or none among its TXT: not a failed
// lookup, which is a temporary error) sends the receiver to the organizational domain's record.
void look_up_organizational_dmarc(resolver::Resolver& resolver, AuthRecords& result, const Deadline& deadline) {
  DmarcCheck& dmarc = result.dmarc;
  dmarc.organizational_domain = resolver.organizational_domain(result.domain);
  const bool none_here = dmarc.records.empty() && answered_without_error(*dmarc.answer);
  if (!none_here || dmarc.organizational_domain.empty() || dmarc.organizational_domain == result.domain) return;
  const std::string name = "_dmarc." + dmarc.organizational_domain;
  std::vector<Answer> answers = resolver.resolve({Query{name, RecordType::txt}}, deadline);
  if (answers.empty()) return;
  dmarc.organizational_looked_up = true;
  std::vector<std::string> records = dmarc_records_of(answers.front());
  if (records.empty() && answered_without_error(answers.front())) return;  // none there either: the domain's own answer says "missing"
  dmarc.name = name;
  dmarc.answer = std::move(answers.front());
  dmarc.records = std::move(records);
  dmarc.inherited = true;
}

}  // namespace

AuthRecords look_up_auth_records(resolver::Resolver& resolver, const std::string& domain, const Deadline& deadline) {
  AuthRecords result;
  result.domain = normalized(domain);
  result.dmarc.name = "_dmarc." + result.domain;
  SpfNode own;
  own.domain = result.domain;
  result.spf.nodes.push_back(own);
  std::vector<Answer> answers =
      resolver.resolve({Query{result.domain, RecordType::txt}, Query{result.dmarc.name, RecordType::txt}}, deadline);
  answers.resize(2);
  result.spf.queries = 2;
  result.spf.nodes.front().answer = std::move(answers[0]);
  result.dmarc.answer = std::move(answers[1]);
  result.dmarc.records = dmarc_records_of(*result.dmarc.answer);
  look_up_organizational_dmarc(resolver, result, deadline);
  if (result.dmarc.records.size() == 1) result.dmarc.record = parse_dmarc_record(result.dmarc.records.front());
  SpfWalk(resolver, deadline, result.spf).run();
  return result;
}

const char* spf_node_problem_name(SpfNodeProblem problem) {
  switch (problem) {
    case SpfNodeProblem::none: return "none";
    case SpfNodeProblem::no_record: return "no_record";
    case SpfNodeProblem::several_records: return "several_records";
    case SpfNodeProblem::syntax: return "syntax";
    case SpfNodeProblem::lookup_failed: return "lookup_failed";
    case SpfNodeProblem::loop: return "loop";
    case SpfNodeProblem::macro_target: return "macro_target";
    case SpfNodeProblem::not_followed: return "not_followed";
  }
  return "none";
}

}  // namespace smtp_ping::policy
