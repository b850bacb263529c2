// The option table holds only what the arguments could name (options/mentioned_options).
#include "options/mentioned_options.hpp"

#include <gtest/gtest.h>

#include "option_test_support.hpp"

namespace smtp_ping {
namespace {

using Args = std::vector<std::string>;

TEST(MentionedOptions, LongNamesByPrefixAsGuessingAllows) {
  EXPECT_TRUE(could_name("starttls,S", Args{"--starttls"}));
  EXPECT_TRUE(could_name("starttls,S", Args{"--start"}));
  EXPECT_TRUE(could_name("timeout,t", Args{"--timeout=5"}));
  EXPECT_TRUE(could_name("ssl,tls,s", Args{"--tls"}));
  EXPECT_FALSE(could_name("starttls,S", Args{"--startx"}));
  EXPECT_FALSE(could_name("timeout,t", Args{"--timeout-state=ok"}));
  EXPECT_FALSE(could_name("starttls,S", Args{"--", "starttls"})) << "'--' ends the options; words are no names";
}

TEST(MentionedOptions, ShortLettersAnywhereInABundle) {
  EXPECT_TRUE(could_name("starttls,S", Args{"-S"}));
  EXPECT_TRUE(could_name("verbose,v", Args{"-vvS"}));
  EXPECT_TRUE(could_name("starttls,S", Args{"-vvS"}));
  EXPECT_TRUE(could_name("hostname,H", Args{"-Hmx.example.org"}));
  EXPECT_FALSE(could_name("hostname,H", Args{"-h"}));
  EXPECT_FALSE(could_name("verbose,v", Args{"mx.example.org", "-"}));
  EXPECT_FALSE(could_name("load", Args{"-l"})) << "no short letter";
}

TEST(MentionedOptions, ParsingWithTheSmallTableIsParsingWithTheWholeOne) {
  // Guessing, bundles, repeated values and ambiguity behave as with every option known.
  EXPECT_EQ(option_test::parse({"-H", "mx", "--startt"}).probe.tls.mode, TlsMode::starttls);
  const CheckConfig bundled = option_test::parse({"-vvS", "-Hmx"});
  EXPECT_EQ(bundled.verbosity, 2);
  EXPECT_EQ(bundled.probe.tls.mode, TlsMode::starttls);
  EXPECT_EQ(bundled.probe.host, "mx");
  EXPECT_TRUE(option_test::mentions(option_test::usage_error({"-H", "mx", "--no"}), "ambiguous"));
  EXPECT_TRUE(option_test::mentions(option_test::usage_error({"-H", "mx", "--nope"}), "nope"));
  EXPECT_FALSE(option_test::parse({"-H", "mx"}).probe.banner_only) << "a switch no argument names is off";
}

}  // namespace
}  // namespace smtp_ping
