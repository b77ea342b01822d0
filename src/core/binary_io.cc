#include "core/binary_io.h"

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace sitrep {

Status ByteReader::String(std::string* s) {
  uint32_t n = 0;
  SITREP_RETURN_IF_ERROR(U32(&n));
  if (n > remaining()) return DataLossError("truncated string");
  s->assign(data_.data() + pos_, n);
  pos_ += n;
  return OkStatus();
}

Status ByteReader::StringVector(std::vector<std::string>* v) {
  uint64_t n = 0;
  SITREP_RETURN_IF_ERROR(U64(&n));
  if (n > remaining() / 4) return DataLossError("truncated string vector");
  v->resize(n);
  for (auto& s : *v) SITREP_RETURN_IF_ERROR(String(&s));
  return OkStatus();
}

uint64_t Fnv1a64(std::string_view data, uint64_t seed) {
  uint64_t h = seed;
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

StatusOr<std::string_view> ModelFile::Section(std::string_view name) const {
  auto it = sections_.find(std::string(name));
  if (it == sections_.end()) {
    return NotFoundError("model has no section '" + std::string(name) + "'");
  }
  return std::string_view(it->second);
}

std::string ModelFile::Serialize() const {
  ByteWriter w;
  w.Raw(kModelMagic, sizeof kModelMagic);
  w.U32(kModelFormatVersion);
  w.U32(static_cast<uint32_t>(sections_.size()));
  for (const auto& [name, bytes] : sections_) {
    w.String(name);
    w.U64(bytes.size());
    w.Raw(bytes.data(), bytes.size());
  }
  uint64_t sum = Fnv1a64(w.bytes());
  w.U64(sum);
  return w.Release();
}

StatusOr<ModelFile> ModelFile::Parse(std::string_view bytes) {
  if (bytes.size() < sizeof kModelMagic + 16 ||
      std::memcmp(bytes.data(), kModelMagic, sizeof kModelMagic) != 0) {
    return DataLossError("not a sitrep model file (bad magic)");
  }
  uint64_t stored_sum = 0;
  std::memcpy(&stored_sum, bytes.data() + bytes.size() - 8, 8);
  std::string_view body = bytes.substr(0, bytes.size() - 8);
  ByteReader r(body.substr(sizeof kModelMagic));
  uint32_t version = 0, count = 0;
  SITREP_RETURN_IF_ERROR(r.U32(&version));
  if (version != kModelFormatVersion) {
    return DataLossError("model format version " + std::to_string(version) +
                         " is not supported (this build reads version " +
                         std::to_string(kModelFormatVersion) + ")");
  }
  if (Fnv1a64(body) != stored_sum) {
    return DataLossError("model checksum mismatch (file corrupt or truncated)");
  }
  SITREP_RETURN_IF_ERROR(r.U32(&count));
  ModelFile file;
  for (uint32_t i = 0; i < count; ++i) {
    std::string name;
    uint64_t size = 0;
    SITREP_RETURN_IF_ERROR(r.String(&name));
    SITREP_RETURN_IF_ERROR(r.U64(&size));
    if (size > r.remaining()) return DataLossError("truncated model section " + name);
    std::string data(size, '\0');
    SITREP_RETURN_IF_ERROR(r.Raw(data.data(), size));
    file.AddSection(std::move(name), std::move(data));
  }
  if (!r.done()) return DataLossError("trailing bytes in model file");
  return file;
}

StatusOr<std::string> ReadFileToString(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    if (errno == ENOENT) return NotFoundError(path + ": no such file");
    return IoError(path + ": cannot open: " + std::strerror(errno));
  }
  std::string out;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  bool err = std::ferror(f);
  std::fclose(f);
  if (err) return IoError(path + ": read error");
  return out;
}

Status WriteStringToFile(const std::string& path, std::string_view data) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return IoError(path + ": cannot create: " + std::strerror(errno));
  size_t n = std::fwrite(data.data(), 1, data.size(), f);
  bool ok = n == data.size() && std::fclose(f) == 0;
  if (!ok) return IoError(path + ": write error");
  return OkStatus();
}

StatusOr<ModelFile> ReadModelFile(const std::string& path) {
  SITREP_ASSIGN_OR_RETURN(std::string bytes, ReadFileToString(path));
  auto file = ModelFile::Parse(bytes);
  if (!file.ok()) return file.status().WithContext(path);
  return file;
}

Status WriteModelFile(const std::string& path, const ModelFile& file) {
  return WriteStringToFile(path, file.Serialize());
}

}  // namespace sitrep
