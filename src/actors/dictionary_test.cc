#include "actors/dictionary.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sitrep::actors {
namespace {

std::unique_ptr<Dictionary> Build(const std::string& file, const std::string& text) {
  std::vector<std::pair<std::string, std::string>> files = {
      {"countries.txt",
       "SYR | Syria | Syrian; Syrians | Damascus\nRUS | Russia | Russian | Moscow\n"},
      {"agents.txt", "troops | MIL\n"}};
  if (!file.empty()) files.emplace_back(file, text);
  return Dictionary::FromTexts(files);
}

// Walks the trie over lowercased words; returns the node or kNoNode.
int32_t Walk(const Dictionary& d, const std::vector<std::string>& words) {
  int32_t node = 0;
  std::string key;
  for (const std::string& w : words) {
    Dictionary::NormalizeKey(w, &key);
    node = d.Child(node, d.TokenId(key));
    if (node == Dictionary::kNoNode) return node;
  }
  return node;
}

TEST(DictionaryTest, CountriesDemonymsCapitals) {
  auto d = Build("", "");
  EXPECT_TRUE(d->warnings().empty());
  EXPECT_EQ(d->Count(EntryType::kCountry), 2u);
  EXPECT_EQ(d->Count(EntryType::kDemonym), 2u);
  EXPECT_EQ(d->Count(EntryType::kCapital), 2u);
  EXPECT_TRUE(d->IsCountryCode("SYR"));
  EXPECT_FALSE(d->IsCountryCode("MIL"));
  int32_t n = Walk(*d, {"Syrians"});
  ASSERT_NE(n, Dictionary::kNoNode);
  ASSERT_EQ(d->AliasesAt(n).size(), 1u);
  const Entry& e = d->entries()[d->AliasesAt(n)[0].entry];
  EXPECT_EQ(e.type, EntryType::kDemonym);
  EXPECT_EQ(e.country, "SYR");
  EXPECT_EQ(d->AliasesAt(n)[0].case_pattern, std::vector<uint8_t>{1});
}

TEST(DictionaryTest, MalformedLinesAreWarningsWithFileAndLine) {
  auto d = Build("people.txt",
                 "# comment\n"
                 "Sergei Lavrov; Lavrov | RUS | GOV 2004-03-09.. foreign minister\n"
                 "Nobody | RUS\n"                                 // line 3: two fields
                 "Somebody | XXX | GOV 2001-01-01..2002-01-01\n"  // line 4: unknown country
                 "Someone | RUS | GOV 2005-13-01..\n"             // line 5: bad date
                 "Other | RUS | G0V 2005-01-01..\n"               // line 6: bad code
                 "Late | RUS | GOV 2010-01-01..2009-01-01\n"      // line 7: reversed range
                 "\xff\xfe | RUS | GOV\n");                       // line 8: odd bytes, fine
  std::vector<std::string> w = d->warnings();
  ASSERT_EQ(w.size(), 5u) << testing::PrintToString(w);
  EXPECT_EQ(w[0].rfind("people.txt:3: ", 0), 0u) << w[0];
  EXPECT_EQ(w[1].rfind("people.txt:4: ", 0), 0u) << w[1];
  EXPECT_EQ(w[2].rfind("people.txt:5: ", 0), 0u) << w[2];
  EXPECT_EQ(w[3].rfind("people.txt:6: ", 0), 0u) << w[3];
  EXPECT_EQ(w[4].rfind("people.txt:7: ", 0), 0u) << w[4];
  EXPECT_EQ(d->Count(EntryType::kPerson), 2u);
}

TEST(DictionaryTest, MalformedAgentsAndGroups) {
  auto d = Dictionary::FromTexts({{"countries.txt", "SYR | Syria\nsyr | Syria\nSYR\n"},
                                  {"agents.txt", "troops | MIL\npolice | cop\nx | MIL | loud\n"},
                                  {"groups.txt", "IMGMOSISI | Islamic State\nISIS\n| ISIS\n"},
                                  {"references.txt", "group | gang\n"},
                                  {"other.txt", "x"}});
  std::vector<std::string> w = d->warnings();
  std::string all;
  for (const std::string& s : w) all += s + "\n";
  EXPECT_NE(all.find("countries.txt:2: "), std::string::npos) << all;
  EXPECT_NE(all.find("countries.txt:3: "), std::string::npos) << all;
  EXPECT_NE(all.find("agents.txt:2: "), std::string::npos) << all;
  EXPECT_NE(all.find("agents.txt:3: "), std::string::npos) << all;
  EXPECT_NE(all.find("groups.txt:2: "), std::string::npos) << all;
  EXPECT_NE(all.find("groups.txt:3: "), std::string::npos) << all;
  EXPECT_NE(all.find("references.txt:1: "), std::string::npos) << all;
  EXPECT_NE(all.find("other.txt"), std::string::npos) << all;
  EXPECT_EQ(d->Count(EntryType::kGroup), 1u);
  EXPECT_EQ(d->Count(EntryType::kAgent), 1u);
}

TEST(DictionaryTest, DateRangedCodes) {
  auto d = Build("groups.txt",
                 "AFGGOVTAL 1996-09-27..2001-11-13; AFGINSTAL 2001-11-14..2021-08-14; "
                 "AFGGOVTAL 2021-08-15.. | Taliban\n");
  ASSERT_TRUE(d->warnings().empty()) << d->warnings()[0];
  const Entry* tal = nullptr;
  for (const Entry& e : d->entries()) {
    if (e.type == EntryType::kGroup) tal = &e;
  }
  ASSERT_NE(tal, nullptr);
  EXPECT_EQ(d->CodeOn(*tal, "2019-04-12"), "AFGINSTAL");
  EXPECT_EQ(d->CodeOn(*tal, "2021-08-15"), "AFGGOVTAL");
  EXPECT_EQ(d->CodeOn(*tal, "1999-01-01"), "AFGGOVTAL");
  EXPECT_EQ(d->CodeOn(*tal, ""), "AFGGOVTAL");  // no date: the most recent
  EXPECT_EQ(d->CodeOn(*tal, "garbage"), "AFGGOVTAL");
}

TEST(DictionaryTest, PeopleOutOfOfficeAreElite) {
  auto d =
      Build("people.txt", "Barack Obama; Obama | SYR | GOV 2009-01-20..2017-01-20 president\n");
  const Entry& e = d->entries().back();
  EXPECT_EQ(d->CodeOn(e, "2010-05-01"), "SYRGOV");
  EXPECT_EQ(d->CodeOn(e, "2017-01-20"), "SYRGOV");
  EXPECT_EQ(d->CodeOn(e, "2018-01-01"), "SYRELI");
  EXPECT_EQ(d->CodeOn(e, "2018-01-01T10:00:00Z"), "SYRELI");
  EXPECT_EQ(e.codes[0].note, "president");
}

TEST(DictionaryTest, HyphenatedNamesAlsoMatchSplit) {
  auto d = Build("groups.txt", "IMGMOSALQ | al-Qaeda\n");
  EXPECT_NE(Walk(*d, {"al-Qaeda"}), Dictionary::kNoNode);
  EXPECT_NE(Walk(*d, {"al", "Qaeda"}), Dictionary::kNoNode);
  EXPECT_NE(Walk(*d, {"al", "-", "Qaeda"}), Dictionary::kNoNode);
  EXPECT_FALSE(d->AliasesAt(Walk(*d, {"al", "Qaeda"})).empty());
}

TEST(DictionaryTest, PossessiveAndApostrophes) {
  auto d = Build("groups.txt", "SYRSEPYPG | People's Protection Units\n");
  EXPECT_FALSE(d->AliasesAt(Walk(*d, {"People", "'s", "Protection", "Units"})).empty());
  EXPECT_FALSE(d->AliasesAt(Walk(*d, {"People", "\xE2\x80\x99s", "Protection", "Units"})).empty());
}

TEST(DictionaryTest, LoadMissingDirectoryIsNotFound) {
  auto d = Dictionary::Load("/nonexistent/actors");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), StatusCode::kNotFound);
}

// The committed dictionaries load without a single warning.
TEST(DictionaryTest, CommittedDictionariesAreClean) {
  auto d = Dictionary::Load(std::string(SITREP_SOURCE_DIR) + "/data/actors");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  std::string all;
  for (const std::string& w : (*d)->warnings()) all += w + "\n";
  EXPECT_TRUE((*d)->warnings().empty()) << all;
  EXPECT_GE((*d)->Count(EntryType::kCountry), 249u);
  EXPECT_GE((*d)->Count(EntryType::kPerson), 300u);
  EXPECT_GE((*d)->Count(EntryType::kGroup), 50u);
}

}  // namespace
}  // namespace sitrep::actors
