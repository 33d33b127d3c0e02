#!/bin/bash
# anodekmc set-up for a Debian 12 (bookworm) machine, run as root.
#
#   1. installs the Debian packages anodekmc needs (list and reasons: docs/dependencies.md),
#   2. adds a deb-src entry mirroring the existing deb entry for bookworm,
#   3. downloads the LAMMPS source package that matches the installed liblammps,
#      checks the orig tarball's sha256 against cmake/lammps_source.sha256,
#   4. extracts the LAMMPS headers the styles compile against into a cache OUTSIDE the
#      repository (default /var/cache/anodekmc; override with ANODEKMC_CACHE).
#
# Idempotent: a second run checks what is there and does nothing else (a few seconds).
# Nothing from LAMMPS is ever written into the repository.
#
# Usage: scripts/setup.sh [--quiet]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
cache="${ANODEKMC_CACHE:-/var/cache/anodekmc}"
quiet=0
[[ "${1:-}" == "--quiet" ]] && quiet=1

say() { [[ $quiet == 1 ]] || echo "[setup] $*"; }
die() { echo "[setup] error: $*" >&2; exit 1; }

[[ -r /etc/os-release ]] && . /etc/os-release
[[ "${VERSION_CODENAME:-}" == "bookworm" ]] || \
    say "warning: this script is written for Debian 12 (bookworm); found '${PRETTY_NAME:-unknown}'"

# ---------------------------------------------------------------------------------------------
# 1. Debian packages
# ---------------------------------------------------------------------------------------------
packages=(
    build-essential cmake pkg-config git ca-certificates xz-utils
    lammps liblammps-dev lammps-data python3-lammps
    libopenmpi-dev openmpi-bin
    libeigen3-dev libboost-program-options-dev
    libgtest-dev libgmock-dev libbenchmark-dev
    libpcg-cpp-dev nlohmann-json3-dev
    python3 python3-numpy python3-matplotlib
)
missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

apt_updated=0
apt_update() {
    if [[ $apt_updated == 0 ]]; then
        say "apt-get update"
        apt-get update -qq || die "apt-get update failed (is the Debian archive reachable?)"
        apt_updated=1
    fi
}

if [[ ${#missing[@]} -gt 0 ]]; then
    [[ $(id -u) == 0 ]] || die "packages missing (${missing[*]}); run this script as root"
    apt_update
    say "installing: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
        >/dev/null || die "apt-get install failed for: ${missing[*]}"
else
    say "Debian packages: all present"
fi

# ---------------------------------------------------------------------------------------------
# 2.-4. LAMMPS headers matching the installed liblammps
# ---------------------------------------------------------------------------------------------
src_version="$(dpkg-query -W -f='${source:Version}' liblammps-dev)"   # e.g. 20220106.git7586adbb6a+ds1-2
upstream_version="${src_version%-*}"                                 # drop the Debian revision
headers_dir="$cache/lammps-$upstream_version/include"
stamp="$headers_dir/.anodekmc-headers-ok"
expected_sha="$(grep -v '^#' "$repo/cmake/lammps_source.sha256" | awk -v v="lammps_${upstream_version}.orig.tar.xz" '$2 == v {print $1}')"
[[ -n "$expected_sha" ]] || die "no sha256 for LAMMPS $upstream_version in cmake/lammps_source.sha256; \
the installed liblammps is not a version anodekmc knows"

if [[ -f "$stamp" && "$(cat "$stamp")" == "$expected_sha" ]]; then
    say "LAMMPS headers: cached in $headers_dir"
else
    [[ $(id -u) == 0 ]] || die "LAMMPS headers not cached; run this script as root"
    # deb-src entry, same mirror and suites as the deb entry of the main archive.
    if ! grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; then
        say "adding deb-src entry /etc/apt/sources.list.d/anodekmc-deb-src.sources"
        mirror="$(grep -rhsE '^URIs:' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1 | awk '{print $2}')"
        [[ -n "$mirror" ]] || mirror="$(grep -hsE '^deb [^ ]*debian/? bookworm' /etc/apt/sources.list | head -1 | awk '{print $2}')"
        [[ -n "$mirror" ]] || mirror="http://deb.debian.org/debian"
        cat > /etc/apt/sources.list.d/anodekmc-deb-src.sources <<EOF
# added by anodekmc scripts/setup.sh: source packages (the LAMMPS headers anodekmc compiles against)
Types: deb-src
URIs: $mirror
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
        apt_updated=0
    fi
    apt_update

    dl="$cache/download"
    mkdir -p "$dl"
    id _apt >/dev/null 2>&1 && chown _apt "$dl"   # lets apt download sandboxed
    tarball="$dl/lammps_${upstream_version}.orig.tar.xz"
    if [[ ! -f "$tarball" ]] || ! echo "$expected_sha  $tarball" | sha256sum -c --status; then
        say "downloading LAMMPS source package $src_version (about 80 MB)"
        (cd "$dl" && apt-get source --download-only -qq "lammps=$src_version" >/dev/null) \
            || die "apt-get source lammps=$src_version failed"
    fi
    [[ -f "$tarball" ]] || die "expected $tarball after apt-get source"
    echo "$expected_sha  $tarball" | sha256sum -c --status \
        || die "sha256 of $tarball does not match cmake/lammps_source.sha256"
    say "sha256 verified: $expected_sha"

    tmp="$(mktemp -d "$cache/extract.XXXXXX")"
    trap 'rm -rf "$tmp"' EXIT
    # Only headers: src/*.h, the bundled fmt, and the package folders styles may derive from.
    tar -xJf "$tarball" -C "$tmp" --wildcards --no-anchored \
        '*/src/*.h' '*/src/fmt/*' || die "extracting headers from $tarball failed"
    top="$(find "$tmp" -mindepth 1 -maxdepth 1 -type d | head -1)"
    [[ -f "$top/src/lammps.h" && -f "$top/src/fmt/format.h" ]] || die "unexpected layout in $tarball"
    rm -rf "$headers_dir"
    mkdir -p "$headers_dir"
    # Flatten: the core headers and the package headers we use all into one include dir,
    # the way LAMMPS's own build sees them.
    cp "$top"/src/*.h "$headers_dir/"
    for pkg in MANYBODY REPLICA MC PYTHON; do
        [[ -d "$top/src/$pkg" ]] && cp "$top/src/$pkg"/*.h "$headers_dir/"
    done
    mkdir -p "$headers_dir/fmt"
    cp "$top"/src/fmt/* "$headers_dir/fmt/"
    rm -rf "$tmp"
    trap - EXIT
    echo "$expected_sha" > "$stamp"
    say "LAMMPS headers extracted to $headers_dir"
fi

# A pointer file CMake reads when -DANODEKMC_LAMMPS_HEADERS_DIR is not given (written only
# when it changes, so a re-run by a user without write access to the cache still succeeds).
if [[ "$(cat "$cache/lammps-headers-dir" 2>/dev/null)" != "$headers_dir" ]]; then
    echo "$headers_dir" > "$cache/lammps-headers-dir" || die "cannot write $cache/lammps-headers-dir (run as root)"
fi
say "done (LAMMPS $upstream_version headers: $headers_dir)"
