#include "geo/gazetteer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "core/binary_io.h"
#include "geo/normalize_internal.h"

namespace sitrep::geo {
namespace {

const std::string kTestdata = std::string(SITREP_SOURCE_DIR) + "/src/geo/testdata/";

BuildSources TestSources() {
  BuildSources s;
  s.geonames_tsv = kTestdata + "cities.tsv";
  s.admin1 = kTestdata + "admin1.json";
  s.countries_json = kTestdata + "countries.json";
  s.features_tsv = kTestdata + "features.tsv";
  return s;
}

// The test sources with a shapes file of testdata/.
StatusOr<std::unique_ptr<Gazetteer>> BuildWithShapes(const std::string& shapes,
                                                     std::vector<std::string>* warnings) {
  BuildSources s = TestSources();
  s.country_shapes = kTestdata + shapes;
  return Gazetteer::Build(s, warnings);
}

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          ("sitrep_gaz_" + std::to_string(::getpid()) + "_" + name))
      .string();
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteAll(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

bool HasWarning(const std::vector<std::string>& warnings, const std::string& part) {
  return std::any_of(warnings.begin(), warnings.end(),
                     [&](const std::string& w) { return w.find(part) != std::string::npos; });
}

// Names of the candidates, in Find's order.
std::vector<std::string> Names(const Gazetteer& g, std::string_view query) {
  std::vector<std::string> out;
  for (uint32_t id : g.Find(query)) out.emplace_back(g.entry(id).name);
  return out;
}

TEST(NormalizeName, FoldsCaseDiacriticsPunctuationAndArticles) {
  EXPECT_EQ(NormalizeName("Ḩamāh"), "hamah");
  EXPECT_EQ(NormalizeName("Ar-Raqqah"), "al raqqah");
  EXPECT_EQ(NormalizeName("Ar Raqqah"), "al raqqah");
  EXPECT_EQ(NormalizeName("al-Raqqa"), "al raqqa");
  EXPECT_EQ(NormalizeName("Deir ez-Zor"), "deir al zor");
  EXPECT_EQ(NormalizeName("Deir al-Zor"), "deir al zor");
  EXPECT_EQ(SplitGluedArticlesKey("deir ezzor"), "deir al zor");
  EXPECT_EQ(SplitGluedArticlesKey("jisr ashshughur"), "jisr al shughur");
  EXPECT_EQ(SplitGluedArticlesKey("essen"), "essen");  // the first word stays
  EXPECT_EQ(SplitGluedArticlesKey("port arthur"), "port arthur");
  EXPECT_EQ(FoldVowelsKey("nooristan"), "nuristan");
  EXPECT_EQ(FoldVowelsKey("al boukamal"), "al bukamal");
  EXPECT_EQ(FoldVowelsKey("saraqeb"), "saraqib");
  EXPECT_EQ(FoldVowelsKey("the times"), "the times");  // short words stay
  // Skeletons: the vowel folds, "ay"/"ey"/"ie" for i, one letter per run.
  EXPECT_EQ(SkeletonKey("mayadin"), "miadin");
  EXPECT_EQ(SkeletonKey("meyadin"), "miadin");
  EXPECT_EQ(SkeletonKey("miadin"), "miadin");
  EXPECT_EQ(SkeletonKey("oruzgan"), "uruzgan");
  EXPECT_EQ(SkeletonKey("the times"), "the times");  // short words stay
  EXPECT_TRUE(IsTransliteratedCountry("SYR"));
  EXPECT_TRUE(IsTransliteratedCountry("AFG"));
  EXPECT_FALSE(IsTransliteratedCountry("IND"));
  EXPECT_FALSE(IsTransliteratedCountry("USA"));
  EXPECT_EQ(NormalizeName("Dayr az Zawr"), "dayr al zawr");
  EXPECT_EQ(NormalizeName("El Paso"), "al paso");
  EXPECT_EQ(NormalizeName("Ma‘arrat an-Nu‘mān"), "maarrat al numan");
  EXPECT_EQ(NormalizeName("Ma'arrat al-Nu'man"), "maarrat al numan");
  EXPECT_EQ(NormalizeName("U.S."), "us");
  EXPECT_EQ(NormalizeName("  the   Caspian  Sea "), "caspian sea");
  EXPECT_EQ(NormalizeName("Côte d'Ivoire"), "cote divoire");
  EXPECT_EQ(NormalizeName("São Paulo"), "sao paulo");
  EXPECT_EQ(NormalizeName("Łódź"), "lodz");
  EXPECT_EQ(NormalizeName("Straße"), "strasse");
}

TEST(NormalizeName, KeepsLoneWordsAndDropsOtherScripts) {
  // An article only unifies before another word: "As" (alone) is not "al".
  EXPECT_EQ(NormalizeName("As"), "as");
  EXPECT_EQ(NormalizeName("the"), "the");
  EXPECT_EQ(NormalizeName("الرقة"), "");
  EXPECT_EQ(NormalizeName("Ракка"), "");
  EXPECT_EQ(NormalizeName(""), "");
  bool foreign = false;
  EXPECT_EQ(NormalizeKey("Ракка", &foreign), "");
  EXPECT_TRUE(foreign);
  EXPECT_EQ(NormalizeKey("Raqqa", &foreign), "raqqa");
  EXPECT_FALSE(foreign);
}

// A province's designator is dropped for its bare key: "Kandahar province",
// and Russia's krais in both spellings ("Stavropol Kray", "Krasnodar Krai").
TEST(StripAdminSuffixKey, DropsOneDesignator) {
  // "Territory" is no suffix to drop: "Northern Territory" is no "Northern".
  const std::pair<const char*, const char*> cases[] = {
      {"kandahar province", "kandahar"}, {"stavropol kray", "stavropol"},
      {"krasnodar krai", "krasnodar"},   {"belgorod oblast", "belgorod"},
      {"province", "province"},          {"northern territory", "northern territory"},
  };
  for (const auto& [key, bare] : cases) EXPECT_EQ(StripAdminSuffixKey(key), bare) << key;
}

TEST(NormalizeName, SurvivesInvalidUtf8) {
  EXPECT_EQ(NormalizeName(std::string("Ham\xff\xfe"
                                      "ah")),
            "ham ah");
  EXPECT_EQ(NormalizeName(std::string("\xc3")), "");
  EXPECT_EQ(AsciiFold(std::string("Ham\xe2\x82")), "Ham");
}

TEST(AsciiFold, KeepsCase) {
  EXPECT_EQ(AsciiFold("Ḩamāh"), "Hamah");
  EXPECT_EQ(AsciiFold("Sant Julià  de Lòria"), "Sant Julia de Loria");
  EXPECT_EQ(AsciiFold("Ракка"), "");
  EXPECT_EQ(AsciiFold("Ma`arrat an Nu‘mān"), "Ma'arrat an Nu'man");
}

TEST(DistanceKm, GreatCircle) {
  EXPECT_NEAR(DistanceKm(0, 0, 0, 1), 111.19, 0.1);
  EXPECT_NEAR(DistanceKm(35.95, 39.01, 35.95, 39.01), 0.0, 1e-9);
  // Damascus - Beirut, about 85 km.
  EXPECT_NEAR(DistanceKm(33.51, 36.29, 33.89, 35.50), 85, 5);
}

class MiniGazetteerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto g = Gazetteer::Build(TestSources(), &warnings_);
    ASSERT_TRUE(g.ok()) << g.status().ToString();
    gaz_ = std::move(g).value();
  }
  std::vector<std::string> warnings_;
  std::unique_ptr<Gazetteer> gaz_;
};

TEST_F(MiniGazetteerTest, MalformedLinesAreWarningsWithFileAndLine) {
  EXPECT_TRUE(HasWarning(warnings_, "cities.tsv:10: expected 19 tab-separated")) << warnings_[0];
  EXPECT_TRUE(HasWarning(warnings_, "cities.tsv:11: bad coordinates"));
  EXPECT_TRUE(HasWarning(warnings_, "cities.tsv:12: bad population"));
  EXPECT_TRUE(HasWarning(warnings_, "features.tsv:5: expected 7 tab-separated"));
  EXPECT_TRUE(HasWarning(warnings_, "features.tsv:6: unknown type \"sunken_city\""));
  EXPECT_TRUE(HasWarning(warnings_, "features.tsv:7: bad coordinates"));
  EXPECT_TRUE(HasWarning(warnings_, "features.tsv:8: countries must be ISO3"));
  EXPECT_TRUE(HasWarning(warnings_, "features.tsv:11: a village lies in exactly one country"));
  EXPECT_TRUE(HasWarning(warnings_, "admin1.json: entry 6: admin1 code \"SY04\""));
  EXPECT_TRUE(HasWarning(warnings_, "admin1.json: entry 7: empty admin1 name"));
  EXPECT_TRUE(HasWarning(warnings_, "admin1.json: entry 8: not an object"));
  EXPECT_TRUE(HasWarning(warnings_, "countries.json: country 4 (NWL): missing latlng"));
  EXPECT_TRUE(HasWarning(warnings_, "countries.json: country 5: not an object"));
  EXPECT_EQ(warnings_.size(), 13u) << ::testing::PrintToString(warnings_);
  // 8 places + 5 provinces + 3 countries + 3 features + 2 localities.
  EXPECT_EQ(gaz_->size(), 21u);
  EXPECT_EQ(gaz_->description(),
            "sitrep-gazetteer/2 cities+admin1+countries+features (21 entries)");
}

TEST_F(MiniGazetteerTest, FindsEverySpellingOfRaqqa) {
  for (const char* q :
       {"Raqqa", "Rakka", "Ar-Raqqah", "ar raqqah", "al-Raqqa", "AL RAQQA", "Ar Raqqah"}) {
    std::vector<uint32_t> ids = gaz_->Find(q);
    ASSERT_FALSE(ids.empty()) << q;
    const Entry& e = gaz_->entry(ids[0]);
    EXPECT_EQ(e.name, "Ar Raqqah") << q;
    EXPECT_EQ(e.country, "SYR") << q;
    EXPECT_EQ(e.admin1, "Raqqa") << q;
    EXPECT_EQ(e.admin1_code, "04") << q;
    EXPECT_EQ(e.geonameid, 1000001) << q;
    EXPECT_EQ(e.precision, GeoPrecision::kCity) << q;
    EXPECT_EQ(e.feature, "PPLA") << q;
  }
  EXPECT_TRUE(gaz_->Find("الرقة").empty());  // other scripts are not keys
  EXPECT_TRUE(gaz_->Find("Raqq").empty());
  // Spelling variants: the name without its article, single for double letters.
  EXPECT_EQ(Names(*gaz_, "Raqqah"), std::vector<std::string>{"Ar Raqqah"});
  EXPECT_EQ(Names(*gaz_, "Raqa"), (std::vector<std::string>{"Ar Raqqah", "Raqqa"}));
  EXPECT_EQ(Names(*gaz_, "Marat al-Numan"), std::vector<std::string>{"Ma'arrat an Nu'man"});
  EXPECT_EQ(Names(*gaz_, "Maarrat an-Nuuman"), std::vector<std::string>{"Ma'arrat an Nu'man"});
  EXPECT_EQ(Names(*gaz_, "Syria"), std::vector<std::string>{"Syria"});
  EXPECT_TRUE(gaz_->Find("Sirya").empty());
  // An unknown "al-" spelling falls back to the name without the article.
  EXPECT_EQ(Names(*gaz_, "al-Saraqib"), std::vector<std::string>{"Saraqib"});
  EXPECT_EQ(Names(*gaz_, "as-Saraqib"), std::vector<std::string>{"Saraqib"});
  // An article glued to the word after it, in any word but the first.
  EXPECT_EQ(Names(*gaz_, "Deir Ezzor"),
            (std::vector<std::string>{"Deir ez-Zor", "Deir ez-Zor"}));  // town, province
  EXPECT_EQ(Names(*gaz_, "Maarrat Annuman"), std::vector<std::string>{"Ma'arrat an Nu'man"});
  EXPECT_TRUE(gaz_->IsPrefix("Deir Ezzor"));
  EXPECT_TRUE(gaz_->Find("Ezzor").empty());
  // Vowels written either way.
  EXPECT_EQ(Names(*gaz_, "Saraqeb"), std::vector<std::string>{"Saraqib"});
  EXPECT_EQ(Names(*gaz_, "as-Saraqeb"), std::vector<std::string>{"Saraqib"});
}

// Localities of the supplement are populated places at point precision,
// with the province of the nearest populated place of their country.
TEST_F(MiniGazetteerTest, SupplementLocalitiesArePopulatedPlaces) {
  for (const char* q : {"Tal Sheer", "Tell Sheer", "Tal Shir"}) {
    std::vector<uint32_t> ids = gaz_->Find(q);
    ASSERT_EQ(ids.size(), 1u) << q;
    const Entry& e = gaz_->entry(ids[0]);
    EXPECT_EQ(e.name, "Tal Sheer");
    EXPECT_EQ(e.feature_class, 'P');
    EXPECT_EQ(e.feature, "PPL");
    EXPECT_EQ(e.precision, GeoPrecision::kPoint);
    EXPECT_EQ(e.country, "SYR");
    EXPECT_EQ(e.geonameid, 0);
    EXPECT_EQ(e.admin1, "Raqqa");  // Ar Raqqah is 10 km away
    EXPECT_EQ(e.admin1_code, "04");
    EXPECT_NEAR(e.lat, 35.90, 1e-6);
  }
  // A camp with no town of its country within 60 km has no province.
  std::vector<uint32_t> camp = gaz_->Find("Camp Hope");
  ASSERT_EQ(camp.size(), 1u);
  EXPECT_EQ(gaz_->entry(camp[0]).feature, "CMPRF");
  EXPECT_EQ(gaz_->entry(camp[0]).admin1, "");
  EXPECT_FLOAT_EQ(gaz_->entry(camp[0]).radius_km, 2);
  // A row naming a town of the index within 10 km gives it its other names.
  EXPECT_EQ(Names(*gaz_, "Saraqib"), std::vector<std::string>{"Saraqib"});
  EXPECT_EQ(Names(*gaz_, "Srakib"), std::vector<std::string>{"Saraqib"});
  EXPECT_TRUE(gaz_->Find("Two Lands").empty());
}

TEST_F(MiniGazetteerTest, DeirEzZorSpellingsMeet) {
  for (const char* q :
       {"Deir ez-Zor", "Deir al-Zor", "Dayr az Zawr", "Deir el Zor", "deir ez zor"}) {
    std::vector<std::string> names = Names(*gaz_, q);
    ASSERT_FALSE(names.empty()) << q;
    EXPECT_EQ(names[0], "Deir ez-Zor") << q;
  }
  // A two-letter alternate that is not the place's own name is no key.
  EXPECT_TRUE(gaz_->Find("Li").empty());
}

TEST_F(MiniGazetteerTest, OrdersCityThenItsProvinceThenVillage) {
  std::vector<uint32_t> ids = gaz_->Find("Hamah");
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_EQ(gaz_->entry(ids[0]).name, "Hamah");
  EXPECT_EQ(gaz_->entry(ids[0]).precision, GeoPrecision::kCity);
  EXPECT_EQ(gaz_->entry(ids[1]).precision, GeoPrecision::kAdmin1);
  EXPECT_EQ(gaz_->entry(ids[1]).name, "Hamah");  // "Ḩamāh" folded
  EXPECT_EQ(gaz_->entry(ids[1]).admin1, "Hamah");
  EXPECT_EQ(gaz_->entry(ids[2]).country, "AFG");
  EXPECT_EQ(gaz_->entry(ids[2]).precision, GeoPrecision::kPoint);  // village of 800

  std::vector<uint32_t> kandahar = gaz_->Find("Kandahar");
  ASSERT_EQ(kandahar.size(), 2u);
  EXPECT_EQ(gaz_->entry(kandahar[0]).precision, GeoPrecision::kCity);
  EXPECT_EQ(gaz_->entry(kandahar[1]).precision, GeoPrecision::kAdmin1);
  EXPECT_EQ(gaz_->entry(kandahar[1]).name, "Kandahar");  // "Province" dropped
  EXPECT_EQ(Names(*gaz_, "Kandahar Province"), std::vector<std::string>{"Kandahar"});
  EXPECT_EQ(Names(*gaz_, "Idlib province"), std::vector<std::string>{"Idlib"});
  EXPECT_EQ(Names(*gaz_, "Raqqa governorate"), std::vector<std::string>{"Raqqa"});
  EXPECT_EQ(gaz_->entry(gaz_->Find("Raqqa governorate")[0]).precision, GeoPrecision::kAdmin1);
}

TEST_F(MiniGazetteerTest, Admin1EntriesAreLocatedAndSized) {
  const Entry* idlib = gaz_->Admin1("SYR", "Idlib");
  ASSERT_NE(idlib, nullptr);
  EXPECT_EQ(idlib, gaz_->Admin1("syr", "Idlib Governorate"));
  EXPECT_EQ(idlib->name, "Idlib");
  EXPECT_EQ(idlib->feature, "ADM1");
  EXPECT_EQ(idlib->population, 90000);
  // The middle of Saraqib and Ma'arrat.
  EXPECT_GT(idlib->lat, 35.65);
  EXPECT_LT(idlib->lat, 35.86);
  EXPECT_GE(idlib->radius_km, 10.0f);
  const Entry* raqqa = gaz_->Admin1("SYR", "ar-Raqqa");
  ASSERT_NE(raqqa, nullptr);
  EXPECT_DOUBLE_EQ(raqqa->lat, (35.95 + 36.70) / 2);  // the middle of its two places
  EXPECT_DOUBLE_EQ(raqqa->lon, (39.01 + 38.95) / 2);
  EXPECT_GT(raqqa->radius_km, 20.0f);  // Tall Abyad is ~90 km away
  EXPECT_EQ(gaz_->Admin1("AFG", "Raqqa"), nullptr);
  EXPECT_EQ(gaz_->Admin1("SYR", "Nowhere"), nullptr);
}

TEST_F(MiniGazetteerTest, CountriesAndDemonyms) {
  const Entry* syr = gaz_->Country("SYR");
  ASSERT_NE(syr, nullptr);
  EXPECT_EQ(syr->name, "Syria");
  EXPECT_EQ(syr->precision, GeoPrecision::kCountry);
  EXPECT_NEAR(syr->radius_km, 242.8, 1.0);  // sqrt(185180 / pi)
  EXPECT_EQ(syr->population, 200000 + 400000 + 250000 + 30000 + 15000 + 60000);
  EXPECT_EQ(gaz_->Country("syr"), syr);
  EXPECT_EQ(gaz_->Country("XYZ"), nullptr);
  EXPECT_EQ(Names(*gaz_, "Syrian Arab Republic"), std::vector<std::string>{"Syria"});
  // "Republic of Iraq" (official) also gives "Iraq"; "Islamic Republic of Afghanistan" too.
  EXPECT_EQ(Names(*gaz_, "Republic of Iraq"), std::vector<std::string>{"Iraq"});
  // "Afġānistān" (altSpellings) folds to "afganistan".
  EXPECT_EQ(Names(*gaz_, "Afganistan"), std::vector<std::string>{"Afghanistan"});
  EXPECT_EQ(Names(*gaz_, "Afghanistan"), std::vector<std::string>{"Afghanistan"});
  EXPECT_EQ(Names(*gaz_, "Afġānistān"), std::vector<std::string>{"Afghanistan"});
  // The ISO2 code in altSpellings is not a name ("SY", "AF", "IQ").
  EXPECT_TRUE(gaz_->Find("IQ").empty());
  EXPECT_EQ(gaz_->CountryOfDemonym("Syrian"), "SYR");
  EXPECT_EQ(gaz_->CountryOfDemonym("Syrians"), "SYR");
  EXPECT_EQ(gaz_->CountryOfDemonym("afghans"), "AFG");
  EXPECT_EQ(gaz_->CountryOfDemonym("Iraqis"), "IRQ");
  EXPECT_EQ(gaz_->CountryOfDemonym("Syria"), "");
  EXPECT_EQ(gaz_->CountryOfDemonym(""), "");
}

TEST_F(MiniGazetteerTest, SupplementFeatures) {
  std::vector<uint32_t> ids = gaz_->Find("the Caspian Sea");
  ASSERT_EQ(ids.size(), 1u);
  const Entry& sea = gaz_->entry(ids[0]);
  EXPECT_EQ(sea.precision, GeoPrecision::kFeature);
  EXPECT_EQ(sea.feature, "sea");
  EXPECT_EQ(sea.feature_class, 'H');
  EXPECT_EQ(sea.country, "");
  EXPECT_EQ(sea.countries, "AZE|IRN|KAZ|RUS|TKM");
  EXPECT_EQ(sea.geonameid, 0);
  EXPECT_FLOAT_EQ(sea.radius_km, 600.0f);
  for (const char* q : {"Ghab plain", "al-Ghab", "Sahl al-Ghab", "the Ghab Plain"}) {
    std::vector<std::string> names = Names(*gaz_, q);
    ASSERT_EQ(names.size(), 1u) << q;
    EXPECT_EQ(names[0], "Ghab plain");
  }
  EXPECT_EQ(gaz_->entry(gaz_->Find("Ghab plain")[0]).country, "SYR");
  EXPECT_EQ(gaz_->entry(gaz_->Find("Euphrates River")[0]).countries, "SYR|IRQ|TUR");
}

TEST_F(MiniGazetteerTest, IsPrefixExtendsOverWords) {
  EXPECT_TRUE(gaz_->IsPrefix("Deir"));
  EXPECT_TRUE(gaz_->IsPrefix("deir ez"));  // trailing article read as one
  EXPECT_TRUE(gaz_->IsPrefix("Deir al"));
  EXPECT_TRUE(gaz_->IsPrefix("Sahl"));
  EXPECT_TRUE(gaz_->IsPrefix("the"));
  EXPECT_TRUE(gaz_->IsPrefix("Deir ez-Zor"));
  EXPECT_TRUE(gaz_->IsPrefix("Caspian"));
  EXPECT_TRUE(gaz_->IsPrefix("the Caspian"));
  EXPECT_TRUE(gaz_->IsPrefix("Raqqa"));
  // The variants Find() tries: "Marrat" goes on as "Marrat al-Numan"
  // ("Ayeyarwaddy" as "Ayeyarwaddy River").
  EXPECT_TRUE(gaz_->IsPrefix("Marrat"));
  EXPECT_EQ(Names(*gaz_, "Marrat al-Numan"), std::vector<std::string>{"Ma'arrat an Nu'man"});
  EXPECT_FALSE(gaz_->IsPrefix("Dei"));  // word prefixes only
  EXPECT_FALSE(gaz_->IsPrefix("Zor"));
  EXPECT_FALSE(gaz_->IsPrefix(""));
}

TEST_F(MiniGazetteerTest, OutOfRangeIdGivesAnEmptyEntry) {
  EXPECT_EQ(gaz_->entry(1000000).name, "");
  EXPECT_EQ(gaz_->entry(1000000).precision, GeoPrecision::kPoint);
}

TEST_F(MiniGazetteerTest, SharedAcrossThreads) {
  const std::vector<std::string> queries = {"Raqqa",           "Ḩamāh",      "Deir al-Zor",
                                            "the Caspian Sea", "Afġānistān", "Marat al-Numan",
                                            "Syria",           "nowhere"};
  std::vector<std::vector<uint32_t>> expected;
  for (const std::string& q : queries) expected.push_back(gaz_->Find(q));
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 200; ++round) {
        for (size_t i = 0; i < queries.size(); ++i) {
          if (gaz_->Find(queries[i]) != expected[i]) ++mismatches[t];
          if (NormalizeName("Ḩamāh") != "hamah") ++mismatches[t];
        }
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

TEST(NormalizeName, RandomBytesNeverCrash) {
  std::mt19937 rng(11);
  for (int i = 0; i < 2000; ++i) {
    std::string s(rng() % 24, '\0');
    for (char& c : s) c = static_cast<char>(rng());
    std::string key = NormalizeName(s);
    // Keys are lower-case ASCII letters, digits and single inner spaces.
    for (char c : key) {
      EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ');
    }
    EXPECT_FALSE(key.starts_with(' ') || key.ends_with(' ') || key.find("  ") != std::string::npos);
    (void)AsciiFold(s);
  }
}

TEST(GazetteerBuild, ReadsAdmin1CodesAsciiOfTheFullDump) {
  BuildSources s = TestSources();
  s.admin1 = kTestdata + "admin1CodesASCII.txt";
  std::vector<std::string> warnings;
  auto g = Gazetteer::Build(s, &warnings);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_TRUE(HasWarning(warnings, "admin1CodesASCII.txt:6: expected code"));
  EXPECT_TRUE(HasWarning(warnings, "admin1CodesASCII.txt:7: bad geonameid"));
  const Entry* hama = (*g)->Admin1("SYR", "Hama");  // no key "hama" for it: asciiname "Hamah"
  EXPECT_EQ(hama, nullptr);
  hama = (*g)->Admin1("SYR", "Hamah");
  ASSERT_NE(hama, nullptr);
  EXPECT_EQ(hama->geonameid, 900010);
  EXPECT_EQ(hama->name, "Hamah");
}

TEST(GazetteerBuild, FullDumpRowsOfProvincesCountriesAndFeatures) {
  BuildSources s;
  s.geonames_tsv = kTestdata + "all_countries.tsv";
  s.admin1 = kTestdata + "admin1CodesASCII.txt";
  s.countries_json = kTestdata + "countries.json";
  std::vector<std::string> warnings;
  auto g = Gazetteer::Build(s, &warnings);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  const Gazetteer& gaz = **g;
  // The ADM1 row locates its province and adds its names.
  const Entry* raqqa = gaz.Admin1("SYR", "Raqqa");
  ASSERT_NE(raqqa, nullptr);
  EXPECT_EQ(raqqa->geonameid, 2000002);
  EXPECT_DOUBLE_EQ(raqqa->lat, 35.8);
  EXPECT_EQ(raqqa->name, "Raqqa");  // admin1CodesASCII's name
  EXPECT_EQ(gaz.Admin1("SYR", "Muhafazat ar Raqqah"), raqqa);
  // The PCLI row adds names to the country from world-countries.
  std::vector<uint32_t> ids = gaz.Find("Suriyah");
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(&gaz.entry(ids[0]), gaz.Country("SYR"));
  EXPECT_EQ(gaz.Country("SYR")->geonameid, 2000003);
  // Seas are kept, rivers and buildings are not (rivers come from our supplement).
  ids = gaz.Find("Mare Nostrum");
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(gaz.entry(ids[0]).precision, GeoPrecision::kFeature);
  EXPECT_EQ(gaz.entry(ids[0]).feature, "SEA");
  EXPECT_EQ(gaz.entry(ids[0]).feature_class, 'H');
  EXPECT_TRUE(gaz.Find("Khabur River").empty());
  EXPECT_TRUE(gaz.Find("Jami al Kabir").empty());
  EXPECT_EQ(gaz.description(), "sitrep-gazetteer/2 all_countries+admin1+countries (6 entries)");
  // Hama, Deir ez-Zor, Idlib and Kandahar have no place here to locate them.
  EXPECT_TRUE(HasWarning(warnings, "admin1: 4 provinces without any place"));
}

// Country points from TopoJSON shapes (testdata/shapes.json, our own
// squares): Syria is a 6x5 degree square (36-42E, 32-37N) plus a small
// island, Iraq two equal islands, Afghanistan a broken geometry.
TEST(GazetteerBuild, CountryShapesGiveMainlandCentroidAndArea) {
  std::vector<std::string> warnings;
  auto g = BuildWithShapes("shapes.json", &warnings);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  const Gazetteer& gaz = **g;
  const Entry* syr = gaz.Country("SYR");
  ASSERT_NE(syr, nullptr);
  // The square's area centroid: lon 39; lat a little south of 34.5, where
  // the square is wider. Not world-countries' 35,38; the island is ignored.
  EXPECT_NEAR(syr->lon, 39.0, 0.01);
  EXPECT_LT(syr->lat, 34.5);
  EXPECT_GT(syr->lat, 34.4);
  // A disc of the mainland + island area: R^2 dlon (sin lat1 - sin lat0).
  EXPECT_NEAR(syr->radius_km, 313.2, 1.0);
  // Two islands of equal size: no mainland, world-countries' point stays;
  // the radius is still the land's.
  const Entry* irq = gaz.Country("IRQ");
  ASSERT_NE(irq, nullptr);
  EXPECT_DOUBLE_EQ(irq->lat, 33);
  EXPECT_DOUBLE_EQ(irq->lon, 44);
  EXPECT_NEAR(irq->radius_km, 164.3, 1.0);
  // A bad arc index is reported and the country keeps its latlng and area.
  const Entry* afg = gaz.Country("AFG");
  ASSERT_NE(afg, nullptr);
  EXPECT_DOUBLE_EQ(afg->lat, 33);
  EXPECT_NEAR(afg->radius_km, std::sqrt(652230 / M_PI), 1.0);
  EXPECT_TRUE(HasWarning(warnings, "shapes.json: geometry 3 (Afghanistan): bad arc index"))
      << ::testing::PrintToString(warnings);
  EXPECT_TRUE(gaz.description().find("+shapes") != std::string::npos) << gaz.description();
}

// Parts of a country ("northern Syria") from its mainland's land: each the
// centroid of the third of the square furthest that way, the centre the
// third nearest its centroid.
TEST(GazetteerBuild, CountryShapesGivePartPoints) {
  std::vector<std::string> warnings;
  auto g = BuildWithShapes("shapes.json", &warnings);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  const Gazetteer& gaz = **g;
  const int64_t syr = gaz.CountryId("SYR");
  ASSERT_GE(syr, 0);
  const Entry& e = gaz.entry(static_cast<uint32_t>(syr));
  auto part = [&](GeoPart p) {
    double lat = -999, lon = -999;
    EXPECT_TRUE(gaz.Part(static_cast<uint32_t>(syr), p, &lat, &lon)) << GeoPartName(p);
    return std::pair<double, double>(lat, lon);
  };
  const auto [n_lat, n_lon] = part(GeoPart::kNorth);
  const auto [s_lat, s_lon] = part(GeoPart::kSouth);
  const auto [e_lat, e_lon] = part(GeoPart::kEast);
  const auto [w_lat, w_lon] = part(GeoPart::kWest);
  const auto [ne_lat, ne_lon] = part(GeoPart::kNortheast);
  const auto [c_lat, c_lon] = part(GeoPart::kCentre);
  // A third of the square by area lies beyond about a third of its side
  // (a little less in latitude, where it is narrower): its middle is about
  // 5/6 of the way across.
  EXPECT_GT(n_lat, e.lat + 1.0);
  EXPECT_NEAR(n_lon, e.lon, 0.2);
  EXPECT_LT(s_lat, e.lat - 1.0);
  EXPECT_GT(e_lon, e.lon + 1.5);
  EXPECT_NEAR(e_lat, e.lat, 0.2);
  EXPECT_LT(w_lon, e.lon - 1.5);
  EXPECT_GT(ne_lat, e.lat);
  EXPECT_GT(ne_lon, e.lon);
  EXPECT_NEAR(c_lat, e.lat, 0.2);
  EXPECT_NEAR(c_lon, e.lon, 0.2);
  // No parts for a town, or for an index built without shapes.
  std::vector<uint32_t> raqqa = gaz.Find("Raqqa");
  ASSERT_FALSE(raqqa.empty());
  double lat = 0, lon = 0;
  EXPECT_FALSE(gaz.Part(raqqa[0], GeoPart::kNorth, &lat, &lon));
  auto plain = Gazetteer::Build(TestSources(), &warnings);
  ASSERT_TRUE(plain.ok());
  const int64_t plain_syr = (*plain)->CountryId("SYR");
  ASSERT_GE(plain_syr, 0);
  EXPECT_FALSE((*plain)->Part(static_cast<uint32_t>(plain_syr), GeoPart::kNorth, &lat, &lon));
  // A saved index keeps them.
  const std::string path = TempPath("parts.sgz");
  ASSERT_TRUE(gaz.Save(path).ok());
  auto loaded = Gazetteer::Load(path);
  std::filesystem::remove(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  double l_lat = 0, l_lon = 0;
  ASSERT_TRUE((*loaded)->Part(static_cast<uint32_t>(syr), GeoPart::kNorth, &l_lat, &l_lon));
  EXPECT_NEAR(l_lat, n_lat, 1e-4);
  EXPECT_NEAR(l_lon, n_lon, 1e-4);
}

TEST(GazetteerBuild, DirectionWordsNameParts) {
  GeoPart p = GeoPart::kCentre;
  for (const auto& [word, want] :
       std::vector<std::pair<const char*, GeoPart>>{{"northern", GeoPart::kNorth},
                                                    {"North", GeoPart::kNorth},
                                                    {"north-eastern", GeoPart::kNortheast},
                                                    {"northeast", GeoPart::kNortheast},
                                                    {"southwestern", GeoPart::kSouthwest},
                                                    {"west", GeoPart::kWest},
                                                    {"central", GeoPart::kCentre},
                                                    {"centre", GeoPart::kCentre}}) {
    ASSERT_TRUE(ParseGeoPart(word, &p)) << word;
    EXPECT_EQ(p, want) << word;
  }
  for (const char* word : {"upper", "greater", "downtown", "ern", "", "northerner"})
    EXPECT_FALSE(ParseGeoPart(word, &p)) << word;
  EXPECT_STREQ(GeoPartName(GeoPart::kSoutheast), "southeast");
  EXPECT_STREQ(GeoPartName(GeoPart::kCentre), "central");
}

// Borders from arcs two countries' shapes share (testdata/borders.json, our
// own squares: Syria 36-42E and Iraq 42-48E, 32-37N, meeting along 42E): a
// border_region feature on the shared edge, named by the countries' names
// and demonyms in either order.
TEST(GazetteerBuild, SharedArcsGiveABorder) {
  std::vector<std::string> warnings;
  auto g = BuildWithShapes("borders.json", &warnings);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  const Gazetteer& gaz = **g;
  for (const char* name : {"Iraq-Syria border", "Syria-Iraq border", "Iraqi-Syrian border",
                           "Syrian-Iraqi frontier", "Syria-Iraqi boundary"}) {
    std::vector<uint32_t> ids = gaz.Find(name);
    ASSERT_EQ(ids.size(), 1u) << name;
    const Entry& e = gaz.entry(ids[0]);
    EXPECT_EQ(e.name, "Iraq-Syria border") << name;
    EXPECT_EQ(e.feature, "border_region");
    EXPECT_EQ(e.precision, GeoPrecision::kFeature);
    EXPECT_NEAR(e.lon, 42.0, 1e-6);    // on the border itself
    EXPECT_NEAR(e.lat, 34.5, 0.1);     // its middle
    EXPECT_NEAR(e.radius_km, 278, 2);  // half of 5 degrees of latitude
  }
  // Coasts (arcs of one country) are no border; nor is a country with itself.
  EXPECT_TRUE(gaz.Find("Syria-Syria border").empty());
}

TEST(GazetteerBuild, CountryShapesThatAreNoTopologyAreDataLoss) {
  BuildSources s = TestSources();
  s.country_shapes = kTestdata + "countries.json";  // JSON, but no Topology
  std::vector<std::string> warnings;
  auto g = Gazetteer::Build(s, &warnings);
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().code(), StatusCode::kDataLoss);
  s.country_shapes = kTestdata + "no_such_shapes.json";
  EXPECT_EQ(Gazetteer::Build(s, &warnings).status().code(), StatusCode::kNotFound);
}

// A province's point is the middle of the box of its places, without a
// place detached from the rest by more than 2 degrees (testdata/
// province_gap.tsv: Deir ez-Zor's places at 30.0-32.8N and one at 48N).
TEST(GazetteerBuild, ProvinceBoxLeavesOutDetachedPlaces) {
  BuildSources s;
  s.geonames_tsv = kTestdata + "province_gap.tsv";
  s.admin1 = kTestdata + "admin1.json";
  s.countries_json = kTestdata + "countries.json";
  std::vector<std::string> warnings;
  auto g = Gazetteer::Build(s, &warnings);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  const Entry* deir = (*g)->Admin1("SYR", "Deir ez-Zor");
  ASSERT_NE(deir, nullptr);
  EXPECT_DOUBLE_EQ(deir->lat, (30.0 + 32.8) / 2);
  EXPECT_DOUBLE_EQ(deir->lon, (40.0 + 42.0) / 2);
}

// Second-level units (testdata/admin2.json, admin2_places.tsv: our own rows):
// an entry at the middle of its places, its population the sum of theirs,
// named with and without "Province of" (and "X Norte" for "X del Norte");
// none without places; bad rows warned.
TEST(GazetteerBuild, Admin2FromItsPlaces) {
  BuildSources s;
  s.geonames_tsv = kTestdata + "admin2_places.tsv";
  s.admin1 = kTestdata + "admin1.json";
  s.admin2 = kTestdata + "admin2.json";
  s.countries_json = kTestdata + "countries.json";
  std::vector<std::string> warnings;
  auto g = Gazetteer::Build(s, &warnings);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_TRUE(HasWarning(warnings, "admin2.json: entry 4: admin2 code \"SY.04\""));
  EXPECT_TRUE(HasWarning(warnings, "admin2.json: entry 5: empty admin2 name"));
  std::vector<uint32_t> ids = (*g)->Find("Thawrah");
  ASSERT_EQ(ids.size(), 1u);
  const Entry& t = (*g)->entry(ids[0]);
  EXPECT_EQ(t.name, "Thawrah");
  EXPECT_EQ(t.feature, "ADM2");
  EXPECT_EQ(t.feature_class, 'A');
  EXPECT_EQ(t.precision, GeoPrecision::kFeature);
  EXPECT_EQ(t.country, "SYR");
  EXPECT_EQ(t.admin1, "Raqqa");
  EXPECT_EQ(t.population, 70000);
  EXPECT_DOUBLE_EQ(t.lat, 35.9);
  EXPECT_DOUBLE_EQ(t.lon, 38.7);
  EXPECT_EQ((*g)->Find("Province of Thawrah").size(), 1u);
  EXPECT_EQ(Names(**g, "Tell Abyad District"), std::vector<std::string>{"Tell Abyad District"});
  EXPECT_TRUE((*g)->Find("Empty District").empty());
  // "X del Norte" is also found by the press's short form "X Norte".
  std::vector<uint32_t> norte = (*g)->Find("Karama Norte");
  ASSERT_EQ(norte.size(), 1u);
  EXPECT_EQ((*g)->entry(norte[0]).name, "Karama del Norte");
  // Without the admin2 file: no second level.
  s.admin2.clear();
  auto plain = Gazetteer::Build(s, &warnings);
  ASSERT_TRUE(plain.ok());
  EXPECT_TRUE((*plain)->Find("Thawrah").empty());
}

// Admin codes from the names' snapshot (testdata/recode_*: our own rows).
// recode_towns.tsv codes every town in Sulaymaniyah (IQ.05), as an older
// snapshot did; recode_admin1.json also names Halabja (IQ.21), a province
// only the towns of recode_admin_towns.json have: Halabja (same name,
// coordinates off in the last decimals), Khurmal (by the row's ASCII name)
// and Sirwan (after the malformed entries). Penjwen is not there (its only
// entries are malformed), Said Sadiq twice with different codes, Kalar 0.07
// degrees away, Chamchamal under a code recode_admin1.json does not name
// (GeoNames' "00", province unknown): they keep 05.
BuildSources RecodeSources() {
  BuildSources s;
  s.geonames_tsv = kTestdata + "recode_towns.tsv";
  s.admin1 = kTestdata + "recode_admin1.json";
  s.admin2 = kTestdata + "recode_admin2.json";
  s.countries_json = kTestdata + "countries.json";
  s.admin_towns = kTestdata + "recode_admin_towns.json";
  return s;
}

std::string Admin1Of(const Gazetteer& g, std::string_view town) {
  for (uint32_t id : g.Find(town)) {
    if (g.entry(id).feature_class == 'P') return std::string(g.entry(id).admin1);
  }
  return "(not found)";
}

TEST(GazetteerBuild, AdminTownsGiveTheNamesSnapshotsCodes) {
  std::vector<std::string> warnings;
  auto g = Gazetteer::Build(RecodeSources(), &warnings);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  // The province that exists only under the new code is built and located.
  const Entry* halabja = (*g)->Admin1("IRQ", "Halabja");
  ASSERT_NE(halabja, nullptr) << ::testing::PrintToString(warnings);
  EXPECT_EQ(halabja->admin1_code, "21");
  EXPECT_EQ(halabja->population, 57000 + 20000 + 5000);
  EXPECT_DOUBLE_EQ(halabja->lat, (35.05 + 35.30) / 2);  // the box of its three towns
  EXPECT_DOUBLE_EQ(halabja->lon, (45.98611 + 46.05) / 2);
  EXPECT_FALSE(HasWarning(warnings, "provinces without any place"));
  // Its towns take the new code and name; the others keep theirs.
  EXPECT_EQ(Admin1Of(**g, "Halabja"), "Halabja");
  EXPECT_EQ(Admin1Of(**g, "Khurmal"), "Halabja");
  EXPECT_EQ(Admin1Of(**g, "Sirwan"), "Halabja");
  EXPECT_EQ(Admin1Of(**g, "Sulaymaniyah"), "Sulaymaniyah");
  EXPECT_EQ(Admin1Of(**g, "Penjwen"), "Sulaymaniyah");     // not in the file
  EXPECT_EQ(Admin1Of(**g, "Said Sadiq"), "Sulaymaniyah");  // two codes there
  EXPECT_EQ(Admin1Of(**g, "Kalar"), "Sulaymaniyah");       // 0.07 degrees off
  EXPECT_EQ(Admin1Of(**g, "Chamchamal"), "Sulaymaniyah");  // "00" there
  const Entry* sulaymaniyah = (*g)->Admin1("IRQ", "Sulaymaniyah");
  ASSERT_NE(sulaymaniyah, nullptr);
  EXPECT_EQ(sulaymaniyah->population, 700000 + 10000 + 30000 + 40000 + 50000);
  // The admin2 code comes along: Halabja District has a place.
  std::vector<uint32_t> district = (*g)->Find("Halabja District");
  ASSERT_EQ(district.size(), 1u);
  EXPECT_EQ((*g)->entry(district[0]).admin1, "Halabja");
  EXPECT_EQ((*g)->Find("Sulaymaniyah District").size(), 1u);
  // Malformed entries: warned with their position, the rest used.
  for (const char* w : {"recode_admin_towns.json: entry 7: bad \"lat\"",
                        "recode_admin_towns.json: entry 8: not an object",
                        "recode_admin_towns.json: entry 9: \"admin1\" holds an object or array",
                        "recode_admin_towns.json: entry 10: country \"iq\"",
                        "recode_admin_towns.json: entry 11: no admin1"}) {
    EXPECT_TRUE(HasWarning(warnings, w)) << w << " in " << ::testing::PrintToString(warnings);
  }
  EXPECT_TRUE(HasWarning(warnings, "6 places of " + kTestdata +
                                       "recode_towns.tsv found, 4 took other admin codes, 1 "
                                       "ambiguous and 1 with admin1 codes not named"))
      << ::testing::PrintToString(warnings);
  EXPECT_NE((*g)->description().find("+admintowns"), std::string::npos);
  // A town only in the file becomes a place of unknown population in its
  // province; a short name does not; another spelling of a town at its point
  // becomes one of its names; a name at a town's point that does not start
  // like it (a district, a suburb) is neither.
  std::vector<uint32_t> bakrajo = (*g)->Find("Bakrajo");
  ASSERT_EQ(bakrajo.size(), 1u);
  EXPECT_EQ((*g)->entry(bakrajo[0]).admin1, "Sulaymaniyah");
  EXPECT_EQ((*g)->entry(bakrajo[0]).precision, GeoPrecision::kPoint);
  EXPECT_EQ((*g)->entry(bakrajo[0]).geonameid, 0);
  EXPECT_TRUE((*g)->Find("Anab").empty());
  EXPECT_EQ(Names(**g, "Halabja City"), std::vector<std::string>{"Halabja"});
  EXPECT_TRUE((*g)->Find("Zalm Bazar").empty());
  EXPECT_TRUE(HasWarning(warnings,
                         "1 towns only in the admin towns added, 1 gave a place "
                         "another spelling"))
      << ::testing::PrintToString(warnings);

  // Without the file: the old codes, and Halabja has no place to locate it.
  BuildSources plain = RecodeSources();
  plain.admin_towns.clear();
  warnings.clear();
  auto old = Gazetteer::Build(plain, &warnings);
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  EXPECT_EQ((*old)->Admin1("IRQ", "Halabja"), nullptr);
  EXPECT_EQ(Admin1Of(**old, "Halabja"), "Sulaymaniyah");
  EXPECT_TRUE(HasWarning(warnings, "admin1: 1 provinces without any place"));
}

TEST(GazetteerBuild, AdminTownsThatAreNoArrayOrBrokenJsonAreDataLoss) {
  BuildSources s = RecodeSources();
  std::vector<std::string> warnings;
  for (const char* bytes : {"{\"name\":\"Halabja\"}", "[{\"name\":\"Halabja\",\"lat\":", "42"}) {
    std::string path = TempPath("admin_towns.json");
    WriteAll(path, bytes);
    s.admin_towns = path;
    auto g = Gazetteer::Build(s, &warnings);
    std::filesystem::remove(path);
    ASSERT_FALSE(g.ok()) << bytes;
    EXPECT_EQ(g.status().code(), StatusCode::kDataLoss) << bytes;
    EXPECT_NE(g.status().message().find(path), std::string::npos) << g.status().ToString();
  }
  s.admin_towns = kTestdata + "no_such_towns.json";
  auto missing = Gazetteer::Build(s, &warnings);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

// Damaged admin-towns files: a warning, a DataLossError or a changed match,
// never a crash.
TEST(GazetteerBuild, DamagedAdminTownsNeverCrash) {
  const std::string good = ReadAll(kTestdata + "recode_admin_towns.json");
  ASSERT_FALSE(good.empty());
  std::string path = TempPath("damaged_admin_towns.json");
  BuildSources s = RecodeSources();
  s.admin_towns = path;
  std::mt19937 rng(11);
  for (int trial = 0; trial < 200; ++trial) {
    std::string bad = good;
    for (int k = 0; k < 1 + trial % 3; ++k)
      bad[rng() % bad.size()] = "[]{}\",:0a\\\x80 "[rng() % 12];
    if (trial % 5 == 0) bad.resize(rng() % bad.size());
    WriteAll(path, bad);
    std::vector<std::string> warnings;
    auto g = Gazetteer::Build(s, &warnings);
    if (!g.ok()) {
      EXPECT_EQ(g.status().code(), StatusCode::kDataLoss) << g.status().ToString();
    }
  }
  std::filesystem::remove(path);
}

// With country shapes, a province's point is the centroid of the land
// nearest to its places (testdata/province_area.tsv in the 36-42E, 32-37N
// square of shapes.json): Raqqa's four places crowd the south-west corner,
// Hamah's one place the north-east; each point moves into its share of land.
TEST(GazetteerBuild, ProvincePointIsTheCentroidOfItsLand) {
  BuildSources s;
  s.geonames_tsv = kTestdata + "province_area.tsv";
  s.admin1 = kTestdata + "admin1.json";
  s.countries_json = kTestdata + "countries.json";
  std::vector<std::string> warnings;
  auto boxed = Gazetteer::Build(s, &warnings);
  ASSERT_TRUE(boxed.ok()) << boxed.status().ToString();
  const Entry* raqqa_box = (*boxed)->Admin1("SYR", "Raqqa");
  ASSERT_NE(raqqa_box, nullptr);
  EXPECT_DOUBLE_EQ(raqqa_box->lat, (32.5 + 33.0) / 2);  // without shapes: the box
  EXPECT_DOUBLE_EQ(raqqa_box->lon, (36.5 + 37.0) / 2);
  s.country_shapes = kTestdata + "shapes.json";
  auto g = Gazetteer::Build(s, &warnings);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  const Entry* raqqa = (*g)->Admin1("SYR", "Raqqa");
  const Entry* hamah = (*g)->Admin1("SYR", "Hamah");
  ASSERT_NE(raqqa, nullptr);
  ASSERT_NE(hamah, nullptr);
  EXPECT_GT(raqqa->lat, 33.0);
  EXPECT_LT(raqqa->lat, 35.0);  // no further than 2 degrees beyond its places
  EXPECT_GT(raqqa->lon, 37.0);
  EXPECT_LT(hamah->lat, 36.5);
  EXPECT_GT(hamah->lat, 34.5);
  EXPECT_LT(hamah->lon, 41.5);
  EXPECT_GT(hamah->lon, 39.0);
}

// Other names of countries and provinces (testdata/aliases.tsv: our own rows).
TEST(GazetteerBuild, AliasesNameCountriesAndProvinces) {
  BuildSources s = TestSources();
  s.aliases_tsv = kTestdata + "aliases.tsv";
  std::vector<std::string> warnings;
  auto gaz = Gazetteer::Build(s, &warnings);
  ASSERT_TRUE(gaz.ok()) << gaz.status().ToString();
  const Gazetteer& g = *gaz.value();
  // A country alias; a province alias matched by the province's name without
  // its suffix ("Idlib" for "Idlib Governorate") or by a spelling variant
  // ("Hamah" for "Ḩamāh"), with the forms the text uses.
  EXPECT_EQ(Names(g, "Sham"), std::vector<std::string>{"Syria"});
  const Entry* idlib = g.Admin1("SYR", "Idlib");
  ASSERT_NE(idlib, nullptr);
  EXPECT_EQ(g.Admin1("SYR", "Rif Idlib"), idlib);
  std::vector<uint32_t> ids = g.Find("Rif Idlib province");
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(&g.entry(ids[0]), idlib);
  ASSERT_NE(g.Admin1("SYR", "Hamah"), nullptr);
  EXPECT_EQ(g.Admin1("SYR", "Hama Gov"), g.Admin1("SYR", "Hamah"));
  // An alias that is already its town's name ("Qandahar", the city's
  // alternate) names the province only with a designator: alone it stays the town's.
  ASSERT_NE(g.Admin1("AFG", "Kandahar"), nullptr);
  EXPECT_EQ(g.Admin1("AFG", "Qandahar"), g.Admin1("AFG", "Kandahar"));
  EXPECT_EQ(Names(g, "Qandahar"), std::vector<std::string>{"Kandahar"});
  EXPECT_EQ(g.Find("Qandahar province").size(), 1u);
  // Unknown countries and provinces, and malformed lines, are warnings with
  // their line; the good lines are kept.
  EXPECT_TRUE(HasWarning(warnings, "aliases.tsv:6: no country XYZ")) << warnings.size();
  EXPECT_TRUE(HasWarning(warnings, "aliases.tsv:7: no province \"No Such Province\" in SYR"));
  EXPECT_TRUE(HasWarning(warnings, "aliases.tsv:8: expected 3 tab-separated columns"));
  EXPECT_TRUE(HasWarning(warnings, "aliases.tsv:9: empty alias"));
  EXPECT_TRUE(g.Find("Nowhere Land").empty());
  EXPECT_TRUE(g.Find("Ghost").empty());
  // Without the file none of the aliases exist.
  auto plain = Gazetteer::Build(TestSources(), nullptr);
  ASSERT_TRUE(plain.ok());
  EXPECT_TRUE(plain.value()->Find("Sham").empty());
  EXPECT_EQ(plain.value()->Admin1("SYR", "Rif Idlib"), nullptr);
}

TEST(GazetteerBuild, MinPopulationKeepsSeats) {
  BuildSources s = TestSources();
  s.min_population = 20000;
  std::vector<std::string> warnings;
  auto g = Gazetteer::Build(s, &warnings);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_TRUE((*g)->Find("Tall Abyad").empty());  // 15,000
  std::vector<uint32_t> hamah = (*g)->Find("Hamah");
  ASSERT_EQ(hamah.size(), 2u);  // the city and its province; the village of 800 is gone
  EXPECT_EQ((*g)->entry(hamah[0]).geonameid, 1000002);
  EXPECT_FALSE((*g)->Find("Saraqib").empty());  // 30,000
}

TEST(GazetteerBuild, MissingSourceIsNotFound) {
  BuildSources s = TestSources();
  s.features_tsv = kTestdata + "no_such_file.tsv";
  std::vector<std::string> warnings;
  auto g = Gazetteer::Build(s, &warnings);
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().code(), StatusCode::kNotFound);
  EXPECT_NE(g.status().message().find("no_such_file.tsv"), std::string::npos);
}

TEST(GazetteerBuild, EmptySourcesGiveAnEmptyGazetteer) {
  std::vector<std::string> warnings;
  auto g = Gazetteer::Build(BuildSources{}, &warnings);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ((*g)->size(), 0u);
  EXPECT_TRUE((*g)->Find("Raqqa").empty());
  EXPECT_FALSE((*g)->IsPrefix("Raqqa"));
  EXPECT_EQ((*g)->Country("SYR"), nullptr);
  EXPECT_EQ((*g)->CountryOfDemonym("Syrian"), "");
}

TEST(GazetteerFile, SaveLoadRoundTrip) {
  std::vector<std::string> warnings;
  auto built = Gazetteer::Build(TestSources(), &warnings);
  ASSERT_TRUE(built.ok());
  std::string path = TempPath("roundtrip.sgz");
  ASSERT_TRUE(BuildIndex(TestSources(), path, &warnings).ok());
  auto loaded = Gazetteer::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const Gazetteer& a = **built;
  const Gazetteer& b = **loaded;
  EXPECT_EQ(a.size(), b.size());
  EXPECT_EQ(a.key_count(), b.key_count());
  EXPECT_EQ(a.description(), b.description());
  for (const char* q : {"Rakka", "Hama", "Deir al-Zor", "Caspian Sea", "Syria", "Idlib"}) {
    EXPECT_EQ(a.Find(q), b.Find(q)) << q;
  }
  for (uint32_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a.entry(i).name, b.entry(i).name);
    EXPECT_EQ(a.entry(i).lat, b.entry(i).lat);
    EXPECT_EQ(a.entry(i).admin1, b.entry(i).admin1);
  }
  EXPECT_EQ(b.CountryOfDemonym("Afghans"), "AFG");
  std::filesystem::remove(path);
}

class CorruptIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = TempPath("corrupt.sgz");
    std::vector<std::string> warnings;
    ASSERT_TRUE(BuildIndex(TestSources(), path_, &warnings).ok());
    good_ = ReadAll(path_);
    ASSERT_GT(good_.size(), sizeof(IndexHeader));
  }
  void TearDown() override { std::filesystem::remove(path_); }

  // Loads `bytes` from the file; must fail with DataLoss naming the file.
  void ExpectDataLoss(const std::string& bytes, const std::string& why_part) {
    WriteAll(path_, bytes);
    auto g = Gazetteer::Load(path_);
    ASSERT_FALSE(g.ok()) << why_part;
    EXPECT_EQ(g.status().code(), StatusCode::kDataLoss) << g.status().ToString();
    EXPECT_NE(g.status().message().find(path_), std::string::npos) << g.status().ToString();
    EXPECT_NE(g.status().message().find(why_part), std::string::npos) << g.status().ToString();
  }

  // `bytes` with the header's checksum recomputed (to reach the offset checks).
  static std::string Resealed(std::string bytes) {
    IndexHeader h;
    std::memcpy(&h, bytes.data(), sizeof h);
    h.checksum = Fnv1a64(std::string_view(bytes).substr(sizeof h));
    std::memcpy(bytes.data(), &h, sizeof h);
    return bytes;
  }

  std::string path_;
  std::string good_;
};

TEST_F(CorruptIndexTest, RefusesBadMagicVersionTruncationAndChecksum) {
  std::string bad = good_;
  bad[0] = 'X';
  ExpectDataLoss(bad, "bad magic");
  bad = good_;
  uint32_t version = kIndexFormatVersion + 1;
  std::memcpy(bad.data() + 8, &version, sizeof version);
  ExpectDataLoss(bad, "version 2");
  ExpectDataLoss(good_.substr(0, good_.size() - 8), "size does not match");
  ExpectDataLoss(good_.substr(0, 20), "too short");
  ExpectDataLoss("", "too short");
  bad = good_;
  bad[bad.size() / 2] ^= 0x40;
  ExpectDataLoss(bad, "checksum");
}

TEST_F(CorruptIndexTest, RefusesOffsetsOutOfBoundsEvenWithAValidChecksum) {
  IndexHeader h;
  std::memcpy(&h, good_.data(), sizeof h);
  std::string bad = good_;
  EntryRec r;
  std::memcpy(&r, bad.data() + h.entries_off, sizeof r);
  r.name.off = static_cast<uint32_t>(h.pool_size);  // one past: with len > 0 out of bounds
  r.name.len = 5;
  std::memcpy(bad.data() + h.entries_off, &r, sizeof r);
  ExpectDataLoss(Resealed(bad), "string out of bounds");

  bad = good_;
  KeyRec k;
  std::memcpy(&k, bad.data() + h.names_off, sizeof k);
  k.entry = static_cast<uint32_t>(h.entries_count);
  std::memcpy(bad.data() + h.names_off, &k, sizeof k);
  ExpectDataLoss(Resealed(bad), "key out of bounds");

  bad = good_;
  IndexHeader hb = h;
  hb.names_count = 1ULL << 40;
  std::memcpy(bad.data(), &hb, sizeof hb);
  ExpectDataLoss(bad, "name table out of bounds");
}

TEST_F(CorruptIndexTest, RandomHeaderAndBodyDamageNeverCrashes) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 400; ++trial) {
    std::string bad = good_;
    size_t pos = trial < 200 ? rng() % sizeof(IndexHeader) : rng() % bad.size();
    bad[pos] = static_cast<char>(rng());
    if (trial % 2) bad = Resealed(bad);
    WriteAll(path_, bad);
    auto g = Gazetteer::Load(path_);
    if (g.ok()) {  // damage that keeps the file valid: it must still answer
      (void)(*g)->Find("Raqqa");
      (void)(*g)->IsPrefix("deir");
      (void)(*g)->Country("SYR");
    } else {
      EXPECT_EQ(g.status().code(), StatusCode::kDataLoss);
    }
  }
}

TEST(GazetteerFile, MissingFileIsNotFound) {
  auto g = Gazetteer::Load(TempPath("does_not_exist.sgz"));
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().code(), StatusCode::kNotFound);
}

TEST(DefaultIndexPath, HonoursTheEnvironment) {
  const char* old = std::getenv("SITREP_GAZETTEER");
  std::string saved = old ? old : "";
  ::setenv("SITREP_GAZETTEER", "/some/where.sgz", 1);
  EXPECT_EQ(DefaultIndexPath(), "/some/where.sgz");
  ::unsetenv("SITREP_GAZETTEER");
  EXPECT_TRUE(DefaultIndexPath().ends_with("gazetteer.sgz"));
  if (old) ::setenv("SITREP_GAZETTEER", saved.c_str(), 1);
}

// The real index built by `make build` from the npm packages.
class RealGazetteerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string path = DefaultIndexPath();
    if (!std::filesystem::exists(path)) return;
    auto t0 = std::chrono::steady_clock::now();
    auto g = Gazetteer::Load(path);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!g.ok()) {
      load_error_ = new std::string(g.status().ToString());
      return;
    }
    gaz_ = std::move(g).value().release();
    std::printf("[ info ] %s: %s, %zu keys, loaded in %.3f s\n", path.c_str(),
                gaz_->description().c_str(), gaz_->key_count(), secs);
  }
  static void TearDownTestSuite() {
    delete gaz_;
    gaz_ = nullptr;
    delete load_error_;
    load_error_ = nullptr;
  }
  void SetUp() override {
    ASSERT_EQ(load_error_, nullptr) << *load_error_;
    if (!gaz_) {
      GTEST_SKIP() << "no gazetteer index at " << DefaultIndexPath()
                   << " (built by `make build` from node_modules; run scripts/setup.sh first)";
    }
  }
  const Entry& First(std::string_view q) {
    static const Entry kNone{};
    std::vector<uint32_t> ids = gaz_->Find(q);
    return ids.empty() ? kNone : gaz_->entry(ids[0]);
  }
  static Gazetteer* gaz_;
  static std::string* load_error_;
};
Gazetteer* RealGazetteerTest::gaz_ = nullptr;
std::string* RealGazetteerTest::load_error_ = nullptr;

TEST_F(RealGazetteerTest, RaqqaSpellings) {
  for (const char* q : {"Raqqa", "Rakka", "Ar-Raqqah", "al-Raqqa"}) {
    const Entry& e = First(q);
    EXPECT_EQ(e.name, "Ar Raqqah") << q;
    EXPECT_EQ(e.country, "SYR") << q;
  }
}

TEST_F(RealGazetteerTest, DeirEzZor) {
  for (const char* q : {"Deir ez-Zor", "Deir al-Zor", "Dayr az Zawr"}) {
    EXPECT_EQ(First(q).country, "SYR") << q;
    EXPECT_EQ(First(q).admin1, "Deir ez-Zor") << q;
  }
}

TEST_F(RealGazetteerTest, HamaProvinceIsAscii) {
  const Entry* hama = gaz_->Admin1("SYR", "Hama");
  ASSERT_NE(hama, nullptr);
  EXPECT_EQ(hama->name, "Hama");
  EXPECT_EQ(First("Hama").country, "SYR");
  EXPECT_EQ(First("Hama").admin1, "Hama");
  EXPECT_EQ(First("Ḩamāh").country, "SYR");
}

TEST_F(RealGazetteerTest, KandaharAndCountries) {
  const Entry& k = First("Kandahar");
  EXPECT_EQ(k.country, "AFG");
  EXPECT_NEAR(k.lat, 31.61, 0.1);
  EXPECT_NEAR(k.lon, 65.71, 0.1);
  EXPECT_NE(gaz_->Admin1("AFG", "Kandahar province"), nullptr);
  EXPECT_EQ(gaz_->CountryOfDemonym("Syrian"), "SYR");
  EXPECT_EQ(gaz_->CountryOfDemonym("Syrians"), "SYR");
  EXPECT_EQ(gaz_->CountryOfDemonym("Afghan"), "AFG");
  EXPECT_EQ(gaz_->CountryOfDemonym("Saudis"), "SAU");
  EXPECT_EQ(gaz_->CountryOfDemonym("Turks"), "TUR");
  EXPECT_EQ(gaz_->CountryOfDemonym("Britons"), "GBR");
  EXPECT_EQ(gaz_->CountryOfDemonym("Chinese"), "CHN");
  EXPECT_EQ(gaz_->CountryOfDemonym("Congolese"), "COD");  // the more populous Congo
  EXPECT_EQ(First("Syria").precision, GeoPrecision::kCountry);
  EXPECT_EQ(First("Syria").country, "SYR");
  EXPECT_EQ(First("UK").country, "GBR");
  EXPECT_EQ(First("Britain").country, "GBR");
  EXPECT_EQ(First("U.S.").country, "USA");
  EXPECT_EQ(First("US").precision, GeoPrecision::kCountry);
  EXPECT_EQ(First("Turkey").country, "TUR");  // from "Republic of Turkey"
  EXPECT_EQ(First("Turkey").precision, GeoPrecision::kCountry);
  // "Republic of the Congo" without "the", not the key "congo" (DR Congo first).
  EXPECT_EQ(First("Republic of Congo").country, "COG");
  EXPECT_EQ(First("Democratic Republic of Congo").country, "COD");
  for (uint32_t id : gaz_->Find("in")) {  // ISO2 "IN" is not a name of India
    EXPECT_NE(gaz_->entry(id).precision, GeoPrecision::kCountry);
  }
  EXPECT_TRUE(gaz_->IsPrefix("Deir"));
}

// Former names (data/geo/aliases.tsv) resolve to today's country; former
// states split since (data/geo/features.tsv) are regions of their own, not
// a town that has the name as an alternate ("USSR" was Ust-Nera's, "Persia"
// a New York village's).
TEST_F(RealGazetteerTest, FormerNamesAndFormerStates) {
  const std::pair<const char*, const char*> kFormer[] = {
      {"Persia", "IRN"},      {"Ceylon", "LKA"}, {"Rhodesia", "ZWE"}, {"Dahomey", "BEN"},
      {"Upper Volta", "BFA"}, {"Zaire", "COD"},  {"Burma", "MMR"}};
  for (const auto& [name, iso] : kFormer) {
    EXPECT_EQ(First(name).precision, GeoPrecision::kCountry) << name;
    EXPECT_EQ(First(name).country, iso) << name;
  }
  for (const char* q : {"USSR", "Soviet Union", "Yugoslavia", "former Yugoslavia"}) {
    EXPECT_EQ(First(q).precision, GeoPrecision::kFeature) << q;
    EXPECT_EQ(First(q).feature, "historic_region") << q;
  }
  EXPECT_EQ(First("U.S.S.R.").name, "Soviet Union");
}

// Transliterations no alternate name lists are found by their skeleton, in
// the countries whose names are transliterated only ("Bariyarpur" is no
// Indian "Bariarpur").
TEST_F(RealGazetteerTest, SkeletonsFindTransliterations) {
  for (const char* q : {"al-Miadin", "Meyadin", "Mayadin"}) {
    bool skeleton = false;
    std::vector<uint32_t> ids = gaz_->Find(q, &skeleton);
    ASSERT_FALSE(ids.empty()) << q;
    EXPECT_EQ(gaz_->entry(ids[0]).name, "Al Mayadin") << q;
    EXPECT_EQ(skeleton, std::string_view(q) == "al-Miadin") << q;  // the others are names
  }
  bool skeleton = false;
  for (uint32_t id : gaz_->Find("Bariyarpur", &skeleton)) EXPECT_NE(gaz_->entry(id).country, "IND");
}

}  // namespace
}  // namespace sitrep::geo
