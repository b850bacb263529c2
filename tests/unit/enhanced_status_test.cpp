#include "smtp/enhanced_status.hpp"

#include <gtest/gtest.h>

#include <string>

#include "reply_test_support.hpp"

namespace smtp_ping {
namespace {

using reply_test::reply_from;

EnhancedStatus status(int klass, int subject, int detail) { return {klass, subject, detail}; }

TEST(EnhancedStatus, ParsesTheCodeAtTheStartOfTheText) {
  EXPECT_EQ(parse_enhanced_status("5.1.1 <nobody@example.org>: User unknown"), status(5, 1, 1));
  EXPECT_EQ(parse_enhanced_status("4.7.0"), status(4, 7, 0));
  EXPECT_EQ(parse_enhanced_status("2.0.0\tOk"), status(2, 0, 0));
  EXPECT_EQ(parse_enhanced_status("5.7.606 Access denied, banned sending IP"), status(5, 7, 606));
  EXPECT_EQ(parse_enhanced_status("5.999.999 x"), status(5, 999, 999));
}

TEST(EnhancedStatus, LeadingZerosAreDigitsLikeAnyOther) {
  EXPECT_EQ(parse_enhanced_status("5.01.001 x"), status(5, 1, 1));
  EXPECT_EQ(parse_enhanced_status("5.01.001 x")->text(), "5.1.1");
}

TEST(EnhancedStatus, RefusesOtherClasses) {
  for (const char* text : {"0.1.1 x", "1.1.1 x", "3.1.1 x", "6.1.1 x", "9.1.1 x"})
    EXPECT_FALSE(parse_enhanced_status(text)) << text;
}

TEST(EnhancedStatus, RefusesMoreThanThreeDigits) {
  EXPECT_FALSE(parse_enhanced_status("5.1000.1 x"));
  EXPECT_FALSE(parse_enhanced_status("5.1.1000 x"));
  EXPECT_FALSE(parse_enhanced_status("55.1.1 x"));
}

TEST(EnhancedStatus, RefusesMalformedCodes) {
  for (const char* text : {"", "5", "5.", "5.1", "5.1.", "5..1", "5.1..1", ".5.1.1", " 5.1.1 x", "5.1.1. x", "5.1.1a",
                           "5.1.1,x", "5.1.1-x", "5-1-1 x", "x5.1.1", "5.a.1", "5.1.b"})
    EXPECT_FALSE(parse_enhanced_status(text)) << '"' << text << '"';
}

TEST(EnhancedStatus, NulAfterTheCodeIsNotABlank) {
  EXPECT_FALSE(parse_enhanced_status(std::string("5.1.1\0x", 7)));
  EXPECT_FALSE(parse_enhanced_status(std::string("5.1\0.1", 6)));
}

TEST(EnhancedStatus, TextIsClassSubjectDetail) {
  EXPECT_EQ(status(5, 7, 606).text(), "5.7.606");
  EXPECT_EQ(status(4, 0, 0).text(), "4.0.0");
}

TEST(EnhancedStatus, LengthCoversTheCodeAndTheBlanksAfterIt) {
  EXPECT_EQ(enhanced_status_length("5.1.1   User unknown"), 8u);
  EXPECT_EQ(enhanced_status_length("5.1.1\t\tx"), 7u);
  EXPECT_EQ(enhanced_status_length("5.1.1"), 5u);
  EXPECT_EQ(enhanced_status_length("User unknown"), 0u);
  EXPECT_EQ(enhanced_status_length("5.1.1x"), 0u);
  EXPECT_EQ(enhanced_status_length(""), 0u);
}

TEST(ReplyStatus, AgreesWhenTheClassIsTheReplyCodesClass) {
  const ReplyStatus agreed = reply_status(550, "5.1.1 User unknown");
  EXPECT_EQ(agreed.sent, status(5, 1, 1));
  EXPECT_TRUE(agreed.consistent);
  EXPECT_EQ(agreed.trusted(), status(5, 1, 1));
}

TEST(ReplyStatus, ContradictingCodeIsReportedButNotTrusted) {
  // Microsoft 365 answers a temporary 451 with a permanent-class code.
  const ReplyStatus contradicting = reply_status(451, "5.7.3 STARTTLS is required to send mail");
  EXPECT_EQ(contradicting.sent, status(5, 7, 3));
  EXPECT_FALSE(contradicting.consistent);
  EXPECT_FALSE(contradicting.trusted());

  EXPECT_FALSE(reply_status(550, "4.2.2 Mailbox full").trusted());
  EXPECT_FALSE(reply_status(250, "5.1.1 Ok").trusted());
  EXPECT_FALSE(reply_status(354, "2.0.0 go ahead").trusted());  // no class 3 exists
}

TEST(ReplyStatus, ReplyWithoutCode) {
  const ReplyStatus none = reply_status(550, "Unknown user");
  EXPECT_FALSE(none.sent);
  EXPECT_FALSE(none.consistent);
  EXPECT_FALSE(none.trusted());
}

TEST(ReplyStatus, ComesFromTheFirstLineOfAReply) {
  EXPECT_EQ(reply_status(reply_from("550-5.1.1 The email account that you tried to reach does not exist.\n"
                                    "550 5.1.1 https://support.google.com/mail/?p=NoSuchUser"))
                .trusted(),
            status(5, 1, 1));
  EXPECT_FALSE(reply_status(reply_from("550-Verification failed for <probe@example.org>\n550 5.1.1 x")).sent);
  EXPECT_FALSE(reply_status(Reply{550, {}}).sent);
  EXPECT_FALSE(reply_status(reply_from("550")).sent);
}

}  // namespace
}  // namespace smtp_ping
