// CSV as R's write.csv and most tools write it (RFC 4180): comma-separated,
// fields optionally double-quoted, "" inside quotes is one quote, quoted
// fields may hold commas and newlines, lines end in \n or \r\n; a leading
// UTF-8 byte-order mark is skipped.
//
//   ParseCsv("id,headline\n7,\"Rebels \"\"seize\"\" town, 3 dead\"\n")
//     => header {"id","headline"}, rows {{"7", "Rebels \"seize\" town, 3 dead"}}
//
// Used for the UCDP GED sample by the news corpus of `bench --code`, the
// corpus tests and the context evaluation.
#ifndef SITREP_CORE_CSV_H_
#define SITREP_CORE_CSV_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sitrep {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<int> row_lines;  // 1-based line where each row starts (for messages)

  // Index of the column named `name`, or -1.
  int Column(std::string_view name) const;
};

// Parses CSV text whose first record is the header. Empty lines between
// records are skipped. Errors: an unterminated quoted field or text after a
// closing quote (`"a"b,`) -> DataLossError("line N: ..."); no header ->
// InvalidArgumentError. Rows may have fewer/more fields than the header: the
// caller decides.
StatusOr<CsvTable> ParseCsv(std::string_view text);

}  // namespace sitrep

#endif  // SITREP_CORE_CSV_H_
