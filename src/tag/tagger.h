// Part-of-speech tagger (UPOS + Penn XPOS) and lemmatizer, trained on a UD
// treebank (English EWT) by this project's own trainer.
//
// The tagger is a greedy left-to-right averaged perceptron. It predicts one
// class per word, a (UPOS, XPOS) pair seen in training ("VERB/VBD",
// "AUX/VBZ", "PROPN/NNP"), from hashed features of the word (form,
// lowercase, prefixes, suffixes, shape, ambiguity class from the training tag
// dictionary), of its +-2 neighbours and of the two previous predicted
// classes. Features are 64-bit hashes looked up in one open-addressing table;
// frequent features have dense rows added with SIMD. Words never seen in
// training share one "unknown" identity, as the trainer's jackknifed rare
// words do, so the model learns to tag them from their spelling and context.
// After greedy decoding, a rule corrects the news main verb that the web
// treebank's statistics make a participle ("Gunmen killed four officers":
// killed/VBN -> VBD; see MainVerbRule in tag/tagger_model.h).
// The lemmatizer looks (form, XPOS) up in an exception table learned from the
// treebank, else applies the suffix-rewrite rule learned for the longest
// matching suffix under that XPOS ("attacked"/VBD: strip "ed" => "attack"),
// preferring a spelling that is a known lemma ("shelled" => "shell");
// a singular proper noun's lemma is its form. By default lemmas follow news
// rather than EWT conventions: "troops" => "troop", "fled" => "flee".
//
// Training (used by `sitrep train` and the parser's jackknifing):
//
//   SITREP_ASSIGN_OR_RETURN(auto train, ReadConllu(".../en_ewt-ud-train.conllu"));
//   SITREP_ASSIGN_OR_RETURN(auto dev, ReadConllu(".../en_ewt-ud-dev.conllu"));
//   SITREP_ASSIGN_OR_RETURN(std::unique_ptr<Tagger> tagger,
//                           TrainTagger(train, dev, {}, &std::cerr));
//   model_file.AddSection("tagger", tagger->Serialize());
//
// Tagging:
//
//   SITREP_ASSIGN_OR_RETURN(std::string_view bytes, model_file.Section("tagger"));
//   SITREP_ASSIGN_OR_RETURN(std::unique_ptr<Tagger> tagger, Tagger::Load(bytes));
//   std::vector<Upos> upos; std::vector<std::string> xpos, lemmas;
//   tagger->TagWords({"Rebels", "attacked", "the", "town", "."}, &upos, &xpos, &lemmas);
//   // upos   = NOUN VERB DET NOUN PUNCT
//   // xpos   = NNS VBD DT NN .
//   // lemmas = rebel attack the town .
//
// A Tagger is immutable once built: Tag() and TagWords() are const and may be
// called from many threads at once (each thread uses its own scratch space).
#ifndef SITREP_TAG_TAGGER_H_
#define SITREP_TAG_TAGGER_H_

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/conllu.h"
#include "core/document.h"
#include "core/status.h"

namespace sitrep {

namespace tag_internal {
struct TaggerModel;  // defined in tag/tagger_model.h
}  // namespace tag_internal

class Tagger {
 public:
  // Loads a section written by Serialize() (the "tagger" section of the model
  // file). Returns DataLossError if the bytes are truncated, malformed, or of a
  // format version this code does not know.
  static StatusOr<std::unique_ptr<Tagger>> Load(std::string_view section);

  ~Tagger();
  Tagger(const Tagger&) = delete;
  Tagger& operator=(const Tagger&) = delete;

  // The section bytes: magic "SRTG", format version, classes, tag dictionary,
  // perceptron weights, lemmatizer tables. Load(Serialize()) gives a tagger
  // that tags identically.
  std::string Serialize() const;

  // Sets upos, xpos and lemma of tokens [s.token_begin, s.token_end) of `doc`,
  // reading each form with doc.Form(token). Never fails; an empty sentence is
  // left alone.
  void Tag(Document& doc, const Sentence& s) const;

  // Same on bare words, one sentence. Any of the outputs may be null; the
  // others are resized to words.size(). Example:
  //   {"She", "'s", "been", "killed"}
  //     => PRON/PRP/she AUX/VBZ/be AUX/VBN/be VERB/VBN/kill
  void TagWords(const std::vector<std::string_view>& words, std::vector<Upos>* upos,
                std::vector<std::string>* xpos, std::vector<std::string>* lemmas) const;

  // Adds verb lemmas (lower case) that a headline may use as its verb even
  // though the treebank never tagged them as verbs ("ambush", "recapture";
  // "gun" of "gun down"): in a sentence with no final . ! ?, such a word, or
  // its -s form, right after the subject and before its object is read as
  // the present-tense verb ("Al-Shabaab ambush AU troops"). The Analyzer
  // passes its event coder's verbs (EventCoder::HeadlineVerbs). Call before
  // tagging: not safe while other threads tag.
  void AddHeadlineVerbs(const std::vector<std::string>& lemmas);
  // Adds event nouns (lower case, modifiers first: "air strike", "car
  // bomb", "airstrike") that the tagger reads as nouns, with their plurals,
  // where it would read them as verbs: the head of such a compound after its
  // modifier ("Car bomb in Baghdad"), such a noun opening a sentence before
  // a preposition ("Airstrikes on Nawa") (EventNounRule). The Analyzer passes
  // its event coder's nouns (EventCoder::HeadlineNouns). Call before
  // tagging: not safe while other threads tag.
  void AddHeadlineNouns(const std::vector<std::string>& phrases);

  // Number of (UPOS, XPOS) classes and of stored feature weights (for logs).
  size_t num_classes() const;
  size_t num_weights() const;

  // For the trainer only: takes ownership of a compiled model.
  explicit Tagger(std::unique_ptr<tag_internal::TaggerModel> model);

 private:
  std::unique_ptr<tag_internal::TaggerModel> model_;
};

struct TaggerTrainOptions {
  // Maximum passes over the training data; the pass with the best dev
  // accuracy (UPOS + XPOS) is kept. With an empty dev set, all passes are run.
  int epochs = 15;
  // Seed of the sentence shuffle. Same data + same options => same model bytes.
  uint64_t seed = 1;
  // If > 0, a word seen at least this many times in training may only
  // receive the classes it had there (its "tag dictionary" entry). Off by
  // default: on EWT dev, 20 gave 95.14 UPOS, 100 gave 95.06, off gave 95.16.
  int restrict_min_count = 0;
  // Words seen at least this many times get an ambiguity-class feature (and
  // keep their identity features; rarer words are treated as unknown). On
  // EWT dev with jackknifing: 1 gave 95.16 UPOS, 2 gave 95.10, 3 gave 95.02.
  int ambiguity_min_count = 1;
  // Computes the training words' ambiguity classes without their own tenth
  // of the data, so that rare words look as they will at test time.
  bool jackknife_ambiguity = true;
  // Averaged weights with |w| below this are dropped from the saved model.
  float prune_below = 1e-3f;
  // Lemmas for news rather than EWT's conventions: plural nouns whose
  // treebank lemma is their own form get their singular unless they are
  // pluralia tantum ("troops" -> "troop", "species" stays), and a table of
  // English irregular verbs fills past forms missing from the treebank
  // ("fled" -> "flee"). Costs some EWT lemma accuracy (see README).
  bool news_lemmas = true;
  // Applies the main-verb rule after greedy decoding (see MainVerbRule in
  // tag/tagger_model.h). Stored in the model.
  bool main_verb_rule = true;
};

// Trains on `train`, evaluates each epoch's averaged model on `dev` (may be
// empty) and returns the best. Writes one progress line per epoch to `log`
// (may be null). Returns InvalidArgumentError if `train` has no words or more
// than 255 distinct (UPOS, XPOS) classes.
StatusOr<std::unique_ptr<Tagger>> TrainTagger(const std::vector<ConlluSentence>& train,
                                              const std::vector<ConlluSentence>& dev,
                                              const TaggerTrainOptions& options, std::ostream* log);

// Accuracies in percent (0-100) over all words of `gold`, tagged with gold
// tokenization; lemma compares exactly (case-sensitive). All zero when `gold`
// has no words.
struct TaggerScores {
  double upos = 0, xpos = 0, lemma = 0;
  size_t tokens = 0;
};
TaggerScores EvaluateTagger(const Tagger& t, const std::vector<ConlluSentence>& gold);

}  // namespace sitrep

#endif  // SITREP_TAG_TAGGER_H_
