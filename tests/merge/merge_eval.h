// Pairwise evaluation of incident merging against tests/merge/gold.tsv.
//
//   SITREP_ASSIGN_OR_RETURN(MergeEval e, EvaluateMerging("m.sqlite", "tests/merge/gold.tsv"));
//   std::cout << FormatEval(e);   // "pairs: precision 0.97 (32/33), recall 0.94 (32/34)" + wrong
//   pairs
//
// A report's incident is the incident of its main event: its first event (by
// sentence, then record order) of CAMEO quad class 4 (material conflict:
// protests, force posture, coercion, assaults, fights, mass violence), else
// its first event. Pairs are unordered pairs of gold reports: a true positive
// is a pair in one gold incident and one stored incident; a false positive
// two gold incidents in one stored incident; a false negative one gold
// incident in two stored incidents (or a report without any event). Precision
// = TP / (TP + FP), recall = TP / (TP + FN).
#ifndef SITREP_TESTS_MERGE_MERGE_EVAL_H_
#define SITREP_TESTS_MERGE_MERGE_EVAL_H_

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/merge.h"
#include "store/store.h"

namespace sitrep::merge_eval {

using store::json;

struct MergeEval {
  int tp = 0, fp = 0, fn = 0;
  double precision = 0, recall = 0;
  int reports = 0, gold_incidents = 0, stored_incidents = 0;
  std::vector<std::string> wrong;  // "FP a b: why" / "FN a b: why"
};

// doc id -> label; '#' lines are comments. DataLoss for a malformed line.
inline StatusOr<std::map<std::string, std::string>> ReadGold(const std::string& path) {
  std::ifstream in(path);
  if (!in) return NotFoundError("cannot read " + path);
  std::map<std::string, std::string> gold;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0 || tab + 1 == line.size()) {
      return DataLossError(path + ":" + std::to_string(n) + ": expected doc_id<TAB>incident");
    }
    gold[line.substr(0, tab)] = line.substr(tab + 1);
  }
  return gold;
}

inline StatusOr<MergeEval> EvaluateMerging(const std::string& db_path,
                                           const std::string& gold_path) {
  SITREP_ASSIGN_OR_RETURN(auto gold, ReadGold(gold_path));
  SITREP_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> db, store::Store::Open(db_path));
  struct Ev {
    int64_t incident;
    json record;
  };
  std::map<std::string, std::vector<Ev>> by_doc;
  std::map<int64_t, std::vector<const json*>> by_incident;
  SITREP_RETURN_IF_ERROR(db->Scan({}, [&](store::StoredEvent&& e) {
    const json& d = e.record["doc_id"];
    if (d.is_string()) by_doc[d.get<std::string>()].push_back({e.incident_id, std::move(e.record)});
    return OkStatus();
  }));
  std::map<std::string, const Ev*> main;
  for (auto& [doc, evs] : by_doc) {
    std::stable_sort(evs.begin(), evs.end(), [](const Ev& a, const Ev& b) {
      return a.record.value("sentence_index", 0) < b.record.value("sentence_index", 0);
    });
    for (const Ev& e : evs) by_incident[e.incident].push_back(&e.record);
    const Ev* m = &evs.front();
    for (const Ev& e : evs) {
      if (e.record.value("quad_class", 0) == 4) {
        m = &e;
        break;
      }
    }
    main[doc] = m;
  }
  MergeEval r;
  std::map<std::string, int> labels;
  std::map<int64_t, int> incidents;
  for (const auto& [doc, label] : gold) {
    ++r.reports;
    ++labels[label];
    if (main.count(doc)) ++incidents[main[doc]->incident];
  }
  r.gold_incidents = static_cast<int>(labels.size());
  r.stored_incidents = static_cast<int>(incidents.size());
  // Why the main events of a and b are apart: their own incompatibility, else
  // the member of b's incident that a's main event does not fit.
  auto why_apart = [&](const Ev& a, const Ev& b) -> std::string {
    store::MergeKey ka = store::KeyFromRecord(a.record), kb = store::KeyFromRecord(b.record);
    std::string reason = store::Explain(ka, kb);
    if (!reason.empty()) return reason;
    for (const json* m : by_incident[b.incident]) {
      std::string r2 = store::Explain(ka, store::KeyFromRecord(*m));
      if (!r2.empty()) return "with " + m->value("id", std::string()) + " of its incident: " + r2;
    }
    return "compatible, but another incident fitted better";
  };
  auto describe = [](const json& r) {
    const json& loc = r.contains("location") && r["location"].is_object() ? r["location"] : json();
    const json& date = r.contains("date") && r["date"].is_object() ? r["date"] : json();
    auto s = [](const json& j, const char* k) {
      return j.is_object() && j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : "-";
    };
    return r.value("id", std::string()) + " " + s(r, "cameo") + " " + s(loc, "name") + "/" +
           s(loc, "precision") + " " + s(date, "value") + "/" + s(date, "basis");
  };
  std::vector<std::string> docs;
  for (const auto& [doc, label] : gold) docs.push_back(doc);
  for (size_t i = 0; i < docs.size(); ++i) {
    for (size_t j = i + 1; j < docs.size(); ++j) {
      const std::string &a = docs[i], &b = docs[j];
      const bool same_gold = gold[a] == gold[b];
      if (!main.count(a) || !main.count(b)) {
        if (same_gold) {
          ++r.fn;
          r.wrong.push_back("FN " + a + " " + b + ": a report without events");
        }
        continue;
      }
      const Ev &ea = *main[a], &eb = *main[b];
      const bool same = ea.incident == eb.incident;
      if (same && same_gold) {
        ++r.tp;
      } else if (same) {
        ++r.fp;
        r.wrong.push_back("FP " + a + " (" + gold[a] + ") " + b + " (" + gold[b] +
                          "): " + describe(ea.record) + " | " + describe(eb.record));
      } else if (same_gold) {
        ++r.fn;
        r.wrong.push_back("FN " + a + " " + b + " (" + gold[a] + "): " + why_apart(ea, eb) + " | " +
                          describe(ea.record) + " | " + describe(eb.record));
      }
    }
  }
  r.precision = r.tp + r.fp ? static_cast<double>(r.tp) / (r.tp + r.fp) : 0;
  r.recall = r.tp + r.fn ? static_cast<double>(r.tp) / (r.tp + r.fn) : 0;
  return r;
}

inline std::string FormatEval(const MergeEval& e) {
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "reports %d, gold incidents %d, stored incidents of main events %d\n"
                "pairs: precision %.3f (%d/%d), recall %.3f (%d/%d)\n",
                e.reports, e.gold_incidents, e.stored_incidents, e.precision, e.tp, e.tp + e.fp,
                e.recall, e.tp, e.tp + e.fn);
  std::string out = buf;
  for (const std::string& w : e.wrong) out += "  " + w + "\n";
  return out;
}

}  // namespace sitrep::merge_eval

#endif  // SITREP_TESTS_MERGE_MERGE_EVAL_H_
