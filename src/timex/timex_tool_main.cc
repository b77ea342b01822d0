// sitrep_timex_tool: prints the time expressions and event dates of text.
//
//   sitrep_timex_tool 2019-01-01 "Gunmen attacked a checkpoint on Thursday."
//   sitrep_timex_tool --repeat 200 2019-01-01 FILE.txt   (throughput of the stage)
//   sitrep_timex_tool --lines 2019-01-01 FILE.txt        (each line is a document)
// An argument naming an existing file is read as the text.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "events/coder.h"
#include "pipeline/analyzer.h"
#include "timex/timex_stage.h"

int main(int argc, char** argv) {
  using namespace sitrep;
  int repeat = 0;
  int a = 1;
  bool lines = false;
  if (argc > 2 && std::string(argv[1]) == "--repeat") {
    repeat = std::atoi(argv[2]);
    a = 3;
  } else if (argc > 1 && std::string(argv[1]) == "--lines") {
    lines = true;
    a = 2;
  }
  if (argc - a < 2) {
    std::fprintf(stderr, "usage: %s [--repeat N] STORY_DATE TEXT|FILE\n", argv[0]);
    return 2;
  }
  Document doc;
  doc.id = "t";
  doc.date = argv[a];
  std::string text = argv[a + 1];
  if (std::ifstream in(text); in) {
    std::stringstream ss;
    ss << in.rdbuf();
    text = ss.str();
  }
  doc.text = text;
  auto analyzer = Analyzer::Create({});
  auto coder = events::CreateCoder({});
  if (!analyzer.ok() || !coder.ok()) {
    std::fprintf(stderr, "cannot load model or coder\n");
    return 1;
  }
  if (lines) {
    std::istringstream in(text);
    std::string line;
    sitrep::timex::TimexStage stage;
    while (std::getline(in, line)) {
      Document d;
      d.date = doc.date;
      d.text = line;
      if (!(*analyzer)->Analyze(d).ok() || !(*coder)->Code(d).ok() || !stage.Process(d).ok()) {
        continue;
      }
      std::string found;
      for (const TimeExpression& t : d.times) {
        found += " [" + std::string(d.Slice(t.begin, t.end)) + "=" + t.value + "]";
      }
      std::printf("%s\t%s\n", found.empty() ? "-" : found.c_str(), line.c_str());
    }
    return 0;
  }
  if (Status s = (*analyzer)->Analyze(doc); !s.ok()) return 1;
  if (Status s = (*coder)->Code(doc); !s.ok()) return 1;
  sitrep::timex::TimexStage stage;
  if (repeat > 0) {
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < repeat; ++i) (void)stage.Process(doc);
    double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("%d x %zu sentences in %.3f s: %.0f sentences/s\n", repeat, doc.sentences.size(),
                sec, repeat * doc.sentences.size() / sec);
    return 0;
  }
  (void)stage.Process(doc);
  for (size_t i = 0; i < doc.times.size(); ++i) {
    const TimeExpression& t = doc.times[i];
    std::printf("time %zu s%u \"%s\" kind=%d value=%s prec=%s range=%s..%s problem=%s\n", i,
                t.sentence, std::string(doc.Slice(t.begin, t.end)).c_str(),
                static_cast<int>(t.kind), t.value.c_str(), DatePrecisionName(t.precision),
                t.range_begin.c_str(), t.range_end.c_str(), t.problem.c_str());
  }
  for (const Event& e : doc.events) {
    std::printf(
        "event s%u \"%s\" %s mod=%s rep=%d time=%d date=%s prec=%s basis=%s\n", e.sentence,
        std::string(doc.Slice(doc.tokens[e.trigger_begin].begin, doc.tokens[e.trigger_end - 1].end))
            .c_str(),
        e.cameo.c_str(), ModalityName(e.modality), e.reported_by, e.time, e.date.c_str(),
        DatePrecisionName(e.date_precision), DateBasisName(e.date_basis));
  }
  for (const Diagnostic& d : doc.diagnostics) std::printf("diag: %s\n", d.message.c_str());
  return 0;
}
