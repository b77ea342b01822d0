// Internals shared by the gazetteer's builder, loader and tests; not part of
// the public API.
#ifndef SITREP_GEO_NORMALIZE_INTERNAL_H_
#define SITREP_GEO_NORMALIZE_INTERNAL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "geo/gazetteer.h"

namespace sitrep::geo {

// NormalizeName, also telling whether the name had letters of a non-Latin
// script ("Ракка" -> "", *foreign = true). The builder skips such names.
std::string NormalizeKey(std::string_view name, bool* foreign);

// "al hasakah" -> "hasakah"; the key itself when it does not start with "al ".
std::string StripArticleKey(const std::string& key);

// "deir ezzor" -> "deir al zor": an assimilated Arabic article written
// glued to the word after it (ez-Zor as "Ezzor", an-Nabk as "Annabk", as-Sham
// as "Assham") in any word but the first; the key itself when it has none.
// Only a fallback for keys not found as they are: "Essen" is a name.
std::string SplitGluedArticlesKey(const std::string& key);

// "nooristan" -> "nuristan", "bokamal" -> "bukamal": the vowels that
// transliterations of Arabic, Persian and Pashto write either way (o, oo
// and ou for u; e and ee for i), in words of six letters or more ("The
// Times" is no "Timis"). Only a fallback for keys not found as they are.
std::string FoldVowelsKey(const std::string& key);

// "mayadin", "meyadin", "miadin" -> "miadin"; "deir ez zor", "dayr az zor"
// -> "dir az zur": FoldVowelsKey's folds and "ay"/"ey"/"ei"/"ie" for i, in
// words of six letters or more, then one letter per run (CollapseDoublesKey).
// A key the build adds to names in countries whose names are transliterated
// from Arabic, Persian, Pashto, Urdu or Somali (IsTransliteratedCountry), and
// Find's last fallback.
std::string SkeletonKey(const std::string& key);
// Skeleton keys are stored with this mark first, so that only Find's
// skeleton step (and IsPrefix's) meets them: a match by skeleton stays
// known as one.
inline constexpr char kSkeletonMark = '~';
// kSkeletonMark + SkeletonKey(key) when the skeleton folds more than double
// letters (a word of six letters or more changed), else "": the keys the
// build adds (Find looks up any query's skeleton among them).
std::string SkeletonVariant(const std::string& key);

// Whether a country's place names are mostly transliterated from Arabic,
// Persian, Pashto, Urdu or Somali (ISO3 codes).
bool IsTransliteratedCountry(std::string_view iso3);

// "maarrat al numan" -> "maarat al numan": one letter for each run of the
// same letter (transliterations of Arabic double consonants at will).
std::string CollapseDoublesKey(const std::string& key);

// The index file layout (little-endian; all offsets from the file start,
// 8-byte aligned). Format version kIndexFormatVersion.
//
//   IndexHeader | string pool | EntryRec[entries] | KeyRec[names] |
//   KeyRec[countries] | KeyRec[admin1] | KeyRec[demonyms]
//
// Key tables are sorted by key bytes; within one key, the name table is in
// Find's order (most important first). Country keys are ISO3 codes, admin1
// keys "ISO3\t" + name key, demonym keys NormalizeName(word) -> country entry.
struct StrRef {
  uint32_t off;  // into the pool
  uint32_t len;
};

struct EntryRec {
  int64_t geonameid;
  double lat;
  double lon;
  int64_t population;
  float radius_km;
  uint8_t feature_class;
  uint8_t precision;
  uint8_t pad[2];
  StrRef name, country, countries, admin1, admin1_code, feature;
};
static_assert(sizeof(EntryRec) == 88);

struct KeyRec {
  uint32_t off;  // key bytes in the pool
  uint32_t len;
  uint32_t entry;
};
static_assert(sizeof(KeyRec) == 12);

// The part points of one country or province (Gazetteer::Part), in GeoPart
// order; the table is sorted by entry.
struct PartRec {
  uint32_t entry;
  float lat[kGeoPartCount];
  float lon[kGeoPartCount];
};
static_assert(sizeof(PartRec) == 4 + 8 * kGeoPartCount);

struct IndexHeader {
  char magic[8];
  uint32_t version;
  uint32_t header_size;  // sizeof(IndexHeader)
  uint64_t file_size;
  uint64_t checksum;  // FNV-1a 64 of every byte after the header
  StrRef description;
  uint64_t pool_off, pool_size;
  uint64_t entries_off, entries_count;
  uint64_t names_off, names_count;
  uint64_t countries_off, countries_count;
  uint64_t admin1_off, admin1_count;
  uint64_t demonyms_off, demonyms_count;
  uint64_t parts_off, parts_count;  // since version 2
};

struct BuildSources;

// Reads the sources and returns the bytes of an index file (gazetteer_build.cc).
StatusOr<std::string> BuildIndexImage(const BuildSources& sources,
                                      std::vector<std::string>* warnings);

}  // namespace sitrep::geo

#endif  // SITREP_GEO_NORMALIZE_INTERNAL_H_
