// arsred: the annual report of a Swedish samordningsförbund, from YAML to a signed PDF.
// The commands live in the library (pipeline/cli/); this file only hands over argv and maps
// an unexpected failure to an exit code.
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "job.h"

int main(int argc, char** argv) {
  arsred::Job job(std::vector<std::string>(argv, argv + argc));
  try {
    return job.Run(std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "arsred: internal error: " << e.what() << "\n"
              << "arsred: this is a bug in arsred, not in your inputs; please report it with the inputs.\n";
    return 70;  // EX_SOFTWARE
  }
}
