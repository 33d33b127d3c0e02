// Whitespace-separated words of a text (config values such as "Li In", "250 300 350").
#pragma once

#include <sstream>
#include <string>
#include <vector>

namespace anodekmc {

inline std::vector<std::string> split_words(const std::string &text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

}  // namespace anodekmc
