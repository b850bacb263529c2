// Issue 13: the secret and its encodings never survive in a report.
#include <gtest/gtest.h>

#include <string>

#include "probe/secret_redaction.hpp"
#include "sasl/sasl_crypto.hpp"
#include "sasl/secret_forms.hpp"

namespace smtp_ping {
namespace {

AuthOptions auth(const std::string& secret) {
  AuthOptions options;
  options.mechanism = "PLAIN";
  options.user = "probe@example.org";
  options.secret = secret;
  return options;
}

std::string redacted(const std::string& text, const std::vector<std::string>& forms) {
  Report report;
  report.failure = Failure{Phase::auth, FailureKind::auth, "AUTH PLAIN rejected", Reply{535, {text}}, "AUTH PLAIN ***", "235"};
  redact_secrets(report, forms);
  return report.failure->reply->lines.front();
}

TEST(SecretForms, RawOnlyWithoutEncodings) {
  EXPECT_EQ(secret_forms(auth("s3cret"), "h", 25, false), std::vector<std::string>{"s3cret"});
  EXPECT_TRUE(secret_forms(auth(""), "h", 25, true).empty());
}

TEST(SecretForms, EveryMechanismsMessage) {
  const auto forms = secret_forms(auth("s3cret-Pa55word"), "h", 25, true);
  for (const std::string& expected :
       {std::string("s3cret-Pa55word"), base64_encode("s3cret-Pa55word"),
        base64_encode(std::string("\0probe@example.org\0s3cret-Pa55word", 34)),
        base64_encode("user=probe@example.org\x01" "auth=Bearer s3cret-Pa55word\x01\x01")})
    EXPECT_NE(std::find(forms.begin(), forms.end(), expected), forms.end()) << expected;
  for (std::size_t i = 1; i < forms.size(); ++i) EXPECT_GE(forms[i - 1].size(), forms[i].size()) << "longest first";
}

TEST(SecretRedaction, FindsTheSecretInsideAnyBase64Blob) {
  const auto forms = secret_forms(auth("s3cret-Pa55word"), "h", 25, true);
  for (const std::string prefix : {"", "x", "xy", "xyz", "\x01\x02\x03\x04"}) {
    const std::string blob = base64_encode(prefix + "s3cret-Pa55word" + "tail");
    const std::string shown = redacted("saw " + blob + " and decoded=s3cret-Pa55word", forms);
    EXPECT_EQ(shown.find("s3cret"), std::string::npos) << shown;
    EXPECT_NE(shown.find("***"), std::string::npos) << shown;
    // The base64 of the secret alone at this alignment is gone.
    EXPECT_EQ(shown.find(base64_encode(std::string(prefix.size() % 3, '\0') + "s3cret-Pa55word").substr(4, 8)),
              std::string::npos)
        << shown;
  }
}

TEST(SecretRedaction, EveryTextOfTheReport) {
  Report report;
  report.greeting = Reply{220, {"hello s3cret"}};
  report.transcript.push_back(TranscriptEntry{Phase::auth, "AUTH PLAIN ***", Reply{535, {"no s3cret"}}, {}, {}, false});
  report.capabilities.keywords = {"X-S3CRET s3cret"};
  report.failure = Failure{Phase::auth, FailureKind::protocol, "bad line 's3cret'", std::nullopt, "", ""};
  report.tls = TlsFacts{};
  report.tls->subject_alt_names = {"DNS:s3cret.example"};
  redact_secrets(report, {"s3cret"});
  EXPECT_EQ(report.greeting->lines.front(), "hello ***");
  EXPECT_EQ(report.transcript.front().reply->lines.front(), "no ***");
  EXPECT_EQ(report.capabilities.keywords.front(), "X-S3CRET ***");
  EXPECT_EQ(report.failure->message, "bad line '***'");
  EXPECT_EQ(report.tls->subject_alt_names.front(), "DNS:***.example");
}

TEST(SecretRedaction, LinearInManyOccurrences) {
  // A one-letter secret and a quarter megabyte of it: one pass, no quadratic replace().
  const std::string text(256 * 1024, 'a');
  EXPECT_EQ(redacted(text, {"a"}).size(), 3u * text.size());
}

}  // namespace
}  // namespace smtp_ping
