// Dictionary: sitrep's own actor dictionaries (data/actors/*.txt), compiled at
// load time into one immutable token trie.
//
// Each file is plain text, one entry per line, `#` starts a comment, fields are
// separated by `|` and list items by `;` (see data/actors/README.md):
//
//   countries.txt      SYR | Syria; Syrian Arab Republic | Syrian; Syrians | Damascus
//   agents.txt         troops; soldiers | MIL
//                      spokesman; president | GOV | person
//   organisations.txt  IGOUNO | United Nations; UN; U.N.
//   groups.txt         AFGINSTAL ..2021-08-14; AFGGOVTAL 2021-08-15.. | Taliban
//   people.txt         Sergei Lavrov; Lavrov | RUS | GOV 2004-03-09.. foreign minister
//   references.txt     group; movement | group
//
// Loading:
//
//   SITREP_ASSIGN_OR_RETURN(auto dict, Dictionary::Load(DataPath("actors")));
//   for (const std::string& w : dict->warnings()) std::cerr << w << "\n";
//   // "people.txt:12: expected 3 fields 'names | country | offices', got 2"
//
// Matching walks the trie over lowercased token forms (a token may also step by
// its lemma, so "militias" finds "militia"); an alias written with capitals only
// matches text with the same capitals ("US" is not "us", "IS" is not "is",
// "Chad" is not "chad"), lowercase aliases match any case ("Police said").
// Hyphenated alias words also match split ("al-Qaeda" = "al Qaeda" = "al - Qaeda").
//
// A Dictionary is immutable after Load/FromTexts and safe to share across threads.
#ifndef SITREP_ACTORS_DICTIONARY_H_
#define SITREP_ACTORS_DICTIONARY_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/status.h"

namespace sitrep::actors {

enum class EntryType : uint8_t {
  kCountry,       // "Syria" (countries.txt, names)
  kCapital,       // "Damascus" (countries.txt, capitals)
  kDemonym,       // "Syrian", "Syrians" (countries.txt, demonyms)
  kAgent,         // "troops" (agents.txt)
  kOrganisation,  // "United Nations" (organisations.txt)
  kGroup,         // "Islamic State" (groups.txt)
  kPerson,        // "Sergei Lavrov" (people.txt)
  kReference,     // "group" as in "the group" (references.txt)
};
// "country", "capital", ... for messages and tests.
const char* EntryTypeName(EntryType type);

// A code valid from `from` to `to` inclusive ("YYYY-MM-DD"; empty = open).
// A code with both ends empty is the default.
struct DatedCode {
  std::string code;
  std::string from;
  std::string to;
  std::string note;  // people.txt: the office ("foreign minister"), else empty
};

// Agent flags (agents.txt third field).
inline constexpr uint8_t kAgentPerson = 1;  // "person": one human ("spokesman"), he/she can refer
inline constexpr uint8_t kAgentWeak =
    2;  // "weak": a modifier agent's sector wins ("rebel fighters")
inline constexpr uint8_t kAgentNotActor =
    4;  // sector "-": "border" (a demonym before it is no actor)
inline constexpr uint8_t kAgentCivilian =
    16;                                    // "civilian": with a country it is CVL ("Syrian men")
inline constexpr uint8_t kAgentState = 8;  // "state": with a country it is MIL ("Turkish forces")
// Reference classes (references.txt second field): what "the <noun>" may refer to.
inline constexpr uint8_t kRefGroup = 1;
inline constexpr uint8_t kRefOrganisation = 2;
inline constexpr uint8_t kRefCountry = 4;
inline constexpr uint8_t kRefPerson = 8;

struct Entry {
  EntryType type = EntryType::kCountry;
  std::string name;     // canonical name: the first name listed ("Syria", "troops")
  std::string country;  // ISO3 when known ("SYR"), else empty
  std::string sector;   // agents: "MIL"; named entries: derived from the default code
  std::vector<DatedCode> codes;
  uint8_t flags = 0;          // kAgent* for agents, kRef* for references
  std::string fallback_code;  // people: country+"ELI", used outside every office
  std::string location;       // "people.txt:12"
};

// One alias of an entry ending at a trie node; `case_pattern[i]` is 0 (any
// case), 1 (must start with a capital), 2 (must be all capitals) or 3 (exactly
// as written: "LeT" is not "Let") for the alias's i-th token; `exact[i]` holds
// the written token for pattern 3 (else empty).
struct Alias {
  uint32_t entry = 0;
  std::vector<uint8_t> case_pattern;
  std::vector<std::string> exact;
};

class Dictionary {
 public:
  static constexpr uint32_t kNoToken = 0xffffffffu;
  static constexpr int32_t kNoNode = -1;

  // Reads countries.txt, agents.txt, organisations.txt, groups.txt,
  // people.txt and references.txt from `dir`. NotFoundError if the directory
  // or countries.txt / agents.txt is missing; other missing files and
  // malformed lines become warnings.
  static StatusOr<std::unique_ptr<Dictionary>> Load(const std::string& dir);
  // Builds from in-memory files: pairs of (file name, text); the file name
  // ("people.txt") selects the format. Unknown names are a warning.
  static std::unique_ptr<Dictionary> FromTexts(
      const std::vector<std::pair<std::string, std::string>>& files);

  Dictionary(const Dictionary&) = delete;  // id_keys_ views into vocab_
  Dictionary& operator=(const Dictionary&) = delete;

  const std::vector<std::string>& warnings() const { return warnings_; }
  const std::vector<Entry>& entries() const { return entries_; }
  // Number of entries of one type (for reports).
  size_t Count(EntryType type) const;
  bool IsCountryCode(std::string_view iso3) const;

  // Trie access. Root is node 0.
  // Token id of a lowercased, normalised key, or kNoToken.
  uint32_t TokenId(std::string_view key) const;
  // Child of `node` by token id, or kNoNode.
  int32_t Child(int32_t node, uint32_t token) const;
  // Aliases that end at `node` (empty for inner nodes).
  const std::vector<Alias>& AliasesAt(int32_t node) const;

  // The code of `entry` on `date` ("YYYY-MM-DD" or empty): the first dated
  // code whose range holds the date, else the default code, else for people
  // country+"ELI" (out of office), else the last code. With no date: the
  // default code, else the last code listed (the most recent office).
  // Agents and references have no codes: returns "".
  std::string_view CodeOn(const Entry& entry, std::string_view date) const;

  // Lowercases ASCII and maps typographic apostrophes to "'": the trie key of
  // a token form. "Al-Qaeda’s" => "al-qaeda's".
  static void NormalizeKey(std::string_view form, std::string* out);

 private:
  Dictionary() = default;
  void ParseFile(const std::string& file, std::string_view text);
  void AddAlias(uint32_t entry, std::string_view alias, const std::string& where);
  void AddTokens(uint32_t entry, const std::vector<std::string>& tokens);
  void AddHyphenVariants(uint32_t entry, const std::vector<std::string>& tokens);
  void Finish();

  std::vector<Entry> entries_;
  std::vector<std::string> warnings_;
  struct KeyHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  std::unordered_map<std::string, uint32_t, KeyHash, std::equal_to<>> vocab_;
  std::unordered_map<uint64_t, int32_t> edges_;  // (node << 32 | token) -> child
  // Read-only open-addressing copies of vocab_ and edges_ built by Finish():
  // TokenId/Child run for every token of every sentence, and node-based
  // unordered_map lookups (a pointer chase per probe, std::string compares)
  // were the largest cost of actor recognition.
  struct VocabSlot {
    uint32_t tag = 0;  // high bits of the key's hash
    uint32_t id = kNoToken;
  };
  struct EdgeSlot {
    uint64_t edge = ~uint64_t{0};
    int32_t child = kNoNode;
  };
  void BuildFlatTables();
  std::vector<VocabSlot> vocab_slots_;     // power-of-two size
  std::vector<std::string_view> id_keys_;  // token id -> key (views into vocab_)
  std::vector<EdgeSlot> edge_slots_;       // power-of-two size
  std::vector<std::vector<Alias>> node_aliases_;
  std::vector<std::string> countries_;  // sorted ISO3 codes
};

}  // namespace sitrep::actors

#endif  // SITREP_ACTORS_DICTIONARY_H_
