// Golden tests for sitrep's own event coder (testdata/*.golden, format in
// testdata/README.md), plus robustness on odd input.
#include "events/coder.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "pipeline/analyzer.h"

namespace sitrep::events {
namespace {

CoderOptions KeepMentions() {
  CoderOptions o;
  o.mentions = CoderOptions::Mentions::kKeep;
  return o;
}

class CoderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto c = Coder::Create({});
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    coder_ = std::move(c).value().release();
    // As `sitrep code` builds it: the coder's verbs reach the tagger as
    // headline verbs ("Al-Shabaab ambush AU troops").
    AnalyzerOptions options;
    options.coder = coder_;
    auto a = Analyzer::Create(options);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    analyzer_ = std::move(a).value().release();
  }
  static void TearDownTestSuite() {
    delete coder_;
    delete analyzer_;
    coder_ = nullptr;
    analyzer_ = nullptr;
  }
  static Document Code(const std::string& text) {
    Document doc;
    doc.id = "test";
    doc.text = text;
    EXPECT_TRUE(analyzer_->Analyze(doc).ok());
    EXPECT_TRUE(coder_->Code(doc).ok());
    return doc;
  }
  static Analyzer* analyzer_;
  static Coder* coder_;
};
Analyzer* CoderTest::analyzer_ = nullptr;
Coder* CoderTest::coder_ = nullptr;

std::string HeadWord(const Document& doc, int32_t m) {
  if (m < 0) return "-";
  return std::string(doc.Form(doc.tokens[doc.mentions[m].head]));
}

std::string Describe(const Document& doc) {
  std::ostringstream os;
  for (const Event& e : doc.events) {
    os << "    got " << e.cameo << " " << HeadWord(doc, e.source) << " -> "
       << HeadWord(doc, e.target) << (e.negated ? " neg" : "")
       << (e.modality != Modality::kFactual ? std::string(" ") + ModalityName(e.modality) : "")
       << (e.reported_by >= 0 ? " reported" : "") << "\n";
  }
  return os.str();
}

struct Expectation {
  int line = 0;
  std::string code, source, target;
  bool negated = false, reported = false;
  Modality modality = Modality::kFactual;
  bool forbid = false;         // "!CODE [SOURCE [-> TARGET]]"
  bool forbid_target = false;  // ... with a target
};

struct Case {
  std::string file;
  int line = 0;
  std::string sentence;
  std::vector<Expectation> expect;
  int count = -1;  // "=N": exactly N events
  int count_line = 0;
};

std::vector<Case> ReadGolden(const std::filesystem::path& path, std::string* error) {
  std::vector<Case> cases;
  std::ifstream in(path);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("> ", 0) == 0) {
      cases.push_back({path.filename().string(), n, line.substr(2), {}});
      continue;
    }
    if (cases.empty()) {
      *error = path.string() + ":" + std::to_string(n) + ": expectation before '>'";
      return {};
    }
    if (line[0] == '=') {
      cases.back().count = std::atoi(line.c_str() + 1);
      cases.back().count_line = n;
      continue;
    }
    std::istringstream ws(line);
    std::vector<std::string> w;
    for (std::string x; ws >> x;) w.push_back(x);
    Expectation e;
    e.line = n;
    if (w[0][0] == '!') {
      e.forbid = true;
      e.code = w[0].substr(1);
      if (w.size() > 1) e.source = w[1];
      if (w.size() > 3 && w[2] == "->") {
        e.target = w[3];
        e.forbid_target = true;
      }
    } else {
      if (w.size() < 4 || w[2] != "->") {
        *error = path.string() + ":" + std::to_string(n) + ": expected 'CODE SOURCE -> TARGET'";
        return {};
      }
      e.code = w[0];
      e.source = w[1];
      e.target = w[3];
      for (size_t i = 4; i < w.size(); ++i) {
        if (w[i] == "neg") {
          e.negated = true;
        } else if (w[i] == "reported") {
          e.reported = true;
        } else {
          bool ok = false;
          for (Modality m : {Modality::kFuture, Modality::kIntended, Modality::kThreatened,
                             Modality::kHypothetical, Modality::kDemanded}) {
            if (w[i] == ModalityName(m)) {
              e.modality = m;
              ok = true;
            }
          }
          if (!ok) {
            *error = path.string() + ":" + std::to_string(n) + ": unknown flag " + w[i];
            return {};
          }
        }
      }
    }
    cases.back().expect.push_back(e);
  }
  return cases;
}

TEST_F(CoderTest, GoldenFiles) {
  std::filesystem::path dir = std::filesystem::path(SITREP_SOURCE_DIR) / "src/events/testdata";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".golden") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 8u);
  int checked = 0, failed = 0;
  for (const auto& f : files) {
    std::string error;
    std::vector<Case> cases = ReadGolden(f, &error);
    ASSERT_TRUE(error.empty()) << error;
    for (const Case& c : cases) {
      Document doc = Code(c.sentence);
      if (c.count >= 0) {
        ++checked;
        if (static_cast<int>(doc.events.size()) != c.count) {
          ++failed;
          ADD_FAILURE() << c.file << ":" << c.count_line << ": " << c.sentence << "\n  expected "
                        << c.count << " events\n"
                        << Describe(doc);
        }
      }
      for (const Expectation& e : c.expect) {
        ++checked;
        bool found = false;
        for (const Event& ev : doc.events) {
          if (e.forbid) {
            if (ev.cameo.rfind(e.code, 0) == 0 && !ev.negated &&
                ev.modality == Modality::kFactual &&
                (e.source.empty() || HeadWord(doc, ev.source) == e.source) &&
                (!e.forbid_target || HeadWord(doc, ev.target) == e.target))
              found = true;
            continue;
          }
          if (ev.cameo == e.code && HeadWord(doc, ev.source) == e.source &&
              HeadWord(doc, ev.target) == e.target && ev.negated == e.negated &&
              ev.modality == e.modality && (ev.reported_by >= 0) == e.reported)
            found = true;
        }
        if (found == e.forbid) {
          ++failed;
          ADD_FAILURE() << c.file << ":" << e.line << ": " << c.sentence << "\n  "
                        << (e.forbid ? "unexpected " : "missing ") << e.code << " " << e.source
                        << " -> " << e.target << "\n"
                        << Describe(doc);
        }
      }
    }
  }
  EXPECT_GT(checked, 60);
  std::cout << "golden expectations: " << checked - failed << "/" << checked << " met\n";
}

// A gathering broken up or fired on stands for the people in it: protesters
// (OPP) for a rally, a protest or a demonstration; people (CVL) for a crowd,
// a wedding (party) or a funeral.
// Only as the target of repression or violence: a rally held is no actor.
TEST_F(CoderTest, GatheringTargetIsItsPeople) {
  const struct {
    const char* text;
    const char* code;
  } kCases[] = {
      {"Police broke up the rally near the railway station.", "---OPP"},
      {"Security forces attacked a peaceful protest on Friday.", "---OPP"},
      {"Riot police dispersed the crowd with tear gas.", "---CVL"},
      {"Warplanes bombed a wedding party near the town.", "---CVL"},
      {"Gunmen attacked a funeral in the village.", "---CVL"},
  };
  for (const auto& c : kCases) {
    Document doc = Code(c.text);
    ASSERT_FALSE(doc.events.empty()) << c.text;
    const Event& e = doc.events[0];
    ASSERT_GE(e.target, 0) << c.text << "\n" << Describe(doc);
    EXPECT_EQ(doc.mentions[e.target].code, c.code) << c.text;
    EXPECT_EQ(doc.mentions[e.target].kind, ActorMention::Kind::kAgent) << c.text;
  }
  Document held = Code("Thousands of students held a rally in the capital.");
  for (const Event& e : held.events) {
    EXPECT_TRUE(e.target < 0 || held.mentions[e.target].sector != "OPP") << Describe(held);
  }
}

// "killing three people and wounding 19 others": the others harmed in the
// same act are people too, a reference to the first group; not after a
// group of fighters, who may have been anyone's.
TEST_F(CoderTest, OthersHarmedInTheSameActAreTheSameKind) {
  Document doc =
      Code("Russian forces shelled the town, killing three people and wounding 19 others.");
  const Event* wounding = nullptr;
  for (const Event& e : doc.events)
    if (doc.Form(doc.tokens[e.trigger_head]) == "wounding") wounding = &e;
  ASSERT_NE(wounding, nullptr) << Describe(doc);
  ASSERT_GE(wounding->target, 0) << Describe(doc);
  const ActorMention& others = doc.mentions[wounding->target];
  EXPECT_EQ(others.code, "---CVL") << Describe(doc);
  EXPECT_EQ(others.kind, ActorMention::Kind::kReference);
  ASSERT_GE(others.antecedent, 0);
  EXPECT_EQ(doc.mentions[others.antecedent].code, "---CVL");

  Document soldiers =
      Code("Rebels shelled the base, killing three soldiers and wounding 19 others.");
  for (const Event& e : soldiers.events) {
    if (soldiers.Form(soldiers.tokens[e.trigger_head]) == "wounding" && e.target >= 0) {
      EXPECT_TRUE(soldiers.mentions[e.target].code.empty()) << Describe(soldiers);
    }
  }
}

TEST_F(CoderTest, EmptyAndOddDocumentsDoNotCrash) {
  for (const char* text : {"", " ", "\n\n", "...", "\"", "?", "said said said", "Attack!"}) {
    Document doc = Code(text);
    for (const Event& e : doc.events) {
      EXPECT_LT(e.sentence, doc.sentences.size());
      EXPECT_LT(e.trigger_head, doc.tokens.size());
    }
  }
}

TEST_F(CoderTest, RandomBytesDoNotCrash) {
  std::mt19937 rng(7);
  const std::string words[] = {"attacked", "said",       "the",    "army",   "not",
                               "to",       "threatened", "and",    "who",    "by",
                               "\"",       ",",          "will",   "rebels", "air",
                               "strikes",  "on",         "denied", "Syria",  "called"};
  for (int i = 0; i < 300; ++i) {
    std::string text;
    int n = static_cast<int>(rng() % 40);
    for (int k = 0; k < n; ++k) {
      if (rng() % 4 == 0) {
        text.push_back(static_cast<char>(rng() % 256));
      } else {
        text += words[rng() % std::size(words)];
        text.push_back(' ');
      }
    }
    Document doc;
    doc.text = text;
    if (!analyzer_->Analyze(doc).ok()) continue;  // invalid UTF-8 is the reader's job
    ASSERT_TRUE(coder_->Code(doc).ok());
    for (const Event& e : doc.events) {
      ASSERT_LT(e.sentence, doc.sentences.size());
      ASSERT_TRUE(e.source < static_cast<int32_t>(doc.mentions.size()));
      ASSERT_TRUE(e.target < static_cast<int32_t>(doc.mentions.size()));
      ASSERT_TRUE(e.reported_by < static_cast<int32_t>(doc.events.size()));
    }
  }
}

TEST(CoderHandBuilt, BrokenHeadsAndMentionsDoNotCrash) {
  auto c = Coder::Create(KeepMentions());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  Document doc;
  doc.text = "Rebels attacked troops";
  const uint32_t spans[3][2] = {{0, 6}, {7, 15}, {16, 22}};
  doc.tokens.resize(3);
  for (int i = 0; i < 3; ++i) {
    doc.tokens[i].begin = spans[i][0];
    doc.tokens[i].end = spans[i][1];
  }
  const char* lemmas[] = {"rebel", "attack", "troop"};
  const Upos upos[] = {Upos::kNoun, Upos::kVerb, Upos::kNoun};
  const int heads[] = {2, 0, 2};
  const char* rels[] = {"nsubj", "root", "obj"};
  for (int i = 0; i < 3; ++i) {
    doc.tokens[i].lemma = lemmas[i];
    doc.tokens[i].upos = upos[i];
    doc.tokens[i].head = heads[i];
    doc.tokens[i].deprel = rels[i];
  }
  doc.sentences = {{0, 22, 0, 3, 0}};
  ActorMention rebels;
  rebels.token_begin = 0;
  rebels.token_end = 1;
  rebels.head = 0;
  rebels.code = "---REB";
  rebels.kind = ActorMention::Kind::kAgent;
  ActorMention bogus;
  bogus.token_begin = 5;
  bogus.token_end = 9;
  bogus.head = 99;
  bogus.antecedent = 42;
  doc.mentions = {rebels, bogus};
  ASSERT_TRUE((*c)->Code(doc).ok());
  ASSERT_EQ(doc.events.size(), 1u);
  EXPECT_EQ(doc.events[0].cameo, "190");
  EXPECT_EQ(doc.mentions[doc.events[0].source].code, "---REB");
  EXPECT_EQ(HeadWord(doc, doc.events[0].target), "troops");

  // An unparsed sentence is not coded and says so.
  {
    Document unparsed = doc;
    for (Token& t : unparsed.tokens) t.head = -1;
    ASSERT_TRUE((*c)->Code(unparsed).ok());
    EXPECT_TRUE(unparsed.events.empty());
    ASSERT_EQ(unparsed.diagnostics.size(), 1u);
    EXPECT_NE(unparsed.diagnostics[0].message.find("no parse"), std::string::npos);
  }

  // Heads out of range, a sentence past the tokens.
  doc.tokens[0].head = 17;
  doc.tokens[1].head = 3;
  doc.tokens[2].head = 2;
  doc.sentences.push_back({0, 0, 2, 9, 0});
  EXPECT_TRUE((*c)->Code(doc).ok());

  // A cycle of conj and subject relations.
  doc.sentences.resize(1);
  doc.tokens[0].head = 3;
  doc.tokens[0].deprel = "conj";
  doc.tokens[1].head = 0;
  doc.tokens[1].deprel = "root";
  doc.tokens[2].head = 1;
  doc.tokens[2].deprel = "conj";
  doc.tokens[2].upos = Upos::kNoun;
  EXPECT_TRUE((*c)->Code(doc).ok());
  doc.tokens[2].deprel = "nsubj";
  doc.tokens[1].head = 1;  // the verb its own head: dropped
  EXPECT_TRUE((*c)->Code(doc).ok());
  for (int i = 0; i < 3; ++i) {
    doc.tokens[i].head = (i + 1) % 3 + 1;
    doc.tokens[i].deprel = i == 1 ? "xcomp" : "conj";
  }
  EXPECT_TRUE((*c)->Code(doc).ok());
}

TEST(CoderHandBuilt, RandomParsesDoNotCrash) {
  auto c = Coder::Create(KeepMentions());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  std::mt19937 rng(11);
  const char* lemmas[] = {"attack", "say",   "threaten", "call",   "on",  "who",  "not", "will",
                          "strike", "air",   "carry",    "out",    "we",  "deny", "to",  "dozen",
                          "of",     "clash", "between",  "refuse", "jet", "by",   "talk"};
  const char* rels[] = {"nsubj",     "nsubj:pass",   "obj",       "iobj",  "obl",
                        "obl:agent", "nmod",         "conj",      "xcomp", "ccomp",
                        "advcl",     "acl",          "acl:relcl", "case",  "mark",
                        "aux",       "advmod",       "compound",  "amod",  "parataxis",
                        "root",      "compound:prt", "nmod:poss", "det"};
  const Upos upos[] = {Upos::kNoun, Upos::kVerb, Upos::kPron, Upos::kPropn,
                       Upos::kAdp,  Upos::kAux,  Upos::kAdj,  Upos::kPart};
  for (int iter = 0; iter < 2000; ++iter) {
    Document doc;
    const int n = 1 + static_cast<int>(rng() % 14);
    for (int i = 0; i < n; ++i) {
      const char* l = lemmas[rng() % std::size(lemmas)];
      uint32_t b = static_cast<uint32_t>(doc.text.size());
      doc.text += l;
      doc.text += ' ';
      Token t;
      t.begin = b;
      t.end = b + static_cast<uint32_t>(std::strlen(l));
      t.lemma = l;
      t.upos = upos[rng() % std::size(upos)];
      t.xpos = rng() % 2 ? "VBN" : "VBG";
      t.head = static_cast<int32_t>(rng() % (n + 2)) - 1;  // -1 .. n: any, even itself
      t.deprel = rels[rng() % std::size(rels)];
      doc.tokens.push_back(t);
    }
    doc.sentences.push_back(
        {0, static_cast<uint32_t>(doc.text.size()), 0, static_cast<uint32_t>(n), 0});
    for (int m = 0; m < 3; ++m) {
      ActorMention am;
      am.token_begin = rng() % (n + 1);
      am.token_end = am.token_begin + rng() % 3;
      am.head = rng() % (n + 1);
      am.antecedent = static_cast<int32_t>(rng() % 5) - 1;
      doc.mentions.push_back(am);
    }
    ASSERT_TRUE((*c)->Code(doc).ok());
    for (const Event& e : doc.events) {
      ASSERT_LT(e.trigger_head, doc.tokens.size());
      ASSERT_LE(e.trigger_end, doc.tokens.size());
      ASSERT_LT(e.source, static_cast<int32_t>(doc.mentions.size()));
      ASSERT_LT(e.target, static_cast<int32_t>(doc.mentions.size()));
      ASSERT_LT(e.reported_by, static_cast<int32_t>(doc.events.size()));
    }
  }
}

}  // namespace
}  // namespace sitrep::events
