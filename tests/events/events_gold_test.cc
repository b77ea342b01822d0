// The gold-event scorer on hand-built documents, and the committed gold files
// (samples/expected/*.events) against the sample articles.
#include "events_gold.h"

#include <filesystem>
#include <map>
#include <string>

#include <gtest/gtest.h>

#include "io/reader.h"

namespace sitrep::events_gold {
namespace {

namespace fs = std::filesystem;

// "title\n\nbody" tokenized on spaces, with "," and "." split off; one sentence.
Document MakeDoc(const std::string& title, const std::string& body) {
  Document doc;
  doc.id = "hand";
  doc.text = title + "\n\n" + body;
  doc.body_begin = static_cast<uint32_t>(title.size() + 2);
  const std::string& t = doc.text;
  for (uint32_t i = 0; i < t.size();) {
    if (t[i] == ' ' || t[i] == '\n') {
      ++i;
      continue;
    }
    uint32_t j = i;
    while (j < t.size() && t[j] != ' ' && t[j] != '\n') ++j;
    uint32_t word_end = j;
    while (word_end > i + 1 && (t[word_end - 1] == ',' || t[word_end - 1] == '.')) --word_end;
    for (uint32_t p = i; p < j; p = p == i ? word_end : p + 1) {
      Token tok;
      tok.begin = p;
      tok.end = p == i ? word_end : p + 1;
      doc.tokens.push_back(tok);
    }
    i = j;
  }
  Sentence s;
  s.end = static_cast<uint32_t>(t.size());
  s.token_end = static_cast<uint32_t>(doc.tokens.size());
  doc.sentences.push_back(s);
  return doc;
}

// Document index of the n-th (1-based) token whose form is `form`.
uint32_t Tok(const Document& doc, std::string_view form, int n = 1) {
  for (uint32_t i = 0; i < doc.tokens.size(); ++i) {
    if (doc.Form(doc.tokens[i]) == form && --n == 0) return i;
  }
  ADD_FAILURE() << "no token " << form;
  return 0;
}

int AddMention(Document& doc, uint32_t begin, uint32_t end, const std::string& code) {
  ActorMention m;
  m.token_begin = begin;
  m.token_end = end;
  m.head = end - 1;
  m.code = code;
  doc.mentions.push_back(m);
  return static_cast<int>(doc.mentions.size()) - 1;
}

int AddEvent(Document& doc, uint32_t trigger, const std::string& cameo, int source, int target) {
  Event e;
  e.trigger_begin = trigger;
  e.trigger_end = trigger + 1;
  e.trigger_head = trigger;
  e.cameo = cameo;
  e.source = source;
  e.target = target;
  doc.events.push_back(e);
  return static_cast<int>(doc.events.size()) - 1;
}

GoldFile Gold(const Document& doc, const std::string& content) {
  GoldFile gold = ParseGold(content, "t.events");
  ResolveTriggers(doc, gold);
  return gold;
}

const char kTitle[] = "Gunmen attack checkpoint";
const char kBody[] =
    "KABUL - Police said gunmen attacked a checkpoint, killing four officers. "
    "Syrian and Russian jets bombed Idlib. Rebels attacked again.";

TEST(ParseGoldTest, ReadsColumnsAlternativesFlagsAndOccurrences) {
  GoldFile g = ParseGold(
      "# a comment\n"
      "\n"
      "attacked#2\t---UAF\t190\tAFGCOP\n"
      "jets\t\tRUSMIL|RUS\t195|1951\t-\tnegated,modality=intended reported optional\r\n",
      "x.events");
  EXPECT_TRUE(g.warnings.empty()) << g.warnings[0];
  ASSERT_EQ(g.events.size(), 2u);
  EXPECT_EQ(g.events[0].trigger, "attacked");
  EXPECT_EQ(g.events[0].occurrence, 2);
  EXPECT_EQ(g.events[0].line, 3);
  EXPECT_EQ(g.events[0].source, std::vector<std::string>{"---UAF"});
  EXPECT_EQ(g.events[1].source, (std::vector<std::string>{"RUSMIL", "RUS"}));
  EXPECT_EQ(g.events[1].cameo, (std::vector<std::string>{"195", "1951"}));
  EXPECT_EQ(g.events[1].target, std::vector<std::string>{""});
  EXPECT_TRUE(g.events[1].negated);
  EXPECT_TRUE(g.events[1].reported);
  EXPECT_TRUE(g.events[1].optional);
  EXPECT_EQ(g.events[1].modality, Modality::kIntended);
}

TEST(ParseGoldTest, MalformedLinesAreReportedWithFileAndLineAndSkipped) {
  GoldFile g = ParseGold(
      "attacked\t---UAF\t190\n"           // 3 columns
      "attacked\tsyrmil\t190\t-\n"        // lower-case code
      "attacked\tSYRMIL\t19x\t-\n"        // bad CAMEO
      "attacked\tSYRMIL\t230\t-\n"        // root 23 does not exist
      "attacked\tSYRMIL\t190\tSYRMI\n"    // not 3-letter blocks
      "attacked\tSYRMIL\t190\t-\tloud\n"  // unknown flag
      "attacked#0\tSYRMIL\t190\t-\n"      // occurrence 0
      "attacked\tSYRMIL\t190\t-\tmodality=maybe\n"
      "good\tSYRMIL\t190\t-\n",
      "x.events");
  ASSERT_EQ(g.events.size(), 1u);
  EXPECT_EQ(g.events[0].trigger, "good");
  ASSERT_EQ(g.warnings.size(), 8u);
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(g.warnings[i].rfind("x.events:" + std::to_string(i + 1) + ": ", 0), 0u)
        << g.warnings[i];
  }
}

TEST(ParseGoldTest, ArbitraryBytesNeverCrash) {
  Document doc = MakeDoc(kTitle, kBody);
  uint32_t state = 12345;
  const std::string alphabet = "\t\n\r #|-=,0123456789ABCRUSMILatckedoptinal\xff\xc3";
  for (int round = 0; round < 200; ++round) {
    std::string content;
    for (int i = 0; i < 300; ++i) {
      state = state * 1664525u + 1013904223u;
      content += alphabet[(state >> 16) % alphabet.size()];
    }
    GoldFile g = ParseGold(content, "fuzz.events");
    ResolveTriggers(doc, g);
    ScoreArticle(doc, g);
  }
}

TEST(ResolveTriggersTest, WholeWordsInTheBodyAndNthOccurrence) {
  Document doc = MakeDoc(kTitle, kBody);
  GoldFile g = Gold(doc,
                    "attack\t-\t190\t-\n"      // only in the title and inside "attacked"
                    "attacked#2\t-\t190\t-\n"  // "Rebels attacked again"
                    "attacked\t-\t190\t-\n");
  ASSERT_EQ(g.events.size(), 3u);
  EXPECT_TRUE(g.events[0].span.empty());
  ASSERT_EQ(g.warnings.size(), 1u);
  EXPECT_NE(g.warnings[0].find("t.events:1: trigger \"attack\""), std::string::npos);
  EXPECT_EQ(doc.Slice(g.events[1].span), "attacked");
  EXPECT_EQ(g.events[1].span.begin, doc.text.rfind("attacked"));
  EXPECT_EQ(g.events[2].span.begin, doc.text.find("attacked"));
}

// The document coded as a good coder would.
Document CodedWell() {
  Document doc = MakeDoc(kTitle, kBody);
  int gunmen = AddMention(doc, Tok(doc, "gunmen"), Tok(doc, "gunmen") + 1, "---UAF");
  int checkpoint =
      AddMention(doc, Tok(doc, "checkpoint", 2), Tok(doc, "checkpoint", 2) + 1, "AFGCOP");
  int syr = AddMention(doc, Tok(doc, "Syrian"), Tok(doc, "Syrian") + 1, "SYRMIL");
  int rus = AddMention(doc, Tok(doc, "Russian"), Tok(doc, "Russian") + 1, "RUSMIL");
  int rebels = AddMention(doc, Tok(doc, "Rebels"), Tok(doc, "Rebels") + 1, "---REB");
  AddEvent(doc, Tok(doc, "attacked"), "190", gunmen, checkpoint);
  AddEvent(doc, Tok(doc, "bombed"), "195", rus, -1);  // coordination: two events, one trigger
  AddEvent(doc, Tok(doc, "bombed"), "195", syr, -1);
  AddEvent(doc, Tok(doc, "attacked", 2), "190", rebels, -1);
  return doc;
}

const char kGold[] =
    "attacked\t---UAF\t190\tAFGCOP\n"
    "bombed\tSYRMIL\t195\t-\n"
    "bombed\tRUSMIL|RUS\t195\t-\n"
    "attacked#2\t---REB\t190|193\t-\n";

TEST(ScoreTest, PerfectCoderScoresOne) {
  Document doc = CodedWell();
  GoldFile gold = Gold(doc, kGold);
  ArticleScore s = ScoreArticle(doc, gold);
  EXPECT_EQ(s.gold, 4);
  EXPECT_EQ(s.coded, 4);
  EXPECT_EQ(s.matched, 4);
  EXPECT_EQ(s.triple_agree, 4);  // the two "bombed" events paired with the right lines
  EXPECT_DOUBLE_EQ(s.TripleF1(), 1.0);
  EXPECT_TRUE(s.differences.empty()) << s.differences[0].text;
}

TEST(ScoreTest, WrongCodesAndActorsAreCountedAndListed) {
  Document doc = CodedWell();
  doc.events[0].cameo = "193";  // same root, wrong subcode
  doc.events[3].cameo = "173";  // wrong root
  doc.events[0].target = -1;    // target lost
  doc.events[1].source = 4;     // ---REB instead of RUSMIL
  GoldFile gold = Gold(doc, kGold);
  ArticleScore s = ScoreArticle(doc, gold);
  EXPECT_EQ(s.matched, 4);
  EXPECT_EQ(s.root_agree, 3);
  EXPECT_EQ(s.code_agree, 2);
  EXPECT_EQ(s.source_agree, 3);
  EXPECT_EQ(s.target_agree, 3);
  EXPECT_EQ(s.triple_agree, 1);
  EXPECT_DOUBLE_EQ(s.TriplePrecision(), 0.25);
  ErrorCounts n = CountErrors({s});
  EXPECT_EQ(n.wrong_subcode, 1);
  EXPECT_EQ(n.wrong_root, 1);
  EXPECT_EQ(n.wrong_source, 1);
  EXPECT_EQ(n.wrong_target, 1);
  EXPECT_EQ(n.missing + n.extra, 0);
  EXPECT_EQ(n.target_missing, 1);  // AFGCOP lost
  EXPECT_EQ(n.source_other, 1);    // ---REB for RUSMIL
  EXPECT_EQ(n.source_no_country + n.target_no_country + n.source_spurious, 0);
  ASSERT_FALSE(s.differences.empty());
  EXPECT_NE(s.differences[0].text.find("coded ---UAF 193 -"), std::string::npos)
      << s.differences[0].text;
}

TEST(ScoreTest, MissingExtraTitleAndAttribution) {
  Document doc = CodedWell();
  doc.events.erase(doc.events.begin() + 3);  // "attacked#2" missed
  int police = AddMention(doc, Tok(doc, "Police"), Tok(doc, "Police") + 1, "AFGCOP");
  int said = AddEvent(doc, Tok(doc, "said"), "010", police, -1);
  doc.events[0].reported_by = said;                   // attribution, not in gold: ignored
  AddEvent(doc, Tok(doc, "killing"), "190", -1, -1);  // extra
  AddEvent(doc, Tok(doc, "attack"), "190", -1, -1);   // in the title: ignored
  GoldFile gold = Gold(doc, kGold);
  ArticleScore s = ScoreArticle(doc, gold);
  EXPECT_EQ(s.gold, 4);
  EXPECT_EQ(s.coded, 4);  // 3 matched + "killing"
  EXPECT_EQ(s.matched, 3);
  EXPECT_EQ(s.triple_agree, 3);
  EXPECT_DOUBLE_EQ(s.TriggerRecall(), 0.75);
  EXPECT_DOUBLE_EQ(s.TriggerPrecision(), 0.75);
  ErrorCounts n = CountErrors({s});
  EXPECT_EQ(n.missing, 1);
  EXPECT_EQ(n.extra, 1);

  // The same "said" is scored when the gold lists it.
  GoldFile with_said = Gold(doc, std::string(kGold) + "said\tAFGCOP\t010\t-\n");
  ArticleScore s2 = ScoreArticle(doc, with_said);
  EXPECT_EQ(s2.gold, 5);
  EXPECT_EQ(s2.coded, 5);
  EXPECT_EQ(s2.triple_agree, 4);
}

TEST(ScoreTest, UnmatchedStatementsAreNotExtraButMatchedOnesCount) {
  Document doc = CodedWell();
  int police = AddMention(doc, Tok(doc, "Police"), Tok(doc, "Police") + 1, "AFGCOP");
  AddEvent(doc, Tok(doc, "said"), "010", police, -1);  // not reporting any coded event
  ArticleScore s = ScoreArticle(doc, Gold(doc, kGold));
  EXPECT_EQ(s.coded, 4);
  EXPECT_TRUE(s.differences.empty());
  doc.events.back().cameo = "016";  // any other code is an extra event
  s = ScoreArticle(doc, Gold(doc, kGold));
  EXPECT_EQ(s.coded, 5);
  EXPECT_EQ(CountErrors({s}).extra, 1);
}

TEST(ScoreTest, LongerActorCodesAgreeOnlyByWholeBlocksOfTwoBlockGoldCodes) {
  Document doc = CodedWell();
  doc.mentions[0].code = "---UAFGUN";  // refines ---UAF: agrees
  doc.mentions[2].code = "SYRMILX";    // not a whole block: disagrees
  ArticleScore s = ScoreArticle(doc, Gold(doc, kGold));
  EXPECT_EQ(s.source_agree, 3);
  GoldFile country = Gold(doc, "bombed\tRUS\t195\t-\n");
  s = ScoreArticle(doc, country);  // "RUS" does not accept RUSMIL
  EXPECT_EQ(s.source_agree, 0);
}

TEST(ScoreTest, ActorErrorsAreClassified) {
  Document doc = CodedWell();
  doc.mentions[1].code = "---COP";  // AFGCOP without its country
  doc.mentions[4].code = "SYRREB";  // a target where gold has none
  doc.events[3].target = 4;
  ErrorCounts n = CountErrors({ScoreArticle(doc, Gold(doc, kGold))});
  EXPECT_EQ(n.target_no_country, 1);
  EXPECT_EQ(n.target_spurious, 1);
  EXPECT_EQ(n.wrong_target, 2);
}

TEST(ScoreTest, OptionalGoldCountsOnlyWhenMatched) {
  Document doc = CodedWell();
  GoldFile gold = Gold(doc, std::string(kGold) + "killing\t---UAF\t190\tAFGCOP\toptional\n");
  ArticleScore s = ScoreArticle(doc, gold);
  EXPECT_EQ(s.gold, 4);
  EXPECT_TRUE(s.differences.empty());
  AddEvent(doc, Tok(doc, "killing"), "190", 0, 1);
  s = ScoreArticle(doc, gold);
  EXPECT_EQ(s.gold, 5);
  EXPECT_EQ(s.triple_agree, 5);
}

TEST(ScoreTest, FlagsDisagreementIsListedButNotATripleError) {
  Document doc = CodedWell();
  GoldFile gold = Gold(doc, "attacked\t---UAF\t190\tAFGCOP\tnegated\n");
  ArticleScore s = ScoreArticle(doc, gold);
  EXPECT_EQ(s.triple_agree, 1);
  EXPECT_EQ(s.flags_agree, 0);
  ASSERT_EQ(s.differences.size(), 4u);  // the wrong flags + 3 extra events
  EXPECT_NE(s.differences[0].text.find("[flags]"), std::string::npos) << s.differences[0].text;
}

TEST(ScoreTest, MalformedCodedEventsDoNotCrash) {
  Document doc = CodedWell();
  AddEvent(doc, 9999, "190", 77, -5);  // trigger and mentions out of range
  Event e;
  e.trigger_begin = 5;
  e.trigger_end = 5;  // empty: falls back to the head
  e.trigger_head = Tok(doc, "killing");
  e.reported_by = 12345;
  doc.events.push_back(e);
  std::vector<CodedEvent> coded = CodedEventsOf(doc);
  ASSERT_EQ(coded.size(), 5u);
  EXPECT_EQ(doc.Slice(coded[4].trigger), "killing");
  GoldFile gold = Gold(doc, kGold);
  ArticleScore s = ScoreArticle(doc, gold);
  EXPECT_EQ(s.coded, 5);
  std::string table = FormatTable({s}, s);
  EXPECT_NE(table.find("micro"), std::string::npos);
}

// The committed gold files: every line parses and every trigger is found in
// its article's body.
TEST(SampleGoldFilesTest, ParseAndResolveInTheirArticles) {
  const fs::path samples = fs::path(SITREP_SOURCE_DIR) / "samples";
  const fs::path expected = samples / "expected";
  if (!fs::is_directory(expected)) GTEST_SKIP() << "no " << expected;
  auto reader = DocumentReader::Create({samples.string()}, {});
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  int articles = 0, events = 0;
  while (auto r = (*reader)->Next()) {
    ASSERT_TRUE(r->status.ok()) << r->status.ToString();
    const Document& doc = *r->doc;
    SCOPED_TRACE(doc.id);
    StatusOr<GoldFile> gold = ReadGoldFile((expected / (doc.id + ".events")).string());
    ASSERT_TRUE(gold.ok()) << gold.status().ToString();
    ResolveTriggers(doc, *gold);
    for (const std::string& w : gold->warnings) ADD_FAILURE() << w;
    EXPECT_GE(gold->events.size(), 5u);
    ++articles;
    events += static_cast<int>(gold->events.size());
  }
  EXPECT_EQ(articles, 12);
  EXPECT_GE(events, 12 * 5);
}

}  // namespace
}  // namespace sitrep::events_gold
