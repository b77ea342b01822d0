// Where sitrep finds its data files (dictionaries, CAMEO tables, gazetteer).
//
//   std::string dir = DefaultDataDir();       // ".../data"
//   std::string verbs = DataPath("events/verbs.txt");
#ifndef SITREP_CORE_PATHS_H_
#define SITREP_CORE_PATHS_H_

#include <string>
#include <string_view>

namespace sitrep {

// The directory of the running executable ("" if it cannot be found).
std::string ExecutableDir();

// $SITREP_DATA if set, else <dir of executable>/../data if it exists, else the
// source tree's data/ (compiled in). Never fails; the path may not exist.
std::string DefaultDataDir();

// DefaultDataDir() + "/" + relative.
std::string DataPath(std::string_view relative);

}  // namespace sitrep

#endif  // SITREP_CORE_PATHS_H_
