#include <gtest/gtest.h>

#include "mail/queue_id.hpp"

namespace smtp_ping {
namespace {

std::optional<QueueId> id(const char* id, const char* form) { return QueueId{id, form}; }

TEST(QueueId, KnownWordings) {
  EXPECT_EQ(extract_queue_id("2.0.0 Ok: queued as 4ZxY1Q0mzCz9sWp"), id("4ZxY1Q0mzCz9sWp", "postfix"));
  EXPECT_EQ(extract_queue_id("Ok: queued as 3F1A2B"), id("3F1A2B", "postfix"));
  EXPECT_EQ(extract_queue_id("OK id=1tA2b3-000abc-De"), id("1tA2b3-000abc-De", "exim"));
  EXPECT_EQ(extract_queue_id("OK id=10HmaX-000000005vi-0000"), id("10HmaX-000000005vi-0000", "exim"));
  EXPECT_EQ(extract_queue_id("2.6.0 <6b36518e@example.com> [InternalId=23138874, Hostname=EX01] Queued mail for delivery"),
            id("23138874", "exchange"));
  EXPECT_EQ(extract_queue_id("2.0.0 OK  1700000000 a1b2c3si123456wmb.12 - gsmtp"), id("a1b2c3si123456wmb.12", "gmail"));
  EXPECT_EQ(extract_queue_id("ok 1700000000 qp 12345"), id("12345", "qmail"));
  EXPECT_EQ(extract_queue_id("Message Queued (4F1A2B3C-7D1E-4C2B-9D0A-1B2C3D4E5F60.1)"),
            id("4F1A2B3C-7D1E-4C2B-9D0A-1B2C3D4E5F60.1", "haraka"));
  EXPECT_EQ(extract_queue_id("2.0.0 x9ABCDEF012345 Message accepted for delivery"), id("x9ABCDEF012345", "sendmail"));
  EXPECT_EQ(extract_queue_id("2.0.0 1a2b3c4d Message accepted for delivery"), id("1a2b3c4d", "sendmail"));
  EXPECT_EQ(extract_queue_id("2.0.0 AlFY1s00l3g2mJg01lFZAf mail accepted for delivery"),
            id("AlFY1s00l3g2mJg01lFZAf", "sendmail"));
  EXPECT_EQ(extract_queue_id("Accepted, id=abc123."), id("abc123", "generic"));
}

TEST(QueueId, NoneWhereNoneIsSaid) {
  EXPECT_FALSE(extract_queue_id(""));
  EXPECT_FALSE(extract_queue_id("OK"));
  EXPECT_FALSE(extract_queue_id("2.0.0 Ok"));
  EXPECT_FALSE(extract_queue_id("Message accepted for delivery"));
  EXPECT_FALSE(extract_queue_id("2.0.0 Ok: queued as "));
  EXPECT_FALSE(extract_queue_id("Ok: queued as " + std::string(200, 'A')));  // longer than any id
  EXPECT_FALSE(extract_queue_id("Ok: queued as \x1b[31m"));
}

}  // namespace
}  // namespace smtp_ping
