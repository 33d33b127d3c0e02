#include "core/atomic_file.hpp"

#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace anodekmc {

void write_file_atomic(const std::string &path, const std::string &content) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error(path + ": cannot open for writing");
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) throw std::runtime_error(path + ": write failed (disk full?)");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    throw std::runtime_error(path + ": cannot move the new file into place");
  }
}

}  // namespace anodekmc
