// UTF-8 validation, repair and decoding.
//
//   std::string s = "caf\xC3\xA9 \xFF ok";
//   std::vector<Utf8Error> errors;
//   RepairUtf8(&s, &errors);   // s == "café \uFFFD ok", errors[0].offset == 6
//
//   size_t i = 0; char32_t cp = DecodeUtf8(s, &i);  // 'c', i == 1
#ifndef SITREP_CORE_UTF8_H_
#define SITREP_CORE_UTF8_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sitrep {

struct Utf8Error {
  size_t offset;  // byte offset of the bad sequence in the input
  size_t length;  // number of bytes replaced by one U+FFFD
};

// True if `s` is well-formed UTF-8 (no overlongs, surrogates, or > U+10FFFF).
bool IsValidUtf8(std::string_view s);

// Replaces every ill-formed sequence with U+FFFD (the "maximal subpart"
// practice of Unicode ch. 3), records where each was, and removes NUL bytes
// (also recorded). Returns true if anything was changed.
bool RepairUtf8(std::string* s, std::vector<Utf8Error>* errors);

// Decodes the code point at s[*i] and advances *i. Ill-formed bytes decode as
// U+FFFD and advance by one. Requires *i < s.size().
char32_t DecodeUtf8(std::string_view s, size_t* i);

// Decodes the code point that ends just before s[*i] and moves *i back to its
// first byte. Requires *i > 0.
char32_t DecodeUtf8Backward(std::string_view s, size_t* i);

// Appends the UTF-8 encoding of cp.
void AppendUtf8(char32_t cp, std::string* out);

}  // namespace sitrep

#endif  // SITREP_CORE_UTF8_H_
