#!/usr/bin/python3
"""Writes the synthetic sample data of the analysis/ script tests into tests/data/analysis/.

Every file is generated from known parameters with a fixed seed, so the tests can check that
the scripts recover them. Rerun only to change the samples (the tests read the committed files):
    /usr/bin/python3 tests/analysis/make_sample_data.py
"""
import math
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "data", "analysis")
BOLTZMANN_EV_PER_K = 8.617333262e-5

# --- MSD: independent Brownian walkers, D_xy = 0.5 Å^2/ps in-plane, D_z = 0.05 Å^2/ps ---------
MSD_D_XY, MSD_D_Z = 0.5, 0.05
MSD_ATOMS, MSD_ROWS, MSD_EVERY, MSD_TIMESTEP_PS = 100, 101, 50, 0.002
# --- MSD: exact line 6 D t plus white noise of known sigma (the fit error is then honest) ------
LINEAR_D, LINEAR_SIGMA_A2 = 0.25, 0.05
# --- Arrhenius: D = D0 exp(-Ea / kT) with log-normal noise of known relative size -------------
ARR_EA_EV, ARR_D0_CM2_PER_S, ARR_REL_ERR = 0.25, 2.0e-3, 0.05


def msd_files(rng):
    interval_ps = MSD_EVERY * MSD_TIMESTEP_PS
    for block in range(1, 5):
        # Gaussian increments are exact for Brownian motion at any interval: variance 2 D dt per axis
        sd = np.sqrt(2 * np.array([MSD_D_XY, MSD_D_XY, MSD_D_Z]) * interval_ps)
        steps = rng.normal(size=(MSD_ROWS - 1, MSD_ATOMS, 3)) * sd
        disp = np.concatenate([np.zeros((1, MSD_ATOMS, 3)), np.cumsum(steps, axis=0)])
        sq = (disp ** 2).mean(axis=1)
        with open(os.path.join(OUT, f"msd_walk_{block}.dat"), "w") as f:
            f.write("# SYNTHETIC SAMPLE (tests/analysis/make_sample_data.py): 100 Brownian walkers, "
                    f"D_xy = {MSD_D_XY} A^2/ps, D_z = {MSD_D_Z} A^2/ps, seed block {block}\n")
            f.write(f"# timestep_ps = {MSD_TIMESTEP_PS}\n")
            f.write("# Time-averaged data for fix msd\n# TimeStep c_msd[1] c_msd[2] c_msd[3] c_msd[4]\n")
            for k in range(MSD_ROWS):
                f.write(f"{k * MSD_EVERY} {sq[k, 0]:.6g} {sq[k, 1]:.6g} {sq[k, 2]:.6g} {sq[k].sum():.6g}\n")


def msd_linear(rng):
    with open(os.path.join(OUT, "msd_linear.dat"), "w") as f:
        f.write(f"# SYNTHETIC SAMPLE: MSD = 6 D t + white noise, D = {LINEAR_D} A^2/ps, sigma = {LINEAR_SIGMA_A2} A^2,"
                " time step 0.001 ps (default)\n")
        f.write("# Time-averaged data for fix msd\n# TimeStep c_msd[1] c_msd[2] c_msd[3] c_msd[4]\n")
        for k in range(51):
            t_ps = k * 1.0
            # no noise on the t = 0 row: an MSD is never negative (the script refuses that)
            sigma = LINEAR_SIGMA_A2 if k > 0 else 0.0
            comp = 2 * LINEAR_D * t_ps + rng.normal(scale=sigma, size=3)
            total = 6 * LINEAR_D * t_ps + rng.normal(scale=sigma)
            f.write(f"{k * 1000} {comp[0]:.6f} {comp[1]:.6f} {comp[2]:.6f} {total:.6f}\n")


def arrhenius(rng):
    with open(os.path.join(OUT, "arrhenius_sample.csv"), "w") as f:
        f.write(f"# SYNTHETIC SAMPLE: D = D0 exp(-Ea/kT), Ea = {ARR_EA_EV} eV, D0 = {ARR_D0_CM2_PER_S} cm^2/s, "
                f"log-normal noise {ARR_REL_ERR:.0%} (D_err = {ARR_REL_ERR:.0%} of D)\n")
        f.write("T_K,D_cm2_per_s,D_err_cm2_per_s\n")
        for T in range(250, 451, 25):
            D = ARR_D0_CM2_PER_S * math.exp(-ARR_EA_EV / (BOLTZMANN_EV_PER_K * T))
            D *= math.exp(rng.normal(scale=ARR_REL_ERR))
            f.write(f"{T},{D:.8e},{ARR_REL_ERR * D:.8e}\n")


# --- hop log: independent walkers on a periodic square net, each hopping at rate Gamma -------
HOP_RATE_PER_PS, HOP_ATOMS, HOP_NET, HOP_RUN_PS, HOP_TIMESTEP_PS = 2.0, 10, 20, 25.0, 0.001


def hop_log(rng):
    events = []
    for atom in range(1, HOP_ATOMS + 1):
        i, j = (int(v) for v in rng.integers(0, HOP_NET, size=2))
        t = rng.exponential(1.0 / HOP_RATE_PER_PS)
        while t < HOP_RUN_PS:
            di, dj = ((1, 0), (-1, 0), (0, 1), (0, -1))[int(rng.integers(4))]
            ni, nj = (i + di) % HOP_NET, (j + dj) % HOP_NET
            events.append((int(round(t / HOP_TIMESTEP_PS)), atom, i, j, ni, nj))
            i, j = ni, nj
            t += rng.exponential(1.0 / HOP_RATE_PER_PS)
    events.sort()
    with open(os.path.join(OUT, "hops_walk.log"), "w") as f:
        f.write(f"# SYNTHETIC SAMPLE (tests/analysis/make_sample_data.py): {HOP_ATOMS} independent walkers on a periodic "
                f"{HOP_NET} x {HOP_NET} square net,\n# each hopping to a random nearest neighbour at rate "
                f"Gamma = {HOP_RATE_PER_PS} 1/ps for {HOP_RUN_PS} ps ({int(HOP_RUN_PS / HOP_TIMESTEP_PS)} steps of "
                f"{HOP_TIMESTEP_PS} ps): D = Gamma a^2 / 4\n# step atom from_i from_j to_i to_j\n")
        for e in events:
            f.write(" ".join(str(v) for v in e) + "\n")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20261202)
    msd_files(rng)
    msd_linear(rng)
    arrhenius(rng)
    hop_log(np.random.default_rng(20261203))  # own stream: the files above stay as committed
