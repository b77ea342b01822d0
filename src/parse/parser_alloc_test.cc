// Parse() must not allocate on the heap once a thread has parsed a sentence
// at least as long (its scratch space is thread_local and reused).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "core/conllu.h"
#include "parse/parser.h"
#include "parse/parser_train.h"

namespace {
std::atomic<long> g_allocations{0};
}  // namespace

void* operator new(std::size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace sitrep {
namespace {

constexpr char kTrain[] = R"(1	Troops	troop	NOUN	NNS	_	2	nsubj	_	_
2	shelled	shell	VERB	VBD	_	0	root	_	_
3	the	the	DET	DT	_	4	det	_	_
4	city	city	NOUN	NN	_	2	obj	_	_
5	on	on	ADP	IN	_	6	case	_	_
6	Sunday	Sunday	PROPN	NNP	_	2	obl:tmod	_	_
7	.	.	PUNCT	.	_	2	punct	_	_

)";

TEST(ParserAlloc, NoHeapAllocationPerWord) {
  auto train = ParseConllu(kTrain);
  ASSERT_TRUE(train.ok());
  auto parser = TrainParser(*train, {}, {}, nullptr);
  ASSERT_TRUE(parser.ok());
  // Ten copies of the sentence in one document.
  std::vector<ConlluSentence> many(10, (*train)[0]);
  Document doc = DocumentFromConllu(many, /*keep_annotation=*/true);
  for (const Sentence& s : doc.sentences) (*parser)->Parse(doc, s);  // warm up
  const long before = g_allocations.load();
  for (int round = 0; round < 5; ++round)
    for (const Sentence& s : doc.sentences) (*parser)->Parse(doc, s);
  EXPECT_EQ(g_allocations.load() - before, 0);
  EXPECT_EQ(doc.tokens[5].deprel, "obl:tmod");
}

}  // namespace
}  // namespace sitrep
