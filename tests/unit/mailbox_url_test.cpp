#include <gtest/gtest.h>

#include "mailbox/mailbox_url.hpp"

namespace smtp_ping::mailbox {
namespace {

std::optional<MailboxUrl> parsed(const std::string& text) {
  std::string problem;
  auto url = parse_mailbox_url(text, problem);
  if (!url) {
    EXPECT_FALSE(problem.empty());
  }
  return url;
}

TEST(MailboxUrl, Forms) {
  auto url = parsed("imap://probe%40example.org@mail.example.org:143/Folder%20One");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->protocol, MailProtocol::imap);
  EXPECT_FALSE(url->implicit_tls);
  EXPECT_EQ(url->user, "probe@example.org");
  EXPECT_EQ(url->host, "mail.example.org");
  EXPECT_EQ(url->port, 143);
  EXPECT_EQ(url->folder, "Folder One");
  EXPECT_EQ(url->base(), "imap://mail.example.org:143/");
  EXPECT_EQ(url->folder_url("Junk E-mail"), "imap://mail.example.org:143/Junk%20E-mail");
  EXPECT_EQ(url->message_url("INBOX", 7), "imap://mail.example.org:143/INBOX/;UID=7");
  EXPECT_EQ(url->section_url("INBOX", 7, "HEADER.FIELDS (FROM)"),
            "imap://mail.example.org:143/INBOX/;UID=7/;SECTION=HEADER.FIELDS%20%28FROM%29");

  url = parsed("IMAPS://[::1]/");
  ASSERT_TRUE(url);
  EXPECT_TRUE(url->implicit_tls);
  EXPECT_EQ(url->host, "[::1]");
  EXPECT_FALSE(url->port);
  EXPECT_EQ(url->folder, "INBOX");

  url = parsed("pop3s://user@[::1]:995");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->protocol, MailProtocol::pop3);
  EXPECT_EQ(url->message_url("INBOX", 3), "pop3s://[::1]:995/3");
}

TEST(MailboxUrl, Refused) {
  for (const char* text : {"", "mail.example.org", "http://x/", "imap://", "imap://user:secret@host/",
                           "imap://host/INBOX;UID=1", "imap://host/INBOX?ALL", "imap://host:0/", "imap://host:65536/",
                           "imap://host:x/", "imap://host/a%0d%0aA1 LOGOUT", "imap://host/%zz", "pop3://host/Junk",
                           "imap://ho st/", "imap://[::1/"})
    EXPECT_FALSE(parsed(text)) << text;
}

}  // namespace
}  // namespace smtp_ping::mailbox
