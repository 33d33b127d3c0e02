"""Shared readers and fits for the analysis/ scripts (numpy only; no scipy).

Readers raise InputError(path, line, message); a script's main() wraps its work in
`run_main(PROG, function)`, which prints one line `PROG: FILE:LINE: message` on stderr and
exits with status 1 (the convention of the other analysis/ scripts; argparse's own usage
errors exit with 2).

Formats read here:
  - whitespace tables with '#' comment lines (LAMMPS `fix ave/time` scalar mode: a comment
    header line '# TimeStep name1 name2 ...', then one row per output step);
  - LAMMPS `fix ave/time ... mode vector` files: blocks of a 'step nrows' line followed by
    nrows rows;
  - CSV files with a header row, '#' comment lines anywhere before or between rows ignored.
"""
import csv
import math
import os
import sys

import numpy as np

BOLTZMANN_EV_PER_K = 8.617333262e-5
# 1 Å^2/ps = 1e-16 cm^2 / 1e-12 s = 1e-4 cm^2/s = 1e-8 m^2/s
CM2_PER_S_PER_A2_PER_PS = 1.0e-4
M2_PER_S_PER_A2_PER_PS = 1.0e-8


class InputError(Exception):
    """A bad input file: where (path and 1-based line, if known) and what."""

    def __init__(self, path, line, message):
        self.path, self.line, self.message = path, line, message
        where = path if line is None else f"{path}:{line}"
        super().__init__(f"{where}: {message}")


def run_main(prog, function):
    """Calls function(); an InputError becomes one line on stderr and exit status 1."""
    try:
        function()
    except InputError as error:
        print(f"{prog}: {error}", file=sys.stderr)
        sys.exit(1)


def _open_lines(path):
    try:
        with open(path) as handle:
            return handle.read().splitlines()
    except OSError as error:
        raise InputError(path, None, f"cannot read: {error.strerror}") from None
    except UnicodeDecodeError:
        raise InputError(path, None, "not a text file") from None


def _to_float(path, line, word):
    try:
        value = float(word)
    except ValueError:
        raise InputError(path, line, f"'{word}' is not a number") from None
    if not math.isfinite(value):
        raise InputError(path, line, f"'{word}' is not a finite number")
    return value


def read_whitespace_table(path, min_columns=1):
    """Rows of numbers separated by blanks after '#' comments.

    Returns (comments, column_names, data): comments = the comment lines without '#' (stripped),
    column_names = the words of the last comment line before the data (LAMMPS writes
    '# TimeStep c_msd[1] ...' there), data = 2-D float array. Every row must have the same
    number of columns, at least min_columns."""
    comments, names, rows, width = [], [], [], None
    for number, text in enumerate(_open_lines(path), start=1):
        stripped = text.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            comments.append(stripped.lstrip("#").strip())
            if not rows:
                names = comments[-1].split()
            continue
        words = stripped.split()
        if width is None:
            width = len(words)
            if width < min_columns:
                raise InputError(path, number, f"{width} columns, expected at least {min_columns}")
        elif len(words) != width:
            raise InputError(path, number, f"{len(words)} columns, the rows above have {width}")
        rows.append([_to_float(path, number, w) for w in words])
    if not rows:
        raise InputError(path, None, "no data rows")
    return comments, names, np.array(rows, dtype=float)


def read_vector_blocks(path, min_columns=1):
    """Blocks of a LAMMPS `fix ave/time ... mode vector` file: a list of (step, rows array, line of
    the block header). Each block is a 'step nrows' line then nrows rows of equal width."""
    lines = [(n, t.split()) for n, t in enumerate(_open_lines(path), start=1)
             if t.strip() and not t.lstrip().startswith("#")]
    blocks, i, width = [], 0, None
    while i < len(lines):
        number, head = lines[i]
        if len(head) != 2:
            raise InputError(path, number, f"expected a 'step nrows' block header, got '{' '.join(head)}'")
        step, nrows = _to_float(path, number, head[0]), _to_float(path, number, head[1])
        if nrows != int(nrows) or nrows < 1:
            raise InputError(path, number, f"block header: row count '{head[1]}' is not a positive integer")
        nrows = int(nrows)
        body = lines[i + 1:i + 1 + nrows]
        if len(body) != nrows:
            raise InputError(path, number, f"block at step {step:g} has {len(body)} of {nrows} rows")
        rows = []
        for row_number, words in body:
            if width is None:
                width = len(words)
                if width < min_columns:
                    raise InputError(path, row_number, f"{width} columns, expected at least {min_columns}")
            if len(words) != width:
                raise InputError(path, row_number, f"{len(words)} columns, expected {width}")
            rows.append([_to_float(path, row_number, w) for w in words])
        blocks.append((int(step), np.array(rows, dtype=float), number))
        i += 1 + nrows
    if not blocks:
        raise InputError(path, None, "no data blocks")
    return blocks


class CsvTable:
    """A CSV file with a header row; '#' lines are comments. Cells stay strings; `floats(name)`
    converts one column and names the line of a bad cell."""

    def __init__(self, path):
        self.path = path
        lines = [(n, t) for n, t in enumerate(_open_lines(path), start=1)
                 if t.strip() and not t.lstrip().startswith("#")]
        if not lines:
            raise InputError(path, None, "no header row")
        try:
            parsed = list(csv.reader([t for _, t in lines]))
        except csv.Error as error:
            raise InputError(path, None, f"not a CSV file: {error}") from None
        self.header = [h.strip() for h in parsed[0]]
        if len(set(self.header)) != len(self.header):
            raise InputError(path, lines[0][0], "repeated column name in the header")
        self.line_numbers, self.rows = [], []
        for (number, _), cells in zip(lines[1:], parsed[1:]):
            if len(cells) != len(self.header):
                raise InputError(path, number, f"{len(cells)} fields, the header has {len(self.header)}")
            self.line_numbers.append(number)
            self.rows.append([c.strip() for c in cells])
        if not self.rows:
            raise InputError(path, None, "no data rows after the header")

    def has(self, name):
        return name in self.header

    def require(self, *names):
        missing = [n for n in names if n not in self.header]
        if missing:
            raise InputError(self.path, self.line_numbers[0] - 1 if self.line_numbers else None,
                             f"missing column(s) {', '.join(missing)}; the header has {', '.join(self.header)}")

    def strings(self, name):
        self.require(name)
        k = self.header.index(name)
        return [r[k] for r in self.rows]

    def floats(self, name):
        self.require(name)
        k = self.header.index(name)
        return np.array([_to_float(self.path, n, r[k]) for n, r in zip(self.line_numbers, self.rows)])

    def subset(self, keep):
        """A copy with only the rows where keep[i] is true."""
        other = object.__new__(CsvTable)
        other.path, other.header = self.path, self.header
        other.rows = [r for r, k in zip(self.rows, keep) if k]
        other.line_numbers = [n for n, k in zip(self.line_numbers, keep) if k]
        return other


def linear_fit(x, y, sigma=None):
    """Least-squares line y = a + b x.

    Without sigma: ordinary least squares; the standard errors come from the residual scatter,
    s^2 = SSR / (n - 2) (needs n >= 3). With sigma (standard errors of y, all > 0): weighted
    least squares, weights 1/sigma^2, errors from the inverse normal matrix (sigma taken as
    absolute, as in the lookup-table Arrhenius fits) and the reduced chi^2 reported.
    Returns dict(slope, intercept, slope_se, intercept_se, cov_ab, reduced_chi2, n)."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    n = len(x)
    if n < 2 or (sigma is None and n < 3):
        raise ValueError(f"a line fit needs at least {2 if sigma is not None else 3} points, got {n}")
    w = np.ones(n) if sigma is None else 1.0 / np.asarray(sigma, float) ** 2
    # normal equations of the centred problem: numerically stable for x like 1/T
    sw = w.sum()
    xm, ym = (w * x).sum() / sw, (w * y).sum() / sw
    sxx = (w * (x - xm) ** 2).sum()
    if sxx <= 0:
        raise ValueError("all x values are equal: no slope to fit")
    slope = (w * (x - xm) * (y - ym)).sum() / sxx
    intercept = ym - slope * xm
    resid = y - intercept - slope * x
    chi2 = (w * resid ** 2).sum()
    dof = n - 2
    scale = (chi2 / dof if dof > 0 else float("nan")) if sigma is None else 1.0
    var_b = scale / sxx
    var_a = scale * (1.0 / sw + xm ** 2 / sxx)
    cov_ab = -scale * xm / sxx
    return dict(slope=slope, intercept=intercept, slope_se=math.sqrt(var_b), intercept_se=math.sqrt(var_a),
                cov_ab=cov_ab, reduced_chi2=(chi2 / dof if dof > 0 else float("nan")), n=n)


def default_output(input_path, suffix):
    """PNG next to the input: FILE.ext -> FILE_suffix.png; a folder -> FOLDER/suffix.png."""
    if os.path.isdir(input_path):
        return os.path.join(input_path, suffix + ".png")
    root, _ = os.path.splitext(input_path)
    return f"{root}_{suffix}.png"


def pyplot():
    """matplotlib.pyplot with the Agg backend (no display needed)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


def save(fig, path, dpi=120):
    try:
        fig.savefig(path, dpi=dpi)
    except OSError as error:
        raise InputError(path, None, f"cannot write the plot: {error.strerror}") from None
    print(f"plot written to {path}")
