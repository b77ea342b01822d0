#include "events/dictionary.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace sitrep::events {
namespace {

std::vector<std::string_view> SplitWords(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r') ++j;
    if (j > i) out.push_back(line.substr(i, j - i));
    i = j;
  }
  return out;
}

std::vector<std::string> SplitBar(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= s.size()) {
    size_t j = s.find('|', i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

// A lemma word: lower-case ASCII letters, digits, '-' and '\''.
bool IsWord(std::string_view w) {
  if (w.empty()) return false;
  for (char c : w) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '\'')) return false;
  }
  return true;
}

bool AllWords(const std::vector<std::string>& ws) {
  if (ws.empty()) return false;
  for (const std::string& w : ws) {
    if (!IsWord(w)) return false;
  }
  return true;
}

Status ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return OkStatus();
}

// Calls fn(line_number, line) for each non-blank, non-comment line.
template <typename Fn>
void ForEachLine(std::string_view text, Fn fn) {
  size_t pos = 0;
  int line_no = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    size_t hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    if (SplitWords(line).empty()) continue;
    fn(line_no, line);
  }
}

}  // namespace

std::string_view ComplementName(Complement c) {
  switch (c) {
    case Complement::kNone:
      return "";
    case Complement::kSay:
      return "say";
    case Complement::kDeny:
      return "deny";
    case Complement::kThreat:
      return "threat";
    case Complement::kIntent:
      return "intent";
    case Complement::kAppeal:
      return "appeal";
    case Complement::kDemand:
      return "demand";
    case Complement::kReject:
      return "reject";
    case Complement::kFuture:
      return "future";
  }
  return "";
}

bool IsCameoCodeShape(std::string_view code) {
  if (code.size() < 2 || code.size() > 4) return false;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
  }
  int root = (code[0] - '0') * 10 + (code[1] - '0');
  return root >= 1 && root <= 20;
}

void Dictionary::ParseVerbs(std::string_view text, std::string_view name) {
  ForEachLine(text, [&](int line_no, std::string_view line) {
    std::string where = std::string(name) + ":" + std::to_string(line_no);
    std::vector<std::string_view> w = SplitWords(line);
    if (w.size() < 2) {
      warnings_.push_back(where + ": expected 'CODE PATTERN', got '" + std::string(line) + "'");
      return;
    }
    VerbPattern p;
    p.origin = where;
    if (w[0] != "-") {
      if (!IsCameoCodeShape(w[0])) {
        warnings_.push_back(where + ": '" + std::string(w[0]) + "' is not a CAMEO code");
        return;
      }
      p.code = std::string(w[0]);
    }
    if (!IsWord(w[1])) {
      warnings_.push_back(where + ": verb lemma '" + std::string(w[1]) +
                          "' is not a lower-case word");
      return;
    }
    p.lemma = std::string(w[1]);
    for (size_t i = 2; i < w.size(); ++i) {
      std::string_view t = w[i];
      if (t[0] == '+') {
        static constexpr std::pair<std::string_view, Complement> kFlags[] = {
            {"+say", Complement::kSay},       {"+deny", Complement::kDeny},
            {"+threat", Complement::kThreat}, {"+intent", Complement::kIntent},
            {"+appeal", Complement::kAppeal}, {"+demand", Complement::kDemand},
            {"+reject", Complement::kReject}, {"+future", Complement::kFuture}};
        bool found = false;
        if (t == "+mutual") {
          p.mutual = true;
          continue;
        }
        if (t == "+undergo") {
          p.undergo = true;
          continue;
        }
        for (const auto& [flag, c] : kFlags) {
          if (t == flag) {
            p.complement = c;
            found = true;
          }
        }
        if (!found) {
          warnings_.push_back(where + ": unknown flag '" + std::string(t) + "'");
          return;
        }
        continue;
      }
      if (t[0] == '=') {
        p.object_lemmas = SplitBar(t.substr(1));
        if (!AllWords(p.object_lemmas)) {
          warnings_.push_back(where + ": bad object constraint '" + std::string(t) + "'");
          return;
        }
        ++p.specificity;
        continue;
      }
      size_t colon = t.find(':');
      PrepSlot slot;
      if (colon == std::string_view::npos) {
        slot.word = std::string(t);
        slot.is_target = true;
      } else {
        slot.word = std::string(t.substr(0, colon));
        std::string_view rest = t.substr(colon + 1);
        if (rest != "*") {
          slot.lemmas = SplitBar(rest);
          if (!AllWords(slot.lemmas)) {
            warnings_.push_back(where + ": bad noun list in '" + std::string(t) + "'");
            return;
          }
        }
      }
      if (!IsWord(slot.word)) {
        warnings_.push_back(where + ": bad pattern word '" + std::string(t) + "'");
        return;
      }
      p.specificity += slot.lemmas.empty() ? 1 : 2;
      p.slots.push_back(std::move(slot));
    }
    // "- hit =high|low|record": no code and no flag blocks the verb's more
    // general patterns for this object or preposition ("prices hit a record").
    if (p.code.empty() && p.complement == Complement::kNone && p.specificity == 0) {
      warnings_.push_back(where + ": '-' (no code) needs a complement flag, an object or a word");
      return;
    }
    std::vector<VerbPattern>& list = verbs_[p.lemma];
    for (const VerbPattern& q : list) {
      bool same_slots = q.slots.size() == p.slots.size();
      for (size_t k = 0; same_slots && k < q.slots.size(); ++k) {
        same_slots = q.slots[k].word == p.slots[k].word && q.slots[k].lemmas == p.slots[k].lemmas;
      }
      if (same_slots && q.object_lemmas == p.object_lemmas) {
        warnings_.push_back(where + ": duplicate of the pattern at " + q.origin + " (skipped)");
        return;
      }
    }
    list.push_back(std::move(p));
    ++num_verbs_;
  });
}

void Dictionary::ParseNouns(std::string_view text, std::string_view name) {
  ForEachLine(text, [&](int line_no, std::string_view line) {
    std::string where = std::string(name) + ":" + std::to_string(line_no);
    std::vector<std::string_view> w = SplitWords(line);
    if (w[0] == "light") {
      if (w.size() < 2 || w.size() > 3 || !IsWord(w[1]) || (w.size() == 3 && !IsWord(w[2]))) {
        warnings_.push_back(where + ": expected 'light VERB [PARTICLE]'");
        return;
      }
      LightVerb lv{std::string(w[1]), w.size() == 3 ? std::string(w[2]) : std::string()};
      light_[lv.lemma].push_back(std::move(lv));
      return;
    }
    if (w[0] == "nonagent") {
      if (w.size() != 2 || !IsWord(w[1])) {
        warnings_.push_back(where + ": expected 'nonagent NOUN'");
        return;
      }
      if (!non_agents_.emplace(w[1]).second)
        warnings_.push_back(where + ": duplicate nonagent '" + std::string(w[1]) + "' (skipped)");
      return;
    }
    bool weapon = w[0] == "weapon";
    if (weapon) w.erase(w.begin());
    if (w.size() < 2) {
      warnings_.push_back(where + ": expected '[weapon] CODE NOUN', got '" + std::string(line) +
                          "'");
      return;
    }
    if (!IsCameoCodeShape(w[0])) {
      warnings_.push_back(where + ": '" + std::string(w[0]) + "' is not a CAMEO code");
      return;
    }
    NounPattern p;
    p.code = std::string(w[0]);
    p.origin = where;
    for (size_t i = 1; i < w.size(); ++i) {
      if (!IsWord(w[i])) {
        warnings_.push_back(where + ": '" + std::string(w[i]) + "' is not a lower-case word");
        return;
      }
    }
    p.lemma = std::string(w.back());
    for (size_t i = 1; i + 1 < w.size(); ++i) p.modifiers.emplace_back(w[i]);
    std::vector<NounPattern>& list = (weapon ? weapons_ : nouns_)[p.lemma];
    for (const NounPattern& q : list) {
      if (q.modifiers == p.modifiers) {
        warnings_.push_back(where + ": duplicate of the noun at " + q.origin + " (skipped)");
        return;
      }
    }
    list.push_back(std::move(p));
    if (!weapon) ++num_nouns_;
  });
}

void Dictionary::Finish() {
  for (auto& [lemma, list] : verbs_) {
    std::stable_sort(list.begin(), list.end(), [](const VerbPattern& a, const VerbPattern& b) {
      return a.specificity > b.specificity;
    });
  }
  for (auto& [lemma, list] : weapons_) {
    std::stable_sort(list.begin(), list.end(), [](const NounPattern& a, const NounPattern& b) {
      return a.modifiers.size() > b.modifiers.size();
    });
  }
  for (auto& [lemma, list] : nouns_) {
    std::stable_sort(list.begin(), list.end(), [](const NounPattern& a, const NounPattern& b) {
      return a.modifiers.size() > b.modifiers.size();
    });
  }
}

StatusOr<std::unique_ptr<Dictionary>> Dictionary::Load(const std::string& dir) {
  std::string verbs, nouns;
  SITREP_RETURN_IF_ERROR(ReadFile(dir + "/verbs.txt", &verbs));
  SITREP_RETURN_IF_ERROR(ReadFile(dir + "/nouns.txt", &nouns));
  return FromText(verbs, nouns);
}

std::unique_ptr<Dictionary> Dictionary::FromText(std::string_view verbs, std::string_view nouns,
                                                 std::string_view verbs_name,
                                                 std::string_view nouns_name) {
  std::unique_ptr<Dictionary> d(new Dictionary());
  d->ParseVerbs(verbs, verbs_name);
  d->ParseNouns(nouns, nouns_name);
  d->Finish();
  return d;
}

std::vector<std::pair<std::string, std::string>> Dictionary::Codes() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [lemma, list] : verbs_) {
    for (const VerbPattern& p : list) {
      if (!p.code.empty()) out.emplace_back(p.code, p.origin);
    }
  }
  for (const auto& [lemma, list] : nouns_) {
    for (const NounPattern& p : list) out.emplace_back(p.code, p.origin);
  }
  for (const auto& [lemma, list] : weapons_) {
    for (const NounPattern& p : list) out.emplace_back(p.code, p.origin);
  }
  return out;
}

std::span<const VerbPattern> Dictionary::Verbs(std::string_view lemma) const {
  auto it = verbs_.find(lemma);
  if (it == verbs_.end()) return {};
  return it->second;
}

std::vector<std::string> Dictionary::VerbLemmas() const {
  std::vector<std::string> out;
  out.reserve(verbs_.size());
  for (const auto& [lemma, list] : verbs_) out.push_back(lemma);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> Dictionary::NounPhrases() const {
  std::vector<std::string> out;
  for (const Map<NounPattern>* map : {&nouns_, &weapons_}) {
    for (const auto& [lemma, list] : *map) {
      for (const NounPattern& p : list) {
        std::string phrase;
        for (const std::string& m : p.modifiers) phrase += m + " ";
        out.push_back(phrase + p.lemma);
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::span<const NounPattern> Dictionary::Nouns(std::string_view lemma) const {
  auto it = nouns_.find(lemma);
  if (it == nouns_.end()) return {};
  return it->second;
}

std::span<const NounPattern> Dictionary::Weapons(std::string_view lemma) const {
  auto it = weapons_.find(lemma);
  if (it == weapons_.end()) return {};
  return it->second;
}

bool Dictionary::IsNonAgent(std::string_view lemma) const {
  return non_agents_.find(lemma) != non_agents_.end();
}

std::span<const LightVerb> Dictionary::LightVerbs(std::string_view lemma) const {
  auto it = light_.find(lemma);
  if (it == light_.end()) return {};
  return it->second;
}

}  // namespace sitrep::events
