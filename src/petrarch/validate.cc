#include "petrarch/validate.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "petrarch/coder.h"
#include "petrarch/dictionaries.h"
#include "petrarch/ptb.h"
#include "petrarch/records.h"
#include "pipeline/analyzer.h"
#ifdef SITREP_HAVE_TREECONV
#include "core/strings.h"
#include "treeconv/to_ptb.h"
#endif

namespace sitrep::petrarch {
namespace {

namespace fs = std::filesystem;
using Triple = CodeTriple;

// "CEBU CITY: -- Cordova Mayor ..." : an upper-case place name ending in ':' or
// "--" at the start of the text is a wire-service dateline, not a sentence.
bool LooksLikeDateline(const std::string& text) {
  size_t colon = text.find(':');
  size_t dashes = text.find("--");
  size_t end = std::min(colon, dashes);
  if (end == std::string::npos || end == 0 || end > 40) return false;
  int letters = 0;
  for (size_t i = 0; i < end; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (islower(c)) return false;
    if (isalpha(c)) ++letters;
    if (!isalpha(c) && c != ' ' && c != ',' && c != '.' && c != '-' && c != '\'') return false;
  }
  return letters >= 3;
}

int DateOf(const std::string& s) {
  int d = ParseDictionaryDate(s);
  return d < 0 ? 0 : d;
}

struct Coded {
  std::vector<Triple> events;
  std::string error;  // "", "bad_input_parse", "storydiscard", "sentencediscard", "dateline", other
};

// The record's <Text>, or the words of its <Parse> where <Text> is empty
// (GigaWord.sample.PETR.xml has such records).
std::string TextOf(const Record& r) {
  if (r.text.find_first_not_of(" \t\n") != std::string::npos) return r.text;
  std::string text;
  auto tree = ParsePtb(r.parse);
  if (tree.ok())
    for (int leaf : tree->Leaves()) text += (text.empty() ? "" : " ") + tree->nodes[leaf].word;
  return text;
}

class Runner {
 public:
  Runner(const Dictionaries& d, const ValidateOptions& o, const Analyzer* analyzer)
      : coder_(d), options_(o), analyzer_(analyzer) {}

  Coded CodeRecord(const Record& r, const CoderConfig& config) const {
    Coded out;
    if (LooksLikeDateline(r.text)) {
      out.error = "dateline";
      return out;
    }
    SentenceCoding::Discard discard = coder_.CheckDiscard(r.text);
    if (discard == SentenceCoding::Discard::kStory) {
      out.error = "storydiscard";
      return out;
    }
    if (discard == SentenceCoding::Discard::kSentence) {
      out.error = "sentencediscard";
      return out;
    }
    int date = DateOf(r.date);
    if (options_.parse == ParseSource::kGiven) {
      StatusOr<PtbTree> tree = ParsePtb(r.parse);
      if (!tree.ok()) {
        out.error = "bad_input_parse";
        return out;
      }
      Add(coder_.Code(*tree, {}, date, config), &out);
      return out;
    }
#ifdef SITREP_HAVE_TREECONV
    // Our parse: a malformed <Parse> is still reported, as PETRARCH would.
    if (!ParsePtb(r.parse).ok()) {
      out.error = "bad_input_parse";
      return out;
    }
    Document doc;
    doc.id = r.id;
    doc.text = TextOf(r);  // a record with only a <Parse>: its words
    Status st = analyzer_->Analyze(doc);
    if (!st.ok()) {
      out.error = "analysis: " + st.message();
      return out;
    }
    for (uint32_t s = 0; s < doc.sentences.size(); ++s) {
      StatusOr<PtbTree> tree = ParsePtb(treeconv::ToPtb(doc, s));
      if (!tree.ok()) {
        out.error = "treeconv: " + tree.status().message();
        return out;
      }
      Add(coder_.Code(*tree, {}, date, config), &out);
    }
#endif
    return out;
  }

 private:
  static void Add(const SentenceCoding& c, Coded* out) {
    for (const CodedEvent& e : c.events) out->events.emplace_back(e.source, e.target, e.code);
  }
  TreeCoder coder_;
  const ValidateOptions& options_;
  const Analyzer* analyzer_;
};

}  // namespace

RecordOutcome JudgeRecord(const std::string& id, const std::vector<ExpectedCoding>& expected,
                          std::vector<CodeTriple> coded, const std::string& coded_error) {
  RecordOutcome o;
  o.id = id;
  bool expect_empty = false;
  for (const ExpectedCoding& e : expected) {
    if (e.kind == ExpectedCoding::Kind::kEvent) {
      o.expected.emplace_back(e.source, e.target, e.event);
    } else if (e.kind == ExpectedCoding::Kind::kError) {
      o.expected_error = e.error;
    } else {
      expect_empty = true;
    }
  }
  o.coded = std::move(coded);
  o.coded_error = coded_error;
  std::sort(o.expected.begin(), o.expected.end());
  std::sort(o.coded.begin(), o.coded.end());
  if (expected.empty()) {
    o.passed = true;
  } else if (!o.expected_error.empty()) {
    o.passed = o.coded_error == o.expected_error && o.coded.empty();
  } else if (expect_empty && o.expected.empty()) {
    o.passed = o.coded.empty() && o.coded_error.empty();
  } else {
    o.passed = o.coded_error.empty() && o.expected == o.coded;
  }
  return o;
}

std::string ShowTriples(const std::vector<CodeTriple>& triples) {
  std::string s = "[";
  for (size_t i = 0; i < triples.size(); ++i) {
    const auto& [a, b, c] = triples[i];
    s += i ? ", (" : "(";
    s.append(a).append(" ").append(b).append(" ").append(c).append(")");
  }
  return s + "]";
}

void WriteRecordOutcome(const RecordOutcome& r, std::ostream& out, std::ostream* report) {
  if (!r.passed) {
    out << "FAIL " << r.id << ": expected "
        << (r.expected_error.empty() ? (r.expected.empty() ? "no events" : ShowTriples(r.expected))
                                     : "error " + r.expected_error)
        << ", coded " << (r.coded_error.empty() ? ShowTriples(r.coded) : "error " + r.coded_error)
        << "\n";
  }
  if (report == nullptr) return;
  auto to_json = [](const std::vector<CodeTriple>& v) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& [s, t, e] : v) a.push_back({s, t, e});
    return a;
  };
  nlohmann::json j;
  j["id"] = r.id;
  if (!r.text.empty()) j["text"] = r.text;
  j["expected"] = to_json(r.expected);
  if (!r.expected_error.empty()) j["expected_error"] = r.expected_error;
  j["coded"] = to_json(r.coded);
  j["passed"] = r.passed;
  j["error"] = r.coded_error.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.coded_error);
  *report << j.dump() << "\n";
}

StatusOr<ValidateResult> RunValidation(const ValidateOptions& options, std::ostream& out) {
  ValidateResult result;
  SITREP_ASSIGN_OR_RETURN(RecordsFile file, ReadRecordsFile(options.records_path));
  std::string dict_dir = options.dictionary_dir;
  if (dict_dir.empty()) {
    dict_dir = (fs::path(options.records_path).parent_path() / ".." / "dictionaries").string();
  }
  DictionaryFiles files;
  if (file.environment.count("Verbfile") && file.environment.count("Actorfile")) {
    auto path = [&](const std::string& name) { return (fs::path(dict_dir) / name).string(); };
    files.verbs = path(file.environment["Verbfile"]);
    std::string actors = file.environment["Actorfile"];
    size_t b = 0;
    while (b <= actors.size()) {
      size_t e = actors.find(',', b);
      if (e == std::string::npos) e = actors.size();
      std::string name = actors.substr(b, e - b);
      name.erase(0, name.find_first_not_of(" \t"));
      name.erase(name.find_last_not_of(" \t") + 1);
      if (!name.empty()) files.actors.push_back(path(name));
      b = e + 1;
    }
    if (file.environment.count("Agentfile")) files.agents = path(file.environment["Agentfile"]);
    if (file.environment.count("Discardfile"))
      files.discards = path(file.environment["Discardfile"]);
    if (file.environment.count("Issuefile")) files.issues = path(file.environment["Issuefile"]);
  } else {
    SITREP_ASSIGN_OR_RETURN(files, FindDictionaryFiles(dict_dir));
  }
  SITREP_ASSIGN_OR_RETURN(std::unique_ptr<Dictionaries> dicts, Dictionaries::Load(files));
  result.warnings = dicts->warnings();

  std::unique_ptr<Analyzer> own_analyzer;
  const Analyzer* analyzer = options.analyzer;
  if (options.parse == ParseSource::kOurs) {
#ifndef SITREP_HAVE_TREECONV
    return FailedPreconditionError(
        "coding our own parse needs sitrep::treeconv, which this build does not have");
#else
    if (analyzer == nullptr) {
      SITREP_ASSIGN_OR_RETURN(own_analyzer, Analyzer::Create({}));
      analyzer = own_analyzer.get();
    }
#endif
  }
  std::ofstream report;
  if (!options.report_path.empty()) {
    report.open(options.report_path);
    if (!report) return IoError("cannot write " + options.report_path);
  }
  Runner runner(*dicts, options, analyzer);
  std::set<std::string> reported_options;
  for (const Record& r : file.records) {
    if (!r.sentence) continue;
    CoderConfig config;
    for (const auto& [k, v] : r.config) {
      Status st = config.Set(k, v);
      if (!st.ok() && reported_options.insert(StrCat({k, "=", v})).second)
        result.warnings.push_back(
            StrCat({options.records_path, ":", std::to_string(r.line), ": ", st.message()}));
    }
    Coded coded = runner.CodeRecord(r, config);
    RecordOutcome outcome = JudgeRecord(r.id, r.expected, coded.events, coded.error);
    (outcome.passed ? result.passed : result.failed)++;
    outcome.text = TextOf(r);
    WriteRecordOutcome(outcome, out, report.is_open() ? &report : nullptr);
  }
  out << result.passed << " passed, " << result.failed << " failed\n";
  return result;
}

// ---------------------------------------------------------------- EventCoder

namespace {

class PetrarchEventCoder : public EventCoder {
 public:
  PetrarchEventCoder(std::unique_ptr<Dictionaries> dicts, CoderConfig config)
      : dicts_(std::move(dicts)), coder_(*dicts_), config_(config) {}

  Status Code(Document& doc) const override {
    doc.mentions.clear();
    doc.events.clear();
#ifndef SITREP_HAVE_TREECONV
    return FailedPreconditionError("the PETRARCH2 coder needs sitrep::treeconv");
#else
    int date = 0;
    if (doc.date.size() >= 10) {
      std::string d = doc.date.substr(0, 4) + doc.date.substr(5, 2) + doc.date.substr(8, 2);
      date = DateOf(d);
    }
    for (uint32_t s = 0; s < doc.sentences.size(); ++s) {
      const Sentence& sent = doc.sentences[s];
      StatusOr<PtbTree> tree = ParsePtb(treeconv::ToPtb(doc, s));
      if (!tree.ok()) {
        doc.Warn(sent.begin, "petrarch2: " + tree.status().message());
        continue;
      }
      if (tree->Leaves().size() != sent.size()) {
        doc.Warn(sent.begin, "petrarch2: tree leaves do not match the sentence's tokens");
        continue;
      }
      SentenceCoding c = coder_.Code(*tree, doc.Slice(sent.begin, sent.end), date, config_);
      for (const CodedEvent& e : c.events) {
        auto add_mention = [&](const std::string& code, const std::vector<int>& leaves) -> int32_t {
          if (code == "---" && leaves.empty()) return -1;
          ActorMention m;
          m.sentence = s;
          if (leaves.size() == 2) {
            m.token_begin = sent.token_begin + leaves[0];
            m.token_end = sent.token_begin + leaves[1] + 1;
            m.head = m.token_end - 1;
          } else {
            m.token_begin = m.token_end = m.head = sent.token_begin;
          }
          m.code = code == "---" ? "" : code;
          // "SYRMIL": country SYR, sector MIL; "---GOV": sector only; "IGOUNO",
          // "NGO...", "IMG...": organisations without a country.
          static const char* kNoCountry[] = {"---", "IGO", "NGO", "IMG",
                                             "MNC", "NGM", "UIS", "INT"};
          std::string prefix = code.substr(0, 3);
          bool country = code.size() >= 3 && code[0] != '"';
          for (const char* k : kNoCountry) country = country && prefix != k;
          if (country) m.country = prefix;
          if (code.size() >= 6 && code[0] != '"') m.sector = code.substr(3, 3);
          if (code.empty() || code[0] == '"') {
            m.kind = ActorMention::Kind::kUnknown;
          } else if (prefix == "---") {
            m.kind = ActorMention::Kind::kAgent;
          } else if (country && code.size() == 3) {
            m.kind = ActorMention::Kind::kCountry;
          } else {
            m.kind = ActorMention::Kind::kNamed;
          }
          doc.mentions.push_back(std::move(m));
          return static_cast<int32_t>(doc.mentions.size()) - 1;
        };
        Event ev;
        ev.sentence = s;
        ev.trigger_begin = sent.token_begin + e.verb_leaf;
        ev.trigger_end = ev.trigger_begin + 1;
        ev.trigger_head = ev.trigger_begin;
        ev.cameo = e.code;
        ev.source = add_mention(e.source, e.source_leaves);
        ev.target = add_mention(e.target, e.target_leaves);
        ev.issues = e.issues;
        ev.negated = e.negated;
        ev.confidence = 0.5f;
        doc.events.push_back(std::move(ev));
      }
    }
    return OkStatus();
#endif
  }
  std::string_view name() const override { return "petrarch2"; }
  std::vector<std::string> warnings() const override { return dicts_->warnings(); }

 private:
  std::unique_ptr<Dictionaries> dicts_;
  TreeCoder coder_;
  CoderConfig config_;
};

}  // namespace

StatusOr<std::unique_ptr<EventCoder>> CreateCoder(const CoderOptions& options) {
  SITREP_ASSIGN_OR_RETURN(DictionaryFiles files, FindDictionaryFiles(options.dictionary_dir));
  CoderConfig config;
  std::vector<std::string> extra;
  for (const auto& [k, v] : files.options) {
    Status st = config.Set(k, v);
    if (!st.ok()) files.warnings.push_back("PETR_config.ini: " + st.message());
  }
  SITREP_ASSIGN_OR_RETURN(std::unique_ptr<Dictionaries> dicts, Dictionaries::Load(files));
  return std::unique_ptr<EventCoder>(new PetrarchEventCoder(std::move(dicts), config));
}

}  // namespace sitrep::petrarch
