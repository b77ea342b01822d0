#include "petrarch/records.h"

#include <fstream>
#include <sstream>

namespace sitrep::petrarch {
namespace {

std::string DecodeEntities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      static const std::pair<std::string_view, char> kEntities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
      bool found = false;
      for (const auto& [name, c] : kEntities) {
        if (s.substr(i, name.size()) == name) {
          out.push_back(c);
          i += name.size() - 1;
          found = true;
          break;
        }
      }
      if (found) continue;
    }
    out.push_back(s[i]);
  }
  return out;
}

std::string CollapseSpace(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

struct Tag {
  std::string name;
  bool closing = false;
  bool self_closing = false;
  std::map<std::string, std::string> attrs;
};

// Parses the inside of "<...>" (without the brackets).
Tag ParseTag(std::string_view inner) {
  Tag tag;
  size_t i = 0;
  auto skip_space = [&] {
    while (i < inner.size() && isspace(static_cast<unsigned char>(inner[i]))) ++i;
  };
  skip_space();
  if (i < inner.size() && inner[i] == '/') {
    tag.closing = true;
    ++i;
  }
  size_t b = i;
  while (i < inner.size() && !isspace(static_cast<unsigned char>(inner[i])) && inner[i] != '/') ++i;
  tag.name = std::string(inner.substr(b, i - b));
  while (i < inner.size()) {
    skip_space();
    if (i >= inner.size()) break;
    if (inner[i] == '/') {
      tag.self_closing = true;
      ++i;
      continue;
    }
    b = i;
    while (i < inner.size() && inner[i] != '=' && !isspace(static_cast<unsigned char>(inner[i])))
      ++i;
    std::string name(inner.substr(b, i - b));
    skip_space();
    if (i >= inner.size() || inner[i] != '=') {
      if (!name.empty()) tag.attrs[name] = "";
      if (i < inner.size() && name.empty()) ++i;  // stray character
      continue;
    }
    ++i;  // '='
    skip_space();
    std::string value;
    if (i < inner.size() && (inner[i] == '"' || inner[i] == '\'')) {
      char q = inner[i++];
      b = i;
      while (i < inner.size() && inner[i] != q) ++i;
      value = std::string(inner.substr(b, i - b));
      if (i < inner.size()) ++i;
    } else {
      b = i;
      while (i < inner.size() && !isspace(static_cast<unsigned char>(inner[i]))) ++i;
      value = std::string(inner.substr(b, i - b));
    }
    tag.attrs[name] = DecodeEntities(value);
  }
  return tag;
}

bool IsTrue(const std::string& v) {
  std::string l;
  for (char c : v) l.push_back(static_cast<char>(tolower(static_cast<unsigned char>(c))));
  return l == "true" || l == "1" || l == "yes";
}

}  // namespace

StatusOr<RecordsFile> ParseRecords(std::string_view xml) {
  RecordsFile file;
  std::map<std::string, std::string> config;
  Record* current = nullptr;
  std::vector<std::string> open;  // element stack
  int line = 1;
  size_t text_begin = std::string_view::npos;  // start of content of a captured element
  size_t i = 0;
  auto count_lines = [&](size_t from, size_t to) {
    for (size_t k = from; k < to && k < xml.size(); ++k)
      if (xml[k] == '\n') ++line;
  };
  while (i < xml.size()) {
    size_t lt = xml.find('<', i);
    if (lt == std::string_view::npos) {
      count_lines(i, xml.size());
      break;
    }
    count_lines(i, lt);
    if (xml.substr(lt, 4) == "<!--") {
      size_t end = xml.find("-->", lt + 4);
      if (end == std::string_view::npos) {
        return InvalidArgumentError("line " + std::to_string(line) + ": unterminated comment");
      }
      // Comments inside <Text>/<Parse> are kept out of the content only if the
      // content is captured around them; these files do not do that.
      count_lines(lt, end + 3);
      i = end + 3;
      continue;
    }
    size_t gt = xml.find('>', lt + 1);
    if (gt == std::string_view::npos) {
      return InvalidArgumentError("line " + std::to_string(line) + ": unterminated tag");
    }
    std::string_view inner = xml.substr(lt + 1, gt - lt - 1);
    int tag_line = line;
    count_lines(lt, gt + 1);
    i = gt + 1;
    if (!inner.empty() && (inner[0] == '?' || inner[0] == '!')) continue;  // <?xml ?>, <!DOCTYPE>
    Tag tag = ParseTag(inner);
    if (tag.name.empty()) continue;
    if (!tag.closing) {
      if (tag.name == "Sentence") {
        file.records.push_back({});
        current = &file.records.back();
        current->line = tag_line;
        current->id = tag.attrs["id"];
        current->date = tag.attrs["date"];
        current->category = tag.attrs["category"];
        auto it = tag.attrs.find("sentence");
        if (it == tag.attrs.end()) it = tag.attrs.find("valid");
        current->sentence = it == tag.attrs.end() || IsTrue(it->second);
        current->config = config;
      } else if (tag.name == "Config") {
        config[tag.attrs["option"]] = tag.attrs["value"];
      } else if (tag.name == "EventCoding" && current != nullptr) {
        ExpectedCoding e;
        if (tag.attrs.count("error")) {
          e.kind = ExpectedCoding::Kind::kError;
          e.error = tag.attrs["error"];
        } else if (tag.attrs.count("noevents")) {
          e.kind = ExpectedCoding::Kind::kNoEvents;
        } else {
          e.source = tag.attrs["sourcecode"];
          e.target = tag.attrs["targetcode"];
          e.event = tag.attrs["eventcode"];
        }
        current->expected.push_back(std::move(e));
      }
      if (!tag.self_closing) {
        open.push_back(tag.name);
        text_begin = i;
      }
      continue;
    }
    // Closing tag.
    if (open.empty() || open.back() != tag.name) {
      return InvalidArgumentError(
          "line " + std::to_string(tag_line) + ": </" + tag.name + "> does not close " +
          (open.empty() ? std::string("anything") : "<" + open.back() + ">"));
    }
    open.pop_back();
    std::string_view content = text_begin == std::string_view::npos
                                   ? std::string_view()
                                   : xml.substr(text_begin, lt - text_begin);
    if (tag.name == "Text" && current != nullptr) {
      current->text = CollapseSpace(DecodeEntities(content));
    } else if (tag.name == "Parse" && current != nullptr) {
      current->parse = DecodeEntities(content);
    } else if (tag.name == "Sentence") {
      current = nullptr;
    } else if (!open.empty() && open.back() == "Environment") {
      file.environment[tag.name] = CollapseSpace(DecodeEntities(content));
    }
    text_begin = std::string_view::npos;
  }
  if (!open.empty()) {
    return InvalidArgumentError("end of file inside <" + open.back() + ">");
  }
  return file;
}

StatusOr<RecordsFile> ReadRecordsFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  StatusOr<RecordsFile> r = ParseRecords(ss.str());
  if (!r.ok()) return r.status().WithContext(path);
  return r;
}

}  // namespace sitrep::petrarch
