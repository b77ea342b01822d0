#include "core/conllu.h"

#include <charconv>

#include "core/binary_io.h"
#include "core/strings.h"

namespace sitrep {
namespace {

bool ParseInt(std::string_view s, int* v) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *v);
  return ec == std::errc() && p == s.data() + s.size();
}

bool HasSpaceAfterNo(std::string_view misc) {
  size_t pos = 0;
  while (pos <= misc.size()) {
    size_t bar = misc.find('|', pos);
    std::string_view item =
        misc.substr(pos, bar == std::string_view::npos ? std::string_view::npos : bar - pos);
    if (item == "SpaceAfter=No") return true;
    if (bar == std::string_view::npos) break;
    pos = bar + 1;
  }
  return false;
}

std::string Field(std::string_view s) { return s == "_" ? std::string() : std::string(s); }

}  // namespace

StatusOr<std::vector<ConlluSentence>> ParseConllu(std::string_view text,
                                                  std::vector<std::string>* errors) {
  std::vector<ConlluSentence> out;
  ConlluSentence cur;
  bool bad = false;
  size_t line_no = 0;
  size_t pos = 0;
  auto flush = [&]() {
    if (!bad && (!cur.words.empty())) out.push_back(std::move(cur));
    cur = ConlluSentence();
    bad = false;
  };
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line =
        text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      flush();
      continue;
    }
    if (bad) continue;
    if (line[0] == '#') {
      std::string_view c = line.substr(1);
      if (!c.empty() && c[0] == ' ') c.remove_prefix(1);
      cur.comments.emplace_back(c);
      auto value_of = [&](std::string_view key, std::string* dst) {
        if (c.substr(0, key.size()) == key) {
          std::string_view v = c.substr(key.size());
          while (!v.empty() && v[0] == ' ') v.remove_prefix(1);
          if (!v.empty() && v[0] == '=') v.remove_prefix(1);
          while (!v.empty() && v[0] == ' ') v.remove_prefix(1);
          *dst = std::string(v);
          return true;
        }
        return false;
      };
      std::string ignored;
      value_of("sent_id", &cur.sent_id);
      value_of("text", &cur.text);
      if (value_of("newdoc", &ignored)) cur.new_doc = true;
      if (value_of("newpar", &ignored)) cur.new_par = true;
      continue;
    }
    auto cols = SplitOn(line, '\t');
    if (cols.size() != 10) {
      std::string msg = "line " + std::to_string(line_no) +
                        ": expected 10 tab-separated columns, found " + std::to_string(cols.size());
      if (!errors) return InvalidArgumentError(msg);
      errors->push_back(msg);
      bad = true;
      continue;
    }
    std::string_view id = cols[0];
    if (id.find('.') != std::string_view::npos) continue;  // empty node
    size_t dash = id.find('-');
    if (dash != std::string_view::npos) {
      MultiwordRange r;
      if (!ParseInt(id.substr(0, dash), &r.first) || !ParseInt(id.substr(dash + 1), &r.last)) {
        std::string msg =
            "line " + std::to_string(line_no) + ": bad token range '" + std::string(id) + "'";
        if (!errors) return InvalidArgumentError(msg);
        errors->push_back(msg);
        bad = true;
        continue;
      }
      r.form = std::string(cols[1]);
      r.space_after = !HasSpaceAfterNo(cols[9]);
      cur.multiwords.push_back(std::move(r));
      continue;
    }
    int idn = 0;
    if (!ParseInt(id, &idn) || idn != static_cast<int>(cur.words.size()) + 1) {
      std::string msg =
          "line " + std::to_string(line_no) + ": unexpected word id '" + std::string(id) + "'";
      if (!errors) return InvalidArgumentError(msg);
      errors->push_back(msg);
      bad = true;
      continue;
    }
    ConlluWord w;
    w.form = std::string(cols[1]);
    w.lemma = cols[2] == "_" && cols[1] != "_" ? std::string() : std::string(cols[2]);
    w.upos = Field(cols[3]);
    w.xpos = Field(cols[4]);
    w.feats = Field(cols[5]);
    if (cols[6] == "_") {
      w.head = -1;
    } else if (!ParseInt(cols[6], &w.head) || w.head < 0) {
      std::string msg =
          "line " + std::to_string(line_no) + ": bad head '" + std::string(cols[6]) + "'";
      if (!errors) return InvalidArgumentError(msg);
      errors->push_back(msg);
      bad = true;
      continue;
    }
    w.deprel = Field(cols[7]);
    w.deps = Field(cols[8]);
    w.misc = Field(cols[9]);
    w.space_after = !HasSpaceAfterNo(cols[9]);
    cur.words.push_back(std::move(w));
  }
  flush();
  return out;
}

StatusOr<std::vector<ConlluSentence>> ReadConllu(const std::string& path,
                                                 std::vector<std::string>* errors) {
  SITREP_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  auto r = ParseConllu(text, errors);
  if (!r.ok()) return r.status().WithContext(path);
  return r;
}

std::string SentenceSurface(const ConlluSentence& s) {
  if (!s.text.empty()) return s.text;
  std::string out;
  size_t mw = 0;
  for (size_t i = 0; i < s.words.size(); ++i) {
    int id = static_cast<int>(i) + 1;
    if (mw < s.multiwords.size() && s.multiwords[mw].first == id) {
      out += s.multiwords[mw].form;
      if (s.multiwords[mw].space_after) out += ' ';
      i = s.multiwords[mw].last - 1;
      ++mw;
      continue;
    }
    out += s.words[i].form;
    if (s.words[i].space_after) out += ' ';
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

Document DocumentFromConllu(const std::vector<ConlluSentence>& sents, bool keep_annotation) {
  Document doc;
  uint32_t paragraph = 0;
  for (size_t si = 0; si < sents.size(); ++si) {
    const ConlluSentence& s = sents[si];
    if (si > 0) {
      if (s.new_par || s.new_doc) {
        doc.text += "\n\n";
        ++paragraph;
      } else {
        doc.text += ' ';
      }
    }
    Sentence sent;
    sent.begin = static_cast<uint32_t>(doc.text.size());
    sent.token_begin = static_cast<uint32_t>(doc.tokens.size());
    sent.paragraph = paragraph;
    // Rebuild the surface from forms so that every token has a span.
    size_t mw = 0;
    for (size_t i = 0; i < s.words.size(); ++i) {
      int id = static_cast<int>(i) + 1;
      if (mw < s.multiwords.size() && s.multiwords[mw].first == id) {
        const MultiwordRange& r = s.multiwords[mw];
        uint32_t start = static_cast<uint32_t>(doc.text.size());
        doc.text += r.form;
        size_t off = 0;
        for (int k = r.first; k <= r.last && k <= static_cast<int>(s.words.size()); ++k) {
          const ConlluWord& w = s.words[k - 1];
          Token t;
          std::string_view rest = std::string_view(r.form).substr(std::min(off, r.form.size()));
          if (!w.form.empty() && rest.substr(0, w.form.size()) == w.form) {
            t.begin = start + static_cast<uint32_t>(off);
            t.end = t.begin + static_cast<uint32_t>(w.form.size());
            off += w.form.size();
          } else {
            t.begin = start;
            t.end = start + static_cast<uint32_t>(r.form.size());
            t.norm = w.form;
          }
          t.space_after = (k == r.last) ? r.space_after : false;
          doc.tokens.push_back(std::move(t));
        }
        if (r.space_after && r.last < static_cast<int>(s.words.size())) doc.text += ' ';
        i = r.last - 1;
        ++mw;
        continue;
      }
      Token t;
      t.begin = static_cast<uint32_t>(doc.text.size());
      doc.text += s.words[i].form;
      t.end = static_cast<uint32_t>(doc.text.size());
      t.space_after = s.words[i].space_after;
      if (t.space_after && i + 1 < s.words.size()) doc.text += ' ';
      doc.tokens.push_back(std::move(t));
    }
    if (keep_annotation) {
      for (size_t i = 0; i < s.words.size(); ++i) {
        Token& t = doc.tokens[sent.token_begin + i];
        const ConlluWord& w = s.words[i];
        t.upos = UposFromName(w.upos);
        t.xpos = w.xpos;
        t.lemma = w.lemma;
        t.feats = w.feats;
        t.head = w.head;
        t.deprel = w.deprel;
      }
    }
    sent.token_end = static_cast<uint32_t>(doc.tokens.size());
    sent.end = static_cast<uint32_t>(doc.text.size());
    doc.sentences.push_back(sent);
  }
  return doc;
}

std::string DocumentToConllu(const Document& doc) {
  std::string out;
  auto field = [](std::string_view s) { return s.empty() ? std::string_view("_") : s; };
  if (!doc.id.empty()) out += "# newdoc id = " + doc.id + "\n";
  uint32_t last_par = UINT32_MAX;
  for (size_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    if (s.paragraph != last_par) {
      out += "# newpar\n";
      last_par = s.paragraph;
    }
    out += "# sent_id = ";
    out += doc.id.empty() ? "s" : doc.id;
    out += "-" + std::to_string(si + 1) + "\n";
    std::string text(doc.Slice(s.begin, s.end));
    for (char& c : text)
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    out += "# text = " + text + "\n";
    for (uint32_t i = s.token_begin; i < s.token_end; ++i) {
      const Token& t = doc.tokens[i];
      std::string form(doc.Form(t));
      for (char& c : form)
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
      out += std::to_string(i - s.token_begin + 1);
      out += '\t';
      out += field(form);
      out += '\t';
      out += field(t.lemma);
      out += '\t';
      out += UposName(t.upos);
      out += '\t';
      out += field(t.xpos);
      out += '\t';
      out += field(t.feats);
      out += '\t';
      out += t.head < 0 ? std::string("_") : std::to_string(t.head);
      out += '\t';
      out += field(t.deprel);
      out += "\t_\t";
      out += (t.space_after || i + 1 == s.token_end) ? "_" : "SpaceAfter=No";
      out += '\n';
    }
    out += '\n';
  }
  return out;
}

std::string AnalysisToConllu(const std::vector<ConlluSentence>& input, const Document& doc) {
  std::string out;
  auto field = [](const std::string& v) { return v.empty() ? std::string("_") : v; };
  for (size_t si = 0; si < input.size() && si < doc.sentences.size(); ++si) {
    const ConlluSentence& cs = input[si];
    const Sentence& ds = doc.sentences[si];
    for (const std::string& c : cs.comments) out += "# " + c + "\n";
    size_t mw = 0;
    for (uint32_t i = ds.token_begin; i < ds.token_end && i - ds.token_begin < cs.words.size();
         ++i) {
      int id = static_cast<int>(i - ds.token_begin) + 1;
      if (mw < cs.multiwords.size() && cs.multiwords[mw].first == id) {
        const MultiwordRange& r = cs.multiwords[mw++];
        out += std::to_string(r.first) + "-" + std::to_string(r.last) + "\t" + r.form +
               "\t_\t_\t_\t_\t_\t_\t_\t" + (r.space_after ? "_" : "SpaceAfter=No") + "\n";
      }
      const Token& t = doc.tokens[i];
      const ConlluWord& w = cs.words[i - ds.token_begin];
      out += std::to_string(id) + "\t" + w.form + "\t" + field(t.lemma) + "\t" +
             std::string(UposName(t.upos)) + "\t" + field(t.xpos) + "\t" + field(w.feats) + "\t" +
             std::to_string(t.head < 0 ? 0 : t.head) + "\t" + field(t.deprel) + "\t_\t" +
             field(w.misc) + "\n";
    }
    out += "\n";
  }
  return out;
}

}  // namespace sitrep
