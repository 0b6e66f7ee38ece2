#include "model/verifier.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <vector>

#include "flatbuffers/flatbuffers.h"
#include "litert/tensor.h"
#include "schema/tflite_generated.h"

namespace litert {
namespace {

// Collects the context of an error: "<file>: subgraph 0, operator 3 (CONV_2D):
// ...".
class Checker {
 public:
  Checker(const std::string& name, const fb::Model* model, const uint8_t* file,
          size_t file_size)
      : name_(name), model_(model), file_(file), file_size_(file_size) {}

  Status Run() {
    LITERT_RETURN_IF_ERROR(CheckBuffers());
    const auto* subgraphs = model_->subgraphs();
    if (subgraphs == nullptr || subgraphs->size() == 0) {
      return Fail("the model has no subgraphs");
    }
    for (uint32_t s = 0; s < subgraphs->size(); ++s) {
      LITERT_RETURN_IF_ERROR(CheckSubgraph(s, subgraphs->Get(s)));
    }
    LITERT_RETURN_IF_ERROR(CheckOperatorCodes());
    return CheckSignatures();
  }

 private:
  Status Fail(const std::string& what) const {
    return Status::Error(name_ + ": " + what);
  }

  uint32_t NumBuffers() const {
    return model_->buffers() ? model_->buffers()->size() : 0;
  }

  Status CheckBuffers() {
    if (model_->buffers() == nullptr) return Status::Ok();
    for (uint32_t i = 0; i < model_->buffers()->size(); ++i) {
      const fb::Buffer* b = model_->buffers()->Get(i);
      if (b == nullptr) return Fail("buffer " + std::to_string(i) + " is null");
      if (b->offset() > 1) {
        if (b->offset() > file_size_ || b->size() > file_size_ - b->offset()) {
          return Fail("buffer " + std::to_string(i) + " points at bytes [" +
                      std::to_string(b->offset()) + ", " +
                      std::to_string(b->offset() + b->size()) +
                      ") outside the file of " + std::to_string(file_size_) +
                      " bytes");
        }
      }
    }
    if (model_->metadata() != nullptr) {
      for (uint32_t i = 0; i < model_->metadata()->size(); ++i) {
        const auto* md = model_->metadata()->Get(i);
        if (md->buffer() >= NumBuffers()) {
          return Fail("metadata " + std::to_string(i) + " names buffer " +
                      std::to_string(md->buffer()) + " but the model has " +
                      std::to_string(NumBuffers()));
        }
      }
    }
    return Status::Ok();
  }

  const uint8_t* BufferData(uint32_t index) const {
    const fb::Buffer* b = model_->buffers()->Get(index);
    if (b->offset() > 1) return file_ + b->offset();
    return b->data() ? b->data()->data() : nullptr;
  }

  size_t BufferBytes(uint32_t index) const {
    const fb::Buffer* b = model_->buffers()->Get(index);
    if (b->offset() > 1) return b->size();
    return b->data() ? b->data()->size() : 0;
  }

  Status CheckTensor(const std::string& where, const fb::Tensor* t) {
    if (t == nullptr) return Fail(where + " is null");
    const auto type = static_cast<int>(t->type());
    if (type < 0 || type > static_cast<int>(fb::TensorType::MAX)) {
      return Fail(where + " has unknown element type " + std::to_string(type));
    }
    int64_t elements = 1;
    if (t->shape() != nullptr) {
      if (t->shape()->size() > kMaxTensorRank) {
        return Fail(where + " has rank " + std::to_string(t->shape()->size()) +
                    ", more than the limit of " +
                    std::to_string(kMaxTensorRank));
      }
      for (int32_t d : *t->shape()) {
        if (d < 0) {
          return Fail(where + " has a negative dimension " + std::to_string(d) +
                      " in its shape");
        }
        if (d > 0 && elements > kMaxTensorElements / d) {
          return Fail(where + " has more than 2^40 elements");
        }
        elements *= d;
      }
    }
    if (t->shape_signature() != nullptr) {
      if (t->shape_signature()->size() > kMaxTensorRank) {
        return Fail(where + " has a shape signature of rank over " +
                    std::to_string(kMaxTensorRank));
      }
      for (int32_t d : *t->shape_signature()) {
        if (d < -1) {
          return Fail(where + " has an invalid dimension " + std::to_string(d) +
                      " in its shape signature");
        }
      }
    }
    if (t->buffer() >= NumBuffers() &&
        !(t->buffer() == 0 && NumBuffers() == 0)) {
      return Fail(where + " names buffer " + std::to_string(t->buffer()) +
                  " but the model has " + std::to_string(NumBuffers()));
    }
    const size_t have = NumBuffers() ? BufferBytes(t->buffer()) : 0;
    const DType dtype = static_cast<DType>(type);
    // Sparse tensors store compressed values; strings have variable size.
    if (have > 0 && t->sparsity() == nullptr && dtype != DType::kString &&
        (DTypeSize(dtype) > 0 || dtype == DType::kInt4)) {
      const size_t need = BytesForElements(dtype, elements);
      if (have != need) {
        std::string shape = "[";
        if (t->shape()) {
          for (uint32_t i = 0; i < t->shape()->size(); ++i) {
            shape += (i ? ", " : "") + std::to_string(t->shape()->Get(i));
          }
        }
        shape += "]";
        return Fail(where + " has shape " + shape + " of " + DTypeName(dtype) +
                    " (" + std::to_string(need) + " bytes) but its buffer " +
                    std::to_string(t->buffer()) + " holds " +
                    std::to_string(have) + " bytes");
      }
    }
    if (have > 0 && dtype == DType::kBool) {
      // Kernels read bools as C++ bool: a byte other than 0 or 1 is not one.
      const uint8_t* b = BufferData(t->buffer());
      for (size_t i = 0; i < have; ++i) {
        if (b[i] > 1) {
          return Fail(where + " (bool) holds byte " + std::to_string(b[i]) +
                      " at element " + std::to_string(i) +
                      "; a bool is 0 or 1");
        }
      }
    }
    if (have > 0 && dtype == DType::kString) {
      const std::string bad =
          CheckStringTensor(BufferData(t->buffer()), have, elements);
      if (!bad.empty()) {
        return Fail(where + " (string) buffer " + std::to_string(t->buffer()) +
                    ": " + bad);
      }
    }
    if (const auto* q = t->quantization()) {
      const size_t ns = q->scale() ? q->scale()->size() : 0;
      const size_t nz = q->zero_point() ? q->zero_point()->size() : 0;
      // The flatbuffer verifier checks where a vector starts, not that its
      // 64-bit elements are 8-byte aligned; writers always align them.
      if (nz > 0 &&
          reinterpret_cast<uintptr_t>(q->zero_point()->data()) % 8 != 0) {
        return Fail(where +
                    " has zero points at a misaligned offset (the file is "
                    "corrupt)");
      }
      if (ns > 0 && nz > 0 && ns != nz) {
        return Fail(where + " has " + std::to_string(ns) +
                    " quantization scales but " + std::to_string(nz) +
                    " zero points");
      }
      if (ns > 1) {
        const int rank = t->shape() ? static_cast<int>(t->shape()->size()) : 0;
        const int qd = q->quantized_dimension();
        // Some converters leave a stale quantized_dimension on rank-1 biases;
        // the scales then run along the only dimension, and that is how such
        // files are read.
        const bool stale_rank1 =
            rank == 1 && static_cast<int64_t>(ns) == t->shape()->Get(0);
        if ((qd < 0 || qd >= rank) && !stale_rank1) {
          return Fail(where + " is quantized per channel along dimension " +
                      std::to_string(qd) + " but has rank " +
                      std::to_string(rank));
        }
        if (!stale_rank1 && static_cast<int64_t>(ns) != t->shape()->Get(qd)) {
          return Fail(where + " has " + std::to_string(ns) +
                      " per-channel scales but dimension " +
                      std::to_string(qd) + " is " +
                      std::to_string(t->shape()->Get(qd)));
        }
      }
    }
    return Status::Ok();
  }

  Status CheckSubgraph(uint32_t s, const fb::SubGraph* sg) {
    const std::string sg_where = "subgraph " + std::to_string(s);
    if (sg == nullptr) return Fail(sg_where + " is null");
    const uint32_t num_tensors = sg->tensors() ? sg->tensors()->size() : 0;
    for (uint32_t i = 0; i < num_tensors; ++i) {
      const fb::Tensor* t = sg->tensors()->Get(i);
      std::string where = sg_where + ", tensor " + std::to_string(i);
      if (t != nullptr && t->name() != nullptr)
        where += " '" + t->name()->str() + "'";
      LITERT_RETURN_IF_ERROR(CheckTensor(where, t));
    }
    auto check_list = [&](const flatbuffers::Vector<int32_t>* list,
                          const std::string& what,
                          bool allow_omitted) -> Status {
      if (list == nullptr) return Status::Ok();
      for (uint32_t k = 0; k < list->size(); ++k) {
        const int32_t idx = list->Get(k);
        if ((idx == -1 && allow_omitted)) continue;
        if (idx < 0 || static_cast<uint32_t>(idx) >= num_tensors) {
          return Fail(sg_where + ", " + what + " " + std::to_string(k) +
                      " is tensor " + std::to_string(idx) +
                      " but the subgraph has " + std::to_string(num_tensors) +
                      " tensors");
        }
      }
      return Status::Ok();
    };
    LITERT_RETURN_IF_ERROR(check_list(sg->inputs(), "input", false));
    LITERT_RETURN_IF_ERROR(check_list(sg->outputs(), "output", false));

    const uint32_t num_ops = sg->operators() ? sg->operators()->size() : 0;
    const uint32_t num_codes =
        model_->operator_codes() ? model_->operator_codes()->size() : 0;
    // producer[t]: the operator that writes tensor t, or -1.
    std::vector<int> producer(num_tensors, -1);
    for (uint32_t o = 0; o < num_ops; ++o) {
      const fb::Operator* op = sg->operators()->Get(o);
      const std::string where = sg_where + ", operator " + std::to_string(o);
      if (op == nullptr) return Fail(where + " is null");
      if (op->opcode_index() >= num_codes) {
        return Fail(where + " uses operator code " +
                    std::to_string(op->opcode_index()) + " but the model has " +
                    std::to_string(num_codes));
      }
      LITERT_RETURN_IF_ERROR(check_list(
          op->inputs(), "operator " + std::to_string(o) + " input", true));
      // Kernels write every output: an omitted one (-1) is an error, where an
      // omitted input is an optional one.
      LITERT_RETURN_IF_ERROR(check_list(
          op->outputs(), "operator " + std::to_string(o) + " output", false));
      LITERT_RETURN_IF_ERROR(
          check_list(op->intermediates(),
                     "operator " + std::to_string(o) + " intermediate", true));
      if (op->outputs() == nullptr) continue;
      for (int32_t t : *op->outputs()) {
        if (t < 0) continue;
        if (producer[t] >= 0) {
          return Fail(where + " writes tensor " + std::to_string(t) +
                      " which operator " + std::to_string(producer[t]) +
                      " also writes");
        }
        producer[t] = static_cast<int>(o);
      }
    }
    // Operators run in file order: reading a tensor that the same or a later
    // operator writes means the graph has a cycle (or is out of order).
    for (uint32_t o = 0; o < num_ops; ++o) {
      const fb::Operator* op = sg->operators()->Get(o);
      if (op->inputs() == nullptr) continue;
      for (int32_t t : *op->inputs()) {
        if (t >= 0 && producer[t] >= static_cast<int>(o)) {
          return Fail(sg_where + ", operator " + std::to_string(o) +
                      " reads tensor " + std::to_string(t) +
                      " which operator " + std::to_string(producer[t]) +
                      (producer[t] == static_cast<int>(o) ? " (itself)" : "") +
                      " writes: the graph has a cycle");
        }
      }
    }
    return Status::Ok();
  }

  Status CheckOperatorCodes() {
    if (model_->operator_codes() == nullptr) return Status::Ok();
    for (uint32_t i = 0; i < model_->operator_codes()->size(); ++i) {
      const auto* c = model_->operator_codes()->Get(i);
      if (c == nullptr)
        return Fail("operator code " + std::to_string(i) + " is null");
      if (c->version() < 1) {
        return Fail("operator code " + std::to_string(i) +
                    " has invalid version " + std::to_string(c->version()));
      }
    }
    return Status::Ok();
  }

  Status CheckSignatures() {
    const auto* sigs = model_->signature_defs();
    if (sigs == nullptr) return Status::Ok();
    const uint32_t num_sg = model_->subgraphs()->size();
    for (uint32_t i = 0; i < sigs->size(); ++i) {
      const auto* sig = sigs->Get(i);
      const std::string where = "signature " + std::to_string(i);
      if (sig == nullptr) return Fail(where + " is null");
      if (sig->subgraph_index() >= num_sg) {
        return Fail(where + " runs subgraph " +
                    std::to_string(sig->subgraph_index()) +
                    " but the model has " + std::to_string(num_sg));
      }
      const auto* sg = model_->subgraphs()->Get(sig->subgraph_index());
      const uint32_t nt = sg->tensors() ? sg->tensors()->size() : 0;
      for (const auto* maps : {sig->inputs(), sig->outputs()}) {
        if (maps == nullptr) continue;
        for (uint32_t k = 0; k < maps->size(); ++k) {
          const auto* m = maps->Get(k);
          if (m == nullptr || m->tensor_index() >= nt) {
            return Fail(where + " maps a name to a tensor outside subgraph " +
                        std::to_string(sig->subgraph_index()));
          }
        }
      }
    }
    return Status::Ok();
  }

  const std::string& name_;
  const fb::Model* model_;
  const uint8_t* file_;
  size_t file_size_;
};

}  // namespace

Result<const fb::Model*> VerifyModel(const std::string& name,
                                     const uint8_t* data, size_t size) {
  if (size < 8) {
    return Status::Error(name + ": " + std::to_string(size) +
                         " bytes is too short to be a .tflite model");
  }
  if (std::memcmp(data, "LITERTLM", 8) == 0) {
    return Status::Error(
        name +
        ": this is a .litertlm bundle (an LLM package), not a .tflite model; "
        "litert cannot open bundles yet");
  }
  if (std::memcmp(data, "PK\x03\x04", 4) == 0) {
    return Status::Error(
        name +
        ": this is a zip archive (a .task bundle?), not a .tflite model");
  }
  if (std::memcmp(data + 4, "TFL3", 4) != 0) {
    return Status::Error(
        name + ": not a .tflite model (no 'TFL3' identifier at byte 4)");
  }
  // Flatbuffer offsets are 32-bit: buffers past 2 GB are stored by offset/size
  // after it.
  const size_t fb_size =
      std::min<size_t>(size, FLATBUFFERS_MAX_BUFFER_SIZE - 1);
  flatbuffers::Verifier::Options opts;
  opts.max_depth = 128;
  opts.max_tables = 100'000'000;
  flatbuffers::Verifier verifier(data, fb_size, opts);
  if (!fb::VerifyModelBuffer(verifier)) {
    return Status::Error(
        name +
        ": the flatbuffer is corrupt (an offset or length points outside the "
        "file, or a table is malformed)");
  }
  const fb::Model* model = fb::GetModel(data);
  Checker checker(name, model, data, size);
  LITERT_RETURN_IF_ERROR(checker.Run());
  return model;
}

}  // namespace litert
