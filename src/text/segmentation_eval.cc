// EvaluateSegmentation and SegmentationDiff (see tokenizer.h).
#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "text/tokenizer.h"

namespace sitrep {
namespace {

using SpanKey = std::tuple<uint32_t, uint32_t, std::string_view>;

std::vector<SpanKey> TokenKeys(const Document& doc) {
  std::vector<SpanKey> keys;
  keys.reserve(doc.tokens.size());
  for (const Token& t : doc.tokens) keys.emplace_back(t.begin, t.end, doc.Form(t));
  std::sort(keys.begin(), keys.end());
  return keys;
}

std::vector<std::pair<uint32_t, uint32_t>> SentenceKeys(const Document& doc) {
  std::vector<std::pair<uint32_t, uint32_t>> keys;
  for (const Sentence& s : doc.sentences) {
    if (s.token_end <= s.token_begin) continue;
    keys.emplace_back(doc.tokens[s.token_begin].begin, doc.tokens[s.token_end - 1].end);
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

template <typename T>
size_t CountCommon(const std::vector<T>& a, const std::vector<T>& b) {
  size_t i = 0, j = 0, n = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++n;
      ++i;
      ++j;
    }
  }
  return n;
}

void Prf(size_t correct, size_t pred, size_t gold, double* p, double* r, double* f) {
  *p = pred ? static_cast<double>(correct) / pred : 0;
  *r = gold ? static_cast<double>(correct) / gold : 0;
  *f = (*p + *r) > 0 ? 2 * *p * *r / (*p + *r) : 0;
}

}  // namespace

SegmentationScores EvaluateSegmentation(const Tokenizer& tok,
                                        const std::vector<ConlluSentence>& gold) {
  SegmentationScores s;
  if (gold.empty()) return s;
  Document gold_doc = DocumentFromConllu(gold, false);
  Document pred;
  pred.text = gold_doc.text;
  if (!tok.Process(pred).ok()) return s;
  auto gt = TokenKeys(gold_doc), pt = TokenKeys(pred);
  auto gs = SentenceKeys(gold_doc), ps = SentenceKeys(pred);
  s.gold_tokens = gt.size();
  s.pred_tokens = pt.size();
  s.gold_sents = gs.size();
  s.pred_sents = ps.size();
  Prf(CountCommon(gt, pt), pt.size(), gt.size(), &s.tok_p, &s.tok_r, &s.tok_f1);
  Prf(CountCommon(gs, ps), ps.size(), gs.size(), &s.sent_p, &s.sent_r, &s.sent_f1);
  return s;
}

std::string SegmentationDiff(const Tokenizer& tok, const std::vector<ConlluSentence>& gold) {
  std::string out;
  if (gold.empty()) return out;
  Document gold_doc = DocumentFromConllu(gold, false);
  Document pred;
  pred.text = gold_doc.text;
  if (!tok.Process(pred).ok()) return out;
  // Sentences.
  auto gs = SentenceKeys(gold_doc), ps = SentenceKeys(pred);
  std::vector<std::pair<uint32_t, uint32_t>> only_g, only_p;
  std::set_difference(gs.begin(), gs.end(), ps.begin(), ps.end(), std::back_inserter(only_g));
  std::set_difference(ps.begin(), ps.end(), gs.begin(), gs.end(), std::back_inserter(only_p));
  for (const auto& [b, e] : only_g) out += "SENT-GOLD\t" + std::string(gold_doc.Slice(b, e)) + "\n";
  for (const auto& [b, e] : only_p) out += "SENT-PRED\t" + std::string(pred.Slice(b, e)) + "\n";
  // Tokens: print the gold words with some context where they differ.
  auto gt = TokenKeys(gold_doc), pt = TokenKeys(pred);
  std::vector<SpanKey> tg, tp;
  std::set_difference(gt.begin(), gt.end(), pt.begin(), pt.end(), std::back_inserter(tg));
  std::set_difference(pt.begin(), pt.end(), gt.begin(), gt.end(), std::back_inserter(tp));
  auto context = [&](uint32_t b, uint32_t e) {
    uint32_t cb = b > 20 ? b - 20 : 0;
    uint32_t ce = std::min<uint32_t>(static_cast<uint32_t>(pred.text.size()), e + 20);
    std::string c(pred.Slice(cb, ce));
    for (char& ch : c)
      if (ch == '\n') ch = ' ';
    return c;
  };
  for (const auto& [b, e, f] : tg)
    out += "TOK-GOLD\t" + std::string(f) + "\t" + context(b, e) + "\n";
  for (const auto& [b, e, f] : tp)
    out += "TOK-PRED\t" + std::string(f) + "\t" + context(b, e) + "\n";
  return out;
}

}  // namespace sitrep
