#include "attribution/attribution.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "core/strings.h"

namespace sitrep::attribution {
namespace {

constexpr uint32_t kNo = UINT32_MAX;

bool In(std::string_view w, std::initializer_list<std::string_view> list) {
  for (std::string_view x : list) {
    if (w == x) return true;
  }
  return false;
}
template <size_t N>
bool In(std::string_view w, const std::string_view (&list)[N]) {
  for (std::string_view x : list) {
    if (w == x) return true;
  }
  return false;
}

// Speech and report verbs: the clause they govern is said by their subject.
constexpr std::string_view kSpeech[] = {
    "say",   "tell",    "announce",    "state",   "add",     "report",    "claim",     "confirm",
    "note",  "insist",  "stress",      "declare", "explain", "write",     "reiterate", "assert",
    "tweet", "testify", "allege",      "suggest", "argue",   "disclose",  "comment",   "reveal",
    "deny",  "admit",   "acknowledge", "post",    "publish", "broadcast", "inform",    "quote",
    "warn",  "believe", "think",       "suspect", "refute",  "maintain",  "contend",   "recount"};
constexpr std::string_view kDeny[] = {"deny", "refute"};
// Denials only of a report noun: "dismissed reports that ...".
constexpr std::string_view kDenyReport[] = {"reject", "dismiss", "deny", "refute"};
constexpr std::string_view kClaimVerbs[] = {"claim", "admit", "acknowledge"};
constexpr std::string_view kConfirm[] = {"confirm", "verify", "corroborate", "substantiate",
                                         "authenticate"};
constexpr std::string_view kBelief[] = {"believe", "think", "suspect", "presume"};
constexpr std::string_view kSeem[] = {"appear", "seem"};
constexpr std::string_view kUnclear[] = {"unclear", "unknown", "uncertain"};
constexpr std::string_view kUnable[] = {"unable", "impossible", "fail", "difficult"};
constexpr std::string_view kHedgeAdv[] = {"reportedly",  "allegedly", "purportedly", "apparently",
                                          "supposedly",  "seemingly", "possibly",    "presumably",
                                          "unconfirmed", "unverified"};
constexpr std::string_view kHedgeAmod[] = {"alleged",  "suspected",   "purported",
                                           "apparent", "unconfirmed", "unverified",
                                           "possible", "presumed",    "unverifiable"};
constexpr std::string_view kReportNoun[] = {
    "report",  "claim",       "statement",    "account",  "allegation", "rumor",
    "rumour",  "assertion",   "announcement", "footage",  "video",      "communique",
    "message", "information", "figure",       "toll",     "detail",     "number",
    "it",      "this",        "that",         "these",    "they",       "picture",
    "image",   "photo",       "death",        "casualty", "claims"};
// Nouns that carry a report of their own: "a statement from the ministry",
// "the army's claim that ...".
constexpr std::string_view kFrameNoun[] = {"report",     "claim",      "statement",    "account",
                                           "allegation", "assertion",  "announcement", "communique",
                                           "message",    "accusation", "charge"};
// Times besides weekdays and months (IsTimeWord).
constexpr std::string_view kTimeWords[] = {"today",     "yesterday", "tonight", "morning",
                                           "afternoon", "evening",   "night",   "week",
                                           "month",     "year",      "weekend"};
bool IsTimeWord(std::string_view lemma) {
  return In(lemma, kTimeWords) || WeekdayIndex(lemma) >= 0 || MonthIndex(lemma) != 0;
}
// Nouns of "..., a claim X denied" (the reporter's comment on a claim).
constexpr std::string_view kClaimNoun[] = {"claim",  "report",     "allegation",
                                           "charge", "accusation", "assertion"};
constexpr std::string_view kNeg[] = {"not", "n't", "never", "no", "nor"};

// A sentence's parse: children lists and lower-cased lemmas.
class View {
 public:
  View(const Document& doc, const Sentence& s) : doc_(&doc), s_(&s) {
    const uint32_t n = s.token_end - s.token_begin;
    kids_.resize(n);
    lem_.resize(n);
    owned_.reserve(n);  // never reallocates: lem_ may point into it
    for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
      const Token& tok = doc.tokens[t];
      std::string_view l = tok.lemma.empty() ? doc.Form(tok) : std::string_view(tok.lemma);
      bool upper = false;
      for (char c : l) upper = upper || (c >= 'A' && c <= 'Z');
      if (upper) {  // lower-cased copy only where needed
        std::string& o = owned_.emplace_back(l);
        for (char& c : o) {
          if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        }
        l = o;
      }
      lem_[t - s.token_begin] = l;
      uint32_t h = Head(t);
      if (h != kNo) kids_[h - s.token_begin].push_back(t);
    }
    // ", (a) claim": where a reporter's comment on a claim may start.
    for (uint32_t t = s.token_begin + 1; t < s.token_end; ++t) {
      if (!In(Lemma(t), kClaimNoun)) continue;
      uint32_t before = t - 1;
      if (Pos(before) == Upos::kDet && before > s.token_begin) --before;
      if (Form(before) == ",") claim_anchors_.push_back(t);
    }
  }
  const std::vector<uint32_t>& claim_anchors() const { return claim_anchors_; }
  const Sentence& sentence() const { return *s_; }
  const Document& doc() const { return *doc_; }
  bool Contains(uint32_t t) const { return t >= s_->token_begin && t < s_->token_end; }
  // Document index of t's head; kNo for the root or a head outside the sentence.
  uint32_t Head(uint32_t t) const {
    int32_t h = doc_->tokens[t].head;
    if (h <= 0) return kNo;
    uint64_t x = static_cast<uint64_t>(s_->token_begin) + static_cast<uint64_t>(h) - 1;
    return x < s_->token_end && x != t ? static_cast<uint32_t>(x) : kNo;
  }
  // The relation without its subtype: "nsubj" for "nsubj:pass".
  std::string_view Base(uint32_t t) const {
    std::string_view r = doc_->tokens[t].deprel;
    return r.substr(0, r.find(':'));
  }
  std::string_view Rel(uint32_t t) const { return doc_->tokens[t].deprel; }
  std::string_view Lemma(uint32_t t) const { return lem_[t - s_->token_begin]; }
  Upos Pos(uint32_t t) const { return doc_->tokens[t].upos; }
  std::string_view Form(uint32_t t) const { return doc_->Form(doc_->tokens[t]); }
  const std::vector<uint32_t>& Kids(uint32_t t) const { return kids_[t - s_->token_begin]; }
  // First child with exactly this relation, kNo if none.
  uint32_t Child(uint32_t t, std::string_view rel) const {
    for (uint32_t c : Kids(t)) {
      if (Rel(c) == rel) return c;
    }
    return kNo;
  }
  bool HasNeg(uint32_t t) const {
    for (uint32_t c : Kids(t)) {
      if ((Base(c) == "advmod" || Base(c) == "det" || Base(c) == "neg") && In(Lemma(c), kNeg))
        return true;
    }
    return false;
  }
  bool IsVerbal(uint32_t t) const { return Pos(t) == Upos::kVerb || Pos(t) == Upos::kAux; }
  // Leftmost and rightmost token of t's subtree.
  void Subtree(uint32_t t, uint32_t* lo, uint32_t* hi, int depth = 0) const {
    *lo = std::min(*lo, t);
    *hi = std::max(*hi, t);
    if (depth > 64) return;
    for (uint32_t c : Kids(t)) Subtree(c, lo, hi, depth + 1);
  }
  bool Dominates(uint32_t top, uint32_t t) const {
    for (uint32_t i = 0; t != kNo && i <= s_->size(); ++i, t = Head(t)) {
      if (t == top) return true;
    }
    return false;
  }

 private:
  const Document* doc_;
  const Sentence* s_;
  std::vector<std::vector<uint32_t>> kids_;
  std::vector<std::string_view> lem_;  // lower-cased lemmas (into doc or owned_)
  std::vector<std::string> owned_;
  std::vector<uint32_t> claim_anchors_;
};

bool IsPunct(const View& v, uint32_t t) { return v.Pos(t) == Upos::kPunct; }

// A word that can be part of a source's noun phrase: "the UK-based Syrian
// Observatory for Human Rights (SOHR)", "state TV", "a military officer and
// residents".
bool NpWord(const View& v, uint32_t t) {
  Upos u = v.Pos(t);
  std::string_view f = v.Form(t);
  if (u == Upos::kDet || u == Upos::kAdj || u == Upos::kNoun || u == Upos::kPropn ||
      u == Upos::kNum || u == Upos::kPart || u == Upos::kCconj)
    return true;
  if (u == Upos::kPunct) return f != "," && f != "\"" && f != "''" && f != "\xE2\x80\x9D";
  if (u == Upos::kAdp) return In(v.Lemma(t), {"of", "for", "in"});
  if (u == Upos::kVerb) {
    // "UK-based", "state" (tagged as a verb before "media"), "armed".
    if (v.Base(t) == "amod" || v.Base(t) == "compound") return true;
    if (t > v.sentence().token_begin && v.Form(t - 1) == "-") return true;
    if (v.Lemma(t) == "state" && t + 1 < v.sentence().token_end &&
        (v.Pos(t + 1) == Upos::kNoun || v.Pos(t + 1) == Upos::kPropn))
      return true;
  }
  return false;
}

// A speech verb: "said", "reported", "told"; not "state" in "state media
// reported" tagged as a verb.
bool Speech(const View& v, uint32_t t) {
  if (!v.IsVerbal(t) || !In(v.Lemma(t), kSpeech)) return false;
  // "nine suspects", "the suspect" tagged as verbs.
  if (v.Lemma(t) == "suspect" && t > v.sentence().token_begin) {
    Upos b = v.Pos(t - 1);
    if (b == Upos::kNum || b == Upos::kDet || b == Upos::kAdj) return false;
  }
  if (v.Lemma(t) == "state" && t + 1 < v.sentence().token_end) {
    Upos n = v.Pos(t + 1);
    if (n == Upos::kNoun || n == Upos::kPropn || n == Upos::kAdj) return false;
  }
  return true;
}

// Has t a passive auxiliary or subject: "it was reported", "is believed to".
bool Passive(const View& v, uint32_t t) {
  for (uint32_t c : v.Kids(t)) {
    if (v.Rel(c) == "aux:pass" || v.Rel(c) == "nsubj:pass" || v.Base(c) == "expl") return true;
  }
  return false;
}

struct Frame {
  bool found = false;
  uint32_t sentence = 0;
  uint32_t cue_begin = kNo, cue_end = kNo;  // tokens
  uint32_t src_begin = kNo, src_end = kNo;  // tokens; kNo = no source
  uint32_t src_head = kNo;
  int32_t mention = -1;
  std::string lemma;  // the frame word's lemma
  bool deny = false;
  bool hedge = false;           // "could not confirm", "believe", no source
  bool responsibility = false;  // "claimed responsibility for"
  bool has_source() const { return src_begin != kNo && src_end > src_begin; }
};

struct Hedge {
  bool found = false;
  uint32_t cue_begin = kNo, cue_end = kNo;
  void Set(uint32_t b, uint32_t e) {
    if (found) return;
    found = true;
    cue_begin = b;
    cue_end = e;
  }
};

// The source phrase of noun `n`: its subtree up to the first comma after the
// head, without leading case words ("according to", "from") and edge punctuation.
void SetSource(const View& v, uint32_t n, uint32_t skip_through, Frame* f) {
  uint32_t lo = n, hi = n;
  v.Subtree(n, &lo, &hi);
  if (skip_through != kNo && skip_through >= lo) lo = skip_through + 1;
  for (uint32_t c : v.Kids(n)) {
    // "President Pinera on Sunday said": the date is not the source.
    if (c > n && (v.Base(c) == "nmod" || v.Base(c) == "obl") && IsTimeWord(v.Lemma(c))) {
      uint32_t clo = c, chi = c;
      v.Subtree(c, &clo, &chi);
      if (clo > n) hi = std::min(hi, clo - 1);
    }
    if (c > n && v.Rel(c) == "acl:relcl") {  // "a student [who said ...]"
      uint32_t clo = c, chi = c;
      v.Subtree(c, &clo, &chi);
      if (clo > n) hi = std::min(hi, clo - 1);
    }
  }
  for (uint32_t t = n + 1; t <= hi; ++t) {
    if (v.Form(t) == "," || v.Form(t) == "(" || v.Form(t) == "--") {
      hi = t - 1;
      break;
    }
  }
  while (lo < n && (IsPunct(v, lo) || v.Base(lo) == "case" || v.Base(lo) == "mark" ||
                    v.Base(lo) == "fixed" || v.Lemma(lo) == "according"))
    ++lo;
  while (hi > n && (IsPunct(v, hi) || In(v.Lemma(hi), {"who", "that", "which"}))) --hi;
  if (lo > n) lo = n;
  f->src_begin = lo;
  f->src_end = hi + 1;
  f->src_head = n;
}

bool IsExpletive(const View& v, uint32_t t) {
  return v.Base(t) == "expl" || v.Lemma(t) == "there" ||
         (v.Lemma(t) == "it" && v.Rel(t) == "nsubj:pass");
}

// Does c have a `case` child among these words ("by" of "reports by X")?
bool HasCase(const View& v, uint32_t c, std::initializer_list<std::string_view> words) {
  for (uint32_t k : v.Kids(c)) {
    if (v.Base(k) == "case" && In(v.Lemma(k), words)) return true;
  }
  return false;
}

// A report noun's own source: "the army's statement", "a statement from the
// ministry", "reports by state media". kNo if none.
uint32_t NounSource(const View& v, uint32_t n) {
  for (uint32_t c : v.Kids(n)) {
    if (v.Rel(c) == "nmod:poss" && v.Pos(c) != Upos::kPron) return c;
    if (v.Base(c) == "nmod" && HasCase(v, c, {"from", "by", "of"})) return c;
  }
  return kNo;
}

// Negated confirmation: "could not (independently) confirm", "was unable to
// verify", "it was not possible to verify". Sets the cue span.
bool NegatedConfirm(const View& v, uint32_t t, uint32_t* cue_begin) {
  if (!In(v.Lemma(t), kConfirm)) return false;
  uint32_t b = t;
  bool neg = false;
  for (uint32_t c : v.Kids(t)) {
    if (c < t && (v.Base(c) == "aux" || v.Base(c) == "advmod")) {
      b = std::min(b, c);
      if (In(v.Lemma(c), kNeg)) neg = true;
    }
  }
  uint32_t h = v.Head(t);
  if (!neg && h != kNo && (v.Base(t) == "xcomp" || v.Base(t) == "csubj" || v.Base(t) == "ccomp")) {
    if (In(v.Lemma(h), kUnable) || (v.Lemma(h) == "possible" && v.HasNeg(h))) {
      neg = true;
      b = std::min(b, h);
    }
  }
  if (neg) *cue_begin = b;
  return neg;
}

// "claimed responsibility for (attacking) ..."
bool ResponsibilityObj(const View& v, uint32_t w) {
  for (uint32_t c : v.Kids(w)) {
    if (v.Base(c) == "obj" && In(v.Lemma(c), {"responsibility", "credit"})) return true;
  }
  return false;
}

// "claimed responsibility for an attack": the act, a "for" phrase of the
// claim verb `p` (the coder codes it as its own event).
bool ClaimedAct(const View& v, uint32_t x, uint32_t p) {
  return v.Base(x) == "obl" && HasCase(v, x, {"for"}) && ResponsibilityObj(v, p);
}

// Does the conjunct w share the subject of h? "X said ... and denied ...",
// "a report released on Tuesday alleged ..." yes; "Taliban militants attacked
// ..., a police spokesman, told dpa" (a clause after a comma with no "and"
// and a verb that is not speech) no.
bool SharesSubject(const View& v, uint32_t w, uint32_t h) {
  if (Speech(v, h)) return true;
  for (uint32_t c : v.Kids(w)) {
    if (v.Base(c) == "cc") return true;
  }
  for (uint32_t t = std::min(w, h) + 1; t < std::max(w, h); ++t) {
    if (v.Form(t) == ",") return false;
  }
  return true;  // "a report released on Tuesday alleged that ..."
}

// The speaker among w's subjects. The parser sometimes hangs two: "Ukrainian
// troops repelled ..., the General Staff said" (take the nearer) and "The
// Observatory, a UK-based group that tracks the war, said" (the nearer is an
// apposition between commas right after the first: take the first).
uint32_t NearestSubject(const View& v, uint32_t w) {
  uint32_t far = kNo, near = kNo, any = kNo;
  for (uint32_t c : v.Kids(w)) {
    if (v.Rel(c) != "nsubj") continue;
    if (any == kNo) any = c;
    if (c > w) continue;
    if (far == kNo || c < far) far = c;
    if (near == kNo || c > near) near = c;
  }
  if (far == kNo) {
    // Only inverted speech has its subject after the verb: '..., said Lt.
    // Col. X', '"...," said X' — not "the Authority said the aircraft declared".
    if (any == kNo || w == v.sentence().token_begin) return any;
    std::string_view before = v.Form(w - 1);
    bool inverted = before == "," || before == "\"" || before == "''" || before == "\xE2\x80\x9D" ||
                    before == ":";
    return inverted ? any : kNo;
  }
  if (far == near) return far;
  // Words of a subtree without edge punctuation.
  auto span = [&](uint32_t c, uint32_t* a, uint32_t* b) {
    *a = c;
    *b = c;
    v.Subtree(c, a, b);
    while (*a < c && IsPunct(v, *a)) ++*a;
    while (*b > c && IsPunct(v, *b)) --*b;
  };
  uint32_t fa, fb, na, nb;
  span(far, &fa, &fb);
  span(near, &na, &nb);
  bool apposition = na >= 2 && fb + 2 == na && v.Form(na - 1) == "," && nb + 1 < w;
  for (uint32_t t = nb + 1; apposition && t < w; ++t) apposition = v.Form(t) == ",";
  return apposition ? far : near;
}

// The noun phrase (with at most one apposition) between a comma or the
// sentence start and the verb w: ", the General Staff of the armed forces
// said", ", Mahfoozullah Akbari, a spokesman for Kunduz police, told dpa",
// ", state-owned Somali National TV (SNTV) has reported". [*b, *e) tokens.
bool NpBeforeVerb(const View& v, uint32_t w, uint32_t* b_out, uint32_t* e_out) {
  const uint32_t sb = v.sentence().token_begin;
  uint32_t end = w;
  while (end > sb && v.Pos(end - 1) == Upos::kAux && v.Lemma(end - 1) == "have") --end;
  if (end > sb && v.Form(end - 1) == ",") --end;
  auto np_back = [&](uint32_t from) {
    uint32_t b = from;
    while (b > sb) {
      uint32_t t = b - 1;
      Upos u = v.Pos(t);
      if (!NpWord(v, t) || u == Upos::kCconj || v.Lemma(t) == "in") break;
      b = t;
    }
    return b;
  };
  uint32_t b = np_back(end);
  const bool apposition = end < w && v.Form(end) == ",";
  if (apposition && b < end && b > sb + 1 && v.Form(b - 1) == ",") {
    uint32_t b2 = np_back(b - 1);  // the name before the apposition
    if (b2 < b - 1 && (b2 == sb || v.Form(b2 - 1) == ",")) b = b2;
  } else if (apposition && !(b < end && (b == sb || v.Form(b - 1) == ","))) {
    return false;
  }
  bool after_comma = b < end && (b == sb || v.Form(b - 1) == "," || v.Form(b - 1) == "\"" ||
                                 v.Form(b - 1) == "\xE2\x80\x9D");
  if (!after_comma || v.Pos(b) == Upos::kAdp) return false;
  *b_out = b;
  *e_out = end;
  return true;
}

// The frame a speech verb (or "according", or a report noun) makes.
bool BuildFrame(const View& v, uint32_t w, Frame* f, int depth = 0) {
  *f = Frame();
  f->lemma = v.Lemma(w);
  f->cue_begin = w;
  f->cue_end = w + 1;
  if (f->lemma == "according" || f->lemma == "accord") {
    uint32_t x = v.Head(w);
    if (x == kNo) return false;
    uint32_t skip = w;
    if (w + 1 < v.sentence().token_end && v.Lemma(w + 1) == "to") {
      f->cue_end = w + 2;
      skip = w + 1;
    }
    uint32_t n = x;
    if (In(v.Lemma(x), kFrameNoun)) {
      uint32_t y = NounSource(v, x);
      if (y != kNo) n = y;
    }
    SetSource(v, n, n == x ? skip : kNo, f);
    f->found = true;
    return true;
  }
  if (!v.IsVerbal(w)) {
    // A statement noun: "in a statement, the ministry said" is found through
    // the verb; here "the army's statement that ...", "a statement by X".
    uint32_t y = NounSource(v, w);
    if (y == kNo) {
      uint32_t h = v.Head(w);
      if (h != kNo && v.Base(w) == "obl" && In(v.Lemma(h), kSpeech)) return BuildFrame(v, h, f);
      return false;
    }
    SetSource(v, y, kNo, f);
    f->found = true;
    return true;
  }
  f->deny = In(f->lemma, kDeny);
  uint32_t cue_b = w;
  if (NegatedConfirm(v, w, &cue_b)) {
    f->hedge = true;
    f->cue_begin = cue_b;
    f->found = true;
    return true;  // nobody vouches for it: no source
  }
  f->responsibility = ResponsibilityObj(v, w);
  // The subject nearest before the verb: "Ukrainian troops repelled ..., the
  // General Staff said" parsed with two subjects.
  uint32_t subj = NearestSubject(v, w);
  if (subj != kNo && IsExpletive(v, subj)) subj = kNo;
  if (f->lemma == "quote") {
    // "Hawar news quoted the military council as reporting that ...": the
    // quoted party speaks.
    for (uint32_t c : v.Kids(w)) {
      std::string_view r = v.Base(c);
      if ((r == "advcl" || r == "xcomp") && Speech(v, c) && v.Child(w, "obj") != kNo)
        subj = v.Child(w, "obj");
    }
  }
  if (subj != kNo && In(v.Lemma(subj), {"who", "that", "which"}) && v.Rel(w) == "acl:relcl" &&
      v.Head(w) != kNo)
    subj = v.Head(w);  // "a student who said ...", "a group that says ..."
  if (subj == kNo) {
    uint32_t h = v.Head(w);
    if (h != kNo && v.Lemma(h) == "quote" && (v.Base(w) == "advcl" || v.Base(w) == "xcomp")) {
      // "the ministry quoted the commander as saying" / "the commander was
      // quoted as saying".
      subj = v.Child(h, "obj");
      if (subj == kNo) subj = v.Child(h, "nsubj:pass");
    } else if (h != kNo && ((v.Base(w) == "conj" && SharesSubject(v, w, h)) ||
                            v.Base(w) == "advcl" || v.Base(w) == "xcomp")) {
      // A shared or controlling subject: "X said ... and added that ...", "a
      // report released on Tuesday alleged that ...", "the Taliban claimed
      // responsibility, saying that ...".
      subj = NearestSubject(v, h);
    }
  }
  if (subj == kNo) {
    // "was reported by state media"
    for (uint32_t c : v.Kids(w)) {
      if (v.Rel(c) == "obl:agent") subj = c;
    }
  }
  if (subj == kNo && depth < 3) {
    uint32_t h = v.Head(w);
    std::string_view r = v.Base(w);
    if (h != kNo && ((r == "conj" && SharesSubject(v, w, h)) || r == "advcl" || r == "xcomp")) {
      // The controller's source, however it was found: "the General Staff
      // said, adding that ...".
      Frame hf;
      if (v.IsVerbal(h) && BuildFrame(v, h, &hf, depth + 1) && hf.has_source()) {
        f->src_begin = hf.src_begin;
        f->src_end = hf.src_end;
        f->src_head = hf.src_head;
      } else if (r == "conj" && SharesSubject(v, w, h)) {
        // "X said ... and denied ..." with "denied" hung on a noun: the
        // nearest earlier speech verb with a subject.
        for (uint32_t t = w; t-- > v.sentence().token_begin;) {
          if (Speech(v, t) && v.Child(t, "nsubj") != kNo && BuildFrame(v, t, &hf, depth + 1) &&
              hf.has_source()) {
            f->src_begin = hf.src_begin;
            f->src_end = hf.src_end;
            f->src_head = hf.src_head;
            break;
          }
        }
      }
    }
  }
  // "<clause>, officials said": the noun phrase right before the verb is the
  // speaker, whatever the parse made the subject ("more than 1,300 buildings,
  // officials said" with "buildings" as the subject).
  uint32_t np_b = kNo, np_e = kNo;
  if (!Passive(v, w) && NpBeforeVerb(v, w, &np_b, &np_e) &&
      (subj == kNo ? !f->has_source()
                   : subj < np_b && v.Form(np_b - 1) == "," && v.Form(np_e) != ",")) {
    subj = kNo;
    f->src_begin = np_b;
    f->src_end = np_e;
    f->src_head = np_e - 1;
    for (uint32_t t = np_b; t < np_e; ++t) {
      if (v.Pos(t) == Upos::kAdp) {
        f->src_head = t > np_b ? t - 1 : np_b;
        break;
      }
    }
  }
  if (subj != kNo) {
    SetSource(v, subj, kNo, f);
    // "State news agency SANA said" parsed with two adjacent subjects.
    for (uint32_t c : v.Kids(w)) {
      if (c == subj || v.Rel(c) != "nsubj" || v.Pos(c) == Upos::kPron) continue;
      uint32_t lo = c, hi = c;
      v.Subtree(c, &lo, &hi);
      while (lo < c && IsPunct(v, lo)) ++lo;
      bool plain = true;  // a bare name or noun phrase, no clause or comma
      for (uint32_t t = lo; t <= hi; ++t) plain = plain && !IsPunct(v, t) && !v.IsVerbal(t);
      if (!plain) continue;
      if (hi + 1 == f->src_begin) f->src_begin = lo;
      if (lo == f->src_end) {
        f->src_end = hi + 1;
        f->src_head = c;
      }
    }
  }
  if (In(f->lemma, kBelief)) f->hedge = true;
  if (subj != kNo) {
    for (uint32_t c : v.Kids(subj)) {
      if (v.Base(c) == "amod" && In(v.Lemma(c), kHedgeAmod)) {
        f->hedge = true;  // "unconfirmed reports said"
        f->cue_begin = c;
        f->cue_end = c + 1;
      }
    }
  }
  if (!f->has_source()) {
    // "it was reported that ...": an anonymous report hedges. A subjectless
    // participle whose source was lost ("..., adding that") makes no frame.
    if (!Passive(v, w)) return false;
    // "has been confirmed killed" is the reporter's own confirmation.
    if (In(f->lemma, kConfirm) || f->lemma == "acknowledge") return false;
    f->hedge = true;
  }
  f->found = true;
  return true;
}

// Does the clause of `c` open with "a claim ..." after a comma: "..., a claim
// Moscow's defence ministry denied" parsed as a clause of its own? Such a
// comment on a claim is the reporter's voice.
bool ClaimComment(const View& v, uint32_t c) {
  for (uint32_t t : v.claim_anchors()) {
    if (t < c && v.Dominates(c, t)) return true;
  }
  return false;
}

// "..., while Brazilian news media say gunmen attacked a bar" parsed with
// "say" as an adverbial clause under "attacked": a speech verb with a subject
// of its own and no complement of its own.
bool InvertedStatement(const View& v, uint32_t c) {
  if (!(v.Base(c) == "advcl" && Speech(v, c) && v.Child(c, "nsubj") != kNo &&
        v.Child(c, "ccomp") == kNo && v.Child(c, "obj") == kNo && v.Child(c, "parataxis") == kNo))
    return false;
  for (uint32_t k : v.Kids(c)) {  // "while ... say"
    if (v.Base(k) == "mark" && In(v.Lemma(k), {"while", "whereas", "as"})) return true;
  }
  return false;
}

// Would the parataxis/conj speech verb `c` hanging on `x` report x's clause?
// "X attacked Y, police said".
bool SideSpeech(const View& v, uint32_t x, uint32_t c) {
  if (!Speech(v, c) || ClaimComment(v, c)) return false;
  // "new farm bills, which they say will ...": a relative aside, not a frame.
  for (uint32_t k : v.Kids(c)) {
    if (k < c && In(v.Lemma(k), {"which", "who", "whom"})) return false;
  }
  std::string_view r = v.Base(c);
  if (r == "parataxis") return true;
  if (InvertedStatement(v, c)) return true;
  // A ccomp or conj after a comma or quote: "X attacked Y, police said"
  // misparsed; not the complement of a speech verb ("said the aircraft
  // declared ...").
  if ((r == "ccomp" || (r == "conj" && v.Child(c, "cc") == kNo)) && c > x) {
    for (uint32_t t = x + 1; t < c; ++t) {
      std::string_view f = v.Form(t);
      if (f == "," || f == "\"" || f == "''" || f == "\xE2\x80\x9D") return true;
    }
  }
  return false;
}

// "according" under an obl/nmod child of x: "..., according to police".
uint32_t AccordingUnder(const View& v, uint32_t c) {
  if (v.Base(c) != "obl" && v.Base(c) != "nmod" && v.Base(c) != "advcl") return kNo;
  for (uint32_t k : v.Kids(c)) {
    if ((v.Base(k) == "case" || v.Base(k) == "mark") &&
        (v.Lemma(k) == "according" || v.Lemma(k) == "accord"))
      return k;
  }
  return kNo;
}

bool HasMarkThat(const View& v, uint32_t x) {
  for (uint32_t c : v.Kids(x)) {
    if (v.Base(c) == "mark" && v.Lemma(c) == "that") return true;
  }
  return false;
}

// A that-clause misread as a relative clause on a speech verb's object or obl:
// the clause x has a subject of its own and a "that" that is not it.
bool MisreadComplement(const View& v, uint32_t x, uint32_t p) {
  uint32_t g = v.Head(p);
  if (g == kNo || !Speech(v, g)) return false;
  std::string_view pr = v.Base(p);
  // ("said Monday that the weapons were destroyed": "Monday" read as a
  // subject after the verb)
  if (pr != "obj" && pr != "iobj" && pr != "obl" && !(pr == "nsubj" && p > g)) return false;
  bool that = false, subject = false;
  for (uint32_t c : v.Kids(x)) {
    if (v.Lemma(c) == "that" && c < x && c == p + 1) that = true;
    if (v.Base(c) == "nsubj" && v.Lemma(c) != "that" && v.Lemma(c) != "which" &&
        v.Lemma(c) != "who")
      subject = true;
  }
  return that && subject;
}

// "X say ..., while Y say ...": a speech verb with its own subject in an
// adverbial clause makes a statement of its own, not part of the one above.
bool OwnStatement(const View& v, uint32_t x) {
  return v.Base(x) == "advcl" && Speech(v, x) && v.Child(x, "nsubj") != kNo;
}

// Walks from the trigger to the root: the nearest frame (if `want_frame`) and
// every hedge on the way.
void Climb(const View& v, const Event& e, bool want_frame, Frame* frame, Hedge* hedge) {
  auto in_trigger = [&](uint32_t t) { return t >= e.trigger_begin && t < e.trigger_end; };
  uint32_t x = e.trigger_head;
  if (!v.Contains(x)) return;
  // Hedges reach the event only through clauses: "reportedly launched an
  // airstrike" hedges the airstrike, not "in retaliation for Riyadh's
  // operations" below it.
  bool scope = true;
  if (!v.IsVerbal(x)) {
    // "another purported Israeli airstrike": a hedge word inside the event
    // noun's own phrase, before it.
    uint32_t lo = x, hi = x;
    v.Subtree(x, &lo, &hi);
    for (uint32_t t = lo; t < x; ++t) {
      std::string form(v.Form(t));  // "purported": the lemmatizer says "purport"
      for (char& c : form) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (In(v.Lemma(t), kHedgeAmod) || In(form, kHedgeAmod)) hedge->Set(t, t + 1);
    }
  }
  for (uint32_t step = 0; step <= v.sentence().size(); ++step) {
    if (v.IsVerbal(x) && ClaimComment(v, x)) want_frame = false;
    // "X say ..., while Y say ...": a statement with its own speaker in an
    // adverbial clause is not part of the statement above it.
    if (OwnStatement(v, x)) want_frame = false;
    for (uint32_t c : v.Kids(x)) {
      if (!scope) break;
      if (v.Base(c) == "advmod" && In(v.Lemma(c), kHedgeAdv)) hedge->Set(c, c + 1);
    }
    if (want_frame && !frame->found) {
      for (uint32_t c : v.Kids(x)) {
        if (in_trigger(c)) continue;
        uint32_t acc = AccordingUnder(v, c);
        if (acc != kNo && !in_trigger(acc) && BuildFrame(v, acc, frame)) break;
        if (SideSpeech(v, x, c) && !v.Dominates(c, e.trigger_head) && BuildFrame(v, c, frame))
          break;
      }
    }
    uint32_t p = v.Head(x);
    if (p == kNo) break;
    std::string_view r = v.Base(x);
    const std::string_view pl = v.Lemma(p);
    // "..., a claim the army swiftly denied": a relative clause on a report
    // noun is the reporter's comment on the claim, not part of it.
    if (v.Rel(x) == "acl:relcl" && !v.IsVerbal(p) && In(pl, kClaimNoun)) want_frame = false;
    bool clausal = r == "ccomp" || r == "xcomp" || r == "csubj" || r == "parataxis";
    if (want_frame && !frame->found && r == "conj" && HasMarkThat(v, x)) {
      // "alleged that France was aware of ..., and that the French military
      // helped ..." with the second that-clause hung on the root: it belongs
      // with the nearest earlier that-clause of a speech verb.
      for (uint32_t y = x; y-- > v.sentence().token_begin;) {
        uint32_t g = v.Head(y);
        if (g != kNo && v.Base(y) == "ccomp" && HasMarkThat(v, y) && v.IsVerbal(g) &&
            In(v.Lemma(g), kSpeech) && !in_trigger(g)) {
          BuildFrame(v, g, frame);
          break;
        }
      }
    }
    // "Residents reported shelling ..., a volunteer said": "said" is the
    // frame of "reported", not reported by it.
    // "Ukrainian troops repelled ..., the General Staff said": the reported
    // clause parsed as a subject of the speech verb, beside its real subject.
    if (want_frame && !frame->found && r == "nsubj" && Speech(v, p)) {
      for (uint32_t c : v.Kids(p)) {
        if (c > x && c < p && v.Rel(c) == "nsubj") {
          bool comma = false;
          for (uint32_t t = x + 1; t < c; ++t) comma = comma || v.Form(t) == ",";
          if (comma) BuildFrame(v, p, frame);
          break;
        }
      }
    }
    const bool frame_of_p = r == "parataxis" && x > p && Speech(v, x);
    if (want_frame && !frame->found && !in_trigger(p) && !frame_of_p) {
      // "police told them to lay down their arms": an order, not a report.
      const bool order = r == "xcomp" && In(pl, {"tell", "warn", "inform", "urge"});
      if (Speech(v, p) && !order &&
          (clausal || r == "obj" || (r == "advcl" && ResponsibilityObj(v, p)) ||
           ClaimedAct(v, x, p) || (r == "obl" && In(v.Lemma(x), kFrameNoun)))) {
        // ("said in a statement that its aircraft had hit ...": the clause
        // hangs on the statement noun)
        BuildFrame(v, p, frame);
      } else if (r == "acl" && v.Head(p) != kNo && MisreadComplement(v, x, p)) {
        // "told AFP that soldiers fired", "said on Twitter that police
        // arrested" read as relative clauses on AFP / Twitter.
        BuildFrame(v, v.Head(p), frame);
      } else if (!v.IsVerbal(p) && In(pl, kFrameNoun) &&
                 (r == "acl" || r == "ccomp" || r == "nmod") && NounSource(v, p) != kNo) {
        BuildFrame(v, p, frame);  // "the army's claim that its jets hit ..."
      }
    }
    if (!(clausal || r == "advcl" || r == "conj" ||
          (step == 0 && !v.IsVerbal(x) && (r == "obj" || r == "nsubj")))) {
      // Leaving the event's clause through a noun: "... in retaliation for
      // Riyadh's operations".
      if (!(step == 0 && !v.IsVerbal(x) && r == "obj")) scope = false;
    }
    if (scope && (clausal || r == "advcl")) {
      // "is believed to have", "appeared to", "it is thought that"; not a
      // participle on a noun ("46 people, thought to be civilians").
      bool on_noun = v.Base(p) == "acl" || v.Base(p) == "amod";
      if (!on_noun && In(pl, kSeem)) hedge->Set(p, p + 1);
      if (!on_noun && In(pl, kBelief) && (r == "ccomp" || Passive(v, p))) hedge->Set(p, p + 1);
      if (In(pl, kUnclear) || (pl == "clear" && v.HasNeg(p))) hedge->Set(p, p + 1);
    }
    uint32_t cue_b = p;
    if (scope && (clausal || r == "obj") && NegatedConfirm(v, p, &cue_b)) hedge->Set(cue_b, p + 1);
    if (!v.IsVerbal(p) && In(pl, kFrameNoun)) {
      for (uint32_t c : v.Kids(p)) {
        if (v.Base(c) == "amod" && In(v.Lemma(c), kHedgeAmod)) hedge->Set(c, c + 1);
      }
    }
    // "denied reports that its jets struck ...": a denial above a report noun
    // without a source of its own.
    if (want_frame && !frame->found && r == "obj" && In(pl, kDenyReport) &&
        In(v.Lemma(x), kFrameNoun)) {
      if (BuildFrame(v, p, frame)) frame->deny = true;
    }
    x = p;
  }
}

// A mention whose head lies in [b, e) of sentence s; the one headed at `head`
// first, else the widest.
// Nouns for someone who speaks for an actor named after them: "a spokesman
// for the Houthis", "an official of the ministry" -> the Houthis, the ministry.
constexpr std::string_view kRoleNouns[] = {
    "spokesman",      "spokeswoman", "spokesperson", "official",   "commander",  "minister",
    "representative", "member",      "leader",       "head",       "chief",      "officer",
    "statement",      "ministry",    "office",       "envoy",      "ambassador", "adviser",
    "advisor",        "director",    "president",    "secretary",  "general",    "colonel",
    "spokesmen",      "press",       "service",      "department", "agency",     "council"};

// `in_sentence`: the indices of sentence s's mentions (a scan of all the
// document's mentions per event made long documents quadratic).
int32_t MentionIn(const Document& doc, const View& v, const std::vector<uint32_t>& in_sentence,
                  uint32_t b, uint32_t e, uint32_t head) {
  int32_t best = -1;
  uint32_t best_width = 0;
  // Without a mention at the head, a mention behind a preposition speaks for
  // the phrase only after a role noun ("a spokesman for the Houthis"; not
  // "sources from east Libya").
  const bool role = head != kNo && v.Contains(head) && In(v.Lemma(head), kRoleNouns);
  for (const uint32_t i : in_sentence) {
    const ActorMention& m = doc.mentions[i];
    if (m.head < b || m.head >= e) continue;
    if (m.head == head) return static_cast<int32_t>(i);
    if (!role && m.token_begin > b) {
      bool through_preposition = false;
      for (uint32_t t = b; t < m.token_begin && t < e; ++t) {
        through_preposition = through_preposition || v.Pos(t) == Upos::kAdp;
      }
      if (through_preposition) continue;
    }
    uint32_t w = m.token_end > m.token_begin ? m.token_end - m.token_begin : 0;
    if (best < 0 || w > best_width) {
      best = static_cast<int32_t>(i);
      best_width = w;
    }
  }
  return best;
}

int32_t Resolve(const Document& doc, int32_t m) {
  for (int i = 0; i < 8 && m >= 0 && static_cast<size_t>(m) < doc.mentions.size(); ++i) {
    int32_t a = doc.mentions[m].antecedent;
    if (a < 0 || static_cast<size_t>(a) >= doc.mentions.size() || a == m) break;
    m = a;
  }
  return m;
}

bool StateSector(std::string_view s) {
  return s.empty() || s == "GOV" || s == "MIL" || s == "COP" || s == "SPY" || s == "JUD" ||
         s == "LEG" || s == "MED";
}

bool FirstPerson(const Document& doc, const ActorMention& m) {
  for (uint32_t t = m.token_begin; t < m.token_end && t < doc.tokens.size(); ++t) {
    std::string_view f = doc.Form(doc.tokens[t]);
    if (f == "we" || f == "We" || f == "our" || f == "Our" || f == "us" || f == "I" || f == "my" ||
        f == "My")
      return true;
  }
  return false;
}

// Is the frame's source the event's own actor?
bool OwnAction(const Document& doc, const Event& e, const Frame& f) {
  if (f.responsibility) return true;
  if (e.source < 0 || static_cast<size_t>(e.source) >= doc.mentions.size()) {
    return In(f.lemma, kClaimVerbs) && f.has_source();
  }
  if (!f.has_source()) return false;
  const ActorMention& raw = doc.mentions[e.source];
  if (FirstPerson(doc, raw)) return true;
  // "the police chief said his forces had detained ...": an unresolved
  // possessive opening the actor's phrase refers to the speaker.
  if (raw.antecedent < 0 && raw.token_begin < raw.token_end &&
      raw.token_begin < doc.tokens.size()) {
    std::string_view p = doc.Form(doc.tokens[raw.token_begin]);
    if (p == "his" || p == "His" || p == "her" || p == "Her" || p == "its" || p == "Its" ||
        p == "their" || p == "Their")
      return true;
  }
  if (raw.kind == ActorMention::Kind::kPronoun && raw.antecedent < 0) {
    std::string_view p = doc.Form(doc.tokens[raw.head]);
    if (p == "it" || p == "It" || p == "they" || p == "They") return true;
  }
  if (f.mention < 0) return false;
  int32_t a = Resolve(doc, e.source), b = Resolve(doc, f.mention);
  if (a == b || e.source == f.mention) return true;
  const ActorMention& ma = doc.mentions[a];
  const ActorMention& mb = doc.mentions[b];
  if (!ma.name.empty() && ma.name == mb.name) return true;
  // The same code, when it names a country or group ("---GOV" for two
  // unknown governments is not the same actor).
  if (!ma.code.empty() && ma.code == mb.code && ma.code.compare(0, 3, "---") != 0) return true;
  // One state's organs speak for each other when one of them is the state or
  // its government ("Russia said its jets struck", "the defence ministry said
  // troops retook"), or both are the same organ; not a police officer for a court.
  // Only plain country(+sector) codes: "AFGGOVTAL" (the Taliban) is a group
  // of its own, not Afghanistan's government.
  if (ma.code.size() <= 6 && mb.code.size() <= 6 && !ma.country.empty() &&
      ma.country == mb.country && StateSector(ma.sector) && StateSector(mb.sector) &&
      (ma.sector == mb.sector || ma.sector.empty() || mb.sector.empty() || ma.sector == "GOV" ||
       mb.sector == "GOV"))
    return true;
  return false;
}

struct Quote {
  uint32_t open = 0, close = 0;  // byte offsets of the quote characters
};

std::vector<Quote> Quotes(const std::string& text) {
  std::vector<Quote> out;
  bool open = false;
  uint32_t start = 0;
  for (uint32_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    bool opening = false, closing = false;
    if (c == '"') {
      opening = !open;
      closing = open;
    } else if (c == 0xE2 && i + 2 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0x80) {
      unsigned char d = static_cast<unsigned char>(text[i + 2]);
      if (d == 0x9C) opening = true;
      if (d == 0x9D) closing = open;
    } else if (c == '\n' && i + 1 < text.size() && text[i + 1] == '\n') {
      open = false;  // a quotation does not run over a paragraph break unclosed
    }
    if (opening) {
      open = true;
      start = i;
    } else if (closing) {
      open = false;
      out.push_back({start, i});
    }
  }
  return out;
}

// The quotation around byte b, or nullptr. Quotes() gives them in text
// order and they do not overlap, so it is the last one opening before b.
const Quote* QuoteAround(const std::vector<Quote>& quotes, uint32_t b) {
  auto it = std::lower_bound(quotes.begin(), quotes.end(), b,
                             [](const Quote& q, uint32_t x) { return q.open < x; });
  if (it == quotes.begin()) return nullptr;
  --it;
  return b < it->close ? &*it : nullptr;
}

uint32_t SentenceOf(const Document& doc, uint32_t byte) {
  auto it = std::upper_bound(doc.sentences.begin(), doc.sentences.end(), byte,
                             [](uint32_t b, const Sentence& s) { return b < s.begin; });
  if (it == doc.sentences.begin()) return kNo;
  --it;
  return byte < it->end ? static_cast<uint32_t>(it - doc.sentences.begin()) : kNo;
}

// The speech verb next to a quotation that spans sentences: the first one
// after the closing quote in its sentence, else the last one before the
// opening quote in its sentence.
bool QuoteFrame(const Document& doc, const std::vector<View>& views, const Quote& q, Frame* f) {
  uint32_t sc = SentenceOf(doc, q.close), so = SentenceOf(doc, q.open);
  if (sc != kNo) {
    const View& v = views[sc];
    for (uint32_t t = v.sentence().token_begin; t < v.sentence().token_end; ++t) {
      if (doc.tokens[t].begin > q.close && Speech(v, t)) {
        if (BuildFrame(v, t, f)) {
          f->sentence = sc;
          return true;
        }
      }
    }
  }
  if (so != kNo) {
    const View& v = views[so];
    for (uint32_t t = v.sentence().token_end; t-- > v.sentence().token_begin;) {
      if (doc.tokens[t].end <= q.open && Speech(v, t)) {
        if (BuildFrame(v, t, f)) {
          f->sentence = so;
          return true;
        }
      }
    }
  }
  return false;
}

// A sentence that is all quotation, right after a sentence whose quotation is
// attributed, continues that speaker: '"We will fight on," the commander
// said. "We have no choice."'
bool FollowOnQuoteFrame(const Document& doc, const std::vector<View>& views,
                        const std::vector<Quote>& quotes, const Event& e, Frame* f) {
  const uint32_t k = e.sentence;
  if (k == 0) return false;
  const View& v = views[k];
  const Sentence& s = v.sentence();
  uint32_t first = s.token_begin, last = s.token_end;
  while (last > first && IsPunct(v, last - 1)) --last;
  if (first >= last) return false;
  const uint32_t b = doc.tokens[e.trigger_head].begin;
  const Quote* around = QuoteAround(quotes, b);
  const bool all_quoted = around != nullptr && around->open <= doc.tokens[first].begin &&
                          around->close >= doc.tokens[last - 1].end;
  if (!all_quoted) return false;
  // The quotations closing in sentence k-1 (in text order, as `close` is).
  const Sentence& prev = doc.sentences[k - 1];
  auto from = std::lower_bound(quotes.begin(), quotes.end(), prev.begin,
                               [](const Quote& q, uint32_t x) { return q.close < x; });
  for (auto it = from; it != quotes.end() && it->close < prev.end; ++it) {
    const Quote& q = *it;
    if (SentenceOf(doc, q.close) != k - 1) continue;
    Frame g;
    if (QuoteFrame(doc, views, q, &g) && g.sentence == k - 1) {
      *f = g;
      return true;
    }
  }
  return false;
}

// "He added:" at the end of sentence k-1 (also across a paragraph break): its
// speech verb.
bool ColonFrame(const std::vector<View>& views, uint32_t k, Frame* f) {
  // The colon is cue enough to cross a paragraph break ("He said:" then the
  // quoted paragraph).
  if (k == 0) return false;
  const View& v = views[k - 1];
  const Sentence& s = v.sentence();
  uint32_t last = s.token_end;
  while (last > s.token_begin) {
    std::string_view form = v.Form(last - 1);
    if (form == "\"" || form == "\xE2\x80\x9C" || form == "``") {
      --last;
      continue;
    }
    break;
  }
  if (last == s.token_begin || v.Form(last - 1) != ":") return false;
  for (uint32_t t = last - 1; t-- > s.token_begin;) {
    if (Speech(v, t) && v.Child(t, "ccomp") == kNo) {
      if (BuildFrame(v, t, f)) {
        f->sentence = k - 1;
        return true;
      }
    }
  }
  return false;
}

// "According to (a statement from) X, <clause>" and "<clause>, according to
// X." read on the surface, for when the parse has lost the obl. The event
// must lie in the clause (after the comma / before "according").
bool SurfaceAccordingFrame(const View& v, uint32_t trigger, Frame* f) {
  const Sentence& s = v.sentence();
  uint32_t first = s.token_begin;
  while (first < s.token_end && IsPunct(v, first)) ++first;
  for (uint32_t t = s.token_begin; t + 2 < s.token_end; ++t) {
    if ((v.Lemma(t) != "according" && v.Lemma(t) != "accord") || v.Lemma(t + 1) != "to") continue;
    const bool initial = t == first;
    if (!initial && (t == s.token_begin || v.Form(t - 1) != ",")) continue;
    uint32_t end = t + 2;
    while (end < s.token_end && v.Form(end) != "," && !IsPunct(v, end)) ++end;
    if (end == t + 2) continue;
    if (initial ? (end >= s.token_end || trigger <= end) : trigger >= t) continue;
    Frame g;
    g.lemma = "according";
    g.cue_begin = t;
    g.cue_end = t + 2;
    g.src_begin = t + 2;
    for (uint32_t k = t + 2; k < end; ++k) {
      if (In(v.Lemma(k), {"from", "by"}) && k + 1 < end) g.src_begin = k + 1;
    }
    g.src_end = end;
    g.src_head = end - 1;
    g.sentence = f->sentence;
    g.found = true;
    *f = g;
    return true;
  }
  return false;
}

// "<clause>, Syrian state media reported", "..., Reuters reports." read on the
// surface, for when the parse has lost the speech verb (tagged as a noun, or
// hung as an xcomp): after the sentence's last comma only a noun phrase, a
// speech word and time words. The event must precede the comma.
bool FinalSpeechFrame(const View& v, uint32_t trigger, Frame* f) {
  const Sentence& s = v.sentence();
  uint32_t comma = kNo;
  for (uint32_t t = s.token_end; t-- > s.token_begin;) {
    if (v.Form(t) == ",") {
      comma = t;
      break;
    }
  }
  if (comma == kNo || trigger >= comma) return false;
  uint32_t speech = kNo;
  for (uint32_t t = comma + 1; t < s.token_end; ++t) {
    Upos u = v.Pos(t);
    if (speech == kNo && t > comma + 1 && In(v.Lemma(t), {"say", "report", "announce", "add"}) &&
        (v.Form(t).size() < 3 || v.Form(t).substr(v.Form(t).size() - 3) != "ing")) {
      speech = t;
      continue;
    }
    // "..., rescue officials have said."
    if (speech == kNo && u == Upos::kAux && v.Lemma(t) == "have") continue;
    bool np = NpWord(v, t);
    bool tail = u == Upos::kPropn || u == Upos::kNoun || u == Upos::kAdp || u == Upos::kAdv ||
                u == Upos::kDet || u == Upos::kNum || u == Upos::kAdj || u == Upos::kPunct;
    if (speech == kNo ? !np : !tail) return false;
  }
  if (speech == kNo) return false;
  Frame g;
  g.lemma = v.Lemma(speech);
  g.cue_begin = speech;
  g.cue_end = speech + 1;
  g.src_begin = comma + 1;
  g.src_end = speech;
  while (g.src_end > g.src_begin + 1 && v.Pos(g.src_end - 1) == Upos::kAux) --g.src_end;
  g.src_head = g.src_end - 1;
  g.sentence = f->sentence;
  g.found = true;
  *f = g;
  return true;
}

// Nouns that name who a wire headline's label at its end reports for:
// "... - governor", "...: security sources", "... - state media".
constexpr std::string_view kLabelSource[] = {
    "official", "officials",  "source",      "sources",      "police",    "ministry",
    "governor", "spokesman",  "spokeswoman", "spokesperson", "army",      "military",
    "media",    "tv",         "television",  "newspaper",    "paper",     "agency",
    "report",   "reports",    "witness",     "witnesses",    "resident",  "residents",
    "monitor",  "group",      "observatory", "statement",    "medic",     "medics",
    "doctor",   "doctors",    "hospital",    "authorities",  "authority", "mayor",
    "minister", "president",  "office",      "command",      "commander", "militia",
    "rebels",   "insurgents", "taliban",     "government",   "officer",   "security",
    "daily",    "channel",    "radio",       "website",      "activists", "activist"};

// A wire headline's source label after its last separator: "Italian
// volunteer killed in Donbass - newspaper", "15 Taliban killed in 24 hours:
// MoI". The tail (at most five words before a final stop) has no verb,
// pronoun or preposition but "of"/"for", ends in a noun or name, and holds a
// source word or a name; a dash must stand between spaces. The event must
// precede the separator.
bool HeadlineLabelFrame(const View& v, uint32_t trigger, Frame* f) {
  const Sentence& s = v.sentence();
  uint32_t last = s.token_end;  // one past the tail
  while (last > s.token_begin && v.Form(last - 1) == ".") --last;
  uint32_t sep = kNo;
  for (uint32_t t = last; t-- > s.token_begin && t + 6 >= last;) {
    std::string_view w = v.Form(t);
    if (w == ":" || IsDashWord(w)) {
      sep = t;
      break;
    }
  }
  if (sep == kNo || sep + 1 >= last || trigger >= sep || sep == s.token_begin) return false;
  const Document& doc = v.doc();
  if (v.Form(sep) != ":" && (!doc.tokens[sep - 1].space_after || !doc.tokens[sep].space_after))
    return false;
  bool source = false;
  for (uint32_t t = sep + 1; t < last; ++t) {
    Upos u = v.Pos(t);
    if (u == Upos::kVerb || u == Upos::kAux || u == Upos::kPron || u == Upos::kPunct) return false;
    // "- Ministry of Defense", not ": events around Ukraine".
    if (u == Upos::kAdp && v.Lemma(t) != "of" && v.Lemma(t) != "for") return false;
    source = source || u == Upos::kPropn || In(v.Lemma(t), kLabelSource);
  }
  // "- official" (tagged as an adjective) ends in a source word too.
  Upos end = v.Pos(last - 1);
  if (!source ||
      (end != Upos::kNoun && end != Upos::kPropn && !In(v.Lemma(last - 1), kLabelSource)))
    return false;
  Frame g;
  g.lemma = "label";
  g.cue_begin = sep;
  g.cue_end = sep + 1;
  g.src_begin = sep + 1;
  g.src_end = last;
  g.src_head = last - 1;
  g.sentence = f->sentence;
  g.found = true;
  *f = g;
  return true;
}

// A hedge not governing the events: "The report could not be independently
// verified.", "..., a claim that could not be verified". Its cue span.
bool StandaloneHedge(const View& v, uint32_t* cue_b, uint32_t* cue_e, uint32_t* top) {
  const Sentence& s = v.sentence();
  for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
    uint32_t b = t;
    bool hedge = false;
    if (v.IsVerbal(t) && NegatedConfirm(v, t, &b) && v.Child(t, "ccomp") == kNo) {
      // What is unconfirmed must be a report, a figure or a pronoun for it.
      for (uint32_t c : v.Kids(t)) {
        std::string_view r = v.Base(c);
        if ((r == "nsubj" || r == "obj") && In(v.Lemma(c), kReportNoun)) hedge = true;
      }
      uint32_t h = v.Head(t);
      if (h != kNo && In(v.Lemma(h), kReportNoun)) hedge = true;  // "a claim that could not..."
      if (h != kNo && v.Head(h) != kNo && In(v.Lemma(v.Head(h)), kReportNoun) &&
          In(v.Lemma(h), kUnable))
        hedge = true;
      if (v.Head(t) == kNo && v.Child(t, "obj") == kNo && v.Child(t, "nsubj:pass") != kNo &&
          In(v.Lemma(v.Child(t, "nsubj:pass")), kReportNoun))
        hedge = true;
      if (hedge) *top = t;
    } else if ((v.Lemma(t) == "confirmation" || v.Lemma(t) == "verification") && v.HasNeg(t)) {
      hedge = true;  // "There was no independent confirmation."
      *top = t;
    } else if ((v.Lemma(t) == "unverified" || v.Lemma(t) == "unconfirmed") && v.Head(t) == kNo) {
      uint32_t subj = v.Child(t, "nsubj");
      hedge = subj != kNo && In(v.Lemma(subj), kReportNoun);  // "The claims were unverified."
      *top = t;
    }
    if (hedge) {
      *cue_b = b;
      *cue_e = t + 1;
      return true;
    }
  }
  return false;
}

}  // namespace

Status Attribute(Document& doc) {
  const uint32_t ntok = static_cast<uint32_t>(doc.tokens.size());
  for (const Event& e : doc.events) {
    if (e.sentence >= doc.sentences.size() || e.trigger_head >= ntok ||
        e.trigger_begin > e.trigger_end || e.trigger_end > ntok)
      return InvalidArgumentError("attribution: an event points outside the document");
  }
  for (const ActorMention& m : doc.mentions) {
    if (m.sentence >= doc.sentences.size() || m.head >= ntok || m.token_end > ntok)
      return InvalidArgumentError("attribution: a mention points outside the document");
  }
  for (const Sentence& s : doc.sentences) {
    if (s.token_begin > s.token_end || s.token_end > ntok)
      return InvalidArgumentError("attribution: a sentence points outside the tokens");
  }
  if (doc.events.empty()) return OkStatus();
  const std::vector<std::vector<uint32_t>> mentions_of =
      IndicesBySentence(doc.mentions, doc.sentences.size());
  std::vector<View> views;  // reserved: a View's lemma views point into itself
  views.reserve(doc.sentences.size());
  for (const Sentence& s : doc.sentences) views.emplace_back(doc, s);

  const size_t n = doc.events.size();
  // Statement events: the frames of others, or speech-verb 01x events.
  std::vector<char> statement(n, 0);
  for (size_t i = 0; i < n; ++i) {
    int32_t r = doc.events[i].reported_by;
    if (r >= 0 && static_cast<size_t>(r) < n) statement[r] = 1;
    const Event& e = doc.events[i];
    const View& v = views[e.sentence];
    if (v.Contains(e.trigger_head) && e.cameo.size() >= 2 && e.cameo.compare(0, 2, "01") == 0 &&
        (In(v.Lemma(e.trigger_head), kSpeech) || v.Lemma(e.trigger_head) == "according" ||
         v.Lemma(e.trigger_head) == "accord"))
      statement[i] = 1;
  }
  const std::vector<Quote> quotes = Quotes(doc.text);

  std::vector<Frame> frames(n);
  std::vector<Hedge> hedges(n);
  for (size_t i = 0; i < n; ++i) {
    const Event& e = doc.events[i];
    const View& v = views[e.sentence];
    Frame& f = frames[i];
    f.sentence = e.sentence;
    // An event whose trigger lies outside its own sentence (a coder bug) keeps
    // no frame: asserted.
    if (!v.Contains(e.trigger_head)) continue;
    // 1. The coder's reported speech.
    bool from_statement = false;
    // "..., a claim the ministry denied": the reporter's comment, whatever
    // the coder linked it to.
    bool comment = false;
    const uint32_t stop = e.reported_by >= 0 && static_cast<size_t>(e.reported_by) < n
                              ? doc.events[e.reported_by].trigger_head
                              : kNo;
    for (uint32_t x = e.trigger_head, k = 0; x != kNo && k <= v.sentence().size();
         x = v.Head(x), ++k) {
      if (v.IsVerbal(x) && ClaimComment(v, x)) comment = true;
      if (x == stop) break;
      if (OwnStatement(v, x)) comment = true;  // not reported by the statement above
    }
    for (uint32_t c : v.Kids(e.trigger_head)) {
      if (InvertedStatement(v, c)) comment = true;  // its own speaker is below it
    }
    if (!comment && e.reported_by >= 0 && static_cast<size_t>(e.reported_by) < n &&
        static_cast<int32_t>(i) != e.reported_by) {
      const Event& st = doc.events[e.reported_by];
      // A statement inside the event's own complement is its content, not
      // its frame ('"Families told us ...," she said': "said" is not
      // reported by "told").
      const bool order = v.Contains(st.trigger_head) && v.Base(e.trigger_head) == "xcomp" &&
                         v.Head(e.trigger_head) == st.trigger_head &&
                         In(v.Lemma(st.trigger_head), {"tell", "warn", "inform", "urge"});
      if (st.sentence == e.sentence && v.Contains(st.trigger_head) && !order &&
          !v.Dominates(e.trigger_head, st.trigger_head) && BuildFrame(v, st.trigger_head, &f)) {
        from_statement = true;
        if (st.cameo.compare(0, 3, "016") == 0) f.deny = true;
        if (st.source >= 0 && static_cast<size_t>(st.source) < doc.mentions.size() &&
            f.has_source()) {
          const ActorMention& m = doc.mentions[st.source];
          if (m.head >= f.src_begin && m.head < f.src_end) f.mention = st.source;
        }
      }
    }
    // 2. The parse (and every hedge on the way up).
    Climb(v, e, !from_statement, &f, &hedges[i]);
    f.sentence = e.sentence;
    // 3. Across sentences, with a continuation cue.
    if (!f.found) {
      const Quote* q = QuoteAround(quotes, doc.tokens[e.trigger_head].begin);
      if (q != nullptr) QuoteFrame(doc, views, *q, &f);
    }
    if (!f.found) FollowOnQuoteFrame(doc, views, quotes, e, &f);
    // A source phrase cannot report the event it contains ("said a witness
    // who said ...": the second "said" is not reported by the witness).
    if (f.found && f.sentence == e.sentence && f.has_source() && e.trigger_head >= f.src_begin &&
        e.trigger_head < f.src_end) {
      f = Frame();
      f.sentence = e.sentence;
    }
    if (!f.found) ColonFrame(views, e.sentence, &f);
    if (!f.found) SurfaceAccordingFrame(v, e.trigger_head, &f);
    if (!f.found) FinalSpeechFrame(v, e.trigger_head, &f);
    if (!f.found) HeadlineLabelFrame(v, e.trigger_head, &f);
    if (f.found && f.has_source() && f.mention < 0) {
      f.mention = MentionIn(doc, views[f.sentence], mentions_of[f.sentence], f.src_begin, f.src_end,
                            f.src_head);
    }
  }

  // Statuses.
  for (size_t i = 0; i < n; ++i) {
    Event& e = doc.events[i];
    const Frame& f = frames[i];
    Attribution a;
    AttributionStatus status = AttributionStatus::kAsserted;
    uint32_t cue_b = kNo, cue_e = kNo;
    if (f.found) {
      bool own = OwnAction(doc, e, f);
      cue_b = f.cue_begin;
      cue_e = f.cue_end;
      // "not only killed ... but also": no denial, whatever the coder's flag.
      bool not_only = false;
      if (views[e.sentence].Contains(e.trigger_head)) {
        const View& ev = views[e.sentence];
        for (uint32_t c : ev.Kids(e.trigger_head)) {
          if (ev.Lemma(c) == "not" && c + 1 < ev.sentence().token_end && ev.Lemma(c + 1) == "only")
            not_only = true;
        }
      }
      const bool negated = e.negated && !not_only;
      if (f.deny || (own && negated && e.modality == Modality::kFactual && f.has_source())) {
        status = AttributionStatus::kDenied;
      } else if (f.hedge) {
        status = AttributionStatus::kUnconfirmed;
      } else if (own) {
        status = AttributionStatus::kClaimed;
      } else {
        status = AttributionStatus::kReported;
      }
      if (f.has_source()) {
        a.begin = doc.tokens[f.src_begin].begin;
        a.end = doc.tokens[f.src_end - 1].end;
        a.mention = f.mention;
      }
    }
    const Hedge& h = hedges[i];
    if (h.found && status != AttributionStatus::kDenied) {
      status = AttributionStatus::kUnconfirmed;
      cue_b = h.cue_begin;
      cue_e = h.cue_end;
    }
    a.status = status;
    if (cue_b != kNo && cue_e != kNo && cue_e > cue_b && cue_e <= ntok) {
      a.cue_begin = doc.tokens[cue_b].begin;
      a.cue_end = doc.tokens[cue_e - 1].end;
    }
    if (a.end < a.begin) a.end = a.begin;
    e.attribution = a;
  }

  // Stand-alone hedges: in the same sentence, or a hedge sentence right after
  // the events (and the run of sentences before it with the same source).
  const std::vector<std::vector<uint32_t>> by_sentence =
      IndicesBySentence(doc.events, doc.sentences.size());
  auto hedge_event = [&](uint32_t i, uint32_t cb, uint32_t ce) {
    Event& e = doc.events[i];
    if (statement[i] || e.attribution.status == AttributionStatus::kDenied) return;
    e.attribution.status = AttributionStatus::kUnconfirmed;
    e.attribution.cue_begin = doc.tokens[cb].begin;
    e.attribution.cue_end = doc.tokens[ce - 1].end;
  };
  auto source_text = [&](uint32_t i) {
    const Attribution& a = doc.events[i].attribution;
    return std::string(doc.Slice(a.begin, a.end));
  };
  for (uint32_t k = 0; k < doc.sentences.size(); ++k) {
    uint32_t cb = 0, ce = 0, top = kNo;
    if (!StandaloneHedge(views[k], &cb, &ce, &top)) continue;
    bool own_events = false;
    for (uint32_t i : by_sentence[k]) {
      const Event& e = doc.events[i];
      if (!statement[i] && !views[k].Dominates(top, e.trigger_head)) own_events = true;
    }
    if (own_events) {
      for (uint32_t i : by_sentence[k]) {
        if (!views[k].Dominates(top, doc.events[i].trigger_head)) hedge_event(i, cb, ce);
      }
      continue;
    }
    if (k == 0 || doc.sentences[k - 1].paragraph != doc.sentences[k].paragraph) continue;
    // The previous sentence, then back while the same source speaks.
    std::string src;
    bool first = true;
    for (uint32_t j = k; j-- > 0;) {
      if (doc.sentences[j].paragraph != doc.sentences[k].paragraph) break;
      std::string here;
      bool any = false;
      for (uint32_t i : by_sentence[j]) {
        if (statement[i]) continue;
        if (!any) here = source_text(i);
        any = true;
      }
      if (!first && (!any || here.empty() || here != src)) break;
      for (uint32_t i : by_sentence[j]) hedge_event(i, cb, ce);
      src = here;
      first = false;
      if (src.empty()) break;
    }
  }
  return OkStatus();
}

}  // namespace sitrep::attribution
