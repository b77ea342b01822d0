// sitrep_casualties_tool: prints the casualty counts of documents and times
// the stage.
//
//   sitrep_casualties_tool samples/jsonl/articles.jsonl
//   sitrep_casualties_tool --repeat 20 samples/jsonl/articles.jsonl   # throughput
//   echo "Gunmen killed 13 civilians." | sitrep_casualties_tool -
//
// One line per count: doc id, sentence, kind, count, qualifier, victims, side,
// cumulative, repeats, and the event's trigger and CAMEO code.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "casualties/casualties.h"
#include "events/coder.h"
#include "io/reader.h"
#include "pipeline/analyzer.h"

int main(int argc, char** argv) {
  using namespace sitrep;
  int repeat = 0;
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--repeat" && i + 1 < argc) {
      repeat = std::atoi(argv[++i]);
    } else {
      inputs.push_back(a);
    }
  }
  if (inputs.empty()) {
    std::cerr << "usage: sitrep_casualties_tool [--repeat N] FILE.jsonl|FILE.txt|-\n";
    return 2;
  }
  auto analyzer = Analyzer::Create({});
  auto coder = events::CreateCoder({});
  auto stage = casualties::CasualtyStage::Create({});
  if (!analyzer.ok() || !coder.ok() || !stage.ok()) {
    std::cerr << "setup failed\n";
    return 2;
  }
  auto reader = DocumentReader::Create(inputs, {});
  if (!reader.ok()) {
    std::cerr << reader.status().ToString() << "\n";
    return 2;
  }
  std::vector<Document> docs;
  while (auto r = (*reader)->Next()) {
    if (!r->status.ok()) {
      std::cerr << r->status.ToString() << "\n";
      continue;
    }
    Document d = std::move(*r->doc);
    if (!(*analyzer)->Analyze(d).ok() || !(*coder)->Code(d).ok()) continue;
    docs.push_back(std::move(d));
  }
  size_t tokens = 0;
  for (const Document& d : docs) tokens += d.tokens.size();
  if (repeat > 0) {
    auto start = std::chrono::steady_clock::now();
    for (int k = 0; k < repeat; ++k)
      for (Document& d : docs) (void)(*stage)->Process(d);
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%zu docs, %zu tokens x %d: %.3f s, %.0f tokens/s, %.1f us/doc\n", docs.size(),
                tokens, repeat, s, static_cast<double>(tokens) * repeat / s,
                1e6 * s / (static_cast<double>(docs.size()) * repeat));
    return 0;
  }
  for (Document& d : docs) {
    Status st = (*stage)->Process(d);
    if (!st.ok()) std::cerr << d.id << ": " << st.ToString() << "\n";
    for (const Diagnostic& g : d.diagnostics) std::cerr << d.id << ": " << g.message << "\n";
    for (size_t i = 0; i < d.casualties.size(); ++i) {
      const Casualty& c = d.casualties[i];
      std::string ev = "-";
      if (c.event >= 0) {
        const Event& e = d.events[static_cast<size_t>(c.event)];
        ev =
            std::string(d.Slice(d.tokens[e.trigger_begin].begin, d.tokens[e.trigger_end - 1].end)) +
            "/" + e.cameo + "@" + std::to_string(e.sentence);
      }
      std::printf(
          "%s\ts%u\t%s\t%lld\t%s\t[%s]\tvictims=%s\tside=%s\t%s%s\tevent=%s\n", d.id.c_str(),
          c.sentence, CasualtyKindName(c.kind), static_cast<long long>(c.count),
          QualifierName(c.qualifier), std::string(d.Slice(c.begin, c.end)).c_str(),
          c.victims.c_str(), c.side.c_str(), c.cumulative ? "cumulative " : "",
          c.repeats >= 0 ? ("repeats=" + std::to_string(c.repeats)).c_str() : "", ev.c_str());
    }
  }
  return 0;
}
