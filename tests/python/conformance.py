#!/usr/bin/env python3
"""Conformance harness: litert against the official runtime (the oracle) on real models.

For each model: the same seeded inputs go to the oracle (ai_edge_litert's Interpreter) and to
litert three times: `litert run` with XNNPACK on and with it off (litert's kernels only), and the
C++ Manager API with its defaults (XNNPACK on; litert_manager_runner); and, when the Python
package is installed (make test installs it), a fourth time by the oracle's own script with
`from litert import Interpreter` in place of ai_edge_litert's (the drop-in check). Outputs are
compared and one line per model is printed:

  match        MODEL  max err ...        within tolerance on every output, every path
  mismatch     MODEL  max err ...        outside tolerance (the worst output is named)
  unsupported  MODEL  (which ops)        litert refuses the model: "unsupported op NAME" or
                                         "unsupported custom op NAME (needs ...)"
  oracle-fails MODEL  (its error)        the official runtime cannot run it on CPU
  error        MODEL  (litert's error)   litert failed in another way

Tolerances (see tolerance_for):
  integer outputs of quantized tensors (int8/uint8/int16): at most 1 quantum off. LiteRT's own
    CPU kernels differ by one quantum from each other (its XNNPACK path requantizes in float
    with round-to-nearest-even; its builtin kernels use fixed-point with ties away from zero).
  other integer and bool outputs: equal.
  float outputs: max |ours - oracle| <= 1e-4 * max(1, max |oracle|). Kernels sum in different
    orders (and the oracle's XNNPACK path uses FMA), so float results differ in the last bits;
    1e-4 of the output's scale is far above that noise on these models and far below any real
    bug (a wrong padding, bias or activation changes outputs by percents).

Usage:
  python tests/python/conformance.py [--all] [--report FILE] [MODEL ...]
  (models relative to $LITERT_CORPUS, default ../shared/models; --all: every .tflite there)
"""
import argparse
import dataclasses
import os
import pathlib
import functools
import subprocess
import sys
import tempfile

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]

FLOAT_RTOL = 1e-4
QUANT_MAX_QUANTA = 1


def corpus_dir():
  env = os.environ.get("LITERT_CORPUS")
  return pathlib.Path(env) if env else (ROOT.parent / "shared" / "models")


def build_dir():
  return pathlib.Path(os.environ.get("LITERT_BUILD", ROOT / "build"))


@dataclasses.dataclass
class Outcome:
  model: str
  status: str  # match | mismatch | unsupported | oracle-fails | error
  detail: str = ""
  max_err: float = 0.0

  def line(self):
    err = f"max err {self.max_err:.3g}  " if self.status in ("match", "mismatch") else ""
    return f"{self.status:<12} {self.model}  {err}{self.detail}".rstrip()


def seeded_input(dtype, shape, rng, detail=None, mode="random"):
  """Seeded random inputs.

  mode "random": floats uniform in [-1, 1); small ints over their range; int32/int64 in
    [0, 100).
  mode "safe": for models whose inputs are indices, sizes or square-root arguments, where the
    oracle refuses random values (index out of bounds, rsqrt of a negative): plain integers 0
    (a valid index into any non-empty table), quantized integers above the zero point
    (positive reals), floats in [0.1, 1)."""
  dtype = np.dtype(dtype)
  if dtype.kind in "SOU":  # strings: lowercase words of 0 to 7 letters
    n = int(np.prod(shape))
    words = [bytes(rng.integers(97, 123, int(rng.integers(0, 8))).astype(np.uint8))
             for _ in range(n)]
    return np.array(words, dtype=object).reshape(shape).astype(bytes)
  if dtype.kind == "f":
    lo = 0.1 if mode == "safe" else -1.0
    return rng.uniform(lo, 1, size=shape).astype(dtype)
  if dtype == np.bool_:
    return rng.integers(0, 2, size=shape).astype(np.bool_)
  q = (detail or {}).get("quantization_parameters", {})
  quantized = len(q.get("scales", [])) > 0
  if mode == "safe":
    if not quantized:
      return np.zeros(shape, dtype)
    info = np.iinfo(dtype)
    zp = int(q["zero_points"][0]) if len(q.get("zero_points", [])) else 0
    return rng.integers(min(zp + 1, info.max), info.max + 1, size=shape,
                        dtype=np.int64).astype(dtype)
  if dtype.itemsize <= 2:
    info = np.iinfo(dtype)
    return rng.integers(info.min, info.max + 1, size=shape, dtype=np.int64).astype(dtype)
  return rng.integers(0, 100, size=shape).astype(dtype)


# Inputs that random values cannot stand in for: a shape operand, or begin/size whose length
# must equal another input's rank (dynamic -1 dimensions would otherwise all become 1). Keyed
# by the model's path under the corpus; values are arrays, or a shape for seeded floats.
INPUT_OVERRIDES = {
    "litert/litert/test/testdata/gather_string.tflite": {
        "indices": np.array([7, 0, 3], np.int64),  # of 10 strings
    },
    "ai-edge-quantizer/ai_edge_quantizer/tests/models/single_slice.tflite": {
        "input_tensor": (2, 3, 4),
        "begin": np.array([1, 0, 1], np.int32),
        "size": np.array([1, 2, 3], np.int32),
    },
    "tflite-micro/tensorflow/lite/micro/integration_tests/seanet/transpose_conv/"
    "transpose_conv0.tflite": {
        "streamable_model_10/unet_0/decoder_4/conv2dtranspose_3x4/conv/stack":
            np.array([1, 3, 12, 64], np.int32),
    },
    "tflite-micro/tensorflow/lite/micro/integration_tests/seanet/transpose_conv/"
    "transpose_conv1.tflite": {
        "streamable_model_10/unet_0/decoder_3/conv2dtranspose_3x4/conv/stack":
            np.array([1, 3, 22, 32], np.int32),
    },
}


def overrides_for(model_path):
  p = pathlib.Path(model_path).as_posix()
  for key, value in INPUT_OVERRIDES.items():
    if p.endswith(key):
      return value
  return {}


def _input_value(name, d, rng, mode, overrides):
  if name in overrides:
    v = overrides[name]
    if isinstance(v, tuple):
      return seeded_input(d["dtype"], v, rng, d, mode)
    return v
  return seeded_input(d["dtype"], tuple(d["shape"]), rng, d, mode)


# Models where the oracle runs but its answers are wrong, with the reason; litert is checked
# against float_reference.evaluate instead (and the oracle's all-zero answer is checked, so a
# fixed oracle shows up here as a mismatch of this table).
_W8A16 = ("the oracle returns all zeros for BATCH_MATMUL with int16 activations and int8"
          " weights")
ORACLE_WRONG = {
    f"litert/litert/test/testdata/static_w8_a16_quantized_{name}_einsum.tflite": _W8A16
    for name in ("attn_vec", "k", "q", "v")
}


def oracle_wrong_reason(model_path):
  p = pathlib.Path(model_path).as_posix()
  return next((r for k, r in ORACLE_WRONG.items() if p.endswith(k)), None)


# The oracle's CPU setups, in the order the harness tries them: its default (the XNNPACK
# delegate takes the ops it supports), then its builtin kernels alone, then its reference
# kernels. They are all the official runtime; they differ from each other in rounding.
RESOLVERS = ("AUTO", "BUILTIN_WITHOUT_DEFAULT_DELEGATES", "BUILTIN_REF")


def tolerance_for(detail):
  """(kind, bound) for an output described by an oracle tensor detail dict."""
  dtype = np.dtype(detail["dtype"])
  scales = detail.get("quantization_parameters", {}).get("scales", [])
  if dtype.kind in "iu" and len(scales) > 0:
    return "quanta", QUANT_MAX_QUANTA
  if dtype.kind in "iub":
    return "exact", 0
  return "float", FLOAT_RTOL


def compare(ours, ref, detail):
  """Returns (error, within_tolerance) for one output."""
  ours = np.asarray(ours)
  ref = np.asarray(ref)
  if ours.shape != ref.shape:
    return float("inf"), False
  if ref.dtype.kind in "SOU" or ours.dtype.kind in "SOU":  # strings: equal bytes
    differ = sum(bytes(a) != bytes(b) for a, b in zip(ours.ravel(), ref.ravel()))
    return float(differ), differ == 0
  if ours.dtype != ref.dtype:
    return float("inf"), False
  kind, bound = tolerance_for(detail)
  if ref.size == 0:
    return 0.0, True
  if kind == "float":
    a = ours.astype(np.float64)
    b = ref.astype(np.float64)
    if np.any(np.isnan(a) != np.isnan(b)):
      return float("inf"), False
    finite = ~np.isnan(b)
    scale = max(1.0, float(np.max(np.abs(b[finite])))) if finite.any() else 1.0
    err = float(np.max(np.abs(a[finite] - b[finite]))) / scale if finite.any() else 0.0
    return err, err <= bound
  err = float(np.max(np.abs(ours.astype(np.int64) - ref.astype(np.int64))))
  return err, err <= bound


STATEFUL_INVOCATIONS = 50


def is_stateful(model_path):
  """True when the model keeps state across invocations (resource or variable tensors)."""
  from ai_edge_litert import schema_py_generated as schema

  buf = pathlib.Path(model_path).read_bytes()
  m = schema.Model.GetRootAs(buf, 0)
  for s in range(m.SubgraphsLength()):
    sg = m.Subgraphs(s)
    for t in range(sg.TensorsLength()):
      tensor = sg.Tensors(t)
      if tensor.IsVariable() or tensor.Type() == schema.TensorType.RESOURCE:
        return True
  return False


def run_oracle(model_path, seed, repeat=1, resolver="AUTO", mode="random", drop_in=False):
  """Runs the oracle. Returns (entry, inputs, outputs) where entry describes the names used:
  {'signature': key or None, 'inputs': [(name, detail)], 'outputs': [(name, detail)]}.

  With drop_in, the same script runs with litert.Interpreter in place of ai_edge_litert's:
  only the import changes (litert's accepts the resolver option and ignores it)."""
  from ai_edge_litert.interpreter import Interpreter, OpResolverType
  if drop_in:
    from litert import Interpreter  # noqa: F811  (the one line a user changes)

  interp = Interpreter(model_path=str(model_path),
                       experimental_op_resolver_type=getattr(OpResolverType, resolver))
  rng = np.random.default_rng(seed)
  overrides = overrides_for(model_path)
  sigs = interp.get_signature_list()
  if sigs:
    key = "serving_default" if "serving_default" in sigs else next(iter(sigs))
    runner = interp.get_signature_runner(key)
    in_details = runner.get_input_details()
    out_details = runner.get_output_details()
    inputs = {}
    for name in sigs[key]["inputs"]:
      d = in_details[name]
      inputs[name] = _input_value(name, d, rng, mode, overrides)
    outputs = {}
    for k in range(repeat):
      result = runner(**inputs)
      for name in sigs[key]["outputs"]:
        outputs[name] = np.array(result[name])
        if repeat > 1:
          outputs[f"{name}@{k}"] = np.array(result[name])
    entry = {
        "signature": key,
        "inputs": [(n, in_details[n]) for n in sigs[key]["inputs"]],
        "outputs": [(n, out_details[n]) for n in sigs[key]["outputs"]],
    }
    return entry, inputs, outputs
  interp.allocate_tensors()
  inputs = {}
  for d in interp.get_input_details():
    inputs[d["name"]] = _input_value(d["name"], d, rng, mode, overrides)
    if inputs[d["name"]].shape != tuple(d["shape"]):
      interp.resize_tensor_input(d["index"], inputs[d["name"]].shape)
  interp.allocate_tensors()
  for d in interp.get_input_details():
    interp.set_tensor(d["index"], inputs[d["name"]])
  outputs = {}
  for k in range(repeat):
    interp.invoke()
    for d in interp.get_output_details():
      value = np.array(interp.get_tensor(d["index"]))
      outputs[d["name"]] = value
      if repeat > 1:
        outputs[f"{d['name']}@{k}"] = value
  entry = {
      "signature": None,
      "inputs": [(d["name"], d) for d in interp.get_input_details()],
      "outputs": [(d["name"], d) for d in interp.get_output_details()],
  }
  return entry, inputs, outputs


def _oracle_child(conn, model_path, seed, repeat, resolver, mode, drop_in=False):
  try:
    conn.send(("ok", run_oracle(model_path, seed, repeat, resolver, mode, drop_in)))
  except Exception as e:  # reported to the parent as the oracle's failure
    conn.send(("error", str(e) or repr(e)))
  conn.close()


def run_oracle_isolated(model_path, seed, repeat=1, resolver="AUTO", mode="random", timeout=600,
                        drop_in=False):
  """run_oracle in a child process: the oracle aborts the process on some models."""
  import multiprocessing as mp

  ctx = mp.get_context("fork")
  parent, child = ctx.Pipe(duplex=False)
  p = ctx.Process(target=_oracle_child,
                  args=(child, str(model_path), seed, repeat, resolver, mode, drop_in))
  p.start()
  child.close()
  result = None
  if parent.poll(timeout):
    try:
      result = parent.recv()
    except EOFError:
      result = None
  p.join(5)
  if p.is_alive():
    p.kill()
  if result is None:
    raise RuntimeError(f"the oracle crashed (exit code {p.exitcode})")
  if result[0] == "error":
    raise RuntimeError(result[1])
  return result[1]


def run_cli(model_path, entry, input_files, workdir, repeat=1, xnnpack="on"):
  """Runs `litert run` (with XNNPACK on or off); returns ({name: array}, error)."""
  out = pathlib.Path(workdir) / "cli.npz"
  cmd = [str(build_dir() / "litert"), "run", str(model_path), "-q", "--output", str(out),
         "--repeat", str(repeat), "--use_xnnpack", xnnpack]
  if entry["signature"]:
    cmd += ["--signature", entry["signature"]]
  for name, f in input_files.items():
    cmd += ["--input", f"{name}={f}"]
  p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
  if p.returncode != 0:
    return None, (p.stderr.strip() or f"exit {p.returncode}")
  with np.load(out) as z:
    return {k: z[k] for k in z.files}, None


def run_manager(model_path, entry, input_files, workdir, repeat=1):
  """Runs the C++ Manager API; returns ({name: array}, error) keyed like the oracle."""
  outdir = pathlib.Path(workdir) / "manager"
  outdir.mkdir(exist_ok=True)
  cmd = [str(build_dir() / "tests" / "litert_manager_runner"), str(model_path), str(outdir)]
  cmd += [f"{name}={f}" for name, f in input_files.items()]
  p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
  if p.returncode != 0:
    return None, (p.stderr.strip() or f"exit {p.returncode}")
  # The runner writes outputs in the order of Manager::OutputDetails, which is the order of
  # the signature's (or graph's) outputs, the same order as entry["outputs"].
  return {name: np.load(outdir / f"{k}.npy")
          for k, (name, _) in enumerate(entry["outputs"])}, None


def repaired_for_oracle(model_path, workdir):
  """A copy of the model with stale quantized_dimension fields on rank-1 tensors set to 0.

  Some converters (person_detect's) leave quantized_dimension=3 on per-channel rank-1 biases.
  The oracle refuses such files; TFLite Micro and litert read the scales along the only
  dimension. The copy differs in that field alone, so the oracle's answers on it are the
  answers for the original. Returns None when there is nothing to repair."""
  import flatbuffers
  from ai_edge_litert import schema_py_generated as schema

  buf = bytearray(pathlib.Path(model_path).read_bytes())
  model = schema.ModelT.InitFromPackedBuf(buf, 0)
  changed = False
  for sg in model.subgraphs or []:
    for t in sg.tensors or []:
      q = t.quantization
      shape = [] if t.shape is None else list(t.shape)
      if q is not None and q.scale is not None and len(q.scale) > 1 and len(shape) == 1 \
          and q.quantizedDimension != 0:
        q.quantizedDimension = 0
        changed = True
  if not changed:
    return None
  b = flatbuffers.Builder(len(buf))
  b.Finish(model.Pack(b), file_identifier=b"TFL3")
  out = pathlib.Path(workdir) / "oracle_copy.tflite"
  out.write_bytes(b.Output())
  return out


def _first_line(e):
  return str(e).splitlines()[0][:160] if str(e) else repr(e)


def _first_oracle_run(model_path, seed, repeat, tmp):
  """The oracle's default setup on random inputs, else on safe ones; on a copy with stale
  quantized_dimension fields repaired when it refuses those. Returns (the model the oracle
  ran, the input mode, run_oracle's result, notes); raises with the oracle's first error."""
  oracle_model, notes, first = model_path, [], None
  for mode in ("random", "safe"):
    for _ in range(2):
      try:
        return oracle_model, mode, run_oracle_isolated(oracle_model, seed, repeat, "AUTO",
                                                       mode), notes
      except Exception as e:
        err = _first_line(e)
        first = first or err
        repaired = None
        if "quantized_dimension" in err and oracle_model is model_path:
          repaired = repaired_for_oracle(model_path, tmp)
        if repaired is None:
          break
        oracle_model = repaired
        notes.append("(oracle ran a copy with stale quantized_dimension fixed)")
  raise RuntimeError(first)


def _ours_alone(model_path):
  """What litert does with a model the oracle cannot run: runs it, or its refusal."""
  p = subprocess.run([str(build_dir() / "litert"), "run", str(model_path), "-q"],
                     capture_output=True, text=True, timeout=600)
  if p.returncode == 0:
    return "runs it"
  return (p.stderr.strip().splitlines() or [f"exit {p.returncode}"])[-1].split(": ", 2)[-1]


def check_model(model_path, seed=1, label=None):
  """One model against the oracle.

  Inputs: seeded random ones; when the oracle refuses them (an index out of bounds, say), the
  "safe" ones of seeded_input. Oracle setups: its default first; when we are outside the
  tolerance of it, its builtin and reference kernels on the same inputs. The oracle's setups
  differ from each other by rounding (for one, XNNPACK requantizes in float, the builtin
  kernels in fixed point), and a difference of one quantum in one layer grows through the
  layers after it: matching any of them within the tolerance is a match, and the line says
  which one."""
  label = label or str(model_path)
  repeat = STATEFUL_INVOCATIONS if is_stateful(model_path) else 1
  with tempfile.TemporaryDirectory() as tmp:
    try:
      oracle_model, mode, (entry, inputs, ref), notes = _first_oracle_run(
          model_path, seed, repeat, tmp)
    except Exception as e:  # the oracle's own failure, not ours
      return Outcome(label, "oracle-fails", f"{_first_line(e)}  [litert: {_ours_alone(model_path)}]")
    if oracle_wrong_reason(model_path):
      return check_against_float_reference(model_path, entry, inputs, ref, label)
    if mode == "safe":
      notes.append("(inputs: index-safe values; the oracle refused random ones)")
    if overrides_for(model_path):
      notes.append("(some inputs set in INPUT_OVERRIDES)")
    # Each litert path (XNNPACK on, off, the Manager) against the oracle's default setup,
    # then against its other setups when outside the tolerance of the default.
    other_refs = {}
    path_outcomes = []
    for path in LITERT_PATHS:
      o = compare_with_litert(model_path, entry, inputs, ref, label, repeat, paths=[path])
      if o.status == "mismatch":
        for resolver in RESOLVERS[1:]:
          if resolver not in other_refs:
            try:
              other_refs[resolver] = run_oracle_isolated(oracle_model, seed, repeat, resolver,
                                                         mode)[2]
            except Exception:
              other_refs[resolver] = None
          if other_refs[resolver] is None:
            continue
          second = compare_with_litert(model_path, entry, inputs, other_refs[resolver], label,
                                       repeat, paths=[path])
          if second.status == "match":
            notes.append(f"({path} matches the oracle's {resolver} kernels; its default setup"
                         f" differs by {o.max_err:.3g}: {o.detail.removeprefix('worst: ')})")
            o = second
            break
      path_outcomes.append(o)
      if o.status not in ("match", "mismatch"):
        break
    if DROP_IN and path_outcomes[-1].status == "match":
      path_outcomes.append(_check_drop_in(model_path, seed, repeat, mode, entry, inputs,
                                          [ref] + [r for r in other_refs.values() if r],
                                          label, notes))
    outcome = max(path_outcomes,
                  key=lambda o: (o.status != "match", o.status == "mismatch", o.max_err))
  if repeat > 1 and outcome.status in ("match", "mismatch"):
    notes.append(f"({repeat} stateful invocations compared)")
  if notes and outcome.status in ("match", "mismatch"):
    outcome.detail = " ".join([outcome.detail] + notes).strip()
  return outcome


# The Python package's drop-in Interpreter as a fourth path, when the package is installed
# (make test installs it): the oracle's own script with the import changed.
try:
  import litert as _litert_package  # noqa: F401
  DROP_IN = True
except ImportError:
  DROP_IN = False


def _check_drop_in(model_path, seed, repeat, mode, entry, inputs, refs, label, notes):
  try:
    d_entry, d_inputs, ours = run_oracle_isolated(model_path, seed, repeat, "AUTO", mode,
                                                  drop_in=True)
  except Exception as e:
    return Outcome(label, "error", f"Python Interpreter: {_first_line(e)}")
  if list(d_inputs) != list(inputs) or any(
      not np.array_equal(d_inputs[k], inputs[k]) for k in inputs):
    return Outcome(label, "error", "Python Interpreter: the script fed different inputs")
  best = None
  for ref in refs:
    worst, ok = 0.0, True
    for key, value in ref.items():
      name = key.split("@")[0]
      detail = dict(entry["outputs"])[name]
      if key not in ours:
        return Outcome(label, "error", f"Python Interpreter: output '{key}' missing")
      e, within = compare(ours[key], value, detail)
      worst, ok = max(worst, e), ok and within
    if ok:
      if ref is not refs[0]:
        notes.append("(Python Interpreter matches another oracle setup)")
      return Outcome(label, "match", "", worst)
    best = worst if best is None else min(best, worst)
  return Outcome(label, "mismatch", "worst: Python Interpreter", best)


def check_against_float_reference(model_path, entry, inputs, ref, label):
  """For ORACLE_WRONG models: confirms the oracle's known wrong answer (all zeros), then
  compares litert with float_reference.evaluate within the usual tolerance."""
  import float_reference

  reason = oracle_wrong_reason(model_path)
  if any(np.any(ref[name] != 0) for name, _ in entry["outputs"]):
    return Outcome(label, "mismatch", f"ORACLE_WRONG says '{reason}', but the oracle now "
                   "returns non-zero outputs: compare with it again")
  expected = float_reference.evaluate(model_path, list(inputs.values()))
  ref2 = {name: e for (name, _), e in zip(entry["outputs"], expected)}
  outcome = compare_with_litert(model_path, entry, inputs, ref2, label)
  if outcome.status == "match":
    outcome = Outcome(label, "oracle-wrong", f"{reason}; litert matches a float64 evaluation"
                      f" of the model (tests/python/float_reference.py) within"
                      f" {outcome.max_err:g} quanta")
  return outcome


# The ways litert runs each model: (name, runner).
LITERT_PATHS = ("litert run", "litert run --use_xnnpack off", "C++ Manager")


def compare_with_litert(model_path, entry, inputs, ref, label, repeat=1, paths=LITERT_PATHS):
  with tempfile.TemporaryDirectory() as tmp:
    files = {}
    for i, (name, arr) in enumerate(inputs.items()):
      f = pathlib.Path(tmp) / f"in{i}.npy"
      np.save(f, arr)
      files[name] = str(f)
    worst, worst_name, ok = 0.0, "", True
    runners = {"litert run": run_cli,
               "litert run --use_xnnpack off": functools.partial(run_cli, xnnpack="off"),
               "C++ Manager": run_manager}
    for path_name in paths:
      runner = runners[path_name]
      ours, err = runner(model_path, entry, files, tmp, repeat)
      if err is not None:
        if "unsupported op" in err or "unsupported custom op" in err:
          return Outcome(label, "unsupported", "litert: " + err.split(": ", 2)[-1])
        return Outcome(label, "error", f"{path_name}: {err}")
      # The Manager path runs one invocation: with state, compare it to the first one.
      steps = [None] if repeat == 1 else (range(repeat) if runner is not run_manager else [0])
      for (name, detail), step in [(o, k) for o in entry["outputs"] for k in steps]:
        key = name if step is None else f"{name}@{step}"
        ours_key = name if (step is None or runner is run_manager) else key
        if ours_key not in ours:
          return Outcome(label, "error", f"{path_name}: output '{ours_key}' missing")
        e, within = compare(ours[ours_key], ref[key], detail)
        if e >= worst:
          worst, worst_name = e, f"{path_name} output '{name}'"
        ok = ok and within
  if ok:
    return Outcome(label, "match", "", worst)
  return Outcome(label, "mismatch", f"worst: {worst_name}", worst)


def summarize(outcomes):
  """The report's count line: matches over the models the oracle runs (and answers right)."""
  counts = {}
  for o in outcomes:
    counts[o.status] = counts.get(o.status, 0) + 1
  runs = len(outcomes) - counts.get("oracle-fails", 0) - counts.get("oracle-wrong", 0)
  detail = ", ".join(f"{v} {k}" for k, v in sorted(counts.items()))
  return counts, (f"corpus: {counts.get('match', 0)}/{runs} match of the models the oracle runs"
                  f" ({len(outcomes)} models: {detail})")


def main():
  ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
  ap.add_argument("models", nargs="*", help="paths relative to the corpus (or absolute)")
  ap.add_argument("--all", action="store_true", help="every .tflite under the corpus")
  ap.add_argument("--report", help="also write the lines to this file")
  ap.add_argument("--seed", type=int, default=1)
  args = ap.parse_args()
  corpus = corpus_dir()
  models = list(args.models)
  if args.all:
    models = sorted(str(p.relative_to(corpus)) for p in corpus.rglob("*.tflite"))
  outcomes = []
  for m in models:
    path = pathlib.Path(m) if os.path.isabs(m) else corpus / m
    outcomes.append(check_model(path, args.seed, label=m))
    print(outcomes[-1].line(), flush=True)
  counts, summary = summarize(outcomes)
  print(summary)
  if args.report:
    header = [
        f"# litert vs the oracle (ai-edge-litert 2.3.0) over ../shared/models, one line per model.",
        "# Regenerate: make reports (runs tests/python/conformance.py --all --report docs/conformance.txt)",
    ]
    lines = [o.line() for o in outcomes]
    pathlib.Path(args.report).write_text("\n".join(header + lines + [summary]) + "\n")
  return 0 if counts.get("mismatch", 0) == 0 and counts.get("error", 0) == 0 else 1


if __name__ == "__main__":
  sys.exit(main())
