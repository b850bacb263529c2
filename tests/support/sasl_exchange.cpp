#include "sasl_exchange.hpp"

#include "sasl.hpp"

namespace smtp_ping::test {
namespace {

struct ClientGone {};

}  // namespace

std::optional<SaslOutcome> run_sasl_exchange(const std::string& mechanism, const std::string& initial,
                                             const SaslAccount& account, const std::string& hostname, int nonce,
                                             const SaslAsk& ask) {
  SaslOutcome outcome;
  auto next_answer = [&](const std::string& challenge) {
    auto line = ask(challenge);
    if (!line) throw ClientGone{};
    if (*line == "*") outcome.aborted = true;
    return *line;
  };
  auto decoded = [](const std::string& text) { return base64_decode(text).value_or(std::string("\xff")); };

  try {
    if (mechanism == "PLAIN") {
      const auto response = initial.empty() ? next_answer("") : initial;
      outcome.success = !outcome.aborted && plain_matches(decoded(response), account.user, account.secret);
    } else if (mechanism == "LOGIN") {
      const auto user = initial.empty() ? next_answer(base64_encode("Username:")) : initial;
      if (outcome.aborted) return outcome;
      const auto password = next_answer(base64_encode("Password:"));
      outcome.success = !outcome.aborted && decoded(user) == account.user && decoded(password) == account.secret;
    } else if (mechanism == "CRAM-MD5") {
      const auto challenge = "<" + std::to_string(4711 + nonce) + ".1700000000@" + hostname + ">";
      const auto response = next_answer(base64_encode(challenge));
      outcome.success =
          !outcome.aborted && cram_md5_matches(decoded(response), challenge, account.user, account.secret);
    } else if (mechanism == "XOAUTH2" || mechanism == "OAUTHBEARER") {
      const auto response = decoded(initial.empty() ? next_answer("") : initial);
      if (outcome.aborted) return outcome;
      outcome.success = mechanism == "XOAUTH2" ? xoauth2_matches(response, account.user, account.secret)
                                               : oauthbearer_matches(response, account.user, account.secret);
      if (!outcome.success) {
        // Like Gmail: an error challenge first, the failure after the client's empty answer.
        next_answer(base64_encode(R"({"status":"invalid_token","schemes":"Bearer","scope":"https://mail.example/"})"));
        outcome.aborted = false;
      }
    }
  } catch (const ClientGone&) {
    return std::nullopt;
  }
  return outcome;
}

}  // namespace smtp_ping::test
