#include "core/paths.h"

#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <filesystem>

namespace sitrep {

std::string ExecutableDir() {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return ".";
  buf[n] = '\0';
  return std::filesystem::path(buf).parent_path().string();
}

std::string DefaultDataDir() {
  if (const char* env = std::getenv("SITREP_DATA"); env && *env) return env;
  std::error_code ec;
  std::string beside = ExecutableDir() + "/../data";
  if (std::filesystem::is_directory(beside + "/cameo", ec)) {
    return std::filesystem::weakly_canonical(beside, ec).string();
  }
  return std::string(SITREP_SOURCE_DIR) + "/data";
}

std::string DataPath(std::string_view relative) {
  std::string p = DefaultDataDir();
  p += '/';
  p += relative;
  return p;
}

}  // namespace sitrep
