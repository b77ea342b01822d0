// Sentence splitting and tokenization into UD English (EWT-style) words.
//
// The Tokenizer fills Document::sentences and Document::tokens from
// Document::text. Tokens are UD *words*, so that the tagger and parser (trained
// on UD English EWT) see what they were trained on:
//
//   "Assad's forces don't advance."  => [Assad] ['s] [forces] [do] [n't]
//                                       [advance] [.]
//   "can't" => [ca] [n't]     "cannot" => [can] [not]     "gonna" => [gon] [na]
//   "search-engine" => [search] [-] [engine]   but "e-mail", "co-workers",
//   "al-Raqqa", "Abu al-Baraa al-Hamawi", "713-853-3989" stay whole
//   "U.S." "Gen." "a.m." "No. 3" "J." keep their period, except that a
//   sentence ending in an abbreviation gets EWT's separate final period:
//   "made in the U.S. The army" => ... [U.S] [.] | [The] [army]
//   "Reuters' account" => [Reuters] ['] [account]   "'90s" "O'Neill" "AK-47s" whole
//   "250,000" "3.5" "1990s" "10:30" "11/28/2000" stay whole;
//   "5.56mm" => [5.56] [mm]   "$1.2" => [$] [1.2]   "20%" => [20] [%]
//   "https://example.org/a?b=c", "press@example.org", "#Syria", "@UN" stay whole
//
// Every token is a byte sub-span of the text ("do" is the first two bytes of
// "don't"); every split this tokenizer makes is a sub-span, so Token::norm is
// left empty. Token::space_after is whether whitespace follows the token.
// Deliberate departures from EWT, for news: Arabic article prefixes stay
// attached ("al-Qaeda", which EWT splits), and possessive "its" is never split
// (EWT splits the misspelled contraction "its" = "it's").
//
// Sentences: a blank line (paragraph break) always ends a sentence and starts
// a new Sentence::paragraph; single newlines inside a paragraph are spaces.
// Inside a paragraph a sentence ends after . ! ? ... (and closing quotes or
// brackets that follow) when the next word can start a sentence; after an
// abbreviation ("the U.S. The") only when the next word is a typical sentence
// starter rather than a name-like continuation ("the U.S. Army"). A wire
// dateline ("BEIRUT:", "KYIV, March 2 (Reuters) -", "NAIROBI (AP) —") at the
// start of a paragraph (or of a line after a sentence end) is its own
// sentence. An ellipsis inside an open quote does not end the sentence:
//   "\"Four were killed ... The clashes also killed 11,\" he said." is one.
// With a trained section, an averaged-perceptron classifier makes the final
// decision at every gap except between two ordinary lower-case words,
// seeing the rules' decision as a feature; it finds boundaries without final
// punctuation (web text: "Thanks Sara", headlines, list items, a run of
// URLs) and vetoes some the rules found ("... ' And"), but may not add one
// inside an open quote or after a title ("Gen."), nor veto one after an
// abbreviation ("the U.S. They", "2 a.m. Police").
//
//   SITREP_ASSIGN_OR_RETURN(std::unique_ptr<Tokenizer> tok,
//                           Tokenizer::Create(TokenizerOptions{}, section));
//   Document doc;
//   doc.text = "BEIRUT: Syrian troops attacked on Thursday. Officials said 27 died.";
//   SITREP_RETURN_IF_ERROR(tok->Process(doc));
//   // doc.sentences: "BEIRUT:" | "Syrian troops attacked on Thursday." |
//   //                "Officials said 27 died."
//
// A Tokenizer is immutable after Create and may be shared across threads.
#ifndef SITREP_TEXT_TOKENIZER_H_
#define SITREP_TEXT_TOKENIZER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/conllu.h"
#include "core/document.h"
#include "core/status.h"

namespace sitrep {

struct TokenizerOptions {
  // A sentence longer than this many tokens is cut (preferably after ";" ","
  // or a dash near the limit). 0 = no limit.
  uint32_t max_sentence_tokens = 250;
  // Use the learned boundary classifier of the section (if any) to end
  // sentences at positions without final punctuation.
  bool learned_boundaries = true;
  // Score above which the classifier declares a boundary. Higher = fewer,
  // surer unpunctuated boundaries.
  float boundary_threshold = 0.0f;
  // Let the classifier also veto boundaries the rules found (never one after
  // an abbreviation: "the U.S. They").
  bool learned_vetoes = true;
  // Make a wire dateline at a paragraph start its own sentence.
  bool split_datelines = true;
  // Refuse a document whose estimated token count (EstimateTokens) is above
  // this, before tokenizing it: the token arrays cost about 300 bytes per
  // token, so 16 MiB of nothing but punctuation would need several GB.
  // 0 = no limit.
  uint32_t max_document_tokens = 0;
};

// An upper estimate of the tokens the tokenizer makes of `text`, in one pass
// over the bytes and without allocating: each run of letters, digits and
// non-ASCII bytes counts one, and each ASCII punctuation or symbol byte one.
uint64_t EstimateTokens(std::string_view text);

// A set of strings that can be probed with a string_view.
struct StringViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};
using StringSet = std::unordered_set<std::string, StringViewHash, std::equal_to<>>;

class Tokenizer {
 public:
  // `section` is the optional "tokenizer" model section produced by
  // TrainTokenizer; if empty, the built-in rules alone are used.
  // Returns DataLossError if the section is malformed (bad magic, unknown
  // version, truncated).
  static StatusOr<std::unique_ptr<Tokenizer>> Create(const TokenizerOptions& options,
                                                     std::string_view section = {});

  // Fills doc.sentences and doc.tokens (clearing them first) from doc.text.
  // Every token and sentence span is a byte range into doc.text. Never fails
  // on valid UTF-8; returns InvalidArgumentError if the text is larger than
  // 4 GiB (offsets are 32-bit), ResourceExhaustedError if its estimated
  // token count is over options().max_document_tokens (nothing is filled).
  // Ill-formed UTF-8 bytes are treated as symbols.
  Status Process(Document& doc) const;

  // The "tokenizer" model section (what Create accepts).
  std::string Serialize() const;

  const TokenizerOptions& options() const { return options_; }

  // Learned or built-in data, exposed for tests and the trainer.
  struct Data {
    // Lower-cased first parts of hyphenated words kept whole ("e", "co", "non").
    StringSet keep_hyphen_prefixes;
    // Lower-cased abbreviations (without the final period) that keep it.
    StringSet abbreviations;
    // Capitalised words that, after an abbreviation, start a new sentence
    // ("The", "He", "But").
    StringSet sentence_starters;
    // Boundary classifier: feature hash -> weight (averaged perceptron).
    std::unordered_map<uint64_t, float> boundary_weights;
  };
  const Data& data() const { return data_; }

  // The data the rules use when Create gets no section: built-in lists of
  // hyphen prefixes, abbreviations and sentence starters; no classifier.
  static Data BuiltinData();
  // A tokenizer over `data` (the trainer uses this to serialise what it
  // learned). Never fails.
  static std::unique_ptr<Tokenizer> CreateFromData(const TokenizerOptions& options, Data data);

  // A gap between tokens `token` and `token + 1` (indices into doc.tokens,
  // which must come from this tokenizer), where the classifier may put a
  // sentence end.
  struct BoundaryGap {
    uint32_t token = 0;
    uint32_t sentence_begin = 0;   // first token of the current sentence
    uint32_t paragraph_begin = 0;  // first token of the paragraph
    uint32_t paragraph_end = 0;    // one past its last token
    bool rule_cut = false;         // whether the rules end a sentence here
  };
  // The classifier's features of `gap` (feature hashes) into `features`.
  // Exposed for the trainer, which must see what Process sees.
  void BoundaryFeatures(const Document& doc, const BoundaryGap& gap,
                        std::vector<uint64_t>* features) const;

 private:
  Tokenizer(const TokenizerOptions& options, Data data);

  TokenizerOptions options_;
  Data data_;
  // boundary_weights as an open-addressing table indexed by the low bits of
  // the feature hash, keyed by its high 32 bits (0 = empty slot).
  struct WeightSlot {
    uint32_t key;
    float weight;
  };
  std::vector<WeightSlot> weight_table_;
  uint64_t weight_mask_ = 0;

 public:
  // Sum of the classifier weights of `features` (0 without a classifier).
  float BoundaryScore(const std::vector<uint64_t>& features) const;
  // Whether the classifier is consulted at the gap after token t; the
  // trainer uses the same test so that it learns from the same gaps.
  static bool ClassifierGap(const Document& doc, uint32_t t, bool rule_cut);
};

// Scores of EvaluateSegmentation. Precision/recall/F1 over exact byte spans.
struct SegmentationScores {
  double sent_p = 0, sent_r = 0, sent_f1 = 0;
  double tok_p = 0, tok_r = 0, tok_f1 = 0;
  size_t gold_sents = 0, gold_tokens = 0;
  size_t pred_sents = 0, pred_tokens = 0;
};

// Scores segmentation against gold CoNLL-U: rebuilds the raw text with
// DocumentFromConllu(gold, false) (sentences of a paragraph joined by a
// space, paragraphs by a blank line), tokenizes it and compares byte spans:
// a sentence is right if its first and last token spans match a gold
// sentence's; a token is right if its span (and its norm, for multiword
// parts) matches a gold word's. Returns all zeros for empty gold.
SegmentationScores EvaluateSegmentation(const Tokenizer& tok,
                                        const std::vector<ConlluSentence>& gold);

// Optional per-document detail: the gold and predicted sentences as text,
// for error analysis (one "GOLD\t..." / "PRED\t..." line per mismatch).
std::string SegmentationDiff(const Tokenizer& tok, const std::vector<ConlluSentence>& gold);

}  // namespace sitrep

#endif  // SITREP_TEXT_TOKENIZER_H_
