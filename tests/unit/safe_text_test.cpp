#include "output/safe_text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace smtp_ping {
namespace {

TEST(SafeText, KeepsOrdinaryText) {
  EXPECT_EQ(safe_text("220 mail.example.org ESMTP Postfix"), "220 mail.example.org ESMTP Postfix");
  EXPECT_EQ(safe_text(""), "");
}

TEST(SafeText, KeepsValidMultibyteUtf8) {
  const std::string text = "Gr\xC3\xBC\xC3\x9F" "e \xE2\x82\xAC \xF0\x9F\x93\xA7";  // "Grüße € 📧"
  EXPECT_EQ(safe_text(text), text);
}

TEST(SafeText, PipeBecomesExclamationMark) { EXPECT_EQ(safe_text("a|b||"), "a!b!!"); }

TEST(SafeText, LineBreaksBecomeSpaces) { EXPECT_EQ(safe_text("one\r\ntwo\nthree\r"), "one  two three "); }

TEST(SafeText, ControlCharactersBecomeQuestionMarks) {
  EXPECT_EQ(safe_text(std::string("a\0b", 3)), "a?b");
  EXPECT_EQ(safe_text("a\tb\x7f" "c\x01"), "a?b?c?");
}

TEST(SafeText, EscapeSequenceLosesItsIntroducer) {
  EXPECT_EQ(safe_text("\x1b[31mred\x1b[0m"), "?[31mred?[0m");
  EXPECT_EQ(safe_text("\x1b]0;title\x07"), "?]0;title?");
}

TEST(SafeText, EncodedC1ControlsBecomeQuestionMarks) {
  EXPECT_EQ(safe_text("a\xC2\x9B" "31mb"), "a?31mb");  // U+009B CSI
  EXPECT_EQ(safe_text("\xC2\x80\xC2\x9F\xC2\xA0"), "??\xC2\xA0");
}

TEST(SafeText, RawC1BytesBecomeQuestionMarks) { EXPECT_EQ(safe_text("a\x9b" "31m"), "a?31m"); }

TEST(SafeText, InvalidUtf8BecomesQuestionMarks) {
  EXPECT_EQ(safe_text("\xff\xfe"), "??");
  EXPECT_EQ(safe_text("a\xC3"), "a?");                   // truncated sequence
  EXPECT_EQ(safe_text("\xC3(x"), "?(x");                 // bad continuation
  EXPECT_EQ(safe_text("\xC0\xAF"), "??");                // overlong '/'
  EXPECT_EQ(safe_text("\xE0\x80\xAF"), "???");           // overlong, 3 bytes
  EXPECT_EQ(safe_text("\xF0\x80\x80\xAF"), "????");      // overlong, 4 bytes
  EXPECT_EQ(safe_text("\xED\xA0\x80"), "???");           // surrogate U+D800
  EXPECT_EQ(safe_text("\xF4\x90\x80\x80"), "????");      // above U+10FFFF
  EXPECT_EQ(safe_text("\xF8\x88\x80\x80\x80"), "?????");  // 5-byte form
}

TEST(SafeText, KeepsTheLargestCodePoint) { EXPECT_EQ(safe_text("\xF4\x8F\xBF\xBF"), "\xF4\x8F\xBF\xBF"); }

TEST(SafeText, ShortTextIsNotCut) { EXPECT_EQ(safe_text("12345", 5), "12345"); }

TEST(SafeText, LongTextIsCutWithEllipsis) { EXPECT_EQ(safe_text("123456", 5), "12345..."); }

TEST(SafeText, CutsOnACharacterBoundary) {
  // "aé€": 1 + 2 + 3 bytes; a cap of 5 must not split the euro sign.
  EXPECT_EQ(safe_text("a\xC3\xA9\xE2\x82\xAC", 5), "a\xC3\xA9...");
  EXPECT_EQ(safe_text("a\xC3\xA9\xE2\x82\xAC", 2), "a...");
}

TEST(SafeText, DefaultCapIs512Bytes) {
  const std::string out = safe_text(std::string(2000, 'x'));
  EXPECT_EQ(out, std::string(512, 'x') + "...");
}

TEST(SafeText, IsIdempotent) {
  const std::string once = safe_text("a|b\r\n\x1b[1m\xff\xC2\x9B");
  EXPECT_EQ(safe_text(once), once);
}

TEST(SafeText, NoByteOfAnyInputSurvivesUnsafe) {
  std::string every_byte;
  for (int i = 0; i < 256; ++i) every_byte += static_cast<char>(i);
  const std::string out = safe_text(every_byte, 4096);
  for (const char c : out) {
    const auto byte = static_cast<unsigned char>(c);
    EXPECT_TRUE(byte >= 0x20 && byte != 0x7f && byte < 0x80 && c != '|') << int{byte};
  }
}

// Issue 13: a long printable run cut at the limit gives the same text as a
// short one (the cut used to rescan the whole run for every byte it added).
TEST(SafeText, LongPrintableRunIsCutLikeAShortOne) {
  const std::string run(16 * 1024, 'x');
  EXPECT_EQ(safe_text(run, 4096), std::string(4096, 'x') + "...");
  EXPECT_EQ(safe_text("ab" + run, 3), "abx...");
  EXPECT_EQ(safe_text(run, 0), "...");
  EXPECT_EQ(safe_text(std::string(4096, 'x'), 4096), std::string(4096, 'x'));
}

TEST(SafeText, NulInsideANameIsVisibleAndTheRestKept) {
  EXPECT_EQ(safe_text(std::string("DNS:mail.example.org\0.evil.example", 34)), "DNS:mail.example.org?.evil.example");
}

}  // namespace
}  // namespace smtp_ping
