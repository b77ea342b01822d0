#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/conllu.h"
#include "treeconv/petr_records.h"
#include "treeconv/ptb_eval.h"
#include "treeconv/to_ptb.h"

namespace sitrep::treeconv {
namespace {

const std::string kGolden = std::string(SITREP_SOURCE_DIR) + "/src/treeconv/testdata/golden.conllu";

// Each golden sentence converts to its "# expected =" bracketing.
TEST(ToPtbTest, GoldenConversions) {
  auto sents = ReadConllu(kGolden);
  ASSERT_TRUE(sents.ok()) << sents.status().ToString();
  ASSERT_GE(sents->size(), 15u);
  Document doc = DocumentFromConllu(*sents, /*keep_annotation=*/true);
  ASSERT_EQ(doc.sentences.size(), sents->size());
  for (size_t i = 0; i < sents->size(); ++i) {
    std::string expected;
    for (const std::string& c : (*sents)[i].comments) {
      if (c.rfind("expected = ", 0) == 0) expected = c.substr(11);
    }
    const std::string& id = (*sents)[i].sent_id;
    ASSERT_FALSE(expected.empty()) << id << " has no expected tree";
    ConversionNotes notes;
    EXPECT_EQ(ToPtb(doc, static_cast<uint32_t>(i), &notes), expected) << id;
    // Cases named repair_* / two_subjects_* need their repair; no other does.
    EXPECT_EQ(notes.clauses_repaired > 0, id.rfind("repair_", 0) == 0) << id;
    EXPECT_EQ(notes.subjects_merged > 0, id.rfind("two_subjects", 0) == 0) << id;
  }
}

Document OneSentence(const std::vector<std::string>& forms) {
  ConlluSentence s;
  for (const std::string& f : forms) {
    ConlluWord w;
    w.form = f;
    s.words.push_back(w);
  }
  return DocumentFromConllu({s}, /*keep_annotation=*/true);
}

TEST(ToPtbTest, UnparsedSentenceIsFlatFrag) {
  Document doc = OneSentence({"Talks", "(", "resumed", ")"});
  EXPECT_EQ(ToPtb(doc, 0), "(ROOT (FRAG (XX Talks) (XX -LRB-) (XX resumed) (XX -RRB-)))");
  doc.tokens[1].upos = Upos::kPunct;
  doc.tokens[2].upos = Upos::kVerb;
  EXPECT_EQ(ToPtb(doc, 0), "(ROOT (FRAG (XX Talks) (-LRB- -LRB-) (VB resumed) (XX -RRB-)))");
}

TEST(ToPtbTest, OutOfRangeIndexAndEmptyDocument) {
  Document doc;
  EXPECT_EQ(ToPtb(doc, 0), "(ROOT (FRAG))");
  doc = OneSentence({"x"});
  EXPECT_EQ(ToPtb(doc, 7), "(ROOT (FRAG))");
}

TEST(ToPtbTest, CyclesAndBadHeadsAreReattachedToTheRoot) {
  Document doc = OneSentence({"Rebels", "attacked", "towns"});
  for (Token& t : doc.tokens) t.upos = Upos::kNoun;
  doc.tokens[1].upos = Upos::kVerb;
  // 1 -> 3 -> 1 cycle, 2 is root.
  doc.tokens[0].head = 3;
  doc.tokens[0].deprel = "nsubj";
  doc.tokens[1].head = 0;
  doc.tokens[1].deprel = "root";
  doc.tokens[2].head = 1;
  doc.tokens[2].deprel = "obj";
  const std::string out = ToPtb(doc, 0);
  auto tree = ParsePtb(out);
  ASSERT_TRUE(tree.ok()) << out;
  EXPECT_EQ(Words(*tree), (std::vector<std::string>{"Rebels", "attacked", "towns"}));
  ConversionNotes notes;
  ToPtb(doc, 0, &notes);
  EXPECT_GE(notes.reattached, 1);
  // Heads outside the sentence, no root at all.
  doc.tokens[0].head = 99;
  doc.tokens[1].head = 3;
  doc.tokens[2].head = 2;
  tree = ParsePtb(ToPtb(doc, 0));
  ASSERT_TRUE(tree.ok());
  EXPECT_EQ(Words(*tree), (std::vector<std::string>{"Rebels", "attacked", "towns"}));
}

// Random trees over random tags and relations: the output always parses back
// and keeps every word, in order (non-projective arcs are lifted).
TEST(ToPtbTest, RandomTreesKeepTheWordsInOrder) {
  std::mt19937 rng(7);
  const std::vector<std::string> rels = {
      "nsubj",     "obj",      "obl",   "case",      "det",    "amod",   "conj",  "cc",
      "punct",     "aux",      "cop",   "mark",      "advcl",  "ccomp",  "xcomp", "acl:relcl",
      "nmod:poss", "compound", "appos", "parataxis", "advmod", "nummod", "flat",  "dep"};
  for (int round = 0; round < 400; ++round) {
    const int n = 1 + static_cast<int>(rng() % 14);
    std::vector<std::string> forms;
    for (int i = 0; i < n; ++i) forms.push_back("w" + std::to_string(i));
    Document doc = OneSentence(forms);
    const int root = static_cast<int>(rng() % n);
    for (int i = 0; i < n; ++i) {
      Token& t = doc.tokens[i];
      t.upos = static_cast<Upos>(1 + rng() % (kNumUpos - 1));
      if (rng() % 5 == 0) t.xpos = "WDT";
      t.deprel = rels[rng() % rels.size()];
      t.head = i == root ? 0 : static_cast<int>(rng() % (n + 1));
      if (rng() % 10 == 0) t.head = -1;
    }
    const std::string out = ToPtb(doc, 0);
    auto tree = ParsePtb(out);
    ASSERT_TRUE(tree.ok()) << out;
    EXPECT_EQ(Words(*tree), forms) << out;
  }
}

TEST(ToPtbTest, PennTagFallsBackToUpos) {
  Document doc = OneSentence({"to", ",", "'s", "Gondor"});
  doc.tokens[0].upos = Upos::kPart;
  doc.tokens[1].upos = Upos::kPunct;
  doc.tokens[2].upos = Upos::kPart;
  doc.tokens[3].upos = Upos::kPropn;
  EXPECT_EQ(PennTag(doc, doc.tokens[0]), "TO");
  EXPECT_EQ(PennTag(doc, doc.tokens[1]), ",");
  EXPECT_EQ(PennTag(doc, doc.tokens[2]), "POS");
  EXPECT_EQ(PennTag(doc, doc.tokens[3]), "NNP");
  doc.tokens[3].xpos = "NNPS";
  EXPECT_EQ(PennTag(doc, doc.tokens[3]), "NNPS");
}

TEST(ToPtbTest, UdV1RelationsAreUnderstood) {
  // "The convoy was ambushed ." with UD v1 names (nsubjpass, auxpass).
  auto sents = ParseConllu(
      "1\tThe\t_\tDET\tDT\t_\t2\tdet\t_\t_\n"
      "2\tconvoy\t_\tNOUN\tNN\t_\t4\tnsubjpass\t_\t_\n"
      "3\twas\t_\tAUX\tVBD\t_\t4\tauxpass\t_\t_\n"
      "4\tambushed\t_\tVERB\tVBN\t_\t0\troot\t_\t_\n"
      "5\t.\t_\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n");
  ASSERT_TRUE(sents.ok());
  Document doc = DocumentFromConllu(*sents, true);
  EXPECT_EQ(ToPtb(doc, 0),
            "(ROOT (S (NP (DT The) (NN convoy)) (VP (VBD was) (VP (VBN ambushed))) (. .)))");
}

TEST(PtbEvalTest, ParsesAndWritesTrees) {
  auto t = ParsePtb("( (S (NP (NNP Arnor)) (VP (VBD left)) (. .)) )");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(WritePtb(*t), "(ROOT (S (NP (NNP Arnor)) (VP (VBD left)) (. .)))");
  EXPECT_FALSE(ParsePtb("(S (NP (NNP Arnor))").ok());
  EXPECT_FALSE(ParsePtb("(S (NP (NNP Arnor))))").ok());
  EXPECT_FALSE(ParsePtb("").ok());
  EXPECT_FALSE(ParsePtb("(S ())").ok());
}

TEST(PtbEvalTest, BracketsIgnorePunctuationAndTokenization) {
  auto gold =
      ParsePtb("(ROOT (S (NP (NNP U.S.) (NNS troops)) (VP (VBD left) (NP (NNP Kabul))) (. .)))");
  auto same =
      ParsePtb("(ROOT (S (NP (NNP U.S) (NNS troops)) (VP (VBD left) (NP (NNP Kabul)) (. .))))");
  auto flat = ParsePtb("(ROOT (S (NNP U.S.) (NNS troops) (VP (VBD left) (NNP Kabul)) (. .)))");
  ASSERT_TRUE(gold.ok() && same.ok() && flat.ok());
  auto s = CompareBrackets(*gold, *same);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->gold, 4);  // S NP VP NP
  EXPECT_EQ(s->matched, 4);
  EXPECT_DOUBLE_EQ(s->F1(), 1.0);
  s = CompareBrackets(*gold, *flat);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->test, 2);  // S VP
  EXPECT_EQ(s->matched, 2);
  EXPECT_DOUBLE_EQ(s->Precision(), 1.0);
  EXPECT_DOUBLE_EQ(s->Recall(), 0.5);
  auto other = ParsePtb("(ROOT (S (NNP Arnor) (VBD left)))");
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(CompareBrackets(*gold, *other).ok());
}

TEST(PtbEvalTest, TopSplit) {
  auto t = ParsePtb("(ROOT (S (NP (NNP Arnor)) (VP (VBD left) (NP (NNP Gondor))) (. .)))");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(TopSplit(*t), "NP[0,5) VP[5,15)");
}

TEST(PetrRecordsTest, ReadsSentencesTextAndParse) {
  const std::string xml =
      "<Sentences>\n<Sentence date=\"20150101\" id=\"T-01\" sentence=\"true\">\n"
      "<EventCoding sourcecode=\"A\" targetcode=\"B\" eventcode=\"010\"></EventCoding>\n"
      "<Text>\nArnor &amp; Gondor\n  met.\n</Text>\n<Parse>(ROOT (S (NP (NNP Arnor))\n"
      "  (VP (VBD met)) (. .)))</Parse>\n</Sentence>\n"
      "<Sentence id=\"T-02\" "
      "evaluate=\"false\">\n<Text>x</Text><Parse>\n1\tx\n</Parse></Sentence>\n";
  auto recs = ParsePetrRecords(xml, "inline");
  ASSERT_TRUE(recs.ok());
  ASSERT_EQ(recs->size(), 2u);
  EXPECT_EQ((*recs)[0].id, "T-01");
  EXPECT_EQ((*recs)[0].text, "Arnor & Gondor met.");
  EXPECT_EQ((*recs)[0].parse, "(ROOT (S (NP (NNP Arnor)) (VP (VBD met)) (. .)))");
  EXPECT_TRUE((*recs)[0].IsSentence());
  EXPECT_FALSE((*recs)[1].IsSentence());
  EXPECT_EQ((*recs)[1].line, 11);
  EXPECT_FALSE(ParsePetrRecords("<Sentence id=\"x\">", "inline").ok());
}

TEST(PetrRecordsTest, EightColumnConllu) {
  auto doc = DocumentFromRecordConllu(
      "1\tArnor\t_\tPROPN\tPROPN\t_\t2\tnsubj\n2\tleft\t_\tVERB\tVERB\t_\t0\troot\n");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(ToPtb(*doc, 0), "(ROOT (S (NP (NNP Arnor)) (VP (VB left))))");
  EXPECT_FALSE(DocumentFromRecordConllu("1\tArnor\t_\tPROPN\tNNP\t_\tx\tnsubj\n").ok());
}

}  // namespace
}  // namespace sitrep::treeconv
