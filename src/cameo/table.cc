#include <array>
#include <charconv>
#include <cmath>
#include <utility>

#include "cameo/cameo.h"
#include "core/binary_io.h"
#include "core/paths.h"
#include "core/strings.h"

namespace sitrep::cameo {
namespace {

constexpr int kNumColumns = 8;
constexpr int kMinColumns = 4;  // code, label, quad_class, goldstein

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool AllDigits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

// Quad class of a root "01".."20"; 0 if not a root.
int QuadOfRoot(std::string_view root) {
  if (root.size() != 2 || !AllDigits(root)) return 0;
  int r = (root[0] - '0') * 10 + (root[1] - '0');
  if (r < 1 || r > 20) return 0;
  if (r <= 5) return 1;
  if (r <= 9) return 2;
  if (r <= 14) return 3;
  return 4;
}

bool ParseDouble(std::string_view s, double* v) {
  if (s.empty()) return false;
  if (s.front() == '+') s.remove_prefix(1);
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *v);
  return ec == std::errc() && p == s.data() + s.size() && std::isfinite(*v);
}

std::string BaseName(std::string_view path) {
  size_t slash = path.find_last_of('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

struct AcledCategory {
  std::string_view event_type;
  std::vector<std::string_view> subs;
};

const std::vector<AcledCategory>& AcledCategories() {
  static const std::vector<AcledCategory> kCategories = {
      {"Battles",
       {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"}},
      {"Explosions/Remote violence",
       {"Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade"}},
      {"Violence against civilians",
       {"Sexual violence", "Attack", "Abduction/forced disappearance"}},
      {"Protests",
       {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}},
      {"Riots", {"Violent demonstration", "Mob violence"}},
      {"Strategic developments",
       {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other"}},
  };
  return kCategories;
}

}  // namespace

bool IsPloverEvent(std::string_view type) {
  static constexpr std::array<std::string_view, 18> kTypes = {
      "AGREE",   "CONSULT",     "SUPPORT",  "CONCEDE", "COOPERATE", "AID",
      "RETREAT", "INVESTIGATE", "REQUEST",  "ACCUSE",  "REJECT",    "THREATEN",
      "PROTEST", "SANCTION",    "MOBILIZE", "COERCE",  "ASSAULT",   "CRIME"};
  for (std::string_view t : kTypes)
    if (t == type) return true;
  return false;
}

bool IsAcledType(std::string_view event_type, std::string_view sub_type) {
  if (event_type.empty() && sub_type.empty()) return true;
  for (const AcledCategory& c : AcledCategories()) {
    if (c.event_type != event_type) continue;
    for (std::string_view s : c.subs)
      if (s == sub_type) return true;
    return false;
  }
  return false;
}

std::string_view Table::Root(std::string_view code) { return code.substr(0, 2); }

const CodeInfo* Table::Find(std::string_view code) const {
  auto it = index_.find(std::string(code));
  return it == index_.end() ? nullptr : &codes_[it->second];
}

const CodeInfo* Table::FindOrAncestor(std::string_view code) const {
  while (code.size() >= 2) {
    if (const CodeInfo* c = Find(code)) return c;
    code.remove_suffix(1);
  }
  return nullptr;
}

StatusOr<std::unique_ptr<Table>> Table::Load(const std::string& tsv_path) {
  SITREP_ASSIGN_OR_RETURN(std::string text, ReadFileToString(tsv_path));
  return Parse(text, BaseName(tsv_path));
}

StatusOr<std::unique_ptr<Table>> Table::LoadDefault() { return Load(DataPath("cameo/cameo.tsv")); }

StatusOr<std::unique_ptr<Table>> Table::Parse(std::string_view text, std::string_view origin) {
  std::unique_ptr<Table> table(new Table());
  std::vector<bool> inherit_goldstein;  // parallel to codes_: cell was empty
  std::vector<size_t> row_line;         // parallel to codes_: line number
  bool seen_header = false;
  size_t line_no = 0;
  size_t pos = 0;
  auto warn = [&](size_t line, const std::string& msg) {
    table->warnings_.push_back(std::string(origin) + ":" + std::to_string(line) + ": " + msg);
  };
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line =
        text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (Trim(line).empty() || line[0] == '#') continue;
    std::vector<std::string_view> f = SplitOn(line, '\t');
    for (std::string_view& cell : f) cell = Trim(cell);
    if (!seen_header && f[0] == "code") {
      seen_header = true;
      if (f.size() != kNumColumns) {
        warn(line_no, "header has " + std::to_string(f.size()) + " columns, expected " +
                          std::to_string(kNumColumns));
      }
      continue;
    }
    if (f.size() < kMinColumns || f.size() > kNumColumns) {
      warn(line_no, "expected " + std::to_string(kMinColumns) + " to " +
                        std::to_string(kNumColumns) + " tab-separated columns, got " +
                        std::to_string(f.size()));
      continue;
    }
    f.resize(kNumColumns);
    CodeInfo info;
    info.code = std::string(f[0]);
    if (info.code.size() < 2 || info.code.size() > 4 || !AllDigits(info.code)) {
      warn(line_no, "code is not 2 to 4 digits: '" + info.code + "'");
      continue;
    }
    int root_quad = QuadOfRoot(Root(info.code));
    if (root_quad == 0) {
      warn(line_no, "code " + info.code + " has no CAMEO root 01-20");
      continue;
    }
    if (table->index_.count(info.code)) {
      warn(line_no, "duplicate code " + info.code + " (first row kept)");
      continue;
    }
    info.label = std::string(f[1]);
    if (info.label.empty()) {
      warn(line_no, "code " + info.code + " has an empty label");
      continue;
    }
    double quad = 0;
    if (!ParseDouble(f[2], &quad) || quad != std::floor(quad) || quad < 1 || quad > 4) {
      warn(line_no, "quad_class is not 1-4: '" + std::string(f[2]) + "'");
      continue;
    }
    info.quad_class = static_cast<int>(quad);
    if (info.quad_class != root_quad) {
      warn(line_no, "quad_class " + std::to_string(info.quad_class) + " of " + info.code +
                        " disagrees with its root " + std::string(Root(info.code)) + " (" +
                        std::to_string(root_quad) + ")");
      continue;
    }
    bool inherit = f[3].empty();
    if (!inherit) {
      if (!ParseDouble(f[3], &info.goldstein)) {
        warn(line_no, "goldstein not a number: '" + std::string(f[3]) + "'");
        continue;
      }
      if (info.goldstein < -10 || info.goldstein > 10) {
        warn(line_no, "goldstein out of [-10, 10]: " + std::string(f[3]));
        continue;
      }
    }
    info.plover_event = std::string(f[4]);
    if (!info.plover_event.empty() && !IsPloverEvent(info.plover_event)) {
      warn(line_no, "unknown PLOVER event type '" + info.plover_event + "'");
      continue;
    }
    info.plover_mode = std::string(f[5]);
    info.acled_event_type = std::string(f[6]);
    info.acled_sub_event_type = std::string(f[7]);
    if (!IsAcledType(info.acled_event_type, info.acled_sub_event_type)) {
      warn(line_no, "unknown ACLED type '" + info.acled_event_type + "' / '" +
                        info.acled_sub_event_type + "'");
      continue;
    }
    table->index_.emplace(info.code, table->codes_.size());
    table->codes_.push_back(std::move(info));
    inherit_goldstein.push_back(inherit);
    row_line.push_back(line_no);
  }
  if (table->codes_.empty()) {
    return DataLossError(std::string(origin) + ": no valid CAMEO code rows");
  }
  // Parents: roots must exist; empty Goldstein cells take the nearest
  // ancestor's weight (ancestors come first in a well-ordered file, but do
  // not rely on it: resolve by walking up through explicit weights).
  for (size_t i = 0; i < table->codes_.size(); ++i) {
    CodeInfo& c = table->codes_[i];
    if (c.code.size() > 2 && table->Find(Root(c.code)) == nullptr) {
      warn(row_line[i], "code " + c.code + " has no row for its root " + std::string(Root(c.code)));
    }
    if (!inherit_goldstein[i]) continue;
    std::string_view up = c.code;
    bool found = false;
    while (up.size() > 2 && !found) {
      up.remove_suffix(1);
      auto it = table->index_.find(std::string(up));
      if (it != table->index_.end() && !inherit_goldstein[it->second]) {
        c.goldstein = table->codes_[it->second].goldstein;
        found = true;
      }
    }
    if (!found) warn(row_line[i], "code " + c.code + " has no goldstein and no parent with one");
  }
  return table;
}

}  // namespace sitrep::cameo
