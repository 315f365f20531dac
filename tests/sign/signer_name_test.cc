// Whether the certificate is the named ledamot's: a new user's chair's certificate signed
// another seat, and `signatures` said only "valid". It now sets the two names side by side.
#include <catch2/catch.hpp>

#include "signatures.h"

namespace arsred {
namespace {

SeatSignature Seat(const std::string& tooltip, const std::string& signer) {
  SeatSignature seat;
  seat.tooltip = tooltip;
  seat.signer = signer;
  return seat;
}

TEST_CASE("a signer whose certificate is not the seat's named ledamot gets a note") {
  const std::string note =
      SignerNameNote(Seat("Per Olof Nyberg, Ledamot, Ludvika kommun", "CN = Karin Prov, O = Region Dalarna"));
  CHECK(note == "the certificate's name is not Per Olof Nyberg, whom the report names for this seat: is it the "
                "right person's?");
  // The name's every word in the certificate's, in any case, with more words around it.
  CHECK(SignerNameNote(Seat("Per Olof Nyberg, Ledamot, Ludvika kommun", "CN = PER OLOF NYBERG (Signering)")).empty());
  CHECK(SignerNameNote(Seat("Åsa Öberg, Ordförande, Region Dalarna", "CN = åsa öberg")).empty());
  // A seat without a name ("Ledamot, Försäkringskassan") has nobody to compare with.
  CHECK(SignerNameNote(Seat("Ledamot, Försäkringskassan", "CN = Vem Som Helst")).empty());
  CHECK(SignerNameNote(Seat("Karin Westberg, Ordförande, Region Dalarna", "O = utan CN")).empty());
}

}  // namespace
}  // namespace arsred
