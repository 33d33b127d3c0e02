#!/usr/bin/python3
"""Tests of the analysis/ plotting scripts on the small sample data in tests/data/analysis/.

Each script runs as a subprocess (as a user runs it); the tests check the numbers it prints
against values known from how the sample data were made (tests/analysis/make_sample_data.py,
hand-written files with their answers in the header comments, real kMC runs), that it writes
its PNG, that --help works, and that a missing or malformed file gives one error line naming
the file (and line) with exit status 1.

Run all:      /usr/bin/python3 tests/analysis/test_analysis_scripts.py
Run one:      /usr/bin/python3 tests/analysis/test_analysis_scripts.py MsdTest
PNGs go to $ANALYSIS_TEST_OUTPUT (ctest sets it to build/tests/analysis) or a temporary folder.
Standard library only (plus numpy/matplotlib inside the scripts).
"""
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
DATA = os.path.join(ROOT, "tests", "data", "analysis")
SCRIPTS = os.path.join(ROOT, "analysis")
PYTHON = os.environ.get("ANODEKMC_PYTHON", sys.executable)
BOLTZMANN_EV_PER_K = 8.617333262e-5

OUTPUT = os.environ.get("ANALYSIS_TEST_OUTPUT")
_TEMP = None


def output_dir():
    global _TEMP, OUTPUT
    if OUTPUT:
        os.makedirs(OUTPUT, exist_ok=True)
        return OUTPUT
    if _TEMP is None:
        _TEMP = tempfile.mkdtemp(prefix="anodekmc_analysis_")
    return _TEMP


def run(script, *args):
    env = dict(os.environ, MPLBACKEND="Agg")
    return subprocess.run([PYTHON, os.path.join(SCRIPTS, script), *args], capture_output=True, text=True,
                          env=env, timeout=120)


def number(pattern, text):
    """The float captured by the first group of pattern in text."""
    m = re.search(pattern, text)
    if not m:
        raise AssertionError(f"pattern {pattern!r} not found in output:\n{text}")
    return float(m.group(1))


class ScriptTest(unittest.TestCase):
    script = None

    def ok(self, *args):
        result = run(self.script, *args)
        self.assertEqual(result.returncode, 0, f"{self.script} {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def png(self, name):
        path = os.path.join(output_dir(), name)
        if os.path.exists(path):
            os.remove(path)
        return path

    def assert_png(self, path, stdout):
        self.assertIn(f"plot written to {path}", stdout)
        with open(path, "rb") as handle:
            self.assertEqual(handle.read(8), b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG")

    def fails(self, args, *fragments):
        """The script exits 1 with one stderr line holding every fragment (file name, line...)."""
        result = run(self.script, *args)
        self.assertEqual(result.returncode, 1, f"expected exit 1:\n{result.stdout}\n{result.stderr}")
        lines = result.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, f"expected one error line, got:\n{result.stderr}")
        self.assertTrue(lines[0].startswith(self.script + ": "), lines[0])
        for fragment in fragments:
            self.assertIn(fragment, lines[0])
        self.assertNotIn("Traceback", result.stderr)

    def bad_file(self, name, text):
        path = os.path.join(output_dir(), name)
        with open(path, "w") as handle:
            handle.write(text)
        return path

    def test_help(self):
        if self.script is None:
            self.skipTest("base class")
        out = self.ok("--help")
        self.assertIn("usage:", out)
        self.assertIn("--output", out)
        self.assertIn("Example", out)

    def test_missing_file(self):
        if self.script is None:
            self.skipTest("base class")
        self.fails(["no_such_input_file"] + self.extra_missing_args(), "no_such_input_file", "cannot read")

    def extra_missing_args(self):
        return []


class MsdTest(ScriptTest):
    script = "plot_msd.py"

    def test_exact_line_with_white_noise_recovers_D_within_the_fit_error(self):
        # MSD = 6 D t + independent noise (D = 0.25 A^2/ps): here the fit's error is honest
        png = self.png("msd_linear.png")
        out = self.ok(os.path.join(DATA, "msd_linear.dat"), "--output", png)
        self.assert_png(png, out)
        self.assertIn("timestep 0.001 ps", out)  # the default: no header in this file
        D = number(r"D = ([0-9.e+-]+) \+-", out)
        se = number(r"D = [0-9.e+-]+ \+- ([0-9.e+-]+) A\^2/ps", out)
        self.assertLess(abs(D - 0.25), 3 * se, out)
        self.assertAlmostEqual(number(r"A\^2/ps = ([0-9.e+-]+) \+-", out), D * 1e-4, delta=1e-9)  # cm^2/s

    def test_random_walks_block_average_recovers_in_plane_and_total_D(self):
        # 4 files x 100 Brownian walkers, D_xy = 0.5, D_z = 0.05 A^2/ps, time step 0.002 ps from the header
        files = [os.path.join(DATA, f"msd_walk_{k}.dat") for k in range(1, 5)]
        # d = 1 also checks that --timestep-ps overrides the header: twice the time step, half the D
        for dims, true_D, extra in ((2, 0.5, []), (3, (2 * 0.5 + 0.05) / 3, []), (1, 0.05 / 2, ["--timestep-ps", "0.004"])):
            png = self.png(f"msd_walk_d{dims}.png")
            out = self.ok(*files, "--dims", str(dims), *extra, "--output", png)
            self.assert_png(png, out)
            self.assertIn("timestep 0.004 ps" if extra else "timestep 0.002 ps", out)
            mean = number(r"block average over 4 files: D = ([0-9.e+-]+)", out)
            sem = number(r"block average over 4 files: D = [0-9.e+-]+ \+- ([0-9.e+-]+)", out)
            self.assertLess(abs(mean - true_D), 3 * sem, f"d = {dims}: {out}")
            # the per-file fit errors understate the spread between files (correlated MSD points)
            per_file = [float(v) for v in re.findall(r"dat: .*?D = ([0-9.e+-]+) \+-", out)]
            per_file_se = [float(v) for v in re.findall(r"dat: .*?D = [0-9.e+-]+ \+- ([0-9.e+-]+)", out)]
            spread = math.sqrt(sum((v - mean) ** 2 for v in per_file) / 3)
            self.assertGreater(spread, 2 * max(per_file_se), out)

    def test_malformed_files(self):
        self.fails([self.bad_file("msd_bad_number.dat", "# TimeStep a b c d\n0 0 0 0 0\n100 0.1 x 0.1 0.3\n")],
                   "msd_bad_number.dat:3", "'x' is not a number")
        self.fails([self.bad_file("msd_four_columns.dat", "0 0 0 0\n100 1 1 1\n200 2 2 2\n")],
                   "msd_four_columns.dat", "4 columns")
        self.fails([self.bad_file("msd_ragged.dat", "0 0 0 0 0\n100 1 1 1 3\n200 2 2 2\n")],
                   "msd_ragged.dat:3", "4 columns")


class ArrheniusTest(ScriptTest):
    script = "plot_arrhenius.py"

    def test_recovers_known_activation_energy_and_prefactor(self):
        # D = D0 exp(-Ea/kT), Ea = 0.25 eV, D0 = 2e-3 cm^2/s, 5 % log-normal noise, errors given
        png = self.png("arrhenius_sample.png")
        out = self.ok(os.path.join(DATA, "arrhenius_sample.csv"), "--output", png)
        self.assert_png(png, out)
        self.assertIn("weighted", out)
        ea, ea_se = number(r"Ea = ([0-9.e+-]+) \+-", out), number(r"Ea = [0-9.e+-]+ \+- ([0-9.e+-]+) eV", out)
        ln_d0, ln_d0_se = number(r"ln D0 = ([0-9.e+-]+) \+-", out), number(r"ln D0 = [0-9.e+-]+ \+- ([0-9.e+-]+)", out)
        self.assertLess(abs(ea - 0.25), 3 * ea_se, out)
        self.assertLess(abs(ln_d0 - math.log(2e-3)), 3 * ln_d0_se, out)
        # the stated error is the one of 5 % errors on 9 points from 250 to 450 K: ~0.0025 eV
        self.assertGreater(ea_se, 0.0015)
        self.assertLess(ea_se, 0.004)

    def test_lookup_table_long_csv_reproduces_its_arrhenius_csv(self):
        # the same weighted fit as anodekmc table build: arrhenius.csv's numbers to 8 digits
        table = os.path.join(ROOT, "inputs", "table_Li_LiIn100", "table", "table.csv")
        out = self.ok(table, "--select", "system=LiIn", "--select", "facet=bcc100", "--select", "complexion=dilute",
                      "--group-by", "solute_fraction", "--output", self.png("arrhenius_table.png"))
        line = [ln for ln in out.splitlines() if "solute_fraction=0.02:" in ln][0]
        self.assertAlmostEqual(number(r"Ea = ([0-9.e+-]+)", line), 0.45177577928955559, delta=1e-7)
        self.assertAlmostEqual(number(r"Ea = [0-9.e+-]+ \+- ([0-9.e+-]+)", line), 0.0050966710927019604, delta=1e-5)
        self.assertAlmostEqual(number(r"ln D0 = ([0-9.e+-]+)", line), -10.798069717597929, delta=1e-5)
        self.assertAlmostEqual(number(r"reduced chi2 = ([0-9.e+-]+)", line), 1.6162794472716697, delta=1e-2)
        self.assertEqual(len(re.findall(r"solute_fraction=", out)), 3)
        out = self.ok(table, "--D-column", "collective_D_m2_per_s", "--select", "system=Li",
                      "--output", self.png("arrhenius_table_Li.png"))
        self.assertAlmostEqual(number(r"Ea = ([0-9.e+-]+)", out), 0.46083358615465808, delta=1e-7)

    def test_unweighted_without_errors(self):
        out = self.ok(os.path.join(DATA, "arrhenius_sample.csv"), "--no-errors", "--output", self.png("a.png"))
        self.assertIn("unweighted", out)
        self.assertLess(abs(number(r"Ea = ([0-9.e+-]+)", out) - 0.25), 0.01)

    def test_malformed_files(self):
        self.fails([self.bad_file("arr_negative.csv", "T_K,D\n300,1e-9\n350,-1e-8\n400,1e-7\n")],
                   "arr_negative.csv:3", "D must be > 0")
        self.fails([self.bad_file("arr_text.csv", "T_K,D\n300,1e-9\n350,abc\n400,1e-7\n")],
                   "arr_text.csv:3", "'abc' is not a number")
        self.fails([self.bad_file("arr_no_T.csv", "temp,D\n300,1e-9\n")], "arr_no_T.csv", "no temperature column")
        self.fails([self.bad_file("arr_fields.csv", "T_K,D\n300,1e-9,5\n")], "arr_fields.csv:2", "3 fields")
        self.fails([os.path.join(DATA, "arrhenius_sample.csv"), "--select", "T_K=999"], "no rows left")


class HopsTest(ScriptTest):
    script = "plot_hops.py"

    def test_hand_written_log_gives_the_exact_counts(self):
        png = self.png("hops_sample.png")
        out = self.ok(os.path.join(DATA, "hops_sample.log"), "--periodic", "10", "10", "--run-steps", "1000",
                      "--timestep-ps", "0.001", "--spacing-A", "2", "--output", png)
        self.assert_png(png, out)
        self.assertIn("10 hops of 3 atoms", out)
        expected = {"(+1, +0)": 2, "(-1, +0)": 2, "(+0, +1)": 3, "(+0, -1)": 1, "(+0, +2)": 1, "(+1, +1)": 1}
        found = dict(re.findall(r"^  (\([+-]\d+, [+-]\d+\)) +(\d+)", out, re.M))
        self.assertEqual({k: int(v) for k, v in found.items()}, expected)
        self.assertIn("non-nearest-neighbour jumps: 2 of 10 = 0.2000", out)
        self.assertAlmostEqual(number(r"7 intervals, mean ([0-9.e+-]+)", out), 1.950 / 7, places=6)
        self.assertAlmostEqual(number(r"Gamma = 10 / \(3 atoms x 1 ps\) = ([0-9.e+-]+)", out), 10 / 3, places=5)
        self.assertAlmostEqual(number(r"D_hops = Gamma a\^2/4: ([0-9.e+-]+)", out), 10 / 3, places=5)
        self.assertAlmostEqual(number(r"D_jumps = .*?: ([0-9.e+-]+) A", out), 14 * 4 / 12, places=5)

    def test_random_walkers_give_their_hop_rate_residence_time_and_D(self):
        # 10 walkers, rate 2 /ps to a random neighbour, 25 ps, a = 3 A: D = 2 x 9 / 4 = 4.5 A^2/ps
        png = self.png("hops_walk.png")
        out = self.ok(os.path.join(DATA, "hops_walk.log"), "--periodic", "20", "20", "--run-steps", "25000",
                      "--atoms", "10", "--spacing-A", "3", "--output", png)
        self.assert_png(png, out)
        self.assertIn("non-nearest-neighbour jumps: 0 of", out)
        gamma, gamma_se = number(r"\) = ([0-9.e+-]+) \+-", out), number(r"\) = [0-9.e+-]+ \+- ([0-9.e+-]+) 1/ps", out)
        self.assertLess(abs(gamma - 2.0), 3 * gamma_se, out)
        tau, tau_se = number(r"intervals, mean ([0-9.e+-]+)", out), number(r"intervals, mean [0-9.e+-]+ \+- ([0-9.e+-]+)", out)
        self.assertLess(abs(tau - 0.5), 3 * tau_se, out)  # exponential waiting times: mean 1/Gamma
        d, d_se = number(r"D_hops = Gamma a\^2/4: ([0-9.e+-]+)", out), number(r"D_hops = .*? \+- ([0-9.e+-]+)", out)
        self.assertLess(abs(d - 4.5), 3 * d_se, out)
        self.assertAlmostEqual(number(r"D_jumps = .*?: ([0-9.e+-]+) A", out), d, places=6)  # all hops one spacing

    def test_without_periodic_images_the_boundary_hop_is_long(self):
        out = self.ok(os.path.join(DATA, "hops_sample.log"), "--output", self.png("h.png"))
        self.assertIn("(+9, +0)", out)
        self.assertIn("non-nearest-neighbour jumps: 3 of 10", out)

    def test_malformed_files(self):
        self.fails([self.bad_file("hops_fields.log", "# c\n100 1 0 0 1 0\n200 1 1 0 2\n")],
                   "hops_fields.log:3", "5 fields")
        self.fails([self.bad_file("hops_self.log", "100 1 0 0 1 0\n200 1 1 0 1 0\n")],
                   "hops_self.log:2", "to itself")
        self.fails([self.bad_file("hops_text.log", "100 1 0 0 1 zero\n")], "hops_text.log:1", "integers")
        self.fails([self.bad_file("hops_order.log", "200 1 0 0 1 0\n100 1 1 0 2 0\n")], "hops_order.log:2", "before")


class IslandsTest(ScriptTest):
    script = "plot_islands.py"
    RUNS = ["DF1e5", "DF3e5", "DF1e6", "DF3e6", "DF1e7"]

    def test_real_kmc_runs_give_the_one_third_exponent(self):
        folders = [os.path.join(DATA, "islands", r) for r in self.RUNS]
        png = self.png("islands.png")
        out = self.ok(*folders, "--output", png)
        self.assert_png(png, out)
        # D/F from run.json (bond counting, pure Li): 1e5 ... 1e7 as the runs were set up
        for run_name in self.RUNS:
            d_over_f = float(run_name[2:])
            line = [ln for ln in out.splitlines() if ln.strip().startswith(os.path.join(DATA, "islands", run_name))][0]
            self.assertAlmostEqual(float(line.split()[1]) / d_over_f, 1.0, places=3)
        chi = number(r"chi = ([0-9.e+-]+) \+-", out)
        se = number(r"chi = [0-9.e+-]+ \+- ([0-9.e+-]+)", out)
        self.assertLess(abs(chi - 1 / 3), 3 * se, out)  # SCIENCE.md §8 case 5
        self.assertLess(se, 0.05)
        self.assertNotIn("warning", out)  # island_sizes.csv agrees with run.json's island count
        # the DF1e5 run: 215 islands on 200 x 200 sites
        self.assertRegex(out, r"DF1e5 +1e\+05 +0\.1 +215 +0\.005375 ")

    def test_d_over_f_option(self):
        out = self.ok(os.path.join(DATA, "islands", "DF1e5"), "--D-over-F", "42", "--output", self.png("i1.png"))
        self.assertIn("one value of D/F", out)
        self.assertRegex(out, r"DF1e5 +42 ")

    def test_malformed_files(self):
        folder = os.path.join(output_dir(), "islands_bad")
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(os.path.join(DATA, "islands", "DF1e5"), folder)
        with open(os.path.join(folder, "island_sizes.csv"), "w") as handle:
            handle.write("size_sites,count\n1,3\n2,2.5\n")
        self.fails([folder], "island_sizes.csv:3", "count must be a non-negative integer")
        with open(os.path.join(folder, "run.json"), "w") as handle:
            handle.write("{\n \"config\": {\n")
        self.fails([folder], "run.json", "not valid JSON")

    def extra_missing_args(self):
        return []


class SegregationProfileTest(ScriptTest):
    script = "plot_segregation_profile.py"

    def test_exact_profile_last_block_bulk_and_excess(self):
        path = os.path.join(DATA, "profile_exact.dat")
        for extra in ([], ["--bulk-layers", "3", "10"]):
            png = self.png("profile_exact.png")
            out = self.ok(path, *extra, "--output", png)
            self.assert_png(png, out)
            self.assertIn("block 2 of 2 (step 2000), 12 planes, 2 atom types", out)
            self.assertAlmostEqual(number(r"x_b = ([0-9.e+-]+), A =", out), 0.0625, places=8)
            self.assertAlmostEqual(number(r"A = ([0-9.e+-]+) A\^2", out), 49.2804, places=3)
            self.assertAlmostEqual(number(r"excess lower surface: ([0-9.e+-]+)", out), 8 / 49.2804, places=6)
            self.assertAlmostEqual(number(r"excess upper surface: ([0-9.e+-]+)", out), 7 / 49.2804, places=6)
            self.assertAlmostEqual(number(r"lower surface: .* = ([0-9.e+-]+) per surface site", out), 0.5, places=5)
            self.assertAlmostEqual(number(r"upper surface: .* = ([0-9.e+-]+) per surface site", out), 0.4375, places=5)

    def test_sgcmc_deck_output_with_bulk_layers_and_states_overlay(self):
        path = os.path.join(DATA, "sgcmc_profile_sample.dat")
        # independent sums over the file's columns (planes 1-7 below, 14-20 above bulk planes 8-13)
        with open(path) as handle:
            rows = [ln.split() for ln in handle if not ln.startswith("#")][1:]
        excess = [float(r[6]) for r in rows]
        x_b = sum(float(r[4]) for r in rows[7:13]) / sum(float(r[2]) for r in rows[7:13])
        states = os.path.join(ROOT, "inputs", "segregation_LiM_dilute", "LiIn_bcc100", "states.csv")
        png = self.png("sgcmc_profile.png")
        out = self.ok(path, "--bulk-layers", "8", "13", "--solute", "In", "--host", "Li", "--states", states,
                      "--temperature", "400", "--delta-mu", "-0.3", "--output", png)
        self.assert_png(png, out)
        self.assertAlmostEqual(number(r"bulk planes 8\.\.13: x_b = ([0-9.e+-]+)", out), x_b, delta=1e-6)
        self.assertAlmostEqual(number(r"excess lower surface: ([0-9.e+-]+)", out), sum(excess[:7]), delta=1e-8)
        self.assertAlmostEqual(number(r"excess upper surface: ([0-9.e+-]+)", out), sum(excess[13:]), delta=1e-8)
        # the fitted bulk level agrees with the bulk planes' (running averages: not exact)
        self.assertAlmostEqual(number(r"fit .*: x_b = ([0-9.e+-]+)", out), x_b, delta=1e-3)
        self.assertRegex(out, r"states\.csv:\d+: mc up T = 400 K, dmu = -0\.3 eV")

    def test_malformed_files(self):
        self.fails([self.bad_file("profile_short.dat", "# c\n100 3\n1 0.0 16 15 1 0.0625 0\n2 1.7 16 15 1 0.0625 0\n")],
                   "profile_short.dat:2", "has 2 of 3 rows")
        self.fails([self.bad_file("profile_header.dat", "100 2 7\n")], "profile_header.dat:1", "step nrows")
        self.fails([os.path.join(DATA, "profile_exact.dat"), "--bulk-layers", "3", "40"], "the file has 12 planes")


class ScreeningTest(ScriptTest):
    script = "plot_screening.py"

    def test_sample_table_ranked_and_normalized(self):
        png = self.png("screening_sample.png")
        out = self.ok(os.path.join(DATA, "screening_sample.csv"), "--title", "SAMPLE data, not results",
                      "--output", png)
        self.assert_png(png, out)
        self.assertIn("5 dopants, 6 descriptors (log10-normalized: D_surf_m2_per_s); text columns: complexion", out)
        self.assertIn("best: Mg (score 0.9)", out)
        ranked = re.findall(r"^ +(\d) +([A-Z][a-z]?) ", out, re.M)
        self.assertEqual(ranked, [("1", "Mg"), ("2", "In"), ("3", "Zn"), ("4", "Sn"), ("5", "Hg")])
        # In: E_sol -0.2 of -0.5..-0.1 -> 0.75; E_seg -0.2 of -0.4..0 -> 0.5; excess 0.5 -> 0.5;
        # E_hop 0.1 of 0.05..0.25 -> 0.25; D 1e-9 of 1e-12..1e-8 in log10 -> 0.75; density 0.02 of 0.01..0.05 -> 0.25
        line = [ln for ln in out.splitlines() if re.match(r"^ +2 +In ", ln)][0]
        self.assertEqual(line.split()[3:], ["0.750", "0.500", "0.500", "0.250", "0.750", "0.250", "monolayer"])
        self.assertIn("nan", [ln for ln in out.splitlines() if re.match(r"^ +3 +Zn ", ln)][0])  # missing value

    def test_malformed_files(self):
        head = "dopant,score,rank,E_eV\n"
        self.fails([self.bad_file("scr_rank.csv", head + "Mg,0.9,1,0.1\nIn,0.7,1,0.2\n")], "scr_rank.csv",
                   "rank must hold 1..2")
        self.fails([self.bad_file("scr_order.csv", head + "Mg,0.5,1,0.1\nIn,0.7,2,0.2\n")], "scr_order.csv:3",
                   "higher score")
        self.fails([self.bad_file("scr_cols.csv", "name,score,rank\nMg,1,1\n")], "scr_cols.csv",
                   "dopant,score,rank")
        self.fails([self.bad_file("scr_dup.csv", head + "Mg,0.9,1,0.1\nMg,0.7,2,0.2\n")], "scr_dup.csv:3",
                   "repeated")


class SetflTest(ScriptTest):
    """plot_setfl.py on a setfl export of the shipped potential (Li, In; 300-point grids)."""
    script = "plot_setfl.py"
    sample = os.path.join(DATA, "LiIn_small.eam.alloy")

    def test_functions_and_png(self):
        path = self.png("setfl.png")
        out = self.ok(self.sample, "--output", path)
        self.assert_png(path, out)
        self.assertIn("Li-Li: phi minimum", out)
        self.assertIn("In-Li: phi minimum", out)

    def test_bcc_energy_matches_stock_lammps(self):
        # Independent: Debian's stock lmp with pair_style eam/alloy on the same file (cubic
        # splines) against the script's sum over neighbour shells (linear interpolation). The
        # interpolation error of each term is about h^2/8 |g''| on these 300-point grids, about
        # 1e-4 eV in total; 5e-4 eV bounds it.
        lmp = shutil.which("lmp")
        if lmp is None:
            self.skipTest("Debian's lmp is not installed")
        deck = self.bad_file("bcc_energy.in", "\n".join([
            "units metal", "atom_style atomic", "lattice bcc 3.4898", "region box block 0 6 0 6 0 6",
            "create_box 2 box", "create_atoms 1 box", "mass * 6.94", "pair_style eam/alloy",
            f"pair_coeff * * {self.sample} Li In", "run 0", 'print "PE_PER_ATOM $(pe/atoms:%.8f)"', ""]))
        result = subprocess.run([lmp, "-in", deck, "-log", "none", "-screen", "none", "-echo", "none"],
                                capture_output=True, text=True, timeout=120, cwd=output_dir())
        # -screen none silences print too: run again with the screen on if needed
        if "PE_PER_ATOM" not in result.stdout:
            result = subprocess.run([lmp, "-in", deck, "-log", "none"], capture_output=True, text=True, timeout=120,
                                    cwd=output_dir())
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        lammps = number(r"PE_PER_ATOM (-?[0-9.]+)", result.stdout)
        out = self.ok(self.sample, "--bcc-a", "3.4898", "--element", "Li", "--output", self.png("setfl_bcc.png"))
        script = number(r"bcc Li, a = 3.4898 A: (-?[0-9.]+) eV/atom", out)
        self.assertAlmostEqual(script, lammps, delta=5e-4)

    def test_malformed(self):
        bad = self.bad_file("bad.eam.alloy", "c\nc\nc\n1 Li\n2 0.1 2 0.1 5.0\n3 6.94 3.49 bcc\n1 2\nx 4\n5 6\n")
        self.fails([bad], "bad.eam.alloy:8", "'x' is not a number")
        short = self.bad_file("short.eam.alloy", "c\nc\nc\n1 Li\n10 0.1 10 0.1 5.0\n3 6.94 3.49 bcc\n1 2 3\n")
        self.fails([short], "short.eam.alloy", "file ends early")
        self.fails([self.sample, "--bcc-a", "3.49", "--element", "Xx"], "element Xx is not in the file")


class NebTest(ScriptTest):
    """plot_neb.py on the universe log of inputs/neb_Li100_hop (a real 7-replica run)."""
    script = "plot_neb.py"
    sample = os.path.join(DATA, "neb_Li100_hop.log")

    def test_barrier_and_png(self):
        path = self.png("neb.png")
        out = self.ok(self.sample, "--compare-eV", "0.167210", "--output", path)
        self.assert_png(path, out)
        # The last data line of the log: EBF 0.16709233, climbing replica 4 of 7 (symmetric hop).
        self.assertAlmostEqual(number(r"forward barrier ([0-9.]+) eV", out), 0.16709233, places=6)
        self.assertIn("highest replica 4 of 7", out)
        self.assertAlmostEqual(number(r"replica 4: reaction coordinate [0-9.]+, E - E_1 = \+([0-9.]+)", out),
                               -236.65082 + 236.81791, places=5)
        self.assertAlmostEqual(number(r"difference from 0.167210 eV: ([-+0-9.]+)", out), 0.16709233 - 0.167210,
                               places=6)

    def test_malformed(self):
        not_neb = self.bad_file("not_neb.log", "LAMMPS (29 Sep 2021)\nStep Temp\n0 300\n")
        self.fails([not_neb], "not_neb.log", "not a NEB universe log")
        short = self.bad_file("short_neb.log", "Step MaxReplicaForce MaxAtomForce\n5 0.1 0.2 0.3\n")
        self.fails([short], "short_neb.log:2", "columns")


class FirstPassageTest(ScriptTest):
    script = "plot_first_passage.py"

    def test_sample_gives_one_third_and_the_speed_up(self):
        # tests/data/analysis/first_passage_sample.txt: seed means 0.25 (D/F)^(-1/3) up to the
        # rounding of island counts (~1e-5 relative), and plain runs 20x slower at D/F = 1e5.
        png = self.png("first_passage_sample.png")
        out = self.ok(os.path.join(DATA, "first_passage_sample.txt"), "--output", png)
        self.assert_png(png, out)
        self.assertAlmostEqual(number(r"chi = ([0-9.]+) \+-", out), 1 / 3, delta=2e-4)
        self.assertAlmostEqual(number(r"= ([0-9.]+)x", out), 20.0, places=6)
        self.assertIn("over D/F 1e+04 .. 1e+08", out)
        rows = re.findall(r"^first passage +1000000 +([0-9.e+]+) +2 ", out, re.M)
        self.assertEqual(len(rows), 5)

    def test_malformed_files(self):
        self.fails([self.bad_file("fp_empty.txt", "side sites\nnothing here\n")], "fp_empty.txt", "no data rows")
        row = "  1000 1000000 1e+05 2 1 5000 5.0e-03 1.0 10 5 1 100\n"
        self.fails([self.bad_file("fp_bad_engine.txt", row)], "fp_bad_engine.txt:1", "fp 0 or 1")
        row = "  1000 1000000 1e+05 1 1 5000 6.0e-03 1.0 10 5 1 100\n"
        self.fails([self.bad_file("fp_density.txt", "# header\n" + row)], "fp_density.txt:2",
                   "density differs from islands / sites")
        self.fails([os.path.join(output_dir(), "fp_no_such_file.txt")], "fp_no_such_file.txt", "cannot read")


if __name__ == "__main__":
    try:
        unittest.main(verbosity=2)
    finally:
        if _TEMP:
            shutil.rmtree(_TEMP, ignore_errors=True)
