// The merge decision rules (merge.h): families, places, dates, actors,
// incident decisions and casualty figures, on hand-built keys.
#include "store/merge.h"

#include <gtest/gtest.h>

namespace sitrep::store {
namespace {

// A located, text-dated violent event; tests change what they need.
MergeKey Key(const std::string& doc, const std::string& cameo, const std::string& date, double lat,
             double lon, const std::string& precision = "city", const std::string& country = "IRQ",
             const std::string& basis = "text") {
  MergeFields f;
  f.doc_id = doc;
  f.doc_date = date;
  f.date = date;
  f.date_precision = "day";
  f.date_basis = basis;
  f.cameo = cameo;
  f.lat = lat;
  f.lon = lon;
  f.precision = precision;
  f.country = country;
  f.admin1 = "Baghdad";
  return KeyFromFields(f);
}

TEST(MergeDatesTest, IsoRoundTrip) {
  EXPECT_EQ(*DaysFromIso("1970-01-01"), 0);
  EXPECT_EQ(*DaysFromIso("2021-03-01") - *DaysFromIso("2021-02-28"), 1);
  EXPECT_EQ(*DaysFromIso("2020-03-01") - *DaysFromIso("2020-02-28"), 2);
  EXPECT_EQ(IsoFromDays(*DaysFromIso("2019-04-12")), "2019-04-12");
  EXPECT_FALSE(DaysFromIso("2019-02-30"));
  EXPECT_FALSE(DaysFromIso("2019-4-12"));
  EXPECT_FALSE(DaysFromIso(""));
}

TEST(MergeDatesTest, RangesByPrecisionAndBasis) {
  MergeParams p;
  int64_t lo, hi;
  const int64_t d = *DaysFromIso("2021-01-22");
  ASSERT_TRUE(DayRangeOf("2021-01-22", "day", "text", p, &lo, &hi));
  EXPECT_EQ(lo, d);
  EXPECT_EQ(hi, d);
  ASSERT_TRUE(DayRangeOf("2021-01-22", "day", "story_date", p, &lo, &hi));
  EXPECT_EQ(lo, d - 1);
  EXPECT_EQ(hi, d);
  ASSERT_TRUE(DayRangeOf("2021-01-18", "week", "text", p, &lo, &hi));
  EXPECT_EQ(hi - lo, 6);
  ASSERT_TRUE(DayRangeOf("2020-02-01", "month", "text", p, &lo, &hi));
  EXPECT_EQ(IsoFromDays(hi), "2020-02-29");
  ASSERT_TRUE(DayRangeOf("2020-01-01", "year", "text", p, &lo, &hi));
  EXPECT_EQ(hi - lo, 365);
  EXPECT_FALSE(DayRangeOf("soon", "day", "text", p, &lo, &hi));
}

TEST(MergeFamilyTest, Table) {
  EXPECT_EQ(FamilyOf("1831", ""), Family::kRemoteViolence);
  EXPECT_EQ(FamilyOf("195", ""), Family::kRemoteViolence);
  EXPECT_EQ(FamilyOf("190", ""), Family::kBattle);
  EXPECT_EQ(FamilyOf("190", "Riots"), Family::kProtest);  // ACLED's type wins
  EXPECT_EQ(FamilyOf("141", ""), Family::kProtest);
  EXPECT_EQ(FamilyOf("173", ""), Family::kCoercion);
  EXPECT_EQ(FamilyOf("010", ""), Family::kOther);
  EXPECT_EQ(FamilyOf("", ""), Family::kUnknown);
  EXPECT_TRUE(FamiliesCompatible(Family::kRemoteViolence, Family::kBattle));
  EXPECT_TRUE(FamiliesCompatible(Family::kCivilianViolence, Family::kBattle));
  EXPECT_TRUE(FamiliesCompatible(Family::kProtest, Family::kCoercion));
  EXPECT_FALSE(FamiliesCompatible(Family::kProtest, Family::kBattle));
  EXPECT_FALSE(FamiliesCompatible(Family::kCoercion, Family::kRemoteViolence));
  EXPECT_FALSE(FamiliesCompatible(Family::kUnknown, Family::kUnknown));
}

TEST(MergeCompatibleTest, SameBombingFromTwoWires) {
  MergeKey a = Key("afp", "183", "2021-01-21", 33.34, 44.40);
  MergeKey b = Key("ap", "1831", "2021-01-22", 33.31, 44.37, "city", "IRQ", "story_date");
  EXPECT_EQ(Explain(a, b), "");
  EXPECT_TRUE(Compatible(b, a));
}

TEST(MergeCompatibleTest, ProtestAndBombingNeverMerge) {
  MergeKey a = Key("afp", "183", "2021-01-21", 33.34, 44.40);
  MergeKey b = Key("ap", "141", "2021-01-21", 33.34, 44.40);
  EXPECT_NE(Explain(a, b).find("family"), std::string::npos) << Explain(a, b);
}

TEST(MergeCompatibleTest, DatesTwoDaysApartDoNotMerge) {
  MergeKey a = Key("afp", "183", "2021-01-21", 33.34, 44.40);
  MergeKey b = Key("ap", "183", "2021-01-23", 33.34, 44.40);
  EXPECT_NE(Explain(a, b).find("date"), std::string::npos) << Explain(a, b);
  MergeKey c = Key("rt", "183", "2021-01-22", 33.34, 44.40);
  EXPECT_TRUE(Compatible(a, c));  // one day: wires disagree across midnight
}

TEST(MergeCompatibleTest, OneDocumentTwoDaysAreTwoHappenings) {
  MergeKey a = Key("afp", "183", "2021-01-21", 33.34, 44.40);
  MergeKey b = Key("afp", "183", "2021-01-22", 33.34, 44.40);
  EXPECT_EQ(Explain(a, b), "date: one document, two days");
}

TEST(MergeCompatibleTest, RadiusByPrecision) {
  // Baghdad to Baqubah: about 50 km.
  MergeKey a = Key("afp", "190", "2021-01-21", 33.34, 44.40);
  MergeKey b = Key("ap", "190", "2021-01-21", 33.75, 44.64);
  EXPECT_NE(Explain(a, b).find("place"), std::string::npos);
  b.precision = PlacePrecision::kFeature;  // a region around it: 150 km
  EXPECT_TRUE(Compatible(a, b));
  // An admin1 place takes points of the same admin1 only.
  MergeKey c = Key("rt", "190", "2021-01-21", 33.30, 44.30, "admin1");
  EXPECT_TRUE(Compatible(a, c));
  c.admin1 = "Diyala";
  EXPECT_NE(Explain(a, c).find("admin1"), std::string::npos);
  // A country-precision place takes anything in the country, nothing outside.
  MergeKey d = Key("rt", "190", "2021-01-21", 33.0, 44.0, "country");
  EXPECT_TRUE(Compatible(a, d));
  d.country = "SYR";
  EXPECT_NE(Explain(a, d).find("country"), std::string::npos);
}

TEST(MergeCompatibleTest, NoPlaceOrCoarseDateMergesOnlyInItsDocument) {
  MergeKey a = Key("afp", "190", "2021-01-21", 33.34, 44.40);
  MergeKey b = a;
  b.doc_id = "ap";
  b.precision = PlacePrecision::kNone;
  b.country.clear();
  b.has_coords = false;
  EXPECT_EQ(Explain(a, b), "no place");
  b.doc_id = "afp";
  EXPECT_TRUE(Compatible(a, b));  // headline and lead of one report
  MergeKey y = a;
  y.doc_id = "ap";
  ASSERT_TRUE(DayRangeOf("2021-01-01", "year", "text", {}, &y.day_lo, &y.day_hi));
  EXPECT_EQ(Explain(a, y), "date range too wide");
}

TEST(MergeCompatibleTest, ActorsConflictOnlyWhenBothKnown) {
  MergeKey a = Key("afp", "190", "2019-04-10", 31.61, 65.71, "city", "AFG");
  MergeKey b = Key("ap", "190", "2019-04-10", 31.61, 65.71, "city", "AFG");
  a.source = {"AFGINSTAL", "AFG", "INS", "Taliban"};
  b.source = {"---UAF", "", "UAF", ""};  // "gunmen": neutral
  EXPECT_TRUE(Compatible(a, b));
  b.source = {"AFGINSISI", "AFG", "INS", "Islamic State Khorasan"};
  EXPECT_NE(Explain(a, b).find("actors"), std::string::npos) << Explain(a, b);
  b.source = {"PAKINSTTP", "PAK", "INS", "Tehrik-i-Taliban Pakistan"};
  EXPECT_FALSE(Compatible(a, b));
  // States of two countries: wires disagree on whose jets; not a conflict.
  a.source = {"SYRMIL", "SYR", "MIL", ""};
  b.source = {"RUSMIL", "RUS", "MIL", ""};
  EXPECT_TRUE(Compatible(a, b));
  a.source = {"AFGINSTAL", "AFG", "INS", "Taliban"};
  // Crossed roles: one wire's attacker is the other's "clashed with".
  a.target = {"AFGCOP", "AFG", "COP", ""};
  b.source = {"AFGCOP", "AFG", "COP", ""};
  b.target = {"AFGINSTAL", "AFG", "INS", "Taliban"};
  EXPECT_TRUE(Compatible(a, b));
  EXPECT_GT(Similarity(a, b), Similarity(a, Key("x", "190", "2019-04-10", 31.61, 65.71)));
}

TEST(MergeCompatibleTest, VerbalEventsNeedTheSameSource) {
  MergeKey a = Key("afp", "010", "2021-01-21", 33.34, 44.40);
  MergeKey b = Key("ap", "010", "2021-01-21", 33.34, 44.40);
  EXPECT_FALSE(Compatible(a, b));
  a.source = b.source = {"IRQGOV", "IRQ", "GOV", ""};
  EXPECT_TRUE(Compatible(a, b));
  b.cameo = "112";
  b.cameo_root = "11";
  EXPECT_FALSE(Compatible(a, b));
}

TEST(MergeKeyTest, FamilyClassIsEqualWhereCompatibleAcrossDocuments) {
  MergeKey bomb = Key("a", "183", "2021-01-21", 33.34, 44.40);
  MergeKey clash = Key("b", "190", "2021-01-21", 33.34, 44.40);
  MergeKey protest = Key("c", "141", "2021-01-21", 33.34, 44.40);
  MergeKey arrest = Key("d", "173", "2021-01-21", 33.34, 44.40);
  EXPECT_EQ(FamilyClass(bomb), FamilyClass(clash));
  EXPECT_EQ(FamilyClass(protest), FamilyClass(arrest));
  EXPECT_NE(FamilyClass(bomb), FamilyClass(protest));
  MergeKey said = Key("e", "010", "2021-01-21", 33.34, 44.40);
  EXPECT_FALSE(MergesAcrossDocuments(said));  // a statement with no known source
  said.source = {"IRQGOV", "IRQ", "GOV", ""};
  EXPECT_TRUE(MergesAcrossDocuments(said));
  MergeKey said2 = said;
  said2.source = {"IRQMIL", "IRQ", "MIL", ""};
  EXPECT_NE(FamilyClass(said), FamilyClass(said2));
  EXPECT_LT(FamilyClass(said), 1 << 24);
}

TEST(MergeKeyTest, FromRecord) {
  auto r = nlohmann::ordered_json::parse(R"({"doc_id": "d1", "doc_date": "2021-01-22",
      "cameo": "1831", "acled": {"event_type": "Explosions/Remote violence"},
      "source": {"code": "IRQINSISI", "country": "IRQ", "sector": "INS", "name": null},
      "target": null,
      "location": {"country": "IRQ", "admin1": "Baghdad", "lat": 33.34, "lon": 44.40,
                   "precision": "city"},
      "date": {"value": "2021-01-21", "precision": "day", "basis": "text"},
      "fatalities": {"count": 32, "qualifier": "at_least"}})");
  MergeKey k = KeyFromRecord(r);
  EXPECT_EQ(k.doc_id, "d1");
  EXPECT_EQ(k.family, Family::kRemoteViolence);
  EXPECT_EQ(k.cameo_root, "18");
  EXPECT_EQ(k.source.code, "IRQINSISI");
  EXPECT_TRUE(k.has_coords);
  EXPECT_EQ(k.precision, PlacePrecision::kCity);
  EXPECT_TRUE(k.text_dated_day);
  EXPECT_EQ(k.day_lo, *DaysFromIso("2021-01-21"));
  EXPECT_EQ(*k.fatalities, 32);
  // Garbage never throws: everything unknown.
  MergeKey g = KeyFromRecord(nlohmann::ordered_json::parse(R"([1, {"date": 5}])"));
  EXPECT_EQ(g.family, Family::kUnknown);
  EXPECT_FALSE(g.has_date);
  MergeKey h = KeyFromRecord(nlohmann::ordered_json::parse(
      R"({"location": {"lat": "x", "lon": 500}, "date": {"value": "2021-13-01"}})"));
  EXPECT_FALSE(h.has_coords);
  EXPECT_FALSE(h.has_date);
  // No date value: the story date stands in.
  MergeKey s = KeyFromRecord(
      nlohmann::ordered_json::parse(R"({"doc_date": "2021-01-22", "date": null, "cameo": "190"})"));
  EXPECT_TRUE(s.has_date);
  EXPECT_EQ(s.day_hi - s.day_lo, 1);
}

TEST(MergeDecideTest, JoinsBestFullyCompatibleIncident) {
  std::vector<Candidate> c(2);
  c[0].id = 7;
  c[0].members = {Key("a", "183", "2021-01-21", 33.34, 44.40)};
  c[1].id = 9;
  c[1].members = {Key("b", "183", "2021-01-22", 33.34, 44.40)};
  // Dated the 22nd: compatible with both (one day), nearer to 9.
  MergeKey e = Key("c", "183", "2021-01-22", 33.34, 44.40);
  Decision d = Decide(e, c);
  EXPECT_EQ(d.incident, 9);
  EXPECT_EQ(d.absorb, std::vector<int64_t>{7});  // the 21st and 22nd fit each other too
  // Absorbing needs every member pair compatible: the 20th and 22nd do not.
  c[0].members = {Key("a", "183", "2021-01-21", 33.34, 44.40),
                  Key("d", "183", "2021-01-20", 33.34, 44.40, "city", "IRQ", "story_date")};
  c[0].members[1].day_lo = c[0].members[1].day_hi = *DaysFromIso("2021-01-20");
  d = Decide(Key("c", "183", "2021-01-21", 33.34, 44.40, "city", "IRQ", "story_date"), c);
  EXPECT_EQ(d.incident, 7);
  EXPECT_TRUE(d.absorb.empty());
  // A story-dated event that fits two compatible incidents links them.
  c[1].members = {Key("b", "183", "2021-01-21", 33.36, 44.41)};
  c[1].members[0].source = {"IRQINSISI", "IRQ", "INS", ""};
  d = Decide(Key("c", "183", "2021-01-22", 33.34, 44.40, "city", "IRQ", "story_date"), c);
  EXPECT_NE(d.incident, 0);
  EXPECT_EQ(d.absorb.size(), 1u);
  // Nothing compatible: a new incident.
  d = Decide(Key("c", "141", "2021-01-22", 33.34, 44.40), c);
  EXPECT_EQ(d.incident, 0);
}

TEST(MergeDecideTest, CompleteLinkageStopsChains) {
  // 21st, 22nd, 23rd: the third is compatible with the second but not the first.
  std::vector<MergeKey> keys = {Key("a", "183", "2021-01-21", 33.34, 44.40),
                                Key("b", "183", "2021-01-22", 33.34, 44.40),
                                Key("c", "183", "2021-01-23", 33.34, 44.40)};
  std::vector<int> c = ClusterKeys(keys);
  EXPECT_EQ(c[0], c[1]);
  EXPECT_NE(c[1], c[2]);
}

TEST(MergeFiguresTest, LowBestHigh) {
  FatalityRange r = AggregateFigures({{4, "at_least", "police", "e1", "Police"},
                                      {12, "exact", "taliban", "e2", "the Taliban"},
                                      {4, "exact", "ap", "e3", "AP"},
                                      {3, "exact", "ap", "e4", "AP"}});  // AP counts once: 4
  ASSERT_EQ(r.figures.size(), 3u);
  EXPECT_EQ(*r.low, 4);
  EXPECT_EQ(*r.best, 4);  // two documents agree
  EXPECT_EQ(*r.high, 12);
  EXPECT_EQ(r.figures[r.high_index].source, "the Taliban");
  // One document, two voices with different tolls: both are figures; the
  // same count repeated by one document's headline and lead is one.
  r = AggregateFigures({{4, "exact", "kdh", "e1", "Police"},
                        {12, "exact", "kdh", "e2", "the Taliban"},
                        {4, "exact", "kdh", "e3", "Reuters"}});
  ASSERT_EQ(r.figures.size(), 2u);
  EXPECT_EQ(*r.low, 4);
  EXPECT_EQ(*r.high, 12);
  EXPECT_EQ(r.figures[r.high_index].source, "the Taliban");
  r = AggregateFigures({{5, "", "a", "", ""}, {7, "", "b", "", ""}});
  EXPECT_EQ(*r.best, 5);  // no majority: lower median
  r = AggregateFigures({{5, "", "a", "", ""}, {7, "", "b", "", ""}, {30, "", "c", "", ""}});
  EXPECT_EQ(*r.best, 7);
  EXPECT_EQ(r.figures[r.best_index].doc_id, "b");
  r = AggregateFigures({});
  EXPECT_FALSE(r.low);
  EXPECT_FALSE(r.best);
  EXPECT_EQ(r.best_index, -1);
}

}  // namespace
}  // namespace sitrep::store
