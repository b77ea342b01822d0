#include "core/clause.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sitrep {
namespace {

struct Row {
  const char* form;
  const char* lemma;
  const char* xpos;
  int32_t head;
  const char* deprel;
};

// A one-sentence document from CoNLL-U-like rows (words joined by spaces).
Document Parsed(const std::vector<Row>& rows) {
  Document doc;
  for (const Row& r : rows) {
    Token t;
    t.begin = static_cast<uint32_t>(doc.text.size());
    doc.text += r.form;
    t.end = static_cast<uint32_t>(doc.text.size());
    doc.text += ' ';
    t.lemma = r.lemma;
    t.xpos = r.xpos;
    t.head = r.head;
    t.deprel = r.deprel;
    doc.tokens.push_back(t);
  }
  return doc;
}

bool Bare(const Document& doc, uint32_t i) { return ReadsAsBarePassive(doc, doc.tokens, i); }

TEST(ReadsAsBarePassiveTest, HeadlinePastFormsWithoutAuxiliaryOrObject) {
  Document killed = Parsed({{"Officer", "officer", "NN", 2, "nsubj"},
                            {"killed", "kill", "VBD", 0, "root"},
                            {"in", "in", "IN", 4, "case"},
                            {"Kabul", "Kabul", "NNP", 2, "obl"}});
  EXPECT_TRUE(Bare(killed, 1));
  EXPECT_FALSE(Bare(killed, 0));  // not a verb
  EXPECT_FALSE(Bare(killed, 9));  // out of range
  Document shot = Parsed({{"Militants", "militant", "NNS", 2, "nsubj"},
                          {"shot", "shoot", "VBD", 0, "root"},
                          {"dead", "dead", "JJ", 2, "xcomp"}});
  EXPECT_TRUE(Bare(shot, 1));
  Document hurt = Parsed({{"Two", "two", "CD", 2, "nsubj"}, {"hurt", "hurt", "VBN", 0, "root"}});
  EXPECT_TRUE(Bare(hurt, 1));  // VBN: the tagger's word is taken
}

TEST(ReadsAsBarePassiveTest, ActiveClausesAreNot) {
  Document object = Parsed({{"Gunmen", "gunman", "NNS", 2, "nsubj"},
                            {"killed", "kill", "VBD", 0, "root"},
                            {"officers", "officer", "NNS", 2, "obj"}});
  EXPECT_FALSE(Bare(object, 1));
  Document aux = Parsed({{"Five", "five", "CD", 3, "nsubj:pass"},
                         {"were", "be", "VBD", 3, "aux:pass"},
                         {"killed", "kill", "VBN", 0, "root"}});
  EXPECT_FALSE(Bare(aux, 2));  // a written passive, not a bare one
  Document present = Parsed({{"Gunmen", "gunman", "NNS", 2, "nsubj"},
                             {"kill", "kill", "VBD", 0, "root"},
                             {"5", "5", "CD", 2, "obl"}});
  EXPECT_FALSE(Bare(present, 1));  // a present form tagged VBD
  Document predicate = Parsed({{"They", "they", "PRP", 2, "nsubj"},
                               {"left", "leave", "VBD", 0, "root"},
                               {"early", "early", "JJ", 2, "xcomp"}});
  EXPECT_FALSE(Bare(predicate, 1));
  // "The army killed and wounded scores": the conjunct's object is shared.
  Document shared = Parsed({{"Army", "army", "NN", 2, "nsubj"},
                            {"killed", "kill", "VBD", 0, "root"},
                            {"and", "and", "CC", 4, "cc"},
                            {"wounded", "wound", "VBD", 2, "conj"},
                            {"scores", "score", "NNS", 4, "obj"}});
  EXPECT_FALSE(Bare(shared, 1));
  // ... but not one with its own subject: "Two killed and police arrested three".
  Document own = Parsed({{"Two", "two", "CD", 2, "nsubj"},
                         {"killed", "kill", "VBD", 0, "root"},
                         {"and", "and", "CC", 5, "cc"},
                         {"police", "police", "NNS", 5, "nsubj"},
                         {"arrested", "arrest", "VBD", 2, "conj"},
                         {"three", "three", "CD", 5, "obj"}});
  EXPECT_TRUE(Bare(own, 1));
}

TEST(ReadsAsBarePassiveTest, PlacePhraseTakenForAnObjectIsNoObject) {
  // "killed in Davao City(case: in) operation(obj)": one oblique phrase.
  Document place = Parsed({{"Commander", "commander", "NN", 2, "nsubj"},
                           {"killed", "kill", "VBD", 0, "root"},
                           {"in", "in", "IN", 5, "case"},
                           {"Davao", "Davao", "NNP", 5, "compound"},
                           {"City", "City", "NNP", 6, "compound"},
                           {"operation", "operation", "NN", 2, "obj"}});
  EXPECT_TRUE(Bare(place, 1));
  EXPECT_EQ(PrepositionInsideObject(place, place.tokens, 1, 5), 2);
  // "took over(case) the Bahi fields(obj)": "over" is a particle, the
  // object real.
  Document particle = Parsed({{"Rebels", "rebel", "NNS", 2, "nsubj"},
                              {"took", "take", "VBD", 0, "root"},
                              {"over", "over", "IN", 5, "case"},
                              {"the", "the", "DT", 5, "det"},
                              {"Bahi", "Bahi", "NNP", 6, "compound"},
                              {"fields", "field", "NNS", 2, "obj"}});
  EXPECT_EQ(PrepositionInsideObject(particle, particle.tokens, 1, 5), -1);
  // "killed at least(case: at) 10 people(obj)": the preposition is on an
  // adjective, not a compound.
  Document least = Parsed({{"Gunmen", "gunman", "NNS", 2, "nsubj"},
                           {"killed", "kill", "VBD", 0, "root"},
                           {"at", "at", "IN", 4, "case"},
                           {"least", "least", "JJS", 5, "nmod"},
                           {"10", "10", "CD", 6, "nummod"},
                           {"people", "people", "NNS", 2, "obj"}});
  EXPECT_FALSE(Bare(least, 1));
  EXPECT_EQ(PrepositionInsideObject(least, least.tokens, 1, 5), -1);
}

}  // namespace
}  // namespace sitrep
