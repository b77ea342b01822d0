#include "coding/news_corpus.h"

#include <fstream>
#include <sstream>

#include "core/binary_io.h"
#include "core/csv.h"

namespace sitrep {
namespace {

std::string DecodeXml(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '&') {
      static constexpr std::pair<std::string_view, char> kEntities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
      bool done = false;
      for (const auto& [name, ch] : kEntities) {
        if (s.substr(i, name.size()) == name) {
          c = ch;
          i += name.size() - 1;
          done = true;
          break;
        }
      }
      (void)done;
    }
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

}  // namespace

std::vector<std::string> PetrarchRecordTexts(std::string_view xml) {
  std::vector<std::string> texts;
  size_t pos = 0;
  while ((pos = xml.find("<Text>", pos)) != std::string_view::npos) {
    size_t begin = pos + 6;
    size_t end = xml.find("</Text>", begin);
    if (end == std::string_view::npos) break;
    std::string t = DecodeXml(xml.substr(begin, end - begin));
    if (!t.empty()) texts.push_back(std::move(t));
    pos = end + 7;
  }
  return texts;
}

StatusOr<std::vector<std::string>> UcdpHeadlines(std::string_view csv) {
  SITREP_ASSIGN_OR_RETURN(CsvTable table, ParseCsv(csv));
  const int column = table.Column("source_headline");
  if (column < 0) return InvalidArgumentError("no source_headline column");
  std::vector<std::string> out;
  for (const std::vector<std::string>& rec : table.rows) {
    if (static_cast<size_t>(column) >= rec.size()) continue;
    std::string_view cell = rec[column];
    size_t start = 0;
    while (start <= cell.size()) {
      size_t semi = cell.find(';', start);
      if (semi == std::string_view::npos) semi = cell.size();
      std::string h = DecodeXml(cell.substr(start, semi - start));
      if (h.size() > 3) out.push_back(std::move(h));
      start = semi + 1;
    }
  }
  return out;
}

Status AddNewsCorpus(const std::string& corpora_dir, std::vector<Document>* docs) {
  auto xml_file = ReadFileToString(corpora_dir + "/petrarch2/text/GigaWord.sample.PETR.xml");
  auto csv_file = ReadFileToString(corpora_dir + "/ucdp-ged-sample/ucdpged.csv");
  const bool have_xml = xml_file.ok(), have_csv = csv_file.ok();
  const std::string xml = have_xml ? std::move(*xml_file) : std::string();
  const std::string csv = have_csv ? std::move(*csv_file) : std::string();
  if (!have_xml && !have_csv) {
    return NotFoundError("no GigaWord sample or UCDP headlines under " + corpora_dir);
  }
  size_t n = 0;
  auto add = [&](std::string text, const char* prefix) {
    Document d;
    d.id = std::string(prefix) + std::to_string(n++);
    d.text = std::move(text);
    docs->push_back(std::move(d));
  };
  if (have_xml) {
    for (std::string& t : PetrarchRecordTexts(xml)) add(std::move(t), "gigaword-");
  }
  if (have_csv) {
    SITREP_ASSIGN_OR_RETURN(auto headlines, UcdpHeadlines(csv));
    for (std::string& h : headlines) add(std::move(h), "ucdp-");
  }
  return OkStatus();
}

}  // namespace sitrep
