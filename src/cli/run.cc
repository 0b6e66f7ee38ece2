// `litert run`: one inference on given or seeded random inputs.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>

#include "cli/commands.h"
#include "cli/npy.h"
#include "cli/random_tensor.h"
#include "litert/interpreter.h"

namespace litert::cli {
namespace {

double Ms(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

// Reads element i of a numeric tensor as double (for the summary line).
double ValueAt(const Tensor& t, int64_t i) {
  switch (t.dtype()) {
    case DType::kFloat32:
      return t.data_as<float>()[i];
    case DType::kFloat64:
      return t.data_as<double>()[i];
    case DType::kInt8:
      return t.data_as<int8_t>()[i];
    case DType::kUInt8:
    case DType::kBool:
      return t.data_as<uint8_t>()[i];
    case DType::kInt16:
      return t.data_as<int16_t>()[i];
    case DType::kUInt16:
      return t.data_as<uint16_t>()[i];
    case DType::kInt32:
      return t.data_as<int32_t>()[i];
    case DType::kUInt32:
      return t.data_as<uint32_t>()[i];
    case DType::kInt64:
      return static_cast<double>(t.data_as<int64_t>()[i]);
    default:
      return NAN;
  }
}

std::string Summary(const Tensor& t) {
  const int64_t n = t.num_elements();
  if (n == 0) return "(empty)";
  if (t.dtype() == DType::kString) {
    std::string s = "first [";
    for (int64_t i = 0; i < std::min<int64_t>(n, 4); ++i) {
      s += (i ? ", \"" : "\"") + std::string(StringAt(t.data(), i)) + "\"";
    }
    return s + (n > 4 ? ", ...]" : "]");
  }
  double lo = INFINITY, hi = -INFINITY, sum = 0;
  for (int64_t i = 0; i < n; ++i) {
    const double v = ValueAt(t, i);
    lo = std::min(lo, v);
    hi = std::max(hi, v);
    sum += v;
  }
  char buf[256];
  std::snprintf(buf, sizeof buf, "min %.6g  max %.6g  mean %.6g  first [", lo,
                hi, sum / n);
  std::string s = buf;
  for (int64_t i = 0; i < std::min<int64_t>(n, 4); ++i) {
    std::snprintf(buf, sizeof buf, "%s%.6g", i ? ", " : "", ValueAt(t, i));
    s += buf;
  }
  return s + (n > 4 ? ", ...]" : "]");
}

}  // namespace

int RunRun(const RunArgs& args) {
  auto fail = [](const std::string& msg) {
    std::cerr << "error: " << msg << "\n";
    return 1;
  };
  const auto t0 = std::chrono::steady_clock::now();
  auto model = Model::Load(args.model);
  if (!model.ok()) return fail(model.status().message());
  InterpreterOptions opts;
  opts.num_threads = args.num_threads;
  opts.use_xnnpack = args.use_xnnpack == "on";
  opts.limits = args.limits;
  auto created = Interpreter::Create(model.value(), opts);
  if (!created.ok()) return fail(created.status().message());
  Interpreter& interp = *created.value();

  // The entry point: a signature, or subgraph 0 with tensor names.
  int subgraph = 0;
  std::vector<std::string> in_keys, out_keys;
  std::vector<int> in_pos, out_pos;
  const auto sub_inputs = [&](int sg) { return interp.Inputs(sg); };
  if (!args.signature.empty()) {
    const SignatureInfo* sig = interp.FindSignature(args.signature);
    if (sig == nullptr) {
      std::string known;
      for (const auto& s : interp.signatures()) known += " '" + s.key + "'";
      return fail(
          args.model + ": no signature '" + args.signature + "'" +
          (known.empty() ? " (the model has none)" : "; it has" + known));
    }
    subgraph = sig->subgraph;
    const auto ins = interp.Inputs(subgraph);
    const auto outs = interp.Outputs(subgraph);
    for (size_t i = 0; i < sig->input_tensors.size(); ++i) {
      for (size_t p = 0; p < ins.size(); ++p) {
        if (ins[p].index == sig->input_tensors[i]) {
          in_keys.push_back(sig->input_names[i]);
          in_pos.push_back(static_cast<int>(p));
        }
      }
    }
    for (size_t i = 0; i < sig->output_tensors.size(); ++i) {
      for (size_t p = 0; p < outs.size(); ++p) {
        if (outs[p].index == sig->output_tensors[i]) {
          out_keys.push_back(sig->output_names[i]);
          out_pos.push_back(static_cast<int>(p));
        }
      }
    }
  } else {
    const auto ins = interp.Inputs(0);
    const auto outs = interp.Outputs(0);
    for (size_t p = 0; p < ins.size(); ++p) {
      in_keys.push_back(ins[p].name);
      in_pos.push_back(static_cast<int>(p));
    }
    for (size_t p = 0; p < outs.size(); ++p) {
      out_keys.push_back(outs[p].name);
      out_pos.push_back(static_cast<int>(p));
    }
  }
  const auto infos = sub_inputs(subgraph);

  // Given inputs: by signature key or tensor name; a lone FILE.npy for a
  // one-input model.
  std::map<int, Tensor> given;  // slot -> tensor
  for (const std::string& arg : args.inputs) {
    int slot = -1;
    std::string file = arg;
    const size_t eq = arg.find('=');
    if (eq != std::string::npos) {
      const std::string name = arg.substr(0, eq);
      for (size_t i = 0; i < in_keys.size(); ++i) {
        if (in_keys[i] == name || infos[in_pos[i]].name == name)
          slot = static_cast<int>(i);
      }
      if (slot >= 0) file = arg.substr(eq + 1);
    }
    if (slot < 0) {
      std::string names;
      for (const auto& k : in_keys) names += " '" + k + "'";
      // NAME=FILE with a name the model lacks (unless the whole is a file).
      if (eq != std::string::npos && !std::filesystem::exists(arg)) {
        return fail("--input " + arg + ": the model has no input named '" +
                    arg.substr(0, eq) + "'; its inputs are" + names);
      }
      if (in_keys.size() != 1) {
        return fail("--input " + arg +
                    ": name the input (NAME=FILE.npy); the model's inputs are" +
                    names);
      }
      slot = 0;
    }
    auto t = npy::ReadNpy(file);
    if (!t.ok()) return fail(t.status().message());
    const TensorInfo& info = infos[in_pos[slot]];
    if (t->dtype() != info.dtype) {
      return fail("input '" + in_keys[slot] + "' must be " +
                  DTypeName(info.dtype) + " " +
                  ShapeToString(info.shape_signature) + ", but " + file +
                  " holds " + DTypeName(t->dtype()));
    }
    if (t->shape() != info.shape) {
      Status s = interp.ResizeInput(subgraph, in_pos[slot], t->shape());
      if (!s.ok())
        return fail("input '" + in_keys[slot] + "' from " + file + ": " +
                    s.message());
    }
    given[slot] = std::move(t).value();
  }
  if (Status s = interp.AllocateTensors(); !s.ok()) return fail(s.message());
  const auto t1 = std::chrono::steady_clock::now();
  const auto ready = interp.Inputs(subgraph);
  for (size_t i = 0; i < in_keys.size(); ++i) {
    Tensor value =
        given.count(static_cast<int>(i))
            ? given[static_cast<int>(i)]
            : RandomTensor(ready[in_pos[i]].dtype, ready[in_pos[i]].shape,
                           static_cast<uint64_t>(args.seed) * 1000 + i);
    if (Status s = interp.SetInput(subgraph, in_pos[i], value); !s.ok())
      return fail(s.message());
    if (!args.quiet) {
      std::cout << "input  " << in_keys[i] << ": " << DTypeName(value.dtype())
                << " " << ShapeToString(value.shape())
                << (given.count(static_cast<int>(i)) ? "" : " (seeded random)")
                << "\n";
    }
  }
  // --repeat N: N invocations on the same inputs (stateful models carry state
  // between them). The .npz then also holds every invocation's outputs as
  // "<name>@<k>" (k from 0).
  std::map<std::string, Tensor> outputs;
  const int repeat = std::max(1, args.repeat);
  const auto t2 = std::chrono::steady_clock::now();
  auto t3 = t2;
  for (int k = 0; k < repeat; ++k) {
    if (Status s = interp.Invoke(subgraph); !s.ok()) return fail(s.message());
    t3 = std::chrono::steady_clock::now();
    for (size_t i = 0; i < out_keys.size(); ++i) {
      auto view = interp.Output(subgraph, out_pos[i]);
      if (!view.ok()) return fail(view.status().message());
      // Owned copies: the next Invoke overwrites the interpreter's memory.
      if (repeat > 1)
        outputs[out_keys[i] + "@" + std::to_string(k)] =
            Tensor::OwnedCopy(view.value());
      if (k + 1 == repeat) {
        if (!args.quiet) {
          std::cout << "output " << out_keys[i] << ": "
                    << DTypeName(view->dtype()) << " "
                    << ShapeToString(view->shape()) << "  "
                    << Summary(view.value()) << "\n";
        }
        outputs[out_keys[i]] = Tensor::OwnedCopy(view.value());
      }
    }
  }
  if (!args.output.empty()) {
    if (Status s = npy::WriteNpz(args.output, outputs); !s.ok())
      return fail(s.message());
    if (!args.quiet) std::cout << "wrote  " << args.output << "\n";
  }
  if (!args.quiet) {
    char buf[160];
    std::snprintf(
        buf, sizeof buf, "time   load+prepare %.2f ms, invoke %.3f ms%s\n",
        Ms(t1 - t0), Ms(t3 - t2) / repeat, repeat > 1 ? " (mean)" : "");
    std::cout << buf;
  }
  return 0;
}

}  // namespace litert::cli
