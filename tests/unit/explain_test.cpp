#include "output/explain.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "../support/valid_utf8.hpp"
#include "output/status_meaning.hpp"
#include "reply_test_support.hpp"

namespace smtp_ping {
namespace {

using reply_test::reply_from;
using R = ReplyReason;

constexpr R kAllReasons[] = {
    R::unknown,         R::greylisted,       R::rate_limited,     R::blocked_listed,
    R::authentication_failed, R::authentication_required, R::tls_required, R::mailbox_unknown,
    R::mailbox_full,    R::mailbox_disabled, R::relay_denied,     R::message_too_big,
    R::policy_rejection, R::sender_rejected, R::syntax_error,     R::service_unavailable,
    R::temporary_local_error,
};

bool plain_one_line(std::string_view text) {
  for (const char c : text)
    if (c < 0x20 || c > 0x7E || c == '|') return false;
  return !text.empty();
}

TEST(Explain, RcptMailboxUnknown) {
  const Explanation e = explain_reply(
      reply_from("550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown in local recipient table"));
  EXPECT_EQ(e.code, 550);
  EXPECT_EQ(e.enhanced, "5.1.1");
  EXPECT_TRUE(e.enhanced_trusted);
  EXPECT_EQ(e.meaning, "permanent failure, addressing: the destination mailbox does not exist");
  EXPECT_EQ(e.kind, R::mailbox_unknown);
  EXPECT_EQ(e.reason, "mailbox unknown");
  EXPECT_EQ(e.hint, reason_hint(R::mailbox_unknown));
}

TEST(Explain, Greylisted) {
  const Explanation e = explain_reply(reply_from(
      "450 4.2.0 <probe@example.org>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/"));
  EXPECT_EQ(e.meaning, "temporary failure, mailbox: something about the mailbox");
  EXPECT_EQ(e.reason, "greylisted");
  EXPECT_NE(e.hint.find("a real sender retries"), std::string::npos);
}

TEST(Explain, UnregisteredDetailFallsBackToItsSubject) {
  const Explanation e = explain_reply(reply_from("550 5.7.606 Access denied, banned sending IP [192.0.2.10]."));
  EXPECT_EQ(e.enhanced, "5.7.606");
  EXPECT_EQ(e.meaning, "permanent failure, security or policy: something about security or policy "
                       "(detail 606 is not registered)");
  EXPECT_EQ(e.kind, R::blocked_listed);
}

TEST(Explain, UnregisteredSubject) {
  EXPECT_EQ(enhanced_status_meaning({5, 9, 1}), "permanent failure, unregistered subject 9");
  EXPECT_EQ(enhanced_status_meaning({4, 999, 999}), "temporary failure, unregistered subject 999");
}

TEST(Explain, ClassesInWords) {
  EXPECT_EQ(enhanced_status_meaning({2, 0, 0}), "success, other or undefined status: no further detail is given");
  EXPECT_EQ(enhanced_status_meaning({4, 2, 2}), "temporary failure, mailbox: the mailbox is full");
  EXPECT_EQ(enhanced_status_meaning({5, 3, 4}), "permanent failure, mail system: the message is larger than the "
                                                "system allows");
}

TEST(Explain, EveryRegisteredCodeHasItsOwnWords) {
  // The IANA registry's enumerated codes (docs/replies.md): none falls back.
  const int last_detail[] = {0, 10, 4, 6, 7, 6, 10, 30};
  for (int subject = 0; subject <= 7; ++subject) {
    for (int detail = 0; detail <= last_detail[subject]; ++detail) {
      const std::string meaning = enhanced_status_meaning({5, subject, detail});
      EXPECT_EQ(meaning.find("not registered"), std::string::npos) << "5." << subject << '.' << detail;
      EXPECT_TRUE(plain_one_line(meaning)) << meaning;
    }
    EXPECT_NE(enhanced_status_meaning({5, subject, last_detail[subject] + 1}).find("not registered"),
              std::string::npos)
        << "5." << subject << '.' << last_detail[subject] + 1;
  }
}

TEST(Explain, WithoutEnhancedCodeTheReplyCodeIsExplained) {
  const Explanation e = explain_reply(reply_from("550 Unknown user"));
  EXPECT_EQ(e.enhanced, "");
  EXPECT_FALSE(e.enhanced_trusted);
  EXPECT_EQ(e.meaning, "permanent failure: mailbox unavailable (not found, not accessible, or refused by policy)");
  EXPECT_EQ(e.reason, "mailbox unknown");
}

TEST(Explain, ReplyCodesInWords) {
  EXPECT_EQ(reply_code_meaning(421), "temporary failure: the service is not available and the server closes the "
                                     "connection");
  EXPECT_EQ(reply_code_meaning(535), "permanent failure: the authentication credentials are invalid");
  EXPECT_EQ(reply_code_meaning(556), "permanent failure: the domain does not accept mail");
  EXPECT_EQ(reply_code_meaning(459), "temporary failure");
  EXPECT_EQ(reply_code_meaning(599), "permanent failure");
  EXPECT_EQ(reply_code_meaning(0), "unknown class");
}

TEST(Explain, ContradictingEnhancedCodeIsReportedButNotUsed) {
  const Explanation e = explain_reply(reply_from("451 5.7.3 STARTTLS is required to send mail"));
  EXPECT_EQ(e.enhanced, "5.7.3");
  EXPECT_FALSE(e.enhanced_trusted);
  EXPECT_EQ(e.meaning, "temporary failure: the server had a local error while processing (the enhanced code 5.7.3 "
                       "contradicts the reply code and is not used)");
  EXPECT_EQ(e.reason, "TLS required");
}

TEST(Explain, GivenClassificationIsUsed) {
  const Explanation e = explain_reply(reply_from("550 5.1.1 x"), {R::relay_denied, ReasonBasis::text});
  EXPECT_EQ(e.kind, R::relay_denied);
  EXPECT_EQ(e.reason, "relay denied");
  EXPECT_EQ(e.meaning, "permanent failure, addressing: the destination mailbox does not exist");
}

TEST(Explain, UnknownReason) {
  const Explanation e = explain_reply(reply_from("554 Transaction failed"));
  EXPECT_EQ(e.kind, R::unknown);
  EXPECT_EQ(e.reason, "unrecognised reason");
  EXPECT_EQ(e.meaning, "permanent failure: transaction failed (or, as a greeting, no SMTP service here)");
}

TEST(Explain, EveryReasonHasAKeyANameAndAOneLineHint) {
  std::set<std::string_view> keys, names, hints;
  for (const R reason : kAllReasons) {
    EXPECT_TRUE(plain_one_line(reason_key(reason))) << static_cast<int>(reason);
    EXPECT_TRUE(plain_one_line(reason_name(reason))) << static_cast<int>(reason);
    EXPECT_TRUE(plain_one_line(reason_hint(reason))) << static_cast<int>(reason);
    EXPECT_LE(reason_hint(reason).size(), 160u) << reason_hint(reason);
    EXPECT_EQ(reason_key(reason).find(' '), std::string_view::npos) << reason_key(reason);
    keys.insert(reason_key(reason));
    names.insert(reason_name(reason));
    hints.insert(reason_hint(reason));
  }
  EXPECT_EQ(keys.size(), std::size(kAllReasons));
  EXPECT_EQ(names.size(), std::size(kAllReasons));
  EXPECT_EQ(hints.size(), std::size(kAllReasons));
  EXPECT_EQ(reason_key(R::mailbox_unknown), "mailbox_unknown");
  EXPECT_EQ(reason_key(R::blocked_listed), "blocked_listed");
}

TEST(ExplainHostile, NothingFromTheServerReachesTheWords) {
  const char raw[] = "\x1b[31m|\r\n\0\xff\xfe user unknown \xc3";
  const std::string hostile(raw, sizeof raw - 1);
  const Explanation e = explain_reply(Reply{550, {"5.1.1 " + hostile, hostile}});
  EXPECT_EQ(e.reason, "mailbox unknown");
  for (const std::string* field : {&e.enhanced, &e.meaning, &e.reason, &e.hint}) {
    EXPECT_TRUE(test::valid_utf8(*field)) << *field;
    EXPECT_EQ(field->find('\x1b'), std::string::npos);
    EXPECT_EQ(field->find('|'), std::string::npos);
    EXPECT_EQ(field->find("user"), std::string::npos);
  }
}

TEST(ExplainHostile, EmptyAndOddReplies) {
  EXPECT_EQ(explain_reply(Reply{}).meaning, "unknown class");
  EXPECT_EQ(explain_reply(Reply{550, {}}).enhanced, "");
  const std::string long_text(256 * 1024, 'x');
  const Explanation e = explain_reply(Reply{451, {"4.7.1 " + long_text}});
  EXPECT_EQ(e.kind, R::policy_rejection);
  EXPECT_LT(e.meaning.size(), 200u);
}

}  // namespace
}  // namespace smtp_ping
