// The subcommands of the `litert` command line.
#pragma once

#include <string>
#include <vector>

#include "litert/interpreter.h"

namespace litert::cli {

struct InfoArgs {
  std::string model;
  bool json = false;
  std::string delegate = "none";  // none | xnnpack: show the partition
};
int RunInfo(const InfoArgs& args);

struct RunArgs {
  std::string model;
  std::vector<std::string> inputs;  // NAME=FILE.npy or FILE.npy
  std::string signature;
  std::string output;  // .npz path, optional
  int seed = 0;
  int num_threads = 1;
  std::string use_xnnpack = "on";  // on | off
  bool quiet = false;
  int repeat = 1;
  InterpreterLimits limits;
};
int RunRun(const RunArgs& args);

struct BenchArgs {
  std::string model;
  int num_threads = 1;
  std::string use_xnnpack = "on";  // on | off
  int warmup_runs = 10;
  int num_runs = 100;
  double min_secs = 0;
  std::string signature;
  std::string input_layer_shape;  // NAME:D1,D2,...;NAME2:...
  std::string json;               // file, optional
  bool op_profile = false;
  InterpreterLimits limits;
};
int RunBench(const BenchArgs& args);

struct DemoModelArgs {
  std::string output;
};
int RunDemoModel(const DemoModelArgs& args);

}  // namespace litert::cli
