#include "core/utf8.h"

namespace sitrep {
namespace {

// Length of the well-formed sequence starting at s[i], or 0 if ill-formed;
// on 0, *bad is the length of the maximal ill-formed subpart (>= 1).
size_t WellFormedLength(std::string_view s, size_t i, size_t* bad) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  *bad = 1;
  if (c < 0x80) return 1;
  size_t n;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  for (size_t k = 1; k < n; ++k) {
    if (i + k >= s.size()) {
      *bad = k;
      return 0;
    }
    unsigned char x = b(i + k);
    unsigned char l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
    if (x < l || x > h) {
      *bad = k;
      return 0;
    }
  }
  return n;
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  size_t i = 0, bad = 0;
  while (i < s.size()) {
    // Fast path for ASCII.
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t n = WellFormedLength(s, i, &bad);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

bool RepairUtf8(std::string* s, std::vector<Utf8Error>* errors) {
  bool has_nul = s->find('\0') != std::string::npos;
  if (!has_nul && IsValidUtf8(*s)) return false;
  std::string out;
  out.reserve(s->size() + 16);
  size_t i = 0, bad = 0;
  while (i < s->size()) {
    unsigned char c = static_cast<unsigned char>((*s)[i]);
    if (c == 0) {
      if (errors) errors->push_back({i, 1});
      ++i;
      continue;
    }
    size_t n = c < 0x80 ? 1 : WellFormedLength(*s, i, &bad);
    if (n == 0) {
      if (errors) errors->push_back({i, bad});
      out += "\xEF\xBF\xBD";
      i += bad;
      continue;
    }
    out.append(*s, i, n);
    i += n;
  }
  s->swap(out);
  return true;
}

char32_t DecodeUtf8(std::string_view s, size_t* i) {
  size_t bad = 0;
  size_t n = WellFormedLength(s, *i, &bad);
  auto b = [&](size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[*i + k])); };
  char32_t cp;
  switch (n) {
    case 1:
      cp = b(0);
      break;
    case 2:
      cp = ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
      break;
    case 3:
      cp = ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
      break;
    case 4:
      cp = ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
      break;
    default:
      *i += 1;
      return 0xFFFD;
  }
  *i += n;
  return cp;
}

char32_t DecodeUtf8Backward(std::string_view s, size_t* i) {
  size_t start = *i - 1;
  size_t steps = 0;
  while (start > 0 && steps < 3 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) {
    --start;
    ++steps;
  }
  size_t j = start;
  char32_t cp = DecodeUtf8(s, &j);
  if (j != *i) {  // ill-formed: step back one byte only
    *i -= 1;
    return 0xFFFD;
  }
  *i = start;
  return cp;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace sitrep
