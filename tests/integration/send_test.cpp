// --send (issue 15): DATA after RCPT with the probe message, dot-stuffed, the
// final reply judged like every reply, the queue id shown.
#include <nlohmann/json.hpp>

#include "integration_support.hpp"

namespace smtp_ping::test {
namespace {

const std::initializer_list<std::string> kSend{"-f", "probe@example.org", "--rcpt", "user@example.org", "--send"};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    lines.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return lines;
}

CheckRun send_check(const ScriptedSmtpServer& server, std::initializer_list<std::string> extra = {}) {
  return run_check(target_of(server) + std::initializer_list<std::string>{"-F", "me", "-t", "5"} + kSend + extra,
                   Millis(10'000));
}

TEST(Send, AcceptedMessageIsOkWithQueueIdAndDataPerfdata) {
  std::string delivered;
  ServerScript script;
  script.on_message = [&](const std::string& message) { delivered = message; };
  ScriptedSmtpServer server(script);
  const auto run = send_check(server);

  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "message accepted, queue id 5M7P1NG (postfix)")) << run.describe();
  EXPECT_TRUE(has_seconds_perfdata(perfdata_of(run), "data")) << run.describe();
  const auto record = server.first_connection();
  EXPECT_TRUE(record.received("DATA"));
  EXPECT_TRUE(record.quit);
  EXPECT_TRUE(contains(delivered, "X-Smtp-Ping-Token: ")) << delivered;
  EXPECT_TRUE(contains(delivered, "\r\nFrom: probe@example.org\r\n")) << delivered;
  EXPECT_TRUE(contains(delivered, "\r\nX-Smtp-Ping-Digest: ")) << delivered;
}

TEST(Send, DotStuffingIsSeenOnTheWire) {
  ScriptedSmtpServer server;
  const auto run = send_check(server);
  ASSERT_EQ(run.exit_code, exit_ok) << run.describe();

  // The body has a lone "." and lines starting with "." and "..": on the wire each got one more dot.
  const auto wire = lines_of(server.first_connection().data);
  bool lone_dot_stuffed = false, dot_line_stuffed = false;
  for (const auto& line : wire) {
    EXPECT_NE(line, ".") << "an unstuffed lone dot would have ended DATA";
    if (line == "..") lone_dot_stuffed = true;
    if (line.rfind("...", 0) == 0) dot_line_stuffed = true;
    EXPECT_LE(line.size(), 999u);
  }
  EXPECT_TRUE(lone_dot_stuffed) << server.first_connection().data;
  EXPECT_TRUE(dot_line_stuffed) << server.first_connection().data;
}

TEST(Send, MessageSizeSetsTheBody) {
  std::string delivered;
  ServerScript script;
  script.on_message = [&](const std::string& message) { delivered = message; };
  ScriptedSmtpServer server(script);
  const auto run = send_check(server, {"--message-size", "5000"});

  ASSERT_EQ(run.exit_code, exit_ok) << run.describe();
  const auto body = delivered.find("\r\n\r\n");
  ASSERT_NE(body, std::string::npos);
  EXPECT_EQ(delivered.size() - body - 4, 5000u);
}

TEST(Send, RefusedDataIsCriticalInTheDataPhase) {
  ServerScript script;
  script.on("DATA", reply("554 5.5.1 Error: no valid recipients"));
  ScriptedSmtpServer server(script);
  const auto run = send_check(server);

  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "data failed: DATA rejected: 554 5.5.1 Error: no valid recipients (expected 354)"))
      << run.describe();
  EXPECT_TRUE(server.first_connection().quit);
}

TEST(Send, TemporaryFinalReplyIsWarningAndExplained) {
  ServerScript script;
  script.on(".", reply("451 4.3.0 Error: queue file write error"));
  ScriptedSmtpServer server(script);
  const auto run = send_check(server, {"-v"});

  EXPECT_EQ(run.exit_code, exit_warning) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "data failed: message rejected: 451 4.3.0 Error: queue file write error"))
      << run.describe();
  EXPECT_TRUE(contains(run.out, "explanation: 451 4.3.0")) << run.describe();
  EXPECT_FALSE(contains(run.first_line(), "queue id")) << run.describe();
  EXPECT_TRUE(server.first_connection().quit);
}

TEST(Send, PermanentFinalReplyIsCriticalAndExplained) {
  ServerScript script;
  script.on(".", reply("552 5.3.4 Error: message file too big"));
  ScriptedSmtpServer server(script);
  const auto run = send_check(server);

  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "message rejected: 552 5.3.4 Error: message file too big (expected 2xx) - message too big"))
      << run.describe();
}

TEST(Send, ServerClosingAfterTheMessageIsCritical) {
  ServerScript script;
  script.on(".", fault(Fault::close()));
  ScriptedSmtpServer server(script);
  const auto run = send_check(server);

  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "data failed: ")) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "while waiting for the reply to the message")) << run.describe();
}

TEST(Send, ServerDroppingDuringDataIsCritical) {
  ServerScript script;
  script.on("DATA", reply("354 go ahead").then(Fault::reset()));
  ScriptedSmtpServer server(script);
  const auto run = send_check(server, {"--message-size", "2000000"});

  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "data failed: ")) << run.describe();
}

TEST(Send, LmtpReadsOneReplyPerRecipient) {
  ServerScript script;
  script.on(".", reply("250 2.0.0 <a@example.org> Ok").then(Fault::raw("550 5.1.1 <b@example.org> User doesn't exist\r\n")));
  ScriptedSmtpServer server(script);
  const auto run = run_check(target_of(server) + std::initializer_list<std::string>{"-F", "me", "-t", "5", "-L", "-f",
                                 "probe@example.org", "--rcpt", "a@example.org", "--rcpt", "b@example.org", "--send"},
                             Millis(10'000));
  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "message rejected for b@example.org: 550 5.1.1")) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "mailbox unknown")) << run.describe();
}

TEST(Send, NeedsSenderAndRecipientBeforeConnecting) {
  ScriptedSmtpServer server;
  const auto no_from = run_check(target_of(server) + std::initializer_list<std::string>{"--rcpt", "a@example.org", "--send"},
                                 Millis(10'000));
  EXPECT_EQ(no_from.exit_code, exit_unknown) << no_from.describe();
  EXPECT_TRUE(contains(no_from.output(), "--send needs -f/--from")) << no_from.describe();
  const auto no_rcpt = run_check(target_of(server) + std::initializer_list<std::string>{"-f", "a@example.org", "--send"},
                                 Millis(10'000));
  EXPECT_EQ(no_rcpt.exit_code, exit_unknown) << no_rcpt.describe();
  EXPECT_TRUE(contains(no_rcpt.output(), "--send needs at least one --rcpt")) << no_rcpt.describe();
  const auto tiny = send_check(server, {"--message-size", "10"});
  EXPECT_EQ(tiny.exit_code, exit_unknown) << tiny.describe();
  const auto size_alone = run_check(target_of(server) + std::initializer_list<std::string>{"--message-size", "1000"},
                                    Millis(10'000));
  EXPECT_EQ(size_alone.exit_code, exit_unknown) << size_alone.describe();
  EXPECT_EQ(server.accepted(), 0);
}

TEST(Send, JsonCarriesTheMessageAndItsQueueId) {
  ScriptedSmtpServer server;
  const auto run = send_check(server, {"--output", "json"});

  ASSERT_EQ(run.exit_code, exit_ok) << run.describe();
  const auto json = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_TRUE(json.is_object()) << run.describe();
  ASSERT_TRUE(json["message"].is_object()) << run.describe();
  EXPECT_EQ(json["message"].value("queue_id", ""), "5M7P1NG");
  EXPECT_EQ(json["message"].value("queue_id_form", ""), "postfix");
  EXPECT_EQ(json["message"].value("token", "").size(), 32u);
  EXPECT_TRUE(json["timings"]["data"].is_number());
  bool data_node = false;
  for (const auto& node : json["checks"][0]["checks"])
    if (node.value("name", "") == "data") {
      data_node = true;
      EXPECT_EQ(node["facts"]["message"].value("queue_id", ""), "5M7P1NG") << node.dump();
    }
  EXPECT_TRUE(data_node) << run.out;
}

// A --send check needs the digest, so it loads the TLS provider; a plain check still maps no OpenSSL.
TEST(Send, LoadsTheTlsProviderForTheDigest) {
  ScriptedSmtpServer server;
  const auto run = run_program(check_binary_path(), target_of(server) + std::initializer_list<std::string>{"-F", "me"} + kSend,
                               Millis(10'000), {{"LD_DEBUG", "files"}});
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_TRUE(contains(run.err, "smtp-ping-tls.so")) << run.err;
  EXPECT_TRUE(contains(run.err, "libcrypto")) << run.err;
  EXPECT_FALSE(contains(run.err, "libcurl")) << run.err;
}

}  // namespace
}  // namespace smtp_ping::test
