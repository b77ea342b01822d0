#include "petrarch/dictionaries.h"
#include "core/binary_io.h"
#include "core/strings.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

namespace sitrep::petrarch {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> SplitWords(std::string_view s, std::string_view seps = " \t\r\n") {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && seps.find(s[i]) != std::string_view::npos) ++i;
    size_t b = i;
    while (i < s.size() && seps.find(s[i]) == std::string_view::npos) ++i;
    if (i > b) out.emplace_back(s.substr(b, i - b));
  }
  return out;
}

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

// Splits a dictionary text into lines with XML comments and '#' comments
// removed ('#' inside [...] is kept: "[###]" is a code). Returns (line number,
// content) for the non-empty ones.
std::vector<std::pair<int, std::string>> CleanLines(std::string_view text) {
  std::vector<std::pair<int, std::string>> out;
  bool in_comment = false;
  int number = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string line(text.substr(pos, nl - pos));
    pos = nl + 1;
    ++number;
    std::string kept;
    size_t i = 0;
    while (i < line.size()) {
      if (in_comment) {
        size_t end = line.find("-->", i);
        if (end == std::string::npos) {
          i = line.size();
        } else {
          in_comment = false;
          i = end + 3;
        }
        continue;
      }
      if (line.compare(i, 2, "<!") == 0) {
        in_comment = true;
        i += 2;
        continue;
      }
      kept.push_back(line[i++]);
    }
    int depth = 0;
    for (size_t k = 0; k < kept.size(); ++k) {
      if (kept[k] == '[') ++depth;
      if (kept[k] == ']' && depth > 0) --depth;
      if (kept[k] == '#' && depth == 0) {
        kept.resize(k);
        break;
      }
    }
    // Keep leading whitespace (actor code lines are indented) but drop trailing.
    while (!kept.empty() && isspace(static_cast<unsigned char>(kept.back()))) kept.pop_back();
    if (!Trim(kept).empty()) out.emplace_back(number, std::move(kept));
    if (pos > text.size()) break;
  }
  return out;
}

std::string Plural(const std::string& w) {
  if (w.empty()) return w;
  char last = w.back();
  if (last == 'Y' && w.size() > 1 &&
      std::string("AEIOU").find(w[w.size() - 2]) == std::string::npos)
    return w.substr(0, w.size() - 1) + "IES";
  if (last == 'S' || last == 'X' || last == 'Z' || (w.size() > 1 && w.ends_with("CH")) ||
      w.ends_with("SH"))
    return w + "ES";
  return w + "S";
}

std::vector<std::string> RegularVerbForms(const std::string& stem) {
  std::vector<std::string> forms = {stem};
  if (stem.empty()) return forms;
  char last = stem.back();
  if (last == 'S' || last == 'X' || last == 'Z' || stem.ends_with("CH") || stem.ends_with("SH"))
    forms.push_back(stem + "ES");
  else if (last == 'Y' && stem.size() > 1 &&
           std::string("AEIOU").find(stem[stem.size() - 2]) == std::string::npos)
    forms.push_back(stem.substr(0, stem.size() - 1) + "IES");
  else
    forms.push_back(stem + "S");
  if (last == 'E')
    forms.push_back(stem + "D");
  else if (last == 'Y' && stem.size() > 1 &&
           std::string("AEIOU").find(stem[stem.size() - 2]) == std::string::npos)
    forms.push_back(stem.substr(0, stem.size() - 1) + "IED");
  else
    forms.push_back(stem + "ED");
  if (last == 'E' && stem.size() > 2 &&
      std::string("AEIOU").find(stem[stem.size() - 2]) == std::string::npos)
    forms.push_back(stem.substr(0, stem.size() - 1) + "ING");
  else
    forms.push_back(stem + "ING");
  return forms;
}

// "WIRE_+TAP" -> front {WIRE}, verb TAP, back {}; "+BREAK_DOWN" -> verb BREAK, back {DOWN};
// "LASH OUT" (space) behaves like "+LASH_OUT".
bool SplitCompound(const std::string& form, std::vector<std::string>* front, std::string* verb,
                   std::vector<std::string>* back) {
  std::vector<std::string> pieces = SplitWords(form, "_ ");
  if (pieces.empty()) return false;
  int verb_at = 0;
  for (size_t i = 0; i < pieces.size(); ++i) {
    if (!pieces[i].empty() && pieces[i][0] == '+') {
      verb_at = static_cast<int>(i);
      pieces[i] = pieces[i].substr(1);
    }
  }
  front->assign(pieces.begin(), pieces.begin() + verb_at);
  *verb = pieces[verb_at];
  back->assign(pieces.begin() + verb_at + 1, pieces.end());
  return !verb->empty();
}

// The text inside the first [...] of `s`, trimmed; sets *found.
std::string BracketCode(std::string_view s, size_t* at = nullptr) {
  size_t b = s.find('[');
  if (b == std::string_view::npos) return {};
  size_t e = s.find(']', b);
  if (e == std::string_view::npos) return {};
  if (at) *at = b;
  std::string code = Trim(s.substr(b + 1, e - b - 1));
  code.erase(std::remove(code.begin(), code.end(), ' '), code.end());
  return code;
}

}  // namespace

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

int ParseDictionaryDate(std::string_view s) {
  if (s.size() != 6 && s.size() != 8) return -1;
  for (char c : s)
    if (c < '0' || c > '9') return -1;
  int v = std::stoi(std::string(s));
  if (s.size() == 6) {
    int yy = v / 10000;
    v += (yy < 30 ? 20000000 : 19000000);
  }
  return v;
}

std::string ActorEntry::CodeOn(int date) const {
  for (const DatedCode& c : codes) {
    switch (c.kind) {
      case DatedCode::Kind::kAlways:
        break;
      case DatedCode::Kind::kBefore:
        if (date < c.to) return c.code;
        break;
      case DatedCode::Kind::kFrom:
        if (date >= c.from) return c.code;
        break;
      case DatedCode::Kind::kRange:
        if (date >= c.from && date <= c.to) return c.code;
        break;
    }
  }
  for (const DatedCode& c : codes)
    if (c.kind == DatedCode::Kind::kAlways) return c.code;
  return {};
}

PhraseTrie::PhraseTrie() { nodes_.emplace_back(); }

int& PhraseTrie::Slot(const std::vector<std::string>& words) {
  int n = 0;
  for (const std::string& w : words) {
    auto it = nodes_[n].next.find(w);
    if (it == nodes_[n].next.end()) {
      int m = static_cast<int>(nodes_.size());
      nodes_[n].next.emplace(w, m);
      nodes_.emplace_back();
      n = m;
    } else {
      n = it->second;
    }
  }
  return nodes_[n].value;
}

int PhraseTrie::LongestMatch(const std::vector<std::string>& words, size_t begin,
                             size_t* length) const {
  int n = 0, best = -1;
  for (size_t i = begin; i < words.size(); ++i) {
    auto it = nodes_[n].next.find(words[i]);
    if (it == nodes_[n].next.end()) break;
    n = it->second;
    if (nodes_[n].value >= 0) {
      best = nodes_[n].value;
      *length = i - begin + 1;
    }
  }
  return best;
}

void Dictionaries::Warn(const std::string& name, int line, const std::string& message) {
  warnings_.push_back(name + ":" + std::to_string(line) + ": " + message);
}

// ---------------------------------------------------------------- verbs

namespace {

struct RawSynset {
  std::vector<std::string> members;  // raw member text, upper-cased
  bool no_plural = false;
  int line = 0;
};

}  // namespace

void Dictionaries::ReadVerbs(std::string_view text, const std::string& name) {
  VerbDictionary& vd = verbs_;
  std::unordered_map<std::string, RawSynset> raw;
  std::vector<std::string> raw_order;
  std::string current_synset;  // while reading "+member" lines
  int block = -1;
  struct PendingPattern {
    int block;
    std::string text;
    int line;
  };
  std::vector<PendingPattern> pending;
  for (auto& [number, line0] : CleanLines(text)) {
    std::string line = Upper(Trim(line0));
    if (line.rfind("---", 0) == 0) {
      current_synset.clear();
      std::string inner = line.substr(3);
      inner = Trim(inner);
      if (inner.size() >= 3 && inner.compare(inner.size() - 3, 3, "---") == 0 &&
          (inner.size() == 3 || inner[inner.size() - 4] != '['))
        inner = inner.substr(0, inner.size() - 3);
      std::vector<std::string> words = SplitWords(inner);
      if (words.empty() || words[0][0] == '[') {
        Warn(name, number, "verb block header without a name; skipped");
        block = -1;
        continue;
      }
      std::string code = BracketCode(inner);
      if (code.empty()) {
        Warn(name, number, "verb block header without [code]; using ---");
        code = "---";
      }
      VerbBlock b;
      b.name = words[0];
      b.code = code;
      vd.blocks.push_back(std::move(b));
      block = static_cast<int>(vd.blocks.size()) - 1;
      continue;
    }
    if (line[0] == '&') {
      std::vector<std::string> words = SplitWords(line);
      std::string key = words[0];
      bool no_plural = key.size() > 1 && key.back() == '_';
      while (key.size() > 1 && key.back() == '_') key.pop_back();
      if (key.size() < 2) {
        Warn(name, number, "synset without a name; skipped");
        current_synset.clear();
        continue;
      }
      if (!raw.count(key)) raw_order.push_back(key);
      raw[key].no_plural = no_plural;
      raw[key].line = number;
      current_synset = key;
      continue;
    }
    if (line[0] == '+' && !current_synset.empty()) {
      std::string member = Trim(line.substr(1));
      if (member.empty()) {
        Warn(name, number, "empty synset member; skipped");
        continue;
      }
      raw[current_synset].members.push_back(member);
      continue;
    }
    current_synset.clear();
    if (line[0] == '~') {
      if (line.find('=') == std::string::npos) {
        Warn(name, number, "transformation without '='; skipped");
      } else {
        std::string body = line.substr(1);
        size_t hash = body.find('#');
        if (hash != std::string::npos) body.resize(hash);
        for (char& ch : body)
          if (ch == '(' || ch == ')') ch = ' ';
        size_t eq = body.find('=');
        std::istringstream left(body.substr(0, eq)), right(body.substr(eq + 1));
        std::vector<std::string> l, r;
        for (std::string w; left >> w;) l.push_back(w);
        for (std::string w; right >> w;) r.push_back(w);
        if (l.size() != 5 || r.size() != 3) {
          Warn(name, number,
               "transformation not of the form 'a (b c VERB) VERB = x y CODE'; skipped");
        } else {
          vd.transformation_rules.push_back({l[0], l[1], l[2], l[3], l[4], r[0], r[1], r[2]});
          ++vd.transformations;
        }
      }
      continue;
    }
    if (line[0] == '-') {
      if (block < 0) {
        Warn(name, number, "pattern before any verb block; skipped");
        continue;
      }
      pending.push_back({block, line.substr(1), number});
      continue;
    }
    // A verb line: FORM {FORMS} [CODE]
    if (block < 0) {
      Warn(name, number, "verb before any '--- VERB [code] ---' block; skipped");
      continue;
    }
    std::string body = line;
    std::string code;
    size_t at = 0;
    code = BracketCode(body, &at);
    if (!code.empty()) body = body.substr(0, at);
    std::vector<std::string> irregular;
    size_t lb = body.find('{');
    if (lb != std::string::npos) {
      size_t rb = body.find('}', lb);
      if (rb == std::string::npos) {
        Warn(name, number, "'{' without '}' in verb forms; skipped");
        continue;
      }
      irregular = SplitWords(body.substr(lb + 1, rb - lb - 1));
      body = body.substr(0, lb);
    }
    body = Trim(body);
    if (body.empty()) {
      Warn(name, number, "verb line without a verb; skipped");
      continue;
    }
    if (body.find_first_of("[]{}") != std::string::npos) {
      Warn(name, number, "malformed verb line; skipped");
      continue;
    }
    std::vector<std::string> front, back;
    std::string verb;
    if (!SplitCompound(body, &front, &verb, &back)) {
      Warn(name, number, "malformed verb '" + body + "'; skipped");
      continue;
    }
    std::vector<
        std::pair<std::vector<std::string>, std::pair<std::string, std::vector<std::string>>>>
        all;
    if (lb == std::string::npos) {
      for (const std::string& f : RegularVerbForms(verb)) all.push_back({front, {f, back}});
    } else {
      all.push_back({front, {verb, back}});
      for (const std::string& form : irregular) {
        std::vector<std::string> f2, b2;
        std::string v2;
        if (form.find('_') != std::string::npos || form[0] == '+') {
          if (!SplitCompound(form, &f2, &v2, &b2)) continue;
        } else {
          v2 = form;
          f2 = front;
          b2 = back;
        }
        all.push_back({f2, {v2, b2}});
      }
    }
    for (auto& [f, vb] : all) {
      VerbForm vf;
      vf.front = f;
      vf.back = vb.second;
      vf.code = code;
      vf.block = block;
      if (!vf.front.empty()) {
        auto& list = vd.by_front_word[vf.front[0]];
        if (std::find(list.begin(), list.end(), vb.first) == list.end()) list.push_back(vb.first);
      }
      vd.forms[vb.first].push_back(std::move(vf));
    }
  }

  // Resolve synsets (members may name other synsets).
  std::unordered_map<std::string, std::vector<std::vector<std::string>>> resolved;
  std::function<const std::vector<std::vector<std::string>>&(const std::string&, int)> resolve =
      [&](const std::string& key, int depth) -> const std::vector<std::vector<std::string>>& {
    static const std::vector<std::vector<std::string>> kEmpty;
    auto done = resolved.find(key);
    if (done != resolved.end()) return done->second;
    auto it = raw.find(key);
    if (it == raw.end() || depth > 8) return kEmpty;
    std::vector<std::vector<std::string>> phrases;
    for (const std::string& m : it->second.members) {
      if (m[0] == '&') {
        std::string sub = SplitWords(m)[0];
        while (sub.size() > 1 && sub.back() == '_') sub.pop_back();
        for (const auto& p : resolve(sub, depth + 1)) phrases.push_back(p);
        continue;
      }
      bool no_plural = it->second.no_plural || m.back() == '_';
      std::vector<std::string> words = SplitWords(m, " _");
      if (words.empty()) continue;
      phrases.push_back(words);
      if (!no_plural) {
        std::vector<std::string> plural = words;
        plural.back() = Plural(plural.back());
        phrases.push_back(plural);
      }
    }
    std::stable_sort(phrases.begin(), phrases.end(),
                     [](const auto& a, const auto& b) { return a.size() > b.size(); });
    return resolved[key] = std::move(phrases);
  };
  for (const std::string& key : raw_order) {
    vd.synset_index[key] = static_cast<int>(vd.synsets.size());
    vd.synsets.push_back(resolve(key, 0));
  }

  // Compile patterns.
  for (const PendingPattern& p : pending) {
    size_t at = 0;
    std::string code = BracketCode(p.text, &at);
    if (code.empty()) {
      Warn(name, p.line, "pattern without [code]; skipped");
      continue;
    }
    std::string body = p.text.substr(0, at);
    for (char& c : body)
      if (c == '(' || c == ')' || c == '{' || c == '}') c = ' ';
    VerbPattern pat;
    pat.code = code;
    pat.line = name + ":" + std::to_string(p.line);
    bool seen_verb = false, ok = true, two_stars = false;
    std::vector<PatternElement>* side = &pat.upper;
    for (const std::string& chunk : SplitWords(body)) {
      std::vector<std::string> pieces;
      {
        size_t i = 0;
        std::string cur;
        for (; i <= chunk.size(); ++i) {
          if (i == chunk.size() || chunk[i] == '_') {
            pieces.push_back(cur);
            cur.clear();
          } else {
            cur.push_back(chunk[i]);
          }
        }
      }
      // Synset names may contain '_' ("&FIGHT_OF_WORDS"): rejoin the longest
      // run of pieces that names a synset.
      for (size_t k = 0; k < pieces.size(); ++k) {
        if (pieces[k].empty() || pieces[k][0] != '&') continue;
        std::string name = pieces[k];
        size_t best = k;
        for (size_t j = k + 1; j < pieces.size(); ++j) {
          name += "_" + pieces[j];
          if (vd.synset_index.count(name)) best = j;
        }
        for (size_t j = k + 1; j <= best; ++j) pieces[k] += "_" + pieces[j];
        pieces.erase(pieces.begin() + k + 1, pieces.begin() + best + 1);
      }
      bool joined = false;
      for (size_t k = 0; k < pieces.size(); ++k) {
        const std::string& piece = pieces[k];
        if (k > 0) joined = true;
        if (piece.empty()) continue;
        if (piece == "*") {
          if (seen_verb) {
            ok = false;
            two_stars = true;
            break;
          }
          seen_verb = true;
          // "IN_*": the last upper element is joined to the verb.
          if (joined && !pat.upper.empty()) pat.upper.back().joined = true;
          side = &pat.lower;
          // "*_OUT": the next lower element is joined to the verb.
          joined = k + 1 < pieces.size();
          if (joined) {
            // mark on the next element below
          }
          continue;
        }
        PatternElement e;
        if (piece == "$") {
          e.kind = PatternElement::Kind::kSource;
        } else if (piece == "+") {
          e.kind = PatternElement::Kind::kTarget;
        } else if (piece == "^") {
          e.kind = PatternElement::Kind::kSkip;
        } else if (piece == "%") {
          e.kind = PatternElement::Kind::kCompound;
        } else if (piece[0] == '&') {
          std::string key = piece;
          while (key.size() > 1 && key.back() == '_') key.pop_back();
          auto it = vd.synset_index.find(key);
          if (it == vd.synset_index.end()) {
            Warn(name, p.line, "undefined synset " + key + "; pattern skipped");
            ok = false;
            break;
          }
          e.kind = PatternElement::Kind::kSynset;
          e.synset = it->second;
        } else {
          e.word = piece;
        }
        if (side == &pat.upper) {
          // For upper elements `joined` links to the NEXT element: set it on the
          // previous upper element when this one was joined to it.
          if (joined && !pat.upper.empty()) pat.upper.back().joined = true;
          e.joined = false;
        } else {
          e.joined = joined;
        }
        side->push_back(std::move(e));
        joined = false;
      }
      if (!ok) break;
    }
    if (!ok) {
      if (two_stars) Warn(name, p.line, "pattern with more than one '*'; skipped");
      continue;
    }
    if (!seen_verb) {
      Warn(name, p.line, "pattern without '*' for the verb; skipped");
      continue;
    }
    vd.blocks[p.block].patterns.push_back(std::move(pat));
  }
}

// ---------------------------------------------------------------- actors

void Dictionaries::ReadActors(std::string_view text, const std::string& name) {
  int current = -1;  // entry receiving "+synonym" and "[code]" lines
  bool entry_has_code_line = false;
  auto parse_code = [&](const std::string& inside, int number, DatedCode* out) {
    // "HOB", "HOB <950601", "HOB < 950601", "HOBGOV 19950601 - 19990815", "HOBREB >990816"
    std::vector<std::string> words = SplitWords(inside);
    if (words.empty()) return false;
    out->code = words[0];
    std::string rest;
    for (size_t i = 1; i < words.size(); ++i) rest += words[i];
    if (rest.empty()) {
      out->kind = DatedCode::Kind::kAlways;
      return true;
    }
    if (rest[0] == '<' || rest[0] == '>') {
      int d = ParseDictionaryDate(rest.substr(1));
      if (d < 0) {
        Warn(name, number, "bad date restriction '" + inside + "'; skipped");
        return false;
      }
      if (rest[0] == '<') {
        out->kind = DatedCode::Kind::kBefore;
        out->to = d;
      } else {
        out->kind = DatedCode::Kind::kFrom;
        out->from = d;
      }
      return true;
    }
    size_t dash = rest.find('-');
    int a = dash == std::string::npos ? -1 : ParseDictionaryDate(rest.substr(0, dash));
    int b = dash == std::string::npos ? -1 : ParseDictionaryDate(rest.substr(dash + 1));
    if (a < 0 || b < 0) {
      Warn(name, number, "bad date range '" + inside + "'; skipped");
      return false;
    }
    out->kind = DatedCode::Kind::kRange;
    out->from = a;
    out->to = b;
    return true;
  };
  auto add_phrase = [&](const std::string& phrase, int number) {
    std::vector<std::string> words = SplitWords(Upper(phrase), " _\t");
    if (words.empty()) {
      Warn(name, number, "empty actor phrase; skipped");
      return;
    }
    int& slot = actor_trie_.Slot(words);
    slot = current;  // later entries override earlier ones
    if (actors_[current].root.empty()) actors_[current].root = words;
  };
  for (auto& [number, line] : CleanLines(text)) {
    bool indented = line[0] == ' ' || line[0] == '\t';
    std::string t = Trim(line);
    if (t[0] == '[') {
      if (current < 0) {
        Warn(name, number, "code line before any actor; skipped");
        continue;
      }
      size_t e = t.find(']');
      if (e == std::string::npos) {
        Warn(name, number, "'[' without ']'; skipped");
        continue;
      }
      DatedCode c;
      if (parse_code(t.substr(1, e - 1), number, &c)) {
        // A code line after an inline default: dated ones go before it.
        actors_[current].codes.push_back(c);
      }
      entry_has_code_line = true;
      continue;
    }
    (void)indented;
    if (t[0] == '+') {
      if (current < 0) {
        Warn(name, number, "synonym before any actor; skipped");
        continue;
      }
      std::string phrase = t.substr(1);
      size_t b = phrase.find('[');
      if (b != std::string::npos) phrase = phrase.substr(0, b);
      add_phrase(Trim(phrase), number);
      continue;
    }
    // A new actor: "NAME [CODE]" or "NAME" with codes on the following lines.
    actors_.push_back({});
    current = static_cast<int>(actors_.size()) - 1;
    entry_has_code_line = false;
    std::string phrase = t;
    size_t b = t.find('[');
    if (b != std::string::npos) {
      size_t e = t.find(']', b);
      if (e == std::string::npos) {
        Warn(name, number, "'[' without ']'; skipped");
        actors_.pop_back();
        current = -1;
        continue;
      }
      DatedCode c;
      if (parse_code(t.substr(b + 1, e - b - 1), number, &c)) actors_[current].codes.push_back(c);
      phrase = t.substr(0, b);
    }
    add_phrase(Trim(phrase), number);
  }
  (void)entry_has_code_line;
}

// ---------------------------------------------------------------- agents

void Dictionaries::ReadAgents(std::string_view text, const std::string& name) {
  std::unordered_map<std::string, std::vector<std::string>> subst;  // "!PERSON!" -> words
  for (auto& [number, line] : CleanLines(text)) {
    std::string t = Upper(Trim(line));
    if (t[0] == '!' && t.find('=') != std::string::npos) {
      size_t eq = t.find('=');
      size_t close = t.find('!', 1);
      if (eq == std::string::npos || close == std::string::npos || close > eq) {
        Warn(name, number, "malformed substitution set; skipped");
        continue;
      }
      subst[t.substr(0, close + 1)] = SplitWords(t.substr(eq + 1), " ,\t");
      continue;
    }
    size_t b = t.find('[');
    size_t e = b == std::string::npos ? std::string::npos : t.find(']', b);
    if (b == std::string::npos || e == std::string::npos) {
      Warn(name, number, "agent without [code]; skipped");
      continue;
    }
    std::string code = t.substr(b + 1, e - b - 1);
    code.erase(std::remove_if(code.begin(), code.end(),
                              [](char c) { return isspace(static_cast<unsigned char>(c)); }),
               code.end());
    AgentCode ac;
    if (!code.empty() && code[0] == '~') {
      ac.code = code.substr(1);
    } else if (!code.empty() && code.back() == '~') {
      ac.code = code.substr(0, code.size() - 1);
      ac.prefix = true;
    } else {
      Warn(name, number, "agent code '" + code + "' has no '~'; skipped");
      continue;
    }
    if (ac.code.empty()) {
      Warn(name, number, "empty agent code; skipped");
      continue;
    }
    std::string head = t.substr(0, b);
    std::vector<std::string> explicit_forms;
    bool braces = false;
    size_t lb = head.find('{');
    if (lb != std::string::npos) {
      size_t rb = head.find('}', lb);
      if (rb == std::string::npos) {
        Warn(name, number, "'{' without '}'; skipped");
        continue;
      }
      braces = true;
      explicit_forms = SplitWords(head.substr(lb + 1, rb - lb - 1));
      head = head.substr(0, lb);
    }
    head = Trim(head);
    if (head.empty()) {
      Warn(name, number, "agent without a phrase; skipped");
      continue;
    }
    std::vector<std::string> forms = {head};
    if (!braces) {
      std::vector<std::string> words = SplitWords(head, "_ ");
      if (!words.empty() && words.back().find('!') == std::string::npos) {
        std::string p = head.substr(0, head.size() - words.back().size()) + Plural(words.back());
        forms.push_back(p);
      }
    }
    for (const std::string& f : explicit_forms) forms.push_back(f);
    // Expand !SET! substitutions (concatenated: "CONGRESS!PERSON!" -> CONGRESSMAN).
    std::vector<std::string> expanded;
    for (const std::string& f : forms) {
      std::vector<std::string> todo = {f};
      int guard = 0;
      while (!todo.empty() && ++guard < 1000) {
        std::string s = todo.back();
        todo.pop_back();
        size_t x = s.find('!');
        if (x == std::string::npos) {
          expanded.push_back(s);
          continue;
        }
        size_t y = s.find('!', x + 1);
        if (y == std::string::npos) {
          Warn(name, number, "unclosed '!' substitution; skipped");
          break;
        }
        auto it = subst.find(s.substr(x, y - x + 1));
        if (it == subst.end()) {
          Warn(name, number, "unknown substitution set " + s.substr(x, y - x + 1) + "; skipped");
          break;
        }
        for (const std::string& w : it->second)
          todo.push_back(s.substr(0, x) + w + s.substr(y + 1));
      }
    }
    for (const std::string& f : expanded) {
      std::vector<std::string> words = SplitWords(f, "_ ");
      if (words.empty()) continue;
      int& slot = agent_trie_.Slot(words);
      if (slot < 0) {
        slot = static_cast<int>(agents_.size());
        agents_.push_back({});
      }
      agents_[slot] = {ac};
    }
  }
}

// ---------------------------------------------------------------- discards, issues

void Dictionaries::ReadDiscards(std::string_view text, const std::string& name) {
  for (auto& [number, line] : CleanLines(text)) {
    std::string t = Upper(Trim(line));
    DiscardPhrase d;
    if (t[0] == '+') {
      d.story = true;
      t = Trim(t.substr(1));
    }
    if (!t.empty() && t.back() == '_') {
      d.whole_word = true;
      while (!t.empty() && t.back() == '_') t.pop_back();
    }
    std::vector<std::string> words = SplitWords(t, " _\t");
    if (words.empty()) {
      Warn(name, number, "empty discard phrase; skipped");
      continue;
    }
    for (size_t i = 0; i < words.size(); ++i) d.phrase += (i ? " " : "") + words[i];
    discards_.push_back(std::move(d));
  }
}

void Dictionaries::ReadIssues(std::string_view text, const std::string& name) {
  for (auto& [number, line] : CleanLines(text)) {
    std::string t = Upper(Trim(line));
    if (t[0] == '<' || t[0] == '~') continue;  // <ISSUE ...> sections, exclusion phrases
    size_t b = t.find('[');
    size_t e = b == std::string::npos ? std::string::npos : t.find(']', b);
    if (b == std::string::npos || e == std::string::npos || e == b + 1) {
      Warn(name, number, "issue phrase without [code]; skipped");
      continue;
    }
    std::string code = Trim(t.substr(b + 1, e - b - 1));
    std::vector<std::string> forms = {Trim(t.substr(0, b))};
    bool changed = true;
    int guard = 0;
    while (changed && ++guard < 20) {
      changed = false;
      std::vector<std::string> next;
      for (const std::string& f : forms) {
        size_t plus = f.find('+');
        size_t n = f.find("N:");
        size_t v = f.find("V:");
        if (plus != std::string::npos) {
          next.push_back(f.substr(0, plus) + " " + f.substr(plus + 1));
          next.push_back(f.substr(0, plus) + "-" + f.substr(plus + 1));
          changed = true;
        } else if (n != std::string::npos) {
          std::string rest = f.substr(n + 2);
          size_t sp = rest.find(' ');
          std::string word = rest.substr(0, sp);
          std::string tail = sp == std::string::npos ? "" : rest.substr(sp);
          std::string singular = f.substr(0, n);
          singular += word;
          singular += tail;
          next.push_back(singular);
          next.push_back(f.substr(0, n) + Plural(word) + tail);
          changed = true;
        } else if (v != std::string::npos) {
          std::string rest = f.substr(v + 2);
          size_t sp = rest.find(' ');
          std::string word = rest.substr(0, sp);
          std::string tail = sp == std::string::npos ? "" : rest.substr(sp);
          for (const std::string& form : RegularVerbForms(word)) {
            std::string x = f.substr(0, v);
            x += form;
            x += tail;
            next.push_back(x);
          }
          changed = true;
        } else {
          next.push_back(f);
        }
      }
      forms = std::move(next);
    }
    for (const std::string& f : forms) {
      std::vector<std::string> words = SplitWords(f);
      if (!words.empty()) issues_.push_back({words, code});
    }
  }
}

// ---------------------------------------------------------------- loading

StatusOr<std::unique_ptr<Dictionaries>> Dictionaries::Load(const DictionaryFiles& files) {
  std::unique_ptr<Dictionaries> d(new Dictionaries());
  d->warnings_ = files.warnings;
  auto read = [&](const std::string& path, std::string* text) -> Status {
    auto bytes = ReadFileToString(path);
    if (!bytes.ok()) return NotFoundError("cannot read dictionary " + path);
    *text = std::move(*bytes);
    return OkStatus();
  };
  auto base = [](const std::string& p) { return fs::path(p).filename().string(); };
  std::string text;
  if (files.verbs.empty()) return NotFoundError("no verb dictionary given");
  SITREP_RETURN_IF_ERROR(read(files.verbs, &text));
  d->ReadVerbs(text, base(files.verbs));
  if (files.actors.empty()) return NotFoundError("no actor dictionary given");
  for (const std::string& a : files.actors) {
    SITREP_RETURN_IF_ERROR(read(a, &text));
    d->ReadActors(text, base(a));
  }
  if (!files.agents.empty()) {
    SITREP_RETURN_IF_ERROR(read(files.agents, &text));
    d->ReadAgents(text, base(files.agents));
  }
  if (!files.discards.empty()) {
    SITREP_RETURN_IF_ERROR(read(files.discards, &text));
    d->ReadDiscards(text, base(files.discards));
  }
  if (!files.issues.empty()) {
    SITREP_RETURN_IF_ERROR(read(files.issues, &text));
    d->ReadIssues(text, base(files.issues));
  }
  return d;
}

std::unique_ptr<Dictionaries> Dictionaries::FromText(std::string_view verbs,
                                                     std::string_view actors,
                                                     std::string_view agents,
                                                     std::string_view discards,
                                                     std::string_view issues) {
  std::unique_ptr<Dictionaries> d(new Dictionaries());
  d->ReadVerbs(verbs, "verbs");
  d->ReadActors(actors, "actors");
  d->ReadAgents(agents, "agents");
  d->ReadDiscards(discards, "discards");
  d->ReadIssues(issues, "issues");
  return d;
}

StatusOr<DictionaryFiles> ReadPetrConfig(const std::string& ini_path, const std::string& dict_dir) {
  std::string text;
  auto ini = ReadFileToString(ini_path);
  if (!ini.ok()) return NotFoundError("cannot read " + ini_path);
  text = std::move(*ini);
  static const char* kKnownOptions[] = {
      "textfile_list",     "textfile_name",  "eventfile_name",   "code_by_sentence",
      "pause_by_sentence", "pause_by_story", "write_actor_root", "write_actor_text",
      "write_event_text",  "null_verbs",     "null_actors",      "new_actor_length",
      "require_dyad",      "stop_on_error",  "comma_min",        "comma_max",
      "comma_bmin",        "comma_bmax",     "comma_emin",       "comma_emax"};
  DictionaryFiles files;
  std::string section;
  std::string last_key;
  int number = 0;
  std::istringstream in(text);
  std::string line;
  std::string base = fs::path(ini_path).filename().string();
  auto resolve = [&](const std::string& f) { return (fs::path(dict_dir) / Trim(f)).string(); };
  while (std::getline(in, line)) {
    ++number;
    std::string t = Trim(line);
    if (t.empty() || t[0] == '#' || t[0] == ';') continue;
    if (t[0] == '[') {
      section = t;
      continue;
    }
    bool continuation = (line[0] == ' ' || line[0] == '\t') && t.find('=') == std::string::npos;
    if (continuation && last_key == "actorfile_list") {
      for (const std::string& f : SplitWords(t, ", ")) files.actors.push_back(resolve(f));
      continue;
    }
    size_t eq = t.find('=');
    if (eq == std::string::npos) eq = t.find(':');
    if (eq == std::string::npos) {
      files.warnings.push_back(base + ":" + std::to_string(number) +
                               ": not 'name = value'; skipped");
      continue;
    }
    std::string key = Trim(t.substr(0, eq));
    for (char& c : key) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
    std::string value = Trim(t.substr(eq + 1));
    last_key = key;
    if (section == "[Dictionaries]") {
      if (key == "verbfile_name")
        files.verbs = resolve(value);
      else if (key == "actorfile_list")
        for (const std::string& f : SplitWords(value, ", ")) files.actors.push_back(resolve(f));
      else if (key == "agentfile_name")
        files.agents = resolve(value);
      else if (key == "discardfile_name")
        files.discards = resolve(value);
      else if (key == "issuefile_name")
        files.issues = resolve(value);
      else
        files.warnings.push_back(
            StrCat({base, ":", std::to_string(number), ": unknown dictionary option '", key, "'"}));
    } else if (section == "[Options]") {
      bool known = false;
      for (const char* k : kKnownOptions) known = known || key == k;
      if (!known) {
        files.warnings.push_back(
            StrCat({base, ":", std::to_string(number), ": unknown option '", key, "'"}));
        continue;
      }
      files.options.emplace_back(key, value);
    }
  }
  if (files.verbs.empty() || files.actors.empty()) {
    return InvalidArgumentError(ini_path +
                                ": no verbfile_name or actorfile_list in [Dictionaries]");
  }
  return files;
}

StatusOr<DictionaryFiles> FindDictionaryFiles(const std::string& dir) {
  for (const fs::path& ini :
       {fs::path(dir) / "PETR_config.ini", fs::path(dir) / ".." / "config" / "PETR_config.ini"}) {
    std::error_code ec;
    if (fs::exists(ini, ec)) return ReadPetrConfig(ini.string(), dir);
  }
  DictionaryFiles files;
  auto have = [&](const char* name) {
    std::error_code ec;
    return fs::exists(fs::path(dir) / name, ec);
  };
  auto path = [&](const char* name) { return (fs::path(dir) / name).string(); };
  if (have("CAMEO.2.0.txt")) files.verbs = path("CAMEO.2.0.txt");
  for (const char* a : {"Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                        "Phoenix.MilNonState.actors.txt"})
    if (have(a)) files.actors.push_back(path(a));
  if (have("Phoenix.agents.txt")) files.agents = path("Phoenix.agents.txt");
  if (have("Phoenix.discards.txt")) files.discards = path("Phoenix.discards.txt");
  if (have("Phoenix.IssueCoding.txt")) files.issues = path("Phoenix.IssueCoding.txt");
  if (files.verbs.empty() || files.actors.empty()) {
    return NotFoundError(dir + ": no PETR_config.ini and no CAMEO.2.0.txt + Phoenix.*.actors.txt");
  }
  return files;
}

}  // namespace sitrep::petrarch
