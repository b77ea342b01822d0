#include "cli/store_commands.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "cli/coding_commands.h"
#include "core/strings.h"
#include "pipeline/runner.h"
#include "store/export.h"

namespace sitrep::cli {
namespace {

using store::json;

// "1.5,2,3" -> {1.5, 2, 3}; InvalidArgument naming the flag otherwise.
StatusOr<std::vector<double>> Numbers(const std::string& flag, const std::string& value, size_t n) {
  std::vector<double> out;
  std::stringstream ss(value);
  std::string cell;
  while (std::getline(ss, cell, ',')) {
    size_t used = 0;
    double v = 0;
    try {
      v = std::stod(cell, &used);
    } catch (...) {
      used = 0;
    }
    if (used == 0 || used != cell.size()) {
      return InvalidArgumentError(StrCat({flag, ": not a number: \"", cell, "\""}));
    }
    out.push_back(v);
  }
  if (out.size() != n) {
    return InvalidArgumentError(flag + ": expected " + std::to_string(n) +
                                " comma-separated numbers, got \"" + value + "\"");
  }
  return out;
}

// Opens an existing store (query/export never create one).
StatusOr<std::unique_ptr<store::Store>> OpenExisting(const std::string& path) {
  std::error_code ec;
  // A PostgreSQL URL names a server, not a file: Open reports an unreachable
  // server or a missing store itself.
  if (path != ":memory:" && !store::Store::IsPostgresUrl(path) &&
      !std::filesystem::exists(path, ec)) {
    return NotFoundError(path + ": no such database (create it with sitrep ingest)");
  }
  return store::Store::Open(path);
}

struct Batcher {
  store::Store* db;
  size_t batch_size;
  std::vector<store::DocumentRecords> pending;
  store::IngestStats stats;
  size_t records = 0;
  bool failed = false;

  // Writes the pending batch; a database error is fatal for the run.
  Status Flush() {
    if (pending.empty()) return OkStatus();
    size_t rejected_before = stats.errors.size();
    Status s = db->IngestBatch(pending, {}, &stats);
    pending.clear();
    pending_ids.clear();
    for (size_t k = rejected_before; k < stats.errors.size(); ++k) {
      std::fprintf(stderr, "sitrep: error: %s\n", stats.errors[k].c_str());
      failed = true;
    }
    return s;
  }
  std::set<std::string> pending_ids;

  // A document given again (same id) goes into the next batch, so that the
  // later version replaces the earlier one as it would across batches.
  Status Add(store::DocumentRecords d) {
    records += d.records.size();
    if (!pending_ids.insert(d.document.id).second) {
      SITREP_RETURN_IF_ERROR(Flush());
      pending_ids.insert(d.document.id);
    }
    pending.push_back(std::move(d));
    if (pending.size() >= batch_size) return Flush();
    return OkStatus();
  }
};

// Reads already-coded records (the JSONL of `sitrep code`), grouping the
// consecutive records of one doc_id into one document.
Status IngestRecordsFile(const std::string& path, Batcher& b, std::set<std::string>& seen_docs) {
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "sitrep: error: %s: cannot read\n", path.c_str());
    b.failed = true;
    return OkStatus();
  }
  std::string line;
  store::DocumentRecords current;
  bool skipping = false;  // the records of a document that was refused
  auto finish = [&]() -> Status {
    if (current.document.id.empty()) return OkStatus();
    store::DocumentRecords d = std::move(current);
    current = {};
    return b.Add(std::move(d));
  };
  for (size_t n = 1; std::getline(in, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    json r = json::parse(line, nullptr, /*allow_exceptions=*/false);
    const std::string where = path + ":" + std::to_string(n);
    if (r.is_discarded() || !r.is_object()) {
      std::fprintf(stderr, "sitrep: error: %s: not a JSON object\n", where.c_str());
      b.failed = true;
      continue;
    }
    auto doc_id = r.find("doc_id");
    auto id = r.find("id");
    if (doc_id == r.end() || !doc_id->is_string() || doc_id->get<std::string>().empty() ||
        id == r.end() || !id->is_string()) {
      std::fprintf(stderr, "sitrep: error: %s: record without a string \"id\" and \"doc_id\"\n",
                   where.c_str());
      b.failed = true;
      continue;
    }
    const std::string doc = doc_id->get<std::string>();
    if (doc != current.document.id) {
      SITREP_RETURN_IF_ERROR(finish());
      skipping = false;
      if (!seen_docs.insert(doc).second) {
        std::fprintf(stderr,
                     "sitrep: error: %s: the records of document %s are not consecutive; "
                     "these are skipped (the earlier ones are stored)\n",
                     where.c_str(), doc.c_str());
        b.failed = true;
        skipping = true;
        continue;
      }
      current.document.id = doc;
      auto date = r.find("doc_date");
      if (date != r.end() && date->is_string()) current.document.date = date->get<std::string>();
    }
    if (skipping) continue;
    current.records.push_back(std::move(r));
  }
  return finish();
}

std::string Str(const json& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}
const json& Obj(const json& j, const char* key) {
  static const json kNull;
  if (!j.is_object()) return kNull;
  auto it = j.find(key);
  return it != j.end() && it->is_object() ? *it : kNull;
}

const std::vector<std::string> kQueryCsvColumns = {
    "id",     "doc_id",      "date",   "country",    "admin1",      "location",
    "lat",    "lon",         "cameo",  "plover",     "acled",       "source_code",
    "source", "target_code", "target", "fatalities", "attribution", "sentence"};

std::vector<std::string> QueryCsvRow(const json& r) {
  const json& loc = Obj(r, "location");
  std::string date = Str(Obj(r, "date"), "value");
  if (date.empty()) date = Str(r, "doc_date");
  return {Str(r, "id"),
          Str(r, "doc_id"),
          date,
          Str(loc, "country"),
          Str(loc, "admin1"),
          Str(loc, "name").empty() ? Str(loc, "text") : Str(loc, "name"),
          Str(loc, "lat"),
          Str(loc, "lon"),
          Str(r, "cameo"),
          Str(Obj(r, "plover"), "event"),
          Str(Obj(r, "acled"), "event_type"),
          Str(Obj(r, "source"), "code"),
          Str(Obj(r, "source"), "text"),
          Str(Obj(r, "target"), "code"),
          Str(Obj(r, "target"), "text"),
          Str(Obj(r, "fatalities"), "count"),
          Str(Obj(r, "attribution"), "status"),
          Str(r, "sentence")};
}

}  // namespace

void AddFilterFlags(CLI::App* cmd, FilterFlags* f) {
  cmd->add_option("--from", f->from, "Events on or after this date (YYYY-MM-DD)");
  cmd->add_option("--to", f->to, "Events on or before this date (YYYY-MM-DD)");
  cmd->add_option("--country", f->country, "Location country, ISO 3166-1 alpha-3 (SYR)");
  cmd->add_option("--admin1", f->admin1, "Location province (Idlib)");
  cmd->add_option("--bbox", f->bbox, "Bounding box minlon,minlat,maxlon,maxlat");
  cmd->add_option("--near", f->near, "Radius around a point: lat,lon,km");
  cmd->add_option("--actor", f->actor,
                  "Source or target: CAMEO code prefix (SYRMIL, ---UAF) or words (Taliban)");
  cmd->add_option("--cameo", f->cameo, "CAMEO root or code prefix (19, 190, 1951)");
  cmd->add_option("--plover", f->plover, "PLOVER event type (ASSAULT)");
  cmd->add_option("--acled", f->acled, "ACLED event type or sub-event type (Battles)");
  cmd->add_option("--min-fatalities", f->min_fatalities, "At least this many dead");
  cmd->add_option("--text", f->text, "Words that must all occur in the event's sentence");
  cmd->add_flag("--fts", f->fts, "--text is an SQLite FTS5 query (OR, NEAR, prefix*)");
  cmd->add_option("--limit", f->limit, "At most this many results");
  cmd->add_option("--offset", f->offset, "Skip this many results first");
}

StatusOr<store::QueryFilter> ToQueryFilter(const FilterFlags& f) {
  store::QueryFilter q;
  q.from = f.from;
  q.to = f.to;
  q.country = f.country;
  q.admin1 = f.admin1;
  if (!f.bbox.empty()) {
    SITREP_ASSIGN_OR_RETURN(std::vector<double> b, Numbers("--bbox", f.bbox, 4));
    q.min_lon = b[0];
    q.min_lat = b[1];
    q.max_lon = b[2];
    q.max_lat = b[3];
  }
  if (!f.near.empty()) {
    SITREP_ASSIGN_OR_RETURN(std::vector<double> n, Numbers("--near", f.near, 3));
    q.near_lat = n[0];
    q.near_lon = n[1];
    q.near_km = n[2];
  }
  q.actor = f.actor;
  q.cameo = f.cameo;
  q.plover = f.plover;
  q.acled = f.acled;
  if (f.min_fatalities >= 0) q.min_fatalities = f.min_fatalities;
  q.text = f.text;
  q.text_syntax =
      f.fts ? store::QueryFilter::TextSyntax::kFts5 : store::QueryFilter::TextSyntax::kWords;
  q.limit = f.limit;
  q.offset = f.offset;
  return q;
}

void AddIngestFlags(CLI::App* cmd, IngestFlags* i) {
  cmd->add_option("--db", i->db, "SQLite store to create or update")->required();
  cmd->add_option("--records", i->records,
                  "Already-coded event records (the JSONL of sitrep code); repeatable");
  cmd->add_option("--batch", i->batch, "Documents per transaction (default 256)")
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--actors-dir", i->actors_dir, "sitrep actor dictionaries (default data/actors)");
  cmd->add_option("--events-dir", i->events_dir, "sitrep verb dictionaries (default data/events)");
}

store::DocumentRecords ToDocumentRecords(const Document& doc, const EventRecorder& recorder,
                                         std::string_view coder_name) {
  store::DocumentRecords d;
  d.document = {doc.id, doc.date, doc.title, doc.source, doc.url, doc.text};
  d.sentences.reserve(doc.sentences.size());
  for (size_t k = 0; k < doc.sentences.size(); ++k) {
    const Sentence& s = doc.sentences[k];
    d.sentences.push_back(
        {static_cast<int64_t>(k), s.begin, s.end, std::string(doc.Slice(s.begin, s.end))});
  }
  for (auto& r : recorder.Records(doc, coder_name)) d.records.push_back(std::move(r));
  return d;
}

int RunIngest(const CommonFlags& f, const IngestFlags& i) {
  auto db = store::Store::Open(i.db);
  if (!db.ok()) return Fatal(db.status());
  Batcher b{db->get(), i.batch, {}, {}, 0, false, {}};
  const auto start = std::chrono::steady_clock::now();
  size_t read_errors = 0, coding_errors = 0;

  std::set<std::string> seen_docs;
  for (const std::string& path : i.records) {
    Status s = IngestRecordsFile(path, b, seen_docs);
    if (!s.ok()) return Fatal(s);
  }
  // Documents to code: the inputs, or stdin when neither inputs nor --records.
  if (!f.inputs.empty() || i.records.empty()) {
    CodeFlags code_flags;
    code_flags.events_dir = i.events_dir;
    code_flags.actors_dir = i.actors_dir;
    auto setup = MakeCodingSetup(f, code_flags);
    if (!setup.ok()) return Fatal(setup.status());
    auto reader = MakeReader(f);
    if (!reader.ok()) return Fatal(reader.status());
    const EventCoder& coder = *(*setup)->coder;
    const EventRecorder& recorder = *(*setup)->recorder;
    RunOptions ro;
    ro.threads = f.threads;
    Status db_error = OkStatus();
    RunStats stats = RunAnalysis(
        **reader, *(*setup)->analyzer, ro,
        [&](const Document& doc, const Status& status) {
          if (!ReportDocument(doc, status) || !db_error.ok()) return;
          db_error = b.Add(ToDocumentRecords(doc, recorder, coder.name()));
        },
        [&](const Status& err) {
          std::fprintf(stderr, "sitrep: error: %s\n", err.ToString().c_str());
        });
    read_errors = stats.read_errors;
    coding_errors = stats.analysis_errors;
    if (!db_error.ok()) return Fatal(db_error);
  }
  Status s = b.Flush();
  if (!s.ok()) return Fatal(s);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const store::IngestStats& st = b.stats;
  std::fprintf(stderr,
               "sitrep: ingest: %zu documents (%zu new, %zu replaced, %zu unchanged, %zu "
               "rejected), %zu events written, %zu records read, in %.2f s (%.0f records/s); "
               "%zu read errors, %zu coding errors\n",
               st.inserted + st.replaced + st.unchanged + st.rejected, st.inserted, st.replaced,
               st.unchanged, st.rejected, st.events, b.records, seconds,
               seconds > 0 ? b.records / seconds : 0.0, read_errors, coding_errors);
  return b.failed || read_errors + coding_errors > 0 ? kExitSomeFailed : kExitOk;
}

void AddQueryFlags(CLI::App* cmd, QueryFlags* q) {
  cmd->add_option("--db", q->db, "SQLite store (made by sitrep ingest)")->required();
  cmd->add_option("--format", q->format,
                  "auto (table on a terminal, else jsonl) | table | jsonl | csv")
      ->check(CLI::IsMember({"auto", "table", "jsonl", "csv"}));
  AddFilterFlags(cmd, &q->filter);
}

int RunQuery(const QueryFlags& q) {
  auto filter = ToQueryFilter(q.filter);
  if (!filter.ok()) return Fatal(filter.status());
  auto db = OpenExisting(q.db);
  if (!db.ok()) return Fatal(db.status());
  std::string format = q.format;
  if (format == "auto") format = isatty(STDOUT_FILENO) ? "table" : "jsonl";
  size_t n = 0;
  std::vector<nlohmann::ordered_json> rows;  // for the table
  if (format == "csv") std::cout << store::CsvLine(kQueryCsvColumns) << "\r\n";
  Status s = (*db)->Scan(*filter, [&](store::StoredEvent&& e) {
    ++n;
    if (format == "jsonl") {
      std::cout << e.record.dump() << '\n';
    } else if (format == "csv") {
      std::cout << store::CsvLine(QueryCsvRow(e.record)) << "\r\n";
    } else {
      rows.push_back(std::move(e.record));
    }
    return OkStatus();
  });
  if (!s.ok()) return Fatal(s);
  if (format == "table") std::cout << SummaryTable(rows);
  std::cout.flush();
  std::fprintf(stderr, "sitrep: query: %zu events\n", n);
  return kExitOk;
}

void AddExportFlags(CLI::App* cmd, ExportFlags* e) {
  cmd->add_option("--db", e->db, "SQLite store (made by sitrep ingest)")->required();
  cmd->add_option("--format", e->format, "acled-csv | gdelt-tsv | geojson | jsonl")
      ->required()
      ->check(CLI::IsMember({"acled-csv", "gdelt-tsv", "geojson", "jsonl"}));
  cmd->add_option("-o,--output", e->output, "Write here instead of stdout");
  AddFilterFlags(cmd, &e->filter);
}

int RunExport(const ExportFlags& e) {
  auto format = store::ParseExportFormat(e.format);
  if (!format.ok()) return Fatal(format.status());
  auto filter = ToQueryFilter(e.filter);
  if (!filter.ok()) return Fatal(filter.status());
  auto db = OpenExisting(e.db);
  if (!db.ok()) return Fatal(db.status());
  auto countries = store::CountryTable::LoadDefault();
  if (!countries.ok()) return Fatal(countries.status());
  for (const std::string& w : (*countries)->warnings()) {
    std::fprintf(stderr, "sitrep: warning: %s\n", w.c_str());
  }
  std::ofstream file;
  if (!e.output.empty()) {
    file.open(e.output, std::ios::binary);
    if (!file) return Fatal(IoError(e.output + ": cannot write"));
  }
  std::ostream& out = e.output.empty() ? std::cout : file;
  size_t rows = 0;
  Status s = store::Export(**db, *filter, *format, **countries, out, &rows);
  out.flush();
  if (!s.ok()) return Fatal(s);
  if (!out) return Fatal(IoError((e.output.empty() ? "stdout" : e.output) + ": write failed"));
  std::fprintf(stderr, "sitrep: export: %zu %s (%s)\n", rows,
               *format == store::ExportFormat::kGeoJson ? "incidents" : "events", e.format.c_str());
  return kExitOk;
}

}  // namespace sitrep::cli
