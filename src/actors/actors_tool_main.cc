// sitrep_actors_tool: prints the actor mentions of text files and measures the
// recognizer's speed (parse once, recognise many times).
//
//   build/src/actors/sitrep_actors_tool [--date YYYY-MM-DD] [--repeat N] samples/*.txt
//   build/src/actors/sitrep_actors_tool --plover
//   ../shared/corpora/plover/gold_standard_records/PLOVER_GSR_CAMEO.txt
//     (gold source/target actors of the PLOVER GSR sentences: is each found, with
//      the right country / organisation prefix?)
//   build/src/actors/sitrep_actors_tool --ucdp ../shared/corpora/ucdp-ged-sample/ucdpged.csv
//     (recall on UCDP GED headlines: is the side's government country, or the
//      side's name where the headline spells it, found as an actor?)
//   syr-2015-10-08-hama.txt:3  [0,2) "Syrian troops"  kAgent SYRMIL
//   ...
//   dictionary: countries 249 ... ; 512000 tokens in 0.21 s: 2.4M tokens/s
//
// A file name starting with a date ("syr-2015-10-08-hama.txt") sets doc.date.
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <initializer_list>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "actors/recognizer.h"
#include "pipeline/analyzer.h"

namespace {

const char* KindName(sitrep::ActorMention::Kind k) {
  using K = sitrep::ActorMention::Kind;
  switch (k) {
    case K::kUnknown:
      return "unknown";
    case K::kCountry:
      return "country";
    case K::kNamed:
      return "named";
    case K::kAgent:
      return "agent";
    case K::kPronoun:
      return "pronoun";
    case K::kReference:
      return "reference";
  }
  return "?";
}

// Concatenates pieces into one string (one allocation).
std::string Cat(std::initializer_list<std::string_view> parts) {
  size_t n = 0;
  for (std::string_view p : parts) n += p.size();
  std::string out;
  out.reserve(n);
  for (std::string_view p : parts) out += p;
  return out;
}

// Minimal RFC 4180 reader: fields may be quoted, with "" and newlines inside.
std::vector<std::vector<std::string>> ReadCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      rows.back().push_back(std::move(field));
      field.clear();
      rows.emplace_back();
    } else if (c != '\r') {
      field += c;
    }
  }
  if (!field.empty() || !rows.back().empty()) rows.back().push_back(field);
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

// UCDP GED headlines: recall of the sides as actors.
int RunUcdp(const std::string& path, const sitrep::Analyzer& analyzer,
            const sitrep::actors::Recognizer& recognizer) {
  using namespace sitrep;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << path << ": cannot read\n";
    return 2;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  auto rows = ReadCsv(ss.str());
  if (rows.empty()) return 2;
  auto col = [&](const std::string& name) -> int {
    for (size_t i = 0; i < rows[0].size(); ++i) {
      if (rows[0][i] == name) return static_cast<int>(i);
    }
    return -1;
  };
  int c_head = col("source_headline"), c_a = col("side_a"), c_b = col("side_b"),
      c_date = col("date_start");
  if (c_head < 0 || c_a < 0 || c_b < 0 || c_date < 0) {
    std::cerr << path << ": missing UCDP columns\n";
    return 2;
  }
  // Country names => ISO3 through the dictionary itself ("Government of Syria").
  auto country_of = [&](const std::string& name) -> std::string {
    Document d;
    d.text = name + " said.";
    if (!analyzer.Analyze(d).ok() || !recognizer.Process(d).ok()) return "";
    for (const ActorMention& m : d.mentions) {
      if (m.kind == ActorMention::Kind::kCountry) return m.country;
    }
    return "";
  };
  size_t gov_total = 0, gov_found = 0, named_total = 0, named_found = 0, headlines = 0;
  size_t tokens = 0, mentions = 0;
  std::vector<std::string> misses;
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.size() <= static_cast<size_t>(std::max({c_head, c_a, c_b, c_date}))) continue;
    if (row[c_head].empty()) continue;
    ++headlines;
    Document doc;
    doc.text = row[c_head];
    doc.date = row[c_date].substr(0, 10);
    if (!analyzer.Analyze(doc).ok() || !recognizer.Process(doc).ok()) continue;
    tokens += doc.tokens.size();
    mentions += doc.mentions.size();
    for (int c : {c_a, c_b}) {
      const std::string& side = row[c];
      if (side.rfind("Government of ", 0) == 0) {
        std::string iso = country_of(side.substr(14));
        if (iso.empty()) continue;
        ++gov_total;
        bool hit = false;
        for (const ActorMention& m : doc.mentions) hit = hit || m.country == iso;
        if (hit) {
          ++gov_found;
        } else {
          misses.push_back(Cat({"gov ", iso, "\t", doc.text}));
        }
        continue;
      }
      if (side == "Civilians" || side.size() < 2) continue;
      // A non-state side whose name the headline spells.
      // Case-sensitive, whole words ("IS" is not in "Misrata").
      const std::string& low = doc.text;
      const std::string& name = side;
      size_t at = std::string::npos;
      for (size_t p = low.find(name); p != std::string::npos; p = low.find(name, p + 1)) {
        bool left = p == 0 || !std::isalnum(static_cast<unsigned char>(low[p - 1]));
        size_t e = p + name.size();
        bool right = e >= low.size() || !std::isalnum(static_cast<unsigned char>(low[e]));
        if (left && right) {
          at = p;
          break;
        }
      }
      if (at == std::string::npos) continue;
      ++named_total;
      bool hit = false;
      for (const ActorMention& m : doc.mentions) {
        uint32_t b = doc.tokens[m.token_begin].begin, e = doc.tokens[m.token_end - 1].end;
        if (b < at + name.size() && at < e && !m.code.empty()) hit = true;
      }
      if (hit) {
        ++named_found;
      } else {
        misses.push_back(Cat({"named ", side, "\t", doc.text}));
      }
    }
  }
  for (const std::string& m : misses) std::printf("miss\t%s\n", m.c_str());
  std::printf("ucdp: %zu headlines, %zu tokens, %zu mentions\n", headlines, tokens, mentions);
  std::printf(
      "ucdp: government sides with a known country: %zu, country found as an actor: %zu (%.1f%%)\n",
      gov_total, gov_found, gov_total ? 100.0 * gov_found / gov_total : 0.0);
  std::printf("ucdp: non-state sides spelled in the headline: %zu, recognised: %zu (%.1f%%)\n",
              named_total, named_found, named_total ? 100.0 * named_found / named_total : 0.0);
  return 0;
}

// PLOVER gold-standard records: each record's "source"/"target" actors
// ({actorText, code, sector}) against our mentions of the same sentence.
int RunPlover(const std::string& path, const sitrep::Analyzer& analyzer,
              const sitrep::actors::Recognizer& recognizer) {
  using namespace sitrep;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << path << ": cannot read\n";
    return 2;
  }
  nlohmann::json records = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!records.is_array()) {
    std::cerr << path << ": not a JSON array\n";
    return 2;
  }
  const actors::Dictionary& dict = recognizer.dictionary();
  size_t gold = 0, located = 0, found = 0, prefix_ok = 0, sector_gold = 0, sector_ok = 0;
  std::vector<std::string> misses;
  for (const auto& r : records) {
    if (!r.is_object() || !r.contains("text") || !r["text"].is_string()) continue;
    Document doc;
    doc.text = r["text"].get<std::string>();
    doc.date = r.value("date", std::string());
    if (!analyzer.Analyze(doc).ok() || !recognizer.Process(doc).ok()) continue;
    for (const char* role : {"source", "target"}) {
      if (!r.contains(role) || !r[role].is_array()) continue;
      for (const auto& a : r[role]) {
        if (!a.is_object() || !a.contains("actorText") || !a["actorText"].is_string()) continue;
        std::string text = a["actorText"].get<std::string>();
        std::string code =
            a.contains("code") && a["code"].is_string() ? a["code"].get<std::string>() : "";
        if (text.empty() || code.size() < 3) continue;
        std::string head3 = code.substr(0, 3);
        bool country = dict.IsCountryCode(head3);
        bool intl = head3 == "IGO" || head3 == "NGO" || head3 == "IMG" || head3 == "NGM";
        if (!country && !intl) continue;  // codes we do not produce (ethnic, regions)
        ++gold;
        size_t at = doc.text.find(text);
        if (at == std::string::npos) continue;
        ++located;
        // The mention whose head lies in the gold span (the last such), else
        // any overlapping one.
        const ActorMention* hit = nullptr;
        const ActorMention* overlap = nullptr;
        for (const ActorMention& m : doc.mentions) {
          uint32_t b = doc.tokens[m.token_begin].begin, e = doc.tokens[m.token_end - 1].end;
          uint32_t hb = doc.tokens[m.head].begin;
          if (hb >= at && hb < at + text.size()) hit = &m;
          if (overlap == nullptr && b < at + text.size() && at < e) overlap = &m;
        }
        if (hit == nullptr) hit = overlap;
        std::string gs =
            a.contains("sector") && a["sector"].is_string() ? a["sector"].get<std::string>() : "";
        if (hit == nullptr) {
          misses.push_back(Cat({"missing\t", text, "=", code, "\t", doc.text}));
          continue;
        }
        ++found;
        bool ok = country ? hit->country == head3 : hit->code.rfind(head3, 0) == 0;
        if (ok) {
          ++prefix_ok;
        } else {
          misses.push_back(Cat({"code\t", text, "=", code, " got ", hit->code, "\t", doc.text}));
        }
        if (!gs.empty() && gs.size() == 3) {
          ++sector_gold;
          if (hit->sector == gs) {
            sector_ok++;
          } else {
            misses.push_back(
                Cat({"sector\t", text, "=", code, "/", gs, " got ", hit->code, "\t", doc.text}));
          }
        }
      }
    }
  }
  for (const std::string& m : misses) std::printf("miss\t%s\n", m.c_str());
  auto pct = [](size_t a, size_t b) { return b ? 100.0 * a / b : 0.0; };
  std::printf("plover: %zu gold actors with a country/IGO/NGO/IMG code, %zu spelled in the text\n",
              gold, located);
  std::printf(
      "plover: found as a mention %zu (%.1f%%), right country/type prefix %zu (%.1f%% of "
      "found, %.1f%% of spelled)\n",
      found, pct(found, located), prefix_ok, pct(prefix_ok, found), pct(prefix_ok, located));
  std::printf("plover: gold sector given on %zu found actors, same sector %zu (%.1f%%)\n",
              sector_gold, sector_ok, pct(sector_ok, sector_gold));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace sitrep;
  std::string date;
  int repeat = 20;
  bool quiet = false;
  std::string ucdp;
  std::string plover;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--date" && i + 1 < argc) {
      date = argv[++i];
    } else if (a == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--plover" && i + 1 < argc) {
      plover = argv[++i];
    } else if (a == "--ucdp" && i + 1 < argc) {
      ucdp = argv[++i];
    } else if (a == "--quiet") {
      quiet = true;
    } else {
      files.push_back(a);
    }
  }
  auto analyzer = Analyzer::Create({});
  if (!analyzer.ok()) {
    std::cerr << analyzer.status().ToString() << "\n";
    return 2;
  }
  auto recognizer = actors::Recognizer::Create({});
  if (!recognizer.ok()) {
    std::cerr << recognizer.status().ToString() << "\n";
    return 2;
  }
  if (!ucdp.empty()) return RunUcdp(ucdp, **analyzer, **recognizer);
  if (!plover.empty()) return RunPlover(plover, **analyzer, **recognizer);
  const actors::Dictionary& d = (*recognizer)->dictionary();
  for (const std::string& w : (*recognizer)->warnings()) std::cerr << "warning: " << w << "\n";
  std::vector<Document> docs;
  double analyze_cpu = 0;
  // The first "YYYY-MM-DD" in a file name ("syr-2015-10-08-hama.txt").
  auto date_in = [](const std::string& name) -> std::string {
    auto digits = [&](size_t p, size_t n) {
      for (size_t i = p; i < p + n; ++i) {
        if (i >= name.size() || !std::isdigit(static_cast<unsigned char>(name[i]))) return false;
      }
      return true;
    };
    for (size_t p = 0; p + 10 <= name.size(); ++p) {
      if (digits(p, 4) && name[p + 4] == '-' && digits(p + 5, 2) && name[p + 7] == '-' &&
          digits(p + 8, 2)) {
        return name.substr(p, 10);
      }
    }
    return "";
  };
  for (const std::string& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) {
      std::cerr << f << ": cannot read\n";
      continue;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    Document doc;
    doc.id = f;
    doc.text = ss.str();
    std::string base = f.substr(f.find_last_of('/') + 1);
    doc.date = date.empty() ? date_in(base) : date;
    std::clock_t a0 = std::clock();
    Status st = (*analyzer)->Analyze(doc);
    analyze_cpu += static_cast<double>(std::clock() - a0) / CLOCKS_PER_SEC;
    if (!st.ok()) {
      std::cerr << f << ": " << st.ToString() << "\n";
      continue;
    }
    docs.push_back(std::move(doc));
  }
  size_t tokens = 0;
  for (Document& doc : docs) {
    Status st = (*recognizer)->Process(doc);
    if (!st.ok()) std::cerr << doc.id << ": " << st.ToString() << "\n";
    tokens += doc.tokens.size();
    if (quiet) continue;
    for (size_t i = 0; i < doc.mentions.size(); ++i) {
      const ActorMention& m = doc.mentions[i];
      std::string text(doc.Slice(doc.tokens[m.token_begin].begin, doc.tokens[m.token_end - 1].end));
      std::printf("%s:%u\t#%zu [%u,%u)\t\"%s\"\thead=%s\t%s\t%s\t%s%s\n", doc.id.c_str(),
                  m.sentence, i, m.token_begin, m.token_end, text.c_str(),
                  std::string(doc.Form(doc.tokens[m.head])).c_str(), KindName(m.kind),
                  m.code.c_str(), m.name.c_str(),
                  m.antecedent >= 0 ? (" -> #" + std::to_string(m.antecedent)).c_str() : "");
    }
  }
  auto start = std::chrono::steady_clock::now();
  std::clock_t cpu_start = std::clock();
  for (int r = 0; r < repeat; ++r) {
    for (Document& doc : docs) (void)(*recognizer)->Process(doc);
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  using T = actors::EntryType;
  std::printf(
      "dictionary: %zu entries (countries %zu, capitals %zu, demonyms %zu, agents %zu, "
      "organisations %zu, groups %zu, people %zu, references %zu), %zu warnings\n",
      d.entries().size(), d.Count(T::kCountry), d.Count(T::kCapital), d.Count(T::kDemonym),
      d.Count(T::kAgent), d.Count(T::kOrganisation), d.Count(T::kGroup), d.Count(T::kPerson),
      d.Count(T::kReference), d.warnings().size());
  if (secs > 0 && tokens > 0) {
    std::printf(
        "recognizer: %zu tokens x %d in %.3f s wall, %.3f s CPU: %.0f tokens/s wall, %.0f "
        "tokens/s CPU (one thread)\n",
        tokens, repeat, secs, cpu, static_cast<double>(tokens) * repeat / secs,
        cpu > 0 ? static_cast<double>(tokens) * repeat / cpu : 0.0);
    if (analyze_cpu > 0) {
      std::printf(
          "analyzer: %.0f tokens/s CPU (tokenize+tag+parse, once); actors cost %.1f%% of it\n",
          static_cast<double>(tokens) / analyze_cpu, 100.0 * (cpu / repeat) / analyze_cpu);
    }
  }
  return 0;
}
