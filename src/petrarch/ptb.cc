#include "petrarch/ptb.h"

#include <cctype>

namespace sitrep::petrarch {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

void AppendNode(const PtbTree& t, int n, std::string* out) {
  const PtbNode& node = t.nodes[n];
  out->push_back('(');
  out->append(node.label);
  if (node.children.empty()) {
    out->push_back(' ');
    out->append(node.word);
  }
  for (int c : node.children) {
    out->push_back(' ');
    AppendNode(t, c, out);
  }
  out->push_back(')');
}

}  // namespace

std::vector<int> PtbTree::Leaves() const {
  std::vector<int> leaves;
  if (root < 0) return leaves;
  std::vector<int> stack = {root};
  while (!stack.empty()) {
    int n = stack.back();
    stack.pop_back();
    if (nodes[n].children.empty()) {
      leaves.push_back(n);
      continue;
    }
    for (auto it = nodes[n].children.rbegin(); it != nodes[n].children.rend(); ++it) {
      stack.push_back(*it);
    }
  }
  return leaves;
}

std::string PtbTree::ToString() const {
  std::string out;
  if (root >= 0) AppendNode(*this, root, &out);
  return out;
}

StatusOr<PtbTree> ParsePtb(std::string_view text) {
  PtbTree tree;
  std::vector<int> stack;
  size_t i = 0;
  auto error = [&](size_t pos, const std::string& what) {
    return InvalidArgumentError("parse tree: " + what + " at byte " + std::to_string(pos));
  };
  auto read_token = [&]() {
    size_t b = i;
    while (i < text.size() && !IsSpace(text[i]) && text[i] != '(' && text[i] != ')') ++i;
    return std::string(text.substr(b, i - b));
  };
  bool done = false;
  while (i < text.size()) {
    char c = text[i];
    if (IsSpace(c)) {
      ++i;
      continue;
    }
    if (done) return error(i, "text after the end of the tree");
    if (c == '(') {
      size_t open = i++;
      while (i < text.size() && IsSpace(text[i])) ++i;
      std::string label = read_token();
      if (label.empty()) {
        if (!stack.empty()) return error(open, "empty label");
        label = "ROOT";
      }
      if (static_cast<int>(stack.size()) >= kMaxPtbDepth) return error(open, "tree too deep");
      int n = static_cast<int>(tree.nodes.size());
      tree.nodes.push_back({});
      tree.nodes[n].label = std::move(label);
      if (!stack.empty() && !tree.nodes[stack.back()].word.empty()) {
        return error(open,
                     "constituent after the word of '" + tree.nodes[stack.back()].label + "'");
      }
      if (stack.empty()) {
        tree.root = n;
      } else {
        tree.nodes[n].parent = stack.back();
        tree.nodes[stack.back()].children.push_back(n);
      }
      stack.push_back(n);
      continue;
    }
    if (c == ')') {
      if (stack.empty()) return error(i, "unbalanced ')'");
      int n = stack.back();
      if (tree.nodes[n].children.empty() && tree.nodes[n].word.empty()) {
        return error(i, "constituent '" + tree.nodes[n].label + "' with neither word nor children");
      }
      stack.pop_back();
      ++i;
      if (stack.empty()) done = true;
      continue;
    }
    // A word: must directly follow a label, in a node without children.
    size_t at = i;
    std::string word = read_token();
    if (stack.empty()) return error(at, "word '" + word + "' outside brackets");
    PtbNode& node = tree.nodes[stack.back()];
    if (!node.children.empty() || !node.word.empty()) {
      return error(at, "unexpected word '" + word + "' in '" + node.label + "'");
    }
    node.word = std::move(word);
  }
  if (!stack.empty()) return error(text.size(), "unbalanced '(' (missing ')')");
  if (tree.root < 0) return error(0, "no tree");
  return tree;
}

}  // namespace sitrep::petrarch
