// Full-text helpers of the PostgreSQL backend (pg_store.h): the text that
// goes into a sentence's `tsvector` and the words of a query, normalised the
// same way on both sides so that PostgreSQL's 'simple' configuration matches
// what SQLite's FTS5 `unicode61 remove_diacritics 2` tokenizer matches.
//
//   FtsNormalize("Al-Raqqa's \"air-strike\" on Ḩamāh!")  => "al raqqa s air strike on hamah"
//   FtsWordQueries("air-strike  Kandahar (")           => {"air strike", "kandahar"}
//   FtsWebSearch("checkpoint OR \"air strike\" -idlib") => "checkpoint or \"air strike\" -idlib"
//
// Rules (all in one pass over UTF-8):
//   - ASCII letters and digits are word characters (letters lowercased);
//     every other ASCII byte separates words;
//   - Latin letters with diacritics (U+00C0-U+017F, U+1E00-U+1EFF) become
//     their base letter ("ā" -> "a", "Ḩ" -> "h"); other non-ASCII letters are
//     kept as they are (PostgreSQL lowercases them);
//   - non-ASCII punctuation and spaces (U+00A0-U+00BF, U+00D7, U+00F7,
//     U+2000-U+206F, U+3000-U+303F, U+FF00-U+FF0F) separate words;
//   - bytes that are not valid UTF-8 separate words (never reach the server).
// The output holds no bytes PostgreSQL could refuse (no NUL, valid UTF-8).
#ifndef SITREP_STORE_PG_TEXT_H_
#define SITREP_STORE_PG_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sitrep::store::pg {

// Words of `text` joined by single spaces (see the rules above).
std::string FtsNormalize(std::string_view text);

// The plain-words query (QueryFilter::TextSyntax::kWords): each
// whitespace-separated word of `text`, normalised; a word that normalises to
// several ("air-strike") is a phrase. Words with nothing left are dropped.
std::vector<std::string> FtsWordQueries(std::string_view text);

// The FTS5 query syntax (kFts5) mapped onto websearch_to_tsquery: "quoted
// phrases", OR, a leading "-" or NOT for negation; AND and parentheses are
// dropped (every word is required anyway) and a trailing "*" (prefix) is
// ignored. InvalidArgument for an unbalanced quote or a query with no words.
StatusOr<std::string> FtsWebSearch(std::string_view text);

// True when `s` is valid UTF-8 without NUL bytes (what a PostgreSQL text
// value can hold).
bool IsPgText(std::string_view s);

}  // namespace sitrep::store::pg

#endif  // SITREP_STORE_PG_TEXT_H_
