// sitrep_places_eval: prints the places figures on GeoVirus and the
// event-location gold (../shared/corpora; see places_eval.h).
//
//   build/sitrep_places_eval [--gazetteer build/gazetteer.sgz]
//       [--corpora ../shared/corpora] [--examples N] [--event-location-only]
//   build/sitrep_places_eval --text "A sentence or an article."
//
// --examples N prints up to N failures of each evaluation (event location:
// "verb=... gold=... ours=... | sentence"); --event-location-only skips GeoVirus.
// --text prints the places the stage finds in one text, one per line, then
// the actor mentions (code and kind) and each coded event's location and its
// basis (for looking into a miss).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "events/coder.h"
#include "geo/gazetteer.h"
#include "pipeline/analyzer.h"
#include "places/places.h"
#include "places/places_eval.h"

int main(int argc, char** argv) {
  using namespace sitrep;
  std::string gazetteer = geo::DefaultIndexPath();
  std::string corpora = "../shared/corpora";
  int examples = 0;
  bool geovirus = true;
  std::string text;
  bool have_text = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--gazetteer" && i + 1 < argc) {
      gazetteer = argv[++i];
    } else if (a == "--corpora" && i + 1 < argc) {
      corpora = argv[++i];
    } else if (a == "--examples" && i + 1 < argc) {
      examples = std::atoi(argv[++i]);
    } else if (a == "--event-location-only") {
      geovirus = false;
    } else if (a == "--text" && i + 1 < argc) {
      text = argv[++i];
      have_text = true;
    } else {
      std::cerr << "usage: sitrep_places_eval [--gazetteer PATH] [--corpora DIR] "
                   "[--examples N] [--event-location-only] | --text TEXT\n";
      return 2;
    }
  }
  auto gaz = geo::Gazetteer::Load(gazetteer);
  if (!gaz.ok()) {
    std::cerr << "sitrep_places_eval: " << gaz.status().ToString() << "\n";
    return 2;
  }
  auto coder = events::CreateCoder({});
  // As `sitrep code` builds it: the coder's verbs reach the tagger.
  AnalyzerOptions analyzer_options;
  if (coder.ok()) analyzer_options.coder = coder->get();
  auto analyzer = Analyzer::Create(analyzer_options);
  if (!analyzer.ok() || !coder.ok()) {
    std::cerr << "sitrep_places_eval: cannot create the analyzer or the coder\n";
    return 2;
  }
  std::cout << "gazetteer: " << (*gaz)->description() << "\n";
  if (have_text) {
    Document doc;
    doc.id = "text";
    doc.text = text;
    places::PlaceStage stage(gaz->get());
    Status st = (*analyzer)->Analyze(doc);
    if (st.ok()) st = (*coder)->Code(doc);
    if (st.ok()) st = stage.Process(doc);
    if (!st.ok()) {
      std::cerr << "sitrep_places_eval: " << st.ToString() << "\n";
      return 1;
    }
    for (const Place& p : doc.places) {
      std::printf("%s\t-> %s %s %s %.4f %.4f%s%s\n", std::string(doc.Slice(p.begin, p.end)).c_str(),
                  p.name.empty() ? "(unresolved)" : p.name.c_str(), p.country.c_str(),
                  GeoPrecisionName(p.precision), p.lat, p.lon, p.dateline ? " dateline" : "",
                  p.in_actor_name ? " in_actor_name" : "");
    }
    for (const ActorMention& m : doc.mentions) {
      std::printf(
          "actor %s\t%s kind %d\n",
          std::string(doc.Slice(doc.tokens[m.token_begin].begin, doc.tokens[m.token_end - 1].end))
              .c_str(),
          m.code.c_str(), static_cast<int>(m.kind));
    }
    for (const Event& e : doc.events) {
      std::string where = "(none)";
      if (e.location >= 0) {
        const Place& p = doc.places[static_cast<size_t>(e.location)];
        where = std::string(doc.Slice(p.begin, p.end)) + " = " +
                (p.name.empty() ? "(unresolved)" : p.name);
      }
      std::printf("event %s\t@ %s [%s]\n",
                  std::string(doc.Slice(doc.tokens[e.trigger_begin].begin,
                                        doc.tokens[e.trigger_end - 1].end))
                      .c_str(),
                  where.c_str(), LocationBasisName(e.location_basis));
    }
    return 0;
  }
  int rc = 0;
  auto gv = geovirus ? places::EvalGeoVirus(corpora + "/geovirus/GeoVirus.xml", **gaz, **analyzer,
                                            **coder)
                     : StatusOr<places::GeoVirusScore>(NotFoundError("skipped"));
  if (!geovirus) {
  } else if (!gv.ok()) {
    std::cerr << "GeoVirus: " << gv.status().ToString() << "\n";
    rc = 1;
  } else {
    const auto& s = *gv;
    std::printf(
        "GeoVirus: %d articles, %d gold toponyms, %d predicted\n"
        "  exact span:   P %.3f  R %.3f  F1 %.3f\n"
        "  overlap:      P %.3f  R %.3f  F1 %.3f\n"
        "  acc@161km %.3f (%d/%d gold; missed or unresolved count as wrong)\n"
        "  acc@161km or inside the resolved area's radius: %.3f (%d)\n"
        "  error km over %d resolved: mean %.0f  median %.1f\n"
        "  place stage: %d sentences in %.3f s CPU = %.0f sentences/s (parse excluded);\n"
        "  analysis (tokenize+tag+parse) of the same text: %.3f s CPU = %.0f sentences/s\n",
        s.articles, s.gold, s.predicted, s.precision, s.recall, s.f1, s.overlap_precision,
        s.overlap_recall, s.overlap_f1, s.acc161, s.within161, s.gold, s.acc161_or_area,
        s.within161_or_area, s.resolved, s.mean_km, s.median_km, s.sentences, s.stage_seconds,
        s.stage_seconds > 0 ? s.sentences / s.stage_seconds : 0.0, s.analysis_seconds,
        s.analysis_seconds > 0 ? s.sentences / s.analysis_seconds : 0.0);
    for (int i = 0; i < examples && i < static_cast<int>(s.examples.size()); ++i)
      std::cout << "  " << s.examples[i] << "\n";
  }
  auto el = places::EvalEventLocation(corpora + "/event-location/labeled_text.jsonl.zip", **gaz,
                                      **analyzer, **coder);
  if (!el.ok()) {
    std::cerr << "event-location: " << el.status().ToString() << "\n";
    rc = 1;
  } else {
    const auto& s = *el;
    std::printf(
        "event-location (RELABEL): %d records, accuracy %.3f (%d)\n"
        "  with gold location: %.3f (%d/%d)   without: %.3f (%d/%d)\n"
        "  gold verb coded as an event by our coder: %d\n"
        "  clause only (no sentence fallback): accuracy %.3f\n",
        s.records, s.accuracy, s.correct, s.with_gold_accuracy, s.with_gold_correct, s.with_gold,
        s.no_gold_accuracy, s.no_gold_correct, s.no_gold, s.trigger_is_event,
        s.clause_only_accuracy);
    for (int i = 0; i < examples && i < static_cast<int>(s.examples.size()); ++i)
      std::cout << "  " << s.examples[i] << "\n";
  }
  return rc;
}
