// Runs a shell command for the driver tests and captures its output and exit status.
#pragma once

#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace anodekmc::test {

struct ProcessResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

inline ProcessResult run_process(const std::string &command) {
  ProcessResult r;
  FILE *pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return r;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe)) r.output += buffer;
  const int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

/// Lines of `text` that start with `prefix`.
inline std::string lines_starting_with(const std::string &text, const std::string &prefix) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(pos, end - pos);
    if (line.rfind(prefix, 0) == 0) out += line + "\n";
    pos = end + 1;
  }
  return out;
}

}  // namespace anodekmc::test
