#include <gtest/gtest.h>

#include "mail/received_chain.hpp"

namespace smtp_ping {
namespace {

constexpr std::int64_t kT = 1796139823;  // Tue, 1 Dec 2026 15:43:43 +0000

TEST(ReceivedChain, HopsInTransitOrderWithDelays) {
  const auto message = parse_mail_message(
      "Received: from mx.example.net (mx.example.net [192.0.2.2])\r\n"
      "\tby mail.example.net (Postfix) with LMTP id 4ZxY; Tue, 1 Dec 2026 16:43:49 +0100 (CET)\r\n"
      "Received: from relay.example.org (relay [192.0.2.1]) by mx.example.net (Postfix) with ESMTPS id AB12\r\n"
      " for <user@example.net>; Tue, 1 Dec 2026 15:43:46 +0000\r\n"
      "Received: from client (localhost [127.0.0.1]) by relay.example.org with ESMTP id 1tA2b3-000abc-De;\r\n"
      " Tue, 01 Dec 2026 15:43:44 +0000\r\n"
      "\r\nbody\r\n");
  const auto chain = parse_received_chain(message, kT * 1000 + 900);
  ASSERT_EQ(chain.hops.size(), 3u);
  EXPECT_EQ(chain.hops[0].from, "client");
  EXPECT_EQ(chain.hops[0].by, "relay.example.org");
  EXPECT_EQ(chain.hops[0].with, "ESMTP");
  EXPECT_EQ(chain.hops[0].id, "1tA2b3-000abc-De");
  EXPECT_EQ(chain.hops[0].time, kT + 1);
  EXPECT_EQ(chain.hops[0].delay, 1);  // from the sending second
  EXPECT_EQ(chain.hops[1].by, "mx.example.net");
  EXPECT_EQ(chain.hops[1].id, "AB12");
  EXPECT_EQ(chain.hops[1].delay, 2);
  EXPECT_EQ(chain.hops[2].with, "LMTP");
  EXPECT_EQ(chain.hops[2].delay, 3);
  EXPECT_FALSE(chain.hops[2].clock_skew);
  EXPECT_EQ(chain.total, 6);
}

TEST(ReceivedChain, UnreadableTimesAndSkew) {
  const auto message = parse_mail_message(
      "Received: by b; Tue, 1 Dec 2026 15:43:40 +0000\r\n"
      "Received: by a; not a date\r\n"
      "Received: by z\r\n\r\n");
  const auto chain = parse_received_chain(message, kT * 1000);
  ASSERT_EQ(chain.hops.size(), 3u);
  EXPECT_FALSE(chain.hops[0].time);
  EXPECT_FALSE(chain.hops[1].time);
  EXPECT_EQ(chain.hops[2].delay, -3);
  EXPECT_TRUE(chain.hops[2].clock_skew);
  EXPECT_EQ(chain.total, -3);
  EXPECT_FALSE(parse_received_chain(parse_mail_message("Received: by z\r\n\r\n"), kT * 1000).total);
  EXPECT_FALSE(parse_received_chain(message, std::nullopt).hops[2].delay);
}

}  // namespace
}  // namespace smtp_ping
