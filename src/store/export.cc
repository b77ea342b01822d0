#include "store/export.h"

#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <set>
#include <sstream>

#include "core/paths.h"
#include "core/strings.h"

namespace sitrep::store {
namespace {

std::string S(const json& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return "";
  return it->get<std::string>();
}
const json& O(const json& j, const char* key) {
  static const json kNull;
  if (!j.is_object()) return kNull;
  auto it = j.find(key);
  return it != j.end() && it->is_object() ? *it : kNull;
}
bool Num(const json& j, const char* key, double* v) {
  if (!j.is_object()) return false;
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return false;
  *v = it->get<double>();
  return std::isfinite(*v);
}
std::string IntStr(const json& j, const char* key) {
  double v;
  return Num(j, key, &v) ? std::to_string(static_cast<long long>(v)) : "";
}
// A coordinate or score, 6 decimals at most, no trailing zeros: 31.61 -> "31.61".
std::string Real(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}
std::string RealStr(const json& j, const char* key) {
  double v;
  return Num(j, key, &v) ? Real(v) : "";
}

// The event date: date.value, else the story date.
std::string EventDate(const json& r) {
  std::string d = S(O(r, "date"), "value");
  return d.empty() ? S(r, "doc_date") : d;
}

// "2026-11-25T14:30:00Z" -> Unix seconds; "" if malformed.
std::string UnixSeconds(const std::string& iso) {
  std::tm tm{};
  if (std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6) {
    return "";
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return std::to_string(static_cast<long long>(timegm(&tm)));
}

std::string Digits(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

// An actor's display name: canonical name, else its words.
std::string ActorName(const json& a) {
  std::string n = S(a, "name");
  return n.empty() ? S(a, "text") : n;
}

}  // namespace

const std::vector<std::string> kAcledColumns = {
    "event_id_cnty", "event_date",     "year",     "time_precision", "disorder_type",
    "event_type",    "sub_event_type", "actor1",   "assoc_actor_1",  "inter1",
    "actor2",        "assoc_actor_2",  "inter2",   "interaction",    "civilian_targeting",
    "iso",           "region",         "country",  "admin1",         "admin2",
    "admin3",        "location",       "latitude", "longitude",      "geo_precision",
    "source",        "source_scale",   "notes",    "fatalities",     "tags",
    "timestamp"};

const std::vector<std::string> kGdeltColumns = {
    "GlobalEventID",      "SQLDATE",        "Actor1Code",         "Actor1Name",
    "Actor1CountryCode",  "Actor2Code",     "Actor2Name",         "Actor2CountryCode",
    "IsRootEvent",        "EventCode",      "EventBaseCode",      "EventRootCode",
    "QuadClass",          "GoldsteinScale", "NumMentions",        "NumSources",
    "NumArticles",        "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code", "ActionGeo_Lat",  "ActionGeo_Long",     "DATEADDED",
    "SOURCEURL"};

StatusOr<std::unique_ptr<CountryTable>> CountryTable::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return NotFoundError("cannot read " + path);
  auto table = std::unique_ptr<CountryTable>(new CountryTable());
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, '\t')) f.push_back(cell);
    auto warn = [&](const std::string& why) {
      table->warnings_.push_back(StrCat({path, ":", std::to_string(n), ": ", why}));
    };
    if (f.size() != 4) {
      warn("expected 4 tab-separated columns, got " + std::to_string(f.size()));
      continue;
    }
    if (f[0].size() != 3 || Digits(f[1]) != f[1] || f[1].empty() || f[1].size() > 3) {
      warn("expected ISO3 and a numeric code: " + line);
      continue;
    }
    CountryInfo c{f[0], std::stoi(f[1]), f[2], f[3]};
    if (!table->by_iso3_.emplace(c.iso3, c).second) warn("duplicate code " + c.iso3);
  }
  return table;
}

StatusOr<std::unique_ptr<CountryTable>> CountryTable::LoadDefault() {
  return Load(DataPath("store/iso_numeric.tsv"));
}

const CountryInfo* CountryTable::Find(std::string_view iso3) const {
  auto it = by_iso3_.find(std::string(iso3));
  return it == by_iso3_.end() ? nullptr : &it->second;
}

StatusOr<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "acled-csv") return ExportFormat::kAcledCsv;
  if (name == "gdelt-tsv") return ExportFormat::kGdeltTsv;
  if (name == "geojson") return ExportFormat::kGeoJson;
  if (name == "jsonl") return ExportFormat::kJsonl;
  return InvalidArgumentError("unknown export format \"" + std::string(name) +
                              "\" (acled-csv, gdelt-tsv, geojson, jsonl)");
}

std::string CsvField(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string TsvField(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\\':
        out += "\\\\";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + CsvField(fields[i]);
  return out;
}

std::string TsvLine(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) out += (i ? "\t" : "") + TsvField(fields[i]);
  return out;
}

std::string AcledDisorderType(std::string_view type, std::string_view sub) {
  if (type == "Battles" || type == "Explosions/Remote violence" ||
      type == "Violence against civilians") {
    return "Political violence";
  }
  if (type == "Protests") {
    return sub == "Excessive force against protesters" ? "Political violence; Demonstrations"
                                                       : "Demonstrations";
  }
  if (type == "Riots") return sub == "Mob violence" ? "Political violence" : "Demonstrations";
  if (type == "Strategic developments") return "Strategic developments";
  return "";
}

int AcledInter(std::string_view sector, std::string_view type, bool is_source) {
  static const std::set<std::string_view> kState = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG"};
  static const std::set<std::string_view> kRebel = {"REB", "INS", "SEP", "IMG"};
  static const std::set<std::string_view> kMilitia = {"UAF", "MLA", "CRM"};
  static const std::set<std::string_view> kExternal = {"PKO", "IGO", "IGM"};
  if (kState.count(sector)) return 1;
  if (kRebel.count(sector)) return 2;
  if (kMilitia.count(sector)) return 3;
  if (kExternal.count(sector)) return 8;
  if (is_source && type == "Protests") return 6;
  if (is_source && type == "Riots") return 5;
  if (!sector.empty()) return 7;  // civilians, refugees, media, business, NGOs, ...
  return 0;
}

std::vector<std::string> AcledRow(const StoredEvent& e, const CountryTable& countries) {
  const json& r = e.record;
  const json& acled = O(r, "acled");
  const json& loc = O(r, "location");
  const json& src = O(r, "source");
  const json& tgt = O(r, "target");
  const json& date = O(r, "date");
  const json& fat = O(r, "fatalities");
  const json& att = O(r, "attribution");
  const std::string type = S(acled, "event_type"), sub = S(acled, "sub_event_type");
  const std::string day = EventDate(r);
  // 1 day, 2 week (or only the story date stands in), 3 month or coarser.
  std::string time_precision;
  const std::string dp = S(date, "precision");
  if (dp == "day") time_precision = S(date, "basis") == "story_date" ? "2" : "1";
  if (dp == "week") time_precision = "2";
  if (dp == "month" || dp == "year") time_precision = "3";
  const int inter1 = AcledInter(S(src, "sector"), type, true);
  const int inter2 = AcledInter(S(tgt, "sector"), type, false);
  std::string interaction;
  if (inter1 > 0 || inter2 > 0) {
    int a = inter1, b = inter2;
    if (a == 0) std::swap(a, b);
    if (b != 0 && b < a) std::swap(a, b);
    interaction = std::to_string(a * 10 + b);
  }
  std::string civilian_targeting;
  if (type == "Violence against civilians" ||
      (AcledDisorderType(type, sub).find("Political violence") == 0 && inter2 == 7)) {
    civilian_targeting = "Civilian targeting";
  }
  const std::string iso3 = S(loc, "country");
  const CountryInfo* c = iso3.empty() ? nullptr : countries.Find(iso3);
  std::string geo_precision;
  const std::string p = S(loc, "precision");
  if (p == "point" || p == "city") geo_precision = "1";
  if (p == "admin1" || p == "feature") geo_precision = "2";
  if (p == "country") geo_precision = "3";
  std::string source = e.doc_source;
  if (source.empty()) source = e.doc_url;
  if (source.empty()) source = S(r, "doc_id");
  std::string tags;
  auto tag = [&](const std::string& t) { tags += (tags.empty() ? "" : "; ") + t; };
  if (std::string st = S(att, "status"); !st.empty()) {
    std::string by = S(att, "text");
    tag("attribution=" + st + (by.empty() ? "" : " by " + by));
  }
  if (std::string q = S(fat, "qualifier"); !q.empty()) tag("fatalities=" + q);
  if (std::string m = S(r, "modality"); !m.empty() && m != "factual") tag("modality=" + m);
  if (r.is_object() && r.contains("negated") && r["negated"] == true) tag("negated");
  tag("cameo=" + S(r, "cameo"));
  std::string fatalities = IntStr(fat, "count");
  return {S(r, "id"),
          day,
          day.size() >= 4 ? day.substr(0, 4) : "",
          time_precision,
          AcledDisorderType(type, sub),
          type,
          sub,
          ActorName(src),
          "",
          inter1 ? std::to_string(inter1) : "",
          ActorName(tgt),
          "",
          inter2 ? std::to_string(inter2) : "",
          interaction,
          civilian_targeting,
          c ? std::to_string(c->numeric) : "",
          c ? c->region : "",
          c ? c->name : iso3,
          S(loc, "admin1"),
          "",
          "",
          S(loc, "name").empty() ? S(loc, "text") : S(loc, "name"),
          RealStr(loc, "lat"),
          RealStr(loc, "lon"),
          geo_precision,
          source,
          "",
          S(r, "sentence"),
          fatalities.empty() ? "0" : fatalities,
          tags,
          UnixSeconds(e.ingested_at)};
}

std::vector<std::string> GdeltRow(const StoredEvent& e) {
  const json& r = e.record;
  const json& src = O(r, "source");
  const json& tgt = O(r, "target");
  const json& loc = O(r, "location");
  auto code = [](const json& a) {
    std::string c = S(a, "code");
    while (!c.empty() && c[0] == '-') c.erase(0, 1);  // "---REB" -> "REB"
    return c;
  };
  const std::string cameo = S(r, "cameo");
  const std::string iso3 = S(loc, "country");
  const std::string p = S(loc, "precision");
  // 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1).
  std::string geo_type;
  if (p == "country") geo_type = "1";
  if (p == "admin1" || p == "feature") geo_type = iso3 == "USA" ? "2" : "5";
  if (p == "city" || p == "point") geo_type = iso3 == "USA" ? "3" : "4";
  std::string full_name;
  for (const std::string& part : {S(loc, "name"), S(loc, "admin1"), iso3}) {
    if (part.empty() || full_name.find(part) != std::string::npos) continue;
    full_name += (full_name.empty() ? "" : ", ") + part;
  }
  double sentence_index = 0;
  const bool root = Num(r, "sentence_index", &sentence_index) && sentence_index <= 1;
  std::string added = Digits(e.ingested_at);
  std::string url = e.doc_url.empty() ? S(r, "doc_id") : e.doc_url;
  return {std::to_string(e.rowid),
          Digits(EventDate(r)),
          code(src),
          ActorName(src),
          S(src, "country"),
          code(tgt),
          ActorName(tgt),
          S(tgt, "country"),
          root ? "1" : "0",
          cameo,
          cameo.substr(0, std::min<size_t>(3, cameo.size())),
          S(r, "cameo_root"),
          IntStr(r, "quad_class"),
          RealStr(r, "goldstein"),
          "1",
          "1",
          "1",
          geo_type.empty() ? "0" : geo_type,
          full_name,
          iso3,
          S(loc, "admin1"),
          RealStr(loc, "lat"),
          RealStr(loc, "lon"),
          added,
          url};
}

Status Export(const Store& store, const QueryFilter& filter, ExportFormat format,
              const CountryTable& countries, std::ostream& out, size_t* rows) {
  size_t n = 0;
  Status s = OkStatus();
  switch (format) {
    case ExportFormat::kAcledCsv:
      out << CsvLine(kAcledColumns) << "\r\n";
      s = store.Scan(filter, [&](StoredEvent&& e) {
        out << CsvLine(AcledRow(e, countries)) << "\r\n";
        ++n;
        return OkStatus();
      });
      break;
    case ExportFormat::kGdeltTsv:
      out << TsvLine(kGdeltColumns) << '\n';
      s = store.Scan(filter, [&](StoredEvent&& e) {
        out << TsvLine(GdeltRow(e)) << '\n';
        ++n;
        return OkStatus();
      });
      break;
    case ExportFormat::kJsonl:
      s = store.Scan(filter, [&](StoredEvent&& e) {
        out << e.record.dump() << '\n';
        ++n;
        return OkStatus();
      });
      break;
    case ExportFormat::kGeoJson: {
      // Streamed: one feature per line inside the collection.
      out << "{\"type\":\"FeatureCollection\",\"features\":[";
      s = store.ScanIncidents(filter, [&](const Incident& in) {
        if (!in.lat || !in.lon) return OkStatus();
        json f;
        f["type"] = "Feature";
        f["id"] = in.id;
        f["geometry"] = {{"type", "Point"}, {"coordinates", {*in.lon, *in.lat}}};
        auto opt = [](const std::string& v) { return v.empty() ? json(nullptr) : json(v); };
        auto opt_int = [](const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); };
        f["properties"] = {{"incident_id", in.id},
                           {"date_first", opt(in.date_first)},
                           {"date_last", opt(in.date_last)},
                           {"country", opt(in.country)},
                           {"admin1", opt(in.admin1)},
                           {"location", opt(in.location)},
                           {"precision", opt(in.precision)},
                           {"event_family", opt(in.event_family)},
                           {"event_types", opt(in.event_types)},
                           {"fatalities_low", opt_int(in.fatalities_low)},
                           {"fatalities_best", opt_int(in.fatalities_best)},
                           {"fatalities_high", opt_int(in.fatalities_high)},
                           {"n_events", in.n_events},
                           {"n_documents", in.n_documents}};
        out << (n ? ",\n" : "\n") << f.dump();
        ++n;
        return OkStatus();
      });
      out << "\n]}\n";
      break;
    }
  }
  if (rows) *rows = n;
  if (!s.ok()) return s;
  if (!out) return IoError("export: write failed");
  return OkStatus();
}

}  // namespace sitrep::store
