#include "potential/eam_database.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>

#include "core/ini_document.hpp"
#include "core/text_words.hpp"

namespace anodekmc::potential {

namespace {

// Stored parameter names, in file order, with the member each one fills.
struct ParameterField {
  const char *key;
  double ZjwParameters::*member;
};
const ParameterField kParameterFields[] = {
    {"r_e_A", &ZjwParameters::r_e_A},     {"f_e", &ZjwParameters::f_e},
    {"rho_e", &ZjwParameters::rho_e},     {"alpha", &ZjwParameters::alpha},
    {"beta", &ZjwParameters::beta},       {"A_eV", &ZjwParameters::A_eV},
    {"B_eV", &ZjwParameters::B_eV},       {"kappa", &ZjwParameters::kappa},
    {"lambda", &ZjwParameters::lambda},   {"F0_eV", &ZjwParameters::F0_eV},
    {"F2_eV", &ZjwParameters::F2_eV},     {"F3_eV", &ZjwParameters::F3_eV},
    {"Fn3_eV", &ZjwParameters::Fn3_eV},   {"eta", &ZjwParameters::eta},
};

std::string format_number(double value) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}


EamDatabase from_document(const IniDocument &doc);

}  // namespace

EamDatabase EamDatabase::read(const std::string &path) { return from_document(IniDocument::read(path)); }

EamDatabase EamDatabase::parse(const std::string &text, const std::string &source_name) {
  return from_document(IniDocument::parse(text, source_name));
}

namespace {

EamDatabase from_document(const IniDocument &doc) {
  EamDatabase db;
  const IniSection &preamble = doc.sections().front();
  doc.reject_unknown_keys(preamble, {"format", "potential_id", "description", "cutoff_start_factor",
                                     "cutoff_end_factor"});
  const std::string format = doc.require_text(preamble, "format");
  const bool format_v1 = format == EamDatabase::format_tag_v1;
  if (format != EamDatabase::format_tag && !format_v1)
    throw std::runtime_error(doc.where(preamble.find("format")->line) + "format must be '" +
                             EamDatabase::format_tag + "' (or '" + EamDatabase::format_tag_v1 + "'), got '" +
                             format + "'");
  db.potential_id = doc.require_text(preamble, "potential_id");
  if (const IniEntry *e = preamble.find("description")) db.description = e->value;
  db.cutoff_start_factor = doc.require_number(preamble, "cutoff_start_factor");
  db.cutoff_end_factor = doc.require_number(preamble, "cutoff_end_factor");
  if (!(db.cutoff_start_factor > 1.0) || !(db.cutoff_end_factor > db.cutoff_start_factor))
    throw std::runtime_error(doc.where(preamble.find("cutoff_end_factor")->line) +
                             "need 1 < cutoff_start_factor < cutoff_end_factor (units of r_e)");

  std::vector<std::string> element_keys = {"source", "atomic_number", "mass_amu", "reference_structure",
                                           "lattice_constant_A", "c_over_a"};
  for (const auto &field : kParameterFields) element_keys.push_back(field.key);

  for (const IniSection &section : doc.sections()) {
    if (section.name.empty()) continue;
    const std::vector<std::string> words = split_words(section.name);
    const std::string label = doc.where(section.line) + "[" + section.name + "]";
    if (words.size() == 2 && words[0] == "element") {
      doc.reject_unknown_keys(section, element_keys);
      ElementRecord record;
      record.symbol = words[1];
      if (db.find_element(record.symbol)) throw std::runtime_error(label + ": element defined twice");
      record.source = doc.require_text(section, "source");
      const double z = doc.require_number(section, "atomic_number");
      if (z < 1 || z > 118 || z != std::floor(z))
        throw std::runtime_error(label + ": atomic_number must be an integer 1..118");
      record.atomic_number = static_cast<int>(z);
      record.mass_amu = doc.require_number(section, "mass_amu");
      if (!(record.mass_amu > 0)) throw std::runtime_error(label + ": mass_amu must be positive");
      record.reference_structure = doc.require_text(section, "reference_structure");
      if (record.reference_structure != "bcc" && record.reference_structure != "fcc" &&
          record.reference_structure != "hcp")
        throw std::runtime_error(label + ": reference_structure must be bcc, fcc or hcp");
      record.lattice_constant_A = doc.require_number(section, "lattice_constant_A");
      if (!(record.lattice_constant_A > 0)) throw std::runtime_error(label + ": lattice_constant_A must be positive");
      record.c_over_a = doc.number_or(section, "c_over_a", 0.0);
      if (record.reference_structure == "hcp" && !(record.c_over_a > 0))
        throw std::runtime_error(label + ": an hcp element needs a positive c_over_a");
      for (const auto &field : kParameterFields) record.zjw.*field.member = doc.require_number(section, field.key);
      try {
        ZjwElement check(record.zjw, record.symbol);
      } catch (const std::invalid_argument &error) {
        throw std::runtime_error(label + ": " + error.what());
      }
      db.elements.push_back(record);
    } else if (words.size() == 3 && words[0] == "pair") {
      if (format_v1)
        doc.reject_unknown_keys(section, {"source", "correction_D_eV", "correction_gamma"});
      else
        doc.reject_unknown_keys(section,
                                {"source", "correction_D_eV", "correction_gamma", "correction2_D_eV", "correction2_gamma"});
      if (words[1] == words[2]) throw std::runtime_error(label + ": a cross pair needs two different elements");
      if (db.find_correction(words[1], words[2])) throw std::runtime_error(label + ": pair defined twice");
      PairCorrection correction;
      correction.element_a = words[1];
      correction.element_b = words[2];
      correction.source = doc.require_text(section, "source");
      correction.D_eV = doc.require_number(section, "correction_D_eV");
      correction.gamma = doc.require_number(section, "correction_gamma");
      if (!(correction.gamma >= 0)) throw std::runtime_error(label + ": correction_gamma must be >= 0");
      // The second term comes as a pair of keys (format 2): both or neither.
      const bool has_D2 = section.find("correction2_D_eV") != nullptr;
      const bool has_gamma2 = section.find("correction2_gamma") != nullptr;
      if (has_D2 != has_gamma2)
        throw std::runtime_error(label + ": correction2_D_eV and correction2_gamma go together (the second term " +
                                 "D2 exp[-gamma2 (r/r_ab - 1)]); " + (has_D2 ? "correction2_gamma" : "correction2_D_eV") +
                                 " is missing");
      if (has_D2) {
        correction.D2_eV = doc.require_number(section, "correction2_D_eV");
        correction.gamma2 = doc.require_number(section, "correction2_gamma");
        if (!(correction.gamma2 >= 0)) throw std::runtime_error(label + ": correction2_gamma must be >= 0");
      }
      db.corrections.push_back(correction);
    } else {
      throw std::runtime_error(label + ": expected a block named [element X] or [pair X Y]");
    }
  }
  for (const auto &correction : db.corrections)
    for (const auto *symbol : {&correction.element_a, &correction.element_b})
      if (!db.find_element(*symbol))
        throw std::runtime_error(doc.source() + ": [pair " + correction.element_a + " " + correction.element_b +
                                 "] names element " + *symbol + " that has no [element] block");
  if (db.elements.empty()) throw std::runtime_error(doc.source() + ": no [element X] block");
  return db;
}

}  // namespace

std::string EamDatabase::to_text() const {
  // Format 1 as long as no pair needs the second term: such a database reads in older builds
  // and keeps its text (and so its content id) unchanged.
  bool any_second_term = false;
  for (const auto &c : corrections) any_second_term = any_second_term || c.has_second_term();
  std::ostringstream out;
  out << "# anodekmc analytic EAM parameter database (format: docs/potential_database.md).\n"
      << "# Functions: Zhou, Johnson & Wadley, Phys. Rev. B 69, 144113 (2004); cross pairs: Johnson,\n"
      << "# Phys. Rev. B 39, 12554 (1989) plus the fitted correction D exp[-gamma (r/r_ab - 1)].\n"
      << "# Units: distances in angstrom (_A), energies in eV (_eV), f_e and rho_e in one arbitrary\n"
      << "# density unit shared by all elements, alpha/beta/kappa/lambda/eta/gamma dimensionless.\n"
      << "# Fn0..Fn2, F_e and rho_s are not stored: they follow from continuity of F (see the doc).\n"
      << "format = " << (any_second_term ? format_tag : format_tag_v1) << "\n"
      << "potential_id = " << potential_id << "\n";
  if (!description.empty()) out << "description = " << description << "\n";
  out << "cutoff_start_factor = " << format_number(cutoff_start_factor) << "\n"
      << "cutoff_end_factor = " << format_number(cutoff_end_factor) << "\n";
  for (const auto &e : elements) {
    out << "\n# " << e.symbol << ": " << e.source << "\n"
        << "[element " << e.symbol << "]\n"
        << "source = " << e.source << "\n"
        << "atomic_number = " << e.atomic_number << "\n"
        << "mass_amu = " << format_number(e.mass_amu) << "\n"
        << "reference_structure = " << e.reference_structure << "\n"
        << "lattice_constant_A = " << format_number(e.lattice_constant_A) << "\n";
    if (e.reference_structure == "hcp") out << "c_over_a = " << format_number(e.c_over_a) << "\n";
    for (const auto &field : kParameterFields)
      out << field.key << " = " << format_number(e.zjw.*field.member) << "\n";
  }
  for (const auto &c : corrections) {
    out << "\n# " << c.element_a << "-" << c.element_b << ": " << c.source << "\n"
        << "[pair " << c.element_a << " " << c.element_b << "]\n"
        << "source = " << c.source << "\n"
        << "correction_D_eV = " << format_number(c.D_eV) << "\n"
        << "correction_gamma = " << format_number(c.gamma) << "\n";
    if (c.has_second_term())
      out << "correction2_D_eV = " << format_number(c.D2_eV) << "\n"
          << "correction2_gamma = " << format_number(c.gamma2) << "\n";
  }
  return out.str();
}

const ElementRecord *EamDatabase::find_element(const std::string &symbol) const {
  for (const auto &e : elements)
    if (e.symbol == symbol) return &e;
  return nullptr;
}

ElementRecord *EamDatabase::find_element(const std::string &symbol) {
  for (auto &e : elements)
    if (e.symbol == symbol) return &e;
  return nullptr;
}

const PairCorrection *EamDatabase::find_correction(const std::string &a, const std::string &b) const {
  for (const auto &c : corrections)
    if ((c.element_a == a && c.element_b == b) || (c.element_a == b && c.element_b == a)) return &c;
  return nullptr;
}

PairCorrection &EamDatabase::correction_for(const std::string &a, const std::string &b) {
  for (auto &c : corrections)
    if ((c.element_a == a && c.element_b == b) || (c.element_a == b && c.element_b == a)) return c;
  PairCorrection added;
  added.element_a = a;
  added.element_b = b;
  added.gamma = 1.0;
  corrections.push_back(added);
  return corrections.back();
}

}  // namespace anodekmc::potential
