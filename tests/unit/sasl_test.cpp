#include "sasl/sasl_crypto.hpp"
#include "sasl/sasl_mechanism.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace smtp_ping {
namespace {

using namespace std::string_literals;

// --- base64 (RFC 4648 section 10 test vectors) ---

TEST(Base64, EncodesTheRfc4648Vectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
}

TEST(Base64, DecodesTheRfc4648Vectors) {
  EXPECT_EQ(base64_decode(""), ""s);
  EXPECT_EQ(base64_decode("Zg=="), "f"s);
  EXPECT_EQ(base64_decode("Zm8="), "fo"s);
  EXPECT_EQ(base64_decode("Zm9v"), "foo"s);
  EXPECT_EQ(base64_decode("Zm9vYg=="), "foob"s);
  EXPECT_EQ(base64_decode("Zm9vYmE="), "fooba"s);
  EXPECT_EQ(base64_decode("Zm9vYmFy"), "foobar"s);
}

TEST(Base64, RoundTripsEveryLengthAndByte) {
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  for (std::size_t length = 0; length <= all.size(); ++length) {
    const std::string data = all.substr(all.size() - length);
    const std::string encoded = base64_encode(data);
    EXPECT_EQ(encoded.size() % 4, 0u);
    EXPECT_EQ(encoded.find_first_of("\r\n"), std::string::npos);
    const auto decoded = base64_decode(encoded);
    ASSERT_TRUE(decoded) << encoded;
    EXPECT_EQ(*decoded, data) << "length " << length;
  }
}

TEST(Base64, RoundTripsEmbeddedNulBytes) {
  const std::string data = "\0user\0pass"s;
  EXPECT_EQ(base64_encode(data), "AHVzZXIAcGFzcw==");
  EXPECT_EQ(base64_decode("AHVzZXIAcGFzcw=="), data);
}

TEST(Base64, TrailingNulBytesAreNotMistakenForPadding) {
  EXPECT_EQ(base64_decode("AA=="), "\0"s);
  EXPECT_EQ(base64_decode("AAA="), "\0\0"s);
  EXPECT_EQ(base64_decode("AAAA"), "\0\0\0"s);
}

TEST(Base64, LongInputHasNoLineBreaks) {
  const std::string data(1000, 'x');
  const std::string encoded = base64_encode(data);
  EXPECT_EQ(encoded.size(), 1336u);
  EXPECT_EQ(encoded.find_first_of("\r\n"), std::string::npos);
  EXPECT_EQ(base64_decode(encoded), data);
}

TEST(Base64, DecodeIgnoresWhitespace) {
  EXPECT_EQ(base64_decode(" Zm9v\r\nYmFy "), "foobar"s);
  EXPECT_EQ(base64_decode("Zm9v YmE="), "fooba"s);
}

TEST(Base64, DecodeRejectsBadLength) {
  EXPECT_FALSE(base64_decode("Z"));
  EXPECT_FALSE(base64_decode("Zm"));
  EXPECT_FALSE(base64_decode("Zm9"));
  EXPECT_FALSE(base64_decode("Zm9vY"));
}

TEST(Base64, DecodeRejectsBadCharacters) {
  EXPECT_FALSE(base64_decode("Zm9*"));
  EXPECT_FALSE(base64_decode("!!!!"));
  EXPECT_FALSE(base64_decode("Zm9v\x01YmFy"));
}

// Regression (fixed): base64_decode accepts '=' before the end of the input and miscounts:
// "Zm9v====" gives "fo", "Zg==Zg==" gives "f\0\0f", "Zg=a" gives "f\0\0",
// "====" gives "" (lib/sasl/sasl_mechanism.cpp, base64_decode: EVP_DecodeBlock
// decodes '=' anywhere and the loop "for (i = clean.size(); ... clean[i - 1] == '='
// ...) --size;" only looks at the trailing '='). RFC 4648 3.3: padding only at the end.
TEST(Base64, DecodeRejectsPaddingBeforeTheEnd) {
  EXPECT_FALSE(base64_decode("Zg=a"));
  EXPECT_FALSE(base64_decode("Zg==Zg=="));
  EXPECT_FALSE(base64_decode("=Zg="));
  EXPECT_FALSE(base64_decode("Zm9v===="));
  EXPECT_FALSE(base64_decode("===="));
  EXPECT_FALSE(base64_decode("Z==="));
}

// --- mechanisms ---

std::unique_ptr<SaslMechanism> make(const std::string& name, const std::string& user = "user",
                                    const std::string& secret = "pass") {
  return make_sasl_mechanism(name, user, secret, "mail.example.org", 587);
}

TEST(SaslMechanisms, SupportedList) {
  const auto& mechanisms = supported_sasl_mechanisms();
  for (const char* name : {"PLAIN", "LOGIN", "CRAM-MD5", "XOAUTH2", "OAUTHBEARER"})
    EXPECT_NE(std::find(mechanisms.begin(), mechanisms.end(), name), mechanisms.end()) << name;
  for (const auto& name : mechanisms) {
    const auto mechanism = make(name);
    ASSERT_TRUE(mechanism) << name;
    EXPECT_EQ(mechanism->name(), name);
  }
}

TEST(SaslMechanisms, CramMd5IsPreferredOverPlaintext) {
  const auto& mechanisms = supported_sasl_mechanisms();
  const auto position = [&](const char* name) { return std::find(mechanisms.begin(), mechanisms.end(), name); };
  EXPECT_LT(position("CRAM-MD5"), position("PLAIN"));
  EXPECT_LT(position("CRAM-MD5"), position("LOGIN"));
}

TEST(SaslMechanisms, NamesAreCaseInsensitive) {
  ASSERT_TRUE(make("plain"));
  EXPECT_EQ(make("plain")->name(), "PLAIN");
  ASSERT_TRUE(make("Cram-Md5"));
  EXPECT_EQ(make("Cram-Md5")->name(), "CRAM-MD5");
  ASSERT_TRUE(make("xoauth2"));
  ASSERT_TRUE(make("oauthbearer"));
  ASSERT_TRUE(make("login"));
}

TEST(SaslMechanisms, UnknownMechanismIsNull) {
  EXPECT_EQ(make("GSSAPI"), nullptr);
  EXPECT_EQ(make("SCRAM-SHA-256"), nullptr);
  EXPECT_EQ(make(""), nullptr);
  EXPECT_EQ(make("auto"), nullptr);
}

TEST(Plain, InitialResponseIsAuthzidUserPass) {
  const auto plain = make("PLAIN", "user", "pass");
  const auto initial = plain->initial_response();
  ASSERT_TRUE(initial);
  EXPECT_EQ(*initial, "\0user\0pass"s);
  EXPECT_EQ(initial->size(), 10u);
  EXPECT_EQ(base64_encode(*initial), "AHVzZXIAcGFzcw==");
}

TEST(Plain, AnswersAnEmptyChallengeWithTheSameResponse) {
  // Servers that do not take an initial response send "334 " and get it then.
  const auto plain = make("PLAIN", "tim", "tanstaaftanstaaf");
  EXPECT_EQ(plain->respond(""), "\0tim\0tanstaaftanstaaf"s);
}

TEST(Plain, Rfc4616Example) {
  const auto plain = make("PLAIN", "tim", "tanstaaftanstaaf");
  EXPECT_EQ(base64_encode(*plain->initial_response()), "AHRpbQB0YW5zdGFhZnRhbnN0YWFm");
}

TEST(Login, HasNoInitialResponse) { EXPECT_FALSE(make("LOGIN")->initial_response()); }

TEST(Login, AnswersUserThenPassword) {
  const auto login = make("LOGIN", "alice", "s3cret");
  EXPECT_EQ(login->respond("Username:"), "alice");
  EXPECT_EQ(login->respond("Password:"), "s3cret");
}

TEST(Login, IsDoneOnlyAfterThePasswordAndHasNothingMoreToSay) {
  const auto login = make("LOGIN", "alice", "s3cret");
  EXPECT_FALSE(login->done());
  login->respond("Username:");
  EXPECT_FALSE(login->done()) << "a 235 after the user name alone is no success";
  login->respond("Password:");
  EXPECT_TRUE(login->done());
  EXPECT_EQ(login->respond("Again:"), std::nullopt) << "a third question is cancelled, not answered";
}

TEST(Login, GoesByOrderNotByPrompt) {
  const auto login = make("LOGIN", "alice", "s3cret");
  EXPECT_EQ(login->respond("Password:"), "alice");  // a confused server still gets the user first
  EXPECT_EQ(login->respond("Username:"), "s3cret");
}

TEST(CramMd5, HasNoInitialResponse) { EXPECT_FALSE(make("CRAM-MD5")->initial_response()); }

TEST(CramMd5, Rfc2195Example) {
  const auto cram = make("CRAM-MD5", "tim", "tanstaaftanstaaf");
  const auto challenge = base64_decode("PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+");
  ASSERT_TRUE(challenge);
  EXPECT_EQ(*challenge, "<1896.697170952@postoffice.reston.mci.net>");
  const std::string response = cram->respond(*challenge).value_or("");
  EXPECT_EQ(response, "tim b913a602c7eda7a495b4e6e7334d3890");
  EXPECT_EQ(base64_encode(response), "dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw");
}

TEST(CramMd5, IsDoneAfterTheDigestOnly) {
  const auto cram = make("CRAM-MD5", "u", "Jefe");
  EXPECT_FALSE(cram->done());
  cram->respond("<1.2@example.org>");
  EXPECT_TRUE(cram->done());
  EXPECT_EQ(cram->respond("<3.4@example.org>"), std::nullopt);
}

TEST(InitialResponseMechanisms, AreDoneAtOnce) {
  for (const char* name : {"PLAIN", "XOAUTH2", "OAUTHBEARER"}) EXPECT_TRUE(make(name)->done()) << name;
}

TEST(CramMd5, Rfc2104HmacMd5Vector) {
  // RFC 2104 test case 2: key "Jefe", data "what do ya want for nothing?".
  const auto cram = make("CRAM-MD5", "u", "Jefe");
  EXPECT_EQ(cram->respond("what do ya want for nothing?"), "u 750c783e6ab0b503eaa86e310a5db738");
}

TEST(CramMd5, EmptySecretAndChallenge) {
  // HMAC-MD5 with an empty key over empty data.
  const auto cram = make("CRAM-MD5", "u", "");
  EXPECT_EQ(cram->respond(""), "u 74e6f7298a9c2d168935f58c001bad88");
}

TEST(XOAuth2, InitialResponseFollowsGoogleSpec) {
  // https://developers.google.com/gmail/imap/xoauth2-protocol
  const auto xoauth2 = make_sasl_mechanism("XOAUTH2", "someuser@example.com", "ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg",
                                           "imap.gmail.com", 993);
  const auto initial = xoauth2->initial_response();
  ASSERT_TRUE(initial);
  EXPECT_EQ(*initial, "user=someuser@example.com\x01" "auth=Bearer ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg\x01\x01");
  EXPECT_EQ(base64_encode(*initial),
            "dXNlcj1zb21ldXNlckBleGFtcGxlLmNvbQFhdXRoPUJlYXJlciB5YTI5LnZGOWRmdDRxbVRjMk52YjNSbGNrQmhkSFJoZG1semRHRXVZMjl0Q2cBAQ==");
}

TEST(XOAuth2, ErrorChallengeIsAnsweredWithAnEmptyResponse) {
  const auto xoauth2 = make("XOAUTH2", "user", "token");
  EXPECT_EQ(xoauth2->respond(R"({"status":"401","schemes":"bearer","scope":"https://mail.google.com/"})"), "");
}

TEST(OAuthBearer, InitialResponseFollowsRfc7628) {
  // RFC 7628 section 4.1, with the authzid of section 4.
  const auto bearer = make_sasl_mechanism("OAUTHBEARER", "user@example.com", "vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==",
                                          "server.example.com", 143);
  const auto initial = bearer->initial_response();
  ASSERT_TRUE(initial);
  EXPECT_EQ(*initial,
            "n,a=user@example.com,\x01" "host=server.example.com\x01" "port=143\x01"
            "auth=Bearer vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==\x01\x01");
}

TEST(OAuthBearer, Rfc7628Example) {
  // RFC 7628 section 4.1: the client's initial response (without authzid there;
  // ours always names the user), checked field by field.
  const auto bearer = make_sasl_mechanism("OAUTHBEARER", "u", "vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==",
                                          "server.example.com", 143);
  const std::string initial = *bearer->initial_response();
  EXPECT_EQ(initial.rfind("n,a=u,\x01", 0), 0u);
  EXPECT_NE(initial.find("\x01" "host=server.example.com\x01"), std::string::npos);
  EXPECT_NE(initial.find("\x01" "port=143\x01"), std::string::npos);
  EXPECT_EQ(initial.substr(initial.size() - 2), "\x01\x01");
}

TEST(OAuthBearer, AuthzidEscapesCommaAndEquals) {
  const auto bearer = make_sasl_mechanism("OAUTHBEARER", "a,b=c", "t", "h", 25);
  EXPECT_EQ(*bearer->initial_response(), "n,a=a=2Cb=3Dc,\x01" "host=h\x01" "port=25\x01" "auth=Bearer t\x01\x01");
}

TEST(OAuthBearer, ErrorChallengeIsAnsweredWithCtrlA) {
  const auto bearer = make("OAUTHBEARER");
  EXPECT_EQ(bearer->respond(R"({"status":"invalid_token"})"), "\x01");
  EXPECT_EQ(bearer->respond(R"({"status":"invalid_token"})"), std::nullopt) << "once";
}

}  // namespace
}  // namespace smtp_ping
