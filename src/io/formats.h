// Input formats: how the bytes of one plain-text article or one JSON Lines
// record become a Document. DocumentReader (io/reader.h) streams files,
// directories and standard input through these; the HTTP server and tests can
// call them directly on bytes they already hold.
//
//   Document doc = DocumentFromText(
//       "Gunmen attack checkpoint in Kandahar\n\nKANDAHAR, April 12 (sitrep) - ...",
//       {.id = "kdh-0412", .date = "2019-04-12", .origin = "kdh-0412.txt"});
//   // doc.title == "Gunmen attack checkpoint in Kandahar"
//   // doc.text  == the input bytes, unchanged; doc.body_begin == 38 (the 'K')
//
//   StatusOr<Document> d = DocumentFromJsonLine(
//       R"({"id": "a1", "date": "2019-04-12", "title": "Clashes", "text": "Body."})",
//       {.origin = "feed.jsonl:3", .default_id = "feed.jsonl:3", .default_date = ""});
//   // d->text == "Clashes\n\nBody.", d->body_begin == 9
//
// ## Plain text
// The bytes are kept as they are (offsets are into the original text): only
// a leading UTF-8 byte-order mark is removed (EF BB BF; diagnostic offsets
// still count it) and ill-formed UTF-8 and NUL bytes are repaired (see
// "Bad bytes" below). CRLF line ends are kept: "\r\n" counts as a line end
// wherever lines matter, and the "\r" stays in `text`.
//
// Title rule: the first non-blank line is the title when ALL of these hold:
//   - it is followed by a blank line (a line of only spaces/tabs/"\r"), i.e.
//     it is a paragraph of a single line;
//   - after trimming it is 1..200 bytes long (kMaxTitleBytes);
//   - its last character, after any closing quotes or brackets
//     (" ' ) ] U+201D U+2019), is not sentence punctuation (. ! ? U+2026);
//   - some non-blank text follows (a title needs a body).
//   "Syria says rebels hit Aleppo\n\nBEIRUT, ..."  -> title "Syria says rebels hit Aleppo"
//   "Police fired tear gas.\n\nMore text"           -> no title (ends with '.')
//   "KABUL (sitrep) - Police said...\nMore\n"       -> no title (no blank line)
// With a title, `title` holds the trimmed line and `body_begin` the offset of
// the first non-blank line after it; without, `title` is empty and
// `body_begin` is 0.
//
// An empty document (0 bytes, or only ASCII whitespace once BOM and NUL bytes
// are gone) gets `text` == "" and no error: the pipeline produces nothing for it.
//
// ## JSON Lines
// One JSON object per line:
//   {"id": "...", "date": "YYYY-MM-DD", "title": "...", "text": "...",
//    "source": "...", "url": "..."}
// every field optional; other fields are ignored. `id` may be a string or an
// integer; a missing/null/empty `id` gets `default_id` ("<file name>:<line>").
// A missing/null/empty `date` gets `default_date`. `text` is the body; when
// `title` is non-empty, Document::text = title + "\n\n" + text and
// `body_begin` = title.size() + 2. A missing, null or whitespace-only `text`
// gives an empty document (`text` == "", the title kept in `title` only).
// Errors (InvalidArgument, message naming `origin`): malformed JSON, a value
// that is not an object, a field of the wrong type (e.g. `text` not a
// string), an invalid date.
//
// ## Bad bytes
// Ill-formed UTF-8 becomes U+FFFD and NUL bytes are removed (core/utf8.h
// RepairUtf8); each repair adds a warning Diagnostic whose `offset` is the byte
// offset in the ORIGINAL input (file offset for files, counting a BOM) and
// whose message names the place, e.g.
//   "report.txt:3: invalid UTF-8 (1 byte) at byte 57 replaced by U+FFFD"
//   "feed.jsonl:12: NUL byte at byte 4410 removed"
// At most kMaxRepairWarnings are listed per document, then one summary
// warning ("... and 1234 more bytes repaired"). In JSON Lines, "\u0000"
// escapes are removed from decoded strings with a warning (offset -1).
#ifndef SITREP_IO_FORMATS_H_
#define SITREP_IO_FORMATS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/document.h"
#include "core/status.h"

namespace sitrep {

inline constexpr size_t kMaxTitleBytes = 200;
inline constexpr size_t kMaxRepairWarnings = 20;

// OK if `date` is "YYYY-MM-DD" naming a real Gregorian calendar date (years
// 0001-9999, leap years included: "2024-02-29" is fine, "2023-02-29" is not).
// Otherwise InvalidArgument saying why ("2019-13-01: month 13 out of range").
Status ValidateDate(std::string_view date);

// Where a plain-text document comes from.
struct TextSourceInfo {
  std::string id;
  std::string date;    // not validated here
  std::string origin;  // "report.txt", "stdin"; prefixes diagnostic messages
  // Added to diagnostic offsets (the position of `bytes` in a larger input).
  int64_t base_offset = 0;
};

// Builds a Document from the bytes of one plain-text article (rules above).
// Never fails: bad bytes become warnings in Document::diagnostics.
Document DocumentFromText(std::string bytes, const TextSourceInfo& info);

// Where a JSON Lines record comes from.
struct JsonLineInfo {
  std::string origin;        // "feed.jsonl:12"; prefixes messages
  std::string default_id;    // used when the record has no id
  std::string default_date;  // used when the record has no date
  int64_t base_offset = 0;   // offset of the line in the file, for diagnostics
};

// Parses one line (without its "\n") into a Document (rules above). Returns
// InvalidArgument naming `info.origin` for malformed JSON, a non-object, a
// field of the wrong type or an invalid date.
StatusOr<Document> DocumentFromJsonLine(std::string line, const JsonLineInfo& info);

// Where the title rule above finds a title in `text`: [title_begin,
// title_end) is the trimmed title line, body_begin the start of the first
// non-blank line after it. Exposed for tests and for callers that hold text.
struct TitleSplit {
  size_t title_begin = 0;
  size_t title_end = 0;
  size_t body_begin = 0;
};
// "Clashes in Idlib\r\n\r\nBEIRUT ..." -> {0, 16, 20}; std::nullopt if no title.
std::optional<TitleSplit> FindTitle(std::string_view text);

}  // namespace sitrep

#endif  // SITREP_IO_FORMATS_H_
