// Time expressions in one parsed sentence, resolved against the story date.
//
//   Document doc;  // analysed (tokens, tags, lemmas, parse)
//   doc.date = "2019-01-01";  // a Tuesday
//   doc.text = "Gunmen attacked a checkpoint on Thursday, police said on Tuesday.";
//   auto story = ParseIsoDate(doc.date);
//   std::vector<Recognized> found = RecognizeSentence(doc, 0, story);
//   // found[0].expr = {"on Thursday", kPoint, value "2018-12-27", kDay,
//   //                  range 2018-12-27 .. 2018-12-27}
//   // found[1].expr = {"on Tuesday", value "2019-01-01"}  (the story date itself)
//
// What is recognised (span includes the preposition: on/in/at/during/by/
// from/until/through/before/after/since/for/over/within):
//   weekdays     "on Thursday", "Thursday night", "early Thursday", "last/this/
//                next Monday", "on Thursday and Friday" (value: the first day;
//                range to the last)
//   deictic      yesterday, today, tonight, tomorrow, overnight, "this morning",
//                "last night", "earlier today", "the day before yesterday"
//   calendar     "last/this/next week|month|year", "earlier/later this
//                week|month|year", "early/mid/late last month"
//   months       "March 2", "Mar. 2", "March 2, 2015", "2 March 2015", "2nd of
//                March", "in March", "March 2015", "late/early/mid July",
//                "mid-July", "last March"
//   days         "on the 5th", "the 5th of March"
//   years        "in 2014", "since 2011", "mid-2014", "in the 1990s",
//                "1993-2003", a year closing a title ("Annual report: 2016")
//   numeric      "2019-04-12", "2012.07.27", "29/12/2012" (day first; "10/8/2012"
//                month-first only if day-first is after S and month-first not)
//   ranges       "from April to July 1994", "June 21-27", "4 - 10 February
//                2021", "1 January to 30 September 2019" (a year said at the
//                end applies to both halves)
//   ago          "two days ago", "three weeks ago", "a year ago", "24 hours ago"
//   anaphoric    "the next day", "the following day", "the previous day", "two
//                days later", "a week earlier": from the last day-precision date
//                named earlier in the document (`last_day`)
//   spans        "in the past 24 hours", "over the last three days" (value: the
//                start), "for a year", "for three days" (Kind kDuration),
//                "since dawn|Monday|March|2011|last week" (Kind kSince)
// "May" and "March" are months only next to a day or year number or after a
// cue word (in, since, early, late, last, ...), never when tagged as a verb or
// modal. Not dates: "a November election", "the June 5 Movement", "every
// Thursday", "Good Friday", a bare "at dawn" (no day named).
//
// Resolution (story date S; no year / no week said):
//   - past by default (wire style): "on Thursday" is the latest Thursday on or
//     before S (S itself if S is a Thursday); "March 2" without a year is the
//     latest March 2 on or before S; "on the 5th" the latest 5th on or before S;
//     "last Monday" the latest Monday strictly before S.
//   - future when the text says so: "next ...", "tomorrow", "later this ...",
//     "coming", or the expression's clause has will/shall/'ll or is the
//     complement of scheduled/due/expected/set/planned/going ("talks will
//     resume on Thursday", "is due to visit on March 2"): then the first such
//     day on or after S ("next Monday": strictly after).
//   - precision: day; week ("last week": value = its Monday, range Mon..Sun);
//     month (value = the 1st; "late July" range 21..31, "early" 1..10, "mid"
//     11..20; "earlier this month" 1st..S); year (value = Jan 1; decades:
//     range over ten years). Spans counted back from S ("in the past three
//     days", "for a year") take the unit's precision and value = their start.
// Problems (TimeExpression::problem), never a crash:
//   "no story date"        a relative expression without a usable story date:
//                          value empty (absolute dates still resolve)
//   "before 1900"          a year or resolved day before 1900-01-01: value empty
//   "invalid date"         "February 30", "on the 31st" in a 30-day month: value empty
//   "no earlier date"      "the next day" before any day was named: value empty
//   "after the story date" the range starts after S: value kept (scheduled
//                          events), but the stage never dates a factual event
//                          with it
// Pure functions of their inputs; thread-safe.
#ifndef SITREP_TIMEX_RECOGNIZER_H_
#define SITREP_TIMEX_RECOGNIZER_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "core/document.h"
#include "timex/date_math.h"

namespace sitrep::timex {

struct Recognized {
  TimeExpression expr;
  // Document index of the token the expression hangs on in the parse (the
  // head, outside the span, of the span's top word), -1 if the expression is
  // the sentence root or the sentence is not parsed.
  int32_t head_token = -1;
  // True if resolved in the future direction (see above).
  bool future = false;
};

// Finds the time expressions of doc.sentences[sentence] in text order and
// resolves them against `story` (nullopt: no story date). Out-of-range
// `sentence` gives an empty vector. Works on tagged text without a parse
// (then head_token is -1 and no clause-based future cue is seen).
// `last_day` (may be null): the last day-precision date the text named before
// this sentence (days since 1970-01-01), the anchor of "the next day", "two
// days later"; updated with each day-precision point found here. Without it
// such expressions get the problem "no earlier date".
std::vector<Recognized> RecognizeSentence(const Document& doc, uint32_t sentence,
                                          const std::optional<CivilDate>& story,
                                          std::optional<int64_t>* last_day = nullptr);

}  // namespace sitrep::timex

#endif  // SITREP_TIMEX_RECOGNIZER_H_
