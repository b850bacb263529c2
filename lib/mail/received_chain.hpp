#pragma once

// The Received: chain (RFC 5321 §4.4, RFC 5322 §3.6.7) of a delivered message
// as hops in transit order, each with its timestamp and the delay since the
// one before: which hop held the message. Second precision: that is all a
// Received: date-time carries.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mail/mail_message.hpp"

namespace smtp_ping {

struct ReceivedHop {
  std::string from;  // the clauses as written ("" when absent), comments removed
  std::string by;
  std::string with;
  std::string id;
  std::optional<std::int64_t> time;   // Unix seconds; nullopt: no readable date-time
  std::optional<std::int64_t> delay;  // seconds since the previous known time (or since sending)
  bool clock_skew = false;            // the delay came out negative: the hosts' clocks disagree
};

struct ReceivedChain {
  std::vector<ReceivedHop> hops;  // the first relay first (the reverse of header order)
  std::optional<std::int64_t> total;  // last known time minus sending time, seconds
};

inline constexpr std::size_t kMaximumHops = 100;

// `sent_ms`: when we sent the message (Unix milliseconds; the first hop's
// delay is measured from it, truncated to the second), or nullopt.
ReceivedChain parse_received_chain(const MailMessage& message, std::optional<std::int64_t> sent_ms);

// One Received: value; its time and clauses, no delay.
ReceivedHop parse_received(std::string_view value);

}  // namespace smtp_ping
