// TABARI projects: the .project file, the .options file and the text-record
// format, as documented in the TABARI 0.8.3 manual (chapters 4 and 8).
//
//   Validate.project           <actorsfile> TABARI.Demo.actors
//                              <verbsfile>  TABARI.Demo.verbs
//                              <optionsfile> Validate.options
//                              <agentsfile> Validate.agents
//                              <textfile>   Validate.text
//   Validate.options           COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR EXPLAIN
//                              SET: MINIMUM WORDS = 8
//                              COMMA: MIN = 2 MAX = 10 ...
//   Validate.text              950101  DEMO-01
//                              Arnor is about to restore full diplomatic ties ...
//                              /* \n{ ARN / GON / 064 } */
//
//   SITREP_ASSIGN_OR_RETURN(auto project, Project::Load("Validate.project"));
//   project->options().min_words;   // 8
//   for (const std::string& w : project->warnings()) std::cerr << w << "\n";
//
// Malformed dictionary lines and unknown options are reported in warnings()
// as "file:line: message" and skipped; a missing .project, actors or verbs
// file is an error.
#ifndef SITREP_TABARI_PROJECT_H_
#define SITREP_TABARI_PROJECT_H_

#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "tabari/dictionary.h"

namespace sitrep::tabari {

// The coding options of a project (.options file, manual chapter 8).
struct Options {
  enum class CodeBy { kClause, kSentence, kAll };
  CodeBy code_by = CodeBy::kClause;
  int min_words = 8;
  // COMPLEX: ... (0 = inactive)
  int complex_verbs = 0, complex_actors = 0, complex_pronouns = 0, complex_conj = 0;
  int complex_comma = 0, complex_lateverb = 0;
  bool no_act_prior = false, no_act_after = false, no_verb = false;
  bool no_source = false, no_target = false, no_event = false;
  // COMMA: ... (word counts of removable comma-delimited clauses)
  bool comma_on = true;
  int comma_min = 2, comma_max = 10, comma_emin = 2, comma_emax = 10;
  int comma_bmin = 128, comma_bmax = 0;
  // DEFAULT: SOURCE [c] <PRIOR> TARGET [c] <AFTER>
  std::string default_source, default_target;
  bool default_prior = false, default_after = false;
  bool convert_agents = false;
  bool time_shift = false;
  bool yyyy = false;
  bool fbis = false;
  // FORWARD: pronoun forwarding between consecutive records.
  bool forward = false;
  std::string forward_format;
};

// Applies one .options command line ("SET: MINIMUM WORDS = 4"). Returns false
// with `error` for an unknown or malformed command (the options are unchanged
// then). Comments ("//") and blank lines are accepted and ignored.
bool ApplyOptionLine(std::string_view line, Options* options, std::string* error);

// Reads a .options file: every line goes through ApplyOptionLine; unknown
// commands become warnings "file:line: ...". Stops at a "~~" line.
Status ReadOptionsFile(const std::string& path, Options* options,
                       std::vector<std::string>* warnings);

// One record of a TABARI text file.
struct TextRecord {
  std::string date_text;  // "950101"
  int32_t date = 0;       // YYYYMMDD (RecordDate with YYMMDD, or 8 digits), 0 if invalid
  std::string id;         // "DEMO-01"
  std::string text;       // the sentence, lines joined with blanks
  std::string comment;    // text inside /* ... */ (validation blocks live here)
  int line = 0;           // 1-based line of the header
};

// The date of a record header's digits: the first 8 digits as YYYYMMDD when
// `yyyy` (SET: YYYY = TRUE), else the first 6 as YYMMDD; 0 if not a valid date.
//   RecordDate("9501201", false) == 19950120
int32_t RecordDate(std::string_view digits, bool yyyy);

// Reads TABARI records: a line starting with a digit opens a record; text up
// to "/*" (or a blank line) is the sentence, the rest up to "*/" is the comment.
// Lines outside records (e.g. "#" banners) are ignored.
StatusOr<std::vector<TextRecord>> ReadTextRecords(const std::string& path);
std::vector<TextRecord> ParseTextRecords(std::string_view content);

// An immutable loaded project: dictionaries + options.
class Project {
 public:
  // Reads the .project file and everything it names (paths are relative to
  // the .project file). NotFoundError if the project, actors or verbs file is
  // missing.
  static StatusOr<std::unique_ptr<Project>> Load(const std::string& project_path);
  // Builds a project from explicit files (tests); empty paths are skipped.
  static StatusOr<std::unique_ptr<Project>> FromFiles(const std::vector<std::string>& actors,
                                                      const std::vector<std::string>& agents,
                                                      const std::vector<std::string>& verbs,
                                                      const std::string& options);

  const ActorDictionary& actors() const { return actors_; }
  const ActorDictionary& agents() const { return agents_; }
  const VerbDictionary& verbs() const { return verbs_; }
  const Options& options() const { return options_; }
  const std::vector<std::string>& text_files() const { return text_files_; }
  // Every warning from every file, "file:line: message".
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  Project() = default;
  ActorDictionary actors_;
  ActorDictionary agents_;
  VerbDictionary verbs_;
  Options options_;
  std::vector<std::string> text_files_;
  std::vector<std::string> warnings_;
};

}  // namespace sitrep::tabari

#endif  // SITREP_TABARI_PROJECT_H_
