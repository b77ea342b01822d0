#include "tabari/project.h"
#include "core/strings.h"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace sitrep::tabari {
namespace {

std::string Upper(std::string_view s) {
  std::string o(s);
  for (char& c : o) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return o;
}

// "TRUE"/"T" -> true, "FALSE"/"F" -> false; anything else -> error.
bool ParseBool(std::string_view v, bool* out) {
  std::string u = Upper(TrimSpace(v));
  if (u.empty()) return false;
  if (u[0] == 'T') {
    *out = true;
    return true;
  }
  if (u[0] == 'F') {
    *out = false;
    return true;
  }
  return false;
}

bool ParseInt(std::string_view v, int* out) {
  std::string s(TrimSpace(v));
  if (s.empty() || s.size() > 9) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  *out = std::stoi(s);
  return true;
}

// "[DEFSRC]" after keyword `key` in `s`; empty if absent.
std::string BracketAfter(const std::string& s, const std::string& key) {
  size_t k = s.find(key);
  if (k == std::string::npos) return "";
  size_t b = s.find('[', k), e = s.find(']', b == std::string::npos ? k : b);
  if (b == std::string::npos || e == std::string::npos) return "";
  return std::string(TrimSpace(std::string_view(s).substr(b + 1, e - b - 1)));
}

bool ApplySet(const std::string& body, Options* o, std::string* error) {
  std::string name, value;
  size_t eq = body.find('=');
  name = std::string(TrimSpace(std::string_view(body).substr(0, eq)));
  if (eq != std::string::npos)
    value = std::string(TrimSpace(std::string_view(body).substr(eq + 1)));
  std::string compact;
  for (char c : name)
    if (c != ' ') compact += c;
  bool b = false;
  if (compact == "CODEBYCLAUSE") {
    o->code_by = Options::CodeBy::kClause;
  } else if (compact == "CODEBYSENTENCE") {
    o->code_by = Options::CodeBy::kSentence;
  } else if (compact == "CODEALL" || compact == "CODEBYALL") {
    o->code_by = Options::CodeBy::kAll;
  } else if (compact == "MINIMUMWORDS") {
    int n;
    if (!ParseInt(value, &n)) {
      *error = "SET: MINIMUM WORDS needs a number";
      return false;
    }
    o->min_words = n;
  } else if (compact == "CONVERTAGENT" || compact == "CONVERTAGENTS") {
    if (!ParseBool(value, &b)) return *error = "SET: " + name + " needs TRUE or FALSE", false;
    o->convert_agents = b;
  } else if (compact == "TIMESHIFT" || compact == "TIMESHIFTING") {
    if (!ParseBool(value, &b)) return *error = "SET: " + name + " needs TRUE or FALSE", false;
    o->time_shift = b;
  } else if (compact == "YYYY") {
    if (!ParseBool(value, &b)) return *error = "SET: YYYY needs TRUE or FALSE", false;
    o->yyyy = b;
  } else if (compact == "FBIS") {
    if (!ParseBool(value, &b)) return *error = "SET: FBIS needs TRUE or FALSE", false;
    o->fbis = b;
  } else if (compact == "LABEL" || compact == "ACTORUSAGE" || compact == "AGENTUSAGE" ||
             compact == "VERBUSAGE" || compact == "DUPWARNING" || compact == "SKIPRECORDS" ||
             compact == "HAIKU" || compact == "MATCH" || compact == "ALLCAPS" ||
             compact == "CHECKDOMINANT" || compact == "CODENONRESTRICTIVE") {
    // Output and user-interface switches: no effect on coding.
  } else {
    *error = "unknown SET parameter \"" + name + "\"";
    return false;
  }
  return true;
}

bool ApplyComplex(const std::string& body, Options* o, std::string* error) {
  Options fresh = *o;
  fresh.complex_verbs = fresh.complex_actors = fresh.complex_pronouns = fresh.complex_conj = 0;
  fresh.complex_comma = fresh.complex_lateverb = 0;
  fresh.no_act_prior = fresh.no_act_after = fresh.no_verb = false;
  fresh.no_source = fresh.no_target = fresh.no_event = false;
  std::istringstream ss(body);
  std::string tok;
  while (ss >> tok) {
    size_t b = tok.find('[');
    if (b != std::string::npos) {
      size_t e = tok.find(']', b);
      int n = 0;
      if (e == std::string::npos || !ParseInt(tok.substr(b + 1, e - b - 1), &n)) {
        *error = "COMPLEX: bad count in " + tok;
        return false;
      }
      std::string key = tok.substr(0, b);
      if (key == "VERBS")
        fresh.complex_verbs = n;
      else if (key == "ACTORS")
        fresh.complex_actors = n;
      else if (key == "PRONOUNS")
        fresh.complex_pronouns = n;
      else if (key == "CONJ")
        fresh.complex_conj = n;
      else if (key == "COMMA")
        fresh.complex_comma = n;
      else if (key == "LATEVERB")
        fresh.complex_lateverb = n;
      else
        return *error = "COMPLEX: unknown condition " + key, false;
    } else if (tok == "NOACTPRIOR")
      fresh.no_act_prior = true;
    else if (tok == "NOACTAFTER")
      fresh.no_act_after = true;
    else if (tok == "NOVERB")
      fresh.no_verb = true;
    else if (tok == "NOSOURCE")
      fresh.no_source = true;
    else if (tok == "NOTARGET")
      fresh.no_target = true;
    else if (tok == "NOEVENT")
      fresh.no_event = true;
    else if (tok == "EXPLAIN" || tok == "NOSAVE") {
    } else {
      *error = "COMPLEX: unknown condition " + tok;
      return false;
    }
  }
  *o = fresh;
  return true;
}

bool ApplyComma(const std::string& body, Options* o, std::string* error) {
  if (TrimSpace(body) == "OFF") {
    o->comma_on = false;
    return true;
  }
  std::string s;
  for (char c : body) s += (c == '=') ? ' ' : c;
  std::istringstream ss(s);
  std::string key, val;
  Options n = *o;
  while (ss >> key) {
    int v;
    if (!(ss >> val) || !ParseInt(val, &v)) return *error = "COMMA: bad value for " + key, false;
    if (key == "MIN")
      n.comma_min = v;
    else if (key == "MAX")
      n.comma_max = v;
    else if (key == "EMIN")
      n.comma_emin = v;
    else if (key == "EMAX")
      n.comma_emax = v;
    else if (key == "BMIN")
      n.comma_bmin = v;
    else if (key == "BMAX")
      n.comma_bmax = v;
    else
      return *error = "COMMA: unknown parameter " + key, false;
  }
  n.comma_on = true;
  *o = n;
  return true;
}

}  // namespace

bool ApplyOptionLine(std::string_view raw, Options* o, std::string* error) {
  std::string_view line = TrimSpace(raw);
  if (line.empty() || line.rfind("//", 0) == 0 || line.rfind("~~", 0) == 0 || line[0] == '#')
    return true;
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) {
    *error = "not an option command: \"" + std::string(line) + "\"";
    return false;
  }
  std::string cmd = Upper(TrimSpace(line.substr(0, colon)));
  std::string body = Upper(TrimSpace(line.substr(colon + 1)));
  std::string head = cmd.substr(0, 4);
  if (head == "SET") return ApplySet(body, o, error);
  if (head == "COMP") return ApplyComplex(body, o, error);
  if (head == "COMM") return ApplyComma(body, o, error);
  if (head == "LABE" || head == "OUTP" || head == "NONE" || head == "ISSU") return true;
  if (head == "FORW") {
    std::istringstream ss(body);
    std::string fmt, tok;
    ss >> fmt;
    bool off = false;
    while (ss >> tok)
      if (tok == "OFF") off = true;
    o->forward = !off && !fmt.empty();
    o->forward_format = fmt;
    return true;
  }
  if (head == "DEFA") {
    if (TrimSpace(body) == "OFF") {
      o->default_source.clear();
      o->default_target.clear();
      o->default_prior = o->default_after = false;
      return true;
    }
    std::string src = BracketAfter(body, "SOURCE"), tgt = BracketAfter(body, "TARGET");
    if (src.empty() && tgt.empty()) {
      *error = "DEFAULT: needs SOURCE [code] and/or TARGET [code]";
      return false;
    }
    if (!src.empty()) o->default_source = src;
    if (!tgt.empty()) o->default_target = tgt;
    size_t t = body.find("TARGET");
    std::string before_target = body.substr(0, t),
                after_target = t == std::string::npos ? "" : body.substr(t);
    if (before_target.find("PRIOR") != std::string::npos) o->default_prior = true;
    if (after_target.find("AFTER") != std::string::npos) o->default_after = true;
    return true;
  }
  *error = "unknown option command \"" + cmd + ":\"";
  return false;
}

Status ReadOptionsFile(const std::string& path, Options* options,
                       std::vector<std::string>* warnings) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("cannot open " + path);
  std::string line;
  int ln = 0;
  while (std::getline(in, line)) {
    ++ln;
    if (TrimSpace(line).rfind("~~", 0) == 0) break;
    std::string error;
    if (!ApplyOptionLine(line, options, &error))
      warnings->push_back(path + ":" + std::to_string(ln) + ": " += error);
  }
  return OkStatus();
}

int32_t RecordDate(std::string_view digits, bool yyyy) {
  size_t n = yyyy ? 8 : 6;
  if (digits.size() < n) return 0;
  int32_t d = ParseTabariDate(digits.substr(0, n));
  return d < 0 ? 0 : d;
}

std::vector<TextRecord> ParseTextRecords(std::string_view content) {
  std::vector<TextRecord> out;
  std::vector<std::string_view> lines;
  size_t p = 0;
  while (p <= content.size()) {
    size_t e = content.find('\n', p);
    if (e == std::string_view::npos) e = content.size();
    std::string_view l = content.substr(p, e - p);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    lines.push_back(l);
    if (e == content.size()) break;
    p = e + 1;
  }
  TextRecord* cur = nullptr;
  bool in_comment = false, text_done = true, prev_blank = true;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view l = lines[i];
    bool blank = TrimSpace(l).empty();
    // A header is a line starting with a digit after a blank line (a digit at
    // the start of a continuation line, "12-year break", is text).
    if (prev_blank && !l.empty() && std::isdigit(static_cast<unsigned char>(l[0]))) {
      out.emplace_back();
      cur = &out.back();
      cur->line = static_cast<int>(i) + 1;
      size_t d = 0;
      while (d < l.size() && std::isdigit(static_cast<unsigned char>(l[d]))) ++d;
      cur->date_text = std::string(l.substr(0, d));
      cur->date = RecordDate(cur->date_text, cur->date_text.size() == 8);
      std::string_view rest = l.substr(d);
      while (!rest.empty() && (rest[0] == '*' || rest[0] == ' ' || rest[0] == '\t'))
        rest.remove_prefix(1);
      cur->id = std::string(TrimSpace(rest));
      text_done = false;
      in_comment = false;
      prev_blank = false;
      continue;
    }
    prev_blank = blank;
    if (!cur) continue;
    if (in_comment) {
      // Everything after "/*" up to the end of the record is comment (some
      // records close it early or not at all; their blocks still count).
      cur->comment += std::string(l);
      cur->comment += '\n';
      continue;
    }
    size_t b = l.find("/*");
    if (!text_done) {
      std::string_view t = l.substr(0, b);
      if (!TrimSpace(t).empty()) {
        if (!cur->text.empty()) cur->text += ' ';
        cur->text += std::string(TrimSpace(t));
      }
    }
    if (b != std::string_view::npos) {
      in_comment = true;
      text_done = true;
      cur->comment += std::string(l.substr(b + 2));
      cur->comment += '\n';
    } else if (blank) {
      text_done = true;
    }
  }
  return out;
}

StatusOr<std::vector<TextRecord>> ReadTextRecords(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("cannot open " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ParseTextRecords(ss.str());
}

StatusOr<std::unique_ptr<Project>> Project::FromFiles(const std::vector<std::string>& actors,
                                                      const std::vector<std::string>& agents,
                                                      const std::vector<std::string>& verbs,
                                                      const std::string& options) {
  std::unique_ptr<Project> p(new Project());
  for (const auto& f : actors) SITREP_RETURN_IF_ERROR(p->actors_.Read(f, false));
  for (const auto& f : agents) SITREP_RETURN_IF_ERROR(p->agents_.Read(f, true));
  for (const auto& f : verbs) SITREP_RETURN_IF_ERROR(p->verbs_.Read(f));
  p->actors_.Finish();
  p->agents_.Finish();
  p->verbs_.Finish();
  p->options_.time_shift = p->verbs_.has_time();
  if (!options.empty())
    SITREP_RETURN_IF_ERROR(ReadOptionsFile(options, &p->options_, &p->warnings_));
  for (const auto* w : {&p->actors_.warnings(), &p->agents_.warnings(), &p->verbs_.warnings()})
    p->warnings_.insert(p->warnings_.end(), w->begin(), w->end());
  return p;
}

StatusOr<std::unique_ptr<Project>> Project::Load(const std::string& project_path) {
  std::ifstream in(project_path, std::ios::binary);
  if (!in) return NotFoundError("cannot open TABARI project " + project_path);
  std::filesystem::path dir = std::filesystem::path(project_path).parent_path();
  std::vector<std::string> actors, agents, verbs, texts;
  std::string options;
  std::string line;
  while (std::getline(in, line)) {
    std::string_view l = TrimSpace(line);
    if (l.empty() || l[0] != '<') continue;
    size_t e = l.find('>');
    if (e == std::string_view::npos) continue;
    std::string tag = Upper(l.substr(1, e - 1));
    std::string value(TrimSpace(l.substr(e + 1)));
    if (value.empty()) continue;
    std::string path = (dir / value).string();
    if (tag == "ACTORSFILE")
      actors.push_back(path);
    else if (tag == "AGENTSFILE")
      agents.push_back(path);
    else if (tag == "VERBSFILE")
      verbs.push_back(path);
    else if (tag == "OPTIONSFILE")
      options = path;
    else if (tag == "TEXTFILE")
      texts.push_back(path);
  }
  if (actors.empty()) return InvalidArgumentError(project_path + ": no <actorsfile>");
  if (verbs.empty()) return InvalidArgumentError(project_path + ": no <verbsfile>");
  SITREP_ASSIGN_OR_RETURN(auto p, FromFiles(actors, agents, verbs, options));
  p->text_files_ = texts;
  return p;
}

}  // namespace sitrep::tabari
