#include "barriers/solute_paths.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "barriers/checked_neb.hpp"
#include "barriers/end_state_check.hpp"
#include "barriers/exchange_hop.hpp"
#include "barriers/step_hop.hpp"
#include "potential/eam_database.hpp"
#include "potential/eam_model.hpp"

namespace anodekmc::barriers {

const PathBarrier *SolutePaths::step_down() const {
  const PathBarrier *best = nullptr;
  for (const PathBarrier *p : {&step_hop, &step_exchange})
    if (p->converged && (!best || p->forward_eV < best->forward_eV)) best = p;
  return best;
}

namespace {

PathBarrier from_fields(const std::string &path, const std::vector<double> &f, const std::string &failure) {
  PathBarrier b;
  b.path = path;
  b.forward_eV = f[kForward];
  b.reverse_eV = f[kReverse];
  b.max_force_eV_A = f[kMaxForce];
  b.converged = f[kConverged] > 0.5;
  b.failure = failure;
  return b;
}

// One path: an exception (atoms that meet while relaxing) is a failed path, not a failed job.
template <typename Compute>
PathBarrier guarded(const std::string &path, Compute compute) {
  std::string failure;
  try {
    const std::vector<double> f = compute(failure);
    if (!failure.empty()) std::fprintf(stderr, "anodekmc barriers: %s: %s\n", path.c_str(), failure.c_str());
    return from_fields(path, f, failure);
  } catch (const std::exception &e) {
    std::fprintf(stderr, "anodekmc barriers: %s: %s\n", path.c_str(), e.what());
    PathBarrier b;
    b.path = path;
    b.failure = e.what();
    return b;
  }
}

}  // namespace

std::vector<double> checked_exchange_neb_fields(const Slab &slab, int moving, int pushed,
                                                const std::vector<std::string> &elements,
                                                const std::vector<double> &element_masses_amu,
                                                const potential::EamModel &model, const BarrierConfig &config,
                                                std::string &failure) {
  const ExchangeHop ex = build_flat_exchange(slab, moving, pushed);
  const HopConfiguration &hop = ex.configuration;
  const double wx = hop.structure.cell_A(0, 0), wy = hop.structure.cell_A(1, 1);
  const std::vector<std::size_t> checked = {hop.moving_atom, ex.pushed_atom};
  const EndStateCheck check = [&](const Eigen::VectorXd &placed, const Eigen::VectorXd &relaxed) {
    return end_state_atoms_left_their_sites_3d(placed, relaxed, checked, ex.sites_A, wx, wy);
  };
  return checked_neb_fields(hop, check, elements[static_cast<std::size_t>(moving)] + " exchange with " +
                                            elements[static_cast<std::size_t>(pushed)],
                            elements, element_masses_amu, model, config, failure);
}

SolutePaths compute_solute_paths(const BarrierConfig &config, const std::string &solute) {
  if (!has_step_hops(config.slab.facet))
    throw std::invalid_argument("solute step paths: facet must be bcc100 or bcc110, got " + config.slab.facet);
  if (config.moving != config.host)
    throw std::invalid_argument("solute step paths: the adatom and the strip are host atoms (moving = host)");
  const potential::EamDatabase db = potential::EamDatabase::read(config.database_path);
  const std::vector<std::string> elements = barrier_elements(config.host, {solute}, config.moving);
  const potential::EamModel model(db, elements);  // throws for an element the database lacks
  const std::vector<double> masses_amu = element_masses_amu(db, elements);
  const double cutoff_A = model.max_cutoff_A();  // largest density or pair cutoff of these elements

  SlabSpec spec = config.slab;
  if (!(spec.lattice_constant_A > 0)) spec.lattice_constant_A = db.find_element(config.host)->lattice_constant_A;
  if (spec.cells_x == 0) choose_cells_from_cutoff(spec, cutoff_A);  // as the catalog job chooses them

  const int m = static_cast<int>(std::find(elements.begin(), elements.end(), solute) - elements.begin());
  SolutePaths out;
  out.cells_x = spec.cells_x;
  out.cells_y = spec.cells_y;
  out.step_rows = config.step_rows;

  // The step slab: the flat one widened across the step by the strip (lower terrace as wide),
  // as the catalog job builds it.
  const SlabSpec step_spec = step_slab_spec(spec, config.step_rows);
  out.step_cells_x = step_spec.cells_x;
  out.step_cells_y = step_spec.cells_y;
  const Slab step_slab = build_slab(step_spec, 2.0 * cutoff_A);
  auto step = [&](StepPath path, StepStart start, const std::string &name) {
    return guarded(name, [&](std::string &failure) {
      const StepHop s = build_step_down(spec.facet, step_slab, config.step_rows, path, elements, m, start);
      const HopConfiguration &hop = s.configuration;
      const double wx = hop.structure.cell_A(0, 0), wy = hop.structure.cell_A(1, 1);
      const EndStateCheck check = [&](const Eigen::VectorXd &placed, const Eigen::VectorXd &relaxed) {
        return end_state_left_its_sites_3d(placed, relaxed, s.first_added_atom, s.sites_A, wx, wy);
      };
      return checked_neb_fields(hop, check, name, elements, masses_amu, model, config, failure);
    });
  };
  out.step_hop = step(StepPath::kHop, StepStart::kEdge, "step hop over " + solute);
  out.step_exchange = step(StepPath::kExchange, StepStart::kEdge, "step exchange with " + solute);
  if (!out.step_hop.converged && !out.step_exchange.converged && config.step_rows >= 3) {
    out.edge_failure = "hop: " + out.step_hop.failure + "; exchange: " + out.step_exchange.failure;
    out.start = step_start_name(StepStart::kInner);
    out.step_hop = step(StepPath::kHop, StepStart::kInner, "step hop over " + solute + " from one row in");
    out.step_exchange = step(StepPath::kExchange, StepStart::kInner, "step exchange with " + solute + " from one row in");
  }
  out.step_hop.path = "step hop";
  out.step_exchange.path = "step exchange";
  return out;
}

}  // namespace anodekmc::barriers
