// `litert bench`: latency and memory of one model on this machine.
//
// Loads the model (init time: load, kernel creation, planning), runs once
// (first inference), warms up, then times --num_runs invocations (and keeps
// going until --min_secs have passed) on seeded random inputs. Prints the
// distribution, peak resident memory and arena bytes; --json writes the same
// numbers; --op_profile adds time per op type and per node.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/random_tensor.h"
#include "litert/interpreter.h"
#include "litert/model.h"

namespace litert::cli {
namespace {

using Clock = std::chrono::steady_clock;

double MillisSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start)
      .count();
}

// Peak resident set size of this process so far, in bytes.
size_t PeakRssBytes() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<size_t>(u.ru_maxrss) * 1024;  // Linux reports KiB
}

struct Stats {
  size_t count = 0;
  double avg = 0, stddev = 0, min = 0, p50 = 0, p90 = 0, p99 = 0, max = 0;
};

// Percentiles by the nearest-rank method on the sorted samples.
Stats Summarize(std::vector<double> ms) {
  Stats s;
  s.count = ms.size();
  if (ms.empty()) return s;
  std::sort(ms.begin(), ms.end());
  double sum = 0;
  for (double v : ms) sum += v;
  s.avg = sum / ms.size();
  double sq = 0;
  for (double v : ms) sq += (v - s.avg) * (v - s.avg);
  s.stddev = std::sqrt(sq / ms.size());
  auto rank = [&](double p) {
    const size_t k = static_cast<size_t>(std::ceil(p / 100.0 * ms.size()));
    return ms[std::min(ms.size() - 1, k == 0 ? 0 : k - 1)];
  };
  s.min = ms.front();
  s.p50 = rank(50);
  s.p90 = rank(90);
  s.p99 = rank(99);
  s.max = ms.back();
  return s;
}

// "name:1,224,224,3;other:1,10" -> {name: [1,224,224,3], other: [1,10]}.
Status ParseShapes(const std::string& spec, std::map<std::string, Shape>* out) {
  std::stringstream items(spec);
  std::string item;
  while (std::getline(items, item, ';')) {
    if (item.empty()) continue;
    const size_t colon = item.rfind(':');
    if (colon == std::string::npos || colon == 0) {
      return Status::Error("--input_layer_shape: '" + item +
                           "' is not NAME:D1,D2,...");
    }
    Shape shape;
    std::stringstream dims(item.substr(colon + 1));
    std::string d;
    while (std::getline(dims, d, ',')) {
      try {
        const long v = std::stol(d);
        if (v < 0 || v > (1L << 30)) throw std::out_of_range(d);
        shape.push_back(static_cast<int32_t>(v));
      } catch (...) {
        return Status::Error("--input_layer_shape: bad dimension '" + d +
                             "' in '" + item + "'");
      }
    }
    (*out)[item.substr(0, colon)] = shape;
  }
  return Status::Ok();
}

std::string JsonString(const std::string& v) {
  std::string out = "\"";
  for (char c : v) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string Ms(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

// Milliseconds in the JSON: to the nanosecond, as tiny models run in
// microseconds.
std::string JsonMs(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", v);
  return buf;
}

}  // namespace

int RunBench(const BenchArgs& args) {
  auto fail = [](const std::string& msg) {
    std::cerr << "error: " << msg << "\n";
    return 1;
  };
  if (args.use_xnnpack != "on" && args.use_xnnpack != "off") {
    return fail("--use_xnnpack takes on or off, got '" + args.use_xnnpack +
                "'");
  }
  std::map<std::string, Shape> shapes;
  if (Status s = ParseShapes(args.input_layer_shape, &shapes); !s.ok()) {
    return fail(s.message());
  }
  std::error_code ec;
  const auto file_bytes = std::filesystem::file_size(args.model, ec);

  // Init: load, create kernels, resize, plan.
  const auto t_init = Clock::now();
  auto model = Model::Load(args.model);
  if (!model.ok()) return fail(model.status().message());
  InterpreterOptions opts;
  opts.num_threads = args.num_threads;
  opts.use_xnnpack = args.use_xnnpack == "on";
  opts.limits = args.limits;
  auto created = Interpreter::Create(model.value(), opts);
  if (!created.ok()) return fail(created.status().message());
  Interpreter& interp = *created.value();
  int subgraph = 0;
  std::map<std::string, std::string> key_to_name;  // signature input keys
  if (!args.signature.empty()) {
    const SignatureInfo* sig = interp.FindSignature(args.signature);
    if (sig == nullptr) return fail("no signature '" + args.signature + "'");
    subgraph = sig->subgraph;
    const auto ins = interp.Inputs(subgraph);
    for (size_t i = 0; i < sig->input_names.size(); ++i) {
      for (const auto& in : ins) {
        if (in.index == sig->input_tensors[i]) {
          key_to_name[sig->input_names[i]] = in.name;
        }
      }
    }
  }
  const auto inputs = interp.Inputs(subgraph);
  for (const auto& [key, shape] : shapes) {
    const std::string name = key_to_name.count(key) ? key_to_name.at(key) : key;
    auto it = std::find_if(inputs.begin(), inputs.end(),
                           [&](const auto& in) { return in.name == name; });
    if (it == inputs.end()) {
      return fail("--input_layer_shape: the model has no input '" + key + "'");
    }
    if (Status s = interp.ResizeInput(subgraph, it - inputs.begin(), shape);
        !s.ok()) {
      return fail(s.message());
    }
  }
  if (Status s = interp.AllocateTensors(); !s.ok()) return fail(s.message());
  const double init_ms = MillisSince(t_init);

  const auto resized = interp.Inputs(subgraph);
  for (size_t p = 0; p < resized.size(); ++p) {
    Tensor t = SafeRandomTensor(resized[p].dtype, resized[p].shape,
                                resized[p].quant, 1000 + p);
    if (Status s = interp.SetInput(subgraph, static_cast<int>(p), t); !s.ok()) {
      return fail(s.message());
    }
  }
  auto invoke = [&]() -> double {
    const auto start = Clock::now();
    Status s = interp.Invoke(subgraph);
    const double ms = MillisSince(start);
    if (!s.ok()) {
      std::cerr << "error: " << s.message() << "\n";
      std::exit(1);
    }
    return ms;
  };
  const bool tty = isatty(STDERR_FILENO) != 0;
  auto progress = [&](const char* what, size_t k, size_t n) {
    if (tty) std::cerr << "\r" << what << " " << k << "/" << n << std::flush;
  };

  const double first_ms = invoke();
  double warm_sum = 0;
  for (int i = 0; i < args.warmup_runs; ++i) {
    warm_sum += invoke();
    progress("warm-up", i + 1, args.warmup_runs);
  }
  if (args.op_profile) interp.EnableProfiling(true);
  std::vector<double> runs;
  const auto t_runs = Clock::now();
  while (static_cast<int>(runs.size()) < args.num_runs ||
         MillisSince(t_runs) < args.min_secs * 1000.0) {
    runs.push_back(invoke());
    progress("run", runs.size(), std::max<size_t>(args.num_runs, runs.size()));
  }
  if (tty) std::cerr << "\r" << std::string(40, ' ') << "\r";
  const Stats st = Summarize(runs);
  const size_t peak = PeakRssBytes();
  const std::string delegate =
      opts.use_xnnpack ? "xnnpack" : "none (litert kernels)";

  std::ostringstream o;
  o << "model            " << args.model << " (" << file_bytes << " bytes)\n"
    << "threads          " << args.num_threads << ", delegate " << delegate
    << "\n"
    << "init             " << Ms(init_ms) << " ms\n"
    << "first inference  " << Ms(first_ms) << " ms\n"
    << "warm-up          " << args.warmup_runs << " runs, avg "
    << Ms(args.warmup_runs ? warm_sum / args.warmup_runs : 0) << " ms\n"
    << "timed runs       " << st.count << ": avg " << Ms(st.avg) << " ms, std "
    << Ms(st.stddev) << ", min " << Ms(st.min) << ", p50 " << Ms(st.p50)
    << ", p90 " << Ms(st.p90) << ", p99 " << Ms(st.p99) << ", max "
    << Ms(st.max) << "\n"
    << "memory           peak resident " << peak << " bytes, arena "
    << interp.arena_bytes() << " bytes\n";

  std::string profile_json;
  if (args.op_profile) {
    const auto nodes = interp.Profile();
    std::map<std::string, std::pair<double, int64_t>> by_op;
    double total = 0;
    // A delegate's partitions count as one line: what runs inside them is
    // the delegate's business (this XNNPACK times no single op).
    for (const auto& n : nodes) {
      const std::string key =
          n.backend == "litert" ? n.op : n.backend + " partitions";
      by_op[key].first += n.total_micros;
      by_op[key].second += n.runs;
      if (n.subgraph == subgraph) total += n.total_micros;
    }
    std::vector<std::pair<std::string, double>> ops;
    for (const auto& [op, v] : by_op) ops.emplace_back(op, v.first);
    std::sort(ops.begin(), ops.end(),
              [](const auto& a, const auto& b) { return a.second > b.second; });
    const double per_run = st.count ? 1.0 / st.count : 0.0;
    o << "op profile       (ms per run; % of the entry subgraph's node time; "
         "ops run by litert's kernels, partitions by their delegate)\n";
    for (const auto& [op, us] : ops) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "  %-32s %9.3f ms  %5.1f%%\n", op.c_str(),
                    us * per_run / 1000.0, total > 0 ? 100.0 * us / total : 0);
      o << buf;
    }
    std::vector<Interpreter::NodeProfile> sorted = nodes;
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
      return a.total_micros > b.total_micros;
    });
    o << "slowest nodes\n";
    for (size_t i = 0; i < std::min<size_t>(sorted.size(), 10); ++i) {
      char buf[160];
      std::snprintf(
          buf, sizeof buf, "  subgraph %d node %-5d %-32s %-8s %9.3f ms\n",
          sorted[i].subgraph, sorted[i].node, sorted[i].op.c_str(),
          sorted[i].backend.c_str(), sorted[i].total_micros * per_run / 1000.0);
      o << buf;
    }
    profile_json = ", \"op_profile_ms_per_run\": {";
    bool first = true;
    for (const auto& [op, us] : ops) {
      profile_json += (first ? "" : ", ") + JsonString(op) + ": " +
                      JsonMs(us * per_run / 1000.0);
      first = false;
    }
    profile_json += "}";
  }
  std::cout << o.str();

  if (!args.json.empty()) {
    std::ofstream f(args.json);
    f << "{\"model\": " << JsonString(args.model)
      << ", \"model_bytes\": " << file_bytes
      << ", \"threads\": " << args.num_threads << ", \"delegate\": \""
      << (opts.use_xnnpack ? "xnnpack" : "none")
      << "\", \"init_ms\": " << JsonMs(init_ms)
      << ", \"first_ms\": " << JsonMs(first_ms)
      << ", \"warmup_runs\": " << args.warmup_runs << ", \"runs\": " << st.count
      << ", \"avg_ms\": " << JsonMs(st.avg)
      << ", \"std_ms\": " << JsonMs(st.stddev)
      << ", \"min_ms\": " << JsonMs(st.min)
      << ", \"p50_ms\": " << JsonMs(st.p50)
      << ", \"p90_ms\": " << JsonMs(st.p90)
      << ", \"p99_ms\": " << JsonMs(st.p99)
      << ", \"max_ms\": " << JsonMs(st.max) << ", \"peak_rss_bytes\": " << peak
      << ", \"arena_bytes\": " << interp.arena_bytes() << profile_json << "}\n";
    if (!f) return fail(args.json + ": cannot write");
  }
  return 0;
}

}  // namespace litert::cli
