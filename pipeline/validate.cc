#include "validate.h"

namespace arsred {

void Validate(const InputSet& inputs, Diagnostics& diagnostics) {
  (void)inputs;
  (void)diagnostics;
}

}  // namespace arsred
