// Prints every bad input of bad_inputs.cc with the error litert gave, as a
// markdown table (docs/robustness.md).
#include <iostream>

#include "robustness/bad_inputs.h"

int main() {
  int n = 0, failed = 0;
  std::cout << "| # | kind | bad input | error litert gives |\n"
               "|---|---|---|---|\n";
  for (const auto& c : litert::robustness::BadInputs()) {
    std::string msg = c.run();
    const bool ok = !msg.empty() && msg.find(c.expect) != std::string::npos;
    if (!ok) ++failed;
    if (msg.empty()) msg = "(accepted: no error)";
    for (auto& ch : msg) {
      if (ch == '|') ch = '/';
      if (ch == '\n') ch = ' ';
    }
    std::cout << "| " << ++n << " | " << c.kind << " | " << c.input << " | `"
              << msg << "` |\n";
  }
  if (failed > 0)
    std::cerr << failed << " case(s) did not give the expected error\n";
  return failed > 0 ? 1 : 0;
}
