#include "actors/dictionary.h"
#include "core/strings.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace sitrep::actors {
namespace {

// Splits on `sep`, trims each piece, drops empty pieces.
std::vector<std::string_view> Split(std::string_view s, char sep, bool keep_empty = false) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t p = s.find(sep, start);
    std::string_view piece =
        TrimSpace(s.substr(start, p == std::string_view::npos ? p : p - start));
    if (keep_empty || !piece.empty()) out.push_back(piece);
    if (p == std::string_view::npos) break;
    start = p + 1;
  }
  return out;
}

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsIso3(std::string_view s) {
  return s.size() == 3 && IsUpper(s[0]) && IsUpper(s[1]) && IsUpper(s[2]);
}

// "SYRMIL", "IGOUNOREFHCR", "---REB": 3..15 characters, groups of three
// capitals (the first group may be "---").
bool IsCode(std::string_view s) {
  if (s.size() < 3 || s.size() > 15 || s.size() % 3 != 0) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i < 3 && s.substr(0, 3) == "---") continue;
    if (!IsUpper(s[i])) return false;
  }
  return true;
}

bool IsDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!IsDigit(s[i])) return false;
  }
  int month = (s[5] - '0') * 10 + (s[6] - '0');
  int day = (s[8] - '0') * 10 + (s[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// "2009-01-20..2017-01-20", "..2021-08-14", "2021-08-15..".
bool ParseRange(std::string_view s, std::string* from, std::string* to) {
  size_t p = s.find("..");
  if (p == std::string_view::npos) return false;
  std::string_view a = s.substr(0, p);
  std::string_view b = s.substr(p + 2);
  if (!a.empty() && !IsDate(a)) return false;
  if (!b.empty() && !IsDate(b)) return false;
  if (a.empty() && b.empty()) return false;
  if (!a.empty() && !b.empty() && b < a) return false;
  *from = std::string(a);
  *to = std::string(b);
  return true;
}

// Splits an alias into the tokens sitrep's tokenizer makes: on spaces, with a
// final "'s" split off ("People's" => "People", "'s").
std::vector<std::string> AliasTokens(std::string_view alias) {
  std::vector<std::string> out;
  for (std::string_view w : Split(alias, ' ')) {
    if (w.size() > 2 && (w.substr(w.size() - 2) == "'s")) {
      out.emplace_back(w.substr(0, w.size() - 2));
      out.emplace_back("'s");
    } else {
      out.emplace_back(w);
    }
  }
  return out;
}

uint8_t CasePattern(std::string_view tok) {
  int letters = 0;
  bool all_upper = true;
  for (char c : tok) {
    if (IsUpper(c)) {
      ++letters;
    } else if (IsLower(c)) {
      ++letters;
      all_upper = false;
    }
  }
  if (letters >= 2 && all_upper) return 2;
  // A capital after a lowercase letter ("LeT", "JeM", "iPhone"): exact case.
  for (size_t i = 1; i < tok.size(); ++i) {
    if (IsUpper(tok[i]) && IsLower(tok[i - 1])) return 3;
  }
  if (!tok.empty() && IsUpper(tok[0])) return 1;
  return 0;
}

}  // namespace

const char* EntryTypeName(EntryType type) {
  switch (type) {
    case EntryType::kCountry:
      return "country";
    case EntryType::kCapital:
      return "capital";
    case EntryType::kDemonym:
      return "demonym";
    case EntryType::kAgent:
      return "agent";
    case EntryType::kOrganisation:
      return "organisation";
    case EntryType::kGroup:
      return "group";
    case EntryType::kPerson:
      return "person";
    case EntryType::kReference:
      return "reference";
  }
  return "?";
}

void Dictionary::NormalizeKey(std::string_view form, std::string* out) {
  out->clear();
  out->reserve(form.size());
  for (size_t i = 0; i < form.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(form[i]);
    if (c >= 'A' && c <= 'Z') {
      out->push_back(static_cast<char>(c - 'A' + 'a'));
    } else if (c == 0xE2 && i + 2 < form.size() &&
               static_cast<unsigned char>(form[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(form[i + 2]) == 0x99 ||
                static_cast<unsigned char>(form[i + 2]) == 0x98)) {
      out->push_back('\'');  // U+2019 / U+2018
      i += 2;
    } else {
      out->push_back(static_cast<char>(c));
    }
  }
}

StatusOr<std::unique_ptr<Dictionary>> Dictionary::Load(const std::string& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return NotFoundError("actor dictionary directory not found: " + dir);
  }
  std::vector<std::pair<std::string, std::string>> files;
  std::vector<std::string> missing;
  for (const char* name : {"countries.txt", "agents.txt", "organisations.txt", "groups.txt",
                           "people.txt", "references.txt"}) {
    std::ifstream in(dir + "/" + name, std::ios::binary);
    if (!in) {
      std::string n(name);
      if (n == "countries.txt" || n == "agents.txt") {
        std::string msg = "actor dictionary missing: ";
        msg += dir;
        msg += '/';
        msg += n;
        return NotFoundError(std::move(msg));
      }
      missing.push_back(n);
      continue;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    files.emplace_back(name, ss.str());
  }
  std::unique_ptr<Dictionary> d = FromTexts(files);
  for (const std::string& m : missing) d->warnings_.push_back(m + ": file missing");
  return d;
}

std::unique_ptr<Dictionary> Dictionary::FromTexts(
    const std::vector<std::pair<std::string, std::string>>& files) {
  std::unique_ptr<Dictionary> d(new Dictionary());
  d->node_aliases_.emplace_back();  // root
  // Countries first: other files' codes are checked against them.
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& [name, text] : files) {
      bool is_countries = name == "countries.txt";
      if ((pass == 0) == is_countries) d->ParseFile(name, text);
    }
  }
  d->Finish();
  return d;
}

size_t Dictionary::Count(EntryType type) const {
  return static_cast<size_t>(std::count_if(entries_.begin(), entries_.end(),
                                           [&](const Entry& e) { return e.type == type; }));
}

bool Dictionary::IsCountryCode(std::string_view iso3) const {
  return std::binary_search(countries_.begin(), countries_.end(), iso3);
}

namespace {

// FNV-1a, 64 bits: keys are short words.
inline uint64_t KeyHash64(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h ^ (h >> 29);
}

inline uint64_t EdgeHash64(uint64_t e) {
  e ^= e >> 33;
  e *= 0xff51afd7ed558ccdull;
  e ^= e >> 33;
  return e;
}

size_t TableSize(size_t n) {
  size_t cap = 16;
  while (cap < 2 * n + 1) cap <<= 1;
  return cap;
}

}  // namespace

void Dictionary::BuildFlatTables() {
  id_keys_.assign(vocab_.size(), std::string_view());
  vocab_slots_.assign(TableSize(vocab_.size()), VocabSlot());
  const size_t vmask = vocab_slots_.size() - 1;
  for (const auto& [key, id] : vocab_) {
    id_keys_[id] = key;
    uint64_t h = KeyHash64(key);
    size_t i = static_cast<size_t>(h) & vmask;
    while (vocab_slots_[i].id != kNoToken) i = (i + 1) & vmask;
    vocab_slots_[i].tag = static_cast<uint32_t>(h >> 32);
    vocab_slots_[i].id = id;
  }
  edge_slots_.assign(TableSize(edges_.size()), EdgeSlot());
  const size_t emask = edge_slots_.size() - 1;
  for (const auto& [edge, child] : edges_) {
    size_t i = static_cast<size_t>(EdgeHash64(edge)) & emask;
    while (edge_slots_[i].child != kNoNode) i = (i + 1) & emask;
    edge_slots_[i].edge = edge;
    edge_slots_[i].child = child;
  }
}

uint32_t Dictionary::TokenId(std::string_view key) const {
  if (vocab_slots_.empty()) return kNoToken;
  const uint64_t h = KeyHash64(key);
  const uint32_t tag = static_cast<uint32_t>(h >> 32);
  const size_t mask = vocab_slots_.size() - 1;
  for (size_t i = static_cast<size_t>(h) & mask;; i = (i + 1) & mask) {
    const VocabSlot& s = vocab_slots_[i];
    if (s.id == kNoToken) return kNoToken;
    if (s.tag == tag && id_keys_[s.id] == key) return s.id;
  }
}

int32_t Dictionary::Child(int32_t node, uint32_t token) const {
  if (node < 0 || token == kNoToken || edge_slots_.empty()) return kNoNode;
  const uint64_t edge = (static_cast<uint64_t>(node) << 32) | token;
  const size_t mask = edge_slots_.size() - 1;
  for (size_t i = static_cast<size_t>(EdgeHash64(edge)) & mask;; i = (i + 1) & mask) {
    const EdgeSlot& s = edge_slots_[i];
    if (s.child == kNoNode) return kNoNode;
    if (s.edge == edge) return s.child;
  }
}

const std::vector<Alias>& Dictionary::AliasesAt(int32_t node) const {
  static const std::vector<Alias> kEmpty;
  if (node < 0 || static_cast<size_t>(node) >= node_aliases_.size()) return kEmpty;
  return node_aliases_[node];
}

std::string_view Dictionary::CodeOn(const Entry& entry, std::string_view date) const {
  if (entry.codes.empty()) return {};
  if (date.size() > 10) date = date.substr(0, 10);
  if (!IsDate(date)) date = {};
  const DatedCode* deflt = nullptr;
  for (const DatedCode& c : entry.codes) {
    if (c.from.empty() && c.to.empty()) {
      if (deflt == nullptr) deflt = &c;
      continue;
    }
    if (!date.empty() && (c.from.empty() || c.from <= date) && (c.to.empty() || date <= c.to)) {
      return c.code;
    }
  }
  if (deflt != nullptr) return deflt->code;
  if (!date.empty() && !entry.fallback_code.empty()) return entry.fallback_code;
  return entry.codes.back().code;
}

void Dictionary::AddTokens(uint32_t entry, const std::vector<std::string>& tokens) {
  if (tokens.empty()) return;
  int32_t node = 0;
  std::string key;
  for (const std::string& t : tokens) {
    NormalizeKey(t, &key);
    auto [vit, inserted] = vocab_.try_emplace(key, static_cast<uint32_t>(vocab_.size()));
    uint64_t edge = (static_cast<uint64_t>(node) << 32) | vit->second;
    auto eit = edges_.find(edge);
    if (eit == edges_.end()) {
      int32_t child = static_cast<int32_t>(node_aliases_.size());
      node_aliases_.emplace_back();
      edges_.emplace(edge, child);
      node = child;
    } else {
      node = eit->second;
    }
  }
  Alias a;
  a.entry = entry;
  for (const std::string& t : tokens) {
    a.case_pattern.push_back(CasePattern(t));
    a.exact.push_back(a.case_pattern.back() == 3 ? t : std::string());
  }
  for (const Alias& b : node_aliases_[node]) {
    if (b.entry == a.entry && b.case_pattern == a.case_pattern) return;  // duplicate
  }
  node_aliases_[node].push_back(std::move(a));
}

void Dictionary::AddAlias(uint32_t entry, std::string_view alias, const std::string& where) {
  std::vector<std::string> tokens = AliasTokens(alias);
  if (tokens.empty()) {
    warnings_.push_back(where + ": empty name");
    return;
  }
  AddTokens(entry, tokens);
  // Arabic article spellings: "al-Bashir" also as "el-Bashir", and back.
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    if (t.size() < 4 || t[2] != '-') continue;
    std::string_view art = std::string_view(t).substr(0, 2);
    const char* other = art == "al"   ? "el"
                        : art == "Al" ? "El"
                        : art == "el" ? "al"
                        : art == "El" ? "Al"
                                      : nullptr;
    if (other == nullptr) continue;
    std::vector<std::string> v = tokens;
    v[i] = other + t.substr(2);
    AddTokens(entry, v);
    AddHyphenVariants(entry, v);
  }
  AddHyphenVariants(entry, tokens);
}

void Dictionary::AddHyphenVariants(uint32_t entry, const std::vector<std::string>& tokens) {
  // Hyphenated words also match split: "al-Qaeda" => "al Qaeda", "al - Qaeda".
  bool has_hyphen = false;
  for (const std::string& t : tokens) {
    if (t.size() > 2 && t.find('-', 1) != std::string::npos && t.find('-', 1) < t.size() - 1) {
      has_hyphen = true;
    }
  }
  if (!has_hyphen) return;
  for (int variant = 0; variant < 2; ++variant) {
    std::vector<std::string> split;
    for (const std::string& t : tokens) {
      std::vector<std::string_view> parts = Split(t, '-');
      if (parts.size() < 2 || t.front() == '-' || t.back() == '-') {
        split.push_back(t);
        continue;
      }
      for (size_t i = 0; i < parts.size(); ++i) {
        if (i > 0 && variant == 1) split.emplace_back("-");
        split.emplace_back(parts[i]);
      }
    }
    if (!split.empty()) AddTokens(entry, split);
  }
}

void Dictionary::ParseFile(const std::string& file, std::string_view text) {
  enum class Kind { kCountries, kAgents, kOrganisations, kGroups, kPeople, kReferences };
  Kind kind;
  if (file == "countries.txt") {
    kind = Kind::kCountries;
  } else if (file == "agents.txt") {
    kind = Kind::kAgents;
  } else if (file == "organisations.txt") {
    kind = Kind::kOrganisations;
  } else if (file == "groups.txt") {
    kind = Kind::kGroups;
  } else if (file == "people.txt") {
    kind = Kind::kPeople;
  } else if (file == "references.txt") {
    kind = Kind::kReferences;
  } else {
    warnings_.push_back(file + ": unknown dictionary file, ignored");
    return;
  }
  size_t line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    ++line_no;
    size_t hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    line = TrimSpace(line);
    if (line.empty()) continue;
    const std::string where = file + ":" + std::to_string(line_no);
    std::vector<std::string_view> fields = Split(line, '|', /*keep_empty=*/true);
    auto warn = [&](const std::string& m) {
      std::string w = where;
      w += ": ";
      w += m;
      warnings_.push_back(std::move(w));
    };
    auto add_names = [&](uint32_t id, std::string_view list) {
      for (std::string_view n : Split(list, ';')) AddAlias(id, n, where);
    };
    auto new_entry = [&](EntryType type, std::string_view names) -> uint32_t {
      Entry e;
      e.type = type;
      std::vector<std::string_view> ns = Split(names, ';');
      e.name = ns.empty() ? std::string() : std::string(ns.front());
      e.location = where;
      entries_.push_back(std::move(e));
      return static_cast<uint32_t>(entries_.size() - 1);
    };
    // "CODE", "CODE 2009-01-20..2017-01-20", "CODE ..2021-08-14 note words".
    auto parse_codes = [&](std::string_view list, bool allow_sector, const std::string& country,
                           std::vector<DatedCode>* out) -> bool {
      for (std::string_view item : Split(list, ';')) {
        std::vector<std::string_view> words = Split(item, ' ');
        DatedCode c;
        std::string code(words[0]);
        if (allow_sector && code.size() == 3 && IsIso3(code) && !IsCountryCode(code)) {
          code.insert(0, country);  // people.txt: "GOV" => "RUSGOV"
        }
        if (!IsCode(code)) {
          warn("bad code '" + std::string(words[0]) + "'");
          return false;
        }
        c.code = code;
        size_t note_from = 1;
        if (words.size() > 1 && words[1].find("..") != std::string_view::npos) {
          if (!ParseRange(words[1], &c.from, &c.to)) {
            warn("bad date range '" + std::string(words[1]) + "' (want YYYY-MM-DD..YYYY-MM-DD)");
            return false;
          }
          note_from = 2;
        }
        for (size_t i = note_from; i < words.size(); ++i) {
          if (!c.note.empty()) c.note += ' ';
          c.note += words[i];
        }
        out->push_back(std::move(c));
      }
      if (out->empty()) {
        warn("missing code");
        return false;
      }
      return true;
    };

    switch (kind) {
      case Kind::kCountries: {
        if (fields.size() < 2 || fields.size() > 4) {
          warn("expected 'ISO3 | names | demonyms | capitals', got " +
               std::to_string(fields.size()) + " fields");
          break;
        }
        if (!IsIso3(fields[0])) {
          warn("bad ISO 3166-1 alpha-3 code '" + std::string(fields[0]) + "'");
          break;
        }
        if (Split(fields[1], ';').empty()) {
          warn("missing country name");
          break;
        }
        std::string iso(fields[0]);
        if (!IsCountryCode(iso)) {
          countries_.insert(std::lower_bound(countries_.begin(), countries_.end(), iso), iso);
        }
        const EntryType types[] = {EntryType::kCountry, EntryType::kDemonym, EntryType::kCapital};
        for (size_t f = 1; f < fields.size(); ++f) {
          if (Split(fields[f], ';').empty()) continue;
          uint32_t id = new_entry(types[f - 1], fields[f]);
          entries_[id].country = iso;
          entries_[id].codes.push_back({iso, "", "", ""});
          add_names(id, fields[f]);
        }
        break;
      }
      case Kind::kAgents: {
        if (fields.size() < 2 || fields.size() > 3) {
          warn("expected 'words | SECTOR | flags', got " + std::to_string(fields.size()) +
               " fields");
          break;
        }
        std::string_view sector = fields[1];
        uint8_t flags = 0;
        if (sector == "-") {
          flags |= kAgentNotActor;
        } else if (!IsIso3(sector)) {
          warn("bad sector '" + std::string(sector) + "' (want three capitals or '-')");
          break;
        }
        bool ok = true;
        if (fields.size() == 3) {
          for (std::string_view f : Split(fields[2], ' ')) {
            if (f == "person") {
              flags |= kAgentPerson;
            } else if (f == "weak") {
              flags |= kAgentWeak;
            } else if (f == "state") {
              flags |= kAgentState;
            } else if (f == "civilian") {
              flags |= kAgentCivilian;
            } else {
              warn("unknown agent flag '" + std::string(f) + "'");
              ok = false;
            }
          }
        }
        if (!ok) break;
        if (Split(fields[0], ';').empty()) {
          warn("missing words");
          break;
        }
        uint32_t id = new_entry(EntryType::kAgent, fields[0]);
        entries_[id].sector = sector == "-" ? "" : std::string(sector);
        entries_[id].flags = flags;
        add_names(id, fields[0]);
        break;
      }
      case Kind::kOrganisations:
      case Kind::kGroups: {
        if (fields.size() != 2) {
          warn("expected 'CODES | names', got " + std::to_string(fields.size()) + " fields");
          break;
        }
        std::vector<DatedCode> codes;
        if (!parse_codes(fields[0], false, "", &codes)) break;
        if (Split(fields[1], ';').empty()) {
          warn("missing names");
          break;
        }
        uint32_t id = new_entry(
            kind == Kind::kGroups ? EntryType::kGroup : EntryType::kOrganisation, fields[1]);
        entries_[id].codes = std::move(codes);
        add_names(id, fields[1]);
        break;
      }
      case Kind::kPeople: {
        if (fields.size() != 3) {
          warn("expected 3 fields 'names | country | offices', got " +
               std::to_string(fields.size()));
          break;
        }
        if (Split(fields[0], ';').empty()) {
          warn("missing names");
          break;
        }
        std::string country(fields[1]);
        if (!IsCountryCode(country)) {
          warn("unknown country '" + country + "'");
          break;
        }
        std::vector<DatedCode> codes;
        if (!parse_codes(fields[2], true, country, &codes)) break;
        uint32_t id = new_entry(EntryType::kPerson, fields[0]);
        Entry& e = entries_[id];
        e.country = country;
        e.codes = std::move(codes);
        e.fallback_code = e.country + "ELI";
        add_names(id, fields[0]);
        break;
      }
      case Kind::kReferences: {
        if (fields.size() != 2) {
          warn("expected 'nouns | classes', got " + std::to_string(fields.size()) + " fields");
          break;
        }
        uint8_t flags = 0;
        bool ok = true;
        for (std::string_view c : Split(fields[1], ' ')) {
          if (c == "group") {
            flags |= kRefGroup;
          } else if (c == "organisation") {
            flags |= kRefOrganisation;
          } else if (c == "country") {
            flags |= kRefCountry;
          } else if (c == "person") {
            flags |= kRefPerson;
          } else {
            warn("unknown reference class '" + std::string(c) + "'");
            ok = false;
          }
        }
        if (!ok || flags == 0) {
          if (ok) warn("missing reference class");
          break;
        }
        if (Split(fields[0], ';').empty()) {
          warn("missing nouns");
          break;
        }
        uint32_t id = new_entry(EntryType::kReference, fields[0]);
        entries_[id].flags = flags;
        add_names(id, fields[0]);
        break;
      }
    }
  }
}

void Dictionary::Finish() {
  BuildFlatTables();
  for (Entry& e : entries_) {
    if (e.type != EntryType::kOrganisation && e.type != EntryType::kGroup &&
        e.type != EntryType::kPerson) {
      continue;
    }
    if (e.codes.empty()) continue;
    // The sector (and country) shown for a named entry come from its default
    // code, else its most recent one.
    const DatedCode* c = &e.codes.back();
    for (const DatedCode& d : e.codes) {
      if (d.from.empty() && d.to.empty()) c = &d;
    }
    std::string_view code = c->code;
    std::string_view first = code.substr(0, 3);
    if (IsCountryCode(first)) {
      if (e.country.empty()) e.country = std::string(first);
      e.sector = code.size() >= 6 ? std::string(code.substr(3, 3)) : "";
    } else {
      e.sector = std::string(first == "---" ? code.substr(3, 3) : first);
    }
  }
}

}  // namespace sitrep::actors
