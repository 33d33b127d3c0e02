// Strict readers of the two MOOSE formats, written from the rules of SCIENCE.md section 6 and
// independent of the writers (src/table), so that a test can say whether a file we wrote is
// one MOOSE accepts, and that deliberately broken files are refused.
//
// PiecewiseMultilinear (GriddedData): '#' comment lines allowed; each axis is the exact line
// "AXIS X" (or Y, Z, T) followed by one line of strictly increasing values; then the exact line
// "DATA" and the values, first axis varying fastest; at most 4 axes; the value count equals the
// product of the axis lengths. (Blank lines are refused: the rules do not allow them.)
// PiecewiseBilinear CSV: first line the x values (no corner cell), then one line per y value:
// y followed by the N values; no header, comments or blank lines; y strictly increasing.
#pragma once

#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace anodekmc::table::test {

struct GriddedFile {
  std::vector<char> axis_names;
  std::vector<std::vector<double>> axes;
  std::vector<double> values;
};

struct BilinearFile {
  std::vector<double> x, y;
  std::vector<std::vector<double>> values;  // values[j][i] at (x[i], y[j])
};

namespace detail {

inline std::vector<std::string> split_lines(const std::string &text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

inline double strict_number(const std::string &token, const std::string &where) {
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(token, &used);
  } catch (const std::exception &) {
    used = 0;
  }
  if (used == 0 || used != token.size() || !std::isfinite(value))
    throw std::runtime_error(where + ": '" + token + "' is not a finite number");
  return value;
}

inline std::vector<double> numbers(const std::string &line, char separator, const std::string &where) {
  std::vector<double> out;
  if (separator == ' ') {
    if (line.empty() || line.front() == ' ' || line.back() == ' ') throw std::runtime_error(where + ": bad spacing");
    std::istringstream in(line);
    std::string token;
    while (in >> token) out.push_back(strict_number(token, where));
  } else {
    std::size_t start = 0;
    while (true) {
      const std::size_t comma = line.find(separator, start);
      out.push_back(strict_number(line.substr(start, comma == std::string::npos ? std::string::npos : comma - start), where));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return out;
}

inline void strictly_increasing(const std::vector<double> &v, const std::string &where) {
  for (std::size_t i = 1; i < v.size(); ++i)
    if (!(v[i] > v[i - 1])) throw std::runtime_error(where + ": values not strictly increasing");
}

}  // namespace detail

/// Throws std::runtime_error "line N: ..." on the first violation.
inline GriddedFile parse_moose_gridded(const std::string &text) {
  if (text.empty() || text.back() != '\n') throw std::runtime_error("file must end with a newline");
  const std::vector<std::string> lines = detail::split_lines(text);
  GriddedFile f;
  std::size_t n = 0;
  bool data = false;
  for (; n < lines.size(); ++n) {
    const std::string where = "line " + std::to_string(n + 1);
    const std::string &line = lines[n];
    if (line.empty()) throw std::runtime_error(where + ": blank line");
    if (line[0] == '#') continue;
    if (line == "DATA") {
      data = true;
      ++n;
      break;
    }
    if (line.size() != 6 || line.compare(0, 5, "AXIS ") != 0 || std::string("XYZT").find(line[5]) == std::string::npos)
      throw std::runtime_error(where + ": expected 'AXIS X|Y|Z|T', 'DATA' or a '#' comment, got '" + line + "'");
    for (char c : f.axis_names)
      if (c == line[5]) throw std::runtime_error(where + ": axis " + std::string(1, c) + " given twice");
    if (f.axis_names.size() == 4) throw std::runtime_error(where + ": more than 4 axes");
    if (n + 1 >= lines.size()) throw std::runtime_error(where + ": axis without values");
    f.axis_names.push_back(line[5]);
    f.axes.push_back(detail::numbers(lines[n + 1], ' ', "line " + std::to_string(n + 2)));
    detail::strictly_increasing(f.axes.back(), "line " + std::to_string(n + 2));
    ++n;
  }
  if (!data) throw std::runtime_error("no DATA line");
  if (f.axes.empty()) throw std::runtime_error("no AXIS before DATA");
  for (; n < lines.size(); ++n) {
    const std::string where = "line " + std::to_string(n + 1);
    if (lines[n].empty()) throw std::runtime_error(where + ": blank line");
    if (lines[n][0] == '#') throw std::runtime_error(where + ": comment inside DATA");
    for (double v : detail::numbers(lines[n], ' ', where)) f.values.push_back(v);
  }
  std::size_t product = 1;
  for (const auto &axis : f.axes) product *= axis.size();
  if (f.values.size() != product)
    throw std::runtime_error("DATA holds " + std::to_string(f.values.size()) + " values, the grid has " +
                             std::to_string(product));
  return f;
}

inline BilinearFile parse_moose_bilinear(const std::string &text) {
  if (text.empty() || text.back() != '\n') throw std::runtime_error("file must end with a newline");
  const std::vector<std::string> lines = detail::split_lines(text);
  if (lines.size() < 2) throw std::runtime_error("needs the x line and at least one y line");
  BilinearFile f;
  for (std::size_t n = 0; n < lines.size(); ++n) {
    const std::string where = "line " + std::to_string(n + 1);
    if (lines[n].empty()) throw std::runtime_error(where + ": blank line");
    if (lines[n][0] == '#') throw std::runtime_error(where + ": comments are not allowed");
    std::vector<double> row = detail::numbers(lines[n], ',', where);  // a header cell fails here
    if (n == 0) {
      f.x = row;
      detail::strictly_increasing(f.x, where);
      continue;
    }
    if (row.size() != f.x.size() + 1)
      throw std::runtime_error(where + ": " + std::to_string(row.size()) + " columns, expected " +
                               std::to_string(f.x.size() + 1) + " (y and one value per x)");
    f.y.push_back(row[0]);
    f.values.emplace_back(row.begin() + 1, row.end());
  }
  detail::strictly_increasing(f.y, "y column");
  return f;
}

}  // namespace anodekmc::table::test
