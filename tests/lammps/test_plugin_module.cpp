// The shared module libanodekmc_styles.so: its C entry points register working styles.
#include "lammps_fixture.h"

#include "force.h"
#include "lammpsplugin.h"

#include <dlfcn.h>

#include <string>
#include <vector>

#ifndef ANODEKMC_MODULE_PATH
#error "ANODEKMC_MODULE_PATH must name the built module"
#endif

namespace {

using anodekmc::test::LammpsTest;

struct Collected {
  std::string style, name;
  lammpsplugin_factory1 *v1;
  lammpsplugin_factory2 *v2;
};
std::vector<Collected> collected;

// Stands in for the PLUGIN package's registration callback.
void collect(lammpsplugin_t *plugin, void * /*lmp*/) {
  collected.push_back({plugin->style, plugin->name, plugin->creator.v1, plugin->creator.v2});
}

class PluginModule : public LammpsTest {
 protected:
  void SetUp() override {
    LammpsTest::SetUp();
    handle_ = dlopen(ANODEKMC_MODULE_PATH, RTLD_NOW | RTLD_LOCAL);
    ASSERT_NE(handle_, nullptr) << dlerror();
  }
  void TearDown() override {
    LammpsTest::TearDown();  // instance first: it holds creators from the module
    if (handle_) dlclose(handle_);
  }
  void *handle_ = nullptr;
};

TEST_F(PluginModule, RegisterStylesEntryPointWorksAfterClear) {
  cmd("clear");
  EXPECT_FALSE(anodekmc::styles_registered(lmp_));
  auto reg = reinterpret_cast<int (*)(void *)>(dlsym(handle_, "anodekmc_register_styles"));
  ASSERT_NE(reg, nullptr);
  EXPECT_EQ(reg(nullptr), 1);
  EXPECT_EQ(reg(lmp_), 0);
  EXPECT_TRUE(anodekmc::styles_registered(lmp_));
  cmds({"units metal", "lattice bcc 3.51", "region box block 0 2 0 2 -2 5", "create_box 2 box",
        "region slab block 0 2 0 2 -0.01 3.01", "create_atoms 1 region slab", "mass * 6.94",
        "compute lx all layer/excess z 2 bulk layers 2 5", "run 0"});
  EXPECT_GE(lmp_->modify->find_compute("lx"), 0);
}

TEST_F(PluginModule, LammpspluginInitHandsOverEveryStyle) {
  auto init = reinterpret_cast<lammpsplugin_initfunc>(dlsym(handle_, "lammpsplugin_init"));
  ASSERT_NE(init, nullptr);
  collected.clear();
  init(lmp_, handle_, reinterpret_cast<void *>(&collect));
  ASSERT_EQ(collected.size(), anodekmc::style_list().size());
  bool saw_compute = false;
  cmd("clear");
  for (const auto &c : collected) {
    // What the PLUGIN loader does with each entry.
    if (c.style == "compute") {
      saw_compute = true;
      (*lmp_->modify->compute_map)[c.name] = reinterpret_cast<LAMMPS_NS::Modify::ComputeCreator>(c.v2);
    } else if (c.style == "fix") {
      (*lmp_->modify->fix_map)[c.name] = reinterpret_cast<LAMMPS_NS::Modify::FixCreator>(c.v2);
    } else if (c.style == "command") {
      (*lmp_->input->command_map)[c.name] = reinterpret_cast<LAMMPS_NS::Input::CommandCreator>(c.v1);
    } else if (c.style == "pair") {
      (*lmp_->force->pair_map)[c.name] = reinterpret_cast<LAMMPS_NS::Force::PairCreator>(c.v1);
    } else {
      ADD_FAILURE() << "unexpected style kind " << c.style;
    }
  }
  EXPECT_TRUE(saw_compute);
  EXPECT_TRUE(anodekmc::styles_registered(lmp_));
  cmds({"units metal", "lattice bcc 3.51", "region box block 0 2 0 2 -2 5", "create_box 2 box",
        "region slab block 0 2 0 2 -0.01 3.01", "create_atoms 1 region slab", "mass * 6.94",
        "compute lx all layer/excess z 2 bulk layers 2 5", "run 0"});
  EXPECT_GE(lmp_->modify->find_compute("lx"), 0);
}

}  // namespace
