// anodekmc/lookup_table.hpp: header-only reader of anodekmc lookup tables (docs/lookup_table.md).
//
// Loads a table written by `anodekmc table build` (table.json, or table.csv with arrhenius.csv)
// and returns the surface diffusivity D(T, x) of a system, facet and quantity ("tracer" or
// "collective") by bilinear interpolation of ln D in (1/T, log10 x): Arrhenius behaviour is
// linear in 1/T, so this is exact for Arrhenius data, where linear interpolation of D in T is
// biased by tens of percent (SCIENCE.md section 6). A table is split per complexion; a query
// never interpolates across a first-order transition.
//
// Outside the tabulated range the caller chooses (Extrapolation):
//   clamp     : use the nearest edge of the table (1/T and log10 x clamped);
//   arrhenius : beyond the T range continue ln D from the edge along the fitted Arrhenius slope
//               -Ea/k_B (interpolated in log10 x like the data); x is clamped (composition
//               dependence is not Arrhenius);
//   error     : throw anodekmc::LookupTableError.
// Needs only the C++17 standard library and nlohmann-json.
#pragma once

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

namespace anodekmc {

class LookupTableError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class Extrapolation { clamp, arrhenius, error };

/// One interpolation grid: ln D of one quantity for one (system, facet, complexion).
class LookupGrid {
 public:
  std::string system, facet, complexion, solute, quantity;
  std::vector<double> inverse_temperature_per_K;  // strictly ascending
  std::vector<double> log10_solute_fraction;      // strictly ascending; empty for a pure host
  std::vector<double> ln_D_m2_per_s;              // 1/T varies fastest
  std::vector<double> arrhenius_slope_K;          // d ln D / d(1/T) = -Ea/k_B, one per composition

  static constexpr double kBoltzmann_eV_per_K = 8.617333262e-5;

  bool pure() const { return log10_solute_fraction.empty(); }
  std::string label() const {
    return system + " " + facet + " " + quantity + (complexion == "none" ? "" : " (complexion " + complexion + ")");
  }
  double T_min_K() const { return 1.0 / inverse_temperature_per_K.back(); }
  double T_max_K() const { return 1.0 / inverse_temperature_per_K.front(); }

  /// ln(D / (m^2/s)) at temperature T (K) and solute fraction x (ignored for a pure host).
  double ln_D(double temperature_K, double solute_fraction, Extrapolation policy) const {
    if (!(temperature_K > 0.0) || !std::isfinite(temperature_K))
      throw LookupTableError(label() + ": temperature must be a finite number > 0 K, got " + std::to_string(temperature_K));
    double v = 1.0 / temperature_K;
    double u = 0.0;
    if (!pure()) {
      if (!(solute_fraction > 0.0) || !std::isfinite(solute_fraction))
        throw LookupTableError(label() + ": solute fraction must be > 0 (the axis is log10 x), got " +
                               std::to_string(solute_fraction));
      u = std::log10(solute_fraction);
    }
    const double v_lo = inverse_temperature_per_K.front(), v_hi = inverse_temperature_per_K.back();
    const bool v_out = v < v_lo || v > v_hi;
    const bool u_out = !pure() && (u < log10_solute_fraction.front() || u > log10_solute_fraction.back());
    if (policy == Extrapolation::error && (v_out || u_out)) {
      std::ostringstream m;
      m << label() << ": (T = " << temperature_K << " K, x = " << solute_fraction
        << ") is outside the table: T in [" << T_min_K() << ", " << T_max_K() << "] K";
      if (!pure())
        m << ", x in [" << std::pow(10.0, log10_solute_fraction.front()) << ", "
          << std::pow(10.0, log10_solute_fraction.back()) << "]";
      throw LookupTableError(m.str());
    }
    if (!pure()) u = std::min(std::max(u, log10_solute_fraction.front()), log10_solute_fraction.back());
    const double v_edge = std::min(std::max(v, v_lo), v_hi);
    std::size_t j = 0;
    double s = 0.0;
    locate(log10_solute_fraction, u, j, s);
    double value = interpolate(v_edge, j, s);
    if (policy == Extrapolation::arrhenius && v_out) {
      const double slope = arrhenius_slope_K.size() > j + 1 && s != 0.0
                               ? (1.0 - s) * arrhenius_slope_K[j] + s * arrhenius_slope_K[j + 1]
                               : arrhenius_slope_K[j];
      value += slope * (v - v_edge);
    }
    return value;
  }

  double D_m2_per_s(double temperature_K, double solute_fraction, Extrapolation policy) const {
    return std::exp(ln_D(temperature_K, solute_fraction, policy));
  }

  /// Throws LookupTableError (prefixed by `where`) if the grid is not a valid interpolation grid.
  void validate(const std::string &where) const {
    const std::string at = where + ": grid " + label() + ": ";
    auto increasing = [&](const std::vector<double> &axis, const char *name, std::size_t minimum) {
      if (axis.size() < minimum) throw LookupTableError(at + name + " needs at least " + std::to_string(minimum) + " values");
      for (std::size_t i = 0; i < axis.size(); ++i) {
        if (!std::isfinite(axis[i])) throw LookupTableError(at + name + " holds a non-finite value");
        if (i > 0 && !(axis[i] > axis[i - 1])) throw LookupTableError(at + name + " is not strictly increasing");
      }
    };
    increasing(inverse_temperature_per_K, "inverse_temperature_per_K", 2);
    if (inverse_temperature_per_K.front() <= 0.0) throw LookupTableError(at + "1/T values must be > 0");
    increasing(log10_solute_fraction, "log10_solute_fraction", 0);
    if (!pure() && log10_solute_fraction.back() >= 0.0)
      throw LookupTableError(at + "log10_solute_fraction must be < 0 (solute fractions below 1)");
    const std::size_t nx = pure() ? 1 : log10_solute_fraction.size();
    if (ln_D_m2_per_s.size() != inverse_temperature_per_K.size() * nx)
      throw LookupTableError(at + "ln_D_m2_per_s holds " + std::to_string(ln_D_m2_per_s.size()) + " values, expected " +
                             std::to_string(inverse_temperature_per_K.size() * nx) + " (1/T values x compositions)");
    for (double value : ln_D_m2_per_s)
      if (!std::isfinite(value)) throw LookupTableError(at + "ln_D_m2_per_s holds a non-finite value");
    if (arrhenius_slope_K.size() != nx)
      throw LookupTableError(at + "needs one Arrhenius fit per composition (" + std::to_string(nx) + "), got " +
                             std::to_string(arrhenius_slope_K.size()));
    for (double value : arrhenius_slope_K)
      if (!std::isfinite(value)) throw LookupTableError(at + "an Arrhenius energy is not finite");
  }

 private:
  // Cell index i (axis[i] <= value <= axis[i+1]) and fraction t in [0, 1] of a value already
  // inside the axis; a one-point (or empty) axis gives i = 0, t = 0.
  static void locate(const std::vector<double> &axis, double value, std::size_t &i, double &t) {
    i = 0;
    t = 0.0;
    if (axis.size() < 2) return;
    const auto upper = std::upper_bound(axis.begin(), axis.end(), value);
    i = static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, (upper - axis.begin()) - 1));
    if (i > axis.size() - 2) i = axis.size() - 2;
    t = (value - axis[i]) / (axis[i + 1] - axis[i]);
  }
  double interpolate(double v, std::size_t j, double s) const {
    const std::size_t nx = inverse_temperature_per_K.size();
    std::size_t i = 0;
    double t = 0.0;
    locate(inverse_temperature_per_K, v, i, t);
    const double *row0 = ln_D_m2_per_s.data() + j * nx;
    const double at0 = (1.0 - t) * row0[i] + t * row0[i + 1];
    if (s == 0.0) return at0;
    const double *row1 = row0 + nx;
    const double at1 = (1.0 - t) * row1[i] + t * row1[i + 1];
    return (1.0 - s) * at0 + s * at1;
  }
};

/// A whole table: every grid of every system, facet, complexion and quantity.
class LookupTable {
 public:
  /// Loads "table.json", or "table.csv" together with "arrhenius.csv" in the same folder.
  static LookupTable load(const std::string &path) {
    const bool csv = path.size() >= 4 && path.compare(path.size() - 4, 4, ".csv") == 0;
    if (!csv) return from_json(read_text(path), path);
    const std::size_t slash = path.find_last_of('/');
    const std::string folder = slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
    return from_csv(read_text(path), read_text(folder + "arrhenius.csv"), path);
  }

  static LookupTable from_json(const std::string &text, const std::string &source) {
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(text);
    } catch (const std::exception &e) {
      throw LookupTableError(source + ": not valid JSON (" + e.what() + ")");
    }
    try {
      if (!j.is_object() || !j.contains("format") || j.at("format") != "anodekmc-lookup-table")
        throw LookupTableError(source + ": not an anodekmc lookup table (\"format\" must be \"anodekmc-lookup-table\")");
      if (j.at("format_version") != 1)
        throw LookupTableError(source + ": format_version " + j.at("format_version").dump() + " is not supported (1)");
      LookupTable table;
      table.name_ = j.at("name").get<std::string>();
      std::size_t index = 0;
      for (const auto &g : j.at("grids")) {
        const std::string where = source + ": grids[" + std::to_string(index++) + "]";
        for (const char *key : {"system", "facet", "complexion", "solute", "temperature_K", "inverse_temperature_per_K",
                                "log10_solute_fraction", "ln_D_m2_per_s", "arrhenius"})
          if (!g.contains(key)) throw LookupTableError(where + ": key '" + std::string(key) + "' is missing");
        const auto T = g.at("temperature_K").get<std::vector<double>>();
        const auto v = g.at("inverse_temperature_per_K").get<std::vector<double>>();
        // A mislabelled axis (e.g. T in another unit, or 1/T not matching T) is an error.
        if (T.size() != v.size()) throw LookupTableError(where + ": temperature_K and inverse_temperature_per_K differ in length");
        for (std::size_t k = 0; k < T.size(); ++k)
          if (!(std::fabs(T[k] * v[k] - 1.0) < 1e-12))
            throw LookupTableError(where + ": inverse_temperature_per_K[" + std::to_string(k) +
                                   "] is not 1/temperature_K (mislabelled axis?)");
        for (const auto &[quantity, values] : g.at("ln_D_m2_per_s").items()) {
          LookupGrid grid;
          grid.system = g.at("system").get<std::string>();
          grid.facet = g.at("facet").get<std::string>();
          grid.complexion = g.at("complexion").get<std::string>();
          grid.solute = g.at("solute").get<std::string>();
          grid.quantity = quantity;
          grid.inverse_temperature_per_K = v;
          grid.log10_solute_fraction = g.at("log10_solute_fraction").get<std::vector<double>>();
          grid.ln_D_m2_per_s = values.get<std::vector<double>>();
          if (!g.at("arrhenius").contains(quantity))
            throw LookupTableError(where + ": no Arrhenius fits for quantity '" + quantity + "'");
          for (const auto &fit : g.at("arrhenius").at(quantity))
            grid.arrhenius_slope_K.push_back(-fit.at("Ea_eV").get<double>() / LookupGrid::kBoltzmann_eV_per_K);
          table.add(std::move(grid), where);
        }
      }
      table.check_complexion_ranges(source);
      return table;
    } catch (const LookupTableError &) {
      throw;
    } catch (const std::exception &e) {
      throw LookupTableError(source + ": malformed table (" + e.what() + ")");
    }
  }

  /// From the texts of table.csv and arrhenius.csv (both as written by anodekmc table build).
  static LookupTable from_csv(const std::string &table_csv, const std::string &arrhenius_csv, const std::string &source) {
    const std::string arrhenius_source = source + " (arrhenius.csv)";
    const Csv rows = Csv::parse(table_csv, source);
    const Csv fits = Csv::parse(arrhenius_csv, arrhenius_source);
    rows.require_columns({"system", "facet", "complexion", "solute", "temperature_K", "inverse_temperature_per_K",
                          "solute_fraction", "log10_solute_fraction", "seeds", "tracer_D_m2_per_s",
                          "tracer_D_stderr_m2_per_s", "ln_tracer_D_m2_per_s", "collective_D_m2_per_s",
                          "collective_D_stderr_m2_per_s", "ln_collective_D_m2_per_s"});
    fits.require_columns({"system", "facet", "complexion", "solute", "solute_fraction", "log10_solute_fraction",
                          "quantity", "D0_m2_per_s", "ln_D0_m2_per_s", "ln_D0_stderr", "Ea_eV", "Ea_stderr_eV",
                          "T_min_K", "T_max_K", "points", "reduced_chi2", "weighted"});
    using Key = std::tuple<std::string, std::string, std::string>;  // system, facet, complexion
    std::vector<Key> order;
    std::map<Key, std::vector<std::size_t>> members;
    for (std::size_t r = 0; r < rows.rows.size(); ++r) {
      const Key key{rows.cell(r, "system"), rows.cell(r, "facet"), rows.cell(r, "complexion")};
      if (!members.count(key)) order.push_back(key);
      members[key].push_back(r);
    }
    LookupTable table;
    table.name_ = source;
    for (const Key &key : order) {
      const auto &list = members[key];
      const bool pure = rows.cell(list[0], "solute") == "none";
      std::vector<double> v, u;
      for (std::size_t r : list) {
        const double T = rows.number(r, "temperature_K"), inv = rows.number(r, "inverse_temperature_per_K");
        if (!(std::fabs(T * inv - 1.0) < 1e-12))
          throw LookupTableError(rows.where(r) + "inverse_temperature_per_K is not 1/temperature_K (mislabelled column?)");
        v.push_back(inv);
        if (!pure) u.push_back(rows.number(r, "log10_solute_fraction"));
      }
      auto unique_sorted = [](std::vector<double> a) {
        std::sort(a.begin(), a.end());
        a.erase(std::unique(a.begin(), a.end()), a.end());
        return a;
      };
      v = unique_sorted(v);
      u = unique_sorted(u);
      const std::size_t nx = pure ? 1 : u.size();
      if (list.size() != v.size() * nx)
        throw LookupTableError(source + ": " + std::get<0>(key) + " " + std::get<1>(key) +
                               ": rows do not form a complete (1/T, x) grid");
      for (const std::string quantity : {"tracer", "collective"}) {
        LookupGrid grid;
        std::tie(grid.system, grid.facet, grid.complexion) = key;
        grid.solute = rows.cell(list[0], "solute");
        grid.quantity = quantity;
        grid.inverse_temperature_per_K = v;
        grid.log10_solute_fraction = u;
        grid.ln_D_m2_per_s.assign(v.size() * nx, std::nan(""));
        for (std::size_t r : list) {
          const std::size_t i = static_cast<std::size_t>(
              std::lower_bound(v.begin(), v.end(), rows.number(r, "inverse_temperature_per_K")) - v.begin());
          const std::size_t c = pure ? 0
                                     : static_cast<std::size_t>(std::lower_bound(u.begin(), u.end(),
                                                                                 rows.number(r, "log10_solute_fraction")) -
                                                                u.begin());
          double &slot = grid.ln_D_m2_per_s[c * v.size() + i];
          if (!std::isnan(slot)) throw LookupTableError(rows.where(r) + "a condition appears twice");
          slot = rows.number(r, "ln_" + quantity + "_D_m2_per_s");
        }
        grid.arrhenius_slope_K.assign(nx, std::nan(""));
        for (std::size_t r = 0; r < fits.rows.size(); ++r) {
          if (fits.cell(r, "system") != grid.system || fits.cell(r, "facet") != grid.facet ||
              fits.cell(r, "complexion") != grid.complexion || fits.cell(r, "quantity") != quantity)
            continue;
          std::size_t c = 0;
          if (!pure) {
            const double uc = fits.number(r, "log10_solute_fraction");
            c = static_cast<std::size_t>(std::lower_bound(u.begin(), u.end(), uc) - u.begin());
            if (c >= u.size() || u[c] != uc) throw LookupTableError(fits.where(r) + "composition not in the table");
          }
          grid.arrhenius_slope_K[c] = -fits.number(r, "Ea_eV") / LookupGrid::kBoltzmann_eV_per_K;
        }
        for (double slope : grid.arrhenius_slope_K)
          if (std::isnan(slope))
            throw LookupTableError(arrhenius_source + ": no Arrhenius fit for a composition of " + grid.label());
        table.add(std::move(grid), source);
      }
    }
    table.check_complexion_ranges(source);
    return table;
  }

  const std::string &name() const { return name_; }
  const std::vector<LookupGrid> &grids() const { return grids_; }

  /// The grid of a (system, facet, quantity) holding solute fraction x: the complexion whose
  /// composition range contains x (the lowest or highest one outside all ranges). Throws if x
  /// lies between two complexions: the table does not interpolate across a transition.
  const LookupGrid &grid_for(const std::string &system, const std::string &facet, const std::string &quantity,
                             double solute_fraction) const {
    std::vector<const LookupGrid *> matches;
    for (const auto &g : grids_)
      if (g.system == system && g.facet == facet && g.quantity == quantity) matches.push_back(&g);
    if (matches.empty())
      throw LookupTableError(name_ + ": no grid for system '" + system + "', facet '" + facet + "', quantity '" +
                             quantity + "'");
    if (matches.size() == 1 || matches[0]->pure()) return *matches[0];
    const double u = std::log10(solute_fraction);
    std::sort(matches.begin(), matches.end(), [](const LookupGrid *a, const LookupGrid *b) {
      return a->log10_solute_fraction.front() < b->log10_solute_fraction.front();
    });
    if (!(u >= matches.front()->log10_solute_fraction.front())) return *matches.front();
    for (std::size_t k = 0; k < matches.size(); ++k) {
      if (u <= matches[k]->log10_solute_fraction.back()) return *matches[k];
      if (k + 1 < matches.size() && u < matches[k + 1]->log10_solute_fraction.front())
        throw LookupTableError(name_ + ": x = " + std::to_string(solute_fraction) + " lies between complexion '" +
                               matches[k]->complexion + "' and complexion '" + matches[k + 1]->complexion +
                               "' (a first-order transition); query grid(..., complexion) explicitly");
    }
    return *matches.back();
  }

  /// The grid of a (system, facet, quantity, complexion); complexion "" if there is only one.
  const LookupGrid &grid(const std::string &system, const std::string &facet, const std::string &quantity,
                         const std::string &complexion = "") const {
    const LookupGrid *found = nullptr;
    for (const auto &g : grids_)
      if (g.system == system && g.facet == facet && g.quantity == quantity &&
          (complexion.empty() || g.complexion == complexion)) {
        if (found) throw LookupTableError(name_ + ": several complexions for " + g.label() + "; name one");
        found = &g;
      }
    if (!found)
      throw LookupTableError(name_ + ": no grid for system '" + system + "', facet '" + facet + "', quantity '" +
                             quantity + "'" + (complexion.empty() ? "" : ", complexion '" + complexion + "'"));
    return *found;
  }

  double ln_D(const std::string &system, const std::string &facet, const std::string &quantity, double temperature_K,
              double solute_fraction, Extrapolation policy) const {
    return grid_for(system, facet, quantity, solute_fraction).ln_D(temperature_K, solute_fraction, policy);
  }
  double D_m2_per_s(const std::string &system, const std::string &facet, const std::string &quantity,
                    double temperature_K, double solute_fraction, Extrapolation policy) const {
    return std::exp(ln_D(system, facet, quantity, temperature_K, solute_fraction, policy));
  }

 private:
  // Minimal CSV of the two table files: '#' comment lines, then a header, then rows.
  struct Csv {
    std::string source;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<int> lines;

    static Csv parse(const std::string &text, const std::string &source) {
      Csv csv;
      csv.source = source;
      std::istringstream in(text);
      std::string line;
      int number = 0;
      while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> cells;
        std::size_t start = 0;
        while (true) {
          const std::size_t comma = line.find(',', start);
          cells.push_back(line.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
          if (comma == std::string::npos) break;
          start = comma + 1;
        }
        if (csv.header.empty()) {
          csv.header = cells;
          continue;
        }
        if (cells.size() != csv.header.size())
          throw LookupTableError(source + ":" + std::to_string(number) + ": " + std::to_string(cells.size()) +
                                 " cells, the header has " + std::to_string(csv.header.size()));
        csv.rows.push_back(cells);
        csv.lines.push_back(number);
      }
      if (csv.header.empty()) throw LookupTableError(source + ": no header line");
      if (csv.rows.empty()) throw LookupTableError(source + ": no rows");
      return csv;
    }
    void require_columns(const std::vector<std::string> &names) const {
      for (std::size_t k = 0; k < names.size(); ++k)
        if (k >= header.size() || header[k] != names[k])
          throw LookupTableError(source + ": column " + std::to_string(k + 1) + " is '" +
                                 (k < header.size() ? header[k] : std::string("(missing)")) + "', expected '" +
                                 names[k] + "' (wrong file or unit?)");
    }
    std::string where(std::size_t r) const { return source + ":" + std::to_string(lines[r]) + ": "; }
    const std::string &cell(std::size_t r, const std::string &column) const {
      const auto it = std::find(header.begin(), header.end(), column);
      if (it == header.end()) throw LookupTableError(source + ": no column '" + column + "'");
      return rows[r][static_cast<std::size_t>(it - header.begin())];
    }
    double number(std::size_t r, const std::string &column) const {
      const std::string &text = cell(r, column);
      std::size_t used = 0;
      double value = 0.0;
      try {
        value = std::stod(text, &used);
      } catch (const std::exception &) {
        used = 0;
      }
      if (used == 0 || used != text.size() || !std::isfinite(value))
        throw LookupTableError(where(r) + "column '" + column + "' expects a finite number, got '" + text + "'");
      return value;
    }
  };

  static std::string read_text(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw LookupTableError(path + ": cannot open");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

  void add(LookupGrid grid, const std::string &where) {
    grid.validate(where);
    for (const auto &g : grids_)
      if (g.system == grid.system && g.facet == grid.facet && g.quantity == grid.quantity &&
          g.complexion == grid.complexion)
        throw LookupTableError(where + ": grid " + grid.label() + " appears twice");
    grids_.push_back(std::move(grid));
  }

  // Complexions of one (system, facet, quantity) must cover disjoint composition ranges.
  void check_complexion_ranges(const std::string &source) const {
    for (const auto &a : grids_)
      for (const auto &b : grids_) {
        if (&a == &b || a.system != b.system || a.facet != b.facet || a.quantity != b.quantity) continue;
        if (a.pure() || b.pure())
          throw LookupTableError(source + ": " + a.label() + ": a pure host cannot have several complexions");
        const bool overlap = !(a.log10_solute_fraction.back() < b.log10_solute_fraction.front() ||
                               b.log10_solute_fraction.back() < a.log10_solute_fraction.front());
        if (overlap)
          throw LookupTableError(source + ": complexions '" + a.complexion + "' and '" + b.complexion + "' of " +
                                 a.system + " " + a.facet + " overlap in composition");
      }
  }

  std::string name_;
  std::vector<LookupGrid> grids_;
};

}  // namespace anodekmc
