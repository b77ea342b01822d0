// Runs src/actors/testdata/golden.tsv: our own sentences with the actor
// mentions expected (see the header of that file for the format).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "actors/recognizer.h"
#include "pipeline/analyzer.h"

namespace sitrep::actors {
namespace {

std::vector<std::string> SplitOn(const std::string& s, const std::string& sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t p = s.find(sep, start);
    out.push_back(s.substr(start, p == std::string::npos ? p : p - start));
    if (p == std::string::npos) break;
    start = p + sep.size();
  }
  return out;
}

std::string Trimmed(const std::string& s) {
  size_t b = s.find_first_not_of(' ');
  size_t e = s.find_last_not_of(' ');
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

TEST(ActorsGoldenTest, AllCases) {
  auto analyzer = Analyzer::Create({});
  ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  auto recognizer = Recognizer::Create({});
  ASSERT_TRUE(recognizer.ok()) << recognizer.status().ToString();
  const std::string path = std::string(SITREP_SOURCE_DIR) + "/src/actors/testdata/golden.tsv";
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  std::string line;
  int line_no = 0, cases = 0, checks = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f = SplitOn(line, "\t");
    ASSERT_EQ(f.size(), 3u) << path << ":" << line_no << ": want date<TAB>sentence<TAB>expect";
    ++cases;
    Document doc;
    doc.date = f[0];
    doc.text = f[1];
    ASSERT_TRUE((*analyzer)->Analyze(doc).ok());
    ASSERT_TRUE((*recognizer)->Process(doc).ok());
    auto text_of = [&](const ActorMention& m) {
      return std::string(
          doc.Slice(doc.tokens[m.token_begin].begin, doc.tokens[m.token_end - 1].end));
    };
    std::string dump;
    for (const ActorMention& m : doc.mentions) dump += "[" + text_of(m) + "=" + m.code + "] ";
    for (std::string e : SplitOn(f[2], " ; ")) {
      e = Trimmed(e);
      if (e.empty()) continue;
      ++checks;
      if (e[0] == '!') {
        std::string t = e.substr(1);
        for (const ActorMention& m : doc.mentions) {
          EXPECT_NE(text_of(m), t) << path << ":" << line_no << " " << dump;
          EXPECT_NE(std::string(doc.Form(doc.tokens[m.head])), t)
              << path << ":" << line_no << " " << dump;
        }
        continue;
      }
      size_t eq = e.rfind('=');
      ASSERT_NE(eq, std::string::npos) << path << ":" << line_no << ": bad expectation " << e;
      std::string text = e.substr(0, eq), code = e.substr(eq + 1), ant;
      if (size_t gt = code.find('>'); gt != std::string::npos) {
        ant = code.substr(gt + 1);
        code = code.substr(0, gt);
      }
      const ActorMention* found = nullptr;
      for (const ActorMention& m : doc.mentions) {
        if (text_of(m) == text) found = &m;
      }
      if (found == nullptr) {
        ADD_FAILURE() << path << ":" << line_no << ": no mention '" << text << "' in " << dump;
        continue;
      }
      EXPECT_EQ(found->code, code) << path << ":" << line_no << ": '" << text << "' in " << dump;
      if (!ant.empty()) {
        ASSERT_GE(found->antecedent, 0) << path << ":" << line_no << " " << dump;
        EXPECT_EQ(text_of(doc.mentions[found->antecedent]), ant)
            << path << ":" << line_no << " " << dump;
      }
    }
  }
  EXPECT_GE(cases, 40);
  EXPECT_GE(checks, 60);
}

}  // namespace
}  // namespace sitrep::actors
