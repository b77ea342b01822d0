#include "events_gold.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <tuple>

namespace sitrep::events_gold {
namespace {

std::vector<std::string_view> SplitOn(std::string_view s, char sep, bool skip_empty) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(sep, start);
    if (end == std::string_view::npos) end = s.size();
    std::string_view piece = s.substr(start, end - start);
    if (!skip_empty || !piece.empty()) out.push_back(piece);
    start = end + 1;
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// "SYRMIL", "---REB", "IGOUNO": blocks of three of [A-Z0-9-].
bool IsActorCode(std::string_view s) {
  if (s.empty() || s.size() % 3 != 0) return false;
  for (char c : s) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

// "190", "0231": 3 or 4 digits with a root from 01 to 20.
bool IsCameoCode(std::string_view s) {
  if (s.size() != 3 && s.size() != 4) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  int root = (s[0] - '0') * 10 + (s[1] - '0');
  return root >= 1 && root <= 20;
}

// Parses "A|B|-" into codes ("" for "-"); returns false on a bad alternative.
bool ParseActorAlternatives(std::string_view field, std::vector<std::string>* out) {
  for (std::string_view alt : SplitOn(field, '|', false)) {
    if (alt == "-") {
      out->emplace_back();
    } else if (IsActorCode(alt)) {
      out->emplace_back(alt);
    } else {
      return false;
    }
  }
  return !out->empty();
}

bool ParseModality(std::string_view name, Modality* m) {
  static constexpr Modality kAll[] = {Modality::kFactual,      Modality::kFuture,
                                      Modality::kIntended,     Modality::kThreatened,
                                      Modality::kHypothetical, Modality::kDemanded};
  for (Modality candidate : kAll) {
    if (name == ModalityName(candidate)) {
      *m = candidate;
      return true;
    }
  }
  return false;
}

std::string Join(const std::vector<std::string>& alts) {
  std::string out;
  for (const std::string& a : alts) {
    if (!out.empty()) out += '|';
    out += a.empty() ? "-" : a;
  }
  return out;
}

// An actor code agrees with a gold alternative when equal, or when the gold
// alternative has at least two blocks ("CODREB", "IGOUNO") and the coded code
// only adds more blocks to it ("CODREBMTT", "IGOUNOWFP"). "RUS" accepts only "RUS".
bool ActorIn(const std::vector<std::string>& alts, const std::string& code) {
  for (const std::string& a : alts) {
    if (code == a) return true;
    if (a.size() >= 6 && code.size() > a.size() && code.size() % 3 == 0 &&
        code.compare(0, a.size(), a) == 0) {
      return true;
    }
  }
  return false;
}

Difference::ActorError ClassifyActor(const std::vector<std::string>& alts,
                                     const std::string& code) {
  using E = Difference::ActorError;
  if (ActorIn(alts, code)) return E::kNone;
  if (code.empty()) return E::kMissing;
  bool gold_none = std::all_of(alts.begin(), alts.end(), [](const auto& a) { return a.empty(); });
  if (gold_none) return E::kSpurious;
  if (code.size() > 3 && code.compare(0, 3, "---") == 0) {
    for (const std::string& a : alts) {
      if (a.size() >= code.size() && a.compare(3, code.size() - 3, code, 3) == 0) {
        return E::kNoCountry;
      }
    }
  }
  return E::kOther;
}

bool Contains(const std::vector<std::string>& alts, const std::string& code) {
  return std::find(alts.begin(), alts.end(), code) != alts.end();
}

std::string_view Root(std::string_view cameo) { return cameo.substr(0, 2); }

bool RootIn(const std::vector<std::string>& alts, const std::string& code) {
  if (code.size() < 2) return false;
  for (const std::string& a : alts) {
    if (Root(a) == Root(code)) return true;
  }
  return false;
}

bool IsWordByte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80;
}

bool Overlap(Span a, Span b) {
  return !a.empty() && !b.empty() && a.begin < b.end && b.begin < a.end;
}

// The title restates the lead: events there are not scored.
bool InTitle(const Document& doc, const CodedEvent& c) { return c.trigger.begin < doc.body_begin; }

double Ratio(int num, int den) { return den == 0 ? 0.0 : static_cast<double>(num) / den; }

std::string Code(const std::string& c) { return c.empty() ? "-" : c; }

std::string FlagsOf(bool negated, Modality modality) {
  std::string out;
  if (negated) out += " negated";
  if (modality != Modality::kFactual) out += std::string(" modality=") + ModalityName(modality);
  return out;
}

std::string GoldTriggerText(const GoldEvent& g) {
  std::string out = "\"" + g.trigger + "\"";
  if (g.occurrence != 1) out += "#" + std::to_string(g.occurrence);
  if (!g.span.empty()) out += "@" + std::to_string(g.span.begin);
  return out;
}

std::string GoldCodes(const GoldEvent& g) {
  return Join(g.source) + " " + Join(g.cameo) + " " + Join(g.target) +
         FlagsOf(g.negated, g.modality);
}

std::string CodedCodes(const CodedEvent& c) {
  return Code(c.source) + " " + Code(c.cameo) + " " + Code(c.target) +
         FlagsOf(c.negated, c.modality);
}

}  // namespace

GoldFile ParseGold(std::string_view content, std::string_view name) {
  GoldFile gold;
  gold.name = std::string(name);
  int line_no = 0;
  for (std::string_view line : SplitOn(content, '\n', false)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string_view trimmed = Trim(line);
    if (trimmed.empty() || trimmed.front() == '#') continue;
    auto warn = [&](const std::string& why) {
      gold.warnings.push_back(gold.name + ":" + std::to_string(line_no) + ": " + why);
    };
    // Runs of tabs separate columns, so that files may be aligned by hand.
    std::vector<std::string_view> cols = SplitOn(line, '\t', true);
    if (cols.size() != 4 && cols.size() != 5) {
      warn("expected 4 or 5 tab-separated columns (trigger, source, cameo, target, [flags]), got " +
           std::to_string(cols.size()));
      continue;
    }
    GoldEvent e;
    e.line = line_no;
    std::string_view trigger = Trim(cols[0]);
    if (size_t hash = trigger.rfind('#'); hash != std::string_view::npos && hash > 0) {
      std::string_view number = trigger.substr(hash + 1);
      bool digits =
          !number.empty() && number.size() <= 4 &&
          std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (!digits || std::atoi(std::string(number).c_str()) < 1) {
        warn("bad occurrence number in trigger \"" + std::string(trigger) + "\"");
        continue;
      }
      e.occurrence = std::atoi(std::string(number).c_str());
      trigger = Trim(trigger.substr(0, hash));
    }
    if (trigger.empty()) {
      warn("empty trigger");
      continue;
    }
    e.trigger = std::string(trigger);
    if (!ParseActorAlternatives(Trim(cols[1]), &e.source)) {
      warn("bad source code \"" + std::string(cols[1]) +
           "\" (want e.g. SYRMIL, ---REB, RUS|RUSGOV or -)");
      continue;
    }
    bool cameo_ok = true;
    for (std::string_view alt : SplitOn(Trim(cols[2]), '|', false)) {
      if (!IsCameoCode(alt)) cameo_ok = false;
      e.cameo.emplace_back(alt);
    }
    if (!cameo_ok) {
      warn("bad CAMEO code \"" + std::string(cols[2]) + "\" (want 3 or 4 digits, root 01-20)");
      continue;
    }
    if (!ParseActorAlternatives(Trim(cols[3]), &e.target)) {
      warn("bad target code \"" + std::string(cols[3]) + "\"");
      continue;
    }
    bool flags_ok = true;
    if (cols.size() == 5) {
      std::string flags(cols[4]);
      std::replace(flags.begin(), flags.end(), ',', ' ');
      std::istringstream in(flags);
      for (std::string flag; in >> flag;) {
        if (flag == "negated") {
          e.negated = true;
        } else if (flag == "reported") {
          e.reported = true;
        } else if (flag == "optional") {
          e.optional = true;
        } else if (flag.rfind("modality=", 0) == 0 && ParseModality(flag.substr(9), &e.modality)) {
        } else {
          warn("unknown flag \"" + flag + "\"");
          flags_ok = false;
        }
      }
    }
    if (!flags_ok) continue;
    gold.events.push_back(std::move(e));
  }
  return gold;
}

StatusOr<GoldFile> ReadGoldFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) return NotFoundError(path + ": no such file");
    return IoError(path + ": cannot open: " + std::strerror(errno));
  }
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) return IoError(path + ": read error");
  return ParseGold(content.str(), path);
}

void ResolveTriggers(const Document& doc, GoldFile& gold) {
  std::string_view text = doc.text;
  for (GoldEvent& e : gold.events) {
    e.span = Span{};
    int seen = 0;
    size_t pos = std::min<size_t>(doc.body_begin, text.size());
    while ((pos = text.find(e.trigger, pos)) != std::string_view::npos) {
      size_t end = pos + e.trigger.size();
      bool left_ok = pos == 0 || !IsWordByte(text[pos - 1]) || !IsWordByte(text[pos]);
      bool right_ok = end == text.size() || !IsWordByte(text[end]) || !IsWordByte(text[end - 1]);
      if (left_ok && right_ok && ++seen == e.occurrence) {
        e.span = Span{static_cast<uint32_t>(pos), static_cast<uint32_t>(end)};
        break;
      }
      ++pos;
    }
    if (e.span.empty()) {
      gold.warnings.push_back(gold.name + ":" + std::to_string(e.line) + ": trigger \"" +
                              e.trigger + "\" occurrence " + std::to_string(e.occurrence) +
                              " not found in the body of " + doc.id);
    }
  }
}

std::vector<CodedEvent> CodedEventsOf(const Document& doc) {
  std::vector<bool> is_reporter(doc.events.size(), false);
  for (const Event& e : doc.events) {
    if (e.reported_by >= 0 && static_cast<size_t>(e.reported_by) < doc.events.size()) {
      is_reporter[e.reported_by] = true;
    }
  }
  auto code_of = [&](int32_t mention) -> std::string {
    if (mention < 0 || static_cast<size_t>(mention) >= doc.mentions.size()) return "";
    return doc.mentions[mention].code;
  };
  std::vector<CodedEvent> out;
  for (size_t i = 0; i < doc.events.size(); ++i) {
    const Event& e = doc.events[i];
    uint32_t first = e.trigger_begin, last = e.trigger_end;
    if (last <= first) {
      first = e.trigger_head;
      last = e.trigger_head + 1;
    }
    if (last > doc.tokens.size() || first >= last) continue;  // malformed event: nothing to score
    CodedEvent c;
    c.trigger = Span{doc.tokens[first].begin, doc.tokens[last - 1].end};
    c.source = code_of(e.source);
    c.target = code_of(e.target);
    c.cameo = e.cameo;
    c.negated = e.negated;
    c.modality = e.modality;
    c.attribution = is_reporter[i];
    out.push_back(std::move(c));
  }
  return out;
}

double ArticleScore::TriggerPrecision() const { return Ratio(matched, coded); }
double ArticleScore::TriggerRecall() const { return Ratio(matched, gold); }
double ArticleScore::RootAgreement() const { return Ratio(root_agree, matched); }
double ArticleScore::CodeAgreement() const { return Ratio(code_agree, matched); }
double ArticleScore::SourceAgreement() const { return Ratio(source_agree, matched); }
double ArticleScore::TargetAgreement() const { return Ratio(target_agree, matched); }
double ArticleScore::FlagsAgreement() const { return Ratio(flags_agree, matched); }
double ArticleScore::TriplePrecision() const { return Ratio(triple_agree, coded); }
double ArticleScore::TripleRecall() const { return Ratio(triple_agree, gold); }
double ArticleScore::TripleF1() const {
  double p = TriplePrecision(), r = TripleRecall();
  return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}

void ArticleScore::Add(const ArticleScore& o) {
  gold += o.gold;
  coded += o.coded;
  matched += o.matched;
  root_agree += o.root_agree;
  code_agree += o.code_agree;
  source_agree += o.source_agree;
  target_agree += o.target_agree;
  triple_agree += o.triple_agree;
  flags_agree += o.flags_agree;
}

ArticleScore ScoreArticle(const Document& doc, const GoldFile& gold) {
  return ScoreEvents(doc, gold, CodedEventsOf(doc));
}

ArticleScore ScoreEvents(const Document& doc, const GoldFile& gold,
                         const std::vector<CodedEvent>& coded) {
  ArticleScore score;
  score.name = doc.id;
  const std::vector<GoldEvent>& golds = gold.events;

  struct Agreement {
    bool root, code, source, target;
    bool triple() const { return code && source && target; }
  };
  auto agree = [](const GoldEvent& g, const CodedEvent& c) {
    return Agreement{RootIn(g.cameo, c.cameo), Contains(g.cameo, c.cameo),
                     ActorIn(g.source, c.source), ActorIn(g.target, c.target)};
  };

  // Every overlapping pair, best agreement first, then nearest start; greedy one-to-one.
  struct Candidate {
    int weight;
    uint32_t distance;
    size_t g, c;
  };
  std::vector<Candidate> candidates;
  for (size_t g = 0; g < golds.size(); ++g) {
    for (size_t c = 0; c < coded.size(); ++c) {
      if (InTitle(doc, coded[c]) || !Overlap(golds[g].span, coded[c].trigger)) continue;
      Agreement a = agree(golds[g], coded[c]);
      int weight = 16 * a.triple() + 8 * a.code + 4 * a.root + 2 * a.source + a.target;
      uint32_t distance = golds[g].span.begin > coded[c].trigger.begin
                              ? golds[g].span.begin - coded[c].trigger.begin
                              : coded[c].trigger.begin - golds[g].span.begin;
      candidates.push_back({weight, distance, g, c});
    }
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return std::tie(b.weight, a.distance, a.g, a.c) < std::tie(a.weight, b.distance, b.g, b.c);
  });
  std::vector<int> gold_match(golds.size(), -1), coded_match(coded.size(), -1);
  for (const Candidate& cand : candidates) {
    if (gold_match[cand.g] >= 0 || coded_match[cand.c] >= 0) continue;
    gold_match[cand.g] = static_cast<int>(cand.c);
    coded_match[cand.c] = static_cast<int>(cand.g);
  }

  for (size_t g = 0; g < golds.size(); ++g) {
    const GoldEvent& ge = golds[g];
    if (gold_match[g] < 0) {
      if (ge.optional) continue;
      ++score.gold;
      Difference d;
      d.kind = DiffKind::kMissing;
      d.text = "missing  " + GoldTriggerText(ge) + "  " + GoldCodes(ge) + "  (line " +
               std::to_string(ge.line) + ")";
      score.differences.push_back(std::move(d));
      continue;
    }
    const CodedEvent& ce = coded[gold_match[g]];
    ++score.gold;
    ++score.matched;
    Agreement a = agree(ge, ce);
    bool flags = ge.negated == ce.negated && ge.modality == ce.modality;
    score.root_agree += a.root;
    score.code_agree += a.code;
    score.source_agree += a.source;
    score.target_agree += a.target;
    score.triple_agree += a.triple();
    score.flags_agree += flags;
    if (a.triple() && flags) continue;
    Difference d;
    d.kind = DiffKind::kWrong;
    d.wrong_root = !a.root;
    d.wrong_subcode = a.root && !a.code;
    d.wrong_source = !a.source;
    d.source_error = ClassifyActor(ge.source, ce.source);
    d.target_error = ClassifyActor(ge.target, ce.target);
    d.wrong_target = !a.target;
    d.wrong_flags = !flags;
    std::string what;
    if (d.wrong_root) what += " root";
    if (d.wrong_subcode) what += " subcode";
    if (d.wrong_source) what += " source";
    if (d.wrong_target) what += " target";
    if (d.wrong_flags) what += " flags";
    d.text = "wrong    " + GoldTriggerText(ge) + "  gold " + GoldCodes(ge) + "  coded " +
             CodedCodes(ce) + "  [" + what.substr(1) + "]  (line " + std::to_string(ge.line) + ")";
    score.differences.push_back(std::move(d));
  }
  for (size_t c = 0; c < coded.size(); ++c) {
    const CodedEvent& ce = coded[c];
    if (InTitle(doc, ce)) continue;
    if (coded_match[c] >= 0) {
      ++score.coded;
      continue;
    }
    if (ce.attribution || ce.cameo == "010") continue;  // statements: scored only when in gold
    ++score.coded;
    Difference d;
    d.kind = DiffKind::kExtra;
    std::string_view text;
    if (ce.trigger.end <= doc.text.size()) text = doc.Slice(ce.trigger);
    d.text = "extra    \"" + std::string(text) + "\"@" + std::to_string(ce.trigger.begin) + "  " +
             CodedCodes(ce);
    score.differences.push_back(std::move(d));
  }
  return score;
}

std::string FormatTable(const std::vector<ArticleScore>& articles, const ArticleScore& total) {
  std::string out;
  char buf[256];
  std::snprintf(buf, sizeof buf, "%-28s %5s %5s %5s %5s %5s %5s %5s %5s %5s %5s %5s %5s %5s\n",
                "article", "gold", "coded", "match", "trigP", "trigR", "root", "code", "src", "tgt",
                "flags", "triP", "triR", "F1");
  out += buf;
  auto row = [&](const ArticleScore& s, const std::string& name) {
    std::snprintf(buf, sizeof buf,
                  "%-28s %5d %5d %5d %5.2f %5.2f %5.2f %5.2f %5.2f %5.2f %5.2f %5.2f %5.2f %5.2f\n",
                  name.c_str(), s.gold, s.coded, s.matched, s.TriggerPrecision(), s.TriggerRecall(),
                  s.RootAgreement(), s.CodeAgreement(), s.SourceAgreement(), s.TargetAgreement(),
                  s.FlagsAgreement(), s.TriplePrecision(), s.TripleRecall(), s.TripleF1());
    out += buf;
  };
  for (const ArticleScore& s : articles) row(s, s.name);
  row(total, "micro");
  return out;
}

std::string FormatDifferences(const std::vector<ArticleScore>& articles) {
  std::string out;
  for (const ArticleScore& s : articles) {
    if (s.differences.empty()) continue;
    out += "== " + s.name + "\n";
    for (const Difference& d : s.differences) out += "  " + d.text + "\n";
  }
  return out;
}

ErrorCounts CountErrors(const std::vector<ArticleScore>& articles) {
  ErrorCounts n;
  for (const ArticleScore& s : articles) {
    for (const Difference& d : s.differences) {
      switch (d.kind) {
        case DiffKind::kMissing:
          ++n.missing;
          break;
        case DiffKind::kExtra:
          ++n.extra;
          break;
        case DiffKind::kWrong:
          n.wrong_root += d.wrong_root;
          n.wrong_subcode += d.wrong_subcode;
          n.wrong_source += d.wrong_source;
          n.wrong_target += d.wrong_target;
          for (auto [error, missing, no_country, spurious, other] :
               {std::tuple{d.source_error, &n.source_missing, &n.source_no_country,
                           &n.source_spurious, &n.source_other},
                std::tuple{d.target_error, &n.target_missing, &n.target_no_country,
                           &n.target_spurious, &n.target_other}}) {
            using E = Difference::ActorError;
            *missing += error == E::kMissing;
            *no_country += error == E::kNoCountry;
            *spurious += error == E::kSpurious;
            *other += error == E::kOther;
          }
          break;
      }
    }
  }
  return n;
}

std::string FormatErrorCounts(const ErrorCounts& n) {
  return "missing " + std::to_string(n.missing) + ", extra " + std::to_string(n.extra) +
         ", wrong root " + std::to_string(n.wrong_root) + ", wrong subcode " +
         std::to_string(n.wrong_subcode) + ", wrong source " + std::to_string(n.wrong_source) +
         ", wrong target " + std::to_string(n.wrong_target) + "\n  source: none " +
         std::to_string(n.source_missing) + ", role without country " +
         std::to_string(n.source_no_country) + ", where gold has none " +
         std::to_string(n.source_spurious) + ", other " + std::to_string(n.source_other) +
         "\n  target: none " + std::to_string(n.target_missing) + ", role without country " +
         std::to_string(n.target_no_country) + ", where gold has none " +
         std::to_string(n.target_spurious) + ", other " + std::to_string(n.target_other);
}

}  // namespace sitrep::events_gold
