#include "core/ini_document.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/strict_number.hpp"

namespace anodekmc {

namespace {

std::string trim(const std::string &text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

std::string section_label(const IniSection &section) {
  return section.name.empty() ? std::string("the preamble") : "[" + section.name + "]";
}

}  // namespace

const IniEntry *IniSection::find(const std::string &key) const {
  for (const auto &entry : entries)
    if (entry.key == key) return &entry;
  return nullptr;
}

IniDocument IniDocument::read(const std::string &path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), path);
}

IniDocument IniDocument::parse(const std::string &text, const std::string &source_name) {
  IniDocument doc;
  doc.source_ = source_name;
  doc.sections_.push_back(IniSection{"", 0, {}});
  std::istringstream in(text);
  std::string raw;
  int line_number = 0;
  while (std::getline(in, raw)) {
    ++line_number;
    const std::string line = trim(raw);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line[0] == '[') {
      if (line.back() != ']')
        throw std::runtime_error(doc.where(line_number) + "section header must end with ']': " + line);
      const std::string name = trim(line.substr(1, line.size() - 2));
      if (name.empty()) throw std::runtime_error(doc.where(line_number) + "empty section name");
      if (doc.find_section(name))
        throw std::runtime_error(doc.where(line_number) + "section [" + name + "] appears twice");
      doc.sections_.push_back(IniSection{name, line_number, {}});
      continue;
    }
    const auto equals = line.find('=');
    if (equals == std::string::npos)
      throw std::runtime_error(doc.where(line_number) + "expected 'key = value', '[section]' or a comment, got: " + line);
    IniEntry entry{trim(line.substr(0, equals)), trim(line.substr(equals + 1)), line_number};
    if (entry.key.empty()) throw std::runtime_error(doc.where(line_number) + "empty key before '='");
    IniSection &section = doc.sections_.back();
    if (section.find(entry.key))
      throw std::runtime_error(doc.where(line_number) + "key '" + entry.key + "' appears twice in " +
                               section_label(section));
    section.entries.push_back(std::move(entry));
  }
  return doc;
}

const IniSection *IniDocument::find_section(const std::string &name) const {
  for (const auto &section : sections_)
    if (section.name == name) return &section;
  return nullptr;
}

std::string IniDocument::where(int line) const {
  return line > 0 ? source_ + ":" + std::to_string(line) + ": " : source_ + ": ";
}

std::string IniDocument::require_text(const IniSection &section, const std::string &key) const {
  const IniEntry *entry = section.find(key);
  if (!entry)
    throw std::runtime_error(where(section.line) + section_label(section) + " needs the key '" + key + "'");
  if (entry->value.empty())
    throw std::runtime_error(where(entry->line) + "key '" + key + "' has no value");
  return entry->value;
}

double IniDocument::require_number(const IniSection &section, const std::string &key) const {
  const std::string text = require_text(section, key);
  double value = 0;
  if (!parse_double_exact(text, value) || !std::isfinite(value))
    throw std::runtime_error(where(section.find(key)->line) + "key '" + key +
                             "' expects a finite number, got '" + text + "'");
  return value;
}

double IniDocument::number_or(const IniSection &section, const std::string &key, double fallback) const {
  return section.find(key) ? require_number(section, key) : fallback;
}

void IniDocument::reject_unknown_keys(const IniSection &section,
                                      const std::vector<std::string> &allowed) const {
  for (const auto &entry : section.entries) {
    if (std::find(allowed.begin(), allowed.end(), entry.key) != allowed.end()) continue;
    std::string list;
    for (const auto &name : allowed) list += (list.empty() ? "" : ", ") + name;
    throw std::runtime_error(where(entry.line) + "unknown key '" + entry.key + "' in " +
                             section_label(section) + " (allowed: " + list + ")");
  }
}

}  // namespace anodekmc
