# Writes OUTPUT, a header that names the commit arsred is built from (SOURCE_DIR's HEAD, marked
# "-dirty" when files differ from it), or nothing when the sources are not a git checkout. Run at
# every build; the file is rewritten only when the commit changes, so that nothing recompiles
# for nothing.
find_package(Git QUIET)
set(revision "")
if(GIT_FOUND AND EXISTS "${SOURCE_DIR}/.git")
  execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${SOURCE_DIR}" describe --always --dirty --abbrev=12
                  OUTPUT_VARIABLE revision OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE failed)
  if(failed)
    set(revision "")
  endif()
endif()
set(text "// Written by cmake/source_revision.cmake at build time.\n#define ARSRED_SOURCE_REVISION \"${revision}\"\n")
set(old "")
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
endif()
if(NOT old STREQUAL text)
  file(WRITE "${OUTPUT}" "${text}")
endif()
