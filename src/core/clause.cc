#include "core/clause.h"

#include <string>
#include <string_view>

namespace sitrep {
namespace {

// `a` equals `b` ignoring ASCII case.
bool SameFolded(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + ('a' - 'A'));
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + ('a' - 'A'));
    if (x != y) return false;
  }
  return true;
}

}  // namespace

bool ReadsAsBarePassive(const Document& doc, std::span<const Token> sentence, uint32_t i) {
  if (i >= sentence.size()) return false;
  const Token& verb = sentence[i];
  if (verb.xpos != "VBN" && verb.xpos != "VBD") return false;
  if (verb.xpos == "VBD") {
    // A present form the tagger took for a past ("Gunmen kill 5").
    std::string_view form = doc.Form(verb);
    bool ed = form.size() > 2 && SameFolded(form.substr(form.size() - 2), "ed");
    if (!ed && (verb.lemma.empty() || SameFolded(form, verb.lemma))) return false;
  }
  const auto head = static_cast<int32_t>(i + 1);
  for (uint32_t j = 0; j < sentence.size(); ++j) {
    const Token& k = sentence[j];
    if (k.head != head) continue;
    std::string_view rel = k.deprel;
    std::string_view base = rel.substr(0, rel.find(':'));
    if (base == "aux") return false;
    if (rel == "obj" && PrepositionInsideObject(doc, sentence, i, j) < 0) return false;
    // A coordinated verb with an object and no subject of its own shares
    // that object: "The army killed and wounded(conj) scores of terrorists".
    if (rel == "conj" && j > i &&
        (k.xpos == "VBD" || k.xpos == "VBN" || k.xpos == "VBZ" || k.xpos == "VBP")) {
      bool object = false, subject = false;
      for (const Token& c : sentence) {
        if (c.head != static_cast<int32_t>(j + 1)) continue;
        object |= c.deprel == "obj";
        subject |= c.deprel.starts_with("nsubj") || c.deprel.starts_with("aux");
      }
      if (object && !subject) return false;
    }
    if (rel == "xcomp") {
      std::string_view l = k.lemma.empty() ? doc.Form(k) : std::string_view(k.lemma);
      if (!SameFolded(l, "dead") && !SameFolded(l, "wounded") && !SameFolded(l, "injured")) {
        return false;
      }
    }
  }
  return true;
}

int32_t PrepositionInsideObject(const Document& doc, std::span<const Token> sentence, uint32_t i,
                                uint32_t j) {
  static constexpr std::string_view kPlacePreps[] = {"in", "at", "near", "inside", "outside"};
  for (uint32_t m = i + 1; m < j && j < sentence.size(); ++m) {
    const Token& c = sentence[m];
    const auto h = static_cast<uint32_t>(c.head);  // 1-based; 0 is the root
    if (c.deprel != "case" || h <= m + 1 || h > j + 1 || sentence[h - 1].deprel != "compound")
      continue;
    for (std::string_view p : kPlacePreps) {
      if (SameFolded(doc.Form(c), p)) return static_cast<int32_t>(m);
    }
  }
  return -1;
}

bool UnmarkedSubjectOfParticiple(std::span<const Token> sentence, uint32_t i, uint32_t k) {
  if (k >= i || i >= sentence.size() || sentence[i].xpos != "VBN") return false;
  const Token& o = sentence[k];
  if (o.deprel != "obl:unmarked" || o.head != static_cast<int32_t>(i + 1)) return false;
  if (sentence[k + 1].xpos == "HYPH") return false;
  for (const Token& c : sentence) {
    if (c.head != static_cast<int32_t>(i + 1)) continue;
    if (c.deprel == "nsubj" || c.deprel == "nsubj:pass" || c.deprel == "obj" || c.deprel == "aux" ||
        c.deprel == "aux:pass")
      return false;
  }
  return true;
}

}  // namespace sitrep
