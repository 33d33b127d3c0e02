#!/usr/bin/python3
"""MD against kMC for one Li adatom on Li(100): hop rates and surface diffusivity.

Runs, from the repository root:
  - the MD deck in.adatom_md (one adatom on the 5 x 5 x 6 slab of the NEB catalog, shipped
    potential) at each temperature with several velocity seeds (one rank per run, --jobs runs at
    a time);
  - the kMC config kmc_adatom.ini (one adatom, catalog inputs/barriers_Li100/catalog.csv,
    prefactor 1e13 1/s) at the same temperatures with several seeds;
and writes to --out:
  md_runs.csv       one row per MD run (the deck's result line and the adatom analysis below)
  kmc_runs.csv      one row per kMC run
  results.csv       one row per temperature: MD and kMC rates and diffusivities with standard
                    errors (batch means over the seeds), and the TST numbers of catalog row 0,0
  arrhenius_D.csv, arrhenius_rate.csv and their fits by analysis/plot_arrhenius.py:
                    arrhenius_D.png, arrhenius_rate.png (printed Ea and prefactors)

Adatom analysis of an MD run (layer.dump: every 20 steps the atoms above z = 9.0 A). The adatom
layer is z > 9.25 A (as in the deck). In frames with exactly one atom in that layer (the
isolated-adatom regime of catalog row 0,0) the adatom's position is followed whatever atom it is;
gaps of up to 10 frames (0.4 ps) with 0 or 2 atoms up (the middle of an exchange) are bridged,
longer gaps (an adatom-vacancy pair, a second adatom) end the segment and their time is not
counted. On that path the adatom is assigned to hollow sites with hysteresis (capture radius
0.3 a, as fix hop/detect): each change of site is a jump, a HOP when the same atom arrives that
left, an EXCHANGE when another atom arrives (the adatom went into the top plane and pushed an
atom out). Per run: hop and exchange counts by length (nearest neighbour, diagonal, longer),
the isolated time t_iso, rates per ps, D_jumps = sum |jump|^2 / (4 t_iso) (all mechanisms),
D_hops (hops only) and D_path = sum of squared segment displacements / (4 t_iso).

Usage (from anywhere; the script changes to the repository root):
  /usr/bin/python3 inputs/consistency_Li100/run_study.py --out consistency_Li100      # full, ~15 min on 2 cores
  /usr/bin/python3 inputs/consistency_Li100/run_study.py --quick --out /tmp/cq         # reduced, < 60 s

Alloy variant (Li adatom on Li-In(100), 25 % In at random in the top plane; docs/consistency_md_kmc.md,
section Li-In(100)):
  /usr/bin/python3 inputs/consistency_Li100/run_study.py --solute In --solute-fraction 0.25 \
      --catalog inputs/barriers_LiIn100/catalog.csv --kmc-config inputs/consistency_Li100/kmc_adatom_LiIn.ini \
      --out inputs/consistency_Li100/results_LiIn
With a solute the MD deck gets -var solute/-var solute_fraction (each seed its own random top
plane), the kMC config has a random substrate map (each seed its own), kMC runs record how many
hops used the bond-counting fallback, and the TST columns and --check's exact comparison refer to
catalog row 0,0,flat,Li,Li,Li only as a reference (the alloy kMC has several rates; --check then
asserts only isolated MD time and zero fallback hops).
"""
import argparse
import csv
import json
import math
import os
import subprocess
import sys
import time

import numpy as np

KB = 8.617333262e-5          # eV/K
A = 3.4898                   # lattice constant of the slab and the kMC net (A)
L = 5 * A                    # periodic box length in x and y (A)
Z_LAYER = 9.25               # adatom layer: z above this (A), as the deck
CAPTURE = 0.3                # capture radius / a (nearest-site distance a on the square net)
MAX_GAP = 10                 # frames (20 steps each) of 0 or 2 atoms up bridged on the path
DUMP_EVERY = 20              # steps between dump frames (the deck's)
DT_PS = 0.002                # MD time step (ps)
A2_PER_PS_TO_M2_PER_S = 1e-8

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
DECK = "inputs/consistency_Li100/in.adatom_md"
KMC_CONFIG = "inputs/consistency_Li100/kmc_adatom.ini"


def catalog_row00(catalog="inputs/barriers_Li100/catalog.csv"):
    """(barrier eV, prefactor or None) of row 0,0,flat,Li,Li,Li of the catalog."""
    with open(os.path.join(REPO, catalog)) as handle:
        for line in handle:
            if line.startswith("0,0,flat,Li,Li,Li,"):
                f = line.split(",")
                return float(f[6]), (float(f[7]) if f[7] else None)
    raise SystemExit(f"run_study.py: row 0,0,flat,Li,Li,Li not found in {catalog}")


def read_dump(path):
    """Yields (step, ids, x, y, z) per frame of a LAMMPS custom dump 'id xu yu z'."""
    with open(path) as handle:
        lines = handle.read().split("\n")
    k = 0
    while k < len(lines):
        if lines[k].startswith("ITEM: TIMESTEP"):
            step = int(lines[k + 1])
            n = int(lines[k + 3])
            rows = [lines[k + 9 + m].split() for m in range(n)]
            ids = [int(r[0]) for r in rows]
            xyz = np.array([[float(v) for v in r[1:4]] for r in rows]).reshape(n, 3)
            yield step, ids, xyz[:, 0], xyz[:, 1], xyz[:, 2]
            k += 9 + n
        else:
            k += 1


def min_image(d):
    return d - L * np.round(d / L)


def analyse_adatom(dump_path):
    """Follows the isolated adatom through layer.dump; returns a dict of counts and times."""
    out = dict(t_iso_ps=0.0, frames=0, frames_iso=0, hop_nn=0, hop_diag=0, hop_other=0,
               ex_nn=0, ex_diag=0, ex_other=0, sum_d2_hops_A2=0.0, sum_d2_ex_A2=0.0,
               path_d2_A2=0.0, segments=0)
    prev = None          # (step, id, x, y) of the last frame with one atom up
    gap = 0
    P = None             # continuous path position of the adatom (A)
    seg_start = None
    site = None          # current site (i, j) and the atom that arrived there
    site_atom = None

    def end_segment():
        nonlocal P, seg_start, site, site_atom
        if P is not None:
            out["path_d2_A2"] += float(np.sum((P - seg_start) ** 2))
            out["segments"] += 1
        P, seg_start, site, site_atom = None, None, None, None

    for step, ids, x, y, z in read_dump(dump_path):
        out["frames"] += 1
        up = np.nonzero(z > Z_LAYER)[0]
        if len(up) != 1:
            gap += 1
            if gap > MAX_GAP:
                end_segment()
                prev = None
            continue
        out["frames_iso"] += 1
        k = up[0]
        atom, px, py = ids[k], x[k], y[k]
        if prev is None or P is None:
            P = np.array([px, py])
            seg_start = P.copy()
        else:
            out["t_iso_ps"] += (step - prev[0]) * DT_PS
            P = P + np.array([min_image(px - prev[2]), min_image(py - prev[3])])
        prev = (step, atom, px, py)
        gap = 0
        f = P / A
        nearest = np.round(f)
        if float(np.sum((f - nearest) ** 2)) < CAPTURE ** 2:
            ij = (int(nearest[0]), int(nearest[1]))
            if site is None:
                site, site_atom = ij, atom
            elif ij != site:
                di, dj = abs(ij[0] - site[0]), abs(ij[1] - site[1])
                kind = "nn" if di + dj == 1 else ("diag" if di == 1 and dj == 1 else "other")
                d2 = (di * di + dj * dj) * A * A
                if atom == site_atom:
                    out["hop_" + kind] += 1
                    out["sum_d2_hops_A2"] += d2
                else:
                    out["ex_" + kind] += 1
                    out["sum_d2_ex_A2"] += d2
                site, site_atom = ij, atom
            else:
                site_atom = atom   # an exchange that brings another atom up at the same site: no jump
    end_segment()
    t = out["t_iso_ps"]
    hops = out["hop_nn"] + out["hop_diag"] + out["hop_other"]
    ex = out["ex_nn"] + out["ex_diag"] + out["ex_other"]
    out["frac_iso_frames"] = out["frames_iso"] / max(out["frames"], 1)
    out["rate_hop_nn_per_ps"] = out["hop_nn"] / t if t > 0 else 0.0
    out["rate_hop_all_per_ps"] = hops / t if t > 0 else 0.0
    out["rate_exchange_per_ps"] = ex / t if t > 0 else 0.0
    out["rate_jumps_per_ps"] = (hops + ex) / t if t > 0 else 0.0
    out["D_hops_A2_per_ps"] = out["sum_d2_hops_A2"] / (4 * t) if t > 0 else 0.0
    out["D_jumps_A2_per_ps"] = (out["sum_d2_hops_A2"] + out["sum_d2_ex_A2"]) / (4 * t) if t > 0 else 0.0
    out["D_path_A2_per_ps"] = out["path_d2_A2"] / (4 * t) if t > 0 else 0.0
    return out


def parse_md_line(text):
    for line in text.splitlines():
        if line.startswith("consistency_md "):
            w = line.split()[1:]
            return {w[i]: float(w[i + 1]) for i in range(0, len(w) - 1, 2)}
    return None


def run_jobs(commands, jobs):
    """commands: list of (key, argv, cwd, log path). Runs up to `jobs` at a time; returns {key: stdout}."""
    pending, running, done = list(commands), [], {}
    while pending or running:
        while pending and len(running) < jobs:
            key, argv, log = pending.pop(0)
            handle = open(log, "w")
            running.append((key, subprocess.Popen(argv, cwd=REPO, stdout=handle, stderr=subprocess.STDOUT), handle, log))
        time.sleep(0.2)
        for item in list(running):
            key, proc, handle, log = item
            if proc.poll() is not None:
                handle.close()
                running.remove(item)
                with open(log) as f:
                    text = f.read()
                if proc.returncode != 0:
                    sys.exit(f"run_study.py: {' '.join(map(str, key))} failed (exit {proc.returncode}); see {log}")
                done[key] = text
                print(f"  done {key}", flush=True)
    return done


def mean_sem(values):
    v = np.asarray(values, dtype=float)
    if len(v) < 2:
        return float(v.mean()) if len(v) else float("nan"), float("nan")
    return float(v.mean()), float(v.std(ddof=1) / math.sqrt(len(v)))


def write_csv(path, rows, header_comment):
    with open(path, "w", newline="") as handle:
        for c in header_comment:
            handle.write("# " + c + "\n")
        writer = csv.DictWriter(handle, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        for r in rows:
            writer.writerow({k: (f"{v:.6g}" if isinstance(v, float) else v) for k, v in r.items()})


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--exe", default="build/anodekmc", help="anodekmc executable (default build/anodekmc, from the repository root)")
    p.add_argument("--out", default="consistency_Li100", help="output folder (created; relative to the current folder)")
    p.add_argument("--temperatures", default="200,225,250", help="K, comma-separated (default 200,225,250)")
    p.add_argument("--seeds", type=int, default=8, help="MD runs per temperature (default 8)")
    p.add_argument("--md-ps", default="600,400,400",
                   help="measured MD time per run (ps) per temperature, comma-separated (default 600,400,400)")
    p.add_argument("--equil-steps", type=int, default=5000, help="MD equilibration steps per run (default 5000 = 10 ps)")
    p.add_argument("--kmc-seeds", type=int, default=200, help="kMC runs per temperature (default 200)")
    p.add_argument("--kmc-events", type=int, default=10000, help="kMC hops per run (default 10000)")
    p.add_argument("--jobs", type=int, default=2, help="processes at a time (one rank each; default 2)")
    p.add_argument("--solute", default="none",
                   help="solute in the top slab plane (MD -var solute) and in the kMC substrate: none (default, "
                        "pure Li(100)) or In, Sn, Zn, Hg")
    p.add_argument("--solute-fraction", type=float, default=0.25, help="solute fraction of the top plane (default 0.25)")
    p.add_argument("--catalog", default="inputs/barriers_Li100/catalog.csv",
                   help="kMC catalog (passed as --model.catalog; its row 0,0,flat,Li,Li,Li is the TST reference)")
    p.add_argument("--kmc-config", default=KMC_CONFIG, help=f"kMC config (default {KMC_CONFIG})")
    p.add_argument("--quick", action="store_true",
                   help="reduced mode that checks the scripts: 2 seeds x 2000 steps, 5 kMC seeds x 2000 events")
    p.add_argument("--no-md", action="store_true", help="reuse the MD runs already in --out (analysis only)")
    p.add_argument("--check", action="store_true",
                   help="exit 1 unless the kMC rate and D equal the exact 4 nu exp(-E_a/kT) and nu a^2 exp(-E_a/kT) "
                        "within 4 standard errors and every MD temperature has isolated-adatom time (the ctest mode)")
    args = p.parse_args()
    temps = [float(t) for t in args.temperatures.split(",")]
    md_ps = [float(t) for t in args.md_ps.split(",")]
    if len(md_ps) == 1:
        md_ps = md_ps * len(temps)
    if len(md_ps) != len(temps):
        p.error("--md-ps needs one value or one per temperature")
    if args.quick:
        args.seeds, md_ps, args.equil_steps, args.kmc_seeds, args.kmc_events = 2, [4.0] * len(temps), 500, 5, 2000
    out = os.path.abspath(args.out)
    exe = args.exe if os.path.isabs(args.exe) else os.path.join(REPO, args.exe)
    os.makedirs(out, exist_ok=True)
    e00, nu00 = catalog_row00(args.catalog)
    alloy = args.solute != "none"
    system = f"Li-{args.solute}(100), {args.solute_fraction:g} {args.solute} in the top plane" if alloy else "Li(100)"
    nu = nu00 or 1e13
    started = time.time()

    # --- MD ---
    commands = []
    for T, ps in zip(temps, md_ps):
        steps = int(round(ps / DT_PS / 100)) * 100
        for s in range(1, args.seeds + 1):
            folder = os.path.join(out, "md", f"T{T:g}_seed{s}")
            os.makedirs(folder, exist_ok=True)
            argv = [exe, "lammps", "-in", DECK, "-log", os.path.join(folder, "log.lammps"), "-screen", "none",
                    "-var", "T", f"{T:g}", "-var", "seed", str(1000 + s), "-var", "steps", str(steps),
                    "-var", "equil", str(args.equil_steps), "-var", "out", folder]
            if alloy:
                argv += ["-var", "solute", args.solute, "-var", "solute_fraction", f"{args.solute_fraction:g}"]
            # the result line is printed to the log; -screen none keeps stdout small
            commands.append(((T, s), argv, os.path.join(folder, "stdout.txt")))
    if not args.no_md:
        print(f"MD: {len(commands)} runs, {args.jobs} at a time", flush=True)
        run_jobs(commands, args.jobs)
    md_rows = []
    for (T, s), argv, _ in commands:
        folder = os.path.join(out, "md", f"T{T:g}_seed{s}")
        with open(os.path.join(folder, "log.lammps")) as f:
            res = parse_md_line(f.read())
        if res is None:
            sys.exit(f"run_study.py: no result line in {folder}/log.lammps")
        row = {"T_K": T, "seed": s}
        row.update({k: v for k, v in res.items() if k not in ("T", "seed")})
        row["tracer_D_MSD_A2_per_ps"] = res["tracer_msd_A2"] / (4 * res["time_ps"])
        row.update(analyse_adatom(os.path.join(folder, "layer.dump")))
        md_rows.append(row)
    write_csv(os.path.join(out, "md_runs.csv"), md_rows,
              [f"MD runs: one Li adatom on {system}, 5x5x6 slab, shipped potential (in.adatom_md); rates per ps, D in A^2/ps",
               "tracer_*: fix hop/detect and compute msd on the labelled atom; layer_*: fix hop/detect on the adatom layer;",
               "hop_*/ex_*/rate_*/D_*: adatom path analysis of layer.dump in the isolated-adatom frames (run_study.py)"])

    # --- kMC ---
    kmc_rows = []
    print(f"kMC: {len(temps) * args.kmc_seeds} runs", flush=True)
    for t_index, T in enumerate(temps):
        rate = 4 * nu * math.exp(-e00 / (KB * T))
        # distinct seeds per temperature: with one adatom and one rate, equal seeds would give the
        # same walk rescaled in time, and the temperatures would not be independent
        for s in range(1 + 100000 * t_index, args.kmc_seeds + 1 + 100000 * t_index):
            folder = os.path.join(out, "kmc", f"T{T:g}_seed{s}")
            argv = [exe, "kmc", args.kmc_config, "--quiet", "--model.catalog", args.catalog, "--conditions.temperature_K", f"{T:g}", "--run.seed", str(s),
                    "--run.max_events", str(args.kmc_events),
                    *(["--substrate.solute", args.solute, "--substrate.solute_fraction", f"{args.solute_fraction:g}"] if alloy else []),
                    "--run.sample_interval_s", f"{args.kmc_events / rate / 10:.6g}", "--output.folder", folder]
            proc = subprocess.run(argv, cwd=REPO, capture_output=True, text=True)
            if proc.returncode != 0:
                sys.exit(f"run_study.py: kMC failed: {' '.join(argv)}\n{proc.stderr}")
            with open(os.path.join(folder, "run.json")) as f:
                r = json.load(f)["results"]
            kmc_rows.append({"T_K": T, "seed": s, "hops": r["hops"], "time_s": r["time_s"],
                             "rate_per_ps": r["hops"] / r["time_s"] * 1e-12,
                             "tracer_D_A2_per_ps": r["tracer_D_m2_per_s"] / A2_PER_PS_TO_M2_PER_S,
                             "hops_from_catalog": r["hops_from_catalog"],
                             **({"hops_from_fallback": r["hops_from_bond_counting_fallback"]} if alloy else {})})
    write_csv(os.path.join(out, "kmc_runs.csv"), kmc_rows,
              [f"kMC runs: one adatom on {system}, 10x10 bcc100 net, catalog {args.catalog}" +
               (f" (random substrate map per seed; row 0,0,Li,Li,Li E_a = {e00} eV for reference)" if alloy
                else f", row 0,0 E_a = {e00} eV, prefactor {nu:g} 1/s")])

    # --- per temperature ---
    results = []
    for T in temps:
        md = [r for r in md_rows if r["T_K"] == T]
        km = [r for r in kmc_rows if r["T_K"] == T]
        row = {"T_K": T, "md_runs": len(md), "md_ps_per_run": md[0]["time_ps"]}
        for key in ("frac_iso_frames", "mean_layer_atoms", "frac_tracer_up", "t_iso_ps"):
            row[key], row[key + "_err"] = mean_sem([r[key] for r in md])
        for key in ("hop_nn", "hop_diag", "hop_other", "ex_nn", "ex_diag", "ex_other"):
            row[key + "_total"] = int(sum(r[key] for r in md))
        for key in ("rate_hop_nn_per_ps", "rate_hop_all_per_ps", "rate_exchange_per_ps", "rate_jumps_per_ps",
                    "D_hops_A2_per_ps", "D_jumps_A2_per_ps", "D_path_A2_per_ps", "layer_rate_per_ps",
                    "tracer_rate_per_ps", "tracer_D_MSD_A2_per_ps"):
            row["md_" + key], row["md_" + key + "_err"] = mean_sem([r[key] for r in md])
        # pooled counting estimate of the nearest-neighbour hop rate (Poisson error)
        t_tot = sum(r["t_iso_ps"] for r in md)
        n_nn = sum(r["hop_nn"] for r in md)
        row["md_pooled_rate_hop_nn_per_ps"] = n_nn / t_tot if t_tot > 0 else 0.0
        row["md_pooled_rate_hop_nn_per_ps_err"] = math.sqrt(n_nn) / t_tot if t_tot > 0 else float("nan")
        n_ex = sum(r["ex_nn"] + r["ex_diag"] + r["ex_other"] for r in md)
        row["md_pooled_rate_exchange_per_ps"] = n_ex / t_tot if t_tot > 0 else 0.0
        row["md_pooled_rate_exchange_per_ps_err"] = math.sqrt(n_ex) / t_tot if t_tot > 0 else float("nan")
        row["kmc_runs"] = len(km)
        row["kmc_rate_per_ps"] = sum(r["hops"] for r in km) / sum(r["time_s"] for r in km) * 1e-12
        row["kmc_rate_per_ps_err"] = row["kmc_rate_per_ps"] / math.sqrt(sum(r["hops"] for r in km))
        row["kmc_tracer_D_A2_per_ps"], row["kmc_tracer_D_A2_per_ps_err"] = mean_sem([r["tracer_D_A2_per_ps"] for r in km])
        if alloy:
            row["kmc_hops_total"] = int(sum(r["hops"] for r in km))
            row["kmc_hops_from_fallback"] = int(sum(r["hops_from_fallback"] for r in km))
        row["tst_rate_per_ps"] = 4 * nu * math.exp(-e00 / (KB * T)) * 1e-12
        row["tst_D_A2_per_ps"] = row["tst_rate_per_ps"] * A * A / 4
        row["md_t_iso_total_ps"] = t_tot
        row["ratio_hop_nn_md_over_tst"] = row["md_pooled_rate_hop_nn_per_ps"] / row["tst_rate_per_ps"]
        row["ratio_hop_nn_md_over_tst_err"] = row["md_pooled_rate_hop_nn_per_ps_err"] / row["tst_rate_per_ps"]
        row["ratio_D_jumps_md_over_kmc"] = row["md_D_jumps_A2_per_ps"] / row["kmc_tracer_D_A2_per_ps"]
        row["ratio_D_path_md_over_kmc"] = row["md_D_path_A2_per_ps"] / row["kmc_tracer_D_A2_per_ps"]
        results.append(row)
    write_csv(os.path.join(out, "results.csv"), results,
              [f"MD vs kMC, one Li adatom on {system}; catalog {args.catalog}; row 0,0,flat,Li,Li,Li (tst_* columns): E_a = {e00} eV, prefactor {nu:g} 1/s, a = {A} A",
               "errors: standard error of the mean over the runs (batch means); kmc_rate error: Poisson on the pooled hops",
               "rates per adatom per ps (all four directions); D in A^2/ps (1 A^2/ps = 1e-8 m^2/s)"])

    # --- Arrhenius fits with analysis/plot_arrhenius.py ---
    def series(name, column, err_column, file_stem):
        path = os.path.join(out, f"{file_stem}_{name}.csv")
        with open(path, "w") as f:
            f.write("T_K,D,D_err\n")
            for r in results:
                f.write(f"{r['T_K']:g},{r[column]:.8g},{r[err_column]:.8g}\n")
        ok = all(r[column] > 0 and r[err_column] > 0 for r in results) and len(results) >= 3
        return path if ok else None

    fits = {}
    # D: batch means over the runs; rates: pooled counts with Poisson errors (at 200 K most runs see
    # no hop at all, and a batch mean of mostly zeros has no useful standard error)
    for stem, specs in (("arrhenius_D", [("md_hops", "md_D_hops_A2_per_ps", "md_D_hops_A2_per_ps_err", "MD D_hops (hops only)"),
                                         ("md_all", "md_D_jumps_A2_per_ps", "md_D_jumps_A2_per_ps_err", "MD D_jumps (hops + exchanges)"),
                                         ("md_path", "md_D_path_A2_per_ps", "md_D_path_A2_per_ps_err", "MD D_path (adatom MSD)"),
                                         ("kmc", "kmc_tracer_D_A2_per_ps", "kmc_tracer_D_A2_per_ps_err", "kMC (NEB, 1e13/s)")]),
                        ("arrhenius_rate", [("md_hop_nn", "md_pooled_rate_hop_nn_per_ps", "md_pooled_rate_hop_nn_per_ps_err", "MD nn hops"),
                                            ("md_exchange", "md_pooled_rate_exchange_per_ps", "md_pooled_rate_exchange_per_ps_err", "MD exchanges"),
                                            ("kmc", "kmc_rate_per_ps", "kmc_rate_per_ps_err", "kMC (NEB, 1e13/s)")])):
        files, labels = [], []
        for name, col, err, label in specs:
            path = series(name, col, err, stem)
            if path:
                files.append(path)
                labels.append(label)
            else:
                print(f"{stem}: {label} left out of the fit (a zero value or error, or fewer than 3 temperatures)")
        if not files:
            continue
        argv = [sys.executable, os.path.join(REPO, "analysis", "plot_arrhenius.py"), *files,
                "--output", os.path.join(out, stem + ".png")]
        for label in labels:
            argv += ["--label", label]
        proc = subprocess.run(argv, capture_output=True, text=True)
        print(proc.stdout, end="")
        if proc.returncode != 0:
            sys.exit(f"run_study.py: plot_arrhenius.py failed:\n{proc.stderr}")
        fits[stem] = proc.stdout
        with open(os.path.join(out, stem + "_fit.txt"), "w") as f:
            f.write(proc.stdout)

    print(f"\nrow 0,0: E_a = {e00} eV, prefactor {nu:g} 1/s (TST: Gamma = 4 nu exp(-E_a/kT), D = Gamma a^2/4)")
    print(f"{'T_K':>5} {'iso':>5} {'<n_up>':>6} {'t_iso/ps':>8} {'hops':>5} {'exch':>5} | "
          f"{'G_hop(MD)':>17} {'G_all(MD)':>17} {'G(kMC)':>9} {'G(TST)':>9} | {'D_hops(MD)':>17} {'D_all(MD)':>17} {'D(kMC)':>17} {'D(TST)':>8}")
    for r in results:
        hops = r["hop_nn_total"] + r["hop_diag_total"] + r["hop_other_total"]
        ex = r["ex_nn_total"] + r["ex_diag_total"] + r["ex_other_total"]
        print(f"{r['T_K']:5g} {r['frac_iso_frames']:5.2f} {r['mean_layer_atoms']:6.2f} {r['t_iso_ps'] * r['md_runs']:8.0f} {hops:5d} {ex:5d} | "
              f"{r['md_rate_hop_nn_per_ps']:8.4f}+-{r['md_rate_hop_nn_per_ps_err']:7.4f} "
              f"{r['md_rate_jumps_per_ps']:8.4f}+-{r['md_rate_jumps_per_ps_err']:7.4f} "
              f"{r['kmc_rate_per_ps']:9.4f} {r['tst_rate_per_ps']:9.4f} | "
              f"{r['md_D_hops_A2_per_ps']:8.4f}+-{r['md_D_hops_A2_per_ps_err']:7.4f} "
              f"{r['md_D_jumps_A2_per_ps']:8.4f}+-{r['md_D_jumps_A2_per_ps_err']:7.4f} "
              f"{r['kmc_tracer_D_A2_per_ps']:8.4f}+-{r['kmc_tracer_D_A2_per_ps_err']:7.4f} {r['tst_D_A2_per_ps']:8.4f}")
    for r in results:
        print(f"T = {r['T_K']:g} K pooled over {r['md_runs']} MD runs: nn hops {r['hop_nn_total']}, diagonal hops "
              f"{r['hop_diag_total']}, longer hops {r['hop_other_total']}; exchanges nn {r['ex_nn_total']}, diagonal "
              f"{r['ex_diag_total']}, longer {r['ex_other_total']}; nn hop rate {r['md_pooled_rate_hop_nn_per_ps']:.5f} +- "
              f"{r['md_pooled_rate_hop_nn_per_ps_err']:.5f} /ps, exchange rate {r['md_pooled_rate_exchange_per_ps']:.5f} +- "
              f"{r['md_pooled_rate_exchange_per_ps_err']:.5f} /ps; tracer (labelled atom) D_MSD {r['md_tracer_D_MSD_A2_per_ps']:.4f} +- "
              f"{r['md_tracer_D_MSD_A2_per_ps_err']:.4f} A^2/ps, in the adatom layer {r['frac_tracer_up']:.3f} of the time")
    # effective hop prefactor with the barrier held at the NEB value: observed / expected hops
    n_obs = sum(r["hop_nn_total"] for r in results)
    n_exp = sum(r["md_t_iso_total_ps"] * r["tst_rate_per_ps"] for r in results)
    if n_exp > 0:
        ratio, ratio_err = n_obs / n_exp, math.sqrt(max(n_obs, 1)) / n_exp
        print(f"nn hops in MD, all temperatures: {n_obs} observed, {n_exp:.1f} expected from 4 nu exp(-E_a/kT) with "
              f"E_a = {e00} eV, nu = {nu:g} /s: ratio {ratio:.3f} +- {ratio_err:.3f}, i.e. an effective hop prefactor "
              f"{ratio * nu:.3g} +- {ratio_err * nu:.2g} /s at the NEB barrier")
    print("Arrhenius prefactor of a rate fit per path: D0/4 (four hop or four exchange paths per site); "
          "rates per ps, so nu_eff = D0/4 * 1e12 /s")
    if alloy:
        print(f"kMC hops from the bond-counting fallback: {sum(r['kmc_hops_from_fallback'] for r in results)} of "
              f"{sum(r['kmc_hops_total'] for r in results)}")
    print(f"results: {os.path.join(out, 'results.csv')}; wall time {time.time() - started:.0f} s")
    if args.check and alloy:
        failures = [f"no isolated-adatom time in the MD runs at {r['T_K']:g} K" for r in results if not r["t_iso_ps"] > 0]
        failures += [f"{r['kmc_hops_from_fallback']} fallback hops at {r['T_K']:g} K" for r in results if r["kmc_hops_from_fallback"]]
        if failures:
            print("check FAILED: " + "; ".join(failures))
            sys.exit(1)
        print("check passed (alloy: isolated MD time and catalog-only kMC hops)")
    elif args.check:
        failures = []
        for r in results:
            for name, value, err, exact in (("kMC rate", r["kmc_rate_per_ps"], r["kmc_rate_per_ps_err"], r["tst_rate_per_ps"]),
                                            ("kMC D", r["kmc_tracer_D_A2_per_ps"], r["kmc_tracer_D_A2_per_ps_err"], r["tst_D_A2_per_ps"])):
                z = (value - exact) / err if err > 0 else float("inf")
                print(f"check T = {r['T_K']:g} K: {name} {value:.6g} vs exact {exact:.6g}: {z:+.2f} standard errors")
                if not abs(z) <= 4.0:
                    failures.append(f"{name} at {r['T_K']:g} K is {z:+.2f} standard errors from the exact value")
            if not r["t_iso_ps"] > 0:
                failures.append(f"no isolated-adatom time in the MD runs at {r['T_K']:g} K")
        if failures:
            print("check FAILED: " + "; ".join(failures))
            sys.exit(1)
        print("check passed")
    print("consistency_Li100 study finished")


if __name__ == "__main__":
    main()
