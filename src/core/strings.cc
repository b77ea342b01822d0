#include "core/strings.h"

namespace sitrep {

std::vector<std::string_view> SplitOn(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    const size_t at = s.find(sep, start);
    if (at == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, at - start));
    start = at + 1;
  }
}

std::string_view TrimSpace(std::string_view s) {
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
  };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::string StrCat(std::initializer_list<std::string_view> parts) {
  size_t n = 0;
  for (std::string_view p : parts) n += p.size();
  std::string out;
  out.reserve(n);
  for (std::string_view p : parts) out.append(p);
  return out;
}

namespace {

// `word` equals `lower` (lower-case ASCII) in any ASCII case.
bool EqualsFolded(std::string_view word, std::string_view lower) {
  if (word.size() != lower.size()) return false;
  for (size_t k = 0; k < lower.size(); ++k) {
    char c = word[k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
    if (c != lower[k]) return false;
  }
  return true;
}

}  // namespace

int WeekdayIndex(std::string_view word) {
  static constexpr std::string_view kDays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                               "friday", "saturday", "sunday"};
  for (int i = 0; i < 7; ++i) {
    if (EqualsFolded(word, kDays[i])) return i;
  }
  return -1;
}

bool IsDashWord(std::string_view word) {
  return word == "-" || word == "--" || word == "\xE2\x80\x93" || word == "\xE2\x80\x94";
}

int MonthIndex(std::string_view word) {
  if (word.size() < 3 || word.size() > 9) return 0;
  static constexpr std::string_view kMonths[] = {"january",   "february", "march",    "april",
                                                 "may",       "june",     "july",     "august",
                                                 "september", "october",  "november", "december"};
  for (int i = 0; i < 12; ++i) {
    // The name or its first three letters ("Jan", "May").
    if (EqualsFolded(word, kMonths[i]) || EqualsFolded(word, kMonths[i].substr(0, 3))) {
      return i + 1;
    }
  }
  if (EqualsFolded(word, "sept")) return 9;
  if (EqualsFolded(word, "febr")) return 2;
  return 0;
}

}  // namespace sitrep
