// sitrep: the command-line front end. It parses flags, calls the library
// (pipeline/, io/, train/) and prints; it holds no analysis logic.
//
// Exceptions stop here: CLI11 reports usage errors by throwing, and every
// library failure arrives as a Status. Exit codes: 0 = everything processed,
// 1 = some input failed (reported on stderr, the rest processed),
// 2 = usage error or nothing could run (e.g. no model).
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "cli/cli_common.h"
#include "cli/coding_commands.h"
#include "cli/geo_commands.h"
#include "cli/serve_commands.h"
#include "cli/store_commands.h"
#include "core/binary_io.h"
#include "core/conllu.h"
#include "io/reader.h"
#include "pipeline/analyzer.h"
#include "pipeline/evaluate.h"
#include "pipeline/runner.h"
#include "pipeline/serialize.h"
#include "pipeline/throughput.h"
#include "train/trainer.h"

#ifndef SITREP_VERSION
#define SITREP_VERSION "0.1.0"
#endif
#ifndef SITREP_SOURCE_DIR
#define SITREP_SOURCE_DIR "."
#endif

namespace sitrep {
namespace {

using namespace ::sitrep::cli;  // NOLINT: the CLI's own helpers

// analyze / parse: stream documents through the analyzer.
int RunAnalyze(const CommonFlags& f, const std::string& format) {
  auto analyzer = MakeAnalyzer(f);
  if (!analyzer.ok()) {
    std::fprintf(stderr, "sitrep: %s\n", analyzer.status().ToString().c_str());
    return kExitFatal;
  }
  auto reader = MakeReader(f);
  if (!reader.ok()) {
    std::fprintf(stderr, "sitrep: %s\n", reader.status().ToString().c_str());
    return kExitFatal;
  }
  RunOptions ro;
  ro.threads = f.threads;
  RunStats stats = RunAnalysis(
      **reader, **analyzer, ro,
      [&](const Document& doc, const Status& status) {
        if (!ReportDocument(doc, status)) return;
        if (doc.sentences.empty()) return;  // empty document: no output
        if (format == "jsonl") {
          std::cout << DocumentToJson(doc) << '\n';
        } else if (format == "conllu") {
          std::cout << DocumentToConllu(doc);
        } else {
          std::cout << DocumentToReadable(doc) << '\n';
        }
      },
      [&](const Status& err) {
        std::fprintf(stderr, "sitrep: error: %s\n", err.ToString().c_str());
      });
  std::cout.flush();
  std::fprintf(stderr,
               "sitrep: %zu documents, %zu sentences, %zu tokens in %.2f s; %zu read errors, "
               "%zu analysis errors, %zu warnings\n",
               stats.documents, stats.sentences, stats.tokens, stats.seconds, stats.read_errors,
               stats.analysis_errors, stats.warnings);
  return stats.any_failed() ? kExitSomeFailed : kExitOk;
}

// parse --conllu-in FILE: keep the given tokenization, tag and parse.
int RunParseConllu(const CommonFlags& f, const std::string& path) {
  auto analyzer = MakeAnalyzer(f);
  if (!analyzer.ok()) {
    std::fprintf(stderr, "sitrep: %s\n", analyzer.status().ToString().c_str());
    return kExitFatal;
  }
  std::vector<std::string> errors;
  auto sents = ReadConllu(path, &errors);
  if (!sents.ok()) {
    std::fprintf(stderr, "sitrep: %s\n", sents.status().ToString().c_str());
    return kExitFatal;
  }
  for (const auto& e : errors)
    std::fprintf(stderr, "sitrep: error: %s: %s\n", path.c_str(), e.c_str());
  // Keep the input's sentence ids and text so the output lines up with the
  // gold file for the CoNLL 2018 evaluation script.
  Document doc = DocumentFromConllu(*sents, /*keep_annotation=*/false);
  Status s = (*analyzer)->AnalyzePretokenized(doc);
  if (!s.ok()) {
    std::fprintf(stderr, "sitrep: %s\n", s.ToString().c_str());
    return kExitFatal;
  }
  std::cout << AnalysisToConllu(*sents, doc);
  return errors.empty() ? kExitOk : kExitSomeFailed;
}

std::string EwtPath(const std::string& corpus, const std::string& split) {
  return corpus + "/en_ewt-ud-" + split + ".conllu";
}

int RunEval(const CommonFlags& f, const std::string& corpus, const std::string& split) {
  auto analyzer = MakeAnalyzer(f);
  if (!analyzer.ok()) {
    std::fprintf(stderr, "sitrep: %s\n", analyzer.status().ToString().c_str());
    return kExitFatal;
  }
  auto gold = ReadConllu(EwtPath(corpus, split));
  if (!gold.ok()) {
    std::fprintf(stderr, "sitrep: %s\n", gold.status().ToString().c_str());
    return kExitFatal;
  }
  EvalScores g = EvaluateGoldTokenization(**analyzer, *gold);
  std::cout << "UD English EWT " << split << ", gold tokenization (tag + parse)\n"
            << FormatScores(g, true) << "\n";
  EvalScores r = EvaluateRawText(**analyzer, *gold);
  std::cout << "UD English EWT " << split << ", raw text (our sentences + tokens + tag + parse)\n"
            << FormatScores(r, false);
  return kExitOk;
}

int RunBench(const CommonFlags& f, const std::string& corpus, size_t min_tokens) {
  auto load_start = std::chrono::steady_clock::now();
  auto analyzer = MakeAnalyzer(f);
  double load_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count();
  if (!analyzer.ok()) {
    std::fprintf(stderr, "sitrep: %s\n", analyzer.status().ToString().c_str());
    return kExitFatal;
  }
  std::printf("bench: model %s loaded in %.3f s\n", (*analyzer)->model_path().c_str(),
              load_seconds);
  auto gold = ReadConllu(EwtPath(corpus, "test"));
  if (!gold.ok()) {
    std::fprintf(stderr, "sitrep: %s\n", gold.status().ToString().c_str());
    return kExitFatal;
  }
  std::vector<Document> docs = BuildBenchCorpus(*gold, min_tokens);
  std::printf("bench: EWT test raw text repeated: %zu documents\n", docs.size());
  double base = 0;
  std::vector<int> thread_counts = {1};
  if (f.threads > 1) thread_counts.push_back(f.threads);
  for (int threads : thread_counts) {
    ThroughputResult r = MeasureThroughput(**analyzer, docs, threads);
    if (threads == 1) base = r.tokens_per_second();
    std::printf(
        "threads %d: %zu tokens, %zu sentences, %.1f MB in %.2f s = %.0f tokens/s, %.0f "
        "sentences/s (CPU %.2f s = %.0f tokens per CPU-second)%s\n",
        threads, r.tokens, r.sentences, r.bytes / 1e6, r.seconds, r.tokens_per_second(),
        r.sentences_per_second(), r.cpu_seconds, r.tokens_per_cpu_second(),
        threads > 1 && base > 0
            ? (" (speed-up " + std::to_string(r.tokens_per_second() / base).substr(0, 4) + "x)")
                  .c_str()
            : "");
  }
  std::printf("peak RSS: %.1f MB\n", PeakRssBytes() / 1e6);
  return kExitOk;
}

int RunTrain(const std::string& corpus, const std::string& out, uint64_t seed, int folds,
             int threads) {
  TrainOptions opt;
  opt.corpus_dir = corpus;
  opt.seed = seed;
  opt.jackknife_folds = folds;
  opt.threads = threads;
  auto model = TrainModel(opt, &std::cerr);
  if (!model.ok()) {
    std::fprintf(stderr, "sitrep: %s\n", model.status().ToString().c_str());
    return kExitFatal;
  }
  Status s = WriteModelFile(out, *model);
  if (!s.ok()) {
    std::fprintf(stderr, "sitrep: %s\n", s.ToString().c_str());
    return kExitFatal;
  }
  std::fprintf(stderr, "sitrep: wrote %s\n", out.c_str());
  return kExitOk;
}

int Main(int argc, char** argv) {
  CLI::App app{"sitrep: news text in, coded events (who did what to whom) out"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("sitrep ") + SITREP_VERSION);
  std::string default_corpus = std::string(SITREP_SOURCE_DIR) + "/../shared/corpora/ud-english-ewt";

  CommonFlags f;
  std::string format = "text";
  auto* analyze = app.add_subcommand(
      "analyze", "Split, tokenize, tag and parse articles; print the analysed sentences");
  AddInputFlags(analyze, &f);
  AddModelFlags(analyze, &f);
  analyze->add_option("--format", format, "text (readable) | jsonl | conllu")
      ->check(CLI::IsMember({"text", "jsonl", "conllu"}));

  std::string conllu_in;
  auto* parse = app.add_subcommand("parse", "Write CoNLL-U (UD tags and dependencies)");
  AddInputFlags(parse, &f);
  AddModelFlags(parse, &f);
  parse->add_option("--conllu-in", conllu_in,
                    "Keep the tokenization and sentences of this CoNLL-U file");

  std::string corpus = default_corpus, split = "test";
  auto* eval = app.add_subcommand("eval", "Score against UD English EWT (gold and raw text)");
  AddModelFlags(eval, &f);
  eval->add_option("--corpus", corpus, "Folder with en_ewt-ud-*.conllu");
  eval->add_option("--split", split, "test | dev | train")
      ->check(CLI::IsMember({"test", "dev", "train"}));

  size_t min_tokens = 1'000'000;
  auto* bench = app.add_subcommand("bench", "Throughput of tokenize + tag + parse on EWT text");
  AddModelFlags(bench, &f);
  bench->add_option("--corpus", corpus, "Folder with en_ewt-ud-test.conllu");
  bench->add_option("--min-tokens", min_tokens, "Repeat the text to at least this many tokens");

  bool bench_code = false;
  size_t min_sentences = 20'000;
  std::string corpora = std::string(SITREP_SOURCE_DIR) + "/../shared/corpora";
  bench->add_flag("--code", bench_code,
                  "Analyse vs analyse+code on real news (GigaWord sample, UCDP headlines)");
  bench->add_option("--corpora", corpora, "Folder with petrarch2/ and ucdp-ged-sample/");
  bench->add_option("--min-sentences", min_sentences, "With --code: repeat to this many sentences");
  bool bench_one_document = false;
  bench->add_flag("--one-document", bench_one_document,
                  "With --code: the repeated texts as one long document");
  AddContextFlags(bench, &f);

  CodeFlags code_flags;
  auto* code = app.add_subcommand(
      "code", "Code events: one JSON event record per line (docs/events.md), or a table");
  AddInputFlags(code, &f);
  AddModelFlags(code, &f);
  AddCodeFlags(code, &code_flags);
  AddContextFlags(code, &f);

  IngestFlags ingest_flags;
  auto* ingest = app.add_subcommand("ingest", "Code documents and store their events (SQLite)");
  AddInputFlags(ingest, &f);
  AddModelFlags(ingest, &f);
  AddContextFlags(ingest, &f);
  AddIngestFlags(ingest, &ingest_flags);
  QueryFlags query_flags;
  auto* query = app.add_subcommand("query", "Filter stored events: table, JSONL or CSV");
  AddQueryFlags(query, &query_flags);
  ExportFlags export_flags;
  auto* export_cmd = app.add_subcommand(
      "export", "Export stored events: acled-csv, gdelt-tsv, geojson (incidents) or jsonl");
  AddExportFlags(export_cmd, &export_flags);
  ServeFlags serve_flags;
  auto* serve = app.add_subcommand(
      "serve", "HTTP API and web map over a store (docs/api.md); 127.0.0.1:8080 by default");
  AddContextFlags(serve, &f);
  AddServeFlags(serve, &serve_flags);

  GazetteerFlags gaz_flags;
  auto* gazetteer = app.add_subcommand("gazetteer", "Build or query the gazetteer index");
  gazetteer->require_subcommand(1);
  GazetteerCommands gaz_cmds = AddGazetteerCommands(gazetteer, &f, &gaz_flags);

  ValidateFlags validate_flags;
  auto* validate = app.add_subcommand(
      "validate", "Run a PETRARCH2 or TABARI validation suite: N passed, N failed");
  AddModelFlags(validate, &f);
  AddValidateFlags(validate, &validate_flags);

  std::string out = std::string(SITREP_SOURCE_DIR) + "/models/en_ewt.sitrep";
  uint64_t seed = 1;
  int folds = 5;
  auto* train = app.add_subcommand("train", "Train the tagger and parser from UD English EWT");
  train->add_option("--corpus", corpus, "Folder with en_ewt-ud-{train,dev}.conllu");
  train->add_option("--out", out, "Model file to write");
  train->add_option("--seed", seed, "Random seed (training is deterministic)");
  train->add_option("--jackknife", folds, "Folds for the parser's predicted training tags");
  train->add_option("--threads", f.threads, "Threads for the jackknife folds");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitFatal;
  }
  if (analyze->parsed()) return RunAnalyze(f, format);
  if (parse->parsed()) {
    if (!conllu_in.empty()) return RunParseConllu(f, conllu_in);
    return RunAnalyze(f, "conllu");
  }
  if (eval->parsed()) return RunEval(f, corpus, split);
  if (code->parsed()) return RunCode(f, code_flags);
  if (validate->parsed()) return RunValidate(f, validate_flags);
  if (ingest->parsed()) return RunIngest(f, ingest_flags);
  if (query->parsed()) return RunQuery(query_flags);
  if (export_cmd->parsed()) return RunExport(export_flags);
  if (serve->parsed()) return RunServe(f, serve_flags);
  if (gaz_cmds.build->parsed()) return RunGazetteerBuild(gaz_flags);
  if (gaz_cmds.lookup->parsed()) return RunGazetteerLookup(f, gaz_flags);
  if (bench->parsed() && bench_code)
    return RunCodeBench(f, corpora, min_sentences, bench_one_document);
  if (bench->parsed()) return RunBench(f, corpus, min_tokens);
  if (train->parsed()) return RunTrain(corpus, out, seed, folds, f.threads);
  return kExitFatal;
}

}  // namespace
}  // namespace sitrep

int main(int argc, char** argv) {
  try {
    return sitrep::Main(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sitrep: internal error: %s\n", e.what());
    return 2;
  }
}
