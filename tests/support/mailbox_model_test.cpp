// The mailbox server's parts on their own: the mailbox, the message text
// helpers, IMAP syntax, SEARCH and FETCH.
#include <gtest/gtest.h>

#include <thread>

#include "imap_fetch.hpp"
#include "imap_search.hpp"
#include "imap_syntax.hpp"
#include "mailbox.hpp"
#include "message_text.hpp"

namespace smtp_ping::test {
namespace {

TEST(Mailbox, UidsAscendInTheOrderMessagesBecomeVisible) {
  Mailbox mailbox({"INBOX", "Junk"}, 1000, false);
  mailbox.deliver_after("INBOX", {"Subject: late\r\n\r\nx\r\n", {}, {}}, Millis(150));
  EXPECT_EQ(mailbox.add("INBOX", {"Subject: now\r\n\r\nx\r\n", {}, {}}), 1u);
  EXPECT_EQ(mailbox.pending("INBOX"), 1u);
  EXPECT_EQ(mailbox.uids("INBOX").size(), 1u);
  for (int i = 0; i < 100 && mailbox.pending("inbox") > 0; ++i) std::this_thread::sleep_for(Millis(20));
  ASSERT_EQ(mailbox.uids("INBOX"), (std::vector<std::uint32_t>{1, 2}));
  EXPECT_EQ(header_values(mailbox.message("INBOX", 2)->content, "Subject"), std::vector<std::string>{"late"});
  EXPECT_EQ(mailbox.uid_next("INBOX"), 3u);
  EXPECT_EQ(mailbox.add("Junk", {"x", {}, {}}), 1u);  // per folder
  EXPECT_NE(mailbox.uid_validity("INBOX"), mailbox.uid_validity("Junk"));
}

TEST(Mailbox, NeverDeliversKeepsDeliveriesPending) {
  Mailbox mailbox({"INBOX"}, 1, true);
  mailbox.deliver_after("INBOX", {"x", {}, {}}, Millis(0));
  EXPECT_TRUE(mailbox.uids("INBOX").empty());
  EXPECT_EQ(mailbox.pending("INBOX"), 1u);
  EXPECT_EQ(mailbox.add("INBOX", {"y", {}, {}}), 1u);  // added directly: still there
}

TEST(Mailbox, FoldersContentFlagsAndExpunge) {
  Mailbox mailbox({"INBOX"}, 1, false);
  EXPECT_TRUE(mailbox.has_folder("inbox"));
  EXPECT_FALSE(mailbox.has_folder("junk"));
  EXPECT_THROW(mailbox.add("Junk", {"x", {}, {}}), std::invalid_argument);
  mailbox.create_folder("Junk");
  EXPECT_TRUE(mailbox.has_folder("Junk"));

  const auto date = SystemClock::time_point(std::chrono::seconds(1700000000));
  mailbox.add("INBOX", {"a\nb\r\n", {"\\Deleted"}, date});
  mailbox.add("INBOX", {"c", {}, {}});
  mailbox.add("INBOX", {"d", {}, {}});
  const auto first = *mailbox.message("INBOX", 1);
  EXPECT_EQ(first.content, "a\r\nb\r\n");
  EXPECT_EQ(first.internal_date, date);
  EXPECT_EQ(*mailbox.change_flags("INBOX", 3, Mailbox::FlagChange::add, {"\\Deleted", "\\Seen"}),
            (std::set<std::string>{"\\Deleted", "\\Seen"}));
  EXPECT_FALSE(mailbox.change_flags("INBOX", 9, Mailbox::FlagChange::add, {"\\Seen"}));
  EXPECT_EQ(mailbox.expunge("INBOX", {3}), std::vector<std::uint32_t>{3});  // only those named
  EXPECT_EQ(mailbox.expunge("INBOX"), std::vector<std::uint32_t>{1});       // every \Deleted one
  mailbox.remove("INBOX", {2});
  EXPECT_TRUE(mailbox.uids("INBOX").empty());
}

TEST(MessageText, HeadersBodiesAndDotStuffing) {
  const auto message = to_crlf("Subject: one\n two\nx-token: A\nX-Token: B\n\nbody\n.\n..x\n");
  EXPECT_EQ(header_values(message, "subject"), std::vector<std::string>{"one two"});
  EXPECT_EQ(header_values(message, "X-TOKEN"), (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(header_section(message), "Subject: one\r\n two\r\nx-token: A\r\nX-Token: B\r\n\r\n");
  EXPECT_EQ(body_section(message), "body\r\n.\r\n..x\r\n");
  EXPECT_EQ(header_fields(message, {"x-token"}, false), "x-token: A\r\nX-Token: B\r\n\r\n");
  EXPECT_EQ(header_fields(message, {"x-token"}, true), "Subject: one\r\n two\r\n\r\n");
  EXPECT_EQ(dot_stuffed(body_section(message)), "body\r\n..\r\n...x\r\n");
  EXPECT_EQ(dot_stuffed(".no newline"), "..no newline\r\n");
  EXPECT_EQ(compose_message({{"A", "1"}}, "b\n"), "A: 1\r\n\r\nb\r\n");
  EXPECT_TRUE(contains_ignoring_case("Hello World", "o wOR"));
}

TEST(ImapSyntax, ArgumentsStringsLiteralsListsAndSections) {
  const auto args = parse_imap_arguments(
      "\"a \\\"quoted\\\" one\" {5}\r\nx y\rz atom (1 (2 NIL)) BODY.PEEK[HEADER.FIELDS (FROM TO)]<0.10>");
  ASSERT_TRUE(args);
  ASSERT_EQ(args->size(), 5u);
  EXPECT_EQ((*args)[0].text, "a \"quoted\" one");
  EXPECT_EQ((*args)[1].text, "x y\rz");
  EXPECT_EQ((*args)[1].kind, ImapValue::Kind::string);
  EXPECT_TRUE((*args)[2].is_atom("ATOM"));
  ASSERT_TRUE((*args)[3].is_list());
  EXPECT_TRUE((*args)[3].items[1].items[1].is_atom("nil"));
  EXPECT_EQ((*args)[4].text, "BODY.PEEK[HEADER.FIELDS (FROM TO)]<0.10>");
  EXPECT_FALSE(parse_imap_arguments("(unclosed"));
  EXPECT_FALSE(parse_imap_arguments("\"unclosed"));
  EXPECT_FALSE(parse_imap_arguments("{10}\r\nshort"));
  EXPECT_EQ(imap_astring("INBOX"), "INBOX");
  EXPECT_EQ(imap_astring("My Folder"), "\"My Folder\"");
}

TEST(ImapSyntax, SequenceSetsDatesAndFlags) {
  const auto set = SequenceSet::parse("2,4:5,100:*");
  ASSERT_TRUE(set);
  EXPECT_FALSE(set->contains(1, 9));
  EXPECT_TRUE(set->contains(2, 9));
  EXPECT_TRUE(set->contains(5, 9));
  EXPECT_TRUE(set->contains(9, 9));  // 100:* covers the largest even below 100 (RFC 3501 §6.4.8)
  EXPECT_FALSE(set->contains(8, 9));
  EXPECT_FALSE(SequenceSet::parse("0"));
  EXPECT_FALSE(SequenceSet::parse("1,,2"));
  EXPECT_EQ(parse_imap_date("1-Jan-1970"), 0);
  EXPECT_EQ(parse_imap_date("14-nov-2023"), 19675);
  EXPECT_FALSE(parse_imap_date("14-Foo-2023"));
  EXPECT_EQ(format_internal_date(SystemClock::time_point(std::chrono::seconds(1700000000))),
            "14-Nov-2023 22:13:20 +0000");
  EXPECT_EQ(canonical_flag("\\SEEN"), "\\Seen");
  EXPECT_EQ(canonical_flag("$Junk"), "$Junk");
  EXPECT_EQ(flag_list({"\\Seen", "\\Deleted"}), "(\\Deleted \\Seen)");
}

std::vector<std::uint32_t> search(const std::string& criteria, const std::vector<StoredMessage>& messages) {
  std::string error;
  const auto program = SearchProgram::parse(*parse_imap_arguments(criteria), error);
  EXPECT_TRUE(program) << error;
  std::vector<std::uint32_t> found;
  if (!program) return found;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    const SearchSubject subject{static_cast<std::uint32_t>(i + 1), &messages[i],
                                static_cast<std::uint32_t>(messages.size()), messages.back().uid};
    if (program->matches(subject)) found.push_back(messages[i].uid);
  }
  return found;
}

TEST(ImapSearch, CriteriaAsRfc3501DefinesThem) {
  const auto day = std::chrono::hours(24);
  const auto base = SystemClock::time_point(std::chrono::seconds(1700000000));  // 14-Nov-2023
  const std::vector<StoredMessage> messages{
      {10, to_crlf("From: a@example.org\nX-Smtp-Ping-Token: abc\n\nhello\n"), {"\\Seen"}, base - day},
      {11, to_crlf("From: b@example.org\nX-Smtp-Ping-Token: xyz\n\nworld\n"), {}, base},
      {12, to_crlf("From: c@example.org\nSubject: no token\n\nHELLO again\n"), {"\\Deleted"}, base + day}};
  EXPECT_EQ(search("ALL", messages), (std::vector<std::uint32_t>{10, 11, 12}));
  EXPECT_EQ(search("HEADER X-Smtp-Ping-Token abc", messages), std::vector<std::uint32_t>{10});
  EXPECT_EQ(search("HEADER x-smtp-ping-token \"\"", messages), (std::vector<std::uint32_t>{10, 11}));
  EXPECT_EQ(search("CHARSET UTF-8 HEADER X-Smtp-Ping-Token XY", messages), std::vector<std::uint32_t>{11});
  EXPECT_EQ(search("OR FROM a@ FROM c@", messages), (std::vector<std::uint32_t>{10, 12}));
  EXPECT_EQ(search("NOT SEEN UNDELETED", messages), std::vector<std::uint32_t>{11});
  EXPECT_EQ(search("(SEEN) (BODY hello)", messages), std::vector<std::uint32_t>{10});
  EXPECT_EQ(search("TEXT hello", messages), (std::vector<std::uint32_t>{10, 12}));
  EXPECT_EQ(search("UID 11:*", messages), (std::vector<std::uint32_t>{11, 12}));
  EXPECT_EQ(search("2:3 DELETED", messages), std::vector<std::uint32_t>{12});
  EXPECT_EQ(search("BEFORE 14-Nov-2023", messages), std::vector<std::uint32_t>{10});
  EXPECT_EQ(search("SINCE 14-Nov-2023", messages), (std::vector<std::uint32_t>{11, 12}));
  EXPECT_EQ(search("ON 15-Nov-2023", messages), std::vector<std::uint32_t>{12});
  EXPECT_EQ(search("LARGER 54", messages), std::vector<std::uint32_t>{12});
  EXPECT_EQ(search("SMALLER 55", messages), (std::vector<std::uint32_t>{10, 11}));
  std::string error;
  EXPECT_FALSE(SearchProgram::parse(*parse_imap_arguments("FUZZY abc"), error));
  EXPECT_EQ(error, "unknown search key FUZZY");
  EXPECT_FALSE(SearchProgram::parse(*parse_imap_arguments("HEADER only-a-name"), error));
}

TEST(ImapFetch, AttributesAndDovecotsReplyOrder) {
  std::string error;
  const auto attributes = parse_fetch_attributes(
      (*parse_imap_arguments("(BODY.PEEK[header.fields (subject)]<0.10> FLAGS RFC822.SIZE)"))[0], error);
  ASSERT_TRUE(attributes) << error;
  EXPECT_EQ((*attributes)[0].reply_name, "BODY[HEADER.FIELDS (SUBJECT)]<0>");
  EXPECT_FALSE((*attributes)[0].sets_seen);
  const StoredMessage message{7, to_crlf("Subject: twelve chars\nFrom: x\n\nbody\n"), {"\\Seen"}, {}};
  const auto items = fetch_reply_items(*attributes, message, 7, true, false);
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].name, "UID");  // first for UID FETCH
  EXPECT_EQ(items[1].name + " " + items[1].value, "FLAGS (\\Seen)");
  EXPECT_EQ(items[2].name + " " + items[2].value, "RFC822.SIZE " + std::to_string(message.content.size()));
  EXPECT_TRUE(items[3].literal);            // literals last
  EXPECT_EQ(items[3].value, "Subject: t");  // 10 bytes from 0

  const auto body = parse_fetch_attributes(*parse_imap_arguments("BODY[]").value().data(), error);
  ASSERT_TRUE(body);
  EXPECT_TRUE((*body)[0].sets_seen);
  const auto with_seen = fetch_reply_items(*body, message, 7, false, true);
  ASSERT_EQ(with_seen.size(), 2u);
  EXPECT_EQ(with_seen[0].name, "FLAGS");  // the implicit \Seen, before the literal
  EXPECT_EQ(with_seen[1].value, message.content);

  EXPECT_FALSE(parse_fetch_attributes((*parse_imap_arguments("ENVELOPE"))[0], error));
  EXPECT_FALSE(parse_fetch_attributes((*parse_imap_arguments("BODY[1.MIME]"))[0], error));
  EXPECT_TRUE(parse_fetch_attributes((*parse_imap_arguments("FAST"))[0], error));
}

}  // namespace
}  // namespace smtp_ping::test
