#!/bin/bash
# Configures and builds anodekmc in ./build (Release, tests and benchmarks included).
# Usage: scripts/build.sh [extra cmake -D options]     e.g. -DANODEKMC_SANITIZE=ON
# BUILD_DIR overrides the build folder (default: <repo>/build).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$repo/build}"
jobs="$(nproc 2>/dev/null || echo 2)"
cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-Release}" "$@" >/dev/null
cmake --build "$build" -j "$jobs"
