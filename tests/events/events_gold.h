// Golden expected events for whole articles, and a scorer that compares an
// event coder's output (Document::events + Document::mentions) with them.
//
// A gold file (`samples/expected/NAME.events`, format in
// samples/expected/README.md) lists the events a careful human coder records
// in the article's body, one per line, tab-separated:
//
//   # trigger      source   cameo  target   flags
//   attacked       ---UAF   190    AFGCOP
//   air strike#2   AFGMIL   195    ---INS
//   denied         RUSMIL   016    -        reported
//   firing         MMRMIL   175    MMRCVL   negated
//
// The trigger is the exact surface text in the body; "#2" picks its second
// occurrence in the body. Codes may list alternatives ("RUS|RUSGOV"); "-" is
// no actor. Matching and scoring:
//
//   SITREP_ASSIGN_OR_RETURN(GoldFile gold, ReadGoldFile("samples/expected/x.events"));
//   ResolveTriggers(doc, gold);               // byte spans; unknown triggers -> warnings
//   ArticleScore s = ScoreArticle(doc, gold); // doc has been analysed and coded
//   std::cout << FormatTable({s}, s);
//
// A coded event matches a gold event when their trigger byte spans overlap
// ("air strikes" vs "strikes"); each gold event and each coded event is used
// at most once (greedy by agreement, so "Syrian and Russian jets bombed" pairs
// its two coded events with the right two gold lines). Coded events in the
// title are not scored (the title restates the lead). A coded event that is
// only the attribution of another one (some event's `reported_by` points to
// it: "Police *said* gunmen attacked") is scored if a gold event matches it,
// and otherwise ignored rather than counted as extra; so is a plain statement
// (CAMEO 010: gold files list statements only where they are the act). A gold
// event flagged `optional` likewise counts only when matched. An actor code
// agrees with a gold code when equal or when it only adds 3-letter blocks to a
// gold code of two or more blocks ("CODREBMTT" for "CODREB", not "RUSMIL" for "RUS").
#ifndef SITREP_TESTS_EVENTS_EVENTS_GOLD_H_
#define SITREP_TESTS_EVENTS_EVENTS_GOLD_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/event.h"
#include "core/status.h"

namespace sitrep::events_gold {

// One line of a gold file.
struct GoldEvent {
  std::string trigger;  // surface text, "air strike"
  int occurrence = 1;   // "air strike#2" -> 2 (1-based, counted in the body)
  // Accepted codes; "" stands for "-" (no actor). Never empty vectors.
  std::vector<std::string> source;
  std::vector<std::string> cameo;
  std::vector<std::string> target;
  bool negated = false;
  Modality modality = Modality::kFactual;
  bool reported = false;  // informational: the text attributes it ("X said")
  bool optional = false;  // counted only when a coded event matches it
  int line = 0;           // 1-based line in the gold file
  Span span;              // set by ResolveTriggers; empty if not found
};

struct GoldFile {
  std::string name;  // file path or name, used in messages
  std::vector<GoldEvent> events;
  // "x.events:7: expected 4 or 5 tab-separated columns, got 3" — the line is skipped.
  std::vector<std::string> warnings;
};

// Parses gold-file content; malformed lines become warnings ("name:line: why")
// and are skipped. Never fails.
GoldFile ParseGold(std::string_view content, std::string_view name);
// Reads and parses a file: NotFoundError / IoError if it cannot be read.
StatusOr<GoldFile> ReadGoldFile(const std::string& path);

// Sets each event's span to the byte range of its trigger's occurrence in
// doc's body (text from body_begin; the match must start and end on word
// boundaries). Triggers not found get a warning in gold.warnings and an empty
// span; they still count as gold events (missed by every coder).
void ResolveTriggers(const Document& doc, GoldFile& gold);

// A coded event reduced to what is scored.
struct CodedEvent {
  Span trigger;        // byte span of the trigger tokens
  std::string source;  // actor code, "" = none or unknown
  std::string cameo;
  std::string target;
  bool negated = false;
  Modality modality = Modality::kFactual;
  bool attribution = false;  // another event's reported_by points here
};

// doc.events as CodedEvents, in order (malformed trigger indices are left
// out). Mentions without a code, or indices out of range, give "".
std::vector<CodedEvent> CodedEventsOf(const Document& doc);

// What went wrong for one event, for the difference listing.
enum class DiffKind { kMissing, kExtra, kWrong };

struct Difference {
  DiffKind kind = DiffKind::kMissing;
  // For kWrong: which parts disagree (a wrong subcode has the right root).
  bool wrong_root = false, wrong_subcode = false, wrong_source = false, wrong_target = false,
       wrong_flags = false;
  // For a wrong source/target, what the coder gave instead.
  enum class ActorError : uint8_t {
    kNone,       // the actor agrees
    kMissing,    // no code ("-") where gold has one
    kNoCountry,  // "---COP" where gold has "COLCOP": the role without the country
    kSpurious,   // a code where gold has "-" only
    kOther,      // another code
  };
  ActorError source_error = ActorError::kNone, target_error = ActorError::kNone;
  std::string text;  // `missing  "attacked"@337  ---UAF 190 AFGCOP  (line 3)`
};

// Counts for one article or a sum of articles. Ratios are in [0,1] and 0
// when their denominator is 0.
struct ArticleScore {
  std::string name;
  int gold = 0;          // gold events counted (optional ones only when matched)
  int coded = 0;         // coded events counted (attribution ones only when matched)
  int matched = 0;       // pairs with overlapping triggers
  int root_agree = 0;    // matched pairs with the same CAMEO root ("19")
  int code_agree = 0;    // ... the same full code ("193")
  int source_agree = 0;  // ... the same source code
  int target_agree = 0;  // ... the same target code
  int triple_agree = 0;  // ... the same (source, code, target)
  int flags_agree = 0;   // ... the same negation and modality
  std::vector<Difference> differences;

  double TriggerPrecision() const;
  double TriggerRecall() const;
  double RootAgreement() const;    // root_agree / matched
  double CodeAgreement() const;    // code_agree / matched
  double SourceAgreement() const;  // source_agree / matched
  double TargetAgreement() const;  // target_agree / matched
  double FlagsAgreement() const;   // flags_agree / matched
  double TriplePrecision() const;  // triple_agree / coded
  double TripleRecall() const;     // triple_agree / gold
  double TripleF1() const;

  // Adds the counts (not the differences) of `other`.
  void Add(const ArticleScore& other);
};

// Scores doc's coded events against gold (whose triggers must have been
// resolved on the same doc).
ArticleScore ScoreArticle(const Document& doc, const GoldFile& gold);
// The same on already-extracted coded events (e.g. read from `sitrep code`
// JSON output). `doc` supplies the text and body_begin (events whose trigger
// starts before it, in the title, are not scored).
ArticleScore ScoreEvents(const Document& doc, const GoldFile& gold,
                         const std::vector<CodedEvent>& coded);

// A fixed-width table, one row per article and a last "micro" row for total:
//   article                      gold coded match trigP trigR  root  code   src   tgt  triP  triR
//   F1 afg-2019-04-12-kandahar        11    12     9  0.75  0.82  0.89  0.78  0.67  0.56  0.33 0.36
//   0.35
std::string FormatTable(const std::vector<ArticleScore>& articles, const ArticleScore& total);
// Every difference of every article, grouped by article.
std::string FormatDifferences(const std::vector<ArticleScore>& articles);

// Error categories over matched and unmatched events, for reports:
// missing, extra, wrong root, wrong subcode (same root), wrong source, wrong target.
struct ErrorCounts {
  int missing = 0, extra = 0, wrong_root = 0, wrong_subcode = 0, wrong_source = 0, wrong_target = 0;
  // wrong_source / wrong_target split by Difference::ActorError.
  int source_missing = 0, source_no_country = 0, source_spurious = 0, source_other = 0;
  int target_missing = 0, target_no_country = 0, target_spurious = 0, target_other = 0;
};
ErrorCounts CountErrors(const std::vector<ArticleScore>& articles);
std::string FormatErrorCounts(const ErrorCounts& counts);

}  // namespace sitrep::events_gold

#endif  // SITREP_TESTS_EVENTS_EVENTS_GOLD_H_
