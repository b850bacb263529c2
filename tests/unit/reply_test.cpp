#include "smtp/reply.hpp"

#include <gtest/gtest.h>

namespace smtp_ping {
namespace {

TEST(ReplyLine, ParsesLastLine) {
  const auto line = parse_reply_line("250 mail.example.org ready");
  ASSERT_TRUE(line);
  EXPECT_EQ(line->code, 250);
  EXPECT_TRUE(line->last);
  EXPECT_EQ(line->text, "mail.example.org ready");
}

TEST(ReplyLine, ParsesContinuationLine) {
  const auto line = parse_reply_line("250-PIPELINING");
  ASSERT_TRUE(line);
  EXPECT_EQ(line->code, 250);
  EXPECT_FALSE(line->last);
  EXPECT_EQ(line->text, "PIPELINING");
}

TEST(ReplyLine, BareCodeEndsTheReply) {
  const auto line = parse_reply_line("354");
  ASSERT_TRUE(line);
  EXPECT_EQ(line->code, 354);
  EXPECT_TRUE(line->last);
  EXPECT_EQ(line->text, "");
}

TEST(ReplyLine, EmptyTextAfterSeparator) {
  const auto line = parse_reply_line("250-");
  ASSERT_TRUE(line);
  EXPECT_FALSE(line->last);
  EXPECT_EQ(line->text, "");
}

TEST(ReplyLine, KeepsTextBytesAsSent) {
  const auto line = parse_reply_line("220 a|b\x1b[31m");
  ASSERT_TRUE(line);
  EXPECT_EQ(line->text, "a|b\x1b[31m");
}

TEST(ReplyLine, AcceptsEveryClassFromTwoToFive) {
  for (const char* text : {"200 x", "399 x", "421 x", "599 x"}) EXPECT_TRUE(parse_reply_line(text)) << text;
}

TEST(ReplyLine, RejectsMalformedLines) {
  for (const char* bad : {"", "2", "25", "25x ok", "abc", "100 too low", "600 too high", "2500", "250x",
                          " 250 ok", "250\tok"}) {
    std::string error;
    EXPECT_FALSE(parse_reply_line(bad, &error)) << "'" << bad << "'";
    EXPECT_FALSE(error.empty()) << "'" << bad << "'";
  }
}

TEST(ReplyLine, ErrorIsOptional) { EXPECT_FALSE(parse_reply_line("garbage")); }

TEST(Reply, RawRebuildsTheWireForm) {
  const Reply reply{250, {"mail.example.org", "PIPELINING", "SIZE 1000"}};
  EXPECT_EQ(reply.raw(), "250-mail.example.org\n250-PIPELINING\n250 SIZE 1000");
}

TEST(Reply, RawOfACodeWithoutText) {
  EXPECT_EQ((Reply{354, {}}).raw(), "354");
  EXPECT_EQ((Reply{250, {"ok"}}).raw(), "250 ok");
}

TEST(Reply, TextJoinsLinesWithSpaces) {
  EXPECT_EQ((Reply{550, {"5.1.1 no such user", "see you"}}).text(), "5.1.1 no such user see you");
  EXPECT_EQ((Reply{250, {}}).text(), "");
}

TEST(Reply, ClassAndPositive) {
  EXPECT_EQ((Reply{451, {}}).klass(), 4);
  EXPECT_TRUE((Reply{250, {}}).positive());
  EXPECT_TRUE((Reply{354, {}}).positive());
  EXPECT_FALSE((Reply{421, {}}).positive());
  EXPECT_FALSE((Reply{550, {}}).positive());
}

}  // namespace
}  // namespace smtp_ping
