// The result tree's aggregation rules, and a new kind of node rendering
// without words of its own.
#include "result/result_node.hpp"

#include <gtest/gtest.h>

#include "output/describe.hpp"

namespace smtp_ping {
namespace {

ResultNode leaf(const char* name, State state) {
  ResultNode node;
  node.name = name;
  if (state != State::ok) node.findings.push_back(Finding{state, NoProbeRan{}});
  return node;
}

ResultNode parent(Aggregation aggregation, std::initializer_list<State> states) {
  ResultNode node;
  node.name = "parent";
  node.aggregation = aggregation;
  for (const State state : states) node.children.push_back(leaf("child", state));
  settle(node);
  return node;
}

TEST(Aggregation, WorstOfTakesTheWorstChildWithUnknownBetweenWarningAndCritical) {
  EXPECT_EQ(parent(Aggregation::worst_of(), {}).state, State::ok);
  EXPECT_EQ(parent(Aggregation::worst_of(), {State::ok, State::warning}).state, State::warning);
  EXPECT_EQ(parent(Aggregation::worst_of(), {State::warning, State::unknown}).state, State::unknown);
  EXPECT_EQ(parent(Aggregation::worst_of(), {State::unknown, State::critical}).state, State::critical);
}

TEST(Aggregation, AllMustPassMakesAnyProblemCritical) {
  EXPECT_EQ(parent(Aggregation::all_must_pass(), {State::ok, State::ok}).state, State::ok);
  EXPECT_EQ(parent(Aggregation::all_must_pass(), {State::ok, State::warning}).state, State::critical);
  EXPECT_EQ(parent(Aggregation::all_must_pass(), {State::ok, State::unknown}).state, State::unknown);
}

TEST(Aggregation, AtLeastIsOkWhileEnoughChildrenAre) {
  EXPECT_EQ(parent(Aggregation::at_least(1), {State::critical, State::ok}).state, State::ok);
  EXPECT_EQ(parent(Aggregation::at_least(2), {State::critical, State::ok}).state, State::critical);
  EXPECT_EQ(parent(Aggregation::at_least(2), {State::warning, State::ok, State::ok}).state, State::ok);
  EXPECT_EQ(parent(Aggregation::at_least(0), {State::critical}).state, State::ok);
}

TEST(Aggregation, OwnFindingsCountWhateverTheRule) {
  ResultNode node = parent(Aggregation::at_least(0), {State::critical});
  node.findings.push_back(Finding{State::warning, LostProbe{1}});
  EXPECT_EQ(settle(node), State::warning);
}

TEST(Aggregation, SettleWorksBottomUp) {
  ResultNode grandchild = leaf("address", State::critical);
  ResultNode child;
  child.name = "exchange";
  child.children.push_back(grandchild);
  ResultNode root;
  root.name = "domain";
  root.children.push_back(child);
  EXPECT_EQ(settle(root), State::critical);
  EXPECT_EQ(root.children.front().state, State::critical);
}

TEST(Describe, ANodeKindWithoutWordsOfItsOwnStillRenders) {
  ResultNode root;
  root.name = "domain";
  root.aggregation = Aggregation::at_least(1);
  root.children.push_back(leaf("mx1", State::ok));
  root.children.push_back(leaf("mx2", State::critical));
  settle(root);
  const Verdict verdict = describe(root);
  EXPECT_EQ(verdict.state, State::ok);
  EXPECT_EQ(verdict.summary, "mx2: no probe ran");
  ASSERT_EQ(verdict.details.size(), 2u);
  EXPECT_EQ(verdict.details[1].state, State::critical);
  EXPECT_EQ(verdict.details[1].text, "mx2: no probe ran");
}

}  // namespace
}  // namespace smtp_ping
