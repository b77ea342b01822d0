#include "actors/recognizer.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "core/paths.h"

namespace sitrep::actors {
namespace {

constexpr uint32_t kNone = 0xffffffffu;

bool IsUpperAscii(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLowerAscii(char c) { return c >= 'a' && c <= 'z'; }

bool StartsUpper(std::string_view s) { return !s.empty() && IsUpperAscii(s[0]); }

// Does text token `form` satisfy the alias token's case pattern?
bool CaseOk(std::string_view form, uint8_t pattern) {
  if (pattern == 0 || form.empty()) return true;
  if (pattern == 1) return !IsLowerAscii(form[0]);
  for (char c : form) {
    if (IsLowerAscii(c)) return false;
  }
  return true;
}

bool EqualsLower(std::string_view form, std::string_view lower) {
  if (form.size() != lower.size()) return false;
  for (size_t i = 0; i < form.size(); ++i) {
    char c = form[i];
    if (IsUpperAscii(c)) c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

template <size_t N>
bool OneOf(std::string_view form, const std::array<std::string_view, N>& words) {
  for (std::string_view w : words) {
    if (EqualsLower(form, w)) return true;
  }
  return false;
}

// Base relation: "nsubj:pass" => "nsubj".
std::string_view BaseRel(std::string_view rel) {
  size_t p = rel.find(':');
  return p == std::string_view::npos ? rel : rel.substr(0, p);
}

int TypeRank(EntryType t) {
  switch (t) {
    case EntryType::kPerson:
      return 0;
    case EntryType::kGroup:
      return 1;
    case EntryType::kOrganisation:
      return 2;
    case EntryType::kCountry:
      return 3;
    case EntryType::kCapital:
      return 4;
    case EntryType::kDemonym:
      return 5;
    case EntryType::kAgent:
      return 6;
    case EntryType::kReference:
      return 7;
  }
  return 8;
}

bool IsNamed(EntryType t) {
  return t == EntryType::kPerson || t == EntryType::kGroup || t == EntryType::kOrganisation;
}
bool IsPlace(EntryType t) {
  return t == EntryType::kCountry || t == EntryType::kCapital || t == EntryType::kDemonym;
}

// One dictionary match: tokens [begin, end) and the best entry.
struct Match {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t head = 0;
  uint32_t entry = 0;
  EntryType type = EntryType::kAgent;
};

// Properties of a mention used to pick antecedents.
struct Props {
  bool person = false;
  bool plural = false;
  bool group = false;
  bool org = false;
  bool country = false;
  uint32_t head_lemma = Dictionary::kNoToken;
  bool modifier = false;      // used as a modifier ("terrorist" in "terrorist gangs")
  bool subject = false;       // the head is a subject (nsubj, nsubj:pass)
  bool main_subject = false;  // ... of the sentence's root
  // The possessor of a plural noun that is no mention: "the council's 15
  // members said they" => "they" may be the council.
  bool plural_owner = false;
};

enum class Need : uint8_t { kNone, kPronoun, kPossessor, kReference, kDefiniteAgent, kNameRef };

struct Candidate {
  ActorMention m;
  Props props;
  Need need = Need::kNone;
  uint8_t pronoun_class = 0;                   // 1 he/she, 2 it, 3 they
  uint8_t ref_flags = 0;                       // kRef* for "the group"
  uint8_t agent_flags = 0;                     // kAgent* of the head agent
  uint32_t head_lemma = Dictionary::kNoToken;  // trie token id of the head word
  uint32_t possessor = kNone;                  // token of "its" in "its air force"
  std::string ref_word;                        // "observatory" for "the Observatory"
  bool drop = false;
};

constexpr std::array<std::string_view, 8> kPersonPronouns = {"he",  "him",     "his",     "she",
                                                             "her", "himself", "herself", "hers"};
constexpr std::array<std::string_view, 3> kNeuterPronouns = {"it", "its", "itself"};
constexpr std::array<std::string_view, 5> kPluralPronouns = {"they", "them", "their", "theirs",
                                                             "themselves"};
constexpr std::array<std::string_view, 13> kLocatives = {
    "in", "inside", "into",    "across",  "throughout", "near", "within",
    "at", "around", "outside", "towards", "toward",     "along"};
constexpr std::array<std::string_view, 5> kActorCases = {"with", "against", "by", "between",
                                                         "from"};
constexpr std::array<std::string_view, 4> kDefinite = {"the", "this", "that", "these"};

// Counts of country evidence in one document.
struct CountryVotes {
  std::vector<std::pair<std::string, int>> counts;
  void Add(const std::string& iso, int weight) {
    for (auto& [c, n] : counts) {
      if (c == iso) {
        n += weight;
        return;
      }
    }
    counts.emplace_back(iso, weight);
  }
  // The home country: at least 4 votes (a place use counts 2) and twice the
  // runner-up. Empty if none stands out.
  std::string Home() const {
    int best = 0, second = 0, total = 0;
    const std::string* home = nullptr;
    for (const auto& [c, n] : counts) {
      total += n;
      if (n > best) {
        second = best;
        best = n;
        home = &c;
      } else if (n > second) {
        second = n;
      }
    }
    if (home == nullptr || best < 4 || best < 2 * second) return "";
    return *home;
  }
};

// Sector families for definite references by sector: "the militants" (INS)
// => INS/IMG, "the rebels" (REB) => REB/SEP, "the security forces" (COP) =>
// MIL/COP/SPY; any other sector only itself. "the attackers", "the gunmen"
// (UAF, the unspecific armed sector) => any armed sector; but a specific
// sector never takes a UAF-coded group ("the rebels" is not Hezbollah).
int SectorFamily(std::string_view x) {
  if (x == "INS" || x == "IMG") return 1;
  if (x == "REB" || x == "SEP") return 2;
  if (x == "MIL" || x == "COP" || x == "SPY") return 3;
  if (x == "UAF") return 4;
  return 0;
}

bool SectorCompatible(std::string_view reference, std::string_view antecedent) {
  if (reference.empty() || antecedent.empty()) return false;
  if (reference == antecedent) return true;
  int fr = SectorFamily(reference);
  int fa = SectorFamily(antecedent);
  if (fr == 4) return fa == 1 || fa == 2;
  return fr != 0 && fr == fa;
}

// Armed groups, rebels, criminals and the opposition: their country is
// where they fight, no government's.
bool IsArmedNonState(std::string_view sector) {
  return SectorFamily(sector) == 1 || SectorFamily(sector) == 2 || sector == "UAF" ||
         sector == "CRM" || sector == "OPP";
}

// A country mention or a state actor (government, forces, police, courts,
// parliament, intelligence): it can lend its country to "the government".
bool IsStateSide(const ActorMention& a, const Props& p) {
  if (a.country.empty()) return false;
  if (a.sector.empty()) return p.country || a.kind == ActorMention::Kind::kCountry;
  return a.sector == "GOV" || a.sector == "MIL" || a.sector == "COP" || a.sector == "LEG" ||
         a.sector == "JUD" || a.sector == "SPY";
}

class SentenceRecognizer {
 public:
  SentenceRecognizer(const Dictionary& dict, Document& doc, uint32_t sentence,
                     std::vector<Props>* doc_props, CountryVotes* votes)
      : dict_(dict),
        doc_(doc),
        s_(doc.sentences[sentence]),
        sentence_(sentence),
        doc_props_(*doc_props),
        votes_(*votes) {
    date_ = doc.date;
  }

  void Run() {
    FindMatches();
    BuildChunks();
    AddPronounsAndNameRefs();
    Appositions();
    for (const Match& m : matches_) Vote(m);
    std::sort(cands_.begin(), cands_.end(), [](const Candidate& a, const Candidate& b) {
      return a.m.token_begin < b.m.token_begin;
    });
    uint32_t last_end = s_.token_begin;
    for (Candidate& c : cands_) {
      if (c.drop) continue;
      if (c.m.token_begin < last_end) continue;  // overlaps a kept mention
      if (!Resolve(c)) continue;
      last_end = c.m.token_end;
      c.props.head_lemma = c.head_lemma;
      c.props.subject = BaseRel(Rel(c.m.head)) == "nsubj";
      c.props.main_subject =
          c.props.subject && Head(c.m.head) != kNone && doc_.tokens[Head(c.m.head)].head == 0;
      c.props.plural_owner =
          Rel(c.m.head) == "nmod:poss" && Head(c.m.head) != kNone &&
          (doc_.tokens[Head(c.m.head)].xpos == "NNS" || doc_.tokens[Head(c.m.head)].xpos == "NNPS");
      doc_.mentions.push_back(std::move(c.m));
      doc_props_.push_back(c.props);
    }
  }

 private:
  // ---- tokens and parse -------------------------------------------------
  std::string_view Form(uint32_t t) const { return doc_.Form(doc_.tokens[t]); }
  // Document index of t's head, or kNone (root / unparsed / out of range).
  uint32_t Head(uint32_t t) const {
    int32_t h = doc_.tokens[t].head;
    if (h <= 0) return kNone;
    uint32_t ht = s_.token_begin + static_cast<uint32_t>(h) - 1;
    return ht < s_.token_end ? ht : kNone;
  }
  std::string_view Rel(uint32_t t) const { return doc_.tokens[t].deprel; }
  // Does t reach `target` range [b, e) going up at most `steps` heads?
  bool Reaches(uint32_t t, uint32_t b, uint32_t e, int steps) const {
    uint32_t x = t;
    for (int i = 0; i < steps; ++i) {
      x = Head(x);
      if (x == kNone) return false;
      if (x >= b && x < e) return true;
    }
    return false;
  }
  bool HasCaseChild(uint32_t t, bool locative) const {
    for (uint32_t c = s_.token_begin; c < s_.token_end; ++c) {
      if (Head(c) != t || BaseRel(Rel(c)) != "case") continue;
      if (locative ? OneOf(Form(c), kLocatives) : OneOf(Form(c), kActorCases)) return true;
    }
    return false;
  }
  // "northern Syria", "north-west Syria", "eastern Congo".
  bool HasDirection(uint32_t t) const {
    for (uint32_t c = s_.token_begin; c < t; ++c) {
      if (Head(c) != t || BaseRel(Rel(c)) != "amod") continue;
      std::string key;
      Dictionary::NormalizeKey(Form(c), &key);
      for (std::string_view d :
           {"north",        "south",      "east",         "west",         "central",
            "northern",     "southern",   "eastern",      "western",      "northeast",
            "northwest",    "southeast",  "southwest",    "north-east",   "north-west",
            "south-east",   "south-west", "northeastern", "northwestern", "southeastern",
            "southwestern", "upper",      "lower"}) {
        if (key == d) return true;
      }
    }
    return false;
  }

  bool HasDefiniteDet(uint32_t head, uint32_t begin) const {
    for (uint32_t c = s_.token_begin; c < head; ++c) {
      if (c < begin && c + 3 < begin) continue;
      if (Head(c) == head && Rel(c) == "det" && OneOf(Form(c), kDefinite)) return true;
    }
    return begin > s_.token_begin && OneOf(Form(begin - 1), kDefinite) && begin == head;
  }

  // ---- matching ---------------------------------------------------------
  void FindMatches() {
    const uint32_t n = s_.token_end - s_.token_begin;
    form_ids_.assign(n, Dictionary::kNoToken);
    match_of_.assign(n, -1);
    lemma_ids_.assign(n, Dictionary::kNoToken);
    std::string key, lemma_key;
    for (uint32_t i = 0; i < n; ++i) {
      const Token& tok = doc_.tokens[s_.token_begin + i];
      Dictionary::NormalizeKey(doc_.Form(tok), &key);
      form_ids_[i] = dict_.TokenId(key);
      if (!tok.lemma.empty()) {
        Dictionary::NormalizeKey(tok.lemma, &lemma_key);
        // Most lemmas are the lower-cased form: one lookup.
        lemma_ids_[i] = lemma_key == key ? form_ids_[i] : dict_.TokenId(lemma_key);
      }
    }
    uint32_t i = 0;
    while (i < n) {
      int32_t node = 0;
      uint32_t best_end = 0;
      const Alias* best = nullptr;
      for (uint32_t j = i; j < n; ++j) {
        int32_t next = dict_.Child(node, form_ids_[j]);
        if (next == Dictionary::kNoNode && IsNominal(s_.token_begin + j)) {
          next = dict_.Child(node, lemma_ids_[j]);  // "militias" => "militia"
        }
        if (next == Dictionary::kNoNode) break;
        node = next;
        for (const Alias& a : dict_.AliasesAt(node)) {
          if (!CaseFits(a, s_.token_begin + i)) continue;
          if (best == nullptr || best_end < j + 1 || Better(a.entry, best->entry)) {
            best = &a;
            best_end = j + 1;
          }
        }
      }
      if (best == nullptr) {
        ++i;
        continue;
      }
      // "an official Syrian newspaper": a title word used as an adjective.
      if (best_end == i + 1) {
        const Entry& be = dict_.entries()[best->entry];
        const Token& bt = doc_.tokens[s_.token_begin + i];
        if (be.type == EntryType::kAgent && (be.flags & kAgentPerson) && bt.upos == Upos::kAdj &&
            bt.deprel == "amod") {
          ++i;
          continue;
        }
      }
      Match m;
      m.begin = s_.token_begin + i;
      m.end = s_.token_begin + best_end;
      m.entry = best->entry;
      m.type = dict_.entries()[best->entry].type;
      m.head = m.end - 1;
      for (uint32_t t = m.begin; t < m.end; ++t) {
        uint32_t h = Head(t);
        if (h == kNone || h < m.begin || h >= m.end) m.head = t;
      }
      for (uint32_t t = m.begin; t < m.end; ++t) {
        match_of_[t - s_.token_begin] = static_cast<int32_t>(matches_.size());
      }
      matches_.push_back(m);
      i = best_end;
    }
  }

  // Lemmas are used for nouns only ("forced" is not "force").
  bool IsNominal(uint32_t t) const {
    Upos u = doc_.tokens[t].upos;
    return u == Upos::kNoun || u == Upos::kPropn || u == Upos::kNone;
  }

  // Country evidence for the story's home country: every country, capital
  // or demonym (as actor or place) and every named entry with a country,
  // except a dateline ("BEIRUT, Oct. 8 -": where the reporter was).
  // A country named as a place ("in Syria") counts twice: it says where the
  // story is; an actor use ("Moscow said", "Lavrov") says who takes part.
  void Vote(const Match& m) {
    const Entry& e = dict_.entries()[m.entry];
    if (e.country.empty() || (!IsPlace(m.type) && !IsNamed(m.type))) return;
    if (m.begin <= s_.token_begin + 1 && m.end < s_.token_end) {
      std::string_view next = Form(m.end);
      if (next == "," || next == "-" || next == ":" || next == "(") return;
    }
    bool place = m.type == EntryType::kCountry && !InCandidate(m.begin);  // "in Syria"
    votes_.Add(e.country, place ? 2 : 1);
  }

  bool CaseFits(const Alias& a, uint32_t begin) const {
    for (size_t k = 0; k < a.case_pattern.size(); ++k) {
      std::string_view form = Form(begin + static_cast<uint32_t>(k));
      if (a.case_pattern[k] == 3) {
        if (form != a.exact[k]) return false;
      } else if (!CaseOk(form, a.case_pattern[k])) {
        return false;
      }
    }
    return true;
  }

  // Between two entries matching the same span: the more specific type; among
  // people, the one in office on the document's date.
  bool Better(uint32_t a, uint32_t b) const {
    const Entry& ea = dict_.entries()[a];
    const Entry& eb = dict_.entries()[b];
    if (TypeRank(ea.type) != TypeRank(eb.type)) return TypeRank(ea.type) < TypeRank(eb.type);
    if (ea.type == EntryType::kPerson && !date_.empty()) {
      bool ia = dict_.CodeOn(ea, date_) != ea.fallback_code;
      bool ib = dict_.CodeOn(eb, date_) != eb.fallback_code;
      return ia && !ib;
    }
    return false;
  }

  // ---- chunks -----------------------------------------------------------
  static bool CanModify(const Match& m) { return m.type != EntryType::kReference; }
  bool CanMerge(const Match& prev, const Match& next) const {
    if (!CanModify(prev)) return false;
    const Entry& pe = dict_.entries()[prev.entry];
    if (pe.type == EntryType::kAgent && (pe.flags & kAgentNotActor)) return false;
    switch (next.type) {
      case EntryType::kAgent:
      case EntryType::kPerson:
        break;
      case EntryType::kGroup:
      case EntryType::kOrganisation:
        if (!IsPlace(prev.type)) return false;  // "Lebanese Hezbollah"
        break;
      case EntryType::kReference:
        // "Islamic State group", "the militant group"
        if (prev.type != EntryType::kGroup && prev.type != EntryType::kOrganisation &&
            prev.type != EntryType::kAgent) {
          return false;
        }
        break;
      default:
        return false;
    }
    uint32_t gap = next.begin - prev.end;
    if (gap > 3) return false;
    // "Iran-backed Houthis", "U.S.-led coalition": the backer is no country
    // modifier; "Houthi-run ministry": a named group is.
    if (HyphenModifier(prev)) return IsNamed(prev.type) && prev.type != EntryType::kPerson;
    bool possessive = false;
    for (uint32_t t = prev.end; t < next.begin; ++t) {
      const Token& tok = doc_.tokens[t];
      if (tok.xpos == "POS" || Form(t) == "'s" || Form(t) == "'") {
        possessive = true;
        continue;
      }
      if (tok.xpos == "HYPH") continue;
      if (t > prev.end && doc_.tokens[t - 1].xpos == "HYPH") continue;  // "-run", "-led"
      if (tok.upos != Upos::kAdj && tok.upos != Upos::kNoun && tok.upos != Upos::kPropn &&
          tok.upos != Upos::kNum) {
        return false;
      }
    }
    // A person before an agent only as a possessor: "Assad's forces".
    if (prev.type == EntryType::kPerson && next.type == EntryType::kAgent && !possessive) {
      return false;
    }
    if (prev.type == EntryType::kPerson && next.type == EntryType::kPerson) return false;
    if (gap == 0) return true;
    // The modifier may depend on a later word of the same phrase:
    // "Russia 's UN ambassador" (Russia -> ambassador).
    uint32_t end = next.end;
    for (const Match& m : matches_) {
      if (m.begin == end) end = m.end;
    }
    return Reaches(prev.head, prev.end, end, 4);
  }

  // A "compound" that is more likely a misparsed verb: it follows an actor
  // ("militia attacked rebels") or looks like a past form ("attacked").
  bool LooksLikeVerb(uint32_t t) const {
    if (t > s_.token_begin && InMatch(t - 1)) return true;
    std::string_view f = Form(t);
    return f.size() > 4 && f.substr(f.size() - 2) == "ed";
  }

  // "Iran" in "Iran-backed", "U.S." in "U.S.-led".
  bool HyphenModifier(const Match& m) const {
    if (m.end + 1 >= s_.token_end) return false;
    const Token& h = doc_.tokens[m.end];
    const Token& w = doc_.tokens[m.end + 1];
    if (!(h.xpos == "HYPH" || Form(m.end) == "-")) return false;
    if (!(w.upos == Upos::kVerb || w.upos == Upos::kAdj || w.xpos == "VBN")) return false;
    // "Vietnamese-led forces", "Houthi-run ministry", "government-controlled
    // areas" belong to the country or group; "Iran-backed", "U.S.-trained",
    // "Britain-based" do not.
    for (std::string_view own : {"led", "run", "controlled", "held", "commanded", "dominated",
                                 "owned", "ruled", "operated"}) {
      if (EqualsLower(Form(m.end + 1), own)) return IsNamed(m.type);
    }
    return true;
  }

  void BuildChunks() {
    size_t i = 0;
    while (i < matches_.size()) {
      size_t j = i;
      while (j + 1 < matches_.size() && CanMerge(matches_[j], matches_[j + 1])) ++j;
      MakeCandidate(i, j + 1);
      i = j + 1;
    }
  }

  // Chunk = matches_[first, last).
  void MakeCandidate(size_t first, size_t last) {
    const Match& h = matches_[last - 1];
    const Entry& he = dict_.entries()[h.entry];
    Candidate c;
    if (last - first == 1 && IsPlace(h.type) && HyphenModifier(h)) return;
    c.m.sentence = sentence_;
    c.m.token_begin = matches_[first].begin;
    c.m.token_end = h.end;
    c.m.head = h.head;
    const Token& head_tok = doc_.tokens[h.head];
    bool plural_head = head_tok.xpos == "NNS" || head_tok.xpos == "NNPS";
    c.props.plural = plural_head;

    // Left extension over determiners, possessive pronouns and modifiers that
    // depend on the chunk: "the", "its", "allied", "elite".
    uint32_t b = c.m.token_begin;
    // Unknown compound nouns join an agent phrase ("air defence units"), not
    // a name ("struck RSF"), a possessive phrase ("a claim Moscow's ministry")
    // or a phrase that is itself a modifier ("attack police checkpoints").
    bool possessive_chunk = false;
    for (uint32_t t = c.m.token_begin; t < c.m.token_end; ++t) {
      possessive_chunk = possessive_chunk || doc_.tokens[t].xpos == "POS";
    }
    const bool compounds_ok = (h.type == EntryType::kAgent || h.type == EntryType::kReference) &&
                              !possessive_chunk && BaseRel(Rel(h.head)) != "compound";
    while (b > s_.token_begin) {
      uint32_t t = b - 1;
      if (InMatch(t)) {
        // "the Iran-aligned Houthi movement": the backer belongs to the phrase.
        const Match* m = MatchEndingAt(t);
        if (b < c.m.token_begin && m != nullptr && IsPlace(m->type) && HyphenModifier(*m)) {
          b = m->begin;
          continue;
        }
        break;
      }
      const Token& tok = doc_.tokens[t];
      bool dep = Reaches(t, b, c.m.token_end, 2);
      bool ok = false;
      if (tok.upos == Upos::kDet) {
        ok = Rel(t) == "det" && !EqualsLower(Form(t), "that") && (dep || OneOf(Form(t), kDefinite));
      } else if (tok.upos == Upos::kPron && (tok.xpos == "PRP$" || Rel(t) == "nmod:poss")) {
        ok = true;
        std::string_view f = Form(t);
        if (OneOf(f, kPersonPronouns) || OneOf(f, kNeuterPronouns) || OneOf(f, kPluralPronouns)) {
          c.possessor = t;  // not "our", "my": the speaker is unknown here
        }
      } else if (EqualsLower(Form(t), "former") || EqualsLower(Form(t), "ex-")) {
        ok = true;  // "Former President Barack Obama" (tagged ADJ or PROPN)
      } else if (IsPlace(h.type) && last - first == 1) {
        ok = false;  // "military-ruled Myanmar" => "Myanmar"
      } else if (((tok.upos == Upos::kAdj ||
                   (tok.upos == Upos::kVerb && !(t > s_.token_begin && InMatch(t - 1)))) &&
                  Rel(t) == "amod") ||
                 (tok.upos == Upos::kNum && Rel(t) == "nummod") ||
                 (compounds_ok && (tok.upos == Upos::kNoun || tok.upos == Upos::kPropn) &&
                  Rel(t) == "compound" && Head(t) == c.m.head && !LooksLikeVerb(t))) {
        // "air defence units"; not "militia attacked rebels" read as a compound
        ok = dep;
      } else if (tok.xpos == "HYPH" || Form(t) == "-") {
        ok = b < c.m.token_begin ||
             doc_.tokens[b].upos == Upos::kVerb;  // "U.S.-backed"  // "allied militia", "17
                                                  // rebels"; not "at least" in "at least 17"
      }
      if (!ok) break;
      b = t;
      if (tok.upos == Upos::kPron || tok.upos == Upos::kDet) break;
    }
    c.m.token_begin = b;

    // Modifiers inside the chunk.
    const Match* named_mod = nullptr;
    const Match* person_mod = nullptr;
    const Match* place_mod = nullptr;
    const Match* agent_mod = nullptr;
    for (size_t k = first; k + 1 < last; ++k) {
      const Match& m = matches_[k];
      if (IsNamed(m.type) && m.type != EntryType::kPerson) named_mod = &m;
      if (m.type == EntryType::kPerson) person_mod = &m;
      if (IsPlace(m.type)) place_mod = &m;
      if (m.type == EntryType::kAgent) agent_mod = &m;
    }
    bool former = false;
    bool ethnic =
        c.m.token_begin > s_.token_begin && EqualsLower(Form(c.m.token_begin - 1), "ethnic");
    for (uint32_t t = c.m.token_begin; t < c.m.token_end; ++t) {
      if (EqualsLower(Form(t), "former") || EqualsLower(Form(t), "ex")) former = true;
      if (EqualsLower(Form(t), "ethnic")) ethnic = true;
    }
    // "ethnic Albanians", "ethnic Turks": an ethnic group, not the state.
    if (ethnic) place_mod = nullptr;
    if (ethnic && IsPlace(h.type)) c.drop = true;

    switch (h.type) {
      case EntryType::kPerson:
        SetNamed(c, h);
        // "President Obama" in a story dated outside his office (or with a
        // wrong date): the title in the text says he holds one. "former
        // President Obama" stays ELI.
        if (agent_mod != nullptr && !former && !he.fallback_code.empty() &&
            c.m.code == he.fallback_code) {
          const Entry& title = dict_.entries()[agent_mod->entry];
          if ((title.flags & kAgentPerson) && !title.sector.empty()) {
            c.m.code = he.country + title.sector;
            c.m.sector = title.sector;
          }
        }
        break;
      case EntryType::kGroup:
      case EntryType::kOrganisation:
        SetNamed(c, h);
        break;
      case EntryType::kReference:
        if (named_mod != nullptr) {
          SetNamed(c, *named_mod);
        } else {
          c.need = Need::kReference;
          c.ref_flags = he.flags;
          c.m.kind = ActorMention::Kind::kReference;
          if (agent_mod != nullptr) {
            // "the militant group": an armed group of that sector; if none
            // was named before, the agent itself ("---INS").
            const Entry& ae = dict_.entries()[agent_mod->entry];
            c.m.sector = ae.sector;
            // "an Iranian opposition group" => IRNOPP
            std::string country =
                place_mod != nullptr ? dict_.entries()[place_mod->entry].country : "";
            c.m.country = country;
            c.m.code = (country.empty() ? std::string("---") : country) + ae.sector;
            c.m.kind = ActorMention::Kind::kAgent;
            if (!HasDefiniteDet(h.head, c.m.token_begin)) c.need = Need::kNone;
            break;
          }
          // "the group"; not "groups", "the two countries". A capitalised
          // reference modifying a noun is definite too: "Coalition air
          // strikes hit ..." after "the Saudi-led coalition".
          const bool named_modifier = BaseRel(Rel(h.head)) == "compound" &&
                                      StartsUpper(Form(h.head)) && c.m.token_begin == h.head;
          if ((!HasDefiniteDet(h.head, c.m.token_begin) && !named_modifier) || plural_head)
            c.drop = true;
        }
        break;
      case EntryType::kAgent: {
        if (he.flags & kAgentNotActor) {
          // "- | weak" nouns ("members") are actors only with a modifier:
          // "SDF members", "rebel members".
          if ((he.flags & kAgentWeak) && named_mod != nullptr) {
            SetNamed(c, *named_mod);
            c.m.head = h.head;
          } else if ((he.flags & kAgentWeak) && agent_mod != nullptr &&
                     !(dict_.entries()[agent_mod->entry].flags & kAgentNotActor)) {
            c.m.kind = ActorMention::Kind::kAgent;
            c.m.sector = dict_.entries()[agent_mod->entry].sector;
            c.m.code = "---" + c.m.sector;
          } else {
            c.drop = true;
          }
          break;
        }
        std::string sector = he.sector;
        c.agent_flags = he.flags;
        // "rebel fighters" => REB; "rebel commander", "militia leader": a
        // title takes the sector of the agent before it.
        if ((he.flags & (kAgentWeak | kAgentPerson)) && agent_mod != nullptr) {
          const Entry& ae = dict_.entries()[agent_mod->entry];
          if (!(ae.flags & kAgentNotActor) && !(ae.flags & kAgentPerson)) sector = ae.sector;
        } else if ((he.flags & kAgentState) && (place_mod != nullptr || person_mod != nullptr)) {
          sector = "MIL";  // "Turkish forces", "Assad's forces"
        } else if ((he.flags & kAgentCivilian) && place_mod != nullptr) {
          sector = "CVL";  // "two Brazilian men"
        }
        // Title + unknown name: "President John Doe" (head = the name).
        if ((he.flags & kAgentPerson) && !plural_head) ExtendOverName(c);
        c.props.person = (he.flags & kAgentPerson) && !plural_head;
        c.m.kind = ActorMention::Kind::kAgent;
        c.m.sector = sector;
        // "Russia's UN ambassador": a country before an organisation makes a
        // person title that country's (RUSGOV); "UN envoy" alone is the UN's.
        bool country_first =
            place_mod != nullptr && named_mod != nullptr && place_mod->begin < named_mod->begin &&
            named_mod->type == EntryType::kOrganisation && (he.flags & kAgentPerson);
        if (named_mod != nullptr && !country_first) {
          SetNamed(c, *named_mod);
          c.m.head = h.head;
          c.props.person = (he.flags & kAgentPerson) && !plural_head;
          break;
        }
        std::string country;
        if (person_mod != nullptr) {
          country = dict_.entries()[person_mod->entry].country;
        } else if (place_mod != nullptr) {
          country = dict_.entries()[place_mod->entry].country;
        }
        c.m.country = country;
        c.m.code = (country.empty() ? std::string("---") : country) + sector;
        if (former && !country.empty()) c.m.code = country + "ELI";
        if (country.empty()) {
          if (c.possessor != kNone) {
            c.need = Need::kPossessor;
          } else {
            if (HasDefiniteDet(h.head, c.m.token_begin) && last - first == 1) {
              c.need = Need::kDefiniteAgent;
            }
            // "a commander of the Free Syrian Army", "the president of Armenia",
            // "security forces in Guinea" (see AddPronounsAndNameRefs).
            of_candidates_.push_back(cands_.size());
          }
        }
        break;
      }
      case EntryType::kCountry:
        c.m.kind = ActorMention::Kind::kCountry;
        SetCountry(c, he.country);
        c.props.country = true;
        // "in Syria", "northern Syria": places.
        if (HasCaseChild(h.head, /*locative=*/true) || HasDirection(h.head)) c.drop = true;
        break;
      case EntryType::kCapital:
        c.m.kind = ActorMention::Kind::kCountry;
        SetCountry(c, he.country);
        c.props.country = true;
        if (!CapitalActs(h)) c.drop = true;
        break;
      case EntryType::kDemonym: {
        c.m.kind = ActorMention::Kind::kCountry;
        SetCountry(c, he.country);
        c.props.country = true;
        const Token& t = doc_.tokens[h.head];
        if (t.upos == Upos::kNoun || t.upos == Upos::kPropn || t.xpos == "NNS" ||
            t.xpos == "NNPS") {
          if (HasCaseChild(h.head, /*locative=*/true)) c.drop = true;
          break;  // "Syrians", "a Syrian"
        }
        // An adjective: it names an actor only before a noun. "Syrian and
        // Russian jets": "Syrian" gets the sector of the jets.
        uint32_t x = h.head;
        uint32_t up = Head(x);
        while (up != kNone && BaseRel(Rel(x)) == "conj") {
          x = up;
          up = Head(x);
        }
        if (up == kNone) {
          c.drop = true;
          break;
        }
        const Token& noun = doc_.tokens[up];
        if (noun.upos != Upos::kNoun && noun.upos != Upos::kPropn) {
          c.drop = true;
          break;
        }
        deferred_demonyms_.push_back({cands_.size(), up});
        break;
      }
    }
    {
      std::string_view r = BaseRel(Rel(c.m.head));
      c.props.modifier = (r == "amod" || r == "compound") && !InMatch(Head(c.m.head));
    }
    c.head_lemma = lemma_ids_[h.head - s_.token_begin] != Dictionary::kNoToken
                       ? lemma_ids_[h.head - s_.token_begin]
                       : form_ids_[h.head - s_.token_begin];
    cands_.push_back(std::move(c));
  }

  void SetCountry(Candidate& c, const std::string& iso) {
    c.m.country = iso;
    c.m.code = iso;
    c.m.sector.clear();
  }

  void SetNamed(Candidate& c, const Match& m) {
    const Entry& e = dict_.entries()[m.entry];
    std::string code(dict_.CodeOn(e, date_));
    bool former = false;
    for (uint32_t t = c.m.token_begin; t < c.m.token_end; ++t) {
      if (EqualsLower(Form(t), "former")) former = true;
    }
    if (former && e.type == EntryType::kPerson && !e.country.empty()) code = e.country + "ELI";
    c.m.code = code;
    SplitCode(code, dict_.IsCountryCode(std::string_view(code).substr(0, 3)), &c.m.country,
              &c.m.sector);
    c.m.name = e.name;
    c.m.kind = ActorMention::Kind::kNamed;
    c.props.person = e.type == EntryType::kPerson;
    c.props.group = e.type == EntryType::kGroup;
    c.props.org = e.type == EntryType::kOrganisation;
    if (e.type == EntryType::kGroup) c.props.plural = true;  // "the Houthis ... they"
  }

  // "President John Doe": extend an agent title over an unknown name after it.
  void ExtendOverName(Candidate& c) {
    uint32_t t = c.m.token_end;
    uint32_t end = t;
    while (end < s_.token_end && doc_.tokens[end].upos == Upos::kPropn && StartsUpper(Form(end)) &&
           !InMatch(end)) {
      ++end;
    }
    if (end == t) return;
    c.m.token_end = end;
    uint32_t head = t;
    for (uint32_t x = t; x < end; ++x) {
      uint32_t h = Head(x);
      if (h == kNone || h < t || h >= end) {
        head = x;
        break;
      }
    }
    c.m.head = head;
  }

  bool CapitalActs(const Match& m) const {
    uint32_t t = m.head;
    std::string_view rel = Rel(t);
    std::string_view base = BaseRel(rel);
    if (base == "nsubj" || base == "csubj" || rel == "nmod:poss" || base == "obj" ||
        base == "iobj" || rel == "obl:agent") {
      return true;
    }
    if ((base == "obl" || base == "nmod") && HasCaseChild(t, /*locative=*/false)) return true;
    // Coordinated with another actor: "Washington and its allies".
    uint32_t h = Head(t);
    for (const Match& o : matches_) {
      if (o.begin == m.begin) continue;
      if (o.type != EntryType::kAgent && !IsNamed(o.type) && o.type != EntryType::kCountry) {
        continue;
      }
      if (base == "conj" && h != kNone && h >= o.begin && h < o.end) return true;
      if (BaseRel(Rel(o.head)) == "conj" && Head(o.head) == t) return true;
    }
    for (uint32_t x = s_.token_begin; x < s_.token_end; ++x) {
      if (Head(x) == t && BaseRel(Rel(x)) == "conj" && doc_.tokens[x].upos == Upos::kNoun) {
        // "Washington and its allies": a conjunct noun with a possessive pronoun.
        for (uint32_t y = s_.token_begin; y < x; ++y) {
          if (Head(y) == x && doc_.tokens[y].upos == Upos::kPron) return true;
        }
      }
    }
    if (base == "conj" && h != kNone) {
      std::string_view hb = BaseRel(Rel(h));
      if ((hb == "nsubj" || hb == "obj") && doc_.tokens[h].upos == Upos::kPropn) return true;
    }
    return false;
  }

  const Match* MatchEndingAt(uint32_t t) const {
    if (t < s_.token_begin || t >= s_.token_end) return nullptr;
    int32_t i = match_of_[t - s_.token_begin];
    return i >= 0 && matches_[i].end == t + 1 ? &matches_[i] : nullptr;
  }
  bool InMatch(uint32_t t) const {
    if (t < s_.token_begin || t >= s_.token_end) return false;
    return match_of_[t - s_.token_begin] >= 0;
  }
  bool InCandidate(uint32_t t) const {
    if (!covered_.empty() && t >= s_.token_begin && t < s_.token_end) {
      return covered_[t - s_.token_begin] != 0;
    }
    for (const Candidate& c : cands_) {
      if (!c.drop && t >= c.m.token_begin && t < c.m.token_end) return true;
    }
    return false;
  }
  int CandidateAt(uint32_t t, size_t except) const {
    for (size_t i = 0; i < cands_.size(); ++i) {
      if (i == except || cands_[i].drop) continue;
      if (t >= cands_[i].m.token_begin && t < cands_[i].m.token_end) return static_cast<int>(i);
    }
    return -1;
  }

  // ---- pronouns, "the Observatory" --------------------------------------
  void AddPronounsAndNameRefs() {
    // Token coverage of the chunk candidates (they do not move until
    // Appositions, which clears it).
    covered_.assign(s_.token_end - s_.token_begin, 0);
    for (const Candidate& c : cands_) {
      if (c.drop) continue;
      for (uint32_t t = c.m.token_begin; t < c.m.token_end; ++t) covered_[t - s_.token_begin] = 1;
    }
    // Coordinated demonyms first (they need the chunk list).
    for (const auto& [idx, noun] : deferred_demonyms_) {
      Candidate& c = cands_[idx];
      int owner = CandidateAt(noun, idx);
      if (owner >= 0 && cands_[owner].m.kind == ActorMention::Kind::kAgent &&
          cands_[owner].m.head == noun) {
        c.m.kind = ActorMention::Kind::kAgent;
        c.m.sector = cands_[owner].m.sector;
        c.m.code = c.m.country + c.m.sector;
        c.props.plural = cands_[owner].props.plural;
      }
    }
    // The same on the surface, right to left, when the parse missed it:
    // "Senior Hungarian and Romanian officials", "US, British and French
    // warplanes" (a demonym, or a short country abbreviation, then ", " /
    // "and" / "or", then a phrase starting with a demonym or country).
    std::vector<size_t> order;
    for (size_t i = 0; i < cands_.size(); ++i) {
      if (!cands_[i].drop) order.push_back(i);
    }
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return cands_[a].m.token_begin > cands_[b].m.token_begin;
    });
    for (size_t idx : order) {
      Candidate& c = cands_[idx];
      if (c.m.kind != ActorMention::Kind::kCountry || c.m.token_end - c.m.token_begin > 2) continue;
      const Match* cm = MatchEndingAt(c.m.token_end - 1);
      if (cm == nullptr) continue;
      bool adjectival = cm->type == EntryType::kDemonym ||
                        (cm->type == EntryType::kCountry && cm->end - cm->begin == 1 &&
                         Form(cm->begin).size() <= 4 && CaseOk(Form(cm->begin), 2));
      if (!adjectival) continue;
      uint32_t t = c.m.token_end;
      int connectors = 0;
      while (t < s_.token_end && (Form(t) == "," || EqualsLower(Form(t), "and") ||
                                  EqualsLower(Form(t), "or") || Form(t) == "&")) {
        ++t;
        ++connectors;
      }
      if (connectors == 0 || connectors > 2 || t >= s_.token_end) continue;
      int n = CandidateAt(t, idx);
      if (n < 0 || cands_[n].m.token_begin != t) continue;
      const Candidate& next = cands_[n];
      const Match* first = InMatch(t) ? &matches_[match_of_[t - s_.token_begin]] : nullptr;
      if (next.m.kind != ActorMention::Kind::kAgent || next.m.country.empty() || first == nullptr ||
          !IsPlace(first->type)) {
        continue;
      }
      c.m.kind = ActorMention::Kind::kAgent;
      c.m.sector = next.m.sector;
      c.m.code = c.m.country + next.m.sector;
      c.props.plural = next.props.plural;
      c.props.country = false;
    }
    // "a commander of the Free Syrian Army", "a spokesman for the ministry",
    // "the army of Syria": an agent takes the code of its nmod actor.
    for (size_t idx : of_candidates_) {
      Candidate& c = cands_[idx];
      if (c.drop || !c.m.country.empty()) continue;
      for (size_t k = 0; k < cands_.size(); ++k) {
        const Candidate& o = cands_[k];
        if (k == idx || o.m.token_begin < c.m.token_end) continue;
        uint32_t oh = o.m.head;
        if (Head(oh) != c.m.head || BaseRel(Rel(oh)) != "nmod") continue;
        bool of = false;
        bool from = false;
        bool in = false;
        for (uint32_t x = c.m.token_end; x < oh; ++x) {
          if (Head(x) != oh || Rel(x) != "case") continue;
          std::string_view w = Form(x);
          of = of || EqualsLower(w, "of") || EqualsLower(w, "for");
          from = from || EqualsLower(w, "from");
          in = in || EqualsLower(w, "in") || EqualsLower(w, "throughout") ||
               EqualsLower(w, "across") || EqualsLower(w, "inside") || EqualsLower(w, "within");
        }
        if (o.m.code.empty()) continue;
        // "security forces in Guinea", "rebels in Darfur"... take the country
        // of the place (which is itself no actor: it stays dropped), as CAMEO
        // coders do; "doctors from two American aid groups" takes USA.
        if ((in || from) && !of) {
          // Only a country's name ("in Guinea") or its capital ("police in
          // Kabul"), and not for one person (officials, envoys travel: "a
          // Western official in Mogadishu").
          const Entry* oe = nullptr;
          if (const Match* om = MatchEndingAt(o.m.token_end - 1)) oe = &dict_.entries()[om->entry];
          bool place =
              o.m.kind == ActorMention::Kind::kCountry && !o.m.country.empty() && oe != nullptr &&
              (oe->type == EntryType::kCountry || (oe->type == EntryType::kCapital && in)) &&
              !(c.agent_flags & kAgentPerson);
          if (!(place || (from && !o.drop && !o.m.country.empty()))) continue;
          c.m.country = o.m.country;
          c.m.code = o.m.country + c.m.sector;
          c.need = Need::kNone;
          break;
        }
        if (!of || o.drop) continue;
        c.need = Need::kNone;
        if (o.m.kind == ActorMention::Kind::kNamed) {
          // "a commander of NATO" => IGOWSTNAT, "of the Free Syrian Army" => SYRREBFSA
          c.m.code = o.m.code;
          c.m.country = o.m.country;
          if (!o.m.sector.empty()) c.m.sector = o.m.sector;
        } else if (!o.m.country.empty()) {
          c.m.country = o.m.country;  // "the army of Syria" => SYRMIL
          c.m.code = o.m.country + c.m.sector;
        }
        break;
      }
    }
    for (uint32_t t = s_.token_begin; t < s_.token_end; ++t) {
      const Token& tok = doc_.tokens[t];
      if (InCandidate(t) || InMatch(t)) continue;
      std::string_view f = Form(t);
      if (tok.upos == Upos::kPron || tok.xpos == "PRP" || tok.xpos == "PRP$") {
        uint8_t cls = 0;
        if (OneOf(f, kPersonPronouns)) {
          cls = 1;
        } else if (OneOf(f, kNeuterPronouns)) {
          cls = 2;
        } else if (OneOf(f, kPluralPronouns)) {
          cls = 3;
        }
        if (cls == 0 || Rel(t) == "expl") continue;
        // "it was quiet", "it is unclear": no actor.
        if (cls == 2 && BaseRel(Rel(t)) == "nsubj" && Head(t) != kNone &&
            doc_.tokens[Head(t)].upos != Upos::kVerb) {
          continue;
        }
        Candidate c;
        c.m.sentence = sentence_;
        c.m.token_begin = t;
        c.m.token_end = t + 1;
        c.m.head = t;
        c.m.kind = ActorMention::Kind::kPronoun;
        c.need = Need::kPronoun;
        c.pronoun_class = cls;
        cands_.push_back(std::move(c));
        continue;
      }
      // "the Observatory": a capitalised word after "the", alone.
      if (t > s_.token_begin && StartsUpper(f) && f.size() >= 3 &&
          (tok.upos == Upos::kPropn || tok.upos == Upos::kNoun) &&
          EqualsLower(Form(t - 1), "the") && (t + 1 >= s_.token_end || !StartsUpper(Form(t + 1)))) {
        Candidate c;
        c.m.sentence = sentence_;
        c.m.token_begin = t - 1;
        c.m.token_end = t + 1;
        c.m.head = t;
        c.m.kind = ActorMention::Kind::kReference;
        c.need = Need::kNameRef;
        Dictionary::NormalizeKey(f, &c.ref_word);
        if (InCandidate(t - 1)) continue;
        cands_.push_back(std::move(c));
      }
    }
  }

  // ---- appositions ------------------------------------------------------
  // "Turkey, a NATO member," => one mention (Turkey); "John Doe, the Syrian
  // foreign minister," => one mention from "John" to "minister", head "John".
  void Appositions() {
    covered_.clear();
    for (size_t i = 0; i < cands_.size(); ++i) {
      Candidate& c = cands_[i];
      if (c.drop || c.need == Need::kPronoun) continue;
      // Climb from the head through noun-phrase-internal relations.
      uint32_t x = c.m.head;
      bool appos = false;
      uint32_t host = kNone;
      for (int step = 0; step < 4; ++step) {
        std::string_view rel = Rel(x);
        if (rel == "appos") {
          appos = true;
          host = Head(x);
          break;
        }
        // The parser sometimes attaches "Turkey, a NATO member," as
        // parataxis: a noun phrase opened by a determiner right after
        // "<actor> ," is an apposition too.
        if ((rel == "parataxis" || rel == "dep") &&
            (doc_.tokens[x].upos == Upos::kNoun || doc_.tokens[x].upos == Upos::kPropn)) {
          uint32_t b = x;
          while (b > s_.token_begin && doc_.tokens[b - 1].upos != Upos::kPunct &&
                 Reaches(b - 1, x, x + 1, 2)) {
            --b;
          }
          if (b >= s_.token_begin + 2 && doc_.tokens[b].upos == Upos::kDet && Form(b - 1) == ",") {
            int prev = CandidateAt(b - 2, i);
            if (prev >= 0) {
              appos = true;
              host = cands_[prev].m.head;
            }
          }
          break;
        }
        std::string_view base = BaseRel(rel);
        if (base != "compound" && base != "amod" && rel != "nmod:poss" && base != "flat" &&
            base != "nmod") {
          break;
        }
        uint32_t h = Head(x);
        if (h == kNone) break;
        x = h;
      }
      if (!appos) continue;
      if (host == kNone || host >= c.m.token_begin) continue;
      // An apposition is set off by a comma ("Turkey, a NATO member"); a
      // headline "Somalia: Al-Shabaab ambush AU troops" is not one.
      bool comma = false;
      for (uint32_t t = host + 1; t < c.m.token_begin; ++t) {
        comma = comma || Form(t) == "," || Form(t) == "(";  // "Rapid Support Forces (RSF)"
      }
      if (!comma) continue;
      int owner = CandidateAt(host, i);
      if (owner >= 0) {
        c.drop = true;  // the host is an actor already
        continue;
      }
      const Token& ht = doc_.tokens[host];
      if (ht.upos != Upos::kPropn) continue;
      if (c.m.kind == ActorMention::Kind::kCountry && c.m.head != x) continue;
      uint32_t b = host;
      while (b > s_.token_begin) {
        uint32_t t = b - 1;
        Upos u = doc_.tokens[t].upos;
        if (InCandidate(t) || !Reaches(t, host, host + 1, 2) || u == Upos::kAdp ||
            u == Upos::kPunct || u == Upos::kVerb || u == Upos::kAux || u == Upos::kCconj ||
            u == Upos::kSconj) {
          break;  // not "of" in "the killing of Sheikh X, a cleric"
        }
        b = t;
      }
      // "In Washington, the U.S. Commerce Department said": a sentence that
      // opens with a place phrase, not a name with its appositive ("according
      // to Pramila Patten, the UN envoy" is one).
      if (b == s_.token_begin + 1 && doc_.tokens[b - 1].upos == Upos::kAdp) continue;
      // Only "<Name words> , <appositive>": nothing else in between.
      bool clean = true;
      int commas = 0;
      for (uint32_t t = host + 1; t < c.m.token_begin; ++t) {
        if (Form(t) == ",") {
          ++commas;
        } else if (doc_.tokens[t].upos != Upos::kPropn || commas > 0 || InCandidate(t)) {
          clean = false;
        }
      }
      if (commas != 1) clean = false;
      if (!clean) continue;
      c.m.token_begin = b;
      c.m.head = host;
      if (ht.upos == Upos::kPropn) c.props.person = c.props.person || c.m.name.empty();
      if (c.need == Need::kDefiniteAgent) c.need = Need::kNone;
    }
  }

  // ---- antecedents ------------------------------------------------------
  bool Compatible(const Candidate& c, const ActorMention& a, const Props& p) const {
    switch (c.need) {
      case Need::kPronoun:
      case Need::kPossessor: {
        if (p.modifier) return false;
        uint8_t cls = c.pronoun_class;
        if (c.need == Need::kPossessor) {
          std::string_view f = Form(c.possessor);
          cls = OneOf(f, kPersonPronouns) ? 1 : OneOf(f, kNeuterPronouns) ? 2 : 3;
        }
        if (cls == 1) return p.person;
        if (cls == 2) return !p.person && (!p.plural || p.group) && !a.code.empty();
        // "they" needs a plural head ("the rebels", "Syrian troops") or an
        // armed group ("the Houthis"), or the owner of plural non-actors
        // ("the council's members ... they"); not "the ministry", "NATO".
        return (p.plural || p.group || p.plural_owner) && !p.person;
      }
      case Need::kReference:
        if (!c.m.sector.empty()) {  // "the militant group": same armed family
          if (!p.group || !SectorCompatible(c.m.sector, a.sector)) return false;
        }
        return ((c.ref_flags & kRefGroup) && p.group) ||
               ((c.ref_flags & kRefOrganisation) && p.org && a.country.empty()) ||
               ((c.ref_flags & kRefCountry) && p.country && a.sector.empty()) ||
               ((c.ref_flags & kRefPerson) && p.person && !a.code.empty());
      case Need::kDefiniteAgent: {
        if (a.code.empty()) return false;
        if (c.props.person != p.person) return false;
        // Only named antecedents by sector ("the militants" => Islamic State,
        // "the president" => Putin); agents need the same head word (below).
        if (a.name.empty()) return false;
        return SectorCompatible(c.m.sector, a.sector);
      }
      case Need::kNameRef: {
        if (a.name.empty()) return false;
        std::string key;
        size_t start = 0;
        const std::string& n = a.name;
        while (start <= n.size()) {
          size_t sp = n.find(' ', start);
          std::string_view w =
              std::string_view(n).substr(start, sp == std::string::npos ? sp : sp - start);
          Dictionary::NormalizeKey(w, &key);
          if (key == c.ref_word) return true;
          if (sp == std::string::npos) break;
          start = sp + 1;
        }
        return false;
      }
      case Need::kNone:
        return false;
    }
    return false;
  }

  // Returns false if the candidate is to be dropped.
  bool Resolve(Candidate& c) {
    if (c.need == Need::kNone) return !c.m.code.empty();
    const int window = (c.need == Need::kPronoun || c.need == Need::kPossessor) ? 2 : 4;
    int found = -1;
    // "the coalition" after "the Saudi-led coalition", "the council" after
    // "the UN Security Council": the same head word first.
    if (c.need == Need::kReference && c.m.sector.empty() && c.head_lemma != Dictionary::kNoToken) {
      for (size_t k = doc_.mentions.size(); k-- > 0;) {
        const ActorMention& a = doc_.mentions[k];
        if (a.sentence + 8 < sentence_) break;
        if (doc_props_[k].head_lemma == c.head_lemma && !a.code.empty() &&
            a.kind != ActorMention::Kind::kPronoun) {
          found = static_cast<int>(k);
          break;
        }
      }
    }
    // "the army" after "the Syrian army": the same head word with a country;
    // "the officer" after "a military officer": with another sector.
    if (c.need == Need::kDefiniteAgent && c.head_lemma != Dictionary::kNoToken) {
      for (size_t k = doc_.mentions.size(); k-- > 0;) {
        const ActorMention& a = doc_.mentions[k];
        if (a.sentence + 8 < sentence_) break;
        if (doc_props_[k].head_lemma == c.head_lemma &&
            (!a.country.empty() || !a.name.empty() ||
             (!a.sector.empty() && a.sector != c.m.sector)) &&
            doc_props_[k].plural == c.props.plural) {
          found = static_cast<int>(k);
          break;
        }
      }
    }
    for (size_t k = doc_.mentions.size(); k-- > 0 && found < 0;) {
      const ActorMention& a = doc_.mentions[k];
      if (a.sentence + window < sentence_) break;
      if (a.token_begin >= c.m.token_begin) continue;
      if (Compatible(c, a, doc_props_[k])) {
        found = static_cast<int>(k);
        break;
      }
    }
    // A pronoun whose nearest candidate is in an earlier sentence prefers that
    // sentence's subject: "Syrian state television said the army had
    // restored security ... It gave no figures" => the television.
    if (found >= 0 && c.need == Need::kPronoun && doc_.mentions[found].sentence < sentence_ &&
        !doc_props_[found].subject) {
      // The main clause's subject first, then any subject.
      const uint32_t sent = doc_.mentions[found].sentence;
      int best = -1;
      for (int k = found - 1; k >= 0 && doc_.mentions[k].sentence == sent; --k) {
        const Props& p = doc_props_[k];
        if (!p.subject || !Compatible(c, doc_.mentions[k], p)) continue;
        if (p.main_subject) {
          best = k;
          break;
        }
        if (best < 0) best = k;
      }
      if (best >= 0) found = best;
    }
    // "the government" after "Syria": the country's government, when the
    // current and previous sentence name one country only.
    if (found < 0 && c.need == Need::kDefiniteAgent && !(c.agent_flags & kAgentPerson) &&
        !c.props.plural) {
      const std::string& s = c.m.sector;
      if (s == "GOV" || s == "MIL" || s == "COP" || s == "LEG" || s == "JUD" || s == "SPY") {
        // The country only, not a reference (no antecedent: the code is not
        // copied). A country or a state actor gives it first ("Syrian troops
        // ... the government"), then any other actor ("Syrian state
        // television ... the army"), never an armed non-state group ("M23 ...
        // the government" is no M23 mention); all count against uniqueness.
        int state_mention = -1;
        int other_mention = -1;
        std::string_view country;
        bool unique = true;
        for (size_t k = doc_.mentions.size(); k-- > 0;) {
          const ActorMention& a = doc_.mentions[k];
          if (a.sentence + 1 < sentence_) break;
          if (a.country.empty()) continue;
          if (country.empty()) {
            country = a.country;
          } else if (country != a.country) {
            unique = false;
          }
          if (IsStateSide(a, doc_props_[k])) {
            if (state_mention < 0) state_mention = static_cast<int>(k);
          } else if (other_mention < 0 && !IsArmedNonState(a.sector)) {
            other_mention = static_cast<int>(k);
          }
        }
        const int country_mention = state_mention >= 0 ? state_mention : other_mention;
        if (country_mention >= 0 && unique) {
          const ActorMention& a = doc_.mentions[country_mention];
          c.m.country = a.country;
          c.m.code = a.country + s;
          return true;
        }
      }
    }
    if (found < 0) {
      // Unresolved: an agent keeps its sector-only code; others are dropped.
      return c.need == Need::kDefiniteAgent || c.need == Need::kPossessor ||
             (c.need == Need::kReference && !c.m.code.empty());
    }
    // Point at the chain's root (the named or agent mention), not a pronoun.
    int root = found;
    // (Only through pure copies: "the government" after "Syria" is SYRGOV,
    // not Syria, so "it" after it stops there.)
    while (doc_.mentions[root].antecedent >= 0 &&
           (doc_.mentions[root].kind == ActorMention::Kind::kPronoun ||
            doc_.mentions[root].kind == ActorMention::Kind::kReference) &&
           doc_.mentions[root].antecedent < root &&
           doc_.mentions[doc_.mentions[root].antecedent].code == doc_.mentions[root].code) {
      root = doc_.mentions[root].antecedent;
    }
    const ActorMention& a = doc_.mentions[root];
    const Props& ap = doc_props_[found];
    if (c.need == Need::kPossessor) {
      // "its air force" after "Moscow": the antecedent's country (or its
      // organisation's code) with the agent's sector.
      const Props& rp = doc_props_[root];
      if (!a.name.empty() && !rp.person) {
        c.m.code = a.code;  // "its fighters" after "the Taliban" => the Taliban's code
        c.m.country = a.country;
        c.m.name = a.name;
        c.m.kind = ActorMention::Kind::kNamed;
      } else if ((c.agent_flags & kAgentWeak) && !a.code.empty() &&
                 (a.sector == "MIL" || a.sector == "REB" || a.sector == "INS" ||
                  a.sector == "SEP" || a.sector == "UAF" || a.sector == "COP")) {
        // "his men" after a rebel commander: the commander's side.
        c.m.code = a.code;
        c.m.country = a.country;
        c.m.sector = a.sector;
      } else if (!a.country.empty()) {
        if (c.agent_flags & kAgentState) c.m.sector = "MIL";  // "its forces"
        c.m.country = a.country;
        c.m.code = a.country + c.m.sector;
      } else if ((c.agent_flags & kAgentState) && (a.sector == "GOV" || a.sector == "MIL")) {
        // "The government said its forces..." without a country yet: the
        // state's military (the home country may add the country).
        c.m.sector = "MIL";
        c.m.code = "---MIL";
      }
      return true;
    }
    c.m.code = a.code;
    c.m.country = a.country;
    c.m.sector = a.sector;
    c.m.name = a.name;
    c.m.antecedent = root;
    if (c.need != Need::kPronoun) c.m.kind = ActorMention::Kind::kReference;
    bool keep_person = c.props.person;
    bool keep_modifier = c.props.modifier;
    bool keep_subject = c.props.subject;
    c.props = ap;
    c.props.person = c.props.person || keep_person;
    c.props.modifier = keep_modifier;
    c.props.subject = keep_subject;
    return true;
  }

  const Dictionary& dict_;
  Document& doc_;
  const Sentence& s_;
  uint32_t sentence_;
  std::vector<Props>& doc_props_;
  CountryVotes& votes_;
  std::string_view date_;
  std::vector<uint32_t> form_ids_;
  std::vector<uint32_t> lemma_ids_;
  std::vector<Match> matches_;
  std::vector<int32_t> match_of_;
  std::vector<uint8_t> covered_;  // sentence token -> index into matches_, or -1
  std::vector<Candidate> cands_;
  std::vector<std::pair<size_t, uint32_t>> deferred_demonyms_;
  std::vector<size_t> of_candidates_;
};

void ApplyHomeCountry(Document& doc, const std::string& home);

}  // namespace

void SplitCode(std::string_view code, bool first_is_country, std::string* country,
               std::string* sector) {
  country->clear();
  sector->clear();
  if (code.size() < 3) return;
  if (code.substr(0, 3) == "---") {
    *sector = std::string(code.substr(3, 3));
  } else if (first_is_country) {
    *country = std::string(code.substr(0, 3));
    if (code.size() >= 6) *sector = std::string(code.substr(3, 3));
  } else {
    *sector = std::string(code.substr(0, 3));
  }
}

StatusOr<std::unique_ptr<Recognizer>> Recognizer::Create(const RecognizerOptions& options) {
  std::string dir = options.dictionary_dir.empty() ? DataPath("actors") : options.dictionary_dir;
  SITREP_ASSIGN_OR_RETURN(std::unique_ptr<Dictionary> d, Dictionary::Load(dir));
  return FromDictionary(std::move(d), options);
}

std::unique_ptr<Recognizer> Recognizer::FromDictionary(std::unique_ptr<Dictionary> dictionary,
                                                       const RecognizerOptions& options) {
  return std::unique_ptr<Recognizer>(new Recognizer(std::move(dictionary), options));
}

Status Recognizer::Process(Document& doc) const {
  doc.mentions.clear();
  for (const Sentence& s : doc.sentences) {
    if (s.token_begin > s.token_end || s.token_end > doc.tokens.size()) {
      return InvalidArgumentError("actors: sentence token range out of bounds");
    }
  }
  for (const Token& t : doc.tokens) {
    if (t.begin > t.end || t.end > doc.text.size()) {
      if (t.norm.empty()) return InvalidArgumentError("actors: token offsets out of bounds");
    }
  }
  std::vector<Props> props;
  CountryVotes votes;
  for (uint32_t i = 0; i < doc.sentences.size(); ++i) {
    if (doc.sentences[i].size() == 0) continue;
    SentenceRecognizer(*dictionary_, doc, i, &props, &votes).Run();
  }
  if (options_.home_country == HomeCountry::kInfer) ApplyHomeCountry(doc, votes.Home());
  return OkStatus();
}

namespace {

// "police" in a story about Myanmar is Myanmar's police: domestic roles
// without a country take the story's home country. Not for unaligned armed
// men (UAF), international roles, or phrases that say they are foreign.
void ApplyHomeCountry(Document& doc, const std::string& home) {
  if (home.empty()) return;
  std::vector<std::string> before(doc.mentions.size());
  for (size_t i = 0; i < doc.mentions.size(); ++i) {
    ActorMention& m = doc.mentions[i];
    before[i] = m.code;
    if (m.code.size() != 6 || m.code.compare(0, 3, "---") != 0) continue;
    if (m.antecedent >= 0 && static_cast<size_t>(m.antecedent) < i) {
      // A copy of an earlier mention follows that mention.
      const ActorMention& a = doc.mentions[m.antecedent];
      if (m.code == before[m.antecedent] && a.code != m.code) {
        m.code = a.code;
        m.country = a.country;
      }
      continue;
    }
    const std::string sector = m.code.substr(3);
    static constexpr std::string_view kDomestic[] = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY",
                                                     "REB", "INS", "SEP", "OPP", "CVL", "REF",
                                                     "MED", "BUS", "EDU", "HLH", "LAB"};
    bool domestic = false;
    for (std::string_view d : kDomestic) domestic = domestic || sector == d;
    if (!domestic) continue;
    bool foreign = false;
    for (uint32_t t = m.token_begin; t < m.token_end && t < doc.tokens.size(); ++t) {
      std::string key;
      Dictionary::NormalizeKey(doc.Form(doc.tokens[t]), &key);
      for (std::string_view w : {"foreign", "international", "western", "allied", "visiting",
                                 "overseas", "exiled", "regional"}) {
        foreign = foreign || key == w;
      }
    }
    if (foreign) continue;
    m.country = home;
    m.code = home + sector;
  }
}

}  // namespace

int32_t MentionAt(const Document& doc, uint32_t token) {
  int32_t best = -1;
  uint32_t best_size = 0;
  for (size_t i = 0; i < doc.mentions.size(); ++i) {
    const ActorMention& m = doc.mentions[i];
    if (m.head == token) return static_cast<int32_t>(i);
    if (token >= m.token_begin && token < m.token_end) {
      uint32_t size = m.token_end - m.token_begin;
      if (best < 0 || size < best_size) {
        best = static_cast<int32_t>(i);
        best_size = size;
      }
    }
  }
  return best;
}

}  // namespace sitrep::actors
