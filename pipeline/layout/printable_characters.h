// Every character that the year's inputs give the report to print, looked up in the face that
// prints it before anything is set. `check` runs it, so that a character the font lacks is found
// without a build, and build runs it before layout; both point at the character itself, in
// prose, headings, table cells, names and captions alike. (Layout checks again what it sets, for
// text that is not typed in the inputs.)
#pragma once

#include "diagnostics.h"
#include "layout.h"
#include "layout_model.h"
#include "model.h"
#include "source.h"

namespace arsred {

// Reports `layout.glyph` for each character of a printed text that its face lacks: once per text
// and character, at its first place, with how often more it stands there. Prose is looked up in
// the face its markup gives (a heading bold, *emphasis* italic); a one-line value (a name, a
// caption, a table's cell) in the regular and the bold face, which tables and the cover print in.
// Returns whether every character can be printed.
bool CheckPrintableCharacters(const YearFiles& files, const SourceSet& sources, const LayoutFile& layout,
                              const LayoutResources& fonts, Diagnostics& diagnostics);

}  // namespace arsred
