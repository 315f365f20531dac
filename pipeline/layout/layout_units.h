// The units and colours of a layout file as layout draws with them (the HTML edition reads the
// colours here too).
#pragma once

#include <optional>
#include <string>

#include "layout_model.h"
#include "pages.h"

namespace arsred {

double MmToPt(const Decimal& mm);
double Pt(const Decimal& pt);
double Pt(const Located<Decimal>& pt);
// A colour written #rrggbb; false, and `out` unchanged, for anything else.
bool ParseColor(const std::string& text, Color* out);
// The colour `text` gives, or `fallback` when there is none or it is not a colour.
Color ColorOr(const std::optional<Located<std::string>>& text, Color fallback);

}  // namespace arsred
