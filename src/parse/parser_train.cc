// Training of the arc-hybrid parser: averaged perceptrons, dynamic oracle
// with exploration, lifting of non-projective training trees.
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <map>
#include <random>
#include <set>

#include "parse/parser_internal.h"
#include "parse/parser_train.h"
#include "parse/projectivize.h"

namespace sitrep {
namespace {

using namespace parse_internal;

// Growable key -> dense index map (open addressing, 0 = empty).
class KeyIndex {
 public:
  KeyIndex() { Rehash(1u << 16); }
  int Find(uint32_t key) const {
    uint32_t s = SlotOf(key) & mask_;
    for (;;) {
      if (keys_[s] == key) return idx_[s];
      if (keys_[s] == 0) return -1;
      s = (s + 1) & mask_;
    }
  }
  int FindOrInsert(uint32_t key) {
    uint32_t s = SlotOf(key) & mask_;
    for (;;) {
      if (keys_[s] == key) return idx_[s];
      if (keys_[s] == 0) break;
      s = (s + 1) & mask_;
    }
    keys_[s] = key;
    idx_[s] = size_;
    order_.push_back(key);
    ++size_;
    if (static_cast<uint32_t>(size_) * 2 > mask_) Rehash((mask_ + 1) * 2);
    return size_ - 1;
  }
  int size() const { return size_; }
  uint32_t KeyAt(int i) const { return order_[i]; }

 private:
  void Rehash(uint32_t capacity) {
    keys_.assign(capacity, 0);
    idx_.assign(capacity, -1);
    mask_ = capacity - 1;
    for (int i = 0; i < size_; ++i) {
      uint32_t s = SlotOf(order_[i]) & mask_;
      while (keys_[s] != 0) s = (s + 1) & mask_;
      keys_[s] = order_[i];
      idx_[s] = i;
    }
  }
  std::vector<uint32_t> keys_;
  std::vector<int32_t> idx_;
  std::vector<uint32_t> order_;
  uint32_t mask_ = 0;
  int size_ = 0;
};

// Averaged multi-class perceptron over hashed features (Daume's trick:
// avg = w - acc / time, with acc += time * delta at each update).
class Perceptron {
 public:
  explicit Perceptron(int classes) : classes_(classes) {}
  void Score(const uint32_t* f, int nf, float* scores) const {
    std::fill(scores, scores + classes_, 0.0f);
    for (int i = 0; i < nf; ++i) {
      int k = index_.Find(f[i]);
      if (k < 0) continue;
      const float* row = &w_[static_cast<size_t>(k) * classes_];
      for (int c = 0; c < classes_; ++c) scores[c] += row[c];
    }
  }
  void Update(const uint32_t* f, int nf, int good, int bad) {
    for (int i = 0; i < nf; ++i) {
      int k = index_.FindOrInsert(f[i]);
      size_t base = static_cast<size_t>(k) * classes_;
      if (base + classes_ > w_.size()) {
        w_.resize(base + classes_, 0.0f);
        acc_.resize(base + classes_, 0.0f);
      }
      w_[base + good] += 1;
      acc_[base + good] += time_;
      w_[base + bad] -= 1;
      acc_[base + bad] -= time_;
    }
  }
  void Tick() { ++time_; }
  int size() const { return index_.size(); }
  uint32_t KeyAt(int i) const { return index_.KeyAt(i); }
  float Averaged(int i, int c) const {
    size_t j = static_cast<size_t>(i) * classes_ + c;
    if (j >= w_.size()) return 0;
    return static_cast<float>(w_[j] - acc_[j] / time_);
  }

 private:
  int classes_;
  KeyIndex index_;
  std::vector<float> w_;
  std::vector<double> acc_;
  double time_ = 1;
};

struct TrainSentence {
  Words words;
  std::vector<int> gold_head;   // projectivised, [1..n]
  std::vector<int> gold_label;  // -1 if unknown
};

// Dynamic-oracle costs of the arc-hybrid moves (Goldberg & Nivre 2013): how
// many gold arcs, still reachable, each move makes unreachable.
void MoveCosts(const State& st, const std::vector<int>& gold, const std::vector<char>& on_stack,
               int* costs) {
  const int n = st.n;
  for (int m = 0; m < kNumMoves; ++m) costs[m] = 1 << 20;
  if (st.Legal(kShift)) {
    const int b = st.b;
    int c = 0;
    int g = gold[b];
    if (g != st.stack.back() && g >= 0 && g <= n && on_stack[g]) ++c;
    for (int k : st.stack) c += gold[k] == b;
    costs[kShift] = c;
  }
  if (st.Legal(kLeft) || st.Legal(kRight)) {
    const int s0 = st.stack.back();
    int deps_in_buffer = 0;
    for (int k = st.b; k <= n; ++k) deps_in_buffer += gold[k] == s0;
    const int g = gold[s0];
    const bool head_in_buffer = g >= st.b && g <= n;
    if (st.Legal(kLeft)) {
      const int s1 = st.S(1);
      costs[kLeft] = deps_in_buffer + ((g != st.b && (g == s1 || head_in_buffer)) ? 1 : 0);
    }
    if (st.Legal(kRight)) {
      costs[kRight] = deps_in_buffer + (head_in_buffer ? 1 : 0);
    }
  }
}

std::unique_ptr<Model> BuildModel(const std::vector<std::string>& labels, const Perceptron& moves,
                                  const Perceptron& label_model, float threshold) {
  auto m = std::make_unique<Model>();
  m->labels = labels;
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] == "root") m->root_label = static_cast<int>(i);
    if (labels[i] == "punct") m->punct_label = static_cast<int>(i);
  }
  // Weights go through float16 here so that a serialised and reloaded model
  // behaves exactly like this one.
  auto q = [](float v) { return HalfToFloat(FloatToHalf(v)); };
  std::vector<std::pair<uint32_t, int>> order;
  order.reserve(moves.size());
  for (int i = 0; i < moves.size(); ++i) order.push_back({moves.KeyAt(i), i});
  std::sort(order.begin(), order.end());
  for (auto [key, i] : order) {
    float w[kNumMoves];
    bool keep = false;
    for (int c = 0; c < kNumMoves; ++c) {
      w[c] = q(moves.Averaged(i, c));
      keep |= std::fabs(w[c]) >= threshold;
    }
    if (!keep) continue;
    m->move_keys.push_back(key);
    for (int c = 0; c < kNumMoves; ++c) m->move_weights.push_back(w[c]);
  }
  order.clear();
  for (int i = 0; i < label_model.size(); ++i) order.push_back({label_model.KeyAt(i), i});
  std::sort(order.begin(), order.end());
  m->label_offsets.push_back(0);
  for (auto [key, i] : order) {
    size_t before = m->label_weights.size();
    for (int c = 0; c < static_cast<int>(labels.size()); ++c) {
      float v = q(label_model.Averaged(i, c));
      if (std::fabs(v) >= threshold) m->label_weights.push_back({v, static_cast<uint32_t>(c)});
    }
    if (m->label_weights.size() == before) continue;
    m->label_keys.push_back(key);
    m->label_offsets.push_back(static_cast<uint32_t>(m->label_weights.size()));
  }
  m->BuildTables();
  return m;
}

// Averages the weights of several models over the union of their features
// (a missing feature counts as 0), then prunes and rounds like BuildModel.
std::unique_ptr<Model> MergeModels(const std::vector<std::unique_ptr<Model>>& models,
                                   float threshold) {
  auto m = std::make_unique<Model>();
  const Model& first = *models[0];
  m->labels = first.labels;
  m->root_label = first.root_label;
  m->punct_label = first.punct_label;
  const float scale = 1.0f / static_cast<float>(models.size());
  auto q = [](float v) { return HalfToFloat(FloatToHalf(v)); };
  std::map<uint32_t, std::array<float, kNumMoves>> moves;
  for (const auto& x : models) {
    for (size_t i = 0; i < x->move_keys.size(); ++i) {
      auto& w = moves[x->move_keys[i]];
      for (int c = 0; c < kNumMoves; ++c) w[c] += x->move_weights[i * kNumMoves + c] * scale;
    }
  }
  for (const auto& [key, w] : moves) {
    bool keep = false;
    for (int c = 0; c < kNumMoves; ++c) keep |= std::fabs(w[c]) >= threshold;
    if (!keep) continue;
    m->move_keys.push_back(key);
    for (int c = 0; c < kNumMoves; ++c) m->move_weights.push_back(q(w[c]));
  }
  const size_t num_labels = first.labels.size();
  std::map<uint32_t, std::vector<float>> label_rows;
  for (const auto& x : models) {
    for (size_t i = 0; i < x->label_keys.size(); ++i) {
      auto& row = label_rows[x->label_keys[i]];
      row.resize(num_labels, 0.0f);
      for (uint32_t k = x->label_offsets[i]; k < x->label_offsets[i + 1]; ++k)
        row[x->label_weights[k].label] += x->label_weights[k].w * scale;
    }
  }
  m->label_offsets.push_back(0);
  for (const auto& [key, row] : label_rows) {
    size_t before = m->label_weights.size();
    for (size_t c = 0; c < num_labels; ++c)
      if (std::fabs(row[c]) >= threshold)
        m->label_weights.push_back({q(row[c]), static_cast<uint32_t>(c)});
    if (m->label_weights.size() == before) continue;
    m->label_keys.push_back(key);
    m->label_offsets.push_back(static_cast<uint32_t>(m->label_weights.size()));
  }
  return m;
}

}  // namespace

StatusOr<std::unique_ptr<Parser>> TrainParser(const std::vector<ConlluSentence>& train,
                                              const std::vector<ConlluSentence>& dev,
                                              const ParserTrainOptions& options,
                                              std::ostream* log) {
  using Clock = std::chrono::steady_clock;
  if (options.epochs < 1) return InvalidArgumentError("ParserTrainOptions::epochs must be >= 1");
  const auto start = Clock::now();
  // Label vocabulary, sorted for determinism; "root" always present.
  std::set<std::string> label_set{"root"};
  for (const auto& s : train)
    for (const auto& w : s.words)
      if (!w.deprel.empty() && w.deprel != "_") label_set.insert(w.deprel);
  if (label_set.size() > 250) return InvalidArgumentError("more than 250 dependency labels");
  std::vector<std::string> labels(label_set.begin(), label_set.end());
  std::map<std::string, int> label_id;
  for (size_t i = 0; i < labels.size(); ++i) label_id[labels[i]] = static_cast<int>(i);
  const int root_label = label_id["root"];

  std::vector<TrainSentence> data;
  size_t lifted = 0;
  for (const auto& s : train) {
    const int n = static_cast<int>(s.words.size());
    if (n == 0) continue;
    std::vector<int> heads(n + 1, 0);
    bool ok = true;
    for (int i = 1; i <= n; ++i) {
      heads[i] = s.words[i - 1].head;
      if (heads[i] < 0 || heads[i] > n || heads[i] == i) ok = false;
    }
    if (!ok || !IsTree(heads)) continue;
    lifted += Projectivize(heads);
    TrainSentence t;
    t.words.Resize(n);
    t.gold_head.assign(n + 2, -1);
    t.gold_label.assign(n + 2, -1);
    for (int i = 1; i <= n; ++i) {
      const ConlluWord& w = s.words[i - 1];
      t.words.Set(i, w.form, UposFromName(w.upos), w.xpos, w.lemma);
      t.gold_head[i] = heads[i];
      auto it = label_id.find(w.deprel);
      t.gold_label[i] = it == label_id.end() ? -1 : it->second;
    }
    t.words.Finish();
    data.push_back(std::move(t));
  }
  if (data.empty()) return InvalidArgumentError("no usable training sentence");
  if (log)
    *log << "parser: " << data.size() << " training sentences, " << labels.size() << " labels, "
         << lifted << " arcs lifted\n";

  const int num_labels = static_cast<int>(labels.size());
  const int runs = std::max(1, options.ensemble_runs);
  // With several runs, each keeps its unpruned best epoch; they are merged
  // (weights averaged) and pruned at the end.
  const float run_threshold = runs > 1 ? 0.0f : options.prune_threshold;
  std::vector<std::unique_ptr<Model>> run_models;
  for (int run = 0; run < runs; ++run) {
    Perceptron moves(kNumMoves), label_model(num_labels);
    std::mt19937_64 rng(options.seed + static_cast<uint64_t>(run) * 7919);
    std::vector<size_t> order(data.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;

    State st;
    std::vector<char> on_stack;
    uint32_t feats[kMaxMoveFeatures], lfeats[kMaxLabelFeatures];
    std::vector<float> lscores(num_labels);
    std::unique_ptr<Model> best_model;
    double best_las = -1;
    int best_epoch = 0;
    for (int epoch = 1; epoch <= options.epochs; ++epoch) {
      const auto epoch_start = Clock::now();
      for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
      const bool explore = epoch >= options.explore_from_epoch;
      size_t move_total = 0, move_ok = 0, arcs = 0, label_ok = 0;
      for (size_t oi : order) {
        const TrainSentence& t = data[oi];
        const int n = t.words.n;
        st.Reset(n);
        on_stack.assign(n + 2, 0);
        on_stack[0] = 1;
        while (!st.Terminal()) {
          int nf = MoveFeatures(t.words, st, feats);
          float scores[kNumMoves];
          moves.Score(feats, nf, scores);
          int costs[kNumMoves];
          MoveCosts(st, t.gold_head, on_stack, costs);
          int pred = -1, min_cost = 1 << 20;
          for (int m = 0; m < kNumMoves; ++m) {
            if (!st.Legal(m)) continue;
            if (pred < 0 || scores[m] > scores[pred]) pred = m;
            min_cost = std::min(min_cost, costs[m]);
          }
          int gold = -1;
          for (int m = 0; m < kNumMoves; ++m) {
            if (st.Legal(m) && costs[m] == min_cost && (gold < 0 || scores[m] > scores[gold]))
              gold = m;
          }
          moves.Tick();
          ++move_total;
          int next = pred;
          if (costs[pred] > min_cost) {
            moves.Update(feats, nf, gold, pred);
            const double coin = std::uniform_real_distribution<double>(0, 1)(rng);
            if (!explore || coin >= options.explore_probability) next = gold;
          } else {
            ++move_ok;
          }
          int label = kNoLabel;
          if (next != kShift) {
            int h, d;
            st.ArcOf(next, &h, &d);
            if (h == 0) {
              label = root_label;
            } else {
              int lf = LabelFeatures(t.words, st, h, d, lfeats);
              label_model.Score(lfeats, lf, lscores.data());
              int lp = -1;
              for (int k = 0; k < num_labels; ++k) {
                if (k != root_label && (lp < 0 || lscores[k] > lscores[lp])) lp = k;
              }
              const int lg = t.gold_label[d];
              label_model.Tick();
              label = lp;
              if (lg >= 0 && lg != root_label &&
                  (!options.label_correct_heads_only || t.gold_head[d] == h)) {
                ++arcs;
                if (lp != lg) {
                  label_model.Update(lfeats, lf, lg, lp);
                } else {
                  ++label_ok;
                }
                if (!explore) label = lg;
              }
            }
            on_stack[d] = 0;
          } else {
            on_stack[st.b] = 1;
          }
          st.Apply(next, label);
        }
      }
      double train_seconds = std::chrono::duration<double>(Clock::now() - epoch_start).count();
      if (log) {
        *log << "parser: epoch " << epoch << " moves "
             << 100.0 * move_ok / std::max<size_t>(1, move_total) << "% labels "
             << 100.0 * label_ok / std::max<size_t>(1, arcs) << "% features " << moves.size() << "/"
             << label_model.size() << " (" << train_seconds << " s)";
      }
      const bool last = epoch == options.epochs;
      if (!dev.empty() && options.keep_best_epoch) {
        auto model = BuildModel(labels, moves, label_model, run_threshold);
        Parser candidate(std::move(model));
        ParserScores s = EvaluateParser(candidate, dev, dev);
        if (log) *log << " dev UAS " << s.uas << " LAS " << s.las_universal << " full " << s.las;
        if (s.las_universal > best_las) {
          best_las = s.las_universal;
          best_epoch = epoch;
          best_model = std::make_unique<Model>(candidate.model());
        }
      } else if (last) {
        best_model = BuildModel(labels, moves, label_model, run_threshold);
        best_epoch = epoch;
      }
      if (log) *log << "\n" << std::flush;
    }
    if (log)
      *log << "parser: run " << run + 1 << "/" << runs << " kept epoch " << best_epoch << "\n";
    run_models.push_back(std::move(best_model));
  }
  std::unique_ptr<Model> best_model =
      runs == 1 ? std::move(run_models[0]) : MergeModels(run_models, options.prune_threshold);
  const int best_epoch = 0;
  (void)best_epoch;
  best_model->BuildTables();
  if (log) {
    if (runs > 1 && !dev.empty()) {
      Parser merged(std::make_unique<Model>(*best_model));
      ParserScores sc = EvaluateParser(merged, dev, dev);
      *log << "parser: merged " << runs << " runs: dev UAS " << sc.uas << " LAS "
           << sc.las_universal << " full " << sc.las << "\n";
    }
    *log << "parser: " << best_model->move_keys.size() << " move and "
         << best_model->label_keys.size() << " label features, "
         << std::chrono::duration<double>(Clock::now() - start).count() << " s\n";
  }
  return std::make_unique<Parser>(std::move(best_model));
}

}  // namespace sitrep
