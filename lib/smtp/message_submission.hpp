#pragma once

// --send (issue 15): the probe message the dialog sends with DATA after RCPT,
// and what the server said about it.

#include <cstddef>
#include <optional>

#include "common/deadline.hpp"
#include "mail/mail_time.hpp"
#include "mail/probe_message.hpp"
#include "mail/queue_id.hpp"

namespace smtp_ping {

struct SendOptions {
  std::size_t body_size = kDefaultProbeBodySize;  // --message-size
};

// The message the DATA step sent, whether the server took it or not.
struct SentMessage {
  ProbeMessage message;              // as composed (its token finds it in a mailbox)
  std::size_t payload_bytes = 0;     // on the wire: dot-stuffed, with the terminating line
  bool accepted = false;             // the final reply was 2xx
  std::optional<QueueId> queue_id;   // from the final reply's text
  Clock::duration accepted_at{};     // from the start of the check to the final reply
  SystemTime accepted_time{};        // the same moment on the wall clock (delivery is timed from it)
};

}  // namespace smtp_ping
