#include "core/document.h"

#include <array>

namespace sitrep {
namespace {
constexpr std::array<std::string_view, kNumUpos> kUposNames = {
    "_",   "ADJ",  "ADP",  "ADV",   "AUX",   "CCONJ", "DET", "INTJ", "NOUN",
    "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X",
};
}  // namespace

std::string_view UposName(Upos upos) {
  auto i = static_cast<size_t>(upos);
  return i < kUposNames.size() ? kUposNames[i] : "_";
}

Upos UposFromName(std::string_view name) {
  for (size_t i = 1; i < kUposNames.size(); ++i) {
    if (kUposNames[i] == name) return static_cast<Upos>(i);
  }
  return Upos::kNone;
}

}  // namespace sitrep

namespace sitrep {

const char* ModalityName(Modality m) {
  switch (m) {
    case Modality::kFactual:
      return "factual";
    case Modality::kFuture:
      return "future";
    case Modality::kIntended:
      return "intended";
    case Modality::kThreatened:
      return "threatened";
    case Modality::kHypothetical:
      return "hypothetical";
    case Modality::kDemanded:
      return "demanded";
  }
  return "factual";
}

}  // namespace sitrep
