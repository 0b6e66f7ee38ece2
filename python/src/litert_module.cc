// The Python extension `litert._litert`: litert::Manager with numpy arrays in
// and out (nanobind). The Python package (python/litert) wraps it in
// LiteRTManager; see there for the user-facing documentation.
//
// Inputs are viewed, not copied, when their dtype and layout already fit (a
// C-contiguous array on the CPU); outputs are litert's owned copies handed to
// numpy without another copy, so a later call never changes them.
#include <nanobind/nanobind.h>
#include <nanobind/ndarray.h>
#include <nanobind/stl/map.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "litert/interpreter.h"
#include "litert/manager.h"
#include "litert/model.h"

namespace nb = nanobind;

namespace {

// Errors from the runtime, raised in Python as litert.LiteRTError (a
// RuntimeError).
struct LiteRTError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

void Check(const litert::Status& s) {
  if (!s.ok()) throw LiteRTError(s.message());
}

// The DLPack element type of a litert dtype; false when numpy has none.
bool ToDlpack(litert::DType t, nb::dlpack::dtype* out) {
  using litert::DType;
  using Code = nb::dlpack::dtype_code;
  auto set = [&](Code code, int bits) {
    *out = nb::dlpack::dtype{static_cast<uint8_t>(code),
                             static_cast<uint8_t>(bits), 1};
    return true;
  };
  switch (t) {
    case DType::kFloat32:
      return set(Code::Float, 32);
    case DType::kFloat16:
      return set(Code::Float, 16);
    case DType::kFloat64:
      return set(Code::Float, 64);
    case DType::kInt8:
      return set(Code::Int, 8);
    case DType::kInt16:
      return set(Code::Int, 16);
    case DType::kInt32:
      return set(Code::Int, 32);
    case DType::kInt64:
      return set(Code::Int, 64);
    case DType::kUInt8:
      return set(Code::UInt, 8);
    case DType::kUInt16:
      return set(Code::UInt, 16);
    case DType::kUInt32:
      return set(Code::UInt, 32);
    case DType::kUInt64:
      return set(Code::UInt, 64);
    case DType::kBool:
      return set(Code::Bool, 8);
    case DType::kComplex64:
      return set(Code::Complex, 64);
    case DType::kComplex128:
      return set(Code::Complex, 128);
    default:
      return false;
  }
}

// The litert dtype of a DLPack element type; false when litert has none.
bool FromDlpack(nb::dlpack::dtype d, litert::DType* out) {
  for (int code = 0; code <= static_cast<int>(litert::DType::kBFloat16);
       ++code) {
    const auto t = static_cast<litert::DType>(code);
    nb::dlpack::dtype candidate;
    if (ToDlpack(t, &candidate) && candidate == d) {
      *out = t;
      return true;
    }
  }
  return false;
}

using Array = nb::ndarray<nb::numpy, nb::device::cpu>;

// A numpy array owning `t` (moved to the heap; freed with the array).
nb::object ToNumpy(litert::Tensor&& t) {
  nb::dlpack::dtype dtype;
  if (!ToDlpack(t.dtype(), &dtype)) {
    throw LiteRTError("output of type " + litert::DTypeName(t.dtype()) +
                      " has no numpy equivalent");
  }
  auto* owned = new litert::Tensor(std::move(t));
  nb::capsule owner(
      owned, [](void* p) noexcept { delete static_cast<litert::Tensor*>(p); });
  std::vector<size_t> shape(owned->shape().begin(), owned->shape().end());
  return nb::cast(
      Array(owned->data(), shape.size(), shape.data(), owner, nullptr, dtype));
}

// A view of a C-contiguous CPU array as a litert tensor; `name` for errors.
litert::Tensor FromNumpy(const std::string& name,
                         nb::ndarray<nb::ro, nb::c_contig, nb::device::cpu> a) {
  litert::DType dtype;
  if (!FromDlpack(a.dtype(), &dtype)) {
    throw LiteRTError("input '" + name +
                      "' has an element type litert does not know");
  }
  litert::Shape shape;
  for (size_t i = 0; i < a.ndim(); ++i) {
    shape.push_back(static_cast<int32_t>(a.shape(i)));
  }
  return litert::Tensor::View(dtype, std::move(shape), a.data());
}

nb::dict Info(const litert::TensorInfo& i) {
  nb::dict d;
  d["name"] = i.name;
  d["index"] = i.index;
  d["dtype"] = litert::DTypeName(i.dtype);
  d["shape"] = std::vector<int32_t>(i.shape.begin(), i.shape.end());
  d["shape_signature"] =
      std::vector<int32_t>(i.shape_signature.begin(), i.shape_signature.end());
  d["scales"] = i.quant.scale;
  d["zero_points"] = i.quant.zero_point;
  d["quantized_dimension"] = i.quant.quantized_dimension;
  d["block_size"] = i.quant.blockwise.block_size;
  return d;
}

// litert::Interpreter for litert.Interpreter (the ai_edge_litert look-alike in
// python/litert/interpreter.py): the model stays alive with it.
struct PyInterpreter {
  std::shared_ptr<const litert::Model> model;
  std::unique_ptr<litert::Interpreter> interp;
};

nb::list Infos(const std::vector<litert::TensorInfo>& infos) {
  nb::list out;
  for (const auto& i : infos) out.append(Info(i));
  return out;
}

nb::dict Details(const std::vector<litert::TensorInfo>& infos) {
  nb::dict out;
  for (const auto& i : infos) {
    nb::dict d;
    d["name"] = i.name;
    d["index"] = i.index;
    d["dtype"] = litert::DTypeName(i.dtype);
    d["shape"] = std::vector<int32_t>(i.shape.begin(), i.shape.end());
    d["shape_signature"] = std::vector<int32_t>(i.shape_signature.begin(),
                                                i.shape_signature.end());
    d["scales"] = i.quant.scale;
    d["zero_points"] = i.quant.zero_point;
    d["quantized_dimension"] = i.quant.quantized_dimension;
    out[nb::str(i.name.c_str())] = d;
  }
  return out;
}

// InterpreterLimits from a dict of field name -> int (missing fields keep
// their defaults; an unknown name is an error that lists the known ones).
litert::InterpreterLimits ParseLimits(nb::dict d) {
  litert::InterpreterLimits l;
  for (auto [key, value] : d) {
    const std::string k = nb::cast<std::string>(nb::str(key));
    int64_t v = 0;
    if (!nb::try_cast(value, v)) {
      throw LiteRTError("limits['" + k + "'] must be an integer");
    }
    auto as_int = [&](int& field) {
      if (v < INT32_MIN || v > INT32_MAX) {
        throw LiteRTError("limits['" + k + "'] = " + std::to_string(v) +
                          " is out of range");
      }
      field = static_cast<int>(v);
    };
    if (k == "max_tensor_bytes") {
      l.max_tensor_bytes = v;
    } else if (k == "max_arena_bytes") {
      l.max_arena_bytes = v;
    } else if (k == "max_while_iterations") {
      l.max_while_iterations = v;
    } else if (k == "max_rank") {
      as_int(l.max_rank);
    } else if (k == "max_ops") {
      as_int(l.max_ops);
    } else if (k == "max_subgraph_depth") {
      as_int(l.max_subgraph_depth);
    } else {
      throw LiteRTError("unknown limit '" + k +
                        "'; known: max_tensor_bytes, max_arena_bytes, "
                        "max_rank, max_ops, max_subgraph_depth, "
                        "max_while_iterations");
    }
  }
  return l;
}

}  // namespace

NB_MODULE(_litert, m) {
  m.doc() = "litert's C++ runtime (use the litert package, not this module)";
  nb::exception<LiteRTError>(m, "LiteRTError", PyExc_RuntimeError);

  nb::class_<PyInterpreter>(m, "Interpreter")
      .def(
          "__init__",
          [](PyInterpreter* self, const std::string& path, nb::bytes content,
             int num_threads, bool use_xnnpack, nb::dict limits) {
            new (self) PyInterpreter();
            auto model = path.empty() ? litert::Model::FromBufferCopy(
                                            content.c_str(), content.size(),
                                            "<model_content>")
                                      : litert::Model::Load(path);
            Check(model.status());
            litert::InterpreterOptions o;
            o.num_threads = num_threads;
            o.use_xnnpack = use_xnnpack;
            o.limits = ParseLimits(limits);
            auto interp = litert::Interpreter::Create(model.value(), o);
            Check(interp.status());
            self->model = model.value();
            self->interp = std::move(interp).value();
          },
          nb::arg("model_path"), nb::arg("model_content"),
          nb::arg("num_threads"), nb::arg("use_xnnpack"), nb::arg("limits"))
      .def("allocate",
           [](PyInterpreter& self) { Check(self.interp->AllocateTensors()); })
      .def("inputs", [](PyInterpreter& self,
                        int sg) { return Infos(self.interp->Inputs(sg)); })
      .def("outputs", [](PyInterpreter& self,
                         int sg) { return Infos(self.interp->Outputs(sg)); })
      .def("num_tensors", [](PyInterpreter& self,
                             int sg) { return self.interp->num_tensors(sg); })
      .def("tensor_info",
           [](PyInterpreter& self, int sg, int t) {
             auto r = self.interp->GetTensorInfo(sg, t);
             Check(r.status());
             return Info(r.value());
           })
      .def("set_input",
           [](PyInterpreter& self, int sg, int position,
              nb::ndarray<nb::ro, nb::c_contig, nb::device::cpu> a) {
             Check(self.interp->SetInput(sg, position, FromNumpy("value", a)));
           })
      .def("set_input_strings",
           [](PyInterpreter& self, int sg, int position,
              const std::vector<nb::bytes>& values,
              const std::vector<int32_t>& shape) {
             std::vector<std::string> v;
             for (const auto& b : values) v.emplace_back(b.c_str(), b.size());
             Check(self.interp->SetInput(sg, position,
                                         litert::Tensor::Strings(shape, v)));
           })
      .def("resize_input",
           [](PyInterpreter& self, int sg, int position,
              const std::vector<int32_t>& shape) {
             Check(self.interp->ResizeInput(sg, position, shape));
           })
      .def("invoke",
           [](PyInterpreter& self, int sg) {
             litert::Status s = litert::Status::Ok();
             {
               nb::gil_scoped_release release;
               s = self.interp->Invoke(sg);
             }
             Check(s);
           })
      .def("get_tensor",
           [](PyInterpreter& self, int sg, int t) -> nb::object {
             auto r = self.interp->TensorData(sg, t);
             Check(r.status());
             const litert::Tensor& v = r.value();
             if (v.dtype() == litert::DType::kString) {
               // (list of bytes, shape): the package makes the array.
               nb::list items;
               for (int64_t i = 0; i < v.num_elements(); ++i) {
                 const std::string_view s = litert::StringAt(v.data(), i);
                 items.append(nb::bytes(s.data(), s.size()));
               }
               return nb::make_tuple(items, std::vector<int32_t>(v.shape()));
             }
             return ToNumpy(litert::Tensor::OwnedCopy(v));
           })
      .def("tensor_view",
           [](nb::handle py_self, int sg, int t) {
             PyInterpreter& self = nb::cast<PyInterpreter&>(py_self);
             auto r = self.interp->TensorData(sg, t);
             Check(r.status());
             litert::Tensor& v = r.value();
             nb::dlpack::dtype dtype;
             if (!ToDlpack(v.dtype(), &dtype) || v.data() == nullptr) {
               throw LiteRTError("tensor " + std::to_string(t) +
                                 " has no numpy view");
             }
             std::vector<size_t> shape(v.shape().begin(), v.shape().end());
             // The view keeps the interpreter object alive.
             return nb::cast(Array(v.data(), shape.size(), shape.data(),
                                   py_self, nullptr, dtype));
           })
      .def("reset_variables",
           [](PyInterpreter& self) { self.interp->ResetVariables(); })
      .def("signatures", [](PyInterpreter& self) {
        nb::list out;
        for (const auto& s : self.interp->signatures()) {
          nb::dict d;
          d["key"] = s.key;
          d["subgraph"] = s.subgraph;
          d["inputs"] = s.input_names;
          d["outputs"] = s.output_names;
          d["input_tensors"] = s.input_tensors;
          d["output_tensors"] = s.output_tensors;
          out.append(d);
        }
        return out;
      });

  nb::class_<litert::Manager>(m, "Manager")
      .def(nb::init<>())
      .def(
          "load_model",
          [](litert::Manager& self, const std::string& path, bool use_xnnpack,
             bool use_gpu, int num_threads, nb::dict limits) {
            litert::Options o;
            o.limits = ParseLimits(limits);
            o.use_xnnpack = use_xnnpack;
            o.use_gpu = use_gpu;
            o.num_threads = num_threads;
            nb::gil_scoped_release release;
            Check(self.LoadModel(path, o));
          },
          nb::arg("model_path"), nb::arg("use_xnnpack"), nb::arg("use_gpu"),
          nb::arg("num_threads"), nb::arg("limits"))
      .def(
          "generate",
          [](litert::Manager& self, nb::dict inputs,
             const std::string& signature) {
            // The arrays stay referenced by `inputs` while the views run.
            std::map<std::string, litert::Tensor> views;
            for (auto [key, value] : inputs) {
              const std::string name = nb::cast<std::string>(nb::str(key));
              nb::ndarray<nb::ro, nb::c_contig, nb::device::cpu> a;
              if (!nb::try_cast(value, a)) {
                throw LiteRTError("input '" + name +
                                  "' is not an array litert can read (a numpy "
                                  "array or anything numpy.asarray accepts)");
              }
              views.emplace(name, FromNumpy(name, a));
            }
            litert::Result<std::map<std::string, litert::Tensor>> result =
                litert::Status::Error("not run");
            {
              nb::gil_scoped_release release;
              result = self.Generate(views, signature);
            }
            Check(result.status());
            nb::dict out;
            for (auto& [name, tensor] : result.value()) {
              out[nb::str(name.c_str())] = ToNumpy(std::move(tensor));
            }
            return out;
          },
          nb::arg("inputs"), nb::arg("signature") = "")
      .def("unload", &litert::Manager::Unload)
      .def_prop_ro("loaded", &litert::Manager::loaded)
      .def(
          "input_details",
          [](const litert::Manager& self, const std::string& signature) {
            auto r = self.InputDetails(signature);
            Check(r.status());
            return Details(r.value());
          },
          nb::arg("signature") = "")
      .def(
          "output_details",
          [](const litert::Manager& self, const std::string& signature) {
            auto r = self.OutputDetails(signature);
            Check(r.status());
            return Details(r.value());
          },
          nb::arg("signature") = "")
      .def("arena_bytes",
           [](litert::Manager& self) -> size_t {
             litert::Interpreter* interp = self.interpreter();
             return interp ? interp->arena_bytes() : 0;
           })
      .def("enable_profiling",
           [](litert::Manager& self, bool on) {
             if (litert::Interpreter* interp = self.interpreter()) {
               interp->EnableProfiling(on);
             }
           })
      .def("profile",
           [](litert::Manager& self) {
             nb::list out;
             litert::Interpreter* interp = self.interpreter();
             if (interp == nullptr) return out;
             for (const auto& n : interp->Profile()) {
               nb::dict d;
               d["subgraph"] = n.subgraph;
               d["node"] = n.node;
               d["op"] = n.op;
               d["backend"] = n.backend;
               d["total_micros"] = n.total_micros;
               d["runs"] = n.runs;
               out.append(d);
             }
             return out;
           })
      .def("signatures", [](litert::Manager& self) {
        nb::dict out;
        litert::Interpreter* interp = self.interpreter();
        if (interp == nullptr) return out;
        for (const auto& s : interp->signatures()) {
          nb::dict d;
          d["inputs"] = s.input_names;
          d["outputs"] = s.output_names;
          out[nb::str(s.key.c_str())] = d;
        }
        return out;
      });
}
