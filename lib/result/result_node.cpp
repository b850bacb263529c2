#include "result/result_node.hpp"

#include <algorithm>

namespace smtp_ping {
namespace {

bool stops_service(const Finding& finding) {
  return std::holds_alternative<FailedStep>(finding.detail) || std::holds_alternative<SignalStop>(finding.detail);
}

bool any_step_failed(const ResultNode& node) {
  for (const auto& finding : node.findings)
    if (stops_service(finding)) return true;
  for (const auto& child : node.children)
    if (any_step_failed(child)) return true;
  return false;
}

State redundant_state(const ResultNode& node) {
  if (node.children.empty()) return State::ok;
  State worst_serving = State::ok;
  State worst_policy = State::ok;
  int serving = 0;
  int alternatives = 0;
  for (const auto& child : node.children) {
    if (child.policy) {
      worst_policy = worse(worst_policy, child.state);
      continue;
    }
    ++alternatives;
    if (!serves(child)) continue;
    ++serving;
    worst_serving = worse(worst_serving, child.state);
  }
  if (alternatives == 0) return worst_policy;
  if (serving == 0) return State::critical;
  const bool all_serve = serving == alternatives;
  return worse(worst_policy, all_serve ? worst_serving : worse(worst_serving, State::warning));
}

State children_state(const ResultNode& node) {
  State worst = State::ok;
  int ok = 0;
  for (const auto& child : node.children) {
    worst = worse(worst, child.state);
    if (child.state == State::ok) ++ok;
  }
  switch (node.aggregation.rule) {
    case Aggregation::Rule::worst_of: return worst;
    case Aggregation::Rule::all_must_pass:
      return worst == State::ok || worst == State::unknown ? worst : State::critical;
    case Aggregation::Rule::at_least: return ok >= node.aggregation.count ? State::ok : worst;
    case Aggregation::Rule::redundant: return redundant_state(node);
  }
  return worst;
}

}  // namespace

State combined_state(const ResultNode& node) {
  State state = children_state(node);
  for (const auto& finding : node.findings) state = worse(state, finding.state);
  return state;
}

bool serves(const ResultNode& node) {
  if (node.aggregation.rule != Aggregation::Rule::redundant) return !any_step_failed(node);
  for (const auto& finding : node.findings)
    if (std::holds_alternative<SignalStop>(finding.detail)) return false;
  for (const auto& child : node.children)
    if (!child.policy && serves(child)) return true;
  return false;
}

State settle(ResultNode& node) {
  for (auto& child : node.children) settle(child);
  node.state = combined_state(node);
  return node.state;
}

void drop_undetermined_perfdata(ResultNode& node) {
  auto& perfdata = node.perfdata;
  perfdata.erase(std::remove_if(perfdata.begin(), perfdata.end(), [](const PerfDatum& datum) { return datum.undetermined; }),
                 perfdata.end());
  for (auto& child : node.children) drop_undetermined_perfdata(child);
}

}  // namespace smtp_ping
