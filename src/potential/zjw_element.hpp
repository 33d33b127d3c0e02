// The Zhou–Johnson–Wadley EAM functions of one element (X. W. Zhou, R. A. Johnson and
// H. N. G. Wadley, Phys. Rev. B 69, 144113 (2004), Eqs. 4–6), written from the paper's
// equations:
//
//   f(r)   = f_e exp[-β(r/r_e - 1)] / (1 + (r/r_e - λ)^20)
//   φ(r)   = A exp[-α(r/r_e - 1)] / (1 + (r/r_e - κ)^20) - B exp[-β(r/r_e - 1)] / (1 + (r/r_e - λ)^20)
//   F(ρ)   = Σ_i Fn_i (ρ/ρ_n - 1)^i              ρ < ρ_n = 0.85 ρ_e
//          = Σ_i F_i  (ρ/ρ_e - 1)^i              ρ_n ≤ ρ < ρ_0 = 1.15 ρ_e
//          = F_e [1 - η ln(ρ/ρ_s)] (ρ/ρ_s)^η    ρ ≥ ρ_0
//
// These are the raw, untruncated functions; the smooth cutoff is applied by the model
// (eam_model.hpp), because the Johnson mixing rule needs the untruncated ratio f_b/f_a.
//
// Continuity: the paper lists Fn_0..2, F_e and ρ_s as independent numbers, which leaves small
// jumps in F and F' at ρ_n and ρ_0 (an MD run would see an energy jump). Here Fn_0..Fn_2 are
// derived so that F, F' and F'' are continuous at ρ_n, and F_e, ρ_s so that F and F' are
// continuous at ρ_0 (forces stay continuous). The free embedding parameters are F_0, F_2, F_3
// (F_1 = 0 fixes the EAM gauge at ρ_e), Fn_3 and η. See docs/potential_database.md.
#pragma once

#include <string>

namespace anodekmc::potential {

/// The independent (stored, fitted) parameters of one element.
struct ZjwParameters {
  double r_e_A = 0;     // nearest-neighbour distance scale
  double f_e = 0;       // density scale (matters between elements)
  double rho_e = 0;     // equilibrium host density (the F expansion point)
  double alpha = 0;     // repulsive decay
  double beta = 0;      // attractive and density decay
  double A_eV = 0;      // repulsive amplitude
  double B_eV = 0;      // attractive amplitude
  double kappa = 0;     // repulsive cut-off shape (in units of r_e)
  double lambda = 0;    // attractive and density cut-off shape (in units of r_e)
  double F0_eV = 0;     // F(ρ_e)
  double F2_eV = 0;     // second-order coefficient of F around ρ_e
  double F3_eV = 0;     // third-order coefficient of F around ρ_e
  double Fn3_eV = 0;    // third-order coefficient below ρ_n
  double eta = 0;       // high-density exponent
};

/// Derived embedding coefficients that make F continuous (see the file comment).
struct ZjwDerived {
  double rho_n = 0, rho_0 = 0;
  double Fn0_eV = 0, Fn1_eV = 0, Fn2_eV = 0;
  double F_e_eV = 0, rho_s = 0;
};

/// Raw (untruncated) functions of one element; value and derivative in one call.
class ZjwElement {
 public:
  ZjwElement() = default;
  /// Throws std::invalid_argument (naming `label`) if the parameters give no valid embedding
  /// function (non-positive scales, or no finite ρ_s that makes F' continuous at ρ_0).
  ZjwElement(const ZjwParameters &parameters, const std::string &label);

  const ZjwParameters &parameters() const { return p_; }
  const ZjwDerived &derived() const { return d_; }

  /// f(r) and df/dr (electron density contributed at distance r).
  void density(double r_A, double &f, double &df_dr) const;
  /// The two terms of φ, separately (Johnson mixing needs φ itself; the split helps testing).
  void pair(double r_A, double &phi_eV, double &dphi_dr) const;
  /// F(ρ) and dF/dρ.
  void embedding(double rho, double &F_eV, double &dF_drho) const;

 private:
  ZjwParameters p_;
  ZjwDerived d_;
};

/// exp[-p (y - 1)] / (1 + (y - c)^20) and its derivative with respect to y.
void zjw_shape(double y, double p, double c, double &value, double &dvalue_dy);

}  // namespace anodekmc::potential
