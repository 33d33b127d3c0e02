#!/usr/bin/python3
"""Uses the anodekmc styles from Python's `lammps` module (Debian package python3-lammps).

Usage: /usr/bin/python3 python_module_route.py /path/to/libanodekmc_styles.so
Recipe: docs/using_styles_from_stock_lammps.md. Prints PYTHON_MODULE_ROUTE lines and exits 0
when the compute gives the exact excess of a constructed slab.
"""
import ctypes
import sys

from lammps import lammps


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    lmp = lammps(cmdargs=["-log", "none", "-screen", "none", "-nocite"])
    lib = ctypes.CDLL(sys.argv[1], mode=ctypes.RTLD_GLOBAL)
    lib.anodekmc_register_styles.argtypes = [ctypes.c_void_p]
    if lib.anodekmc_register_styles(lmp.lmp) != 0:
        sys.exit("anodekmc_register_styles failed")
    lmp.commands_string("""
units           metal
boundary        p p p
lattice         bcc 3.51
region          box block 0 3 0 3 -2 6
create_box      2 box
region          slab block 0 3 0 3 -0.01 3.6
create_atoms    1 region slab
mass            * 6.94
region          top block INF INF INF INF 3.4 3.6
set             region top type 2
compute         lx all layer/excess z 2 bulk layers 3 5
thermo_style    custom step c_lx[1] c_lx[4]
run             0
""")
    planes = lmp.extract_compute("lx", 0, 1)   # global vector
    n_planes = int(planes[0])
    area = planes[5]
    excess_upper = planes[3]
    # 3x3 bcc(100) cells: 9 atoms per plane; the top plane is all solute, bulk has none.
    expected = 9.0 / (3 * 3.51) ** 2
    print(f"PYTHON_MODULE_ROUTE planes {n_planes} upper_excess {excess_upper:.9f} expected {expected:.9f}")
    ok = n_planes == 8 and abs(excess_upper - expected) < 1e-12 and abs(area - (3 * 3.51) ** 2) < 1e-9
    lmp.close()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
