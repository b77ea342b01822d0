#include "cli/coding_commands.h"

#include <cstdio>
#include <iostream>
#include <optional>

#include "cameo/cameo.h"
#include "coding/event_record.h"
#include "coding/news_corpus.h"
#include "events/coder.h"
#include "petrarch/up_validate.h"
#include "petrarch/validate.h"
#include "pipeline/runner.h"
#include "pipeline/throughput.h"
#include "tabari/validate.h"

#ifndef SITREP_SOURCE_DIR
#define SITREP_SOURCE_DIR "."
#endif

namespace sitrep::cli {

void AddCodeFlags(CLI::App* cmd, CodeFlags* c) {
  cmd->add_option("--format", c->format, "jsonl (event records, docs/events.md) | table")
      ->check(CLI::IsMember({"jsonl", "table"}));
  auto* p = cmd->add_option("--petrarch-dict", c->petrarch_dict,
                            "Code with PETRARCH2 dictionaries from this folder "
                            "(PETR_config.ini or CAMEO.2.0.txt + Phoenix.*)");
  auto* t = cmd->add_option("--tabari-project", c->tabari_project,
                            "Code with the dictionaries of this TABARI .project file");
  p->excludes(t);
  cmd->add_option("--actors-dir", c->actors_dir, "sitrep actor dictionaries (default data/actors)");
  cmd->add_option("--events-dir", c->events_dir, "sitrep verb dictionaries (default data/events)");
}

namespace {

StatusOr<std::unique_ptr<EventCoder>> MakeCoder(const CodeFlags& c) {
  if (!c.petrarch_dict.empty()) {
    petrarch::CoderOptions o;
    o.dictionary_dir = c.petrarch_dict;
    return petrarch::CreateCoder(o);
  }
  if (!c.tabari_project.empty()) {
    tabari::CoderOptions o;
    o.project_path = c.tabari_project;
    return tabari::CreateCoder(o);
  }
  events::CoderOptions o;
  o.dictionary_dir = c.events_dir;
  o.actors_dir = c.actors_dir;
  return events::CreateCoder(o);
}

}  // namespace

StatusOr<std::unique_ptr<CodingSetup>> MakeCodingSetup(const CommonFlags& f, const CodeFlags& c) {
  auto setup = std::make_unique<CodingSetup>();
  SITREP_ASSIGN_OR_RETURN(setup->coder, MakeCoder(c));
  for (const std::string& w : setup->coder->warnings()) {
    std::fprintf(stderr, "sitrep: warning: %s\n", w.c_str());
  }
  SITREP_ASSIGN_OR_RETURN(setup->table, cameo::Table::LoadDefault());
  SITREP_ASSIGN_OR_RETURN(setup->modes, cameo::ModeDetector::LoadDefault());
  SITREP_ASSIGN_OR_RETURN(setup->context, MakeContextStages(f.gazetteer));
  SITREP_ASSIGN_OR_RETURN(setup->analyzer, MakeAnalyzer(f, AnalysisDepth::kParse,
                                                        setup->coder.get(), setup->context.get()));
  setup->recorder = std::make_unique<EventRecorder>(setup->table.get(), setup->modes.get());
  return setup;
}

int RunCode(const CommonFlags& f, const CodeFlags& c) {
  auto setup = MakeCodingSetup(f, c);
  if (!setup.ok()) return Fatal(setup.status());
  auto reader = MakeReader(f);
  if (!reader.ok()) return Fatal(reader.status());
  const EventCoder& coder = *(*setup)->coder;
  const EventRecorder& recorder = *(*setup)->recorder;
  std::vector<nlohmann::ordered_json> all;  // for --format table
  size_t events = 0;
  RunOptions ro;
  ro.threads = f.threads;
  RunStats stats = RunAnalysis(
      **reader, *(*setup)->analyzer, ro,
      [&](const Document& doc, const Status& status) {
        if (!ReportDocument(doc, status)) return;
        std::vector<nlohmann::ordered_json> records = recorder.Records(doc, coder.name());
        events += records.size();
        if (c.format == "table") {
          for (auto& r : records) all.push_back(std::move(r));
        } else {
          for (const auto& r : records) std::cout << r.dump() << '\n';
        }
      },
      [&](const Status& err) {
        std::fprintf(stderr, "sitrep: error: %s\n", err.ToString().c_str());
      });
  if (c.format == "table") std::cout << SummaryTable(all);
  std::cout.flush();
  std::fprintf(stderr,
               "sitrep: %zu documents, %zu sentences, %zu events (%s coder) in %.2f s; %zu read "
               "errors, %zu coding errors, %zu warnings\n",
               stats.documents, stats.sentences, events, std::string(coder.name()).c_str(),
               stats.seconds, stats.read_errors, stats.analysis_errors, stats.warnings);
  return stats.any_failed() ? kExitSomeFailed : kExitOk;
}

void AddValidateFlags(CLI::App* cmd, ValidateFlags* v) {
  cmd->add_option("suite", v->suite,
                  "petrarch (PETRARCH2 records) | up (UniversalPetrarch UD records) | tabari")
      ->required()
      ->check(CLI::IsMember({"petrarch", "up", "tabari"}));
  cmd->add_option("file", v->path, "PETRARCH / UniversalPetrarch records file, or TABARI .project")
      ->required();
  cmd->add_option("--dict", v->dictionary_dir,
                  "Dictionary folder (default: petrarch <records dir>/../dictionaries, "
                  "up the records' folder)");
  cmd->add_option("--report", v->report, "Write one JSON line per record to this file");
  cmd->add_flag("--given-parse", v->given_parse,
                "petrarch/up: code the suite's own <Parse> (Penn tree / UD CoNLL-U) instead of "
                "our parse of <Text>");
}

int RunValidate(const CommonFlags& f, const ValidateFlags& v) {
  auto analyzer = MakeAnalyzer(f);
  if (!analyzer.ok()) return Fatal(analyzer.status());
  int passed = 0, failed = 0;
  std::vector<std::string> warnings;
  // Each runner returns {passed, failed, warnings}; a runner that could not
  // run at all (missing file) is fatal.
  Status status = OkStatus();
  auto take = [&](const auto& result) {
    if (!result.ok()) {
      status = result.status();
      return;
    }
    passed = result->passed;
    failed = result->failed;
    warnings = result->warnings;
  };
  const petrarch::ParseSource parse =
      v.given_parse ? petrarch::ParseSource::kGiven : petrarch::ParseSource::kOurs;
  if (v.suite == "petrarch") {
    petrarch::ValidateOptions o;
    o.records_path = v.path;
    o.dictionary_dir = v.dictionary_dir;
    o.parse = parse;
    o.report_path = v.report;
    o.analyzer = analyzer->get();
    take(petrarch::RunValidation(o, std::cout));
  } else if (v.suite == "up") {
    petrarch::UpValidateOptions o;
    petrarch::UpScore score;  // UP's own tally, printed by the runner
    o.records_path = v.path;
    o.dictionary_dir = v.dictionary_dir;
    o.parse = parse;
    o.report_path = v.report;
    o.analyzer = analyzer->get();
    o.score = &score;
    take(petrarch::RunUpValidation(o, std::cout));
  } else {
    tabari::ValidateOptions o;
    o.project_path = v.path;
    o.report_path = v.report;
    o.analyzer = analyzer->get();
    take(tabari::RunValidation(o, std::cout));
  }
  if (!status.ok()) return Fatal(status);
  for (const std::string& w : warnings) std::fprintf(stderr, "sitrep: warning: %s\n", w.c_str());
  std::fprintf(stderr, "sitrep: %s suite: %d passed, %d failed (%.1f%%)\n", v.suite.c_str(), passed,
               failed, passed + failed > 0 ? 100.0 * passed / (passed + failed) : 0.0);
  return failed > 0 ? kExitSomeFailed : kExitOk;
}

int RunCodeBench(const CommonFlags& f, const std::string& corpora_dir, size_t min_sentences,
                 bool one_document) {
  auto coder = events::CreateCoder({});
  if (!coder.ok()) return Fatal(coder.status());
  auto plain = MakeAnalyzer(f);
  if (!plain.ok()) return Fatal(plain.status());
  auto context = MakeContextStages(f.gazetteer);
  if (!context.ok()) return Fatal(context.status());
  auto coding = MakeAnalyzer(f, AnalysisDepth::kParse, coder->get(), context->get());
  if (!coding.ok()) return Fatal(coding.status());

  std::vector<Document> base;
  Status s = AddNewsCorpus(corpora_dir, &base);
  if (!s.ok()) return Fatal(s);
  ReadOptions ro;
  auto samples = DocumentReader::Create({std::string(SITREP_SOURCE_DIR) + "/samples"}, ro);
  if (samples.ok()) {
    while (std::optional<DocumentReader::ReadResult> r = (*samples)->Next()) {
      if (r->status.ok() && r->doc) base.push_back(std::move(*r->doc));
    }
  }
  // Count sentences once, then repeat the set with fresh ids.
  std::vector<Document> probe = base;
  size_t base_sentences = 0;
  for (Document& d : probe) {
    if ((*plain)->Analyze(d).ok()) base_sentences += d.sentences.size();
  }
  if (base_sentences == 0) return Fatal(InvalidArgumentError("no news text to benchmark"));
  std::vector<Document> docs;
  for (size_t rep = 0; docs.empty() || rep * base_sentences < min_sentences; ++rep) {
    for (const Document& d : base) {
      docs.push_back(d);
      docs.back().id += "#" + std::to_string(rep);
    }
  }
  std::printf("bench --code: %zu documents (GigaWord sample, UCDP headlines, samples/) x%zu\n",
              base.size(), docs.size() / base.size());
  if (one_document) {
    Document one;
    one.id = "one-document";
    one.date = docs.front().date;
    for (const Document& d : docs) {
      if (!one.text.empty()) one.text += "\n\n";
      one.text += d.text;
    }
    std::printf("as one document of %zu bytes\n", one.text.size());
    docs.clear();
    docs.push_back(std::move(one));
  }
  std::vector<int> thread_counts = {1};
  if (f.threads > 1) thread_counts.push_back(f.threads);
  for (int threads : thread_counts) {
    ThroughputResult a = MeasureThroughput(**plain, docs, threads);
    ThroughputResult c = MeasureThroughput(**coding, docs, threads);
    std::printf(
        "threads %d: analyse %.0f sentences/s (%.0f tokens/s); analyse+code %.0f sentences/s "
        "(%.0f tokens/s); coding adds %.1f%% (CPU time %+.1f%%)\n",
        threads, a.sentences_per_second(), a.tokens_per_second(), c.sentences_per_second(),
        c.tokens_per_second(), 100.0 * (c.seconds / a.seconds - 1.0),
        100.0 * (c.cpu_seconds / a.cpu_seconds - 1.0));
  }
  std::printf("peak RSS: %.1f MB\n", PeakRssBytes() / 1e6);
  return kExitOk;
}

}  // namespace sitrep::cli
