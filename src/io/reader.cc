#include "io/reader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <limits>
#include <system_error>
#include <utility>

#include "io/formats.h"

namespace sitrep {
namespace fs = std::filesystem;

namespace {

constexpr size_t kChunkBytes = 64 << 10;

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return s;
}

bool HasJsonlExtension(const std::string& path) {
  std::string ext = Lower(fs::path(path).extension().string());
  return ext == ".jsonl" || ext == ".ndjson" || ext == ".json";
}

bool HasTextExtension(const std::string& path) {
  return Lower(fs::path(path).extension().string()) == ".txt";
}

bool IsJsonl(const std::string& path, bool from_directory, ReadOptions::Format format) {
  if (!from_directory && format == ReadOptions::Format::kJsonl) return true;
  if (!from_directory && format == ReadOptions::Format::kText) return false;
  return HasJsonlExtension(path);
}

std::string LimitMessage(size_t max) {
  return "over the limit of " + std::to_string(max) + " bytes (max_document_bytes); skipped";
}

// Status for a failed fopen of `path`, from errno.
Status OpenError(const std::string& path, int err) {
  std::string message = path + ": cannot open: " + std::strerror(err);
  return err == ENOENT ? NotFoundError(message) : IoError(message);
}

enum class ReadOutcome { kOk, kTooLong, kError };

// Reads all of `f` into *out, but never more than max + 1 bytes.
ReadOutcome ReadCapped(std::FILE* f, size_t max, std::string* out, int* err) {
  out->clear();
  char buffer[kChunkBytes];
  while (true) {
    size_t n = std::fread(buffer, 1, sizeof buffer, f);
    if (n > 0) {
      if (out->size() + n > max) return ReadOutcome::kTooLong;
      out->append(buffer, n);
    }
    if (n < sizeof buffer) {
      if (std::ferror(f)) {
        *err = errno;
        return ReadOutcome::kError;
      }
      if (std::feof(f)) return ReadOutcome::kOk;
    }
  }
}

DocumentReader::ReadResult Failure(Status status) { return {std::move(status), std::nullopt}; }
DocumentReader::ReadResult Success(Document doc) { return {OkStatus(), std::move(doc)}; }

}  // namespace

std::optional<ReadOptions::Format> FormatFromName(std::string_view name) {
  if (name == "auto") return ReadOptions::Format::kAuto;
  if (name == "text" || name == "txt") return ReadOptions::Format::kText;
  if (name == "jsonl" || name == "ndjson") return ReadOptions::Format::kJsonl;
  return std::nullopt;
}

// Streams one JSON Lines file line by line through a fixed buffer, so that a
// huge line is measured and skipped without being held in memory.
class DocumentReader::LineReader {
 public:
  enum class Kind { kLine, kTooLong, kEnd, kError };

  // `origin` names the input in messages ("feed.jsonl", "stdin"); `id_prefix`
  // starts default ids ("feed.jsonl" -> "feed.jsonl:12").
  LineReader(std::FILE* file, bool owned, std::string origin, std::string id_prefix)
      : file_(file), owned_(owned), origin_(std::move(origin)), id_prefix_(std::move(id_prefix)) {}
  ~LineReader() {
    if (owned_) std::fclose(file_);
  }

  // Reads the next line into *line (without "\n"), or measures it (*length)
  // and returns kTooLong if it has more than `max` bytes.
  Kind Next(size_t max, std::string* line, size_t* length) {
    line->clear();
    *length = 0;
    if (done_) return Kind::kEnd;
    line_offset_ = offset_;
    bool any = false;
    while (true) {
      if (pos_ == len_) {
        len_ = std::fread(buffer_, 1, sizeof buffer_, file_);
        pos_ = 0;
        if (len_ == 0) {
          if (std::ferror(file_)) {
            error_ = errno;
            done_ = true;
            return Kind::kError;
          }
          done_ = true;
          if (!any) return Kind::kEnd;
          ++line_number_;
          return *length > max ? Kind::kTooLong : Kind::kLine;
        }
      }
      any = true;
      const char* begin = buffer_ + pos_;
      const void* nl = std::memchr(begin, '\n', len_ - pos_);
      size_t n = nl ? static_cast<const char*>(nl) - begin : len_ - pos_;
      if (*length + n <= max) line->append(begin, n);
      *length += n;
      pos_ += n;
      offset_ += static_cast<int64_t>(n);
      if (nl) {
        ++pos_;
        ++offset_;
        ++line_number_;
        return *length > max ? Kind::kTooLong : Kind::kLine;
      }
    }
  }

  const std::string& origin() const { return origin_; }
  const std::string& id_prefix() const { return id_prefix_; }
  int64_t line_number() const { return line_number_; }
  int64_t line_offset() const { return line_offset_; }
  int error() const { return error_; }

 private:
  std::FILE* file_;
  bool owned_;
  std::string origin_;
  std::string id_prefix_;
  char buffer_[kChunkBytes];
  size_t pos_ = 0, len_ = 0;
  int64_t offset_ = 0;       // file offset of buffer_[pos_]
  int64_t line_offset_ = 0;  // file offset of the current line
  int64_t line_number_ = 0;  // 1-based number of the line last returned
  bool done_ = false;
  int error_ = 0;
};

DocumentReader::DocumentReader(std::vector<std::string> inputs, const ReadOptions& options)
    : options_(options) {
  for (std::string& input : inputs) pending_.push_back({std::move(input), false});
}

DocumentReader::~DocumentReader() = default;

StatusOr<std::unique_ptr<DocumentReader>> DocumentReader::Create(std::vector<std::string> inputs,
                                                                 const ReadOptions& options) {
  if (inputs.empty()) return InvalidArgumentError("no input files given");
  if (std::count(inputs.begin(), inputs.end(), "-") > 1) {
    return InvalidArgumentError("standard input (\"-\") can be read only once");
  }
  if (!options.date.empty()) SITREP_RETURN_IF_ERROR(ValidateDate(options.date));
  if (options.max_document_bytes == 0 ||
      options.max_document_bytes >= std::numeric_limits<uint32_t>::max()) {
    return InvalidArgumentError("max_document_bytes must be between 1 and 4294967294, not " +
                                std::to_string(options.max_document_bytes));
  }
  if (!options.id.empty()) {
    bool single_text = false;
    if (inputs.size() == 1) {
      const std::string& in = inputs[0];
      std::error_code ec;
      single_text = in == "-" ? options.format != ReadOptions::Format::kJsonl
                              : !fs::is_directory(in, ec) &&
                                    !IsJsonl(in, /*from_directory=*/false, options.format);
    }
    if (!single_text) {
      return InvalidArgumentError(
          "an explicit id (--id) needs exactly one plain-text input (a .txt file or \"-\")");
    }
  }
  return std::unique_ptr<DocumentReader>(new DocumentReader(std::move(inputs), options));
}

std::optional<DocumentReader::ReadResult> DocumentReader::Next() {
  while (true) {
    if (lines_) {
      if (std::optional<ReadResult> r = NextJsonLine()) return r;
      lines_.reset();
      continue;
    }
    if (pending_.empty()) return std::nullopt;
    Pending input = std::move(pending_.front());
    pending_.pop_front();
    if (std::optional<ReadResult> r = StartInput(input)) return r;
  }
}

bool DocumentReader::IsJsonlPath(const std::string& path, bool from_directory) const {
  return IsJsonl(path, from_directory, options_.format);
}

std::optional<DocumentReader::ReadResult> DocumentReader::StartInput(const Pending& input) {
  const std::string& path = input.path;
  if (path == "-") {
    std::FILE* in = options_.standard_input ? options_.standard_input : stdin;
    bool jsonl = options_.format == ReadOptions::Format::kJsonl;
    if (options_.format == ReadOptions::Format::kAuto && options_.id.empty()) {
      // No article opens with "{": a JSON Lines feed piped in is read as one,
      // not coded as text full of quotes and field names.
      const int first = std::getc(in);
      if (first != EOF) std::ungetc(first, in);
      jsonl = first == '{';
    }
    if (!jsonl) return ReadStdinText();
    lines_ = std::make_unique<LineReader>(in, /*owned=*/false, "stdin", "stdin");
    return std::nullopt;
  }
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    if (ec && ec != std::errc::no_such_file_or_directory) {
      return Failure(IoError(path + ": cannot access: " + ec.message()));
    }
    return Failure(NotFoundError(path + ": no such file or directory"));
  }
  if (fs::is_directory(st)) return ExpandDirectory(path);
  if (IsJsonlPath(path, input.from_directory)) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return Failure(OpenError(path, errno));
    lines_ =
        std::make_unique<LineReader>(f, /*owned=*/true, path, fs::path(path).filename().string());
    return std::nullopt;
  }
  return ReadTextFile(path);
}

std::optional<DocumentReader::ReadResult> DocumentReader::ReadTextFile(const std::string& path) {
  const size_t max = options_.max_document_bytes;
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) {
    uintmax_t size = fs::file_size(path, ec);
    if (!ec && size > max) {
      return Failure(ResourceExhaustedError(path + ": document is " + std::to_string(size) +
                                            " bytes, " + LimitMessage(max)));
    }
  }
  FilePtr f(std::fopen(path.c_str(), "rb"));
  if (!f) return Failure(OpenError(path, errno));
  std::string bytes;
  int err = 0;
  switch (ReadCapped(f.get(), max, &bytes, &err)) {
    case ReadOutcome::kTooLong:
      return Failure(ResourceExhaustedError(path + ": document is more than " +
                                            std::to_string(max) + " bytes, " + LimitMessage(max)));
    case ReadOutcome::kError:
      return Failure(IoError(path + ": cannot read: " + std::strerror(err)));
    case ReadOutcome::kOk:
      break;
  }
  TextSourceInfo info;
  info.id = options_.id.empty() ? fs::path(path).stem().string() : options_.id;
  info.date = options_.date;
  info.origin = path;
  return Success(DocumentFromText(std::move(bytes), info));
}

std::optional<DocumentReader::ReadResult> DocumentReader::ReadStdinText() {
  const size_t max = options_.max_document_bytes;
  std::FILE* in = options_.standard_input ? options_.standard_input : stdin;
  std::string bytes;
  int err = 0;
  switch (ReadCapped(in, max, &bytes, &err)) {
    case ReadOutcome::kTooLong:
      return Failure(ResourceExhaustedError("stdin: document is more than " + std::to_string(max) +
                                            " bytes, " + LimitMessage(max)));
    case ReadOutcome::kError:
      return Failure(IoError(std::string("stdin: cannot read: ") + std::strerror(err)));
    case ReadOutcome::kOk:
      break;
  }
  TextSourceInfo info;
  info.id = options_.id.empty() ? "stdin" : options_.id;
  info.date = options_.date;
  info.origin = "stdin";
  return Success(DocumentFromText(std::move(bytes), info));
}

std::optional<DocumentReader::ReadResult> DocumentReader::NextJsonLine() {
  const size_t max = options_.max_document_bytes;
  std::string line;
  size_t length = 0;
  while (true) {
    LineReader::Kind kind = lines_->Next(max, &line, &length);
    const std::string where = lines_->origin() + ":" + std::to_string(lines_->line_number());
    switch (kind) {
      case LineReader::Kind::kEnd:
        return std::nullopt;
      case LineReader::Kind::kError: {
        std::string after = lines_->line_number() == 0
                                ? ""
                                : " after line " + std::to_string(lines_->line_number());
        return Failure(IoError(lines_->origin() + ": cannot read" + after + ": " +
                               std::strerror(lines_->error())));
      }
      case LineReader::Kind::kTooLong:
        return Failure(ResourceExhaustedError(where + ": line is " + std::to_string(length) +
                                              " bytes, " + LimitMessage(max)));
      case LineReader::Kind::kLine:
        break;
    }
    int64_t base = lines_->line_offset();
    if (lines_->line_number() == 1 && line.starts_with("\xEF\xBB\xBF")) {
      line.erase(0, 3);  // a byte-order mark
      base += 3;
    }
    if (line.find_first_not_of(" \t\r\v\f") == std::string::npos) continue;  // blank
    JsonLineInfo info;
    info.origin = where;
    info.default_id = lines_->id_prefix() + ":" + std::to_string(lines_->line_number());
    info.default_date = options_.date;
    info.base_offset = base;
    StatusOr<Document> doc = DocumentFromJsonLine(std::move(line), info);
    if (!doc.ok()) return Failure(doc.status());
    return Success(std::move(doc).value());
  }
}

std::optional<DocumentReader::ReadResult> DocumentReader::ExpandDirectory(const std::string& path) {
  std::error_code ec;
  std::vector<std::string> files;
  fs::directory_iterator it(path, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    std::string name = p.filename().string();
    if (name.empty() || name[0] == '.') continue;
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec)) continue;  // follows symlinks
    std::string file = p.string();
    if (HasTextExtension(file) || HasJsonlExtension(file)) files.push_back(std::move(file));
  }
  if (ec) return Failure(IoError(path + ": cannot list directory: " + ec.message()));
  if (files.empty()) {
    return Failure(NotFoundError(path + ": directory has no *.txt, *.jsonl, *.ndjson or "
                                        "*.json files (subdirectories are not read)"));
  }
  std::sort(files.begin(), files.end(), [](const std::string& a, const std::string& b) {
    return fs::path(a).filename().string() < fs::path(b).filename().string();
  });
  for (auto f = files.rbegin(); f != files.rend(); ++f) {
    pending_.push_front({std::move(*f), /*from_directory=*/true});
  }
  return std::nullopt;
}

}  // namespace sitrep
