#include "mail/mail_time.hpp"

#include <array>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <vector>

#include "mail/header_comments.hpp"

namespace smtp_ping {
namespace {

constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kLength[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kLength[month - 1];
}

// Days since 1970-01-01 (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) {
  year -= month <= 2;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto year_of_era = static_cast<unsigned>(year - era * 400);
  const unsigned day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

int month_number(std::string_view name) {
  for (std::size_t i = 0; i < kMonths.size(); ++i)
    if (equal_ignoring_case(name, kMonths[i])) return static_cast<int>(i) + 1;
  return 0;
}

bool is_day_name(std::string_view name) {
  for (const char* day : kDays)
    if (equal_ignoring_case(name, day)) return true;
  return false;
}

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}

// A short run of digits as a number; -1 when it is not one.
int small_number(std::string_view text, std::size_t max_digits) {
  if (!all_digits(text) || text.size() > max_digits) return -1;
  int value = 0;
  for (char c : text) value = value * 10 + (c - '0');
  return value;
}

std::vector<std::string_view> words(std::string_view text, std::string_view separators) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t at = 0; at <= text.size(); ++at) {
    if (at == text.size() || separators.find(text[at]) != std::string_view::npos) {
      if (at > start) out.push_back(text.substr(start, at - start));
      start = at + 1;
    }
  }
  return out;
}

// "+hhmm"/"-hhmm", or an obsolete zone name (RFC 5322 §4.3): its offset in seconds east of UTC.
std::optional<int> zone_offset(std::string_view zone) {
  if (zone.size() == 5 && (zone[0] == '+' || zone[0] == '-')) {
    const int hours = small_number(zone.substr(1, 2), 2);
    const int minutes = small_number(zone.substr(3, 2), 2);
    if (hours < 0 || minutes < 0 || minutes > 59) return std::nullopt;
    const int offset = hours * 3600 + minutes * 60;
    return zone[0] == '-' ? -offset : offset;
  }
  static constexpr std::pair<const char*, int> kNamed[] = {
      {"UT", 0},   {"GMT", 0},  {"Z", 0},    {"UTC", 0},  {"EST", -5}, {"EDT", -4},
      {"CST", -6}, {"CDT", -5}, {"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7}};
  for (const auto& [name, hours] : kNamed)
    if (equal_ignoring_case(zone, name)) return hours * 3600;
  // Military zones were defined with the wrong sign; RFC 5322 says to read them as -0000.
  if (zone.size() == 1 && std::isalpha(static_cast<unsigned char>(zone[0]))) return 0;
  return std::nullopt;
}

struct ClockTime {
  int hour = 0, minute = 0, second = 0;
};

std::optional<ClockTime> clock_time(std::string_view text) {
  const auto parts = words(text, ":");
  if (parts.size() < 2 || parts.size() > 3 || text.front() == ':' || text.back() == ':') return std::nullopt;
  ClockTime time;
  time.hour = small_number(parts[0], 2);
  time.minute = small_number(parts[1], 2);
  time.second = parts.size() == 3 ? small_number(parts[2], 2) : 0;
  if (time.hour < 0 || time.minute < 0 || time.second < 0) return std::nullopt;
  if (time.second == 60) time.second = 59;  // a leap second, within the precision we claim
  return time;
}

int full_year(std::string_view text) {
  const int year = small_number(text, 4);
  if (year < 0) return -1;
  if (text.size() == 2) return year < 50 ? 2000 + year : 1900 + year;  // RFC 5322 §4.3
  if (text.size() == 3) return 1900 + year;
  return year;
}

std::optional<std::int64_t> assemble(int year, int month, int day, const ClockTime& time, int offset) {
  const auto local = unix_seconds(year, month, day, time.hour, time.minute, time.second);
  if (!local) return std::nullopt;
  return *local - offset;
}

}  // namespace

std::optional<std::int64_t> unix_seconds(int year, int month, int day, int hour, int minute, int second) {
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) ||
      hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
    return std::nullopt;
  return days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 + hour * 3600 +
         minute * 60 + second;
}

std::optional<std::int64_t> parse_rfc5322_date(std::string_view text) {
  const std::string clean = without_comments(text.substr(0, 512));
  auto tokens = words(clean, " \t\r\n,");
  std::size_t at = 0;
  if (at < tokens.size() && is_day_name(tokens[at])) ++at;
  if (tokens.size() < at + 5) return std::nullopt;
  const int day = small_number(tokens[at], 2);
  const int month = month_number(tokens[at + 1]);
  const int year = full_year(tokens[at + 2]);
  const auto time = clock_time(tokens[at + 3]);
  const auto offset = zone_offset(tokens[at + 4]);
  if (day < 0 || month == 0 || year < 0 || !time || !offset) return std::nullopt;
  return assemble(year, month, day, *time, *offset);
}

std::optional<std::int64_t> parse_imap_date(std::string_view text) {
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') text = text.substr(1, text.size() - 2);
  const auto tokens = words(text.substr(0, 64), " ");
  if (tokens.size() != 3) return std::nullopt;
  const auto date = words(tokens[0], "-");
  if (date.size() != 3 || tokens[0].front() == '-') return std::nullopt;
  const int day = small_number(date[0], 2);
  const int month = month_number(date[1]);
  const int year = date[2].size() == 4 ? small_number(date[2], 4) : -1;
  const auto time = clock_time(tokens[1]);
  const auto offset = tokens[2].size() == 5 ? zone_offset(tokens[2]) : std::nullopt;
  if (day < 0 || month == 0 || year < 0 || !time || !offset) return std::nullopt;
  return assemble(year, month, day, *time, *offset);
}

std::string format_rfc5322_date(SystemTime time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  char text[64];
  std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[utc.tm_wday % 7],
                utc.tm_mday, kMonths[utc.tm_mon % 12], utc.tm_year + 1900, utc.tm_hour, utc.tm_min, utc.tm_sec);
  return text;
}

std::string format_sent_stamp(SystemTime time) {
  const auto since_epoch = std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(since_epoch / 1000);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(since_epoch % 1000));
  return text;
}

std::optional<std::int64_t> parse_sent_stamp(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS.mmmZ
  if (text.size() != 24 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != '.' || text[23] != 'Z')
    return std::nullopt;
  const int year = small_number(text.substr(0, 4), 4);
  const int month = small_number(text.substr(5, 2), 2);
  const int day = small_number(text.substr(8, 2), 2);
  const int hour = small_number(text.substr(11, 2), 2);
  const int minute = small_number(text.substr(14, 2), 2);
  const int second = small_number(text.substr(17, 2), 2);
  const int millis = small_number(text.substr(20, 3), 3);
  if (millis < 0) return std::nullopt;
  const auto seconds = unix_seconds(year, month, day, hour, minute, second);
  if (!seconds) return std::nullopt;
  return *seconds * 1000 + millis;
}

}  // namespace smtp_ping
