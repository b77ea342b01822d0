// Gazetteer: loading, checking and querying the index (format in
// normalize_internal.h); building is in gazetteer_build.cc.
#include "geo/gazetteer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <tuple>

#include "core/binary_io.h"
#include "core/paths.h"
#include "geo/normalize_internal.h"

namespace sitrep::geo {

struct Gazetteer::Impl {
  std::string bytes;      // the whole index file
  std::string_view pool;  // view into bytes
  std::vector<Entry> entries;
  std::vector<KeyRec> names, countries, admin1, demonyms;
  std::vector<PartRec> parts;  // sorted by entry
  std::string description;

  std::string_view Key(const KeyRec& k) const { return pool.substr(k.off, k.len); }

  // [first, last) of the records of `table` whose key is `key`.
  std::pair<const KeyRec*, const KeyRec*> Range(const std::vector<KeyRec>& table,
                                                std::string_view key) const {
    auto lo = std::lower_bound(table.begin(), table.end(), key,
                               [&](const KeyRec& r, std::string_view k) { return Key(r) < k; });
    auto hi = std::upper_bound(lo, table.end(), key,
                               [&](std::string_view k, const KeyRec& r) { return k < Key(r); });
    return {table.data() + (lo - table.begin()), table.data() + (hi - table.begin())};
  }

  const KeyRec* First(const std::vector<KeyRec>& table, std::string_view key) const {
    auto [lo, hi] = Range(table, key);
    return lo == hi ? nullptr : lo;
  }

  // Checks the image and fills the tables; DataLossError("why") if anything
  // is out of bounds.
  Status Parse();
};

namespace {

Status CheckTable(const IndexHeader& h, uint64_t off, uint64_t count, size_t rec_size,
                  const char* what) {
  if (off % 8 != 0 || off < sizeof(IndexHeader) || off > h.file_size ||
      count > (h.file_size - off) / rec_size) {
    return DataLossError(std::string(what) + " table out of bounds");
  }
  return OkStatus();
}

bool RefOk(const StrRef& r, uint64_t pool_size) {
  return r.off <= pool_size && r.len <= pool_size - r.off;
}

template <typename T>
void CopyTable(const std::string& bytes, uint64_t off, uint64_t count, std::vector<T>* out) {
  out->resize(count);
  if (count) std::memcpy(out->data(), bytes.data() + off, count * sizeof(T));
}

}  // namespace

Status Gazetteer::Impl::Parse() {
  if (bytes.size() < sizeof(IndexHeader)) return DataLossError("too short for an index");
  IndexHeader h;
  std::memcpy(&h, bytes.data(), sizeof h);
  if (std::memcmp(h.magic, kIndexMagic, sizeof h.magic) != 0) {
    return DataLossError("not a sitrep gazetteer index (bad magic)");
  }
  if (h.version != kIndexFormatVersion) {
    return DataLossError("index format version " + std::to_string(h.version) +
                         ", this sitrep reads version " + std::to_string(kIndexFormatVersion) +
                         " (rebuild it: make build)");
  }
  if (h.header_size != sizeof(IndexHeader) || h.file_size != bytes.size()) {
    return DataLossError("index size does not match its header (truncated?)");
  }
  std::string_view body(bytes.data() + sizeof h, bytes.size() - sizeof h);
  if (Fnv1a64(body) != h.checksum) return DataLossError("index checksum mismatch (corrupt)");
  SITREP_RETURN_IF_ERROR(CheckTable(h, h.pool_off, h.pool_size, 1, "string pool"));
  SITREP_RETURN_IF_ERROR(CheckTable(h, h.entries_off, h.entries_count, sizeof(EntryRec), "entry"));
  SITREP_RETURN_IF_ERROR(CheckTable(h, h.names_off, h.names_count, sizeof(KeyRec), "name"));
  SITREP_RETURN_IF_ERROR(
      CheckTable(h, h.countries_off, h.countries_count, sizeof(KeyRec), "country"));
  SITREP_RETURN_IF_ERROR(CheckTable(h, h.admin1_off, h.admin1_count, sizeof(KeyRec), "admin1"));
  SITREP_RETURN_IF_ERROR(
      CheckTable(h, h.demonyms_off, h.demonyms_count, sizeof(KeyRec), "demonym"));
  SITREP_RETURN_IF_ERROR(CheckTable(h, h.parts_off, h.parts_count, sizeof(PartRec), "part"));
  if (h.entries_count > UINT32_MAX || h.pool_size > UINT32_MAX) {
    return DataLossError("index tables too large");
  }
  pool = std::string_view(bytes.data() + h.pool_off, h.pool_size);
  if (!RefOk(h.description, h.pool_size)) return DataLossError("bad description offset");
  description = std::string(pool.substr(h.description.off, h.description.len));

  entries.resize(h.entries_count);
  const char* rec_base = bytes.data() + h.entries_off;
  for (uint64_t i = 0; i < h.entries_count; ++i) {
    EntryRec r;
    std::memcpy(&r, rec_base + i * sizeof r, sizeof r);
    for (const StrRef* ref :
         {&r.name, &r.country, &r.countries, &r.admin1, &r.admin1_code, &r.feature}) {
      if (!RefOk(*ref, h.pool_size)) {
        return DataLossError("entry " + std::to_string(i) + ": string out of bounds");
      }
    }
    if (r.precision > static_cast<uint8_t>(GeoPrecision::kCountry)) {
      return DataLossError("entry " + std::to_string(i) + ": bad precision");
    }
    Entry& e = entries[i];
    e.geonameid = r.geonameid;
    e.name = pool.substr(r.name.off, r.name.len);
    e.country = pool.substr(r.country.off, r.country.len);
    e.countries = pool.substr(r.countries.off, r.countries.len);
    e.admin1 = pool.substr(r.admin1.off, r.admin1.len);
    e.admin1_code = pool.substr(r.admin1_code.off, r.admin1_code.len);
    e.feature = pool.substr(r.feature.off, r.feature.len);
    e.feature_class = static_cast<char>(r.feature_class);
    e.lat = r.lat;
    e.lon = r.lon;
    e.population = r.population;
    e.radius_km = r.radius_km;
    e.precision = static_cast<GeoPrecision>(r.precision);
  }
  CopyTable(bytes, h.names_off, h.names_count, &names);
  CopyTable(bytes, h.countries_off, h.countries_count, &countries);
  CopyTable(bytes, h.admin1_off, h.admin1_count, &admin1);
  CopyTable(bytes, h.demonyms_off, h.demonyms_count, &demonyms);
  for (const auto* table : {&names, &countries, &admin1, &demonyms}) {
    for (const KeyRec& k : *table) {
      if (k.entry >= entries.size() || !RefOk(StrRef{k.off, k.len}, h.pool_size)) {
        return DataLossError("key out of bounds");
      }
    }
  }
  CopyTable(bytes, h.parts_off, h.parts_count, &parts);
  for (size_t i = 0; i < parts.size(); ++i) {
    const PartRec& r = parts[i];
    if (r.entry >= entries.size() || (i > 0 && r.entry <= parts[i - 1].entry)) {
      return DataLossError("part table: entry out of bounds or out of order");
    }
    for (int k = 0; k < kGeoPartCount; ++k) {
      if (!(std::abs(r.lat[k]) <= 90.0f) || !(std::abs(r.lon[k]) <= 180.0f)) {
        return DataLossError("part table: point out of range");
      }
    }
  }
  return OkStatus();
}

Gazetteer::Gazetteer() : impl_(std::make_unique<Impl>()) {}
Gazetteer::~Gazetteer() = default;

StatusOr<std::unique_ptr<Gazetteer>> Gazetteer::Build(const BuildSources& sources,
                                                      std::vector<std::string>* warnings) {
  SITREP_ASSIGN_OR_RETURN(std::string image, BuildIndexImage(sources, warnings));
  std::unique_ptr<Gazetteer> g(new Gazetteer());
  g->impl_->bytes = std::move(image);
  Status s = g->impl_->Parse();
  if (!s.ok()) return InternalError("built index does not parse: " + s.message());
  return g;
}

StatusOr<std::unique_ptr<Gazetteer>> Gazetteer::Load(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) {
      return NotFoundError(path + ": no gazetteer index (build it with `make build`)");
    }
    return IoError(path + ": " + std::strerror(errno));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return DataLossError(path + ": not a regular file");
  }
  std::unique_ptr<Gazetteer> g(new Gazetteer());
  std::string& bytes = g->impl_->bytes;
  bytes.resize(static_cast<size_t>(st.st_size));
  size_t got = 0;
  while (got < bytes.size()) {
    ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  if (got != bytes.size()) return IoError(path + ": short read");
  Status s = g->impl_->Parse();
  if (!s.ok()) return DataLossError(path + ": " + s.message());
  return g;
}

Status Gazetteer::Save(const std::string& path) const {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return IoError(tmp + ": cannot write");
    out.write(impl_->bytes.data(), static_cast<std::streamsize>(impl_->bytes.size()));
    out.close();
    if (!out) return IoError(tmp + ": write failed");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return IoError(path + ": " + ec.message());
  return OkStatus();
}

std::vector<uint32_t> Gazetteer::Find(std::string_view name, bool* by_skeleton) const {
  if (by_skeleton != nullptr) *by_skeleton = false;
  std::vector<uint32_t> ids;
  std::string key = NormalizeName(name);
  if (key.empty()) return ids;
  // The key itself, else with single letters for double ("Marat al-Numan"
  // finds "Ma`arrat an Nu`man"), else without a leading article ("al-Raqqa"
  // when only "Raqqa" and "Ar Raqqah" are known), else with a glued article
  // split off ("Deir Ezzor" is "Deir ez-Zor"), else with u and i for the
  // vowels transliterations write either way ("Nooristan" is "Nuristan"),
  // else by the skeleton the build adds in transliterating countries
  // ("al-Miadin" is "Al Mayadin"). Each variant is built only when the ones before it found
  // nothing: most lookups are of words that are no name at all.
  const KeyRec* lo = nullptr;
  const KeyRec* hi = nullptr;
  std::tie(lo, hi) = impl_->Range(impl_->names, key);
  auto found = [&](const std::string& v) {
    if (v == key || v.empty()) return false;
    std::tie(lo, hi) = impl_->Range(impl_->names, v);
    return lo != hi;
  };
  bool skeleton = false;
  if (lo == hi && !found(CollapseDoublesKey(key))) {
    const std::string bare = StripArticleKey(key);
    if (!(found(bare) || found(CollapseDoublesKey(bare)) || found(SplitGluedArticlesKey(key)) ||
          found(FoldVowelsKey(key)) || found(FoldVowelsKey(bare))))
      skeleton =
          found(kSkeletonMark + SkeletonKey(key)) || found(kSkeletonMark + SkeletonKey(bare));
  }
  // (Skeleton keys carry kSkeletonMark, and the build gives them only to
  // names of the transliterating countries: a skeleton that spells a plain
  // key elsewhere, "bariyarpur" for an Indian "Bariarpur", finds nothing.)
  ids.reserve(hi - lo);
  for (const KeyRec* k = lo; k != hi; ++k) ids.push_back(k->entry);
  if (by_skeleton != nullptr) *by_skeleton = skeleton;
  return ids;
}

bool Gazetteer::IsPrefix(std::string_view prefix) const {
  std::string key = NormalizeName(prefix);
  if (key.empty()) return false;
  const auto& t = impl_->names;
  auto key_less = [&](const KeyRec& r, std::string_view k) { return impl_->Key(r) < k; };
  auto it = std::lower_bound(t.begin(), t.end(), key, key_less);
  if (it != t.end() && impl_->Key(*it) == key) return true;
  // Normalised as the start of a longer name, so that a trailing article or
  // a lone "the" is read as one: "deir ez" -> "deir al ", "the" -> "".
  std::string longer = NormalizeName(std::string(prefix) + " x");
  if (longer == "x") return true;  // "the": anything may follow
  if (longer.ends_with(" x")) {
    longer.pop_back();
    it = std::lower_bound(t.begin(), t.end(), longer, key_less);
    if (it != t.end() && impl_->Key(*it).starts_with(longer)) return true;
  }
  // Last, the variants Find() tries: a glued article split off ("deir
  // ezzor" -> "deir al zor"), single letters for double ("ayeyarwaddy" goes
  // on as "Ayeyarwaddy River"), u and i for the vowels.
  for (const std::string& v :
       {SplitGluedArticlesKey(key), CollapseDoublesKey(key), FoldVowelsKey(key)}) {
    if (v == key) continue;
    it = std::lower_bound(t.begin(), t.end(), v, key_less);
    if (it != t.end() && impl_->Key(*it).starts_with(v)) return true;
  }
  // The skeleton, by whole words ("~dei" is no start of "~deir ..."): the
  // first key not below it is the skeleton itself or, keys holding no byte
  // below a space, its first extension by a word.
  const std::string skeleton = kSkeletonMark + SkeletonKey(key);
  it = std::lower_bound(t.begin(), t.end(), skeleton, key_less);
  if (it == t.end()) return false;
  const std::string_view k = impl_->Key(*it);
  return k == skeleton ||
         (k.starts_with(skeleton) && k.size() > skeleton.size() && k[skeleton.size()] == ' ');
}

const Entry& Gazetteer::entry(uint32_t id) const {
  static const Entry kNone{};
  return id < impl_->entries.size() ? impl_->entries[id] : kNone;
}

size_t Gazetteer::size() const { return impl_->entries.size(); }
size_t Gazetteer::key_count() const { return impl_->names.size(); }

const Entry* Gazetteer::Country(std::string_view iso3) const {
  std::string code;
  for (char c : iso3) code += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  const KeyRec* k = impl_->First(impl_->countries, code);
  return k ? &impl_->entries[k->entry] : nullptr;
}

int64_t Gazetteer::CountryId(std::string_view iso3) const {
  const Entry* e = Country(iso3);
  return e == nullptr ? -1 : e - impl_->entries.data();
}

const Entry* Gazetteer::Admin1(std::string_view iso3, std::string_view admin1_name) const {
  std::string key;
  for (char c : iso3) key += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  key += '\t';
  std::string name = NormalizeName(admin1_name);
  if (name.empty()) return nullptr;
  // "Raqqa province", "ar-Raqqa" and "Raqqa" all name the province Raqqa.
  for (const std::string& variant : {name, StripAdminSuffixKey(name), StripArticleKey(name),
                                     StripArticleKey(StripAdminSuffixKey(name))}) {
    if (const KeyRec* k = impl_->First(impl_->admin1, key + variant)) {
      return &impl_->entries[k->entry];
    }
  }
  return nullptr;
}

bool Gazetteer::Part(uint32_t id, GeoPart part, double* lat, double* lon) const {
  const auto& t = impl_->parts;
  auto it = std::lower_bound(t.begin(), t.end(), id,
                             [](const PartRec& r, uint32_t e) { return r.entry < e; });
  const auto k = static_cast<size_t>(part);
  if (it == t.end() || it->entry != id || k >= static_cast<size_t>(kGeoPartCount)) return false;
  *lat = it->lat[k];
  *lon = it->lon[k];
  return true;
}

const char* GeoPartName(GeoPart part) {
  static const char* const kNames[] = {"north",     "northeast", "east",      "southeast", "south",
                                       "southwest", "west",      "northwest", "central"};
  const auto k = static_cast<size_t>(part);
  return k < std::size(kNames) ? kNames[k] : "";
}

bool ParseGeoPart(std::string_view word, GeoPart* part) {
  std::string w;
  for (char c : word) {
    if (c == '-') continue;  // "north-eastern"
    w += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  if (w.size() > 2 && w.ends_with("ern")) w.resize(w.size() - 3);  // "northern" -> "north"
  if (w == "central" || w == "centre" || w == "center") {
    *part = GeoPart::kCentre;
    return true;
  }
  for (int k = 0; k < kGeoPartCount - 1; ++k) {
    if (w == GeoPartName(static_cast<GeoPart>(k))) {
      *part = static_cast<GeoPart>(k);
      return true;
    }
  }
  return false;
}

std::string_view Gazetteer::CountryOfDemonym(std::string_view word) const {
  std::string key = NormalizeName(word);
  if (key.empty()) return {};
  const KeyRec* k = impl_->First(impl_->demonyms, key);
  return k ? impl_->entries[k->entry].country : std::string_view();
}

const std::string& Gazetteer::description() const { return impl_->description; }

Status BuildIndex(const BuildSources& sources, const std::string& out,
                  std::vector<std::string>* warnings) {
  SITREP_ASSIGN_OR_RETURN(std::unique_ptr<Gazetteer> g, Gazetteer::Build(sources, warnings));
  return g->Save(out);
}

std::string DefaultIndexPath() {
  if (const char* env = std::getenv("SITREP_GAZETTEER"); env && *env) return env;
  std::vector<std::string> tried;
  std::filesystem::path dir = ExecutableDir();
  // The executable's dir and up to three parents: build/sitrep and
  // build/src/geo/gazetteer_test both find build/gazetteer.sgz.
  for (int up = 0; up < 4 && !dir.empty(); ++up) {
    tried.push_back((dir / "gazetteer.sgz").string());
    if (dir == dir.parent_path()) break;
    dir = dir.parent_path();
  }
  tried.push_back(std::string(SITREP_SOURCE_DIR) + "/build/gazetteer.sgz");
  std::error_code ec;
  for (const std::string& p : tried) {
    if (std::filesystem::is_regular_file(p, ec)) return p;
  }
  return tried.front();
}

}  // namespace sitrep::geo
