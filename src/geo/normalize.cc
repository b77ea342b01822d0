// NormalizeName, AsciiFold and DistanceKm (see gazetteer.h).
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <string_view>

#include "geo/gazetteer.h"
#include "geo/normalize_internal.h"

namespace sitrep::geo {
namespace {

// Decodes one UTF-8 code point at s[*i], advancing *i; invalid bytes give
// U+FFFD and advance by one.
char32_t NextCodePoint(std::string_view s, size_t* i) {
  auto b = static_cast<unsigned char>(s[*i]);
  int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
  if (len == 0 || *i + len > s.size()) {
    ++*i;
    return 0xFFFD;
  }
  char32_t c = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (int k = 1; k < len; ++k) {
    auto cb = static_cast<unsigned char>(s[*i + k]);
    if ((cb & 0xC0) != 0x80) {
      ++*i;
      return 0xFFFD;
    }
    c = (c << 6) | (cb & 0x3F);
  }
  *i += len;
  return c;
}

// Apostrophe-like marks used in transliterations of Arabic ('ayn, hamza) and
// as typographic quotes: deleted like "'", so "Maʿarrat" meets "Maarrat".
bool IsApostropheLike(char32_t c) {
  return c == 0x2BB || c == 0x2BC || c == 0x2BD || c == 0x2BE || c == 0x2BF || c == 0x2018 ||
         c == 0x2019 || c == 0xB4 || c == 0x2032;
}

// Folds non-ASCII text to ASCII with ICU ("NFD; remove marks; Latin-ASCII").
// Apostrophe-like code points are mapped to "'" first. Characters of other
// scripts stay non-ASCII. One transliterator per thread: ICU transliterators
// are not meant to be shared between threads.
std::string IcuFold(std::string_view s) {
  std::string pre;
  pre.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    char32_t c = NextCodePoint(s, &i);
    if (IsApostropheLike(c)) {
      pre += '\'';
    } else if (c == 0xFFFD && i - start == 1 && static_cast<unsigned char>(s[start]) >= 0x80) {
      pre += ' ';  // invalid byte
    } else {
      pre.append(s.substr(start, i - start));
    }
  }
  thread_local std::unique_ptr<icu::Transliterator> translit = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "NFD; [:Nonspacing Mark:] Remove; Latin-ASCII; NFC", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) t.reset();
    return t;
  }();
  if (!translit) return pre;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(pre);
  translit->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool IsArticle(std::string_view w) {
  // Arabic al- in its assimilated and colloquial spellings.
  static constexpr std::string_view kArticles[] = {
      "al", "el", "ar", "er",  "as",  "es",  "ad",  "ed",  "an",  "en", "at",
      "et", "az", "ez", "ash", "esh", "ath", "adh", "edh", "ech", "ej", "aj"};
  for (std::string_view a : kArticles) {
    if (w == a) return true;
  }
  return false;
}

}  // namespace

std::string NormalizeKey(std::string_view name, bool* foreign) {
  if (foreign) *foreign = false;
  bool ascii = true;
  for (char c : name) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  std::string folded;
  std::string_view src = name;
  if (!ascii) {
    folded = IcuFold(name);
    src = folded;
  }
  // Words: lower-case letters and digits; "'", "`" and "." deleted; anything
  // else separates.
  std::string words;
  words.reserve(src.size());
  bool pending_space = false;
  for (char ch : src) {
    auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (pending_space && !words.empty()) words += ' ';
      pending_space = false;
      words += static_cast<char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      if (pending_space && !words.empty()) words += ' ';
      pending_space = false;
      words += static_cast<char>(c - 'A' + 'a');
    } else if (c == '\'' || c == '`' || c == '.') {
      // deleted: "Ma'arrat" -> "maarrat", "U.S." -> "us"
    } else {
      if (c >= 0x80 && foreign) *foreign = true;
      pending_space = true;
    }
  }
  // Leading "the" and Arabic articles before another word.
  std::string out;
  out.reserve(words.size());
  size_t pos = 0;
  bool first = true;
  while (pos < words.size()) {
    size_t sp = words.find(' ', pos);
    bool last = sp == std::string::npos;
    std::string_view w(words.data() + pos, (last ? words.size() : sp) - pos);
    pos = last ? words.size() : sp + 1;
    if (first && !last && w == "the") {
      first = false;
      continue;
    }
    first = false;
    if (!out.empty()) out += ' ';
    if (!last && IsArticle(w)) {
      out += "al";
    } else {
      out.append(w);
    }
  }
  return out;
}

std::string NormalizeName(std::string_view name) { return NormalizeKey(name, nullptr); }

// Trailing generic words an admin1 name may carry or drop.
constexpr std::string_view kAdminSuffixes[] = {
    " province", " governorate",  " region", " state",      " oblast",
    " district", " prefecture",   " county", " department", " emirate",
    " wilayah",  " municipality", " krai",   " kray"};

std::string StripAdminSuffixKey(const std::string& key) {
  for (std::string_view suf : kAdminSuffixes) {
    if (key.size() > suf.size() + 1 && key.ends_with(suf)) {
      return key.substr(0, key.size() - suf.size());
    }
  }
  return key;
}

std::string CollapseDoublesKey(const std::string& key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (!out.empty() && c == out.back() && c >= 'a' && c <= 'z') continue;
    out += c;
  }
  return out;
}

std::string SplitGluedArticlesKey(const std::string& key) {
  // The article's consonant doubles in the glued form: "ez" + "zor".
  static constexpr std::string_view kGlued[] = {"ash", "ath", "adh", "at", "ad", "ar", "az", "as",
                                                "an",  "et",  "ed",  "er", "ez", "es", "en", "esh"};
  std::string out;
  out.reserve(key.size() + 8);
  size_t pos = 0;
  bool first = true;
  while (pos < key.size()) {
    size_t sp = key.find(' ', pos);
    std::string_view w(key.data() + pos, (sp == std::string::npos ? key.size() : sp) - pos);
    pos = sp == std::string::npos ? key.size() : sp + 1;
    if (!out.empty()) out += ' ';
    std::string_view split;
    if (!first) {
      for (std::string_view a : kGlued) {
        // The article's consonant written again, and at least three letters
        // after the article: "ez" + "zor", "ash" + "sham".
        std::string_view rest = w.substr(std::min(a.size(), w.size()));
        if (w.starts_with(a) && rest.size() >= 3 && rest.starts_with(a.substr(1))) {
          split = rest;
          break;
        }
      }
    }
    first = false;
    if (split.empty()) {
      out.append(w);
    } else {
      out += "al ";
      out.append(split);
    }
  }
  return out;
}

namespace {

// Copies a key with fold(word, &out) applied to each word of six letters or
// more; shorter words are kept ("The Times" is no "Timis").
template <typename Fold>
std::string FoldLongWords(const std::string& key, Fold fold) {
  std::string out;
  out.reserve(key.size());
  size_t pos = 0;
  while (pos < key.size()) {
    size_t sp = key.find(' ', pos);
    std::string_view w(key.data() + pos, (sp == std::string::npos ? key.size() : sp) - pos);
    pos = sp == std::string::npos ? key.size() : sp + 1;
    if (!out.empty()) out += ' ';
    if (w.size() < 6)
      out.append(w);
    else
      fold(w, &out);
  }
  return out;
}

}  // namespace

std::string FoldVowelsKey(const std::string& key) {
  return FoldLongWords(key, [](std::string_view w, std::string* out) {
    for (size_t i = 0; i < w.size(); ++i) {
      const char c = w[i];
      const char next = i + 1 < w.size() ? w[i + 1] : '\0';
      if (c == 'o') {
        *out += 'u';
        if (next == 'o' || next == 'u') ++i;
      } else if (c == 'e') {
        *out += 'i';
        if (next == 'e') ++i;
      } else {
        *out += c;
      }
    }
  });
}

std::string SkeletonKey(const std::string& key) {
  return CollapseDoublesKey(FoldLongWords(key, [](std::string_view w, std::string* out) {
    for (size_t i = 0; i < w.size(); ++i) {
      const char c = w[i];
      const char next = i + 1 < w.size() ? w[i + 1] : '\0';
      if (c == 'o' || c == 'u') {
        *out += 'u';
        if (next == 'o' || next == 'u') ++i;
      } else if (c == 'e' || c == 'i') {
        *out += 'i';
        if (next == 'e' || next == 'i' || next == 'y') ++i;
      } else if (c == 'a' && next == 'y') {
        *out += 'i';  // "mayadin", "meyadin" and "miadin"
        ++i;
      } else {
        *out += c;
      }
    }
  }));
}

std::string SkeletonVariant(const std::string& key) {
  std::string s = SkeletonKey(key);
  if (s == CollapseDoublesKey(key)) return "";
  return kSkeletonMark + s;
}

bool IsTransliteratedCountry(std::string_view iso3) {
  static constexpr std::string_view kCountries[] = {
      "AFG", "ARE", "BHR", "DZA", "EGY", "ESH", "IRN", "IRQ", "JOR", "KWT", "LBN", "LBY", "MAR",
      "MRT", "OMN", "PAK", "PSE", "QAT", "SAU", "SDN", "SOM", "SYR", "TCD", "TUN", "YEM"};
  return std::find(std::begin(kCountries), std::end(kCountries), iso3) != std::end(kCountries);
}

std::string StripArticleKey(const std::string& key) {
  return key.size() > 3 && key.starts_with("al ") ? key.substr(3) : key;
}

std::string AsciiFold(std::string_view name) {
  std::string folded;
  std::string_view src = name;
  for (char c : name) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      folded = IcuFold(name);
      src = folded;
      break;
    }
  }
  std::string out;
  out.reserve(src.size());
  bool pending_space = false;
  for (char ch : src) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x80 && c > 0x20 && c != 0x7F) {
      if (pending_space && !out.empty()) out += ' ';
      pending_space = false;
      out += ch == '`' ? '\'' : ch;  // GeoNames' ASCII 'ayn: "Ma`arrat" -> "Ma'arrat"
    } else if (c <= 0x20) {
      pending_space = true;
    }
    // other non-ASCII (other scripts): dropped
  }
  return out;
}

double DistanceKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kEarthRadiusKm = 6371.0088;
  constexpr double kRad = M_PI / 180.0;
  double dlat = (lat2 - lat1) * kRad;
  double dlon = (lon2 - lon1) * kRad;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(lat1 * kRad) *
                                                           std::cos(lat2 * kRad) *
                                                           std::sin(dlon / 2) * std::sin(dlon / 2);
  a = std::min(1.0, std::max(0.0, a));
  return 2 * kEarthRadiusKm * std::asin(std::sqrt(a));
}

}  // namespace sitrep::geo
