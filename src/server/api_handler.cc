// ApiHandler: the endpoints of docs/api.md as plain request -> response
// functions (no sockets; api_server.cc puts cpp-httplib around them).
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string_view>
#include <system_error>

#include "core/binary_io.h"
#include "io/formats.h"
#include "server/api_server.h"

namespace sitrep::server {

using store::json;

namespace {

constexpr int64_t kDefaultLimit = 100;
constexpr int64_t kMaxLimit = 10000;
constexpr size_t kMaxParamBytes = 1000;
constexpr uintmax_t kMaxStaticFileBytes = 256u << 20;

// Serialises API JSON; invalid UTF-8 (never expected: stored text is
// repaired at ingest) becomes U+FFFD instead of an exception.
std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

Response JsonResponse(int status, const json& j) {
  Response r;
  r.status = status;
  r.body = Dump(j);
  return r;
}

int HttpStatus(const Status& s) {
  switch (s.code()) {
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kResourceExhausted:
      return 413;
    case StatusCode::kUnimplemented:
      return 501;
    default:
      return 500;
  }
}

Response StatusResponse(const Status& s) { return ErrorResponse(HttpStatus(s), s.message()); }

// "" -> null, else the string.
json OrNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
template <typename T>
json OrNull(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

const std::string* Param(const std::multimap<std::string, std::string>& params,
                         const std::string& name) {
  auto it = params.find(name);
  return it == params.end() ? nullptr : &it->second;
}

bool IsBlank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

Status Bad(const std::string& name, const std::string& why) {
  return InvalidArgumentError("bad '" + name + "': " + why);
}

// "1.5,-2,3e1" -> {1.5, -2, 30}; exactly `n` finite numbers.
StatusOr<std::vector<double>> Numbers(const std::string& name, const std::string& value, size_t n) {
  std::vector<double> out;
  const std::string why = "expected " + std::to_string(n) + " comma-separated numbers";
  size_t pos = 0;
  while (pos <= value.size()) {
    size_t comma = value.find(',', pos);
    if (comma == std::string::npos) comma = value.size();
    std::string_view cell(value.data() + pos, comma - pos);
    while (!cell.empty() && std::isspace(static_cast<unsigned char>(cell.front()))) {
      cell.remove_prefix(1);
    }
    while (!cell.empty() && std::isspace(static_cast<unsigned char>(cell.back()))) {
      cell.remove_suffix(1);
    }
    if (!cell.empty() && cell.front() == '+') cell.remove_prefix(1);
    double v = 0;
    auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
    if (cell.empty() || ec != std::errc() || end != cell.data() + cell.size() ||
        !std::isfinite(v)) {
      return Bad(name, why);
    }
    out.push_back(v);
    pos = comma + 1;
  }
  if (out.size() != n) return Bad(name, why);
  return out;
}

StatusOr<int64_t> Integer(const std::string& name, const std::string& value, int64_t min,
                          int64_t max) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (value.empty() || ec != std::errc() || end != value.data() + value.size() || v < min ||
      v > max) {
    return Bad(name,
               "expected an integer from " + std::to_string(min) + " to " + std::to_string(max));
  }
  return v;
}

json RecordWithIncident(store::StoredEvent& e) {
  json r = std::move(e.record);
  if (r.is_object()) r["incident_id"] = e.incident_id;
  return r;
}

std::string StringField(const json& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

constexpr const char* kNotBuiltPage =
    "<!doctype html><html><head><meta charset=\"utf-8\"><title>sitrep</title></head><body>"
    "<h1>sitrep serve</h1><p>The web page's assets were not built: run <code>make web</code> "
    "(or pass <code>--web DIR</code>). The JSON API is at <a href=\"/api\">/api</a>.</p>"
    "</body></html>\n";

}  // namespace

std::multimap<std::string, std::string> ParseQueryString(std::string_view query) {
  auto decode = [](std::string_view s) {
    std::string out;
    out.reserve(s.size());
    auto hex = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '+') {
        out += ' ';
      } else if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
        out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
        i += 2;
      } else {
        out += s[i];
      }
    }
    return out;
  };
  std::multimap<std::string, std::string> params;
  size_t pos = 0;
  while (pos <= query.size()) {
    size_t amp = query.find('&', pos);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view pair = query.substr(pos, amp - pos);
    pos = amp + 1;
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    if (eq == std::string_view::npos) {
      params.emplace(decode(pair), "");
    } else {
      params.emplace(decode(pair.substr(0, eq)), decode(pair.substr(eq + 1)));
    }
  }
  return params;
}

Response ErrorResponse(int status, const std::string& message) {
  json j = {{"error", {{"code", status}, {"message", message}}}};
  return JsonResponse(status, j);
}

std::string ContentTypeForPath(const std::string& path) {
  static const std::map<std::string, std::string> kTypes = {
      {"html", "text/html; charset=utf-8"},
      {"htm", "text/html; charset=utf-8"},
      {"js", "application/javascript; charset=utf-8"},
      {"mjs", "application/javascript; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"json", "application/json; charset=utf-8"},
      {"geojson", "application/geo+json; charset=utf-8"},
      {"map", "application/json; charset=utf-8"},
      {"txt", "text/plain; charset=utf-8"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"gif", "image/gif"},
      {"ico", "image/x-icon"},
      {"woff", "font/woff"},
      {"woff2", "font/woff2"},
      {"ttf", "font/ttf"},
      {"pbf", "application/x-protobuf"},
      {"wasm", "application/wasm"},
  };
  const size_t slash = path.find_last_of('/');
  const size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) {
    return "application/octet-stream";
  }
  std::string ext = path.substr(dot + 1);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto it = kTypes.find(ext);
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

StatusOr<store::QueryFilter> FilterFromParams(
    const std::multimap<std::string, std::string>& params) {
  store::QueryFilter f;
  f.limit = kDefaultLimit;
  // An empty or blank parameter is absent (a form's empty field).
  auto get = [&](const char* name) -> StatusOr<std::string> {
    const std::string* v = Param(params, name);
    if (!v || IsBlank(*v)) return std::string();
    if (v->size() > kMaxParamBytes) {
      return Bad(name, "longer than " + std::to_string(kMaxParamBytes) + " bytes");
    }
    return *v;
  };
  for (const char* name : {"from", "to"}) {
    SITREP_ASSIGN_OR_RETURN(std::string v, get(name));
    if (v.empty()) continue;
    if (Status s = ValidateDate(v); !s.ok()) return Bad(name, s.message());
    (std::string_view(name) == "from" ? f.from : f.to) = v;
  }
  SITREP_ASSIGN_OR_RETURN(f.country, get("country"));
  if (!f.country.empty() &&
      (f.country.size() != 3 || !std::all_of(f.country.begin(), f.country.end(), [](char c) {
         return std::isalpha(static_cast<unsigned char>(c));
       }))) {
    return Bad("country", "expected an ISO 3166-1 alpha-3 code (AFG)");
  }
  SITREP_ASSIGN_OR_RETURN(f.admin1, get("admin1"));
  SITREP_ASSIGN_OR_RETURN(std::string bbox, get("bbox"));
  if (!bbox.empty()) {
    SITREP_ASSIGN_OR_RETURN(std::vector<double> b, Numbers("bbox", bbox, 4));
    if (std::abs(b[0]) > 180 || std::abs(b[2]) > 180 || std::abs(b[1]) > 90 ||
        std::abs(b[3]) > 90 || b[1] > b[3]) {
      return Bad("bbox", "expected minLon,minLat,maxLon,maxLat within -180..180 and -90..90");
    }
    f.min_lon = b[0];
    f.min_lat = b[1];
    f.max_lon = b[2];
    f.max_lat = b[3];
  }
  SITREP_ASSIGN_OR_RETURN(std::string near, get("near"));
  if (!near.empty()) {
    SITREP_ASSIGN_OR_RETURN(std::vector<double> n, Numbers("near", near, 3));
    if (std::abs(n[0]) > 90 || std::abs(n[1]) > 180 || n[2] < 0) {
      return Bad("near", "expected lat,lon,km with lat in -90..90, lon in -180..180, km >= 0");
    }
    f.near_lat = n[0];
    f.near_lon = n[1];
    f.near_km = n[2];
  }
  SITREP_ASSIGN_OR_RETURN(f.actor, get("actor"));
  SITREP_ASSIGN_OR_RETURN(f.cameo, get("cameo"));
  if (!f.cameo.empty() &&
      (f.cameo.size() > 4 || !std::all_of(f.cameo.begin(), f.cameo.end(), [](char c) {
         return std::isdigit(static_cast<unsigned char>(c));
       }))) {
    return Bad("cameo", "expected a CAMEO code prefix of 1 to 4 digits (19, 190)");
  }
  SITREP_ASSIGN_OR_RETURN(f.plover, get("plover"));
  SITREP_ASSIGN_OR_RETURN(f.acled, get("acled"));
  SITREP_ASSIGN_OR_RETURN(std::string min_fatalities, get("min_fatalities"));
  if (!min_fatalities.empty()) {
    SITREP_ASSIGN_OR_RETURN(f.min_fatalities,
                            Integer("min_fatalities", min_fatalities, 0, 1'000'000'000));
  }
  SITREP_ASSIGN_OR_RETURN(f.text, get("q"));
  f.text_syntax = store::QueryFilter::TextSyntax::kWords;
  SITREP_ASSIGN_OR_RETURN(std::string limit, get("limit"));
  if (!limit.empty()) {
    SITREP_ASSIGN_OR_RETURN(f.limit, Integer("limit", limit, 0, kMaxLimit));
  }
  SITREP_ASSIGN_OR_RETURN(std::string offset, get("offset"));
  if (!offset.empty()) {
    SITREP_ASSIGN_OR_RETURN(f.offset, Integer("offset", offset, 0, int64_t{1} << 40));
  }
  return f;
}

json IncidentJson(const store::Incident& in) {
  return {{"id", in.id},
          {"date_first", OrNull(in.date_first)},
          {"date_last", OrNull(in.date_last)},
          {"lat", OrNull(in.lat)},
          {"lon", OrNull(in.lon)},
          {"country", OrNull(in.country)},
          {"admin1", OrNull(in.admin1)},
          {"location", OrNull(in.location)},
          {"precision", OrNull(in.precision)},
          {"event_family", OrNull(in.event_family)},
          {"event_types", OrNull(in.event_types)},
          {"fatalities_low", OrNull(in.fatalities_low)},
          {"fatalities_best", OrNull(in.fatalities_best)},
          {"fatalities_high", OrNull(in.fatalities_high)},
          {"n_events", in.n_events},
          {"n_documents", in.n_documents}};
}

// ---------------------------------------------------------------------------
// Read stores: one per concurrent request, kept for reuse. A lease returns
// its store to the pool when released; the pool outlives every lease (the
// handler owns it and requests finish before the handler is destroyed).

class ApiHandler::StorePool {
 public:
  StorePool(std::string db, size_t keep) : db_(std::move(db)), keep_(keep) {}

  StatusOr<std::shared_ptr<store::Store>> Acquire() {
    std::unique_ptr<store::Store> s;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!free_.empty()) {
        s = std::move(free_.back());
        free_.pop_back();
      }
    }
    if (!s) {
      SITREP_ASSIGN_OR_RETURN(s, store::Store::Open(db_));
    }
    return std::shared_ptr<store::Store>(s.release(), [this](store::Store* p) {
      std::unique_ptr<store::Store> back(p);
      std::lock_guard<std::mutex> lock(mu_);
      if (free_.size() < keep_) free_.push_back(std::move(back));
    });
  }
  void Put(std::unique_ptr<store::Store> s) {
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(std::move(s));
  }
  const std::string& db() const { return db_; }

 private:
  const std::string db_;
  const size_t keep_;
  std::mutex mu_;
  std::vector<std::unique_ptr<store::Store>> free_;
};

StatusOr<std::unique_ptr<ApiHandler>> ApiHandler::Create(const std::string& db,
                                                         const ApiOptions& options) {
  if (!store::Store::IsPostgresUrl(db) && db != ":memory:") {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(db, ec)) {
      return NotFoundError(db + ": no such database (create it with sitrep ingest)");
    }
  }
  if (options.max_body == 0) return InvalidArgumentError("max_body must be positive");
  if (options.threads < 1) return InvalidArgumentError("threads must be at least 1");
  auto pool = std::make_unique<StorePool>(db, static_cast<size_t>(options.threads) + 2);
  SITREP_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> first, store::Store::Open(db));
  pool->Put(std::move(first));
  return std::unique_ptr<ApiHandler>(new ApiHandler(options, std::move(pool)));
}

ApiHandler::ApiHandler(ApiOptions options, std::unique_ptr<StorePool> pool)
    : options_(std::move(options)), pool_(std::move(pool)) {}

ApiHandler::~ApiHandler() = default;

Response ApiHandler::Handle(const Request& request) const {
  try {
    return Dispatch(request);
  } catch (const std::exception& e) {
    return ErrorResponse(500, std::string("internal error: ") + e.what());
  } catch (...) {
    return ErrorResponse(500, "internal error");
  }
}

Response ApiHandler::Dispatch(const Request& request) const {
  const std::string& path = request.path;
  const bool get = request.method == "GET" || request.method == "HEAD";
  auto not_allowed = [&](const char* allow) {
    Response r = ErrorResponse(
        405, "method " + request.method + " not allowed on " + path + " (allowed: " + allow + ")");
    r.headers.emplace_back("Allow", allow);
    return r;
  };
  const bool api = path == "/api" || path.rfind("/api/", 0) == 0;
  if (!api) return get ? StaticFile(path) : not_allowed("GET, HEAD");

  std::string rest = path.substr(std::min(path.size(), size_t{5}));  // after "/api/"
  while (!rest.empty() && rest.back() == '/') rest.pop_back();
  if (rest.empty()) {
    if (!get) return not_allowed("GET, HEAD");
    return JsonResponse(200, {{"endpoints",
                               {"GET /api/incidents", "GET /api/incidents/{id}", "GET /api/events",
                                "GET /api/stats", "POST /api/documents"}},
                              {"docs", "docs/api.md"}});
  }
  if (rest == "incidents") return get ? ListIncidents(request) : not_allowed("GET, HEAD");
  if (rest == "events") return get ? ListEvents(request) : not_allowed("GET, HEAD");
  if (rest == "stats") return get ? Stats(request) : not_allowed("GET, HEAD");
  if (rest == "documents") {
    return request.method == "POST" ? PostDocuments(request) : not_allowed("POST");
  }
  if (rest.rfind("incidents/", 0) == 0 && rest.find('/', 10) == std::string::npos) {
    return get ? GetIncident(rest.substr(10)) : not_allowed("GET, HEAD");
  }
  return ErrorResponse(404, "no API endpoint " + path + " (see GET /api)");
}

Response ApiHandler::ListIncidents(const Request& request) const {
  StatusOr<store::QueryFilter> filter = FilterFromParams(request.params);
  if (!filter.ok()) return StatusResponse(filter.status());
  StatusOr<std::shared_ptr<store::Store>> db = pool_->Acquire();
  if (!db.ok()) return StatusResponse(db.status());
  StatusOr<int64_t> total = (*db)->CountIncidents(*filter);
  if (!total.ok()) return StatusResponse(total.status());
  json items = json::array();
  Status s = (*db)->ScanIncidents(*filter, [&](const store::Incident& in) {
    items.push_back(IncidentJson(in));
    return OkStatus();
  });
  if (!s.ok()) return StatusResponse(s);
  return JsonResponse(200, {{"total", *total},
                            {"limit", filter->limit},
                            {"offset", filter->offset},
                            {"items", std::move(items)}});
}

Response ApiHandler::ListEvents(const Request& request) const {
  StatusOr<store::QueryFilter> filter = FilterFromParams(request.params);
  if (!filter.ok()) return StatusResponse(filter.status());
  StatusOr<std::shared_ptr<store::Store>> db = pool_->Acquire();
  if (!db.ok()) return StatusResponse(db.status());
  StatusOr<int64_t> total = (*db)->CountEvents(*filter);
  if (!total.ok()) return StatusResponse(total.status());
  json items = json::array();
  Status s = (*db)->Scan(*filter, [&](store::StoredEvent&& e) {
    items.push_back(RecordWithIncident(e));
    return OkStatus();
  });
  if (!s.ok()) return StatusResponse(s);
  return JsonResponse(200, {{"total", *total},
                            {"limit", filter->limit},
                            {"offset", filter->offset},
                            {"items", std::move(items)}});
}

Response ApiHandler::GetIncident(const std::string& id_text) const {
  int64_t id = 0;
  auto [end, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  if (id_text.empty() || ec != std::errc() || end != id_text.data() + id_text.size() || id < 0) {
    return ErrorResponse(
        400, "bad incident id '" + id_text.substr(0, 100) + "': expected a non-negative integer");
  }
  StatusOr<std::shared_ptr<store::Store>> db = pool_->Acquire();
  if (!db.ok()) return StatusResponse(db.status());
  StatusOr<store::IncidentDetail> detail = (*db)->GetIncident(id);
  if (!detail.ok()) return StatusResponse(detail.status());
  json figures = json::array();
  for (const store::FatalityFigure& f : detail->fatality_figures) {
    figures.push_back({{"count", f.count},
                       {"qualifier", OrNull(f.qualifier)},
                       {"doc_id", OrNull(f.doc_id)},
                       {"source", OrNull(f.source)},
                       {"event_id", OrNull(f.event_id)}});
  }
  json reports = json::array();
  for (store::StoredEvent& e : detail->reports) {
    json document = {{"id", OrNull(StringField(e.record, "doc_id"))},
                     {"date", OrNull(StringField(e.record, "doc_date"))},
                     {"title", OrNull(e.doc_title)},
                     {"source", OrNull(e.doc_source)},
                     {"url", OrNull(e.doc_url)}};
    reports.push_back({{"event", RecordWithIncident(e)}, {"document", std::move(document)}});
  }
  return JsonResponse(200, {{"incident", IncidentJson(detail->incident)},
                            {"fatality_figures", std::move(figures)},
                            {"reports", std::move(reports)}});
}

Response ApiHandler::Stats(const Request& request) const {
  StatusOr<store::QueryFilter> filter = FilterFromParams(request.params);
  if (!filter.ok()) return StatusResponse(filter.status());
  StatusOr<std::shared_ptr<store::Store>> db = pool_->Acquire();
  if (!db.ok()) return StatusResponse(db.status());
  StatusOr<store::StoreStats> stats = (*db)->Stats(*filter);
  if (!stats.ok()) return StatusResponse(stats.status());
  auto rows = [](const std::vector<store::StatsRow>& v, const char* key) {
    json out = json::array();
    for (const store::StatsRow& r : v) {
      out.push_back({{key, OrNull(r.key)},
                     {"events", r.events},
                     {"incidents", r.incidents},
                     {"fatalities", r.fatalities}});
    }
    return out;
  };
  return JsonResponse(200, {{"total_events", stats->total_events},
                            {"total_incidents", stats->total_incidents},
                            {"total_fatalities", stats->total_fatalities},
                            {"by_day", rows(stats->by_day, "date")},
                            {"by_type", rows(stats->by_type, "type")},
                            {"by_country", rows(stats->by_country, "country")}});
}

Response ApiHandler::PostDocuments(const Request& request) const {
  if (request.body.size() > options_.max_body) {
    return ErrorResponse(413, "body of " + std::to_string(request.body.size()) +
                                  " bytes is over the limit of " +
                                  std::to_string(options_.max_body) + " bytes");
  }
  std::string_view body = request.body;
  if (body.rfind("\xEF\xBB\xBF", 0) == 0) body.remove_prefix(3);
  const size_t first = body.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return ErrorResponse(400,
                         "empty body: expected a JSON article, an array of them, or JSON "
                         "Lines");
  }
  body.remove_prefix(first);
  // Articles without an id get one from their content, so that posting the
  // same article twice stores it once.
  auto parse_article = [](std::string text, const std::string& origin) {
    char id[32];
    std::snprintf(id, sizeof id, "post-%016llx", static_cast<unsigned long long>(Fnv1a64(text)));
    return DocumentFromJsonLine(
        std::move(text),
        {.origin = origin, .default_id = id, .default_date = "", .base_offset = 0});
  };
  std::vector<Document> docs;
  std::vector<std::string> errors;
  if (body.front() == '[') {
    json array = json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (array.is_discarded() || !array.is_array()) {
      return ErrorResponse(400, "body is not valid JSON (an array of articles was expected)");
    }
    for (size_t i = 0; i < array.size(); ++i) {
      const std::string origin = "article " + std::to_string(i);
      if (!array[i].is_object()) {
        errors.push_back(origin + ": not a JSON object");
        continue;
      }
      StatusOr<Document> d = parse_article(Dump(array[i]), origin);
      if (d.ok()) {
        docs.push_back(std::move(*d));
      } else {
        errors.push_back(d.status().message());
      }
    }
  } else if (body.front() == '{') {
    json one = json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (!one.is_discarded()) {
      StatusOr<Document> d = parse_article(std::string(body), "article");
      if (d.ok()) {
        docs.push_back(std::move(*d));
      } else {
        errors.push_back(d.status().message());
      }
    } else {  // JSON Lines
      size_t line_no = 0;
      for (size_t pos = 0; pos < body.size();) {
        size_t nl = body.find('\n', pos);
        if (nl == std::string_view::npos) nl = body.size();
        std::string line(body.substr(pos, nl - pos));
        pos = nl + 1;
        ++line_no;
        if (IsBlank(line)) continue;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        StatusOr<Document> d = parse_article(std::move(line), "line " + std::to_string(line_no));
        if (d.ok()) {
          docs.push_back(std::move(*d));
        } else {
          errors.push_back(d.status().message());
        }
      }
    }
  } else {
    return ErrorResponse(400,
                         "body is not JSON: expected a JSON article {\"id\", \"date\", "
                         "\"title\", \"text\"}, an array of them, or JSON Lines");
  }
  if (docs.empty()) {
    std::string msg = "no article in the body";
    if (!errors.empty()) msg += ": " + errors.front();
    if (errors.size() > 1) msg += " (and " + std::to_string(errors.size() - 1) + " more)";
    return ErrorResponse(400, msg);
  }
  if (!options_.coder) {
    return ErrorResponse(503, "coding is not available on this server");
  }
  std::lock_guard<std::mutex> lock(write_mutex_);
  StatusOr<CodedDocuments> coded = options_.coder(std::move(docs));
  if (!coded.ok()) return ErrorResponse(503, "coding failed: " + coded.status().message());
  for (std::string& e : coded->errors) errors.push_back(std::move(e));
  if (!writer_) {
    StatusOr<std::unique_ptr<store::Store>> w = store::Store::Open(pool_->db());
    if (!w.ok()) return StatusResponse(w.status());
    writer_ = std::move(*w);
  }
  store::IngestStats stats;
  Status s = writer_->IngestBatch(coded->documents, {}, &stats);
  if (!s.ok()) return ErrorResponse(500, "storing failed: " + s.message());
  // Rejected documents are named in the errors as "doc <id>: ...".
  std::set<std::string> rejected;
  for (const std::string& e : stats.errors) {
    for (const store::DocumentRecords& d : coded->documents) {
      if (e.rfind("doc " + d.document.id + ": ", 0) == 0) rejected.insert(d.document.id);
    }
    errors.push_back(e);
  }
  json events = json::array();
  json ids = json::array();
  for (store::DocumentRecords& d : coded->documents) {
    if (rejected.count(d.document.id)) continue;
    ids.push_back(d.document.id);
    for (json& r : d.records) events.push_back(std::move(r));
  }
  return JsonResponse(201, {{"documents", stats.inserted + stats.replaced + stats.unchanged},
                            {"inserted", stats.inserted},
                            {"replaced", stats.replaced},
                            {"unchanged", stats.unchanged},
                            {"document_ids", std::move(ids)},
                            {"events", std::move(events)},
                            {"errors", errors}});
}

Response ApiHandler::StaticFile(const std::string& path) const {
  namespace fs = std::filesystem;
  std::error_code ec;
  const bool have_web = !options_.web_dir.empty() && fs::is_directory(options_.web_dir, ec);
  if (!have_web) {
    if (path == "/" || path == "/index.html") {
      Response r;
      r.content_type = "text/html; charset=utf-8";
      r.body = kNotBuiltPage;
      return r;
    }
    return ErrorResponse(404,
                         "no file " + path.substr(0, 200) + " (the web assets were not built)");
  }
  auto not_found = [&] { return ErrorResponse(404, "no file " + path.substr(0, 200)); };
  if (path.empty() || path.front() != '/' || path.find('\0') != std::string::npos ||
      path.find('\\') != std::string::npos) {
    return not_found();
  }
  // Segment by segment: no "..", no hidden files.
  fs::path rel;
  for (size_t pos = 1; pos <= path.size();) {
    size_t slash = path.find('/', pos);
    if (slash == std::string::npos) slash = path.size();
    const std::string seg = path.substr(pos, slash - pos);
    pos = slash + 1;
    if (seg.empty() || seg == ".") continue;
    if (seg[0] == '.') return not_found();
    rel /= seg;
  }
  const fs::path root = fs::canonical(options_.web_dir, ec);
  if (ec) return not_found();
  fs::path file = root / rel;
  if (fs::is_directory(file, ec)) file /= "index.html";
  // Symbolic links may not lead outside the web folder either.
  const fs::path real = fs::canonical(file, ec);
  if (ec || !fs::is_regular_file(real, ec)) return not_found();
  const std::string real_s = real.string(), root_s = root.string();
  if (real_s.size() <= root_s.size() || real_s.compare(0, root_s.size(), root_s) != 0 ||
      real_s[root_s.size()] != '/') {
    return not_found();
  }
  const uintmax_t size = fs::file_size(real, ec);
  if (ec || size > kMaxStaticFileBytes) return not_found();
  std::ifstream in(real, std::ios::binary);
  if (!in) return not_found();
  Response r;
  r.body.resize(static_cast<size_t>(size));
  in.read(r.body.data(), static_cast<std::streamsize>(size));
  r.body.resize(static_cast<size_t>(in.gcount()));
  r.content_type = ContentTypeForPath(real_s);
  r.headers.emplace_back("Cache-Control", "no-cache");
  return r;
}

}  // namespace sitrep::server
