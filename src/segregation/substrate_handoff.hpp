// Hand-off to the kMC engine: the species map of the top substrate layer (the slab's surface
// plane) in the substrate file format of docs/kmc_substrate.md (`substrate.mode = file`).
// The slab's in-plane net has the same nx, ny and site order (i + nx j) as the kMC net of the
// same facet, so the map can be read directly.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace anodekmc::segregation {

/// The file's text: comment header, "nx ny", then one row of constant j per line; species
/// names host (0) / solute (1).
std::string substrate_map_text(int nx, int ny, const std::vector<std::uint8_t> &surface, const std::string &host,
                               const std::string &solute, const std::string &comment);

}  // namespace anodekmc::segregation
