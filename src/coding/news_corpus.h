// Real news text for `sitrep bench --code`, read from the third-party corpora
// in ../shared/corpora (never copied into the repository):
//   - petrarch2/text/GigaWord.sample.PETR.xml: the <Text> of each record
//     (AFP/GigaWord wire sentences), one document per record;
//   - ucdp-ged-sample/ucdpged.csv: the `source_headline` column (several
//     headlines in one cell are separated by ';'), one document per headline.
//
//   std::vector<Document> docs;
//   SITREP_RETURN_IF_ERROR(AddNewsCorpus(corpora_dir, &docs, &warnings));
#ifndef SITREP_CODING_NEWS_CORPUS_H_
#define SITREP_CODING_NEWS_CORPUS_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/status.h"

namespace sitrep {

// The texts of the <Text>...</Text> elements of a PETRARCH record file, with
// XML entities decoded and whitespace collapsed.
std::vector<std::string> PetrarchRecordTexts(std::string_view xml);

// The non-empty headlines of a UCDP GED CSV file (RFC 4180 quoting).
// InvalidArgumentError if there is no `source_headline` column.
StatusOr<std::vector<std::string>> UcdpHeadlines(std::string_view csv);

// Appends one document per GigaWord sentence and UCDP headline found under
// `corpora_dir`. NotFoundError if neither file is there.
Status AddNewsCorpus(const std::string& corpora_dir, std::vector<Document>* docs);

}  // namespace sitrep

#endif  // SITREP_CODING_NEWS_CORPUS_H_
