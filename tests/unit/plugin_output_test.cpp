#include "output/plugin_output.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <sstream>
#include <string>
#include <vector>

#include "judging_support.hpp"

namespace smtp_ping {
namespace {

using std::chrono::microseconds;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool has_line(const std::string& text, const std::string& wanted) {
  const auto lines = lines_of(text);
  return std::find(lines.begin(), lines.end(), wanted) != lines.end();
}

Report sample_report() {
  Report report;
  report.target = Target{"127.0.0.1", 25, false, "127.0.0.1", "127.0.0.1:40000", TlsMode::none};
  report.phases = {{Phase::dns, microseconds(0), microseconds(1)},
                   {Phase::connect, microseconds(1), microseconds(120)},
                   {Phase::banner, microseconds(300), microseconds(2100)},
                   {Phase::ehlo, microseconds(2400), microseconds(400)},
                   {Phase::quit, microseconds(2800), microseconds(200)}};
  report.total = microseconds(4000);
  const Reply greeting{220, {"mail.example.org ESMTP"}};
  report.greeting = greeting;
  report.transcript = {
      {Phase::banner, "", greeting, microseconds(300), microseconds(2100)},
      {Phase::ehlo, "EHLO me", Reply{250, {"mail.example.org", "PIPELINING", "AUTH PLAIN LOGIN"}},
       microseconds(2400), microseconds(400)},
      {Phase::quit, "QUIT", Reply{221, {"Bye"}}, microseconds(2800), microseconds(200)}};
  report.capabilities.server_name = "mail.example.org";
  report.capabilities.esmtp = true;
  report.capabilities.keywords = {"PIPELINING", "AUTH PLAIN LOGIN"};
  report.capabilities.pipelining = true;
  report.capabilities.auth_mechanisms = {"PLAIN", "LOGIN"};
  report.capabilities.size = 10240000;
  report.connect_attempts = {"127.0.0.1: connected"};
  return report;
}

std::string render(const Report& report, int verbosity, const EvaluationPolicy& policy = {}) {
  return render_plugin_output(report, evaluate(report, policy), verbosity);
}

TEST(PluginOutput, FirstLineHasStateSummaryAndPerfdata) {
  EvaluationPolicy policy;
  policy.thresholds.total = {parse_range("1"), parse_range("2")};
  const auto lines = lines_of(render(sample_report(), 0, policy));
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0],
            "SMTP OK - 127.0.0.1:25 answered in 0.004s | 'dns'=0.000001s;;;0 'connect'=0.000120s;;;0 "
            "'banner'=0.002100s;;;0 'ehlo'=0.000400s;;;0 'quit'=0.000200s;;;0 'total'=0.004000s;1;2;0");
}

TEST(PluginOutput, SubcheckLinesFollowTheStatusLine) {
  const auto lines = lines_of(render(sample_report(), 0));
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_EQ(lines[1], "dns 0.000001s 127.0.0.1");
  EXPECT_EQ(lines[2], "connect 0.000120s 127.0.0.1:25");
  EXPECT_EQ(lines[3], "banner 0.002100s 220 mail.example.org ESMTP");
  EXPECT_EQ(lines[5], "quit 0.000200s 221 Bye");
}

TEST(PluginOutput, EndsWithANewline) {
  const std::string text = render(sample_report(), 0);
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n');
}

TEST(PluginOutput, NonOkSubchecksShowTheirState) {
  EvaluationPolicy policy;
  policy.thresholds.phases[Phase::banner] = {parse_range("0.001"), {}};
  const std::string text = render(sample_report(), 0, policy);
  EXPECT_TRUE(text.rfind("SMTP WARNING - 127.0.0.1:25 answered in 0.004s, banner 0.002s > 0.001 | ", 0) == 0)
      << text;
  EXPECT_TRUE(has_line(text, "[WARNING] banner 0.002100s 220 mail.example.org ESMTP")) << text;
}

TEST(PluginOutput, FailureStatusLine) {
  Report report = sample_report();
  report.failure = Failure{Phase::banner, FailureKind::timeout, "timeout after 2.000s waiting for the greeting",
                           {}, "", ""};
  const auto lines = lines_of(render(report, 0));
  EXPECT_EQ(lines[0].substr(0, lines[0].find(" | ")),
            "SMTP CRITICAL - 127.0.0.1:25: banner failed: timeout after 2.000s waiting for the greeting");
}

TEST(PluginOutput, PerfdataQuotesEveryLabel) {
  Verdict verdict;
  verdict.perfdata = {PerfDatum{"plain_label", 1.5, "s", "", "", 0.0, {}},
                      PerfDatum{"with space", 2, "", "1", "2", {}, {}},
                      PerfDatum{"it's", 3, "", "", "", {}, 10.0}};
  EXPECT_EQ(render_perfdata(verdict), "'plain_label'=1.500000s;;;0 'with space'=2;1;2 'it''s'=3;;;;10");
}

TEST(PluginOutput, NoPerfdataMeansNoPipe) {
  Verdict verdict;
  verdict.summary = "nothing measured";
  EXPECT_EQ(render_plugin_output(Report{}, verdict, 0), "SMTP OK - nothing measured\n");
}

TEST(PluginOutput, TranscriptAtVerbosityOne) {
  const std::string quiet = render(sample_report(), 0);
  EXPECT_EQ(quiet.find("transcript:"), std::string::npos);
  const std::string text = render(sample_report(), 1);
  EXPECT_TRUE(has_line(text, "transcript:")) << text;
  EXPECT_TRUE(has_line(text, "  +0.002400s S: 220 mail.example.org ESMTP")) << text;
  EXPECT_TRUE(has_line(text, "  +0.002400s C: EHLO me")) << text;
  EXPECT_TRUE(has_line(text, "  +0.002800s S: 250-mail.example.org")) << text;
  EXPECT_TRUE(has_line(text, "  +0.002800s S: 250-PIPELINING")) << text;
  EXPECT_TRUE(has_line(text, "  +0.002800s S: 250 AUTH PLAIN LOGIN")) << text;
  EXPECT_TRUE(has_line(text, "  +0.002800s C: QUIT")) << text;
  EXPECT_EQ(text.find("waterfall:"), std::string::npos);
}

TEST(PluginOutput, TranscriptMarksMissingRepliesAndCleanup) {
  Report report = sample_report();
  report.transcript = {{Phase::banner, "", std::nullopt, microseconds(300), microseconds(2000)},
                       {Phase::quit, "QUIT", Reply{221, {"Bye"}}, microseconds(2300), microseconds(100), true}};
  const std::string text = render(report, 1);
  EXPECT_TRUE(has_line(text, "  +0.002300s S: (no reply)")) << text;
  EXPECT_TRUE(has_line(text, "  +0.002300s C: QUIT (cleanup)")) << text;
}

TEST(PluginOutput, WaterfallAtVerbosityTwo) {
  const std::string text = render(sample_report(), 2);
  const auto lines = lines_of(text);
  const auto header = std::find(lines.begin(), lines.end(), "waterfall:");
  ASSERT_NE(header, lines.end()) << text;
  ASSERT_GE(lines.end() - header, 7);
  // banner runs from 0.3ms to 2.4ms of 4ms: columns 3..30 of 50.
  const std::string banner = *(header + 3);
  EXPECT_EQ(banner, "  banner  [   " + std::string(27, '#') + std::string(20, ' ') + "] +0.000300s 0.002100s");
  for (auto line = header + 1; line != header + 7; ++line) {
    EXPECT_EQ(line->find('|'), std::string::npos);
    EXPECT_NE(line->find('#'), std::string::npos) << *line;  // even a 1µs phase is visible
  }
  EXPECT_EQ(*(header + 6), "  total   [" + std::string(50, '#') + "] +0.000000s 0.004000s");
  EXPECT_EQ(text.find("capabilities:"), std::string::npos);
}

TEST(PluginOutput, WaterfallSurvivesAZeroTotal) {
  Report report = sample_report();
  report.total = {};
  EXPECT_NE(render(report, 2).find("waterfall:"), std::string::npos);
}

TEST(PluginOutput, CapabilitiesAndAttemptsAtVerbosityThree) {
  const std::string text = render(sample_report(), 3);
  EXPECT_TRUE(has_line(text, "capabilities:")) << text;
  EXPECT_TRUE(has_line(text, "  server: mail.example.org (ESMTP)")) << text;
  EXPECT_TRUE(has_line(text, "  keyword: PIPELINING")) << text;
  EXPECT_TRUE(has_line(text, "  keyword: AUTH PLAIN LOGIN")) << text;
  EXPECT_TRUE(has_line(text, "  auth: PLAIN LOGIN")) << text;
  EXPECT_TRUE(has_line(text, "  size: 10240000")) << text;
  EXPECT_TRUE(has_line(text, "connect attempts:")) << text;
  EXPECT_TRUE(has_line(text, "  127.0.0.1: connected")) << text;
}

// A hostile server: every text it controls carries a pipe, line breaks and ESC.
Report hostile_report() {
  const std::string evil = "x | 'fake'=1;2;3 \r\nSMTP OK - all fine\n\x1b[2J\xC2\x9B" "31m|";
  Report report = sample_report();
  const Reply reply{554, {evil, evil}};
  report.greeting = reply;
  report.transcript = {{Phase::banner, "", reply, microseconds(300), microseconds(2100)},
                       {Phase::ehlo, "EHLO " + evil, Reply{250, {evil, evil}}, microseconds(2400), microseconds(400)}};
  report.capabilities.server_name = evil;
  report.capabilities.keywords = {evil};
  report.capabilities.auth_mechanisms = {evil};
  report.connect_attempts = {evil};
  report.failure = Failure{Phase::banner, FailureKind::reply, evil, reply, evil, evil};
  report.quit_failure = Failure{Phase::quit, FailureKind::protocol, evil, reply, "QUIT", evil};
  return report;
}

TEST(PluginOutput, ServerTextCannotAddPipesLinesOrEscapes) {
  const Report report = hostile_report();
  for (int verbosity = 0; verbosity <= 3; ++verbosity) {
    const std::string text = render(report, verbosity);
    EXPECT_EQ(std::count(text.begin(), text.end(), '|'), 1) << text;
    EXPECT_EQ(text.find('\r'), std::string::npos);
    EXPECT_EQ(text.find('\x1b'), std::string::npos);
    EXPECT_EQ(text.find("\xC2\x9B"), std::string::npos);
    const auto lines = lines_of(text);
    EXPECT_NE(lines[0].find(" | "), std::string::npos);
    for (std::size_t i = 1; i < lines.size(); ++i)
      EXPECT_NE(lines[i].rfind("SMTP ", 0), 0u) << "injected status line: " << lines[i];
  }
}

TEST(PluginOutput, LineCountDoesNotDependOnServerText) {
  const std::string hostile = render(hostile_report(), 3);
  Report tame = hostile_report();
  const Reply plain{554, {"plain", "plain"}};
  tame.greeting = plain;
  tame.transcript = {{Phase::banner, "", plain, microseconds(300), microseconds(2100)},
                     {Phase::ehlo, "EHLO plain", Reply{250, {"plain", "plain"}}, microseconds(2400),
                      microseconds(400)}};
  tame.capabilities.server_name = "plain";
  tame.capabilities.keywords = {"plain"};
  tame.capabilities.auth_mechanisms = {"plain"};
  tame.connect_attempts = {"plain"};
  tame.failure = Failure{Phase::banner, FailureKind::reply, "plain", plain, "plain", "plain"};
  tame.quit_failure = Failure{Phase::quit, FailureKind::protocol, "plain", plain, "QUIT", "plain"};
  EXPECT_EQ(lines_of(hostile).size(), lines_of(render(tame, 3)).size());
}

TEST(PluginOutput, ForeignVerdictTextIsSanitizedToo) {
  Verdict verdict;
  verdict.summary = "a|b\nc";
  verdict.details = {Subcheck{State::ok, "d|e\r\nf"}};
  verdict.perfdata = {PerfDatum{"x|y", 1, "s", "1;2|", "", 0.0, {}}};
  const std::string text = render_plugin_output(Report{}, verdict, 0);
  EXPECT_EQ(std::count(text.begin(), text.end(), '|'), 1) << text;
  EXPECT_EQ(lines_of(text).size(), 2u) << text;
}

}  // namespace
}  // namespace smtp_ping
