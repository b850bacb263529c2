// Reverse names and name comparison of the DNS client (lib/resolver/reverse_name.hpp).
#include "resolver/reverse_name.hpp"

#include <gtest/gtest.h>

namespace smtp_ping::resolver {
namespace {

TEST(ResolverReverseName, Ipv4) { EXPECT_EQ(reverse_name("127.0.0.11"), "11.0.0.127.in-addr.arpa"); }

TEST(ResolverReverseName, Ipv6Nibbles) {
  EXPECT_EQ(reverse_name("::1"), "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa");
  EXPECT_EQ(reverse_name("2001:db8::abcd"),
            "d.c.b.a.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
}

TEST(ResolverReverseName, NotAnAddress) {
  EXPECT_FALSE(reverse_name("mx1.example.org"));
  EXPECT_FALSE(reverse_name(""));
  EXPECT_FALSE(reverse_name(std::string("127.0.0.1\0x", 11)));
}

TEST(ResolverReverseName, CanonicalAddress) {
  EXPECT_EQ(canonical_address("2001:0DB8:0:0::1"), "2001:db8::1");
  EXPECT_EQ(canonical_address("127.0.0.1"), "127.0.0.1");
  EXPECT_FALSE(canonical_address("127.0.0.256"));
}

TEST(ResolverSameName, CaseAndTrailingDotDoNotMatter) {
  EXPECT_TRUE(same_name("MX1.Smtp-Ping.test.", "mx1.smtp-ping.test"));
  EXPECT_FALSE(same_name("mx1.smtp-ping.test", "mx2.smtp-ping.test"));
  EXPECT_FALSE(same_name("mx1.smtp-ping.test", "mx1.smtp-ping.tes"));
}

}  // namespace
}  // namespace smtp_ping::resolver
