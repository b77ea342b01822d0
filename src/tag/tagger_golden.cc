#include "tag/tagger_golden.h"

#include "core/strings.h"

namespace sitrep {

namespace {

// "s12 killed: VBN (want VBD) | Gunmen killed ..."
std::string MissLine(const std::string& id, const std::string& word, const std::string& got,
                     const std::string& want, const std::string& text) {
  std::string out = id;
  out += ' ';
  out += word;
  out += ": ";
  out += got;
  out += " (want ";
  out += want;
  out += ") | ";
  out += text;
  return out;
}

}  // namespace

StatusOr<std::vector<GoldenSentence>> ParseTagGolden(std::string_view text) {
  std::vector<GoldenSentence> out;
  size_t line_no = 0;
  for (std::string_view line : SplitOn(text, '\n')) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    auto bad = [&](std::string_view why) {
      return InvalidArgumentError("golden tag file line " + std::to_string(line_no) + ": " +
                                  std::string(why));
    };
    const size_t tab = line.find('\t');
    if (tab == std::string_view::npos || tab == 0) return bad("expected <id><TAB><tokens>");
    GoldenSentence s;
    s.id = std::string(line.substr(0, tab));
    for (std::string_view tok : SplitOn(line.substr(tab + 1), ' ')) {
      std::vector<std::string_view> parts = SplitOn(tok, '|');
      if (parts[0].empty() || parts.size() > 3) return bad("empty or malformed token");
      if (parts.size() >= 2) {
        if (parts[1].empty()) return bad("empty tag in a check");
        GoldenCheck c;
        c.word = s.words.size();
        c.xpos = std::string(parts[1]);
        if (parts.size() == 3) c.lemma = std::string(parts[2]);
        s.checks.push_back(std::move(c));
      }
      s.words.emplace_back(parts[0]);
    }
    out.push_back(std::move(s));
  }
  return out;
}

GoldenReport EvaluateTagGolden(const Tagger& tagger, const std::vector<GoldenSentence>& gold) {
  GoldenReport r;
  std::vector<std::string_view> words;
  std::vector<std::string> xpos, lemmas;
  for (const GoldenSentence& s : gold) {
    words.assign(s.words.begin(), s.words.end());
    tagger.TagWords(words, nullptr, &xpos, &lemmas);
    std::string text;
    for (size_t i = 0; i < s.words.size(); ++i) {
      if (i) text += ' ';
      text += s.words[i] + "/" + xpos[i];
    }
    for (const GoldenCheck& c : s.checks) {
      const std::string& w = s.words[c.word];
      ++r.xpos_checked;
      if (xpos[c.word] == c.xpos)
        ++r.xpos_ok;
      else
        r.misses.push_back(MissLine(s.id, w, xpos[c.word], c.xpos, text));
      if (c.lemma.empty()) continue;
      ++r.lemma_checked;
      if (lemmas[c.word] == c.lemma)
        ++r.lemma_ok;
      else
        r.misses.push_back(MissLine(s.id, w, "lemma " + lemmas[c.word], c.lemma, text));
    }
  }
  return r;
}

}  // namespace sitrep
