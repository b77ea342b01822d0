// Reader for PETRARCH validation and batch-input XML files
// (PETR.UnitTest.records.xml, GigaWord.sample.PETR.xml).
//
//   <Validation><Environment><Verbfile>PETR.Validate.verbs.txt</Verbfile>...
//     <Config option="stop_on_error" value="True"></Config></Environment>
//   <Sentences>
//     <Sentence date="19950101" id="DEMO-00" category="DEMO" sentence="true">
//       <EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
//       <Text>Arnor is about to ...</Text> <Parse>(ROOT (S ...))</Parse>
//     </Sentence>
//     <Config option="require_dyad" value="false"></Config>  // applies to later records
//   ...
//
//   SITREP_ASSIGN_OR_RETURN(RecordsFile f, ReadRecordsFile(path));
//   f.environment["Verbfile"] == "PETR.Validate.verbs.txt"
//   f.records[0].expected[0].source == "ARN"; f.records[0].config holds every
//   <Config> seen before the record (the last value of each option wins).
//
// The reader handles the subset of XML these files use (elements, quoted
// attributes, comments, the five predefined entities); it is tolerant of
// stray text and reports unclosed elements with their line.
#ifndef SITREP_PETRARCH_RECORDS_H_
#define SITREP_PETRARCH_RECORDS_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sitrep::petrarch {

struct ExpectedCoding {
  enum class Kind { kEvent, kNoEvents, kError };
  Kind kind = Kind::kEvent;
  std::string source, target, event;  // kEvent
  std::string error;                  // kError: "bad_input_parse", "storydiscard", ...
};

struct Record {
  std::string id;
  std::string date;  // "YYYYMMDD" as written
  std::string category;
  bool sentence = true;  // the sentence="true|false" attribute (default true)
  std::string text;      // <Text>, whitespace-collapsed
  std::string parse;     // <Parse>, as written
  std::vector<ExpectedCoding> expected;
  std::map<std::string, std::string> config;  // options in force for this record
  int line = 0;                               // line of <Sentence> in the file
};

struct RecordsFile {
  std::map<std::string, std::string> environment;  // "Verbfile" -> "PETR.Validate.verbs.txt"
  std::vector<Record> records;
};

StatusOr<RecordsFile> ParseRecords(std::string_view xml);
// NotFoundError if the file cannot be read.
StatusOr<RecordsFile> ReadRecordsFile(const std::string& path);

}  // namespace sitrep::petrarch

#endif  // SITREP_PETRARCH_RECORDS_H_
