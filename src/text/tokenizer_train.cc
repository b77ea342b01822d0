#include "text/tokenizer_train.h"

#include <algorithm>
#include <map>
#include <random>
#include <unordered_map>
#include <unordered_set>

namespace sitrep {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Learns the word lists into `d` (which starts with the built-in lists).
void LearnLists(const std::vector<ConlluSentence>& train, int min_count, Tokenizer::Data* d) {
  std::unordered_map<std::string, int> whole, split, abbrev, plain, initial, inside, content;
  for (const ConlluSentence& s : train) {
    const auto& w = s.words;
    for (size_t i = 0; i < w.size(); ++i) {
      const std::string& f = w[i].form;
      // Hyphenated words kept whole: "e-mail" (first part "e").
      size_t h = f.find('-');
      if (h != std::string::npos && h > 0 && h + 1 < f.size() && IsAsciiAlpha(f[h - 1]) &&
          IsAsciiAlpha(f[h + 1]) && f.find("://") == std::string::npos) {
        std::string first = Lower(f.substr(0, h));
        if (std::all_of(first.begin(), first.end(), IsAsciiAlpha)) ++whole[first];
      }
      // Split: w[i] "-" w[i+2] with no spaces.
      if (i + 2 < w.size() && w[i + 1].form == "-" && !w[i].space_after == true &&
          !w[i + 1].space_after && !f.empty() && IsAsciiAlpha(f.back()) && !w[i + 2].form.empty() &&
          IsAsciiAlpha(w[i + 2].form[0])) {
        // The first part is the text after the previous hyphen, if any.
        ++split[Lower(f)];
      }
      // Abbreviations: letters and a final period.
      if (f.size() >= 3 && f.back() == '.' &&
          std::all_of(f.begin(), f.end() - 1, [](char c) { return IsAsciiAlpha(c); }))
        ++abbrev[Lower(f.substr(0, f.size() - 1))];
      ++plain[Lower(f)];
      // Sentence starters.
      if (!f.empty() && f[0] >= 'A' && f[0] <= 'Z') {
        if (i == 0) {
          ++initial[f];
        } else {
          ++inside[f];
        }
        // Content words ("Security", "Open", "Syrian") often continue a
        // name after an abbreviation: "the U.N. Security Council".
        const std::string& u = w[i].upos;
        if (u == "PROPN" || u == "NOUN" || u == "ADJ" || u == "VERB" || u == "NUM" || u == "X" ||
            u == "SYM")
          ++content[f];
      }
    }
  }
  for (const auto& [p, n] : whole) {
    if (n >= min_count && n > split[p]) d->keep_hyphen_prefixes.insert(p);
  }
  for (const auto& [p, n] : split) {
    auto it = whole.find(p);
    int kept = it == whole.end() ? 0 : it->second;
    if (n >= min_count && n > 2 * kept) d->keep_hyphen_prefixes.erase(p);
  }
  // Abbreviations, unless the word is more often an ordinary word ("sun"
  // from "Sun." would make "in the sun. Rebels ..." one sentence).
  for (const auto& [a, n] : abbrev)
    if (n >= min_count && plain[a] < n) d->abbreviations.insert(a);
  for (const auto& [f, n] : initial) {
    int in = inside[f];
    if (n >= min_count + 1 && n >= 4 * in && content[f] * 2 < n + in)
      d->sentence_starters.insert(f);
  }
}

// Averaged perceptron over hashed features (binary decision).
class Perceptron {
 public:
  float Score(const std::vector<uint64_t>& feats) const {
    float s = 0;
    for (uint64_t h : feats) {
      auto it = w_.find(h);
      if (it != w_.end()) s += it->second.w;
    }
    return s;
  }
  void Update(const std::vector<uint64_t>& feats, float delta) {
    for (uint64_t h : feats) {
      Entry& e = w_[h];
      e.total += (step_ - e.stamp) * e.w;
      e.stamp = step_;
      e.w += delta;
    }
  }
  void Tick() { ++step_; }
  std::unordered_map<uint64_t, float> Averaged(float min_weight) const {
    std::unordered_map<uint64_t, float> out;
    for (const auto& [h, e] : w_) {
      double total = e.total + (step_ - e.stamp) * e.w;
      float avg = static_cast<float>(total / std::max<double>(1, step_));
      if (std::abs(avg) > min_weight) out[h] = avg;
    }
    return out;
  }

 private:
  struct Entry {
    float w = 0;
    double total = 0;
    int64_t stamp = 0;
  };
  std::unordered_map<uint64_t, Entry> w_;
  int64_t step_ = 0;
};

struct Example {
  std::vector<uint64_t> feats;
  bool boundary;
};

}  // namespace

StatusOr<std::string> TrainTokenizer(const std::vector<ConlluSentence>& train,
                                     const TokenizerTrainOptions& options) {
  if (train.empty()) return InvalidArgumentError("TrainTokenizer: no training sentences");
  Tokenizer::Data data = Tokenizer::BuiltinData();
  LearnLists(train, options.min_count, &data);
  if (!options.learn_boundaries) {
    return Tokenizer::CreateFromData(TokenizerOptions{}, std::move(data))->Serialize();
  }
  TokenizerOptions rule_options;
  rule_options.learned_boundaries = false;
  auto rules = Tokenizer::CreateFromData(rule_options, data);

  // Split the treebank into documents.
  std::vector<std::pair<size_t, size_t>> docs;
  size_t begin = 0;
  for (size_t i = 1; i <= train.size(); ++i) {
    if (i == train.size() || train[i].new_doc) {
      docs.emplace_back(begin, i);
      begin = i;
    }
  }
  // Examples: every gap of a paragraph where the tokenizer consults the
  // classifier (Tokenizer::ClassifierGap), with the rules' decision as a
  // feature. Label: a gold sentence ends there.
  std::vector<Example> examples;
  std::vector<uint64_t> feats;
  for (const auto& [b, e] : docs) {
    std::vector<ConlluSentence> part(train.begin() + b, train.begin() + e);
    Document gold = DocumentFromConllu(part, false);
    std::unordered_set<uint32_t> gold_ends;
    for (const Sentence& s : gold.sentences)
      if (s.token_end > s.token_begin) gold_ends.insert(gold.tokens[s.token_end - 1].end);
    Document doc;
    doc.text = gold.text;
    if (!rules->Process(doc).ok()) continue;
    // The first and one past the last token of each sentence's paragraph.
    std::vector<uint32_t> para_begins(doc.sentences.size()), para_ends(doc.sentences.size());
    for (size_t si = doc.sentences.size(); si-- > 0;) {
      bool last = si + 1 == doc.sentences.size() ||
                  doc.sentences[si + 1].paragraph != doc.sentences[si].paragraph;
      para_ends[si] = last ? doc.sentences[si].token_end : para_ends[si + 1];
    }
    for (size_t si = 0; si < doc.sentences.size(); ++si) {
      bool first = si == 0 || doc.sentences[si - 1].paragraph != doc.sentences[si].paragraph;
      para_begins[si] = first ? doc.sentences[si].token_begin : para_begins[si - 1];
    }
    for (size_t si = 0; si < doc.sentences.size(); ++si) {
      const Sentence& s = doc.sentences[si];
      bool para_end =
          si + 1 == doc.sentences.size() || doc.sentences[si + 1].paragraph != s.paragraph;
      // The sentence so far starts where the tokenizer, if right, would have
      // started it: at the previous gold boundary of the paragraph.
      uint32_t sentence_begin = s.token_begin;
      if (si > 0 && para_begins[si] == para_begins[si - 1]) {
        uint32_t k = s.token_begin;
        while (k > para_begins[si] && !gold_ends.count(doc.tokens[k - 1].end)) --k;
        sentence_begin = k;
      }
      for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
        bool rule_cut = t + 1 == s.token_end;
        if (rule_cut && para_end) break;
        if (!Tokenizer::ClassifierGap(doc, t, rule_cut)) continue;
        Tokenizer::BoundaryGap gap;
        gap.token = t;
        gap.sentence_begin = sentence_begin;
        gap.paragraph_begin = para_begins[si];
        gap.paragraph_end = para_ends[si];
        gap.rule_cut = rule_cut;
        rules->BoundaryFeatures(doc, gap, &feats);
        bool boundary = gold_ends.count(doc.tokens[t].end) > 0;
        examples.push_back({feats, boundary});
        if (boundary) sentence_begin = t + 1;
      }
    }
  }
  // Several perceptrons, each over its own shuffles, averaged: the result
  // depends much less on the order of the examples than one run does.
  std::unordered_map<uint64_t, float> sum;
  const int runs = std::max(1, options.runs);
  for (int run = 0; run < runs; ++run) {
    Perceptron p;
    std::vector<size_t> order(examples.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::mt19937_64 rng(options.seed + 7919 * static_cast<uint64_t>(run));
    for (int epoch = 0; epoch < options.epochs; ++epoch) {
      std::shuffle(order.begin(), order.end(), rng);
      for (size_t i : order) {
        const Example& ex = examples[i];
        float s = p.Score(ex.feats);
        bool pred = s > 0;
        if (pred != ex.boundary) p.Update(ex.feats, ex.boundary ? 1.0f : -options.negative_update);
        p.Tick();
      }
    }
    for (const auto& [h, w] : p.Averaged(0.0f)) sum[h] += w / runs;
  }
  for (const auto& [h, w] : sum)
    if (std::abs(w) > options.min_weight) data.boundary_weights[h] = w;
  return Tokenizer::CreateFromData(TokenizerOptions{}, std::move(data))->Serialize();
}

}  // namespace sitrep
