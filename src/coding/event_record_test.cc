#include "coding/event_record.h"

#include <gtest/gtest.h>

#include <limits>
#include <set>

namespace sitrep {
namespace {

// "Police said gunmen attacked a checkpoint." tokenised and parsed by hand:
// said(1) <- Police(0) nsubj; attacked(3) ccomp of said; gunmen(2) nsubj.
Document PoliceDocument() {
  Document doc;
  doc.id = "kdh-0412";
  doc.date = "2019-04-12";
  doc.text = "Police said gunmen attacked a checkpoint.";
  const char* words[] = {"Police", "said", "gunmen", "attacked", "a", "checkpoint", "."};
  const char* lemmas[] = {"police", "say", "gunman", "attack", "a", "checkpoint", "."};
  uint32_t pos = 0;
  for (int i = 0; i < 7; ++i) {
    Token t;
    pos = static_cast<uint32_t>(doc.text.find(words[i], pos));
    t.begin = pos;
    t.end = pos + static_cast<uint32_t>(std::string_view(words[i]).size());
    pos = t.end;
    t.lemma = lemmas[i];
    doc.tokens.push_back(t);
  }
  doc.sentences.push_back({0, static_cast<uint32_t>(doc.text.size()), 0, 7, 0});
  ActorMention police;
  police.token_begin = 0;
  police.token_end = 1;
  police.kind = ActorMention::Kind::kAgent;
  police.code = "---COP";
  police.sector = "COP";
  ActorMention gunmen;
  gunmen.token_begin = 2;
  gunmen.token_end = 3;
  gunmen.head = 2;
  gunmen.kind = ActorMention::Kind::kAgent;
  gunmen.code = "---UAF";
  gunmen.sector = "UAF";
  ActorMention checkpoint;
  checkpoint.token_begin = 4;
  checkpoint.token_end = 6;
  checkpoint.head = 5;
  doc.mentions = {police, gunmen, checkpoint};
  Event say;
  say.trigger_begin = 1;
  say.trigger_end = 2;
  say.trigger_head = 1;
  say.cameo = "010";
  say.source = 0;
  say.confidence = 0.9f;
  Event attack;
  attack.trigger_begin = 3;
  attack.trigger_end = 4;
  attack.trigger_head = 3;
  attack.cameo = "190";
  attack.source = 1;
  attack.target = 2;
  attack.reported_by = 0;
  attack.confidence = 0.8f;
  doc.events = {say, attack};
  return doc;
}

class EventRecordTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto t = cameo::Table::LoadDefault();
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    table_ = std::move(*t);
  }
  std::unique_ptr<cameo::Table> table_;
};

TEST_F(EventRecordTest, EveryContractFieldIsPresent) {
  Document doc = PoliceDocument();
  EventRecorder rec(table_.get(), nullptr);
  auto records = rec.Records(doc, "sitrep");
  ASSERT_EQ(records.size(), 2u);
  const nlohmann::ordered_json& r = records[1];
  for (const char* field :
       {"schema",      "id",         "doc_id",      "doc_date",   "sentence_index", "sentence",
        "span",        "trigger",    "cameo",       "cameo_root", "cameo_label",    "quad_class",
        "goldstein",   "plover",     "acled",       "source",     "target",         "location",
        "date",        "fatalities", "attribution", "negated",    "confidence",     "modality",
        "reported_by", "coder",      "issues"}) {
    EXPECT_TRUE(r.contains(field)) << field;
  }
  EXPECT_EQ(r["schema"], "sitrep.event/1");
  EXPECT_EQ(r["id"], "kdh-0412:0:1");
  EXPECT_EQ(r["trigger"]["text"], "attacked");
  EXPECT_EQ(r["trigger"]["lemma"], "attack");
  EXPECT_EQ(r["trigger"]["start"], 19);
  EXPECT_EQ(r["cameo_root"], "19");
  EXPECT_EQ(r["quad_class"], 4);
  EXPECT_EQ(r["source"]["text"], "gunmen");
  EXPECT_EQ(r["source"]["code"], "---UAF");
  EXPECT_TRUE(r["source"]["country"].is_null());
  EXPECT_EQ(r["target"]["text"], "a checkpoint");
  EXPECT_TRUE(r["target"]["code"].is_null());
  EXPECT_EQ(r["reported_by"], "kdh-0412:0:0");
  EXPECT_EQ(r["attribution"]["text"], "Police");
  EXPECT_EQ(r["attribution"]["status"], "reported");
  EXPECT_EQ(r["date"]["value"], "2019-04-12");
  EXPECT_TRUE(r["location"].is_null());
  EXPECT_TRUE(r["fatalities"].is_null());
  // The statement itself has no reporter and no target.
  EXPECT_TRUE(records[0]["target"].is_null());
  EXPECT_EQ(records[0]["attribution"]["status"], "asserted");
  EXPECT_TRUE(records[0]["attribution"]["text"].is_null());
  EXPECT_EQ(records[0]["quad_class"], 1);
}

// The context layers (core/context.h) as the geo, timex, casualties and
// attribution stages leave them.
TEST_F(EventRecordTest, ContextLayersBecomeLocationDateCasualtiesAndAttribution) {
  Document doc = PoliceDocument();
  doc.text += " Kandahar";  // a place for the checkpoint, appended for the test
  Place kandahar;
  kandahar.begin = static_cast<uint32_t>(doc.text.size() - 8);
  kandahar.end = static_cast<uint32_t>(doc.text.size());
  kandahar.name = "Kandahar";
  kandahar.country = "AFG";
  kandahar.lat = 31.61332;
  kandahar.lon = 65.71013;
  kandahar.geonameid = 1138336;
  kandahar.precision = GeoPrecision::kCity;
  doc.places = {kandahar};
  TimeExpression wed;
  wed.begin = 19;  // any span will do
  wed.end = 27;
  wed.value = "2019-04-10";
  wed.precision = DatePrecision::kDay;
  doc.times = {wed};
  Casualty officers;
  officers.kind = Casualty::Kind::kKilled;
  officers.count = 4;
  officers.qualifier = Casualty::Qualifier::kAtLeast;
  officers.victims = "officers";
  Casualty civilians = officers;
  civilians.count = 2;
  civilians.qualifier = Casualty::Qualifier::kExact;
  civilians.victims = "civilians";
  Casualty repeat = officers;
  repeat.repeats = 0;  // the same four officers, said again later
  Casualty wounded = officers;
  wounded.kind = Casualty::Kind::kInjured;
  wounded.count = 7;
  doc.casualties = {officers, civilians, repeat, wounded};
  Event& e = doc.events[1];
  e.location = 0;
  e.location_basis = LocationBasis::kClause;
  e.time = 0;
  e.date = "2019-04-10";
  e.date_precision = DatePrecision::kDay;
  e.date_basis = DateBasis::kText;
  e.casualties = {0, 1, 2, 3};
  e.attribution.status = AttributionStatus::kUnconfirmed;
  e.attribution.begin = 0;
  e.attribution.end = 6;
  EventRecorder rec(table_.get(), nullptr);
  auto r = rec.Record(doc, 1, "sitrep");
  EXPECT_EQ(r["location"]["name"], "Kandahar");
  EXPECT_EQ(r["location"]["text"], "Kandahar");
  EXPECT_EQ(r["location"]["precision"], "city");
  EXPECT_EQ(r["location"]["basis"], "clause");
  EXPECT_DOUBLE_EQ(r["location"]["lat"].get<double>(), 31.61332);
  EXPECT_EQ(r["date"]["value"], "2019-04-10");
  EXPECT_EQ(r["date"]["basis"], "text");
  // 4 officers (at least) + 2 civilians; the repeat is not counted again.
  EXPECT_EQ(r["fatalities"]["count"], 6);
  EXPECT_EQ(r["fatalities"]["qualifier"], "at_least");
  EXPECT_EQ(r["fatalities"]["victims"], "officers, civilians");
  EXPECT_EQ(r["injured"]["count"], 7);
  EXPECT_TRUE(r["arrested"].is_null());
  EXPECT_EQ(r["attribution"]["status"], "unconfirmed");
  EXPECT_EQ(r["attribution"]["text"], "Police");
  // An unknown place keeps its text and has null coordinates.
  doc.places[0].name.clear();
  doc.places[0].lat = std::numeric_limits<double>::quiet_NaN();
  doc.places[0].lon = std::numeric_limits<double>::quiet_NaN();
  doc.places[0].precision = GeoPrecision::kNone;
  r = rec.Record(doc, 1, "sitrep");
  EXPECT_EQ(r["location"]["text"], "Kandahar");
  EXPECT_TRUE(r["location"]["lat"].is_null());
  EXPECT_TRUE(r["location"]["precision"].is_null());
}

TEST_F(EventRecordTest, UnknownCodeAndMissingDateAreNullNotGuesses) {
  Document doc = PoliceDocument();
  doc.date.clear();
  doc.events[1].cameo = "999";
  EventRecorder rec(table_.get(), nullptr);
  auto r = rec.Record(doc, 1, "sitrep");
  EXPECT_TRUE(r["cameo_label"].is_null());
  EXPECT_TRUE(r["quad_class"].is_null());
  EXPECT_TRUE(r["date"].is_null());
  EXPECT_TRUE(r["doc_date"].is_null());
}

TEST_F(EventRecordTest, OutOfRangeIndicesAreNullNotACrash) {
  Document doc = PoliceDocument();
  doc.events[1].source = 42;
  doc.events[1].reported_by = 7;
  doc.events[1].sentence = 9;
  EventRecorder rec(table_.get(), nullptr);
  auto r = rec.Record(doc, 1, "sitrep");
  EXPECT_TRUE(r["source"].is_null());
  EXPECT_TRUE(r["reported_by"].is_null());
  EXPECT_TRUE(r["sentence"].is_null());
}

TEST_F(EventRecordTest, IdsCountEventsPerSentence) {
  Document doc = PoliceDocument();
  doc.sentences.push_back({0, 0, 7, 7, 0});
  doc.events.push_back(doc.events[1]);
  doc.events.back().sentence = 1;
  auto ids = EventRecorder::EventIds(doc);
  std::set<std::string> unique(ids.begin(), ids.end());
  EXPECT_EQ(unique.size(), ids.size());
  EXPECT_EQ(ids[2], "kdh-0412:1:0");
}

TEST_F(EventRecordTest, SummaryTableHasOneRowPerEvent) {
  Document doc = PoliceDocument();
  EventRecorder rec(table_.get(), nullptr);
  std::string table = SummaryTable(rec.Records(doc, "sitrep"));
  EXPECT_NE(table.find("[kdh-0412]"), std::string::npos) << table;
  EXPECT_NE(table.find("gunmen (---UAF)"), std::string::npos) << table;
  EXPECT_NE(table.find("190 "), std::string::npos) << table;
  // header + rule + doc line + 2 rows
  EXPECT_EQ(std::count(table.begin(), table.end(), '\n'), 5) << table;
}

}  // namespace
}  // namespace sitrep
