#!/bin/sh
# Installs the lookup-table reader package into a scratch prefix, builds the example program
# of docs/lookup_table_example against it with find_package(anodekmc), and runs it on a table.
# Usage: check_installed_reader.sh CMAKE BUILD_DIR SOURCE_DIR WORK_DIR TABLE_JSON
set -eu
cmake_exe=$1 build_dir=$2 source_dir=$3 work=$4 table=$5
rm -rf "$work"
mkdir -p "$work"
"$cmake_exe" --install "$build_dir" --component lookup_table --prefix "$work/prefix"
test -f "$work/prefix/include/anodekmc/lookup_table.hpp"
"$cmake_exe" -S "$source_dir/docs/lookup_table_example" -B "$work/example" -DCMAKE_PREFIX_PATH="$work/prefix" \
  -DCMAKE_BUILD_TYPE=Release > "$work/configure.log"
"$cmake_exe" --build "$work/example" > "$work/build.log"
"$work/example/lookup_table_example" "$table"
