#include "pipeline/evaluate.h"

#include <chrono>
#include <cstdio>
#include <map>

namespace sitrep {
namespace {

double F1(size_t correct, size_t gold, size_t system) {
  if (gold + system == 0) return 1.0;
  return 2.0 * static_cast<double>(correct) / static_cast<double>(gold + system);
}

std::string_view Universal(std::string_view deprel) {
  size_t colon = deprel.find(':');
  return colon == std::string_view::npos ? deprel : deprel.substr(0, colon);
}

// Absolute token index of each token's head, or -1 for the root / unparsed.
std::vector<int64_t> AbsoluteHeads(const Document& d) {
  std::vector<int64_t> heads(d.tokens.size(), -1);
  for (const Sentence& s : d.sentences) {
    for (uint32_t i = s.token_begin; i < s.token_end; ++i) {
      int h = d.tokens[i].head;
      heads[i] = h > 0 ? static_cast<int64_t>(s.token_begin) + h - 1 : -1;
    }
  }
  return heads;
}

uint64_t SpanKey(uint32_t b, uint32_t e) { return (static_cast<uint64_t>(b) << 32) | e; }

}  // namespace

EvalScores CompareDocuments(const Document& sys, const Document& gold) {
  EvalScores out;
  out.gold_words = gold.tokens.size();
  out.system_words = sys.tokens.size();
  out.gold_sentences = gold.sentences.size();
  out.system_sentences = sys.sentences.size();

  // Sentences: match by identical span (ignoring surrounding whitespace).
  std::map<uint64_t, int> gold_sents;
  for (const Sentence& s : gold.sentences) gold_sents[SpanKey(s.begin, s.end)]++;
  size_t sent_ok = 0;
  for (const Sentence& s : sys.sentences) {
    auto it = gold_sents.find(SpanKey(s.begin, s.end));
    if (it != gold_sents.end() && it->second > 0) {
      --it->second;
      ++sent_ok;
    }
  }
  out.sentences = F1(sent_ok, gold.sentences.size(), sys.sentences.size());

  // Words: align by identical span; several words sharing one span (a
  // multiword token whose parts are not substrings) align in order.
  std::map<uint64_t, std::vector<size_t>> gold_by_span;
  for (size_t i = 0; i < gold.tokens.size(); ++i) {
    gold_by_span[SpanKey(gold.tokens[i].begin, gold.tokens[i].end)].push_back(i);
  }
  std::map<uint64_t, size_t> used;
  std::vector<int64_t> sys_to_gold(sys.tokens.size(), -1);
  for (size_t i = 0; i < sys.tokens.size(); ++i) {
    uint64_t key = SpanKey(sys.tokens[i].begin, sys.tokens[i].end);
    auto it = gold_by_span.find(key);
    if (it == gold_by_span.end()) continue;
    size_t& u = used[key];
    if (u < it->second.size()) sys_to_gold[i] = static_cast<int64_t>(it->second[u++]);
  }
  std::vector<int64_t> sys_heads = AbsoluteHeads(sys), gold_heads = AbsoluteHeads(gold);
  size_t aligned = 0, upos = 0, xpos = 0, lemma = 0, uas = 0, las = 0, las_full = 0;
  for (size_t i = 0; i < sys.tokens.size(); ++i) {
    int64_t g = sys_to_gold[i];
    if (g < 0) continue;
    ++aligned;
    const Token& st = sys.tokens[i];
    const Token& gt = gold.tokens[g];
    if (st.upos == gt.upos) ++upos;
    if (st.xpos == gt.xpos) ++xpos;
    if (st.lemma == gt.lemma) ++lemma;
    int64_t sh = sys_heads[i], gh = gold_heads[g];
    bool head_ok = (sh < 0 && gh < 0 && st.head == 0 && gt.head == 0) ||
                   (sh >= 0 && gh >= 0 && sys_to_gold[sh] == gh);
    if (head_ok) {
      ++uas;
      if (Universal(st.deprel) == Universal(gt.deprel)) ++las;
      if (st.deprel == gt.deprel) ++las_full;
    }
  }
  size_t gw = gold.tokens.size(), sw = sys.tokens.size();
  out.tokens = F1(aligned, gw, sw);
  out.upos = F1(upos, gw, sw);
  out.xpos = F1(xpos, gw, sw);
  out.lemmas = F1(lemma, gw, sw);
  out.uas = F1(uas, gw, sw);
  out.las = F1(las, gw, sw);
  out.las_full = F1(las_full, gw, sw);
  return out;
}

EvalScores EvaluateGoldTokenization(const Analyzer& analyzer,
                                    const std::vector<ConlluSentence>& gold) {
  Document gold_doc = DocumentFromConllu(gold, /*keep_annotation=*/true);
  Document sys = DocumentFromConllu(gold, /*keep_annotation=*/false);
  auto t0 = std::chrono::steady_clock::now();
  Status s = analyzer.AnalyzePretokenized(sys);
  auto t1 = std::chrono::steady_clock::now();
  EvalScores out = CompareDocuments(sys, gold_doc);
  out.seconds = std::chrono::duration<double>(t1 - t0).count();
  if (!s.ok()) std::fprintf(stderr, "evaluate: %s\n", s.ToString().c_str());
  return out;
}

EvalScores EvaluateRawText(const Analyzer& analyzer, const std::vector<ConlluSentence>& gold) {
  Document gold_doc = DocumentFromConllu(gold, /*keep_annotation=*/true);
  Document sys;
  sys.text = gold_doc.text;
  auto t0 = std::chrono::steady_clock::now();
  Status s = analyzer.Analyze(sys);
  auto t1 = std::chrono::steady_clock::now();
  EvalScores out = CompareDocuments(sys, gold_doc);
  out.seconds = std::chrono::duration<double>(t1 - t0).count();
  if (!s.ok()) std::fprintf(stderr, "evaluate: %s\n", s.ToString().c_str());
  return out;
}

std::string FormatScores(const EvalScores& s, bool gold_tokenization) {
  char buf[1024];
  const char* kind = gold_tokenization ? "accuracy" : "F1";
  int n = std::snprintf(buf, sizeof buf,
                        "words      gold %zu, system %zu\n"
                        "sentences  gold %zu, system %zu\n"
                        "UPOS       %s %.2f\n"
                        "XPOS       %s %.2f\n"
                        "lemmas     %s %.2f\n"
                        "UAS        %s %.2f\n"
                        "LAS        %s %.2f   (universal relations, as the CoNLL 2018 script)\n"
                        "LAS full   %s %.2f   (with subtypes: nsubj:pass, obl:tmod, ...)\n",
                        s.gold_words, s.system_words, s.gold_sentences, s.system_sentences, kind,
                        100 * s.upos, kind, 100 * s.xpos, kind, 100 * s.lemmas, kind, 100 * s.uas,
                        kind, 100 * s.las, kind, 100 * s.las_full);
  std::string out(buf, n > 0 ? static_cast<size_t>(n) : 0);
  if (!gold_tokenization) {
    char b2[256];
    std::snprintf(b2, sizeof b2, "sentence F1 %.2f\ntoken F1    %.2f\n", 100 * s.sentences,
                  100 * s.tokens);
    out = b2 + out;
  }
  return out;
}

}  // namespace sitrep
