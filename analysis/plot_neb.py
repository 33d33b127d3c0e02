#!/usr/bin/python3
"""Energy profile of a LAMMPS NEB run (the neb command of the REPLICA package).

Reads the universe log of a multi-partition NEB run (log.lammps of
`mpirun -np N lmp -partition Nx1 -in in.neb`, e.g. inputs/neb_Li100_hop/in.neb). Its data lines
follow header lines
    Step MaxReplicaForce MaxAtomForce GradV0 GradV1 GradVc EBF EBR RDT RD1 PE1 RD2 PE2 ... RDN PEN
and the last data line is the final band: EBF and EBR the forward and backward barriers (eV),
RDT the total reaction-coordinate length (A), RDi the normalised reaction coordinate and PEi the
energy (eV) of replica i. Lines that are not data (LAMMPS messages, 'Climbing replica = 4') are
skipped.

Prints the forward and backward barriers, the climbing (highest) replica, the largest force
of the last step, and each replica's energy relative to the first; with --compare-eV X the
difference of the forward barrier from X (e.g. a catalog row of `anodekmc barriers`).

Writes a PNG (default: next to the log, LOG_neb.png): energy against reaction coordinate.

Example:
  mpirun -np 7 --oversubscribe build/anodekmc lammps -partition 7x1 -in inputs/neb_Li100_hop/in.neb
  /usr/bin/python3 analysis/plot_neb.py log.lammps --compare-eV 0.167210
"""
import argparse
import os

import numpy as np

import anodekmc_io as io

PROG = "plot_neb.py"
FIXED_COLUMNS = 9  # Step MaxReplicaForce MaxAtomForce GradV0 GradV1 GradVc EBF EBR RDT


def read_last_band(path):
    lines = io._open_lines(path)
    in_table, last, last_number = False, None, None
    for number, line in enumerate(lines, start=1):
        words = line.split()
        if words[:2] == ["Step", "MaxReplicaForce"]:
            in_table = True
            continue
        if not in_table or not words or not words[0].isdigit():
            continue
        if len(words) < FIXED_COLUMNS + 4 or (len(words) - FIXED_COLUMNS) % 2 != 0:
            raise io.InputError(path, number, f"{len(words)} columns: expected {FIXED_COLUMNS} + 2 per replica")
        last, last_number = words, number
    if last is None:
        raise io.InputError(path, None, "no NEB data lines (no 'Step MaxReplicaForce ...' table): not a NEB universe log")
    values = [io._to_float(path, last_number, w) for w in last]
    band = np.array(values[FIXED_COLUMNS:]).reshape(-1, 2)
    return {"step": int(values[0]), "max_replica_force": values[1], "ebf": values[6], "ebr": values[7],
            "length_A": values[8], "rd": band[:, 0], "pe": band[:, 1], "line": last_number}


def main():
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("log", help="universe log of a LAMMPS neb run (log.lammps)")
    parser.add_argument("--output", help="PNG to write (default: LOG_neb.png)")
    parser.add_argument("--compare-eV", type=float, help="a forward barrier (eV) to compare with")
    args = parser.parse_args()

    def work():
        band = read_last_band(args.log)
        relative = band["pe"] - band["pe"][0]
        top = int(np.argmax(band["pe"]))
        print(f"NEB step {band['step']}: forward barrier {band['ebf']:.6f} eV, backward {band['ebr']:.6f} eV, "
              f"highest replica {top + 1} of {len(relative)}, path length {band['length_A']:.4f} A, "
              f"max replica force {band['max_replica_force']:.4g} eV/A")
        for i, (rd, e) in enumerate(zip(band["rd"], relative), start=1):
            print(f"  replica {i}: reaction coordinate {rd:.4f}, E - E_1 = {e:+.6f} eV")
        if args.compare_eV is not None:
            print(f"difference from {args.compare_eV:.6f} eV: {band['ebf'] - args.compare_eV:+.6f} eV")
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(5.5, 3.8))
        ax.plot(band["rd"] * band["length_A"], relative, "o-", label="LAMMPS neb replicas")
        if args.compare_eV is not None:
            ax.axhline(args.compare_eV, color="grey", linestyle="--", label=f"compared barrier {args.compare_eV:.4f} eV")
        ax.set(xlabel="reaction coordinate (A)", ylabel="E - E(initial) (eV)",
               title=f"NEB: forward barrier {band['ebf']:.4f} eV")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
        fig.tight_layout()
        output = args.output or os.path.splitext(args.log)[0] + "_neb.png"
        fig.savefig(output, dpi=110)
        print(f"plot written to {output}")

    io.run_main(PROG, work)


if __name__ == "__main__":
    main()
