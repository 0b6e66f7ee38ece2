#include "robustness/bad_inputs.h"

#include <gtest/gtest.h>

namespace litert::robustness {
namespace {

TEST(BadInputs, EveryCaseGivesItsError) {
  const auto cases = BadInputs();
  EXPECT_GE(cases.size(), 30u);
  for (const auto& c : cases) {
    const std::string msg = c.run();
    EXPECT_FALSE(msg.empty()) << c.input << ": accepted";
    EXPECT_NE(msg.find(c.expect), std::string::npos)
        << c.input << ": expected '" << c.expect << "' in: " << msg;
  }
}

}  // namespace
}  // namespace litert::robustness
