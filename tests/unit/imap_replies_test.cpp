#include <gtest/gtest.h>

#include "mailbox/imap_replies.hpp"
#include "mailbox/pop3_replies.hpp"

namespace smtp_ping::mailbox {
namespace {

TEST(ImapReplies, Search) {
  auto reply = parse_search_reply("* SEARCH 3 17\r\n* 4 EXISTS\r\n", 10);
  EXPECT_TRUE(reply.present);
  EXPECT_EQ(reply.uids, (std::vector<std::uint32_t>{3, 17}));
  reply = parse_search_reply("* SEARCH\r\n* 1 EXISTS\r\n", 10);
  EXPECT_TRUE(reply.present);
  EXPECT_TRUE(reply.uids.empty());
  reply = parse_search_reply("* SEARCH 1 2 3 (MODSEQ 9)\r\n", 2);
  EXPECT_EQ(reply.uids.size(), 2u);
  EXPECT_TRUE(reply.more);
  EXPECT_TRUE(parse_search_reply("* SEARCH 0 x 4294967296\r\n", 10).malformed);
  EXPECT_FALSE(parse_search_reply("* SEARCHING 1\r\n", 10).present);
  EXPECT_FALSE(parse_search_reply("", 10).present);
}

TEST(ImapReplies, Capabilities) {
  const auto capabilities =
      parse_capabilities("* OK [CAPABILITY IMAP4rev1 SASL-IR] ready\r\n* CAPABILITY IMAP4rev1 uidplus IDLE\r\n");
  EXPECT_EQ(capabilities, (std::set<std::string>{"IMAP4REV1", "SASL-IR", "UIDPLUS", "IDLE"}));
}

TEST(ImapReplies, FetchAnnouncement) {
  auto fetch = parse_fetch_announcement("* 2 FETCH (UID 7 FLAGS (\\Seen) BODY[] {1234}\r\n");
  ASSERT_TRUE(fetch);
  EXPECT_EQ(fetch->sequence, 2u);
  EXPECT_EQ(fetch->uid, 7u);
  EXPECT_EQ(fetch->literal_size, 1234u);
  fetch = parse_fetch_announcement("* 1 FETCH (BODY[] {5+}\r\n");
  ASSERT_TRUE(fetch);
  EXPECT_FALSE(fetch->uid);
  EXPECT_FALSE(parse_fetch_announcement("* 1 FETCH (UID 7 FLAGS (\\Seen))\r\n"));
  EXPECT_FALSE(parse_fetch_announcement("* 1 FETCH (UID 7 BODY[] {x}\r\n"));
}

TEST(ImapReplies, InternalDatesAndList) {
  const auto dates = parse_internal_dates(
      "* 1 FETCH (UID 5 INTERNALDATE \"01-Dec-2026 15:43:43 +0000\")\r\n"
      "* 2 FETCH (INTERNALDATE \" 2-Dec-2026 00:00:00 +0100\" UID 6)\r\n* 3 FETCH (UID 7 INTERNALDATE \"bad\")\r\n",
      10);
  ASSERT_EQ(dates.size(), 2u);
  EXPECT_EQ(dates[0].uid, 5u);
  EXPECT_EQ(dates[0].time, 1796139823);
  EXPECT_EQ(dates[1].uid, 6u);

  const auto folders = parse_list_reply(
      "* LIST (\\HasNoChildren) \"/\" INBOX\r\n* LIST (\\HasNoChildren \\Junk) \"/\" \"Junk E-mail\"\r\n"
      "* LIST (\\Noselect) NIL {5}\r\n* LIST () \"\\\\\" \"a\\\"b\"\r\n",
      10);
  ASSERT_EQ(folders.size(), 3u);
  EXPECT_EQ(folders[0].name, "INBOX");
  EXPECT_EQ(folders[1].name, "Junk E-mail");
  EXPECT_EQ(folders[1].attributes.count("\\Junk"), 1u);
  EXPECT_EQ(folders[2].name, "a\"b");
  EXPECT_EQ(last_reply_line("* OK a\r\nA003 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n"),
            "A003 NO [AUTHENTICATIONFAILED] Authentication failed.");
}

TEST(Pop3Replies, ListingsAndOctets) {
  const auto listing = parse_pop3_listing("1 000000016553F100\r\n2 abc\r\nx y\r\n0 z\r\n3 two words\r\n", 10);
  ASSERT_EQ(listing.size(), 2u);
  EXPECT_EQ(listing[1].number, 2u);
  EXPECT_EQ(listing[1].value, "abc");
  EXPECT_EQ(parse_pop3_octets("+OK 5200 octets\r\n"), 5200u);
  EXPECT_EQ(parse_pop3_octets("+OK Logged in.\r\n+OK 12 octets follow\r\n"), 12u);
  EXPECT_FALSE(parse_pop3_octets("+OK message follows\r\n"));
  EXPECT_FALSE(parse_pop3_octets("-ERR 5 no\r\n"));
}

}  // namespace
}  // namespace smtp_ping::mailbox
