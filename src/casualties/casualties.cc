#include "casualties/casualties.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <map>
#include <span>
#include <string>
#include <tuple>
#include <utility>

#include "core/clause.h"

namespace sitrep::casualties {
namespace {

using Kind = Casualty::Kind;
using Qualifier = Casualty::Qualifier;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool In(std::string_view w, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), w) != list.end();
}
template <typename T>
bool In(T x, std::initializer_list<T> list) {
  return std::find(list.begin(), list.end(), x) != list.end();
}

// ---------------------------------------------------------------------------
// Numbers.

bool MulChecked(int64_t a, int64_t b, int64_t* out) { return !__builtin_mul_overflow(a, b, out); }
bool AddChecked(int64_t a, int64_t b, int64_t* out) { return !__builtin_add_overflow(a, b, out); }

int64_t SmallNumberWord(std::string_view w) {
  static constexpr std::array<std::string_view, 20> kUnits = {
      "zero",     "one",     "two",     "three",     "four",     "five",    "six",
      "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",  "thirteen",
      "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
  static constexpr std::array<std::string_view, 8> kTens = {
      "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
  for (size_t i = 0; i < kUnits.size(); ++i)
    if (w == kUnits[i]) return static_cast<int64_t>(i);
  for (size_t i = 0; i < kTens.size(); ++i)
    if (w == kTens[i]) return static_cast<int64_t>(20 + 10 * i);
  // "twenty-five" as one token.
  size_t dash = w.find('-');
  if (dash != std::string_view::npos && dash > 0) {
    int64_t tens = -1;
    for (size_t i = 0; i < kTens.size(); ++i)
      if (w.substr(0, dash) == kTens[i]) tens = static_cast<int64_t>(20 + 10 * i);
    std::string_view rest = w.substr(dash + 1);
    for (size_t i = 1; i < 10 && tens >= 0; ++i)
      if (rest == kUnits[i]) return tens + static_cast<int64_t>(i);
  }
  return -1;
}

int64_t ScaleWord(std::string_view w) {
  if (w == "hundred") return 100;
  if (w == "thousand") return 1000;
  if (w == "million" || w == "mln") return 1000000;
  if (w == "billion" || w == "bln") return 1000000000;
  return -1;
}

// "10,000" -> 10000; "1.5" -> 1.5 as (15, 1 decimal). False if not digits.
bool ReadDigits(std::string_view w, int64_t* mantissa, int* decimals, bool* overflow) {
  if (w.empty() || !std::isdigit(static_cast<unsigned char>(w[0]))) return false;
  int64_t v = 0;
  int dec = -1;
  for (size_t i = 0; i < w.size(); ++i) {
    char c = w[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      if (!MulChecked(v, 10, &v) || !AddChecked(v, c - '0', &v)) {
        *overflow = true;
        v = 0;
      }
      if (dec >= 0) ++dec;
    } else if (c == ',' && dec < 0 && i + 3 < w.size() + 0 && i > 0) {
      // thousands separator: exactly three digits must follow
      if (i + 3 >= w.size() + 1) return false;
      for (size_t k = 1; k <= 3; ++k)
        if (i + k >= w.size() || !std::isdigit(static_cast<unsigned char>(w[i + k]))) return false;
      if (i + 4 < w.size() && std::isdigit(static_cast<unsigned char>(w[i + 4]))) return false;
    } else if (c == '.' && dec < 0 && i + 1 < w.size()) {
      dec = 0;
    } else {
      return false;  // "2014-15", "3rd", "10km", "5:30"
    }
  }
  *mantissa = v;
  *decimals = dec < 0 ? 0 : dec;
  return true;
}

}  // namespace

std::optional<Number> ReadNumber(const std::vector<std::string_view>& words) {
  if (words.empty()) return std::nullopt;
  auto word = [&](size_t i) -> std::string_view {
    return i < words.size() ? words[i] : std::string_view();
  };
  Number n;
  // Vague plurals (ACLED's conservative minimum).
  std::string_view w0 = word(0);
  if (w0 == "tens" || w0 == "hundreds") {
    int64_t base = w0 == "tens" ? 10 : 100;
    if (word(1) == "of" && (word(2) == "thousands" || word(2) == "millions")) {
      n.value = base * (word(2) == "thousands" ? 1000 : 1000000);
      n.words = 3;
    } else {
      n.value = base;
      n.words = 1;
    }
    n.vague = true;
    return n;
  }
  if (w0 == "dozens" || w0 == "scores" || w0 == "thousands" || w0 == "millions") {
    n.value = w0 == "dozens" ? 12 : w0 == "scores" ? 20 : w0 == "thousands" ? 1000 : 1000000;
    n.words = 1;
    n.vague = true;
    return n;
  }
  if (w0 == "dozen") {  // headline "kill dozen rebels"
    n.value = 12;
    n.words = 1;
    n.approximate = true;
    return n;
  }
  if (w0 == "a" || w0 == "an") {
    std::string_view w1 = word(1);
    if (w1 == "dozen") {
      n.value = 12;
      n.words = 2;
      n.approximate = true;
      return n;
    }
    if (w1 == "couple") {
      n.value = 2;
      n.words = word(2) == "of" ? 3 : 2;
      n.approximate = true;
      return n;
    }
    if (ScaleWord(w1) > 0) {
      // "a hundred", "a thousand": read as "one hundred".
      std::vector<std::string_view> rest(words.begin() + 1, words.end());
      rest[0] = w1;
      std::vector<std::string_view> one = {"one"};
      one.insert(one.end(), rest.begin(), rest.end());
      return ReadNumber(one);  // "a" stands for "one": the same number of words
    }
    return std::nullopt;
  }
  // Digits, optionally followed by scale words: "13", "10,000", "1.5 million".
  int64_t mantissa = 0;
  int decimals = 0;
  bool overflow = false;
  if (ReadDigits(w0, &mantissa, &decimals, &overflow)) {
    size_t i = 1;
    int64_t scale = 1;
    while (ScaleWord(word(i)) > 0) {
      if (!MulChecked(scale, ScaleWord(word(i)), &scale)) overflow = true;
      ++i;
    }
    if (decimals > 0 && scale == 1) return std::nullopt;  // "1.5": not a head count
    int64_t div = 1;
    for (int d = 0; d < decimals; ++d)
      if (!MulChecked(div, 10, &div)) overflow = true;
    int64_t v = 0;
    if (!overflow && !MulChecked(mantissa, scale, &v)) overflow = true;
    n.value = overflow ? 0 : v / div;
    n.overflow = overflow;
    n.words = i;
    return n;
  }
  // Number words: "two hundred and fifty thousand", "thirteen", "twenty-five".
  int64_t total = 0;
  int64_t current = 0;
  size_t i = 0;
  bool any = false;
  while (i < words.size()) {
    std::string_view w = words[i];
    int64_t small = SmallNumberWord(w);
    int64_t scale = ScaleWord(w);
    if (small >= 20 && small % 10 == 0 && i + 2 < words.size() && words[i + 1] == "-" &&
        SmallNumberWord(words[i + 2]) > 0 && SmallNumberWord(words[i + 2]) < 10) {
      // "thirty - three" split by the tokenizer
      if (!AddChecked(current, small + SmallNumberWord(words[i + 2]), &current)) overflow = true;
      any = true;
      i += 3;
    } else if (small >= 0) {
      if (!AddChecked(current, small, &current)) overflow = true;
      any = true;
      ++i;
    } else if (scale > 0 && any) {
      if (scale == 100) {
        if (current == 0) current = 1;
        if (!MulChecked(current, 100, &current)) overflow = true;
      } else {
        if (current == 0) current = 1;
        int64_t add = 0;
        if (!MulChecked(current, scale, &add) || !AddChecked(total, add, &total)) overflow = true;
        current = 0;
      }
      ++i;
    } else if (w == "dozen" && any) {
      if (!MulChecked(current, 12, &current)) overflow = true;
      ++i;
    } else if (w == "and" && any && i + 1 < words.size() && SmallNumberWord(words[i + 1]) >= 0 &&
               (total > 0 || current >= 100)) {
      ++i;  // "two hundred and fifty"
    } else {
      break;
    }
  }
  if (!any) return std::nullopt;
  if (!AddChecked(total, current, &total)) overflow = true;
  n.value = overflow ? 0 : total;
  n.overflow = overflow;
  n.words = i;
  return n;
}

namespace {

// ---------------------------------------------------------------------------
// Lexicons.

struct KindWord {
  std::string_view word;
  Kind kind;
};

// Verbs (by lemma) whose object / passive subject are the victims.
constexpr KindWord kVerbs[] = {
    {"kill", Kind::kKilled},        {"slay", Kind::kKilled},        {"execute", Kind::kKilled},
    {"massacre", Kind::kKilled},    {"behead", Kind::kKilled},      {"murder", Kind::kKilled},
    {"assassinate", Kind::kKilled}, {"lynch", Kind::kKilled},       {"wound", Kind::kInjured},
    {"injure", Kind::kInjured},     {"hurt", Kind::kInjured},       {"maim", Kind::kInjured},
    {"arrest", Kind::kArrested},    {"detain", Kind::kArrested},    {"apprehend", Kind::kArrested},
    {"jail", Kind::kArrested},      {"imprison", Kind::kArrested},  {"capture", Kind::kArrested},
    {"abduct", Kind::kAbducted},    {"kidnap", Kind::kAbducted},    {"displace", Kind::kDisplaced},
    {"uproot", Kind::kDisplaced},   {"evacuate", Kind::kDisplaced},
};
// Intransitive verbs whose subject is the victims.
constexpr KindWord kIntransitive[] = {
    {"die", Kind::kKilled},
    {"perish", Kind::kKilled},
    {"flee", Kind::kDisplaced},
};
// States and nouns: "13 dead", "13 deaths", "13 were wounded (ADJ)".
constexpr KindWord kStates[] = {
    {"dead", Kind::kKilled},         {"killed", Kind::kKilled},
    {"slain", Kind::kKilled},        {"death", Kind::kKilled},
    {"deaths", Kind::kKilled},       {"fatality", Kind::kKilled},
    {"fatalities", Kind::kKilled},   {"killing", Kind::kKilled},
    {"killings", Kind::kKilled},     {"murder", Kind::kKilled},
    {"execution", Kind::kKilled},    {"wounded", Kind::kInjured},
    {"injured", Kind::kInjured},     {"injury", Kind::kInjured},
    {"injuries", Kind::kInjured},    {"arrest", Kind::kArrested},
    {"arrested", Kind::kArrested},   {"detention", Kind::kArrested},
    {"detained", Kind::kArrested},   {"abduction", Kind::kAbducted},
    {"abducted", Kind::kAbducted},   {"kidnapping", Kind::kAbducted},
    {"kidnapped", Kind::kAbducted},  {"displacement", Kind::kDisplaced},
    {"displaced", Kind::kDisplaced}, {"homeless", Kind::kDisplaced},
    {"lives", Kind::kKilled},
};

std::optional<Kind> Find(const KindWord* begin, const KindWord* end, std::string_view w) {
  for (const KindWord* k = begin; k != end; ++k)
    if (k->word == w) return k->kind;
  return std::nullopt;
}
template <size_t N>
std::optional<Kind> Find(const KindWord (&table)[N], std::string_view w) {
  return Find(table, table + N, w);
}

// Nouns that are never counted people ("13 days", "20 vehicles").
bool NonPersonNoun(std::string_view lemma) {
  return In(lemma,
            {"year",       "month",    "week",     "day",      "hour",       "minute",    "second",
             "time",       "percent",  "%",        "km",       "kilometre",  "kilometer", "mile",
             "metre",      "meter",    "dollar",   "euro",     "pound",      "ton",       "tonne",
             "house",      "home",     "building", "vehicle",  "car",        "truck",     "village",
             "town",       "city",     "target",   "position", "rocket",     "missile",   "shell",
             "bomb",       "mortar",   "round",    "weapon",   "gun",        "rifle",     "tank",
             "aircraft",   "plane",    "jet",      "drone",    "helicopter", "site",      "school",
             "hospital",   "mosque",   "church",   "shop",     "acre",       "hectare",   "cattle",
             "animal",     "sheep",    "goat",     "cow",      "camel",      "point",     "base",
             "area",       "district", "province", "region",   "kg",         "kilogram",  "litre",
             "barrel",     "attack",   "strike",   "raid",     "incident",   "case",      "bullet",
             "checkpoint", "post",     "office",   "boat",     "ship",       "vessel",    "camp",
             "stronghold", "hideout",  "outpost",  "bunker",   "tunnel",     "facility"});
}

// Nouns for one person or a group of people: "a soldier was killed" = 1.
bool PersonNoun(std::string_view lemma) {
  return In(lemma, {"person",        "people",       "man",          "woman",         "child",
                    "boy",           "girl",         "civilian",     "soldier",       "officer",
                    "policeman",     "policewoman",  "guard",        "fighter",       "militant",
                    "rebel",         "insurgent",    "journalist",   "reporter",      "worker",
                    "student",       "teacher",      "doctor",       "nurse",         "villager",
                    "resident",      "farmer",       "shepherd",     "protester",     "protestor",
                    "demonstrator",  "prisoner",     "detainee",     "commander",     "chief",
                    "leader",        "official",     "member",       "servicemen",    "serviceman",
                    "trooper",       "marine",       "pilot",        "gunman",        "bomber",
                    "attacker",      "jihadist",     "militiaman",   "terrorist",     "extremist",
                    "guerrilla",     "suspect",      "activist",     "politician",    "lawmaker",
                    "judge",         "mayor",        "governor",     "minister",      "general",
                    "colonel",       "captain",      "sergeant",     "lieutenant",    "major",
                    "contractor",    "driver",       "passenger",    "pedestrian",    "worshipper",
                    "pilgrim",       "refugee",      "migrant",      "teenager",      "youth",
                    "infant",        "baby",         "toddler",      "schoolgirl",    "schoolboy",
                    "cleric",        "imam",         "priest",       "monk",          "tourist",
                    "hostage",       "volunteer",    "employee",     "staff",         "peacekeeper",
                    "troop",         "troops",       "policemen",    "men",           "women",
                    "children",      "aide",         "bodyguard",    "son",           "daughter",
                    "father",        "mother",       "brother",      "sister",        "wife",
                    "husband",       "family",       "individual",   "other",         "others",
                    "spy",           "informant",    "collaborator", "agent",         "elder",
                    "teen",          "ruler",        "chieftain",    "warlord",       "sheikh",
                    "mullah",        "preacher",     "clergyman",    "separatist",    "loyalist",
                    "supporter",     "dissident",    "opponent",     "defector",      "deserter",
                    "recruit",       "conscript",    "cadet",        "veteran",       "sniper",
                    "smuggler",      "kidnapper",    "bandit",       "herder",        "herdsman",
                    "tribesman",     "fisherman",    "trader",       "vendor",        "shopkeeper",
                    "businessman",   "engineer",     "lawyer",       "prosecutor",    "witness",
                    "blogger",       "photographer", "cameraman",    "correspondent", "diplomat",
                    "envoy",         "ambassador",   "councillor",   "councilor",     "chairman",
                    "headman",       "medic",        "paramedic",    "surgeon",       "physician",
                    "vaccinator",    "interpreter",  "translator",   "miner",         "labourer",
                    "laborer",       "candidate",    "voter",        "inmate",        "associate",
                    "colleague",     "companion",    "friend",       "relative",      "cousin",
                    "nephew",        "niece",        "uncle",        "aunt",          "grandson",
                    "granddaughter", "grandfather",  "grandmother",  "neighbour",     "neighbor",
                    "guest",         "fiance"});
}

// Side vocabulary (core/context.h): first victims word that says it.
std::string_view SideOfWord(std::string_view w) {
  if (In(w, {"civilian",   "civilians",   "child",      "children",    "woman",      "women",
             "villager",   "villagers",   "resident",   "residents",   "student",    "students",
             "schoolgirl", "schoolgirls", "schoolboy",  "schoolboys",  "worshipper", "worshippers",
             "pedestrian", "pedestrians", "farmer",     "farmers",     "shepherd",   "shepherds",
             "refugee",    "refugees",    "journalist", "journalists", "reporter",   "reporters",
             "teacher",    "teachers",    "doctor",     "doctors",     "nurse",      "nurses",
             "infant",     "infants",     "baby",       "babies",      "girl",       "girls",
             "boy",        "boys",        "pilgrim",    "pilgrims",    "passenger",  "passengers",
             "family",     "families",    "aid",        "tourist",     "tourists",   "migrant",
             "migrants"}))
    return "civilian";
  if (In(w,
         {"protester", "protesters", "protestor", "protestors", "demonstrator", "demonstrators"}))
    return "protester";
  if (In(w, {"rebel", "rebels", "insurgent", "insurgents", "guerrilla", "guerrillas", "opposition",
             "separatist", "separatists"}))
    return "rebel";
  if (In(w, {"militant", "militants", "jihadist", "jihadists", "terrorist", "terrorists",
             "extremist", "extremists", "gunman", "gunmen", "islamist", "islamists", "militia",
             "militiamen", "militiaman"}))
    return "militant";
  if (In(w, {"police", "policeman", "policemen", "policewoman", "security", "guard", "guards",
             "gendarme", "gendarmes", "officer", "officers", "constable", "constables"}))
    return "security";
  if (In(w, {"soldier",     "soldiers",     "troops",         "troop",        "army",
             "regime",      "government",   "pro-government", "servicemen",   "serviceman",
             "military",    "marine",       "marines",        "trooper",      "troopers",
             "paratrooper", "paratroopers", "peacekeeper",    "peacekeepers", "officials",
             "official"}))
    return "government";
  return "";
}

std::string_view SideOfSector(std::string_view sector) {
  if (In(sector, {"MIL", "GOV"})) return "government";
  if (In(sector, {"COP", "SPY"})) return "security";
  if (In(sector, {"REB", "INS", "SEP"})) return "rebel";
  if (In(sector, {"UAF"})) return "militant";
  if (In(sector, {"CVL", "REF", "MED", "EDU", "BUS", "LAB", "HLH", "REL", "AGR", "ELI"}))
    return "civilian";
  return "";
}

// "the war has killed 250,000", "the conflict, which has killed ...": a running total.
bool DeathCauseSubject(std::string_view lemma) {
  return In(lemma, {"war", "conflict", "insurgency", "crisis", "uprising", "revolution", "campaign",
                    "epidemic", "insurrection", "siege", "occupation"});
}
// "fighting killed 42 people" is one event; "the violence has killed 300" a total.
bool DeathCauseSubjectIfPerfect(std::string_view lemma) {
  return In(lemma, {"fighting", "violence", "unrest", "bloodshed", "clash", "attack", "strike",
                    "protest", "crackdown"});
}

// ---------------------------------------------------------------------------
// One sentence, read once.

struct View {
  const Document& doc;
  uint32_t b = 0, e = 0;           // document token range of the sentence
  std::vector<std::string> form;   // lower-case forms, by t - b
  std::vector<std::string> lemma;  // lower-case lemmas
  std::vector<int64_t> head;       // document index of the head, -1 for root / bad
  std::vector<std::vector<uint32_t>> kids;

  View(const Document& d, const Sentence& s) : doc(d), b(s.token_begin), e(s.token_end) {
    size_t n = e > b ? e - b : 0;
    form.resize(n);
    lemma.resize(n);
    head.assign(n, -1);
    kids.resize(n);
    for (uint32_t t = b; t < e; ++t) {
      const Token& tok = doc.tokens[t];
      form[t - b] = Lower(doc.Form(tok));
      lemma[t - b] = tok.lemma.empty() ? form[t - b] : Lower(tok.lemma);
      if (tok.head > 0 && static_cast<uint32_t>(tok.head) <= n) {
        uint32_t h = b + static_cast<uint32_t>(tok.head) - 1;
        if (h != t) {
          head[t - b] = h;
          kids[h - b].push_back(t);
        }
      }
    }
  }
  bool Has(uint32_t t) const { return t >= b && t < e; }
  const std::string& F(uint32_t t) const { return form[t - b]; }
  const std::string& L(uint32_t t) const { return lemma[t - b]; }
  int64_t H(uint32_t t) const { return head[t - b]; }
  const std::vector<uint32_t>& K(uint32_t t) const { return kids[t - b]; }
  const std::string& Dep(uint32_t t) const { return doc.tokens[t].deprel; }
  std::string_view Base(uint32_t t) const {
    std::string_view d = doc.tokens[t].deprel;
    return d.substr(0, d.find(':'));
  }
  Upos U(uint32_t t) const { return doc.tokens[t].upos; }
  const std::string& X(uint32_t t) const { return doc.tokens[t].xpos; }
  bool IsVerb(uint32_t t) const { return U(t) == Upos::kVerb || (!X(t).empty() && X(t)[0] == 'V'); }
  int64_t Child(uint32_t t, std::initializer_list<std::string_view> deps) const {
    for (uint32_t c : K(t))
      if (In(Dep(c), deps)) return c;
    return -1;
  }
  int64_t ChildLemma(uint32_t t, std::initializer_list<std::string_view> lemmas) const {
    for (uint32_t c : K(t))
      if (In(L(c), lemmas)) return c;
    return -1;
  }
  // Is a an ancestor of t (or t itself)?
  bool Dominates(uint32_t a, uint32_t t) const {
    for (int guard = 0; guard < 64 && Has(t); ++guard) {
      if (t == a) return true;
      int64_t h = H(t);
      if (h < 0) return false;
      t = static_cast<uint32_t>(h);
    }
    return false;
  }
};

std::optional<Kind> StateKind(const View& v, uint32_t t) {
  if (auto k = Find(kStates, v.F(t))) return k;
  if (v.U(t) == Upos::kNoun || v.U(t) == Upos::kAdj) return Find(kStates, v.L(t));
  return std::nullopt;
}
// The verb of a participle the tagger read as an adjective, its lemma left
// as the form ("found shot(JJ) dead", "stabbed(JJ)"), or "".
std::string_view AdjectiveParticipleVerb(std::string_view form) {
  static constexpr std::pair<std::string_view, std::string_view> kParticiples[] = {
      {"shot", "shoot"},       {"beaten", "beat"},      {"slain", "slay"},
      {"hung", "hang"},        {"stabbed", "stab"},     {"strangled", "strangle"},
      {"beheaded", "behead"},  {"executed", "execute"}, {"murdered", "murder"},
      {"tortured", "torture"}, {"lynched", "lynch"},    {"hacked", "hack"},
      {"stoned", "stone"},     {"gunned", "gun"}};
  for (const auto& [f, base] : kParticiples)
    if (form == f) return base;
  return {};
}

std::optional<Kind> VerbKind(const View& v, uint32_t t) {
  if (!v.IsVerb(t) && v.U(t) != Upos::kAdj) return std::nullopt;
  std::string_view l = v.L(t);
  if (v.U(t) == Upos::kAdj && l == v.F(t)) {
    if (const std::string_view base = AdjectiveParticipleVerb(l); !base.empty()) l = base;
  }
  if (l.rfind("kidnap", 0) == 0) return Kind::kAbducted;
  if (auto k = Find(kVerbs, l)) return k;
  // "round up" = arrest; "gun down", "mow down" = kill
  if (l == "round" && v.ChildLemma(t, {"up"}) >= 0) return Kind::kArrested;
  if (In(l, {"gun", "mow"}) && v.ChildLemma(t, {"down"}) >= 0) return Kind::kKilled;
  // "shot dead", "beaten to death"; "burned alive", "buried alive"
  if (In(l, {"shoot", "stab", "beat", "hack", "burn", "stone", "club", "gun", "bury"})) {
    const std::string_view result = In(l, {"burn", "bury"}) ? "alive" : "dead";
    auto to_death = [&](uint32_t c) {
      return v.L(c) == "death" && In(v.Base(c), {"obl", "nmod"}) && v.ChildLemma(c, {"to"}) >= 0;
    };
    for (uint32_t c : v.K(t)) {
      if ((v.L(c) == "dead" || (v.L(c) == result && c > t)) && In(v.Base(c), {"xcomp", "advmod"}))
        return Kind::kKilled;
      if (to_death(c)) return Kind::kKilled;
      // "beat a farmer to death", "shot the mayor dead", "burned 12 villagers
      // alive", "shot dead(amod) a policeman": hung on the object
      if (v.Base(c) == "obj")
        for (uint32_t d : v.K(c))
          if (to_death(d) || ((v.L(d) == "dead" || v.L(d) == result) && d > t))
            return Kind::kKilled;
    }
  }
  return std::nullopt;
}
std::optional<Kind> IntransitiveKind(const View& v, uint32_t t) {
  if (!v.IsVerb(t)) return std::nullopt;
  if (auto k = Find(kIntransitive, v.L(t))) return k;
  // "lost their lives"
  if (v.L(t) == "lose") {
    int64_t o = v.Child(t, {"obj"});
    if (o >= 0 && (v.L(o) == "life" || v.F(o) == "lives")) return Kind::kKilled;
  }
  return std::nullopt;
}

// Whether "among" and a number follow within `span` tokens from `from`, before
// any verb but "be": "Two BSF men among eight killed" (the first count is part
// of the second). With `through_commas`, past a list of single people too:
// "Lashkar commander, National Conference activist among eight killed".
bool AmongLargerCount(const View& v, uint32_t from, uint32_t span, bool through_commas) {
  for (uint32_t k = from; k < v.e && k < from + span; ++k) {
    if (v.U(k) == Upos::kVerb && v.L(k) != "be") return false;
    if (v.U(k) == Upos::kPunct && !(through_commas && v.F(k) == ",")) return false;
    if (v.F(k) != "among") continue;
    for (uint32_t j = k + 1; j < v.e && j < k + 4; ++j) {
      if (v.U(j) == Upos::kNum) return true;
      if (v.U(j) == Upos::kNoun || v.U(j) == Upos::kVerb) break;
    }
  }
  return false;
}

// Headline: "Seven soldiers killed in attack", "Policeman shot dead in Kabul"
// (core/clause.h; the tagger reads these as VBD).
bool HeadlinePassive(const View& v, uint32_t t) {
  std::span<const Token> sentence(v.doc.tokens.data() + v.b, v.e - v.b);
  return ReadsAsBarePassive(v.doc, sentence, t - v.b);
}

bool IsPassiveOrReduced(const View& v, uint32_t t) {
  if (v.Child(t, {"aux:pass", "nsubj:pass"}) >= 0) return true;
  return v.X(t) == "VBN" && v.Child(t, {"obj"}) < 0;
}

// Negated, hypothetical or threatened: "no one was killed", "could kill".
bool NotFactual(const View& v, uint32_t trigger) {
  for (uint32_t c : v.K(trigger)) {
    if (In(v.F(c), {"not", "n't", "never"})) return true;
    if (v.Base(c) == "aux" && In(v.L(c), {"will", "would", "could", "may", "might", "can", "should",
                                          "must", "'ll", "wo", "ca"}))
      return true;
  }
  int64_t h = v.H(trigger);
  if (h >= 0 && v.Dep(trigger) == "xcomp" &&
      In(v.L(h), {"threaten", "vow", "plan", "want", "try", "seek", "aim", "intend", "pledge",
                  "promise", "attempt", "warn"}))
    return true;
  return false;
}

// "15 were killed and injured", "kill and wound more than 80": one count for
// two kinds, whose split is unknown.
bool CombinedKinds(const View& v, uint32_t trigger, Kind kind) {
  auto other = [&](uint32_t t) {
    std::optional<Kind> k = VerbKind(v, t);
    if (!k) k = StateKind(v, t);
    return k && *k != kind;
  };
  auto bare = [&](uint32_t t) {  // no victims or count of its own
    if (v.Child(t, {"nsubj", "nsubj:pass", "obj", "nummod"}) >= 0) return false;
    for (uint32_t c : v.K(t))
      if (v.U(c) == Upos::kNum) return false;
    return t == 0 || v.U(t - 1) != Upos::kNum;
  };
  for (uint32_t c : v.K(trigger))
    if (v.Dep(c) == "conj" && other(c) && bare(c)) return true;
  int64_t h = v.H(trigger);
  if (h >= 0 && v.Dep(trigger) == "conj" && other(static_cast<uint32_t>(h)) && bare(trigger))
    return true;
  return false;
}

// ---------------------------------------------------------------------------
// A count found in the sentence before attachment.

struct Found {
  Casualty c;
  uint32_t trigger = 0;       // the word that says what happened (anchor for events)
  uint32_t victims_head = 0;  // noun counted, or the number
  bool has_victims_head = false;
  bool toll = false;  // "the death toll rose to 40": the event's running figure
};

// Where the count's relation to a kind word is found.
struct Link {
  Kind kind = Kind::kKilled;
  uint32_t trigger = 0;
  bool toll = false;
  bool bring = false;  // "bringing the death toll to"
};

bool IsTollWord(const View& v, uint32_t t) { return In(v.L(t), {"toll", "tally"}); }

// "bringing / raising / pushing / taking the death toll to 270": a running
// total. The verb governs the toll word, or (headline parses) comes just
// before it.
bool RaisedToll(const View& v, uint32_t toll) {
  auto raises = [&](uint32_t t) { return In(v.L(t), {"bring", "raise", "push", "take"}); };
  int64_t h = v.H(toll);
  if (h >= 0 && raises(static_cast<uint32_t>(h))) return true;
  for (uint32_t b = toll; b > v.b && b + 4 > toll;) {
    if (raises(--b)) return true;
  }
  return false;
}

Kind TollKind(const View& v, uint32_t toll) {
  for (uint32_t c : v.K(toll))
    if (In(v.L(c), {"injury", "injured", "wounded"})) return Kind::kInjured;
  return Kind::kKilled;
}

// The relation of nominal q to a casualty word.
// `number_first`: the first word of the number ("two" in "wounded two Dutch soldiers").
std::optional<Link> LinkOf(const View& v, uint32_t q, uint32_t number_first, int depth = 0) {
  if (depth > 2 || !v.Has(q)) return std::nullopt;
  const std::string& rel = v.Dep(q);
  int64_t hh = v.H(q);
  // Toll on q itself: "the death toll is 40" (q root with nsubj toll).
  for (uint32_t c : v.K(q))
    if (v.Base(c) == "nsubj" && IsTollWord(v, c)) return Link{TollKind(v, c), c, true, false};
  // A state word on the noun: "13 people killed", "13 civilians dead", "13 people who were killed".
  for (uint32_t c : v.K(q)) {
    std::string_view d = v.Dep(c);
    // Not between the number and the noun: "five displaced villagers killed" is
    // no displacement; "wounded(amod) two Dutch soldiers" is the verb misparsed.
    if ((c > q || c < number_first) &&
        (d == "amod" || d == "acl" || d == "acl:relcl" || d == "xcomp")) {
      if (auto k = StateKind(v, c); k && v.U(c) == Upos::kAdj) return Link{*k, c};
      if (auto k = VerbKind(v, c)) {
        if (d == "acl:relcl" ? IsPassiveOrReduced(v, c) : v.X(c) == "VBN" || v.U(c) == Upos::kAdj)
          return Link{*k, c};
      }
      if (auto k = IntransitiveKind(v, c); k && d == "acl:relcl") return Link{*k, c};
    }
  }
  // A headline's list "Twelve soldiers, 26 insurgents killed": the participle
  // on the last counted conjunct is the whole list's.
  if (hh < 0) {
    for (uint32_t c : v.K(q)) {
      if (v.Dep(c) != "conj" || c < q || v.Child(c, {"nummod"}) < 0) continue;
      if (auto l = LinkOf(v, c, c, depth + 1); l && !l->toll) return l;
    }
    return std::nullopt;
  }
  uint32_t h = static_cast<uint32_t>(hh);
  // Object of a casualty verb: "killed 13 civilians", "arresting 12".
  if (rel == "obj" || rel == "iobj") {
    if (auto k = VerbKind(v, h)) return Link{*k, h};
    // "left 13 dead", "shot 13 dead", "left 500 homeless"
    for (uint32_t c : v.K(h)) {
      if (c == q) continue;
      if (In(v.Base(c), {"xcomp", "advmod", "advcl", "obl", "amod", "conj", "obj"}))
        if (auto k = StateKind(v, c); k && v.U(c) != Upos::kNoun) return Link{*k, h};
    }
    // "claimed the lives of 13" is handled through nmod below.
  }
  // The subject of a result the parser made a small clause: "burned 12
  // villagers alive", "shot 13 dead" with the noun under "alive"/"dead",
  // the verb's xcomp.
  if ((rel == "obl:unmarked" || rel == "nsubj") && v.U(h) == Upos::kAdj &&
      In(v.L(h), {"alive", "dead"}) && v.Dep(h) == "xcomp" && v.H(h) >= 0 && q < h) {
    const uint32_t g = static_cast<uint32_t>(v.H(h));
    if (auto k = VerbKind(v, g)) return Link{*k, g};
  }
  // Passive subject; subject of die/flee/dead; headline "6 soldiers killed".
  // "Two men were found shot dead", "Two men found beheaded": the state
  // they were found in, a participle of violence ("found dead" alone says
  // nothing of how they died).
  if ((rel == "nsubj:pass" || (rel == "nsubj" && v.Child(h, {"obj"}) < 0) || rel == "obj") &&
      v.L(h) == "find")
    for (uint32_t c : v.K(h))
      if (v.Base(c) == "xcomp" && In(v.X(c), {"VBN", "JJ"}))
        if (auto k = VerbKind(v, c)) return Link{*k, c};
  if (rel == "nsubj:pass") {
    // "5 protesters were shot dead"
    for (uint32_t c : v.K(h))
      if (In(v.Base(c), {"xcomp", "advmod"}) && v.U(c) == Upos::kAdj)
        if (auto k = StateKind(v, c)) return Link{*k, h};
    if (auto k = VerbKind(v, h)) return Link{*k, h};
    if (auto k = StateKind(v, h)) return Link{*k, h};
    if (auto k = IntransitiveKind(v, h)) return Link{*k, h};  // parse slip: "died" passive
  }
  // "claimed more than 380,000 lives", "the attack cost 13 lives"
  if ((rel == "obj" || rel == "nsubj:pass") && (v.L(q) == "life" || v.F(q) == "lives") &&
      In(v.L(h), {"claim", "take", "cost"}))
    return Link{Kind::kKilled, h};
  if (rel == "nsubj") {
    if (auto k = IntransitiveKind(v, h)) return Link{*k, h};
    if (auto k = StateKind(v, h); k && v.U(h) == Upos::kAdj) return Link{*k, h};
    if (auto k = VerbKind(v, h); k && IsPassiveOrReduced(v, h)) return Link{*k, h};
    if (auto k = VerbKind(v, h); k && HeadlinePassive(v, h)) return Link{*k, h};
  }
  // "13 dead", "13 deaths", "40 fatalities", "13 lives"
  if (rel == "nummod" || rel == "compound") {
    if (auto k = StateKind(v, h)) return Link{*k, h};
  }
  // "the deaths of 13 people", "the abduction of 276 schoolgirls", "claimed the lives of 13"
  if (rel == "nmod" || rel == "nmod:poss") {
    if (v.ChildLemma(q, {"of"}) >= 0 || rel == "nmod:poss") {
      if (auto k = StateKind(v, h); k && v.U(h) == Upos::kNoun) return Link{*k, h};
      if (v.F(h) == "lives" || v.L(h) == "life") {
        int64_t g = v.H(h);
        return Link{Kind::kKilled, g >= 0 ? static_cast<uint32_t>(g) : h};
      }
      if (IsTollWord(v, h)) return Link{TollKind(v, h), h, true, false};
      // "a total of 40 people were killed", "one of the attackers": through the head
      if (In(v.L(h), {"total", "number", "one"})) return LinkOf(v, h, number_first, depth + 1);
    }
  }
  // Toll verbs: "the death toll rose to 40", "bringing the death toll to 40".
  if (rel == "obl" || rel == "obj" || rel == "xcomp" || rel == "nmod") {
    for (uint32_t c : v.K(h)) {
      if (c == q) continue;
      if ((v.Base(c) == "nsubj" || v.Base(c) == "obj") && IsTollWord(v, c))
        return Link{TollKind(v, c), c, true, RaisedToll(v, c)};
    }
    if (IsTollWord(v, h)) return Link{TollKind(v, h), h, true, RaisedToll(v, h)};
  }
  // Coordination: "killed 13 soldiers and 4 civilians", "13 soldiers and 4 civilians were killed".
  if (rel == "conj" && In(v.U(h), {Upos::kNoun, Upos::kPropn, Upos::kNum, Upos::kPron}))
    return LinkOf(v, h, number_first, depth + 1);
  return std::nullopt;
}

// Lexical fallback when the parse gives no relation: "13 killed, 20 wounded",
// "killing 13". `first`/`last` are the number's tokens; `noun_end` the end of
// the counted phrase.
std::optional<Link> LexicalLink(const View& v, uint32_t first, uint32_t noun_end, bool has_noun,
                                std::pair<uint32_t, uint32_t>* victims) {
  // first: the first word of the count phrase, qualifier included.
  // (a) After: "13 killed", "11 Somali Rebels killed", "dozens reported killed",
  //     "Four dead, 56 wounded" (headline parses are often wrong).
  if (noun_end < v.e) {
    uint32_t n = noun_end;
    if (!has_noun) {
      while (n < v.e && n < noun_end + 4 &&
             (In(v.U(n), {Upos::kAdj, Upos::kNoun, Upos::kPropn}) || v.F(n) == "-") &&
             ((!StateKind(v, n) && !VerbKind(v, n) && !Find(kVerbs, v.L(n))) ||
              (n + 1 < v.e && v.U(n + 1) == Upos::kNoun)))  // "displaced villagers"
        ++n;
      if (n > noun_end && n < v.e) *victims = {noun_end, n};
    }
    while (n + 1 < v.e && In(v.F(n), {"were", "was", "are", "is", "have", "has", "had", "been",
                                      "reportedly", "reported", "also", "more", "being"}))
      ++n;
    if (n < v.e) {
      if (In(v.X(n), {"VBN", "VBD", "JJ", "NNP", "VBZ"}) || v.F(n) == "dead")
        if (auto k = StateKind(v, n)) return Link{*k, n};
      if (auto k = Find(kIntransitive, v.L(n)); k && (v.IsVerb(n) || v.U(n) == Upos::kPropn))
        return Link{*k, n};
      if (In(v.F(n), {"shot", "shoot"}) && n + 1 < v.e && v.F(n + 1) == "dead")
        return Link{Kind::kKilled, n};
    }
    *victims = {0, 0};
  }
  // (b) Before: "killing 13", "Bandits Kill 3" (a noun to the tagger), "the
  //     killing of 22".
  if (first > v.b) {
    uint32_t p = first - 1;
    if (v.F(p) == "of" && p > v.b) --p;
    if (auto k = Find(kVerbs, v.L(p)); k && v.L(p) != "capture" && v.L(p) != "evacuate")
      return Link{*k, p};
    if (auto k = Find(kVerbs, v.F(p)); k && v.F(p) != "capture" && v.F(p) != "evacuate")
      return Link{*k, p};
    if (v.F(p).rfind("kidnap", 0) == 0) return Link{Kind::kAbducted, p};
    if (auto k = StateKind(v, p); k && v.F(first - 1) == "of") return Link{*k, p};
  }
  // (c) A toll just before: "death toll climbs to six", "death toll passes 150,000";
  //     "raising the death toll to 270" is a running total.
  for (uint32_t p = first; p > v.b && p + 5 > first;) {
    --p;
    if (IsTollWord(v, p)) return Link{TollKind(v, p), p, true, RaisedToll(v, p)};
  }
  return std::nullopt;
}

bool IsMonth(std::string_view w) {
  return In(w, {"january",   "february", "march",    "april",    "may",  "june", "july", "august",
                "september", "october",  "november", "december", "jan",  "feb",  "mar",  "apr",
                "jun",       "jul",      "aug",      "sep",      "sept", "oct",  "nov",  "dec"});
}

// Qualifier words just before the number: returns the qualifier and how many
// tokens it uses (0 if none).
std::pair<Qualifier, uint32_t> QualifierBefore(const View& v, uint32_t first) {
  auto w = [&](uint32_t back) -> std::string_view {
    return first >= v.b + back ? std::string_view(v.F(first - back)) : std::string_view();
  };
  if ((w(3) == "no" && In(w(2), {"fewer", "less"}) && w(1) == "than"))
    return {Qualifier::kAtLeast, 3};
  if (w(3) == "as" && w(2) == "many" && w(1) == "as") return {Qualifier::kAtMost, 3};
  if (w(3) == "in" && w(2) == "excess" && w(1) == "of") return {Qualifier::kAtLeast, 3};
  if (w(2) == "at" && w(1) == "least") return {Qualifier::kAtLeast, 2};
  if (w(2) == "at" && w(1) == "most") return {Qualifier::kAtMost, 2};
  if (w(2) == "more" && w(1) == "than") return {Qualifier::kAtLeast, 2};
  if (w(2) == "upwards" && w(1) == "of") return {Qualifier::kAtLeast, 2};
  if (w(2) == "up" && w(1) == "to") return {Qualifier::kAtMost, 2};
  if (In(w(2), {"fewer", "less"}) && w(1) == "than") return {Qualifier::kAtMost, 2};
  if (w(2) == "close" && w(1) == "to") return {Qualifier::kAtMost, 2};
  if (w(2) == "an" && w(1) == "estimated") return {Qualifier::kAbout, 2};
  if (In(w(1), {"over"})) return {Qualifier::kAtLeast, 1};
  if (In(w(1), {"nearly", "almost", "under"})) return {Qualifier::kAtMost, 1};
  if (In(w(1), {"about", "around", "some", "roughly", "approximately", "estimated", "circa",
                "approx.", "perhaps", "reportedly"}))
    return {w(1) == "reportedly" ? Qualifier::kExact : Qualifier::kAbout, 1};
  if (In(w(1), {"exactly", "only"})) return {Qualifier::kExact, 1};
  return {Qualifier::kExact, 0};
}

// Victims text: the counted noun and its modifiers, without determiners,
// numbers, qualifiers and clauses: "at least 13 (rebel) fighters" -> "(rebel)
// fighters"; "12 members of the security forces" -> "members of the security
// forces"; "civilians including children".
std::pair<uint32_t, uint32_t> VictimsSpan(const View& v, uint32_t noun, uint32_t number_end) {
  uint32_t lo = noun, hi = noun + 1;
  std::vector<uint32_t> stack;
  for (uint32_t c : v.K(noun)) {
    std::string_view d = v.Dep(c);
    if (In(d, {"amod", "compound", "flat", "nmod:poss", "punct"}) && c < noun) stack.push_back(c);
    if (d == "nmod" && c > noun) {
      for (uint32_t g : v.K(c))
        if (v.Dep(g) == "case" && In(v.L(g), {"of", "include", "including", "among"}))
          stack.push_back(c);
    }
  }
  // Subtrees of kept children.
  while (!stack.empty()) {
    uint32_t t = stack.back();
    stack.pop_back();
    if (t < number_end && t < noun) continue;  // never reach back over the number
    lo = std::min(lo, t);
    hi = std::max(hi, t + 1);
    for (uint32_t c : v.K(t))
      if (!In(v.Dep(c), {"acl:relcl", "acl", "appos"})) stack.push_back(c);
  }
  lo = std::max(lo, number_end);
  // Trim determiners and unmatched punctuation at the edges.
  while (lo < hi && (v.U(lo) == Upos::kDet || (v.U(lo) == Upos::kPunct && v.F(lo) != "("))) ++lo;
  while (hi > lo && v.U(hi - 1) == Upos::kPunct && v.F(hi - 1) != ")") --hi;
  // Keep parentheses balanced.
  int open = 0;
  for (uint32_t t = lo; t < hi; ++t) open += v.F(t) == "(" ? 1 : v.F(t) == ")" ? -1 : 0;
  if (open > 0 && hi < v.e && v.F(hi) == ")") ++hi;
  if (open > 0 && v.F(lo) == "(" && open == 1) {
    bool closes = false;
    for (uint32_t t = lo; t < hi; ++t) closes |= v.F(t) == ")";
    if (!closes) ++lo;
  }
  return {lo, hi};
}

std::string SideOf(const View& v, uint32_t lo, uint32_t hi,
                   const std::vector<int32_t>& mention_of) {
  // "civilians, including a police officer": the side of the group named first
  for (uint32_t t = lo; t < hi; ++t)
    if (In(v.F(t), {",", "including", "among"})) {
      hi = t;
      break;
    }
  for (uint32_t t = lo; t < hi; ++t) {
    std::string_view s = SideOfWord(v.F(t));
    if (!s.empty()) return std::string(s);
  }
  // Generic nouns say nothing of the side, whatever the actor tables say.
  for (uint32_t t = lo; t < hi; ++t)
    if (In(v.L(t), {"people", "person", "other", "others", "individual", "man", "men"}) &&
        (t + 1 == hi || v.F(t + 1) == "of"))
      return "";
  for (uint32_t t = lo; t < hi; ++t) {
    int32_t m = mention_of[t];
    if (m >= 0) {
      const ActorMention& am = v.doc.mentions[static_cast<size_t>(m)];
      std::string_view s = SideOfSector(am.sector);
      if (!s.empty()) return std::string(s);
    }
  }
  return "";
}

// Is this a running total? Looks at the trigger's clause.
bool Cumulative(const View& v, uint32_t trigger, const Link& link) {
  if (link.bring) return true;
  // The subject of the verb (or of the clause the count hangs on) is the war.
  std::vector<uint32_t> heads = {trigger};
  int64_t h = v.H(trigger);
  if (h >= 0) heads.push_back(static_cast<uint32_t>(h));
  for (uint32_t x : heads) {
    bool perfect = false;
    for (uint32_t c : v.K(x))
      if (v.Base(c) == "aux" && In(v.F(c), {"has", "have", "'s", "'ve"})) perfect = true;
    auto total = [&](uint32_t n) {
      return DeathCauseSubject(v.L(n)) || (perfect && DeathCauseSubjectIfPerfect(v.L(n)));
    };
    for (uint32_t c : v.K(x))
      if (v.Base(c) == "nsubj" && total(c)) return true;
    if (v.Dep(x) == "acl:relcl" && v.H(x) >= 0 && total(static_cast<uint32_t>(v.H(x)))) return true;
  }
  // Words in the clause of the trigger.
  std::vector<uint32_t> stack = {trigger};
  int steps = 0;
  while (!stack.empty() && ++steps < 200) {
    uint32_t t = stack.back();
    stack.pop_back();
    const std::string& f = v.F(t);
    // "since March" is a running total; "since dawn", "since this morning",
    // "since last night" are one day's toll, no more than "in 24 hours".
    if (f == "since") {
      const int64_t h = v.H(t);
      if (h < 0 || !In(v.L(static_cast<uint32_t>(h)),
                       {"dawn", "daybreak", "sunrise", "morning", "noon", "midday", "afternoon",
                        "evening", "night", "midnight", "overnight", "yesterday", "today"}))
        return true;
    }
    if (f == "altogether" || f == "overall" || f == "cumulative") return true;
    if (f == "far" && t > v.b && v.F(t - 1) == "so") return true;
    if (f == "date" && t > v.b && v.F(t - 1) == "to") return true;
    if (f == "total" && t > v.b && v.F(t - 1) == "in") return true;
    for (uint32_t c : v.K(t)) {
      std::string_view d = v.Dep(c);
      if (d == "advcl" && v.ChildLemma(c, {"since"}) >= 0) return true;  // "since they began"
      if (t == trigger && (d == "obl" || d == "obl:tmod" || d == "nmod:tmod")) {
        // "killed in the war", "killed last year"
        if (In(v.L(c), {"war", "conflict", "insurgency", "uprising", "revolution", "crisis"}))
          return true;
        if (In(v.L(c), {"year", "month"}) &&
            v.ChildLemma(c, {"last", "this", "past", "previous"}) >= 0)
          return true;
        // "over the past week", "in the past 24 hours": an aggregate of events
        if (In(v.L(c), {"week", "day", "hour", "month", "year", "decade"}) &&
            v.ChildLemma(c, {"past"}) >= 0)
          return true;
        // "in 13 days", "over two weeks": a sum over many days (a day's
        // "in 24 hours" is not)
        if (In(v.L(c), {"day", "week", "month", "year", "hour"}) &&
            v.ChildLemma(c, {"in", "over", "within", "during"}) >= 0) {
          for (uint32_t n : v.K(c)) {
            if (v.Dep(n) != "nummod") continue;
            auto value = ReadNumber({std::string_view(v.F(n))});
            if (value && value->value >= (v.L(c) == "hour" ? 48 : 2)) return true;
          }
        }
      }
      if (!In(d, {"ccomp", "parataxis", "advcl", "acl:relcl", "appos", "conj"})) stack.push_back(c);
    }
  }
  return false;
}

bool FamilyFits(Kind kind, std::string_view cameo) {
  if (cameo.size() < 2) return false;
  std::string_view root = cameo.substr(0, 2);
  bool violent = root == "18" || root == "19" || root == "20";
  bool repression = cameo.substr(0, 3) == "175";
  switch (kind) {
    case Kind::kKilled:  // not 181 (abduction)
      return (violent && cameo.substr(0, 3) != "181") || repression;
    case Kind::kDisplaced:
      return violent || repression || root == "17";
    case Kind::kInjured:
      return violent || repression || root == "14";
    case Kind::kArrested:
      return violent || root == "17" || root == "14";
    case Kind::kAbducted:
      return violent || root == "17";
  }
  return false;
}

bool Usable(const Event& e, Kind kind) {
  return !e.negated && e.modality == Modality::kFactual && FamilyFits(kind, e.cameo);
}

bool Hosts(const Event& e, uint32_t t) {
  return e.trigger_head == t || (t >= e.trigger_begin && t < e.trigger_end);
}

// The event a count with trigger `anchor` belongs to, or -1; `in_sentence`
// lists the events of the count's sentence.
int32_t AttachInSentence(const View& v, const Document& doc,
                         const std::vector<uint32_t>& in_sentence, uint32_t anchor, Kind kind) {
  std::vector<int32_t> usable;
  for (const uint32_t i : in_sentence)
    if (Usable(doc.events[i], kind)) usable.push_back(static_cast<int32_t>(i));
  if (usable.empty()) return -1;
  auto at = [&](uint32_t t) -> int32_t {
    for (int32_t i : usable)
      if (Hosts(doc.events[static_cast<size_t>(i)], t)) return i;
    return -1;
  };
  // A participle or coordinated verb hanging on the attack: "attacked X,
  // killing 4 and wounding 19" -> the event of "attacked" (the topmost one).
  {
    int32_t top = -1;
    uint32_t t = anchor;
    for (int d = 0; d < 4 && v.Has(t) && v.H(t) >= 0 &&
                    In(v.Dep(t), {"advcl", "xcomp", "conj", "acl", "advcl:relcl"});
         ++d) {
      t = static_cast<uint32_t>(v.H(t));
      if (int32_t e = at(t); e >= 0) top = e;
    }
    if (top >= 0) return top;
  }
  if (int32_t e = at(anchor); e >= 0) return e;
  // Ancestors.
  uint32_t t = anchor;
  for (int d = 0; d < 4 && v.Has(t) && v.H(t) >= 0; ++d) {
    t = static_cast<uint32_t>(v.H(t));
    if (int32_t e = at(t); e >= 0) return e;
  }
  // An event noun under the death verb: "air strikes killed 12", "killed in a
  // raid"; the one nearest it in the tree ("Suicide bombings ... killed 18,
  // the latest attacks to hit the capital": the bombings, not the hitting).
  {
    int32_t nearest = -1;
    int nearest_depth = 0;
    for (int32_t i : usable) {
      if (!v.Has(anchor)) break;
      // Up from the event's trigger to the anchor, counting the steps.
      int depth = 0;
      uint32_t u = doc.events[static_cast<size_t>(i)].trigger_head;
      while (u != anchor && v.Has(u) && v.H(u) >= 0 && depth < 64) {
        u = static_cast<uint32_t>(v.H(u));
        ++depth;
      }
      if (u != anchor) continue;  // not under the death verb
      if (nearest < 0 || depth < nearest_depth) {
        nearest = i;
        nearest_depth = depth;
      }
    }
    if (nearest >= 0) return nearest;
  }
  // Nearest.
  int32_t best = usable.front();
  int64_t best_d = -1;
  for (int32_t i : usable) {
    int64_t d = std::llabs(static_cast<int64_t>(doc.events[static_cast<size_t>(i)].trigger_head) -
                           static_cast<int64_t>(anchor));
    if (best_d < 0 || d < best_d) {
      best_d = d;
      best = i;
    }
  }
  return best;
}

// The usable event of a sentence (its events: `in_sentence`) that comes last.
int32_t LastUsable(const Document& doc, const std::vector<uint32_t>& in_sentence, Kind kind) {
  int32_t best = -1;
  for (const uint32_t i : in_sentence) {
    const Event& e = doc.events[i];
    if (Usable(e, kind) &&
        (best < 0 || e.trigger_head > doc.events[static_cast<size_t>(best)].trigger_head))
      best = static_cast<int32_t>(i);
  }
  return best;
}

std::string LastWord(std::string_view s) {
  size_t p = s.find_last_of(" )");
  std::string w(p == std::string_view::npos ? s : s.substr(p + 1));
  return Lower(w);
}

bool VictimsCompatible(const Casualty& a, const Casualty& b) {
  if (a.victims.empty() || b.victims.empty()) return true;
  if (!a.side.empty() && a.side == b.side) return true;
  std::string wa = LastWord(a.victims), wb = LastWord(b.victims);
  if (wa == wb) return true;
  // "people" / "persons" are compatible with anything
  return In(wa, {"people", "persons", "others"}) || In(wb, {"people", "persons", "others"});
}

// Finds the counts of one sentence.
void FindInSentence(const View& v, uint32_t si, const std::vector<int32_t>& mention_of,
                    const Options& options, Document& doc, std::vector<Found>* out) {
  std::vector<bool> used(v.e - v.b, false);  // tokens already in a count phrase
  std::vector<std::string_view> words;
  for (uint32_t t = v.b; t < v.e; ++t) {
    if (used[t - v.b]) continue;
    words.clear();
    for (uint32_t k = t; k < v.e && k < t + 8; ++k) words.push_back(v.F(k));
    auto num = ReadNumber(words);
    if (!num || num->words == 0) continue;
    // "one" as a pronoun without a casualty relation is handled below like any count.
    uint32_t first = t, last = t + static_cast<uint32_t>(num->words) - 1;
    bool plus = last + 1 < v.e && v.F(last + 1) == "+";  // "10+ dead"
    if (plus) ++last;
    for (uint32_t k = first; k <= last; ++k) used[k - v.b] = true;
    // "no one was killed"; dates, times, money, percentages.
    if (first > v.b && In(v.F(first - 1), {"no", "not"})) continue;
    if (first > v.b && (IsMonth(v.F(first - 1)) ||
                        In(v.F(first - 1), {"$", "£", "€", "no.", "#", "rs", "rs.", "usd", "update",
                                            "ld", "writethru", "page", "version", "phase"})))
      continue;
    if (last + 1 < v.e &&
        (IsMonth(v.F(last + 1)) ||
         In(v.F(last + 1), {"%", "percent", "per", "a.m.", "p.m.", "am", "pm", "gmt", "bc", "ad",
                            "lakh", "crore", "st", "nd", "rd", "th"})))
      continue;
    // The number's syntactic head outside its own words.
    const uint32_t digits_last = plus ? last - 1 : last;  // without the "+"
    uint32_t numhead = digits_last;
    for (uint32_t k = first; k <= digits_last; ++k) {
      int64_t h = v.H(k);
      if (h < 0 || h < first || h > last) {
        numhead = k;
        if (v.Dep(k) == "nummod") break;
      }
    }
    // The counted noun: "13 civilians" (nummod), "dozens of people" / "one of the attackers".
    uint32_t q = numhead;
    int64_t noun = -1;
    int64_t h = v.H(numhead);
    // "kills seven in Baghdad market", "arresting 12, security sources said":
    // not the counted noun
    bool separated = false;
    for (int64_t k = last + 1; h >= 0 && k < h; ++k)
      separated |= v.U(static_cast<uint32_t>(k)) == Upos::kAdp ||
                   v.F(static_cast<uint32_t>(k)) == "," || v.F(static_cast<uint32_t>(k)) == ";";
    if ((v.Dep(numhead) == "nummod" || v.Dep(numhead) == "det") && h >= 0 && !separated &&
        (v.U(static_cast<uint32_t>(h)) == Upos::kNoun ||
         v.U(static_cast<uint32_t>(h)) == Upos::kPropn ||
         v.U(static_cast<uint32_t>(h)) == Upos::kAdj)) {
      noun = h;
      // "300 police officers": the number hangs on the compound modifier
      for (int k = 0; k < 3 && v.Dep(static_cast<uint32_t>(noun)) == "compound" &&
                      v.H(static_cast<uint32_t>(noun)) > noun;
           ++k)
        noun = v.H(static_cast<uint32_t>(noun));
      q = static_cast<uint32_t>(noun);
    } else {
      for (uint32_t c : v.K(numhead)) {
        if (c > last && v.Base(c) == "nmod" && v.ChildLemma(c, {"of"}) >= 0) {
          noun = c;
          break;
        }
      }
    }
    // "13 dead", "13 deaths": the noun is the casualty word itself.
    bool noun_is_state = noun >= 0 && StateKind(v, static_cast<uint32_t>(noun)).has_value() &&
                         !PersonNoun(v.L(static_cast<uint32_t>(noun)));
    if (noun >= 0 && !noun_is_state && NonPersonNoun(v.L(static_cast<uint32_t>(noun)))) continue;
    // Inside "including 4 children" / "among them 4 children": part of another count.
    {
      uint32_t x = noun >= 0 ? static_cast<uint32_t>(noun) : numhead;
      // ("among" on the count itself names the whole: "two were among eight
      // people killed" counts eight.)
      if (v.ChildLemma(x, {"include", "including"}) >= 0 && v.Base(x) != "nsubj" &&
          v.Base(x) != "obj")
        continue;
      // "Two BSF men among eight killed", "two policemen were among the 8
      // dead": the first count is part of the second.
      if (AmongLargerCount(v, last + 1, 5, /*through_commas=*/false)) continue;
      if (first > v.b && In(v.L(first - 1), {"including", "include"})) continue;
      if (first > v.b + 1 && In(v.F(first - 1), {"them", "whom"}) && v.F(first - 2) == "among")
        continue;
      if (first > v.b + 1 && In(v.F(first - 2), {"including", "among"}) &&
          QualifierBefore(v, first).second > 0)
        continue;
    }
    // A count in a place phrase counts places, not victims, whatever the
    // parser made of it: "Suicide bombings at two Baghdad markets(nsubj, or
    // nmod with 'killed' as its acl) killed at least 18 people".
    if (v.ChildLemma(q, {"at", "in", "near", "on", "from"}) >= 0) continue;
    std::pair<uint32_t, uint32_t> lexical_victims = {0, 0};
    std::optional<Link> link = LinkOf(v, q, first);
    if (!link && q != numhead) link = LinkOf(v, numhead, first);
    uint32_t noun_end =
        noun >= 0 ? std::max<uint32_t>(static_cast<uint32_t>(noun) + 1, last + 1) : last + 1;
    if (!link && !(num->value >= 1900 && num->value <= 2100 && num->words == 1 &&
                   v.F(first).find(',') == std::string::npos))
      link = LexicalLink(v, first - QualifierBefore(v, first).second, noun_end, noun >= 0,
                         &lexical_victims);
    if (!link) continue;
    if (NotFactual(v, link->trigger) || CombinedKinds(v, link->trigger, link->kind)) continue;
    if (noun >= 0 && In(v.F(static_cast<uint32_t>(noun)), {"no"})) continue;
    // Capture / flee / evacuate only of people.
    if (noun >= 0 && !noun_is_state && In(v.L(link->trigger), {"capture", "evacuate", "flee"}) &&
        !PersonNoun(v.L(static_cast<uint32_t>(noun))) &&
        mention_of[static_cast<uint32_t>(noun)] < 0)
      continue;
    Found f;
    Casualty& c = f.c;
    c.sentence = si;
    c.kind = link->kind;
    auto [qual, qual_words] = QualifierBefore(v, first);
    if (qual_words == 0)
      qual = num->vague || plus ? Qualifier::kAtLeast
             : num->approximate ? Qualifier::kAbout
                                : Qualifier::kExact;
    c.qualifier = qual;
    uint32_t begin_tok = first - qual_words;
    uint32_t end_tok = last + 1;
    if (noun >= 0 && !noun_is_state) {
      auto [lo, hi] = VictimsSpan(v, static_cast<uint32_t>(noun), last + 1);
      if (hi > lo) {
        c.victims = std::string(doc.Slice(doc.tokens[lo].begin, doc.tokens[hi - 1].end));
        c.side = SideOf(v, lo, hi, mention_of);
        end_tok = std::max(end_tok, hi);
      }
      f.victims_head = static_cast<uint32_t>(noun);
      f.has_victims_head = true;
    } else if (lexical_victims.second > lexical_victims.first) {
      auto [lo, hi] = lexical_victims;
      c.victims = std::string(doc.Slice(doc.tokens[lo].begin, doc.tokens[hi - 1].end));
      c.side = SideOf(v, lo, hi, mention_of);
      end_tok = std::max(end_tok, hi);
    }
    c.token_begin = begin_tok;
    c.token_end = end_tok;
    c.begin = doc.tokens[begin_tok].begin;
    c.end = doc.tokens[end_tok - 1].end;
    c.cumulative = Cumulative(v, link->trigger, *link);
    if (link->toll && !c.cumulative) {
      // A country's or a war's toll is a running total: "Yemen death toll passes 150,000".
      for (uint32_t p = link->trigger; p > v.b && p + 4 > link->trigger;) {
        --p;
        int32_t m = mention_of[p];
        if ((m >= 0 && doc.mentions[static_cast<size_t>(m)].kind == ActorMention::Kind::kCountry) ||
            In(v.L(p), {"war", "conflict", "insurgency", "uprising", "revolution"}))
          c.cumulative = true;
      }
    }
    int64_t limit =
        (c.cumulative || c.kind == Kind::kDisplaced) ? options.max_large_count : options.max_count;
    if (num->overflow || num->value > limit) {
      doc.Warn(c.begin, "implausible casualty count " +
                            (num->overflow ? std::string("(too large for a 64-bit integer)")
                                           : std::to_string(num->value)) +
                            " '" + std::string(doc.Slice(c.begin, c.end)) + "' (limit " +
                            std::to_string(limit) + "): ignored");
      continue;
    }
    c.count = num->value;
    f.trigger = link->trigger;
    f.toll = link->toll;
    out->push_back(std::move(f));
  }
  const std::span<const Token> sentence(doc.tokens.data() + v.b, v.e - v.b);
  // Single people without a number: "a soldier was killed", "killed the deputy
  // chief", "both soldiers died".
  for (uint32_t tr = v.b; tr < v.e; ++tr) {
    std::optional<Kind> kind;
    std::vector<uint32_t> cands;
    if (auto k = VerbKind(v, tr)) {
      kind = k;
      for (uint32_t c : v.K(tr)) {
        if (v.Dep(c) == "nsubj:pass") cands.push_back(c);
        if (v.Dep(c) == "obj") cands.push_back(c);
        if (v.Dep(c) == "nsubj" && (IsPassiveOrReduced(v, tr) || HeadlinePassive(v, tr)))
          cands.push_back(c);
        // The parser's unmarked oblique before a headline's participle is
        // its subject ("Presidential guard(obl:unmarked) shot dead in Kabul").
        if (UnmarkedSubjectOfParticiple(sentence, tr - v.b, c - v.b)) cands.push_back(c);
      }
      if (In(v.Dep(tr), {"acl"}) && v.X(tr) == "VBN" && v.H(tr) >= 0)
        cands.push_back(static_cast<uint32_t>(v.H(tr)));
      // "A man was found shot dead", "Police found a man shot dead": the
      // one found, the object of an active "found", else its subject.
      if (v.Dep(tr) == "xcomp" && In(v.X(tr), {"VBN", "JJ"}) && v.H(tr) >= 0 &&
          v.L(static_cast<uint32_t>(v.H(tr))) == "find") {
        const uint32_t found = static_cast<uint32_t>(v.H(tr));
        if (const int64_t o = v.Child(found, {"obj"}); o >= 0)
          cands.push_back(static_cast<uint32_t>(o));
        else
          for (uint32_t c : v.K(found))
            if (In(v.Dep(c), {"nsubj:pass", "nsubj"})) cands.push_back(c);
      }
    } else if (auto k2 = IntransitiveKind(v, tr)) {
      kind = k2;
      for (uint32_t c : v.K(tr))
        if (v.Base(c) == "nsubj") cands.push_back(c);
    } else if (auto k3 = StateKind(v, tr); k3 && v.U(tr) == Upos::kAdj) {
      kind = k3;
      for (uint32_t c : v.K(tr))
        if (v.Base(c) == "nsubj") cands.push_back(c);
    }
    if (!kind || cands.empty() || NotFactual(v, tr)) continue;
    if (*kind == Kind::kDisplaced) continue;  // "a family fled": too weak
    for (uint32_t n : cands) {
      if (!v.Has(n) || used[n - v.b]) continue;
      bool covered = false;
      for (const Found& f : *out)
        if (f.c.sentence == si && n >= f.c.token_begin && n < f.c.token_end) covered = true;
      if (covered) continue;
      int64_t count = 0;
      int64_t det = v.Child(n, {"det"});
      std::string_view dw = det >= 0 ? std::string_view(v.F(static_cast<uint32_t>(det))) : "";
      bool person = PersonNoun(v.L(n));
      if (!person && v.U(n) == Upos::kPropn && v.X(n) == "NNP") {
        int32_t m = mention_of[n];
        person = m < 0 || doc.mentions[static_cast<size_t>(m)].kind == ActorMention::Kind::kNamed;
        if (m >= 0 && doc.mentions[static_cast<size_t>(m)].kind == ActorMention::Kind::kNamed &&
            doc.mentions[static_cast<size_t>(m)].code.size() == 3)
          person = false;  // a country or state as a whole
      }
      if (!person) continue;
      if (v.X(n) == "NNS" || In(v.F(n), {"people", "men", "women", "children", "troops", "police",
                                         "policemen", "servicemen", "others"})) {
        if (dw == "both") count = 2;
      } else if (v.X(n) == "NN" || v.X(n) == "NNP") {
        if (In(dw, {"a", "an", "the", "this", "that", "one", "another"}) ||
            v.Child(n, {"nmod:poss"}) >= 0 || v.U(n) == Upos::kPropn)
          count = 1;
        // Headlines drop the article: "Commander killed", "troops kill rebel commander".
        if (det < 0 && v.X(n) == "NN" && PersonNoun(v.L(n)) && v.Child(tr, {"aux"}) < 0 &&
            In(v.X(tr), {"VBN", "VBD", "VBP", "VBZ"}))
          count = 1;
      }
      if (count == 0 || In(dw, {"no", "every", "each", "any"})) continue;
      auto [lo, hi] = VictimsSpan(v, n, det >= 0 && det < n ? static_cast<uint32_t>(det) + 1 : 0);
      if (hi <= lo) continue;
      // A list of single people: "a husband, his wife and their baby" = 3.
      // Members with a number count on their own ("a judge, his son and two
      // guards": 2 here, 2 for the guards).
      if (count == 1) {
        std::vector<uint32_t> stack = {n}, list;
        bool all_people = true;
        int steps = 0;
        while (!stack.empty() && ++steps < 20) {
          uint32_t x = stack.back();
          stack.pop_back();
          for (uint32_t k : v.K(x)) {
            if (v.Dep(k) != "conj") continue;
            if (v.Child(k, {"nummod"}) >= 0 && PersonNoun(v.L(k))) {
              stack.push_back(k);
              continue;
            }
            if (v.X(k) != "NN" || !PersonNoun(v.L(k))) all_people = false;
            list.push_back(k);
            stack.push_back(k);
          }
        }
        // "kill doctor, his associate": the parser hangs the second object
        // as an oblique with no preposition after a comma.
        if (v.Dep(n) == "obj") {
          for (uint32_t k : v.K(tr)) {
            if (k <= n + 1 || v.Dep(k) != "obl" || v.Child(k, {"case"}) >= 0) continue;
            uint32_t first = k;
            for (uint32_t c : v.K(k)) {
              if (v.U(c) != Upos::kPunct) first = std::min(first, c);
            }
            if (first == 0 || v.F(first - 1) != "," || v.X(k) != "NN" || !PersonNoun(v.L(k)))
              continue;
            list.push_back(k);
          }
        }
        if (all_people && !list.empty()) {
          count += static_cast<int64_t>(list.size());
          hi = std::max(hi, *std::max_element(list.begin(), list.end()) + 1);
        }
      }
      // "Lashkar commander, National Conference activist among eight killed":
      // counted in the eight.
      if (AmongLargerCount(v, hi, 8, /*through_commas=*/true)) continue;
      Found f;
      Casualty& c = f.c;
      c.sentence = si;
      c.kind = *kind;
      c.count = count;
      c.qualifier = Qualifier::kExact;
      c.victims = std::string(doc.Slice(doc.tokens[lo].begin, doc.tokens[hi - 1].end));
      c.side = SideOf(v, lo, hi, mention_of);
      uint32_t begin_tok = det >= 0 && det < n ? static_cast<uint32_t>(det) : lo;
      c.token_begin = std::min(begin_tok, lo);
      c.token_end = hi;
      c.begin = doc.tokens[c.token_begin].begin;
      c.end = doc.tokens[c.token_end - 1].end;
      Link l{*kind, tr};
      c.cumulative = Cumulative(v, tr, l);
      f.trigger = tr;
      f.victims_head = n;
      f.has_victims_head = true;
      for (uint32_t k = lo; k < hi; ++k) used[k - v.b] = true;
      out->push_back(std::move(f));
    }
  }
}

}  // namespace

StatusOr<std::unique_ptr<CasualtyStage>> CasualtyStage::Create(const Options& options) {
  if (options.max_count <= 0 || options.max_large_count <= 0)
    return InvalidArgumentError("casualties: count limits must be positive");
  return std::unique_ptr<CasualtyStage>(new CasualtyStage(options));
}

Status CasualtyStage::Process(Document& doc) const {
  doc.casualties.clear();
  for (Event& e : doc.events) e.casualties.clear();
  const size_t ntok = doc.tokens.size();
  // Mention covering each token (innermost / first found).
  std::vector<int32_t> mention_of(ntok, -1);
  for (size_t m = 0; m < doc.mentions.size(); ++m) {
    const ActorMention& am = doc.mentions[m];
    for (uint32_t t = am.token_begin; t < am.token_end && t < ntok; ++t)
      if (mention_of[t] < 0) mention_of[t] = static_cast<int32_t>(m);
  }
  // Each sentence's events (scanning all events per count made long
  // documents quadratic).
  const std::vector<std::vector<uint32_t>> events_of =
      IndicesBySentence(doc.events, doc.sentences.size());
  static const std::vector<uint32_t> kNoEvents;
  auto events_in = [&](uint32_t si) -> const std::vector<uint32_t>& {
    return si < events_of.size() ? events_of[si] : kNoEvents;
  };
  std::vector<Found> found;
  std::vector<size_t> sentence_start;
  for (uint32_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    if (s.token_begin > s.token_end || s.token_end > ntok) continue;
    View v(doc, s);
    std::vector<Found> here;
    FindInSentence(v, si, mention_of, options_, doc, &here);
    std::sort(here.begin(), here.end(),
              [](const Found& a, const Found& b) { return a.c.token_begin < b.c.token_begin; });
    for (Found& f : here) {
      Casualty& c = f.c;
      if (!c.cumulative) {
        c.event = AttachInSentence(v, doc, events_in(si), f.trigger, c.kind);
        if (c.event < 0 && si > 0 && c.kind != Kind::kDisplaced) {
          // The count stated in the next sentence: "At least 13 ... were killed."
          c.event = LastUsable(doc, events_in(si - 1), c.kind);
        }
      }
      found.push_back(std::move(f));
    }
  }
  // Repeats. The title restates the body: it is looked at last, so that the
  // body's statement (with its event) is the first one.
  std::vector<size_t> order(found.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto in_title = [&](const Casualty& c) { return doc.body_begin > 0 && c.end <= doc.body_begin; };
  std::stable_partition(order.begin(), order.end(),
                        [&](size_t i) { return !in_title(found[i].c); });
  // Earlier counts (in `order`) by kind, count and cumulative flag: only
  // those can be repeated.
  std::map<std::tuple<int, int64_t, bool>, std::vector<size_t>> earlier;
  for (size_t oi = 0; oi < order.size(); ++oi) {
    Casualty& c = found[order[oi]].c;
    std::vector<size_t>& same = earlier[{static_cast<int>(c.kind), c.count, c.cumulative}];
    same.push_back(order[oi]);
    for (size_t k = 0; k + 1 < same.size(); ++k) {
      size_t j = same[k];
      const Casualty& p = found[j].c;
      if (p.repeats >= 0 || !VictimsCompatible(p, c)) continue;
      if (c.count <= 2) {
        // Small counts repeat by chance: only when the later sentence has no
        // violent event of its own, and victims say the same.
        bool own = false;
        for (const uint32_t i : events_in(c.sentence))
          if (Usable(doc.events[i], c.kind)) own = true;
        if (own || c.victims.empty() || LastWord(p.victims) != LastWord(c.victims)) continue;
      }
      if (p.event >= 0 && c.event >= 0 && p.event == c.event && p.sentence == c.sentence) continue;
      c.repeats = static_cast<int32_t>(j);
      c.event = -1;
      break;
    }
    // Part of an earlier total: "Two civilians were killed in separate
    // attacks in Kashmir. A civilian was killed ... in a grenade attack in
    // Srinagar." A count in a later sentence with no violent event of its
    // own (it took the earlier sentence's event), of the same kind and side
    // as a count already on that event and no larger, tells of some of
    // those dead, not of more; unless its sentence says so ("also",
    // "another", "more").
    if (c.repeats >= 0 || c.event < 0 || c.cumulative || c.side.empty()) continue;
    bool own = false;
    for (const uint32_t i : events_in(c.sentence))
      if (Usable(doc.events[i], c.kind)) own = true;
    const Sentence& cs = doc.sentences[c.sentence];
    // The cue before the count or just after it ("Another civilian was
    // killed", "a civilian was also killed"; not "... and another wounded").
    const uint32_t cue_end = std::min(cs.token_end, c.token_end + 3);
    for (uint32_t t = cs.token_begin; t < cue_end && !own; ++t) {
      std::string w(doc.Form(doc.tokens[t]));
      for (char& ch : w) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      own = In(w, {"also", "another", "more", "further", "additional", "other", "others"});
    }
    if (own) continue;
    for (size_t ok = 0; ok < oi; ++ok) {
      const Casualty& p = found[order[ok]].c;
      if (p.event != c.event || p.kind != c.kind || p.sentence >= c.sentence || p.repeats >= 0 ||
          p.count < c.count || p.side != c.side)
        continue;
      c.repeats = static_cast<int32_t>(order[ok]);
      c.event = -1;
      break;
    }
  }
  doc.casualties.reserve(found.size());
  for (Found& f : found) {
    int32_t idx = static_cast<int32_t>(doc.casualties.size());
    if (f.c.event >= 0 && f.c.repeats < 0 && static_cast<size_t>(f.c.event) < doc.events.size()) {
      std::vector<int32_t>& list = doc.events[static_cast<size_t>(f.c.event)].casualties;
      if (f.toll) {
        // A toll supersedes the event's earlier counts of its kind ("killing
        // 30 ... the death toll rose to 40" is 40, not 70); they keep `event`.
        std::erase_if(list, [&](int32_t i) {
          return doc.casualties[static_cast<size_t>(i)].kind == f.c.kind;
        });
      }
      list.push_back(idx);
    }
    doc.casualties.push_back(std::move(f.c));
  }
  return OkStatus();
}

}  // namespace sitrep::casualties
