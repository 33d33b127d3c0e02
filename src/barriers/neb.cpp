#include "barriers/neb.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace anodekmc::barriers {

namespace {

// Improved tangent at image i: toward the higher neighbour; at an extremum a blend weighted
// by the energy differences, which avoids kinks where the energy along the band turns.
Eigen::VectorXd tangent(const std::vector<Eigen::VectorXd> &x, const std::vector<double> &e, std::size_t i) {
  const Eigen::VectorXd forward = x[i + 1] - x[i], backward = x[i] - x[i - 1];
  const double e_next = e[i + 1], e_prev = e[i - 1], e_here = e[i];
  Eigen::VectorXd t;
  if (e_next > e_here && e_here > e_prev) {
    t = forward;
  } else if (e_next < e_here && e_here < e_prev) {
    t = backward;
  } else {
    const double big = std::max(std::fabs(e_next - e_here), std::fabs(e_prev - e_here));
    const double small = std::min(std::fabs(e_next - e_here), std::fabs(e_prev - e_here));
    t = e_next > e_prev ? Eigen::VectorXd(forward * big + backward * small)
                        : Eigen::VectorXd(forward * small + backward * big);
  }
  const double n = t.norm();
  return n > 0 ? Eigen::VectorXd(t / n) : t;
}

}  // namespace

NebResult run_neb(const EnergySurface &surface, Eigen::VectorXd initial, Eigen::VectorXd final,
                  const Eigen::VectorXd &mobile, const NebSettings &settings) {
  if (initial.size() != final.size() || mobile.size() != initial.size() || initial.size() % 3 != 0)
    throw std::invalid_argument("NEB: initial, final and mobile must have the same size, 3 per atom");
  if (settings.intermediate_images < 1) throw std::invalid_argument("NEB: intermediate_images must be at least 1");
  if (!(settings.spring_eV_A2 > 0)) throw std::invalid_argument("NEB: spring_eV_A2 must be positive");
  if (!(settings.max_force_eV_A > 0)) throw std::invalid_argument("NEB: max_force_eV_A must be positive");

  NebResult out;
  if (settings.relax_end_points) {
    for (Eigen::VectorXd *end : {&initial, &final}) {
      const MinimizeOutcome m = minimize(surface, *end, mobile, 0.1 * settings.max_force_eV_A, 20 * settings.max_steps,
                                         settings.fire);
      if (!m.converged) {
        out.failure = std::string("end point relaxation did not converge (largest force ") +
                      std::to_string(m.max_atom_force_eV_A) + " eV/Å)";
        return out;
      }
    }
  }
  const int n = settings.intermediate_images + 2;
  for (int k = 0; k < n; ++k) {
    const double s = static_cast<double>(k) / (n - 1);
    out.images.push_back((1.0 - s) * initial + s * final);  // linear interpolation
  }
  out.energies_eV.assign(n, 0.0);
  std::vector<Eigen::VectorXd> forces(n, Eigen::VectorXd::Zero(initial.size()));
  out.energies_eV.front() = surface(out.images.front(), forces.front());
  out.energies_eV.back() = surface(out.images.back(), forces.back());

  // All intermediate images form one FIRE system.
  const Eigen::Index dof = initial.size();
  Eigen::VectorXd band(dof * (n - 2)), band_force(dof * (n - 2)), band_mobile(dof * (n - 2));
  for (int k = 1; k < n - 1; ++k) band_mobile.segment(dof * (k - 1), dof) = mobile;
  FireIntegrator fire(band.size(), settings.fire);
  bool climbing = false;
  for (out.steps = 0;; ++out.steps) {
    for (int k = 1; k < n - 1; ++k) out.energies_eV[k] = surface(out.images[k], forces[k]);
    out.highest_image = static_cast<int>(std::max_element(out.energies_eV.begin() + 1, out.energies_eV.end() - 1) -
                                         out.energies_eV.begin());
    for (int k = 1; k < n - 1; ++k) {
      const Eigen::VectorXd t = tangent(out.images, out.energies_eV, static_cast<std::size_t>(k));
      const Eigen::VectorXd f = forces[k].cwiseProduct(mobile);
      Eigen::VectorXd neb_force;
      if (climbing && k == out.highest_image) {
        neb_force = f - 2.0 * f.dot(t) * t;  // up along the band, down across it
      } else {
        const double stretch = (out.images[k + 1] - out.images[k]).norm() - (out.images[k] - out.images[k - 1]).norm();
        neb_force = f - f.dot(t) * t + settings.spring_eV_A2 * stretch * t;
      }
      band_force.segment(dof * (k - 1), dof) = neb_force;
      band.segment(dof * (k - 1), dof) = out.images[k];
    }
    out.max_force_eV_A = max_atom_force(band_force, band_mobile);
    if (!std::isfinite(out.max_force_eV_A)) {
      out.failure = "non-finite energy or force on the band";
      break;
    }
    if (settings.climbing_image && !climbing && out.max_force_eV_A < settings.climb_when_force_below_eV_A) {
      climbing = true;
      continue;  // forces change meaning: recompute before the next move
    }
    if (out.max_force_eV_A < settings.max_force_eV_A && (climbing || !settings.climbing_image)) {
      out.converged = true;
      break;
    }
    if (out.steps >= settings.max_steps) {
      std::ostringstream why;
      why << "not converged after " << settings.max_steps << " steps: largest NEB force " << out.max_force_eV_A
          << " eV/Å (target " << settings.max_force_eV_A << "), climbing image "
          << (climbing ? "on" : "not yet on");
      out.failure = why.str();
      break;
    }
    fire.step(band, band_force, band_mobile);
    for (int k = 1; k < n - 1; ++k) out.images[k] = band.segment(dof * (k - 1), dof);
  }
  const double top = *std::max_element(out.energies_eV.begin(), out.energies_eV.end());
  out.barrier_eV = top - out.energies_eV.front();
  out.reverse_barrier_eV = top - out.energies_eV.back();
  return out;
}

}  // namespace anodekmc::barriers
