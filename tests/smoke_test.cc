#include <catch2/catch.hpp>

#include "values.h"

TEST_CASE("money groups digits with spaces and a real minus sign") {
  CHECK(arsred::GroupDigits(7917676) == "7 917 676");
  CHECK(arsred::GroupDigits(-1409) == "\u22121 409");
}
