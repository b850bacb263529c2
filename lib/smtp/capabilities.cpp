#include "smtp/capabilities.hpp"

#include <algorithm>
#include <cctype>

#include "smtp/reply.hpp"
#include "common/text.hpp"

namespace smtp_ping {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (out.size() < 100) {
    while (at < text.size() && is_space(text[at])) ++at;
    if (at == text.size()) break;
    const std::size_t end = std::find_if(text.begin() + static_cast<std::ptrdiff_t>(at), text.end(), is_space) - text.begin();
    out.push_back(text.substr(at, end - at));
    at = end;
  }
  return out;
}

void add_auth_mechanisms(Capabilities& caps, const std::vector<std::string>& mechanisms) {
  for (const auto& mechanism : mechanisms) {
    const std::string name = upper(mechanism);
    if (!name.empty() && std::find(caps.auth_mechanisms.begin(), caps.auth_mechanisms.end(), name) == caps.auth_mechanisms.end())
      caps.auth_mechanisms.push_back(name);
  }
}

void apply_keyword(Capabilities& caps, const std::string& line) {
  auto parts = words(line);
  if (parts.empty()) return;
  std::string keyword = upper(parts.front());
  std::vector<std::string> params(parts.begin() + 1, parts.end());
  // Old servers announce "AUTH=LOGIN PLAIN" for pre-RFC clients.
  if (keyword.rfind("AUTH=", 0) == 0) {
    params.insert(params.begin(), keyword.substr(5));
    keyword = "AUTH";
  }
  if (keyword == "STARTTLS") caps.starttls = true;
  else if (keyword == "PIPELINING") caps.pipelining = true;
  else if (keyword == "8BITMIME") caps.eightbitmime = true;
  else if (keyword == "SMTPUTF8") caps.smtputf8 = true;
  else if (keyword == "CHUNKING") caps.chunking = true;
  else if (keyword == "ENHANCEDSTATUSCODES") caps.enhanced_status_codes = true;
  else if (keyword == "DSN") caps.dsn = true;
  else if (keyword == "AUTH") add_auth_mechanisms(caps, params);
  else if (keyword == "SIZE") {
    caps.size = 0;
    if (!params.empty() && !params.front().empty() &&
        std::all_of(params.front().begin(), params.front().end(), [](unsigned char c) { return std::isdigit(c); }) &&
        params.front().size() <= 19)
      caps.size = std::stoull(params.front());
  }
}

}  // namespace

bool Capabilities::offers_auth(const std::string& mechanism) const {
  return std::find(auth_mechanisms.begin(), auth_mechanisms.end(), upper(mechanism)) != auth_mechanisms.end();
}

Capabilities parse_capabilities(const Reply& ehlo_reply) {
  Capabilities caps;
  caps.esmtp = true;
  if (ehlo_reply.lines.empty()) return caps;
  const auto greeting_words = words(ehlo_reply.lines.front());
  if (!greeting_words.empty()) caps.server_name = greeting_words.front();
  for (std::size_t i = 1; i < ehlo_reply.lines.size(); ++i) {
    caps.keywords.push_back(ehlo_reply.lines[i]);
    apply_keyword(caps, ehlo_reply.lines[i]);
  }
  return caps;
}

}  // namespace smtp_ping
