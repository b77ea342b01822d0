// The date/distance helpers and scorers of context_eval.h on
// hand-written inputs and synthetic event records of the target shape
// (docs/events.md): nothing here reads the corpora or runs the binary.
#include <gtest/gtest.h>

#include "context_eval.h"

namespace sitrep::context_eval {
namespace {

TEST(SplitSources, SplitsAndTrims) {
  EXPECT_EQ(SplitSources("2013-01-03; 2013-01-04"),
            (std::vector<std::string>{"2013-01-03", "2013-01-04"}));
  EXPECT_EQ(SplitSources("one"), (std::vector<std::string>{"one"}));
  EXPECT_TRUE(SplitSources("  ").empty());
  EXPECT_EQ(SplitSources(";b"), (std::vector<std::string>{"", "b"}));
}

TEST(Dates, DayNumbersAndRanges) {
  EXPECT_EQ(DayNumber("1970-01-01"), 0);
  EXPECT_EQ(DayNumber("1970-01-02"), 1);
  EXPECT_EQ(DayNumber("2020-03-01").value() - DayNumber("2020-02-28").value(), 2);  // leap
  EXPECT_EQ(DayNumber("2019-03-01").value() - DayNumber("2019-02-28").value(), 1);
  EXPECT_FALSE(DayNumber("2019-02-29"));
  EXPECT_FALSE(DayNumber("2019-13-01"));
  EXPECT_FALSE(DayNumber("Thursday"));
  EXPECT_FALSE(DayNumber(""));
  EXPECT_EQ(DayNumber("2019-04"), DayNumber("2019-04-01"));
  EXPECT_EQ(DayNumber("2019"), DayNumber("2019-01-01"));

  auto month = DateValueRange("2019-02-10", "month");
  ASSERT_TRUE(month);
  EXPECT_EQ(month->first, DayNumber("2019-02-01"));
  EXPECT_EQ(month->last, DayNumber("2019-02-28"));
  auto year = DateValueRange("2016", "year");
  ASSERT_TRUE(year);
  EXPECT_EQ(year->last - year->first, 365);  // 2016 is a leap year
  auto week = DateValueRange("2019-04-08", "week");
  EXPECT_EQ(week->last - week->first, 6);
  auto day = DateValueRange("2019-04-08", "");
  EXPECT_EQ(day->last, day->first);
  EXPECT_FALSE(DateValueRange("soon", "day"));
}

TEST(HaversineKm, KnownDistances) {
  EXPECT_DOUBLE_EQ(HaversineKm(33.5, 36.3, 33.5, 36.3), 0.0);
  // Beirut (33.89, 35.50) to Damascus (33.51, 36.29): about 84 km.
  double d = HaversineKm(33.89, 35.50, 33.51, 36.29);
  EXPECT_GT(d, 80);
  EXPECT_LT(d, 90);
  // One degree of latitude is about 111 km.
  EXPECT_NEAR(HaversineKm(0, 0, 1, 0), 111.2, 0.5);
}

// A tiny UCDP-shaped file written by hand: the columns LoadUcdp needs, in a
// different order from the real file, plus one it ignores.
constexpr char kUcdpCsv[] =
    "\"id\",\"extra\",\"source_date\",\"source_headline\",\"date_start\",\"date_end\","
    "\"latitude\",\"longitude\",\"best\",\"low\",\"high\",\"where_prec\","
    "\"where_description\",\"adm_1\",\"country\",\"type_of_violence\"\n"
    // usable; two sources: the first headline and date are taken
    "101,\"x\",\"2015-04-20;2015-04-21\",\"Ten soldiers killed in Idlib; Rebels shell Hama\","
    "2015-04-19,2015-04-20,35.93,36.63,10,8,12,1,\"Idlib city\",\"Idlib governorate\","
    "\"Syria\",1\n"
    // no headline
    "102,\"x\",\"2015-04-20\",\"\",2015-04-19,2015-04-20,35.0,36.0,1,1,1,1,\"\",\"\",\"Syria\",1\n"
    // headline but no date
    "103,\"x\",\"\",\"Army says 3 killed\",2015-04-19,2015-04-20,35.0,36.0,3,3,3,1,\"\",\"\","
    "\"Syria\",1\n"
    // wrong field count
    "104,\"x\",\"2015-04-20\",\"Short row\"\n"
    // unreadable coordinates
    "105,\"x\",\"2015-04-20\",\"Bad lat\",2015-04-19,2015-04-20,north,36.0,3,3,3,1,\"\",\"\","
    "\"Syria\",1\n";

TEST(LoadUcdp, KeepsUsableRowsAndCountsTheRest) {
  auto set = LoadUcdp(kUcdpCsv);
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(set->rows, 5);
  ASSERT_EQ(set->events.size(), 1u);
  EXPECT_EQ(set->no_headline, 1);
  EXPECT_EQ(set->no_date, 1);
  EXPECT_EQ(set->bad_rows, 2);
  ASSERT_EQ(set->warnings.size(), 2u);
  EXPECT_NE(set->warnings[0].find("line 5"), std::string::npos) << set->warnings[0];
  const UcdpEvent& e = set->events[0];
  EXPECT_EQ(e.id, "101");
  EXPECT_EQ(e.source_date, "2015-04-20");
  EXPECT_EQ(e.headline, "Ten soldiers killed in Idlib");
  EXPECT_EQ(e.headlines, 2);
  EXPECT_DOUBLE_EQ(e.lat, 35.93);
  EXPECT_EQ(e.low, 8);
  EXPECT_EQ(e.high, 12);
  EXPECT_EQ(e.adm_1, "Idlib governorate");

  std::string docs = UcdpDocumentsJsonl(set->events);
  Json j = Json::parse(docs);
  EXPECT_EQ(j["id"], "101");
  EXPECT_EQ(j["date"], "2015-04-20");
  EXPECT_EQ(j["text"], "Ten soldiers killed in Idlib");
}

TEST(LoadUcdp, MissingColumnIsNamed) {
  auto set = LoadUcdp("id,source_date\n1,2015-01-01\n");
  ASSERT_FALSE(set.ok());
  EXPECT_NE(set.status().message().find("source_headline"), std::string::npos);
}

// A record of the target shape with the context fields given as JSON text.
std::string Record(const std::string& doc, int k, const std::string& root,
                   const std::string& context) {
  return "{\"schema\":\"sitrep.event/1\",\"id\":\"" + doc + ":0:" + std::to_string(k) +
         "\",\"doc_id\":\"" + doc + "\",\"cameo\":\"" + root + "0\",\"cameo_root\":\"" + root +
         "\",\"trigger\":{\"text\":\"killed\"}" + context + "}\n";
}

TEST(GroupRecords, GroupsByDocAndSkipsNonRecords) {
  std::string out = Record("a", 0, "01", "") + "not json\n" + "{\"no_doc\":1}\n\n" +
                    Record("b", 0, "19", "") + Record("a", 1, "18", "");
  RecordsByDoc r = GroupRecords(out);
  EXPECT_EQ(r.records, 3);
  EXPECT_EQ(r.skipped_lines, 2);
  ASSERT_EQ(r.docs["a"].size(), 2u);
  EXPECT_EQ(r.docs["a"][1]["cameo_root"], "18");
}

TEST(MainEvent, FirstViolentElseFirstNonReporterElseFirst) {
  EXPECT_EQ(MainEvent({}), nullptr);
  RecordsByDoc r = GroupRecords(Record("a", 0, "01", "") + Record("a", 1, "04", "") +
                                Record("a", 2, "19", "") + Record("a", 3, "18", ""));
  EXPECT_EQ((*MainEvent(r.docs["a"]))["id"], "a:0:2");

  // "Police said X met Y": the statement only reports the meeting.
  RecordsByDoc s =
      GroupRecords(Record("s", 0, "01", "") + Record("s", 1, "04", ",\"reported_by\":\"s:0:0\""));
  EXPECT_EQ((*MainEvent(s.docs["s"]))["id"], "s:0:1");

  RecordsByDoc t = GroupRecords(Record("t", 0, "01", ""));
  EXPECT_EQ((*MainEvent(t.docs["t"]))["id"], "t:0:0");
}

TEST(CasualtyCount, NumbersStringsAndNulls) {
  Json j = Json::parse(
      R"({"fatalities":{"count":4,"qualifier":"at_least"},"injured":{"count":"12"},
          "arrested":null})");
  EXPECT_EQ(CasualtyCount(j, "fatalities"), 4.0);
  EXPECT_EQ(CasualtyCount(j, "injured"), 12.0);
  EXPECT_FALSE(CasualtyCount(j, "arrested"));
  EXPECT_FALSE(CasualtyCount(j, "missing"));
}

UcdpEvent Gold() {
  UcdpEvent g;
  g.id = "101";
  g.headline = "Ten soldiers killed in Idlib";
  g.source_date = "2015-04-20";
  g.date_start = "2015-04-18";
  g.date_end = "2015-04-19";
  g.lat = 35.93;
  g.lon = 36.63;
  g.best = 10;
  g.low = 8;
  g.high = 12;
  return g;
}

const std::string kNear =
    ",\"location\":{\"text\":\"Idlib\",\"name\":\"Idlib\",\"country\":\"SYR\",\"lat\":35.9306,"
    "\"lon\":36.6339,\"precision\":\"city\"}";
const std::string kFar =  // Aleppo, ~60 km away
    ",\"location\":{\"text\":\"Aleppo\",\"name\":\"Aleppo\",\"country\":\"SYR\",\"lat\":36.2021,"
    "\"lon\":37.1343,\"precision\":\"city\"}";
const std::string kNoCoords =
    ",\"location\":{\"text\":\"Jabal Wastani\",\"name\":null,\"lat\":null,\"lon\":null}";

TEST(ScoreUcdpHeadline, AllRight) {
  UcdpEvent g = Gold();
  RecordsByDoc r = GroupRecords(Record(
      "101", 0, "19",
      kNear + ",\"date\":{\"value\":\"2015-04-19\",\"precision\":\"day\",\"text\":\"on Sunday\"," +
          "\"basis\":\"sentence\"},\"fatalities\":{\"count\":10,\"qualifier\":\"exact\"}"));
  UcdpHeadlineScore s = ScoreUcdpHeadline(g, r.docs["101"]);
  EXPECT_EQ(s.place, Outcome::kRight);
  EXPECT_LT(s.km, 1.0);
  EXPECT_EQ(s.date, Outcome::kRight);
  EXPECT_TRUE(s.date_from_text);
  EXPECT_EQ(s.deaths, Outcome::kRight);
  EXPECT_TRUE(s.any_event_deaths);
}

TEST(ScoreUcdpHeadline, WrongPlaceStoryDateOutsideAndCountAboveHigh) {
  UcdpEvent g = Gold();
  RecordsByDoc r = GroupRecords(
      Record("101", 0, "19",
             kFar + ",\"date\":{\"value\":\"2015-04-20\",\"precision\":\"day\",\"text\":null," +
                 "\"basis\":\"story_date\"},\"fatalities\":{\"count\":200}"));
  UcdpHeadlineScore s = ScoreUcdpHeadline(g, r.docs["101"]);
  EXPECT_EQ(s.place, Outcome::kWrong);
  EXPECT_GT(s.km, 50);
  EXPECT_EQ(s.date, Outcome::kWrong);  // the story date is the day after the event
  EXPECT_FALSE(s.date_from_text);
  EXPECT_EQ(s.deaths, Outcome::kWrong);
}

TEST(ScoreUcdpHeadline, NullsAndCoarseDates) {
  UcdpEvent g = Gold();
  RecordsByDoc r = GroupRecords(
      Record("101", 0, "19",
             kNoCoords + ",\"date\":{\"value\":\"2015-04-01\",\"precision\":\"month\"," +
                 "\"text\":\"in April\"},\"fatalities\":null") +
      Record("101", 1, "19", ",\"fatalities\":{\"count\":9}"));
  UcdpHeadlineScore s = ScoreUcdpHeadline(g, r.docs["101"]);
  EXPECT_EQ(s.place, Outcome::kNull);
  EXPECT_TRUE(s.place_named);
  EXPECT_EQ(s.date, Outcome::kWrong);  // month precision is not a day in range...
  EXPECT_TRUE(s.date_overlaps);        // ...but it covers it
  EXPECT_EQ(s.deaths, Outcome::kNull);
  EXPECT_TRUE(s.any_event_deaths);  // the second event has 9

  UcdpHeadlineScore none = ScoreUcdpHeadline(g, {});
  EXPECT_EQ(none.place, Outcome::kNoEvent);
  EXPECT_EQ(none.date, Outcome::kNoEvent);
  EXPECT_EQ(none.deaths, Outcome::kNoEvent);
}

TEST(ScoreUcdpHeadline, InconsistentGoldRangeIsWidenedToBest) {
  // A row like 406097: best 18, low 18, high 17.
  UcdpEvent g = Gold();
  g.best = 18;
  g.low = 18;
  g.high = 17;
  EXPECT_EQ(g.deaths_min(), 17);
  EXPECT_EQ(g.deaths_max(), 18);
  RecordsByDoc r = GroupRecords(Record("101", 0, "19", ",\"fatalities\":{\"count\":18}"));
  EXPECT_EQ(ScoreUcdpHeadline(g, r.docs["101"]).deaths, Outcome::kRight);
  RecordsByDoc r2 = GroupRecords(Record("101", 0, "19", ",\"fatalities\":{\"count\":19}"));
  EXPECT_EQ(ScoreUcdpHeadline(g, r2.docs["101"]).deaths, Outcome::kWrong);
}

TEST(ScoreUcdp, SharesOverHeadlinesAndOverProduced) {
  std::vector<UcdpEvent> golds(3, Gold());
  golds[1].id = "102";
  golds[2].id = "103";  // no records at all
  golds[2].low = 0;
  RecordsByDoc r =
      GroupRecords(Record("101", 0, "19", kNear + ",\"fatalities\":{\"count\":11}") +
                   Record("102", 0, "19", kFar + ",\"date\":{\"value\":\"2015-04-19\"}"));
  UcdpSummary s = ScoreUcdp(golds, r);
  EXPECT_EQ(s.headlines, 3);
  EXPECT_EQ(s.with_event, 2);
  EXPECT_EQ(s.place.right, 1);
  EXPECT_EQ(s.place.wrong, 1);
  EXPECT_EQ(s.place.no_event, 1);
  EXPECT_EQ(s.place.produced(), 2);
  EXPECT_EQ(s.date.right, 1);
  EXPECT_EQ(s.date.null, 1);
  EXPECT_EQ(s.deaths.right, 1);
  EXPECT_EQ(s.deaths.null, 1);
  EXPECT_EQ(s.km_50, 1);
  EXPECT_EQ(s.km_161, 1);
  EXPECT_EQ(s.place_by_our_precision["city"].right, 1);
  EXPECT_EQ(s.place_by_our_precision["city"].wrong, 1);
  EXPECT_EQ(s.place_by_our_precision.count("none"), 0u);  // headline 103 had no event
  EXPECT_EQ(s.story_date_in_range, 0);                    // 2015-04-20 is after [18, 19]
  std::string text = FormatUcdpSummary(s);
  EXPECT_NE(text.find("0.333 (1/3)"), std::string::npos) << text;
  EXPECT_NE(text.find("0.500 (1/2)"), std::string::npos) << text;
  std::string profile = FormatUcdpGoldProfile(golds);
  EXPECT_NE(profile.find("one day 0, 2-7 days 3"), std::string::npos) << profile;
  EXPECT_NE(profile.find("1 day after 3"), std::string::npos) << profile;
  std::string dis = FormatUcdpDisagreements(s, 30);
  EXPECT_NE(dis.find("## PLACE wrong: 1 headlines"), std::string::npos) << dis;
  EXPECT_NE(dis.find("Aleppo"), std::string::npos);
}

TEST(LoadPlover, SkipsTheHeaderAndReadsStringCounts) {
  auto recs = LoadPlover(R"([
    {"id":"DOC","event":"DOCUMENT","text":"not a record"},
    {"id":"P1","event":"ASSAULT","text":"A bomb killed 3 people in Basra.","dead":"3",
     "eventLoc":{"name":"Basra","country code":"IQ"}},
    {"id":"P2","event":"FIGHT","text":"Clashes left 2 dead and 5 injured.","dead":2,"injured":"5"},
    {"id":"P3","event":"AGREE","text":"They agreed."},
    {"id":"P4","event":"AGREE"}])");
  ASSERT_TRUE(recs.ok()) << recs.status().ToString();
  ASSERT_EQ(recs->size(), 3u);
  EXPECT_EQ((*recs)[0].dead, 3);
  EXPECT_EQ((*recs)[0].loc_name, "Basra");
  EXPECT_EQ((*recs)[0].loc_country, "IQ");
  EXPECT_EQ((*recs)[1].injured, 5);
  EXPECT_FALSE((*recs)[2].dead);
  EXPECT_FALSE(LoadPlover("{\"a\":1}").ok());
  EXPECT_FALSE(LoadPlover("[1,").ok());
}

TEST(SamePlaceName, LooseButNotTooLoose) {
  EXPECT_TRUE(SamePlaceName("Herat", "province of Herat"));
  EXPECT_TRUE(SamePlaceName("the Bosnian town of Gorazde", "Gorazde"));
  EXPECT_TRUE(SamePlaceName("BASRA", "Basra"));
  EXPECT_FALSE(SamePlaceName("Basra", "Baghdad"));
  EXPECT_FALSE(SamePlaceName("", "Basra"));
  EXPECT_FALSE(SamePlaceName("province", "province of Herat"));
  EXPECT_TRUE(SamePlaceName("Algiers", "Algers"));
  EXPECT_TRUE(SamePlaceName("Sarajevo", "Sarjevo"));
  EXPECT_FALSE(SamePlaceName("Kathmandu", "Khatmandu"));  // two edits
  EXPECT_FALSE(SamePlaceName("Homs", "Hama"));            // short words: exact only
  EXPECT_FALSE(SamePlaceName("Iran", "Iraq"));
  EXPECT_FALSE(SamePlaceName("West Bank", "Bank of Jericho"));  // every word must match
}

TEST(ScorePlover, CountsAndPlaces) {
  std::vector<PloverRecord> gold(3);
  gold[0].id = "P1";
  gold[0].dead = 3;
  gold[0].loc_name = "Basra";
  gold[1].id = "P2";
  gold[1].dead = 2;
  gold[1].injured = 5;
  gold[2].id = "P3";  // no casualties in gold
  RecordsByDoc coded = GroupRecords(
      Record(
          "P1", 0, "18",
          ",\"fatalities\":{\"count\":3},\"location\":{\"text\":\"in Basra\",\"name\":\"Basra\"}") +
      Record("P2", 0, "19", ",\"fatalities\":{\"count\":7},\"injured\":null") +
      Record("P2", 1, "19", ",\"fatalities\":{\"count\":2}") +
      Record("P3", 0, "04", ",\"fatalities\":{\"count\":1}"));
  PloverSummary s = ScorePlover(gold, coded);
  EXPECT_EQ(s.records, 3);
  EXPECT_EQ(s.dead.gold, 2);
  EXPECT_EQ(s.dead.main_exact, 1);
  EXPECT_EQ(s.dead.any_exact, 2);
  EXPECT_EQ(s.dead.found, 2);
  EXPECT_EQ(s.dead.spurious, 1);
  EXPECT_EQ(s.injured.gold, 1);
  EXPECT_EQ(s.injured.main_null, 1);
  EXPECT_EQ(s.loc_gold, 1);
  EXPECT_EQ(s.loc_same, 1);
  EXPECT_NE(FormatPloverSummary(s).find("main event count exact      0.500 (1/2)"),
            std::string::npos)
      << FormatPloverSummary(s);
}

TEST(RunSitrepCode, MissingBinaryIsNotFound) {
  auto out = RunSitrepCode({.binary = "/nonexistent/sitrep",
                            .input = "/nonexistent/x.jsonl",
                            .extra_args = "",
                            .work_dir = ""});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace sitrep::context_eval
