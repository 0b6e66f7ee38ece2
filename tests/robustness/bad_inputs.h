// Hostile model files and API misuse, each with the error litert must give.
// The unit test checks every case; `bad_inputs_table` prints them as the
// markdown table of docs/robustness.md.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace litert::robustness {

struct BadInput {
  std::string kind;    // "file", "limit", "C++ API"
  std::string input;   // what is wrong, in words
  std::string expect;  // a fragment the error message must contain
  // Runs the case: the error message, or "" when litert accepted it.
  std::function<std::string()> run;
};

std::vector<BadInput> BadInputs();

}  // namespace litert::robustness
