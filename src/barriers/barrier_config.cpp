#include "barriers/barrier_config.hpp"

#include <cmath>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "core/ini_document.hpp"
#include "core/text_words.hpp"

namespace anodekmc::barriers {

BarrierConfig read_barrier_config(const std::string &path) {
  const IniDocument doc = IniDocument::read(path);
  BarrierConfig c;
  c.source_path = path;
  for (const IniSection &s : doc.sections())
    if (s.name != "barriers" && s.name != "neb" && s.name != "output" && !(s.name.empty() && s.entries.empty()))
      throw std::runtime_error(doc.where(s.line) + ": unknown section [" + s.name +
                               "]: expected [barriers], [neb] or [output]");
  const IniSection *b = doc.find_section("barriers");
  if (!b) throw std::runtime_error(path + ": missing section [barriers]");
  doc.reject_unknown_keys(*b, {"database", "host", "moving", "facet", "lattice_constant_A", "cells", "layers",
                               "fixed_layers", "vacuum_A", "solutes", "max_environments", "check_slab_size",
                               "prefactor_per_s", "prefactor", "vineyard_radius_A", "hessian_step_A", "steps",
                               "step_rows", "step_paths", "exchange"});
  auto fail = [&](const IniSection &s, const std::string &key, const std::string &expected) {
    const IniEntry *e = s.find(key);
    return std::runtime_error(doc.where(e ? e->line : s.line) + ": [" + s.name + "] " + key + ": expected " + expected);
  };
  auto integer = [&](const IniSection &s, const std::string &key, int fallback, int minimum) {
    const double v = doc.number_or(s, key, fallback);
    if (v != std::floor(v) || v < minimum)
      throw fail(s, key, "an integer >= " + std::to_string(minimum));
    return static_cast<int>(v);
  };
  const std::filesystem::path folder = std::filesystem::path(path).parent_path();
  const std::string database = doc.require_text(*b, "database");
  c.database_path = std::filesystem::path(database).is_absolute() ? database : (folder / database).string();
  if (!std::filesystem::exists(c.database_path)) throw fail(*b, "database", "an existing file (" + c.database_path + ")");
  c.host = doc.require_text(*b, "host");
  c.moving = b->find("moving") ? doc.require_text(*b, "moving") : c.host;
  c.slab.facet = doc.require_text(*b, "facet");
  if (c.slab.facet != "bcc100" && c.slab.facet != "bcc110" && c.slab.facet != "fcc111")
    throw fail(*b, "facet", "bcc100, bcc110 or fcc111");
  c.slab.lattice_constant_A = doc.number_or(*b, "lattice_constant_A", 0.0);
  if (b->find("lattice_constant_A") && !(c.slab.lattice_constant_A > 0))
    throw fail(*b, "lattice_constant_A", "a positive length in Å");
  c.slab.cells_x = c.slab.cells_y = integer(*b, "cells", 0, 0);
  if (c.slab.cells_x != 0 && c.slab.cells_x < 4) throw fail(*b, "cells", "0 (automatic) or at least 4");
  c.slab.layers = integer(*b, "layers", 6, 3);
  c.slab.fixed_layers = integer(*b, "fixed_layers", 2, 0);
  if (c.slab.layers - c.slab.fixed_layers < 2) throw fail(*b, "fixed_layers", "at least 2 free layers left");
  c.slab.vacuum_A = doc.number_or(*b, "vacuum_A", 12.0);
  if (!(c.slab.vacuum_A >= 8.0)) throw fail(*b, "vacuum_A", "a length of at least 8 Å");
  if (const IniEntry *e = b->find("solutes")) c.solutes = split_words(e->value);
  c.max_environments = static_cast<std::size_t>(integer(*b, "max_environments", 100, 1));
  if (const IniEntry *e = b->find("check_slab_size")) {
    if (e->value != "yes" && e->value != "no") throw fail(*b, "check_slab_size", "yes or no");
    c.check_slab_size = e->value == "yes";
  }
  if (const IniEntry *e = b->find("steps")) {
    if (e->value != "yes" && e->value != "no") throw fail(*b, "steps", "yes or no");
    c.steps = e->value == "yes";
  }
  if (c.steps && !has_step_hops(c.slab.facet))
    throw fail(*b, "steps", "no for facet " + c.slab.facet + " (step hops are built on bcc100 and bcc110)");
  if (c.steps && c.moving != c.host)
    throw fail(*b, "steps", "no when moving differs from host (the strip and the adatom are host atoms)");
  c.step_rows = integer(*b, "step_rows", 4, 2);
  if (const IniEntry *e = b->find("exchange")) {
    if (e->value != "yes" && e->value != "no") throw fail(*b, "exchange", "yes or no");
    c.exchange = e->value == "yes";
  }
  if (c.exchange && c.slab.facet == "fcc111")
    throw fail(*b, "exchange", "no for facet fcc111 (the exchange path is built and tested on bcc100 and bcc110)");
  if (const IniEntry *e = b->find("step_paths")) {
    c.step_paths.clear();
    for (const std::string &w : split_words(e->value)) {
      if (w == "hop") c.step_paths.push_back(StepPath::kHop);
      else if (w == "exchange") c.step_paths.push_back(StepPath::kExchange);
      else throw fail(*b, "step_paths", "hop and/or exchange, got '" + w + "'");
    }
    if (c.step_paths.empty()) throw fail(*b, "step_paths", "hop and/or exchange");
  }
  c.prefactor_per_s = doc.number_or(*b, "prefactor_per_s", 1e13);
  if (!(c.prefactor_per_s > 0) || !std::isfinite(c.prefactor_per_s))
    throw fail(*b, "prefactor_per_s", "a positive frequency in 1/s");
  if (const IniEntry *e = b->find("prefactor")) {
    if (e->value != "default" && e->value != "vineyard") throw fail(*b, "prefactor", "default or vineyard");
    c.vineyard = e->value == "vineyard";
  }
  c.vineyard_settings.radius_A = doc.number_or(*b, "vineyard_radius_A", c.vineyard_settings.radius_A);
  if (!(c.vineyard_settings.radius_A >= 2.0) || !std::isfinite(c.vineyard_settings.radius_A))
    throw fail(*b, "vineyard_radius_A", "a radius of at least 2 Å");
  c.vineyard_settings.displacement_A = doc.number_or(*b, "hessian_step_A", c.vineyard_settings.displacement_A);
  if (!(c.vineyard_settings.displacement_A > 0) || c.vineyard_settings.displacement_A > 0.05)
    throw fail(*b, "hessian_step_A", "a displacement in Å, > 0 and <= 0.05");

  if (const IniSection *n = doc.find_section("neb")) {
    doc.reject_unknown_keys(*n, {"images", "spring_eV_A2", "max_force_eV_A", "max_steps"});
    c.neb.intermediate_images = integer(*n, "images", 5, 1);
    c.neb.spring_eV_A2 = doc.number_or(*n, "spring_eV_A2", 5.0);
    if (!(c.neb.spring_eV_A2 > 0)) throw fail(*n, "spring_eV_A2", "a positive spring constant in eV/Å²");
    c.neb.max_force_eV_A = doc.number_or(*n, "max_force_eV_A", 0.01);
    if (!(c.neb.max_force_eV_A > 0) || c.neb.max_force_eV_A > 0.1)
      throw fail(*n, "max_force_eV_A", "a force in eV/Å, > 0 and <= 0.1");
    c.neb.max_steps = integer(*n, "max_steps", 5000, 10);
  } else {
    c.neb.intermediate_images = 5;
  }
  c.output_folder = "barriers_out";
  if (const IniSection *o = doc.find_section("output")) {
    doc.reject_unknown_keys(*o, {"folder"});
    if (o->find("folder")) c.output_folder = doc.require_text(*o, "folder");
  }
  return c;
}

}  // namespace anodekmc::barriers
