#include "cli/cli_common.h"

#include <cstdio>

namespace sitrep::cli {

void AddInputFlags(CLI::App* cmd, CommonFlags* f) {
  cmd->add_option("inputs", f->inputs,
                  "Text files, .jsonl files, directories of .txt files, or - for stdin "
                  "(default: stdin)");
  cmd->add_option("--id", f->id, "Document id for a single plain-text input");
  cmd->add_option("--date", f->date, "Story date YYYY-MM-DD for plain-text input");
  cmd->add_option("--input-format", f->input_format, "auto | text | jsonl")
      ->check(CLI::IsMember({"auto", "text", "jsonl"}));
  cmd->add_option("--max-doc-bytes", f->max_doc_bytes,
                  "Refuse documents larger than this many bytes (default 16 MiB)");
}

void AddModelFlags(CLI::App* cmd, CommonFlags* f) {
  cmd->add_option("--model", f->model, "Model file (default: models/en_ewt.sitrep)");
  cmd->add_option("--threads", f->threads, "Documents processed in parallel")
      ->check(CLI::Range(1, 256));
}

StatusOr<std::unique_ptr<Analyzer>> MakeAnalyzer(const CommonFlags& f, AnalysisDepth depth,
                                                 const EventCoder* coder) {
  AnalyzerOptions opt;
  opt.model_path = f.model;
  opt.depth = depth;
  opt.coder = coder;
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
