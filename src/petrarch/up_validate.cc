#include "petrarch/up_validate.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <tuple>
#include <vector>

#include "petrarch/coder.h"
#include "petrarch/dictionaries.h"
#include "petrarch/ptb.h"
#include "petrarch/records.h"
#include "pipeline/analyzer.h"
#ifdef SITREP_HAVE_TREECONV
#include "core/strings.h"
#include "treeconv/petr_records.h"
#include "treeconv/to_ptb.h"
#endif

namespace sitrep::petrarch {
namespace {

namespace fs = std::filesystem;
using Triple = CodeTriple;

struct UpRecord {
  std::string id, date, category;
  bool evaluate = true;
  std::vector<ExpectedCoding> expected;
  std::string text;    // whitespace collapsed
  std::string conllu;  // the <Parse> lines
  std::map<std::string, std::string> config;
  int line = 0;
};

struct UpFile {
  std::map<std::string, std::string> environment;
  std::set<std::string> include;  // categories; empty = all
  std::vector<UpRecord> records;
};

// name="value" pairs of one tag (single or double quotes), entities decoded.
std::map<std::string, std::string> Attributes(std::string_view tag) {
  std::map<std::string, std::string> out;
  size_t p = 0;
  while (p < tag.size()) {
    const size_t eq = tag.find('=', p);
    if (eq == std::string_view::npos) break;
    size_t name_end = eq;
    while (name_end > p && tag[name_end - 1] == ' ') --name_end;
    size_t name_begin = name_end;
    while (name_begin > p && tag[name_begin - 1] != ' ' && tag[name_begin - 1] != '<' &&
           tag[name_begin - 1] != '\t') {
      --name_begin;
    }
    size_t q = eq + 1;
    while (q < tag.size() && tag[q] == ' ') ++q;
    if (q >= tag.size() || (tag[q] != '"' && tag[q] != '\'')) {
      p = eq + 1;
      continue;
    }
    const size_t vend = tag.find(tag[q], q + 1);
    if (vend == std::string_view::npos) break;
    std::string value(tag.substr(q + 1, vend - q - 1));
#ifdef SITREP_HAVE_TREECONV
    value = treeconv::DecodeXmlEntities(value);
#endif
    out[std::string(tag.substr(name_begin, name_end - name_begin))] = value;
    p = vend + 1;
  }
  return out;
}

// The text between <tag> and </tag> on one line, or npos-based "" if absent.
bool ElementOnLine(const std::string& line, const std::string& tag, std::string* content) {
  const std::string open = "<" + tag + ">", close = "</" + tag + ">";
  const size_t b = line.find(open);
  if (b == std::string::npos) return false;
  const size_t e = line.find(close, b);
  *content = std::string(TrimSpace(line.substr(
      b + open.size(), e == std::string::npos ? std::string::npos : e - b - open.size())));
  return true;
}

std::string UpCode(const std::string& code) {
  std::string out;
  for (char c : code) {
    if (c == '~') {
      out += "---";
    } else {
      out += c;
    }
  }
  return out;
}

// Line-by-line reader (the file is not well-formed XML).
StatusOr<UpFile> ReadUpRecords(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("cannot read " + path);
  UpFile file;
  std::map<std::string, std::string> config;
  UpRecord* rec = nullptr;
  enum class Mode { kNone, kText, kParse } mode = Mode::kNone;
  bool in_comment = false;
  std::string raw;
  int line_no = 0;
  while (std::getline(in, raw)) {
    ++line_no;
    const std::string line = std::string(TrimSpace(raw));
    if (in_comment) {
      if (line.find("-->") != std::string::npos) in_comment = false;
      continue;
    }
    if (mode == Mode::kParse) {
      const size_t end = line.find("</Parse>");
      const std::string part = end == std::string::npos ? raw : raw.substr(0, raw.find("</Parse>"));
      if (!std::string(TrimSpace(part)).empty()) rec->conllu += std::string(TrimSpace(part)) + "\n";
      if (end == std::string::npos) continue;
      mode = Mode::kNone;
      if (line.find("</Sentence>") != std::string::npos) rec = nullptr;
      continue;
    }
    if (mode == Mode::kText) {
      const size_t end = line.find("</Text>");
      const std::string part =
          std::string(TrimSpace(end == std::string::npos ? line : line.substr(0, end)));
      if (!part.empty()) rec->text += (rec->text.empty() ? "" : " ") + part;
      if (end != std::string::npos) mode = Mode::kNone;
      continue;
    }
    if (line.rfind("<!--", 0) == 0) {
      if (line.find("-->") == std::string::npos) in_comment = true;
      continue;
    }
    if (rec == nullptr) {
      std::string content;
      for (const char* tag : {"Verbfile", "Actorfile", "Agentfile", "Discardfile", "PICOfile"}) {
        if (ElementOnLine(line, tag, &content)) file.environment[tag] = content;
      }
      if (ElementOnLine(line, "Include", &content)) {
        std::istringstream words(content);
        std::string w;
        while (words >> w) file.include.insert(w);
      }
      if (line.rfind("<Config", 0) == 0) {
        auto a = Attributes(line);
        if (a.count("option") && a.count("value")) config[a["option"]] = a["value"];
      }
      if (line.rfind("<Sentence ", 0) == 0) {
        auto a = Attributes(line);
        file.records.emplace_back();
        rec = &file.records.back();
        rec->id = a["id"];
        rec->date = a["date"];
        rec->category = a["category"];
        rec->evaluate = a.count("evaluate") == 0 || a["evaluate"] == "true" ||
                        a["evaluate"] == "True" || a["evaluate"] == "TRUE";
        rec->config = config;
        rec->line = line_no;
      }
      continue;
    }
    if (line.rfind("<EventCoding", 0) == 0) {
      auto a = Attributes(line);
      ExpectedCoding e;
      if (a.count("noevents")) {
        e.kind = ExpectedCoding::Kind::kNoEvents;
      } else if (a.count("error")) {
        e.kind = ExpectedCoding::Kind::kError;
        e.error = a["error"];
      } else {
        e.source = UpCode(a["sourcecode"]);
        e.target = UpCode(a["targetcode"]);
        e.event = a["eventcode"];
      }
      rec->expected.push_back(std::move(e));
    } else if (line.rfind("<Text>", 0) == 0) {
      std::string content;
      ElementOnLine(line, "Text", &content);
      rec->text = content;
      if (line.find("</Text>") == std::string::npos) mode = Mode::kText;
    } else if (line.rfind("<Parse>", 0) == 0) {
      const std::string rest = raw.substr(raw.find("<Parse>") + 7);
      const size_t end = rest.find("</Parse>");
      const std::string part = std::string(TrimSpace(rest.substr(0, end)));
      if (!part.empty()) rec->conllu += part + "\n";
      if (end == std::string::npos) {
        mode = Mode::kParse;
      } else if (rest.find("</Sentence>") != std::string::npos) {
        rec = nullptr;
      }
    } else if (line.find("</Sentence>") != std::string::npos) {
      rec = nullptr;
    }
  }
  if (rec != nullptr) {
    return InvalidArgumentError(path + ":" + std::to_string(rec->line) +
                                ": <Sentence> without </Sentence>");
  }
#ifdef SITREP_HAVE_TREECONV
  // "&amp;TIETYPE" in <Text> and in the CoNLL-U forms is "&TIETYPE".
  for (UpRecord& r : file.records) {
    r.text = treeconv::DecodeXmlEntities(r.text);
    r.conllu = treeconv::DecodeXmlEntities(r.conllu);
  }
#endif
  return file;
}

int DateOf(const std::string& s) {
  const int d = ParseDictionaryDate(s);
  return d < 0 ? 0 : d;
}

struct Coded {
  std::vector<Triple> events;
  std::string error;
};

}  // namespace

StatusOr<ValidateResult> RunUpValidation(const UpValidateOptions& options, std::ostream& out) {
#ifndef SITREP_HAVE_TREECONV
  (void)out;
  return FailedPreconditionError(
      "the UniversalPetrarch suite needs sitrep::treeconv, which this build does not have");
#else
  ValidateResult result;
  SITREP_ASSIGN_OR_RETURN(UpFile file, ReadUpRecords(options.records_path));
  std::string dict_dir = options.dictionary_dir;
  if (dict_dir.empty()) dict_dir = fs::path(options.records_path).parent_path().string();
  auto path = [&](const std::string& name) { return (fs::path(dict_dir) / name).string(); };
  if (!file.environment.count("Verbfile") || !file.environment.count("Actorfile")) {
    return NotFoundError(options.records_path + ": <Environment> names no Verbfile/Actorfile");
  }
  DictionaryFiles files;
  files.verbs = path(file.environment["Verbfile"]);
  files.actors.push_back(path(file.environment["Actorfile"]));
  if (file.environment.count("Agentfile")) files.agents = path(file.environment["Agentfile"]);
  if (file.environment.count("Discardfile")) {
    files.discards = path(file.environment["Discardfile"]);
  }
  SITREP_ASSIGN_OR_RETURN(std::unique_ptr<Dictionaries> dicts, Dictionaries::Load(files));
  result.warnings = dicts->warnings();
  if (file.environment.count("PICOfile")) {
    result.warnings.push_back(options.records_path + ": <PICOfile> " +
                              file.environment["PICOfile"] +
                              " (CAMEO <-> PETRARCH internal ontology) is not used");
  }
  TreeCoder coder(*dicts);

  std::unique_ptr<Analyzer> own_analyzer;
  const Analyzer* analyzer = options.analyzer;
  if (options.parse == ParseSource::kOurs && analyzer == nullptr) {
    SITREP_ASSIGN_OR_RETURN(own_analyzer, Analyzer::Create({}));
    analyzer = own_analyzer.get();
  }
  std::ofstream report;
  if (!options.report_path.empty()) {
    report.open(options.report_path);
    if (!report) return IoError("cannot write " + options.report_path);
  }

  auto code_record = [&](const UpRecord& r, const CoderConfig& config) {
    Coded c;
    const SentenceCoding::Discard discard = coder.CheckDiscard(r.text);
    if (discard == SentenceCoding::Discard::kStory) {
      c.error = "storydiscard";
      return c;
    }
    if (discard == SentenceCoding::Discard::kSentence) {
      c.error = "sentencediscard";
      return c;
    }
    Document doc;
    if (options.parse == ParseSource::kGiven) {
      StatusOr<Document> given = treeconv::DocumentFromRecordConllu(r.conllu);
      if (!given.ok()) {
        c.error = "bad_input_parse";
        return c;
      }
      doc = std::move(*given);
    } else {
      doc.id = r.id;
      doc.text = r.text;
      Status st = analyzer->Analyze(doc);
      if (!st.ok()) {
        c.error = "analysis: " + st.message();
        return c;
      }
    }
    const int date = DateOf(r.date);
    for (uint32_t s = 0; s < doc.sentences.size(); ++s) {
      StatusOr<PtbTree> tree = ParsePtb(treeconv::ToPtb(doc, s));
      if (!tree.ok()) {
        c.error = "treeconv: " + tree.status().message();
        return c;
      }
      for (const CodedEvent& e : coder.Code(*tree, r.text, date, config).events) {
        c.events.emplace_back(e.source, e.target, e.code);
      }
    }
    return c;
  };

  UpScore score;
  std::set<std::string> reported_options;
  for (const UpRecord& r : file.records) {
    if (!r.evaluate) continue;
    if (!file.include.empty() && !file.include.count(r.category)) continue;
    CoderConfig config;
    for (const auto& [k, v] : r.config) {
      Status st = config.Set(k, v);
      std::string option = k;
      option.append("=").append(v);
      if (!st.ok() && reported_options.insert(option).second) {
        result.warnings.push_back(options.records_path + ":" + std::to_string(r.line) + ": " +
                                  st.message());
      }
    }
    Coded coded = code_record(r, config);
    RecordOutcome outcome = JudgeRecord(r.id, r.expected, coded.events, coded.error);
    (outcome.passed ? result.passed : result.failed)++;

    // UniversalPetrarch's tally.
    ++score.records;
    {
      std::vector<bool> matched(outcome.expected.size(), false);
      int kept = 0, extra = 0, missed = 0;
      for (const auto& [src, tgt, ev] : outcome.coded) {
        if (src.rfind("---", 0) == 0 || tgt.rfind("---", 0) == 0) continue;
        if (ev == "---") {
          ++score.null_coded;
          continue;
        }
        ++kept;
        bool hit = false;
        for (size_t i = 0; i < outcome.expected.size() && !hit; ++i) {
          if (!matched[i] && outcome.expected[i] == Triple(src, tgt, ev)) matched[i] = hit = true;
        }
        (hit ? score.correct : extra)++;
      }
      for (bool m : matched) missed += m ? 0 : 1;
      score.extra += extra;
      score.not_coded += missed;
      if (outcome.expected.empty() && outcome.expected_error.empty() && kept == 0) ++score.correct;
      if (missed == 0 && extra == 0 && coded.error == outcome.expected_error) ++score.exact_records;
    }

    WriteRecordOutcome(outcome, out, report.is_open() ? &report : nullptr);
  }
  out << result.passed << " passed, " << result.failed << " failed\n";
  char line[200];
  std::snprintf(line, sizeof line,
                "UP: %d records, %d correct, %d not coded, %d extra, %d null: TP %.2f%%, FP "
                "%.2f%%; %d records exact without \"---\" actors\n",
                score.records, score.correct, score.not_coded, score.extra, score.null_coded,
                100.0 * score.TruePositiveRate(), 100.0 * score.ExtraPerRecord(),
                score.exact_records);
  out << line;
  if (options.score != nullptr) *options.score = score;
  return result;
#endif
}

}  // namespace sitrep::petrarch
