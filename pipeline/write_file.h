// Writing a small file whole or not at all: into a temporary file beside it, renamed over the
// target only when complete. Used for the inputs arsred edits (import-sie, approve).
#pragma once

#include <filesystem>
#include <string>

namespace arsred {

// Throws std::runtime_error, saying what failed, when the file cannot be written; the target is
// then as it was.
void WriteFileAtomically(const std::filesystem::path& path, const std::string& text);

}  // namespace arsred
