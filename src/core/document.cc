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

namespace sitrep {

const char* GeoPrecisionName(GeoPrecision p) {
  switch (p) {
    case GeoPrecision::kNone:
      return "none";
    case GeoPrecision::kPoint:
      return "point";
    case GeoPrecision::kCity:
      return "city";
    case GeoPrecision::kAdmin1:
      return "admin1";
    case GeoPrecision::kFeature:
      return "feature";
    case GeoPrecision::kCountry:
      return "country";
  }
  return "none";
}

const char* LocationBasisName(LocationBasis b) {
  switch (b) {
    case LocationBasis::kNone:
      return "none";
    case LocationBasis::kClause:
      return "clause";
    case LocationBasis::kSentence:
      return "sentence";
    case LocationBasis::kDocument:
      return "document";
  }
  return "none";
}

const char* DatePrecisionName(DatePrecision p) {
  switch (p) {
    case DatePrecision::kNone:
      return "none";
    case DatePrecision::kDay:
      return "day";
    case DatePrecision::kWeek:
      return "week";
    case DatePrecision::kMonth:
      return "month";
    case DatePrecision::kYear:
      return "year";
  }
  return "none";
}

const char* DateBasisName(DateBasis b) {
  switch (b) {
    case DateBasis::kNone:
      return "none";
    case DateBasis::kText:
      return "text";
    case DateBasis::kParagraph:
      return "paragraph";
    case DateBasis::kStoryDate:
      return "story_date";
  }
  return "none";
}

const char* CasualtyKindName(Casualty::Kind k) {
  switch (k) {
    case Casualty::Kind::kKilled:
      return "killed";
    case Casualty::Kind::kInjured:
      return "injured";
    case Casualty::Kind::kArrested:
      return "arrested";
    case Casualty::Kind::kAbducted:
      return "abducted";
    case Casualty::Kind::kDisplaced:
      return "displaced";
  }
  return "killed";
}

const char* QualifierName(Casualty::Qualifier q) {
  switch (q) {
    case Casualty::Qualifier::kExact:
      return "exact";
    case Casualty::Qualifier::kAtLeast:
      return "at_least";
    case Casualty::Qualifier::kAbout:
      return "about";
    case Casualty::Qualifier::kAtMost:
      return "at_most";
  }
  return "exact";
}

const char* AttributionStatusName(AttributionStatus s) {
  switch (s) {
    case AttributionStatus::kAsserted:
      return "asserted";
    case AttributionStatus::kReported:
      return "reported";
    case AttributionStatus::kClaimed:
      return "claimed";
    case AttributionStatus::kDenied:
      return "denied";
    case AttributionStatus::kUnconfirmed:
      return "unconfirmed";
  }
  return "asserted";
}

}  // namespace sitrep
