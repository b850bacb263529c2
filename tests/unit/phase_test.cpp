#include "common/phase.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace smtp_ping {
namespace {

const Phase kAllPhases[] = {Phase::dns,  Phase::connect, Phase::banner, Phase::ehlo, Phase::starttls,
                            Phase::tls,  Phase::ehlo_tls, Phase::auth,  Phase::mail, Phase::rcpt,
                            Phase::data, Phase::command, Phase::quit};

TEST(Phase, NamesMatchTheDesign) {
  EXPECT_EQ(phase_name(Phase::dns), "dns");
  EXPECT_EQ(phase_name(Phase::connect), "connect");
  EXPECT_EQ(phase_name(Phase::banner), "banner");
  EXPECT_EQ(phase_name(Phase::ehlo), "ehlo");
  EXPECT_EQ(phase_name(Phase::starttls), "starttls");
  EXPECT_EQ(phase_name(Phase::tls), "tls");
  EXPECT_EQ(phase_name(Phase::ehlo_tls), "ehlo_tls");
  EXPECT_EQ(phase_name(Phase::auth), "auth");
  EXPECT_EQ(phase_name(Phase::mail), "mail");
  EXPECT_EQ(phase_name(Phase::rcpt), "rcpt");
  EXPECT_EQ(phase_name(Phase::data), "data");
  EXPECT_EQ(phase_name(Phase::command), "command");
  EXPECT_EQ(phase_name(Phase::quit), "quit");
}

TEST(Phase, EveryNameRoundTrips) {
  for (const Phase phase : kAllPhases) {
    const auto name = phase_name(phase);
    const auto parsed = parse_phase(name);
    ASSERT_TRUE(parsed) << name;
    EXPECT_EQ(*parsed, phase) << name;
  }
}

TEST(Phase, NamesAreDistinct) {
  std::set<std::string> names;
  for (const Phase phase : kAllPhases) names.insert(std::string(phase_name(phase)));
  EXPECT_EQ(names.size(), sizeof kAllPhases / sizeof kAllPhases[0]);
}

TEST(Phase, UnknownNamesAreRejected) {
  EXPECT_FALSE(parse_phase(""));
  EXPECT_FALSE(parse_phase("total"));  // a threshold target, not a phase
  EXPECT_FALSE(parse_phase("BANNER"));  // names are exact, lower case
  EXPECT_FALSE(parse_phase("banner "));
  EXPECT_FALSE(parse_phase("ehlo-tls"));
  EXPECT_FALSE(parse_phase("unknown"));
}

TEST(Phase, OutOfRangeValueHasAName) {
  EXPECT_EQ(phase_name(static_cast<Phase>(999)), "unknown");
}

}  // namespace
}  // namespace smtp_ping
