// `litert info`: what is in a model, read from the file alone (nothing is run).
#include <cstdio>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "cli/commands.h"
#include "cli/partition_report.h"
#include "litert/interpreter.h"
#include "litert/model.h"
#include "litert/tensor.h"
#include "nlohmann/json.hpp"
#include "ops/registry.h"
#include "schema/tflite_generated.h"

namespace litert::cli {
namespace {

using nlohmann::json;

json TensorJson(const fb::SubGraph* sg, int index,
                const std::string& key = "") {
  const fb::Tensor* t = sg->tensors()->Get(index);
  json j;
  j["name"] = key.empty() ? (t->name() ? t->name()->str() : "") : key;
  if (!key.empty() && t->name()) j["tensor_name"] = t->name()->str();
  j["index"] = index;
  j["dtype"] = DTypeName(static_cast<DType>(t->type()));
  std::vector<int> shape, sig;
  if (t->shape()) shape.assign(t->shape()->begin(), t->shape()->end());
  if (t->shape_signature())
    sig.assign(t->shape_signature()->begin(), t->shape_signature()->end());
  j["shape"] = shape;
  if (!sig.empty() && sig != shape) j["shape_signature"] = sig;
  if (const auto* q = t->quantization();
      q && q->scale() && q->scale()->size() > 0) {
    json qj;
    if (q->scale()->size() == 1) {
      qj["scale"] = q->scale()->Get(0);
      qj["zero_point"] = q->zero_point() && q->zero_point()->size()
                             ? q->zero_point()->Get(0)
                             : 0;
    } else {
      qj["per_channel_scales"] = q->scale()->size();
      qj["quantized_dimension"] = q->quantized_dimension();
    }
    j["quantization"] = qj;
  }
  return j;
}

std::string ShapeText(const json& t) {
  std::string s = "[";
  const auto& shape =
      t.contains("shape_signature") ? t["shape_signature"] : t["shape"];
  for (size_t i = 0; i < shape.size(); ++i) {
    s += (i ? ", " : "") + std::to_string(shape[i].get<int>());
  }
  return s + "]";
}

std::string TensorText(const json& t) {
  std::string s = t["name"].get<std::string>() + ": " +
                  t["dtype"].get<std::string>() + " " + ShapeText(t);
  if (t.contains("quantization")) {
    const auto& q = t["quantization"];
    std::ostringstream os;
    if (q.contains("scale")) {
      os << " (scale " << q["scale"].get<double>() << ", zero point "
         << q["zero_point"].get<int64_t>() << ")";
    } else {
      os << " (per-channel: " << q["per_channel_scales"].get<int>()
         << " scales along dim " << q["quantized_dimension"].get<int>() << ")";
    }
    s += os.str();
  }
  return s;
}

std::string WithCommas(uint64_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(i, ",");
  return s;
}

}  // namespace

int RunInfo(const InfoArgs& args) {
  auto loaded = Model::Load(args.model);
  if (!loaded.ok()) {
    std::cerr << "error: " << loaded.status().message() << "\n";
    return 1;
  }
  const Model& model = *loaded.value();
  const fb::Model* m = model.fb();
  json out;
  out["model"] = model.name();
  out["bytes"] = model.size();
  out["schema_version"] = m->version();
  if (m->description()) out["description"] = m->description()->str();

  // Signatures.
  json sigs = json::array();
  if (m->signature_defs()) {
    for (const auto* sd : *m->signature_defs()) {
      const auto* sg = m->subgraphs()->Get(sd->subgraph_index());
      json s;
      s["key"] = sd->signature_key() ? sd->signature_key()->str() : "";
      s["subgraph"] = sd->subgraph_index();
      s["inputs"] = json::array();
      s["outputs"] = json::array();
      if (sd->inputs()) {
        for (const auto* tm : *sd->inputs()) {
          s["inputs"].push_back(TensorJson(
              sg, tm->tensor_index(), tm->name() ? tm->name()->str() : ""));
        }
      }
      if (sd->outputs()) {
        for (const auto* tm : *sd->outputs()) {
          s["outputs"].push_back(TensorJson(
              sg, tm->tensor_index(), tm->name() ? tm->name()->str() : ""));
        }
      }
      sigs.push_back(s);
    }
  }
  out["signatures"] = sigs;

  // Subgraphs, ops, weights.
  json subgraphs = json::array();
  std::map<std::string, std::map<int, int>> ops;  // name -> version -> count
  std::map<std::string, bool> supported;
  std::map<std::string, uint64_t> weights;  // dtype -> bytes
  std::set<uint32_t> counted_buffers;
  for (uint32_t s = 0; s < m->subgraphs()->size(); ++s) {
    const auto* sg = m->subgraphs()->Get(s);
    json g;
    g["index"] = s;
    if (sg->name()) g["name"] = sg->name()->str();
    g["tensors"] = sg->tensors() ? sg->tensors()->size() : 0;
    g["operators"] = sg->operators() ? sg->operators()->size() : 0;
    g["inputs"] = json::array();
    g["outputs"] = json::array();
    if (sg->inputs()) {
      for (int t : *sg->inputs()) g["inputs"].push_back(TensorJson(sg, t));
    }
    if (sg->outputs()) {
      for (int t : *sg->outputs()) g["outputs"].push_back(TensorJson(sg, t));
    }
    subgraphs.push_back(g);
    if (sg->operators()) {
      for (const auto* op : *sg->operators()) {
        const auto* code = m->operator_codes()->Get(op->opcode_index());
        const int builtin = std::max<int>(code->builtin_code(),
                                          code->deprecated_builtin_code());
        std::string name;
        const OpRegistration* reg = nullptr;
        if (builtin == static_cast<int>(fb::BuiltinOperator::CUSTOM)) {
          name = code->custom_code() ? code->custom_code()->str()
                                     : "<unnamed custom op>";
          reg = FindCustomOp(name);
          name = "CUSTOM:" + name;
        } else {
          name = BuiltinOpName(builtin);
          reg = FindBuiltinOp(builtin);
        }
        ++ops[name][code->version()];
        const bool ok = reg != nullptr && code->version() <= reg->max_version;
        supported[name] =
            (supported.count(name) ? supported[name] : true) && ok;
      }
    }
    if (sg->tensors()) {
      for (const auto* t : *sg->tensors()) {
        if (t->is_variable() || counted_buffers.count(t->buffer())) continue;
        const size_t bytes = model.buffer(t->buffer()).size();
        if (bytes == 0) continue;
        counted_buffers.insert(t->buffer());
        weights[DTypeName(static_cast<DType>(t->type()))] += bytes;
      }
    }
  }
  out["subgraphs"] = subgraphs;
  json ops_json = json::array();
  json unsupported = json::array();
  for (const auto& [name, versions] : ops) {
    int count = 0;
    std::vector<int> vs;
    for (auto [v, c] : versions) {
      count += c;
      vs.push_back(v);
    }
    ops_json.push_back({{"op", name},
                        {"count", count},
                        {"versions", vs},
                        {"supported", supported[name]}});
    if (!supported[name]) unsupported.push_back(name);
  }
  out["ops"] = ops_json;
  out["unsupported_ops"] = unsupported;
  json w = json::object();
  uint64_t total_weights = 0;
  for (const auto& [dtype, bytes] : weights) {
    w[dtype] = bytes;
    total_weights += bytes;
  }
  out["weight_bytes"] = w;
  out["weight_bytes_total"] = total_weights;

  // The partition needs a prepared interpreter (shapes, constants).
  std::unique_ptr<Interpreter> interp;
  if (args.delegate != "none") {
    InterpreterOptions opts;
    opts.use_xnnpack = args.delegate == "xnnpack";
    auto created = Interpreter::Create(loaded.value(), opts);
    Status s =
        created.ok() ? created.value()->AllocateTensors() : created.status();
    if (!s.ok()) {
      std::cerr << "error: " << s.message() << "\n";
      return 1;
    }
    interp = std::move(created).value();
    out["partition"] = PartitionReport(*interp, nullptr);
  }

  if (args.json) {
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  std::cout << "model       " << model.name() << " ("
            << WithCommas(model.size()) << " bytes, schema version "
            << m->version() << ")\n";
  if (out.contains("description")) {
    std::cout << "description " << out["description"].get<std::string>()
              << "\n";
  }
  for (const auto& s : sigs) {
    std::cout << "signature   '" << s["key"].get<std::string>()
              << "' (subgraph " << s["subgraph"].get<int>() << ")\n";
    for (const auto& t : s["inputs"])
      std::cout << "  input   " << TensorText(t) << "\n";
    for (const auto& t : s["outputs"])
      std::cout << "  output  " << TensorText(t) << "\n";
  }
  for (const auto& g : subgraphs) {
    std::cout << "subgraph    " << g["index"].get<int>();
    if (g.contains("name"))
      std::cout << " '" << g["name"].get<std::string>() << "'";
    std::cout << ": " << g["operators"].get<int>() << " ops, "
              << g["tensors"].get<int>() << " tensors\n";
    for (const auto& t : g["inputs"])
      std::cout << "  input   " << TensorText(t) << "\n";
    for (const auto& t : g["outputs"])
      std::cout << "  output  " << TensorText(t) << "\n";
  }
  std::cout << "ops\n";
  for (const auto& o : ops_json) {
    std::string vs;
    for (const auto& v : o["versions"])
      vs += (vs.empty() ? "v" : ",v") + std::to_string(v.get<int>());
    char line[160];
    std::snprintf(line, sizeof line, "  %-32s %6d  %-10s %s\n",
                  o["op"].get<std::string>().c_str(), o["count"].get<int>(),
                  vs.c_str(),
                  o["supported"].get<bool>() ? "" : "(unsupported)");
    std::cout << line;
  }
  std::cout << "weights     " << WithCommas(total_weights) << " bytes";
  if (!weights.empty()) {
    std::cout << " (";
    bool first = true;
    for (const auto& [dtype, bytes] : weights) {
      std::cout << (first ? "" : ", ") << dtype << " " << WithCommas(bytes);
      first = false;
    }
    std::cout << ")";
  }
  std::cout << "\n";
  if (unsupported.empty()) {
    std::cout << "litert      runs every op in this model\n";
  } else {
    std::cout << "litert      does not support yet:";
    for (const auto& u : unsupported) std::cout << " " << u.get<std::string>();
    std::cout << "\n";
  }
  if (interp) {
    std::cout << "partition   with --delegate " << args.delegate << "\n";
    PartitionReport(*interp, &std::cout);
  }
  return 0;
}

}  // namespace litert::cli
