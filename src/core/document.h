// Document: the one owning object that every pipeline stage reads and adds to.
//
// A Document owns the UTF-8 text of one article. Sentences and tokens are flat
// vectors of plain structs that hold byte offsets into that text and indices
// into each other; stages never copy text, they add fields.
//
//   Document doc;
//   doc.id = "kdh-0412";
//   doc.text = "Police said gunmen attacked a checkpoint.";
//   ... pipeline.Process(doc) ...
//   for (const Sentence& s : doc.sentences)
//     for (uint32_t t = s.token_begin; t < s.token_end; ++t)
//       std::cout << doc.Form(doc.tokens[t]) << "/" << UposName(doc.tokens[t].upos);
//
// Offsets are byte offsets into `text`, half-open [begin, end).
#ifndef SITREP_CORE_DOCUMENT_H_
#define SITREP_CORE_DOCUMENT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/event.h"

namespace sitrep {

// A half-open byte range [begin, end) into a Document's text.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
};

// Universal POS tags (UD v2), in the order of the UD documentation.
enum class Upos : uint8_t {
  kNone = 0,  // not tagged yet
  kAdj,
  kAdp,
  kAdv,
  kAux,
  kCconj,
  kDet,
  kIntj,
  kNoun,
  kNum,
  kPart,
  kPron,
  kPropn,
  kPunct,
  kSconj,
  kSym,
  kVerb,
  kX,
};
inline constexpr int kNumUpos = 18;  // including kNone

// "NOUN" for Upos::kNoun, "_" for kNone.
std::string_view UposName(Upos upos);
// Upos::kNoun for "NOUN"; kNone for anything unknown.
Upos UposFromName(std::string_view name);

// One word in the syntactic sense (UD "word"): "don't" is two tokens, "do"
// and "n't", each with its own byte span inside the surface string.
struct Token {
  uint32_t begin = 0;  // byte offset of the first byte in Document::text
  uint32_t end = 0;    // one past the last byte
  // Where the form is not the bytes of the span (rare: a normalised form set
  // by the tokenizer, or a CoNLL-U FORM that differs from the text), the form
  // is stored here; otherwise empty and Document::Form() returns the span.
  std::string norm;
  bool space_after = true;  // is there whitespace between this token and the next?

  // Set by the tagger.
  Upos upos = Upos::kNone;
  std::string xpos;   // Penn Treebank tag ("NNS"), empty if none
  std::string lemma;  // empty until lemmatised
  std::string feats;  // UD FEATS ("Number=Plur"), empty if none

  // Set by the parser. `head` is the 1-based index of the head inside the
  // sentence (0 = root, -1 = not parsed); deprel is the UD relation ("nsubj",
  // "obl:tmod").
  int32_t head = -1;
  std::string deprel;
};

struct Sentence {
  uint32_t begin = 0;  // byte span of the sentence in Document::text
  uint32_t end = 0;
  uint32_t token_begin = 0;  // [token_begin, token_end) into Document::tokens
  uint32_t token_end = 0;
  uint32_t paragraph = 0;  // 0-based paragraph index in the document
  uint32_t size() const { return token_end - token_begin; }
};

// A warning or error found while reading or processing a document, with the
// byte offset it refers to (in the original input bytes for reader messages).
struct Diagnostic {
  enum class Severity : uint8_t { kWarning, kError };
  Severity severity = Severity::kWarning;
  int64_t offset = -1;  // byte offset, or -1 if not about one place
  std::string message;
};

struct Document {
  std::string id;
  std::string date;    // story date "YYYY-MM-DD", empty if unknown
  std::string title;   // empty if none
  std::string source;  // publisher, optional
  std::string url;     // optional
  std::string origin;  // where it was read from: "file.jsonl:12", "stdin"

  // The article as valid UTF-8. If the input had a title line, `text` holds
  // "title\n\nbody" and `body_begin` is the offset of the body.
  std::string text;
  uint32_t body_begin = 0;

  std::vector<Sentence> sentences;
  std::vector<Token> tokens;
  std::vector<ActorMention> mentions;  // set by the actor stage (core/event.h)
  std::vector<Event> events;           // set by the event stage (core/event.h)
  std::vector<Place> places;           // set by the geo stage (core/context.h)
  std::vector<TimeExpression> times;   // set by the timex stage
  std::vector<Casualty> casualties;    // set by the casualties stage
  int32_t focus_place = -1;            // index into places: the story's main place
  std::vector<Diagnostic> diagnostics;

  std::string_view Slice(uint32_t begin, uint32_t end) const {
    return std::string_view(text).substr(begin, end - begin);
  }
  std::string_view Slice(Span s) const { return Slice(s.begin, s.end); }
  // Document index of the head of token t of sentence s; -1 for the root,
  // an unparsed token, or a head outside the sentence (malformed input).
  int32_t HeadIndex(const Sentence& s, uint32_t t) const {
    const int32_t h = tokens[t].head;
    if (h <= 0) return -1;
    const int64_t idx = static_cast<int64_t>(s.token_begin) + h - 1;
    return idx < static_cast<int64_t>(s.token_end) && idx < static_cast<int64_t>(tokens.size())
               ? static_cast<int32_t>(idx)
               : -1;
  }
  // The form of a token: its normalised form if set, else its bytes.
  std::string_view Form(const Token& t) const {
    return t.norm.empty() ? Slice(t.begin, t.end) : std::string_view(t.norm);
  }
  void Warn(int64_t offset, std::string message) {
    diagnostics.push_back({Diagnostic::Severity::kWarning, offset, std::move(message)});
  }
  void Error(int64_t offset, std::string message) {
    diagnostics.push_back({Diagnostic::Severity::kError, offset, std::move(message)});
  }
  // Clears every analysis layer, keeping the text and metadata.
  void ClearAnalysis() {
    sentences.clear();
    tokens.clear();
    mentions.clear();
    events.clear();
    places.clear();
    times.clear();
    casualties.clear();
    focus_place = -1;
  }
};

// The indices of `items` (anything with a `sentence` field: events,
// mentions, time expressions) by sentence: out[s] lists sentence s's items
// in order. The stages use it to read one sentence's items without scanning
// the document once per item. Items naming no sentence below `sentences`
// are left out.
template <typename T>
std::vector<std::vector<uint32_t>> IndicesBySentence(const std::vector<T>& items,
                                                     size_t sentences) {
  std::vector<std::vector<uint32_t>> out(sentences);
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i].sentence < sentences) out[items[i].sentence].push_back(static_cast<uint32_t>(i));
  }
  return out;
}

}  // namespace sitrep

#endif  // SITREP_CORE_DOCUMENT_H_
