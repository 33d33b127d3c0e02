#!/bin/bash
# The README's second command: set up (idempotent), build, and run the whole test suite.
# Exits non-zero on any failure and prints ctest's summary. .ci/run calls this script.
# Usage: scripts/test.sh [extra cmake -D options]
# CTEST_ARGS: extra ctest arguments; default "-LE validation", which leaves out the long physics
# validation studies (ctest label `validation`, docs/testing.md). CTEST_ARGS="" runs everything,
# CTEST_ARGS="-L validation" only those.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$repo/build}"
"$repo/scripts/setup.sh"
"$repo/scripts/build.sh" "$@"
cd "$build"
# Open MPI refuses to start as root without these; the tests also set them.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
ctest_args="${CTEST_ARGS--LE validation}"
# shellcheck disable=SC2086  # word splitting of the argument list is intended
ctest --output-on-failure -j "$(nproc 2>/dev/null || echo 2)" $ctest_args
