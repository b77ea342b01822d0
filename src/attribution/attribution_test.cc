// Attribution on our own news sentences, through the real Analyzer and
// events::CreateCoder({}): every cue, each status, contradicting claims,
// hedges in the next sentence, quotes, and odd input.
#include "attribution/attribution.h"

#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>

#include "events/coder.h"
#include "pipeline/analyzer.h"

namespace sitrep::attribution {
namespace {

class AttributionTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto a = Analyzer::Create({});
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    analyzer_ = std::move(a).value().release();
    auto c = events::CreateCoder({});
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    coder_ = std::move(c).value().release();
  }
  static void TearDownTestSuite() {
    delete coder_;
    delete analyzer_;
    coder_ = nullptr;
    analyzer_ = nullptr;
  }
  static Document Run(const std::string& text) {
    Document doc;
    doc.id = "test";
    doc.text = text;
    EXPECT_TRUE(analyzer_->Analyze(doc).ok());
    EXPECT_TRUE(coder_->Code(doc).ok());
    AttributionStage stage;
    Status st = stage.Process(doc);
    EXPECT_TRUE(st.ok()) << st.ToString();
    CheckInvariants(doc);
    return doc;
  }
  // What must hold for every event of every document.
  static void CheckInvariants(const Document& doc) {
    for (const Event& e : doc.events) {
      const Attribution& a = e.attribution;
      EXPECT_LE(a.begin, a.end);
      EXPECT_LE(a.end, doc.text.size());
      EXPECT_LE(a.cue_begin, a.cue_end);
      EXPECT_LE(a.cue_end, doc.text.size());
      if (a.status == AttributionStatus::kClaimed || a.status == AttributionStatus::kReported) {
        EXPECT_LT(a.begin, a.end) << "a claim or report without a source";
      }
      if (a.status == AttributionStatus::kAsserted) {
        EXPECT_EQ(a.begin, a.end) << "asserted with a source";
        EXPECT_EQ(a.mention, -1);
      }
      if (a.mention >= 0) {
        ASSERT_LT(static_cast<size_t>(a.mention), doc.mentions.size());
        const ActorMention& m = doc.mentions[a.mention];
        uint32_t head_begin = doc.tokens[m.head].begin;
        EXPECT_TRUE(head_begin >= a.begin && head_begin < a.end) << "mention outside the source";
      }
    }
  }
  static Analyzer* analyzer_;
  static EventCoder* coder_;
};
Analyzer* AttributionTest::analyzer_ = nullptr;
EventCoder* AttributionTest::coder_ = nullptr;

std::string Trigger(const Document& doc, const Event& e) {
  return std::string(
      doc.Slice(doc.tokens[e.trigger_begin].begin, doc.tokens[e.trigger_end - 1].end));
}

// The first event with this trigger text in sentence `sentence` (-1: any).
const Event* Find(const Document& doc, const std::string& trigger, int sentence = -1) {
  for (const Event& e : doc.events) {
    if (Trigger(doc, e) == trigger &&
        (sentence < 0 || e.sentence == static_cast<uint32_t>(sentence)))
      return &e;
  }
  return nullptr;
}

std::string Source(const Document& doc, const Event& e) {
  return std::string(doc.Slice(e.attribution.begin, e.attribution.end));
}
std::string Cue(const Document& doc, const Event& e) {
  return std::string(doc.Slice(e.attribution.cue_begin, e.attribution.cue_end));
}
std::string Status(const Event& e) { return AttributionStatusName(e.attribution.status); }

// "status|source|cue" of the event with this trigger, or "no event".
std::string Attr(const Document& doc, const std::string& trigger, int sentence = -1) {
  const Event* e = Find(doc, trigger, sentence);
  if (e == nullptr) return "no event '" + trigger + "'";
  return Status(*e) + "|" + Source(doc, *e) + "|" + Cue(doc, *e);
}

// --- asserted -------------------------------------------------------------

TEST_F(AttributionTest, ReportersOwnVoiceIsAsserted) {
  Document doc = Run("Syrian troops shelled rebel positions near Hama on Thursday.");
  EXPECT_EQ(Attr(doc, "shelled"), "asserted||");
  EXPECT_EQ(Find(doc, "shelled")->attribution.mention, -1);
}

TEST_F(AttributionTest, StatementEventItselfIsAsserted) {
  Document doc = Run("Police said gunmen had attacked a checkpoint in Kandahar.");
  EXPECT_EQ(Attr(doc, "said"), "asserted||");
}

// --- sources and cues -------------------------------------------------------

TEST_F(AttributionTest, XSaidThat) {
  Document doc = Run("Police said gunmen had attacked a checkpoint in Kandahar.");
  EXPECT_EQ(Attr(doc, "attacked"), "reported|Police|said");
  const Event* e = Find(doc, "attacked");
  ASSERT_GE(e->attribution.mention, 0);
  EXPECT_EQ(doc.mentions[e->attribution.mention].head, 0u);
}

TEST_F(AttributionTest, ClauseThenXSaid) {
  Document doc = Run("Gunmen attacked a checkpoint in Kandahar, police said.");
  EXPECT_EQ(Attr(doc, "attacked"), "reported|police|said");
}

TEST_F(AttributionTest, HeadlineSourceLabel) {
  Document dash = Run("Italian volunteer killed in Donbass - newspaper");
  EXPECT_EQ(Attr(dash, "killed"), "reported|newspaper|-");
  Document colon =
      Run("Three Turkish soldiers killed in Kurdish militant attack: security sources");
  EXPECT_EQ(Attr(colon, "attack"), "reported|security sources|:");
  // A colon before a phrase that names no source, or a hyphen in a word.
  Document topic = Run("Rebels shelled Liman: events around Ukraine");
  EXPECT_EQ(Attr(topic, "shelled"), "asserted||");
  Document word = Run("Gunmen attacked a checkpoint in Kandahar-Herat");
  EXPECT_EQ(Attr(word, "attacked"), "asserted||");
}

TEST_F(AttributionTest, AccordingToSentenceFinal) {
  Document doc = Run("Gunmen attacked a checkpoint in Kandahar, according to police.");
  EXPECT_EQ(Attr(doc, "attacked"), "reported|police|according to");
}

TEST_F(AttributionTest, AccordingToSentenceInitial) {
  Document doc = Run("According to police, gunmen attacked a checkpoint in Kandahar.");
  EXPECT_EQ(Attr(doc, "attacked"), "reported|police|According to");
}

TEST_F(AttributionTest, AccordingToAStatementFromX) {
  Document doc =
      Run("Gunmen attacked a checkpoint in Kandahar, according to a statement from the interior "
          "ministry.");
  EXPECT_EQ(Attr(doc, "attacked"), "reported|the interior ministry|according to");
  Document initial =
      Run("According to a statement from the interior ministry, police arrested 12 protesters in "
          "Cairo.");
  const Event* e = nullptr;
  for (const Event& x : initial.events) {
    if (Trigger(initial, x) == "arrested" && x.source >= 0 &&
        initial.Form(initial.tokens[initial.mentions[x.source].head]) == "police")
      e = &x;
  }
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(Status(*e), "reported");
  EXPECT_EQ(Source(initial, *e), "the interior ministry");
}

TEST_F(AttributionTest, XToldReuters) {
  Document doc = Run("A security source told Reuters that militants attacked an army post.");
  EXPECT_EQ(Attr(doc, "attacked"), "reported|A security source|told");
}

TEST_F(AttributionTest, ResidentsToldAfpMisparsedAsRelativeClause) {
  // The parser hangs "that soldiers fired" on "AFP" as a relative clause.
  Document doc = Run("Residents told AFP that soldiers fired on protesters in the capital.");
  EXPECT_EQ(Attr(doc, "fired on"), "reported|Residents|told");
}

TEST_F(AttributionTest, SaidInAStatement) {
  Document doc =
      Run("Police arrested 12 protesters in Cairo, the interior ministry said in a statement.");
  EXPECT_EQ(Attr(doc, "arrested"), "reported|the interior ministry|said");
  Document doc2 =
      Run("In a statement, the interior ministry said police arrested 12 protesters in Cairo.");
  EXPECT_EQ(Attr(doc2, "arrested"), "reported|the interior ministry|said");
}

TEST_F(AttributionTest, SaidOnTwitter) {
  Document doc =
      Run("The interior ministry said on Twitter that police arrested 12 protesters in Cairo.");
  EXPECT_EQ(Attr(doc, "arrested"), "reported|The interior ministry|said");
}

TEST_F(AttributionTest, StateMediaAndNewsAgency) {
  Document doc =
      Run("Syrian state media reported that Israeli jets struck a weapons depot near Damascus.");
  EXPECT_EQ(Attr(doc, "struck"), "reported|Syrian state media|reported");
  Document sana = Run("State news agency SANA said Israeli jets struck a base near Homs.");
  EXPECT_EQ(Attr(sana, "struck"), "reported|State news agency SANA|said");
  const Event* e = Find(sana, "struck");
  ASSERT_GE(e->attribution.mention, 0);
  EXPECT_EQ(sana.Form(sana.tokens[sana.mentions[e->attribution.mention].head]), "SANA");
}

TEST_F(AttributionTest, WitnessesAndRegionalSources) {
  Document doc = Run("Witnesses said soldiers fired on protesters in the capital.");
  EXPECT_EQ(Attr(doc, "fired on"), "reported|Witnesses|said");
  Document src = Run("Sources in the region say militants attacked an army post near Arish.");
  EXPECT_EQ(Attr(src, "attacked"), "reported|Sources in the region|say");
}

TEST_F(AttributionTest, ClaimedAndASecuritySource) {
  EXPECT_EQ(Attr(Run("The rebels claimed they shot down a government helicopter near Idlib."),
                 "shot down"),
            "claimed|The rebels|claimed");
  EXPECT_EQ(
      Attr(Run("A security source said militants attacked an army post near Arish."), "attacked"),
      "reported|A security source|said");
}

TEST_F(AttributionTest, ConfirmedAnnounced) {
  EXPECT_EQ(
      Attr(Run("The ministry confirmed that police arrested 12 protesters in Cairo."), "arrested"),
      "reported|The ministry|confirmed");
  EXPECT_EQ(Attr(Run("The army announced it had retaken the town of Palmyra from Islamic State."),
                 "retaken"),
            "claimed|The army|announced");
}

TEST_F(AttributionTest, ACountryBehindAPrepositionIsNotTheSpeaker) {
  // "sources from east Libya" are not Libya's state: no claim for Libyan forces.
  Document doc =
      Run("Libyan forces abducted the finance minister in Benghazi, according to sources from east "
          "Libya.");
  EXPECT_EQ(Attr(doc, "abducted"), "reported|sources from east Libya|according to");
  EXPECT_EQ(Find(doc, "abducted")->attribution.mention, -1);
}

TEST_F(AttributionTest, TwoSpeakersInOneSentenceKeepTheirOwnClauses) {
  Document doc = Run(
      "Brazilian authorities say there has been a massacre in the country's northern Para state "
      "without releasing any details, while Brazilian news media say gunmen attacked a bar in "
      "Belem City.");
  EXPECT_EQ(Attr(doc, "attacked"), "reported|Brazilian news media|say");
}

TEST_F(AttributionTest, SaidMondayThat) {
  // "Monday" is parsed as a subject and the that-clause as its relative clause.
  Document doc =
      Run("Informed military sources said Monday that the weapons and explosives were destroyed in "
          "Tarin Kot city.");
  EXPECT_EQ(Attr(doc, "destroyed"), "reported|military sources|said");
}

TEST_F(AttributionTest, OfficialsHaveSaid) {
  Document doc = Run(
      "Two suicide bombers killed at least 22 worshippers in an attack on a mosque in Maiduguri, "
      "rescue officials have said.");
  EXPECT_EQ(Attr(doc, "killed"), "reported|rescue officials|said");
}

TEST_F(AttributionTest, QuotedAsSaying) {
  Document doc =
      Run("The ministry quoted the commander as saying that troops attacked rebel positions.");
  const Event* e = Find(doc, "attacked");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(Source(doc, *e), "the commander");
  EXPECT_EQ(Cue(doc, *e), "saying");
}

TEST_F(AttributionTest, QuoteWithAttributionAfterIt) {
  Document doc = Run("\"We have captured the hill,\" the commander said.");
  EXPECT_EQ(Attr(doc, "captured"), "claimed|the commander|said");
}

TEST_F(AttributionTest, RelativeClauseSourceIsTheNounNotThePronoun) {
  Document doc = Run(
      "Police arrested three students in Yangon on Tuesday, said a witness who said she saw the "
      "arrests.");
  EXPECT_EQ(Attr(doc, "arrested"), "reported|a witness|said");
  // The witness's own "said" lies inside the source phrase: not reported by it.
  for (const Event& e : doc.events) {
    if (Trigger(doc, e) == "said") {
      EXPECT_EQ(Status(e), "asserted");
    }
  }
}

TEST_F(AttributionTest, SentenceFinalSpeechWordTaggedAsNoun) {
  Document doc =
      Run("The president met the Iraqi prime minister in Baghdad on Tuesday, Reuters reports.");
  EXPECT_EQ(Attr(doc, "met"), "reported|Reuters|reports");
  // No speech word after the comma: nothing is attributed.
  Document none = Run("Troops attacked the town, killing four civilians.");
  EXPECT_EQ(Attr(none, "attacked"), "asserted||");
  EXPECT_EQ(Attr(none, "killing"), "asserted||");
}

TEST_F(AttributionTest, SecondThatClauseOfAnAllegation) {
  Document doc =
      Run("The report alleged that the army was aware of the plan, and that soldiers attacked the "
          "village.");
  EXPECT_EQ(Attr(doc, "attacked"), "reported|The report|alleged");
}

TEST_F(AttributionTest, AddingThatTakesTheSpeakersSource) {
  // The parser reads "Ukrainian troops" as a second subject of "said".
  Document doc = Run(
      "Ukrainian troops repelled an assault near Bakhmut, the General Staff of the armed forces "
      "said, adding that Russian artillery had pounded 15 villages.");
  EXPECT_EQ(Attr(doc, "repelled"), "reported|the General Staff of the armed forces|said");
  EXPECT_EQ(Attr(doc, "pounded"), "reported|the General Staff of the armed forces|adding");
}

TEST_F(AttributionTest, AccordingToAfterALongClause) {
  Document doc =
      Run("Shelling on the village of Kafr Zita, north of Hama, killed at least six civilians, "
          "including two children, late Tuesday, according to local medics.");
  EXPECT_EQ(Attr(doc, "Shelling"), "reported|local medics|according to");
}

TEST_F(AttributionTest, StatementInsideTheQuoteIsNotTheFrameOfItsSpeaker) {
  Document doc = Run("\"Aid workers told us they had not eaten for days,\" she said.");
  EXPECT_EQ(Attr(doc, "said"), "asserted||");
  EXPECT_EQ(Attr(doc, "told"), "reported|she|said");
}

TEST_F(AttributionTest, DescribingAnAccusationDoesNotReportIt) {
  Document doc = Run("The minister described the U.S. accusations against Iran as unfounded.");
  EXPECT_EQ(Attr(doc, "accusations"), "asserted||");
}

TEST_F(AttributionTest, SpeakerWithAnAppositionAfterTheClause) {
  // The parser loses the subject of "told" (a conj without "and").
  Document doc = Run(
      "Rebels attacked the town of Kafr Zita on Friday, and took control of it by Saturday, Ahmed "
      "Saleh, a spokesman for the provincial police, told Reuters.");
  EXPECT_EQ(Attr(doc, "attacked"),
            "reported|Ahmed Saleh, a spokesman for the provincial police|told");
}

TEST_F(AttributionTest, AnOrderIsNotAReport) {
  Document doc = Run("The commander told his troops to attack the rebel positions near Hama.");
  EXPECT_EQ(Attr(doc, "attack"), "asserted||");
}

TEST_F(AttributionTest, DateIsNotPartOfTheSource) {
  Document doc =
      Run("President Emmanuel Macron on Sunday said he held talks with the Iraqi prime minister.");
  EXPECT_EQ(Attr(doc, "talks"), "claimed|President Emmanuel Macron|said");
}

// --- claimed -------------------------------------------------------------

TEST_F(AttributionTest, PartyClaimsItsOwnAction) {
  Document doc = Run("The Houthis said they had targeted a Saudi oil facility with drones.");
  EXPECT_EQ(Attr(doc, "targeted"), "claimed|The Houthis|said");
  Document it = Run("The army said it carried out air strikes on militant positions near Arish.");
  EXPECT_EQ(Attr(it, "air strikes"), "claimed|The army|said");
  Document own = Run("Russia said its jets struck 27 Islamic State targets in Homs.");
  EXPECT_EQ(Attr(own, "struck"), "claimed|Russia|said");
  Document state = Run("Israel carried out air strikes on Gaza, the Israeli military said.");
  EXPECT_EQ(Attr(state, "air strikes"), "claimed|the Israeli military|said");
}

TEST_F(AttributionTest, ClaimedResponsibilitySayingThat) {
  Document doc =
      Run("The Taliban claimed responsibility on Thursday, saying in a statement that its fighters "
          "had killed 12 soldiers.");
  EXPECT_EQ(Attr(doc, "killed"), "claimed|The Taliban|saying");
}

TEST_F(AttributionTest, NegatedIntentionIsNotADenial) {
  // Only a factual act the source says it did not do is denied.
  Document doc = Run("The president said he would not attack Iraq.");
  EXPECT_EQ(Attr(doc, "attack"), "claimed|The president|said");
}

TEST_F(AttributionTest, CommentOnAClaimIsTheReportersVoice) {
  Document doc =
      Run("The rebels said they had captured an army base, a claim the army swiftly denied.");
  EXPECT_EQ(Attr(doc, "captured"), "claimed|The rebels|said");
  EXPECT_EQ(Attr(doc, "denied"), "asserted||");
}

TEST_F(AttributionTest, ThirdPartyAboutAnotherActorIsReported) {
  Document doc = Run("Activists said Russian jets bombed a hospital in Homs.");
  EXPECT_EQ(Attr(doc, "bombed"), "reported|Activists|said");
}

TEST_F(AttributionTest, PossessiveOfTheSpeakerMakesAClaim) {
  Document doc =
      Run("The provincial police chief said his officers had arrested 139 suspects in Kandahar.");
  EXPECT_EQ(Attr(doc, "arrested"), "claimed|The provincial police chief|said");
}

TEST_F(AttributionTest, NotOnlyIsNoDenial) {
  // The coder flags "not only killed" as negated; the speaker claims it all.
  Document doc =
      Run("The rebel spokesman said its fighters not only killed dozens of soldiers but also "
          "destroyed four army vehicles.");
  EXPECT_EQ(Attr(doc, "killed"), "claimed|The rebel spokesman|said");
}

TEST_F(AttributionTest, ClaimedResponsibility) {
  Document doc = Run("The Taliban claimed responsibility for attacking a checkpoint in Kandahar.");
  EXPECT_EQ(Attr(doc, "attacking"), "claimed|The Taliban|claimed");
  Document ied =
      Run("Islamic State claimed responsibility for a suicide bombing that killed 20 people in "
          "Kabul.");
  EXPECT_EQ(Attr(ied, "killed"), "claimed|Islamic State|claimed");
  // The act as an event noun: "claimed responsibility for an attack on ...".
  Document noun = Run("Islamic State claimed responsibility for an attack on police in Stavropol.");
  EXPECT_EQ(Attr(noun, "attack"), "claimed|Islamic State|claimed");
}

// --- denied -------------------------------------------------------------

TEST_F(AttributionTest, Denials) {
  Document doc = Run("The army denied shelling the village.");
  EXPECT_EQ(Attr(doc, "shelling"), "denied|The army|denied");
  EXPECT_EQ(Attr(doc, "denied"), "asserted||");
  Document that = Run("The army denied that its forces shelled the village.");
  EXPECT_EQ(Attr(that, "shelled"), "denied|The army|denied");
  Document reports = Run("The army denied reports that its jets struck a hospital.");
  EXPECT_EQ(Attr(reports, "struck"), "denied|The army|denied");
  Document own = Run("The army said it did not shell the village.");
  EXPECT_EQ(Attr(own, "shell"), "denied|The army|said");
}

// --- unconfirmed -----------------------------------------------------------

TEST_F(AttributionTest, HedgeWords) {
  EXPECT_EQ(Attr(Run("Israeli jets reportedly struck a weapons depot near Damascus."), "struck"),
            "unconfirmed||reportedly");
  EXPECT_EQ(Attr(Run("Rebels allegedly attacked a convoy near Aleppo."), "attacked"),
            "unconfirmed||allegedly");
  EXPECT_EQ(Attr(Run("The army is believed to have shelled the village."), "shelled"),
            "unconfirmed||believed");
  EXPECT_EQ(Attr(Run("It was unclear whether the army had shelled the village."), "shelled"),
            "unconfirmed||unclear");
  EXPECT_EQ(Attr(Run("Gunmen appeared to have attacked a checkpoint in Kandahar."), "attacked"),
            "unconfirmed||appeared");
  EXPECT_EQ(Attr(Run("Gunmen apparently attacked a checkpoint in Kandahar."), "attacked"),
            "unconfirmed||apparently");
  EXPECT_EQ(Attr(Run("Militants are suspected of attacking the checkpoint."), "attacking"),
            "unconfirmed||suspected");
}

TEST_F(AttributionTest, CouldNotConfirm) {
  Document doc = Run("Reuters could not independently confirm that the army shelled the village.");
  EXPECT_EQ(Attr(doc, "shelled"), "unconfirmed||could not independently confirm");
}

TEST_F(AttributionTest, UnnamedOrHedgedSource) {
  EXPECT_EQ(Attr(Run("It was reported that rebels attacked a convoy near Aleppo."), "attacked"),
            "unconfirmed||reported");
  EXPECT_EQ(Attr(Run("Unconfirmed reports said rebels attacked a convoy near Aleppo."), "attacked"),
            "unconfirmed|Unconfirmed reports|Unconfirmed");
}

TEST_F(AttributionTest, HedgeInTheNextSentence) {
  Document doc =
      Run("The Observatory said government jets bombed Ariha on Thursday. Reuters could not "
          "independently verify the report.");
  EXPECT_EQ(Attr(doc, "bombed"), "unconfirmed|The Observatory|could not independently verify");
  EXPECT_EQ(Attr(doc, "said", 0), "asserted||");  // that the Observatory said it is not in doubt
  Document passive =
      Run("Rebels said they shot down a government helicopter near Idlib. The claim could not be "
          "independently verified.");
  EXPECT_EQ(Attr(passive, "shot down"), "unconfirmed|Rebels|could not be independently verified");
}

TEST_F(AttributionTest, HedgeInTheSameSentenceAfterTheClaim) {
  Document doc = Run(
      "Rebels claimed they shot down a government helicopter near Idlib, a claim that could not "
      "be verified.");
  EXPECT_EQ(Attr(doc, "shot down"), "unconfirmed|Rebels|could not be verified");
}

TEST_F(AttributionTest, HedgeDoesNotCrossAParagraphOrApplyToUnrelatedText) {
  Document para =
      Run("The Observatory said government jets bombed Ariha on Thursday.\n\nReuters could not "
          "independently verify the report.");
  EXPECT_EQ(Status(*Find(para, "bombed")), "reported");
  Document other =
      Run("The Observatory said government jets bombed Ariha on Thursday. Police arrested 12 "
          "protesters in Cairo.");
  EXPECT_EQ(Status(*Find(other, "bombed")), "reported");
  EXPECT_EQ(Status(*Find(other, "arrested")), "asserted");
}

// --- contradicting claims ---------------------------------------------------

TEST_F(AttributionTest, ContradictingClaimsKeepTheirOwnSources) {
  Document doc =
      Run("The Houthis said their missiles hit an oil facility in Jeddah. The Saudi-led coalition "
          "said its air defences shot down the missiles over Jeddah.");
  const Event* hit = Find(doc, "hit", 0);
  const Event* down = Find(doc, "shot down", 1);
  ASSERT_NE(hit, nullptr);
  ASSERT_NE(down, nullptr);
  EXPECT_EQ(Status(*hit), "claimed");
  EXPECT_EQ(Source(doc, *hit), "The Houthis");
  EXPECT_EQ(Status(*down), "claimed");
  EXPECT_EQ(Source(doc, *down), "The Saudi-led coalition");
  EXPECT_NE(hit->attribution.mention, down->attribution.mention);
}

TEST_F(AttributionTest, ClaimCommentParsedAsAClauseIsTheReportersVoice) {
  Document doc = Run(
      "Air strikes killed nine civilians in Maarat Misrin on Wednesday, according to activists, a "
      "claim the defence ministry denied.");
  EXPECT_EQ(Attr(doc, "Air strikes"), "reported|activists|according to");
  EXPECT_EQ(Attr(doc, "denied"), "asserted||");
}

TEST_F(AttributionTest, ReportAndDenialOfOneHappeningStayTwoEvents) {
  Document doc = Run(
      "Activists said Russian jets bombed a hospital in Homs. Russia denied that its jets bombed "
      "the hospital.");
  const Event* first = Find(doc, "bombed", 0);
  const Event* second = Find(doc, "bombed", 1);
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(Attr(doc, "bombed", 0), "reported|Activists|said");
  EXPECT_EQ(Attr(doc, "bombed", 1), "denied|Russia|denied");
  EXPECT_FALSE(first->negated);
}

TEST_F(AttributionTest, ClaimAndCounterClaimAcrossSentences) {
  Document doc =
      Run("Rebels said they shot down a government helicopter near Idlib. The army denied that "
          "rebels shot down a helicopter.");
  EXPECT_EQ(Attr(doc, "shot down", 0), "claimed|Rebels|said");
  EXPECT_EQ(Attr(doc, "shot down", 1), "denied|The army|denied");
}

// --- quotes and continuation ---------------------------------------------

TEST_F(AttributionTest, QuotationOverTwoSentences) {
  Document doc = Run(
      "\"We attacked the convoy at dawn. Our fighters destroyed two tanks,\" the commander said.");
  EXPECT_EQ(Attr(doc, "attacked", 0), "claimed|the commander|said");
  EXPECT_EQ(Attr(doc, "destroyed", 1), "claimed|the commander|said");
}

TEST_F(AttributionTest, QuotationOpenedAfterAColon) {
  Document doc =
      Run("The army spokesman said: \"Our jets struck rebel positions near Hama. Our troops "
          "captured two villages.\"");
  EXPECT_EQ(Attr(doc, "captured", 1), "claimed|The army spokesman|said");
}

TEST_F(AttributionTest, AQuoteRightAfterAnAttributedQuoteContinuesIt) {
  Document doc = Run(
      "\"We will fight on until the city is free,\" the commander said. \"Our fighters destroyed "
      "two tanks near the bridge.\"");
  EXPECT_EQ(Attr(doc, "destroyed", 1), "claimed|the commander|said");
  // After reported speech without quotation marks, a quote is not continued.
  Document plain = Run(
      "The commander said the army attacked the town. \"Our fighters destroyed two tanks near the "
      "bridge.\"");
  EXPECT_EQ(Attr(plain, "destroyed", 1), "asserted||");
}

TEST_F(AttributionTest, ColonThenQuotedParagraph) {
  Document doc = Run("The spokesman said:\n\n\"Our fighters attacked the convoy near Marib.\"");
  EXPECT_EQ(Attr(doc, "attacked"), "claimed|The spokesman|said");
}

TEST_F(AttributionTest, QuoteThenHeAdded) {
  Document doc =
      Run("\"We will not stop,\" he said. \"Rebels attacked our positions near Hama,\" he added.");
  EXPECT_EQ(Attr(doc, "attacked", 1), "reported|he|added");
}

TEST_F(AttributionTest, NoContinuationCueNoAttribution) {
  Document doc =
      Run("The commander said: \"We attacked the convoy.\" Our fighters destroyed two tanks.");
  EXPECT_EQ(Attr(doc, "attacked", 0), "claimed|The commander|said");
  EXPECT_EQ(Attr(doc, "destroyed", 1), "asserted||");
}

// --- robustness ------------------------------------------------------------

TEST_F(AttributionTest, RandomBytesDoNotCrash) {
  std::mt19937 rng(7);
  for (int round = 0; round < 30; ++round) {
    std::string text;
    int len = 1 + static_cast<int>(rng() % 400);
    for (int i = 0; i < len; ++i) {
      if (round % 2 == 0) {
        text += static_cast<char>(rng() % 256);
      } else {
        static const char* kWords[] = {
            "said",     "\"",     "according",    "to",         ",",   "police", ":",
            "attacked", "denied", "not",          "reportedly", "the", "could",  "verify",
            ".",        "\n\n",   "\xE2\x80\x9C", "they"};
        text += kWords[rng() % (sizeof(kWords) / sizeof(kWords[0]))];
        text += ' ';
      }
    }
    Document doc;
    doc.text = text;
    if (!analyzer_->Analyze(doc).ok()) continue;  // invalid UTF-8 may be refused: fine
    if (!coder_->Code(doc).ok()) continue;
    EXPECT_TRUE(Attribute(doc).ok());
    CheckInvariants(doc);
  }
}

TEST_F(AttributionTest, BrokenIndicesAreAnErrorNotACrash) {
  Document doc = Run("Police said gunmen had attacked a checkpoint in Kandahar.");
  ASSERT_FALSE(doc.events.empty());
  doc.events[0].trigger_head = 100000;
  EXPECT_FALSE(Attribute(doc).ok());
  Document empty;
  EXPECT_TRUE(Attribute(empty).ok());
  // A trigger in another sentence than its event's: no frame, no crash.
  Document two = Run("Police said gunmen attacked a checkpoint. Troops shelled the village.");
  ASSERT_GE(two.events.size(), 2u);
  two.events[0].trigger_head = two.sentences[1].token_begin;
  two.events[0].trigger_begin = two.sentences[1].token_begin;
  two.events[0].trigger_end = two.sentences[1].token_begin + 1;
  EXPECT_TRUE(Attribute(two).ok());
  EXPECT_EQ(Status(two.events[0]), "asserted");
}

TEST(AttributionStageTest, DeclaresItsLayers) {
  AttributionStage stage;
  EXPECT_EQ(stage.name(), "attribution");
  EXPECT_EQ(stage.provides_layers(), kLayerAttribution);
  EXPECT_NE(stage.requires_layers() & kLayerEvents, 0u);
  EXPECT_NE(stage.requires_layers() & kLayerMentions, 0u);
  EXPECT_NE(stage.requires_layers() & kLayerParse, 0u);
}

}  // namespace
}  // namespace sitrep::attribution
