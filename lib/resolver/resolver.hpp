#pragma once

#include <string>
#include <vector>

#include "common/deadline.hpp"
#include "resolver/answer.hpp"
#include "resolver/query.hpp"

namespace smtp_ping::resolver {

// A DNS client: asks many questions at once and returns one Answer per Query, in the same
// order, by the deadline. Never throws: a query that cannot be asked, is not answered in
// time or fails says so in its own Answer (the others are not affected).
class Resolver {
 public:
  virtual ~Resolver() = default;
  virtual std::vector<Answer> resolve(const std::vector<Query>& queries, const Deadline& deadline) noexcept = 0;
  // The organizational domain of `name` (RFC 7489 §3.2: one label below its public suffix, by
  // the public suffix list), for DMARC's fallback; empty when this resolver has no list.
  virtual std::string organizational_domain(const std::string& name) const noexcept {
    (void)name;
    return {};
  }
};

}  // namespace smtp_ping::resolver
