#include "text/tokenizer.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cstring>

#include "core/binary_io.h"
#include "core/utf8.h"

namespace sitrep {
namespace {

// ---------------------------------------------------------------------------
// Character classes.

enum class Kind : uint8_t { kSpace, kLetter, kDigit, kMark, kPunct, kSymbol };

struct Cp {
  char32_t c;
  uint32_t off;  // byte offset of the first byte
  Kind kind;
  bool upper;
  bool lower;
};

Kind ClassifyNonAscii(char32_t c, bool* upper, bool* lower) {
  *upper = *lower = false;
  UChar32 u = static_cast<UChar32>(c);
  if (u_isUWhiteSpace(u) || c == 0x200B || c == 0xFEFF) return Kind::kSpace;
  int8_t type = u_charType(u);
  switch (type) {
    case U_UPPERCASE_LETTER:
    case U_TITLECASE_LETTER:
      *upper = true;
      return Kind::kLetter;
    case U_LOWERCASE_LETTER:
      *lower = true;
      return Kind::kLetter;
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
      return Kind::kLetter;
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
      return Kind::kMark;
    case U_DECIMAL_DIGIT_NUMBER:
      return Kind::kDigit;
    case U_CONNECTOR_PUNCTUATION:
    case U_DASH_PUNCTUATION:
    case U_START_PUNCTUATION:
    case U_END_PUNCTUATION:
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
    case U_OTHER_PUNCTUATION:
      return Kind::kPunct;
    case U_FORMAT_CHAR:
      return Kind::kMark;  // soft hyphen, ZWJ: glue to the word
    default:
      return Kind::kSymbol;
  }
}

Kind ClassifyAscii(char c, bool* upper, bool* lower) {
  *upper = c >= 'A' && c <= 'Z';
  *lower = c >= 'a' && c <= 'z';
  if (*upper || *lower) return Kind::kLetter;
  if (c >= '0' && c <= '9') return Kind::kDigit;
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
    return Kind::kSpace;
  if (c < 0x20 || c == 0x7F) return Kind::kSpace;  // control characters separate like space
  if (c == '$' || c == '+' || c == '<' || c == '=' || c == '>' || c == '^' || c == '`' ||
      c == '|' || c == '~')
    return Kind::kSymbol;
  return Kind::kPunct;
}

bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019; }
bool IsHyphen(char32_t c) { return c == '-' || c == 0x2010 || c == 0x2011; }
bool IsAlnum(const Cp& p) {
  return p.kind == Kind::kLetter || p.kind == Kind::kDigit || p.kind == Kind::kMark;
}
bool IsDash(char32_t c) { return c == '-' || c == 0x2013 || c == 0x2014 || c == 0x2015; }

char32_t LowerAscii(char32_t c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

// ---------------------------------------------------------------------------
// Token flags (kept in a vector parallel to Document::tokens).

// The longest paragraph read as a title-case headline (Worker::TitleCaseLine).
constexpr uint32_t kMaxTitleLineTokens = 30;

enum : uint32_t {
  kFlagWord = 1u << 0,         // starts with a letter or digit
  kFlagUpper = 1u << 1,        // first character is an upper-case letter
  kFlagLower = 1u << 2,        // first character is a lower-case letter
  kFlagDigit = 1u << 3,        // first character is a digit
  kFlagTerminal = 1u << 4,     // only . ! ? … characters
  kFlagEllipsis = 1u << 5,     // "..." or "…"
  kFlagAbbrev = 1u << 6,       // a word that kept its final period
  kFlagTitle = 1u << 7,        // abbreviation that precedes a name (Mr., Gen., J.)
  kFlagDquote = 1u << 8,       // ASCII "
  kFlagOpenQ = 1u << 9,        // “ ‘ « (
  kFlagCloseQ = 1u << 10,      // ” ’ » ) ]
  kFlagSquote = 1u << 11,      // ASCII ' (alone)
  kFlagDash = 1u << 12,        // - -- — –
  kFlagColon = 1u << 13,       // :
  kFlagAllCaps = 1u << 14,     // two or more letters, all upper case
  kFlagComma = 1u << 15,       // ,
  kFlagSemicolon = 1u << 16,   // ;
  kFlagOpenParen = 1u << 17,   // (
  kFlagCloseParen = 1u << 18,  // )
  kFlagNewlineAfter = 1u << 19,
  kFlagSplitPeriod = 1u << 20,  // a sentence-final abbreviation: split its "."
  kFlagEmoticon = 1u << 21,     // :) ;-) :D
};

// ---------------------------------------------------------------------------
// Built-in lists.

constexpr const char* kKeepHyphenPrefixes[] = {
    "e",     "co",    "pre",    "post",  "non",     "re",    "semi",  "pro",    "mid",
    "multi", "anti",  "ex",     "over",  "sub",     "neo",   "micro", "intra",  "inter",
    "vice",  "socio", "psycho", "un",    "counter", "ultra", "quasi", "bi",     "tri",
    "mini",  "macro", "trans",  "cross", "extra",   "infra", "meta",  "pseudo", "super",
    "hyper", "pan",   "mis",    "out",   "de",      "dis"};

// Arabic articles that, before a capitalised word, stay attached: al-Raqqa.
constexpr const char* kArabicArticles[] = {"al",  "el",   "ad",  "ar",    "as",   "ash", "at",
                                           "az",  "an",   "ez",  "es",    "ul",   "bin", "ibn",
                                           "abu", "bint", "abd", "abdel", "abdul"};

// Abbreviations (lower case, without the final period) that keep the period.
constexpr const char* kAbbreviations[] = {
    "mr",     "mrs",  "ms",   "dr",   "gen",  "lt",     "col",  "maj",  "capt", "sgt",   "cpl",
    "pvt",    "adm",  "brig", "cmdr", "cdr",  "rep",    "reps", "sen",  "sens", "gov",   "pres",
    "prof",   "rev",  "hon",  "st",   "mt",   "ft",     "jr",   "sr",   "no",   "nos",   "vs",
    "fig",    "figs", "jan",  "feb",  "mar",  "apr",    "jun",  "jul",  "aug",  "sep",   "sept",
    "oct",    "nov",  "dec",  "mon",  "tue",  "tues",   "wed",  "thu",  "thur", "thurs", "fri",
    "etc",    "inc",  "corp", "co",   "ltd",  "bros",   "llc",  "plc",  "ave",  "blvd",  "rd",
    "approx", "dept", "est",  "al",   "cf",   "messrs", "mme",  "mlle", "supt", "det",   "insp",
    "atty",   "gens", "lts",  "cols", "sgts", "ph",     "govt", "univ", "assn", "vol",   "vols",
    "pp",     "ca",   "viz",  "esp",  "ext",  "tel",    "mins", "hrs",  "yrs",  "def",   "cpt",
    "spc",    "pfc",  "ens",  "pop",  "v",    "drs",    "mssrs"};

// Abbreviations after which a name follows: never a sentence end.
constexpr const char* kTitles[] = {
    "mr",   "mrs",    "ms",   "dr",   "gen",  "lt",  "col",  "maj",  "capt", "sgt", "cpl",
    "pvt",  "adm",    "brig", "cmdr", "cdr",  "rep", "reps", "sen",  "sens", "gov", "pres",
    "prof", "rev",    "hon",  "st",   "mt",   "ft",  "no",   "nos",  "vs",   "fig", "figs",
    "jan",  "feb",    "mar",  "apr",  "jun",  "jul", "aug",  "sep",  "sept", "oct", "nov",
    "dec",  "messrs", "mme",  "mlle", "supt", "det", "insp", "atty", "gens", "cpt", "spc",
    "pfc",  "ens",    "ca",   "cf",   "viz",  "tel", "ext"};

// Capitalised words that, after an abbreviation such as "U.S.", start a new
// sentence rather than continue a name. Mostly function words: nouns and
// adjectives ("Security", "Government", "Syrian") often continue a name
// ("the U.N. Security Council").
constexpr const char* kSentenceStarters[] = {
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "But", "And", "Or", "So", "Yet",
    "In", "On", "At", "For", "From", "With", "By", "To", "Of", "As", "This", "That", "These",
    "Those", "There", "Here", "His", "Her", "Its", "Their", "Our", "My", "Your", "Meanwhile",
    "However", "After", "Before", "When", "While", "If", "Although", "Though", "Since", "Because",
    "Some", "Many", "Most", "Several", "All", "Both", "Each", "Such", "No", "Not", "One", "Two",
    "Three", "Earlier", "Later", "Last", "Next", "On", "Also", "Still", "Instead", "Now", "Then",
    "Today", "Yesterday", "Tomorrow", "What", "Who", "Why", "How", "Where", "Which", "Asked",
    "According", "Thanks", "Please", "Yes", "Other", "Another", "Under", "During", "Despite",
    "Over", "About", "Nearly", "More", "Only", "Even", "Just", "Do", "Does", "Did", "Is", "Are",
    "Was", "Were", "Has", "Have", "Had", "Will", "Would", "Can", "Could", "Should", "May", "Might",
    "Must", "Let", "Thank", "Then", "Once", "Until", "Unlike", "Like", "Among", "Between",
    "Without", "Through", "Following", "Separately", "Elsewhere", "Overall", "Indeed", "Moreover",
    "Furthermore", "Nevertheless", "Still",
    // Plural nouns that start wire sentences but are not parts of names
    // after "U.S." or "U.N." ("Army", "Security Council", "Forces" are).
    "Officials", "Witnesses", "Residents", "Activists", "Authorities", "Rebels", "Police"};

// Units split off a number: "5.56mm" => [5.56] [mm], "65k" => [65] [k].
constexpr const char* kUnits[] = {
    "k",   "m",   "mm",  "cm",   "km",  "kg",   "g",   "mg", "lb", "lbs", "am",  "pm", "bn", "mn",
    "ft",  "mph", "kph", "kmh",  "ml",  "gb",   "mb",  "tb", "kb", "ghz", "mhz", "hz", "kw", "mw",
    "hrs", "hr",  "min", "mins", "sec", "secs", "yrs", "yr", "x",  "l",   "oz",  "kt", "t"};

// Words that are two UD words without an apostrophe.
struct FusedWord {
  const char* lower;
  uint8_t split;  // byte length of the first word
};
constexpr FusedWord kFusedWords[] = {
    {"cannot", 3}, {"gonna", 3}, {"wanna", 3}, {"gotta", 3},   {"dont", 2},    {"didnt", 3},
    {"doesnt", 4}, {"isnt", 2},  {"wasnt", 3}, {"couldnt", 5}, {"wouldnt", 5}, {"shouldnt", 6},
    {"havent", 4}, {"hasnt", 3}, {"arent", 3}, {"werent", 4},  {"aint", 2},    {"thats", 4},
    {"theres", 5}, {"ive", 1},   {"cant", 2},  {"outta", 3},   {"gimme", 3},   {"lemme", 3}};

template <size_t N>
void AddAll(StringSet* set, const char* const (&list)[N]) {
  for (const char* s : list) set->insert(s);
}

// A lower-cased ASCII copy of bytes [b, e) of text into buf (non-ASCII bytes
// are copied unchanged). Returns a view of buf, or an empty view if too long.
std::string_view LowerBytes(std::string_view text, uint32_t b, uint32_t e, char* buf, size_t cap) {
  size_t n = e - b;
  if (n > cap) return {};
  for (size_t i = 0; i < n; ++i) {
    char c = text[b + i];
    buf[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  return std::string_view(buf, n);
}

constexpr char kSectionMagic[8] = {'S', 'R', 'T', 'O', 'K', 'E', 'N', '1'};
// Version 2: integer feature hashing. Version 3: token classes, paragraph
// and next-stop features, every gap consulted (older sections are refused:
// their weights belong to other features).
constexpr uint32_t kSectionVersion = 3;

// Fine token classes for the boundary classifier.
enum TokenClass : uint64_t {
  kClsNone = 1,
  kClsTitle,      // "Thanks", "McDermott"
  kClsCaps,       // "ENRON", "PM"
  kClsInitial,    // "X"
  kClsLower,      // "thanks"
  kClsNumber,     // "2000"
  kClsNumberish,  // "10:30", "203.961.7523", "4.6", "22th"
  kClsUrl,        // "http://...", "www.x.org"
  kClsEmail,      // "a@b.com"
  kClsFile,       // "API.pdf", "Sam3102.doc"
  kClsNonAscii,   // starts with a non-ASCII character
  kClsPeriod,     // "."
  kClsBang,       // "!" "?" "?!" "!!!"
  kClsEllipsis,   // "..." "…"
  kClsComma,
  kClsColon,
  kClsSemicolon,
  kClsDash,      // "-" "--" "—"
  kClsRule,      // "=====", "*****", "____", "----=="
  kClsOpen,      // ( [ {
  kClsClose,     // ) ] }
  kClsQuote,     // " ' “ ” ‘ ’
  kClsEmoticon,  // ":)" ":P"
  kClsAbbrev,    // "etc." "U.S." "J."
  kClsHandle,    // "#Syria" "@UN"
  kClsOther,
};

uint64_t ClassifyToken(std::string_view s) {
  if (s.empty()) return kClsNone;
  unsigned char c = static_cast<unsigned char>(s[0]);
  const size_t n = s.size();
  if (c >= 0x80) {
    if (s == "\xE2\x80\xA6") return kClsEllipsis;
    if (s == "\xE2\x80\x94" || s == "\xE2\x80\x93") return kClsDash;
    if (s.substr(0, 2) == "\xE2\x80") return kClsQuote;  // “ ” ‘ ’ and other punctuation
    return kClsNonAscii;
  }
  bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  bool digit = c >= '0' && c <= '9';
  if (alpha || digit) {
    if (s.find("://") != std::string_view::npos ||
        (n > 4 && (s[0] == 'w' || s[0] == 'W') &&
         (s.substr(0, 4) == "www." || s.substr(0, 4) == "WWW.")))
      return kClsUrl;
    size_t at = s.find('@');
    if (at != std::string_view::npos && at > 0) return kClsEmail;
    if (n >= 2 && s[n - 1] == '.') return kClsAbbrev;
    size_t dot = s.rfind('.');
    if (alpha && dot != std::string_view::npos && dot + 1 < n && n - dot <= 5) {
      bool ext = true;
      for (size_t i = dot + 1; i < n; ++i)
        if (!(s[i] >= 'a' && s[i] <= 'z') && !(s[i] >= 'A' && s[i] <= 'Z')) ext = false;
      if (ext && dot >= 2) return kClsFile;
    }
    if (digit) {
      for (char x : s)
        if (x < '0' || x > '9') return kClsNumberish;
      return kClsNumber;
    }
    if (c >= 'a' && c <= 'z') return kClsLower;
    if (n == 1) return kClsInitial;
    for (size_t i = 1; i < n; ++i)
      if (s[i] >= 'a' && s[i] <= 'z') return kClsTitle;
    return kClsCaps;
  }
  if ((c == '#' || c == '@') && n > 1) return kClsHandle;
  if (n >= 2 && (c == ':' || c == ';' || c == '=')) return kClsEmoticon;
  if (n >= 3) {
    bool rule = true;
    for (char x : s)
      if (x != '=' && x != '-' && x != '*' && x != '_' && x != '~' && x != '#' && x != '+' &&
          x != '>' && x != '<')
        rule = false;
    if (rule) return kClsRule;
  }
  switch (c) {
    case '.':
      return n == 1 ? kClsPeriod : kClsEllipsis;
    case '!':
    case '?':
      return kClsBang;
    case ',':
      return kClsComma;
    case ':':
      return kClsColon;
    case ';':
      return kClsSemicolon;
    case '-':
      return kClsDash;
    case '(':
    case '[':
    case '{':
      return kClsOpen;
    case ')':
    case ']':
    case '}':
      return kClsClose;
    case '"':
    case '\'':
    case '`':
      return kClsQuote;
    case '_':
    case '=':
    case '*':
      return n >= 2 ? kClsRule : kClsOther;
    default:
      return kClsOther;
  }
}

uint64_t Bucket(uint32_t len) {
  return len <= 1    ? 1
         : len <= 2  ? 2
         : len <= 4  ? 3
         : len <= 8  ? 4
         : len <= 16 ? 5
         : len <= 32 ? 6
                     : 7;
}

// What the boundary classifier needs to know about one token, computed once
// per token of a paragraph.
struct GapToken {
  uint64_t lower;   // hash of the ASCII-lower-cased form
  uint64_t cased;   // hash of the form
  uint8_t shape;    // 1 none, 2 "Xx", 3 "XX", 4 "x", 5 digit, 6 non-ASCII, 7 other
  uint8_t cls;      // TokenClass
  uint8_t starter;  // 1 if a known sentence starter, else 2
  uint8_t space_after;
  uint8_t newline_after;  // a newline between this token and the next
  uint32_t next_stop;     // index of the first . ! ? ... token at or after this one (or ~0)
};

uint64_t FormHash(std::string_view s, bool fold) {
  uint64_t h = 1469598103934665603ULL;
  for (char c : s) {
    if (fold && c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  }
  return h;
}

uint8_t CoarseShape(std::string_view s) {
  unsigned char c = static_cast<unsigned char>(s[0]);
  if (c >= 'A' && c <= 'Z') {
    if (s.size() < 2) return 2;
    for (char x : s)
      if (x >= 'a' && x <= 'z') return 2;
    return 3;
  }
  if (c >= 'a' && c <= 'z') return 4;
  if (c >= '0' && c <= '9') return 5;
  if (c >= 0x80) return 6;
  return 7;
}

// Fills (*out)[0, e-b) with the summaries of tokens [b, e) (one paragraph or
// part of one).
void ComputeGapTokens(const Document& doc, const StringSet& starters, uint32_t b, uint32_t e,
                      std::vector<GapToken>* out) {
  out->resize(e - b);
  std::string_view text = doc.text;
  uint32_t next_stop = ~0u;
  for (uint32_t k = e; k-- > b;) {
    const Token& tk = doc.tokens[k];
    std::string_view s = text.substr(tk.begin, tk.end - tk.begin);
    GapToken& g = (*out)[k - b];
    g.lower = FormHash(s, true);
    g.cased = FormHash(s, false);
    g.shape = CoarseShape(s);
    g.cls = static_cast<uint8_t>(ClassifyToken(s));
    g.starter = (g.shape == 2 || g.shape == 3) && starters.count(s) ? 1 : 2;
    g.space_after = tk.space_after ? 1 : 2;
    g.newline_after = 2;
    if (k + 1 < doc.tokens.size()) {
      for (uint32_t q = tk.end; q < doc.tokens[k + 1].begin; ++q)
        if (text[q] == '\n') g.newline_after = 1;
    }
    if (g.cls == kClsPeriod || g.cls == kClsBang || g.cls == kClsEllipsis) next_stop = k;
    g.next_stop = next_stop;
  }
}

inline uint64_t Mix(uint64_t x) {  // splitmix64 finaliser
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// The features of the gap after token t. `info[k]` summarises token k for
// k in [b, e) (tokens outside are "none"); `paragraph_end` is one past the
// paragraph's last token. Features: forms (lower-cased and, for the next
// word, cased), coarse shapes and fine classes of two tokens either side,
// the sentence length so far, the tokens left in the paragraph, how far the
// next . ! ? is, and the rules' decision.
void GapFeatures(const GapToken* info, uint32_t b, uint32_t e, uint32_t t, uint32_t sentence_begin,
                 uint32_t paragraph_end, bool rule_cut, std::vector<uint64_t>* out) {
  out->clear();
  const int64_t lo = b, hi = e;
  const int64_t k = t;
  constexpr uint64_t kNoForm = 0x51ED27;
  auto lower = [&](int64_t q) { return q >= lo && q < hi ? info[q].lower : kNoForm; };
  auto shape = [&](int64_t q) -> uint64_t { return q >= lo && q < hi ? info[q].shape : 1; };
  auto cls = [&](int64_t q) -> uint64_t {
    return q >= lo && q < hi ? uint64_t{info[q].cls} : uint64_t{kClsNone};
  };
  auto add = [&](uint64_t id, uint64_t a) { out->push_back(Mix(Mix(id) ^ a)); };
  auto add2 = [&](uint64_t id, uint64_t a, uint64_t c) {
    out->push_back(Mix(Mix(Mix(id) ^ a) ^ c));
  };
  auto add3 = [&](uint64_t id, uint64_t a, uint64_t c, uint64_t d) {
    out->push_back(Mix(Mix(Mix(Mix(id) ^ a) ^ c) ^ d));
  };
  uint64_t w0 = lower(k), w1 = lower(k + 1), wm = lower(k - 1), w2 = lower(k + 2);
  uint64_t s0 = shape(k), s1 = shape(k + 1), sm = shape(k - 1), s2 = shape(k + 2);
  uint64_t c0 = cls(k), c1 = cls(k + 1), cm = cls(k - 1), c2 = cls(k + 2);
  uint64_t bucket = Bucket(t + 1 - sentence_begin);
  uint64_t left = Bucket(paragraph_end - t - 1);
  uint64_t next_stop = 0;  // distance to the next . ! ? within 16 tokens (0 = none)
  if (k + 1 < hi && info[k + 1].next_stop != ~0u && info[k + 1].next_stop - t <= 16)
    next_stop = Bucket(info[k + 1].next_stop - t);
  const GapToken& g0 = info[k];
  uint64_t starter = k + 1 < hi ? info[k + 1].starter : 2;
  uint64_t rule = rule_cut ? 2 : 1;
  out->reserve(48);
  add(1, 0);  // bias
  add(2, w0);
  add(3, w1);
  add2(4, w0, w1);
  add(5, s0);
  add(6, s1);
  add2(7, s0, s1);
  add2(8, sm, s0);
  add2(9, s1, s2);
  add(10, wm);
  add(11, w2);
  add2(12, w0, s1);
  add2(13, s0, w1);
  add(14, bucket);
  add2(15, bucket, s1);
  add(16, starter);
  add(17, g0.space_after);
  add(18, g0.newline_after);
  add2(19, bucket, w0);
  add2(20, wm, w0);
  add2(21, w1, s2);
  add2(22, sm, w0);
  add(23, rule);
  add2(24, rule, w0);
  add2(25, rule, s1);
  add2(26, rule, w1);
  add(27, k + 1 < hi ? info[k + 1].cased : kNoForm);
  add(28, c0);
  add(29, c1);
  add2(30, c0, c1);
  add3(31, cm, c0, c1);
  add3(32, c0, c1, c2);
  add3(33, wm, w0, s1);
  add2(34, w1, w2);
  add(35, left);
  add2(36, next_stop, c1);
  add2(37, bucket, left);
  add2(38, w0, c1);
  add2(39, c0, w1);
  add3(40, rule, c0, c1);
  add2(41, starter, c0);
  add3(42, bucket, c0, c1);
}

// ---------------------------------------------------------------------------
// The per-call worker. Holds references and reusable buffers.

class Worker {
 public:
  Worker(const Tokenizer& tok, Document& doc)
      : tok_(tok), data_(tok.data()), doc_(doc), text_(doc.text) {}

  void Run();

 private:
  void Decode();
  void TokenizeRange(size_t a, size_t b);  // cps [a, b), a paragraph
  void Chunk(size_t a, size_t b);
  size_t Word(size_t i, size_t b);  // returns the end of what it emitted
  void EmitCore(size_t i, size_t j, bool abbrev_period);
  void EmitSegment(size_t s, size_t e, bool last);
  void Emit(uint32_t begin, uint32_t end, uint32_t extra_flags = 0);
  void EmitCps(size_t i, size_t j, uint32_t extra_flags = 0) {
    Emit(cps_[i].off, End(j), extra_flags);
  }
  uint32_t End(size_t j) const {
    return j < cps_.size() ? cps_[j].off : static_cast<uint32_t>(text_.size());
  }
  bool IsUrlStart(size_t a, size_t b) const;
  size_t UrlEnd(size_t a, size_t b) const;
  bool TryEmail(size_t a, size_t b);
  bool IsAbbreviation(size_t i, size_t j, size_t b, bool* title) const;
  void SplitSentences(uint32_t t0, uint32_t t1, uint32_t paragraph);
  uint32_t DatelineEnd(uint32_t t0, uint32_t t1) const;
  // Tokens [t0, t1) are a title-case headline: at most kMaxTitleLineTokens,
  // no . ! ? before the last token, no ; ( @ / < (mail headers and
  // signatures), three or more words (numbers aside), at least three in four
  // of them capitalised.
  bool TitleCaseLine(uint32_t t0, uint32_t t1) const;
  bool IsStarter(uint32_t t) const;
  bool IsClockAbbrev(uint32_t t) const;
  bool ContinuesTime(uint32_t t, uint32_t t1) const;
  void AddSentence(uint32_t t0, uint32_t t1, uint32_t paragraph);
  void MarkFinalPeriod(uint32_t t);
  void ApplyPeriodSplits();
  bool any_split_ = false;

  const Tokenizer& tok_;
  const Tokenizer::Data& data_;
  Document& doc_;
  std::string_view text_;
  std::vector<Cp> cps_;
  std::vector<uint32_t> flags_;
  std::vector<uint64_t> feats_;
  std::vector<GapToken> gap_info_;  // of the current paragraph
};

void Worker::Decode() {
  cps_.clear();
  cps_.reserve(text_.size());
  size_t i = 0;
  while (i < text_.size()) {
    Cp p;
    p.off = static_cast<uint32_t>(i);
    unsigned char byte = static_cast<unsigned char>(text_[i]);
    if (byte < 0x80) {
      p.c = byte;
      p.kind = ClassifyAscii(static_cast<char>(byte), &p.upper, &p.lower);
      ++i;
    } else {
      p.c = DecodeUtf8(text_, &i);
      p.kind = ClassifyNonAscii(p.c, &p.upper, &p.lower);
    }
    cps_.push_back(p);
  }
}

void Worker::Emit(uint32_t begin, uint32_t end, uint32_t extra) {
  if (end <= begin) return;
  Token t;
  t.begin = begin;
  t.end = end;
  t.space_after = false;
  doc_.tokens.push_back(std::move(t));
  // Flags from the first code point and the bytes.
  uint32_t f = extra;
  std::string_view s = text_.substr(begin, end - begin);
  size_t i = 0;
  bool upper = false, lower = false;
  char32_t c0 = DecodeUtf8(s, &i);
  Kind k0;
  if (c0 < 0x80) {
    k0 = ClassifyAscii(static_cast<char>(c0), &upper, &lower);
  } else {
    k0 = ClassifyNonAscii(c0, &upper, &lower);
  }
  if (k0 == Kind::kLetter || k0 == Kind::kDigit) f |= kFlagWord;
  if (upper) f |= kFlagUpper;
  if (lower) f |= kFlagLower;
  if (k0 == Kind::kDigit) f |= kFlagDigit;
  if (k0 == Kind::kLetter) {
    // All caps: two or more letters and no lower-case ASCII letter.
    int letters = 0;
    bool any_lower = false;
    for (char c : s) {
      if (c >= 'a' && c <= 'z') any_lower = true;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) ++letters;
    }
    if (letters >= 2 && !any_lower && upper) f |= kFlagAllCaps;
  }
  if (k0 == Kind::kPunct || k0 == Kind::kSymbol) {
    bool terminal = true;
    size_t j = 0;
    int dots = 0;
    while (j < s.size()) {
      char32_t c = DecodeUtf8(s, &j);
      if (c == '.') ++dots;
      if (c == 0x2026) dots += 3;
      if (c != '.' && c != '!' && c != '?' && c != 0x2026) terminal = false;
    }
    if (terminal) f |= kFlagTerminal;
    if (terminal && dots >= 2) f |= kFlagEllipsis;
    if (s == "\"") f |= kFlagDquote;
    if (s == "'") f |= kFlagSquote;
    if (c0 == 0x201C || c0 == 0x2018 || c0 == 0xAB || s == "``") f |= kFlagOpenQ;
    if (c0 == 0x201D || c0 == 0x2019 || c0 == 0xBB || s == "''") f |= kFlagCloseQ;
    if (c0 == '(' || c0 == '[' || c0 == '{') f |= kFlagOpenQ | kFlagOpenParen;
    if (c0 == ')' || c0 == ']' || c0 == '}') f |= kFlagCloseQ | kFlagCloseParen;
    if (IsDash(c0) || c0 == 0x2012) f |= kFlagDash;
    if (s == ":") f |= kFlagColon;
    if (s == ",") f |= kFlagComma;
    if (s == ";") f |= kFlagSemicolon;
  }
  flags_.push_back(f);
}

// The end of a URL starting at a: the chunk minus trailing punctuation (and
// unbalanced closing brackets).
size_t Worker::UrlEnd(size_t a, size_t b) const {
  size_t e = b;
  int open = 0, close = 0;
  for (size_t k = a; k < b; ++k) {
    if (cps_[k].c == '(') ++open;
    if (cps_[k].c == ')') ++close;
  }
  while (e > a + 4) {
    char32_t c = cps_[e - 1].c;
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '"' ||
        c == '\'' || c == 0x2019 || c == 0x201D || c == '>' || c == ']') {
      --e;
    } else if (c == ')' && close > open) {
      --close;
      --e;
    } else {
      break;
    }
  }
  return e;
}

bool Worker::IsUrlStart(size_t a, size_t b) const {
  size_t n = b - a;
  auto starts = [&](const char* p) {
    size_t len = std::strlen(p);
    if (n <= len) return false;
    for (size_t k = 0; k < len; ++k)
      if (LowerAscii(cps_[a + k].c) != static_cast<char32_t>(p[k])) return false;
    return true;
  };
  return starts("http://") || starts("https://") || starts("ftp://") || starts("www.") ||
         starts("mailto:");
}

// "press@example.org" (with optional punctuation around) as one token.
bool Worker::TryEmail(size_t a, size_t b) {
  size_t s = a, e = b;
  while (s < e && !IsAlnum(cps_[s])) ++s;
  while (e > s && !IsAlnum(cps_[e - 1])) --e;
  if (e - s < 5) return false;
  size_t at = 0;
  for (size_t k = s; k < e; ++k) {
    char32_t c = cps_[k].c;
    if (c == '@') {
      if (at) return false;
      at = k;
    } else if (!(IsAlnum(cps_[k]) || c == '.' || c == '_' || c == '-' || c == '+' || c == '%')) {
      return false;
    }
  }
  if (at == 0 || at == s) return false;
  bool dot = false;
  for (size_t k = at + 1; k < e; ++k) {
    if (cps_[k].c == '.') dot = true;
  }
  if (!dot || cps_[at + 1].c == '.') return false;
  for (size_t k = a; k < s; ++k) EmitCps(k, k + 1);
  EmitCps(s, e);
  for (size_t k = e; k < b; ++k) EmitCps(k, k + 1);
  return true;
}

void Worker::Chunk(size_t a, size_t b) {
  if (IsUrlStart(a, b)) {
    size_t e = UrlEnd(a, b);
    EmitCps(a, e);
    a = e;
  } else if (TryEmail(a, b)) {
    return;
  }
  size_t i = a;
  while (i < b) {
    const Cp& p = cps_[i];
    char32_t c = p.c;
    if (IsAlnum(p) || c == '_') {
      i = Word(i, b);
      continue;
    }
    // Hashtags and handles: "#Syria", "@UN".
    if ((c == '#' || c == '@') && i + 1 < b &&
        (cps_[i + 1].kind == Kind::kLetter || cps_[i + 1].c == '_') &&
        (i == a || !IsAlnum(cps_[i - 1]))) {
      size_t j = i + 1;
      while (j < b && (IsAlnum(cps_[j]) || cps_[j].c == '_')) ++j;
      EmitCps(i, j);
      i = j;
      continue;
    }
    // Abbreviated years: "'68", "'90s".
    if (IsApostrophe(c) && i + 2 < b && cps_[i + 1].kind == Kind::kDigit &&
        cps_[i + 2].kind == Kind::kDigit &&
        (i + 3 == b || !IsAlnum(cps_[i + 3]) || cps_[i + 3].c == 's')) {
      size_t j = i + 3;
      if (j < b && cps_[j].c == 's') ++j;
      EmitCps(i, j);
      i = j;
      continue;
    }
    // Emoticons at the end of a chunk: ":)", ";-)", ":D".
    if ((c == ':' || c == ';' || c == '=') && i + 1 < b) {
      size_t j = i + 1;
      if (cps_[j].c == '-' && j + 1 < b) ++j;
      char32_t m = cps_[j].c;
      if ((m == ')' || m == '(' || m == 'D' || m == 'P' || m == 'p' || m == '/') && (j + 1 == b) &&
          (i == a || !IsAlnum(cps_[i - 1]) || m == ')' || m == '(')) {
        // "word:)" is "word" ":)" but "(see:(" is rare; accept.
        EmitCps(i, j + 1, kFlagEmoticon);
        i = j + 1;
        continue;
      }
    }
    // Runs of the same punctuation form one token: "...", "--", "!!!", "?!".
    size_t j = i + 1;
    auto same_group = [&](char32_t x) {
      if (c == '!' || c == '?') return x == '!' || x == '?';
      if (c == '=' || c == '-') return x == '=' || x == '-';  // "==----" rules
      return x == c;
    };
    if (c == '.' || c == '-' || c == '!' || c == '?' || c == '*' || c == '=' || c == '_' ||
        c == '$' || c == '~' || c == '+' || c == '>' || c == '<' || c == '#' || c == '`' ||
        c == 0x2014 || c == 0x2013 ||
        (c == '\'' && i + 1 < b && cps_[i + 1].c == '\'' &&
         (i + 2 == b || !IsAlnum(cps_[i + 2])))) {
      while (j < b && same_group(cps_[j].c)) ++j;
    }
    EmitCps(i, j);
    i = j;
  }
}

// Scans a word starting at cps_[i] (a letter or digit) and emits its tokens.
size_t Worker::Word(size_t i, size_t b) {
  // "(https://example.org/a)" or "<mailto:x@y.org>" after leading punctuation.
  if (i > 0 && IsUrlStart(i, b)) {
    size_t e = UrlEnd(i, b);
    EmitCps(i, e);
    return e;
  }
  // E-mail addresses: "press@example.org", "Andrew Edison@ENRON".
  {
    // The local part is at most 64 characters (RFC 5321); the cap keeps
    // "a+a+a+..." linear.
    size_t k = i;
    const size_t local_end = std::min(b, i + 65);
    while (k < local_end && (IsAlnum(cps_[k]) || cps_[k].c == '.' || cps_[k].c == '_' ||
                             cps_[k].c == '-' || cps_[k].c == '+'))
      ++k;
    if (k + 1 < b && cps_[k].c == '@' && IsAlnum(cps_[k - 1]) && IsAlnum(cps_[k + 1])) {
      size_t e = k + 1;
      while (e < b &&
             (IsAlnum(cps_[e]) || cps_[e].c == '.' || cps_[e].c == '-' || cps_[e].c == '_'))
        ++e;
      while (e > k + 1 && !IsAlnum(cps_[e - 1])) --e;
      EmitCps(i, e);
      return e;
    }
  }
  size_t j = i;
  while (true) {
    while (j < b && (IsAlnum(cps_[j]) || cps_[j].c == '_')) ++j;
    if (j + 1 >= b) break;
    char32_t c = cps_[j].c;
    const Cp& nx = cps_[j + 1];
    bool prev_digit = cps_[j - 1].kind == Kind::kDigit;
    if (c == '.' && IsAlnum(nx)) {
      j += 1;
      continue;
    }
    if (c == ',' && prev_digit && j + 3 < b && cps_[j + 1].kind == Kind::kDigit &&
        cps_[j + 2].kind == Kind::kDigit && cps_[j + 3].kind == Kind::kDigit &&
        (j + 4 >= b || cps_[j + 4].kind != Kind::kDigit)) {
      j += 1;
      continue;
    }
    if ((c == ':' || c == '/') && prev_digit && nx.kind == Kind::kDigit) {
      j += 1;
      continue;
    }
    if (IsHyphen(c) && IsAlnum(nx)) {
      j += 1;
      continue;
    }
    if (IsApostrophe(c) && nx.kind == Kind::kLetter) {
      j += 1;
      continue;
    }
    if (c == '&' && cps_[j - 1].kind == Kind::kLetter && nx.kind == Kind::kLetter &&
        (j - i) <= 2) {  // AT&T, S&P, a&m
      j += 1;
      continue;
    }
    if (c == '/' && j - i == 1 && cps_[i].kind == Kind::kLetter && nx.kind == Kind::kLetter &&
        (j + 2 >= b || !IsAlnum(cps_[j + 2]) || IsApostrophe(cps_[j + 2].c))) {  // b/c, w/o, L/C
      j += 1;
      continue;
    }
    break;
  }
  bool title = false;
  bool abbrev = j < b && cps_[j].c == '.' && !(j + 1 < b && cps_[j + 1].c == '.') &&
                IsAbbreviation(i, j, b, &title);
  if (abbrev) {
    EmitCore(i, j + 1, true);
    flags_.back() |= kFlagAbbrev | (title ? uint32_t{kFlagTitle} : 0u);
    return j + 1;
  }
  EmitCore(i, j, false);
  return j;
}

// Is the word cps_[i, j) followed by "." an abbreviation that keeps it?
bool Worker::IsAbbreviation(size_t i, size_t j, size_t b, bool* title) const {
  *title = false;
  size_t n = j - i;
  // Initials: "J." (upper-case single letter).
  if (n == 1) {
    if (cps_[i].upper) {
      *title = true;
      return true;
    }
    if (cps_[i].c != 'v') return false;
  }
  // Letters with internal periods and short segments: "U.S", "a.m", "Ph.D".
  bool has_dot = false, ok = true;
  size_t seg = 0;
  for (size_t k = i; k < j; ++k) {
    if (cps_[k].c == '.') {
      has_dot = true;
      seg = 0;
    } else if (cps_[k].kind == Kind::kLetter) {
      if (++seg > 2) ok = false;
    } else {
      ok = false;
    }
  }
  if (has_dot && ok) return true;
  char buf[32];
  std::string_view lower = LowerBytes(text_, cps_[i].off, cps_[j].off, buf, sizeof buf);
  if (lower.empty()) return false;
  if (!data_.abbreviations.count(lower)) return false;
  // "No." is an abbreviation only before a number ("No. 3").
  if (lower == "no" || lower == "nos") {
    size_t k = j + 1;
    while (k < cps_.size() && cps_[k].kind == Kind::kSpace) ++k;
    if (k >= cps_.size() || cps_[k].kind != Kind::kDigit) return false;
  }
  (void)b;
  for (const char* t : kTitles)
    if (lower == t) *title = true;
  return true;
}

// Emits the word cps_[i, j) (which may end in an abbreviation period),
// splitting hyphens, clitics and units.
void Worker::EmitCore(size_t i, size_t j, bool abbrev_period) {
  size_t word_end = abbrev_period ? j - 1 : j;
  // Hyphen splitting.
  size_t s = i;
  for (size_t h = i; h < word_end; ++h) {
    if (!IsHyphen(cps_[h].c) || h == s) continue;
    // Left part: from the previous split point or the last hyphen.
    size_t left_begin = s;
    for (size_t k = h; k > s; --k) {
      if (IsHyphen(cps_[k - 1].c)) {
        left_begin = k;
        break;
      }
    }
    size_t right_end = h + 1;
    while (right_end < word_end && !IsHyphen(cps_[right_end].c)) ++right_end;
    bool left_digits = true, right_digits = true, left_upper = false;
    size_t left_letters = 0;
    for (size_t k = left_begin; k < h; ++k) {
      if (cps_[k].kind != Kind::kDigit) left_digits = false;
      if (cps_[k].kind == Kind::kLetter) ++left_letters;
      if (cps_[k].upper) left_upper = true;
    }
    for (size_t k = h + 1; k < right_end; ++k) {
      bool plural = k + 1 == right_end && k > h + 1 && cps_[k].c == 's';  // AK-47s
      if (cps_[k].kind != Kind::kDigit && cps_[k].c != '.' && !plural) right_digits = false;
    }
    bool keep = false;
    size_t left_len = h - left_begin;
    // Phone numbers stay whole (713-853-3989, 1-800-991-9019); scores and
    // ranges split (5-3, 16-18).
    if (left_digits && right_digits && (left_len == 3 || h > i + left_len || right_end < word_end))
      keep = true;
    if (left_len == 1 && left_letters == 1) keep = true;           // e-mail, x-ray
    if (left_upper && right_digits && left_len <= 5) keep = true;  // F-16, COVID-19
    if (!keep) {
      char buf[16];
      std::string_view lower =
          LowerBytes(text_, cps_[left_begin].off, cps_[h].off, buf, sizeof buf);
      if (!lower.empty()) {
        if (data_.keep_hyphen_prefixes.count(lower)) keep = true;
        if (!keep && h + 1 < word_end && cps_[h + 1].upper) {
          for (const char* art : kArabicArticles)
            if (lower == art) keep = true;  // al-Raqqa, ez-Zor, bin-Laden
        }
      }
    }
    if (keep) continue;
    EmitSegment(s, h, false);
    EmitCps(h, h + 1);
    s = h + 1;
  }
  EmitSegment(s, j, true);
}

// Emits cps_[s, e): splits clitics ("n't", "'s") and units.
void Worker::EmitSegment(size_t s, size_t e, bool /*last*/) {
  if (e <= s) return;
  size_t n = e - s;
  // Clitics.
  auto lc = [&](size_t k) { return LowerAscii(cps_[k].c); };
  if (n > 3 && IsApostrophe(cps_[e - 2].c) && lc(e - 1) == 't' && lc(e - 3) == 'n') {
    EmitCps(s, e - 3);
    EmitCps(e - 3, e);
    return;
  }
  if (n > 2 && IsApostrophe(cps_[e - 2].c)) {
    char32_t c = lc(e - 1);
    bool digits = true;
    for (size_t k = s; k < e - 2; ++k)
      if (cps_[k].kind != Kind::kDigit) digits = false;
    if ((c == 's' && !digits) || c == 'm' || c == 'd') {  // "80's" stays whole
      EmitCps(s, e - 2);
      EmitCps(e - 2, e);
      return;
    }
  }
  if (n > 3 && IsApostrophe(cps_[e - 3].c)) {
    char32_t c1 = lc(e - 2), c2 = lc(e - 1);
    if ((c1 == 'l' && c2 == 'l') || (c1 == 'r' && c2 == 'e') || (c1 == 'v' && c2 == 'e')) {
      EmitCps(s, e - 3);
      EmitCps(e - 3, e);
      return;
    }
  }
  // Fused words without apostrophe: "cannot", "gonna", "dont".
  if (n >= 3 && n <= 8) {
    char buf[16];
    std::string_view lower = LowerBytes(text_, cps_[s].off, End(e), buf, sizeof buf);
    for (const FusedWord& f : kFusedWords) {
      if (lower == f.lower) {
        uint32_t mid = cps_[s].off + f.split;
        Emit(cps_[s].off, mid);
        Emit(mid, End(e));
        return;
      }
    }
  }
  // Number + unit: "5.56mm" => [5.56] [mm]; "1990s", "20th" stay whole.
  if (cps_[s].kind == Kind::kDigit) {
    size_t k = s;
    while (k < e && (cps_[k].kind == Kind::kDigit || cps_[k].c == '.' || cps_[k].c == ',' ||
                     cps_[k].c == ':'))
      ++k;
    if (k < e && k > s && cps_[k - 1].kind == Kind::kDigit) {
      bool letters = true;
      for (size_t q = k; q < e; ++q)
        if (cps_[q].kind != Kind::kLetter) letters = false;
      if (letters && e - k <= 4) {
        char buf[8];
        std::string_view unit = LowerBytes(text_, cps_[k].off, End(e), buf, sizeof buf);
        for (const char* u : kUnits) {
          if (unit == u) {
            EmitCps(s, k);
            EmitCps(k, e);
            return;
          }
        }
      }
    }
  }
  EmitCps(s, e);
}

void Worker::TokenizeRange(size_t a, size_t b) {
  size_t i = a;
  while (i < b) {
    if (cps_[i].kind == Kind::kSpace) {
      if (cps_[i].c == '\n' && !flags_.empty() && !doc_.tokens.empty())
        flags_.back() |= kFlagNewlineAfter;
      ++i;
      continue;
    }
    size_t j = i;
    while (j < b && cps_[j].kind != Kind::kSpace) ++j;
    size_t before = doc_.tokens.size();
    Chunk(i, j);
    if (doc_.tokens.size() > before) doc_.tokens.back().space_after = true;
    i = j;
  }
}

bool Worker::IsStarter(uint32_t t) const {
  const Token& tk = doc_.tokens[t];
  std::string_view form = text_.substr(tk.begin, tk.end - tk.begin);
  return data_.sentence_starters.count(form) > 0;
}

// "a.m." or "p.m." (any case).
bool Worker::IsClockAbbrev(uint32_t t) const {
  const Token& tk = doc_.tokens[t];
  if (tk.end - tk.begin != 4) return false;
  char buf[4];
  std::string_view lower = LowerBytes(text_, tk.begin, tk.end, buf, sizeof buf);
  return lower == "a.m." || lower == "p.m.";
}

// Whether the capitalised token t continues a clock time: a time zone
// ("EST", "GMT", "Eastern"), a weekday or month, or a place before "time".
bool Worker::ContinuesTime(uint32_t t, uint32_t t1) const {
  static constexpr const char* kTimeWords[] = {
      "Monday",  "Tuesday",   "Wednesday", "Thursday", "Friday",   "Saturday", "Sunday",
      "January", "February",  "March",     "April",    "May",      "June",     "July",
      "August",  "September", "October",   "November", "December", "Jan.",     "Feb.",
      "Mar.",    "Apr.",      "Aug.",      "Sept.",    "Sep.",     "Oct.",     "Nov.",
      "Dec.",    "Eastern",   "Central",   "Pacific",  "Mountain", "Atlantic", "Greenwich"};
  if (flags_[t] & kFlagAllCaps) return true;  // EST, GMT, ET, UTC
  const Token& tk = doc_.tokens[t];
  std::string_view form = text_.substr(tk.begin, tk.end - tk.begin);
  for (const char* w : kTimeWords)
    if (form == w) return true;
  for (uint32_t k = t + 1; k < t1 && k <= t + 2; ++k) {
    const Token& nx = doc_.tokens[k];
    if (text_.substr(nx.begin, nx.end - nx.begin) == "time") return true;  // "Toronto time"
  }
  return false;
}

void Worker::AddSentence(uint32_t t0, uint32_t t1, uint32_t paragraph) {
  if (t1 <= t0) return;
  Sentence s;
  s.token_begin = t0;
  s.token_end = t1;
  s.begin = doc_.tokens[t0].begin;
  s.end = doc_.tokens[t1 - 1].end;
  s.paragraph = paragraph;
  doc_.sentences.push_back(s);
}

// A wire dateline at the start of a paragraph: "BEIRUT:", "KYIV, March 2
// (Reuters) -", "NAIROBI (AP) —", "GAZA CITY, Jan 5 (AFP) --". Returns the
// token index one past its final colon or dash, or t0 if there is none.
uint32_t Worker::DatelineEnd(uint32_t t0, uint32_t t1) const {
  uint32_t t = t0;
  uint32_t caps = 0;
  while (t < t1 && t - t0 < 6) {
    if (flags_[t] & kFlagAllCaps) {
      ++caps;
      ++t;
    } else if ((flags_[t] & kFlagDash) && caps > 0 && !doc_.tokens[t - 1].space_after &&
               t + 1 < t1 && (flags_[t + 1] & kFlagAllCaps)) {
      ++t;  // PORT-AU-PRINCE
    } else {
      break;
    }
  }
  if (caps == 0) return t0;
  uint32_t limit = std::min<uint32_t>(t1, t0 + 16);
  // Optional ", Place, Month Day" and "(Agency)".
  if (t < limit && (flags_[t] & kFlagComma)) {
    ++t;
    while (t < limit && ((flags_[t] & (kFlagUpper | kFlagDigit)) || (flags_[t] & kFlagComma) ||
                         (flags_[t] & kFlagAbbrev)))
      ++t;
  }
  if (t < limit && (flags_[t] & kFlagOpenParen)) {
    uint32_t k = t + 1;
    while (k < limit && !(flags_[k] & kFlagCloseParen)) ++k;
    if (k >= limit || k - t > 6) return t0;
    t = k + 1;
  }
  if (t >= t1) return t0;
  bool colon = (flags_[t] & kFlagColon) != 0;
  bool dash = (flags_[t] & kFlagDash) != 0;
  if (!colon && !dash) return t0;
  // A bare "WORD:" must be followed by a capitalised word or a quote.
  if (t + 1 >= t1) return t0;
  if (!(flags_[t + 1] & (kFlagUpper | kFlagDigit | kFlagOpenQ | kFlagDquote))) return t0;
  // "NOTE:" or "UPDATE:" are fine too: they are not part of the sentence.
  return t + 1;
}

bool Worker::TitleCaseLine(uint32_t t0, uint32_t t1) const {
  if (t1 <= t0 || t1 - t0 > kMaxTitleLineTokens) return false;
  uint32_t words = 0, capitalised = 0;
  for (uint32_t t = t0; t < t1; ++t) {
    const uint32_t f = flags_[t];
    if ((f & kFlagTerminal) && t + 1 < t1) return false;
    // Mail headers and signatures ("Michael Olsen@ENRON 12/07/2000 02:29 PM
    // Daren,") are lines of their own, not one headline.
    if (f & (kFlagSemicolon | kFlagOpenParen)) return false;
    const std::string_view form = doc_.Form(doc_.tokens[t]);
    if (form.find_first_of("@/<") != std::string_view::npos) return false;
    if (!(f & kFlagWord) || (f & kFlagDigit)) continue;
    ++words;
    if (f & kFlagUpper) ++capitalised;
  }
  return words >= 3 && capitalised * 4 >= words * 3;
}

void Worker::SplitSentences(uint32_t t0, uint32_t t1, uint32_t paragraph) {
  if (t1 <= t0) return;
  uint32_t start = t0;
  if (tok_.options().split_datelines) {
    uint32_t d = DatelineEnd(t0, t1);
    if (d > t0 && d < t1) {
      AddSentence(t0, d, paragraph);
      start = d;
    }
  }
  const bool learned = tok_.options().learned_boundaries && !data_.boundary_weights.empty();
  if (learned) ComputeGapTokens(doc_, data_.sentence_starters, t0, t1, &gap_info_);
  // A title-case headline ("Suicide Bomber Kills 12 At Kabul Mosque"): a
  // short paragraph with no sentence punctuation before its end whose words
  // mostly start with a capital. Its capitals are no sentence starts, so the
  // classifier adds no boundary there (the rules still cut at punctuation).
  const bool title_line = learned && TitleCaseLine(start, t1);
  const float threshold = tok_.options().boundary_threshold;
  const uint32_t max_tokens = tok_.options().max_sentence_tokens;
  bool in_quote = false;
  for (uint32_t t = start; t < t1; ++t) {
    uint32_t f = flags_[t];
    auto update_quote = [&](uint32_t k) {
      uint32_t g = flags_[k];
      if (g & kFlagDquote) {
        bool opens =
            (k == start || doc_.tokens[k - 1].space_after || (flags_[k - 1] & kFlagOpenQ)) &&
            !doc_.tokens[k].space_after;
        in_quote = opens;
      } else if ((g & kFlagOpenQ) && !(g & kFlagOpenParen)) {
        in_quote = true;
      } else if ((g & kFlagCloseQ) && !(g & kFlagCloseParen)) {
        in_quote = false;
      }
    };
    update_quote(t);
    if (t + 1 >= t1) break;
    bool cut = false;
    uint32_t last = t;
    if (f & (kFlagTerminal | kFlagAbbrev)) {
      // Absorb closing quotes and brackets glued to the punctuation.
      uint32_t k = t;
      // A glued " followed by a space or the end closes a quote even when its
      // opening quote was in an earlier sentence: `city." Then`.
      while (k + 1 < t1 && (!doc_.tokens[k].space_after || (flags_[k + 1] & kFlagEmoticon)) &&
             ((flags_[k + 1] & kFlagCloseQ) || (flags_[k + 1] & kFlagSquote) ||
              ((flags_[k + 1] & kFlagDquote) &&
               (in_quote || doc_.tokens[k + 1].space_after || k + 2 == t1)) ||
              (flags_[k + 1] & kFlagEmoticon))) {
        ++k;
        update_quote(k);
      }
      if (k + 1 < t1) {
        uint32_t nf = flags_[k + 1];
        bool next_upper = (nf & kFlagUpper) != 0;
        bool next_opens = (nf & (kFlagOpenQ | kFlagDquote)) != 0;
        bool next_digit = (nf & kFlagDigit) != 0;
        if (f & kFlagTerminal) {
          if (f & kFlagEllipsis) {
            cut = next_upper && !in_quote;
          } else {
            cut = next_upper || next_opens || next_digit ||
                  ((nf & (kFlagDash | kFlagTerminal)) == 0 && !(nf & kFlagWord) &&
                   !(nf & (kFlagComma | kFlagColon | kFlagSemicolon | kFlagCloseQ)));
            if (nf & kFlagLower) cut = false;
          }
        } else {  // abbreviation
          if (!(f & kFlagTitle) && next_upper && IsStarter(k + 1)) cut = true;
          if (!(f & kFlagTitle) && next_opens && k > t) cut = true;
          // An opening quote and a sentence starter: `the U.S. "We will`.
          if (!(f & kFlagTitle) && k == t && (nf & (kFlagOpenQ | kFlagDquote)) &&
              !(nf & kFlagOpenParen) && !doc_.tokens[k + 1].space_after && k + 2 < t1 &&
              (flags_[k + 2] & kFlagUpper) && IsStarter(k + 2))
            cut = true;
          // A clock time ends the sentence before any capitalised word
          // that does not continue the time: "at 9 p.m. Rescue teams" but
          // "9 p.m. EST", "9 p.m. Tuesday", "4 p.m. Toronto time".
          if (next_upper && k == t && IsClockAbbrev(t) && !ContinuesTime(k + 1, t1)) cut = true;
        }
        if (cut) last = k;
      }
    }
    // The classifier decides at every gap, seeing the rules' decision as a
    // feature (it may veto a rule boundary only if overrides are enabled).
    // Inside an open quote it may not add boundaries ("killed ... The").
    if (learned && last + 1 < t1 && (cut || !in_quote) && !(flags_[last] & kFlagTitle) &&
        !(title_line && !cut) && Tokenizer::ClassifierGap(doc_, last, cut)) {
      GapFeatures(gap_info_.data() - t0, t0, t1, last, start, t1, cut, &feats_);
      float score = tok_.BoundaryScore(feats_);
      if (score > threshold) {
        cut = true;
      } else if (cut && tok_.options().learned_vetoes && !(flags_[t] & kFlagAbbrev)) {
        // A rule boundary after an abbreviation ("the U.S. They", "2 a.m.
        // Police") needed a known sentence starter; EWT has too few of them
        // for the classifier to overrule that.
        cut = false;
        last = t;
      }
    }
    // A bar separates the parts of a web headline ("Armed clashes | Members
    // killed in Afrin countryside | Site"): each part is a sentence.
    if (!cut && doc_.Form(doc_.tokens[t]) == "|") {
      cut = true;
      last = t;
    }
    if (cut) t = last;
    if (!cut && max_tokens > 0 && t + 1 - start >= max_tokens) {
      // Cut at the last comma, semicolon, colon or dash in the second half.
      uint32_t best = t;
      for (uint32_t k = t; k > start + max_tokens / 2; --k) {
        if (flags_[k] & (kFlagComma | kFlagSemicolon | kFlagColon | kFlagDash)) {
          best = k;
          break;
        }
      }
      cut = true;
      last = best;
      t = best;
    }
    if (cut) {
      if (flags_[t] & kFlagAbbrev) MarkFinalPeriod(t);
      AddSentence(start, last + 1, paragraph);
      start = last + 1;
      in_quote = false;
      // A dateline may also start a line inside a paragraph.
      if (tok_.options().split_datelines && (flags_[last] & kFlagNewlineAfter)) {
        uint32_t d = DatelineEnd(start, t1);
        if (d > start && d < t1) {
          AddSentence(start, d, paragraph);
          start = d;
          t = d - 1;
        }
      }
    }
  }
  if (flags_[t1 - 1] & kFlagAbbrev) MarkFinalPeriod(t1 - 1);
  AddSentence(start, t1, paragraph);
}

// EWT ends a sentence that ends in an abbreviation with a separate period:
// "in the U.S." => [U.S] [.] (the tagger and parser expect a final PUNCT).
void Worker::MarkFinalPeriod(uint32_t t) {
  const Token& tk = doc_.tokens[t];
  if (tk.end - tk.begin < 2 || text_[tk.end - 1] != '.') return;
  flags_[t] |= kFlagSplitPeriod;
  any_split_ = true;
}

// Splits the tokens marked kFlagSplitPeriod, renumbering sentences.
void Worker::ApplyPeriodSplits() {
  std::vector<Token> out;
  out.reserve(doc_.tokens.size() + 16);
  std::vector<uint32_t> new_index(doc_.tokens.size() + 1);
  for (uint32_t t = 0; t < doc_.tokens.size(); ++t) {
    new_index[t] = static_cast<uint32_t>(out.size());
    Token& tk = doc_.tokens[t];
    if (flags_[t] & kFlagSplitPeriod) {
      Token period;
      period.begin = tk.end - 1;
      period.end = tk.end;
      period.space_after = tk.space_after;
      tk.end -= 1;
      tk.space_after = false;
      out.push_back(std::move(tk));
      out.push_back(std::move(period));
    } else {
      out.push_back(std::move(tk));
    }
  }
  new_index[doc_.tokens.size()] = static_cast<uint32_t>(out.size());
  for (Sentence& s : doc_.sentences) {
    s.token_begin = new_index[s.token_begin];
    s.token_end = new_index[s.token_end];
  }
  doc_.tokens = std::move(out);
}

void Worker::Run() {
  doc_.sentences.clear();
  doc_.tokens.clear();
  flags_.clear();
  Decode();
  doc_.tokens.reserve(text_.size() / 5 + 8);
  flags_.reserve(text_.size() / 5 + 8);
  // Paragraphs: separated by a line that is empty or only whitespace.
  uint32_t paragraph = 0;
  size_t p = 0;
  bool any = false;
  while (p < cps_.size()) {
    // Find the end of the paragraph.
    size_t q = p;
    size_t para_end = cps_.size(), next = cps_.size();
    while (q < cps_.size()) {
      if (cps_[q].c == '\n') {
        size_t k = q + 1;
        while (k < cps_.size() && cps_[k].kind == Kind::kSpace && cps_[k].c != '\n') ++k;
        if (k < cps_.size() && cps_[k].c == '\n') {
          para_end = q;
          next = k;
          break;
        }
      }
      ++q;
    }
    uint32_t t0 = static_cast<uint32_t>(doc_.tokens.size());
    TokenizeRange(p, para_end);
    uint32_t t1 = static_cast<uint32_t>(doc_.tokens.size());
    if (t1 > t0) {
      if (any) ++paragraph;
      any = true;
      SplitSentences(t0, t1, paragraph);
    }
    p = next;
  }
  if (any_split_) ApplyPeriodSplits();
  if (!doc_.tokens.empty()) {
    Token& last = doc_.tokens.back();
    last.space_after = last.end < text_.size();
  }
}

}  // namespace

// ---------------------------------------------------------------------------

Tokenizer::Data Tokenizer::BuiltinData() {
  Data d;
  AddAll(&d.keep_hyphen_prefixes, kKeepHyphenPrefixes);
  AddAll(&d.abbreviations, kAbbreviations);
  AddAll(&d.sentence_starters, kSentenceStarters);
  return d;
}

Tokenizer::Tokenizer(const TokenizerOptions& options, Data data)
    : options_(options), data_(std::move(data)) {
  if (!data_.boundary_weights.empty()) {
    size_t cap = 16;
    while (cap < data_.boundary_weights.size() * 3) cap *= 2;  // load <= 1/3: short misses
    weight_table_.assign(cap, WeightSlot{0, 0.0f});
    weight_mask_ = cap - 1;
    for (const auto& [h, w] : data_.boundary_weights) {
      uint32_t key = static_cast<uint32_t>(h >> 32) | 1u;
      size_t i = h & weight_mask_;
      while (weight_table_[i].key != 0 && weight_table_[i].key != key) i = (i + 1) & weight_mask_;
      weight_table_[i].key = key;
      weight_table_[i].weight += w;  // a 32-bit key collision merges the weights
    }
  }
}

float Tokenizer::BoundaryScore(const std::vector<uint64_t>& features) const {
  if (weight_table_.empty()) return 0;
  float score = 0;
  for (uint64_t h : features) {
    uint32_t key = static_cast<uint32_t>(h >> 32) | 1u;
    size_t i = h & weight_mask_;
    while (weight_table_[i].key != 0) {
      if (weight_table_[i].key == key) {
        score += weight_table_[i].weight;
        break;
      }
      i = (i + 1) & weight_mask_;
    }
  }
  return score;
}

// The classifier is consulted at every gap of a paragraph except between
// two ordinary lower-case words ("fighters said", "in the"): those almost
// never end a sentence, and skipping them keeps the tokenizer fast. Gaps
// before a lower-case word are consulted after anything else ("you ||
// http://...", "thanks . || i", "Burger King || it").
bool Tokenizer::ClassifierGap(const Document& doc, uint32_t t, bool rule_cut) {
  if (rule_cut) return true;
  const Token& a = doc.tokens[t];
  const Token& b = doc.tokens[t + 1];
  auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  return !(lower(doc.text[a.begin]) && lower(doc.text[a.end - 1]) && lower(doc.text[b.begin]) &&
           a.end - a.begin < 12 && b.end - b.begin < 12);
}

std::unique_ptr<Tokenizer> Tokenizer::CreateFromData(const TokenizerOptions& options, Data data) {
  return std::unique_ptr<Tokenizer>(new Tokenizer(options, std::move(data)));
}

namespace {

void WriteSet(ByteWriter& w, const StringSet& set) {
  std::vector<std::string> v(set.begin(), set.end());
  std::sort(v.begin(), v.end());
  w.StringVector(v);
}

Status ReadSet(ByteReader& r, StringSet* set) {
  std::vector<std::string> v;
  SITREP_RETURN_IF_ERROR(r.StringVector(&v));
  set->clear();
  for (auto& s : v) set->insert(std::move(s));
  return OkStatus();
}

struct WeightEntry {
  uint64_t hash;
  float weight;
  uint32_t pad;
};

}  // namespace

std::string Tokenizer::Serialize() const {
  ByteWriter w;
  w.Raw(kSectionMagic, sizeof kSectionMagic);
  w.U32(kSectionVersion);
  WriteSet(w, data_.keep_hyphen_prefixes);
  WriteSet(w, data_.abbreviations);
  WriteSet(w, data_.sentence_starters);
  std::vector<WeightEntry> weights;
  weights.reserve(data_.boundary_weights.size());
  for (const auto& [h, v] : data_.boundary_weights) weights.push_back({h, v, 0});
  std::sort(weights.begin(), weights.end(),
            [](const WeightEntry& a, const WeightEntry& b) { return a.hash < b.hash; });
  w.PodVector(weights);
  return w.Release();
}

StatusOr<std::unique_ptr<Tokenizer>> Tokenizer::Create(const TokenizerOptions& options,
                                                       std::string_view section) {
  if (section.empty()) return CreateFromData(options, BuiltinData());
  ByteReader r(section);
  char magic[8];
  SITREP_RETURN_IF_ERROR(r.Raw(magic, sizeof magic).WithContext("tokenizer section"));
  if (std::memcmp(magic, kSectionMagic, sizeof magic) != 0)
    return DataLossError("tokenizer section: bad magic");
  uint32_t version = 0;
  SITREP_RETURN_IF_ERROR(r.U32(&version).WithContext("tokenizer section"));
  if (version != kSectionVersion)
    return DataLossError("tokenizer section: unknown version " + std::to_string(version));
  Data d;
  SITREP_RETURN_IF_ERROR(ReadSet(r, &d.keep_hyphen_prefixes).WithContext("tokenizer section"));
  SITREP_RETURN_IF_ERROR(ReadSet(r, &d.abbreviations).WithContext("tokenizer section"));
  SITREP_RETURN_IF_ERROR(ReadSet(r, &d.sentence_starters).WithContext("tokenizer section"));
  std::vector<WeightEntry> weights;
  SITREP_RETURN_IF_ERROR(r.PodVector(&weights).WithContext("tokenizer section"));
  if (!r.done()) return DataLossError("tokenizer section: trailing bytes");
  d.boundary_weights.reserve(weights.size());
  for (const WeightEntry& e : weights) d.boundary_weights[e.hash] = e.weight;
  return CreateFromData(options, std::move(d));
}

uint64_t EstimateTokens(std::string_view text) {
  uint64_t n = 0;
  bool in_word = false;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const bool word =
        c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    if (word) {
      n += in_word ? 0 : 1;
      in_word = true;
      continue;
    }
    in_word = false;
    if (c > ' ' && c != 0x7F) ++n;  // punctuation and symbols; not spaces or controls
  }
  return n;
}

Status Tokenizer::Process(Document& doc) const {
  if (doc.text.size() >= 0xFFFFFFF0u) return InvalidArgumentError("document larger than 4 GiB");
  if (options_.max_document_tokens != 0) {
    const uint64_t estimate = EstimateTokens(doc.text);
    if (estimate > options_.max_document_tokens) {
      doc.sentences.clear();
      doc.tokens.clear();
      return ResourceExhaustedError(
          "document of about " + std::to_string(estimate) + " tokens, over the limit of " +
          std::to_string(options_.max_document_tokens) + " (--max-doc-tokens); skipped");
    }
  }
  Worker w(*this, doc);
  w.Run();
  return OkStatus();
}

// Features of the gap after token t (see GapFeatures).
void Tokenizer::BoundaryFeatures(const Document& doc, const BoundaryGap& gap,
                                 std::vector<uint64_t>* out) const {
  // Summaries of the tokens the features can see: t-1 .. t+17.
  const uint32_t t = gap.token;
  uint32_t b = std::max(gap.paragraph_begin, t > 0 ? t - 1 : 0);
  uint32_t e = std::min<uint32_t>(gap.paragraph_end, t + 18);
  std::vector<GapToken> info;
  ComputeGapTokens(doc, data_.sentence_starters, b, e, &info);
  GapFeatures(info.data() - b, b, e, t, gap.sentence_begin, gap.paragraph_end, gap.rule_cut, out);
}

}  // namespace sitrep
