#include "io/formats.h"

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/utf8.h"

namespace sitrep {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool IsBlankByte(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

bool IsBlank(std::string_view s) {
  for (char c : s) {
    if (!IsBlankByte(c)) return false;
  }
  return true;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The line starting at `begin`: [begin, end) without its "\n"; *next is the
// start of the following line, or npos if this was the last line.
std::string_view LineAt(std::string_view text, size_t begin, size_t* next) {
  size_t nl = text.find('\n', begin);
  if (nl == std::string_view::npos) {
    *next = std::string_view::npos;
    return text.substr(begin);
  }
  *next = nl + 1;
  return text.substr(begin, nl - begin);
}

// Does `line` (trimmed) end like a sentence: ".", "!", "?", "…", possibly
// followed by closing quotes or brackets?
bool EndsLikeSentence(std::string_view line) {
  static constexpr std::string_view kClosers[] = {"\"",           "'",           ")", "]",
                                                  "\xE2\x80\x9D", "\xE2\x80\x99"};
  bool stripped = true;
  while (stripped && !line.empty()) {
    stripped = false;
    for (std::string_view closer : kClosers) {
      if (EndsWith(line, closer)) {
        line.remove_suffix(closer.size());
        stripped = true;
        break;
      }
    }
  }
  if (line.empty()) return false;
  char last = line.back();
  return last == '.' || last == '!' || last == '?' || EndsWith(line, "\xE2\x80\xA6");
}

// Adds one warning per repaired sequence (at most kMaxRepairWarnings, then a
// summary). `original` is the input before repair; `base` is the file offset
// of original[0]. With `count_lines`, messages read "origin:LINE: ..."; without
// (a JSONL line, whose origin already names the line) "origin: ... (column C)".
void AddRepairWarnings(const std::vector<Utf8Error>& errors, std::string_view original,
                       int64_t base, std::string_view origin, bool count_lines, Document* doc) {
  size_t line = 1, counted_to = 0;
  size_t listed = 0, more_bytes = 0;
  for (const Utf8Error& e : errors) {
    if (listed == kMaxRepairWarnings) {
      more_bytes += e.length;
      continue;
    }
    ++listed;
    const int64_t offset = base + static_cast<int64_t>(e.offset);
    std::string where(origin);
    if (count_lines) {
      for (; counted_to < e.offset && counted_to < original.size(); ++counted_to) {
        if (original[counted_to] == '\n') ++line;
      }
      where += ":" + std::to_string(line);
    }
    std::string message = where + ": ";
    const bool is_nul = e.offset < original.size() && original[e.offset] == '\0';
    if (is_nul) {
      message += "NUL byte at byte " + std::to_string(offset) + " removed";
    } else {
      message += "invalid UTF-8 (" + std::to_string(e.length) +
                 (e.length == 1 ? " byte" : " bytes") + ") at byte " + std::to_string(offset) +
                 " replaced by U+FFFD";
    }
    if (!count_lines) message += " (column " + std::to_string(e.offset + 1) + ")";
    doc->Warn(offset, std::move(message));
  }
  if (more_bytes > 0) {
    doc->Warn(-1, std::string(origin) + ": ... and " + std::to_string(more_bytes) +
                      " more bad bytes repaired (only the first " +
                      std::to_string(kMaxRepairWarnings) + " are listed)");
  }
}

// Repairs `s` in place; warnings as AddRepairWarnings.
void RepairWithWarnings(std::string* s, int64_t base, std::string_view origin, bool count_lines,
                        Document* doc) {
  if (s->find('\0') == std::string::npos && IsValidUtf8(*s)) return;
  std::string original = *s;
  std::vector<Utf8Error> errors;
  RepairUtf8(s, &errors);
  AddRepairWarnings(errors, original, base, origin, count_lines, doc);
}

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Removes NULs that JSON "\u0000" escapes put into a decoded string.
void RemoveDecodedNuls(std::string* s, std::string_view field, std::string_view origin,
                       Document* doc) {
  size_t n = 0;
  for (char c : *s) n += c == '\0';
  if (n == 0) return;
  std::erase(*s, '\0');
  doc->Warn(-1, std::string(origin) + ": " + std::to_string(n) +
                    " NUL character(s) (\\u0000) removed from field \"" + std::string(field) +
                    "\"");
}

using Json = nlohmann::json;

// Reads an optional string field: absent or null -> "" (OK); a string -> its
// value; anything else -> InvalidArgument.
Status GetStringField(const Json& object, std::string_view name, std::string_view origin,
                      std::string* out) {
  out->clear();
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return OkStatus();
  if (!it->is_string()) {
    return InvalidArgumentError(std::string(origin) + ": field \"" + std::string(name) +
                                "\" must be a string, not " + it->type_name());
  }
  *out = it->get<std::string>();
  return OkStatus();
}

// nlohmann-json reports the position of a syntax error only through its
// exception; it is caught here, turned into a Status and never escapes.
StatusOr<Json> ParseJson(std::string_view line, std::string_view origin) {
  try {
    return Json::parse(line);
  } catch (const Json::exception& e) {
    std::string what = e.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 5: ..."
    if (size_t close = what.find("] ");
        !what.empty() && what[0] == '[' && close != std::string::npos) {
      what.erase(0, close + 2);
    }
    RepairUtf8(&what, nullptr);  // "last read: '...'" may end inside a character
    return InvalidArgumentError(std::string(origin) + ": malformed JSON: " + what);
  }
}

}  // namespace

Status ValidateDate(std::string_view date) {
  auto bad = [&](const std::string& why) {
    return InvalidArgumentError("invalid date \"" + std::string(date) + "\": " + why);
  };
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') {
    return bad("expected YYYY-MM-DD");
  }
  auto number = [&](size_t begin, size_t len, int* out) {
    int v = 0;
    for (size_t i = begin; i < begin + len; ++i) {
      if (date[i] < '0' || date[i] > '9') return false;
      v = v * 10 + (date[i] - '0');
    }
    *out = v;
    return true;
  };
  int y = 0, m = 0, d = 0;
  if (!number(0, 4, &y) || !number(5, 2, &m) || !number(8, 2, &d)) {
    return bad("expected YYYY-MM-DD");
  }
  if (y == 0) return bad("year 0000 out of range");
  if (m < 1 || m > 12) return bad("month " + std::to_string(m) + " out of range");
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int days = kDays[m - 1] + (m == 2 && IsLeapYear(y) ? 1 : 0);
  if (d < 1 || d > days) {
    return bad("day " + std::to_string(d) + " out of range for " + std::string(date.substr(0, 7)));
  }
  return OkStatus();
}

std::optional<TitleSplit> FindTitle(std::string_view text) {
  // The first non-blank line.
  size_t begin = 0, next = 0;
  std::string_view line;
  while (true) {
    line = LineAt(text, begin, &next);
    if (!IsBlank(line)) break;
    if (next == std::string_view::npos) return std::nullopt;
    begin = next;
  }
  size_t title_begin = begin, title_end = begin + line.size();
  while (title_begin < title_end && IsBlankByte(text[title_begin])) ++title_begin;
  while (title_end > title_begin && IsBlankByte(text[title_end - 1])) --title_end;
  std::string_view title = text.substr(title_begin, title_end - title_begin);
  if (title.size() > kMaxTitleBytes || EndsLikeSentence(title)) return std::nullopt;
  // Then a blank line ...
  if (next == std::string_view::npos) return std::nullopt;
  begin = next;
  line = LineAt(text, begin, &next);
  if (!IsBlank(line)) return std::nullopt;
  // ... and a body.
  while (IsBlank(line)) {
    if (next == std::string_view::npos) return std::nullopt;
    begin = next;
    line = LineAt(text, begin, &next);
  }
  return TitleSplit{title_begin, title_end, begin};
}

Document DocumentFromText(std::string bytes, const TextSourceInfo& info) {
  Document doc;
  doc.id = info.id;
  doc.date = info.date;
  doc.origin = info.origin;
  int64_t base = info.base_offset;
  if (bytes.starts_with(kBom)) {
    bytes.erase(0, kBom.size());
    base += static_cast<int64_t>(kBom.size());
  }
  RepairWithWarnings(&bytes, base, info.origin, /*count_lines=*/true, &doc);
  if (IsBlank(bytes)) return doc;  // an empty document: text "", no error
  if (std::optional<TitleSplit> split = FindTitle(bytes)) {
    doc.title = bytes.substr(split->title_begin, split->title_end - split->title_begin);
    doc.body_begin = static_cast<uint32_t>(split->body_begin);
  }
  doc.text = std::move(bytes);
  return doc;
}

StatusOr<Document> DocumentFromJsonLine(std::string line, const JsonLineInfo& info) {
  Document doc;
  doc.origin = info.origin;
  RepairWithWarnings(&line, info.base_offset, info.origin, /*count_lines=*/false, &doc);
  SITREP_ASSIGN_OR_RETURN(Json json, ParseJson(line, info.origin));
  if (!json.is_object()) {
    return InvalidArgumentError(info.origin + ": expected a JSON object, got " + json.type_name());
  }

  if (auto it = json.find("id"); it != json.end() && !it->is_null()) {
    if (it->is_string()) {
      doc.id = it->get<std::string>();
    } else if (it->is_number_integer()) {
      doc.id = it->dump();
    } else {
      return InvalidArgumentError(
          info.origin + ": field \"id\" must be a string or an integer, not " + it->type_name());
    }
  }
  std::string text;
  SITREP_RETURN_IF_ERROR(GetStringField(json, "date", info.origin, &doc.date));
  SITREP_RETURN_IF_ERROR(GetStringField(json, "title", info.origin, &doc.title));
  SITREP_RETURN_IF_ERROR(GetStringField(json, "text", info.origin, &text));
  SITREP_RETURN_IF_ERROR(GetStringField(json, "source", info.origin, &doc.source));
  SITREP_RETURN_IF_ERROR(GetStringField(json, "url", info.origin, &doc.url));

  if (!doc.date.empty()) {
    if (Status s = ValidateDate(doc.date); !s.ok()) return s.WithContext(info.origin);
  } else {
    doc.date = info.default_date;
  }
  RemoveDecodedNuls(&doc.id, "id", info.origin, &doc);
  RemoveDecodedNuls(&doc.title, "title", info.origin, &doc);
  RemoveDecodedNuls(&text, "text", info.origin, &doc);
  RemoveDecodedNuls(&doc.source, "source", info.origin, &doc);
  RemoveDecodedNuls(&doc.url, "url", info.origin, &doc);
  if (doc.id.empty()) doc.id = info.default_id;
  if (IsBlank(doc.title)) doc.title.clear();

  if (IsBlank(text)) return doc;  // an empty document
  if (!doc.title.empty()) {
    doc.text.reserve(doc.title.size() + 2 + text.size());
    doc.text = doc.title;
    doc.text += "\n\n";
    doc.body_begin = static_cast<uint32_t>(doc.text.size());
    doc.text += text;
  } else {
    doc.text = std::move(text);
  }
  return doc;
}

}  // namespace sitrep
