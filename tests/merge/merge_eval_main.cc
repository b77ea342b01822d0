// sitrep_merge_eval: pairwise precision and recall of incident merging on our
// test set (tests/merge/reports.jsonl, gold.tsv), with each wrong pair and why.
//
//   build/tests/merge/sitrep_merge_eval                  # ingests the reports with build's sitrep
//   build/tests/merge/sitrep_merge_eval --db m.sqlite    # evaluates an existing store
//   ... --remerge                                        # Store::Remerge() first
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

#include "merge_eval.h"

int main(int argc, char** argv) {
  std::string db, gold = std::string(SITREP_SOURCE_DIR) + "/tests/merge/gold.tsv";
  std::string reports = std::string(SITREP_SOURCE_DIR) + "/tests/merge/reports.jsonl";
  bool remerge = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--db" && i + 1 < argc) {
      db = argv[++i];
    } else if (a == "--gold" && i + 1 < argc) {
      gold = argv[++i];
    } else if (a == "--reports" && i + 1 < argc) {
      reports = argv[++i];
    } else if (a == "--remerge") {
      remerge = true;
    } else {
      std::cerr << "usage: sitrep_merge_eval [--db FILE] [--gold FILE] [--reports FILE] "
                   "[--remerge]\n";
      return 2;
    }
  }
  std::string tmp;
  if (db.empty()) {
    tmp =
        (std::filesystem::temp_directory_path() / ("sitrep_merge_eval_" + std::to_string(getpid())))
            .string();
    std::filesystem::create_directories(tmp);
    db = tmp + "/m.sqlite";
    const std::string cmd =
        std::string(SITREP_BINARY) + " ingest " + reports + " --db " + db + " 2>/dev/null";
    if (std::system(cmd.c_str()) != 0) {
      std::cerr << "sitrep_merge_eval: failed: " << cmd << "\n";
      return 1;
    }
  }
  if (remerge) {
    auto s = sitrep::store::Store::Open(db);
    if (!s.ok() || !(*s)->Remerge().ok()) {
      std::cerr << "sitrep_merge_eval: remerge failed\n";
      return 1;
    }
  }
  auto e = sitrep::merge_eval::EvaluateMerging(db, gold);
  if (!tmp.empty()) std::filesystem::remove_all(tmp);
  if (!e.ok()) {
    std::cerr << "sitrep_merge_eval: " << e.status().ToString() << "\n";
    return 1;
  }
  std::cout << sitrep::merge_eval::FormatEval(*e);
  return 0;
}
