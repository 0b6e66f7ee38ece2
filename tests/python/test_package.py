"""The Python package `litert` (pip install .): LiteRTManager as users are promised it.

Runs when the package is installed in the interpreter running pytest (`make test` installs it
into .venv first); otherwise every test here is skipped and says why.
"""
import pathlib
import subprocess
import sys
import tempfile

import numpy as np
import pytest

import conformance

litert = pytest.importorskip("litert", reason="the litert package is not installed (make test installs it)")

MODEL = conformance.corpus_dir() / "mediapipe-npm" / "face_detection_short_range.tflite"


def test_seed_example_runs_verbatim():
  seed = f'''
from litert import LiteRTManager
import numpy as np
manager = LiteRTManager()
success = manager.load_model(model_path="{MODEL}", use_xnnpack=True, use_gpu=False, num_threads=4)
input_tensor = np.zeros((1, 128, 128, 3), np.float32)
result = manager.generate({{"input": input_tensor}})   # numpy in
output = result["output"]                            # numpy out
manager.unload()
assert success is True and output.shape == (1, 896, 16), output.shape
'''
  p = subprocess.run([sys.executable, "-c", seed], capture_output=True, text=True, timeout=300)
  assert p.returncode == 0, p.stderr


def test_outputs_equal_the_cpp_manager():
  rng = np.random.default_rng(3)
  x = rng.random((1, 128, 128, 3), dtype=np.float32)
  with tempfile.TemporaryDirectory() as d:
    np.save(pathlib.Path(d) / "x.npy", x)
    out = pathlib.Path(d) / "out"
    out.mkdir()
    runner = conformance.build_dir() / "tests" / "litert_manager_runner"
    p = subprocess.run([str(runner), str(MODEL), str(out), f"input={pathlib.Path(d) / 'x.npy'}"],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    m = litert.LiteRTManager()
    m.load_model(model_path=str(MODEL), num_threads=1)
    got = m.generate({"input": x})
    names = list(m.output_details)
    for k, name in enumerate(names):
      want = np.load(out / f"{k}.npy")
      np.testing.assert_array_equal(got[name], want, err_msg=name)
    np.testing.assert_array_equal(got["output"], got[names[0]])


def test_outputs_belong_to_the_caller():
  m = litert.LiteRTManager()
  m.load_model(model_path=str(MODEL))
  a = m.generate({"input": np.zeros((1, 128, 128, 3), np.float32)})["output"]
  kept = a.copy()
  b = m.generate({"input": np.ones((1, 128, 128, 3), np.float32)})["output"]
  np.testing.assert_array_equal(a, kept)
  assert not np.array_equal(a, b)
  a[...] = 0  # writable, and ours alone
  m.unload()


def test_details_and_context_manager():
  with litert.LiteRTManager() as m:
    assert m.load_model(str(MODEL)) is True
    assert m.loaded
    d = m.input_details["input"]
    assert d["dtype"] == "float32" and d["shape"] == [1, 128, 128, 3]
    assert set(m.output_details) == {"regressors", "classificators"}
    assert isinstance(m.signatures, dict)
  assert not m.loaded


@pytest.mark.parametrize("call,fragment", [
    (lambda m: m.generate({"input": np.zeros((1, 128, 128, 3), np.float32)}), "no model is loaded"),
    (lambda m: m.input_details, "no model is loaded"),
    (lambda m: m.load_model("/nonexistent/model.tflite"), "cannot open"),
    (lambda m: m.load_model(__file__), "/"),
    (lambda m: m.load_model(str(MODEL), num_threads=0), "num_threads"),
])
def test_errors_before_loading(call, fragment):
  m = litert.LiteRTManager()
  with pytest.raises(litert.LiteRTError, match=fragment.replace("/", ".")):
    call(m)


@pytest.mark.parametrize("inputs,fragment", [
    ({"wrong": np.zeros((1, 128, 128, 3), np.float32)}, "unknown input 'wrong'"),
    ({"input": np.zeros((1, 64, 64, 3), np.float32)}, "got shape"),
    ({"input": np.zeros((1, 128, 128, 3), np.int32)}, "int32"),
    ({"input": np.array(["a"])}, "numpy dtype <U1"),
])
def test_bad_inputs_are_clear_errors(inputs, fragment):
  m = litert.LiteRTManager()
  m.load_model(str(MODEL))
  with pytest.raises(litert.LiteRTError, match=fragment):
    m.generate(inputs)
  assert issubclass(litert.LiteRTError, RuntimeError)


def test_use_after_unload_is_an_error():
  m = litert.LiteRTManager()
  m.load_model(str(MODEL))
  m.unload()
  with pytest.raises(litert.LiteRTError, match="no model is loaded"):
    m.generate({"input": np.zeros((1, 128, 128, 3), np.float32)})


def test_benchmark_prints_the_bench_report_and_consistent_json(tmp_path):
  out = tmp_path / "b.json"
  p = subprocess.run([sys.executable, "-m", "litert.benchmark", "--model", str(MODEL),
                      "--num_runs", "15", "--warmup_runs", "2", "--op_profile", "--json", str(out)],
                     capture_output=True, text=True, timeout=300)
  assert p.returncode == 0, p.stderr
  for line in ("model ", "threads ", "init ", "first inference ", "warm-up ", "timed runs ",
               "memory ", "op profile ", "slowest nodes"):
    assert any(l.startswith(line) for l in p.stdout.splitlines()), line
  import json
  j = json.loads(out.read_text())
  for key in ("model", "model_bytes", "threads", "delegate", "init_ms", "first_ms", "warmup_runs",
              "runs", "avg_ms", "std_ms", "min_ms", "p50_ms", "p90_ms", "p99_ms", "max_ms",
              "peak_rss_bytes", "arena_bytes", "op_profile_ms_per_run"):
    assert key in j, key
  assert j["runs"] == 15 and j["delegate"] == "xnnpack"
  assert j["min_ms"] <= j["p50_ms"] <= j["p90_ms"] <= j["p99_ms"] <= j["max_ms"]
  assert j["min_ms"] <= j["avg_ms"] <= j["max_ms"]


def test_benchmark_bad_model_is_a_clear_error(tmp_path):
  bad = tmp_path / "bad.tflite"
  bad.write_bytes(b"not a model")
  p = subprocess.run([sys.executable, "-m", "litert.benchmark", "--model", str(bad)],
                     capture_output=True, text=True, timeout=60)
  assert p.returncode == 1 and p.stderr.startswith("error: "), p.stderr


# A script written for ai_edge_litert.interpreter.Interpreter: load, allocate, set inputs,
# invoke, read outputs, then every signature through its runner. It runs unchanged with
# litert.Interpreter (the only change a user makes is the import).
def _script(interpreter_class, path):
  rng = np.random.default_rng(7)
  it = interpreter_class(model_path=str(path), num_threads=1)
  it.allocate_tensors()
  for d in it.get_input_details():
    it.set_tensor(d["index"], conformance.seeded_input(d["dtype"], tuple(d["shape"]), rng, d))
  it.invoke()
  outs = [(d, it.get_tensor(d["index"])) for d in it.get_output_details()]
  for key in it.get_signature_list():
    runner = it.get_signature_runner(key)
    feeds = {name: conformance.seeded_input(d["dtype"], tuple(d["shape"]), rng, d)
             for name, d in runner.get_input_details().items()}
    result = runner(**feeds)
    details = runner.get_output_details()
    outs += [(details[name], result[name]) for name in sorted(result)]
  return outs


DROP_IN_MODELS = [
    "mediapipe-npm/face_detection_short_range.tflite",
    "ai-edge-quantizer/ai_edge_quantizer/tests/models/conv_fc_mnist_srq_a8w8.tflite",
    "ai-edge-quantizer/ai_edge_quantizer/tests/models/toy_model_with_kv_cache_multi_signature.tflite",
    "litert/litert/js/packages/core/testdata/add_10x10.tflite",
]


@pytest.mark.parametrize("model", DROP_IN_MODELS)
def test_drop_in_interpreter_matches_ai_edge_litert(model):
  from ai_edge_litert.interpreter import Interpreter as Oracle
  path = conformance.corpus_dir() / model
  ours = _script(litert.Interpreter, path)
  ref = _script(Oracle, path)
  assert len(ours) == len(ref)
  for (d, a), (_, b) in zip(ours, ref):
    err, ok = conformance.compare(a, b, d)
    assert ok, f"{model}: {d['name']} differs by {err}"
  # Details carry ai_edge_litert's keys and types.
  it = litert.Interpreter(model_path=str(path))
  ref_it = Oracle(model_path=str(path))
  for mine, theirs in zip(it.get_input_details(), ref_it.get_input_details()):
    assert set(mine) == set(theirs)
    assert mine["dtype"] == theirs["dtype"] and list(mine["shape"]) == list(theirs["shape"])
    assert mine["index"] == theirs["index"] and mine["name"] == theirs["name"]


def test_drop_in_interpreter_errors_and_views():
  it = litert.Interpreter(model_content=MODEL.read_bytes())
  it.allocate_tensors()
  d = it.get_input_details()[0]
  with pytest.raises(ValueError, match="Dimension mismatch"):
    it.set_tensor(d["index"], np.zeros((1, 64, 64, 3), np.float32))
  with pytest.raises(ValueError, match="expected type FLOAT32"):
    it.set_tensor(d["index"], np.zeros((1, 128, 128, 3), np.int32))
  with pytest.raises(ValueError):
    litert.Interpreter()
  with pytest.raises(litert.LiteRTError):
    litert.Interpreter(model_path="/nonexistent.tflite")
  x = np.ones((1, 128, 128, 3), np.float32)
  it.set_tensor(d["index"], x)
  it.invoke()
  view = it.tensor(it.get_output_details()[0]["index"])()
  np.testing.assert_array_equal(view, it.get_tensor(it.get_output_details()[0]["index"]))
  assert len(it.get_tensor_details()) > len(it.get_input_details())


def test_drop_in_resize_matches_ai_edge_litert():
  from ai_edge_litert.interpreter import Interpreter as Oracle
  path = conformance.corpus_dir() / "ai-edge-quantizer/ai_edge_quantizer/tests/models/conv_fc_mnist_srq_a8w8.tflite"
  x = np.random.default_rng(5).integers(-128, 128, (2, 28, 28, 1)).astype(np.int8)
  outs = []
  for cls in (litert.Interpreter, Oracle):
    it = cls(model_path=str(path))
    d = it.get_input_details()[0]
    assert list(d["shape_signature"]) == [-1, 28, 28, 1]
    it.resize_tensor_input(d["index"], [2, 28, 28, 1])
    it.allocate_tensors()
    it.set_tensor(d["index"], x)
    it.invoke()
    o = it.get_output_details()[0]
    assert list(o["shape"]) == [2, 10]
    outs.append(it.get_tensor(o["index"]))
  err, ok = conformance.compare(outs[0], outs[1], it.get_output_details()[0])
  assert ok, err


def test_drop_in_reset_all_variables_restarts_the_state():
  # A wake-word model whose variables carry state from one invocation to the next.
  path = conformance.corpus_dir() / "pymicro-wakeword/pymicro_wakeword/models/hey_mycroft.tflite"
  it = litert.Interpreter(model_path=str(path))
  it.allocate_tensors()
  rng = np.random.default_rng(2)
  for d in it.get_input_details():
    it.set_tensor(d["index"], conformance.seeded_input(d["dtype"], tuple(d["shape"]), rng, d))
  out = it.get_output_details()[0]["index"]
  it.invoke()
  first = it.get_tensor(out)
  it.invoke()
  it.invoke()
  assert not np.array_equal(it.get_tensor(out), first)  # the state moved on
  it.reset_all_variables()
  it.invoke()
  np.testing.assert_array_equal(it.get_tensor(out), first)


def test_drop_in_runs_every_corpus_model_the_core_runs():
  """Every corpus model, the oracle's script with the litert import (ai_edge_litert is not
  needed for this one): where litert's own `litert run` runs the model, the drop-in runs it
  too and gives its outputs on the same inputs; where `litert run` refuses it, so does the
  drop-in. (Where the oracle runs, the conformance harness also compares it with the oracle.)"""
  failures, compared = [], 0
  for path in sorted(conformance.corpus_dir().rglob("*.tflite")):
    label = str(path.relative_to(conformance.corpus_dir()))
    result, error = None, None
    for mode in ("random", "safe"):  # index-safe inputs where random ones are refused
      try:
        result = conformance.run_oracle_isolated(path, 1, 1, "AUTO", mode, drop_in=True)
        break
      except Exception as e:
        error = e
    if result is None:
      if conformance._ours_alone(path) == "runs it":
        failures.append(f"{label}: litert run runs it, the drop-in fails: {error}")
      continue
    entry, inputs, ours = result
    o = conformance.compare_with_litert(path, entry, inputs, ours, label, paths=["litert run"])
    if o.status != "match":
      failures.append(f"{label}: {o.status} {o.detail}")
    compared += 1
  assert not failures, "\n".join(failures)
  assert compared >= 200, compared
