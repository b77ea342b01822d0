#include "tabari/validate.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <tuple>

#include "core/strings.h"
#include "tabari/coder.h"
#include "tabari/project.h"

namespace sitrep::tabari {
namespace {

using Tuple = std::tuple<std::string, std::string, std::string>;

struct Expected {
  std::vector<Tuple> tuples;
  std::string special;   // "---", "###", "+++" or empty
  bool partial = false;  // "-{" seen
  std::vector<std::string> option_lines;
  bool any_block() const { return !tuples.empty() || !special.empty() || partial; }
};

Expected ParseExpected(const std::string& comment) {
  Expected ex;
  size_t p = 0;
  while ((p = comment.find('{', p)) != std::string::npos) {
    bool dash = p > 0 && comment[p - 1] == '-';
    size_t e = comment.find('}', p);
    std::string inner =
        comment.substr(p + 1, e == std::string::npos ? std::string::npos : e - p - 1);
    p = e == std::string::npos ? comment.size() : e + 1;
    size_t close = inner.find("*/");
    if (close != std::string::npos) inner.resize(close);
    std::string t = std::string(TrimSpace(inner));
    std::string upper = t;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (upper.rfind("OPTION:", 0) == 0) {
      ex.option_lines.push_back(std::string(TrimSpace(t.substr(7))));
      continue;
    }
    if (dash) {
      ex.partial = true;
      break;
    }
    std::string compact;
    for (char c : t)
      if (!std::isspace(static_cast<unsigned char>(c))) compact += c;
    if (compact == "---" || compact == "###" || compact == "+++") {
      if (ex.special.empty()) ex.special = compact;
      continue;
    }
    std::vector<std::string> parts;
    size_t q = 0;
    while (true) {
      size_t s = t.find('/', q);
      parts.push_back(
          std::string(TrimSpace(t.substr(q, s == std::string::npos ? std::string::npos : s - q))));
      if (s == std::string::npos) break;
      q = s + 1;
    }
    if (parts.size() == 3) ex.tuples.emplace_back(parts[0], parts[1], parts[2]);
  }
  return ex;
}

// Story and sentence numbers of a record id under a FORWARD: format
// ("^^*****NNN*SSS": ^ leading blanks, * any, N story, S sentence).
void StoryAndSentence(const std::string& fmt, const std::string& id, std::string* story,
                      int* sentence) {
  std::string f;
  for (char c : fmt)
    if (c != '^') f += c;
  std::string s;
  story->clear();
  for (size_t k = 0; k < f.size() && k < id.size(); ++k) {
    if (f[k] == 'N') *story += id[k];
    if (f[k] == 'S') s += id[k];
  }
  *sentence = 0;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) {
      *sentence = 0;
      return;
    }
    *sentence = *sentence * 10 + (c - '0');
  }
}

std::string TuplesText(const std::vector<Tuple>& v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) s += ", ";
    s += std::get<0>(v[i]) + "/" + std::get<1>(v[i]) + "/" + std::get<2>(v[i]);
  }
  return s + "]";
}

nlohmann::json TuplesJson(const std::vector<Tuple>& v) {
  nlohmann::json a = nlohmann::json::array();
  for (const Tuple& t : v) a.push_back({std::get<0>(t), std::get<1>(t), std::get<2>(t)});
  return a;
}

class TabariEventCoder : public EventCoder {
 public:
  explicit TabariEventCoder(std::unique_ptr<Project> project)
      : project_(std::move(project)), coder_(*project_) {}

  std::string_view name() const override { return "tabari"; }

  Status Code(Document& doc) const override {
    doc.mentions.clear();
    doc.events.clear();
    int32_t date = 0;
    if (doc.date.size() == 10) {
      std::string d = doc.date.substr(0, 4) + doc.date.substr(5, 2) + doc.date.substr(8, 2);
      date = ParseTabariDate(d);
      if (date < 0) date = 0;
    }
    for (size_t si = 0; si < doc.sentences.size(); ++si) {
      const Sentence& s = doc.sentences[si];
      if (s.end > doc.text.size() || s.begin > s.end) continue;
      SentenceResult r = coder_.Code(doc.Slice(s.begin, s.end), date, project_->options());
      if (r.status == SentenceStatus::kComplex || r.status == SentenceStatus::kDiscard)
        doc.Warn(s.begin, std::string("tabari: sentence ") + SentenceStatusName(r.status) +
                              (r.reason.empty() ? "" : ": " + r.reason));
      auto token_range = [&](int32_t b, int32_t e, uint32_t* tb, uint32_t* te) {
        *tb = *te = 0;
        bool any = false;
        for (uint32_t t = s.token_begin; t < s.token_end && t < doc.tokens.size(); ++t) {
          uint32_t ab = doc.tokens[t].begin - s.begin, ae = doc.tokens[t].end - s.begin;
          if (static_cast<int64_t>(ae) <= b || static_cast<int64_t>(ab) >= e) continue;
          if (!any) *tb = t;
          *te = t + 1;
          any = true;
        }
        return any;
      };
      for (const CodedEvent& ce : r.events) {
        Event ev;
        ev.sentence = static_cast<uint32_t>(si);
        uint32_t tb, te;
        if (token_range(ce.verb_begin, ce.verb_end, &tb, &te)) {
          ev.trigger_begin = tb;
          ev.trigger_end = te;
          ev.trigger_head = tb;
        } else {
          ev.trigger_begin = ev.trigger_end = ev.trigger_head = s.token_begin;
        }
        ev.cameo = ce.code;
        ev.confidence = 1.0f;
        auto add_mention = [&](const std::string& code, int32_t b, int32_t e) {
          ActorMention m;
          m.sentence = static_cast<uint32_t>(si);
          uint32_t mb, me;
          if (b >= 0 && token_range(b, e, &mb, &me)) {
            m.token_begin = mb;
            m.token_end = me;
            m.head = me - 1;
          } else {
            m.token_begin = m.token_end = m.head = ev.trigger_begin;
          }
          m.kind = ActorMention::Kind::kNamed;
          m.code = code;
          doc.mentions.push_back(std::move(m));
          return static_cast<int32_t>(doc.mentions.size() - 1);
        };
        ev.source = add_mention(ce.source, ce.source_begin, ce.source_end);
        ev.target = add_mention(ce.target, ce.target_begin, ce.target_end);
        doc.events.push_back(std::move(ev));
      }
    }
    return OkStatus();
  }

 private:
  std::unique_ptr<Project> project_;
  SentenceCoder coder_;
};

}  // namespace

StatusOr<std::unique_ptr<EventCoder>> CreateCoder(const CoderOptions& options) {
  SITREP_ASSIGN_OR_RETURN(auto project, Project::Load(options.project_path));
  return std::unique_ptr<EventCoder>(new TabariEventCoder(std::move(project)));
}

StatusOr<ValidateResult> RunValidation(const ValidateOptions& vo, std::ostream& out) {
  SITREP_ASSIGN_OR_RETURN(auto project, Project::Load(vo.project_path));
  ValidateResult result;
  result.warnings = project->warnings();
  if (project->text_files().empty())
    return InvalidArgumentError(vo.project_path + ": no <textfile>");
  std::ofstream report;
  if (!vo.report_path.empty()) {
    report.open(vo.report_path);
    if (!report) return IoError("cannot write " + vo.report_path);
  }
  SentenceCoder coder(*project);
  for (const std::string& file : project->text_files()) {
    SITREP_ASSIGN_OR_RETURN(std::vector<TextRecord> records, ReadTextRecords(file));
    Options options = project->options();
    ForwardState forward;
    std::string prev_story;
    int prev_sentence = -10;
    for (const TextRecord& rec : records) {
      if (rec.id.rfind("FINAL", 0) == 0) break;
      Expected ex = ParseExpected(rec.comment);
      for (const std::string& line : ex.option_lines) {
        std::string error;
        if (!ApplyOptionLine(line, &options, &error))
          result.warnings.push_back(file + ":" + std::to_string(rec.line) + ": " += error);
      }
      if (!ex.any_block()) continue;  // option-only or comment record
      // FORWARD: pronouns may refer to the previous record of the same story
      // (story number equal, sentence number one more); the state is always
      // passed so that this record's first actor is kept for the next one.
      ForwardState* fwd = nullptr;
      if (options.forward) {
        std::string story;
        int sentence = 0;
        StoryAndSentence(options.forward_format, rec.id, &story, &sentence);
        if (story != prev_story || sentence != prev_sentence + 1) forward.valid = false;
        fwd = &forward;
        prev_story = story;
        prev_sentence = sentence;
      }
      int32_t date = RecordDate(rec.date_text, options.yyyy);
      std::string error;
      if (date == 0) error = "invalid date \"" + rec.date_text + "\"";
      SentenceResult r = coder.Code(rec.text, date, options, fwd);
      std::vector<Tuple> coded;
      for (const CodedEvent& e : r.events) coded.emplace_back(e.source, e.target, e.code);
      std::vector<Tuple> exp = ex.tuples;
      std::vector<Tuple> cs = coded;
      std::sort(exp.begin(), exp.end());
      std::sort(cs.begin(), cs.end());
      bool pass = false;
      std::string outcome;
      switch (r.status) {
        case SentenceStatus::kComplex:
          outcome = "+++";
          break;
        case SentenceStatus::kDiscard:
          outcome = "###";
          break;
        case SentenceStatus::kNoEvents:
        case SentenceStatus::kTooShort:
          outcome = "---";
          break;
        case SentenceStatus::kCoded:
          break;
      }
      if (!ex.special.empty() && ex.special == outcome) {
        pass = true;
      } else if (ex.partial) {
        pass = std::includes(cs.begin(), cs.end(), exp.begin(), exp.end()) &&
               (ex.special.empty() || ex.special == outcome);
      } else if (!exp.empty()) {
        pass = exp == cs;
      }
      if (pass) {
        ++result.passed;
      } else {
        ++result.failed;
        out << "FAIL " << rec.id << ": expected "
            << (ex.special.empty() ? "" : "{" + ex.special + "} ") << TuplesText(exp) << " coded "
            << TuplesText(cs) << " (" << SentenceStatusName(r.status)
            << (r.reason.empty() ? "" : ": " + r.reason) << ")\n";
      }
      if (report) {
        nlohmann::json j;
        j["id"] = rec.id;
        j["expected"] = TuplesJson(exp);
        if (!ex.special.empty()) j["expected_special"] = ex.special;
        j["coded"] = TuplesJson(cs);
        j["status"] = SentenceStatusName(r.status);
        j["passed"] = pass;
        if (error.empty())
          j["error"] = nullptr;
        else
          j["error"] = error;
        report << j.dump() << "\n";
      }
    }
  }
  out << result.passed << " passed, " << result.failed << " failed\n";
  if (report && !report.good()) return IoError("error writing " + vo.report_path);
  return result;
}

}  // namespace sitrep::tabari
