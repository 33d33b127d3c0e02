// A LAMMPS instance on MPI_COMM_WORLD with the anodekmc styles, for in-process style tests.
#pragma once

#include "lammps/register_styles.h"

#include "atom.h"
#include "input.h"
#include "lammps.h"
#include "library.h"
#include "modify.h"

#include <gtest/gtest.h>
#include <mpi.h>

#include <cmath>
#include <string>
#include <vector>

namespace anodekmc::test {

class LammpsTest : public ::testing::Test {
 protected:
  void SetUp() override { lmp_ = make_instance(); }
  void TearDown() override {
    delete lmp_;
    lmp_ = nullptr;
  }

  static LAMMPS_NS::LAMMPS *make_instance() {
    std::vector<std::string> args = {"anodekmc-test", "-log", "none", "-screen", "none", "-nocite"};
    std::vector<char *> argv;
    for (auto &a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    auto *lmp = new LAMMPS_NS::LAMMPS(static_cast<int>(args.size()), argv.data(), MPI_COMM_WORLD);
    anodekmc::register_styles(lmp);
    return lmp;
  }

  void cmd(const std::string &line) { lmp_->input->one(line); }
  void cmds(const std::vector<std::string> &lines) {
    for (const auto &l : lines) cmd(l);
  }

  /// Entry `index` (1-based, as in LAMMPS's f_ID[index]) of a fix's global vector; NaN if the
  /// fix or the entry does not exist.
  double fix_value(const std::string &id, int index) {
    auto *p = static_cast<double *>(lammps_extract_fix(lmp_, id.c_str(), 0, 1, index - 1, 0));
    if (!p) return NAN;
    const double v = *p;
    lammps_free(p);
    return v;
  }

  static int nprocs() {
    int n = 1;
    MPI_Comm_size(MPI_COMM_WORLD, &n);
    return n;
  }

  LAMMPS_NS::LAMMPS *lmp_ = nullptr;
};

}  // namespace anodekmc::test
