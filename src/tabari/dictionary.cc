#include "tabari/dictionary.h"
#include "core/strings.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace sitrep::tabari {
namespace {

// Alternatives and synsets multiply; a (malformed) pattern never expands to
// more than this many plain patterns.
constexpr size_t kMaxExpansions = 4096;

bool IsWordChar(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '\'' || c == '.' || c == '&' || u >= 0x80;
}

Status ReadLines(const std::string& path, std::vector<std::string>* lines) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("cannot open " + path);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines->push_back(line);
  }
  if (in.bad()) return IoError("error reading " + path);
  return OkStatus();
}

std::string Where(const std::string& path, size_t line) {
  return path + ":" + std::to_string(line + 1) + ": ";
}

// Text before a ';' comment.
std::string_view StripComment(std::string_view s) {
  size_t p = s.find(';');
  return p == std::string_view::npos ? s : s.substr(0, p);
}

size_t LetterCount(const Phrase& p) {
  size_t n = 0;
  for (const PhraseElem& e : p) n += e.text.size();
  return n;
}

// Parses the inside of one "[...]" actor code block. Returns false on error.
bool ParseDatedCode(std::string_view content, DatedCode* out, std::string* error) {
  content = TrimSpace(content);
  if (content.empty()) {
    *error = "empty code block";
    return false;
  }
  // "- - -" (the manual's spelling of the null code).
  std::string compact;
  for (char c : content)
    if (c != ' ' && c != '\t') compact += c;
  if (compact == "---") {
    out->code = "---";
    return true;
  }
  size_t sp = content.find_first_of(" \t<>");
  std::string code(TrimSpace(content.substr(0, sp)));
  std::string rest;
  if (sp != std::string_view::npos)
    for (char c : content.substr(sp))
      if (c != ' ' && c != '\t') rest += c;
  if (code.empty() || std::isdigit(static_cast<unsigned char>(code[0]))) {
    *error = "missing code in [" + std::string(content) + "]";
    return false;
  }
  for (char c : code) {
    unsigned char u = static_cast<unsigned char>(c);
    if (!std::isalnum(u) && c != '/' && c != '~' && c != '-' && c != '#' && c != '+') {
      *error = "bad character in code \"" + code + "\"";
      return false;
    }
  }
  if (code.find('-') != std::string::npos && code != "---") {
    *error = "bad code \"" + code + "\"";
    return false;
  }
  for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  out->code = code;
  if (rest.empty()) return true;
  out->restricted = true;
  if (rest[0] == '<' || rest[0] == '>') {
    int32_t d = ParseTabariDate(rest.substr(1));
    if (d < 0) {
      *error = "bad date restriction \"" + rest + "\"";
      return false;
    }
    if (rest[0] == '<')
      out->to = d;
    else
      out->from = d;
    return true;
  }
  size_t dash = rest.find('-');
  if (dash == std::string::npos) {
    *error = "bad date restriction \"" + rest + "\"";
    return false;
  }
  int32_t a = ParseTabariDate(rest.substr(0, dash));
  int32_t b = ParseTabariDate(rest.substr(dash + 1));
  if (a < 0 || b < 0) {
    *error = "bad date range \"" + rest + "\"";
    return false;
  }
  out->from = a;
  out->to = b;
  return true;
}

// Parses all "[...]" blocks of `s`. Returns false (with error) if any is bad.
bool ParseCodeBlocks(std::string_view s, std::vector<DatedCode>* out, std::string* error) {
  size_t p = 0;
  bool any = false;
  while ((p = s.find('[', p)) != std::string_view::npos) {
    size_t q = s.find(']', p);
    if (q == std::string_view::npos) {
      *error = "missing ]";
      return false;
    }
    DatedCode dc;
    if (!ParseDatedCode(s.substr(p + 1, q - p - 1), &dc, error)) return false;
    out->push_back(dc);
    any = true;
    p = q + 1;
  }
  if (!any) {
    *error = "no [code]";
    return false;
  }
  return true;
}

}  // namespace

std::string NormalizeDictText(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '-')
      out += '_';
    else
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

int32_t ParseTabariDate(std::string_view s) {
  s = TrimSpace(s);
  if (s.size() != 6 && s.size() != 8) return -1;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return -1;
  int v = std::stoi(std::string(s));
  int y, m, d;
  if (s.size() == 6) {
    y = v / 10000;
    y += (y <= 30) ? 2000 : 1900;
  } else {
    y = v / 10000;
  }
  m = (v / 100) % 100;
  d = v % 100;
  if (m < 1 || m > 12 || d < 1 || d > 31) return -1;
  return y * 10000 + m * 100 + d;
}

std::string ResolveCode(const std::vector<DatedCode>& codes, int32_t date) {
  for (const DatedCode& c : codes)
    if (c.restricted && date >= c.from && date <= c.to) return c.code;
  for (const DatedCode& c : codes)
    if (!c.restricted) return c.code;
  return "---";
}

bool WordMatches(const PhraseElem& e, std::string_view w, Endings endings) {
  const std::string& t = e.text;
  if (!e.exact) return w.size() >= t.size() && w.compare(0, t.size(), t) == 0;
  if (w == t) return true;
  if (e.no_endings || endings == Endings::kNone) return false;
  auto ends = [&](std::string_view stem, std::string_view suffix) {
    return w.size() == stem.size() + suffix.size() && w.compare(0, stem.size(), stem) == 0 &&
           w.compare(stem.size(), suffix.size(), suffix) == 0;
  };
  if (ends(t, "S")) return true;
  if (endings == Endings::kNoun) return ends(t, "'S") || ends(t, "'") || ends(t, "S'");
  if (ends(t, "ED") || ends(t, "ES") || ends(t, "EN") || ends(t, "ING")) return true;
  if (!t.empty() && t.back() == 'E') {
    std::string_view base(t.data(), t.size() - 1);
    if (ends(t, "D") || ends(t, "N") || ends(base, "ING")) return true;
  }
  return false;
}

bool ParsePhrase(std::string_view text, Phrase* out, std::string* error) {
  out->clear();
  size_t i = 0, n = text.size();
  while (i < n) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '_' || c == '~') {
      ++i;
      continue;
    }
    PhraseElem e;
    if (c == '*' || c == '$' || c == '+' || c == '%' || c == '^') {
      e.kind = c == '*'   ? PhraseElem::Kind::kVerb
               : c == '$' ? PhraseElem::Kind::kSource
               : c == '+' ? PhraseElem::Kind::kTarget
               : c == '%' ? PhraseElem::Kind::kCompound
                          : PhraseElem::Kind::kSkip;
      ++i;
    } else if (IsWordChar(c)) {
      size_t b = i;
      while (i < n && IsWordChar(text[i])) ++i;
      e.text = std::string(text.substr(b, i - b));
      if (!e.text.empty() && e.text[0] == '&') {
        *error = "unknown synset " + e.text;
        return false;
      }
    } else {
      *error = std::string("unexpected character '") + c + "'";
      return false;
    }
    // Connector after the element.
    if (i < n && text[i] == '=') {
      e.exact = e.no_endings = true;
      ++i;
    }
    if (i < n && (text[i] == '_' || text[i] == '~')) {
      if (text[i] == '_' && e.kind == PhraseElem::Kind::kWord) e.exact = true;
      while (i < n && (text[i] == '_' || text[i] == '~')) ++i;
      if (i < n && text[i] != ' ' && text[i] != '\t') e.adjacent = true;
    }
    out->push_back(std::move(e));
  }
  if (out->empty()) {
    *error = "empty phrase";
    return false;
  }
  return true;
}

void PhraseIndex::Add(int id, const Phrase& p, size_t weight) {
  if (p.empty() || p[0].kind != PhraseElem::Kind::kWord) return;
  const std::string& t = p[0].text;
  if (t.empty()) return;
  if (t.size() < 2)
    short_.push_back({id, weight, t[0]});
  else
    by_prefix_[t.substr(0, 2)].push_back({id, weight, t[0]});
}

void PhraseIndex::Finish() {
  auto order = [](const Item& a, const Item& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.id < b.id;
  };
  // Each prefix list also holds the one-letter stems, so that a lookup is a
  // single map probe (no per-word merging).
  merged_.clear();
  for (auto& [k, v] : by_prefix_) {
    std::vector<Item> all = v;
    for (const Item& s : short_)
      if (s.first_char == k[0]) all.push_back(s);
    std::stable_sort(all.begin(), all.end(), order);
    std::vector<int>& ids = merged_[k];
    for (const Item& it : all) ids.push_back(it.id);
  }
  std::stable_sort(short_.begin(), short_.end(), order);
  short_ids_.clear();
  for (const Item& it : short_) short_ids_[it.first_char].push_back(it.id);
}

const std::vector<int>& PhraseIndex::Candidates(std::string_view word) const {
  static const std::vector<int> kEmpty;
  if (word.empty()) return kEmpty;
  if (word.size() >= 2) {
    auto it = merged_.find(word.substr(0, 2));
    if (it != merged_.end()) return it->second;
  }
  auto it = short_ids_.find(word[0]);
  return it == short_ids_.end() ? kEmpty : it->second;
}

Status ActorDictionary::Read(const std::string& path, bool agents) {
  std::vector<std::string> lines;
  SITREP_RETURN_IF_ERROR(ReadLines(path, &lines));
  enum { kEntries, kNouns, kAdjectives } section = kEntries;
  int current_group = -1;
  bool group_has_codes = false;
  bool skipping = false;  // the last head line was malformed
  for (size_t ln = 0; ln < lines.size(); ++ln) {
    const std::string& raw = lines[ln];
    std::string_view line = TrimSpace(raw);
    if (line.empty()) continue;
    if (line.rfind("~~", 0) == 0 || line.rfind("~FINISH", 0) == 0) break;
    if (line[0] == '#' || line[0] == '/') continue;
    std::string upper = NormalizeDictText(line);
    if (line[0] == '<') {
      if (upper.rfind("<NOUN", 0) == 0)
        section = kNouns;
      else if (upper.rfind("<ADJ", 0) == 0)
        section = kAdjectives;
      else if (upper.rfind("</NOUN", 0) == 0 || upper.rfind("</ADJ", 0) == 0)
        section = kEntries;
      else
        warnings_.push_back(Where(path, ln) + "unknown section tag " + std::string(line));
      continue;
    }
    std::string error;
    if (section != kEntries) {
      Phrase p;
      std::string text = NormalizeDictText(TrimSpace(StripComment(line)));
      if (!ParsePhrase(text, &p, &error)) {
        warnings_.push_back(Where(path, ln) + error);
        continue;
      }
      (section == kNouns ? nouns_ : adjectives_).push_back(std::move(p));
      continue;
    }
    if (line[0] == '[') {
      if (current_group < 0 && skipping) continue;  // belongs to a reported line
      if (current_group < 0) {
        warnings_.push_back(Where(path, ln) + "code block without a phrase");
        continue;
      }
      std::vector<DatedCode> codes;
      if (!ParseCodeBlocks(StripComment(line), &codes, &error)) {
        warnings_.push_back(Where(path, ln) + error);
        continue;
      }
      for (auto& c : codes) groups_[current_group].codes.push_back(c);
      group_has_codes = true;
      continue;
    }
    if (line[0] == '+') {
      if (current_group < 0 && skipping) continue;
      if (current_group < 0) {
        warnings_.push_back(Where(path, ln) + "synonym without a head phrase");
        continue;
      }
      std::string text = NormalizeDictText(TrimSpace(StripComment(line.substr(1))));
      ActorEntry e;
      if (!ParsePhrase(text, &e.phrase, &error)) {
        warnings_.push_back(Where(path, ln) + error);
        continue;
      }
      e.text = text;
      e.group = current_group;
      entries_.push_back(std::move(e));
      continue;
    }
    if (current_group >= 0 && !group_has_codes)
      warnings_.push_back(Where(path, ln) + "previous phrase has no [code]");
    std::string_view body = StripComment(line);
    size_t br = body.find('[');
    std::string text = NormalizeDictText(TrimSpace(body.substr(0, br)));
    ActorEntry e;
    if (text.size() < 2 || !ParsePhrase(text, &e.phrase, &error)) {
      warnings_.push_back(Where(path, ln) + (error.empty() ? "phrase too short" : error));
      current_group = -1;
      skipping = true;
      continue;
    }
    std::vector<DatedCode> codes;
    if (br != std::string_view::npos) {
      if (!ParseCodeBlocks(body.substr(br), &codes, &error)) {
        warnings_.push_back(Where(path, ln) + error);
        current_group = -1;
        skipping = true;
        continue;
      }
      if (agents) {
        bool ok = true;
        for (const DatedCode& c : codes)
          if (c.code.find('~') == std::string::npos) ok = false;
        if (!ok) {
          warnings_.push_back(Where(path, ln) + "agent code without ~");
          current_group = -1;
          skipping = true;
          continue;
        }
      }
    }
    // A single date restriction gets a null default (manual 6.5.2, note 5).
    if (codes.size() == 1 && codes[0].restricted) codes.push_back({"---", 0, 99999999, false});
    groups_.push_back({codes, text});
    skipping = false;
    current_group = static_cast<int>(groups_.size()) - 1;
    group_has_codes = !codes.empty();
    e.text = text;
    e.group = current_group;
    entries_.push_back(std::move(e));
  }
  return OkStatus();
}

void ActorDictionary::Finish() {
  index_ = PhraseIndex();
  for (size_t i = 0; i < entries_.size(); ++i)
    index_.Add(static_cast<int>(i), entries_[i].phrase, LetterCount(entries_[i].phrase));
  index_.Finish();
}

VerbCode ParseVerbCode(std::string_view s) {
  VerbCode v;
  std::string c;
  for (char ch : s)
    if (ch != ' ' && ch != '\t')
      c += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  if (!c.empty() && c.back() == '?') {
    v.subordinate = true;
    c.pop_back();
  } else if (!c.empty() && c.back() == '!') {
    v.dominant = true;
    c.pop_back();
  }
  size_t colon = c.find(':');
  if (colon != std::string::npos) {
    v.paired = c.substr(colon + 1);
    c = c.substr(0, colon);
    if (!v.paired.empty() && (v.paired.back() == '?' || v.paired.back() == '!'))
      v.paired.pop_back();
  }
  v.code = c;
  return v;
}

std::vector<std::string> VerbDictionary::ExpandPattern(const std::string& text, int depth,
                                                       bool synsets) const {
  if (depth > 8) return {text};
  size_t ob = text.find('{');
  if (ob != std::string::npos) {
    size_t cb = text.find('}', ob);
    if (cb == std::string::npos) return {};
    std::string prefix = text.substr(0, ob), suffix = text.substr(cb + 1);
    std::string inner = text.substr(ob + 1, cb - ob - 1);
    std::vector<std::string> out;
    size_t p = 0;
    while (true) {
      size_t bar = inner.find('|', p);
      std::string alt(TrimSpace(std::string_view(inner).substr(
          p, bar == std::string::npos ? std::string::npos : bar - p)));
      if (!alt.empty()) {
        std::string joined = prefix;
        joined += alt;
        joined += suffix;
        for (auto& s : ExpandPattern(joined, depth + 1, synsets)) {
          if (out.size() >= kMaxExpansions) return out;
          out.push_back(s);
        }
      }
      if (bar == std::string::npos) break;
      p = bar + 1;
    }
    return out;
  }
  size_t amp = synsets ? text.find('&') : std::string::npos;
  if (amp != std::string::npos) {
    size_t e = amp + 1;
    while (e < text.size() && std::isalnum(static_cast<unsigned char>(text[e]))) ++e;
    std::string name = text.substr(amp, e - amp);
    auto it = synsets_.find(name);
    if (it == synsets_.end()) return {text};  // reported by ParsePhrase
    std::vector<std::string> out;
    for (const std::string& m : it->second)
      for (auto& s : ExpandPattern(text.substr(0, amp) + m + text.substr(e), depth + 1, true)) {
        if (out.size() >= kMaxExpansions) return out;
        out.push_back(s);
      }
    return out;
  }
  // Collapse "__" left by expansion.
  std::string s;
  for (char c : text)
    if (!(c == '_' && !s.empty() && s.back() == '_')) s += c;
  return {s};
}

void VerbDictionary::AddPattern(int root, const std::string& body, const VerbCode& code,
                                const std::string& where) {
  // Alternatives count with their own letters; a synset designator counts
  // for nothing (so "* DOLLAR" is tried before "* &CURRENCY").
  std::vector<std::pair<std::string, size_t>> expanded;
  for (const std::string& alt : ExpandPattern(body, 0, false)) {
    size_t letters = 0;
    for (size_t i = 0; i < alt.size(); ++i) {
      if (alt[i] == '&') {
        while (i + 1 < alt.size() && std::isalnum(static_cast<unsigned char>(alt[i + 1]))) ++i;
        continue;
      }
      if (alt[i] != ' ' && alt[i] != '\t' && alt[i] != '~' &&
          std::string_view("*$+%^").find(alt[i]) == std::string_view::npos)
        ++letters;
    }
    for (const std::string& full : ExpandPattern(alt, 0, true)) {
      if (expanded.size() >= kMaxExpansions) break;
      expanded.emplace_back(full, letters);
    }
  }
  if (expanded.size() >= kMaxExpansions)
    warnings_.push_back(where + "pattern has too many alternatives; the first " +
                        std::to_string(kMaxExpansions) + " are used");
  for (const auto& [text, letters] : expanded) {
    Phrase p;
    std::string error;
    if (!ParsePhrase(text, &p, &error)) {
      warnings_.push_back(where + error);
      return;
    }
    int star = -1, stars = 0;
    for (size_t i = 0; i < p.size(); ++i)
      if (p[i].kind == PhraseElem::Kind::kVerb) {
        star = static_cast<int>(i);
        ++stars;
      }
    if (stars != 1) {
      warnings_.push_back(
          where + (stars == 0 ? "missing verb marker * in pattern" : "more than one * in pattern"));
      return;
    }
    VerbPattern vp;
    vp.before.assign(p.begin(), p.begin() + star);
    vp.after.assign(p.begin() + star + 1, p.end());
    vp.verb_adjacent_before = !vp.before.empty() && vp.before.back().adjacent;
    vp.verb_adjacent_after = p[star].adjacent;
    vp.code = code;
    vp.length = letters;
    vp.text = text;
    roots_[root].patterns.push_back(std::move(vp));
  }
}

Status VerbDictionary::ReadSynsets(const std::vector<std::string>& lines, size_t* i,
                                   const std::string& path) {
  std::string current;
  for (++*i; *i < lines.size(); ++*i) {
    std::string_view line = TrimSpace(lines[*i]);
    if (line.empty()) continue;
    std::string upper = NormalizeDictText(line);
    if (upper.rfind("</SYNSET", 0) == 0) return OkStatus();
    if (line[0] == '&') {
      current = std::string(TrimSpace(StripComment(upper)));
      if (synsets_.count(current))
        warnings_.push_back(Where(path, *i) + "duplicate synset " + current);
      synsets_[current];
    } else if (line[0] == '+') {
      if (current.empty()) {
        warnings_.push_back(Where(path, *i) + "synset member before any &NAME");
        continue;
      }
      std::string member(TrimSpace(StripComment(std::string_view(upper).substr(1))));
      if (member.find(current) != std::string::npos) {
        warnings_.push_back(Where(path, *i) + "synset refers to itself");
        continue;
      }
      for (const std::string& m : ExpandPattern(member, 0, true)) synsets_[current].push_back(m);
    } else if (line[0] != '#' && line[0] != '/') {
      warnings_.push_back(Where(path, *i) + "unexpected line in <SYNSETS>");
    }
  }
  warnings_.push_back(path + ": missing </SYNSETS>");
  return OkStatus();
}

Status VerbDictionary::Read(const std::string& path) {
  std::vector<std::string> lines;
  SITREP_RETURN_IF_ERROR(ReadLines(path, &lines));
  int current = -1;
  bool in_time = false, in_skip = false;
  for (size_t ln = 0; ln < lines.size(); ++ln) {
    std::string_view line = TrimSpace(lines[ln]);
    if (line.empty()) continue;
    if (line.rfind("~~", 0) == 0 || line.rfind("~FINISH", 0) == 0) break;
    std::string upper = NormalizeDictText(line);
    if (line[0] == '<') {
      if (upper.rfind("<SYNSET", 0) == 0) {
        SITREP_RETURN_IF_ERROR(ReadSynsets(lines, &ln, path));
      } else if (upper.rfind("<TIME>", 0) == 0) {
        in_time = true;
        has_time_ = true;
      } else if (upper.rfind("</TIME>", 0) == 0) {
        in_time = false;
        current = -1;
      } else if (upper.rfind("</", 0) == 0) {
        in_skip = false;
        current = -1;
      } else {
        in_skip = true;  // <ATTRIB>, <ISSUES>...: not used for event coding
      }
      continue;
    }
    if (in_skip) continue;
    if (line[0] == '#' || line[0] == '/') continue;
    std::string error;
    if (line[0] == '-' || (line[0] == '_' && line.size() > 1 && line[1] == ' ')) {
      if (current < 0) {
        warnings_.push_back(Where(path, ln) + "pattern before any verb");
        continue;
      }
      std::string_view body = StripComment(line.substr(1));
      size_t br = body.find('[');
      size_t cb = body.find(']', br == std::string_view::npos ? 0 : br);
      if (br == std::string_view::npos || cb == std::string_view::npos) {
        warnings_.push_back(Where(path, ln) +
                            (br == std::string_view::npos ? "missing [" : "missing ]"));
        continue;
      }
      std::string code_text(TrimSpace(body.substr(br + 1, cb - br - 1)));
      if (code_text.empty()) {
        warnings_.push_back(Where(path, ln) + "no code in [...]");
        continue;
      }
      AddPattern(current, NormalizeDictText(TrimSpace(body.substr(0, br))),
                 ParseVerbCode(code_text), Where(path, ln));
      continue;
    }
    if (line[0] == '{') {
      if (current < 0) {
        warnings_.push_back(Where(path, ln) + "verb forms before any verb");
        continue;
      }
      size_t cb = line.find('}');
      std::string inner(
          line.substr(1, cb == std::string_view::npos ? std::string_view::npos : cb - 1));
      std::istringstream ss(NormalizeDictText(inner));
      std::string form;
      int added = 0;
      while (ss >> form) {
        Form f;
        if (!ParsePhrase(form, &f.phrase, &error)) {
          warnings_.push_back(Where(path, ln) + error);
          continue;
        }
        f.root = current;
        forms_.push_back(std::move(f));
        ++added;
      }
      if (added == 0) warnings_.push_back(Where(path, ln) + "no verb forms inside {...}");
      continue;
    }
    // A root line.
    std::string_view body = StripComment(line);
    size_t br = body.find('[');
    size_t cb = body.find(']', br == std::string_view::npos ? 0 : br);
    if (br == std::string_view::npos || cb == std::string_view::npos) {
      warnings_.push_back(Where(path, ln) +
                          (br == std::string_view::npos ? "missing [" : "missing ]"));
      current = -1;
      continue;
    }
    std::string text = NormalizeDictText(TrimSpace(body.substr(0, br)));
    Form f;
    if (text.size() < 2 || !ParsePhrase(text, &f.phrase, &error)) {
      warnings_.push_back(Where(path, ln) + (error.empty() ? "phrase too short" : error));
      current = -1;
      continue;
    }
    std::string code_text(TrimSpace(body.substr(br + 1, cb - br - 1)));
    if (code_text.empty()) {
      warnings_.push_back(Where(path, ln) + "no code in [...]");
      current = -1;
      continue;
    }
    VerbRoot root;
    root.text = text;
    root.code = ParseVerbCode(code_text);
    root.time = in_time;
    roots_.push_back(std::move(root));
    current = static_cast<int>(roots_.size()) - 1;
    f.root = current;
    forms_.push_back(std::move(f));
  }
  return OkStatus();
}

void VerbDictionary::Finish() {
  for (VerbRoot& r : roots_)
    std::stable_sort(
        r.patterns.begin(), r.patterns.end(),
        [](const VerbPattern& a, const VerbPattern& b) { return a.length > b.length; });
  index_ = PhraseIndex();
  for (size_t i = 0; i < forms_.size(); ++i)
    index_.Add(static_cast<int>(i), forms_[i].phrase, LetterCount(forms_[i].phrase));
  index_.Finish();
}

}  // namespace sitrep::tabari
