// Which backend runs each node of a prepared interpreter.
#pragma once

#include <ostream>

#include "litert/interpreter.h"
#include "nlohmann/json.hpp"

namespace litert::cli {

// One JSON object per subgraph; also prints it as text when `text` is set.
// The interpreter must have run AllocateTensors.
nlohmann::json PartitionReport(Interpreter& interp, std::ostream* text);

}  // namespace litert::cli
