#include "treeconv/petr_records.h"

#include <cctype>
#include <fstream>
#include <sstream>

#include "core/conllu.h"

namespace sitrep::treeconv {
namespace {

std::string Collapse(std::string_view s) {
  std::string out;
  bool space = false;
  for (char ch : s) {
    if (std::isspace(static_cast<unsigned char>(ch))) {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += ch;
    }
  }
  return out;
}

// The content of the first <tag ...>...</tag> in [begin, end) of s, or "".
std::string_view Element(std::string_view s, std::string_view tag) {
  const std::string open = "<" + std::string(tag);
  size_t p = 0;
  while (true) {
    p = s.find(open, p);
    if (p == std::string_view::npos) return {};
    const char next = p + open.size() < s.size() ? s[p + open.size()] : '\0';
    if (next == '>' || next == ' ' || next == '\t' || next == '\n' || next == '\r') break;
    p += open.size();
  }
  const size_t gt = s.find('>', p);
  if (gt == std::string_view::npos) return {};
  const size_t close = s.find("</" + std::string(tag) + ">", gt);
  if (close == std::string_view::npos) return s.substr(gt + 1);
  return s.substr(gt + 1, close - gt - 1);
}

std::map<std::string, std::string> Attributes(std::string_view tag) {
  std::map<std::string, std::string> out;
  size_t p = 0;
  while (p < tag.size()) {
    const size_t eq = tag.find('=', p);
    if (eq == std::string_view::npos) break;
    size_t name_end = eq;
    while (name_end > p && std::isspace(static_cast<unsigned char>(tag[name_end - 1]))) --name_end;
    size_t name_begin = name_end;
    while (name_begin > p && !std::isspace(static_cast<unsigned char>(tag[name_begin - 1]))) {
      --name_begin;
    }
    size_t q = eq + 1;
    while (q < tag.size() && std::isspace(static_cast<unsigned char>(tag[q]))) ++q;
    if (q >= tag.size() || (tag[q] != '"' && tag[q] != '\'')) {
      p = eq + 1;
      continue;
    }
    const char quote = tag[q];
    const size_t vend = tag.find(quote, q + 1);
    if (vend == std::string_view::npos) break;
    out[std::string(tag.substr(name_begin, name_end - name_begin))] =
        DecodeXmlEntities(tag.substr(q + 1, vend - q - 1));
    p = vend + 1;
  }
  return out;
}

}  // namespace

bool PetrRecord::IsSentence() const {
  auto it = attributes.find("sentence");
  if (it != attributes.end()) return it->second == "true" || it->second == "True";
  it = attributes.find("evaluate");
  if (it != attributes.end()) return it->second == "true" || it->second == "True";
  return true;
}

std::string DecodeXmlEntities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 8) {
      out += s[i];
      continue;
    }
    const std::string_view ent = s.substr(i + 1, semi - i - 1);
    if (ent == "amp") {
      out += '&';
    } else if (ent == "lt") {
      out += '<';
    } else if (ent == "gt") {
      out += '>';
    } else if (ent == "quot") {
      out += '"';
    } else if (ent == "apos") {
      out += '\'';
    } else if (ent.size() >= 2 && ent[0] == '#' && ent.size() < 8) {
      long code = 0;
      bool ok = true;
      const bool hex = ent[1] == 'x' || ent[1] == 'X';
      for (size_t k = hex ? 2 : 1; k < ent.size(); ++k) {
        const char c = ent[k];
        int d = -1;
        if (c >= '0' && c <= '9') d = c - '0';
        if (hex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
        if (hex && c >= 'A' && c <= 'F') d = c - 'A' + 10;
        if (d < 0) ok = false;
        code = code * (hex ? 16 : 10) + (d < 0 ? 0 : d);
      }
      if (!ok || code <= 0 || code > 0x10FFFF) {
        out += s.substr(i, semi - i + 1);
      } else if (code < 0x80) {
        out += static_cast<char>(code);
      } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
      } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
      } else {
        out += static_cast<char>(0xF0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
      }
    } else {
      out += s.substr(i, semi - i + 1);
    }
    i = semi;
  }
  return out;
}

StatusOr<std::vector<PetrRecord>> ParsePetrRecords(std::string_view content,
                                                   std::string_view origin) {
  std::vector<PetrRecord> out;
  size_t p = 0;
  size_t counted = 0;  // content[0, counted) has `line - 1` line breaks
  int line = 1;
  while (true) {
    p = content.find("<Sentence", p);
    if (p == std::string_view::npos) break;
    const char next = p + 9 < content.size() ? content[p + 9] : '\0';
    if (next != ' ' && next != '>' && next != '\t' && next != '\n' && next != '\r') {
      p += 9;  // "<Sentences>"
      continue;
    }
    for (; counted < p; ++counted) line += content[counted] == '\n';
    const size_t gt = content.find('>', p);
    const size_t end = content.find("</Sentence>", p);
    if (gt == std::string_view::npos || end == std::string_view::npos) {
      return InvalidArgumentError(std::string(origin) + ":" + std::to_string(line) +
                                  ": <Sentence> without </Sentence>");
    }
    PetrRecord r;
    r.line = line;
    r.attributes = Attributes(content.substr(p + 9, gt - p - 9));
    r.id = r.attributes["id"];
    const std::string_view body = content.substr(gt + 1, end - gt - 1);
    r.text = Collapse(DecodeXmlEntities(Element(body, "Text")));
    r.parse_raw = DecodeXmlEntities(Element(body, "Parse"));
    r.parse = Collapse(r.parse_raw);
    out.push_back(std::move(r));
    p = end + 11;
  }
  return out;
}

StatusOr<Document> DocumentFromRecordConllu(std::string_view conllu) {
  std::string fixed;
  size_t p = 0;
  while (p < conllu.size()) {
    size_t e = conllu.find('\n', p);
    if (e == std::string_view::npos) e = conllu.size();
    std::string_view line = conllu.substr(p, e - p);
    p = e + 1;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (line.empty()) continue;
    if (line[0] == '#') {
      fixed.append(line);
      fixed += '\n';
      continue;
    }
    std::vector<std::string> cols;
    size_t q = 0;
    while (true) {
      const size_t t = line.find('\t', q);
      cols.emplace_back(line.substr(q, t == std::string_view::npos ? line.npos : t - q));
      if (t == std::string_view::npos) break;
      q = t + 1;
    }
    while (cols.size() < 10) cols.emplace_back("_");
    if (cols[3] == "CONJ") cols[3] = "CCONJ";  // UD v1
    if (cols[4] == cols[3] || cols[4] == "CONJ") cols[4] = "_";
    for (size_t i = 0; i < 10; ++i) {
      if (i) fixed += '\t';
      fixed += cols[i].empty() ? "_" : cols[i];
    }
    fixed += '\n';
  }
  fixed += '\n';
  SITREP_ASSIGN_OR_RETURN(std::vector<ConlluSentence> sents, ParseConllu(fixed));
  if (sents.empty()) return InvalidArgumentError("no CoNLL-U words in the parse");
  return DocumentFromConllu(sents, /*keep_annotation=*/true);
}

StatusOr<std::vector<PetrRecord>> ReadPetrRecords(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ParsePetrRecords(ss.str(), path);
}

}  // namespace sitrep::treeconv
