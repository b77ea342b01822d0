#include "store/event_row.h"

#include <cmath>
#include <ctime>
#include <utility>

namespace sitrep::store::row {

const json* Child(const json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return nullptr;
  return &*it;
}
Value Str(const json& j, const char* key) {
  const json* c = Child(j, key);
  if (c && c->is_string()) return c->get<std::string>();
  return std::monostate{};
}
Value Int(const json& j, const char* key) {
  const json* c = Child(j, key);
  if (c && c->is_number_integer()) return c->get<int64_t>();
  if (c && c->is_number()) {
    const double d = c->get<double>();
    if (std::isfinite(d) && std::abs(d) < 9e18) return static_cast<int64_t>(d);
    return std::monostate{};
  }
  if (c && c->is_boolean()) return static_cast<int64_t>(c->get<bool>());
  return std::monostate{};
}
Value Real(const json& j, const char* key) {
  const json* c = Child(j, key);
  if (c && c->is_number()) {
    double v = c->get<double>();
    if (std::isfinite(v)) return v;
  }
  return std::monostate{};
}
const json& Obj(const json& j, const char* key) {
  static const json kNull;
  const json* c = Child(j, key);
  return c && c->is_object() ? *c : kNull;
}
std::string AsString(const Value& v) {
  const auto* s = std::get_if<std::string>(&v);
  return s ? *s : std::string();
}
bool IsNull(const Value& v) { return std::holds_alternative<std::monostate>(v); }

std::string NowUtc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::vector<Value> EventValues(const json& r, std::string dump, const std::string& doc_id,
                               Value incident_id) {
  std::vector<Value> v;
  v.reserve(kNumEventColumns);
  v.push_back(Str(r, "id"));
  v.push_back(doc_id);
  v.push_back(std::move(incident_id));
  v.push_back(Int(r, "sentence_index"));
  v.push_back(Str(r, "doc_date"));
  const json& date = Obj(r, "date");
  Value date_value = Str(date, "value");
  if (IsNull(date_value)) date_value = Str(r, "doc_date");
  v.push_back(date_value);
  v.push_back(Str(date, "precision"));
  v.push_back(Str(date, "basis"));
  const json& trigger = Obj(r, "trigger");
  v.push_back(Str(trigger, "text"));
  v.push_back(Str(trigger, "lemma"));
  v.push_back(Str(r, "cameo"));
  v.push_back(Str(r, "cameo_root"));
  v.push_back(Int(r, "quad_class"));
  v.push_back(Real(r, "goldstein"));
  const json& plover = Obj(r, "plover");
  v.push_back(Str(plover, "event"));
  v.push_back(Str(plover, "mode"));
  const json& acled = Obj(r, "acled");
  v.push_back(Str(acled, "event_type"));
  v.push_back(Str(acled, "sub_event_type"));
  for (const char* role : {"source", "target"}) {
    const json& a = Obj(r, role);
    for (const char* k : {"text", "code", "country", "sector", "name"}) v.push_back(Str(a, k));
  }
  const json& loc = Obj(r, "location");
  v.push_back(Str(loc, "text"));
  v.push_back(Str(loc, "name"));
  v.push_back(Str(loc, "country"));
  v.push_back(Str(loc, "admin1"));
  Value lat = Real(loc, "lat"), lon = Real(loc, "lon");
  const bool located = !IsNull(lat) && !IsNull(lon) && std::abs(std::get<double>(lat)) <= 90 &&
                       std::abs(std::get<double>(lon)) <= 180;
  v.push_back(located ? lat : Value{});
  v.push_back(located ? lon : Value{});
  v.push_back(Str(loc, "precision"));
  v.push_back(Str(loc, "basis"));
  const json& fat = Obj(r, "fatalities");
  v.push_back(Int(fat, "count"));
  v.push_back(Str(fat, "qualifier"));
  for (const char* kind : {"injured", "arrested", "abducted", "displaced"}) {
    v.push_back(Int(Obj(r, kind), "count"));
  }
  const json& att = Obj(r, "attribution");
  v.push_back(Str(att, "text"));
  v.push_back(Str(att, "status"));
  v.push_back(Int(r, "negated"));
  v.push_back(Str(r, "modality"));
  v.push_back(Real(r, "confidence"));
  v.push_back(Str(r, "coder"));
  v.push_back(std::move(dump));
  return v;
}

}  // namespace sitrep::store::row
