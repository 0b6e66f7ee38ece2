#!/usr/bin/env python3
"""Runs the differential op cases: oracle vs litert on single-op models.

  python -m opgen.differential [--ops ADD,CONV_2D] [--cases N] [--seed S] [--report FILE]
(run from tests/python). Prints one line per op: passed/total, the largest error, and the
first failing case."""
import argparse
import importlib
import pathlib
import subprocess
import sys
import tempfile
import zlib

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import conformance  # noqa: E402  (build_dir, isolation helpers)
from opgen.registry import GENERATORS  # noqa: E402


def load_generators():
  for f in sorted(HERE.glob("gen_*.py")):
    importlib.import_module(f"opgen.{f.stem}")


def _oracle(model_path, inputs, resolver):
  from ai_edge_litert.interpreter import Interpreter, OpResolverType

  kind = getattr(OpResolverType, resolver)
  interp = Interpreter(model_path=str(model_path), experimental_op_resolver_type=kind)
  interp.allocate_tensors()
  for d in interp.get_input_details():
    if d["name"] in inputs:
      value = inputs[d["name"]]
      if tuple(d["shape"]) != value.shape:
        interp.resize_tensor_input(d["index"], value.shape)
  interp.allocate_tensors()
  for d in interp.get_input_details():
    interp.set_tensor(d["index"], inputs[d["name"]])
  interp.invoke()
  return {d["name"]: (np.array(interp.get_tensor(d["index"])), d)
          for d in interp.get_output_details()}


def _oracle_child(conn, model_path, inputs, resolver):
  try:
    conn.send(("ok", _oracle(model_path, inputs, resolver)))
  except Exception as e:
    conn.send(("error", str(e).splitlines()[0] if str(e) else repr(e)))
  conn.close()


def run_oracle(model_path, inputs, resolver="AUTO", timeout=120):
  import multiprocessing as mp

  ctx = mp.get_context("fork")
  parent, child = ctx.Pipe(duplex=False)
  p = ctx.Process(target=_oracle_child, args=(child, str(model_path), inputs, resolver))
  p.start()
  child.close()
  result = None
  if parent.poll(timeout):
    try:
      result = parent.recv()
    except EOFError:
      pass
  p.join(5)
  if p.is_alive():
    p.kill()
  if result is None:
    return None, f"oracle crashed (exit code {p.exitcode})"
  if result[0] == "error":
    return None, result[1]
  return result[1], None


def run_litert(model_path, inputs, workdir, xnnpack="on"):
  out = pathlib.Path(workdir) / "out.npz"
  cmd = [str(conformance.build_dir() / "litert"), "run", str(model_path), "-q",
         "--output", str(out), "--use_xnnpack", xnnpack]
  for i, (name, arr) in enumerate(inputs.items()):
    f = pathlib.Path(workdir) / f"in{i}.npy"
    np.save(f, arr)
    cmd += ["--input", f"{name}={f}"]
  p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
  if p.returncode != 0:
    return None, p.stderr.strip()
  with np.load(out) as z:
    return {k: z[k] for k in z.files}, None


def compare(ours, ref, detail, case):
  if ours.shape != ref.shape:
    return float("inf"), False, f"shape {ours.shape} vs oracle {ref.shape}"
  if ref.dtype.kind in "SOU" or ours.dtype.kind in "SOU":  # strings: equal bytes
    differ = sum(bytes(a) != bytes(b) for a, b in zip(ours.ravel(), ref.ravel()))
    return float(differ), differ == 0, f"{differ} strings differ"
  if ours.dtype != ref.dtype:
    return float("inf"), False, f"dtype {ours.dtype} vs oracle {ref.dtype}"
  if ref.size == 0:
    return 0.0, True, ""
  scales = detail.get("quantization_parameters", {}).get("scales", [])
  if ref.dtype.kind in "iu" and len(scales) > 0:
    err = float(np.max(np.abs(ours.astype(np.int64) - ref.astype(np.int64))))
    return err, err <= case.quanta, f"{err:g} quanta"
  if ref.dtype.kind in "iub":
    err = float(np.count_nonzero(ours != ref))
    return err, err == 0, f"{err:g} elements differ"
  a = ours.astype(np.float64)
  b = ref.astype(np.float64)
  if np.any(np.isnan(a) != np.isnan(b)) or np.any(np.isinf(a) != np.isinf(b)):
    return float("inf"), False, "nan/inf pattern differs"
  fin = np.isfinite(b)
  if not fin.any():
    return 0.0, True, ""
  scale = max(1.0, float(np.max(np.abs(b[fin]))))
  err = float(np.max(np.abs(a[fin] - b[fin]))) / scale
  return err, err <= case.float_rtol, f"rel err {err:.3g}"


def _compare_all(ours, ref, case):
  """Returns (passed, worst error, message) of our outputs against one oracle run."""
  worst, ok, msg = 0.0, True, ""
  for name, (arr, detail) in ref.items():
    if name not in ours:
      return False, float("inf"), f"litert lacks output {name}"
    e, within, m = compare(ours[name], arr, detail, case)
    worst = max(worst, e)
    if not within:
      ok, msg = False, f"output {name}: {m}"
  return ok, worst, msg


def run_case(case, workdir):
  """Returns (passed, error, message).

  The oracle runs with its default CPU setup (the XNNPACK delegate where it takes the op) and,
  when that fails or we differ from it, with its builtin kernels alone: the two sometimes
  disagree with each other (STRIDED_SLICE with end 0, for one), and matching the builtin
  kernels, the op's definition, is a pass. The message then says so."""
  workdir = pathlib.Path(workdir)
  spec_file = workdir / "model.json"
  model = workdir / "model.tflite"
  spec_file.write_text(case.spec.json())
  p = subprocess.run([str(conformance.build_dir() / "tests" / "json_to_tflite"), str(spec_file),
                      str(model)], capture_output=True, text=True)
  if p.returncode != 0:
    return False, float("inf"), "model writer: " + p.stderr.strip()
  ref, err = run_oracle(model, case.inputs)
  builtin_only = ref is None
  if ref is None:
    for resolver in ("BUILTIN_WITHOUT_DEFAULT_DELEGATES", "BUILTIN_REF"):
      ref, _ = run_oracle(model, case.inputs, resolver)
      if ref is not None:
        break
    if ref is None:
      return False, float("inf"), f"{ORACLE_CANNOT}: {err}"
  # Every backend that may take the op: litert with XNNPACK on (where it claims the op) and
  # litert's own kernels alone.
  builtin_ref = None
  worst_all, notes = 0.0, []
  for xnnpack in ("on", "off"):
    ours, err = run_litert(model, case.inputs, workdir, xnnpack)
    if ours is None:
      return False, float("inf"), f"litert (XNNPACK {xnnpack}): {err}"
    ok, worst, msg = _compare_all(ours, ref, case)
    if not ok and not builtin_only:
      if builtin_ref is None:
        builtin_ref, _ = run_oracle(model, case.inputs, "BUILTIN_WITHOUT_DEFAULT_DELEGATES")
      if builtin_ref is not None:
        ok2, worst2, _ = _compare_all(ours, builtin_ref, case)
        if ok2:
          ok, worst, msg = True, worst2, f"{XNNPACK_DIFFERS}: {msg}"
    if not ok:
      return False, worst, f"litert (XNNPACK {xnnpack}): {msg}"
    worst_all = max(worst_all, worst)
    if msg:
      notes.append(msg)
  return True, worst_all, notes[0] if notes else ""


ORACLE_CANNOT = "oracle cannot run this case"


XNNPACK_DIFFERS = "matches the builtin kernels; XNNPACK differs"


def run_op(op, cases, seed, skipped=None, xnnpack_differs=None, variants=None):
  """Runs `cases` cases per variant of `op`. Returns (passed, total, worst, failures).
  Cases the oracle itself cannot run prove nothing either way: they are not counted in
  `total`; their count goes to skipped[op] when a dict is given. Passing cases where the
  oracle's XNNPACK path disagreed with its builtin kernels are counted in xnnpack_differs[op].
  `variants`: run only these variants of the op (default: all)."""
  passed = total = 0
  worst = 0.0
  failures = []
  for variant, gen in GENERATORS[op]:
    if variants is not None and variant not in variants:
      continue
    rng = np.random.default_rng([seed, zlib.crc32(variant.encode()) & 0xffff])
    for k in range(cases):
      case = gen(rng)
      with tempfile.TemporaryDirectory() as tmp:
        ok, err, msg = run_case(case, tmp)
      if not ok and msg.startswith(ORACLE_CANNOT):
        if skipped is not None:
          skipped[op] = skipped.get(op, 0) + 1
        continue
      total += 1
      passed += ok
      if ok and msg.startswith(XNNPACK_DIFFERS) and xnnpack_differs is not None:
        xnnpack_differs[op] = xnnpack_differs.get(op, 0) + 1
      if err != float("inf"):
        worst = max(worst, err)
      if not ok:
        failures.append(f"{variant} case {k} ({case.note}): {msg}")
  return passed, total, worst, failures


def main():
  ap = argparse.ArgumentParser()
  ap.add_argument("--ops", help="comma-separated op names (default: all with generators)")
  ap.add_argument("--cases", type=int, default=8, help="cases per op variant")
  ap.add_argument("--seed", type=int, default=0)
  ap.add_argument("--report")
  args = ap.parse_args()
  load_generators()
  ops = args.ops.split(",") if args.ops else sorted(GENERATORS)
  lines, bad = [], 0
  skipped, xnn = {}, {}
  for op in ops:
    passed, total, worst, failures = run_op(op, args.cases, args.seed, skipped, xnn)
    ok = passed == total and total > 0
    line = f"{op:<32} {passed:>4}/{total:<4} {'pass' if ok else 'FAIL'}" \
           f"  max err {worst:.3g}"
    if skipped.get(op):
      line += f"  ({skipped[op]} cases the oracle cannot run, not counted)"
    if xnn.get(op):
      line += f"  ({xnn[op]} cases where the oracle's XNNPACK path disagrees with its" \
              " builtin kernels; we match the builtin kernels)"
    if failures:
      line += f"  first failure: {failures[0]}"
    bad += not ok
    print(line, flush=True)
    lines.append(line)
  summary = f"summary: {len(ops) - bad}/{len(ops)} ops pass every case"
  print(summary)
  if args.report:
    header = [
        "# Differential op tests: random single-op models run by the oracle (ai-edge-litert"
        " 2.3.0) and by litert twice, with XNNPACK on and off; a case passes when both match.",
        f"# One line per op: cases passed/cases run ({args.cases} per variant, seed {args.seed}),"
        " the largest error (quanta for quantized outputs, relative for float ones).",
        "# Regenerate: make reports (runs python -m opgen.differential from tests/python).",
    ]
    pathlib.Path(args.report).write_text("\n".join(header + lines + [summary]) + "\n")
  return 1 if bad else 0


if __name__ == "__main__":
  sys.exit(main())
