#include "coding/event_record.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace sitrep {
namespace {

using json = nlohmann::ordered_json;

json OrNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

// Byte span of tokens [begin, end) of `doc`.
Span TokenSpan(const Document& doc, uint32_t begin, uint32_t end) {
  if (begin >= end || end > doc.tokens.size()) return {};
  return {doc.tokens[begin].begin, doc.tokens[end - 1].end};
}

const char* KindName(ActorMention::Kind k) {
  switch (k) {
    case ActorMention::Kind::kCountry:
      return "country";
    case ActorMention::Kind::kNamed:
      return "named";
    case ActorMention::Kind::kAgent:
      return "agent";
    case ActorMention::Kind::kPronoun:
      return "pronoun";
    case ActorMention::Kind::kReference:
      return "reference";
    case ActorMention::Kind::kUnknown:
      return "unknown";
  }
  return "unknown";
}

const ActorMention* MentionOrNull(const Document& doc, int32_t index) {
  if (index < 0 || static_cast<size_t>(index) >= doc.mentions.size()) return nullptr;
  return &doc.mentions[index];
}

json ActorJson(const Document& doc, const ActorMention* m) {
  if (m == nullptr) return nullptr;
  Span sp = TokenSpan(doc, m->token_begin, m->token_end);
  json j;
  j["text"] = std::string(doc.Slice(sp));
  // "---" alone says nothing: no country, no sector.
  j["code"] = (m->code.empty() || m->code == "---") ? json(nullptr) : json(m->code);
  j["country"] = OrNull(m->country);
  j["sector"] = OrNull(m->sector);
  j["start"] = sp.begin;
  j["end"] = sp.end;
  j["name"] = OrNull(m->name);
  j["kind"] = KindName(m->kind);
  if (const ActorMention* a = MentionOrNull(doc, m->antecedent)) {
    Span as = TokenSpan(doc, a->token_begin, a->token_end);
    j["refers_to"] = {{"text", std::string(doc.Slice(as))}, {"start", as.begin}, {"end", as.end}};
  }
  return j;
}

// `s` cut to at most `width` code points ("…" marks a cut), padded with spaces.
std::string Cell(std::string_view s, size_t width) {
  std::string out;
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    size_t len = 1;
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0xF0) {
      len = 4;
    } else if (c >= 0xE0) {
      len = 3;
    } else if (c >= 0xC0) {
      len = 2;
    }
    if (w + 1 == width && i + len < s.size()) {
      out += "\xE2\x80\xA6";  // …
      ++w;
      break;
    }
    out.append(s.substr(i, len));
    ++w;
    i += len;
  }
  if (w < width) out.append(width - w, ' ');
  return out;
}

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

std::string ActorCell(const json& actor) {
  if (!actor.is_object()) return "-";
  std::string text = Str(actor, "text");
  std::string code = Str(actor, "code");
  if (auto r = actor.find("refers_to"); r != actor.end() && r->is_object()) {
    text += "=" + Str(*r, "text");
  }
  return code.empty() ? text : text + " (" + code + ")";
}

// A rounded coordinate (5 decimals, ~1 m) or null when unknown.
json Coord(double v) {
  if (!(v == v)) return nullptr;  // NaN
  return static_cast<double>(std::llround(v * 1e5)) / 1e5;
}

json PlaceJson(const Document& doc, int32_t index) {
  if (index < 0 || static_cast<size_t>(index) >= doc.places.size()) return nullptr;
  const Place& p = doc.places[index];
  json j;
  j["text"] = (p.begin < p.end && p.end <= doc.text.size())
                  ? json(std::string(doc.Slice(p.begin, p.end)))
                  : json(nullptr);
  j["name"] = OrNull(p.name);
  j["country"] = OrNull(p.country);
  j["admin1"] = OrNull(p.admin1);
  // An event in a part of a country or province ("northern Syria") is at
  // the part's point; `part` says which.
  const bool part = !p.part.empty() && p.part_lat == p.part_lat && p.part_lon == p.part_lon;
  j["lat"] = Coord(part ? p.part_lat : p.lat);
  j["lon"] = Coord(part ? p.part_lon : p.lon);
  j["geonameid"] = p.geonameid > 0 ? json(p.geonameid) : json(nullptr);
  j["precision"] =
      p.precision == GeoPrecision::kNone ? json(nullptr) : json(GeoPrecisionName(p.precision));
  j["feature"] = OrNull(p.feature);
  j["relation"] = OrNull(p.relation);
  j["part"] = part ? json(p.part) : json(nullptr);
  j["start"] = p.begin;
  j["end"] = p.end;
  return j;
}

// Coarser of two precisions (a document-level fallback is never more exact
// than the focus place itself).
json LocationJson(const Document& doc, const Event& e) {
  json j = PlaceJson(doc, e.location);
  if (j.is_null()) return j;
  j["basis"] = LocationBasisName(e.location_basis);
  if (e.launch_location >= 0) j["launch_location"] = PlaceJson(doc, e.launch_location);
  return j;
}

// The casualties of one kind attached to `e`: counts of different victim
// groups add up ("13 soldiers and 4 civilians" = 17); repeats and running
// totals are never attached, and are skipped here too.
json CasualtyJson(const Document& doc, const Event& e, Casualty::Kind kind) {
  int64_t total = 0;
  int n = 0;
  bool at_least = false, about = false, at_most = false;
  std::string victims;
  json spans = json::array();
  for (int32_t ci : e.casualties) {
    if (ci < 0 || static_cast<size_t>(ci) >= doc.casualties.size()) continue;
    const Casualty& c = doc.casualties[ci];
    if (c.kind != kind || c.cumulative || c.repeats >= 0) continue;
    total += c.count;
    ++n;
    at_least |= c.qualifier == Casualty::Qualifier::kAtLeast;
    about |= c.qualifier == Casualty::Qualifier::kAbout;
    at_most |= c.qualifier == Casualty::Qualifier::kAtMost;
    if (!c.victims.empty() && victims.find(c.victims) == std::string::npos) {
      if (!victims.empty()) victims += ", ";
      victims += c.victims;
    }
    if (c.begin < c.end && c.end <= doc.text.size()) {
      spans.push_back({{"text", std::string(doc.Slice(c.begin, c.end))},
                       {"start", c.begin},
                       {"end", c.end},
                       {"side", OrNull(c.side)}});
    }
  }
  if (n == 0) return nullptr;
  // "at least 13" + "4" is at least 17; a lower and an upper bound together
  // are only "about".
  const char* qualifier = about || (at_least && at_most) ? "about"
                          : at_least                     ? "at_least"
                          : at_most                      ? "at_most"
                                                         : "exact";
  return {{"count", total},
          {"qualifier", qualifier},
          {"victims", OrNull(victims)},
          {"mentions", spans}};
}

}  // namespace

std::vector<std::string> EventRecorder::EventIds(const Document& doc) {
  std::vector<std::string> ids;
  ids.reserve(doc.events.size());
  std::vector<uint32_t> per_sentence(doc.sentences.size() + 1, 0);
  for (const Event& e : doc.events) {
    uint32_t s = std::min<uint32_t>(e.sentence, doc.sentences.size());
    ids.push_back(doc.id + ":" + std::to_string(e.sentence) + ":" +
                  std::to_string(per_sentence[s]++));
  }
  return ids;
}

nlohmann::ordered_json EventRecorder::Record(const Document& doc, size_t index,
                                             std::string_view coder) const {
  return Records(doc, coder).at(index);
}

std::vector<nlohmann::ordered_json> EventRecorder::Records(const Document& doc,
                                                           std::string_view coder) const {
  std::vector<std::string> ids = EventIds(doc);
  std::vector<json> out;
  out.reserve(doc.events.size());
  for (size_t i = 0; i < doc.events.size(); ++i) {
    const Event& e = doc.events[i];
    json j;
    j["schema"] = "sitrep.event/1";
    j["id"] = ids[i];
    j["doc_id"] = doc.id;
    j["doc_date"] = OrNull(doc.date);
    j["sentence_index"] = e.sentence;
    if (e.sentence < doc.sentences.size()) {
      const Sentence& s = doc.sentences[e.sentence];
      j["sentence"] = std::string(doc.Slice(s.begin, s.end));
      j["span"] = {{"start", s.begin}, {"end", s.end}};
    } else {
      j["sentence"] = nullptr;
      j["span"] = nullptr;
    }
    Span ts = TokenSpan(doc, e.trigger_begin, e.trigger_end);
    std::string lemma;
    for (uint32_t t = e.trigger_begin; t < e.trigger_end && t < doc.tokens.size(); ++t) {
      if (!lemma.empty()) lemma += ' ';
      lemma +=
          doc.tokens[t].lemma.empty() ? std::string(doc.Form(doc.tokens[t])) : doc.tokens[t].lemma;
    }
    j["trigger"] = {{"text", std::string(doc.Slice(ts))},
                    {"lemma", lemma},
                    {"start", ts.begin},
                    {"end", ts.end}};

    const ActorMention* src = MentionOrNull(doc, e.source);
    const ActorMention* tgt = MentionOrNull(doc, e.target);
    const cameo::CodeInfo* info = table_ ? table_->FindOrAncestor(e.cameo) : nullptr;
    j["cameo"] = OrNull(e.cameo);
    j["cameo_root"] = e.cameo.empty() ? json(nullptr) : json(cameo::Table::Root(e.cameo));
    std::string mode = e.plover_mode;
    if (mode.empty() && modes_ != nullptr) mode = modes_->Detect(doc, e);
    if (info != nullptr) {
      if (mode.empty()) mode = info->plover_mode;
      j["cameo_label"] = info->label;
      j["quad_class"] = info->quad_class;
      j["goldstein"] = info->goldstein;
      j["plover"] = {{"event", OrNull(info->plover_event)}, {"mode", OrNull(mode)}};
      cameo::AcledType acled =
          cameo::ClassifyAcled(*info, mode, src ? src->sector : "", tgt ? tgt->sector : "");
      j["acled"] = {{"event_type", OrNull(acled.event_type)},
                    {"sub_event_type", OrNull(acled.sub_event_type)}};
    } else {
      j["cameo_label"] = nullptr;
      j["quad_class"] = nullptr;
      j["goldstein"] = nullptr;
      j["plover"] = {{"event", nullptr}, {"mode", OrNull(mode)}};
      j["acled"] = {{"event_type", nullptr}, {"sub_event_type", nullptr}};
    }
    j["source"] = ActorJson(doc, src);
    j["target"] = ActorJson(doc, tgt);
    j["location"] = LocationJson(doc, e);
    // The date stage says where a date came from ("basis"); without it an
    // event carries the story date, marked as such.
    if (!e.date.empty() && e.date_basis != DateBasis::kNone) {
      json text = nullptr;
      if (e.time >= 0 && static_cast<size_t>(e.time) < doc.times.size()) {
        const TimeExpression& t = doc.times[e.time];
        if (t.begin < t.end && t.end <= doc.text.size())
          text = std::string(doc.Slice(t.begin, t.end));
      }
      j["date"] = {{"value", e.date},
                   {"precision", DatePrecisionName(e.date_precision)},
                   {"text", text},
                   {"basis", DateBasisName(e.date_basis)}};
    } else if (!doc.date.empty()) {
      j["date"] = {
          {"value", doc.date}, {"precision", "day"}, {"text", nullptr}, {"basis", "story_date"}};
    } else {
      j["date"] = nullptr;
    }
    j["fatalities"] = CasualtyJson(doc, e, Casualty::Kind::kKilled);
    j["injured"] = CasualtyJson(doc, e, Casualty::Kind::kInjured);
    j["arrested"] = CasualtyJson(doc, e, Casualty::Kind::kArrested);
    j["abducted"] = CasualtyJson(doc, e, Casualty::Kind::kAbducted);
    j["displaced"] = CasualtyJson(doc, e, Casualty::Kind::kDisplaced);
    // The attribution stage names who says so and how firmly; without it,
    // reported speech gives the source (a party reporting its own action
    // claims it).
    json attribution = nullptr;
    const Attribution& at = e.attribution;
    if (at.begin < at.end && at.end <= doc.text.size()) {
      attribution = {{"text", std::string(doc.Slice(at.begin, at.end))},
                     {"status", AttributionStatusName(at.status)},
                     {"start", at.begin},
                     {"end", at.end}};
    } else if (at.status != AttributionStatus::kAsserted) {
      attribution = {{"text", nullptr},
                     {"status", AttributionStatusName(at.status)},
                     {"start", nullptr},
                     {"end", nullptr}};
    } else if (e.reported_by >= 0 && static_cast<size_t>(e.reported_by) < doc.events.size()) {
      const Event& st = doc.events[e.reported_by];
      if (const ActorMention* who = MentionOrNull(doc, st.source)) {
        Span ws = TokenSpan(doc, who->token_begin, who->token_end);
        bool own = src != nullptr && !src->code.empty() && src->code == who->code;
        attribution = {{"text", std::string(doc.Slice(ws))},
                       {"status", e.negated && st.negated ? "denied"
                                  : own                   ? "claimed"
                                                          : "reported"},
                       {"start", ws.begin},
                       {"end", ws.end}};
      }
    }
    if (attribution.is_null()) {
      attribution = {
          {"text", nullptr}, {"status", "asserted"}, {"start", nullptr}, {"end", nullptr}};
    }
    if (at.cue_begin < at.cue_end && at.cue_end <= doc.text.size()) {
      attribution["cue"] = std::string(doc.Slice(at.cue_begin, at.cue_end));
    }
    j["attribution"] = attribution;
    j["negated"] = e.negated;
    j["modality"] = ModalityName(e.modality);
    j["reported_by"] = (e.reported_by >= 0 && static_cast<size_t>(e.reported_by) < ids.size())
                           ? json(ids[e.reported_by])
                           : json(nullptr);
    j["confidence"] = static_cast<double>(std::lround(e.confidence * 100)) / 100.0;
    j["coder"] = std::string(coder);
    j["issues"] = e.issues;
    out.push_back(std::move(j));
  }
  return out;
}

std::string SummaryTable(const std::vector<nlohmann::ordered_json>& records) {
  constexpr size_t kDate = 10, kActor = 30, kEvent = 40, kPlace = 16, kDead = 5;
  std::string out;
  auto row = [&](std::string_view date, std::string_view src, std::string_view ev,
                 std::string_view tgt, std::string_view place, std::string_view dead) {
    out += Cell(date, kDate) + "  " + Cell(src, kActor) + "  " + Cell(ev, kEvent) + "  " +
           Cell(tgt, kActor) + "  " + Cell(place, kPlace) + "  " + Cell(dead, kDead);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += '\n';
  };
  row("date", "source", "event", "target", "place", "dead");
  row(std::string(kDate, '-'), std::string(kActor, '-'), std::string(kEvent, '-'),
      std::string(kActor, '-'), std::string(kPlace, '-'), std::string(kDead, '-'));
  std::string last_doc;
  for (const json& r : records) {
    std::string doc = Str(r, "doc_id");
    if (doc != last_doc) {
      out += "[" + doc + "]\n";
      last_doc = doc;
    }
    std::string date = "-";
    if (auto d = r.find("date"); d != r.end() && d->is_object()) date = Str(*d, "value");
    std::string ev = Str(r, "cameo") + " " + Str(r, "cameo_label");
    if (r.value("negated", false)) ev.insert(0, "NOT ");
    std::string modality = Str(r, "modality");
    if (!modality.empty() && modality != "factual") ev += " [" + modality + "]";
    if (auto t = r.find("trigger"); t != r.end() && t->is_object()) {
      ev += " \"" + Str(*t, "text") + "\"";
    }
    std::string place = "-";
    if (auto l = r.find("location"); l != r.end() && l->is_object()) {
      place = Str(*l, "name");
      if (place.empty()) place = Str(*l, "text");
    }
    std::string dead = "-";
    if (auto f = r.find("fatalities"); f != r.end() && f->is_object()) {
      auto c = f->find("count");
      if (c != f->end() && c->is_number()) dead = std::to_string(c->get<long long>());
    }
    row(date, ActorCell(r.value("source", json(nullptr))), ev,
        ActorCell(r.value("target", json(nullptr))), place, dead);
  }
  return out;
}

}  // namespace sitrep
