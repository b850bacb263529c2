#pragma once

#include <string>
#include <vector>

#include "common/state.hpp"
#include "result/facts.hpp"
#include "result/findings.hpp"
#include "result/perf_datum.hpp"

namespace smtp_ping {

// How a node's children make its state (its own findings always count).
struct Aggregation {
  enum class Rule {
    worst_of,       // the worst child
    all_must_pass,  // any child not OK is CRITICAL (UNKNOWN only when that is all there is)
    at_least,       // OK while at least `count` children are OK, else the worst child
    redundant,      // alternatives (a domain's targets): CRITICAL when none serves, at least WARNING
                    // when some do not, else the worst of those that serve (see serves())
  };
  Rule rule = Rule::worst_of;
  int count = 0;  // for at_least

  static Aggregation worst_of() { return {Rule::worst_of, 0}; }
  static Aggregation all_must_pass() { return {Rule::all_must_pass, 0}; }
  static Aggregation at_least(int count) { return {Rule::at_least, count}; }
  static Aggregation redundant() { return {Rule::redundant, 0}; }
};

// One judged part of a check: the check itself, a probe, a phase, a series,
// later an MX host, an address, a leg of a round trip, a policy. Value type;
// evaluation builds it, output renders it, nothing in it is display text.
struct ResultNode {
  std::string name;                  // "check", "probe", "series", a phase name ("banner"), "probe 3"
  State state = State::ok;           // set by settle(): findings and children per `aggregation`
  std::vector<Fact> facts;
  std::vector<Finding> findings;
  std::vector<PerfDatum> perfdata;
  std::vector<ResultNode> children;
  Aggregation aggregation = Aggregation::worst_of();
  // A policy check (SPF, DMARC ...) beside the alternatives of a `redundant` parent: it counts
  // like a worst_of child there, never as one more alternative.
  bool policy = false;
};

// The state `node` has from its findings and its children's states, per its
// rule. Children are taken as they are (settle them first).
State combined_state(const ResultNode& node);

// Whether a part still does its job: no step of it failed and no signal stopped it (a failed
// step anywhere below counts); a `redundant` node serves while one of its children does.
bool serves(const ResultNode& node);

// Sets every node's state, bottom up; returns the root's.
State settle(ResultNode& node);

// Removes the perfdata of phases not reached (value undetermined) from every
// node: --perfdata-unreached=omit, for the plugin text and the JSON alike.
void drop_undetermined_perfdata(ResultNode& node);

// The first fact of type T in `node`, or null.
template <typename T>
const T* fact_of(const ResultNode& node) {
  for (const auto& fact : node.facts)
    if (const T* found = std::get_if<T>(&fact)) return found;
  return nullptr;
}

}  // namespace smtp_ping
