// Writing analysed documents: JSON (one object per document), a readable text
// form for people, and (via core/conllu.h) CoNLL-U.
//
//   std::cout << DocumentToJson(doc) << "\n";       // one JSONL line
//   std::cout << DocumentToReadable(doc);           // for the terminal
//
// JSON shape ("start"/"end" are byte offsets into the document's text):
//   {"id": "d1", "date": "2015-10-08", "title": null,
//    "sentences": [{"index": 0, "start": 0, "end": 38, "text": "...",
//      "tokens": [{"id": 1, "form": "Syrian", "start": 0, "end": 6,
//                  "upos": "ADJ", "xpos": "JJ", "lemma": "Syrian",
//                  "head": 2, "deprel": "amod"}, ...]}],
//    "diagnostics": [{"severity": "warning", "offset": 12, "message": "..."}]}
#ifndef SITREP_PIPELINE_SERIALIZE_H_
#define SITREP_PIPELINE_SERIALIZE_H_

#include <string>

#include "core/document.h"

namespace sitrep {

std::string DocumentToJson(const Document& doc);

// Per sentence: its text, then each word as form/UPOS, then the dependencies
// as relation(head, dependent) — e.g. "nsubj(attacked, troops)".
std::string DocumentToReadable(const Document& doc);

}  // namespace sitrep

#endif  // SITREP_PIPELINE_SERIALIZE_H_
