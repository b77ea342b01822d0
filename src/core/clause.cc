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
  for (const Token& k : sentence) {
    if (k.head != head) continue;
    std::string_view rel = k.deprel;
    std::string_view base = rel.substr(0, rel.find(':'));
    if (base == "aux" || rel == "obj") return false;
    if (rel == "xcomp") {
      std::string_view l = k.lemma.empty() ? doc.Form(k) : std::string_view(k.lemma);
      if (!SameFolded(l, "dead") && !SameFolded(l, "wounded") && !SameFolded(l, "injured")) {
        return false;
      }
    }
  }
  return true;
}

}  // namespace sitrep
