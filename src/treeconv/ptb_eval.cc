#include "treeconv/ptb_eval.h"

#include <algorithm>
#include <cctype>
#include <tuple>
#include <utility>

namespace sitrep::treeconv {
namespace {

class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  StatusOr<PtbTree> Read() {
    SkipSpace();
    if (pos_ >= text_.size() || text_[pos_] != '(') {
      return InvalidArgumentError("Penn tree must start with '('");
    }
    PtbNode tree;
    Status st = ReadNode(tree, 0);
    if (!st.ok()) return st;
    SkipSpace();
    if (pos_ != text_.size()) {
      return InvalidArgumentError("trailing text after the tree at offset " + std::to_string(pos_));
    }
    if (tree.label.empty()) tree.label = "ROOT";
    return tree;
  }

 private:
  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  std::string Symbol() {
    const size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != '(' && text_[pos_] != ')' &&
           !std::isspace(static_cast<unsigned char>(text_[pos_]))) {
      ++pos_;
    }
    return std::string(text_.substr(start, pos_ - start));
  }
  // At '('.
  Status ReadNode(PtbNode& node, int depth) {
    if (depth > 2000) return InvalidArgumentError("Penn tree nested too deeply");
    ++pos_;  // '('
    SkipSpace();
    node.label = Symbol();
    while (true) {
      SkipSpace();
      if (pos_ >= text_.size()) return InvalidArgumentError("unbalanced '(' in Penn tree");
      if (text_[pos_] == ')') {
        ++pos_;
        break;
      }
      if (text_[pos_] == '(') {
        node.kids.emplace_back();
        Status st = ReadNode(node.kids.back(), depth + 1);
        if (!st.ok()) return st;
      } else {
        std::string w = Symbol();
        if (!node.word.empty()) node.word += ' ';
        node.word += w;
      }
    }
    if (node.kids.empty() && node.word.empty()) {
      return InvalidArgumentError("empty node (" + node.label + ") in Penn tree");
    }
    if (!node.kids.empty() && !node.word.empty()) {
      // "(NP word (NN x))": treat the loose word as a leaf of its own.
      PtbNode leaf;
      leaf.label = "XX";
      leaf.word = std::move(node.word);
      node.word.clear();
      node.kids.insert(node.kids.begin(), std::move(leaf));
    }
    return OkStatus();
  }

  std::string_view text_;
  size_t pos_ = 0;
};

void CollectWords(const PtbNode& node, std::vector<std::string>& out) {
  if (node.IsLeaf()) {
    out.push_back(node.word);
    return;
  }
  for (const PtbNode& k : node.kids) CollectWords(k, out);
}

bool DeletedTag(std::string_view tag) {
  return tag == "," || tag == ":" || tag == "``" || tag == "''" || tag == "." || tag == "-LRB-" ||
         tag == "-RRB-" || tag == "-NONE-" || tag == "HYPH" || tag == "NFP";
}

std::string Unescape(std::string_view w) {
  if (w == "-LRB-" || w == "-RRB-" || w == "-LSB-" || w == "-RSB-" || w == "-LCB-" ||
      w == "-RCB-") {
    return "";
  }
  return std::string(w);
}

// Lower-cased letters and digits (and every non-ASCII byte) of a word.
std::string Alnum(std::string_view w) {
  std::string out;
  for (char ch : Unescape(w)) {
    const auto u = static_cast<unsigned char>(ch);
    if (u >= 0x80 || std::isalnum(u)) out += static_cast<char>(std::tolower(u));
  }
  return out;
}

std::string NormLabel(std::string_view label) {
  if (!label.empty() && label[0] != '-') {
    const size_t cut = label.find_first_of("-=");
    if (cut != std::string_view::npos) label = label.substr(0, cut);
  }
  if (label == "PRT") return "ADVP";
  return std::string(label);
}

using Bracket = std::tuple<std::string, int, int>;

// Sets [begin, end) of the node in characters; appends brackets of phrases.
struct Spanner {
  std::string chars;
  std::vector<Bracket> brackets;

  std::pair<int, int> Visit(const PtbNode& node, bool top) {
    if (node.IsLeaf()) {
      const int begin = static_cast<int>(chars.size());
      if (!DeletedTag(node.label)) chars += Alnum(node.word);
      return {begin, static_cast<int>(chars.size())};
    }
    int begin = -1, end = -1;
    for (const PtbNode& k : node.kids) {
      auto [b, e] = Visit(k, false);
      if (e > b) {
        if (begin < 0) begin = b;
        end = e;
      }
    }
    if (begin < 0) {
      begin = end = static_cast<int>(chars.size());
    }
    if (!top && end > begin && node.label != "ROOT" && node.label != "TOP") {
      brackets.emplace_back(NormLabel(node.label), begin, end);
    }
    return {begin, end};
  }
};

}  // namespace

StatusOr<PtbTree> ParsePtb(std::string_view text) { return Reader(text).Read(); }

std::string WritePtb(const PtbNode& node) {
  std::string out = "(" + node.label;
  if (node.IsLeaf()) {
    out += " " + node.word;
  } else {
    for (const PtbNode& k : node.kids) out += " " + WritePtb(k);
  }
  out += ")";
  return out;
}

std::vector<std::string> Words(const PtbNode& tree) {
  std::vector<std::string> out;
  CollectWords(tree, out);
  return out;
}

StatusOr<BracketScore> CompareBrackets(const PtbTree& gold, const PtbTree& test) {
  Spanner g, t;
  g.Visit(gold, true);
  t.Visit(test, true);
  if (g.chars != t.chars) {
    return InvalidArgumentError("the trees spell different words: \"" + g.chars + "\" vs \"" +
                                t.chars + "\"");
  }
  std::sort(g.brackets.begin(), g.brackets.end());
  std::sort(t.brackets.begin(), t.brackets.end());
  BracketScore s;
  s.gold = static_cast<int64_t>(g.brackets.size());
  s.test = static_cast<int64_t>(t.brackets.size());
  size_t i = 0, j = 0;
  while (i < g.brackets.size() && j < t.brackets.size()) {
    if (g.brackets[i] == t.brackets[j]) {
      ++s.matched;
      ++i;
      ++j;
    } else if (g.brackets[i] < t.brackets[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return s;
}

std::string TopSplit(const PtbTree& tree) {
  const PtbNode* node = &tree;
  // Down from ROOT through single-phrase wrappers.
  while (!node->IsLeaf()) {
    const PtbNode* only = nullptr;
    int phrases = 0;
    for (const PtbNode& k : node->kids) {
      if (!k.IsLeaf()) {
        ++phrases;
        only = &k;
      } else if (!DeletedTag(k.label)) {
        phrases = 2;  // a real word at this level: split here
      }
    }
    if (phrases != 1 || (node->label != "ROOT" && node->label != "TOP" && !node->label.empty())) {
      break;
    }
    node = only;
  }
  Spanner sp;
  std::string out;
  for (const PtbNode& k : node->kids) {
    auto [b, e] = sp.Visit(k, true);
    if (e <= b) continue;
    if (!out.empty()) out += ' ';
    out += k.IsLeaf() ? k.label : NormLabel(k.label);
    out += "[" + std::to_string(b) + "," + std::to_string(e) + ")";
  }
  return out;
}

}  // namespace sitrep::treeconv
