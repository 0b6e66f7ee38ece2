#include "robustness/bad_inputs.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <thread>

#include "litert/interpreter.h"
#include "litert/manager.h"
#include "litert/model.h"
#include "model/model_writer.h"
#include "schema/tflite_generated.h"

namespace litert::robustness {
namespace {

using Bytes = std::vector<uint8_t>;

// x [1, 4] -> FULLY_CONNECTED (constant weights [3, 4]) -> y [1, 3].
Bytes Dense() {
  ModelWriter w;
  int x = w.AddTensor("x", DType::kFloat32, {1, 4});
  int k = w.AddConstant<float>("weights", DType::kFloat32, {3, 4},
                               std::vector<float>(12, 0.5f));
  int y = w.AddTensor("y", DType::kFloat32, {1, 3});
  w.AddOperator(fb::BuiltinOperator::FULLY_CONNECTED, {x, k, -1}, {y});
  w.SetInputs({x});
  w.SetOutputs({y});
  w.AddSignature("serving_default", {{"x", x}}, {{"y", y}});
  return w.Finish();
}

// x [-1, 4] (resizable) -> RELU -> y.
Bytes Relu(const Shape& shape = {1, 4}, const Shape& signature = {-1, 4}) {
  ModelWriter w;
  int x = w.AddTensor("x", DType::kFloat32, shape, {}, signature);
  int y = w.AddTensor("y", DType::kFloat32, shape, {}, signature);
  w.AddOperator(fb::BuiltinOperator::RELU, {x}, {y});
  w.SetInputs({x});
  w.SetOutputs({y});
  return w.Finish();
}

std::string Load(const Bytes& b) {
  auto m = Model::FromBufferCopy(b.data(), b.size(), "bad.tflite");
  return m.ok() ? "" : m.status().message();
}

// Loads, creates, allocates and invokes with zero inputs: the first error.
std::string Run(const Bytes& b, const InterpreterOptions& o = {}) {
  auto m = Model::FromBufferCopy(b.data(), b.size(), "bad.tflite");
  if (!m.ok()) return m.status().message();
  auto in = Interpreter::Create(*m, o);
  if (!in.ok()) return in.status().message();
  if (Status s = (*in)->AllocateTensors(); !s.ok()) return s.message();
  if (Status s = (*in)->Invoke(); !s.ok()) return s.message();
  return "";
}

// Edits the model through the flatbuffer object API and packs it again.
Bytes Patch(const Bytes& b, const std::function<void(fb::ModelT&)>& edit) {
  std::unique_ptr<fb::ModelT> m = fb::UnPackModel(b.data());
  edit(*m);
  flatbuffers::FlatBufferBuilder fbb;
  fb::FinishModelBuffer(fbb, fb::Model::Pack(fbb, m.get()));
  return Bytes(fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize());
}

Bytes Truncated(double fraction) {
  Bytes b = Dense();
  b.resize(static_cast<size_t>(b.size() * fraction));
  return b;
}

uint32_t U32(const Bytes& b, size_t at) {
  uint32_t v;
  std::memcpy(&v, b.data() + at, 4);
  return v;
}

// The root table's vtable: offset of the root table minus its soffset.
size_t RootVtable(const Bytes& b) {
  const size_t root = U32(b, 0);
  int32_t soffset;
  std::memcpy(&soffset, b.data() + root, 4);
  return root - soffset;
}

Bytes WithVtableBytes(size_t at_in_vtable, uint16_t value) {
  Bytes b = Dense();
  const size_t vt = RootVtable(b);
  std::memcpy(b.data() + vt + at_in_vtable, &value, 2);
  return b;
}

// Subgraph 0 calls itself through a control-flow op.
Bytes SelfCall(fb::BuiltinOperator op) {
  ModelWriter w;
  int c = w.AddTensor("cond", DType::kBool, {});
  int x = w.AddTensor("x", DType::kFloat32, {1});
  int y = w.AddTensor("y", DType::kFloat32, {1});
  if (op == fb::BuiltinOperator::CALL_ONCE) {
    auto opts = fb::CreateCallOnceOptions(w.builder(), 0).Union();
    w.AddOperator(op, {}, {}, fb::BuiltinOptions::CallOnceOptions, opts);
    w.SetInputs({});
    w.SetOutputs({});
  } else {
    auto opts = fb::CreateIfOptions(w.builder(), 0, 0).Union();
    w.AddOperator(op, {c, x}, {y}, fb::BuiltinOptions::IfOptions, opts);
    w.SetInputs({c, x});
    w.SetOutputs({y});
  }
  return w.Finish();
}

// Subgraph i runs CALL_ONCE of subgraph calls[i] (none for -1).
Bytes CallOnceGraph(const std::vector<int>& calls) {
  ModelWriter w;
  for (size_t s = 0; s < calls.size(); ++s) {
    if (s > 0) w.AddSubgraph("init" + std::to_string(s));
    if (calls[s] >= 0) {
      auto opts = fb::CreateCallOnceOptions(w.builder(), calls[s]).Union();
      w.AddOperator(fb::BuiltinOperator::CALL_ONCE, {}, {},
                    fb::BuiltinOptions::CallOnceOptions, opts);
    }
    w.SetInputs({});
    w.SetOutputs({});
  }
  return w.Finish();
}

// WHILE (i < limit) i = i + 0: never ends.
Bytes EndlessWhile() {
  ModelWriter w;
  int i = w.AddTensor("i", DType::kInt32, {});
  int o = w.AddTensor("o", DType::kInt32, {});
  auto opts = fb::CreateWhileOptions(w.builder(), 1, 2).Union();
  w.AddOperator(fb::BuiltinOperator::WHILE, {i}, {o},
                fb::BuiltinOptions::WhileOptions, opts);
  w.SetInputs({i});
  w.SetOutputs({o});
  w.AddSubgraph("cond");
  int ci = w.AddTensor("i", DType::kInt32, {});
  int lim = w.AddConstant<int32_t>("limit", DType::kInt32, {}, {10});
  int less = w.AddTensor("less", DType::kBool, {});
  w.AddOperator(fb::BuiltinOperator::LESS, {ci, lim}, {less});
  w.SetInputs({ci});
  w.SetOutputs({less});
  w.AddSubgraph("body");
  int bi = w.AddTensor("i", DType::kInt32, {});
  int zero = w.AddConstant<int32_t>("zero", DType::kInt32, {}, {0});
  int bo = w.AddTensor("o", DType::kInt32, {});
  w.AddOperator(fb::BuiltinOperator::ADD, {bi, zero}, {bo});
  w.SetInputs({bi});
  w.SetOutputs({bo});
  return w.Finish();
}

// GATHER of a constant table [4, 2] by an int32 index input.
Bytes Gather() {
  ModelWriter w;
  int table = w.AddConstant<float>("table", DType::kFloat32, {4, 2},
                                   std::vector<float>(8, 1.f));
  int idx = w.AddTensor("idx", DType::kInt32, {1});
  int y = w.AddTensor("y", DType::kFloat32, {1, 2});
  w.AddOperator(fb::BuiltinOperator::GATHER, {table, idx}, {y});
  w.SetInputs({idx});
  w.SetOutputs({y});
  return w.Finish();
}

// Loads `b` as `name`, creates an interpreter, allocates (unless told not to)
// and returns the error of `call` on it ("" when it succeeded).
std::string Call(const Bytes& b, const std::string& name,
                 const std::function<Status(Interpreter&)>& call,
                 bool allocate = true) {
  auto m = Model::FromBufferCopy(b.data(), b.size(), name);
  if (!m.ok()) return "load failed: " + m.status().message();
  auto in = Interpreter::Create(*m);
  if (!in.ok()) return "create failed: " + in.status().message();
  if (allocate) {
    if (Status s = (*in)->AllocateTensors(); !s.ok()) return s.message();
  }
  Status s = call(**in);
  return s.ok() ? "" : s.message();
}

// Call on Dense().
std::string DenseCall(const std::function<Status(Interpreter&)>& call,
                      bool allocate = true) {
  return Call(Dense(), "dense.tflite", call, allocate);
}

// Two threads invoke one interpreter of a model slow enough to overlap; the
// message of the first refused call.
std::string ConcurrentInvoke() {
  Bytes b = Relu({256, 4096}, {});
  auto m = Model::FromBufferCopy(b.data(), b.size(), "relu.tflite");
  auto in = Interpreter::Create(*m);
  if (!in.ok() || !(*in)->AllocateTensors().ok()) return "setup failed";
  std::string refused;
  std::atomic<bool> stop{false};
  auto loop = [&] {
    for (int i = 0; i < 2000 && !stop; ++i) {
      Status s = (*in)->Invoke();
      if (!s.ok()) {
        refused = s.message();
        stop = true;
      }
    }
  };
  std::thread t1(loop), t2(loop);
  t1.join();
  t2.join();
  return refused;
}

// Loads Dense() into `m` (the Manager loads from a path: a temporary file).
Status LoadDense(Manager& m) {
  const Bytes b = Dense();
  char path[] = "/tmp/litert_bad_inputs_XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return Status::Error("mkstemp failed");
  FILE* f = fdopen(fd, "wb");
  fwrite(b.data(), 1, b.size(), f);
  fclose(f);
  Status s = m.LoadModel(path);
  std::remove(path);
  return s;
}

InterpreterOptions WithLimits(
    const std::function<void(InterpreterLimits&)>& f) {
  InterpreterOptions o;
  f(o.limits);
  return o;
}

}  // namespace

std::vector<BadInput> BadInputs() {
  std::vector<BadInput> c;
  auto file = [&](std::string input, std::string expect,
                  std::function<std::string()> run) {
    c.push_back({"file", std::move(input), std::move(expect), std::move(run)});
  };
  // --- Damaged bytes.
  file("empty file (0 bytes)", "empty", [] { return Load({}); });
  file("3 bytes", "too short", [] { return Load({0x1c, 0, 0}); });
  for (double f : {0.1, 0.5, 0.9, 0.99}) {
    file("truncated to " + std::to_string(static_cast<int>(f * 100)) +
             "% of its bytes",
         "corrupt", [f] { return Load(Truncated(f)); });
  }
  file("wrong file identifier ('XXXX' instead of 'TFL3')", "identifier", [] {
    Bytes b = Dense();
    std::memcpy(b.data() + 4, "XXXX", 4);
    return Load(b);
  });
  file("root offset beyond the end of the file", "corrupt", [] {
    Bytes b = Dense();
    const uint32_t huge = 0x7ffffff0;
    std::memcpy(b.data(), &huge, 4);
    return Load(b);
  });
  file("root table's vtable offset flipped (points outside the file)",
       "corrupt", [] {
         Bytes b = Dense();
         const size_t root = U32(b, 0);
         for (int i = 0; i < 4; ++i) b[root + i] ^= 0xff;
         return Load(b);
       });
  file("root vtable's size field set to 0xffff", "corrupt",
       [] { return Load(WithVtableBytes(0, 0xffff)); });
  file("root vtable's 'buffers' field offset moved past the table", "corrupt",
       [] { return Load(WithVtableBytes(4 + 2 * 4, 0xfffc)); });
  file("root vtable's 'subgraphs' field offset moved past the table", "corrupt",
       [] { return Load(WithVtableBytes(4 + 2 * 2, 0xfffc)); });
  // --- Well-formed flatbuffers that lie.
  file("tensor dimension 2^30 x 2^30 x 4 (over 2^40 elements)",
       "more than 2^40 elements", [] {
         return Load(Patch(Dense(), [](fb::ModelT& m) {
           m.subgraphs[0]->tensors[0]->shape = {1 << 30, 1 << 30, 4};
         }));
       });
  file("negative dimension -3", "negative dimension", [] {
    return Load(Patch(Dense(), [](fb::ModelT& m) {
      m.subgraphs[0]->tensors[0]->shape = {1, -3};
    }));
  });
  file("rank 17 tensor", "rank", [] {
    return Load(Patch(Dense(), [](fb::ModelT& m) {
      m.subgraphs[0]->tensors[0]->shape = std::vector<int32_t>(17, 1);
    }));
  });
  file("operator input index -7", "-7", [] {
    return Load(Patch(Dense(), [](fb::ModelT& m) {
      m.subgraphs[0]->operators[0]->inputs[0] = -7;
    }));
  });
  file("operator output index -1 (omitted)", "output 0 is tensor -1", [] {
    return Load(Patch(Dense(), [](fb::ModelT& m) {
      m.subgraphs[0]->operators[0]->outputs[0] = -1;
    }));
  });
  file("operator input index 40 of 3 tensors", "tensor 40", [] {
    return Load(Patch(Dense(), [](fb::ModelT& m) {
      m.subgraphs[0]->operators[0]->inputs[0] = 40;
    }));
  });
  file("graph output index 1000", "1000", [] {
    return Load(Patch(
        Dense(), [](fb::ModelT& m) { m.subgraphs[0]->outputs[0] = 1000; }));
  });
  file("operator code index 99 of 1 code", "99", [] {
    return Load(Patch(Dense(), [](fb::ModelT& m) {
      m.subgraphs[0]->operators[0]->opcode_index = 99;
    }));
  });
  file("tensor buffer index 77 of 2 buffers", "77", [] {
    return Load(Patch(Dense(), [](fb::ModelT& m) {
      m.subgraphs[0]->tensors[1]->buffer = 77;
    }));
  });
  file("weights buffer holds 8 bytes, shape [3, 4] needs 48", "holds 8 bytes",
       [] {
         return Load(Patch(Dense(), [](fb::ModelT& m) {
           m.buffers[m.subgraphs[0]->tensors[1]->buffer]->data.resize(8);
         }));
       });
  file("buffer offset/size pointing past the end of the file",
       "outside the file", [] {
         return Load(Patch(Dense(), [](fb::ModelT& m) {
           auto& buf = *m.buffers[m.subgraphs[0]->tensors[1]->buffer];
           buf.data.clear();
           buf.offset = uint64_t{1} << 40;
           buf.size = 48;
         }));
       });
  file("buffer offset + size overflowing 64 bits", "outside the file", [] {
    return Load(Patch(Dense(), [](fb::ModelT& m) {
      auto& buf = *m.buffers[m.subgraphs[0]->tensors[1]->buffer];
      buf.data.clear();
      buf.offset = ~uint64_t{0} - 8;
      buf.size = 48;
    }));
  });
  file("cyclic graph (op 0 reads what op 1 writes and the other way)", "cycle",
       [] {
         ModelWriter w;
         int a = w.AddTensor("a", DType::kFloat32, {1});
         int b = w.AddTensor("b", DType::kFloat32, {1});
         w.AddOperator(fb::BuiltinOperator::RELU, {b}, {a});
         w.AddOperator(fb::BuiltinOperator::RELU, {a}, {b});
         w.SetOutputs({b});
         return Load(w.Finish());
       });
  file("operator reading its own output", "itself", [] {
    ModelWriter w;
    int a = w.AddTensor("a", DType::kFloat32, {1});
    w.AddOperator(fb::BuiltinOperator::RELU, {a}, {a});
    w.SetOutputs({a});
    return Load(w.Finish());
  });
  file("per-channel quantization with 2 scales for 3 channels", "scale", [] {
    return Load(Patch(Dense(), [](fb::ModelT& m) {
      auto q = std::make_unique<fb::QuantizationParametersT>();
      q->scale = {0.1f, 0.2f};
      q->zero_point = {0, 0};
      q->quantized_dimension = 0;
      m.subgraphs[0]->tensors[1]->quantization = std::move(q);
    }));
  });
  file("bool constant holding the byte 150", "a bool is 0 or 1", [] {
    ModelWriter w;
    int x = w.AddTensor("x", DType::kFloat32, {1});
    w.AddConstant<uint8_t>("flags", DType::kBool, {2}, {0, 150});
    w.SetInputs({x});
    w.SetOutputs({x});
    return Load(w.Finish());
  });
  file("signature naming subgraph 5 of 1", "subgraph", [] {
    return Load(Patch(Dense(), [](fb::ModelT& m) {
      m.signature_defs[0]->subgraph_index = 5;
    }));
  });
  file("unknown builtin operator code 9999", "9999", [] {
    return Run(Patch(Dense(), [](fb::ModelT& m) {
      m.operator_codes[0]->builtin_code = 9999;
      m.operator_codes[0]->deprecated_builtin_code = 127;
    }));
  });
  file("CALL_ONCE of its own subgraph (self-reference)", "levels deep",
       [] { return Run(SelfCall(fb::BuiltinOperator::CALL_ONCE)); });
  file("IF whose branches are its own subgraph", "takes 2 inputs",
       [] { return Run(SelfCall(fb::BuiltinOperator::IF)); });
  file("two subgraphs whose CALL_ONCEs call each other", "levels deep", [] {
    return Run(CallOnceGraph({1, 0}));
  });
  file("GATHER index 99 into a table of 4 rows (at Invoke)", "99", [] {
    return Call(
        Gather(), "gather.tflite",
        [](Interpreter& in) {
          Tensor idx = Tensor::Owned(DType::kInt32, {1});
          idx.data_as<int32_t>()[0] = 99;
          LITERT_RETURN_IF_ERROR(in.SetInput(0, 0, idx));
          return in.Invoke();
        },
        /*allocate=*/false);
  });

  // --- Limits.
  auto limit = [&](std::string input, std::string expect,
                   std::function<std::string()> run) {
    c.push_back({"limit", std::move(input), std::move(expect), std::move(run)});
  };
  limit("input [65536, 65536] float32 = 16 GiB (default 4 GiB per tensor)",
        "max_tensor_bytes", [] {
          return Run(Relu({65536, 65536}, {}));
        });
  limit("activations over max_arena_bytes = 1 MiB", "max_arena_bytes", [] {
    return Run(Relu({512, 1024}, {}),
               WithLimits([](auto& l) { l.max_arena_bytes = 1 << 20; }));
  });
  limit("rank 5 tensor with max_rank = 4", "max_rank", [] {
    return Run(Relu({1, 1, 1, 1, 4}, {}),
               WithLimits([](auto& l) { l.max_rank = 4; }));
  });
  limit(
      "a model of 1 operator with max_ops = 0... (options refused)", "max_ops",
      [] { return Run(Dense(), WithLimits([](auto& l) { l.max_ops = 0; })); });
  limit("a WHILE loop that never ends (max_while_iterations = 1000)",
        "max_while_iterations", [] {
          return Run(EndlessWhile(), WithLimits([](auto& l) {
                       l.max_while_iterations = 1000;
                     }));
        });
  limit("CALL_ONCE nested 3 deep with max_subgraph_depth = 2",
        "max_subgraph_depth", [] {
          return Run(CallOnceGraph({1, 2, 3, -1}),
                     WithLimits([](auto& l) { l.max_subgraph_depth = 2; }));
        });

  // --- C++ API misuse.
  auto api = [&](std::string input, std::string expect,
                 std::function<std::string()> run) {
    c.push_back(
        {"C++ API", std::move(input), std::move(expect), std::move(run)});
  };
  api("missing file", "/no/such/model.tflite", [] {
    auto m = Model::Load("/no/such/model.tflite");
    return m.ok() ? std::string() : m.status().message();
  });
  api("SetInput with int8 data for a float32 input", "float32", [] {
    return DenseCall([](Interpreter& in) {
      return in.SetInput(0, 0, Tensor::Owned(DType::kInt8, {1, 4}));
    });
  });
  api("SetInput with shape [2, 4] for a [1, 4] input", "[2, 4]", [] {
    return DenseCall([](Interpreter& in) {
      return in.SetInput(0, 0, Tensor::Owned(DType::kFloat32, {2, 4}));
    });
  });
  api("SetInput of input position 3 (the model has 1)", "no input 3", [] {
    return DenseCall([](Interpreter& in) {
      return in.SetInput(0, 3, Tensor::Owned(DType::kFloat32, {1, 4}));
    });
  });
  api("SetInput with a tensor that has no data", "no data", [] {
    return DenseCall([](Interpreter& in) {
      return in.SetInput(
          0, 0,
          Tensor::View(DType::kFloat32, {1, 4}, static_cast<void*>(nullptr)));
    });
  });
  api("Invoke of subgraph 7 (the model has 1)", "no subgraph 7",
      [] { return DenseCall([](Interpreter& in) { return in.Invoke(7); }); });
  api("Output before AllocateTensors", "AllocateTensors", [] {
    return DenseCall([](Interpreter& in) { return in.Output(0, 0).status(); },
                     /*allocate=*/false);
  });
  api("ResizeInput to [-1, 4]", "negative dimension", [] {
    return Call(
        Relu(), "relu.tflite",
        [](Interpreter& in) {
          return in.ResizeInput(0, 0, {-1, 4});
        },
        /*allocate=*/false);
  });
  api("ResizeInput to [2^31-1, 4] then AllocateTensors", "max_tensor_bytes",
      [] {
        return Call(
            Relu(), "relu.tflite",
            [](Interpreter& in) {
              LITERT_RETURN_IF_ERROR(in.ResizeInput(0, 0, {0x7fffffff, 4}));
              return in.AllocateTensors();
            },
            /*allocate=*/false);
      });
  api("ResizeInput to rank 3 for a rank-2 input", "rank 2", [] {
    return Call(
        Relu(), "relu.tflite",
        [](Interpreter& in) {
          return in.ResizeInput(0, 0, {1, 1, 4});
        },
        /*allocate=*/false);
  });
  api("ResizeInput of a fixed dimension", "fixed dimension", [] {
    return DenseCall([](Interpreter& in) {
      return in.ResizeInput(0, 0, {1, 5});
    });
  });
  api("two threads calling Invoke on one interpreter", "another thread",
      [] { return ConcurrentInvoke(); });
  api("num_threads = 0", "num_threads", [] {
    InterpreterOptions o;
    o.num_threads = 0;
    return Run(Dense(), o);
  });
  api("limits.max_rank = 20 (over the loader's 16)", "max_rank", [] {
    return Run(Dense(), WithLimits([](auto& l) { l.max_rank = 20; }));
  });
  api("Manager::Generate before LoadModel", "no model is loaded", [] {
    Manager m;
    auto r = m.Generate({});
    return r.ok() ? std::string() : r.status().message();
  });
  api("Manager::Generate after Unload", "no model is loaded", [] {
    Manager m;
    if (Status s = LoadDense(m); !s.ok()) return "load failed: " + s.message();
    m.Unload();
    Tensor x = Tensor::Owned(DType::kFloat32, {1, 4});
    auto r = m.Generate({{"x", x}});
    return r.ok() ? std::string() : r.status().message();
  });
  api("Manager::Generate with an unknown input name", "unknown input 'z'", [] {
    Manager m;
    if (Status s = LoadDense(m); !s.ok()) {
      return "load failed: " + s.message();
    }
    auto r = m.Generate({{"z", Tensor::Owned(DType::kFloat32, {1, 4})}});
    return r.ok() ? std::string() : r.status().message();
  });
  return c;
}

}  // namespace litert::robustness
