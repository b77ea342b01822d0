// sitrep_attribution_tool: prints every coded event with its attribution.
//
//   sitrep_attribution_tool FILE...          one document per non-empty line (a JSON
//                                            line's "text" if it is a JSON object)
//   sitrep_attribution_tool --gigaword DIR   the <Text> records of
//                                            DIR/petrarch2/text/GigaWord.sample.PETR.xml
//   sitrep_attribution_tool --case2021 DIR   the snippets of DIR/case2021-task2/
//                                            test_set_final_release_with_labels.tsv
//   --sentences                              print each event's sentence too
//   --repeat N                               time the attribution stage alone N times
//
// Output, one event a line:
//   doc.sentence  trigger  cameo  actor-source  STATUS  source="..."  cue="..."
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "attribution/attribution.h"
#include "coding/news_corpus.h"
#include "events/coder.h"
#include "pipeline/analyzer.h"

namespace {

std::string Text(const sitrep::Document& doc, uint32_t b, uint32_t e) {
  return e > b ? std::string(doc.Slice(b, e)) : std::string();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace sitrep;
  std::vector<std::string> texts;
  int repeat = 0;
  bool show_sentences = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--sentences") {
      show_sentences = true;
    } else if (a == "--repeat" && i + 1 < argc) {
      repeat = std::atoi(argv[++i]);
    } else if (a == "--case2021" && i + 1 < argc) {
      // CASE 2021 task 2 snippets: id <TAB> EventSnippet <TAB> SubType, header first.
      std::ifstream in(std::string(argv[++i]) +
                       "/case2021-task2/test_set_final_release_with_labels.tsv");
      std::string line;
      bool header = true;
      while (std::getline(in, line)) {
        size_t a1 = line.find('\t');
        size_t a2 = a1 == std::string::npos ? a1 : line.find('\t', a1 + 1);
        if (header || a2 == std::string::npos) {
          header = false;
          continue;
        }
        texts.push_back(line.substr(a1 + 1, a2 - a1 - 1));
      }
    } else if (a == "--gigaword" && i + 1 < argc) {
      std::ifstream in(std::string(argv[++i]) + "/petrarch2/text/GigaWord.sample.PETR.xml");
      std::stringstream ss;
      ss << in.rdbuf();
      for (std::string& t : PetrarchRecordTexts(ss.str())) texts.push_back(std::move(t));
    } else {
      std::ifstream in(a);
      if (!in) {
        std::cerr << "cannot read " << a << "\n";
        return 2;
      }
      std::string line;
      while (std::getline(in, line)) {
        if (line.empty()) continue;
        if (line[0] == '{') {  // JSON Lines: {"text": ...}
          auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
          if (j.is_object() && j.contains("text") && j["text"].is_string()) {
            texts.push_back(j["text"].get<std::string>());
            continue;
          }
        }
        texts.push_back(line);
      }
    }
  }
  auto analyzer = Analyzer::Create({});
  auto coder = events::CreateCoder({});
  if (!analyzer.ok() || !coder.ok()) {
    std::cerr << "cannot load the analyzer or the coder\n";
    return 2;
  }
  std::vector<Document> docs;
  for (size_t i = 0; i < texts.size(); ++i) {
    Document d;
    d.id = std::to_string(i);
    d.text = texts[i];
    if (!(*analyzer)->Analyze(d).ok() || !(*coder)->Code(d).ok()) continue;
    docs.push_back(std::move(d));
  }
  attribution::AttributionStage stage;
  size_t events = 0, tokens = 0;
  for (Document& d : docs) {
    Status st = stage.Process(d);
    if (!st.ok()) std::cerr << d.id << ": " << st.ToString() << "\n";
    events += d.events.size();
    tokens += d.tokens.size();
    for (const Event& e : d.events) {
      const Attribution& a = e.attribution;
      std::string actor =
          e.source >= 0 ? std::string(d.Slice(d.tokens[d.mentions[e.source].token_begin].begin,
                                              d.tokens[d.mentions[e.source].token_end - 1].end))
                        : "-";
      std::string sentence = show_sentences ? "\t| " + Text(d, d.sentences[e.sentence].begin,
                                                            d.sentences[e.sentence].end)
                                            : "";
      std::string who = a.mention >= 0 ? " [" + d.mentions[a.mention].code + "]" : "";
      std::printf("%s.%u\t%s\t%s\t%s\t%s%s\tsource=\"%s\"%s\tcue=\"%s\"%s\n", d.id.c_str(),
                  e.sentence,
                  Text(d, d.tokens[e.trigger_begin].begin, d.tokens[e.trigger_end - 1].end).c_str(),
                  e.cameo.c_str(), actor.c_str(), AttributionStatusName(a.status),
                  e.negated ? " (negated)" : "", Text(d, a.begin, a.end).c_str(), who.c_str(),
                  Text(d, a.cue_begin, a.cue_end).c_str(), sentence.c_str());
    }
  }
  if (repeat > 0) {
    auto t0 = std::chrono::steady_clock::now();
    for (int r = 0; r < repeat; ++r) {
      for (Document& d : docs) (void)stage.Process(d);
    }
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr,
                 "attribution stage: %zu docs, %zu tokens, %zu events x %d in %.3f s: "
                 "%.0f tokens/s, %.0f events/s\n",
                 docs.size(), tokens, events, repeat, s, tokens * repeat / s, events * repeat / s);
  }
  return 0;
}
