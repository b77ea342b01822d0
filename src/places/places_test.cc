// Unit tests of places: one rule per test, on our own sentences, against the
// tiny gazetteer in testdata/ (our own rows, not GeoNames extracts).
#include "places/places.h"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "events/coder.h"
#include "geo/gazetteer.h"
#include "pipeline/analyzer.h"

namespace sitrep::places {
namespace {

class PlacesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string dir = std::string(SITREP_SOURCE_DIR) + "/src/places/testdata/";
    geo::BuildSources src;
    src.geonames_tsv = dir + "cities.tsv";
    src.admin1 = dir + "admin1.json";
    src.admin2 = dir + "admin2.json";
    src.countries_json = dir + "countries.json";
    src.features_tsv = dir + "features.tsv";
    // Lebanon and Israel as two rectangles meeting along 33.1 N: their border.
    src.country_shapes = dir + "shapes.json";
    std::vector<std::string> warnings;
    auto gaz = geo::Gazetteer::Build(src, &warnings);
    ASSERT_TRUE(gaz.ok()) << gaz.status().ToString();
    for (const std::string& w : warnings) ADD_FAILURE() << "gazetteer warning: " << w;
    gaz_ = gaz.value().release();
    auto analyzer = Analyzer::Create({});
    ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
    analyzer_ = analyzer.value().release();
    auto coder = events::CreateCoder({});
    ASSERT_TRUE(coder.ok()) << coder.status().ToString();
    coder_ = coder.value().release();
  }

  // Analyses, codes and runs the place stage on `text`.
  static Document Run(const std::string& text) {
    Document doc;
    doc.id = "t";
    doc.date = "2019-04-12";
    doc.text = text;
    EXPECT_TRUE(analyzer_->Analyze(doc).ok());
    EXPECT_TRUE(coder_->Code(doc).ok());
    PlaceStage stage(gaz_);
    EXPECT_TRUE(stage.Process(doc).ok());
    return doc;
  }

  // The place whose text is exactly `text`, or nullptr.
  static const Place* PlaceText(const Document& doc, std::string_view text) {
    for (const Place& p : doc.places) {
      if (doc.Slice(p.begin, p.end) == text) return &p;
    }
    return nullptr;
  }

  // The first token with this form.
  static uint32_t TokenOf(const Document& doc, std::string_view form) {
    for (uint32_t t = 0; t < doc.tokens.size(); ++t) {
      if (doc.Form(doc.tokens[t]) == form) return t;
    }
    ADD_FAILURE() << "no token " << form;
    return 0;
  }

  // Text of the place LocateTrigger picks for the verb `form`; "" if none.
  static std::string LocationOf(const Document& doc, std::string_view form,
                                LocationBasis* basis = nullptr, std::string* launch = nullptr) {
    TriggerLocation loc = LocateTrigger(doc, TokenOf(doc, form));
    if (basis != nullptr) *basis = loc.basis;
    if (launch != nullptr) {
      launch->clear();
      if (loc.launch_location >= 0) {
        const Place& p = doc.places[loc.launch_location];
        *launch = std::string(doc.Slice(p.begin, p.end));
      }
    }
    if (loc.location < 0) return "";
    const Place& p = doc.places[loc.location];
    return std::string(doc.Slice(p.begin, p.end));
  }

  // Expects `doc` (or `sentence`) to have a place with this text whose
  // latitude is `lat`.
  static void ExpectPlaceAt(const Document& doc, std::string_view text, double lat) {
    const Place* p = PlaceText(doc, text);
    ASSERT_NE(p, nullptr) << text << " in: " << doc.text;
    EXPECT_NEAR(p->lat, lat, 0.01) << text;
  }
  static void ExpectPlaceAt(const std::string& sentence, std::string_view text, double lat) {
    ExpectPlaceAt(Run(sentence), text, lat);
  }
  // Expects `doc` to keep a place with this text, unresolved (no coordinates).
  static void ExpectUnresolvedPlace(const Document& doc, std::string_view text) {
    const Place* p = PlaceText(doc, text);
    ASSERT_NE(p, nullptr) << text;
    EXPECT_TRUE(std::isnan(p->lat)) << text << " -> " << p->name << " " << p->lat << " " << p->lon
                                    << " " << GeoPrecisionName(p->precision);
  }
  // Expects `doc` to place `text` somewhere inside the gazetteer place
  // `name` (relation "in"), at that place's `precision`.
  static void ExpectPlaceInside(const Document& doc, std::string_view text, std::string_view name,
                                GeoPrecision precision) {
    const Place* p = PlaceText(doc, text);
    ASSERT_NE(p, nullptr) << text << " in: " << doc.text;
    EXPECT_EQ(p->name, name) << text;
    EXPECT_EQ(p->precision, precision) << text;
    EXPECT_EQ(p->relation, "in") << text;
  }
  // Expects `doc` to have a place with this text in `iso3`, with this relation.
  static void ExpectRelation(const Document& doc, std::string_view text, std::string_view iso3,
                             std::string_view relation) {
    const Place* p = PlaceText(doc, text);
    ASSERT_NE(p, nullptr) << text << " in: " << doc.text;
    EXPECT_EQ(p->country, iso3) << text;
    EXPECT_EQ(p->relation, relation) << text;
  }
  // Expects `sentence` to have no place with this text.
  static void ExpectNoPlace(const std::string& sentence, std::string_view text) {
    Document doc = Run(sentence);
    EXPECT_EQ(PlaceText(doc, text), nullptr) << text << " in: " << sentence;
  }
  // Expects `sentence` to have a place with this text in country `iso3`.
  static void ExpectPlaceIn(const Document& doc, std::string_view text, std::string_view iso3) {
    const Place* p = PlaceText(doc, text);
    ASSERT_NE(p, nullptr) << text << " in: " << doc.text;
    EXPECT_EQ(p->country, iso3) << text;
  }
  static void ExpectPlaceIn(const std::string& sentence, std::string_view text,
                            std::string_view iso3) {
    ExpectPlaceIn(Run(sentence), text, iso3);
  }

  static const geo::Gazetteer* gaz_;
  static const Analyzer* analyzer_;
  static const EventCoder* coder_;
};
const geo::Gazetteer* PlacesTest::gaz_ = nullptr;
const Analyzer* PlacesTest::analyzer_ = nullptr;
const EventCoder* PlacesTest::coder_ = nullptr;

TEST_F(PlacesTest, PrepositionGivesTownAndClauseLocation) {
  Document doc = Run("Gunmen attacked a checkpoint in Kandahar on Wednesday.");
  const Place* p = PlaceText(doc, "Kandahar");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->country, "AFG");
  EXPECT_EQ(p->geonameid, 9000011);
  LocationBasis basis;
  EXPECT_EQ(LocationOf(doc, "attacked", &basis), "Kandahar");
  EXPECT_EQ(basis, LocationBasis::kClause);
}

TEST_F(PlacesTest, ProvinceDesignatorSelectsAdmin1AndJoinsTheSpan) {
  Document doc = Run("Government forces shelled villages in Idlib province on Friday.");
  const Place* p = PlaceText(doc, "Idlib province");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->precision, GeoPrecision::kAdmin1);
  EXPECT_EQ(p->country, "SYR");
  EXPECT_EQ(LocationOf(doc, "shelled"), "Idlib province");
}

TEST_F(PlacesTest, DirectionWordsGoToRelation) {
  ExpectRelation(Run("Rebels attacked an army base north of Hama."), "Hama", "SYR", "north of");
  Document doc2 = Run("Heavy fighting was reported in western Syria.");
  ExpectRelation(doc2, "Syria", "SYR", "western");
  EXPECT_EQ(PlaceText(doc2, "Syria")->precision, GeoPrecision::kCountry);
}

// "northern Lebanon", "the south of the country": a part of a country keeps
// the country's own point and adds the part's (from the test shapes'
// Lebanon rectangle, 33.1-34.7 N), which an event located there takes.
TEST_F(PlacesTest, PartsOfACountryHaveTheirOwnPoint) {
  Document doc = Run("Rockets hit northern Lebanon on Monday.");
  const Place* p = PlaceText(doc, "Lebanon");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->relation, "northern");
  EXPECT_EQ(p->part, "north");
  EXPECT_GT(p->part_lat, p->lat + 0.3);
  EXPECT_NEAR(p->part_lon, p->lon, 0.2);
  // Outside a town ("north of Hama"): no part.
  Document out = Run("Rebels attacked an army base north of Hama.");
  ASSERT_NE(PlaceText(out, "Hama"), nullptr);
  EXPECT_EQ(PlaceText(out, "Hama")->part, "");
  EXPECT_TRUE(std::isnan(PlaceText(out, "Hama")->part_lat));
  // "the country": the country named before it.
  Document anaphor =
      Run("Protests spread across Lebanon on Sunday. Police fired tear gas at protesters in the "
          "south of the country.");
  const Place* c = PlaceText(anaphor, "the country");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->country, "LBN");
  EXPECT_EQ(c->precision, GeoPrecision::kCountry);
  EXPECT_EQ(c->relation, "south of");
  EXPECT_EQ(c->part, "south");
  EXPECT_LT(c->part_lat, c->lat - 0.3);
  EXPECT_EQ(LocationOf(anaphor, "fired"), "the country");
  Document poss =
      Run("Protests spread across Lebanon. Police fired tear gas in the country's north.");
  const Place* n = PlaceText(poss, "the country's north");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->part, "north");
  EXPECT_EQ(LocationOf(poss, "fired"), "the country's north");
  // No country named and no evidence: no place.
  Document none = Run("Police fired tear gas in the south of the country.");
  EXPECT_EQ(PlaceText(none, "the country"), nullptr);
  // A named country's part after "'s"; not the start of a name.
  Document named = Run("Clashes erupted in Lebanon's north on Monday.");
  const Place* ln = PlaceText(named, "Lebanon's north");
  ASSERT_NE(ln, nullptr);
  EXPECT_EQ(ln->part, "north");
  EXPECT_EQ(LocationOf(named, "erupted"), "Lebanon's north");
  // "'s northern provinces" is a part too; "the northern province of X" is
  // X, all of it.
  Document whole = Run("Police fired tear gas in the northern province of Beirut on Monday.");
  const Place* bp = PlaceText(whole, "Beirut");
  ASSERT_NE(bp, nullptr);
  EXPECT_EQ(bp->precision, GeoPrecision::kAdmin1);
  EXPECT_EQ(bp->part, "");
  Document adj = Run("Police fired tear gas in Lebanon's northern provinces on Monday.");
  const Place* lp = PlaceText(adj, "Lebanon's northern provinces");
  ASSERT_NE(lp, nullptr);
  EXPECT_EQ(lp->part, "north");
  Document name = Run("Troops deployed in Lebanon's North Governorate on Monday.");
  for (const Place& q : name.places) EXPECT_EQ(q.part, "") << name.Slice(q.begin, q.end);
}

TEST_F(PlacesTest, HeadlineCompassAbbreviations) {
  ExpectRelation(Run("Taliban fighters killed in S. Afghanistan"), "Afghanistan", "AFG", "south");
  // Unless the direction is part of the name.
  ExpectPlaceIn("N. Korea fires two missiles", "N. Korea", "PRK");
  ExpectPlaceIn("Talks with S. Korea stall", "S. Korea", "KOR");
}

TEST_F(PlacesTest, HashtagNamesAPlace) {
  ExpectPlaceIn("Two men were shot dead in #Idlib on Monday.", "#Idlib", "SYR");
}

TEST_F(PlacesTest, NamesOfOtherThingsAreNoPlaces) {
  // A named actor: "Taliban" is also an alternate name of a Turkish village.
  ExpectNoPlace("Afghan forces retook the district from Taliban on Monday.", "Taliban");
  // A language community.
  ExpectNoPlace("Soldiers burned villages in the Anglophone regions of Cameroon.",
                "the Anglophone regions");
  ExpectNoPlace("Soldiers burned villages in the Anglophone regions of Cameroon.", "Anglophone");
  // A ministry's acronym: "MOD" is an alternate name of Modesto.
  ExpectNoPlace("Scores of insurgents killed in operations: MoD", "MoD");
  // A common noun that is only another name of a country ("Man" for the
  // Isle of Man) is the noun; the country by its own name is a place.
  ExpectNoPlace("Man chased and shot in Kabul", "Man");
  ExpectPlaceIn("Fighting raged near the Isle of Man on Monday.", "the Isle of Man", "IMN");
  // A name followed by a country that holds none of its readings is as good
  // as unknown: not a place on that alone (a title-case line's capitals say
  // nothing). With one of its readings there, it is.
  ExpectNoPlace("Gunmen Attack Saraqib In Somalia", "Saraqib");
  ExpectPlaceIn("Gunmen Attack Saraqib In Syria", "Saraqib", "SYR");
}

TEST_F(PlacesTest, TransliterationVariantsResolveToOnePlace) {
  Document doc =
      Run("Jets struck Rakka on Monday. Jets struck al-Raqqa again. Troops entered Ar-Raqqah. "
          "Shells fell on Deir al-Zor and Deir ez-Zor. Clashes erupted in Deir Ezzor.");
  for (std::string_view name : {"Rakka", "al-Raqqa", "Ar-Raqqah"}) {
    const Place* p = PlaceText(doc, name);
    ASSERT_NE(p, nullptr) << name;
    EXPECT_EQ(p->geonameid, 9000001) << name;
  }
  for (std::string_view name : {"Deir al-Zor", "Deir ez-Zor", "Deir Ezzor"}) {
    const Place* p = PlaceText(doc, name);
    ASSERT_NE(p, nullptr) << name;
    EXPECT_EQ(p->geonameid, 9000002) << name;
  }
}

TEST_F(PlacesTest, DocumentCountryDisambiguates) {
  // Alone, the more populous Tripoli (Libya) wins ...
  Document alone = Run("Gunmen stormed a hotel in Tripoli.");
  const Place* a = PlaceText(alone, "Tripoli");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->country, "LBY");
  // ... but a story about Lebanon means the Lebanese one.
  Document lebanon =
      Run("Lebanese troops clashed with gunmen in Beirut on Monday. The fighting spread to Tripoli "
          "on Tuesday.");
  const Place* b = PlaceText(lebanon, "Tripoli");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->country, "LBN");
}

TEST_F(PlacesTest, AdminHierarchyDisambiguates) {
  // The Palestinian Ariha is larger in the test data; "Idlib province" picks Syria's.
  Document doc = Run("Jets struck Ariha, Idlib province, on Thursday.");
  const Place* p = PlaceText(doc, "Ariha");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->country, "SYR");
  EXPECT_EQ(p->geonameid, 9000003);
  Document bare = Run("Clashes were reported in Ariha.");
  const Place* q = PlaceText(bare, "Ariha");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->geonameid, 9000020);
}

// A locality of the supplement with no GeoNames town near enough to give it
// a province may be in any province of its country.
TEST_F(PlacesTest, ALocalityWithNoKnownProvinceIsInAnyOfItsCountry) {
  Document doc = Run("Government forces shelled Kafr Tuwayl, Hama province, on Thursday.");
  const Place* p = PlaceText(doc, "Kafr Tuwayl");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->name, "Kafr Tuwayl");
  EXPECT_EQ(p->precision, GeoPrecision::kPoint);
  EXPECT_EQ(p->feature, "PPL");
  EXPECT_NEAR(p->lat, 34.50, 1e-6);
  EXPECT_EQ(LocationOf(doc, "shelled"), "Kafr Tuwayl");
  // A province of another country still leaves it out.
  Document abroad = Run("Government forces shelled Kafr Tuwayl, Kandahar province, on Thursday.");
  const Place* q = PlaceText(abroad, "Kafr Tuwayl");
  ASSERT_NE(q, nullptr);
  EXPECT_NE(q->name, "Kafr Tuwayl");
}

// A city-state is its capital, at city precision: "a Singapore hotel" is a
// place, where a country before a noun is a nationality.
TEST_F(PlacesTest, ACityStateIsItsCapital) {
  Document doc = Run("Protesters marched on a Singapore hotel on Monday.");
  const Place* p = PlaceText(doc, "Singapore");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->precision, GeoPrecision::kCity);
  EXPECT_EQ(p->country, "SGP");
  EXPECT_EQ(p->geonameid, 9000042);
  EXPECT_EQ(LocationOf(doc, "marched"), "Singapore");
}

TEST_F(PlacesTest, UnknownPlaceStaysAsTextAndKeepsOthers) {
  Document doc = Run("Gunmen attacked a checkpoint in Zarqunabad near Kandahar.");
  const Place* u = PlaceText(doc, "Zarqunabad");
  ASSERT_NE(u, nullptr);
  EXPECT_EQ(u->precision, GeoPrecision::kNone);
  EXPECT_TRUE(std::isnan(u->lat));
  EXPECT_TRUE(u->name.empty());
  const Place* k = PlaceText(doc, "Kandahar");
  ASSERT_NE(k, nullptr);
  EXPECT_EQ(k->relation, "near");
  EXPECT_EQ(LocationOf(doc, "attacked"), "Zarqunabad");
}

TEST_F(PlacesTest, UnknownPlaceTakesThePointOfThePlaceContainingIt) {
  Document doc = Run("Gunmen attacked a checkpoint in Zarqunabad, Kandahar province, on Monday.");
  ExpectPlaceInside(doc, "Zarqunabad", "Kandahar", GeoPrecision::kAdmin1);
  EXPECT_EQ(LocationOf(doc, "attacked"), "Zarqunabad");
  // An unknown name with an Arabic article, in a district "of" a place.
  Document area = Run("Violent clashes erupted in the Suleiman al-Halabi area of Aleppo.");
  ExpectPlaceInside(area, "the Suleiman al-Halabi area", "Aleppo", GeoPrecision::kAdmin1);
  // An unknown acronym is an organisation.
  Document acronym = Run("Five militants were wounded in #ANDSF artillery fire.");
  EXPECT_EQ(PlaceText(acronym, "#ANDSF"), nullptr);
  // A list is no hierarchy.
  Document list = Run("Cholera spread to Zarqunabad, Kandahar and Kabul.");
  ExpectUnresolvedPlace(list, "Zarqunabad");
  Document states = Run("Cholera spread to Zarqunabad, Indiana and Illinois.");
  ExpectUnresolvedPlace(states, "Zarqunabad");
}

TEST_F(PlacesTest, DatelineIsEvidenceNotLocation) {
  Document doc = Run("KABUL (Reuters) - Gunmen attacked a checkpoint in Kandahar on Wednesday.");
  ASSERT_FALSE(doc.places.empty());
  EXPECT_TRUE(doc.places[0].dateline);
  EXPECT_EQ(doc.Slice(doc.places[0].begin, doc.places[0].end), "KABUL");
  EXPECT_EQ(LocationOf(doc, "attacked"), "Kandahar");
  // With no place in the text, the event falls back to the document's
  // country (from "Syrian"), not to the dateline city.
  Document beirut = Run("BEIRUT (Reuters) - Syrian jets bombed rebel positions on Thursday.");
  ASSERT_FALSE(beirut.places.empty());
  EXPECT_TRUE(beirut.places[0].dateline);
  LocationBasis basis;
  TriggerLocation loc = LocateTrigger(beirut, TokenOf(beirut, "bombed"));
  basis = loc.basis;
  ASSERT_GE(loc.location, 0);
  EXPECT_FALSE(beirut.places[loc.location].dateline);
  EXPECT_EQ(beirut.places[loc.location].country, "SYR");
  EXPECT_EQ(beirut.places[loc.location].precision, GeoPrecision::kCountry);
  EXPECT_EQ(basis, LocationBasis::kDocument);
}

// Wire style puts the weekday right after the place: it is no part of the
// name, nor a proper noun the name is glued to.
TEST_F(PlacesTest, AWeekdayAfterAPlaceLeavesItAPlace) {
  EXPECT_EQ(LocationOf(Run("Rebels captured Kandahar Tuesday."), "captured"), "Kandahar");
  // A town that is no province too: a weak name, refused when glued to a
  // proper noun.
  EXPECT_EQ(LocationOf(Run("Gunmen killed two soldiers in Ariha Monday."), "killed"), "Ariha");
}

// A name no gazetteer has after a town designator is a place, also when its
// first word is a town somewhere ("the village of Abu Allaj": "Abu" is an
// alternate name of a town in Indonesia), and after plural designators.
TEST_F(PlacesTest, UnknownNamesAfterATownDesignator) {
  Document doc = Run("Government forces shelled the village of Ariha Gharbi on Monday.");
  const Place* p = PlaceText(doc, "Ariha Gharbi");
  ASSERT_NE(p, nullptr) << doc.text;
  EXPECT_EQ(p->precision, GeoPrecision::kNone);
  EXPECT_EQ(LocationOf(doc, "shelled"), "Ariha Gharbi");
  EXPECT_EQ(LocationOf(Run("Terrorists shelled the settlements of Maharda and Jaba."), "shelled"),
            "Maharda");
  // ... and takes the point of the place the text puts it in, also "in
  // western X".
  Document in = Run("Government forces shelled the village of Ariha Gharbi in western Idlib.");
  const Place* q = PlaceText(in, "Ariha Gharbi");
  ASSERT_NE(q, nullptr) << in.text;
  EXPECT_EQ(q->country, "SYR");
  EXPECT_EQ(q->relation, "in");
}

// "X-Y border" in countries' names or demonyms, either order: the border
// the gazetteer draws from the countries' shapes.
TEST_F(PlacesTest, ABorderBetweenTwoCountries) {
  for (const char* sentence : {"Troops patrolled the Lebanese-Israeli border on Monday.",
                               "Troops patrolled the Israel-Lebanon border on Monday.",
                               "Troops patrolled the border between Lebanon and Israel.",
                               "Troops patrolled Lebanon's border with Israel on Monday.",
                               // The story's country (Lebanon) and the demonym's.
                               "In Lebanon, troops patrolled near the Israeli border."}) {
    Document doc = Run(sentence);
    TriggerLocation loc = LocateTrigger(doc, TokenOf(doc, "patrolled"));
    ASSERT_GE(loc.location, 0) << sentence;
    const Place& p = doc.places[loc.location];
    EXPECT_EQ(p.feature, "border_region") << sentence;
    EXPECT_EQ(p.precision, GeoPrecision::kFeature);
    EXPECT_NEAR(p.lat, 33.1, 0.01);
    EXPECT_NEAR(p.lon, 35.45, 0.05);
  }
}

// "the Yemeni capital" is the country's capital; "a northern Afghan
// province" lies in the country (no province named); with the name after it
// ("the Afghan capital Kabul", "the Syrian city of Aleppo") the name is the
// place.
TEST_F(PlacesTest, ADemonymAndAPlaceWord) {
  Document doc = Run("Protesters marched in the Yemeni capital on Friday.");
  EXPECT_EQ(LocationOf(doc, "marched"), "the Yemeni capital");
  const Place* capital = PlaceText(doc, "the Yemeni capital");
  ASSERT_NE(capital, nullptr);
  EXPECT_EQ(capital->name, "Sanaa");
  EXPECT_EQ(capital->precision, GeoPrecision::kCity);
  Document province = Run("Gunmen killed two soldiers in a northern Afghan province.");
  ExpectRelation(province, "Afghan province", "AFG", "northern");
  EXPECT_EQ(PlaceText(province, "Afghan province")->precision, GeoPrecision::kCountry);
  Document named = Run("Rebels shelled the Afghan capital Kabul.");
  EXPECT_EQ(PlaceText(named, "the Afghan capital"), nullptr);
  EXPECT_EQ(LocationOf(named, "shelled"), "Kabul");
}

// A compass word after a demonym is that part of its country, with or
// without an (unnamed) province after it: "in Afghan north", "in Afghan west
// province", "in Afghan north-east".
TEST_F(PlacesTest, ADemonymAndACompassWord) {
  Document north = Run("Nine militants killed in clashes with police in Afghan north");
  ExpectRelation(north, "Afghan north", "AFG", "north");
  EXPECT_EQ(LocationOf(north, "clashes"), "Afghan north");
  EXPECT_EQ(PlaceText(north, "Afghan north")->precision, GeoPrecision::kCountry);
  Document province = Run("At least 30 militants killed in Afghan west province - governor");
  ExpectRelation(province, "Afghan west province", "AFG", "west");
  Document hyphen = Run("Five soldiers wounded in Afghan north-east");
  ExpectRelation(hyphen, "Afghan north-east", "AFG", "northeast");
}

// "in Greenlane, Auckland": after a preposition, a town of the story's
// country after the comma contains the unknown name; a town abroad does not
// ("in Kampungu, Rosa Crestani" had met a Mauritanian town).
TEST_F(PlacesTest, AnUnknownNameBeforeATownOfTheStorysCountry) {
  Document doc = Run("Syrian troops shelled Idlib. Gunmen killed two men in Zorkab, Ariha.");
  const Place* p = PlaceText(doc, "Zorkab");
  ASSERT_NE(p, nullptr) << doc.text;
  EXPECT_EQ(p->name, "Ariha");
  EXPECT_EQ(p->relation, "in");
  Document abroad = Run("Syrian troops shelled Idlib. Gunmen killed two men in Zorkab, Modesto.");
  const Place* q = PlaceText(abroad, "Zorkab");
  ASSERT_NE(q, nullptr) << abroad.text;
  EXPECT_EQ(q->precision, GeoPrecision::kNone) << q->name;
}

TEST_F(PlacesTest, AHeadlineLabelIsTheSentencePlace) {
  Document doc = Run("Kandahar: Gunmen kill two policemen");
  TriggerLocation loc = LocateTrigger(doc, TokenOf(doc, "kill"));
  ASSERT_GE(loc.location, 0);
  EXPECT_EQ(doc.Slice(doc.places[loc.location].begin, doc.places[loc.location].end), "Kandahar");
  EXPECT_EQ(loc.basis, LocationBasis::kSentence);
  // A place the text gives the event itself comes first.
  EXPECT_EQ(LocationOf(Run("Kandahar: Gunmen kill two policemen in Kabul"), "kill"), "Kabul");
}

TEST_F(PlacesTest, LaunchVersusImpact) {
  Document doc = Run("Militants fired rockets from Gaza at Ashkelon on Sunday.");
  std::string launch;
  EXPECT_EQ(LocationOf(doc, "fired", nullptr, &launch), "Ashkelon");
  EXPECT_EQ(launch, "Gaza");
  Document yemen = Run("The Houthis launched a missile from Yemen towards Eilat.");
  EXPECT_EQ(LocationOf(yemen, "launched", nullptr, &launch), "Eilat");
  EXPECT_EQ(launch, "Yemen");
}

TEST_F(PlacesTest, ClauseSentenceAndDocumentBasis) {
  Document doc =
      Run("Gunmen attacked a checkpoint in Kandahar on Wednesday. Two days later they attacked a "
          "police station.");
  ASSERT_GE(doc.tokens.size(), 12u);
  TriggerLocation first = LocateTrigger(doc, TokenOf(doc, "attacked"));
  EXPECT_EQ(first.basis, LocationBasis::kClause);
  // The second "attacked".
  uint32_t second = 0;
  for (uint32_t t = TokenOf(doc, "attacked") + 1; t < doc.tokens.size(); ++t) {
    if (doc.Form(doc.tokens[t]) == "attacked") second = t;
  }
  ASSERT_GT(second, 0u);
  TriggerLocation later = LocateTrigger(doc, second);
  EXPECT_EQ(later.basis, LocationBasis::kDocument);
  ASSERT_GE(later.location, 0);
  EXPECT_EQ(doc.places[later.location].country, "AFG");
  // One specific place named: the document falls back to its province, a
  // coarser precision than the town.
  EXPECT_EQ(doc.places[later.location].precision, GeoPrecision::kAdmin1);
  EXPECT_EQ(doc.places[later.location].admin1, "Kandahar");
  // Places in two provinces: the fallback is the country.
  Document two = Run(
      "Gunmen attacked a checkpoint in Kandahar on Wednesday. Police in Kabul arrested two men. "
      "Two days later they attacked a police station.");
  uint32_t third = 0;
  for (uint32_t t = 0; t < two.tokens.size(); ++t) {
    if (two.Form(two.tokens[t]) == "attacked") third = t;
  }
  TriggerLocation coarse = LocateTrigger(two, third);
  ASSERT_GE(coarse.location, 0);
  EXPECT_EQ(coarse.basis, LocationBasis::kDocument);
  EXPECT_EQ(two.places[coarse.location].precision, GeoPrecision::kCountry);
  // A place attached to another clause of the same sentence: basis sentence.
  Document s = Run("Police in Kandahar said that gunmen attacked a checkpoint.");
  LocationBasis basis;
  EXPECT_EQ(LocationOf(s, "attacked", &basis), "Kandahar");
  EXPECT_EQ(basis, LocationBasis::kSentence);
}

TEST_F(PlacesTest, DemonymIsNotAPlace) {
  Document doc = Run("Syrian troops attacked rebel positions.");
  EXPECT_EQ(PlaceText(doc, "Syrian"), nullptr);
}

TEST_F(PlacesTest, CapitalActingIsNotTheEventPlace) {
  Document doc = Run("Moscow said its jets struck Raqqa on Thursday.");
  EXPECT_EQ(LocationOf(doc, "struck"), "Raqqa");
  // "Moscow" is a place of the text, but as the sayer it is no clause or
  // sentence location of "said" (at most the document's country).
  TriggerLocation said = LocateTrigger(doc, TokenOf(doc, "said"));
  if (said.location >= 0 && said.basis != LocationBasis::kDocument) {
    EXPECT_NE(doc.Slice(doc.places[said.location].begin, doc.places[said.location].end), "Moscow");
  }
}

TEST_F(PlacesTest, FeatureWithArticle) {
  Document doc = Run("Russian warships in the Caspian Sea fired cruise missiles.");
  const Place* p = PlaceText(doc, "the Caspian Sea");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->precision, GeoPrecision::kFeature);
  EXPECT_EQ(p->geonameid, 0);
}

TEST_F(PlacesTest, SmallTownGluedToANameIsAPerson) {
  Document doc = Run("Marion Smith said the talks in Kandahar had failed.");
  EXPECT_EQ(PlaceText(doc, "Marion"), nullptr);
  EXPECT_NE(PlaceText(doc, "Kandahar"), nullptr);
}

TEST_F(PlacesTest, ListsCarryPlaceEvidence) {
  // "Saraqib" (a small town, no preposition of its own) is in a list with
  // an accepted place.
  Document doc = Run("Fighting spread to Idlib, Saraqib and Ariha on Monday.");
  EXPECT_NE(PlaceText(doc, "Saraqib"), nullptr);
  Document alone = Run("Saraqib officials said nothing.");
  EXPECT_EQ(PlaceText(alone, "Saraqib"), nullptr);
}

TEST_F(PlacesTest, CountryAliasesAndRegions) {
  Document doc = Run("The U.S. and Britain sent aid to Africa and Asia.");
  const Place* us = PlaceText(doc, "The U.S.");
  ASSERT_NE(us, nullptr);
  EXPECT_EQ(us->country, "USA");
  EXPECT_EQ(us->precision, GeoPrecision::kCountry);
  const Place* africa = PlaceText(doc, "Africa");
  ASSERT_NE(africa, nullptr);
  EXPECT_EQ(africa->precision, GeoPrecision::kFeature);
  EXPECT_FALSE(std::isnan(africa->lat));
  // A possessive inside a country's name.
  ExpectPlaceIn("The People's Republic of China sent aid on Monday.",
                "The People's Republic of China", "CHN");
}

TEST_F(PlacesTest, NationalityModifierIsNoLocation) {
  // "a Syrian" is a demonym anyway; "a Russia-backed offensive" style country
  // modifiers of an event noun are nationalities, the town is the place.
  Document doc = Run("Five civilians were killed in a Russia air strike on Saraqib.");
  EXPECT_EQ(LocationOf(doc, "killed"), "Saraqib");
}

TEST_F(PlacesTest, StageFillsEveryEvent) {
  Document doc = Run("Gunmen attacked a checkpoint in Kandahar on Wednesday.");
  ASSERT_FALSE(doc.events.empty());
  bool located = false;
  for (const Event& e : doc.events) {
    if (e.location >= 0) {
      EXPECT_LT(static_cast<size_t>(e.location), doc.places.size());
      located = true;
    }
  }
  EXPECT_TRUE(located);
}

// The place LocateTrigger picks for the verb `form` without the document
// fallback (clause, then sentence); "" if none.
std::string SentenceLocationOf(const Document& doc, uint32_t trigger) {
  TriggerLocation loc = LocateTrigger(doc, trigger, -1, Fallback::kSentence);
  if (loc.location < 0) return "";
  const Place& p = doc.places[loc.location];
  return std::string(doc.Slice(p.begin, p.end));
}

TEST_F(PlacesTest, ForeignClauseIsNoSentenceFallback) {
  // Another event's clause with its own subject: its place is not ours.
  Document doc = Run("The commander was captured last year and his deputy was killed in Aleppo.");
  EXPECT_EQ(SentenceLocationOf(doc, TokenOf(doc, "captured")), "");
  EXPECT_EQ(SentenceLocationOf(doc, TokenOf(doc, "killed")), "Aleppo");
  // The same incident's casualties share the place.
  Document same = Run("A policeman was shot dead and a woman was wounded in Kandahar on Monday.");
  EXPECT_EQ(SentenceLocationOf(same, TokenOf(same, "shot")), "Kandahar");
  Document others = Run("A soldier was killed and three others were wounded in Kandahar.");
  EXPECT_EQ(SentenceLocationOf(others, TokenOf(others, "killed")), "Kandahar");
  // A clause opened by "after" that the parser hung on its subject
  // ("after(case) suicide bombers targeted(parataxis)") says how it came
  // about: its place is the event's.
  Document after =
      Run("At least 11 people were killed and 20 injured after suicide bombers targeted a wake in "
          "Bamenda on Wednesday.");
  EXPECT_EQ(SentenceLocationOf(after, TokenOf(after, "killed")), "Bamenda");
}

TEST_F(PlacesTest, AccordingToGivesTheSourcesPlace) {
  Document doc = Run("Two soldiers were killed on Monday, according to officials in Kabul.");
  EXPECT_EQ(SentenceLocationOf(doc, TokenOf(doc, "killed")), "");
  Document statement =
      Run("A guard was shot, according to a statement from the ministry in Kabul.");
  EXPECT_EQ(SentenceLocationOf(statement, TokenOf(statement, "shot")), "");
}

TEST_F(PlacesTest, TakenFromIsNotTheLocation) {
  Document doc = Run("Israel captured Gaza from Egypt in 1967.");
  EXPECT_EQ(SentenceLocationOf(doc, TokenOf(doc, "captured")), "Gaza");
  Document hill = Run("Troops captured the hill from Jordan in 1967.");
  EXPECT_EQ(SentenceLocationOf(hill, TokenOf(hill, "captured")), "");
}

TEST_F(PlacesTest, NameAfterADesignatorIsThePlace) {
  Document doc = Run("In the northern Aleppo district of Saraqib, a car bomb killed five people.");
  EXPECT_EQ(SentenceLocationOf(doc, TokenOf(doc, "killed")), "Saraqib");
  Document near = Run("In the village of Ariha near Idlib, troops detained two men.");
  EXPECT_EQ(SentenceLocationOf(near, TokenOf(near, "detained")), "Ariha");
}

TEST_F(PlacesTest, ArticleBeforeANameDoesNotHideIt) {
  Document doc =
      Run("Two soldiers were killed in the vicinity of the Deir ez-Zor military airport.");
  std::string loc = SentenceLocationOf(doc, TokenOf(doc, "killed"));
  EXPECT_NE(loc.find("Deir ez-Zor"), std::string::npos) << loc;
}

TEST_F(PlacesTest, NamedSiteAfterOf) {
  Document doc = Run("Armed police patrolled the terminals of Kabul airport on Monday.");
  std::string loc = SentenceLocationOf(doc, TokenOf(doc, "patrolled"));
  EXPECT_NE(loc.find("Kabul"), std::string::npos) << loc;
}

TEST_F(PlacesTest, ProvinceDesignatorRanksAsProvince) {
  // "X province" ranks as a province even when the name resolves to a town:
  // the town object is the finer place.
  Document doc = Run("The rebels captured Ariha in mineral-rich Saraqib province last week.");
  EXPECT_EQ(SentenceLocationOf(doc, TokenOf(doc, "captured")), "Ariha");
}

TEST_F(PlacesTest, OfAfterAnEventNounIsLocative) {
  Document doc = Run("Hundreds were killed during the siege of Aleppo.");
  EXPECT_EQ(SentenceLocationOf(doc, TokenOf(doc, "killed")), "Aleppo");
}

TEST_F(PlacesTest, TownNamingAnEventNounIsOnlyTheSentenceFallback) {
  Document doc = Run("Dozens of fighters have been killed since the start of the Hama offensive.");
  TriggerLocation loc = LocateTrigger(doc, TokenOf(doc, "killed"), -1, Fallback::kSentence);
  ASSERT_GE(loc.location, 0);
  EXPECT_EQ(doc.Slice(doc.places[loc.location].begin, doc.places[loc.location].end), "Hama");
  EXPECT_EQ(loc.basis, LocationBasis::kSentence);
}

TEST_F(PlacesTest, StativeClauseIsNoLocation) {
  Document doc = Run("The area is patrolled by troops who have their bases in Kandahar.");
  EXPECT_EQ(SentenceLocationOf(doc, TokenOf(doc, "patrolled")), "");
  Document live = Run("Gunmen killed two farmers who had lived in Kandahar for years.");
  EXPECT_EQ(SentenceLocationOf(live, TokenOf(live, "killed")), "");
}

TEST_F(PlacesTest, CentreOfAPlaceIsInsideIt) {
  // "the centre of X" is at X; only compass directions point away from it.
  Document doc = Run("Two men were shot in the centre of Saraqib in Idlib province.");
  EXPECT_EQ(SentenceLocationOf(doc, TokenOf(doc, "shot")), "Saraqib");
}

TEST_F(PlacesTest, NamedDistrictOfAProvince) {
  // "the X district of Y province": Y is the container, X the place.
  Document doc = Run("Gunmen killed two men in the Ariha district of Idlib province.");
  std::string loc = SentenceLocationOf(doc, TokenOf(doc, "killed"));
  EXPECT_NE(loc.find("Ariha"), std::string::npos) << loc;
}

TEST_F(PlacesTest, CoordinatedSpeechVerbGivesWhereItWasSaid) {
  Document said =
      Run("The commander was captured last year, and admitted before a court in Kabul that he "
          "had led the attack.");
  EXPECT_EQ(SentenceLocationOf(said, TokenOf(said, "captured")), "");
}

TEST_F(PlacesTest, IntendedPlaceIsNoLocation) {
  Document doc = Run("The rebels captured two towns and have vowed to march into Kabul by June.");
  EXPECT_EQ(SentenceLocationOf(doc, TokenOf(doc, "captured")), "");
}

// Counties (GeoNames ADM2, testdata/admin2.json): "Grant County" is one in
// Indiana (Gas City, Marion: 9,000 people) and one in Wisconsin
// (Platteville: 12,000). Marion is a town of Ohio (5,000) and of Indiana (3,000).
TEST_F(PlacesTest, CountyResolvesThroughItsState) {
  Document doc = Run("Bird flu was found on a farm in Grant County, Indiana, on Monday.");
  const Place* p = PlaceText(doc, "Grant County");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->country, "USA");
  EXPECT_NEAR(p->lat, 40.5, 0.2);  // Indiana's, not Wisconsin's (42.7 N)
  EXPECT_EQ(p->precision, GeoPrecision::kFeature);
}

TEST_F(PlacesTest, TownResolvesThroughItsCounty) {
  // Without the county, Ohio's larger Marion would win.
  Document doc = Run("The outbreak began in Marion, in Grant County, Indiana, last month.");
  const Place* p = PlaceText(doc, "Marion");
  ASSERT_NE(p, nullptr);
  EXPECT_NEAR(p->lon, -85.66, 0.01);
}

TEST_F(PlacesTest, OneSensePerDocumentAfterAHierarchy) {
  Document doc =
      Run("Officials in Grant County, Indiana, closed two schools. Cases in Grant County rose to "
          "forty on Friday.");
  int seen = 0;
  for (const Place& p : doc.places) {
    if (doc.Slice(p.begin, p.end) != "Grant County") continue;
    ++seen;
    EXPECT_NEAR(p.lat, 40.5, 0.2) << "mention " << seen;
  }
  EXPECT_EQ(seen, 2);
}

TEST_F(PlacesTest, ProvinceNamedInTheDocumentDisambiguatesATown) {
  Document doc = Run("Storms swept across Indiana on Sunday. Roads were closed in Marion.");
  const Place* p = PlaceText(doc, "Marion");
  ASSERT_NE(p, nullptr);
  EXPECT_NEAR(p->lon, -85.66, 0.01);
  // Without a province named, the larger Marion (Ohio).
  Document plain = Run("Roads were closed in Marion on Sunday.");
  const Place* q = PlaceText(plain, "Marion");
  ASSERT_NE(q, nullptr);
  EXPECT_NEAR(q->lon, -83.13, 0.01);
}

TEST_F(PlacesTest, PlaceInATownIsNearThatTown) {
  // Ohio's Marion is larger, but Indiana's lies 8 km from Gas City.
  Document doc = Run("Officials closed a school in Marion in Gas City on Monday.");
  const Place* p = PlaceText(doc, "Marion");
  ASSERT_NE(p, nullptr);
  EXPECT_NEAR(p->lon, -85.66, 0.01);
}

TEST_F(PlacesTest, CountriesInAListAreNoHierarchy) {
  // "Jordan, the United States": a list of countries, not the Minnesota town
  // Jordan in the United States.
  Document doc = Run("Aid was sent by Jordan, the United States and Russia on Monday.");
  const Place* p = PlaceText(doc, "Jordan");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->country, "JOR");
  EXPECT_EQ(p->precision, GeoPrecision::kCountry);
}

TEST_F(PlacesTest, LargeTownAfterPrepositionWhateverItsTags) {
  // "Little" and "Rock" are tagged ADJ and NOUN; a town of 198,000 called by
  // its own name after "in" is a place all the same.
  Document doc = Run("The seized weapons were destroyed at a plant in Little Rock last week.");
  const Place* p = PlaceText(doc, "Little Rock");
  ASSERT_NE(p, nullptr);
  EXPECT_NEAR(p->lat, 34.75, 0.01);
  // Not without the preposition.
  Document bare = Run("Little rock formations were seen.");
  EXPECT_EQ(PlaceText(bare, "Little"), nullptr);
}

TEST_F(PlacesTest, ListMembersAreOfOneKind) {
  // Alone, "Washington" is the capital; among states it is the state.
  Document alone = Run("The delegation flew to Washington on Monday.");
  const Place* a = PlaceText(alone, "Washington");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->precision, GeoPrecision::kCity);
  Document doc =
      Run("Salmonella cases were confirmed in Ohio, Washington and Wisconsin on Monday.");
  const Place* p = PlaceText(doc, "Washington");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->precision, GeoPrecision::kAdmin1);
  EXPECT_GT(p->lat, 45.0);  // the state, not the District of Columbia (38.9 N)
  // Two names are no list of a kind: "Ohio and Washington" keeps the capital's rank.
  Document two = Run("The firm sells its wares in Canada, Washington, Ohio and Indiana.");
  const Place* t = PlaceText(two, "Washington");
  ASSERT_NE(t, nullptr);
  // Canada is a country, Ohio and Indiana provinces: the others disagree, no switch.
  EXPECT_EQ(t->precision, GeoPrecision::kCity);
}

// A parallel list ("N in X, M in Y") is a list too, and beside a country two
// names make one.
TEST_F(PlacesTest, ParallelListsAndCountryPairsAreOfOneKind) {
  Document doc = Run("Eight cases were found in Ohio, twelve in Indiana, and one in Washington.");
  const Place* p = PlaceText(doc, "Washington");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->precision, GeoPrecision::kAdmin1);
  EXPECT_GT(p->lat, 45.0);
  // Nigeria's evidence alone makes "Niger" its Niger State; beside Egypt it
  // is the country.
  Document pair =
      Run("Polio has been eradicated in Egypt and Niger, officials said. Nigeria reported 782 "
          "cases, and Nigerian clerics in Minna called for a boycott.");
  const Place* niger = PlaceText(pair, "Niger");
  ASSERT_NE(niger, nullptr);
  EXPECT_EQ(niger->precision, GeoPrecision::kCountry);
  EXPECT_EQ(niger->country, "NER");
}

// Looser matches: a transliteration no alternate name lists, found by its
// skeleton ("Saraqeib" for Saraqib, spelled "Saraqeb" among its names), and
// a historic region of one country named by another of its names ("Barqa":
// Cyrenaica). In a story whose places lie elsewhere they stay text (an empty
// name below); in their own country they resolve.
TEST_F(PlacesTest, LooseMatchesAndTheirLimit) {
  const struct {
    const char* text;
    const char* mention;
    const char* name;
  } kCases[] = {
      {"Government forces shelled Saraqeib in Idlib province on Monday.", "Saraqeib", "Saraqib"},
      {"Protesters marched in Beirut on Monday and in Saraqeib on Tuesday.", "Saraqeib", ""},
      {"Clashes in Al-Barqa and shelling in Deir ez-Zor on Monday.", "Al-Barqa", ""},
      {"Fighting raged in Barqa, eastern Libya, on Monday.", "Barqa", "Cyrenaica"},
      {"Clashes in Cyrenaica and shelling in Deir ez-Zor on Monday.", "Cyrenaica", "Cyrenaica"},
  };
  for (const auto& c : kCases) {
    Document doc = Run(c.text);
    const Place* p = PlaceText(doc, c.mention);
    ASSERT_NE(p, nullptr) << c.text;
    if (*c.name == '\0') {
      EXPECT_TRUE(std::isnan(p->lat)) << c.text;
    } else {
      EXPECT_EQ(p->name, c.name) << c.text;
    }
  }
}

// "Nawa" in a Syrian story: the Syrian town, a seat of a district whose
// population GeoNames does not give (counted as a thousand), not Naha in
// Japan, which has "Nawa" among its other names, nor India's Nawa. Alone,
// the large city wins.
TEST_F(PlacesTest, ATownAtHomeBeforeAnotherNameAbroad) {
  const Document doc = Run("Air strikes on Nawa and shelling in Hama and Idlib on Monday.");
  const Place* p = PlaceText(doc, "Nawa");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->country, "SYR");
  const Document alone = Run("Tourists flocked to Nawa on Monday.");
  ASSERT_NE(PlaceText(alone, "Nawa"), nullptr);
  EXPECT_EQ(PlaceText(alone, "Nawa")->country, "JPN");
}

TEST_F(PlacesTest, UnknownNamesPlacedByTheirContext) {
  // After "to", placed in a province.
  Document doc = Run("Tourists travel to Kogelo in Idlib province every year.");
  ExpectPlaceInside(doc, "Kogelo", "Idlib", GeoPrecision::kAdmin1);
  // Not a cause: "died from Ebola in Syria".
  ExpectNoPlace("Two nurses died from Ebola in Syria.", "Ebola");
  // "the community of X" names a town; "the Somali community" does not.
  Document community = Run("A goose was found in the community of Zarqunabad last week.");
  ExpectUnresolvedPlace(community, "Zarqunabad");
}

TEST_F(PlacesTest, ProvinceNamedAfterItsCapitalIsTheCapital) {
  // "Dili Municipality" is Dili's province; "in Dili" is the town.
  Document doc = Run("Prisoners rioted at a jail in Dili on Monday.");
  ASSERT_NE(PlaceText(doc, "Dili"), nullptr);
  EXPECT_EQ(PlaceText(doc, "Dili")->precision, GeoPrecision::kCity);
}

// Delhi (ten million people) has "Dili" among its other names. After
// "capital", a capital called by its own name comes first, and a word the
// tagger reads as a noun is still the name ("East Timor's capital Dili").
TEST_F(PlacesTest, TheCapitalNamedByItsOwnName) {
  for (const char* text : {"Protesters marched in the capital Dili on Monday.",
                           "Police fired tear gas in East Timor's capital Dili."}) {
    Document doc = Run(text);
    const Place* p = PlaceText(doc, "Dili");
    ASSERT_NE(p, nullptr) << text;
    EXPECT_EQ(p->country, "TLS") << text;
    EXPECT_EQ(p->precision, GeoPrecision::kCity) << text;
  }
}

TEST_F(PlacesTest, ListMemberAbroadByAnotherSpellingIsUnresolved) {
  // "Tarabulus" is another spelling of Libya's capital; in a list of Syrian
  // towns it is a place the gazetteer lacks.
  Document doc = Run("Cholera spread to Ariha, Saraqib, Hama and Tarabulus on Monday.");
  ExpectUnresolvedPlace(doc, "Tarabulus");
  // By its own name, a large town abroad is what it says.
  Document own = Run("Cholera spread to Ariha, Saraqib, Hama and Kabul on Monday.");
  ExpectPlaceIn(own, "Kabul", "AFG");
}

TEST_F(PlacesTest, SmallTownAbroadIsNoEvidenceForItself) {
  // A Syria story naming a small Wisconsin town twice: the town's own
  // mentions do not make the United States one of the story's countries.
  Document doc =
      Run("Shelling hit Aleppo and Idlib in Syria on Monday. A cafe in Platteville was closed. "
          "Another cafe in Platteville was searched.");
  ExpectUnresolvedPlace(doc, "Platteville");
  // With the United States named, it is the Wisconsin town.
  ExpectPlaceAt("A cafe in Platteville in the United States was closed on Monday.", "Platteville",
                42.73);
}

TEST_F(PlacesTest, ParentWithTheTownsReadingWins) {
  // "Georgia" alone is the country; after Atlanta it is the US state.
  Document doc = Run("Officials in Atlanta, Georgia, confirmed the case on Monday.");
  const Place* ga = PlaceText(doc, "Georgia");
  ASSERT_NE(ga, nullptr);
  EXPECT_EQ(ga->country, "USA");
  EXPECT_EQ(ga->precision, GeoPrecision::kAdmin1);
  ExpectPlaceAt(doc, "Atlanta", 33.75);
}

TEST_F(PlacesTest, TownOutsideTheProvinceTheTextNamesIsUnresolved) {
  // No Platteville in Idlib: the Wisconsin town is not it. After "in", a
  // town of the story's country after the comma contains the unknown name
  // (as "in Los Espinos, Zamora"): somewhere in Idlib.
  Document doc = Run("A school in Platteville, Idlib, was shelled on Monday.");
  ExpectPlaceIn(doc, "Platteville", "SYR");
  EXPECT_EQ(PlaceText(doc, "Platteville")->relation, "in");
  ExpectPlaceIn(doc, "Idlib", "SYR");
  // Named with its province, it is somewhere in that province.
  Document in_province = Run("A school in Platteville, Idlib province, was shelled on Monday.");
  ExpectPlaceInside(in_province, "Platteville", "Idlib", GeoPrecision::kAdmin1);
  // A list is no hierarchy: Indiana does not contain Platteville here.
  Document list = Run("Cases were found in Platteville, Indiana, Ohio and Illinois.");
  ExpectPlaceIn(list, "Platteville", "USA");
  // The same in a county of another province.
  Document county = Run("Ducks were found in the Platteville area of Grant County, Indiana.");
  ExpectPlaceInside(county, "the Platteville area", "Grant County", GeoPrecision::kFeature);
}

TEST_F(PlacesTest, UnknownNameAfterACountrysPossessiveIsInThatCountry) {
  // No gazetteer knows the district: "Syria's Platteville district" is
  // still somewhere in Syria, and its people are Syrian.
  Document doc =
      Run("Armed men attacked a village in Syria's Platteville district, killing 15 "
          "civilians.");
  ExpectPlaceIn(doc, "Platteville district", "SYR");
  EXPECT_EQ(PlaceText(doc, "Platteville district")->relation, "in");
  EXPECT_EQ(PlaceText(doc, "Platteville district")->precision, GeoPrecision::kCountry);
  // A province's or town's possessive: somewhere in it.
  Document province = Run("Shelling hit a village in Idlib province's Platteville district.");
  ExpectPlaceInside(province, "Platteville district", "Idlib", GeoPrecision::kAdmin1);
  Document town = Run("A bomb exploded in Kandahar's Platteville district on Monday.");
  ExpectPlaceInside(town, "Platteville district", "Kandahar", GeoPrecision::kCity);
}

TEST_F(PlacesTest, GenericProvinceNameAbroadIsUnresolved) {
  // A British story: Cameroon's "North-West" region is not what it means.
  Document uk =
      Run("Storms hit Birmingham in England and the North-West on Monday, British officials said.");
  const Place* nw = PlaceText(uk, "the North-West");
  ASSERT_NE(nw, nullptr);
  EXPECT_TRUE(std::isnan(nw->lat)) << nw->country;
  // A Cameroon story: it is.
  Document cm = Run("Separatists attacked a school near Bamenda in the North-West of Cameroon.");
  const Place* cnw = PlaceText(cm, "the North-West");
  ASSERT_NE(cnw, nullptr);
  EXPECT_EQ(cnw->country, "CMR");
}

TEST_F(PlacesTest, GenericAdjectiveBeforeANameIsNoPlace) {
  // Brazil's "Federal District" is also "Federal".
  Document doc = Run("Mogadishu Explosions Target Federal Govt Soldiers");
  EXPECT_EQ(PlaceText(doc, "Federal"), nullptr);
  ExpectPlaceIn(doc, "Mogadishu", "SOM");
}

TEST_F(PlacesTest, OilfieldNamedLikeATownAbroadIsUnresolved) {
  // Naga is a Philippine town; the Naga oilfield is in Libya.
  Document doc = Run("Militias in Libya attacked the Naga oilfield on Monday.");
  ExpectUnresolvedPlace(doc, "the Naga oilfield");
}

TEST_F(PlacesTest, FrenchConnectorsJoinAName) {
  ExpectPlaceAt("Cholera cases rose in Port-au-Prince on Monday.", "Port-au-Prince", 18.54);
}

TEST_F(PlacesTest, CountryInsideAnActorsNameIsAPlaceButNoEventLocation) {
  // "United States President George W. Bush" is a named actor whose name
  // holds a country: the country is a place mention, flagged, and never the
  // event's location.
  Document doc = Run("United States President George W. Bush visited troops on Monday.");
  const Place* p = PlaceText(doc, "United States");
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(p->in_actor_name);
  EXPECT_EQ(p->country, "USA");
  LocationBasis basis = LocationBasis::kNone;
  LocationOf(doc, "visited", &basis);
  EXPECT_NE(basis, LocationBasis::kClause);
  EXPECT_NE(basis, LocationBasis::kSentence);
  // Elsewhere in the sentence, the place named for the event wins.
  Document k = Run("United States President George W. Bush visited troops in Kandahar on Monday.");
  EXPECT_EQ(LocationOf(k, "visited"), "Kandahar");
}

TEST_F(PlacesTest, TitleWordsStartingHyphenatedOrMultiwordNames) {
  // "Saint" opens titles ("Saint Peter"), but "Saint-Marc" is a town.
  ExpectPlaceIn("A field hospital was set up in Saint-Marc on Monday.", "Saint-Marc", "HTI");
  // "St." is read as "Saint" where the gazetteer lists no abbreviated name.
  ExpectPlaceIn("A field hospital was set up in St. Marc on Monday.", "St. Marc", "HTI");
  // A large town whose first word the tagger reads as an adjective, as a
  // verb's object: "scouring New Orleans".
  ExpectPlaceIn("Rescue workers are scouring New Orleans for survivors.", "New Orleans", "USA");
}

TEST_F(PlacesTest, NameOfAVirusOrInstitutionIsNoPlace) {
  // A town accepted once is a place at its other mentions, but not where it
  // names a virus ("the West Nile virus", "the Reston ebolavirus").
  Document doc = Run("Cases were reported in Yakima on Monday. The Yakima virus spread quickly.");
  for (const Place& p : doc.places) EXPECT_EQ(p.sentence, 0u) << doc.Slice(p.begin, p.end);
  // "Center" opens an institution's name.
  Document cdc = Run("Samples were sent to the Center for Disease Control in Atlanta.");
  EXPECT_EQ(PlaceText(cdc, "Center"), nullptr);
  EXPECT_NE(PlaceText(cdc, "Atlanta"), nullptr);
}

TEST_F(PlacesTest, NewspapersSourcesAndSpeakersAreNoPlaces) {
  Document doc =
      Run("Officials in Atlanta told the Atlanta Journal that 12 people died. According to Yakima, "
          "the outbreak is over. Atlanta health officials agreed.");
  const uint32_t journal = TokenOf(doc, "Journal");
  for (const Place& p : doc.places) {
    EXPECT_NE(doc.Slice(p.begin, p.end), "Yakima");
    EXPECT_NE(p.token_end, journal) << "the Atlanta Journal is a newspaper";
  }
  EXPECT_NE(PlaceText(doc, "Atlanta"), nullptr);  // "in Atlanta"
  // A town's name speaking is a person: "Yakima said".
  Document said = Run("Cases were reported in Yakima. Later Yakima said the outbreak was over.");
  for (const Place& p : said.places) EXPECT_EQ(p.sentence, 0u) << said.Slice(p.begin, p.end);
}

TEST_F(PlacesTest, TownFollowedByItsStateWhateverItsTags) {
  // The tagger reads "Oak" as a noun; the state after it says it is a town.
  ExpectPlaceAt("RC2, a toy company based in Oak Brook, Illinois, issued a recall.", "Oak Brook",
                41.83);
}

TEST_F(PlacesTest, PluralDesignatorAfterAPairNamesBoth) {
  // "the Ariha and Kafrzita districts": "districts" makes Ariha a place too.
  Document doc = Run("Officials quarantined the Ariha and Kafrzita districts on Monday.");
  bool ariha = false;
  for (const Place& p : doc.places)
    ariha |= doc.Slice(p.begin, p.end).find("Ariha") != std::string_view::npos;
  EXPECT_TRUE(ariha);
}

TEST_F(PlacesTest, TownNameBeforeAFeatureWordIsNoTown) {
  // In a story about Ohio, "Idlib Bay" is no bay of the Syrian town: a
  // feature the gazetteer lacks.
  Document doc =
      Run("Wildlife officers in Ohio said on Monday that the birds were found in Idlib Bay.");
  ExpectUnresolvedPlace(doc, "Idlib Bay");
  // "the slum of X" is a place context like "the streets of X".
  Document slum = Run("Police raided the slum of Ariha overnight.");
  EXPECT_NE(PlaceText(slum, "Ariha"), nullptr);
}

TEST_F(PlacesTest, UnknownObjectOfAPlaceOnlyVerbIsAPlace) {
  // "bombed Kafrzita": shelling and bombing hit places, so an unknown object
  // is a place the gazetteer lacks (text, no coordinates) and the event's
  // location; "captured" also takes people.
  Document doc = Run("Government jets bombed Kafrzita on Monday.");
  ExpectUnresolvedPlace(doc, "Kafrzita");
  EXPECT_EQ(LocationOf(doc, "bombed"), "Kafrzita");
  Document people = Run("Government troops captured Kafrzita on Monday.");
  EXPECT_EQ(PlaceText(people, "Kafrzita"), nullptr);
}

TEST_F(PlacesTest, TownInAppositionIsAPlace) {
  // "the regional capital, Hamah": an apposition is an argument, so a large
  // town called by another of its names there is a place.
  Document doc =
      Run("A police officer was shot dead outside the regional capital, Hamah, on Monday.");
  EXPECT_NE(PlaceText(doc, "Hamah"), nullptr);
  EXPECT_EQ(LocationOf(doc, "shot"), "Hamah");
}

TEST_F(PlacesTest, TownBeforeAPublicOfficeIsAPlace) {
  // "the Yakima City Council", "Spokane Deputy Mayor ...": the town of an
  // office named in title case is a place mention (the designator belongs to
  // the office, so the span is the town's name), also where the office opens
  // a named actor and where the town speaks through it.
  Document council = Run("A Yakima City Council spokeswoman said the water was safe.");
  const Place* p = PlaceText(council, "Yakima");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->country, "USA");
  Document mayor = Run("Modesto Vice-Mayor John Smith said two people died.");
  EXPECT_NE(PlaceText(mayor, "Modesto"), nullptr);
  Document attorney = Run("The Spokane District Attorney indicted him on Monday.");
  EXPECT_NE(PlaceText(attorney, "Spokane"), nullptr);
  // A town before any other capitalised word is still part of a longer name.
  Document team = Run("Yakima United won the cup on Monday.");
  EXPECT_EQ(PlaceText(team, "Yakima"), nullptr);
}

// A town naming the noun of an "of" phrase of the passive subject or object
// is the event's place when nothing else is ("the owner of a Hama
// restaurant was shot"); a faith after a town is no longer name ("a Belfast
// Catholic"), unlike another capitalised word ("Yakima United").
TEST_F(PlacesTest, TownNamingAnArgumentsNoun) {
  Document owner =
      Run("Last month, the owner of a posh Hama restaurant was shot dead as the killer missed his "
          "target in the crowded establishment.");
  LocationBasis basis = LocationBasis::kNone;
  EXPECT_EQ(LocationOf(owner, "shot", &basis), "Hama");
  EXPECT_EQ(basis, LocationBasis::kClause);
  Document faith = Run("Gunmen killed a Belfast Catholic on Monday.");
  EXPECT_NE(PlaceText(faith, "Belfast"), nullptr);
  EXPECT_EQ(LocationOf(faith, "killed"), "Belfast");
}

// Civilians, protesters and police without a country in violence,
// repression or a protest are of the country where it happened; soldiers are
// not (they are often foreign), nor the people of a meeting.
TEST_F(PlacesTest, LocalVictimsTakeThePlacesCountry) {
  struct Case {
    const char* sentence;
    const char* mention;
    const char* code;
  };
  // A place attacked has its country as the target's code ("the town of
  // Hama"); a place near the target does not.
  const Case cases[] = {
      {"Warplanes bombed a market in Hama on Monday, killing three people.", "three people",
       "SYRCVL"},
      // A reference to a local group: the others are people too.
      {"Warplanes bombed a market in Hama, killing three people and wounding 19 others.",
       "19 others", "SYRCVL"},
      {"Protesters marched in Hama on Friday.", "Protesters", "SYROPP"},
      {"Police fired tear gas at protesters in Hama on Friday.", "Police", "SYRCOP"},
      {"Gunmen killed two soldiers in Hama on Monday.", "two soldiers", "---MIL"},
      {"Officials met residents in Hama on Monday.", "residents", "---CVL"},
      {"Jets bombed the town of Hama on Monday.", "the town", "SYR"},
      // ... also a town abroad that a settlement noun names.
      {"Syrian rebels in Raqqa fired rockets at the Turkish town of Kilis.", "the Turkish town",
       "TUR"},
      {"Rebels attacked a village near Hama on Monday.", "a village", ""},
  };
  for (const Case& c : cases) {
    Document doc = Run(c.sentence);
    std::string code = "(no mention)";
    for (const ActorMention& m : doc.mentions) {
      if (doc.Slice(doc.tokens[m.token_begin].begin, doc.tokens[m.token_end - 1].end) == c.mention)
        code = m.code;
    }
    EXPECT_EQ(code, c.code) << c.sentence;
  }
}

TEST_F(PlacesTest, TypeNounAroundANameMakesItAPlace) {
  // "attacked" also takes people, so an unknown name after it is no place
  // by itself; an apposition that calls it a town is enough.
  Document bare = Run("Gunmen attacked Kafrzita on Monday.");
  EXPECT_EQ(PlaceText(bare, "Kafrzita"), nullptr);
  ExpectUnresolvedPlace(Run("Gunmen attacked Kafrzita, a small farming town, on Monday."),
                        "Kafrzita");
  ExpectUnresolvedPlace(Run("A resident of Kafrzita, a suburb east of Idlib, said so."),
                        "Kafrzita");
  // ... but not a person described by an office: "a town councillor".
  Document person = Run("John Kafrzita, a town councillor, said the water was safe.");
  EXPECT_EQ(PlaceText(person, "John Kafrzita"), nullptr);
  EXPECT_EQ(PlaceText(person, "Kafrzita"), nullptr);
  // A name given: "a village called X".
  ExpectUnresolvedPlace(Run("The boy lived in a village called Maarzita until May."), "Maarzita");
  // A list announced by a plural designator: every member.
  Document list = Run("The outbreak has hit three villages: Kafrzita, Maarzita and Ariha Allaj.");
  for (std::string_view name : {"Kafrzita", "Maarzita"}) ExpectUnresolvedPlace(list, name);
  // A known name glued to another proper noun there is part of a longer
  // name, not the town Ariha.
  for (const Place& p : list.places) EXPECT_NE(p.name, "Ariha");
  // A bare designator before the name.
  ExpectUnresolvedPlace(Run("Rebels looted the village Kafrzita on Monday."), "Kafrzita");
}

TEST_F(PlacesTest, ProvinceAbroadSmallerThanATownAndOtherNamesOfTowns) {
  // Mozambique's Gaza province has fewer people than the town of Gaza: as
  // a province it has no claim over the town, so the town wins on size.
  ExpectPlaceIn("Fighting raged in Gaza on Monday.", "Gaza", "PSE");
  // "Manchester" is an old name of Richmond, Virginia, but Manchester's own.
  ExpectPlaceIn("Police in Manchester said two men were stabbed.", "Manchester", "GBR");
  // ... but a town's English name stays its own where the town it names
  // besides is smaller: "Palmyra" is Tadmur, not the Pennsylvania town.
  ExpectPlaceIn("Fighting raged in Palmyra on Monday.", "Palmyra", "SYR");
  // A province named on its own terms still wins: "Gaza province".
  ExpectPlaceIn("Floods hit Mozambique's Gaza province on Monday.", "Gaza province", "MOZ");
}

TEST_F(PlacesTest, OddInputDoesNotCrash) {
  for (const char* text :
       {"", "   ", "(", "IN IN IN in in", "The the The of of in - - -", "In .", "KABUL", "BEIRUT (",
        "X, Y, Z in , ,", "Ariha, a", "villages: Ariha", ": Ariha", "a town called", "called Ariha",
        "the village Ariha", "Ariha Mayor", "Ariha Vice -", "Ariha District Attorney"}) {
    Document doc = Run(text);
    for (const Place& p : doc.places) EXPECT_LE(p.begin, p.end);
  }
}

}  // namespace
}  // namespace sitrep::places
