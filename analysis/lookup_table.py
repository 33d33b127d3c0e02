#!/usr/bin/python3
"""Reader of anodekmc lookup tables (table.json, or table.csv with arrhenius.csv): the same
interpolation as the C++ header anodekmc/lookup_table.hpp (docs/lookup_table.md).

ln D is interpolated bilinearly in (1/T, log10 x); outside the table the policy decides:
'clamp' (nearest edge), 'arrhenius' (beyond the T range, continue from the edge along the
fitted slope -Ea/k_B; x clamped), 'error' (raise LookupTableError). Needs numpy only.

Use as a module:
    from lookup_table import LookupTable
    table = LookupTable.load("table.json")
    D = table.D_m2_per_s("LiIn", "bcc100", "tracer", 300.0, 0.05, "clamp")
or from the shell:
    python3 analysis/lookup_table.py table.json --system LiIn --facet bcc100 --T 300 --x 0.05
    python3 analysis/lookup_table.py table.json --queries q.csv   (lines: system,facet,quantity,T_K,x,policy)
"""
import argparse
import bisect
import csv
import io
import json
import math
import os
import sys

import numpy as np

BOLTZMANN_EV_PER_K = 8.617333262e-5
POLICIES = ("clamp", "arrhenius", "error")


class LookupTableError(Exception):
    pass


class LookupGrid:
    """ln D of one quantity for one (system, facet, complexion)."""

    def __init__(self, system, facet, complexion, solute, quantity, inverse_T, log10_x, ln_D, slopes):
        self.system, self.facet, self.complexion, self.solute, self.quantity = system, facet, complexion, solute, quantity
        self.inverse_temperature_per_K = [float(v) for v in inverse_T]
        self.log10_solute_fraction = [float(u) for u in log10_x]
        self.ln_D_m2_per_s = np.asarray(ln_D, dtype=float)
        self.arrhenius_slope_K = [float(s) for s in slopes]

    def pure(self):
        return len(self.log10_solute_fraction) == 0

    def label(self):
        extra = "" if self.complexion == "none" else " (complexion %s)" % self.complexion
        return "%s %s %s%s" % (self.system, self.facet, self.quantity, extra)

    def validate(self, where):
        at = "%s: grid %s: " % (where, self.label())

        def increasing(axis, name, minimum):
            if len(axis) < minimum:
                raise LookupTableError(at + "%s needs at least %d values" % (name, minimum))
            for i, a in enumerate(axis):
                if not math.isfinite(a):
                    raise LookupTableError(at + name + " holds a non-finite value")
                if i > 0 and not a > axis[i - 1]:
                    raise LookupTableError(at + name + " is not strictly increasing")

        increasing(self.inverse_temperature_per_K, "inverse_temperature_per_K", 2)
        if self.inverse_temperature_per_K[0] <= 0:
            raise LookupTableError(at + "1/T values must be > 0")
        increasing(self.log10_solute_fraction, "log10_solute_fraction", 0)
        if not self.pure() and self.log10_solute_fraction[-1] >= 0:
            raise LookupTableError(at + "log10_solute_fraction must be < 0 (solute fractions below 1)")
        nx = 1 if self.pure() else len(self.log10_solute_fraction)
        if self.ln_D_m2_per_s.size != len(self.inverse_temperature_per_K) * nx:
            raise LookupTableError(at + "ln_D_m2_per_s holds %d values, expected %d (1/T values x compositions)"
                                   % (self.ln_D_m2_per_s.size, len(self.inverse_temperature_per_K) * nx))
        if not np.all(np.isfinite(self.ln_D_m2_per_s)):
            raise LookupTableError(at + "ln_D_m2_per_s holds a non-finite value")
        if len(self.arrhenius_slope_K) != nx:
            raise LookupTableError(at + "needs one Arrhenius fit per composition (%d), got %d"
                                   % (nx, len(self.arrhenius_slope_K)))

    @staticmethod
    def _locate(axis, value):
        # Cell i (axis[i] <= value <= axis[i+1]) and fraction t of a value inside the axis.
        if len(axis) < 2:
            return 0, 0.0
        i = max(0, bisect.bisect_right(axis, value) - 1)
        i = min(i, len(axis) - 2)
        return i, (value - axis[i]) / (axis[i + 1] - axis[i])

    def _interpolate(self, v, j, s):
        nx = len(self.inverse_temperature_per_K)
        i, t = self._locate(self.inverse_temperature_per_K, v)
        row0 = self.ln_D_m2_per_s[j * nx:(j + 1) * nx]
        at0 = (1.0 - t) * row0[i] + t * row0[i + 1]
        if s == 0.0:
            return float(at0)
        row1 = self.ln_D_m2_per_s[(j + 1) * nx:(j + 2) * nx]
        at1 = (1.0 - t) * row1[i] + t * row1[i + 1]
        return float((1.0 - s) * at0 + s * at1)

    def ln_D(self, temperature_K, solute_fraction, policy):
        if policy not in POLICIES:
            raise LookupTableError("unknown extrapolation policy '%s' (expected clamp, arrhenius or error)" % policy)
        if not (temperature_K > 0 and math.isfinite(temperature_K)):
            raise LookupTableError("%s: temperature must be a finite number > 0 K, got %r" % (self.label(), temperature_K))
        v = 1.0 / temperature_K
        u = 0.0
        if not self.pure():
            if not (solute_fraction > 0 and math.isfinite(solute_fraction)):
                raise LookupTableError("%s: solute fraction must be > 0 (the axis is log10 x), got %r"
                                       % (self.label(), solute_fraction))
            u = math.log10(solute_fraction)
        v_lo, v_hi = self.inverse_temperature_per_K[0], self.inverse_temperature_per_K[-1]
        v_out = v < v_lo or v > v_hi
        u_out = (not self.pure()) and (u < self.log10_solute_fraction[0] or u > self.log10_solute_fraction[-1])
        if policy == "error" and (v_out or u_out):
            raise LookupTableError("%s: (T = %g K, x = %g) is outside the table" % (self.label(), temperature_K,
                                                                                   solute_fraction))
        if not self.pure():
            u = min(max(u, self.log10_solute_fraction[0]), self.log10_solute_fraction[-1])
        v_edge = min(max(v, v_lo), v_hi)
        j, s = self._locate(self.log10_solute_fraction, u)
        value = self._interpolate(v_edge, j, s)
        if policy == "arrhenius" and v_out:
            slopes = self.arrhenius_slope_K
            if len(slopes) > j + 1 and s != 0.0:
                slope = (1.0 - s) * slopes[j] + s * slopes[j + 1]
            else:
                slope = slopes[j]
            value += slope * (v - v_edge)
        return value


class LookupTable:
    def __init__(self, name, grids):
        self.name = name
        self.grids = grids

    @staticmethod
    def load(path):
        if path.endswith(".csv"):
            folder = os.path.dirname(path)
            with open(path) as f, open(os.path.join(folder, "arrhenius.csv")) as g:
                return LookupTable.from_csv(f.read(), g.read(), path)
        with open(path) as f:
            return LookupTable.from_json(f.read(), path)

    @staticmethod
    def from_json(text, source):
        try:
            j = json.loads(text)
        except ValueError as e:
            raise LookupTableError("%s: not valid JSON (%s)" % (source, e))
        if not isinstance(j, dict) or j.get("format") != "anodekmc-lookup-table":
            raise LookupTableError(source + ': not an anodekmc lookup table ("format" must be "anodekmc-lookup-table")')
        if j.get("format_version") != 1:
            raise LookupTableError("%s: format_version %r is not supported (1)" % (source, j.get("format_version")))
        grids = []
        for index, g in enumerate(j["grids"]):
            where = "%s: grids[%d]" % (source, index)
            for key in ("system", "facet", "complexion", "solute", "temperature_K", "inverse_temperature_per_K",
                        "log10_solute_fraction", "ln_D_m2_per_s", "arrhenius"):
                if key not in g:
                    raise LookupTableError("%s: key '%s' is missing" % (where, key))
            T, v = g["temperature_K"], g["inverse_temperature_per_K"]
            if len(T) != len(v):
                raise LookupTableError(where + ": temperature_K and inverse_temperature_per_K differ in length")
            for k, (a, b) in enumerate(zip(T, v)):
                if not abs(a * b - 1.0) < 1e-12:
                    raise LookupTableError("%s: inverse_temperature_per_K[%d] is not 1/temperature_K (mislabelled axis?)"
                                           % (where, k))
            for quantity, values in g["ln_D_m2_per_s"].items():
                if quantity not in g["arrhenius"]:
                    raise LookupTableError("%s: no Arrhenius fits for quantity '%s'" % (where, quantity))
                slopes = [-fit["Ea_eV"] / BOLTZMANN_EV_PER_K for fit in g["arrhenius"][quantity]]
                grid = LookupGrid(g["system"], g["facet"], g["complexion"], g["solute"], quantity, v,
                                  g["log10_solute_fraction"], values, slopes)
                LookupTable._add(grids, grid, where)
        LookupTable._check_complexions(grids, source)
        return LookupTable(j["name"], grids)

    @staticmethod
    def from_csv(table_text, arrhenius_text, source):
        rows = _read_csv(table_text, source, ["system", "facet", "complexion", "solute", "temperature_K",
                                              "inverse_temperature_per_K", "solute_fraction", "log10_solute_fraction",
                                              "seeds", "tracer_D_m2_per_s", "tracer_D_stderr_m2_per_s",
                                              "ln_tracer_D_m2_per_s", "collective_D_m2_per_s",
                                              "collective_D_stderr_m2_per_s", "ln_collective_D_m2_per_s"])
        fits = _read_csv(arrhenius_text, source + " (arrhenius.csv)",
                         ["system", "facet", "complexion", "solute", "solute_fraction", "log10_solute_fraction",
                          "quantity", "D0_m2_per_s", "ln_D0_m2_per_s", "ln_D0_stderr", "Ea_eV", "Ea_stderr_eV",
                          "T_min_K", "T_max_K", "points", "reduced_chi2", "weighted"])
        groups = {}
        for line, r in rows:
            key = (r["system"], r["facet"], r["complexion"])
            groups.setdefault(key, []).append((line, r))
        grids = []
        for key, members in groups.items():
            pure = members[0][1]["solute"] == "none"
            for line, r in members:
                if not abs(_number(r, "temperature_K", source, line) * _number(r, "inverse_temperature_per_K", source, line)
                           - 1.0) < 1e-12:
                    raise LookupTableError("%s:%d: inverse_temperature_per_K is not 1/temperature_K (mislabelled column?)"
                                           % (source, line))
            v = sorted({_number(r, "inverse_temperature_per_K", source, line) for line, r in members})
            u = [] if pure else sorted({_number(r, "log10_solute_fraction", source, line) for line, r in members})
            nx = 1 if pure else len(u)
            if len(members) != len(v) * nx:
                raise LookupTableError("%s: %s %s: rows do not form a complete (1/T, x) grid" % (source, key[0], key[1]))
            for quantity in ("tracer", "collective"):
                values = np.full(len(v) * nx, np.nan)
                for line, r in members:
                    i = bisect.bisect_left(v, _number(r, "inverse_temperature_per_K", source, line))
                    c = 0 if pure else bisect.bisect_left(u, _number(r, "log10_solute_fraction", source, line))
                    if not math.isnan(values[c * len(v) + i]):
                        raise LookupTableError("%s:%d: a condition appears twice" % (source, line))
                    values[c * len(v) + i] = _number(r, "ln_%s_D_m2_per_s" % quantity, source, line)
                slopes = [math.nan] * nx
                for line, f in fits:
                    if (f["system"], f["facet"], f["complexion"], f["quantity"]) != key + (quantity,):
                        continue
                    c = 0
                    if not pure:
                        uc = _number(f, "log10_solute_fraction", source, line)
                        c = bisect.bisect_left(u, uc)
                        if c >= len(u) or u[c] != uc:
                            raise LookupTableError("%s (arrhenius.csv):%d: composition not in the table" % (source, line))
                    slopes[c] = -_number(f, "Ea_eV", source, line) / BOLTZMANN_EV_PER_K
                if any(math.isnan(s) for s in slopes):
                    raise LookupTableError("%s (arrhenius.csv): no Arrhenius fit for a composition of %s %s %s"
                                           % (source, key[0], key[1], quantity))
                grid = LookupGrid(key[0], key[1], key[2], members[0][1]["solute"], quantity, v, u, values, slopes)
                LookupTable._add(grids, grid, source)
        LookupTable._check_complexions(grids, source)
        return LookupTable(source, grids)

    @staticmethod
    def _add(grids, grid, where):
        grid.validate(where)
        for g in grids:
            if (g.system, g.facet, g.quantity, g.complexion) == (grid.system, grid.facet, grid.quantity, grid.complexion):
                raise LookupTableError("%s: grid %s appears twice" % (where, grid.label()))
        grids.append(grid)

    @staticmethod
    def _check_complexions(grids, source):
        for a in grids:
            for b in grids:
                if a is b or (a.system, a.facet, a.quantity) != (b.system, b.facet, b.quantity):
                    continue
                if a.pure() or b.pure():
                    raise LookupTableError("%s: %s: a pure host cannot have several complexions" % (source, a.label()))
                if not (a.log10_solute_fraction[-1] < b.log10_solute_fraction[0]
                        or b.log10_solute_fraction[-1] < a.log10_solute_fraction[0]):
                    raise LookupTableError("%s: complexions '%s' and '%s' of %s %s overlap in composition"
                                           % (source, a.complexion, b.complexion, a.system, a.facet))

    def grid_for(self, system, facet, quantity, solute_fraction):
        matches = [g for g in self.grids if (g.system, g.facet, g.quantity) == (system, facet, quantity)]
        if not matches:
            raise LookupTableError("%s: no grid for system '%s', facet '%s', quantity '%s'"
                                   % (self.name, system, facet, quantity))
        if len(matches) == 1 or matches[0].pure():
            return matches[0]
        u = math.log10(solute_fraction) if solute_fraction > 0 else -math.inf
        matches.sort(key=lambda g: g.log10_solute_fraction[0])
        if not u >= matches[0].log10_solute_fraction[0]:
            return matches[0]
        for k, g in enumerate(matches):
            if u <= g.log10_solute_fraction[-1]:
                return g
            if k + 1 < len(matches) and u < matches[k + 1].log10_solute_fraction[0]:
                raise LookupTableError("%s: x = %g lies between complexion '%s' and complexion '%s' "
                                       "(a first-order transition)" % (self.name, solute_fraction, g.complexion,
                                                                       matches[k + 1].complexion))
        return matches[-1]

    def ln_D(self, system, facet, quantity, temperature_K, solute_fraction, policy="clamp"):
        return self.grid_for(system, facet, quantity, solute_fraction).ln_D(temperature_K, solute_fraction, policy)

    def D_m2_per_s(self, system, facet, quantity, temperature_K, solute_fraction, policy="clamp"):
        return math.exp(self.ln_D(system, facet, quantity, temperature_K, solute_fraction, policy))


def _read_csv(text, source, columns):
    lines = [(n + 1, line) for n, line in enumerate(text.splitlines()) if line and not line.startswith("#")]
    if not lines:
        raise LookupTableError(source + ": no header line")
    header = lines[0][1].split(",")
    for k, name in enumerate(columns):
        if k >= len(header) or header[k] != name:
            raise LookupTableError("%s: column %d is '%s', expected '%s' (wrong file or unit?)"
                                   % (source, k + 1, header[k] if k < len(header) else "(missing)", name))
    rows = []
    for n, line in lines[1:]:
        cells = next(csv.reader(io.StringIO(line)))
        if len(cells) != len(header):
            raise LookupTableError("%s:%d: %d cells, the header has %d" % (source, n, len(cells), len(header)))
        rows.append((n, dict(zip(header, cells))))
    if not rows:
        raise LookupTableError(source + ": no rows")
    return rows


def _number(row, column, source, line):
    try:
        value = float(row[column])
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise LookupTableError("%s:%d: column '%s' expects a finite number, got '%s'" % (source, line, column, row[column]))
    return value


def main(argv):
    parser = argparse.ArgumentParser(description="Look up D (m^2/s) in an anodekmc lookup table.")
    parser.add_argument("table", help="table.json, or table.csv (with arrhenius.csv beside it)")
    parser.add_argument("--system")
    parser.add_argument("--facet")
    parser.add_argument("--quantity", default="tracer", help="tracer or collective (default tracer)")
    parser.add_argument("--T", type=float, help="temperature in K")
    parser.add_argument("--x", type=float, default=0.0, help="solute fraction (ignored for a pure host)")
    parser.add_argument("--policy", default="clamp", choices=POLICIES, help="extrapolation policy (default clamp)")
    parser.add_argument("--queries", help="CSV file of queries: system,facet,quantity,T_K,x,policy per line; "
                                          "prints ln D (17 digits) per line")
    args = parser.parse_args(argv)
    try:
        table = LookupTable.load(args.table)
        if args.queries:
            with open(args.queries) as f:
                for line in f:
                    line = line.strip()
                    if not line or line.startswith("#"):
                        continue
                    system, facet, quantity, T, x, policy = line.split(",")
                    try:
                        print("%.17g" % table.ln_D(system, facet, quantity, float(T), float(x), policy))
                    except LookupTableError:
                        print("error")
            return 0
        if args.system is None or args.facet is None or args.T is None:
            parser.error("give --system, --facet and --T (or --queries)")
        ln_d = table.ln_D(args.system, args.facet, args.quantity, args.T, args.x, args.policy)
        print("D = %.6g m^2/s (ln D = %.17g)" % (math.exp(ln_d), ln_d))
        return 0
    except (LookupTableError, OSError) as e:
        print("lookup_table.py: %s" % e, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
