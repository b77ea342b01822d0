#include "store/pg_text.h"

#include <array>
#include <cctype>
#include <utility>

namespace sitrep::store::pg {
namespace {

// Decodes one UTF-8 sequence at s[i]. Returns its length and sets `cp`, or 0
// for an invalid sequence (overlong, surrogate, out of range, truncated).
size_t DecodeUtf8(std::string_view s, size_t i, char32_t& cp) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  size_t n = 0;
  char32_t min = 0;
  if (c < 0x80) {
    cp = c;
    return 1;
  } else if ((c & 0xE0) == 0xC0) {
    n = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

// What a code point is to the tokenizer: a separator (' '), a letter to keep
// as it is ('#'), or the ASCII base letter of a Latin letter with diacritics.
constexpr char kSep = ' ', kKeep = '#';

// Run-length tables of the Latin blocks: {count, class}.
using Runs = std::initializer_list<std::pair<int, char>>;
template <size_t N>
std::array<char, N> Expand(Runs runs) {
  std::array<char, N> out{};
  size_t k = 0;
  for (const auto& [n, c] : runs) {
    for (int i = 0; i < n && k < N; ++i) out[k++] = c;
  }
  return out;
}

char Classify(char32_t cp) {
  // U+00C0-U+00FF (Latin-1 letters; × and ÷ separate).
  static constexpr std::string_view kLatin1 =
      "aaaaaa#ceeeeiiiidnooooo ouuuuy##aaaaaa#ceeeeiiiidnooooo ouuuuy#y";
  static const std::array<char, 128> kExtA = Expand<128>(
      {{6, 'a'}, {8, 'c'},  {4, 'd'},  {10, 'e'}, {8, 'g'}, {4, 'h'},   {10, 'i'}, {2, kKeep},
       {2, 'j'}, {3, 'k'},  {10, 'l'}, {9, 'n'},  {6, 'o'}, {2, kKeep}, {6, 'r'},  {8, 's'},
       {6, 't'}, {12, 'u'}, {2, 'w'},  {3, 'y'},  {6, 'z'}, {1, 's'}});
  static const std::array<char, 256> kExtAdditional = Expand<256>(
      {{2, 'a'},  {6, 'b'}, {2, 'c'},  {10, 'd'}, {10, 'e'}, {2, 'f'},  {2, 'g'},   {10, 'h'},
       {4, 'i'},  {6, 'k'}, {8, 'l'},  {6, 'm'},  {8, 'n'},  {8, 'o'},  {4, 'p'},   {8, 'r'},
       {10, 's'}, {8, 't'}, {10, 'u'}, {4, 'v'},  {10, 'w'}, {4, 'x'},  {2, 'y'},   {6, 'z'},
       {1, 'h'},  {1, 't'}, {1, 'w'},  {1, 'y'},  {1, 'a'},  {1, 's'},  {4, kKeep}, {24, 'a'},
       {16, 'e'}, {4, 'i'}, {24, 'o'}, {14, 'u'}, {8, 'y'},  {6, kKeep}});
  if (cp >= 0xA0 && cp <= 0xBF) return kSep;
  if (cp >= 0xC0 && cp <= 0xFF) return kLatin1[cp - 0xC0];
  if (cp >= 0x100 && cp <= 0x17F) return kExtA[cp - 0x100];
  if (cp >= 0x1E00 && cp <= 0x1EFF) return kExtAdditional[cp - 0x1E00];
  if ((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
      (cp >= 0xFF00 && cp <= 0xFF0F) || cp == 0xFEFF) {
    return kSep;
  }
  return kKeep;
}

// Appends the normalised form of one code point (or a separator) to `out`.
void Append(std::string_view s, size_t i, size_t len, char32_t cp, std::string& out) {
  char cls;
  if (len == 0) {
    cls = kSep;
  } else if (cp < 0x80) {
    cls = std::isalnum(static_cast<int>(cp)) ? static_cast<char>(std::tolower(static_cast<int>(cp)))
                                             : kSep;
  } else {
    cls = Classify(cp);
  }
  if (cls == kSep) {
    if (!out.empty() && out.back() != ' ') out += ' ';
  } else if (cls == kKeep) {
    out.append(s.substr(i, len));
  } else {
    out += cls;
  }
}

}  // namespace

std::string FtsNormalize(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    size_t len = DecodeUtf8(text, i, cp);
    Append(text, i, len, cp, out);
    i += len ? len : 1;
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<std::string> FtsWordQueries(std::string_view text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    size_t j = i;
    while (j < text.size() && !std::isspace(static_cast<unsigned char>(text[j]))) ++j;
    if (j > i) {
      std::string w = FtsNormalize(text.substr(i, j - i));
      if (!w.empty()) out.push_back(std::move(w));
    }
    i = j;
  }
  return out;
}

StatusOr<std::string> FtsWebSearch(std::string_view text) {
  std::vector<std::string> terms;  // "or", "word", "-word", "\"a b\"", "-\"a b\""
  std::string phrase;
  bool in_quote = false, negate = false;
  size_t words = 0;
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '"') {
      if (in_quote && !phrase.empty()) {
        terms.push_back(std::string(negate ? "-" : "") + "\"" + phrase + "\"");
        negate = false;
      }
      phrase.clear();
      in_quote = !in_quote;
      ++i;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c)) || c == '(' || c == ')') {
      ++i;
      continue;
    }
    // One bare word up to whitespace, a quote or a parenthesis.
    size_t j = i;
    while (j < text.size() && !std::isspace(static_cast<unsigned char>(text[j])) &&
           text[j] != '"' && text[j] != '(' && text[j] != ')') {
      ++j;
    }
    const std::string_view raw = text.substr(i, j - i);
    i = j;
    const std::string w = FtsNormalize(raw);
    if (in_quote) {
      if (!w.empty()) phrase += (phrase.empty() ? "" : " ") + w;
      continue;
    }
    if (raw == "AND") continue;
    if (raw == "OR") {
      if (!terms.empty() && terms.back() != "or") terms.push_back("or");
      continue;
    }
    if (raw == "NOT" || raw == "-") {
      negate = true;
      continue;
    }
    if (w.empty()) continue;
    ++words;
    const bool minus = negate || raw.front() == '-';
    negate = false;
    terms.push_back(std::string(minus ? "-" : "") +
                    (w.find(' ') == std::string::npos ? w : "\"" + w + "\""));
  }
  if (in_quote) return InvalidArgumentError("full-text query has an unbalanced quote");
  for (const std::string& t : terms) words += t.find('"') != std::string::npos;
  if (words == 0) return InvalidArgumentError("full-text query has no words");
  if (!terms.empty() && terms.back() == "or") terms.pop_back();
  std::string out;
  for (const std::string& t : terms) out += (out.empty() ? "" : " ") + t;
  return out;
}

bool IsPgText(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    size_t len = DecodeUtf8(s, i, cp);
    if (len == 0 || cp == 0) return false;
    i += len;
  }
  return true;
}

}  // namespace sitrep::store::pg
