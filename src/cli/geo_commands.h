// The gazetteer subcommands of `sitrep` (data/geo/README.md):
//   sitrep gazetteer build -o OUT.sgz [--geonames FILE|DIR] [--admin1 FILE] [--admin2 FILE]
//                          [--countries FILE] [--features FILE]
//       compiles an index; defaults are the npm packages of package-lock.json
//       (cities500, admin1.json, world-countries) and data/geo/features.tsv.
//       --geonames DIR takes the full dump: DIR/allCountries.txt and
//       DIR/admin1CodesASCII.txt.
//   sitrep gazetteer lookup NAME... [--gazetteer INDEX]
//       every candidate of each name, most important first.
#ifndef SITREP_CLI_GEO_COMMANDS_H_
#define SITREP_CLI_GEO_COMMANDS_H_

#include <string>
#include <vector>

#include "cli/cli_common.h"

namespace sitrep::cli {

struct GazetteerFlags {
  std::string out;
  std::string geonames, admin1, admin2, admin_towns, countries, features, aliases, shapes;
  std::vector<std::string> names;
};
// Adds `gazetteer build` and `gazetteer lookup` under `parent`; returns the
// two subcommands so the caller can tell which one was parsed.
struct GazetteerCommands {
  CLI::App* build = nullptr;
  CLI::App* lookup = nullptr;
};
GazetteerCommands AddGazetteerCommands(CLI::App* parent, CommonFlags* f, GazetteerFlags* g);
int RunGazetteerBuild(const GazetteerFlags& g);
int RunGazetteerLookup(const CommonFlags& f, const GazetteerFlags& g);

}  // namespace sitrep::cli

#endif  // SITREP_CLI_GEO_COMMANDS_H_
