#include "potential/fit_targets.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "core/ini_document.hpp"
#include "core/strict_number.hpp"
#include "potential/crystal_builder.hpp"
#include "core/text_words.hpp"

namespace anodekmc::potential {

namespace {

const std::vector<std::string> kElementTargetNames = {
    "atomic_volume_A3", "lattice_constant_A", "c_over_a", "cohesive_energy_eV", "bulk_modulus_GPa",
    "C11_GPa", "C12_GPa", "C13_GPa", "C33_GPa", "C44_GPa", "vacancy_formation_energy_eV",
    "energy_difference_fcc_eV", "energy_difference_bcc_eV", "energy_difference_hcp_eV", "surface_energy_J_m2"};

std::vector<std::string> split(const std::string &text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, separator)) parts.push_back(part);
  return parts;
}


double number_of(const IniDocument &doc, int line, const std::string &text, const std::string &what) {
  double value = 0;
  if (!parse_double_exact(text, value) || !std::isfinite(value))
    throw std::runtime_error(doc.where(line) + what + ": expected a finite number, got '" + text + "'");
  return value;
}

TargetValue target_from(const IniDocument &doc, const IniSection &section, const std::string &value_key) {
  TargetValue t;
  t.value = doc.require_number(section, value_key);
  t.source = doc.require_text(section, "source");
  if (const IniEntry *e = section.find("note")) t.note = e->value;
  if (const IniEntry *e = section.find("confidence")) {
    t.confidence = e->value;
    if (t.confidence != "high" && t.confidence != "medium" && t.confidence != "low")
      throw std::runtime_error(doc.where(e->line) + "confidence must be high, medium or low");
  }
  t.location = doc.where(section.line);
  t.location.resize(t.location.size() - 2);  // drop ": "
  return t;
}

}  // namespace

std::map<std::string, int> parse_formula(const std::string &formula) {
  std::map<std::string, int> composition;
  std::size_t k = 0;
  while (k < formula.size()) {
    if (!std::isupper(static_cast<unsigned char>(formula[k])))
      throw std::invalid_argument("formula '" + formula + "': expected an element symbol at position " +
                                  std::to_string(k));
    std::string symbol(1, formula[k++]);
    while (k < formula.size() && std::islower(static_cast<unsigned char>(formula[k]))) symbol += formula[k++];
    int count = 0;
    while (k < formula.size() && std::isdigit(static_cast<unsigned char>(formula[k])))
      count = 10 * count + (formula[k++] - '0');
    composition[symbol] += count == 0 ? 1 : count;
  }
  if (composition.empty()) throw std::invalid_argument("empty formula");
  return composition;
}

const TargetValue *ElementTargets::find(const std::string &name) const {
  const auto it = targets.find(name);
  return it == targets.end() ? nullptr : &it->second;
}

double ElementTargets::c_over_a() const {
  if (const TargetValue *t = find("c_over_a")) return t->value;
  return std::sqrt(8.0 / 3.0);
}

double ElementTargets::fit_c_over_a() const {
  const double ideal = std::sqrt(8.0 / 3.0);
  const double target = c_over_a();
  return std::fabs(target - ideal) > 0.03 * ideal ? ideal : target;
}

double ElementTargets::fit_lattice_constant_A() const {
  if (reference_structure != "hcp") return lattice_constant_A();
  return std::cbrt(4.0 * atomic_volume_A3() / (std::sqrt(3.0) * fit_c_over_a()));
}

double ElementTargets::atomic_volume_A3() const {
  if (const TargetValue *t = find("atomic_volume_A3")) return t->value;
  const TargetValue *a = find("lattice_constant_A");
  if (!a) throw std::runtime_error(file + ": needs atomic_volume_A3 or lattice_constant_A");
  if (reference_structure == "hcp") return std::sqrt(3.0) / 4.0 * std::pow(a->value, 3) * c_over_a();
  return std::pow(a->value, 3) / prototype_atom_count(reference_structure);
}

double ElementTargets::lattice_constant_A() const {
  const double volume = atomic_volume_A3();
  if (reference_structure == "hcp") return std::cbrt(4.0 * volume / (std::sqrt(3.0) * c_over_a()));
  return std::cbrt(volume * prototype_atom_count(reference_structure));
}

ElementTargets read_element_targets(const std::string &path) {
  const IniDocument doc = IniDocument::read(path);
  ElementTargets out;
  out.file = path;
  const IniSection *element = doc.find_section("element");
  if (!element) throw std::runtime_error(path + ": needs an [element] block");
  doc.reject_unknown_keys(*element, {"symbol", "atomic_number", "mass_amu", "mass_source", "reference_structure",
                                     "reference_structure_note"});
  out.symbol = doc.require_text(*element, "symbol");
  out.atomic_number = static_cast<int>(doc.require_number(*element, "atomic_number"));
  out.mass_amu = doc.require_number(*element, "mass_amu");
  out.reference_structure = doc.require_text(*element, "reference_structure");
  if (out.reference_structure != "bcc" && out.reference_structure != "fcc" && out.reference_structure != "hcp")
    throw std::runtime_error(doc.where(element->find("reference_structure")->line) +
                             "reference_structure must be bcc, fcc or hcp");
  if (const IniEntry *e = element->find("reference_structure_note")) out.reference_structure_note = e->value;
  for (const IniSection &section : doc.sections()) {
    if (section.name.empty() || section.name == "element") continue;
    const auto words = split_words(section.name);
    if (words.size() != 2 || words[0] != "target")
      throw std::runtime_error(doc.where(section.line) + "expected [element] or [target <name>], got [" +
                               section.name + "]");
    if (std::find(kElementTargetNames.begin(), kElementTargetNames.end(), words[1]) == kElementTargetNames.end())
      throw std::runtime_error(doc.where(section.line) + "unknown target '" + words[1] +
                               "' (see docs/potential_targets.md for the names)");
    doc.reject_unknown_keys(section, {"value", "source", "note", "confidence"});
    out.targets[words[1]] = target_from(doc, section, "value");
  }
  if (!out.find("cohesive_energy_eV") || !out.find("bulk_modulus_GPa"))
    throw std::runtime_error(path + ": every element needs cohesive_energy_eV and bulk_modulus_GPa targets");
  out.atomic_volume_A3();  // throws if neither volume nor lattice constant is given
  return out;
}

PairTargets read_pair_targets(const std::string &path) {
  const IniDocument doc = IniDocument::read(path);
  PairTargets out;
  out.file = path;
  const IniSection *pair = doc.find_section("pair");
  if (!pair) throw std::runtime_error(path + ": needs a [pair] block");
  doc.reject_unknown_keys(*pair, {"elements", "correction_terms", "correction_terms_reason"});
  const auto elements = split_words(doc.require_text(*pair, "elements"));
  if (elements.size() != 2 || elements[0] == elements[1])
    throw std::runtime_error(doc.where(pair->find("elements")->line) + "elements needs two different symbols");
  if (const IniEntry *terms = pair->find("correction_terms")) {
    if (terms->value != "1" && terms->value != "2")
      throw std::runtime_error(doc.where(terms->line) + "correction_terms must be 1 or 2, got '" + terms->value + "'");
    out.correction_terms = terms->value == "2" ? 2 : 1;
    if (out.correction_terms == 2 && !pair->find("correction_terms_reason"))
      throw std::runtime_error(doc.where(terms->line) +
                               "correction_terms = 2 needs a correction_terms_reason line saying why one term is not enough");
  }
  out.element_a = elements[0];
  out.element_b = elements[1];
  for (const IniSection &section : doc.sections()) {
    if (section.name.empty() || section.name == "pair") continue;
    const auto words = split_words(section.name);
    if (words.size() == 2 && words[0] == "compound") {
      doc.reject_unknown_keys(section, {"structure", "formula", "lattice_constant_A", "c_over_a", "lattice_source",
                                        "cell_vectors_A", "basis_fractional", "formation_enthalpy_eV_per_atom",
                                        "source", "note", "confidence"});
      CompoundTargets c;
      c.name = words[1];
      c.structure = doc.require_text(section, "structure");
      c.formula = doc.require_text(section, "formula");
      try {
        c.composition = parse_formula(c.formula);
      } catch (const std::invalid_argument &e) {
        throw std::runtime_error(doc.where(section.find("formula")->line) + e.what());
      }
      for (const auto &[symbol, count] : c.composition)
        if (symbol != out.element_a && symbol != out.element_b)
          throw std::runtime_error(doc.where(section.find("formula")->line) + "formula " + c.formula +
                                   " names " + symbol + ", which is not one of the pair's elements");
      if (const IniEntry *e = section.find("lattice_source")) c.lattice_source = e->value;
      c.formation_enthalpy_eV_per_atom = target_from(doc, section, "formation_enthalpy_eV_per_atom");
      if (c.structure == "cell") {
        const IniEntry *vectors = section.find("cell_vectors_A");
        const IniEntry *basis = section.find("basis_fractional");
        if (!vectors || !basis)
          throw std::runtime_error(doc.where(section.line) + "structure = cell needs cell_vectors_A and basis_fractional");
        const auto rows = split(vectors->value, ',');
        if (rows.size() != 3) throw std::runtime_error(doc.where(vectors->line) + "cell_vectors_A needs three vectors separated by ','");
        for (int r = 0; r < 3; ++r) {
          const auto xyz = split_words(rows[static_cast<std::size_t>(r)]);
          if (xyz.size() != 3) throw std::runtime_error(doc.where(vectors->line) + "each cell vector needs 3 numbers");
          for (int k = 0; k < 3; ++k) c.cell_vectors_A(r, k) = number_of(doc, vectors->line, xyz[static_cast<std::size_t>(k)], "cell_vectors_A");
        }
        if (!(std::abs(c.cell_vectors_A.determinant()) > 1e-6))
          throw std::runtime_error(doc.where(vectors->line) + "cell vectors are degenerate");
        std::map<std::string, int> counted;
        for (const auto &site : split(basis->value, ',')) {
          const auto parts = split_words(site);
          if (parts.size() != 4) throw std::runtime_error(doc.where(basis->line) + "each basis site needs 'Symbol x y z', got '" + site + "'");
          if (parts[0] != out.element_a && parts[0] != out.element_b)
            throw std::runtime_error(doc.where(basis->line) + "basis site of unknown element " + parts[0]);
          Eigen::Vector3d f;
          for (int k = 0; k < 3; ++k) f[k] = number_of(doc, basis->line, parts[static_cast<std::size_t>(k + 1)], "basis_fractional");
          c.basis.emplace_back(parts[0], f);
          ++counted[parts[0]];
        }
        // The basis must have the formula's stoichiometry (a multiple of it).
        const int unit = c.composition.begin()->second;
        const int multiple = counted[c.composition.begin()->first] / unit;
        for (const auto &[symbol, count] : c.composition)
          if (multiple < 1 || counted[symbol] != multiple * count)
            throw std::runtime_error(doc.where(basis->line) + "basis does not have the stoichiometry of " + c.formula);
      } else {
        if (std::find(known_prototypes().begin(), known_prototypes().end(), c.structure) == known_prototypes().end())
          throw std::runtime_error(doc.where(section.find("structure")->line) + "unknown structure '" + c.structure +
                                   "' (prototypes: B2, B1, B32, L1_0, L1_2, D0_3, or cell)");
        c.lattice_constant_A = doc.require_number(section, "lattice_constant_A");
        c.c_over_a = doc.number_or(section, "c_over_a", 0.0);
        if (c.composition.size() != 2)
          throw std::runtime_error(doc.where(section.line) + "a prototype compound needs a two-element formula");
        // The A site of an AB prototype is the first symbol as written (the map is alphabetical).
        std::string first_symbol;
        for (std::size_t k = 1; k <= c.formula.size(); ++k)
          if (k == c.formula.size() || !std::islower(static_cast<unsigned char>(c.formula[k]))) {
            first_symbol = c.formula.substr(0, k);
            break;
          }
        const std::string other = first_symbol == out.element_a ? out.element_b : out.element_a;
        const bool a3b = c.structure == "L1_2" || c.structure == "D0_3";
        if (a3b) {
          c.a_site = c.composition[out.element_a] == 3 ? out.element_a : out.element_b;
          c.b_site = c.a_site == out.element_a ? out.element_b : out.element_a;
          if (c.composition[c.a_site] != 3 || c.composition[c.b_site] != 1)
            throw std::runtime_error(doc.where(section.line) + c.structure + " needs an A3B formula");
        } else {
          c.a_site = first_symbol;
          c.b_site = other;
          if (c.composition[c.a_site] != 1 || c.composition[c.b_site] != 1)
            throw std::runtime_error(doc.where(section.line) + c.structure + " needs an AB formula");
        }
      }
      out.compounds.push_back(c);
    } else if (words.size() == 1 && words[0] == "dilute_heat_of_solution") {
      doc.reject_unknown_keys(section, {"solute", "value_eV", "source", "note", "confidence", "fit_tolerance_eV",
                                        "fit_tolerance_reason"});
      out.solute = doc.require_text(section, "solute");
      if (section.find("fit_tolerance_eV")) {
        out.dilute_heat_fit_tolerance_eV = doc.require_number(section, "fit_tolerance_eV");
        if (!(out.dilute_heat_fit_tolerance_eV > 0))
          throw std::runtime_error(doc.where(section.find("fit_tolerance_eV")->line) + "fit_tolerance_eV must be positive");
        if (!section.find("fit_tolerance_reason"))
          throw std::runtime_error(doc.where(section.find("fit_tolerance_eV")->line) +
                                   "fit_tolerance_eV needs a fit_tolerance_reason line saying why this pair departs "
                                   "from the default tolerance");
      }
      if (out.solute != out.element_b)
        throw std::runtime_error(doc.where(section.line) + "the solute must be the second element, " + out.element_b);
      out.dilute_heat_eV = target_from(doc, section, "value_eV");
    } else {
      throw std::runtime_error(doc.where(section.line) + "expected [pair], [compound <name>] or [dilute_heat_of_solution], got [" +
                               section.name + "]");
    }
  }
  return out;
}

const ElementTargets *TargetSet::find_element(const std::string &symbol) const {
  for (const auto &e : elements)
    if (e.symbol == symbol) return &e;
  return nullptr;
}

TargetSet read_target_folder(const std::string &folder) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(folder)) throw std::runtime_error(folder + ": not a folder of fit targets");
  std::vector<fs::path> files;
  for (const auto &entry : fs::directory_iterator(folder))
    if (entry.path().extension() == ".ini") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  TargetSet set;
  for (const auto &file : files) {
    if (file.stem().string().find('-') != std::string::npos) {
      set.pairs.push_back(read_pair_targets(file.string()));
    } else {
      set.elements.push_back(read_element_targets(file.string()));
      if (set.elements.back().symbol != file.stem().string())
        throw std::runtime_error(file.string() + ": symbol " + set.elements.back().symbol +
                                 " does not match the file name");
    }
  }
  for (const auto &pair : set.pairs)
    for (const auto *symbol : {&pair.element_a, &pair.element_b})
      if (!set.find_element(*symbol))
        throw std::runtime_error(pair.file + ": element " + *symbol + " has no targets file in " + folder);
  return set;
}

}  // namespace anodekmc::potential
