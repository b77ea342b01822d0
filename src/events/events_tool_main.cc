// sitrep_events_tool: prints the events sitrep's own coder finds in text files
// (one sentence per line or articles), and times analyze vs analyze + code.
//
//   sitrep_events_tool samples/syr-2015-10-08-hama.txt
//   sitrep_events_tool --lines sentences.txt        # each line its own document
//   sitrep_events_tool --repeat 20 samples/*.txt    # speed: analyze vs analyze+code
//   sitrep_events_tool --lines --parse f.txt        # also each sentence's tags and tree
//
// Outside --repeat the analyzer is built with the coder, as `sitrep code`
// builds it (the coder's verbs reach the tagger).
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "core/document.h"
#include "events/coder.h"
#include "pipeline/analyzer.h"

namespace {

std::string MentionText(const sitrep::Document& doc, int32_t m) {
  if (m < 0) return "-";
  const sitrep::ActorMention& am = doc.mentions[m];
  std::string s(doc.Slice(doc.tokens[am.token_begin].begin, doc.tokens[am.token_end - 1].end));
  if (!am.code.empty()) s += "/" + am.code;
  return s;
}

void Print(const sitrep::Document& doc) {
  for (size_t i = 0; i < doc.events.size(); ++i) {
    const sitrep::Event& e = doc.events[i];
    std::string trig(
        doc.Slice(doc.tokens[e.trigger_begin].begin, doc.tokens[e.trigger_end - 1].end));
    std::cout << "  [" << i << "] s" << e.sentence << " " << e.cameo << " \"" << trig << "\"  "
              << MentionText(doc, e.source) << " -> " << MentionText(doc, e.target);
    if (e.negated) std::cout << "  NEG";
    if (e.modality != sitrep::Modality::kFactual)
      std::cout << "  " << sitrep::ModalityName(e.modality);
    if (e.reported_by >= 0) std::cout << "  reported_by=" << e.reported_by;
    if (!e.plover_mode.empty()) std::cout << "  mode=" << e.plover_mode;
    std::cout << "  conf=" << e.confidence << "\n";
  }
}

// Each sentence's words as form/UPOS/XPOS and its relations head(dependent).
void PrintParse(const sitrep::Document& doc) {
  for (const sitrep::Sentence& s : doc.sentences) {
    std::cout << "   ";
    for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
      const sitrep::Token& tok = doc.tokens[t];
      std::cout << " " << doc.Form(tok) << "/" << sitrep::UposName(tok.upos) << "/" << tok.xpos;
    }
    std::cout << "\n   ";
    for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
      const sitrep::Token& tok = doc.tokens[t];
      const int32_t h = doc.HeadIndex(s, t);
      const std::string_view head = h < 0 ? std::string_view("ROOT") : doc.Form(doc.tokens[h]);
      std::cout << " " << tok.deprel << "(" << head << "," << doc.Form(tok) << ")";
    }
    std::cout << "\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 0;
  bool lines = false;
  bool parse = false;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) {
      repeat = std::atoi(argv[++i]);
    } else if (std::strcmp(argv[i], "--lines") == 0) {
      lines = true;
    } else if (std::strcmp(argv[i], "--parse") == 0) {
      parse = true;
    } else {
      files.emplace_back(argv[i]);
    }
  }
  auto coder = sitrep::events::Coder::Create({});
  if (!coder.ok()) {
    std::cerr << coder.status().ToString() << "\n";
    return 1;
  }
  for (const std::string& w : (*coder)->warnings()) std::cerr << "warning: " << w << "\n";
  std::vector<sitrep::Document> docs;
  for (const std::string& f : files) {
    std::ifstream in(f);
    if (!in) {
      std::cerr << "cannot open " << f << "\n";
      return 1;
    }
    if (lines) {
      std::string line;
      while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        sitrep::Document d;
        d.id = f;
        d.text = line;
        docs.push_back(std::move(d));
      }
    } else {
      std::stringstream ss;
      ss << in.rdbuf();
      sitrep::Document d;
      d.id = f;
      d.text = ss.str();
      docs.push_back(std::move(d));
    }
  }
  if (repeat > 0) {
    // Analysis alone, then coding, timed apart (no coder inside the analyzer).
    auto analyzer = sitrep::Analyzer::Create({});
    if (!analyzer.ok()) {
      std::cerr << analyzer.status().ToString() << "\n";
      return 1;
    }
    using Clock = std::chrono::steady_clock;
    double analyze_s = 0, code_s = 0;
    size_t tokens = 0, events = 0;
    for (int r = 0; r < repeat; ++r) {
      for (sitrep::Document& d : docs) {
        auto t0 = Clock::now();
        if (!(*analyzer)->Analyze(d).ok()) return 1;
        auto t1 = Clock::now();
        if (!(*coder)->Code(d).ok()) return 1;
        auto t2 = Clock::now();
        analyze_s += std::chrono::duration<double>(t1 - t0).count();
        code_s += std::chrono::duration<double>(t2 - t1).count();
        tokens += d.tokens.size();
        events += d.events.size();
      }
    }
    std::printf(
        "%zu tokens, %zu events: analyze %.3f s (%.0f tokens/s), code %.3f s (%.0f tokens/s), "
        "coding adds %.1f%%\n",
        tokens, events, analyze_s, tokens / analyze_s, code_s, tokens / code_s,
        100.0 * code_s / analyze_s);
    return 0;
  }
  sitrep::AnalyzerOptions coding;
  coding.coder = coder->get();
  auto coding_analyzer = sitrep::Analyzer::Create(coding);
  if (!coding_analyzer.ok()) {
    std::cerr << coding_analyzer.status().ToString() << "\n";
    return 1;
  }
  for (sitrep::Document& d : docs) {
    if (!(*coding_analyzer)->Analyze(d).ok()) return 1;
    if (lines) {
      std::cout << d.text << "\n";
    } else {
      std::cout << d.id << "\n";
    }
    if (!lines) {
      for (size_t si = 0; si < d.sentences.size(); ++si) {
        bool any = false;
        for (const auto& e : d.events) any = any || e.sentence == si;
        if (any)
          std::cout << " s" << si << ": " << d.Slice(d.sentences[si].begin, d.sentences[si].end)
                    << "\n";
      }
    }
    if (parse) PrintParse(d);
    Print(d);
  }
  return 0;
}
