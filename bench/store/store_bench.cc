// sitrep_store_bench: the store benchmark of issue 5 item 8 (docs/benchmarks.md,
// "Store at 1M events"). A benchmark, not a test: nothing here asserts a time.
//
//   # Code samples/ and the corpus news text once with build/sitrep, then ingest
//   # the records again and again (new ids, dates spread over 2015-2024, small
//   # coordinate jitter) through Store::IngestBatch until >= 1M events:
//   sitrep_store_bench generate --db /tmp/1m.sqlite --events 1000000 --seed 1
//   # Query latency (p50/p95/p99) in-process and, when `sitrep serve` exists,
//   # over HTTP on loopback:
//   sitrep_store_bench run --db /tmp/1m.sqlite --queries 500
//
// generate also times end-to-end `sitrep ingest` (coding included) on the base
// documents. The corpus text (GigaWord sample and UCDP headlines) is read from
// SITREP_CORPORA_DIR (or --corpora); without it only samples/ is used and a
// message says so.
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "coding/news_corpus.h"
#include "core/status.h"
#include "store/store.h"
#include "timex/date_math.h"

#ifdef SITREP_BENCH_HTTP
#include <httplib.h>
#endif

namespace sitrep::bench {
namespace {

using store::json;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

double PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024.0;  // KiB on Linux
}

// "--name value" flags after the subcommand.
struct Args {
  std::map<std::string, std::string> values;
  std::string Get(const std::string& k, const std::string& def = "") const {
    auto it = values.find(k);
    return it == values.end() ? def : it->second;
  }
  long long Int(const std::string& k, long long def) const {
    auto it = values.find(k);
    return it == values.end() ? def : std::atoll(it->second.c_str());
  }
  bool Has(const std::string& k) const { return values.count(k) > 0; }
};

StatusOr<Args> ParseArgs(int argc, char** argv, int first) {
  Args a;
  for (int i = first; i < argc; ++i) {
    std::string k = argv[i];
    if (k.rfind("--", 0) != 0) return InvalidArgumentError("unexpected argument " + k);
    if (k == "--no-http" || k == "--no-e2e") {
      a.values[k] = "1";
      continue;
    }
    if (i + 1 >= argc) return InvalidArgumentError(k + " needs a value");
    a.values[k] = argv[++i];
  }
  return a;
}

// --- Dates -----------------------------------------------------------------

using timex::DaysFromCivil;
using timex::FormatIsoDays;

// "2019-04-12" -> days; nullopt when not a full date.
std::optional<int64_t> ParseDay(const std::string& s) {
  if (s.size() != 10) return {};
  std::optional<timex::CivilDate> d = timex::ParseIsoDate(s);
  if (!d) return {};
  return DaysFromCivil(*d);
}

// --- Latency summaries --------------------------------------------------------

struct Series {
  std::string name;
  std::vector<double> ms;
  std::string note;  // an error that stopped the series, or extra figures
  double rows = 0;   // mean result rows, when meaningful
};

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return NAN;
  std::sort(v.begin(), v.end());
  size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * v.size()));
  return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];
}

void PrintSeries(const std::vector<Series>& all) {
  std::printf("%-44s %6s %9s %9s %9s %9s %10s\n", "query", "n", "p50 ms", "p95 ms", "p99 ms",
              "max ms", "mean rows");
  for (const Series& s : all) {
    if (s.ms.empty()) {
      std::printf("%-44s %6s  %s\n", s.name.c_str(), "-", s.note.c_str());
      continue;
    }
    std::printf("%-44s %6zu %9.2f %9.2f %9.2f %9.2f %10.0f%s%s\n", s.name.c_str(), s.ms.size(),
                Percentile(s.ms, 50), Percentile(s.ms, 95), Percentile(s.ms, 99),
                *std::max_element(s.ms.begin(), s.ms.end()), s.rows, s.note.empty() ? "" : "  ",
                s.note.c_str());
  }
}

// --- generate --------------------------------------------------------------------

struct BaseDoc {
  std::string id, date, title, text;
};

// Base date for corpus text that has none (GigaWord sentences, UCDP headlines):
// relative dates are resolved against it and then shifted with the document.
constexpr const char* kUndatedBase = "2020-06-15";

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

StatusOr<std::vector<BaseDoc>> ReadBaseDocuments(const std::string& source_dir,
                                                 const std::string& corpora_dir) {
  std::vector<BaseDoc> docs;
  const std::string samples = source_dir + "/samples/jsonl/articles.jsonl";
  std::ifstream in(samples);
  if (!in) return NotFoundError(samples + ": cannot read");
  std::string line;
  for (size_t n = 1; std::getline(in, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("id") || !j.contains("text")) {
      std::fprintf(stderr, "%s:%zu: skipped (not a document)\n", samples.c_str(), n);
      continue;
    }
    BaseDoc d;
    d.id = j.value("id", "");
    d.date = j.value("date", kUndatedBase);
    d.title = j.value("title", "");
    d.text = j.value("text", "");
    docs.push_back(std::move(d));
  }
  std::vector<Document> corpus;
  Status s = AddNewsCorpus(corpora_dir, &corpus);
  if (!s.ok()) {
    std::printf("note: no corpus news text (%s); using samples/ only\n", s.ToString().c_str());
  }
  for (Document& d : corpus) {
    docs.push_back({d.id, kUndatedBase, "", std::move(d.text)});
  }
  return docs;
}

Status WriteJsonl(const std::vector<BaseDoc>& docs, const std::string& path) {
  std::ofstream out(path);
  if (!out) return IoError(path + ": cannot write");
  for (const BaseDoc& d : docs) {
    json j = {{"id", d.id}, {"date", d.date}, {"title", d.title}, {"text", d.text}};
    out << j.dump() << '\n';
  }
  return out ? OkStatus() : IoError(path + ": write failed");
}

// Runs a shell command, returns its wall time; an error if it fails.
StatusOr<double> Timed(const std::string& cmd) {
  auto t0 = Clock::now();
  int rc = std::system(cmd.c_str());
  double s = Seconds(t0, Clock::now());
  if (rc != 0) return InternalError("command failed (" + std::to_string(rc) + "): " + cmd);
  return s;
}

// One copy of a base document: a new id, a new date, every event date shifted
// by the same number of days, coordinates moved by up to `jitter` degrees.
store::DocumentRecords Replicate(const BaseDoc& base, const std::vector<json>& records,
                                 const std::string& new_id, int64_t new_day, double jitter,
                                 std::mt19937_64& rng) {
  store::DocumentRecords d;
  const std::string new_date = FormatIsoDays(new_day);
  const int64_t shift = new_day - ParseDay(base.date).value_or(new_day);
  d.document = {new_id, new_date, base.title, "sitrep-bench", "", base.text};
  std::uniform_real_distribution<double> jit(-jitter, jitter);
  d.records.reserve(records.size());
  for (const json& r0 : records) {
    json r = r0;
    std::string id = r.value("id", "");
    if (id.rfind(base.id, 0) == 0) id = new_id + id.substr(base.id.size());
    r["id"] = id;
    r["doc_id"] = new_id;
    r["doc_date"] = new_date;
    if (auto it = r.find("date"); it != r.end() && it->is_object()) {
      auto v = it->find("value");
      if (v != it->end() && v->is_string()) {
        if (auto day = ParseDay(v->get<std::string>())) *v = FormatIsoDays(*day + shift);
      }
    }
    if (auto it = r.find("location"); it != r.end() && it->is_object()) {
      auto lat = it->find("lat"), lon = it->find("lon");
      if (lat != it->end() && lon != it->end() && lat->is_number() && lon->is_number()) {
        *lat = std::clamp(lat->get<double>() + jit(rng), -90.0, 90.0);
        *lon = std::clamp(lon->get<double>() + jit(rng), -180.0, 180.0);
      }
    }
    d.records.push_back(std::move(r));
  }
  return d;
}

int Generate(const Args& a) {
  const std::string db_path = a.Get("--db");
  if (db_path.empty()) {
    std::fprintf(stderr, "generate: --db is required\n");
    return 2;
  }
  if (std::filesystem::exists(db_path)) {
    std::fprintf(stderr, "generate: %s exists; remove it first\n", db_path.c_str());
    return 2;
  }
  const int64_t target = a.Int("--events", 1000000);
  const uint64_t seed = static_cast<uint64_t>(a.Int("--seed", 1));
  const size_t batch_size = static_cast<size_t>(std::max(1LL, a.Int("--batch", 256)));
  const double jitter = std::atof(a.Get("--jitter", "0.02").c_str());
  const std::string source_dir = a.Get("--source", SITREP_SOURCE_DIR);
  const std::string sitrep = a.Get("--sitrep", source_dir + "/build/sitrep");
  const std::string corpora = a.Get("--corpora", SITREP_CORPORA_DIR);
  const std::string threads = a.Get("--threads", "2");
  const std::string work = a.Get("--work", db_path + ".work");
  std::filesystem::create_directories(work);
  std::printf("load average at start: %s\n", LoadAverage().c_str());

  auto base = ReadBaseDocuments(source_dir, corpora);
  if (!base.ok()) {
    std::fprintf(stderr, "generate: %s\n", base.status().ToString().c_str());
    return 1;
  }
  const std::string base_jsonl = work + "/base.jsonl", records_jsonl = work + "/records.jsonl";
  if (Status s = WriteJsonl(*base, base_jsonl); !s.ok()) {
    std::fprintf(stderr, "generate: %s\n", s.ToString().c_str());
    return 1;
  }
  // 1. Code the base documents once with the real pipeline.
  auto code_s =
      Timed(ShellQuote(sitrep) + " code --threads " + threads + " " + ShellQuote(base_jsonl) +
            " > " + ShellQuote(records_jsonl) + " 2> " + ShellQuote(work + "/code.log"));
  if (!code_s.ok()) {
    std::fprintf(stderr, "generate: %s\n", code_s.status().ToString().c_str());
    return 1;
  }
  std::map<std::string, std::vector<json>> by_doc;
  size_t base_events = 0;
  {
    std::ifstream in(records_jsonl);
    std::string line;
    while (std::getline(in, line)) {
      json r = json::parse(line, nullptr, false);
      if (r.is_discarded() || !r.is_object() || !r.contains("doc_id")) continue;
      by_doc[r.value("doc_id", "")].push_back(std::move(r));
      ++base_events;
    }
  }
  std::printf(
      "base: %zu documents -> %zu events (%zu documents with events); coded by %s in "
      "%.2f s (%.0f documents/s, --threads %s)\n",
      base->size(), base_events, by_doc.size(), sitrep.c_str(), *code_s, base->size() / *code_s,
      threads.c_str());
  if (base_events == 0) {
    std::fprintf(stderr, "generate: the base documents gave no events\n");
    return 1;
  }

  // 2. End-to-end `sitrep ingest` (read, analyse, code, store) on --e2e-copies
  // copies of the base documents (fresh ids), so that loading the model and the
  // gazetteer is a small part of the time. Its events are counted in the new
  // database.
  if (!a.Has("--no-e2e")) {
    const int64_t copies = std::max(1LL, a.Int("--e2e-copies", 10));
    std::vector<BaseDoc> e2e_docs;
    for (int64_t c = 0; c < copies; ++c) {
      for (const BaseDoc& b : *base) {
        e2e_docs.push_back(b);
        e2e_docs.back().id += "~e2e" + std::to_string(c);
      }
    }
    const std::string e2e_jsonl = work + "/e2e.jsonl", e2e_db = work + "/e2e.sqlite";
    if (Status s = WriteJsonl(e2e_docs, e2e_jsonl); !s.ok()) {
      std::fprintf(stderr, "generate: %s\n", s.ToString().c_str());
      return 1;
    }
    for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(e2e_db + ext);
    auto e2e =
        Timed(ShellQuote(sitrep) + " ingest --threads " + threads + " --db " + ShellQuote(e2e_db) +
              " " + ShellQuote(e2e_jsonl) + " > /dev/null 2> " + ShellQuote(work + "/ingest.log"));
    if (e2e.ok()) {
      long long n_events = -1;
      if (auto e = store::Store::Open(e2e_db); e.ok()) {
        if (auto c = (*e)->Count("events"); c.ok()) n_events = *c;
      }
      std::printf(
          "end-to-end sitrep ingest (coding included, --threads %s, new database): %zu "
          "documents, %lld events in %.2f s: %.0f documents/s, %.0f events/s\n",
          threads.c_str(), e2e_docs.size(), n_events, *e2e, e2e_docs.size() / *e2e,
          n_events / *e2e);
    } else {
      std::printf("end-to-end sitrep ingest failed: %s\n", e2e.status().ToString().c_str());
    }
  }

  // 3. Replicate through Store::IngestBatch until the store holds >= target events.
  auto db = store::Store::Open(db_path);
  if (!db.ok()) {
    std::fprintf(stderr, "generate: %s\n", db.status().ToString().c_str());
    return 1;
  }
  std::mt19937_64 rng(seed);
  const int64_t first_day = DaysFromCivil({2015, 1, 1}), last_day = DaysFromCivil({2024, 12, 31});
  std::uniform_int_distribution<int64_t> day(first_day, last_day);
  static const std::vector<json> kNoRecords;
  std::vector<size_t> order(base->size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;

  store::IngestStats stats;
  size_t docs = 0, batches = 0;
  double ingest_s = 0, worst_batch_s = 0;
  std::vector<store::DocumentRecords> batch;
  auto flush = [&]() -> Status {
    if (batch.empty()) return OkStatus();
    auto t0 = Clock::now();
    Status s = (*db)->IngestBatch(batch, {}, &stats);
    double dt = Seconds(t0, Clock::now());
    ingest_s += dt;
    worst_batch_s = std::max(worst_batch_s, dt);
    ++batches;
    batch.clear();
    return s;
  };
  const auto start = Clock::now();
  int64_t next_report = 100000;
  for (int64_t rep = 0; static_cast<int64_t>(stats.events) < target; ++rep) {
    std::shuffle(order.begin(), order.end(), rng);
    for (size_t i : order) {
      const BaseDoc& b = (*base)[i];
      auto it = by_doc.find(b.id);
      const std::vector<json>& recs = it == by_doc.end() ? kNoRecords : it->second;
      batch.push_back(Replicate(b, recs, b.id + "~" + std::to_string(rep), day(rng), jitter, rng));
      ++docs;
      if (batch.size() >= batch_size) {
        if (Status s = flush(); !s.ok()) {
          std::fprintf(stderr, "generate: IngestBatch: %s\n", s.ToString().c_str());
          return 1;
        }
        if (static_cast<int64_t>(stats.events) >= next_report) {
          std::printf(
              "  %zu events, %zu documents, %.0f s: %.0f documents/s, %.0f events/s "
              "(load %s)\n",
              stats.events, docs, ingest_s, docs / ingest_s, stats.events / ingest_s,
              LoadAverage().c_str());
          std::fflush(stdout);
          next_report += 100000;
        }
        if (static_cast<int64_t>(stats.events) >= target) break;
      }
    }
  }
  if (Status s = flush(); !s.ok()) {
    std::fprintf(stderr, "generate: IngestBatch: %s\n", s.ToString().c_str());
    return 1;
  }
  const double wall = Seconds(start, Clock::now());
  std::printf(
      "ingested %zu documents, %zu events in %zu batches of %zu: %.1f s in IngestBatch "
      "(%.1f s wall): %.0f documents/s, %.0f events/s; slowest batch %.2f s; %zu errors\n",
      docs, stats.events, batches, batch_size, ingest_s, wall, docs / ingest_s,
      stats.events / ingest_s, worst_batch_s, stats.errors.size());
  for (const char* t : {"documents", "sentences", "events", "incidents", "event_geo"}) {
    auto n = (*db)->Count(t);
    std::printf("  %-10s %lld\n", t, n.ok() ? static_cast<long long>(*n) : -1LL);
  }
  std::error_code ec;
  auto size = std::filesystem::file_size(db_path, ec);
  std::printf("database %s: %.0f MB; peak RSS %.0f MB; load average at end: %s\n", db_path.c_str(),
              ec ? -1.0 : size / 1e6, PeakRssMb(), LoadAverage().c_str());
  return 0;
}

// --- run --------------------------------------------------------------------------

struct Samples {
  std::vector<std::pair<std::string, std::string>> country_month;  // ("SYR", "2019-04")
  std::vector<std::string> countries;
  std::vector<std::pair<double, double>> points;
  int64_t max_incident = 0;
};

StatusOr<Samples> DrawSamples(const std::string& path, size_t n, uint64_t seed) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return IoError(path + ": " + msg);
  }
  Samples s;
  std::mt19937_64 rng(seed);
  auto each = [&](const std::string& sql, const std::function<void(sqlite3_stmt*)>& fn) -> Status {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      return InternalError(std::string("sqlite: ") + sqlite3_errmsg(db));
    }
    while (sqlite3_step(st) == SQLITE_ROW) fn(st);
    sqlite3_finalize(st);
    return OkStatus();
  };
  auto text = [](sqlite3_stmt* st, int c) {
    const unsigned char* p = sqlite3_column_text(st, c);
    return p ? std::string(reinterpret_cast<const char*>(p)) : std::string();
  };
  // Random events by rowid (uniform over the data: busy pairs come up more often).
  int64_t max_rowid = 0;
  Status st = each("SELECT max(rowid) FROM events",
                   [&](sqlite3_stmt* q) { max_rowid = sqlite3_column_int64(q, 0); });
  if (st.ok()) {
    st = each("SELECT max(id) FROM incidents",
              [&](sqlite3_stmt* q) { s.max_incident = sqlite3_column_int64(q, 0); });
  }
  std::uniform_int_distribution<int64_t> rowid(1, std::max<int64_t>(1, max_rowid));
  for (size_t tries = 0; st.ok() && s.country_month.size() < n && tries < n * 50; ++tries) {
    st = each("SELECT country, substr(date, 1, 7), lat, lon FROM events WHERE rowid >= " +
                  std::to_string(rowid(rng)) + " AND country IS NOT NULL AND date IS NOT NULL " +
                  "AND lat IS NOT NULL LIMIT 1",
              [&](sqlite3_stmt* q) {
                s.country_month.emplace_back(text(q, 0), text(q, 1));
                s.countries.push_back(text(q, 0));
                s.points.emplace_back(sqlite3_column_double(q, 2), sqlite3_column_double(q, 3));
              });
  }
  sqlite3_close(db);
  if (!st.ok()) return st;
  if (s.country_month.empty()) return NotFoundError(path + ": no located, dated events");
  return s;
}

std::string MonthEnd(const std::string& ym) {
  int y = std::atoi(ym.substr(0, 4).c_str()), m = std::atoi(ym.substr(5, 2).c_str());
  return std::string(ym.substr(0, 7)) + "-" + std::to_string(timex::DaysInMonth(y, m));
}

// What the map page asks for one filter: the count, then up to 5,000
// incidents. Returns how many incidents came back.
StatusOr<int64_t> MapRead(store::Store& db, store::QueryFilter f) {
  SITREP_ASSIGN_OR_RETURN(int64_t count, db.CountIncidents(f));
  (void)count;
  f.limit = 5000;
  int64_t rows = 0;
  SITREP_RETURN_IF_ERROR(db.ScanIncidents(f, [&](const store::Incident&) {
    ++rows;
    return OkStatus();
  }));
  return rows;
}

// Times `fn` n times; stops the series at the first error.
Series Measure(const std::string& name, size_t n,
               const std::function<StatusOr<int64_t>(size_t)>& fn) {
  Series s;
  s.name = name;
  double rows = 0;
  for (size_t i = 0; i < n; ++i) {
    auto t0 = Clock::now();
    StatusOr<int64_t> r = fn(i);
    double ms = Seconds(t0, Clock::now()) * 1000;
    if (!r.ok()) {
      s.note = r.status().ToString();
      break;
    }
    s.ms.push_back(ms);
    rows += static_cast<double>(*r);
  }
  if (!s.ms.empty()) s.rows = rows / s.ms.size();
  return s;
}

const std::vector<std::string> kWords = {"killed", "attack",  "police",   "troops", "rebels",
                                         "bomb",   "protest", "talks",    "army",   "militants",
                                         "air",    "village", "soldiers", "fire",   "minister"};

std::vector<Series> InProcess(store::Store& db, const Samples& s, size_t n, size_t n_slow) {
  std::vector<Series> out;
  // (a) The map query: one country, one month; the count and up to 5000 incidents.
  out.push_back(
      Measure("map: CountIncidents+ScanIncidents(5000)", n, [&](size_t i) -> StatusOr<int64_t> {
        const auto& [country, month] = s.country_month[i % s.country_month.size()];
        store::QueryFilter f;
        f.country = country;
        f.from = month + "-01";
        f.to = MonthEnd(month);
        return MapRead(db, f);
      }));
  // (b) Stats.
  out.push_back(Measure("stats: whole store", n_slow, [&](size_t) -> StatusOr<int64_t> {
    SITREP_ASSIGN_OR_RETURN(store::StoreStats st, db.Stats({}));
    return st.total_events;
  }));
  out.push_back(Measure("stats: one country + month", n, [&](size_t i) -> StatusOr<int64_t> {
    const auto& [country, month] = s.country_month[i % s.country_month.size()];
    store::QueryFilter f;
    f.country = country;
    f.from = month + "-01";
    f.to = MonthEnd(month);
    SITREP_ASSIGN_OR_RETURN(store::StoreStats st, db.Stats(f));
    return st.total_events;
  }));
  out.push_back(Measure("stats: one country", n_slow, [&](size_t i) -> StatusOr<int64_t> {
    store::QueryFilter f;
    f.country = s.countries[i % s.countries.size()];
    SITREP_ASSIGN_OR_RETURN(store::StoreStats st, db.Stats(f));
    return st.total_events;
  }));
  // (c) Text and radius: the page's incident list with that filter.
  out.push_back(
      Measure("text: one word, incidents (5000)", n_slow, [&](size_t i) -> StatusOr<int64_t> {
        store::QueryFilter f;
        f.text = kWords[i % kWords.size()];
        return MapRead(db, f);
      }));
  out.push_back(Measure("text+country+month: events (100)", n, [&](size_t i) -> StatusOr<int64_t> {
    const auto& [country, month] = s.country_month[i % s.country_month.size()];
    store::QueryFilter f;
    f.country = country;
    f.from = month + "-01";
    f.to = MonthEnd(month);
    f.text = kWords[i % kWords.size()];
    f.limit = 100;
    SITREP_ASSIGN_OR_RETURN(std::vector<json> hits, db.Query(f));
    return static_cast<int64_t>(hits.size());
  }));
  out.push_back(
      Measure("radius 25 km + month: incidents (5000)", n, [&](size_t i) -> StatusOr<int64_t> {
        const auto& [lat, lon] = s.points[i % s.points.size()];
        store::QueryFilter f;
        f.near_lat = lat;
        f.near_lon = lon;
        f.near_km = 25;
        const std::string& month = s.country_month[i % s.country_month.size()].second;
        f.from = month + "-01";
        f.to = MonthEnd(month);
        return MapRead(db, f);
      }));
  out.push_back(
      Measure("radius 25 km, all dates: events (1000)", n_slow, [&](size_t i) -> StatusOr<int64_t> {
        const auto& [lat, lon] = s.points[i % s.points.size()];
        store::QueryFilter f;
        f.near_lat = lat;
        f.near_lon = lon;
        f.near_km = 25;
        f.limit = 1000;
        SITREP_ASSIGN_OR_RETURN(std::vector<json> hits, db.Query(f));
        return static_cast<int64_t>(hits.size());
      }));
  // (d) One incident with its reports.
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int64_t> id(1, std::max<int64_t>(1, s.max_incident));
  out.push_back(Measure("GetIncident", n, [&](size_t) -> StatusOr<int64_t> {
    // Ids of deleted (merged) incidents are NotFound: try the next one.
    for (int k = 0; k < 100; ++k) {
      StatusOr<store::IncidentDetail> d = db.GetIncident(id(rng));
      if (d.ok()) return static_cast<int64_t>(d->reports.size());
      if (d.status().code() != StatusCode::kNotFound) return d.status();
    }
    return NotFoundError("100 random incident ids not found");
  }));
  return out;
}

#ifdef SITREP_BENCH_HTTP
std::string UrlEncode(const std::string& s) {
  std::string out;
  char buf[4];
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == ',') {
      out += static_cast<char>(c);
    } else {
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

// VmHWM of a process in MB (its peak resident set), -1 if unknown.
double PeakRssMbOf(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
  }
  return -1;
}

std::vector<Series> OverHttp(const std::string& sitrep, const std::string& db_path, int port,
                             const Samples& s, size_t n, size_t n_slow, double* serve_rss_mb) {
  std::vector<Series> out;
  // `sitrep --help` lists its subcommands, one per line: "  serve   Serve ...".
  if (access(sitrep.c_str(), X_OK) != 0 ||
      std::system((ShellQuote(sitrep) + " --help 2>/dev/null | grep -q '^ *serve '").c_str()) !=
          0) {
    out.push_back({"http", {}, sitrep + " has no serve command yet: skipped", 0});
    return out;
  }
  std::fflush(stdout);
  std::fflush(stderr);
  pid_t pid = fork();
  if (pid == 0) {
    std::freopen("/dev/null", "w", stdout);
    std::freopen((db_path + ".serve.log").c_str(), "w", stderr);  // one line per request
    execl(sitrep.c_str(), sitrep.c_str(), "serve", "--db", db_path.c_str(), "--port",
          std::to_string(port).c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  httplib::Client cli("127.0.0.1", port);
  cli.set_read_timeout(120, 0);
  bool up = false;
  for (int i = 0; i < 600 && !up; ++i) {
    auto r = cli.Get("/api/incidents?limit=1");
    int status = 0;
    if (r) {
      up = true;
    } else if (waitpid(pid, &status, WNOHANG) == pid) {
      out.push_back({"http", {}, "sitrep serve exited (status " + std::to_string(status) + ")", 0});
      return out;
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  if (!up) {
    out.push_back({"http", {}, "sitrep serve did not answer on port " + std::to_string(port), 0});
  } else {
    auto get = [&](const std::string& path) -> StatusOr<int64_t> {
      auto r = cli.Get(path);
      if (!r) return IoError("GET " + path + ": " + httplib::to_string(r.error()));
      if (r->status != 200) {
        return InternalError("GET " + path + ": HTTP " + std::to_string(r->status) + " " +
                             r->body.substr(0, 200));
      }
      return static_cast<int64_t>(r->body.size());
    };
    auto map_path = [&](size_t i) {
      const auto& [country, month] = s.country_month[i % s.country_month.size()];
      return "/api/incidents?country=" + UrlEncode(country) + "&from=" + month +
             "-01&to=" + MonthEnd(month) + "&limit=5000";
    };
    out.push_back(Measure("GET /api/incidents country+month (bytes)", n,
                          [&](size_t i) { return get(map_path(i)); }));
    // What the web page (web/src/app.js loadFilters) asks for one filter: the
    // incidents, the stats of the filter, and the stats without the dates.
    out.push_back(Measure(
        "page: incidents+stats+stats w/o dates (bytes)", n, [&](size_t i) -> StatusOr<int64_t> {
          const auto& [country, month] = s.country_month[i % s.country_month.size()];
          const std::string c = "country=" + UrlEncode(country);
          SITREP_ASSIGN_OR_RETURN(int64_t a, get(map_path(i)));
          SITREP_ASSIGN_OR_RETURN(
              int64_t b, get("/api/stats?" + c + "&from=" + month + "-01&to=" + MonthEnd(month)));
          SITREP_ASSIGN_OR_RETURN(int64_t d, get("/api/stats?" + c));
          return a + b + d;
        }));
    out.push_back(
        Measure("GET /api/stats (bytes)", n_slow, [&](size_t) { return get("/api/stats"); }));
    out.push_back(Measure("GET /api/stats?country= (bytes)", n_slow, [&](size_t i) {
      return get("/api/stats?country=" + UrlEncode(s.countries[i % s.countries.size()]));
    }));
    out.push_back(Measure("GET /api/incidents?q=word (bytes)", n_slow, [&](size_t i) {
      return get("/api/incidents?q=" + kWords[i % kWords.size()] + "&limit=5000");
    }));
    out.push_back(Measure("GET /api/incidents?near=lat,lon,25 (bytes)", n_slow, [&](size_t i) {
      const auto& [lat, lon] = s.points[i % s.points.size()];
      char buf[96];
      std::snprintf(buf, sizeof buf, "%.5f,%.5f,25", lat, lon);
      return get(std::string("/api/incidents?near=") + buf + "&limit=5000");
    }));
    std::mt19937_64 rng(7);
    std::uniform_int_distribution<int64_t> id(1, std::max<int64_t>(1, s.max_incident));
    out.push_back(Measure("GET /api/incidents/{id} (bytes)", n, [&](size_t) -> StatusOr<int64_t> {
      for (int k = 0; k < 100; ++k) {
        const std::string path = "/api/incidents/" + std::to_string(id(rng));
        auto r = cli.Get(path);
        if (!r) return IoError("GET " + path + ": " + httplib::to_string(r.error()));
        if (r->status == 200) return static_cast<int64_t>(r->body.size());
        if (r->status != 404)
          return InternalError("GET " + path + ": HTTP " + std::to_string(r->status));
      }
      return NotFoundError("100 random incident ids not found");
    }));
  }
  *serve_rss_mb = PeakRssMbOf(pid);
  kill(pid, SIGTERM);
  int status = 0;
  for (int i = 0; i < 50; ++i) {
    if (waitpid(pid, &status, WNOHANG) == pid) return out;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  return out;
}
#endif

int Run(const Args& a) {
  const std::string db_path = a.Get("--db");
  if (db_path.empty() || !std::filesystem::exists(db_path)) {
    std::fprintf(stderr, "run: --db must name an existing store (make one with generate)\n");
    return 2;
  }
  const size_t n = static_cast<size_t>(std::max(1LL, a.Int("--queries", 500)));
  // Whole-store and one-country stats, one-word text and all-dates radius
  // queries take seconds at 1M events: fewer runs of those.
  const size_t n_slow =
      std::min(n, static_cast<size_t>(std::max(1LL, a.Int("--slow-queries", 30))));
  const std::string source_dir = a.Get("--source", SITREP_SOURCE_DIR);
  const std::string sitrep = a.Get("--sitrep", source_dir + "/build/sitrep");
  std::printf("load average at start: %s\n", LoadAverage().c_str());
  auto samples = DrawSamples(db_path, n, static_cast<uint64_t>(a.Int("--seed", 1)));
  if (!samples.ok()) {
    std::fprintf(stderr, "run: %s\n", samples.status().ToString().c_str());
    return 1;
  }
  auto db = store::Store::Open(db_path);
  if (!db.ok()) {
    std::fprintf(stderr, "run: %s\n", db.status().ToString().c_str());
    return 1;
  }
  for (const char* t : {"documents", "events", "incidents"}) {
    auto c = (*db)->Count(t);
    std::printf("%s: %lld  ", t, c.ok() ? static_cast<long long>(*c) : -1LL);
  }
  std::printf("\n%zu (country, month) pairs drawn from random events\n\nin-process (Store API):\n",
              samples->country_month.size());
  PrintSeries(InProcess(**db, *samples, n, n_slow));
  std::printf("load average: %s; peak RSS of this process %.0f MB\n", LoadAverage().c_str(),
              PeakRssMb());
#ifdef SITREP_BENCH_HTTP
  if (!a.Has("--no-http")) {
    double serve_rss = -1;
    std::printf("\nover HTTP on loopback (%s serve --port %lld):\n", sitrep.c_str(),
                a.Int("--port", 18080));
    auto http = OverHttp(sitrep, db_path, static_cast<int>(a.Int("--port", 18080)), *samples, n,
                         n_slow, &serve_rss);
    PrintSeries(http);
    std::printf("load average: %s; peak RSS of sitrep serve %.0f MB\n", LoadAverage().c_str(),
                serve_rss);
  }
#else
  std::printf("\n(built without cpp-httplib: no HTTP figures)\n");
#endif
  return 0;
}

int Usage() {
  std::fprintf(stderr,
               "usage: sitrep_store_bench generate --db OUT.sqlite [--events 1000000] [--seed N]\n"
               "           [--batch 256] [--jitter 0.02] [--threads 2] [--sitrep build/sitrep]\n"
               "           [--corpora DIR] [--work DIR] [--e2e-copies 10] [--no-e2e]\n"
               "       sitrep_store_bench run --db OUT.sqlite [--queries 500] [--seed N]\n"
               "           [--sitrep build/sitrep] [--slow-queries 30] [--port 18080] [--no-http] "
               "[--source DIR]\n");
  return 2;
}

}  // namespace
}  // namespace sitrep::bench

int main(int argc, char** argv) {
  using namespace sitrep::bench;
  if (argc < 2) return Usage();
  const std::string cmd = argv[1];
  auto args = ParseArgs(argc, argv, 2);
  if (!args.ok()) {
    std::fprintf(stderr, "%s\n", args.status().ToString().c_str());
    return Usage();
  }
  if (cmd == "generate") return Generate(*args);
  if (cmd == "run") return Run(*args);
  return Usage();
}
