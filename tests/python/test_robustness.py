"""Bad calls through the Python package and the command line: each gives a clear error (or,
for arrays litert can read anyway, the right answer), never a crash. CASES also feeds the
Python and CLI rows of docs/robustness.md (robustness_report.py)."""
import os
import pathlib
import subprocess
import threading

import numpy as np
import pytest

import conformance

litert = pytest.importorskip("litert", reason="the litert package is not installed (make test installs it)")

MODEL = conformance.corpus_dir() / "mediapipe-npm" / "face_detection_short_range.tflite"
SHAPE = (1, 128, 128, 3)


def _manager(**kw):
  m = litert.LiteRTManager()
  m.load_model(str(MODEL), num_threads=1, **kw)
  return m


def _cli(*args):
  return subprocess.run([str(conformance.build_dir() / "litert"), *map(str, args)],
                        capture_output=True, text=True, timeout=300)


def _cli_error(*args):
  p = _cli(*args)
  if p.returncode == 0:
    return None
  return (p.stderr.strip().splitlines() or ["(no message)"])[0]


def _drop_in():
  it = litert.Interpreter(model_path=str(MODEL))
  it.allocate_tensors()
  return it


def _truncated(tmp):
  p = pathlib.Path(tmp) / "truncated.tflite"
  p.write_bytes(MODEL.read_bytes()[:5000])
  return p


# (what, fragment the error must contain, call taking a temporary directory). Each call raises.
CASES = [
    ("Python: load_model of a truncated file", "corrupt",
     lambda tmp: litert.LiteRTManager().load_model(str(_truncated(tmp)))),
    ("Python: load_model with limits max_tensor_bytes = 1000", "max_tensor_bytes",
     lambda tmp: _manager(limits={"max_tensor_bytes": 1000})),
    ("Python: load_model with an unknown limit name", "unknown limit 'max_bytes'",
     lambda tmp: _manager(limits={"max_bytes": 1})),
    ("Python: load_model with a limit that is not an integer", "must be an integer",
     lambda tmp: _manager(limits={"max_ops": "many"})),
    ("Python: generate with a float64 array for a float32 input", "float64",
     lambda tmp: _manager().generate({"input": np.zeros(SHAPE)})),
    ("Python: generate with rank 3 for a rank-4 input", "got shape",
     lambda tmp: _manager().generate({"input": np.zeros(SHAPE[1:], np.float32)})),
    ("Python: generate with an object array", "numpy dtype object",
     lambda tmp: _manager().generate({"input": np.array([object()])})),
    ("Python: generate with a dict value that is not an array", "not an array",
     lambda tmp: _manager()._m.generate({"input": [[1.0, "x"]]}, "")),
    ("Python: generate with an extra input the model lacks", "unknown input 'input_1'",
     lambda tmp: _manager().generate({"input": np.zeros(SHAPE, np.float32),
                                      "input_1": np.zeros(SHAPE, np.float32)})),
    ("Python: drop-in resize_tensor_input to a negative dimension", "negative",
     lambda tmp: _drop_in().resize_tensor_input(0, [-1, 128, 128, 3])),
    ("Python: drop-in resize_tensor_input of a fixed dimension to 2**31 - 1", "fixed dimension",
     lambda tmp: (lambda it: (it.resize_tensor_input(0, [2**31 - 1, 128, 128, 3], strict=False),
                              it.allocate_tensors()))(
                                  litert.Interpreter(model_path=str(MODEL)))),
    ("Python: drop-in get_tensor of tensor 100000", "no tensor 100000",
     lambda tmp: _drop_in().get_tensor(100000)),
    ("CLI: litert run on a missing file", "cannot open",
     lambda tmp: _raise(_cli_error("run", "/no/such.tflite"))),
    ("CLI: litert run on a truncated file", "corrupt",
     lambda tmp: _raise(_cli_error("run", _truncated(tmp)))),
    ("CLI: litert run with an input .npy of the wrong shape", "input",
     lambda tmp: _raise(_cli_error("run", MODEL, "--input",
                                   _npy(tmp, np.zeros((1, 4), np.float32))))),
    ("CLI: litert run with an input file that is not .npy", "npy",
     lambda tmp: _raise(_cli_error("run", MODEL, "--input", MODEL))),
    ("CLI: litert run with an input name the model lacks", "no input named 'nosuch'",
     lambda tmp: _raise(_cli_error("run", MODEL, "--input",
                                   f"nosuch={_npy(tmp, np.zeros(SHAPE, np.float32))}"))),
    ("CLI: litert run --signature that does not exist", "nosig",
     lambda tmp: _raise(_cli_error("run", MODEL, "--signature", "nosig"))),
    ("CLI: litert run --max_tensor_bytes 1000", "max_tensor_bytes",
     lambda tmp: _raise(_cli_error("run", MODEL, "--max_tensor_bytes", "1000"))),
    ("CLI: litert bench --num_threads 0", "num_threads",
     lambda tmp: _raise(_cli_error("bench", MODEL, "--num_threads", "0"))),
]


def _npy(tmp, a):
  p = pathlib.Path(tmp) / "x.npy"
  np.save(p, a)
  return p


def _raise(message):
  if message is not None:
    raise litert.LiteRTError(message)


@pytest.mark.parametrize("what,fragment,call", CASES, ids=[c[0] for c in CASES])
def test_bad_call_is_a_clear_error(what, fragment, call, tmp_path):
  with pytest.raises((litert.LiteRTError, ValueError)) as e:
    call(tmp_path)
  assert fragment in str(e.value), str(e.value)


def test_non_contiguous_and_misaligned_arrays_are_read_correctly():
  m = _manager()
  x = np.random.default_rng(1).random(SHAPE, dtype=np.float32)
  want = m.generate({"input": x})["output"]
  # A transposed view (not C-contiguous), a strided view, a Fortran-order copy.
  t = np.ascontiguousarray(x.transpose(0, 2, 1, 3)).transpose(0, 2, 1, 3)
  s = np.repeat(x, 2, axis=3)[..., ::2]
  f = np.asfortranarray(x)
  assert not t.flags.c_contiguous and not s.flags.c_contiguous and not f.flags.c_contiguous
  # Misaligned: the array's data starts one byte into a buffer.
  raw = np.zeros(x.nbytes + 1, np.uint8)
  mis = raw[1:].view(np.float32).reshape(SHAPE)
  mis[...] = x
  assert mis.ctypes.data % 4 != 0
  for a in (t, s, f, mis):
    np.testing.assert_array_equal(m.generate({"input": a})["output"], want)
  it = _drop_in()
  it.set_tensor(it.get_input_details()[0]["index"], mis)
  it.invoke()
  np.testing.assert_array_equal(it.get_tensor(it.get_output_details()[0]["index"]), want)


def test_generate_from_many_threads_takes_turns():
  m = _manager()
  rng = np.random.default_rng(2)
  xs = [rng.random(SHAPE, dtype=np.float32) for _ in range(4)]
  want = [m.generate({"input": x})["output"] for x in xs]
  errors = []

  def work(k):
    try:
      for _ in range(10):
        np.testing.assert_array_equal(m.generate({"input": xs[k]})["output"], want[k])
    except Exception as e:  # pylint: disable=broad-except
      errors.append(e)

  threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
  for t in threads:
    t.start()
  for t in threads:
    t.join()
  assert not errors, errors


def test_unload_while_another_thread_generates_is_safe():
  m = _manager()
  x = np.zeros(SHAPE, np.float32)
  outcomes = []

  def work():
    for _ in range(20):
      try:
        outcomes.append(m.generate({"input": x})["output"].shape)
      except litert.LiteRTError as e:
        outcomes.append(str(e))

  t = threading.Thread(target=work)
  t.start()
  m.unload()
  t.join()
  for o in outcomes:
    assert o == (1, 896, 16) or "no model is loaded" in o, o


def test_concurrent_invoke_on_one_drop_in_interpreter_is_detected():
  it = _drop_in()
  index = it.get_input_details()[0]["index"]
  it.set_tensor(index, np.zeros(SHAPE, np.float32))
  refused, other = [], []

  def work():
    for _ in range(200):
      try:
        it.invoke()
      except litert.LiteRTError as e:
        refused.append(str(e))
      except Exception as e:  # pylint: disable=broad-except
        other.append(e)

  threads = [threading.Thread(target=work) for _ in range(2)]
  for t in threads:
    t.start()
  for t in threads:
    t.join()
  assert not other, other
  assert refused, "two threads invoked 200 times each and never overlapped"
  assert all("another thread" in r for r in refused), refused[:3]


def _rss():
  with open("/proc/self/statm") as f:
    return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_load_generate_unload_1000_cycles_is_flat():
  x = np.zeros(SHAPE, np.float32)

  def cycle():
    m = litert.LiteRTManager()
    m.load_model(str(MODEL), num_threads=1)
    m.generate({"input": x})
    m.unload()

  for _ in range(30):
    cycle()
  before = _rss()
  for _ in range(1000):
    cycle()
  grown = _rss() - before
  assert grown < 8 << 20, f"resident memory grew by {grown} bytes over 1000 cycles"
