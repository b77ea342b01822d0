#include "petrarch/coder.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <tuple>

namespace sitrep::petrarch {
namespace {

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool ParseBool(std::string_view v, bool* out) {
  std::string l = Upper(v);
  if (l == "TRUE" || l == "1" || l == "YES") {
    *out = true;
    return true;
  }
  if (l == "FALSE" || l == "0" || l == "NO") {
    *out = false;
    return true;
  }
  return false;
}

// Phrase label without function tags: "NP-SBJ" -> "NP".
std::string BaseLabel(const std::string& label) {
  size_t dash = label.find_first_of("-=", 1);
  return dash == std::string::npos ? label : label.substr(0, dash);
}

const std::set<std::string>& BeForms() {
  static const std::set<std::string> kBe = {"AM",   "IS",    "ARE", "WAS", "WERE", "BE",
                                            "BEEN", "BEING", "'S",  "'RE", "'M"};
  return kBe;
}

struct Mention {
  int begin = 0, end = 0;  // leaf range, inclusive
  int node = -1;
  std::vector<std::string> codes;
};

// The per-sentence working state.
class SentenceState {
 public:
  SentenceState(const Dictionaries& d, const PtbTree& tree, int date, const CoderConfig& config)
      : d_(d), t_(tree), date_(date), config_(config) {
    leaves_ = t_.Leaves();
    leaf_of_node_.assign(t_.nodes.size(), -1);
    for (size_t i = 0; i < leaves_.size(); ++i) {
      leaf_of_node_[leaves_[i]] = static_cast<int>(i);
      words_.push_back(Upper(t_.nodes[leaves_[i]].word));
    }
    span_.assign(t_.nodes.size(), {-1, -1});
    label_.resize(t_.nodes.size());
    for (size_t n = 0; n < t_.nodes.size(); ++n) label_[n] = BaseLabel(t_.nodes[n].label);
    if (t_.root >= 0) ComputeSpans(t_.root, 0);
    meaning_.resize(t_.nodes.size());
    meaning_done_.assign(t_.nodes.size(), false);
    has_event_.assign(t_.nodes.size(), false);
    coded_vp_.assign(t_.nodes.size(), false);
    verb_vp_.assign(words_.size(), -1);
    vp_code_.resize(t_.nodes.size());
    vp_sources_.resize(t_.nodes.size());
    vp_block_.assign(t_.nodes.size(), -1);
    vp_source_span_.resize(t_.nodes.size());
  }

  std::vector<CodedEvent> Run();

 private:
  // ---- tree helpers
  void ComputeSpans(int root, int) {
    // Iterative post-order to bound stack use.
    std::vector<std::pair<int, size_t>> stack = {{root, 0}};
    while (!stack.empty()) {
      auto& [n, k] = stack.back();
      const PtbNode& node = t_.nodes[n];
      if (node.children.empty()) {
        int l = leaf_of_node_[n];
        span_[n] = {l, l};
        stack.pop_back();
        continue;
      }
      if (k < node.children.size()) {
        int c = node.children[k++];
        stack.push_back({c, 0});
        continue;
      }
      span_[n] = {span_[node.children.front()].first, span_[node.children.back()].second};
      stack.pop_back();
    }
  }
  bool IsPreterminal(int n) const { return t_.nodes[n].children.empty(); }
  const std::string& Label(int n) const { return label_[n]; }
  bool IsNP(int n) const { return Label(n) == "NP" || Label(n) == "NX" || Label(n) == "WHNP"; }
  bool IsClause(int n) const {
    const std::string& l = Label(n);
    return l == "S" || l == "SBAR" || l == "SINV" || l == "SQ" || l == "SBARQ";
  }

  // ---- noun phrase meaning
  void NpText(int n, std::vector<std::string>* words, std::vector<std::string>* pp_codes,
              int depth);
  const std::vector<std::string>& NpMeaning(int n, int depth = 0);
  std::vector<std::string> PpMeaning(int n, int depth);
  std::vector<std::tuple<std::string, int, int>> CodesOfWords(
      const std::vector<std::string>& words);
  static std::vector<std::string> Mix(const std::vector<std::string>& actors,
                                      const std::vector<std::vector<std::string>>& combos);

  // ---- mentions
  void CollectMentions(int n);
  const Mention* MentionStartingAt(int leaf) const;
  const Mention* MentionEndingAt(int leaf) const;
  int NpStartingAt(int leaf) const;
  int NpEndingAt(int leaf) const;

  // ---- verbs
  void CodeVerbPhrase(int vp, std::vector<CodedEvent>* out);
  std::vector<std::string> Subject(int vp, int* subject_node, int skip_node = -1);
  const Mention* FirstTarget(int vp, int after_leaf, int exclude_node);
  const Mention* FindTargetIn(int n, int after_leaf, int exclude_node);
  bool IsPassive(int vp) const;
  struct Binding {
    const Mention* source = nullptr;
    const Mention* target = nullptr;
    const Mention* compound = nullptr;
  };
  bool MatchLower(const std::vector<PatternElement>& els, size_t i, int pos, int end, Binding* b,
                  int* budget) const;
  bool MatchUpper(const std::vector<PatternElement>& els, int i, int pos, Binding* b,
                  int* budget) const;
  bool WordsAt(const std::vector<std::string>& phrase, int pos, int end) const;

  const Dictionaries& d_;
  const PtbTree& t_;
  int date_;
  const CoderConfig& config_;
  std::vector<int> leaves_;
  std::vector<int> leaf_of_node_;
  std::vector<std::string> words_;
  std::vector<std::pair<int, int>> span_;
  std::vector<std::string> label_;
  std::vector<std::vector<std::string>> meaning_;
  std::vector<bool> meaning_done_;
  std::vector<bool> has_event_;
  std::vector<bool> coded_vp_;  // VPs whose verb has a (non-null) code
  std::vector<int> verb_vp_;    // verb leaf -> its VP
  // Per coded VP: its active code, its sources and the verb block (for the
  // dictionary's '~' transformations).
  std::vector<std::string> vp_code_;
  std::vector<std::vector<std::string>> vp_sources_;
  std::vector<int> vp_block_;
  std::vector<std::vector<int>> vp_source_span_;  // [first, last] leaf of the source phrase
  bool Transform(int upper_vp, const CodedEvent& lower, CodedEvent* out) const;
  std::vector<Mention> mentions_;
};

std::vector<std::tuple<std::string, int, int>> SentenceState::CodesOfWords(
    const std::vector<std::string>& words) {
  // Words separated by a conjunction marker ("") are in different groups.
  std::vector<std::tuple<std::string, int, int>> codes;
  int group = 0;
  int match = 0;
  size_t i = 0;
  while (i < words.size()) {
    if (words[i].empty()) {
      ++group;
      ++i;
      continue;
    }
    size_t len = 0;
    size_t extra = 0;  // words consumed beyond the trie match (hyphen merge)
    int a = -1;
    if (i + 2 < words.size() && words[i + 1] == "-") {
      std::vector<std::string> merged = {words[i] + "-" + words[i + 2]};
      merged.insert(merged.end(), words.begin() + i + 3, words.end());
      a = d_.actor_trie().LongestMatch(merged, 0, &len);
      if (a >= 0) extra = 2;
    }
    if (a < 0) a = d_.actor_trie().LongestMatch(words, i, &len);
    if (a >= 0) {
      std::string code = d_.actors()[a].CodeOn(date_);
      size_t b = 0;
      while (b <= code.size()) {
        size_t e = code.find('/', b);
        if (e == std::string::npos) e = code.size();
        if (e > b) codes.emplace_back(code.substr(b, e - b), group, match);
        b = e + 1;
      }
      ++match;
      i += len + extra;
      continue;
    }
    int g = d_.agent_trie().LongestMatch(words, i, &len);
    if (g >= 0) {
      for (const AgentCode& ac : d_.agents()[g])
        codes.emplace_back(ac.prefix ? ac.code + "~" : "~" + ac.code, group, match);
      ++match;
      i += len;
      continue;
    }
    ++i;
  }
  return codes;
}

namespace {

// CAMEO roots PETRARCH2's code ontology places among the verbal acts (their
// internal codes are 0x1000 and above: statements, appeals, intents,
// consultations, investigations, demands, disapproval, threats, protests,
// force postures, coercion). Of two such verbs in one event, PETRARCH2 keeps the
// lower (complement) verb's code.
bool IsVerbalFamily(const std::string& code) {
  static const std::set<std::string> kRoots = {"01", "02", "03", "04", "09", "10",
                                               "11", "13", "14", "15", "17"};
  return code.size() >= 3 && kRoots.count(code.substr(0, 2)) > 0;
}

bool IsAgent(const std::string& c) { return !c.empty() && (c[0] == '~' || c.back() == '~'); }

// Whether 3-letter code `a` occurs in `code` at a 3-aligned position.
bool HasCodeSegment(const std::string& code, const std::string& a) {
  for (size_t i = 0; i + a.size() <= code.size(); i += 3)
    if (code.compare(i, a.size(), a) == 0) return true;
  return false;
}

}  // namespace

// actors x agent combinations: "GON" + {"~GOV"} -> "GONGOV"; "ARN" + {"NGO~"} -> "NGOARN".
std::vector<std::string> SentenceState::Mix(const std::vector<std::string>& actors_in,
                                            const std::vector<std::vector<std::string>>& combos) {
  std::vector<std::string> actors = actors_in;
  if (actors.empty()) actors.push_back("~");
  std::vector<std::string> out;
  std::vector<std::vector<std::string>> cs = combos;
  if (cs.empty()) cs.push_back({});
  for (const std::vector<std::string>& agents : cs) {
    for (std::string act : actors) {
      for (const std::string& ag : agents) {
        if (ag == "~PPL" && agents.size() > 1) continue;
        bool prefix = ag.back() == '~';
        std::string a = prefix ? ag.substr(0, ag.size() - 1) : ag.substr(1);
        std::string base = act[0] == '~' ? act.substr(1) : act;
        if (HasCodeSegment(base, a)) continue;
        if (prefix)
          act.insert(0, a);
        else
          act += a;
      }
      if (act == "~" || act.empty()) continue;
      if (std::find(out.begin(), out.end(), act) == out.end()) out.push_back(act);
    }
  }
  return out;
}

// "Dol_Amroth" as one token is the phrase DOL AMROTH.
void PushWord(const std::string& w, std::vector<std::string>* words) {
  size_t b = 0;
  while (b <= w.size()) {
    size_t e = w.find('_', b);
    if (e == std::string::npos) e = w.size();
    if (e > b) words->push_back(w.substr(b, e - b));
    b = e + 1;
  }
}

void SentenceState::NpText(int n, std::vector<std::string>* words,
                           std::vector<std::string>* pp_codes, int depth) {
  if (depth > 60) return;
  for (int c : t_.nodes[n].children) {
    const std::string& l = Label(c);
    if (l == "CC" || l == ",") {
      // "awful and evil" inside an adjective phrase does not separate actors.
      if (Label(n) != "ADJP") words->push_back("");
    } else if (l == "HYPH") {
      words->push_back("-");  // "Barad - dur": CodesOfWords also tries "BARAD-DUR"
    } else if (IsNP(c) || l == "ADJP" || l == "NML") {
      NpText(c, words, pp_codes, depth + 1);
    } else if (IsPreterminal(c) &&
               (StartsWith(l, "JJ") || StartsWith(l, "NN") || l == "DT" || l == "AFX")) {
      PushWord(words_[leaf_of_node_[c]], words);
    } else if (l == "PP") {
      std::vector<std::string> m = PpMeaning(c, depth + 1);
      bool has_actor = false;
      for (const std::string& code : m)
        has_actor = has_actor || (code[0] != '~' && code.back() != '~' && code[0] != '"');
      if (has_actor) {
        // Only the first PP naming an actor counts: "an attack by Osgiliath
        // soldiers in south Ithilen" is an attack by OSGMIL.
        if (pp_codes->empty()) pp_codes->insert(pp_codes->end(), m.begin(), m.end());
      } else {
        for (int k = span_[c].first; k <= span_[c].second; ++k) PushWord(words_[k], words);
      }
    }
  }
}

std::vector<std::string> SentenceState::PpMeaning(int n, int depth) {
  const auto& ch = t_.nodes[n].children;
  for (size_t k = 1; k < ch.size(); ++k) {
    if (IsNP(ch[k])) return NpMeaning(ch[k], depth + 1);
  }
  return {};
}

const std::vector<std::string>& SentenceState::NpMeaning(int n, int depth) {
  if (meaning_done_[n] || depth > 60) return meaning_[n];
  meaning_done_[n] = true;
  // A coordination of noun phrases naming actors: each conjunct on its own
  // ("Ithilen's sheep and goats of Gondor" -> ITH, GON).
  {
    const auto& ch = t_.nodes[n].children;
    int nps = 0;
    bool cc = false;
    for (int c : ch) {
      nps += IsNP(c) ? 1 : 0;
      cc = cc || Label(c) == "CC";
    }
    if (cc && nps >= 2) {
      std::vector<std::string> all;
      bool any_actor = false;
      for (int c : ch) {
        if (!IsNP(c)) continue;
        for (const std::string& code : NpMeaning(c, depth + 1)) {
          any_actor = any_actor || code.substr(0, 1) != "~";
          if (std::find(all.begin(), all.end(), code) == all.end()) all.push_back(code);
        }
      }
      if (any_actor) {
        meaning_[n] = all;
        return meaning_[n];
      }
    }
  }
  std::vector<std::string> words, pp_codes;
  NpText(n, &words, &pp_codes, depth);
  std::vector<std::tuple<std::string, int, int>> own = CodesOfWords(words);
  // Actors: the first actor phrase of each conjunction group ("minister
  // Calimehtar" after "Ithilen's" is an apposition, not a second actor); one
  // phrase may carry several codes ("THE_SHIRE [FRO/BIL/SAM]").
  std::vector<std::string> actors;
  std::vector<std::vector<std::string>> group_agents;
  int last_actor_group = -1, kept_match = -1;
  for (const auto& [code, group, match] : own) {
    if (IsAgent(code)) {
      if (static_cast<int>(group_agents.size()) <= group) group_agents.resize(group + 1);
      group_agents[group].push_back(code);
      continue;
    }
    if (group != last_actor_group) {
      last_actor_group = group;
      kept_match = match;
    }
    if (match != kept_match) continue;
    if (std::find(actors.begin(), actors.end(), code) == actors.end()) actors.push_back(code);
  }
  if (actors.empty()) {
    for (const std::string& c : pp_codes)
      if (!IsAgent(c) && std::find(actors.begin(), actors.end(), c) == actors.end())
        actors.push_back(c);
  }
  std::vector<std::vector<std::string>> groups;
  for (auto& g : group_agents)
    if (!g.empty()) groups.push_back(g);
  if (groups.empty()) {
    std::vector<std::string> pp_agents;
    for (const std::string& c : pp_codes)
      if (c[0] == '~') pp_agents.push_back(c);
    if (!pp_agents.empty()) groups.push_back(pp_agents);
  }
  std::vector<std::vector<std::string>> combos;
  if (groups.size() <= 1) {
    if (!groups.empty()) combos.push_back(groups[0]);
  } else {
    // "Lawmakers and officials": the head agents are alternatives, modifiers are shared.
    std::vector<std::string> shared;
    for (const auto& g : groups) shared.insert(shared.end(), g.begin(), g.end() - 1);
    for (const auto& g : groups) {
      std::vector<std::string> c = shared;
      c.push_back(g.back());
      combos.push_back(c);
    }
  }
  meaning_[n] = Mix(actors, combos);
  if (config_.new_actor_length > 0 && pp_codes.empty()) {
    // new_actor_length: a conjunction group naming nobody known, of at most
    // that many words, becomes an actor written as its quoted text.
    std::vector<std::string> group_words(1);
    std::vector<bool> group_coded(1, false);
    for (const std::string& w : words) {
      if (w.empty()) {
        group_words.emplace_back();
        group_coded.push_back(false);
        continue;
      }
      group_words.back() += (group_words.back().empty() ? "" : " ") + w;
    }
    for (const auto& [code, group, match] : own) group_coded[group] = true;
    for (size_t g = 0; g < group_words.size(); ++g) {
      if (group_coded[g] || group_words[g].empty()) continue;
      int count =
          1 + static_cast<int>(std::count(group_words[g].begin(), group_words[g].end(), ' '));
      if (count <= config_.new_actor_length) meaning_[n].push_back("\"" + group_words[g] + "\"");
    }
  }
  return meaning_[n];
}

void SentenceState::CollectMentions(int root) {
  std::vector<int> stack = {root};
  while (!stack.empty()) {
    int n = stack.back();
    stack.pop_back();
    if (IsNP(n) && !IsPreterminal(n)) {
      const auto& m = NpMeaning(n);
      if (!m.empty()) mentions_.push_back({span_[n].first, span_[n].second, n, m});
    }
    for (auto it = t_.nodes[n].children.rbegin(); it != t_.nodes[n].children.rend(); ++it)
      stack.push_back(*it);
  }
}

const Mention* SentenceState::MentionStartingAt(int leaf) const {
  const Mention* best = nullptr;
  for (const Mention& m : mentions_)
    if (m.begin == leaf && (!best || m.end > best->end)) best = &m;
  return best;
}

const Mention* SentenceState::MentionEndingAt(int leaf) const {
  const Mention* best = nullptr;
  for (const Mention& m : mentions_)
    if (m.end == leaf && (!best || m.begin < best->begin)) best = &m;
  // A possessive "Gondor 's" ends one word later.
  if (!best && leaf > 0 && words_[leaf] == "'S") return MentionEndingAt(leaf - 1);
  return best;
}

// The smallest noun phrase containing `leaf` ('^' skips the rest of it).
int SentenceState::NpStartingAt(int leaf) const {
  for (int n = t_.nodes[leaves_[leaf]].parent; n >= 0; n = t_.nodes[n].parent)
    if (IsNP(n)) return n;
  return -1;
}

int SentenceState::NpEndingAt(int leaf) const { return NpStartingAt(leaf); }

bool SentenceState::WordsAt(const std::vector<std::string>& phrase, int pos, int end) const {
  if (pos < 0 || pos + static_cast<int>(phrase.size()) - 1 > end) return false;
  for (size_t k = 0; k < phrase.size(); ++k)
    if (words_[pos + k] != phrase[k]) return false;
  return true;
}

// Matches els[i..] at leaves [pos, end]; elements not joined may skip words.
bool SentenceState::MatchLower(const std::vector<PatternElement>& els, size_t i, int pos, int end,
                               Binding* b, int* budget) const {
  if (i == els.size()) return true;
  if (--*budget < 0) return false;
  const PatternElement& e = els[i];
  int last = e.joined ? pos : end;
  for (int p = pos; p <= last && p <= end; ++p) {
    switch (e.kind) {
      case PatternElement::Kind::kWord:
        if (words_[p] == e.word && MatchLower(els, i + 1, p + 1, end, b, budget)) return true;
        break;
      case PatternElement::Kind::kSynset:
        for (const auto& phrase : d_.verbs().synsets[e.synset]) {
          if (WordsAt(phrase, p, end) &&
              MatchLower(els, i + 1, p + static_cast<int>(phrase.size()), end, b, budget))
            return true;
        }
        break;
      case PatternElement::Kind::kSource:
      case PatternElement::Kind::kTarget:
      case PatternElement::Kind::kCompound: {
        const Mention* m = MentionStartingAt(p);
        if (!m || m->end > end) break;
        if (e.kind == PatternElement::Kind::kCompound && m->codes.size() < 2) break;
        Binding saved = *b;
        (e.kind == PatternElement::Kind::kSource   ? b->source
         : e.kind == PatternElement::Kind::kTarget ? b->target
                                                   : b->compound) = m;
        if (MatchLower(els, i + 1, m->end + 1, end, b, budget)) return true;
        *b = saved;
        break;
      }
      case PatternElement::Kind::kSkip: {
        int np = NpStartingAt(p);
        if (np >= 0 && span_[np].second <= end && span_[np].second >= p &&
            MatchLower(els, i + 1, span_[np].second + 1, end, b, budget))
          return true;
        break;
      }
    }
  }
  return false;
}

// Matches els[i], els[i-1], ... leftwards ending at leaf `pos` or earlier.
// els[i].joined: els[i] must end right before what was matched after it.
bool SentenceState::MatchUpper(const std::vector<PatternElement>& els, int i, int pos, Binding* b,
                               int* budget) const {
  if (i < 0) return true;
  if (--*budget < 0) return false;
  const PatternElement& e = els[i];
  int first = e.joined ? pos : 0;
  for (int p = pos; p >= first && p >= 0; --p) {
    switch (e.kind) {
      case PatternElement::Kind::kWord:
        if (words_[p] == e.word && MatchUpper(els, i - 1, p - 1, b, budget)) return true;
        break;
      case PatternElement::Kind::kSynset:
        for (const auto& phrase : d_.verbs().synsets[e.synset]) {
          int start = p - static_cast<int>(phrase.size()) + 1;
          if (start >= 0 && WordsAt(phrase, start, p) &&
              MatchUpper(els, i - 1, start - 1, b, budget))
            return true;
        }
        break;
      case PatternElement::Kind::kSource:
      case PatternElement::Kind::kTarget:
      case PatternElement::Kind::kCompound: {
        const Mention* m = MentionEndingAt(p);
        if (!m) break;
        if (e.kind == PatternElement::Kind::kCompound && m->codes.size() < 2) break;
        Binding saved = *b;
        (e.kind == PatternElement::Kind::kSource   ? b->source
         : e.kind == PatternElement::Kind::kTarget ? b->target
                                                   : b->compound) = m;
        if (MatchUpper(els, i - 1, m->begin - 1, b, budget)) return true;
        *b = saved;
        break;
      }
      case PatternElement::Kind::kSkip: {
        int np = NpEndingAt(p);
        if (np >= 0 && MatchUpper(els, i - 1, span_[np].first - 1, b, budget)) return true;
        break;
      }
    }
  }
  return false;
}

bool SentenceState::IsPassive(int vp) const {
  int head = t_.nodes[vp].children.front();
  const std::string& l = Label(head);
  if (l != "VBN" && l != "VBD") return false;
  int level = t_.nodes[vp].parent;
  // "10 Russian soldiers killed in Ukraine": a participle modifying a noun
  // (a reduced relative clause) is passive; the noun is its patient.
  if (l == "VBN" && level >= 0 && IsNP(level)) return true;
  for (int k = 0; k < 2 && level >= 0; ++k) {
    if (Label(level) == "VP") {
      int first = t_.nodes[level].children.front();
      if (IsPreterminal(first) && BeForms().count(words_[leaf_of_node_[first]])) return true;
    } else {
      break;
    }
    level = t_.nodes[level].parent;
  }
  return false;
}

// The codes of the grammatical subject of `vp`: the NP before the VP chain in
// the nearest clause; infinitives, pronouns and uncoded relative pronouns
// continue upwards.
std::vector<std::string> SentenceState::Subject(int vp, int* subject_node, int skip_node) {
  *subject_node = -1;
  int node = vp;
  bool infinitive = false;
  for (int guard = 0; guard < 200; ++guard) {
    if (Label(node) == "VP" && !t_.nodes[node].children.empty() &&
        Label(t_.nodes[node].children.front()) == "TO")
      infinitive = true;
    int p = t_.nodes[node].parent;
    if (p < 0) return {};
    const std::string& l = Label(p);
    if (l == "VP" || l == "SBAR" || l == "UCP" || l == "ADJP") {
      node = p;
      continue;
    }
    if (l == "S" || l == "SINV" || l == "SQ" || l == "ROOT" || l == "FRAG" || l == "PRN") {
      int subj = -1;
      std::vector<int> before;
      for (int c : t_.nodes[p].children) {
        if (c == node) break;
        before.push_back(c);
      }
      // The nearest NP; "the official news agency WFNA" may come as two NPs.
      for (auto rit = before.rbegin(); rit != before.rend(); ++rit) {
        if (!IsNP(*rit)) {
          if (subj >= 0) break;
          continue;
        }
        if (subj < 0) subj = *rit;
        if (!NpMeaning(*rit).empty()) {
          subj = *rit;
          break;
        }
      }
      if (subj < 0 && (l == "SINV" || l == "SQ")) {
        for (int c : t_.nodes[p].children)
          if (IsNP(c) && span_[c].first > span_[node].second) {
            subj = c;
            break;
          }
      }
      if (subj >= 0 && subj != skip_node) {
        const auto& m = NpMeaning(subj);
        if (!m.empty()) {
          *subject_node = subj;
          return m;
        }
        // A pronoun or relative pronoun: look further up for its antecedent.
        bool pronoun = false;
        for (int c : t_.nodes[subj].children) {
          const std::string& cl = Label(c);
          pronoun = pronoun || cl == "PRP" || cl == "WP" || cl == "WDT" || cl == "EX";
        }
        if (!pronoun && Label(subj) != "WHNP") return {};
      }
      if (l == "ROOT") return {};
      if (subj < 0 && l == "S" && !infinitive && Label(node) == "VP") {
        // A participial clause without a subject ("after leaving Eriador")
        // has none; a relative clause takes the noun it modifies.
        int gp = t_.nodes[p].parent;
        bool relative = gp >= 0 && Label(gp) == "SBAR" && !t_.nodes[gp].children.empty() &&
                        StartsWith(Label(t_.nodes[gp].children.front()), "WH");
        bool coordinated = gp >= 0 && (Label(gp) == "S" || Label(gp) == "VP");
        if (!relative && !coordinated) return {};
      }
      infinitive = false;
      node = p;
      continue;
    }
    if (IsNP(p)) {
      // A reduced relative or a relative clause: the NP it modifies.
      int first = t_.nodes[p].children.front();
      if (IsNP(first) && first != node) {
        const auto& m = NpMeaning(first);
        if (!m.empty()) {
          *subject_node = first;
          return m;
        }
      }
      return {};
    }
    node = p;
  }
  return {};
}

const Mention* SentenceState::FindTargetIn(int n, int after_leaf, int exclude_node) {
  if (span_[n].second <= after_leaf) return nullptr;
  if (n == exclude_node) return nullptr;
  if (IsNP(n) && !IsPreterminal(n) && span_[n].first > after_leaf) {
    for (const Mention& m : mentions_)
      if (m.node == n) return &m;
  }
  if (IsClause(n) && has_event_[n]) return nullptr;
  for (int c : t_.nodes[n].children) {
    const Mention* m = FindTargetIn(c, after_leaf, exclude_node);
    if (m) return m;
  }
  return nullptr;
}

// The first actor after the verb inside its VP; if none, in the VPs above it
// up to its clause ("is about to restore ties ... with Gondor" with the PP
// attached to the upper VP).
const Mention* SentenceState::FirstTarget(int vp, int after_leaf, int exclude_node) {
  const Mention* m = FindTargetIn(vp, after_leaf, exclude_node);
  int node = vp;
  for (int guard = 0; !m && guard < 20; ++guard) {
    int p = t_.nodes[node].parent;
    if (p < 0) break;
    const std::string& l = Label(p);
    bool subjectless_s = l == "S";
    if (subjectless_s)
      for (int c : t_.nodes[p].children) subjectless_s = subjectless_s && !IsNP(c);
    if (l != "VP" && !subjectless_s) break;
    for (int c : t_.nodes[p].children) {
      if (c == node || span_[c].second <= after_leaf) continue;
      if (Label(c) != "PP" && !IsNP(c)) continue;
      m = FindTargetIn(c, after_leaf, exclude_node);
      if (m) break;
    }
    node = p;
  }
  return m;
}

void SentenceState::CodeVerbPhrase(int vp, std::vector<CodedEvent>* out) {
  const PtbNode& node = t_.nodes[vp];
  if (node.children.empty()) return;
  int head = node.children.front();
  if (!IsPreterminal(head) || !(StartsWith(Label(head), "VB"))) return;
  for (int c : node.children)
    if (Label(c) == "VP") return;  // an auxiliary: the lower VP is coded
  int v = leaf_of_node_[head];
  // Candidate forms whose compound words are present, longest first; the
  // first one with a matching pattern wins, else the first with a code.
  struct Candidate {
    const VerbForm* form;
    int first, last;
  };
  std::vector<Candidate> candidates;
  const int n_words = static_cast<int>(words_.size());
  auto it = d_.verbs().forms.find(words_[v]);
  if (it != d_.verbs().forms.end()) {
    for (const VerbForm& f : it->second) {
      int fb = v - static_cast<int>(f.front.size());
      int be = v + static_cast<int>(f.back.size());
      if (fb < 0 || be >= n_words) continue;
      bool ok = true;
      for (size_t k = 0; k < f.front.size() && ok; ++k) ok = words_[fb + k] == f.front[k];
      for (size_t k = 0; k < f.back.size() && ok; ++k) ok = words_[v + 1 + k] == f.back[k];
      if (ok) candidates.push_back({&f, fb, be});
    }
  }
  // "will not wire tap" parsed as (VB wire) (NN tap): the compound starts here.
  auto front = d_.verbs().by_front_word.find(words_[v]);
  if (front != d_.verbs().by_front_word.end()) {
    for (const std::string& verb : front->second) {
      for (const VerbForm& f : d_.verbs().forms.at(verb)) {
        int at = v + static_cast<int>(f.front.size());  // the verb word
        int be = at + static_cast<int>(f.back.size());
        if (f.front.empty() || be >= n_words || words_[at] != verb) continue;
        bool ok = true;
        for (size_t k = 0; k < f.front.size() && ok; ++k) ok = words_[v + k] == f.front[k];
        for (size_t k = 0; k < f.back.size() && ok; ++k) ok = words_[at + 1 + k] == f.back[k];
        if (ok) candidates.push_back({&f, v, be});
      }
    }
  }
  if (candidates.empty()) return;
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& x, const Candidate& y) {
                     return x.form->front.size() + x.form->back.size() >
                            y.form->front.size() + y.form->back.size();
                   });
  std::string code;
  int block_index = -1;
  int first = v, last = v;
  Binding bind;
  bool matched = false;
  int vp_end = span_[vp].second;
  for (const Candidate& c : candidates) {
    const VerbBlock& block = d_.verbs().blocks[c.form->block];
    for (const VerbPattern& p : block.patterns) {
      Binding b;
      int budget = 20000;
      if (!MatchLower(p.lower, 0, c.last + 1, vp_end, &b, &budget)) continue;
      if (!MatchUpper(p.upper, static_cast<int>(p.upper.size()) - 1, c.first - 1, &b, &budget))
        continue;
      code = p.code;
      bind = b;
      matched = true;
      block_index = c.form->block;
      break;
    }
    if (matched) {
      first = c.first;
      last = c.last;
      break;
    }
  }
  if (!matched) {
    size_t longest = candidates.front().form->front.size() + candidates.front().form->back.size();
    for (const Candidate& c : candidates) {
      if (c.form->front.size() + c.form->back.size() < longest) break;
      std::string own = c.form->code.empty() ? d_.verbs().blocks[c.form->block].code : c.form->code;
      if (!own.empty() && own != "---") {
        code = own;
        block_index = c.form->block;
        first = c.first;
        last = c.last;
        break;
      }
    }
  }
  if (code.empty() || code == "---") return;
  // Statement verbs (CAMEO 01x: "said", "announced") report the events of
  // their clause rather than replace them.
  coded_vp_[vp] = !StartsWith(code, "01");
  verb_vp_[v] = vp;
  std::string active = code, passive;
  size_t colon = code.find(':');
  if (colon != std::string::npos) {
    active = code.substr(0, colon);
    passive = code.substr(colon + 1);
  }
  // Roles.
  std::vector<std::string> sources, targets;
  std::vector<int> src_span, tgt_span;
  int subject_node = -1;
  // '%' before the verb: the members of a compound actor act on each other
  // ("Gondor and Osgiliath have delayed their meeting"); after it: the targets.
  bool compound_pairs = false;
  if (bind.compound && bind.compound->end < first) {
    sources = bind.compound->codes;
    src_span = {bind.compound->begin, bind.compound->end};
    compound_pairs = true;
  } else if (bind.compound) {
    targets = bind.compound->codes;
    tgt_span = {bind.compound->begin, bind.compound->end};
  }
  if (bind.source) {
    sources = bind.source->codes;
    src_span = {bind.source->begin, bind.source->end};
  }
  if (bind.target) {
    targets = bind.target->codes;
    tgt_span = {bind.target->begin, bind.target->end};
  }
  bool passive_voice = !bind.source && !bind.target && !bind.compound && IsPassive(vp);
  if (passive_voice) {
    // Source from a by/from/in phrase of the VP.
    const Mention* agent = nullptr;
    std::vector<int> pps;
    for (int c : node.children) {
      pps.push_back(c);
      // "opposed earlier by Osgiliath": a PP inside an adverb phrase.
      if (Label(c) == "ADVP")
        for (int k : t_.nodes[c].children) pps.push_back(k);
    }
    for (int c : pps) {
      if (Label(c) != "PP" || t_.nodes[c].children.empty()) continue;
      int prep = t_.nodes[c].children.front();
      std::string w = IsPreterminal(prep) ? words_[leaf_of_node_[prep]] : "";
      if (w != "BY" && w != "FROM" && w != "IN") continue;
      for (int k : t_.nodes[c].children)
        for (const Mention& m : mentions_)
          if (m.node == k) agent = agent ? agent : &m;
      if (agent) break;
    }
    if (agent) {
      sources = agent->codes;
      src_span = {agent->begin, agent->end};
      targets = Subject(vp, &subject_node);
      if (subject_node >= 0) tgt_span = {span_[subject_node].first, span_[subject_node].second};
    } else {
      passive_voice = false;
    }
  }
  if (!passive_voice) {
    if (sources.empty()) {
      sources = Subject(vp, &subject_node, bind.target ? bind.target->node : -1);
      if (subject_node >= 0) {
        src_span = {span_[subject_node].first, span_[subject_node].second};
        if (bind.target && bind.target->node == subject_node) sources.clear();
      }
      if (sources.empty() && bind.target) {
        // "NOTED + *": the target is the nearer subject; the source is further up.
        int n2 = -1;
        sources = Subject(bind.target->node, &n2);
        if (n2 >= 0) src_span = {span_[n2].first, span_[n2].second};
      }
    }
    if (targets.empty() && !compound_pairs) {
      int exclude = subject_node;
      if (bind.source) exclude = bind.source->node;
      const Mention* m = FirstTarget(vp, last, exclude);
      if (m && !src_span.empty() && m->begin >= src_span[0] && m->end <= src_span[1]) m = nullptr;
      if (m) {
        targets = m->codes;
        tgt_span = {m->begin, m->end};
      }
    }
    // "abandoned efforts to stop an anti-Gondor parade": an infinitive
    // complement without its own subject that was coded is folded into this
    // verb: its target becomes ours and its events are dropped.
    if (targets.empty() && !compound_pairs && !sources.empty()) {
      for (int c : node.children) {
        if (Label(c) != "S" || !has_event_[c]) continue;
        bool has_subject = false;
        int inner_vp = -1;
        for (int k : t_.nodes[c].children) {
          has_subject = has_subject || IsNP(k);
          if (Label(k) == "VP" && inner_vp < 0) inner_vp = k;
        }
        if (has_subject || inner_vp < 0 || t_.nodes[inner_vp].children.empty() ||
            Label(t_.nodes[inner_vp].children.front()) != "TO")
          continue;
        std::vector<CodedEvent> kept;
        for (CodedEvent& e : *out) {
          if (e.verb_leaf >= span_[c].first && e.verb_leaf <= span_[c].second) {
            if (targets.empty() && e.target != "---") {
              targets = {e.target};
              tgt_span = e.target_leaves;
              // "prepared to attend the Olympics": when both verbs are of
              // PETRARCH2's verbal families, the complement's code is kept.
              if (IsVerbalFamily(active) && IsVerbalFamily(e.code)) {
                active = e.code;
                passive.clear();
              }
            }
          } else {
            kept.push_back(std::move(e));
          }
        }
        if (!targets.empty()) *out = std::move(kept);
        break;
      }
    }
  }
  vp_code_[vp] = active;
  vp_sources_[vp] = sources;
  vp_source_span_[vp] = src_span;
  vp_block_[vp] = block_index;
  bool negated = false;
  for (int n = vp; n >= 0 && Label(n) == "VP" && !negated; n = t_.nodes[n].parent) {
    for (int c : t_.nodes[n].children) {
      if (!IsPreterminal(c) || Label(c) != "RB") continue;
      const std::string& w = words_[leaf_of_node_[c]];
      negated = negated || w == "NOT" || w == "N'T" || w == "NEVER";
    }
  }
  auto emit = [&](const std::string& s, const std::string& t, const std::string& c, bool reversed) {
    if (c.empty() || c == "---") return;
    if (s.empty() && t.empty()) return;
    CodedEvent e;
    e.source = s.empty() ? "---" : s;
    e.target = t.empty() ? "---" : t;
    for (std::string* x : {&e.source, &e.target})
      if (!x->empty() && (*x)[0] == '~') *x = "---" + x->substr(1);
    e.code = c;
    e.verb_leaf = v;
    e.negated = negated;
    e.source_leaves = reversed ? tgt_span : src_span;
    e.target_leaves = reversed ? src_span : tgt_span;
    out->push_back(std::move(e));
  };
  std::vector<std::string> src = sources.empty() ? std::vector<std::string>{""} : sources;
  std::vector<std::string> tgt = targets.empty() ? std::vector<std::string>{""} : targets;
  bool produced = false;
  if (targets.empty() && sources.size() > 1 &&
      (compound_pairs || StartsWith(active, "03") || StartsWith(active, "04") ||
       StartsWith(active, "05") || StartsWith(active, "06"))) {
    for (const std::string& a : sources)
      for (const std::string& b : sources)
        if (a != b) emit(a, b, active, false);
    produced = true;
  } else {
    for (const std::string& s : src) {
      for (const std::string& t : tgt) {
        if (!s.empty() && s == t) continue;
        if (config_.require_dyad && (s.empty() || t.empty())) continue;
        if (!active.empty() && active != "---") {
          emit(s, t, active, false);
          produced = true;
        }
        if (!passive.empty() && passive != "---" &&
            !(config_.require_dyad && (s.empty() || t.empty()))) {
          emit(t, s, passive, true);
          produced = true;
        }
      }
    }
  }
  if (produced) {
    for (int n = vp; n >= 0; n = t_.nodes[n].parent) has_event_[n] = true;
  }
}

namespace {
// "ATTACK" in a rule stands for its code 190 and, being a root code, for the
// whole 19x family (PETRARCH2 compares codes under masks).
bool CodeMatches(const std::string& actual, const std::string& rule) {
  if (actual == rule) return true;
  return rule.size() == 3 && rule.back() == '0' && actual.size() >= 3 &&
         actual.compare(0, 2, rule, 0, 2) == 0;
}
}  // namespace

bool SentenceState::Transform(int upper_vp, const CodedEvent& lower, CodedEvent* out) const {
  const VerbDictionary& vd = d_.verbs();
  if (vd.transformation_rules.empty() || vp_sources_[upper_vp].empty()) return false;
  // The code (and block) a rule's verb word has in the dictionary.
  auto verb_code = [&](const std::string& word, int* block) -> std::string {
    auto it = vd.forms.find(word);
    if (it == vd.forms.end()) return "";
    for (const VerbForm& f : it->second) {
      if (!f.front.empty() || !f.back.empty()) continue;
      *block = f.block;
      return f.code.empty() ? vd.blocks[f.block].code : f.code;
    }
    return "";
  };
  auto strip = [](const std::string& c) {
    size_t colon = c.find(':');
    return colon == std::string::npos ? c : c.substr(0, colon);
  };
  for (const VerbTransformation& r : vd.transformation_rules) {
    int upper_block = -1, lower_block = -1;
    std::string upper_code = strip(verb_code(r.upper_verb, &upper_block));
    bool upper_ok =
        (upper_block >= 0 && upper_block == vp_block_[upper_vp]) ||
        (!upper_code.empty() && upper_code != "---" && CodeMatches(vp_code_[upper_vp], upper_code));
    if (!upper_ok) continue;
    if (r.lower_verb != "Q") {
      std::string lower_code = strip(verb_code(r.lower_verb, &lower_block));
      if (lower_code.empty() || lower_code == "---" || !CodeMatches(lower.code, lower_code))
        continue;
    }
    for (const std::string& a : vp_sources_[upper_vp]) {
      std::map<std::string, std::string> bound = {{r.upper_source, a}};
      auto bind = [&](const std::string& var, const std::string& value) {
        if (var == ".") return true;
        if (var == "_") return value == "---";
        if (value == "---") return false;
        auto [it, fresh] = bound.insert({var, value});
        return fresh || it->second == value;
      };
      if (!bind(r.lower_source, lower.source) || !bind(r.lower_target, lower.target)) continue;
      auto value = [&](const std::string& var) {
        auto it = bound.find(var);
        return it == bound.end() ? std::string("---") : it->second;
      };
      // Phrase spans follow the variables.
      auto span = [&](const std::string& var) {
        if (var == r.upper_source) return vp_source_span_[upper_vp];
        if (var == r.lower_source) return lower.source_leaves;
        if (var == r.lower_target) return lower.target_leaves;
        return std::vector<int>{};
      };
      CodedEvent e = lower;
      e.source = value(r.result_source);
      e.target = value(r.result_target);
      e.source_leaves = span(r.result_source);
      e.target_leaves = span(r.result_target);
      if (e.source == e.target) continue;
      if (config_.require_dyad && (e.source == "---" || e.target == "---")) continue;
      e.code = r.result_code == "Q" ? lower.code : r.result_code;
      // The event is the upper verb's act ("said" for an accusation).
      e.verb_leaf = leaf_of_node_[t_.nodes[upper_vp].children.front()];
      *out = std::move(e);
      return true;
    }
  }
  return false;
}

std::vector<CodedEvent> SentenceState::Run() {
  std::vector<CodedEvent> events;
  if (t_.root < 0) return events;
  CollectMentions(t_.root);
  // Post-order: inner clauses first, so outer verbs know which clauses are events.
  std::vector<int> order;
  std::vector<std::pair<int, size_t>> stack = {{t_.root, 0}};
  while (!stack.empty()) {
    auto& [n, k] = stack.back();
    if (k < t_.nodes[n].children.size()) {
      int c = t_.nodes[n].children[k++];
      stack.push_back({c, 0});
      continue;
    }
    order.push_back(n);
    stack.pop_back();
  }
  for (int n : order)
    if (Label(n) == "VP") CodeVerbPhrase(n, &events);
  // The dictionary's transformations: "The US claimed that they had attacked
  // Iraq" -> (USA IRQ 015) by "~ a (a b ATTACK) CLAIM = a b 015". The lower
  // event is replaced, the upper verb's own events are dropped.
  std::vector<bool> transformed(events.size(), false);
  std::set<int> consumed_verbs;
  for (size_t i = 0; i < events.size(); ++i) {
    int vp = events[i].verb_leaf >= 0 ? verb_vp_[events[i].verb_leaf] : -1;
    bool clause = false;
    int upper = -1;
    for (int a = vp >= 0 ? t_.nodes[vp].parent : -1; a >= 0; a = t_.nodes[a].parent) {
      if (IsClause(a)) clause = true;
      if (clause && Label(a) == "VP" && !vp_code_[a].empty()) {
        upper = a;
        break;
      }
    }
    CodedEvent result;
    if (upper >= 0 && Transform(upper, events[i], &result)) {
      events[i] = std::move(result);
      transformed[i] = true;
      consumed_verbs.insert(leaf_of_node_[t_.nodes[upper].children.front()]);
    }
  }
  // PETRARCH2 reads events of a subordinate clause only when the verb above it
  // codes nothing: drop events whose clause sits under a coded verb phrase.
  std::vector<CodedEvent> kept;
  for (size_t i = 0; i < events.size(); ++i) {
    CodedEvent& e = events[i];
    if (transformed[i]) {
      kept.push_back(std::move(e));
      continue;
    }
    if (consumed_verbs.count(e.verb_leaf)) continue;
    int vp = e.verb_leaf >= 0 ? verb_vp_[e.verb_leaf] : -1;
    bool clause = false, blocked = false;
    for (int a = vp >= 0 ? t_.nodes[vp].parent : -1; a >= 0 && !blocked; a = t_.nodes[a].parent) {
      if (IsClause(a)) clause = true;
      if (clause && Label(a) == "VP" && coded_vp_[a]) blocked = true;
    }
    if (!blocked) kept.push_back(std::move(e));
  }
  events = std::move(kept);
  // Keep sentence order of the verbs and drop duplicates.
  std::stable_sort(events.begin(), events.end(), [](const CodedEvent& a, const CodedEvent& b) {
    return a.verb_leaf < b.verb_leaf;
  });
  std::vector<CodedEvent> unique;
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  for (CodedEvent& e : events)
    if (seen.insert({e.source, e.target, e.code}).second) unique.push_back(std::move(e));
  return unique;
}

bool IsPunctLabel(const std::string& l) {
  return l == "," || l == "." || l == ":" || l == "``" || l == "''" || l == "-LRB-" ||
         l == "-RRB-" || l == "#" || l == "$";
}

// PETRARCH's comma rules: a comma-delimited stretch at the start (bmin..bmax
// words), at the end (emin..emax) or between two commas (min..max) is removed
// before coding ("..., a senior official said on Saturday."). A max of 0
// turns a rule off. Returns the tree without those leaves.
PtbTree DeleteCommaClauses(const PtbTree& tree, const CoderConfig& c) {
  std::vector<int> leaves = tree.Leaves();
  int n = static_cast<int>(leaves.size());
  // Commas that separate the members of a coordination ("Mordor, Rohan,
  // Fornost and Bree") never delimit a clause.
  std::vector<int> commas;
  for (int i = 0; i < n; ++i) {
    if (tree.nodes[leaves[i]].label != ",") continue;
    int p = tree.nodes[leaves[i]].parent;
    bool coordination = false;
    if (p >= 0)
      for (int ch : tree.nodes[p].children)
        coordination = coordination || tree.nodes[ch].label == "CC";
    if (!coordination) commas.push_back(i);
  }
  if (commas.empty()) return tree;
  auto words = [&](int from, int to) {  // [from, to)
    int k = 0;
    for (int i = std::max(from, 0); i < to && i < n; ++i)
      if (!IsPunctLabel(tree.nodes[leaves[i]].label)) ++k;
    return k;
  };
  // Leaf spans of every node.
  std::vector<std::pair<int, int>> span(tree.nodes.size(), {n, -1});
  for (int i = 0; i < n; ++i)
    for (int x = leaves[i]; x >= 0; x = tree.nodes[x].parent) {
      span[x].first = std::min(span[x].first, i);
      span[x].second = std::max(span[x].second, i);
    }
  // [from, to] may go only if it is made of whole constituents under the
  // parent of the comma that delimits it.
  auto whole = [&](int comma, int from, int to) {
    int p = tree.nodes[leaves[comma]].parent;
    if (p < 0 || span[p].first > from || span[p].second < to) return false;
    for (int ch : tree.nodes[p].children) {
      bool inside = span[ch].first >= from && span[ch].second <= to;
      bool outside = span[ch].second < from || span[ch].first > to;
      if (!inside && !outside) return false;
    }
    return true;
  };
  std::vector<bool> drop(n, false);
  auto in_range = [](int k, int lo, int hi) { return hi > 0 && k >= lo && k <= hi; };
  if (in_range(words(0, commas.front()), c.comma_bmin, c.comma_bmax) &&
      whole(commas.front(), 0, commas.front()))
    for (int i = 0; i <= commas.front(); ++i) drop[i] = true;
  int end = n;
  while (end > 0 && IsPunctLabel(tree.nodes[leaves[end - 1]].label) &&
         tree.nodes[leaves[end - 1]].label != ",")
    --end;
  if (in_range(words(commas.back() + 1, end), c.comma_emin, c.comma_emax) &&
      whole(commas.back(), commas.back(), end - 1))
    for (int i = commas.back(); i < end; ++i) drop[i] = true;
  for (size_t k = 0; k + 1 < commas.size(); ++k) {
    int a = commas[k], b = commas[k + 1];
    if (drop[a] || drop[b]) continue;
    if (in_range(words(a + 1, b), c.comma_min, c.comma_max) && whole(a, a, b - 1))
      for (int i = a; i < b; ++i) drop[i] = true;
  }
  bool any = false;
  for (bool d : drop) any = any || d;
  if (!any) return tree;
  // Rebuild without the dropped leaves and the constituents left empty.
  PtbTree out;
  std::vector<bool> dropped_node(tree.nodes.size(), false);
  for (int i = 0; i < n; ++i) dropped_node[leaves[i]] = drop[i];
  std::function<int(int, int)> copy = [&](int node, int parent) -> int {
    const PtbNode& src = tree.nodes[node];
    if (src.children.empty()) {
      if (dropped_node[node]) return -1;
    }
    int id = static_cast<int>(out.nodes.size());
    out.nodes.push_back({src.label, src.word, {}, parent});
    for (int ch : src.children) {
      int k = copy(ch, id);
      if (k >= 0) out.nodes[id].children.push_back(k);
    }
    if (!src.children.empty() && out.nodes[id].children.empty()) {
      out.nodes.pop_back();
      return -1;
    }
    return id;
  };
  out.root = copy(tree.root, -1);
  if (out.root < 0) out.nodes.clear();
  return out;
}

}  // namespace

Status CoderConfig::Set(std::string_view option, std::string_view value) {
  std::string o = Upper(option);
  auto as_int = [&](int* out) -> Status {
    std::string v(value);
    if (v.empty() || v.find_first_not_of("-0123456789") != std::string::npos)
      return InvalidArgumentError("option " + std::string(option) + ": '" + v +
                                  "' is not an integer");
    *out = std::stoi(v);
    return OkStatus();
  };
  auto as_bool = [&](bool* out) -> Status {
    if (!ParseBool(value, out))
      return InvalidArgumentError("option " + std::string(option) + ": '" + std::string(value) +
                                  "' is not true/false");
    return OkStatus();
  };
  if (o == "REQUIRE_DYAD") return as_bool(&require_dyad);
  if (o == "STOP_ON_ERROR") return as_bool(&stop_on_error);
  if (o == "NEW_ACTOR_LENGTH") return as_int(&new_actor_length);
  if (o == "COMMA_MIN") return as_int(&comma_min);
  if (o == "COMMA_MAX") return as_int(&comma_max);
  if (o == "COMMA_BMIN") return as_int(&comma_bmin);
  if (o == "COMMA_BMAX") return as_int(&comma_bmax);
  if (o == "COMMA_EMIN") return as_int(&comma_emin);
  if (o == "COMMA_EMAX") return as_int(&comma_emax);
  // Output-only options of PETR_config.ini that do not change coding.
  static const char* kIgnored[] = {"TEXTFILE_LIST",    "TEXTFILE_NAME",     "EVENTFILE_NAME",
                                   "CODE_BY_SENTENCE", "PAUSE_BY_SENTENCE", "PAUSE_BY_STORY",
                                   "WRITE_ACTOR_ROOT", "WRITE_ACTOR_TEXT",  "WRITE_EVENT_TEXT",
                                   "NULL_VERBS",       "NULL_ACTORS"};
  for (const char* k : kIgnored)
    if (o == k) return OkStatus();
  return InvalidArgumentError("unknown PETRARCH option '" + std::string(option) + "'");
}

SentenceCoding::Discard TreeCoder::CheckDiscard(std::string_view text) const {
  std::string up = " " + Upper(text) + " ";
  // Phrases match whole words separated by white space only, as PETRARCH2
  // splits the text: "three years ago, a senior officer said" holds "AGO,"
  // and is not discarded by "YEARS AGO" (PETRARCH2 codes such sentences).
  // A trailing '_' (whole word) therefore changes nothing here.
  for (char& c : up)
    if (isspace(static_cast<unsigned char>(c))) c = ' ';
  SentenceCoding::Discard found = SentenceCoding::Discard::kNone;
  for (const DiscardPhrase& d : dicts_.discards()) {
    std::string needle = " " + d.phrase + " ";
    if (up.find(needle) == std::string::npos) continue;
    if (d.story) return SentenceCoding::Discard::kStory;
    found = SentenceCoding::Discard::kSentence;
  }
  return found;
}

SentenceCoding TreeCoder::Code(const PtbTree& tree, std::string_view text, int date,
                               const CoderConfig& config) const {
  SentenceCoding result;
  if (!text.empty()) {
    result.discard = CheckDiscard(text);
    if (result.discard != SentenceCoding::Discard::kNone) return result;
  }
  PtbTree pruned = DeleteCommaClauses(tree, config);
  SentenceState state(dicts_, pruned, date, config);
  result.events = state.Run();
  if (!dicts_.issues().empty() && !result.events.empty() && !text.empty()) {
    std::string up = " " + Upper(text) + " ";
    for (char& c : up)
      if (!isalnum(static_cast<unsigned char>(c)) && c != '-') c = ' ';
    std::vector<std::string> found;
    for (const IssuePhrase& p : dicts_.issues()) {
      std::string needle = " ";
      for (const std::string& w : p.words) needle += w + " ";
      if (up.find(needle) != std::string::npos &&
          std::find(found.begin(), found.end(), p.code) == found.end())
        found.push_back(p.code);
    }
    for (CodedEvent& e : result.events) e.issues = found;
  }
  return result;
}

}  // namespace sitrep::petrarch
