# embed-sources.cmake - writes OUTPUT, a C file that holds each file of
# SOURCES as an array of its lines (see stepsources.h), each named by its path
# from ROOT. Run at build time by cmake -P (steps/CMakeLists.txt), so CMake is
# the only tool it needs.
cmake_minimum_required(VERSION 3.22)

file(WRITE "${OUTPUT}.new"
  "/* Made by viewer/embed-sources.cmake from the step programs' source: do not\n"
  " * edit. The build makes it again whenever one of them changes. */\n"
  "#include \"stepsources.h\"\n")
set(table "")
foreach(source IN LISTS SOURCES)
  file(RELATIVE_PATH path "${ROOT}" "${source}")
  string(MAKE_C_IDENTIFIER "${path}" name)
  file(READ "${source}" text)
  # a C string literal per line: backslashes and quotes escaped, tabs written
  # \t, and every ? as \? so that no ??x in the source is read as a trigraph
  string(REPLACE "\\" "\\\\" text "${text}")
  string(REPLACE "\"" "\\\"" text "${text}")
  string(REPLACE "?" "\\?" text "${text}")
  string(REPLACE "\t" "\\t" text "${text}")
  string(REGEX REPLACE "\n$" "" text "${text}")	# the last line's newline ends it
  string(REPLACE "\n" "\",\n\t\"" text "${text}")
  file(APPEND "${OUTPUT}.new" "\nstatic const char *const ${name}[] = {\n\t\"${text}\",\n};\n")
  string(APPEND table "\t{ \"${path}\", ${name}, sizeof ${name} / sizeof ${name}[0] },\n")
endforeach()
file(APPEND "${OUTPUT}.new"
  "\nconst struct source_file step_sources[] = {\n${table}};\n"
  "const size_t step_source_count = sizeof step_sources / sizeof step_sources[0];\n")
file(RENAME "${OUTPUT}.new" "${OUTPUT}")
