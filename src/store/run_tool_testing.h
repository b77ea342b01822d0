// Tests only: run a command line of the real `sitrep` binary and capture it.
//
//   ToolResult r = RunTool(SITREP_BINARY, "query --db x.sqlite --format jsonl", dir);
//   EXPECT_EQ(r.exit_code, 0) << r.err;
#ifndef SITREP_STORE_RUN_TOOL_TESTING_H_
#define SITREP_STORE_RUN_TOOL_TESTING_H_

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace sitrep::store::tool_testing {

struct ToolResult {
  int exit_code = -1;
  std::string out, err;
};

// Runs `binary args` through the shell with stdout and stderr redirected to
// files in `dir`, and returns its exit code and both outputs.
inline ToolResult RunTool(const std::string& binary, const std::string& args,
                          const std::string& dir) {
  const std::string out = dir + "/stdout", err = dir + "/stderr";
  const std::string cmd = binary + " " + args + " >" + out + " 2>" + err;
  const int status = std::system(cmd.c_str());
  ToolResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream o(out), e(err);
  std::stringstream so, se;
  so << o.rdbuf();
  se << e.rdbuf();
  r.out = so.str();
  r.err = se.str();
  return r;
}

}  // namespace sitrep::store::tool_testing

#endif  // SITREP_STORE_RUN_TOOL_TESTING_H_
