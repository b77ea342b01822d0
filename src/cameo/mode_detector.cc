// ModeDetector: finds the PLOVER mode in an event's clause (see cameo.h).
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <utility>

#include "cameo/cameo.h"
#include "core/binary_io.h"
#include "core/paths.h"
#include "core/strings.h"

namespace sitrep::cameo {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// ASCII lower case, hyphens dropped: "Air-Strike" -> "airstrike".
std::string Key(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '-') continue;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

std::string BaseName(std::string_view path) {
  size_t slash = path.find_last_of('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

// Dependents that belong to the event's own clause and can name its means:
// subjects ("warplanes bombed"), objects ("fired mortar rounds"), obliques
// ("killed in an air strike"), compounds ("drone strike"), modifiers
// ("roadside bomb"), open complements ("threatened to impose a curfew") and
// noun complements ("an attempt to assassinate"). Not conjuncts, relative or
// other clauses, or function words.
bool FollowRelation(std::string_view deprel) {
  if (deprel == "acl:relcl") return false;
  std::string_view base = deprel.substr(0, deprel.find(':'));
  static constexpr std::string_view kFollow[] = {"nsubj",    "obj",   "iobj",  "obl",  "nmod",
                                                 "compound", "amod",  "appos", "flat", "advmod",
                                                 "nummod",   "xcomp", "acl"};
  for (std::string_view f : kFollow)
    if (base == f) return true;
  return false;
}

// Relations of a trigger word that is not the event's own head: an auxiliary
// ("have [been killed]"), a modifier ("roadside [bombing]", "sexually
// [abused]"). The word it depends on belongs to the trigger too.
bool ClimbRelation(std::string_view deprel) {
  std::string_view base = deprel.substr(0, deprel.find(':'));
  return base == "aux" || base == "cop" || base == "amod" || base == "compound" || base == "advmod";
}

// Base-form guesses for an inflected word, used when the lemmatizer left the
// word alone or got it wrong: "rioted" -> "riot", "shelling" -> "shell",
// "stopped" -> "stop", "militias" -> "militia", "bodies" -> "body".
std::vector<std::string> Variants(const std::string& w) {
  std::vector<std::string> out;
  auto ends = [&](std::string_view suf) {
    return w.size() > suf.size() + 2 && std::string_view(w).substr(w.size() - suf.size()) == suf;
  };
  auto add_stem = [&](size_t cut) {
    std::string stem = w.substr(0, w.size() - cut);
    out.push_back(stem);
    size_t n = stem.size();
    if (n >= 3 && stem[n - 1] == stem[n - 2] && stem[n - 1] != 's' && stem[n - 1] != 'l') {
      out.push_back(stem.substr(0, n - 1));  // "stopp" -> "stop"
    }
    out.push_back(stem + "e");  // "rais" -> "raise"
  };
  if (ends("ies")) out.push_back(w.substr(0, w.size() - 3) + "y");
  if (ends("ing")) add_stem(3);
  if (ends("ed")) add_stem(2);
  if (ends("es")) out.push_back(w.substr(0, w.size() - 2));
  if (ends("s") && !ends("ss")) out.push_back(w.substr(0, w.size() - 1));
  return out;
}

}  // namespace

StatusOr<std::unique_ptr<ModeDetector>> ModeDetector::LoadDefault() {
  return Load(DataPath("cameo/plover_modes.tsv"), DataPath("cameo/cameo.tsv"));
}

StatusOr<std::unique_ptr<ModeDetector>> ModeDetector::Load(const std::string& modes_tsv,
                                                           const std::string& cameo_tsv) {
  std::unique_ptr<ModeDetector> d(new ModeDetector());
  SITREP_ASSIGN_OR_RETURN(d->table_, Table::Load(cameo_tsv));
  for (const std::string& w : d->table_->warnings()) d->warnings_.push_back(w);
  SITREP_ASSIGN_OR_RETURN(std::string text, ReadFileToString(modes_tsv));
  const std::string origin = BaseName(modes_tsv);
  auto warn = [&](size_t line, const std::string& msg) {
    d->warnings_.push_back(origin + ":" + std::to_string(line) + ": " + msg);
  };
  size_t line_no = 0;
  size_t pos = 0;
  bool seen_header = false;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = std::string_view(text).substr(
        pos, nl == std::string::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string::npos ? text.size() : nl + 1;
    ++line_no;
    if (Trim(line).empty() || line[0] == '#') continue;
    std::vector<std::string_view> f = SplitOn(line, '\t');
    for (std::string_view& cell : f) cell = Trim(cell);
    if (!seen_header && f[0] == "term") {
      seen_header = true;
      continue;
    }
    if (f.size() < 3 || f.size() > 4) {
      warn(line_no, "expected 3 or 4 tab-separated columns (term, mode, events, priority), got " +
                        std::to_string(f.size()));
      continue;
    }
    Entry e;
    for (std::string_view w : SplitOn(f[0], ' ')) {
      std::string k = Key(Trim(w));
      if (!k.empty()) e.words.push_back(std::move(k));
    }
    if (e.words.empty()) {
      warn(line_no, "empty term");
      continue;
    }
    e.mode = std::string(f[1]);
    if (e.mode.empty()) {
      warn(line_no, "empty mode for '" + std::string(f[0]) + "'");
      continue;
    }
    bool bad = false;
    if (f[2] != "*") {
      for (std::string_view ev : SplitOn(f[2], ',')) {
        ev = Trim(ev);
        if (!IsPloverEvent(ev)) {
          warn(line_no, "unknown PLOVER event type '" + std::string(ev) + "'");
          bad = true;
          break;
        }
        e.events.emplace_back(ev);
      }
    }
    if (bad) continue;
    if (f.size() == 4 && !f[3].empty()) {
      auto [p, ec] = std::from_chars(f[3].data(), f[3].data() + f[3].size(), e.priority);
      if (ec != std::errc() || p != f[3].data() + f[3].size()) {
        warn(line_no, "priority not an integer: '" + std::string(f[3]) + "'");
        continue;
      }
    }
    e.line = line_no;
    if (e.events.empty()) d->has_any_type_entry_ = true;
    d->max_words_ = std::max<uint32_t>(d->max_words_, static_cast<uint32_t>(e.words.size()));
    for (const std::string& ev : e.events) d->entry_types_.insert(ev);
    d->by_first_word_[e.words[0]].push_back(d->entries_.size());
    d->entries_.push_back(std::move(e));
  }
  if (d->entries_.empty()) return DataLossError(origin + ": no valid mode entries");
  return d;
}

std::string ModeDetector::Detect(const Document& doc, const Event& event) const {
  if (event.sentence >= doc.sentences.size()) return "";
  const Sentence& s = doc.sentences[event.sentence];
  if (s.token_end > doc.tokens.size() || s.token_begin >= s.token_end) return "";
  const uint32_t b = s.token_begin;
  const uint32_t n = s.token_end - s.token_begin;
  auto in_sentence = [&](uint32_t t) { return t >= s.token_begin && t < s.token_end; };
  if (!in_sentence(event.trigger_head)) return "";

  // The PLOVER type the terms must agree with.
  std::string_view plover;
  if (const CodeInfo* c = table_->FindOrAncestor(event.cameo)) plover = c->plover_event;
  // No term can apply to this type ("accuse", "meet"): skip the clause scan.
  if (!has_any_type_entry_ && entry_types_.find(plover) == entry_types_.end()) return "";

  // Distance (in dependency steps) of each token of the clause from the trigger; -1 = outside.
  std::vector<int> dist(n, -1);
  for (uint32_t t = event.trigger_begin; t < event.trigger_end; ++t)
    if (in_sentence(t)) dist[t - b] = 0;
  dist[event.trigger_head - b] = 0;
  std::vector<uint32_t> frontier = {event.trigger_head - b};
  {
    const Token& head = doc.tokens[event.trigger_head];
    if (ClimbRelation(head.deprel) && head.head >= 1 && static_cast<uint32_t>(head.head) <= n) {
      uint32_t up = static_cast<uint32_t>(head.head - 1);
      if (dist[up] < 0) {
        dist[up] = 0;
        frontier.push_back(up);
      }
    }
  }
  for (int depth = 1; depth <= 2 && !frontier.empty(); ++depth) {
    std::vector<uint32_t> next;
    for (uint32_t p : frontier) {
      // Children of p in sentence order (no per-call children lists).
      for (uint32_t c = 0; c < n; ++c) {
        if (doc.tokens[b + c].head != static_cast<int32_t>(p) + 1) continue;
        if (dist[c] >= 0 || !FollowRelation(doc.tokens[b + c].deprel)) continue;
        dist[c] = depth;
        next.push_back(c);
      }
    }
    frontier = std::move(next);
  }

  // A term counts only if one of its words is in the clause (dist >= 0), and
  // a term spans at most max_words_ non-hyphen tokens: starts outside
  // [lo, last] cannot match, and token keys are built only when needed.
  // A "-" or "--" token has an empty key (Key drops hyphens).
  std::vector<char> hyphen(n);
  uint32_t first = n, last = 0;
  for (uint32_t i = 0; i < n; ++i) {
    std::string_view f = doc.Form(doc.tokens[b + i]);
    hyphen[i] = f.find_first_not_of('-') == std::string_view::npos;
    if (dist[i] >= 0) {
      if (first == n) first = i;
      last = i;
    }
  }
  if (first == n) return "";
  uint32_t lo = first;
  for (uint32_t i = first + 1, words = 0; i-- > 0;) {
    if (!hyphen[i] && ++words > max_words_) break;
    lo = i;
  }
  std::vector<std::string> form_key(n), lemma_key(n);
  std::vector<std::vector<std::string>> variants(n);
  std::vector<char> ready(n, 0);
  auto keys_of = [&](uint32_t i) {
    if (ready[i]) return;
    ready[i] = 1;
    const Token& t = doc.tokens[b + i];
    form_key[i] = Key(doc.Form(t));
    lemma_key[i] = Key(t.lemma);
    variants[i] = Variants(form_key[i]);
  };
  auto is_hyphen = [&](uint32_t i) { return hyphen[i] != 0; };
  auto matches = [&](uint32_t i, const std::string& w) {
    keys_of(i);
    if (form_key[i] == w || (!lemma_key[i].empty() && lemma_key[i] == w)) return true;
    return std::find(variants[i].begin(), variants[i].end(), w) != variants[i].end();
  };

  const Entry* best = nullptr;
  int best_dist = 0;
  for (uint32_t start = lo; start <= last; ++start) {
    if (is_hyphen(start)) continue;
    keys_of(start);
    std::vector<const std::string*> keys = {&form_key[start], &lemma_key[start]};
    for (const std::string& v : variants[start]) keys.push_back(&v);
    for (size_t k = 0; k < keys.size(); ++k) {
      const std::string* key = keys[k];
      if (key->empty()) continue;
      bool seen = false;  // the same word reached by two keys: try it once
      for (size_t j = 0; j < k && !seen; ++j) seen = *keys[j] == *key;
      if (seen) continue;
      auto it = by_first_word_.find(*key);
      if (it == by_first_word_.end()) continue;
      for (size_t idx : it->second) {
        const Entry& e = entries_[idx];
        if (!e.events.empty() &&
            std::find(e.events.begin(), e.events.end(), plover) == e.events.end()) {
          continue;
        }
        // Match the words, skipping hyphen tokens between them.
        uint32_t i = start;
        int nearest = -1;
        bool ok = true;
        for (size_t w = 0; w < e.words.size(); ++w) {
          if (w > 0) {
            ++i;
            while (i < n && is_hyphen(i)) ++i;
          }
          if (i >= n || !matches(i, e.words[w])) {
            ok = false;
            break;
          }
          if (dist[i] >= 0 && (nearest < 0 || dist[i] < nearest)) nearest = dist[i];
        }
        if (!ok || nearest < 0) continue;
        bool better = best == nullptr || e.priority > best->priority ||
                      (e.priority == best->priority &&
                       (e.words.size() > best->words.size() ||
                        (e.words.size() == best->words.size() &&
                         (nearest < best_dist || (nearest == best_dist && e.line < best->line)))));
        if (better) {
          best = &e;
          best_dist = nearest;
        }
      }
    }
  }
  return best ? best->mode : "";
}

}  // namespace sitrep::cameo
