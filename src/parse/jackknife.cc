#include "parse/jackknife.h"

#include <string>
#include <string_view>

namespace sitrep {

std::vector<ConlluSentence> RetagSentences(const Tagger& tagger,
                                           const std::vector<ConlluSentence>& sents) {
  std::vector<ConlluSentence> out = sents;
  std::vector<std::string_view> words;
  std::vector<Upos> upos;
  std::vector<std::string> xpos, lemmas;
  for (ConlluSentence& s : out) {
    words.clear();
    for (const ConlluWord& w : s.words) words.push_back(w.form);
    tagger.TagWords(words, &upos, &xpos, &lemmas);
    for (size_t i = 0; i < s.words.size(); ++i) {
      s.words[i].upos = std::string(UposName(upos[i]));
      s.words[i].xpos = xpos[i];
      s.words[i].lemma = lemmas[i];
    }
  }
  return out;
}

StatusOr<std::vector<ConlluSentence>> JackknifeTags(const std::vector<ConlluSentence>& train,
                                                    const std::vector<ConlluSentence>& dev,
                                                    const JackknifeOptions& options,
                                                    std::ostream* log) {
  const size_t folds = static_cast<size_t>(options.folds);
  if (options.folds < 2) return InvalidArgumentError("jackknife needs at least 2 folds");
  if (train.size() < folds) return InvalidArgumentError("fewer sentences than jackknife folds");
  std::vector<ConlluSentence> out;
  out.reserve(train.size());
  for (size_t k = 0; k < folds; ++k) {
    const size_t begin = train.size() * k / folds, end = train.size() * (k + 1) / folds;
    std::vector<ConlluSentence> rest;
    rest.reserve(train.size() - (end - begin));
    for (size_t i = 0; i < train.size(); ++i) {
      if (i < begin || i >= end) rest.push_back(train[i]);
    }
    auto tagger = TrainTagger(rest, dev, options.tagger, nullptr);
    if (!tagger.ok()) return tagger.status().WithContext("jackknife fold " + std::to_string(k));
    std::vector<ConlluSentence> slice(train.begin() + begin, train.begin() + end);
    std::vector<ConlluSentence> tagged = RetagSentences(**tagger, slice);
    if (log) {
      size_t words = 0, upos_ok = 0;
      for (size_t i = 0; i < slice.size(); ++i)
        for (size_t j = 0; j < slice[i].words.size(); ++j) {
          ++words;
          upos_ok += slice[i].words[j].upos == tagged[i].words[j].upos;
        }
      *log << "jackknife: fold " << k + 1 << "/" << folds << " UPOS "
           << (words ? 100.0 * upos_ok / words : 0) << "%\n"
           << std::flush;
    }
    for (auto& s : tagged) out.push_back(std::move(s));
  }
  return out;
}

StatusOr<std::vector<ConlluSentence>> MakeParserTrainingSet(
    const std::vector<ConlluSentence>& train, const std::vector<ConlluSentence>& dev,
    const JackknifeOptions& options, std::ostream* log) {
  SITREP_ASSIGN_OR_RETURN(std::vector<ConlluSentence> out, JackknifeTags(train, dev, options, log));
  out.insert(out.end(), train.begin(), train.end());
  return out;
}

}  // namespace sitrep
