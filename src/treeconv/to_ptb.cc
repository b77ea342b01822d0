#include "treeconv/to_ptb.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>
#include <utility>
#include <vector>

namespace sitrep::treeconv {
namespace {

// Layers of a head's projection, innermost first (see the header).
constexpr int kMaxAux = 6;
enum Layer : int {
  kCore = 0,
  kPost,       // NP over NP: nominal post-modifiers
  kCoordLow,   // coordination of NPs / ADJPs / ...
  kCase,       // PP: case marker + phrase
  kCaseOuter,  // PP over PP: "(PP (VBG according) (PP (TO to) (NP ...)))"
  kCoordCase,  // coordination of PPs
  kAux0,       // VP per auxiliary/copula, nearest the head first
  kTo = kAux0 + kMaxAux,
  kCoordVp,  // coordination of VPs sharing a subject
  kClause,   // S
  kCoordS,   // coordination of clauses
  kReport,   // S over "content , NP said": a following reporting clause (UD parataxis)
  kSbar,     // SBAR: complementizer / wh-phrase
  kNumLayers,
  kOutermost = 100,  // "whatever the outermost layer is" (trailing punctuation)
  kFollow = 101,     // punctuation: the layer of the next dependent farther out
};

enum class Cat { kNominal, kNum, kVerb, kAdj, kAdv, kAdp, kPart, kIntj, kOther };

struct Node {
  std::string label;  // phrase label, or the Penn tag of a leaf
  int token = -1;     // leaf: sentence-relative token index
  std::vector<Node> kids;
};

struct Item {
  int pos = 0;     // sentence-relative index of the dependent (or pulled token)
  int layer = 0;   // preferred, then final layer
  int owner = -1;  // pulled edge token: index into items of the dependent it came from
  bool punct = false;
  std::vector<Node> nodes;  // one phrase, or the leaves of a flattened subtree
};

// UD v1 relation names (UDPipe 1, CoreNLP's converter) -> their v2 names.
std::string V2Relation(std::string_view rel) {
  static constexpr std::pair<std::string_view, std::string_view> kV1[] = {
      {"nsubjpass", "nsubj:pass"},
      {"csubjpass", "csubj:pass"},
      {"auxpass", "aux:pass"},
      {"dobj", "obj"},
      {"neg", "advmod"},
      {"mwe", "fixed"},
      {"name", "flat"},
      {"foreign", "flat"},
      {"remnant", "orphan"},
  };
  for (const auto& [v1, v2] : kV1) {
    if (rel == v1) return std::string(v2);
  }
  return std::string(rel);
}

std::string_view Base(std::string_view rel) { return rel.substr(0, rel.find(':')); }

bool IsWhTag(std::string_view xpos) {
  return xpos == "WDT" || xpos == "WP" || xpos == "WP$" || xpos == "WRB";
}

std::string EscapeForm(std::string_view form) {
  if (form == "(") return "-LRB-";
  if (form == ")") return "-RRB-";
  if (form == "[") return "-LSB-";
  if (form == "]") return "-RSB-";
  if (form == "{") return "-LCB-";
  if (form == "}") return "-RCB-";
  std::string out;
  out.reserve(form.size());
  for (char ch : form) {
    if (ch == '(') {
      out += "-LRB-";
    } else if (ch == ')') {
      out += "-RRB-";
    } else if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
      out += '_';
    } else {
      out += ch;
    }
  }
  if (out.empty()) out = "_";
  return out;
}

std::string EscapeTag(std::string_view tag) {
  if (tag == "(") return "-LRB-";
  if (tag == ")") return "-RRB-";
  std::string out;
  for (char ch : tag) {
    if (ch == '(' || ch == ')' || ch == ' ') continue;
    out += ch;
  }
  if (out.empty()) out = "X";
  return out;
}

class Converter {
 public:
  Converter(const Document& doc, const Sentence& s) : doc_(doc), begin_(s.token_begin) {
    n_ = static_cast<int>(s.size());
  }

  const ConversionNotes& notes() const { return notes_; }

  std::string Run() {
    if (n_ == 0) return "(ROOT (FRAG))";
    if (!Prepare()) return Flat();
    Node top = Build(root_, false);
    std::string out = "(ROOT ";
    Write(top, out);
    out += ")";
    return out;
  }

 private:
  const Token& Tok(int i) const { return doc_.tokens[begin_ + i]; }
  std::string_view Form(int i) const { return doc_.Form(Tok(i)); }
  Upos UposOf(int i) const { return Tok(i).upos; }
  const std::string& Xpos(int i) const { return xpos_[i]; }
  bool IsPunct(int i) const { return UposOf(i) == Upos::kPunct; }

  // Heads, roots, cycles, projectivity. False if the sentence has no parse.
  bool Prepare() {
    xpos_.resize(n_);
    head_.assign(n_, -1);
    rel_.resize(n_);
    bool any_parsed = false;
    for (int i = 0; i < n_; ++i) {
      xpos_[i] = EscapeTag(PennTag(doc_, Tok(i)));
      rel_[i] = V2Relation(Tok(i).deprel);
      if (Tok(i).head >= 0) any_parsed = true;
    }
    if (!any_parsed) return false;
    std::vector<int> roots;
    for (int i = 0; i < n_; ++i) {
      const int h = Tok(i).head;
      if (h == 0) {
        roots.push_back(i);
        head_[i] = -1;
      } else if (h >= 1 && h <= n_ && h != i + 1) {
        head_[i] = h - 1;
      } else {
        head_[i] = -2;  // unknown: reattached below
      }
    }
    if (roots.empty()) {
      int r = 0;
      for (int i = 0; i < n_; ++i) {
        if (!IsPunct(i)) {
          r = i;
          break;
        }
      }
      roots.push_back(r);
      head_[r] = -1;
      ++notes_.reattached;
    }
    root_ = roots[0];
    for (size_t k = 1; k < roots.size(); ++k) {
      ++notes_.reattached;
      head_[roots[k]] = root_;
      if (rel_[roots[k]] == "root") rel_[roots[k]] = "parataxis";
    }
    for (int i = 0; i < n_; ++i) {
      if (head_[i] == -2) {
        ++notes_.reattached;
        head_[i] = root_;
        if (rel_[i].empty() || rel_[i] == "root" || rel_[i] == "_") rel_[i] = "dep";
      }
    }
    // Break cycles: a token whose head chain does not reach the root hangs from it.
    for (int i = 0; i < n_; ++i) {
      int k = i;
      int steps = 0;
      while (k != root_ && steps <= n_) {
        k = head_[k];
        ++steps;
      }
      if (k != root_) {
        ++notes_.reattached;
        head_[i] = root_;
      }
    }
    Projectivize();
    excluded_.assign(n_, false);
    Index();
    // Two subjects of one predicate: "the news agency WFNA said" (nsubj on both
    // "agency" and "WFNA"), "defense and military officials said" (nsubj on
    // "defense" and "officials"), "The Observatory, a UK-based group, said".
    // The second is a conjunct (after a coordinator), an apposition (after a
    // comma) or, right after the first, a name in apposition.
    for (int h = 0; h < n_; ++h) {
      int prev = -1;
      for (int c : kids_[h]) {
        if (c > h) break;
        const bool nominal = UposOf(c) == Upos::kNoun || UposOf(c) == Upos::kPropn;
        if (Base(rel_[c]) != "nsubj" || !nominal) {
          if (Base(rel_[c]) != "punct") prev = -1;
          continue;
        }
        if (prev >= 0) {
          bool only_punct = true, comma = Form(hi_[prev]) == ",";
          for (int k = hi_[prev] + 1; k < lo_[c]; ++k) {
            only_punct = only_punct && IsPunct(k);
            comma = comma || Form(k) == ",";
          }
          bool coordinated = false;
          for (int k : kids_[c]) coordinated = coordinated || (k < c && Base(rel_[k]) == "cc");
          if (only_punct && (coordinated || comma || UposOf(c) == Upos::kPropn)) {
            head_[c] = prev;
            rel_[c] = coordinated ? "conj" : "appos";
            ++notes_.subjects_merged;
            continue;  // prev stays the subject
          }
        }
        prev = c;
      }
    }
    Projectivize();
    Index();
    // "according to reports": case(reports, according) + fixed(according, to)
    // -> CoreNLP's (PP (VBG according) (PP (TO to) (NP (NNS reports)))).
    for (int c = 0; c < n_; ++c) {
      if (Base(rel_[c]) != "case" || head_[c] <= c || (Xpos(c) != "VBG" && Xpos(c) != "JJ")) {
        continue;
      }
      if (kids_[c].size() == 1 && rel_[kids_[c][0]] == "fixed" && kids_[c][0] == c + 1 &&
          kids_[kids_[c][0]].empty()) {
        const int f = kids_[c][0];
        head_[f] = head_[c];
        rel_[f] = "case";
        rel_[c] = "case:outer";
      }
    }
    Projectivize();
    Index();
    for (int round = 0; round < n_ && RepairSubordinateClauses(); ++round) {
      Projectivize();
      Index();
    }
    // A reporting clause closing the sentence ("..., a senior official said on
    // Saturday.") but hung by the parser on an embedded clause reports the
    // whole sentence: raise it to the root (projective, as it ends the span).
    int last_word = n_ - 1;
    while (last_word > 0 && IsPunct(last_word)) --last_word;
    for (int p = 0; p < n_; ++p) {
      if (head_[p] < 0 || head_[p] == root_ || p < root_ || hi_[p] != last_word) continue;
      // Not out of a parenthesis or quotation that closes after it.
      bool closes_inside = false;
      for (int k = hi_[p] + 1; k < n_; ++k) closes_inside = closes_inside || head_[k] != root_;
      if (closes_inside) continue;
      // Also when hung on a noun or verb as a relative/adverbial/complement
      // clause, if a comma sets it off: "... its embassy, a senior official said."
      const std::string_view b = Base(rel_[p]);
      const bool clausal = b == "acl" || b == "advcl" || b == "ccomp" || b == "dep";
      const bool comma_before =
          (Form(lo_[p]) == "," && lo_[p] < p) || (lo_[p] > 0 && Form(lo_[p] - 1) == ",");
      if (clausal && comma_before) {
        const std::string saved = rel_[p];
        rel_[p] = "parataxis";
        bool wh = false;
        for (int k = lo_[p]; k < p; ++k) wh = wh || IsWhTag(Xpos(k));
        if (wh || !IsReportingClause(head_[p], p)) rel_[p] = saved;
      }
      if (IsReportingClause(head_[p], p)) {
        ++notes_.reports_raised;
        head_[p] = root_;
        Projectivize();  // punctuation after p that hung on its old head
        Index();
        break;
      }
    }
    // Content that the parser hung on a reporting clause ("... [after crowds
    // trashed its embassy], a senior official said") belongs to the content.
    for (int p = 0; p < n_; ++p) {
      if (head_[p] < 0 || !IsReportingClause(head_[p], p)) continue;
      bool moved = false;
      for (int q : kids_[p]) {
        if (q < p && q > head_[p] && Base(rel_[q]) == "ccomp") {
          head_[q] = head_[p];
          rel_[q] = "advcl";
          moved = true;
        }
      }
      if (moved) {
        Projectivize();
        Index();
      }
    }
    return true;
  }

  void Index() {
    kids_.assign(n_, {});
    for (int i = 0; i < n_; ++i) {
      if (head_[i] >= 0) kids_[head_[i]].push_back(i);
    }
    lo_.resize(n_);
    hi_.resize(n_);
    Span(root_);
  }

  // Lifts non-projective arcs to the grandparent until the tree is projective.
  void Projectivize() {
    for (int round = 0; round < n_ * n_ + 1; ++round) {
      bool changed = false;
      for (int d = 0; d < n_ && !changed; ++d) {
        const int h = head_[d];
        if (h < 0) continue;
        const int lo = std::min(d, h), hi = std::max(d, h);
        for (int k = lo + 1; k < hi; ++k) {
          if (!Dominates(h, k)) {
            ++notes_.lifted;
            head_[d] = head_[h];
            changed = true;
            break;
          }
        }
      }
      if (!changed) break;
    }
  }

  // Relations of a bare measure/time noun phrase ("five years", "last week").
  static bool IsMeasure(std::string_view rel) {
    return rel == "nmod:npmod" || rel == "obl:npmod" || rel == "nmod:tmod" || rel == "obl:tmod" ||
           rel == "nmod:unmarked" || rel == "obl:unmarked";
  }

  // "five years", "a day", "weeks": a count or a unit of time.
  bool IsTimeMeasure(int n) const {
    for (int k : kids_[n]) {
      if (k < n && Base(rel_[k]) == "nummod") return true;
    }
    std::string f(Form(n));
    for (char& ch : f) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (f.size() > 1 && f.back() == 's') f.pop_back();
    static constexpr std::string_view kUnits[] = {"minute", "hour",  "day",    "night",
                                                  "week",   "month", "year",   "decade",
                                                  "moment", "while", "century"};
    for (std::string_view u : kUnits) {
      if (f == u) return true;
    }
    return false;
  }

  bool IsSubordinator(int m) const {
    std::string f(Form(m));
    for (char& ch : f) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    static constexpr std::string_view kWords[] = {"after",  "before", "since",   "until",
                                                  "till",   "while",  "because", "although",
                                                  "though", "once",   "unless",  "whereas"};
    for (std::string_view w : kWords) {
      if (f == w) return true;
    }
    return false;
  }

  // Makes v the head of a subordinate clause: m its complementizer, n its
  // subject; a coordinated/paratactic v becomes an adverbial clause.
  void MakeSubordinate(int v, int m, int n) {
    ++notes_.clauses_repaired;
    head_[m] = v;
    rel_[m] = "mark";
    if (n >= 0) {
      bool passive = false;
      for (int k : kids_[v]) passive = passive || rel_[k] == "aux:pass";
      head_[n] = v;
      rel_[n] = passive ? "nsubj:pass" : "nsubj";
    }
    const std::string_view b = Base(rel_[v]);
    if (b == "conj" || b == "parataxis" || b == "xcomp" || b == "dep") rel_[v] = "advcl";
    // A measure phrase right before the complementizer, hung on the clause's
    // head ("restore ties [almost five years] after crowds trashed"), measures
    // the clause: (SBAR (NP almost five years) (IN after) (S ...)).
    const int h = head_[v];
    if (h >= 0) {
      for (int k : kids_[h]) {
        if (k != v && IsMeasure(rel_[k]) && hi_[k] + 1 == m) {
          head_[k] = v;
          rel_[k] = "obl:npmod";
        }
      }
      // The clause hung on the measure itself ("[five years] after crowds
      // burned", nmod(years, crowds)): the clause takes the measure's place.
      bool counted = IsMeasure(rel_[h]);
      for (int k : kids_[h]) counted = counted || (Base(rel_[k]) == "nummod" && k < h);
      if (CatOf(h) == Cat::kNominal && h < m && counted && head_[h] >= 0) {
        bool adjacent = true;  // nothing of h's between h and the complementizer
        for (int k : kids_[h]) adjacent = adjacent && !(k > h && k < m && k != v);
        if (adjacent) {
          const std::string_view hb = Base(rel_[h]);
          head_[v] = head_[h];
          rel_[v] = hb == "nsubj" || hb == "obj" || hb == "ccomp" ? std::string(rel_[h]) : "advcl";
          head_[h] = v;
          rel_[h] = "obl:npmod";
        }
      }
    }
  }

  // Parse repair for one frequent confusion of taggers/parsers trained on
  // EWT: a subordinating "after/since/until/..." read as a preposition on the
  // clause's subject. The clause is rebuilt as UD wants it:
  //  * "since demonstrators were crushed": case(demonstrators, since) on a
  //    subject -> mark(crushed, since) (a subject never takes a case marker);
  //    a measure phrase before it ("five years after crowds burned", UDPipe's
  //    nmod:npmod(crowds, years)) becomes obl:npmod of the verb;
  //  * "five years after crowds trashed": nsubj(trashed, years),
  //    nmod(years, crowds), case(crowds, after) -> mark(trashed, after),
  //    nsubj(trashed, crowds), obl:npmod(trashed, years);
  //  * "their meeting after a hafling was reported": nmod(meeting, hafling),
  //    case(hafling, after), a subjectless "was reported" right after it ->
  //    mark(reported, after), nsubj:pass(reported, hafling).
  // Repairs one clause; returns whether anything changed.
  bool RepairSubordinateClauses() {
    bool changed = false;
    auto first_case = [&](int n) {
      for (int k : kids_[n]) {
        if (k == lo_[n] && Base(rel_[k]) == "case" && IsSubordinator(k) && kids_[k].empty()) {
          return k;
        }
      }
      return -1;
    };
    // Tokens [from, v) are v's own auxiliaries/adverbs (nothing else).
    auto only_aux_before = [&](int from, int v) {
      for (int k = from; k < v; ++k) {
        const std::string_view b = Base(rel_[k]);
        if (head_[k] != v || (b != "aux" && b != "advmod") || !kids_[k].empty()) return false;
      }
      return true;
    };
    for (int v = 0; v < n_ && !changed; ++v) {
      const std::string_view vb = Base(rel_[v]);
      if (CatOf(v) != Cat::kVerb || vb == "aux" || vb == "cop") continue;
      int subject = -1;
      bool has_mark = false;
      for (int k : kids_[v]) {
        const std::string_view b = Base(rel_[k]);
        if (b == "nsubj" && k < v) subject = k;
        if (b == "mark") has_mark = true;
      }
      if (has_mark) continue;
      // "after [Calenardhon crowds] burned down its embassy" read as a
      // reduced relative acl(crowds, burned) on a PP: the verb heads a clause.
      if (subject < 0 && rel_[v] == "acl" && head_[v] >= 0 && head_[v] < v &&
          CatOf(head_[v]) == Cat::kNominal && (Xpos(v) == "VBD" || HasChildRel(v, {"obj"}))) {
        const int n = head_[v];
        int m = -1;
        for (int k : kids_[n]) {
          if (k < n && Base(rel_[k]) == "case" && IsSubordinator(k) && kids_[k].empty()) m = k;
        }
        if (m >= 0 && head_[n] >= 0) {
          head_[v] = head_[n];
          rel_[v] = rel_[n];
          for (int k : kids_[n]) {
            if (k < m && IsMeasure(rel_[k])) {
              head_[k] = v;
              rel_[k] = "obl:npmod";
            }
          }
          MakeSubordinate(v, m, n);
          changed = true;
          continue;
        }
      }
      // Without a subject, a nominal obl/nmod right before the verb (and its
      // auxiliaries) stands in for it: UDPipe's nmod(burned, crowds).
      int stand_in = -1;
      if (subject < 0 && !HasChildRel(v, {"nsubj", "csubj", "expl"})) {
        for (int k : kids_[v]) {
          const std::string_view b = Base(rel_[k]);
          if (k < v && (b == "obl" || b == "nmod") && CatOf(k) == Cat::kNominal &&
              !IsPunct(hi_[k]) && only_aux_before(hi_[k] + 1, v)) {
            stand_in = k;
          }
        }
      }
      const int subject_like = subject >= 0 ? subject : stand_in;
      if (subject_like >= 0) {
        // A subordinator on the subject, maybe after a measure phrase:
        // "[almost five years] after Calenardhon crowds burned".
        const int subject = subject_like;
        int m = -1;
        bool only_measures_before = true;
        for (int k : kids_[subject]) {
          if (k > subject) break;
          const std::string_view kr = rel_[k];
          if (Base(kr) == "case" && IsSubordinator(k) && kids_[k].empty()) {
            m = k;
            break;
          }
          if (!IsMeasure(kr) && Base(kr) != "advmod" && Base(kr) != "punct") {
            only_measures_before = false;
          }
        }
        if (m >= 0 && only_measures_before) {
          for (int k : kids_[subject]) {
            if (k < m && Base(rel_[k]) != "punct") {
              head_[k] = v;
              if (IsMeasure(rel_[k])) rel_[k] = "obl:npmod";
            }
          }
          MakeSubordinate(v, m, subject == stand_in ? subject : -1);
          changed = true;
          continue;
        }
        if (subject == stand_in) continue;
        // "[five years] after crowds trashed": only a time measure as subject
        // ("the bear market since the Depression worked" is right as it is).
        if (!IsTimeMeasure(subject) || !only_aux_before(hi_[subject] + 1, v)) continue;
        for (int n : kids_[subject]) {
          if (n < subject || Base(rel_[n]) != "nmod" || hi_[n] != hi_[subject]) continue;
          const int c = first_case(n);
          if (c < 0) continue;
          MakeSubordinate(v, c, n);
          rel_[subject] = "obl:npmod";
          changed = true;
          break;
        }
        continue;
      }
      const int f = lo_[v];
      if (f == 0 || !only_aux_before(f, v)) continue;
      // The largest nominal subtree ending right before the clause.
      int best = -1;
      for (int n = 0; n < f; ++n) {
        if (hi_[n] != f - 1 || CatOf(n) != Cat::kNominal || Dominates(n, v)) continue;
        if (first_case(n) >= 0 && (best < 0 || lo_[n] < lo_[best])) best = n;
      }
      if (best >= 0 && !Dominates(v, best) && head_[best] >= 0) {
        MakeSubordinate(v, first_case(best), best);
        changed = true;
      }
    }
    return changed;
  }

  bool Dominates(int h, int k) const {
    int steps = 0;
    while (k >= 0 && steps <= n_) {
      if (k == h) return true;
      k = head_[k];
      ++steps;
    }
    return false;
  }

  void Span(int h) {
    lo_[h] = hi_[h] = h;
    for (int c : kids_[h]) {
      Span(c);
      lo_[h] = std::min(lo_[h], lo_[c]);
      hi_[h] = std::max(hi_[h], hi_[c]);
    }
  }

  std::string Flat() const {
    std::string out = "(ROOT (FRAG";
    for (int i = 0; i < n_; ++i) {
      out += " (";
      out += EscapeTag(PennTag(doc_, Tok(i)));
      out += ' ';
      out += EscapeForm(Form(i));
      out += ')';
    }
    out += "))";
    return out;
  }

  void Write(const Node& node, std::string& out) const {
    out += '(';
    out += node.label;
    if (node.token >= 0) {
      out += ' ';
      out += EscapeForm(Form(node.token));
    } else {
      for (const Node& k : node.kids) {
        out += ' ';
        Write(k, out);
      }
    }
    out += ')';
  }

  Node Leaf(int i) const { return Node{Xpos(i), i, {}}; }

  Cat CatOf(int i) const {
    switch (UposOf(i)) {
      case Upos::kNoun:
      case Upos::kPropn:
      case Upos::kPron:
      case Upos::kSym:
      case Upos::kX:
      case Upos::kDet:
        return Cat::kNominal;
      case Upos::kNum:
        return Cat::kNum;
      case Upos::kVerb:
      case Upos::kAux:
        return Cat::kVerb;
      case Upos::kAdj:
        return Cat::kAdj;
      case Upos::kAdv:
        return Cat::kAdv;
      case Upos::kAdp:
      case Upos::kSconj:
        return Cat::kAdp;
      case Upos::kPart:
        return Cat::kPart;
      case Upos::kIntj:
        return Cat::kIntj;
      default:
        return Cat::kOther;
    }
  }

  bool HasChildRel(int h, std::initializer_list<std::string_view> bases) const {
    for (int c : kids_[h]) {
      if (excluded_[c]) continue;
      for (std::string_view b : bases) {
        if (Base(rel_[c]) == b) return true;
      }
    }
    return false;
  }
  bool HasSubject(int h) const {
    for (int c : kids_[h]) {
      const std::string_view b = Base(rel_[c]);
      if (b == "nsubj" || b == "csubj" || (b == "expl" && c < h)) return true;
    }
    return false;
  }
  bool HasLeftCase(int h) const {
    for (int c : kids_[h]) {
      if (c < h && Base(rel_[c]) == "case" && Xpos(c) != "POS") return true;
    }
    return false;
  }
  bool IsToMarker(int c) const {
    return Base(rel_[c]) == "mark" && (Xpos(c) == "TO" || Form(c) == "to" || Form(c) == "To");
  }
  bool IsNegation(int c) const {
    const std::string_view f = Form(c);
    return f == "not" || f == "n't" || f == "Not" || f == "never";
  }
  bool SubtreeHasWh(int c) const {
    for (int k = lo_[c]; k <= hi_[c]; ++k) {
      if (IsWhTag(Xpos(k))) return true;
    }
    return false;
  }

  // "The war is over, officials said.": UD hangs the trailing reporting clause
  // on the content as parataxis; PTB makes "said" the head of the sentence:
  // (S (S The war is over) (, ,) (NP officials) (VP said) (. .)). True for a
  // parataxis verb (or a conjunct without a coordinator) right of its head,
  // with a subject and no object or clausal
  // complement after it (a part of the content before it, which a parser may
  // hang on "said", is fine).
  bool IsReportingClause(int h, int c) const {
    const std::string_view rel = Base(rel_[c]);
    if (c < h || (rel != "parataxis" && rel != "conj") || CatOf(c) != Cat::kVerb) return false;
    if (!HasSubject(c)) return false;
    for (int k : kids_[c]) {
      const std::string_view b = Base(rel_[k]);
      if (b == "cc") return false;  // "X happened and officials said": coordination
      if (b == "obj" || b == "xcomp" || b == "iobj" || b == "aux" || b == "mark") return false;
      if (b == "ccomp" && k > c) return false;  // a fronted part of the content is fine
    }
    return true;
  }

  // The layer of conjunct c when it coordinates with its head.
  int ConjLayer(int c) const {
    if (HasSubject(c)) return kCoordS;
    if (CatOf(c) == Cat::kVerb || HasChildRel(c, {"aux", "cop"})) return kCoordVp;
    if (HasLeftCase(c)) return kCoordCase;
    return kCoordLow;
  }

  std::vector<Node> FlattenLeaves(int c) const {
    std::vector<Node> out;
    for (int k = lo_[c]; k <= hi_[c]; ++k) {
      if (!excluded_[k]) out.push_back(Leaf(k));
    }
    return out;
  }

  // Pulls punctuation (and, for conjuncts, coordinators) at the edges of c's
  // subtree up to the level of c's head: CoreNLP attaches them high.
  void PullEdges(int c, int owner_index, std::vector<Item>& items) {
    const bool conj = Base(rel_[c]) == "conj";
    auto pullable = [&](int k) {
      if (k == c || excluded_[k] || !kids_[k].empty()) return false;
      // Punctuation opening a clause goes up from any depth; otherwise only
      // the dependent's own ("(NP (NP X) (-LRB- -LRB-) (NP Y) (-RRB- -RRB-))").
      if (head_[k] != c && !(k < c && CatOf(c) == Cat::kVerb)) return false;
      const std::string_view b = Base(rel_[k]);
      if (IsPunct(k) && b == "punct") return true;
      return conj && b == "cc" && head_[k] == c;
    };
    for (int k = lo_[c]; k < c && pullable(k); ++k) {
      excluded_[k] = true;
      Item it;
      it.pos = k;
      it.owner = owner_index;
      it.punct = IsPunct(k);
      it.nodes.push_back(Leaf(k));
      items.push_back(std::move(it));
    }
    for (int k = hi_[c]; k > c && pullable(k); --k) {
      excluded_[k] = true;
      Item it;
      it.pos = k;
      it.owner = owner_index;
      it.punct = true;
      it.nodes.push_back(Leaf(k));
      items.push_back(std::move(it));
    }
  }

  // "UNICEF (the children's agency)": a dependent between brackets that were
  // pulled up with it becomes (PRN (-LRB- -LRB-) (NP ...) (-RRB- -RRB-)).
  static void WrapParenthetical(size_t owner, std::vector<Item>& items) {
    int open = -1, close = -1, pulled = 0;
    for (size_t i = owner + 1; i < items.size(); ++i) {
      if (items[i].owner != static_cast<int>(owner)) continue;
      ++pulled;
      if (items[i].nodes.size() != 1) continue;
      const std::string& tag = items[i].nodes[0].label;
      if (tag == "-LRB-" && items[i].pos < items[owner].pos) open = static_cast<int>(i);
      if (tag == "-RRB-" && items[i].pos > items[owner].pos) close = static_cast<int>(i);
    }
    // Only when the brackets are all that was pulled (else order would break).
    if (open < 0 || close < 0 || pulled != 2) return;
    Node prn;
    prn.label = "PRN";
    prn.kids.push_back(std::move(items[open].nodes[0]));
    for (Node& n : items[owner].nodes) prn.kids.push_back(std::move(n));
    prn.kids.push_back(std::move(items[close].nodes[0]));
    items[owner].nodes.clear();
    items[owner].nodes.push_back(std::move(prn));
    items[open].nodes.clear();
    items[close].nodes.clear();
  }

  // Preferred layer of dependent c of head h.
  int Pref(int h, int c, Cat cat, bool wh_dep, const std::vector<int>& aux_order) const {
    const bool left = c < h;
    const std::string_view rel = rel_[c];
    const std::string_view b = Base(rel);
    if (b == "punct") return kFollow;
    if (wh_dep) return kSbar;
    if (IsReportingClause(h, c)) return kReport;
    if (b == "conj") return ConjLayer(c);
    if (rel == "cc:preconj") {
      for (int k : kids_[h]) {
        if (Base(rel_[k]) == "conj") return ConjLayer(k);
      }
      return kCore;
    }
    if (b == "cc") {
      // UD v1 hangs coordinators on the first conjunct: follow the next conjunct.
      for (int k : kids_[h]) {
        if (k > c && Base(rel_[k]) == "conj") return ConjLayer(k);
      }
      return left ? kOutermost : kCore;
    }
    if (rel == "case:outer") return kCaseOuter;
    if (b == "case") {
      if (Xpos(c) == "POS" || !left) return kCore;
      return kCase;
    }
    if (b == "aux" || b == "cop") {
      if (!left) return kCore;
      for (size_t k = 0; k < aux_order.size(); ++k) {
        if (aux_order[k] == c) return kAux0 + std::min<int>(static_cast<int>(k), kMaxAux - 1);
      }
      return kAux0;
    }
    if (b == "mark") return IsToMarker(c) ? kTo : kSbar;
    if (b == "nsubj" || b == "csubj" || b == "expl") return left ? kClause : kCore;
    switch (cat) {
      case Cat::kNominal:
      case Cat::kNum:
      case Cat::kOther:
        if (left) {
          if (b == "det" || b == "amod" || b == "compound" || b == "nummod" || b == "nmod" ||
              b == "flat" || b == "fixed" || b == "advmod" || b == "acl" || b == "dep" ||
              b == "goeswith" || b == "appos" || b == "obl") {
            return (b == "obl" || (b == "advmod" && HasChildRel(h, {"cop"}))) ? kClause : kCore;
          }
          return kClause;
        }
        if (b == "compound" || b == "flat" || b == "fixed" || b == "goeswith" || b == "nummod" ||
            IsNameApposition(h, c)) {
          return kCore;
        }
        if (HasChildRel(h, {"cop"}) &&
            (b == "advcl" || b == "obl" || b == "ccomp" || b == "xcomp" || b == "parataxis")) {
          return kCore;
        }
        return kPost;
      case Cat::kAdj:
      case Cat::kAdv:
      case Cat::kAdp:
      case Cat::kPart:
      case Cat::kIntj:
        if (left) {
          if (b == "advmod" || b == "det" || b == "nummod" || b == "amod" || b == "compound" ||
              b == "obl" || b == "fixed" || b == "flat") {
            // Inside the predicate unless before its copula/auxiliaries or subject.
            const bool before_verb = !aux_order.empty() && (c < aux_order.front() || IsNegation(c));
            return (b == "obl" || before_verb) && b != "fixed" && b != "flat" ? kClause : kCore;
          }
          return kClause;
        }
        return kCore;
      case Cat::kVerb:
        if (left && b != "compound") {
          // "(SBAR (NP five years) (IN after) (S ...))", "(SBAR (RB just) (IN as) ...)".
          for (int k : kids_[h]) {
            if (k > c && k < h && Base(rel_[k]) == "mark" && !IsToMarker(k)) return kSbar;
          }
        }
        if (left) return b == "compound" ? kCore : kClause;
        return kCore;
    }
    return kCore;
  }

  // How dependent c of head h is rendered: leaves (function words, flattened
  // premodifiers) or a phrase.
  std::vector<Node> Render(int h, int c, Cat cat, bool wh_dep) {
    const std::string_view rel = rel_[c];
    const std::string_view b = Base(rel);
    const bool single = lo_[c] == hi_[c];
    const bool nominal_head = cat == Cat::kNominal || cat == Cat::kNum || cat == Cat::kOther;
    bool flatten = b == "punct" || b == "cc" || b == "case" || b == "aux" || b == "cop" ||
                   b == "mark" || b == "det" || b == "fixed" || b == "flat" || b == "goeswith";
    if (!flatten && b == "advmod" && single && IsNegation(c) && cat == Cat::kVerb) flatten = true;
    if (!flatten && nominal_head && c < h) {
      if (b == "compound" || b == "advmod") flatten = true;
      if (single && (b == "amod" || b == "nummod" || b == "nmod" || b == "dep")) flatten = true;
    }
    if (!flatten && nominal_head && c < h && b == "nummod" && !AllNumbers(c)) flatten = true;
    // "a UK-based group", "10-month", "Israeli-occupied": one word in CoreNLP's
    // trees, split by our tokenizer; kept flat inside the NP.
    if (!flatten && nominal_head && c < h && HasJoinedHyphen(c)) flatten = true;
    if (!flatten && nominal_head && c > h && b == "compound") flatten = true;
    if (!flatten && nominal_head && IsNameApposition(h, c)) flatten = true;
    if (!flatten && (b == "conj" || b == "cc") && flat_coord_) flatten = true;
    if (!flatten && (cat == Cat::kAdj || cat == Cat::kAdv) && c < h && single &&
        (b == "advmod" || b == "det" || b == "nummod" || b == "amod" || b == "compound")) {
      flatten = true;
    }
    if (flatten && !wh_dep) return FlattenLeaves(c);
    std::vector<Node> out;
    out.push_back(Build(c, wh_dep));
    if (IsReportingClause(h, c) && out[0].label == "S") {
      std::vector<Node> kids = std::move(out[0].kids);  // NP + VP join the outer S
      return kids;
    }
    // A nominal premodifier with its own premodifiers ("Dagolath's first
    // Deputy" before "Prime Minister Telemar") joins the flat NP, as in CoreNLP.
    if (nominal_head && c < h && !wh_dep && (b == "nmod" || b == "dep") && rel != "nmod:poss" &&
        IsBaseNp(out[0])) {
      std::vector<Node> kids = std::move(out[0].kids);
      return kids;
    }
    return out;
  }

  // "the news agency WFNA", "leader Calimehtar": an apposition with no
  // punctuation before it, made of proper nouns only, belongs to the flat NP.
  bool IsNameApposition(int h, int c) const {
    if (c < h || Base(rel_[c]) != "appos") return false;
    for (int k = h + 1; k < lo_[c]; ++k) {
      if (IsPunct(k)) return false;
    }
    for (int k = lo_[c]; k <= hi_[c]; ++k) {
      if (UposOf(k) != Upos::kPropn) return false;
    }
    return true;
  }

  // A hyphen written without spaces inside c's subtree ("UK-based").
  bool HasJoinedHyphen(int c) const {
    for (int k = lo_[c] + 1; k < hi_[c]; ++k) {
      if (IsPunct(k) && Form(k) == "-" && !Tok(k - 1).space_after && !Tok(k).space_after) {
        return true;
      }
    }
    return false;
  }

  bool AllNumbers(int c) const {
    for (int k = lo_[c]; k <= hi_[c]; ++k) {
      if (!excluded_[k] && UposOf(k) != Upos::kNum) return false;
    }
    return true;
  }

  // An NP whose children are words or possessive NPs "(NP (NNP X) (POS 's))".
  static bool IsBaseNp(const Node& node) {
    if (node.label != "NP") return false;
    for (const Node& k : node.kids) {
      if (k.token >= 0) continue;
      if (k.label == "NP" && !k.kids.empty() && k.kids.back().token >= 0 &&
          k.kids.back().label == "POS") {
        continue;
      }
      return false;
    }
    return true;
  }

  // "Gondor and Osgiliath", "Mordor, Rohan, Fornost and Bree": single-word
  // nominal conjuncts make one flat NP in CoreNLP's parses. True if h's
  // dependents are only conjuncts (each a subtree of bare nouns, coordinators
  // and commas), punctuation, a leading case marker and premodifiers.
  bool FlatCoordination(int h) const {
    // "political and military" -> (ADJP (JJ political) (CC and) (JJ military)).
    if (CatOf(h) == Cat::kAdj || CatOf(h) == Cat::kAdv) {
      bool any_conj = false;
      for (int c : kids_[h]) {
        if (excluded_[c]) continue;
        const std::string_view b = Base(rel_[c]);
        if (b == "punct" || (b == "cc" && c > h) || c < h) continue;  // left: other layers
        if (b != "conj" || UposOf(c) != UposOf(h)) return false;
        for (int k = lo_[c]; k <= hi_[c]; ++k) {
          const std::string_view kb = Base(rel_[k]);
          if (k != c && kb != "cc" && kb != "punct") return false;
        }
        any_conj = true;
      }
      return any_conj;
    }
    if (CatOf(h) != Cat::kNominal || UposOf(h) == Upos::kPron || UposOf(h) == Upos::kDet) {
      return false;
    }
    bool any_conj = false;
    for (int c : kids_[h]) {
      if (excluded_[c]) continue;
      const std::string_view b = Base(rel_[c]);
      if (b == "punct" || (b == "case" && c < h) || (b == "cc" && c > h)) continue;
      // Premodifiers of the first conjunct may be shared: "Danish media and
      // government" -> (NP (JJ Danish) (NNS media) (CC and) (NN government)).
      if (c < h && (b == "det" || b == "amod" || b == "compound" || b == "nummod" ||
                    rel_[c] == "nmod:poss")) {
        continue;
      }
      if (b != "conj" || c < h) return false;
      any_conj = true;
      for (int k = lo_[c]; k <= hi_[c]; ++k) {
        const std::string_view kb = Base(rel_[k]);
        if (k == c || kb == "cc" || kb == "punct") continue;
        if (kb != "conj") return false;
      }
      for (int k = lo_[c]; k <= hi_[c]; ++k) {
        const std::string_view kb = Base(rel_[k]);
        if (kb == "cc" || kb == "punct") continue;
        if (UposOf(k) != Upos::kPropn && UposOf(k) != Upos::kNoun) return false;
      }
    }
    return any_conj;
  }

  // "is about to restore": CoreNLP tags "about" IN and projects a VP.
  bool AboutTo(int h) const {
    if (Form(h) != "about") return false;
    bool cop = false, to_xcomp = false;
    for (int c : kids_[h]) {
      if (Base(rel_[c]) == "cop") cop = true;
      if (Base(rel_[c]) == "xcomp") {
        for (int k : kids_[c]) {
          if (IsToMarker(k)) to_xcomp = true;
        }
      }
    }
    return cop && to_xcomp;
  }

  std::string CoreLabel(int h, Cat cat) const {
    if (rel_[h] == "compound:prt") return "PRT";
    switch (cat) {
      case Cat::kNominal:
        return "NP";
      case Cat::kNum:
        return Base(rel_[h]) == "nummod" ? "QP" : "NP";
      case Cat::kVerb:
        return "VP";
      case Cat::kAdj:
        return "ADJP";
      case Cat::kAdv:
        return "ADVP";
      case Cat::kAdp:
        return "PP";
      case Cat::kPart:
        return rel_[h] == "compound:prt" || Xpos(h) == "RP" ? "PRT" : "ADVP";
      case Cat::kIntj:
        return "INTJ";
      case Cat::kOther:
        return "X";
    }
    return "X";
  }

  static std::string WhLabel(const std::string& label) {
    if (label == "NP" || label == "QP") return "WHNP";
    if (label == "ADVP") return "WHADVP";
    if (label == "PP") return "WHPP";
    if (label == "ADJP") return "WHADJP";
    return label;
  }

  Node Build(int h, bool wh) {
    const Cat cat = CatOf(h);
    const std::string_view rel = rel_[h];
    const std::string_view rb = Base(rel);

    // Auxiliaries left of the head, nearest first.
    std::vector<int> aux_order;
    for (auto it = kids_[h].rbegin(); it != kids_[h].rend(); ++it) {
      const int c = *it;
      const std::string_view b = Base(rel_[c]);
      if (c < h && !excluded_[c] && (b == "aux" || b == "cop") && !IsToMarker(c)) {
        aux_order.push_back(c);
      }
    }
    const bool clausal_context = rb == "root" || rb == "ccomp" || rb == "xcomp" || rb == "advcl" ||
                                 rb == "csubj" || rb == "parataxis" || rel == "acl:relcl" ||
                                 rb == "dep" || rb == "list";
    // The wh-phrase opening a relative or embedded clause.
    int wh_dep = -1;
    if (clausal_context && rb != "root") {
      for (int c : kids_[h]) {
        if (c > h) break;
        if (excluded_[c] || Base(rel_[c]) == "punct") continue;
        if (Base(rel_[c]) == "mark") break;
        if (SubtreeHasWh(c)) wh_dep = c;
        break;
      }
    }

    const bool saved_flat = flat_coord_;
    flat_coord_ = FlatCoordination(h);
    std::vector<Item> items;
    for (int c : kids_[h]) {
      if (excluded_[c]) continue;
      Item it;
      it.pos = c;
      it.punct = Base(rel_[c]) == "punct";
      it.layer = Pref(h, c, cat, c == wh_dep, aux_order);
      if (flat_coord_ && (Base(rel_[c]) == "conj" || Base(rel_[c]) == "cc")) it.layer = kCore;
      const size_t index = items.size();
      items.push_back(std::move(it));
      if (!items[index].punct) PullEdges(c, static_cast<int>(index), items);
      items[index].nodes = Render(h, c, cat, c == wh_dep);
      WrapParenthetical(index, items);
    }
    flat_coord_ = saved_flat;
    for (Item& it : items) {
      if (it.owner >= 0) it.layer = items[it.owner].layer;
    }
    std::vector<int> left, right;  // indices into items, nearest the head first
    for (size_t i = 0; i < items.size(); ++i) {
      (items[i].pos < h ? left : right).push_back(static_cast<int>(i));
    }
    std::sort(left.begin(), left.end(), [&](int a, int b) { return items[a].pos > items[b].pos; });
    std::sort(right.begin(), right.end(),
              [&](int a, int b) { return items[a].pos < items[b].pos; });
    for (std::vector<int>* side : {&left, &right}) {
      std::vector<int>& v = *side;
      // Punctuation follows the next dependent farther out.
      for (int i = static_cast<int>(v.size()) - 1, next = kOutermost; i >= 0; --i) {
        Item& it = items[v[i]];
        if (it.layer == kFollow) {
          it.layer = next;
        } else {
          next = it.layer;
        }
      }
      // Nearer dependents never sit in a higher layer than farther ones.
      for (int i = static_cast<int>(v.size()) - 2; i >= 0; --i) {
        items[v[i]].layer = std::min(items[v[i]].layer, items[v[i + 1]].layer);
      }
    }

    std::array<bool, kNumLayers> present{};
    present[kCore] = true;
    const bool predicate = cat == Cat::kVerb || !aux_order.empty() || HasSubject(h);
    if (predicate && (HasSubject(h) || clausal_context ||
                      (rb == "acl" && HasChildRel(h, {"mark"}) && rel != "acl:relcl"))) {
      present[kClause] = true;
    }
    if (rel == "acl:relcl") {
      present[kClause] = true;
      present[kSbar] = true;
    }
    if (rb == "ccomp" && predicate && HasSubject(h) && head_[h] >= 0 && head_[h] < h) {
      present[kSbar] = true;
    }
    int outermost = kCore;
    for (const Item& it : items) {
      if (it.layer < kNumLayers) present[it.layer] = true;
    }
    for (int l = 0; l < kNumLayers; ++l) {
      if (present[l]) outermost = l;
    }
    for (Item& it : items) {
      if (it.layer >= kNumLayers) it.layer = outermost;
    }

    std::vector<Node> layer_left[kNumLayers];
    std::vector<Node> layer_right[kNumLayers];
    // Left items from farthest to nearest so each layer's list is in order.
    for (auto it = left.rbegin(); it != left.rend(); ++it) {
      for (Node& n : items[*it].nodes) layer_left[items[*it].layer].push_back(std::move(n));
    }
    for (int i : right) {
      for (Node& n : items[i].nodes) layer_right[items[i].layer].push_back(std::move(n));
    }

    Node node;
    node.label = CoreLabel(h, cat);
    node.kids = std::move(layer_left[kCore]);
    if (AboutTo(h)) {
      node.label = "VP";
      node.kids.push_back(Node{"IN", h, {}});
    } else {
      node.kids.push_back(Leaf(h));
    }
    for (Node& n : layer_right[kCore]) node.kids.push_back(std::move(n));
    for (int l = kPost; l < kNumLayers; ++l) {
      if (!present[l]) continue;
      std::string label;
      if (l == kPost) {
        label = "NP";
      } else if (l == kCase || l == kCaseOuter) {
        label = "PP";
      } else if ((l >= kAux0 && l < kAux0 + kMaxAux) || l == kTo) {
        label = "VP";
      } else if (l == kClause) {
        label = "S";
      } else if (l == kReport) {
        label = "S";
      } else if (l == kSbar) {
        label = "SBAR";
      } else {
        label = node.label;  // coordination: like its first conjunct
      }
      Node outer;
      outer.label = std::move(label);
      outer.kids = std::move(layer_left[l]);
      outer.kids.push_back(std::move(node));
      for (Node& n : layer_right[l]) outer.kids.push_back(std::move(n));
      node = std::move(outer);
    }
    if (wh) node.label = WhLabel(node.label);
    return node;
  }

  const Document& doc_;
  uint32_t begin_;
  int n_ = 0;
  int root_ = 0;
  std::vector<std::string> xpos_;
  std::vector<int> head_;  // sentence-relative, -1 = root
  std::vector<std::string> rel_;
  std::vector<std::vector<int>> kids_;
  std::vector<int> lo_, hi_;  // subtree spans (projective after Prepare)
  std::vector<bool> excluded_;
  bool flat_coord_ = false;  // while rendering the dependents of a flat coordination
  ConversionNotes notes_;
};

}  // namespace

std::string PennTag(const Document& doc, const Token& token) {
  if (!token.xpos.empty() && token.xpos != "_") return token.xpos;
  switch (token.upos) {
    case Upos::kAdj:
      return "JJ";
    case Upos::kAdp:
      return "IN";
    case Upos::kAdv:
      return "RB";
    case Upos::kAux:
      return "VB";
    case Upos::kCconj:
      return "CC";
    case Upos::kDet:
      return "DT";
    case Upos::kIntj:
      return "UH";
    case Upos::kNoun:
      return "NN";
    case Upos::kNum:
      return "CD";
    case Upos::kPart: {
      const std::string_view f = doc.Form(token);
      if (f == "'s" || f == "'" || f == "’s" || f == "’") return "POS";
      if (f == "not" || f == "n't" || f == "Not") return "RB";
      return f == "to" || f == "To" ? "TO" : "RP";
    }
    case Upos::kPron:
      return "PRP";
    case Upos::kPropn:
      return "NNP";
    case Upos::kPunct: {
      const std::string_view f = doc.Form(token);
      if (f == ",") return ",";
      if (f == "." || f == "?" || f == "!") return ".";
      if (f == "(") return "-LRB-";
      if (f == ")") return "-RRB-";
      if (f == "\"" || f == "``") return "``";
      return ":";
    }
    case Upos::kSconj:
      return "IN";
    case Upos::kSym:
      return "SYM";
    case Upos::kVerb:
      return "VB";
    case Upos::kX:
      return "FW";
    default:
      return "XX";
  }
}

std::string ToPtb(const Document& doc, uint32_t sentence_index) {
  return ToPtb(doc, sentence_index, nullptr);
}

std::string ToPtb(const Document& doc, uint32_t sentence_index, ConversionNotes* notes) {
  if (notes != nullptr) *notes = ConversionNotes();
  if (sentence_index >= doc.sentences.size()) return "(ROOT (FRAG))";
  const Sentence& s = doc.sentences[sentence_index];
  if (s.token_end > doc.tokens.size() || s.token_begin > s.token_end) return "(ROOT (FRAG))";
  Converter conv(doc, s);
  std::string out = conv.Run();
  if (notes != nullptr) *notes = conv.notes();
  return out;
}

}  // namespace sitrep::treeconv
