#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace smtp_ping::test {

std::string base64_encode(std::string_view bytes);
// nullopt when `text` is not valid base64.
std::optional<std::string> base64_decode(std::string_view text);

// Server-side checks of decoded SASL client responses against one account.
bool plain_matches(std::string_view response, std::string_view user, std::string_view password);
bool cram_md5_matches(std::string_view response, std::string_view challenge, std::string_view user,
                      std::string_view password);
bool xoauth2_matches(std::string_view response, std::string_view user, std::string_view token);
bool oauthbearer_matches(std::string_view response, std::string_view user, std::string_view token);

std::string hmac_md5_hex(std::string_view key, std::string_view message);

}  // namespace smtp_ping::test
