// Little-endian binary serialisation and the model container format.
//
// A model file is a container of named sections, each written by one module
// (tokenizer, tagger, lemmatizer, parser) with ByteWriter and read back with
// ByteReader:
//
//   "SITREPMD" magic (8 bytes) | u32 format version | u32 section count |
//   per section: string name | u64 size | bytes | ... | u64 FNV-1a of all
//   preceding bytes
//
// Loaders refuse a file whose magic, version or checksum they don't know:
//
//   SITREP_ASSIGN_OR_RETURN(ModelFile file, ReadModelFile("models/en.sitrep"));
//   SITREP_ASSIGN_OR_RETURN(std::string_view tagger, file.Section("tagger"));
//   ByteReader r(tagger);
//   uint32_t n; SITREP_RETURN_IF_ERROR(r.U32(&n));
#ifndef SITREP_CORE_BINARY_IO_H_
#define SITREP_CORE_BINARY_IO_H_

#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sitrep {

class ByteWriter {
 public:
  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U32(uint32_t v) { Raw(&v, sizeof v); }
  void U64(uint64_t v) { Raw(&v, sizeof v); }
  void I32(int32_t v) { Raw(&v, sizeof v); }
  void F32(float v) { Raw(&v, sizeof v); }
  void String(std::string_view s) {
    U32(static_cast<uint32_t>(s.size()));
    out_.append(s.data(), s.size());
  }
  template <typename T>
  void PodVector(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    U64(v.size());
    Raw(v.data(), v.size() * sizeof(T));
  }
  void StringVector(const std::vector<std::string>& v) {
    U64(v.size());
    for (const auto& s : v) String(s);
  }
  void Raw(const void* p, size_t n) { out_.append(static_cast<const char*>(p), n); }
  const std::string& bytes() const { return out_; }
  std::string Release() { return std::move(out_); }

 private:
  std::string out_;  // this code assumes a little-endian host (x86-64, arm64)
};

// Reads what ByteWriter wrote. Every read checks bounds and returns
// DataLossError("truncated ...") instead of reading past the end.
class ByteReader {
 public:
  explicit ByteReader(std::string_view data) : data_(data) {}
  Status U8(uint8_t* v) { return Raw(v, sizeof *v); }
  Status U32(uint32_t* v) { return Raw(v, sizeof *v); }
  Status U64(uint64_t* v) { return Raw(v, sizeof *v); }
  Status I32(int32_t* v) { return Raw(v, sizeof *v); }
  Status F32(float* v) { return Raw(v, sizeof *v); }
  Status String(std::string* s);
  template <typename T>
  Status PodVector(std::vector<T>* v) {
    static_assert(std::is_trivially_copyable_v<T>);
    uint64_t n = 0;
    SITREP_RETURN_IF_ERROR(U64(&n));
    if (n > remaining() / sizeof(T)) return DataLossError("truncated vector");
    v->resize(n);
    return Raw(v->data(), n * sizeof(T));
  }
  Status StringVector(std::vector<std::string>* v);
  Status Raw(void* p, size_t n) {
    if (n > remaining()) return DataLossError("truncated data");
    if (n) std::memcpy(p, data_.data() + pos_, n);
    pos_ += n;
    return OkStatus();
  }
  size_t remaining() const { return data_.size() - pos_; }
  bool done() const { return pos_ == data_.size(); }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

uint64_t Fnv1a64(std::string_view data, uint64_t seed = 1469598103934665603ULL);

inline constexpr char kModelMagic[8] = {'S', 'I', 'T', 'R', 'E', 'P', 'M', 'D'};
inline constexpr uint32_t kModelFormatVersion = 1;

// An in-memory model container: named sections of bytes.
class ModelFile {
 public:
  void AddSection(std::string name, std::string bytes) {
    sections_[std::move(name)] = std::move(bytes);
  }
  bool HasSection(std::string_view name) const { return sections_.count(std::string(name)) > 0; }
  // NotFoundError if the section is absent.
  StatusOr<std::string_view> Section(std::string_view name) const;
  const std::map<std::string, std::string>& sections() const { return sections_; }

  // Serialises with magic, version and checksum.
  std::string Serialize() const;
  // DataLossError for a wrong magic, unknown version, truncation or a bad
  // checksum.
  static StatusOr<ModelFile> Parse(std::string_view bytes);

 private:
  std::map<std::string, std::string> sections_;
};

StatusOr<ModelFile> ReadModelFile(const std::string& path);
Status WriteModelFile(const std::string& path, const ModelFile& file);

// Reads a whole file. NotFoundError / IoError on failure.
StatusOr<std::string> ReadFileToString(const std::string& path);
Status WriteStringToFile(const std::string& path, std::string_view data);

}  // namespace sitrep

#endif  // SITREP_CORE_BINARY_IO_H_
