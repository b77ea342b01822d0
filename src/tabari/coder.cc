#include "tabari/coder.h"

#include <algorithm>
#include <cctype>

namespace sitrep::tabari {
namespace {

enum class WType : uint8_t {
  kNull,
  kActor,
  kAgent,
  kVerb,
  kNoun,
  kAdj,
  kDeterm,
  kPronoun,
  kConj,
  kComma,
  kNumber,
  kAux,
  kBy,
  kTime,
  kConsumed,
};

struct Word {
  std::string text;
  uint32_t begin = 0, end = 0;
  bool cap = false;
  WType type = WType::kNull;
  int span = -1;             // index into actor/agent/verb spans for the first word
  bool in_compound = false;  // comma/conjunction inside a compound phrase
  bool removed = false;      // inside an eliminated comma clause
};

struct Span {
  int begin = 0, end = 0;          // word indices [begin, end)
  std::vector<std::string> codes;  // actors: codes; agents: one agent code
  int root = -1;                   // verbs
  int attached_agent = -1;
  std::string raw_first = {};  // actors: first code before agents were added
};

struct Unit {
  int begin = 0, end = 0;  // word indices
  std::vector<std::string> codes;
  std::string raw_first;  // first code before agents were added (FORWARD:)
  bool compound = false;
  bool pronoun = false;
  int member_of = -1;
};

bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::vector<Word> Filter(std::string_view text, bool* all_caps) {
  std::vector<Word> words;
  Word cur;
  bool in_word = false;
  bool any_lower = false;
  auto flush = [&]() {
    if (in_word && !cur.text.empty()) words.push_back(cur);
    cur = Word();
    in_word = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    unsigned char u = static_cast<unsigned char>(c);
    if (IsLower(c)) any_lower = true;
    if (c == ',' || c == ';') {
      if (c == ',' && i > 0 && i + 1 < text.size() && IsDigit(text[i - 1]) && IsDigit(text[i + 1]))
        continue;  // "1,500"
      flush();
      Word w;
      w.text = ",";
      w.begin = static_cast<uint32_t>(i);
      w.end = w.begin + 1;
      w.type = WType::kComma;
      words.push_back(w);
      continue;
    }
    if (c == '.') {
      if (in_word && i > 0 && !IsLower(text[i - 1]) && i + 1 < text.size() &&
          !std::isspace(static_cast<unsigned char>(text[i + 1]))) {
        cur.text += '.';
        cur.end = static_cast<uint32_t>(i + 1);
      } else if (in_word && i > 0 && !IsLower(text[i - 1]) &&
                 cur.text.find('.') != std::string::npos) {
        cur.text += '.';  // "U.S."
        cur.end = static_cast<uint32_t>(i + 1);
      } else {
        flush();
      }
      continue;
    }
    bool word_char = std::isalnum(u) || c == '\'' || c == '&' || c == '$' || c == '%' || u >= 0x80;
    if (!word_char) {
      flush();
      continue;
    }
    if (!in_word) {
      in_word = true;
      cur.begin = static_cast<uint32_t>(i);
      cur.cap = IsUpper(c);
    }
    cur.text += static_cast<char>(std::toupper(u));
    cur.end = static_cast<uint32_t>(i + 1);
  }
  flush();
  *all_caps = !any_lower;
  // Cap runaway input (TABARI truncates at 127 words).
  if (words.size() > 256) words.resize(256);
  return words;
}

bool IsOneOf(const std::string& w, std::initializer_list<const char*> list) {
  for (const char* s : list)
    if (w == s) return true;
  return false;
}

// Matches a dictionary phrase (words only) starting at word `start`. Skipping
// words is allowed between non-adjacent elements but never across a comma.
// Returns the end (one past the last matched word) or -1.
int MatchPhraseAt(const Phrase& p, const std::vector<Word>& words, int start, Endings endings,
                  std::vector<int>* matched = nullptr) {
  int pos = start;
  if (matched) matched->clear();
  for (size_t k = 0; k < p.size(); ++k) {
    const PhraseElem& e = p[k];
    if (e.kind != PhraseElem::Kind::kWord) return -1;
    Endings en = (k + 1 == p.size()) ? endings : Endings::kNone;
    if (k == 0 || p[k - 1].adjacent) {
      if (pos >= static_cast<int>(words.size()) || words[pos].type == WType::kComma ||
          words[pos].type == WType::kConsumed || !WordMatches(e, words[pos].text, en))
        return -1;
      if (matched) matched->push_back(pos);
      ++pos;
    } else {
      int q = pos;
      while (q < static_cast<int>(words.size()) && words[q].type != WType::kComma &&
             !WordMatches(e, words[q].text, en))
        ++q;
      if (q >= static_cast<int>(words.size()) || words[q].type == WType::kComma) return -1;
      if (matched) matched->push_back(q);
      pos = q + 1;
    }
  }
  return pos;
}

std::vector<std::string> SplitCodes(const std::string& code) {
  std::vector<std::string> out;
  size_t p = 0;
  while (true) {
    size_t s = code.find('/', p);
    std::string c = code.substr(p, s == std::string::npos ? std::string::npos : s - p);
    if (!c.empty()) out.push_back(c);
    if (s == std::string::npos) break;
    p = s + 1;
  }
  return out;
}

// Adds agent code "~GOV" / "NGM~" to actor code "ARN": "ARNGOV" / "NGMARN";
// not added when already present on a 3-character boundary.
std::string CombineAgent(const std::string& actor, const std::string& agent) {
  bool suffix = !agent.empty() && agent[0] == '~';
  std::string part = agent;
  part.erase(std::remove(part.begin(), part.end(), '~'), part.end());
  if (part.empty()) return actor;
  for (size_t k = 0; k + part.size() <= actor.size(); k += 3)
    if (actor.compare(k, part.size(), part) == 0) return actor;
  return suffix ? actor + part : part + actor;
}

class SentenceParse {
 public:
  SentenceParse(const Project& project, const Options& options, int32_t date)
      : project_(project), options_(options), date_(date) {}

  SentenceResult Run(std::string_view text, ForwardState* forward);

 private:
  void Classify(bool all_caps);
  // Marks the words of a matched phrase after its first as part of it.
  void Consume(const std::vector<int>& matched) {
    for (size_t k = 1; k < matched.size(); ++k) words_[matched[k]].type = WType::kConsumed;
  }
  void AttachAgents();
  void BuildUnits();
  void BuildCompounds();
  void ResolvePronouns(ForwardState* forward);
  void EliminateCommaClauses();
  bool CheckComplex(std::string* reason);
  void CodeClauses(std::vector<CodedEvent>* events, bool* discard, bool* complex,
                   std::string* reason);

  // Active (not removed) top-level units, ordered by begin.
  std::vector<int> TopUnits() const;
  int UnitStartingAt(int w) const;
  bool Distinct(const std::vector<std::string>& a, const std::vector<std::string>& b) const {
    return a != b;
  }

  struct Match {
    int source = -1, target = -1;  // unit indices
  };
  bool MatchPattern(const VerbPattern& pat, int vb, int ve, int cb, int ce, Match* m) const;
  bool MatchBefore(const VerbPattern& pat, int ei, int limit, int cb, Match* m) const;
  bool MatchAfter(const VerbPattern& pat, size_t ei, int start, int ce, Match* m) const;

  const Project& project_;
  const Options& options_;
  int32_t date_;
  std::vector<Word> words_;
  std::vector<Span> actors_, agents_, verbs_;
  std::vector<Unit> units_;
  std::vector<int> act_;  // active word indices (after comma elimination)
  // Backtracking budget of one pattern match (a pattern of repeated words on
  // text of repeated words would otherwise take polynomial time of high degree).
  static constexpr int kMaxMatchSteps = 20000;
  mutable int steps_ = 0;
  bool discard_ = false, complex_ = false;
  std::string reason_;
};

void SentenceParse::Classify(bool all_caps) {
  const ActorDictionary& actors = project_.actors();
  const ActorDictionary& agents = project_.agents();
  const VerbDictionary& verbs = project_.verbs();
  std::vector<int> matched;
  int n = static_cast<int>(words_.size());
  for (int i = 0; i < n; ++i) {
    Word& w = words_[i];
    if (w.type != WType::kNull) continue;
    // Actors.
    bool done = false;
    for (int id : actors.index().Candidates(w.text)) {
      const ActorEntry& e = actors.entries()[id];
      int end = MatchPhraseAt(e.phrase, words_, i, Endings::kNoun, &matched);
      if (end < 0) continue;
      std::string code = ResolveCode(actors.groups()[e.group].codes, date_);
      Consume(matched);
      if (code == "---") {
        w.type = WType::kNoun;
      } else if (code == "###") {
        discard_ = true;
        reason_ = "discard code on " + e.text;
        w.type = WType::kNoun;
      } else if (code == "+++") {
        complex_ = true;
        reason_ = "complex code on " + e.text;
        w.type = WType::kNoun;
      } else {
        w.type = WType::kActor;
        w.span = static_cast<int>(actors_.size());
        actors_.push_back({i, end, SplitCodes(code), -1, -1});
      }
      done = true;
      break;
    }
    if (done) continue;
    // Agents.
    for (int id : agents.index().Candidates(w.text)) {
      const ActorEntry& e = agents.entries()[id];
      int end = MatchPhraseAt(e.phrase, words_, i, Endings::kNoun, &matched);
      if (end < 0) continue;
      std::string code = ResolveCode(agents.groups()[e.group].codes, date_);
      Consume(matched);
      if (code == "---" || code.find('~') == std::string::npos) {
        w.type = WType::kNoun;
      } else {
        w.type = WType::kAgent;
        w.span = static_cast<int>(agents_.size());
        agents_.push_back({i, end, {code}, -1, -1});
      }
      done = true;
      break;
    }
    if (done) continue;
    // Fixed word classes.
    const std::string& t = w.text;
    if (IsOneOf(t, {"THE", "A", "AN"})) {
      w.type = WType::kDeterm;
      continue;
    }
    if (IsOneOf(t, {"HE", "SHE", "IT", "HIM", "HER", "ITS", "HIS", "THEY", "THEM", "THEIR"})) {
      w.type = WType::kPronoun;
      continue;
    }
    if (IsOneOf(t, {"AND", "BUT", "OR", "NOR"})) {
      w.type = WType::kConj;
      continue;
    }
    if (IsOneOf(t, {"WAS", "WERE", "BEEN"})) {
      w.type = WType::kAux;
      continue;
    }
    if (t == "BY") {
      w.type = WType::kBy;
      continue;
    }
    for (const Phrase& p : actors.nouns())
      if (MatchPhraseAt(p, words_, i, Endings::kNoun) == i + static_cast<int>(p.size()) &&
          p.size() == 1) {
        w.type = WType::kNoun;
        break;
      }
    if (w.type != WType::kNull) continue;
    for (const Phrase& p : actors.adjectives())
      if (p.size() == 1 && MatchPhraseAt(p, words_, i, Endings::kNone) == i + 1) {
        w.type = WType::kAdj;
        break;
      }
    if (w.type != WType::kNull) continue;
    // Verbs (and time phrases).
    for (int id : verbs.index().Candidates(w.text)) {
      const VerbDictionary::Form& f = verbs.forms()[id];
      const VerbRoot& root = verbs.roots()[f.root];
      if (root.time && !options_.time_shift) continue;
      int end = MatchPhraseAt(f.phrase, words_, i, Endings::kVerb, &matched);
      if (end < 0) continue;
      Consume(matched);
      if (root.time) {
        w.type = WType::kTime;
        if (root.code.IsDiscard()) discard_ = true, reason_ = "discard code on " + root.text;
        if (root.code.IsComplex()) complex_ = true, reason_ = "complex code on " + root.text;
        done = true;
        break;
      }
      int prev = i - 1;
      while (prev >= 0 && words_[prev].type == WType::kConsumed) --prev;
      bool noun =
          (prev >= 0 && words_[prev].type == WType::kDeterm) || (i > 0 && w.cap && !all_caps);
      if (noun) {
        w.type = WType::kNoun;
      } else if (root.code.IsNull() && root.patterns.empty()) {
        w.type = WType::kNull;
      } else if (root.code.IsDiscard()) {
        discard_ = true;
        reason_ = "discard code on " + root.text;
        w.type = WType::kNoun;
      } else if (root.code.IsComplex()) {
        complex_ = true;
        reason_ = "complex code on " + root.text;
        w.type = WType::kNoun;
      } else {
        w.type = WType::kVerb;
        w.span = static_cast<int>(verbs_.size());
        verbs_.push_back({i, end, {}, f.root, -1});
      }
      done = true;
      break;
    }
    if (done) continue;
    if (IsDigit(t[0])) w.type = WType::kNumber;
  }
}

void SentenceParse::AttachAgents() {
  int n = static_cast<int>(words_.size());
  auto actor_ending_at = [&](int w) -> int {  // actor whose span ends at word w
    for (size_t a = 0; a < actors_.size(); ++a)
      if (actors_[a].end == w && actors_[a].attached_agent < 0) return static_cast<int>(a);
    return -1;
  };
  auto actor_starting_at = [&](int w) -> int {
    if (w < 0 || w >= n || words_[w].type != WType::kActor) return -1;
    int a = words_[w].span;
    return actors_[a].attached_agent < 0 ? a : -1;
  };
  for (size_t g = 0; g < agents_.size(); ++g) {
    Span& ag = agents_[g];
    bool former = ag.begin > 0 && words_[ag.begin - 1].text == "FORMER";
    int before = ag.begin - (former ? 1 : 0);
    int a = actor_ending_at(before);
    if (a < 0) {
      a = actor_starting_at(ag.end);
      if (a < 0 && ag.end < n && (words_[ag.end].text == "OF" || words_[ag.end].text == "IN")) {
        int w = ag.end + 1;
        if (w < n && words_[w].type == WType::kDeterm) ++w;
        a = actor_starting_at(w);
      }
    }
    if (a >= 0) {
      Span& ac = actors_[a];
      if (!former && ac.begin > 0 && words_[ac.begin - 1].text == "FORMER") former = true;
      std::string agent_code = former ? "~ELI" : ag.codes[0];
      if (ac.raw_first.empty() && !ac.codes.empty()) ac.raw_first = ac.codes[0];
      for (std::string& c : ac.codes) c = CombineAgent(c, agent_code);
      ac.attached_agent = static_cast<int>(g);
      // The actor now covers the agent.
      int nb = std::min(ac.begin, ag.begin), ne = std::max(ac.end, ag.end);
      if (nb != ac.begin) {
        words_[nb].type = WType::kActor;
        words_[nb].span = a;
        for (int k = nb + 1; k < ne; ++k)
          if (words_[k].type != WType::kComma) words_[k].type = WType::kConsumed;
      } else {
        for (int k = ac.end; k < ne; ++k)
          if (words_[k].type != WType::kComma) words_[k].type = WType::kConsumed;
      }
      ac.begin = nb;
      ac.end = ne;
    } else if (options_.convert_agents) {
      words_[ag.begin].type = WType::kActor;
      words_[ag.begin].span = static_cast<int>(actors_.size());
      actors_.push_back({ag.begin, ag.end, {ag.codes[0]}, -1, static_cast<int>(g)});
    }
  }
}

void SentenceParse::BuildUnits() {
  for (size_t i = 0; i < words_.size(); ++i) {
    if (words_[i].type != WType::kActor) continue;
    const Span& s = actors_[words_[i].span];
    Unit u;
    u.begin = static_cast<int>(i);
    u.end = s.end;
    u.codes = s.codes;
    u.raw_first = s.raw_first.empty() && !s.codes.empty() ? s.codes[0] : s.raw_first;
    u.compound = s.codes.size() > 1;
    units_.push_back(u);
  }
}

int SentenceParse::UnitStartingAt(int w) const {
  for (size_t u = 0; u < units_.size(); ++u)
    if (units_[u].begin == w && units_[u].member_of < 0) return static_cast<int>(u);
  return -1;
}

void SentenceParse::BuildCompounds() {
  int n = static_cast<int>(words_.size());
  // Compound actors: np ((,)? conj? np)+ with at least one conjunction.
  size_t base = units_.size();
  for (size_t u0 = 0; u0 < base; ++u0) {
    if (units_[u0].member_of >= 0) continue;
    std::vector<int> members = {static_cast<int>(u0)};
    std::vector<std::vector<int>> seps;  // separator words before each later member
    std::vector<bool> conj_link;
    int pos = units_[u0].end;
    while (true) {
      int p = pos;
      std::vector<int> sep;
      bool saw_conj = false;
      if (p < n && words_[p].type == WType::kComma) sep.push_back(p++);
      if (p < n && words_[p].type == WType::kConj && words_[p].text != "BUT") {
        sep.push_back(p++);
        saw_conj = true;
      }
      // After a conjunction, an actor right after another one joins the list
      // too ("Gondor and Arnor's Elrond").
      bool after_conj = std::find(conj_link.begin(), conj_link.end(), true) != conj_link.end();
      if (sep.empty() && !after_conj) break;
      bool adjective = false;
      while (p < n && (words_[p].type == WType::kDeterm || words_[p].type == WType::kAdj)) {
        adjective |= words_[p].type == WType::kAdj;
        ++p;
      }
      if (sep.empty()) {
        // Only "Arnor's Elrond" (possessive) or "Arnor awful Gondor" (an
        // adjective opening the next noun phrase), not two bare names.
        const std::string& prev = words_[pos - 1].text;
        bool possessive = prev.size() > 2 && prev.compare(prev.size() - 2, 2, "'S") == 0;
        if (!possessive && !adjective) break;
      }
      int next = UnitStartingAt(p);
      if (next < 0 || next == static_cast<int>(u0)) break;
      members.push_back(next);
      seps.push_back(sep);
      conj_link.push_back(saw_conj || sep.empty());
      pos = units_[next].end;
    }
    // Keep members up to the last conjunction link.
    int last = -1;
    for (size_t k = 0; k < conj_link.size(); ++k)
      if (conj_link[k]) last = static_cast<int>(k);
    if (last < 0) continue;
    members.resize(last + 2);
    Unit c;
    c.raw_first = units_[members.front()].raw_first;
    c.begin = units_[members.front()].begin;
    c.end = units_[members.back()].end;
    c.compound = true;
    for (int m : members)
      for (const std::string& code : units_[m].codes)
        if (std::find(c.codes.begin(), c.codes.end(), code) == c.codes.end())
          c.codes.push_back(code);
    int ci = static_cast<int>(units_.size());
    for (int m : members) units_[m].member_of = ci;
    for (int k = 0; k <= last; ++k)
      for (int w : seps[k]) words_[w].in_compound = true;
    units_.push_back(c);
  }
  // Compound nouns "sheep and (lazy) goats", compound adjectives "black and white".
  for (int i = 1; i + 1 < n; ++i) {
    if (words_[i].type != WType::kConj || words_[i].in_compound) continue;
    WType prev = words_[i - 1].type;
    int j = i + 1;
    while (j < n && words_[j].type == WType::kAdj && prev == WType::kNoun) ++j;
    if (j >= n) continue;
    if ((prev == WType::kNoun && words_[j].type == WType::kNoun) ||
        (prev == WType::kAdj && words_[i + 1].type == WType::kAdj))
      words_[i].in_compound = true;
  }
}

std::vector<int> SentenceParse::TopUnits() const {
  std::vector<int> out;
  for (size_t u = 0; u < units_.size(); ++u)
    if (units_[u].member_of < 0 && !words_[units_[u].begin].removed)
      out.push_back(static_cast<int>(u));
  std::sort(out.begin(), out.end(),
            [&](int a, int b) { return units_[a].begin < units_[b].begin; });
  return out;
}

void SentenceParse::ResolvePronouns(ForwardState* forward) {
  std::vector<int> top = TopUnits();
  for (size_t i = 0; i < words_.size(); ++i) {
    if (words_[i].type != WType::kPronoun || words_[i].removed) continue;
    const std::string& t = words_[i].text;
    int ref = -1;
    bool plural = IsOneOf(t, {"THEY", "THEM", "THEIR"});
    if (plural)
      for (int u : top)
        if (units_[u].compound && units_[u].begin < static_cast<int>(i)) {
          ref = u;
          break;
        }
    if (ref < 0)
      for (int u : top)
        if (units_[u].begin < static_cast<int>(i) && !units_[u].pronoun) {
          ref = u;
          break;
        }
    Unit p;
    p.begin = static_cast<int>(i);
    p.end = p.begin + 1;
    p.pronoun = true;
    if (ref >= 0) {
      p.codes = units_[ref].codes;
      p.compound = units_[ref].compound;
    } else if (forward && forward->valid && options_.forward) {
      // Sentence-initial pronoun before any actor: the previous record's actor.
      bool before_any = top.empty() || units_[top[0]].begin > static_cast<int>(i);
      if (!before_any) continue;
      p.codes = forward->first_actor;
      p.compound = p.codes.size() > 1;
    } else {
      continue;
    }
    units_.push_back(p);
  }
}

void SentenceParse::EliminateCommaClauses() {
  if (!options_.comma_on) return;
  int n = static_cast<int>(words_.size());
  std::vector<int> commas;
  for (int i = 0; i < n; ++i)
    if (words_[i].type == WType::kComma && !words_[i].in_compound) commas.push_back(i);
  if (commas.empty()) return;
  auto count = [&](int b, int e) {
    int c = 0;
    for (int i = b; i < e; ++i)
      if (words_[i].type != WType::kComma || words_[i].in_compound) ++c;
    return c;
  };
  std::vector<bool> remove(n, false);
  int c0 = commas.front();
  int k = count(0, c0);
  if (k >= options_.comma_bmin && k <= options_.comma_bmax)
    for (int i = 0; i <= c0; ++i) remove[i] = true;
  // Chained: every internal clause is measured from the comma that closed the
  // previous one; an eliminated clause takes its closing comma with it, and
  // when that was the last comma the rest is no terminal clause any more.
  bool last_consumed = false;
  for (size_t j = 0; j + 1 < commas.size(); ++j) {
    int a = commas[j], b = commas[j + 1];
    k = count(a + 1, b);
    if (k >= options_.comma_min && k <= options_.comma_max) {
      for (int i = a; i <= b; ++i) remove[i] = true;
      if (j + 2 == commas.size()) last_consumed = true;
    }
  }
  int cl = commas.back();
  k = count(cl + 1, n);
  if (!last_consumed && k >= options_.comma_emin && k <= options_.comma_emax)
    for (int i = cl; i < n; ++i) remove[i] = true;
  for (int i = 0; i < n; ++i)
    if (remove[i]) words_[i].removed = true;
}

bool SentenceParse::CheckComplex(std::string* reason) {
  int verbs = 0, conj = 0, pronouns = 0, actors = 0;
  int first_verb = -1, first_coded_verb = -1;
  for (size_t i = 0; i < words_.size(); ++i) {
    const Word& w = words_[i];
    if (w.removed) continue;
    if (w.type == WType::kVerb) {
      ++verbs;
      if (first_verb < 0) first_verb = static_cast<int>(i);
      const VerbRoot& r = project_.verbs().roots()[verbs_[w.span].root];
      if (first_coded_verb < 0 && !r.code.IsNull()) first_coded_verb = static_cast<int>(i);
    }
    if (w.type == WType::kConj && !w.in_compound) ++conj;
    if (w.type == WType::kPronoun) ++pronouns;
  }
  std::vector<int> top = TopUnits();
  actors = static_cast<int>(top.size());
  if (options_.complex_verbs > 0 && verbs >= options_.complex_verbs)
    return *reason = "too many verbs", true;
  if (options_.complex_conj > 0 && conj >= options_.complex_conj)
    return *reason = "too many conjunctions", true;
  if (options_.complex_pronouns > 0 && pronouns >= options_.complex_pronouns)
    return *reason = "too many pronouns", true;
  if (options_.complex_actors > 0 && actors >= options_.complex_actors)
    return *reason = "too many actors", true;
  if (options_.no_verb && verbs == 0) return *reason = "no verb", true;
  if (options_.complex_lateverb > 0) {
    int pos = 0;
    bool found = false;
    for (size_t i = 0; i < words_.size(); ++i) {
      if (words_[i].removed) continue;
      if (words_[i].type == WType::kVerb) {
        found = pos < options_.complex_lateverb;
        break;
      }
      ++pos;
    }
    if (!found) return *reason = "late verb", true;
  }
  if (options_.no_act_prior && first_coded_verb >= 0) {
    bool prior = false;
    for (int u : top)
      if (units_[u].begin < first_coded_verb && !units_[u].codes.empty()) prior = true;
    if (!prior) return *reason = "no actor prior to the first verb", true;
  }
  if (options_.no_act_after && first_verb >= 0) {
    bool after = false;
    for (int u : top)
      if (units_[u].begin > first_verb) after = true;
    if (!after) return *reason = "no actor after the first verb", true;
  }
  return false;
}

// Pattern matching over active word positions act_[cb..ce).
bool SentenceParse::MatchBefore(const VerbPattern& pat, int ei, int limit, int cb, Match* m) const {
  if (ei < 0) return true;
  if (--steps_ < 0) return false;
  const PhraseElem& e = pat.before[ei];
  bool adjacent = e.adjacent;

  for (int p = limit - 1; p >= cb; --p) {
    const Word& w = words_[act_[p]];
    if (w.type == WType::kComma && !w.in_compound) return false;
    if (e.kind == PhraseElem::Kind::kWord) {
      if (w.type != WType::kComma && WordMatches(e, w.text, Endings::kNone)) {
        Match saved = *m;
        if (MatchBefore(pat, ei - 1, p, cb, m)) return true;
        *m = saved;
      }
    } else {
      // An actor unit that ends at position p (inclusive).
      int found = -1;
      for (int u : TopUnits()) {
        int ue = units_[u].end;
        // last active position inside the unit
        int last = -1;
        for (int q = cb; q < limit; ++q)
          if (act_[q] >= units_[u].begin && act_[q] < ue) last = q;
        if (last == p) {
          found = u;
          break;
        }
      }
      if (found >= 0) {
        const Unit& un = units_[found];
        bool ok = e.kind != PhraseElem::Kind::kCompound || un.compound;
        if (ok) {
          Match saved = *m;
          if (e.kind == PhraseElem::Kind::kSource) m->source = found;
          if (e.kind == PhraseElem::Kind::kTarget) m->target = found;
          if (e.kind == PhraseElem::Kind::kCompound) m->source = m->target = found;
          int first = p;
          while (first - 1 >= cb && act_[first - 1] >= un.begin) --first;
          if (MatchBefore(pat, ei - 1, first, cb, m)) return true;
          *m = saved;
        }
        if (e.kind == PhraseElem::Kind::kSkip || e.kind == PhraseElem::Kind::kSource ||
            e.kind == PhraseElem::Kind::kTarget)
          return false;  // the nearest actor is the one assigned
      }
    }
    if (adjacent) return false;
  }
  return false;
}

bool SentenceParse::MatchAfter(const VerbPattern& pat, size_t ei, int start, int ce,
                               Match* m) const {
  if (ei >= pat.after.size()) return true;
  if (--steps_ < 0) return false;
  const PhraseElem& e = pat.after[ei];
  bool adjacent = ei == 0 ? pat.verb_adjacent_after : pat.after[ei - 1].adjacent;
  for (int p = start; p < ce; ++p) {
    const Word& w = words_[act_[p]];
    if (w.type == WType::kComma && !w.in_compound) return false;
    if (e.kind == PhraseElem::Kind::kWord) {
      if (w.type != WType::kComma && WordMatches(e, w.text, Endings::kNone)) {
        Match saved = *m;
        if (MatchAfter(pat, ei + 1, p + 1, ce, m)) return true;
        *m = saved;
      }
    } else {
      int found = UnitStartingAt(act_[p]);
      if (found < 0 || words_[units_[found].begin].removed) {
        // maybe p is inside a compound's first member
        for (int u : TopUnits())
          if (units_[u].begin == act_[p]) found = u;
      }
      if (found >= 0 && units_[found].member_of >= 0) found = -1;
      if (found >= 0) {
        const Unit& un = units_[found];
        bool ok = e.kind != PhraseElem::Kind::kCompound || un.compound;
        int next = p;
        while (next < ce && act_[next] < un.end) ++next;
        if (ok) {
          Match saved = *m;
          if (e.kind == PhraseElem::Kind::kSource) m->source = found;
          if (e.kind == PhraseElem::Kind::kTarget) m->target = found;
          if (e.kind == PhraseElem::Kind::kCompound) m->source = m->target = found;
          if (MatchAfter(pat, ei + 1, next, ce, m)) return true;
          *m = saved;
        }
        if (e.kind != PhraseElem::Kind::kCompound) return false;
        p = next - 1;
      }
    }
    if (adjacent) return false;
  }
  return false;
}

bool SentenceParse::MatchPattern(const VerbPattern& pat, int vb, int ve, int cb, int ce,
                                 Match* m) const {
  *m = Match();
  steps_ = kMaxMatchSteps;
  if (!MatchBefore(pat, static_cast<int>(pat.before.size()) - 1, vb, cb, m)) return false;
  return MatchAfter(pat, 0, ve, ce, m);
}

void SentenceParse::CodeClauses(std::vector<CodedEvent>* events, bool* discard, bool* complex,
                                std::string* reason) {
  // Active positions and clause ranges.
  act_.clear();
  for (size_t i = 0; i < words_.size(); ++i)
    if (!words_[i].removed) act_.push_back(static_cast<int>(i));
  std::vector<std::pair<int, int>> clauses;
  int start = 0;
  for (int p = 0; p < static_cast<int>(act_.size()); ++p) {
    const Word& w = words_[act_[p]];
    if (w.type == WType::kConj && !w.in_compound) {
      clauses.push_back({start, p});
      start = p + 1;
    }
  }
  clauses.push_back({start, static_cast<int>(act_.size())});
  std::vector<int> top = TopUnits();
  auto pos_of = [&](int word) {
    return static_cast<int>(std::lower_bound(act_.begin(), act_.end(), word) - act_.begin());
  };
  std::vector<std::string> carried;  // source codes carried across clauses
  int carried_unit = -1;
  struct Found {
    std::vector<CodedEvent> evs;
    bool subordinate = false, dominant = false;
  };
  std::vector<Found> found;
  bool stop = false;
  for (size_t ci = 0; ci < clauses.size() && !stop; ++ci) {
    auto [cb, ce] = clauses[ci];
    bool clause_done = false;
    int clause_source = -1;
    Found sub;
    bool have_sub = false;
    for (int p = cb; p < ce && !clause_done; ++p) {
      const Word& w = words_[act_[p]];
      if (w.type != WType::kVerb) continue;
      const Span& vs = verbs_[w.span];
      const VerbRoot& root = project_.verbs().roots()[vs.root];
      int vb = p, ve = pos_of(vs.end);
      if (ve > ce) ve = ce;
      VerbCode code = root.code;
      Match m;
      bool by_pattern = false;
      for (const VerbPattern& pat : root.patterns) {
        if (MatchPattern(pat, vb, ve, cb, ce, &m)) {
          code = pat.code;
          by_pattern = true;
          break;
        }
      }
      if (!by_pattern) m = Match();
      if (code.IsDiscard()) {
        *discard = true;
        *reason = "discard code on " + root.text;
        return;
      }
      if (code.IsComplex()) {
        *complex = true;
        *reason = "complex code on " + root.text;
        return;
      }
      if (code.IsNull() || code.code.empty()) continue;
      // Units in the clause relative to the verb.
      std::vector<int> before, after, before_all;
      for (int u : top) {
        int up = pos_of(units_[u].begin);
        // Units reaching into the clause (a phrase with skipped words may
        // start before the conjunction) are candidates for the target.
        if (up < vb && pos_of(units_[u].end) > cb && !units_[u].codes.empty())
          before_all.push_back(u);
        if (up < cb || up >= ce || units_[u].codes.empty()) continue;
        if (up < vb)
          before.push_back(u);
        else if (up >= ve)
          after.push_back(u);
      }
      std::vector<std::string> src, tgt;
      int src_unit = m.source, tgt_unit = m.target;
      bool pattern_actors = m.source >= 0 || m.target >= 0;
      if (tgt_unit >= 0) tgt = units_[tgt_unit].codes;
      if (src_unit >= 0) {
        src = units_[src_unit].codes;
      } else {
        // After a conjunction the source carries over unless an actor opens
        // the clause ("..., and Gondor asked him ...").
        bool use_carried = false;
        if (ci > 0 && !carried.empty()) {
          int first = cb;
          while (first < vb && words_[act_[first]].type == WType::kDeterm) ++first;
          int opener = first < vb ? UnitStartingAt(act_[first]) : -1;
          use_carried = opener < 0 || units_[opener].codes.empty();
        }
        if (!use_carried)
          for (int u : before)
            if (tgt.empty() || Distinct(units_[u].codes, tgt)) {
              src_unit = u;
              break;
            }
        if (src_unit >= 0) {
          src = units_[src_unit].codes;
        } else if (ci > 0 && !carried.empty()) {
          src = carried;
          src_unit = carried_unit;
        } else if (!options_.default_source.empty() && options_.default_prior) {
          src = {options_.default_source};
        } else {
          for (int u : after)
            if (tgt.empty() || Distinct(units_[u].codes, tgt)) {
              src_unit = u;
              break;
            }
          // A source found after the verb is one actor: the first of a compound.
          if (src_unit >= 0 && units_[src_unit].compound) {
            for (size_t k = 0; k < units_.size(); ++k)
              if (units_[k].member_of == src_unit) {
                src_unit = static_cast<int>(k);
                break;
              }
          }
          if (src_unit >= 0)
            src = units_[src_unit].codes;
          else if (!options_.default_source.empty())
            src = {options_.default_source};
        }
      }
      if (tgt.empty()) {
        for (int u : after)
          if (u != src_unit && Distinct(units_[u].codes, src)) {
            tgt_unit = u;
            break;
          }
        if (tgt_unit >= 0) {
          tgt = units_[tgt_unit].codes;
        } else if (!options_.default_target.empty() && options_.default_after) {
          tgt = {options_.default_target};
        } else {
          for (auto it = before_all.rbegin(); it != before_all.rend(); ++it)
            if (*it != src_unit && Distinct(units_[*it].codes, src)) {
              tgt_unit = *it;
              break;
            }
          if (tgt_unit >= 0)
            tgt = units_[tgt_unit].codes;
          else if (!options_.default_target.empty())
            tgt = {options_.default_target};
          else if (src.size() > 1)
            tgt = src;
        }
      }
      if (src.empty() || tgt.empty()) continue;
      // Passive voice: "was opposed by".
      if (!pattern_actors) {
        bool aux = false, by = false;
        for (int k = 1; k <= 2; ++k) {
          if (vb - k >= cb && words_[act_[vb - k]].type == WType::kAux) aux = true;
          if (ve + k - 1 < ce && words_[act_[ve + k - 1]].type == WType::kBy) by = true;
        }
        if (aux && by) {
          std::swap(src, tgt);
          std::swap(src_unit, tgt_unit);
        }
      }
      Found f;
      f.subordinate = code.subordinate;
      f.dominant = code.dominant;
      for (const std::string& s : src)
        for (const std::string& t : tgt) {
          if (s == t) continue;
          CodedEvent e;
          e.source = s;
          e.target = t;
          e.code = code.code;
          e.verb_begin = static_cast<int32_t>(words_[vs.begin].begin);
          e.verb_end = static_cast<int32_t>(words_[vs.end - 1].end);
          if (src_unit >= 0) {
            e.source_begin = static_cast<int32_t>(words_[units_[src_unit].begin].begin);
            e.source_end = static_cast<int32_t>(words_[units_[src_unit].end - 1].end);
          }
          if (tgt_unit >= 0) {
            e.target_begin = static_cast<int32_t>(words_[units_[tgt_unit].begin].begin);
            e.target_end = static_cast<int32_t>(words_[units_[tgt_unit].end - 1].end);
          }
          f.evs.push_back(e);
          if (!code.paired.empty()) {
            CodedEvent r = e;
            std::swap(r.source, r.target);
            std::swap(r.source_begin, r.target_begin);
            std::swap(r.source_end, r.target_end);
            r.code = code.paired;
            f.evs.push_back(r);
          }
        }
      if (f.evs.empty()) continue;
      if (f.subordinate && options_.code_by != Options::CodeBy::kAll) {
        if (!have_sub) {
          sub = f;
          have_sub = true;
        }
        continue;
      }
      found.push_back(f);
      clause_source = src_unit;
      carried = src;
      carried_unit = src_unit;
      if (options_.code_by != Options::CodeBy::kAll) clause_done = true;
      if (options_.code_by == Options::CodeBy::kSentence) stop = true;
    }
    if (!clause_done && have_sub) found.push_back(sub);
    bool clause_has_verb = false;
    for (int p = cb; p < ce; ++p)
      if (words_[act_[p]].type == WType::kVerb) clause_has_verb = true;
    if (clause_source < 0 && !clause_done && clause_has_verb) {
      // No event: the clause's first actor becomes the source for later clauses.
      for (int u : top) {
        int up = pos_of(units_[u].begin);
        if (up >= cb && up < ce && !units_[u].codes.empty()) {
          if (carried.empty() || ci == 0) {
            carried = units_[u].codes;
            carried_unit = u;
          }
          break;
        }
      }
    }
  }
  bool any_main = false, any_dom = false;
  for (const Found& f : found) {
    if (!f.subordinate) any_main = true;
    if (f.dominant) any_dom = true;
  }
  for (const Found& f : found) {
    if (any_main && f.subordinate) continue;
    if (any_dom && !f.dominant) continue;
    for (const CodedEvent& e : f.evs)
      if (std::find(events->begin(), events->end(), e) == events->end()) events->push_back(e);
  }
}

SentenceResult SentenceParse::Run(std::string_view text, ForwardState* forward) {
  SentenceResult r;
  bool all_caps = false;
  words_ = Filter(text, &all_caps);
  if (static_cast<int>(words_.size()) < options_.min_words) {
    r.status = SentenceStatus::kTooShort;
    return r;
  }
  Classify(all_caps);
  AttachAgents();
  BuildUnits();
  BuildCompounds();
  ForwardState incoming;
  if (forward) {
    incoming = *forward;
    // The next record's pronouns may refer to this record's first actor
    // (without agents; the first member of a compound).
    std::vector<int> top = TopUnits();
    forward->valid = false;
    for (int u : top)
      if (!units_[u].raw_first.empty()) {
        forward->first_actor = {units_[u].raw_first};
        forward->valid = true;
        break;
      }
  }
  if (discard_) {
    r.status = SentenceStatus::kDiscard;
    r.reason = reason_;
    return r;
  }
  if (complex_) {
    r.status = SentenceStatus::kComplex;
    r.reason = reason_;
    return r;
  }
  EliminateCommaClauses();
  ResolvePronouns(forward ? &incoming : nullptr);
  if (CheckComplex(&r.reason)) {
    r.status = SentenceStatus::kComplex;
    return r;
  }
  bool discard = false, complex = false;
  CodeClauses(&r.events, &discard, &complex, &r.reason);
  if (discard) {
    r.events.clear();
    r.status = SentenceStatus::kDiscard;
  } else if (complex) {
    r.events.clear();
    r.status = SentenceStatus::kComplex;
  } else {
    r.status = r.events.empty() ? SentenceStatus::kNoEvents : SentenceStatus::kCoded;
  }
  return r;
}

}  // namespace

const char* SentenceStatusName(SentenceStatus s) {
  switch (s) {
    case SentenceStatus::kCoded:
      return "coded";
    case SentenceStatus::kNoEvents:
      return "no events";
    case SentenceStatus::kTooShort:
      return "too short";
    case SentenceStatus::kComplex:
      return "complex";
    case SentenceStatus::kDiscard:
      return "discard";
  }
  return "?";
}

SentenceResult SentenceCoder::Code(std::string_view text, int32_t date, const Options& options,
                                   ForwardState* forward) const {
  SentenceParse parse(project_, options, date);
  return parse.Run(text, forward);
}

}  // namespace sitrep::tabari
