#include "barriers/catalog_writer.hpp"

#include <Eigen/Dense>
#include <cmath>
#include <cstdio>
#include <set>
#include <sstream>
#include <stdexcept>
#include <tuple>

namespace anodekmc::barriers {

std::string catalog_text(const std::vector<std::string> &provenance, const std::vector<CatalogRow> &rows) {
  std::ostringstream out;
  for (const std::string &line : provenance) out << "# " << line << "\n";
  out << "n_initial,n_final,step,moving,below_initial,below_final,barrier_eV,prefactor_per_s,method\n";
  std::set<std::tuple<int, int, std::string, std::string, std::string, std::string>> seen;
  for (const CatalogRow &r : rows) {
    const HopKey &k = r.key;
    if (!std::isfinite(r.barrier_eV) || r.barrier_eV < 0)
      throw std::invalid_argument("catalog row: barrier must be finite and >= 0");
    if (r.method.find(',') != std::string::npos) throw std::invalid_argument("catalog row: method must not contain commas");
    if (!seen.insert({k.n_initial, k.n_final, k.step, k.moving, k.below_initial, k.below_final}).second)
      throw std::invalid_argument("catalog row: duplicate environment");
    char barrier[32], prefactor[32] = "";
    std::snprintf(barrier, sizeof barrier, "%.6f", r.barrier_eV);
    if (r.prefactor_per_s > 0) std::snprintf(prefactor, sizeof prefactor, "%.6g", r.prefactor_per_s);
    out << k.n_initial << "," << k.n_final << "," << k.step << "," << k.moving << "," << k.below_initial << ","
        << k.below_final << "," << barrier << "," << prefactor << "," << r.method << "\n";
  }
  return out.str();
}

BondCountingFit fit_bond_counting(const std::vector<CatalogRow> &rows) {
  std::map<std::pair<std::string, std::string>, int> column_of;
  std::vector<const CatalogRow *> flat;
  std::set<int> coordinations;
  for (const CatalogRow &r : rows) {
    if (r.key.step != "flat") continue;
    flat.push_back(&r);
    coordinations.insert(r.key.n_initial);
    column_of.emplace(std::make_pair(r.key.moving, r.key.below_initial), 0);
  }
  if (flat.empty()) throw std::invalid_argument("bond-counting fit: no flat rows");
  if (coordinations.size() < 2) throw std::invalid_argument("bond-counting fit: every row has the same n_initial");
  int next = 0;
  for (auto &entry : column_of) entry.second = next++;
  const int bond_column = next;
  Eigen::MatrixXd design = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(flat.size()), next + 1);
  Eigen::VectorXd barrier(static_cast<Eigen::Index>(flat.size()));
  for (std::size_t i = 0; i < flat.size(); ++i) {
    const auto row = static_cast<Eigen::Index>(i);
    design(row, column_of.at({flat[i]->key.moving, flat[i]->key.below_initial})) = 1.0;
    design(row, bond_column) = flat[i]->key.n_initial;
    barrier[row] = flat[i]->barrier_eV;
  }
  const Eigen::VectorXd p = design.colPivHouseholderQr().solve(barrier);
  BondCountingFit fit;
  for (const auto &[key, column] : column_of) fit.base_barrier_eV[key] = p[column];
  fit.bond_eV = p[bond_column];
  fit.rows = flat.size();
  fit.rms_residual_eV = std::sqrt((design * p - barrier).squaredNorm() / static_cast<double>(flat.size()));
  // Step terms: what the flat part leaves of each down (up) row, averaged.
  auto step_term = [&](const std::string &step) {
    double sum = 0;
    int count = 0;
    for (const CatalogRow &r : rows) {
      if (r.key.step != step) continue;
      const auto e0 = fit.base_barrier_eV.find({r.key.moving, r.key.below_initial});
      if (e0 == fit.base_barrier_eV.end()) return std::numeric_limits<double>::quiet_NaN();
      sum += r.barrier_eV - e0->second - r.key.n_initial * fit.bond_eV;
      ++count;
    }
    return count > 0 ? sum / count : std::numeric_limits<double>::quiet_NaN();
  };
  fit.ehrlich_schwoebel_eV = step_term("down");
  fit.up_step_eV = step_term("up");
  return fit;
}

}  // namespace anodekmc::barriers
