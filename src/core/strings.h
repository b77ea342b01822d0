// Small string helpers shared by the readers of our own text formats
// (CoNLL-U, the CAMEO tables, golden files).
//
//   SplitOn("190\tattack\t\t4", '\t')  => {"190", "attack", "", "4"}
//   SplitOn("", '\t')                  => {""}
//   TrimSpace(" Kandahar\r\n")         => "Kandahar"
//   StrCat({path, ":", std::to_string(line), ": ", why})  => one allocation
//   WeekdayIndex("Tuesday")            => 1 (0 = Monday ... 6 = Sunday; -1 if none)
//   MonthIndex("Sept")                 => 9 (1 = January ... 12; 0 if none)
//   IsDashWord("—")                    => true ("-", "--", en and em dash)
#ifndef SITREP_CORE_STRINGS_H_
#define SITREP_CORE_STRINGS_H_

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace sitrep {

// `s` without leading and trailing ASCII whitespace (space, \t, \n, \v, \f,
// \r); a view into `s`.
std::string_view TrimSpace(std::string_view s);

// The fields of `s` between occurrences of `sep`, empty fields kept; views
// into `s`, which must outlive them.
std::vector<std::string_view> SplitOn(std::string_view s, char sep);

// The parts joined, with one allocation ("a + b + c" makes a temporary per
// "+"): for messages built in loops and per-row keys.
std::string StrCat(std::initializer_list<std::string_view> parts);

// 0 (Monday) to 6 (Sunday) for an English weekday name in any ASCII case,
// -1 for anything else: what the parser, the places and the dates stages
// mean by a weekday.
int WeekdayIndex(std::string_view word);

// 1 (January) to 12 for an English month name or its usual abbreviation
// ("Jan", "Sept", "Febr"; without the period) in any ASCII case, 0 for
// anything else: what the dates, places, attribution and coding stages mean
// by a month word.
int MonthIndex(std::string_view word);

// Whether a token is a dash: "-", "--", "–" (en) or "—" (em), as headlines
// and datelines separate their parts ("Kabul - Gunmen ...", "... - official").
bool IsDashWord(std::string_view word);

}  // namespace sitrep

#endif  // SITREP_CORE_STRINGS_H_
