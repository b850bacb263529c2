// The largest replies a server may send and still be accepted (16 lines of
// 16 KiB in the greeting and in the EHLO reply, docs/limits.md): every output
// form is over within -t + 0.3 s from process start (issue 13).
#include "hostile_support.hpp"

namespace smtp_ping::test::hostile {
namespace {

constexpr std::size_t kLines = 16;
constexpr std::size_t kLineBytes = 16 * 1024;  // the line limit, code included
constexpr Millis kRenderBound{1'300};           // -t 1 + 0.3 s

// `kLines` lines of exactly `kLineBytes` bytes: printable ASCII runs, the
// input that once made rendering quadratic.
Step widest_reply(const std::string& code, const std::string& first_text) {
  Step step;
  for (std::size_t i = 0; i < kLines; ++i) {
    std::string line = code + (i + 1 == kLines ? " " : "-");
    line += i == 0 ? first_text : "X" + std::to_string(i) + "-";
    line.resize(kLineBytes, 'x');
    step.lines.push_back(line);
  }
  return step;
}

ServerScript widest_dialog() {
  ServerScript script;
  script.greet(widest_reply("220", "wide.example ESMTP "));
  script.on("EHLO", widest_reply("250", "wide.example Hello me "));
  return script;
}

TEST(HostileWorstCase, EveryOutputFormEndsWithinTheDeadline) {
  for (const std::vector<std::string>& form : std::vector<std::vector<std::string>>{
           {}, {"-v"}, {"-vv"}, {"-vvv"}, {"--output", "json"}, {"--output", "json", "-vvv"}}) {
    ScriptedSmtpServer server(widest_dialog());
    std::vector<std::string> args{"-H", "127.0.0.1", "-p", std::to_string(server.port()), "-F", "me", "-t", "1"};
    args.insert(args.end(), form.begin(), form.end());
    const auto run = run_check(args, kHardLimit);
    SCOPED_TRACE(form.empty() ? "plugin" : form.front() + " " + form.back());
    EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
    EXPECT_FALSE(run.killed) << run.describe();
    EXPECT_LE(run.wall, kRenderBound) << run.describe();
    EXPECT_LE(run.out.size(), 1'000'000u) << "the output stays bounded";
    if (form.empty() || form.front() != "--output") expect_safe_plugin_output(run);
  }
}

}  // namespace
}  // namespace smtp_ping::test::hostile
