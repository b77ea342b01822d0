#include "places/places_eval.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "core/strings.h"
#include "places/places.h"

namespace sitrep::places {
namespace {

// Byte offset of every code point boundary: bytes[i] is the byte offset of
// character i (bytes[n] = size).
std::vector<uint32_t> CharToByte(const std::string& s) {
  std::vector<uint32_t> out;
  out.reserve(s.size() + 1);
  for (uint32_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) out.push_back(i);
  }
  out.push_back(static_cast<uint32_t>(s.size()));
  return out;
}

std::string DecodeXml(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out.push_back('&');
      continue;
    }
    std::string_view ent = s.substr(i + 1, semi - i - 1);
    uint32_t cp = 0;
    if (ent == "amp")
      cp = '&';
    else if (ent == "lt")
      cp = '<';
    else if (ent == "gt")
      cp = '>';
    else if (ent == "quot")
      cp = '"';
    else if (ent == "apos")
      cp = '\'';
    else if (!ent.empty() && ent[0] == '#') {
      cp =
          ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X')
              ? static_cast<uint32_t>(std::strtoul(std::string(ent.substr(2)).c_str(), nullptr, 16))
              : static_cast<uint32_t>(
                    std::strtoul(std::string(ent.substr(1)).c_str(), nullptr, 10));
    }
    if (cp == 0) {
      out.push_back('&');
      continue;
    }
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
    i = semi;
  }
  return out;
}

// The content of the first <tag>...</tag> at or after `pos`; advances pos.
bool NextElement(std::string_view xml, std::string_view tag, size_t* pos, std::string_view* body) {
  std::string open = "<" + std::string(tag) + ">";
  std::string close = "</" + std::string(tag) + ">";
  size_t a = xml.find(open, *pos);
  if (a == std::string_view::npos) return false;
  size_t b = xml.find(close, a);
  if (b == std::string_view::npos) return false;
  *body = xml.substr(a + open.size(), b - a - open.size());
  *pos = b + close.size();
  return true;
}

std::string ElementText(std::string_view xml, std::string_view tag) {
  size_t pos = 0;
  std::string_view body;
  if (!NextElement(xml, tag, &pos, &body)) return "";
  return DecodeXml(body);
}

bool IsDesignatorWord(std::string_view f) {
  std::string l(f);
  for (char& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const char* kWords[] = {"province",  "governorate", "state",    "prefecture",
                                 "oblast",    "region",      "district", "county",
                                 "city",      "town",        "village",  "municipality",
                                 "provinces", "department",  "territory"};
  for (const char* w : kWords) {
    if (l == w) return true;
  }
  return false;
}

// The byte span of a place's name without a leading "the" and a trailing
// designator: "the Caspian Sea" -> "Caspian Sea", "Idlib province" -> "Idlib".
std::pair<uint32_t, uint32_t> NameSpan(const Document& doc, const Place& p) {
  uint32_t b = p.token_begin, e = p.token_end;
  if (e - b > 1) {
    std::string_view f = doc.Form(doc.tokens[b]);
    if (f == "the" || f == "The") ++b;
  }
  if (e - b > 1 && IsDesignatorWord(doc.Form(doc.tokens[e - 1]))) --e;
  return {doc.tokens[b].begin, doc.tokens[e - 1].end};
}

struct GoldSpan {
  uint32_t begin = 0, end = 0;
  double lat = 0, lon = 0;
  std::string name;
};

std::string Context(const std::string& text, uint32_t b, uint32_t e) {
  uint32_t lo = b > 40 ? b - 40 : 0;
  uint32_t hi = std::min<uint32_t>(static_cast<uint32_t>(text.size()), e + 40);
  std::string c = text.substr(lo, hi - lo);
  for (char& ch : c) {
    if (ch == '\n') ch = ' ';
  }
  return c;
}

}  // namespace

StatusOr<GeoVirusScore> EvalGeoVirus(const std::string& xml_path, const geo::Gazetteer& gaz,
                                     const Analyzer& analyzer, const EventCoder& coder) {
  std::ifstream in(xml_path, std::ios::binary);
  if (!in) return NotFoundError("cannot open " + xml_path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string raw = ss.str();
  // Drop XML comments (the file ends with commented-out template articles).
  std::string xml;
  xml.reserve(raw.size());
  for (size_t i = 0; i < raw.size();) {
    size_t c = raw.find("<!--", i);
    if (c == std::string::npos) {
      xml.append(raw, i, std::string::npos);
      break;
    }
    xml.append(raw, i, c - i);
    size_t e = raw.find("-->", c + 4);
    if (e == std::string::npos) break;
    i = e + 3;
  }
  GeoVirusScore score;
  std::vector<double> errors;
  size_t pos = 0;
  std::string_view article;
  while (NextElement(xml, "article", &pos, &article)) {
    ++score.articles;
    Document doc;
    doc.id = "geovirus-" + std::to_string(score.articles);
    doc.text = ElementText(article, "text");
    std::vector<uint32_t> c2b = CharToByte(doc.text);
    std::vector<GoldSpan> gold;
    size_t lp = 0;
    std::string_view loc;
    while (NextElement(article, "location", &lp, &loc)) {
      GoldSpan g;
      long start = std::strtol(ElementText(loc, "start").c_str(), nullptr, 10) - 1;
      long end = std::strtol(ElementText(loc, "end").c_str(), nullptr, 10) - 1;
      if (start < 0 || end < start || static_cast<size_t>(end) >= c2b.size()) {
        return DataLossError(xml_path + ": article " + std::to_string(score.articles) +
                             ": location offsets out of range");
      }
      g.begin = c2b[start];
      g.end = c2b[end];
      g.lat = std::strtod(ElementText(loc, "lat").c_str(), nullptr);
      g.lon = std::strtod(ElementText(loc, "lon").c_str(), nullptr);
      g.name = ElementText(loc, "name");
      gold.push_back(std::move(g));
    }
    SITREP_RETURN_IF_ERROR(analyzer.Analyze(doc));
    SITREP_RETURN_IF_ERROR(coder.Code(doc));
    // CPU time of this thread (other jobs on the machine do not count).
    auto cpu_now = [] {
      timespec ts{};
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
      return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
    };
    double t0 = cpu_now();
    for (int rep = 0; rep < 5; ++rep) {
      RecognizePlaces(gaz, doc);
      ChooseFocus(gaz, doc);
      LocateEvents(doc);
    }
    score.stage_seconds += (cpu_now() - t0) / 5;
    double a0 = cpu_now();
    for (int rep = 0; rep < 3; ++rep) SITREP_RETURN_IF_ERROR(analyzer.Analyze(doc));
    SITREP_RETURN_IF_ERROR(coder.Code(doc));
    score.analysis_seconds += (cpu_now() - a0) / 3;
    score.sentences += static_cast<int>(doc.sentences.size());
    RecognizePlaces(gaz, doc);  // the places without the focus copy
    score.gold += static_cast<int>(gold.size());
    score.predicted += static_cast<int>(doc.places.size());
    std::vector<bool> gold_hit(gold.size(), false);
    for (const Place& p : doc.places) {
      auto [b, e] = NameSpan(doc, p);
      bool exact = false, overlap = false;
      for (size_t g = 0; g < gold.size(); ++g) {
        if (gold[g].begin == b && gold[g].end == e) exact = true;
        if (gold[g].begin < p.end && p.begin < gold[g].end) overlap = true;
      }
      score.exact_tp += exact;
      score.overlap_tp += overlap;
      if (!overlap && score.examples.size() < 100000)
        score.examples.push_back("FP " + std::string(doc.Slice(b, e)) + " | " +
                                 Context(doc.text, b, e));
      else if (!exact && score.examples.size() < 100000)
        score.examples.push_back("SPAN " + std::string(doc.Slice(b, e)) + " | " +
                                 Context(doc.text, b, e));
    }
    for (size_t g = 0; g < gold.size(); ++g) {
      const Place* best = nullptr;
      for (const Place& p : doc.places) {
        if (gold[g].begin < p.end && p.begin < gold[g].end) {
          if (best == nullptr || (std::isnan(best->lat) && !std::isnan(p.lat))) best = &p;
        }
      }
      if (best == nullptr) {
        if (score.examples.size() < 100000)
          score.examples.push_back("FN " + gold[g].name + " | " +
                                   Context(doc.text, gold[g].begin, gold[g].end));
        continue;
      }
      ++score.gold_found_overlap;
      if (std::isnan(best->lat)) {
        if (score.examples.size() < 100000) score.examples.push_back("UNRESOLVED " + gold[g].name);
        continue;
      }
      double km = geo::DistanceKm(best->lat, best->lon, gold[g].lat, gold[g].lon);
      ++score.resolved;
      errors.push_back(km);
      // The resolved entry's own extent (countries, provinces, features).
      double radius = 0;
      const geo::Entry* area = nullptr;
      if (best->precision == GeoPrecision::kCountry) area = gaz.Country(best->country);
      if (best->precision == GeoPrecision::kAdmin1)
        area = gaz.Admin1(best->country,
                          geo::NormalizeName(best->admin1.empty() ? best->name : best->admin1));
      if (best->precision == GeoPrecision::kFeature) {
        for (uint32_t id : gaz.Find(best->name)) {
          const geo::Entry& e = gaz.entry(id);
          if (e.lat == best->lat && e.lon == best->lon) area = &e;
        }
      }
      if (area != nullptr) radius = area->radius_km;
      if (km <= 161 || km <= radius) ++score.within161_or_area;
      if (km <= 161) {
        ++score.within161;
      } else if (score.examples.size() < 100000) {
        score.examples.push_back("FAR " + gold[g].name + " -> " + best->name + " " + best->country +
                                 " " + std::to_string(static_cast<int>(km)) + " km (" +
                                 GeoPrecisionName(best->precision) + ")");
      }
    }
  }
  auto prf = [](int tp, int pred, int gold, double* p, double* r, double* f) {
    *p = pred > 0 ? static_cast<double>(tp) / pred : 0;
    *r = gold > 0 ? static_cast<double>(tp) / gold : 0;
    *f = *p + *r > 0 ? 2 * *p * *r / (*p + *r) : 0;
  };
  prf(score.exact_tp, score.predicted, score.gold, &score.precision, &score.recall, &score.f1);
  double orr = score.gold > 0 ? static_cast<double>(score.gold_found_overlap) / score.gold : 0;
  score.overlap_precision =
      score.predicted > 0 ? static_cast<double>(score.overlap_tp) / score.predicted : 0;
  score.overlap_recall = orr;
  score.overlap_f1 = score.overlap_precision + orr > 0
                         ? 2 * score.overlap_precision * orr / (score.overlap_precision + orr)
                         : 0;
  score.acc161 = score.gold > 0 ? static_cast<double>(score.within161) / score.gold : 0;
  score.acc161_or_area =
      score.gold > 0 ? static_cast<double>(score.within161_or_area) / score.gold : 0;
  if (!errors.empty()) {
    double sum = 0;
    for (double e : errors) sum += e;
    score.mean_km = sum / static_cast<double>(errors.size());
    std::sort(errors.begin(), errors.end());
    score.median_km = errors[errors.size() / 2];
  }
  return score;
}

StatusOr<EventLocationScore> EvalEventLocation(const std::string& zip_path,
                                               const geo::Gazetteer& gaz, const Analyzer& analyzer,
                                               const EventCoder& coder) {
  {
    std::ifstream probe(zip_path);
    if (!probe) return NotFoundError("cannot open " + zip_path);
  }
  std::string cmd = "unzip -p '" + zip_path + "' labeled_text.jsonl";
  FILE* f = popen(cmd.c_str(), "r");
  if (f == nullptr) return DataLossError("cannot run: " + cmd);
  std::string data;
  char buf[1 << 16];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), f)) > 0) data.append(buf, n);
  int rc = pclose(f);
  if (rc != 0 || data.empty()) return DataLossError("unzip failed on " + zip_path);
  nlohmann::json all = nlohmann::json::parse(data, nullptr, /*allow_exceptions=*/false);
  if (!all.is_array()) return DataLossError(zip_path + ": not a JSON array");
  EventLocationScore score;
  for (const auto& rec : all) {
    if (!rec.is_object() || rec.value("source", "") != "RELABEL") continue;
    if (!rec.contains("tokens") || !rec.contains("spans") || !rec.contains("text")) continue;
    const auto& toks = rec["tokens"];
    Document doc;
    doc.id = rec.value("_id", "");
    doc.text = rec["text"].get<std::string>();
    std::vector<uint32_t> c2b = CharToByte(doc.text);
    auto byte_of = [&](int64_t c) {
      return c2b[static_cast<size_t>(
          std::clamp<int64_t>(c, 0, static_cast<int64_t>(c2b.size()) - 1))];
    };
    std::pair<uint32_t, uint32_t> verb{0, 0};
    bool have_verb = false;
    std::vector<std::pair<uint32_t, uint32_t>> gold;
    for (const auto& sp : rec["spans"]) {
      int ts = sp.value("token_start", -1), te = sp.value("token_end", -1);
      if (ts < 0 || te < ts || static_cast<size_t>(te) >= toks.size()) continue;
      std::pair<uint32_t, uint32_t> s{byte_of(toks[ts].value("start", 0)),
                                      byte_of(toks[te].value("end", 0))};
      std::string label = sp.value("label", "");
      if (label == "VERB" && !have_verb) {
        verb = s;
        have_verb = true;
      } else if (label == "LOCATION") {
        gold.push_back(s);
      }
    }
    if (!have_verb) continue;
    SITREP_RETURN_IF_ERROR(analyzer.Analyze(doc));
    SITREP_RETURN_IF_ERROR(coder.Code(doc));
    RecognizePlaces(gaz, doc);
    // Our trigger: an event whose trigger overlaps the verb, else the token.
    int32_t event = -1;
    uint32_t trigger = UINT32_MAX;
    for (size_t i = 0; i < doc.events.size(); ++i) {
      const Event& e = doc.events[i];
      const Token& t = doc.tokens[e.trigger_head];
      if (t.begin < verb.second && verb.first < t.end) {
        event = static_cast<int32_t>(i);
        trigger = e.trigger_head;
        break;
      }
    }
    if (trigger == UINT32_MAX) {
      for (uint32_t t = 0; t < doc.tokens.size(); ++t) {
        if (doc.tokens[t].begin < verb.second && verb.first < doc.tokens[t].end) {
          trigger = t;
          break;
        }
      }
    }
    if (trigger == UINT32_MAX) continue;
    ++score.records;
    if (event >= 0) ++score.trigger_is_event;
    TriggerLocation loc = LocateTrigger(doc, trigger, event, Fallback::kSentence);
    {
      // The same, clause only.
      TriggerLocation c = LocateTrigger(doc, trigger, event, Fallback::kClause);
      bool ok_c = gold.empty() ? c.location < 0 : false;
      if (!gold.empty() && c.location >= 0) {
        const Place& p = doc.places[c.location];
        for (const auto& g : gold) ok_c |= g.first < p.end && p.begin < g.second;
      }
      score.clause_only_correct += ok_c;
    }
    bool ok;
    std::string ours = "-";
    if (loc.location >= 0) {
      const Place& p = doc.places[loc.location];
      ours = std::string(doc.Slice(p.begin, p.end));
    }
    if (gold.empty()) {
      ++score.no_gold;
      ok = loc.location < 0;
      score.no_gold_correct += ok;
    } else {
      ++score.with_gold;
      ok = false;
      if (loc.location >= 0) {
        const Place& p = doc.places[loc.location];
        for (const auto& g : gold) ok |= g.first < p.end && p.begin < g.second;
      }
      score.with_gold_correct += ok;
    }
    score.correct += ok;
    if (!ok && score.examples.size() < 600) {
      std::string g = gold.empty() ? "-" : std::string(doc.Slice(gold[0].first, gold[0].second));
      // Every recognised place of the record, "*" on unresolved ones (no
      // coordinates), and the basis of our choice.
      std::string all;
      for (const Place& p : doc.places) {
        all += (all.empty() ? "" : "; ") + std::string(doc.Slice(p.begin, p.end)) +
               (p.precision == GeoPrecision::kNone ? "*" : "");
      }
      std::string basis = loc.basis == LocationBasis::kClause     ? "clause"
                          : loc.basis == LocationBasis::kSentence ? "sentence"
                                                                  : "none";
      score.examples.push_back(
          StrCat({"verb=", doc.Slice(verb.first, verb.second), " gold=", g, " ours=", ours, " (",
                  basis, ") places=[", all, "] | ", doc.text}));
    }
  }
  if (score.records == 0) return DataLossError(zip_path + ": no RELABEL records");
  score.accuracy = static_cast<double>(score.correct) / score.records;
  score.clause_only_accuracy = static_cast<double>(score.clause_only_correct) / score.records;
  score.with_gold_accuracy =
      score.with_gold > 0 ? static_cast<double>(score.with_gold_correct) / score.with_gold : 0;
  score.no_gold_accuracy =
      score.no_gold > 0 ? static_cast<double>(score.no_gold_correct) / score.no_gold : 0;
  return score;
}

}  // namespace sitrep::places
