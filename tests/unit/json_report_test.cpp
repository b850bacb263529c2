#include "output/json_report.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "judging_support.hpp"

namespace smtp_ping {
namespace {

using nlohmann::json;
using std::chrono::microseconds;

Report sample_report() {
  Report report;
  report.target = Target{"127.0.0.1", 25, false, "127.0.0.1", "127.0.0.1:40000", TlsMode::starttls};
  report.phases = {{Phase::dns, microseconds(0), microseconds(1)},
                   {Phase::connect, microseconds(1), microseconds(120)},
                   {Phase::banner, microseconds(121), microseconds(2100)},
                   {Phase::ehlo, microseconds(2221), microseconds(400)},
                   {Phase::quit, microseconds(2621), microseconds(200)}};
  report.total = microseconds(4000);
  const Reply greeting{220, {"mail.example.org ESMTP Postfix"}};
  report.greeting = greeting;
  report.transcript = {
      {Phase::banner, "", greeting, microseconds(121), microseconds(2100)},
      {Phase::ehlo, "EHLO me", Reply{250, {"mail.example.org", "PIPELINING", "SIZE 10240000"}},
       microseconds(2221), microseconds(400)},
      {Phase::quit, "QUIT", Reply{221, {"2.0.0 Bye"}}, microseconds(2621), microseconds(200), true}};
  Capabilities& caps = report.capabilities;
  caps.server_name = "mail.example.org";
  caps.keywords = {"PIPELINING", "SIZE 10240000"};
  caps.esmtp = caps.starttls = caps.pipelining = caps.eightbitmime = caps.chunking = true;
  caps.enhanced_status_codes = caps.dsn = true;
  caps.size = 10240000;
  caps.auth_mechanisms = {"PLAIN"};
  report.connect_attempts = {"127.0.0.1: connected"};
  return report;
}

json to_json(const Report& report, const EvaluationPolicy& policy = {}) {
  return report_to_json(report, judged_check(report, policy));
}

TEST(JsonReport, TopLevelFields) {
  const json out = to_json(sample_report());
  EXPECT_EQ(out["schema"], 2);
  EXPECT_EQ(out["state"], "OK");
  EXPECT_EQ(out["status"], 0);
  EXPECT_EQ(out["summary"], "127.0.0.1:25 answered in 0.004s");
  EXPECT_TRUE(out["error"].is_null());
  EXPECT_TRUE(out["quit_error"].is_null());
  EXPECT_TRUE(out.contains("tls"));
  EXPECT_TRUE(out["tls"].is_null());
  for (const char* key : {"schema", "state", "status", "summary", "target", "timings", "phases", "greeting",
                          "capabilities", "transcript", "error", "quit_error", "checks", "perfdata",
                          "connect_attempts", "tls"})
    EXPECT_TRUE(out.contains(key)) << key;
}

TEST(JsonReport, Target) {
  const json target = to_json(sample_report())["target"];
  EXPECT_EQ(target["host"], "127.0.0.1");
  EXPECT_EQ(target["port"], 25);
  EXPECT_EQ(target["address"], "127.0.0.1");
  EXPECT_EQ(target["local_address"], "127.0.0.1:40000");
  EXPECT_EQ(target["unix_socket"], false);
  EXPECT_EQ(target["tls"], "starttls");
}

TEST(JsonReport, TimingsAndPhases) {
  const json out = to_json(sample_report());
  EXPECT_DOUBLE_EQ(out["timings"]["connect"].get<double>(), 0.00012);
  EXPECT_DOUBLE_EQ(out["timings"]["total"].get<double>(), 0.004);
  EXPECT_EQ(out["timings"].size(), 6u);
  ASSERT_EQ(out["phases"].size(), 5u);
  EXPECT_EQ(out["phases"][2]["name"], "banner");
  EXPECT_DOUBLE_EQ(out["phases"][2]["start"].get<double>(), 0.000121);
  EXPECT_DOUBLE_EQ(out["phases"][2]["seconds"].get<double>(), 0.0021);
}

TEST(JsonReport, GreetingAndCapabilities) {
  const json out = to_json(sample_report());
  EXPECT_EQ(out["greeting"], json::parse(R"({"code": 220, "lines": ["mail.example.org ESMTP Postfix"]})"));
  const json caps = out["capabilities"];
  EXPECT_EQ(caps["server_name"], "mail.example.org");
  EXPECT_EQ(caps["esmtp"], true);
  EXPECT_EQ(caps["keywords"], json::parse(R"(["PIPELINING", "SIZE 10240000"])"));
  EXPECT_EQ(caps["starttls"], true);
  EXPECT_EQ(caps["pipelining"], true);
  EXPECT_EQ(caps["8bitmime"], true);
  EXPECT_EQ(caps["smtputf8"], false);
  EXPECT_EQ(caps["chunking"], true);
  EXPECT_EQ(caps["enhancedstatuscodes"], true);
  EXPECT_EQ(caps["dsn"], true);
  EXPECT_EQ(caps["size"], 10240000);
  EXPECT_EQ(caps["auth"], json::parse(R"(["PLAIN"])"));
}

TEST(JsonReport, MissingGreetingAndSizeAreNull) {
  Report report = sample_report();
  report.greeting.reset();
  report.capabilities.size.reset();
  const json out = to_json(report);
  EXPECT_TRUE(out["greeting"].is_null());
  EXPECT_TRUE(out["capabilities"]["size"].is_null());
}

TEST(JsonReport, Transcript) {
  const json transcript = to_json(sample_report())["transcript"];
  ASSERT_EQ(transcript.size(), 3u);
  EXPECT_EQ(transcript[1]["phase"], "ehlo");
  EXPECT_EQ(transcript[1]["sent"], "EHLO me");
  EXPECT_EQ(transcript[1]["reply"]["code"], 250);
  EXPECT_EQ(transcript[1]["reply"]["lines"].size(), 3u);
  EXPECT_DOUBLE_EQ(transcript[1]["start"].get<double>(), 0.002221);
  EXPECT_DOUBLE_EQ(transcript[1]["seconds"].get<double>(), 0.0004);
  EXPECT_EQ(transcript[1]["cleanup"], false);
  EXPECT_EQ(transcript[2]["cleanup"], true);
  EXPECT_EQ(transcript[0]["sent"], "");
}

TEST(JsonReport, ExchangeWithoutReplyHasNullReply) {
  Report report = sample_report();
  report.transcript[0].reply.reset();
  EXPECT_TRUE(to_json(report)["transcript"][0]["reply"].is_null());
}

TEST(JsonReport, ErrorObject) {
  Report report = sample_report();
  report.failure = Failure{Phase::rcpt, FailureKind::reply, "RCPT TO:<u@example.org> rejected",
                           Reply{550, {"5.1.1 User unknown"}}, "RCPT TO:<u@example.org>", "2xx"};
  report.quit_failure = Failure{Phase::quit, FailureKind::timeout, "timeout waiting for QUIT", {}, "QUIT", "2xx"};
  const json out = to_json(report);
  EXPECT_EQ(out["state"], "CRITICAL");
  EXPECT_EQ(out["status"], 2);
  EXPECT_EQ(out["error"], json::parse(R"({"phase": "rcpt", "kind": "reply",
      "message": "RCPT TO:<u@example.org> rejected", "command": "RCPT TO:<u@example.org>", "expected": "2xx",
      "reply": {"code": 550, "lines": ["5.1.1 User unknown"]},
      "explanation": {"code": 550, "enhanced": "5.1.1", "enhanced_trusted": true, "reason": "mailbox unknown",
        "reason_key": "mailbox_unknown",
        "meaning": "permanent failure, addressing: the destination mailbox does not exist",
        "hint": "the recipient does not exist on this server: fix the recipient, or create the address for the probe"}})"));
  EXPECT_EQ(out["quit_error"]["kind"], "timeout");
  EXPECT_TRUE(out["quit_error"]["reply"].is_null());
}

TEST(JsonReport, ChecksAndPerfdata) {
  EvaluationPolicy policy;
  policy.thresholds.total = {parse_range("1"), parse_range("2")};
  const json out = to_json(sample_report(), policy);
  // Schema 2: checks is the tree, probe -> phases, with facts as data.
  ASSERT_EQ(out["checks"].size(), 1u);
  const json& probe = out["checks"][0];
  EXPECT_EQ(probe["name"], "probe");
  EXPECT_EQ(probe["state"], "OK");
  EXPECT_EQ(probe["facts"]["target"]["host"], "127.0.0.1");
  ASSERT_EQ(probe["checks"].size(), 5u);
  const json& connect = probe["checks"][1];
  EXPECT_EQ(connect["name"], "connect");
  EXPECT_EQ(connect["state"], "OK");
  EXPECT_EQ(connect["facts"]["phase"], "connect");
  EXPECT_DOUBLE_EQ(connect["facts"]["seconds"].get<double>(), 0.00012);
  EXPECT_TRUE(connect["findings"].empty());
  // The sample is a STARTTLS check that saw no certificate: cert_days is "U" (null).
  ASSERT_EQ(out["perfdata"].size(), 7u);
  EXPECT_EQ(out["perfdata"][6]["label"], "cert_days");
  EXPECT_TRUE(out["perfdata"][6]["value"].is_null());
  EXPECT_EQ(out["perfdata"][5]["label"], "total");
  EXPECT_DOUBLE_EQ(out["perfdata"][5]["value"].get<double>(), 0.004);
  EXPECT_EQ(out["perfdata"][5]["unit"], "s");
  EXPECT_EQ(out["perfdata"][5]["warning"], "1");
  EXPECT_EQ(out["perfdata"][5]["critical"], "2");
  EXPECT_EQ(out["perfdata"][5]["min"], 0);
  EXPECT_EQ(out["perfdata"][0]["warning"], "");
}

TEST(JsonReport, ConnectAttempts) {
  EXPECT_EQ(to_json(sample_report())["connect_attempts"], json::parse(R"(["127.0.0.1: connected"])"));
}

TEST(JsonReport, ServerTextIsSanitized) {
  Report report = sample_report();
  const std::string evil = "a|b\r\n\x1b[2J\xff";
  report.greeting = Reply{220, {evil}};
  report.capabilities.keywords = {evil};
  const json out = to_json(report);
  EXPECT_EQ(out["greeting"]["lines"][0], "a!b  ?[2J?");
  EXPECT_EQ(out["capabilities"]["keywords"][0], "a!b  ?[2J?");
}

TEST(JsonReport, RenderedJsonIsValidUtf8OnOneLine) {
  Report report = sample_report();
  report.connect_attempts = {"\xC3\x28 broken \xE2\x82"};
  ResultNode tree = judged_check(report, {});
  tree.children.front().name = "bad utf8 \xff in a foreign node";
  const std::string text = render_json(report, tree);
  EXPECT_EQ(text.find('\n'), std::string::npos);
  const json parsed = json::parse(text);  // throws on invalid UTF-8
  EXPECT_EQ(parsed["schema"], 2);
}

TEST(JsonReport, UnixSocketTarget) {
  Report report = sample_report();
  report.target = Target{"/run/smtp.sock", 0, true, "", "", TlsMode::none};
  const json out = to_json(report);
  EXPECT_EQ(out["target"]["unix_socket"], true);
  EXPECT_EQ(out["target"]["port"], 0);
  EXPECT_EQ(out["target"]["tls"], "none");
  EXPECT_EQ(out["summary"], "/run/smtp.sock answered in 0.004s");
}

}  // namespace
}  // namespace smtp_ping
