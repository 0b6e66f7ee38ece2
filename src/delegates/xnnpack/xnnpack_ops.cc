// litert nodes as XNNPACK subgraph nodes: which builtin ops, types and
// options map onto this XNNPACK version's subgraph API, and how.
//
// XNNPACK itself checks datatypes and shapes when a node is defined; a node
// it refuses stays on litert's kernels.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/graph.h"
#include "delegates/xnnpack/xnnpack_builder.h"
#include "ops/op_util.h"
#include "schema/tflite_generated.h"

namespace litert {
namespace {

using BOp = fb::BuiltinOperator;
constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr uint32_t kNone = XNN_INVALID_VALUE_ID;

Status Refuse(const std::string& why) { return Status::Error(why); }

Status Check(xnn_status s, const char* what) {
  if (s == xnn_status_success) return Status::Ok();
  return Refuse(std::string("XNNPACK refused ") + what + " (status " +
                std::to_string(static_cast<int>(s)) + ")");
}

// The output range of a fused activation; false for ones XNNPACK lacks.
bool ActivationRange(int activation, float* lo, float* hi) {
  switch (static_cast<fb::ActivationFunctionType>(activation)) {
    case fb::ActivationFunctionType::NONE:
      *lo = -kInf, *hi = kInf;
      return true;
    case fb::ActivationFunctionType::RELU:
      *lo = 0, *hi = kInf;
      return true;
    case fb::ActivationFunctionType::RELU_N1_TO_1:
      *lo = -1, *hi = 1;
      return true;
    case fb::ActivationFunctionType::RELU6:
      *lo = 0, *hi = 6;
      return true;
    default:
      return false;
  }
}

// TensorFlow's SAME/VALID padding of one spatial axis (op_util.h, as the
// builtin kernels compute it): (before, after).
struct Pad {
  uint32_t before = 0, after = 0;
};
Pad PaddingFor(int padding, int in, int k, int stride, int dilation) {
  const WindowDim w =
      ComputeWindow(static_cast<PaddingType>(padding), in, k, stride, dilation);
  return {static_cast<uint32_t>(w.pad_before),
          static_cast<uint32_t>(w.pad_after)};
}

bool IsQuantized(const RtTensor& t) {
  return t.type == DType::kInt8 || t.type == DType::kUInt8;
}

// Every value a node needs; false when one has no XNNPACK datatype.
bool Have(std::initializer_list<uint32_t> ids) {
  for (uint32_t id : ids) {
    if (id == kNone) return false;
  }
  return true;
}

struct NodeRef {
  XnnBuilder& b;
  const Node& node;
  const fb::Operator* op;
  int in(int i) const {
    return i < static_cast<int>(node.inputs.size()) ? node.inputs[i] : -1;
  }
  int out(int i) const { return node.outputs[i]; }
  const RtTensor& t(int index) const { return b.tensor(index); }
};

// The values of a weighted op: input, filter, optional bias, output.
struct WeightedIds {
  uint32_t x, w, b, y;
};
bool WeightedValues(NodeRef& n, int input, int filter, int bias, XnnRole role,
                    WeightedIds* ids) {
  ids->x = n.b.Value(input);
  ids->w = n.b.Value(filter, role);
  ids->b = bias < 0 ? kNone : n.b.Value(bias, XnnRole::kBias, input, filter);
  ids->y = n.b.Value(n.out(0));
  return Have({ids->x, ids->w, ids->y}) && (bias < 0 || ids->b != kNone);
}

Status DefineConv(NodeRef& n, bool depthwise) {
  const int input = n.in(0), filter = n.in(1), bias = n.in(2);
  const RtTensor& x = n.t(input);
  const RtTensor& w = n.t(filter);
  const RtTensor& y = n.t(n.out(0));
  if (!w.is_constant() || (bias >= 0 && !n.t(bias).is_constant())) {
    return Refuse("weights are not constant");
  }
  if (x.rank() != 4 || w.rank() != 4 || y.rank() != 4) {
    return Refuse("not 4-D");
  }
  if (w.type != x.type) return Refuse("hybrid weights");
  int padding, stride_w, stride_h, dil_w, dil_h, act;
  int depth_multiplier = 1;
  if (depthwise) {
    const auto* o = n.op->builtin_options_as_DepthwiseConv2DOptions();
    if (o == nullptr) return Refuse("no options");
    padding = o->padding(), stride_w = o->stride_w(), stride_h = o->stride_h();
    dil_w = o->dilation_w_factor(), dil_h = o->dilation_h_factor();
    act = o->fused_activation_function();
    if (x.dim(3) == 0 || y.dim(3) % x.dim(3) != 0) {
      return Refuse("channels");
    }
    depth_multiplier = y.dim(3) / x.dim(3);
  } else {
    const auto* o = n.op->builtin_options_as_Conv2DOptions();
    if (o == nullptr) return Refuse("no options");
    padding = o->padding(), stride_w = o->stride_w(), stride_h = o->stride_h();
    dil_w = o->dilation_w_factor(), dil_h = o->dilation_h_factor();
    act = o->fused_activation_function();
  }
  float lo, hi;
  if (!ActivationRange(act, &lo, &hi)) return Refuse("activation");
  const int kh = w.dim(1), kw = w.dim(2);
  const Pad ph = PaddingFor(padding, x.dim(1), kh, stride_h, dil_h);
  const Pad pw = PaddingFor(padding, x.dim(2), kw, stride_w, dil_w);
  WeightedIds v;
  if (!WeightedValues(n, input, filter, bias,
                      depthwise ? XnnRole::kDepthwiseFilter : XnnRole::kFilter,
                      &v)) {
    return Refuse("types");
  }
  const uint32_t xi = v.x, wi = v.w, bi = v.b, yi = v.y;
  if (depthwise) {
    return Check(xnn_define_depthwise_convolution_2d(
                     n.b.subgraph(), ph.before, pw.after, ph.after, pw.before,
                     kh, kw, stride_h, stride_w, dil_h, dil_w, depth_multiplier,
                     x.dim(3), lo, hi, xi, wi, bi, yi, 0),
                 "DEPTHWISE_CONV_2D");
  }
  if (w.dim(3) == 0 || x.dim(3) % w.dim(3) != 0) return Refuse("groups");
  const int groups = x.dim(3) / w.dim(3);
  if (w.dim(0) % groups != 0) return Refuse("groups");
  return Check(xnn_define_convolution_2d(
                   n.b.subgraph(), ph.before, pw.after, ph.after, pw.before, kh,
                   kw, stride_h, stride_w, dil_h, dil_w, groups, w.dim(3),
                   w.dim(0) / groups, lo, hi, xi, wi, bi, yi, 0),
               "CONV_2D");
}

Status DefineTransposeConv(NodeRef& n) {
  const int filter = n.in(1), input = n.in(2), bias = n.in(3);
  const RtTensor& x = n.t(input);
  const RtTensor& w = n.t(filter);
  const RtTensor& y = n.t(n.out(0));
  const auto* o = n.op->builtin_options_as_TransposeConvOptions();
  if (o == nullptr || !w.is_constant() ||
      (bias >= 0 && !n.t(bias).is_constant()) || x.rank() != 4 ||
      w.rank() != 4 || y.rank() != 4 || w.dim(3) != x.dim(3)) {
    return Refuse("TRANSPOSE_CONV shape or weights");
  }
  float lo, hi;
  if (!ActivationRange(o->fused_activation_function(), &lo, &hi)) {
    return Refuse("activation");
  }
  // Output = (in - 1) * stride + k - (pad_before + pad_after) + adjustment.
  Pad pad[2];
  uint32_t adjust[2];
  const int stride[2] = {o->stride_h(), o->stride_w()};
  for (int a = 0; a < 2; ++a) {
    const int in = x.dim(1 + a), out = y.dim(1 + a), k = w.dim(1 + a);
    const int64_t full = int64_t{in - 1} * stride[a] + k;
    int64_t total = 0;
    if (static_cast<fb::Padding>(o->padding()) == fb::Padding::SAME) {
      total = std::max<int64_t>(full - out, 0);
    }
    const int64_t adj = out - (full - total);
    if (adj < 0 || adj >= stride[a]) return Refuse("TRANSPOSE_CONV padding");
    pad[a].before = static_cast<uint32_t>(total / 2);
    pad[a].after = static_cast<uint32_t>(total - total / 2);
    adjust[a] = static_cast<uint32_t>(adj);
  }
  WeightedIds v;
  if (!WeightedValues(n, input, filter, bias, XnnRole::kFilter, &v)) {
    return Refuse("types");
  }
  const uint32_t xi = v.x, wi = v.w, bi = v.b, yi = v.y;
  return Check(
      xnn_define_deconvolution_2d(
          n.b.subgraph(), pad[0].before, pad[1].after, pad[0].after,
          pad[1].before, adjust[0], adjust[1], w.dim(1), w.dim(2), stride[0],
          stride[1], 1, 1, 1, x.dim(3), w.dim(0), lo, hi, xi, wi, bi, yi, 0),
      "TRANSPOSE_CONV");
}

Status DefineFullyConnected(NodeRef& n) {
  const int input = n.in(0), filter = n.in(1), bias = n.in(2);
  const auto* o = n.op->builtin_options_as_FullyConnectedOptions();
  const RtTensor& x = n.t(input);
  const RtTensor& w = n.t(filter);
  const RtTensor& y = n.t(n.out(0));
  if (o == nullptr || o->weights_format() != 0 || !w.is_constant() ||
      w.rank() != 2 || (bias >= 0 && !n.t(bias).is_constant()) ||
      n.node.outputs.size() != 1) {
    return Refuse("FULLY_CONNECTED weights");
  }
  if (w.type != x.type) return Refuse("hybrid weights");
  float lo, hi;
  if (!ActivationRange(o->fused_activation_function(), &lo, &hi)) {
    return Refuse("activation");
  }
  uint32_t flags = 0;
  if (!o->keep_num_dims()) {
    if (y.rank() != 2) return Refuse("output rank");
    flags = XNN_FLAG_TENSORFLOW_RESHAPE_2D;
  }
  WeightedIds v;
  if (!WeightedValues(n, input, filter, bias, XnnRole::kFilter, &v)) {
    return Refuse("types");
  }
  const uint32_t xi = v.x, wi = v.w, bi = v.b, yi = v.y;
  return Check(
      xnn_define_fully_connected(n.b.subgraph(), lo, hi, xi, wi, bi, yi, flags),
      "FULLY_CONNECTED");
}

Status DefinePool(NodeRef& n, bool max) {
  const auto* o = n.op->builtin_options_as_Pool2DOptions();
  const RtTensor& x = n.t(n.in(0));
  const RtTensor& y = n.t(n.out(0));
  if (o == nullptr || x.rank() != 4 || y.rank() != 4) return Refuse("pool");
  float lo, hi;
  if (!ActivationRange(o->fused_activation_function(), &lo, &hi)) {
    return Refuse("activation");
  }
  const int kh = o->filter_height(), kw = o->filter_width();
  const Pad ph = PaddingFor(o->padding(), x.dim(1), kh, o->stride_h(), 1);
  const Pad pw = PaddingFor(o->padding(), x.dim(2), kw, o->stride_w(), 1);
  const uint32_t xi = n.b.Value(n.in(0)), yi = n.b.Value(n.out(0));
  if (!Have({xi, yi})) return Refuse("types");
  if (kh == 1 && kw == 1) {  // a 1x1 window only subsamples
    if (o->stride_h() != 1 || o->stride_w() != 1) return Refuse("1x1 pool");
    return Check(xnn_define_clamp(n.b.subgraph(), lo, hi, xi, yi, 0),
                 "1x1 pooling");
  }
  if (max) {
    return Check(
        xnn_define_max_pooling_2d(n.b.subgraph(), ph.before, pw.after, ph.after,
                                  pw.before, kh, kw, o->stride_h(),
                                  o->stride_w(), 1, 1, lo, hi, xi, yi, 0),
        "MAX_POOL_2D");
  }
  return Check(xnn_define_average_pooling_2d(
                   n.b.subgraph(), ph.before, pw.after, ph.after, pw.before, kh,
                   kw, o->stride_h(), o->stride_w(), lo, hi, xi, yi, 0),
               "AVERAGE_POOL_2D");
}

// MEAN over height and width of a 4-D tensor: global average pooling.
Status DefineMean(NodeRef& n) {
  const RtTensor& x = n.t(n.in(0));
  const RtTensor& axes = n.t(n.in(1));
  const RtTensor& y = n.t(n.out(0));
  if (x.rank() != 4 || !axes.is_constant() || axes.type != DType::kInt32 ||
      axes.num_elements() != 2) {
    return Refuse("MEAN axes");
  }
  const int a0 = axes.as<int32_t>()[0], a1 = axes.as<int32_t>()[1];
  if (!((a0 == 1 && a1 == 2) || (a0 == 2 && a1 == 1))) {
    return Refuse("MEAN axes");
  }
  const uint32_t xi = n.b.Value(n.in(0));
  if (xi == kNone) return Refuse("types");
  if (y.rank() == 4) {
    const uint32_t yi = n.b.Value(n.out(0));
    if (yi == kNone) return Refuse("types");
    return Check(xnn_define_global_average_pooling_2d(n.b.subgraph(), -kInf,
                                                      kInf, xi, yi, 0),
                 "MEAN");
  }
  if (y.rank() != 2) return Refuse("MEAN rank");
  // [N, C] = reshape of the pooled [N, 1, 1, C].
  const std::vector<size_t> pooled = {static_cast<size_t>(y.dim(0)), 1, 1,
                                      static_cast<size_t>(y.dim(1))};
  const uint32_t mid = n.b.ValueWithDims(n.out(0), pooled, /*internal=*/true);
  const uint32_t yi = n.b.Value(n.out(0));
  if (!Have({mid, yi})) return Refuse("types");
  LITERT_RETURN_IF_ERROR(Check(xnn_define_global_average_pooling_2d(
                                   n.b.subgraph(), -kInf, kInf, xi, mid, 0),
                               "MEAN"));
  const size_t dims[2] = {static_cast<size_t>(y.dim(0)),
                          static_cast<size_t>(y.dim(1))};
  return Check(xnn_define_static_reshape(n.b.subgraph(), 2, dims, mid, yi, 0),
               "MEAN reshape");
}

Status DefineBinary(NodeRef& n, BOp code) {
  int act = 0;
  switch (code) {
    case BOp::ADD:
      if (const auto* o = n.op->builtin_options_as_AddOptions())
        act = o->fused_activation_function();
      break;
    case BOp::SUB:
      if (const auto* o = n.op->builtin_options_as_SubOptions())
        act = o->fused_activation_function();
      break;
    case BOp::MUL:
      if (const auto* o = n.op->builtin_options_as_MulOptions())
        act = o->fused_activation_function();
      break;
    case BOp::DIV:
      if (const auto* o = n.op->builtin_options_as_DivOptions())
        act = o->fused_activation_function();
      break;
    default:
      break;
  }
  float lo, hi;
  if (!ActivationRange(act, &lo, &hi)) return Refuse("activation");
  const RtTensor& a = n.t(n.in(0));
  const RtTensor& c = n.t(n.in(1));
  if (a.rank() > 4 || c.rank() > 4) return Refuse("rank");
  const uint32_t ai = n.b.Value(n.in(0)), ci = n.b.Value(n.in(1));
  const uint32_t yi = n.b.Value(n.out(0));
  if (!Have({ai, ci, yi})) return Refuse("types");
  xnn_subgraph_t s = n.b.subgraph();
  switch (code) {
    case BOp::ADD:
      return Check(xnn_define_add2(s, lo, hi, ai, ci, yi, 0), "ADD");
    case BOp::SUB:
      return Check(xnn_define_subtract(s, lo, hi, ai, ci, yi, 0), "SUB");
    case BOp::MUL:
      return Check(xnn_define_multiply2(s, lo, hi, ai, ci, yi, 0), "MUL");
    case BOp::DIV:
      return Check(xnn_define_divide(s, lo, hi, ai, ci, yi, 0), "DIV");
    case BOp::MAXIMUM:
      return Check(xnn_define_maximum2(s, ai, ci, yi, 0), "MAXIMUM");
    case BOp::MINIMUM:
      return Check(xnn_define_minimum2(s, ai, ci, yi, 0), "MINIMUM");
    case BOp::SQUARED_DIFFERENCE:
      return Check(xnn_define_squared_difference(s, ai, ci, yi, 0),
                   "SQUARED_DIFFERENCE");
    default:
      return Refuse("op");
  }
}

// Ops of one float input and one output.
Status DefineUnary(NodeRef& n, BOp code) {
  const RtTensor& x = n.t(n.in(0));
  const RtTensor& y = n.t(n.out(0));
  const bool quantized = IsQuantized(x);
  const uint32_t xi = n.b.Value(n.in(0)), yi = n.b.Value(n.out(0));
  if (!Have({xi, yi})) return Refuse("types");
  xnn_subgraph_t s = n.b.subgraph();
  // Clamps keep the quantization of their input.
  auto clamp = [&](float lo, float hi, const char* name) {
    if (quantized && (x.type != y.type || x.quant.scale != y.quant.scale ||
                      x.quant.zero_point != y.quant.zero_point)) {
      return Refuse("requantizing clamp");
    }
    return Check(xnn_define_clamp(s, lo, hi, xi, yi, 0), name);
  };
  if (quantized && code != BOp::LOGISTIC && code != BOp::RELU &&
      code != BOp::RELU6 && code != BOp::RELU_N1_TO_1 &&
      code != BOp::RELU_0_TO_1) {
    return Refuse("quantized");
  }
  switch (code) {
    case BOp::RELU:
      return clamp(0, kInf, "RELU");
    case BOp::RELU6:
      return clamp(0, 6, "RELU6");
    case BOp::RELU_N1_TO_1:
      return clamp(-1, 1, "RELU_N1_TO_1");
    case BOp::RELU_0_TO_1:
      return clamp(0, 1, "RELU_0_TO_1");
    case BOp::LOGISTIC:
      return Check(xnn_define_sigmoid(s, xi, yi, 0), "LOGISTIC");
    case BOp::HARD_SWISH:
      return Check(xnn_define_hardswish(s, xi, yi, 0), "HARD_SWISH");
    case BOp::ELU:
      return Check(xnn_define_elu(s, 1.0f, xi, yi, 0), "ELU");
    case BOp::ABS:
      return Check(xnn_define_abs(s, xi, yi, 0), "ABS");
    case BOp::NEG:
      return Check(xnn_define_negate(s, xi, yi, 0), "NEG");
    case BOp::FLOOR:
      return Check(xnn_define_floor(s, xi, yi, 0), "FLOOR");
    case BOp::CEIL:
      return Check(xnn_define_ceiling(s, xi, yi, 0), "CEIL");
    case BOp::ROUND:
      return Check(xnn_define_bankers_rounding(s, xi, yi, 0), "ROUND");
    case BOp::SQUARE:
      return Check(xnn_define_square(s, xi, yi, 0), "SQUARE");
    case BOp::SQRT:
      return Check(xnn_define_square_root(s, xi, yi, 0), "SQRT");
    case BOp::LEAKY_RELU: {
      const auto* o = n.op->builtin_options_as_LeakyReluOptions();
      return Check(xnn_define_leaky_relu(s, o ? o->alpha() : 0.0f, xi, yi, 0),
                   "LEAKY_RELU");
    }
    case BOp::SOFTMAX: {
      const auto* o = n.op->builtin_options_as_SoftmaxOptions();
      if (o == nullptr || o->beta() != 1.0f) return Refuse("beta");
      return Check(xnn_define_softmax(s, xi, yi, 0), "SOFTMAX");
    }
    default:
      return Refuse("op");
  }
}

// Reshape-like ops: the output's shape is all XNNPACK needs.
Status DefineReshape(NodeRef& n) {
  const RtTensor& x = n.t(n.in(0));
  const RtTensor& y = n.t(n.out(0));
  if (x.type != y.type || x.quant.scale != y.quant.scale ||
      x.quant.zero_point != y.quant.zero_point) {
    return Refuse("reshape changes quantization");
  }
  const uint32_t xi = n.b.Value(n.in(0)), yi = n.b.Value(n.out(0));
  if (!Have({xi, yi})) return Refuse("types");
  std::vector<size_t> dims(y.shape.begin(), y.shape.end());
  return Check(xnn_define_static_reshape(n.b.subgraph(), dims.size(),
                                         dims.empty() ? nullptr : dims.data(),
                                         xi, yi, 0),
               "RESHAPE");
}

Status DefinePad(NodeRef& n) {
  const RtTensor& x = n.t(n.in(0));
  const RtTensor& p = n.t(n.in(1));
  if (!p.is_constant() || p.rank() != 2 || p.dim(0) != x.rank() ||
      p.dim(1) != 2 || n.node.inputs.size() > 2) {
    return Refuse("PAD paddings");
  }
  std::vector<size_t> before(x.rank()), after(x.rank());
  for (int d = 0; d < x.rank(); ++d) {
    const int64_t b = p.type == DType::kInt64 ? p.as<int64_t>()[2 * d]
                                              : p.as<int32_t>()[2 * d];
    const int64_t a = p.type == DType::kInt64 ? p.as<int64_t>()[2 * d + 1]
                                              : p.as<int32_t>()[2 * d + 1];
    if (b < 0 || a < 0) return Refuse("negative padding");
    before[d] = static_cast<size_t>(b), after[d] = static_cast<size_t>(a);
  }
  const uint32_t xi = n.b.Value(n.in(0)), yi = n.b.Value(n.out(0));
  if (!Have({xi, yi})) return Refuse("types");
  // 0.0 is the zero point for quantized tensors.
  return Check(xnn_define_static_constant_pad(n.b.subgraph(), before.data(),
                                              after.data(), 0.0f, xi, yi, 0),
               "PAD");
}

Status DefineResizeBilinear(NodeRef& n) {
  const auto* o = n.op->builtin_options_as_ResizeBilinearOptions();
  const RtTensor& y = n.t(n.out(0));
  if (y.rank() != 4) return Refuse("rank");
  uint32_t flags = 0;
  const bool align = o && o->align_corners();
  const bool half = o && o->half_pixel_centers();
  if (align && half) return Refuse("align_corners with half_pixel_centers");
  if (align) flags = XNN_FLAG_ALIGN_CORNERS;
  if (!align && !half) flags = XNN_FLAG_TENSORFLOW_LEGACY_MODE;
  const uint32_t xi = n.b.Value(n.in(0)), yi = n.b.Value(n.out(0));
  if (!Have({xi, yi})) return Refuse("types");
  return Check(xnn_define_static_resize_bilinear_2d(n.b.subgraph(), y.dim(1),
                                                    y.dim(2), xi, yi, flags),
               "RESIZE_BILINEAR");
}

Status DefinePrelu(NodeRef& n) {
  const RtTensor& x = n.t(n.in(0));
  const RtTensor& slope = n.t(n.in(1));
  if (x.rank() != 4 || !slope.is_constant() ||
      slope.num_elements() != x.dim(3) || x.type != DType::kFloat32) {
    return Refuse("PRELU slope");
  }
  for (int d = 0; d + 1 < slope.rank(); ++d) {
    if (slope.dim(d) != 1) return Refuse("PRELU slope");
  }
  const uint32_t xi = n.b.Value(n.in(0)), yi = n.b.Value(n.out(0));
  const uint32_t si = n.b.ValueWithDims(
      n.in(1), {static_cast<size_t>(x.dim(3))}, /*internal=*/true);
  if (!Have({xi, si, yi})) return Refuse("types");
  return Check(xnn_define_prelu(n.b.subgraph(), xi, si, yi, 0), "PRELU");
}

}  // namespace

Status DefineXnnNode(XnnBuilder& b, int node_index) {
  const Node& node = b.graph().nodes[node_index];
  if (node.builtin_code < 0 || node.outputs.empty() || node.inputs.empty()) {
    return Refuse("custom op");
  }
  for (int t : node.outputs) {
    if (t < 0 || b.tensor(t).is_variable) return Refuse("outputs");
  }
  NodeRef n{b, node, b.op(node_index)};
  const BOp code = static_cast<BOp>(node.builtin_code);
  // This XNNPACK asserts (aborts) on 0-D tensors outside its binary ops.
  const bool binary = code == BOp::ADD || code == BOp::SUB ||
                      code == BOp::MUL || code == BOp::DIV ||
                      code == BOp::MAXIMUM || code == BOp::MINIMUM ||
                      code == BOp::SQUARED_DIFFERENCE;
  if (!binary) {
    for (int t : node.inputs) {
      if (t >= 0 && b.tensor(t).rank() == 0 && !b.tensor(t).is_constant()) {
        return Refuse("0-D tensor");
      }
    }
    if (b.tensor(node.outputs[0]).rank() == 0) return Refuse("0-D tensor");
  }
  switch (code) {
    case BOp::CONV_2D:
      return DefineConv(n, false);
    case BOp::DEPTHWISE_CONV_2D:
      return DefineConv(n, true);
    case BOp::TRANSPOSE_CONV:
      return DefineTransposeConv(n);
    case BOp::FULLY_CONNECTED:
      return DefineFullyConnected(n);
    case BOp::MAX_POOL_2D:
      return DefinePool(n, true);
    case BOp::AVERAGE_POOL_2D:
      return DefinePool(n, false);
    case BOp::MEAN:
      return DefineMean(n);
    case BOp::ADD:
    case BOp::SUB:
    case BOp::MUL:
    case BOp::DIV:
    case BOp::MAXIMUM:
    case BOp::MINIMUM:
    case BOp::SQUARED_DIFFERENCE:
      if (node.inputs.size() != 2) return Refuse("inputs");
      return DefineBinary(n, code);
    case BOp::RELU:
    case BOp::RELU6:
    case BOp::RELU_N1_TO_1:
    case BOp::RELU_0_TO_1:
    case BOp::LOGISTIC:
    case BOp::HARD_SWISH:
    case BOp::ELU:
    case BOp::ABS:
    case BOp::NEG:
    case BOp::FLOOR:
    case BOp::CEIL:
    case BOp::ROUND:
    case BOp::SQUARE:
    case BOp::SQRT:
    case BOp::LEAKY_RELU:
    case BOp::SOFTMAX:
      return DefineUnary(n, code);
    case BOp::RESHAPE:
    case BOp::SQUEEZE:
    case BOp::EXPAND_DIMS:
      return DefineReshape(n);
    case BOp::PAD:
      return DefinePad(n);
    case BOp::RESIZE_BILINEAR:
      return DefineResizeBilinear(n);
    case BOp::PRELU:
      return DefinePrelu(n);
    case BOp::DEPTH_TO_SPACE: {
      const auto* o =
          b.op(node_index)->builtin_options_as_DepthToSpaceOptions();
      const uint32_t xi = b.Value(node.inputs[0]);
      const uint32_t yi = b.Value(node.outputs[0]);
      if (o == nullptr || !Have({xi, yi})) return Refuse("types");
      return Check(
          xnn_define_depth_to_space(b.subgraph(), xi, yi, o->block_size(), 0),
          "DEPTH_TO_SPACE");
    }
    case BOp::QUANTIZE:
    case BOp::DEQUANTIZE: {
      const RtTensor& x = b.tensor(node.inputs[0]);
      const RtTensor& y = b.tensor(node.outputs[0]);
      // float <-> 8-bit only; requantizing int8 -> int8 is not a convert.
      if ((x.type == DType::kFloat32) == (y.type == DType::kFloat32)) {
        return Refuse("convert types");
      }
      const uint32_t xi = b.Value(node.inputs[0]);
      const uint32_t yi = b.Value(node.outputs[0]);
      if (!Have({xi, yi})) return Refuse("types");
      return Check(xnn_define_convert(b.subgraph(), xi, yi, 0), "convert");
    }
    default:
      return Refuse("op");
  }
}

}  // namespace litert
