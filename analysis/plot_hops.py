#!/usr/bin/python3
"""Hop statistics of surface atoms from a hop event log.

Reads a log with one hop per line, '#' comment lines allowed:
    step atom from_i from_j to_i to_j
(integers: MD step of the hop, atom id, lattice-site indices of the surface net before and
after the hop; written by a LAMMPS hop-detection fix). Indices are on the square net
(bcc(100)/fcc(100)) or, with --net triangular, axial indices of the triangular net
(fcc(111)/hcp(0001); basis vectors at 60 degrees). --periodic NX NY takes hop vectors across the
periodic boundary as the shortest image.

Prints:
  - hop counts by direction (di, dj) and the fraction of jumps that are not to a nearest
    neighbour (long jumps, or events the detection merged);
  - residence times: intervals between consecutive hops of the same atom (the time before an
    atom's first logged hop is unknown and not counted): mean, its standard error, histogram;
  - the hop rate per atom Gamma = hops / (atoms * observed time) and
      D_hops  = Gamma a^2 / 4          (2-D, every hop one nearest-neighbour spacing a),
      D_jumps = sum |dr|^2 / (4 N t)   (the same with each hop's real length: counts long jumps),
    in A^2/ps and cm^2/s, with the Poisson error sqrt(hops)/(N t) of Gamma. The observed time is --run-steps (default: the last logged step)
    minus --start-step (default 0) times --timestep-ps; the atom count is --atoms (default: the
    atoms that hop in the log, which overestimates Gamma if some atoms never hop).
  Mean residence time and 1/Gamma agree for a Poisson process of one rate.

Writes a PNG (default: next to the log, LOG_hops.png): residence-time histogram and direction
counts.

Example:
  /usr/bin/python3 analysis/plot_hops.py hops.log --spacing-A 3.51 --timestep-ps 0.001 \\
      --atoms 20 --run-steps 1000000 --periodic 40 40
"""
import argparse
import collections
import math

import numpy as np

import anodekmc_io as io

PROG = "plot_hops.py"
NEAREST = {"square": {(1, 0), (-1, 0), (0, 1), (0, -1)},
           "triangular": {(1, 0), (-1, 0), (0, 1), (0, -1), (1, -1), (-1, 1)}}


def read_log(path):
    """Returns an int array of rows (step, atom, from_i, from_j, to_i, to_j) and their line numbers."""
    rows, lines = [], []
    try:
        with open(path) as handle:
            text = handle.read().splitlines()
    except OSError as error:
        raise io.InputError(path, None, f"cannot read: {error.strerror}") from None
    except UnicodeDecodeError:
        raise io.InputError(path, None, "not a text file") from None
    for number, line in enumerate(text, start=1):
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        if len(words) != 6:
            raise io.InputError(path, number, f"{len(words)} fields, expected 6: step atom from_i from_j to_i to_j")
        try:
            values = [int(w) for w in words]
        except ValueError:
            raise io.InputError(path, number, "fields must be integers: step atom from_i from_j to_i to_j") from None
        if values[2:4] == values[4:6]:
            raise io.InputError(path, number, "hop from a site to itself")
        if rows and values[0] < rows[-1][0]:
            raise io.InputError(path, number, f"step {values[0]} is before the previous line's {rows[-1][0]}")
        rows.append(values)
        lines.append(number)
    if not rows:
        raise io.InputError(path, None, "no hops")
    return np.array(rows, dtype=np.int64), lines


def minimum_image(delta, period):
    return (delta + period // 2) % period - period // 2 if period else delta


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("log", help="hop log: step atom from_i from_j to_i to_j per line")
    p.add_argument("--spacing-A", type=float, help="nearest-neighbour spacing a of the net in A (needed for D)")
    p.add_argument("--timestep-ps", type=float, default=0.001, help="MD time step in ps (default 0.001)")
    p.add_argument("--atoms", type=int, help="number of mobile atoms (default: atoms that hop in the log)")
    p.add_argument("--run-steps", type=int, help="last step of the observation (default: last logged step)")
    p.add_argument("--start-step", type=int, default=0, help="first step of the observation (default 0)")
    p.add_argument("--periodic", type=int, nargs=2, metavar=("NX", "NY"), help="net size for minimum-image hop vectors")
    p.add_argument("--net", choices=sorted(NEAREST), default="square", help="surface net (default square)")
    p.add_argument("--bins", type=int, default=20, help="residence-time histogram bins (default 20)")
    p.add_argument("--output", help="PNG to write (default: LOG_hops.png)")
    args = p.parse_args()
    if not args.timestep_ps > 0:
        p.error("--timestep-ps must be > 0")
    if args.spacing_A is not None and not args.spacing_A > 0:
        p.error("--spacing-A must be > 0")
    if args.atoms is not None and args.atoms < 1:
        p.error("--atoms must be >= 1")
    if args.periodic and min(args.periodic) < 3:
        p.error("--periodic sizes must be >= 3")

    def work():
        hops, lines = read_log(args.log)
        nx, ny = args.periodic or (0, 0)
        di = minimum_image(hops[:, 4] - hops[:, 2], nx)
        dj = minimum_image(hops[:, 5] - hops[:, 3], ny)
        counts = collections.Counter(zip(di.tolist(), dj.tolist()))
        n = len(hops)
        nearest = NEAREST[args.net]
        long_jumps = sum(c for d, c in counts.items() if d not in nearest)
        print(f"{n} hops of {len(set(hops[:, 1].tolist()))} atoms, steps {hops[0, 0]}..{hops[-1, 0]}, {args.net} net"
              + (f", periodic {nx} x {ny}" if args.periodic else ""))
        print("hops by direction (di, dj):")
        for d, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  ({d[0]:+d}, {d[1]:+d}) {c:6d}{'' if d in nearest else '   not a nearest neighbour'}")
        print(f"non-nearest-neighbour jumps: {long_jumps} of {n} = {long_jumps / n:.4f}")

        # residence times: per atom, time between consecutive hops
        intervals, broken = [], 0
        last = {}
        for row, line in zip(hops, lines):
            step, atom = int(row[0]), int(row[1])
            if atom in last:
                prev_step, prev_to = last[atom]
                intervals.append(step - prev_step)
                if prev_to != (int(row[2]), int(row[3])):
                    broken += 1
            last[atom] = (step, (int(row[4]), int(row[5])))
        if broken:
            print(f"warning: {broken} hops do not start where the atom's previous hop ended (missed hops?)")
        tau_ps = np.array(intervals, dtype=float) * args.timestep_ps
        if len(tau_ps):
            sem = tau_ps.std(ddof=1) / math.sqrt(len(tau_ps)) if len(tau_ps) > 1 else float("nan")
            print(f"residence time: {len(tau_ps)} intervals, mean {tau_ps.mean():.6g} +- {sem:.3g} ps, "
                  f"median {np.median(tau_ps):.6g} ps")
        else:
            print("residence time: no atom hops twice, no intervals")

        atoms = args.atoms or len(set(hops[:, 1].tolist()))
        end = args.run_steps if args.run_steps is not None else int(hops[-1, 0])
        if end <= args.start_step:
            raise io.InputError(args.log, None, f"observation from step {args.start_step} to {end} is empty")
        if hops[0, 0] < args.start_step or hops[-1, 0] > end:
            raise io.InputError(args.log, None, f"hops outside the observation steps {args.start_step}..{end}")
        time_ps = (end - args.start_step) * args.timestep_ps
        gamma = n / (atoms * time_ps)
        # Poisson counting error of the number of hops (independent hops at one rate)
        gamma_se = math.sqrt(n) / (atoms * time_ps)
        print(f"hop rate per atom Gamma = {n} / ({atoms} atoms x {time_ps:g} ps) = {gamma:.6g} +- {gamma_se:.3g} 1/ps"
              f" (Poisson)  (1/Gamma = {1 / gamma:.6g} ps)")
        if args.spacing_A:
            a2 = args.spacing_A ** 2
            if args.net == "square":
                sq = di.astype(float) ** 2 + dj.astype(float) ** 2
            else:  # axial indices with 60-degree basis vectors of length a
                sq = di.astype(float) ** 2 + dj.astype(float) ** 2 + di.astype(float) * dj.astype(float)
            d_hops = gamma * a2 / 4.0
            d_jumps = sq.sum() * a2 / (4.0 * atoms * time_ps)
            print(f"D_hops = Gamma a^2/4: {d_hops:.6g} +- {gamma_se * a2 / 4.0:.3g} A^2/ps = "
                  f"{d_hops * io.CM2_PER_S_PER_A2_PER_PS:.6g} cm^2/s")
            print(f"D_jumps = sum|dr|^2/(4 N t): {d_jumps:.6g} A^2/ps = {d_jumps * io.CM2_PER_S_PER_A2_PER_PS:.6g} cm^2/s")
        else:
            print("no --spacing-A: D not computed")

        plt = io.pyplot()
        fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
        if len(tau_ps):
            ax1.hist(tau_ps, bins=args.bins, color="tab:blue", alpha=0.8)
            ax1.axvline(tau_ps.mean(), color="k", ls="--", label=f"mean {tau_ps.mean():.4g} ps")
            ax1.legend(fontsize=8)
        ax1.set_xlabel("residence time (ps)")
        ax1.set_ylabel("intervals")
        ax1.set_title("time between hops of the same atom")
        ordered = sorted(counts.items(), key=lambda kv: kv[0])
        colours = ["tab:green" if d in nearest else "tab:red" for d, _ in ordered]
        ax2.bar(range(len(ordered)), [c for _, c in ordered], color=colours)
        ax2.set_xticks(range(len(ordered)))
        ax2.set_xticklabels([f"({d[0]:+d},{d[1]:+d})" for d, _ in ordered], rotation=45, fontsize=8)
        ax2.set_ylabel("hops")
        ax2.set_title("hops by direction (red: not nearest neighbour)")
        fig.tight_layout()
        io.save(fig, args.output or io.default_output(args.log, "hops"))

    io.run_main(PROG, work)


if __name__ == "__main__":
    main()
