#include "petrarch/records.h"

#include <gtest/gtest.h>

namespace sitrep::petrarch {
namespace {

constexpr char kXml[] = R"(<Validation>
<!-- a comment with <Sentence> inside -->
<Environment>
  <Verbfile>verbs.txt</Verbfile>
  <Actorfile>actors.txt</Actorfile>
  <Config option="stop_on_error" value="True"></Config>
</Environment>
<Sentences>
<Sentence date = "19950101" id ="T-01" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<EventCoding sourcecode='"INJURY TOLL"' targetcode="GON" eventcode="223"></EventCoding>
<Text>
Arnor &amp; friends
restored ties.
</Text>
<Parse>(ROOT (S (NP (NNP Arnor)) (VP (VBD restored))))</Parse>
</Sentence>
<Config option="require_dyad" value="false"></Config>
<Sentence date="19950102" id="T-02" category="ERROR" sentence="false">
<EventCoding error="bad_input_parse"></EventCoding>
<Text>x</Text><Parse>(ROOT</Parse>
</Sentence>
<Sentence date="19950103" id="T-03" category="DEMO">
<EventCoding noevents="True"></EventCoding>
<Text>y</Text><Parse>(ROOT (NN y))</Parse>
</Sentence>
</Sentences>
</Validation>
)";

TEST(RecordsTest, ReadsSentencesConfigAndEnvironment) {
  auto f = ParseRecords(kXml);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->environment["Verbfile"], "verbs.txt");
  ASSERT_EQ(f->records.size(), 3u);
  const Record& r = f->records[0];
  EXPECT_EQ(r.id, "T-01");
  EXPECT_EQ(r.date, "19950101");
  EXPECT_TRUE(r.sentence);
  EXPECT_EQ(r.text, "Arnor & friends restored ties.");
  EXPECT_EQ(r.parse, "(ROOT (S (NP (NNP Arnor)) (VP (VBD restored))))");
  ASSERT_EQ(r.expected.size(), 2u);
  EXPECT_EQ(r.expected[0].source, "ARN");
  EXPECT_EQ(r.expected[1].source, "\"INJURY TOLL\"");
  EXPECT_EQ(r.config.at("stop_on_error"), "True");
  EXPECT_EQ(r.config.count("require_dyad"), 0u);
  EXPECT_EQ(f->records[1].config.at("require_dyad"), "false");
  EXPECT_FALSE(f->records[1].sentence);
  EXPECT_EQ(f->records[1].expected[0].kind, ExpectedCoding::Kind::kError);
  EXPECT_EQ(f->records[1].expected[0].error, "bad_input_parse");
  EXPECT_TRUE(f->records[2].sentence);  // default
  EXPECT_EQ(f->records[2].expected[0].kind, ExpectedCoding::Kind::kNoEvents);
}

TEST(RecordsTest, ReportsBrokenXml) {
  EXPECT_FALSE(ParseRecords("<Validation><Sentence id=\"x\"><Text>a</Sentence></Validation>").ok());
  EXPECT_FALSE(ParseRecords("<Validation><!-- never closed").ok());
  EXPECT_FALSE(ParseRecords("<Validation><Sentence").ok());
  EXPECT_FALSE(ParseRecords("<Validation>").ok());
  EXPECT_FALSE(ReadRecordsFile("/nonexistent/records.xml").ok());
}

TEST(RecordsTest, GarbageDoesNotCrash) {
  std::string s;
  for (int i = 0; i < 3000; ++i) s.push_back(static_cast<char>((i * 7919) % 256));
  (void)ParseRecords(s);
  (void)ParseRecords("<<<>>>< / ><a b=\"c></a>");
  SUCCEED();
}

}  // namespace
}  // namespace sitrep::petrarch
