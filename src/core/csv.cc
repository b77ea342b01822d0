#include "core/csv.h"

namespace sitrep {

int CsvTable::Column(std::string_view name) const {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return static_cast<int>(i);
  }
  return -1;
}

StatusOr<CsvTable> ParseCsv(std::string_view text) {
  CsvTable table;
  std::vector<std::string> record;
  std::string field;
  int line = 1, record_line = 1;
  size_t i = 0;
  const size_t n = text.size();
  // Skip a UTF-8 byte-order mark.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  bool have_header = false;
  auto end_record = [&]() {
    record.push_back(std::move(field));
    field.clear();
    bool blank = record.size() == 1 && record[0].empty();
    if (!blank) {
      if (!have_header) {
        table.header = std::move(record);
        have_header = true;
      } else {
        table.rows.push_back(std::move(record));
        table.row_lines.push_back(record_line);
      }
    }
    record.clear();
  };
  bool at_field_start = true;
  while (i < n) {
    char c = text[i];
    if (at_field_start && c == '"') {
      // Quoted field: up to the closing quote; "" is a literal quote.
      int open_line = line;
      ++i;
      bool closed = false;
      while (i < n) {
        char q = text[i];
        if (q == '"') {
          if (i + 1 < n && text[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        if (q == '\n') ++line;
        field.push_back(q);
        ++i;
      }
      if (!closed) {
        return DataLossError("line " + std::to_string(open_line) + ": unterminated quoted field");
      }
      // After the closing quote: a separator, a line end, or the end.
      if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
        return DataLossError("line " + std::to_string(line) +
                             ": unexpected character after a closing quote");
      }
      at_field_start = false;
      continue;
    }
    if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
      at_field_start = true;
      ++i;
      continue;
    }
    if (c == '\r' && i + 1 < n && text[i + 1] == '\n') {
      ++i;
      continue;
    }
    if (c == '\n') {
      end_record();
      ++line;
      record_line = line;
      at_field_start = true;
      ++i;
      continue;
    }
    field.push_back(c);
    at_field_start = false;
    ++i;
  }
  if (!field.empty() || !record.empty()) end_record();
  if (!have_header) return InvalidArgumentError("CSV has no header line");
  return table;
}

}  // namespace sitrep
