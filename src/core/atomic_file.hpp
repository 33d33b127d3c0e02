// Writing result files so that a reader (or an interrupted run) never sees a half-written one:
// write to "<path>.tmp" in the same folder, flush, then rename over the target (atomic on POSIX).
#pragma once

#include <string>

namespace anodekmc {

/// Writes `content` to `path` atomically. Throws std::runtime_error naming the path on failure.
void write_file_atomic(const std::string &path, const std::string &content);

}  // namespace anodekmc
