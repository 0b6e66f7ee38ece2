// `litert info MODEL --delegate xnnpack`: which nodes each backend runs.
#include "cli/partition_report.h"

#include <map>
#include <string>
#include <vector>

#include "litert/interpreter.h"

namespace litert::cli {
namespace {

// "0-12,14,20-21"
std::string Ranges(const std::vector<int>& nodes) {
  std::string out;
  for (size_t i = 0; i < nodes.size();) {
    size_t j = i;
    while (j + 1 < nodes.size() && nodes[j + 1] == nodes[j] + 1) ++j;
    if (!out.empty()) out += ',';
    out += std::to_string(nodes[i]);
    if (j > i) {
      out += '-';
      out += std::to_string(nodes[j]);
    }
    i = j + 1;
  }
  return out;
}

// "CONV_2D x12, ADD x3"
std::string OpCounts(const std::vector<NodeInfo>& all,
                     const std::vector<int>& nodes) {
  std::map<std::string, int> counts;
  for (int n : nodes) ++counts[all[n].op_name];
  std::string out;
  for (const auto& [op, c] : counts) {
    if (!out.empty()) out += ", ";
    out += op;
    out += " x";
    out += std::to_string(c);
  }
  return out;
}

}  // namespace

nlohmann::json PartitionReport(Interpreter& interp, std::ostream* text) {
  nlohmann::json out = nlohmann::json::array();
  for (int sg = 0; sg < interp.num_subgraphs(); ++sg) {
    const std::vector<NodeInfo> nodes = interp.Nodes(sg);
    std::map<int, std::vector<int>> partitions;      // index -> nodes
    std::map<std::string, std::vector<int>> others;  // backend -> nodes
    int delegated = 0;
    for (int i = 0; i < static_cast<int>(nodes.size()); ++i) {
      if (nodes[i].partition >= 0) {
        partitions[nodes[i].partition].push_back(i);
        ++delegated;
      } else {
        others[nodes[i].backend].push_back(i);
      }
    }
    nlohmann::json g;
    g["subgraph"] = sg;
    g["nodes"] = nodes.size();
    g["delegated_nodes"] = delegated;
    g["partitions"] = nlohmann::json::array();
    if (text) {
      *text << "subgraph " << sg << ": " << delegated << " of " << nodes.size()
            << " nodes delegated, " << partitions.size() << " partition"
            << (partitions.size() == 1 ? "" : "s") << "\n";
    }
    for (const auto& [index, members] : partitions) {
      const std::string& backend = nodes[members[0]].backend;
      g["partitions"].push_back({{"index", index},
                                 {"backend", backend},
                                 {"nodes", members},
                                 {"ops", OpCounts(nodes, members)}});
      if (text) {
        *text << "  " << backend << " partition " << index << ": nodes "
              << Ranges(members) << " (" << members.size() << ": "
              << OpCounts(nodes, members) << ")\n";
      }
    }
    for (const auto& [backend, members] : others) {
      g[backend] = {{"nodes", members}, {"ops", OpCounts(nodes, members)}};
      if (text) {
        *text << "  " << backend << ": nodes " << Ranges(members) << " ("
              << members.size() << ": " << OpCounts(nodes, members) << ")\n";
      }
    }
    // Why nodes stayed on litert, one line per op and reason.
    std::map<std::string, std::vector<int>> notes;  // "OP: why" -> nodes
    for (int i = 0; i < static_cast<int>(nodes.size()); ++i) {
      if (nodes[i].partition < 0 && !nodes[i].delegate_note.empty()) {
        notes[nodes[i].op_name + ": " + nodes[i].delegate_note].push_back(i);
      }
    }
    g["not_delegated"] = nlohmann::json::array();
    for (const auto& [note, members] : notes) {
      g["not_delegated"].push_back({{"why", note}, {"nodes", members}});
      if (text) {
        *text << "    not delegated: " << note << " (nodes " << Ranges(members)
              << ")\n";
      }
    }
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace litert::cli
