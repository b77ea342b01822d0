// CoNLL-U reading and writing (https://universaldependencies.org/format.html).
//
// Reading keeps syntactic words only (integer ids); multiword-token ranges
// ("1-2 don't") are kept as `MultiwordRange`s so the surface can be rebuilt,
// and empty nodes ("8.1") are skipped.
//
//   SITREP_ASSIGN_OR_RETURN(auto sents, ReadConllu("en_ewt-ud-train.conllu"));
//   for (const ConlluSentence& s : sents)
//     for (const ConlluWord& w : s.words) use(w.form, w.upos, w.head, w.deprel);
#ifndef SITREP_CORE_CONLLU_H_
#define SITREP_CORE_CONLLU_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/status.h"

namespace sitrep {

struct ConlluWord {
  std::string form, lemma, upos, xpos, feats;
  int head = -1;  // 0 = root, -1 = unknown ("_")
  std::string deprel, deps, misc;
  bool space_after = true;  // false if MISC has SpaceAfter=No
};

struct MultiwordRange {
  int first = 0, last = 0;  // 1-based word ids, inclusive
  std::string form;
  bool space_after = true;
};

struct ConlluSentence {
  std::vector<std::string> comments;  // lines without the leading "# "
  std::string sent_id, text;          // from "# sent_id =", "# text ="
  bool new_doc = false, new_par = false;
  std::vector<ConlluWord> words;
  std::vector<MultiwordRange> multiwords;
};

// Parses CoNLL-U text. A malformed line yields InvalidArgumentError naming the
// line number, unless `errors` is given, in which case the bad sentence is
// skipped, a message "line N: ..." appended, and parsing goes on.
StatusOr<std::vector<ConlluSentence>> ParseConllu(std::string_view text,
                                                  std::vector<std::string>* errors = nullptr);
StatusOr<std::vector<ConlluSentence>> ReadConllu(const std::string& path,
                                                 std::vector<std::string>* errors = nullptr);

// Rebuilds the raw text of a sentence from forms and SpaceAfter (multiword
// tokens contribute their surface form). Uses `text` when present.
std::string SentenceSurface(const ConlluSentence& s);

// Builds a Document whose text is the sentences' surface joined by spaces
// (paragraph breaks as "\n\n"), with sentences and tokens set from the CoNLL-U
// words (their forms, and UPOS/XPOS/lemma/head/deprel if `keep_annotation`).
// Tokens of a multiword token share its byte span and carry their word form
// in Token::norm.
Document DocumentFromConllu(const std::vector<ConlluSentence>& sents, bool keep_annotation);

// Writes a Document's sentences as CoNLL-U, with "# sent_id" and "# text"
// comments; "_" for fields not set.
std::string DocumentToConllu(const Document& doc);

// Writes `input` back as CoNLL-U with LEMMA, UPOS, XPOS, HEAD and DEPREL taken
// from `doc`, which must be DocumentFromConllu(input, ...) after analysis (one
// Sentence per input sentence, one Token per word). Comments, ids, forms,
// multiword-token lines, FEATS and MISC are kept as they were, so the output
// lines up with the gold file for the CoNLL 2018 evaluation script.
std::string AnalysisToConllu(const std::vector<ConlluSentence>& input, const Document& doc);

}  // namespace sitrep

#endif  // SITREP_CORE_CONLLU_H_
