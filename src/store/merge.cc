#include "store/merge.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "timex/date_math.h"

namespace sitrep::store {
namespace {

using json = nlohmann::ordered_json;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool EqualsIgnoreCase(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// Where a place sits: the radius its coordinates stand for.
double RadiusKm(PlacePrecision p, const MergeParams& params) {
  switch (p) {
    case PlacePrecision::kPoint:
    case PlacePrecision::kCity:
      return params.point_km;
    case PlacePrecision::kFeature:
      return params.feature_km;
    case PlacePrecision::kAdmin1:
      return params.admin1_km;
    default:
      return params.feature_km;
  }
}

// --- Actors ------------------------------------------------------------------

enum class Relation { kNeutral, kSame, kConflict };

bool IsNonStateArmed(const std::string& sector) {
  return sector == "INS" || sector == "REB" || sector == "MLA" || sector == "SEP" ||
         sector == "UAF" || sector == "IMG";
}

// "---UAF": no country and nothing beyond the sector.
bool IsGeneric(const ActorKey& a) {
  return a.name.empty() && (a.code.empty() || a.code.rfind("---", 0) == 0) && a.country.empty();
}

Relation CompareActors(const ActorKey& a, const ActorKey& b) {
  if (!a.known() || !b.known() || IsGeneric(a) || IsGeneric(b)) return Relation::kNeutral;
  if (!a.name.empty() && EqualsIgnoreCase(a.name, b.name)) return Relation::kSame;
  if (!a.code.empty() && a.code == b.code) return Relation::kSame;
  // Two specific non-state groups: "AFGINSTAL" vs "AFGINSISI". States of
  // different countries are not a conflict: wires disagree on whose jets
  // ("Syrian or Russian warplanes").
  const bool a_group = a.code.size() > 6 || !a.name.empty();
  const bool b_group = b.code.size() > 6 || !b.name.empty();
  if (a_group && b_group && IsNonStateArmed(a.sector) && IsNonStateArmed(b.sector)) {
    const bool prefix = !a.code.empty() && !b.code.empty() &&
                        (a.code.rfind(b.code, 0) == 0 || b.code.rfind(a.code, 0) == 0);
    if (!prefix) return Relation::kConflict;
  }
  return Relation::kNeutral;
}

struct ActorMatch {
  bool conflict = false;
  int same = 0;
  std::string reason;
};

ActorMatch MatchActors(const MergeKey& a, const MergeKey& b) {
  auto orient = [](const ActorKey& s1, const ActorKey& s2, const ActorKey& t1, const ActorKey& t2) {
    ActorMatch m;
    for (auto [x, y] : {std::pair{&s1, &s2}, std::pair{&t1, &t2}}) {
      Relation r = CompareActors(*x, *y);
      if (r == Relation::kSame) ++m.same;
      if (r == Relation::kConflict && !m.conflict) {
        m.conflict = true;
        m.reason = "actors " + (x->code.empty() ? x->name : x->code) + " vs " +
                   (y->code.empty() ? y->name : y->code);
      }
    }
    return m;
  };
  ActorMatch direct = orient(a.source, b.source, a.target, b.target);
  ActorMatch crossed = orient(a.source, b.target, a.target, b.source);
  // Crossed roles need evidence: an actor both reports name, on swapped sides.
  if (!crossed.conflict && crossed.same > direct.same) return crossed;
  return direct;
}

// --- Place and date ----------------------------------------------------------

// "" when the places can be one, else why not. `km` gets the distance when
// both have coordinates (else -1).
std::string PlaceConflict(const MergeKey& a, const MergeKey& b, const MergeParams& params,
                          double* km) {
  *km = -1;
  if (!a.country.empty() && !b.country.empty() && a.country != b.country) {
    return "place: country " + a.country + " vs " + b.country;
  }
  if (a.precision == PlacePrecision::kCountry || b.precision == PlacePrecision::kCountry) {
    return "";
  }
  const bool a_admin = a.precision == PlacePrecision::kAdmin1;
  const bool b_admin = b.precision == PlacePrecision::kAdmin1;
  if ((a_admin || b_admin) && !a.admin1.empty() && !b.admin1.empty()) {
    if (!EqualsIgnoreCase(a.admin1, b.admin1)) {
      return "place: admin1 " + a.admin1 + " vs " + b.admin1;
    }
    if (a.has_coords && b.has_coords) *km = DistanceKm(a.lat, a.lon, b.lat, b.lon);
    return "";
  }
  if (!a.has_coords || !b.has_coords) return "";
  *km = DistanceKm(a.lat, a.lon, b.lat, b.lon);
  const double radius = std::max(RadiusKm(a.precision, params), RadiusKm(b.precision, params));
  if (*km > radius) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "place: %.0f km > %.0f km", *km, radius);
    return buf;
  }
  return "";
}

int64_t DayGap(const MergeKey& a, const MergeKey& b) {
  return std::max<int64_t>(0, std::max(a.day_lo, b.day_lo) - std::min(a.day_hi, b.day_hi));
}

}  // namespace

std::optional<int64_t> DaysFromIso(const std::string& s) {
  // Exactly "YYYY-MM-DD" (ParseIsoDate also takes a timestamp's date).
  if (s.size() != 10) return std::nullopt;
  std::optional<timex::CivilDate> d = timex::ParseIsoDate(s);
  if (!d) return std::nullopt;
  return timex::DaysFromCivil(*d);
}

std::string IsoFromDays(int64_t days) { return timex::FormatIsoDays(days); }

const char* FamilyName(Family f) {
  switch (f) {
    case Family::kBattle:
      return "Battle";
    case Family::kRemoteViolence:
      return "Remote violence";
    case Family::kCivilianViolence:
      return "Violence against civilians";
    case Family::kProtest:
      return "Protest";
    case Family::kCoercion:
      return "Coercion";
    case Family::kPosture:
      return "Force posture";
    case Family::kOther:
      return "Other";
    case Family::kUnknown:
      break;
  }
  return "Unknown";
}

Family FamilyOf(const std::string& cameo, const std::string& acled) {
  const std::string a = Lower(acled);
  if (a == "battles") return Family::kBattle;
  if (a == "explosions/remote violence") return Family::kRemoteViolence;
  if (a == "violence against civilians") return Family::kCivilianViolence;
  if (a == "protests" || a == "riots") return Family::kProtest;
  if (cameo.size() < 2) return Family::kUnknown;
  const std::string root = cameo.substr(0, 2);
  const std::string base = cameo.substr(0, std::min<size_t>(3, cameo.size()));
  if (root == "14") return Family::kProtest;
  if (root == "15") return Family::kPosture;
  if (root == "17") return Family::kCoercion;
  if (root == "18") return base == "183" ? Family::kRemoteViolence : Family::kCivilianViolence;
  if (root == "19") {
    return base == "194" || base == "195" ? Family::kRemoteViolence : Family::kBattle;
  }
  if (root == "20") return Family::kCivilianViolence;
  return Family::kOther;
}

bool IsViolent(Family f) {
  return f == Family::kBattle || f == Family::kRemoteViolence || f == Family::kCivilianViolence;
}

bool FamiliesCompatible(Family a, Family b) {
  if (a == Family::kUnknown || b == Family::kUnknown) return false;
  if (IsViolent(a) && IsViolent(b)) return true;
  auto protest_side = [](Family f) { return f == Family::kProtest || f == Family::kCoercion; };
  if (protest_side(a) && protest_side(b)) return true;
  return a == b;
}

PlacePrecision PlacePrecisionOf(const std::string& s) {
  if (s == "point") return PlacePrecision::kPoint;
  if (s == "city") return PlacePrecision::kCity;
  if (s == "feature") return PlacePrecision::kFeature;
  if (s == "admin1") return PlacePrecision::kAdmin1;
  if (s == "country") return PlacePrecision::kCountry;
  return PlacePrecision::kNone;
}

bool DayRangeOf(const std::string& value, const std::string& precision, const std::string& basis,
                const MergeParams& params, int64_t* lo, int64_t* hi) {
  std::optional<int64_t> d = DaysFromIso(value);
  if (!d) return false;
  *lo = *hi = *d;
  if (precision == "week") {
    *hi = *d + 6;
  } else if (precision == "month") {
    const timex::CivilDate c = timex::CivilFromDays(*d);
    *lo = timex::DaysFromCivil({c.year, c.month, 1});
    *hi = *lo + timex::DaysInMonth(c.year, c.month) - 1;
  } else if (precision == "year") {
    const int year = timex::CivilFromDays(*d).year;
    *lo = timex::DaysFromCivil({year, 1, 1});
    *hi = timex::DaysFromCivil({year, 12, 31});
  } else if (basis != "text") {
    // The story date, or the last date of the paragraph, stands in.
    *lo = *d - params.story_lookback_days;
  }
  return true;
}

double DistanceKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kEarthKm = 6371.0088;
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  const double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  const double h =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthKm * std::asin(std::sqrt(std::min(1.0, h)));
}

MergeKey KeyFromFields(const MergeFields& f, const MergeParams& params) {
  MergeKey k;
  k.doc_id = f.doc_id;
  k.family = FamilyOf(f.cameo, f.acled_event_type);
  k.cameo = f.cameo;
  k.cameo_root = f.cameo.substr(0, std::min<size_t>(2, f.cameo.size()));
  k.source = f.source;
  k.target = f.target;
  k.precision = PlacePrecisionOf(f.precision);
  if (f.lat && f.lon && std::isfinite(*f.lat) && std::isfinite(*f.lon) && std::abs(*f.lat) <= 90 &&
      std::abs(*f.lon) <= 180) {
    k.has_coords = true;
    k.lat = *f.lat;
    k.lon = *f.lon;
  }
  k.country = f.country;
  k.admin1 = f.admin1;
  const std::string& value = f.date.empty() ? f.doc_date : f.date;
  const std::string basis = f.date.empty() ? "story_date" : f.date_basis;
  const std::string precision = f.date_precision.empty() ? "day" : f.date_precision;
  k.has_date = DayRangeOf(value, precision, basis, params, &k.day_lo, &k.day_hi);
  k.text_dated_day = k.has_date && precision == "day" && basis == "text";
  k.fatalities = f.fatalities;
  return k;
}

bool MergesAcrossDocuments(const MergeKey& k, const MergeParams& params) {
  if (k.family == Family::kUnknown || (k.family == Family::kOther && k.source.code.empty())) {
    return false;
  }
  return k.has_place() && k.has_date && k.day_hi - k.day_lo + 1 <= params.max_range_days;
}

int64_t FamilyClass(const MergeKey& k) {
  if (IsViolent(k.family)) return 1;
  if (k.family == Family::kProtest || k.family == Family::kCoercion) return 2;
  if (k.family == Family::kPosture) return 3;
  if (k.family != Family::kOther) return 0;
  int64_t root = 0;
  for (char c : k.cameo_root)
    root = root * 10 + (std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : 0);
  // FNV-1a of the source code, folded below 100,000.
  uint64_t h = 1469598103934665603ULL;
  for (char c : k.source.code) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return 1000 + root * 100000 + static_cast<int64_t>(h % 99991);
}

MergeKey KeyFromRecord(const json& r, const MergeParams& params) {
  auto str = [](const json& j, const char* key) -> std::string {
    if (!j.is_object()) return "";
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : "";
  };
  auto obj = [](const json& j, const char* key) -> const json& {
    static const json kNull;
    if (!j.is_object()) return kNull;
    auto it = j.find(key);
    return it != j.end() && it->is_object() ? *it : kNull;
  };
  auto num = [](const json& j, const char* key) -> std::optional<double> {
    if (!j.is_object()) return std::nullopt;
    auto it = j.find(key);
    if (it == j.end() || !it->is_number()) return std::nullopt;
    return it->get<double>();
  };
  MergeFields f;
  f.doc_id = str(r, "doc_id");
  f.doc_date = str(r, "doc_date");
  const json& date = obj(r, "date");
  f.date = str(date, "value");
  f.date_precision = str(date, "precision");
  f.date_basis = str(date, "basis");
  f.cameo = str(r, "cameo");
  f.plover = str(obj(r, "plover"), "event");
  f.acled_event_type = str(obj(r, "acled"), "event_type");
  for (auto [role, out] : {std::pair{"source", &f.source}, std::pair{"target", &f.target}}) {
    const json& a = obj(r, role);
    *out = {str(a, "code"), str(a, "country"), str(a, "sector"), str(a, "name")};
  }
  const json& loc = obj(r, "location");
  f.lat = num(loc, "lat");
  f.lon = num(loc, "lon");
  f.precision = str(loc, "precision");
  f.country = str(loc, "country");
  f.admin1 = str(loc, "admin1");
  if (std::optional<double> n = num(obj(r, "fatalities"), "count")) {
    f.fatalities = static_cast<int64_t>(*n);
  }
  return KeyFromFields(f, params);
}

std::string Explain(const MergeKey& a, const MergeKey& b, const MergeParams& params) {
  const bool same_doc = !a.doc_id.empty() && a.doc_id == b.doc_id;
  if (!FamiliesCompatible(a.family, b.family)) {
    return std::string("family ") + FamilyName(a.family) + " vs " + FamilyName(b.family);
  }
  if (a.family == Family::kOther || b.family == Family::kOther) {
    if (a.cameo_root != b.cameo_root)
      return "family: CAMEO root " + a.cameo_root + " vs " + b.cameo_root;
    if (a.source.code.empty() || a.source.code != b.source.code) {
      return "family: a verbal event needs the same known source";
    }
  }
  if (!same_doc) {
    if (!a.has_place() || !b.has_place()) return "no place";
    if (!a.has_date || !b.has_date) return "no date";
    if (!MergesAcrossDocuments(a, params) || !MergesAcrossDocuments(b, params)) {
      return "date range too wide";
    }
  }
  if (a.has_date && b.has_date) {
    const int64_t gap = DayGap(a, b);
    if (gap > params.day_slack) {
      return "date: " + IsoFromDays(a.day_lo) + ".." + IsoFromDays(a.day_hi) + " vs " +
             IsoFromDays(b.day_lo) + ".." + IsoFromDays(b.day_hi);
    }
    if (same_doc && a.text_dated_day && b.text_dated_day && a.day_lo != b.day_lo) {
      return "date: one document, two days";
    }
  }
  double km;
  if (std::string p = PlaceConflict(a, b, params, &km); !p.empty()) return p;
  ActorMatch m = MatchActors(a, b);
  if (m.conflict) return m.reason;
  return "";
}

bool Compatible(const MergeKey& a, const MergeKey& b, const MergeParams& params) {
  return Explain(a, b, params).empty();
}

double Similarity(const MergeKey& a, const MergeKey& b, const MergeParams& params) {
  double s = 0;
  if (!a.doc_id.empty() && a.doc_id == b.doc_id) s += 1.5;
  if (a.has_date && b.has_date) {
    s += 1.0 - 0.5 * static_cast<double>(DayGap(a, b));
    if (a.text_dated_day && b.text_dated_day && a.day_lo == b.day_lo) s += 0.25;
  }
  double km;
  if (PlaceConflict(a, b, params, &km).empty() && km >= 0) {
    const double radius = std::max(RadiusKm(a.precision, params), RadiusKm(b.precision, params));
    s += std::clamp(1.0 - km / radius, 0.0, 1.0);
  }
  if (!a.admin1.empty() && EqualsIgnoreCase(a.admin1, b.admin1)) s += 0.3;
  s += 0.6 * MatchActors(a, b).same;
  if (a.family == b.family) s += 0.3;
  if (!a.cameo.empty() && a.cameo == b.cameo) s += 0.2;
  if (a.fatalities && b.fatalities && *a.fatalities > 0 && *a.fatalities == *b.fatalities) {
    s += 0.3;
  }
  return s;
}

Decision Decide(const MergeKey& event, const std::vector<Candidate>& candidates,
                const MergeParams& params) {
  Decision d;
  std::vector<std::pair<double, size_t>> fits;  // (-mean similarity, index)
  for (size_t i = 0; i < candidates.size(); ++i) {
    const Candidate& c = candidates[i];
    if (c.members.empty()) continue;
    bool ok = true, own_document = false;
    double sum = 0;
    for (const MergeKey& m : c.members) {
      if (!Compatible(event, m, params)) {
        ok = false;
        break;
      }
      sum += Similarity(event, m, params);
      own_document = own_document || (!m.doc_id.empty() && m.doc_id == event.doc_id);
    }
    // A headline belongs with its own story's happening: an incident that
    // holds an event of the same document gets the document bonus once more,
    // undiluted by its other members.
    const double score = sum / static_cast<double>(c.members.size()) + (own_document ? 1.5 : 0);
    if (ok) fits.push_back({-score, i});
  }
  if (fits.empty()) return d;
  std::sort(fits.begin(), fits.end(), [&](const auto& x, const auto& y) {
    if (x.first != y.first) return x.first < y.first;
    return candidates[x.second].id < candidates[y.second].id;
  });
  const Candidate& best = candidates[fits[0].second];
  d.incident = best.id;
  std::vector<const Candidate*> joined = {&best};
  for (size_t f = 1; f < fits.size(); ++f) {
    const Candidate& c = candidates[fits[f].second];
    bool ok = true;
    for (const Candidate* j : joined) {
      for (const MergeKey& x : j->members) {
        for (const MergeKey& y : c.members) {
          if (!Compatible(x, y, params)) {
            ok = false;
            break;
          }
        }
        if (!ok) break;
      }
      if (!ok) break;
    }
    if (ok) {
      d.absorb.push_back(c.id);
      joined.push_back(&c);
    }
  }
  return d;
}

std::vector<int> ClusterKeys(const std::vector<MergeKey>& keys, const MergeParams& params) {
  std::vector<int> cluster_of(keys.size(), -1);
  std::vector<Candidate> clusters;  // id = index + 1; emptied when absorbed
  for (size_t i = 0; i < keys.size(); ++i) {
    Decision d = Decide(keys[i], clusters, params);
    size_t target;
    if (d.incident == 0) {
      clusters.push_back({static_cast<int64_t>(clusters.size() + 1), {}});
      target = clusters.size() - 1;
    } else {
      target = static_cast<size_t>(d.incident - 1);
    }
    clusters[target].members.push_back(keys[i]);
    cluster_of[i] = static_cast<int>(target);
    for (int64_t a : d.absorb) {
      const size_t from = static_cast<size_t>(a - 1);
      for (MergeKey& k : clusters[from].members) clusters[target].members.push_back(std::move(k));
      clusters[from].members.clear();
      for (int& c : cluster_of) {
        if (c == static_cast<int>(from)) c = static_cast<int>(target);
      }
    }
  }
  // Renumber in order of first appearance.
  std::map<int, int> renumber;
  for (int& c : cluster_of) {
    auto it = renumber.emplace(c, static_cast<int>(renumber.size())).first;
    c = it->second;
  }
  return cluster_of;
}

FatalityRange AggregateFigures(const std::vector<Figure>& figures) {
  FatalityRange r;
  // One figure per voice of a document: its largest (a toll that rises in
  // the story keeps the last, largest count). A document that quotes two
  // voices with different tolls (police 4, the Taliban 12) gives both; the
  // same count from two voices of one document is one figure.
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  std::map<std::pair<std::string, std::string>, size_t> by_voice;  // (doc, source) -> index
  for (const Figure& f : figures) {
    if (f.count < 0) continue;
    auto [it, fresh] =
        by_voice.emplace(std::make_pair(f.doc_id, lower(f.source)), r.figures.size());
    if (fresh) {
      r.figures.push_back(f);
    } else if (f.count > r.figures[it->second].count) {
      r.figures[it->second] = f;
    }
  }
  {
    std::set<std::pair<std::string, int64_t>> seen;  // (doc, count)
    std::vector<Figure> kept;
    for (Figure& f : r.figures) {
      if (seen.emplace(f.doc_id, f.count).second) kept.push_back(std::move(f));
    }
    r.figures = std::move(kept);
  }
  if (r.figures.empty()) return r;
  std::stable_sort(r.figures.begin(), r.figures.end(), [](const Figure& a, const Figure& b) {
    if (a.count != b.count) return a.count < b.count;
    return a.doc_id < b.doc_id;
  });
  const int n = static_cast<int>(r.figures.size());
  r.low_index = 0;
  r.high_index = n - 1;
  // The figure most documents give, when one leads strictly (after the
  // de-duplication above, each document votes at most once for a count).
  std::map<int64_t, int> votes;
  for (const Figure& f : r.figures) ++votes[f.count];
  int top = 0, top_count = 0;
  int64_t top_value = 0;
  for (const auto& [value, v] : votes) {
    if (v > top) {
      top = v;
      top_value = value;
      top_count = 1;
    } else if (v == top) {
      ++top_count;
    }
  }
  if (top_count == 1 && top > 1) {
    for (int i = 0; i < n; ++i) {
      if (r.figures[i].count == top_value) {
        r.best_index = i;
        break;
      }
    }
  } else {
    r.best_index = (n - 1) / 2;
  }
  r.low = r.figures[r.low_index].count;
  r.best = r.figures[r.best_index].count;
  r.high = r.figures[r.high_index].count;
  return r;
}

}  // namespace sitrep::store
