// The <Sentence> records of a PETRARCH validation/input file: id, text, parse.
//
//   SITREP_ASSIGN_OR_RETURN(auto recs, ReadPetrRecords(corpora +
//   "/petrarch2/text/PETR.UnitTest.records.xml")); for (const PetrRecord& r : recs) use(r.id,
//   r.text, r.parse);
//
// A light reader, not a general XML parser: it scans for "<Sentence ...>"
// ... "</Sentence>" and takes the attributes and the <Text> and <Parse>
// elements, with their inner whitespace collapsed to single spaces and the
// five XML entities decoded. Works on PETRARCH2's well-formed files and on
// UniversalPetrarch's not-well-formed ones (where <Parse> holds CoNLL-U; use
// `parse_raw` there, which keeps the line breaks).
#ifndef SITREP_TREECONV_PETR_RECORDS_H_
#define SITREP_TREECONV_PETR_RECORDS_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/status.h"

namespace sitrep::treeconv {

struct PetrRecord {
  std::map<std::string, std::string> attributes;  // id, date, category, sentence, ...
  std::string id;
  std::string text;       // whitespace collapsed
  std::string parse;      // whitespace collapsed
  std::string parse_raw;  // as in the file, entities decoded
  int line = 0;           // 1-based line of "<Sentence"
  // Is it a sentence to code (sentence="true", or evaluate="true" in UP files)?
  bool IsSentence() const;
};

// Parses the records in `content`; `origin` prefixes error messages.
// InvalidArgumentError ("origin:LINE: ...") for a record without its end tag.
StatusOr<std::vector<PetrRecord>> ParsePetrRecords(std::string_view content,
                                                   std::string_view origin);
// NotFoundError if the file cannot be read.
StatusOr<std::vector<PetrRecord>> ReadPetrRecords(const std::string& path);

// A Document (text, sentences, tokens with tags and the given heads and
// relations) from the CoNLL-U inside a UniversalPetrarch <Parse>. Lines with
// fewer than 10 columns (UP's 8-column files) are padded with "_", and an
// XPOS that merely repeats the UPOS ("PROPN") is dropped so Penn tags come
// from PennTag's UPOS fallback. InvalidArgumentError for malformed CoNLL-U.
StatusOr<Document> DocumentFromRecordConllu(std::string_view conllu);

// "&amp;" -> "&" and the other four XML entities; numeric "&#39;" too.
std::string DecodeXmlEntities(std::string_view s);

}  // namespace sitrep::treeconv

#endif  // SITREP_TREECONV_PETR_RECORDS_H_
