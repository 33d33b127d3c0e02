#include "potential/database_fit.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <ostream>
#include <stdexcept>

namespace anodekmc::potential {

namespace {

bool wanted(const DatabaseFitRequest &request, const std::string &symbol) {
  if (request.pairs_only || !request.only_pairs.empty()) return false;
  return request.only_elements.empty() ||
         std::find(request.only_elements.begin(), request.only_elements.end(), symbol) != request.only_elements.end();
}

bool pair_named(const std::vector<std::string> &names, const std::string &a, const std::string &b) {
  return std::find(names.begin(), names.end(), a + "-" + b) != names.end() ||
         std::find(names.begin(), names.end(), b + "-" + a) != names.end();
}

ElementRecord starting_record(const DatabaseFitRequest &request, const ElementTargets &targets) {
  if (const ElementRecord *own = request.start->find_element(targets.symbol)) {
    ElementRecord record = *own;
    if (record.source.find("fitted by anodekmc") == std::string::npos)
      record.source = "fitted by anodekmc potential fit to " + targets.file + " (start: " + record.source + ")";
    else
      record.source = "fitted by anodekmc potential fit to " + targets.file;
    record.mass_amu = targets.mass_amu;
    record.atomic_number = targets.atomic_number;
    record.reference_structure = targets.reference_structure;
    return record;
  }
  const std::string &s = targets.reference_structure;
  const std::string &name = s == "bcc" ? request.bcc_template : s == "fcc" ? request.fcc_template : request.hcp_template;
  const ElementRecord *shape = request.templates->find_element(name);
  if (!shape) throw std::runtime_error("template element " + name + " is not in the template database");
  return scale_template(*shape, targets);
}

}  // namespace

EamDatabase fit_database(const DatabaseFitRequest &request, DatabaseFitSummary &summary) {
  if (!request.targets || !request.start || !request.templates) throw std::invalid_argument("fit_database: incomplete request");
  for (const auto &symbol : request.only_elements)
    if (!request.targets->find_element(symbol)) throw std::runtime_error("no fit targets for element " + symbol);
  for (const auto &name : request.only_pairs) {
    bool known = false;
    for (const PairTargets &pair : request.targets->pairs) known = known || pair_named({name}, pair.element_a, pair.element_b);
    if (!known) throw std::runtime_error("no fit targets for pair '" + name + "' (expected A-B, e.g. Li-Al)");
  }
  EamDatabase db;
  db.cutoff_start_factor = request.start->cutoff_start_factor;
  db.cutoff_end_factor = request.start->cutoff_end_factor;
  std::ostream *log = request.settings.progress;
  for (const ElementTargets &targets : request.targets->elements) {
    if (!wanted(request, targets.symbol)) {
      const ElementRecord *kept = request.start->find_element(targets.symbol);
      if (kept) db.elements.push_back(*kept);
      continue;
    }
    if (log) *log << "element " << targets.symbol << " (" << targets.reference_structure << ", " << targets.file << ")\n";
    ElementFitResult result = fit_element(targets, starting_record(request, targets), request.settings);
    db.elements.push_back(result.record);
    summary.elements.push_back(std::move(result));
  }
  for (const PairTargets &pair : request.targets->pairs) {
    if (!db.find_element(pair.element_a) || !db.find_element(pair.element_b)) continue;
    const bool refit = request.only_pairs.empty()
                           ? request.pairs_only || wanted(request, pair.element_a) || wanted(request, pair.element_b)
                           : pair_named(request.only_pairs, pair.element_a, pair.element_b);
    if (const PairCorrection *existing = request.start->find_correction(pair.element_a, pair.element_b))
      db.corrections.push_back(*existing);
    else if (!refit)
      continue;
    if (!refit) continue;
    if (log) *log << "pair " << pair.element_a << "-" << pair.element_b << " (" << pair.file << ")\n";
    PairFitResult result = fit_pair(db, pair, request.settings);
    db.correction_for(pair.element_a, pair.element_b) = result.correction;
    summary.pairs.push_back(std::move(result));
  }
  return db;
}

std::string content_potential_id(const EamDatabase &database, const std::string &prefix) {
  EamDatabase unnamed = database;
  unnamed.potential_id.clear();
  unnamed.description.clear();
  std::uint32_t hash = 2166136261u;
  for (unsigned char c : unnamed.to_text()) {
    hash ^= c;
    hash *= 16777619u;
  }
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%08x", hash);
  return prefix + "-" + buffer;
}

}  // namespace anodekmc::potential
