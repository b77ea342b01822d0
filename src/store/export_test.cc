#include "store/export.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "store/test_records.h"

namespace sitrep::store {
namespace {

namespace fs = std::filesystem;

// RFC 4180 reader: quoted fields may hold commas, quotes ("") and newlines.
std::vector<std::vector<std::string>> ReadCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(field);
      field.clear();
      rows.push_back(row);
      row.clear();
    } else {
      field += c;
      any = true;
    }
  }
  (void)any;
  if (!field.empty() || !row.empty()) {
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

// TSV with \t \n \r \\ escapes.
std::vector<std::vector<std::string>> ReadTsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> row(1);
    for (size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '\t') {
        row.emplace_back();
      } else if (line[i] == '\\' && i + 1 < line.size()) {
        char n = line[++i];
        row.back() += n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n;
      } else {
        row.back() += line[i];
      }
    }
    rows.push_back(row);
  }
  return rows;
}

class ExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::TempDir() + "export_test_" + std::to_string(getpid()) + "_" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto db = Store::Open(dir_ + "/e.sqlite");
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
    std::vector<DocumentRecords> batch = testing_records::SampleBatch();
    // Awkward text for the writers: commas, quotes, a tab, a newline, backslash.
    batch[1].records[1]["sentence"] = "A car bomb, \"big\", went off\tnear\na market \\ here.";
    ASSERT_TRUE(db_->IngestBatch(batch).ok());
    auto countries =
        CountryTable::Load(std::string(SITREP_SOURCE_DIR) + "/data/store/iso_numeric.tsv");
    ASSERT_TRUE(countries.ok()) << countries.status().ToString();
    countries_ = std::move(*countries);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Run(ExportFormat format, size_t* rows, const QueryFilter& f = {}) {
    std::ostringstream out;
    Status s = Export(*db_, f, format, *countries_, out, rows);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out.str();
  }

  std::string dir_;
  std::unique_ptr<Store> db_;
  std::unique_ptr<CountryTable> countries_;
};

TEST_F(ExportTest, CountryTableShipsCleanAndKnowsTheCodes) {
  EXPECT_TRUE(countries_->warnings().empty()) << countries_->warnings()[0];
  EXPECT_GE(countries_->size(), 249u);
  ASSERT_TRUE(countries_->Find("SYR"));
  EXPECT_EQ(countries_->Find("SYR")->numeric, 760);
  EXPECT_EQ(countries_->Find("SYR")->region, "Middle East");
  EXPECT_EQ(countries_->Find("AFG")->numeric, 4);
  EXPECT_EQ(countries_->Find("AFG")->region, "South Asia");
  EXPECT_EQ(countries_->Find("NGA")->region, "Western Africa");
  EXPECT_EQ(countries_->Find("QQQ"), nullptr);
}

TEST_F(ExportTest, CountryTableReportsBadLines) {
  const std::string p = dir_ + "/iso.tsv";
  {
    std::ofstream(p) << "# c\nSYR\t760\tSyria\tMiddle East\nbad line\nAFG\tx4\tA\tB\n"
                        "SYR\t760\tSyria\tMiddle East\n";
  }
  auto t = CountryTable::Load(p);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ((*t)->size(), 1u);
  ASSERT_EQ((*t)->warnings().size(), 3u);
  EXPECT_EQ((*t)->warnings()[0].rfind(p + ":3: ", 0), 0u) << (*t)->warnings()[0];
  EXPECT_FALSE(CountryTable::Load(dir_ + "/missing.tsv").ok());
}

TEST_F(ExportTest, FieldEscaping) {
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"no\""), "\"say \"\"no\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(TsvField("a\tb\nc\\d\re"), "a\\tb\\nc\\\\d\\re");
  EXPECT_EQ(AcledDisorderType("Battles", "Armed clash"), "Political violence");
  EXPECT_EQ(AcledDisorderType("Protests", "Peaceful protest"), "Demonstrations");
  EXPECT_EQ(AcledDisorderType("Riots", "Mob violence"), "Political violence");
  EXPECT_EQ(AcledDisorderType("", ""), "");
  EXPECT_EQ(AcledInter("MIL", "Battles", true), 1);
  EXPECT_EQ(AcledInter("REB", "Battles", false), 2);
  EXPECT_EQ(AcledInter("EDU", "Protests", true), 6);
  EXPECT_EQ(AcledInter("CVL", "Battles", false), 7);
  EXPECT_EQ(AcledInter("", "Battles", false), 0);
  EXPECT_FALSE(ParseExportFormat("xls").ok());
}

TEST_F(ExportTest, RandomFieldsRoundTripThroughCsvAndTsv) {
  const std::string alphabet = "ab ,\"\n\r\t\\x'\xc3\xa9;";
  uint64_t state = 12345;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<size_t>(state >> 33);
  };
  for (int round = 0; round < 200; ++round) {
    std::vector<std::string> fields(1 + next() % 6);
    for (std::string& f : fields) {
      for (size_t n = next() % 8; n > 0; --n) f += alphabet[next() % alphabet.size()];
    }
    fields.push_back("end");  // a last field that is never empty
    auto csv = ReadCsv(CsvLine(fields) + "\r\n");
    ASSERT_EQ(csv.size(), 1u) << CsvLine(fields);
    EXPECT_EQ(csv[0], fields) << CsvLine(fields);
    auto tsv = ReadTsv(TsvLine(fields) + "\n");
    ASSERT_EQ(tsv.size(), 1u) << TsvLine(fields);
    EXPECT_EQ(tsv[0], fields) << TsvLine(fields);
  }
}

TEST_F(ExportTest, AcledCsvRoundTrip) {
  size_t n = 0;
  const std::string csv = Run(ExportFormat::kAcledCsv, &n);
  EXPECT_EQ(n, 7u);
  auto rows = ReadCsv(csv);
  ASSERT_EQ(rows.size(), 8u);
  EXPECT_EQ(rows[0], kAcledColumns);
  std::map<std::string, std::map<std::string, std::string>> by_id;
  for (size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), kAcledColumns.size()) << i;
    for (size_t c = 0; c < kAcledColumns.size(); ++c)
      by_id[rows[i][0]][kAcledColumns[c]] = rows[i][c];
  }
  const auto& air = by_id.at("idl-0415:0:0");
  EXPECT_EQ(air.at("event_date"), "2019-04-14");
  EXPECT_EQ(air.at("year"), "2019");
  EXPECT_EQ(air.at("time_precision"), "1");
  EXPECT_EQ(air.at("disorder_type"), "Political violence");
  EXPECT_EQ(air.at("event_type"), "Explosions/Remote violence");
  EXPECT_EQ(air.at("sub_event_type"), "Air/drone strike");
  EXPECT_EQ(air.at("actor1"), "Syrian jets");
  EXPECT_EQ(air.at("inter1"), "1");
  EXPECT_EQ(air.at("inter2"), "7");
  EXPECT_EQ(air.at("interaction"), "17");
  EXPECT_EQ(air.at("civilian_targeting"), "Civilian targeting");
  EXPECT_EQ(air.at("iso"), "760");
  EXPECT_EQ(air.at("region"), "Middle East");
  EXPECT_EQ(air.at("country"), "Syria");
  EXPECT_EQ(air.at("admin1"), "Idlib");
  EXPECT_EQ(air.at("location"), "Ariha");
  EXPECT_EQ(air.at("latitude"), "35.81");
  EXPECT_EQ(air.at("longitude"), "36.61");
  EXPECT_EQ(air.at("geo_precision"), "1");
  EXPECT_EQ(air.at("fatalities"), "13");
  EXPECT_NE(air.at("tags").find("fatalities=at_least"), std::string::npos);
  EXPECT_FALSE(air.at("timestamp").empty());
  // The awkward sentence survives quoting.
  EXPECT_EQ(by_id.at("idl-0415:3:0").at("notes"),
            "A car bomb, \"big\", went off\tnear\na market \\ here.");
  const auto& said = by_id.at("kdh-0412:2:0");
  EXPECT_EQ(said.at("time_precision"), "2");  // only the story date
  EXPECT_EQ(said.at("fatalities"), "0");
  EXPECT_EQ(said.at("source"), "Test Wire");
  EXPECT_EQ(by_id.at("kdh-0412:2:1").at("geo_precision"), "2");
}

TEST_F(ExportTest, GdeltTsvRoundTrip) {
  size_t n = 0;
  QueryFilter f;
  f.country = "SYR";
  auto rows = ReadTsv(Run(ExportFormat::kGdeltTsv, &n, f));
  EXPECT_EQ(n, 3u);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0], kGdeltColumns);
  std::map<std::string, std::vector<std::string>> by_code;
  std::set<std::string> ids;
  for (size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), kGdeltColumns.size());
    by_code[rows[i][9]] = rows[i];
    ids.insert(rows[i][0]);
  }
  EXPECT_EQ(ids.size(), 3u);  // unique GlobalEventIDs
  const auto& air = by_code.at("195");
  EXPECT_EQ(air[1], "20190414");
  EXPECT_EQ(air[2], "SYRMIL");
  EXPECT_EQ(air[3], "Syrian jets");
  EXPECT_EQ(air[4], "SYR");
  EXPECT_EQ(air[5], "CVL");  // "---CVL" without the dashes
  EXPECT_EQ(air[8], "1");    // first sentence
  EXPECT_EQ(air[10], "195");
  EXPECT_EQ(air[11], "19");
  EXPECT_EQ(air[12], "4");
  EXPECT_EQ(air[13], "-10");
  EXPECT_EQ(air[17], "4");  // world city
  EXPECT_EQ(air[18], "Ariha, Idlib, SYR");
  EXPECT_EQ(air[21], "35.81");
  EXPECT_EQ(air[22], "36.61");
  EXPECT_EQ(air[23].size(), 14u);  // YYYYMMDDHHMMSS
  EXPECT_EQ(air[24], "idl-0415");  // no URL given: the document id
  EXPECT_EQ(by_code.at("141")[24], "dmc-0416");
}

TEST_F(ExportTest, GeoJsonAndJsonlRoundTrip) {
  size_t n = 0;
  json g = json::parse(Run(ExportFormat::kGeoJson, &n));
  EXPECT_EQ(g["type"], "FeatureCollection");
  // The located incidents: kdh-0412's two reports of its attack are one (merge.h).
  ASSERT_EQ(g["features"].size(), 4u);
  EXPECT_EQ(n, 4u);
  int64_t dead = 0;
  std::set<std::string> families;
  for (const json& f : g["features"]) {
    EXPECT_EQ(f["geometry"]["type"], "Point");
    ASSERT_EQ(f["geometry"]["coordinates"].size(), 2u);
    if (f["properties"]["fatalities_best"].is_number()) {
      dead += f["properties"]["fatalities_best"].get<int64_t>();
    }
    families.insert(f["properties"]["event_family"].get<std::string>());
    EXPECT_EQ(f["properties"]["n_events"], f["properties"]["location"] == "Kandahar" ? 2 : 1);
  }
  EXPECT_EQ(dead, 17);
  EXPECT_EQ(families, (std::set<std::string>{"ASSAULT", "PROTEST"}));
  const json& ariha = g["features"][1];
  EXPECT_EQ(ariha["properties"]["location"], "Ariha");
  EXPECT_DOUBLE_EQ(ariha["geometry"]["coordinates"][0].get<double>(), 36.61);  // lon first

  const std::string jsonl = Run(ExportFormat::kJsonl, &n);
  EXPECT_EQ(n, 7u);
  std::istringstream in(jsonl);
  std::string line;
  std::vector<json> back;
  while (std::getline(in, line)) back.push_back(json::parse(line));
  auto q = db_->Query({});
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(back, *q);
  EXPECT_EQ(back[0]["id"], "kdh-0412:2:1");  // ordered by event date
}

}  // namespace
}  // namespace sitrep::store
