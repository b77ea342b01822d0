// Hand-checked tagging test sets ("golden" files) and their evaluation.
//
// A golden file (tests/golden/tag/news.tsv) has one sentence per line,
// "<id><TAB><tokens>", tokens separated by single spaces. A token written
// "form|XPOS" is checked for its Penn tag, "form|XPOS|lemma" also for its
// lemma; other tokens are context. '#' lines and blank lines are ignored.
//
//   SITREP_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
//   SITREP_ASSIGN_OR_RETURN(std::vector<GoldenSentence> gold, ParseTagGolden(text));
//   GoldenReport r = EvaluateTagGolden(*tagger, gold);
//   // r.xpos_ok / r.xpos_checked, r.misses = {"n001 attacked: VBN (want VBD) | Syrian ..."}
#ifndef SITREP_TAG_TAGGER_GOLDEN_H_
#define SITREP_TAG_TAGGER_GOLDEN_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "tag/tagger.h"

namespace sitrep {

struct GoldenCheck {
  size_t word = 0;    // index into GoldenSentence::words
  std::string xpos;   // expected Penn tag
  std::string lemma;  // expected lemma; empty: not checked
};

struct GoldenSentence {
  std::string id;
  std::vector<std::string> words;
  std::vector<GoldenCheck> checks;
};

// Parses a golden file's text. Returns InvalidArgumentError naming the line
// when a line has no TAB, an empty token, or a check with an empty tag.
StatusOr<std::vector<GoldenSentence>> ParseTagGolden(std::string_view text);

struct GoldenReport {
  size_t xpos_checked = 0, xpos_ok = 0;
  size_t lemma_checked = 0, lemma_ok = 0;
  // One line per wrong check: "<id> <word>: <got> (want <expected>) | <sentence>".
  std::vector<std::string> misses;
  double xpos_percent() const { return xpos_checked ? 100.0 * xpos_ok / xpos_checked : 0.0; }
  double lemma_percent() const { return lemma_checked ? 100.0 * lemma_ok / lemma_checked : 0.0; }
};

// Tags every sentence of `gold` and compares the checked words. Never fails.
GoldenReport EvaluateTagGolden(const Tagger& tagger, const std::vector<GoldenSentence>& gold);

}  // namespace sitrep

#endif  // SITREP_TAG_TAGGER_GOLDEN_H_
