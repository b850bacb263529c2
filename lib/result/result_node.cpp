#include "result/result_node.hpp"

#include <algorithm>

namespace smtp_ping {
namespace {

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
  }
  return worst;
}

}  // namespace

State combined_state(const ResultNode& node) {
  State state = children_state(node);
  for (const auto& finding : node.findings) state = worse(state, finding.state);
  return state;
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
