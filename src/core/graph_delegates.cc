// Graph::ApplyDelegates: after every node is prepared, each delegate is
// offered the nodes it supports. Supported nodes that follow each other in
// node order (folded constants may sit between them) form one partition,
// compiled once and run at the partition's last node. A partition the
// delegate cannot compile is split around the nodes it cannot compile alone;
// what remains stays on litert's kernels.
#include <algorithm>
#include <string>

#include "core/graph.h"
#include "schema/tflite_generated.h"

namespace litert {
namespace {

bool IsReshapeLike(const Node& n) {
  using Op = fb::BuiltinOperator;
  return n.builtin_code == static_cast<int>(Op::RESHAPE) ||
         n.builtin_code == static_cast<int>(Op::SQUEEZE) ||
         n.builtin_code == static_cast<int>(Op::EXPAND_DIMS);
}

}  // namespace

Status Graph::ApplyDelegates() {
  std::vector<DelegatedPartition> old = std::move(partitions_);
  partitions_.clear();
  delegate_internal_.assign(tensors_.size(), false);
  for (Node& n : nodes_) {
    n.partition = -1;
    n.delegate_note.clear();
  }
  if (delegates_.empty()) return Status::Ok();
  const int n = static_cast<int>(nodes_.size());
  for (Delegate* d : delegates_) {
    const DelegateGraphView view{model_.get(), index_, tensors_, nodes_};
    std::vector<char> ok(n, 0);
    for (int i = 0; i < n; ++i) {
      Node& node = nodes_[i];
      if (node.folded || node.partition >= 0 || node.op == nullptr) continue;
      if (node.deferred) {
        node.delegate_note = "shapes known only at run time";
        continue;
      }
      std::string why;
      ok[i] = d->Supports(view, i, &why);
      if (!ok[i] && node.delegate_note.empty()) {
        node.delegate_note = std::string(d->name()) + ": " + why;
      }
    }
    std::vector<int> members;
    for (int i = 0; i <= n; ++i) {
      if (i < n && ok[i]) {
        members.push_back(i);
      } else if (i == n || !nodes_[i].folded) {
        if (!members.empty()) PartitionRun(*d, members, ok, old);
        members.clear();
      }
    }
  }
  return Status::Ok();
}

void Graph::PartitionRun(Delegate& delegate, const std::vector<int>& members,
                         std::vector<char>& ok,
                         std::vector<DelegatedPartition>& old) {
  if (std::all_of(members.begin(), members.end(),
                  [&](int i) { return IsReshapeLike(nodes_[i]); })) {
    return;  // nothing to gain: reshapes alone cost nothing here
  }
  // Too little work to pay a delegate's per-node overhead (about a
  // microsecond per node for this XNNPACK): litert's kernels run it.
  int64_t outputs = 0;
  for (int i : members) {
    for (int t : nodes_[i].outputs) {
      if (t >= 0) outputs += tensors_[t].num_elements();
    }
  }
  if (outputs < min_delegated_elements_) {
    for (int i : members) {
      if (nodes_[i].delegate_note.empty()) {
        nodes_[i].delegate_note = std::string(delegate.name()) +
                                  ": its partition is too small to gain (" +
                                  std::to_string(outputs) + " output elements)";
      }
    }
    return;
  }
  const int nt = static_cast<int>(tensors_.size());
  std::vector<char> member(nodes_.size(), 0), produced(nt, 0), seen(nt, 0);
  for (int i : members) {
    member[i] = 1;
    for (int t : nodes_[i].outputs) {
      if (t >= 0) produced[t] = 1;
    }
  }
  std::vector<char> read_outside(nt, 0);
  for (size_t i = 0; i < nodes_.size(); ++i) {
    if (member[i]) continue;
    for (int t : nodes_[i].inputs) {
      if (t >= 0) read_outside[t] = 1;
    }
  }
  for (int t : outputs_) read_outside[t] = 1;
  Partition p;
  p.nodes = members;
  std::string key = delegate.name();
  for (int i : members) {
    key += " n" + std::to_string(i);
    for (int t : nodes_[i].inputs) {
      if (t < 0) continue;
      key += " " + std::to_string(t) + ShapeToString(tensors_[t].shape);
      if (tensors_[t].is_constant() || produced[t] || seen[t]) continue;
      seen[t] = 1;
      p.inputs.push_back(t);
    }
    for (int t : nodes_[i].outputs) {
      if (t < 0) continue;
      key += " " + std::to_string(t) + ShapeToString(tensors_[t].shape);
      if ((read_outside[t] || tensors_[t].is_variable) && !seen[t]) {
        seen[t] = 1;
        p.outputs.push_back(t);
      }
    }
  }
  std::unique_ptr<DelegateKernel> kernel;
  for (DelegatedPartition& o : old) {
    if (o.key == key && o.kernel) kernel = std::move(o.kernel);
  }
  if (!kernel) {
    const DelegateGraphView view{model_.get(), index_, tensors_, nodes_};
    auto compiled = delegate.Compile(view, p);
    if (!compiled.ok()) {
      if (members.size() == 1) {
        ok[members[0]] = 0;
        nodes_[members[0]].delegate_note =
            std::string(delegate.name()) + ": " + compiled.status().message();
        return;
      }
      // Drop the nodes it cannot compile alone; the rest, split around them,
      // are tried again. When each compiles alone, all stay on litert.
      bool dropped = false;
      for (int i : members) {
        std::vector<DelegatedPartition> none;
        const size_t before = partitions_.size();
        PartitionRun(delegate, {i}, ok, none);
        if (partitions_.size() > before) {
          partitions_.pop_back();
          nodes_[i].partition = -1;
          for (int t : nodes_[i].outputs) {
            if (t >= 0) delegate_internal_[t] = false;
          }
        }
        dropped = dropped || !ok[i];
      }
      if (!dropped) return;
      std::vector<int> part;
      for (size_t k = 0; k <= members.size(); ++k) {
        if (k < members.size() && ok[members[k]]) {
          part.push_back(members[k]);
          continue;
        }
        if (!part.empty()) PartitionRun(delegate, part, ok, old);
        part.clear();
      }
      return;
    }
    kernel = std::move(compiled).value();
  }
  const int index = static_cast<int>(partitions_.size());
  for (int i : members) {
    Node& node = nodes_[i];
    node.partition = index;
    node.scratch_bytes.clear();
    node.alias_requests.clear();
    for (int t : node.outputs) {
      if (t >= 0 && !read_outside[t] && !tensors_[t].is_variable) {
        delegate_internal_[t] = true;
      }
    }
  }
  partitions_.push_back(
      {delegate.name(), std::move(p), std::move(key), std::move(kernel)});
}

}  // namespace litert
