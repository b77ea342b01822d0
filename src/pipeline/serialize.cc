#include "pipeline/serialize.h"

#include <nlohmann/json.hpp>

namespace sitrep {
namespace {

constexpr size_t kReadableWidth = 100;  // wrap dependency lists here

nlohmann::json OrNull(const std::string& s) {
  return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

}  // namespace

std::string DocumentToJson(const Document& doc) {
  nlohmann::json j;
  j["id"] = doc.id;
  j["date"] = OrNull(doc.date);
  j["title"] = OrNull(doc.title);
  if (!doc.source.empty()) j["source"] = doc.source;
  if (!doc.url.empty()) j["url"] = doc.url;
  nlohmann::json sents = nlohmann::json::array();
  for (size_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    nlohmann::json js;
    js["index"] = si;
    js["paragraph"] = s.paragraph;
    js["start"] = s.begin;
    js["end"] = s.end;
    js["text"] = std::string(doc.Slice(s.begin, s.end));
    nlohmann::json toks = nlohmann::json::array();
    for (uint32_t i = s.token_begin; i < s.token_end; ++i) {
      const Token& t = doc.tokens[i];
      nlohmann::json jt;
      jt["id"] = i - s.token_begin + 1;
      jt["form"] = std::string(doc.Form(t));
      jt["start"] = t.begin;
      jt["end"] = t.end;
      jt["upos"] = t.upos == Upos::kNone ? nlohmann::json(nullptr)
                                         : nlohmann::json(std::string(UposName(t.upos)));
      jt["xpos"] = OrNull(t.xpos);
      jt["lemma"] = OrNull(t.lemma);
      jt["head"] = t.head < 0 ? nlohmann::json(nullptr) : nlohmann::json(t.head);
      jt["deprel"] = OrNull(t.deprel);
      toks.push_back(std::move(jt));
    }
    js["tokens"] = std::move(toks);
    sents.push_back(std::move(js));
  }
  j["sentences"] = std::move(sents);
  nlohmann::json diags = nlohmann::json::array();
  for (const Diagnostic& d : doc.diagnostics) {
    diags.push_back({{"severity", d.severity == Diagnostic::Severity::kError ? "error" : "warning"},
                     {"offset", d.offset < 0 ? nlohmann::json(nullptr) : nlohmann::json(d.offset)},
                     {"message", d.message}});
  }
  j["diagnostics"] = std::move(diags);
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string DocumentToReadable(const Document& doc) {
  std::string out;
  out += "== " + (doc.id.empty() ? std::string("(no id)") : doc.id);
  if (!doc.date.empty()) out += "  " + doc.date;
  if (!doc.title.empty()) out += "  \"" + doc.title + "\"";
  out += "\n";
  for (size_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    std::string text(doc.Slice(s.begin, s.end));
    for (char& c : text)
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    out += "[" + std::to_string(si + 1) + "] " + text + "\n    ";
    for (uint32_t i = s.token_begin; i < s.token_end; ++i) {
      const Token& t = doc.tokens[i];
      out += std::string(doc.Form(t));
      if (t.upos != Upos::kNone) {
        out += '/';
        out += UposName(t.upos);
      }
      out += i + 1 < s.token_end ? " " : "\n";
    }
    bool any = false;
    std::string deps = "    ";
    for (uint32_t i = s.token_begin; i < s.token_end; ++i) {
      const Token& t = doc.tokens[i];
      if (t.head < 0 || t.deprel == "punct") continue;
      std::string head = t.head == 0
                             ? std::string("ROOT")
                             : std::string(doc.Form(doc.tokens[s.token_begin + t.head - 1]));
      std::string rel = t.deprel + "(" + head + ", " + std::string(doc.Form(t)) + ")";
      size_t line_start = deps.rfind('\n') == std::string::npos ? 0 : deps.rfind('\n') + 1;
      if (any && deps.size() - line_start + 2 + rel.size() > kReadableWidth) {
        deps += "\n    ";
      } else if (any) {
        deps += "  ";
      }
      deps += rel;
      any = true;
    }
    if (any) out += deps + "\n";
  }
  return out;
}

}  // namespace sitrep
