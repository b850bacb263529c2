// Issue 6, acceptance 3: a reply containing '|', CR/LF, NUL, invalid UTF-8 or
// terminal escape sequences cannot add perfdata, lines or escapes to the
// plugin output, nor break the JSON output.
#include "hostile_support.hpp"

namespace smtp_ping::test::hostile {
namespace {

// Greeting lines as a hostile server sends them, and the same count of clean
// lines: the two runs must print the same number of lines.
struct GreetingPair {
  std::vector<std::string> hostile;
  std::vector<std::string> clean;
};

Step raw_lines(const std::vector<std::string>& lines) {
  std::string bytes_on_wire;
  for (const auto& line : lines) bytes_on_wire += line + "\r\n";
  return fault(Fault::raw(bytes_on_wire));
}

ServerScript greeting_script(const std::vector<std::string>& lines) {
  ServerScript script;
  script.greet(raw_lines(lines));
  return script;
}

// Runs the check against a server greeting with `hostile`, then against one
// greeting with `clean`, and compares the shape of the outputs.
void expect_same_shape(const GreetingPair& pair, std::initializer_list<std::string> extra, int exit_code,
                       const char* state_word) {
  ScriptedSmtpServer hostile_server(greeting_script(pair.hostile));
  const auto hostile_run = hostile_check(hostile_server, extra);
  ScriptedSmtpServer clean_server(greeting_script(pair.clean));
  const auto clean_run = hostile_check(clean_server, extra);

  expect_within_deadline(hostile_run);
  expect_state(hostile_run, exit_code, state_word);
  expect_state(clean_run, exit_code, state_word);
  expect_safe_plugin_output(hostile_run);
  EXPECT_EQ(line_count(hostile_run.out), line_count(clean_run.out))
      << "hostile:\n" << hostile_run.describe() << "\nclean:\n" << clean_run.describe();
  // Perfdata is ours alone: same labels, whatever the server said.
  const auto perfdata_labels = [](const CheckRun& run) {
    const std::string line = run.first_line();
    const auto bar = line.find('|');
    std::string labels;
    if (bar == std::string::npos) return labels;
    for (auto at = line.find('\'', bar); at != std::string::npos; at = line.find('\'', at + 1)) {
      const auto end = line.find('\'', at + 1);
      if (end == std::string::npos) break;
      labels += line.substr(at, end - at + 1);
      at = end;
    }
    return labels;
  };
  EXPECT_EQ(perfdata_labels(hostile_run), perfdata_labels(clean_run))
      << "hostile:\n" << hostile_run.describe() << "\nclean:\n" << clean_run.describe();
}

void expect_safe_json(const GreetingPair& pair, int exit_code) {
  ScriptedSmtpServer server(greeting_script(pair.hostile));
  const auto run = hostile_check(server, {"--output", "json", "-vvv"});

  expect_within_deadline(run);
  EXPECT_EQ(run.exit_code, exit_code) << run.describe();
  const auto document = expect_safe_json_output(run);
  ASSERT_TRUE(document.is_object()) << run.describe();
  ASSERT_TRUE(document.contains("greeting") && document["greeting"].is_object()) << run.describe();
  EXPECT_EQ(document["greeting"]["lines"].size(), pair.hostile.size()) << run.describe();
}

const GreetingPair kPipeAndEscapes{
    {"220-inject.example ESMTP | 'evil'=1s;2;3;0 'total'=99s",
     "220-SMTP OK - all good \x1b[2J\x1b[H\x1b]0;owned\x07 | 'x'=1",
     "220 end\rSMTP OK - a second status line | 'y'=2"},
    {"220-inject.example ESMTP", "220-clean line two", "220 clean line three"}};

TEST(OutputSafety, PipeCrAndEscapesInGreetingCannotInjectIntoPluginOutput) {
  expect_same_shape(kPipeAndEscapes, {}, exit_ok, "OK");
}

TEST(OutputSafety, PipeCrAndEscapesInGreetingCannotInjectIntoVerboseOutput) {
  expect_same_shape(kPipeAndEscapes, {"-v"}, exit_ok, "OK");
  expect_same_shape(kPipeAndEscapes, {"-vvv"}, exit_ok, "OK");
}

TEST(OutputSafety, PipeCrAndEscapesInGreetingCannotBreakJson) { expect_safe_json(kPipeAndEscapes, exit_ok); }

const GreetingPair kRefusedWithPipe{
    {"554-refused.example | 'evil'=1s;2;3;0", "554 5.3.2 go away\r\x1b[31m | 'total'=0s"},
    {"554-refused.example", "554 5.3.2 go away"}};

TEST(OutputSafety, PipeInRefusedGreetingCannotAddPerfdata) {
  expect_same_shape(kRefusedWithPipe, {}, exit_critical, "CRITICAL");
  expect_same_shape(kRefusedWithPipe, {"-v"}, exit_critical, "CRITICAL");
}

TEST(OutputSafety, PipeInRefusedGreetingCannotBreakJson) { expect_safe_json(kRefusedWithPipe, exit_critical); }

const GreetingPair kInvalidUtf8AndEscapes{
    {"220-utf8.example \xff\xfe\xc3\x28 overlong \xc0\xaf surrogate \xed\xa0\x80 past \xf4\x90\x80\x80",
     "220-escapes \x1b[31mred\x1b[0m \x1b]8;;http://evil/\x1b\\link\x1b]8;;\x1b\\ bell \x07 backspace \x08",
     "220-C1 CSI \xc2\x9b" "31m raw C1 \x9b" "2J DEL \x7f tab \t vt \v ff \f",
     "220 ok \xc3\xa9\xe2\x82\xac\xf0\x9f\x93\xa7 stays"},
    {"220-utf8.example", "220-escapes", "220-C1", "220 ok"}};

TEST(OutputSafety, InvalidUtf8AndTerminalEscapesNeverReachThePluginOutput) {
  expect_same_shape(kInvalidUtf8AndEscapes, {}, exit_ok, "OK");
  expect_same_shape(kInvalidUtf8AndEscapes, {"-vvv"}, exit_ok, "OK");
}

TEST(OutputSafety, ValidUtf8InReplyTextIsKept) {
  ScriptedSmtpServer server(greeting_script(kInvalidUtf8AndEscapes.hostile));
  const auto run = hostile_check(server, {"-v"});

  expect_state(run, exit_ok, "OK");
  EXPECT_TRUE(contains(run.out, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x93\xa7")) << run.describe();
}

TEST(OutputSafety, InvalidUtf8AndTerminalEscapesNeverReachTheJson) {
  expect_safe_json(kInvalidUtf8AndEscapes, exit_ok);
}

const GreetingPair kNulBytes{
    {bytes("220-nul\0here.example ESMTP"), bytes("220 \0\0\0 more \0 NULs\0")},
    {"220-nul.example ESMTP", "220 no NULs"}};

TEST(OutputSafety, NulBytesInReplyTextNeverReachTheOutput) {
  expect_same_shape(kNulBytes, {"-v"}, exit_ok, "OK");
  expect_safe_json(kNulBytes, exit_ok);
}

// Refused commands put the server's text in the status line's summary.
ServerScript rcpt_refused_with(const std::string& text) {
  ServerScript script;
  script.on("RCPT", fault(Fault::raw(text + "\r\n")));
  return script;
}

TEST(OutputSafety, HostileRcptRejectionCannotInjectIntoTheSummary) {
  const std::string hostile = "550 5.1.1 <x@example.org> | 'evil'=1s;;;0\r\x1b[1A\x1b[2KSMTP OK - fine";
  ScriptedSmtpServer server(rcpt_refused_with(hostile));
  const auto run = hostile_check(server, {"-f", "a@example.org", "--rcpt", "x@example.org"});
  ScriptedSmtpServer clean_server(rcpt_refused_with("550 5.1.1 <x@example.org> unknown"));
  const auto clean_run = hostile_check(clean_server, {"-f", "a@example.org", "--rcpt", "x@example.org"});

  expect_hostile_failure(run, exit_critical, "CRITICAL", "rcpt");
  EXPECT_EQ(line_count(run.out), line_count(clean_run.out)) << run.describe() << clean_run.describe();
  // The text may be quoted in the summary, with its '|' defused; never after the one '|'.
  const std::string first = run.first_line();
  EXPECT_FALSE(contains(first.substr(std::min(first.find('|'), first.size())), "'evil'")) << run.describe();
  EXPECT_TRUE(contains(first, "550 5.1.1")) << run.describe();

  ScriptedSmtpServer json_server(rcpt_refused_with(hostile));
  const auto json_run =
      hostile_check(json_server, {"-f", "a@example.org", "--rcpt", "x@example.org", "--output", "json"});
  EXPECT_EQ(json_run.exit_code, exit_critical) << json_run.describe();
  const auto document = expect_safe_json_output(json_run);
  ASSERT_TRUE(document.is_object()) << json_run.describe();
  ASSERT_TRUE(document["error"].is_object()) << json_run.describe();
  EXPECT_EQ(document["error"].value("phase", ""), "rcpt") << json_run.describe();
}

TEST(OutputSafety, HostileEhloKeywordsCannotInjectIntoCapabilityLines) {
  const std::vector<std::string> hostile{"250-keywords.example", "250-AUTH PLAIN | 'evil'=1s",
                                         "250-X-\x1b]0;title\x07\x1b[2J", "250-X-CR\rcapabilities:",
                                         "250 SIZE 1000\r|"};
  std::vector<std::string> clean{"250-keywords.example", "250-AUTH PLAIN", "250-X-ONE", "250-X-TWO", "250 SIZE 1000"};
  ServerScript hostile_script;
  hostile_script.on("EHLO", raw_lines(hostile));
  ScriptedSmtpServer server(hostile_script);
  const auto run = hostile_check(server, {"-vvv"});
  ServerScript clean_script;
  clean_script.on("EHLO", raw_lines(clean));
  ScriptedSmtpServer clean_server(clean_script);
  const auto clean_run = hostile_check(clean_server, {"-vvv"});

  expect_within_deadline(run);
  expect_state(run, exit_ok, "OK");
  expect_safe_plugin_output(run);
  EXPECT_EQ(line_count(run.out), line_count(clean_run.out)) << run.describe() << clean_run.describe();

  ScriptedSmtpServer json_server(hostile_script);
  const auto json_run = hostile_check(json_server, {"--output", "json"});
  EXPECT_EQ(json_run.exit_code, exit_ok) << json_run.describe();
  const auto document = expect_safe_json_output(json_run);
  ASSERT_TRUE(document.is_object()) << json_run.describe();
  EXPECT_EQ(document["capabilities"]["keywords"].size(), hostile.size() - 1) << json_run.describe();
}

TEST(OutputSafety, OutputStaysBoundedForAHugeAcceptedGreeting) {
  // 900 lines of 200 bytes (180 KB): within every reply limit, so OK; the
  // output may show it, but bounded per line and safe.
  std::vector<std::string> lines;
  for (int i = 0; i < 900; ++i) lines.push_back((i + 1 < 900 ? "220-" : "220 ") + std::string(200, 'h'));
  ScriptedSmtpServer server(greeting_script(lines));
  const auto run = hostile_check(server);

  expect_within_deadline(run);
  expect_state(run, exit_ok, "OK");
  expect_safe_plugin_output(run);
  EXPECT_LE(run.first_line().size(), 8192u + 1024u) << run.describe();
}

}  // namespace
}  // namespace smtp_ping::test::hostile
