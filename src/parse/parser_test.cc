#include "parse/parser_train.h"

#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "core/binary_io.h"
#include "core/conllu.h"
#include "parse/parser_internal.h"

namespace sitrep {
namespace {

// A tiny treebank of our own sentences (UD v2 style).
constexpr char kTiny[] = R"(# text = Rebels attacked the town .
1	Rebels	rebel	NOUN	NNS	_	2	nsubj	_	_
2	attacked	attack	VERB	VBD	_	0	root	_	_
3	the	the	DET	DT	_	4	det	_	_
4	town	town	NOUN	NN	_	2	obj	_	_
5	.	.	PUNCT	.	_	2	punct	_	_

# text = The army said troops were killed in the north .
1	The	the	DET	DT	_	2	det	_	_
2	army	army	NOUN	NN	_	3	nsubj	_	_
3	said	say	VERB	VBD	_	0	root	_	_
4	troops	troop	NOUN	NNS	_	6	nsubj:pass	_	_
5	were	be	AUX	VBD	_	6	aux:pass	_	_
6	killed	kill	VERB	VBN	_	3	ccomp	_	_
7	in	in	ADP	IN	_	9	case	_	_
8	the	the	DET	DT	_	9	det	_	_
9	north	north	NOUN	NN	_	6	obl	_	_
10	.	.	PUNCT	.	_	3	punct	_	_

# text = Police arrested two men on Monday .
1	Police	police	NOUN	NNS	_	2	nsubj	_	_
2	arrested	arrest	VERB	VBD	_	0	root	_	_
3	two	two	NUM	CD	_	4	nummod	_	_
4	men	man	NOUN	NNS	_	2	obj	_	_
5	on	on	ADP	IN	_	6	case	_	_
6	Monday	Monday	PROPN	NNP	_	2	obl	_	_
7	.	.	PUNCT	.	_	2	punct	_	_

# text = Gunmen fired on a bus and fled .
1	Gunmen	gunman	NOUN	NNS	_	2	nsubj	_	_
2	fired	fire	VERB	VBD	_	0	root	_	_
3	on	on	ADP	IN	_	5	case	_	_
4	a	a	DET	DT	_	5	det	_	_
5	bus	bus	NOUN	NN	_	2	obl	_	_
6	and	and	CCONJ	CC	_	7	cc	_	_
7	fled	flee	VERB	VBD	_	2	conj	_	_
8	.	.	PUNCT	.	_	2	punct	_	_

# text = The minister denied the report .
1	The	the	DET	DT	_	2	det	_	_
2	minister	minister	NOUN	NN	_	3	nsubj	_	_
3	denied	deny	VERB	VBD	_	0	root	_	_
4	the	the	DET	DT	_	5	det	_	_
5	report	report	NOUN	NN	_	3	obj	_	_
6	.	.	PUNCT	.	_	3	punct	_	_

# text = Hello
1	Hello	hello	INTJ	UH	_	0	root	_	_

)";

std::vector<ConlluSentence> Tiny() {
  auto s = ParseConllu(kTiny);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return *s;
}

std::unique_ptr<Parser> TrainTiny() {
  ParserTrainOptions opt;
  opt.epochs = 10;
  opt.prune_threshold = 0;
  auto p = TrainParser(Tiny(), {}, opt, nullptr);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  return std::move(*p);
}

// Checks: every token has a head in [0, n], exactly one root, no cycle.
void ExpectTree(const Document& doc, const Sentence& s) {
  const int n = static_cast<int>(s.size());
  int roots = 0;
  for (int i = 0; i < n; ++i) {
    const Token& t = doc.tokens[s.token_begin + i];
    ASSERT_GE(t.head, 0);
    ASSERT_LE(t.head, n);
    ASSERT_FALSE(t.deprel.empty());
    if (t.head == 0) {
      ++roots;
      EXPECT_EQ(t.deprel, "root");
    } else {
      EXPECT_NE(t.deprel, "root");
    }
    int k = i + 1, steps = 0;
    while (k != 0) {
      k = doc.tokens[s.token_begin + k - 1].head;
      ASSERT_LE(++steps, n) << "cycle through word " << i + 1;
    }
  }
  EXPECT_EQ(roots, 1);
}

TEST(Parser, LearnsTinyTreebank) {
  auto parser = TrainTiny();
  auto tiny = Tiny();
  ParserScores s = EvaluateParser(*parser, tiny, tiny);
  EXPECT_EQ(s.words, 37u);
  EXPECT_DOUBLE_EQ(s.uas, 100.0);
  EXPECT_DOUBLE_EQ(s.las, 100.0);
  EXPECT_DOUBLE_EQ(s.las_universal, 100.0);
}

TEST(Parser, ParsesDocumentTokens) {
  auto parser = TrainTiny();
  Document doc = DocumentFromConllu(Tiny(), /*keep_annotation=*/true);
  for (Token& t : doc.tokens) {
    t.head = -1;
    t.deprel.clear();
  }
  for (const Sentence& s : doc.sentences) parser->Parse(doc, s);
  const Sentence& s = doc.sentences[1];  // The army said troops were killed ...
  EXPECT_EQ(doc.tokens[s.token_begin + 3].head, 6);
  EXPECT_EQ(doc.tokens[s.token_begin + 3].deprel, "nsubj:pass");
  EXPECT_EQ(doc.tokens[s.token_begin + 5].deprel, "ccomp");
}

TEST(Parser, AlwaysWellFormedOnRandomInput) {
  auto parser = TrainTiny();
  std::mt19937 rng(7);
  const char* forms[] = {".", ",", "the", "attacked", "Rebels", "!", "((", "x", "killed", "in"};
  for (int round = 0; round < 200; ++round) {
    Document doc;
    int n = round == 0 ? 1 : round == 1 ? 250 : 1 + static_cast<int>(rng() % 60);
    bool all_punct = round % 7 == 3;
    Sentence s;
    s.token_begin = 0;
    for (int i = 0; i < n; ++i) {
      Token t;
      t.begin = static_cast<uint32_t>(doc.text.size());
      doc.text += all_punct ? "." : forms[rng() % 10];
      t.end = static_cast<uint32_t>(doc.text.size());
      doc.text += ' ';
      t.upos = all_punct ? Upos::kPunct : static_cast<Upos>(rng() % kNumUpos);
      t.xpos = all_punct ? "." : (rng() % 2 ? "NN" : "");
      doc.tokens.push_back(t);
    }
    s.token_end = static_cast<uint32_t>(n);
    s.end = static_cast<uint32_t>(doc.text.size());
    doc.sentences.push_back(s);
    parser->Parse(doc, doc.sentences[0]);
    ExpectTree(doc, doc.sentences[0]);
  }
}

TEST(Parser, EmptySentenceIsLeftAlone) {
  auto parser = TrainTiny();
  Document doc;
  Sentence s;
  parser->Parse(doc, s);
  EXPECT_TRUE(doc.tokens.empty());
}

TEST(Parser, SerializationRoundTrip) {
  auto parser = TrainTiny();
  std::string bytes = parser->Serialize();
  auto loaded = Parser::Load(bytes);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ((*loaded)->Serialize(), bytes);
  EXPECT_EQ((*loaded)->labels(), parser->labels());
  auto tiny = Tiny();
  ParserScores a = EvaluateParser(*parser, tiny, tiny);
  ParserScores b = EvaluateParser(**loaded, tiny, tiny);
  EXPECT_EQ(a.uas, b.uas);
  EXPECT_EQ(a.las, b.las);
  // Through the model container too.
  ModelFile file;
  file.AddSection("parser", bytes);
  auto reread = ModelFile::Parse(file.Serialize());
  ASSERT_TRUE(reread.ok());
  auto section = reread->Section("parser");
  ASSERT_TRUE(section.ok());
  EXPECT_TRUE(Parser::Load(*section).ok());
}

TEST(Parser, RefusesCorruptSection) {
  auto parser = TrainTiny();
  std::string bytes = parser->Serialize();
  EXPECT_EQ(Parser::Load("").status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(Parser::Load("garbage that is not a model").status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(Parser::Load(bytes.substr(0, bytes.size() / 2)).status().code(), StatusCode::kDataLoss);
  for (size_t pos : {size_t{20}, bytes.size() / 2, bytes.size() - 9}) {
    std::string bad = bytes;
    bad[pos] = static_cast<char>(bad[pos] ^ 0x5A);
    EXPECT_EQ(Parser::Load(bad).status().code(), StatusCode::kDataLoss) << pos;
  }
  // Unknown version: bytes 17..20 hold the version after the 13-byte magic.
  std::string future = bytes;
  future[17] = 99;
  auto st = Parser::Load(future).status();
  EXPECT_EQ(st.code(), StatusCode::kDataLoss);
  EXPECT_NE(st.message().find("version"), std::string::npos) << st.message();
}

TEST(Parser, TrainingIsDeterministic) {
  auto a = TrainTiny();
  auto b = TrainTiny();
  EXPECT_EQ(a->Serialize(), b->Serialize());
}

TEST(Parser, RefusesEmptyTrainingSet) {
  auto p = TrainParser({}, {}, {}, nullptr);
  EXPECT_EQ(p.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace sitrep

namespace sitrep::parse_internal {
namespace {

// A weekday after a name, as greedy parsing of wire style attaches it.
constexpr char kWeekdays[] = R"(# text = Rebels captured Baidoa Tuesday .
1	Rebels	rebel	NOUN	NNS	_	2	nsubj	_	_
2	captured	capture	VERB	VBD	_	0	root	_	_
3	Baidoa	Baidoa	PROPN	NNP	_	4	compound	_	_
4	Tuesday	Tuesday	PROPN	NNP	_	2	obl:unmarked	_	_
5	.	.	PUNCT	.	_	2	punct	_	_

# text = Aidid captured the town of Huddur Tuesday .
1	Aidid	Aidid	PROPN	NNP	_	2	nsubj	_	_
2	captured	capture	VERB	VBD	_	0	root	_	_
3	the	the	DET	DT	_	4	det	_	_
4	town	town	NOUN	NN	_	2	obj	_	_
5	of	of	ADP	IN	_	6	case	_	_
6	Huddur	Huddur	PROPN	NNP	_	4	nmod	_	_
7	Tuesday	Tuesday	PROPN	NNP	_	6	flat	_	_
8	.	.	PUNCT	.	_	2	punct	_	_

)";

// The annotated sentences of `conllu` as one document (words spaced).
Document Annotated(const char* conllu) {
  auto sents = ParseConllu(conllu);
  EXPECT_TRUE(sents.ok()) << sents.status().ToString();
  return sents.ok() ? DocumentFromConllu(*sents, /*keep_annotation=*/true) : Document();
}

// Word i (1-based) of sentence si.
const Token& At(const Document& doc, size_t si, int i) {
  return doc.tokens[doc.sentences[si].token_begin + i - 1];
}

TEST(Parser, AWeekdayAfterANameIsNoPartOfIt) {
  Document doc = Annotated(kWeekdays);
  ASSERT_EQ(doc.sentences.size(), 2u);
  for (const Sentence& s : doc.sentences) RepairWeekdayAttachments(doc, s, "obl:unmarked");
  auto at = [&](size_t si, int i) -> const Token& { return At(doc, si, i); };
  // "Baidoa" takes the weekday's place as the verb's object.
  EXPECT_EQ(at(0, 3).head, 2);
  EXPECT_EQ(at(0, 3).deprel, "obj");
  EXPECT_EQ(at(0, 4).head, 2);
  EXPECT_EQ(at(0, 4).deprel, "obl:unmarked");
  // "Tuesday" leaves the name "Huddur" for the clause's verb.
  EXPECT_EQ(at(1, 6).head, 4);
  EXPECT_EQ(at(1, 6).deprel, "nmod");
  EXPECT_EQ(at(1, 7).head, 2);
  EXPECT_EQ(at(1, 7).deprel, "obl:unmarked");
}

// Headline source labels after a spaced dash or a colon, as greedy parsing
// attaches them; and two tails that are no labels.
constexpr char kLabels[] = R"(# text = Volunteer killed in Donbass - newspaper
1	Volunteer	volunteer	NOUN	NN	_	2	nsubj	_	_
2	killed	kill	VERB	VBD	_	0	root	_	_
3	in	in	ADP	IN	_	4	case	_	_
4	Donbass	Donbass	PROPN	NNP	_	6	obl	_	_
5	-	-	PUNCT	HYPH	_	6	punct	_	_
6	newspaper	newspaper	NOUN	NN	_	2	obj	_	_

# text = Two soldiers killed in Kunar: officials
1	Two	two	NUM	CD	_	2	nummod	_	_
2	soldiers	soldier	NOUN	NNS	_	3	nsubj	_	_
3	killed	kill	VERB	VBD	_	0	root	_	_
4	in	in	ADP	IN	_	5	case	_	_
5	Kunar	Kunar	PROPN	NNP	_	3	obl	_	_
6	:	:	PUNCT	:	_	7	punct	_	_
7	officials	official	NOUN	NNS	_	3	obj	_	_

# text = The data moved to the card - no pause.
1	The	the	DET	DT	_	2	det	_	_
2	data	data	NOUN	NN	_	3	nsubj	_	_
3	moved	move	VERB	VBD	_	0	root	_	_
4	to	to	ADP	IN	_	6	case	_	_
5	the	the	DET	DT	_	6	det	_	_
6	card	card	NOUN	NN	_	3	obl	_	_
7	-	-	PUNCT	HYPH	_	9	punct	_	_
8	no	no	DET	DT	_	9	det	_	_
9	pause	pause	NOUN	NN	_	3	obj	_	_
10	.	.	PUNCT	.	_	3	punct	_	_

# text = Sent by: Janette Elbertson
1	Sent	send	VERB	VBN	_	0	root	_	_
2	by	by	ADP	IN	_	4	case	_	_
3	:	:	PUNCT	:	_	4	punct	_	_
4	Janette	Janette	PROPN	NNP	_	1	obl:agent	_	_
5	Elbertson	Elbertson	PROPN	NNP	_	4	flat	_	_

)";

TEST(Parser, AHeadlineSourceLabelIsNoArgument) {
  Document doc = Annotated(kLabels);
  ASSERT_EQ(doc.sentences.size(), 4u);
  for (const Sentence& s : doc.sentences) RepairTrailingSource(doc, s);
  auto at = [&](size_t si, int i) -> const Token& { return At(doc, si, i); };
  EXPECT_EQ(at(0, 6).head, 2);
  EXPECT_EQ(at(0, 6).deprel, "parataxis");
  EXPECT_EQ(at(0, 4).head, 2);  // back to the clause from the label
  EXPECT_EQ(at(0, 4).deprel, "obl");
  EXPECT_EQ(at(1, 7).deprel, "parataxis");
  EXPECT_EQ(at(1, 6).head, 7);
  // A sentence with a full stop is no headline; a preposition before the
  // colon governs what follows it.
  EXPECT_EQ(at(2, 9).deprel, "obj");
  EXPECT_EQ(at(3, 4).deprel, "obl:agent");
}

// A figure hung on a noun across that noun's preposition.
constexpr char kFigures[] = R"(# text = Troops killed 5 during protests .
1	Troops	troop	NOUN	NNS	_	2	nsubj	_	_
2	killed	kill	VERB	VBD	_	0	root	_	_
3	5	5	NUM	CD	_	5	nummod	_	_
4	during	during	ADP	IN	_	5	case	_	_
5	protests	protest	NOUN	NNS	_	2	obj	_	_
6	.	.	PUNCT	.	_	2	punct	_	_

# text = Police found 5 bodies in Kano .
1	Police	police	NOUN	NNS	_	2	nsubj	_	_
2	found	find	VERB	VBD	_	0	root	_	_
3	5	5	NUM	CD	_	4	nummod	_	_
4	bodies	body	NOUN	NNS	_	2	obj	_	_
5	in	in	ADP	IN	_	6	case	_	_
6	Kano	Kano	PROPN	NNP	_	2	obl	_	_
7	.	.	PUNCT	.	_	2	punct	_	_

)";

TEST(Parser, NoFigureModifiesANounAcrossItsPreposition) {
  Document doc = Annotated(kFigures);
  ASSERT_EQ(doc.sentences.size(), 2u);
  for (const Sentence& s : doc.sentences) RepairNumberBeforePreposition(doc, s);
  EXPECT_EQ(At(doc, 0, 3).head, 2);
  EXPECT_EQ(At(doc, 0, 3).deprel, "obj");
  EXPECT_EQ(At(doc, 0, 5).deprel, "obl");
  EXPECT_EQ(At(doc, 1, 3).head, 4);  // "5 bodies": no preposition between
  EXPECT_EQ(At(doc, 1, 3).deprel, "nummod");
}

// A participle clause hung on the reporting verb at the end of the sentence.
constexpr char kReported[] =
    R"(# text = Police opened fire , killing one person and arresting 12 , security sources said .
1	Police	police	NOUN	NNS	_	2	nsubj	_	_
2	opened	open	VERB	VBD	_	14	ccomp	_	_
3	fire	fire	NOUN	NN	_	2	obj	_	_
4	,	,	PUNCT	,	_	5	punct	_	_
5	killing	kill	VERB	VBG	_	14	advcl	_	_
6	one	one	NUM	CD	_	7	nummod	_	_
7	person	person	NOUN	NN	_	5	obj	_	_
8	and	and	CCONJ	CC	_	9	cc	_	_
9	arresting	arrest	VERB	VBG	_	5	conj	_	_
10	12	12	NUM	CD	_	13	nummod	_	_
11	,	,	PUNCT	,	_	13	punct	_	_
12	security	security	NOUN	NN	_	13	compound	_	_
13	sources	source	NOUN	NNS	_	9	obj	_	_
14	said	say	VERB	VBD	_	0	root	_	_
15	.	.	PUNCT	.	_	14	punct	_	_

# text = He left , saying he was tired , his aide said .
1	He	he	PRON	PRP	_	2	nsubj	_	_
2	left	leave	VERB	VBD	_	0	root	_	_
3	,	,	PUNCT	,	_	4	punct	_	_
4	saying	say	VERB	VBG	_	2	advcl	_	_
5	he	he	PRON	PRP	_	7	nsubj	_	_
6	was	be	AUX	VBD	_	7	cop	_	_
7	tired	tired	ADJ	JJ	_	4	ccomp	_	_
8	,	,	PUNCT	,	_	11	punct	_	_
9	his	his	PRON	PRP$	_	10	nmod:poss	_	_
10	aide	aide	NOUN	NN	_	11	nsubj	_	_
11	said	say	VERB	VBD	_	2	parataxis	_	_
12	.	.	PUNCT	.	_	2	punct	_	_

)";

TEST(Parser, AReportedParticipleBelongsToTheReportedClause) {
  Document doc = Annotated(kReported);
  ASSERT_EQ(doc.sentences.size(), 2u);
  for (const Sentence& s : doc.sentences) RepairReportedParticiple(doc, s);
  EXPECT_EQ(At(doc, 0, 5).head, 2);  // killing -> opened
  EXPECT_EQ(At(doc, 0, 5).deprel, "advcl");
  EXPECT_EQ(At(doc, 0, 13).head, 14);  // security sources said
  EXPECT_EQ(At(doc, 0, 13).deprel, "nsubj");
  EXPECT_EQ(At(doc, 0, 10).head, 9);  // arresting 12
  EXPECT_EQ(At(doc, 0, 10).deprel, "obj");
  // A participle hung on a verb before it is left alone.
  EXPECT_EQ(At(doc, 1, 4).head, 2);
}

TEST(ParserFeatures, TemplatesFitTheirBuffers) {
  Words w;
  w.Resize(3);
  for (int i = 1; i <= 3; ++i) w.Set(i, "x", Upos::kNoun, "NN", "x");
  w.Finish();
  State st;
  st.Reset(3);
  uint32_t buf[kMaxMoveFeatures + kMaxLabelFeatures];
  int n = MoveFeatures(w, st, buf);
  EXPECT_GT(n, 50);
  EXPECT_LE(n, kMaxMoveFeatures);
  st.Apply(kShift, kNoLabel);
  n = LabelFeatures(w, st, 2, 1, buf);
  EXPECT_GT(n, 20);
  EXPECT_LE(n, kMaxLabelFeatures);
}

}  // namespace
}  // namespace sitrep::parse_internal
