// A small INI reader that remembers where every key came from, so a reader of scientific input
// (fit targets, potential databases) can say "file:line: key 'x' ...: expected ...".
//
// Format: `# comment` or `; comment` lines, `[section name]` headers (names may contain spaces,
// e.g. "[target lattice_constant_A]"), and `key = value` lines. A value runs to the end of the
// line (spaces inside are kept, leading/trailing spaces are not); there are no inline comments,
// because citations legitimately contain ';' and '#'. Keys before the first header belong to
// the section "" (the preamble). A key repeated inside one section is an error.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace anodekmc {

struct IniEntry {
  std::string key;
  std::string value;
  int line = 0;
};

struct IniSection {
  std::string name;  // text between the brackets, trimmed
  int line = 0;      // line of the header (0 for the preamble)
  std::vector<IniEntry> entries;

  const IniEntry *find(const std::string &key) const;
};

class IniDocument {
 public:
  /// Parses `path`; throws std::runtime_error "path:line: ..." on malformed lines or duplicates.
  static IniDocument read(const std::string &path);
  static IniDocument parse(const std::string &text, const std::string &source_name);

  const std::string &source() const { return source_; }
  const std::vector<IniSection> &sections() const { return sections_; }
  const IniSection *find_section(const std::string &name) const;

  /// Error helpers: build "source:line: message" strings.
  std::string where(int line) const;

  // Typed access with clear errors (the message names file, line, section and key).
  std::string require_text(const IniSection &section, const std::string &key) const;
  double require_number(const IniSection &section, const std::string &key) const;
  double number_or(const IniSection &section, const std::string &key, double fallback) const;
  /// Throws if the section holds a key that is not in `allowed`.
  void reject_unknown_keys(const IniSection &section, const std::vector<std::string> &allowed) const;

 private:
  std::string source_;
  std::vector<IniSection> sections_;
};

}  // namespace anodekmc
