// `litert`: inspect and run .tflite models from the command line.
#include <iostream>

#include "CLI/CLI.hpp"
#include "cli/commands.h"

namespace {

// The interpreter's limits as options of `run` and `bench`.
void AddLimitOptions(CLI::App* cmd, litert::InterpreterLimits& l) {
  cmd->add_option("--max_tensor_bytes", l.max_tensor_bytes,
                  "Refuse a model whose tensors would take more bytes each")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--max_arena_bytes", l.max_arena_bytes,
                  "Refuse a model whose activations (per subgraph) would take "
                  "more bytes")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--max_while_iterations", l.max_while_iterations,
                  "Stop a WHILE loop with an error after this many iterations")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"litert: a fast runtime for quantized .tflite models"};
  app.set_version_flag("--version", std::string("litert ") + LITERT_VERSION);
  app.require_subcommand(1);

  litert::cli::InfoArgs info;
  auto* info_cmd =
      app.add_subcommand("info",
                         "Show a model's signatures, inputs/outputs, ops, "
                         "weights and what litert lacks");
  info_cmd->add_option("model", info.model, "The .tflite file")->required();
  info_cmd->add_flag("--json", info.json,
                     "Print one JSON document instead of text");
  info_cmd
      ->add_option("--delegate", info.delegate,
                   "Also prepare the model with this delegate (xnnpack) and "
                   "show which nodes each backend runs")
      ->check(CLI::IsMember({"none", "xnnpack"}))
      ->capture_default_str();

  litert::cli::RunArgs run;
  auto* run_cmd =
      app.add_subcommand("run",
                         "Run a model once on given or seeded random inputs; "
                         "print and save the outputs");
  run_cmd->add_option("model", run.model, "The .tflite file")->required();
  run_cmd->add_option(
      "--input,-i", run.inputs,
      "NAME=FILE.npy (tensor name or signature key; repeatable), or FILE.npy "
      "for a model with one input. Inputs not given get seeded random data.");
  run_cmd->add_option("--signature,-s", run.signature, "Signature key to run");
  run_cmd->add_option(
      "--output,-o", run.output,
      "Write every output to this .npz (keys: output tensor names, or "
      "signature output keys with --signature)");
  run_cmd->add_option("--seed", run.seed, "Seed for the random inputs")
      ->capture_default_str();
  run_cmd->add_option("--num_threads,--threads", run.num_threads, "Threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  run_cmd
      ->add_option("--use_xnnpack", run.use_xnnpack,
                   "on: run what XNNPACK supports with it; off: litert's "
                   "kernels only")
      ->check(CLI::IsMember({"on", "off"}))
      ->capture_default_str();
  run_cmd->add_flag("--quiet,-q", run.quiet, "Print nothing but errors");
  run_cmd
      ->add_option("--repeat", run.repeat,
                   "Invoke N times on the same inputs (state carries over); "
                   "the .npz also "
                   "gets each invocation's outputs as NAME@K")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  AddLimitOptions(run_cmd, run.limits);

  litert::cli::BenchArgs bench;
  auto* bench_cmd = app.add_subcommand(
      "bench",
      "Time a model: init, first inference, warm-up, then the distribution of "
      "timed runs; peak memory; optionally time per op");
  bench_cmd->add_option("model", bench.model, "The .tflite file")->required();
  bench_cmd->add_option("--num_threads,--threads", bench.num_threads, "Threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  bench_cmd
      ->add_option("--use_xnnpack", bench.use_xnnpack,
                   "on: run what XNNPACK supports with it; off: litert's "
                   "kernels only")
      ->capture_default_str();
  bench_cmd->add_option("--warmup_runs", bench.warmup_runs, "Untimed runs")
      ->capture_default_str()
      ->check(CLI::Range(0, 1000000));
  bench_cmd->add_option("--num_runs", bench.num_runs, "Timed runs (at least)")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000000));
  bench_cmd
      ->add_option("--min_secs", bench.min_secs,
                   "Keep timing until this many seconds have passed too")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 86400.0));
  bench_cmd->add_option("--signature,-s", bench.signature,
                        "Signature key to run");
  bench_cmd->add_option(
      "--input_layer_shape", bench.input_layer_shape,
      "Shapes for dynamic inputs: NAME:D1,D2,...[;NAME2:...] (tensor name or "
      "signature key)");
  bench_cmd->add_option("--json", bench.json,
                        "Also write the numbers to this JSON file");
  bench_cmd->add_flag("--op_profile", bench.op_profile,
                      "Time per op type and the slowest nodes");
  AddLimitOptions(bench_cmd, bench.limits);

  litert::cli::DemoModelArgs demo;
  auto* demo_cmd = app.add_subcommand(
      "demo-model",
      "Write litert's small demo model (a float CNN made by its model writer)");
  demo_cmd->add_option("output", demo.output, "Where to write the .tflite")
      ->required();

  CLI11_PARSE(app, argc, argv);
  if (*info_cmd) return litert::cli::RunInfo(info);
  if (*run_cmd) return litert::cli::RunRun(run);
  if (*demo_cmd) return litert::cli::RunDemoModel(demo);
  if (*bench_cmd) return litert::cli::RunBench(bench);
  return 1;
}
