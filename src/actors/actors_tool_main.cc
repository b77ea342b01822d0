// sitrep_actors_tool: prints the actor mentions of text files and measures the
// recognizer's speed (parse once, recognise many times).
//
//   build/src/actors/sitrep_actors_tool [--date YYYY-MM-DD] [--repeat N] samples/*.txt
//   syr-2015-10-08-hama.txt:3  [0,2) "Syrian troops"  kAgent SYRMIL
//   ...
//   dictionary: countries 249 ... ; 512000 tokens in 0.21 s: 2.4M tokens/s
//
// A file name starting with a date ("syr-2015-10-08-hama.txt") sets doc.date.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

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

}  // namespace

int main(int argc, char** argv) {
  using namespace sitrep;
  std::string date;
  int repeat = 20;
  bool quiet = false;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--date" && i + 1 < argc) {
      date = argv[++i];
    } else if (a == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
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
  const actors::Dictionary& d = (*recognizer)->dictionary();
  for (const std::string& w : (*recognizer)->warnings()) std::cerr << "warning: " << w << "\n";
  std::vector<Document> docs;
  const std::regex date_re("([0-9]{4}-[0-9]{2}-[0-9]{2})");
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
    std::smatch m;
    std::string base = f.substr(f.find_last_of('/') + 1);
    if (!date.empty()) {
      doc.date = date;
    } else if (std::regex_search(base, m, date_re)) {
      doc.date = m[1];
    }
    Status st = (*analyzer)->Analyze(doc);
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
  for (int r = 0; r < repeat; ++r) {
    for (Document& doc : docs) (void)(*recognizer)->Process(doc);
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  using T = actors::EntryType;
  std::printf(
      "dictionary: %zu entries (countries %zu, capitals %zu, demonyms %zu, agents %zu, "
      "organisations %zu, groups %zu, people %zu, references %zu), %zu warnings\n",
      d.entries().size(), d.Count(T::kCountry), d.Count(T::kCapital), d.Count(T::kDemonym),
      d.Count(T::kAgent), d.Count(T::kOrganisation), d.Count(T::kGroup), d.Count(T::kPerson),
      d.Count(T::kReference), d.warnings().size());
  if (secs > 0 && tokens > 0) {
    std::printf("recognizer: %zu tokens x %d in %.3f s: %.0f tokens/s (one thread)\n", tokens,
                repeat, secs, static_cast<double>(tokens) * repeat / secs);
  }
  return 0;
}
