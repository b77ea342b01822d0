#include "petrarch/gsr.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include <unistd.h>

namespace sitrep::petrarch {
namespace {

using Triple = std::vector<std::string>;

std::string NormId(std::string id) {
  for (char& c : id)
    if (c == '_') c = '-';
  return id;
}

// "Israel said a mortar..." -> "israelsaidamortar..."
std::string WordsKey(const std::string& text) {
  std::string k;
  for (unsigned char c : text)
    if (std::isalnum(c)) k += static_cast<char>(std::tolower(c));
  return k;
}

std::string Show(const std::vector<Triple>& v) {
  std::string s;
  for (const Triple& t : v) s += " (" + t[0] + " " + t[1] + " " + t[2] + ")";
  return s;
}

struct Gold {
  std::string id, text, parse_words;
  std::vector<Triple> events;
};

// The GSR file is read line by line (it is not well-formed XML: '#' comment
// lines, self-closed <Sentence .../> followed by its content).
std::vector<Gold> ReadGold(std::istream& in) {
  std::vector<Gold> gold;
  std::string line;
  enum { kOut, kText, kParse } where = kOut;
  const std::regex id_re("<Sentence .*id=\"([^\"]+)\"");
  const std::regex attr_re("(\\w+)=\"([^\"]*)\"");
  while (std::getline(in, line)) {
    std::smatch m;
    if (line.rfind("<Sentence", 0) == 0 && std::regex_search(line, m, id_re)) {
      gold.push_back({NormId(m[1]), "", "", {}});
      where = kOut;
      continue;
    }
    if (gold.empty()) continue;
    Gold& g = gold.back();
    if (line.rfind("<Text>", 0) == 0) {
      where = kText;
    } else if (line.rfind("</Text>", 0) == 0 || line.find("</Parse>") != std::string::npos) {
      where = kOut;
    } else if (line.rfind("<Parse>", 0) == 0) {
      where = kParse;
    } else if (where == kText) {
      g.text += line + " ";
    } else if (where == kParse) {
      size_t tab = line.find('\t');  // CoNLL-U: the FORM column
      if (tab != std::string::npos)
        g.parse_words += line.substr(tab + 1, line.find('\t', tab + 1) - tab - 1) + " ";
    } else if (line.rfind("<EventCoding", 0) == 0 && line.find("noevents") == std::string::npos) {
      std::map<std::string, std::string> a;
      for (auto it = std::sregex_iterator(line.begin(), line.end(), attr_re);
           it != std::sregex_iterator(); ++it)
        a[(*it)[1]] = (*it)[2];
      g.events.push_back({a["sourcecode"], a["targetcode"], a["eventcode"]});
    }
  }
  return gold;
}

}  // namespace

StatusOr<GsrComparison> CompareWithGsr(const std::string& gsr_path, ValidateOptions options) {
  std::ifstream in(gsr_path);
  if (!in) return NotFoundError("cannot read " + gsr_path);
  std::vector<Gold> gold = ReadGold(in);
  std::string report = (std::filesystem::temp_directory_path() /
                        ("petrarch_gsr_report_" + std::to_string(::getpid()) + ".jsonl"))
                           .string();
  options.report_path = report;
  std::ostringstream ignore;
  SITREP_ASSIGN_OR_RETURN(ValidateResult r, RunValidation(options, ignore));
  (void)r;
  std::map<std::string, std::vector<Triple>> by_words, by_id;
  {
    std::ifstream rep(report);
    std::string line;
    while (std::getline(rep, line)) {
      auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
      if (j.is_discarded() || !j.contains("text") || !j.contains("coded")) continue;
      std::vector<Triple> coded;
      for (const auto& t : j["coded"]) coded.push_back(t.get<Triple>());
      std::sort(coded.begin(), coded.end());
      by_words.emplace(WordsKey(j["text"].get<std::string>()), coded);
      by_id.emplace(NormId(j["id"].get<std::string>()), coded);
    }
  }
  std::filesystem::remove(report);
  GsrComparison c;
  c.gold_records = static_cast<int>(gold.size());
  for (Gold& g : gold) {
    std::sort(g.events.begin(), g.events.end());
    if (auto it = by_id.find(g.id); it != by_id.end()) {
      ++c.compared_by_id;
      c.same_by_id += it->second == g.events;
    }
    bool no_text = g.text.find_first_not_of(" \t") == std::string::npos;
    auto it = by_words.find(WordsKey(no_text ? g.parse_words : g.text));
    if (it == by_words.end()) {
      c.not_found.push_back(g.id);
      continue;
    }
    ++c.compared;
    if (it->second == g.events)
      ++c.same;
    else
      c.differences.push_back(g.id + ": PETRARCH2" + Show(g.events) + " | ours" + Show(it->second));
  }
  return c;
}

}  // namespace sitrep::petrarch
