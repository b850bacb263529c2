#include "resolver/fcrdns.hpp"

#include <algorithm>

#include "resolver/reverse_name.hpp"

namespace smtp_ping::resolver {
namespace {

RecordType forward_type_of(const std::string& address) {
  return address.find(':') != std::string::npos ? RecordType::aaaa : RecordType::a;
}

bool contains_address(const Answer& forward, const std::string& address) {
  for (const std::string& found : forward.addresses())
    if (canonical_address(found) == address) return true;
  return false;
}

Answer not_asked(const std::string& address) {
  Answer answer;
  answer.query = Query{address, RecordType::ptr};
  answer.error = "not a numeric address";
  return answer;
}

}  // namespace

const char* fcrdns_verdict_name(FcrdnsVerdict verdict) {
  switch (verdict) {
    case FcrdnsVerdict::confirmed: return "forward-confirmed";
    case FcrdnsVerdict::not_confirmed: return "not forward-confirmed";
    case FcrdnsVerdict::forward_failed: return "forward lookup failed";
    case FcrdnsVerdict::no_ptr: return "no PTR";
    case FcrdnsVerdict::ptr_failed: return "PTR lookup failed";
    case FcrdnsVerdict::not_an_address: return "not an address";
  }
  return "?";
}

std::vector<std::string> ptr_names_to_confirm(const Answer& ptr) {
  std::vector<std::string> names;
  if (!ptr.has_records()) return names;
  for (std::string& name : ptr.names()) {
    if (names.size() == kMaxPtrNames) break;
    if (!name.empty()) names.push_back(std::move(name));
  }
  return names;
}

Fcrdns judge_fcrdns(const std::string& address, const std::optional<std::string>& announced, const Answer& ptr,
                    std::vector<FcrdnsName> names) {
  Fcrdns result;
  result.announced = announced;
  result.ptr = ptr;
  const auto canonical = canonical_address(address);
  result.address = canonical.value_or(address);
  if (!canonical) {
    result.verdict = FcrdnsVerdict::not_an_address;
    return result;
  }
  if (!ptr.answered() || (ptr.rcode != rcode::noerror && ptr.rcode != rcode::nxdomain)) {
    result.verdict = FcrdnsVerdict::ptr_failed;
    return result;
  }
  if (!ptr.has_records() || names.empty()) {
    result.verdict = FcrdnsVerdict::no_ptr;
    if (announced) result.matches_announced = false;
    return result;
  }
  bool forward_failure = false;
  for (FcrdnsName& name : names) {
    name.confirms = name.forward.has_records() && contains_address(name.forward, *canonical);
    if (name.confirms && !result.confirmed_name) result.confirmed_name = name.name;
    if (!name.forward.answered() ||
        (name.forward.rcode != rcode::noerror && name.forward.rcode != rcode::nxdomain))
      forward_failure = true;
  }
  result.names = std::move(names);
  if (result.confirmed_name)
    result.verdict = FcrdnsVerdict::confirmed;
  else
    result.verdict = forward_failure ? FcrdnsVerdict::forward_failed : FcrdnsVerdict::not_confirmed;
  if (announced)
    result.matches_announced = std::any_of(result.names.begin(), result.names.end(), [&](const FcrdnsName& name) {
      return name.confirms && same_name(name.name, *announced);
    });
  return result;
}

std::vector<Fcrdns> check_fcrdns(Resolver& resolver, const std::vector<FcrdnsRequest>& requests,
                                 const Deadline& deadline) {
  std::vector<Query> ptr_queries;
  std::vector<std::optional<std::size_t>> ptr_index(requests.size());
  for (std::size_t i = 0; i < requests.size(); ++i) {
    if (const auto name = reverse_name(requests[i].address)) {
      ptr_index[i] = ptr_queries.size();
      ptr_queries.push_back(Query{*name, RecordType::ptr});
    }
  }
  const std::vector<Answer> ptrs = resolver.resolve(ptr_queries, deadline);

  // Every PTR name of every address, in one batch.
  std::vector<Query> forward_queries;
  std::vector<std::vector<std::string>> names_of(requests.size());
  for (std::size_t i = 0; i < requests.size(); ++i) {
    if (!ptr_index[i]) continue;
    names_of[i] = ptr_names_to_confirm(ptrs[*ptr_index[i]]);
    for (const std::string& name : names_of[i])
      forward_queries.push_back(Query{name, forward_type_of(requests[i].address)});
  }
  std::vector<Answer> forwards =
      forward_queries.empty() ? std::vector<Answer>{} : resolver.resolve(forward_queries, deadline);

  std::vector<Fcrdns> results;
  std::size_t next = 0;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    if (!ptr_index[i]) {
      results.push_back(judge_fcrdns(requests[i].address, requests[i].announced, not_asked(requests[i].address), {}));
      continue;
    }
    std::vector<FcrdnsName> names;
    for (const std::string& name : names_of[i]) names.push_back(FcrdnsName{name, std::move(forwards.at(next++)), false});
    results.push_back(judge_fcrdns(requests[i].address, requests[i].announced, ptrs[*ptr_index[i]], std::move(names)));
  }
  return results;
}

}  // namespace smtp_ping::resolver
