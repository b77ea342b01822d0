// Recognizer: finds the actors of a tagged and parsed Document with sitrep's
// own dictionaries (data/actors/, see data/actors/README.md and
// src/actors/README.md) and fills doc.mentions (core/event.h).
//
//   SITREP_ASSIGN_OR_RETURN(auto analyzer, Analyzer::Create({}));
//   SITREP_ASSIGN_OR_RETURN(auto actors, actors::Recognizer::Create({}));
//   Document doc;
//   doc.date = "2015-10-08";
//   doc.text = "Syrian troops and allied militia attacked rebels. Moscow said its air "
//              "force hit Islamic State targets. Russian Foreign Minister Sergei Lavrov "
//              "said he had spoken to Turkey, a NATO member.";
//   SITREP_RETURN_IF_ERROR(analyzer->Analyze(doc));
//   SITREP_RETURN_IF_ERROR(actors->Process(doc));
//   // doc.mentions, in text order:
//   //   "Syrian troops"        kAgent     SYRMIL
//   //   "allied militia"       kAgent     ---UAF
//   //   "rebels"               kAgent     ---REB
//   //   "Moscow"               kCountry   RUS      (capital acting: subject of "said")
//   //   "its air force"        kAgent     RUSMIL   ("its" resolved to Moscow)
//   //   "Islamic State"        kNamed     IMGMOSISI
//   //   "Russian Foreign Minister Sergei Lavrov"  kNamed  RUSGOV  name "Sergei Lavrov"
//   //   "he"                   kPronoun   RUSGOV   antecedent = the Lavrov mention
//   //   "Turkey"               kCountry   TUR      ("a NATO member" is an apposition: no mention)
//
// What becomes a mention: noun phrases whose head (or a modifier, for agents)
// is in a dictionary: countries (not as places: "in Syria" is no actor),
// demonyms ("Syrians"; "Syrian" before a noun), capitals only when they act
// ("Moscow said", "Washington and its allies", "Moscow's forces"), agents with
// the country of their modifiers ("Assad's armed forces" => SYRMIL), named
// organisations, armed groups and people (date-ranged codes: doc.date), and
// pronouns / short references ("he", "its", "the group", "the ministry",
// "the Observatory") resolved to an earlier mention of the same document:
// "he"/"she" only to persons, "they" only to plurals and armed groups, and
// "the rebels", "the government" only to a named mention of a compatible
// sector ("Hezbollah (UAF) ... the rebels" stays ---REB).
// Unknown noun phrases stay out (the event coder adds kUnknown mentions).
//
// A Recognizer is immutable after Create and may be used from many threads.
#ifndef SITREP_ACTORS_RECOGNIZER_H_
#define SITREP_ACTORS_RECOGNIZER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "actors/dictionary.h"
#include "core/document.h"
#include "core/status.h"

namespace sitrep::actors {

// Whether agents without a country take the story's home country.
enum class HomeCountry : uint8_t {
  kOff,    // "police" stays ---COP
  kInfer,  // "police" in a story about Myanmar is MMRCOP (see Process)
};

struct RecognizerOptions {
  std::string dictionary_dir;  // empty = DataPath("actors")
  HomeCountry home_country = HomeCountry::kInfer;
};

class Recognizer {
 public:
  // NotFoundError if the dictionary directory, countries.txt or agents.txt is
  // missing. Malformed lines do not fail: they are skipped and listed in
  // warnings().
  static StatusOr<std::unique_ptr<Recognizer>> Create(const RecognizerOptions& options);
  // Builds from an already compiled dictionary (tests, tools).
  static std::unique_ptr<Recognizer> FromDictionary(std::unique_ptr<Dictionary> dictionary,
                                                    const RecognizerOptions& options = {});

  // Replaces doc.mentions with the actor mentions of a tagged and parsed
  // document, in text order (non-overlapping). Uses doc.date ("YYYY-MM-DD",
  // may be empty) for date-ranged codes. With HomeCountry::kInfer, when one
  // country clearly dominates the story's country evidence (names, capitals,
  // demonyms, named people and groups, as actors or as places, not the
  // dateline; a country named as a place counts 2: at least 4 and twice the
  // runner-up),
  // domestic-role agents
  // without a country take it ("police" => MMRCOP in a Myanmar story; not
  // "gunmen" (UAF), "peacekeepers", "foreign troops"); a story naming no
  // country or several equally leaves them "---COP". Works (with fewer mentions) on
  // untagged or unparsed tokens; never fails on any text: returns OK unless
  // the document's token/sentence indices are inconsistent (InvalidArgument).
  Status Process(Document& doc) const;

  // "people.txt:12: expected 3 fields 'names | country | offices', got 2".
  const std::vector<std::string>& warnings() const { return dictionary_->warnings(); }
  const Dictionary& dictionary() const { return *dictionary_; }

 private:
  Recognizer(std::unique_ptr<Dictionary> d, const RecognizerOptions& options)
      : dictionary_(std::move(d)), options_(options) {}
  std::unique_ptr<Dictionary> dictionary_;
  RecognizerOptions options_;
};

// Index of the mention whose head is `token` (document token index), else of
// the innermost (shortest) mention that contains it, else -1.
int32_t MentionAt(const Document& doc, uint32_t token);

// Splits a CAMEO-style code into country and primary sector:
// "SYRMIL" => {"SYR", "MIL"}, "---REB" => {"", "REB"}, "IGOUNO" => {"", "IGO"},
// "RUS" => {"RUS", ""}. `is_country` tells whether the first three letters
// are a country code.
void SplitCode(std::string_view code, bool first_is_country, std::string* country,
               std::string* sector);

}  // namespace sitrep::actors

#endif  // SITREP_ACTORS_RECOGNIZER_H_
