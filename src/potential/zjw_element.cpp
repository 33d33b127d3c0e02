#include "potential/zjw_element.hpp"

#include <cmath>
#include <stdexcept>

namespace anodekmc::potential {

void zjw_shape(double y, double p, double c, double &value, double &dvalue_dy) {
  const double t = y - c;
  const double t2 = t * t, t4 = t2 * t2, t8 = t4 * t4, t16 = t8 * t8;
  const double t19 = t16 * t2 * t;
  const double denominator = 1.0 + t19 * t;
  const double numerator = std::exp(-p * (y - 1.0));
  value = numerator / denominator;
  dvalue_dy = value * (-p - 20.0 * t19 / denominator);
}

namespace {

/// Middle branch F(ρ) = F0 + F2 u² + F3 u³, u = ρ/ρ_e - 1, with its first two ρ-derivatives.
void middle_branch(const ZjwParameters &p, double rho, double &F, double &dF, double &d2F) {
  const double u = rho / p.rho_e - 1.0;
  F = p.F0_eV + u * u * (p.F2_eV + u * p.F3_eV);
  dF = u * (2.0 * p.F2_eV + 3.0 * u * p.F3_eV) / p.rho_e;
  d2F = (2.0 * p.F2_eV + 6.0 * u * p.F3_eV) / (p.rho_e * p.rho_e);
}

}  // namespace

ZjwElement::ZjwElement(const ZjwParameters &parameters, const std::string &label) : p_(parameters) {
  auto fail = [&](const std::string &what) {
    throw std::invalid_argument(label + ": " + what);
  };
  const double scales[] = {p_.r_e_A, p_.f_e, p_.rho_e, p_.alpha, p_.beta, p_.eta};
  for (double s : scales)
    if (!(s > 0) || !std::isfinite(s)) fail("r_e, f_e, rho_e, alpha, beta and eta must be positive and finite");
  const double others[] = {p_.A_eV, p_.B_eV, p_.kappa, p_.lambda, p_.F0_eV, p_.F2_eV, p_.F3_eV, p_.Fn3_eV};
  for (double s : others)
    if (!std::isfinite(s)) fail("every parameter must be finite");

  d_.rho_n = 0.85 * p_.rho_e;
  d_.rho_0 = 1.15 * p_.rho_e;
  double F = 0, dF = 0, d2F = 0;
  middle_branch(p_, d_.rho_n, F, dF, d2F);
  // Low branch in t = ρ/ρ_n - 1: matching value, slope and curvature at t = 0.
  d_.Fn0_eV = F;
  d_.Fn1_eV = dF * d_.rho_n;
  d_.Fn2_eV = 0.5 * d2F * d_.rho_n * d_.rho_n;

  // High branch G(ρ) = F_e [1 - η L] e^{ηL}, L = ln(ρ/ρ_s); G'(ρ) = -F_e η² L e^{ηL} / ρ.
  // With value and slope matched at ρ_0: L0 = F'ρ0 / (η (F'ρ0 - F η)).
  middle_branch(p_, d_.rho_0, F, dF, d2F);
  const double slope_times_rho = dF * d_.rho_0;
  const double denominator = p_.eta * (slope_times_rho - F * p_.eta);
  if (!(std::fabs(denominator) > 1e-300)) fail("no high-density branch matches F' at rho_0 (check F2, F3, eta)");
  const double L0 = slope_times_rho / denominator;
  const double shape0 = (1.0 - p_.eta * L0) * std::exp(p_.eta * L0);
  if (!(std::fabs(shape0) > 1e-12) || !std::isfinite(L0) || std::fabs(L0) > 50)
    fail("no high-density branch matches F and F' at rho_0 (check F2, F3, eta)");
  d_.rho_s = d_.rho_0 * std::exp(-L0);
  d_.F_e_eV = F / shape0;
}

void ZjwElement::density(double r_A, double &f, double &df_dr) const {
  double shape = 0, dshape = 0;
  zjw_shape(r_A / p_.r_e_A, p_.beta, p_.lambda, shape, dshape);
  f = p_.f_e * shape;
  df_dr = p_.f_e * dshape / p_.r_e_A;
}

void ZjwElement::pair(double r_A, double &phi_eV, double &dphi_dr) const {
  const double y = r_A / p_.r_e_A;
  double rep = 0, drep = 0, att = 0, datt = 0;
  zjw_shape(y, p_.alpha, p_.kappa, rep, drep);
  zjw_shape(y, p_.beta, p_.lambda, att, datt);
  phi_eV = p_.A_eV * rep - p_.B_eV * att;
  dphi_dr = (p_.A_eV * drep - p_.B_eV * datt) / p_.r_e_A;
}

void ZjwElement::embedding(double rho, double &F_eV, double &dF_drho) const {
  if (rho < d_.rho_n) {
    const double t = rho / d_.rho_n - 1.0;
    F_eV = d_.Fn0_eV + t * (d_.Fn1_eV + t * (d_.Fn2_eV + t * p_.Fn3_eV));
    dF_drho = (d_.Fn1_eV + t * (2.0 * d_.Fn2_eV + 3.0 * t * p_.Fn3_eV)) / d_.rho_n;
    return;
  }
  if (rho < d_.rho_0) {
    double d2F = 0;
    middle_branch(p_, rho, F_eV, dF_drho, d2F);
    return;
  }
  const double L = std::log(rho / d_.rho_s);
  const double power = std::exp(p_.eta * L);
  F_eV = d_.F_e_eV * (1.0 - p_.eta * L) * power;
  dF_drho = -d_.F_e_eV * p_.eta * p_.eta * L * power / rho;
}

}  // namespace anodekmc::potential
