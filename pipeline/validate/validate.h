// Stage 2, validate: every rule that ties the inputs together, checked to the krona, with all
// findings of the run reported at once. The rules are listed in docs/validation.md; each has
// a stable code. Validation never changes the inputs and never stops at the first finding.
#pragma once

#include "diagnostics.h"
#include "load.h"

namespace arsred {

void Validate(const InputSet& inputs, Diagnostics& diagnostics);

}  // namespace arsred
