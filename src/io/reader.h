// DocumentReader: a stream of Documents from files, directories and standard
// input, in plain text or JSON Lines (formats in io/formats.h).
//
//   ReadOptions options;
//   options.date = "2015-10-08";  // story date for plain-text documents
//   SITREP_ASSIGN_OR_RETURN(std::unique_ptr<DocumentReader> reader,
//                           DocumentReader::Create({"samples/", "feed.jsonl", "-"}, options));
//   while (std::optional<DocumentReader::ReadResult> r = reader->Next()) {
//     if (!r->status.ok()) {            // one bad file or line; reading goes on
//       std::cerr << r->status.ToString() << "\n";  // "INVALID_ARGUMENT: feed.jsonl:7: ..."
//       continue;
//     }
//     Document& doc = *r->doc;          // warnings in doc.diagnostics
//     ... pipeline.Process(doc) ...
//   }
//
// Inputs, in the order given:
//   - a file: read as JSON Lines if the format is kJsonl, or kAuto and the
//     name ends in .jsonl, .ndjson or .json; otherwise as one plain-text
//     document (id = file stem: "reports/kdh-0412.txt" -> "kdh-0412").
//   - a directory: its *.txt (plain text) and *.jsonl / *.ndjson / *.json (JSON
//     Lines) files, NOT recursive, sorted by file name (byte order), hidden
//     files (".name") skipped. `format` does not apply inside directories: the
//     extension decides.
//   - "-": standard input (or `ReadOptions::standard_input`): JSON Lines if
//     the format is kJsonl, or kAuto with no `id` and '{' as its first byte;
//     otherwise one plain-text document, id "stdin"; may be given once.
//
// Errors are per input, per document and per JSONL line: each yields a
// ReadResult with a non-OK status whose message names the place
// ("feed.jsonl:7: ..."), and the next Next() goes on with the rest:
//   NotFound           a path that does not exist
//   IoError            a file or directory that cannot be opened or read
//   ResourceExhausted  a document (text file, stdin, or one JSONL line) over
//                      max_document_bytes; refused without reading it into
//                      memory (a file's size is checked first, stdin and JSONL
//                      lines are read with a cap, the rest of the line skipped)
//   InvalidArgument    a malformed JSONL line (bad JSON, not an object, a field
//                      of the wrong type, an invalid date)
// Bad bytes (invalid UTF-8, NUL) are not errors: they are repaired, with
// warnings in Document::diagnostics. An empty or whitespace-only document is
// a Document with empty text and no error.
//
// A reader is a single-threaded stream: one thread calls Next().
#ifndef SITREP_IO_READER_H_
#define SITREP_IO_READER_H_

#include <cstdio>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/status.h"

namespace sitrep {

struct ReadOptions {
  // Id of a single plain-text document (CLI --id). Default: the file stem, or
  // "stdin". Only allowed with exactly one input that is a plain-text file or
  // "-"; Create returns InvalidArgument otherwise.
  std::string id;
  // Story date "YYYY-MM-DD" (CLI --date): the date of plain-text documents and
  // of JSONL records without one. Create returns InvalidArgument if malformed.
  std::string date;
  // Larger documents (and JSONL lines) are refused with ResourceExhausted.
  // At most 4 GiB - 1 (offsets are 32-bit); Create refuses more.
  size_t max_document_bytes = 16 << 20;
  // kAuto: by extension (.jsonl/.ndjson/.json -> JSON Lines, else text);
  // stdin by its first byte ('{' -> JSON Lines, else text; text with an id).
  enum class Format { kAuto, kText, kJsonl } format = Format::kAuto;
  // What "-" reads; nullptr = the process's stdin. Not owned; must outlive
  // the reader (tests pass a tmpfile() or fmemopen() stream).
  std::FILE* standard_input = nullptr;
};

// "auto" / "text" / "jsonl" -> the Format; std::nullopt for anything else.
std::optional<ReadOptions::Format> FormatFromName(std::string_view name);

class DocumentReader {
 public:
  struct ReadResult {
    Status status;                // OK, or what went wrong and where
    std::optional<Document> doc;  // set iff status is OK
  };

  // Returns InvalidArgument if `inputs` is empty, "-" appears twice,
  // options.date is not a valid date, options.id is set with anything but a
  // single plain-text input, or max_document_bytes is 0 or >= 4 GiB.
  // Problems with the inputs themselves (missing, unreadable) are reported by
  // Next(), so that the other inputs are still read.
  static StatusOr<std::unique_ptr<DocumentReader>> Create(std::vector<std::string> inputs,
                                                          const ReadOptions& options);

  ~DocumentReader();
  DocumentReader(const DocumentReader&) = delete;
  DocumentReader& operator=(const DocumentReader&) = delete;

  // Returns the next document or error, or std::nullopt when every input is done.
  std::optional<ReadResult> Next();

 private:
  struct Pending {
    std::string path;
    bool from_directory = false;  // format by extension, whatever options say
  };
  class LineReader;

  DocumentReader(std::vector<std::string> inputs, const ReadOptions& options);

  // Each returns the next result, or std::nullopt if that step produced none.
  std::optional<ReadResult> StartInput(const Pending& input);
  std::optional<ReadResult> ReadTextFile(const std::string& path);
  std::optional<ReadResult> ReadStdinText();
  std::optional<ReadResult> NextJsonLine();
  std::optional<ReadResult> ExpandDirectory(const std::string& path);
  bool IsJsonlPath(const std::string& path, bool from_directory) const;

  ReadOptions options_;
  std::deque<Pending> pending_;
  // The JSON Lines file being read, if any.
  std::unique_ptr<LineReader> lines_;
};

}  // namespace sitrep

#endif  // SITREP_IO_READER_H_
