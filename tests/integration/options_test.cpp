// Malformed command lines: UNKNOWN, and the first line names the option.
#include "integration_support.hpp"

namespace smtp_ping::test {
namespace {

struct BadOption {
  std::vector<std::string> args;
  std::vector<std::string> any_of_names;  // the first line names the option by one of these
};

class MalformedOption : public ::testing::TestWithParam<BadOption> {};

TEST_P(MalformedOption, IsUnknownNamingTheOption) {
  const auto run = run_check(GetParam().args, Millis(5'000));

  EXPECT_EQ(run.exit_code, exit_unknown) << run.describe();
  const auto first = run.first_line().empty() ? run.err.substr(0, run.err.find('\n')) : run.first_line();
  EXPECT_EQ(first.rfind("check_smtp_ping: ", 0), 0u) << run.describe();
  const auto& names = GetParam().any_of_names;
  EXPECT_TRUE(std::any_of(names.begin(), names.end(), [&](const std::string& name) { return contains(first, name); }))
      << run.describe();
}

INSTANTIATE_TEST_SUITE_P(
    Options, MalformedOption,
    ::testing::Values(BadOption{{"-H", "127.0.0.1", "-w", "abc"}, {"-w", "warning"}},
                      BadOption{{"-H", "127.0.0.1", "-p", "99999"}, {"-p", "port"}},
                      BadOption{{"-H", "127.0.0.1", "--nope"}, {"nope"}},
                      BadOption{{"-H", "127.0.0.1", "-t", "soon"}, {"-t", "timeout"}},
                      BadOption{{"-H", "127.0.0.1", "--timeout-state", "maybe"}, {"timeout-state"}}));

}  // namespace
}  // namespace smtp_ping::test
