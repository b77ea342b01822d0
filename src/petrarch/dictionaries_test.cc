#include "petrarch/dictionaries.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace sitrep::petrarch {
namespace {

bool HasWarning(const Dictionaries& d, const std::string& needle) {
  for (const std::string& w : d.warnings())
    if (w.find(needle) != std::string::npos) return true;
  return false;
}

constexpr char kVerbs[] = R"(<!-- header comment -->
&TIES_KIND
+MILITARY
+ECONOMIC

--- ABANDON  [345]  ---
ABANDON    # a comment
+BREAK_DOWN {+BROKE_DOWN}
WIRE_+TAP [1711]
- * &TIES_KIND TIES [902]
- IN_* [075]
- *_OUT [074]
- * MISSING CODE
- * &UNDEFINED [111]
- NO VERB HERE [111]
- * ONE * TWO [111]
--- TROUBLED  [---] # NOUN ---
TROUBLED
--- [050] ---
~ a (a b ATTACK) SAY = a b 015
)";

TEST(DictionariesTest, VerbFormsPatternsAndWarnings) {
  auto d = Dictionaries::FromText(kVerbs, "", "");
  const VerbDictionary& v = d->verbs();
  ASSERT_EQ(v.blocks.size(), 2u);
  EXPECT_EQ(v.blocks[0].name, "ABANDON");
  EXPECT_EQ(v.blocks[0].code, "345");
  EXPECT_EQ(v.blocks[1].code, "---");
  for (const char* f : {"ABANDON", "ABANDONS", "ABANDONED", "ABANDONING"})
    EXPECT_TRUE(v.forms.count(f)) << f;
  ASSERT_TRUE(v.forms.count("BROKE"));
  EXPECT_EQ(v.forms.at("BROKE")[0].back, std::vector<std::string>{"DOWN"});
  EXPECT_FALSE(v.forms.count("BREAKS"));  // {} given: only the listed forms
  ASSERT_TRUE(v.forms.count("TAPS"));
  EXPECT_EQ(v.forms.at("TAPS")[0].front, std::vector<std::string>{"WIRE"});
  EXPECT_EQ(v.forms.at("TAPS")[0].code, "1711");
  // Synset members with generated plurals.
  const auto& syn = v.synsets[v.synset_index.at("&TIES_KIND")];
  EXPECT_NE(std::find(syn.begin(), syn.end(), std::vector<std::string>{"MILITARIES"}), syn.end());
  const auto& pats = v.blocks[0].patterns;
  ASSERT_EQ(pats.size(), 3u);
  EXPECT_EQ(pats[0].lower.size(), 2u);
  EXPECT_EQ(pats[0].lower[0].kind, PatternElement::Kind::kSynset);
  EXPECT_TRUE(pats[1].upper[0].joined);  // IN_*
  EXPECT_TRUE(pats[2].lower[0].joined);  // *_OUT
  EXPECT_EQ(v.transformations, 1);
  EXPECT_TRUE(HasWarning(*d, "verbs:13: pattern without [code]"));
  EXPECT_TRUE(HasWarning(*d, "verbs:14: undefined synset &UNDEFINED"));
  EXPECT_TRUE(HasWarning(*d, "verbs:15: pattern without '*'"));
  EXPECT_TRUE(HasWarning(*d, "verbs:16: pattern with more than one '*'"));
  EXPECT_TRUE(HasWarning(*d, "verbs:19: verb block header without a name"));
  EXPECT_FALSE(HasWarning(*d, "verbs:17"));  // "[---] # NOUN ---" is fine
}

constexpr char kActors[] = R"(GONDOR [GON]
+MINAS_TIRITH
GOLLUM  # comment
+SMEAGOL
	[HOB < 950601]
	[HOBGOV 19950601 - 19990815]
	[HOBREB >990816]
THE_SHIRE [FRO/BIL/SAM]
BROKEN [ABC 1234-5678]
	[XYZ]
+
)";

TEST(DictionariesTest, ActorsWithSynonymsAndDates) {
  auto d = Dictionaries::FromText("", kActors, "");
  size_t len = 0;
  int g = d->actor_trie().LongestMatch({"MINAS", "TIRITH", "X"}, 0, &len);
  ASSERT_GE(g, 0);
  EXPECT_EQ(len, 2u);
  EXPECT_EQ(d->actors()[g].CodeOn(19950101), "GON");
  int s = d->actor_trie().LongestMatch({"SMEAGOL"}, 0, &len);
  ASSERT_GE(s, 0);
  EXPECT_EQ(d->actors()[s].CodeOn(19920102), "HOB");
  EXPECT_EQ(d->actors()[s].CodeOn(19951101), "HOBGOV");
  EXPECT_EQ(d->actors()[s].CodeOn(19990815), "HOBGOV");
  EXPECT_EQ(d->actors()[s].CodeOn(20010101), "HOBREB");
  EXPECT_TRUE(HasWarning(*d, "actors:9: bad date range"));
  EXPECT_TRUE(HasWarning(*d, "actors:11: empty actor phrase"));
  int b = d->actor_trie().LongestMatch({"BROKEN"}, 0, &len);
  ASSERT_GE(b, 0);
  EXPECT_EQ(d->actors()[b].CodeOn(20000101), "XYZ");  // the bad line was skipped
}

constexpr char kAgents[] = R"(!PERSON! = MAN, MEN
POLICE {} [~COP]
CONGRESS!PERSON! [~LEG]
!MINST!_OF_WALKS [~GOV]
MSF {} [NGO~]
GOOSE {GEESE} [~GGS]
SOLDIER [~MIL]
ACTIVIST
BADCODE [GOV]
!BROKEN = A
)";

TEST(DictionariesTest, AgentsWithSubstitutionsPluralsAndPrefixes) {
  auto d = Dictionaries::FromText("", "", kAgents);
  size_t len = 0;
  auto code = [&](std::vector<std::string> words) -> std::string {
    int a = d->agent_trie().LongestMatch(words, 0, &len);
    if (a < 0) return "";
    const AgentCode& c = d->agents()[a][0];
    return c.prefix ? c.code + "~" : "~" + c.code;
  };
  EXPECT_EQ(code({"POLICE"}), "~COP");
  EXPECT_EQ(code({"POLICES"}), "");  // {} = no plural
  EXPECT_EQ(code({"CONGRESSMEN"}), "~LEG");
  EXPECT_EQ(code({"SOLDIERS"}), "~MIL");
  EXPECT_EQ(code({"GEESE"}), "~GGS");
  EXPECT_EQ(code({"MSF"}), "NGO~");
  EXPECT_TRUE(HasWarning(*d, "agents:4: unknown substitution set !MINST!"));
  EXPECT_TRUE(HasWarning(*d, "agents:8: agent without [code]"));
  EXPECT_TRUE(HasWarning(*d, "agents:9: agent code 'GOV' has no '~'"));
  EXPECT_TRUE(HasWarning(*d, "agents:10: malformed substitution set"));
}

TEST(DictionariesTest, DiscardsAndIssues) {
  auto d = Dictionaries::FromText("", "", "", "+TYPHOON\nBASEBALL # c\nWORD_\n",
                                  "n:kindergarten [EDU]\nearly+childhood [ECE]\nno code\n");
  ASSERT_EQ(d->discards().size(), 3u);
  EXPECT_TRUE(d->discards()[0].story);
  EXPECT_FALSE(d->discards()[1].story);
  EXPECT_TRUE(d->discards()[2].whole_word);
  std::vector<std::string> phrases;
  for (const IssuePhrase& p : d->issues()) {
    std::string s;
    for (const std::string& w : p.words) s += (s.empty() ? "" : " ") + w;
    phrases.push_back(s);
  }
  for (const char* p : {"KINDERGARTEN", "KINDERGARTENS", "EARLY CHILDHOOD", "EARLY-CHILDHOOD"})
    EXPECT_NE(std::find(phrases.begin(), phrases.end(), p), phrases.end()) << p;
  EXPECT_TRUE(HasWarning(*d, "issues:3: issue phrase without [code]"));
}

TEST(DictionariesTest, DatesAndMissingFiles) {
  EXPECT_EQ(ParseDictionaryDate("950601"), 19950601);
  EXPECT_EQ(ParseDictionaryDate("080120"), 20080120);
  EXPECT_EQ(ParseDictionaryDate("20080120"), 20080120);
  EXPECT_EQ(ParseDictionaryDate("2008012"), -1);
  EXPECT_EQ(ParseDictionaryDate("2008x120"), -1);
  EXPECT_FALSE(FindDictionaryFiles("/nonexistent-dir").ok());
  DictionaryFiles f;
  f.verbs = "/nonexistent/verbs.txt";
  f.actors = {"/nonexistent/actors.txt"};
  EXPECT_EQ(Dictionaries::Load(f).status().code(), StatusCode::kNotFound);
}

TEST(DictionariesTest, GarbageNeverCrashes) {
  std::string junk;
  for (int i = 0; i < 4000; ++i) junk.push_back(static_cast<char>((i * 131 + 7) % 256));
  std::string structured = "--- [\n- * [\n&\n+\n{\n[x <\n!A! =\n~\n- $ + ^ % * &X_ [1]\n";
  auto d =
      Dictionaries::FromText(junk + structured, junk + structured, junk + structured, junk, junk);
  EXPECT_FALSE(d->warnings().empty());
}

}  // namespace
}  // namespace sitrep::petrarch
