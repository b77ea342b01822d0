// Units whose long runs (no spaces, hundreds of kilobytes) stress the
// tokenizer's rules: punctuation runs, brackets, quotes, URL and e-mail
// look-alikes, emoticons, hyphen chains. Shared by the invariant test
// (tokenizer_test.cc) and the cost benchmark (bench/stages_benchmark.cc),
// so the benchmark measures what the test guards.
#ifndef SITREP_TEXT_PATHOLOGICAL_UNITS_H_
#define SITREP_TEXT_PATHOLOGICAL_UNITS_H_

#include <string_view>

namespace sitrep {

inline constexpr std::string_view kPathologicalUnits[] = {
    ".",
    "!?",
    "-",
    "a",
    "a.",
    "1,",
    "x-",
    "\"",
    "'s",
    "http://x.org/",
    "\xE2\x80\x94",
    "((((",
    "U.S.",
    "a@b",
    "a+",
    "a.-",
    "x@",
    "a'",
    "1-",
    "#a",
    "www.",
    "a&",
    "a/",
    "'1",
    ":)",
    "\"a.\" ",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-"};

}  // namespace sitrep

#endif  // SITREP_TEXT_PATHOLOGICAL_UNITS_H_
