// Checks the sample articles in samples/ (the demo input and the future golden
// event tests): each reads cleanly with a title, a dateline body and a sane
// length, and samples/jsonl/articles.jsonl stays in sync with the .txt files
// (same title, same text and offsets, story date = the date in the file name).
#include <filesystem>
#include <map>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "core/utf8.h"
#include "io/formats.h"
#include "io/reader.h"

namespace sitrep {
namespace {

namespace fs = std::filesystem;

const fs::path kSamples = fs::path(SITREP_SOURCE_DIR) / "samples";

int CountWords(std::string_view text) {
  std::istringstream in{std::string(text)};
  int n = 0;
  for (std::string w; in >> w;) n += w != "-";
  return n;
}

std::map<std::string, Document> ReadDocuments(const std::string& input) {
  std::map<std::string, Document> docs;
  auto reader = DocumentReader::Create({input}, {});
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  if (!reader.ok()) return docs;
  while (auto r = (*reader)->Next()) {
    EXPECT_TRUE(r->status.ok()) << r->status.ToString();
    if (r->doc) docs[r->doc->id] = std::move(*r->doc);
  }
  return docs;
}

TEST(SamplesTest, ArticlesHaveTitleDatelineAndLength) {
  if (!fs::is_directory(kSamples)) GTEST_SKIP() << "no samples directory " << kSamples;
  static const std::map<std::string, int> kMonths = {
      {"Jan.", 1}, {"Feb.", 2}, {"March", 3}, {"April", 4}, {"May", 5},   {"June", 6},
      {"July", 7}, {"Aug.", 8}, {"Sept.", 9}, {"Oct.", 10}, {"Nov.", 11}, {"Dec.", 12}};
  std::map<std::string, Document> docs = ReadDocuments(kSamples.string());
  EXPECT_EQ(docs.size(), 12u);
  for (const auto& [id, doc] : docs) {
    SCOPED_TRACE(id);
    EXPECT_TRUE(doc.diagnostics.empty());
    EXPECT_TRUE(IsValidUtf8(doc.text));
    EXPECT_FALSE(doc.title.empty());
    std::string body = doc.text.substr(doc.body_begin);
    // "BEIRUT, Oct. 8 (sitrep) - ..." (std::regex avoided: GCC 12 warns in it under ASan)
    size_t agency = body.find(" (sitrep) - ");
    ASSERT_NE(agency, std::string::npos) << body.substr(0, 60);
    std::string dateline = body.substr(0, agency);
    size_t comma = dateline.find(", ");
    ASSERT_NE(comma, std::string::npos) << dateline;
    std::string city = dateline.substr(0, comma);
    EXPECT_EQ(city.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ .'-"), std::string::npos) << city;
    std::istringstream month_day(dateline.substr(comma + 2));
    std::string month;
    int day = 0;
    month_day >> month >> day;
    ASSERT_TRUE(kMonths.count(month)) << dateline;
    EXPECT_TRUE(month_day.eof()) << dateline;
    // The dateline's month and day are the story date in the file name.
    ASSERT_GE(id.size(), 14u);
    std::string date = id.substr(4, 10);
    EXPECT_TRUE(ValidateDate(date).ok()) << date;
    EXPECT_EQ(kMonths.at(month), std::stoi(date.substr(5, 2)));
    EXPECT_EQ(day, std::stoi(date.substr(8, 2)));
    int words = CountWords(body);
    EXPECT_GE(words, 150);
    EXPECT_LE(words, 400);
    EXPECT_EQ(doc.text.back(), '\n');
  }
}

TEST(SamplesTest, JsonLinesCopyMatchesTheTextFiles) {
  const fs::path jsonl = kSamples / "jsonl" / "articles.jsonl";
  if (!fs::exists(jsonl)) GTEST_SKIP() << "no " << jsonl;
  std::map<std::string, Document> text_docs = ReadDocuments(kSamples.string());
  std::map<std::string, Document> json_docs = ReadDocuments(jsonl.string());
  ASSERT_EQ(json_docs.size(), text_docs.size())
      << "run samples/make_articles_jsonl.py after editing samples/*.txt";
  for (const auto& [id, doc] : json_docs) {
    SCOPED_TRACE(id);
    ASSERT_TRUE(text_docs.count(id));
    const Document& txt = text_docs.at(id);
    EXPECT_EQ(doc.date, id.substr(4, 10));
    EXPECT_EQ(doc.title, txt.title);
    EXPECT_EQ(doc.body_begin, txt.body_begin);
    EXPECT_EQ(doc.text + "\n", txt.text)
        << "run samples/make_articles_jsonl.py after editing samples/*.txt";
  }
}

}  // namespace
}  // namespace sitrep
